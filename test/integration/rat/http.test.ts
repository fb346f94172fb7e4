import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeCooperative,
  makeUser,
  signIn,
  testAppForFile,
  type Client,
} from '../../support/fixtures.js';

/**
 * The RAT over HTTP: the pengurus plans it (bad plans are problem+json in Indonesian and change
 * nothing), the member finds it in the portal with a QR code, the door scans it, the member of an
 * online meeting checks in by being signed in.
 */
let now = new Date('2026-02-20T02:00:00Z');
const file = testAppForFile({ clock: () => now });
let pengurus: Client;
let kasir: Client;
let member: Client;
let coopId: string;

beforeAll(async () => {
  const coop = await makeCooperative(file.deps);
  coopId = coop.id;
  pengurus = await signIn(file.app, (await makeUser(file.deps, coop, ['pengurus'])).username);
  kasir = await signIn(file.app, (await makeUser(file.deps, coop, ['kasir'])).username);
  const memberUser = await makeUser(file.deps, coop, ['anggota']);
  await sql`
    insert into members (cooperative_id, member_number, status, nik, full_name, birth_date, gender,
      joined_on, phone, user_id)
    select ${coop.id}, lpad(i::text, 5, '0'), 'active', '3375' || lpad(i::text, 12, '0'),
      'Anggota ' || i, '1960-01-01', 'L', '2020-01-01', '+62812340000' || i,
      case when i = 1 then ${memberUser.id}::uuid end
    from generate_series(1, 3) i`.execute(file.deps.database.db);
  member = await signIn(file.app, memberUser.username);
});

const plan = {
  bookYear: 2025,
  mode: 'hybrid',
  scheduledOn: '2026-03-14',
  startsAt: '09:00',
  location: 'Aula Koperasi',
  onlineUrl: 'https://meet.example.id/rat',
};

describe('RAT over HTTP', () => {
  it('bad plans are refused field by field or with the reason, and nothing is stored', async () => {
    const bad = await pengurus.request('POST', `/api/v1/orgs/${coopId}/rat/meetings`, {
      ...plan,
      startsAt: '25:00',
      mode: 'radio',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(
      bad
        .json<{ errors: { field: string }[] }>()
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(['body.mode', 'body.startsAt']);
    const late = await pengurus.request('POST', `/api/v1/orgs/${coopId}/rat/meetings`, {
      ...plan,
      scheduledOn: '2026-08-01',
    });
    expect(late.statusCode).toBe(400);
    expect(late.json<{ detail: string }>().detail).toContain(
      'batas waktu RAT 30 Juni 2026 terlewati',
    );
    const list = await pengurus.request('GET', `/api/v1/orgs/${coopId}/rat/meetings`);
    expect(list.json<{ items: unknown[] }>().items).toEqual([]);
    // a member cannot plan one
    const forbidden = await member.request('POST', `/api/v1/orgs/${coopId}/rat/meetings`, plan);
    expect(forbidden.statusCode).toBe(403);
  });

  it('planned, found in the portal with a QR code, scanned at the door; online check-in by login', async () => {
    const created = await pengurus.request('POST', `/api/v1/orgs/${coopId}/rat/meetings`, plan);
    expect(created.statusCode, created.body).toBe(201);
    const meeting = created.json<{ id: string; quorum: { required: number; members: number } }>();
    expect(meeting.quorum).toMatchObject({ members: 3, required: 2 });
    const invited = await pengurus.request(
      'POST',
      `/api/v1/orgs/${coopId}/rat/meetings/${meeting.id}/invitations`,
    );
    expect(invited.json()).toEqual({ queued: 3, withoutPhone: 0, members: 3 });

    const mine = await member.request('GET', `/api/v1/orgs/${coopId}/me/rat`);
    const item = mine.json<{ items: { id: string; qr: string; checkedInAt: string | null }[] }>()
      .items[0]!;
    expect(item).toMatchObject({ id: meeting.id, checkedInAt: null });
    expect(item.qr).toMatch(new RegExp(`^SOKOGURU-RAT:${meeting.id}:00001:[A-Za-z0-9_-]{22}$`));
    // the invited member reads the RAT book from the portal
    const book = await member.request(
      'GET',
      `/api/v1/orgs/${coopId}/me/rat/${meeting.id}/book.pdf`,
    );
    expect(book.statusCode).toBe(200);
    expect(book.headers['content-type']).toBe('application/pdf');
    expect(book.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const early = await kasir.request(
      'POST',
      `/api/v1/orgs/${coopId}/rat/meetings/${meeting.id}/check-ins`,
      { qr: item.qr },
    );
    expect(early.statusCode).toBe(409);
    expect(early.json<{ detail: string }>().detail).toBe(
      'Daftar hadir dibuka pada hari RAT (14 Maret 2026).',
    );
    now = new Date('2026-03-14T01:00:00Z'); // three weeks on: the sessions have expired
    pengurus = await signIn(file.app, pengurus.username);
    kasir = await signIn(file.app, kasir.username);
    member = await signIn(file.app, member.username);
    const scanned = await kasir.request(
      'POST',
      `/api/v1/orgs/${coopId}/rat/meetings/${meeting.id}/check-ins`,
      { qr: item.qr },
    );
    expect(scanned.statusCode, scanned.body).toBe(200);
    expect(scanned.json()).toMatchObject({
      memberNumber: '00001',
      alreadyCheckedIn: false,
      quorum: { required: 2, counted: 1, met: false },
    });
    // the member, online as well, is already in: counted once
    const self = await member.request(
      'POST',
      `/api/v1/orgs/${coopId}/me/rat/${meeting.id}/check-in`,
    );
    expect(self.json()).toMatchObject({ alreadyCheckedIn: true, quorum: { counted: 1 } });
    const opened = await pengurus.request(
      'POST',
      `/api/v1/orgs/${coopId}/rat/meetings/${meeting.id}/open`,
    );
    expect(opened.statusCode).toBe(409);
    expect(opened.json<{ detail: string }>().detail).toBe(
      'Kuorum belum tercapai: hadir 1 dari 2 anggota yang diperlukan.',
    );
    const attendance = await pengurus.request(
      'GET',
      `/api/v1/orgs/${coopId}/rat/meetings/${meeting.id}/attendance`,
    );
    expect(attendance.json<{ items: { memberNumber: string; method: string }[] }>().items).toEqual([
      expect.objectContaining({ memberNumber: '00001', method: 'qr' }),
    ]);
  });
});
