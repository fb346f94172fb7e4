/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  fileDemoCooperatives,
  login,
  PHONE,
  useDemoBrowser,
  type Viewport,
} from './support/server.js';

/**
 * The Dinas head's journey: signing in lands on the supervision dashboard, whose cards, charts,
 * map points and table of districts show the region; a point or a district's cooperative opens
 * the cooperative; the public open-data page shows aggregates only. axe runs at every step
 * (withPage), the Content-Security-Policy is watched for the whole file.
 */

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 900 };

/** A few cooperatives with coordinates, filed through the API, so the map has points of its own. */
beforeAll(async () => {
  const places = [
    ['KSP Uji Peta Barat', '337501', '-6.887000', '109.655000'],
    ['KSP Uji Peta Timur', '337502', '-6.893000', '109.690000'],
    ['Koperasi Uji Peta Utara', '337503', '-6.868000', '109.680000'],
  ] as const;
  await fileDemoCooperatives(
    demo.server.baseUrl,
    places.map(([name, district, lat, lon]) => ({
      name,
      cooperativeType: 'KSP',
      districtCode: district,
      latitude: lat,
      longitude: lon,
      memberCount: 150,
    })),
  );
});

describe('the Dinas dashboard in the browser', () => {
  for (const [name, viewport] of [
    ['1366', LAPTOP],
    ['360', PHONE],
  ] as const) {
    it(`the Dinas head lands on the dashboard, sees the map's points and opens a cooperative at ${name} px`, async () => {
      await withPage(
        `dinas-dashboard-${name}`,
        async (page) => {
          await login(page, demo.server.baseUrl, 'dinas.admin');
          await expect
            .poll(() => page.url(), { timeout: 30_000 })
            .toMatch(/\/o\/[0-9a-f-]+\/supervision$/);
          await page.getByTestId('dinas-dashboard').waitFor();
          await page.getByTestId('card-total').waitFor({ timeout: 30_000 });
          const total = Number(
            (await page.getByTestId('card-total-value').textContent())?.replace(/\./g, ''),
          );
          expect(total).toBeGreaterThanOrEqual(3);
          // the map drew a point per cooperative with coordinates (SVG circles, no tiles)
          await expect
            .poll(
              () => page.locator('[data-testid="region-map"] path.leaflet-interactive').count(),
              {
                timeout: 15_000,
              },
            )
            .toBeGreaterThanOrEqual(3);
          expect(await page.locator('img.leaflet-tile').count()).toBe(0);
          // the charts drew their bars
          for (const chart of ['chart-by-type', 'chart-reporting', 'chart-predikat'])
            await expect
              .poll(() => page.getByTestId(`${chart}-chart`).locator('svg path[d]').count())
              .toBeGreaterThan(0);
          // the district table, the map's text alternative, lists Kota Pekalongan's kecamatan
          const table = page.getByTestId('areas-table');
          expect(await table.textContent()).toContain('Pekalongan Utara');
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect(overflow).toBeLessThanOrEqual(0);
          mkdirSync('test-results', { recursive: true });
          await page.screenshot({
            path: `test-results/dinas-dashboard-${name}.png`,
            fullPage: true,
          });
          // drill down: a district's cooperatives, then one of them
          await page.getByTestId('area-337503').click();
          await page.getByTestId('area-cooperatives').getByText('Koperasi Uji Peta Utara').click();
          await page.getByTestId('dinas-cooperative').waitFor();
          await expect
            .poll(() => page.getByTestId('page-title').textContent())
            .toBe('Koperasi Uji Peta Utara');
        },
        viewport,
      );
    });
  }

  it('the public open-data page shows aggregates only, without signing in', async () => {
    await withPage(
      'open-data-360',
      async (page) => {
        await page.goto(`${demo.server.baseUrl}/data/3375`);
        await page.getByTestId('open-counts-area').waitFor({ timeout: 30_000 });
        const text = (await page.getByTestId('open-data').textContent()) ?? '';
        expect(text).toContain('Pekalongan Utara');
        expect(text).toMatch(/1 jam/);
        // no cooperative's name: not the ones filed by this test, not a demo one
        expect(text).not.toContain('Uji Peta');
        expect(text).not.toContain('KSP Sejahtera Bersama');
        for (const id of ['open-counts-type', 'open-health'])
          expect(await page.getByTestId(id).locator('tbody tr').count()).toBeGreaterThan(1);
        const csv = await page.request.get(
          `${demo.server.baseUrl}${await page.getByTestId('open-data-csv').getAttribute('href')}`,
        );
        expect(csv.status()).toBe(200);
        expect(await csv.text()).toMatch(/^table,key,name,measure,value,suppressed/);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        mkdirSync('test-results', { recursive: true });
        await page.screenshot({ path: 'test-results/open-data-360.png', fullPage: true });
      },
      PHONE,
    );
  });

  it('a point on the map opens its cooperative', async () => {
    await withPage('dinas-dashboard-point', async (page) => {
      await login(page, demo.server.baseUrl, 'dinas.pengawas');
      await page.getByTestId('region-map').waitFor({ timeout: 30_000 });
      const point = page.locator('[data-testid="region-map"] path.leaflet-interactive').first();
      await point.waitFor();
      await point.click({ force: true });
      await page.getByTestId('dinas-cooperative').waitFor();
      expect(page.url()).toMatch(/\/supervision\/[0-9]+$/);
    });
  });
});
