import { describe, expect, it } from 'vitest';
import { roundRupiah } from '../../../src/domain/shop/money.js';

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
});
