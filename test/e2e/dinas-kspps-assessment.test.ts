/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileDemoCooperatives, login, useDemoBrowser } from './support/server.js';

/**
 * The Dinas examiner scores a KSPPS under the sharia rubric (issue 21 item 8): Dinas Kota
 * Pekalongan's pengawas starts an assessment of a KSPPS under perdep-07-2016, types the figures of
 * the worked example (docs/examples/health-perdep-07-2016.json), answers the management
 * questionnaires "Ya" and the 11 kepatuhan syariah items with two "Tidak", watches the score,
 * finalises and downloads the PDF. Expected by hand (test/unit/supervision/perdep-07-2016.test.ts):
 * the example's ratios give 10 + 18 + 10 + 15 + 10 + 10 = 73.00 on the six ratio aspects, every
 * management "Ya" 15.00, 9 of 11 sharia items 81.82 % → nilai 82 → 8.20: 96.20, Sehat, provisional.
 * axe runs on the page at the end of the step.
 */

const demo = useDemoBrowser();
const { withPage } = demo;
const NAME = 'KSPPS BMT Uji Amanah';
const example = JSON.parse(
  readFileSync(
    resolve(import.meta.dirname, '../../docs/examples/health-perdep-07-2016.json'),
    'utf8',
  ),
) as Record<string, unknown>;
const FIGURES = Object.entries(example).filter(([, v]) => typeof v === 'number') as [
  string,
  number,
][];

beforeAll(async () => {
  await fileDemoCooperatives(demo.server.baseUrl, [
    { name: NAME, cooperativeType: 'KSPPS', districtCode: '337501' },
  ]);
});

describe('the examiner and a KSPPS', () => {
  it('scores it under the sharia rubric, finalises and downloads the PDF', async () => {
    await withPage('dinas-kspps-assessment', async (page) => {
      await login(page, demo.server.baseUrl, 'dinas.pengawas');
      await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]+\//);
      await page.getByTestId('nav-assessments').click();
      await page.getByTestId('assessments-page').waitFor();
      await page.getByTestId('assessment-new').click();
      await page.getByTestId('assessment-editor').waitFor();

      await page.getByTestId('assessment-cooperative').fill(NAME.slice(0, 14));
      await page.getByRole('option', { name: NAME }).click();
      await page.getByTestId('assessment-period').fill('2025-12');
      await page.getByTestId('assessment-rubric').click();
      // the sharia rubric is offered with its provisional mark
      const option = page.getByRole('option', { name: /perdep-07-2016 · builtin/ });
      expect(await option.textContent()).toContain('Sementara');
      await option.click();
      // its figures under sharia names
      await page.getByTestId('figure-pembiayaanMacet').waitFor();
      for (const [key, value] of FIGURES)
        await page.getByTestId(`figure-${key}`).fill(String(value));
      await page.getByTestId('assessment-result').waitFor({ timeout: 15_000 });

      const syariah = page.getByTestId('checklist-syariah.kepatuhan');
      expect(await syariah.textContent()).toContain('Dewan Pengawas Syariah');
      for (const c of ['umum', 'kelembagaan', 'permodalan', 'aktiva', 'likuiditas'])
        await page.getByTestId(`all-ya-manajemen.${c}`).click();
      await page.getByTestId('all-ya-syariah.kepatuhan').click();
      // two findings: a mudharabah akad without its nisbah, denda booked as income
      for (const no of [5, 8])
        await page
          .getByTestId(`answer-syariah.kepatuhan.${no}`)
          .getByText('Tidak', { exact: true })
          .click();
      expect(await syariah.textContent()).toContain('9 / 11');
      await expect
        .poll(() => page.getByTestId('total-score').first().textContent(), { timeout: 15_000 })
        .toContain('96.20');
      expect(await page.getByTestId('provisional-note').first().isVisible()).toBe(true);

      await page.getByTestId('assessment-save').click();
      await page.getByTestId('assessment-saved').waitFor();
      await page.getByTestId('assessment-finalize').click();
      const final = page.getByTestId('assessment-final');
      await final.waitFor({ timeout: 15_000 });
      expect(await final.getByTestId('predikat').first().textContent()).toBe('Sehat');
      const text = (await final.textContent()) ?? '';
      expect(text).toContain('Sementara');
      expect(text).toContain('perdep-07-2016');
      expect(text).toContain('Kepatuhan Prinsip Syariah');

      const download = page.waitForEvent('download');
      await page.getByTestId('assessment-pdf').click();
      const pdf = readFileSync(await (await download).path());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

      const row = page.getByTestId('assessment-row').filter({ hasText: NAME }).first();
      await row.waitFor();
      expect(await row.textContent()).toContain('Final');
      expect(await row.textContent()).toContain('perdep-07-2016');
    });
  });
});
