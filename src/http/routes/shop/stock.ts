import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../services/context.js';
import * as stock from '../../../services/shop/stock.js';
import { orgCtx } from '../../auth.js';
import { answerOnce } from '../../idempotency.js';
import {
  orgCreateOptions,
  orgListOptions,
  orgQueryListOptions,
  postedEntrySchema,
  rupiahOut,
} from '../responses.js';
import { idString, isoDate, orgParams, positiveRupiah } from '../schemas.js';
import { unit, rupiahIn, qtyIn } from './schemas.js';

/** Stock on hand, goods received with their invoices and payments, opnames, purchase orders. */
export async function shopStockRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/shop/stock',
    orgQueryListOptions(
      'shop.read',
      'shop',
      'Stock on hand at cost per outlet and product; low=true for those at or below their reorder level',
      z.object({ outletId: idString.optional(), low: z.enum(['true', 'false']).optional() }),
      z.object({
        productId: z.string(),
        sku: z.string(),
        name: z.string(),
        category: z.string(),
        baseUnit: z.string(),
        outletId: z.string(),
        outletCode: z.string(),
        qtyBase: z.string(),
        valueRupiah: rupiahOut,
        reorderLevelBase: z.string(),
        low: z.boolean(),
        consignment: z.boolean(),
      }),
    ),
    async (req) => ({
      items: await stock.stockList(deps, orgCtx(req), {
        outletId: req.query.outletId ? BigInt(req.query.outletId) : null,
        lowOnly: req.query.low === 'true',
      }),
    }),
  );

  r.get(
    '/orgs/:orgId/shop/goods-receipts',
    orgListOptions(
      'shop.read',
      'shop',
      'Goods received with their invoices, paid and remaining',
      z.object({
        id: z.string(),
        receivedOn: z.string(),
        supplierName: z.string(),
        invoiceNo: z.string().nullable(),
        dueOn: z.string().nullable(),
        totalRupiah: rupiahOut,
        paidRupiah: rupiahOut,
        remainingRupiah: rupiahOut,
      }),
    ),
    async (req) => ({ items: await stock.listGoodsReceipts(deps, orgCtx(req)) }),
  );

  r.post(
    '/orgs/:orgId/shop/goods-receipts',
    {
      config: { access: 'shop.manage', idempotent: true },
      schema: {
        tags: ['shop'],
        summary:
          "Goods received with the supplier's invoice: stock up at cost, Dr Persediaan / Cr Utang dagang (Idempotency-Key required)",
        params: orgParams,
        body: z
          .object({
            supplierId: idString,
            outletId: idString,
            receivedOn: isoDate,
            invoiceNo: z.string().trim().min(1).max(60).nullable().optional(),
            dueOn: isoDate.nullable().optional(),
            purchaseOrderId: idString.nullable().optional(),
            lines: z
              .array(
                z.object({ productId: idString, unit, qty: qtyIn, costRupiah: rupiahIn }).strict(),
              )
              .min(1)
              .max(500),
          })
          .strict(),
        response: {
          201: z.object({ id: z.string(), totalRupiah: rupiahOut, entryId: z.string().nullable() }),
        },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, stock.receiveGoods, {
        supplierId: BigInt(req.body.supplierId),
        outletId: BigInt(req.body.outletId),
        receivedOn: req.body.receivedOn,
        invoiceNo: req.body.invoiceNo ?? null,
        dueOn: req.body.dueOn ?? null,
        purchaseOrderId: req.body.purchaseOrderId ? BigInt(req.body.purchaseOrderId) : null,
        lines: req.body.lines.map((l) => ({
          productId: BigInt(l.productId),
          unit: l.unit,
          qty: BigInt(l.qty),
          costRupiah: BigInt(l.costRupiah),
        })),
      }),
  );

  r.post(
    '/orgs/:orgId/shop/goods-receipts/:receiptId/payments',
    {
      config: { access: 'shop.manage', idempotent: true },
      schema: {
        tags: ['shop'],
        summary:
          "Pay a supplier's invoice (part or whole) from the bank or cash (Idempotency-Key required)",
        params: orgParams.extend({ receiptId: idString }),
        body: z
          .object({
            amountRupiah: positiveRupiah,
            method: z.enum(['bank', 'cash']),
            paidOn: isoDate,
          })
          .strict(),
        response: { 201: postedEntrySchema.extend({ remainingRupiah: rupiahOut }) },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, stock.paySupplier, BigInt(req.params.receiptId), {
        amountRupiah: BigInt(req.body.amountRupiah),
        method: req.body.method,
        paidOn: req.body.paidOn,
      }),
  );

  r.post(
    '/orgs/:orgId/shop/opnames',
    {
      config: { access: 'shop.manage', idempotent: true },
      schema: {
        tags: ['shop'],
        summary:
          'Stock opname: counted quantities; each difference moves at average cost against the stock variance account (Idempotency-Key required)',
        params: orgParams,
        body: z
          .object({
            outletId: idString,
            countedOn: isoDate,
            note: z.string().trim().max(500).nullable().optional(),
            lines: z
              .array(
                z
                  .object({
                    productId: idString,
                    countedQtyBase: z.string().regex(/^[0-9]{1,10}$/),
                  })
                  .strict(),
              )
              .min(1)
              .max(5000),
          })
          .strict(),
        response: {
          201: z.object({
            id: z.string(),
            varianceRupiah: rupiahOut,
            entryId: z.string().nullable(),
            lines: z.array(
              z.object({
                productId: z.string(),
                name: z.string(),
                systemQtyBase: z.string(),
                countedQtyBase: z.string(),
                varianceQtyBase: z.string(),
                varianceCostRupiah: rupiahOut,
              }),
            ),
          }),
        },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, stock.postOpname, {
        outletId: BigInt(req.body.outletId),
        countedOn: req.body.countedOn,
        note: req.body.note ?? null,
        lines: req.body.lines.map((l) => ({
          productId: BigInt(l.productId),
          countedQtyBase: BigInt(l.countedQtyBase),
        })),
      }),
  );

  const purchaseOrder = z.object({
    id: z.string(),
    supplierId: z.string(),
    supplierName: z.string(),
    outletId: z.string(),
    orderedOn: z.string(),
    status: z.enum(['open', 'received', 'cancelled']),
    note: z.string().nullable(),
    lines: z.array(
      z.object({
        productId: z.string(),
        unit: z.string(),
        qty: z.string(),
        unitCostRupiah: rupiahOut,
      }),
    ),
    totalRupiah: rupiahOut,
  });

  r.get(
    '/orgs/:orgId/shop/purchase-orders',
    orgListOptions('shop.read', 'shop', 'Purchase orders, newest first', purchaseOrder),
    async (req) => ({ items: await stock.listPurchaseOrders(deps, orgCtx(req)) }),
  );

  r.post(
    '/orgs/:orgId/shop/purchase-orders',
    orgCreateOptions(
      'shop.manage',
      'shop',
      'Order goods from a supplier (no money moves until the goods and invoice come)',
      orgParams,
      z
        .object({
          supplierId: idString,
          outletId: idString,
          orderedOn: isoDate,
          note: z.string().trim().max(500).nullable().optional(),
          lines: z
            .array(
              z
                .object({ productId: idString, unit, qty: qtyIn, unitCostRupiah: rupiahIn })
                .strict(),
            )
            .min(1)
            .max(500),
        })
        .strict(),
      purchaseOrder,
    ),
    async (req, reply) =>
      reply.status(201).send(
        await stock.createPurchaseOrder(deps, orgCtx(req), {
          supplierId: BigInt(req.body.supplierId),
          outletId: BigInt(req.body.outletId),
          orderedOn: req.body.orderedOn,
          note: req.body.note ?? null,
          lines: req.body.lines.map((l) => ({
            productId: BigInt(l.productId),
            unit: l.unit,
            qty: BigInt(l.qty),
            unitCostRupiah: BigInt(l.unitCostRupiah),
          })),
        }),
      ),
  );

  r.post(
    '/orgs/:orgId/shop/purchase-orders/:orderId/cancel',
    {
      config: { access: 'shop.manage' },
      schema: {
        tags: ['shop'],
        summary: 'Cancel an open purchase order',
        params: orgParams.extend({ orderId: idString }),
        response: { 200: purchaseOrder },
      },
    },
    async (req) => stock.cancelPurchaseOrder(deps, orgCtx(req), BigInt(req.params.orderId)),
  );
}
