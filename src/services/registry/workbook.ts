import { Readable } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import { exceljs } from '../../reports/libraries.js';
import * as repo from '../../db/registry.repo.js';
import type { RegistryOrder, RegistryRow } from '../../db/registry.repo.js';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import { isIsoDate } from '../../domain/members/validation.js';
import {
  checkOrganTerm,
  checkRegistryFields,
  normaliseNikKoperasi,
  REGISTRY_STATUSES,
  type OrganTerm,
  type RegistryFields,
  type RegistryFilter,
  type RegistryStatus,
} from '../../domain/supervision/registry.js';
import type { Lang } from '../../i18n/messages.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import {
  describeRowProblem,
  IMPORT_FILE_BYTES_MAX,
  readWorkbookRows,
  sheetColumns,
  templateWorkbook,
  type ProblemTexts,
  type WorkbookColumn,
} from '../members/import-workbook.js';
import { filedElsewhere, regionOf, registryColumns, registryView } from './entries.js';

/**
 * The office's existing list into the registry (the template, an import that checks every row
 * and then files all of them in one transaction or none), and the registry out to Excel in the
 * same columns. The workbook reading and the per-row report are the member import's.
 */

export const REGISTRY_COLUMNS = [
  { key: 'name', header: 'Nama koperasi', width: 32 },
  { key: 'nikKoperasi', header: 'NIK koperasi', width: 20, text: true },
  { key: 'nikCertificateValidUntil', header: 'Sertifikat NIK berlaku s.d.', width: 14, text: true },
  { key: 'badanHukumNumber', header: 'Nomor badan hukum', width: 24, text: true },
  { key: 'badanHukumDate', header: 'Tanggal badan hukum', width: 14, text: true },
  { key: 'nib', header: 'NIB', width: 16, text: true },
  { key: 'npwp', header: 'NPWP', width: 20, text: true },
  { key: 'cooperativeType', header: 'Jenis', width: 12 },
  { key: 'cooperativeForm', header: 'Bentuk (primer/sekunder)', width: 12 },
  { key: 'sector', header: 'Sektor usaha', width: 16 },
  { key: 'membershipArea', header: 'Wilayah keanggotaan', width: 16 },
  { key: 'address', header: 'Alamat', width: 30 },
  { key: 'provinceCode', header: 'Kode provinsi', width: 8, text: true },
  { key: 'regencyCode', header: 'Kode kab/kota', width: 8, text: true },
  { key: 'districtCode', header: 'Kode kecamatan', width: 10, text: true },
  { key: 'villageCode', header: 'Kode desa/kelurahan', width: 13, text: true },
  { key: 'latitude', header: 'Lintang', width: 11, text: true },
  { key: 'longitude', header: 'Bujur', width: 11, text: true },
  { key: 'memberCount', header: 'Jumlah anggota', width: 10 },
  { key: 'businessSize', header: 'Klasifikasi usaha (KUK1-4)', width: 10 },
  { key: 'status', header: 'Status', width: 14 },
  { key: 'statusSince', header: 'Status sejak (YYYY-MM-DD)', width: 14, text: true },
] as const satisfies readonly WorkbookColumn<string>[];

type RegistryColumn = (typeof REGISTRY_COLUMNS)[number]['key'];

/** The optional second sheet: the organs' members with their terms, one row per person and term. */
export const ORGAN_SHEET = 'Pengurus';
export const ORGAN_COLUMNS = [
  { key: 'nikKoperasi', header: 'NIK koperasi', width: 20, text: true },
  { key: 'cooperativeName', header: 'Nama koperasi', width: 32 },
  { key: 'organ', header: 'Organ (pengurus/pengawas/pengawas syariah)', width: 16 },
  { key: 'position', header: 'Jabatan', width: 16 },
  { key: 'fullName', header: 'Nama lengkap', width: 28 },
  { key: 'phone', header: 'Telepon', width: 16, text: true },
  { key: 'termStart', header: 'Mulai menjabat (YYYY-MM-DD)', width: 14, text: true },
  { key: 'termEnd', header: 'Akhir masa jabatan (YYYY-MM-DD)', width: 14, text: true },
] as const satisfies readonly WorkbookColumn<string>[];
type OrganColumn = (typeof ORGAN_COLUMNS)[number]['key'];

const ORGAN_WORDS: Record<string, string> = {
  pengurus: 'pengurus',
  pengawas: 'pengawas',
  'pengawas syariah': 'pengawas_syariah',
  'dewan pengawas syariah': 'pengawas_syariah',
  dps: 'pengawas_syariah',
};
type RawRegistryRow = Partial<Record<RegistryColumn, string>>;

/** Words an office's spreadsheet uses for the choices, read as the registry's codes. */
const AREA_WORDS: Record<string, string> = {
  kabupaten: 'regency',
  kota: 'regency',
  'kabupaten/kota': 'regency',
  provinsi: 'province',
  nasional: 'national',
};
const STATUS_WORDS: Record<string, RegistryStatus> = {
  aktif: 'active',
  'tidak aktif': 'inactive',
  bubar: 'dissolved',
  'dalam likuidasi': 'in_liquidation',
  likuidasi: 'in_liquidation',
};

const PROBLEM_TEXT: ProblemTexts = {
  REQUIRED: { id: 'wajib diisi', en: 'is required' },
  TOO_LONG: { id: 'terlalu panjang', en: 'too long' },
  NIK_KOPERASI_INVALID: { id: 'NIK koperasi harus 16 digit', en: 'must be 16 digits' },
  NPWP_INVALID: { id: 'NPWP harus 15 atau 16 digit', en: 'must be 15 or 16 digits' },
  NIB_INVALID: { id: 'NIB harus 13 digit', en: 'must be 13 digits' },
  DATE_INVALID: { id: 'bukan tanggal YYYY-MM-DD yang valid', en: 'is not a valid YYYY-MM-DD date' },
  DATE_IN_FUTURE: { id: 'tanggal di masa depan', en: 'date in the future' },
  CHOICE_INVALID: { id: 'pilihan tidak dikenal', en: 'unknown choice' },
  REGION_INVALID: { id: 'kode wilayah tidak dikenal', en: 'unknown region code' },
  REGENCY_REQUIRED: {
    id: 'kode kab/kota wajib untuk wilayah keanggotaan kabupaten/kota',
    en: 'a regency code is required for a regency membership area',
  },
  COORDINATES_INVALID: { id: 'koordinat di luar Indonesia', en: 'coordinates outside Indonesia' },
  COUNT_INVALID: { id: 'harus bilangan bulat ≥ 0', en: 'must be a whole number ≥ 0' },
  OUTSIDE_JURISDICTION: {
    id: 'koperasi ini di luar wilayah pengawasan kantor ini',
    en: 'this cooperative is outside this office’s jurisdiction',
  },
  NIK_KOPERASI_DUPLICATE_IN_FILE: {
    id: 'NIK koperasi ini muncul lebih dari sekali di berkas',
    en: 'this NIK koperasi appears more than once in the file',
  },
  NIK_KOPERASI_EXISTS: {
    id: 'NIK koperasi ini sudah terdaftar',
    en: 'this NIK koperasi is already registered',
  },
  PHONE_INVALID: { id: 'nomor telepon tidak valid', en: 'invalid phone number' },
  COOPERATIVE_UNKNOWN: {
    id: 'tidak ada koperasi dengan NIK atau nama ini di lembar Koperasi',
    en: 'no cooperative with this NIK or name on the Koperasi sheet',
  },
  COOPERATIVE_AMBIGUOUS: {
    id: 'nama ini dipakai lebih dari satu koperasi di berkas: isi NIK koperasi',
    en: 'several cooperatives in the file have this name: give the NIK koperasi',
  },
};

interface RowProblem {
  row: number;
  field: RegistryColumn;
  code: string;
}

interface CheckedRow {
  row: number;
  fields: RegistryFields;
  status: RegistryStatus;
  statusSince: string;
}

/** One sheet row checked against the registry's rules for this office on `today`. */
function checkRow(
  row: number,
  raw: RawRegistryRow,
  region: string,
  today: string,
): { ok: true; value: CheckedRow } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const t = (k: RegistryColumn) => (raw[k] ?? '').trim();
  const lower = (k: RegistryColumn) => t(k).toLowerCase();
  const count = t('memberCount').replace(/[.,]/g, '');
  let memberCount: number | null = null;
  if (count !== '') {
    if (/^[0-9]{1,9}$/.test(count)) memberCount = Number(count);
    else problems.push({ row, field: 'memberCount', code: 'COUNT_INVALID' });
  }
  const c = checkRegistryFields(
    {
      name: t('name'),
      nikKoperasi: t('nikKoperasi'),
      nikCertificateValidUntil: t('nikCertificateValidUntil'),
      badanHukumNumber: t('badanHukumNumber'),
      badanHukumDate: t('badanHukumDate'),
      nib: t('nib'),
      npwp: t('npwp'),
      cooperativeType: t('cooperativeType').toUpperCase(),
      cooperativeForm: lower('cooperativeForm'),
      sector: t('sector'),
      membershipArea: AREA_WORDS[lower('membershipArea')] ?? lower('membershipArea'),
      address: t('address'),
      provinceCode: t('provinceCode'),
      regencyCode: t('regencyCode'),
      districtCode: t('districtCode'),
      villageCode: t('villageCode'),
      latitude: t('latitude'),
      longitude: t('longitude'),
      memberCount,
      businessSize: t('businessSize').toUpperCase(),
    },
    region,
    today,
  );
  if (!c.ok) problems.push(...c.problems.map((p) => ({ row, field: p.field, code: p.code })));
  const status =
    lower('status') === '' ? 'active' : (STATUS_WORDS[lower('status')] ?? lower('status'));
  if (!(REGISTRY_STATUSES as readonly string[]).includes(status))
    problems.push({ row, field: 'status', code: 'CHOICE_INVALID' });
  const statusSince = t('statusSince') || t('badanHukumDate') || today;
  if (!isIsoDate(statusSince)) problems.push({ row, field: 'statusSince', code: 'DATE_INVALID' });
  else if (statusSince > today)
    problems.push({ row, field: 'statusSince', code: 'DATE_IN_FUTURE' });
  if (problems.length > 0 || !c.ok) return { ok: false, problems };
  return {
    ok: true,
    value: { row, fields: c.value, status: status as RegistryStatus, statusSince },
  };
}

export async function registryImportTemplate(): Promise<Buffer> {
  const wb = new (await exceljs()).Workbook();
  await wb.xlsx.load((await coopTemplate()) as unknown as ArrayBuffer);
  const organs = wb.addWorksheet(ORGAN_SHEET);
  organs.columns = sheetColumns(ORGAN_COLUMNS);
  organs.getRow(1).font = { bold: true };
  const example = {
    nikKoperasi: '3375010020001234',
    cooperativeName: 'Koperasi Simpan Pinjam Batik Makmur',
  };
  organs.addRow({
    ...example,
    organ: 'pengurus',
    position: 'Ketua',
    fullName: 'H. Ahmad Fauzi',
    phone: '081234567890',
    termStart: '2024-03-01',
    termEnd: '2028-02-28',
  });
  organs.addRow({
    ...example,
    organ: 'pengawas',
    position: 'Ketua Pengawas',
    fullName: 'Sri Wahyuni',
    termStart: '2024-03-01',
    termEnd: '2028-02-28',
  });
  const help = wb.getWorksheet('Petunjuk')!;
  for (const line of ORGAN_HELP) help.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const ORGAN_HELP = [
  'Lembar Pengurus (boleh dikosongkan atau dihapus): satu baris satu orang dalam satu masa jabatan.',
  'Koperasinya ditunjuk dengan NIK koperasi, atau dengan nama persis seperti di lembar Koperasi.',
  'Organ: pengurus, pengawas, atau pengawas syariah (dewan pengawas syariah, untuk KSPPS).',
  'Mulai menjabat wajib; akhir masa jabatan tidak boleh sebelum mulai. Telepon nomor seluler (08… atau +62…).',
];

function coopTemplate(): Promise<Buffer> {
  return templateWorkbook(
    'Koperasi',
    REGISTRY_COLUMNS,
    {
      name: 'Koperasi Simpan Pinjam Batik Makmur',
      nikKoperasi: '3375010020001234',
      badanHukumNumber: 'AHU-0001234.AH.01.26.TAHUN 2019',
      badanHukumDate: '2019-05-14',
      nib: '9120001234567',
      npwp: '0123456789012345',
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      sector: 'Jasa keuangan',
      membershipArea: 'kabupaten/kota',
      address: 'Jl. Hayam Wuruk No. 12',
      provinceCode: '33',
      regencyCode: '3375',
      districtCode: '337501',
      latitude: '-6.889',
      longitude: '109.675',
      memberCount: 412,
      businessSize: 'KUK2',
      status: 'aktif',
      statusSince: '2019-05-14',
    },
    [
      'Satu baris satu koperasi. Baris contoh di lembar Koperasi boleh dihapus atau ditimpa.',
      'Jenis: KSP, KSPPS, KONSUMEN, PRODUSEN, PEMASARAN, JASA. Bentuk: primer atau sekunder.',
      'Wilayah keanggotaan: kabupaten/kota, provinsi atau nasional; ini menentukan kantor pengawasnya.',
      'Status: aktif, tidak aktif, dalam likuidasi, bubar; status sejak kosong = tanggal badan hukum.',
      'NIK koperasi 16 digit, NIB 13 digit, NPWP 15 atau 16 digit (titik dan strip boleh).',
      'Tanggal ditulis YYYY-MM-DD. Kode wilayah sesuai Kemendagri (boleh dengan titik: 33.75.01).',
      'Impor memeriksa semua baris lebih dulu: bila ada satu kesalahan, tidak ada data yang masuk.',
    ],
  );
}

/** Problems listed in the answer (the count says how many there are in all). */
const PROBLEMS_SHOWN_MAX = 500;
/** Rows per insert statement (22 columns: well under PostgreSQL's 65,535 parameters). */
const INSERT_BATCH_ROWS = 1_000;

export interface RegistryImportResult {
  imported: number;
  /** organ members (with their terms) read from the Pengurus sheet */
  organMembers: number;
}

/**
 * Checks every row (the registry's rules, jurisdiction, a NIK koperasi twice in the file or
 * already filed), then files every row with its first status in one transaction, or nothing:
 * IMPORT_ROWS_INVALID lists every problem by row and column.
 */
export async function importRegistry(
  deps: Deps,
  ctx: OrgContext,
  input: { source: Readable; lang?: Lang; dryRun?: boolean },
): Promise<RegistryImportResult> {
  const lang = input.lang ?? 'id';
  const today = businessDateWib(deps.clock());
  // the organ sheet is read from the whole file, so the upload is held (at most the import's
  // byte limit; an office's list is a few hundred rows)
  const file = await uploadBytes(input.source);
  const rows = readWorkbookRows(Readable.from([file]), REGISTRY_COLUMNS, [
    'name',
    'cooperativeType',
    'membershipArea',
    'provinceCode',
  ]);
  // the upload is read and checked before the writing transaction opens, not while it holds a
  // connection
  const region = await inOrg(deps, ctx, regionOf);
  const checked: CheckedRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  for await (const r of rows) {
    const c = checkRow(r.row, r.raw, region, today);
    if (!c.ok) {
      problems.push(...c.problems);
      continue;
    }
    const nik = c.value.fields.nikKoperasi;
    if (nik && seen.has(nik))
      problems.push({ row: r.row, field: 'nikKoperasi', code: 'NIK_KOPERASI_DUPLICATE_IN_FILE' });
    if (nik) seen.add(nik);
    checked.push(c.value);
  }
  const organs = await readOrganSheet(file, checked, problems);
  return inOrg(deps, ctx, async (o) => {
    if (problems.length === 0) {
      const taken = await filedElsewhere(
        o,
        checked.map((c) => ({ nikKoperasi: c.fields.nikKoperasi, linkedOrganizationId: null })),
        null,
      );
      for (const c of checked)
        if (c.fields.nikKoperasi && taken.nik.has(c.fields.nikKoperasi))
          problems.push({ row: c.row, field: 'nikKoperasi', code: 'NIK_KOPERASI_EXISTS' });
    }
    if (problems.length > 0 || organs.problems.length > 0)
      throw new AppError(
        'IMPORT_ROWS_INVALID',
        { count: problems.length + organs.problems.length },
        undefined,
        [
          ...problems.map((p) => describeRowProblem(p, lang, REGISTRY_COLUMNS, PROBLEM_TEXT)),
          ...organs.problems.map((p) => describeOrganProblem(p, lang)),
        ].slice(0, PROBLEMS_SHOWN_MAX),
      );
    if (checked.length === 0)
      throw new AppError('IMPORT_FILE_INVALID', { reason: 'tidak ada baris data' });
    if (input.dryRun) return { imported: checked.length, organMembers: organs.terms.length };
    const filed: RegistryRow[] = [];
    for (let i = 0; i < checked.length; i += INSERT_BATCH_ROWS)
      filed.push(
        ...(await repo.insertRegistryRows(
          o.tx,
          checked.slice(i, i + INSERT_BATCH_ROWS).map((c) => ({
            ...registryColumns(c.fields, null),
            status: c.status,
            status_since: c.statusSince,
          })),
          ctx.actor.userId,
          'impor',
        )),
      );
    for (let i = 0; i < organs.terms.length; i += INSERT_BATCH_ROWS)
      await repo.insertOrganMembers(
        o.tx,
        organs.terms.slice(i, i + INSERT_BATCH_ROWS).map(({ index, term }) => {
          const row = filed[index]!;
          return {
            region_code: row.region_code,
            registry_id: row.id,
            organ: term.organ,
            position: term.position,
            full_name: term.fullName,
            phone: term.phone,
            term_start: term.termStart,
            term_end: term.termEnd,
          };
        }),
      );
    await o.audit({
      action: 'registry.imported',
      entityType: 'registry',
      after: { rows: checked.length, organMembers: organs.terms.length },
    });
    return { imported: checked.length, organMembers: organs.terms.length };
  });
}

/**
 * The office's registry as Excel, in the import template's columns (plus id and link): every row
 * the filter matches (the list's search), in the list's order, and their organs' members in the
 * Pengurus sheet.
 */
export async function exportRegistry(
  deps: Deps,
  ctx: OrgContext,
  filter: RegistryFilter = {},
  order?: RegistryOrder,
): Promise<Buffer> {
  const { rows, organs } = await inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const rows = await repo.allRegistry(o.tx, region, filter, order);
    return {
      rows,
      organs: await repo.organMembersOf(
        o.tx,
        region,
        rows.map((r) => r.id),
      ),
    };
  });
  const wb = new (await exceljs()).Workbook();
  wb.creator = 'Sokoguru';
  const ws = wb.addWorksheet('Koperasi');
  ws.columns = [
    { header: 'ID', key: 'id', width: 8 },
    ...sheetColumns(REGISTRY_COLUMNS),
    { header: 'Di Sokoguru', key: 'linked', width: 10 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const r of rows)
    ws.addRow({
      ...registryView(r),
      id: Number(r.id),
      linked: r.linked_organization_id ? 'ya' : 'tidak',
    });
  // the organs in the columns of the import's Pengurus sheet
  const sheet = wb.addWorksheet(ORGAN_SHEET);
  sheet.columns = sheetColumns(ORGAN_COLUMNS);
  sheet.getRow(1).font = { bold: true };
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const m of organs) {
    const coop = byId.get(m.registry_id);
    sheet.addRow({
      nikKoperasi: coop?.nik_koperasi ?? '',
      cooperativeName: coop?.name ?? '',
      organ: m.organ.replace('_', ' '),
      position: m.position ?? '',
      fullName: m.full_name,
      phone: m.phone ?? '',
      termStart: m.term_start,
      termEnd: m.term_end ?? '',
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The upload's bytes, at most the import's limit. */
async function uploadBytes(source: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > IMPORT_FILE_BYTES_MAX) throw new AppError('PAYLOAD_TOO_LARGE');
      chunks.push(chunk);
    }
  } finally {
    source.resume();
  }
  return Buffer.concat(chunks);
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result);
    return '';
  }
  return String(v);
}

interface OrganProblem {
  row: number;
  field: OrganColumn;
  code: string;
}

/**
 * The Pengurus sheet, when the file has one: each row's term checked (checkOrganTerm) and its
 * cooperative found among the Koperasi sheet's checked rows, by NIK koperasi or else by name.
 */
async function readOrganSheet(
  file: Buffer,
  checked: CheckedRow[],
  coopProblems: RowProblem[],
): Promise<{ terms: { index: number; term: OrganTerm }[]; problems: OrganProblem[] }> {
  const problems: OrganProblem[] = [];
  const terms: { index: number; term: OrganTerm }[] = [];
  const wb = new (await exceljs()).Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    // not a workbook: the Koperasi sheet's reading has said so already
    return { terms, problems };
  }
  const ws = wb.worksheets.find((w) => w.name.trim().toLowerCase() === ORGAN_SHEET.toLowerCase());
  if (!ws) return { terms, problems };
  const colOf = new Map<OrganColumn, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const h = cellText(cell.value).trim().toLowerCase();
    const c = ORGAN_COLUMNS.find((x) => x.header.toLowerCase() === h || x.key.toLowerCase() === h);
    if (c) colOf.set(c.key, col);
  });
  const byNik = new Map<string, number>();
  const byName = new Map<string, number[]>();
  checked.forEach((c, i) => {
    if (c.fields.nikKoperasi) byNik.set(c.fields.nikKoperasi, i);
    const name = c.fields.name.toLowerCase();
    byName.set(name, [...(byName.get(name) ?? []), i]);
  });
  // a cooperative row refused on the Koperasi sheet is not looked for again here
  const refused = new Set(coopProblems.map((p) => p.row));
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const raw = (k: OrganColumn) => {
      const col = colOf.get(k);
      return col ? cellText(r.getCell(col).value).trim() : '';
    };
    if (ORGAN_COLUMNS.every((c) => raw(c.key) === '')) return;
    const nik = normaliseNikKoperasi(raw('nikKoperasi'));
    let index: number | undefined;
    if (nik) index = byNik.get(nik);
    else {
      const same = byName.get(raw('cooperativeName').toLowerCase()) ?? [];
      if (same.length > 1) {
        problems.push({ row: n, field: 'cooperativeName', code: 'COOPERATIVE_AMBIGUOUS' });
        return;
      }
      index = same[0];
    }
    const organWord = raw('organ').toLowerCase();
    const t = checkOrganTerm({
      organ: ORGAN_WORDS[organWord] ?? organWord,
      position: raw('position'),
      fullName: raw('fullName'),
      phone: raw('phone'),
      termStart: raw('termStart'),
      termEnd: raw('termEnd'),
    });
    if (!t.ok) problems.push({ row: n, field: t.field, code: t.code });
    if (index === undefined) {
      if (refused.size === 0)
        problems.push({
          row: n,
          field: nik ? 'nikKoperasi' : 'cooperativeName',
          code: 'COOPERATIVE_UNKNOWN',
        });
      return;
    }
    if (t.ok) terms.push({ index, term: t.value });
  });
  return { terms, problems };
}

function describeOrganProblem(p: OrganProblem, lang: Lang) {
  const e = describeRowProblem(p, lang, ORGAN_COLUMNS, PROBLEM_TEXT);
  return { ...e, field: `${ORGAN_SHEET} ${e.field}`, message: `${ORGAN_SHEET} ${e.message}` };
}
