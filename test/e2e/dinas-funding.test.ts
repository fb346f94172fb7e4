/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { login, PHONE, useDemoBrowser, type Viewport } from './support/server.js';

/**
 * Funding referrals in the browser: the pembina sees the city's cooperatives ranked by readiness
 * for LPDB-KUMKM, opens the first ready one's checklist, refers it (confirming the audit when
 * asked), downloads the package's PDF and records the lender's review and approval; on a phone the
 * page reads the same. axe runs after each step.
 */

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 900 };

async function open(page: import('playwright-core').Page, username: string) {
  await login(page, demo.server.baseUrl, username);
  await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]+\//);
  if ((page.viewportSize()?.width ?? 1366) < 768) await page.getByTestId('burger').click();
  await page.getByTestId('nav-funding').click();
  await page.getByTestId('funding-readiness').waitFor({ timeout: 20_000 });
}

describe('funding referrals', () => {
  it('the pembina refers a ready cooperative, downloads the PDF and records approval (laptop)', async () => {
    await withPage(
      'funding-refer',
      async (page) => {
        await open(page, 'dinas.pembina');
        // the demo's three referrals are listed
        expect(await page.getByTestId('funding-referral').count()).toBe(3);
        // ready ones first
        const first = page.getByTestId('funding-row').first();
        expect(await first.getByTestId('funding-ready').textContent()).toBe('Siap');
        expect(await axeViolations(page)).toEqual([]);

        await first.getByTestId('funding-open').click();
        const card = page.getByTestId('funding-checklist');
        await card.waitFor();
        expect(await page.getByTestId('funding-item-health').textContent()).toMatch(/Sehat/);
        await page.getByTestId('funding-amount').fill('500000000');
        await page.getByTestId('funding-purpose').fill('Modal pinjaman anggota pedagang pasar');
        if ((await page.getByTestId('funding-audit').count()) > 0)
          await page.getByTestId('funding-audit').check();
        await page.getByTestId('funding-submit').click();
        const done = page.getByTestId('funding-referred');
        await done.waitFor({ timeout: 15_000 });
        const number = /Rujukan (\S+) dibuat/.exec((await done.textContent())!)![1]!;
        expect(await axeViolations(page)).toEqual([]);

        const row = page.getByTestId('funding-referral').filter({ hasText: number });
        await row.waitFor();
        expect(await row.getByTestId('funding-status').textContent()).toBe('Dirujuk');
        const download = page.waitForEvent('download');
        await row.getByTestId('funding-pdf').click();
        const pdf = readFileSync(await (await download).path());
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        expect(pdf.length).toBeGreaterThan(3000);

        // the lender reviews, then approves Rp 400.000.000
        await row.getByTestId('funding-move').click();
        await page.getByTestId('funding-save-status').click();
        await expect
          .poll(() => row.getByTestId('funding-status').textContent(), { timeout: 15_000 })
          .toBe('Sedang ditelaah');
        await row.getByTestId('funding-move').click();
        await page.getByTestId('funding-next-status').selectOption('approved');
        await page.getByTestId('funding-status-amount').fill('400000000');
        await page.getByTestId('funding-save-status').click();
        await expect
          .poll(() => row.getByTestId('funding-status').textContent(), { timeout: 15_000 })
          .toBe('Disetujui');
        expect(await row.textContent()).toContain('disetujui Rp');
        expect(await axeViolations(page)).toEqual([]);
      },
      LAPTOP,
    );
  });

  it('the pengawas reads readiness and referrals on a phone, without the forms', async () => {
    await withPage(
      'funding-phone',
      async (page) => {
        await open(page, 'dinas.pengawas');
        await page.getByTestId('funding-programme').selectOption('umi');
        await page.getByTestId('funding-row').first().getByTestId('funding-open').click();
        await page.getByTestId('funding-checklist').waitFor();
        expect(await page.getByTestId('funding-refer-form').count()).toBe(0);
        expect(await page.getByTestId('funding-move').count()).toBe(0);
        expect(await axeViolations(page)).toEqual([]);
      },
      PHONE,
    );
  });
});
