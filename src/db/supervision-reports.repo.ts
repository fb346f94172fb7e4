import { sql } from 'kysely';
import type { Queryable } from './database.js';
import type { LedgerAccount, ReportChannel, ReportKind } from '../domain/supervision/report.js';

/**
 * Supervision reports (migration 0013): what a cooperative's ledger says for a period, the
 * versions filed with the office, the office's reporting rules and reminders. Office statements
 * are scoped to the office's region prefix as in registry.repo.ts; row-level security applies the
 * same wall (and lets a cooperative on Sokoguru reach only its own linked rows).
 */

const under = (region: string) => sql<boolean>`r.region_code like ${`${region}%`}`;

// ---------------------------------------------------------------------------------------------
// the cooperative's books

/**
 * Every postable account with its balance at the end of `toPeriod` (all history) and its movement
 * from `fromPeriod` to `toPeriod` without the year-end closing entries (which move the year's
 * result to equity and would empty December's income statement). One statement over the
 * maintained monthly balances, plus the closing entries' lines of the window.
 */
export async function ledgerAccounts(
  db: Queryable,
  coop: string,
  fromPeriod: string,
  toPeriod: string,
): Promise<LedgerAccount[]> {
  const r = await sql<{
    code: string;
    name: string;
    account_type: LedgerAccount['type'];
    role: string | null;
    closing: bigint;
    ytd: bigint;
  }>`
    with b as (
      select account_id,
             sum(debit_rupiah - credit_rupiah)::bigint as closing,
             coalesce(sum(debit_rupiah - credit_rupiah) filter (where period >= ${fromPeriod}), 0)::bigint as ytd
      from account_balances where cooperative_id = ${coop} and period <= ${toPeriod}
      group by account_id),
    ye as (
      select l.account_id, sum(l.debit_rupiah - l.credit_rupiah)::bigint as net
      from journal_entries e
      join journal_lines l on l.cooperative_id = e.cooperative_id and l.entry_id = e.id
      where e.cooperative_id = ${coop} and e.source_type = 'ledger.year-end'
        and e.entry_date >= ${`${fromPeriod}-01`}::date
        and e.entry_date < (${`${toPeriod}-01`}::date + interval '1 month')
      group by l.account_id)
    select a.code, a.name, a.account_type, a.role,
           coalesce(b.closing, 0)::bigint as closing,
           (coalesce(b.ytd, 0) - coalesce(ye.net, 0))::bigint as ytd
    from accounts a
    left join b on b.account_id = a.id
    left join ye on ye.account_id = a.id
    where a.cooperative_id = ${coop} and a.is_postable
      and (b.account_id is not null or ye.account_id is not null)
    order by a.code`.execute(db);
  return r.rows.map((x) => ({
    code: x.code,
    name: x.name,
    type: x.account_type,
    role: x.role,
    closingDebitNet: x.closing,
    yearToDateDebitNet: x.ytd,
  }));
}

export interface LoanClassRow {
  collectibility: 'L' | 'KL' | 'D' | 'M';
  loans: number;
  outstandingRupiah: bigint;
  requiredRupiah: bigint;
}

/** The loan book by class as the month-end of `period` ('YYYY-MM') recorded it; [] if not run. */
export async function provisionedLoans(
  db: Queryable,
  coop: string,
  period: string,
): Promise<LoanClassRow[]> {
  const r = await sql<{
    cls: LoanClassRow['collectibility'];
    loans: number;
    outstanding: bigint;
    required: bigint;
  }>`
    select collectibility as cls, loans, outstanding_rupiah as outstanding, required_rupiah as required
    from loan_provisions where cooperative_id = ${coop} and period = ${period}`.execute(db);
  return r.rows.map((x) => ({
    collectibility: x.cls,
    loans: x.loans,
    outstandingRupiah: x.outstanding,
    requiredRupiah: x.required,
  }));
}

/**
 * The live loan book by class, its PPAP required at the monthly rates in force on `asOf` (the
 * cooperative's setting or the default), on the month-end's base (outstanding, less collateral
 * outside lancar).
 */
export async function liveLoans(
  db: Queryable,
  coop: string,
  asOf: string,
  defaultBps: { L: number; KL: number; D: number; M: number },
): Promise<LoanClassRow[]> {
  const r = await sql<{
    cls: LoanClassRow['collectibility'];
    loans: number;
    outstanding: bigint;
    required: bigint;
  }>`
    with s as (
      select lancar_bps, kl_bps, d_bps, m_bps from loan_risk_settings
      where cooperative_id = ${coop} and frequency = 'monthly' and effective_from <= ${asOf}::date
      order by effective_from desc limit 1),
    x as (
      select collectibility as cls, count(*)::int as loans, sum(outstanding_principal_rupiah)::bigint as outstanding,
             sum(case when collectibility = 'L' then outstanding_principal_rupiah
                      else greatest(outstanding_principal_rupiah - collateral_value_rupiah, 0) end)::bigint as base
      from loans where cooperative_id = ${coop} and status = 'active' group by collectibility)
    select x.cls, x.loans, x.outstanding,
           round(x.base::numeric * case x.cls
             when 'L' then coalesce((select lancar_bps from s), ${defaultBps.L})
             when 'KL' then coalesce((select kl_bps from s), ${defaultBps.KL})
             when 'D' then coalesce((select d_bps from s), ${defaultBps.D})
             else coalesce((select m_bps from s), ${defaultBps.M}) end / 10000)::bigint as required
    from x`.execute(db);
  return r.rows.map((x) => ({
    collectibility: x.cls,
    loans: x.loans,
    outstandingRupiah: x.outstanding,
    requiredRupiah: x.required,
  }));
}

/** Members on the register at the end of `asOf` (joined, not left), by gender. */
export async function membersAt(
  db: Queryable,
  coop: string,
  asOf: string,
): Promise<{ count: number; men: number; women: number }> {
  const r = await sql<{ count: number; men: number; women: number }>`
    select count(*)::int as count, count(*) filter (where gender = 'L')::int as men,
           count(*) filter (where gender = 'P')::int as women
    from members
    where cooperative_id = ${coop} and joined_on is not null and joined_on <= ${asOf}::date
      and status not in ('applicant', 'rejected') and (left_on is null or left_on > ${asOf}::date)`.execute(
    db,
  );
  return r.rows[0] ?? { count: 0, men: 0, women: 0 };
}

/** The registry row linked to the transaction's cooperative (migration 0013's definer functions). */
export async function linkedRegistry(
  db: Queryable,
): Promise<{ registryId: bigint; regionCode: string } | undefined> {
  const r = await sql<{ id: bigint | null; region: string | null }>`
    select sokoguru_linked_registry_id() as id, sokoguru_linked_registry_region() as region`.execute(
    db,
  );
  const row = r.rows[0];
  return row && row.id !== null && row.region !== null
    ? { registryId: row.id, regionCode: row.region }
    : undefined;
}

// ---------------------------------------------------------------------------------------------
// versions

export interface NewReportVersion {
  regionCode: string;
  registryId: bigint;
  kind: ReportKind;
  period: string;
  channel: ReportChannel;
  /** the report as JSON with rupiah as decimal strings */
  content: unknown;
  contentSha256: string;
  submittedAt: Date;
  submittedOn: string;
  submittedBy: string;
  submittedByOrg: string;
  approvedBy: string | null;
  approvalId: bigint | null;
  headline: {
    totalAset: bigint;
    totalKewajiban: bigint;
    totalEkuitas: bigint;
    pinjaman: bigint;
    pinjamanBermasalah: bigint;
    simpanan: bigint;
    shu: bigint;
    memberCount: number;
  };
}

/** Inserts the next version of (registry row, kind, period); returns its id and number. */
export async function insertVersion(
  db: Queryable,
  v: NewReportVersion,
): Promise<{ id: bigint; version: number }> {
  const h = v.headline;
  const r = await sql<{ id: bigint; version: number }>`
    insert into supervision_reports (region_code, registry_id, report_kind, period, version, channel, content,
      content_sha256, submitted_at, submitted_on, submitted_by, submitted_by_org, approved_by, approval_id,
      total_aset_rupiah, total_kewajiban_rupiah, total_ekuitas_rupiah, pinjaman_rupiah, pinjaman_bermasalah_rupiah,
      simpanan_rupiah, shu_rupiah, member_count)
    select ${v.regionCode}, ${v.registryId}, ${v.kind}, ${v.period},
      coalesce((select max(version) from supervision_reports
                where registry_id = ${v.registryId} and report_kind = ${v.kind} and period = ${v.period}), 0) + 1,
      ${v.channel}, ${JSON.stringify(v.content)}::jsonb, ${v.contentSha256}, ${v.submittedAt}, ${v.submittedOn}::date,
      ${v.submittedBy}, ${v.submittedByOrg}, ${v.approvedBy}, ${v.approvalId},
      ${h.totalAset}, ${h.totalKewajiban}, ${h.totalEkuitas}, ${h.pinjaman}, ${h.pinjamanBermasalah},
      ${h.simpanan}, ${h.shu}, ${h.memberCount}
    returning id, version`.execute(db);
  const row = r.rows[0];
  if (!row) throw new Error('no version inserted');
  return row;
}

export interface VersionRow {
  id: bigint;
  region_code: string;
  registry_id: bigint;
  report_kind: ReportKind;
  period: string;
  version: number;
  channel: ReportChannel;
  content_sha256: string;
  submitted_at: Date;
  submitted_on: string;
  submitted_by: string;
  submitted_by_name: string;
  approved_by: string | null;
  approved_by_name: string | null;
  total_aset_rupiah: bigint;
}

const versionColumns = sql`v.id, v.region_code, v.registry_id, v.report_kind, v.period, v.version, v.channel,
  v.content_sha256, v.submitted_at, v.submitted_on::text as submitted_on, v.submitted_by, su.full_name as submitted_by_name,
  v.approved_by, au.full_name as approved_by_name, v.total_aset_rupiah`;

/** Every version of one cooperative's reports (newest period and version first). */
export async function versionsOf(
  db: Queryable,
  registryId: bigint,
  filter: { kind?: ReportKind; period?: string; limit: number },
): Promise<VersionRow[]> {
  const r = await sql<VersionRow>`
    select ${versionColumns}
    from supervision_reports v
    join users su on su.id = v.submitted_by
    left join users au on au.id = v.approved_by
    where v.registry_id = ${registryId}
      ${filter.kind ? sql`and v.report_kind = ${filter.kind}` : sql``}
      ${filter.period ? sql`and v.period = ${filter.period}` : sql``}
    order by v.period desc, v.report_kind, v.version desc
    limit ${filter.limit}`.execute(db);
  return r.rows;
}

/** One version with its content. */
export async function versionContent(
  db: Queryable,
  registryId: bigint,
  id: bigint,
): Promise<(VersionRow & { content: unknown }) | undefined> {
  const r = await sql<VersionRow & { content: unknown }>`
    select ${versionColumns}, v.content
    from supervision_reports v
    join users su on su.id = v.submitted_by
    left join users au on au.id = v.approved_by
    where v.registry_id = ${registryId} and v.id = ${id}`.execute(db);
  return r.rows[0];
}

// ---------------------------------------------------------------------------------------------
// the office's view

export interface RegistryTarget {
  id: bigint;
  region_code: string;
  name: string;
  cooperative_type: string;
  district_code: string | null;
  linked: boolean;
  status: string;
}

/** One registry row under the office's region (to enter a report for or remind). */
export async function registryTarget(
  db: Queryable,
  region: string,
  id: bigint,
): Promise<RegistryTarget | undefined> {
  const r = await sql<RegistryTarget>`
    select r.id, r.region_code, r.name, r.cooperative_type, r.district_code,
           r.linked_organization_id is not null as linked, r.status
    from registry_cooperatives r where ${under(region)} and r.id = ${id}`.execute(db);
  return r.rows[0];
}

/** Registry rows under the office by name (Excel upload resolves cooperatives by id or name). */
export async function registryTargets(
  db: Queryable,
  region: string,
  filter: { status?: string; regionCode?: string; afterId?: bigint; limit: number },
): Promise<RegistryTarget[]> {
  const r = await sql<RegistryTarget>`
    select r.id, r.region_code, r.name, r.cooperative_type, r.district_code,
           r.linked_organization_id is not null as linked, r.status
    from registry_cooperatives r
    where ${under(region)}
      ${filter.regionCode ? sql`and r.region_code like ${`${filter.regionCode}%`}` : sql``}
      ${filter.status ? sql`and r.status = ${filter.status}` : sql``}
      ${filter.afterId !== undefined ? sql`and r.id > ${filter.afterId}` : sql``}
    order by r.id limit ${filter.limit}`.execute(db);
  return r.rows;
}

export interface PeriodSubmission {
  registry_id: bigint;
  period: string;
  versions: number;
  first_submitted_on: string;
  latest_channel: ReportChannel;
  latest_version_id: bigint;
}

/**
 * For the given registry rows and periods of a kind: the first day a version arrived, the number
 * of versions and the latest version. One aggregate over the index (region, kind, period).
 */
export async function submissionsFor(
  db: Queryable,
  region: string,
  registryIds: readonly bigint[],
  kind: ReportKind,
  periods: readonly string[],
): Promise<PeriodSubmission[]> {
  if (registryIds.length === 0 || periods.length === 0) return [];
  const r = await sql<PeriodSubmission>`
    select v.registry_id, v.period, count(*)::int as versions, min(v.submitted_on)::text as first_submitted_on,
           (array_agg(v.channel order by v.version desc))[1] as latest_channel,
           (array_agg(v.id order by v.version desc))[1] as latest_version_id
    from supervision_reports v
    where v.region_code like ${`${region}%`} and v.report_kind = ${kind}
      and v.period = any(${[...periods]}::text[])
      and v.registry_id = any(${registryIds.map(String)}::bigint[])
    group by v.registry_id, v.period`.execute(db);
  return r.rows;
}

export interface ScheduleRow {
  id: bigint;
  region_code: string;
  report_kind: ReportKind;
  required: boolean;
  due_days: number;
  effective_from: string;
  set_at: Date;
}

/** The rules an office (or a linked cooperative) can see: its own, above and below it. */
export async function schedules(db: Queryable): Promise<ScheduleRow[]> {
  const r = await sql<ScheduleRow>`
    select id, region_code, report_kind, required, due_days, effective_from::text as effective_from, set_at
    from supervision_report_schedules order by region_code, report_kind, effective_from`.execute(
    db,
  );
  return r.rows;
}

export async function insertSchedule(
  db: Queryable,
  s: {
    regionCode: string;
    kind: ReportKind;
    required: boolean;
    dueDays: number;
    effectiveFrom: string;
    setBy: string | null;
  },
): Promise<bigint | undefined> {
  const r = await sql<{ id: bigint }>`
    insert into supervision_report_schedules (region_code, report_kind, required, due_days, effective_from, set_by)
    values (${s.regionCode}, ${s.kind}, ${s.required}, ${s.dueDays}, ${s.effectiveFrom}::date, ${s.setBy})
    on conflict (region_code, report_kind, effective_from) do nothing
    returning id`.execute(db);
  return r.rows[0]?.id;
}

// ---------------------------------------------------------------------------------------------
// reminders

export async function insertReminder(
  db: Queryable,
  m: {
    regionCode: string;
    registryId: bigint;
    kind: ReportKind;
    period: string;
    note: string | null;
    sentAt: Date;
    sentBy: string;
  },
): Promise<bigint> {
  const r = await sql<{ id: bigint }>`
    insert into supervision_report_reminders (region_code, registry_id, report_kind, period, note, sent_at, sent_by)
    values (${m.regionCode}, ${m.registryId}, ${m.kind}, ${m.period}, ${m.note}, ${m.sentAt}, ${m.sentBy})
    returning id`.execute(db);
  return r.rows[0]!.id;
}

export interface ReminderRow {
  id: bigint;
  registry_id: bigint;
  report_kind: ReportKind;
  period: string;
  note: string | null;
  sent_at: Date;
}

export async function remindersOf(
  db: Queryable,
  registryIds: readonly bigint[],
  limit: number,
): Promise<ReminderRow[]> {
  if (registryIds.length === 0) return [];
  const r = await sql<ReminderRow>`
    select id, registry_id, report_kind, period, note, sent_at from supervision_report_reminders
    where registry_id = any(${registryIds.map(String)}::bigint[])
    order by sent_at desc, id desc limit ${limit}`.execute(db);
  return r.rows;
}

// ---------------------------------------------------------------------------------------------
// bulk (the demo's history of typed reports)

/** Versions typed by an office, many at once: one statement per batch (jsonb_to_recordset). */
export async function insertEnteredVersions(
  db: Queryable,
  rows: readonly Omit<NewReportVersion, 'approvedBy' | 'approvalId'>[],
  version: (r: Omit<NewReportVersion, 'approvedBy' | 'approvalId'>) => number,
): Promise<number> {
  if (rows.length === 0) return 0;
  const json = JSON.stringify(
    rows.map((v) => ({
      region_code: v.regionCode,
      registry_id: v.registryId.toString(),
      report_kind: v.kind,
      period: v.period,
      version: version(v),
      channel: v.channel,
      content: v.content,
      content_sha256: v.contentSha256,
      submitted_at: v.submittedAt.toISOString(),
      submitted_on: v.submittedOn,
      submitted_by: v.submittedBy,
      submitted_by_org: v.submittedByOrg,
      total_aset_rupiah: v.headline.totalAset.toString(),
      total_kewajiban_rupiah: v.headline.totalKewajiban.toString(),
      total_ekuitas_rupiah: v.headline.totalEkuitas.toString(),
      pinjaman_rupiah: v.headline.pinjaman.toString(),
      pinjaman_bermasalah_rupiah: v.headline.pinjamanBermasalah.toString(),
      simpanan_rupiah: v.headline.simpanan.toString(),
      shu_rupiah: v.headline.shu.toString(),
      member_count: v.headline.memberCount,
    })),
  );
  const r = await sql`
    insert into supervision_reports (region_code, registry_id, report_kind, period, version, channel, content,
      content_sha256, submitted_at, submitted_on, submitted_by, submitted_by_org,
      total_aset_rupiah, total_kewajiban_rupiah, total_ekuitas_rupiah, pinjaman_rupiah, pinjaman_bermasalah_rupiah,
      simpanan_rupiah, shu_rupiah, member_count)
    select x.region_code, x.registry_id, x.report_kind, x.period, x.version, x.channel, x.content,
      x.content_sha256, x.submitted_at, x.submitted_on, x.submitted_by, x.submitted_by_org,
      x.total_aset_rupiah, x.total_kewajiban_rupiah, x.total_ekuitas_rupiah, x.pinjaman_rupiah,
      x.pinjaman_bermasalah_rupiah, x.simpanan_rupiah, x.shu_rupiah, x.member_count
    from jsonb_to_recordset(${json}::jsonb) as x(region_code text, registry_id bigint, report_kind text,
      period text, version integer, channel text, content jsonb, content_sha256 text, submitted_at timestamptz,
      submitted_on date, submitted_by uuid, submitted_by_org uuid, total_aset_rupiah bigint,
      total_kewajiban_rupiah bigint, total_ekuitas_rupiah bigint, pinjaman_rupiah bigint,
      pinjaman_bermasalah_rupiah bigint, simpanan_rupiah bigint, shu_rupiah bigint, member_count integer)`.execute(
    db,
  );
  return Number(r.numAffectedRows ?? 0n);
}

/** Reminders, many at once. */
export async function insertReminders(
  db: Queryable,
  rows: readonly {
    regionCode: string;
    registryId: bigint;
    kind: ReportKind;
    period: string;
    note: string | null;
    sentAt: Date;
    sentBy: string;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((m) => ({
      region_code: m.regionCode,
      registry_id: m.registryId.toString(),
      report_kind: m.kind,
      period: m.period,
      note: m.note,
      sent_at: m.sentAt.toISOString(),
      sent_by: m.sentBy,
    })),
  );
  await sql`
    insert into supervision_report_reminders (region_code, registry_id, report_kind, period, note, sent_at, sent_by)
    select x.region_code, x.registry_id, x.report_kind, x.period, x.note, x.sent_at, x.sent_by
    from jsonb_to_recordset(${json}::jsonb) as x(region_code text, registry_id bigint, report_kind text,
      period text, note text, sent_at timestamptz, sent_by uuid)`.execute(db);
}

/** The office's registry rows with what the demo's figures scale by. */
export async function registrySizes(
  db: Queryable,
  region: string,
): Promise<
  {
    id: bigint;
    region_code: string;
    cooperative_type: string;
    member_count: number | null;
    linked: boolean;
    status: string;
  }[]
> {
  const r = await sql<{
    id: bigint;
    region_code: string;
    cooperative_type: string;
    member_count: number | null;
    linked: boolean;
    status: string;
  }>`
    select r.id, r.region_code, r.cooperative_type, r.member_count,
           r.linked_organization_id is not null as linked, r.status
    from registry_cooperatives r where ${under(region)} order by r.id`.execute(db);
  return r.rows;
}
