import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { seedFoundation, type DemoOrganizations } from '../../../src/services/demo/foundation.js';
import { seedDemoMlijo } from '../../../src/services/demo/mlijo.js';
import { demoShop } from '../../../src/services/demo/shop.js';
import { seedDemoSavings } from '../../../src/services/demo/savings/seed.js';
import { verifyTillChain } from '../../../src/services/shop/sales.js';
import { isPostgresRun, testDepsForFile } from '../../support/db.js';

/**
 * The demo consumer cooperative's mlijo rounds (src/services/demo/mlijo.ts): two vendors, 40
 * households, a week of rounds delivered and settled, a round open now; seeded in under 15 s.
 */
const file = testDepsForFile({ clock: () => new Date('2026-12-05T03:00:00Z') });
let orgs: DemoOrganizations;
let seconds = 0;

const one = async <T>(q: string) => (await sql.raw<T>(q).execute(file.deps.database.db)).rows[0]!;

// demo data: seeded once, on the embedded database (the demo's own), like the demo shop's test
describe.skipIf(isPostgresRun())('demo mlijo', () => {
  beforeAll(async () => {
    ({ orgs } = await seedFoundation(file.deps));
    const shop = demoShop(file.deps, orgs.konsumen);
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
    const t0 = performance.now();
    await seedDemoMlijo(file.deps, orgs.konsumen);
    seconds = (performance.now() - t0) / 1000;
  }, 900_000);

  it('has two vendors, 40 households, a week delivered and settled and a round open now', async () => {
    const coop = orgs.konsumen.id;
    const c = await one<{
      vendors: number;
      households: number;
      settled: number;
      delivered: number;
      open: number;
      shortfall: string;
    }>(`select (select count(*)::int from mlijo_vendors where cooperative_id = '${coop}') as vendors,
        (select count(*)::int from mlijo_households where cooperative_id = '${coop}') as households,
        (select count(*)::int from mlijo_settlements where cooperative_id = '${coop}') as settled,
        (select count(*)::int from mlijo_orders where cooperative_id = '${coop}'
          and status = 'delivered') as delivered,
        (select count(*)::int from mlijo_orders x join mlijo_rounds r on r.cooperative_id = x.cooperative_id
          and r.id = x.round_id where x.cooperative_id = '${coop}'
          and r.opens_at <= '2026-12-05T03:00:00Z' and r.closes_at > '2026-12-05T03:00:00Z') as open,
        (select sum(shortfall_rupiah)::text from mlijo_settlements where cooperative_id = '${coop}') as shortfall`);
    console.log('demo mlijo', { ...c, seconds });
    expect(c).toMatchObject({ vendors: 2, households: 40, settled: 12, shortfall: '2000' });
    expect(c.delivered).toBeGreaterThan(50);
    expect(c.open).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(15);
    const till = await one<{ id: bigint }>(
      `select id from shop_tills where cooperative_id = '${coop}' and code = 'MLIJO'`,
    );
    const chain = await verifyTillChain(
      file.deps,
      {
        organizationId: coop,
        actor: { userId: null, label: 'test' },
        roles: ['pengurus'],
        requestId: null,
        ip: null,
      },
      till.id,
    );
    expect(chain.breaks).toEqual([]);
    expect(await verifyLedger(file.deps.database.db, coop)).toEqual([]);
  });
});
