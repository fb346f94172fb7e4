/**
 * The loan rules the services apply: schedule, allocation, early payoff.
 *
 * INTERIM PORT. The pure loans domain (src/domain/loans/*, another engineer's work) had not landed
 * when the services were built; this file is the one seam the services call, kept small and exact
 * (bigint rupiah, rates as exact decimal strings) so it can delegate to src/domain/loans once it
 * exists. Rounding follows loans.md: each instalment's interest half-up to whole rupiah, principal
 * parts floored, every remainder on the last instalment, so columns sum exactly.
 */
import { strict as assert } from 'node:assert';

export type LoanMethod = 'flat' | 'effective' | 'annuity' | 'murabahah' | 'ijarah' | 'qardh';
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
interface Ratio {
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
export function periodRate(ratePercent: string, ratePeriod: RatePeriod, frequency: Frequency): Ratio {
  const p = parseDecimal(ratePercent);
  if (SAME[frequency] === ratePeriod) return { num: p.num, den: p.den * 100n };
  // via the yearly rate: monthly 1.5 % = 18 % a year = 18/52 % a week
  return {
    num: p.num * RATE_PERIODS_PER_YEAR[ratePeriod],
    den: p.den * 100n * PERIODS_PER_YEAR[frequency],
  };
}

/** round half up of num/den for num >= 0 */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  assert(den > 0n && num >= 0n);
  return (num * 2n + den) / (den * 2n);
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Date k periods after start; a day that does not exist in the month moves to its last day. */
export function dueDate(start: string, frequency: Frequency, k: number): string {
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7));
  const d = Number(start.slice(8, 10));
  if (frequency === 'monthly') {
    const total = m - 1 + k;
    const yy = y + Math.floor(total / 12);
    const mm = (total % 12) + 1;
    const dd = Math.min(d, daysInMonth(yy, mm));
    return `${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
  }
  const days = frequency === 'weekly' ? 7 * k : k;
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The full schedule; principal column sums to P, interest column to the total interest/margin. */
export function buildSchedule(t: ScheduleTerms): Instalment[] {
  assert(t.tenor >= 1 && t.tenor <= MAX_TENOR, 'tenor out of range');
  assert(t.principalRupiah > 0n, 'principal must be positive');
  const n = t.tenor;
  const grace = Math.min(Math.max(t.gracePrincipalPeriods, 0), n - 1);
  const amortising = BigInt(n - grace);
  const P = t.principalRupiah;
  const r = t.method === 'qardh' ? { num: 0n, den: 1n } : periodRate(t.ratePercent, t.ratePeriod, t.frequency);
  const out: Instalment[] = [];
  const principalPart = (k: number, paid: bigint) =>
    k <= grace ? 0n : k === n ? P - paid : P / amortising;

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
      out.push({ instalmentNo: k, dueOn: dueDate(t.startDate, t.frequency, k), principalRupiah: principal, interestRupiah: interest });
    }
    return out;
  }

  if (t.method === 'effective') {
    let paid = 0n;
    for (let k = 1; k <= n; k++) {
      const interest = roundHalfUp((P - paid) * r.num, r.den);
      const principal = principalPart(k, paid);
      paid += principal;
      out.push({ instalmentNo: k, dueOn: dueDate(t.startDate, t.frequency, k), principalRupiah: principal, interestRupiah: interest });
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
    out.push({ instalmentNo: k, dueOn: dueDate(t.startDate, t.frequency, k), principalRupiah: principal, interestRupiah: interest });
  }
  return out;
}

export interface Due {
  instalmentNo: number;
  penaltyRupiah: bigint;
  interestRupiah: bigint;
  principalRupiah: bigint;
}
export interface Allocation {
  instalmentNo: number;
  penaltyRupiah: bigint;
  interestRupiah: bigint;
  principalRupiah: bigint;
}

/**
 * Allocation order (loans.md): penalties first (oldest instalment first), then per instalment,
 * oldest first, interest/margin then principal. Returns the parts and what is left over.
 * Every part is between 0 and what is owed on it.
 */
export function allocatePayment(amountRupiah: bigint, dues: readonly Due[]): { parts: Allocation[]; leftRupiah: bigint } {
  assert(amountRupiah >= 0n);
  let left = amountRupiah;
  const parts = new Map<number, Allocation>();
  const sorted = [...dues].sort((a, b) => a.instalmentNo - b.instalmentNo);
  const part = (no: number) => {
    let p = parts.get(no);
    if (!p) {
      p = { instalmentNo: no, penaltyRupiah: 0n, interestRupiah: 0n, principalRupiah: 0n };
      parts.set(no, p);
    }
    return p;
  };
  const take = (owed: bigint) => {
    const t = owed < left ? owed : left;
    left -= t;
    return t > 0n ? t : 0n;
  };
  for (const d of sorted) if (d.penaltyRupiah > 0n && left > 0n) part(d.instalmentNo).penaltyRupiah = take(d.penaltyRupiah);
  for (const d of sorted) {
    if (left === 0n) break;
    if (d.interestRupiah > 0n) part(d.instalmentNo).interestRupiah = take(d.interestRupiah);
    if (d.principalRupiah > 0n && left > 0n) part(d.instalmentNo).principalRupiah = take(d.principalRupiah);
  }
  return { parts: [...parts.values()].sort((a, b) => a.instalmentNo - b.instalmentNo), leftRupiah: left };
}

/** Fees deducted at disbursement: provisi (bps of principal, half-up) and the fixed admin fee. */
export function disbursementFees(principalRupiah: bigint, provisiBps: number, adminFeeRupiah: bigint) {
  const provisi = roundHalfUp(principalRupiah * BigInt(provisiBps), 10_000n);
  return { provisiRupiah: provisi, adminFeeRupiah, totalRupiah: provisi + adminFeeRupiah };
}

export type Collectibility = 'L' | 'KL' | 'D' | 'M';
export const COLLECTIBILITY_ORDER: readonly Collectibility[] = ['L', 'KL', 'D', 'M'];

/** Default day-bands (loans.md: monthly Lancar 0–90, KL 91–180, D 181–270, Macet > 270). */
export const DEFAULT_BANDS: Record<Frequency, { kl: number; d: number; m: number }> = {
  monthly: { kl: 91, d: 181, m: 271 },
  weekly: { kl: 29, d: 57, m: 85 },
  daily: { kl: 15, d: 29, m: 43 },
};
/** Default PPAP rates per class, basis points (0.5 % / 10 % / 50 % / 100 %). */
export const DEFAULT_PROVISION_BPS: Record<Collectibility, number> = { L: 50, KL: 1000, D: 5000, M: 10000 };
