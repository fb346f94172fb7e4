import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { systemContext, type OrgContext } from '../../../src/services/context.js';
import * as rat from '../../../src/services/rat.js';
import { testDepsForFile } from '../../support/db.js';
import { makeCooperative } from '../../support/fixtures.js';

/**
 * The RAT meeting (issue 17 item 4): planned within the legal window, members invited through the
 * outbox, checked in by QR or at the desk, the quorum from the AD/ART rule (half + 1, a lower
 * quorum at the second call), voting refused without it, a late check-in counted, motions decided
 * by simple and two-thirds majorities.
 */
let now = new Date('2026-02-20T02:00:00Z'); // 20 February 2026, 09.00 WIB
const file = testDepsForFile({ clock: () => now });

async function cooperativeWithMembers(n: number) {
  const deps = file.deps;
  const coop = await makeCooperative(deps);
  await sql`
    insert into members (cooperative_id, member_number, status, nik, full_name, birth_date, gender, joined_on, phone)
    select ${coop.id}, lpad(i::text, 5, '0'), 'active', '3375' || lpad(i::text, 12, '0'),
      'Anggota ' || i, '1980-01-01', 'P', '2020-01-01',
      case when i % 4 = 0 then null else '+6281234' || lpad(i::text, 5, '0') end
    from generate_series(1, ${n}) i`.execute(deps.database.db);
  const ids = (
    await sql<{
      id: bigint;
    }>`select id from members where cooperative_id = ${coop.id} order by id`.execute(
      deps.database.db,
    )
  ).rows.map((r) => r.id);
  const ctx: OrgContext = { ...systemContext(coop.id, 'test'), roles: ['pengurus'] };
  return { coop, ctx, ids };
}

const plan = (ctx: OrgContext, over: Partial<rat.PlanInput> = {}) =>
  rat.planMeeting(file.deps, ctx, {
    bookYear: 2025,
    mode: 'hybrid',
    scheduledOn: '2026-03-14',
    startsAt: '09:00',
    location: 'Aula Koperasi, Jl. Hayam Wuruk 12, Pekalongan',
    onlineUrl: 'https://meet.example.id/rat-2025',
    ...over,
  });

describe('RAT meeting', () => {
  it('planning: after the year, by 30 June, 14 days to invite; a late RAT needs its reason', async () => {
    const { ctx } = await cooperativeWithMembers(2);
    await expect(plan(ctx, { scheduledOn: '2026-03-01' })).rejects.toMatchObject({
      code: 'RAT_PLAN_INVALID',
    }); // 9 days away: the invitation would be late
    await expect(plan(ctx, { scheduledOn: '2026-07-15' })).rejects.toMatchObject({
      code: 'RAT_PLAN_INVALID',
      params: { reason: expect.stringContaining('30 Juni 2026') },
    });
    const late = await plan(ctx, {
      scheduledOn: '2026-07-15',
      lateReason: 'Audit KAP belum selesai',
    });
    expect(late.status).toBe('planned');
    expect(late.agenda.map((a) => a.kind)).toEqual([
      'opening',
      'accountability',
      'supervision',
      'statements',
      'shu',
      'plan',
    ]);
    await expect(plan(ctx, { scheduledOn: '2026-04-01' })).rejects.toMatchObject({
      code: 'RAT_MEETING_EXISTS',
    });
  });

  it('invitations: one per member with a phone, once; the rest counted for printed letters', async () => {
    const { ctx } = await cooperativeWithMembers(8);
    const m = await plan(ctx);
    expect(await rat.sendInvitations(file.deps, ctx, BigInt(m.id))).toEqual({
      queued: 6,
      withoutPhone: 2,
      members: 8,
    });
    expect((await rat.sendInvitations(file.deps, ctx, BigInt(m.id))).queued).toBe(0);
    const body = await sql<{ body: string }>`
      select body from message_outbox where cooperative_id = ${ctx.organizationId}
        and template = 'rat.invitation' order by id limit 1`.execute(file.deps.database.db);
    expect(body.rows[0]?.body).toContain('14 Maret 2026 pukul 09:00 WIB');
  });

  it('quorum half + 1: voting refused without it, a late check-in counts, motions decided', async () => {
    const { ctx, ids } = await cooperativeWithMembers(9); // quorum: floor(9/2) + 1 = 5
    const m = await plan(ctx);
    const id = BigInt(m.id);
    await expect(rat.checkIn(file.deps, ctx, id, { memberId: ids[0]! })).rejects.toMatchObject({
      code: 'RAT_CHECKIN_NOT_YET',
    });
    now = new Date('2026-03-14T01:30:00Z'); // the day, 08.30 WIB
    for (const member of ids.slice(0, 4))
      await rat.checkIn(file.deps, ctx, id, { memberId: member });
    await expect(rat.openMeeting(file.deps, ctx, id)).rejects.toMatchObject({
      code: 'RAT_QUORUM_NOT_MET',
      params: { counted: 4, required: 5 },
    });
    // the fifth member, late, by the QR code from the portal
    const fifth = await sql<{ member_number: string }>`
      select member_number from members where cooperative_id = ${ctx.organizationId} and id = ${ids[4]!}`.execute(
      file.deps.database.db,
    );
    const key = await sql<{ checkin_key: Uint8Array }>`
      select checkin_key from rat_meetings where cooperative_id = ${ctx.organizationId} and id = ${id}`.execute(
      file.deps.database.db,
    );
    const qr = rat.checkinQrPayload(
      { id, checkin_key: key.rows[0]!.checkin_key },
      { id: ids[4]!, member_number: fifth.rows[0]!.member_number },
    );
    await expect(
      rat.checkIn(file.deps, ctx, id, { qr: qr.slice(0, -2) + 'xx' }),
    ).rejects.toMatchObject({ code: 'RAT_CHECKIN_INVALID' });
    const admitted = await rat.checkIn(file.deps, ctx, id, { qr });
    expect(admitted.quorum).toEqual({ required: 5, counted: 5, met: true });
    expect((await rat.checkIn(file.deps, ctx, id, { qr })).alreadyCheckedIn).toBe(true);

    const opened = await rat.openMeeting(file.deps, ctx, id);
    expect(opened.status).toBe('open');
    expect(opened.quorum).toMatchObject({ members: 9, present: 5, required: 5, met: true });
    // a late check-in after opening counts in the next vote
    await rat.checkIn(file.deps, ctx, id, { memberId: ids[5]! });
    const voting = await rat.openVoting(file.deps, ctx, id, 1);
    expect(voting.agenda[0]).toMatchObject({ status: 'voting', votersPresent: 6 });
    await expect(
      rat.recordResult(file.deps, ctx, id, 1, { setuju: 5, tidakSetuju: 1, abstain: 1 }),
    ).rejects.toMatchObject({ code: 'RAT_VOTES_INVALID' });
    const decided = await rat.recordResult(file.deps, ctx, id, 1, {
      setuju: 3,
      tidakSetuju: 2,
      abstain: 1,
    });
    expect(decided.agenda[0]).toMatchObject({ status: 'decided', passed: true });
    // an item without a vote is heard; one cannot open a vote on it
    await expect(rat.openVoting(file.deps, ctx, id, 3)).rejects.toMatchObject({
      code: 'RAT_STATE_INVALID',
    });
    await expect(rat.closeMeeting(file.deps, ctx, id)).rejects.toMatchObject({
      code: 'RAT_STATE_INVALID',
    });
  });

  it('two thirds of those present for the AD/ART: abstentions count against', async () => {
    const { ctx, ids } = await cooperativeWithMembers(6); // quorum 4
    now = new Date('2026-02-20T02:00:00Z');
    const m = await plan(ctx, {
      agenda: [
        {
          title: 'Perubahan anggaran dasar pasal 12',
          kind: 'adart',
          majority: 'two-thirds',
          ballot: 'open',
          motion: 'Pasal 12 AD diubah',
        },
        {
          title: 'Laporan pengawas',
          kind: 'supervision',
          majority: 'none',
          ballot: 'open',
          motion: null,
        },
      ],
    });
    const id = BigInt(m.id);
    now = new Date('2026-03-14T02:00:00Z');
    for (const member of ids) await rat.checkIn(file.deps, ctx, id, { memberId: member });
    await rat.openMeeting(file.deps, ctx, id);
    await rat.openVoting(file.deps, ctx, id, 1);
    // 6 present: 4 setuju = 2/3 passes; 3 setuju, 1 tidak, 2 abstain would not
    const r = await rat.recordResult(file.deps, ctx, id, 1, {
      setuju: 4,
      tidakSetuju: 1,
      abstain: 1,
    });
    expect(r.agenda[0]?.passed).toBe(true);
    await rat.markHeard(
      file.deps,
      ctx,
      id,
      2,
      'Pengawas menyampaikan laporan, tidak ada temuan material',
    );
    const closed = await rat.closeMeeting(file.deps, ctx, id);
    expect(closed.status).toBe('closed');
    await expect(rat.checkIn(file.deps, ctx, id, { memberId: ids[0]! })).rejects.toMatchObject({
      code: 'RAT_STATE_INVALID',
    });
  });

  it('second call: the first postponed, the lower quorum (one fifth) applies', async () => {
    const { ctx, ids } = await cooperativeWithMembers(10);
    now = new Date('2026-02-20T02:00:00Z');
    const first = await plan(ctx);
    now = new Date('2026-03-14T02:00:00Z');
    await rat.checkIn(file.deps, ctx, BigInt(first.id), { memberId: ids[0]! });
    await rat.checkIn(file.deps, ctx, BigInt(first.id), { memberId: ids[1]! });
    await expect(rat.openMeeting(file.deps, ctx, BigInt(first.id))).rejects.toMatchObject({
      code: 'RAT_QUORUM_NOT_MET',
      params: { counted: 2, required: 6 },
    });
    const second = await rat.callAgain(file.deps, ctx, BigInt(first.id), {
      scheduledOn: '2026-03-21',
      startsAt: '09:00',
    });
    expect(second).toMatchObject({ call: 2, status: 'planned', quorum: { required: 2 } });
    expect(second.agenda).toHaveLength(6);
    expect((await rat.getMeeting(file.deps, ctx, BigInt(first.id))).status).toBe('postponed');
    now = new Date('2026-03-21T02:00:00Z');
    await rat.checkIn(file.deps, ctx, BigInt(second.id), { memberId: ids[0]! });
    await rat.checkIn(file.deps, ctx, BigInt(second.id), { memberId: ids[1]! });
    expect((await rat.openMeeting(file.deps, ctx, BigInt(second.id))).status).toBe('open');
  });

  it('proxies only as the AD/ART allows, and a represented member counts once', async () => {
    const { ctx, ids } = await cooperativeWithMembers(5);
    now = new Date('2026-02-20T02:00:00Z');
    const none = await plan(ctx);
    await expect(
      rat.recordProxy(file.deps, ctx, BigInt(none.id), {
        memberId: ids[1]!,
        holderMemberId: ids[0]!,
        reference: 'Surat kuasa 01/2026',
      }),
    ).rejects.toMatchObject({ code: 'RAT_PROXY_NOT_ALLOWED' });
    const { ctx: ctx2, ids: ids2 } = await cooperativeWithMembers(5);
    const m = await plan(ctx2, { rules: { proxiesPerHolderMax: 1 } });
    const id = BigInt(m.id);
    await rat.recordProxy(file.deps, ctx2, id, {
      memberId: ids2[1]!,
      holderMemberId: ids2[0]!,
      reference: 'Surat kuasa 01/2026',
    });
    await expect(
      rat.recordProxy(file.deps, ctx2, id, {
        memberId: ids2[2]!,
        holderMemberId: ids2[0]!,
        reference: 'Surat kuasa 02/2026',
      }),
    ).rejects.toMatchObject({ code: 'RAT_PROXY_NOT_ALLOWED' });
    now = new Date('2026-03-14T02:00:00Z');
    await rat.checkIn(file.deps, ctx2, id, { memberId: ids2[0]! });
    let q = (await rat.getMeeting(file.deps, ctx2, id)).quorum;
    expect([q.present, q.represented, q.counted]).toEqual([1, 1, 2]);
    // the represented member comes in person after all: counted once
    await rat.checkIn(file.deps, ctx2, id, { memberId: ids2[1]! });
    q = (await rat.getMeeting(file.deps, ctx2, id)).quorum;
    expect([q.present, q.represented, q.counted]).toEqual([2, 0, 2]);
  });
});
