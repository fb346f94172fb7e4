import { inSystemTransaction } from '../../db/database.js';
import * as repo from '../../db/dinas-dashboard.repo.js';
import type { AreaLevel } from '../../db/dinas-dashboard.repo.js';
import { AppError } from '../../domain/errors.js';
import { isKnownProvince, isKnownRegency } from '../../domain/identity/regions.js';
import {
  OPEN_DATA_MIN_COOPERATIVES,
  publishTable,
  type CellInput,
  type PublishedCell,
  type PublishedTable,
} from '../../domain/supervision/open-data.js';
import { COOPERATIVE_TYPES } from '../../domain/supervision/registry.js';
import { endedPeriods } from '../../domain/supervision/report.js';
import { businessDateWib } from '../../domain/calendar.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { regionOf } from '../registry/entries.js';
import { areaNameOf, areasOf, PREDIKATS, regionNameOf } from './dashboard.js';

/**
 * Open data (issue 15, item 7; docs/domain/supervision-dashboard.md): a region's cooperatives as
 * aggregates only, for anyone, without signing in: counts and members by type and area, the latest
 * quarter's reported assets, savings and loans by type and area, and the health distribution. Computed on request in one read-only system
 * transaction for the region asked for (there is no office to hold it to a region: the statements
 * name the region themselves and return only grouped counts and sums); small groups are withheld
 * by the pure rule in src/domain/supervision/open-data.ts. Answers may be cached for an hour.
 */

/** How long an answer may be reused (the HTTP Cache-Control max-age and the page's statement). */
export const OPEN_DATA_MAX_AGE_SECONDS = 3600;
export const OPEN_DATA_UPDATE_FREQUENCY =
  'computed on request from the registry, the latest reports and the final health assessments; answers may be cached for up to 1 hour';

export const COUNT_MEASURES = ['cooperatives', 'members'] as const;
export const MONEY_MEASURES = ['assetsRupiah', 'savingsRupiah', 'loansRupiah'] as const;

/** A published table with each cell's name (the type's code, the area's or predikat's name). */
export interface OpenDataTable<V extends string> {
  cells: (PublishedCell<V> & { name: string | null })[];
  total: PublishedTable<V>['total'];
}

export interface OpenDataView {
  regionCode: string;
  regionName: string | null;
  areaLevel: AreaLevel;
  generatedAt: string;
  maxAgeSeconds: number;
  updateFrequency: string;
  minCooperatives: number;
  /** cooperatives not dissolved, and their members on file */
  counts: {
    byType: OpenDataTable<'cooperatives' | 'members'>;
    byArea: OpenDataTable<'cooperatives' | 'members'>;
  };
  /** the quarter the figures are of: the latest of the last four with reports; null: none */
  figuresPeriod: string | null;
  /** that quarter's reports (each cooperative's latest version) summed; contributors: reports */
  figures: {
    byType: OpenDataTable<(typeof MONEY_MEASURES)[number]>;
    byArea: OpenDataTable<(typeof MONEY_MEASURES)[number]>;
  };
  /** cooperatives not dissolved by the predikat of their latest final health assessment */
  health: OpenDataTable<'cooperatives'>;
}

/** A region open data is published for: a province ('33') or a regency or city ('3375'). */
export function checkRegion(code: string): void {
  const known =
    code.length === 2 ? isKnownProvince(code) : code.length === 4 && isKnownRegency(code);
  if (!known) throw new AppError('NOT_FOUND');
}

/** Cells accumulated by key, in the order the keys are first given (all known keys first). */
class Cells<V extends string> {
  private readonly acc = new Map<
    string,
    { n: number; published: number; values: Record<V, bigint> }
  >();
  constructor(
    private readonly names: readonly V[],
    keys: readonly string[],
  ) {
    for (const k of keys) this.cell(k);
  }
  private cell(key: string) {
    let c = this.acc.get(key);
    if (!c) {
      c = {
        n: 0,
        published: 0,
        values: Object.fromEntries(this.names.map((m) => [m, 0n])) as Record<V, bigint>,
      };
      this.acc.set(key, c);
    }
    return c;
  }
  add(key: string, n: number, published: number, values: Record<V, bigint>): void {
    const c = this.cell(key);
    c.n += n;
    c.published += published;
    for (const m of this.names) c.values[m] += values[m];
  }
  publish(nameOf: (key: string) => string | null): OpenDataTable<V> {
    const keys = [...this.acc.keys()];
    const t = publishTable(
      keys.map((key): CellInput<V> => {
        const c = this.acc.get(key)!;
        return { key, contributors: c.n, allPublished: c.published === c.n, values: c.values };
      }),
      this.names,
    );
    return { cells: t.cells.map((c) => ({ ...c, name: nameOf(c.key) })), total: t.total };
  }
}

export async function openData(deps: Deps, regionCode: string): Promise<OpenDataView> {
  checkRegion(regionCode);
  const level = repo.areaLevelOf(regionCode);
  const today = businessDateWib(deps.clock());
  const recent = endedPeriods('quarterly', today, 4);
  const [groups, figures, health] = await inSystemTransaction(deps.database.db, (tx) =>
    Promise.all([
      repo.openDataGroups(tx, regionCode, level),
      repo.figuresByArea(tx, regionCode, level, recent, true),
      repo.predikatCounts(tx, regionCode),
    ]),
  );
  const areaKeys = areasOf(regionCode, level).map((a) => a.code);
  const areaName = (k: string) => (k === '' ? null : areaNameOf(k, level));

  const countsByType = new Cells(COUNT_MEASURES, COOPERATIVE_TYPES);
  const countsByArea = new Cells(COUNT_MEASURES, areaKeys);
  for (const g of groups) {
    const v = { cooperatives: BigInt(g.cooperatives), members: g.members };
    countsByType.add(g.cooperative_type, g.cooperatives, g.published, v);
    countsByArea.add(g.area_code ?? '', g.cooperatives, g.published, v);
  }

  const figuresPeriod = recent.find((p) => figures.some((f) => f.period === p)) ?? null;
  const moneyByType = new Cells(MONEY_MEASURES, COOPERATIVE_TYPES);
  const moneyByArea = new Cells(MONEY_MEASURES, areaKeys);
  for (const f of figures.filter((x) => x.period === figuresPeriod)) {
    const v = { assetsRupiah: f.assets, savingsRupiah: f.savings, loansRupiah: f.loans };
    moneyByType.add(f.cooperative_type ?? '', f.reports, f.published, v);
    moneyByArea.add(f.area_code ?? '', f.reports, f.published, v);
  }

  const byPredikat = new Cells(['cooperatives'] as const, [...PREDIKATS, '']);
  for (const h of health) {
    const key = (PREDIKATS as readonly string[]).includes(h.predikat ?? '') ? h.predikat! : '';
    byPredikat.add(key, h.cooperatives, h.published, { cooperatives: BigInt(h.cooperatives) });
  }

  return {
    regionCode,
    regionName: regionNameOf(regionCode),
    areaLevel: level,
    generatedAt: deps.clock().toISOString(),
    maxAgeSeconds: OPEN_DATA_MAX_AGE_SECONDS,
    updateFrequency: OPEN_DATA_UPDATE_FREQUENCY,
    minCooperatives: OPEN_DATA_MIN_COOPERATIVES,
    counts: { byType: countsByType.publish((k) => k), byArea: countsByArea.publish(areaName) },
    figuresPeriod,
    figures: { byType: moneyByType.publish((k) => k), byArea: moneyByArea.publish(areaName) },
    health: byPredikat.publish((k) => (k === '' ? null : k)),
  };
}

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The same figures as CSV, one row per cell (and total) and measure: a withheld figure is empty
 * with the reason in `suppressed`.
 */
export function openDataCsv(v: OpenDataView): string {
  const rows: (string | number | null)[][] = [
    ['table', 'key', 'name', 'measure', 'value', 'suppressed'],
  ];
  const table = <V extends string>(name: string, t: OpenDataTable<V>, measures: readonly V[]) => {
    for (const c of [...t.cells, { ...t.total, key: 'TOTAL', name: v.regionName }])
      for (const m of measures)
        rows.push([name, c.key, c.name, m, c.values?.[m]?.toString() ?? null, c.suppressed]);
  };
  table('count_by_type', v.counts.byType, COUNT_MEASURES);
  table(`count_by_${v.areaLevel}`, v.counts.byArea, COUNT_MEASURES);
  table(`figures_${v.figuresPeriod ?? 'none'}_by_type`, v.figures.byType, MONEY_MEASURES);
  table(`figures_${v.figuresPeriod ?? 'none'}_by_${v.areaLevel}`, v.figures.byArea, MONEY_MEASURES);
  table('health', v.health, ['cooperatives'] as const);
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * Records whether a cooperative of the office's region publishes its reports (the cooperative's
 * own statement): its open-data cells are then shown even when small.
 */
export async function setReportsPublished(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  published: boolean,
): Promise<{ id: bigint; reportsPublished: boolean }> {
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    if (!(await repo.setReportsPublished(o.tx, region, id, published)))
      throw new AppError('NOT_FOUND');
    await o.audit({
      action: 'registry.reports-published',
      entityType: 'registry-cooperative',
      entityId: id,
      after: { reportsPublished: published },
    });
    return { id, reportsPublished: published };
  });
}
