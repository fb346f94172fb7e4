import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { IMPORT_COLUMNS } from '../../../src/services/member-import.js';
import { signIn, testAppForFile, type Client } from '../../support/fixtures.js';
import { nikFor, savingsWorld } from './setup.js';

const file = testAppForFile({ clock: () => new Date('2026-11-20T03:00:00Z') });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An .xlsx of the import template's columns; a cell is text, a number or a date. */
async function workbook(rows: Record<string, string | number | Date>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Anggota');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
  for (const r of rows) ws.addRow(IMPORT_COLUMNS.map((c) => r[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function person(i: number): Record<string, string | number> {
  const birthDate = `19${70 + i}-0${(i % 9) + 1}-1${i % 9}`;
  const gender = i % 2 === 0 ? 'P' : 'L';
  return {
    nik: nikFor(birthDate, gender),
    fullName: `Anggota Impor ${i}`,
    birthDate,
    gender,
    provinceCode: '33',
    regencyCode: '33.75',
    phone: `08123456${String(1000 + i)}`,
    joinedOn: '2020-01-15',
    pokok: 100_000,
    wajib: 50_000 * (i + 1),
    sukarela: 10_000 * i,
  };
}

async function counts(coop: string) {
  const r = await sql<{ members: bigint; entries: bigint; accounts: bigint }>`
    select (select count(*) from members where cooperative_id = ${coop}) as members,
      (select count(*) from journal_entries where cooperative_id = ${coop}) as entries,
      (select count(*) from savings_accounts where cooperative_id = ${coop}) as accounts`.execute(
    file.deps.database.db,
  );
  return r.rows[0]!;
}

describe('member import from Excel', () => {
  let w: Awaited<ReturnType<typeof savingsWorld>>;
  let client: Client;
  beforeAll(async () => {
    w = await savingsWorld(file.deps);
    client = await signIn(file.app, w.pengurusUser.username);
  });
  /** The member import of a sheet, as the pengurus; sent as an .xlsx unless `headers` say otherwise. */
  const upload = (
    sheet: Buffer,
    options: { dryRun?: boolean; headers?: Record<string, string> } = {},
  ) =>
    client.request(
      'POST',
      `/api/v1/orgs/${w.coop.id}/imports/members${options.dryRun ? '?dryRun=true' : ''}`,
      sheet,
      { 'content-type': XLSX, ...options.headers },
    );

  it('the template downloads with the expected headers', async () => {
    const res = await client.request('GET', `/api/v1/orgs/${w.coop.id}/imports/members/template`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = (wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(IMPORT_COLUMNS.map((c) => c.header));
  });

  it('a bad row in the middle: nothing is imported and the report names the row and the field', async () => {
    const rows = [0, 1, 2, 3, 4].map(person);
    // row 4 of the sheet (third data row): a NIK whose birth date does not match the column
    rows[2] = { ...rows[2]!, birthDate: '1972-03-14' };
    const before = await counts(w.coop.id);
    const res = await upload(await workbook(rows));
    expect(res.statusCode).toBe(422);
    const body = res.json<{ code: string; errors: { field: string; message: string }[] }>();
    expect(body.code).toBe('IMPORT_ROWS_INVALID');
    expect(body.errors.map((e) => e.field)).toEqual(['baris 4: birthDate']);
    expect(body.errors[0]!.message).toContain('Baris 4, Tanggal lahir');
    expect(await counts(w.coop.id)).toEqual(before);

    // English report on request
    const en = await upload(await workbook(rows), { headers: { 'accept-language': 'en' } });
    expect(en.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('row 4: birthDate');
  });

  it('duplicate NIKs in the file and NIKs already registered are reported per row', async () => {
    const rows = [0, 1].map(person);
    rows.push({ ...rows[0]!, fullName: 'Kembar' });
    const res = await upload(await workbook(rows));
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: { field: string; code: string }[] }>().errors).toMatchObject([
      { field: 'baris 4: nik', code: 'NIK_DUPLICATE_IN_FILE' },
    ]);
  });

  it('the upload is read as a stream: dates typed as dates count, a dry run writes nothing', async () => {
    // an Excel date cell (not text) for the birth and joining dates
    const rows = [7, 8].map((i) => {
      const p = person(i);
      return {
        ...p,
        birthDate: new Date(`${String(p.birthDate)}T00:00:00Z`),
        joinedOn: new Date('2021-02-01T00:00:00Z'),
      };
    });
    const before = await counts(w.coop.id);
    const res = await upload(await workbook(rows), { dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ imported: 2, entryId: null });
    expect(await counts(w.coop.id)).toEqual(before);
  });

  it('a file that is not a workbook, and one over 32 MiB, are refused before anything is written', async () => {
    const before = await counts(w.coop.id);
    const notXlsx = await upload(Buffer.from('NIK;Nama\n3375015204850001;Siti\n'));
    expect(notXlsx.statusCode).toBe(400);
    expect(notXlsx.json()).toMatchObject({ code: 'IMPORT_FILE_INVALID' });
    const big = Buffer.concat([await workbook([person(0)]), Buffer.alloc(33 * 1024 * 1024)]);
    const tooLarge = await upload(big, { headers: { 'content-type': 'application/octet-stream' } });
    expect(tooLarge.statusCode).toBe(413);
    expect(await counts(w.coop.id)).toEqual(before);
  });

  it('a clean file imports every member, their accounts and opening balances in one entry, and exports back', async () => {
    const rows = [0, 1, 2, 3, 4].map(person);
    const res = await upload(await workbook(rows));
    expect(res.statusCode).toBe(200);
    // pokok 5 × 100,000; wajib 50,000 × (1+2+3+4+5); sukarela 10,000 × (0+1+2+3+4)
    expect(res.json()).toMatchObject({
      imported: 5,
      openingBalancesRupiah: { pokok: '500000', wajib: '750000', sukarela: '100000' },
    });
    const members = await sql<{ member_number: string; status: string; regency_code: string }>`
      select member_number, status, regency_code from members where cooperative_id = ${w.coop.id} order by member_number`.execute(
      file.deps.database.db,
    );
    expect(members.rows.map((m) => m.member_number)).toEqual([
      '000001',
      '000002',
      '000003',
      '000004',
      '000005',
    ]);
    expect(members.rows.every((m) => m.status === 'active' && m.regency_code === '3375')).toBe(
      true,
    );
    const clearing = await sql<{ v: bigint }>`
      select coalesce(sum(l.debit_rupiah - l.credit_rupiah), 0)::bigint as v from journal_lines l
      join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id and a.role = 'openingBalanceClearing'
      where l.cooperative_id = ${w.coop.id}`.execute(file.deps.database.db);
    expect(clearing.rows[0]!.v).toBe(1_350_000n);
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
    // importing the same people again is refused row by row
    const again = await upload(await workbook(rows));
    expect(again.statusCode).toBe(422);
    expect(again.json<{ errors: unknown[] }>().errors).toHaveLength(5);

    const exp = await client.request('GET', `/api/v1/orgs/${w.coop.id}/exports/members`);
    expect(exp.statusCode, exp.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(6);
    // member 5: wajib 250,000 paid; due from Jan 2020 to Nov 2026 = 83 months × 50,000 = 4,150,000 → arrears 3,900,000
    const last = sheet.getRow(6).values as unknown[];
    expect(last.slice(1)).toEqual([
      '000005',
      'Anggota Impor 4',
      rows[4]!.nik,
      'active',
      '2020-01-15',
      '+628123456' + '1004',
      100000,
      250000,
      40000,
      0,
      3_900_000,
    ]);
  });
});
