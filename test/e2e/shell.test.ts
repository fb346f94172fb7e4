/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, login, screenshotOnFailure, useDemoBrowser } from './support/server.js';

const demo = useDemoBrowser();
let page: Page;

beforeEach(async () => {
  page = await demo.browser.newPage({ viewport: DESKTOP });
});
afterEach(async () => {
  await page.close();
});

describe('web shell', () => {
  it('the API documentation (Swagger UI) works under the same Content-Security-Policy', async () => {
    await screenshotOnFailure(page, 'api-docs', async () => {
      const r = await page.goto(`${demo.server.baseUrl}/api/docs/`);
      expect(r?.headers()['content-security-policy']).toContain("script-src 'self'");
      await expect
        .poll(() => page.locator('.swagger-ui .info .title').textContent(), { timeout: 20_000 })
        .toContain('Sokoguru API');
      // the tags from /api/openapi.json (fetched under connect-src 'self'), folded; unfolding
      // one renders its operations
      await expect.poll(() => page.locator('.opblock-tag').count()).toBeGreaterThan(15);
      for (const tag of ['registry', 'health-assessments', 'savings']) {
        await page.locator(`.opblock-tag[data-tag="${tag}"]`).click();
        await expect
          .poll(() => page.locator(`#operations-tag-${tag} ~ div .opblock`).count())
          .toBeGreaterThan(3);
      }
    });
  });

  it('a manager signs in and lands on the cooperative dashboard', async () => {
    await screenshotOnFailure(page, 'login-dashboard', async () => {
      await login(page, demo.server.baseUrl, 'ksp.pengurus');
      await expect.poll(() => page.url()).toMatch(/\/o\/[0-9a-f-]+\/dashboard$/);
      await expect
        .poll(() => page.getByTestId('page-title').textContent())
        .toBe('KSP Sejahtera Bersama Pekalongan');
      expect(await page.getByTestId('user-name').textContent()).toBe('H. Slamet Riyadi');
    });
  });

  it('a wrong password shows the error in Indonesian and stays on the login page', async () => {
    await screenshotOnFailure(page, 'wrong-password', async () => {
      await login(page, demo.server.baseUrl, 'ksp.pengurus', 'salah-sekali');
      await expect
        .poll(() => page.getByTestId('login-error').textContent())
        .toBe('Nama pengguna atau kata sandi salah.');
      expect(page.url()).toMatch(/\/login$/);
    });
  });

  it('switching the language to English changes the interface and the server messages', async () => {
    await screenshotOnFailure(page, 'language', async () => {
      await page.goto(`${demo.server.baseUrl}/login`);
      expect(await page.getByTestId('login-title').textContent()).toBe('Masuk ke Sokoguru');
      await page.getByTestId('language-toggle').getByText('EN').click();
      await expect
        .poll(() => page.getByTestId('login-title').textContent())
        .toBe('Sign in to Sokoguru');
      await page.getByTestId('login-username').fill('ksp.pengurus');
      await page.getByTestId('login-password').fill('salah-sekali');
      await page.getByTestId('login-submit').click();
      await expect
        .poll(() => page.getByTestId('login-error').textContent())
        .toBe('Wrong username or password.');
    });
  });

  it('a member lands on the member home page', async () => {
    await screenshotOnFailure(page, 'member', async () => {
      await login(page, demo.server.baseUrl, 'ksp.anggota');
      await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Beranda Anggota');
      expect(page.url()).toMatch(/\/anggota$/);
      // A member has no staff navigation.
      expect(await page.getByTestId('nav-statements').count()).toBe(0);
    });
  });

  it('a teller lands on the teller page', async () => {
    await screenshotOnFailure(page, 'teller', async () => {
      await login(page, demo.server.baseUrl, 'ksp.kasir');
      await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Kasir');
      expect(page.url()).toMatch(/\/kasir$/);
    });
  });

  it('a user of two cooperatives switches between them', async () => {
    await screenshotOnFailure(page, 'org-switch', async () => {
      await login(page, demo.server.baseUrl, 'demo.pengurus');
      await expect.poll(() => page.getByTestId('page-title').textContent()).toMatch(/Pekalongan$/);
      const first = await page.getByTestId('page-title').textContent();
      await page.getByTestId('org-switcher').click();
      const other =
        first === 'KSP Sejahtera Bersama Pekalongan'
          ? 'KSPPS BMT Al-Amanah Pekalongan'
          : 'KSP Sejahtera Bersama Pekalongan';
      await page.getByRole('option', { name: other }).click();
      await expect.poll(() => page.getByTestId('page-title').textContent()).toBe(other);
    });
  });

  it('on a 360 px phone the navigation folds behind the burger', async () => {
    const phone = await demo.browser.newPage({ viewport: PHONE });
    try {
      await screenshotOnFailure(phone, 'phone', async () => {
        await login(phone, demo.server.baseUrl, 'ksp.pengurus');
        await expect.poll(() => phone.getByTestId('page-title').isVisible()).toBe(true);
        expect(await phone.getByTestId('burger').isVisible()).toBe(true);
        // The collapsed navbar slides off-canvas: its links sit left of the screen until the burger opens it.
        const leftOf = async () =>
          (await phone.getByTestId('nav-statements').boundingBox())?.x ?? -1;
        expect(await leftOf()).toBeLessThan(0);
        await phone.getByTestId('burger').click();
        await expect.poll(leftOf).toBeGreaterThanOrEqual(0);
        const width = await phone.evaluate(() => document.documentElement.scrollWidth);
        expect(width).toBeLessThanOrEqual(360);
      });
    } finally {
      await phone.close();
    }
  });

  it('the balance sheet of the demo KSP balances on screen', async () => {
    await screenshotOnFailure(page, 'statements', async () => {
      await login(page, demo.server.baseUrl, 'ksp.pengurus');
      await page.getByTestId('nav-statements').click();
      await expect
        .poll(() => page.getByTestId('statement-note').first().textContent())
        .toBe('Aset = kewajiban + ekuitas: seimbang.');
    });
  });
});
