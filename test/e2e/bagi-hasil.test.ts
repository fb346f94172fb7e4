/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { login, PHONE, useDemoBrowser, type Viewport } from './support/server.js';

/**
 * The monthly bagi hasil of the demo KSPPS in the browser (docs/domain/sharia-bagi-hasil.md): a
 * member sees the month's bagi hasil with its nisbah and equivalent rate on a phone, in the portal
 * and on the statement line; the manager runs November's month-end and reads the distribution
 * report with its rekonsiliasi, then the KSPPS's statements (docs/domain/sharia-statements.md) on a
 * laptop and on a phone. axe runs on every step.
 */

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 900 };

async function signIn(page: import('playwright-core').Page, username: string) {
  await login(page, demo.server.baseUrl, username);
  await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]+\//);
}
const goTo = (page: import('playwright-core').Page, path: string) =>
  page.goto(page.url().replace(/(\/o\/[0-9a-f-]+\/).*$/, `$1${path}`));

describe('bagi hasil', () => {
  it("a member sees the month's bagi hasil with its nisbah on a phone", async () => {
    await withPage(
      'bagi-hasil-member-phone',
      async (page) => {
        await signIn(page, 'kspps.anggota');
        await goTo(page, 'anggota');
        const card = page.getByTestId('my-bagi-hasil');
        await card.waitFor({ timeout: 20_000 });
        const text = (await card.textContent()) ?? '';
        expect(text).toContain('Bagi hasil');
        expect(text).toContain('Tabungan Mudharabah');
        // the nisbah of the member's akad and the equivalent rate, in Indonesian decimals
        expect(text).toMatch(/Nisbah 30,00 % · setara [0-9]+,[0-9]{3} % sebulan/);
        expect(await page.getByTestId('my-bagi-hasil-amount').first().textContent()).toMatch(
          /^\+Rp\s?[1-9][0-9.]*$/,
        );
        expect(await axeViolations(page)).toEqual([]);
      },
      PHONE,
    );
  });

  it('the manager runs the month-end and sees the distribution report', async () => {
    await withPage(
      'bagi-hasil-manager',
      async (page) => {
        await signIn(page, 'kspps.pengurus');
        await page.getByTestId('nav-bagi-hasil').click();
        await page.getByTestId('bagi-hasil-report').waitFor({ timeout: 20_000 });
        expect(await axeViolations(page)).toEqual([]);
        // November has not been closed in the demo: the manager closes it here
        expect(await page.getByTestId('month-end-period').inputValue()).toBe('2026-11');
        await page.getByTestId('month-end-run').click();
        await page.getByTestId('month-end-done').waitFor({ timeout: 60_000 });
        await expect.poll(() => page.getByTestId('bagi-hasil-month').inputValue()).toBe('2026-11');
        const rek = page.getByTestId('bagi-hasil-rekonsiliasi');
        await expect
          .poll(() => rek.textContent())
          .toContain('Pendapatan yang tersedia untuk bagi hasil');
        const products = await page.getByTestId('bagi-hasil-product').allTextContents();
        expect(
          products.some((p) => p.includes('Tabungan Mudharabah') && p.includes('30,00 %')),
        ).toBe(true);
        expect(products.some((p) => p.includes('Simpanan Mudharabah Berjangka'))).toBe(true);
        expect(await page.getByTestId('bagi-hasil-distributed').textContent()).toMatch(
          /Rp\s?[1-9]/,
        );
        // a second run of the same month changes nothing and says so
        await page.getByTestId('month-end-run').click();
        await page.getByTestId('month-end-done').waitFor();
        expect(await axeViolations(page)).toEqual([]);
      },
      LAPTOP,
    );
  });

  it("the manager reads November's sharia statements: syirkah funds, bagi hasil untuk pemilik dana, the rekonsiliasi", async () => {
    const rowAmount = async (page: import('playwright-core').Page, label: string) => {
      const row = page.getByTestId('statement').locator('tr', { hasText: label }).first();
      const cells = await row.locator('td').allTextContents();
      return cells[1] ?? '';
    };
    const show = async (page: import('playwright-core').Page, kind: string) => {
      await page.getByTestId('statement-kind').click();
      await page.getByRole('option', { name: kind, exact: true }).click();
      await page.getByTestId('statement-period').fill('2026-11');
      await page.getByTestId('statement-show').click();
      await expect
        .poll(() => page.getByTestId('statement').textContent())
        .toContain('November 2026');
    };
    await withPage(
      'sharia-statements-laptop',
      async (page) => {
        await signIn(page, 'kspps.pengurus');
        await goTo(page, 'statements');
        await show(page, 'Neraca');
        const neraca = page.getByTestId('statement');
        await expect.poll(() => neraca.textContent()).toContain('DANA SYIRKAH TEMPORER');
        expect(await rowAmount(page, 'JUMLAH DANA SYIRKAH TEMPORER')).toMatch(/^[1-9][0-9.]+$/);
        expect(await neraca.textContent()).toContain(
          'Aset = liabilitas + dana syirkah temporer + ekuitas: seimbang.',
        );
        expect(await axeViolations(page)).toEqual([]);
        // the PHU takes the month's shares (run in the test above) before the expenses
        await show(page, 'Perhitungan Hasil Usaha');
        await expect.poll(() => neraca.textContent()).toContain('BAGI HASIL UNTUK PEMILIK DANA');
        expect(await rowAmount(page, 'JUMLAH BAGI HASIL UNTUK PEMILIK DANA')).toMatch(
          /^[1-9][0-9.]+$/,
        );
        expect(await axeViolations(page)).toEqual([]);
      },
      LAPTOP,
    );
    await withPage(
      'sharia-statements-phone',
      async (page) => {
        await signIn(page, 'kspps.pengurus');
        await goTo(page, 'statements');
        await show(page, 'Rekonsiliasi Pendapatan dan Bagi Hasil');
        const text = (await page.getByTestId('statement').textContent()) ?? '';
        expect(text).toContain('Laporan Rekonsiliasi Pendapatan dan Bagi Hasil');
        expect(text).toContain('Hak pemilik dana');
        expect(await rowAmount(page, 'JUMLAH')).toMatch(/^[1-9][0-9.]+$/);
        expect(await axeViolations(page)).toEqual([]);
      },
      PHONE,
    );
  });
});
