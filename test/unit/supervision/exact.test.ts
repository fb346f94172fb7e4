import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatHundredths,
  fraction,
  hundredthsOf,
  percentHundredths,
  toHundredths,
} from '../../../src/domain/supervision/exact.js';

describe('rounding rule R: two decimals, half away from zero', () => {
  it.each([
    [12345n, 1000n, '12.35'], // 12.345 → 12.35
    [-12345n, 1000n, '-12.35'], // −12.345 → −12.35
    [12344n, 1000n, '12.34'],
    [2n, 3n, '0.67'], // 0.666… → 0.67
    [1n, 3n, '0.33'],
    [-1n, 200n, '-0.01'], // −0.005 → −0.01
    [1n, 201n, '0.00'], // 0.00497… → 0.00
    [0n, 7n, '0.00'],
  ])('%i / %i → %s', (n, d, shown) => {
    expect(formatHundredths(toHundredths(fraction(n, d)))).toBe(shown);
  });

  it('a ratio in percent: 1 of 3 is 33.33 %, 2 of 3 is 66.67 %, 800 jt of 900 jt 88.89 %', () => {
    expect(formatHundredths(percentHundredths(fraction(1n), fraction(3n)))).toBe('33.33');
    expect(formatHundredths(percentHundredths(fraction(2n), fraction(3n)))).toBe('66.67');
    expect(
      formatHundredths(percentHundredths(fraction(800_000_000n), fraction(900_000_000n))),
    ).toBe('88.89');
  });

  it('band edges are read as exact hundredths', () => {
    expect([hundredthsOf('7.5'), hundredthsOf('100'), hundredthsOf('-0.01')]).toEqual([
      750n,
      10_000n,
      -1n,
    ]);
    expect(() => hundredthsOf('0.125')).toThrow(/two decimals/);
  });

  it('is never more than half a hundredth away from the exact value, and exact on rupiah beyond 2^53', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: 1n, max: 10n ** 20n }),
        (n, d) => {
          const h = toHundredths(fraction(n, d));
          // |h / 100 − n / d| ≤ 1 / 200  ⇔  |200 h d − 200 n| ≤ d … scaled: |2(h d − 100 n)| ≤ d
          const gap = 2n * (h * d - 100n * n);
          expect(gap <= d && gap >= -d).toBe(true);
        },
      ),
    );
  });
});
