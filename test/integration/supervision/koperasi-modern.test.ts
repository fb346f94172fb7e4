import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { inTenantTransaction } from '../../../src/db/database.js';
import { createOrganization, type OrganizationView } from '../../../src/services/organizations.js';
import { inOrg } from '../../../src/services/context.js';
import { caseFileEntries } from '../../../src/services/supervision/koperasi-modern.js';
import {
  makeCooperative,
  makeUser,
  signIn,
  testAppForFile,
  type Client,
} from '../../support/fixtures.js';

/**
 * The koperasi modern programme of Kota Pekalongan on 4 December 2026: the office sets a target of
 * 2 cooperatives by 2026 under the October 2024 two-criteria view; its examiner records checklists
 * (one cooperative on Sokoguru, suggested inside a digital ecosystem) with evidence; progress by
 * quarter moves when a cooperative meets its last criterion; Malang's office and a cooperative's
 * users see none of it; bad input changes nothing.
 */

const file = testAppForFile({ clock: () => new Date('2026-12-04T03:00:00Z') });
let pekalongan: OrganizationView;
let malang: OrganizationView;
let admin: Client;
let examiner: Client;
let pembina: Client;
let malangAdmin: Client;
let coopUser: Client;
let coop: OrganizationView;
let twoId: string;
let sevenId: string;
const ids: Record<string, string> = {};
const base = (org: OrganizationView) => `/api/v1/orgs/${org.id}/koperasi-modern`;

interface Versions {
  items: { id: string; code: string; items: { no: number; suggest: string | null }[] }[];
}
interface State {
  id?: string;
  runsOnSokoguru: boolean;
  versions: { versionId: string; suggestions: { itemNo: number; met: boolean }[] }[];
  checklists: {
    id: string;
    assessedOn: string;
    qualifies: boolean;
    met: number;
    total: number;
    answers: { itemNo: number; met: boolean; note: string | null; suggested: boolean }[];
  }[];
}
interface Progress {
  version: { id: string };
  target: { targetCount: number; targetYear: number; percent: number } | null;
  qualifyingNow: number;
  assessed: number;
  series: { label: string; qualifying: number }[];
  closest: { name: string; missing: { no: number }[] }[];
}

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
  coop = await makeCooperative(deps, 'KSP Digital');
  admin = await signIn(file.app, (await makeUser(deps, pekalongan, ['dinas_admin'])).username);
  examiner = await signIn(
    file.app,
    (await makeUser(deps, pekalongan, ['dinas_pengawas'])).username,
  );
  pembina = await signIn(file.app, (await makeUser(deps, pekalongan, ['dinas_pembina'])).username);
  malangAdmin = await signIn(
    file.app,
    (await makeUser(deps, malang, ['dinas_admin', 'dinas_pengawas'])).username,
  );
  coopUser = await signIn(file.app, (await makeUser(deps, coop, ['admin', 'pengurus'])).username);
  for (const [name, linked] of [
    ['KSP Digital', coop.id],
    ['KSP Pangan Batik', null],
    ['KSP Nelayan Utara', null],
  ] as const) {
    const res = await admin.request('POST', `/api/v1/orgs/${pekalongan.id}/registry`, {
      name,
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      membershipArea: 'regency',
      provinceCode: '33',
      regencyCode: '3375',
      ...(linked ? { linkedOrganizationId: linked } : {}),
    });
    expect(res.statusCode, res.body).toBe(201);
    ids[name] = res.json<{ id: string }>().id;
  }
  const v = (await admin.request('GET', `${base(pekalongan)}/criteria`)).json<Versions>();
  twoId = v.items.find((x) => x.code === 'dua-kriteria-2024-10')!.id;
  sevenId = v.items.find((x) => x.code === 'tujuh-indikator-2020')!.id;
});

const checklist = (
  name: string,
  assessedOn: string,
  met: boolean[],
  versionId = twoId,
  who = examiner,
) =>
  who.request('POST', `${base(pekalongan)}/cooperatives/${ids[name]}/checklists`, {
    versionId,
    assessedOn,
    answers: met.map((m, i) => ({ itemNo: i + 1, met: m, note: m ? null : 'belum ada bukti' })),
  });

describe('criteria versions', () => {
  it('the two national views are seeded with their sources; "inside a digital ecosystem" is suggested by Sokoguru', async () => {
    const res = await pembina.request('GET', `${base(pekalongan)}/criteria`);
    expect(res.statusCode).toBe(200);
    const v = res.json<
      Versions & { items: { validFrom: string; sourceDocument: string; regionCode: string }[] }
    >();
    const seven = v.items.find((x) => x.id === sevenId)!;
    const two = v.items.find((x) => x.id === twoId)!;
    expect(seven.items).toHaveLength(7);
    expect(two.items.map((i) => i.suggest)).toEqual(['sokoguru', null]);
    expect(v.items.find((x) => x.id === twoId)).toMatchObject({
      validFrom: '2024-10-01',
      regionCode: '',
    });
  });

  it('an administrator adds the city’s own version; Malang does not see it; the same code twice is refused', async () => {
    const body = {
      code: 'pekalongan-2026',
      title: 'Koperasi modern Kota Pekalongan 2026',
      validFrom: '2026-01-01',
      sourceDocument: 'Keputusan Kepala Dinas Koperasi Kota Pekalongan (contoh)',
      items: [
        {
          text: 'Berada dalam ekosistem digital',
          textEn: 'Inside a digital ecosystem',
          suggest: 'sokoguru',
        },
        { text: 'Laporan keuangan diaudit', textEn: 'Audited statements' },
        { text: 'RAT tepat waktu tiga tahun', textEn: 'RAT on time three years running' },
      ],
    };
    expect((await examiner.request('POST', `${base(pekalongan)}/criteria`, body)).statusCode).toBe(
      403,
    );
    const res = await admin.request('POST', `${base(pekalongan)}/criteria`, body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ regionCode: string; items: unknown[] }>()).toMatchObject({
      regionCode: '3375',
    });
    const again = await admin.request('POST', `${base(pekalongan)}/criteria`, body);
    expect(again.statusCode).toBe(409);
    const malangSees = (
      await malangAdmin.request('GET', `${base(malang)}/criteria`)
    ).json<Versions>();
    expect(malangSees.items.map((x) => x.code)).toEqual([
      'tujuh-indikator-2020',
      'dua-kriteria-2024-10',
    ]);
  });
});

describe('targets', () => {
  it('the administrator sets N by a year; a later setting for the year replaces it, both on record', async () => {
    const url = `${base(pekalongan)}/targets`;
    expect(
      (await examiner.request('POST', url, { versionId: twoId, targetYear: 2026, targetCount: 5 }))
        .statusCode,
    ).toBe(403);
    const past = await admin.request('POST', url, {
      versionId: twoId,
      targetYear: 2024,
      targetCount: 50,
    });
    expect(past.statusCode).toBe(400);
    expect(past.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'KOPERASI_MODERN_DATE_INVALID',
    });
    expect(past.json<{ detail: string }>().detail).toContain('tahun target');
    expect(
      (await admin.request('POST', url, { versionId: twoId, targetYear: 2026, targetCount: 5 }))
        .statusCode,
    ).toBe(201);
    const res = await admin.request('POST', url, {
      versionId: twoId,
      targetYear: 2026,
      targetCount: 2,
      note: 'RPJMD Kota Pekalongan (contoh)',
    });
    expect(res.statusCode, res.body).toBe(201);
    const t = res.json<{
      current: { targetCount: number; targetYear: number };
      history: unknown[];
    }>();
    expect(t.current).toMatchObject({ targetYear: 2026, targetCount: 2 });
    expect(t.history).toHaveLength(2);
    const unknown = await admin.request('POST', url, {
      versionId: '999999',
      targetYear: 2027,
      targetCount: 3,
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('checklists and progress', () => {
  it('a cooperative on Sokoguru is suggested inside a digital ecosystem; the others are not', async () => {
    const linked = (
      await examiner.request('GET', `${base(pekalongan)}/cooperatives/${ids['KSP Digital']}`)
    ).json<State>();
    expect(linked.runsOnSokoguru).toBe(true);
    expect(linked.versions.find((v) => v.versionId === twoId)!.suggestions).toEqual([
      { itemNo: 1, met: true, note: 'Berjalan di Sokoguru' },
    ]);
    const other = (
      await examiner.request('GET', `${base(pekalongan)}/cooperatives/${ids['KSP Pangan Batik']}`)
    ).json<State>();
    expect(other.versions.find((v) => v.versionId === twoId)!.suggestions).toEqual([]);
  });

  it('bad input is refused with an Indonesian message and records nothing', async () => {
    const count = async () =>
      Number(
        (
          await sql<{ n: bigint }>`select count(*) as n from koperasi_modern_assessments`.execute(
            file.deps.database.db,
          )
        ).rows[0]!.n,
      );
    const before = await count();
    const incomplete = await checklist('KSP Pangan Batik', '2026-03-01', [true]);
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'KOPERASI_MODERN_CHECKLIST_INCOMPLETE',
    });
    expect(incomplete.json<{ detail: string }>().detail).toContain('setiap kriteria');
    const english = await examiner.request(
      'POST',
      `${base(pekalongan)}/cooperatives/${ids['KSP Pangan Batik']}/checklists`,
      { versionId: twoId, assessedOn: '2026-03-01', answers: [{ itemNo: 1, met: true }] },
      { 'accept-language': 'en' },
    );
    expect(english.json<{ detail: string }>().detail).toContain('every criterion');
    const future = await checklist('KSP Pangan Batik', '2026-12-05', [true, true]);
    expect(future.json<{ code: string }>().code).toBe('KOPERASI_MODERN_DATE_INVALID');
    const unknownItem = await examiner.request(
      'POST',
      `${base(pekalongan)}/cooperatives/${ids['KSP Pangan Batik']}/checklists`,
      {
        versionId: twoId,
        assessedOn: '2026-03-01',
        answers: [
          { itemNo: 1, met: true },
          { itemNo: 2, met: true },
          { itemNo: 3, met: true },
        ],
      },
    );
    expect(unknownItem.statusCode).toBe(400);
    const malformed = await examiner.request(
      'POST',
      `${base(pekalongan)}/cooperatives/${ids['KSP Pangan Batik']}/checklists`,
      { versionId: twoId, assessedOn: '2026-02-30', answers: 'semua' },
    );
    expect(malformed.statusCode).toBe(400);
    // a NUL byte in a note or a search is refused, not a server error
    const nul = await examiner.request(
      'POST',
      `${base(pekalongan)}/cooperatives/${ids['KSP Pangan Batik']}/checklists`,
      {
        versionId: twoId,
        assessedOn: '2026-03-01',
        answers: [
          { itemNo: 1, met: true, note: 'bukti\u0000' },
          { itemNo: 2, met: true },
        ],
      },
    );
    expect(nul.statusCode).toBe(400);
    const search = await examiner.request(
      'GET',
      `${base(pekalongan)}/cooperatives?q=${encodeURIComponent('ksp\u0000')}`,
    );
    expect(search.statusCode).toBeLessThan(500);
    // the pembina coaches but does not examine
    expect(
      (await checklist('KSP Pangan Batik', '2026-03-01', [true, true], twoId, pembina)).statusCode,
    ).toBe(403);
    expect(await count()).toBe(before);
  });

  it('records checklists, keeps the history, and counts who qualifies at each quarter’s end', async () => {
    // the linked cooperative: both met (the first as Sokoguru suggested it)
    const digital = await examiner.request(
      'POST',
      `${base(pekalongan)}/cooperatives/${ids['KSP Digital']}/checklists`,
      {
        versionId: twoId,
        assessedOn: '2025-05-10',
        answers: [
          { itemNo: 1, met: true },
          { itemNo: 2, met: true, note: 'Pinjaman LPDB 2025' },
        ],
      },
    );
    expect(digital.statusCode, digital.body).toBe(201);
    const d = digital.json<State>();
    expect(d.checklists[0]).toMatchObject({ qualifies: true, met: 2, total: 2 });
    expect(d.checklists[0]!.answers[0]).toMatchObject({
      note: 'Berjalan di Sokoguru',
      suggested: true,
    });
    expect((await checklist('KSP Pangan Batik', '2025-08-01', [false, true])).statusCode).toBe(201);
    expect((await checklist('KSP Nelayan Utara', '2025-09-15', [false, false])).statusCode).toBe(
      201,
    );
    expect(
      (await checklist('KSP Pangan Batik', '2025-03-01', [true, true], sevenId)).statusCode,
    ).toBe(400);
    const before = (
      await pembina.request('GET', `${base(pekalongan)}/progress?by=quarter&from=2025-01-01`)
    ).json<Progress>();
    expect(before.version.id).toBe(twoId);
    expect(before.target).toMatchObject({ targetCount: 2, targetYear: 2026, percent: 50 });
    expect(before.qualifyingNow).toBe(1);
    expect(before.series.map((s) => [s.label, s.qualifying])).toEqual([
      ['2025-Q1', 0],
      ['2025-Q2', 1],
      ['2025-Q3', 1],
      ['2025-Q4', 1],
      ['2026-Q1', 1],
      ['2026-Q2', 1],
      ['2026-Q3', 1],
      ['2026-Q4', 1],
    ]);
    expect(before.closest.map((c) => [c.name, c.missing.map((m) => m.no)])).toEqual([
      ['KSP Pangan Batik', [1]],
      ['KSP Nelayan Utara', [1, 2]],
    ]);

    // Pangan Batik meets its last criterion: the chart moves and the target is reached
    const last = await checklist('KSP Pangan Batik', '2026-11-20', [true, true]);
    expect(last.statusCode).toBe(201);
    const history = last.json<State>().checklists;
    expect(history.map((c) => [c.assessedOn, c.qualifies])).toEqual([
      ['2026-11-20', true],
      ['2025-08-01', false],
    ]);
    const after = (
      await pembina.request('GET', `${base(pekalongan)}/progress?by=month&from=2026-09-01`)
    ).json<Progress>();
    expect(after.series.map((s) => [s.label, s.qualifying])).toEqual([
      ['2026-09', 1],
      ['2026-10', 1],
      ['2026-11', 2],
      ['2026-12', 2],
    ]);
    expect(after.target).toMatchObject({ percent: 100 });
    expect(after.closest.map((c) => c.name)).toEqual(['KSP Nelayan Utara']);
    const list = (await pembina.request('GET', `${base(pekalongan)}/cooperatives?q=ksp`)).json<{
      items: { name: string; qualifies: boolean }[];
    }>();
    expect(list.items.map((i) => [i.name, i.qualifies])).toEqual([
      ['KSP Digital', true],
      ['KSP Pangan Batik', true],
      ['KSP Nelayan Utara', false],
    ]);
  });

  it('evidence: an image or PDF of at most 2 MB per item, downloaded as uploaded, on the case file', async () => {
    const state = (
      await examiner.request('GET', `${base(pekalongan)}/cooperatives/${ids['KSP Pangan Batik']}`)
    ).json<State>();
    const c = state.checklists[0]!;
    const url = (q: string) =>
      `${base(pekalongan)}/cooperatives/${ids['KSP Pangan Batik']}/checklists/${c.id}/evidence?${q}`;
    const pdf = Buffer.from('%PDF-1.4 perjanjian kredit bank');
    const ok = await examiner.request('POST', url('itemNo=2&fileName=perjanjian.pdf'), pdf, {
      'content-type': 'application/pdf',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const ev = ok.json<{ id: string; href: string }>();
    const big = await examiner.request(
      'POST',
      url('itemNo=2&fileName=besar.pdf'),
      Buffer.alloc(2 * 1024 * 1024 + 1, 1),
      { 'content-type': 'application/pdf' },
    );
    expect(big.statusCode).toBe(413);
    const text = await examiner.request('POST', url('itemNo=2&fileName=x.txt'), 'halo', {
      'content-type': 'text/plain',
    });
    expect([400, 415]).toContain(text.statusCode);
    const unknownItem = await examiner.request('POST', url('itemNo=9&fileName=x.pdf'), pdf, {
      'content-type': 'application/pdf',
    });
    expect(unknownItem.statusCode).toBe(400);
    const got = await pembina.request('GET', `/api/v1${ev.href}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);

    const entries = await inOrg(
      file.deps,
      {
        organizationId: pekalongan.id,
        actor: { userId: null, label: 'test' },
        roles: ['dinas_admin'],
        requestId: null,
        ip: null,
      },
      (o) => caseFileEntries(o, BigInt(ids['KSP Pangan Batik']!)),
    );
    expect(entries.map((e) => [e.on, e.kind, e.title])).toEqual([
      ['2026-11-20', 'modern', 'Koperasi modern: memenuhi 2 dari 2 kriteria'],
      ['2025-08-01', 'modern', 'Koperasi modern: 1 dari 2 kriteria terpenuhi'],
    ]);
    expect(entries[1]!.detail).toContain('belum: Berada dalam ekosistem digital');
    expect(entries[0]!.documents).toEqual([{ name: 'perjanjian.pdf', href: ev.href }]);
    expect(entries[0]!.actor).toMatch(/^Pengguna /);
    expect(entries[0]!.ref).toMatch(/^modern:[0-9]+$/);
  });
});

describe('jurisdiction', () => {
  it('Malang’s office sees none of Pekalongan’s checklists, evidence or targets, by route or in SQL', async () => {
    const id = ids['KSP Pangan Batik']!;
    expect(
      (await malangAdmin.request('GET', `${base(malang)}/cooperatives/${id}`)).statusCode,
    ).toBe(404);
    const p = (await malangAdmin.request('GET', `${base(malang)}/progress`)).json<Progress>();
    expect(p).toMatchObject({ qualifyingNow: 0, assessed: 0, target: null, closest: [] });
    const post = await malangAdmin.request(
      'POST',
      `${base(malang)}/cooperatives/${id}/checklists`,
      {
        versionId: twoId,
        assessedOn: '2026-11-01',
        answers: [
          { itemNo: 1, met: true },
          { itemNo: 2, met: true },
        ],
      },
    );
    expect(post.statusCode).toBe(404);
    expect((await malangAdmin.request('GET', `${base(pekalongan)}/progress`)).statusCode).toBe(403);
    const seen = await inTenantTransaction(file.deps.database.db, malang.id, async (tx) => ({
      a: (await sql`select * from koperasi_modern_assessments`.execute(tx)).rows.length,
      x: (await sql`select * from koperasi_modern_answers`.execute(tx)).rows.length,
      e: (await sql`select * from koperasi_modern_evidence`.execute(tx)).rows.length,
      t: (await sql`select * from koperasi_modern_targets`.execute(tx)).rows.length,
      v: (await sql`select * from koperasi_modern_criteria_versions`.execute(tx)).rows.length,
    }));
    expect(seen).toEqual({ a: 0, x: 0, e: 0, t: 0, v: 2 });
  });

  it('a cooperative’s users can read none of it, not even through the office’s id, nor in SQL', async () => {
    for (const path of ['criteria', 'targets', 'progress', `cooperatives/${ids['KSP Digital']}`]) {
      expect((await coopUser.request('GET', `${base(coop)}/${path}`)).statusCode, path).toBe(403);
      expect((await coopUser.request('GET', `${base(pekalongan)}/${path}`)).statusCode, path).toBe(
        403,
      );
    }
    const seen = await inTenantTransaction(file.deps.database.db, coop.id, async (tx) => ({
      a: (await sql`select * from koperasi_modern_assessments`.execute(tx)).rows.length,
      v: (await sql`select * from koperasi_modern_criteria_versions`.execute(tx)).rows.length,
      c: (await sql`select * from koperasi_modern_criteria`.execute(tx)).rows.length,
    }));
    expect(seen).toEqual({ a: 0, v: 0, c: 0 });
  });

  it('checklists are never changed or deleted under the app role', async () => {
    await expect(
      inTenantTransaction(file.deps.database.db, pekalongan.id, (tx) =>
        sql`update koperasi_modern_answers set met = true`.execute(tx),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      inTenantTransaction(file.deps.database.db, pekalongan.id, (tx) =>
        sql`delete from koperasi_modern_assessments`.execute(tx),
      ),
    ).rejects.toThrow(/permission denied/);
  });
});
