import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { inTenantTransaction } from '../../../src/db/database.js';
import type { OrganizationView } from '../../../src/services/organizations.js';
import { makeUser, signIn, testAppForFile, type Client } from '../../support/fixtures.js';
import { fileCooperative, twoCityOffices } from './offices.js';

/**
 * A gagal bayar mediation in Kota Pekalongan on 20 November 2026: the pembina opens the case of
 * KSP Dana Macet and assigns the pengawas; two depositors claim Rp 25 and 40 million; after a
 * meeting the cooperative agrees to repay Rp 65 million in three monthly instalments. The office's
 * administrator is not assigned and sees nothing of it — through the routes or the database — nor
 * does the Malang office.
 */

let today = '2026-11-20';
const file = testAppForFile({ clock: () => new Date(`${today}T03:00:00Z`) });
let pekalongan: OrganizationView;
let malang: OrganizationView;
let pembina: Client;
let pengawas: Client;
let admin: Client;
let malangAdmin: Client;
const ids = { pembina: '', pengawas: '', admin: '' };
let registryId = '';
let caseId = '';
const base = () => `/api/v1/orgs/${pekalongan.id}/mediation/cases`;

interface Detail {
  id: string;
  status: string;
  claimsRupiah: string;
  officers: { fullName: string; userId: string }[];
  meetings: { heldOn: string }[];
  agreement: null | {
    totalRupiah: string;
    paidRupiah: string;
    owedRupiah: string;
    overdueRupiah: string;
    overdueCount: number;
    fulfilled: boolean;
    instalments: { no: number; dueOn: string; amountRupiah: string; state: string }[];
  };
}

beforeAll(async () => {
  const deps = file.deps;
  ({ pekalongan, malang } = await twoCityOffices(deps));
  const u = {
    pembina: await makeUser(deps, pekalongan, ['dinas_pembina']),
    pengawas: await makeUser(deps, pekalongan, ['dinas_pengawas']),
    admin: await makeUser(deps, pekalongan, ['dinas_admin']),
  };
  ids.pembina = u.pembina.id;
  ids.pengawas = u.pengawas.id;
  ids.admin = u.admin.id;
  pembina = await signIn(file.app, u.pembina.username);
  pengawas = await signIn(file.app, u.pengawas.username);
  admin = await signIn(file.app, u.admin.username);
  malangAdmin = await signIn(file.app, (await makeUser(deps, malang, ['dinas_admin'])).username);
  registryId = await fileCooperative(admin, pekalongan, 'KSP Dana Macet');
});

/** What a tenant transaction of Pekalongan sees of the cases, acting as `userId` (or nobody). */
const casesSeenAs = (userId: string | null) =>
  inTenantTransaction(file.deps.database.db, pekalongan.id, async (tx) => {
    await sql`select set_config('sokoguru.user_id', ${userId ?? ''}, true)`.execute(tx);
    const r = await sql<{ n: number }>`
      select (select count(*) from mediation_cases)::int + (select count(*) from mediation_parties)::int
           + (select count(*) from mediation_officers)::int as n`.execute(tx);
    return r.rows[0]!.n;
  });

describe('a mediation case', () => {
  it('is opened by the pembina with the pengawas assigned; the parties state their claims', async () => {
    const opened = await pembina.request('POST', base(), {
      registryId,
      kind: 'gagal_bayar',
      title: 'Simpanan berjangka anggota tidak dicairkan',
      summary: 'Dua anggota melapor simpanan berjangka jatuh tempo Agustus 2026 tidak dibayar.',
      openedOn: '2026-09-01',
      officerUserIds: [ids.pengawas],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const c = opened.json<Detail>();
    caseId = c.id;
    expect(c.status).toBe('open');
    expect(new Set(c.officers.map((o) => o.userId))).toEqual(new Set([ids.pembina, ids.pengawas]));
    for (const [name, claim] of [
      ['Siti Rahayu', '25000000'],
      ['Bambang Wijaya', '40000000'],
    ] as const) {
      const res = await pengawas.request('POST', `${base()}/${caseId}/parties`, {
        role: 'pengadu',
        name,
        claim: 'Simpanan berjangka jatuh tempo',
        claimRupiah: claim,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const coop = await pembina.request('POST', `${base()}/${caseId}/parties`, {
      role: 'koperasi',
      name: 'KSP Dana Macet (Ketua: H. Darmaji)',
    });
    expect(coop.json<Detail>().claimsRupiah).toBe('65000000');
  });

  it('is invisible to an officer not assigned and to another office, through the routes and the database', async () => {
    expect((await admin.request('GET', `${base()}/${caseId}`)).statusCode).toBe(404);
    expect((await admin.request('GET', base())).json<{ items: unknown[] }>().items).toEqual([]);
    expect(
      (
        await admin.request('POST', `${base()}/${caseId}/meetings`, {
          heldOn: '2026-10-01',
          attendees: 'x',
          minutes: 'x',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await malangAdmin.request('GET', `/api/v1/orgs/${malang.id}/mediation/cases/${caseId}`))
        .statusCode,
    ).toBe(404);
    // every route of a case, read or write, answers the unassigned officer 404 and writes nothing
    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['POST', '/officers', { userIds: [ids.admin] }],
      ['POST', '/parties', { role: 'pengadu', name: 'Penyusup' }],
      ['POST', '/meetings', { heldOn: '2026-10-01', attendees: 'x', minutes: 'x' }],
      [
        'POST',
        '/agreement',
        {
          signedOn: '2026-10-01',
          terms: 'x',
          totalRupiah: '1000',
          instalments: 1,
          firstDueOn: '2026-11-01',
        },
      ],
      ['POST', '/payments', { no: 1, paidOn: '2026-11-01', amountRupiah: '1' }],
      ['POST', '/close', { status: 'failed', note: 'x' }],
    ] as const)
      expect(
        (await admin.request(method, `${base()}/${caseId}${path}`, body)).statusCode,
        `${method} ${path}`,
      ).toBe(404);
    expect(await casesSeenAs(ids.admin)).toBe(0);
    expect(await casesSeenAs(null)).toBe(0);
    // one case, three parties, two officers for those assigned
    expect(await casesSeenAs(ids.pengawas)).toBe(6);
    // the case file shows the mediation to the assigned officer only
    const caseFile = (client: Client) =>
      client.request(
        'GET',
        `/api/v1/orgs/${pekalongan.id}/supervision/cooperatives/${registryId}/case-file?kinds=mediation`,
      );
    expect((await caseFile(pembina)).json<{ entries: unknown[] }>().entries).toHaveLength(1);
    expect((await caseFile(admin)).json<{ entries: unknown[] }>().entries).toHaveLength(0);
  });

  it('records a meeting and the agreement with its instalment plan adding up exactly', async () => {
    const future = await pembina.request('POST', `${base()}/${caseId}/meetings`, {
      heldOn: '2026-12-01',
      attendees: 'x',
      minutes: 'x',
    });
    expect(future.statusCode).toBe(400);
    const met = await pembina.request('POST', `${base()}/${caseId}/meetings`, {
      heldOn: '2026-09-15',
      place: 'Kantor Dinas Koperasi dan UKM Kota Pekalongan',
      attendees: 'Siti Rahayu, Bambang Wijaya, H. Darmaji (ketua), Lilik Handayani (pembina)',
      minutes: 'Koperasi mengakui kewajiban Rp 65 juta dan menyanggupi pembayaran bertahap.',
    });
    expect(met.json<Detail>().meetings).toHaveLength(1);
    const agreed = await pembina.request('POST', `${base()}/${caseId}/agreement`, {
      signedOn: '2026-09-30',
      terms: 'Koperasi membayar Rp 65.000.000 dalam tiga angsuran bulanan mulai 31 Oktober 2026.',
      totalRupiah: '65000000',
      instalments: 3,
      firstDueOn: '2026-10-31',
    });
    expect(agreed.statusCode, agreed.body).toBe(200);
    const a = agreed.json<Detail>();
    expect(a.status).toBe('agreement');
    expect(a.agreement!.instalments.map((i) => [i.dueOn, i.amountRupiah])).toEqual([
      ['2026-10-31', '21666666'],
      ['2026-11-30', '21666666'],
      ['2026-12-31', '21666668'],
    ]);
    // the first instalment was due on 31 October and is unpaid: overdue on 20 November
    expect(a.agreement!).toMatchObject({ overdueCount: 1, overdueRupiah: '21666666' });
    const again = await pembina.request('POST', `${base()}/${caseId}/agreement`, {
      signedOn: '2026-09-30',
      terms: 'x',
      totalRupiah: '1000',
      instalments: 1,
      firstDueOn: '2026-10-31',
    });
    expect(again.statusCode).toBe(400);
  });

  it('tracks payments; more than is due is refused and changes nothing; resolved only when fulfilled', async () => {
    const over = await pengawas.request('POST', `${base()}/${caseId}/payments`, {
      no: 1,
      paidOn: '2026-11-05',
      amountRupiah: '21666667',
    });
    expect(over.statusCode).toBe(400);
    const paid1 = await pengawas.request('POST', `${base()}/${caseId}/payments`, {
      no: 1,
      paidOn: '2026-11-05',
      amountRupiah: '21666666',
    });
    expect(paid1.json<Detail>().agreement).toMatchObject({
      paidRupiah: '21666666',
      owedRupiah: '43333334',
      overdueCount: 0,
    });
    const early = await pembina.request('POST', `${base()}/${caseId}/close`, {
      status: 'resolved',
      note: 'Selesai',
    });
    expect(early.statusCode).toBe(400);
    today = '2027-01-05';
    const p = await signIn(file.app, pembina.username);
    for (const [no, amount] of [
      [2, '21666666'],
      [3, '21666668'],
    ] as const)
      expect(
        (
          await p.request('POST', `${base()}/${caseId}/payments`, {
            no,
            paidOn: '2027-01-03',
            amountRupiah: amount,
          })
        ).statusCode,
      ).toBe(200);
    const done = await p.request('POST', `${base()}/${caseId}/close`, {
      status: 'resolved',
      note: 'Seluruh simpanan kedua anggota telah dibayar.',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<Detail>()).toMatchObject({ status: 'resolved' });
    const reopened = await p.request('POST', `${base()}/${caseId}/close`, {
      status: 'failed',
      note: 'x',
    });
    expect(reopened.statusCode).toBe(400);
    today = '2026-11-20';
  });

  it('refuses a case of a cooperative outside the region and officers who are not the office’s', async () => {
    const stranger = await makeUser(file.deps, malang, ['dinas_pembina']);
    const res = await pembina.request('POST', base(), {
      registryId,
      kind: 'sengketa',
      title: 'Sengketa SHU',
      summary: 'x',
      officerUserIds: [stranger.id],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { field: string }[] }>().errors[0]!.field).toBe('officerUserIds');
    const outside = await malangAdmin.request('POST', `/api/v1/orgs/${malang.id}/mediation/cases`, {
      registryId,
      kind: 'sengketa',
      title: 'Sengketa SHU',
      summary: 'x',
    });
    expect(outside.statusCode).toBe(404);
  });
});
