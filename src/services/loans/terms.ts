/**
 * The loan rules the services apply: schedule, allocation, early payoff.
 *
 * The schedule (methods, rates, due dates, deferral) is the pure src/domain/loans/schedule.ts,
 * re-exported here; this file is the one seam the services call. Allocation, fees and the
 * collectibility defaults are still kept here (bigint rupiah). Rounding follows loans.md: each
 * instalment's interest half-up to whole rupiah, principal parts floored, every remainder on the
 * last instalment, so columns sum exactly.
 */
import { strict as assert } from 'node:assert';
import { roundHalfUp, type Frequency } from '../../domain/loans/schedule.js';

// The schedule itself lives in the pure domain module; re-exported so the services keep one seam.
export {
  buildDeferredSchedule,
  buildSchedule,
  dueDate,
  MAX_TENOR,
  parseDecimal,
  periodRate,
  roundHalfUp,
  summariseSchedule,
} from '../../domain/loans/schedule.js';
export type {
  Deferral,
  DeferralInterestRule,
  DeferredSchedule,
  Frequency,
  Instalment,
  LoanMethod,
  RatePeriod,
  Ratio,
  ScheduleTerms,
} from '../../domain/loans/schedule.js';

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
