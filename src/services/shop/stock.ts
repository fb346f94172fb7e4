import { sql } from 'kysely';
import { AppError } from '../../domain/errors.js';
import { opnameVariance, putBack, receive, type StockState } from '../../domain/shop/hpp.js';
import { toBase } from '../../domain/shop/units.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { inOrgOnce, type Idempotency } from '../idempotency.js';
import { postEntry, postedView } from '../ledger.js';
import type { PostingLine } from '../../ledger/post.js';
import { productsById } from './catalogue.js';

/**
 * Stock per outlet at cost (docs/domain/shop.md): every change locks the (outlet, product) rows it
 * touches in product order (so two tills selling the same goods wait for each other instead of
 * deadlocking), applies the moving-average rules of src/domain/shop/hpp.ts, writes the rows back
 * in one statement and records each move with its cost, next to the journal entry that moves the
 * same cost in the stock account.
 */

export type StockMap = Map<string, StockState>;

export async function lockStock(
  o: OrgTx,
  outletId: bigint,
  productIds: readonly bigint[],
): Promise<StockMap> {
  const coop = o.ctx.organizationId;
  const ids = [...new Set(productIds.map(String))].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  // one round trip: the missing rows made, every row locked (a no-op update on conflict takes the
  // row lock) and returned, in product order
  const rows = await sql<{
    product_id: bigint;
    qty_base: bigint;
    value_rupiah: bigint;
    last_cost_rupiah: bigint;
    last_cost_qty_base: bigint;
  }>`insert into shop_stock as s (cooperative_id, outlet_id, product_id)
    select ${coop}, ${outletId}, p from unnest(${ids}::bigint[]) with ordinality as u(p, n) order by n
    on conflict (cooperative_id, outlet_id, product_id) do update set qty_base = s.qty_base
    returning product_id, qty_base, value_rupiah, last_cost_rupiah, last_cost_qty_base`.execute(
    o.tx,
  );
  const out: StockMap = new Map();
  for (const r of rows.rows)
    out.set(r.product_id.toString(), {
      qtyBase: r.qty_base,
      valueRupiah: r.value_rupiah,
      lastCostRupiah: r.last_cost_rupiah,
      lastCostQtyBase: r.last_cost_qty_base,
    });
  return out;
}

export async function saveStock(o: OrgTx, outletId: bigint, stock: StockMap): Promise<void> {
  if (stock.size === 0) return;
  await stockUpdate(o, outletId, stock).execute(o.tx);
}

/**
 * The UPDATE that writes `stock` back (one statement however many rows), for `saveStock` and for
 * a sale's writes, where it runs as one part of a single statement (src/services/shop/sales.ts
 * writeSales).
 */
export function stockUpdate(o: OrgTx, outletId: bigint, stock: StockMap) {
  const ids: string[] = [];
  const qty: string[] = [];
  const value: string[] = [];
  const lastCost: string[] = [];
  const lastQty: string[] = [];
  for (const [id, s] of stock) {
    ids.push(id);
    qty.push(s.qtyBase.toString());
    value.push(s.valueRupiah.toString());
    lastCost.push(s.lastCostRupiah.toString());
    lastQty.push(s.lastCostQtyBase.toString());
  }
  return sql`update shop_stock s set qty_base = v.qty, value_rupiah = v.value,
      last_cost_rupiah = v.last_cost, last_cost_qty_base = v.last_qty
    from unnest(${ids}::bigint[], ${qty}::bigint[], ${value}::bigint[], ${lastCost}::bigint[],
      ${lastQty}::bigint[]) as v(product_id, qty, value, last_cost, last_qty)
    where s.cooperative_id = ${o.ctx.organizationId} and s.outlet_id = ${outletId}
      and s.product_id = v.product_id`;
}

export interface StockMove {
  outletId: bigint;
  productId: bigint;
  kind: 'receipt' | 'sale' | 'void' | 'return' | 'opname';
  qtyBase: bigint;
  costRupiah: bigint;
  refId: bigint;
  movedOn: string;
  journalEntryId: bigint | null;
}

export async function insertMoves(o: OrgTx, moves: readonly StockMove[]): Promise<void> {
  if (moves.length === 0) return;
  await o.tx
    .insertInto('shop_stock_moves')
    .values(
      moves.map((m) => ({
        cooperative_id: o.ctx.organizationId,
        outlet_id: m.outletId,
        product_id: m.productId,
        kind: m.kind,
        qty_base: m.qtyBase,
        cost_rupiah: m.costRupiah,
        ref_id: m.refId,
        moved_on: m.movedOn,
        journal_entry_id: m.journalEntryId,
      })),
    )
    .execute();
}

/**
 * Cost moved between stock and HPP when goods come in while the shelf stood at zero or below
 * (src/domain/shop/hpp.ts receive and putBack): positive is more HPP (Dr HPP / Cr Persediaan).
 */
export function hppAdjustmentLines(adjustmentRupiah: bigint): PostingLine[] {
  if (adjustmentRupiah > 0n)
    return [
      { account: { role: 'costOfGoodsSold' }, debitRupiah: adjustmentRupiah },
      { account: { role: 'inventory' }, creditRupiah: adjustmentRupiah },
    ];
  if (adjustmentRupiah < 0n)
    return [
      { account: { role: 'inventory' }, debitRupiah: -adjustmentRupiah },
      { account: { role: 'costOfGoodsSold' }, creditRupiah: -adjustmentRupiah },
    ];
  return [];
}

/** An HPP adjustment in its own entry (goods back from a void or a return). */
export async function postHppAdjustment(o: OrgTx, adjustment: bigint, date: string, ref: string) {
  await postEntry(o, {
    entryDate: date,
    description: `Penyesuaian HPP (${ref})`,
    source: { type: 'shop.hpp-adjustment', id: ref },
    lines: hppAdjustmentLines(adjustment),
  });
}

/**
 * Goods into an outlet's stock: received at their invoice cost, or back from a sale (a void or
 * a return) at the cost they left with. Locks the rows, applies the moving-average rule, saves
 * them, then asks `entryFor` for the entry the moves belong to, given the HPP adjustment the
 * goods made (a receipt posts it in its own entry, a void or return beside the reversal), and
 * records one move per line at the cost that stayed in stock.
 */
export async function stockIn(
  o: OrgTx,
  outletId: bigint,
  kind: 'receipt' | 'void' | 'return',
  lines: readonly { productId: bigint; qtyBase: bigint; costRupiah: bigint }[],
  ref: { refId: bigint; movedOn: string },
  entryFor: (hppAdjustmentRupiah: bigint) => Promise<bigint | null>,
): Promise<bigint | null> {
  const stock = await lockStock(
    o,
    outletId,
    lines.map((l) => l.productId),
  );
  let adjustment = 0n;
  const moves: Omit<StockMove, 'journalEntryId'>[] = [];
  for (const l of lines) {
    const key = l.productId.toString();
    const r =
      kind === 'receipt'
        ? receive(stock.get(key)!, l.qtyBase, l.costRupiah)
        : putBack(stock.get(key)!, l.qtyBase, l.costRupiah);
    stock.set(key, r.state);
    adjustment += r.hppAdjustmentRupiah;
    moves.push({
      outletId,
      productId: l.productId,
      kind,
      qtyBase: l.qtyBase,
      costRupiah: l.costRupiah - r.hppAdjustmentRupiah,
      refId: ref.refId,
      movedOn: ref.movedOn,
    });
  }
  await saveStock(o, outletId, stock);
  const journalEntryId = await entryFor(adjustment);
  await insertMoves(
    o,
    moves.map((m) => ({ ...m, journalEntryId })),
  );
  return journalEntryId;
}

async function requireOutlet(o: OrgTx, outletId: bigint) {
  const r = await o.tx
    .selectFrom('shop_outlets')
    .select(['id', 'code'])
    .where('cooperative_id', '=', o.ctx.organizationId)
    .where('id', '=', outletId)
    .executeTakeFirst();
  if (!r) throw new AppError('SHOP_OUTLET_NOT_FOUND');
  return r;
}

export interface GoodsReceiptInput {
  supplierId: bigint;
  outletId: bigint;
  receivedOn: string;
  invoiceNo?: string | null;
  dueOn?: string | null;
  purchaseOrderId?: bigint | null;
  lines: { productId: bigint; unit: string; qty: bigint; costRupiah: bigint }[];
}

/**
 * Goods received with the supplier's invoice: stock up at cost, a trade payable for the invoice
 * (Dr Persediaan / Cr Utang dagang). Consignment goods come in at cost 0 (they stay the
 * producer's): stock moves, the books do not.
 */
export async function receiveGoodsIn(o: OrgTx, input: GoodsReceiptInput) {
  const coop = o.ctx.organizationId;
  const outlet = await requireOutlet(o, input.outletId);
  const supplier = await o.tx
    .selectFrom('shop_suppliers')
    .select(['id', 'name'])
    .where('cooperative_id', '=', coop)
    .where('id', '=', input.supplierId)
    .executeTakeFirst();
  if (!supplier) throw new AppError('SHOP_SUPPLIER_NOT_FOUND');
  if (input.purchaseOrderId !== undefined && input.purchaseOrderId !== null) {
    const po = await o.tx
      .selectFrom('shop_purchase_orders')
      .select(['status', 'supplier_id'])
      .where('cooperative_id', '=', coop)
      .where('id', '=', input.purchaseOrderId)
      .forUpdate()
      .executeTakeFirst();
    if (!po || po.status !== 'open' || po.supplier_id !== input.supplierId)
      throw new AppError('SHOP_PURCHASE_ORDER_NOT_OPEN');
  }
  if (input.lines.length === 0 || input.lines.length > 500) throw new AppError('SHOP_SALE_EMPTY');
  const products = await productsById(
    o,
    input.lines.map((l) => l.productId),
  );
  const lines = input.lines.map((l, i) => {
    const p = products.get(l.productId.toString());
    if (!p) throw new AppError('SHOP_PRODUCT_NOT_FOUND');
    const qtyBase = toBase(p, l.unit, l.qty);
    if (typeof qtyBase !== 'bigint') throw new AppError(qtyBase.code, { unit: l.unit });
    if (p.consignorId !== null && l.costRupiah !== 0n)
      throw new AppError('SHOP_CONSIGNMENT_BOUGHT');
    if (l.costRupiah < 0n) throw new AppError('SHOP_QTY_INVALID');
    return { ...l, lineNo: i + 1, qtyBase, consignment: p.consignorId !== null };
  });
  const total = lines.reduce((t, l) => t + l.costRupiah, 0n);
  const receipt = await o.tx
    .insertInto('shop_goods_receipts')
    .values({
      cooperative_id: coop,
      supplier_id: input.supplierId,
      outlet_id: input.outletId,
      purchase_order_id: input.purchaseOrderId ?? null,
      received_on: input.receivedOn,
      invoice_no: input.invoiceNo ?? null,
      due_on: input.dueOn ?? null,
      total_rupiah: total,
      created_by: o.ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await o.tx
    .insertInto('shop_goods_receipt_lines')
    .values(
      lines.map((l) => ({
        cooperative_id: coop,
        receipt_id: receipt.id,
        line_no: l.lineNo,
        product_id: l.productId,
        unit: l.unit,
        qty: l.qty,
        qty_base: l.qtyBase,
        cost_rupiah: l.costRupiah,
      })),
    )
    .execute();
  const entryId = await stockIn(
    o,
    input.outletId,
    'receipt',
    lines,
    { refId: receipt.id, movedOn: input.receivedOn },
    async (adjustment) => {
      if (total === 0n && adjustment === 0n) return null;
      const postingLines: PostingLine[] = [];
      if (total > 0n)
        postingLines.push(
          { account: { role: 'inventory' }, debitRupiah: total },
          { account: { role: 'tradePayable' }, creditRupiah: total },
        );
      // goods sold before they were booked in were costed at the last rate; this receipt's
      // rate re-costs them (src/domain/shop/hpp.ts receive)
      postingLines.push(...hppAdjustmentLines(adjustment));
      const posted = await postEntry(o, {
        entryDate: input.receivedOn,
        description: `Penerimaan barang ${outlet.code} dari ${supplier.name}${input.invoiceNo ? `, faktur ${input.invoiceNo}` : ''}`,
        source: { type: 'shop.goods-receipt', id: receipt.id.toString() },
        lines: postingLines,
      });
      await o.tx
        .updateTable('shop_goods_receipts')
        .set({ journal_entry_id: posted.entryId })
        .where('cooperative_id', '=', coop)
        .where('id', '=', receipt.id)
        .execute();
      return posted.entryId;
    },
  );
  if (input.purchaseOrderId !== undefined && input.purchaseOrderId !== null)
    await o.tx
      .updateTable('shop_purchase_orders')
      .set({ status: 'received' })
      .where('cooperative_id', '=', coop)
      .where('id', '=', input.purchaseOrderId)
      .where('status', '=', 'open')
      .execute();
  await o.audit({
    action: 'shop.goods-received',
    entityType: 'shop-goods-receipt',
    entityId: receipt.id,
    after: {
      supplierId: input.supplierId.toString(),
      totalRupiah: total.toString(),
      lines: lines.length,
    },
  });
  return {
    id: receipt.id.toString(),
    totalRupiah: total.toString(),
    entryId: entryId?.toString() ?? null,
  };
}

export async function receiveGoods(
  deps: Deps,
  ctx: OrgContext,
  input: GoodsReceiptInput,
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => ({
    status: 201,
    body: await receiveGoodsIn(o, input),
  }));
}

export async function listGoodsReceipts(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const rows = await tx
      .selectFrom('shop_goods_receipts as r')
      .innerJoin('shop_suppliers as s', (j) =>
        j.onRef('s.cooperative_id', '=', 'r.cooperative_id').onRef('s.id', '=', 'r.supplier_id'),
      )
      .select([
        'r.id',
        'r.received_on',
        's.name as supplier_name',
        'r.invoice_no',
        'r.due_on',
        'r.total_rupiah',
        'r.paid_rupiah',
      ])
      .where('r.cooperative_id', '=', ctx.organizationId)
      .orderBy('r.id', 'desc')
      .limit(200)
      .execute();
    return rows.map((r) => ({
      id: r.id.toString(),
      receivedOn: String(r.received_on).slice(0, 10),
      supplierName: r.supplier_name,
      invoiceNo: r.invoice_no,
      dueOn: r.due_on ? String(r.due_on).slice(0, 10) : null,
      totalRupiah: r.total_rupiah.toString(),
      paidRupiah: r.paid_rupiah.toString(),
      remainingRupiah: (r.total_rupiah - r.paid_rupiah).toString(),
    }));
  });
}

/** Paying a supplier's invoice (in part or whole) from the bank or petty cash. */
export async function paySupplier(
  deps: Deps,
  ctx: OrgContext,
  receiptId: bigint,
  input: { amountRupiah: bigint; method: 'bank' | 'cash'; paidOn: string },
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const r = await o.tx
      .selectFrom('shop_goods_receipts')
      .select(['id', 'total_rupiah', 'paid_rupiah', 'invoice_no'])
      .where('cooperative_id', '=', ctx.organizationId)
      .where('id', '=', receiptId)
      .forUpdate()
      .executeTakeFirst();
    if (!r) throw new AppError('SHOP_GOODS_RECEIPT_NOT_FOUND');
    const remaining = r.total_rupiah - r.paid_rupiah;
    if (input.amountRupiah <= 0n || input.amountRupiah > remaining)
      throw new AppError('SHOP_INVOICE_PAYMENT_EXCEEDS', { remainingRupiah: remaining });
    const posted = await postEntry(o, {
      entryDate: input.paidOn,
      description: `Pembayaran faktur pemasok ${r.invoice_no ?? r.id.toString()}`,
      source: { type: 'shop.supplier-payment', id: r.id.toString() },
      lines: [
        { account: { role: 'tradePayable' }, debitRupiah: input.amountRupiah },
        {
          account: { role: input.method === 'bank' ? 'bank' : 'cash' },
          creditRupiah: input.amountRupiah,
        },
      ],
    });
    await o.tx
      .insertInto('shop_supplier_payments')
      .values({
        cooperative_id: ctx.organizationId,
        receipt_id: receiptId,
        paid_on: input.paidOn,
        amount_rupiah: input.amountRupiah,
        method: input.method,
        journal_entry_id: posted.entryId,
        created_by: ctx.actor.userId,
      })
      .execute();
    await o.tx
      .updateTable('shop_goods_receipts')
      .set({ paid_rupiah: r.paid_rupiah + input.amountRupiah })
      .where('cooperative_id', '=', ctx.organizationId)
      .where('id', '=', receiptId)
      .execute();
    await o.audit({
      action: 'shop.supplier-paid',
      entityType: 'shop-goods-receipt',
      entityId: receiptId,
      after: { amountRupiah: input.amountRupiah.toString(), method: input.method },
    });
    return {
      status: 201,
      body: { ...postedView(posted), remainingRupiah: (remaining - input.amountRupiah).toString() },
    };
  });
}

/**
 * Stock opname: the counted quantity of each product listed; every difference moves into or out
 * of stock at the average cost (src/domain/shop/hpp.ts opnameVariance) against the stock variance
 * account, in one entry. Products not listed are not touched.
 */
export async function postOpname(
  deps: Deps,
  ctx: OrgContext,
  input: {
    outletId: bigint;
    countedOn: string;
    note?: string | null;
    lines: { productId: bigint; countedQtyBase: bigint }[];
  },
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    const outlet = await requireOutlet(o, input.outletId);
    if (input.lines.length === 0 || input.lines.length > 5000)
      throw new AppError('SHOP_SALE_EMPTY');
    const products = await productsById(
      o,
      input.lines.map((l) => l.productId),
    );
    for (const l of input.lines) {
      if (!products.has(l.productId.toString())) throw new AppError('SHOP_PRODUCT_NOT_FOUND');
      if (l.countedQtyBase < 0n) throw new AppError('SHOP_QTY_INVALID');
    }
    const stock = await lockStock(
      o,
      input.outletId,
      input.lines.map((l) => l.productId),
    );
    const results = input.lines.map((l) => {
      const key = l.productId.toString();
      const before = stock.get(key)!;
      const v = opnameVariance(before, l.countedQtyBase);
      stock.set(key, v.state);
      return { ...l, systemQtyBase: before.qtyBase, ...v };
    });
    const variance = results.reduce((t, r) => t + r.costDeltaRupiah, 0n);
    const opname = await o.tx
      .insertInto('shop_opnames')
      .values({
        cooperative_id: coop,
        outlet_id: input.outletId,
        counted_on: input.countedOn,
        note: input.note ?? null,
        variance_rupiah: variance,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await o.tx
      .insertInto('shop_opname_lines')
      .values(
        results.map((r) => ({
          cooperative_id: coop,
          opname_id: opname.id,
          product_id: r.productId,
          system_qty_base: r.systemQtyBase,
          counted_qty_base: r.countedQtyBase,
          variance_cost_rupiah: r.costDeltaRupiah,
        })),
      )
      .execute();
    await saveStock(o, input.outletId, stock);
    const gain = results
      .filter((r) => r.costDeltaRupiah > 0n)
      .reduce((t, r) => t + r.costDeltaRupiah, 0n);
    const loss = results
      .filter((r) => r.costDeltaRupiah < 0n)
      .reduce((t, r) => t - r.costDeltaRupiah, 0n);
    let entryId: bigint | null = null;
    if (gain > 0n || loss > 0n) {
      const lines: PostingLine[] = [];
      if (loss > 0n)
        lines.push(
          { account: { role: 'inventoryVariance' }, debitRupiah: loss },
          { account: { role: 'inventory' }, creditRupiah: loss },
        );
      if (gain > 0n)
        lines.push(
          { account: { role: 'inventory' }, debitRupiah: gain },
          { account: { role: 'inventoryVariance' }, creditRupiah: gain },
        );
      const posted = await postEntry(o, {
        entryDate: input.countedOn,
        description: `Selisih stock opname ${outlet.code} ${input.countedOn}`,
        source: { type: 'shop.opname', id: opname.id.toString() },
        lines,
      });
      entryId = posted.entryId;
      await o.tx
        .updateTable('shop_opnames')
        .set({ journal_entry_id: entryId })
        .where('cooperative_id', '=', coop)
        .where('id', '=', opname.id)
        .execute();
    }
    await insertMoves(
      o,
      results
        .filter((r) => r.qtyDeltaBase !== 0n)
        .map((r) => ({
          outletId: input.outletId,
          productId: r.productId,
          kind: 'opname' as const,
          qtyBase: r.qtyDeltaBase,
          costRupiah: r.costDeltaRupiah,
          refId: opname.id,
          movedOn: input.countedOn,
          journalEntryId: entryId,
        })),
    );
    await o.audit({
      action: 'shop.opname-posted',
      entityType: 'shop-opname',
      entityId: opname.id,
      after: { lines: results.length, varianceRupiah: variance.toString() },
    });
    return {
      status: 201,
      body: {
        id: opname.id.toString(),
        varianceRupiah: variance.toString(),
        entryId: entryId?.toString() ?? null,
        lines: results.map((r) => ({
          productId: r.productId.toString(),
          name: products.get(r.productId.toString())!.name,
          systemQtyBase: r.systemQtyBase.toString(),
          countedQtyBase: r.countedQtyBase.toString(),
          varianceQtyBase: r.qtyDeltaBase.toString(),
          varianceCostRupiah: r.costDeltaRupiah.toString(),
        })),
      },
    };
  });
}

/** Stock of an outlet (or all), with the low-stock flag (at or below the reorder level). */
export async function stockList(
  deps: Deps,
  ctx: OrgContext,
  filter: { outletId: bigint | null; lowOnly: boolean },
) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<{
      product_id: bigint;
      sku: string;
      name: string;
      category: string;
      base_unit: string;
      outlet_id: bigint;
      outlet_code: string;
      qty_base: bigint;
      value_rupiah: bigint;
      reorder_level_base: bigint;
      consignment: boolean;
    }>`select p.id as product_id, p.sku, p.name, p.category, p.base_unit, u.id as outlet_id,
        u.code as outlet_code, coalesce(s.qty_base, 0)::bigint as qty_base,
        coalesce(s.value_rupiah, 0)::bigint as value_rupiah, p.reorder_level_base,
        p.consignor_id is not null as consignment
      from shop_products p
      cross join shop_outlets u
      left join shop_stock s on s.cooperative_id = p.cooperative_id and s.product_id = p.id
        and s.outlet_id = u.id
      where p.cooperative_id = ${ctx.organizationId} and u.cooperative_id = ${ctx.organizationId}
        and p.active and u.active
        and (${filter.outletId}::bigint is null or u.id = ${filter.outletId})
        and (not ${filter.lowOnly} or coalesce(s.qty_base, 0) <= p.reorder_level_base)
      order by u.code, p.name
      limit 5000`.execute(tx);
    return r.rows.map((x) => ({
      productId: x.product_id.toString(),
      sku: x.sku,
      name: x.name,
      category: x.category,
      baseUnit: x.base_unit,
      outletId: x.outlet_id.toString(),
      outletCode: x.outlet_code,
      qtyBase: x.qty_base.toString(),
      valueRupiah: x.value_rupiah.toString(),
      reorderLevelBase: x.reorder_level_base.toString(),
      low: x.qty_base <= x.reorder_level_base,
      consignment: x.consignment,
    }));
  });
}

export interface PurchaseOrderLine {
  productId: bigint;
  unit: string;
  qty: bigint;
  unitCostRupiah: bigint;
}

/**
 * A purchase order: what the shop asks a supplier for (no money moves). Goods received against it
 * (receiveGoods with its purchaseOrderId) mark it received; an open one can be cancelled.
 */
export async function createPurchaseOrder(
  deps: Deps,
  ctx: OrgContext,
  input: {
    supplierId: bigint;
    outletId: bigint;
    orderedOn: string;
    note?: string | null;
    lines: PurchaseOrderLine[];
  },
) {
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    await requireOutlet(o, input.outletId);
    const supplier = await o.tx
      .selectFrom('shop_suppliers')
      .select('id')
      .where('cooperative_id', '=', coop)
      .where('id', '=', input.supplierId)
      .executeTakeFirst();
    if (!supplier) throw new AppError('SHOP_SUPPLIER_NOT_FOUND');
    const products = await productsById(
      o,
      input.lines.map((l) => l.productId),
    );
    for (const l of input.lines) {
      const p = products.get(l.productId.toString());
      if (!p) throw new AppError('SHOP_PRODUCT_NOT_FOUND');
      const base = toBase(p, l.unit, l.qty);
      if (typeof base !== 'bigint') throw new AppError(base.code, { unit: l.unit });
    }
    const r = await o.tx
      .insertInto('shop_purchase_orders')
      .values({
        cooperative_id: coop,
        supplier_id: input.supplierId,
        outlet_id: input.outletId,
        ordered_on: input.orderedOn,
        note: input.note ?? null,
        lines: JSON.stringify(
          input.lines.map((l) => ({
            productId: l.productId.toString(),
            unit: l.unit,
            qty: l.qty.toString(),
            unitCostRupiah: l.unitCostRupiah.toString(),
          })),
        ),
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await o.audit({
      action: 'shop.purchase-order-created',
      entityType: 'shop-purchase-order',
      entityId: r.id,
      after: { supplierId: input.supplierId.toString(), lines: input.lines.length },
    });
    return (await purchaseOrderRows(o, r.id))[0]!;
  });
}

async function purchaseOrderRows(o: OrgTx, id?: bigint) {
  let q = o.tx
    .selectFrom('shop_purchase_orders as p')
    .innerJoin('shop_suppliers as s', (j) =>
      j.onRef('s.cooperative_id', '=', 'p.cooperative_id').onRef('s.id', '=', 'p.supplier_id'),
    )
    .select([
      'p.id',
      'p.supplier_id',
      's.name as supplier_name',
      'p.outlet_id',
      'p.ordered_on',
      'p.status',
      'p.lines',
      'p.note',
    ])
    .where('p.cooperative_id', '=', o.ctx.organizationId);
  if (id !== undefined) q = q.where('p.id', '=', id);
  const rows = await q.orderBy('p.id', 'desc').limit(200).execute();
  return rows.map((r) => {
    const lines = r.lines as {
      productId: string;
      unit: string;
      qty: string;
      unitCostRupiah: string;
    }[];
    return {
      id: r.id.toString(),
      supplierId: r.supplier_id.toString(),
      supplierName: r.supplier_name,
      outletId: r.outlet_id.toString(),
      orderedOn: String(r.ordered_on).slice(0, 10),
      status: r.status,
      note: r.note,
      lines,
      totalRupiah: lines
        .reduce((t, l) => t + BigInt(l.qty) * BigInt(l.unitCostRupiah), 0n)
        .toString(),
    };
  });
}

export async function listPurchaseOrders(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, (o) => purchaseOrderRows(o));
}

export async function cancelPurchaseOrder(deps: Deps, ctx: OrgContext, id: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const r = await o.tx
      .updateTable('shop_purchase_orders')
      .set({ status: 'cancelled' })
      .where('cooperative_id', '=', ctx.organizationId)
      .where('id', '=', id)
      .where('status', '=', 'open')
      .returning('id')
      .executeTakeFirst();
    if (!r) {
      const exists = await o.tx
        .selectFrom('shop_purchase_orders')
        .select('id')
        .where('cooperative_id', '=', ctx.organizationId)
        .where('id', '=', id)
        .executeTakeFirst();
      throw new AppError(exists ? 'SHOP_PURCHASE_ORDER_NOT_OPEN' : 'NOT_FOUND');
    }
    await o.audit({
      action: 'shop.purchase-order-cancelled',
      entityType: 'shop-purchase-order',
      entityId: id,
    });
    return (await purchaseOrderRows(o, id))[0]!;
  });
}
