/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { login, PHONE, useDemoBrowser, type Viewport } from './support/server.js';

/**
 * Early warning in the browser: the city's pembina finds the alerts about the cooperatives in her
 * charge and marks one as seen; the administrator records a RAT on a registry entry (a date before
 * the book year ended is refused on the form, nothing is saved), puts an officer in charge, and
 * saves a looser NPL limit, after which "check now" clears alerts and the watch list shrinks.
 * axe runs at the end of every step and after each change of the page.
 */

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 900 };

async function open(page: import('playwright-core').Page, username: string, nav: string) {
  await login(page, demo.server.baseUrl, username);
  await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]+\//);
  // on a phone the menu is behind the burger; wait for it rather than ask whether it is visible
  // yet (right after sign-in the shell may still be rendering, and the menu link stays hidden)
  if ((page.viewportSize()?.width ?? 1366) < 768) await page.getByTestId('burger').click();
  await page.getByTestId(`nav-${nav}`).click();
}

describe('early warning', () => {
  for (const [label, viewport] of [
    ['laptop', LAPTOP],
    ['phone', PHONE],
  ] as const)
    it(`the pembina sees the alerts in her charge and marks one as seen (${label})`, async () => {
      await withPage(
        `early-warning-pembina-${label}`,
        async (page) => {
          await open(page, 'dinas.pembina', 'watch-list');
          const rows = page.getByTestId('alert-row');
          await rows.first().waitFor({ timeout: 20_000 });
          // hers only: every alert names her as the officer in charge
          const texts = await rows.allTextContents();
          expect(texts.length).toBeGreaterThan(5);
          for (const text of texts) expect(text).toContain('Lilik Handayani');
          const seenBefore = await page.getByText('Sudah dibaca').count();
          await page.getByTestId('alert-ack').first().click();
          await expect.poll(() => page.getByText('Sudah dibaca').count()).toBe(seenBefore + 1);
          // she may try thresholds but not save them for the office
          expect(await page.getByTestId('thresholds-save').count()).toBe(0);
          await page.getByTestId('watch-list-table').waitFor();
          expect(await axeViolations(page)).toEqual([]);
        },
        viewport,
      );
    });

  for (const [label, viewport] of [
    ['laptop', LAPTOP],
    ['phone', PHONE],
  ] as const)
    it(`Tugas saya: the pembina's queue about the cooperatives in her charge, overdue first (${label})`, async () => {
      await withPage(
        `officer-queue-${label}`,
        async (page) => {
          await open(page, 'dinas.pembina', 'my-work');
          await page.getByTestId('officer-queue-page').waitFor();
          const items = page.getByTestId('officer-queue-item');
          await items.first().waitFor({ timeout: 20_000 });
          expect(await items.count()).toBeGreaterThan(3);
          expect(await page.getByTestId('officer-queue-summary').textContent()).toContain(
            'Lilik Handayani',
          );
          // the first item of a group is overdue when any is (overdue first)
          expect(await page.getByText(/Terlambat [0-9]+ hari/).count()).toBeGreaterThan(0);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow).toBeLessThanOrEqual(0);
          expect(await axeViolations(page)).toEqual([]);
          // an item opens its cooperative's page
          await items.first().getByRole('link').click();
          await expect.poll(() => page.url()).toMatch(/\/supervision\/[0-9]+$/);
        },
        viewport,
      );
    });

  it('the administrator records a RAT, puts an officer in charge, and loosens a threshold', async () => {
    await withPage(
      'early-warning-admin',
      async (page) => {
        await open(page, 'dinas.admin', 'registry');
        await page.getByTestId('registry-open').first().click();
        const card = page.getByTestId('registry-supervision');
        await card.waitFor();
        // a RAT dated before its book year ended: refused, the list unchanged
        const before = await page.getByTestId('registry-rats').locator('tbody tr').count();
        await page.getByTestId('rat-book-year').fill('2025');
        await page.getByTestId('rat-held-on').fill('2025-11-30');
        await page.getByTestId('rat-submit').click();
        await card.getByText('RAT diadakan setelah tahun bukunya berakhir.').waitFor();
        expect(await page.getByTestId('registry-rats').locator('tbody tr').count()).toBe(before);
        expect(await axeViolations(page)).toEqual([]);
        // a late one: recorded with its deadline and marked late
        await page.getByTestId('rat-held-on').fill('2026-08-20');
        await page.getByTestId('rat-submit').click();
        const row2025 = page.getByTestId('registry-rats').locator('tbody tr').first();
        await expect.poll(() => row2025.textContent()).toContain('20 Agu 2026');
        expect(await row2025.textContent()).toContain('Terlambat');
        // the pengawas in charge
        await page.getByTestId('registry-officer').click();
        await page.getByRole('option', { name: 'Drs. Teguh Santoso' }).click();
        await expect
          .poll(() => page.getByTestId('registry-officer').inputValue())
          .toBe('Drs. Teguh Santoso');
        expect(await axeViolations(page)).toEqual([]);

        // a looser NPL limit, saved for the office: the watch list and the alerts shrink
        await page.keyboard.press('Escape'); // the entry's drawer
        await page.getByTestId('nav-watch-list').click();
        await page.getByTestId('watch-list-table').waitFor();
        const listed = async () => page.getByTestId('watch-list-row').count();
        const summary = page.getByText(/koperasi aktif melewati batas/);
        const summaryBefore = await summary.textContent();
        await page.getByTestId('threshold-nplMaxBps').fill('30');
        await page.getByTestId('thresholds-save').click();
        await page.getByTestId('thresholds-set-by').getByText('Ir. Wahyu Hidayat').waitFor();
        await expect.poll(() => summary.textContent()).not.toBe(summaryBefore);
        expect(await listed()).toBeGreaterThan(0);
        await page.getByTestId('alerts-check').click();
        const result = page.getByTestId('alerts-check-result');
        await result.waitFor();
        // the NPL alerts between 8 % and 30 % stop firing
        expect(await result.textContent()).toMatch(/[1-9][0-9]* selesai/);
      },
      LAPTOP,
    );
  });

  for (const [label, viewport] of [
    ['laptop', LAPTOP],
    ['phone', PHONE],
  ] as const)
    it(`RAT compliance: the chart of the years, a RAT not held recorded late with its minutes (${label})`, async () => {
      await withPage(
        `rat-compliance-${label}`,
        async (page) => {
          await open(page, 'dinas.pembina', 'rat-compliance');
          await page.getByTestId('rat-compliance-page').waitFor();
          await expect
            .poll(() => page.getByTestId('rat-chart-chart').locator('svg path[d]').count(), {
              timeout: 15_000,
            })
            .toBeGreaterThan(0);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow).toBeLessThanOrEqual(0);
          if (label === 'phone') return;

          // the book year just ended (2025: deadline 30 June 2026, passed): those not held
          await page.getByTestId('rat-status-filter').selectOption('not_held');
          const row = page.getByTestId('rat-row').first();
          await row.waitFor();
          const name = (await row.locator('a').textContent()) ?? '';
          expect(await row.getByTestId('rat-status').textContent()).toBe('Tidak diselenggarakan');
          // the overdue reminder of the demo's morning reached it
          expect(await row.textContent()).toContain('Lewat batas');
          await row.getByTestId('rat-open').click();
          const form = page.getByTestId('rat-record-form');
          // a date in the future is refused and nothing changes
          await form.getByTestId('rat-held-on').fill('2099-01-10');
          await form.getByTestId('rat-save').click();
          await page.getByRole('alert').first().waitFor();
          expect(await axeViolations(page)).toEqual([]);
          await form.getByTestId('rat-held-on').fill('2026-08-17');
          await form.getByTestId('rat-save').click();
          // late now, and listed under late
          await page.getByTestId('rat-status-filter').selectOption('late');
          const late = page.getByTestId('rat-row').filter({ hasText: name });
          await late.waitFor();
          expect(await late.getByTestId('rat-status').textContent()).toBe('Terlambat');
          expect(await late.textContent()).toContain('48 hari terlambat');
          // its minutes arrive: the other three are still missing
          await late.getByTestId('rat-open').click();
          const chooser = page.waitForEvent('filechooser');
          await page.getByTestId('rat-upload').click();
          await (
            await chooser
          ).setFiles({
            name: 'notulen-rat-2025.pdf',
            mimeType: 'application/pdf',
            buffer: Buffer.from('%PDF-1.4\n% notulen RAT 2025\n'),
          });
          await expect
            .poll(() => late.getByTestId('rat-missing').textContent())
            .toBe('Belum diterima: Daftar hadir, Laporan pertanggungjawaban, Laporan keuangan');

          // its case file: the RAT of 2025, late, with the minutes; filtered to RATs; as a PDF
          await late.locator('a').first().click();
          const caseFile = page.getByTestId('case-file');
          await caseFile.waitFor({ timeout: 15_000 });
          await page.getByTestId('case-file-entry').first().waitFor();
          // the chip's input is visually hidden: its label is what a person clicks
          const ratChip = await page.getByTestId('case-file-kind-rat').getAttribute('id');
          await page.locator(`label[for="${ratChip}"]`).click();
          const ratEntry = page
            .getByTestId('case-file-entry')
            .filter({ hasText: /^RAT tahun buku 2025/ })
            .first();
          await ratEntry.waitFor();
          expect(await ratEntry.textContent()).toContain('Terlambat 48 hari');
          await ratEntry.getByRole('link', { name: /notulen-rat-2025\.pdf/ }).waitFor();
          await expect
            .poll(
              async () =>
                new Set(
                  await page
                    .getByTestId('case-file-entry')
                    .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))),
                ),
            )
            .toEqual(new Set(['rat']));
          expect(await axeViolations(page)).toEqual([]);
          const download = page.waitForEvent('download');
          await page.getByTestId('case-file-pdf').click();
          const pdf = readFileSync(await (await download).path());
          expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        },
        viewport,
      );
    });

  it('mediation: the pembina records an overdue instalment paid; the administrator, not assigned, sees no case', async () => {
    await withPage(
      'mediation',
      async (page) => {
        await open(page, 'dinas.pembina', 'mediation');
        const row = page
          .getByTestId('mediation-row')
          .filter({ hasText: 'Simpanan berjangka tiga anggota' });
        await row.waitFor({ timeout: 15_000 });
        await row.getByRole('button', { name: /^Simpanan berjangka/ }).click();
        const theCase = page.getByTestId('mediation-case');
        await theCase.waitFor();
        expect(await theCase.getByTestId('mediation-party').count()).toBe(4);
        const overdue = theCase
          .getByTestId('mediation-instalment')
          .filter({ hasText: 'Menunggak' });
        await overdue.first().waitFor();
        const before = await overdue.count();
        await overdue.first().getByTestId('mediation-pay').click();
        await expect.poll(() => overdue.count()).toBe(before - 1);
        expect(await theCase.getByTestId('mediation-progress').textContent()).toMatch(
          /^Dibayar Rp\s34\.999\.998/,
        );
        // closing as resolved while instalments remain is refused, nothing changes
        await theCase.getByTestId('mediation-closing-note').fill('Selesai');
        await theCase.getByTestId('mediation-resolve').click();
        await theCase.getByRole('alert').first().waitFor();
        expect(await theCase.getByTestId('mediation-status').textContent()).toBe(
          'Kesepakatan dipantau',
        );
      },
      LAPTOP,
    );
    await withPage(
      'mediation-admin',
      async (page) => {
        await open(page, 'dinas.admin', 'mediation');
        await page.getByText('Belum ada kasus yang Anda tangani.').waitFor({ timeout: 15_000 });
      },
      PHONE,
    );
  });
});
