import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classByDays,
  collectibilityOf,
  daysPastDue,
  DEFAULT_RISK_SETTINGS,
  requiredProvision,
  riskSettingOn,
} from '../../../src/domain/loans/collectibility.js';

/** Worked examples, by hand (docs/domain/loans.md "Collectibility and PPAP"), default bands. */
const monthly = DEFAULT_RISK_SETTINGS.monthly.bands;
const weekly = DEFAULT_RISK_SETTINGS.weekly.bands;
const daily = DEFAULT_RISK_SETTINGS.daily.bands;
/** The classes at the six boundary days (last Lancar, first and last KL, first and last D, first M). */
const LADDER = ['L', 'KL', 'KL', 'D', 'D', 'M'];

describe('collectibility', () => {
  it('monthly: oldest unpaid due 31 March; 90 days on 29 June is Lancar, 91 on 30 June Kurang Lancar', () => {
    expect(daysPastDue('2026-06-29', '2026-03-31')).toBe(90);
    expect(classByDays(90, monthly)).toBe('L');
    expect(daysPastDue('2026-06-30', '2026-03-31')).toBe(91);
    expect(classByDays(91, monthly)).toBe('KL');
    expect(classByDays(181, monthly)).toBe('D');
    expect(classByDays(270, monthly)).toBe('D');
    expect(classByDays(271, monthly)).toBe('M');
  });

  it('weekly: a class every four weeks (28 Lancar, 29 KL, 56 KL, 57 D, 84 D, 85 Macet)', () => {
    expect([28, 29, 56, 57, 84, 85].map((d) => classByDays(d, weekly))).toEqual(LADDER);
    // a weekly loan whose instalment of 1 June is unpaid: on 30 June 29 days past due
    expect(classByDays(daysPastDue('2026-06-30', '2026-06-01'), weekly)).toBe('KL');
  });

  it('daily: a class every two weeks (14 Lancar, 15 KL, 28 KL, 29 D, 42 D, 43 Macet)', () => {
    expect([14, 15, 28, 29, 42, 43].map((d) => classByDays(d, daily))).toEqual(LADDER);
    // a market-vendor loan behind since 16 June: on 30 June 14 days, Lancar; on 1 July 15, KL
    expect(classByDays(daysPastDue('2026-06-30', '2026-06-16'), daily)).toBe('L');
    expect(classByDays(daysPastDue('2026-07-01', '2026-06-16'), daily)).toBe('KL');
  });

  it('nothing unpaid, or the oldest not yet due: 0 days past due', () => {
    expect(daysPastDue('2026-06-30', null)).toBe(0);
    expect(daysPastDue('2026-06-30', '2026-07-10')).toBe(0);
  });

  it('a manual class and a restructured floor on probation hold a loan down, never up', () => {
    const on = { daysPastDue: 0, manual: null, probationRemaining: 0, restructuredFloor: null };
    expect(collectibilityOf({ ...on, manual: 'D' }, monthly)).toBe('D');
    expect(collectibilityOf({ ...on, daysPastDue: 300, manual: 'KL' }, monthly)).toBe('M');
    expect(
      collectibilityOf({ ...on, probationRemaining: 2, restructuredFloor: 'KL' }, monthly),
    ).toBe('KL');
    // probation over: the floor no longer counts
    expect(
      collectibilityOf({ ...on, probationRemaining: 0, restructuredFloor: 'KL' }, monthly),
    ).toBe('L');
  });

  it("a cooperative's own dated setting applies from its date; before it, the default", () => {
    const own = [
      {
        frequency: 'monthly' as const,
        effectiveFrom: '2026-07-01',
        bands: { klFromDays: 31, dFromDays: 61, mFromDays: 91 },
        provisionBps: { L: 100, KL: 1500, D: 5000, M: 10000 },
      },
    ];
    expect(riskSettingOn(own, 'monthly', '2026-06-30')).toBe(DEFAULT_RISK_SETTINGS.monthly);
    expect(riskSettingOn(own, 'monthly', '2026-07-01').bands.klFromDays).toBe(31);
    expect(riskSettingOn(own, 'weekly', '2026-07-01')).toBe(DEFAULT_RISK_SETTINGS.weekly);
  });

  it('every default carries its source', () => {
    for (const s of Object.values(DEFAULT_RISK_SETTINGS))
      expect(s.source).toMatch(/Permenkop (20\/2008 and )?14\/(Per\/M\.KUKM\/XII\/)?2009/);
  });

  it('every number of days past due falls in exactly one class, worse with more days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.constantFrom(monthly, weekly, daily),
        (d, b) => {
          const order = ['L', 'KL', 'D', 'M'];
          expect(order.indexOf(classByDays(d + 1, b))).toBeGreaterThanOrEqual(
            order.indexOf(classByDays(d, b)),
          );
        },
      ),
    );
  });
});

describe('PPAP', () => {
  it('Lancar on the outstanding, problem classes on the outstanding less collateral, rounded half up per class', () => {
    // L: 10,000,000 + 5,000,101 = 15,000,101 × 0.5 % = 75,000.505 → 75,001
    // KL: 8,000,000 − 3,000,000 = 5,000,000 × 10 % = 500,000
    // D: 2,000,000 with collateral 5,000,000: base 0
    // M: 1,000,000 × 100 % = 1,000,000
    const lines = requiredProvision(
      [
        { collectibility: 'L', outstandingRupiah: 10_000_000n, collateralRupiah: 20_000_000n },
        { collectibility: 'L', outstandingRupiah: 5_000_101n, collateralRupiah: 0n },
        { collectibility: 'KL', outstandingRupiah: 8_000_000n, collateralRupiah: 3_000_000n },
        { collectibility: 'D', outstandingRupiah: 2_000_000n, collateralRupiah: 5_000_000n },
        { collectibility: 'M', outstandingRupiah: 1_000_000n, collateralRupiah: 0n },
      ],
      DEFAULT_RISK_SETTINGS.monthly.provisionBps,
    );
    expect(
      lines.map((l) => [l.collectibility, l.loans, l.baseRupiah, l.rateBps, l.requiredRupiah]),
    ).toEqual([
      ['L', 2, 15_000_101n, 50, 75_001n],
      ['KL', 1, 5_000_000n, 1000, 500_000n],
      ['D', 1, 0n, 5000, 0n],
      ['M', 1, 1_000_000n, 10000, 1_000_000n],
    ]);
  });
});
