import { sql } from 'kysely';
import type { Queryable } from './database.js';
import { under } from './dinas-dashboard.repo.js';
import type { AlertRule } from './schema.js';

/**
 * The figures early warning reads for every active cooperative under a region, in one statement:
 * the latest quarterly report of the window (latest version) with its cash and current
 * liabilities, the same quarter a year before, which of the due periods arrived, and the predikat
 * of the latest final assessment (kept on the registry row, migration 0019); the officer in charge and the RATs of the book year due and the
 * one before.
 */
export interface IndicatorRow {
  registry_id: bigint;
  name: string;
  region_code: string;
  period: string | null;
  kas_bank: bigint | null;
  kewajiban_lancar: bigint | null;
  pinjaman: bigint | null;
  pinjaman_bermasalah: bigint | null;
  ekuitas: bigint | null;
  aset: bigint | null;
  aset_year_ago: bigint | null;
  shu: bigint | null;
  received: number;
  predikat: string | null;
  officer_user_id: string | null;
  badan_hukum_date: string | null;
  /** the RAT of the book year due and whether the year before had one (migration 0018) */
  rat_held_on: string | null;
  rat_previous_held: boolean;
}

/**
 * `window`: the quarters looked at, newest first (the latest report is the newest of them);
 * `due`: those whose report is due. Set-based over the region in one statement, from the early
 * warning index of migration 0023 alone; hash joins, not nested loops (the planner cannot estimate
 * what the region policy lets through and otherwise repeats the grouped subqueries per row, see
 * planForRegionAggregates in src/db/dinas-dashboard.repo.ts).
 */
export async function indicatorRows(
  db: Queryable,
  region: string,
  window: string[],
  due: string[],
  ratBookYear: number,
): Promise<IndicatorRow[]> {
  await sql`select set_config('enable_nestloop', 'off', true), set_config('jit', 'off', true),
                   set_config('work_mem', '64MB', true)`.execute(db);
  const r = await sql<IndicatorRow>`
    with recent as (
      select registry_id, period, version, total_aset_rupiah, total_ekuitas_rupiah,
        pinjaman_rupiah, pinjaman_bermasalah_rupiah, shu_rupiah, kas_bank_rupiah,
        kewajiban_lancar_rupiah
      from supervision_reports
      where report_kind = 'quarterly' and period = any(${window}::text[]) and ${under(region)}
    ), latest as (
      select distinct on (registry_id) * from recent
      order by registry_id, period desc, version desc
    ), year_ago as (
      select distinct on (r.registry_id) r.registry_id, r.total_aset_rupiah
      from recent r join latest l on l.registry_id = r.registry_id
        and r.period = (left(l.period, 4)::int - 1)::text || substr(l.period, 5)
      order by r.registry_id, r.version desc
    ), received as (
      select registry_id, count(distinct period)::int as n from recent
      where period = any(${due}::text[])
      group by registry_id
    )
    select c.id as registry_id, c.name, c.region_code, l.period,
      l.kas_bank_rupiah as kas_bank, l.kewajiban_lancar_rupiah as kewajiban_lancar,
      l.pinjaman_rupiah as pinjaman, l.pinjaman_bermasalah_rupiah as pinjaman_bermasalah,
      l.total_ekuitas_rupiah as ekuitas, l.total_aset_rupiah as aset,
      y.total_aset_rupiah as aset_year_ago, l.shu_rupiah as shu,
      coalesce(rc.n, 0) as received, c.latest_predikat as predikat, c.officer_user_id,
      c.badan_hukum_date, rat.held_on as rat_held_on, (rat0.held_on is not null) as rat_previous_held
    from registry_cooperatives c
    left join latest l on l.registry_id = c.id
    left join year_ago y on y.registry_id = c.id
    left join received rc on rc.registry_id = c.id
    left join registry_rats rat on rat.registry_id = c.id and rat.book_year = ${ratBookYear}
    left join registry_rats rat0 on rat0.registry_id = c.id and rat0.book_year = ${ratBookYear - 1}
    where ${under(region, sql`c.region_code`)} and c.status = 'active'
    order by c.id`.execute(db);
  return r.rows;
}

// Thresholds (migration 0018) ------------------------------------------------------------------

export interface ThresholdRow {
  liquidity_min_bps: number;
  npl_max_bps: number;
  capital_min_bps: number;
  asset_growth_min_bps: number;
  missing_reports_max: number;
  rat_grace_days: number;
  set_by_name: string | null;
  set_at: Date;
}

/** The office's thresholds in force: its newest row, if it ever set any. */
export async function currentThresholds(
  db: Queryable,
  organizationId: string,
): Promise<ThresholdRow | undefined> {
  const r = await sql<ThresholdRow>`
    select t.liquidity_min_bps, t.npl_max_bps, t.capital_min_bps, t.asset_growth_min_bps,
           t.missing_reports_max, t.rat_grace_days, u.full_name as set_by_name, t.set_at
    from early_warning_thresholds t left join users u on u.id = t.set_by
    where t.organization_id = ${organizationId}
    order by t.id desc limit 1`.execute(db);
  return r.rows[0];
}

export async function insertThresholds(
  db: Queryable,
  organizationId: string,
  t: Omit<ThresholdRow, 'set_by_name' | 'set_at'>,
  setBy: string | null,
): Promise<void> {
  await db
    .insertInto('early_warning_thresholds')
    .values({ organization_id: organizationId, ...t, set_by: setBy })
    .execute();
}

// RATs held (migration 0018) -------------------------------------------------------------------

export interface RatRow {
  book_year: number;
  held_on: string;
  recorded_at: Date;
  recorded_by_name: string | null;
}

export async function ratsOf(db: Queryable, region: string, registryId: bigint): Promise<RatRow[]> {
  const r = await sql<RatRow>`
    select r.book_year, r.held_on, r.recorded_at, u.full_name as recorded_by_name
    from registry_rats r left join users u on u.id = r.recorded_by
    where ${under(region, sql`r.region_code`)}
      and r.registry_id = ${registryId}
    order by r.book_year desc`.execute(db);
  return r.rows;
}

/** Records (or corrects) the RAT of a book year; returns the row before, if there was one. */
export async function upsertRat(
  db: Queryable,
  row: { region_code: string; registry_id: bigint; book_year: number; held_on: string },
  recordedBy: string | null,
): Promise<string | undefined> {
  const before = await sql<{ held_on: string }>`
    select held_on from registry_rats
    where registry_id = ${row.registry_id} and book_year = ${row.book_year} for update`.execute(db);
  await sql`
    insert into registry_rats (region_code, registry_id, book_year, held_on, recorded_by)
    values (${row.region_code}, ${row.registry_id}, ${row.book_year}, ${row.held_on}, ${recordedBy})
    on conflict (registry_id, book_year) do update
      set held_on = excluded.held_on, recorded_by = excluded.recorded_by, recorded_at = now()`.execute(
    db,
  );
  return before.rows[0]?.held_on;
}

// Alerts (migration 0018) ----------------------------------------------------------------------

export interface FiringRow {
  registry_id: bigint;
  rule: AlertRule;
  severity: number;
  value: string;
  threshold: string;
  officer_user_id: string | null;
}

export interface AlertChange {
  id: bigint;
  registry_id: bigint;
  rule: AlertRule;
  severity: number;
  value: string;
  threshold: string;
  officer_user_id: string | null;
  /** raised: new today; escalated: its severity rose */
  change: 'raised' | 'escalated';
}

/**
 * Brings the office's open alerts in line with what fires today, in three set-based statements:
 * clears the open alerts that no longer fire, raises the new ones, and updates the rest (severity,
 * figures, officer). Returns the alerts raised or escalated: what the officers are told of.
 */
export async function reconcileAlerts(
  db: Queryable,
  organizationId: string,
  today: string,
  firing: FiringRow[],
): Promise<{ changes: AlertChange[]; cleared: number; open: number }> {
  const cols = {
    ids: firing.map((f) => f.registry_id.toString()),
    rules: firing.map((f) => f.rule),
    severities: firing.map((f) => f.severity),
    values: firing.map((f) => f.value),
    thresholds: firing.map((f) => f.threshold),
    officers: firing.map((f) => f.officer_user_id),
  };
  const firingSet = sql`
    select * from unnest(${cols.ids}::int8[], ${cols.rules}::text[], ${cols.severities}::int2[],
                         ${cols.values}::text[], ${cols.thresholds}::text[], ${cols.officers}::uuid[])
      as f(registry_id, rule, severity, value, threshold, officer_user_id)`;
  const cleared = await sql`
    update early_warning_alerts a set cleared_on = ${today}, checked_on = ${today}
    where a.organization_id = ${organizationId} and a.cleared_on is null
      and not exists (select 1 from (${firingSet}) f
                      where f.registry_id = a.registry_id and f.rule = a.rule)`.execute(db);
  const escalated = await sql<AlertChange>`
    with f as (${firingSet}),
    before as (
      select a.id, a.severity from early_warning_alerts a
      where a.organization_id = ${organizationId} and a.cleared_on is null
    )
    update early_warning_alerts a
      set severity = f.severity, value = f.value, threshold = f.threshold,
          officer_user_id = f.officer_user_id, checked_on = ${today}
    from f, before b
    where a.organization_id = ${organizationId} and a.cleared_on is null
      and f.registry_id = a.registry_id and f.rule = a.rule and b.id = a.id
    returning a.id, a.registry_id, a.rule, a.severity, a.value, a.threshold, a.officer_user_id,
      case when a.severity > b.severity then 'escalated' else null end as change`.execute(db);
  const raised = await sql<AlertChange>`
    insert into early_warning_alerts
      (organization_id, registry_id, rule, severity, value, threshold, officer_user_id, raised_on, checked_on)
    select ${organizationId}, f.registry_id, f.rule, f.severity, f.value, f.threshold,
           f.officer_user_id, ${today}, ${today}
    from (${firingSet}) f
    where not exists (select 1 from early_warning_alerts a
                      where a.organization_id = ${organizationId} and a.cleared_on is null
                        and a.registry_id = f.registry_id and a.rule = f.rule)
    returning id, registry_id, rule, severity, value, threshold, officer_user_id,
      'raised' as change`.execute(db);
  return {
    changes: [...raised.rows, ...escalated.rows.filter((r) => r.change === 'escalated')],
    cleared: Number(cleared.numAffectedRows ?? 0n),
    open: raised.rows.length + escalated.rows.length,
  };
}

export interface AlertRow {
  id: bigint;
  registry_id: bigint;
  name: string;
  rule: AlertRule;
  severity: number;
  value: string;
  threshold: string;
  officer_user_id: string | null;
  officer_name: string | null;
  raised_on: string;
  checked_on: string;
  cleared_on: string | null;
  acknowledged_at: Date | null;
}

/** The office's alerts, open first and worst first; for one officer, or all. */
export async function alertsOf(
  db: Queryable,
  organizationId: string,
  q: { officerUserId?: string; open: boolean; limit: number },
): Promise<AlertRow[]> {
  const r = await sql<AlertRow>`
    select a.id, a.registry_id, c.name, a.rule, a.severity, a.value, a.threshold,
           a.officer_user_id, u.full_name as officer_name, a.raised_on, a.checked_on, a.cleared_on,
           a.acknowledged_at
    from early_warning_alerts a
    join registry_cooperatives c on c.id = a.registry_id
    left join users u on u.id = a.officer_user_id
    where a.organization_id = ${organizationId}
      ${q.open ? sql`and a.cleared_on is null` : sql``}
      ${q.officerUserId ? sql`and a.officer_user_id = ${q.officerUserId}` : sql``}
    order by (a.cleared_on is null) desc, a.severity desc, a.raised_on desc, a.id desc
    limit ${q.limit}`.execute(db);
  return r.rows;
}

export async function acknowledgeAlert(
  db: Queryable,
  organizationId: string,
  id: bigint,
  userId: string | null,
): Promise<boolean> {
  const r = await sql`
    update early_warning_alerts set acknowledged_at = coalesce(acknowledged_at, now()),
      acknowledged_by = coalesce(acknowledged_by, ${userId})
    where organization_id = ${organizationId} and id = ${id}`.execute(db);
  return Number(r.numAffectedRows ?? 0n) === 1;
}

/** Users holding a role of a supervising office: who can be put in charge of a cooperative. */
export async function officersOf(db: Queryable, organizationId: string) {
  const r = await sql<{ id: string; full_name: string; phone: string | null; locale: string }>`
    select distinct u.id, u.full_name, u.phone, u.locale
    from organization_roles r join users u on u.id = r.user_id
    where r.organization_id = ${organizationId}
      and r.role in ('dinas_admin', 'dinas_pembina', 'dinas_pengawas')
      and u.disabled_at is null
    order by u.full_name`.execute(db);
  return r.rows;
}

/** Queues one message to an office's user; the dedupe key keeps it to one per cause. */
export async function queueOfficerMessage(
  db: Queryable,
  organizationId: string,
  m: {
    userId: string;
    channel: 'sms' | 'whatsapp' | 'console';
    recipient: string | null;
    template: string;
    body: string;
    dedupeKey: string;
  },
): Promise<void> {
  await sql`
    insert into message_outbox (cooperative_id, user_id, channel, recipient, template, body, dedupe_key)
    values (${organizationId}, ${m.userId}, ${m.channel}, ${m.recipient}, ${m.template}, ${m.body},
            ${m.dedupeKey})
    on conflict (cooperative_id, dedupe_key) do nothing`.execute(db);
}
