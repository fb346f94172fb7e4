import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
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
    areas: { code: string | null; name: string | null; cooperatives: number; members: string }[];
    points: { id: string; name: string; latitude: string; cooperativeType: string }[];
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
    });
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
