/**
 * Baitul maal rules (docs/domain/baitul-maal.md): the social funds of a KSPPS — zakat,
 * infaq/sedekah, wakaf uang and dana kebajikan — are kept apart from the business (tamwil) books.
 * PSAK 101 ¶71–75: zakat funds never cover a loss of the business and are reported per asnaf;
 * fatwa 17/DSN-MUI/IX/2000 and PAPSI: ta'zir and non-halal receipts are dana kebajikan, never
 * income. Pure: the service loads the accounts and balances and asks these functions.
 */
import type { AccountType } from '../accounting/account.js';

export const FUNDS = ['zakat', 'infaq', 'wakaf', 'kebajikan'] as const;
export type Fund = (typeof FUNDS)[number];

/** QS At-Taubah 60: the eight asnaf, the only recipients of zakat. */
export const ASNAF = [
  'fakir',
  'miskin',
  'amil',
  'mualaf',
  'riqab',
  'gharimin',
  'fisabilillah',
  'ibnu_sabil',
] as const;
export type Asnaf = (typeof ASNAF)[number];

export const PURPOSES = [
  'sumbangan_sosial',
  'qardhul_hasan',
  'pendidikan',
  'kesehatan',
  'bencana',
  'ibadah',
  'lainnya',
] as const;
export type Purpose = (typeof PURPOSES)[number];

export const RECEIPT_SOURCES = [
  'member',
  'public',
  'internal',
  'non_halal',
  'wakaf_yield',
  'qardh_repaid',
] as const;
export type ReceiptSource = (typeof RECEIPT_SOURCES)[number];

export const AMIL_STATUSES = ['laz', 'upz', 'none'] as const;
export type AmilStatus = (typeof AMIL_STATUSES)[number];

/** The accounts each fund is given when the cooperative starts its baitul maal. */
export const FUND_ACCOUNTS: Record<
  Fund,
  {
    fund: { code: string; name: string; role: string };
    cash: { code: string; name: string; role: string };
  }
> = {
  zakat: {
    fund: { code: '2131', name: 'Dana zakat', role: 'maalZakat' },
    cash: { code: '1171', name: 'Kas/bank dana zakat', role: 'maalZakatCash' },
  },
  infaq: {
    fund: { code: '2132', name: 'Dana infaq/sedekah', role: 'maalInfaq' },
    cash: { code: '1172', name: 'Kas/bank dana infaq/sedekah', role: 'maalInfaqCash' },
  },
  wakaf: {
    fund: { code: '2133', name: 'Dana wakaf uang', role: 'maalWakaf' },
    cash: { code: '1173', name: 'Kas/bank dana wakaf', role: 'maalWakafCash' },
  },
  // the chart of a KSPPS already has 2120 (role socialFund), where ta'zir is credited
  kebajikan: {
    fund: { code: '2120', name: 'Dana kebajikan (qardhul hasan)', role: 'socialFund' },
    cash: { code: '1174', name: 'Kas/bank dana kebajikan', role: 'maalKebajikanCash' },
  },
};

export type BaitulMaalRuleCode =
  | 'BAITUL_MAAL_TAMWIL_USE_REFUSED'
  | 'BAITUL_MAAL_FUND_INSUFFICIENT'
  | 'BAITUL_MAAL_ASNAF_REQUIRED'
  | 'BAITUL_MAAL_PURPOSE_REQUIRED'
  | 'BAITUL_MAAL_WAKAF_PRINCIPAL'
  | 'BAITUL_MAAL_SOURCE_NOT_ALLOWED';

export type RuleResult = { ok: true } | { ok: false; code: BaitulMaalRuleCode };
const OK: RuleResult = { ok: true };
const refuse = (code: BaitulMaalRuleCode): RuleResult => ({ ok: false, code });

/** The account a receipt or distribution moves cash through, as the service found it. */
export interface CounterAccount {
  type: AccountType;
  /** cash_flow_class = 'cash': Kas, Bank, or a fund's own cash */
  isCash: boolean;
  /** the fund's own cash account, or another fund's */
  ownCashOf: Fund | null;
  /** the account is a fund account (zakat, infaq, wakaf, kebajikan) */
  fundOf: Fund | null;
}

/**
 * The other side of a fund's movement must be cash or bank: never an income or expense account of
 * the business, never another fund, and not another fund's own cash.
 */
export function checkCounterAccount(fund: Fund, a: CounterAccount): RuleResult {
  if (a.type !== 'aset' || !a.isCash || a.fundOf !== null)
    return refuse('BAITUL_MAAL_TAMWIL_USE_REFUSED');
  if (a.ownCashOf !== null && a.ownCashOf !== fund) return refuse('BAITUL_MAAL_TAMWIL_USE_REFUSED');
  return OK;
}

/** Which funds each source may go to: non-halal money and wakaf yield are dana kebajikan. */
export function checkReceipt(fund: Fund, source: ReceiptSource, hasMember: boolean): RuleResult {
  switch (source) {
    case 'member':
      return hasMember ? OK : refuse('BAITUL_MAAL_SOURCE_NOT_ALLOWED');
    case 'public':
      return OK;
    case 'internal':
      return fund === 'zakat' ? OK : refuse('BAITUL_MAAL_SOURCE_NOT_ALLOWED');
    case 'non_halal':
    case 'wakaf_yield':
    case 'qardh_repaid':
      return fund === 'kebajikan' ? OK : refuse('BAITUL_MAAL_SOURCE_NOT_ALLOWED');
  }
}

export interface DistributionRequest {
  fund: Fund;
  asnaf: Asnaf | null;
  purpose: Purpose | null;
  amountRupiah: bigint;
}

/**
 * A distribution: wakaf principal never; zakat only to one of the eight asnaf; infaq and
 * kebajikan with a purpose; never more than the fund holds (its balance before this movement).
 */
export function checkDistribution(r: DistributionRequest, fundBalanceRupiah: bigint): RuleResult {
  if (r.amountRupiah <= 0n) throw new Error('distribution amount must be positive');
  if (r.fund === 'wakaf') return refuse('BAITUL_MAAL_WAKAF_PRINCIPAL');
  if (r.fund === 'zakat' && r.asnaf === null) return refuse('BAITUL_MAAL_ASNAF_REQUIRED');
  if (r.fund !== 'zakat' && r.purpose === null) return refuse('BAITUL_MAAL_PURPOSE_REQUIRED');
  if (r.amountRupiah > fundBalanceRupiah) return refuse('BAITUL_MAAL_FUND_INSUFFICIENT');
  return OK;
}

/** One line of a journal that touches a fund, as checkFundJournal sees it. */
export interface FundJournalLine {
  type: AccountType;
  /** 'fund': a fund account; 'cash': a fund's own cash; null: any other account */
  fundRole: 'fund' | 'cash' | null;
  debitRupiah: bigint;
  creditRupiah: bigint;
}

/**
 * The service's twin of the database trigger journal_lines_baitul_maal (migration 0022): money out
 * of a fund (a debit on the fund account, a credit on the fund's own cash) may not sit in an entry
 * with an income or expense line. Money into a fund is free (ta'zir beside a margin).
 */
export function checkFundJournal(lines: readonly FundJournalLine[]): RuleResult {
  const takesOut = lines.some(
    (l) =>
      (l.fundRole === 'fund' && l.debitRupiah > 0n) ||
      (l.fundRole === 'cash' && l.creditRupiah > 0n),
  );
  const business = lines.some((l) => l.type === 'pendapatan' || l.type === 'beban');
  return takesOut && business ? refuse('BAITUL_MAAL_TAMWIL_USE_REFUSED') : OK;
}

/** A fund's movements over a period, by source and by asnaf or purpose. */
export interface FundMovements {
  openingRupiah: bigint;
  receipts: { key: string; amountRupiah: bigint }[];
  distributions: { key: string; amountRupiah: bigint }[];
}

export interface FundReport {
  openingRupiah: bigint;
  receipts: { key: string; amountRupiah: bigint }[];
  receiptsTotalRupiah: bigint;
  distributions: { key: string; amountRupiah: bigint }[];
  distributionsTotalRupiah: bigint;
  closingRupiah: bigint;
}

/**
 * The laporan sumber dan penyaluran dana zakat / sumber dan penggunaan dana kebajikan (PSAK 101):
 * opening, receipts by source, distributions by asnaf or purpose, closing = opening + receipts −
 * distributions. Keys are sorted and zero rows dropped so two runs print the same.
 */
export function fundReport(m: FundMovements): FundReport {
  const sum = (rows: { amountRupiah: bigint }[]) => rows.reduce((s, r) => s + r.amountRupiah, 0n);
  const tidy = (rows: { key: string; amountRupiah: bigint }[]) => {
    const by = new Map<string, bigint>();
    for (const r of rows) by.set(r.key, (by.get(r.key) ?? 0n) + r.amountRupiah);
    return [...by]
      .filter(([, v]) => v !== 0n)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, amountRupiah]) => ({ key, amountRupiah }));
  };
  const receipts = tidy(m.receipts);
  const distributions = tidy(m.distributions);
  const receiptsTotalRupiah = sum(receipts);
  const distributionsTotalRupiah = sum(distributions);
  return {
    openingRupiah: m.openingRupiah,
    receipts,
    receiptsTotalRupiah,
    distributions,
    distributionsTotalRupiah,
    closingRupiah: m.openingRupiah + receiptsTotalRupiah - distributionsTotalRupiah,
  };
}
