import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { inTenantTransaction } from '../../../src/db/database.js';
import { createOrganization, type OrganizationView } from '../../../src/services/organizations.js';
import { inOrg, systemContext } from '../../../src/services/context.js';
import { caseFileEntries } from '../../../src/services/supervision/training.js';
import {
  makeCooperative,
  makeUser,
  signIn,
  testAppForFile,
  type Client,
} from '../../support/fixtures.js';

/**
 * Training and certification on 4 December 2026 (docs/domain/supervision-training.md): the city
 * office of Pekalongan runs an event with two sessions for two cooperatives of its registry,
 * records attendance and results, and files certificates (valid, expiring, expired); another
 * city's office sees and writes none of it, a cooperative reads none of it, and bad input changes
 * nothing.
 */

const TODAY = '2026-12-04';
const file = testAppForFile({ clock: () => new Date(`${TODAY}T03:00:00Z`) });
let pekalongan: OrganizationView;
let malang: OrganizationView;
let pembina: Client;
let malangAdmin: Client;
let coopAdmin: Client;
let coopId: string;
const ids: Record<string, string> = {};
let eventId: string;
let sessionIds: string[];
let participantId: string;

const base = () => `/api/v1/orgs/${pekalongan.id}`;

interface EventDetail {
  id: string;
  sessions: number;
  participants: number;
  passed: number;
  sessionList: { id: string; heldOn: string }[];
  participantList: {
    id: string;
    fullName: string;
    cooperative: string;
    presentSessionIds: string[];
    attended: number;
    sessions: number;
    rateBps: number | null;
    result: string | null;
    score: number | null;
  }[];
}

const event = {
  title: 'Pelatihan Manajemen Risiko KSP',
  organiser: 'Dinas Koperasi Kota Pekalongan',
  topic: 'Manajemen risiko',
  startsOn: '2026-03-10',
  endsOn: '2026-03-11',
  location: 'Aula Dinas, Jl. Sriwijaya',
  sessions: [
    { heldOn: '2026-03-10', topic: 'Risiko kredit', trainer: 'Dr. Wahyu' },
    { heldOn: '2026-03-11', topic: 'Risiko likuiditas', trainer: 'Dr. Wahyu' },
  ],
};

const certificate = (over: Record<string, unknown> = {}) => ({
  registryId: ids['KSP Batik Makmur'],
  holderName: 'Siti Aminah',
  position: 'manajer',
  scheme: 'Manajer Koperasi Simpan Pinjam',
  certificateNumber: 'LSP-KJK-2024-0001',
  issuer: 'LSP Koperasi Jasa Keuangan',
  issuedOn: '2024-02-01',
  validUntil: '2027-01-31',
  ...over,
});

beforeAll(async () => {
  const deps = file.deps;
  pekalongan = await createOrganization(
    deps,
    { kind: 'dinas', name: 'Dinas Koperasi Kota Pekalongan', dinasRegionCode: '3375' },
    'test',
  );
  malang = await createOrganization(
    deps,
    { kind: 'dinas', name: 'Dinas Koperasi Kota Malang', dinasRegionCode: '3573' },
    'test',
  );
  const admin = await signIn(
    file.app,
    (await makeUser(deps, pekalongan, ['dinas_admin'])).username,
  );
  pembina = await signIn(file.app, (await makeUser(deps, pekalongan, ['dinas_pembina'])).username);
  malangAdmin = await signIn(file.app, (await makeUser(deps, malang, ['dinas_admin'])).username);
  const coop = await makeCooperative(deps, 'KSP Batik Makmur');
  coopId = coop.id;
  coopAdmin = await signIn(
    file.app,
    (await makeUser(deps, coop, ['admin', 'pengurus', 'pengawas'])).username,
  );
  const file1 = async (
    client: Client,
    org: OrganizationView,
    name: string,
    type: string,
    regency: string,
  ) => {
    const res = await client.request('POST', `/api/v1/orgs/${org.id}/registry`, {
      name,
      cooperativeType: type,
      cooperativeForm: 'primer',
      membershipArea: 'regency',
      provinceCode: regency.slice(0, 2),
      regencyCode: regency,
    });
    expect(res.statusCode, res.body).toBe(201);
    ids[name] = res.json<{ id: string }>().id;
  };
  await file1(admin, pekalongan, 'KSP Batik Makmur', 'KSP', '3375');
  await file1(admin, pekalongan, 'KSPPS Amanah Pesisir', 'KSPPS', '3375');
  await file1(admin, pekalongan, 'Koperasi Konsumen Pelita', 'KONSUMEN', '3375');
  await file1(malangAdmin, malang, 'KSP Arjuna Malang', 'KSP', '3573');
});

describe('a training event', () => {
  it('is created with its sessions by the office’s coach', async () => {
    const res = await pembina.request('POST', `${base()}/trainings`, event);
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json<EventDetail>();
    expect(e.sessions).toBe(2);
    expect(e.sessionList.map((s) => s.heldOn)).toEqual(['2026-03-10', '2026-03-11']);
    eventId = e.id;
    sessionIds = e.sessionList.map((s) => s.id);
  });

  it('with a session outside its dates, or in person without a place, is refused and nothing is created', async () => {
    const before = (await pembina.request('GET', `${base()}/trainings`)).json<{ total: number }>();
    const bad = await pembina.request('POST', `${base()}/trainings`, {
      ...event,
      sessions: [{ heldOn: '2026-03-12', topic: 'Penutupan', trainer: 'Kepala Dinas' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json<{ errors: { field: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ field: 'sessions.0.heldOn', code: 'SESSION_OUTSIDE_EVENT' }),
    ]);
    const noPlace = await pembina.request(
      'POST',
      `${base()}/trainings`,
      { ...event, location: null },
      { 'accept-language': 'en' },
    );
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json<{ detail: string }>().detail).toBe('The submitted data is invalid.');
    const wrongType = await pembina.request('POST', `${base()}/trainings`, {
      ...event,
      startsOn: '10-03-2026',
    });
    expect(wrongType.statusCode).toBe(400);
    const after = (await pembina.request('GET', `${base()}/trainings`)).json<{ total: number }>();
    expect(after.total).toBe(before.total);
  });

  it('enrols people of the registry’s cooperatives, once each', async () => {
    const add = (body: Record<string, unknown>) =>
      pembina.request('POST', `${base()}/trainings/${eventId}/participants`, body);
    const res = await add({
      registryId: ids['KSP Batik Makmur'],
      fullName: 'Siti Aminah',
      position: 'manajer',
    });
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json<EventDetail>();
    participantId = e.participantList[0]!.id;
    expect(e.participantList[0]).toMatchObject({
      cooperative: 'KSP Batik Makmur',
      attended: 0,
      sessions: 2,
    });
    expect(
      (
        await add({
          registryId: ids['KSPPS Amanah Pesisir'],
          fullName: 'Ahmad Fauzi',
          position: 'pengurus',
        })
      ).statusCode,
    ).toBe(200);
    const twice = await add({
      registryId: ids['KSP Batik Makmur'],
      fullName: 'siti aminah',
      position: 'manajer',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<{ code: string }>().code).toBe('TRAINING_PARTICIPANT_EXISTS');
    // a cooperative of another city's registry is not the office's to enrol
    const foreign = await add({
      registryId: ids['KSP Arjuna Malang'],
      fullName: 'Budi',
      position: 'manajer',
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json<{ errors: { code: string }[] }>().errors[0]?.code).toBe('NOT_IN_REGISTRY');
    const d = (await pembina.request('GET', `${base()}/trainings/${eventId}`)).json<EventDetail>();
    expect(d.participants).toBe(2);
  });

  it('records attendance per session (one of two: 50 %) and a result with a score', async () => {
    const url = `${base()}/trainings/${eventId}/participants/${participantId}`;
    const res = await pembina.request('PUT', `${url}/attendance`, {
      sessions: [
        { sessionId: sessionIds[0], present: true },
        { sessionId: sessionIds[1], present: false },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<EventDetail>().participantList.find((x) => x.id === participantId)!;
    expect(p).toMatchObject({ presentSessionIds: [sessionIds[0]], attended: 1, rateBps: 5000 });
    const corrected = await pembina.request('PUT', `${url}/attendance`, {
      sessions: [{ sessionId: sessionIds[1], present: true }],
    });
    expect(
      corrected.json<EventDetail>().participantList.find((x) => x.id === participantId)?.rateBps,
    ).toBe(10_000);
    const result = await pembina.request('PUT', `${url}/result`, { result: 'lulus', score: 86 });
    expect(result.statusCode, result.body).toBe(200);
    const e = result.json<EventDetail>();
    expect(e.passed).toBe(1);
    expect(e.participantList.find((x) => x.id === participantId)).toMatchObject({
      result: 'lulus',
      score: 86,
    });
  });

  it('refuses a session of no such event, a score with attendance only, or one above 100, and changes nothing', async () => {
    const url = `${base()}/trainings/${eventId}/participants/${participantId}`;
    const wrongSession = await pembina.request('PUT', `${url}/attendance`, {
      sessions: [{ sessionId: '999999', present: true }],
    });
    expect(wrongSession.statusCode).toBe(400);
    const scoreOnly = await pembina.request('PUT', `${url}/result`, {
      result: 'peserta',
      score: 70,
    });
    expect(scoreOnly.statusCode).toBe(400);
    expect(scoreOnly.json<{ errors: { code: string }[] }>().errors[0]?.code).toBe(
      'SCORE_NOT_ALLOWED',
    );
    expect(
      (await pembina.request('PUT', `${url}/result`, { result: 'lulus', score: 101 })).statusCode,
    ).toBe(400);
    const unknown = await pembina.request(
      'PUT',
      `${base()}/trainings/${eventId}/participants/999999/result`,
      { result: 'lulus', score: 80 },
    );
    expect(unknown.statusCode).toBe(404);
    const p = (await pembina.request('GET', `${base()}/trainings/${eventId}`))
      .json<EventDetail>()
      .participantList.find((x) => x.id === participantId);
    expect(p).toMatchObject({ result: 'lulus', score: 86, attended: 2 });
  });
});

describe('competency certificates', () => {
  it('are filed per cooperative, and the alert lists the expired and the expiring within 90 days', async () => {
    const add = (over: Record<string, unknown>) =>
      pembina.request('POST', `${base()}/certificates`, certificate(over));
    const ok = await add({});
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'expiring', daysLeft: 58 });
    expect(
      (
        await add({
          holderName: 'Rina',
          position: 'karyawan',
          certificateNumber: 'K-2',
          issuedOn: '2025-06-01',
          validUntil: '2028-05-31',
        })
      ).json(),
    ).toMatchObject({ status: 'valid' });
    // the KSPPS's manager's certificate ended yesterday
    const expired = await add({
      registryId: ids['KSPPS Amanah Pesisir'],
      holderName: 'Ahmad Fauzi',
      certificateNumber: 'LSP-KJK-2023-0042',
      issuedOn: '2023-12-04',
      validUntil: '2026-12-03',
    });
    expect(expired.json()).toMatchObject({ status: 'expired', daysLeft: -1 });
    const alert = await pembina.request('GET', `${base()}/certificates?status=alert`);
    expect(alert.statusCode, alert.body).toBe(200);
    expect(
      alert
        .json<{ items: { holderName: string; status: string }[] }>()
        .items.map((k) => [k.holderName, k.status]),
    ).toEqual([
      ['Ahmad Fauzi', 'expired'],
      ['Siti Aminah', 'expiring'],
    ]);
    const one = await pembina.request(
      'GET',
      `${base()}/certificates?registryId=${ids['KSP Batik Makmur']}`,
    );
    expect(one.json<{ total: number }>().total).toBe(2);
    const narrow = await pembina.request(
      'GET',
      `${base()}/certificates?status=expiring&withinDays=30`,
    );
    expect(narrow.json<{ total: number }>().total).toBe(0);
  });

  it('a certificate ending before it was issued, issued in the future, or a number filed twice is refused and nothing is recorded', async () => {
    const count = async () =>
      (await pembina.request('GET', `${base()}/certificates`)).json<{ total: number }>().total;
    const before = await count();
    const backwards = await pembina.request(
      'POST',
      `${base()}/certificates`,
      certificate({ certificateNumber: 'X-1', issuedOn: '2026-01-10', validUntil: '2026-01-10' }),
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('validUntil');
    const future = await pembina.request(
      'POST',
      `${base()}/certificates`,
      certificate({ certificateNumber: 'X-2', issuedOn: '2026-12-05', validUntil: '2029-12-04' }),
    );
    expect(future.statusCode).toBe(400);
    const twice = await pembina.request('POST', `${base()}/certificates`, certificate({}), {
      'accept-language': 'en',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json<{ detail: string }>().detail).toContain('LSP-KJK-2024-0001');
    const badPosition = await pembina.request(
      'POST',
      `${base()}/certificates`,
      certificate({ certificateNumber: 'X-3', position: 'ketua' }),
    );
    expect(badPosition.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('the requirement: the KSP meets it with its certified manager, the KSPPS does not (expired), the consumer cooperative is not held to it', async () => {
    const res = await pembina.request('GET', `${base()}/certificates/requirement`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{
      cooperatives: number;
      met: number;
      notMet: number;
      items: { name: string; status: string; certifiedManagers: number }[];
    }>();
    expect(r).toMatchObject({ cooperatives: 2, met: 1, notMet: 1 });
    expect(r.items.map((i) => [i.name, i.status, i.certifiedManagers])).toEqual([
      ['KSPPS Amanah Pesisir', 'not_met', 0],
      ['KSP Batik Makmur', 'met', 1],
    ]);
  });
});

describe('a holder who left', () => {
  it('no longer counts for the requirement from that day; a future day is refused, another office gets 404', async () => {
    const list = await pembina.request(
      'GET',
      `${base()}/certificates?registryId=${ids['KSP Batik Makmur']}`,
    );
    const siti = list
      .json<{ items: { id: string; holderName: string }[] }>()
      .items.find((k) => k.holderName === 'Siti Aminah')!;
    const url = `${base()}/certificates/${siti.id}/left-on`;
    const status = async () =>
      (
        await pembina.request(
          'GET',
          `${base()}/certificates/requirement?registryId=${ids['KSP Batik Makmur']}`,
        )
      ).json<{ items: { status: string }[] }>().items[0]?.status;
    expect((await pembina.request('PUT', url, { leftOn: '2026-12-05' })).statusCode).toBe(400);
    expect(
      (
        await malangAdmin.request(
          'PUT',
          `/api/v1/orgs/${malang.id}/certificates/${siti.id}/left-on`,
          {
            leftOn: TODAY,
          },
        )
      ).statusCode,
    ).toBe(404);
    expect(await status()).toBe('met');
    const left = await pembina.request('PUT', url, { leftOn: TODAY });
    expect(left.statusCode, left.body).toBe(200);
    expect(left.json()).toMatchObject({ leftOn: TODAY });
    expect(await status()).toBe('not_met');
    expect((await pembina.request('PUT', url, { leftOn: null })).statusCode).toBe(200);
    expect(await status()).toBe('met');
  });
});

describe('jurisdiction', () => {
  it('another city’s office sees none of the events, participants or certificates, and writes none', async () => {
    const m = `/api/v1/orgs/${malang.id}`;
    expect((await malangAdmin.request('GET', `${m}/trainings`)).json()).toEqual({
      items: [],
      total: 0,
    });
    expect((await malangAdmin.request('GET', `${m}/trainings/${eventId}`)).statusCode).toBe(404);
    const enrol = await malangAdmin.request('POST', `${m}/trainings/${eventId}/participants`, {
      registryId: ids['KSP Arjuna Malang'],
      fullName: 'Budi',
      position: 'manajer',
    });
    expect(enrol.statusCode).toBe(404);
    const mark = await malangAdmin.request(
      'PUT',
      `${m}/trainings/${eventId}/participants/${participantId}/result`,
      { result: 'tidak_lulus', score: 10 },
    );
    expect(mark.statusCode).toBe(404);
    expect((await malangAdmin.request('GET', `${m}/certificates`)).json()).toMatchObject({
      total: 0,
    });
    expect(
      (
        await malangAdmin.request('GET', `${m}/certificates?registryId=${ids['KSP Batik Makmur']}`)
      ).json(),
    ).toMatchObject({ total: 0 });
    const file = await malangAdmin.request(
      'POST',
      `${m}/certificates`,
      certificate({ certificateNumber: 'M-1' }),
    );
    expect(file.statusCode).toBe(400);
    expect(
      (await malangAdmin.request('GET', `${m}/certificates/requirement`)).json(),
    ).toMatchObject({
      cooperatives: 1,
      met: 0,
      notMet: 1,
    });
    // nor the other office's own routes
    expect((await malangAdmin.request('GET', `${base()}/trainings`)).statusCode).toBe(403);
  });

  it('a hand-written query of another office sees no row of these tables, the office sees its own', async () => {
    const tables = [
      'training_events',
      'training_sessions',
      'training_participants',
      'training_attendance',
      'competency_certificates',
    ];
    for (const t of tables) {
      const count = (orgId: string) =>
        inTenantTransaction(file.deps.database.db, orgId, (tx) =>
          sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(tx),
        );
      expect((await count(malang.id)).rows[0]?.n, t).toBe(0);
      expect((await count(coopId)).rows[0]?.n, t).toBe(0);
      expect((await count(pekalongan.id)).rows[0]?.n, t).toBeGreaterThan(0);
    }
  });

  it('a cooperative cannot read the office’s trainings or certificates, nor its own', async () => {
    for (const path of ['trainings', 'certificates', 'certificates/requirement']) {
      expect((await coopAdmin.request('GET', `${base()}/${path}`)).statusCode).toBe(403);
      expect((await coopAdmin.request('GET', `/api/v1/orgs/${coopId}/${path}`)).statusCode).toBe(
        403,
      );
    }
  });
});

describe('the case file', () => {
  it('lists the trainings a cooperative’s people attended and its certificates issued and expiring', async () => {
    const entries = await inOrg(file.deps, systemContext(pekalongan.id), (o) =>
      caseFileEntries(o, BigInt(ids['KSP Batik Makmur']!), TODAY),
    );
    expect(entries.map((e) => [e.on, e.kind, e.title])).toEqual([
      ['2026-03-11', 'training', 'Pelatihan: Pelatihan Manajemen Risiko KSP'],
      ['2024-02-01', 'certificate', 'Sertifikat kompetensi: Manajer Koperasi Simpan Pinjam'],
      [
        '2026-12-04',
        'certificate',
        'Sertifikat kompetensi segera berakhir: Manajer Koperasi Simpan Pinjam',
      ],
      ['2025-06-01', 'certificate', 'Sertifikat kompetensi: Manajer Koperasi Simpan Pinjam'],
    ]);
    expect(entries[0]?.detail).toContain(
      'Siti Aminah (manajer) · hadir 2/2 sesi · lulus (nilai 86)',
    );
    expect(entries[0]?.actor).not.toBeNull();
    const kspps = await inOrg(file.deps, systemContext(pekalongan.id), (o) =>
      caseFileEntries(o, BigInt(ids['KSPPS Amanah Pesisir']!), TODAY),
    );
    expect(kspps.find((e) => e.ref.startsWith('certificate-expiry:'))).toMatchObject({
      on: TODAY,
      title: 'Sertifikat kompetensi berakhir: Manajer Koperasi Simpan Pinjam',
    });
    // another office's case file has none of it
    const other = await inOrg(file.deps, systemContext(malang.id), (o) =>
      caseFileEntries(o, BigInt(ids['KSP Batik Makmur']!), TODAY),
    );
    expect(other).toEqual([]);
  });
});
