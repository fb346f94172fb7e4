/**
 * Koperasi modern (issue 16 item 5; docs/domain/supervision-koperasi-modern.md): a cooperative
 * meets a version of the criteria when its latest checklist under that version has every item met.
 * The criteria are versioned data with their source (supervision.md "Koperasi modern": the
 * 7-indicator view of the 2020–2024 programme, the 2-criteria view of October 2024); no ministerial
 * regulation fixes them, so meeting them is a programme's count, never a legal status.
 * Pure: dates are passed in.
 */
import {
  formatYearMonth,
  monthOrdinal,
  yearMonthFromOrdinal,
  yearMonthOf,
  daysInYearMonth,
  type IsoDate,
} from '../calendar.js';

export interface CriteriaItem {
  no: number;
  text: string;
  /** 'sokoguru': suggested as met when the cooperative runs on Sokoguru */
  suggest: 'sokoguru' | null;
}

export interface Answer {
  itemNo: number;
  met: boolean;
  note: string | null;
}

/** The note a suggested item carries (the office's language of record). */
export const RUNS_ON_SOKOGURU = 'Berjalan di Sokoguru';

/** Items the checklist's answers leave out, repeat or do not know; empty when it is complete. */
export function checklistProblems(
  items: readonly CriteriaItem[],
  answers: readonly Answer[],
): { itemNo: number; code: 'MISSING' | 'DUPLICATE' | 'UNKNOWN' }[] {
  const known = new Set(items.map((i) => i.no));
  const seen = new Set<number>();
  const out: { itemNo: number; code: 'MISSING' | 'DUPLICATE' | 'UNKNOWN' }[] = [];
  for (const a of answers) {
    if (!known.has(a.itemNo)) out.push({ itemNo: a.itemNo, code: 'UNKNOWN' });
    else if (seen.has(a.itemNo)) out.push({ itemNo: a.itemNo, code: 'DUPLICATE' });
    seen.add(a.itemNo);
  }
  for (const i of items) if (!seen.has(i.no)) out.push({ itemNo: i.no, code: 'MISSING' });
  return out;
}

/** The items not met (an item with no answer is not met). */
export function missingItems(
  items: readonly CriteriaItem[],
  answers: readonly Answer[],
): CriteriaItem[] {
  const met = new Set(answers.filter((a) => a.met).map((a) => a.itemNo));
  return items.filter((i) => !met.has(i.no));
}

/** Every item of the version met. A version with no items qualifies nobody. */
export function qualifies(items: readonly CriteriaItem[], answers: readonly Answer[]): boolean {
  return items.length > 0 && missingItems(items, answers).length === 0;
}

/**
 * What Sokoguru suggests before the officer answers: an item marked 'sokoguru' is met when the
 * registry row is linked to an organisation running on Sokoguru (its books are evidence of a
 * digital ecosystem); nothing is suggested otherwise.
 */
export function suggestedAnswers(
  items: readonly CriteriaItem[],
  runsOnSokoguru: boolean,
): Answer[] {
  if (!runsOnSokoguru) return [];
  return items
    .filter((i) => i.suggest === 'sokoguru')
    .map((i) => ({ itemNo: i.no, met: true, note: RUNS_ON_SOKOGURU }));
}

/** One checklist as the progress needs it: whose, when, and whether it met every item. */
export interface ChecklistOutcome {
  registryId: string;
  assessedOn: IsoDate;
  /** the checklist's id: a later one on the same day replaces an earlier one */
  seq: bigint;
  met: number;
  total: number;
}

export type Granularity = 'month' | 'quarter';

export interface Period {
  /** '2026-03' or '2026-Q1' */
  label: string;
  endsOn: IsoDate;
}

/**
 * The months or quarters from the one holding `from` to the one holding `to`, oldest first, the
 * last ending on its calendar end even when `to` falls inside it. At most `max` (the newest).
 */
export function periodsBetween(from: IsoDate, to: IsoDate, by: Granularity, max = 120): Period[] {
  const step = by === 'month' ? 1 : 3;
  const align = (ym: string) => {
    const o = monthOrdinal(ym);
    return by === 'month' ? o : o - (o % 3) + 2; // ordinal of the quarter's last month
  };
  const first = align(yearMonthOf(from));
  const last = align(yearMonthOf(to));
  const out: Period[] = [];
  for (let o = Math.max(first, last - (max - 1) * step); o <= last; o += step) {
    const ym = yearMonthFromOrdinal(o);
    const [y, m] = [Number(ym.slice(0, 4)), Number(ym.slice(5, 7))];
    out.push({
      label: by === 'month' ? formatYearMonth(y, m) : `${y}-Q${m / 3}`,
      endsOn: `${ym}-${String(daysInYearMonth(ym)).padStart(2, '0')}`,
    });
  }
  return out;
}

/** Each cooperative's latest checklist on or before `on` (by date, then by id). */
export function latestOn(
  outcomes: readonly ChecklistOutcome[],
  on: IsoDate,
): Map<string, ChecklistOutcome> {
  const latest = new Map<string, ChecklistOutcome>();
  for (const c of outcomes) {
    if (c.assessedOn > on) continue;
    const prev = latest.get(c.registryId);
    if (
      !prev ||
      c.assessedOn > prev.assessedOn ||
      (c.assessedOn === prev.assessedOn && c.seq > prev.seq)
    )
      latest.set(c.registryId, c);
  }
  return latest;
}

const met = (c: ChecklistOutcome) => c.total > 0 && c.met === c.total;

/**
 * The number of cooperatives qualifying at the end of each period: those whose latest checklist
 * by then met every item. A cooperative re-assessed as short of an item drops out from that day.
 *
 * Worked example: A met 2 of 2 on 2025-02-10, B met 1 of 2 on 2025-03-05 and 2 of 2 on 2025-05-20,
 * A met 1 of 2 on 2025-06-01 → by quarter: 2025-Q1 1, 2025-Q2 1 (B in, A out).
 */
export function progressSeries(
  outcomes: readonly ChecklistOutcome[],
  periods: readonly Period[],
): { label: string; endsOn: IsoDate; qualifying: number }[] {
  const sorted = [...outcomes].sort((a, b) =>
    a.assessedOn < b.assessedOn ? -1 : a.assessedOn > b.assessedOn ? 1 : a.seq < b.seq ? -1 : 1,
  );
  const state = new Map<string, boolean>();
  let count = 0;
  let i = 0;
  return periods.map((p) => {
    for (; i < sorted.length && sorted[i]!.assessedOn <= p.endsOn; i++) {
      const c = sorted[i]!;
      const before = state.get(c.registryId) ?? false;
      const now = met(c);
      count += Number(now) - Number(before);
      state.set(c.registryId, now);
    }
    return { label: p.label, endsOn: p.endsOn, qualifying: count };
  });
}

export interface Standing {
  registryId: string;
  name: string;
  assessedOn: IsoDate;
  met: number;
  total: number;
  missing: CriteriaItem[];
}

/**
 * The cooperatives closest to qualifying: those not yet meeting every item, fewest items missing
 * first, then most met, then the most recently assessed, then by name.
 */
export function closestToQualifying(standings: readonly Standing[], limit: number): Standing[] {
  return standings
    .filter((s) => s.missing.length > 0)
    .sort(
      (a, b) =>
        a.missing.length - b.missing.length ||
        b.met - a.met ||
        (a.assessedOn > b.assessedOn ? -1 : a.assessedOn < b.assessedOn ? 1 : 0) ||
        a.name.localeCompare(b.name, 'id'),
    )
    .slice(0, limit);
}

export interface TargetSetting {
  id: bigint;
  versionId: string;
  targetYear: number;
  targetCount: number;
}

/** The targets in force: the newest setting for each year, by year. */
export function targetsInForce<T extends TargetSetting>(settings: readonly T[]): T[] {
  const byYear = new Map<number, T>();
  for (const s of settings) {
    const prev = byYear.get(s.targetYear);
    if (!prev || s.id > prev.id) byYear.set(s.targetYear, s);
  }
  return [...byYear.values()].sort((a, b) => a.targetYear - b.targetYear);
}

/**
 * The target the office is working toward on `today`: the nearest year not yet past, else the
 * latest one (a target missed stays on show until a new one is set).
 */
export function currentTarget<T extends TargetSetting>(
  settings: readonly T[],
  today: IsoDate,
): T | null {
  const inForce = targetsInForce(settings);
  const year = Number(today.slice(0, 4));
  return inForce.find((t) => t.targetYear >= year) ?? inForce.at(-1) ?? null;
}

/** How far along the target is, in whole percent (rounded down: 29 of 30 is 96 %, never 100 %). */
export function targetPercent(qualifying: number, targetCount: number): number {
  return Math.floor((Math.min(qualifying, targetCount) * 100) / targetCount);
}
