/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs } from './support/api.js';
import { axeViolations } from './support/axe.js';
import { login, PHONE, useDemoBrowser, type Viewport } from './support/server.js';

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 768 };

/** The demo's consumer cooperative has the marketplace (src/services/demo/marketplace.ts). */
const MANAGER = 'konsumen.pengurus';

let orgId = '';
let statusUrl = '';
let orderNumber = '';

const fits = async (page: Page, width: number) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    width,
  );

/** The manager moves the order one step from the status tab it is in. */
async function step(page: Page, from: string, action: string) {
  await page
    .getByTestId('pasar-desk-status')
    .getByText(new RegExp(`^${from}`))
    .click();
  const row = page.locator(`[data-testid="pasar-desk-order"][data-number="${orderNumber}"]`);
  await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
  await row.getByTestId(`pasar-desk-${action}`).click();
  await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(0);
}

describe('the marketplace in the browser', () => {
  beforeAll(async () => {
    orgId = (await apiAs(demo.server.baseUrl, MANAGER)).orgId;
  });

  it('a visitor on a 360 px phone finds a product, orders it without an account and gets a status link', async () => {
    await withPage(
      'marketplace-visitor',
      async (page) => {
        await page.goto(`${demo.server.baseUrl}/pasar/${orgId}`);
        await expect
          .poll(() => page.getByTestId('pasar-item').count(), { timeout: 30_000 })
          .toBeGreaterThan(0);
        // photos load from the server as images
        await expect
          .poll(() =>
            page.evaluate(() =>
              [...document.querySelectorAll('[data-testid="pasar-item"] img')].some(
                (i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0,
              ),
            ),
          )
          .toBe(true);
        expect(await axeViolations(page), 'axe on the storefront').toEqual([]);
        await fits(page, PHONE.width);
        // the members' producers are a filter: pick the first producer's goods
        await page.getByTestId('pasar-search').fill('');
        const add = page
          .getByRole('button', { name: /^Tambah .* ke keranjang$/ })
          .and(page.locator(':enabled'));
        await add.first().click();
        await expect.poll(() => page.getByTestId('pasar-line').count()).toBe(1);
        await page.getByTestId('pasar-name').fill('Ibu Uji Peramban');
        await page.getByTestId('pasar-phone').fill('0812 3456 7890');
        await page.getByTestId('pasar-address').fill('Jl. Uji Coba 1, Pekalongan');
        expect(await axeViolations(page), 'axe on the order form').toEqual([]);
        await fits(page, PHONE.width);
        await page.getByTestId('pasar-send').click();
        await expect
          .poll(() => page.getByTestId('pasar-placed').count(), { timeout: 15_000 })
          .toBe(1);
        const title = (await page.getByTestId('pasar-placed').textContent()) ?? '';
        orderNumber = /PD-\d+/.exec(title)?.[0] ?? '';
        expect(orderNumber).toMatch(/^PD-\d{6}$/);
        statusUrl = (await page.getByTestId('pasar-status-link').getAttribute('href')) ?? '';
        expect(statusUrl).toMatch(new RegExp(`^/pasar/${orgId}/pesanan/[0-9a-f]{32}$`));
        await page.getByTestId('pasar-status-link').click();
        await expect.poll(() => page.getByTestId('pasar-order-status').textContent()).toBe('Baru');
        expect(await axeViolations(page), 'axe on the status page').toEqual([]);
        await fits(page, PHONE.width);
      },
      PHONE,
    );
  });

  it('the shop manager confirms, packs and delivers it; the order shows its receipt', async () => {
    expect(orderNumber).not.toBe('');
    await withPage(
      'marketplace-desk',
      async (page) => {
        await login(page, demo.server.baseUrl, MANAGER);
        await expect.poll(() => page.getByTestId('page-title').isVisible()).toBe(true);
        await page.getByTestId('nav-toko').click();
        await page.getByTestId('shop-tab-pasar').click();
        await expect.poll(() => page.getByTestId('pasar-desk-orders').count()).toBe(1);
        expect(await axeViolations(page), 'axe on the order desk').toEqual([]);
        await step(page, 'Baru', 'confirm');
        await step(page, 'Dikonfirmasi', 'pack');
        await step(page, 'Dikemas', 'deliver');
        await page
          .getByTestId('pasar-desk-status')
          .getByText(/^Diantar/)
          .click();
        const row = page.locator(`[data-testid="pasar-desk-order"][data-number="${orderNumber}"]`);
        await expect
          .poll(() => row.getByTestId('pasar-desk-receipt').textContent())
          .toMatch(/^Struk PD-0*\d+$/);
        expect(await axeViolations(page), 'axe on the delivered orders').toEqual([]);
      },
      LAPTOP,
    );
    await withPage(
      'marketplace-status',
      async (page) => {
        await page.goto(`${demo.server.baseUrl}${statusUrl}`);
        await expect
          .poll(() => page.getByTestId('pasar-order-status').textContent())
          .toBe('Diantar');
        expect(await page.getByTestId('pasar-order-receipt').textContent()).toMatch(/^Struk PD-/);
        await fits(page, PHONE.width);
      },
      PHONE,
    );
  });
});
