import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consignmentSplit, keptPart, settlementOf } from '../../../src/domain/shop/consignment.js';

describe('consignmentSplit', () => {
  it('splits Rp 25.000 of batik tulis at 15 %: margin 3.750, producer 21.250', () => {
    expect(consignmentSplit(25_000n, 1500)).toEqual({
      marginRupiah: 3_750n,
      consignorShareRupiah: 21_250n,
    });
  });
  it('rounds the margin half up per line and gives the producer the rest', () => {
    // 10.005 × 15 % = 1.500,75 -> 1.501
    expect(consignmentSplit(10_005n, 1500)).toEqual({
      marginRupiah: 1_501n,
      consignorShareRupiah: 8_504n,
    });
    // 10.010 × 5 % = 500,5 -> 501
    expect(consignmentSplit(10_010n, 500)).toEqual({
      marginRupiah: 501n,
      consignorShareRupiah: 9_509n,
    });
    // 10.001 × 12,34 % = 1.234,1234 -> 1.234
    expect(consignmentSplit(10_001n, 1234).marginRupiah).toBe(1_234n);
  });
  it('keeps nothing at 0 % and everything at 100 %', () => {
    expect(consignmentSplit(7_777n, 0)).toEqual({ marginRupiah: 0n, consignorShareRupiah: 7_777n });
    expect(consignmentSplit(7_777n, 10_000)).toEqual({
      marginRupiah: 7_777n,
      consignorShareRupiah: 0n,
    });
  });
  it('refuses a margin outside 0..10000 bps or not a whole number (programmer error)', () => {
    expect(() => consignmentSplit(1_000n, -1)).toThrow();
    expect(() => consignmentSplit(1_000n, 10_001)).toThrow();
    expect(() => consignmentSplit(1_000n, 12.5)).toThrow();
    expect(() => consignmentSplit(1_000n, Number.NaN)).toThrow();
  });
  it('property: margin + share = amount, and both are ≥ 0 for an amount ≥ 0', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, bps) => {
          const s = consignmentSplit(amount, bps);
          expect(s.marginRupiah + s.consignorShareRupiah).toBe(amount);
          expect(s.consignorShareRupiah >= 0n).toBe(true);
          expect(s.marginRupiah >= 0n).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('keptPart', () => {
  const line = { amountRupiah: 25_000n, consignorShareRupiah: 21_250n };

  it('returns the line unchanged when nothing came back', () => {
    expect(keptPart(line, 5n, 0n)).toBe(line);
  });
  it('shrinks amount and share in proportion when part came back', () => {
    // 2 of 5 back: 3/5 of each
    expect(keptPart(line, 5n, 2n)).toEqual({
      amountRupiah: 15_000n,
      consignorShareRupiah: 12_750n,
    });
  });
  it('rounds each half up on its own', () => {
    // 1 of 3 back: 25.000 × 2/3 = 16.666,67 -> 16.667; 21.250 × 2/3 = 14.166,67 -> 14.167
    expect(keptPart(line, 3n, 1n)).toEqual({
      amountRupiah: 16_667n,
      consignorShareRupiah: 14_167n,
    });
  });
  it('keeps nothing when everything came back', () => {
    expect(keptPart(line, 5n, 5n)).toEqual({ amountRupiah: 0n, consignorShareRupiah: 0n });
  });
  it('property: the kept share never exceeds the kept amount and neither is negative', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.bigInt({ min: 1n, max: 10_000n }),
        fc.bigInt({ min: 0n, max: 10_000n }),
        (amount, bps, qty, back) => {
          const returned = back % (qty + 1n);
          const split = consignmentSplit(amount, bps);
          const k = keptPart(
            { amountRupiah: amount, consignorShareRupiah: split.consignorShareRupiah },
            qty,
            returned,
          );
          expect(k.consignorShareRupiah >= 0n).toBe(true);
          expect(k.consignorShareRupiah <= k.amountRupiah).toBe(true);
          expect(k.amountRupiah <= amount).toBe(true);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('settlementOf', () => {
  it("sums the producer's lines: sales, margin = sales − share, and the amount paid", () => {
    const lines = [
      { amountRupiah: 25_000n, consignorShareRupiah: 21_250n },
      { amountRupiah: 10_005n, consignorShareRupiah: 8_504n },
      keptPart({ amountRupiah: 25_000n, consignorShareRupiah: 21_250n }, 3n, 1n),
    ];
    expect(settlementOf(lines)).toEqual({
      salesRupiah: 51_672n, // 25.000 + 10.005 + 16.667
      marginRupiah: 7_751n, // 3.750 + 1.501 + 2.500
      amountRupiah: 43_921n, // 21.250 + 8.504 + 14.167
    });
  });
  it('settles nothing for no lines', () => {
    expect(settlementOf([])).toEqual({ salesRupiah: 0n, marginRupiah: 0n, amountRupiah: 0n });
  });
});
