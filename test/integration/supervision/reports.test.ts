import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenantTransaction } from '../../../src/db/database.js';
import {
  BALANCE_SHEET_LINES,
  INCOME_STATEMENT_LINES,
} from '../../../src/domain/supervision/report.js';
import { inOrg } from '../../../src/services/context.js';
import { postEntry } from '../../../src/services/ledger.js';
import { createOrganization, type OrganizationView } from '../../../src/services/organizations.js';
import { accountBalances } from '../../../src/services/statements-data.js';
import { makeUser, signIn, testApp, type Client } from '../../support/fixtures.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import { staffContext } from '../../support/outcome.js';

/**
 * Reports that flow in (issue 15 item 3): a KSP on Sokoguru shares its first-quarter report from
 * its books with one approval of another pengurus, and the figures are the ledger's; Dinas Kota
 * Pekalongan types the reports of two cooperatives not on Sokoguru (versions, an unbalanced one
 * refused whole, an Excel upload all or nothing), classifies each report on time / late / missing
 * / not yet due, and reminds; Dinas Kota Malang sees none of it. The clock moves: 20 April 2026
 * (the quarter ended, due 30 April), then 10 May 2026.
 */

let now = new Date('2026-04-20T03:00:00Z');
let deps: TestDeps;
let app: FastifyInstance;

interface World {
  coop: OrganizationView;
  pekalongan: OrganizationView;
  malang: OrganizationView;
  maker: Client;
  checker: Client;
  pkl: Client;
  pklExaminer: Client;
  mlg: Client;
  coopRegistryId: string;
  x: string;
  y: string;
  makerUser: { id: string; username: string };
}
let w: World;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const registryEntry = (over: Record<string, unknown> = {}) => ({
  name: 'Koperasi Uji',
  cooperativeType: 'KSP',
  cooperativeForm: 'primer',
  membershipArea: 'regency',
  provinceCode: '33',
  regencyCode: '3375',
  districtCode: '337501',
  ...over,
});

async function post(client: Client, url: string, body: unknown, status: number) {
  const res = await client.request('POST', url, body);
  expect(res.statusCode, res.body).toBe(status);
  return res;
}

/** A balanced paper report of Rp 500 jt of assets. */
function paperReport(period = '2026-Q1', patch: Record<string, string> = {}) {
  const zero = (keys: readonly { key: string }[]) =>
    Object.fromEntries(keys.map((l) => [l.key, '0']));
  return {
    kind: 'quarterly',
    period,
    balanceSheet: {
      ...zero(BALANCE_SHEET_LINES),
      kasBank: '100000000',
      pinjamanAnggota: '420000000',
      ppap: '20000000',
      simpananSukarela: '300000000',
      simpananPokok: '20000000',
      simpananWajib: '150000000',
      shuTahunBerjalan: '30000000',
      ...patch,
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
  };
}

const pklUrl = () => `/api/v1/orgs/${w.pekalongan.id}/supervision/reports`;

beforeAll(async () => {
  deps = await testDeps({ clock: () => now });
  app = await testApp(deps);
  const coop = await createOrganization(
    deps,
    {
      kind: 'cooperative',
      name: `KSP Laporan ${Date.now().toString(36)}`,
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      regencyCode: '3375',
      provinceCode: '33',
    },
    'test',
  );
  const pekalongan = await createOrganization(
    deps,
    { kind: 'dinas', name: `Dinas Pekalongan ${Date.now().toString(36)}`, dinasRegionCode: '3375' },
    'test',
  );
  const malang = await createOrganization(
    deps,
    { kind: 'dinas', name: `Dinas Malang ${Date.now().toString(36)}`, dinasRegionCode: '3573' },
    'test',
  );
  const makerUser = await makeUser(deps, coop, ['pengurus']);
  const checkerUser = await makeUser(deps, coop, ['pengurus']);
  const users = await Promise.all([
    makeUser(deps, pekalongan, ['dinas_admin']),
    makeUser(deps, pekalongan, ['dinas_pengawas']),
    makeUser(deps, malang, ['dinas_admin']),
  ]);
  const [maker, checker, pkl, pklExaminer, mlg] = await Promise.all([
    signIn(app, makerUser.username),
    signIn(app, checkerUser.username),
    signIn(app, users[0].username),
    signIn(app, users[1].username),
    signIn(app, users[2].username),
  ]);

  // the books: opening balances in January, a loan, income and a salary in the quarter; one
  // deposit in April that the first quarter must not show
  await inOrg(deps, staffContext(coop.id, makerUser, ['pengurus']), async (o) => {
    const entry = (entryDate: string, lines: [string, bigint, bigint][]) =>
      postEntry(o, {
        entryDate,
        description: `Uji laporan ${entryDate}`,
        source: { type: 'test.supervision-report' },
        lines: lines.map(([code, d, c]) => ({
          account: { code },
          ...(d ? { debitRupiah: d } : {}),
          ...(c ? { creditRupiah: c } : {}),
        })),
      });
    await entry('2026-01-05', [
      ['1101', 60_000_000n, 0n],
      ['1103', 40_000_000n, 0n],
      ['3101', 0n, 10_000_000n],
      ['3102', 0n, 40_000_000n],
      ['2101', 0n, 50_000_000n],
    ]);
    await entry('2026-02-10', [
      ['1110', 30_000_000n, 0n],
      ['1101', 0n, 30_000_000n],
    ]);
    await entry('2026-03-15', [
      ['1103', 2_000_000n, 0n],
      ['4101', 0n, 2_000_000n],
    ]);
    await entry('2026-03-25', [
      ['5201', 500_000n, 0n],
      ['1101', 0n, 500_000n],
    ]);
    await entry('2026-04-02', [
      ['1101', 1_000_000n, 0n],
      ['2101', 0n, 1_000_000n],
    ]);
  });
  // the register: two women and a man by the quarter's end, one more man joins in April
  await sql`
    insert into members (cooperative_id, member_number, status, nik, full_name, birth_date, gender, joined_on)
    values (${coop.id}, '000001', 'active', '3375014204850001', 'Siti Aminah', '1985-04-02', 'P', '2024-01-02'),
           (${coop.id}, '000002', 'active', '3375015003880001', 'Dewi Lestari', '1988-03-10', 'P', '2025-03-01'),
           (${coop.id}, '000003', 'active', '3375010706900001', 'Budi Santoso', '1990-06-07', 'L', '2025-06-15'),
           (${coop.id}, '000004', 'active', '3375011212950001', 'Eko Prasetyo', '1995-12-12', 'L', '2026-04-10')`.execute(
    deps.database.db,
  );

  const fileRow = async (body: Record<string, unknown>) =>
    (await post(pkl, `/api/v1/orgs/${pekalongan.id}/registry`, body, 201)).json<{ id: string }>()
      .id;
  const coopRegistryId = await fileRow(
    registryEntry({ name: coop.name, linkedOrganizationId: coop.id }),
  );
  const x = await fileRow(registryEntry({ name: 'KSP Batik Makmur' }));
  const y = await fileRow(registryEntry({ name: 'Koperasi Nelayan Pantai Sari' }));
  // Pekalongan asks for quarterly reports 30 days after each quarter
  await post(
    pkl,
    `/api/v1/orgs/${pekalongan.id}/supervision/reports/schedules`,
    { kind: 'quarterly', dueDays: 30, effectiveFrom: '2024-01-01' },
    201,
  );
  w = {
    coop,
    pekalongan,
    malang,
    maker,
    checker,
    pkl,
    pklExaminer,
    mlg,
    coopRegistryId,
    x,
    y,
    makerUser,
  };
});

afterAll(async () => {
  await app?.close();
  await deps?.close();
});

interface ReportJson {
  balanceSheet: Record<
    string,
    { rupiah: string; sources: { accountCode: string; rupiah: string }[] }
  >;
  incomeStatement: Record<string, { rupiah: string }>;
  totals: { aset: string; kewajiban: string; ekuitas: string };
  members: { count: number; men: number | null; women: number | null };
  savings: Record<string, { rupiah: string }>;
}

describe('a cooperative shares its report from its books', () => {
  let versionId: string;

  it('each figure of the preview is the ledger balance of the accounts behind it', async () => {
    const res = await w.maker.request(
      'GET',
      `/api/v1/orgs/${w.coop.id}/reports-to-dinas/preview?kind=quarterly&period=2026-Q1`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const { report, problems, linked } = res.json<{
      report: ReportJson;
      problems: unknown[];
      linked: boolean;
    }>();
    expect(problems).toEqual([]);
    expect(linked).toBe(true);
    const balances = await accountBalances(
      deps,
      staffContext(w.coop.id, w.makerUser, ['pengurus']),
      { from: '2026-01', to: '2026-03' },
    );
    const closing = (code: string) => {
      const a = balances.find((b) => b.code === code)!;
      return a.openingDebitRupiah + a.debitRupiah - a.creditRupiah;
    };
    // kas 60 − 30 − 0.5 = 29.5 jt, bank 40 + 2 = 42 jt (April's deposit not in)
    expect(report.balanceSheet.kasBank!.rupiah).toBe(
      (closing('1101') + closing('1103')).toString(),
    );
    expect(report.balanceSheet.kasBank!.rupiah).toBe('71500000');
    expect(report.balanceSheet.kasBank!.sources.map((s) => [s.accountCode, s.rupiah])).toEqual([
      ['1101', closing('1101').toString()],
      ['1103', closing('1103').toString()],
    ]);
    expect(report.balanceSheet.simpananSukarela!.rupiah).toBe((-closing('2101')).toString());
    expect(report.savings.wajib!.rupiah).toBe('40000000');
    expect(report.incomeStatement.pendapatanPartisipasiAnggota!.rupiah).toBe('2000000');
    expect(report.incomeStatement.bebanKaryawan!.rupiah).toBe('500000');
    expect(report.balanceSheet.shuTahunBerjalan!.rupiah).toBe('1500000');
    expect(report.totals).toEqual({
      aset: '101500000',
      kewajiban: '50000000',
      ekuitas: '51500000',
    });
    expect(report.members).toEqual({ count: 3, men: 1, women: 2 });
  });

  it('the one who prepared it cannot approve it; another pengurus shares it', async () => {
    const asked = await post(
      w.maker,
      `/api/v1/orgs/${w.coop.id}/reports-to-dinas`,
      { kind: 'quarterly', period: '2026-Q1' },
      202,
    );
    const { approvalId } = asked.json<{ approvalId: string }>();
    const self = await w.maker.request(
      'POST',
      `/api/v1/orgs/${w.coop.id}/approvals/${approvalId}/approve`,
    );
    expect(self.statusCode).toBe(403);
    expect(self.json<{ code: string }>().code).toBe('APPROVAL_SELF_DECISION');
    const ok = await post(
      w.checker,
      `/api/v1/orgs/${w.coop.id}/approvals/${approvalId}/approve`,
      undefined,
      200,
    );
    versionId = ok.json<{ result: { versionId: string } }>().result.versionId;
    const own = await w.maker.request('GET', `/api/v1/orgs/${w.coop.id}/reports-to-dinas`);
    const body = own.json<{
      versions: { id: string; version: number; channel: string; approvedBy: string }[];
      periods: { period: string; status: string; dueOn: string }[];
    }>();
    expect(body.versions).toMatchObject([{ id: versionId, version: 1, channel: 'ledger' }]);
    expect(body.periods.find((p) => p.period === '2026-Q1')).toMatchObject({
      status: 'on_time',
      dueOn: '2026-04-30',
    });
  });

  it('if the books change before approval, nothing is shared', async () => {
    const asked = await post(
      w.maker,
      `/api/v1/orgs/${w.coop.id}/reports-to-dinas`,
      { kind: 'quarterly', period: '2026-Q1' },
      202,
    );
    await inOrg(deps, staffContext(w.coop.id, w.makerUser, ['pengurus']), (o) =>
      postEntry(o, {
        entryDate: '2026-03-30',
        description: 'Koreksi triwulan I',
        source: { type: 'test.supervision-report' },
        lines: [
          { account: { code: '5209' }, debitRupiah: 100_000n },
          { account: { code: '1101' }, creditRupiah: 100_000n },
        ],
      }),
    );
    const res = await w.checker.request(
      'POST',
      `/api/v1/orgs/${w.coop.id}/approvals/${asked.json<{ approvalId: string }>().approvalId}/approve`,
    );
    expect(res.statusCode).toBe(409);
    expect(res.json<{ errors: { code: string }[] }>().errors[0]!.code).toBe('BOOKS_CHANGED');
    const own = await w.maker.request('GET', `/api/v1/orgs/${w.coop.id}/reports-to-dinas`);
    expect(own.json<{ versions: unknown[] }>().versions).toHaveLength(1);
  });

  it('the Dinas reads the shared figures with their accounts, and no member-level data', async () => {
    const res = await w.pklExaminer.request(
      'GET',
      `${pklUrl()}/cooperatives/${w.coopRegistryId}/versions/${versionId}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json<{ report: ReportJson; intact: boolean; approvedBy: string }>();
    expect(v.intact).toBe(true);
    expect(v.report.balanceSheet.kasBank!.rupiah).toBe('71500000');
    for (const secret of ['Siti Aminah', '3375014204850001', '000001', 'Budi'])
      expect(res.body).not.toContain(secret);
    // the cooperative's own pages stay closed to the office
    for (const url of [
      `/api/v1/orgs/${w.coop.id}/members`,
      `/api/v1/orgs/${w.coop.id}/reports-to-dinas/preview?kind=quarterly&period=2026-Q1`,
      `/api/v1/orgs/${w.coop.id}/reports-to-dinas`,
    ])
      expect((await w.pkl.request('GET', url)).statusCode).toBe(403);
  });

  it('a Dinas of another region reads none of it, through the routes or the database', async () => {
    const res = await w.mlg.request(
      'GET',
      `/api/v1/orgs/${w.malang.id}/supervision/reports/cooperatives/${w.coopRegistryId}`,
    );
    expect(res.statusCode).toBe(404);
    const grid = await w.mlg.request(
      'GET',
      `/api/v1/orgs/${w.malang.id}/supervision/reports/completeness`,
    );
    expect(grid.json<{ items: unknown[] }>().items).toEqual([]);
    const count = (org: string) =>
      inTenantTransaction(deps.database.db, org, async (tx) =>
        Number(
          (await sql<{ n: string }>`select count(*) as n from supervision_reports`.execute(tx))
            .rows[0]!.n,
        ),
      );
    expect(await count(w.malang.id)).toBe(0);
    expect(await count(w.coop.id)).toBe(1);
  });
});

describe('the database wall (row-level security, migration 0013)', () => {
  const insertAs = (org: string, registryId: string, channel: string) =>
    inTenantTransaction(deps.database.db, org, (tx) =>
      sql`insert into supervision_reports (region_code, registry_id, report_kind, period, version, channel,
            content, content_sha256, submitted_at, submitted_on, submitted_by, submitted_by_org, approved_by,
            total_aset_rupiah, total_kewajiban_rupiah, total_ekuitas_rupiah, pinjaman_rupiah,
            pinjaman_bermasalah_rupiah, simpanan_rupiah, shu_rupiah, member_count)
          values ('3375', ${registryId}, 'quarterly', '2025-Q2', 9, ${channel}, '{}', ${'0'.repeat(64)}, now(),
            '2025-07-01', ${w.makerUser.id}, ${org}, ${channel === 'ledger' ? w.makerUser.id : null},
            0, 0, 0, 0, 0, 0, 0, 0)`.execute(tx),
    ).then(
      () => 'stored',
      (e: unknown) => String((e as { message?: string }).message ?? e),
    );

  it('a cooperative writes only its own row, from its ledger; an office only typed rows of cooperatives not on Sokoguru', async () => {
    // a cooperative cannot file a report for another registry row, nor a typed one for itself
    expect(await insertAs(w.coop.id, w.x, 'ledger')).toMatch(/row-level security/);
    expect(await insertAs(w.coop.id, w.coopRegistryId, 'form')).toMatch(/row-level security/);
    // an office cannot type a report for a cooperative on Sokoguru, nor one outside its region
    expect(await insertAs(w.pekalongan.id, w.coopRegistryId, 'form')).toMatch(/row-level security/);
    expect(await insertAs(w.malang.id, w.x, 'form')).toMatch(/row-level security/);
    // nor change a version once stored
    const update = await inTenantTransaction(deps.database.db, w.pekalongan.id, (tx) =>
      sql`update supervision_reports set total_aset_rupiah = 0`.execute(tx),
    ).then(
      () => 'updated',
      (e: unknown) => String((e as { message?: string }).message ?? e),
    );
    expect(update).toMatch(/permission denied/);
  });
});

describe('the Dinas types the reports of cooperatives not on Sokoguru', () => {
  it('an unbalanced report is refused with the field and nothing is stored', async () => {
    const res = await w.pkl.request(
      'POST',
      `${pklUrl()}/cooperatives/${w.y}`,
      paperReport('2026-Q1', { kasBank: '100000001' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { field: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ field: 'totals', code: 'UNBALANCED' }),
    ]);
    const y = await w.pkl.request('GET', `${pklUrl()}/cooperatives/${w.y}`);
    expect(y.json<{ versions: unknown[] }>().versions).toEqual([]);
  });

  it('a correction is a new version; the first stays as it was', async () => {
    const one = await post(w.pkl, `${pklUrl()}/cooperatives/${w.x}`, paperReport(), 201);
    const two = await post(
      w.pkl,
      `${pklUrl()}/cooperatives/${w.x}`,
      paperReport('2026-Q1', { kasBank: '90000000', simpananSukarela: '290000000' }),
      201,
    );
    expect([
      one.json<{ version: number }>().version,
      two.json<{ version: number }>().version,
    ]).toEqual([1, 2]);
    const list = await w.pkl.request('GET', `${pklUrl()}/cooperatives/${w.x}`);
    const versions = list.json<{ versions: { id: string; version: number; channel: string }[] }>()
      .versions;
    expect(versions.map((v) => [v.version, v.channel])).toEqual([
      [2, 'form'],
      [1, 'form'],
    ]);
    const first = await w.pkl.request(
      'GET',
      `${pklUrl()}/cooperatives/${w.x}/versions/${versions[1]!.id}`,
    );
    expect(first.json<{ report: ReportJson }>().report.balanceSheet.kasBank!.rupiah).toBe(
      '100000000',
    );
  });

  it('a cooperative on Sokoguru is not typed in: its report comes from its books', async () => {
    const res = await w.pkl.request(
      'POST',
      `${pklUrl()}/cooperatives/${w.coopRegistryId}`,
      paperReport(),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { code: string }[] }>().errors[0]!.code).toBe('ON_SOKOGURU');
  });

  it('an examiner reads but does not type', async () => {
    const res = await w.pklExaminer.request(
      'POST',
      `${pklUrl()}/cooperatives/${w.y}`,
      paperReport(),
    );
    expect(res.statusCode).toBe(403);
  });

  it('an Excel upload is checked whole: one unbalanced row stores nothing; fixed, all are stored', async () => {
    const tpl = await w.pkl.request(
      'GET',
      `/api/v1/orgs/${w.pekalongan.id}/imports/supervision-reports/template?kind=quarterly&period=2025-Q4`,
    );
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Laporan')!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const col = (h: string) => header.findIndex((x) => x === h);
    const rows: Record<string, number> = {};
    ws.eachRow((row, n) => {
      if (n > 1) rows[row.getCell(col('ID registri')).text] = n;
    });
    // the linked cooperative is not in the template
    expect(Object.keys(rows).sort()).toEqual([w.x, w.y].sort());
    const fill = (registryId: string, kas: number) => {
      const row = ws.getRow(rows[registryId]!);
      row.getCell(col('Neraca: Kas dan bank')).value = kas;
      row.getCell(col('Neraca: Simpanan wajib')).value = 100_000_000;
      row.getCell(col('Jumlah anggota')).value = 80;
      row.commit();
    };
    fill(w.x, 100_000_000);
    fill(w.y, 100_000_500);
    const upload = async (q = '') =>
      w.pkl.request(
        'POST',
        `/api/v1/orgs/${w.pekalongan.id}/imports/supervision-reports${q}`,
        Buffer.from(await wb.xlsx.writeBuffer()),
        { 'content-type': XLSX },
      );
    const bad = await upload();
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ errors: { field: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ field: `baris ${rows[w.y]}: totalAset`, code: 'UNBALANCED' }),
    ]);
    const y = await w.pkl.request('GET', `${pklUrl()}/cooperatives/${w.x}`);
    expect(
      y.json<{ versions: { period: string }[] }>().versions.map((v) => v.period),
    ).not.toContain('2025-Q4');
    fill(w.y, 100_000_000);
    const good = await upload();
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ stored: 2 });
  });
});

describe('completeness and timeliness', () => {
  type Grid = {
    periods: string[];
    items: { registryId: string; cells: { period: string; status: string }[] }[];
    summary: { period: string; counts: Record<string, number> }[];
  };
  const grid = async () =>
    (await w.pkl.request('GET', `${pklUrl()}/completeness?kind=quarterly&periods=2`)).json<Grid>();
  const status = (g: Grid, id: string, period: string) =>
    g.items.find((i) => i.registryId === id)!.cells.find((c) => c.period === period)!.status;

  it('before the due date: arrived on time, or not yet due', async () => {
    const g = await grid();
    expect(g.periods).toEqual(['2026-Q1', '2025-Q4']);
    expect(status(g, w.coopRegistryId, '2026-Q1')).toBe('on_time');
    expect(status(g, w.x, '2026-Q1')).toBe('on_time');
    expect(status(g, w.y, '2026-Q1')).toBe('not_yet_due');
    // Q4 2025 was due on 30 January: typed in April it is late; the cooperative never sent it
    expect(status(g, w.x, '2025-Q4')).toBe('late');
    expect(status(g, w.coopRegistryId, '2025-Q4')).toBe('missing');
    expect(g.summary.find((s) => s.period === '2026-Q1')!.counts).toMatchObject({
      on_time: 2,
      not_yet_due: 1,
    });
  });

  it('after it: missing until it arrives, then late; a reminder reaches the cooperative', async () => {
    now = new Date('2026-05-10T03:00:00Z');
    // sessions do not last three weeks: sign in again
    w.pkl = await signIn(app, w.pkl.username);
    w.maker = await signIn(app, w.maker.username);
    expect(status(await grid(), w.y, '2026-Q1')).toBe('missing');
    await post(
      w.pkl,
      `${pklUrl()}/cooperatives/${w.coopRegistryId}/reminders`,
      { kind: 'quarterly', period: '2025-Q4', note: 'Mohon laporan triwulan IV segera dikirim.' },
      201,
    );
    const own = await w.maker.request('GET', `/api/v1/orgs/${w.coop.id}/reports-to-dinas`);
    expect(own.json<{ reminders: { period: string; note: string }[] }>().reminders).toMatchObject([
      { period: '2025-Q4', note: 'Mohon laporan triwulan IV segera dikirim.' },
    ]);
    const again = await w.pkl.request(
      'POST',
      `${pklUrl()}/cooperatives/${w.coopRegistryId}/reminders`,
      { kind: 'quarterly', period: '2026-Q1', note: null },
    );
    expect(again.statusCode).toBe(400);
    expect(again.json<{ errors: { code: string }[] }>().errors[0]!.code).toBe('ALREADY_SUBMITTED');
    await post(w.pkl, `${pklUrl()}/cooperatives/${w.y}`, paperReport(), 201);
    expect(status(await grid(), w.y, '2026-Q1')).toBe('late');
  });
});
