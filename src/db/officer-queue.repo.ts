import { sql } from 'kysely';
import type { Queryable } from './database.js';
import { under } from './dinas-dashboard.repo.js';

/**
 * The reads of the officers' queues (docs/domain/supervision-officer-queue.md): one statement per
 * kind over the cooperatives in the charge of the given officers (`registry_cooperatives.officer_user_id`),
 * set-based whatever their number, each row tagged with the officer it is for. Every statement is
 * held to the office's region prefix as well as by the tables' policies.
 */

/** Every row names the officer it is for and the cooperative. */
export interface QueueBase {
  officer_user_id: string;
  registry_id: bigint;
  name: string;
}

const mine = (region: string, officers: readonly string[]) =>
  sql`${under(region, sql`c.region_code`)} and c.officer_user_id = any(${[...officers]}::uuid[])`;

/** Recommendations of inspections not done whose due date has passed. */
export async function overdueRecommendations(
  db: Queryable,
  region: string,
  officers: readonly string[],
  today: string,
) {
  const r = await sql<QueueBase & { id: bigint; due_on: string; text: string }>`
    select c.officer_user_id, c.id as registry_id, c.name, r.id, r.due_on, r.text
    from inspection_recommendations r
    join registry_cooperatives c on c.id = r.registry_id
    where ${mine(region, officers)} and ${under(region, sql`r.region_code`)}
      and r.done_on is null and r.due_on < ${today}`.execute(db);
  return r.rows;
}

/**
 * Each cooperative's latest letter still counting on the ladder (not revoked; the latest issued,
 * the higher id on the same day, as `nextStep` reads it), with its delivery and whether every
 * finding it names is resolved (each has recommendations, all done).
 */
export async function latestLetters(db: Queryable, region: string, officers: readonly string[]) {
  const r = await sql<
    QueueBase & {
      id: bigint;
      step: string;
      letter_number: string;
      issued_on: string;
      deadline_on: string;
      delivered_on: string | null;
      findings_resolved: boolean;
    }
  >`
    with latest as (
      select distinct on (l.registry_id) l.registry_id, l.id, l.step, l.letter_number, l.issued_on,
        l.deadline_on
      from sanction_letters l
      join registry_cooperatives c on c.id = l.registry_id
      where ${mine(region, officers)} and ${under(region, sql`l.region_code`)}
        and not exists (select 1 from sanction_letter_revocations x
                        where x.registry_id = l.registry_id and x.letter_id = l.id)
      order by l.registry_id, l.issued_on desc, l.id desc
    )
    select c.officer_user_id, c.id as registry_id, c.name, l.id, l.step, l.letter_number,
      l.issued_on, l.deadline_on, d.delivered_on,
      (exists (select 1 from sanction_letter_findings lf
               where lf.registry_id = l.registry_id and lf.letter_id = l.id)
       and not exists (
         select 1 from sanction_letter_findings lf
         where lf.registry_id = l.registry_id and lf.letter_id = l.id
           and (not exists (select 1 from inspection_recommendations r
                            where r.registry_id = lf.registry_id and r.finding_id = lf.finding_id)
                or exists (select 1 from inspection_recommendations r
                           where r.registry_id = lf.registry_id and r.finding_id = lf.finding_id
                             and r.done_on is null)))) as findings_resolved
    from latest l
    join registry_cooperatives c on c.id = l.registry_id
    left join sanction_letter_deliveries d on d.registry_id = l.registry_id and d.letter_id = l.id`.execute(
    db,
  );
  return r.rows;
}

/** Letters not revoked whose delivery was never recorded. */
export async function undeliveredLetters(
  db: Queryable,
  region: string,
  officers: readonly string[],
) {
  const r = await sql<
    QueueBase & { id: bigint; step: string; letter_number: string; issued_on: string }
  >`
    select c.officer_user_id, c.id as registry_id, c.name, l.id, l.step, l.letter_number, l.issued_on
    from sanction_letters l
    join registry_cooperatives c on c.id = l.registry_id
    where ${mine(region, officers)} and ${under(region, sql`l.region_code`)}
      and not exists (select 1 from sanction_letter_deliveries d
                      where d.registry_id = l.registry_id and d.letter_id = l.id)
      and not exists (select 1 from sanction_letter_revocations x
                      where x.registry_id = l.registry_id and x.letter_id = l.id)`.execute(db);
  return r.rows;
}

/**
 * Certificates of holders still serving that end on or before `windowEnd` (expired or expiring),
 * unless the holder was given a newer one of the same scheme that ends after it (renewed).
 */
export async function expiringCertificates(
  db: Queryable,
  region: string,
  officers: readonly string[],
  today: string,
  windowEnd: string,
) {
  const r = await sql<
    QueueBase & { id: bigint; holder_name: string; scheme: string; valid_until: string }
  >`
    select c.officer_user_id, c.id as registry_id, c.name, k.id, k.holder_name, k.scheme, k.valid_until
    from competency_certificates k
    join registry_cooperatives c on c.id = k.registry_id
    where ${mine(region, officers)} and ${under(region, sql`k.region_code`)}
      and k.valid_until <= ${windowEnd} and (k.left_on is null or k.left_on > ${today})
      and not exists (
        select 1 from competency_certificates n
        where n.registry_id = k.registry_id and n.scheme = k.scheme and n.id <> k.id
          and lower(btrim(n.holder_name)) = lower(btrim(k.holder_name))
          and n.valid_until > ${windowEnd} and (n.left_on is null or n.left_on > ${today}))`.execute(
    db,
  );
  return r.rows;
}

/** The due quarters (of `due`) whose report never arrived, per active cooperative. */
export async function missingQuarters(
  db: Queryable,
  region: string,
  officers: readonly string[],
  due: readonly string[],
) {
  if (due.length === 0) return [];
  const r = await sql<QueueBase & { period: string }>`
    select c.officer_user_id, c.id as registry_id, c.name, p.period
    from registry_cooperatives c
    cross join unnest(${[...due]}::text[]) as p(period)
    where ${mine(region, officers)} and c.status = 'active'
      and not exists (select 1 from supervision_reports s
                      where s.registry_id = c.id and s.report_kind = 'quarterly'
                        and s.period = p.period and ${under(region, sql`s.region_code`)})`.execute(
    db,
  );
  return r.rows;
}

/** Active cooperatives with no RAT on record for `bookYear` (and whether the year before had one). */
export async function ratsNotHeld(
  db: Queryable,
  region: string,
  officers: readonly string[],
  bookYear: number,
) {
  const r = await sql<QueueBase & { previous_held: boolean }>`
    select c.officer_user_id, c.id as registry_id, c.name,
      exists (select 1 from registry_rats p
              where p.registry_id = c.id and p.book_year = ${bookYear - 1}) as previous_held
    from registry_cooperatives c
    where ${mine(region, officers)} and c.status = 'active'
      and (c.badan_hukum_date is null or c.badan_hukum_date <= ${`${bookYear}-12-31`})
      and not exists (select 1 from registry_rats h
                      where h.registry_id = c.id and h.book_year = ${bookYear})`.execute(db);
  return r.rows;
}

/**
 * The office's open early-warning alerts on the officers' cooperatives, except the rules the
 * queue reads itself (missing reports, the RAT), so nothing shows twice.
 */
export async function openAlerts(
  db: Queryable,
  region: string,
  organizationId: string,
  officers: readonly string[],
) {
  const r = await sql<
    QueueBase & {
      id: bigint;
      rule: string;
      severity: number;
      value: string;
      threshold: string;
      raised_on: string;
    }
  >`
    select c.officer_user_id, c.id as registry_id, c.name, a.id, a.rule, a.severity, a.value,
      a.threshold, a.raised_on
    from early_warning_alerts a
    join registry_cooperatives c on c.id = a.registry_id
    where a.organization_id = ${organizationId} and ${mine(region, officers)}
      and a.cleared_on is null and a.rule not in ('reports', 'rat')`.execute(db);
  return r.rows;
}

/**
 * Overdue instalments of the agreements under monitoring of the cases each officer is assigned
 * to. Row-level security shows only the cases of the user named by `actAs` (mediation.repo.ts), so
 * an officer's cases appear only to that officer (or to a colleague assigned to the same case).
 */
export async function overdueInstalments(
  db: Queryable,
  officers: readonly string[],
  today: string,
) {
  const r = await sql<
    QueueBase & { case_id: bigint; title: string; no: number; due_on: string; owed_rupiah: bigint }
  >`
    select o.user_id as officer_user_id, c.id as registry_id, c.name, m.id as case_id, m.title,
      i.no, i.due_on, (i.amount_rupiah - i.paid_rupiah)::int8 as owed_rupiah
    from mediation_instalments i
    join mediation_cases m on m.registry_id = i.registry_id and m.id = i.case_id
    join mediation_officers o on o.registry_id = m.registry_id and o.case_id = m.id
    join registry_cooperatives c on c.id = m.registry_id
    where o.user_id = any(${[...officers]}::uuid[]) and m.status = 'agreement'
      and i.paid_rupiah < i.amount_rupiah and i.due_on < ${today}`.execute(db);
  return r.rows;
}

/**
 * The business day of each officer's last queue digest, from its dedupe key in the outbox
 * (`officer-queue:<user>:<YYYY-MM-DD>`, the day the service queued it on).
 */
export async function lastDigests(
  db: Queryable,
  organizationId: string,
  officers: readonly string[],
): Promise<Map<string, string>> {
  const r = await sql<{ user_id: string; on: string }>`
    select user_id, max(split_part(dedupe_key, ':', 3)) as on
    from message_outbox
    where cooperative_id = ${organizationId} and template = 'officer-queue.digest'
      and user_id = any(${[...officers]}::uuid[])
    group by user_id`.execute(db);
  return new Map(r.rows.map((x) => [x.user_id, x.on]));
}
