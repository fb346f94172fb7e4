/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs, type ApiSession } from './support/api.js';
import { axeViolations } from './support/axe.js';
import { login, PHONE, useDemoBrowser, type Viewport } from './support/server.js';

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 768 };

/**
 * Mlijo order rounds (docs/domain/mlijo.md), the must-show journey: a household on the second
 * vendor's route orders 1 kg of ikan tongkol by its link on a 360 px phone in the round open now;
 * the vendor (konsumen.anggota) weighs 940 g on the phone, delivers for cash and sees the day's
 * settlement; the manager records the handover once. axe on every page.
 */
interface Vendor {
  id: string;
  memberName: string;
  routeName: string;
  commissionPerOrderRupiah: string | null;
}
interface Round {
  id: string;
  deliveryDate: string;
  state: string;
}

let pengurus: ApiSession;
let vendor: Vendor;
let round: Round;
/** the demo's household links are known by stop (src/services/demo/mlijo.ts demoMlijoToken) */
const token = 'demomlijo-2-02-sokoguru';

const fits = async (page: Page, viewport: Viewport) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    viewport.width,
  );
const axe = async (page: Page, where: string) =>
  expect(await axeViolations(page), `axe on ${where}`).toEqual([]);
const textOf = (page: Page, testId: string) => page.getByTestId(testId).first().textContent();

describe('mlijo order rounds in the browser', () => {
  beforeAll(async () => {
    pengurus = await apiAs(demo.server.baseUrl, 'konsumen.pengurus');
    const vendors = (await pengurus.call<{ items: Vendor[] }>('/mlijo/vendors')).items;
    vendor = vendors.find((v) => v.routeName === 'Rute Kandang Panjang')!;
    const rounds = await pengurus.call<{ rounds: Round[] }>(
      `/mlijo/vendor/rounds?vendorId=${vendor.id}`,
    );
    round = rounds.rounds.find((r) => r.state === 'open')!;
    expect(round, 'the demo has a round open now').toBeDefined();
  });

  it('a household orders on a 360 px phone, the vendor weighs, delivers and settles', async () => {
    const base = demo.server.baseUrl;
    // the household, by its link, no sign-in
    await withPage(
      'mlijo-household',
      async (page) => {
        await page.goto(`${base}/pesan/${pengurus.orgId}/${token}`);
        await expect.poll(() => textOf(page, 'mlijo-round')).toContain('Pesanan dibuka');
        expect(await textOf(page, 'mlijo-household')).toBeTruthy();
        await axe(page, 'the household page');
        await page.getByTestId('mlijo-search').fill('tongkol');
        await page.getByRole('textbox', { name: 'Berat Ikan Tongkol (kg)' }).fill('1');
        // not a member: the public price, Rp 40.000 per kg
        await expect.poll(() => textOf(page, 'mlijo-estimate')).toBe('Rp\u00a040.000');
        await axe(page, 'the order form');
        await fits(page, PHONE);
        await page.getByTestId('mlijo-send').click();
        await expect.poll(() => textOf(page, 'mlijo-order-total')).toBe('Rp\u00a040.000');
        expect(await textOf(page, 'mlijo-order')).toContain('Dipesan');
        await axe(page, 'the order sent');
        await fits(page, PHONE);
      },
      PHONE,
    );

    // the vendor's phone: pick list, weigh 940 g, deliver for cash, the day's settlement
    await withPage(
      'mlijo-vendor',
      async (page) => {
        await login(page, base, 'konsumen.anggota');
        await expect.poll(() => page.getByTestId('page-title').isVisible()).toBe(true);
        await page.goto(`${base}/o/${pengurus.orgId}/mlijo`);
        await expect.poll(() => textOf(page, 'page-title')).toBe('Mlijo: rute saya');
        await expect.poll(() => page.getByTestId('mlijo-delivery-2').count()).toBe(1);
        // the vendor enters an order for the household at stop 3, asked by phone
        await page.getByTestId('tab-order').click();
        await page.getByTestId('mlijo-order-household').click();
        await page.getByRole('option', { name: /^3\. / }).click();
        await page.getByTestId('mlijo-search').fill('bandeng');
        await page.getByRole('textbox', { name: 'Berat Ikan Bandeng (kg)' }).fill('0,5');
        await expect.poll(() => textOf(page, 'mlijo-estimate')).toMatch(/^Rp\u00a01[67]\.000$/);
        await axe(page, "the vendor's order for a household");
        await page.getByTestId('mlijo-send').click();
        await expect.poll(() => page.getByTestId('mlijo-order').count()).toBe(1);
        await fits(page, PHONE);
        await page.getByTestId('tab-deliveries').click();
        await expect.poll(() => page.getByTestId('mlijo-delivery-3').count()).toBe(1);
        // nobody home at stop 3: not delivered, nothing sold
        const third = page.getByTestId('mlijo-delivery-3');
        await third.getByRole('textbox', { name: 'Alasan tidak terantar' }).fill('Tidak ada orang');
        await third.getByRole('button', { name: 'Tidak terantar' }).click();
        await expect.poll(() => third.textContent()).toContain('Tidak ada orang');
        const card = page.getByTestId('mlijo-delivery-2');
        expect(await card.textContent()).toContain('Ikan Tongkol');
        await axe(page, 'the delivery list');
        await fits(page, PHONE);
        await page.getByTestId('tab-pick').click();
        await expect
          .poll(() => page.getByTestId('mlijo-pick-list').textContent())
          .toContain('Ikan Tongkol');
        await axe(page, 'the pick list');
        await page.getByTestId('tab-deliveries').click();
        await page.getByTestId('mlijo-weight-2-1').fill('940');
        await page.getByTestId('mlijo-pack-2').click();
        // 940 g x Rp 40.000 per kg
        await expect
          .poll(() => card.getByTestId('mlijo-delivery-total').textContent())
          .toBe('Tagih Rp\u00a037.600');
        await axe(page, 'the packed order');
        await page.getByTestId('mlijo-deliver-2').click();
        await expect.poll(() => page.getByTestId('mlijo-delivered-2').count()).toBe(1);
        expect(await card.textContent()).toContain('Terantar');
        await page.getByTestId('tab-settlement').click();
        await expect.poll(() => textOf(page, 'settle-cash')).toBe('Rp\u00a037.600');
        // the second route's commission: Rp 2.000 per order delivered, into the vendor's sukarela
        expect(await textOf(page, 'settle-commission')).toBe('Rp\u00a02.000');
        await axe(page, "the vendor's settlement");
        await fits(page, PHONE);
      },
      PHONE,
    );

    // the manager takes the cash and records the settlement, once
    await withPage(
      'mlijo-manager',
      async (page) => {
        await login(page, base, 'konsumen.pengurus');
        await expect.poll(() => page.getByTestId('page-title').isVisible()).toBe(true);
        await page.goto(`${base}/o/${pengurus.orgId}/mlijo/kelola`);
        await expect.poll(() => page.getByTestId('settle-vendor').isVisible()).toBe(true);
        await page.getByTestId('settle-vendor').click();
        await page.getByRole('option', { name: new RegExp(vendor.routeName) }).click();
        await page.getByTestId('settle-date').fill(round.deliveryDate);
        await expect.poll(() => textOf(page, 'settle-cash')).toBe('Rp\u00a037.600');
        await axe(page, 'the settlement form');
        await page.getByTestId('settle-record').click();
        await expect.poll(() => page.getByTestId('settle-done').count()).toBe(1);
        await expect
          .poll(() => page.getByTestId('mlijo-settlements').textContent())
          .toContain(vendor.memberName);
        await axe(page, 'the settlements by day');
      },
      LAPTOP,
    );

    // the books: one sale on the mlijo till, the day settled once with nothing short
    const preview = await pengurus.call<{
      settled: {
        handedOverRupiah: string;
        shortfallRupiah: string;
        commissionRupiah: string;
      } | null;
    }>(`/mlijo/vendor/settlement?date=${round.deliveryDate}&vendorId=${vendor.id}`);
    expect(preview.settled).toMatchObject({
      handedOverRupiah: '37600',
      shortfallRupiah: '0',
      commissionRupiah: '2000',
    });
    const report = await pengurus.call<{ settlements: { vendorId: string }[] }>(
      `/mlijo/settlements?from=${round.deliveryDate}&to=${round.deliveryDate}`,
    );
    expect(report.settlements.filter((s) => s.vendorId === vendor.id)).toHaveLength(1);
  });
});
