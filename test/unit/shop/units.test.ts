import { describe, expect, it } from 'vitest';
import {
  describeQty,
  lineAmount,
  MAX_QTY_BASE,
  priceOf,
  toBase,
  type PricedProduct,
} from '../../../src/domain/shop/units.js';

/** Teh botol: kept in pcs, Rp 3.500 (member) / Rp 4.000 (public) per pcs; a dus of 24 has its own
 *  member price Rp 80.000 but no public price of its own; a pak of 6 has neither. */
const TEH: PricedProduct = {
  baseUnit: 'pcs',
  priceUnitBase: 1n,
  memberPriceRupiah: 3_500n,
  publicPriceRupiah: 4_000n,
  units: [
    { unit: 'pcs', factorBase: 1n, memberPriceRupiah: null, publicPriceRupiah: null },
    { unit: 'pak', factorBase: 6n, memberPriceRupiah: null, publicPriceRupiah: null },
    { unit: 'dus', factorBase: 24n, memberPriceRupiah: 80_000n, publicPriceRupiah: null },
  ],
};

/** Cabai rawit: kept in grams, priced per kg (price base 1000 g). */
const CABAI: PricedProduct = {
  baseUnit: 'g',
  priceUnitBase: 1000n,
  memberPriceRupiah: 36_000n,
  publicPriceRupiah: 40_000n,
  units: [
    { unit: 'g', factorBase: 1n, memberPriceRupiah: null, publicPriceRupiah: null },
    { unit: 'kg', factorBase: 1000n, memberPriceRupiah: null, publicPriceRupiah: null },
  ],
};

describe('toBase', () => {
  it('converts a pack to base units: 2 dus of 24 = 48 pcs', () => {
    expect(toBase(TEH, 'dus', 2n)).toBe(48n);
    expect(toBase(TEH, 'pak', 3n)).toBe(18n);
    expect(toBase(TEH, 'pcs', 5n)).toBe(5n);
    expect(toBase(CABAI, 'kg', 2n)).toBe(2000n);
  });
  it('names a unit the product does not have', () => {
    expect(toBase(TEH, 'krat', 1n)).toEqual({ code: 'SHOP_UNIT_UNKNOWN', unit: 'krat' });
  });
  it('refuses a zero or negative quantity', () => {
    expect(toBase(TEH, 'pcs', 0n)).toEqual({ code: 'SHOP_QTY_INVALID' });
    expect(toBase(TEH, 'dus', -1n)).toEqual({ code: 'SHOP_QTY_INVALID' });
  });
  it('accepts up to MAX_QTY_BASE base units and refuses one more', () => {
    expect(toBase(TEH, 'pcs', MAX_QTY_BASE)).toBe(MAX_QTY_BASE);
    expect(toBase(TEH, 'pcs', MAX_QTY_BASE + 1n)).toEqual({ code: 'SHOP_QTY_INVALID' });
    // the limit is on base units: 41,666,667 dus × 24 = 1,000,000,008 pcs is over it
    expect(toBase(TEH, 'dus', 41_666_666n)).toBe(999_999_984n);
    expect(toBase(TEH, 'dus', 41_666_667n)).toEqual({ code: 'SHOP_QTY_INVALID' });
  });
});

describe('priceOf', () => {
  it('gives the member price to a member and the public price to everyone else', () => {
    expect(priceOf(TEH, 'pcs', true)).toEqual({ priceRupiah: 3_500n, priceBase: 1n });
    expect(priceOf(TEH, 'pcs', false)).toEqual({ priceRupiah: 4_000n, priceBase: 1n });
  });
  it("uses a pack's own price with the pack's size as the price basis", () => {
    expect(priceOf(TEH, 'dus', true)).toEqual({ priceRupiah: 80_000n, priceBase: 24n });
  });
  it("falls back to the product's price when the pack has no price of its own for that buyer", () => {
    // the dus has a member price only: the public pays the per-pcs price
    expect(priceOf(TEH, 'dus', false)).toEqual({ priceRupiah: 4_000n, priceBase: 1n });
    expect(priceOf(TEH, 'pak', true)).toEqual({ priceRupiah: 3_500n, priceBase: 1n });
  });
  it('prices a weighed good per kg: base 1000 g, whatever unit it is sold in', () => {
    expect(priceOf(CABAI, 'g', true)).toEqual({ priceRupiah: 36_000n, priceBase: 1000n });
    expect(priceOf(CABAI, 'kg', false)).toEqual({ priceRupiah: 40_000n, priceBase: 1000n });
  });
  it('names a unit the product does not have', () => {
    expect(priceOf(TEH, 'krat', true)).toEqual({ code: 'SHOP_UNIT_UNKNOWN', unit: 'krat' });
  });
});

describe('lineAmount (qtyBase × price / priceBase, half up once)', () => {
  it('follows the worked examples of units.ts', () => {
    expect(lineAmount(3n, 3_500n, 1n)).toBe(10_500n); // 3 pcs at Rp 3.500
    expect(lineAmount(24n, 80_000n, 24n)).toBe(80_000n); // 1 dus at its own Rp 80.000
    expect(lineAmount(1_250n, 36_000n, 1000n)).toBe(45_000n); // 1.250 g at Rp 36.000/kg
    expect(lineAmount(333n, 36_000n, 1000n)).toBe(11_988n); // 333 × 36 = 11.988 exactly
  });
  it('rounds a half rupiah up and less than a half down', () => {
    // 333 g at Rp 36.500/kg = 12.154,5 -> 12.155
    expect(lineAmount(333n, 36_500n, 1000n)).toBe(12_155n);
    // 1 g at Rp 36.400/kg = 36,4 -> 36; at Rp 36.600/kg = 36,6 -> 37
    expect(lineAmount(1n, 36_400n, 1000n)).toBe(36n);
    expect(lineAmount(1n, 36_600n, 1000n)).toBe(37n);
    // 1 pcs out of a dus priced Rp 12 for 24 = 0,5 -> 1
    expect(lineAmount(1n, 12n, 24n)).toBe(1n);
    // 25 pcs at the dus price Rp 80.000 / 24 = 83.333,33 -> 83.333
    expect(lineAmount(25n, 80_000n, 24n)).toBe(83_333n);
  });
  it('rounds a negative quantity (a return) to the mirror of the sale', () => {
    expect(lineAmount(-333n, 36_500n, 1000n)).toBe(-12_155n);
  });
});

describe('describeQty', () => {
  it('shows a quantity in the largest units first: 50 pcs = 2 dus 2 pcs', () => {
    expect(describeQty(TEH, 50n)).toBe('2 dus 2 pcs');
    expect(describeQty(TEH, 48n)).toBe('2 dus');
    expect(describeQty(TEH, 31n)).toBe('1 dus 1 pak 1 pcs');
    expect(describeQty(TEH, 5n)).toBe('5 pcs');
  });
  it('does not depend on the order the units are listed in', () => {
    const reversed = { ...TEH, units: [...TEH.units].reverse() };
    expect(describeQty(reversed, 31n)).toBe('1 dus 1 pak 1 pcs');
  });
  it('shows zero in the base unit and a shortfall with a minus sign', () => {
    expect(describeQty(TEH, 0n)).toBe('0 pcs');
    expect(describeQty(TEH, -26n)).toBe('-1 dus 2 pcs');
  });
  it('shows a weighed good in kg and g', () => {
    expect(describeQty(CABAI, 1_250n)).toBe('1 kg 250 g');
    expect(describeQty(CABAI, 333n)).toBe('333 g');
  });
});
