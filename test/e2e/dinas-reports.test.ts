/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { login, useDemoBrowser } from './support/server.js';

/**
 * A cooperative shares its quarterly report with its Dinas, and the Dinas sees it: the demo KSPPS
 * (on Sokoguru, supervised by Dinas Kota Pekalongan) previews its last quarter from its books,
 * its admin submits it for approval, its pengurus approves it, and the Dinas finds it in its
 * completeness grid and opens the new version. axe runs at the end of every step.
 */

const demo = useDemoBrowser();
const { withPage } = demo;

/** Signs in and answers the organisation id of the page it lands on. */
async function signedIn(page: Page, username: string): Promise<string> {
  await login(page, demo.server.baseUrl, username);
  await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]{36}\//);
  return /\/o\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
}

describe('reports that flow in, in the browser', () => {
  it('a cooperative shares its quarterly report and the Dinas sees it in its completeness grid', async () => {
    let period = '';
    await withPage('reports-prepare', async (page) => {
      const orgId = await signedIn(page, 'kspps.admin');
      await page.goto(`${demo.server.baseUrl}/o/${orgId}/reports-to-dinas`);
      await page.getByTestId('report-figures').waitFor({ timeout: 30_000 });
      // the preview shows each figure with the accounts behind it
      expect(await page.getByTestId('line-kasBank').textContent()).toMatch(/1101|1103/);
      period = (await page.getByTestId('report-period').inputValue()).trim();
      expect(period).toMatch(/^[0-9]{4}-Q[1-4]$/);
      await page.getByTestId('report-share').click();
      await page.getByTestId('reports-notice').waitFor();
    });

    await withPage('reports-approve', async (page) => {
      const orgId = await signedIn(page, 'kspps.pengurus');
      await page.goto(`${demo.server.baseUrl}/o/${orgId}/reports-to-dinas`);
      const requests = page.getByTestId('share-requests');
      await requests.waitFor({ timeout: 30_000 });
      await requests.getByRole('button').first().click();
      await page.getByTestId('reports-notice').waitFor();
      await expect
        .poll(() => page.getByTestId('report-version').first().textContent())
        .toContain(period);
    });

    await withPage('reports-dinas-grid', async (page) => {
      const orgId = await signedIn(page, 'dinas.admin');
      await page.goto(`${demo.server.baseUrl}/o/${orgId}/supervision-reports`);
      const grid = page.getByTestId('completeness-grid');
      await grid.waitFor({ timeout: 30_000 });
      const row = grid.locator('tr', { hasText: 'KSPPS BMT Al-Amanah' });
      const cell = row.locator(`[data-testid$="-${period}"] [data-status]`);
      expect(await cell.getAttribute('data-status')).toBe('on_time');
      await row.getByRole('button').first().click();
      const detail = page.getByTestId('dinas-report-detail');
      await detail.waitFor();
      // the demo shared the quarter once; this is its second version, from the books
      const versions = detail.getByTestId('dinas-report-version');
      await expect.poll(() => versions.first().textContent()).toContain(period);
      expect(await versions.first().textContent()).toMatch(/2.*(Dari pembukuan|From the books)/);
      await versions.first().getByRole('button').click();
      await detail.getByTestId('report-figures').waitFor();
    });
  });
});
