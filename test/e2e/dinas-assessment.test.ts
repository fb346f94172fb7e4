/// <reference lib="dom" />
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Rubric } from '../../src/domain/supervision/rubric.js';
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
    {
      name: NAME,
      cooperativeType: 'KSP',
      districtCode: '337501',
      latitude: '-6.884000',
      longitude: '109.662000',
    },
  ]);
});

/**
 * What the Dinas dashboard says of predikat Sehat: the legend's count beside the predikat chart, and
 * the map's points drawn in Sehat's colour and those not yet assessed.
 */
async function openDashboard(page: Page) {
  await page.getByTestId('nav-supervision').click();
  await page.getByTestId('dinas-dashboard').waitFor();
  await page.getByTestId('predikat-count-sehat').waitFor({ timeout: 30_000 });
  const points = page.locator('[data-testid="region-map"] path.map-point');
  await expect.poll(() => points.count(), { timeout: 15_000 }).toBeGreaterThan(0);
}

async function sehatOnDashboard(page: Page) {
  const legend = page.getByTestId('predikat-count-sehat');
  const text = (await legend.textContent()) ?? '';
  return {
    legend: Number(/: ([\d.]+)$/.exec(text)?.[1]?.replace(/\./g, '')),
    sehatPoints: await page.locator('[data-testid="region-map"] path.predikat-sehat').count(),
    unassessedPoints: await page.locator('[data-testid="region-map"] path.predikat-none').count(),
  };
}

describe('the examiner in the browser', () => {
  it('completes an assessment and downloads the PDF report', async () => {
    await withPage('dinas-assessment', async (page) => {
      await login(page, demo.server.baseUrl, 'dinas.pengawas');
      await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]+\//);
      await openDashboard(page);
      const before = await sehatOnDashboard(page);
      expect(before.unassessedPoints).toBeGreaterThan(0);
      expect(Number.isInteger(before.legend)).toBe(true);
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

      // the dashboard's predikat chart and the map show the new predikat: one more Sehat, its
      // point drawn in Sehat's colour instead of "not assessed"
      // (the page may first show the figures it had, then the fresh ones)
      await openDashboard(page);
      await expect
        .poll(() => sehatOnDashboard(page), { timeout: 15_000 })
        .toEqual({
          legend: before.legend + 1,
          sehatPoints: before.sehatPoints + 1,
          unassessedPoints: before.unassessedPoints - 1,
        });
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

  it('the ministry loads the official KKPKK values as a new rubric version; a broken file is refused', async () => {
    await withPage('rubric-load', async (page) => {
      await login(page, demo.server.baseUrl, 'kemenkop.admin');
      await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]+\//);
      await page.getByTestId('nav-assessments').click();
      const table = page.getByTestId('rubric-versions-table');
      await table.waitFor({ timeout: 30_000 });
      const builtin = page
        .getByTestId('rubric-version-row')
        .filter({ hasText: 'permenkop-09-2020' })
        .filter({ hasText: 'builtin' });
      expect(await builtin.textContent()).toContain('Sementara');

      // the builtin version's data, as the administrator would download it to edit
      const download = page.waitForEvent('download');
      await builtin.getByRole('link').click();
      const rubric = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as Rubric;
      expect(rubric.id).toBe('permenkop-09-2020');
      const official = confirmed(rubric);
      const broken = confirmed(rubric);
      const first = broken.aspects[2]!.components[0]!;
      if (first.scoring.kind === 'bands') first.scoring.table.bands.splice(1, 1); // a gap
      const dir = mkdtempSync(join(tmpdir(), 'sg-rubric-'));
      writeFileSync(join(dir, 'rusak.json'), JSON.stringify(broken));
      writeFileSync(join(dir, 'lampiran.json'), JSON.stringify(official));

      const load = async (file: string) => {
        // the dropdown can close again when the page re-renders under the click (CI, two browser
        // files at a time: the option never came in 30 s once); open it until the option shows
        const option = page.getByRole('option', { name: 'permenkop-09-2020', exact: true });
        await expect
          .poll(
            async () => {
              if (!(await option.isVisible())) await page.getByTestId('rubric-load-rubric').click();
              return option.waitFor({ timeout: 3_000 }).then(
                () => true,
                () => false,
              );
            },
            { timeout: 30_000 },
          )
          .toBe(true);
        await option.click();
        await page.getByTestId('rubric-load-version').fill('lampiran-uji');
        await page.getByTestId('rubric-load-source').fill('Lampiran Juknis 15/2021 (uji)');
        const chooser = page.waitForEvent('filechooser');
        await page.getByTestId('rubric-load-file').click();
        await (await chooser).setFiles(join(dir, file));
        await page.getByTestId('rubric-load-submit').click();
      };
      await load('rusak.json');
      const problem = page.getByTestId('rubric-load-problem');
      await problem.waitFor();
      expect(await problem.textContent()).toContain('bands leave a gap');
      expect(
        await page.getByTestId('rubric-version-row').filter({ hasText: 'lampiran-uji' }).count(),
      ).toBe(0);

      await load('lampiran.json');
      await page.getByTestId('rubric-load-done').waitFor();
      const row = page.getByTestId('rubric-version-row').filter({ hasText: 'lampiran-uji' });
      await row.waitFor();
      expect(await row.textContent()).toContain('Resmi');
      expect(await row.textContent()).toContain('kemenkop.admin');
    });
  });
});

/**
 * The rubric with every placeholder row confirmed from an (invented) official appendix and the
 * predikat cut-offs set: what the ministry would load once the values are public.
 */
function confirmed(source: Rubric): Rubric {
  const r = JSON.parse(JSON.stringify(source)) as Rubric;
  const confirm = (s: { status: string; document: string; note?: string }) => {
    if (s.status === 'placeholder') {
      s.status = 'confirmed';
      s.document = 'Lampiran Juknis 15/2021 (uji)';
      delete s.note;
    }
  };
  confirm(r.predikat.source);
  for (const a of r.aspects) {
    confirm(a.weight.source);
    for (const c of a.components) {
      confirm(c.weight.source);
      if (c.scoring.kind === 'bands') confirm(c.scoring.table.source);
    }
  }
  r.predikat.cutOffs = [
    { atLeast: '85', predikat: 'Sehat' },
    { atLeast: '70', predikat: 'Cukup Sehat' },
    { atLeast: '55', predikat: 'Dalam Pengawasan' },
    { atLeast: '0', predikat: 'Dalam Pengawasan Khusus' },
  ];
  return r;
}
