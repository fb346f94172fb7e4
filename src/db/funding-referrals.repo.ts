import { sql } from 'kysely';
import type { Queryable } from './database.js';
import { under } from './dinas-dashboard.repo.js';
import type { FundingReferralEventsTable, FundingReferralsTable } from './schema.js';

/**
 * Funding referrals (migration 0033; docs/domain/supervision-funding.md): the facts a readiness
 * checklist reads for a region's cooperatives in one statement, and the referrals with their
 * status history. Row-level security holds every statement to the office's region (the `under`
 * range is there for the index, not for the wall).
 */

export interface FactsRow {
  registry_id: bigint;
  region_code: string;
  name: string;
  cooperative_type: 'KSP' | 'KSPPS' | 'KONSUMEN' | 'PRODUSEN' | 'PEMASARAN' | 'JASA';
  status: 'active' | 'inactive' | 'dissolved' | 'in_liquidation';
  badan_hukum_number: string | null;
  nib: string | null;
  npwp: string | null;
  predikat: string | null;
  assessed_period: string | null;
  rat_held_on: string | null;
  loans_rupiah: bigint | null;
  loans_period: string | null;
}

/**
 * Per cooperative of the region (or the one asked): the registry's identity and status, the
 * latest final assessment (the definition of 0019's latest_predikat, with its period), the RAT of
 * `ratBookYear`, and the loans of its latest quarterly report (latest version).
 */
export async function factsRows(
  db: Queryable,
  region: string,
  ratBookYear: number,
  q: { registryId?: bigint; limit: number },
): Promise<FactsRow[]> {
  const r = await sql<FactsRow>`
    select c.id as registry_id, c.region_code, c.name, c.cooperative_type, c.status,
           c.badan_hukum_number, c.nib, c.npwp,
           a.predikat, a.period as assessed_period,
           rr.held_on as rat_held_on,
           rep.pinjaman_rupiah as loans_rupiah, rep.period as loans_period
    from registry_cooperatives c
    left join lateral (
      select h.predikat, h.period from health_assessments h
      where h.registry_id = c.id and h.status = 'final'
        and not exists (select 1 from health_assessments s
                        where s.registry_id = h.registry_id and s.supersedes_id = h.id
                          and s.status = 'final')
      order by h.period desc, h.finalized_at desc, h.id desc limit 1) a on true
    left join registry_rats rr on rr.registry_id = c.id and rr.book_year = ${ratBookYear}
    left join lateral (
      select v.pinjaman_rupiah, v.period from supervision_reports v
      where v.registry_id = c.id and v.report_kind = 'quarterly'
      order by v.period desc, v.version desc limit 1) rep on true
    where ${under(region, sql`c.region_code`)}
      ${q.registryId !== undefined ? sql`and c.id = ${q.registryId}` : sql``}
    order by c.id
    limit ${q.limit}`.execute(db);
  return r.rows;
}

export interface ReferralRow {
  region_code: string;
  registry_id: bigint;
  id: bigint;
  cooperative_name: string;
  programme: FundingReferralsTable['programme'];
  amount_requested_rupiah: bigint;
  purpose: string;
  referred_on: string;
  letter_number: string;
  officer_name: string;
  readiness: unknown;
  audit_confirmed: boolean;
}

export interface EventRow {
  registry_id: bigint;
  referral_id: bigint;
  seq: number;
  status: FundingReferralEventsTable['status'];
  status_on: string;
  amount_rupiah: bigint | null;
  reason: string | null;
  note: string | null;
  recorded_by_name: string | null;
}

/** The region's referrals (or one cooperative's, or one), newest first. */
export async function referrals(
  db: Queryable,
  region: string,
  q: { registryId?: bigint; referralId?: bigint; limit: number },
): Promise<ReferralRow[]> {
  const r = await sql<ReferralRow>`
    select f.region_code, f.registry_id, f.id, c.name as cooperative_name, f.programme,
           f.amount_requested_rupiah, f.purpose, f.referred_on, f.letter_number, f.officer_name,
           f.readiness, f.audit_confirmed
    from funding_referrals f join registry_cooperatives c on c.id = f.registry_id
    where ${under(region, sql`f.region_code`)}
      ${q.registryId !== undefined ? sql`and f.registry_id = ${q.registryId}` : sql``}
      ${q.referralId !== undefined ? sql`and f.id = ${q.referralId}` : sql``}
    order by f.referred_on desc, f.id desc
    limit ${q.limit}`.execute(db);
  return r.rows;
}

/** The status histories of the given referrals, in order. */
export async function eventsOf(db: Queryable, referralIds: readonly bigint[]): Promise<EventRow[]> {
  if (referralIds.length === 0) return [];
  const r = await sql<EventRow>`
    select e.registry_id, e.referral_id, e.seq, e.status, e.status_on, e.amount_rupiah, e.reason,
           e.note, u.full_name as recorded_by_name
    from funding_referral_events e left join users u on u.id = e.recorded_by
    where e.referral_id = any(${referralIds.map(String)}::bigint[])
    order by e.referral_id, e.seq`.execute(db);
  return r.rows;
}

/** The office's next referral letter number in a year (unique per office and year). */
export async function nextLetterSeq(
  db: Queryable,
  officeId: string,
  year: number,
): Promise<number> {
  const r = await sql<{ n: number }>`
    select coalesce(max(letter_seq), 0)::int + 1 as n from funding_referrals
    where office_id = ${officeId} and letter_year = ${year}`.execute(db);
  return r.rows[0]!.n;
}

export async function insertReferral(
  db: Queryable,
  row: Omit<FundingReferralsTable, 'id' | 'created_at' | 'readiness'> & { readiness: string },
  recordedBy: string | null,
): Promise<bigint> {
  const r = await sql<{ id: bigint }>`
    with f as (
      insert into funding_referrals (region_code, registry_id, office_id, programme,
        amount_requested_rupiah, purpose, referred_on, letter_year, letter_seq, letter_number,
        officer_user_id, officer_name, readiness, audit_confirmed)
      values (${row.region_code}, ${row.registry_id}, ${row.office_id}, ${row.programme},
        ${row.amount_requested_rupiah}, ${row.purpose}, ${row.referred_on}, ${row.letter_year},
        ${row.letter_seq}, ${row.letter_number}, ${row.officer_user_id}, ${row.officer_name},
        ${row.readiness}::jsonb, ${row.audit_confirmed})
      returning region_code, registry_id, id, referred_on)
    insert into funding_referral_events (region_code, registry_id, referral_id, seq, status,
      status_on, recorded_by)
    select region_code, registry_id, id, 1, 'referred', referred_on, ${recordedBy} from f
    returning referral_id as id`.execute(db);
  return r.rows[0]!.id;
}

export async function insertEvent(
  db: Queryable,
  e: Omit<FundingReferralEventsTable, 'recorded_at'>,
): Promise<void> {
  await sql`
    insert into funding_referral_events (region_code, registry_id, referral_id, seq, status,
      status_on, amount_rupiah, reason, note, recorded_by)
    values (${e.region_code}, ${e.registry_id}, ${e.referral_id}, ${e.seq}, ${e.status},
      ${e.status_on}, ${e.amount_rupiah}, ${e.reason}, ${e.note}, ${e.recorded_by})`.execute(db);
}

export interface QuarterRow {
  registry_id: bigint;
  period: string;
  version: number;
  submitted_on: string;
  total_aset_rupiah: bigint;
  total_kewajiban_rupiah: bigint;
  total_ekuitas_rupiah: bigint;
  pinjaman_rupiah: bigint;
  pinjaman_bermasalah_rupiah: bigint;
  simpanan_rupiah: bigint;
  shu_rupiah: bigint;
  member_count: number;
}

/** A cooperative's latest versions of its last `count` quarterly reports, newest first. */
export async function lastQuarters(
  db: Queryable,
  registryId: bigint,
  count: number,
): Promise<QuarterRow[]> {
  const r = await sql<QuarterRow>`
    select distinct on (v.period) v.registry_id, v.period, v.version, v.submitted_on,
           v.total_aset_rupiah, v.total_kewajiban_rupiah, v.total_ekuitas_rupiah,
           v.pinjaman_rupiah, v.pinjaman_bermasalah_rupiah, v.simpanan_rupiah, v.shu_rupiah,
           v.member_count
    from supervision_reports v
    where v.registry_id = ${registryId} and v.report_kind = 'quarterly'
    order by v.period desc, v.version desc
    limit ${count}`.execute(db);
  return r.rows;
}

export interface AssessmentRow {
  id: bigint;
  period: string;
  rubric_id: string;
  total_score: string;
  predikat: string;
  provisional: boolean;
  examiner_name: string;
  finalized_at: Date;
}

/** The cooperative's latest final assessment not superseded, if any. */
export async function latestAssessment(
  db: Queryable,
  registryId: bigint,
): Promise<AssessmentRow | undefined> {
  const r = await sql<AssessmentRow>`
    select h.id, h.period, h.rubric_id, h.total_score::text as total_score, h.predikat,
           h.provisional, h.examiner_name, h.finalized_at
    from health_assessments h
    where h.registry_id = ${registryId} and h.status = 'final'
      and not exists (select 1 from health_assessments s
                      where s.registry_id = h.registry_id and s.supersedes_id = h.id
                        and s.status = 'final')
    order by h.period desc, h.finalized_at desc, h.id desc limit 1`.execute(db);
  return r.rows[0];
}
