import type { ProductInput } from './products.js';

/**
 * The terms a loan product has unless it says otherwise, the same the product form fills in:
 * monthly instalments, no fees, no grace or down payment, no penalty (capped at the instalment once
 * there is one), interest to date on early payoff, deferred interest spread over the remaining
 * instalments and three on-time instalments of probation after a restructuring.
 */
export const LOAN_PRODUCT_DEFAULTS = {
  frequency: 'monthly',
  provisiBps: 0,
  adminFeeRupiah: 0n,
  gracePrincipalPeriods: 0,
  downPaymentBps: 0,
  penaltyKind: 'none',
  penaltyDailyPercent: '0',
  penaltyFixedRupiah: 0n,
  penaltyGraceDays: 0,
  penaltyCappedAtInstalment: true,
  earlyPayoffRule: 'interest_to_date',
  earlyPayoffMonths: 0,
  earlyPayoffBps: 0,
  deferralInterestRule: 'accrue_spread',
  restructureProbationInstalments: 3,
} as const satisfies Partial<ProductInput>;
