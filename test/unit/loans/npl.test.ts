import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nplPercent } from '../../../src/domain/loans/npl.js';

describe('NPL ratio', () => {
  it('is the problem share of outstanding principal, two decimals, rounded half up', () => {
    expect(nplPercent(0n, 0n)).toBe('0.00');
    expect(nplPercent(0n, 1_000_000n)).toBe('0.00');
    expect(nplPercent(1_000_000n, 1_000_000n)).toBe('100.00');
    // 47,000,000 of 2,000,000,000 = 2.35 %
    expect(nplPercent(47_000_000n, 2_000_000_000n)).toBe('2.35');
    // 1/3 = 33.333… % -> 33.33; 2/3 = 66.666… % -> 66.67
    expect(nplPercent(1n, 3n)).toBe('33.33');
    expect(nplPercent(2n, 3n)).toBe('66.67');
    // exactly half a hundredth rounds up: 1 of 20,000 = 0.005 % -> 0.01
    expect(nplPercent(1n, 20_000n)).toBe('0.01');
    expect(nplPercent(1n, 20_001n)).toBe('0.00');
  });

  it('stays exact where floating point would not (totals beyond 2^53 rupiah)', () => {
    const total = 2n ** 60n;
    expect(nplPercent(total / 8n, total)).toBe('12.50');
    expect(nplPercent(total - 1n, total)).toBe('100.00');
  });

  it('is within half a hundredth of the exact share, for any book', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 15n }),
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        (total, p) => {
          const problem = p % (total + 1n);
          const [whole, frac] = nplPercent(problem, total).split('.');
          const hundredths = BigInt(whole ?? '') * 100n + BigInt(frac ?? '');
          // |hundredths/10,000 - problem/total| <= 1/20,000  <=>  |2*hundredths*total - 20,000*problem| <= total
          const diff = 2n * hundredths * total - 20_000n * problem;
          return (diff < 0n ? -diff : diff) <= total && frac?.length === 2;
        },
      ),
    );
  });

  it('refuses a problem share larger than the book or negative amounts', () => {
    expect(() => nplPercent(2n, 1n)).toThrow(RangeError);
    expect(() => nplPercent(-1n, 1n)).toThrow(RangeError);
  });
});
