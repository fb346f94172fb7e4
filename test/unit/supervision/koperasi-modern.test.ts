import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checklistProblems,
  closestToQualifying,
  currentTarget,
  latestOn,
  missingItems,
  periodsBetween,
  progressSeries,
  qualifies,
  RUNS_ON_SOKOGURU,
  suggestedAnswers,
  targetPercent,
  targetsInForce,
  type ChecklistOutcome,
  type CriteriaItem,
} from '../../../src/domain/supervision/koperasi-modern.js';

const TWO: CriteriaItem[] = [
  { no: 1, text: 'Berada dalam ekosistem digital', suggest: 'sokoguru' },
  { no: 2, text: 'Akses pembiayaan dari lembaga keuangan modern', suggest: null },
];
const SEVEN: CriteriaItem[] = [1, 2, 3, 4, 5, 6, 7].map((no) => ({
  no,
  text: `Indikator ${no}`,
  suggest: null,
}));
const ans = (pairs: [number, boolean][]) =>
  pairs.map(([itemNo, met]) => ({ itemNo, met, note: null }));

describe('a checklist', () => {
  it('qualifies only when every item of the version is met', () => {
    expect(
      qualifies(
        TWO,
        ans([
          [1, true],
          [2, true],
        ]),
      ),
    ).toBe(true);
    expect(
      qualifies(
        TWO,
        ans([
          [1, true],
          [2, false],
        ]),
      ),
    ).toBe(false);
    // an unanswered item is not met
    expect(qualifies(TWO, ans([[1, true]]))).toBe(false);
    expect(qualifies([], [])).toBe(false);
  });

  it('lists the items missing, in the version’s order', () => {
    const a = ans([
      [7, true],
      [1, false],
      [3, true],
    ]);
    expect(missingItems(SEVEN, a).map((i) => i.no)).toEqual([1, 2, 4, 5, 6]);
  });

  it('names items missing, repeated or unknown to the version', () => {
    expect(
      checklistProblems(
        TWO,
        ans([
          [1, true],
          [1, false],
          [9, true],
        ]),
      ),
    ).toEqual([
      { itemNo: 1, code: 'DUPLICATE' },
      { itemNo: 9, code: 'UNKNOWN' },
      { itemNo: 2, code: 'MISSING' },
    ]);
    expect(
      checklistProblems(
        TWO,
        ans([
          [2, false],
          [1, true],
        ]),
      ),
    ).toEqual([]);
  });

  it('suggests "inside a digital ecosystem" as met for a cooperative on Sokoguru, nothing otherwise', () => {
    expect(suggestedAnswers(TWO, true)).toEqual([{ itemNo: 1, met: true, note: RUNS_ON_SOKOGURU }]);
    expect(suggestedAnswers(TWO, false)).toEqual([]);
    expect(suggestedAnswers(SEVEN, true)).toEqual([]);
  });
});

describe('progress over time', () => {
  it('months and quarters from the one holding the first date to the one holding today', () => {
    expect(periodsBetween('2025-11-20', '2026-02-03', 'month')).toEqual([
      { label: '2025-11', endsOn: '2025-11-30' },
      { label: '2025-12', endsOn: '2025-12-31' },
      { label: '2026-01', endsOn: '2026-01-31' },
      { label: '2026-02', endsOn: '2026-02-28' },
    ]);
    expect(periodsBetween('2024-02-29', '2024-12-04', 'quarter').map((p) => p.label)).toEqual([
      '2024-Q1',
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
    ]);
    expect(periodsBetween('2024-02-29', '2024-12-04', 'quarter')[1]!.endsOn).toBe('2024-06-30');
    // at most `max`, the newest
    expect(periodsBetween('2000-01-01', '2026-12-04', 'month', 3).map((p) => p.label)).toEqual([
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
  });

  it('counts the cooperatives whose latest checklist by each period’s end met every item (worked example)', () => {
    const o = (registryId: string, assessedOn: string, met: number, seq: number) => ({
      registryId,
      assessedOn,
      met,
      total: 2,
      seq: BigInt(seq),
    });
    const outcomes = [
      o('A', '2025-02-10', 2, 1),
      o('B', '2025-03-05', 1, 2),
      o('B', '2025-05-20', 2, 3),
      o('A', '2025-06-01', 1, 4),
    ];
    const periods = periodsBetween('2025-01-01', '2025-09-30', 'quarter');
    expect(progressSeries(outcomes, periods).map((p) => [p.label, p.qualifying])).toEqual([
      ['2025-Q1', 1],
      ['2025-Q2', 1],
      ['2025-Q3', 1],
    ]);
    // by month the count moves with each checklist
    expect(
      progressSeries(outcomes, periodsBetween('2025-01-01', '2025-06-30', 'month')).map(
        (p) => p.qualifying,
      ),
    ).toEqual([0, 1, 1, 1, 2, 1]);
  });

  it('on one day, the later checklist counts', () => {
    const outcomes: ChecklistOutcome[] = [
      { registryId: 'A', assessedOn: '2026-03-01', met: 2, total: 2, seq: 5n },
      { registryId: 'A', assessedOn: '2026-03-01', met: 1, total: 2, seq: 7n },
    ];
    expect(progressSeries(outcomes, periodsBetween('2026-03-01', '2026-03-01', 'month'))).toEqual([
      { label: '2026-03', endsOn: '2026-03-31', qualifying: 0 },
    ]);
    expect(latestOn(outcomes, '2026-03-31').get('A')?.seq).toBe(7n);
    expect(latestOn(outcomes, '2026-02-28').size).toBe(0);
  });

  it('property: each period’s count is the number of cooperatives whose latest checklist by then met every item', () => {
    const outcome = fc.record({
      registryId: fc.constantFrom('A', 'B', 'C', 'D'),
      day: fc.integer({ min: 0, max: 700 }),
      met: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 30 }), (xs) => {
        const outcomes = xs.map((x, i) => ({
          registryId: x.registryId,
          assessedOn: new Date(Date.UTC(2024, 0, 1 + x.day)).toISOString().slice(0, 10),
          met: x.met,
          total: 2,
          seq: BigInt(i),
        }));
        const periods = periodsBetween('2024-01-01', '2025-12-31', 'month');
        const series = progressSeries(outcomes, periods);
        for (const p of series) {
          const expected = [...latestOn(outcomes, p.endsOn).values()].filter(
            (c) => c.met === c.total,
          ).length;
          expect(p.qualifying).toBe(expected);
        }
      }),
    );
  });
});

describe('closest to qualifying', () => {
  it('fewest missing first, then most met, the latest assessed, then by name; the qualifying left out', () => {
    const s = (name: string, met: number, total: number, assessedOn = '2026-01-01') => ({
      registryId: name,
      name,
      assessedOn,
      met,
      total,
      missing: SEVEN.slice(0, total - met),
    });
    const ranked = closestToQualifying(
      [
        s('KSP Lengkap', 7, 7),
        s('KSP Tiga Kurang', 4, 7),
        s('KSP Satu Kurang B', 6, 7),
        s('KSP Satu Kurang A', 6, 7),
        s('KSP Satu Kurang Baru', 6, 7, '2026-05-01'),
        s('KSP Dua Kriteria', 1, 2),
      ],
      4,
    );
    expect(ranked.map((r) => r.name)).toEqual([
      'KSP Satu Kurang Baru',
      'KSP Satu Kurang A',
      'KSP Satu Kurang B',
      'KSP Dua Kriteria',
    ]);
  });
});

describe('the office’s target', () => {
  const t = (id: number, targetYear: number, targetCount: number) => ({
    id: BigInt(id),
    versionId: '2',
    targetYear,
    targetCount,
  });

  it('the newest setting for a year replaces the earlier one', () => {
    expect(targetsInForce([t(1, 2026, 20), t(2, 2028, 50), t(3, 2026, 30)])).toEqual([
      t(3, 2026, 30),
      t(2, 2028, 50),
    ]);
  });

  it('the nearest year not yet past, else the latest (Mojokerto: 50 by 2024)', () => {
    const s = [t(1, 2024, 50), t(2, 2026, 30), t(3, 2028, 60)];
    expect(currentTarget(s, '2026-12-04')?.targetCount).toBe(30);
    expect(currentTarget(s, '2027-01-01')?.targetYear).toBe(2028);
    expect(currentTarget([t(1, 2024, 50)], '2026-12-04')?.targetYear).toBe(2024);
    expect(currentTarget([], '2026-12-04')).toBeNull();
  });

  it('percent of the target, rounded down and capped at 100', () => {
    expect(targetPercent(29, 30)).toBe(96);
    expect(targetPercent(30, 30)).toBe(100);
    expect(targetPercent(45, 30)).toBe(100);
    expect(targetPercent(0, 50)).toBe(0);
  });
});
