import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { DEMO_KSPPS_SAVINGS } from '../../../src/services/demo/seed.js';
import { seedDemoSavings } from '../../../src/services/demo/savings/seed.js';
import { testDepsForFile } from '../../support/db.js';

/**
 * The demo KSPPS's savings as `sokoguru seed-demo` builds them (DEMO_KSPPS_SAVINGS, fewer members):
 * every product under its akad and none with a rate, each mudharabah deposit with its accepted
 * akad at the tenor's nisbah, and a year of month-ends that paid no interest.
 */

const file = testDepsForFile({ clock: () => new Date('2026-12-01T03:00:00Z') });

describe('the demo KSPPS', () => {
  it('has no rate anywhere: wadiah products and mudharabah deposits on nisbah, no interest paid', async () => {
    const { deps } = file;
    const org = await createOrganization(
      deps,
      {
        kind: 'cooperative',
        name: 'KSPPS BMT Uji Demo',
        cooperativeType: 'KSPPS',
        cooperativeForm: 'primer',
        regencyCode: '3375',
        provinceCode: '33',
      },
      'test',
    );
    await seedDemoSavings(deps, org, { ...DEMO_KSPPS_SAVINGS, members: 120 });
    const db = deps.database.db;

    const products = await sql<{ code: string; akad: string | null; settings: string }>`
      select code, akad, settings::text as settings from savings_products
      where cooperative_id = ${org.id} order by code`.execute(db);
    expect(products.rows.map((p) => [p.code, p.akad])).toEqual([
      ['SB', 'mudharabah_berjangka'],
      ['SM', 'mudharabah'],
      ['SP', 'wadiah'],
      ['SS', 'wadiah'],
      ['SW', 'wadiah'],
    ]);
    for (const p of products.rows) expect(p.settings).not.toContain('annualRateBps');
    expect(JSON.parse(products.rows[0]!.settings)).toMatchObject({
      tenors: [
        { tenorMonths: 6, nisbahAnggotaBps: 4000 },
        { tenorMonths: 12, nisbahAnggotaBps: 4500 },
      ],
    });

    // every time deposit: no rate, its akad accepted at the tenor's nisbah
    const deposits = await sql<{ tenor_months: number; n: bigint; rated: bigint; akad: bigint }>`
      select a.tenor_months, count(*) as n, count(a.annual_rate_bps) as rated,
        count(v.version) filter (where v.status = 'accepted' and v.version = 1
          and v.nisbah_anggota_bps = case a.tenor_months when 6 then 4000 else 4500 end) as akad
      from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      left join savings_account_akad_versions v on v.cooperative_id = a.cooperative_id
        and v.account_id = a.id
      where a.cooperative_id = ${org.id} and p.kind = 'berjangka'
      group by a.tenor_months`.execute(db);
    const total = deposits.rows.reduce((s, r) => s + r.n, 0n);
    expect(total).toBeGreaterThan(0n);
    for (const r of deposits.rows) {
      expect(r.rated).toBe(0n);
      expect(r.akad).toBe(r.n);
    }

    // eleven month-ends ran and paid nothing
    const closed = await sql<{ n: bigint }>`
      select count(distinct period) as n from month_end_steps
      where cooperative_id = ${org.id} and step = 'savings-interest'`.execute(db);
    expect(closed.rows[0]!.n).toBe(11n);
    const lines = await sql<{ n: bigint }>`
      select count(*) as n from savings_interest_lines where cooperative_id = ${org.id}`.execute(
      db,
    );
    expect(lines.rows[0]!.n).toBe(0n);
    // and each recorded its bagi hasil (nothing to share here: this book has no financing income)
    const distributions = await sql<{ n: bigint; paid: bigint }>`
      select count(*) as n, coalesce(sum(distributed_rupiah), 0)::bigint as paid
      from bagi_hasil_distributions where cooperative_id = ${org.id}`.execute(db);
    expect(distributions.rows[0]).toEqual({ n: 11n, paid: 0n });

    // the tabungan mudharabah on 2102, the wadiah sukarela on 2101, the deposits on 2103: each
    // ledger account equals its accounts' balances, and verify agrees
    const ledger = await sql<{ code: string; b: bigint }>`
      select a.code, coalesce(sum(x.credit_rupiah - x.debit_rupiah), 0)::bigint as b
      from accounts a left join account_balances x on x.cooperative_id = a.cooperative_id
        and x.account_id = a.id
      where a.cooperative_id = ${org.id} and a.code in ('2101', '2102', '2103')
      group by a.code order by a.code`.execute(db);
    const held = await sql<{ code: string; b: bigint }>`
      select p.code, coalesce(sum(a.balance_rupiah), 0)::bigint as b from savings_products p
      left join savings_accounts a on a.cooperative_id = p.cooperative_id and a.product_id = p.id
      where p.cooperative_id = ${org.id} and p.code in ('SS', 'SM', 'SB')
      group by p.code`.execute(db);
    const of = Object.fromEntries(held.rows.map((r) => [r.code, r.b]));
    expect(of.SM).toBeGreaterThan(0n);
    expect(ledger.rows.map((r) => [r.code, r.b])).toEqual([
      ['2101', of.SS],
      ['2102', of.SM],
      ['2103', of.SB],
    ]);
    expect(await verifyLedger(db, org.id)).toEqual([]);
  }, 180_000);
});
