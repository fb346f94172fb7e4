import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundHalfUp, roundRupiah } from '../../src/domain/money.js';
import { roundRupiah as shopRoundRupiah } from '../../src/domain/shop/money.js';

describe('roundRupiah (whole rupiah, half away from zero)', () => {
  it('rounds a half up and anything below it down', () => {
    expect(roundRupiah(21n, 2n)).toBe(11n); // 10.5 -> 11
    expect(roundRupiah(1049n, 100n)).toBe(10n); // 10.49 -> 10
    expect(roundRupiah(1051n, 100n)).toBe(11n); // 10.51 -> 11
    expect(roundRupiah(20n, 2n)).toBe(10n);
    expect(roundRupiah(0n, 7n)).toBe(0n);
  });
  it('rounds a negative half away from zero, the mirror of the positive amount', () => {
    expect(roundRupiah(-21n, 2n)).toBe(-11n);
    expect(roundRupiah(-1049n, 100n)).toBe(-10n);
  });
  it('refuses a denominator that is not positive (programmer error)', () => {
    expect(() => roundRupiah(1n, 0n)).toThrow();
    expect(() => roundRupiah(1n, -1n)).toThrow();
  });
  it('is the nearest whole rupiah, a tie away from zero, and mirrors around zero', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (num, den) => {
          const r = roundRupiah(num, den);
          // |num/den - r| <= 1/2, and exactly 1/2 only when r is the one further from zero
          const gap2 = (num - r * den) * 2n;
          expect(gap2 <= den && gap2 >= -den).toBe(true);
          if (gap2 === den || gap2 === -den)
            expect(r * den * (num < 0n ? -1n : 1n) > (num < 0n ? -num : num)).toBe(true);
          expect(roundRupiah(-num, den)).toBe(-r);
          if (num >= 0n) expect(roundHalfUp(num, den)).toBe(r);
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('is the rule the shop and the loans round by', () => {
    expect(shopRoundRupiah).toBe(roundRupiah);
    expect(() => roundHalfUp(-1n, 2n)).toThrow();
  });
});
