import { beforeAll, describe, expect, it } from 'vitest';
import {
  BALANCE_SHEET_LINES,
  INCOME_STATEMENT_LINES,
} from '../../../src/domain/supervision/report.js';
import { createOrganization, type OrganizationView } from '../../../src/services/organizations.js';
import { makeUser, signIn, testAppForFile, type Client } from '../../support/fixtures.js';

/**
 * The watch list on 20 November 2026 under quarterly reports due 30 days after each quarter (so
 * 2025-Q4 … 2026-Q3 are due): a cooperative that reported 2026-Q2 with 10 % problem loans and
 * cash at 5 % of current liabilities, one that never reported, one sound that reported every
 * quarter; another city's office sees none of them.
 */

const file = testAppForFile({ clock: () => new Date('2026-11-20T03:00:00Z') });
let pekalongan: OrganizationView;
let malang: OrganizationView;
let admin: Client;
let malangAdmin: Client;
const ids: Record<string, string> = {};

const zero = (keys: readonly { key: string }[]) =>
  Object.fromEntries(keys.map((l) => [l.key, '0']));
function report(period: string, kas: string, sukarela: string, kl: string) {
  return {
    kind: 'quarterly',
    period,
    balanceSheet: {
      ...zero(BALANCE_SHEET_LINES),
      kasBank: kas,
      pinjamanAnggota: '400000000',
      simpananSukarela: sukarela,
      simpananPokok: '20000000',
      simpananWajib: '150000000',
      shuTahunBerjalan: String(400_000_000 + Number(kas) - Number(sukarela) - 170_000_000),
    },
    incomeStatement: { ...zero(INCOME_STATEMENT_LINES), pendapatanPartisipasiAnggota: '10000000' },
    loans: {
      lancar: {
        loans: 90,
        outstandingRupiah: String(400_000_000 - Number(kl)),
        requiredProvisionRupiah: '0',
      },
      kurangLancar: { loans: 2, outstandingRupiah: kl, requiredProvisionRupiah: '0' },
      diragukan: { loans: 0, outstandingRupiah: '0', requiredProvisionRupiah: '0' },
      macet: { loans: 0, outstandingRupiah: '0', requiredProvisionRupiah: '0' },
    },
    members: { count: 150, men: null, women: null },
  };
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
  malangAdmin = await signIn(file.app, (await makeUser(deps, malang, ['dinas_admin'])).username);
  const rule = await admin.request(
    'POST',
    `/api/v1/orgs/${pekalongan.id}/supervision/reports/schedules`,
    {
      kind: 'quarterly',
      dueDays: 30,
      required: true,
      effectiveFrom: '2024-01-01',
    },
  );
  expect(rule.statusCode, rule.body).toBe(201);
  for (const name of ['KSP Rawan Likuid', 'KSP Tanpa Laporan', 'KSP Tertib Sehat']) {
    const res = await admin.request('POST', `/api/v1/orgs/${pekalongan.id}/registry`, {
      name,
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      membershipArea: 'regency',
      provinceCode: '33',
      regencyCode: '3375',
    });
    expect(res.statusCode, res.body).toBe(201);
    ids[name] = res.json<{ id: string }>().id;
  }
  const send = async (name: string, body: unknown) => {
    const res = await admin.request(
      'POST',
      `/api/v1/orgs/${pekalongan.id}/supervision/reports/cooperatives/${ids[name]}`,
      body,
    );
    expect(res.statusCode, res.body).toBe(201);
  };
  await send('KSP Rawan Likuid', report('2026-Q2', '15000000', '300000000', '40000000'));
  for (const p of ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'])
    await send('KSP Tertib Sehat', report(p, '45000000', '300000000', '8000000'));
});

describe('the watch list', () => {
  it('ranks the cooperatives that cross a threshold, worst first, with their peers’ percentiles', async () => {
    const res = await admin.request('GET', `/api/v1/orgs/${pekalongan.id}/health/watch-list`);
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json<{
      duePeriods: string[];
      cooperatives: number;
      items: {
        name: string;
        score: number;
        warnings: { rule: string; value: string }[];
        percentiles: { liquidity: number | null; npl: number | null } | null;
      }[];
    }>();
    expect(w.duePeriods).toEqual(['2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4']);
    expect(w.cooperatives).toBe(3);
    expect(w.items.map((i) => i.name)).toEqual(['KSP Rawan Likuid', 'KSP Tanpa Laporan']);
    const weak = w.items[0]!;
    expect(weak.warnings.map((x) => [x.rule, x.value])).toEqual([
      ['liquidity', '500'],
      ['npl', '1000'],
      ['reports', '3'],
    ]);
    // two peers with a ratio: the weak one is below the sound one on liquidity, above on NPL
    expect(weak.percentiles).toMatchObject({ liquidity: 25, npl: 75 });
    expect(w.items[1]!.warnings.map((x) => [x.rule, x.value])).toEqual([['reports', '4']]);
    expect(w.items[1]!.percentiles).toMatchObject({ liquidity: null });
  });

  it('the office’s thresholds: a looser NPL limit and missing-report count drop those warnings', async () => {
    const res = await admin.request(
      'GET',
      `/api/v1/orgs/${pekalongan.id}/health/watch-list?nplMaxBps=1500&missingReportsMax=4&liquidityMinBps=400`,
    );
    const w = res.json<{ items: { name: string; warnings: { rule: string }[] }[] }>();
    expect(w.items.map((i) => [i.name, i.warnings.map((x) => x.rule)])).toEqual([
      ['KSP Tanpa Laporan', ['reports']],
    ]);
    const bad = await admin.request(
      'GET',
      `/api/v1/orgs/${pekalongan.id}/health/watch-list?nplMaxBps=lima`,
    );
    expect(bad.statusCode).toBe(400);
  });

  it('another city’s office sees none of them', async () => {
    const res = await malangAdmin.request('GET', `/api/v1/orgs/${malang.id}/health/watch-list`);
    expect(res.json<{ cooperatives: number; items: unknown[] }>()).toMatchObject({
      cooperatives: 0,
      items: [],
    });
  });
});
