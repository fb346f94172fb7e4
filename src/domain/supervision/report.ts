/**
 * The periodic report a cooperative gives its supervising office (issue 15, item 3): balance
 * sheet, income statement, loans by collectibility, members and savings, for a quarter or a year.
 * The same shape whether it was produced from a Sokoguru ledger (every figure with the accounts
 * behind it) or entered by the office from a cooperative's paper report (no sources). Pure: the
 * checks an entry must pass, the period arithmetic and the timeliness rules
 * (docs/domain/supervision-reports.md).
 *
 * Money is bigint rupiah. Lines are named, not free text, so that every report of every
 * cooperative can be added up by the office and read by the health rubrics (report-to-rubric.ts).
 */
import { addDays, daysInMonth, type IsoDate } from '../calendar.js';

export const REPORT_KINDS = ['quarterly', 'yearly'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** How a version reached the office: from the books, or typed by the office from paper. */
export const REPORT_CHANNELS = ['ledger', 'form', 'excel'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

/** An account behind a figure, with the amount it adds (the figure is the sum of its sources). */
export interface FigureSource {
  accountCode: string;
  accountName: string;
  rupiah: bigint;
}

/** A rupiah figure; `sources` is empty when the figure was typed (form, Excel). */
export interface Figure {
  rupiah: bigint;
  sources: FigureSource[];
}

export type StatementSection = 'aset' | 'kewajiban' | 'ekuitas';

interface LineDefinition<K extends string, S extends string> {
  key: K;
  section: S;
  /** shown as a positive amount and subtracted from its section (PPAP, akumulasi penyusutan) */
  contra?: true;
  /** may be below zero (results, other equity); every other line is refused below zero */
  mayBeNegative?: true;
  label: { id: string; en: string };
}

/**
 * Balance-sheet lines (neraca), grouped as the ministry's chart template groups accounts
 * (shared/domain/accounting.md): 11 aset lancar, 12 investasi, 13 aset tetap, 14 aset lain; 21
 * jangka pendek, 22 jangka panjang; 31 ekuitas. Kewajiban lancar (a rubric input) is the three
 * short-term lines.
 */
export const BALANCE_SHEET_LINES = [
  { key: 'kasBank', section: 'aset', label: { id: 'Kas dan bank', en: 'Cash and bank' } },
  {
    key: 'penempatanBank',
    section: 'aset',
    label: { id: 'Penempatan pada bank / koperasi lain', en: 'Placements with banks' },
  },
  {
    key: 'pinjamanAnggota',
    section: 'aset',
    label: { id: 'Pinjaman / pembiayaan kepada anggota', en: 'Loans to members' },
  },
  {
    key: 'pinjamanNonAnggota',
    section: 'aset',
    label: { id: 'Pinjaman kepada calon anggota / koperasi lain', en: 'Loans to non-members' },
  },
  {
    key: 'ppap',
    section: 'aset',
    contra: true,
    label: { id: 'Penyisihan penghapusan pinjaman (PPAP)', en: 'Loan loss provision' },
  },
  {
    key: 'asetLancarLain',
    section: 'aset',
    label: { id: 'Aset lancar lain', en: 'Other current assets' },
  },
  { key: 'investasi', section: 'aset', label: { id: 'Investasi', en: 'Investments' } },
  { key: 'asetTetap', section: 'aset', label: { id: 'Aset tetap', en: 'Fixed assets' } },
  {
    key: 'akumulasiPenyusutan',
    section: 'aset',
    contra: true,
    label: { id: 'Akumulasi penyusutan', en: 'Accumulated depreciation' },
  },
  { key: 'asetLain', section: 'aset', label: { id: 'Aset lain-lain', en: 'Other assets' } },
  {
    key: 'simpananSukarela',
    section: 'kewajiban',
    label: { id: 'Simpanan sukarela', en: 'Voluntary savings' },
  },
  {
    key: 'simpananBerjangka',
    section: 'kewajiban',
    label: { id: 'Simpanan berjangka', en: 'Time deposits' },
  },
  {
    key: 'kewajibanLancarLain',
    section: 'kewajiban',
    label: { id: 'Kewajiban jangka pendek lain', en: 'Other current liabilities' },
  },
  {
    key: 'kewajibanJangkaPanjang',
    section: 'kewajiban',
    label: { id: 'Kewajiban jangka panjang', en: 'Long-term liabilities' },
  },
  {
    key: 'simpananPokok',
    section: 'ekuitas',
    label: { id: 'Simpanan pokok', en: 'Principal savings' },
  },
  {
    key: 'simpananWajib',
    section: 'ekuitas',
    label: { id: 'Simpanan wajib', en: 'Mandatory savings' },
  },
  {
    key: 'modalPenyertaan',
    section: 'ekuitas',
    label: { id: 'Modal penyertaan', en: 'Investment capital' },
  },
  { key: 'hibah', section: 'ekuitas', label: { id: 'Hibah / donasi', en: 'Grants' } },
  {
    key: 'cadanganUmum',
    section: 'ekuitas',
    label: { id: 'Cadangan umum', en: 'General reserve' },
  },
  {
    key: 'cadanganRisiko',
    section: 'ekuitas',
    label: { id: 'Cadangan risiko', en: 'Risk reserve' },
  },
  {
    key: 'shuBelumDibagi',
    section: 'ekuitas',
    mayBeNegative: true,
    label: { id: 'SHU belum dibagi', en: 'Undistributed surplus' },
  },
  {
    key: 'shuTahunBerjalan',
    section: 'ekuitas',
    mayBeNegative: true,
    label: { id: 'SHU tahun berjalan', en: 'Surplus of the current year' },
  },
  {
    key: 'ekuitasLain',
    section: 'ekuitas',
    mayBeNegative: true,
    label: { id: 'Ekuitas lain', en: 'Other equity' },
  },
] as const satisfies readonly LineDefinition<string, StatementSection>[];
export type BalanceSheetLine = (typeof BALANCE_SHEET_LINES)[number]['key'];

/** The short-term liabilities (group 21): the rubrics' kewajiban lancar. */
export const KEWAJIBAN_LANCAR_LINES: readonly BalanceSheetLine[] = [
  'simpananSukarela',
  'simpananBerjangka',
  'kewajibanLancarLain',
];

export type IncomeSection = 'pendapatan' | 'beban';

/**
 * Income-statement lines (laporan perhitungan hasil usaha): income from members' participation
 * (group 41) apart from non-members (42), as supervisors read it (accounting.md); expenses of the
 * savings-and-loan business (51), organisation and general (52), tax (53).
 */
export const INCOME_STATEMENT_LINES = [
  {
    key: 'pendapatanPartisipasiAnggota',
    section: 'pendapatan',
    label: { id: 'Pendapatan dari partisipasi anggota', en: 'Income from members' },
  },
  {
    key: 'pendapatanNonAnggota',
    section: 'pendapatan',
    label: { id: 'Pendapatan dari non-anggota', en: 'Income from non-members' },
  },
  {
    key: 'pendapatanLain',
    section: 'pendapatan',
    label: { id: 'Pendapatan lain-lain', en: 'Other income' },
  },
  {
    key: 'bebanJasaSimpanan',
    section: 'beban',
    label: { id: 'Beban jasa / bagi hasil simpanan', en: 'Interest on savings' },
  },
  {
    key: 'bebanPenyisihanPinjaman',
    section: 'beban',
    label: { id: 'Beban penyisihan penghapusan pinjaman', en: 'Loan loss provision expense' },
  },
  {
    key: 'bebanUsahaLain',
    section: 'beban',
    label: { id: 'Beban usaha lain', en: 'Other operating expenses' },
  },
  {
    key: 'bebanKaryawan',
    section: 'beban',
    label: { id: 'Gaji dan tunjangan karyawan', en: 'Staff costs' },
  },
  {
    key: 'bebanPengurusPengawas',
    section: 'beban',
    label: { id: 'Honor pengurus dan pengawas', en: 'Board fees' },
  },
  {
    key: 'bebanPendidikan',
    section: 'beban',
    label: { id: 'Pendidikan dan pelatihan', en: 'Education and training' },
  },
  {
    key: 'bebanOrganisasiUmum',
    section: 'beban',
    label: { id: 'Beban organisasi dan umum lain', en: 'Other general expenses' },
  },
  { key: 'bebanPajak', section: 'beban', label: { id: 'Pajak penghasilan', en: 'Income tax' } },
] as const satisfies readonly LineDefinition<string, IncomeSection>[];
export type IncomeStatementLine = (typeof INCOME_STATEMENT_LINES)[number]['key'];

export const COLLECTIBILITY_KEYS = ['lancar', 'kurangLancar', 'diragukan', 'macet'] as const;
export type CollectibilityKey = (typeof COLLECTIBILITY_KEYS)[number];
/** The loan book's class codes (src/domain/loans/collectibility.ts) by report key. */
export const COLLECTIBILITY_CODE: Record<CollectibilityKey, 'L' | 'KL' | 'D' | 'M'> = {
  lancar: 'L',
  kurangLancar: 'KL',
  diragukan: 'D',
  macet: 'M',
};

export interface LoanClassFigures {
  loans: number;
  outstandingRupiah: bigint;
  /** PPAP required for the class (0.5 / 10 / 50 / 100 % by default, loans.md) */
  requiredProvisionRupiah: bigint;
}

export const SAVINGS_KINDS = ['pokok', 'wajib', 'sukarela', 'berjangka'] as const;
export type SavingsKind = (typeof SAVINGS_KINDS)[number];
/** Which balance-sheet line each savings kind is (the same balance, stated twice on purpose). */
export const SAVINGS_LINE: Record<SavingsKind, BalanceSheetLine> = {
  pokok: 'simpananPokok',
  wajib: 'simpananWajib',
  sukarela: 'simpananSukarela',
  berjangka: 'simpananBerjangka',
};

export interface CooperativeReport {
  kind: ReportKind;
  /** '2026-Q1' for a quarter, '2026' for a year (reportPeriodOf) */
  period: string;
  /** the balance sheet's date: the period's last day */
  asOf: IsoDate;
  /** income-statement months: from January to the period's end (year to date) */
  incomeFrom: IsoDate;
  balanceSheet: Record<BalanceSheetLine, Figure>;
  /** section totals as stated (checked to be the sum of their lines) */
  totals: { aset: bigint; kewajiban: bigint; ekuitas: bigint };
  incomeStatement: Record<IncomeStatementLine, Figure>;
  incomeTotals: {
    pendapatan: bigint;
    beban: bigint;
    /** pendapatan − beban other than tax */
    shuSebelumPajak: bigint;
    /** pendapatan − beban */
    shuSetelahPajak: bigint;
  };
  loans: {
    byClass: Record<CollectibilityKey, LoanClassFigures>;
    /** where the loan book's figures came from: a closed month-end, the live book, or typed */
    basis: 'month-end' | 'live-book' | 'entered';
  };
  members: {
    count: number;
    /** null when not known (e.g. not on the paper report) */
    men: number | null;
    women: number | null;
  };
  savings: Record<SavingsKind, Figure>;
}

// ---------------------------------------------------------------------------------------------
// periods

export interface ReportPeriod {
  kind: ReportKind;
  period: string;
  year: number;
  /** 1–4 for a quarter */
  quarter: number | null;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

const QUARTER = /^([0-9]{4})-Q([1-4])$/;
const YEAR = /^([0-9]{4})$/;

/** A period id of a kind: '2026-Q1' (quarterly) or '2026' (yearly); undefined when malformed. */
export function parseReportPeriod(kind: ReportKind, period: string): ReportPeriod | undefined {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (kind === 'quarterly') {
    const m = QUARTER.exec(period);
    if (!m) return undefined;
    const year = Number(m[1]);
    const quarter = Number(m[2]);
    const lastMonth = quarter * 3;
    return {
      kind,
      period,
      year,
      quarter,
      startsOn: `${year}-${pad(lastMonth - 2)}-01`,
      endsOn: `${year}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}`,
    };
  }
  const m = YEAR.exec(period);
  if (!m) return undefined;
  const year = Number(m[1]);
  return { kind, period, year, quarter: null, startsOn: `${year}-01-01`, endsOn: `${year}-12-31` };
}

export function reportPeriodOf(kind: ReportKind, year: number, quarter?: number): string {
  return kind === 'quarterly' ? `${year}-Q${quarter ?? 1}` : String(year);
}

/** The periods of a kind that ended on or before `today`, newest first, at most `count`. */
export function endedPeriods(kind: ReportKind, today: IsoDate, count: number): string[] {
  const out: string[] = [];
  let year = Number(today.slice(0, 4));
  let quarter = kind === 'quarterly' ? 4 : null;
  while (out.length < count) {
    const id = quarter === null ? String(year) : `${year}-Q${quarter}`;
    const p = parseReportPeriod(kind, id);
    if (p && p.endsOn <= today) out.push(id);
    if (quarter === null || quarter === 1) {
      year -= 1;
      quarter = quarter === null ? null : 4;
    } else quarter -= 1;
    if (year < 1900) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// schedules and timeliness

/**
 * A reporting rule the office sets: a report of `kind` is due `dueDays` after the end of each
 * period that ends on or after `effectiveFrom`, until a later rule of the same kind replaces it.
 * `required: false` records that the kind is no longer asked for.
 */
export interface ReportingRule {
  kind: ReportKind;
  dueDays: number;
  effectiveFrom: IsoDate;
  required: boolean;
}

/** The rule in force for a period: the latest of its kind effective on or before its end. */
export function ruleFor(
  rules: readonly ReportingRule[],
  kind: ReportKind,
  period: string,
): ReportingRule | undefined {
  const p = parseReportPeriod(kind, period);
  if (!p) return undefined;
  let best: ReportingRule | undefined;
  for (const r of rules)
    if (r.kind === kind && r.effectiveFrom <= p.endsOn)
      if (!best || r.effectiveFrom > best.effectiveFrom) best = r;
  return best;
}

/** A rule with the region of the office that set it. */
export interface RegionRule extends ReportingRule {
  regionCode: string;
}

/**
 * The rules a cooperative filed under `regionCode` follows: for each kind, those of the nearest
 * office at or above it that set any rule of that kind (a city's own rules, else its province's,
 * else the ministry's).
 */
export function rulesInForce(rules: readonly RegionRule[], regionCode: string): ReportingRule[] {
  const out: ReportingRule[] = [];
  for (const kind of REPORT_KINDS) {
    let best: string | undefined;
    for (const r of rules)
      if (r.kind === kind && regionCode.startsWith(r.regionCode))
        if (best === undefined || r.regionCode.length > best.length) best = r.regionCode;
    if (best === undefined) continue;
    for (const r of rules)
      if (r.kind === kind && r.regionCode === best)
        out.push({
          kind: r.kind,
          dueDays: r.dueDays,
          effectiveFrom: r.effectiveFrom,
          required: r.required,
        });
  }
  return out;
}

/** The due date of a period's report under the rules, or null when no report is required. */
export function dueDateOf(
  rules: readonly ReportingRule[],
  kind: ReportKind,
  period: string,
): IsoDate | null {
  const p = parseReportPeriod(kind, period);
  const rule = ruleFor(rules, kind, period);
  if (!p || !rule || !rule.required) return null;
  return addDays(p.endsOn, rule.dueDays);
}

export const TIMELINESS = ['on_time', 'late', 'missing', 'not_yet_due', 'not_required'] as const;
export type Timeliness = (typeof TIMELINESS)[number];

/**
 * On time: the first version arrived on or before the due date (a later correction does not make
 * a report late). Late: it arrived after. Missing: none yet and the due date has passed. Not yet
 * due: none yet, due date today or later. Not required: no rule asks for it (a report that came
 * anyway counts as on time).
 */
export function timeliness(
  dueOn: IsoDate | null,
  firstSubmittedOn: IsoDate | null,
  today: IsoDate,
): Timeliness {
  if (dueOn === null) return firstSubmittedOn === null ? 'not_required' : 'on_time';
  if (firstSubmittedOn !== null) return firstSubmittedOn <= dueOn ? 'on_time' : 'late';
  return today > dueOn ? 'missing' : 'not_yet_due';
}

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

/** The sum of a section's lines, contra lines subtracted. */
export function sectionTotal(
  balanceSheet: Record<BalanceSheetLine, Figure>,
  section: StatementSection,
): bigint {
  let total = 0n;
  for (const l of BALANCE_SHEET_LINES as readonly LineDefinition<
    BalanceSheetLine,
    StatementSection
  >[])
    if (l.section === section)
      total += l.contra ? -balanceSheet[l.key].rupiah : balanceSheet[l.key].rupiah;
  return total;
}

/** Income totals from the lines: pendapatan, beban, SHU before and after tax. */
export function incomeTotalsOf(
  lines: Record<IncomeStatementLine, Figure>,
): CooperativeReport['incomeTotals'] {
  let pendapatan = 0n;
  let beban = 0n;
  for (const l of INCOME_STATEMENT_LINES)
    if (l.section === 'pendapatan') pendapatan += lines[l.key].rupiah;
    else beban += lines[l.key].rupiah;
  return {
    pendapatan,
    beban,
    shuSebelumPajak: pendapatan - (beban - lines.bebanPajak.rupiah),
    shuSetelahPajak: pendapatan - beban,
  };
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
