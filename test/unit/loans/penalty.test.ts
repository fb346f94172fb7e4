import { describe, expect, it } from 'vitest';
import {
  penaltyDays,
  penaltyForMonth,
  type PenaltyTerms,
} from '../../../src/domain/loans/penalty.js';

/**
 * Worked examples, by hand (docs/domain/loans.md "Denda"). An instalment of Rp 118,000 (interest
 * 18,000 + principal 100,000) due on 2 July 2026.
 */
const JULY = { firstDay: '2026-07-01', lastDay: '2026-07-31' };
const AUGUST = { firstDay: '2026-08-01', lastDay: '2026-08-31' };
const inst = (over: Partial<Parameters<typeof penaltyForMonth>[0]> = {}) => ({
  dueOn: '2026-07-02',
  principalRupiah: 100_000n,
  interestRupiah: 18_000n,
  paidPrincipalRupiah: 0n,
  paidInterestRupiah: 0n,
  penaltyRupiah: 0n,
  ...over,
});
const daily: PenaltyTerms = {
  kind: 'daily_percent',
  dailyPercent: '0.1',
  fixedRupiah: 0n,
  graceDays: 3,
  cappedAtInstalment: true,
};
const fixed: PenaltyTerms = {
  kind: 'fixed',
  dailyPercent: '0',
  fixedRupiah: 25_000n,
  graceDays: 5,
  cappedAtInstalment: true,
};

describe('denda', () => {
  it('daily percent: 0.1 % a day of the overdue instalment for the days past the grace (6–31 July: 26 days = 3,068)', () => {
    expect(penaltyDays('2026-07-02', 3, JULY)).toBe(26);
    expect(penaltyForMonth(inst(), daily, JULY)).toBe(3_068n);
    // the next month counts all its 31 days: 118,000 × 0.1 % × 31 = 3,658
    expect(penaltyForMonth(inst({ penaltyRupiah: 3_068n }), daily, AUGUST)).toBe(3_658n);
  });

  it('daily percent runs on what is still unpaid of the instalment, half up: (118,000 − 50,000) × 0.1 % × 26 = 1,768', () => {
    // 68,050 × 0.1 % × 26 = 1,769.3 → 1,769; 68,077 × 0.1 % × 26 = 1,770.002 → 1,770
    const cases = [
      [32_000n, 1_768n],
      [31_950n, 1_769n],
    ] as const;
    for (const [paidPrincipalRupiah, denda] of cases)
      expect(
        penaltyForMonth(inst({ paidPrincipalRupiah, paidInterestRupiah: 18_000n }), daily, JULY),
      ).toBe(denda);
  });

  it('nothing while the grace lasts: due 28 July with 3 days grace is still in grace on the 31st', () => {
    expect(penaltyDays('2026-07-28', 3, JULY)).toBe(0);
    expect(penaltyForMonth(inst({ dueOn: '2026-07-28' }), daily, JULY)).toBe(0n);
    // due 27 July: the grace ends on the 30th, one day carries denda
    expect(penaltyForMonth(inst({ dueOn: '2026-07-27' }), daily, JULY)).toBe(118n);
  });

  it('fixed: Rp 25,000 once per late instalment, after the grace, never twice', () => {
    expect(penaltyForMonth(inst(), fixed, JULY)).toBe(25_000n);
    expect(penaltyForMonth(inst({ penaltyRupiah: 25_000n }), fixed, AUGUST)).toBe(0n);
    // still within its 5 days' grace at the end of July: charged by the August close instead
    expect(penaltyForMonth(inst({ dueOn: '2026-07-27' }), fixed, JULY)).toBe(0n);
    expect(penaltyForMonth(inst({ dueOn: '2026-07-27' }), fixed, AUGUST)).toBe(25_000n);
  });

  it('the cap: no more denda on an instalment than the instalment itself', () => {
    // 10 % a day on Rp 118,000 for 26 days would be 306,800; capped at the instalment, 118,000
    const steep = { ...daily, dailyPercent: '10' };
    expect(penaltyForMonth(inst(), steep, JULY)).toBe(118_000n);
    expect(penaltyForMonth(inst(), { ...steep, cappedAtInstalment: false }, JULY)).toBe(306_800n);
    // 100,000 already charged: only 18,000 of room left, then none
    expect(penaltyForMonth(inst({ penaltyRupiah: 100_000n }), steep, AUGUST)).toBe(18_000n);
    expect(penaltyForMonth(inst({ penaltyRupiah: 118_000n }), steep, AUGUST)).toBe(0n);
    // a fixed amount larger than the instalment is capped too
    expect(
      penaltyForMonth(inst({ principalRupiah: 10_000n, interestRupiah: 0n }), fixed, JULY),
    ).toBe(10_000n);
  });

  it('kind none charges nothing', () => {
    expect(penaltyForMonth(inst(), { ...daily, kind: 'none' }, JULY)).toBe(0n);
  });
});
