/// <reference lib="dom" />
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { login, PHONE, useDemoBrowser, type Viewport } from './support/server.js';

/**
 * Koperasi modern in the browser: the city's administrator sets the target; on a phone the
 * examiner opens the cooperative closest to qualifying, records that it now meets its last
 * criterion with evidence, and sees it qualify and the count on the chart move up by one.
 * axe runs after each step.
 */

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 900 };

async function open(page: import('playwright-core').Page, username: string) {
  await login(page, demo.server.baseUrl, username);
  await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]+\//);
  if ((page.viewportSize()?.width ?? 1366) < 768) await page.getByTestId('burger').click();
  await page.getByTestId('nav-koperasi-modern').click();
  await page.getByTestId('km-progress').waitFor({ timeout: 20_000 });
}

describe('koperasi modern', () => {
  it('the administrator sets the city’s target (laptop)', async () => {
    await withPage(
      'koperasi-modern-target',
      async (page) => {
        await open(page, 'dinas.admin');
        const headline = page.getByTestId('km-target-headline');
        expect(await headline.textContent()).toBe('30 koperasi modern pada akhir 2026');
        expect(await page.getByTestId('km-closest-row').count()).toBeGreaterThan(3);
        expect(await axeViolations(page)).toEqual([]);
        await page.getByTestId('km-target-count').fill('25');
        await page.getByTestId('km-target-year').fill('2026');
        await page.getByTestId('km-target-save').click();
        await expect.poll(() => headline.textContent()).toBe('25 koperasi modern pada akhir 2026');
        expect(await page.getByTestId('km-target-progress').textContent()).toMatch(/dari 25/);
        expect(await axeViolations(page)).toEqual([]);
      },
      LAPTOP,
    );
  });

  it('the examiner records the last criterion met with evidence, and the count moves (phone)', async () => {
    await withPage(
      'koperasi-modern-checklist',
      async (page) => {
        await open(page, 'dinas.pengawas');
        const headline = page.getByTestId('km-progress-headline');
        const before = Number(await headline.textContent());
        // the examiner may not set targets
        expect(await page.getByTestId('km-target-save').count()).toBe(0);
        const first = page.getByTestId('km-closest-row').first();
        const name = (await first.getByRole('button').textContent())!;
        await first.getByRole('button').click();
        const card = page.getByTestId('km-checklist');
        await card.waitFor();
        await expect.poll(() => card.textContent()).toContain(name);
        expect(await axeViolations(page)).toEqual([]);

        // saving with an item unanswered is refused on the form
        await page.getByTestId('km-save').click();
        await card.getByText('Jawab setiap kriteria').waitFor();

        for (const no of [1, 2])
          await page.getByTestId(`km-answer-${no}`).getByText('Terpenuhi', { exact: true }).click();
        await page.getByTestId('km-note-2').fill('Pembiayaan BPR, perjanjian 2026');
        const dir = mkdtempSync(join(tmpdir(), 'sg-km-'));
        const evidencePath = join(dir, 'perjanjian-bpr.pdf');
        writeFileSync(evidencePath, '%PDF-1.4\n% perjanjian pembiayaan\n');
        const chooser = page.waitForEvent('filechooser');
        await page.getByTestId('km-attach-2').click();
        await (await chooser).setFiles(evidencePath);
        await page.getByTestId('km-file-2').getByText('perjanjian-bpr.pdf').waitFor();
        await page.getByTestId('km-save').click();

        // the latest checklist qualifies, with the evidence linked
        const latest = page.getByTestId('km-latest');
        await expect.poll(() => latest.textContent(), { timeout: 15_000 }).toContain('Memenuhi');
        await latest.getByRole('link', { name: 'perjanjian-bpr.pdf' }).waitFor();
        // the chart's count moved up by one, and the cooperative left the closest list
        await expect.poll(() => headline.textContent()).toBe(String(before + 1));
        const closest = await page.getByTestId('km-closest-row').allTextContents();
        expect(closest.some((t) => t.startsWith(name))).toBe(false);
        const table = await page.getByTestId('km-progress-table').locator('tbody tr').last();
        expect(await table.textContent()).toContain(String(before + 1));
        expect(await axeViolations(page)).toEqual([]);
      },
      PHONE,
    );
  });
});
