import { sql } from 'kysely';
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
 * quarter; another city's office sees none of them. RATs for book year 2025 were due on
 * 30 June 2026: the sound one held it on time, the weak one late, the silent one not at all (nor
 * for 2024).
 */

const file = testAppForFile({ clock: () => new Date('2026-11-20T03:00:00Z') });
let pekalongan: OrganizationView;
let malang: OrganizationView;
let admin: Client;
let malangAdmin: Client;
let pembina: Client;
let pembinaId: string;
let malangUserId: string;
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
  const malangUser = await makeUser(deps, malang, ['dinas_admin']);
  malangUserId = malangUser.id;
  malangAdmin = await signIn(file.app, malangUser.username);
  const pembinaUser = await makeUser(deps, pekalongan, ['dinas_pembina']);
  pembinaId = pembinaUser.id;
  pembina = await signIn(file.app, pembinaUser.username);
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
  const rat = async (name: string, bookYear: number, heldOn: string) => {
    const res = await admin.request(
      'POST',
      `/api/v1/orgs/${pekalongan.id}/registry/${ids[name]}/rats`,
      { bookYear, heldOn },
    );
    expect(res.statusCode, res.body).toBe(200);
    return res;
  };
  await rat('KSP Tertib Sehat', 2024, '2025-03-15');
  await rat('KSP Tertib Sehat', 2025, '2026-03-21');
  await rat('KSP Rawan Likuid', 2024, '2025-05-10');
  await rat('KSP Rawan Likuid', 2025, '2026-08-15');
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
        warnings: { rule: string; severity: number; value: string }[];
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
      ['rat', '2026-08-15'],
    ]);
    // two peers with a ratio: the weak one is below the sound one on liquidity, above on NPL
    expect(weak.percentiles).toMatchObject({ liquidity: 25, npl: 75 });
    expect(w.items[1]!.warnings.map((x) => [x.rule, x.severity, x.value])).toEqual([
      ['reports', 3, '4'],
      ['rat', 3, 'not_held'],
    ]);
    expect(w.items[1]!.percentiles).toMatchObject({ liquidity: null });
  });

  it('the office’s thresholds: a looser NPL limit and missing-report count drop those warnings', async () => {
    const res = await admin.request(
      'GET',
      `/api/v1/orgs/${pekalongan.id}/health/watch-list?nplMaxBps=1500&missingReportsMax=4&liquidityMinBps=400&ratGraceDays=60`,
    );
    const w = res.json<{ items: { name: string; warnings: { rule: string }[] }[] }>();
    // 60 days of grace after 30 June: the RAT of 15 August is no longer late
    expect(w.items.map((i) => [i.name, i.warnings.map((x) => x.rule)])).toEqual([
      ['KSP Tanpa Laporan', ['reports', 'rat']],
    ]);
    const bad = await admin.request(
      'GET',
      `/api/v1/orgs/${pekalongan.id}/health/watch-list?nplMaxBps=lima`,
    );
    expect(bad.statusCode).toBe(400);
  });

  it('answers the worst `limit` with the count of all listed', async () => {
    const res = await admin.request(
      'GET',
      `/api/v1/orgs/${pekalongan.id}/health/watch-list?limit=1`,
    );
    const w = res.json<{ listed: number; items: { name: string }[] }>();
    expect(w.listed).toBe(2);
    expect(w.items.map((i) => i.name)).toEqual(['KSP Rawan Likuid']);
    const bad = await admin.request(
      'GET',
      `/api/v1/orgs/${pekalongan.id}/health/watch-list?limit=0`,
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

describe('RATs held and the officer in charge', () => {
  it('records a RAT with its deadline and timeliness, corrects it, and refuses impossible dates', async () => {
    const url = `/api/v1/orgs/${pekalongan.id}/registry/${ids['KSP Rawan Likuid']}`;
    const d = (await admin.request('GET', url)).json<{
      rats: { bookYear: number; heldOn: string; deadline: string; timeliness: string }[];
    }>();
    expect(d.rats.map((r) => [r.bookYear, r.heldOn, r.deadline, r.timeliness])).toEqual([
      [2025, '2026-08-15', '2026-06-30', 'late'],
      [2024, '2025-05-10', '2025-06-30', 'on_time'],
    ]);
    for (const [body, field] of [
      [{ bookYear: 2026, heldOn: '2026-11-01' }, 'bookYear'], // the book year has not ended
      [{ bookYear: 2023, heldOn: '2023-12-30' }, 'heldOn'], // before the year ended
      [{ bookYear: 2025, heldOn: '2026-12-01' }, 'heldOn'], // after today
    ] as const) {
      const res = await admin.request('POST', `${url}/rats`, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe(field);
    }
    const corrected = await admin.request('POST', `${url}/rats`, {
      bookYear: 2025,
      heldOn: '2026-06-27',
    });
    expect(
      corrected.json<{ rats: { heldOn: string; timeliness: string }[] }>().rats[0],
    ).toMatchObject({
      heldOn: '2026-06-27',
      timeliness: 'on_time',
    });
    // back to the late date the rest of the file expects
    await admin.request('POST', `${url}/rats`, { bookYear: 2025, heldOn: '2026-08-15' });
    const other = await malangAdmin.request(
      'POST',
      `/api/v1/orgs/${malang.id}/registry/${ids['KSP Rawan Likuid']}/rats`,
      { bookYear: 2024, heldOn: '2025-01-20' },
    );
    expect(other.statusCode).toBe(404);
  });

  it('only an officer of the office can be put in charge, and only by its administrator', async () => {
    const url = `/api/v1/orgs/${pekalongan.id}/registry/${ids['KSP Rawan Likuid']}/officer`;
    const foreign = await admin.request('PUT', url, { officerUserId: malangUserId });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json<{ errors: { code: string }[] }>().errors[0]!.code).toBe('NOT_AN_OFFICER');
    expect((await pembina.request('PUT', url, { officerUserId: pembinaId })).statusCode).toBe(403);
    const ok = await admin.request('PUT', url, { officerUserId: pembinaId });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<{ officer: { userId: string; fullName: string } }>().officer).toMatchObject({
      userId: pembinaId,
      fullName: expect.stringMatching(/^Pengguna /),
    });
    const officers = await pembina.request('GET', `/api/v1/orgs/${pekalongan.id}/officers`);
    expect(officers.json<{ items: { userId: string }[] }>().items.map((u) => u.userId)).toContain(
      pembinaId,
    );
  });
});

describe('thresholds the office tunes', () => {
  const url = () => `/api/v1/orgs/${pekalongan.id}/health/warning-thresholds`;
  const loose = {
    liquidityMinBps: 400,
    nplMaxBps: 1500,
    capitalMinBps: -5000,
    assetGrowthMinBps: -1000,
    missingReportsMax: 4,
    ratGraceDays: 60,
  };

  it('start at the defaults; only the administrator sets them; bad values change nothing', async () => {
    const first = await pembina.request('GET', url());
    expect(first.json()).toMatchObject({ setBy: null, thresholds: { nplMaxBps: 500 } });
    expect((await pembina.request('PUT', url(), loose)).statusCode).toBe(403);
    const bad = await admin.request('PUT', url(), { ...loose, nplMaxBps: 20_000 });
    expect(bad.statusCode).toBe(400);
    expect((await admin.request('GET', url())).json()).toMatchObject({ setBy: null });
  });

  it('once set, the watch list reads them, and another office keeps its own', async () => {
    const set = await admin.request('PUT', url(), loose);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      thresholds: loose,
      setBy: expect.stringMatching(/^Pengguna/),
    });
    const w = (
      await pembina.request('GET', `/api/v1/orgs/${pekalongan.id}/health/watch-list`)
    ).json<{
      thresholds: unknown;
      items: { name: string }[];
    }>();
    expect(w.thresholds).toEqual(loose);
    expect(w.items.map((i) => i.name)).toEqual(['KSP Tanpa Laporan']);
    const malangT = await malangAdmin.request(
      'GET',
      `/api/v1/orgs/${malang.id}/health/warning-thresholds`,
    );
    expect(malangT.json()).toMatchObject({ setBy: null, thresholds: { nplMaxBps: 500 } });
    // the defaults but a looser NPL limit, for the alerts below
    const reset = await admin.request('PUT', url(), {
      liquidityMinBps: 1000,
      nplMaxBps: 800,
      capitalMinBps: 1000,
      assetGrowthMinBps: -1000,
      missingReportsMax: 1,
      ratGraceDays: 0,
    });
    expect(reset.statusCode).toBe(200);
  });
});

describe('alerts to the officer in charge', () => {
  const outbox = async () =>
    (
      await sql<{ user_id: string | null; template: string; body: string }>`
        select user_id, template, body from message_outbox
        where cooperative_id = ${pekalongan.id} order by id`.execute(file.deps.database.db)
    ).rows;
  const check = async () => {
    const res = await pembina.request('POST', `/api/v1/orgs/${pekalongan.id}/health/alerts/check`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{
      raised: number;
      escalated: number;
      cleared: number;
      open: number;
      officersNotified: number;
      unassigned: number;
    }>();
  };

  it('raises each firing rule once, tells the officer in charge once, and says nothing new the second time', async () => {
    const first = await check();
    // KSP Rawan Likuid: liquidity, npl, reports, rat (officer: the pembina); KSP Tanpa Laporan: reports, rat (nobody)
    expect(first).toMatchObject({
      raised: 6,
      escalated: 0,
      cleared: 0,
      open: 6,
      officersNotified: 1,
      unassigned: 2,
    });
    const msgs = await outbox();
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ user_id: pembinaId, template: 'early-warning.digest' });
    expect(msgs[0]!.body).toContain('KSP Rawan Likuid: NPL 10 % (batas 8 %) [waspada]');
    expect(msgs[0]!.body).toContain('RAT diadakan 2026-08-15, tenggat 2026-06-30');
    expect(msgs[0]!.body).not.toContain('KSP Tanpa Laporan');
    expect(await check()).toMatchObject({ raised: 0, escalated: 0, cleared: 0, open: 6 });
    expect(await outbox()).toHaveLength(1);

    const mine = await pembina.request(
      'GET',
      `/api/v1/orgs/${pekalongan.id}/health/alerts?mine=true`,
    );
    const items = mine.json<{ items: { id: string; cooperative: string; rule: string }[] }>().items;
    expect(items.map((i) => i.rule).sort()).toEqual(['liquidity', 'npl', 'rat', 'reports']);
    expect(new Set(items.map((i) => i.cooperative))).toEqual(new Set(['KSP Rawan Likuid']));
    const all = await admin.request('GET', `/api/v1/orgs/${pekalongan.id}/health/alerts`);
    expect(all.json<{ items: unknown[] }>().items).toHaveLength(6);
    // another office can neither see nor acknowledge them
    const theirs = await malangAdmin.request('GET', `/api/v1/orgs/${malang.id}/health/alerts`);
    expect(theirs.json<{ items: unknown[] }>().items).toEqual([]);
    expect(
      (
        await malangAdmin.request(
          'POST',
          `/api/v1/orgs/${malang.id}/health/alerts/${items[0]!.id}/acknowledge`,
        )
      ).statusCode,
    ).toBe(404);
    const ack = await pembina.request(
      'POST',
      `/api/v1/orgs/${pekalongan.id}/health/alerts/${items[0]!.id}/acknowledge`,
    );
    expect(ack.statusCode).toBe(204);
  });

  it('escalates when a rule gets worse and clears when it stops firing', async () => {
    // a RAT recorded for the silent cooperative clears its RAT alert
    await admin.request(
      'POST',
      `/api/v1/orgs/${pekalongan.id}/registry/${ids['KSP Tanpa Laporan']}/rats`,
      {
        bookYear: 2025,
        heldOn: '2026-04-11',
      },
    );
    // NPL 10 % against a 5 % limit is critical (it was a watch against 8 %)
    await admin.request('PUT', `/api/v1/orgs/${pekalongan.id}/health/warning-thresholds`, {
      liquidityMinBps: 1000,
      nplMaxBps: 500,
      capitalMinBps: 1000,
      assetGrowthMinBps: -1000,
      missingReportsMax: 1,
      ratGraceDays: 0,
    });
    const r = await check();
    expect(r).toMatchObject({ raised: 0, escalated: 1, cleared: 1, open: 5, officersNotified: 1 });
    const msgs = await outbox();
    expect(msgs).toHaveLength(2);
    expect(msgs[1]!.body).toContain('NPL 10 % (batas 5 %) [kritis, memburuk]');
    const closed = await admin.request(
      'GET',
      `/api/v1/orgs/${pekalongan.id}/health/alerts?open=false`,
    );
    const cleared = closed
      .json<{ items: { cooperative: string; rule: string; clearedOn: string | null }[] }>()
      .items.filter((i) => i.clearedOn !== null);
    expect(cleared).toEqual([
      expect.objectContaining({
        cooperative: 'KSP Tanpa Laporan',
        rule: 'rat',
        clearedOn: '2026-11-20',
      }),
    ]);
  });
});
