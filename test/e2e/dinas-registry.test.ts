/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { login, PHONE, useDemoBrowser, type Viewport } from './support/server.js';

/**
 * The Dinas's registry in the browser: the demo Dinas admin (Kota Pekalongan, region 3375)
 * downloads the import template, fills two cooperatives into it, imports it (a file with a bad row
 * first: its problems listed by row, nothing filed), finds them in the list, filters, saves the
 * filter and opens one. axe runs on the page every step ends on.
 */

const demo = useDemoBrowser();
const { withPage } = demo;
const LAPTOP: Viewport = { width: 1366, height: 900 };
const dir = mkdtempSync(join(tmpdir(), 'sg-e2e-registry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = [
  {
    name: 'Koperasi Uji Peramban Melati',
    nik: '3375049990000101',
    type: 'PRODUSEN',
    district: '337504',
    members: 77,
  },
  {
    name: 'KSP Uji Peramban Kenanga',
    nik: '3375049990000102',
    type: 'KSP',
    district: '337502',
    members: 1234,
  },
];

async function openRegistry(page: Page): Promise<void> {
  await login(page, demo.server.baseUrl, 'dinas.admin');
  // the landing page first (the menu is behind the burger on a phone)
  await page.getByTestId('page-title').waitFor();
  if (await page.getByTestId('burger').isVisible()) await page.getByTestId('burger').click();
  await page.getByTestId('nav-registry').click();
  await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Registri koperasi');
}

/** The template as downloaded, filled with the two rows (or one bad row): the path of the file. */
async function fill(template: string, name: string, bad: boolean): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const ws = wb.getWorksheet('Koperasi')!;
  const col = (header: string) => {
    let found = 0;
    ws.getRow(1).eachCell((c, n) => {
      if (c.text === header) found = n;
    });
    expect(found, header).toBeGreaterThan(0);
    return found;
  };
  // the example rows cleared, the two cooperatives written from row 2
  for (let n = 2; n <= ws.rowCount; n++) ws.getRow(n).values = [];
  ROWS.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    row.getCell(col('Nama koperasi')).value = r.name;
    row.getCell(col('NIK koperasi')).value = r.nik;
    row.getCell(col('Jenis')).value = r.type;
    row.getCell(col('Bentuk (primer/sekunder)')).value = 'primer';
    row.getCell(col('Wilayah keanggotaan')).value = 'kabupaten/kota';
    row.getCell(col('Kode provinsi')).value = '33';
    // a regency outside the city: the office cannot file it
    row.getCell(col('Kode kab/kota')).value = bad && i === 1 ? '3326' : '3375';
    row.getCell(col('Kode kecamatan')).value = bad && i === 1 ? null : r.district;
    row.getCell(col('Jumlah anggota')).value = r.members;
    row.getCell(col('Status')).value = 'aktif';
    row.getCell(col('Status sejak (YYYY-MM-DD)')).value = '2021-03-01';
  });
  // the Pengurus sheet: the second cooperative's chair (current) and a supervisor whose term ended
  const organs = wb.getWorksheet('Pengurus')!;
  for (let n = 2; n <= organs.rowCount; n++) organs.getRow(n).values = [];
  const headers = (organs.getRow(1).values as string[]).slice(1);
  const put = (n: number, v: Record<string, string>) => {
    organs.getRow(n).values = headers.map((h) => v[h] ?? null);
  };
  put(2, {
    'NIK koperasi': ROWS[1]!.nik,
    'Organ (pengurus/pengawas/pengawas syariah)': 'pengurus',
    Jabatan: 'Ketua',
    'Nama lengkap': 'Hj. Nur Aini',
    'Mulai menjabat (YYYY-MM-DD)': '2023-01-01',
    'Akhir masa jabatan (YYYY-MM-DD)': '2027-12-31',
  });
  put(3, {
    'NIK koperasi': ROWS[1]!.nik,
    'Organ (pengurus/pengawas/pengawas syariah)': 'pengawas',
    'Nama lengkap': 'Slamet Riyadi',
    'Mulai menjabat (YYYY-MM-DD)': '2019-01-01',
    'Akhir masa jabatan (YYYY-MM-DD)': '2022-12-31',
  });
  const path = join(dir, name);
  await wb.xlsx.writeFile(path);
  return path;
}

describe('the Dinas registry in the browser', () => {
  it('imports two cooperatives from the template, finds, filters and opens one', async () => {
    let template = '';
    await withPage(
      'registry-template',
      async (page) => {
        await openRegistry(page);
        const download = page.waitForEvent('download');
        await page.getByTestId('registry-template').click();
        template = join(dir, 'template.xlsx');
        await (await download).saveAs(template);
      },
      LAPTOP,
    );
    const bad = await fill(template, 'bad.xlsx', true);
    const good = await fill(template, 'good.xlsx', false);

    await withPage(
      'registry-import-refused',
      async (page) => {
        await openRegistry(page);
        await page.locator('input[type=file]').setInputFiles(bad);
        const problems = page.getByTestId('registry-import-problems');
        await problems.waitFor();
        expect(await problems.locator('tbody tr').count()).toBeGreaterThan(0);
        expect(await problems.textContent()).toContain('Baris 3');
        expect(await problems.textContent()).toContain('di luar wilayah pengawasan');
        await page.getByTestId('registry-search').fill('uji peramban');
        await expect
          .poll(() => page.getByTestId('registry-total').textContent())
          .toBe('0 koperasi');
      },
      LAPTOP,
    );

    await withPage(
      'registry-import',
      async (page) => {
        await openRegistry(page);
        await page.locator('input[type=file]').setInputFiles(good);
        await expect
          .poll(() => page.getByTestId('registry-notice').textContent())
          .toBe('2 koperasi diimpor, dengan 2 pengurus/pengawas.');
        await page.getByTestId('registry-search').fill('uji peramban');
        await expect
          .poll(() => page.getByTestId('registry-total').textContent())
          .toBe('2 koperasi');
        expect(await page.getByTestId('registry-row').allTextContents()).toEqual([
          expect.stringContaining('Koperasi Uji Peramban Melati'),
          expect.stringContaining('KSP Uji Peramban Kenanga'),
        ]);
        // not on Sokoguru, active, with the district's name
        expect(
          await page.getByTestId('registry-row').first().getByTestId('linked-badge').textContent(),
        ).toBe('Belum');
        expect(await page.getByTestId('registry-row').first().textContent()).toContain(
          'Pekalongan Selatan',
        );
        // filter by type, then save the filter
        await page.getByTestId('registry-more-filters').click();
        await page.getByTestId('filter-cooperativeType').click();
        await page.getByRole('option', { name: 'KSP', exact: true }).click();
        await expect
          .poll(() => page.getByTestId('registry-total').textContent())
          .toBe('1 koperasi');
        expect(await page.getByTestId('registry-row').textContent()).toContain(
          'KSP Uji Peramban Kenanga',
        );
        await page.getByTestId('saved-filter-name').fill('KSP uji');
        await page.getByTestId('saved-filter-save').click();
        await expect
          .poll(() => page.getByTestId('registry-notice').textContent())
          .toBe('Saringan "KSP uji" disimpan.');
        // sorted by members, largest first, among both
        await page.getByTestId('registry-clear-filters').click();
        await page.getByTestId('registry-search').fill('uji peramban');
        await page.getByTestId('registry-sort').click();
        await page.getByRole('option', { name: 'Jumlah anggota' }).click();
        await page.getByTestId('registry-direction').click();
        await page.getByRole('option', { name: 'Turun' }).click();
        await expect
          .poll(() => page.getByTestId('registry-row').first().textContent())
          .toContain('KSP Uji Peramban Kenanga');
        // open it
        await page.getByTestId('registry-open').first().click();
        const panel = page.getByTestId('registry-panel');
        await panel.waitFor();
        await expect
          .poll(() => page.getByTestId('registry-panel-name').textContent())
          .toBe('KSP Uji Peramban Kenanga');
        await expect
          .poll(() => page.getByTestId('registry-address').textContent())
          .toContain('Pekalongan Timur');
        await expect
          .poll(() => page.getByTestId('registry-address').textContent())
          .toMatch(/KOTA PEKALONGAN.*JAWA TENGAH/);
        expect(await page.getByTestId('registry-history').textContent()).toContain('Aktif');
        // the organs with their terms; the ended one marked
        const organs = page.getByTestId('registry-organ');
        expect(await organs.count()).toBe(2);
        expect(
          await page.locator('[data-testid=registry-organ][data-expired=true]').textContent(),
        ).toContain('Slamet Riyadi');
        expect(await page.getByTestId('registry-organs').textContent()).toContain(
          'Masa jabatan berakhir',
        );
        // a status change: refused in the form without a status or a reason, then recorded
        await page.getByTestId('status-submit').click();
        await expect.poll(() => panel.getByText('Wajib diisi.').count()).toBeGreaterThanOrEqual(2);
        await page.getByTestId('status-new').click();
        await page.getByRole('option', { name: 'Tidak aktif' }).click();
        await page.getByTestId('status-reason').fill('Tidak menyelenggarakan RAT dua tahun');
        await page.getByTestId('status-submit').click();
        await expect
          .poll(() => page.getByTestId('registry-history').textContent())
          .toContain('Tidak menyelenggarakan RAT dua tahun');
        expect(await panel.getByTestId('status-badge').textContent()).toBe('Tidak aktif');
      },
      LAPTOP,
    );
  });

  it('applies a saved filter and shows the list on a phone (360 px)', async () => {
    await withPage(
      'registry-phone',
      async (page) => {
        await openRegistry(page);
        await page.getByTestId('saved-filter-select').click();
        await page.getByRole('option', { name: 'KSP uji' }).click();
        await page.getByTestId('registry-search').fill('uji peramban');
        await expect
          .poll(() => page.getByTestId('registry-total').textContent())
          .toBe('1 koperasi');
        await page.getByTestId('registry-open').first().click();
        await page.getByTestId('registry-panel').waitFor();
      },
      PHONE,
    );
  });
});
