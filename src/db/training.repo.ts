import { sql } from 'kysely';
import type { Queryable } from './database.js';
import { under } from './dinas-dashboard.repo.js';
import type { CooperativePosition, TrainingResult } from './schema.js';

/**
 * Training and certification (migration 0029; docs/domain/supervision-training.md). Events,
 * sessions, participants and attendance are the office's rows (every statement names the office);
 * certificates are the registry row's (every statement is held to the office's region), like the
 * registry's own tables.
 */

// Events and sessions ----------------------------------------------------------------------------

export interface EventRow {
  id: bigint;
  title: string;
  organiser: string;
  topic: string;
  starts_on: string;
  ends_on: string;
  online: boolean;
  location: string | null;
  created_by_name: string | null;
  sessions: number;
  participants: number;
  passed: number;
}

const eventColumns = sql`
  e.id, e.title, e.organiser, e.topic, e.starts_on, e.ends_on, e.online, e.location,
  u.full_name as created_by_name,
  (select count(*)::int from training_sessions s
    where s.organization_id = e.organization_id and s.event_id = e.id) as sessions,
  (select count(*)::int from training_participants p
    where p.organization_id = e.organization_id and p.event_id = e.id) as participants,
  (select count(*)::int from training_participants p
    where p.organization_id = e.organization_id and p.event_id = e.id and p.result = 'lulus') as passed`;

/** The office's events, newest first (by start), a page of them and the count of all. */
export async function eventsOf(
  db: Queryable,
  organizationId: string,
  page: { limit: number; offset: number },
): Promise<{ items: EventRow[]; total: number }> {
  const items = await sql<EventRow>`
    select ${eventColumns}
    from training_events e left join users u on u.id = e.created_by
    where e.organization_id = ${organizationId}
    order by e.starts_on desc, e.id desc
    limit ${page.limit} offset ${page.offset}`.execute(db);
  const total = await sql<{ n: number }>`
    select count(*)::int as n from training_events where organization_id = ${organizationId}`.execute(
    db,
  );
  return { items: items.rows, total: total.rows[0]?.n ?? 0 };
}

export async function eventById(
  db: Queryable,
  organizationId: string,
  id: bigint,
  forUpdate = false,
): Promise<EventRow | undefined> {
  if (forUpdate)
    await sql`select 1 from training_events where organization_id = ${organizationId} and id = ${id}
      for update`.execute(db);
  const r = await sql<EventRow>`
    select ${eventColumns}
    from training_events e left join users u on u.id = e.created_by
    where e.organization_id = ${organizationId} and e.id = ${id}`.execute(db);
  return r.rows[0];
}

export async function insertEvent(
  db: Queryable,
  organizationId: string,
  e: {
    title: string;
    organiser: string;
    topic: string;
    starts_on: string;
    ends_on: string;
    online: boolean;
    location: string | null;
  },
  createdBy: string | null,
): Promise<bigint> {
  const r = await db
    .insertInto('training_events')
    .values({ organization_id: organizationId, ...e, created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export interface SessionRow {
  id: bigint;
  held_on: string;
  topic: string;
  trainer: string;
}

/** Inserts an event's sessions in one statement. */
export async function insertSessions(
  db: Queryable,
  organizationId: string,
  eventId: bigint,
  sessions: { held_on: string; topic: string; trainer: string }[],
): Promise<void> {
  if (sessions.length === 0) return;
  await db
    .insertInto('training_sessions')
    .values(sessions.map((s) => ({ organization_id: organizationId, event_id: eventId, ...s })))
    .execute();
}

export async function sessionsOf(
  db: Queryable,
  organizationId: string,
  eventId: bigint,
): Promise<SessionRow[]> {
  const r = await sql<SessionRow>`
    select id, held_on, topic, trainer from training_sessions
    where organization_id = ${organizationId} and event_id = ${eventId}
    order by held_on, id`.execute(db);
  return r.rows;
}

// Participants and attendance ------------------------------------------------------------------

export interface ParticipantRow {
  id: bigint;
  registry_id: bigint;
  cooperative: string;
  full_name: string;
  position: CooperativePosition;
  organ_member_id: bigint | null;
  result: TrainingResult | null;
  score: number | null;
  /** the ids of the sessions marked present */
  present: bigint[];
  /** the sessions whose attendance was recorded (present or absent) */
  recorded: number;
}

export async function participantsOf(
  db: Queryable,
  organizationId: string,
  region: string,
  eventId: bigint,
): Promise<ParticipantRow[]> {
  const r = await sql<ParticipantRow>`
    select p.id, p.registry_id, c.name as cooperative, p.full_name, p.position, p.organ_member_id,
      p.result, p.score,
      coalesce(array(select a.session_id from training_attendance a
                     where a.organization_id = p.organization_id and a.participant_id = p.id
                       and a.present order by a.session_id), '{}') as present,
      (select count(*)::int from training_attendance a
        where a.organization_id = p.organization_id and a.participant_id = p.id) as recorded
    from training_participants p
    join registry_cooperatives c on c.id = p.registry_id
    where p.organization_id = ${organizationId} and p.event_id = ${eventId}
      and ${under(region, sql`p.region_code`)}
    order by c.name, p.full_name, p.id`.execute(db);
  return r.rows;
}

/** Enrols a person; undefined when that person of that cooperative is already enrolled. */
export async function insertParticipant(
  db: Queryable,
  row: {
    organization_id: string;
    event_id: bigint;
    region_code: string;
    registry_id: bigint;
    full_name: string;
    position: CooperativePosition;
    organ_member_id: bigint | null;
    added_by: string | null;
  },
): Promise<bigint | undefined> {
  const r = await sql<{ id: bigint }>`
    insert into training_participants
      (organization_id, event_id, region_code, registry_id, full_name, position, organ_member_id, added_by)
    values (${row.organization_id}, ${row.event_id}, ${row.region_code}, ${row.registry_id},
            ${row.full_name}, ${row.position}, ${row.organ_member_id}, ${row.added_by})
    on conflict do nothing
    returning id`.execute(db);
  return r.rows[0]?.id;
}

export async function participantExists(
  db: Queryable,
  organizationId: string,
  eventId: bigint,
  id: bigint,
): Promise<boolean> {
  const r = await sql`select 1 from training_participants
    where organization_id = ${organizationId} and event_id = ${eventId} and id = ${id}
    for update`.execute(db);
  return r.rows.length === 1;
}

/** Whether an organ term belongs to the registry cooperative (the registry's own wall applies). */
export async function organMemberOf(
  db: Queryable,
  region: string,
  registryId: bigint,
  id: bigint,
): Promise<boolean> {
  const r = await sql`select 1 from registry_organ_members
    where ${under(region)} and registry_id = ${registryId} and id = ${id}`.execute(db);
  return r.rows.length === 1;
}

/** Records a participant's attendance of some of the event's sessions in one statement. */
export async function upsertAttendance(
  db: Queryable,
  organizationId: string,
  eventId: bigint,
  participantId: bigint,
  marks: { sessionId: bigint; present: boolean }[],
  recordedBy: string | null,
): Promise<void> {
  if (marks.length === 0) return;
  await sql`
    insert into training_attendance (organization_id, event_id, participant_id, session_id, present, recorded_by)
    select ${organizationId}, ${eventId}, ${participantId}, m.session_id, m.present, ${recordedBy}
    from unnest(${marks.map((m) => m.sessionId.toString())}::int8[],
                ${marks.map((m) => m.present)}::bool[]) as m(session_id, present)
    on conflict (organization_id, participant_id, session_id) do update
      set present = excluded.present, recorded_by = excluded.recorded_by, recorded_at = now()`.execute(
    db,
  );
}

export async function setResult(
  db: Queryable,
  organizationId: string,
  participantId: bigint,
  r: { result: TrainingResult | null; score: number | null },
  recordedBy: string | null,
): Promise<{ result: TrainingResult | null; score: number | null } | undefined> {
  const before = await sql<{ result: TrainingResult | null; score: number | null }>`
    select result, score from training_participants
    where organization_id = ${organizationId} and id = ${participantId}`.execute(db);
  await sql`
    update training_participants set result = ${r.result}, score = ${r.score},
      result_recorded_by = ${recordedBy}
    where organization_id = ${organizationId} and id = ${participantId}`.execute(db);
  return before.rows[0];
}

// Certificates -----------------------------------------------------------------------------------

export interface CertificateRow {
  id: bigint;
  registry_id: bigint;
  cooperative: string;
  holder_name: string;
  position: CooperativePosition;
  organ_member_id: bigint | null;
  scheme: string;
  certificate_number: string;
  issuer: string;
  issued_on: string;
  valid_until: string;
  left_on: string | null;
  recorded_by_name: string | null;
}

/**
 * The region's certificates (or one cooperative's), soonest to expire first. `validUntilMax`
 * keeps those that end on or before it (the alert: expired or expiring within the window);
 * `validUntilMin` those that end on or after it. Holders who left are left out of an alert.
 */
export async function certificatesOf(
  db: Queryable,
  region: string,
  q: {
    registryId?: bigint;
    validUntilMin?: string;
    validUntilMax?: string;
    serving?: string;
    limit: number;
    offset: number;
  },
): Promise<{ items: CertificateRow[]; total: number }> {
  const where = sql`${under(region, sql`k.region_code`)}
    ${q.registryId !== undefined ? sql`and k.registry_id = ${q.registryId}` : sql``}
    ${q.validUntilMin !== undefined ? sql`and k.valid_until >= ${q.validUntilMin}` : sql``}
    ${q.validUntilMax !== undefined ? sql`and k.valid_until <= ${q.validUntilMax}` : sql``}
    ${q.serving !== undefined ? sql`and (k.left_on is null or k.left_on > ${q.serving})` : sql``}`;
  const items = await sql<CertificateRow>`
    select k.id, k.registry_id, c.name as cooperative, k.holder_name, k.position, k.organ_member_id,
      k.scheme, k.certificate_number, k.issuer, k.issued_on, k.valid_until, k.left_on,
      u.full_name as recorded_by_name
    from competency_certificates k
    join registry_cooperatives c on c.id = k.registry_id
    left join users u on u.id = k.recorded_by
    where ${where}
    order by k.valid_until, c.name, k.id
    limit ${q.limit} offset ${q.offset}`.execute(db);
  const total = await sql<{ n: number }>`
    select count(*)::int as n from competency_certificates k where ${where}`.execute(db);
  return { items: items.rows, total: total.rows[0]?.n ?? 0 };
}

/** Files a certificate; undefined when the cooperative already has one with that number. */
export async function insertCertificate(
  db: Queryable,
  row: {
    region_code: string;
    registry_id: bigint;
    holder_name: string;
    position: CooperativePosition;
    organ_member_id: bigint | null;
    scheme: string;
    certificate_number: string;
    issuer: string;
    issued_on: string;
    valid_until: string;
    left_on: string | null;
    recorded_by: string | null;
  },
): Promise<bigint | undefined> {
  const r = await sql<{ id: bigint }>`
    insert into competency_certificates (region_code, registry_id, holder_name, position,
      organ_member_id, scheme, certificate_number, issuer, issued_on, valid_until, left_on, recorded_by)
    values (${row.region_code}, ${row.registry_id}, ${row.holder_name}, ${row.position},
      ${row.organ_member_id}, ${row.scheme}, ${row.certificate_number}, ${row.issuer},
      ${row.issued_on}, ${row.valid_until}, ${row.left_on}, ${row.recorded_by})
    on conflict (registry_id, certificate_number) do nothing
    returning id`.execute(db);
  return r.rows[0]?.id;
}

/**
 * Records the day a certificate's holder stopped serving the cooperative (or clears it); returns
 * the day before, or undefined when the office has no such certificate.
 */
export async function setLeftOn(
  db: Queryable,
  region: string,
  id: bigint,
  leftOn: string | null,
): Promise<{ before: string | null; registry_id: bigint; issued_on: string } | undefined> {
  const r = await sql<{ left_on: string | null; registry_id: bigint; issued_on: string }>`
    select left_on, registry_id, issued_on from competency_certificates
    where ${under(region)} and id = ${id} for update`.execute(db);
  const row = r.rows[0];
  if (!row) return undefined;
  await sql`update competency_certificates set left_on = ${leftOn}
    where ${under(region)} and id = ${id}`.execute(db);
  return { before: row.left_on, registry_id: row.registry_id, issued_on: row.issued_on };
}

/** The active cooperatives of the given types under the region, for the requirement table. */
export async function cooperativesOfTypes(
  db: Queryable,
  region: string,
  types: readonly string[],
): Promise<{ id: bigint; name: string; cooperative_type: string }[]> {
  const r = await sql<{ id: bigint; name: string; cooperative_type: string }>`
    select id, name, cooperative_type from registry_cooperatives
    where ${under(region)} and status = 'active' and cooperative_type = any(${[...types]}::text[])
    order by name, id`.execute(db);
  return r.rows;
}

/** The certificates of the given positions held in the region's cooperatives (for the requirement). */
export async function heldCertificates(
  db: Queryable,
  region: string,
  positions: readonly string[],
  registryId?: bigint,
): Promise<
  {
    registry_id: bigint;
    holder_name: string;
    position: CooperativePosition;
    issued_on: string;
    valid_until: string;
    left_on: string | null;
  }[]
> {
  const r = await sql<{
    registry_id: bigint;
    holder_name: string;
    position: CooperativePosition;
    issued_on: string;
    valid_until: string;
    left_on: string | null;
  }>`
    select registry_id, holder_name, position, issued_on, valid_until, left_on
    from competency_certificates
    where ${under(region)} and position = any(${[...positions]}::text[])
      ${registryId !== undefined ? sql`and registry_id = ${registryId}` : sql``}`.execute(db);
  return r.rows;
}

// The case file ----------------------------------------------------------------------------------

export interface AttendedRow {
  participant_id: bigint;
  event_id: bigint;
  title: string;
  organiser: string;
  starts_on: string;
  ends_on: string;
  full_name: string;
  position: CooperativePosition;
  result: TrainingResult | null;
  score: number | null;
  sessions: number;
  attended: number;
  added_by_name: string | null;
}

/** The office's events a cooperative's people took part in, one row per participant. */
export async function attendedBy(
  db: Queryable,
  organizationId: string,
  region: string,
  registryId: bigint,
): Promise<AttendedRow[]> {
  const r = await sql<AttendedRow>`
    select p.id as participant_id, e.id as event_id, e.title, e.organiser, e.starts_on, e.ends_on,
      p.full_name, p.position, p.result, p.score,
      (select count(*)::int from training_sessions s
        where s.organization_id = e.organization_id and s.event_id = e.id) as sessions,
      (select count(*)::int from training_attendance a
        where a.organization_id = p.organization_id and a.participant_id = p.id and a.present) as attended,
      u.full_name as added_by_name
    from training_participants p
    join training_events e on e.organization_id = p.organization_id and e.id = p.event_id
    left join users u on u.id = p.added_by
    where p.organization_id = ${organizationId} and ${under(region, sql`p.region_code`)}
      and p.registry_id = ${registryId}
    order by e.ends_on, p.id`.execute(db);
  return r.rows;
}
