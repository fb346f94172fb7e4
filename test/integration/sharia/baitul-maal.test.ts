import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { decide } from '../../../src/services/approvals.js';
import { inOrg } from '../../../src/services/context.js';
import { postEntry } from '../../../src/services/ledger.js';
import { registerMember } from '../../../src/services/members.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { makeUser, signIn, testAppForFile, type Client } from '../../support/fixtures.js';
import { codeOf, staffContext } from '../../support/outcome.js';
import { memberInput } from '../savings/setup.js';

/**
 * Baitul maal of a KSPPS (issue 21 item 5; docs/domain/baitul-maal.md) through its routes:
 * receipts and distributions post balanced journals; zakat never pays a business expense (service
 * and database); no distribution beyond the balance; other cooperatives see nothing; roles.
 */

const file = testAppForFile({ clock: () => new Date('2026-11-02T03:00:00Z') });
let serial = 0;
let keySerial = 0;

async function world() {
  const coop = await createOrganization(
    file.deps,
    {
      kind: 'cooperative',
      name: `KSPPS Uji Baitul Maal ${Date.now().toString(36)}${serial++}`,
      cooperativeType: 'KSPPS',
      cooperativeForm: 'primer',
      regencyCode: '3375',
      provinceCode: '33',
    },
    'test',
  );
  const users = {
    pengurus: await makeUser(file.deps, coop, ['pengurus']),
    kasir: await makeUser(file.deps, coop, ['kasir']),
    pengawas: await makeUser(file.deps, coop, ['pengawas']),
    kredit: await makeUser(file.deps, coop, ['petugas_kredit']),
  };
  const clients = {
    pengurus: await signIn(file.app, users.pengurus.username),
    kasir: await signIn(file.app, users.kasir.username),
    pengawas: await signIn(file.app, users.pengawas.username),
    kredit: await signIn(file.app, users.kredit.username),
  };
  return { coop, users, clients, base: `/api/v1/orgs/${coop.id}/baitul-maal` };
}

const post = (c: Client, url: string, body: unknown, lang?: string) =>
  c.request('POST', url, body, {
    'idempotency-key': `bm-${Date.now()}-${keySerial++}`,
    ...(lang ? { 'accept-language': lang } : {}),
  });

async function entryLines(coop: string, entryId: string) {
  const r = await sql<{ code: string; debit: bigint; credit: bigint }>`
    select a.code, l.debit_rupiah as debit, l.credit_rupiah as credit
      from journal_lines l join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
     where l.cooperative_id = ${coop} and l.entry_id = ${BigInt(entryId)} order by l.line_no`.execute(
    file.deps.database.db,
  );
  return r.rows.map((l) => [l.code, l.debit.toString(), l.credit.toString()]);
}

async function counts(coop: string) {
  const r = await sql<{ entries: bigint; dist: bigint }>`
    select (select count(*) from journal_entries where cooperative_id = ${coop})::bigint as entries,
           (select count(*) from baitul_maal_distributions where cooperative_id = ${coop})::bigint as dist`.execute(
    file.deps.database.db,
  );
  return r.rows[0];
}

const fundOf = async (c: Client, base: string, fund: string) =>
  (await c.request('GET', base))
    .json<{ funds: { fund: string; balanceRupiah: string; cashRupiah: string }[] }>()
    .funds.find((f) => f.fund === fund);

describe('baitul maal', () => {
  it('a zakat receipt and its distribution to an asnaf post balanced journals on the fund’s own accounts', async () => {
    const w = await world();
    const rec = await post(w.clients.kasir, `${w.base}/receipts`, {
      fund: 'zakat',
      receiptDate: '2026-11-02',
      source: 'public',
      giverName: 'H. Abdul Karim',
      amountRupiah: '2500000',
      description: 'Zakat maal',
    });
    expect(rec.statusCode).toBe(201);
    const r = rec.json<{ entryId: string; posted: { number: string } }>();
    expect(r.posted.number).toMatch(/^BM\/2026\/1$/);
    // Dr Kas/bank dana zakat, Cr Dana zakat
    expect(await entryLines(w.coop.id, r.entryId)).toEqual([
      ['1171', '2500000', '0'],
      ['2131', '0', '2500000'],
    ]);
    const dist = await post(w.clients.pengurus, `${w.base}/distributions`, {
      fund: 'zakat',
      distributionDate: '2026-11-03',
      asnaf: 'fakir',
      recipientName: 'Mbah Sutinah',
      amountRupiah: '1000000',
      description: 'Zakat untuk fakir, Kel. Kuripan Lor',
    });
    expect(dist.statusCode).toBe(201);
    const d = dist.json<{ entryId: string; asnaf: string }>();
    expect(d.asnaf).toBe('fakir');
    expect(await entryLines(w.coop.id, d.entryId)).toEqual([
      ['2131', '1000000', '0'],
      ['1171', '0', '1000000'],
    ]);
    expect(await fundOf(w.clients.pengawas, w.base, 'zakat')).toMatchObject({
      balanceRupiah: '1500000',
      cashRupiah: '1500000',
    });
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
  });

  it('zakat cannot be spent on a tamwil expense: problem+json 400 in Indonesian and nothing changed', async () => {
    const w = await world();
    await post(w.clients.kasir, `${w.base}/receipts`, {
      fund: 'zakat',
      receiptDate: '2026-11-02',
      source: 'public',
      giverName: 'Hj. Siti Aminah',
      amountRupiah: '3000000',
      description: 'Zakat maal',
    });
    const before = await counts(w.coop.id);
    const body = {
      fund: 'zakat',
      distributionDate: '2026-11-03',
      asnaf: 'amil',
      recipientName: 'Gaji karyawan',
      amountRupiah: '500000',
      cashAccountCode: '5201',
      description: 'Gaji karyawan dari dana zakat',
    };
    const res = await post(w.clients.pengurus, `${w.base}/distributions`, body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json<{ code: string; detail: string }>();
    expect(problem.code).toBe('BAITUL_MAAL_TAMWIL_USE_REFUSED');
    expect(problem.detail).toContain(
      'Dana zakat tidak boleh dipakai untuk beban atau pendapatan usaha',
    );
    expect(problem.detail).toContain('5201');
    const en = await post(w.clients.pengurus, `${w.base}/distributions`, body, 'en');
    expect(en.json<{ detail: string }>().detail).toContain(
      'may not pay a business (tamwil) expense',
    );
    expect(await counts(w.coop.id)).toEqual(before);
    expect(await fundOf(w.clients.pengurus, w.base, 'zakat')).toMatchObject({
      balanceRupiah: '3000000',
    });
  });

  it('the database refuses any journal that moves fund money to a business account (a memorial entry too)', async () => {
    const w = await world();
    await post(w.clients.kasir, `${w.base}/receipts`, {
      fund: 'zakat',
      receiptDate: '2026-11-02',
      source: 'public',
      giverName: 'Hj. Siti Aminah',
      amountRupiah: '3000000',
      description: 'Zakat maal',
    });
    const ctx = staffContext(w.coop.id, w.users.pengurus, ['pengurus']);
    const before = await counts(w.coop.id);
    const spend = (debit: string, credit: string) =>
      inOrg(file.deps, ctx, (o) =>
        postEntry(o, {
          entryDate: '2026-11-04',
          description: 'Menutup beban dari dana zakat',
          source: { type: 'ledger.manual' },
          lines: [
            { account: { code: debit }, debitRupiah: 400_000n },
            { account: { code: credit }, creditRupiah: 400_000n },
          ],
        }),
      );
    // the fund's own cash pays an expense; the fund itself becomes income
    expect(await codeOf(spend('5209', '1171'))).toBe('BAITUL_MAAL_TAMWIL_USE_REFUSED');
    expect(await codeOf(spend('2131', '4201'))).toBe('BAITUL_MAAL_TAMWIL_USE_REFUSED');
    expect(await counts(w.coop.id)).toEqual(before);
    // ta'zir into the kebajikan fund beside income is still allowed (money into a fund)
    await inOrg(file.deps, ctx, (o) =>
      postEntry(o, {
        entryDate: '2026-11-04',
        description: "Angsuran dengan margin dan ta'zir",
        source: { type: 'loan.repayment' },
        lines: [
          { account: { code: '1101' }, debitRupiah: 160_000n },
          { account: { code: '4101' }, creditRupiah: 150_000n },
          { account: { code: '2120' }, creditRupiah: 10_000n },
        ],
      }),
    );
    expect(await fundOf(w.clients.pengurus, w.base, 'kebajikan')).toMatchObject({
      balanceRupiah: '10000',
    });
  });

  it('over-distribution, zakat without asnaf and wakaf principal are refused and post nothing', async () => {
    const w = await world();
    await post(w.clients.kasir, `${w.base}/receipts`, {
      fund: 'zakat',
      receiptDate: '2026-11-02',
      source: 'public',
      giverName: 'H. Abdul Karim',
      amountRupiah: '1000000',
      description: 'Zakat',
    });
    await post(w.clients.kasir, `${w.base}/receipts`, {
      fund: 'wakaf',
      receiptDate: '2026-11-02',
      source: 'public',
      giverName: 'Keluarga Bpk. Rofiq',
      amountRupiah: '5000000',
      description: 'Wakaf uang',
    });
    const before = await counts(w.coop.id);
    const over = await post(w.clients.pengurus, `${w.base}/distributions`, {
      fund: 'zakat',
      distributionDate: '2026-11-03',
      asnaf: 'miskin',
      recipientName: 'Bpk. Darsono',
      amountRupiah: '1000001',
      description: 'Zakat untuk miskin',
    });
    expect(over.statusCode).toBe(422);
    expect(over.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'BAITUL_MAAL_FUND_INSUFFICIENT',
      detail: 'Saldo dana zakat tidak cukup: saldo Rp1000000, diminta Rp1000001.',
    });
    const noAsnaf = await post(w.clients.pengurus, `${w.base}/distributions`, {
      fund: 'zakat',
      distributionDate: '2026-11-03',
      recipientName: 'Bpk. Darsono',
      amountRupiah: '1000',
      description: 'Tanpa asnaf',
    });
    expect(noAsnaf.json<{ code: string }>().code).toBe('BAITUL_MAAL_ASNAF_REQUIRED');
    const wakaf = await post(w.clients.pengurus, `${w.base}/distributions`, {
      fund: 'wakaf',
      distributionDate: '2026-11-03',
      purpose: 'sumbangan_sosial',
      recipientName: 'Masjid Al-Ikhlas',
      amountRupiah: '1000',
      description: 'Dari pokok wakaf',
    });
    expect(wakaf.json<{ code: string }>().code).toBe('BAITUL_MAAL_WAKAF_PRINCIPAL');
    expect(await counts(w.coop.id)).toEqual(before);
  });

  it('non-halal bank interest is dana kebajikan, never income, and shows in the kebajikan report', async () => {
    const w = await world();
    const res = await post(w.clients.kasir, `${w.base}/non-halal-receipts`, {
      receiptDate: '2026-11-30',
      giverName: 'Bank BRI Cabang Pekalongan',
      amountRupiah: '37500',
      cashAccountCode: '1103',
      description: 'Jasa giro November',
    });
    expect(res.statusCode).toBe(201);
    const r = res.json<{ entryId: string; fund: string; source: string }>();
    expect(r).toMatchObject({ fund: 'kebajikan', source: 'non_halal' });
    expect(await entryLines(w.coop.id, r.entryId)).toEqual([
      ['1103', '37500', '0'],
      ['2120', '0', '37500'],
    ]);
    // a non-halal receipt into zakat is refused
    const wrong = await post(w.clients.kasir, `${w.base}/receipts`, {
      fund: 'zakat',
      receiptDate: '2026-11-30',
      source: 'non_halal',
      giverName: 'Bank BRI',
      amountRupiah: '100',
      description: 'Bunga bank',
    });
    expect(wrong.json<{ code: string }>().code).toBe('BAITUL_MAAL_SOURCE_NOT_ALLOWED');
    await post(w.clients.pengurus, `${w.base}/distributions`, {
      fund: 'kebajikan',
      distributionDate: '2026-12-01',
      purpose: 'bencana',
      recipientName: 'Korban banjir Tirto',
      amountRupiah: '30000',
      description: 'Bantuan banjir rob',
    });
    const rep = await w.clients.pengawas.request(
      'GET',
      `${w.base}/reports/kebajikan?from=2026-12-01&to=2026-12-31`,
    );
    expect(rep.statusCode).toBe(200);
    expect(rep.json()).toEqual({
      fund: 'kebajikan',
      from: '2026-12-01',
      to: '2026-12-31',
      openingRupiah: '37500',
      receipts: [],
      receiptsTotalRupiah: '0',
      distributions: [{ key: 'bencana', amountRupiah: '30000' }],
      distributionsTotalRupiah: '30000',
      closingRupiah: '7500',
    });
  });

  it('the zakat report: opening, receipts by source, distributions by asnaf, closing', async () => {
    const w = await world();
    const ctx = staffContext(w.coop.id, w.users.kasir, ['kasir']);
    const pengurus = staffContext(w.coop.id, w.users.pengurus, ['pengurus']);
    const m = await registerMember(file.deps, ctx, memberInput());
    await decide(file.deps, pengurus, BigInt(m.approvalId), { approve: true });
    const give = (date: string, source: string, amount: string, extra: object = {}) =>
      post(w.clients.kasir, `${w.base}/receipts`, {
        fund: 'zakat',
        receiptDate: date,
        source,
        amountRupiah: amount,
        description: 'Zakat',
        ...extra,
      });
    expect(
      (await give('2026-10-15', 'public', '400000', { giverName: 'Hamba Allah' })).statusCode,
    ).toBe(201);
    const byMember = await give('2026-11-05', 'member', '1250000', { memberId: m.id });
    expect(byMember.json<{ giverName: string }>().giverName).toBe(memberInput().fullName);
    await give('2026-11-06', 'public', '600000', { giverName: 'Hamba Allah' });
    for (const [asnaf, amount] of [
      ['miskin', '700000'],
      ['gharimin', '300000'],
    ])
      await post(w.clients.pengurus, `${w.base}/distributions`, {
        fund: 'zakat',
        distributionDate: '2026-11-20',
        asnaf,
        recipientName: 'Penerima',
        amountRupiah: amount,
        description: 'Penyaluran zakat',
      });
    const rep = await w.clients.pengurus.request(
      'GET',
      `${w.base}/reports/zakat?from=2026-11-01&to=2026-11-30`,
    );
    expect(rep.json()).toMatchObject({
      openingRupiah: '400000',
      receipts: [
        { key: 'member', amountRupiah: '1250000' },
        { key: 'public', amountRupiah: '600000' },
      ],
      receiptsTotalRupiah: '1850000',
      distributions: [
        { key: 'gharimin', amountRupiah: '300000' },
        { key: 'miskin', amountRupiah: '700000' },
      ],
      distributionsTotalRupiah: '1000000',
      closingRupiah: '1250000',
    });
    // the same report on paper and in a spreadsheet
    const pdf = await w.clients.pengawas.request(
      'GET',
      `${w.base}/reports/zakat/file?from=2026-11-01&to=2026-11-30&format=pdf`,
    );
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const xlsx = await w.clients.pengawas.request(
      'GET',
      `${w.base}/reports/zakat/file?from=2026-11-01&to=2026-11-30&format=xlsx`,
    );
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const list = await w.clients.pengawas.request(
      'GET',
      `${w.base}/distributions?fund=zakat&from=2026-11-01&to=2026-11-30`,
    );
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(2);
  });

  it('the amil status is recorded with its reference; a permit without a number is refused', async () => {
    const w = await world();
    const url = `${w.base}/amil-status`;
    const bad = await w.clients.pengurus.request('PUT', url, { amilStatus: 'upz' });
    expect(bad.statusCode).toBe(400);
    const ok = await w.clients.pengurus.request('PUT', url, {
      amilStatus: 'upz',
      referenceNumber: '12/UPZ-BAZNAS/KTA-PKL/2025',
      referenceDate: '2025-03-10',
    });
    expect(ok.statusCode).toBe(200);
    expect((await w.clients.pengawas.request('GET', w.base)).json()).toMatchObject({
      amil: { amilStatus: 'upz', referenceNumber: '12/UPZ-BAZNAS/KTA-PKL/2025' },
    });
    expect(
      (await w.clients.pengawas.request('PUT', url, { amilStatus: 'none', forwardedTo: 'BAZNAS' }))
        .statusCode,
    ).toBe(403);
  });

  it('another cooperative cannot see or use the funds; roles: kasir receives, pengurus distributes, pengawas reads', async () => {
    const a = await world();
    const b = await world();
    await post(a.clients.kasir, `${a.base}/receipts`, {
      fund: 'infaq',
      receiptDate: '2026-11-02',
      source: 'public',
      giverName: 'Jamaah Masjid Jami',
      amountRupiah: '800000',
      description: 'Infaq Jumat',
    });
    for (const c of Object.values(b.clients)) {
      const res = await c.request('GET', a.base);
      expect([403, 404]).toContain(res.statusCode);
    }
    const foreign = await post(b.clients.pengurus, `${a.base}/distributions`, {
      fund: 'infaq',
      distributionDate: '2026-11-03',
      purpose: 'pendidikan',
      recipientName: 'Santri',
      amountRupiah: '1000',
      description: 'Coba dari koperasi lain',
    });
    expect([403, 404]).toContain(foreign.statusCode);
    expect(await fundOf(b.clients.pengurus, b.base, 'infaq')).toMatchObject({
      balanceRupiah: '0',
    });
    const rows = await inOrg(
      file.deps,
      staffContext(b.coop.id, b.users.pengurus, ['pengurus']),
      (o) => o.tx.selectFrom('baitul_maal_receipts').select('id').execute(),
    );
    expect(rows).toEqual([]);
    // roles
    const dist = {
      fund: 'infaq',
      distributionDate: '2026-11-03',
      purpose: 'pendidikan',
      recipientName: 'Santri TPQ',
      amountRupiah: '1000',
      description: 'Beasiswa TPQ',
    };
    expect((await post(a.clients.kasir, `${a.base}/distributions`, dist)).statusCode).toBe(403);
    expect((await post(a.clients.pengawas, `${a.base}/distributions`, dist)).statusCode).toBe(403);
    expect(
      (
        await post(a.clients.pengawas, `${a.base}/receipts`, {
          fund: 'infaq',
          receiptDate: '2026-11-02',
          source: 'public',
          giverName: 'X Y',
          amountRupiah: '1',
          description: 'Coba',
        })
      ).statusCode,
    ).toBe(403);
    expect((await a.clients.kredit.request('GET', a.base)).statusCode).toBe(403);
    expect((await post(a.clients.pengurus, `${a.base}/distributions`, dist)).statusCode).toBe(201);
  });
});
