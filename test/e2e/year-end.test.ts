/// <reference lib="dom" />
import { describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { login, PHONE, useDemoBrowser } from './support/server.js';

/**
 * Tutup buku tahunan on the books page (docs/domain/year-end.md): the demo KSP's 2025 is closed
 * (seeded by the year-end close), with its closing entries and the links to the year's
 * statements; its re-opening is refused because January 2026 is closed; 2026 has not ended, so
 * its close is refused after the confirmation. Nothing here changes the demo. axe on every step.
 */

const demo = useDemoBrowser();
const { withPage } = demo;

describe('year-end close in the browser', () => {
  it('shows the closed 2025 with its closing entries; refusals are explained and change nothing', async () => {
    await withPage('year-end', async (page) => {
      await login(page, demo.server.baseUrl, 'ksp.pengurus');
      await page.getByTestId('nav-books').click();
      const card = page.getByTestId('year-end');
      await card.waitFor({ timeout: 20_000 });
      await page.getByTestId('year-end-year').fill('2025');
      await expect.poll(() => page.getByTestId('year-end-status').textContent()).toBe('Ditutup');
      const text = (await card.textContent()) ?? '';
      expect(text).toContain('Jurnal penutup tahun buku 2025');
      expect(text).toContain('SHU tahun 2025 dipindahkan ke SHU belum dibagi');
      expect(await card.locator('a[href$="/years/2025/statements/phu?format=pdf"]').count()).toBe(
        1,
      );
      expect(await axeViolations(page)).toEqual([]);

      // re-opening: refused, January 2026 is closed
      await page.getByTestId('year-end-reason').fill('Koreksi hasil audit akuntan publik');
      await page.getByTestId('year-end-reopen').click();
      await expect
        .poll(() => card.getByRole('alert').first().textContent())
        .toContain('tidak dapat dibuka kembali');
      expect(await axeViolations(page)).toEqual([]);

      // 2026: open, the close asks first and is refused (the year has not ended)
      await page.getByTestId('year-end-year').fill('2026');
      await expect.poll(() => page.getByTestId('year-end-status').textContent()).toBe('Terbuka');
      await page.getByTestId('year-end-close').click();
      await page.getByTestId('year-end-confirm').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.getByTestId('year-end-confirm').click();
      await expect
        .poll(() => card.getByRole('alert').first().textContent())
        .toContain('belum berakhir');
    });
  });

  it('reads on a phone', async () => {
    await withPage(
      'year-end-phone',
      async (page) => {
        await login(page, demo.server.baseUrl, 'ksp.pengurus');
        await expect.poll(() => page.url(), { timeout: 30_000 }).toMatch(/\/o\/[0-9a-f-]+\//);
        await page.goto(page.url().replace(/(\/o\/[0-9a-f-]+\/).*$/, '$1books'));
        await page.getByTestId('year-end').waitFor({ timeout: 20_000 });
        expect(await axeViolations(page)).toEqual([]);
      },
      PHONE,
    );
  });
});
