/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type ApiSession } from './support/api.js';
import { login, PHONE, useDemoBrowser } from './support/server.js';

const demo = useDemoBrowser();
const { withPage } = demo;
const TILL_DESKTOP = { width: 1366, height: 768 };

interface Till {
  id: string;
  code: string;
  outletId: string;
  deskId: string;
  active: boolean;
}
interface CatalogueItem {
  id: string;
  name: string;
  memberPriceRupiah: string;
  publicPriceRupiah: string;
  units: { unit: string; factorBase: string; barcode: string | null }[];
}
interface SaleRow {
  receiptNumber: string;
  totalRupiah: string;
  paymentMethod: string;
  status: string;
  offline: boolean;
}

/** A product the till sells by scanning: its barcode for one base unit. */
interface Scannable {
  name: string;
  barcode: string;
  memberPrice: bigint;
  publicPrice: bigint;
}

/** The demo's consumer cooperative (KSU Konsumen) is the one with a shop. */
const CASHIER = 'konsumen.kasir';
const MANAGER = 'konsumen.pengurus';
/** konsumen.anggota's member number; she pays from her sukarela */
const MEMBER_NUMBER = '000001';

let till: Till;
let memberName: string;
let products: [Scannable, Scannable];
let pengurus: ApiSession;

/**
 * The demo's shop till and two products with a barcode on their base unit; a shop of the test's
 * own (outlet, till on a cash desk, two products) where the demo has none yet.
 */
async function shopForTheTest(api: ApiSession): Promise<void> {
  let tills = (await api.call<{ items: Till[] }>('/shop/tills')).items.filter((t) => t.active);
  if (tills.length === 0) {
    const outlet = await api.call<{ id: string }>('/shop/outlets', {
      code: 'TK1',
      name: 'Toko Koperasi',
      address: 'Jl. Hayam Wuruk No. 1',
    });
    const desks = await api.call<{ items: { id: string; code: string }[] }>('/cash-desks');
    const desk = desks.items[desks.items.length - 1]!;
    await api.call('/shop/tills', {
      outletId: outlet.id,
      code: 'K1',
      name: 'Kasir 1',
      deskId: desk.id,
    });
    for (const p of [
      {
        sku: 'E2E-BERAS5',
        name: 'Beras Pandan Wangi 5 kg',
        category: 'Sembako',
        baseUnit: 'pcs',
        memberPriceRupiah: '72000',
        publicPriceRupiah: '75000',
        barcode: '8990000100017',
      },
      {
        sku: 'E2E-MINYAK1',
        name: 'Minyak Goreng 1 L',
        category: 'Sembako',
        baseUnit: 'pcs',
        memberPriceRupiah: '17500',
        publicPriceRupiah: '18500',
        barcode: '8990000100024',
        units: [{ unit: 'dus', factorBase: '12', barcode: '8990000100031' }],
      },
    ])
      await api.call('/shop/products', p);
    tills = (await api.call<{ items: Till[] }>('/shop/tills')).items.filter((t) => t.active);
  }
  till = tills[0]!;
  const catalogue = await api.call<{ items: CatalogueItem[] }>(
    `/shop/catalogue?outletId=${till.outletId}`,
  );
  const scannable = catalogue.items.flatMap((p) => {
    const u = p.units.find((x) => x.factorBase === '1' && x.barcode);
    // a product priced by its base unit, so one scan is one unit at the product's price
    return u?.barcode
      ? [
          {
            name: p.name,
            barcode: u.barcode,
            memberPrice: BigInt(p.memberPriceRupiah),
            publicPrice: BigInt(p.publicPriceRupiah),
          },
        ]
      : [];
  });
  expect(scannable.length).toBeGreaterThanOrEqual(2);
  // the two cheapest, so the member's sukarela covers them
  scannable.sort((x, y) =>
    x.memberPrice < y.memberPrice ? -1 : x.memberPrice > y.memberPrice ? 1 : 0,
  );
  products = [scannable[0]!, scannable[1]!];
}

const rp = (v: bigint) => `Rp\u00a0${v.toLocaleString('id-ID')}`;

async function scan(page: Page, barcode: string) {
  // a USB scanner is a keyboard: the digits, then Enter, into whatever has the focus
  await page.keyboard.type(barcode);
  await page.keyboard.press('Enter');
}

async function openTill(page: Page) {
  await login(page, demo.server.baseUrl, CASHIER);
  await expect.poll(() => page.getByTestId('page-title').isVisible()).toBe(true);
  // on a phone the menu is behind the burger
  if (await page.getByTestId('burger').isVisible()) await page.getByTestId('burger').click();
  await page.getByTestId('nav-toko/kasir').click();
  await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Kasir toko');
  if ((await page.getByTestId('pos-till').inputValue()) === '') {
    await page.getByTestId('pos-till').click();
    await page.getByRole('option', { name: new RegExp(`^${till.code} `) }).click();
  }
  await expect
    .poll(async () =>
      (await page.getByTestId('pos-shift').isVisible()) ||
      (await page.getByTestId('pos-open-shift').isVisible())
        ? 'ready'
        : 'waiting',
    )
    .toBe('ready');
  if (await page.getByTestId('pos-open-shift').isVisible()) {
    await page.getByTestId('pos-float').fill('300000');
    await page.getByTestId('pos-open-shift').click();
  }
  await expect.poll(() => page.getByTestId('pos-shift').isVisible()).toBe(true);
  await expect.poll(() => page.getByTestId('pos-catalogue').textContent()).toMatch(/Katalog: \d+/);
}

describe('the shop till in the browser', () => {
  beforeAll(async () => {
    pengurus = await apiAs(demo.server.baseUrl, MANAGER);
    await shopForTheTest(pengurus);
    const member = await pengurus.call<{ name: string; sukarela: { availableRupiah: string } }>(
      `/shop/members/lookup?q=${MEMBER_NUMBER}`,
    );
    memberName = member.name;
    // enough in her sukarela for the two items at member price
    expect(BigInt(member.sukarela.availableRupiah)).toBeGreaterThan(
      products[0].memberPrice + products[1].memberPrice,
    );
  });

  it('a cashier scans two items, sells to a member on account and prints the receipt; offline, two cash sales are kept and sync once when the network is back', async () => {
    const [a, b] = products;
    const receipts = await withPage(
      'shop-pos',
      async (page) => {
        await openTill(page);
        await expect.poll(() => page.getByTestId('pos-online').textContent()).toBe('Online');
        // the scan box has the focus: the scanner's keystrokes land there
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
          .toBe('pos-scan');
        await scan(page, a.barcode);
        await expect.poll(() => page.getByTestId('pos-line').count()).toBe(1);
        await scan(page, b.barcode);
        await expect.poll(() => page.getByTestId('pos-line').count()).toBe(2);
        await expect
          .poll(() => page.getByTestId('pos-total').textContent())
          .toBe(rp(a.publicPrice + b.publicPrice));
        // an unknown barcode is said so and adds nothing
        await scan(page, '0000000000000');
        await expect
          .poll(() => page.getByTestId('pos-scan-note').textContent())
          .toContain('tidak ada di katalog');
        expect(await page.getByTestId('pos-line').count()).toBe(2);

        // the member: member prices, her sukarela to pay from
        await page.getByTestId('pos-member-input').fill(MEMBER_NUMBER);
        await page.getByTestId('pos-member-input').press('Enter');
        await expect.poll(() => page.getByTestId('pos-member').textContent()).toContain(memberName);
        await expect
          .poll(() => page.getByTestId('pos-member-sukarela').textContent())
          .toMatch(/^Rp/);
        const memberTotal = a.memberPrice + b.memberPrice;
        await expect.poll(() => page.getByTestId('pos-total').textContent()).toBe(rp(memberTotal));
        await page.getByLabel('Potong simpanan sukarela').check();
        await page.getByTestId('pos-pay').click();
        await expect.poll(() => page.getByTestId('receipt').isVisible()).toBe(true);
        const first = (await page.getByTestId('receipt-number').textContent()) ?? '';
        expect(first).toMatch(new RegExp(`^${till.code}-\\d{6}$`));
        expect(await page.getByTestId('receipt-line').count()).toBe(2);
        const receiptText = (await page.getByTestId('receipt').textContent()) ?? '';
        expect(receiptText).toContain(a.name);
        expect(receiptText).toContain(b.name);
        expect(receiptText).toContain('Potong simpanan sukarela');
        expect(await page.getByTestId('receipt-total').textContent()).toBe(rp(memberTotal));
        expect(await page.getByTestId('receipt-member').textContent()).toContain(MEMBER_NUMBER);
        expect(await page.getByTestId('receipt-hash').textContent()).toMatch(/^[0-9a-f]{12}$/);
        // printing prints the receipt alone, at the paper's width
        await page.evaluate(() => {
          const w = window as unknown as { printed: number };
          w.printed = 0;
          window.print = () => {
            w.printed += 1;
          };
        });
        await page.getByTestId('pos-print').click();
        expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(
          1,
        );
        await page.emulateMedia({ media: 'print' });
        expect(await page.getByTestId('receipt').isVisible()).toBe(true);
        expect(await page.getByTestId('page-title').isVisible()).toBe(false);
        const widthMm = await page
          .getByTestId('receipt')
          .evaluate((el) => el.getBoundingClientRect().width / (96 / 25.4));
        expect(Math.round(widthMm)).toBe(58);
        await page.emulateMedia({ media: 'screen' });

        // the network drops: two cash sales are kept on the device with the next receipt numbers
        await page.context().setOffline(true);
        await expect.poll(() => page.getByTestId('pos-online').textContent()).toBe('Offline');
        const offline: string[] = [];
        for (const [product, tendered] of [
          [a, a.publicPrice + 5_000n],
          [b, b.publicPrice],
        ] as const) {
          await page.getByTestId('pos-scan').focus();
          await scan(page, product.barcode);
          await expect.poll(() => page.getByTestId('pos-line').count()).toBe(1);
          await page.getByTestId('pos-tendered').fill(String(tendered));
          await expect
            .poll(() => page.getByTestId('pos-change').textContent())
            .toBe(rp(tendered - product.publicPrice));
          await page.getByTestId('pos-pay').click();
          await expect
            .poll(() => page.getByTestId('receipt-number').textContent())
            .not.toBe(offline.at(-1) ?? first);
          offline.push((await page.getByTestId('receipt-number').textContent()) ?? '');
          expect(await page.getByTestId('receipt').textContent()).toContain('Dicatat offline');
        }
        const seq = (r: string) => Number(r.split('-').at(-1));
        expect(offline.map(seq)).toEqual([seq(first) + 1, seq(first) + 2]);
        await expect.poll(() => page.getByTestId('pos-queue').getAttribute('data-count')).toBe('2');
        expect(await page.getByTestId('pos-queue').textContent()).toBe(
          '2 penjualan menunggu sinkron',
        );

        // back online: the queue is sent in receipt order and empties
        await page.context().setOffline(false);
        await expect.poll(() => page.getByTestId('pos-online').textContent()).toBe('Online');
        await expect
          .poll(() => page.getByTestId('pos-queue').getAttribute('data-count'), { timeout: 20_000 })
          .toBe('0');
        return { first, offline };
      },
      TILL_DESKTOP,
    );

    // each receipt is recorded exactly once; the two offline ones say so
    const kasir = await apiAs(demo.server.baseUrl, CASHIER);
    const sales = (
      await kasir.call<{ items: SaleRow[] }>(`/shop/sales?tillId=${till.id}&limit=500`)
    ).items;
    const count = (r: string) => sales.filter((s) => s.receiptNumber === r).length;
    expect([receipts.first, ...receipts.offline].map(count)).toEqual([1, 1, 1]);
    const byNumber = (r: string) => sales.find((s) => s.receiptNumber === r)!;
    expect(byNumber(receipts.first).paymentMethod).toBe('member_account');
    expect(receipts.offline.map((r) => [byNumber(r).paymentMethod, byNumber(r).offline])).toEqual([
      ['cash', true],
      ['cash', true],
    ]);
    // the till's chain has no break
    const chain = await kasir.call<{ breaks: unknown[] }>(`/shop/tills/${till.id}/chain`);
    expect(chain.breaks).toEqual([]);
  });

  it('on a 360 px phone the till fits the screen and takes a typed barcode', async () => {
    await withPage(
      'shop-pos-phone',
      async (page) => {
        await openTill(page);
        await page.getByTestId('pos-scan').fill(products[0].barcode);
        await page.getByTestId('pos-scan').press('Enter');
        await expect.poll(() => page.getByTestId('pos-line').count()).toBe(1);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          PHONE.width,
        );
      },
      PHONE,
    );
  });
});
