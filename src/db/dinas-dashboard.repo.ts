import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from './database.js';

/**
 * The supervising office's dashboard and the public open data (src/services/supervision/): a few
 * set-based statements over the registry under a region prefix ('3375' a city, '33' a province,
 * '' the ministry), each answering the whole region at once. In an office's tenant transaction
 * row-level security holds them to its region as well; open data runs them in a system
 * transaction for the region asked for, and reads only aggregates.
 *
 * Every statement starts from the region's range of the "C"-collated region_code (`prefix <=
 * region_code < prefix || '~'`, which holds every code that starts with the prefix): under
 * row-level security the planner uses an index only for leakproof operators, and text ordering
 * is one while LIKE is not (migration 0015 says the same of the registry search).
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

/** Rows whose region_code starts with `region` (digits sort below '~' in the "C" collation). */
const under = (region: string, column = sql`region_code`) =>
  region === ''
    ? sql<boolean>`true`
    : sql<boolean>`${column} >= ${region} and ${column} < ${`${region}~`}`;

/**
 * Planner settings for the rest of the transaction, for the dashboard's aggregates. Under
 * row-level security the planner cannot estimate how many rows the region policy lets through
 * (`starts_with(region_code, …)`: it guesses a handful), so it picks nested loops that run a
 * grouped subquery again for every row and sorts that spill to disk; measured on 20,000
 * cooperatives with 5 years of quarterly reports, a city's figures took over 15 s that way and
 * 0.1 s with hash joins. These statements read a region's rows whole, which is what hash joins
 * and an in-memory sort are for.
 */
export async function planForRegionAggregates(db: Queryable): Promise<void> {
  await sql`select set_config('enable_nestloop', 'off', true), set_config('work_mem', '32MB', true)`.execute(
    db,
  );
}

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

/**
 * Each registry row's predikat: that of its latest final health assessment (migration 0014) that
 * no final correction supersedes, latest by period then finalisation.
 */
const latestPredikat = (region: string) => sql`
  select distinct on (a.registry_id) a.registry_id, a.predikat
  from health_assessments a
  where ${under(region, sql`a.region_code`)} and a.status = 'final'
    and not exists (select 1 from health_assessments s
                    where s.supersedes_id = a.id and s.registry_id = a.registry_id
                      and s.status = 'final')
  order by a.registry_id, a.period desc, a.finalized_at desc`;

/**
 * The region's cooperatives (dissolved ones left out) counted by their latest predikat, with how
 * many of them publish their reports (open data).
 */
export async function predikatCounts(
  db: Queryable,
  region: string,
): Promise<{ predikat: string | null; cooperatives: number; published: number }[]> {
  const r = await sql<{ predikat: string | null; cooperatives: number; published: number }>`
    with p as (${latestPredikat(region)})
    select p.predikat, count(*)::int as cooperatives,
           count(*) filter (where c.reports_published)::int as published
    from registry_cooperatives c left join p on p.registry_id = c.id
    where ${under(region, sql`c.region_code`)} and c.status <> 'dissolved'
    group by 1`.execute(db);
  return r.rows;
}

/** The map's points with each one's latest predikat (null: not assessed). */
export async function predikatOfPoints(
  db: Queryable,
  region: string,
): Promise<{ registry_id: bigint; predikat: string }[]> {
  const r = await sql<{ registry_id: bigint; predikat: string }>`${latestPredikat(region)}`.execute(
    db,
  );
  return r.rows;
}

export interface DueRow {
  region_code: string;
  period: string;
  /** null: no rule asks for it */
  due_on: string | null;
}

export interface ReportingCountRow {
  period: string;
  on_time: number;
  late: number;
  missing: number;
  not_yet_due: number;
  not_required: number;
}

/**
 * Reporting completeness of the region's active cooperatives for quarterly periods, in one
 * statement: each cooperative's first submission of each period (migration 0013) against the
 * due date of its region's rule (`dues`, computed from the rules by the service), counted as the
 * reports service classifies one cooperative (src/domain/supervision/report.ts, timeliness).
 */
export async function reportingCounts(
  db: Queryable,
  region: string,
  dues: readonly DueRow[],
  today: string,
): Promise<ReportingCountRow[]> {
  if (dues.length === 0) return [];
  const periods = [...new Set(dues.map((d) => d.period))];
  const r = await sql<ReportingCountRow>`
    with due as (
      select * from unnest(${dues.map((d) => d.region_code)}::text[], ${dues.map((d) => d.period)}::text[],
                           ${dues.map((d) => d.due_on)}::date[]) as d(region_code, period, due_on)),
    -- a report arrived when its first version did (versions are numbered as they arrive)
    firsts as (
      select registry_id, period, submitted_on as first_on
      from supervision_reports
      where ${under(region)} and report_kind = 'quarterly'
        and period = any(${periods}::text[]) and version = 1)
    select d.period,
      count(*) filter (where f.first_on is not null and (d.due_on is null or f.first_on <= d.due_on))::int as on_time,
      count(*) filter (where f.first_on > d.due_on)::int as late,
      count(*) filter (where f.first_on is null and d.due_on < ${today}::date)::int as missing,
      count(*) filter (where f.first_on is null and d.due_on >= ${today}::date)::int as not_yet_due,
      count(*) filter (where f.first_on is null and d.due_on is null)::int as not_required
    from registry_cooperatives c
    join due d on d.region_code = c.region_code collate "C"
    left join firsts f on f.registry_id = c.id and f.period = d.period
    where ${under(region, sql`c.region_code`)} and c.status = 'active'
    group by d.period
    order by d.period`.execute(db);
  return r.rows;
}

/**
 * The latest version of each cooperative's quarterly report of each of the given periods: the
 * versions no later version of the same report replaces. Both sides are index-only range scans
 * (migration 0017); the later versions come from the small index of corrections only.
 */
const latestVersions = (region: string, periods: readonly string[]) => sql`
  select r.registry_id, r.period, r.total_aset_rupiah, r.simpanan_rupiah, r.pinjaman_rupiah,
         r.pinjaman_bermasalah_rupiah
  from supervision_reports r
  where ${under(region, sql`r.region_code`)} and r.report_kind = 'quarterly'
    and r.period = any(${[...periods]}::text[])
    and not exists (
      select 1 from supervision_reports n
      where ${under(region, sql`n.region_code`)} and n.report_kind = 'quarterly'
        and n.period = any(${[...periods]}::text[]) and n.version > 1
        and n.registry_id = r.registry_id and n.period = r.period and n.version > r.version)`;

export interface FiguresRow {
  reports: number;
  assets: bigint;
  savings: bigint;
  loans: bigint;
  bad_loans: bigint;
}

/**
 * Each period's latest report versions summed by area (and by type when asked), with how many
 * of the cooperatives behind each sum publish their reports (open data).
 */
export async function figuresByArea(
  db: Queryable,
  region: string,
  level: AreaLevel,
  periods: readonly string[],
  groupByType = false,
): Promise<
  (FiguresRow & {
    period: string;
    area_code: string | null;
    cooperative_type: string | null;
    published: number;
  })[]
> {
  if (periods.length === 0) return [];
  const r = await sql<
    FiguresRow & {
      period: string;
      area_code: string | null;
      cooperative_type: string | null;
      published: number;
    }
  >`
    select l.period, ${groupByType ? sql`c.cooperative_type` : sql`null::text`} as cooperative_type,
           c.${areaColumn(level)} as area_code, count(*)::int as reports,
           count(*) filter (where c.reports_published)::int as published,
           sum(l.total_aset_rupiah)::int8 as assets, sum(l.simpanan_rupiah)::int8 as savings,
           sum(l.pinjaman_rupiah)::int8 as loans, sum(l.pinjaman_bermasalah_rupiah)::int8 as bad_loans
    from (${latestVersions(region, periods)}) l
    join registry_cooperatives c on c.id = l.registry_id
    where ${under(region, sql`c.region_code`)} and c.status <> 'dissolved'
    group by 1, 2, 3`.execute(db);
  return r.rows;
}

/** One cooperative's quarterly reports, the latest version of each period, newest first. */
export async function cooperativeReports(
  db: Queryable,
  region: string,
  id: bigint,
  limit: number,
): Promise<
  (FiguresRow & { period: string; version: number; submitted_on: string; channel: string })[]
> {
  const r = await sql<
    FiguresRow & { period: string; version: number; submitted_on: string; channel: string }
  >`
    select distinct on (period) period, version, submitted_on::text as submitted_on, channel,
           1 as reports, total_aset_rupiah as assets, simpanan_rupiah as savings,
           pinjaman_rupiah as loans, pinjaman_bermasalah_rupiah as bad_loans
    from supervision_reports
    where ${under(region)} and registry_id = ${id} and report_kind = 'quarterly'
    order by period desc, version desc
    limit ${limit}`.execute(db);
  return r.rows;
}

/** One cooperative's health assessments, newest first. */
export async function cooperativeAssessments(
  db: Queryable,
  region: string,
  id: bigint,
): Promise<
  {
    id: bigint;
    period: string;
    rubric_id: string;
    status: string;
    total_score: string;
    predikat: string;
    provisional: boolean;
    superseded: boolean;
  }[]
> {
  const r = await sql<{
    id: bigint;
    period: string;
    rubric_id: string;
    status: string;
    total_score: string;
    predikat: string;
    provisional: boolean;
    superseded: boolean;
  }>`
    select a.id, a.period, a.rubric_id, a.status, a.total_score, a.predikat, a.provisional,
           exists (select 1 from health_assessments s
                   where s.supersedes_id = a.id and s.registry_id = a.registry_id) as superseded
    from health_assessments a
    where ${under(region, sql`a.region_code`)} and a.registry_id = ${id}
    order by a.period desc, a.id desc`.execute(db);
  return r.rows;
}
