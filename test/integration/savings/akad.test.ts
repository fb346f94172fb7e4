import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createPortalLogin } from '../../../src/services/members/documents.js';
import { runMonthEnd } from '../../../src/services/month-end.js';
import { createOrganization } from '../../../src/services/organizations.js';
import {
  acceptNisbah,
  accountAkad,
  createProduct,
  deposit,
  placeDeposit,
  proposeNisbah,
} from '../../../src/services/savings.js';
import { makeUser, signIn, testAppForFile, TEST_PASSWORD } from '../../support/fixtures.js';
import { codeOf, staffContext } from '../../support/outcome.js';
import { ksppsWorld as sharedKsppsWorld } from '../sharia/world.js';

/**
 * The funding akad of a sharia cooperative (issue 21 item 1; docs/savings.md "Sharia akad"):
 * no KSPPS product carries a rate (service, route and database), a mudharabah account's nisbah is
 * not lowered without the member's consent, and month-end pays no interest on akad products.
 */

let now = new Date('2026-11-02T03:00:00Z');
const file = testAppForFile({ clock: () => now });
let serial = 0;

/** The shared KSPPS (test/integration/sharia/world.ts) with one teller's session on 2 November. */
async function ksppsWorld() {
  const w = await sharedKsppsWorld(file, (d) => (now = d), {
    name: 'KSPPS Uji Akad',
    start: '2026-11-02',
    berjangkaTenors: [
      { tenorMonths: 6, nisbahAnggotaBps: 4000 },
      { tenorMonths: 12, nisbahAnggotaBps: 4500 },
    ],
    wadiahMinimumBalanceRupiah: '10000',
  });
  const { teller, tellerUser, sessionId } = await w.sessionOn('2026-11-02', 100_000_000n);
  return { ...w, teller, tellerUser, sessionId, addMember: () => w.addMember(teller) };
}

const productCount = async (coop: string) =>
  (
    await sql<{
      n: bigint;
    }>`select count(*) as n from savings_products where cooperative_id = ${coop}`.execute(
      file.deps.database.db,
    )
  ).rows[0]!.n;

/** As the migration owner (no tenant, no RLS): what the database itself refuses. */
const dbError = async (q: ReturnType<typeof sql>) =>
  q.execute(file.deps.database.db).then(
    () => 'ok',
    (e: unknown) => String((e as Error).message),
  );

describe('no savings product of a KSPPS carries a rate', () => {
  it('the service refuses a rate, a missing akad, a missing nisbah or a mismatched akad, and writes nothing', async () => {
    const w = await ksppsWorld();
    const before = await productCount(w.coop.id);
    const sukarela = { kind: 'sukarela' as const, interestMethod: 'daily-balance' as const };
    expect(
      await codeOf(
        createProduct(file.deps, w.pengurus, {
          code: 'SW2',
          name: 'Simpanan Wadiah Berbunga',
          akad: 'wadiah',
          settings: { ...sukarela, annualRateBps: 200 },
        }),
      ),
    ).toBe('SAVINGS_PRODUCT_RATE_NOT_ALLOWED');
    // even a zero rate: a wadiah product has no rate field at all
    expect(
      await codeOf(
        createProduct(file.deps, w.pengurus, {
          code: 'SW3',
          name: 'Simpanan Wadiah',
          akad: 'wadiah',
          settings: { ...sukarela, annualRateBps: 0 },
        }),
      ),
    ).toBe('SAVINGS_PRODUCT_RATE_NOT_ALLOWED');
    expect(
      await codeOf(
        createProduct(file.deps, w.pengurus, {
          code: 'SB2',
          name: 'Deposito Mudharabah',
          akad: 'mudharabah_berjangka',
          settings: {
            kind: 'berjangka',
            tenors: [{ tenorMonths: 6, nisbahAnggotaBps: 4000, annualRateBps: 500 }],
          },
        }),
      ),
    ).toBe('SAVINGS_PRODUCT_RATE_NOT_ALLOWED');
    expect(
      await codeOf(
        createProduct(file.deps, w.pengurus, {
          code: 'SX',
          name: 'Simpanan Tanpa Akad',
          settings: sukarela,
        }),
      ),
    ).toBe('SAVINGS_PRODUCT_AKAD_REQUIRED');
    expect(
      await codeOf(
        createProduct(file.deps, w.pengurus, {
          code: 'SM2',
          name: 'Tabungan Mudharabah',
          akad: 'mudharabah',
          settings: sukarela,
        }),
      ),
    ).toBe('SAVINGS_PRODUCT_NISBAH_INVALID');
    expect(
      await codeOf(
        createProduct(file.deps, w.pengurus, {
          code: 'SP2',
          name: 'Simpanan Pokok',
          akad: 'mudharabah',
          settings: { kind: 'pokok', amountRupiah: '100000' },
        }),
      ),
    ).toBe('SAVINGS_PRODUCT_AKAD_KIND_MISMATCH');
    expect(await productCount(w.coop.id)).toBe(before);
  });

  it('a conventional cooperative names no akad and no nisbah', async () => {
    const coop = await createOrganization(
      file.deps,
      {
        kind: 'cooperative',
        name: `KSP Uji Akad ${Date.now().toString(36)}${serial++}`,
        cooperativeType: 'KSP',
        cooperativeForm: 'primer',
        regencyCode: '3375',
        provinceCode: '33',
      },
      'test',
    );
    const pengurus = staffContext(coop.id, await makeUser(file.deps, coop, ['pengurus']), [
      'pengurus',
    ]);
    expect(
      await codeOf(
        createProduct(file.deps, pengurus, {
          code: 'SS',
          name: 'Simpanan Wadiah',
          akad: 'wadiah',
          settings: { kind: 'sukarela', annualRateBps: 0, interestMethod: 'daily-balance' },
        }),
      ),
    ).toBe('SAVINGS_PRODUCT_AKAD_NOT_ALLOWED');
    expect(
      await codeOf(
        createProduct(file.deps, pengurus, {
          code: 'SS',
          name: 'Simpanan Sukarela',
          settings: { kind: 'sukarela', interestMethod: 'daily-balance' },
        }),
      ),
    ).toBe('SAVINGS_PRODUCT_RATE_REQUIRED');
  });

  it('the route answers problem+json 400 in Indonesian (English on request) and nothing changes', async () => {
    const w = await ksppsWorld();
    const before = await productCount(w.coop.id);
    const client = await signIn(file.app, w.pengurusUser.username);
    const body = {
      code: 'SB9',
      name: 'Simpanan Mudharabah Berjangka',
      akad: 'mudharabah_berjangka',
      settings: { kind: 'berjangka', tenors: [{ tenorMonths: 12, annualRateBps: 550 }] },
    };
    const url = `/api/v1/orgs/${w.coop.id}/savings-products`;
    const res = await client.request('POST', url, body);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json<{ code: string; detail: string }>();
    expect(problem.code).toBe('SAVINGS_PRODUCT_RATE_NOT_ALLOWED');
    expect(problem.detail).toContain('tidak boleh memakai suku bunga');
    expect(problem.detail).toContain('settings.tenors[0].annualRateBps');
    const en = await client.request('POST', url, body, { 'accept-language': 'en' });
    expect(en.json<{ detail: string }>().detail).toContain('may not carry an interest rate');
    expect(await productCount(w.coop.id)).toBe(before);
    // the products listed show their akad
    const list = await client.request('GET', url);
    expect(
      list
        .json<{ items: { code: string; akad: string | null }[] }>()
        .items.map((p) => [p.code, p.akad]),
    ).toEqual([
      ['SB', 'mudharabah_berjangka'],
      ['SM', 'mudharabah'],
      ['SS', 'wadiah'],
    ]);
  });

  it('the database refuses a rate on a KSPPS product or account, a missing akad or nisbah, an akad not wording the kind', async () => {
    const w = await ksppsWorld();
    expect(
      await dbError(sql`insert into savings_products (cooperative_id, code, name, kind, settings, akad)
        values (${w.coop.id}, 'SQ', 'Simpanan Wadiah', 'sukarela',
          '{"kind":"sukarela","annualRateBps":300,"interestMethod":"daily-balance"}', 'wadiah')`),
    ).toContain('may not carry a rate');
    expect(
      await dbError(sql`insert into savings_products (cooperative_id, code, name, kind, settings)
        values (${w.coop.id}, 'SQ', 'Simpanan Sukarela', 'sukarela',
          '{"kind":"sukarela","interestMethod":"daily-balance"}')`),
    ).toContain('needs its akad');
    expect(
      await dbError(sql`update savings_products set settings = jsonb_set(settings, '{tenors,0,annualRateBps}', '550')
        where cooperative_id = ${w.coop.id} and code = 'SB'`),
    ).toContain('may not carry a rate');
    expect(
      await dbError(sql`update savings_products set settings = settings - 'nisbahAnggotaBps'
        where cooperative_id = ${w.coop.id} and code = 'SM'`),
    ).toContain('needs a nisbah');
    expect(
      await dbError(sql`update savings_products set akad = 'mudharabah'
        where cooperative_id = ${w.coop.id} and code = 'SS'`),
    ).toContain('needs a nisbah');
    // an akad that does not word the kind
    expect(
      await dbError(sql`insert into savings_products (cooperative_id, code, name, kind, settings, akad)
        values (${w.coop.id}, 'SQ', 'Simpanan Pokok', 'pokok',
          '{"kind":"pokok","amountRupiah":"100000","nisbahAnggotaBps":3000}', 'mudharabah')`),
    ).toContain('savings_products_akad_kind');
    // a time deposit under mudharabah never gets a rate copied onto its row
    const m = await w.addMember();
    await deposit(file.deps, w.teller, {
      sessionId: w.sessionId,
      accountId: await w.accountOf(m, 'SS'),
      amountRupiah: 5_000_000n,
    });
    const placed = await placeDeposit(file.deps, w.teller, {
      memberId: m,
      productId: BigInt(w.products.berjangka.id),
      tenorMonths: 12,
      principalRupiah: 2_000_000n,
      payoutAccountId: await w.accountOf(m, 'SS'),
      fromAccountId: await w.accountOf(m, 'SS'),
    });
    const depositId = (placed.body as { account: { id: string; annualRateBps: number | null } })
      .account;
    expect(depositId.annualRateBps).toBeNull();
    expect(
      await dbError(sql`update savings_accounts set annual_rate_bps = 550
        where cooperative_id = ${w.coop.id} and id = ${BigInt(depositId.id)}`),
    ).toContain('may not carry a rate');
    // and the opening akad of the deposit is the tenor's nisbah
    expect(
      await accountAkad(file.deps, w.teller, BigInt(depositId.id)).then((a) => a.nisbahAnggotaBps),
    ).toBe(4500);
  });
});

describe("a mudharabah account's nisbah is not lowered without the member's consent", () => {
  it('opens at the product nisbah; a lower one is only proposed until the member accepts it in the portal; a raise takes effect at once', async () => {
    const w = await ksppsWorld();
    const m = await w.addMember();
    const account = await w.accountOf(m, 'SM');
    const opening = await accountAkad(file.deps, w.teller, account);
    expect(opening).toMatchObject({ akad: 'mudharabah', nisbahAnggotaBps: 3000 });
    expect(opening.versions).toEqual([
      expect.objectContaining({ version: 1, nisbahAnggotaBps: 3000, status: 'accepted' }),
    ]);

    // lowered to 25 %: proposed, the akad in force stays 30 %
    const lower = await proposeNisbah(file.deps, w.pengurus, account, { nisbahAnggotaBps: 2500 });
    expect(lower).toMatchObject({ version: 2, status: 'proposed', acceptedAt: null });
    expect((await accountAkad(file.deps, w.teller, account)).nisbahAnggotaBps).toBe(3000);

    // the database refuses to make it effective without naming the consent
    expect(
      await dbError(sql`update savings_account_akad_versions set status = 'accepted', accepted_at = now()
        where cooperative_id = ${w.coop.id} and account_id = ${account} and version = 2`),
    ).toContain("without the member's consent");
    expect(
      await dbError(sql`insert into savings_account_akad_versions (cooperative_id, account_id, version,
          nisbah_anggota_bps, effective_from, status, accepted_at)
        values (${w.coop.id}, ${account}, 3, 1000, '2026-11-02', 'accepted', now())`),
    ).toContain("without the member's consent");

    // the member accepts in the portal: another member cannot, the member can
    const login = await createPortalLogin(file.deps, w.pengurus, m, {
      username: `anggota${Date.now().toString(36)}${serial++}`,
      password: TEST_PASSWORD,
    });
    const other = await w.addMember();
    const otherLogin = await createPortalLogin(file.deps, w.pengurus, other, {
      username: `lain${Date.now().toString(36)}${serial++}`,
      password: TEST_PASSWORD,
    });
    const base = `/api/v1/orgs/${w.coop.id}/me/savings-accounts/${account}/akad`;
    const stranger = await signIn(file.app, otherLogin.username);
    expect((await stranger.request('POST', `${base}/2/accept`)).statusCode).toBe(404);
    const member = await signIn(file.app, login.username);
    const mine = await member.request('GET', base);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      nisbahAnggotaBps: 3000,
      versions: [{ version: 1 }, { version: 2, status: 'proposed', nisbahAnggotaBps: 2500 }],
    });
    const accepted = await member.request('POST', `${base}/2/accept`);
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      version: 2,
      status: 'accepted',
      channel: 'portal',
      effectiveFrom: '2026-11-02',
    });
    expect((await accountAkad(file.deps, w.teller, account)).nisbahAnggotaBps).toBe(2500);
    expect((await member.request('POST', `${base}/2/accept`)).statusCode).toBe(409);

    // raised to 35 %: in force at once, no consent needed
    const raise = await proposeNisbah(file.deps, w.pengurus, account, { nisbahAnggotaBps: 3500 });
    expect(raise).toMatchObject({ version: 3, status: 'accepted', channel: null });
    expect((await accountAkad(file.deps, w.teller, account)).nisbahAnggotaBps).toBe(3500);
    expect(
      await codeOf(proposeNisbah(file.deps, w.pengurus, account, { nisbahAnggotaBps: 3500 })),
    ).toBe('SAVINGS_AKAD_NISBAH_UNCHANGED');
    // accepted versions are history
    expect(
      await dbError(sql`update savings_account_akad_versions set nisbah_anggota_bps = 100
        where cooperative_id = ${w.coop.id} and account_id = ${account} and version = 3`),
    ).toContain('history');
  });

  it('at the counter: the teller records the consent; a newer proposal withdraws a waiting one; only the pengurus proposes', async () => {
    const w = await ksppsWorld();
    const m = await w.addMember();
    const account = await w.accountOf(m, 'SM');
    const url = `/api/v1/orgs/${w.coop.id}/savings-accounts/${account}/akad`;
    const kasir = await signIn(file.app, w.tellerUser.username);
    expect((await kasir.request('POST', url, { nisbahAnggotaBps: 2000 })).statusCode).toBe(403);
    const pengurus = await signIn(file.app, w.pengurusUser.username);
    const first = await pengurus.request('POST', url, { nisbahAnggotaBps: 2000 });
    expect(first.statusCode).toBe(201);
    const second = await pengurus.request('POST', url, {
      nisbahAnggotaBps: 2800,
      effectiveFrom: '2026-12-01',
    });
    expect(second.json()).toMatchObject({ version: 3, status: 'proposed' });
    expect((await kasir.request('POST', `${url}/2/accept`)).statusCode).toBe(409);
    const ok = await kasir.request('POST', `${url}/3/accept`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ channel: 'counter', effectiveFrom: '2026-12-01' });
    const akad = await accountAkad(file.deps, w.teller, account);
    // accepted, but from 1 December: in November the akad in force is still 30 %
    expect(akad.nisbahAnggotaBps).toBe(3000);
    expect(akad.versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'accepted'],
      [2, 'withdrawn'],
      [3, 'accepted'],
    ]);
    now = new Date('2026-12-01T03:00:00Z');
    expect((await accountAkad(file.deps, w.teller, account)).nisbahAnggotaBps).toBe(2800);
    // a wadiah account has no nisbah to change
    expect(
      await codeOf(acceptNisbah(file.deps, w.teller, await w.accountOf(m, 'SS'), 1, 'counter')),
    ).toBe('SAVINGS_AKAD_NOT_MUDHARABAH');
  });
});

describe('month-end pays no interest on sharia products', () => {
  it('wadiah, mudharabah and mudharabah berjangka balances earn nothing at month-end', async () => {
    const w = await ksppsWorld();
    const m = await w.addMember();
    for (const code of ['SS', 'SM'])
      await deposit(file.deps, w.teller, {
        sessionId: w.sessionId,
        accountId: await w.accountOf(m, code),
        amountRupiah: 50_000_000n,
      });
    await placeDeposit(file.deps, w.teller, {
      memberId: m,
      productId: BigInt(w.products.berjangka.id),
      tenorMonths: 6,
      principalRupiah: 20_000_000n,
      payoutAccountId: await w.accountOf(m, 'SS'),
      fromAccountId: await w.accountOf(m, 'SS'),
    });
    await runMonthEnd(file.deps, w.pengurus, '2026-11');
    now = new Date('2026-12-03T03:00:00Z');
    await runMonthEnd(file.deps, w.pengurus, '2026-12');
    const lines = await sql<{ n: bigint }>`
      select count(*) as n from savings_interest_lines where cooperative_id = ${w.coop.id}`.execute(
      file.deps.database.db,
    );
    expect(lines.rows[0]!.n).toBe(0n);
    const entries = await sql<{ n: bigint }>`
      select count(*) as n from journal_entries where cooperative_id = ${w.coop.id}
        and source_type = 'savings.interest'`.execute(file.deps.database.db);
    expect(entries.rows[0]!.n).toBe(0n);
    const balances = await sql<{ code: string; b: bigint }>`
      select p.code, sum(a.balance_rupiah)::bigint as b from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      where a.cooperative_id = ${w.coop.id} group by p.code order by p.code`.execute(
      file.deps.database.db,
    );
    expect(balances.rows.map((r) => [r.code, r.b])).toEqual([
      ['SB', 20_000_000n],
      ['SM', 50_000_000n],
      ['SS', 30_000_000n],
    ]);
  });
});
