import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dailyBalanceInterest,
  endOfDayBalances,
  lowestBalanceInterest,
  sukarelaMonthInterest,
} from '../../../src/domain/savings/interest.js';
import { SUKARELA_6_PERCENT } from './fixtures.js';

const constant = (days: number, b: bigint) => new Array<bigint>(days).fill(b);

/** June 2026 (30 days) at 6 % a year, the worked example's terms. */
const JUNE_6_PERCENT = { yearMonth: '2026-06', annualRateBps: 600n } as const;

/** Daily-balance interest for June at 6 %, actual/365. */
const juneDaily = (endOfDayBalancesRupiah: bigint[], minimumBalanceForInterestRupiah = 0n) =>
  dailyBalanceInterest({
    ...JUNE_6_PERCENT,
    endOfDayBalancesRupiah,
    minimumBalanceForInterestRupiah,
    dayCount: 'actual/365',
  });

describe('end-of-day balances', () => {
  it('carry the opening balance and apply each movement from its day on', () => {
    const b = endOfDayBalances({
      yearMonth: '2026-02',
      openingBalanceRupiah: 100n,
      movements: [
        { date: '2026-02-03', amountRupiah: 50n },
        { date: '2026-02-03', amountRupiah: -20n },
        { date: '2026-02-28', amountRupiah: 1n },
      ],
    });
    expect(b).toHaveLength(28);
    expect(b.slice(0, 4)).toEqual([100n, 100n, 130n, 130n]);
    expect(b[27]).toBe(131n);
  });
  it('refuse a movement from another month (programmer error)', () => {
    expect(() =>
      endOfDayBalances({
        yearMonth: '2026-02',
        openingBalanceRupiah: 0n,
        movements: [{ date: '2026-03-01', amountRupiah: 1n }],
      }),
    ).toThrow();
  });
});

describe('daily-balance interest (saldo harian)', () => {
  // savings.md worked example, June 2026 (30 days), 6 %:
  // Rp 2,000,000 for days 1–10, a deposit of Rp 3,000,000 on the 11th, Rp 5,000,000 for days 11–30.
  // Σ balances = 2,000,000 × 10 + 5,000,000 × 20 = 120,000,000 rupiah-days
  // interest = 120,000,000 × 600 / (10,000 × 365) = 72,000,000,000 / 3,650,000 = 19,726.03 → Rp 19,726
  // (the doc's 3,287.67 + 16,438.36 = 19,726.03).
  const june = endOfDayBalances({
    yearMonth: '2026-06',
    openingBalanceRupiah: 2_000_000n,
    movements: [{ date: '2026-06-11', amountRupiah: 3_000_000n }],
  });
  it('matches the worked example of savings.md: Rp 19,726', () => {
    expect(juneDaily(june)).toBe(19_726n);
  });
  it('uses 365 in a leap year unless the product says actual/actual', () => {
    // February 2028 (29 days), Rp 1,000,000 all month at 6 %:
    // actual/365:    1,000,000 × 600 × 29 / 3,650,000 = 4,767.12 → 4,767
    // actual/actual: 1,000,000 × 600 × 29 / 3,660,000 = 4,754.09 → 4,754
    const feb = constant(29, 1_000_000n);
    const input = {
      yearMonth: '2028-02',
      endOfDayBalancesRupiah: feb,
      annualRateBps: 600n,
      minimumBalanceForInterestRupiah: 0n,
    };
    expect(dailyBalanceInterest({ ...input, dayCount: 'actual/365' })).toBe(4_767n);
    expect(dailyBalanceInterest({ ...input, dayCount: 'actual/actual' })).toBe(4_754n);
  });
  it('days under the minimum balance for interest earn nothing', () => {
    // June, minimum Rp 100,000: Rp 50,000 for 15 days (nothing), Rp 200,000 for 15 days:
    // 200,000 × 15 × 600 / 3,650,000 = 493.15 → Rp 493
    const b = [...constant(15, 50_000n), ...constant(15, 200_000n)];
    expect(juneDaily(b, 100_000n)).toBe(493n);
  });
  it('needs exactly one balance per day of the month', () => {
    expect(() => juneDaily(constant(31, 1n))).toThrow();
  });
});

describe('lowest-balance interest (saldo terendah)', () => {
  it('matches the worked example of savings.md: Rp 10,000', () => {
    // Same June: lowest end-of-day balance (opening included) Rp 2,000,000.
    // 2,000,000 × 600 / (10,000 × 12) = 1,200,000,000 / 120,000 = Rp 10,000
    const june = [...constant(10, 2_000_000n), ...constant(20, 5_000_000n)];
    expect(
      lowestBalanceInterest({
        ...JUNE_6_PERCENT,
        openingBalanceRupiah: 2_000_000n,
        endOfDayBalancesRupiah: june,
        minimumBalanceForInterestRupiah: 0n,
      }),
    ).toBe(10_000n);
  });
  it('counts the opening balance: an account opened during the month earns nothing that month', () => {
    expect(
      lowestBalanceInterest({
        ...JUNE_6_PERCENT,
        openingBalanceRupiah: 0n,
        endOfDayBalancesRupiah: constant(30, 9_000_000n),
        minimumBalanceForInterestRupiah: 0n,
      }),
    ).toBe(0n);
  });
  it('a lowest balance under the minimum for interest earns nothing', () => {
    const b = [...constant(29, 1_000_000n), 99_999n];
    const input = {
      ...JUNE_6_PERCENT,
      openingBalanceRupiah: 1_000_000n,
      endOfDayBalancesRupiah: b,
    };
    expect(lowestBalanceInterest({ ...input, minimumBalanceForInterestRupiah: 100_000n })).toBe(0n);
    // 99,999 × 600 / 120,000 = 499.995 → 499
    expect(lowestBalanceInterest({ ...input, minimumBalanceForInterestRupiah: 0n })).toBe(499n);
  });
  it('pays one twelfth of a year, so in a 30-day month it can pay more than daily balance', () => {
    // Rp 1,000,000 all June at 6 %: lowest 1,000,000 × 600 / 120,000 = 5,000;
    // daily 1,000,000 × 600 × 30 / 3,650,000 = 4,931.5 → 4,931. (In a 31-day month daily gives 5,095.)
    const b = constant(30, 1_000_000n);
    const lowest = lowestBalanceInterest({
      ...JUNE_6_PERCENT,
      openingBalanceRupiah: 1_000_000n,
      endOfDayBalancesRupiah: b,
      minimumBalanceForInterestRupiah: 0n,
    });
    const daily = juneDaily(b);
    expect([lowest, daily]).toEqual([5_000n, 4_931n]);
  });
});

describe('a sukarela month under its product', () => {
  const product = SUKARELA_6_PERCENT;
  const month = {
    yearMonth: '2026-06',
    openingBalanceRupiah: 2_000_000n,
    endOfDayBalancesRupiah: [...constant(10, 2_000_000n), ...constant(20, 5_000_000n)],
    dormant: false,
  };
  it("uses the product's method", () => {
    expect(sukarelaMonthInterest(product, month)).toBe(19_726n);
    expect(sukarelaMonthInterest({ ...product, interestMethod: 'lowest-balance' }, month)).toBe(
      10_000n,
    );
  });
  it('a dormant account earns nothing when the product stops interest on dormancy, else the usual', () => {
    expect(sukarelaMonthInterest(product, { ...month, dormant: true })).toBe(0n);
    expect(
      sukarelaMonthInterest(
        { ...product, dormantStopsInterest: false },
        { ...month, dormant: true },
      ),
    ).toBe(19_726n);
  });
});

describe('interest properties', () => {
  const monthArb = fc
    .record({ year: fc.integer({ min: 2000, max: 2100 }), month: fc.integer({ min: 1, max: 12 }) })
    .map(({ year, month }) => ({
      yearMonth: `${year}-${String(month).padStart(2, '0')}`,
      days: new Date(Date.UTC(year, month, 0)).getUTCDate(),
    }));
  const balance = fc.bigInt({ min: 0n, max: 10_000_000_000n });
  const monthWithBalances = monthArb.chain((m) =>
    fc.record({
      yearMonth: fc.constant(m.yearMonth),
      days: fc.constant(m.days),
      opening: balance,
      balances: fc.array(balance, { minLength: m.days, maxLength: m.days }),
      rate: fc.bigInt({ min: 0n, max: 10_000n }),
      min: fc.bigInt({ min: 0n, max: 1_000_000n }),
    }),
  );
  const daily = (x: { yearMonth: string; balances: bigint[]; rate: bigint; min: bigint }) =>
    dailyBalanceInterest({
      yearMonth: x.yearMonth,
      endOfDayBalancesRupiah: x.balances,
      annualRateBps: x.rate,
      minimumBalanceForInterestRupiah: x.min,
      dayCount: 'actual/365',
    });
  const lowest = (x: {
    yearMonth: string;
    opening: bigint;
    balances: bigint[];
    rate: bigint;
    min: bigint;
  }) =>
    lowestBalanceInterest({
      yearMonth: x.yearMonth,
      openingBalanceRupiah: x.opening,
      endOfDayBalancesRupiah: x.balances,
      annualRateBps: x.rate,
      minimumBalanceForInterestRupiah: x.min,
    });

  it('interest is never negative', () => {
    fc.assert(fc.property(monthWithBalances, (x) => daily(x) >= 0n && lowest(x) >= 0n));
  });
  it('daily-balance interest is the exact sum rounded down: short of it by less than one rupiah', () => {
    fc.assert(
      fc.property(monthWithBalances, (x) => {
        const exactNumerator =
          x.balances.filter((b) => b >= x.min).reduce((s, b) => s + b, 0n) * x.rate;
        const i = daily(x);
        return i * 3_650_000n <= exactNumerator && exactNumerator < (i + 1n) * 3_650_000n;
      }),
    );
  });
  it('in a 31-day month lowest-balance interest never exceeds daily-balance interest', () => {
    // lowest × r / 12 ≤ lowest × r × 31/365 ≤ Σ b × r / 365, and rounding down keeps the order.
    fc.assert(
      fc.property(
        monthWithBalances.filter((x) => x.days === 31),
        (x) => lowest(x) <= daily(x),
      ),
    );
  });
  it('lowest-balance interest never exceeds interest on the average balance at r/12', () => {
    // The order that holds in every month: min ≤ average.
    fc.assert(
      fc.property(monthWithBalances, (x) => {
        const eligible = x.balances.map((b) => (b >= x.min ? b : 0n));
        const sum = eligible.reduce((s, b) => s + b, 0n);
        const averageInterestNumerator = sum * x.rate; // ÷ (days × 120,000)
        return lowest(x) * BigInt(x.days) * 120_000n <= averageInterestNumerator;
      }),
    );
  });
  it('more money never earns less', () => {
    fc.assert(
      fc.property(monthWithBalances, fc.bigInt({ min: 0n, max: 1_000_000n }), (x, extra) => {
        const richer = {
          ...x,
          opening: x.opening + extra,
          balances: x.balances.map((b) => b + extra),
        };
        return daily(richer) >= daily(x) && lowest(richer) >= lowest(x);
      }),
    );
  });
});
