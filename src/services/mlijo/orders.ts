import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import { roundState } from '../../domain/mlijo/round.js';
import { packWeighed } from '../../domain/mlijo/weigh.js';
import { lineAmount, priceOf, toBase } from '../../domain/shop/units.js';
import { memberIdOfUser } from '../../db/members.repo.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { inOrgOnce, type Idempotency } from '../idempotency.js';
import { productsById } from '../shop/catalogue.js';
import { recordOrderSaleIn } from '../shop/sales.js';
import { ensureMlijoAccounts } from './accounts.js';
import {
  actingVendor,
  roundById,
  roundView,
  tokenHash,
  vendorById,
  type RoundRow,
} from './setup.js';

/**
 * Mlijo orders (docs/domain/mlijo.md): a household orders in an open round (by its link, as a
 * signed-in member, or through its vendor); the vendor packs, weighing what is sold by weight,
 * and delivers, collecting cash or a QRIS payment or taking it from the member's sukarela; a
 * delivered order is a shop sale on the vendor's till in the same transaction.
 */

export const MAX_ORDER_LINES = 30;

interface HouseholdRow {
  id: bigint;
  vendor_id: bigint;
  name: string;
  address: string;
  member_id: bigint | null;
  route_name: string;
  vendor_name: string;
  outlet_id: bigint;
}

const householdSelect = sql`select h.id, h.vendor_id, h.name, h.address, h.member_id,
    v.route_name, m.full_name as vendor_name, v.outlet_id
  from mlijo_households h
  join mlijo_vendors v on v.cooperative_id = h.cooperative_id and v.id = h.vendor_id
  join members m on m.cooperative_id = v.cooperative_id and m.id = v.member_id`;

export type Orderer =
  { kind: 'link'; token: string } | { kind: 'member' } | { kind: 'vendor'; householdId: bigint };

async function householdOf(o: OrgTx, who: Orderer): Promise<HouseholdRow> {
  const coop = o.ctx.organizationId;
  let row: HouseholdRow | undefined;
  switch (who.kind) {
    case 'link': {
      const r = await sql<HouseholdRow>`${householdSelect}
        where h.cooperative_id = ${coop} and h.token_hash = ${tokenHash(who.token)}
          and h.active and v.active`.execute(o.tx);
      row = r.rows[0];
      break;
    }
    case 'member': {
      const userId = o.ctx.actor.userId;
      const memberId = userId ? await memberIdOfUser(o.tx, coop, userId) : undefined;
      if (memberId !== undefined) {
        const r = await sql<HouseholdRow>`${householdSelect}
          where h.cooperative_id = ${coop} and h.member_id = ${memberId} and h.active and v.active
          order by h.id limit 1`.execute(o.tx);
        row = r.rows[0];
      }
      break;
    }
    case 'vendor': {
      const r = await sql<HouseholdRow>`${householdSelect}
        where h.cooperative_id = ${coop} and h.id = ${who.householdId} and h.active`.execute(o.tx);
      row = r.rows[0];
      if (row) await actingVendor(o, row.vendor_id);
      break;
    }
  }
  if (!row) throw new AppError('MLIJO_HOUSEHOLD_NOT_FOUND');
  return row;
}

/** The round taking orders now, else the next one to open, else none. */
async function currentRound(o: OrgTx, now: Date): Promise<RoundRow | null> {
  const r = await sql<RoundRow>`select id, opens_at, closes_at, delivery_date::text
    from mlijo_rounds where cooperative_id = ${o.ctx.organizationId}
      and closes_at > ${now.toISOString()}::timestamptz
    order by opens_at, id limit 1`.execute(o.tx);
  return r.rows[0] ?? null;
}

async function orderCatalogue(o: OrgTx, outletId: bigint, member: boolean) {
  const r = await sql<{
    id: bigint;
    name: string;
    category: string;
    base_unit: string;
    price_unit: string;
    price_unit_base: number;
    weighed: boolean;
    price: bigint;
    stock_base: bigint;
  }>`select p.id, p.name, p.category, p.base_unit, p.price_unit, p.price_unit_base, p.weighed,
      ${member ? sql`p.member_price_rupiah` : sql`p.public_price_rupiah`} as price, s.qty_base as stock_base
    from shop_products p
    join shop_stock s on s.cooperative_id = p.cooperative_id and s.product_id = p.id
      and s.outlet_id = ${outletId}
    where p.cooperative_id = ${o.ctx.organizationId} and p.active and s.qty_base > 0
    order by p.weighed desc, p.category, p.name limit 200`.execute(o.tx);
  return r.rows.map((p) => ({
    id: p.id.toString(),
    name: p.name,
    category: p.category,
    baseUnit: p.base_unit,
    priceUnit: p.price_unit,
    priceUnitBase: p.price_unit_base,
    weighed: p.weighed,
    priceRupiah: p.price.toString(),
    stockBase: p.stock_base.toString(),
  }));
}

interface OrderRow {
  id: bigint;
  round_id: bigint;
  vendor_id: bigint;
  household_id: bigint;
  member_id: bigint | null;
  status: 'ordered' | 'packed' | 'delivered' | 'not_delivered';
  ordered_total_rupiah: bigint;
  total_rupiah: bigint;
  note: string | null;
  payment_method: 'cash' | 'qris' | 'member_account' | null;
  payment_reference: string | null;
  not_delivered_reason: string | null;
  sale_id: bigint | null;
  settlement_id: bigint | null;
  accepted_over_tolerance: boolean;
}

interface LineRow {
  order_id: bigint;
  line_no: number;
  product_id: bigint;
  name: string;
  weighed: boolean;
  base_unit: string;
  unit: string;
  qty: bigint;
  qty_base: bigint;
  price_rupiah: bigint;
  price_base: bigint;
  amount_rupiah: bigint;
  packed_qty_base: bigint | null;
  packed_amount_rupiah: bigint | null;
}

async function linesOf(o: OrgTx, orderIds: readonly bigint[]): Promise<LineRow[]> {
  if (orderIds.length === 0) return [];
  const r = await sql<LineRow>`select l.order_id, l.line_no, l.product_id, p.name, p.weighed,
      p.base_unit, l.unit, l.qty, l.qty_base, l.price_rupiah, l.price_base, l.amount_rupiah,
      l.packed_qty_base, l.packed_amount_rupiah
    from mlijo_order_lines l
    join shop_products p on p.cooperative_id = l.cooperative_id and p.id = l.product_id
    where l.cooperative_id = ${o.ctx.organizationId}
      and l.order_id = any(${orderIds.map(String)}::bigint[])
    order by l.order_id, l.line_no`.execute(o.tx);
  return r.rows;
}

function overTolerance(l: LineRow): boolean {
  if (!l.weighed || l.packed_qty_base === null) return false;
  const p = packWeighed(l.qty_base, l.packed_qty_base, l.price_rupiah, l.price_base);
  return 'overTolerance' in p && p.overTolerance;
}

function lineView(l: LineRow) {
  return {
    lineNo: l.line_no,
    productId: l.product_id.toString(),
    name: l.name,
    weighed: l.weighed,
    baseUnit: l.base_unit,
    unit: l.unit,
    qty: l.qty.toString(),
    qtyBase: l.qty_base.toString(),
    priceRupiah: l.price_rupiah.toString(),
    priceBase: l.price_base.toString(),
    amountRupiah: l.amount_rupiah.toString(),
    packedQtyBase: l.packed_qty_base?.toString() ?? null,
    packedAmountRupiah: l.packed_amount_rupiah?.toString() ?? null,
    overTolerance: overTolerance(l),
  };
}

function orderView(x: OrderRow, lines: readonly LineRow[]) {
  return {
    id: x.id.toString(),
    roundId: x.round_id.toString(),
    householdId: x.household_id.toString(),
    status: x.status,
    orderedTotalRupiah: x.ordered_total_rupiah.toString(),
    totalRupiah: x.total_rupiah.toString(),
    note: x.note,
    paymentMethod: x.payment_method,
    paymentReference: x.payment_reference,
    notDeliveredReason: x.not_delivered_reason,
    saleId: x.sale_id?.toString() ?? null,
    settled: x.settlement_id !== null,
    acceptedOverTolerance: x.accepted_over_tolerance,
    lines: lines.filter((l) => l.order_id === x.id).map(lineView),
  };
}

const orderColumns = sql`x.id, x.round_id, x.vendor_id, x.household_id, x.member_id, x.status,
  x.ordered_total_rupiah, x.total_rupiah, x.note, x.payment_method, x.payment_reference,
  x.not_delivered_reason, x.sale_id, x.settlement_id, x.accepted_over_tolerance`;

async function orderFor(o: OrgTx, roundId: bigint, householdId: bigint) {
  const r = await sql<OrderRow>`select ${orderColumns} from mlijo_orders x
    where x.cooperative_id = ${o.ctx.organizationId} and x.round_id = ${roundId}
      and x.household_id = ${householdId}`.execute(o.tx);
  const x = r.rows[0];
  return x ? orderView(x, await linesOf(o, [x.id])) : null;
}

/** What a household's phone shows: the household, the round now, the catalogue, its order. */
export async function householdHome(deps: Deps, ctx: OrgContext, who: Orderer) {
  return inOrg(deps, ctx, async (o) => {
    const h = await householdOf(o, who);
    const now = deps.clock();
    const round = await currentRound(o, now);
    return {
      household: {
        id: h.id.toString(),
        name: h.name,
        address: h.address,
        member: h.member_id !== null,
        routeName: h.route_name,
        vendorName: h.vendor_name,
      },
      round: round ? roundView(round, now) : null,
      order: round ? await orderFor(o, round.id, h.id) : null,
      products: await orderCatalogue(o, h.outlet_id, h.member_id !== null),
    };
  });
}

export interface OrderInput {
  roundId: bigint;
  lines: { productId: bigint; unit: string; qty: bigint }[];
  note: string | null;
}

/** A household's order in an open round, priced at the member or public price now. */
export async function placeOrder(
  deps: Deps,
  ctx: OrgContext,
  who: Orderer,
  input: OrderInput,
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    const h = await householdOf(o, who);
    const round = await roundById(o, input.roundId);
    const now = deps.clock();
    const opensAt = new Date(round.opens_at);
    const closesAt = new Date(round.closes_at);
    if (roundState({ opensAt, closesAt }, now) !== 'open')
      throw new AppError('MLIJO_ROUND_NOT_OPEN', {
        opensAt: opensAt.toISOString(),
        closesAt: closesAt.toISOString(),
      });
    if (input.lines.length === 0 || input.lines.length > MAX_ORDER_LINES)
      throw new AppError('SHOP_SALE_EMPTY');
    const products = await productsById(
      o,
      input.lines.map((l) => l.productId),
    );
    const active = await o.tx
      .selectFrom('shop_products')
      .select('id')
      .where('cooperative_id', '=', coop)
      .where('active', '=', true)
      .where(
        'id',
        'in',
        input.lines.map((l) => l.productId),
      )
      .execute();
    const activeIds = new Set(active.map((a) => a.id.toString()));
    const member = h.member_id !== null;
    const lines = input.lines.map((l, i) => {
      const p = products.get(l.productId.toString());
      if (!p || !activeIds.has(p.id.toString()) || p.consignorId !== null)
        throw new AppError('MLIJO_PRODUCT_UNAVAILABLE');
      const base = toBase(p, l.unit, l.qty);
      if (typeof base !== 'bigint') throw new AppError(base.code);
      const price = priceOf(p, l.unit, member);
      if (!('priceRupiah' in price)) throw new AppError(price.code);
      return {
        cooperative_id: coop,
        line_no: i + 1,
        product_id: p.id,
        unit: l.unit,
        qty: l.qty,
        qty_base: base,
        price_rupiah: price.priceRupiah,
        price_base: price.priceBase,
        amount_rupiah: lineAmount(base, price.priceRupiah, price.priceBase),
      };
    });
    const total = lines.reduce((t, l) => t + l.amount_rupiah, 0n);
    const order = await o.tx
      .insertInto('mlijo_orders')
      .values({
        cooperative_id: coop,
        round_id: round.id,
        vendor_id: h.vendor_id,
        household_id: h.id,
        member_id: h.member_id,
        ordered_total_rupiah: total,
        total_rupiah: total,
        note: input.note,
        ordered_via: who.kind,
        ordered_at: now.toISOString(),
      })
      .onConflict((c) => c.columns(['cooperative_id', 'round_id', 'household_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!order) throw new AppError('MLIJO_ORDER_EXISTS');
    await o.tx
      .insertInto('mlijo_order_lines')
      .values(lines.map((l) => ({ ...l, order_id: order.id })))
      .execute();
    await o.audit({
      action: 'mlijo.order-placed',
      entityType: 'mlijo-order',
      entityId: order.id,
      after: { roundId: round.id.toString(), via: who.kind, totalRupiah: total.toString() },
    });
    return { status: 201, body: (await orderFor(o, round.id, h.id))! };
  });
}

/**
 * The vendor's phone for a round: the pick list (what to load: totals per product over the
 * route's orders) and the delivery list (households in route order with their lines and what to
 * collect).
 */
export async function vendorRound(
  deps: Deps,
  ctx: OrgContext,
  roundId: bigint,
  vendorId: bigint | null,
) {
  return inOrg(deps, ctx, async (o) => {
    const v = await actingVendor(o, vendorId);
    const round = await roundById(o, roundId);
    const r = await sql<
      OrderRow & { stop_no: number; name: string; address: string; phone: string | null }
    >`select ${orderColumns}, h.stop_no, h.name, h.address, h.phone
      from mlijo_orders x join mlijo_households h on h.cooperative_id = x.cooperative_id
        and h.id = x.household_id
      where x.cooperative_id = ${ctx.organizationId} and x.round_id = ${roundId}
        and x.vendor_id = ${v.id}
      order by h.stop_no, h.id`.execute(o.tx);
    const lines = await linesOf(
      o,
      r.rows.map((x) => x.id),
    );
    const picks = new Map<
      string,
      {
        productId: string;
        name: string;
        weighed: boolean;
        baseUnit: string;
        qtyBase: bigint;
        orders: number;
      }
    >();
    const live = new Set(r.rows.filter((x) => x.status !== 'not_delivered').map((x) => x.id));
    for (const l of lines) {
      if (!live.has(l.order_id)) continue;
      const k = l.product_id.toString();
      const p = picks.get(k) ?? {
        productId: k,
        name: l.name,
        weighed: l.weighed,
        baseUnit: l.base_unit,
        qtyBase: 0n,
        orders: 0,
      };
      p.qtyBase += l.qty_base;
      p.orders += 1;
      picks.set(k, p);
    }
    const deliveries = r.rows.map((x) => ({
      ...orderView(x, lines),
      stopNo: x.stop_no,
      householdName: x.name,
      address: x.address,
      phone: x.phone,
      member: x.member_id !== null,
    }));
    return {
      vendor: {
        id: v.id.toString(),
        memberName: v.member_name,
        routeName: v.route_name,
        areas: v.areas,
      },
      round: roundView(round, deps.clock()),
      pickList: [...picks.values()]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((p) => ({ ...p, qtyBase: p.qtyBase.toString() })),
      deliveries,
      toCollectRupiah: deliveries
        .filter((d) => d.status === 'ordered' || d.status === 'packed')
        .reduce((t, d) => t + BigInt(d.totalRupiah), 0n)
        .toString(),
    };
  });
}

/** The vendor's rounds: recent and coming, with the vendor's own order counts. */
export async function vendorRounds(deps: Deps, ctx: OrgContext, vendorId: bigint | null) {
  return inOrg(deps, ctx, async (o) => {
    const v = await actingVendor(o, vendorId);
    const today = businessDateWib(deps.clock());
    const r = await sql<RoundRow & { orders: bigint; open_orders: bigint }>`select r.id,
        r.opens_at, r.closes_at, r.delivery_date::text,
        count(x.id) as orders,
        count(x.id) filter (where x.status in ('ordered', 'packed')) as open_orders
      from mlijo_rounds r left join mlijo_orders x on x.cooperative_id = r.cooperative_id
        and x.round_id = r.id and x.vendor_id = ${v.id}
      where r.cooperative_id = ${ctx.organizationId}
        and r.delivery_date between (${today}::date - 7) and (${today}::date + 7)
      group by r.cooperative_id, r.id order by r.delivery_date desc, r.opens_at desc`.execute(o.tx);
    const now = deps.clock();
    return {
      vendor: {
        id: v.id.toString(),
        memberName: v.member_name,
        routeName: v.route_name,
        areas: v.areas,
      },
      today,
      rounds: r.rows.map((x) => ({
        ...roundView(x, now),
        orders: Number(x.orders),
        openOrders: Number(x.open_orders),
      })),
    };
  });
}

async function lockOrder(o: OrgTx, orderId: bigint) {
  const r = await sql<OrderRow>`select ${orderColumns} from mlijo_orders x
    where x.cooperative_id = ${o.ctx.organizationId} and x.id = ${orderId}
    for update of x`.execute(o.tx);
  const x = r.rows[0];
  if (!x) throw new AppError('MLIJO_ORDER_NOT_FOUND');
  await actingVendor(o, x.vendor_id);
  return x;
}

/**
 * Packing: each weighed line gets the weight on the scale (base units, grams) and its amount at
 * that weight; other lines go as ordered. Packing again before delivery replaces the weights.
 */
export async function packOrder(
  deps: Deps,
  ctx: OrgContext,
  orderId: bigint,
  weights: readonly { lineNo: number; packedQtyBase: bigint }[],
) {
  return inOrg(deps, ctx, async (o) => {
    const x = await lockOrder(o, orderId);
    if (x.status !== 'ordered' && x.status !== 'packed')
      throw new AppError('MLIJO_ORDER_STATE', { status: x.status });
    const lines = await linesOf(o, [x.id]);
    let total = 0n;
    for (const l of lines) {
      let qtyBase = l.qty_base;
      let amount = l.amount_rupiah;
      if (l.weighed) {
        const w = weights.find((p) => p.lineNo === l.line_no);
        if (!w) throw new AppError('MLIJO_WEIGHT_INVALID', { lineNo: l.line_no });
        const p = packWeighed(l.qty_base, w.packedQtyBase, l.price_rupiah, l.price_base);
        if (!('amountRupiah' in p)) throw new AppError(p.code, { lineNo: l.line_no });
        qtyBase = p.packedQtyBase;
        amount = p.amountRupiah;
      }
      total += amount;
      await o.tx
        .updateTable('mlijo_order_lines')
        .set({ packed_qty_base: qtyBase, packed_amount_rupiah: amount })
        .where('cooperative_id', '=', ctx.organizationId)
        .where('order_id', '=', x.id)
        .where('line_no', '=', l.line_no)
        .execute();
    }
    await o.tx
      .updateTable('mlijo_orders')
      .set({ status: 'packed', total_rupiah: total, packed_at: deps.clock().toISOString() })
      .where('cooperative_id', '=', ctx.organizationId)
      .where('id', '=', x.id)
      .execute();
    await o.audit({
      action: 'mlijo.order-packed',
      entityType: 'mlijo-order',
      entityId: x.id,
      after: { totalRupiah: total.toString() },
    });
    return (await orderFor(o, x.round_id, x.household_id))!;
  });
}

/** The sale's client id of an order's delivery: one per order, so a delivery is recorded once. */
function deliveryUuid(coop: string, orderId: bigint): string {
  const h = createHash('sha256').update(`mlijo-delivery:${coop}:${orderId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface DeliveryInput {
  paymentMethod: 'cash' | 'qris' | 'member_account';
  paymentReference: string | null;
  /** the household accepted a weight beyond the tolerance at the door */
  acceptedOverTolerance: boolean;
}

/**
 * Delivered: the order becomes a shop sale on the vendor's till (stock out, sales to members or
 * not, HPP, the payer's side) in this transaction; cash collected is debited to the cash held by
 * the vendor (1106, with the vendor's member id) until the day's settlement.
 */
export async function deliverOrder(
  deps: Deps,
  ctx: OrgContext,
  orderId: bigint,
  input: DeliveryInput,
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    const x = await lockOrder(o, orderId);
    if (x.status !== 'ordered' && x.status !== 'packed')
      throw new AppError('MLIJO_ORDER_STATE', { status: x.status });
    const lines = await linesOf(o, [x.id]);
    if (lines.some((l) => l.weighed && l.packed_qty_base === null))
      throw new AppError('MLIJO_ORDER_STATE', { status: x.status });
    if (lines.some(overTolerance) && !input.acceptedOverTolerance)
      throw new AppError('MLIJO_WEIGHT_NOT_ACCEPTED');
    if (input.paymentMethod === 'qris' && !input.paymentReference)
      throw new AppError('VALIDATION_FAILED', {}, 'a QRIS payment needs its reference');
    const v = await vendorById(o, x.vendor_id);
    await ensureMlijoAccounts(o);
    const now = deps.clock();
    const round = await roundById(o, x.round_id);
    const saleLines = lines.map((l) => ({
      productId: l.product_id,
      unit: l.unit,
      qty: l.qty,
      qtyBase: l.packed_qty_base ?? l.qty_base,
      priceRupiah: l.price_rupiah,
      priceBase: l.price_base,
      amountRupiah: l.packed_amount_rupiah ?? l.amount_rupiah,
    }));
    const total = saleLines.reduce((t, l) => t + l.amountRupiah, 0n);
    const sale = await recordOrderSaleIn(o, {
      tillId: v.till_id,
      clientSaleId: deliveryUuid(coop, x.id),
      soldAt: now.toISOString(),
      businessDate: businessDateWib(now),
      memberId: x.member_id,
      lines: saleLines,
      totalRupiah: total,
      paymentMethod: input.paymentMethod,
      paymentReference: input.paymentMethod === 'cash' ? null : input.paymentReference,
      cashDebit: { account: { role: 'mlijoVendorCash' }, memberId: v.member_id },
      description: `Pesanan mlijo ${v.route_name} ${String(round.delivery_date).slice(0, 10)} #${x.id}`,
    });
    await o.tx
      .updateTable('mlijo_orders')
      .set({
        status: 'delivered',
        total_rupiah: total,
        sale_id: BigInt(sale.id),
        payment_method: input.paymentMethod,
        payment_reference: input.paymentMethod === 'cash' ? null : input.paymentReference,
        accepted_over_tolerance: input.acceptedOverTolerance && lines.some(overTolerance),
        delivered_at: now.toISOString(),
        packed_at: x.status === 'ordered' ? now.toISOString() : undefined,
      })
      .where('cooperative_id', '=', coop)
      .where('id', '=', x.id)
      .execute();
    await o.audit({
      action: 'mlijo.order-delivered',
      entityType: 'mlijo-order',
      entityId: x.id,
      after: {
        saleId: sale.id,
        receipt: sale.receiptNumber,
        totalRupiah: total.toString(),
        paymentMethod: input.paymentMethod,
      },
    });
    return {
      status: 201,
      body: {
        order: (await orderFor(o, x.round_id, x.household_id))!,
        sale: {
          id: sale.id,
          receiptNumber: sale.receiptNumber,
          entryNumber: sale.entryNumber,
          totalRupiah: sale.totalRupiah,
          savingsBalanceAfterRupiah: sale.savingsBalanceAfterRupiah,
        },
      },
    };
  });
}

/** Not delivered (nobody home, refused): no sale, nothing posted; the reason is kept. */
export async function notDelivered(deps: Deps, ctx: OrgContext, orderId: bigint, reason: string) {
  return inOrg(deps, ctx, async (o) => {
    const x = await lockOrder(o, orderId);
    if (x.status !== 'ordered' && x.status !== 'packed')
      throw new AppError('MLIJO_ORDER_STATE', { status: x.status });
    await o.tx
      .updateTable('mlijo_orders')
      .set({ status: 'not_delivered', not_delivered_reason: reason })
      .where('cooperative_id', '=', ctx.organizationId)
      .where('id', '=', x.id)
      .execute();
    await o.audit({
      action: 'mlijo.order-not-delivered',
      entityType: 'mlijo-order',
      entityId: x.id,
      after: { reason },
    });
    return (await orderFor(o, x.round_id, x.household_id))!;
  });
}
