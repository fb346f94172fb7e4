/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { login, PHONE, useDemoBrowser, type Viewport } from './support/server.js';

/**
 * Baitul maal in the browser (docs/domain/baitul-maal.md): the manager of the demo KSPPS sees the
 * four funds and the zakat report of the year on a laptop and on a phone; an attempt to pay a
 * salary from zakat is refused in Indonesian and nothing is posted, a distribution to a fakir is
 * posted; a conventional KSP has no baitul maal in its menu. axe runs on every step.
 */

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 900 };

async function open(page: import('playwright-core').Page, username: string) {
  await login(page, demo.server.baseUrl, username);
  await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]+\//);
  if (await page.getByTestId('burger').isVisible()) await page.getByTestId('burger').click();
}

describe('baitul maal', () => {
  for (const [label, viewport] of [
    ['laptop', LAPTOP],
    ['phone', PHONE],
  ] as const)
    it(`the KSPPS manager sees the funds and the zakat report (${label})`, async () => {
      await withPage(
        `baitul-maal-report-${label}`,
        async (page) => {
          await open(page, 'kspps.pengurus');
          if (label === 'laptop') await page.getByTestId('nav-baitul-maal').click();
          else {
            // the phone's menu lists the item (checked) below the fold of its drawer: go by address
            await page.getByTestId('nav-baitul-maal').waitFor({ state: 'attached' });
            await page.goto(page.url().replace(/(\/o\/[0-9a-f-]+\/).*$/, '$1baitul-maal'));
          }
          await page.getByTestId('bm-fund-zakat').waitFor({ timeout: 20_000 });
          expect(await page.getByTestId('bm-amil').textContent()).toContain('UPZ BAZNAS');
          const report = page.getByTestId('bm-report');
          await report.waitFor({ timeout: 20_000 });
          const text = (await report.textContent()) ?? '';
          expect(text).toContain('Laporan sumber dan penyaluran dana zakat');
          expect(text).toContain('Fakir');
          expect(text).toContain('Gharimin');
          expect(await axeViolations(page)).toEqual([]);
          // the kebajikan report shows the non-halal receipts
          await page.getByTestId('bm-report-kind').click();
          await page.getByRole('option', { name: 'Sumber dan penggunaan dana kebajikan' }).click();
          await page.getByTestId('bm-report-show').click();
          await expect.poll(() => report.textContent()).toContain('Penerimaan non-halal');
          expect(await axeViolations(page)).toEqual([]);
        },
        viewport,
      );
    });

  it('zakat cannot pay a salary; a distribution to a fakir is posted', async () => {
    await withPage(
      'baitul-maal-distribute',
      async (page) => {
        await open(page, 'kspps.pengurus');
        await page.getByTestId('nav-baitul-maal').click();
        const zakat = page.getByTestId('bm-fund-zakat');
        await zakat.waitFor({ timeout: 20_000 });
        const before = await zakat.textContent();
        await page.getByTestId('bm-tab-distribute').click();
        await page.getByTestId('bm-recipient').fill('Mbah Rusmini, Kel. Panjang Wetan');
        await page.getByTestId('bm-dist-amount').fill('250000');
        await page.getByTestId('bm-dist-cash').fill('5201');
        await page.getByTestId('bm-dist-description').fill('Gaji karyawan dari zakat');
        await page.getByTestId('bm-dist-save').click();
        await page
          .getByTestId('bm-dist-error')
          .getByText(/Dana zakat tidak boleh dipakai untuk beban atau pendapatan usaha/)
          .waitFor();
        expect(await zakat.textContent()).toBe(before);
        expect(await axeViolations(page)).toEqual([]);
        await page.getByTestId('bm-dist-cash').fill('');
        await page.getByTestId('bm-dist-description').fill('Zakat untuk fakir');
        await page.getByTestId('bm-dist-save').click();
        await page
          .getByTestId('bm-distributed')
          .getByText(/Tercatat dan dijurnal: BM\//)
          .waitFor();
        await expect.poll(() => zakat.textContent()).not.toBe(before);
        expect(await axeViolations(page)).toEqual([]);
      },
      LAPTOP,
    );
  });

  // the KSPPS's Dewan Pengawas Syariah (docs/domain/sharia-dps.md): its login lands on the DPS
  // page — members, certificates and the composition status, the 2025 opinion — and decides the
  // ta'zir clause waiting for it with an opinion
  for (const [label, viewport] of [
    ['laptop', LAPTOP],
    ['phone', PHONE],
  ] as const)
    it(`the DPS sees its composition and opinion, and decides a clause (${label})`, async () => {
      await withPage(
        `dps-${label}`,
        async (page) => {
          await login(page, demo.server.baseUrl, 'kspps.dps');
          await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]+\/dps$/);
          const status = page.getByTestId('dps-composition');
          await status.waitFor({ timeout: 20_000 });
          expect(await status.textContent()).toContain('Susunan DPS memenuhi Permenkop 11/2017');
          const members = (await page.getByTestId('dps-members').textContent()) ?? '';
          expect(members).toContain("KH. Abdullah Syafi'i, Lc.");
          expect(members).toContain('Dr. Hj. Siti Maryam, M.E.Sy.');
          expect(members).toContain('Sertifikat pelatihan DPS DSN-MUI');
          const opinion = page.getByTestId('dps-opinion-2025');
          await opinion.waitFor();
          expect(await opinion.textContent()).toContain('Dilaporkan ke DSN-MUI');
          expect(await axeViolations(page)).toEqual([]);
          if (label === 'phone') return;
          const clause = page.locator('[data-testid^="dps-pending-"]', {
            hasText: "Klausul ta'zir akad murabahah",
          });
          await clause.getByTestId('dps-review-opinion').fill('Setuju');
          await clause.getByTestId('dps-review-approve').click();
          // an opinion of fewer than 10 characters is refused, nothing decided
          await clause.getByTestId('dps-review-error').waitFor();
          expect(await axeViolations(page)).toEqual([]);
          await clause
            .getByTestId('dps-review-opinion')
            .fill("Sesuai fatwa 17/DSN-MUI/IX/2000: ta'zir disalurkan ke dana kebajikan.");
          await clause.getByTestId('dps-review-fatwa').fill('17/DSN-MUI/IX/2000');
          await clause.getByTestId('dps-review-approve').click();
          await expect.poll(() => clause.count(), { timeout: 20_000 }).toBe(0);
          expect(await axeViolations(page)).toEqual([]);
        },
        viewport,
      );
    });

  it('the KSPPS manager cannot record an outsider on the DPS for three years', async () => {
    await withPage(
      'dps-appoint',
      async (page) => {
        await open(page, 'kspps.pengurus');
        await page.getByTestId('nav-dps').click();
        await page.getByTestId('dps-composition').waitFor({ timeout: 20_000 });
        const before = await page.getByTestId('dps-members').textContent();
        await page.getByTestId('dps-appoint-name').fill('Ustadz Hasan Basri, Lc.');
        await page.getByTestId('dps-appoint-ra-date').fill('2026-02-14');
        await page.getByTestId('dps-appoint-ra-ref').fill('Berita Acara RAT 2025 No. 04');
        await page.getByTestId('dps-appoint-start').fill('2026-03-01');
        await page.getByTestId('dps-appoint-end').fill('2029-02-28');
        await page.getByTestId('dps-appoint-save').click();
        await page
          .getByTestId('dps-appoint-error')
          .getByText(/paling lama 2 tahun/)
          .waitFor();
        expect(await page.getByTestId('dps-members').textContent()).toBe(before);
        expect(await axeViolations(page)).toEqual([]);
      },
      LAPTOP,
    );
  });

  it('the KSPPS manager’s DPS page with its forms on a phone', async () => {
    await withPage(
      'dps-manager-phone',
      async (page) => {
        await open(page, 'kspps.pengurus');
        await page.getByTestId('nav-dps').waitFor({ state: 'attached' });
        await page.goto(page.url().replace(/(\/o\/[0-9a-f-]+\/).*$/, '$1dps'));
        await page.getByTestId('dps-appoint').waitFor({ timeout: 20_000 });
        await page
          .getByTestId('dps-checklist')
          .getByText(/Kepatuhan syariah tahun buku/)
          .waitFor();
        expect(await axeViolations(page)).toEqual([]);
      },
      PHONE,
    );
  });

  it('a conventional KSP has no baitul maal in its menu', async () => {
    await withPage(
      'baitul-maal-ksp',
      async (page) => {
        await open(page, 'ksp.pengurus');
        await page.getByTestId('nav-dashboard').waitFor();
        expect(await page.getByTestId('nav-baitul-maal').count()).toBe(0);
        expect(await page.getByTestId('nav-dps').count()).toBe(0);
      },
      LAPTOP,
    );
  });
});
