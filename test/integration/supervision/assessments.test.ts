import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { inTenantTransaction } from '../../../src/db/database.js';
import {
  assess,
  RUBRICS,
  type Rubric,
  type RubricId,
} from '../../../src/domain/supervision/index.js';
import { checklistsOf } from '../../../src/domain/supervision/checklists.js';
import {
  BALANCE_SHEET_LINES,
  INCOME_STATEMENT_LINES,
} from '../../../src/domain/supervision/report.js';
import { createOrganization, type OrganizationView } from '../../../src/services/organizations.js';
import {
  ALL_ROLES,
  can,
  COOPERATIVE_ROLES,
  type Permission,
} from '../../../src/domain/auth/permissions.js';
import { ROUTE_ACCESS } from '../../../src/http/auth.js';
import {
  makeCooperative,
  makeUser,
  signIn,
  testAppForFile,
  type Client,
} from '../../support/fixtures.js';
import { pdfText } from './pdf-text.js';

/**
 * Health assessments through the routes: a draft stores the figures exactly and its score; a final
 * assessment never changes (routes and database); every stored result is scored the same again
 * under the rubric version it names; a loaded official KKPKK version makes results non-provisional;
 * another region's office reads nothing; bad input changes nothing; the PDF says the predikat.
 */

const file = testAppForFile({ clock: () => new Date('2026-11-20T03:00:00Z') });

interface Detail {
  id: string;
  status: string;
  predikat: string;
  totalScore: string;
  provisional: boolean;
  rubricVersion: string;
  figures: Record<string, string>;
  checklists: {
    key: string;
    items: { no: number; answer: boolean | null; evidence: { id: string }[] }[];
  }[];
  result: { totalScore: string; predikat: string; provisional: boolean };
}

let pekalongan: OrganizationView;
let malang: OrganizationView;
let ministryId: string;
let examiner: Client;
let pembina: Client;
let pklAdmin: Client;
let malangExaminer: Client;
let ministryAdmin: Client;
let registryId: string;
let malangRegistryId: string;

const example = (id: RubricId): Record<string, number> => {
  const doc = JSON.parse(
    readFileSync(resolve(import.meta.dirname, `../../../docs/examples/health-${id}.json`), 'utf8'),
  ) as Record<string, unknown>;
  delete doc.manajemen;
  delete doc.checklists;
  return doc as Record<string, number>;
};

/** Every item answered; the first `ya[key]` of each checklist "Ya". */
function answers(rubric: Rubric, ya: Record<string, number>) {
  return checklistsOf(rubric).flatMap((c) =>
    c.items.map((i) => ({ checklist: c.key, itemNo: i.no, answer: i.no <= (ya[c.key] ?? 0) })),
  );
}
const PERDEP_YA = {
  'manajemen.umum': 10,
  'manajemen.kelembagaan': 6,
  'manajemen.permodalan': 5,
  'manajemen.aktiva': 8,
  'manajemen.likuiditas': 4,
};
const KKPKK_YA = {
  'checklists.kelembagaan': 27,
  'checklists.risikoKepatuhan': 6,
  'checklists.risikoOperasional': 4,
};

const base = (org: { id: string }) => `/api/v1/orgs/${org.id}/health`;

async function create(client: Client, body: Record<string, unknown>, org = pekalongan) {
  const res = await client.request('POST', `${base(org)}/assessments`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Detail>();
}

const countAssessments = async () =>
  Number(
    (
      await sql<{ n: string }>`select count(*) as n from health_assessments`.execute(
        file.deps.database.db,
      )
    ).rows[0]!.n,
  );

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
  ministryId = (
    await sql<{ id: string }>`insert into organizations (kind, name, dinas_region_code)
      values ('dinas', 'Kementerian Koperasi', '') returning id`.execute(deps.database.db)
  ).rows[0]!.id;
  const user = async (
    org: { id: string },
    role: 'dinas_admin' | 'dinas_pengawas' | 'dinas_pembina',
  ) => signIn(file.app, (await makeUser(deps, org as OrganizationView, [role])).username);
  [examiner, pembina, pklAdmin, malangExaminer, ministryAdmin] = await Promise.all([
    user(pekalongan, 'dinas_pengawas'),
    user(pekalongan, 'dinas_pembina'),
    user(pekalongan, 'dinas_admin'),
    user(malang, 'dinas_pengawas'),
    user({ id: ministryId }, 'dinas_admin'),
  ]);
  const malangAdmin = await user(malang, 'dinas_admin');
  const entry = async (client: Client, org: { id: string }, body: Record<string, unknown>) => {
    const res = await client.request('POST', `/api/v1/orgs/${org.id}/registry`, {
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      membershipArea: 'regency',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  registryId = await entry(pklAdmin, pekalongan, {
    name: 'KSP Batik Makmur',
    provinceCode: '33',
    regencyCode: '3375',
  });
  malangRegistryId = await entry(malangAdmin, malang, {
    name: 'KSP Arjuna Malang',
    provinceCode: '35',
    regencyCode: '3573',
  });
});

describe('storing and finalising', () => {
  it('a draft keeps the figures exactly and the engine’s score; finalising needs every item answered', async () => {
    const figures = { ...example('perdep-06-2016'), totalAset: '987654321987654321' };
    const partial = answers(RUBRICS['perdep-06-2016'], PERDEP_YA).slice(0, 20);
    const draft = await create(examiner, {
      registryId,
      period: '2025-12',
      rubricId: 'perdep-06-2016',
      figures,
      answers: partial,
    });
    expect(draft.status).toBe('draft');
    expect(draft.rubricVersion).toBe('builtin');
    expect(draft.figures.totalAset).toBe('987654321987654321');
    const stored = await sql<{
      amount_rupiah: bigint;
    }>`select amount_rupiah from health_assessment_figures
      where assessment_id = ${BigInt(draft.id)} and input_key = 'totalAset'`.execute(
      file.deps.database.db,
    );
    expect(stored.rows[0]!.amount_rupiah).toBe(987654321987654321n);

    const before = await countAssessments();
    const refused = await examiner.request(
      'POST',
      `${base(pekalongan)}/assessments/${draft.id}/finalize`,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ errors: { code: string }[] }>().errors[0]!.code).toBe('ANSWER_MISSING');
    const still = await examiner.request('GET', `${base(pekalongan)}/assessments/${draft.id}`);
    expect(still.json<Detail>().status).toBe('draft');
    expect(await countAssessments()).toBe(before);
  });

  it('the example figures and answers score 97.30 Sehat, are final, and a final assessment never changes', async () => {
    const a = await create(examiner, {
      registryId,
      period: '2025-12',
      rubricId: 'perdep-06-2016',
      figures: example('perdep-06-2016'),
      answers: answers(RUBRICS['perdep-06-2016'], PERDEP_YA),
      notes: 'Pemeriksaan tahunan',
    });
    expect(a.totalScore).toBe('97.30');
    expect(a.predikat).toBe('Sehat');
    expect(a.provisional).toBe(false);
    const fin = await examiner.request('POST', `${base(pekalongan)}/assessments/${a.id}/finalize`);
    expect(fin.statusCode, fin.body).toBe(200);
    expect(fin.json<Detail>().status).toBe('final');

    const put = await examiner.request('PUT', `${base(pekalongan)}/assessments/${a.id}`, {
      period: '2025-12',
      figures: example('perdep-06-2016'),
      answers: [],
    });
    expect(put.statusCode).toBe(400);
    expect(put.json<{ errors: { code: string }[] }>().errors[0]!.code).toBe('ASSESSMENT_FINAL');
    const again = await examiner.request(
      'POST',
      `${base(pekalongan)}/assessments/${a.id}/finalize`,
    );
    expect(again.statusCode).toBe(400);
    const png = Buffer.from('89504e470d0a1a0a0000', 'hex');
    const ev = await examiner.request(
      'POST',
      `${base(pekalongan)}/assessments/${a.id}/evidence?checklist=manajemen.umum&itemNo=1&fileName=a.png`,
      png,
      { 'content-type': 'image/png' },
    );
    expect(ev.statusCode).toBe(400);

    // the database refuses it too, even to its owner
    const db = file.deps.database.db;
    await expect(
      sql`update health_assessments set predikat = 'Dalam Pengawasan' where id = ${BigInt(a.id)}`.execute(
        db,
      ),
    ).rejects.toThrow(/final/);
    await expect(
      sql`update health_assessment_figures set amount_rupiah = 1 where assessment_id = ${BigInt(a.id)}`.execute(
        db,
      ),
    ).rejects.toThrow(/final/);
    await expect(
      sql`delete from health_assessment_answers where assessment_id = ${BigInt(a.id)}`.execute(db),
    ).rejects.toThrow(/final/);
    const after = await examiner.request('GET', `${base(pekalongan)}/assessments/${a.id}`);
    expect(after.json<Detail>().predikat).toBe('Sehat');

    // a correction is a new assessment superseding it; the old one stays as it was
    const fix = await create(examiner, {
      registryId,
      period: '2025-12',
      rubricId: 'perdep-06-2016',
      figures: { ...example('perdep-06-2016'), kasBank: 30000000 },
      answers: answers(RUBRICS['perdep-06-2016'], PERDEP_YA),
      supersedesId: a.id,
    });
    expect(fix.totalScore).not.toBe('97.30');
    const old = (await examiner.request('GET', `${base(pekalongan)}/assessments/${a.id}`)).json<
      Detail & { supersededBy: string }
    >();
    expect(old.supersededBy).toBe(fix.id);
    expect(old.totalScore).toBe('97.30');
    const twice = await examiner.request('POST', `${base(pekalongan)}/assessments`, {
      registryId,
      period: '2025-12',
      rubricId: 'perdep-06-2016',
      figures: example('perdep-06-2016'),
      supersedesId: a.id,
    });
    expect(twice.statusCode).toBe(400);
  });

  it('evidence: an image or PDF of at most 2 MB per item of a draft, downloaded as uploaded', async () => {
    const a = await create(examiner, {
      registryId,
      period: '2025-09',
      rubricId: 'permenkop-09-2020',
      figures: example('permenkop-09-2020'),
      answers: answers(RUBRICS['permenkop-09-2020'], KKPKK_YA),
    });
    const url = (q: string) => `${base(pekalongan)}/assessments/${a.id}/evidence?${q}`;
    const pdf = Buffer.from('%PDF-1.4 bukti akta pendirian');
    const ok = await examiner.request(
      'POST',
      url('checklist=checklists.kelembagaan&itemNo=1&fileName=akta.pdf'),
      pdf,
      {
        'content-type': 'application/pdf',
      },
    );
    expect(ok.statusCode, ok.body).toBe(201);
    const evidenceId = ok.json<{ id: string }>().id;
    const big = await examiner.request(
      'POST',
      url('checklist=checklists.kelembagaan&itemNo=1&fileName=besar.pdf'),
      Buffer.alloc(2 * 1024 * 1024 + 1, 1),
      { 'content-type': 'application/pdf' },
    );
    expect(big.statusCode).toBe(413);
    const unknownItem = await examiner.request(
      'POST',
      url('checklist=checklists.kelembagaan&itemNo=31&fileName=x.pdf'),
      pdf,
      {
        'content-type': 'application/pdf',
      },
    );
    expect(unknownItem.statusCode).toBe(400);
    const text = await examiner.request(
      'POST',
      url('checklist=checklists.kelembagaan&itemNo=2&fileName=x.txt'),
      'halo',
      {
        'content-type': 'text/plain',
      },
    );
    expect([400, 415]).toContain(text.statusCode);
    const got = await pembina.request(
      'GET',
      `${base(pekalongan)}/assessments/${a.id}/evidence/${evidenceId}`,
    );
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    const detail = (
      await examiner.request('GET', `${base(pekalongan)}/assessments/${a.id}`)
    ).json<Detail>();
    const item = detail.checklists.find((c) => c.key === 'checklists.kelembagaan')!.items[0]!;
    expect(item.evidence.map((e) => e.id)).toEqual([evidenceId]);
    expect(item.answer).toBe(true);
  });
});

describe('rubric versions and reproducibility', () => {
  /** The built-in KKPKK with every placeholder replaced by "official" values (a test appendix). */
  function official(): Rubric {
    const r = JSON.parse(JSON.stringify(RUBRICS['permenkop-09-2020'])) as Rubric;
    const confirm = (s: { status: string; document: string; note?: string }) => {
      if (s.status === 'placeholder') {
        s.status = 'confirmed';
        s.document = 'Lampiran Juknis 15/2021 (uji)';
        delete s.note;
      }
    };
    confirm(r.predikat.source);
    for (const a of r.aspects) {
      confirm(a.weight.source);
      for (const c of a.components) {
        confirm(c.weight.source);
        if (c.scoring.kind === 'bands') confirm(c.scoring.table.source);
      }
    }
    r.predikat.cutOffs = [
      { atLeast: '85', predikat: 'Sehat' },
      { atLeast: '70', predikat: 'Cukup Sehat' },
      { atLeast: '55', predikat: 'Dalam Pengawasan' },
      { atLeast: '0', predikat: 'Dalam Pengawasan Khusus' },
    ];
    return r;
  }

  it('only the ministry’s administrator loads a version, and a broken one is refused with nothing stored', async () => {
    const body = {
      rubricId: 'permenkop-09-2020',
      version: 'resmi-uji',
      definition: official(),
      sourceDocument: 'Lampiran Juknis 15/2021 (uji)',
    };
    expect(
      (await pklAdmin.request('POST', `${base(pekalongan)}/rubric-versions`, body)).statusCode,
    ).toBe(403);
    expect(
      (await examiner.request('POST', `${base(pekalongan)}/rubric-versions`, body)).statusCode,
    ).toBe(403);
    const broken = official();
    const first = broken.aspects[2]!.components[0]!;
    if (first.scoring.kind === 'bands') first.scoring.table.bands.splice(1, 1); // a gap
    const refused = await ministryAdmin.request(
      'POST',
      `${base({ id: ministryId })}/rubric-versions`,
      {
        ...body,
        definition: broken,
      },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('bands leave a gap');
    const rows = await sql`select * from health_rubric_versions`.execute(file.deps.database.db);
    expect(rows.rows).toHaveLength(0);
  });

  it('a loaded official version scores non-provisional; older assessments score the same again under theirs', async () => {
    const before = await create(examiner, {
      registryId,
      period: '2025-06',
      rubricId: 'permenkop-09-2020',
      figures: example('permenkop-09-2020'),
      answers: answers(RUBRICS['permenkop-09-2020'], KKPKK_YA),
    });
    expect(before.provisional).toBe(true);
    expect(before.totalScore).toBe('84.00');
    expect(before.predikat).toBe('Sehat');

    const loaded = await ministryAdmin.request(
      'POST',
      `${base({ id: ministryId })}/rubric-versions`,
      {
        rubricId: 'permenkop-09-2020',
        version: 'resmi-uji',
        definition: official(),
        sourceDocument: 'Lampiran Juknis 15/2021 (uji)',
      },
    );
    expect(loaded.statusCode, loaded.body).toBe(201);
    expect(loaded.json<{ provisional: boolean }>().provisional).toBe(false);
    const versions = await pembina.request('GET', `${base(pekalongan)}/rubric-versions`);
    expect(versions.json<{ items: { version: string }[] }>().items.map((v) => v.version)).toContain(
      'resmi-uji',
    );

    const after = await create(examiner, {
      registryId,
      period: '2025-06',
      rubricId: 'permenkop-09-2020',
      figures: example('permenkop-09-2020'),
      answers: answers(RUBRICS['permenkop-09-2020'], KKPKK_YA),
    });
    expect(after.rubricVersion).toBe('resmi-uji');
    expect(after.provisional).toBe(false);
    expect(after.totalScore).toBe('84.00');
    expect(after.predikat).toBe('Cukup Sehat'); // the official cut-off is 85

    for (const a of [before, after]) {
      const fin = await examiner.request(
        'POST',
        `${base(pekalongan)}/assessments/${a.id}/finalize`,
      );
      expect(fin.statusCode, fin.body).toBe(200);
      const re = await pembina.request('GET', `${base(pekalongan)}/assessments/${a.id}/rescore`);
      const st = (await pembina.request('GET', `${base(pekalongan)}/assessments/${a.id}`)).json<{
        result: unknown;
      }>().result;
      expect(re.json<{ result: unknown }>().result).toEqual(st);
      expect(re.json<{ same: boolean }>(), re.body.slice(0, 300)).toMatchObject({
        same: true,
        rubricDigestMatches: true,
      });
    }
    // and by hand: the stored figures and answers under the stored rubric give the stored result
    const db = file.deps.database.db;
    const row = (
      await sql<{
        result: unknown;
        definition: Rubric;
      }>`select a.result, v.definition from health_assessments a
        join health_rubric_versions v on v.rubric_id = a.rubric_id and v.version = a.rubric_version
        where a.id = ${BigInt(after.id)}`.execute(db)
    ).rows[0]!;
    const figures = Object.fromEntries(
      (
        await sql<{ input_key: string; amount_rupiah: bigint }>`select input_key, amount_rupiah
          from health_assessment_figures where assessment_id = ${BigInt(after.id)}`.execute(db)
      ).rows.map((r) => [r.input_key, r.amount_rupiah]),
    );
    const ya = (
      await sql<{ checklist: string; n: string; of: string }>`select checklist,
        count(*) filter (where answer) as n, count(*) as of from health_assessment_answers
        where assessment_id = ${BigInt(after.id)} group by checklist`.execute(db)
    ).rows;
    for (const c of ya) {
      figures[`${c.checklist}.met`] = BigInt(c.n);
      figures[`${c.checklist}.of`] = BigInt(c.of);
    }
    expect(assess(row.definition, figures)).toEqual(row.result);
  });
});

describe('jurisdiction and bad input', () => {
  it('another region’s office cannot read or write an assessment, through the routes or its own transaction', async () => {
    const list = await examiner.request('GET', `${base(pekalongan)}/assessments?limit=200`);
    const ids = list.json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(ids.length).toBeGreaterThan(2);
    const mine = await malangExaminer.request('GET', `${base(malang)}/assessments?limit=200`);
    expect(mine.json<{ items: unknown[] }>().items).toEqual([]);
    for (const id of ids) {
      expect(
        (await malangExaminer.request('GET', `${base(malang)}/assessments/${id}`)).statusCode,
      ).toBe(404);
      expect(
        (await malangExaminer.request('GET', `${base(malang)}/assessments/${id}/report.pdf`))
          .statusCode,
      ).toBe(404);
    }
    // the Pekalongan route with a Malang session is refused: not a member of that office
    expect(
      (await malangExaminer.request('GET', `${base(pekalongan)}/assessments`)).statusCode,
    ).toBe(403);
    const seen = await inTenantTransaction(file.deps.database.db, malang.id, async (tx) => ({
      a: (await sql`select * from health_assessments`.execute(tx)).rows.length,
      f: (await sql`select * from health_assessment_figures`.execute(tx)).rows.length,
      ans: (await sql`select * from health_assessment_answers`.execute(tx)).rows.length,
      e: (await sql`select * from health_assessment_evidence`.execute(tx)).rows.length,
    }));
    expect(seen).toEqual({ a: 0, f: 0, ans: 0, e: 0 });
    // nor assess a Pekalongan cooperative from Malang
    const res = await malangExaminer.request('POST', `${base(malang)}/assessments`, {
      registryId,
      period: '2025-12',
      rubricId: 'perdep-06-2016',
      figures: example('perdep-06-2016'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { code: string }[] }>().errors[0]!.code).toBe('NOT_IN_REGISTRY');
    expect(malangRegistryId).toBeDefined();
  });

  it('roles: a pembina reads but does not assess; a cooperative sees nothing', async () => {
    const res = await pembina.request('POST', `${base(pekalongan)}/assessments`, {
      registryId,
      period: '2025-12',
      rubricId: 'perdep-06-2016',
      figures: example('perdep-06-2016'),
    });
    expect(res.statusCode).toBe(403);
    expect((await pembina.request('GET', `${base(pekalongan)}/assessments`)).statusCode).toBe(200);
  });

  it.each([
    {
      name: 'an unknown figure',
      change: { figures: { ...example('perdep-06-2016'), asetLain: 5 } },
      code: 'UNKNOWN_FIGURE',
    },
    {
      name: 'a missing figure',
      change: { figures: { ...example('perdep-06-2016'), totalAset: undefined } },
      code: 'MISSING_FIGURE',
    },
    {
      name: 'a negative asset',
      change: { figures: { ...example('perdep-06-2016'), totalAset: -1 } },
      code: 'NEGATIVE_FIGURE',
    },
    { name: 'a period in the future', change: { period: '2027-01' }, code: 'PERIOD_IN_FUTURE' },
    { name: 'an unknown rubric', change: { rubricId: 'perdep-99-2099' }, code: 'UNKNOWN_RUBRIC' },
    {
      name: 'an unknown rubric version',
      change: { rubricVersion: 'tidak-ada' },
      code: 'UNKNOWN_RUBRIC_VERSION',
    },
    {
      name: 'an unknown checklist item',
      change: { answers: [{ checklist: 'manajemen.umum', itemNo: 13, answer: true }] },
      code: 'UNKNOWN_ITEM',
    },
    {
      name: 'a shared report without its version',
      change: { figuresSource: 'shared_report' },
      code: 'REPORT_VERSION_REQUIRED',
    },
  ])('$name is refused (400 $code) and nothing is stored', async ({ change, code }) => {
    const before = await countAssessments();
    const body = {
      registryId,
      period: '2025-12',
      rubricId: 'perdep-06-2016',
      figures: example('perdep-06-2016'),
      ...change,
    };
    const res = await examiner.request(
      'POST',
      `${base(pekalongan)}/assessments`,
      JSON.parse(JSON.stringify(body)),
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<{ errors: { code: string }[] }>().errors.map((e) => e.code)).toContain(code);
    expect(await countAssessments()).toBe(before);
  });
});

describe('the PDF report', () => {
  it('has every component, the predikat, the provisional mark and the rubric version', async () => {
    const a = await create(examiner, {
      registryId,
      period: '2025-03',
      rubricId: 'permenkop-09-2020',
      rubricVersion: 'builtin',
      figures: example('permenkop-09-2020'),
      answers: answers(RUBRICS['permenkop-09-2020'], KKPKK_YA),
    });
    const res = await pembina.request('GET', `${base(pekalongan)}/assessments/${a.id}/report.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload);
    expect(text).toContain('LAPORAN PEMERIKSAAN KESEHATAN KOPERASI');
    expect(text).toContain('KSP Batik Makmur');
    expect(text).toContain('Predikat:');
    expect(text).toContain('Predikat: Sehat');
    expect(text).toContain('84.00');
    expect(text).toContain('SEMENTARA (PROVISIONAL)');
    expect(text).toContain('versi builtin');
    for (const c of RUBRICS['permenkop-09-2020'].aspects.flatMap((x) => x.components))
      expect(text).toContain(c.name.slice(0, 20));
  });
});

describe('figures prefilled from the latest report', () => {
  const zero = (keys: readonly { key: string }[]) =>
    Object.fromEntries(keys.map((l) => [l.key, '0']));
  const paper = (kasBank: string, sukarela: string) => ({
    kind: 'quarterly',
    period: '2025-Q3',
    balanceSheet: {
      ...zero(BALANCE_SHEET_LINES),
      kasBank,
      pinjamanAnggota: '420000000',
      ppap: '20000000',
      simpananSukarela: sukarela,
      simpananPokok: '20000000',
      simpananWajib: '150000000',
      shuTahunBerjalan: '30000000',
    },
    incomeStatement: {
      ...zero(INCOME_STATEMENT_LINES),
      pendapatanPartisipasiAnggota: '45000000',
      bebanJasaSimpanan: '15000000',
    },
    loans: {
      lancar: { loans: 90, outstandingRupiah: '400000000', requiredProvisionRupiah: '2000000' },
      kurangLancar: { loans: 2, outstandingRupiah: '20000000', requiredProvisionRupiah: '2000000' },
      diragukan: { loans: 0, outstandingRupiah: '0', requiredProvisionRupiah: '0' },
      macet: { loans: 0, outstandingRupiah: '0', requiredProvisionRupiah: '0' },
    },
    members: { count: 150, men: null, women: null },
  });

  it('reads the latest version of the period’s report; none: nothing prefilled', async () => {
    const url = (period: string) =>
      `${base(pekalongan)}/prefill?registryId=${registryId}&rubricId=permenkop-09-2020&period=${period}`;
    const none = await examiner.request('GET', url('2025-09'));
    expect(none.statusCode, none.body).toBe(200);
    expect(none.json()).toMatchObject({ reportVersionId: null, figures: {} });

    const reportsUrl = `/api/v1/orgs/${pekalongan.id}/supervision/reports/cooperatives/${registryId}`;
    for (const [kas, sukarela] of [
      ['100000000', '300000000'],
      ['90000000', '290000000'],
    ]) {
      const res = await pklAdmin.request('POST', reportsUrl, paper(kas!, sukarela!));
      expect(res.statusCode, res.body).toBe(201);
    }
    const got = await examiner.request('GET', url('2025-09'));
    const p = got.json<{
      reportVersionId: string;
      figures: Record<string, string>;
      missing: string[];
    }>();
    expect(p.reportVersionId).not.toBeNull();
    expect(p.figures).toMatchObject({
      totalAset: '490000000',
      ekuitas: '200000000',
      pinjamanDiberikan: '420000000',
      pinjamanBermasalah: '20000000',
      shuSetelahPajak: '30000000',
    });
    expect(p.missing).toEqual(['ekuitasTahunLalu']);
    // the assessment names the report version its figures came from
    const a = await create(examiner, {
      registryId,
      period: '2025-09',
      rubricId: 'permenkop-09-2020',
      figures: { ...p.figures, ekuitasTahunLalu: '180000000' },
      figuresSource: 'shared_report',
      reportVersionId: p.reportVersionId,
    });
    expect(a).toMatchObject({ figuresSource: 'shared_report', reportVersionId: p.reportVersionId });
    expect(
      (await malangExaminer.request('GET', url('2025-09').replace(pekalongan.id, malang.id)))
        .statusCode,
    ).toBe(404);
  });
});

describe('every health route, every role', () => {
  const routes = () =>
    [...ROUTE_ACCESS.values()].filter((r) => r.url.includes('/orgs/:orgId/health/'));
  const fill = (url: string, org: string) =>
    url
      .replace(':orgId', org)
      .replace(':assessmentId', '1')
      .replace(':evidenceId', '1')
      .replace(':alertId', '1')
      .replace(':rubricId', 'perdep-06-2016')
      .replace(':version', 'builtin');

  it('answers each role by the matrix; a cooperative reads none of it, of its own id or a Dinas’s', async () => {
    const found = routes();
    expect(found.length).toBe(21); // with early warning's thresholds and alerts (migration 0018)
    const coop = await makeCooperative(file.deps);
    const failures: string[] = [];
    for (const role of ALL_ROLES) {
      const cooperativeRole = (COOPERATIVE_ROLES as readonly string[]).includes(role);
      const org = cooperativeRole ? coop : pekalongan;
      const client = await signIn(file.app, (await makeUser(file.deps, org, [role])).username);
      for (const r of found) {
        const orgs = cooperativeRole ? [coop.id, pekalongan.id] : [pekalongan.id];
        for (const id of orgs) {
          const res = await client.request(
            r.method as 'GET',
            fill(r.url, id),
            r.method === 'GET' ? undefined : {},
          );
          const allowed = !cooperativeRole && can([role], r.access as Permission);
          // allowed: past the access check (an empty body then fails validation, 400)
          const ok = allowed
            ? res.statusCode !== 403 && res.statusCode < 500
            : res.statusCode === 403;
          if (!ok) failures.push(`${role} ${r.method} ${r.url} (${id}) -> ${res.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
