import { describe, expect, it } from 'vitest';
import {
  validateSavingsProduct,
  type BerjangkaProduct,
  type BerjangkaTenorMonths,
} from '../../../src/domain/savings/product.js';
import { SUKARELA_6_PERCENT } from './fixtures.js';

const sukarela = SUKARELA_6_PERCENT;
const berjangka: BerjangkaProduct = {
  kind: 'berjangka',
  tenors: [
    { tenorMonths: 1, annualRateBps: 500n },
    { tenorMonths: 3, annualRateBps: 600n },
    { tenorMonths: 6, annualRateBps: 650n },
    { tenorMonths: 12, annualRateBps: 700n },
  ],
  interestBasis: 'monthly/12',
  interestPayout: 'to-sukarela',
  automaticRollover: true,
  earlyBreakPenalty: { kind: 'percent-of-principal', rateBps: 100n },
  minimumPrincipalRupiah: 1_000_000n,
};
const codes = (r: ReturnType<typeof validateSavingsProduct>) =>
  r.ok ? [] : r.errors.map((e) => [e.code, e.field]);

describe('savings product validation', () => {
  it('accepts sensible products of every kind', () => {
    expect(validateSavingsProduct({ kind: 'pokok', amountRupiah: 100_000n })).toEqual({ ok: true });
    expect(validateSavingsProduct({ kind: 'wajib', monthlyAmountRupiah: 50_000n })).toEqual({
      ok: true,
    });
    expect(validateSavingsProduct(sukarela)).toEqual({ ok: true });
    expect(validateSavingsProduct(berjangka)).toEqual({ ok: true });
  });
  it('pokok and wajib need a positive amount', () => {
    expect(codes(validateSavingsProduct({ kind: 'pokok', amountRupiah: 0n }))).toEqual([
      ['SAVINGS_PRODUCT_AMOUNT_NOT_POSITIVE', 'amountRupiah'],
    ]);
    expect(codes(validateSavingsProduct({ kind: 'wajib', monthlyAmountRupiah: -1n }))).toEqual([
      ['SAVINGS_PRODUCT_AMOUNT_NOT_POSITIVE', 'monthlyAmountRupiah'],
    ]);
  });
  it('sukarela: every problem with its field', () => {
    const r = validateSavingsProduct({
      ...sukarela,
      annualRateBps: 10_001n,
      minimumBalanceRupiah: -1n,
      monthlyAdminFeeRupiah: 10n ** 16n,
      dormancyMonths: 0,
    });
    expect(codes(r)).toEqual([
      ['SAVINGS_PRODUCT_RATE_OUT_OF_RANGE', 'annualRateBps'],
      ['SAVINGS_PRODUCT_AMOUNT_NEGATIVE', 'minimumBalanceRupiah'],
      ['SAVINGS_PRODUCT_AMOUNT_TOO_LARGE', 'monthlyAdminFeeRupiah'],
      ['SAVINGS_PRODUCT_DORMANCY_OUT_OF_RANGE', 'dormancyMonths'],
    ]);
  });
  it('sukarela without dormancy is allowed', () => {
    expect(validateSavingsProduct({ ...sukarela, dormancyMonths: null })).toEqual({ ok: true });
  });
  it('berjangka tenors are 1, 3, 6, 12 or 24 months, each once', () => {
    expect(
      validateSavingsProduct({ ...berjangka, tenors: [{ tenorMonths: 24, annualRateBps: 750n }] }),
    ).toEqual({ ok: true });
    const r = validateSavingsProduct({
      ...berjangka,
      tenors: [
        { tenorMonths: 3, annualRateBps: 600n },
        { tenorMonths: 3, annualRateBps: 650n },
        { tenorMonths: 2 as BerjangkaTenorMonths, annualRateBps: -1n },
      ],
    });
    expect(codes(r)).toEqual([
      ['SAVINGS_PRODUCT_TENOR_DUPLICATE', 'tenors[1].tenorMonths'],
      ['SAVINGS_PRODUCT_TENOR_NOT_ALLOWED', 'tenors[2].tenorMonths'],
      ['SAVINGS_PRODUCT_RATE_OUT_OF_RANGE', 'tenors[2].annualRateBps'],
    ]);
    expect(codes(validateSavingsProduct({ ...berjangka, tenors: [] }))).toEqual([
      ['SAVINGS_PRODUCT_NO_TENORS', 'tenors'],
    ]);
  });
  it('berjangka penalty is at most 100 % of principal, or a non-negative amount', () => {
    expect(
      codes(
        validateSavingsProduct({
          ...berjangka,
          earlyBreakPenalty: { kind: 'percent-of-principal', rateBps: 10_001n },
        }),
      ),
    ).toEqual([['SAVINGS_PRODUCT_PENALTY_OUT_OF_RANGE', 'earlyBreakPenalty.rateBps']]);
    expect(
      codes(
        validateSavingsProduct({
          ...berjangka,
          earlyBreakPenalty: { kind: 'flat', amountRupiah: -5n },
        }),
      ),
    ).toEqual([['SAVINGS_PRODUCT_AMOUNT_NEGATIVE', 'earlyBreakPenalty.amountRupiah']]);
    expect(codes(validateSavingsProduct({ ...berjangka, minimumPrincipalRupiah: 0n }))).toEqual([
      ['SAVINGS_PRODUCT_AMOUNT_NOT_POSITIVE', 'minimumPrincipalRupiah'],
    ]);
  });
});
