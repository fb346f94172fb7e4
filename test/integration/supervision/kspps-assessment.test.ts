import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RUBRICS } from '../../../src/domain/supervision/index.js';
import { checklistsOf } from '../../../src/domain/supervision/checklists.js';
import { createOrganization, type OrganizationView } from '../../../src/services/organizations.js';
import { makeUser, signIn, testAppForFile, type Client } from '../../support/fixtures.js';
import { pdfText } from './pdf-text.js';

/**
 * A KSPPS scored under the sharia rubric perdep-07-2016 through the routes the other rubrics use
 * (no new route): its form lists the 11 kepatuhan syariah items, preview and create score the
 * worked example (94.50, Sehat, provisional: hand computation in
 * test/unit/supervision/perdep-07-2016.test.ts), finalising needs every sharia item answered, the
 * stored result is scored the same again, and the PDF names the aspect and the provisional mark.
 */

const file = testAppForFile({ clock: () => new Date('2026-11-20T03:00:00Z') });
const rubric = RUBRICS['perdep-07-2016'];

let dinas: OrganizationView;
let examiner: Client;
let pembina: Client;
let registryId: string;

const doc = JSON.parse(
  readFileSync(
    resolve(import.meta.dirname, '../../../docs/examples/health-perdep-07-2016.json'),
    'utf8',
  ),
) as Record<string, unknown>;
/** The example's rupiah figures (its counts come from the answers). */
const figures = Object.fromEntries(
  Object.entries(doc).filter(([k]) => k !== 'manajemen' && k !== 'syariah'),
) as Record<string, number>;
const YA: Record<string, number> = {
  'manajemen.umum': 10,
  'manajemen.kelembagaan': 6,
  'manajemen.permodalan': 5,
  'manajemen.aktiva': 8,
  'manajemen.likuiditas': 4,
  'syariah.kepatuhan': 9,
};
const answers = checklistsOf(rubric).flatMap((c) =>
  c.items.map((i) => ({ checklist: c.key, itemNo: i.no, answer: i.no <= (YA[c.key] ?? 0) })),
);
const base = () => `/api/v1/orgs/${dinas.id}/health`;

beforeAll(async () => {
  const deps = file.deps;
  dinas = await createOrganization(
    deps,
    { kind: 'dinas', name: 'Dinas Koperasi Kota Pekalongan', dinasRegionCode: '3375' },
    'test',
  );
  const user = async (role: 'dinas_admin' | 'dinas_pengawas' | 'dinas_pembina') =>
    signIn(file.app, (await makeUser(deps, dinas, [role])).username);
  const admin = await user('dinas_admin');
  [examiner, pembina] = await Promise.all([user('dinas_pengawas'), user('dinas_pembina')]);
  const res = await admin.request('POST', `/api/v1/orgs/${dinas.id}/registry`, {
    name: 'KSPPS BMT Amanah Pekalongan',
    cooperativeType: 'KSPPS',
    cooperativeForm: 'primer',
    membershipArea: 'regency',
    provinceCode: '33',
    regencyCode: '3375',
  });
  expect(res.statusCode, res.body).toBe(201);
  registryId = res.json<{ id: string }>().id;
});

describe('a KSPPS under perdep-07-2016', () => {
  it('the rubric is listed as a provisional built-in version, its form has the sharia checklist', async () => {
    const list = await pembina.request('GET', `${base()}/rubric-versions`);
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json<{ items: { rubricId: string; version: string; provisional: boolean }[] }>()
        .items.find((v) => v.rubricId === 'perdep-07-2016'),
    ).toMatchObject({ version: 'builtin', provisional: true });
    const form = await examiner.request(
      'GET',
      `${base()}/rubric-versions/perdep-07-2016/builtin/form`,
    );
    expect(form.statusCode, form.body).toBe(200);
    const f = form.json<{
      inputs: { key: string }[];
      checklists: { key: string; items: { no: number; text: string }[] }[];
    }>();
    expect(f.inputs.map((i) => i.key)).toContain('pembiayaanMacet');
    expect(f.inputs.map((i) => i.key)).toContain('ppapWajib');
    const syariah = f.checklists.find((c) => c.key === 'syariah.kepatuhan');
    expect(syariah?.items).toHaveLength(11);
    expect(syariah?.items[6]?.text).toMatch(/pendapatan kas/);
  });

  it('preview, create, finalise: 94.50 Sehat provisional, rescored the same', async () => {
    const preview = await examiner.request('POST', `${base()}/assessments/preview`, {
      rubricId: 'perdep-07-2016',
      figures,
      answers,
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(
      preview.json<{ totalScore: string; predikat: string; provisional: boolean }>(),
    ).toMatchObject({ totalScore: '94.50', predikat: 'Sehat', provisional: true });

    // a draft with the sharia items unanswered scores them "Tidak": 94.50 − 8.20 = 86.30
    const draft = await examiner.request('POST', `${base()}/assessments`, {
      registryId,
      period: '2025-12',
      rubricId: 'perdep-07-2016',
      figures,
      answers: answers.filter((a) => a.checklist !== 'syariah.kepatuhan'),
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const d = draft.json<{ id: string; totalScore: string; provisional: boolean }>();
    expect([d.totalScore, d.provisional]).toEqual(['86.30', true]);
    const refused = await examiner.request('POST', `${base()}/assessments/${d.id}/finalize`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ errors: { code: string; field: string }[] }>().errors[0]).toMatchObject({
      code: 'ANSWER_MISSING',
    });

    const put = await examiner.request('PUT', `${base()}/assessments/${d.id}`, {
      period: '2025-12',
      figures,
      answers,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<{ totalScore: string }>().totalScore).toBe('94.50');
    const fin = await examiner.request('POST', `${base()}/assessments/${d.id}/finalize`);
    expect(fin.statusCode, fin.body).toBe(200);
    const final = fin.json<{
      status: string;
      rubricId: string;
      predikat: string;
      figures: Record<string, string>;
      checklists: { key: string; items: { answer: boolean | null }[] }[];
    }>();
    expect([final.status, final.rubricId, final.predikat]).toEqual([
      'final',
      'perdep-07-2016',
      'Sehat',
    ]);
    expect(final.figures.pembiayaanDiberikan).toBe('800000000');
    expect(
      final.checklists
        .find((c) => c.key === 'syariah.kepatuhan')
        ?.items.filter((i) => i.answer === true),
    ).toHaveLength(9);

    const re = await pembina.request('GET', `${base()}/assessments/${d.id}/rescore`);
    expect(re.json<{ same: boolean; rubricDigestMatches: boolean }>()).toMatchObject({
      same: true,
      rubricDigestMatches: true,
    });

    const pdf = await pembina.request('GET', `${base()}/assessments/${d.id}/report.pdf`);
    expect(pdf.statusCode).toBe(200);
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('KSPPS BMT Amanah Pekalongan');
    expect(text).toContain('Predikat: Sehat');
    expect(text).toContain('94.50');
    expect(text).toContain('SEMENTARA (PROVISIONAL)');
    expect(text).toContain('Kepatuhan Prinsip Syariah');
  });
});
