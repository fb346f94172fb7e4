import * as repo from '../db/dashboard.repo.js';
import { percentOf } from '../domain/accounting/ratios.js';
import {
  businessDateWib,
  monthOrdinal,
  yearMonthFromOrdinal,
  yearMonthOf,
  type IsoDate,
} from '../domain/calendar.js';
import { nplPercent } from '../domain/loans/npl.js';
import { inOrg, type Deps, type OrgContext } from './context.js';

/**
 * The manager's dashboard (Beranda): the cooperative at a glance with a trend over the last
 * twelve months. Every figure is read from the ledger (maintained account balances, the journal)
 * or the books (members, loans, cash sessions) in one read transaction; docs/dashboard.md says
 * where each comes from.
 */

export const SAVINGS_KINDS = ['pokok', 'wajib', 'sukarela', 'berjangka'] as const;
export type SavingsKind = (typeof SAVINGS_KINDS)[number];
export const COLLECTIBILITY_CLASSES = ['L', 'KL', 'D', 'M'] as const;
export type Collectibility = (typeof COLLECTIBILITY_CLASSES)[number];

/** The ledger roles whose balances make up each savings kind (wadiah and mudharabah included). */
const SAVINGS_ROLES: Record<SavingsKind, readonly string[]> = {
  pokok: ['simpananPokok'],
  wajib: ['simpananWajib'],
  sukarela: ['savingsSukarela', 'savingsMudharabah'],
  berjangka: ['savingsBerjangka'],
};
const CASH_ROLES = ['cash', 'bank'] as const;
const TREND_MONTHS = 12;

export interface DashboardView {
  asOf: IsoDate;
  /** the trend's months, oldest first; the last is the month of `asOf` */
  months: string[];
  members: {
    members: number;
    joinedThisMonth: number;
    leftThisMonth: number;
    byStatus: { status: string; members: number }[];
    trend: { month: string; members: number; joined: number; left: number }[];
  };
  savings: {
    totalRupiah: bigint;
    byKind: { kind: SavingsKind; balanceRupiah: bigint }[];
    trend: ({ month: string } & Record<SavingsKind, bigint>)[];
  };
  loans: {
    activeLoans: number;
    outstandingRupiah: bigint;
    nonPerformingRupiah: bigint;
    nplPercent: string;
    byClass: { collectibility: Collectibility; loans: number; outstandingRupiah: bigint }[];
    /** closed month-ends from the provisioning record, and the month of `asOf` from the live book */
    trend: { month: string; outstandingRupiah: bigint | null; nplPercent: string | null }[];
  };
  cash: {
    cashRupiah: bigint;
    bankRupiah: bigint;
    trend: { month: string; cashRupiah: bigint; bankRupiah: bigint }[];
  };
  liquidity: {
    cashAndBankRupiah: bigint;
    currentLiabilitiesRupiah: bigint;
    /** rasio kas = (kas + bank) / kewajiban lancar, percent; null without current liabilities */
    cashRatioPercent: string | null;
    trend: { month: string; cashRatioPercent: string | null }[];
  };
  shu: {
    year: number;
    incomeRupiah: bigint;
    expenseRupiah: bigint;
    shuRupiah: bigint;
    /** each month's income and expenses, and the year's SHU so far at its end (restarts in January) */
    trend: {
      month: string;
      incomeRupiah: bigint;
      expenseRupiah: bigint;
      shuYearToDateRupiah: bigint;
    }[];
  };
  counter: {
    date: IsoDate;
    sessionsOpen: number;
    sessionsClosed: number;
    transactions: number;
    cashInRupiah: bigint;
    cashOutRupiah: bigint;
    byKind: { kind: string; transactions: number; cashInRupiah: bigint; cashOutRupiah: bigint }[];
  };
}

const sum = (xs: readonly bigint[]) => xs.reduce((a, b) => a + b, 0n);
const isNonPerforming = (c: string) => c !== 'L';

/** The dashboard as of `asOf` (default: today's business date in WIB). */
export async function dashboard(
  deps: Deps,
  ctx: OrgContext,
  options: { asOf?: IsoDate } = {},
): Promise<DashboardView> {
  const asOf = options.asOf ?? businessDateWib(deps.clock());
  const last = monthOrdinal(yearMonthOf(asOf));
  const months = Array.from({ length: TREND_MONTHS }, (_, i) =>
    yearMonthFromOrdinal(last - TREND_MONTHS + 1 + i),
  );
  const window = { fromPeriod: months[0]!, toPeriod: months.at(-1)! };
  const roles = [...Object.values(SAVINGS_ROLES).flat(), ...CASH_ROLES];
  const coop = ctx.organizationId;

  const read = await inOrg(deps, ctx, async ({ tx }) => ({
    balances: await repo.monthEndBalances(tx, coop, window, roles),
    results: await repo.monthlyIncomeAndExpenses(tx, coop, window),
    members: await repo.monthlyMembers(tx, coop, window),
    byStatus: await repo.membersByStatus(tx, coop),
    loansNow: await repo.loansByClass(tx, coop),
    loansMonthEnd: await repo.monthEndLoansByClass(tx, coop, window),
    counter: await repo.counterDay(tx, coop, asOf),
  }));

  // balances per month and key; liabilities and equity are credit balances, shown positive
  const balance = new Map<string, bigint>();
  for (const b of read.balances) balance.set(`${b.period}|${b.key}`, b.debitBalanceRupiah);
  const debit = (month: string, key: string) => balance.get(`${month}|${key}`) ?? 0n;
  const credit = (month: string, keys: readonly string[]) => -sum(keys.map((k) => debit(month, k)));

  const savingsTrend = months.map((month) => ({
    month,
    pokok: credit(month, SAVINGS_ROLES.pokok),
    wajib: credit(month, SAVINGS_ROLES.wajib),
    sukarela: credit(month, SAVINGS_ROLES.sukarela),
    berjangka: credit(month, SAVINGS_ROLES.berjangka),
  }));
  const cashTrend = months.map((month) => ({
    month,
    cashRupiah: debit(month, 'cash'),
    bankRupiah: debit(month, 'bank'),
  }));
  const liabilities = (month: string) => credit(month, ['currentLiabilities']);
  const ratio = (month: string, c: { cashRupiah: bigint; bankRupiah: bigint }) => {
    const cashAndBank = c.cashRupiah + c.bankRupiah;
    const owed = liabilities(month);
    return cashAndBank < 0n || owed < 0n ? null : percentOf(cashAndBank, owed);
  };

  let ytd = 0n;
  const shuTrend = read.results.map((r) => {
    if (r.period.endsWith('-01')) ytd = 0n;
    ytd += r.incomeRupiah - r.expenseRupiah;
    return {
      month: r.period,
      incomeRupiah: r.incomeRupiah,
      expenseRupiah: r.expenseRupiah,
      shuYearToDateRupiah: ytd,
    };
  });
  const year = Number(asOf.slice(0, 4));
  const thisYear = read.results.filter((r) => r.period.startsWith(`${year}-`));
  const income = sum(thisYear.map((r) => r.incomeRupiah));
  const expense = sum(thisYear.map((r) => r.expenseRupiah));

  const byClass = COLLECTIBILITY_CLASSES.map((c) => {
    const row = read.loansNow.find((x) => x.collectibility === c);
    return {
      collectibility: c,
      loans: row?.loans ?? 0,
      outstandingRupiah: row?.outstandingRupiah ?? 0n,
    };
  });
  const outstanding = sum(byClass.map((c) => c.outstandingRupiah));
  const nonPerforming = sum(
    byClass.filter((c) => isNonPerforming(c.collectibility)).map((c) => c.outstandingRupiah),
  );
  const loansTrend = months.map((month) => {
    if (month === window.toPeriod)
      return {
        month,
        outstandingRupiah: outstanding,
        nplPercent: nplPercent(nonPerforming, outstanding),
      };
    const rows = read.loansMonthEnd.filter((x) => x.period === month);
    if (rows.length === 0) return { month, outstandingRupiah: null, nplPercent: null };
    const total = sum(rows.map((x) => x.outstandingRupiah));
    const bad = sum(
      rows.filter((x) => isNonPerforming(x.collectibility)).map((x) => x.outstandingRupiah),
    );
    return { month, outstandingRupiah: total, nplPercent: nplPercent(bad, total) };
  });

  const memberNow = read.members.at(-1);
  const cashNow = cashTrend.at(-1)!;
  const savingsNow = savingsTrend.at(-1)!;
  const kinds = read.counter.kinds;
  return {
    asOf,
    months,
    members: {
      members: memberNow?.members ?? 0,
      joinedThisMonth: memberNow?.joined ?? 0,
      leftThisMonth: memberNow?.left ?? 0,
      byStatus: read.byStatus,
      trend: read.members.map((m) => ({
        month: m.period,
        members: m.members,
        joined: m.joined,
        left: m.left,
      })),
    },
    savings: {
      totalRupiah: sum(SAVINGS_KINDS.map((k) => savingsNow[k])),
      byKind: SAVINGS_KINDS.map((kind) => ({ kind, balanceRupiah: savingsNow[kind] })),
      trend: savingsTrend,
    },
    loans: {
      activeLoans: byClass.reduce((n, c) => n + c.loans, 0),
      outstandingRupiah: outstanding,
      nonPerformingRupiah: nonPerforming,
      nplPercent: nplPercent(nonPerforming, outstanding),
      byClass,
      trend: loansTrend,
    },
    cash: { cashRupiah: cashNow.cashRupiah, bankRupiah: cashNow.bankRupiah, trend: cashTrend },
    liquidity: {
      cashAndBankRupiah: cashNow.cashRupiah + cashNow.bankRupiah,
      currentLiabilitiesRupiah: liabilities(window.toPeriod),
      cashRatioPercent: ratio(window.toPeriod, cashNow),
      trend: cashTrend.map((c) => ({ month: c.month, cashRatioPercent: ratio(c.month, c) })),
    },
    shu: {
      year,
      incomeRupiah: income,
      expenseRupiah: expense,
      shuRupiah: income - expense,
      trend: shuTrend,
    },
    counter: {
      date: asOf,
      sessionsOpen: read.counter.sessionsOpen,
      sessionsClosed: read.counter.sessionsClosed,
      transactions: kinds.reduce((n, k) => n + k.transactions, 0),
      cashInRupiah: sum(kinds.map((k) => k.cashInRupiah)),
      cashOutRupiah: sum(kinds.map((k) => k.cashOutRupiah)),
      byKind: kinds.map((k) => ({
        kind: k.sourceType,
        transactions: k.transactions,
        cashInRupiah: k.cashInRupiah,
        cashOutRupiah: k.cashOutRupiah,
      })),
    },
  };
}
