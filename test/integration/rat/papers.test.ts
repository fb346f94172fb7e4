import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileCooperative, twoCityOffices } from '../supervision/offices.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { makeUser, signIn, testAppForFile, type Client } from '../../support/fixtures.js';

/**
 * The RAT's papers (issue 17 item 4): the RAT book and the attendance list as PDFs, the minutes
 * generated from what happened and signed once, and the RAT package arriving at the Dinas' RAT
 * compliance as a RAT held on time with the four documents it expects; another office sees none.
 */
let now = new Date('2026-02-20T02:00:00Z');
const file = testAppForFile({ clock: () => now });
let pengurus: Client;
let pekalonganAdmin: Client;
let malangAdmin: Client;
let coopId: string;
let registryId: string;
let officeIds: { pekalongan: string; malang: string };

beforeAll(async () => {
  const { pekalongan, malang } = await twoCityOffices(file.deps);
  officeIds = { pekalongan: pekalongan.id, malang: malang.id };
  pekalonganAdmin = await signIn(
    file.app,
    (await makeUser(file.deps, pekalongan, ['dinas_admin'])).username,
  );
  malangAdmin = await signIn(
    file.app,
    (await makeUser(file.deps, malang, ['dinas_admin'])).username,
  );
  const coop = await createOrganization(
    file.deps,
    {
      kind: 'cooperative',
      name: 'KSP Sinar Batik Pekalongan',
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      regencyCode: '3375',
      provinceCode: '33',
    },
    'test',
  );
  coopId = coop.id;
  registryId = await fileCooperative(pekalonganAdmin, pekalongan, coop.name, {
    linkedOrganizationId: coop.id,
    badanHukumDate: '2015-05-04',
  });
  pengurus = await signIn(file.app, (await makeUser(file.deps, coop, ['pengurus'])).username);
  await sql`
    insert into members (cooperative_id, member_number, status, nik, full_name, birth_date, gender, joined_on)
    select ${coop.id}, lpad(i::text, 5, '0'), 'active', '3375' || lpad(i::text, 12, '0'),
      'Anggota ' || i, '1970-01-01', 'P', '2020-01-01'
    from generate_series(1, 3) i`.execute(file.deps.database.db);
});

const api = (path: string) => `/api/v1/orgs/${coopId}/rat/meetings${path}`;

describe('RAT papers and the package to the Dinas', () => {
  it('book, meeting, minutes signed once, package filed at the Dinas as held on time', async () => {
    const planned = await pengurus.request('POST', api(''), {
      bookYear: 2025,
      mode: 'in-person',
      scheduledOn: '2026-03-14',
      startsAt: '09:00',
      location: 'Aula Koperasi, Jl. Hayam Wuruk 12',
      agenda: [
        {
          title: 'Pengesahan laporan keuangan 2025',
          kind: 'statements',
          majority: 'simple',
          motion: 'Laporan keuangan 2025 disahkan',
        },
        { title: 'Laporan pengawas 2025', kind: 'supervision', majority: 'none' },
      ],
    });
    expect(planned.statusCode, planned.body).toBe(201);
    const id = planned.json<{ id: string }>().id;
    const wrote = await pengurus.request('PUT', api(`/${id}/book/accountability`), {
      body: 'Tahun 2025 koperasi menambah 120 anggota baru.\n\nPinjaman beredar tumbuh 12 %.',
    });
    expect(wrote.statusCode, wrote.body).toBe(200);
    expect((await pengurus.request('GET', api(`/${id}/book`))).json()).toEqual({
      accountability:
        'Tahun 2025 koperasi menambah 120 anggota baru.\n\nPinjaman beredar tumbuh 12 %.',
    });
    const book = await pengurus.request('GET', api(`/${id}/book.pdf`));
    expect(book.statusCode).toBe(200);
    expect(book.headers['content-type']).toBe('application/pdf');
    expect(book.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // the minutes exist only once the meeting closed
    expect((await pengurus.request('GET', api(`/${id}/minutes.pdf`))).statusCode).toBe(409);
    now = new Date('2026-03-14T02:00:00Z');
    pengurus = await signIn(file.app, pengurus.username);
    const members = await sql<{ id: bigint }>`
      select id from members where cooperative_id = ${coopId} order by id`.execute(
      file.deps.database.db,
    );
    for (const m of members.rows)
      expect(
        (await pengurus.request('POST', api(`/${id}/check-ins`), { memberId: String(m.id) }))
          .statusCode,
      ).toBe(200);
    for (const [method, path, body] of [
      ['POST', `/${id}/open`, undefined],
      ['POST', `/${id}/agenda/1/voting`, undefined],
      ['POST', `/${id}/agenda/1/result`, { setuju: 3, tidakSetuju: 0, abstain: 0 }],
      ['POST', `/${id}/agenda/2/heard`, { note: 'Tidak ada temuan material.' }],
      ['POST', `/${id}/close`, undefined],
    ] as const) {
      const res = await pengurus.request(method, api(path), body);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
    }
    // no package before the minutes are signed
    const early = await pengurus.request('POST', api(`/${id}/package`));
    expect(early.statusCode).toBe(409);
    const sign = {
      chair: 'H. Ahmad Fauzi',
      secretary: 'Siti Rahmawati',
      witnesses: 'Budi Santoso, Dewi Lestari',
    };
    const signed = await pengurus.request('POST', api(`/${id}/minutes/sign`), sign);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ ...sign, signedBy: expect.stringContaining('Pengguna') });
    expect((await pengurus.request('POST', api(`/${id}/minutes/sign`), sign)).statusCode).toBe(409);
    const minutes = await pengurus.request('GET', api(`/${id}/minutes.pdf`));
    expect(minutes.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await pengurus.request('GET', api(`/${id}/attendance.pdf`))).statusCode).toBe(200);

    now = new Date('2026-03-16T02:00:00Z');
    pengurus = await signIn(file.app, pengurus.username);
    const sent = await pengurus.request('POST', api(`/${id}/package`));
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json<{ documents: { kind: string }[] }>().documents.map((d) => d.kind)).toEqual([
      'minutes',
      'attendance',
      'accountability',
      'statements',
    ]);
    expect((await pengurus.request('POST', api(`/${id}/package`))).statusCode).toBe(409);

    // the Dinas: held on time, nothing missing; Malang sees nothing of it
    pekalonganAdmin = await signIn(file.app, pekalonganAdmin.username);
    const record = await pekalonganAdmin.request(
      'GET',
      `/api/v1/orgs/${officeIds.pekalongan}/registry/${registryId}/rat-documents`,
    );
    expect(record.statusCode, record.body).toBe(200);
    expect(JSON.stringify(record.json())).toContain('berita-acara-rat-2025.pdf');
    const compliance = await pekalonganAdmin.request(
      'GET',
      `/api/v1/orgs/${officeIds.pekalongan}/rat-compliance?bookYear=2025`,
    );
    expect(compliance.statusCode, compliance.body).toBe(200);
    const row = compliance
      .json<{ items: { registryId: string; status: string; missingDocuments?: string[] }[] }>()
      .items.find((i) => i.registryId === registryId);
    expect(row).toMatchObject({ status: 'on_time' });
    malangAdmin = await signIn(file.app, malangAdmin.username);
    const other = await malangAdmin.request(
      'GET',
      `/api/v1/orgs/${officeIds.malang}/registry/${registryId}/rat-documents`,
    );
    expect(other.statusCode).toBe(404);
  });
});
