import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { validateNik } from '../domain/identity/nik.js';
import { normalisePhone } from '../domain/identity/phone.js';
import { validateRegionChain } from '../domain/identity/regions.js';
import { businessDateWib } from '../domain/calendar.js';
import { AppError, type FieldError } from '../domain/errors.js';
import type { Lang } from '../i18n/messages.js';
import { inOrg, type Deps, type OrgContext } from './context.js';
import { postEntry } from './ledger.js';
import { MEMBER_MINIMUM_AGE_YEARS } from './members.js';

/**
 * Moving a cooperative off its spreadsheets: a downloadable template, an import that checks every
 * row and then commits all of it in one transaction or nothing, and an export of members and
 * balances. Opening balances post one journal entry against the migration clearing account; the
 * accountant's opening entry for cash, loans and the rest clears it.
 */

export const IMPORT_COLUMNS = [
  { key: 'nik', header: 'NIK', width: 20, text: true },
  { key: 'fullName', header: 'Nama lengkap', width: 28 },
  { key: 'birthPlace', header: 'Tempat lahir', width: 16 },
  { key: 'birthDate', header: 'Tanggal lahir (YYYY-MM-DD)', width: 14, text: true },
  { key: 'gender', header: 'Jenis kelamin (L/P)', width: 8 },
  { key: 'address', header: 'Alamat', width: 30 },
  { key: 'provinceCode', header: 'Kode provinsi', width: 8, text: true },
  { key: 'regencyCode', header: 'Kode kab/kota', width: 8, text: true },
  { key: 'districtCode', header: 'Kode kecamatan', width: 10, text: true },
  { key: 'villageCode', header: 'Kode desa/kelurahan', width: 13, text: true },
  { key: 'phone', header: 'Telepon', width: 16, text: true },
  { key: 'occupation', header: 'Pekerjaan', width: 16 },
  { key: 'joinedOn', header: 'Tanggal masuk (YYYY-MM-DD)', width: 14, text: true },
  { key: 'memberNumber', header: 'Nomor anggota (kosongkan: otomatis)', width: 14, text: true },
  { key: 'pokok', header: 'Saldo simpanan pokok', width: 14 },
  { key: 'wajib', header: 'Saldo simpanan wajib', width: 14 },
  { key: 'sukarela', header: 'Saldo simpanan sukarela', width: 14 },
] as const;

type ColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];
export type RawRow = Partial<Record<ColumnKey, string>>;

export interface ImportRow {
  row: number;
  nik: string;
  fullName: string;
  birthPlace: string | null;
  birthDate: string;
  gender: 'L' | 'P';
  address: string | null;
  provinceCode: string | null;
  regencyCode: string | null;
  districtCode: string | null;
  villageCode: string | null;
  phone: string | null;
  occupation: string | null;
  joinedOn: string;
  memberNumber: string | null;
  pokok: bigint;
  wajib: bigint;
  sukarela: bigint;
}

export interface RowProblem {
  /** The spreadsheet row (header is row 1). */
  row: number;
  field: ColumnKey;
  code: string;
}

const PROBLEM_TEXT: Record<string, Record<Lang, string>> = {
  REQUIRED: { id: 'wajib diisi', en: 'is required' },
  DATE_INVALID: { id: 'bukan tanggal YYYY-MM-DD yang valid', en: 'is not a valid YYYY-MM-DD date' },
  GENDER_INVALID: { id: 'harus L atau P', en: 'must be L or P' },
  AMOUNT_INVALID: { id: 'harus bilangan rupiah bulat ≥ 0', en: 'must be a whole rupiah amount ≥ 0' },
  PHONE_INVALID: { id: 'nomor telepon tidak valid', en: 'invalid phone number' },
  NIK_DUPLICATE_IN_FILE: { id: 'NIK ini muncul lebih dari sekali di berkas', en: 'this NIK appears more than once in the file' },
  NIK_EXISTS: { id: 'NIK ini sudah terdaftar di koperasi', en: 'this NIK is already registered' },
  MEMBER_NUMBER_TAKEN: { id: 'nomor anggota sudah dipakai', en: 'member number already in use' },
  MEMBER_NUMBER_INVALID: { id: 'nomor anggota hanya angka, huruf besar, . / -', en: 'member number: digits, capitals, . / - only' },
  TOO_LONG: { id: 'terlalu panjang', en: 'too long' },
  JOINED_BEFORE_BIRTH: { id: 'tanggal masuk sebelum tanggal lahir', en: 'joined before birth' },
};

export function describeProblem(p: RowProblem, lang: Lang): FieldError {
  const header = IMPORT_COLUMNS.find((c) => c.key === p.field)?.header ?? p.field;
  const text = PROBLEM_TEXT[p.code]?.[lang] ?? (lang === 'id' ? `tidak valid (${p.code})` : `invalid (${p.code})`);
  return {
    field: `${lang === 'id' ? 'baris' : 'row'} ${p.row}: ${p.field}`,
    code: p.code,
    message: `${lang === 'id' ? 'Baris' : 'Row'} ${p.row}, ${header}: ${text}`,
  };
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Checks every row (pure); returns the clean rows and every problem found, in row order. */
export function validateImportRows(rows: { row: number; raw: RawRow }[], today: string): { rows: ImportRow[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const out: ImportRow[] = [];
  const seenNik = new Map<string, number>();
  const seenNumber = new Set<string>();
  for (const { row, raw } of rows) {
    const before = problems.length;
    const p = (field: ColumnKey, code: string) => problems.push({ row, field, code });
    const text = (k: ColumnKey, max: number): string | null => {
      const v = raw[k]?.trim() ?? '';
      if (v.length > max) p(k, 'TOO_LONG');
      return v === '' ? null : v;
    };
    const nik = (raw.nik ?? '').replace(/\s/g, '');
    const fullName = text('fullName', 200);
    if (!fullName || fullName.length < 2) p('fullName', 'REQUIRED');
    const birthDate = (raw.birthDate ?? '').trim();
    if (!isDate(birthDate)) p('birthDate', 'DATE_INVALID');
    const g = (raw.gender ?? '').trim().toUpperCase();
    if (g !== 'L' && g !== 'P') p('gender', 'GENDER_INVALID');
    if (!nik) p('nik', 'REQUIRED');
    else if (isDate(birthDate) && (g === 'L' || g === 'P')) {
      const v = validateNik({ nik, applicationDate: today, minimumAgeYears: MEMBER_MINIMUM_AGE_YEARS, birthDate, gender: g === 'L' ? 'male' : 'female' });
      if (!v.ok) for (const e of v.errors) p(e.field === 'nik' ? 'nik' : e.field === 'birthDate' ? 'birthDate' : 'gender', e.code);
    }
    if (nik) {
      const prior = seenNik.get(nik);
      if (prior !== undefined) p('nik', 'NIK_DUPLICATE_IN_FILE');
      else seenNik.set(nik, row);
    }
    let phone: string | null = null;
    const rawPhone = text('phone', 30);
    if (rawPhone) {
      const ph = normalisePhone(rawPhone);
      if (ph.ok) phone = ph.value;
      else p('phone', 'PHONE_INVALID');
    }
    const codes = { provinceCode: text('provinceCode', 13), regencyCode: text('regencyCode', 13), districtCode: text('districtCode', 13), villageCode: text('villageCode', 13) };
    if (codes.provinceCode) {
      const r = validateRegionChain({
        provinceCode: codes.provinceCode,
        ...(codes.regencyCode ? { regencyCode: codes.regencyCode } : {}),
        ...(codes.districtCode ? { districtCode: codes.districtCode } : {}),
        ...(codes.villageCode ? { villageCode: codes.villageCode } : {}),
      });
      if (!r.ok) for (const e of r.errors) p(e.field, e.code);
      else Object.assign(codes, r.value);
    } else if (codes.regencyCode || codes.districtCode || codes.villageCode) p('provinceCode', 'REQUIRED');
    const joinedOn = (raw.joinedOn ?? '').trim() || today;
    if (!isDate(joinedOn) || joinedOn > today) p('joinedOn', 'DATE_INVALID');
    else if (isDate(birthDate) && joinedOn < birthDate) p('joinedOn', 'JOINED_BEFORE_BIRTH');
    const memberNumber = text('memberNumber', 30);
    if (memberNumber) {
      if (!/^[0-9A-Z./-]{1,30}$/.test(memberNumber)) p('memberNumber', 'MEMBER_NUMBER_INVALID');
      else if (seenNumber.has(memberNumber)) p('memberNumber', 'MEMBER_NUMBER_TAKEN');
      else seenNumber.add(memberNumber);
    }
    const money = (k: 'pokok' | 'wajib' | 'sukarela'): bigint => {
      const v = (raw[k] ?? '').trim().replace(/[.,](?=\d{3}(\D|$))/g, '');
      if (v === '') return 0n;
      if (!/^[0-9]{1,15}$/.test(v)) {
        p(k, 'AMOUNT_INVALID');
        return 0n;
      }
      return BigInt(v);
    };
    const amounts = { pokok: money('pokok'), wajib: money('wajib'), sukarela: money('sukarela') };
    const address = text('address', 500);
    const birthPlace = text('birthPlace', 100);
    const occupation = text('occupation', 100);
    if (problems.length === before)
      out.push({ row, nik, fullName: fullName!, birthPlace, birthDate, gender: g as 'L' | 'P', address, ...codes, phone, occupation, joinedOn, memberNumber, ...amounts });
  }
  return { rows: out, problems };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result);
    // an error cell (#N/A, #REF!) or a formula without a cached result carries no text: the row's
    // validation then names the field as missing
    return '';
  }
  return String(v);
}

export const IMPORT_ROWS_MAX = 200_000;

/** Reads the first sheet of a workbook made from the template (columns matched by header). */
export async function readImportWorkbook(buffer: Buffer): Promise<{ row: number; raw: RawRow }[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_FILE_INVALID', { reason: 'bukan berkas .xlsx' });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('IMPORT_FILE_INVALID', { reason: 'tidak ada lembar kerja' });
  const header = ws.getRow(1);
  const colOf = new Map<ColumnKey, number>();
  header.eachCell((cell, col) => {
    const h = cellText(cell.value).trim().toLowerCase();
    const c = IMPORT_COLUMNS.find((x) => x.header.toLowerCase() === h || x.key.toLowerCase() === h);
    if (c) colOf.set(c.key, col);
  });
  for (const required of ['nik', 'fullName', 'birthDate', 'gender'] as const)
    if (!colOf.has(required)) throw new AppError('IMPORT_FILE_INVALID', { reason: `kolom "${IMPORT_COLUMNS.find((c) => c.key === required)!.header}" tidak ada` });
  const rows: { row: number; raw: RawRow }[] = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    if (n === 1) return;
    const raw: RawRow = {};
    let any = false;
    for (const [key, col] of colOf) {
      const t = cellText(r.getCell(col).value);
      if (t.trim() !== '') any = true;
      raw[key] = t;
    }
    if (any) rows.push({ row: n, raw });
  });
  if (rows.length > IMPORT_ROWS_MAX) throw new AppError('IMPORT_FILE_INVALID', { reason: `lebih dari ${IMPORT_ROWS_MAX} baris` });
  return rows;
}

export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sokoguru';
  const ws = wb.addWorksheet('Anggota');
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width, ...('text' in c ? { style: { numFmt: '@' } } : {}) }));
  ws.getRow(1).font = { bold: true };
  ws.addRow({ nik: '3375015204850001', fullName: 'Siti Aminah', birthPlace: 'Pekalongan', birthDate: '1985-04-12', gender: 'P', address: 'Jl. Hayam Wuruk No. 12', provinceCode: '33', regencyCode: '3375', districtCode: '337501', phone: '081234567890', occupation: 'Pedagang batik', joinedOn: '2019-03-01', pokok: 100000, wajib: 3000000, sukarela: 1250000 });
  const help = wb.addWorksheet('Petunjuk');
  for (const line of [
    'Satu baris satu anggota. Baris contoh di lembar Anggota boleh dihapus atau ditimpa.',
    'NIK 16 digit sesuai KTP; tanggal lahir dan jenis kelamin harus cocok dengan NIK.',
    'Tanggal ditulis YYYY-MM-DD. Kode wilayah sesuai Kemendagri (boleh dengan titik: 33.75.01).',
    'Saldo dalam rupiah bulat tanpa titik/koma; kosong berarti nol.',
    'Impor memeriksa semua baris lebih dulu: bila ada satu kesalahan, tidak ada data yang masuk.',
  ])
    help.addRow([line]);
  help.getColumn(1).width = 110;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ImportProgress {
  phase(name: 'read' | 'validate' | 'write' | 'done', done: number, total: number): void;
}

export interface ImportResult {
  imported: number;
  openingBalancesRupiah: { pokok: string; wajib: string; sukarela: string };
  entryId: string | null;
}

/**
 * Validates all rows, then writes members, their default accounts and opening balances in one
 * transaction, set-based (a few statements for any number of rows). Any problem: nothing written,
 * AppError IMPORT_ROWS_INVALID with every problem as a field error.
 */
export async function importMembers(
  deps: Deps,
  ctx: OrgContext,
  input: { rows: { row: number; raw: RawRow }[]; lang?: Lang; dryRun?: boolean },
  progress?: ImportProgress,
): Promise<ImportResult> {
  const lang = input.lang ?? 'id';
  const today = businessDateWib(deps.clock());
  progress?.phase('validate', 0, input.rows.length);
  const { rows, problems } = validateImportRows(input.rows, today);
  const reject = (ps: RowProblem[]) => {
    const shown = ps.slice(0, 500).map((x) => describeProblem(x, lang));
    throw new AppError('IMPORT_ROWS_INVALID', { count: ps.length }, undefined, shown);
  };
  if (problems.length > 0) reject(problems);
  if (rows.length === 0) throw new AppError('IMPORT_FILE_INVALID', { reason: 'tidak ada baris data' });
  progress?.phase('validate', rows.length, rows.length);
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    const payload = JSON.stringify(
      rows.map((r) => ({ ...r, pokok: r.pokok.toString(), wajib: r.wajib.toString(), sukarela: r.sukarela.toString() })),
    );
    // Conflicts with what is already registered, found in one query each.
    const clash = await sql<{ row: number; nik_taken: boolean; number_taken: boolean }>`
      select x.row,
        exists (select 1 from members m where m.cooperative_id = ${coop} and m.nik = x.nik and m.status <> 'rejected') as nik_taken,
        (x."memberNumber" is not null and exists (select 1 from members m where m.cooperative_id = ${coop} and m.member_number = x."memberNumber")) as number_taken
      from jsonb_to_recordset(${payload}::jsonb) as x(row int, nik text, "memberNumber" text)`.execute(o.tx);
    const dbProblems: RowProblem[] = [];
    for (const c of clash.rows) {
      if (c.nik_taken) dbProblems.push({ row: c.row, field: 'nik', code: 'NIK_EXISTS' });
      if (c.number_taken) dbProblems.push({ row: c.row, field: 'memberNumber', code: 'MEMBER_NUMBER_TAKEN' });
    }
    if (dbProblems.length > 0) reject(dbProblems);
    const products = await sql<{ id: bigint; code: string; kind: string }>`
      select distinct on (kind) id, code, kind from savings_products
      where cooperative_id = ${coop} and active and kind in ('pokok', 'wajib', 'sukarela')
        and (kind <> 'sukarela' or coalesce((settings->>'autoOpen')::boolean, true))
      order by kind, id`.execute(o.tx);
    const productOf = new Map(products.rows.map((p) => [p.kind, p]));
    for (const kind of ['pokok', 'wajib', 'sukarela'] as const)
      if (!productOf.get(kind) && rows.some((r) => r[kind] > 0n))
        throw new AppError('IMPORT_FILE_INVALID', { reason: `koperasi belum punya produk simpanan ${kind}` });
    if (input.dryRun) return { imported: rows.length, openingBalancesRupiah: { pokok: '0', wajib: '0', sukarela: '0' }, entryId: null };

    progress?.phase('write', 0, rows.length);
    const auto = rows.filter((r) => !r.memberNumber).length;
    let firstAuto = 0n;
    if (auto > 0) {
      const n = await sql<{ last_number: bigint }>`
        insert into member_number_counters (cooperative_id, last_number) values (${coop}, ${auto})
        on conflict (cooperative_id) do update set last_number = member_number_counters.last_number + ${auto}
        returning last_number`.execute(o.tx);
      firstAuto = n.rows[0]!.last_number - BigInt(auto) + 1n;
    }
    const inserted = await sql<{ id: bigint; nik: string; member_number: string; joined_on: unknown }>`
      with x as (
        select x.*, row_number() over (partition by x."memberNumber" is null order by x.row) as k
        from jsonb_to_recordset(${payload}::jsonb) as x(row int, nik text, "fullName" text, "birthPlace" text, "birthDate" date, gender text,
          address text, "provinceCode" text, "regencyCode" text, "districtCode" text, "villageCode" text, phone text, occupation text,
          "joinedOn" date, "memberNumber" text)
      )
      insert into members (cooperative_id, member_number, status, nik, full_name, birth_place, birth_date, gender, address, province_code,
        regency_code, district_code, village_code, phone, occupation, joined_on)
      select ${coop}, coalesce("memberNumber", lpad((${firstAuto}::bigint + k - 1)::text, 6, '0')), 'active', nik, "fullName", "birthPlace",
        "birthDate", gender, address, "provinceCode", "regencyCode", "districtCode", "villageCode", phone, occupation, "joinedOn"
      from x order by row
      returning id, nik, member_number, joined_on`.execute(o.tx);
    progress?.phase('write', Math.floor(rows.length / 3), rows.length);
    // default accounts and opening balances per kind
    const totals = { pokok: 0n, wajib: 0n, sukarela: 0n };
    for (const r of rows) for (const k of ['pokok', 'wajib', 'sukarela'] as const) totals[k] += r[k];
    const grand = totals.pokok + totals.wajib + totals.sukarela;
    let entryId: bigint | null = null;
    if (grand > 0n) {
      const posted = await postEntry(o, {
        entryDate: today,
        description: `Saldo awal simpanan anggota (impor ${rows.length} anggota)`,
        source: { type: 'members.import' },
        lines: [
          { account: { role: 'openingBalanceClearing' }, debitRupiah: grand },
          ...(totals.pokok > 0n ? [{ account: { role: 'simpananPokok' }, creditRupiah: totals.pokok }] : []),
          ...(totals.wajib > 0n ? [{ account: { role: 'simpananWajib' }, creditRupiah: totals.wajib }] : []),
          ...(totals.sukarela > 0n ? [{ account: { role: 'savingsSukarela' }, creditRupiah: totals.sukarela }] : []),
        ],
      });
      entryId = posted.entryId;
    }
    // Accounts and opening balances from the ids just returned: no join back on NIK (the planner has
    // no statistics for rows inserted in this transaction and would scan members once per row).
    const byNik = new Map(inserted.rows.map((r) => [r.nik, r]));
    for (const [kind, p] of productOf) {
      const list = rows.map((r) => {
        const m = byNik.get(r.nik)!;
        const joined = m.joined_on instanceof Date ? m.joined_on.toISOString().slice(0, 10) : String(m.joined_on);
        return { member_id: m.id.toString(), number: `${p.code}-${m.member_number}`, opened_on: joined, balance: r[kind as 'pokok' | 'wajib' | 'sukarela'].toString() };
      });
      await sql`
        with a as (
          insert into savings_accounts (cooperative_id, account_number, member_id, product_id, opened_on, last_activity_on, balance_rupiah)
          select ${coop}, x.number, x.member_id, ${p.id}, x.opened_on, ${today}::date, x.balance
          from jsonb_to_recordset(${JSON.stringify(list)}::jsonb) as x(member_id bigint, number text, opened_on date, balance bigint)
          returning id, balance_rupiah
        )
        insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah, balance_after_rupiah, transaction_date, entry_id)
        select ${coop}, a.id, 'opening-balance', 1, a.balance_rupiah, a.balance_rupiah, ${today}::date, ${entryId} from a where a.balance_rupiah > 0`.execute(o.tx);
    }
    progress?.phase('write', rows.length, rows.length);
    await o.audit({
      action: 'members.imported',
      entityType: 'member',
      after: { count: rows.length, pokok: totals.pokok.toString(), wajib: totals.wajib.toString(), sukarela: totals.sukarela.toString(), entryId: entryId?.toString() ?? null },
    });
    progress?.phase('done', rows.length, rows.length);
    return {
      imported: rows.length,
      openingBalancesRupiah: { pokok: totals.pokok.toString(), wajib: totals.wajib.toString(), sukarela: totals.sukarela.toString() },
      entryId: entryId?.toString() ?? null,
    };
  });
}

/** Members and their balances per kind, with wajib arrears, as a spreadsheet. */
export async function exportMembers(deps: Deps, ctx: OrgContext): Promise<Buffer> {
  const asOf = businessDateWib(deps.clock());
  const rows = await inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<{ member_number: string | null; full_name: string; nik: string; status: string; joined_on: string | null; phone: string | null; pokok: bigint; wajib: bigint; sukarela: bigint; berjangka: bigint; arrears: bigint }>`
      select m.member_number, m.full_name, m.nik, m.status, m.joined_on::text as joined_on, m.phone,
        coalesce(sum(a.balance_rupiah) filter (where p.kind = 'pokok'), 0)::bigint as pokok,
        coalesce(sum(a.balance_rupiah) filter (where p.kind = 'wajib'), 0)::bigint as wajib,
        coalesce(sum(a.balance_rupiah) filter (where p.kind = 'sukarela'), 0)::bigint as sukarela,
        coalesce(sum(a.balance_rupiah) filter (where p.kind = 'berjangka'), 0)::bigint as berjangka,
        coalesce(max(case when p.kind = 'wajib' and m.status in ('active', 'suspended', 'leaving') then greatest(0,
          ((extract(year from ${asOf}::date) * 12 + extract(month from ${asOf}::date))
            - (extract(year from greatest(m.joined_on, a.opened_on)) * 12 + extract(month from greatest(m.joined_on, a.opened_on))) + 1)
          * (p.settings->>'monthlyAmountRupiah')::bigint - a.balance_rupiah) end), 0)::bigint as arrears
      from members m
      left join savings_accounts a on a.cooperative_id = m.cooperative_id and a.member_id = m.id
      left join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      where m.cooperative_id = ${ctx.organizationId}
      group by m.cooperative_id, m.id order by m.member_number nulls last, m.id`.execute(tx);
    return r.rows;
  });
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sokoguru';
  const ws = wb.addWorksheet('Anggota dan saldo');
  ws.columns = [
    { header: 'Nomor anggota', key: 'n', width: 14 },
    { header: 'Nama', key: 'name', width: 28 },
    { header: 'NIK', key: 'nik', width: 20, style: { numFmt: '@' } },
    { header: 'Status', key: 'status', width: 10 },
    { header: 'Tanggal masuk', key: 'joined', width: 13 },
    { header: 'Telepon', key: 'phone', width: 16 },
    { header: 'Simpanan pokok', key: 'pokok', width: 14, style: { numFmt: '#,##0' } },
    { header: 'Simpanan wajib', key: 'wajib', width: 14, style: { numFmt: '#,##0' } },
    { header: 'Simpanan sukarela', key: 'sukarela', width: 16, style: { numFmt: '#,##0' } },
    { header: 'Simpanan berjangka', key: 'berjangka', width: 16, style: { numFmt: '#,##0' } },
    { header: `Tunggakan wajib per ${asOf}`, key: 'arrears', width: 16, style: { numFmt: '#,##0' } },
  ];
  ws.getRow(1).font = { bold: true };
  // Excel numbers are doubles: exact for rupiah below 2^53 (9 quadrillion), far above any balance.
  for (const r of rows)
    ws.addRow({ n: r.member_number, name: r.full_name, nik: r.nik, status: r.status, joined: r.joined_on, phone: r.phone, pokok: Number(r.pokok), wajib: Number(r.wajib), sukarela: Number(r.sukarela), berjangka: Number(r.berjangka), arrears: Number(r.arrears) });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
