/**
 * Early warning (issue 15 item 5): pure rules over each cooperative's latest report, its report
 * history and its latest assessment, with thresholds the office tunes; a watch list ranked by how
 * many rules fire and how hard; and a PEARLS-style peer ranking — each ratio's percentile in the
 * region's distribution. Ratios are basis points (1 % = 100 bps) of bigint rupiah, rounded half
 * away from zero once; no floating point.
 */
import { addDays } from '../calendar.js';

export interface WarningThresholds {
  /** cash and bank / current liabilities below this: liquidity (default 10 %) */
  liquidityMinBps: number;
  /** problem loans (KL + D + M) / loans above this: NPL (default 5 %) */
  nplMaxBps: number;
  /** equity / assets below this: capital (default 10 %) */
  capitalMinBps: number;
  /** assets a year later below this growth: shrinking (default −10 %) */
  assetGrowthMinBps: number;
  /** reports not received for at least this many ended, due quarters (default 1) */
  missingReportsMax: number;
  /** days past the RAT's legal deadline before a RAT not held warns (default 0) */
  ratGraceDays: number;
}

export const DEFAULT_THRESHOLDS: WarningThresholds = {
  liquidityMinBps: 1000,
  nplMaxBps: 500,
  capitalMinBps: 1000,
  assetGrowthMinBps: -1000,
  missingReportsMax: 1,
  ratGraceDays: 0,
};

/**
 * The RAT of a book year is due within six months of the year's end (supervision.md: "RAT held
 * within 6 months of year end"; docs/domain/supervision-early-warning.md): 30 June of the next
 * year. Book years are calendar years.
 */
export function ratDeadline(bookYear: number): string {
  return `${bookYear + 1}-06-30`;
}

/**
 * The book year whose RAT early warning looks at on `today`: the latest one whose deadline and the
 * office's grace have passed (on 2026-12-04 with no grace: 2025, due 2026-06-30).
 */
export function ratBookYearDue(today: string, graceDays: number): number {
  const year = Number(today.slice(0, 4));
  // the deadline of book year (year − 1) is 30 June of this year, plus the grace
  return today > addDays(ratDeadline(year - 1), graceDays) ? year - 1 : year - 2;
}

/** Whether a RAT held on `heldOn` for `bookYear` met its deadline. */
export function ratTimeliness(bookYear: number, heldOn: string): 'on_time' | 'late' {
  return heldOn <= ratDeadline(bookYear) ? 'on_time' : 'late';
}

/**
 * Checks a RAT the office records: the book year has ended, the meeting came after it and not
 * after today. Returns the problem's field and code, or null.
 */
export function checkRatRecord(
  r: { bookYear: number; heldOn: string },
  today: string,
): { field: 'bookYear' | 'heldOn'; code: string } | null {
  if (!Number.isInteger(r.bookYear) || r.bookYear < 1945 || `${r.bookYear}-12-31` >= today)
    return { field: 'bookYear', code: 'BOOK_YEAR_NOT_ENDED' };
  if (r.heldOn <= `${r.bookYear}-12-31`) return { field: 'heldOn', code: 'BEFORE_BOOK_YEAR_END' };
  if (r.heldOn > today) return { field: 'heldOn', code: 'DATE_IN_FUTURE' };
  return null;
}

/** What the office knows of a cooperative's RAT for the book year due and the one before. */
export interface RatRecord {
  bookYear: number;
  /** the day it was held, or null when no RAT was recorded for that year */
  heldOn: string | null;
  /** whether a RAT was recorded for the year before */
  previousHeld: boolean;
}

export interface CooperativeIndicators {
  registryId: string;
  name: string;
  /** the latest report's period ('2026-Q2') or null when none ever came */
  latestPeriod: string | null;
  kasBankRupiah: bigint | null;
  kewajibanLancarRupiah: bigint | null;
  pinjamanRupiah: bigint | null;
  pinjamanBermasalahRupiah: bigint | null;
  ekuitasRupiah: bigint | null;
  asetRupiah: bigint | null;
  /** assets in the report of the same quarter a year before */
  asetYearAgoRupiah: bigint | null;
  shuRupiah: bigint | null;
  /** ended quarters whose report is due and missing, newest first up to the window */
  missingReports: number;
  /** predikat of the latest final assessment, if any */
  predikat: string | null;
  /** the RAT of the book year due, or null when the cooperative did not exist for all of it */
  rat?: RatRecord | null;
}

export type WarningRule =
  'liquidity' | 'npl' | 'capital' | 'shrinking' | 'loss' | 'reports' | 'rat' | 'predikat';

export interface Warning {
  rule: WarningRule;
  /** 1 watch, 2 serious, 3 critical */
  severity: 1 | 2 | 3;
  /** the measured value (bps, a count, or the predikat) and the threshold it crossed */
  value: string;
  threshold: string;
}

/** num / den in basis points, half away from zero; null when den ≤ 0. */
export function bps(num: bigint, den: bigint): number | null {
  if (den <= 0n) return null;
  const scaled = num * 10_000n;
  const abs = scaled < 0n ? -scaled : scaled;
  let q = abs / den;
  if ((abs % den) * 2n >= den) q += 1n;
  return Number(scaled < 0n ? -q : q);
}

/** The ratios the rules and the peer ranking read, in bps (null when undefined). */
export function ratiosOf(c: CooperativeIndicators) {
  const r = (a: bigint | null, b: bigint | null) => (a === null || b === null ? null : bps(a, b));
  return {
    liquidity: r(c.kasBankRupiah, c.kewajibanLancarRupiah),
    npl: r(c.pinjamanBermasalahRupiah, c.pinjamanRupiah),
    capital: r(c.ekuitasRupiah, c.asetRupiah),
    assetGrowth:
      c.asetRupiah === null || c.asetYearAgoRupiah === null
        ? null
        : bps(c.asetRupiah - c.asetYearAgoRupiah, c.asetYearAgoRupiah),
  };
}
export type RatioKey = keyof ReturnType<typeof ratiosOf>;
export const RATIO_KEYS: RatioKey[] = ['liquidity', 'npl', 'capital', 'assetGrowth'];

/** How far past a threshold: beyond twice the distance from it is critical, beyond it serious. */
const severityOf = (excess: number, threshold: number): 1 | 2 | 3 => {
  const scale = Math.max(Math.abs(threshold), 100);
  return excess >= scale ? 3 : excess >= scale / 2 ? 2 : 1;
};

/** The warnings that fire for one cooperative. */
export function warningsOf(c: CooperativeIndicators, t: WarningThresholds): Warning[] {
  const out: Warning[] = [];
  const r = ratiosOf(c);
  if (r.liquidity !== null && r.liquidity < t.liquidityMinBps)
    out.push({
      rule: 'liquidity',
      severity: severityOf(t.liquidityMinBps - r.liquidity, t.liquidityMinBps),
      value: String(r.liquidity),
      threshold: String(t.liquidityMinBps),
    });
  if (r.npl !== null && r.npl > t.nplMaxBps)
    out.push({
      rule: 'npl',
      severity: severityOf(r.npl - t.nplMaxBps, t.nplMaxBps),
      value: String(r.npl),
      threshold: String(t.nplMaxBps),
    });
  if (r.capital !== null && r.capital < t.capitalMinBps)
    out.push({
      rule: 'capital',
      severity: severityOf(t.capitalMinBps - r.capital, t.capitalMinBps),
      value: String(r.capital),
      threshold: String(t.capitalMinBps),
    });
  if (r.assetGrowth !== null && r.assetGrowth < t.assetGrowthMinBps)
    out.push({
      rule: 'shrinking',
      severity: severityOf(t.assetGrowthMinBps - r.assetGrowth, t.assetGrowthMinBps),
      value: String(r.assetGrowth),
      threshold: String(t.assetGrowthMinBps),
    });
  if (c.shuRupiah !== null && c.shuRupiah < 0n)
    out.push({ rule: 'loss', severity: 2, value: c.shuRupiah.toString(), threshold: '0' });
  if (c.missingReports >= t.missingReportsMax)
    out.push({
      rule: 'reports',
      severity:
        c.missingReports >= 3 * t.missingReportsMax
          ? 3
          : c.missingReports >= 2 * t.missingReportsMax
            ? 2
            : 1,
      value: String(c.missingReports),
      threshold: String(t.missingReportsMax),
    });
  if (c.rat) {
    const deadline = ratDeadline(c.rat.bookYear);
    const limit = addDays(deadline, t.ratGraceDays);
    // not held: serious, critical when the year before was not held either; held late: watch
    if (c.rat.heldOn === null)
      out.push({
        rule: 'rat',
        severity: c.rat.previousHeld ? 2 : 3,
        value: 'not_held',
        threshold: deadline,
      });
    else if (c.rat.heldOn > limit)
      out.push({ rule: 'rat', severity: 1, value: c.rat.heldOn, threshold: deadline });
  }
  if (c.predikat === 'Dalam Pengawasan' || c.predikat === 'Dalam Pengawasan Khusus')
    out.push({
      rule: 'predikat',
      severity: c.predikat === 'Dalam Pengawasan Khusus' ? 3 : 2,
      value: c.predikat,
      threshold: 'Cukup Sehat',
    });
  return out;
}

export interface WatchListEntry {
  registryId: string;
  name: string;
  warnings: Warning[];
  /** the sum of the warnings' severities: the list is ranked by it */
  score: number;
}

/** The cooperatives with at least one warning, worst first (score, then most critical, then name). */
export function watchList(all: CooperativeIndicators[], t: WarningThresholds): WatchListEntry[] {
  return all
    .map((c) => {
      const warnings = warningsOf(c, t);
      return {
        registryId: c.registryId,
        name: c.name,
        warnings,
        score: warnings.reduce((s, w) => s + w.severity, 0),
      };
    })
    .filter((e) => e.warnings.length > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        Math.max(...b.warnings.map((w) => w.severity)) -
          Math.max(...a.warnings.map((w) => w.severity)) ||
        a.name.localeCompare(b.name, 'id'),
    );
}

/**
 * PEARLS-style peer ranking: each ratio's percentile (0–100, whole) in the region's distribution
 * of that ratio — the share of peers below plus half of those equal (mid-rank), so the median
 * cooperative is at 50 whatever the ties. For NPL lower is better; the percentile is of the value
 * itself (a high NPL percentile is bad). Null where the ratio is undefined.
 */
export function peerPercentiles(
  all: CooperativeIndicators[],
): Map<string, Record<RatioKey, number | null>> {
  const ratios = all.map((c) => ({ id: c.registryId, r: ratiosOf(c) }));
  const out = new Map<string, Record<RatioKey, number | null>>();
  const sorted = Object.fromEntries(
    RATIO_KEYS.map((k) => [
      k,
      ratios.flatMap((x) => (x.r[k] === null ? [] : [x.r[k]])).sort((a, b) => a - b),
    ]),
  ) as Record<RatioKey, number[]>;
  const below = (list: number[], v: number) => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const x of ratios) {
    const p = {} as Record<RatioKey, number | null>;
    for (const k of RATIO_KEYS) {
      const v = x.r[k];
      const list = sorted[k];
      if (v === null || list.length === 0) p[k] = null;
      else {
        const lt = below(list, v);
        const eq = below(list, v + 1) - lt;
        // (lt + eq / 2) / n × 100, rounded half up, in integers
        p[k] = Math.floor(((2 * lt + eq) * 100 + list.length) / (2 * list.length));
      }
    }
    out.set(x.id, p);
  }
  return out;
}
