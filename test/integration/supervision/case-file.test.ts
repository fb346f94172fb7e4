import { beforeAll, describe, expect, it } from 'vitest';
import {
  BALANCE_SHEET_LINES,
  INCOME_STATEMENT_LINES,
} from '../../../src/domain/supervision/report.js';
import type { OrganizationView } from '../../../src/services/organizations.js';
import { makeUser, signIn, testAppForFile, type Client } from '../../support/fixtures.js';
import { pekalonganCooperative, twoCityOffices } from './offices.js';
import { pdfText } from './pdf-text.js';

/**
 * One cooperative's case file in Kota Pekalongan on 20 November 2026: filed in the registry,
 * made inactive in 2025, its quarterly reports due 30 days after each quarter — 2026-Q1 typed in
 * on time, 2026-Q2 typed in late, the others missing — its 2024 RAT held late with the minutes
 * received, its 2025 RAT not held. Another city's office and a cooperative user see none of it.
 */

const file = testAppForFile({ clock: () => new Date('2026-11-20T03:00:00Z') });
let pekalongan: OrganizationView;
let malang: OrganizationView;
let admin: Client;
let examiner: Client;
let malangAdmin: Client;
let registryId = '';
const url = (q = '') =>
  `/api/v1/orgs/${pekalongan.id}/supervision/cooperatives/${registryId}/case-file${q}`;

interface CaseFile {
  cooperative: { name: string };
  entries: {
    on: string;
    kind: string;
    title: string;
    detail: string;
    actor: string | null;
    documents: { name: string; href: string }[];
  }[];
}

const zero = (keys: readonly { key: string }[]) =>
  Object.fromEntries(keys.map((l) => [l.key, '0']));
const report = (period: string) => ({
  kind: 'quarterly',
  period,
  balanceSheet: { ...zero(BALANCE_SHEET_LINES), kasBank: '50000000', simpananPokok: '50000000' },
  incomeStatement: zero(INCOME_STATEMENT_LINES),
  loans: Object.fromEntries(
    ['lancar', 'kurangLancar', 'diragukan', 'macet'].map((k) => [
      k,
      { loans: 0, outstandingRupiah: '0', requiredProvisionRupiah: '0' },
    ]),
  ),
  members: { count: 40, men: null, women: null },
});

beforeAll(async () => {
  const deps = file.deps;
  ({ pekalongan, malang } = await twoCityOffices(deps));
  admin = await signIn(file.app, (await makeUser(deps, pekalongan, ['dinas_admin'])).username);
  examiner = await signIn(
    file.app,
    (await makeUser(deps, pekalongan, ['dinas_pengawas'])).username,
  );
  malangAdmin = await signIn(file.app, (await makeUser(deps, malang, ['dinas_admin'])).username);
  const base = `/api/v1/orgs/${pekalongan.id}`;
  const ok = async (method: 'POST' | 'PUT', path: string, body: unknown, status = 200) => {
    const res = await admin.request(method, `${base}${path}`, body);
    expect(res.statusCode, res.body).toBe(status);
    return res;
  };
  const filed = await ok(
    'POST',
    '/registry',
    {
      name: 'KSP Berkas Uji',
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      membershipArea: 'regency',
      provinceCode: '33',
      regencyCode: '3375',
      badanHukumDate: '2019-04-01',
      status: 'active',
      statusSince: '2019-04-01',
    },
    201,
  );
  registryId = filed.json<{ id: string }>().id;
  await ok('POST', `/registry/${registryId}/status`, {
    status: 'inactive',
    effectiveOn: '2025-09-01',
    reason: 'Pengurus tidak aktif sejak Agustus 2025',
  });
  await ok(
    'POST',
    '/supervision/reports/schedules',
    { kind: 'quarterly', dueDays: 30, required: true, effectiveFrom: '2024-01-01' },
    201,
  );
  for (const p of ['2026-Q1', '2026-Q2'])
    await ok('POST', `/supervision/reports/cooperatives/${registryId}`, report(p), 201);
  await ok('POST', `/registry/${registryId}/rats`, { bookYear: 2024, heldOn: '2025-07-26' });
  const minutes = await admin.request(
    'POST',
    `${base}/registry/${registryId}/rat-documents?bookYear=2024&kind=minutes&fileName=notulen-2024.pdf&receivedOn=2025-08-02`,
    Buffer.from('%PDF-1.4 notulen'),
    { 'content-type': 'application/pdf' },
  );
  expect(minutes.statusCode, minutes.body).toBe(201);
});

describe('the case file of a cooperative', () => {
  it('holds the registry history, reports in and missing and the RATs, newest first, attributed', async () => {
    const res = await examiner.request('GET', url());
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json<CaseFile>();
    expect(f.cooperative.name).toBe('KSP Berkas Uji');
    const dates = f.entries.map((e) => e.on);
    expect([...dates].sort().reverse()).toEqual(dates);
    const titles = f.entries.map((e) => e.title);
    expect(titles).toContain('Status: tidak aktif');
    expect(titles).toContain('Laporan triwulan 1/2026');
    expect(titles).toContain('Laporan triwulan 2/2026');
    // quarters due (30 days after their end) and never received
    expect(titles).toContain('Laporan triwulan 4/2025 tidak masuk');
    expect(titles).toContain('Laporan triwulan 3/2026 tidak masuk');
    expect(titles).not.toContain('Laporan triwulan 1/2026 tidak masuk');
    const rat2024 = f.entries.find((e) => e.title === 'RAT tahun buku 2024')!;
    expect(rat2024).toMatchObject({ on: '2025-07-26', kind: 'rat' });
    expect(rat2024.detail).toContain('Terlambat 26 hari');
    expect(rat2024.detail).toContain('Daftar hadir RAT');
    expect(rat2024.documents).toHaveLength(1);
    const doc = await examiner.request('GET', `/api/v1${rat2024.documents[0]!.href}`);
    expect(doc.statusCode).toBe(200);
    expect(doc.body).toContain('notulen');
    expect(
      f.entries.find((e) => e.title === 'RAT tahun buku 2025 tidak diselenggarakan'),
    ).toMatchObject({
      on: '2026-06-30',
    });
    const status = f.entries.find((e) => e.title === 'Status: tidak aktif')!;
    expect(status.detail).toBe('Pengurus tidak aktif sejak Agustus 2025');
    expect(status.actor).not.toBeNull();
  });

  it('filters by area and by dates', async () => {
    const rats = (await examiner.request('GET', url('?kinds=rat'))).json<CaseFile>();
    expect(new Set(rats.entries.map((e) => e.kind))).toEqual(new Set(['rat']));
    const window = (
      await examiner.request('GET', url('?kinds=report,registry&from=2026-01-01&to=2026-06-30'))
    ).json<CaseFile>();
    expect(window.entries.length).toBeGreaterThan(0);
    for (const e of window.entries) {
      expect(['report', 'registry']).toContain(e.kind);
      expect(e.on >= '2026-01-01' && e.on <= '2026-06-30').toBe(true);
    }
    const bad = await examiner.request('GET', url('?kinds=rat,gossip'));
    expect(bad.statusCode).toBe(400);
  });

  it('prints as one PDF with every entry of the filter, oldest first', async () => {
    const res = await examiner.request('GET', url('.pdf?kinds=rat,registry'));
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.rawPayload);
    expect(text).toContain('BERKAS PENGAWASAN KOPERASI');
    expect(text).toContain('KSP Berkas Uji');
    expect(text).toContain('RAT tahun buku 2024');
    expect(text).toContain('Notulen RAT: notulen-2024.pdf');
    expect(text).not.toContain('Laporan triwulan');
    expect(text.indexOf('Tercatat di registri')).toBeLessThan(text.indexOf('RAT tahun buku 2024'));
  });

  it('another region’s office gets 404; a cooperative user gets 403', async () => {
    const other = await malangAdmin.request(
      'GET',
      `/api/v1/orgs/${malang.id}/supervision/cooperatives/${registryId}/case-file`,
    );
    expect(other.statusCode).toBe(404);
    const otherPdf = await malangAdmin.request(
      'GET',
      `/api/v1/orgs/${malang.id}/supervision/cooperatives/${registryId}/case-file.pdf`,
    );
    expect(otherPdf.statusCode).toBe(404);
    const coop = await pekalonganCooperative(file.deps, 'KSP Pengintip');
    const pengurus = await signIn(
      file.app,
      (await makeUser(file.deps, coop, ['pengurus'])).username,
    );
    expect((await pengurus.request('GET', url())).statusCode).toBe(403);
  });
});
