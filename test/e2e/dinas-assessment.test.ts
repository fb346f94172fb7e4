/// <reference lib="dom" />
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileDemoCooperatives, login, useDemoBrowser } from './support/server.js';

/**
 * The examiner's journey: Dinas Kota Pekalongan's pengawas opens the assessments page, starts an
 * assessment of a cooperative under the KKPKK rubric, types its figures, answers the checklists
 * (with evidence on one item), watches the score, finalises and downloads the PDF report. axe runs
 * on the page at the end of every step; the CSP is watched for the whole file.
 */

const demo = useDemoBrowser();
const { withPage } = demo;
const NAME = 'KSP Uji Penilaian Sejahtera';
const FIGURES: Record<string, string> = {
  totalAset: '2000000000',
  ekuitas: '500000000',
  ekuitasTahunLalu: '450000000',
  shuSetelahPajak: '90000000',
  totalPendapatan: '400000000',
  pinjamanDiberikan: '1400000000',
  pinjamanBermasalah: '84000000',
  asetProduktif: '1750000000',
  biayaPembinaan: '3600000',
};

beforeAll(async () => {
  await fileDemoCooperatives(demo.server.baseUrl, [
    { name: NAME, cooperativeType: 'KSP', districtCode: '337501' },
  ]);
});

describe('the examiner in the browser', () => {
  it('completes an assessment and downloads the PDF report', async () => {
    await withPage('dinas-assessment', async (page) => {
      await login(page, demo.server.baseUrl, 'dinas.pengawas');
      await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]+\//);
      await page.getByTestId('nav-assessments').click();
      await page.getByTestId('assessments-page').waitFor();
      await page.getByTestId('assessment-new').click();
      const editor = page.getByTestId('assessment-editor');
      await editor.waitFor();

      await page.getByTestId('assessment-cooperative').fill(NAME.slice(0, 18));
      await page.getByRole('option', { name: NAME }).click();
      await page.getByTestId('assessment-period').fill('2025-12');
      await page.getByTestId('assessment-rubric').click();
      await page.getByRole('option', { name: /permenkop-09-2020 · builtin/ }).click();
      for (const [key, value] of Object.entries(FIGURES))
        await page.getByTestId(`figure-${key}`).fill(value);
      // the score as it stands, before any checklist answer
      await page.getByTestId('assessment-result').waitFor({ timeout: 15_000 });

      for (const c of ['kelembagaan', 'risikoKepatuhan', 'risikoOperasional'])
        await page.getByTestId(`all-ya-checklists.${c}`).click();
      // two "Tidak" answers on kelembagaan
      for (const no of [29, 30])
        await page
          .getByTestId(`answer-checklists.kelembagaan.${no}`)
          .getByText('Tidak', { exact: true })
          .click();
      await expect
        .poll(() => page.getByTestId('total-score').first().textContent())
        .toContain('Skor total');

      await page.getByTestId('assessment-save').click();
      await page.getByTestId('assessment-saved').waitFor();

      // evidence on the first kelembagaan item (the draft exists now)
      const dir = mkdtempSync(join(tmpdir(), 'sg-evidence-'));
      const evidencePath = join(dir, 'akta-pendirian.pdf');
      writeFileSync(evidencePath, '%PDF-1.4\n% bukti akta pendirian\n');
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('evidence-checklists.kelembagaan.1').click();
      await (await chooser).setFiles(evidencePath);
      await page.getByRole('link', { name: 'akta-pendirian.pdf' }).waitFor();

      await page.getByTestId('assessment-finalize').click();
      const final = page.getByTestId('assessment-final');
      await final.waitFor({ timeout: 15_000 });
      expect(await final.getByTestId('predikat').first().textContent()).toBe('Sehat');
      expect(await final.textContent()).toContain('Sementara');

      const download = page.waitForEvent('download');
      await page.getByTestId('assessment-pdf').click();
      const file = await (await download).path();
      const pdf = readFileSync(file);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(3000);

      // the list shows it final
      const row = page.getByTestId('assessment-row').filter({ hasText: NAME }).first();
      await row.waitFor();
      expect(await row.textContent()).toContain('Final');
    });
  });

  it('opens the early-warning watch list and tries a stricter threshold without saving it', async () => {
    await withPage('dinas-watch-list', async (page) => {
      await login(page, demo.server.baseUrl, 'dinas.pengawas');
      await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]+\//);
      await page.getByTestId('nav-watch-list').click();
      await page.getByTestId('watch-list-page').waitFor();
      await page.getByText(/koperasi aktif melewati batas/).waitFor({ timeout: 30_000 });
      const summary = page.getByText(/koperasi aktif melewati batas/);
      const before = await summary.textContent();
      // a stricter NPL limit, tried without saving (the pengawas may not save them)
      await page.getByTestId('threshold-nplMaxBps').fill('2,5');
      await page.getByTestId('watch-list-apply').click();
      await expect.poll(() => summary.textContent()).toMatch(/^Mencoba batas yang belum disimpan:/);
      expect(await summary.textContent()).not.toBe(before);
      expect(await page.getByTestId('thresholds-save').count()).toBe(0);
    });
  });
});
