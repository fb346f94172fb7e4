import * as repo from '../../db/dinas-dashboard.repo.js';
import type { AreaLevel, DueRow, FiguresRow } from '../../db/dinas-dashboard.repo.js';
import { schedules } from '../../db/supervision-reports.repo.js';
import { businessDateWib, type IsoDate } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import { nplPercent } from '../../domain/loans/npl.js';
import {
  districtName,
  listDistricts,
  listProvinces,
  listRegencies,
  provinceName,
  regencyName,
} from '../../domain/identity/regions.js';
import {
  COOPERATIVE_TYPES,
  REGISTRY_STATUSES,
  type CooperativeType,
  type RegistryStatus,
} from '../../domain/supervision/registry.js';
import { dueDateOf, endedPeriods, rulesInForce } from '../../domain/supervision/report.js';
import type { Tx } from '../../db/database.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { regionOf } from '../registry/entries.js';
import { ruleOf } from './reports.js';

/**
 * The supervising office's dashboard (issue 15, item 6; docs/domain/supervision-dashboard.md): its
 * region at a glance from the registry — counts by type and status, by area (a city's districts,
 * a province's regencies) and the points of the map. One read transaction; row-level security
 * holds it to the office's region.
 */

/** More points than a map of a province needs; past it the map says it shows the first ones. */
export const MAP_POINTS_MAX = 25_000;
/** Quarters of reporting completeness shown, and of the figures' trend. */
export const COMPLETENESS_QUARTERS = 4;
export const TREND_QUARTERS = 8;

/** The predikat labels of both rubrics' final cut-offs (src/domain/supervision/rubrics/). */
export const PREDIKATS = [
  'Sehat',
  'Cukup Sehat',
  'Dalam Pengawasan',
  'Dalam Pengawasan Khusus',
] as const;

/** Totals of a quarter's reports: what the cooperatives that reported hold. */
export interface ReportFigures {
  /** how many cooperatives' reports the sums cover */
  reports: number;
  assetsRupiah: bigint;
  savingsRupiah: bigint;
  loansRupiah: bigint;
  /** problem loans (kurang lancar, diragukan, macet) over loans, two decimals; null without loans */
  nplPercent: string | null;
}

export const figuresOf = (f: FiguresRow | undefined): ReportFigures => ({
  reports: f?.reports ?? 0,
  assetsRupiah: f?.assets ?? 0n,
  savingsRupiah: f?.savings ?? 0n,
  loansRupiah: f?.loans ?? 0n,
  nplPercent: f && f.loans > 0n ? nplPercent(f.bad_loans, f.loans) : null,
});

export const sumFigures = (rows: readonly FiguresRow[]): FiguresRow =>
  rows.reduce<FiguresRow>(
    (sum, f) => ({
      reports: sum.reports + f.reports,
      assets: sum.assets + f.assets,
      savings: sum.savings + f.savings,
      loans: sum.loans + f.loans,
      bad_loans: sum.bad_loans + f.bad_loans,
    }),
    { reports: 0, assets: 0n, savings: 0n, loans: 0n, bad_loans: 0n },
  );

/** The region codes under an office whose reporting rules may differ: its own and its regencies. */
function regionCodesUnder(region: string): string[] {
  if (region.length === 4) return [region];
  if (region.length === 2) return [region, ...listRegencies(region).map((r) => r.code)];
  return [
    '',
    ...listProvinces().flatMap((p) => [p.code, ...listRegencies(p.code).map((r) => r.code)]),
  ];
}

/** Each region code's due date of each period, by the reporting rules in force there. */
async function dueDates(tx: Tx, region: string, periods: readonly string[]): Promise<DueRow[]> {
  const rules = (await schedules(tx)).map(ruleOf);
  return regionCodesUnder(region).flatMap((code) => {
    const inForce = rulesInForce(rules, code);
    return periods.map((period) => ({
      region_code: code,
      period,
      due_on: dueDateOf(inForce, 'quarterly', period),
    }));
  });
}

export interface AreaFigures {
  /** district, regency or province code; null for cooperatives without one on file */
  code: string | null;
  name: string | null;
  cooperatives: number;
  active: number;
  members: bigint;
  /** the reports of `figuresPeriod` (latest versions), summed */
  figures: ReportFigures;
}

export interface DinasDashboardView {
  regionCode: string;
  regionName: string | null;
  areaLevel: AreaLevel;
  asOf: IsoDate;
  cooperatives: { total: number; active: number; members: bigint; onMap: number };
  /** the latest quarter of the trend that has reports; null: none in eight quarters */
  figuresPeriod: string | null;
  /** that quarter's reports (latest versions) summed over the region */
  figures: ReportFigures;
  byType: { cooperativeType: CooperativeType; cooperatives: number; active: number }[];
  byStatus: { status: RegistryStatus; cooperatives: number }[];
  /** cooperatives not dissolved by their latest final predikat; null: not assessed */
  byPredikat: { predikat: string | null; cooperatives: number }[];
  /** active cooperatives' quarterly reports of the last four ended quarters, oldest first */
  reporting: {
    period: string;
    onTime: number;
    late: number;
    missing: number;
    notYetDue: number;
    notRequired: number;
  }[];
  /** each of the last eight ended quarters: the reports that came and their totals */
  trend: ({ period: string } & ReportFigures)[];
  areas: AreaFigures[];
  points: {
    id: string;
    name: string;
    latitude: string;
    longitude: string;
    areaCode: string | null;
    predikat: string | null;
  }[];
  pointsTruncated: boolean;
}

export function regionNameOf(region: string): string | null {
  if (region === '') return null;
  return (region.length === 2 ? provinceName(region) : regencyName(region)) ?? null;
}

/** Every area of the region (so an area without cooperatives shows as zero), with its name. */
export function areasOf(region: string, level: AreaLevel): { code: string; name: string }[] {
  const list =
    level === 'district'
      ? listDistricts(region)
      : level === 'regency'
        ? listRegencies(region)
        : listProvinces();
  return list.map((r) => ({ code: r.code, name: r.name }));
}

export function areaNameOf(code: string, level: AreaLevel): string | null {
  const name =
    level === 'district'
      ? districtName(code)
      : level === 'regency'
        ? regencyName(code)
        : provinceName(code);
  return name ?? null;
}

/** Groups rows by a key into a map of accumulators, in the order keys are first given. */
function tally<K, T>(keys: readonly K[], init: () => T): Map<K, T> {
  return new Map(keys.map((k) => [k, init()]));
}

export async function dinasDashboard(
  deps: Deps,
  ctx: OrgContext,
  options: { pointsMax?: number } = {},
): Promise<DinasDashboardView> {
  const asOf = businessDateWib(deps.clock());
  const pointsMax = options.pointsMax ?? MAP_POINTS_MAX;
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const level = repo.areaLevelOf(region);
    const quarters = endedPeriods('quarterly', asOf, TREND_QUARTERS).reverse();
    const recent = quarters.slice(-COMPLETENESS_QUARTERS);
    const dues = await dueDates(o.tx, region, recent);
    await repo.planForRegionAggregates(o.tx);
    const [groups, points, reporting, byPeriodArea] = await Promise.all([
      repo.registryGroups(o.tx, region, level),
      repo.mapPoints(o.tx, region, level, pointsMax + 1),
      repo.reportingCounts(o.tx, region, dues, asOf),
      repo.figuresByArea(o.tx, region, level, quarters),
    ]);
    const trend = quarters.map((period) => ({
      period,
      sum: sumFigures(byPeriodArea.filter((f) => f.period === period)),
    }));
    // the figures shown by area: the latest quarter that has reports
    const figuresPeriod = [...trend].reverse().find((t) => t.sum.reports > 0)?.period ?? null;
    const figuresByArea = new Map(
      byPeriodArea.filter((f) => f.period === figuresPeriod).map((f) => [f.area_code, f]),
    );
    const byType = tally(COOPERATIVE_TYPES, () => ({ cooperatives: 0, active: 0 }));
    const byStatus = tally(REGISTRY_STATUSES, () => 0);
    const known = areasOf(region, level);
    const areas = new Map<string | null, AreaFigures>(
      known.map((a) => [
        a.code,
        {
          ...a,
          cooperatives: 0,
          active: 0,
          members: 0n,
          figures: figuresOf(figuresByArea.get(a.code)),
        },
      ]),
    );
    let total = 0;
    let active = 0;
    let members = 0n;
    for (const g of groups) {
      const isActive = g.status === 'active' ? g.cooperatives : 0;
      const t = byType.get(g.cooperative_type as CooperativeType);
      if (!t) throw new Error(`unknown cooperative type ${g.cooperative_type}`);
      t.cooperatives += g.cooperatives;
      t.active += isActive;
      byStatus.set(
        g.status as RegistryStatus,
        (byStatus.get(g.status as RegistryStatus) ?? 0) + g.cooperatives,
      );
      let area = areas.get(g.area_code);
      if (!area) {
        area = {
          code: g.area_code,
          name: g.area_code === null ? null : areaNameOf(g.area_code, level),
          cooperatives: 0,
          active: 0,
          members: 0n,
          figures: figuresOf(figuresByArea.get(g.area_code)),
        };
        areas.set(g.area_code, area);
      }
      area.cooperatives += g.cooperatives;
      area.active += isActive;
      area.members += g.members;
      total += g.cooperatives;
      active += isActive;
      members += g.members;
    }
    const shown = points.length > pointsMax ? points.slice(0, pointsMax) : points;
    return {
      regionCode: region,
      regionName: regionNameOf(region),
      areaLevel: level,
      asOf,
      cooperatives: { total, active, members, onMap: shown.length },
      figuresPeriod,
      figures: figuresOf(trend.find((t) => t.period === figuresPeriod)?.sum),
      byPredikat: [...PREDIKATS, null].map((p) => ({
        predikat: p,
        // the cooperatives not dissolved, as the view declares
        cooperatives: groups
          .filter((c) => c.status !== 'dissolved')
          .filter((c) =>
            p === null
              ? !(PREDIKATS as readonly string[]).includes(c.predikat ?? '')
              : c.predikat === p,
          )
          .reduce((n, c) => n + c.cooperatives, 0),
      })),
      reporting: recent.map((period) => {
        const c = reporting.find((x) => x.period === period);
        return {
          period,
          onTime: c?.on_time ?? 0,
          late: c?.late ?? 0,
          missing: c?.missing ?? 0,
          notYetDue: c?.not_yet_due ?? 0,
          notRequired: c?.not_required ?? 0,
        };
      }),
      trend: trend.map((t) => ({ period: t.period, ...figuresOf(t.sum) })),
      byType: [...byType].map(([cooperativeType, v]) => ({ cooperativeType, ...v })),
      byStatus: [...byStatus].map(([status, cooperatives]) => ({ status, cooperatives })),
      areas: [...areas.values()],
      points: shown,
      pointsTruncated: points.length > pointsMax,
    };
  });
}

/** The head of one cooperative's drill-down page; not found outside the office's region. */
export async function dinasCooperative(deps: Deps, ctx: OrgContext, id: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const head = await repo.registryHead(o.tx, region, id);
    if (!head) throw new AppError('NOT_FOUND');
    const [reports, assessments] = await Promise.all([
      repo.cooperativeReports(o.tx, region, id, TREND_QUARTERS),
      repo.cooperativeAssessments(o.tx, region, id),
    ]);
    return {
      id: head.id,
      name: head.name,
      regionCode: head.region_code,
      cooperativeType: head.cooperative_type as CooperativeType,
      status: head.status as RegistryStatus,
      districtCode: head.district_code,
      districtName: head.district_code ? (districtName(head.district_code) ?? null) : null,
      memberCount: head.member_count,
      onSokoguru: head.linked_organization_id !== null,
      /** the last eight quarterly reports (latest versions), oldest first */
      reports: reports.reverse().map((r) => ({
        period: r.period,
        version: r.version,
        submittedOn: r.submitted_on,
        channel: r.channel,
        ...figuresOf(r),
      })),
      assessments: assessments.map((a) => ({
        id: a.id,
        period: a.period,
        rubricId: a.rubric_id,
        status: a.status,
        totalScore: a.total_score,
        predikat: a.predikat,
        provisional: a.provisional,
        superseded: a.superseded,
      })),
    };
  });
}
