/**
 * The loan rules the services apply, re-exported from the pure domain modules so the services
 * have one seam: the schedule (src/domain/loans/schedule.ts), the payment allocation
 * (payment-allocation.ts) and the disbursement fees (fees.ts). The month-end's rules (denda,
 * collectibility, PPAP) are src/domain/loans/penalty.ts and collectibility.ts.
 */
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
export {
  allocatePayment,
  type Allocation,
  type Due,
} from '../../domain/loans/payment-allocation.js';
export { disbursementFees } from '../../domain/loans/fees.js';
