import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { inTenantTransaction } from '../../../src/db/database.js';
import { ratStatus } from '../../../src/domain/supervision/rat-compliance.js';
import type { OrganizationView } from '../../../src/services/organizations.js';
import { makeUser, signIn, testAppForFile, type Client } from '../../support/fixtures.js';
import { fileCooperative, pekalonganCooperative, twoCityOffices } from './offices.js';

/**
 * RAT compliance on 20 June 2026, ten days before the deadline of book year 2025 (30 June 2026):
 * four cooperatives of Kota Pekalongan — one held its 2025 RAT in March, one held 2024's late and
 * 2025's not yet, one never held one, one founded in 2026 owes none for 2025 — and one of Kota
 * Malang the Pekalongan office never sees.
 */

let today = '2026-06-20';
const file = testAppForFile({ clock: () => new Date(`${today}T03:00:00Z`) });
let pekalongan: OrganizationView;
let malang: OrganizationView;
let admin: Client;
let examiner: Client;
let malangAdmin: Client;
const ids: Record<string, string> = {};
const base = (o: OrganizationView) => `/api/v1/orgs/${o.id}`;

interface Compliance {
  bookYear: number;
  deadline: string;
  counts: { onTime: number; late: number; notHeld: number; pending: number };
  items: {
    registryId: string;
    name: string;
    status: string;
    heldOn: string | null;
    daysLate: number | null;
    documents: string[];
    missingDocuments: string[];
    reminders: string[];
  }[];
}

beforeAll(async () => {
  const deps = file.deps;
  ({ pekalongan, malang } = await twoCityOffices(deps));
  admin = await signIn(file.app, (await makeUser(deps, pekalongan, ['dinas_admin'])).username);
  examiner = await signIn(
    file.app,
    (await makeUser(deps, pekalongan, ['dinas_pengawas'])).username,
  );
  malangAdmin = await signIn(file.app, (await makeUser(deps, malang, ['dinas_admin'])).username);
  const file1 = async (client: Client, org: OrganizationView, name: string, extra = {}) => {
    ids[name] = await fileCooperative(client, org, name, extra);
  };
  await file1(admin, pekalongan, 'KSP Tertib RAT', { badanHukumDate: '2010-05-01' });
  await file1(admin, pekalongan, 'KSP Telat RAT', { badanHukumDate: '2015-01-10' });
  await file1(admin, pekalongan, 'KSP Tanpa RAT', { badanHukumDate: '2018-03-03' });
  await file1(admin, pekalongan, 'KSP Baru Berdiri', { badanHukumDate: '2026-02-01' });
  await file1(malangAdmin, malang, 'KSP Malang Tertib');
  const rat = async (name: string, bookYear: number, heldOn: string) => {
    const res = await admin.request('POST', `${base(pekalongan)}/registry/${ids[name]}/rats`, {
      bookYear,
      heldOn,
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  await rat('KSP Tertib RAT', 2024, '2025-03-15');
  await rat('KSP Tertib RAT', 2025, '2026-03-21');
  await rat('KSP Telat RAT', 2024, '2025-08-09');
  // the pengurus chair's phone, where the reminders are queued
  const organ = await admin.request(
    'POST',
    `${base(pekalongan)}/registry/${ids['KSP Tanpa RAT']}/organs`,
    {
      organ: 'pengurus',
      position: 'Ketua',
      fullName: 'Slamet Riyadi',
      phone: '+6281234567001',
      termStart: '2023-01-01',
    },
  );
  expect(organ.statusCode, organ.body).toBe(200);
});

describe('RAT compliance of a region', () => {
  it('lists each cooperative owing the year’s RAT with its status against the deadline', async () => {
    const res = await examiner.request('GET', `${base(pekalongan)}/rat-compliance?bookYear=2025`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json<Compliance>();
    expect(c.deadline).toBe('2026-06-30');
    const byName = Object.fromEntries(c.items.map((i) => [i.name, i]));
    // founded in 2026: no RAT owed for 2025; Malang's cooperative is not the office's
    expect(Object.keys(byName).sort()).toEqual([
      'KSP Tanpa RAT',
      'KSP Telat RAT',
      'KSP Tertib RAT',
    ]);
    expect(byName['KSP Tertib RAT']).toMatchObject({
      status: 'on_time',
      heldOn: '2026-03-21',
      daysLate: -101,
    });
    expect(byName['KSP Tanpa RAT']).toMatchObject({ status: 'pending', heldOn: null });
    expect(c.counts).toEqual({ onTime: 1, late: 0, notHeld: 0, pending: 2 });

    const y2024 = (
      await examiner.request('GET', `${base(pekalongan)}/rat-compliance?bookYear=2024`)
    ).json<Compliance>();
    const s2024 = Object.fromEntries(y2024.items.map((i) => [i.name, [i.status, i.daysLate]]));
    expect(s2024).toEqual({
      'KSP Tanpa RAT': ['not_held', null],
      'KSP Telat RAT': ['late', 40],
      'KSP Tertib RAT': ['on_time', -107],
    });
    const late = (
      await examiner.request('GET', `${base(pekalongan)}/rat-compliance?bookYear=2024&status=late`)
    ).json<Compliance>();
    expect(late.items.map((i) => i.name)).toEqual(['KSP Telat RAT']);
  });

  it('counts the years in SQL exactly as the domain rule classifies each cooperative', async () => {
    const res = await examiner.request('GET', `${base(pekalongan)}/rat-compliance/years?years=3`);
    expect(res.statusCode, res.body).toBe(200);
    const years = res.json<{
      years: {
        bookYear: number;
        onTime: number;
        late: number;
        notHeld: number;
        pending: number;
        onTimeShareBps: number | null;
      }[];
    }>().years;
    // from the first book year with a RAT on record (2024), not three years back
    expect(years.map((y) => y.bookYear)).toEqual([2024, 2025]);
    for (const y of years) {
      const list = (
        await examiner.request('GET', `${base(pekalongan)}/rat-compliance?bookYear=${y.bookYear}`)
      ).json<Compliance>();
      const counted = { onTime: 0, late: 0, notHeld: 0, pending: 0 };
      for (const i of list.items) {
        const s = ratStatus(y.bookYear, i.heldOn, today);
        expect(i.status).toBe(s);
        counted[
          ({ on_time: 'onTime', late: 'late', not_held: 'notHeld', pending: 'pending' } as const)[s]
        ] += 1;
      }
      expect({ onTime: y.onTime, late: y.late, notHeld: y.notHeld, pending: y.pending }).toEqual(
        counted,
      );
    }
    // 2024: one of three on time
    expect(years[0]).toMatchObject({ onTime: 1, late: 1, notHeld: 1, onTimeShareBps: 3333 });
    // 2025: the one held counts; the two pending do not, yet
    expect(years[1]).toMatchObject({ onTime: 1, pending: 2, onTimeShareBps: 10000 });
  });

  it('reminds those that have not held it, once per stage, queued to the pengurus’s phone', async () => {
    const first = await admin.request('POST', `${base(pekalongan)}/rat-compliance/reminders`, {});
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({
      bookYear: 2025,
      stage: 'h14',
      reminded: 2,
      queued: 1,
      nextOn: null,
    });
    const again = await admin.request('POST', `${base(pekalongan)}/rat-compliance/reminders`, {});
    expect(again.json()).toMatchObject({ stage: 'h14', reminded: 0, queued: 0 });
    const outbox = await sql<{ recipient: string; body: string }>`
      select recipient, body from message_outbox where template = 'rat.reminder'`.execute(
      file.deps.database.db,
    );
    expect(outbox.rows).toHaveLength(1);
    expect(outbox.rows[0]!.recipient).toBe('+6281234567001');
    expect(outbox.rows[0]!.body).toContain('tinggal 14 hari (30 Juni 2026)');
    const list = (
      await examiner.request('GET', `${base(pekalongan)}/rat-compliance?bookYear=2025`)
    ).json<Compliance>();
    expect(list.items.find((i) => i.name === 'KSP Tanpa RAT')!.reminders).toEqual(['h14']);
    expect(list.items.find((i) => i.name === 'KSP Tertib RAT')!.reminders).toEqual([]);
    // an examiner reads but does not send
    expect(
      (await examiner.request('POST', `${base(pekalongan)}/rat-compliance/reminders`, {}))
        .statusCode,
    ).toBe(403);
  });

  it('receives the RAT documents, downloads them as received, and lists those still missing', async () => {
    const url = (q: string) =>
      `${base(pekalongan)}/registry/${ids['KSP Tertib RAT']}/rat-documents?${q}`;
    const pdf = Buffer.from('%PDF-1.4 notulen RAT 2025');
    const ok = await admin.request(
      'POST',
      url('bookYear=2025&kind=minutes&fileName=notulen.pdf'),
      pdf,
      {
        'content-type': 'application/pdf',
      },
    );
    expect(ok.statusCode, ok.body).toBe(201);
    const doc = ok.json<{ documents: { id: string; kind: string; receivedOn: string }[] }>()
      .documents[0]!;
    expect(doc).toMatchObject({ kind: 'minutes', receivedOn: '2026-06-20' });
    const back = await examiner.request(
      'GET',
      `${base(pekalongan)}/registry/${ids['KSP Tertib RAT']}/rat-documents/${doc.id}`,
    );
    expect(back.statusCode).toBe(200);
    expect(back.rawPayload.equals(pdf)).toBe(true);
    const list = (
      await examiner.request('GET', `${base(pekalongan)}/rat-compliance?bookYear=2025`)
    ).json<Compliance>();
    expect(list.items.find((i) => i.name === 'KSP Tertib RAT')).toMatchObject({
      documents: ['minutes'],
      missingDocuments: ['attendance', 'accountability', 'statements'],
    });
  });

  it('refuses a bad document with every problem and stores nothing', async () => {
    const count = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from registry_rat_documents`.execute(
          file.deps.database.db,
        )
      ).rows[0]!.n;
    const before = await count();
    const url = `${base(pekalongan)}/registry/${ids['KSP Tertib RAT']}/rat-documents`;
    const wrongType = await admin.request(
      'POST',
      `${url}?bookYear=2025&kind=minutes&fileName=notulen.docx`,
      Buffer.from('PK...'),
      { 'content-type': 'application/octet-stream' },
    );
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(
      'contentType',
    );
    const notEnded = await admin.request(
      'POST',
      `${url}?bookYear=2026&kind=minutes&fileName=n.pdf&receivedOn=2027-01-01`,
      Buffer.from('%PDF-1.4'),
      { 'content-type': 'application/pdf', 'accept-language': 'id' },
    );
    expect(notEnded.statusCode).toBe(400);
    expect(
      notEnded.json<{ detail: string; errors: { field: string }[] }>().errors.map((e) => e.field),
    ).toEqual(['bookYear', 'receivedOn']);
    expect(notEnded.json<{ detail: string }>().detail).toBe('Data yang dikirim tidak valid.');
    const badKind = await admin.request(
      'POST',
      `${url}?bookYear=2025&kind=surat&fileName=n.pdf`,
      Buffer.from('%PDF-1.4'),
      { 'content-type': 'application/pdf' },
    );
    expect(badKind.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('another region’s office sees none of it, through the routes or its own transaction', async () => {
    const list = (
      await malangAdmin.request('GET', `${base(malang)}/rat-compliance?bookYear=2024`)
    ).json<Compliance>();
    expect(list.items.map((i) => i.name)).toEqual(['KSP Malang Tertib']);
    const docs = await malangAdmin.request(
      'GET',
      `${base(malang)}/registry/${ids['KSP Tertib RAT']}/rat-documents`,
    );
    expect(docs.statusCode).toBe(404);
    const upload = await malangAdmin.request(
      'POST',
      `${base(malang)}/registry/${ids['KSP Tertib RAT']}/rat-documents?bookYear=2025&kind=minutes&fileName=x.pdf`,
      Buffer.from('%PDF-1.4'),
      { 'content-type': 'application/pdf' },
    );
    expect(upload.statusCode).toBe(404);
    const seen = await inTenantTransaction(
      file.deps.database.db,
      malang.id,
      async (tx) =>
        (
          await sql<{ n: number }>`
            select (select count(*) from registry_rat_documents)::int
                 + (select count(*) from registry_rat_reminders)::int as n`.execute(tx)
        ).rows[0]!.n,
    );
    expect(seen).toBe(0);
  });

  it('a cooperative user reads none of the office’s RAT routes', async () => {
    const coop = await pekalonganCooperative(file.deps, 'KSP Anggota Uji');
    const pengurus = await signIn(
      file.app,
      (await makeUser(file.deps, coop, ['pengurus'])).username,
    );
    for (const url of [
      `${base(coop)}/rat-compliance`,
      `${base(pekalongan)}/rat-compliance`,
      `${base(pekalongan)}/rat-compliance/years`,
    ])
      expect((await pengurus.request('GET', url)).statusCode).toBe(403);
  });
  it('after the deadline the overdue reminder goes once; before the 60-day window none is due', async () => {
    // (sessions end with the days that pass: sign in again on each new day)
    today = '2026-07-02';
    let client = await signIn(file.app, admin.username);
    const res = await client.request('POST', `${base(pekalongan)}/rat-compliance/reminders`, {});
    expect(res.json()).toMatchObject({ bookYear: 2025, stage: 'overdue', reminded: 2 });
    today = '2027-03-01';
    client = await signIn(file.app, admin.username);
    const early = await client.request('POST', `${base(pekalongan)}/rat-compliance/reminders`, {});
    expect(early.json()).toEqual({
      bookYear: 2026,
      stage: null,
      reminded: 0,
      queued: 0,
      nextOn: '2027-05-01',
    });
  });
});
