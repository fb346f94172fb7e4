/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { login, useDemoBrowser } from './support/server.js';

const demo = useDemoBrowser();
const { withPage } = demo;

describe('books in the browser', () => {
  it('a manual entry waits for a second manager, then posts and is found in the journal; a month closes', async () => {
    await withPage('manual-entry', async (page) => {
      await login(page, demo.server.baseUrl, 'ksp.pengurus');
      await page.getByTestId('nav-books').click();
      await page.getByTestId('manual-description').fill('Koreksi biaya alat tulis uji');
      await page.getByTestId('manual-account-0').fill('5207');
      await page.getByTestId('manual-debit-0').fill('125000');
      await page.getByTestId('manual-account-1').fill('1101');
      await page.getByTestId('manual-credit-1').fill('125000');
      await page.getByTestId('manual-submit').click();
      await expect
        .poll(() => page.getByTestId('books-notice').textContent())
        .toContain('setelah disetujui');
      // not in the journal yet
      await page.getByTestId('nav-journal').click();
      await page.getByPlaceholder('Keterangan').fill('alat tulis uji');
      await expect.poll(() => page.locator('tbody tr').count()).toBe(0);
    });
    await withPage('manual-approve', async (page) => {
      await login(page, demo.server.baseUrl, 'demo.pengurus');
      await expect.poll(() => page.getByTestId('page-title').textContent()).toMatch(/Pekalongan$/);
      if (
        (await page.getByTestId('page-title').textContent()) !== 'KSP Sejahtera Bersama Pekalongan'
      ) {
        await page.getByTestId('org-switcher').click();
        await page.getByRole('option', { name: 'KSP Sejahtera Bersama Pekalongan' }).click();
      }
      await page.getByTestId('nav-approvals').click();
      const card = page.locator('.mantine-Card-root', { hasText: 'alat tulis uji' }).first();
      await card.getByRole('button', { name: 'Setujui' }).click();
      await page.getByTestId('nav-journal').click();
      await page.getByPlaceholder('Keterangan').fill('alat tulis uji');
      await expect
        .poll(() => page.locator('tbody tr').first().textContent())
        .toContain('Rp\u00a0125.000');
      // the first open month closes (the demo's earlier months are closed)
      await page.getByTestId('nav-books').click();
      await page.getByTestId('close-period').click();
      await expect
        .poll(() => page.getByTestId('books-notice').textContent())
        .toMatch(/^Bulan 2026-\d\d ditutup\.$/);
    });
  });
});
