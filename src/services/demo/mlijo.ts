import { sql } from 'kysely';
import { demoUser } from '../../db/demo-profit-sharing.repo.js';
import type { Role } from '../../domain/auth/permissions.js';
import { AppError } from '../../domain/errors.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { deliverOrder, notDelivered, packOrder, placeOrder } from '../mlijo/orders.js';
import { addHouseholdsIn, createRoundsIn, createVendorIn } from '../mlijo/setup.js';
import { settleVendor } from '../mlijo/settlement.js';
import type { OrganizationView } from '../organizations.js';
import { createProductIn, createTill } from '../shop/catalogue.js';
import { receiveGoodsIn } from '../shop/stock.js';
import { addDays, pad, rng } from './common.js';
import { DEMO_TODAY } from './loans/book.js';

/**
 * The demo consumer cooperative's koperasi mlijo online (docs/domain/mlijo.md): two member
 * vendors (the second is konsumen.anggota, so the vendor's phone can be tried), 40 households on
 * their routes (a third of them members), fish and meat by the kg beside the shop's vegetables,
 * and the week before the demo's today: a round each evening (16:00-21:00 WIB) for next morning's
 * delivery, its orders weighed, delivered (cash, QRIS, sukarela; a few nobody home) and settled
 * at noon (one day Rp 2.000 short). From the real clock's today on, a round takes orders all day
 * before each delivery day, so the household's page can be tried at any hour; vendor 1 already
 * has orders in the one open now. The households' links are demo links, known by their stop:
 * /pesan/<cooperative>/demomlijo-<vendor 1|2>-<stop, 2 digits>-sokoguru.
 */

export const demoMlijoToken = (vendor: number, stop: number) =>
  `demomlijo-${vendor}-${String(stop).padStart(2, '0')}-sokoguru`;

const HOUSEHOLDS_PER_VENDOR = 20;
const PAST_DAYS = 7;
const ORDERS_PER_DAY = 5;

const FRESH = [
  { sku: 'MLJ-TONGKOL', name: 'Ikan Tongkol', member: 38_000n, pub: 40_000n, cost: 31_000n },
  { sku: 'MLJ-BANDENG', name: 'Ikan Bandeng', member: 32_000n, pub: 34_000n, cost: 26_000n },
  { sku: 'MLJ-AYAM', name: 'Daging Ayam Potong', member: 36_000n, pub: 38_000n, cost: 30_000n },
  { sku: 'MLJ-SAPI', name: 'Daging Sapi', member: 130_000n, pub: 135_000n, cost: 112_000n },
];

const STREETS = ['Jl. Jetayu', 'Jl. Kurinci', 'Gg. Melati', 'Jl. Seruni', 'Gg. Mawar'];
const NAMES = [
  'Bu Sri',
  'Bu Wati',
  'Pak Agus',
  'Bu Siti',
  'Bu Endang',
  'Pak Joko',
  'Bu Yuni',
  'Bu Rina',
  'Pak Budi',
  'Bu Lestari',
];

async function ctxOf(deps: Deps, org: OrganizationView, username: string): Promise<OrgContext> {
  const u = await demoUser(deps.database.db, org.id, username);
  if (!u) throw new Error(`demo user ${username} missing`);
  return {
    organizationId: org.id,
    actor: { userId: u.id, label: username },
    roles: [u.role as Role],
    requestId: null,
    ip: null,
  };
}

/** The services' clock at a WIB time of a day. */
const at = (deps: Deps, day: string, hhmm: string): Deps => ({
  ...deps,
  clock: () => new Date(new Date(`${day}T${hhmm}:00Z`).getTime() - 7 * 3_600_000),
});

export async function seedDemoMlijo(deps: Deps, org: OrganizationView): Promise<void> {
  const coop = org.id;
  const rand = rng(18_0004);
  const pengurus = await ctxOf(deps, org, 'konsumen.pengurus');
  const anggota = await demoUser(deps.database.db, coop, 'konsumen.anggota');
  const place = await sql<{
    outlet_id: bigint;
    desk_id: bigint;
    supplier_id: bigint;
  }>`select t.outlet_id, t.desk_id,
      (select s.id from shop_suppliers s where s.cooperative_id = t.cooperative_id
        and not s.consignment order by s.id limit 1) as supplier_id
    from shop_tills t where t.cooperative_id = ${coop} order by t.id limit 1`.execute(
    deps.database.db,
  );
  const p = place.rows[0];
  if (!p) throw new Error('demo mlijo: the shop has no till');
  const till = await createTill(deps, pengurus, {
    outletId: p.outlet_id,
    code: 'MLIJO',
    name: 'Pesanan mlijo online',
    deskId: p.desk_id,
  });
  const firstDay = addDays(DEMO_TODAY, -PAST_DAYS);
  // members: the two vendors (the second is konsumen.anggota) and the members among households
  const members = await sql<{ id: bigint; full_name: string; user_id: string | null }>`
    select m.id, m.full_name, m.user_id from members m
    where m.cooperative_id = ${coop} and m.status = 'active' and exists (
      select 1 from savings_accounts a join savings_products sp on sp.cooperative_id = a.cooperative_id
        and sp.id = a.product_id
      where a.cooperative_id = m.cooperative_id and a.member_id = m.id and sp.kind = 'sukarela'
        and a.status = 'active')
    order by m.id limit 200`.execute(deps.database.db);
  const ownRow = anggota
    ? await sql<{ id: bigint; full_name: string; user_id: string | null }>`select id, full_name,
        user_id from members where cooperative_id = ${coop} and user_id = ${anggota.id}`.execute(
        deps.database.db,
      )
    : null;
  const own = ownRow?.rows[0];
  const others = members.rows.filter((m) => m.id !== own?.id && m.user_id === null);
  const vendorMembers = [others[40], own ?? others[41]];

  const setUp = await inOrg(deps, pengurus, async (o) => {
    const fresh: bigint[] = [];
    for (const f of FRESH) {
      const made = await createProductIn(o, {
        sku: f.sku,
        name: f.name,
        category: 'ikan & daging',
        baseUnit: 'g',
        priceUnit: 'kg',
        priceUnitBase: 1000,
        weighed: true,
        memberPriceRupiah: f.member,
        publicPriceRupiah: f.pub,
        reorderLevelBase: 5_000n,
        units: [{ unit: 'kg', factorBase: 1000n }],
      });
      fresh.push(made);
    }
    await receiveGoodsIn(o, {
      supplierId: p.supplier_id,
      outletId: p.outlet_id,
      receivedOn: firstDay,
      lines: FRESH.map((f, i) => ({
        productId: fresh[i]!,
        unit: 'kg',
        qty: 80n,
        costRupiah: 80n * f.cost,
      })),
    });
    const routes = [
      { route: 'Rute Panjang Wetan', areas: 'Panjang Wetan RW 03 (RT 01-06)', bps: 600 },
      { route: 'Rute Kandang Panjang', areas: 'Kandang Panjang RW 05 (RT 02-07)', bps: null },
    ];
    const vendors: bigint[] = [];
    for (const [v, r] of routes.entries()) {
      const m = vendorMembers[v];
      if (!m) throw new Error('demo mlijo: not enough members');
      const made = await createVendorIn(o, {
        memberId: m.id,
        routeName: r.route,
        areas: r.areas,
        outletId: p.outlet_id,
        tillId: BigInt(till.id),
        commission: r.bps !== null ? { bps: r.bps } : { perOrderRupiah: 2_000n },
      });
      vendors.push(BigInt(made.id));
      await addHouseholdsIn(
        o,
        BigInt(made.id),
        Array.from({ length: HOUSEHOLDS_PER_VENDOR }, (_, i) => {
          const member = i % 3 === 0 ? others[v * 20 + i] : undefined;
          return {
            name: member?.full_name ?? `${NAMES[i % NAMES.length]} (${r.route.slice(5)} ${i + 1})`,
            address: `${STREETS[i % STREETS.length]} No. ${3 + i * 2}, RT ${pad(1 + (i % 6))}`,
            phone: `0813${String(2_600_000 + v * 1000 + i * 37).padStart(8, '0')}`,
            memberId: member?.id ?? null,
            token: demoMlijoToken(v + 1, i + 1),
          };
        }),
      );
    }
    // a week of evening rounds before the demo's today, and its own evening round
    await createRoundsIn(o, {
      deliveryDate: addDays(firstDay, 1),
      opensTime: '16:00',
      opensDaysBefore: 1,
      closesTime: '21:00',
      closesDaysBefore: 1,
      days: PAST_DAYS,
    });
    // from the real today on: rounds open all day before each delivery day
    const today = new Date(deps.clock().getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    await createRoundsIn(o, {
      deliveryDate: addDays(today, 1),
      opensTime: '00:00',
      opensDaysBefore: 1,
      closesTime: '23:59',
      closesDaysBefore: 1,
      days: 7,
    });
    const hh = await sql<{ id: bigint; vendor_id: bigint; member_id: bigint | null }>`
      select id, vendor_id, member_id from mlijo_households where cooperative_id = ${coop}
      order by vendor_id, stop_no`.execute(o.tx);
    const vegetables = await sql<{ id: bigint }>`select id from shop_products
      where cooperative_id = ${coop} and weighed and active and category <> 'ikan & daging'
      order by id limit 8`.execute(o.tx);
    const eggs = await sql<{ id: bigint }>`select id from shop_products
      where cooperative_id = ${coop} and not weighed and active and consignor_id is null
        and category in ('sembako', 'bumbu & dapur') order by id limit 6`.execute(o.tx);
    return {
      vendors,
      households: hh.rows,
      weighed: [...fresh, ...vegetables.rows.map((x) => x.id)],
      pieces: eggs.rows.map((x) => x.id),
    };
  });

  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const linesOf = () => {
    const lines = [
      {
        productId: pick(setUp.weighed),
        unit: 'g',
        qty: BigInt(250 * (1 + Math.floor(rand() * 4))),
      },
    ];
    if (rand() < 0.6) {
      const second = pick(setUp.weighed);
      if (second !== lines[0]!.productId)
        lines.push({
          productId: second,
          unit: 'g',
          qty: BigInt(500 * (1 + Math.floor(rand() * 2))),
        });
    }
    if (setUp.pieces.length > 0 && rand() < 0.4)
      lines.push({
        productId: pick(setUp.pieces),
        unit: 'pcs',
        qty: BigInt(1 + Math.floor(rand() * 2)),
      });
    return lines;
  };
  const rounds = await sql<{ id: bigint; delivery_date: string; opens_at: Date }>`
    select id, delivery_date::text, opens_at from mlijo_rounds where cooperative_id = ${coop}
    order by delivery_date, opens_at`.execute(deps.database.db);
  const vendorCtx = pengurus; // the manager may act for a vendor (the vendor's own phone does too)
  for (const round of rounds.rows.filter((r) => r.delivery_date <= DEMO_TODAY)) {
    const day = String(round.delivery_date).slice(0, 10);
    const orderDay = addDays(day, -1);
    for (const vendorId of setUp.vendors) {
      const homes = setUp.households.filter((h) => h.vendor_id === vendorId);
      const chosen = new Set<number>();
      while (chosen.size < ORDERS_PER_DAY) chosen.add(Math.floor(rand() * homes.length));
      const placed: { id: bigint; member: boolean; weighedLines: number[] }[] = [];
      for (const [k, i] of [...chosen].entries()) {
        const h = homes[i]!;
        const r = await placeOrder(
          at(deps, orderDay, `${16 + (k % 5)}:${pad(7 * k)}`),
          pengurus,
          { kind: 'vendor', householdId: h.id },
          { roundId: round.id, lines: linesOf(), note: null },
        );
        placed.push({
          id: BigInt(r.body.id),
          member: h.member_id !== null,
          weighedLines: r.body.lines.filter((l) => l.weighed).map((l) => l.lineNo),
        });
      }
      if (day === DEMO_TODAY) continue; // today's deliveries: on the vendor's phone this morning
      let cash = 0n;
      for (const [k, x] of placed.entries()) {
        const when = at(deps, day, `06:${pad(10 + k * 6)}`);
        if (k === 4 && rand() < 0.3) {
          await notDelivered(when, vendorCtx, x.id, 'Tidak ada orang di rumah');
          continue;
        }
        const lines = await sql<{ line_no: number; qty_base: bigint }>`select line_no, qty_base
          from mlijo_order_lines where cooperative_id = ${coop} and order_id = ${x.id}`.execute(
          deps.database.db,
        );
        await packOrder(
          at(deps, day, '05:00'),
          vendorCtx,
          x.id,
          lines.rows
            .filter((l) => x.weighedLines.includes(l.line_no))
            .map((l) => ({
              lineNo: l.line_no,
              // the scale: within 8 % of what was asked, to the 10 g
              packedQtyBase:
                ((l.qty_base * BigInt(920 + Math.floor(rand() * 160))) / 10_000n) * 10n,
            })),
        );
        const method: 'cash' | 'qris' | 'member_account' =
          x.member && rand() < 0.4 ? 'member_account' : rand() < 0.3 ? 'qris' : 'cash';
        const deliver = (m: typeof method) =>
          deliverOrder(when, vendorCtx, x.id, {
            paymentMethod: m,
            paymentReference: m === 'qris' ? `QRIS-${day.replaceAll('-', '')}-${x.id}` : null,
            acceptedOverTolerance: false,
          });
        const done = await deliver(method).catch((e: unknown) => {
          if (e instanceof AppError && e.code === 'SAVINGS_INSUFFICIENT_BALANCE')
            return deliver('cash');
          throw e;
        });
        if (done.body.order.paymentMethod === 'cash') cash += BigInt(done.body.order.totalRupiah);
      }
      // settled at noon; one day the vendor is Rp 2.000 short
      const short = day === addDays(DEMO_TODAY, -3) && vendorId === setUp.vendors[0] ? 2_000n : 0n;
      await settleVendor(at(deps, day, '12:00'), pengurus, vendorId, {
        deliveryDate: day,
        handedOverRupiah: cash > short ? cash - short : cash,
        settledOn: day,
      });
    }
  }
  // the round open now (real clock): vendor 1's households have started ordering
  const now = deps.clock();
  const open = rounds.rows.find(
    (r) => r.delivery_date > DEMO_TODAY && new Date(r.opens_at).getTime() <= now.getTime(),
  );
  if (open) {
    const homes = setUp.households.filter((h) => h.vendor_id === setUp.vendors[0]);
    for (const h of homes.slice(1, 7))
      await placeOrder(
        deps,
        pengurus,
        { kind: 'vendor', householdId: h.id },
        {
          roundId: open.id,
          lines: linesOf(),
          note: null,
        },
      );
  }
}
