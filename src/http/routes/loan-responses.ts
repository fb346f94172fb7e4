import { z } from 'zod';
import { rupiahOut } from './responses.js';

/** Response schemas of the loan routes (loans.ts): the views in src/services/loans/. */

const akad = z.enum(['conventional', 'murabahah', 'ijarah', 'qardh']);

/** services/loans/products.ts's productView. */
export const loanProductSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  akad,
  method: z.enum(['flat', 'effective', 'annuity', 'murabahah', 'ijarah', 'qardh']),
  ratePercent: z.string(),
  ratePeriod: z.enum(['day', 'week', 'month', 'year']),
  frequency: z.enum(['monthly', 'weekly', 'daily']),
  minAmountRupiah: rupiahOut,
  maxAmountRupiah: rupiahOut,
  minTenor: z.number().int(),
  maxTenor: z.number().int(),
  provisiBps: z.number().int(),
  adminFeeRupiah: rupiahOut,
  gracePrincipalPeriods: z.number().int(),
  downPaymentBps: z.number().int(),
  penaltyKind: z.enum(['none', 'daily_percent', 'fixed']),
  penaltyDailyPercent: z.string(),
  penaltyFixedRupiah: rupiahOut,
  penaltyGraceDays: z.number().int(),
  penaltyCappedAtInstalment: z.boolean(),
  earlyPayoffRule: z.enum([
    'interest_to_date',
    'months_interest',
    'percent_penalty',
    'remaining_margin',
  ]),
  earlyPayoffMonths: z.number().int(),
  earlyPayoffBps: z.number().int(),
  deferralInterestRule: z.enum(['paused', 'accrue_spread', 'paid']),
  restructureProbationInstalments: z.number().int(),
  active: z.boolean(),
});

/** services/loans/applications.ts's applicationView. */
export const loanApplicationSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  productId: z.string(),
  amountRupiah: rupiahOut,
  tenor: z.number().int(),
  purpose: z.string(),
  /** the collateral items as submitted */
  collateral: z.unknown(),
  collateralValueRupiah: rupiahOut,
  guarantor: z.unknown(),
  monthlyIncomeRupiah: rupiahOut,
  monthlyExpensesRupiah: rupiahOut,
  repaymentCapacityRupiah: rupiahOut,
  analysisNotes: z.string().nullable(),
  recommendation: z.enum(['approve', 'reject']).nullable(),
  topUpOf: z.string().nullable(),
  autoDebit: z.boolean(),
  status: z.string(),
  approvalId: z.string().nullable(),
  createdAt: z.string(),
});

/** services/loans/reading.ts's loanView. */
export const loanSchema = z.object({
  id: z.string(),
  loanNumber: z.string(),
  memberId: z.string(),
  productId: z.string(),
  akad,
  method: z.string(),
  ratePercent: z.string(),
  ratePeriod: z.string(),
  frequency: z.enum(['monthly', 'weekly', 'daily']),
  tenor: z.number().int(),
  principalRupiah: rupiahOut,
  marginTotalRupiah: rupiahOut,
  disbursedOn: z.string(),
  maturityOn: z.string(),
  status: z.enum(['active', 'paid_off', 'written_off']),
  scheduleVersion: z.number().int(),
  outstandingPrincipalRupiah: rupiahOut,
  outstandingInterestRupiah: rupiahOut,
  accruedInterestRupiah: rupiahOut,
  penaltyDueRupiah: rupiahOut,
  daysPastDue: z.number().int(),
  collectibility: z.enum(['L', 'KL', 'D', 'M']),
  restructureCount: z.number().int(),
  autoDebit: z.boolean(),
});

export const nplSchema = z.object({
  totalRupiah: rupiahOut,
  problemRupiah: rupiahOut,
  /** problem share of the outstanding, in basis points */
  nplBps: z.number().int(),
});
