import { sql } from 'kysely';
import type { Queryable, Tx } from './database.js';
import type { RatAgendaItemsTable, RatMeetingsTable } from './schema.js';

/** The RAT meetings (migration 0037); the rules are in src/domain/rat/meeting.ts. */

export interface MeetingRow {
  id: bigint;
  book_year: number;
  call: number;
  first_call_id: bigint | null;
  title: string;
  mode: RatMeetingsTable['mode'];
  scheduled_on: string;
  starts_at: string;
  location: string | null;
  online_url: string | null;
  rules: unknown;
  late_reason: string | null;
  status: 'planned' | 'open' | 'closed' | 'postponed';
  members_entitled: number | null;
  opened_at: Date | null;
  closed_at: Date | null;
  checkin_key: Uint8Array;
}

const MEETING_COLUMNS = sql.raw(`id, book_year, call, first_call_id, title, mode,
  to_char(scheduled_on, 'YYYY-MM-DD') as scheduled_on, starts_at,
  location, online_url, rules, late_reason, status, members_entitled, opened_at, closed_at, checkin_key`);

export async function insertMeeting(
  tx: Tx,
  coop: string,
  m: {
    bookYear: number;
    call: 1 | 2;
    firstCallId: bigint | null;
    title: string;
    mode: RatMeetingsTable['mode'];
    scheduledOn: string;
    startsAt: string;
    location: string | null;
    onlineUrl: string | null;
    rules: unknown;
    lateReason: string | null;
    checkinKey: Uint8Array;
    createdBy: string | null;
  },
): Promise<bigint | undefined> {
  const r = await sql<{ id: bigint }>`
    insert into rat_meetings (cooperative_id, book_year, call, first_call_id, title, mode, scheduled_on,
      starts_at, location, online_url, rules, late_reason, checkin_key, created_by)
    values (${coop}, ${m.bookYear}, ${m.call}, ${m.firstCallId}, ${m.title}, ${m.mode}, ${m.scheduledOn},
      ${m.startsAt}, ${m.location}, ${m.onlineUrl}, ${JSON.stringify(m.rules)}::jsonb, ${m.lateReason},
      ${m.checkinKey}, ${m.createdBy})
    on conflict (cooperative_id, book_year, call) do nothing
    returning id`.execute(tx);
  return r.rows[0]?.id;
}

export async function insertAgenda(
  tx: Tx,
  coop: string,
  meetingId: bigint,
  items: readonly {
    title: string;
    kind: RatAgendaItemsTable['kind'];
    majority: RatAgendaItemsTable['majority'];
    ballot: 'open' | 'secret';
    motion: string | null;
  }[],
): Promise<void> {
  if (items.length === 0) return;
  await tx
    .insertInto('rat_agenda_items')
    .values(
      items.map((it, i) => ({
        cooperative_id: coop,
        meeting_id: meetingId,
        seq: i + 1,
        title: it.title,
        kind: it.kind,
        majority: it.majority,
        ballot: it.ballot,
        motion: it.motion,
      })),
    )
    .execute();
}

export async function meeting(
  db: Queryable,
  coop: string,
  id: bigint,
  lock = false,
): Promise<MeetingRow | undefined> {
  const r = await sql<MeetingRow>`
    select ${MEETING_COLUMNS} from rat_meetings where cooperative_id = ${coop} and id = ${id}
    ${lock ? sql`for update` : sql``}`.execute(db);
  return r.rows[0];
}

export async function meetings(db: Queryable, coop: string): Promise<MeetingRow[]> {
  const r = await sql<MeetingRow>`
    select ${MEETING_COLUMNS} from rat_meetings where cooperative_id = ${coop}
    order by book_year desc, call desc`.execute(db);
  return r.rows;
}

export interface AgendaRow {
  seq: number;
  title: string;
  kind: RatAgendaItemsTable['kind'];
  majority: RatAgendaItemsTable['majority'];
  ballot: 'open' | 'secret';
  motion: string | null;
  status: 'pending' | 'voting' | 'decided';
  voters_present: number | null;
  setuju: number | null;
  tidak_setuju: number | null;
  abstain: number | null;
  passed: boolean | null;
  decided_at: Date | null;
  note: string | null;
}

export async function agenda(db: Queryable, coop: string, meetingId: bigint): Promise<AgendaRow[]> {
  const r = await sql<AgendaRow>`
    select seq, title, kind, majority, ballot, motion, status, voters_present, setuju, tidak_setuju,
           abstain, passed, decided_at, note
    from rat_agenda_items where cooperative_id = ${coop} and meeting_id = ${meetingId}
    order by seq`.execute(db);
  return r.rows;
}

export async function setMeetingStatus(
  tx: Tx,
  coop: string,
  id: bigint,
  status: MeetingRow['status'],
  fields: { membersEntitled?: number; openedAt?: Date; closedAt?: Date } = {},
): Promise<void> {
  await sql`
    update rat_meetings set status = ${status},
      members_entitled = coalesce(${fields.membersEntitled ?? null}::integer, members_entitled),
      opened_at = coalesce(${fields.openedAt ?? null}::timestamptz, opened_at),
      closed_at = coalesce(${fields.closedAt ?? null}::timestamptz, closed_at)
    where cooperative_id = ${coop} and id = ${id}`.execute(tx);
}

/** Members entitled to attend: active on the day (suspended members do not vote). */
export async function entitledMembers(db: Queryable, coop: string): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::integer as n from members
    where cooperative_id = ${coop} and status = 'active'`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export interface MemberForRat {
  id: bigint;
  member_number: string | null;
  full_name: string;
  status: string;
}

export async function memberById(
  db: Queryable,
  coop: string,
  id: bigint,
): Promise<MemberForRat | undefined> {
  const r = await sql<MemberForRat>`
    select id, member_number, full_name, status from members
    where cooperative_id = ${coop} and id = ${id}`.execute(db);
  return r.rows[0];
}

export async function memberByNumber(
  db: Queryable,
  coop: string,
  memberNumber: string,
): Promise<MemberForRat | undefined> {
  const r = await sql<MemberForRat>`
    select id, member_number, full_name, status from members
    where cooperative_id = ${coop} and member_number = ${memberNumber}`.execute(db);
  return r.rows[0];
}

/** Checks a member in once; false when they already were (the first check-in stands). */
export async function checkIn(
  tx: Tx,
  coop: string,
  meetingId: bigint,
  memberId: bigint,
  method: 'qr' | 'login' | 'desk',
  recordedBy: string | null,
  at: Date,
): Promise<boolean> {
  const r = await sql`
    insert into rat_attendance (cooperative_id, meeting_id, member_id, checked_in_at, method, recorded_by)
    values (${coop}, ${meetingId}, ${memberId}, ${at}, ${method}, ${recordedBy})
    on conflict do nothing`.execute(tx);
  return Number(r.numAffectedRows ?? 0n) === 1;
}

export async function attendanceOf(
  db: Queryable,
  coop: string,
  meetingId: bigint,
  memberId: bigint,
): Promise<{ checked_in_at: Date; method: string } | undefined> {
  const r = await sql<{ checked_in_at: Date; method: string }>`
    select checked_in_at, method from rat_attendance
    where cooperative_id = ${coop} and meeting_id = ${meetingId} and member_id = ${memberId}`.execute(
    db,
  );
  return r.rows[0];
}

/** Present (checked in) and represented (by a holder who is present), in one statement. */
export async function attendanceCounts(
  db: Queryable,
  coop: string,
  meetingId: bigint,
): Promise<{ present: number; represented: number; byMethod: Record<string, number> }> {
  const r = await sql<{
    present: number;
    represented: number;
    qr: number;
    login: number;
    desk: number;
  }>`
    select count(*)::integer as present,
      count(*) filter (where a.method = 'qr')::integer as qr,
      count(*) filter (where a.method = 'login')::integer as login,
      count(*) filter (where a.method = 'desk')::integer as desk,
      (select count(*)::integer from rat_proxies p
        where p.cooperative_id = ${coop} and p.meeting_id = ${meetingId}
          and exists (select from rat_attendance h where h.cooperative_id = p.cooperative_id
                      and h.meeting_id = p.meeting_id and h.member_id = p.holder_member_id)
          and not exists (select from rat_attendance s where s.cooperative_id = p.cooperative_id
                      and s.meeting_id = p.meeting_id and s.member_id = p.member_id)) as represented
    from rat_attendance a
    where a.cooperative_id = ${coop} and a.meeting_id = ${meetingId}`.execute(db);
  const row = r.rows[0]!;
  return {
    present: row.present,
    represented: row.represented,
    byMethod: { qr: row.qr, login: row.login, desk: row.desk },
  };
}

export async function proxiesHeldBy(
  db: Queryable,
  coop: string,
  meetingId: bigint,
  holderId: bigint,
): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::integer as n from rat_proxies
    where cooperative_id = ${coop} and meeting_id = ${meetingId} and holder_member_id = ${holderId}`.execute(
    db,
  );
  return r.rows[0]?.n ?? 0;
}

export async function insertProxy(
  tx: Tx,
  coop: string,
  meetingId: bigint,
  p: { memberId: bigint; holderMemberId: bigint; reference: string; recordedBy: string | null },
): Promise<boolean> {
  const r = await sql`
    insert into rat_proxies (cooperative_id, meeting_id, member_id, holder_member_id, reference, recorded_by)
    values (${coop}, ${meetingId}, ${p.memberId}, ${p.holderMemberId}, ${p.reference}, ${p.recordedBy})
    on conflict do nothing`.execute(tx);
  return Number(r.numAffectedRows ?? 0n) === 1;
}

export interface AttendeeRow {
  member_id: bigint;
  member_number: string | null;
  full_name: string;
  checked_in_at: Date;
  method: string;
}

export async function attendees(
  db: Queryable,
  coop: string,
  meetingId: bigint,
): Promise<AttendeeRow[]> {
  const r = await sql<AttendeeRow>`
    select a.member_id, m.member_number, m.full_name, a.checked_in_at, a.method
    from rat_attendance a join members m on m.cooperative_id = a.cooperative_id and m.id = a.member_id
    where a.cooperative_id = ${coop} and a.meeting_id = ${meetingId}
    order by a.checked_in_at, m.member_number`.execute(db);
  return r.rows;
}

export async function agendaItem(
  db: Queryable,
  coop: string,
  meetingId: bigint,
  seq: number,
): Promise<AgendaRow | undefined> {
  const r = await sql<AgendaRow>`
    select seq, title, kind, majority, ballot, motion, status, voters_present, setuju, tidak_setuju,
           abstain, passed, decided_at, note
    from rat_agenda_items where cooperative_id = ${coop} and meeting_id = ${meetingId} and seq = ${seq}
    for update`.execute(db);
  return r.rows[0];
}

export async function openVoting(
  tx: Tx,
  coop: string,
  meetingId: bigint,
  seq: number,
  votersPresent: number,
  at: Date,
): Promise<void> {
  await sql`
    update rat_agenda_items set status = 'voting', voting_opened_at = ${at}, voters_present = ${votersPresent}
    where cooperative_id = ${coop} and meeting_id = ${meetingId} and seq = ${seq}`.execute(tx);
}

export async function decideItem(
  tx: Tx,
  coop: string,
  meetingId: bigint,
  seq: number,
  d: {
    setuju: number | null;
    tidakSetuju: number | null;
    abstain: number | null;
    passed: boolean | null;
    note: string | null;
    at: Date;
  },
): Promise<void> {
  await sql`
    update rat_agenda_items set status = 'decided', setuju = ${d.setuju}, tidak_setuju = ${d.tidakSetuju},
      abstain = ${d.abstain}, passed = ${d.passed}, note = ${d.note}, decided_at = ${d.at}
    where cooperative_id = ${coop} and meeting_id = ${meetingId} and seq = ${seq}`.execute(tx);
}

/** Invitations for every active member with a phone number, once per meeting and member. */
export async function queueInvitations(
  tx: Tx,
  coop: string,
  meetingId: bigint,
  body: (m: { full_name: string; member_number: string }) => string,
): Promise<{ queued: number; withoutPhone: number; members: number }> {
  const r = await sql<{
    id: bigint;
    full_name: string;
    member_number: string;
    phone: string | null;
  }>`
    select id, full_name, member_number, phone from members
    where cooperative_id = ${coop} and status = 'active' order by member_number`.execute(tx);
  const withPhone = r.rows.filter((m) => m.phone !== null);
  let queued = 0;
  // one statement per 5,000 members: unnest of arrays, no round trip per member
  for (let i = 0; i < withPhone.length; i += 5_000) {
    const chunk = withPhone.slice(i, i + 5_000);
    const q = await sql`
      insert into message_outbox (cooperative_id, member_id, channel, recipient, template, body, dedupe_key)
      select ${coop}, t.member_id, 'whatsapp', t.recipient, 'rat.invitation', t.body, t.dedupe_key
      from unnest(${chunk.map((m) => m.id.toString())}::bigint[], ${chunk.map((m) => m.phone)}::text[],
                  ${chunk.map((m) => body(m))}::text[],
                  ${chunk.map((m) => `rat:${meetingId}:${m.id}`)}::text[]) as t (member_id, recipient, body, dedupe_key)
      on conflict (cooperative_id, dedupe_key) do nothing`.execute(tx);
    queued += Number(q.numAffectedRows ?? 0n);
  }
  return { queued, withoutPhone: r.rows.length - withPhone.length, members: r.rows.length };
}

export async function invitationsQueued(db: Queryable, coop: string, meetingId: bigint) {
  const r = await sql<{ queued: number; sent: number }>`
    select count(*) filter (where status = 'queued')::integer as queued,
           count(*) filter (where status = 'sent')::integer as sent
    from message_outbox
    where cooperative_id = ${coop} and template = 'rat.invitation'
      and dedupe_key like ${`rat:${meetingId}:%`}`.execute(db);
  return r.rows[0] ?? { queued: 0, sent: 0 };
}

/** A late check-in during a secret vote: the base of the majority grows to who is present now. */
export async function raiseVotersPresent(
  tx: Tx,
  coop: string,
  meetingId: bigint,
  seq: number,
  votersPresent: number,
): Promise<void> {
  await sql`
    update rat_agenda_items set voters_present = greatest(voters_present, ${votersPresent})
    where cooperative_id = ${coop} and meeting_id = ${meetingId} and seq = ${seq}`.execute(tx);
}
