import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { systemContext } from '../../../src/services/context.js';
import { seedFoundation, type DemoOrganizations } from '../../../src/services/demo/foundation.js';
import { demoShop, type DemoShop } from '../../../src/services/demo/shop.js';
import { seedDemoSavings } from '../../../src/services/demo/savings/seed.js';
import { consignmentOwed } from '../../../src/services/shop/consignment.js';
import { verifyTillChain } from '../../../src/services/shop/sales.js';
import { isPostgresRun, testDepsForFile } from '../../support/db.js';

/**
 * The demo consumer cooperative's shop (src/services/demo/shop.ts) inside its savings year: the
 * earlier days written set-based and the last two days through the point of sale; the books,
 * the stock and every till's receipt chain hold together.
 */

const file = testDepsForFile({ clock: () => new Date('2026-11-20T03:00:00Z') });
let orgs: DemoOrganizations;
let shop: DemoShop;
let seconds = 0;

const one = async <T>(q: string) => (await sql.raw<T>(q).execute(file.deps.database.db)).rows[0]!;

// Demo data, not a database feature: seeded once, on the embedded database (the demo's own), not
// again on PostgreSQL, where the shop's services have their own tests (test/integration/shop).
describe.skipIf(isPostgresRun())('demo shop', () => {
  beforeAll(async () => {
    ({ orgs } = await seedFoundation(file.deps));
    shop = demoShop(file.deps, orgs.konsumen);
    const t0 = performance.now();
    await seedDemoSavings(
      file.deps,
      orgs.konsumen,
      {
        members: 300,
        prefix: 'konsumen',
        pokok: 50_000n,
        wajib: 10_000n,
        sukarelaName: 'Simpanan Sukarela',
        sukarelaRateBps: 200,
        adminFee: 0n,
        memberLogin: 'konsumen.anggota',
      },
      (month) => shop.month(month),
    );
    seconds = (performance.now() - t0) / 1000;
  }, 600_000);

  it('has 500 products, two tills and a year of sales, the last two days rung up', async () => {
    const c = shop.counts();
    console.log('demo shop', { ...c, tills: c.tills.map(String), seconds });
    expect(c.products).toBe(500);
    expect(c.tills).toHaveLength(2);
    expect(c.sales).toBeGreaterThan(15_000);
    expect(c.realSales).toBeGreaterThan(50);
    const coop = orgs.konsumen.id;
    const r = await one<{ n: number; members: number; credit: number; account: number }>(
      `select count(*)::int as n, count(member_id)::int as members,
        count(*) filter (where payment_method = 'member_credit')::int as credit,
        count(*) filter (where payment_method = 'member_account')::int as account
      from shop_sales where cooperative_id = '${coop}'`,
    );
    console.log('sales', r);
    expect(r.n).toBe(c.sales);
    expect(r.members / r.n).toBeGreaterThan(0.5);
    expect(r.credit).toBeGreaterThan(0);
    expect(r.account).toBeGreaterThan(0);
  });

  it('every till’s receipt chain verifies from its first sale', async () => {
    for (const tillId of shop.counts().tills) {
      const v = await verifyTillChain(file.deps, systemContext(orgs.konsumen.id), tillId);
      expect(v.checked).toBeGreaterThan(5_000);
      expect(v.breaks).toEqual([]);
    }
  });

  it('the ledger is sound and the stock account holds the stock at cost', async () => {
    expect(await verifyLedger(file.deps.database.db, orgs.konsumen.id)).toEqual([]);
    const coop = orgs.konsumen.id;
    const r = await one<{ book: string; stock: string; moves: string; qty: string; mq: string }>(
      `select
        (select sum(l.debit_rupiah - l.credit_rupiah) from journal_lines l join accounts a
          on a.cooperative_id = l.cooperative_id and a.id = l.account_id
          where l.cooperative_id = '${coop}' and a.role = 'inventory')::text as book,
        (select sum(value_rupiah) from shop_stock where cooperative_id = '${coop}')::text as stock,
        (select sum(cost_rupiah) from shop_stock_moves where cooperative_id = '${coop}')::text as moves,
        (select sum(qty_base) from shop_stock where cooperative_id = '${coop}')::text as qty,
        (select sum(qty_base) from shop_stock_moves where cooperative_id = '${coop}')::text as mq`,
    );
    expect(r.stock).toBe(r.book);
    expect(r.moves).toBe(r.book);
    expect(r.mq).toBe(r.qty);
  });

  it('the shop earns more gross margin than the cooperative pays its staff', async () => {
    const coop = orgs.konsumen.id;
    const r = await one<{ sales: string; hpp: string }>(
      `select sum(case when a.code in ('4110','4210') then l.credit_rupiah - l.debit_rupiah else 0 end)::text as sales,
        sum(case when a.code in ('5110','5112') then l.debit_rupiah - l.credit_rupiah else 0 end)::text as hpp
      from journal_lines l join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
      where l.cooperative_id = '${coop}'`,
    );
    console.log('books', r);
    const margin = BigInt(r.sales) - BigInt(r.hpp);
    // five staff at Rp 2.7 million a month (src/services/demo/seed.ts), THR included
    expect(margin).toBeGreaterThan(13n * 5n * 2_700_000n);
  });

  it('paid its producers month by month through the settlement; what is still owed is on the books', async () => {
    const coop = orgs.konsumen.id;
    const settled = await one<{ n: number; months: number; lines: number }>(
      `select count(*)::int as n, count(distinct through_date)::int as months,
        (select count(*)::int from shop_sale_lines where cooperative_id = '${coop}'
          and settlement_id is not null) as lines
      from shop_consignment_settlements where cooperative_id = '${coop}'`,
    );
    expect(settled.months).toBeGreaterThanOrEqual(10);
    expect(settled.n).toBeGreaterThan(100);
    expect(settled.lines).toBeGreaterThan(settled.n);
    // the last month waits: owed per the app's own sums = the payable on the books, per producer
    const owed = await consignmentOwed(file.deps, systemContext(coop), '2026-12-31');
    const payable = await sql<{ member_id: bigint; v: bigint }>`select l.member_id,
        sum(l.credit_rupiah - l.debit_rupiah)::bigint as v
      from journal_lines l join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
      where l.cooperative_id = ${coop} and a.role = 'consignmentPayable' group by l.member_id`.execute(
      file.deps.database.db,
    );
    const onBooks = new Map(payable.rows.map((r) => [r.member_id?.toString() ?? '', r.v]));
    const owing = owed.filter((o) => o.owedRupiah !== '0');
    expect(owing.length).toBeGreaterThan(5);
    for (const o of owed) expect(onBooks.get(o.memberId ?? '') ?? 0n).toBe(BigInt(o.owedRupiah));
  });
});
