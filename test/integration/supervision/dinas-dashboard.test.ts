import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { inTenantTransaction, type Tx } from '../../../src/db/database.js';
import { createOrganization, type OrganizationView } from '../../../src/services/organizations.js';
import {
  makeCooperative,
  makeUser,
  signIn,
  testAppForFile,
  type Client,
} from '../../support/fixtures.js';

/**
 * The supervising office's dashboard: a city sees the figures of its own cooperatives only, a
 * province its cities' and its own, counted by type, status and district (regency for a
 * province), with the map's points; a cooperative's user is refused; the drill-down answers only
 * inside the region.
 */

const file = testAppForFile({ clock: () => new Date('2026-11-20T03:00:00Z') });

interface World {
  pekalongan: OrganizationView;
  malang: OrganizationView;
  jateng: OrganizationView;
  pkl: Client;
  mlg: Client;
  prov: Client;
  pembina: Client;
  coopAdmin: Client;
  ids: Record<string, string>;
}
let w: World;

interface Row {
  name: string;
  region: string;
  type?: string;
  status?: string;
  area?: 'regency' | 'province';
  province?: string;
  regency?: string;
  district?: string | null;
  lat?: string | null;
  lon?: string | null;
  members?: number | null;
}

/** Files registry rows as the system (the routes' own checks are the registry's tests). */
async function fileRows(rows: Row[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const r of rows) {
    const res = await sql<{ id: bigint }>`
      insert into registry_cooperatives (region_code, name, cooperative_type, cooperative_form,
        membership_area, province_code, regency_code, district_code, latitude, longitude,
        member_count, status, status_since)
      values (${r.region}, ${r.name}, ${r.type ?? 'KSP'}, 'primer', ${r.area ?? 'regency'},
        ${r.province ?? '33'}, ${r.regency ?? '3375'}, ${r.district === undefined ? '337501' : r.district},
        ${r.lat === undefined ? '-6.889000' : r.lat}, ${r.lon === undefined ? '109.675000' : r.lon},
        ${r.members === undefined ? 100 : r.members}, ${r.status ?? 'active'}, '2026-01-01')
      returning id`.execute(file.deps.database.db);
    out[r.name] = res.rows[0]!.id.toString();
  }
  return out;
}

const HASH = 'a'.repeat(64);

interface Figures {
  reports: number;
  assetsRupiah: string;
  savingsRupiah: string;
  loansRupiah: string;
  nplPercent: string | null;
}

/** One quarterly report version, entered by the office (as the system). */
async function report(
  registryId: string,
  period: string,
  submittedOn: string,
  f: { assets: bigint; savings: bigint; loans: bigint; bad: bigint },
  by: { userId: string; orgId: string },
  version = 1,
) {
  await sql`
    insert into supervision_reports (region_code, registry_id, report_kind, period, version, channel,
      content, content_sha256, submitted_at, submitted_on, submitted_by, submitted_by_org,
      total_aset_rupiah, total_kewajiban_rupiah, total_ekuitas_rupiah, pinjaman_rupiah,
      pinjaman_bermasalah_rupiah, simpanan_rupiah, shu_rupiah, member_count)
    select region_code, id, 'quarterly', ${period}, ${version}, 'form', '{}'::jsonb, ${HASH},
      ${`${submittedOn}T03:00:00Z`}::timestamptz, ${submittedOn}::date, ${by.userId}, ${by.orgId},
      ${f.assets}, ${f.assets / 2n}, ${f.assets - f.assets / 2n}, ${f.loans}, ${f.bad}, ${f.savings},
      0, 100
    from registry_cooperatives where id = ${registryId}`.execute(file.deps.database.db);
}

/** A health assessment (as the system): final ones may supersede an earlier final one. */
async function assessment(
  registryId: string,
  period: string,
  predikat: string,
  status: 'draft' | 'final',
  supersedes: bigint | null = null,
): Promise<bigint> {
  const r = await sql<{ id: bigint }>`
    insert into health_assessments (region_code, registry_id, period, rubric_id, rubric_version,
      rubric_digest, figures_source, status, result, total_score, predikat, provisional,
      examiner_name, supersedes_id, finalized_at)
    select region_code, id, ${period}, 'perdep-06-2016', 'builtin', ${HASH}, 'examiner', ${status},
      '{}'::jsonb, 70, ${predikat}, false, 'Pemeriksa Uji', ${supersedes},
      ${status === 'final' ? sql`now()` : sql`null`}
    from registry_cooperatives where id = ${registryId}
    returning id`.execute(file.deps.database.db);
  return r.rows[0]!.id;
}

async function dashboard(client: Client, org: { id: string }) {
  const res = await client.request('GET', `/api/v1/orgs/${org.id}/supervision/dashboard`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    regionCode: string;
    regionName: string | null;
    areaLevel: string;
    cooperatives: { total: number; active: number; members: string; onMap: number };
    byType: { cooperativeType: string; cooperatives: number; active: number }[];
    byStatus: { status: string; cooperatives: number }[];
    areas: {
      code: string | null;
      name: string | null;
      cooperatives: number;
      members: string;
      figures: Figures;
    }[];
    points: {
      id: string;
      name: string;
      latitude: string;
      cooperativeType: string;
      predikat: string | null;
    }[];
    figuresPeriod: string | null;
    figures: Figures;
    byPredikat: { predikat: string | null; cooperatives: number }[];
    reporting: { period: string; onTime: number; late: number; missing: number }[];
    trend: ({ period: string } & Figures)[];
  }>();
}

beforeAll(async () => {
  const deps = file.deps;
  const dinas = (name: string, dinasRegionCode: string) =>
    createOrganization(deps, { kind: 'dinas', name, dinasRegionCode }, 'test');
  const pekalongan = await dinas('Dinas Koperasi Kota Pekalongan', '3375');
  const malang = await dinas('Dinas Koperasi Kota Malang', '3573');
  const jateng = await dinas('Dinas Koperasi Provinsi Jawa Tengah', '33');
  const coop = await makeCooperative(deps);
  const user = async (org: OrganizationView, role: 'dinas_admin' | 'dinas_pembina') =>
    signIn(file.app, (await makeUser(deps, org, [role])).username);
  const [pkl, mlg, prov, pembina, coopAdmin] = await Promise.all([
    user(pekalongan, 'dinas_admin'),
    user(malang, 'dinas_admin'),
    user(jateng, 'dinas_admin'),
    user(pekalongan, 'dinas_pembina'),
    makeUser(deps, coop, ['admin']).then((u) => signIn(file.app, u.username)),
  ]);
  const ids = await fileRows([
    { name: 'KSP Batik Makmur', region: '3375', district: '337501', members: 120 },
    { name: 'KSP Pesisir Utara', region: '3375', district: '337503', members: 80 },
    {
      name: 'Koperasi Nelayan Mina',
      region: '3375',
      type: 'PRODUSEN',
      district: '337503',
      members: 45,
    },
    {
      name: 'Koperasi Konsumen Lama',
      region: '3375',
      type: 'KONSUMEN',
      status: 'dissolved',
      district: null,
      lat: null,
      lon: null,
      members: null,
    },
    {
      name: 'KSP Arjuna Malang',
      region: '3573',
      province: '35',
      regency: '3573',
      district: '357301',
      lat: '-7.980000',
      lon: '112.630000',
    },
    {
      name: 'Koperasi Karyawan Jawa Tengah',
      region: '33',
      area: 'province',
      regency: '3326',
      district: null,
      members: 500,
    },
  ]);
  w = { pekalongan, malang, jateng, pkl, mlg, prov, pembina, coopAdmin, ids };

  // reporting: quarterly reports due 30 days after the quarter (Kota Pekalongan's rule)
  const officer = await makeUser(deps, pekalongan, ['dinas_admin']);
  const by = { userId: officer.id, orgId: pekalongan.id };
  await sql`insert into supervision_report_schedules (region_code, report_kind, required, due_days, effective_from)
    values ('3375', 'quarterly', true, 30, '2020-01-01'), ('3573', 'quarterly', true, 30, '2020-01-01')`.execute(
    deps.database.db,
  );
  const M = 1_000_000n;
  // Batik Makmur: Q3 on time (due 30 Oct), corrected on 1 Nov: the correction's figures count
  await report(
    ids['KSP Batik Makmur']!,
    '2026-Q3',
    '2026-10-15',
    {
      assets: 1000n * M,
      savings: 600n * M,
      loans: 700n * M,
      bad: 35n * M,
    },
    by,
  );
  await report(
    ids['KSP Batik Makmur']!,
    '2026-Q3',
    '2026-11-01',
    {
      assets: 1100n * M,
      savings: 600n * M,
      loans: 700n * M,
      bad: 35n * M,
    },
    by,
    2,
  );
  // Pesisir Utara: Q2 on time, Q3 late
  await report(
    ids['KSP Pesisir Utara']!,
    '2026-Q2',
    '2026-07-20',
    {
      assets: 450n * M,
      savings: 280n * M,
      loans: 380n * M,
      bad: 30n * M,
    },
    by,
  );
  await report(
    ids['KSP Pesisir Utara']!,
    '2026-Q3',
    '2026-11-05',
    {
      assets: 500n * M,
      savings: 300n * M,
      loans: 400n * M,
      bad: 40n * M,
    },
    by,
  );
  // Nelayan Mina reports nothing; Malang's cooperative reports a large figure that is not Pekalongan's
  await report(
    ids['KSP Arjuna Malang']!,
    '2026-Q3',
    '2026-10-10',
    {
      assets: 9999n * M,
      savings: 1n * M,
      loans: 1n * M,
      bad: 0n,
    },
    { userId: officer.id, orgId: malang.id },
  );

  // assessments: Batik Makmur final Sehat, corrected by a final Cukup Sehat; Pesisir Utara only a
  // draft; Nelayan Mina final Dalam Pengawasan Khusus
  const first = await assessment(ids['KSP Batik Makmur']!, '2025-12', 'Sehat', 'final');
  await assessment(ids['KSP Batik Makmur']!, '2025-12', 'Cukup Sehat', 'final', first);
  await assessment(ids['KSP Pesisir Utara']!, '2025-12', 'Dalam Pengawasan', 'draft');
  await assessment(ids['Koperasi Nelayan Mina']!, '2025-12', 'Dalam Pengawasan Khusus', 'final');
});

describe('the supervising office’s dashboard', () => {
  it('a city counts its own cooperatives by type, status and district, and none of another city’s', async () => {
    const d = await dashboard(w.pkl, w.pekalongan);
    expect(d).toMatchObject({ regionCode: '3375', areaLevel: 'district' });
    expect(d.regionName).toMatch(/PEKALONGAN/i);
    expect(d.cooperatives).toEqual({ total: 4, active: 3, members: '245', onMap: 3 });
    expect(d.byType.find((t) => t.cooperativeType === 'KSP')).toEqual({
      cooperativeType: 'KSP',
      cooperatives: 2,
      active: 2,
    });
    expect(d.byType.map((t) => t.cooperativeType)).toEqual([
      'KSP',
      'KSPPS',
      'KONSUMEN',
      'PRODUSEN',
      'PEMASARAN',
      'JASA',
    ]);
    expect(d.byStatus).toContainEqual({ status: 'dissolved', cooperatives: 1 });
    // every district of the city is listed, with zero where there is none; the unknown one last
    expect(d.areas.map((a) => [a.code, a.cooperatives])).toEqual([
      ['337501', 1],
      ['337502', 0],
      ['337503', 2],
      ['337504', 0],
      [null, 1],
    ]);
    expect(d.areas[2]).toMatchObject({ name: 'Pekalongan Utara', members: '125' });
    const names = d.points.map((p) => p.name).sort();
    expect(names).toEqual(['KSP Batik Makmur', 'KSP Pesisir Utara', 'Koperasi Nelayan Mina']);
    expect(JSON.stringify(d)).not.toContain('Arjuna');
    expect(JSON.stringify(d)).not.toContain('Jawa Tengah');
  });

  it('reporting completeness of the last four quarters, the latest reports’ totals by district and their trend', async () => {
    const d = await dashboard(w.pkl, w.pekalongan);
    expect(d.reporting.map((r) => r.period)).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']);
    // three active cooperatives (the dissolved one is not asked for reports)
    expect(d.reporting[3]).toMatchObject({ period: '2026-Q3', onTime: 1, late: 1, missing: 1 });
    expect(d.reporting[2]).toMatchObject({ period: '2026-Q2', onTime: 1, late: 0, missing: 2 });
    // the latest quarter with reports, each cooperative's latest version: 1,100 + 500 million
    expect(d.figuresPeriod).toBe('2026-Q3');
    expect(d.figures).toEqual({
      reports: 2,
      assetsRupiah: '1600000000',
      savingsRupiah: '900000000',
      loansRupiah: '1100000000',
      nplPercent: '6.82', // (35 + 40) / 1,100
    });
    expect(d.areas.find((a) => a.code === '337503')?.figures).toMatchObject({
      reports: 1,
      assetsRupiah: '500000000',
    });
    expect(d.areas.find((a) => a.code === '337502')?.figures.reports).toBe(0);
    expect(d.trend).toHaveLength(8);
    expect(d.trend.at(-1)).toMatchObject({
      period: '2026-Q3',
      reports: 2,
      assetsRupiah: '1600000000',
    });
    expect(d.trend.at(-2)).toMatchObject({
      period: '2026-Q2',
      reports: 1,
      assetsRupiah: '450000000',
    });
    expect(JSON.stringify(d)).not.toContain('9999000000');
    const malang = await dashboard(w.mlg, w.malang);
    expect(malang.figures.assetsRupiah).toBe('9999000000');
  });

  it('counts by the latest final predikat (a correction replaces it, a draft does not count) and colours the points', async () => {
    const d = await dashboard(w.pkl, w.pekalongan);
    expect(d.byPredikat).toEqual([
      { predikat: 'Sehat', cooperatives: 0 },
      { predikat: 'Cukup Sehat', cooperatives: 1 },
      { predikat: 'Dalam Pengawasan', cooperatives: 0 },
      { predikat: 'Dalam Pengawasan Khusus', cooperatives: 1 },
      { predikat: null, cooperatives: 1 },
    ]);
    const point = (name: string) => d.points.find((p) => p.name === name)?.predikat;
    expect(point('KSP Batik Makmur')).toBe('Cukup Sehat');
    expect(point('KSP Pesisir Utara')).toBeNull();
    expect(point('Koperasi Nelayan Mina')).toBe('Dalam Pengawasan Khusus');
    const province = await dashboard(w.prov, w.jateng);
    expect(province.byPredikat.find((p) => p.predikat === 'Cukup Sehat')?.cooperatives).toBe(1);
    expect(province.figures.assetsRupiah).toBe('1600000000');
  });

  it('every role of the office reads it (registry.read); a cooperative’s user is refused', async () => {
    expect((await dashboard(w.pembina, w.pekalongan)).cooperatives.total).toBe(4);
    const refused = await w.coopAdmin.request(
      'GET',
      `/api/v1/orgs/${w.pekalongan.id}/supervision/dashboard`,
    );
    expect(refused.statusCode).toBe(403);
  });

  it('a province sees its cities’ cooperatives and its own, by regency; not another province’s', async () => {
    const d = await dashboard(w.prov, w.jateng);
    expect(d).toMatchObject({ regionCode: '33', areaLevel: 'regency' });
    expect(d.cooperatives.total).toBe(5);
    expect(d.areas).toHaveLength(35);
    expect(d.areas.find((a) => a.code === '3375')?.cooperatives).toBe(4);
    expect(d.areas.find((a) => a.code === '3326')).toMatchObject({
      cooperatives: 1,
      members: '500',
    });
    expect(d.points.map((p) => p.name)).not.toContain('KSP Arjuna Malang');
    const malang = await dashboard(w.mlg, w.malang);
    expect(malang.cooperatives.total).toBe(1);
    expect(malang.points.map((p) => p.name)).toEqual(['KSP Arjuna Malang']);
  });

  it('the drill-down opens a cooperative of the region and not one outside it', async () => {
    const id = w.ids['KSP Pesisir Utara']!;
    const one = await w.pkl.request(
      'GET',
      `/api/v1/orgs/${w.pekalongan.id}/supervision/cooperatives/${id}`,
    );
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({
      id,
      name: 'KSP Pesisir Utara',
      districtName: 'Pekalongan Utara',
      onSokoguru: false,
      reports: [
        { period: '2026-Q2', version: 1, assetsRupiah: '450000000', nplPercent: '7.89' },
        { period: '2026-Q3', version: 1, assetsRupiah: '500000000', nplPercent: '10.00' },
      ],
      assessments: [{ period: '2025-12', status: 'draft', predikat: 'Dalam Pengawasan' }],
    });
    const batik = await w.pkl.request(
      'GET',
      `/api/v1/orgs/${w.pekalongan.id}/supervision/cooperatives/${w.ids['KSP Batik Makmur']}`,
    );
    const b = batik.json<{
      reports: { version: number }[];
      assessments: { predikat: string; superseded: boolean }[];
    }>();
    expect(b.reports.map((r) => r.version)).toEqual([2]);
    expect(b.assessments.map((a) => [a.predikat, a.superseded])).toEqual([
      ['Cukup Sehat', false],
      ['Sehat', true],
    ]);
    const other = await w.pkl.request(
      'GET',
      `/api/v1/orgs/${w.pekalongan.id}/supervision/cooperatives/${w.ids['KSP Arjuna Malang']}`,
    );
    expect(other.statusCode).toBe(404);
    // the province opens the city's cooperative
    const fromProvince = await w.prov.request(
      'GET',
      `/api/v1/orgs/${w.jateng.id}/supervision/cooperatives/${id}`,
    );
    expect(fromProvince.statusCode).toBe(200);
  });
});

/**
 * The summaries the dashboard reads (migration 0019), recomputed from the reports, assessments and
 * registry as the dashboard read them before: each rows-only-in-one-side query must be empty.
 */
async function summaryDrift(): Promise<Record<string, number>> {
  const db = file.deps.database.db;
  const count = async (q: ReturnType<typeof sql<{ n: number }>>) =>
    (await q.execute(db)).rows[0]!.n;
  const latest = sql`
    select c.id, (select a.predikat from health_assessments a
                  where a.registry_id = c.id and a.status = 'final'
                    and not exists (select 1 from health_assessments s where s.supersedes_id = a.id
                                      and s.registry_id = a.registry_id and s.status = 'final')
                  order by a.period desc, a.finalized_at desc, a.id desc limit 1) as predikat
    from registry_cooperatives c`;
  const sums = sql`
    select l.period, c.region_code, c.province_code, coalesce(c.regency_code, '') as regency_code,
           coalesce(c.district_code, '') as district_code, c.cooperative_type,
           c.status = 'dissolved' as dissolved, c.reports_published, count(*)::int as reports,
           sum(l.total_aset_rupiah)::int8 as total_aset_rupiah,
           sum(l.simpanan_rupiah)::int8 as simpanan_rupiah,
           sum(l.pinjaman_rupiah)::int8 as pinjaman_rupiah,
           sum(l.pinjaman_bermasalah_rupiah)::int8 as pinjaman_bermasalah_rupiah
    from (select distinct on (registry_id, period) * from supervision_reports
          where report_kind = 'quarterly' order by registry_id, period, version desc) l
    join registry_cooperatives c on c.id = l.registry_id
    group by 1, 2, 3, 4, 5, 6, 7, 8`;
  const kept = sql`
    select period, region_code, province_code, regency_code, district_code, cooperative_type,
           dissolved, reports_published, reports, total_aset_rupiah, simpanan_rupiah,
           pinjaman_rupiah, pinjaman_bermasalah_rupiah
    from supervision_report_sums where reports <> 0`;
  const arrivals = sql`
    select r.period, c.region_code, c.status = 'active' as active, r.submitted_on,
           count(*)::int as reports
    from supervision_reports r join registry_cooperatives c on c.id = r.registry_id
    where r.report_kind = 'quarterly' and r.version = 1
    group by 1, 2, 3, 4`;
  const keptArrivals = sql`
    select period, region_code, active, submitted_on, reports
    from supervision_report_arrivals where reports <> 0`;
  const keptLatest = sql`select id, latest_predikat from registry_cooperatives`;
  const both = (a: ReturnType<typeof sql>, b: ReturnType<typeof sql>) =>
    sql<{ n: number }>`select count(*)::int as n from
      (((${a}) except all (${b})) union all ((${b}) except all (${a}))) d`;
  return {
    latest: await count(both(latest, keptLatest)),
    sums: await count(both(sums, kept)),
    // a group whose reports all left it keeps a row of zeros, never a stray sum
    strayZeros: await count(sql<{ n: number }>`
      select count(*)::int as n from supervision_report_sums where reports = 0
        and (total_aset_rupiah, simpanan_rupiah, pinjaman_rupiah, pinjaman_bermasalah_rupiah)
            <> (0, 0, 0, 0)`),
    arrivals: await count(both(arrivals, keptArrivals)),
  };
}

const NO_DRIFT = { latest: 0, sums: 0, strayZeros: 0, arrivals: 0 };

/** As the office's own transaction: its role, row-level security and region. */
const asOffice = <T>(org: { id: string }, fn: (tx: Tx) => Promise<T>) =>
  inTenantTransaction(file.deps.database.db, org.id, fn);

describe('the summaries the dashboard reads stay true (migration 0019)', () => {
  it('a correction of a report replaces its figures, not its arrival', async () => {
    expect(await summaryDrift()).toEqual(NO_DRIFT);
    const officer = await makeUser(file.deps, w.pekalongan, ['dinas_admin']);
    const M = 1_000_000n;
    // Pesisir Utara corrects 2026-Q3 (500 million of assets became 650) through the office
    await asOffice(w.pekalongan, (tx) =>
      sql`
        insert into supervision_reports (region_code, registry_id, report_kind, period, version,
          channel, content, content_sha256, submitted_at, submitted_on, submitted_by,
          submitted_by_org, total_aset_rupiah, total_kewajiban_rupiah, total_ekuitas_rupiah,
          pinjaman_rupiah, pinjaman_bermasalah_rupiah, simpanan_rupiah, shu_rupiah, member_count)
        select region_code, id, 'quarterly', '2026-Q3', 2, 'form', '{}'::jsonb, ${HASH},
          '2026-11-10T03:00:00Z', '2026-11-10', ${officer.id}, ${w.pekalongan.id},
          ${650n * M}, ${325n * M}, ${325n * M}, ${400n * M}, ${40n * M}, ${300n * M}, 0, 80
        from registry_cooperatives where id = ${w.ids['KSP Pesisir Utara']!}`.execute(tx),
    );
    expect(await summaryDrift()).toEqual(NO_DRIFT);
    const d = await dashboard(w.pkl, w.pekalongan);
    expect(d.figures).toMatchObject({ reports: 2, assetsRupiah: '1750000000' });
    expect(d.areas.find((a) => a.code === '337503')?.figures).toMatchObject({
      reports: 1,
      assetsRupiah: '650000000',
    });
    // the report still arrived late, with its first version
    expect(d.reporting[3]).toMatchObject({ period: '2026-Q3', onTime: 1, late: 1, missing: 1 });
    expect((await dashboard(w.prov, w.jateng)).figures.assetsRupiah).toBe('1750000000');
  });

  it('a finalised assessment, a later one and a final correction each set the predikat', async () => {
    const predikats = async () => {
      const d = await dashboard(w.pkl, w.pekalongan);
      return {
        counts: Object.fromEntries(d.byPredikat.map((p) => [p.predikat ?? '-', p.cooperatives])),
        points: Object.fromEntries(d.points.map((p) => [p.name, p.predikat])),
      };
    };
    // Pesisir Utara's draft is finalised by the office
    await asOffice(w.pekalongan, (tx) =>
      sql`update health_assessments set status = 'final', finalized_at = now()
          where registry_id = ${w.ids['KSP Pesisir Utara']!} and status = 'draft'`.execute(tx),
    );
    expect(await summaryDrift()).toEqual(NO_DRIFT);
    expect((await predikats()).points['KSP Pesisir Utara']).toBe('Dalam Pengawasan');
    // Nelayan Mina is assessed again for a later period: that one counts, drafted then finalised
    const nelayan = w.ids['Koperasi Nelayan Mina']!;
    const later = await asOffice(w.pekalongan, async (tx) => {
      const r = await sql<{ id: bigint }>`
        insert into health_assessments (region_code, registry_id, period, rubric_id, rubric_version,
          rubric_digest, figures_source, status, result, total_score, predikat, provisional,
          examiner_name)
        select region_code, id, '2026-06', 'perdep-06-2016', 'builtin', ${HASH}, 'examiner',
          'draft', '{}'::jsonb, 85, 'Sehat', false, 'Pemeriksa Uji'
        from registry_cooperatives where id = ${nelayan}
        returning id`.execute(tx);
      await sql`update health_assessments set status = 'final', finalized_at = now()
                where registry_id = ${nelayan} and id = ${r.rows[0]!.id}`.execute(tx);
      return r.rows[0]!.id;
    });
    expect(await summaryDrift()).toEqual(NO_DRIFT);
    expect(await predikats()).toMatchObject({
      counts: { Sehat: 1, 'Cukup Sehat': 1, 'Dalam Pengawasan': 1, 'Dalam Pengawasan Khusus': 0 },
      points: { 'Koperasi Nelayan Mina': 'Sehat' },
    });
    // a draft correction changes nothing until it is final; then it replaces the one it corrects
    const correction = await assessment(nelayan, '2026-06', 'Cukup Sehat', 'draft', later);
    expect((await predikats()).points['Koperasi Nelayan Mina']).toBe('Sehat');
    await asOffice(w.pekalongan, (tx) =>
      sql`update health_assessments set status = 'final', finalized_at = now()
          where registry_id = ${nelayan} and id = ${correction}`.execute(tx),
    );
    expect(await summaryDrift()).toEqual(NO_DRIFT);
    expect(await predikats()).toMatchObject({
      counts: { Sehat: 0, 'Cukup Sehat': 2, 'Dalam Pengawasan': 1, '-': 0 },
      points: { 'Koperasi Nelayan Mina': 'Cukup Sehat' },
    });
  });

  it('a cooperative dissolved, moved to another district or publishing moves its figures', async () => {
    const pesisir = w.ids['KSP Pesisir Utara']!;
    await asOffice(w.pekalongan, (tx) =>
      sql`update registry_cooperatives set status = 'dissolved' where id = ${pesisir}`.execute(tx),
    );
    expect(await summaryDrift()).toEqual(NO_DRIFT);
    let d = await dashboard(w.pkl, w.pekalongan);
    // only Batik Makmur's 2026-Q3 is left; Pesisir Utara is not asked for reports any more
    expect(d.figures).toMatchObject({ reports: 1, assetsRupiah: '1100000000' });
    expect(d.reporting[3]).toMatchObject({ onTime: 1, late: 0, missing: 1 });
    expect(d.byPredikat.find((p) => p.predikat === 'Dalam Pengawasan')?.cooperatives).toBe(0);

    const batik = w.ids['KSP Batik Makmur']!;
    await asOffice(w.pekalongan, (tx) =>
      sql`update registry_cooperatives set district_code = '337502', reports_published = true
          where id = ${batik}`.execute(tx),
    );
    expect(await summaryDrift()).toEqual(NO_DRIFT);
    d = await dashboard(w.pkl, w.pekalongan);
    expect(d.areas.find((a) => a.code === '337502')?.figures).toMatchObject({
      reports: 1,
      assetsRupiah: '1100000000',
    });
    expect(d.areas.find((a) => a.code === '337501')?.figures.reports).toBe(0);
  });

  it('a cooperative whose supervising region changes takes its summaries along', async () => {
    // Nelayan Mina moves to Kabupaten Pekalongan's supervision (the registry's region cascades)
    await sql`update registry_cooperatives
              set region_code = '3326', regency_code = '3326', district_code = '332601'
              where id = ${w.ids['Koperasi Nelayan Mina']!}`.execute(file.deps.database.db);
    expect(await summaryDrift()).toEqual(NO_DRIFT);
    const city = await dashboard(w.pkl, w.pekalongan);
    expect(city.points.map((p) => p.name)).not.toContain('Koperasi Nelayan Mina');
    expect(city.byPredikat.find((p) => p.predikat === 'Cukup Sehat')?.cooperatives).toBe(1);
    const province = await dashboard(w.prov, w.jateng);
    expect(province.byPredikat.find((p) => p.predikat === 'Cukup Sehat')?.cooperatives).toBe(2);
  });
});
