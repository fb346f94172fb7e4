import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PAYMENT_METHODS } from '../../domain/shop/sale.js';
import type { Deps } from '../../services/context.js';
import * as catalogue from '../../services/shop/catalogue.js';
import * as consignment from '../../services/shop/consignment.js';
import * as returns from '../../services/shop/returns.js';
import * as reports from '../../services/shop/reports.js';
import { renderExcel } from '../../reports/excel.js';
import { renderPdf } from '../../reports/pdf.js';
import * as sales from '../../services/shop/sales.js';
import * as stock from '../../services/shop/stock.js';
import { orgCtx } from '../auth.js';
import { problemFor } from '../errors.js';
import { answerOnce } from '../idempotency.js';
import {
  itemsOf,
  orgCreateOptions,
  orgGetOptions,
  orgListOptions,
  orgQueryListOptions,
  fileResponse,
  PDF,
  postedEntrySchema,
  XLSX,
  rupiahOut,
} from './responses.js';
import { idString, isoDate, orgParams, positiveRupiah } from './schemas.js';

// The shop (issue 18; docs/domain/shop.md): set-up, catalogue, stock, the point of sale.

const code = z.string().regex(/^[A-Z0-9-]{1,16}$/);
const unit = z.string().regex(/^[a-z]{1,10}$/);
const barcode = z.string().regex(/^[0-9A-Za-z-]{4,32}$/);
const rupiahIn = z.string().regex(/^[0-9]{1,15}$/);
const qtyIn = z.string().regex(/^[1-9][0-9]{0,9}$/);
const hashHex = z.string().regex(/^[0-9a-f]{64}$/);
const password = z.string().min(1).max(200);

const outletSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  active: z.boolean(),
});
const tillSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  outletId: z.string(),
  outletCode: z.string(),
  outletName: z.string(),
  deskId: z.string(),
  deskCode: z.string(),
  lastReceiptNo: z.number().int(),
  lastHash: z.string(),
  active: z.boolean(),
});
const supplierSchema = z.object({
  id: z.string(),
  name: z.string(),
  memberId: z.string().nullable(),
  memberNumber: z.string().nullable(),
  memberName: z.string().nullable(),
  phone: z.string().nullable(),
  consignment: z.boolean(),
  marginBps: z.number().int().nullable(),
  active: z.boolean(),
});
const catalogueUnit = z.object({
  unit: z.string(),
  factorBase: z.string(),
  barcode: z.string().nullable(),
  memberPriceRupiah: rupiahOut.nullable(),
  publicPriceRupiah: rupiahOut.nullable(),
});
const catalogueItem = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  category: z.string(),
  baseUnit: z.string(),
  priceUnit: z.string(),
  priceUnitBase: z.number().int(),
  weighed: z.boolean(),
  memberPriceRupiah: rupiahOut,
  publicPriceRupiah: rupiahOut,
  consignment: z.boolean(),
  stockBase: z.string(),
  reorderLevelBase: z.string(),
  photoUrl: z.string().nullable(),
  units: z.array(catalogueUnit),
});
const productDetail = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  category: z.string(),
  baseUnit: z.string(),
  priceUnit: z.string(),
  priceUnitBase: z.number().int(),
  weighed: z.boolean(),
  memberPriceRupiah: rupiahOut,
  publicPriceRupiah: rupiahOut,
  consignorId: z.string().nullable(),
  units: z.array(catalogueUnit),
  priceHistory: z.array(
    z.object({
      effectiveAt: z.string(),
      memberPriceRupiah: rupiahOut,
      publicPriceRupiah: rupiahOut,
    }),
  ),
  stock: z.array(
    z.object({
      outletId: z.string(),
      outletCode: z.string(),
      qtyBase: z.string(),
      valueRupiah: rupiahOut,
    }),
  ),
  moves: z.array(
    z.object({
      id: z.string(),
      outletId: z.string(),
      kind: z.string(),
      qtyBase: z.string(),
      costRupiah: rupiahOut,
      movedOn: z.string(),
      refId: z.string(),
    }),
  ),
});
const saleSchema = z.object({
  id: z.string(),
  tillId: z.string(),
  receiptNo: z.number().int(),
  receiptNumber: z.string(),
  hash: z.string(),
  status: z.enum(['posted', 'voided']),
  totalRupiah: rupiahOut,
  changeRupiah: rupiahOut,
  tenderedRupiah: rupiahOut.nullable(),
  entryNumber: z.string(),
  businessDate: z.string(),
  soldAt: z.string(),
  paymentMethod: z.enum(PAYMENT_METHODS),
  paymentReference: z.string().nullable(),
  offline: z.boolean(),
  member: z
    .object({ id: z.string(), number: z.string().nullable(), name: z.string().nullable() })
    .nullable(),
  savingsBalanceAfterRupiah: rupiahOut.nullable(),
  creditAvailableAfterRupiah: rupiahOut.nullable(),
  voidReason: z.string().nullable(),
});
const saleDetail = saleSchema.extend({
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      productId: z.string(),
      name: z.string(),
      unit: z.string(),
      qty: z.string(),
      qtyBase: z.string(),
      priceRupiah: rupiahOut,
      priceBase: z.string(),
      amountRupiah: rupiahOut,
      returnedQtyBase: z.string(),
    }),
  ),
});
const memberLookup = z.object({
  memberId: z.string(),
  memberNumber: z.string().nullable(),
  name: z.string(),
  sukarela: z
    .object({ accountId: z.string(), accountNumber: z.string(), availableRupiah: rupiahOut })
    .nullable(),
  credit: z
    .object({
      limitRupiah: rupiahOut,
      outstandingRupiah: rupiahOut,
      availableRupiah: rupiahOut,
    })
    .nullable(),
});
const creditLimitSchema = z.object({
  memberId: z.string(),
  limitRupiah: rupiahOut,
  outstandingRupiah: rupiahOut,
  availableRupiah: rupiahOut,
});

/** A till's sale as the till rang it up and chained it (src/domain/shop/receipt-chain.ts). */
const saleIn = z
  .object({
    clientSaleId: z.uuid(),
    tillId: idString,
    receiptNo: z.number().int().min(1).max(999_999_999),
    prevHash: z.union([z.literal(''), hashHex]),
    hash: hashHex,
    // UTC with milliseconds, as Date.toISOString writes it: the receipt's hash covers this text
    soldAt: z.iso.datetime({ precision: 3 }),
    memberId: idString.nullable(),
    lines: z
      .array(
        z
          .object({
            productId: idString,
            unit,
            qty: qtyIn,
            qtyBase: qtyIn,
            priceRupiah: positiveRupiah,
            priceBase: z.string().regex(/^[1-9][0-9]{0,8}$/),
            amountRupiah: positiveRupiah,
          })
          .strict(),
      )
      .min(1)
      .max(200),
    totalRupiah: positiveRupiah,
    paymentMethod: z.enum(PAYMENT_METHODS),
    paymentReference: z.string().trim().min(1).max(64).nullable(),
    tenderedRupiah: rupiahIn.nullable(),
    offline: z.boolean(),
  })
  .strict();

function saleInputOf(b: z.infer<typeof saleIn>): sales.SaleInput {
  return {
    clientSaleId: b.clientSaleId,
    tillId: BigInt(b.tillId),
    receiptNo: b.receiptNo,
    prevHash: b.prevHash,
    hash: b.hash,
    soldAt: b.soldAt,
    memberId: b.memberId ? BigInt(b.memberId) : null,
    lines: b.lines.map((l) => ({
      productId: BigInt(l.productId),
      unit: l.unit,
      qty: BigInt(l.qty),
      qtyBase: BigInt(l.qtyBase),
      priceRupiah: BigInt(l.priceRupiah),
      priceBase: BigInt(l.priceBase),
      amountRupiah: BigInt(l.amountRupiah),
    })),
    totalRupiah: BigInt(b.totalRupiah),
    paymentMethod: b.paymentMethod,
    paymentReference: b.paymentReference,
    tenderedRupiah: b.tenderedRupiah === null ? null : BigInt(b.tenderedRupiah),
    offline: b.offline,
  };
}

export async function shopRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/shop/outlets',
    orgListOptions('shop.read', 'shop', 'Outlets of the shop', outletSchema),
    async (req) => ({ items: await catalogue.listOutlets(deps, orgCtx(req)) }),
  );
  r.post(
    '/orgs/:orgId/shop/outlets',
    orgCreateOptions(
      'shop.manage',
      'shop',
      "Add an outlet (the first one opens the shop's accounts in the chart)",
      orgParams,
      z
        .object({
          code,
          name: z.string().trim().min(2).max(100),
          address: z.string().trim().max(300).nullable().optional(),
        })
        .strict(),
      outletSchema,
    ),
    async (req, reply) =>
      reply.status(201).send(await catalogue.createOutlet(deps, orgCtx(req), req.body)),
  );

  r.get(
    '/orgs/:orgId/shop/tills',
    orgListOptions(
      'shop.read',
      'shop',
      'Tills with their receipt series head (last number, last hash)',
      tillSchema,
    ),
    async (req) => ({ items: await catalogue.listTills(deps, orgCtx(req)) }),
  );
  r.post(
    '/orgs/:orgId/shop/tills',
    orgCreateOptions(
      'shop.manage',
      'shop',
      "Add a till on a cash desk (the desk's sessions are the cashiers' shifts)",
      orgParams,
      z
        .object({
          outletId: idString,
          code,
          name: z.string().trim().min(2).max(100),
          deskId: idString,
        })
        .strict(),
      tillSchema,
    ),
    async (req, reply) =>
      reply.status(201).send(
        await catalogue.createTill(deps, orgCtx(req), {
          outletId: BigInt(req.body.outletId),
          deskId: BigInt(req.body.deskId),
          code: req.body.code,
          name: req.body.name,
        }),
      ),
  );

  r.get(
    '/orgs/:orgId/shop/suppliers',
    orgListOptions(
      'shop.read',
      'shop',
      'Suppliers, member producers on consignment among them',
      supplierSchema,
    ),
    async (req) => ({ items: await catalogue.listSuppliers(deps, orgCtx(req)) }),
  );
  r.post(
    '/orgs/:orgId/shop/suppliers',
    orgCreateOptions(
      'shop.manage',
      'shop',
      'Add a supplier; a consignment supplier (titip jual) must be a member',
      orgParams,
      z
        .object({
          name: z.string().trim().min(2).max(200),
          memberId: idString.nullable().optional(),
          phone: z
            .string()
            .regex(/^\+?[0-9]{6,16}$/)
            .nullable()
            .optional(),
          consignment: z.boolean(),
          marginBps: z.number().int().min(0).max(10_000).nullable().optional(),
        })
        .strict(),
      supplierSchema,
    ),
    async (req, reply) =>
      reply.status(201).send(
        await catalogue.createSupplier(deps, orgCtx(req), {
          ...req.body,
          memberId: req.body.memberId ? BigInt(req.body.memberId) : null,
        }),
      ),
  );

  r.get(
    '/orgs/:orgId/shop/catalogue',
    orgQueryListOptions(
      'shop.read',
      'shop',
      "Every active product with units, barcodes, prices and the outlet's stock (a till's offline copy)",
      z.object({ outletId: idString.optional() }),
      catalogueItem,
    ),
    async (req) => ({
      items: await catalogue.catalogue(
        deps,
        orgCtx(req),
        req.query.outletId ? BigInt(req.query.outletId) : null,
      ),
    }),
  );
  r.post(
    '/orgs/:orgId/shop/products',
    orgCreateOptions(
      'shop.manage',
      'shop',
      'Add a product with its base unit, packs, barcodes and member/public prices',
      orgParams,
      z
        .object({
          sku: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/),
          name: z.string().trim().min(2).max(200),
          category: z.string().trim().min(2).max(60),
          baseUnit: unit,
          priceUnit: unit.optional(),
          priceUnitBase: z.number().int().min(1).max(1_000_000).optional(),
          weighed: z.boolean().optional(),
          memberPriceRupiah: positiveRupiah,
          publicPriceRupiah: positiveRupiah,
          consignorId: idString.nullable().optional(),
          reorderLevelBase: z
            .string()
            .regex(/^[0-9]{1,10}$/)
            .optional(),
          barcode: barcode.nullable().optional(),
          description: z.string().trim().max(2000).nullable().optional(),
          photoUrl: z.string().url().max(500).nullable().optional(),
          units: z
            .array(
              z
                .object({
                  unit,
                  factorBase: z.string().regex(/^[1-9][0-9]{0,8}$/),
                  barcode: barcode.nullable().optional(),
                  memberPriceRupiah: positiveRupiah.nullable().optional(),
                  publicPriceRupiah: positiveRupiah.nullable().optional(),
                })
                .strict(),
            )
            .max(10)
            .optional(),
        })
        .strict(),
      productDetail,
    ),
    async (req, reply) => {
      const b = req.body;
      return reply.status(201).send(
        await catalogue.createProduct(deps, orgCtx(req), {
          ...b,
          memberPriceRupiah: BigInt(b.memberPriceRupiah),
          publicPriceRupiah: BigInt(b.publicPriceRupiah),
          consignorId: b.consignorId ? BigInt(b.consignorId) : null,
          reorderLevelBase: BigInt(b.reorderLevelBase ?? '0'),
          units: (b.units ?? []).map((u) => ({
            unit: u.unit,
            factorBase: BigInt(u.factorBase),
            barcode: u.barcode ?? null,
            memberPriceRupiah: u.memberPriceRupiah ? BigInt(u.memberPriceRupiah) : null,
            publicPriceRupiah: u.publicPriceRupiah ? BigInt(u.publicPriceRupiah) : null,
          })),
        }),
      );
    },
  );
  r.get(
    '/orgs/:orgId/shop/products/:productId',
    orgGetOptions(
      'shop.read',
      'shop',
      'A product: units, price history, stock per outlet, last moves',
      orgParams.extend({ productId: idString }),
      productDetail,
    ),
    async (req) => catalogue.productDetail(deps, orgCtx(req), BigInt(req.params.productId)),
  );
  r.put(
    '/orgs/:orgId/shop/products/:productId/prices',
    {
      config: { access: 'shop.manage' },
      schema: {
        tags: ['shop'],
        summary: 'New member and public prices from now on (the old ones stay in the history)',
        params: orgParams.extend({ productId: idString }),
        body: z
          .object({ memberPriceRupiah: positiveRupiah, publicPriceRupiah: positiveRupiah })
          .strict(),
        response: { 200: productDetail },
      },
    },
    async (req) =>
      catalogue.changePrice(deps, orgCtx(req), BigInt(req.params.productId), {
        memberPriceRupiah: BigInt(req.body.memberPriceRupiah),
        publicPriceRupiah: BigInt(req.body.publicPriceRupiah),
      }),
  );

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

  r.get(
    '/orgs/:orgId/shop/members/lookup',
    {
      config: { access: 'shop.sell' },
      schema: {
        tags: ['shop'],
        summary:
          "A member at the till by member number (the card's QR), with sukarela and credit available",
        params: orgParams,
        querystring: z.object({ q: z.string().trim().min(1).max(40) }),
        response: { 200: memberLookup },
      },
    },
    async (req) => sales.lookupMember(deps, orgCtx(req), req.query.q),
  );
  r.get(
    '/orgs/:orgId/shop/members',
    orgListOptions(
      'shop.sell',
      'shop',
      "Active members' numbers and names (a till's offline copy, for member prices)",
      z.object({ memberId: z.string(), memberNumber: z.string(), name: z.string() }),
    ),
    async (req) => ({ items: await sales.memberList(deps, orgCtx(req)) }),
  );
  r.put(
    '/orgs/:orgId/shop/credit-limits/:memberId',
    {
      config: { access: 'shop.manage' },
      schema: {
        tags: ['shop'],
        summary: "Set a member's goods-credit (kredit barang) limit",
        params: orgParams.extend({ memberId: idString }),
        body: z.object({ limitRupiah: rupiahIn }).strict(),
        response: { 200: creditLimitSchema },
      },
    },
    async (req) =>
      sales.setCreditLimit(
        deps,
        orgCtx(req),
        BigInt(req.params.memberId),
        BigInt(req.body.limitRupiah),
      ),
  );

  r.post(
    '/orgs/:orgId/shop/sales',
    {
      config: { access: 'shop.sell', idempotent: true },
      schema: {
        tags: ['shop'],
        summary:
          "Record a till's sale (online or queued offline): the next receipt of the till's chain; the same sale sent again answers 200 with the first answer and posts nothing (Idempotency-Key = clientSaleId)",
        params: orgParams,
        body: saleIn,
        response: { 200: saleDetail, 201: saleDetail },
      },
    },
    async (req, reply) => {
      const b = req.body;
      return answerOnce(req, reply, deps, sales.recordSale, saleInputOf(b));
    },
  );
  r.post(
    '/orgs/:orgId/shop/tills/:tillId/sales/batch',
    {
      config: { access: 'shop.sell' },
      schema: {
        tags: ['shop'],
        summary:
          "Sync a till's queued sales at once (up to 200, in receipt order): each checked as the next link of the chain like POST /shop/sales and posted in its own entry; a sale already recorded is answered 'already'; the first refused sale stops the batch (the sales before it are recorded, it and the rest stay queued) and comes back as a problem",
        params: orgParams.extend({ tillId: idString }),
        body: z.object({ sales: z.array(saleIn).min(1).max(sales.SYNC_BATCH_MAX) }).strict(),
        response: {
          200: z.object({
            results: z.array(
              z.object({
                clientSaleId: z.string(),
                saleId: z.string(),
                receiptNumber: z.string(),
                status: z.enum(['recorded', 'already']),
              }),
            ),
            refused: z
              .object({
                index: z.number().int(),
                clientSaleId: z.string(),
                problem: z.object({
                  status: z.number().int(),
                  code: z.string(),
                  title: z.string(),
                  detail: z.string(),
                }),
              })
              .nullable(),
          }),
        },
      },
    },
    async (req) => {
      const out = await sales.recordSalesBatch(
        deps,
        orgCtx(req),
        BigInt(req.params.tillId),
        req.body.sales.map(saleInputOf),
      );
      const refused = out.refused;
      if (!refused) return { results: out.results, refused: null };
      const p = problemFor(req, refused.error);
      return {
        results: out.results,
        refused: {
          index: refused.index,
          clientSaleId: refused.clientSaleId,
          problem: { status: p.status, code: p.code, title: p.title, detail: p.detail },
        },
      };
    },
  );
  r.get(
    '/orgs/:orgId/shop/sales',
    {
      config: { access: 'shop.read' },
      schema: {
        tags: ['shop'],
        summary: 'Sales, newest first, by till and business date',
        params: orgParams,
        querystring: z.object({
          tillId: idString.optional(),
          date: isoDate.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: itemsOf(
            z.object({
              id: z.string(),
              receiptNumber: z.string(),
              soldAt: z.string(),
              totalRupiah: rupiahOut,
              paymentMethod: z.string(),
              memberName: z.string().nullable(),
              status: z.string(),
              offline: z.boolean(),
            }),
          ),
        },
      },
    },
    async (req) => ({
      items: await sales.listSales(deps, orgCtx(req), {
        tillId: req.query.tillId ? BigInt(req.query.tillId) : null,
        date: req.query.date ?? null,
        limit: req.query.limit,
      }),
    }),
  );
  r.get(
    '/orgs/:orgId/shop/sales/:saleId',
    orgGetOptions(
      'shop.read',
      'shop',
      'A sale with its lines (to reprint the receipt)',
      orgParams.extend({ saleId: idString }),
      saleDetail,
    ),
    async (req) => sales.getSale(deps, orgCtx(req), BigInt(req.params.saleId)),
  );
  r.post(
    '/orgs/:orgId/shop/sales/:saleId/void',
    {
      config: { access: 'shop.sell', idempotent: true },
      schema: {
        tags: ['shop'],
        summary:
          "Void a sale with a supervisor's password: its entry reversed, the goods back in stock (Idempotency-Key required)",
        params: orgParams.extend({ saleId: idString }),
        body: z
          .object({
            reason: z.string().trim().min(3).max(300),
            supervisorUsername: z.string().trim().min(1).max(64),
            supervisorPassword: password,
          })
          .strict(),
        response: { 200: saleDetail },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, sales.voidSale, BigInt(req.params.saleId), req.body),
  );
  r.get(
    '/orgs/:orgId/shop/tills/:tillId/chain',
    orgGetOptions(
      'shop.read',
      'shop',
      "Re-walk a till's receipt chain: gaps, broken links and altered sales",
      orgParams.extend({ tillId: idString }),
      z.object({
        tillId: z.string(),
        checked: z.number().int(),
        breaks: z.array(
          z.object({
            receiptNo: z.number().int(),
            problem: z.enum(['gap', 'link', 'content']),
            expected: z.number().int().optional(),
          }),
        ),
      }),
    ),
    async (req) => sales.verifyTillChain(deps, orgCtx(req), BigInt(req.params.tillId)),
  );
  r.post(
    '/orgs/:orgId/shop/sales/:saleId/returns',
    {
      config: { access: 'shop.sell', idempotent: true },
      schema: {
        tags: ['shop'],
        summary:
          "Return part or all of a sale's lines with a supervisor's password: money back the way it was paid, goods back at cost (Idempotency-Key required)",
        params: orgParams.extend({ saleId: idString }),
        body: z
          .object({
            lines: z
              .array(
                z.object({ lineNo: z.number().int().min(1).max(500), qtyBase: qtyIn }).strict(),
              )
              .min(1)
              .max(200),
            reason: z.string().trim().min(3).max(300),
            supervisorUsername: z.string().trim().min(1).max(64),
            supervisorPassword: password,
          })
          .strict(),
        response: {
          201: z.object({
            returnId: z.string(),
            refundRupiah: rupiahOut,
            refundMethod: z.enum(PAYMENT_METHODS),
            sale: saleDetail,
          }),
        },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, returns.returnSale, BigInt(req.params.saleId), {
        ...req.body,
        lines: req.body.lines.map((l) => ({ lineNo: l.lineNo, qtyBase: BigInt(l.qtyBase) })),
      }),
  );
  r.post(
    '/orgs/:orgId/shop/credit/:memberId/payments',
    {
      config: { access: 'shop.sell', idempotent: true },
      schema: {
        tags: ['shop'],
        summary:
          "A member pays goods credit back in cash through the cashier's open session (Idempotency-Key required)",
        params: orgParams.extend({ memberId: idString }),
        body: z.object({ amountRupiah: positiveRupiah }).strict(),
        response: { 201: postedEntrySchema.extend({ outstandingRupiah: rupiahOut }) },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, returns.payGoodsCredit, BigInt(req.params.memberId), {
        amountRupiah: BigInt(req.body.amountRupiah),
      }),
  );
  r.get(
    '/orgs/:orgId/shop/consignment',
    {
      config: { access: 'shop.read' },
      schema: {
        tags: ['shop'],
        summary: 'What each member producer is owed for consignment goods sold up to a date',
        params: orgParams,
        querystring: z.object({ through: isoDate }),
        response: {
          200: itemsOf(
            z.object({
              supplierId: z.string(),
              name: z.string(),
              memberId: z.string().nullable(),
              memberNumber: z.string().nullable(),
              memberName: z.string().nullable(),
              marginBps: z.number().int(),
              lines: z.number().int(),
              salesRupiah: rupiahOut,
              marginRupiah: rupiahOut,
              owedRupiah: rupiahOut,
              lastSettledOn: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (req) => ({
      items: await consignment.consignmentOwed(deps, orgCtx(req), req.query.through),
    }),
  );
  r.post(
    '/orgs/:orgId/shop/consignment/:supplierId/settlements',
    {
      config: { access: 'shop.manage', idempotent: true },
      schema: {
        tags: ['shop'],
        summary:
          "Pay a member producer what is owed up to a date into the producer's sukarela (Idempotency-Key required)",
        params: orgParams.extend({ supplierId: idString }),
        body: z.object({ throughDate: isoDate, settledOn: isoDate }).strict(),
        response: {
          201: z.object({
            id: z.string(),
            supplierId: z.string(),
            lines: z.number().int(),
            salesRupiah: rupiahOut,
            marginRupiah: rupiahOut,
            amountRupiah: rupiahOut,
            accountNumber: z.string(),
            balanceAfterRupiah: rupiahOut,
            entry: postedEntrySchema,
          }),
        },
      },
    },
    async (req, reply) =>
      answerOnce(
        req,
        reply,
        deps,
        consignment.settleConsignment,
        BigInt(req.params.supplierId),
        req.body,
      ),
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
  const agg = {
    salesRupiah: rupiahOut,
    costRupiah: rupiahOut,
    marginRupiah: rupiahOut,
    count: z.number().int(),
  };
  const salesReportSchema = z.object({
    from: z.string(),
    to: z.string(),
    outletId: z.string().nullable(),
    totals: z.object({ ...agg, memberSalesRupiah: rupiahOut, nonMemberSalesRupiah: rupiahOut }),
    byDay: z.array(z.object({ date: z.string(), ...agg })),
    byHour: z.array(z.object({ hour: z.number().int(), ...agg })),
    byProduct: z.array(
      z.object({
        productId: z.string(),
        sku: z.string(),
        name: z.string(),
        qtyBase: z.string(),
        baseUnit: z.string(),
        ...agg,
      }),
    ),
    byMember: z.array(
      z.object({
        memberId: z.string(),
        memberNumber: z.string().nullable(),
        name: z.string(),
        ...agg,
      }),
    ),
    byOutlet: z.array(z.object({ outletId: z.string(), code: z.string(), ...agg })),
    byPayment: z.array(z.object({ method: z.string(), ...agg })),
    slowMovers: z.array(
      z.object({
        productId: z.string(),
        sku: z.string(),
        name: z.string(),
        qtyBase: z.string(),
        valueRupiah: rupiahOut,
        lastSoldOn: z.string().nullable(),
      }),
    ),
    consignmentOwed: z.array(
      z.object({ supplierId: z.string(), name: z.string(), owedRupiah: rupiahOut }),
    ),
  });
  r.get(
    '/orgs/:orgId/shop/reports/sales',
    {
      config: { access: 'shop.read' },
      schema: {
        tags: ['shop'],
        summary:
          'Sales, HPP and margin by day, hour, product, member, outlet and payment; slow movers; consignment owed (JSON, PDF or Excel by `format`)',
        params: orgParams,
        querystring: z
          .object({
            from: isoDate,
            to: isoDate,
            outletId: idString.optional(),
            format: z.enum(['json', 'pdf', 'xlsx']).default('json'),
          })
          .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
          .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, {
            message: 'at most 400 days',
            path: ['to'],
          }),
        response: {
          200: {
            description: 'The report as JSON, PDF or Excel',
            content: {
              'application/json': { schema: salesReportSchema },
              ...fileResponse('', [PDF, XLSX]).content,
            },
          },
        },
      },
    },
    async (req, typedReply) => {
      const ctx = orgCtx(req);
      const f = {
        from: req.query.from,
        to: req.query.to,
        outletId: req.query.outletId ? BigInt(req.query.outletId) : null,
      };
      if (req.query.format === 'json') return reports.salesReport(deps, ctx, f);
      // a file: the JSON schema of the reply does not describe it
      const reply: FastifyReply = typedReply;
      const doc = await reports.salesReportFile(deps, ctx, f);
      const name = `penjualan-toko-${f.from}-${f.to}`;
      if (req.query.format === 'xlsx')
        return reply
          .type(XLSX)
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await renderExcel(doc));
      return reply
        .type(PDF)
        .header('content-disposition', `inline; filename="${name}.pdf"`)
        .send(await renderPdf(doc));
    },
  );
}
