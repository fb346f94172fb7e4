import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { decide } from '../../../src/services/approvals.js';
import { registerMember } from '../../../src/services/members.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { createProduct, openAccount } from '../../../src/services/savings.js';
import { makeUser, signIn, testAppForFile, type Client } from '../../support/fixtures.js';
import { codeOf, staffContext } from '../../support/outcome.js';
import { memberInput } from '../savings/setup.js';

/**
 * The Dewan Pengawas Syariah of a KSPPS (issue 21 item 7; docs/domain/sharia-dps.md) through its
 * routes: members and the Permenkop 11/2017 composition status (a certificate's expiry turns it),
 * a new savings product and a nisbah change routed to the DPS (waiting while a DPS is in office),
 * decided only by a DPS member's login, the yearly opinion per book year; bad input is refused as
 * problem+json and changes nothing.
 */

const file = testAppForFile({ clock: () => new Date('2026-11-02T03:00:00Z') });
let serial = 0;

async function world(type: 'KSPPS' | 'KSP' = 'KSPPS') {
  const coop = await createOrganization(
    file.deps,
    {
      kind: 'cooperative',
      name: `${type} Uji DPS ${Date.now().toString(36)}${serial++}`,
      cooperativeType: type,
      cooperativeForm: 'primer',
      regencyCode: '3375',
      provinceCode: '33',
    },
    'test',
  );
  const users = {
    pengurus: await makeUser(file.deps, coop, ['pengurus']),
    pengawas: await makeUser(file.deps, coop, ['pengawas']),
    kasir: await makeUser(file.deps, coop, ['kasir']),
    dps1: await makeUser(file.deps, coop, ['dps']),
    dps2: await makeUser(file.deps, coop, ['dps']),
  };
  const clients: Record<keyof typeof users, Client> = {
    pengurus: await signIn(file.app, users.pengurus.username),
    pengawas: await signIn(file.app, users.pengawas.username),
    kasir: await signIn(file.app, users.kasir.username),
    dps1: await signIn(file.app, users.dps1.username),
    dps2: await signIn(file.app, users.dps2.username),
  };
  const pengurus = staffContext(coop.id, users.pengurus, ['pengurus']);
  return { coop, users, clients, pengurus, base: `/api/v1/orgs/${coop.id}/dps` };
}
type World = Awaited<ReturnType<typeof world>>;

const ustadz = (w: World, over: Record<string, unknown> = {}) => ({
  fullName: "KH. Abdullah Syafi'i, Lc.",
  isCooperativeMember: false,
  username: w.users.dps1.username,
  raDate: '2025-02-15',
  raReference: 'Berita Acara RAT Tahun Buku 2024 No. 02/RAT/II/2025',
  termStart: '2025-03-01',
  termEnd: '2027-02-28',
  declarations: {
    noConviction: { value: true, on: '2025-02-10' },
    noRelation: { value: true, on: '2025-02-10' },
  },
  ...over,
});

interface MemberOut {
  id: string;
  inOffice: boolean;
  certificates: { valid: boolean }[];
}
interface Overview {
  composition: {
    compliant: boolean;
    inOffice: number;
    certified: number;
    reasons: { code: string; name?: string }[];
  };
  members: MemberOut[];
  pendingReviews: number;
}

/** Two persons, the first certified until 2026-12-31: compliant today. */
async function seatDps(w: World) {
  const a = await w.clients.pengurus.request('POST', `${w.base}/members`, ustadz(w));
  expect(a.statusCode).toBe(201);
  const first = a.json<MemberOut>();
  const cert = await w.clients.pengurus.request(
    'POST',
    `${w.base}/members/${first.id}/certificates`,
    {
      kind: 'dsn_mui_training',
      issuer: 'Dewan Syariah Nasional MUI',
      number: 'DSN-MUI/PDPS/2023/0415',
      issuedOn: '2023-05-20',
      validUntil: '2026-12-31',
    },
  );
  expect(cert.statusCode).toBe(201);
  expect(cert.json<MemberOut>().certificates).toEqual([expect.objectContaining({ valid: true })]);
  const b = await w.clients.pengurus.request(
    'POST',
    `${w.base}/members`,
    ustadz(w, {
      fullName: 'Dr. Hj. Siti Maryam, M.E.Sy.',
      isCooperativeMember: true,
      username: w.users.dps2.username,
      termEnd: null,
    }),
  );
  expect(b.statusCode).toBe(201);
  return { first, second: b.json<MemberOut>() };
}

async function counts(coop: string) {
  const r = await sql<{ m: bigint; t: bigint; c: bigint; r: bigint; o: bigint }>`
    select (select count(*) from dps_members where cooperative_id = ${coop})::bigint as m,
           (select count(*) from dps_member_terms where cooperative_id = ${coop})::bigint as t,
           (select count(*) from dps_certificates where cooperative_id = ${coop})::bigint as c,
           (select count(*) from dps_reviews where cooperative_id = ${coop})::bigint as r,
           (select count(*) from dps_opinions where cooperative_id = ${coop})::bigint as o`.execute(
    file.deps.database.db,
  );
  return r.rows[0];
}

const mudharabah = (code: string) => ({
  code,
  name: `Tabungan Mudharabah ${code}`,
  akad: 'mudharabah' as const,
  settings: {
    kind: 'sukarela' as const,
    nisbahAnggotaBps: 3000,
    interestMethod: 'daily-balance' as const,
    autoOpen: false,
  },
});

describe('DPS members and composition (Permenkop 11/2017)', () => {
  it('none, one, two with a certificate; the certificate’s expiry turns the status', async () => {
    const w = await world();
    const none = (await w.clients.pengawas.request('GET', w.base)).json<Overview>();
    expect(none.composition).toMatchObject({ compliant: false, reasons: [{ code: 'DPS_NONE' }] });

    await seatDps(w);
    const ok = await w.clients.pengawas.request('GET', w.base);
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Overview>().composition).toMatchObject({
      compliant: true,
      inOffice: 2,
      certified: 1,
      reasons: [],
    });
    // the only certificate runs out on 2026-12-31: on 1 January the DPS is short of one
    const later = (
      await w.clients.pengawas.request('GET', `${w.base}?on=2027-01-01`)
    ).json<Overview>();
    expect(later.composition).toMatchObject({
      compliant: false,
      inOffice: 2,
      certified: 0,
      reasons: [{ code: 'DPS_NO_CERTIFIED' }],
    });
    expect(later.members[0]?.certificates[0]?.valid).toBe(false);
    // after the outsider's term (ends 2027-02-28) only one is left
    const after = (
      await w.clients.pengawas.request('GET', `${w.base}?on=2027-03-01`)
    ).json<Overview>();
    expect(after.composition.reasons.map((r) => r.code)).toEqual([
      'DPS_TOO_FEW',
      'DPS_NO_CERTIFIED',
    ]);
  });

  it('a renewal keeps the outsider in office; a declaration withdrawn is named in the status', async () => {
    const w = await world();
    const { first, second } = await seatDps(w);
    const renew = await w.clients.pengurus.request('POST', `${w.base}/members/${first.id}/terms`, {
      raDate: '2027-02-20',
      raReference: 'Berita Acara RAT Tahun Buku 2026 No. 02/RAT/II/2027',
      termStart: '2027-03-01',
      termEnd: '2029-02-28',
    });
    expect(renew.statusCode).toBe(201);
    const on = (
      await w.clients.pengawas.request('GET', `${w.base}?on=2027-03-01`)
    ).json<Overview>();
    expect(on.composition.inOffice).toBe(2);

    const decl = await w.clients.pengurus.request(
      'PUT',
      `${w.base}/members/${second.id}/declarations`,
      {
        noConviction: { value: true, on: '2025-02-10' },
        noRelation: { value: false, on: '2026-10-01' },
      },
    );
    expect(decl.statusCode).toBe(200);
    const now = (await w.clients.pengawas.request('GET', w.base)).json<Overview>();
    expect(now.composition).toMatchObject({
      compliant: false,
      reasons: [
        { code: 'DPS_TOO_FEW' },
        { code: 'DPS_DECLARATION_NEGATIVE', name: 'Dr. Hj. Siti Maryam, M.E.Sy.' },
      ],
    });
  });

  it('refuses bad input as problem+json and changes nothing', async () => {
    const w = await world();
    const { first } = await seatDps(w);
    const before = await counts(w.coop.id);
    // an outsider for three years
    const long = await w.clients.pengurus.request(
      'POST',
      `${w.base}/members`,
      ustadz(w, { fullName: 'Ustadz Hasan', username: null, termEnd: '2028-03-01' }),
      { 'accept-language': 'id' },
    );
    expect(long.statusCode).toBe(400);
    expect(long.headers['content-type']).toContain('application/problem+json');
    expect(long.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'DPS_TERM_TOO_LONG',
      detail: expect.stringContaining('2027-03-01'),
    });
    // an outsider with no end, a login that is not a DPS user, a certificate ending before issue
    expect(
      (
        await w.clients.pengurus.request(
          'POST',
          `${w.base}/members`,
          ustadz(w, { username: null, termEnd: null }),
        )
      ).json<{ code: string }>().code,
    ).toBe('DPS_TERM_REQUIRED');
    expect(
      (
        await w.clients.pengurus.request(
          'POST',
          `${w.base}/members`,
          ustadz(w, { username: w.users.kasir.username }),
        )
      ).json<{ code: string }>().code,
    ).toBe('DPS_USER_NOT_ALLOWED');
    // a login already linked to a DPS member on the board
    expect(
      (
        await w.clients.pengurus.request(
          'POST',
          `${w.base}/members`,
          ustadz(w, { fullName: 'Orang Lain' }),
        )
      ).json<{ code: string }>().code,
    ).toBe('DPS_USER_NOT_ALLOWED');
    const cert = await w.clients.pengurus.request(
      'POST',
      `${w.base}/members/${first.id}/certificates`,
      {
        kind: 'lsp_competency',
        issuer: 'LSP Keuangan Syariah',
        number: 'LSP-KS/2024/77',
        issuedOn: '2024-05-01',
        validUntil: '2024-04-30',
      },
    );
    expect(cert.statusCode).toBe(400);
    expect(cert.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
    // the same certificate twice
    const dup = await w.clients.pengurus.request(
      'POST',
      `${w.base}/members/${first.id}/certificates`,
      {
        kind: 'dsn_mui_training',
        issuer: 'Dewan Syariah Nasional MUI',
        number: 'DSN-MUI/PDPS/2023/0415',
        issuedOn: '2023-05-20',
      },
    );
    expect(dup.statusCode).toBe(409);
    // a teller may not record the DPS; the pengawas reads only
    expect((await w.clients.kasir.request('GET', w.base)).statusCode).toBe(403);
    expect(
      (await w.clients.pengawas.request('POST', `${w.base}/members`, ustadz(w))).statusCode,
    ).toBe(403);
    expect(await counts(w.coop.id)).toEqual(before);
  });

  it('a conventional cooperative has no DPS', async () => {
    const w = await world('KSP');
    const res = await w.clients.pengurus.request('GET', w.base);
    expect(res.statusCode).toBe(422);
    expect(res.json<{ code: string }>().code).toBe('DPS_NOT_SHARIA');
  });
});

describe('changes routed to the DPS', () => {
  it('without a DPS in office a new product takes effect, flagged for review', async () => {
    const w = await world();
    const p = await createProduct(file.deps, w.pengurus, mudharabah('SM'));
    expect(p.active).toBe(true);
    const reviews = await w.clients.pengurus.request('GET', `${w.base}/reviews?status=pending`);
    expect(reviews.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({ subject: 'savings_product', effect: 'flagged', status: 'pending' }),
    ]);
  });

  it('with a DPS in office a new product waits; only a DPS member’s login decides, with its opinion', async () => {
    const w = await world();
    await seatDps(w);
    const p = await createProduct(file.deps, w.pengurus, mudharabah('SMB'));
    expect(p.active).toBe(false);
    const pending = (await w.clients.dps1.request('GET', `${w.base}/reviews?status=pending`)).json<{
      items: { id: string; effect: string; savingsProductId: string }[];
    }>().items;
    expect(pending).toEqual([expect.objectContaining({ effect: 'waits', savingsProductId: p.id })]);
    const reviewId = pending[0]!.id;

    // no account under a product the DPS has not approved
    const member = await registerMember(
      file.deps,
      staffContext(w.coop.id, w.users.kasir, ['kasir']),
      memberInput(),
    );
    await decide(file.deps, w.pengurus, BigInt(member.approvalId), { approve: true });
    const open = () =>
      openAccount(file.deps, w.pengurus, { memberId: BigInt(member.id), productId: BigInt(p.id) });
    expect(await codeOf(open())).toBe('SAVINGS_PRODUCT_AWAITING_DPS');

    const opinion = {
      decision: 'approved',
      opinion: 'Akad mudharabah sesuai fatwa; nisbah 30:70 dicantumkan dalam akad setiap anggota.',
      fatwaReference: '02/DSN-MUI/IV/2000',
    };
    // the pengurus cannot decide for the DPS
    const byPengurus = await w.clients.pengurus.request(
      'POST',
      `${w.base}/reviews/${reviewId}/decide`,
      opinion,
    );
    expect(byPengurus.statusCode).toBe(403);
    const res = await w.clients.dps1.request(
      'POST',
      `${w.base}/reviews/${reviewId}/decide`,
      opinion,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'approved',
      opinion: opinion.opinion,
      fatwaReference: '02/DSN-MUI/IV/2000',
    });
    // decided once only
    const again = await w.clients.dps2.request(
      'POST',
      `${w.base}/reviews/${reviewId}/decide`,
      opinion,
    );
    expect(again.statusCode).toBe(409);
    expect((await open()).productId).toBe(p.id);
  });

  it('a nisbah change waits for the DPS: rejected changes nothing, approved applies', async () => {
    const w = await world();
    const p = await createProduct(file.deps, w.pengurus, mudharabah('SMN')); // before the DPS: active
    await seatDps(w);
    const url = `/api/v1/orgs/${w.coop.id}/savings-products/${p.id}/nisbah`;
    const nisbahOf = async () => {
      const r = await sql<{ n: number }>`select (settings->>'nisbahAnggotaBps')::int as n
        from savings_products where cooperative_id = ${w.coop.id} and id = ${BigInt(p.id)}`.execute(
        file.deps.database.db,
      );
      return r.rows[0]!.n;
    };
    const change = await w.clients.pengurus.request('PUT', url, { nisbahAnggotaBps: 3500 });
    expect(change.statusCode).toBe(200);
    const review = change.json<{ dpsReview: { id: string; effect: string; subject: string } }>()
      .dpsReview;
    expect(review).toMatchObject({ subject: 'nisbah_change', effect: 'waits' });
    expect(await nisbahOf()).toBe(3000);
    // a second change while one waits
    const twice = await w.clients.pengurus.request('PUT', url, { nisbahAnggotaBps: 3600 });
    expect(twice.json<{ code: string }>().code).toBe('SAVINGS_PRODUCT_AWAITING_DPS');

    const reject = await w.clients.dps2.request('POST', `${w.base}/reviews/${review.id}/decide`, {
      decision: 'rejected',
      opinion: 'Perubahan nisbah belum disertai kajian pendapatan; ditunda.',
    });
    expect(reject.statusCode).toBe(200);
    expect(await nisbahOf()).toBe(3000);

    const second = (await w.clients.pengurus.request('PUT', url, { nisbahAnggotaBps: 3500 })).json<{
      dpsReview: { id: string };
    }>().dpsReview;
    await w.clients.dps1.request('POST', `${w.base}/reviews/${second.id}/decide`, {
      decision: 'approved',
      opinion: 'Kenaikan nisbah anggota menjadi 35:65 sesuai fatwa 02/DSN-MUI/IV/2000.',
    });
    expect(await nisbahOf()).toBe(3500);

    // a wadiah product has no nisbah to change; nothing is routed
    const wadiah = await createProduct(file.deps, w.pengurus, {
      code: 'SW',
      name: 'Simpanan Wadiah',
      akad: 'wadiah',
      settings: { kind: 'sukarela', interestMethod: 'daily-balance' },
    });
    const before = await counts(w.coop.id);
    const bad = await w.clients.pengurus.request(
      'PUT',
      `/api/v1/orgs/${w.coop.id}/savings-products/${wadiah.id}/nisbah`,
      { nisbahAnggotaBps: 1000 },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ code: string }>().code).toBe('SAVINGS_PRODUCT_NISBAH_CHANGE_INVALID');
    expect(await counts(w.coop.id)).toEqual(before);
  });

  it('clauses (denda, ta’widh) are submitted for review and decided by the DPS', async () => {
    const w = await world();
    await seatDps(w);
    const sub = await w.clients.pengurus.request('POST', `${w.base}/reviews`, {
      subject: 'denda_clause',
      title: "Klausul ta'zir akad murabahah",
      text: "Anggota mampu yang menunda pembayaran dikenakan ta'zir Rp 5.000 per hari, disalurkan ke dana kebajikan.",
    });
    expect(sub.statusCode).toBe(201);
    const id = sub.json<{ id: string }>().id;
    const res = await w.clients.dps1.request('POST', `${w.base}/reviews/${id}/decide`, {
      decision: 'approved',
      opinion:
        "Sesuai fatwa 17/DSN-MUI/IX/2000: ta'zir bukan pendapatan, disalurkan ke dana sosial.",
      fatwaReference: '17/DSN-MUI/IX/2000',
    });
    expect(res.json()).toMatchObject({ status: 'approved', subject: 'denda_clause' });
  });
});

describe('the DPS’s yearly opinion', () => {
  it('is recorded by a DPS member, signed by members in office, and read per book year', async () => {
    const w = await world();
    const { first, second } = await seatDps(w);
    const body = {
      opinionDate: '2026-02-10',
      opinion:
        'Berdasarkan pengawasan selama tahun buku 2025, kegiatan usaha KSPPS telah sesuai dengan prinsip syariah dan fatwa DSN-MUI.',
      signedBy: [first.id, second.id],
      reportedToDsnOn: '2026-02-20',
      dsnReportReference: '012/DPS-KSPPS/II/2026',
    };
    // the pengurus cannot write the DPS's opinion
    expect(
      (await w.clients.pengurus.request('PUT', `${w.base}/opinions/2025`, body)).statusCode,
    ).toBe(403);
    // a signatory not in office on the date (the terms start 2025-03-01)
    const before = await counts(w.coop.id);
    const early = await w.clients.dps1.request('PUT', `${w.base}/opinions/2024`, {
      ...body,
      opinionDate: '2025-01-31',
      reportedToDsnOn: null,
      dsnReportReference: null,
    });
    expect(early.statusCode).toBe(400);
    expect(early.json<{ code: string }>().code).toBe('DPS_SIGNATORY_NOT_IN_OFFICE');
    expect(await counts(w.coop.id)).toEqual(before);

    const put = await w.clients.dps1.request('PUT', `${w.base}/opinions/2025`, body);
    expect(put.statusCode).toBe(200);
    const got = await w.clients.pengawas.request('GET', `${w.base}/opinions/2025`);
    expect(got.json()).toEqual({
      bookYear: 2025,
      opinionDate: '2026-02-10',
      opinion: body.opinion,
      signedBy: [
        { dpsMemberId: first.id, name: "KH. Abdullah Syafi'i, Lc." },
        { dpsMemberId: second.id, name: 'Dr. Hj. Siti Maryam, M.E.Sy.' },
      ],
      reportedToDsnOn: '2026-02-20',
      dsnReportReference: '012/DPS-KSPPS/II/2026',
    });
    const missing = await w.clients.pengawas.request('GET', `${w.base}/opinions/2024`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ code: string }>().code).toBe('DPS_OPINION_NOT_FOUND');
    // the rubric's checklist for 2025: composition on 31 December and the report are met; no
    // savings product has been approved (there is none)
    const checklist = await w.clients.pengawas.request('GET', `${w.base}/checklist/2025`);
    expect(
      checklist.json<{ items: { item: number; met: boolean }[] }>().items.map((i) => i.met),
    ).toEqual([true, true, false]);
    const list = await w.clients.pengawas.request('GET', `${w.base}/opinions`);
    expect(list.json<{ items: { bookYear: number }[] }>().items.map((o) => o.bookYear)).toEqual([
      2025,
    ]);
  });
});
