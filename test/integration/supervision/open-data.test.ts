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
    values: { cooperatives: string; members: string } | null;
    suppressed: string | null;
  }[];
  total: { values: { cooperatives: string; members: string } | null; suppressed: string | null };
}
interface OpenData {
  regionCode: string;
  regionName: string;
  areaLevel: string;
  maxAgeSeconds: number;
  updateFrequency: string;
  minCooperatives: number;
  byType: Table;
  byArea: Table;
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
    const cell = (key: string) => d.byArea.cells.find((c) => c.key === key)!;
    expect(cell('337501')).toMatchObject({
      values: { cooperatives: '5', members: '1000' },
      suppressed: null,
    });
    expect(cell('337502')).toMatchObject({ values: null, suppressed: 'small_group' });
    // two cooperatives that both publish their reports may be shown; here it is the smallest
    // other cell, withheld so that 337502 cannot be read off the total
    expect(cell('337503')).toMatchObject({ values: null, suppressed: 'complementary' });
    expect(cell('337504')).toMatchObject({ values: { cooperatives: '3' }, suppressed: null });
    expect(d.byArea.total).toEqual({
      values: { cooperatives: '11', members: '1437' },
      suppressed: null,
    });
    expect(d.byType.total).toEqual(d.byArea.total);
    const published = new Map([['KONSUMEN', true]]);
    expectSafe(d.byArea, d.minCooperatives, new Map());
    expectSafe(d.byType, d.minCooperatives, published);
    // by type: JASA (1) withheld; KONSUMEN (2, both publish their reports) could be shown but is
    // the smallest other group, so it is withheld with JASA
    const type = (key: string) => d.byType.cells.find((c) => c.key === key)!;
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
    expect(province.byArea.cells.find((c) => c.key === '3375')?.values?.cooperatives).toBe('11');
    expect(province.byArea.total.values?.cooperatives).toBe('11');
  });

  it('serves the same figures as CSV, withheld ones empty with the reason', async () => {
    const res = await publicGet('/api/v1/open-data/regions/3375.csv');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    const lines = res.body.trim().split('\r\n');
    expect(lines[0]).toBe('table,key,name,cooperatives,members,suppressed');
    expect(lines).toContain('district,337501,Pekalongan Barat,5,1000,');
    expect(lines).toContain('district,337502,Pekalongan Timur,,,small_group');
    expect(lines.find((l) => l.startsWith('district,TOTAL'))).toMatch(/,11,1437,$/);
    expect(res.body).not.toContain('Rahasia');
  });

  it('an unknown or malformed region is refused', async () => {
    expect((await publicGet('/api/v1/open-data/regions/3399')).statusCode).toBe(404);
    expect((await publicGet('/api/v1/open-data/regions/33x')).statusCode).toBe(400);
  });

  it('a region of fewer than three cooperatives shows no figure', async () => {
    await fileIn('357302', 0);
    const d = await openData('3573');
    expect(d.byArea.total).toEqual({
      values: { cooperatives: '4', members: '400' },
      suppressed: null,
    });
    expect(d.byArea.cells.find((c) => c.key === '357301')?.values?.cooperatives).toBe('4');
    const kab = await openData('3326');
    expect(kab.byArea.total.values?.cooperatives).toBe('0');
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
    expect(d.byArea.cells.find((c) => c.key === '337502')).toMatchObject({
      values: { cooperatives: '1', members: '37' },
      suppressed: null,
    });
    expect(d.byArea.cells.every((c) => c.suppressed === null)).toBe(true);
  });
});
