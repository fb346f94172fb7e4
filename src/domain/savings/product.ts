/**
 * Savings product configuration (per cooperative, per product) and its validation.
 * savings.md: pokok once on joining; wajib a fixed monthly amount; sukarela voluntary with interest;
 * berjangka fixed term at a rate fixed at opening.
 */
import type { SavingsError, SavingsProductErrorCode } from './errors.js';

export type SavingsKind = 'pokok' | 'wajib' | 'sukarela' | 'berjangka';

/** Rates in basis points of a year: 600n = 6 % a year. */
export const ANNUAL_RATE_BPS_MAX = 10_000n;
/** A limit on every amount: Rp 1e15 keeps Σ(balance × rate × days) far inside int8 and numeric. */
export const AMOUNT_RUPIAH_MAX = 1_000_000_000_000_000n;
export const DORMANCY_MONTHS_MAX = 120;

/**
 * Tenors offered by berjangka products. savings.md lists 1, 3, 6, 12 and 24 months; a product
 * offers a subset.
 */
export const BERJANGKA_TENORS_MONTHS = [1, 3, 6, 12, 24] as const;
export type BerjangkaTenorMonths = (typeof BERJANGKA_TENORS_MONTHS)[number];

export type SukarelaInterestMethod = 'daily-balance' | 'lowest-balance';

/**
 * Day count for daily-balance interest. savings.md: "Use 365 in leap years too unless the product
 * says actual/actual."
 */
export type DayCountConvention = 'actual/365' | 'actual/actual';

/** Berjangka interest basis. savings.md: "principal × annual rate × days / 365 (or /12 per month, per product)". */
export type BerjangkaInterestBasis = 'actual/365' | 'monthly/12';

/**
 * 'to-sukarela': each month's interest is credited to the member's sukarela account.
 * 'rollover': interest stays with the deposit until maturity; with ARO it is added to the next
 * term's principal (principal + interest), without ARO it is paid out with the principal.
 */
export type BerjangkaInterestPayout = 'to-sukarela' | 'rollover';

export type EarlyBreakPenaltyRule =
  | { kind: 'none' }
  /** A percentage of the principal, e.g. 100n = 1 %. */
  | { kind: 'percent-of-principal'; rateBps: bigint }
  /** A fixed amount. */
  | { kind: 'flat'; amountRupiah: bigint }
  /** Interest already paid to the member during this term is taken back. */
  | { kind: 'clawback-interest-paid' };

export interface PokokProduct {
  kind: 'pokok';
  amountRupiah: bigint;
}

export interface WajibProduct {
  kind: 'wajib';
  /** The amount in force now; past RAT changes are a schedule (see wajib.ts). */
  monthlyAmountRupiah: bigint;
}

export interface SukarelaProduct {
  kind: 'sukarela';
  annualRateBps: bigint;
  interestMethod: SukarelaInterestMethod;
  dayCount: DayCountConvention;
  /** A withdrawal may not take the balance below this (closing the account may). */
  minimumBalanceRupiah: bigint;
  /** Balances under this earn nothing (savings.md). 0n: every positive balance earns. */
  minimumBalanceForInterestRupiah: bigint;
  monthlyAdminFeeRupiah: bigint;
  /** Months without a member-initiated transaction before the account is dormant; null: never. */
  dormancyMonths: number | null;
  /** savings.md: dormant accounts stop earning interest "if the product says so". */
  dormantStopsInterest: boolean;
}

export interface BerjangkaTenorOffer {
  tenorMonths: BerjangkaTenorMonths;
  /** The rate offered now; a deposit keeps the rate it was opened at. */
  annualRateBps: bigint;
}

export interface BerjangkaProduct {
  kind: 'berjangka';
  tenors: readonly BerjangkaTenorOffer[];
  interestBasis: BerjangkaInterestBasis;
  interestPayout: BerjangkaInterestPayout;
  /** ARO (automatic roll over) at maturity. */
  automaticRollover: boolean;
  earlyBreakPenalty: EarlyBreakPenaltyRule;
  minimumPrincipalRupiah: bigint;
}

export type SavingsProduct = PokokProduct | WajibProduct | SukarelaProduct | BerjangkaProduct;

export type SavingsProductValidation =
  { ok: true } | { ok: false; errors: SavingsError<SavingsProductErrorCode>[] };

/** Checks a product's configuration; returns every problem found, each with its field. */
export function validateSavingsProduct(product: SavingsProduct): SavingsProductValidation {
  const errors: SavingsError<SavingsProductErrorCode>[] = [];
  const positive = (field: string, v: bigint) => {
    if (v <= 0n)
      errors.push({ code: 'SAVINGS_PRODUCT_AMOUNT_NOT_POSITIVE', field, params: { value: v } });
    else if (v > AMOUNT_RUPIAH_MAX) tooLarge(field, v);
  };
  const nonNegative = (field: string, v: bigint) => {
    if (v < 0n)
      errors.push({ code: 'SAVINGS_PRODUCT_AMOUNT_NEGATIVE', field, params: { value: v } });
    else if (v > AMOUNT_RUPIAH_MAX) tooLarge(field, v);
  };
  const tooLarge = (field: string, v: bigint) =>
    errors.push({
      code: 'SAVINGS_PRODUCT_AMOUNT_TOO_LARGE',
      field,
      params: { value: v, max: AMOUNT_RUPIAH_MAX },
    });
  const rate = (field: string, v: bigint) => {
    if (v < 0n || v > ANNUAL_RATE_BPS_MAX)
      errors.push({
        code: 'SAVINGS_PRODUCT_RATE_OUT_OF_RANGE',
        field,
        params: { value: v, max: ANNUAL_RATE_BPS_MAX },
      });
  };

  switch (product.kind) {
    case 'pokok':
      positive('amountRupiah', product.amountRupiah);
      break;
    case 'wajib':
      positive('monthlyAmountRupiah', product.monthlyAmountRupiah);
      break;
    case 'sukarela': {
      rate('annualRateBps', product.annualRateBps);
      nonNegative('minimumBalanceRupiah', product.minimumBalanceRupiah);
      nonNegative('minimumBalanceForInterestRupiah', product.minimumBalanceForInterestRupiah);
      nonNegative('monthlyAdminFeeRupiah', product.monthlyAdminFeeRupiah);
      const n = product.dormancyMonths;
      if (n !== null && (!Number.isInteger(n) || n < 1 || n > DORMANCY_MONTHS_MAX))
        errors.push({
          code: 'SAVINGS_PRODUCT_DORMANCY_OUT_OF_RANGE',
          field: 'dormancyMonths',
          params: { value: n, min: 1, max: DORMANCY_MONTHS_MAX },
        });
      break;
    }
    case 'berjangka': {
      if (product.tenors.length === 0)
        errors.push({ code: 'SAVINGS_PRODUCT_NO_TENORS', field: 'tenors', params: {} });
      const seen = new Set<number>();
      product.tenors.forEach((offer, i) => {
        const field = `tenors[${i}]`;
        if (!(BERJANGKA_TENORS_MONTHS as readonly number[]).includes(offer.tenorMonths))
          errors.push({
            code: 'SAVINGS_PRODUCT_TENOR_NOT_ALLOWED',
            field: `${field}.tenorMonths`,
            params: { value: offer.tenorMonths, allowed: BERJANGKA_TENORS_MONTHS.join(',') },
          });
        else if (seen.has(offer.tenorMonths))
          errors.push({
            code: 'SAVINGS_PRODUCT_TENOR_DUPLICATE',
            field: `${field}.tenorMonths`,
            params: { value: offer.tenorMonths },
          });
        seen.add(offer.tenorMonths);
        rate(`${field}.annualRateBps`, offer.annualRateBps);
      });
      positive('minimumPrincipalRupiah', product.minimumPrincipalRupiah);
      const p = product.earlyBreakPenalty;
      switch (p.kind) {
        case 'none':
        case 'clawback-interest-paid':
          break;
        case 'percent-of-principal':
          if (p.rateBps < 0n || p.rateBps > 10_000n)
            errors.push({
              code: 'SAVINGS_PRODUCT_PENALTY_OUT_OF_RANGE',
              field: 'earlyBreakPenalty.rateBps',
              params: { value: p.rateBps, max: 10_000n },
            });
          break;
        case 'flat':
          nonNegative('earlyBreakPenalty.amountRupiah', p.amountRupiah);
          break;
      }
      break;
    }
  }
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
