import { describe, expect, it } from 'vitest';
import {
  alertDigest,
  percentOfBps,
} from '../../../src/domain/supervision/early-warning-messages.js';
import {
  bps,
  checkRatRecord,
  DEFAULT_THRESHOLDS,
  ratBookYearDue,
  ratDeadline,
  ratTimeliness,
  peerPercentiles,
  warningsOf,
  watchList,
  type CooperativeIndicators,
} from '../../../src/domain/supervision/early-warning.js';

const M = 1_000_000n;
/** A sound cooperative: liquidity 15 %, NPL 3 %, capital 25 %, growth +5 %, SHU positive. */
const coop = (over: Partial<CooperativeIndicators> = {}): CooperativeIndicators => ({
  registryId: '1',
  name: 'KSP Sehat',
  latestPeriod: '2026-Q2',
  kasBankRupiah: 15n * M,
  kewajibanLancarRupiah: 100n * M,
  pinjamanRupiah: 100n * M,
  pinjamanBermasalahRupiah: 3n * M,
  ekuitasRupiah: 50n * M,
  asetRupiah: 200n * M,
  asetYearAgoRupiah: 190n * M,
  shuRupiah: 5n * M,
  missingReports: 0,
  predikat: 'Sehat',
  ...over,
});

describe('early-warning rules', () => {
  it('basis points round half away from zero; undefined without a positive denominator', () => {
    expect(bps(1n, 3n)).toBe(3333);
    expect(bps(2n, 3n)).toBe(6667);
    expect(bps(-1n, 20_000n)).toBe(-1); // −0.5 bps → −1
    expect(bps(1n, 0n)).toBeNull();
  });

  it('a sound cooperative raises nothing', () => {
    expect(warningsOf(coop(), DEFAULT_THRESHOLDS)).toEqual([]);
  });

  it('each rule at and either side of its threshold', () => {
    const t = DEFAULT_THRESHOLDS;
    // liquidity 10.00 % is the threshold: not below it
    expect(warningsOf(coop({ kasBankRupiah: 10n * M }), t)).toEqual([]);
    expect(warningsOf(coop({ kasBankRupiah: 9_990_000n }), t).map((w) => w.rule)).toEqual([
      'liquidity',
    ]);
    // NPL 5.00 % is allowed, 5.01 % is not
    expect(warningsOf(coop({ pinjamanBermasalahRupiah: 5n * M }), t)).toEqual([]);
    expect(
      warningsOf(coop({ pinjamanBermasalahRupiah: 5_010_000n }), t).map((w) => [w.rule, w.value]),
    ).toEqual([['npl', '501']]);
    // capital 10 % allowed, 9.99 % not
    expect(warningsOf(coop({ ekuitasRupiah: 20n * M }), t)).toEqual([]);
    expect(warningsOf(coop({ ekuitasRupiah: 19_980_000n }), t).map((w) => w.rule)).toEqual([
      'capital',
    ]);
    // assets down 10 % allowed, 10.5 % not
    expect(warningsOf(coop({ asetYearAgoRupiah: (200n * M * 10n) / 9n + 1n }), t)).toEqual([]);
    expect(
      warningsOf(
        coop({ asetRupiah: 179n * M, ekuitasRupiah: 40n * M, asetYearAgoRupiah: 200n * M }),
        t,
      ).map((w) => w.rule),
    ).toEqual(['shrinking']);
    expect(warningsOf(coop({ shuRupiah: -1n }), t).map((w) => w.rule)).toEqual(['loss']);
    expect(warningsOf(coop({ missingReports: 1 }), t).map((w) => [w.rule, w.severity])).toEqual([
      ['reports', 1],
    ]);
    expect(warningsOf(coop({ missingReports: 3 }), t)[0]!.severity).toBe(3);
    expect(warningsOf(coop({ predikat: 'Dalam Pengawasan Khusus' }), t)[0]).toMatchObject({
      rule: 'predikat',
      severity: 3,
    });
  });

  it('thresholds are the office’s: a stricter NPL limit catches 3 %', () => {
    expect(
      warningsOf(coop(), { ...DEFAULT_THRESHOLDS, nplMaxBps: 250 }).map((w) => w.rule),
    ).toEqual(['npl']);
  });

  it('missing figures raise no ratio warning (no report: only the reports rule)', () => {
    const none = coop({
      latestPeriod: null,
      kasBankRupiah: null,
      kewajibanLancarRupiah: null,
      pinjamanRupiah: null,
      pinjamanBermasalahRupiah: null,
      ekuitasRupiah: null,
      asetRupiah: null,
      asetYearAgoRupiah: null,
      shuRupiah: null,
      missingReports: 4,
      predikat: null,
    });
    expect(warningsOf(none, DEFAULT_THRESHOLDS).map((w) => w.rule)).toEqual(['reports']);
  });

  it('the watch list is worst first and leaves the sound out', () => {
    const list = watchList(
      [
        coop({ registryId: '1', name: 'A sound' }),
        coop({ registryId: '2', name: 'B late', missingReports: 1 }),
        coop({
          registryId: '3',
          name: 'C failing',
          pinjamanBermasalahRupiah: 30n * M,
          shuRupiah: -5n * M,
        }),
      ],
      DEFAULT_THRESHOLDS,
    );
    expect(list.map((e) => [e.name, e.score])).toEqual([
      ['C failing', 5],
      ['B late', 1],
    ]);
  });

  it('peer percentiles: mid-rank in the region, ties share it, the median at 50', () => {
    const region = [1n, 2n, 3n, 3n, 5n].map((kas, i) =>
      coop({ registryId: String(i), kasBankRupiah: kas * 10n * M }),
    );
    const p = peerPercentiles(region);
    expect([0, 1, 2, 3, 4].map((i) => p.get(String(i))!.liquidity)).toEqual([10, 30, 60, 60, 90]);
    expect(p.get('0')!.capital).toBe(50);
    const alone = peerPercentiles([coop({ asetYearAgoRupiah: null })]);
    expect(alone.get('1')!.assetGrowth).toBeNull();
  });
});

describe('the RAT rule', () => {
  it('looks at the latest book year whose deadline (30 June) and the grace have passed', () => {
    expect(ratDeadline(2025)).toBe('2026-06-30');
    expect(ratBookYearDue('2026-06-30', 0)).toBe(2024); // the deadline day itself is still on time
    expect(ratBookYearDue('2026-07-01', 0)).toBe(2025);
    expect(ratBookYearDue('2026-07-30', 30)).toBe(2024);
    expect(ratBookYearDue('2026-07-31', 30)).toBe(2025);
    expect(ratBookYearDue('2026-01-15', 0)).toBe(2024);
  });

  it('on time, late, late within the grace, not held once and two years running', () => {
    const t = DEFAULT_THRESHOLDS;
    const rat = (heldOn: string | null, previousHeld = true) =>
      warningsOf(coop({ rat: { bookYear: 2025, heldOn, previousHeld } }), t);
    expect(rat('2026-06-30')).toEqual([]);
    expect(rat('2026-07-01')).toEqual([
      { rule: 'rat', severity: 1, value: '2026-07-01', threshold: '2026-06-30' },
    ]);
    expect(
      warningsOf(coop({ rat: { bookYear: 2025, heldOn: '2026-07-20', previousHeld: true } }), {
        ...t,
        ratGraceDays: 20,
      }),
    ).toEqual([]);
    expect(rat(null)).toEqual([
      { rule: 'rat', severity: 2, value: 'not_held', threshold: '2026-06-30' },
    ]);
    expect(rat(null, false)[0]!.severity).toBe(3);
    // no record asked for (founded after the year ended): no warning
    expect(warningsOf(coop({ rat: null }), t)).toEqual([]);
  });

  it('checks what an office records', () => {
    expect(checkRatRecord({ bookYear: 2025, heldOn: '2026-03-01' }, '2026-12-04')).toBeNull();
    expect(checkRatRecord({ bookYear: 2026, heldOn: '2026-12-01' }, '2026-12-04')).toEqual({
      field: 'bookYear',
      code: 'BOOK_YEAR_NOT_ENDED',
    });
    expect(checkRatRecord({ bookYear: 2025, heldOn: '2025-12-31' }, '2026-12-04')?.code).toBe(
      'BEFORE_BOOK_YEAR_END',
    );
    expect(checkRatRecord({ bookYear: 2025, heldOn: '2026-12-05' }, '2026-12-04')?.code).toBe(
      'DATE_IN_FUTURE',
    );
    expect(ratTimeliness(2025, '2026-06-30')).toBe('on_time');
    expect(ratTimeliness(2025, '2026-07-01')).toBe('late');
  });
});

describe('the officer’s message', () => {
  it('percentages exact from basis points, a line per alert, the rest counted past ten', () => {
    expect(percentOfBps(1250, 'id')).toBe('12,5 %');
    expect(percentOfBps(1205, 'en')).toBe('12.05 %');
    expect(percentOfBps(-1000, 'id')).toBe('-10 %');
    expect(percentOfBps(7, 'id')).toBe('0,07 %');
    const item = (n: number) => ({
      cooperative: `KSP ${n}`,
      rule: 'npl' as const,
      severity: 2,
      value: '1250',
      threshold: '500',
      change: 'raised' as const,
    });
    const text = alertDigest(
      'id',
      Array.from({ length: 12 }, (_, i) => item(i + 1)),
    );
    expect(text.split('\n')[0]).toBe(
      'Sokoguru peringatan dini: 12 peringatan baru atau memburuk untuk koperasi binaan Anda.',
    );
    expect(text).toContain('- KSP 1: NPL 12,5 % (batas 5 %) [serius]');
    expect(text).not.toContain('KSP 11');
    expect(text).toContain('… dan 2 lainnya.');
    expect(
      alertDigest('en', [
        {
          ...item(1),
          rule: 'rat',
          value: 'not_held',
          threshold: '2026-06-30',
          change: 'escalated',
        },
      ]),
    ).toContain('- KSP 1: RAT not held, due 2026-06-30 [serious, worse]');
  });
});
