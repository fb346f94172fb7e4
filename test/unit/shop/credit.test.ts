import { describe, expect, it } from 'vitest';
import { checkCredit } from '../../../src/domain/shop/credit.js';

describe('checkCredit (kredit barang)', () => {
  it('refuses a member without a limit, whether none was set or it is zero', () => {
    expect(checkCredit(null, 0n, 1_000n)).toEqual({ ok: false, code: 'SHOP_CREDIT_NO_LIMIT' });
    expect(checkCredit(0n, 0n, 1_000n)).toEqual({ ok: false, code: 'SHOP_CREDIT_NO_LIMIT' });
  });
  it('allows a purchase within the limit and says what is left', () => {
    // limit 1.000.000, owing 400.000, buys 250.000: 350.000 left
    expect(checkCredit(1_000_000n, 400_000n, 250_000n)).toEqual({
      ok: true,
      availableAfterRupiah: 350_000n,
    });
  });
  it('allows a purchase that takes the balance exactly to the limit', () => {
    expect(checkCredit(1_000_000n, 400_000n, 600_000n)).toEqual({
      ok: true,
      availableAfterRupiah: 0n,
    });
  });
  it('refuses a purchase one rupiah over, whole, and reports what was available', () => {
    expect(checkCredit(1_000_000n, 400_000n, 600_001n)).toEqual({
      ok: false,
      code: 'SHOP_CREDIT_LIMIT_EXCEEDED',
      availableRupiah: 600_000n,
    });
  });
  it('reports zero available, never a negative, when the member already owes more than the limit', () => {
    // the limit was lowered below what is owed
    expect(checkCredit(500_000n, 700_000n, 1n)).toEqual({
      ok: false,
      code: 'SHOP_CREDIT_LIMIT_EXCEEDED',
      availableRupiah: 0n,
    });
    expect(checkCredit(500_000n, 500_000n, 1n)).toEqual({
      ok: false,
      code: 'SHOP_CREDIT_LIMIT_EXCEEDED',
      availableRupiah: 0n,
    });
  });
});
