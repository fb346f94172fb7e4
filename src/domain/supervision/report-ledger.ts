/**
 * A report produced from a Sokoguru ledger (report.ts): which line each account of the chart
 * feeds, and every figure with the accounts behind it (accounting.md).
 */
import {
  BALANCE_SHEET_LINES,
  type BalanceSheetLine,
  type CooperativeReport,
  type Figure,
  type FigureSource,
  INCOME_STATEMENT_LINES,
  type IncomeStatementLine,
  type LineDefinition,
  type ReportKind,
  SAVINGS_KINDS,
  SAVINGS_LINE,
  type SavingsKind,
  type StatementSection,
  incomeTotalsOf,
  sectionTotal,
} from './report-lines.js';
import { parseReportPeriod } from './report-periods.js';

/** One account of the ledger as the report reads it (src/db/supervision-reports.repo.ts). */
export interface LedgerAccount {
  code: string;
  name: string;
  type: 'aset' | 'kewajiban' | 'ekuitas' | 'pendapatan' | 'beban';
  role: string | null;
  /** debit − credit of every posting up to the period's end */
  closingDebitNet: bigint;
  /** debit − credit from January to the period's end, year-end closing entries left out */
  yearToDateDebitNet: bigint;
}

const ROLE_LINE: Record<string, BalanceSheetLine | IncomeStatementLine> = {
  cash: 'kasBank',
  bank: 'kasBank',
  loansMembers: 'pinjamanAnggota',
  murabahahReceivable: 'pinjamanAnggota',
  deferredMargin: 'pinjamanAnggota',
  mudharabahFinancing: 'pinjamanAnggota',
  musyarakahFinancing: 'pinjamanAnggota',
  ijarahReceivable: 'pinjamanAnggota',
  qardh: 'pinjamanAnggota',
  loansNonMembers: 'pinjamanNonAnggota',
  ppap: 'ppap',
  savingsSukarela: 'simpananSukarela',
  savingsMudharabah: 'simpananSukarela',
  savingsBerjangka: 'simpananBerjangka',
  simpananPokok: 'simpananPokok',
  simpananWajib: 'simpananWajib',
  reserveGeneral: 'cadanganUmum',
  shuCurrentYear: 'shuTahunBerjalan',
  shuUndistributed: 'shuBelumDibagi',
  savingsInterestExpense: 'bebanJasaSimpanan',
  depositInterestExpense: 'bebanJasaSimpanan',
  provisionExpense: 'bebanPenyisihanPinjaman',
};

/** Chart-template codes without a role that have a line of their own (accounting.md). */
const CODE_LINE: Record<string, BalanceSheetLine | IncomeStatementLine> = {
  '1102': 'kasBank',
  '1104': 'penempatanBank',
  '1309': 'akumulasiPenyusutan',
  '3103': 'modalPenyertaan',
  '3104': 'hibah',
  '3106': 'cadanganRisiko',
  '5201': 'bebanKaryawan',
  '5202': 'bebanPengurusPengawas',
  '5204': 'bebanPendidikan',
};

/**
 * The line an account belongs to: by its role (the accounts the software posts to), then by its
 * template code, then by its group (the first two digits) and class. A cooperative's own accounts
 * land in their group's line ("lain").
 */
export function lineOfAccount(
  a: Pick<LedgerAccount, 'code' | 'type' | 'role'>,
): BalanceSheetLine | IncomeStatementLine {
  const byRole = a.role ? ROLE_LINE[a.role] : undefined;
  if (byRole) return byRole;
  const byCode = CODE_LINE[a.code];
  if (byCode) return byCode;
  const group = a.code.slice(0, 2);
  switch (a.type) {
    case 'aset':
      return group === '12'
        ? 'investasi'
        : group === '13'
          ? 'asetTetap'
          : group === '14'
            ? 'asetLain'
            : 'asetLancarLain';
    case 'kewajiban':
      return group === '22' ? 'kewajibanJangkaPanjang' : 'kewajibanLancarLain';
    case 'ekuitas':
      return 'ekuitasLain';
    case 'pendapatan':
      return group === '41'
        ? 'pendapatanPartisipasiAnggota'
        : group === '42'
          ? 'pendapatanNonAnggota'
          : 'pendapatanLain';
    case 'beban':
      return group === '51'
        ? 'bebanUsahaLain'
        : group === '53'
          ? 'bebanPajak'
          : 'bebanOrganisasiUmum';
  }
}

const CONTRA_LINES = new Set<string>(
  (BALANCE_SHEET_LINES as readonly LineDefinition<BalanceSheetLine, StatementSection>[])
    .filter((l) => l.contra)
    .map((l) => l.key),
);

/**
 * The report from a ledger: each account adds its balance to its line, in the line's direction
 * (debit-positive in aset and beban, credit-positive elsewhere; a contra line is credit-positive:
 * PPAP and depreciation as positive amounts). Income and expenses not yet closed to equity (all
 * years) join `shuTahunBerjalan`, as the statements' balance sheet does, so it balances whenever
 * the ledger does. Only postable accounts are passed in.
 */
export function reportFromLedger(input: {
  kind: ReportKind;
  period: string;
  accounts: readonly LedgerAccount[];
  loans: CooperativeReport['loans'];
  members: CooperativeReport['members'];
}): CooperativeReport {
  const p = parseReportPeriod(input.kind, input.period);
  if (!p) throw new RangeError(`not a ${input.kind} period: ${input.period}`);
  const lines = new Map<string, FigureSource[]>();
  const add = (line: string, a: LedgerAccount, rupiah: bigint) => {
    if (rupiah === 0n) return;
    const list = lines.get(line) ?? [];
    list.push({ accountCode: a.code, accountName: a.name, rupiah });
    lines.set(line, list);
  };
  const sorted = [...input.accounts].sort((x, y) => x.code.localeCompare(y.code));
  for (const a of sorted) {
    const line = lineOfAccount(a);
    switch (a.type) {
      case 'aset':
        add(line, a, CONTRA_LINES.has(line) ? -a.closingDebitNet : a.closingDebitNet);
        break;
      case 'kewajiban':
      case 'ekuitas':
        add(line, a, -a.closingDebitNet);
        break;
      case 'pendapatan':
        add(line, a, -a.yearToDateDebitNet);
        add('shuTahunBerjalan', a, -a.closingDebitNet);
        break;
      case 'beban':
        add(line, a, a.yearToDateDebitNet);
        add('shuTahunBerjalan', a, -a.closingDebitNet);
        break;
    }
  }
  const figureOf = (key: string): Figure => {
    const sources = lines.get(key) ?? [];
    return { rupiah: sources.reduce((s, x) => s + x.rupiah, 0n), sources };
  };
  const balanceSheet = Object.fromEntries(
    BALANCE_SHEET_LINES.map((l) => [l.key, figureOf(l.key)]),
  ) as Record<BalanceSheetLine, Figure>;
  const incomeStatement = Object.fromEntries(
    INCOME_STATEMENT_LINES.map((l) => [l.key, figureOf(l.key)]),
  ) as Record<IncomeStatementLine, Figure>;
  return {
    kind: input.kind,
    period: input.period,
    asOf: p.endsOn,
    incomeFrom: `${p.year}-01-01`,
    balanceSheet,
    totals: {
      aset: sectionTotal(balanceSheet, 'aset'),
      kewajiban: sectionTotal(balanceSheet, 'kewajiban'),
      ekuitas: sectionTotal(balanceSheet, 'ekuitas'),
    },
    incomeStatement,
    incomeTotals: incomeTotalsOf(incomeStatement),
    loans: input.loans,
    members: input.members,
    savings: Object.fromEntries(SAVINGS_KINDS.map((k) => [k, figureOf(SAVINGS_LINE[k])])) as Record<
      SavingsKind,
      Figure
    >,
  };
}
