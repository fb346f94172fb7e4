import type { Readable } from 'node:stream';
import { exceljs } from '../../reports/libraries.js';
import * as repo from '../../db/supervision-reports.repo.js';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import {
  BALANCE_SHEET_LINES,
  checkReport,
  COLLECTIBILITY_KEYS,
  INCOME_STATEMENT_LINES,
  parseReportPeriod,
  REPORT_KINDS,
  reportFromEntry,
  type BalanceSheetLine,
  type CollectibilityKey,
  type EnteredReport,
  type IncomeStatementLine,
  type ReportKind,
} from '../../domain/supervision/report.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import {
  describeRowProblem,
  readWorkbookRows,
  sheetColumns,
  type ProblemTexts,
  type WorkbookColumn,
} from '../members/import-workbook.js';
import { regionOf } from '../registry/entries.js';
import type { Lang } from './reports.js';
import { storeEntered } from './reports-office.js';

/**
 * The report of cooperatives not on Sokoguru as an Excel workbook: one row per cooperative and
 * period. The template lists the office's active cooperatives that are not on Sokoguru for the
 * period asked; an upload is checked whole (each cell, then each row's report: the balance sheet
 * must balance) and stored as new versions all together, or not at all, with every problem named
 * by row and column.
 */

type LoanColumn = `${CollectibilityKey}${'Loans' | 'Outstanding' | 'Provision'}`;
type ColumnKey =
  | 'registryId'
  | 'name'
  | 'kind'
  | 'period'
  | BalanceSheetLine
  | 'totalAset'
  | 'totalKewajiban'
  | 'totalEkuitas'
  | IncomeStatementLine
  | LoanColumn
  | 'memberCount'
  | 'memberMen'
  | 'memberWomen';

const LOAN_PARTS = [
  ['Loans', 'jumlah pinjaman'],
  ['Outstanding', 'saldo pinjaman'],
  ['Provision', 'PPAP wajib'],
] as const;
const CLASS_NAMES: Record<CollectibilityKey, string> = {
  lancar: 'lancar',
  kurangLancar: 'kurang lancar',
  diragukan: 'diragukan',
  macet: 'macet',
};

export const REPORT_COLUMNS: readonly WorkbookColumn<ColumnKey>[] = [
  { key: 'registryId', header: 'ID registri', width: 10, text: true },
  { key: 'name', header: 'Nama koperasi (tidak dibaca)', width: 32 },
  { key: 'kind', header: 'Jenis laporan (quarterly/yearly)', width: 12, text: true },
  { key: 'period', header: 'Periode (2026-Q1 / 2026)', width: 12, text: true },
  ...BALANCE_SHEET_LINES.map((l) => ({ key: l.key, header: `Neraca: ${l.label.id}`, width: 18 })),
  { key: 'totalAset', header: 'Jumlah aset', width: 18 },
  { key: 'totalKewajiban', header: 'Jumlah kewajiban', width: 18 },
  { key: 'totalEkuitas', header: 'Jumlah ekuitas', width: 18 },
  ...INCOME_STATEMENT_LINES.map((l) => ({ key: l.key, header: `PHU: ${l.label.id}`, width: 18 })),
  ...COLLECTIBILITY_KEYS.flatMap((k) =>
    LOAN_PARTS.map(([part, name]) => ({
      key: `${k}${part}` as const,
      header: `Pinjaman ${CLASS_NAMES[k]}: ${name}`,
      width: 14,
    })),
  ),
  { key: 'memberCount', header: 'Jumlah anggota', width: 10 },
  { key: 'memberMen', header: 'Anggota laki-laki', width: 10 },
  { key: 'memberWomen', header: 'Anggota perempuan', width: 10 },
];

const FIGURE_KEYS = REPORT_COLUMNS.map((c) => c.key).filter(
  (k) => !['registryId', 'name', 'kind', 'period'].includes(k),
);

const PROBLEM_TEXT: ProblemTexts = {
  REQUIRED: { id: 'wajib diisi', en: 'is required' },
  NOT_A_NUMBER: {
    id: 'harus bilangan bulat rupiah tanpa titik/koma',
    en: 'must be a whole number without separators',
  },
  UNKNOWN_COOPERATIVE: {
    id: 'tidak ada di registri Dinas ini',
    en: 'is not in this office’s registry',
  },
  ON_SOKOGURU: {
    id: 'koperasi ini memakai Sokoguru: laporannya dibagikan dari pembukuannya',
    en: 'this cooperative is on Sokoguru: its report comes from its books',
  },
  PERIOD_INVALID: { id: 'periode tidak valid', en: 'invalid period' },
  PERIOD_NOT_ENDED: { id: 'periode belum berakhir', en: 'the period has not ended' },
  DUPLICATE_IN_FILE: {
    id: 'koperasi dan periode ini muncul dua kali',
    en: 'this cooperative and period appear twice',
  },
  UNBALANCED: {
    id: 'neraca tidak seimbang (aset ≠ kewajiban + ekuitas)',
    en: 'the balance sheet does not balance (assets ≠ liabilities + equity)',
  },
  TOTAL_MISMATCH: {
    id: 'tidak sama dengan penjumlahan pos-posnya',
    en: 'is not the sum of its lines',
  },
  NEGATIVE: { id: 'tidak boleh negatif', en: 'must not be negative' },
  MEMBERS_SPLIT_MISMATCH: {
    id: 'laki-laki + perempuan ≠ jumlah anggota',
    en: 'men + women ≠ members',
  },
  LOANS_INCONSISTENT: {
    id: 'jumlah, saldo dan PPAP pinjaman tidak cocok',
    en: 'loan count, outstanding and provision disagree',
  },
};

export const REPORT_UPLOAD_ROWS_MAX = 2000;
const PROBLEMS_SHOWN_MAX = 200;

/** The column a report problem belongs to (its field's last part, or the stated total). */
function columnOf(field: string): ColumnKey {
  const parts = field.split('.');
  if (field === 'totals') return 'totalAset';
  if (parts[0] === 'totals')
    return parts[1] === 'aset'
      ? 'totalAset'
      : parts[1] === 'kewajiban'
        ? 'totalKewajiban'
        : 'totalEkuitas';
  if (parts[0] === 'loans') {
    const k = parts[2] as CollectibilityKey;
    const part = parts[3];
    return `${k}${part === 'outstandingRupiah' ? 'Outstanding' : part === 'requiredProvisionRupiah' ? 'Provision' : 'Loans'}`;
  }
  if (parts[0] === 'members')
    return parts[1] === 'men' ? 'memberMen' : parts[1] === 'women' ? 'memberWomen' : 'memberCount';
  if (parts[0] === 'period') return 'period';
  return (parts[1] ?? parts[0]) as ColumnKey;
}

export async function reportTemplate(
  deps: Deps,
  ctx: OrgContext,
  q: { kind: ReportKind; period: string },
): Promise<Buffer> {
  const rows = await inOrg(deps, ctx, async (o) =>
    (
      await repo.registryTargets(o.tx, await regionOf(o), {
        status: 'active',
        limit: REPORT_UPLOAD_ROWS_MAX,
      })
    ).filter((r) => !r.linked),
  );
  const wb = new (await exceljs()).Workbook();
  wb.creator = 'Sokoguru';
  const ws = wb.addWorksheet('Laporan');
  ws.columns = sheetColumns(REPORT_COLUMNS);
  ws.getRow(1).font = { bold: true };
  for (const r of rows)
    ws.addRow({ registryId: r.id.toString(), name: r.name, kind: q.kind, period: q.period });
  const help = wb.addWorksheet('Petunjuk');
  for (const line of [
    'Satu baris satu koperasi untuk satu periode. Baris tanpa angka sama sekali dilewati.',
    'Angka dalam rupiah bulat tanpa titik/koma; kosong berarti nol. PPAP dan akumulasi penyusutan ditulis positif.',
    'Jumlah aset/kewajiban/ekuitas boleh dikosongkan; bila diisi, harus sama dengan penjumlahan pos-posnya.',
    'Neraca harus seimbang: aset = kewajiban + ekuitas (SHU tahun berjalan termasuk ekuitas).',
    'Laporan triwulanan: PHU dihitung sejak 1 Januari sampai akhir triwulan.',
    'Unggahan diperiksa seluruhnya lebih dulu: bila ada satu kesalahan, tidak ada laporan yang disimpan.',
    'Laporan yang sudah masuk tidak diubah: unggahan baru untuk periode yang sama menjadi versi berikutnya.',
  ])
    help.addRow([line]);
  help.getColumn(1).width = 110;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const INTEGER = /^-?[0-9]{1,18}$/;

interface RowProblem {
  row: number;
  field: ColumnKey;
  code: string;
}

/** Uploads reports typed in the template: checked whole, stored all together or not at all. */
export async function importReports(
  deps: Deps,
  ctx: OrgContext,
  input: { source: Readable; lang: Lang; dryRun: boolean },
): Promise<{ stored: number }> {
  const today = businessDateWib(deps.clock());
  const rows = readWorkbookRows(input.source, REPORT_COLUMNS, ['registryId', 'kind', 'period']);
  const problems: RowProblem[] = [];
  const parsed: { row: number; registryId: bigint; entered: EnteredReport }[] = [];
  const seen = new Set<string>();
  for await (const { row, raw } of rows) {
    if (parsed.length + problems.length > REPORT_UPLOAD_ROWS_MAX)
      throw new AppError('IMPORT_FILE_INVALID', {
        reason: `lebih dari ${REPORT_UPLOAD_ROWS_MAX} baris`,
      });
    if (FIGURE_KEYS.every((k) => (raw[k] ?? '').trim() === '')) continue;
    const mine: RowProblem[] = [];
    const bad = (field: ColumnKey, code: string) => mine.push({ row, field, code });
    const idText = (raw.registryId ?? '').trim();
    if (!/^[0-9]{1,18}$/.test(idText))
      bad('registryId', idText ? 'UNKNOWN_COOPERATIVE' : 'REQUIRED');
    const kind = (raw.kind ?? '').trim() as ReportKind;
    const period = (raw.period ?? '').trim();
    if (!REPORT_KINDS.includes(kind)) bad('kind', 'PERIOD_INVALID');
    else {
      const p = parseReportPeriod(kind, period);
      if (!p) bad('period', 'PERIOD_INVALID');
      else if (p.endsOn >= today) bad('period', 'PERIOD_NOT_ENDED');
    }
    const num = (k: ColumnKey): bigint => {
      const t = (raw[k] ?? '').trim();
      if (t === '') return 0n;
      if (!INTEGER.test(t)) {
        bad(k, 'NOT_A_NUMBER');
        return 0n;
      }
      return BigInt(t);
    };
    const optional = (k: ColumnKey): bigint | undefined =>
      (raw[k] ?? '').trim() === '' ? undefined : num(k);
    const count = (k: ColumnKey): number => Number(num(k));
    const countOrNull = (k: ColumnKey): number | null =>
      (raw[k] ?? '').trim() === '' ? null : count(k);
    const totals = {
      ...(optional('totalAset') !== undefined ? { aset: optional('totalAset')! } : {}),
      ...(optional('totalKewajiban') !== undefined
        ? { kewajiban: optional('totalKewajiban')! }
        : {}),
      ...(optional('totalEkuitas') !== undefined ? { ekuitas: optional('totalEkuitas')! } : {}),
    };
    const entered: EnteredReport = {
      kind,
      period,
      balanceSheet: Object.fromEntries(
        BALANCE_SHEET_LINES.map((l) => [l.key, num(l.key)]),
      ) as Record<BalanceSheetLine, bigint>,
      totals,
      incomeStatement: Object.fromEntries(
        INCOME_STATEMENT_LINES.map((l) => [l.key, num(l.key)]),
      ) as Record<IncomeStatementLine, bigint>,
      loans: Object.fromEntries(
        COLLECTIBILITY_KEYS.map((k) => [
          k,
          {
            loans: count(`${k}Loans`),
            outstandingRupiah: num(`${k}Outstanding`),
            requiredProvisionRupiah: num(`${k}Provision`),
          },
        ]),
      ) as EnteredReport['loans'],
      members: {
        count: count('memberCount'),
        men: countOrNull('memberMen'),
        women: countOrNull('memberWomen'),
      },
    };
    if (mine.length === 0) {
      for (const p of checkReport(reportFromEntry(entered))) bad(columnOf(p.field), p.code);
      const key = `${idText}|${kind}|${period}`;
      if (seen.has(key)) bad('period', 'DUPLICATE_IN_FILE');
      seen.add(key);
    }
    if (mine.length > 0) problems.push(...mine);
    else parsed.push({ row, registryId: BigInt(idText), entered });
  }
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    if (problems.length === 0) {
      const targets = await Promise.all(
        parsed.map((p) => repo.registryTarget(o.tx, region, p.registryId)),
      );
      parsed.forEach((p, i) => {
        const t = targets[i];
        if (!t) problems.push({ row: p.row, field: 'registryId', code: 'UNKNOWN_COOPERATIVE' });
        else if (t.linked) problems.push({ row: p.row, field: 'registryId', code: 'ON_SOKOGURU' });
      });
    }
    if (problems.length > 0)
      throw new AppError(
        'IMPORT_ROWS_INVALID',
        { count: problems.length },
        undefined,
        problems
          .slice(0, PROBLEMS_SHOWN_MAX)
          .map((p) => describeRowProblem(p, input.lang, REPORT_COLUMNS, PROBLEM_TEXT)),
      );
    if (parsed.length === 0)
      throw new AppError('IMPORT_FILE_INVALID', { reason: 'tidak ada baris berisi angka' });
    if (input.dryRun) return { stored: 0 };
    for (const p of parsed)
      await storeEntered(o, deps, region, p.registryId, p.entered, 'excel', input.lang);
    return { stored: parsed.length };
  });
}
