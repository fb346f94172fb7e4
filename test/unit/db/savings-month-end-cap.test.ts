import { describe, expect, it } from 'vitest';
import { taxLineCap } from '../../../src/db/savings-month-end.repo.js';
import { SAVINGS_INTEREST_TAX_RULES } from '../../../src/domain/savings/tax.js';

describe('taxLineCap (the int4 sums that find the members over the PPh threshold)', () => {
  it('is the threshold + 1 for every rule in force', () => {
    for (const r of SAVINGS_INTEREST_TAX_RULES)
      expect(taxLineCap(r.thresholdRupiah)).toBe(r.thresholdRupiah + 1n);
    expect(taxLineCap(240_000n)).toBe(240_001n);
  });

  it('refuses a threshold the int4 sums cannot hold', () => {
    expect(taxLineCap(2_147_483_646n)).toBe(2_147_483_647n);
    expect(() => taxLineCap(2_147_483_647n)).toThrow(RangeError);
    expect(() => taxLineCap(-1n)).toThrow(RangeError);
  });
});
