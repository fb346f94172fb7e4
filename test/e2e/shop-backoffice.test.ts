/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type ApiSession } from './support/api.js';
import { axeViolations } from './support/axe.js';
import { login, PHONE, useDemoBrowser, type Viewport } from './support/server.js';

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 768 };

/** The demo's consumer cooperative (KSU Konsumen) is the one with a shop. */
const MANAGER = 'konsumen.pengurus';
/** The demo's cashier: sells (shop.sell) but cannot approve; the pengurus supervises (shop.supervise). */
const CASHIER = 'konsumen.kasir';

interface Outlet {
  id: string;
  code: string;
  name: string;
  active: boolean;
}
interface Supplier {
  id: string;
  name: string;
  consignment: boolean;
  active: boolean;
}
interface StockRow {
  sku: string;
  outletId: string;
  qtyBase: string;
  valueRupiah: string;
}

let pengurus: ApiSession;
let outlet: Outlet;
let outlets: number;
let supplier: Supplier;

/** The demo's shop outlet and a regular supplier; the test's own where the demo has none yet. */
async function shopForTheTest(api: ApiSession): Promise<void> {
  let active = (await api.call<{ items: Outlet[] }>('/shop/outlets')).items.filter((o) => o.active);
  if (active.length === 0) {
    await api.call('/shop/outlets', { code: 'TK1', name: 'Toko Koperasi', address: null });
    active = (await api.call<{ items: Outlet[] }>('/shop/outlets')).items.filter((o) => o.active);
  }
  outlet = active[0]!;
  outlets = active.length;
  let regular = (await api.call<{ items: Supplier[] }>('/shop/suppliers')).items.filter(
    (s) => s.active && !s.consignment,
  );
  if (regular.length === 0) {
    await api.call('/shop/suppliers', { name: 'CV Sumber Rejeki', consignment: false });
    regular = (await api.call<{ items: Supplier[] }>('/shop/suppliers')).items.filter(
      (s) => s.active && !s.consignment,
    );
  }
  supplier = regular[0]!;
}

const row = (page: Page, testId: string, sku: string) =>
  page.locator(`[data-testid="${testId}"][data-sku="${sku}"]`);

/** Opens a Mantine Select (typing into it when searchable) and picks the option. */
async function pick(page: Page, testId: string, option: string | RegExp, type?: string) {
  const input = page.getByTestId(testId);
  await input.click();
  if (type !== undefined) await input.fill(type);
  await page.getByRole('option', { name: option }).first().click();
}

async function openTab(page: Page, tab: string, checkAxe: boolean) {
  await page.getByTestId(`shop-tab-${tab}`).click();
  await expect
    .poll(() => page.getByTestId(`shop-tab-${tab}`).getAttribute('aria-selected'))
    .toBe('true');
  if (checkAxe) expect(await axeViolations(page), `axe on the tab ${tab}`).toEqual([]);
}

/**
 * The manager's journey: a product with a dus of 24, two dus received at Rp 480,000, the stock up
 * by 48 pcs, an opname that counts 47 (one short at Rp 10,000 average cost).
 */
async function journey(page: Page, sku: string, barcode: string, viewport: Viewport) {
  const phone = viewport.width < 500;
  const fits = async () =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      viewport.width,
    );
  await login(page, demo.server.baseUrl, MANAGER);
  await expect.poll(() => page.getByTestId('page-title').isVisible()).toBe(true);
  if (await page.getByTestId('burger').isVisible()) await page.getByTestId('burger').click();
  await page.getByTestId('nav-toko').click();
  await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Toko');

  // Barang: add the product
  await page.getByTestId('shop-product-add').click();
  await page.getByTestId('shop-new-sku').fill(sku);
  await page.getByTestId('shop-new-name').fill(`Teh Celup Uji ${sku}`);
  await page.getByTestId('shop-new-category').fill('Minuman');
  await page.getByTestId('shop-new-barcode').fill(barcode);
  await page.getByTestId('shop-new-reorder').fill('10');
  await page.getByTestId('shop-new-member-price').fill('12000');
  await page.getByTestId('shop-new-public-price').fill('12500');
  await page.getByRole('switch', { name: 'Ada kemasan (dus)' }).check();
  await page.getByTestId('shop-new-pack-factor').fill('24');
  if (!phone) expect(await axeViolations(page), 'axe on the product form').toEqual([]);
  await page.getByTestId('shop-new-save').click();
  await expect.poll(() => page.getByTestId('shop-new-save').count()).toBe(0);
  await page.getByTestId('shop-product-search').fill(sku);
  await expect.poll(() => row(page, 'shop-product-row', sku).count()).toBe(1);
  expect(await row(page, 'shop-product-row', sku).textContent()).toContain('Rp\u00a012.000');
  // nothing in stock yet: at or below its low-stock level
  expect(await row(page, 'shop-product-row', sku).getByTestId('shop-product-low').count()).toBe(1);
  if (phone) await fits();

  // Penerimaan barang: two dus at Rp 480,000 on the supplier's invoice
  await openTab(page, 'penerimaan', !phone);
  await pick(page, 'shop-receipt-supplier', supplier.name);
  if (outlets > 1) await pick(page, 'shop-receipt-outlet', `${outlet.code} · ${outlet.name}`);
  await page.getByTestId('shop-receipt-invoice').fill(`INV-${sku}`);
  await pick(page, 'shop-receipt-product', new RegExp(`^${sku} · `), sku);
  await pick(page, 'shop-receipt-unit', 'dus (24 pcs)');
  await page.getByTestId('shop-receipt-qty').fill('2');
  await page.getByTestId('shop-receipt-cost').fill('480000');
  await expect
    .poll(() => page.getByTestId('shop-receipt-total').textContent())
    .toBe('Total: Rp\u00a0480.000');
  await page.getByTestId('shop-receipt-save').click();
  await expect
    .poll(() => page.getByTestId('shop-receipt-done').textContent())
    .toContain('Rp\u00a0480.000');
  const invoice = page.locator('[data-testid="shop-receipt-row"]', { hasText: `INV-${sku}` });
  await expect
    .poll(() => invoice.getByTestId('shop-receipt-remaining').textContent())
    .toBe('Rp\u00a0480.000');
  if (phone) await fits();

  // Stok: 48 pcs at the outlet
  await openTab(page, 'stok', !phone);
  await pick(page, 'shop-stock-outlet', `${outlet.code} · ${outlet.name}`);
  await page.getByTestId('shop-stock-search').fill(sku);
  await expect
    .poll(() => row(page, 'shop-stock-row', sku).getByTestId('shop-stock-qty').textContent())
    .toBe('48 pcs');
  if (phone) await fits();

  // Opname: 47 counted, one short
  await openTab(page, 'opname', !phone);
  if (outlets > 1) await pick(page, 'shop-opname-outlet', `${outlet.code} · ${outlet.name}`);
  await page.getByTestId('shop-opname-search').fill(sku);
  await expect
    .poll(() => row(page, 'shop-opname-row', sku).getByTestId('shop-opname-system').textContent())
    .toBe('48 pcs');
  await row(page, 'shop-opname-row', sku).getByTestId('shop-opname-counted').fill('47');
  await page.getByTestId('shop-opname-post').click();
  await expect
    .poll(() => page.getByTestId('shop-opname-variance').textContent())
    .toMatch(/^1 barang berselisih, nilai selisih -Rp\s?10\.000$/);
  expect(await page.getByTestId('shop-opname-diff').allTextContents()).toEqual(['-1']);
  await expect
    .poll(() => row(page, 'shop-opname-row', sku).getByTestId('shop-opname-system').textContent())
    .toBe('47 pcs');
  if (phone) await fits();

  // the product's detail: the receipt and the opname among its moves
  await openTab(page, 'barang', false);
  await page.getByTestId('shop-product-search').fill(sku);
  await row(page, 'shop-product-row', sku)
    .getByRole('button', { name: /^Rincian/ })
    .click();
  await expect.poll(() => page.getByTestId('shop-detail-move').count()).toBe(2);
  expect(await page.getByTestId('shop-detail-stock').textContent()).toContain('47 pcs');
  if (!phone) expect(await axeViolations(page), 'axe on the product detail').toEqual([]);
  await page.keyboard.press('Escape');
  await expect.poll(() => page.getByTestId('shop-product-detail').count()).toBe(0);

  // the other tabs read and fit too
  for (const tab of ['titip', 'pemasok', 'penjualan']) {
    await openTab(page, tab, !phone);
    if (phone) await fits();
  }
  await expect
    .poll(() => page.getByTestId('shop-sales-summary').textContent())
    .toMatch(/^\d+ penjualan/);
}

interface SaleRow {
  id: string;
  receiptNumber: string;
  paymentMethod: string;
  status: string;
}
interface SaleLine {
  lineNo: number;
  name: string;
  qty: string;
  qtyBase: string;
  amountRupiah: string;
  returnedQtyBase: string;
}
interface SaleDetail extends SaleRow {
  businessDate: string;
  lines: SaleLine[];
}

/**
 * The newest posted QRIS sale of the demo with a line of which one piece can go back at an exact
 * price (its amount divisible by its quantity). QRIS: the refund goes back through the QRIS
 * clearing, no open cash session is needed (a cash refund comes out of the cashier's open drawer).
 */
async function saleToReturn(): Promise<{ sale: SaleDetail; line: SaleLine }> {
  const rows = (await pengurus.call<{ items: SaleRow[] }>('/shop/sales?limit=200')).items;
  for (const r of rows.filter((x) => x.status === 'posted' && x.paymentMethod === 'qris')) {
    const sale = await pengurus.call<SaleDetail>(`/shop/sales/${r.id}`);
    // sold in its base unit (pcs, not a pack or a weighed good), two or more of it still kept
    const line = sale.lines.find(
      (l) =>
        l.qty === l.qtyBase &&
        BigInt(l.qtyBase) - BigInt(l.returnedQtyBase) >= 2n &&
        BigInt(l.amountRupiah) % BigInt(l.qtyBase) === 0n &&
        BigInt(l.amountRupiah) / BigInt(l.qtyBase) >= 500n,
    );
    if (line) return { sale, line };
  }
  throw new Error('the demo has no QRIS sale with a line to return');
}

const rp = (n: bigint) => `Rp\u00a0${n.toLocaleString('id-ID')}`;

async function stockOf(sku: string): Promise<StockRow> {
  const rows = (await pengurus.call<{ items: StockRow[] }>(`/shop/stock?outletId=${outlet.id}`))
    .items;
  return rows.find((r) => r.sku === sku)!;
}

describe("the shop's back office in the browser", () => {
  beforeAll(async () => {
    pengurus = await apiAs(demo.server.baseUrl, MANAGER);
    await shopForTheTest(pengurus);
  });

  it('on a 1366 px laptop the manager adds a product, receives two dus, sees the stock rise and posts an opname with one short', async () => {
    await withPage(
      'shop-backoffice',
      (page) => journey(page, 'E2E-TEH-L', '8997001000011', LAPTOP),
      LAPTOP,
    );
    // 48 received at Rp 10,000 each, one counted short: 47 left at Rp 470,000
    expect(await stockOf('E2E-TEH-L')).toMatchObject({ qtyBase: '47', valueRupiah: '470000' });
  });

  it('on a 360 px phone the same journey fits the screen', async () => {
    await withPage(
      'shop-backoffice-phone',
      (page) => journey(page, 'E2E-TEH-P', '8997001000028', PHONE),
      PHONE,
    );
    expect(await stockOf('E2E-TEH-P')).toMatchObject({ qtyBase: '47', valueRupiah: '470000' });
  });

  it('the cashier returns one unit of a sale with the pengurus as supervisor and sees the refund; a wrong supervisor password changes nothing', async () => {
    const { sale, line } = await saleToReturn();
    const before = BigInt(line.returnedQtyBase);
    const refund = BigInt(line.amountRupiah) / BigInt(line.qtyBase);
    await withPage(
      'shop-backoffice-return',
      async (page) => {
        await login(page, demo.server.baseUrl, CASHIER);
        await expect.poll(() => page.getByTestId('page-title').isVisible()).toBe(true);
        await page.getByTestId('nav-toko').click();
        await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Toko');
        await openTab(page, 'penjualan', false);
        await page.getByTestId('shop-sales-date').fill(sale.businessDate);
        const saleRow = page.locator(
          `[data-testid="shop-sale-row"][data-receipt="${sale.receiptNumber}"]`,
        );
        await saleRow.getByTestId('shop-sale-adjust').click();
        const modal = page.getByTestId('shop-adjust');
        await expect
          .poll(() => modal.getByTestId('shop-adjust-line').count())
          .toBe(sale.lines.length);
        const lineRow = modal.locator(
          `[data-testid="shop-adjust-line"][data-line="${line.lineNo}"]`,
        );
        expect(await lineRow.textContent()).toContain(line.name);
        expect(await axeViolations(page), 'axe on the return modal').toEqual([]);

        // one unit back, approved by the pengurus with their own password
        await lineRow.getByTestId('shop-adjust-qty').fill('1');
        await modal.getByTestId('shop-adjust-reason').fill('Kemasan rusak');
        await modal.getByTestId('shop-adjust-supervisor').fill(MANAGER);
        await modal.getByTestId('shop-adjust-password').fill('Sokoguru#2026');
        await modal.getByTestId('shop-adjust-submit').click();
        await expect
          .poll(() => modal.getByTestId('shop-adjust-done').textContent())
          .toBe(`Retur tercatat: ${rp(refund)} dikembalikan lewat QRIS.`);
        await expect
          .poll(() => lineRow.getByTestId('shop-adjust-returned').textContent())
          .toBe(String(before + 1n));

        // another unit with a wrong supervisor password: refused with the server's message
        await lineRow.getByTestId('shop-adjust-qty').fill('1');
        await modal.getByTestId('shop-adjust-password').fill('salah-sandi');
        await modal.getByTestId('shop-adjust-submit').click();
        await expect
          .poll(() => modal.getByTestId('shop-adjust-error').textContent())
          .toBe('Perlu persetujuan supervisor (pengurus) lain dengan kata sandinya.');
        expect(await lineRow.getByTestId('shop-adjust-returned').textContent()).toBe(
          String(before + 1n),
        );
        expect(await axeViolations(page), 'axe on the refused return').toEqual([]);

        // the modal on a 360 px phone
        await page.setViewportSize(PHONE);
        await page.screenshot({ path: 'test-results/shop-backoffice-return-phone.png' });
        await page.setViewportSize(LAPTOP);
        await page.screenshot({ path: 'test-results/shop-backoffice-return-laptop.png' });
      },
      LAPTOP,
    );
    // one unit returned, the refused try changed nothing
    const after = await pengurus.call<SaleDetail>(`/shop/sales/${sale.id}`);
    expect(after.status).toBe('posted');
    expect(after.lines.find((l) => l.lineNo === line.lineNo)!.returnedQtyBase).toBe(
      String(before + 1n),
    );
  });
});
