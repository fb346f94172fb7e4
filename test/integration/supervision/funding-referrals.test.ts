import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  BALANCE_SHEET_LINES,
  INCOME_STATEMENT_LINES,
} from '../../../src/domain/supervision/report.js';
import { createOrganization, type OrganizationView } from '../../../src/services/organizations.js';
import { makeUser, signIn, testAppForFile, type Client } from '../../support/fixtures.js';
import { pdfText } from './pdf-text.js';

/**
 * Funding referrals in Kota Pekalongan on 4 December 2026 (quarterly reports due 30 days after
 * each quarter: 2025-Q4 to 2026-Q3 are the last four due; the RAT of book year 2025 was due on
 * 30 June 2026): "KSP Siap Dana" has everything — identity, Cukup Sehat, the four reports, its
 * 2025 RAT — and loans of Rp 3 billion, so the officer must confirm its audit; "KSP Belum Siap"
 * has no NIB, no RAT and no assessment. Kota Malang's office and a cooperative user see nothing.
 */

const file = testAppForFile({ clock: () => new Date('2026-12-04T03:00:00Z') });
let pekalongan: OrganizationView;
let malang: OrganizationView;
let admin: Client;
let officer: Client;
let malangAdmin: Client;
const ids: Record<string, string> = {};
const base = () => `/api/v1/orgs/${pekalongan.id}/funding`;
const HASH = 'a'.repeat(64);

const zero = (keys: readonly { key: string }[]) =>
  Object.fromEntries(keys.map((l) => [l.key, '0']));
const report = (period: string, loans: string) => ({
  kind: 'quarterly',
  period,
  balanceSheet: {
    ...zero(BALANCE_SHEET_LINES),
    kasBank: '500000000',
    pinjamanAnggota: loans,
    simpananPokok: String(500_000_000n + BigInt(loans)),
  },
  incomeStatement: zero(INCOME_STATEMENT_LINES),
  loans: Object.fromEntries(
    ['lancar', 'kurangLancar', 'diragukan', 'macet'].map((k) => [
      k,
      {
        loans: k === 'lancar' ? 100 : 0,
        outstandingRupiah: k === 'lancar' ? loans : '0',
        requiredProvisionRupiah: '0',
      },
    ]),
  ),
  members: { count: 250, men: null, women: null },
});

interface Readiness {
  programme: string;
  ready: boolean;
  metRequired: number;
  required: number;
  items: { item: string; required: boolean; state: string; figure: string }[];
}
interface Referral {
  id: string;
  status: string;
  letterNumber: string;
  amountApprovedRupiah: string | null;
  amountDisbursedRupiah: string | null;
  history: { status: string; on: string; amountRupiah: string | null; reason: string | null }[];
  readiness: Readiness;
  pdfHref: string;
  xlsxHref: string;
}

async function count(table: 'funding_referrals' | 'funding_referral_events') {
  const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
    file.deps.database.db,
  );
  return r.rows[0]!.n;
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
  admin = await signIn(file.app, (await makeUser(deps, pekalongan, ['dinas_admin'])).username);
  officer = await signIn(file.app, (await makeUser(deps, pekalongan, ['dinas_pembina'])).username);
  malangAdmin = await signIn(file.app, (await makeUser(deps, malang, ['dinas_admin'])).username);
  const api = `/api/v1/orgs/${pekalongan.id}`;
  const ok = async (path: string, body: unknown, status = 200) => {
    const res = await admin.request('POST', `${api}${path}`, body);
    expect(res.statusCode, res.body).toBe(status);
    return res;
  };
  const filed = async (name: string, extra: Record<string, unknown>) => {
    const res = await ok(
      '/registry',
      {
        name,
        cooperativeType: 'KSP',
        cooperativeForm: 'primer',
        membershipArea: 'regency',
        provinceCode: '33',
        regencyCode: '3375',
        badanHukumDate: '2012-05-01',
        ...extra,
      },
      201,
    );
    ids[name] = res.json<{ id: string }>().id;
  };
  await filed('KSP Siap Dana', {
    badanHukumNumber: '518/BH/XIV.14/2012',
    nib: '9120001234567',
    npwp: '01.234.567.8-501.000',
  });
  await filed('KSP Belum Siap', {
    badanHukumNumber: '518/BH/XIV.14/2015',
    npwp: '01.234.567.8-501.001',
  });
  await ok(
    '/supervision/reports/schedules',
    { kind: 'quarterly', dueDays: 30, required: true, effectiveFrom: '2024-01-01' },
    201,
  );
  for (const p of ['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'])
    await ok(
      `/supervision/reports/cooperatives/${ids['KSP Siap Dana']}`,
      report(p, '3000000000'),
      201,
    );
  await ok(
    `/supervision/reports/cooperatives/${ids['KSP Belum Siap']}`,
    report('2026-Q3', '900000000'),
    201,
  );
  await ok(`/registry/${ids['KSP Siap Dana']}/rats`, { bookYear: 2025, heldOn: '2026-04-18' });
  await sql`
    insert into health_assessments (region_code, registry_id, period, rubric_id, rubric_version,
      rubric_digest, figures_source, status, result, total_score, predikat, provisional,
      examiner_name, finalized_at)
    select region_code, id, '2025-12', 'perdep-06-2016', 'builtin', ${HASH}, 'examiner', 'final',
      '{}'::jsonb, 72, 'Cukup Sehat', false, 'Pemeriksa Uji', now()
    from registry_cooperatives where id = ${ids['KSP Siap Dana']}`.execute(deps.database.db);
});

describe('readiness for a programme', () => {
  it('is computed from the registry, the assessment, the reports and the RAT, most ready first', async () => {
    const res = await officer.request('GET', `${base()}/readiness?programme=lpdb_konvensional`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<{ items: { name: string; readiness: Readiness }[] }>();
    expect(list.items.map((i) => i.name)).toEqual(['KSP Siap Dana', 'KSP Belum Siap']);
    const ready = list.items[0]!.readiness;
    const states = Object.fromEntries(ready.items.map((i) => [i.item, i.state]));
    expect(states).toEqual({
      active: 'met',
      legal: 'met',
      type: 'met',
      health: 'met',
      reports: 'met',
      rat: 'met',
      audit: 'needs_confirmation',
    });
    expect(ready.ready).toBe(false);
    expect(ready.items.find((i) => i.item === 'audit')!.figure).toContain('Rp 3.000.000.000');
    const other = Object.fromEntries(list.items[1]!.readiness.items.map((i) => [i.item, i]));
    expect(other.legal!.figure).toBe('Belum tercatat: NIB');
    expect(other.rat).toMatchObject({
      state: 'not_met',
      figure: 'RAT tahun buku 2025 tidak tercatat',
    });
    expect(other.health!.state).toBe('not_met');
    expect(other.reports!.figure).toContain('1 dari 4');
    expect(other.audit!.state).toBe('met');
  });

  it('shows one cooperative’s checklist for every programme', async () => {
    const res = await officer.request('GET', `${base()}/cooperatives/${ids['KSP Siap Dana']}`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json<{ programmes: Readiness[]; referrals: unknown[] }>();
    expect(c.programmes.map((p) => p.programme)).toEqual([
      'lpdb_konvensional',
      'lpdb_syariah',
      'umi',
    ]);
    expect(c.programmes[1]!.items.find((i) => i.item === 'type')!.state).toBe('not_met');
    expect(c.referrals).toEqual([]);
  });
});

describe('referrals and their outcome', () => {
  let referral: Referral;

  it('refuses a cooperative that is not ready, and one whose audit is not confirmed; writes nothing', async () => {
    const notReady = await officer.request('POST', `${base()}/referrals`, {
      registryId: ids['KSP Belum Siap'],
      programme: 'umi',
      amountRequestedRupiah: '200000000',
      purpose: 'Penyaluran pembiayaan ultra mikro',
    });
    expect(notReady.statusCode).toBe(422);
    expect(notReady.headers['content-type']).toContain('application/problem+json');
    expect(notReady.json<{ detail: string }>().detail).toContain('legal, reports, rat');
    const unconfirmed = await officer.request('POST', `${base()}/referrals`, {
      registryId: ids['KSP Siap Dana'],
      programme: 'lpdb_konvensional',
      amountRequestedRupiah: '1500000000',
      purpose: 'Modal pinjaman anggota',
    });
    expect(unconfirmed.statusCode).toBe(422);
    expect(await count('funding_referrals')).toBe(0);
    expect(await count('funding_referral_events')).toBe(0);
  });

  it('refers a ready cooperative with a numbered cover letter and the checklist of the day', async () => {
    const res = await officer.request('POST', `${base()}/referrals`, {
      registryId: ids['KSP Siap Dana'],
      programme: 'lpdb_konvensional',
      amountRequestedRupiah: '1500000000',
      purpose: 'Modal pinjaman anggota',
      auditConfirmed: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    referral = res.json<Referral>();
    expect(referral).toMatchObject({
      status: 'referred',
      letterNumber: '001/RUJ-DANA/2026',
      history: [{ status: 'referred', on: '2026-12-04' }],
    });
    expect(referral.readiness.ready).toBe(true);
    expect(referral.readiness.items.find((i) => i.item === 'audit')!.state).toBe('met');
  });

  it('refuses transitions out of order and bad input, writing nothing', async () => {
    const url = `${base()}/referrals/${referral.id}/status`;
    const before = await count('funding_referral_events');
    const skip = await officer.request('POST', url, { status: 'approved', amountRupiah: '1000' });
    expect(skip.statusCode).toBe(409);
    expect(skip.json<{ detail: string }>().detail).toContain('referred');
    const en = await officer.request(
      'POST',
      url,
      { status: 'disbursed', amountRupiah: '1000' },
      {
        'accept-language': 'en',
      },
    );
    expect(en.json<{ detail: string }>().detail).toContain('cannot move from referred');
    const future = await officer.request('POST', url, {
      status: 'under_review',
      on: '2026-12-05',
    });
    expect(future.statusCode).toBe(400);
    const badAmount = await officer.request('POST', url, {
      status: 'under_review',
      amountRupiah: '-5',
    });
    expect(badAmount.statusCode).toBe(400);
    expect(await count('funding_referral_events')).toBe(before);
  });

  it('records review, approval and disbursement in order; the history is never edited', async () => {
    const url = `${base()}/referrals/${referral.id}/status`;
    const step = async (body: unknown) => {
      const res = await officer.request('POST', url, body);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Referral>();
    };
    await step({ status: 'under_review', on: '2026-12-04' });
    const over = await officer.request('POST', url, {
      status: 'approved',
      amountRupiah: '1500000001',
    });
    expect(over.statusCode).toBe(400);
    await step({ status: 'approved', amountRupiah: '1200000000' });
    const r = await step({
      status: 'disbursed',
      amountRupiah: '1200000000',
      note: 'Tahap tunggal',
    });
    expect(r).toMatchObject({
      status: 'disbursed',
      amountApprovedRupiah: '1200000000',
      amountDisbursedRupiah: '1200000000',
    });
    expect(r.history.map((h) => h.status)).toEqual([
      'referred',
      'under_review',
      'approved',
      'disbursed',
    ]);
    const again = await officer.request('POST', url, { status: 'rejected', reason: 'x' });
    expect(again.statusCode).toBe(409);
    // the application role may not change or remove the history
    const grants = await sql<{ update: boolean; delete: boolean }>`
      select has_table_privilege('sokoguru_app', 'funding_referral_events', 'UPDATE') as update,
             has_table_privilege('sokoguru_app', 'funding_referral_events', 'DELETE') as delete`.execute(
      file.deps.database.db,
    );
    expect(grants.rows[0]).toEqual({ update: false, delete: false });
  });

  it('a rejection needs its reason', async () => {
    const res = await officer.request('POST', `${base()}/referrals`, {
      registryId: ids['KSP Siap Dana'],
      programme: 'lpdb_konvensional',
      amountRequestedRupiah: '300000000',
      purpose: 'Pengadaan sistem informasi',
      auditConfirmed: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json<Referral>();
    expect(r.letterNumber).toBe('002/RUJ-DANA/2026');
    const url = `${base()}/referrals/${r.id}/status`;
    expect((await officer.request('POST', url, { status: 'under_review' })).statusCode).toBe(200);
    expect((await officer.request('POST', url, { status: 'rejected' })).statusCode).toBe(400);
    const rejected = await officer.request('POST', url, {
      status: 'rejected',
      reason: 'Tujuan tidak produktif',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json<Referral>().history.at(-1)).toMatchObject({
      status: 'rejected',
      reason: 'Tujuan tidak produktif',
    });
    const listed = await officer.request('GET', `${base()}/referrals?status=rejected`);
    expect(listed.json<{ items: Referral[] }>().items.map((i) => i.id)).toEqual([r.id]);
  });

  it('prints the package as a PDF and an Excel workbook', async () => {
    const pdf = await officer.request('GET', `/api/v1${referral.pdfHref}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('001/RUJ-DANA/2026');
    expect(text).toContain('KSP Siap Dana');
    expect(text).toContain('Daftar periksa kesiapan');
    expect(text).toContain('Cukup Sehat');
    expect(text).toContain('3.000.000.000');
    const xlsx = await officer.request('GET', `/api/v1${referral.xlsxHref}`);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Rujukan',
      'Kesiapan',
      'Identitas',
      'Laporan triwulan',
      'Penilaian',
      'Riwayat',
    ]);
    const rep = wb.getWorksheet('Laporan triwulan')!;
    expect(rep.getRow(1).values).toEqual([
      undefined,
      'Pos (Rp)',
      '2026-Q3',
      '2026-Q2',
      '2026-Q1',
      '2025-Q4',
    ]);
    expect(rep.getRow(5).getCell(2).value).toBe(3_000_000_000);
  });

  it('puts each status change on the case file with the package', async () => {
    const res = await officer.request(
      'GET',
      `/api/v1/orgs/${pekalongan.id}/supervision/cooperatives/${ids['KSP Siap Dana']}/case-file?kinds=referral`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const entries = res.json<{
      entries: { kind: string; title: string; documents: { href: string }[] }[];
    }>().entries;
    expect(entries).toHaveLength(7);
    expect(entries.every((e) => e.kind === 'referral')).toBe(true);
    expect(entries.map((e) => e.title)).toContain(
      'Rujukan pendanaan LPDB-KUMKM dana bergulir (konvensional): Dicairkan',
    );
    const doc = await officer.request('GET', `/api/v1${entries[0]!.documents[0]!.href}`);
    expect(doc.statusCode).toBe(200);
  });
});

describe('walls', () => {
  it('another region’s office gets 404 for the cooperative, the referral and its package', async () => {
    const list = await officer.request('GET', `${base()}/referrals`);
    const id = list.json<{ items: Referral[] }>().items[0]!.id;
    const m = `/api/v1/orgs/${malang.id}/funding`;
    expect(
      (await malangAdmin.request('GET', `${m}/cooperatives/${ids['KSP Siap Dana']}`)).statusCode,
    ).toBe(404);
    expect((await malangAdmin.request('GET', `${m}/referrals/${id}`)).statusCode).toBe(404);
    expect((await malangAdmin.request('GET', `${m}/referrals/${id}/package.pdf`)).statusCode).toBe(
      404,
    );
    const move = await malangAdmin.request('POST', `${m}/referrals/${id}/status`, {
      status: 'under_review',
    });
    expect(move.statusCode).toBe(404);
    const refer = await malangAdmin.request('POST', `${m}/referrals`, {
      registryId: ids['KSP Siap Dana'],
      programme: 'umi',
      amountRequestedRupiah: '1000000',
      purpose: 'x',
      auditConfirmed: true,
    });
    expect(refer.statusCode).toBe(404);
    const malangList = await malangAdmin.request('GET', `${m}/readiness?programme=umi`);
    expect(malangList.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('a cooperative user gets 403; bad input is refused as problem+json', async () => {
    const coop = await createOrganization(
      file.deps,
      {
        kind: 'cooperative',
        name: 'KSP Pengintip Dana',
        cooperativeType: 'KSP',
        cooperativeForm: 'primer',
        regencyCode: '3375',
        provinceCode: '33',
      },
      'test',
    );
    const pengurus = await signIn(file.app, (await makeUser(file.deps, coop, ['admin'])).username);
    const res = await pengurus.request('GET', `${base()}/readiness?programme=umi`);
    expect(res.statusCode).toBe(403);
    const own = await pengurus.request(
      'GET',
      `/api/v1/orgs/${coop.id}/funding/readiness?programme=umi`,
    );
    expect(own.statusCode).toBe(403);
    // a pengawas reads readiness but does not refer (registry.write)
    const pengawas = await signIn(
      file.app,
      (await makeUser(file.deps, pekalongan, ['dinas_pengawas'])).username,
    );
    expect((await pengawas.request('GET', `${base()}/readiness?programme=umi`)).statusCode).toBe(
      200,
    );
    const refer = await pengawas.request('POST', `${base()}/referrals`, {
      registryId: ids['KSP Siap Dana'],
      programme: 'umi',
      amountRequestedRupiah: '1000000',
      purpose: 'x',
      auditConfirmed: true,
    });
    expect(refer.statusCode).toBe(403);
    const bad = await officer.request('GET', `${base()}/readiness?programme=kur`);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const badBody = await officer.request('POST', `${base()}/referrals`, {
      registryId: ids['KSP Siap Dana'],
      programme: 'lpdb_konvensional',
      amountRequestedRupiah: '1.5',
      purpose: '',
    });
    expect(badBody.statusCode).toBe(400);
  });
});
