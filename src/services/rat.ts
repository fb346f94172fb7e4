import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { memberIdOfUser } from '../db/members.repo.js';
import * as ballots from '../db/rat-ballots.repo.js';
import * as repo from '../db/rat.repo.js';
import { businessDateWib, tanggalId } from '../domain/calendar.js';
import { AppError } from '../domain/errors.js';
import {
  DEFAULT_RAT_RULES,
  motionPasses,
  planProblems,
  quorumStatus,
  type MajorityRule,
  type QuorumStatus,
  type RatMode,
  type RatRules,
} from '../domain/rat/meeting.js';
import { actingUserId, inOrg, type Deps, type OrgContext, type OrgTx } from './context.js';

/**
 * The RAT of a cooperative (issue 17 item 4; docs/domain/rat.md): plan it within the legal window
 * with its agenda, invite every member through the message outbox, check members in by QR at the
 * door or by logging in, compute the quorum live from the AD/ART rule, open voting only with a
 * quorum, record and decide each motion, close it. Secret ballots (src/domain/rat/ballot/) are
 * counted apart from who took part.
 */

export type AgendaKind = repo.AgendaRow['kind'];

export interface AgendaItemInput {
  title: string;
  kind: AgendaKind;
  majority: 'none' | MajorityRule;
  ballot: 'open' | 'secret';
  motion: string | null;
}

/** The usual agenda of a RAT (UU 25/1992 art. 23; the domain reference's RAT section). */
export function standardAgenda(bookYear: number): AgendaItemInput[] {
  return [
    {
      title: 'Pembukaan dan pengesahan tata tertib rapat',
      kind: 'opening',
      majority: 'simple',
      ballot: 'open',
      motion: 'Tata tertib RAT disahkan',
    },
    {
      title: `Laporan pertanggungjawaban pengurus tahun buku ${bookYear}`,
      kind: 'accountability',
      majority: 'simple',
      ballot: 'open',
      motion: `Laporan pertanggungjawaban pengurus tahun buku ${bookYear} diterima`,
    },
    {
      title: `Laporan pengawas tahun buku ${bookYear}`,
      kind: 'supervision',
      majority: 'none',
      ballot: 'open',
      motion: null,
    },
    {
      title: `Pengesahan laporan keuangan tahun buku ${bookYear}`,
      kind: 'statements',
      majority: 'simple',
      ballot: 'open',
      motion: `Laporan keuangan tahun buku ${bookYear} disahkan`,
    },
    {
      title: `Penetapan pembagian SHU tahun buku ${bookYear}`,
      kind: 'shu',
      majority: 'simple',
      ballot: 'secret',
      motion: `Usulan pembagian SHU tahun buku ${bookYear} disetujui`,
    },
    {
      title: `Rencana kerja dan RAPB tahun ${bookYear + 1}`,
      kind: 'plan',
      majority: 'simple',
      ballot: 'open',
      motion: `Rencana kerja dan RAPB tahun ${bookYear + 1} disahkan`,
    },
  ];
}

export interface PlanInput {
  bookYear: number;
  title?: string;
  mode: RatMode;
  scheduledOn: string;
  startsAt: string;
  location?: string | null;
  onlineUrl?: string | null;
  lateReason?: string | null;
  rules?: Partial<RatRules>;
  agenda?: AgendaItemInput[];
}

const PROBLEM_TEXT: Record<
  string,
  (p: { deadline?: string; latestInvitation?: string }) => string
> = {
  'before-year-end': () => 'RAT diadakan setelah tahun buku berakhir',
  'after-deadline': (p) =>
    `batas waktu RAT ${p.deadline ? tanggalId(p.deadline) : ''} terlewati: isi alasan keterlambatan`,
  'invitation-late': (p) =>
    `undangan harus dikirim paling lambat ${p.latestInvitation ? tanggalId(p.latestInvitation) : ''}: pilih tanggal yang lebih jauh`,
};

export async function planMeeting(deps: Deps, ctx: OrgContext, input: PlanInput) {
  const rules: RatRules = { ...DEFAULT_RAT_RULES, ...input.rules };
  const today = businessDateWib(deps.clock());
  const problems = planProblems(input.bookYear, input.scheduledOn, today, rules).filter(
    // a late RAT is still held (and reported late): it needs its reason, not a refusal
    (p) => !(p.code === 'after-deadline' && input.lateReason),
  );
  if (problems.length > 0)
    throw new AppError('RAT_PLAN_INVALID', {
      reason: problems.map((p) => PROBLEM_TEXT[p.code]!(p)).join('; '),
    });
  if (input.mode !== 'online' && !input.location)
    throw new AppError('RAT_PLAN_INVALID', { reason: 'tempat rapat wajib diisi' });
  if (input.mode !== 'in-person' && !input.onlineUrl)
    throw new AppError('RAT_PLAN_INVALID', { reason: 'tautan rapat daring wajib diisi' });
  return inOrg(deps, ctx, async (o) => {
    const id = await repo.insertMeeting(o.tx, ctx.organizationId, {
      bookYear: input.bookYear,
      call: 1,
      firstCallId: null,
      title: input.title ?? `Rapat Anggota Tahunan tahun buku ${input.bookYear}`,
      mode: input.mode,
      scheduledOn: input.scheduledOn,
      startsAt: input.startsAt,
      location: input.mode === 'online' ? null : (input.location ?? null),
      onlineUrl: input.mode === 'in-person' ? null : (input.onlineUrl ?? null),
      rules,
      lateReason: input.lateReason ?? null,
      checkinKey: randomBytes(32),
      createdBy: ctx.actor.userId,
    });
    if (id === undefined)
      throw new AppError('RAT_MEETING_EXISTS', { bookYear: input.bookYear, call: 1 });
    await repo.insertAgenda(
      o.tx,
      ctx.organizationId,
      id,
      input.agenda ?? standardAgenda(input.bookYear),
    );
    await o.audit({
      action: 'rat.planned',
      entityType: 'rat-meeting',
      entityId: id,
      after: { bookYear: input.bookYear, scheduledOn: input.scheduledOn, mode: input.mode },
    });
    return meetingIn(o, id);
  });
}

/**
 * The first call lacked its quorum: it is postponed and the meeting called again, with the
 * AD/ART's lower quorum of a second call if it has one. The agenda is carried over.
 */
export async function callAgain(
  deps: Deps,
  ctx: OrgContext,
  firstCallId: bigint,
  input: { scheduledOn: string; startsAt: string },
) {
  return inOrg(deps, ctx, async (o) => {
    const first = await loadMeeting(o, firstCallId, true);
    if (first.call !== 1 || !['planned', 'open'].includes(first.status))
      throw new AppError('RAT_STATE_INVALID', { status: first.status, action: 'panggilan kedua' });
    if (input.scheduledOn < first.scheduled_on)
      throw new AppError('RAT_PLAN_INVALID', {
        reason: 'panggilan kedua sesudah panggilan pertama',
      });
    await repo.setMeetingStatus(o.tx, ctx.organizationId, firstCallId, 'postponed');
    const id = await repo.insertMeeting(o.tx, ctx.organizationId, {
      bookYear: first.book_year,
      call: 2,
      firstCallId,
      title: `${first.title} (panggilan kedua)`,
      mode: first.mode,
      scheduledOn: input.scheduledOn,
      startsAt: input.startsAt,
      location: first.location,
      onlineUrl: first.online_url,
      rules: first.rules,
      lateReason: first.late_reason,
      checkinKey: randomBytes(32),
      createdBy: ctx.actor.userId,
    });
    if (id === undefined)
      throw new AppError('RAT_MEETING_EXISTS', { bookYear: first.book_year, call: 2 });
    const items = await repo.agenda(o.tx, ctx.organizationId, firstCallId);
    await repo.insertAgenda(o.tx, ctx.organizationId, id, items);
    await o.audit({
      action: 'rat.postponed',
      entityType: 'rat-meeting',
      entityId: firstCallId,
      after: { secondCall: id.toString(), scheduledOn: input.scheduledOn },
    });
    return meetingIn(o, id);
  });
}

export async function loadMeeting(o: OrgTx, id: bigint, lock = false): Promise<repo.MeetingRow> {
  const m = await repo.meeting(o.tx, o.ctx.organizationId, id, lock);
  if (!m) throw new AppError('RAT_MEETING_NOT_FOUND');
  return m;
}

export const rulesOf = (m: repo.MeetingRow): RatRules => ({
  ...DEFAULT_RAT_RULES,
  ...(m.rules as object),
});

export async function quorumIn(
  o: OrgTx,
  m: repo.MeetingRow,
  counted?: Awaited<ReturnType<typeof repo.attendanceCounts>>,
): Promise<QuorumStatus & { present: number; represented: number; members: number }> {
  const counts = counted ?? (await repo.attendanceCounts(o.tx, o.ctx.organizationId, m.id));
  // before the meeting opens, the entitled members are counted live; from opening on, as they were
  const members = m.members_entitled ?? (await repo.entitledMembers(o.tx, o.ctx.organizationId));
  const q = quorumStatus(
    { members, present: counts.present, represented: counts.represented },
    rulesOf(m),
    m.call === 2 ? 2 : 1,
  );
  return { ...q, present: counts.present, represented: counts.represented, members };
}

export async function meetingIn(o: OrgTx, id: bigint) {
  const m = await loadMeeting(o, id);
  const items = await repo.agenda(o.tx, o.ctx.organizationId, id);
  const counts = await repo.attendanceCounts(o.tx, o.ctx.organizationId, id);
  const quorum = await quorumIn(o, m, counts);
  const invitations = await repo.invitationsQueued(o.tx, o.ctx.organizationId, id);
  return {
    id: m.id.toString(),
    bookYear: m.book_year,
    call: m.call,
    firstCallId: m.first_call_id?.toString() ?? null,
    title: m.title,
    mode: m.mode,
    scheduledOn: m.scheduled_on,
    startsAt: m.starts_at,
    location: m.location,
    onlineUrl: m.online_url,
    lateReason: m.late_reason,
    status: m.status,
    rules: rulesOf(m),
    openedAt: m.opened_at?.toISOString() ?? null,
    closedAt: m.closed_at?.toISOString() ?? null,
    quorum: {
      members: quorum.members,
      required: quorum.required,
      present: quorum.present,
      represented: quorum.represented,
      counted: quorum.counted,
      met: quorum.met,
    },
    checkIns: counts.byMethod,
    invitations,
    agenda: items.map((i) => ({
      seq: i.seq,
      title: i.title,
      kind: i.kind,
      majority: i.majority,
      ballot: i.ballot,
      motion: i.motion,
      status: i.status,
      votersPresent: i.voters_present,
      setuju: i.setuju,
      tidakSetuju: i.tidak_setuju,
      abstain: i.abstain,
      passed: i.passed,
      decidedAt: i.decided_at?.toISOString() ?? null,
      note: i.note,
    })),
  };
}

export type MeetingView = Awaited<ReturnType<typeof meetingIn>>;

export async function getMeeting(deps: Deps, ctx: OrgContext, id: bigint): Promise<MeetingView> {
  return inOrg(deps, ctx, (o) => meetingIn(o, id));
}

export async function listMeetings(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async (o) => {
    const rows = await repo.meetings(o.tx, ctx.organizationId);
    return rows.map((m) => ({
      id: m.id.toString(),
      bookYear: m.book_year,
      call: m.call,
      title: m.title,
      mode: m.mode,
      scheduledOn: m.scheduled_on,
      startsAt: m.starts_at,
      status: m.status,
    }));
  });
}

/** The invitation's text: short enough for WhatsApp and SMS, in Indonesian. */
function invitationBody(m: repo.MeetingRow, coopName: string, member: { full_name: string }) {
  const where =
    m.mode === 'online'
      ? `daring: ${m.online_url}`
      : m.mode === 'hybrid'
        ? `${m.location} atau daring: ${m.online_url}`
        : m.location;
  return (
    `Yth. ${member.full_name}, Anda diundang ke ${m.title} ${coopName} pada ` +
    `${tanggalId(m.scheduled_on)} pukul ${m.starts_at} WIB di ${where}. ` +
    'Buku RAT dan kode QR daftar hadir ada di portal anggota. Kehadiran Anda menentukan kuorum.'
  ).slice(0, 2000);
}

/** Queues one invitation per active member with a phone, once per meeting (idempotent). */
export async function sendInvitations(deps: Deps, ctx: OrgContext, meetingId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const m = await loadMeeting(o, meetingId, true);
    if (m.status !== 'planned')
      throw new AppError('RAT_STATE_INVALID', { status: m.status, action: 'kirim undangan' });
    const org = await o.tx
      .selectFrom('organizations')
      .select('name')
      .where('id', '=', ctx.organizationId)
      .executeTakeFirstOrThrow();
    const r = await repo.queueInvitations(o.tx, ctx.organizationId, meetingId, (member) =>
      invitationBody(m, org.name, member),
    );
    await o.audit({
      action: 'rat.invited',
      entityType: 'rat-meeting',
      entityId: meetingId,
      after: { queued: r.queued, withoutPhone: r.withoutPhone },
    });
    return r;
  });
}

// Check-in -------------------------------------------------------------------------------------

const QR_PREFIX = 'SOKOGURU-RAT';

function checkinToken(key: Uint8Array, meetingId: bigint, memberId: bigint): string {
  return createHmac('sha256', key)
    .update(`${meetingId}:${memberId}`)
    .digest('base64url')
    .slice(0, 22);
}

/** What the member's QR code carries: the meeting, the member number and a keyed token. */
export function checkinQrPayload(
  m: { id: bigint; checkin_key: Uint8Array },
  member: { id: bigint; member_number: string },
): string {
  return `${QR_PREFIX}:${m.id}:${member.member_number}:${checkinToken(m.checkin_key, m.id, member.id)}`;
}

async function admit(
  o: OrgTx,
  m: repo.MeetingRow,
  member: repo.MemberForRat,
  method: 'qr' | 'login' | 'desk',
  now: Date,
) {
  if (!['planned', 'open'].includes(m.status))
    throw new AppError('RAT_STATE_INVALID', { status: m.status, action: 'daftar hadir' });
  const today = businessDateWib(now);
  if (today < m.scheduled_on)
    throw new AppError('RAT_CHECKIN_NOT_YET', { date: tanggalId(m.scheduled_on) });
  if (member.status !== 'active')
    throw new AppError('RAT_MEMBER_NOT_ENTITLED', {
      member: member.member_number ?? member.full_name,
      status: member.status,
    });
  // a late check-in counts: the quorum and the next votes see it
  const first = await repo.checkIn(
    o.tx,
    o.ctx.organizationId,
    m.id,
    member.id,
    method,
    o.ctx.actor.userId,
    now,
  );
  if (first)
    await o.audit({
      action: 'rat.checked-in',
      entityType: 'rat-meeting',
      entityId: m.id,
      after: { memberId: member.id.toString(), method },
    });
  const quorum = await quorumIn(o, m);
  return {
    memberId: member.id.toString(),
    memberNumber: member.member_number,
    fullName: member.full_name,
    alreadyCheckedIn: !first,
    quorum: { required: quorum.required, counted: quorum.counted, met: quorum.met },
  };
}

/** At the door: the member's QR code (scanned), or the member picked at the desk. */
export async function checkIn(
  deps: Deps,
  ctx: OrgContext,
  meetingId: bigint,
  input: { qr: string } | { memberId: bigint },
) {
  return inOrg(deps, ctx, async (o) => {
    const m = await loadMeeting(o, meetingId);
    if ('memberId' in input) {
      const member = await repo.memberById(o.tx, ctx.organizationId, input.memberId);
      if (!member) throw new AppError('MEMBER_NOT_FOUND');
      return admit(o, m, member, 'desk', deps.clock());
    }
    const parts = input.qr.trim().split(':');
    if (parts.length !== 4 || parts[0] !== QR_PREFIX || parts[1] !== meetingId.toString())
      throw new AppError('RAT_CHECKIN_INVALID');
    const member = await repo.memberByNumber(o.tx, ctx.organizationId, parts[2]!);
    if (!member) throw new AppError('RAT_CHECKIN_INVALID');
    const expected = Buffer.from(checkinToken(m.checkin_key, m.id, member.id));
    const given = Buffer.from(parts[3]!);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      throw new AppError('RAT_CHECKIN_INVALID');
    return admit(o, m, member, 'qr', deps.clock());
  });
}

export async function ownMember(o: OrgTx): Promise<repo.MemberForRat> {
  const id = await memberIdOfUser(o.tx, o.ctx.organizationId, actingUserId(o.ctx));
  const member =
    id === undefined ? undefined : await repo.memberById(o.tx, o.ctx.organizationId, id);
  if (!member) throw new AppError('FORBIDDEN');
  return member;
}

/** An online member checks in by being signed in. */
export async function checkInSelf(deps: Deps, ctx: OrgContext, meetingId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const m = await loadMeeting(o, meetingId);
    return admit(o, m, await ownMember(o), 'login', deps.clock());
  });
}

/** The member's RATs: upcoming and open ones with their own check-in and QR, and past ones. */
export async function myMeetings(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async (o) => {
    const member = await ownMember(o);
    const rows = await repo.meetings(o.tx, ctx.organizationId);
    const out = [];
    for (const m of rows) {
      if (m.status === 'postponed') continue;
      const attended = await repo.attendanceOf(o.tx, ctx.organizationId, m.id, member.id);
      // the secret ballots the member may take part in (the portal's ballot screen), with their
      // election's status; the result once decided. Nothing here says how the member voted.
      const secretBallots = [];
      if (m.status === 'open' || m.status === 'closed')
        for (const i of await repo.agenda(o.tx, ctx.organizationId, m.id)) {
          if (i.ballot !== 'secret') continue;
          const e = await ballots.election(o.tx, ctx.organizationId, m.id, i.seq);
          secretBallots.push({
            seq: i.seq,
            title: i.title,
            motion: i.motion,
            itemStatus: i.status,
            electionStatus: e?.status ?? null,
            result:
              i.status === 'decided'
                ? {
                    setuju: i.setuju ?? 0,
                    tidakSetuju: i.tidak_setuju ?? 0,
                    abstain: i.abstain ?? 0,
                    passed: i.passed ?? false,
                  }
                : null,
          });
        }
      out.push({
        id: m.id.toString(),
        bookYear: m.book_year,
        title: m.title,
        mode: m.mode,
        scheduledOn: m.scheduled_on,
        startsAt: m.starts_at,
        location: m.location,
        onlineUrl: m.online_url,
        status: m.status,
        checkedInAt: attended?.checked_in_at.toISOString() ?? null,
        qr:
          member.member_number && m.status !== 'closed'
            ? checkinQrPayload(m, { id: member.id, member_number: member.member_number })
            : null,
        secretBallots,
      });
    }
    return out;
  });
}

/** A member represented by another (only as far as the AD/ART allows). */
export async function recordProxy(
  deps: Deps,
  ctx: OrgContext,
  meetingId: bigint,
  input: { memberId: bigint; holderMemberId: bigint; reference: string },
) {
  return inOrg(deps, ctx, async (o) => {
    const m = await loadMeeting(o, meetingId, true);
    if (!['planned', 'open'].includes(m.status))
      throw new AppError('RAT_STATE_INVALID', { status: m.status, action: 'catat kuasa' });
    const rules = rulesOf(m);
    if (rules.proxiesPerHolderMax === 0)
      throw new AppError('RAT_PROXY_NOT_ALLOWED', { reason: 'AD/ART tidak mengizinkan kuasa' });
    if (input.memberId === input.holderMemberId)
      throw new AppError('RAT_PROXY_NOT_ALLOWED', {
        reason: 'anggota tidak dapat mewakili dirinya',
      });
    for (const id of [input.memberId, input.holderMemberId]) {
      const member = await repo.memberById(o.tx, ctx.organizationId, id);
      if (!member) throw new AppError('MEMBER_NOT_FOUND');
      if (member.status !== 'active')
        throw new AppError('RAT_MEMBER_NOT_ENTITLED', {
          member: member.member_number ?? member.full_name,
          status: member.status,
        });
    }
    const held = await repo.proxiesHeldBy(
      o.tx,
      ctx.organizationId,
      meetingId,
      input.holderMemberId,
    );
    if (held >= rules.proxiesPerHolderMax)
      throw new AppError('RAT_PROXY_NOT_ALLOWED', {
        reason: `seorang anggota paling banyak mewakili ${rules.proxiesPerHolderMax} anggota`,
      });
    const ok = await repo.insertProxy(o.tx, ctx.organizationId, meetingId, {
      ...input,
      recordedBy: ctx.actor.userId,
    });
    if (!ok) throw new AppError('RAT_PROXY_NOT_ALLOWED', { reason: 'anggota ini sudah diwakili' });
    await o.audit({
      action: 'rat.proxy',
      entityType: 'rat-meeting',
      entityId: meetingId,
      after: {
        memberId: input.memberId.toString(),
        holderMemberId: input.holderMemberId.toString(),
      },
    });
    return meetingIn(o, meetingId);
  });
}

// Running the meeting ----------------------------------------------------------------------------

/** Opens the meeting when the quorum is met; the entitled members are counted as of now. */
export async function openMeeting(deps: Deps, ctx: OrgContext, meetingId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const m = await loadMeeting(o, meetingId, true);
    if (m.status !== 'planned')
      throw new AppError('RAT_STATE_INVALID', { status: m.status, action: 'buka rapat' });
    const members = await repo.entitledMembers(o.tx, ctx.organizationId);
    const q = await quorumIn(o, { ...m, members_entitled: members });
    if (!q.met)
      throw new AppError('RAT_QUORUM_NOT_MET', { counted: q.counted, required: q.required });
    await repo.setMeetingStatus(o.tx, ctx.organizationId, meetingId, 'open', {
      membersEntitled: members,
      openedAt: deps.clock(),
    });
    await o.audit({
      action: 'rat.opened',
      entityType: 'rat-meeting',
      entityId: meetingId,
      after: { members, present: q.present, represented: q.represented, required: q.required },
    });
    return meetingIn(o, meetingId);
  });
}

export async function itemOf(o: OrgTx, meetingId: bigint, seq: number) {
  const item = await repo.agendaItem(o.tx, o.ctx.organizationId, meetingId, seq);
  if (!item) throw new AppError('RAT_AGENDA_ITEM_NOT_FOUND');
  return item;
}

/** Opens the vote on an item's motion: refused without a quorum at this moment. */
export async function openVoting(deps: Deps, ctx: OrgContext, meetingId: bigint, seq: number) {
  return inOrg(deps, ctx, async (o) => {
    const m = await loadMeeting(o, meetingId, true);
    if (m.status !== 'open')
      throw new AppError('RAT_STATE_INVALID', {
        status: m.status,
        action: 'buka pemungutan suara',
      });
    const item = await itemOf(o, meetingId, seq);
    if (item.majority === 'none' || item.status !== 'pending')
      throw new AppError('RAT_STATE_INVALID', {
        status: item.status,
        action: 'buka pemungutan suara',
      });
    const q = await quorumIn(o, m);
    if (!q.met)
      throw new AppError('RAT_QUORUM_NOT_MET', { counted: q.counted, required: q.required });
    if (item.ballot === 'secret') {
      // a secret item is voted on its election's board: the keys must be ready (all keyholders dealt)
      const e = await ballots.election(o.tx, ctx.organizationId, meetingId, seq, true);
      if (!e) throw new AppError('RAT_ELECTION_NOT_FOUND');
      if (e.status !== 'ready')
        throw new AppError('RAT_ELECTION_STATE', {
          status: e.status,
          action: 'buka pemungutan suara',
        });
      await ballots.updateElection(o.tx, ctx.organizationId, meetingId, seq, { status: 'voting' });
    }
    await repo.openVoting(o.tx, ctx.organizationId, meetingId, seq, q.counted, deps.clock());
    await o.audit({
      action: 'rat.voting-opened',
      entityType: 'rat-meeting',
      entityId: meetingId,
      after: { seq, votersPresent: q.counted },
    });
    return meetingIn(o, meetingId);
  });
}

/**
 * The result of an open vote (counted by the chair) or of a secret ballot's decrypted tally; the
 * motion passes by the item's majority rule.
 */
export async function recordResult(
  deps: Deps,
  ctx: OrgContext,
  meetingId: bigint,
  seq: number,
  votes: { setuju: number; tidakSetuju: number; abstain: number; note?: string | null },
) {
  return inOrg(deps, ctx, async (o) => {
    await decideIn(o, meetingId, seq, votes, deps.clock(), 'open');
    return meetingIn(o, meetingId);
  });
}

/**
 * Decides an item in the vote: an open vote by the chair's count (`from` 'open'), a secret ballot
 * by its decrypted tally (`from` 'secret', src/services/rat-ballots.ts). One path, one majority
 * rule; the votes may not exceed the members present when the voting opened.
 */
export async function decideIn(
  o: OrgTx,
  meetingId: bigint,
  seq: number,
  votes: { setuju: number; tidakSetuju: number; abstain: number; note?: string | null },
  at: Date,
  from: 'open' | 'secret',
) {
  const m = await loadMeeting(o, meetingId, true);
  if (m.status !== 'open')
    throw new AppError('RAT_STATE_INVALID', { status: m.status, action: 'catat hasil' });
  const item = await itemOf(o, meetingId, seq);
  if (item.status !== 'voting' || item.majority === 'none')
    throw new AppError('RAT_STATE_INVALID', { status: item.status, action: 'catat hasil' });
  // a secret item's result comes only from its tally, never typed in
  if (item.ballot === 'secret' && from !== 'secret')
    throw new AppError('RAT_ELECTION_STATE', { status: 'rahasia', action: 'catat hasil manual' });
  const total = votes.setuju + votes.tidakSetuju + votes.abstain;
  if (total > (item.voters_present ?? 0))
    throw new AppError('RAT_VOTES_INVALID', { votes: total, present: item.voters_present ?? 0 });
  const passed = motionPasses(item.majority, votes, item.voters_present ?? 0);
  await repo.decideItem(o.tx, o.ctx.organizationId, meetingId, seq, {
    setuju: votes.setuju,
    tidakSetuju: votes.tidakSetuju,
    abstain: votes.abstain,
    passed,
    note: votes.note ?? null,
    at,
  });
  await o.audit({
    action: 'rat.decided',
    entityType: 'rat-meeting',
    entityId: meetingId,
    after: { seq, ...votes, passed, ballot: item.ballot },
  });
  return { passed };
}

/** An item without a vote (a report heard) is marked done, with what was said. */
export async function markHeard(
  deps: Deps,
  ctx: OrgContext,
  meetingId: bigint,
  seq: number,
  note: string | null,
) {
  return inOrg(deps, ctx, async (o) => {
    const m = await loadMeeting(o, meetingId, true);
    if (m.status !== 'open')
      throw new AppError('RAT_STATE_INVALID', { status: m.status, action: 'tandai selesai' });
    const item = await itemOf(o, meetingId, seq);
    if (item.majority !== 'none' || item.status !== 'pending')
      throw new AppError('RAT_STATE_INVALID', { status: item.status, action: 'tandai selesai' });
    await repo.decideItem(o.tx, ctx.organizationId, meetingId, seq, {
      setuju: null,
      tidakSetuju: null,
      abstain: null,
      passed: null,
      note,
      at: deps.clock(),
    });
    return meetingIn(o, meetingId);
  });
}

/** Closes the meeting once every item is decided or heard. */
export async function closeMeeting(deps: Deps, ctx: OrgContext, meetingId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const m = await loadMeeting(o, meetingId, true);
    if (m.status !== 'open')
      throw new AppError('RAT_STATE_INVALID', { status: m.status, action: 'tutup rapat' });
    const items = await repo.agenda(o.tx, ctx.organizationId, meetingId);
    const open = items.filter((i) => i.status !== 'decided');
    if (open.length > 0)
      throw new AppError('RAT_STATE_INVALID', {
        status: m.status,
        action: `tutup rapat (acara ${open.map((i) => i.seq).join(', ')} belum selesai)`,
      });
    await repo.setMeetingStatus(o.tx, ctx.organizationId, meetingId, 'closed', {
      closedAt: deps.clock(),
    });
    await o.audit({ action: 'rat.closed', entityType: 'rat-meeting', entityId: meetingId });
    return meetingIn(o, meetingId);
  });
}

/** The attendance list (daftar hadir) of a meeting. */
export async function attendanceList(deps: Deps, ctx: OrgContext, meetingId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    await loadMeeting(o, meetingId);
    const rows = await repo.attendees(o.tx, ctx.organizationId, meetingId);
    return rows.map((a) => ({
      memberId: a.member_id.toString(),
      memberNumber: a.member_number,
      fullName: a.full_name,
      checkedInAt: a.checked_in_at.toISOString(),
      method: a.method,
    }));
  });
}
