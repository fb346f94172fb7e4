/**
 * Loan and financing schedules (docs/domain/loans.md "Schedules", with its rounding rule,
^ * "Restructuring, deferral and relief"). Pure: no I/O, no clock; bigint rupiah, rates as exact
 * decimal strings.
 *
 * Rounding (loans.md, one rule): each instalment's interest half-up to whole rupiah, principal parts
 * floored, every remainder on the last instalment, so the principal column sums exactly to P and
 * the interest column to the total interest/margin.
 */
import { strict as assert } from 'node:assert';
import { roundHalfUp } from '../money.js';
import { addDays, addMonthsClamped } from '../calendar.js';

export type LoanMethod =
  | 'flat'
  | 'effective'
  | 'annuity'
  | 'murabahah'
  | 'ijarah'
  | 'qardh'
  // profit sharing (docs/domain/sharia-financing.md): principal only; the bagi hasil of a period
  // is added when its report is approved
  | 'mudharabah'
  | 'musyarakah';
export type Frequency = 'monthly' | 'weekly' | 'daily';
export type RatePeriod = 'day' | 'week' | 'month' | 'year';

export interface ScheduleTerms {
  method: LoanMethod;
  principalRupiah: bigint;
  /** percent per ratePeriod, exact decimal text ('1.5', '18', '0.000000') */
  ratePercent: string;
  ratePeriod: RatePeriod;
  frequency: Frequency;
  tenor: number;
  /** first instalments that carry interest only */
  gracePrincipalPeriods: number;
  /** 'YYYY-MM-DD': instalment k falls k periods after it */
  startDate: string;
}

export interface Instalment {
  instalmentNo: number;
  dueOn: string;
  principalRupiah: bigint;
  interestRupiah: bigint;
}

export const MAX_TENOR = 1000;

/** An exact rational num/den with den > 0. */
export interface Ratio {
  num: bigint;
  den: bigint;
}

/** '1.5' -> 15/10; refuses anything but a plain non-negative decimal. */
export function parseDecimal(text: string): Ratio {
  const m = /^([0-9]{1,6})(?:\.([0-9]{1,8}))?$/.exec(text.trim());
  assert(m, `not a decimal: ${text}`);
  const frac = m[2] ?? '';
  return { num: BigInt((m[1] ?? '0') + frac), den: 10n ** BigInt(frac.length) };
}

const PERIODS_PER_YEAR: Record<Frequency, bigint> = { monthly: 12n, weekly: 52n, daily: 365n };
const RATE_PERIODS_PER_YEAR: Record<RatePeriod, bigint> = {
  year: 1n,
  month: 12n,
  week: 52n,
  day: 365n,
};
const SAME: Record<Frequency, RatePeriod> = { monthly: 'month', weekly: 'week', daily: 'day' };

/** The rate per instalment period as an exact fraction (percent / 100). */
export function periodRate(
  ratePercent: string,
  ratePeriod: RatePeriod,
  frequency: Frequency,
): Ratio {
  const p = parseDecimal(ratePercent);
  if (SAME[frequency] === ratePeriod) return { num: p.num, den: p.den * 100n };
  // via the yearly rate: monthly 1.5 % = 18 % a year = 18/52 % a week
  return {
    num: p.num * RATE_PERIODS_PER_YEAR[ratePeriod],
    den: p.den * 100n * PERIODS_PER_YEAR[frequency],
  };
}

// rounding of rupiah is src/domain/money.ts's; re-exported for the loan modules' callers
export { roundHalfUp };

/** Date k periods after start; a day that does not exist in the month moves to its last day. */
export function dueDate(start: string, frequency: Frequency, k: number): string {
  if (frequency === 'monthly') return addMonthsClamped(start, k);
  return addDays(start, frequency === 'weekly' ? 7 * k : k);
}

/** Sharia contracts: the agreed margin/ujrah never grows (loans.md "Sharia financing"). */
export function isSharia(method: LoanMethod): boolean {
  return (
    method === 'murabahah' ||
    method === 'ijarah' ||
    method === 'qardh' ||
    method === 'mudharabah' ||
    method === 'musyarakah'
  );
}

/** The full schedule; principal column sums to P, interest column to the total interest/margin. */
export function buildSchedule(t: ScheduleTerms): Instalment[] {
  assert(t.tenor >= 1 && t.tenor <= MAX_TENOR, 'tenor out of range');
  assert(t.principalRupiah > 0n, 'principal must be positive');
  const n = t.tenor;
  const grace = Math.min(Math.max(t.gracePrincipalPeriods, 0), n - 1);
  const amortising = BigInt(n - grace);
  const P = t.principalRupiah;
  const r =
    t.method === 'qardh' || t.method === 'mudharabah' || t.method === 'musyarakah'
      ? { num: 0n, den: 1n }
      : periodRate(t.ratePercent, t.ratePeriod, t.frequency);
  const out: Instalment[] = [];
  const principalPart = (k: number, paid: bigint) =>
    k <= grace ? 0n : k === n ? P - paid : P / amortising;
  const instalmentAt = (k: number, principal: bigint, interest: bigint): Instalment => ({
    instalmentNo: k,
    dueOn: dueDate(t.startDate, t.frequency, k),
    principalRupiah: principal,
    interestRupiah: interest,
  });

  if (t.method === 'annuity' && r.num > 0n) {
    // A = P·r / (1 − (1+r)^−m) over the m amortising instalments; interest on the outstanding
    const m = n - grace;
    const pow = (r.den + r.num) ** BigInt(m);
    const denPow = r.den ** BigInt(m);
    const instalment = roundHalfUp(P * r.num * pow, r.den * (pow - denPow));
    let outstanding = P;
    for (let k = 1; k <= n; k++) {
      const interest = roundHalfUp(outstanding * r.num, r.den);
      let principal = k <= grace ? 0n : instalment - interest;
      if (k === n || principal > outstanding) principal = outstanding;
      if (principal < 0n) principal = 0n;
      outstanding -= principal;
      out.push(instalmentAt(k, principal, interest));
    }
    return out;
  }

  if (t.method === 'effective') {
    let paid = 0n;
    for (let k = 1; k <= n; k++) {
      const interest = roundHalfUp((P - paid) * r.num, r.den);
      const principal = principalPart(k, paid);
      paid += principal;
      out.push(instalmentAt(k, principal, interest));
    }
    return out;
  }

  // flat, murabahah, ijarah (ujrah), qardh: total interest/margin P·r·n spread evenly, remainder last
  const total = roundHalfUp(P * r.num * BigInt(n), r.den);
  const each = total / BigInt(n);
  let paid = 0n;
  for (let k = 1; k <= n; k++) {
    const principal = principalPart(k, paid);
    paid += principal;
    const interest = k === n ? total - each * BigInt(n - 1) : each;
    out.push(instalmentAt(k, principal, interest));
  }
  return out;
}

/**
 * What happens to the interest of a payment holiday (loans.md "Deferral"):
 * - 'capitalise': added to the principal at the end of the holiday; the schedule repays it;
 * - 'accrue-to-end': owed, added to the interest of the last instalment;
 * - 'waive': forgiven.
 */
export type DeferralInterestRule = 'capitalise' | 'accrue-to-end' | 'waive';
export const DEFERRAL_INTEREST_RULES: readonly DeferralInterestRule[] = [
  'capitalise',
  'accrue-to-end',
  'waive',
];

export interface Deferral {
  /** payment holiday (penundaan angsuran) of this many instalment periods right after startDate */
  periods: number;
  interestRule: DeferralInterestRule;
}

export interface DeferredSchedule {
  /** principal the schedule repays: the loan's principal plus any capitalised holiday interest */
  principalRupiah: bigint;
  /** simple interest of the holiday, one period's interest on P (half-up) per holiday period;
   *  0 for sharia contracts, whose margin never grows */
  holidayInterestRupiah: bigint;
  /** the tenor's instalments, numbered 1..n, each due `periods` periods later than without the
   *  holiday; nothing falls due during the holiday */
  instalments: Instalment[];
}

/**
 * A schedule that starts with a payment holiday of N periods: no instalment falls due during it,
 * the tenor's instalments follow (the first N + 1 periods after startDate), and the holiday's
 * interest is capitalised, accrued to the last instalment or waived. Grace on principal, if any,
 * runs after the holiday.
 */
export function buildDeferredSchedule(t: ScheduleTerms, d: Deferral): DeferredSchedule {
  assert(
    Number.isInteger(d.periods) && d.periods >= 0 && d.periods <= MAX_TENOR,
    'deferral out of range',
  );
  const r = isSharia(t.method)
    ? { num: 0n, den: 1n }
    : periodRate(t.ratePercent, t.ratePeriod, t.frequency);
  const holiday = roundHalfUp(t.principalRupiah * r.num, r.den) * BigInt(d.periods);
  const principal =
    d.interestRule === 'capitalise' ? t.principalRupiah + holiday : t.principalRupiah;
  const base = buildSchedule({ ...t, principalRupiah: principal });
  const last = base.length;
  const instalments = base.map((row) => ({
    ...row,
    // from the original start, so a 31st stays the month's last day rather than drifting
    dueOn: dueDate(t.startDate, t.frequency, d.periods + row.instalmentNo),
    interestRupiah:
      d.interestRule === 'accrue-to-end' && row.instalmentNo === last
        ? row.interestRupiah + holiday
        : row.interestRupiah,
  }));
  return { principalRupiah: principal, holidayInterestRupiah: holiday, instalments };
}

export interface ScheduleRow extends Instalment {
  totalRupiah: bigint;
  /** principal still owed after this instalment */
  remainingRupiah: bigint;
}

export interface ScheduleSummary {
  rows: ScheduleRow[];
  principalRupiah: bigint;
  interestRupiah: bigint;
  totalRupiah: bigint;
}

/** Per-row totals and remaining principal, and the column totals, for display. */
export function summariseSchedule(
  principalRupiah: bigint,
  instalments: readonly Instalment[],
): ScheduleSummary {
  let remaining = principalRupiah;
  let interest = 0n;
  const rows = instalments.map((i) => {
    remaining -= i.principalRupiah;
    interest += i.interestRupiah;
    return { ...i, totalRupiah: i.principalRupiah + i.interestRupiah, remainingRupiah: remaining };
  });
  const principal = principalRupiah - remaining;
  return {
    rows,
    principalRupiah: principal,
    interestRupiah: interest,
    totalRupiah: principal + interest,
  };
}
