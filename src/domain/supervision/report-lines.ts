/**
 * The lines of a cooperative's periodic report to its supervising office (report.ts): the
 * balance sheet and income statement lines every report of every cooperative shares, the loan
 * classes and savings kinds, the report's shape, and the totals of its lines. Money is bigint rupiah.
 */
import type { IsoDate } from '../calendar.js';

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

export interface LineDefinition<K extends string, S extends string> {
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
