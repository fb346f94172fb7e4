import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { inTenantTransaction } from '../../../src/db/database.js';
import { searchWords } from '../../../src/db/registry.repo.js';
import { createOrganization, type OrganizationView } from '../../../src/services/organizations.js';
import { makeUser, signIn, testAppForFile, type Client } from '../../support/fixtures.js';

/**
 * The registry's search (a text search over the name and legal identifiers, a filter on every
 * field, sorted, a page with the total) and the filters officers save: each office finds only
 * its region's cooperatives, through the route and through the search words' own table; a saved
 * filter is its user's in its office.
 */

const file = testAppForFile({ clock: () => new Date('2026-11-20T03:00:00Z') });

interface Item {
  id: string;
  name: string;
  memberCount: number | null;
}
interface Page {
  items: Item[];
  total: number;
}

let pekalongan: OrganizationView;
let malang: OrganizationView;
let jateng: OrganizationView;
let pkl: Client;
let pkl2: Client;
let mlg: Client;
let prov: Client;
const ids: Record<string, string> = {};

const dinas = (name: string, dinasRegionCode: string) =>
  createOrganization(file.deps, { kind: 'dinas', name, dinasRegionCode }, 'test');

async function admin(org: OrganizationView): Promise<Client> {
  const u = await makeUser(file.deps, org, ['dinas_admin']);
  return signIn(file.app, u.username);
}

const base = {
  cooperativeType: 'KSP',
  cooperativeForm: 'primer',
  membershipArea: 'regency',
  provinceCode: '33',
  regencyCode: '3375',
};

async function fileEntry(client: Client, org: OrganizationView, body: Record<string, unknown>) {
  const res = await client.request('POST', `/api/v1/orgs/${org.id}/registry`, {
    ...base,
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

async function search(client: Client, org: OrganizationView, query: string): Promise<Page> {
  const res = await client.request('GET', `/api/v1/orgs/${org.id}/registry?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
}
const names = (p: Page) => p.items.map((i) => i.name);

beforeAll(async () => {
  pekalongan = await dinas('Dinas Koperasi Kota Pekalongan', '3375');
  malang = await dinas('Dinas Koperasi Kota Malang', '3573');
  jateng = await dinas('Dinas Koperasi Provinsi Jawa Tengah', '33');
  [pkl, pkl2, mlg, prov] = await Promise.all([
    admin(pekalongan),
    admin(pekalongan),
    admin(malang),
    admin(jateng),
  ]);
  ids.batik = await fileEntry(pkl, pekalongan, {
    name: 'KSP Batik Makmur',
    nikKoperasi: '3375010020001234',
    npwp: '01.234.567.8-901.000',
    nib: '9120001234567',
    badanHukumNumber: 'AHU-0001234.AH.01.26.TAHUN 2019',
    badanHukumDate: '2019-05-14',
    sector: 'Jasa keuangan',
    districtCode: '337501',
    villageCode: '3375011002',
    memberCount: 412,
    businessSize: 'KUK2',
  });
  ids.nelayan = await fileEntry(pkl, pekalongan, {
    name: 'Koperasi Nelayan Pantai Sari',
    cooperativeType: 'PRODUSEN',
    cooperativeForm: 'sekunder',
    sector: 'Perikanan',
    districtCode: '337503',
    badanHukumDate: '2008-02-01',
    memberCount: 80,
    businessSize: 'KUK1',
  });
  ids.makmur = await fileEntry(pkl, pekalongan, {
    name: 'Koperasi Konsumen Makmur Jaya',
    cooperativeType: 'KONSUMEN',
    sector: 'Perdagangan',
    districtCode: '337501',
    memberCount: 1500,
    badanHukumDate: '2015-07-20',
  });
  ids.arjuna = await fileEntry(mlg, malang, {
    name: 'KSP Batik Arjuna Malang',
    provinceCode: '35',
    regencyCode: '3573',
    nikKoperasi: '3573010020009999',
    memberCount: 300,
  });
  const inactive = await pkl.request(
    'POST',
    `/api/v1/orgs/${pekalongan.id}/registry/${ids.nelayan}/status`,
    { status: 'inactive', effectiveOn: '2026-11-20', reason: 'Tidak RAT tiga tahun' },
  );
  expect(inactive.statusCode, inactive.body).toBe(200);
});

describe('search words', () => {
  it('splits as the database does: lower case, on anything not a-z or 0-9; identifiers as digits', () => {
    expect(searchWords('  KSP  Batik-Makmur ')).toEqual(['ksp', 'batik', 'makmur']);
    expect(searchWords('01.234.567.8-901.000')).toEqual(['012345678901000']);
    expect(searchWords('AHU-0001234.AH')).toEqual(['ahu', '0001234', 'ah']);
    expect(searchWords('')).toEqual([]);
  });
});

describe('text search', () => {
  it('finds by the beginnings of the name’s words, in any order', async () => {
    expect(names(await search(pkl, pekalongan, 'q=makm'))).toEqual([
      'Koperasi Konsumen Makmur Jaya',
      'KSP Batik Makmur',
    ]);
    expect(names(await search(pkl, pekalongan, 'q=makmur%20ksp'))).toEqual(['KSP Batik Makmur']);
    expect(names(await search(pkl, pekalongan, 'q=nelayan%20sari'))).toEqual([
      'Koperasi Nelayan Pantai Sari',
    ]);
    expect((await search(pkl, pekalongan, 'q=makmurx')).total).toBe(0);
  });

  it('finds by NIK koperasi, NPWP (typed with separators), NIB and badan hukum number', async () => {
    for (const q of ['33750100', '01.234.567.8', '912000', 'AHU-0001234', '0001234'])
      expect(names(await search(pkl, pekalongan, `q=${encodeURIComponent(q)}`)), q).toEqual([
        'KSP Batik Makmur',
      ]);
  });

  it('never finds another region’s cooperative: a city not its neighbour’s, a province its cities’', async () => {
    expect(names(await search(pkl, pekalongan, 'q=batik'))).toEqual(['KSP Batik Makmur']);
    expect((await search(pkl, pekalongan, 'q=arjuna')).total).toBe(0);
    expect((await search(pkl, pekalongan, 'q=3573010020009999')).total).toBe(0);
    expect(names(await search(mlg, malang, 'q=batik'))).toEqual(['KSP Batik Arjuna Malang']);
    expect(names(await search(prov, jateng, 'q=batik'))).toEqual(['KSP Batik Makmur']);
  });

  it('a corrected name is found by its new words, not its old ones', async () => {
    const id = await fileEntry(pkl, pekalongan, { name: 'Koperasi Lama Sekali', memberCount: 5 });
    const put = await pkl.request('PUT', `/api/v1/orgs/${pekalongan.id}/registry/${id}`, {
      ...base,
      name: 'Koperasi Baru Bersemi',
      memberCount: 5,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await search(pkl, pekalongan, 'q=lama')).total).toBe(0);
    expect(names(await search(pkl, pekalongan, 'q=bersemi'))).toEqual(['Koperasi Baru Bersemi']);
  });

  it('the search words table answers an office’s own query with its region’s words only', async () => {
    const words = (orgId: string) =>
      inTenantTransaction(file.deps.database.db, orgId, (tx) =>
        sql<{ region_code: string; word: string }>`
          select region_code, word from registry_search_words where word = 'batik'`.execute(tx),
      );
    expect((await words(pekalongan.id)).rows.map((r) => r.region_code)).toEqual(['3375']);
    expect((await words(malang.id)).rows.map((r) => r.region_code)).toEqual(['3573']);
  });
});

describe('filters, order and pages', () => {
  it('filters on each field', async () => {
    const only = async (query: string) => names(await search(pkl, pekalongan, query));
    expect(await only('cooperativeType=PRODUSEN')).toEqual(['Koperasi Nelayan Pantai Sari']);
    expect(await only('cooperativeForm=sekunder')).toEqual(['Koperasi Nelayan Pantai Sari']);
    expect(await only('status=inactive')).toEqual(['Koperasi Nelayan Pantai Sari']);
    expect(await only('sector=perikanan')).toEqual(['Koperasi Nelayan Pantai Sari']);
    expect(await only('businessSize=KUK2')).toEqual(['KSP Batik Makmur']);
    expect(await only('regionCode=337503')).toEqual(['Koperasi Nelayan Pantai Sari']);
    expect(await only('regionCode=3375011002')).toEqual(['KSP Batik Makmur']);
    expect(await only('regionCode=337501&sort=memberCount&direction=desc')).toEqual([
      'Koperasi Konsumen Makmur Jaya',
      'KSP Batik Makmur',
    ]);
    expect(await only('memberCountMin=100&memberCountMax=500')).toEqual(['KSP Batik Makmur']);
    expect(await only('badanHukumFrom=2010-01-01&badanHukumTo=2016-12-31')).toEqual([
      'Koperasi Konsumen Makmur Jaya',
    ]);
    expect((await search(pkl, pekalongan, 'linked=true')).total).toBe(0);
    expect((await search(pkl, pekalongan, 'linked=false')).total).toBe(4);
    expect((await search(pkl, pekalongan, 'membershipArea=province')).total).toBe(0);
  });

  it('a filter naming another region finds nothing there', async () => {
    expect((await search(pkl, pekalongan, 'regionCode=3573')).total).toBe(0);
    expect((await search(pkl, pekalongan, 'regionCode=35')).total).toBe(0);
  });

  it('sorts (ties by id, empty values last) and pages with the total', async () => {
    const byDate = await search(pkl, pekalongan, 'sort=badanHukumDate&direction=asc');
    expect(names(byDate)).toEqual([
      'Koperasi Nelayan Pantai Sari',
      'Koperasi Konsumen Makmur Jaya',
      'KSP Batik Makmur',
      'Koperasi Baru Bersemi',
    ]);
    const first = await search(pkl, pekalongan, 'limit=2&offset=0');
    const second = await search(pkl, pekalongan, 'limit=2&offset=2');
    expect(first.total).toBe(4);
    expect(second.total).toBe(4);
    expect([...names(first), ...names(second)]).toEqual([
      'Koperasi Baru Bersemi',
      'Koperasi Konsumen Makmur Jaya',
      'Koperasi Nelayan Pantai Sari',
      'KSP Batik Makmur',
    ]);
  });

  it('refuses a malformed filter with the field named', async () => {
    for (const q of [
      'regionCode=337',
      'sort=nik',
      'memberCountMin=-1',
      'badanHukumFrom=2020-13-01',
    ]) {
      const res = await pkl.request('GET', `/api/v1/orgs/${pekalongan.id}/registry?${q}`);
      expect(res.statusCode, q).toBe(400);
    }
  });

  it('exports the rows the filter matches, in its order', async () => {
    const res = await pkl.request(
      'GET',
      `/api/v1/orgs/${pekalongan.id}/exports/registry?q=makmur&sort=memberCount&direction=desc`,
    );
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[] = [];
    wb.worksheets[0]!.eachRow((r, n) => {
      if (n > 1) rows.push(r.getCell(2).text);
    });
    expect(rows).toEqual(['Koperasi Konsumen Makmur Jaya', 'KSP Batik Makmur']);
  });
});

describe('saved filters', () => {
  const url = () => `/api/v1/orgs/${pekalongan.id}/registry-filters`;
  const list = async (client: Client, org = pekalongan) => {
    const res = await client.request('GET', `/api/v1/orgs/${org.id}/registry-filters`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: { id: string; name: string; filter: Record<string, string> }[] }>()
      .items;
  };

  it('saves, lists, applies, replaces by name and deletes a user’s filter', async () => {
    const saved = await pkl.request('POST', url(), {
      name: 'KSP aktif',
      filter: { cooperativeType: 'KSP', status: 'active', q: '' },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const mine = await list(pkl);
    expect(mine.map((f) => [f.name, f.filter])).toEqual([
      ['KSP aktif', { cooperativeType: 'KSP', status: 'active' }],
    ]);
    // applying it is the list's query
    const applied = await search(pkl, pekalongan, new URLSearchParams(mine[0]!.filter).toString());
    expect(names(applied)).toEqual(['Koperasi Baru Bersemi', 'KSP Batik Makmur']);
    const again = await pkl.request('POST', url(), {
      name: 'KSP aktif',
      filter: { cooperativeType: 'KSP', status: 'active', memberCountMin: 100 },
    });
    expect(again.statusCode).toBe(201);
    expect((await list(pkl)).map((f) => f.filter)).toEqual([
      { cooperativeType: 'KSP', status: 'active', memberCountMin: 100 },
    ]);
    const del = await pkl.request('DELETE', `${url()}/${mine[0]!.id}`);
    expect(del.statusCode).toBe(204);
    expect(await list(pkl)).toEqual([]);
    expect((await pkl.request('DELETE', `${url()}/${mine[0]!.id}`)).statusCode).toBe(404);
  });

  it('is its user’s in its office: another user or office neither sees nor deletes it', async () => {
    const saved = await pkl.request('POST', url(), {
      name: 'Produsen',
      filter: { cooperativeType: 'PRODUSEN' },
    });
    const id = saved.json<{ id: string }>().id;
    expect(await list(pkl2)).toEqual([]);
    expect(await list(mlg, malang)).toEqual([]);
    expect((await pkl2.request('DELETE', `${url()}/${id}`)).statusCode).toBe(404);
    expect(
      (await mlg.request('DELETE', `/api/v1/orgs/${malang.id}/registry-filters/${id}`)).statusCode,
    ).toBe(404);
    // another office's id in the path is refused before anything is read
    expect((await mlg.request('GET', url())).statusCode).toBe(403);
    const rows = await inTenantTransaction(file.deps.database.db, malang.id, (tx) =>
      sql<{ n: number }>`select count(*)::int as n from registry_saved_filters`.execute(tx),
    );
    expect(rows.rows[0]?.n).toBe(0);
    expect((await list(pkl)).map((f) => f.name)).toEqual(['Produsen']);
  });

  it('a saved filter naming another region finds nothing outside the office’s', async () => {
    const saved = await pkl.request('POST', url(), {
      name: 'Malang',
      filter: { regionCode: '3573', q: 'batik' },
    });
    expect(saved.statusCode).toBe(201);
    const f = (await list(pkl)).find((x) => x.name === 'Malang')!;
    expect((await search(pkl, pekalongan, new URLSearchParams(f.filter).toString())).total).toBe(0);
  });

  it('refuses a filter with an unknown field or a bad value, and a blank name', async () => {
    for (const body of [
      { name: 'x', filter: { nik: '1' } },
      { name: 'x', filter: { status: 'gone' } },
      { name: ' ', filter: {} },
    ])
      expect((await pkl.request('POST', url(), body)).statusCode, JSON.stringify(body)).toBe(400);
  });
});

describe('organ terms in the import', () => {
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const upload = (body: Buffer) =>
    pkl.request('POST', `/api/v1/orgs/${pekalongan.id}/imports/registry`, body, {
      'content-type': XLSX,
    });

  /** The template as served, its example rows replaced by these. */
  async function filled(
    coops: Record<string, string | number>[],
    organs: Record<string, string>[],
  ): Promise<Buffer> {
    const tpl = await pkl.request('GET', `/api/v1/orgs/${pekalongan.id}/imports/registry/template`);
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    for (const [sheet, rows] of [
      ['Koperasi', coops],
      ['Pengurus', organs],
    ] as const) {
      const ws = wb.getWorksheet(sheet)!;
      const headers = (ws.getRow(1).values as (string | undefined)[]).slice(1);
      // the example rows cleared, these written from row 2
      const last = Math.max(ws.rowCount, rows.length + 1);
      for (let n = 2; n <= last; n++) {
        const r = rows[n - 2];
        ws.getRow(n).values = r ? headers.map((h) => r[h ?? ''] ?? null) : [];
      }
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const coop = (name: string, nik: string) => ({
    'Nama koperasi': name,
    'NIK koperasi': nik,
    Jenis: 'KSP',
    'Bentuk (primer/sekunder)': 'primer',
    'Wilayah keanggotaan': 'kabupaten/kota',
    'Kode provinsi': '33',
    'Kode kab/kota': '3375',
  });
  const organ = (over: Record<string, string>) => ({
    'Organ (pengurus/pengawas/pengawas syariah)': 'pengurus',
    Jabatan: 'Ketua',
    'Nama lengkap': 'Siti Rahayu',
    'Mulai menjabat (YYYY-MM-DD)': '2020-01-01',
    'Akhir masa jabatan (YYYY-MM-DD)': '2024-12-31',
    ...over,
  });

  it('the template has a Pengurus sheet documented in its instructions', async () => {
    const tpl = await pkl.request('GET', `/api/v1/orgs/${pekalongan.id}/imports/registry/template`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Koperasi', 'Petunjuk', 'Pengurus']);
    const help: string[] = [];
    wb.getWorksheet('Petunjuk')!.eachRow((r) => help.push(r.getCell(1).text));
    expect(help.join(' ')).toMatch(/Lembar Pengurus/);
  });

  it('refuses unknown cooperatives and bad terms by sheet, row and column, filing nothing', async () => {
    const before = (await search(pkl, pekalongan, 'q=organ')).total;
    const bad = await upload(
      await filled(
        [coop('Koperasi Organ Satu', '3375010020007001')],
        [
          organ({
            'NIK koperasi': '3375010020007001',
            'Akhir masa jabatan (YYYY-MM-DD)': '2019-01-01',
          }),
          organ({ 'Nama koperasi': 'Koperasi Tak Ada' }),
          organ({ 'NIK koperasi': '3375010020007001', 'Nama lengkap': '' }),
        ],
      ),
    );
    expect(bad.statusCode, bad.body).toBe(422);
    const fields = bad.json<{ errors: { field: string; message: string }[] }>().errors;
    expect(fields.map((e) => e.field)).toEqual([
      'Pengurus baris 2: termEnd',
      'Pengurus baris 3: cooperativeName',
      'Pengurus baris 4: fullName',
    ]);
    expect(fields[1]!.message).toContain('Nama koperasi');
    expect((await search(pkl, pekalongan, 'q=organ')).total).toBe(before);
  });

  it('files the organs with their terms, by NIK koperasi or by name; expired terms stay recorded', async () => {
    const good = await upload(
      await filled(
        [coop('Koperasi Organ Dua', '3375010020007002'), coop('Koperasi Organ Tiga', '')],
        [
          organ({
            'NIK koperasi': '3375010020007002',
            'Akhir masa jabatan (YYYY-MM-DD)': '2029-12-31',
          }),
          organ({
            'NIK koperasi': '33.75.01.0020007002',
            'Organ (pengurus/pengawas/pengawas syariah)': 'Pengawas',
            'Nama lengkap': 'Bambang Wijaya',
            Telepon: '081234567890',
          }),
          organ({ 'Nama koperasi': 'koperasi organ tiga', 'Nama lengkap': 'Dewi Lestari' }),
        ],
      ),
    );
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ imported: 2, organMembers: 3 });
    const [two] = (await search(pkl, pekalongan, 'q=organ%20dua')).items;
    const detail = await pkl.request('GET', `/api/v1/orgs/${pekalongan.id}/registry/${two!.id}`);
    expect(
      detail
        .json<{
          organs: { organ: string; fullName: string; phone: string | null; termEnd: string }[];
        }>()
        .organs.map((o) => [o.organ, o.fullName, o.phone, o.termEnd]),
    ).toEqual([
      ['pengawas', 'Bambang Wijaya', '+6281234567890', '2024-12-31'],
      ['pengurus', 'Siti Rahayu', null, '2029-12-31'],
    ]);
    // the export carries them in the same sheet
    const res = await pkl.request(
      'GET',
      `/api/v1/orgs/${pekalongan.id}/exports/registry?q=organ%20dua`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const organs: string[][] = [];
    wb.getWorksheet('Pengurus')!.eachRow((r, n) => {
      if (n > 1) organs.push([1, 2, 3, 5, 8].map((c) => r.getCell(c).text));
    });
    expect(organs).toEqual([
      ['3375010020007002', 'Koperasi Organ Dua', 'pengawas', 'Bambang Wijaya', '2024-12-31'],
      ['3375010020007002', 'Koperasi Organ Dua', 'pengurus', 'Siti Rahayu', '2029-12-31'],
    ]);
  });
});
