import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from './database.js';

/**
 * The supervising office's dashboard and the public open data (src/services/supervision/): a few
 * set-based statements over the registry under a region prefix ('3375' a city, '33' a province,
 * '' the ministry), each answering the whole region at once. In an office's tenant transaction
 * row-level security holds them to its region as well; open data runs them in a system
 * transaction for the region asked for, and reads only aggregates.
 *
 * Every statement starts from `region_code like 'prefix%'` on the "C"-collated column, which the
 * registry's (region_code, …) indexes answer as a range scan.
 */

/** The level a region's figures are broken down by: a city's districts, a province's regencies. */
export type AreaLevel = 'district' | 'regency' | 'province';

export const areaLevelOf = (region: string): AreaLevel =>
  region.length >= 4 ? 'district' : region.length === 2 ? 'regency' : 'province';

const areaColumn = (level: AreaLevel): RawBuilder<string | null> =>
  level === 'district'
    ? sql`district_code`
    : level === 'regency'
      ? sql`regency_code`
      : sql`province_code`;

const under = (region: string) => sql<boolean>`region_code like ${`${region}%`}`;

export interface RegistryGroupRow {
  cooperative_type: string;
  status: string;
  /** the district (city), regency (province) or province (ministry) of the address; null unknown */
  area_code: string | null;
  cooperatives: number;
  members: bigint;
}

/**
 * The registry counted by type, status and area in one pass: a few hundred rows at most (six
 * types × four statuses × the areas), which the service folds into each breakdown.
 */
export async function registryGroups(
  db: Queryable,
  region: string,
  level: AreaLevel,
): Promise<RegistryGroupRow[]> {
  const r = await sql<RegistryGroupRow>`
    select cooperative_type, status, ${areaColumn(level)} as area_code,
           count(*)::int as cooperatives,
           coalesce(sum(member_count), 0)::int8 as members
    from registry_cooperatives
    where ${under(region)}
    group by 1, 2, 3`.execute(db);
  return r.rows;
}

export interface MapPointRow {
  id: bigint;
  name: string;
  latitude: string;
  longitude: string;
  cooperative_type: string;
  status: string;
  area_code: string | null;
}

/** The cooperatives with coordinates, in id order, at most `limit`. */
export async function mapPoints(
  db: Queryable,
  region: string,
  level: AreaLevel,
  limit: number,
): Promise<MapPointRow[]> {
  const r = await sql<MapPointRow>`
    select id, name, latitude, longitude, cooperative_type, status, ${areaColumn(level)} as area_code
    from registry_cooperatives
    where ${under(region)} and latitude is not null
    order by id
    limit ${limit}`.execute(db);
  return r.rows;
}

export interface RegistryHead {
  id: bigint;
  name: string;
  region_code: string;
  cooperative_type: string;
  status: string;
  district_code: string | null;
  regency_code: string | null;
  member_count: number | null;
  linked_organization_id: string | null;
}

/** One cooperative of the region, the head of its drill-down page. */
export async function registryHead(
  db: Queryable,
  region: string,
  id: bigint,
): Promise<RegistryHead | undefined> {
  const r = await sql<RegistryHead>`
    select id, name, region_code, cooperative_type, status, district_code, regency_code,
           member_count, linked_organization_id
    from registry_cooperatives where ${under(region)} and id = ${id}`.execute(db);
  return r.rows[0];
}

export interface OpenDataGroupRow {
  cooperative_type: string;
  area_code: string | null;
  cooperatives: number;
  /** of them, how many publish their reports (migration 0016) */
  published: number;
  members: bigint;
}

/**
 * The region's cooperatives still in existence (not dissolved) by type and area, with how many of
 * them publish their reports: the counts of the public open data.
 */
export async function openDataGroups(
  db: Queryable,
  region: string,
  level: AreaLevel,
): Promise<OpenDataGroupRow[]> {
  const r = await sql<OpenDataGroupRow>`
    select cooperative_type, ${areaColumn(level)} as area_code,
           count(*)::int as cooperatives,
           count(*) filter (where reports_published)::int as published,
           coalesce(sum(member_count), 0)::int8 as members
    from registry_cooperatives
    where ${under(region)} and status <> 'dissolved'
    group by 1, 2`.execute(db);
  return r.rows;
}

/** Whether a cooperative publishes its reports (open data); false when it is not in the region. */
export async function setReportsPublished(
  db: Queryable,
  region: string,
  id: bigint,
  published: boolean,
): Promise<boolean> {
  const r = await sql`
    update registry_cooperatives set reports_published = ${published}, updated_at = now()
    where ${under(region)} and id = ${id}`.execute(db);
  return (r.numAffectedRows ?? 0n) > 0n;
}
