import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BALANCE_SHEET_LINES,
  INCOME_STATEMENT_LINES,
} from '../../../src/domain/supervision/report.js';
import { systemContext } from '../../../src/services/context.js';
import { notifyOfficers } from '../../../src/services/supervision/officer-queue.js';
import { createOrganization, type OrganizationView } from '../../../src/services/organizations.js';
import { makeUser, signIn, testAppForFile, type Client } from '../../support/fixtures.js';

/**
 * Officers' queues in Kota Pekalongan on 4 December 2026, quarterly reports due 30 days after each
 * quarter (2025-Q4 … 2026-Q3 due): the pembina is in charge of KSP Pembina Satu, the pengawas of
 * KSP Pengawas Dua. Satu has an inspection recommendation due 30 November not done, a manager's
 * certificate ending 31 January 2027, sent its 2026-Q3 report only, held no RAT for 2025; Dua
 * held its RAT and sent every report. Another pembina mediates a gagal bayar of Satu with the
 * pengawas (Satu's pembina not assigned) whose instalments due 31 October and 30 November were not paid.
 * Malang sees nothing.
 */

// the records are made on 20 November, the queues read on 4 December
let today = '2026-11-20';
const file = testAppForFile({ clock: () => new Date(`${today}T03:00:00Z`) });
let pekalongan: OrganizationView;
let malang: OrganizationView;
let admin: Client;
let pembina: Client;
let pengawas: Client;
let mediator: Client;
let malangAdmin: Client;
const ids = { admin: '', pembina: '', pengawas: '', mediator: '', satu: '', dua: '' };
const base = () => `/api/v1/orgs/${pekalongan.id}`;

interface Queue {
  officer: { userId: string };
  counts: { total: number; overdue: number; byKind: Record<string, number> };
  items: {
    kind: string;
    cooperative: string;
    registryId: string;
    overdue: boolean;
    severity: number;
    dueOn: string | null;
    subject: string;
  }[];
}

async function ok(p: Promise<{ statusCode: number; body: string }>, status = 200) {
  const r = await p;
  expect(r.statusCode, r.body).toBe(status);
  return JSON.parse(r.body) as { id: string };
}

const zero = (keys: readonly { key: string }[]) =>
  Object.fromEntries(keys.map((l) => [l.key, '0']));
/** A sound quarterly report (as in early-warning.test.ts). */
const report = (period: string) => ({
  kind: 'quarterly',
  period,
  balanceSheet: {
    ...zero(BALANCE_SHEET_LINES),
    kasBank: '45000000',
    pinjamanAnggota: '400000000',
    simpananSukarela: '300000000',
    simpananPokok: '20000000',
    simpananWajib: '150000000',
    shuTahunBerjalan: String(400_000_000 + 45_000_000 - 300_000_000 - 170_000_000),
  },
  incomeStatement: { ...zero(INCOME_STATEMENT_LINES), pendapatanPartisipasiAnggota: '10000000' },
  loans: {
    lancar: { loans: 90, outstandingRupiah: '400000000', requiredProvisionRupiah: '0' },
    kurangLancar: { loans: 0, outstandingRupiah: '0', requiredProvisionRupiah: '0' },
    diragukan: { loans: 0, outstandingRupiah: '0', requiredProvisionRupiah: '0' },
    macet: { loans: 0, outstandingRupiah: '0', requiredProvisionRupiah: '0' },
  },
  members: { count: 150, men: null, women: null },
});

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
  const u = {
    admin: await makeUser(deps, pekalongan, ['dinas_admin']),
    pembina: await makeUser(deps, pekalongan, ['dinas_pembina']),
    pengawas: await makeUser(deps, pekalongan, ['dinas_pengawas']),
    mediator: await makeUser(deps, pekalongan, ['dinas_pembina']),
  };
  mediator = await signIn(file.app, u.mediator.username);
  ids.admin = u.admin.id;
  ids.pembina = u.pembina.id;
  ids.pengawas = u.pengawas.id;
  ids.mediator = u.mediator.id;
  admin = await signIn(file.app, u.admin.username);
  pembina = await signIn(file.app, u.pembina.username);
  pengawas = await signIn(file.app, u.pengawas.username);
  const malangUser = await makeUser(deps, malang, ['dinas_admin']);
  malangAdmin = await signIn(file.app, malangUser.username);
  await ok(
    admin.request('POST', `${base()}/supervision/reports/schedules`, {
      kind: 'quarterly',
      dueDays: 30,
      required: true,
      effectiveFrom: '2024-01-01',
    }),
    201,
  );
  for (const [key, name] of [
    ['satu', 'KSP Pembina Satu'],
    ['dua', 'KSP Pengawas Dua'],
  ] as const) {
    const c = await ok(
      admin.request('POST', `${base()}/registry`, {
        name,
        cooperativeType: 'KSP',
        cooperativeForm: 'primer',
        membershipArea: 'regency',
        provinceCode: '33',
        regencyCode: '3375',
      }),
      201,
    );
    ids[key] = c.id;
  }
  await ok(
    admin.request('PUT', `${base()}/registry/${ids.satu}/officer`, { officerUserId: ids.pembina }),
  );
  await ok(
    admin.request('PUT', `${base()}/registry/${ids.dua}/officer`, { officerUserId: ids.pengawas }),
  );
  // Dua: every due report and its RAT; Satu: 2026-Q3 only, no RAT
  const rows = [
    ...['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'].map((p) => [ids.dua, p] as const),
    [ids.satu, '2026-Q3'] as const,
  ];
  for (const [registryId, period] of rows)
    await ok(
      admin.request(
        'POST',
        `${base()}/supervision/reports/cooperatives/${registryId}`,
        report(period),
      ),
      201,
    );
  await ok(
    admin.request('POST', `${base()}/registry/${ids.dua}/rats`, {
      bookYear: 2025,
      heldOn: '2026-04-20',
    }),
  );
  await ok(
    admin.request('POST', `${base()}/registry/${ids.dua}/rats`, {
      bookYear: 2024,
      heldOn: '2025-04-20',
    }),
  );
  // an inspection of Satu with a recommendation past due
  const v = await ok(
    pengawas.request('POST', `${base()}/inspections`, {
      registryId: ids.satu,
      plannedOn: '2026-11-02',
      purpose: 'Pemeriksaan tata kelola',
      officerUserIds: [ids.pengawas],
    }),
    201,
  );
  const f = await ok(
    pengawas.request('POST', `${base()}/inspections/${v.id}/findings`, {
      description: 'Tidak ada SOP simpan pinjam tertulis',
    }),
    201,
  );
  await ok(
    pengawas.request('POST', `${base()}/inspections/findings/${f.id}/recommendations`, {
      text: 'Susun SOP tertulis',
      dueOn: '2026-11-30',
    }),
    201,
  );
  // teguran I to Satu on that finding, delivered, correction due 30 November
  const t1 = await ok(
    pengawas.request('POST', `${base()}/sanctions/letters`, {
      registryId: ids.satu,
      step: 'teguran_1',
      findingIds: [f.id],
      correction: 'Susun SOP tertulis',
      deadlineOn: '2026-11-30',
    }),
    201,
  );
  await ok(
    pengawas.request('POST', `${base()}/sanctions/letters/${t1.id}/delivery`, {
      deliveredOn: '2026-11-20',
      method: 'hand',
      receivedBy: 'Ketua pengurus',
    }),
  );
  // teguran I to Dua, never recorded as delivered
  const v2 = await ok(
    pengawas.request('POST', `${base()}/inspections`, {
      registryId: ids.dua,
      plannedOn: '2026-11-10',
      purpose: 'Pemeriksaan kepatuhan',
      officerUserIds: [ids.pengawas],
    }),
    201,
  );
  const f2 = await ok(
    pengawas.request('POST', `${base()}/inspections/${v2.id}/findings`, {
      description: 'Buku anggota tidak mutakhir',
    }),
    201,
  );
  await ok(
    pengawas.request('POST', `${base()}/inspections/findings/${f2.id}/recommendations`, {
      text: 'Mutakhirkan buku anggota',
      dueOn: '2026-12-31',
    }),
    201,
  );
  await ok(
    pengawas.request('POST', `${base()}/sanctions/letters`, {
      registryId: ids.dua,
      step: 'teguran_1',
      findingIds: [f2.id],
      correction: 'Mutakhirkan buku anggota',
      deadlineOn: '2026-12-31',
    }),
    201,
  );
  // early-warning alerts on Satu: an NPL one (shown) and a RAT one (the queue shows the RAT itself)
  await sql`insert into early_warning_alerts
      (organization_id, registry_id, rule, severity, value, threshold, officer_user_id, raised_on, checked_on)
    values (${pekalongan.id}, ${ids.satu}, 'npl', 3, '1600', '500', ${ids.pembina}, '2026-11-15', '2026-11-15'),
           (${pekalongan.id}, ${ids.satu}, 'rat', 3, 'not_held', '2026-06-30', ${ids.pembina}, '2026-11-15', '2026-11-15')`.execute(
    file.deps.database.db,
  );
  await ok(
    pembina.request('POST', `${base()}/certificates`, {
      registryId: ids.satu,
      holderName: 'Siti Aminah',
      position: 'manajer',
      scheme: 'Manajer Koperasi Simpan Pinjam',
      certificateNumber: 'LSP-KJK-2024-0001',
      issuer: 'LSP Koperasi Jasa Keuangan',
      issuedOn: '2024-02-01',
      validUntil: '2027-01-31',
    }),
    201,
  );
  // a second pembina mediates for Satu with the pengawas; Satu's pembina is not assigned
  const m = await ok(
    mediator.request('POST', `${base()}/mediation/cases`, {
      registryId: ids.satu,
      kind: 'gagal_bayar',
      title: 'Simpanan berjangka tidak dicairkan',
      summary: 'Anggota melapor simpanan berjangka tidak dibayar.',
      openedOn: '2026-09-01',
      officerUserIds: [ids.pengawas],
    }),
    201,
  );
  await ok(
    mediator.request('POST', `${base()}/mediation/cases/${m.id}/meetings`, {
      heldOn: '2026-09-15',
      attendees: 'Para pihak',
      minutes: 'Koperasi menyanggupi pembayaran bertahap.',
    }),
  );
  await ok(
    mediator.request('POST', `${base()}/mediation/cases/${m.id}/agreement`, {
      signedOn: '2026-09-30',
      terms: 'Tiga angsuran bulanan mulai 31 Oktober 2026.',
      totalRupiah: '30000000',
      instalments: 3,
      firstDueOn: '2026-10-31',
    }),
  );
  // two weeks on: the sessions of the 20th have ended, everyone signs in again
  today = '2026-12-04';
  admin = await signIn(file.app, u.admin.username);
  pembina = await signIn(file.app, u.pembina.username);
  pengawas = await signIn(file.app, u.pengawas.username);
  malangAdmin = await signIn(file.app, malangUser.username);
});

const queueOf = async (c: Client, officer?: string) => {
  const res = await c.request(
    'GET',
    `${base()}/officer-queue${officer ? `?officerUserId=${officer}` : ''}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Queue>();
};

describe('an officer’s queue', () => {
  it('lists what is due about the cooperatives in the officer’s charge, overdue first', async () => {
    const q = await queueOf(pembina);
    expect(q.officer.userId).toBe(ids.pembina);
    expect(new Set(q.items.map((i) => i.cooperative))).toEqual(new Set(['KSP Pembina Satu']));
    expect(q.counts.byKind).toMatchObject({
      recommendation_overdue: 1,
      certificate_expiring: 1,
      report_missing: 3,
      rat_not_held: 1,
      instalment_overdue: 0,
      sanction_step_allowed: 1,
      letter_undelivered: 0,
      alert_open: 1,
    });
    expect(q.items.find((i) => i.kind === 'sanction_step_allowed')).toMatchObject({
      overdue: true,
      dueOn: '2026-11-30',
      severity: 2,
      subject: expect.stringMatching(
        /^500\.12\/\d{3}\/DINKOP\/2026 → Teguran Tertulis II$/,
      ) as unknown,
    });
    expect(q.items.find((i) => i.kind === 'alert_open')).toMatchObject({
      overdue: false,
      severity: 3,
      subject: 'npl: 16 % (batas 5 %)',
    });
    expect(q.items.find((i) => i.kind === 'recommendation_overdue')).toMatchObject({
      overdue: true,
      dueOn: '2026-11-30',
      severity: 2,
      subject: 'Susun SOP tertulis',
    });
    expect(q.items.find((i) => i.kind === 'certificate_expiring')).toMatchObject({
      overdue: false,
      severity: 1,
    });
    // the RAT of 2025 not held, nor 2024's: critical
    expect(q.items.find((i) => i.kind === 'rat_not_held')).toMatchObject({
      severity: 3,
      subject: '2025',
      dueOn: '2026-06-30',
    });
    expect(
      q.items
        .filter((i) => i.kind === 'report_missing')
        .map((i) => i.subject)
        .sort(),
    ).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
    const firstNotOverdue = q.items.findIndex((i) => !i.overdue);
    expect(q.items.slice(firstNotOverdue).every((i) => !i.overdue)).toBe(true);
    expect(q.counts.overdue).toBe(firstNotOverdue);
  });

  it('shows overdue instalments only of the mediation cases the officer is assigned to', async () => {
    const mine = await queueOf(pengawas);
    expect(mine.items.filter((i) => i.kind === 'instalment_overdue')).toMatchObject([
      { cooperative: 'KSP Pembina Satu', overdue: true, dueOn: '2026-10-31', daysOverdue: 34 },
      { cooperative: 'KSP Pembina Satu', overdue: true, dueOn: '2026-11-30', daysOverdue: 4 },
    ]);
    // Dua's letter, a fortnight without a recorded delivery
    expect(mine.items.filter((i) => i.kind !== 'instalment_overdue')).toMatchObject([
      {
        kind: 'letter_undelivered',
        cooperative: 'KSP Pengawas Dua',
        overdue: true,
        daysOverdue: 7,
        subject: expect.stringMatching(/^Teguran Tertulis I 500\.12\//) as unknown,
      },
    ]);
    // the administrator reads the pengawas's queue, but not the case it is not assigned to
    const seen = await queueOf(admin, ids.pengawas);
    expect(seen.items.filter((i) => i.kind === 'instalment_overdue')).toEqual([]);
    expect((await queueOf(pembina)).counts.byKind.instalment_overdue).toBe(0);
  });

  it('another officer’s queue is forbidden to a non-administrator; an unknown officer is refused', async () => {
    const other = await pembina.request(
      'GET',
      `${base()}/officer-queue?officerUserId=${ids.pengawas}`,
    );
    expect(other.statusCode).toBe(403);
    const unknown = await admin.request(
      'GET',
      `${base()}/officer-queue?officerUserId=00000000-0000-4000-8000-000000000001`,
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json<{ errors: { field: string; code: string }[] }>().errors[0]).toMatchObject({
      field: 'officerUserId',
      code: 'NOT_AN_OFFICER',
    });
    const malformed = await admin.request('GET', `${base()}/officer-queue?officerUserId=abc`);
    expect(malformed.statusCode).toBe(400);
  });

  it('another office sees none of it', async () => {
    const own = await malangAdmin.request('GET', `/api/v1/orgs/${malang.id}/officer-queue`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json<Queue>().items).toEqual([]);
    const theirs = await malangAdmin.request(
      'GET',
      `/api/v1/orgs/${malang.id}/officer-queue?officerUserId=${ids.pembina}`,
    );
    expect(theirs.statusCode).toBe(400);
    expect((await malangAdmin.request('GET', `${base()}/officer-queue`)).statusCode).toBe(403);
    expect((await malangAdmin.request('POST', `${base()}/officer-queue/notify`)).statusCode).toBe(
      403,
    );
  });
});

describe('the daily digest', () => {
  const digests = () =>
    file.deps.database.db.transaction().execute(async (tx) => {
      const r = await sql<{ user_id: string; channel: string; body: string; dedupe_key: string }>`
        select user_id, channel, body, dedupe_key from message_outbox
        where cooperative_id = ${pekalongan.id} and template = 'officer-queue.digest'
        order by id`.execute(tx);
      return r.rows;
    });

  it('queues one digest per officer with items, once a day; the pengawas may not send them', async () => {
    expect((await pengawas.request('POST', `${base()}/officer-queue/notify`)).statusCode).toBe(403);
    const res = await pembina.request('POST', `${base()}/officer-queue/notify`);
    expect(res.statusCode, res.body).toBe(200);
    // the mediator has no cooperative but the case's instalment: three digests
    expect(res.json()).toMatchObject({ officers: 4, digestsQueued: 3 });
    const rows = await digests();
    expect(rows.map((r) => r.user_id).sort()).toEqual(
      [ids.pembina, ids.pengawas, ids.mediator].sort(),
    );
    const forPembina = rows.find((r) => r.user_id === ids.pembina)!;
    expect(forPembina.dedupe_key).toBe(`officer-queue:${ids.pembina}:2026-12-04`);
    expect(forPembina.channel).toBe('console');
    expect(forPembina.body).toContain('KSP Pembina Satu');
    expect(forPembina.body).toContain('Tugas saya');
    // the pengawas's digest names the mediation, the pembina's does not
    expect(rows.find((r) => r.user_id === ids.pengawas)!.body).toContain(
      'Simpanan berjangka tidak dicairkan',
    );
    expect(forPembina.body).not.toContain('Simpanan berjangka');
    const again = await admin.request('POST', `${base()}/officer-queue/notify`);
    expect(again.json()).toMatchObject({ digestsQueued: 0 });
    expect(await digests()).toHaveLength(3);
  });

  it('the next day tells only the officer with something new, and only of that', async () => {
    today = '2026-12-05';
    const ctx = systemContext(pekalongan.id, 'test');
    expect(await notifyOfficers(file.deps, ctx)).toMatchObject({ digestsQueued: 0 });
    await sql`insert into early_warning_alerts
        (organization_id, registry_id, rule, severity, value, threshold, officer_user_id, raised_on, checked_on)
      values (${pekalongan.id}, ${ids.satu}, 'capital', 2, '400', '1000', ${ids.pembina}, '2026-12-05', '2026-12-05')`.execute(
      file.deps.database.db,
    );
    expect(await notifyOfficers(file.deps, ctx)).toMatchObject({
      digestsQueued: 1,
      itemsReported: 1,
    });
    const last = (await digests()).at(-1)!;
    expect(last.user_id).toBe(ids.pembina);
    expect(last.dedupe_key).toBe(`officer-queue:${ids.pembina}:2026-12-05`);
    expect(last.body).toContain('1 baru atau berubah');
    expect(last.body).toContain('capital');
  });
});
