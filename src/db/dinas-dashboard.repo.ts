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

/**
 * Rows whose region_code starts with `region` (digits sort below '~' in the "C" collation): a
 * range, which the planner can use an index for under row-level security, where LIKE is not
 * leakproof. The early-warning statements (src/db/early-warning.repo.ts) use it too.
 */
export const under = (region: string, column = sql`region_code`) =>
  region === ''
    ? sql<boolean>`true`
    : sql<boolean>`${column} >= ${region} and ${column} < ${`${region}~`}`;

/**
 * Planner settings for the rest of the transaction, for the dashboard's aggregates. Under
 * row-level security the planner cannot estimate how many rows the region policy lets through
 * (`starts_with(region_code, …)`: it guesses a handful), so it picks nested loops that run a
 * grouped subquery again for every row and sorts that spill to disk; measured on 20,000
 * cooperatives with 5 years of quarterly reports, a city's figures took over 15 s that way and
 * 0.1 s with hash joins. For the same handful it groups by sorting, and orders the map's points
 * by sorting the joined rows: for a province's 20,000 cooperatives grouping by hashing took 8 ms
 * instead of 40 (the sort compares text in the database's collation), and the points come in id
 * order from the primary keys (a merge join) in half the time (bench/province.ts). These
 * statements read a region's rows whole, which is what hash joins and hash aggregates are for.
 * A sort the plan still needs then costs as disabled (10^10), which would make PostgreSQL compile
 * the statement (JIT, about 0.3 s each): these statements run in milliseconds, so no JIT.
 */
export async function planForRegionAggregates(db: Queryable): Promise<void> {
  await sql`select set_config('enable_nestloop', 'off', true), set_config('enable_sort', 'off', true),
                   set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`.execute(
    db,
  );
}

export interface RegistryGroupRow {
  cooperative_type: string;
  status: string;
  /** the district (city), regency (province) or province (ministry) of the address; null unknown */
  area_code: string | null;
  /** of the latest final assessment (latest_predikat, migration 0019); null: not assessed */
  predikat: string | null;
  cooperatives: number;
  members: bigint;
}

/**
 * The registry counted by type, status, area and latest predikat in one pass: a few hundred rows
 * at most (six types × four statuses × the areas × five predikats, most of them empty), which the
 * service folds into each breakdown.
 */
export async function registryGroups(
  db: Queryable,
  region: string,
  level: AreaLevel,
): Promise<RegistryGroupRow[]> {
  const r = await sql<RegistryGroupRow>`
    select cooperative_type, status, ${areaColumn(level)} as area_code,
           latest_predikat as predikat, count(*)::int as cooperatives,
           coalesce(sum(member_count), 0)::int8 as members
    from registry_cooperatives
    where ${under(region)}
    group by 1, 2, 3, 4`.execute(db);
  return r.rows;
}

/** A point of the map, named as the dashboard answers it (the rows go out as they are read). */
export interface MapPointRow {
  /** the registry id as text: the map's 20,000 points of a province go out as they are read */
  id: string;
  name: string;
  latitude: string;
  longitude: string;
  areaCode: string | null;
  /** of its latest final assessment (latest_predikat, migration 0019); null: not assessed */
  predikat: string | null;
}

/**
 * The cooperatives with coordinates, in id order, at most `limit`, each with what the map draws
 * (where, its name, its area, the colour of its predikat) and nothing more. A province's map is
 * 20,000 rows: they are read in the shape the route answers, not copied; type and status, once
 * part of each point, made a quarter of the JSON and nothing drew them.
 */
export async function mapPoints(
  db: Queryable,
  region: string,
  level: AreaLevel,
  limit: number,
): Promise<MapPointRow[]> {
  const r = await sql<MapPointRow>`
    select id::text as id, name, latitude, longitude, ${areaColumn(level)} as "areaCode",
           latest_predikat as predikat
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
 * The region's cooperatives (dissolved ones left out) counted by their latest predikat, with how
 * many of them publish their reports (open data). The assessments' triggers keep each one's
 * latest_predikat (migration 0019): of the latest final assessment by period, then finalisation,
 * that no final correction supersedes.
 */
export async function predikatCounts(
  db: Queryable,
  region: string,
): Promise<{ predikat: string | null; cooperatives: number; published: number }[]> {
  const r = await sql<{ predikat: string | null; cooperatives: number; published: number }>`
    select latest_predikat as predikat, count(*)::int as cooperatives,
           count(*) filter (where reports_published)::int as published
    from registry_cooperatives
    where ${under(region)} and status <> 'dissolved'
    group by 1`.execute(db);
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
 * statement: the days their reports first arrived (version 1, migration 0013), counted by region
 * and quarter in supervision_report_arrivals (migration 0019), against the due date of each
 * region's rule (`dues`, computed from the rules by the service); a cooperative without an
 * arrival is missing, not yet due or not required, as the reports service classifies one
 * cooperative (src/domain/supervision/report.ts, timeliness).
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
    asked as (
      select region_code, count(*)::int as active
      from registry_cooperatives
      where ${under(region)} and status = 'active'
      group by region_code),
    arrived as (
      select d.region_code, d.period, sum(a.reports)::int as reports,
        coalesce(sum(a.reports) filter (where d.due_on is null or a.submitted_on <= d.due_on), 0)::int as on_time,
        coalesce(sum(a.reports) filter (where a.submitted_on > d.due_on), 0)::int as late
      from supervision_report_arrivals a
      join due d on d.region_code = a.region_code collate "C" and d.period = a.period
      where ${under(region, sql`a.region_code`)} and a.period = any(${periods}::text[]) and a.active
      group by 1, 2)
    select d.period,
      coalesce(sum(a.on_time), 0)::int as on_time,
      coalesce(sum(a.late), 0)::int as late,
      coalesce(sum(n.active - coalesce(a.reports, 0)) filter (where d.due_on < ${today}::date), 0)::int as missing,
      coalesce(sum(n.active - coalesce(a.reports, 0)) filter (where d.due_on >= ${today}::date), 0)::int as not_yet_due,
      coalesce(sum(n.active - coalesce(a.reports, 0)) filter (where d.due_on is null), 0)::int as not_required
    from due d
    join asked n on n.region_code = d.region_code collate "C"
    left join arrived a on a.region_code = d.region_code and a.period = d.period
    group by d.period
    order by d.period`.execute(db);
  return r.rows;
}

export interface FiguresRow {
  reports: number;
  assets: bigint;
  savings: bigint;
  loans: bigint;
  bad_loans: bigint;
}

const sumsAreaColumn = (level: AreaLevel): RawBuilder<string | null> =>
  level === 'district'
    ? sql`nullif(s.district_code, '')`
    : level === 'regency'
      ? sql`nullif(s.regency_code, '')`
      : sql`s.province_code`;

/**
 * Each period's latest report versions summed by area (and by type when asked), with how many
 * of the cooperatives behind each sum publish their reports (open data); dissolved cooperatives
 * left out. Read from supervision_report_sums (migration 0019), which the reports' and the
 * registry's triggers keep: a few hundred rows a quarter for a province instead of each
 * cooperative's latest version.
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
    select s.period, ${groupByType ? sql`s.cooperative_type::text` : sql`null::text`} as cooperative_type,
           ${sumsAreaColumn(level)}::text as area_code, sum(s.reports)::int as reports,
           coalesce(sum(s.reports) filter (where s.reports_published), 0)::int as published,
           sum(s.total_aset_rupiah)::int8 as assets, sum(s.simpanan_rupiah)::int8 as savings,
           sum(s.pinjaman_rupiah)::int8 as loans,
           sum(s.pinjaman_bermasalah_rupiah)::int8 as bad_loans
    from supervision_report_sums s
    where ${under(region, sql`s.region_code`)} and s.period = any(${[...periods]}::text[])
      and not s.dissolved
    group by 1, 2, 3
    having sum(s.reports) > 0`.execute(db);
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
