/**
 * Interest on simpanan sukarela for one calendar month (savings.md "Interest on sukarela").
 *
 * Inputs are end-of-day balances, one per day of the month, so the same numbers can come from a
 * SQL daily-balance table. Rates are basis points a year (600n = 6 %). The month's interest is
 * computed exactly as a rational and rounded down once (roundDownToRupiah, savings.md).
 */
import { strict as assert } from 'node:assert';
import {
  daysInYearMonth,
  parseIsoDate,
  parseYearMonth,
  yearMonthOf,
  daysInYear,
  type IsoDate,
  type YearMonth,
} from '../calendar.js';
import type { DayCountConvention, SukarelaProduct } from './product.js';
import { roundDownToRupiah } from './rounding.js';

const BPS = 10_000n;

export interface BalanceMovement {
  date: IsoDate;
  /** Signed: deposits and interest positive, withdrawals and fees negative. */
  amountRupiah: bigint;
}

/**
 * End-of-day balances for each day of `yearMonth`, from the balance at the end of the previous
 * month and the month's movements. SQL: `opening + sum(amount) over (order by day)` on a
 * generate_series of the month's days left-joined to the movements.
 */
export function endOfDayBalances(input: {
  yearMonth: YearMonth;
  openingBalanceRupiah: bigint;
  movements: readonly BalanceMovement[];
}): bigint[] {
  const days = daysInYearMonth(input.yearMonth);
  const perDay = new Array<bigint>(days).fill(0n);
  for (const m of input.movements) {
    assert(
      yearMonthOf(m.date) === input.yearMonth,
      `movement ${m.date} outside ${input.yearMonth}`,
    );
    const i = parseIsoDate(m.date).day - 1;
    perDay[i] = (perDay[i] ?? 0n) + m.amountRupiah;
  }
  let balance = input.openingBalanceRupiah;
  return perDay.map((delta) => (balance += delta));
}

function yearDays(yearMonth: YearMonth, dayCount: DayCountConvention): bigint {
  switch (dayCount) {
    case 'actual/365':
      return 365n;
    case 'actual/actual':
      // A calendar month lies in one year, so actual/actual is that year's length.
      return BigInt(daysInYear(parseYearMonth(yearMonth).year));
  }
}

function checkBalances(yearMonth: YearMonth, balances: readonly bigint[]): void {
  assert(
    balances.length === daysInYearMonth(yearMonth),
    `need one balance per day of ${yearMonth}`,
  );
  for (const b of balances) assert(b >= 0n, 'a sukarela balance is never negative');
}

/**
 * Daily-balance (saldo harian) interest for a month.
 *
 *   interest = floor( Σ_d eligible(b_d) × rateBps / (10000 × Y) )
 *   eligible(b) = b if b ≥ minimumForInterest, else 0
 *   Y = 365 ('actual/365', also in leap years) or days in the month's year ('actual/actual')
 *
 * Summing first and rounding once equals the doc's Σ(b × r × 1/365) without per-day rounding.
 * SQL: floor(sum(case when b >= min_int then b else 0 end)::numeric * rate_bps / (10000 * 365)).
 *
 * Worked example (savings.md): 6 %, 30-day month, Rp 2,000,000 for 10 days then Rp 5,000,000 for
 * 20 days: Σ = 120,000,000 rupiah-days; 120,000,000 × 600 / 3,650,000 = 19,726.03 → Rp 19,726.
 */
export function dailyBalanceInterest(input: {
  yearMonth: YearMonth;
  endOfDayBalancesRupiah: readonly bigint[];
  annualRateBps: bigint;
  minimumBalanceForInterestRupiah: bigint;
  dayCount: DayCountConvention;
}): bigint {
  checkBalances(input.yearMonth, input.endOfDayBalancesRupiah);
  assert(input.annualRateBps >= 0n, 'rate must be non-negative');
  let rupiahDays = 0n;
  for (const b of input.endOfDayBalancesRupiah) {
    if (b >= input.minimumBalanceForInterestRupiah) rupiahDays += b;
  }
  return roundDownToRupiah(
    rupiahDays * input.annualRateBps,
    BPS * yearDays(input.yearMonth, input.dayCount),
  );
}

/**
 * Lowest-balance (saldo terendah) interest for a month.
 *
 *   lowest   = min(opening balance, every end-of-day balance of the month)
 *   interest = lowest ≥ minimumForInterest ? floor(lowest × rateBps / (10000 × 12)) : 0
 *
 * One twelfth of a year whatever the month's length, as savings.md states.
 * SQL: least(opening, min(b)) then floor(lowest::numeric * rate_bps / 120000).
 *
 * Worked example (savings.md): the same month, lowest Rp 2,000,000 at 6 %:
 * 2,000,000 × 600 / 120,000 = Rp 10,000.
 */
export function lowestBalanceInterest(input: {
  yearMonth: YearMonth;
  openingBalanceRupiah: bigint;
  endOfDayBalancesRupiah: readonly bigint[];
  annualRateBps: bigint;
  minimumBalanceForInterestRupiah: bigint;
}): bigint {
  checkBalances(input.yearMonth, input.endOfDayBalancesRupiah);
  assert(input.openingBalanceRupiah >= 0n, 'a sukarela balance is never negative');
  assert(input.annualRateBps >= 0n, 'rate must be non-negative');
  const lowest = input.endOfDayBalancesRupiah.reduce(
    (min, b) => (b < min ? b : min),
    input.openingBalanceRupiah,
  );
  if (lowest < input.minimumBalanceForInterestRupiah) return 0n;
  return roundDownToRupiah(lowest * input.annualRateBps, BPS * 12n);
}

/**
 * The month's gross interest for a sukarela account under its product: the product's method, and
 * nothing while dormant if the product stops interest on dormant accounts.
 */
export function sukarelaMonthInterest(
  product: SukarelaProduct,
  month: {
    yearMonth: YearMonth;
    openingBalanceRupiah: bigint;
    endOfDayBalancesRupiah: readonly bigint[];
    dormant: boolean;
  },
): bigint {
  if (month.dormant && product.dormantStopsInterest) return 0n;
  switch (product.interestMethod) {
    case 'daily-balance':
      return dailyBalanceInterest({
        yearMonth: month.yearMonth,
        endOfDayBalancesRupiah: month.endOfDayBalancesRupiah,
        annualRateBps: product.annualRateBps,
        minimumBalanceForInterestRupiah: product.minimumBalanceForInterestRupiah,
        dayCount: product.dayCount,
      });
    case 'lowest-balance':
      return lowestBalanceInterest({
        yearMonth: month.yearMonth,
        openingBalanceRupiah: month.openingBalanceRupiah,
        endOfDayBalancesRupiah: month.endOfDayBalancesRupiah,
        annualRateBps: product.annualRateBps,
        minimumBalanceForInterestRupiah: product.minimumBalanceForInterestRupiah,
      });
  }
}
