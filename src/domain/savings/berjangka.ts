/**
 * Simpanan berjangka (time deposit). savings.md: rate fixed at opening; interest monthly to a
 * sukarela account or held to maturity; at maturity paid out or rolled over automatically (ARO) at
 * the rate then in force; early break with a product penalty that never takes the principal below
 * zero; a deposit securing a loan is blocked (no break, no withdrawal).
 *
 * Interest periods run month by month from the opening date (anniversary, not calendar month):
 * period k (1..tenor) is [open + (k−1) months, open + k months), each end clamped to the month's
 * last day from the opening date, not chained (opened 31 Jan: 28/29 Feb, 31 Mar, 30 Apr …).
 */
import { strict as assert } from 'node:assert';
import { addMonthsClamped, daysBetween, type IsoDate } from '../calendar.js';
import type { SavingsError } from './errors.js';
import type {
  BerjangkaInterestBasis,
  BerjangkaInterestPayout,
  BerjangkaTenorMonths,
  EarlyBreakPenaltyRule,
} from './product.js';
import { roundDownToRupiah } from './rounding.js';

export interface TimeDeposit {
  principalRupiah: bigint;
  /** Fixed at opening for the whole term. */
  annualRateBps: bigint;
  tenorMonths: BerjangkaTenorMonths;
  openedOn: IsoDate;
  interestBasis: BerjangkaInterestBasis;
  interestPayout: BerjangkaInterestPayout;
  automaticRollover: boolean;
}

/** Maturity (jatuh tempo) = opening date + tenor months, clamped to the month's last day. */
export function maturityDate(deposit: Pick<TimeDeposit, 'openedOn' | 'tenorMonths'>): IsoDate {
  return addMonthsClamped(deposit.openedOn, deposit.tenorMonths);
}

export interface DepositInterestPeriod {
  period: number; // 1..tenorMonths
  startDate: IsoDate; // inclusive
  endDate: IsoDate; // exclusive: the day interest for the period is due
  days: number;
  interestRupiah: bigint;
}

/**
 * Interest for period k, rounded down per period (each period is one posting):
 *   'monthly/12':  floor(P × rateBps / 120000)
 *   'actual/365':  floor(P × rateBps × days_k / 3650000), days_k = end_k − start_k
 * SQL: start_k = opened_on + make_interval(months => k − 1), end_k = opened_on +
 * make_interval(months => k); floor(P::numeric * rate_bps * (end_k − start_k) / 3650000).
 */
export function depositInterestForPeriod(
  deposit: TimeDeposit,
  period: number,
): DepositInterestPeriod {
  assert(
    Number.isInteger(period) && period >= 1 && period <= deposit.tenorMonths,
    `period ${period} outside the term`,
  );
  assert(
    deposit.principalRupiah >= 0n && deposit.annualRateBps >= 0n,
    'principal and rate are non-negative',
  );
  const startDate = addMonthsClamped(deposit.openedOn, period - 1);
  const endDate = addMonthsClamped(deposit.openedOn, period);
  const days = daysBetween(startDate, endDate);
  let interestRupiah: bigint;
  switch (deposit.interestBasis) {
    case 'monthly/12':
      interestRupiah = roundDownToRupiah(deposit.principalRupiah * deposit.annualRateBps, 120_000n);
      break;
    case 'actual/365':
      interestRupiah = roundDownToRupiah(
        deposit.principalRupiah * deposit.annualRateBps * BigInt(days),
        3_650_000n,
      );
      break;
  }
  return { period, startDate, endDate, days, interestRupiah };
}

/** Every period of the term, in order. */
export function depositInterestSchedule(deposit: TimeDeposit): DepositInterestPeriod[] {
  return Array.from({ length: deposit.tenorMonths }, (_, i) =>
    depositInterestForPeriod(deposit, i + 1),
  );
}

export type MaturityOutcome =
  | { kind: 'rolled-over'; next: TimeDeposit }
  | { kind: 'paid-out'; principalRupiah: bigint; interestRupiah: bigint };

/**
 * What happens at maturity.
 * - ARO: a new term of the same tenor opens on the maturity date at `rateInForceBps` (the rate
 *   the product offers then). Its principal is the old principal, plus the interest held in the
 *   deposit when interestPayout is 'rollover' (principal + interest); with 'to-sukarela' the
 *   interest has already gone to sukarela month by month (principal only).
 * - No ARO: principal and any held interest are paid out.
 * `heldInterestNetRupiah` is the interest held in the deposit after PPh final was withheld on it
 * (0n for 'to-sukarela').
 */
export function settleAtMaturity(
  deposit: TimeDeposit,
  input: { rateInForceBps: bigint; heldInterestNetRupiah: bigint },
): MaturityOutcome {
  assert(input.heldInterestNetRupiah >= 0n, 'held interest is never negative');
  assert(
    deposit.interestPayout === 'rollover' || input.heldInterestNetRupiah === 0n,
    "'to-sukarela' deposits hold no interest",
  );
  if (!deposit.automaticRollover)
    return {
      kind: 'paid-out',
      principalRupiah: deposit.principalRupiah,
      interestRupiah: input.heldInterestNetRupiah,
    };
  return {
    kind: 'rolled-over',
    next: {
      ...deposit,
      principalRupiah: deposit.principalRupiah + input.heldInterestNetRupiah,
      annualRateBps: input.rateInForceBps,
      openedOn: maturityDate(deposit),
    },
  };
}

export type EarlyBreakErrorCode =
  'SAVINGS_DEPOSIT_BLOCKED' | 'SAVINGS_DEPOSIT_ALREADY_MATURED' | 'SAVINGS_DEPOSIT_NOT_STARTED';

export type EarlyBreak =
  | {
      ok: true;
      penaltyRupiah: bigint;
      /** Interest accrued in the deposit ('rollover' payout) and not yet paid: forfeited on a break. */
      forfeitedInterestRupiah: bigint;
      payoutRupiah: bigint;
    }
  | { ok: false; error: SavingsError<EarlyBreakErrorCode> };

/**
 * Early break (pencairan sebelum jatuh tempo) on `onDate`, openedOn ≤ onDate < maturity.
 *   raw penalty: none → 0; percent-of-principal → floor(P × rateBps / 10000); flat → amount;
 *                clawback-interest-paid → interest already paid to the member this term (net)
 *   penalty = least(raw, P)          ("never making the principal smaller than zero")
 *   payout  = P − penalty
 */
export function breakEarly(input: {
  deposit: TimeDeposit;
  onDate: IsoDate;
  penaltyRule: EarlyBreakPenaltyRule;
  blocked: boolean;
  /** Net interest credited to the member during this term ('to-sukarela'). */
  interestPaidRupiah: bigint;
  /** Interest accrued in the deposit, not yet paid ('rollover'). */
  interestHeldRupiah: bigint;
}): EarlyBreak {
  const { deposit, onDate } = input;
  if (input.blocked) return { ok: false, error: { code: 'SAVINGS_DEPOSIT_BLOCKED', params: {} } };
  if (onDate < deposit.openedOn)
    return {
      ok: false,
      error: {
        code: 'SAVINGS_DEPOSIT_NOT_STARTED',
        field: 'onDate',
        params: { openedOn: deposit.openedOn },
      },
    };
  const maturity = maturityDate(deposit);
  if (onDate >= maturity)
    return {
      ok: false,
      error: {
        code: 'SAVINGS_DEPOSIT_ALREADY_MATURED',
        field: 'onDate',
        params: { maturityDate: maturity },
      },
    };
  assert(
    input.interestPaidRupiah >= 0n && input.interestHeldRupiah >= 0n,
    'interest is never negative',
  );
  const p = deposit.principalRupiah;
  const rule = input.penaltyRule;
  let raw: bigint;
  switch (rule.kind) {
    case 'none':
      raw = 0n;
      break;
    case 'percent-of-principal':
      raw = roundDownToRupiah(p * rule.rateBps, 10_000n);
      break;
    case 'flat':
      raw = rule.amountRupiah;
      break;
    case 'clawback-interest-paid':
      raw = input.interestPaidRupiah;
      break;
  }
  const penaltyRupiah = raw < p ? raw : p;
  return {
    ok: true,
    penaltyRupiah,
    forfeitedInterestRupiah: input.interestHeldRupiah,
    payoutRupiah: p - penaltyRupiah,
  };
}
