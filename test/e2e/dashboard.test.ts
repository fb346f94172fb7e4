/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { login, PHONE, useDemoBrowser, type Viewport } from './support/server.js';

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 900 };
const CHARTS = [
  'chart-members',
  'chart-savings',
  'chart-loans',
  'chart-npl',
  'chart-collectibility',
  'chart-cash',
  'chart-liquidity',
  'chart-shu',
];

async function openDashboard(page: Page): Promise<void> {
  await login(page, demo.server.baseUrl, 'ksp.pengurus');
  await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]+\/dashboard$/);
  await page.getByTestId('manager-dashboard').waitFor({ timeout: 30_000 });
  // every chart has drawn its data: a recharts surface with at least one plotted shape
  for (const id of CHARTS) {
    await expect
      .poll(
        () => page.getByTestId(`${id}-chart`).locator('svg path[d], svg rect[height]').count(),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
  }
}

describe("the manager's dashboard in the browser", () => {
  for (const [name, viewport] of [
    ['1366', LAPTOP],
    ['360', PHONE],
  ] as const) {
    it(`shows the demo KSP's figures with charts and passes axe at ${name} px`, async () => {
      await withPage(
        `dashboard-${name}`,
        async (page) => {
          await openDashboard(page);
          // the demo KSP: 2,000 members, a loan book of billions with an NPL under 10 %, a positive SHU
          expect(await page.getByTestId('chart-members-headline').textContent()).toBe('2.000');
          expect(await page.getByTestId('chart-loans-headline').textContent()).toMatch(
            /^Rp\u00a0\d{1,3}(\.\d{3}){3}$/,
          );
          expect(await page.getByTestId('chart-npl-headline').textContent()).toMatch(
            /^[0-9],\d\d %$/,
          );
          expect(await page.getByTestId('chart-shu-headline').textContent()).toMatch(
            /^Rp\u00a0\d{1,3}(\.\d{3}){2}$/,
          );
          // each chart is labelled by its summary and carries its twelve months as a table
          for (const id of CHARTS) {
            const chart = page.getByTestId(`${id}-chart`);
            expect(await chart.getAttribute('role')).toBe('img');
            const label = await chart.getAttribute('aria-labelledby');
            expect(await page.locator(`[id="${label}"]`).textContent()).not.toBe('');
          }
          await page.getByTestId('chart-savings').getByText('Lihat data').click();
          expect(await page.getByTestId('chart-savings-table').locator('tbody tr').count()).toBe(
            12,
          );
          expect(await page.getByTestId('dashboard-counter').textContent()).toContain(
            'Kasir hari ini',
          );
          // nothing wider than the screen
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow).toBeLessThanOrEqual(0);
          expect(await axeViolations(page)).toEqual([]);
          mkdirSync('test-results', { recursive: true });
          await page.screenshot({ path: `test-results/dashboard-${name}.png`, fullPage: true });
          for (const id of ['chart-savings', 'chart-npl', 'chart-shu'])
            await page
              .getByTestId(id)
              .screenshot({ path: `test-results/dashboard-${name}-${id}.png` });
        },
        viewport,
      );
    });
  }
});
