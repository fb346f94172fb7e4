/**
 * The periodic report a cooperative gives its supervising office (issue 15, item 3): balance
 * sheet, income statement, loans by collectibility, members and savings, for a quarter or a year.
 * The same shape whether it was produced from a Sokoguru ledger (every figure with the accounts
 * behind it) or entered by the office from a cooperative's paper report (no sources). Pure: the
 * checks an entry must pass, the period arithmetic and the timeliness rules
 * (docs/domain/supervision-reports.md). The lines and the report's shape are in report-lines.ts,
 * the periods and due dates in report-periods.ts, the report from a ledger in report-ledger.ts;
 * this module re-exports them, so callers import from here.
 *
 * Money is bigint rupiah. Lines are named, not free text, so that every report of every
 * cooperative can be added up by the office and read by the health rubrics (report-to-rubric.ts).
 */
import {
  BALANCE_SHEET_LINES,
  type BalanceSheetLine,
  COLLECTIBILITY_KEYS,
  type CollectibilityKey,
  type CooperativeReport,
  type Figure,
  INCOME_STATEMENT_LINES,
  type IncomeStatementLine,
  type LineDefinition,
  type LoanClassFigures,
  type ReportKind,
  SAVINGS_KINDS,
  SAVINGS_LINE,
  type SavingsKind,
  type StatementSection,
  incomeTotalsOf,
  sectionTotal,
} from './report-lines.js';
import { parseReportPeriod } from './report-periods.js';
export * from './report-lines.js';
export * from './report-periods.js';
export * from './report-ledger.js';

// ---------------------------------------------------------------------------------------------
// checks

export type ReportProblemCode =
  /** aset ≠ kewajiban + ekuitas */
  | 'UNBALANCED'
  /** a stated total is not the sum of its lines */
  | 'TOTAL_MISMATCH'
  | 'NEGATIVE'
  /** a savings kind differs from its balance-sheet line */
  | 'SAVINGS_MISMATCH'
  /** a ledger figure differs from the sum of its sources */
  | 'SOURCES_MISMATCH'
  /** men + women ≠ members */
  | 'MEMBERS_SPLIT_MISMATCH'
  /** outstanding or provision without loans, or a provision above the outstanding */
  | 'LOANS_INCONSISTENT'
  | 'PERIOD_INVALID';

export interface ReportProblem {
  /** dotted path: 'balanceSheet.kasBank', 'totals.aset', 'loans.byClass.macet.loans' */
  field: string;
  code: ReportProblemCode;
}

/**
 * Every problem of a report: the balance sheet balances (aset = kewajiban + ekuitas, the current
 * year's result inside ekuitas: accounting.md "Invariants"), each stated total is the sum of its
 * lines, lines and counts are not negative where they cannot be, savings agree with their
 * balance-sheet lines, the member split adds up, and a figure with sources is their sum.
 */
export function checkReport(r: CooperativeReport): ReportProblem[] {
  const problems: ReportProblem[] = [];
  const p = (field: string, code: ReportProblemCode) => problems.push({ field, code });
  const period = parseReportPeriod(r.kind, r.period);
  if (!period || period.endsOn !== r.asOf || r.incomeFrom !== `${period.year}-01-01`)
    p('period', 'PERIOD_INVALID');

  const figure = (field: string, f: Figure, mayBeNegative: boolean) => {
    if (!mayBeNegative && f.rupiah < 0n) p(field, 'NEGATIVE');
    if (f.sources.length > 0 && f.sources.reduce((s, x) => s + x.rupiah, 0n) !== f.rupiah)
      p(field, 'SOURCES_MISMATCH');
  };
  for (const l of BALANCE_SHEET_LINES as readonly LineDefinition<
    BalanceSheetLine,
    StatementSection
  >[])
    figure(`balanceSheet.${l.key}`, r.balanceSheet[l.key], l.mayBeNegative === true);
  for (const l of INCOME_STATEMENT_LINES)
    figure(`incomeStatement.${l.key}`, r.incomeStatement[l.key], false);

  const sums = {
    aset: sectionTotal(r.balanceSheet, 'aset'),
    kewajiban: sectionTotal(r.balanceSheet, 'kewajiban'),
    ekuitas: sectionTotal(r.balanceSheet, 'ekuitas'),
  };
  for (const s of ['aset', 'kewajiban', 'ekuitas'] as const)
    if (r.totals[s] !== sums[s]) p(`totals.${s}`, 'TOTAL_MISMATCH');
  if (r.totals.aset < 0n) p('totals.aset', 'NEGATIVE');
  if (r.totals.kewajiban < 0n) p('totals.kewajiban', 'NEGATIVE');
  if (r.totals.aset !== r.totals.kewajiban + r.totals.ekuitas) p('totals', 'UNBALANCED');

  const it = incomeTotalsOf(r.incomeStatement);
  for (const k of ['pendapatan', 'beban', 'shuSebelumPajak', 'shuSetelahPajak'] as const)
    if (r.incomeTotals[k] !== it[k]) p(`incomeTotals.${k}`, 'TOTAL_MISMATCH');

  for (const k of COLLECTIBILITY_KEYS) {
    const c = r.loans.byClass[k];
    const f = `loans.byClass.${k}`;
    if (!Number.isSafeInteger(c.loans) || c.loans < 0) p(`${f}.loans`, 'NEGATIVE');
    if (c.outstandingRupiah < 0n) p(`${f}.outstandingRupiah`, 'NEGATIVE');
    if (c.requiredProvisionRupiah < 0n) p(`${f}.requiredProvisionRupiah`, 'NEGATIVE');
    if (
      (c.loans === 0 && c.outstandingRupiah > 0n) ||
      c.requiredProvisionRupiah > c.outstandingRupiah
    )
      p(f, 'LOANS_INCONSISTENT');
  }

  const m = r.members;
  if (!Number.isSafeInteger(m.count) || m.count < 0) p('members.count', 'NEGATIVE');
  if (m.men !== null && m.men < 0) p('members.men', 'NEGATIVE');
  if (m.women !== null && m.women < 0) p('members.women', 'NEGATIVE');
  if (m.men !== null && m.women !== null && m.men + m.women !== m.count)
    p('members', 'MEMBERS_SPLIT_MISMATCH');

  for (const k of SAVINGS_KINDS) {
    figure(`savings.${k}`, r.savings[k], false);
    if (r.savings[k].rupiah !== r.balanceSheet[SAVINGS_LINE[k]].rupiah)
      p(`savings.${k}`, 'SAVINGS_MISMATCH');
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// building a report

/** Typed figures (form, Excel): every line, the loans, the members; totals and savings follow. */
export interface EnteredReport {
  kind: ReportKind;
  period: string;
  balanceSheet: Record<BalanceSheetLine, bigint>;
  /** if given, checked against the lines (a paper report's totals, to catch typing errors) */
  totals?: { aset?: bigint; kewajiban?: bigint; ekuitas?: bigint };
  incomeStatement: Record<IncomeStatementLine, bigint>;
  loans: Record<CollectibilityKey, LoanClassFigures>;
  members: CooperativeReport['members'];
}

const typed = (rupiah: bigint): Figure => ({ rupiah, sources: [] });

/**
 * A report from typed figures: totals are the stated ones when given (so a typing error shows as
 * TOTAL_MISMATCH), else the sums; savings are their balance-sheet lines. Check it with checkReport.
 */
export function reportFromEntry(e: EnteredReport): CooperativeReport {
  const period = parseReportPeriod(e.kind, e.period);
  const balanceSheet = Object.fromEntries(
    BALANCE_SHEET_LINES.map((l) => [l.key, typed(e.balanceSheet[l.key])]),
  ) as Record<BalanceSheetLine, Figure>;
  const incomeStatement = Object.fromEntries(
    INCOME_STATEMENT_LINES.map((l) => [l.key, typed(e.incomeStatement[l.key])]),
  ) as Record<IncomeStatementLine, Figure>;
  const year = period?.year ?? Number(e.period.slice(0, 4));
  return {
    kind: e.kind,
    period: e.period,
    asOf: period?.endsOn ?? '',
    incomeFrom: `${year}-01-01`,
    balanceSheet,
    totals: {
      aset: e.totals?.aset ?? sectionTotal(balanceSheet, 'aset'),
      kewajiban: e.totals?.kewajiban ?? sectionTotal(balanceSheet, 'kewajiban'),
      ekuitas: e.totals?.ekuitas ?? sectionTotal(balanceSheet, 'ekuitas'),
    },
    incomeStatement,
    incomeTotals: incomeTotalsOf(incomeStatement),
    loans: { byClass: { ...e.loans }, basis: 'entered' },
    members: { ...e.members },
    savings: Object.fromEntries(
      SAVINGS_KINDS.map((k) => [k, typed(e.balanceSheet[SAVINGS_LINE[k]])]),
    ) as Record<SavingsKind, Figure>,
  };
}

// ---------------------------------------------------------------------------------------------
// canonical form

/**
 * The report as canonical JSON text: keys sorted, rupiah as decimal strings, no spaces. Its
 * SHA-256 stamps a version; the same report always gives the same text.
 */
export function canonicalReportJson(r: CooperativeReport): string {
  return canonical(r);
}

function canonical(v: unknown): string {
  if (typeof v === 'bigint') return JSON.stringify(v.toString());
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
}

/** Rupiah fields of the stored JSON, back to bigint (the inverse of canonicalReportJson). */
export function reportFromJson(json: unknown): CooperativeReport {
  const fig = (f: {
    rupiah: string;
    sources: { accountCode: string; accountName: string; rupiah: string }[];
  }): Figure => ({
    rupiah: BigInt(f.rupiah),
    sources: f.sources.map((s) => ({ ...s, rupiah: BigInt(s.rupiah) })),
  });
  const j = json as {
    kind: ReportKind;
    period: string;
    asOf: string;
    incomeFrom: string;
    balanceSheet: Record<string, Parameters<typeof fig>[0]>;
    totals: Record<string, string>;
    incomeStatement: Record<string, Parameters<typeof fig>[0]>;
    incomeTotals: Record<string, string>;
    loans: {
      byClass: Record<
        string,
        { loans: number; outstandingRupiah: string; requiredProvisionRupiah: string }
      >;
      basis: CooperativeReport['loans']['basis'];
    };
    members: CooperativeReport['members'];
    savings: Record<string, Parameters<typeof fig>[0]>;
  };
  const map = <K extends string, V, W>(
    keys: readonly K[],
    src: Record<string, V>,
    f: (v: V) => W,
  ) => Object.fromEntries(keys.map((k) => [k, f(src[k] as V)])) as Record<K, W>;
  return {
    kind: j.kind,
    period: j.period,
    asOf: j.asOf,
    incomeFrom: j.incomeFrom,
    balanceSheet: map(
      BALANCE_SHEET_LINES.map((l) => l.key),
      j.balanceSheet,
      fig,
    ),
    totals: map(['aset', 'kewajiban', 'ekuitas'] as const, j.totals, BigInt),
    incomeStatement: map(
      INCOME_STATEMENT_LINES.map((l) => l.key),
      j.incomeStatement,
      fig,
    ),
    incomeTotals: map(
      ['pendapatan', 'beban', 'shuSebelumPajak', 'shuSetelahPajak'] as const,
      j.incomeTotals,
      BigInt,
    ),
    loans: {
      byClass: map(COLLECTIBILITY_KEYS, j.loans.byClass, (c) => ({
        loans: c.loans,
        outstandingRupiah: BigInt(c.outstandingRupiah),
        requiredProvisionRupiah: BigInt(c.requiredProvisionRupiah),
      })),
      basis: j.loans.basis,
    },
    members: { ...j.members },
    savings: map(SAVINGS_KINDS, j.savings, fig),
  };
}
