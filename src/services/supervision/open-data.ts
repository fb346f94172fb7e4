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
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { regionOf } from '../registry/entries.js';
import { areaNameOf, areasOf, regionNameOf } from './dashboard.js';

/**
 * Open data (issue 15, item 7; docs/domain/supervision-dashboard.md): a region's cooperatives as
 * aggregates only, for anyone, without signing in. Computed on request in one read-only system
 * transaction for the region asked for (there is no office to hold it to a region: the statements
 * name the region themselves and return only grouped counts and sums); small groups are withheld
 * by the pure rule in src/domain/supervision/open-data.ts. Answers may be cached for an hour.
 */

/** How long an answer may be reused (the HTTP Cache-Control max-age and the page's statement). */
export const OPEN_DATA_MAX_AGE_SECONDS = 3600;
export const OPEN_DATA_UPDATE_FREQUENCY =
  'computed on request from the registry; answers may be cached for up to 1 hour';

export const COUNT_MEASURES = ['cooperatives', 'members'] as const;
export type CountMeasure = (typeof COUNT_MEASURES)[number];

/** A published table with each cell's name (the type's code, the area's name). */
export interface OpenDataTable {
  cells: (PublishedCell<CountMeasure> & { name: string | null })[];
  total: PublishedTable<CountMeasure>['total'];
}

export interface OpenDataView {
  regionCode: string;
  regionName: string | null;
  areaLevel: AreaLevel;
  generatedAt: string;
  maxAgeSeconds: number;
  updateFrequency: string;
  minCooperatives: number;
  /** counts of cooperatives not dissolved, and their members on file */
  byType: OpenDataTable;
  byArea: OpenDataTable;
}

/** A region open data is published for: a province ('33') or a regency or city ('3375'). */
export function checkRegion(code: string): void {
  const known =
    code.length === 2 ? isKnownProvince(code) : code.length === 4 && isKnownRegency(code);
  if (!known) throw new AppError('NOT_FOUND');
}

type Acc = { cooperatives: number; published: number; members: bigint };
const empty = (): Acc => ({ cooperatives: 0, published: 0, members: 0n });
const cellOf = (key: string, a: Acc): CellInput<CountMeasure> => ({
  key,
  contributors: a.cooperatives,
  allPublished: a.published === a.cooperatives,
  values: { cooperatives: BigInt(a.cooperatives), members: a.members },
});

export async function openData(deps: Deps, regionCode: string): Promise<OpenDataView> {
  checkRegion(regionCode);
  const level = repo.areaLevelOf(regionCode);
  const groups = await inSystemTransaction(deps.database.db, (tx) =>
    repo.openDataGroups(tx, regionCode, level),
  );
  const types = new Map(COOPERATIVE_TYPES.map((k) => [k as string, empty()]));
  const areas = new Map<string | null, Acc>(
    areasOf(regionCode, level).map((a) => [a.code, empty()]),
  );
  for (const g of groups) {
    if (!areas.has(g.area_code)) areas.set(g.area_code, empty());
    for (const acc of [types.get(g.cooperative_type), areas.get(g.area_code)]) {
      if (!acc) throw new Error(`unknown cooperative type ${g.cooperative_type}`);
      acc.cooperatives += g.cooperatives;
      acc.published += g.published;
      acc.members += g.members;
    }
  }
  const byType = publishTable(
    [...types].map(([k, a]) => cellOf(k, a)),
    COUNT_MEASURES,
  );
  const areaKeys = [...areas.keys()];
  const byArea = publishTable(
    [...areas].map(([k, a]) => cellOf(k ?? '', a)),
    COUNT_MEASURES,
  );
  return {
    regionCode,
    regionName: regionNameOf(regionCode),
    areaLevel: level,
    generatedAt: deps.clock().toISOString(),
    maxAgeSeconds: OPEN_DATA_MAX_AGE_SECONDS,
    updateFrequency: OPEN_DATA_UPDATE_FREQUENCY,
    minCooperatives: OPEN_DATA_MIN_COOPERATIVES,
    byType: { ...byType, cells: byType.cells.map((c) => ({ ...c, name: c.key })) },
    byArea: {
      ...byArea,
      cells: byArea.cells.map((c, i) => {
        const code = areaKeys[i] ?? null;
        return { ...c, key: code ?? '', name: code === null ? null : areaNameOf(code, level) };
      }),
    },
  };
}

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The same figures as CSV, one row per published cell and total: withheld figures are empty with
 * the reason in `suppressed`.
 */
export function openDataCsv(v: OpenDataView): string {
  const header = ['table', 'key', 'name', ...COUNT_MEASURES, 'suppressed'];
  const rows: (string | number | null)[][] = [];
  const table = (name: string, t: OpenDataTable) => {
    for (const c of t.cells)
      rows.push([
        name,
        c.key,
        c.name,
        ...COUNT_MEASURES.map((m) => c.values?.[m]?.toString() ?? null),
        c.suppressed,
      ]);
    rows.push([
      name,
      'TOTAL',
      v.regionName,
      ...COUNT_MEASURES.map((m) => t.total.values?.[m]?.toString() ?? null),
      t.total.suppressed,
    ]);
  };
  table('type', v.byType);
  table(v.areaLevel, v.byArea);
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
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
