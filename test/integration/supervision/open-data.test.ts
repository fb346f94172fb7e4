import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { isSafeGroup } from '../../../src/domain/supervision/open-data.js';
import { createOrganization, type OrganizationView } from '../../../src/services/organizations.js';
import { makeUser, signIn, testAppForFile, type Client } from '../../support/fixtures.js';

/**
 * Open data, public: a region's cooperatives as aggregates only, without signing in; no shown
 * figure covers fewer than three cooperatives unless all of them publish their reports, and none
 * can be read off the totals; no names, identifiers or member-level data; CSV with the same
 * figures; the office records which cooperatives publish their reports.
 */

const file = testAppForFile({ clock: () => new Date('2026-11-20T03:00:00Z') });

interface Table {
  cells: {
    key: string;
    name: string | null;
    values: Record<string, string> | null;
    suppressed: string | null;
  }[];
  total: { values: Record<string, string> | null; suppressed: string | null };
}
interface OpenData {
  regionCode: string;
  regionName: string;
  areaLevel: string;
  maxAgeSeconds: number;
  updateFrequency: string;
  minCooperatives: number;
  counts: { byType: Table; byArea: Table };
  figuresPeriod: string | null;
  figures: { byType: Table; byArea: Table };
  health: Table;
}

let pekalongan: OrganizationView;
let malang: OrganizationView;
let pkl: Client;
let mlg: Client;
const ids: string[] = [];

/** Files `n` cooperatives in a district (as the system; the registry's checks are its own tests). */
async function fileIn(
  district: string,
  n: number,
  opts: { type?: string; published?: boolean; region?: string; members?: number } = {},
) {
  const region = opts.region ?? '3375';
  for (let i = 0; i < n; i++) {
    const r = await sql<{ id: bigint }>`
      insert into registry_cooperatives (region_code, name, cooperative_type, cooperative_form,
        membership_area, province_code, regency_code, district_code, member_count, status,
        status_since, reports_published, nik_koperasi)
      values (${region}, ${`Koperasi Rahasia ${district}-${i}`}, ${opts.type ?? 'KSP'}, 'primer',
        'regency', ${region.slice(0, 2)}, ${region}, ${district}, ${opts.members ?? 100}, 'active',
        '2026-01-01', ${opts.published ?? false}, ${`${district}${String(ids.length).padStart(10, '0')}`})
      returning id`.execute(file.deps.database.db);
    ids.push(r.rows[0]!.id.toString());
  }
}

async function publicGet(url: string) {
  return file.app.inject({ method: 'GET', url });
}

async function openData(region: string): Promise<OpenData> {
  const res = await publicGet(`/api/v1/open-data/regions/${region}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<OpenData>();
}

function expectSafe(t: Table, min: number, published: Map<string, boolean>) {
  for (const c of t.cells)
    if (c.values !== null && c.values.cooperatives !== '0')
      expect(
        isSafeGroup(Number(c.values.cooperatives), published.get(c.key) ?? false, min),
        `cell ${c.key}`,
      ).toBe(true);
  // the withheld cells cannot be read off the total: none, or at least two
  const withheld = t.cells.filter((c) => c.suppressed !== null);
  if (t.total.values !== null) expect(withheld.length === 0 || withheld.length >= 2).toBe(true);
}

beforeAll(async () => {
  const dinas = (name: string, code: string) =>
    createOrganization(file.deps, { kind: 'dinas', name, dinasRegionCode: code }, 'test');
  pekalongan = await dinas('Dinas Koperasi Kota Pekalongan', '3375');
  malang = await dinas('Dinas Koperasi Kota Malang', '3573');
  pkl = await signIn(file.app, (await makeUser(file.deps, pekalongan, ['dinas_admin'])).username);
  mlg = await signIn(file.app, (await makeUser(file.deps, malang, ['dinas_admin'])).username);
  await fileIn('337501', 5, { members: 200 });
  await fileIn('337502', 1, { type: 'JASA', members: 37 });
  await fileIn('337503', 2, { type: 'KONSUMEN', published: true, members: 50 });
  await fileIn('337504', 3, { type: 'PRODUSEN' });
  await fileIn('357301', 4, { region: '3573' });
  // Q3 2026 reports: the five of 337501, the two of 337503 (who publish theirs), one of 337504
  const officer = await makeUser(file.deps, pekalongan, ['dinas_admin']);
  const reported = [...ids.slice(0, 5), ids[6]!, ids[7]!, ids[8]!];
  for (const id of reported)
    await sql`
      insert into supervision_reports (region_code, registry_id, report_kind, period, version, channel,
        content, content_sha256, submitted_at, submitted_on, submitted_by, submitted_by_org,
        total_aset_rupiah, total_kewajiban_rupiah, total_ekuitas_rupiah, pinjaman_rupiah,
        pinjaman_bermasalah_rupiah, simpanan_rupiah, shu_rupiah, member_count)
      select region_code, id, 'quarterly', '2026-Q3', 1, 'form', '{}'::jsonb, ${'a'.repeat(64)},
        now(), '2026-10-20', ${officer.id}, ${pekalongan.id}, 1000000000, 400000000, 600000000,
        600000000, 10000000, 500000000, 0, 100
      from registry_cooperatives where id = ${id}`.execute(file.deps.database.db);
  // final assessments: three Sehat (337501), two Dalam Pengawasan Khusus (337503's, which publish
  // their reports)
  const assessed: [string, string][] = [
    [ids[0]!, 'Sehat'],
    [ids[1]!, 'Sehat'],
    [ids[2]!, 'Sehat'],
    [ids[6]!, 'Dalam Pengawasan Khusus'],
    [ids[7]!, 'Dalam Pengawasan Khusus'],
  ];
  for (const [id, predikat] of assessed)
    await sql`
      insert into health_assessments (region_code, registry_id, period, rubric_id, rubric_version,
        rubric_digest, figures_source, status, result, total_score, predikat, provisional,
        examiner_name, finalized_at)
      select region_code, id, '2025-12', 'perdep-06-2016', 'builtin', ${'a'.repeat(64)}, 'examiner',
        'final', '{}'::jsonb, 70, ${predikat}, false, 'Pemeriksa Uji', now()
      from registry_cooperatives where id = ${id}`.execute(file.deps.database.db);
});

describe('open data of a region, public', () => {
  it('answers without signing in, with its update frequency and the cache it allows', async () => {
    const res = await publicGet('/api/v1/open-data/regions/3375');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    const d = res.json<OpenData>();
    expect(d).toMatchObject({
      regionCode: '3375',
      areaLevel: 'district',
      minCooperatives: 3,
      maxAgeSeconds: 3600,
    });
    expect(d.regionName).toMatch(/PEKALONGAN/i);
    expect(d.updateFrequency).toMatch(/on request/);
  });

  it('withholds the district of one cooperative and one more with it; totals count every cooperative of the city and none of another', async () => {
    const d = await openData('3375');
    const cell = (key: string) => d.counts.byArea.cells.find((c) => c.key === key)!;
    expect(cell('337501')).toMatchObject({
      values: { cooperatives: '5', members: '1000' },
      suppressed: null,
    });
    expect(cell('337502')).toMatchObject({ values: null, suppressed: 'small_group' });
    // two cooperatives that both publish their reports may be shown; here it is the smallest
    // other cell, withheld so that 337502 cannot be read off the total
    expect(cell('337503')).toMatchObject({ values: null, suppressed: 'complementary' });
    expect(cell('337504')).toMatchObject({ values: { cooperatives: '3' }, suppressed: null });
    expect(d.counts.byArea.total).toEqual({
      values: { cooperatives: '11', members: '1437' },
      suppressed: null,
    });
    expect(d.counts.byType.total).toEqual(d.counts.byArea.total);
    const published = new Map([['KONSUMEN', true]]);
    expectSafe(d.counts.byArea, d.minCooperatives, new Map());
    expectSafe(d.counts.byType, d.minCooperatives, published);
    // by type: JASA (1) withheld; KONSUMEN (2, both publish their reports) could be shown but is
    // the smallest other group, so it is withheld with JASA
    const type = (key: string) => d.counts.byType.cells.find((c) => c.key === key)!;
    expect(type('JASA').suppressed).toBe('small_group');
    expect(type('KONSUMEN')).toMatchObject({ values: null, suppressed: 'complementary' });
    expect(type('KSPPS')).toMatchObject({ values: { cooperatives: '0' }, suppressed: null });
  });

  it('carries no name, identifier or member-level figure of any cooperative', async () => {
    const body = (await publicGet('/api/v1/open-data/regions/3375')).body;
    expect(body).not.toContain('Rahasia');
    expect(body).not.toMatch(/"(id|nikKoperasi|address|latitude)"\s*:/);
    expect(body).not.toMatch(/337501000/); // NIK koperasi prefixes
    const province = await openData('33');
    expect(province.areaLevel).toBe('regency');
    expect(province.counts.byArea.cells.find((c) => c.key === '3375')?.values?.cooperatives).toBe(
      '11',
    );
    expect(province.counts.byArea.total.values?.cooperatives).toBe('11');
  });

  it('serves the same figures as CSV, withheld ones empty with the reason', async () => {
    const res = await publicGet('/api/v1/open-data/regions/3375.csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('table,key,name,measure,value,suppressed');
    expect(lines).toContain('count_by_district,337501,Pekalongan Barat,cooperatives,5,');
    expect(lines).toContain('count_by_district,337502,Pekalongan Timur,cooperatives,,small_group');
    expect(lines).toContain('count_by_district,TOTAL,KOTA PEKALONGAN,members,1437,');
    expect(lines).toContain(
      'figures_2026-Q3_by_district,337501,Pekalongan Barat,assetsRupiah,5000000000,',
    );
    expect(lines).toContain('health,Sehat,Sehat,cooperatives,3,');
    expect(res.body).not.toContain('Rahasia');
  });

  it('reported figures count the reports behind each cell; the health distribution counts predikat', async () => {
    const d = await openData('3375');
    expect(d.figuresPeriod).toBe('2026-Q3');
    const area = (key: string) => d.figures.byArea.cells.find((c) => c.key === key)!;
    // five reports in 337501 (1,000 million each); one in 337504, withheld with the next smallest
    // (337503's two, which could be shown as both publish their reports)
    expect(area('337501')).toMatchObject({
      values: {
        assetsRupiah: '5000000000',
        savingsRupiah: '2500000000',
        loansRupiah: '3000000000',
      },
      suppressed: null,
    });
    expect(area('337504').suppressed).toBe('small_group');
    expect(area('337503').suppressed).toBe('complementary');
    expect(d.figures.byArea.total.values?.assetsRupiah).toBe('8000000000');
    const withheld = d.figures.byArea.cells.filter((c) => c.suppressed !== null);
    expect(withheld.length).toBeGreaterThanOrEqual(2);
    // health: three Sehat, two Dalam Pengawasan Khusus (shown: both publish their reports), six
    // not assessed
    const h = (key: string) => d.health.cells.find((c) => c.key === key)!;
    expect(h('Sehat')).toMatchObject({ values: { cooperatives: '3' }, suppressed: null });
    expect(h('Dalam Pengawasan Khusus')).toMatchObject({
      values: { cooperatives: '2' },
      suppressed: null,
    });
    expect(h('').values?.cooperatives).toBe('6');
    expect(d.health.total.values?.cooperatives).toBe('11');
  });

  it('an unknown or malformed region is refused', async () => {
    expect((await publicGet('/api/v1/open-data/regions/3399')).statusCode).toBe(404);
    expect((await publicGet('/api/v1/open-data/regions/33x')).statusCode).toBe(400);
  });

  it('a region of fewer than three cooperatives shows no figure', async () => {
    await fileIn('357302', 0);
    const d = await openData('3573');
    expect(d.counts.byArea.total).toEqual({
      values: { cooperatives: '4', members: '400' },
      suppressed: null,
    });
    expect(d.counts.byArea.cells.find((c) => c.key === '357301')?.values?.cooperatives).toBe('4');
    const kab = await openData('3326');
    expect(kab.counts.byArea.total.values?.cooperatives).toBe('0');
  });

  it('the office records that a cooperative publishes its reports; another office cannot', async () => {
    const jasa = ids[5]!; // the one cooperative of 337502
    const other = await mlg.request(
      'PUT',
      `/api/v1/orgs/${malang.id}/supervision/cooperatives/${jasa}/reports-published`,
      { reportsPublished: true },
    );
    expect(other.statusCode).toBe(404);
    const res = await pkl.request(
      'PUT',
      `/api/v1/orgs/${pekalongan.id}/supervision/cooperatives/${jasa}/reports-published`,
      { reportsPublished: true },
    );
    expect(res.statusCode, res.body).toBe(200);
    const d = await openData('3375');
    // its district of one is shown now, and nothing needs withholding beside it
    expect(d.counts.byArea.cells.find((c) => c.key === '337502')).toMatchObject({
      values: { cooperatives: '1', members: '37' },
      suppressed: null,
    });
    expect(d.counts.byArea.cells.every((c) => c.suppressed === null)).toBe(true);
  });
});
