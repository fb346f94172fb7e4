import * as repo from '../../db/dinas-dashboard.repo.js';
import type { AreaLevel } from '../../db/dinas-dashboard.repo.js';
import { businessDateWib, type IsoDate } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
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
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { regionOf } from '../registry/entries.js';

/**
 * The supervising office's dashboard (issue 15, item 6; docs/domain/supervision-dashboard.md): its
 * region at a glance from the registry — counts by type and status, by area (a city's districts,
 * a province's regencies) and the points of the map. One read transaction; row-level security
 * holds it to the office's region.
 */

/** More points than a map of a province needs; past it the map says it shows the first ones. */
export const MAP_POINTS_MAX = 25_000;

export interface AreaFigures {
  /** district, regency or province code; null for cooperatives without one on file */
  code: string | null;
  name: string | null;
  cooperatives: number;
  active: number;
  members: bigint;
}

export interface DinasDashboardView {
  regionCode: string;
  regionName: string | null;
  areaLevel: AreaLevel;
  asOf: IsoDate;
  cooperatives: { total: number; active: number; members: bigint; onMap: number };
  byType: { cooperativeType: CooperativeType; cooperatives: number; active: number }[];
  byStatus: { status: RegistryStatus; cooperatives: number }[];
  areas: AreaFigures[];
  points: {
    id: bigint;
    name: string;
    latitude: string;
    longitude: string;
    cooperativeType: CooperativeType;
    status: RegistryStatus;
    areaCode: string | null;
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
    const [groups, points] = await Promise.all([
      repo.registryGroups(o.tx, region, level),
      repo.mapPoints(o.tx, region, level, pointsMax + 1),
    ]);

    const byType = tally(COOPERATIVE_TYPES, () => ({ cooperatives: 0, active: 0 }));
    const byStatus = tally(REGISTRY_STATUSES, () => 0);
    const known = areasOf(region, level);
    const areas = new Map<string | null, AreaFigures>(
      known.map((a) => [a.code, { ...a, cooperatives: 0, active: 0, members: 0n }]),
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
    const shown = points.slice(0, pointsMax);
    return {
      regionCode: region,
      regionName: regionNameOf(region),
      areaLevel: level,
      asOf,
      cooperatives: { total, active, members, onMap: shown.length },
      byType: [...byType].map(([cooperativeType, v]) => ({ cooperativeType, ...v })),
      byStatus: [...byStatus].map(([status, cooperatives]) => ({ status, cooperatives })),
      areas: [...areas.values()],
      points: shown.map((p) => ({
        id: p.id,
        name: p.name,
        latitude: p.latitude,
        longitude: p.longitude,
        cooperativeType: p.cooperative_type as CooperativeType,
        status: p.status as RegistryStatus,
        areaCode: p.area_code,
      })),
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
    };
  });
}
