/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiAs as apiSession } from './support/api.js';
import { axeViolations } from './support/axe.js';
import { login, useDemoBrowser } from './support/server.js';

/**
 * The credit life cycle in the browser: the credit officer simulates and applies, the board
 * approves on the Approvals page, the teller disburses in cash with a past date, the month-end
 * charges penalties and downgrades the loan, and the teller takes a late instalment (penalty first).
 *
 * The demo closes every month up to October 2026 and leaves November 2026 open, so the loan is
 * disbursed on 1 November 2026 (the earliest date a posting is accepted) on a daily product made
 * here: by the November month-end (as of 30 November) its first instalment is 28 days late, which
 * is Kurang Lancar for daily instalments (15 to 28 days), and the daily penalty is deterministic.
 */
const PERIOD = '2026-11';
const DISBURSED_ON = '2026-11-01';
const PRODUCT_CODE = 'PH-E2E';

const demo = useDemoBrowser();
const { withPage } = demo;
let orgId = '';

/** The JSON API as a demo user: the session cookie and the CSRF token from the login. */
async function apiAs(username: string) {
  const session = await apiSession(demo.server.baseUrl, username);
  orgId = session.orgId;
  return session.request;
}

beforeAll(async () => {
  // a daily market-trader loan: 0.1 % a day flat, Rp 10.000 admin fee, 0.5 % a day penalty without grace
  const pengurus = await apiAs('ksp.pengurus');
  const product = await pengurus('POST', '/loan-products', {
    code: PRODUCT_CODE,
    name: 'Pinjaman Harian Pasar',
    akad: 'conventional',
    method: 'flat',
    ratePercent: '0.1',
    ratePeriod: 'day',
    frequency: 'daily',
    minAmountRupiah: '100000',
    maxAmountRupiah: '5000000',
    minTenor: 10,
    maxTenor: 100,
    adminFeeRupiah: '10000',
    penaltyKind: 'daily_percent',
    penaltyDailyPercent: '0.5',
    penaltyGraceDays: 0,
  });
  expect(product.status).toBe(201);
});
async function pick(page: Page, testId: string, option: RegExp) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).click();
}

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

describe('the credit life cycle in the browser', () => {
  let applicationId = '';
  let loanNumber = '';

  it('the credit officer simulates, applies for a member, analyses and sends it to the committee; the board approves', async () => {
    await withPage('loan-apply', async (page) => {
      await login(page, demo.server.baseUrl, 'ksp.kredit');
      await page.getByTestId('nav-loans').click();
      await expect.poll(() => text(page, 'page-title')).toBe('Pinjaman');

      // (a) simulator: Rp 1.000.000 over 40 days = 40 × (25.000 principal + 1.000 interest)
      await page.getByTestId('loans-tab-simulate').click();
      await pick(page, 'sim-product', new RegExp(`^${PRODUCT_CODE}`));
      await expect.poll(() => text(page, 'product-terms')).toContain('angsuran harian');
      await page.getByTestId('sim-amount').fill('1000000');
      await page.getByTestId('sim-tenor').fill('40');
      await page.getByTestId('sim-start').fill(DISBURSED_ON);
      await page.getByTestId('sim-run').click();
      await expect.poll(() => page.getByTestId('sim-row').count()).toBe(40);
      expect(await page.getByTestId('sim-row').first().textContent()).toBe(
        '12 Nov 2026Rp\u00a025.000Rp\u00a01.000Rp\u00a026.000Rp\u00a0975.000',
      );
      expect(await text(page, 'sim-total')).toBe('Rp\u00a01.040.000');
      expect(await text(page, 'sim-net')).toBe('Rp\u00a0990.000');

      // (b) the application for Siti Aminah (member 000001)
      await page.getByTestId('loans-tab-applications').click();
      await page.getByTestId('app-member-search').fill('Siti Aminah');
      await pick(page, 'app-member-select', /^000001 · Siti Aminah/);
      await pick(page, 'app-product', new RegExp(`^${PRODUCT_CODE}`));
      await page.getByTestId('app-amount').fill('1000000');
      await page.getByTestId('app-tenor').fill('40');
      await page.getByTestId('app-income').fill('4500000');
      await page.getByTestId('app-expenses').fill('2000000');
      await page.getByTestId('app-purpose').fill('Modal dagang sayur di Pasar Banjarsari');
      await page.getByTestId('app-submit').click();
      await expect
        .poll(() => page.getByTestId('application-created').getAttribute('data-id'))
        .toMatch(/^[0-9]+$/);
      applicationId = (await page.getByTestId('application-created').getAttribute('data-id')) ?? '';
      const card = page.getByTestId(`application-${applicationId}`);
      await expect
        .poll(() => card.getByTestId('application-status').textContent())
        .toBe('Diajukan');
      await expect.poll(() => card.textContent()).toContain('000001 · Siti Aminah');
      expect(await card.textContent()).toContain('Kemampuan bayar: Rp\u00a02.500.000');

      await card
        .getByTestId('analysis-notes')
        .fill(
          'Pedagang sayur 6 tahun, omzet harian stabil; angsuran Rp 26.000 per hari terjangkau.',
        );
      await card.getByTestId('analysis-save').click();
      await expect
        .poll(() => card.getByTestId('application-status').textContent())
        .toBe('Dianalisis');
      await card.getByTestId('application-submit').click();
      await expect
        .poll(() => card.getByTestId('application-status').textContent())
        .toBe('Menunggu persetujuan');
    });

    await withPage('loan-approve', async (page) => {
      await login(page, demo.server.baseUrl, 'ksp.pengurus');
      await page.getByTestId('nav-approvals').click();
      const card = page.locator('.mantine-Card-root', {
        hasText: `Persetujuan pinjaman: pengajuan #${applicationId},`,
      });
      await expect.poll(() => card.count()).toBe(1);
      await card.getByRole('button', { name: 'Setujui' }).click();
      await expect.poll(() => card.count()).toBe(0);
      // the board sees it approved on the Loans page, waiting for disbursement
      await page.getByTestId('nav-loans').click();
      await page.getByTestId('loans-tab-disburse').click();
      await expect
        .poll(() => page.getByTestId(`disburse-${applicationId}`).textContent())
        .toContain('000001 · Siti Aminah');
    });
  });

  it('the teller disburses in cash with a past date; the month-end charges penalties and downgrades the loan; a late instalment pays the penalty first', async () => {
    expect(applicationId).not.toBe('');
    // the teller opens the counter, then disburses from the Loans page
    await withPage('loan-disburse', async (page) => {
      await login(page, demo.server.baseUrl, 'ksp.kasir');
      await expect.poll(() => text(page, 'page-title')).toBe('Kasir');
      await pick(page, 'desk-select', /^T1/);
      await page.getByTestId('open-session').click();
      await expect.poll(() => page.getByTestId('cash-session').isVisible()).toBe(true);

      await page.getByTestId('nav-loans').click();
      await page.getByTestId('loans-tab-disburse').click();
      await expect.poll(() => text(page, 'loan-cash-session')).toContain('T1');
      const card = page.getByTestId(`disburse-${applicationId}`);
      await expect
        .poll(() => card.getByTestId('disburse-channel').inputValue())
        .toBe('Tunai di kasir');
      await card.getByTestId('disburse-date').fill(DISBURSED_ON);
      await card.getByTestId('disburse-submit').click();
      await expect
        .poll(() => text(page, 'disbursed'))
        .toMatch(
          /^Pinjaman PJ\/2026\/[0-9]{6} dicairkan: diterima bersih Rp\u00a0990\.000 \(potongan Rp\u00a010\.000\)\./,
        );
      await expect.poll(() => card.count()).toBe(0);

      // the new loan: every instalment of November is late, but nothing is charged or classified yet
      const notice = (await text(page, 'disbursed')) ?? '';
      await page.getByTestId('open-disbursed-loan').click();
      await expect.poll(() => page.getByTestId('loan-row').count()).toBe(40);
      loanNumber = (await text(page, 'loan-number')) ?? '';
      expect(notice).toContain(`Pinjaman ${loanNumber} dicairkan`);
      expect(await text(page, 'loan-outstanding')).toBe('Rp\u00a01.000.000');
      expect(await text(page, 'loan-collectibility')).toBe('Lancar');
      expect(await text(page, 'loan-dpd')).toBe('0');
      expect(await text(page, 'loan-penalty')).toBe('Rp\u00a00');
      expect(await page.getByTestId('loan-row').first().textContent()).toMatch(
        /^12 Nov 2026Rp\u00a025\.000Rp\u00a01\.000Rp\u00a00Rp\u00a00Terlambat [0-9]+ hari$/,
      );
    });

    // the board runs the November month-end (accrual, penalties, days past due, collectibility, PPAP)
    const pengurus = await apiAs('ksp.pengurus');
    const close = await pengurus<{ steps: { name: string; result: unknown }[] }>(
      'POST',
      `/month-end/${PERIOD}`,
    );
    expect(close.status).toBe(200);
    expect(close.body.steps.map((s) => s.name)).toEqual(
      expect.arrayContaining(['loans-penalty', 'loans-collectibility']),
    );

    // the teller, on a phone-size screen, finds the loan by the member and takes a late instalment
    await withPage(
      'loan-repay',
      async (page) => {
        await login(page, demo.server.baseUrl, 'ksp.kasir');
        await expect.poll(() => text(page, 'page-title')).toBe('Kasir');
        await page.goto(`${demo.server.baseUrl}/o/${orgId}/loans`);
        await expect.poll(() => text(page, 'page-title')).toBe('Pinjaman');
        await page.getByTestId('loan-member-search').fill('000001');
        await pick(page, 'loan-member-select', /^000001 · Siti Aminah/);
        await page.getByTestId('member-loan').filter({ hasText: loanNumber }).click();

        // 0,5 % a day of Rp 26.000 from each due date to 30 November: 28 days on the first
        // instalment (Rp 3.640), 27 on the second …, Rp 52.780 over the 28 late instalments
        await expect.poll(() => text(page, 'loan-collectibility')).toBe('Kurang Lancar');
        expect(await text(page, 'loan-dpd')).toBe('28');
        expect(await text(page, 'loan-penalty')).toBe('Rp\u00a052.780');
        expect(await page.getByTestId('loan-row').first().textContent()).toMatch(
          /^12 Nov 2026Rp\u00a025\.000Rp\u00a01\.000Rp\u00a03\.640Rp\u00a00Terlambat [0-9]+ hari$/,
        );

        // the oldest instalment with the penalty: the penalty is taken first, then interest and principal
        await page.getByTestId('fill-oldest').click();
        await expect.poll(() => page.getByTestId('repay-amount').inputValue()).toBe('78.780');
        await page.getByTestId('repay-submit').click();
        await expect
          .poll(() => text(page, 'repaid'))
          .toBe(
            'Pembayaran Rp\u00a078.780 diterima: denda Rp\u00a052.780, bunga Rp\u00a01.000, pokok Rp\u00a025.000.',
          );
        await expect.poll(() => text(page, 'loan-penalty')).toBe('Rp\u00a00');
        expect(await text(page, 'loan-outstanding')).toBe('Rp\u00a0975.000');
        expect(await page.getByTestId('loan-row').first().textContent()).toMatch(
          /^12 Nov 2026Rp\u00a025\.000Rp\u00a01\.000Rp\u00a03\.640Rp\u00a029\.640Lunas /,
        );
        // the page fits the phone: wide tables scroll inside their own box
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          360,
        );
      },
      { width: 360, height: 740 },
    );

    // the credit officer finds the member's loans: this one is now Kurang Lancar
    await withPage('loan-list', async (page) => {
      await login(page, demo.server.baseUrl, 'ksp.kredit');
      await page.getByTestId('nav-loans').click();
      await page.getByTestId('loans-tab-loans').click();
      await page.getByTestId('loan-member-search').fill('Siti Aminah');
      await pick(page, 'loan-member-select', /^000001 · Siti Aminah/);
      const row = page.getByTestId('member-loan').filter({ hasText: loanNumber });
      await expect
        .poll(() => row.textContent())
        .toBe(`${loanNumber}Rp\u00a01.000.000 · Sisa pokok Rp\u00a0975.000 · AktifKurang Lancar`);
      // the member signs a surat kuasa debet: the officer turns the loan's auto-debit on
      await row.click();
      const mandate = page.getByTestId('loan-auto-debit');
      await expect.poll(() => mandate.isChecked()).toBe(false);
      // the switch follows the server: checked once the change is saved and the loan reloaded
      await mandate.click();
      await expect.poll(() => mandate.isChecked()).toBe(true);
      await page.getByTestId('loan-refresh').click();
      await expect.poll(() => mandate.isChecked()).toBe(true);
    });
  });
});

describe("late payment on a KSPPS financing (ta'zir only for a member able to pay)", () => {
  it('the loan officer marks a member in arrears unable to pay, then lifts it; the panel passes axe at 1366 and 360 px', async () => {
    await apiAs('kspps.kredit');
    const ksppsId = orgId;
    await withPage(
      'late-payment',
      async (page) => {
        await login(page, demo.server.baseUrl, 'kspps.kredit');
        await expect.poll(() => page.getByTestId('page-title').isVisible()).toBe(true);
        await page.goto(`${demo.server.baseUrl}/o/${ksppsId}/loans`);
        await page.getByTestId('loans-tab-loans').click();
        await page.getByTestId('collection-loan').first().click();
        const status = page.getByTestId('late-payment-status');
        await expect.poll(() => status.isVisible()).toBe(true);
        // the demo marks one member unable: whichever this is, mark or lift, then undo it
        const rows = await page.getByTestId('unable-history').locator('tbody tr').count();
        const wasUnable = /^Tidak mampu/.test((await status.textContent()) ?? '');
        const record = async (unable: boolean, count: number) => {
          await page.getByTestId('unable-reason').fill('Anggota dirawat di rumah sakit');
          await page.getByTestId('unable-submit').click();
          await expect
            .poll(() => status.textContent())
            .toMatch(unable ? /^Tidak mampu sejak / : /^Mampu membayar$/);
          await expect
            .poll(() => page.getByTestId('unable-history').locator('tbody tr').count())
            .toBe(count);
        };
        await record(!wasUnable, rows + 1);
        // axe here at 1366 px; withPage runs it again at the end, on the phone
        expect(await axeViolations(page)).toEqual([]);
        await page.setViewportSize({ width: 360, height: 740 });
        await record(wasUnable, rows + 2);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
          360,
        );
      },
      { width: 1366, height: 800 },
    );
  });
});
