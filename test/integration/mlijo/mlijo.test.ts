import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { createTill } from '../../../src/services/shop/catalogue.js';
import {
  deliverOrder,
  householdHome,
  notDelivered,
  packOrder,
  placeOrder,
  vendorRound,
  vendorRounds,
} from '../../../src/services/mlijo/orders.js';
import {
  addHouseholds,
  createRounds,
  createVendor,
  listRounds,
} from '../../../src/services/mlijo/setup.js';
import {
  settleVendor,
  settlementPreview,
  settlementsReport,
} from '../../../src/services/mlijo/settlement.js';
import { makeUser } from '../../support/fixtures.js';
import { testDepsForFile } from '../../support/db.js';
import { codeOf, staffContext } from '../../support/outcome.js';
import { sukarelaOf } from '../savings/setup.js';
import {
  balanceOf,
  counts,
  entryLines,
  shopWorld,
  stockMismatches,
  stockOf,
} from '../shop/setup.js';

/**
 * Mlijo order rounds (docs/domain/mlijo.md): a household orders by its link while the round is
 * open (refused before and after, at the edges), the vendor weighs and delivers, the delivery is
 * a shop sale posted once with the cash on the vendor's account, the day is settled once.
 */
// the round for delivery on 2026-11-03: orders 16:00-21:00 WIB on 2026-11-02 (09:00-14:00 UTC)
let now = new Date('2026-11-02T08:00:00Z');
const file = testDepsForFile({ clock: () => now });
const db = () => file.deps.database.db;

async function mlijoWorld() {
  now = new Date('2026-11-02T03:00:00Z');
  const w = await shopWorld(file.deps);
  const { gula, cabai } = w.products;
  await w.receive([
    { product: gula, qty: 20n, costRupiah: 240_000n },
    { product: cabai, qty: 5000n, costRupiah: 150_000n },
  ]);
  const till = await createTill(file.deps, w.pengurus, {
    outletId: w.outletId,
    code: 'MLIJO',
    name: 'Pesanan mlijo',
    deskId: w.deskId,
  });
  // the vendor: a member with a login and a sukarela account
  const vendorMember = await w.memberWithSukarela(20_000n, { fullName: 'Pak Slamet Mlijo' });
  const vendorUser = await makeUser(file.deps, w.coop, ['anggota']);
  await sql`update members set user_id = ${vendorUser.id} where cooperative_id = ${w.coop.id}
    and id = ${vendorMember}`.execute(db());
  const vendorCtx = staffContext(w.coop.id, vendorUser, ['anggota']);
  const vendor = await createVendor(file.deps, w.pengurus, {
    memberId: vendorMember,
    routeName: 'Rute Kedundung',
    areas: 'Kedundung RT 01-04',
    outletId: w.outletId,
    tillId: BigInt(till.id),
    commission: { bps: 500 },
  });
  const householdMember = await w.memberWithSukarela(200_000n, { fullName: 'Bu Sri' });
  const hs = await addHouseholds(file.deps, w.pengurus, BigInt(vendor.id), [
    {
      name: 'Bu Sri',
      address: 'Jl. Kedundung 1 RT 01',
      phone: '081234500001',
      memberId: householdMember,
    },
    { name: 'Bu Wati', address: 'Jl. Kedundung 7 RT 02', phone: '081234500002', memberId: null },
    { name: 'Pak Agus', address: 'Jl. Kedundung 9 RT 03', phone: null, memberId: null },
  ]);
  const rounds = await createRounds(file.deps, w.pengurus, {
    deliveryDate: '2026-11-03',
    opensTime: '16:00',
    opensDaysBefore: 1,
    closesTime: '21:00',
    closesDaysBefore: 1,
    days: 1,
  });
  return {
    w,
    vendorId: BigInt(vendor.id),
    vendorMember,
    vendorCtx,
    householdMember,
    tokens: hs.map((h) => h.token),
    householdIds: hs.map((h) => BigInt(h.id)),
    roundId: BigInt(rounds.ids[0]!),
  };
}

describe('mlijo order rounds', () => {
  it('takes orders only while the round is open, by the server clock, at the edges', async () => {
    const m = await mlijoWorld();
    const { gula } = m.w.products;
    const ask = (token: string, key: string) =>
      placeOrder(
        file.deps,
        m.w.pengurus,
        { kind: 'link', token },
        { roundId: m.roundId, lines: [{ productId: gula.id, unit: 'pcs', qty: 1n }], note: null },
        { key, requestHash: key },
      );
    now = new Date('2026-11-02T08:59:59.999Z');
    expect(await codeOf(ask(m.tokens[1]!, 'edge-before-1'))).toBe('MLIJO_ROUND_NOT_OPEN');
    now = new Date('2026-11-02T09:00:00.000Z');
    expect(await codeOf(ask(m.tokens[1]!, 'edge-open-1'))).toBe('ok');
    now = new Date('2026-11-02T13:59:59.999Z');
    expect(await codeOf(ask(m.tokens[2]!, 'edge-last-1'))).toBe('ok');
    now = new Date('2026-11-02T14:00:00.000Z');
    expect(await codeOf(ask(m.tokens[0]!, 'edge-closed-1'))).toBe('MLIJO_ROUND_NOT_OPEN');
    // an unknown link orders nothing
    now = new Date('2026-11-02T10:00:00.000Z');
    expect(await codeOf(ask('not-a-real-token-at-all', 'edge-bad-1'))).toBe(
      'MLIJO_HOUSEHOLD_NOT_FOUND',
    );
    // one order per household and round; the same request again is replayed, not doubled
    const again = await ask(m.tokens[1]!, 'edge-open-1');
    expect(again.replayed).toBe(true);
    expect(await codeOf(ask(m.tokens[1]!, 'edge-open-2'))).toBe('MLIJO_ORDER_EXISTS');
    const n = await sql<{ n: bigint }>`select count(*) as n from mlijo_orders
      where cooperative_id = ${m.w.coop.id}`.execute(db());
    expect(n.rows[0]!.n).toBe(2n);
  });

  it('prices a weighed line at the packed weight, delivers as a sale once, settles the day once', async () => {
    const m = await mlijoWorld();
    const { gula, cabai } = m.w.products;
    now = new Date('2026-11-02T10:00:00Z');
    const home = await householdHome(file.deps, m.w.pengurus, {
      kind: 'link',
      token: m.tokens[1]!,
    });
    expect(home.round?.state).toBe('open');
    expect(home.household.routeName).toBe('Rute Kedundung');
    expect(home.products.map((p) => p.id)).toEqual(
      expect.arrayContaining([gula.id.toString(), cabai.id.toString()]),
    );
    // Bu Wati (not a member): 1 kg of cabai at Rp 40.000/kg and 2 gula at Rp 16.500
    const wati = await placeOrder(
      file.deps,
      m.w.pengurus,
      { kind: 'link', token: m.tokens[1]! },
      {
        roundId: m.roundId,
        lines: [
          { productId: cabai.id, unit: 'g', qty: 1000n },
          { productId: gula.id, unit: 'pcs', qty: 2n },
        ],
        note: 'pagi ya',
      },
      { key: 'order-wati-1', requestHash: 'h1' },
    );
    expect(wati.body.orderedTotalRupiah).toBe('73000');
    // Bu Sri (member) through her vendor: member price 15.000, paid from her sukarela
    const sri = await placeOrder(
      file.deps,
      m.vendorCtx,
      { kind: 'vendor', householdId: m.householdIds[0]! },
      { roundId: m.roundId, lines: [{ productId: gula.id, unit: 'pcs', qty: 3n }], note: null },
    );
    expect(sri.body.totalRupiah).toBe('45000');
    // Pak Agus orders and is not home in the morning
    const agus = await placeOrder(
      file.deps,
      m.w.pengurus,
      { kind: 'link', token: m.tokens[2]! },
      { roundId: m.roundId, lines: [{ productId: gula.id, unit: 'pcs', qty: 1n }], note: null },
    );

    // the vendor's phone: the pick list adds up the route's orders
    now = new Date('2026-11-02T23:30:00Z');
    const mine = await vendorRounds(file.deps, m.vendorCtx, null);
    expect(mine.rounds).toEqual([
      expect.objectContaining({ id: m.roundId.toString(), orders: 3, openOrders: 3 }),
    ]);
    const lists = await vendorRound(file.deps, m.vendorCtx, m.roundId, null);
    expect(lists.pickList).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ productId: gula.id.toString(), qtyBase: '6', orders: 3 }),
        expect.objectContaining({ productId: cabai.id.toString(), qtyBase: '1000', orders: 1 }),
      ]),
    );
    expect(lists.deliveries.map((d) => d.householdName)).toEqual(['Bu Sri', 'Bu Wati', 'Pak Agus']);
    expect(lists.toCollectRupiah).toBe('134500');

    // a weighed line is not delivered before it is weighed
    const watiId = BigInt(wati.body.id);
    expect(
      await codeOf(
        deliverOrder(file.deps, m.vendorCtx, watiId, {
          paymentMethod: 'cash',
          paymentReference: null,
          acceptedOverTolerance: false,
        }),
      ),
    ).toBe('MLIJO_ORDER_STATE');
    // 1.150 g is beyond the 10 % tolerance: the household must accept
    await packOrder(file.deps, m.vendorCtx, watiId, [{ lineNo: 1, packedQtyBase: 1150n }]);
    expect(
      await codeOf(
        deliverOrder(file.deps, m.vendorCtx, watiId, {
          paymentMethod: 'cash',
          paymentReference: null,
          acceptedOverTolerance: false,
        }),
      ),
    ).toBe('MLIJO_WEIGHT_NOT_ACCEPTED');
    // re-weighed at 940 g: 940 x 40.000 / 1000 = 37.600, within the tolerance
    const packed = await packOrder(file.deps, m.vendorCtx, watiId, [
      { lineNo: 1, packedQtyBase: 940n },
    ]);
    expect(packed.lines[0]).toMatchObject({ packedQtyBase: '940', packedAmountRupiah: '37600' });
    expect(packed.totalRupiah).toBe('70600');

    const before = await counts(db(), m.w.coop.id);
    const delivery = { key: 'deliver-wati-1', requestHash: 'd1' };
    const d1 = await deliverOrder(
      file.deps,
      m.vendorCtx,
      watiId,
      { paymentMethod: 'cash', paymentReference: null, acceptedOverTolerance: false },
      delivery,
    );
    expect(d1.body.order.status).toBe('delivered');
    expect(d1.body.sale.totalRupiah).toBe('70600');
    // sent again: the same answer, one sale, one entry
    const d1again = await deliverOrder(
      file.deps,
      m.vendorCtx,
      watiId,
      { paymentMethod: 'cash', paymentReference: null, acceptedOverTolerance: false },
      delivery,
    );
    expect(d1again.replayed).toBe(true);
    expect(
      await codeOf(
        deliverOrder(file.deps, m.vendorCtx, watiId, {
          paymentMethod: 'cash',
          paymentReference: null,
          acceptedOverTolerance: false,
        }),
      ),
    ).toBe('MLIJO_ORDER_STATE');
    const mid = await counts(db(), m.w.coop.id);
    expect(mid.sales - before.sales).toBe(1n);
    expect(mid.entries - before.entries).toBe(1n);
    // the cash is on the vendor's account, tagged with the vendor; stock left at the weight
    expect(await balanceOf(db(), m.w.coop.id, 'mlijoVendorCash', m.vendorMember)).toBe(70_600n);
    expect((await stockOf(db(), m.w.coop.id, m.w.outletId, cabai.id)).qtyBase).toBe(4060n);
    const saleRow = await db()
      .selectFrom('shop_sales')
      .select(['journal_entry_id', 'cash_session_id', 'payment_method'])
      .where('cooperative_id', '=', m.w.coop.id)
      .where('id', '=', BigInt(d1.body.sale.id))
      .executeTakeFirstOrThrow();
    const lines = await entryLines(db(), m.w.coop.id, saleRow.journal_entry_id);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: '1106', debit: 70_600n, memberId: m.vendorMember }),
        expect.objectContaining({ role: 'salesNonMembers', credit: 70_600n }),
      ]),
    );
    expect(lines.some((l) => l.role === 'cash')).toBe(false);

    // Bu Sri pays from her sukarela, checked at that moment
    const sriBefore = (await sukarelaOf(db(), m.w.coop.id, m.householdMember)).balance_rupiah;
    await deliverOrder(file.deps, m.vendorCtx, BigInt(sri.body.id), {
      paymentMethod: 'member_account',
      paymentReference: null,
      acceptedOverTolerance: false,
    });
    const sriAfter = (await sukarelaOf(db(), m.w.coop.id, m.householdMember)).balance_rupiah;
    expect(sriBefore - sriAfter).toBe(45_000n);
    // a vendor can't settle with an order still out
    expect(
      await codeOf(
        settleVendor(file.deps, m.w.pengurus, m.vendorId, {
          deliveryDate: '2026-11-03',
          handedOverRupiah: 70_600n,
          settledOn: '2026-11-03',
        }),
      ),
    ).toBe('MLIJO_ORDERS_PENDING');
    await notDelivered(file.deps, m.vendorCtx, BigInt(agus.body.id), 'Tidak ada orang di rumah');

    const preview = await settlementPreview(file.deps, m.vendorCtx, null, '2026-11-03');
    expect(preview.preview).toMatchObject({
      ordersDelivered: 2,
      cashCollectedRupiah: '70600',
      sukarelaRupiah: '45000',
      // 5 % of 115.600 = 5.780
      commissionRupiah: '5780',
    });
    // Rp 70.000 handed over: Rp 600 short, owed by the vendor
    const vendorBefore = (await sukarelaOf(db(), m.w.coop.id, m.vendorMember)).balance_rupiah;
    const key = { key: 'settle-slamet-1103', requestHash: 's1' };
    const s = await settleVendor(
      file.deps,
      m.w.pengurus,
      m.vendorId,
      { deliveryDate: '2026-11-03', handedOverRupiah: 70_000n, settledOn: '2026-11-03' },
      key,
    );
    expect(s.body).toMatchObject({
      ordersDelivered: 2,
      handedOverRupiah: '70000',
      shortfallRupiah: '600',
      commissionRupiah: '5780',
    });
    const entry = await entryLines(db(), m.w.coop.id, BigInt(s.body.entry!.entryId));
    expect(entry).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ role: 'cash', debit: 70_000n }),
        expect.objectContaining({ code: '1132', debit: 600n, memberId: m.vendorMember }),
        expect.objectContaining({ code: '1106', credit: 70_600n, memberId: m.vendorMember }),
        expect.objectContaining({ code: '5120', debit: 5_780n }),
        expect.objectContaining({
          role: 'savingsSukarela',
          credit: 5_780n,
          memberId: m.vendorMember,
        }),
      ]),
    );
    const vendorAfter = (await sukarelaOf(db(), m.w.coop.id, m.vendorMember)).balance_rupiah;
    expect(vendorAfter - vendorBefore).toBe(5_780n);
    expect(await balanceOf(db(), m.w.coop.id, 'mlijoVendorCash', m.vendorMember)).toBe(0n);
    // settled once: the retry replays, another settlement is refused
    const retry = await settleVendor(
      file.deps,
      m.w.pengurus,
      m.vendorId,
      { deliveryDate: '2026-11-03', handedOverRupiah: 70_000n, settledOn: '2026-11-03' },
      key,
    );
    expect(retry.replayed).toBe(true);
    expect(
      await codeOf(
        settleVendor(file.deps, m.w.pengurus, m.vendorId, {
          deliveryDate: '2026-11-03',
          handedOverRupiah: 70_600n,
          settledOn: '2026-11-03',
        }),
      ),
    ).toBe('MLIJO_ALREADY_SETTLED');
    const rounds = await listRounds(file.deps, m.w.pengurus, '2026-11-01');
    expect(rounds).toEqual([
      expect.objectContaining({ deliveryDate: '2026-11-03', orders: 3, delivered: 2 }),
    ]);
    const report = await settlementsReport(file.deps, m.w.pengurus, '2026-11-01', '2026-11-30');
    expect(report.settlements).toHaveLength(1);
    expect(report.totals.shortfallRupiah).toBe('600');
    expect(await stockMismatches(db(), m.w.coop.id)).toEqual([]);
    expect(await verifyLedger(db(), m.w.coop.id)).toEqual([]);
  });

  it('a member signed in orders for the own household; a member on no route cannot', async () => {
    const m = await mlijoWorld();
    const { gula } = m.w.products;
    const sriUser = await makeUser(file.deps, m.w.coop, ['anggota']);
    await sql`update members set user_id = ${sriUser.id} where cooperative_id = ${m.w.coop.id}
      and id = ${m.householdMember}`.execute(db());
    const sri = staffContext(m.w.coop.id, sriUser, ['anggota']);
    now = new Date('2026-11-02T12:00:00Z');
    const home = await householdHome(file.deps, sri, { kind: 'member' });
    expect(home.household).toMatchObject({ name: 'Bu Sri', member: true });
    const placed = await placeOrder(
      file.deps,
      sri,
      { kind: 'member' },
      { roundId: m.roundId, lines: [{ productId: gula.id, unit: 'pcs', qty: 2n }], note: null },
      { key: 'member-order-1', requestHash: 'm1' },
    );
    // the member price: 2 x Rp 15.000
    expect(placed.body).toMatchObject({ totalRupiah: '30000', status: 'ordered' });
    const stranger = await makeUser(file.deps, m.w.coop, ['anggota']);
    expect(
      await codeOf(
        householdHome(file.deps, staffContext(m.w.coop.id, stranger, ['anggota']), {
          kind: 'member',
        }),
      ),
    ).toBe('MLIJO_HOUSEHOLD_NOT_FOUND');
  });

  it("keeps a vendor to the own route's lists", async () => {
    const m = await mlijoWorld();
    const other = await makeUser(file.deps, m.w.coop, ['anggota']);
    const ctx = staffContext(m.w.coop.id, other, ['anggota']);
    expect(await codeOf(vendorRound(file.deps, ctx, m.roundId, null))).toBe('MLIJO_NOT_VENDOR');
    expect(await codeOf(vendorRound(file.deps, ctx, m.roundId, m.vendorId))).toBe(
      'MLIJO_NOT_VENDOR',
    );
  });
});
