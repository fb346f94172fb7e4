import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { memberIdOfUser } from '../../db/members.repo.js';
import type { JsonValue } from '../../db/schema.js';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError, type AppErrorCode } from '../../domain/errors.js';
import { transition, type OrderAction, type OrderStatus } from '../../domain/marketplace/order.js';
import { priceOrder, type OrderableProduct } from '../../domain/marketplace/pricing.js';
import { receiptNumber } from '../../domain/shop/receipt-chain.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { inOrgOnce, type Idempotency } from '../idempotency.js';
import { productsById } from '../shop/catalogue.js';
import { recordOrderSaleIn } from '../shop/sales.js';
import { availableSql, openMarketplace } from './storefront.js';

/**
 * Marketplace orders (docs/domain/marketplace.md). An order is placed once per Idempotency-Key
 * (the buyer's device makes one per order form, so a double tap or a retry answers with the same
 * order), priced at the current member or public price, checked against what the outlet can still
 * offer, and moved by the shop's staff new -> confirmed -> packed -> delivered (or cancelled) by
 * src/domain/marketplace/order.ts. Delivered, it is a shop sale on the marketplace's till
 * (recordOrderSaleIn: stock out at HPP, member or non-member sales, the consignment share owed
 * to the producer, one journal entry) in the same transaction as the step.
 */

export type OrderPayment = 'cash' | 'qris' | 'member_account';

export interface PlaceOrderInput {
  lines: { productId: bigint; qty: bigint }[];
  buyerName: string;
  buyerPhone: string;
  buyerAddress: string;
  note: string | null;
  paymentMethod: OrderPayment;
  paymentReference: string | null;
}

function refuse(e: { code: AppErrorCode } & Record<string, unknown>): never {
  const p: Record<string, string | number | bigint> = {};
  for (const [k, v] of Object.entries(e))
    if (k !== 'code' && (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint'))
      p[k] = v;
  throw new AppError(e.code, p);
}

export interface OrderView {
  [key: string]: JsonValue;
  id: string;
  number: string;
  status: OrderStatus;
  placedAt: string;
  updatedAt: string;
  buyerName: string;
  buyerPhone: string;
  buyerAddress: string;
  note: string | null;
  member: { [key: string]: JsonValue; id: string; number: string | null } | null;
  paymentMethod: OrderPayment;
  paymentReference: string | null;
  totalRupiah: string;
  cancelReason: string | null;
  receiptNumber: string | null;
  statusToken: string;
  lines: {
    [key: string]: JsonValue;
    lineNo: number;
    productId: string;
    name: string;
    unit: string;
    qty: string;
    priceRupiah: string;
    amountRupiah: string;
  }[];
  events: {
    [key: string]: JsonValue;
    from: string | null;
    to: string;
    at: string;
    by: string;
    reason: string | null;
  }[];
}

type OrderRow = {
  id: bigint;
  number: string;
  status: OrderStatus;
  placed_at: Date;
  updated_at: Date;
  buyer_name: string;
  buyer_phone: string;
  buyer_address: string;
  note: string | null;
  member_id: bigint | null;
  member_number: string | null;
  payment_method: OrderPayment;
  payment_reference: string | null;
  total_rupiah: bigint;
  cancel_reason: string | null;
  public_token: string;
  till_code: string | null;
  receipt_no: bigint | null;
  lines: {
    line_no: number;
    product_id: string;
    name: string;
    unit: string;
    qty: string;
    price: string;
    amount: string;
  }[];
  events: { from: string | null; to: string; at: string; by: string; reason: string | null }[];
};

const ORDER_SELECT = sql`select o.id, o.number, o.status, o.placed_at, o.updated_at, o.buyer_name,
    o.buyer_phone, o.buyer_address, o.note, o.member_id, m.member_number, o.payment_method,
    o.payment_reference, o.total_rupiah, o.cancel_reason, o.public_token, t.code as till_code,
    s.receipt_no,
    (select json_agg(json_build_object('line_no', l.line_no, 'product_id', l.product_id::text,
        'name', p.name, 'unit', l.unit, 'qty', l.qty::text, 'price', l.unit_price_rupiah::text,
        'amount', l.amount_rupiah::text) order by l.line_no)
      from marketplace_order_lines l
      join shop_products p on p.cooperative_id = l.cooperative_id and p.id = l.product_id
      where l.cooperative_id = o.cooperative_id and l.order_id = o.id) as lines,
    (select json_agg(json_build_object('from', e.from_status, 'to', e.to_status,
        'at', e.at, 'by', e.by_label, 'reason', e.reason) order by e.seq)
      from marketplace_order_events e
      where e.cooperative_id = o.cooperative_id and e.order_id = o.id) as events
  from marketplace_orders o
  left join members m on m.cooperative_id = o.cooperative_id and m.id = o.member_id
  left join shop_sales s on s.cooperative_id = o.cooperative_id and s.id = o.sale_id
  left join shop_tills t on t.cooperative_id = s.cooperative_id and t.id = s.till_id`;

function view(r: OrderRow): OrderView {
  return {
    id: r.id.toString(),
    number: r.number,
    status: r.status,
    placedAt: new Date(r.placed_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    buyerName: r.buyer_name,
    buyerPhone: r.buyer_phone,
    buyerAddress: r.buyer_address,
    note: r.note,
    member: r.member_id === null ? null : { id: r.member_id.toString(), number: r.member_number },
    paymentMethod: r.payment_method,
    paymentReference: r.payment_reference,
    totalRupiah: r.total_rupiah.toString(),
    cancelReason: r.cancel_reason,
    receiptNumber:
      r.till_code !== null && r.receipt_no !== null
        ? receiptNumber(r.till_code, Number(r.receipt_no))
        : null,
    statusToken: r.public_token,
    lines: (r.lines ?? []).map((l) => ({
      lineNo: l.line_no,
      productId: l.product_id,
      name: l.name,
      unit: l.unit,
      qty: l.qty,
      priceRupiah: l.price,
      amountRupiah: l.amount,
    })),
    events: (r.events ?? []).map((e) => ({
      from: e.from,
      to: e.to,
      at: new Date(e.at).toISOString(),
      by: e.by,
      reason: e.reason,
    })),
  };
}

export async function orderViewIn(o: OrgTx, orderId: bigint): Promise<OrderView> {
  const r = await sql<OrderRow>`${ORDER_SELECT}
    where o.cooperative_id = ${o.ctx.organizationId} and o.id = ${orderId}`.execute(o.tx);
  const row = r.rows[0];
  if (!row) throw new AppError('MARKETPLACE_ORDER_NOT_FOUND');
  return view(row);
}

/** The member a signed-in user is in the context's cooperative (the member portal's buyer). */
export async function memberOfActor(o: OrgTx): Promise<bigint> {
  const userId = o.ctx.actor.userId;
  const id = userId === null ? undefined : await memberIdOfUser(o.tx, o.ctx.organizationId, userId);
  if (id === undefined) throw new AppError('MEMBER_NOT_FOUND');
  return id;
}

async function orderable(o: OrgTx, outletId: bigint, ids: readonly bigint[]) {
  const coop = o.ctx.organizationId;
  const products = await productsById(o, ids);
  const extra = await sql<{ id: bigint; listed: boolean; active: boolean; available: bigint }>`
    select p.id, exists (select 1 from marketplace_listings l where l.cooperative_id = p.cooperative_id
        and l.product_id = p.id) as listed, p.active,
      (${availableSql(coop, outletId)})::bigint as available
    from shop_products p where p.cooperative_id = ${coop}
      and p.id = any(${ids.map(String)}::bigint[])`.execute(o.tx);
  const out = new Map<string, OrderableProduct>();
  for (const x of extra.rows) {
    const p = products.get(x.id.toString());
    if (p)
      out.set(x.id.toString(), {
        ...p,
        listed: x.listed && x.active,
        availableBase: x.available,
      });
  }
  return out;
}

/**
 * Places an order; `memberId` is the signed-in member's (member price, sukarela payment) or null
 * for a visitor. The same key again answers with the first order (200), another request under
 * the same key is refused.
 */
export async function placeOrderIn(
  o: OrgTx,
  memberId: bigint | null,
  input: PlaceOrderInput,
  clientKey: string,
  now: Date,
): Promise<{ status: number; body: OrderView }> {
  const coop = o.ctx.organizationId;
  const m = await openMarketplace(o);
  // one order at a time per cooperative: numbers stay gapless and a retry finds its order
  await sql`select 1 from marketplace_settings where cooperative_id = ${coop} for update`.execute(
    o.tx,
  );
  const hash = createHash('sha256')
    .update(
      JSON.stringify({ memberId: memberId?.toString() ?? null, ...input }, (_k, v: unknown) =>
        typeof v === 'bigint' ? v.toString() : v,
      ),
    )
    .digest('hex');
  const prior = await o.tx
    .selectFrom('marketplace_orders')
    .select(['id', 'request_hash'])
    .where('cooperative_id', '=', coop)
    .where('client_key', '=', clientKey)
    .executeTakeFirst();
  if (prior) {
    if (prior.request_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return { status: 200, body: await orderViewIn(o, prior.id) };
  }
  if (input.paymentMethod === 'member_account' && memberId === null)
    throw new AppError('SHOP_SALE_MEMBER_REQUIRED');
  if (memberId !== null) {
    const mem = await o.tx
      .selectFrom('members')
      .select('status')
      .where('cooperative_id', '=', coop)
      .where('id', '=', memberId)
      .executeTakeFirst();
    if (!mem) throw new AppError('MEMBER_NOT_FOUND');
    if (mem.status !== 'active') throw new AppError('MEMBER_NOT_ACTIVE');
  }
  const products = await orderable(
    o,
    m.outlet_id,
    input.lines.map((l) => l.productId),
  );
  const priced = priceOrder(input.lines, products, memberId !== null);
  if (!priced.ok) refuse(priced.error);
  const n = await sql<{ n: bigint }>`select count(*)::bigint + 1 as n from marketplace_orders
    where cooperative_id = ${coop}`.execute(o.tx);
  const number = `PD-${n.rows[0]!.n.toString().padStart(6, '0')}`;
  const at = now.toISOString();
  const order = await o.tx
    .insertInto('marketplace_orders')
    .values({
      cooperative_id: coop,
      number,
      client_key: clientKey,
      request_hash: hash,
      public_token: randomBytes(16).toString('hex'),
      delivery_id: randomUUID(),
      member_id: memberId,
      buyer_name: input.buyerName,
      buyer_phone: input.buyerPhone,
      buyer_address: input.buyerAddress,
      note: input.note,
      payment_method: input.paymentMethod,
      payment_reference: input.paymentReference,
      total_rupiah: priced.totalRupiah,
      placed_at: at,
      placed_by: o.ctx.actor.userId,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await o.tx
    .insertInto('marketplace_order_lines')
    .values(
      priced.lines.map((l, i) => ({
        cooperative_id: coop,
        order_id: order.id,
        line_no: i + 1,
        product_id: l.productId,
        unit: l.unit,
        qty: l.qty,
        qty_base: l.qtyBase,
        unit_price_rupiah: l.priceRupiah,
        price_base: l.priceBase,
        amount_rupiah: l.amountRupiah,
      })),
    )
    .execute();
  await o.tx
    .insertInto('marketplace_order_events')
    .values({
      cooperative_id: coop,
      order_id: order.id,
      seq: 1,
      from_status: null,
      to_status: 'new',
      at,
      by_user: o.ctx.actor.userId,
      by_label: o.ctx.actor.label,
      reason: null,
    })
    .execute();
  await o.audit({
    action: 'marketplace.order-placed',
    entityType: 'marketplace-order',
    entityId: order.id,
    after: {
      number,
      memberId: memberId?.toString() ?? null,
      totalRupiah: priced.totalRupiah.toString(),
      paymentMethod: input.paymentMethod,
      lines: priced.lines.length,
    },
  });
  return { status: 201, body: await orderViewIn(o, order.id) };
}

/** A visitor's order from the storefront (no account). */
export async function placePublicOrder(
  deps: Deps,
  ctx: OrgContext,
  input: PlaceOrderInput,
  clientKey: string,
) {
  if (input.paymentMethod === 'member_account') throw new AppError('SHOP_SALE_MEMBER_REQUIRED');
  return inOrg(deps, ctx, (o) => placeOrderIn(o, null, input, clientKey, deps.clock()));
}

/** A signed-in member's order (member price; may pay from sukarela). */
export async function placeMemberOrder(
  deps: Deps,
  ctx: OrgContext,
  input: PlaceOrderInput,
  clientKey: string,
) {
  return inOrg(deps, ctx, async (o) =>
    placeOrderIn(o, await memberOfActor(o), input, clientKey, deps.clock()),
  );
}

export interface StepInput {
  action: OrderAction;
  reason?: string | null;
  /** QRIS paid on delivery: the payment's reference */
  paymentReference?: string | null;
}

/**
 * One step of the workflow by the shop's staff, recorded with who and when. Delivering records
 * the sale in the same transaction: if the sale is refused (a member's sukarela too low, a
 * product gone) nothing is written and the order stays packed.
 */
export async function stepOrderIn(
  o: OrgTx,
  orderId: bigint,
  input: StepInput,
  now: Date,
): Promise<{ status: number; body: OrderView }> {
  const coop = o.ctx.organizationId;
  const order = await o.tx
    .selectFrom('marketplace_orders')
    .selectAll()
    .where('cooperative_id', '=', coop)
    .where('id', '=', orderId)
    .forUpdate()
    .executeTakeFirst();
  if (!order) throw new AppError('MARKETPLACE_ORDER_NOT_FOUND');
  const t = transition(order.status, input.action, input.reason);
  if (!t.ok) refuse(t.error);
  const at = now.toISOString();
  let saleId: bigint | null = null;
  let paymentReference = order.payment_reference;
  if (t.to === 'delivered') {
    const settings = await o.tx
      .selectFrom('marketplace_settings')
      .select(['till_id'])
      .where('cooperative_id', '=', coop)
      .executeTakeFirst();
    if (!settings) throw new AppError('MARKETPLACE_NOT_FOUND');
    if (order.payment_method === 'qris') {
      paymentReference = input.paymentReference?.trim() || paymentReference;
      if (!paymentReference) throw new AppError('MARKETPLACE_QRIS_REFERENCE_REQUIRED');
    }
    const lines = await o.tx
      .selectFrom('marketplace_order_lines')
      .selectAll()
      .where('cooperative_id', '=', coop)
      .where('order_id', '=', orderId)
      .orderBy('line_no')
      .execute();
    const sale = await recordOrderSaleIn(o, {
      tillId: settings.till_id,
      clientSaleId: order.delivery_id,
      soldAt: at,
      businessDate: businessDateWib(now),
      memberId: order.member_id,
      lines: lines.map((l) => ({
        productId: l.product_id,
        unit: l.unit,
        qty: l.qty,
        qtyBase: l.qty_base,
        priceRupiah: l.unit_price_rupiah,
        priceBase: l.price_base,
        amountRupiah: l.amount_rupiah,
      })),
      totalRupiah: order.total_rupiah,
      paymentMethod: order.payment_method,
      paymentReference: order.payment_method === 'qris' ? paymentReference : null,
      description: `Pesanan pasar daring ${order.number}`,
    });
    saleId = BigInt(sale.id);
  }
  const seq = await sql<{ n: number }>`select coalesce(max(seq), 0)::int + 1 as n
    from marketplace_order_events where cooperative_id = ${coop} and order_id = ${orderId}`.execute(
    o.tx,
  );
  await o.tx
    .updateTable('marketplace_orders')
    .set({
      status: t.to,
      sale_id: saleId,
      cancel_reason: t.to === 'cancelled' ? t.reason : null,
      payment_reference: paymentReference,
      updated_at: at,
    })
    .where('cooperative_id', '=', coop)
    .where('id', '=', orderId)
    .execute();
  await o.tx
    .insertInto('marketplace_order_events')
    .values({
      cooperative_id: coop,
      order_id: orderId,
      seq: seq.rows[0]!.n,
      from_status: t.from as 'new' | 'confirmed' | 'packed',
      to_status: t.to,
      at,
      by_user: o.ctx.actor.userId,
      by_label: o.ctx.actor.label,
      reason: t.reason,
    })
    .execute();
  await o.audit({
    action: `marketplace.order-${t.to}`,
    entityType: 'marketplace-order',
    entityId: orderId,
    before: { status: t.from },
    after: { status: t.to, reason: t.reason, saleId: saleId?.toString() ?? null },
  });
  return { status: 200, body: await orderViewIn(o, orderId) };
}

export async function stepOrder(
  deps: Deps,
  ctx: OrgContext,
  orderId: bigint,
  input: StepInput,
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, (o) => stepOrderIn(o, orderId, input, deps.clock()));
}

export const ORDER_PAGE_SIZE_MAX = 100;

/** The back office's list: orders in a status (or all), newest first. */
export async function listOrders(
  deps: Deps,
  ctx: OrgContext,
  query: { status: OrderStatus | null; page: number; pageSize: number },
) {
  return inOrg(deps, ctx, async (o) => {
    const pageSize = Math.min(Math.max(query.pageSize, 1), ORDER_PAGE_SIZE_MAX);
    const page = Math.max(query.page, 1);
    const r = await sql<OrderRow>`${ORDER_SELECT}
      where o.cooperative_id = ${ctx.organizationId}
        ${query.status === null ? sql`` : sql`and o.status = ${query.status}`}
      order by o.placed_at desc, o.id desc
      limit ${pageSize} offset ${(page - 1) * pageSize}`.execute(o.tx);
    const c = await sql<{ status: OrderStatus; n: bigint }>`select status, count(*)::bigint as n
      from marketplace_orders where cooperative_id = ${ctx.organizationId} group by status`.execute(
      o.tx,
    );
    const counts = { new: 0, confirmed: 0, packed: 0, delivered: 0, cancelled: 0 };
    for (const x of c.rows) counts[x.status] = Number(x.n);
    return { counts, page, pageSize, items: r.rows.map(view) };
  });
}

export async function getOrder(deps: Deps, ctx: OrgContext, orderId: bigint) {
  return inOrg(deps, ctx, (o) => orderViewIn(o, orderId));
}

/** The signed-in member's own orders. */
export async function myOrders(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async (o) => {
    const memberId = await memberOfActor(o);
    const r = await sql<OrderRow>`${ORDER_SELECT}
      where o.cooperative_id = ${ctx.organizationId} and o.member_id = ${memberId}
      order by o.placed_at desc, o.id desc limit 50`.execute(o.tx);
    return r.rows.map(view);
  });
}

/** A buyer's status link: the order by its unguessable token, without the buyer's contact. */
export async function orderByToken(deps: Deps, ctx: OrgContext, token: string) {
  return inOrg(deps, ctx, async (o) => {
    const r = await sql<OrderRow>`${ORDER_SELECT}
      where o.cooperative_id = ${ctx.organizationId} and o.public_token = ${token}`.execute(o.tx);
    const row = r.rows[0];
    if (!row) throw new AppError('MARKETPLACE_ORDER_NOT_FOUND');
    const v = view(row);
    // the link may be forwarded: the phone and address stay with the shop
    return { ...v, buyerPhone: '', buyerAddress: '', member: null };
  });
}
