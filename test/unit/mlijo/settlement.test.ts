import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settle, type DeliveredOrder } from '../../../src/domain/mlijo/settlement.js';

const order = (totalRupiah: bigint, paymentMethod: DeliveredOrder['paymentMethod']) => ({
  totalRupiah,
  paymentMethod,
});

describe("a vendor's daily settlement", () => {
  it('worked example: cash, QRIS and sukarela, 5 % commission, Rp 5.000 short', () => {
    const s = settle(
      [order(50_000n, 'cash'), order(30_000n, 'qris'), order(20_000n, 'member_account')],
      { bps: 500 },
      45_000n,
    );
    expect(s).toEqual({
      ordersDelivered: 3,
      deliveredRupiah: 100_000n,
      cashCollectedRupiah: 50_000n,
      qrisRupiah: 30_000n,
      sukarelaRupiah: 20_000n,
      handedOverRupiah: 45_000n,
      shortfallRupiah: 5_000n,
      commissionRupiah: 5_000n,
    });
  });
  it('a fixed fee per order delivered', () => {
    const s = settle(
      [order(12_345n, 'cash'), order(9_000n, 'cash')],
      { perOrderRupiah: 2_000n },
      21_345n,
    );
    expect(s).toMatchObject({ commissionRupiah: 4_000n, shortfallRupiah: 0n });
  });
  it('rounds the commission once, half up: 5 % of Rp 115.610 is Rp 5.781', () => {
    expect(settle([order(115_610n, 'qris')], { bps: 500 }, 0n)).toMatchObject({
      commissionRupiah: 5_781n,
    });
  });
  it('refuses a day with nothing delivered and a handover above the cash collected', () => {
    expect(settle([], { bps: 500 }, 0n)).toEqual({ code: 'MLIJO_NOTHING_TO_SETTLE' });
    expect(settle([order(10_000n, 'cash')], { bps: 500 }, 10_001n)).toEqual({
      code: 'MLIJO_HANDOVER_TOO_MUCH',
      cashCollectedRupiah: 10_000n,
    });
  });
  it('property: handed over + shortfall = cash collected; cash + QRIS + sukarela = delivered', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            totalRupiah: fc.bigInt({ min: 1n, max: 5_000_000n }),
            paymentMethod: fc.constantFrom(
              'cash' as const,
              'qris' as const,
              'member_account' as const,
            ),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        fc.oneof(
          fc.integer({ min: 0, max: 5000 }).map((bps) => ({ bps })),
          fc.bigInt({ min: 0n, max: 10_000n }).map((perOrderRupiah) => ({ perOrderRupiah })),
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (orders, rule, part) => {
          const cash = orders
            .filter((o) => o.paymentMethod === 'cash')
            .reduce((t, o) => t + o.totalRupiah, 0n);
          const handed = BigInt(Math.floor(Number(cash) * part));
          const s = settle(orders, rule, handed);
          if ('code' in s) throw new Error(s.code);
          expect(s.handedOverRupiah + s.shortfallRupiah).toBe(s.cashCollectedRupiah);
          expect(s.cashCollectedRupiah + s.qrisRupiah + s.sukarelaRupiah).toBe(s.deliveredRupiah);
          expect(s.shortfallRupiah >= 0n).toBe(true);
          expect(s.commissionRupiah >= 0n).toBe(true);
          if ('bps' in rule) expect(s.commissionRupiah <= s.deliveredRupiah / 2n + 1n).toBe(true);
          else expect(s.commissionRupiah).toBe(rule.perOrderRupiah * BigInt(orders.length));
        },
      ),
    );
  });
});
