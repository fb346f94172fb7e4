/// <reference lib="dom" />
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS } from '../../src/services/member-import.js';
import { describe, expect, it } from 'vitest';
import { login, useDemoBrowser } from './support/server.js';

const demo = useDemoBrowser();
const { withPage } = demo;

describe('members and the counter in the browser', () => {
  it('a teller registers a member and the manager approves: the member gets a number', async () => {
    // born 3 Feb 2001, female (+40 on the day): 337501 43 02 01 0001 — no demo member is that young
    await withPage('register-member', async (page) => {
      await login(page, demo.server.baseUrl, 'ksp.kasir');
      await page.getByTestId('nav-members').click();
      await page.getByTestId('member-register').click();
      await page.getByTestId('member-nik').fill('3375014302010001');
      await page.getByTestId('member-fullName').fill('Nabila Putri Ramadhani');
      await page.getByTestId('member-birthPlace').fill('Pekalongan');
      await page.getByTestId('member-birthDate').fill('2001-02-03');
      await page.getByTestId('member-phone').fill('0857 1234 5678');
      await page.getByTestId('member-address').fill('Jl. Hayam Wuruk No. 7, Podosugih');
      await page.getByTestId('member-submit').click();
      await expect
        .poll(() => page.getByTestId('member-notice').textContent())
        .toContain('menunggu persetujuan');
      await page.getByTestId('member-search').fill('Nabila');
      await expect
        .poll(() => page.getByTestId('member-row').first().textContent())
        .toContain('Calon');
    });
    await withPage('approve-member', async (page) => {
      await login(page, demo.server.baseUrl, 'ksp.pengurus');
      await page.getByTestId('nav-approvals').click();
      const card = page
        .locator('.mantine-Card-root', { hasText: 'Persetujuan anggota baru' })
        .first();
      await card.getByRole('button', { name: 'Setujui' }).click();
      await page.getByTestId('nav-members').click();
      await page.getByTestId('member-search').fill('Nabila');
      await expect
        .poll(() => page.getByTestId('member-row').first().textContent())
        .toMatch(/^\d{6}Nabila Putri RamadhaniAktif/);
    });
  });

  it('deposit and withdrawal at the counter with a receipt; the member sees the new balance in the portal', async () => {
    const balance = await withPage('counter', async (page) => {
      await login(page, demo.server.baseUrl, 'ksp.kasir');
      await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Kasir');
      await page.getByTestId('desk-select').click();
      await page.getByRole('option', { name: /^T1/ }).click();
      await page.getByTestId('open-session').click();
      await expect.poll(() => page.getByTestId('cash-session').isVisible()).toBe(true);
      // Siti Aminah (ksp.anggota) is member 000001; her sukarela account is SS-000001
      await page.getByTestId('account-search').fill('SS-000001');
      await page.getByTestId('account-select').click();
      await page.getByRole('option', { name: /^SS-000001/ }).click();
      await page.getByTestId('amount-input').fill('250000');
      await page.getByTestId('deposit').click();
      await expect
        .poll(() => page.getByTestId('teller-done').textContent())
        .toContain('Setor Rp 250.000 berhasil');
      // the receipt is a PDF for the thermal printer
      const href = await page.getByTestId('receipt-58').getAttribute('href');
      const pdf = await page.request.get(`${demo.server.baseUrl}${href}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await page.getByTestId('amount-input').fill('50000');
      await page.getByTestId('withdraw').click();
      await expect
        .poll(() => page.getByTestId('teller-done').textContent())
        .toContain('Tarik Rp 50.000 berhasil');
      const text = (await page.getByTestId('teller-done').textContent()) ?? '';
      return /Saldo: (Rp[\s\u00a0][0-9.]+)/.exec(text)?.[1] ?? 'missing';
    });
    expect(balance).toMatch(/^Rp/);
    await withPage(
      'portal',
      async (page) => {
        await login(page, demo.server.baseUrl, 'ksp.anggota');
        await expect.poll(() => page.getByTestId('balance-sukarela').textContent()).toBe(balance);
        await expect
          .poll(() => page.getByTestId('my-history').textContent())
          .toContain('+Rp\u00a0250.000');
        expect(await page.getByTestId('my-history').textContent()).toContain('−Rp\u00a050.000');
      },
      { width: 360, height: 740 },
    );
  });

  it('an import with a bad row shows the row and the column, and imports nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Anggota');
    ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
    ws.addRow(['3375014302010002', 'Anggota Benar', 'Pekalongan', '2001-02-03', 'P']);
    ws.addRow(['3375014302019999', 'Tanggal Salah', 'Pekalongan', '2001-02-04', 'P']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await withPage('import', async (page) => {
      await login(page, demo.server.baseUrl, 'ksp.pengurus');
      await page.getByTestId('nav-members').click();
      await page.locator('input[type=file]').setInputFiles({
        name: 'anggota.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer,
      });
      await expect
        .poll(() => page.getByTestId('import-errors').textContent())
        .toContain('Baris 3, Tanggal lahir');
      await page.getByTestId('member-search').fill('Anggota Benar');
      await expect.poll(() => page.getByTestId('member-table').locator('tbody tr').count()).toBe(0);
    });
  });
});
