import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { inTenantTransaction } from '../../../src/db/database.js';
import {
  ALL_ROLES,
  can,
  COOPERATIVE_ROLES,
  type Permission,
} from '../../../src/domain/auth/permissions.js';
import { ROUTE_ACCESS } from '../../../src/http/auth.js';
import { createOrganization, type OrganizationView } from '../../../src/services/organizations.js';
import { REGISTRY_COLUMNS } from '../../../src/services/registry/workbook.js';
import {
  makeCooperative,
  makeUser,
  signIn,
  testAppForFile,
  type Client,
} from '../../support/fixtures.js';

/**
 * The registry's jurisdiction: an office sees the cooperatives under its region and no others —
 * through the routes, and inside its own tenant transaction with a hand-written query (row-level
 * security, migration 0012) — a province office sees its cities', the ministry all; a cooperative
 * sees none; and every registry route answers every role by the permission matrix.
 */

const file = testAppForFile({ clock: () => new Date('2026-11-20T03:00:00Z') });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface World {
  pekalongan: OrganizationView;
  malang: OrganizationView;
  jateng: OrganizationView;
  ministryId: string;
  coop: OrganizationView;
  pkl: Client;
  mlg: Client;
  prov: Client;
  ministry: Client;
  coopAdmin: Client;
  ids: { pkl: string[]; mlg: string; prov: string };
}
let w: World;

const dinas = (name: string, dinasRegionCode: string) =>
  createOrganization(file.deps, { kind: 'dinas', name, dinasRegionCode }, 'test');

async function admin(org: { id: string }): Promise<Client> {
  const u = await makeUser(file.deps, org as OrganizationView, ['dinas_admin']);
  return signIn(file.app, u.username);
}

const entry = (over: Record<string, unknown> = {}) => ({
  name: 'Koperasi Simpan Pinjam Uji',
  cooperativeType: 'KSP',
  cooperativeForm: 'primer',
  membershipArea: 'regency',
  provinceCode: '33',
  regencyCode: '3375',
  districtCode: '337501',
  memberCount: 120,
  ...over,
});

async function file_(client: Client, org: { id: string }, body: Record<string, unknown>) {
  const res = await client.request('POST', `/api/v1/orgs/${org.id}/registry`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; regionCode: string }>();
}

async function listIds(client: Client, org: { id: string }, query = ''): Promise<string[]> {
  const res = await client.request(
    'GET',
    `/api/v1/orgs/${org.id}/registry?${query.includes('limit=') ? '' : 'limit=200'}${query}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { id: string }[] }>().items.map((i) => i.id);
}

beforeAll(async () => {
  const deps = file.deps;
  const pekalongan = await dinas('Dinas Koperasi Kota Pekalongan', '3375');
  const malang = await dinas('Dinas Koperasi Kota Malang', '3573');
  const jateng = await dinas('Dinas Koperasi Provinsi Jawa Tengah', '33');
  // the ministry is the root of the region hierarchy ('' = every region); no route creates one yet
  const ministryId = (
    await sql<{
      id: string;
    }>`insert into organizations (kind, name, dinas_region_code) values ('dinas', 'Kementerian Koperasi', '') returning id`.execute(
      deps.database.db,
    )
  ).rows[0]!.id;
  const coop = await makeCooperative(deps);
  const coopUser = await makeUser(deps, coop, ['admin']);
  const [pkl, mlg, prov, ministry, coopAdmin] = await Promise.all([
    admin(pekalongan),
    admin(malang),
    admin(jateng),
    admin({ id: ministryId }),
    signIn(file.app, coopUser.username),
  ]);
  const a = await file_(
    pkl,
    pekalongan,
    entry({ name: 'KSP Batik Makmur', nikKoperasi: '3375010020001234' }),
  );
  const b = await file_(
    pkl,
    pekalongan,
    entry({ name: 'Koperasi Nelayan Pantai Sari', cooperativeType: 'PRODUSEN' }),
  );
  const m = await file_(
    mlg,
    malang,
    entry({
      name: 'KSP Arjuna Malang',
      provinceCode: '35',
      regencyCode: '3573',
      districtCode: '357301',
    }),
  );
  // members across the regencies of Jawa Tengah: the province supervises it
  const p = await file_(
    prov,
    jateng,
    entry({
      name: 'Koperasi Karyawan Jawa Tengah',
      membershipArea: 'province',
      regencyCode: '3326',
      districtCode: null,
    }),
  );
  w = {
    pekalongan,
    malang,
    jateng,
    ministryId,
    coop,
    pkl,
    mlg,
    prov,
    ministry,
    coopAdmin,
    ids: { pkl: [a.id, b.id], mlg: m.id, prov: p.id },
  };
});

describe('jurisdiction through the routes', () => {
  it('files a row under the supervising region its membership area gives', async () => {
    const one = await w.pkl.request(
      'GET',
      `/api/v1/orgs/${w.pekalongan.id}/registry/${w.ids.pkl[0]}`,
    );
    expect(one.json()).toMatchObject({
      regionCode: '3375',
      status: 'active',
      statusHistory: [{ status: 'active', effectiveOn: '2026-11-20' }],
    });
    const prov = await w.prov.request('GET', `/api/v1/orgs/${w.jateng.id}/registry/${w.ids.prov}`);
    expect(prov.json()).toMatchObject({ regionCode: '33', membershipArea: 'province' });
  });

  it('a city office sees its rows and not another city’s', async () => {
    const pkl = await listIds(w.pkl, w.pekalongan);
    expect(pkl.sort()).toEqual([...w.ids.pkl].sort());
    expect(await listIds(w.mlg, w.malang)).toEqual([w.ids.mlg]);
    const other = await w.pkl.request(
      'GET',
      `/api/v1/orgs/${w.pekalongan.id}/registry/${w.ids.mlg}`,
    );
    expect(other.statusCode).toBe(404);
    const change = await w.pkl.request(
      'PUT',
      `/api/v1/orgs/${w.pekalongan.id}/registry/${w.ids.mlg}`,
      entry(),
    );
    expect(change.statusCode).toBe(404);
  });

  it('a province office sees its cities’ rows and its own; the ministry sees every row', async () => {
    const prov = await listIds(w.prov, w.jateng);
    expect(prov).toEqual(expect.arrayContaining([...w.ids.pkl, w.ids.prov]));
    expect(prov).not.toContain(w.ids.mlg);
    const all = await listIds(w.ministry, { id: w.ministryId });
    expect(all).toEqual(expect.arrayContaining([...w.ids.pkl, w.ids.prov, w.ids.mlg]));
  });

  it('an office cannot file a cooperative outside its jurisdiction', async () => {
    const res = await w.pkl.request(
      'POST',
      `/api/v1/orgs/${w.pekalongan.id}/registry`,
      entry({ provinceCode: '35', regencyCode: '3573', districtCode: null }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { code: string }[] }>().errors).toContainEqual(
      expect.objectContaining({ field: 'membershipArea', code: 'OUTSIDE_JURISDICTION' }),
    );
    // a city does not file a province-wide cooperative: that is the province's
    const wide = await w.pkl.request(
      'POST',
      `/api/v1/orgs/${w.pekalongan.id}/registry`,
      entry({ membershipArea: 'province' }),
    );
    expect(wide.statusCode).toBe(400);
  });

  it('search and filters stay inside the region', async () => {
    expect(await listIds(w.pkl, w.pekalongan, '&q=nelayan')).toEqual([w.ids.pkl[1]]);
    expect(await listIds(w.pkl, w.pekalongan, '&q=arjuna')).toEqual([]);
    expect(await listIds(w.pkl, w.pekalongan, '&cooperativeType=PRODUSEN')).toEqual([w.ids.pkl[1]]);
    expect(await listIds(w.pkl, w.pekalongan, '&regionCode=3573')).toEqual([]);
    expect(await listIds(w.ministry, { id: w.ministryId }, '&regionCode=3573')).toEqual([
      w.ids.mlg,
    ]);
    const first = await listIds(w.pkl, w.pekalongan, '&limit=1');
    const next = await listIds(w.pkl, w.pekalongan, '&limit=1&offset=1');
    expect([...first, ...next].sort()).toEqual([...w.ids.pkl].sort());
  });
});

describe('jurisdiction in the database (row-level security)', () => {
  const inOffice = <T>(orgId: string, text: string) =>
    inTenantTransaction(file.deps.database.db, orgId, (tx) => sql<T>`${sql.raw(text)}`.execute(tx));

  it('a hand-written query with no filter sees the office’s rows only, in every registry table', async () => {
    await w.mlg.request('POST', `/api/v1/orgs/${w.malang.id}/registry/${w.ids.mlg}/organs`, {
      organ: 'pengurus',
      position: 'Ketua',
      fullName: 'Budi Santoso',
      termStart: '2024-01-01',
      termEnd: '2028-12-31',
    });
    for (const table of [
      'registry_cooperatives',
      'registry_status_history',
      'registry_organ_members',
    ]) {
      const pkl = await inOffice<{ region_code: string }>(
        w.pekalongan.id,
        `select region_code from ${table}`,
      );
      expect(
        pkl.rows.every((r) => r.region_code === '3375'),
        table,
      ).toBe(true);
      const mlg = await inOffice<{ region_code: string }>(
        w.malang.id,
        `select region_code from ${table}`,
      );
      expect(mlg.rows.length, table).toBeGreaterThan(0);
      expect(
        mlg.rows.every((r) => r.region_code === '3573'),
        table,
      ).toBe(true);
    }
    const pklRows = await inOffice<{ id: bigint }>(
      w.pekalongan.id,
      'select id from registry_cooperatives',
    );
    expect(pklRows.rows.map((r) => r.id.toString()).sort()).toEqual([...w.ids.pkl].sort());
  });

  it('a hand-written write outside the region changes nothing or is refused', async () => {
    const upd = await inOffice(
      w.pekalongan.id,
      `update registry_cooperatives set name = 'Diambil alih' where id = ${w.ids.mlg}`,
    );
    expect(upd.numAffectedRows ?? 0n).toBe(0n);
    await expect(
      inOffice(
        w.pekalongan.id,
        `insert into registry_cooperatives (region_code, name, cooperative_type, cooperative_form, membership_area, province_code, regency_code, status_since)
         values ('3573', 'Koperasi Susupan', 'KSP', 'primer', 'regency', '35', '3573', '2026-01-01')`,
      ),
    ).rejects.toThrow(/row-level security/);
    // nor can the office move itself to widen what it sees
    await expect(
      inOffice(
        w.pekalongan.id,
        `update organizations set dinas_region_code = '' where id = '${w.pekalongan.id}'`,
      ),
    ).rejects.toThrow(/not changed in a tenant transaction/);
    const mlg = await w.mlg.request('GET', `/api/v1/orgs/${w.malang.id}/registry/${w.ids.mlg}`);
    expect(mlg.json()).toMatchObject({ name: 'KSP Arjuna Malang' });
  });

  it('a province office’s transaction sees its cities’ rows; a cooperative’s sees none', async () => {
    const prov = await inOffice<{ region_code: string }>(
      w.jateng.id,
      'select region_code from registry_cooperatives',
    );
    expect(prov.rows.length).toBeGreaterThanOrEqual(3);
    expect(prov.rows.every((r) => r.region_code.startsWith('33'))).toBe(true);
    const coop = await inOffice<{ n: bigint }>(
      w.coop.id,
      'select count(*) as n from registry_cooperatives',
    );
    expect(coop.rows[0]?.n).toBe(0n);
  });
});

describe('registry records', () => {
  it('a status change writes the history; an unchanged status or a date before the last is refused', async () => {
    const url = `/api/v1/orgs/${w.pekalongan.id}/registry/${w.ids.pkl[1]}/status`;
    const res = await w.pkl.request('POST', url, {
      status: 'inactive',
      effectiveOn: '2026-11-20',
      reason: 'Tidak RAT tiga tahun',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'inactive',
      statusSince: '2026-11-20',
      statusHistory: [{ status: 'active' }, { status: 'inactive', reason: 'Tidak RAT tiga tahun' }],
    });
    const same = await w.pkl.request('POST', url, {
      status: 'inactive',
      effectiveOn: '2026-11-20',
      reason: 'x',
    });
    expect(same.statusCode).toBe(400);
    const earlier = await w.pkl.request('POST', url, {
      status: 'active',
      effectiveOn: '2020-01-01',
      reason: 'x',
    });
    expect(earlier.statusCode).toBe(400);
  });

  it('links a Sokoguru cooperative to one registry row, never two; refuses a NIK koperasi filed elsewhere', async () => {
    const linked = await w.pkl.request(
      'PUT',
      `/api/v1/orgs/${w.pekalongan.id}/registry/${w.ids.pkl[0]}`,
      entry({
        name: 'KSP Batik Makmur',
        nikKoperasi: '3375010020001234',
        linkedOrganizationId: w.coop.id,
      }),
    );
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ linkedOrganizationId: w.coop.id });
    const twice = await w.pkl.request(
      'POST',
      `/api/v1/orgs/${w.pekalongan.id}/registry`,
      entry({ name: 'KSP Batik Makmur (dobel)', linkedOrganizationId: w.coop.id }),
    );
    expect(twice.statusCode).toBe(400);
    // Malang cannot see Pekalongan's row, yet the NIK koperasi is unique nationally
    const nik = await w.mlg.request(
      'POST',
      `/api/v1/orgs/${w.malang.id}/registry`,
      entry({
        provinceCode: '35',
        regencyCode: '3573',
        districtCode: null,
        nikKoperasi: '3375010020001234',
      }),
    );
    expect(nik.statusCode).toBe(409);
    const malformed = await w.pkl.request(
      'POST',
      `/api/v1/orgs/${w.pekalongan.id}/registry`,
      entry({ nikKoperasi: '12345', npwp: '01.234', nib: 'abc' }),
    );
    expect(malformed.statusCode).toBe(400);
    expect(
      malformed
        .json<{ errors: { field: string }[] }>()
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(['nib', 'nikKoperasi', 'npwp']);
  });
});

describe('import and export', () => {
  async function workbook(rows: Record<string, string | number>[]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Koperasi');
    ws.addRow(REGISTRY_COLUMNS.map((c) => c.header));
    for (const r of rows) ws.addRow(REGISTRY_COLUMNS.map((c) => r[c.key] ?? null));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const row = (i: number, over: Record<string, string | number> = {}) => ({
    name: `Koperasi Impor ${i}`,
    nikKoperasi: `33750100200${String(10000 + i)}`,
    cooperativeType: 'ksp',
    cooperativeForm: 'primer',
    membershipArea: 'kabupaten/kota',
    provinceCode: '33',
    regencyCode: '33.75',
    memberCount: 50 + i,
    status: 'aktif',
    statusSince: '2020-02-01',
    ...over,
  });
  const upload = (body: Buffer) =>
    w.pkl.request('POST', `/api/v1/orgs/${w.pekalongan.id}/imports/registry`, body, {
      'content-type': XLSX,
    });

  it('serves the template, refuses a file with a bad row (nothing filed), then files all rows', async () => {
    const tpl = await w.pkl.request(
      'GET',
      `/api/v1/orgs/${w.pekalongan.id}/imports/registry/template`,
    );
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toContain(XLSX);
    const before = (await listIds(w.pkl, w.pekalongan)).length;
    const bad = await upload(
      await workbook([
        row(1),
        row(2, { regencyCode: '3573', provinceCode: '35' }),
        row(3, { nikKoperasi: row(1).nikKoperasi }),
      ]),
    );
    expect(bad.statusCode).toBe(422);
    const messages = bad.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(messages).toEqual(
      expect.arrayContaining(['baris 3: membershipArea', 'baris 4: nikKoperasi']),
    );
    expect((await listIds(w.pkl, w.pekalongan)).length).toBe(before);
    const good = await upload(await workbook([row(1), row(2), row(3)]));
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ imported: 3, organMembers: 0 });
    expect((await listIds(w.pkl, w.pekalongan)).length).toBe(before + 3);
    const again = await upload(await workbook([row(1)]));
    expect(again.statusCode).toBe(422);
  });

  it('exports the office’s rows only', async () => {
    const res = await w.pkl.request('GET', `/api/v1/orgs/${w.pekalongan.id}/exports/registry`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const names: string[] = [];
    wb.worksheets[0]!.eachRow((r, n) => {
      if (n > 1) names.push(r.getCell(2).text);
    });
    expect(names).toContain('Koperasi Impor 2');
    expect(names).not.toContain('KSP Arjuna Malang');
    expect(names).not.toContain('Koperasi Karyawan Jawa Tengah');
  });
});

describe('every registry route, every role', () => {
  const routes = () =>
    [...ROUTE_ACCESS.values()].filter((r) =>
      /\/(registry|imports\/registry|exports\/registry)/.test(r.url),
    );

  it('a cooperative user cannot read the registry routes, neither of its own id nor of a Dinas', async () => {
    for (const r of routes()) {
      for (const org of [w.coop.id, w.pekalongan.id]) {
        const res = await w.coopAdmin.request(
          r.method as 'GET',
          r.url
            .replace(':orgId', org)
            .replace(':registryId', w.ids.pkl[0]!)
            .replace(':filterId', '1')
            .replace(':documentId', '1'),
          r.method === 'GET' ? undefined : {},
        );
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
      }
    }
  });

  it('answers each role by the matrix: refused without the permission, served with it', async () => {
    const found = routes();
    // with the RAT and officer-in-charge routes (migration 0018) and the RAT documents (0032)
    expect(found.length).toBe(17);
    const failures: string[] = [];
    for (const role of ALL_ROLES) {
      const cooperativeRole = (COOPERATIVE_ROLES as readonly string[]).includes(role);
      const org = cooperativeRole ? w.coop : w.pekalongan;
      const user = await makeUser(file.deps, org, [role]);
      const client = await signIn(file.app, user.username);
      for (const r of found) {
        const allowed = can([role], r.access as Permission);
        const url = r.url
          .replace(':orgId', org.id)
          .replace(':registryId', w.ids.pkl[0]!)
          .replace(':filterId', '1')
          .replace(':documentId', '1');
        const res = await client.request(
          r.method as 'GET',
          url,
          r.method === 'GET' ? undefined : {},
        );
        // allowed: past the access check (an empty body then fails validation, 400/415)
        const ok = allowed
          ? res.statusCode !== 403 && res.statusCode < 500
          : res.statusCode === 403;
        if (!ok) failures.push(`${role} ${r.method} ${r.url} -> ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    expect(can(['dinas_pengawas'], 'registry.read')).toBe(true);
    expect(can(['dinas_pengawas'], 'registry.write')).toBe(false);
    expect(ALL_ROLES.filter((r) => can([r], 'registry.read'))).toEqual([
      'dinas_admin',
      'dinas_pembina',
      'dinas_pengawas',
    ]);
  });
});
