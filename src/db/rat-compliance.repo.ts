import { sql } from 'kysely';
import type { Queryable } from './database.js';
import { under } from './dinas-dashboard.repo.js';
import type { RegistryRatDocumentsTable, RegistryRatRemindersTable } from './schema.js';

/**
 * RAT compliance (migration 0032; docs/domain/supervision-rat.md): which cooperatives of a region
 * owe a RAT for a book year, which held it and when, what documents arrived, which reminders went
 * out. Set-based over the region; row-level security holds every statement to the office's region
 * (the `under` range is there for the index, not for the wall).
 *
 * A cooperative owes the RAT of book year Y when it had its legal entity by the end of Y (or its
 * date is unknown) and was not dissolved or in liquidation on or before the deadline, 30 June Y + 1
 * (`ratDeadline` in src/domain/supervision/early-warning.ts; the SQL below says the same date).
 */
const owes = (year: number | ReturnType<typeof sql>) => sql`
  (c.badan_hukum_date is null or c.badan_hukum_date <= make_date(${year}, 12, 31))
  and not (c.status in ('dissolved', 'in_liquidation')
           and c.status_since <= make_date(${year} + 1, 6, 30))`;

export interface ComplianceRow {
  registry_id: bigint;
  name: string;
  cooperative_type: string;
  district_code: string | null;
  status: string;
  linked: boolean;
  held_on: string | null;
  documents: string[];
  reminders: string[];
  officer_name: string | null;
}

/** Every cooperative that owes the book year's RAT, by name, with what the office has of it. */
export async function complianceRows(
  db: Queryable,
  region: string,
  bookYear: number,
  limit: number,
): Promise<ComplianceRow[]> {
  const r = await sql<ComplianceRow>`
    select c.id as registry_id, c.name, c.cooperative_type, c.district_code, c.status,
           c.linked_organization_id is not null as linked,
           r.held_on,
           coalesce((select array_agg(distinct d.kind order by d.kind) from registry_rat_documents d
                     where d.registry_id = c.id and d.book_year = ${bookYear}), '{}') as documents,
           coalesce((select array_agg(m.stage order by m.sent_on) from registry_rat_reminders m
                     where m.registry_id = c.id and m.book_year = ${bookYear}), '{}') as reminders,
           u.full_name as officer_name
    from registry_cooperatives c
    left join registry_rats r on r.registry_id = c.id and r.book_year = ${bookYear}
    left join users u on u.id = c.officer_user_id
    where ${under(region, sql`c.region_code`)} and ${owes(bookYear)}
    order by lower(c.name), c.id
    limit ${limit}`.execute(db);
  return r.rows;
}

export interface YearCountsRow {
  book_year: number;
  on_time: number;
  late: number;
  not_held: number;
  pending: number;
}

/**
 * Per book year from `fromYear` to `toYear`, how many cooperatives owing its RAT held it on time,
 * late, not at all (deadline passed on `today`), or not yet (deadline ahead): the same rule as
 * `ratStatus` in src/domain/supervision/rat-compliance.ts, in one statement over the region.
 */
export async function yearCounts(
  db: Queryable,
  region: string,
  fromYear: number,
  toYear: number,
  today: string,
): Promise<YearCountsRow[]> {
  const r = await sql<YearCountsRow>`
    select y.y as book_year,
           count(*) filter (where r.held_on <= make_date(y.y + 1, 6, 30))::int as on_time,
           count(*) filter (where r.held_on > make_date(y.y + 1, 6, 30))::int as late,
           count(*) filter (where r.held_on is null and ${today}::date > make_date(y.y + 1, 6, 30))::int
             as not_held,
           count(*) filter (where r.held_on is null and ${today}::date <= make_date(y.y + 1, 6, 30))::int
             as pending
    from generate_series(${fromYear}::int, ${toYear}::int) as y (y)
    join registry_cooperatives c on ${under(region, sql`c.region_code`)} and ${owes(sql`y.y`)}
    left join registry_rats r on r.registry_id = c.id and r.book_year = y.y
    group by y.y
    order by y.y`.execute(db);
  return r.rows;
}

/** The earliest book year with a RAT on record in the region, or undefined when none. */
export async function firstRecordedYear(
  db: Queryable,
  region: string,
): Promise<number | undefined> {
  const r = await sql<{ y: number | null }>`
    select min(book_year)::int as y from registry_rats where ${under(region)}`.execute(db);
  return r.rows[0]?.y ?? undefined;
}

export interface ReminderCandidate {
  registry_id: bigint;
  region_code: string;
  name: string;
  /** the phone of a pengurus in office on the day (the chair first), when the registry has one */
  phone: string | null;
}

/**
 * The cooperatives owing the book year's RAT that have not held it and have not yet been reminded
 * at `stage`.
 */
export async function reminderCandidates(
  db: Queryable,
  region: string,
  bookYear: number,
  stage: RegistryRatRemindersTable['stage'],
  today: string,
): Promise<ReminderCandidate[]> {
  const r = await sql<ReminderCandidate>`
    select c.id as registry_id, c.region_code, c.name,
           (select o.phone from registry_organ_members o
            where o.registry_id = c.id and o.organ = 'pengurus' and o.phone is not null
              and o.term_start <= ${today}::date and (o.term_end is null or o.term_end >= ${today}::date)
            order by (lower(coalesce(o.position, '')) like '%ketua%') desc, o.id
            limit 1) as phone
    from registry_cooperatives c
    where ${under(region, sql`c.region_code`)} and ${owes(bookYear)}
      and not exists (select from registry_rats r where r.registry_id = c.id and r.book_year = ${bookYear})
      and not exists (select from registry_rat_reminders m
                      where m.registry_id = c.id and m.book_year = ${bookYear} and m.stage = ${stage})
    order by c.id`.execute(db);
  return r.rows;
}

/** Records the reminders in one statement; a reminder already recorded is skipped. */
export async function insertReminders(
  db: Queryable,
  rows: readonly Omit<RegistryRatRemindersTable, never>[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await sql`
    insert into registry_rat_reminders
      (region_code, registry_id, book_year, stage, sent_on, body, recipient, sent_by)
    select * from unnest(
      ${rows.map((x) => x.region_code)}::text[], ${rows.map((x) => x.registry_id)}::bigint[],
      ${rows.map((x) => x.book_year)}::int[], ${rows.map((x) => x.stage)}::text[],
      ${rows.map((x) => x.sent_on)}::date[], ${rows.map((x) => x.body)}::text[],
      ${rows.map((x) => x.recipient)}::text[], ${rows.map((x) => x.sent_by)}::uuid[])
    on conflict (registry_id, book_year, stage) do nothing`.execute(db);
  return Number(r.numAffectedRows ?? 0n);
}

/** Queues the reminders that have a phone in the office's outbox (one per cause: dedupe key). */
export async function queueReminderMessages(
  db: Queryable,
  organizationId: string,
  rows: readonly { recipient: string; body: string; dedupeKey: string }[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await sql`
    insert into message_outbox (cooperative_id, channel, recipient, template, body, dedupe_key)
    select ${organizationId}, 'whatsapp', t.recipient, 'rat.reminder', t.body, t.dedupe_key
    from unnest(${rows.map((x) => x.recipient)}::text[], ${rows.map((x) => x.body)}::text[],
                ${rows.map((x) => x.dedupeKey)}::text[]) as t (recipient, body, dedupe_key)
    on conflict (cooperative_id, dedupe_key) do nothing`.execute(db);
  return Number(r.numAffectedRows ?? 0n);
}

export interface ReminderRow {
  book_year: number;
  stage: RegistryRatRemindersTable['stage'];
  sent_on: string;
  body: string;
  recipient: string | null;
  sent_by_name: string | null;
}

/** The reminders sent to one cooperative, newest first. */
export async function remindersOf(db: Queryable, registryId: bigint): Promise<ReminderRow[]> {
  const r = await sql<ReminderRow>`
    select m.book_year, m.stage, m.sent_on, m.body, m.recipient, u.full_name as sent_by_name
    from registry_rat_reminders m left join users u on u.id = m.sent_by
    where m.registry_id = ${registryId}
    order by m.sent_on desc, m.book_year desc, m.stage desc`.execute(db);
  return r.rows;
}

export interface DocumentRow {
  id: bigint;
  book_year: number;
  kind: RegistryRatDocumentsTable['kind'];
  file_name: string;
  content_type: RegistryRatDocumentsTable['content_type'];
  size_bytes: number;
  received_on: string;
  uploaded_by_name: string | null;
  uploaded_at: Date;
}

/** One cooperative's RAT documents (without their content), newest book year first. */
export async function documentsOf(db: Queryable, registryId: bigint): Promise<DocumentRow[]> {
  const r = await sql<DocumentRow>`
    select d.id, d.book_year, d.kind, d.file_name, d.content_type,
           octet_length(d.content) as size_bytes, d.received_on, u.full_name as uploaded_by_name,
           d.uploaded_at
    from registry_rat_documents d left join users u on u.id = d.uploaded_by
    where d.registry_id = ${registryId}
    order by d.book_year desc, d.id`.execute(db);
  return r.rows;
}

export async function countDocuments(
  db: Queryable,
  registryId: bigint,
  bookYear: number,
): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from registry_rat_documents
    where registry_id = ${registryId} and book_year = ${bookYear}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export async function insertDocument(
  db: Queryable,
  row: Omit<RegistryRatDocumentsTable, 'id' | 'uploaded_at'>,
): Promise<{ id: bigint; uploaded_at: Date }> {
  const r = await sql<{ id: bigint; uploaded_at: Date }>`
    insert into registry_rat_documents (region_code, registry_id, book_year, kind, file_name,
      content_type, content, content_sha256, received_on, uploaded_by)
    values (${row.region_code}, ${row.registry_id}, ${row.book_year}, ${row.kind}, ${row.file_name},
      ${row.content_type}, ${row.content}, ${row.content_sha256}, ${row.received_on},
      ${row.uploaded_by})
    returning id, uploaded_at`.execute(db);
  return r.rows[0]!;
}

export async function documentContent(
  db: Queryable,
  registryId: bigint,
  documentId: bigint,
): Promise<{ file_name: string; content_type: string; content: Uint8Array } | undefined> {
  const r = await sql<{ file_name: string; content_type: string; content: Uint8Array }>`
    select file_name, content_type, content from registry_rat_documents
    where registry_id = ${registryId} and id = ${documentId}`.execute(db);
  return r.rows[0];
}
