/**
 * The periods of the reports to a supervising office (report.ts): quarters and years, the
 * reporting rules an office sets, due dates and timeliness (docs/domain/supervision-reports.md).
 */
import { REPORT_KINDS } from './report-lines.js';
import { addDays, daysInMonth, type IsoDate } from '../calendar.js';
import type { ReportKind } from './report-lines.js';

// ---------------------------------------------------------------------------------------------
// periods

export interface ReportPeriod {
  kind: ReportKind;
  period: string;
  year: number;
  /** 1–4 for a quarter */
  quarter: number | null;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

const QUARTER = /^([0-9]{4})-Q([1-4])$/;
const YEAR = /^([0-9]{4})$/;

/** A period id of a kind: '2026-Q1' (quarterly) or '2026' (yearly); undefined when malformed. */
export function parseReportPeriod(kind: ReportKind, period: string): ReportPeriod | undefined {
  const pad = (n: number) => String(n).padStart(2, '0');
  if (kind === 'quarterly') {
    const m = QUARTER.exec(period);
    if (!m) return undefined;
    const year = Number(m[1]);
    const quarter = Number(m[2]);
    const lastMonth = quarter * 3;
    return {
      kind,
      period,
      year,
      quarter,
      startsOn: `${year}-${pad(lastMonth - 2)}-01`,
      endsOn: `${year}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}`,
    };
  }
  const m = YEAR.exec(period);
  if (!m) return undefined;
  const year = Number(m[1]);
  return { kind, period, year, quarter: null, startsOn: `${year}-01-01`, endsOn: `${year}-12-31` };
}

export function reportPeriodOf(kind: ReportKind, year: number, quarter?: number): string {
  return kind === 'quarterly' ? `${year}-Q${quarter ?? 1}` : String(year);
}

/** The periods of a kind that ended on or before `today`, newest first, at most `count`. */
export function endedPeriods(kind: ReportKind, today: IsoDate, count: number): string[] {
  const out: string[] = [];
  let year = Number(today.slice(0, 4));
  let quarter = kind === 'quarterly' ? 4 : null;
  while (out.length < count) {
    const id = quarter === null ? String(year) : `${year}-Q${quarter}`;
    const p = parseReportPeriod(kind, id);
    if (p && p.endsOn <= today) out.push(id);
    if (quarter === null || quarter === 1) {
      year -= 1;
      quarter = quarter === null ? null : 4;
    } else quarter -= 1;
    if (year < 1900) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// schedules and timeliness

/**
 * A reporting rule the office sets: a report of `kind` is due `dueDays` after the end of each
 * period that ends on or after `effectiveFrom`, until a later rule of the same kind replaces it.
 * `required: false` records that the kind is no longer asked for.
 */
export interface ReportingRule {
  kind: ReportKind;
  dueDays: number;
  effectiveFrom: IsoDate;
  required: boolean;
}

/** The rule in force for a period: the latest of its kind effective on or before its end. */
export function ruleFor(
  rules: readonly ReportingRule[],
  kind: ReportKind,
  period: string,
): ReportingRule | undefined {
  const p = parseReportPeriod(kind, period);
  if (!p) return undefined;
  let best: ReportingRule | undefined;
  for (const r of rules)
    if (r.kind === kind && r.effectiveFrom <= p.endsOn)
      if (!best || r.effectiveFrom > best.effectiveFrom) best = r;
  return best;
}

/** A rule with the region of the office that set it. */
export interface RegionRule extends ReportingRule {
  regionCode: string;
}

/**
 * The rules a cooperative filed under `regionCode` follows: for each kind, those of the nearest
 * office at or above it that set any rule of that kind (a city's own rules, else its province's,
 * else the ministry's).
 */
export function rulesInForce(rules: readonly RegionRule[], regionCode: string): ReportingRule[] {
  const out: ReportingRule[] = [];
  for (const kind of REPORT_KINDS) {
    let best: string | undefined;
    for (const r of rules)
      if (r.kind === kind && regionCode.startsWith(r.regionCode))
        if (best === undefined || r.regionCode.length > best.length) best = r.regionCode;
    if (best === undefined) continue;
    for (const r of rules)
      if (r.kind === kind && r.regionCode === best)
        out.push({
          kind: r.kind,
          dueDays: r.dueDays,
          effectiveFrom: r.effectiveFrom,
          required: r.required,
        });
  }
  return out;
}

/** The due date of a period's report under the rules, or null when no report is required. */
export function dueDateOf(
  rules: readonly ReportingRule[],
  kind: ReportKind,
  period: string,
): IsoDate | null {
  const p = parseReportPeriod(kind, period);
  const rule = ruleFor(rules, kind, period);
  if (!p || !rule || !rule.required) return null;
  return addDays(p.endsOn, rule.dueDays);
}

export const TIMELINESS = ['on_time', 'late', 'missing', 'not_yet_due', 'not_required'] as const;
export type Timeliness = (typeof TIMELINESS)[number];

/**
 * On time: the first version arrived on or before the due date (a later correction does not make
 * a report late). Late: it arrived after. Missing: none yet and the due date has passed. Not yet
 * due: none yet, due date today or later. Not required: no rule asks for it (a report that came
 * anyway counts as on time).
 */
export function timeliness(
  dueOn: IsoDate | null,
  firstSubmittedOn: IsoDate | null,
  today: IsoDate,
): Timeliness {
  if (dueOn === null) return firstSubmittedOn === null ? 'not_required' : 'on_time';
  if (firstSubmittedOn !== null) return firstSubmittedOn <= dueOn ? 'on_time' : 'late';
  return today > dueOn ? 'missing' : 'not_yet_due';
}
