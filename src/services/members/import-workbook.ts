import { PassThrough, type Readable } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import { exceljs } from '../../reports/libraries.js';
import { AppError, type FieldError } from '../../domain/errors.js';
import type { ImportField, RowProblem, SheetRow } from '../../domain/members/import-rows.js';
import type { Lang } from '../../i18n/messages.js';

/**
 * The member import workbook: the template's columns, reading a filled-in workbook as a stream of
 * rows (never the whole file or sheet in memory), and the per-row report in the reader's language.
 * The reading, the template and the report are generic over a workbook's columns
 * (readWorkbookRows, templateWorkbook, describeRowProblem): the registry import uses them too.
 */

/** A column of an import workbook: the field it fills, its header, width, and whether it is text. */
export interface WorkbookColumn<K extends string> {
  key: K;
  header: string;
  width: number;
  text?: true;
}

/** Per-problem wording by problem code, in both languages. */
export type ProblemTexts = Record<string, Record<Lang, string>>;

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
] as const satisfies readonly { key: ImportField; header: string; width: number; text?: true }[];

/** Rows in one file (a cooperative's whole registry; the largest KSPs have about 100,000). */
export const IMPORT_ROWS_MAX = 200_000;
/** Bytes in one uploaded workbook (200,000 rows of the template are about 13 MiB). */
export const IMPORT_FILE_BYTES_MAX = 32 * 1024 * 1024;

const PROBLEM_TEXT: Record<string, Record<Lang, string>> = {
  REQUIRED: { id: 'wajib diisi', en: 'is required' },
  DATE_INVALID: { id: 'bukan tanggal YYYY-MM-DD yang valid', en: 'is not a valid YYYY-MM-DD date' },
  GENDER_INVALID: { id: 'harus L atau P', en: 'must be L or P' },
  AMOUNT_INVALID: {
    id: 'harus bilangan rupiah bulat ≥ 0',
    en: 'must be a whole rupiah amount ≥ 0',
  },
  PHONE_INVALID: { id: 'nomor telepon tidak valid', en: 'invalid phone number' },
  NIK_DUPLICATE_IN_FILE: {
    id: 'NIK ini muncul lebih dari sekali di berkas',
    en: 'this NIK appears more than once in the file',
  },
  NIK_EXISTS: { id: 'NIK ini sudah terdaftar di koperasi', en: 'this NIK is already registered' },
  MEMBER_NUMBER_TAKEN: { id: 'nomor anggota sudah dipakai', en: 'member number already in use' },
  MEMBER_NUMBER_INVALID: {
    id: 'nomor anggota hanya angka, huruf besar, . / -',
    en: 'member number: digits, capitals, . / - only',
  },
  TOO_LONG: { id: 'terlalu panjang', en: 'too long' },
  JOINED_BEFORE_BIRTH: { id: 'tanggal masuk sebelum tanggal lahir', en: 'joined before birth' },
};

export function describeProblem(p: RowProblem, lang: Lang): FieldError {
  return describeRowProblem(p, lang, IMPORT_COLUMNS, PROBLEM_TEXT);
}

/** One row's problem as a field error naming the row and the column's header. */
export function describeRowProblem<K extends string>(
  p: { row: number; field: K; code: string },
  lang: Lang,
  columns: readonly WorkbookColumn<K>[],
  texts: ProblemTexts,
): FieldError {
  const header = columns.find((c) => c.key === p.field)?.header ?? p.field;
  const text =
    texts[p.code]?.[lang] ?? (lang === 'id' ? `tidak valid (${p.code})` : `invalid (${p.code})`);
  return {
    field: `${lang === 'id' ? 'baris' : 'row'} ${p.row}: ${p.field}`,
    code: p.code,
    message: `${lang === 'id' ? 'Baris' : 'Row'} ${p.row}, ${header}: ${text}`,
  };
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

const invalid = (reason: string) => new AppError('IMPORT_FILE_INVALID', { reason });

/**
 * The upload as the workbook reader's input, at most `max` bytes. exceljs pipes its input into the
 * unzipper, and a pipe does not pass an error on: a failure (too large, the client gone) ends the
 * input early instead, the truncated archive stops the reader, and `failure()` says why.
 */
function limitedInput(source: Readable, max: number) {
  const input = new PassThrough();
  let seen = 0;
  let ended = false;
  let failure: Error | undefined;
  const fail = (e: Error) => {
    if (ended) return;
    failure ??= e;
    ended = true;
    input.end();
  };
  source.on('data', (chunk: Buffer) => {
    if (ended) return;
    seen += chunk.length;
    if (seen > max) return fail(new AppError('PAYLOAD_TOO_LARGE'));
    if (!input.write(chunk)) source.pause();
  });
  input.on('drain', () => source.resume());
  source.on('end', () => {
    ended = true;
    input.end();
  });
  source.on('error', fail);
  source.on('close', () => fail(invalid('unggahan terputus')));
  return { input, failure: () => failure };
}

/** The header row's columns by key (row 1; none when it is empty); the required ones must be
 * there. */
function columnsOf<K extends string>(
  header: ExcelJS.Row | undefined,
  columns: readonly WorkbookColumn<K>[],
  required: readonly K[],
): Map<K, number> {
  const colOf = new Map<K, number>();
  header?.eachCell((cell, col) => {
    const h = cellText(cell.value).trim().toLowerCase();
    const c = columns.find((x) => x.header.toLowerCase() === h || x.key.toLowerCase() === h);
    if (c) colOf.set(c.key, col);
  });
  for (const key of required)
    if (!colOf.has(key))
      throw invalid(`kolom "${columns.find((c) => c.key === key)!.header}" tidak ada`);
  return colOf;
}

/** The member import's rows: the four identity columns must be there. */
export function readImportWorkbook(source: Readable): AsyncGenerator<SheetRow> {
  return readWorkbookRows(source, IMPORT_COLUMNS, ['nik', 'fullName', 'birthDate', 'gender']);
}

/**
 * The data rows of the workbook's first sheet, one at a time, read from a stream (an upload or a
 * file) with exceljs' streaming reader: memory holds the shared strings and a few rows, whatever
 * the file's size. Columns are matched by their header (the template's, or the field's key).
 * Empty rows are skipped. Fails with IMPORT_FILE_INVALID for a file that is not a workbook, has no
 * sheet or lacks a required column, or has more than IMPORT_ROWS_MAX rows.
 */
export async function* readWorkbookRows<K extends string>(
  source: Readable,
  columns: readonly WorkbookColumn<K>[],
  required: readonly K[],
): AsyncGenerator<{ row: number; raw: Partial<Record<K, string>> }> {
  const { input, failure } = limitedInput(source, IMPORT_FILE_BYTES_MAX);
  const reader = new (await exceljs()).stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // the cells' number formats tell a date typed as a date from a number
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  // exceljs#3064: a sheet can be parsed before xl/workbook.xml (exceljs writes it last), when the
  // reader has no workbook model yet and fails reading its sheet list or date system; these
  // stand-ins (no sheet names, the 1900 date system) hold until the real ones are read.
  Object.assign(reader, { model: { sheets: [] }, properties: {} });
  let sheets = 0;
  let count = 0;
  try {
    for await (const sheet of reader) {
      if (sheets++ > 0) {
        // the first sheet only; another is read through unused, so that a sheet exceljs parked
        // in a temporary file (stored before the shared strings) has its file read and closed
        for await (const row of sheet) void row;
        continue;
      }
      let colOf: Map<K, number> | undefined;
      for await (const r of sheet) {
        if (!colOf) {
          colOf = columnsOf(r.number === 1 ? r : undefined, columns, required);
          if (r.number === 1) continue;
        }
        const raw: Partial<Record<K, string>> = {};
        let any = false;
        for (const [key, col] of colOf) {
          const t = cellText(r.getCell(col).value);
          if (t.trim() !== '') any = true;
          raw[key] = t;
        }
        if (!any) continue;
        if (++count > IMPORT_ROWS_MAX) throw invalid(`lebih dari ${IMPORT_ROWS_MAX} baris`);
        yield { row: r.number, raw };
      }
      if (!colOf) columnsOf(undefined, columns, required);
    }
  } catch (e) {
    throw failure() ?? (e instanceof AppError ? e : invalid('bukan berkas .xlsx'));
  } finally {
    // a file refused part-way is not read further: the rest of the upload is drained unread
    source.resume();
  }
  const f = failure();
  if (f) throw f;
  if (sheets === 0) throw invalid('tidak ada lembar kerja');
}

/** Worksheet columns of a workbook's columns; text columns are formatted as text (codes keep their
 * leading zeros). */
export function sheetColumns<K extends string>(
  columns: readonly WorkbookColumn<K>[],
): Partial<ExcelJS.Column>[] {
  return columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...('text' in c ? { style: { numFmt: '@' } } : {}),
  }));
}

/**
 * A template workbook: a sheet of the columns (text columns formatted as text, so codes keep their
 * leading zeros) with one example row, and a sheet of instructions.
 */
export async function templateWorkbook<K extends string>(
  sheet: string,
  columns: readonly WorkbookColumn<K>[],
  example: Partial<Record<K, string | number>>,
  help: readonly string[],
): Promise<Buffer> {
  const wb = new (await exceljs()).Workbook();
  wb.creator = 'Sokoguru';
  const ws = wb.addWorksheet(sheet);
  ws.columns = sheetColumns(columns);
  ws.getRow(1).font = { bold: true };
  ws.addRow(example);
  const sheetHelp = wb.addWorksheet('Petunjuk');
  for (const line of help) sheetHelp.addRow([line]);
  sheetHelp.getColumn(1).width = 110;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function importTemplate(): Promise<Buffer> {
  return templateWorkbook(
    'Anggota',
    IMPORT_COLUMNS,
    {
      nik: '3375015204850001',
      fullName: 'Siti Aminah',
      birthPlace: 'Pekalongan',
      birthDate: '1985-04-12',
      gender: 'P',
      address: 'Jl. Hayam Wuruk No. 12',
      provinceCode: '33',
      regencyCode: '3375',
      districtCode: '337501',
      phone: '081234567890',
      occupation: 'Pedagang batik',
      joinedOn: '2019-03-01',
      pokok: 100000,
      wajib: 3000000,
      sukarela: 1250000,
    },
    [
      'Satu baris satu anggota. Baris contoh di lembar Anggota boleh dihapus atau ditimpa.',
      'NIK 16 digit sesuai KTP; tanggal lahir dan jenis kelamin harus cocok dengan NIK.',
      'Tanggal ditulis YYYY-MM-DD. Kode wilayah sesuai Kemendagri (boleh dengan titik: 33.75.01).',
      'Saldo dalam rupiah bulat tanpa titik/koma; kosong berarti nol.',
      'Impor memeriksa semua baris lebih dulu: bila ada satu kesalahan, tidak ada data yang masuk.',
    ],
  );
}
