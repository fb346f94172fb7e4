import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildDeferredSchedule,
  buildSchedule,
  dueDate,
  isSharia,
  periodRate,
  roundHalfUp,
  summariseSchedule,
  type DeferralInterestRule,
  type Instalment,
  type LoanMethod,
  type ScheduleTerms,
} from '../../../src/domain/loans/schedule.js';
import { disbursementFees } from '../../../src/domain/loans/fees.js';
import { allocatePayment } from '../../../src/domain/loans/payment-allocation.js';
import * as terms from '../../../src/services/loans/terms.js';

/**
 * Worked examples, computed by hand (docs/domain/loans.md "Schedules"):
 * interest half-up per instalment, principal floored, every remainder on the last instalment.
 * r = 1.5 % a month = 0.015 for monthly instalments. The figures were also re-derived
 * independently with exact fractions (Python `fractions`), not read back from the code.
 */
const base = (over: Partial<ScheduleTerms>): ScheduleTerms => ({
  method: 'flat',
  principalRupiah: 10_000_000n,
  ratePercent: '1.5',
  ratePeriod: 'month',
  frequency: 'monthly',
  tenor: 12,
  gracePrincipalPeriods: 0,
  startDate: '2026-12-01',
  ...over,
});
const sum = (rows: readonly Instalment[], f: (i: Instalment) => bigint) =>
  rows.reduce((s, i) => s + f(i), 0n);
const P = (i: Instalment) => i.principalRupiah;
const I = (i: Instalment) => i.interestRupiah;
const at = (rows: readonly Instalment[], k: number) => {
  const row = rows[k - 1];
  if (!row) throw new Error(`no instalment ${k}`);
  return [row.principalRupiah, row.interestRupiah];
};
/** The named instalments ([principal, interest] by number) and the totals worked out by hand. */
const expectSchedule = (
  rows: readonly Instalment[],
  named: Record<number, [bigint, bigint]>,
  totals: { principal?: bigint; interest: bigint },
) => {
  for (const [k, pair] of Object.entries(named))
    expect(at(rows, Number(k)), `instalment ${k}`).toEqual(pair);
  if (totals.principal !== undefined) expect(sum(rows, P)).toBe(totals.principal);
  expect(sum(rows, I)).toBe(totals.interest);
};

describe('worked examples (by hand)', () => {
  it('flat: Rp 10,000,000, 1.5 %/month, 12 months', () => {
    // total interest = 10,000,000 × 0.015 × 12 = 1,800,000; per instalment 1,800,000 / 12 = 150,000
    // principal = floor(10,000,000 / 12) = floor(833,333.33) = 833,333
    // #1: 833,333 + 150,000 = 983,333      #2: 833,333 + 150,000 = 983,333
    // #12: principal = 10,000,000 − 11 × 833,333 = 10,000,000 − 9,166,663 = 833,337 (remainder 4)
    //      interest  = 1,800,000 − 11 × 150,000 = 150,000; instalment 983,337
    const s = buildSchedule(base({ method: 'flat' }));
    expect(s).toHaveLength(12);
    expectSchedule(
      s,
      { 1: [833_333n, 150_000n], 2: [833_333n, 150_000n], 12: [833_337n, 150_000n] },
      { principal: 10_000_000n, interest: 1_800_000n },
    );
    // instalment k is due k months after the start date
    expect(s[0]?.dueOn).toBe('2027-01-01');
    expect(s[11]?.dueOn).toBe('2027-12-01');
  });

  it('effective (declining): Rp 10,000,000, 1.5 %/month, 12 months', () => {
    // principal 833,333 each (as flat), 833,337 last
    // #1: interest = 10,000,000 × 0.015 = 150,000                         → 833,333 + 150,000 = 983,333
    // #2: outstanding 10,000,000 − 833,333 = 9,166,667; × 0.015 = 137,500.005 → 137,500 (half-up)
    //     → 833,333 + 137,500 = 970,833
    // #12: outstanding 10,000,000 − 11 × 833,333 = 833,337; × 0.015 = 12,500.055 → 12,500
    //      principal = the remainder 833,337 → 845,837
    // total interest: #k = 150,000 − (k−1) × 12,499.995, each rounding down to 150,000 − (k−1) × 12,500,
    //   so 12 × 150,000 − 12,500 × (0+1+…+11) = 1,800,000 − 825,000 = 975,000 (loans.md's example)
    const s = buildSchedule(base({ method: 'effective' }));
    expectSchedule(
      s,
      { 1: [833_333n, 150_000n], 2: [833_333n, 137_500n], 12: [833_337n, 12_500n] },
      { principal: 10_000_000n, interest: 975_000n },
    );
  });

  it('annuity: Rp 10,000,000, 1.5 %/month, 12 months', () => {
    // (1.015)^12 = 1.195618171…; A = 10,000,000 × 0.015 × 1.195618171 / 0.195618171 = 916,799.929… → 916,800
    // #1: interest 10,000,000 × 0.015 = 150,000; principal 916,800 − 150,000 = 766,800; left 9,233,200
    // #2: interest 9,233,200 × 0.015 = 138,498; principal 916,800 − 138,498 = 778,302; left 8,454,898
    // #3..#11 the same way leave (after #k): 7,664,921 · 6,863,095 · 6,049,241 · 5,223,180 · 4,384,728 ·
    //   3,533,699 · 2,669,904 · 1,793,153 · 903,250
    // #12: interest 903,250 × 0.015 = 13,548.75 → 13,549; principal = all that is left, 903,250;
    //      instalment 916,799 (1 below A: the half-up A over-collected 0.07 a month)
    // total = 11 × 916,800 + 916,799 = 11,001,599 → interest 1,001,599 (loans.md: ≈ 1,001,599)
    const s = buildSchedule(base({ method: 'annuity' }));
    for (const row of s.slice(0, 11))
      expect(row.principalRupiah + row.interestRupiah).toBe(916_800n);
    expectSchedule(
      s,
      {
        1: [766_800n, 150_000n],
        2: [778_302n, 138_498n],
        11: [889_903n, 26_897n],
        12: [903_250n, 13_549n],
      },
      { principal: 10_000_000n, interest: 1_001_599n },
    );
  });

  it('murabahah: cost Rp 12,345,678, margin 1.5 %/month, 12 months', () => {
    // margin M = 12,345,678 × 0.015 × 12 = 2,222,222.04 → 2,222,222 (half-up, fixed at signing)
    // margin per instalment = floor(2,222,222 / 12) = floor(185,185.17) = 185,185
    // cost part = floor(12,345,678 / 12) = floor(1,028,806.5) = 1,028,806
    // #1 = #2 = 1,028,806 + 185,185 = 1,213,991
    // #12: cost 12,345,678 − 11 × 1,028,806 = 12,345,678 − 11,316,866 = 1,028,812 (remainder 6)
    //      margin 2,222,222 − 11 × 185,185 = 2,222,222 − 2,037,035 = 185,187 (remainder 2)
    const s = buildSchedule(base({ method: 'murabahah', principalRupiah: 12_345_678n }));
    expectSchedule(
      s,
      { 1: [1_028_806n, 185_185n], 2: [1_028_806n, 185_185n], 12: [1_028_812n, 185_187n] },
      { principal: 12_345_678n, interest: 2_222_222n },
    );
  });

  it('effective with 3 months of grace on principal: Rp 12,000,000, 1.5 %/month, 12 months', () => {
    // #1..#3 interest only: 12,000,000 × 0.015 = 180,000, principal 0
    // then 9 amortising instalments: principal floor(12,000,000 / 9) = floor(1,333,333.33) = 1,333,333
    // #4: outstanding still 12,000,000 → interest 180,000; 1,333,333 + 180,000 = 1,513,333
    // #5: outstanding 10,666,667 × 0.015 = 160,000.005 → 160,000; 1,333,333 + 160,000 = 1,493,333
    // #12: principal 12,000,000 − 8 × 1,333,333 = 12,000,000 − 10,666,664 = 1,333,336 (remainder 3)
    //      interest 1,333,336 × 0.015 = 20,000.04 → 20,000
    // total interest 3 × 180,000 + (180,000 + 160,000 + … + 20,000) = 540,000 + 900,000 = 1,440,000
    const s = buildSchedule(
      base({ method: 'effective', principalRupiah: 12_000_000n, gracePrincipalPeriods: 3 }),
    );
    for (const k of [1, 2, 3]) expect(at(s, k), `instalment ${k}`).toEqual([0n, 180_000n]);
    expectSchedule(
      s,
      { 4: [1_333_333n, 180_000n], 5: [1_333_333n, 160_000n], 12: [1_333_336n, 20_000n] },
      { principal: 12_000_000n, interest: 1_440_000n },
    );
  });

  describe('deferral: 2-month payment holiday, effective, Rp 12,000,000, 1.5 %/month, 12 months, disbursed 31 Jan', () => {
    // holiday interest = 2 × (12,000,000 × 0.015) = 2 × 180,000 = 360,000 (simple, on P)
    // nothing falls due in Feb and Mar; instalment k is due 2 + k months after 31 Jan 2026:
    // #1 on 30 Apr 2026 (no 31 April), #2 on 31 May, #12 (14 months on) on 31 Mar 2027.
    const t = base({ method: 'effective', principalRupiah: 12_000_000n, startDate: '2026-01-31' });

    it("'capitalise': the holiday interest becomes principal", () => {
      // principal 12,000,000 + 360,000 = 12,360,000; 12,360,000 / 12 = 1,030,000 exactly
      // #1: 12,360,000 × 0.015 = 185,400              → 1,030,000 + 185,400 = 1,215,400
      // #2: (12,360,000 − 1,030,000) × 0.015 = 11,330,000 × 0.015 = 169,950 → 1,199,950
      // #12: 1,030,000 × 0.015 = 15,450; no remainder → 1,045,450
      // interest 0.015 × 1,030,000 × (12 + 11 + … + 1) = 15,450 × 78 = 1,205,100
      const d = buildDeferredSchedule(t, { periods: 2, interestRule: 'capitalise' });
      expect(d.holidayInterestRupiah).toBe(360_000n);
      expect(d.principalRupiah).toBe(12_360_000n);
      const s = d.instalments;
      expectSchedule(
        s,
        { 1: [1_030_000n, 185_400n], 2: [1_030_000n, 169_950n], 12: [1_030_000n, 15_450n] },
        { principal: 12_360_000n, interest: 1_205_100n },
      );
      expect(s.map((r) => r.dueOn).slice(0, 3)).toEqual(['2026-04-30', '2026-05-31', '2026-06-30']);
      expect(s[11]?.dueOn).toBe('2027-03-31');
    });

    it("'accrue-to-end': the holiday interest is added to the last instalment", () => {
      // as without a holiday: principal 1,000,000 each; #1 interest 180,000; #2 11,000,000 × 0.015 = 165,000
      // #12: 1,000,000 × 0.015 = 15,000 + 360,000 = 375,000
      // interest 15,000 × 78 + 360,000 = 1,170,000 + 360,000 = 1,530,000
      const s = buildDeferredSchedule(t, { periods: 2, interestRule: 'accrue-to-end' }).instalments;
      expectSchedule(
        s,
        { 1: [1_000_000n, 180_000n], 2: [1_000_000n, 165_000n], 12: [1_000_000n, 375_000n] },
        { interest: 1_530_000n },
      );
    });

    it("'waive': the holiday interest is forgiven, the instalments only move", () => {
      const d = buildDeferredSchedule(t, { periods: 2, interestRule: 'waive' });
      const plain = buildSchedule(t);
      expect(d.principalRupiah).toBe(12_000_000n);
      expect(d.instalments.map((r) => [r.principalRupiah, r.interestRupiah])).toEqual(
        plain.map((r) => [r.principalRupiah, r.interestRupiah]),
      );
      expect(sum(d.instalments, I)).toBe(1_170_000n);
      expect(d.instalments[0]?.dueOn).toBe('2026-04-30');
    });

    it('a murabahah margin never grows during a holiday', () => {
      const d = buildDeferredSchedule(
        { ...t, method: 'murabahah' },
        { periods: 3, interestRule: 'capitalise' },
      );
      expect(d.holidayInterestRupiah).toBe(0n);
      expect(d.principalRupiah).toBe(12_000_000n);
      expect(sum(d.instalments, I)).toBe(2_160_000n); // 12,000,000 × 0.015 × 12
    });
  });

  it('terms.ts (the services’ seam) delegates to the domain module', () => {
    expect(terms.buildSchedule).toBe(buildSchedule);
    expect(terms.dueDate).toBe(dueDate);
    expect(terms.roundHalfUp).toBe(roundHalfUp);
    expect(terms.allocatePayment).toBe(allocatePayment);
    expect(terms.disbursementFees).toBe(disbursementFees);
  });

  it('summariseSchedule: running balance and totals', () => {
    const s = summariseSchedule(10_000_000n, buildSchedule(base({ method: 'flat' })));
    expect(s.rows[0]).toMatchObject({ totalRupiah: 983_333n, remainingRupiah: 9_166_667n });
    expect(s.rows[11]).toMatchObject({ totalRupiah: 983_337n, remainingRupiah: 0n });
    expect([s.principalRupiah, s.interestRupiah, s.totalRupiah]).toEqual([
      10_000_000n,
      1_800_000n,
      11_800_000n,
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const METHODS: LoanMethod[] = ['flat', 'effective', 'annuity', 'murabahah', 'ijarah', 'qardh'];
const RULES: DeferralInterestRule[] = ['capitalise', 'accrue-to-end', 'waive'];

const rateText = fc
  .tuple(
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 0, max: 4 }),
  )
  .map(([i, f, digits]) =>
    digits === 0 ? String(i) : `${i}.${String(f).padStart(4, '0').slice(0, digits)}`,
  );
const isoDate = fc
  .record({
    y: fc.integer({ min: 2000, max: 2100 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
  })
  .map(({ y, m, d }) => dueDate(`${y}-${String(m).padStart(2, '0')}-01`, 'daily', d - 1));

const termsArb: fc.Arbitrary<ScheduleTerms> = fc
  .record({
    method: fc.constantFrom(...METHODS),
    principalRupiah: fc.bigInt({ min: 1n, max: 10n ** 13n }),
    ratePercent: rateText,
    ratePeriod: fc.constantFrom('day' as const, 'week' as const, 'month' as const, 'year' as const),
    frequency: fc.constantFrom('monthly' as const, 'weekly' as const, 'daily' as const),
    tenor: fc.integer({ min: 1, max: 120 }),
    grace: fc.integer({ min: 0, max: 130 }),
    startDate: isoDate,
  })
  .map(({ grace, ...t }) => ({ ...t, gracePrincipalPeriods: grace }));

/** Independent check of the interest column (loans.md): each instalment's interest is the
 *  half-up interest on the outstanding before it (effective, annuity), or the total P·r·n half-up
 *  spread evenly (flat family); either way the schedule sums to P + that total. */
function expectedInterest(t: ScheduleTerms, rows: readonly Instalment[]): bigint {
  const r =
    t.method === 'qardh'
      ? { num: 0n, den: 1n }
      : periodRate(t.ratePercent, t.ratePeriod, t.frequency);
  if (t.method === 'effective' || (t.method === 'annuity' && r.num > 0n)) {
    let outstanding = t.principalRupiah;
    let total = 0n;
    for (const row of rows) {
      total += roundHalfUp(outstanding * r.num, r.den);
      outstanding -= row.principalRupiah;
    }
    return total;
  }
  return roundHalfUp(t.principalRupiah * r.num * BigInt(t.tenor), r.den);
}

function checkShape(principal: bigint, rows: readonly Instalment[], tenor: number) {
  expect(rows.map((r) => r.instalmentNo)).toEqual(Array.from({ length: tenor }, (_, i) => i + 1));
  for (const row of rows) {
    expect(row.principalRupiah >= 0n).toBe(true);
    expect(row.interestRupiah >= 0n).toBe(true);
  }
  for (let i = 1; i < rows.length; i++)
    expect((rows[i]?.dueOn ?? '') > (rows[i - 1]?.dueOn ?? '')).toBe(true);
  const s = summariseSchedule(principal, rows);
  let previous = principal;
  for (const row of s.rows) {
    expect(row.remainingRupiah >= 0n && row.remainingRupiah <= previous).toBe(true);
    previous = row.remainingRupiah;
  }
  expect(s.rows.at(-1)?.remainingRupiah).toBe(0n);
  expect(s.principalRupiah).toBe(principal);
  expect(s.totalRupiah).toBe(principal + s.interestRupiah);
  expect(sum(rows, (r) => r.principalRupiah + r.interestRupiah)).toBe(principal + sum(rows, I));
  return s;
}

describe('schedule properties', () => {
  it('every schedule repays P exactly plus its total interest, nothing negative, balance ends at 0', () => {
    fc.assert(
      fc.property(termsArb, (t) => {
        const rows = buildSchedule(t);
        const s = checkShape(t.principalRupiah, rows, t.tenor);
        expect(s.totalRupiah).toBe(t.principalRupiah + expectedInterest(t, rows));
        const grace = Math.min(t.gracePrincipalPeriods, t.tenor - 1);
        for (const row of rows.slice(0, grace)) expect(row.principalRupiah).toBe(0n);
      }),
      { numRuns: 400 },
    );
  });

  it('annuity instalments are constant but for the last', () => {
    fc.assert(
      fc.property(termsArb, (t0) => {
        // Realistic terms (≤ 3 % a month, ≤ 120 monthly instalments): at extreme rates the half
        // rupiah of the rounded instalment compounds ((1+r)^n) until the loan is repaid early and
        // the tail shrinks, which the remainder-on-the-last rule then absorbs (seen at 43.68 %/month
        // weekly over 118 weeks).
        const t = {
          ...t0,
          method: 'annuity' as const,
          principalRupiah: t0.principalRupiah + 1_000_000n,
          ratePercent: String(Math.min(Number(t0.ratePercent), 3)),
          ratePeriod: 'month' as const,
          frequency: 'monthly' as const,
          tenor: Math.min(t0.tenor, 120),
        };
        const rows = buildSchedule(t);
        const grace = Math.min(t.gracePrincipalPeriods, t.tenor - 1);
        const amortising = rows.slice(grace, -1).map((r) => r.principalRupiah + r.interestRupiah);
        expect(new Set(amortising).size <= 1).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a deferred schedule keeps the same properties and moves every instalment by the holiday', () => {
    fc.assert(
      fc.property(
        termsArb,
        fc.integer({ min: 0, max: 24 }),
        fc.constantFrom(...RULES),
        (t, periods, interestRule) => {
          const plain = buildSchedule(t);
          const d = buildDeferredSchedule(t, { periods, interestRule });
          const s = checkShape(d.principalRupiah, d.instalments, t.tenor);
          if (isSharia(t.method)) expect(d.holidayInterestRupiah).toBe(0n);
          if (periods === 0) expect(d.holidayInterestRupiah).toBe(0n);
          expect(d.principalRupiah).toBe(
            t.principalRupiah + (interestRule === 'capitalise' ? d.holidayInterestRupiah : 0n),
          );
          if (interestRule !== 'capitalise') {
            const extra = interestRule === 'accrue-to-end' ? d.holidayInterestRupiah : 0n;
            expect(s.interestRupiah).toBe(sum(plain, I) + extra);
          }
          d.instalments.forEach((row, i) =>
            expect(row.dueOn).toBe(dueDate(t.startDate, t.frequency, periods + i + 1)),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
