import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareAccountIds,
  computeBagiHasil,
  dailyBalanceSum,
  parsePercent,
  percentText,
  rational,
  type BagiHasilInput,
  type BagiHasilProduct,
  type Rational,
} from '../../../src/domain/sharia/bagi-hasil.js';

const pct = (text: string): Rational => {
  const r = parsePercent(text);
  if (typeof r === 'string') throw new Error(r);
  return r;
};
const whole = (fromDay: number, toDay: number, balanceRupiah: bigint) => ({
  fromDay,
  toDay,
  balanceRupiah,
});
const lte = (a: Rational, b: Rational) => a.n * b.d <= b.n * a.d;

/**
 * sharia.md §b.3, June 2025 (D = 30): P1 Tabungan Mudharabah 30:70, w 85 %; P2 Simpanan Berjangka
 * Mudharabah 45:55, w 95 %; F = 40.000.000, P = 960.000. I = 25.120.976,083 < F, so P/F = 0,024.
 */
const JUNE_2025: BagiHasilInput = {
  days: 30,
  incomeRupiah: 960_000n,
  averageFinancingRupiah: 40_000_000n,
  products: [
    {
      code: 'P1',
      nisbahAnggota: pct('30'),
      weight: pct('85'),
      accounts: [
        // 4.125.350 on days 1–10, 6.980.000 on days 11–30: N = 180.853.500
        { id: 'A1', balances: [whole(1, 10, 4_125_350n), whole(11, 30, 6_980_000n)] },
        // opened 17 June: 14 days × 2.512.925 = 35.180.950
        { id: 'A2', balances: [whole(17, 30, 2_512_925n)] },
      ],
    },
    {
      code: 'P2',
      nisbahAnggota: pct('45'),
      weight: pct('95'),
      accounts: [{ id: 'B1', balances: [whole(1, 30, 20_000_000n)] }],
    },
  ],
};

describe('the worked example of sharia.md §b.3', () => {
  const r = computeBagiHasil(JUNE_2025);
  const [p1, p2] = r.products;

  it('daily-balance sums, averages and investable balances', () => {
    expect(r.accounts.map((a) => a.dailyBalanceSumRupiah)).toEqual([
      180_853_500n,
      35_180_950n,
      600_000_000n,
    ]);
    expect(p1?.dailyBalanceSumRupiah).toBe(216_034_450n);
    // S1 = 7.201.148,333… = 21.603.445 / 3; I1 = S1 × 0,85
    expect(p1?.averageBalance).toEqual(rational(21_603_445n, 3n));
    expect(p1?.investableBalance).toEqual(rational(21_603_445n * 17n, 60n));
    expect(p2?.averageBalance).toEqual(rational(20_000_000n));
    expect(p2?.investableBalance).toEqual(rational(19_000_000n));
    expect(r.divisorIs).toBe('financing');
  });

  it('income shares 146.903,426 and 456.000; pools 44.071,0278 → 44.071 and 205.200', () => {
    expect(p1?.incomeShare).toEqual(rational(146_903_426n, 1000n));
    expect(p2?.incomeShare).toEqual(rational(456_000n));
    expect(p1?.pool).toEqual(rational(440_710_278n, 10_000n));
    expect([p1?.poolRupiah, p2?.poolRupiah]).toEqual([44_071n, 205_200n]);
  });

  it('A1 36.894, A2 7.177 (the leftover rupiah: ,9138 beats ,114), B1 205.200; 249.271 paid', () => {
    expect(r.accounts.map((a) => [a.id, a.shareRupiah])).toEqual([
      ['A1', 36_894n],
      ['A2', 7_177n],
      ['B1', 205_200n],
    ]);
    // A1's exact entitlement is 36.894,114; A2's 7.176,9138
    expect(r.accounts[0]?.entitlement).toEqual(rational(36_894_114n, 1000n));
    expect(r.accounts[1]?.entitlement).toEqual(rational(71_769_138n, 10_000n));
    expect(r.distributedRupiah).toBe(249_271n);
    expect(r.retainedRupiah).toBe(960_000n - 249_271n);
  });

  it('equivalent rates 0,612 % and 1,026 % a month (= P/F × w × n)', () => {
    expect([p1?.ratePerMonthPercent, p2?.ratePerMonthPercent]).toEqual(['0.612', '1.026']);
    expect(p1?.ratePerMonth).toEqual(rational(612n, 100_000n));
  });
});

describe('hand-computed months', () => {
  it('funds below financing: only P × I/F is shared, the rest is the KSPPS’s own-capital return', () => {
    // S = 6.000.000, I = 4.800.000 < F = 10.000.000: R = 1.000.000 × 0,48 = 480.000; D = 40 % = 192.000
    const r = computeBagiHasil({
      days: 30,
      incomeRupiah: 1_000_000n,
      averageFinancingRupiah: 10_000_000n,
      products: [
        {
          code: 'TAB',
          nisbahAnggota: pct('40'),
          weight: pct('80'),
          accounts: [{ id: 'X', balances: [whole(1, 30, 6_000_000n)] }],
        },
      ],
    });
    expect(r.divisorIs).toBe('financing');
    expect(r.products[0]?.incomeShare).toEqual(rational(480_000n));
    expect(r.products[0]?.poolRupiah).toBe(192_000n);
    expect(r.accounts[0]?.shareRupiah).toBe(192_000n);
    // r = 192.000 / 6.000.000 = 3,2 %
    expect(r.products[0]?.ratePerMonthPercent).toBe('3.200');
    expect(r.retainedRupiah).toBe(808_000n);
  });

  it('funds above financing: all of P is shared by investable balance, idle funds dilute the rate', () => {
    // 31 days; A: S = 2.000.000, w 100 % → I 2.000.000; B: S = 4.000.000, w 50 % → I 2.000.000;
    // I = 4.000.000 ≥ F = 1.000.000: R_A = R_B = 310.000 / 2 = 155.000; D_A = 50 % = 77.500, D_B = 60 % = 93.000
    const r = computeBagiHasil({
      days: 31,
      incomeRupiah: 310_000n,
      averageFinancingRupiah: 1_000_000n,
      products: [
        {
          code: 'A',
          nisbahAnggota: pct('50'),
          weight: pct('100'),
          accounts: [{ id: 'a1', balances: [whole(1, 31, 2_000_000n)] }],
        },
        {
          code: 'B',
          nisbahAnggota: pct('60'),
          weight: pct('50'),
          accounts: [{ id: 'b1', balances: [whole(1, 31, 4_000_000n)] }],
        },
      ],
    });
    expect(r.divisorIs).toBe('funds');
    expect(r.products.map((p) => p.incomeShare)).toEqual([rational(155_000n), rational(155_000n)]);
    expect(r.products.map((p) => p.poolRupiah)).toEqual([77_500n, 93_000n]);
    // 77.500 / 2.000.000 = 3,875 %; 93.000 / 4.000.000 = 2,325 %
    expect(r.products.map((p) => p.ratePerMonthPercent)).toEqual(['3.875', '2.325']);
    expect(r.retainedRupiah).toBe(310_000n - 170_500n);
  });

  it('accounts opened mid-month earn by their days: double the balance for half the month earns the same', () => {
    // February, 28 days. c1 1.000.000 all month (N 28.000.000); c2 opened day 15 with 2.000.000
    // (14 days, N 28.000.000); c3 opened day 22 with 700.000 (7 days, N 4.900.000). N_p 60.900.000,
    // S = 2.175.000 = I; R = 100.000 × 2.175.000 / 100.000.000 = 2.175; D = 50 % = 1.087,5 → 1.087.
    // d = 1.087,5 × N_a / 60.900.000: 500, 500, 87,5 → 500 + 500 + 87 = 1.087, no leftover.
    const r = computeBagiHasil({
      days: 28,
      incomeRupiah: 100_000n,
      averageFinancingRupiah: 100_000_000n,
      products: [
        {
          code: 'TAB',
          nisbahAnggota: pct('50'),
          weight: pct('100'),
          accounts: [
            { id: 'c1', balances: [whole(1, 28, 1_000_000n)] },
            { id: 'c2', balances: [whole(15, 28, 2_000_000n)] },
            { id: 'c3', balances: [whole(22, 28, 700_000n)] },
          ],
        },
      ],
    });
    expect(r.products[0]?.pool).toEqual(rational(2175n, 2n));
    expect(r.products[0]?.poolRupiah).toBe(1087n);
    expect(r.accounts.map((a) => a.entitlement)).toEqual([
      rational(500n),
      rational(500n),
      rational(175n, 2n),
    ]);
    expect(r.accounts.map((a) => a.shareRupiah)).toEqual([500n, 500n, 87n]);
    // 1.087,5 / 2.175.000 = 0,05 %
    expect(r.products[0]?.ratePerMonthPercent).toBe('0.050');
  });

  it('the largest-remainder rupiah on a tie goes to the lower account number (9 before 10 before B)', () => {
    // one product, F = 0, w = n = 100 %: the pool is P = 10; three equal accounts: 3,333… each;
    // floors 3 + 3 + 3 = 9, one rupiah left, all remainders equal → account "9"
    const r = computeBagiHasil({
      days: 30,
      incomeRupiah: 10n,
      averageFinancingRupiah: 0n,
      products: [
        {
          code: 'W',
          nisbahAnggota: pct('100'),
          weight: pct('100'),
          accounts: ['10', 'B', '9'].map((id) => ({ id, balances: [whole(1, 30, 1000n)] })),
        },
      ],
    });
    expect(r.products[0]?.poolRupiah).toBe(10n);
    expect(r.accounts.map((a) => [a.id, a.shareRupiah])).toEqual([
      ['10', 3n],
      ['B', 3n],
      ['9', 4n],
    ]);
  });

  it('two leftover rupiah: the two largest remainders, then the tie by id', () => {
    // pool 10 over N 1 : 1 : 1 : 4 (×1000 × 30 days): d = 10/7 ×(1,1,1,4) = 1,43 1,43 1,43 5,71;
    // floors 1+1+1+5 = 8; remainders ,43 ,43 ,43 ,71 → "big" first, then the lower of the ties "a"
    const r = computeBagiHasil({
      days: 30,
      incomeRupiah: 10n,
      averageFinancingRupiah: 0n,
      products: [
        {
          code: 'W',
          nisbahAnggota: pct('100'),
          weight: pct('100'),
          accounts: [
            { id: 'c', balances: [whole(1, 30, 1000n)] },
            { id: 'b', balances: [whole(1, 30, 1000n)] },
            { id: 'big', balances: [whole(1, 30, 4000n)] },
            { id: 'a', balances: [whole(1, 30, 1000n)] },
          ],
        },
      ],
    });
    expect(r.accounts.map((a) => [a.id, a.shareRupiah])).toEqual([
      ['c', 1n],
      ['b', 1n],
      ['big', 6n],
      ['a', 2n],
    ]);
  });

  it('nothing to share: no funds and no financing, or a product with no balance (rate null)', () => {
    const r = computeBagiHasil({
      days: 31,
      incomeRupiah: 5_000_000n,
      averageFinancingRupiah: 0n,
      products: [
        {
          code: 'EMPTY',
          nisbahAnggota: pct('30'),
          weight: pct('85'),
          accounts: [{ id: 'z', balances: [] }],
        },
      ],
    });
    expect(r.products[0]).toMatchObject({ poolRupiah: 0n, ratePerMonthPercent: null });
    expect(r.accounts[0]?.shareRupiah).toBe(0n);
    expect(r.retainedRupiah).toBe(5_000_000n);
  });

  it('a wadiah product (nisbah 0) takes its investable share of the divisor but pays nothing', () => {
    const r = computeBagiHasil({
      ...JUNE_2025,
      products: [
        ...JUNE_2025.products,
        {
          code: 'WAD',
          nisbahAnggota: pct('0'),
          weight: pct('100'),
          accounts: [{ id: 'W1', balances: [whole(1, 30, 1_000_000n)] }],
        },
      ],
    });
    // I = 26.120.976,08 still < F: P1 and P2 are unchanged
    expect(r.products.map((p) => p.poolRupiah)).toEqual([44_071n, 205_200n, 0n]);
    expect(r.products[2]?.ratePerMonthPercent).toBe('0.000');
  });

  it('refuses input the edge should have refused (programmer error): overlapping segments', () => {
    expect(() =>
      computeBagiHasil({
        ...JUNE_2025,
        products: [
          {
            code: 'X',
            nisbahAnggota: pct('30'),
            weight: pct('85'),
            accounts: [{ id: 'x', balances: [whole(1, 10, 1n), whole(10, 30, 1n)] }],
          },
        ],
      }),
    ).toThrow(/overlap/);
  });
});

describe('parts', () => {
  it('percents are parsed exactly from their text, at most 4 decimals, 0–100', () => {
    expect(parsePercent('45.5')).toEqual(rational(91n, 200n));
    expect(parsePercent('45,5')).toEqual(rational(91n, 200n));
    expect(parsePercent('12.3456')).toEqual(rational(123_456n, 1_000_000n));
    expect(parsePercent('100')).toEqual(rational(1n));
    expect(parsePercent('0')).toEqual(rational(0n));
    expect(parsePercent(String(0.1 + 0.2))).toBe('too-many-decimals');
    expect(parsePercent('12.34567')).toBe('too-many-decimals');
    expect(parsePercent('-1')).toBe('negative');
    expect(parsePercent('100.0001')).toBe('over-100');
    expect(parsePercent('1e2')).toBe('not-decimal');
    expect(parsePercent('')).toBe('not-decimal');
  });

  it('the rate text rounds half up at the third decimal of a percent', () => {
    expect(percentText(rational(5n, 1_000_000n))).toBe('0.001'); // 0,0005 % → 0,001
    expect(percentText(rational(4n, 1_000_000n))).toBe('0.000');
    expect(percentText(rational(1n, 3n))).toBe('33.333');
    expect(percentText(rational(2n, 3n))).toBe('66.667');
  });

  it('daily-balance sums count each segment’s days, both ends included', () => {
    expect(dailyBalanceSum([whole(1, 10, 4_125_350n), whole(11, 30, 6_980_000n)])).toBe(
      180_853_500n,
    );
    expect(dailyBalanceSum([])).toBe(0n);
  });

  it('account ids order: digits first by value, then by code units', () => {
    const ids = ['B', '10', 'a', '9', 'A10', '007', '7', 'A2'];
    expect([...ids].sort(compareAccountIds)).toEqual([
      '007',
      '7',
      '9',
      '10',
      'A10',
      'A2',
      'B',
      'a',
    ]);
  });
});

/** A random month: 1–3 products of 0–6 accounts, each with 0–4 non-overlapping segments. */
const arbitraryMonth: fc.Arbitrary<BagiHasilInput> = fc
  .record({
    days: fc.integer({ min: 28, max: 31 }),
    incomeRupiah: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    averageFinancingRupiah: fc.bigInt({ min: 0n, max: 10n ** 13n }),
    products: fc.array(
      fc.record({
        nisbah: fc.integer({ min: 0, max: 1_000_000 }),
        weight: fc.integer({ min: 0, max: 1_000_000 }),
        accounts: fc.array(
          fc.array(
            fc.record({
              gap: fc.nat(6),
              length: fc.integer({ min: 1, max: 20 }),
              balance: fc.oneof(
                fc.bigInt({ min: 0n, max: 1000n }),
                fc.bigInt({ min: 0n, max: 10n ** 11n }),
              ),
            }),
            { maxLength: 4 },
          ),
          { maxLength: 6 },
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ days, incomeRupiah, averageFinancingRupiah, products }) => {
    let serial = 0;
    return {
      days,
      incomeRupiah,
      averageFinancingRupiah,
      products: products.map((p, pi): BagiHasilProduct => ({
        code: `P${pi}`,
        // 4 decimals of a percent = millionths of one
        nisbahAnggota: rational(BigInt(p.nisbah), 1_000_000n),
        weight: rational(BigInt(p.weight), 1_000_000n),
        accounts: p.accounts.map((segments) => {
          let day = 1;
          const balances = [];
          for (const s of segments) {
            const fromDay = day + s.gap;
            const toDay = Math.min(days, fromDay + s.length - 1);
            if (fromDay > days) break;
            balances.push(whole(fromDay, toDay, s.balance));
            day = toDay + 1;
          }
          return { id: String(serial++), balances };
        }),
      })),
    };
  });

describe('properties', () => {
  it('account shares sum to the product’s paid pool; none is negative; each is floor(d_a) or one more', () => {
    fc.assert(
      fc.property(arbitraryMonth, (input) => {
        const r = computeBagiHasil(input);
        for (const p of r.products) {
          const shares = r.accounts.filter((a) => a.productCode === p.code);
          expect(shares.reduce((s, a) => s + a.shareRupiah, 0n)).toBe(p.poolRupiah);
          for (const a of shares) {
            expect(a.shareRupiah).toBeGreaterThanOrEqual(0n);
            const floor = a.entitlement.n / a.entitlement.d;
            expect(a.shareRupiah - floor).toBeGreaterThanOrEqual(0n);
            expect(a.shareRupiah - floor).toBeLessThanOrEqual(1n);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('the pool never exceeds the product’s income share R_p, and all pools together not P', () => {
    fc.assert(
      fc.property(arbitraryMonth, (input) => {
        const r = computeBagiHasil(input);
        for (const p of r.products) {
          expect(lte(rational(p.poolRupiah), p.incomeShare)).toBe(true);
          expect(lte(p.pool, p.incomeShare)).toBe(true);
        }
        expect(r.distributedRupiah + r.retainedRupiah).toBe(input.incomeRupiah);
        expect(r.retainedRupiah).toBeGreaterThanOrEqual(0n);
      }),
      { numRuns: 300 },
    );
  });

  it('a larger daily-balance sum never gets less (within a product)', () => {
    fc.assert(
      fc.property(arbitraryMonth, (input) => {
        const r = computeBagiHasil(input);
        for (const a of r.accounts)
          for (const b of r.accounts)
            if (
              a.productCode === b.productCode &&
              a.dailyBalanceSumRupiah > b.dailyBalanceSumRupiah
            )
              expect(a.shareRupiah).toBeGreaterThanOrEqual(b.shareRupiah);
      }),
      { numRuns: 300 },
    );
  });

  it('the order accounts are listed in changes no share', () => {
    fc.assert(
      fc.property(arbitraryMonth, fc.integer(), (input, seed) => {
        const shuffled = {
          ...input,
          products: input.products.map((p) => ({
            ...p,
            accounts: [...p.accounts].sort(
              (x, y) => ((Number(x.id) * 7919 + seed) % 13) - ((Number(y.id) * 7919 + seed) % 13),
            ),
          })),
        };
        const byId = (x: BagiHasilInput) =>
          Object.fromEntries(computeBagiHasil(x).accounts.map((a) => [a.id, a.shareRupiah]));
        expect(byId(shuffled)).toEqual(byId(input));
      }),
      { numRuns: 200 },
    );
  });
});

describe("each member's share follows the nisbah in the member's own akad", () => {
  it('a member who agreed 35 % beside one on the product’s 30 %: the same balance, 7/6 the share', () => {
    const r = computeBagiHasil({
      days: 30,
      incomeRupiah: 1_200_000n,
      averageFinancingRupiah: 0n,
      financingDailySumRupiah: 30n * 100_000_000n,
      products: [
        {
          code: 'SM',
          nisbahAnggota: pct('30'),
          weight: pct('100'),
          accounts: [
            { id: '1', balances: [whole(1, 30, 10_000_000n)] },
            { id: '2', balances: [whole(1, 30, 10_000_000n)], nisbahAnggota: pct('35') },
          ],
        },
      ],
    });
    // I = 20.000.000 < F = 100.000.000: R = 1.200.000 × 20/100 = 240.000, half per account;
    // d1 = 120.000 × 30 % = 36.000, d2 = 120.000 × 35 % = 42.000; the pool is their sum
    expect(r.accounts.map((a) => a.shareRupiah)).toEqual([36_000n, 42_000n]);
    expect(r.products[0]!.poolRupiah).toBe(78_000n);
    expect(r.divisorIs).toBe('financing');
  });

  it('the financing as a daily-balance sum: F = sum / days exactly, not rounded to a rupiah', () => {
    const base = {
      days: 30,
      incomeRupiah: 1_000_000n,
      averageFinancingRupiah: 0n,
      products: [
        {
          code: 'SM',
          nisbahAnggota: pct('50'),
          weight: pct('100'),
          accounts: [{ id: '1', balances: [whole(1, 30, 1_000_000n)] }],
        },
      ],
    };
    // F = 90.000.001 / 30 = 3.000.000,0333…: I = 1.000.000 < F, R = P × I / F
    const r = computeBagiHasil({ ...base, financingDailySumRupiah: 90_000_001n });
    // 1.000.000 × 1.000.000 × 30 / 90.000.001 × 50 % = 166.666,6648…
    expect(r.products[0]!.poolRupiah).toBe(166_666n);
    expect(r.products[0]!.pool).toEqual(rational(15_000_000_000_000n, 90_000_001n));
  });
});
