import { z } from 'zod';
import { rupiahOut } from './responses.js';
import { methodEnum } from './loans/common.js';

/** Response schemas of the loan routes (loans.ts): the views in src/services/loans/. */

const akad = z.enum(['conventional', 'murabahah', 'ijarah', 'qardh', 'mudharabah', 'musyarakah']);

/** services/loans/products.ts's productView. */
export const loanProductSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  akad,
  method: methodEnum,
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

/** One instalment of a simulated schedule (services/loans/products.ts's simulateSchedule). */
const simulatedInstalmentSchema = z.object({
  instalmentNo: z.number().int(),
  dueOn: z.string(),
  principalRupiah: rupiahOut,
  interestRupiah: rupiahOut,
  totalRupiah: rupiahOut,
  /** principal left after this instalment */
  remainingRupiah: rupiahOut,
});

/** Simulasi angsuran (services/loans/products.ts's simulateSchedule). */
export const loanSimulationSchema = z.object({
  method: methodEnum,
  principalRupiah: rupiahOut,
  totalInterestRupiah: rupiahOut,
  totalRupiah: rupiahOut,
  provisiRupiah: rupiahOut,
  adminFeeRupiah: rupiahOut,
  netDisbursementRupiah: rupiahOut,
  instalments: z.array(simulatedInstalmentSchema),
});

/** A disbursed loan (services/loans/disbursement.ts's disburse). */
export const disbursementSchema = z.object({
  loanId: z.string(),
  loanNumber: z.string(),
  entryId: z.string(),
  /** what the member received: principal less fees and a settled top-up */
  netRupiah: rupiahOut,
  feesRupiah: rupiahOut,
  settledTopUpRupiah: rupiahOut,
});

/** A loan with every schedule version (services/loans/reading.ts's getLoan). */
export const loanDetailSchema = z.object({
  loan: loanSchema,
  schedules: z.array(
    z.object({
      version: z.number().int(),
      reason: z.string(),
      effectiveOn: z.string(),
      /** the restructuring's parameters (null for the original schedule) */
      params: z.unknown(),
      current: z.boolean(),
      instalments: z.array(
        z.object({
          instalmentNo: z.number().int(),
          dueOn: z.string(),
          principalRupiah: rupiahOut,
          interestRupiah: rupiahOut,
          penaltyRupiah: rupiahOut,
          paidPrincipalRupiah: rupiahOut,
          paidInterestRupiah: rupiahOut,
          paidPenaltyRupiah: rupiahOut,
          paidOn: z.string().nullable(),
        }),
      ),
    }),
  ),
});

/** An angsuran and how it was allocated (services/loans/repayment.ts's repayIn). */
export const repaymentSchema = z.object({
  repaymentId: z.string(),
  entryId: z.string(),
  penaltyRupiah: rupiahOut,
  interestRupiah: rupiahOut,
  principalRupiah: rupiahOut,
  /** KSPPS: paid on ta'widh (charged collection costs) */
  tawidhRupiah: rupiahOut.optional(),
});

/** The report of an auto-debit run (services/loans/auto-debit.ts's AutoDebitRun). */
export const autoDebitRunSchema = z.object({
  date: z.string(),
  /** mandated loans looked at */
  loans: z.number().int(),
  debited: z.array(
    z.object({
      loanId: z.string(),
      loanNumber: z.string(),
      dueRupiah: rupiahOut,
      availableRupiah: rupiahOut,
      amountRupiah: rupiahOut,
      penaltyRupiah: rupiahOut,
      interestRupiah: rupiahOut,
      principalRupiah: rupiahOut,
      /** less than was due: the rest stays overdue */
      partial: z.boolean(),
      repaymentId: z.string(),
      entryId: z.string(),
    }),
  ),
  /** debited by an earlier run on the same date: not debited again */
  alreadyDebited: z.array(
    z.object({
      loanId: z.string(),
      loanNumber: z.string(),
      amountRupiah: rupiahOut,
      repaymentId: z.string(),
    }),
  ),
  skipped: z.array(
    z.object({
      loanId: z.string(),
      loanNumber: z.string(),
      reason: z.enum([
        'SAVINGS_ACCOUNT_NOT_FOUND',
        'SAVINGS_ACCOUNT_BLOCKED',
        'SAVINGS_ACCOUNT_DORMANT',
        'SAVINGS_BELOW_MINIMUM_BALANCE',
      ]),
      dueRupiah: rupiahOut,
      availableRupiah: rupiahOut,
    }),
  ),
  /** nothing due any more when the loan's turn came */
  nothingDue: z.number().int(),
  errors: z.array(
    z.object({ loanId: z.string(), loanNumber: z.string(), code: z.string(), detail: z.string() }),
  ),
  debitedRupiah: rupiahOut,
});

/** Early payoff amount (services/loans/repayment.ts's quotePayoff). */
export const payoffQuoteSchema = z.object({
  amountRupiah: rupiahOut,
  penaltyRupiah: rupiahOut,
  interestRupiah: rupiahOut,
  principalRupiah: rupiahOut,
  /** interest or margin the payoff rule lets go */
  forgoneRupiah: rupiahOut,
  /** KSPPS: charged ta'widh still owed, settled with the payoff (in amountRupiah) */
  tawidhRupiah: rupiahOut.optional(),
});

/** Pelunasan dipercepat done (services/loans/repayment.ts's earlyPayoff). */
export const payoffSchema = z.object({
  amountRupiah: rupiahOut,
  entryId: z.string(),
  forgoneRupiah: rupiahOut,
});

/** A recovery on a written-off loan (services/loans/restructure.ts's recover). */
export const recoverySchema = z.object({
  entryId: z.string(),
  remainingClaimRupiah: rupiahOut,
});

/** One overdue loan on the collection list (services/loans/reports.ts's collectionList). */
export const collectionItemSchema = z.object({
  officer: z.string().nullable(),
  loanId: z.string(),
  loanNumber: z.string(),
  member: z.string(),
  phone: z.string().nullable(),
  daysPastDue: z.number().int(),
  /** L, KL, D or M */
  collectibility: z.string(),
  outstandingRupiah: rupiahOut,
  penaltyDueRupiah: rupiahOut,
});

/** A month-end run (services/month-end.ts's runMonthEnd). */
export const monthEndRunSchema = z.object({
  period: z.string(),
  steps: z.array(
    z.object({
      name: z.string(),
      /** done by an earlier run: its recorded result, not run again */
      skipped: z.boolean(),
      /** what the step did (its own shape per step) */
      result: z.unknown(),
    }),
  ),
});

/** The month-end steps done (services/month-end.ts's monthEndStatus). */
export const monthEndStatusSchema = z.object({
  period: z.string(),
  status: z.string(),
  steps: z.array(
    z.object({
      name: z.string(),
      done: z.boolean(),
      /** the step's recorded result, null when not done */
      result: z.unknown(),
    }),
  ),
});
