/**
 * Simpanan wajib arrears (tunggakan). savings.md: arrears at date D = (number of periods due from
 * the member's start date, or the product's start, up to and including D's period) × amount in
 * force in each period − total paid. RAT amount changes apply from their effective period.
 * Periods are calendar months; the period containing the start date is due in full.
 */
import { strict as assert } from 'node:assert';
import {
  monthOrdinal,
  parseYearMonth,
  yearMonthFromOrdinal,
  yearMonthOf,
  type IsoDate,
  type YearMonth,
} from '../calendar.js';

/** Periods are months; a membership longer than a century is a data error. */
export const WAJIB_PERIODS_MAX = 1_200;

export interface WajibAmountChange {
  /** The first month the amount is due (a RAT decision's effective period). */
  effectiveFrom: YearMonth;
  amountRupiah: bigint;
}

export interface WajibPayment {
  date: IsoDate;
  amountRupiah: bigint;
}

export interface WajibPeriod {
  yearMonth: YearMonth;
  dueRupiah: bigint;
  /** Paid towards this period, payments applied to the oldest period first. */
  paidRupiah: bigint;
  owedRupiah: bigint;
}

export interface WajibArrears {
  periods: WajibPeriod[];
  totalDueRupiah: bigint;
  /** Payments dated on or before asOf. */
  totalPaidRupiah: bigint;
  /** max(0, due − paid). */
  arrearsRupiah: bigint;
  /** Periods not fully paid (partly paid counts). */
  monthsOwed: number;
  /** max(0, paid − due): paid ahead. */
  advanceRupiah: bigint;
}

/**
 * Arrears as of `asOf`.
 *   first = month of max(memberStartDate, productStartDate); last = month of asOf
 *   due(p) = amount of the latest change with effectiveFrom ≤ p
 *   arrears = Σ_{p=first..last} due(p) − Σ payments dated ≤ asOf
 *   monthsOwed = #{ p : due(p) > 0 and Σ_{q ≤ p} due(q) > total paid }   (oldest paid first)
 * SQL: generate_series over the months, a lateral pick of the amount in force, a running
 * sum(due) over (order by month), then count(*) filter (where running_due > paid).
 */
export function wajibArrears(input: {
  memberStartDate: IsoDate;
  productStartDate: IsoDate;
  amountSchedule: readonly WajibAmountChange[];
  payments: readonly WajibPayment[];
  asOf: IsoDate;
}): WajibArrears {
  const start =
    input.memberStartDate > input.productStartDate ? input.memberStartDate : input.productStartDate;
  const first = monthOrdinal(yearMonthOf(start));
  const last = monthOrdinal(yearMonthOf(input.asOf));
  assert(last - first < WAJIB_PERIODS_MAX, `more than ${WAJIB_PERIODS_MAX} wajib periods`);

  const schedule = [...input.amountSchedule].sort(
    (a, b) => monthOrdinal(a.effectiveFrom) - monthOrdinal(b.effectiveFrom),
  );
  for (const c of schedule) {
    parseYearMonth(c.effectiveFrom);
    assert(c.amountRupiah >= 0n, 'wajib amount is never negative');
  }
  let totalPaidRupiah = 0n;
  for (const p of input.payments) {
    assert(p.amountRupiah > 0n, 'a wajib payment is positive');
    if (p.date <= input.asOf) totalPaidRupiah += p.amountRupiah;
  }

  const periods: WajibPeriod[] = [];
  let unallocated = totalPaidRupiah;
  let totalDueRupiah = 0n;
  let monthsOwed = 0;
  for (let ord = first; ord <= last; ord++) {
    let dueRupiah: bigint | undefined;
    for (const c of schedule) if (monthOrdinal(c.effectiveFrom) <= ord) dueRupiah = c.amountRupiah;
    const yearMonth = yearMonthFromOrdinal(ord);
    assert(dueRupiah !== undefined, `no wajib amount in force in ${yearMonth}`);
    const paidRupiah = unallocated < dueRupiah ? unallocated : dueRupiah;
    unallocated -= paidRupiah;
    totalDueRupiah += dueRupiah;
    const owedRupiah = dueRupiah - paidRupiah;
    if (owedRupiah > 0n) monthsOwed++;
    periods.push({ yearMonth, dueRupiah, paidRupiah, owedRupiah });
  }
  const diff = totalDueRupiah - totalPaidRupiah;
  return {
    periods,
    totalDueRupiah,
    totalPaidRupiah,
    arrearsRupiah: diff > 0n ? diff : 0n,
    monthsOwed,
    advanceRupiah: diff < 0n ? -diff : 0n,
  };
}
