import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ORDER_ACTIONS, ORDER_STATUSES } from '../../domain/marketplace/order.js';
import { AppError } from '../../domain/errors.js';
import type { Deps } from '../../services/context.js';
import { visitorContext } from '../../services/marketplace/context.js';
import * as orders from '../../services/marketplace/orders.js';
import { myProducerSummary } from '../../services/marketplace/producer.js';
import * as setup from '../../services/marketplace/setup.js';
import * as storefront from '../../services/marketplace/storefront.js';
import { orgCtx } from '../auth.js';
import { idempotencyOf, sendOutcome } from '../idempotency.js';
import { fileResponse, rupiahOut } from './responses.js';
import { idString, orgParams } from './schemas.js';

// The marketplace (pasar daring; issue 18 item 3; docs/domain/marketplace.md): the public
// storefront and its orders, the member's orders and producer summary, the shop's order desk.

/** Public reads and writes are limited per address (a storefront is open to scrapers too). */
const READ_LIMIT = { max: 300, timeWindow: 60_000 };
const ORDER_LIMIT = { max: 20, timeWindow: 60_000 };
/** A photo is addressed by its etag (?v=), so a browser may keep it a day. */
const PHOTO_MAX_AGE_SECONDS = 86_400;

const storefrontQuery = z
  .object({
    q: z.string().trim().max(60).optional(),
    category: z.string().trim().min(1).max(60).optional(),
    producer: z
      .string()
      .regex(/^([0-9]{1,18}|koperasi)$/)
      .optional()
      .describe("a producer's supplier id, or koperasi for the cooperative's own goods"),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(storefront.STOREFRONT_PAGE_SIZE_MAX).default(24),
  })
  .strict();
const storefrontSchema = z.object({
  cooperativeName: z.string(),
  title: z.string(),
  note: z.string().nullable(),
  outletName: z.string(),
  memberPrices: z.boolean(),
  categories: z.array(z.object({ key: z.string(), count: z.number().int() })),
  producers: z.array(
    z.object({ key: z.string(), name: z.string().nullable(), count: z.number().int() }),
  ),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      category: z.string(),
      description: z.string().nullable(),
      unit: z.string(),
      publicPriceRupiah: rupiahOut,
      memberPriceRupiah: rupiahOut.nullable().describe('only for a signed-in member'),
      producer: z
        .object({ id: z.string(), name: z.string(), memberName: z.string().nullable() })
        .nullable()
        .describe("the member producer (UMKM) of consignment goods; null for the cooperative's"),
      availableBase: z.string(),
      photoUrl: z.string().nullable(),
    }),
  ),
});

const orderSchema = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(ORDER_STATUSES),
  placedAt: z.string(),
  updatedAt: z.string(),
  buyerName: z.string(),
  buyerPhone: z.string(),
  buyerAddress: z.string(),
  note: z.string().nullable(),
  member: z.object({ id: z.string(), number: z.string().nullable() }).nullable(),
  paymentMethod: z.enum(['cash', 'qris', 'member_account']),
  paymentReference: z.string().nullable(),
  totalRupiah: rupiahOut,
  cancelReason: z.string().nullable(),
  receiptNumber: z.string().nullable().describe('the shop receipt of the delivered order'),
  statusToken: z.string().describe('the key of the buyer’s status link'),
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      productId: z.string(),
      name: z.string(),
      unit: z.string(),
      qty: z.string(),
      priceRupiah: rupiahOut,
      amountRupiah: rupiahOut,
    }),
  ),
  events: z.array(
    z.object({
      from: z.string().nullable(),
      to: z.string(),
      at: z.string(),
      by: z.string(),
      reason: z.string().nullable(),
    }),
  ),
});

const orderBody = z
  .object({
    lines: z
      .array(z.object({ productId: idString, qty: z.string().regex(/^[1-9][0-9]{0,2}$/) }).strict())
      .min(1)
      .max(50),
    buyerName: z.string().trim().min(2).max(100),
    buyerPhone: z
      .string()
      .trim()
      .transform((s) => s.replace(/[\s-]/g, ''))
      .pipe(z.string().regex(/^\+?[0-9]{8,16}$/)),
    buyerAddress: z.string().trim().min(5).max(300),
    note: z.string().trim().max(300).nullable().default(null),
    paymentMethod: z.enum(['cash', 'qris', 'member_account']),
    paymentReference: z.string().trim().min(1).max(64).nullable().default(null),
  })
  .strict();

type OrderBody = z.infer<typeof orderBody>;
const orderInput = (b: OrderBody): orders.PlaceOrderInput => ({
  lines: b.lines.map((l) => ({ productId: BigInt(l.productId), qty: BigInt(l.qty) })),
  buyerName: b.buyerName,
  buyerPhone: b.buyerPhone,
  buyerAddress: b.buyerAddress,
  note: b.note || null,
  paymentMethod: b.paymentMethod,
  paymentReference: b.paymentReference,
});

/** The order's Idempotency-Key (required): the buyer's device makes one per order form. */
function clientKey(headers: Record<string, unknown>): string {
  const k = headers['idempotency-key'];
  if (typeof k !== 'string') throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
  if (!/^[A-Za-z0-9_.:-]{8,100}$/.test(k))
    throw new AppError('VALIDATION_FAILED', {}, 'bad Idempotency-Key');
  return k;
}

const sendPhoto = (
  reply: FastifyReply,
  p: { contentType: string; bytes: Buffer; etag: string },
  cache: string,
  ifNoneMatch: string | undefined,
) => {
  const etag = `"${p.etag}"`;
  void reply.header('etag', etag).header('cache-control', cache);
  void reply.header('x-content-type-options', 'nosniff');
  if (ifNoneMatch === etag) return reply.status(304).send();
  return reply.type(p.contentType).send(p.bytes);
};

/** The storefront's cooperative (not :orgId: nobody signs in to it, no membership is checked). */
const publicParams = z.object({ cooperativeId: orgParams.shape.orgId });
const producerSummarySchema = z.object({
  producer: z.boolean(),
  salesRupiah: rupiahOut,
  owedRupiah: rupiahOut,
  settledRupiah: rupiahOut,
  products: z.array(
    z.object({
      productId: z.string(),
      name: z.string(),
      qtySold: z.string(),
      marketplaceQtySold: z.string(),
      salesRupiah: rupiahOut,
      shareRupiah: rupiahOut,
      owedRupiah: rupiahOut,
      settledRupiah: rupiahOut,
    }),
  ),
  settlements: z.array(
    z.object({
      id: z.string(),
      settledOn: z.string(),
      throughDate: z.string(),
      salesRupiah: rupiahOut,
      marginRupiah: rupiahOut,
      amountRupiah: rupiahOut,
    }),
  ),
});
const settingsSchema = z.object({
  outletId: z.string(),
  tillId: z.string(),
  open: z.boolean(),
  title: z.string(),
  note: z.string().nullable(),
});

export async function marketplaceRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();
  // JPEG and PNG bodies are parsed as raw buffers by members.ts registerBinaryBodies
  api.addContentTypeParser(
    'image/webp',
    { parseAs: 'buffer', bodyLimit: 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );

  // ---- public: the storefront of one cooperative ----
  r.get(
    '/pasar/:cooperativeId',
    {
      config: { access: 'public', rateLimit: READ_LIMIT },
      schema: {
        tags: ['marketplace'],
        summary:
          'The public storefront of a cooperative: its listed products with photo, producer, public price and what the marketplace outlet can still offer; searched, filtered and paged (404 when the cooperative has no open marketplace)',
        params: publicParams,
        querystring: storefrontQuery,
        response: { 200: storefrontSchema },
      },
    },
    async (req, reply) => {
      void reply.header('cache-control', 'public, max-age=30');
      return storefront.storefront(
        deps,
        visitorContext(req.params.cooperativeId, req.id, req.ip),
        {
          q: req.query.q || null,
          category: req.query.category ?? null,
          producer: req.query.producer ?? null,
          page: req.query.page,
          pageSize: req.query.pageSize,
        },
        false,
      );
    },
  );

  r.get(
    '/pasar/:cooperativeId/products/:productId/photo',
    {
      config: { access: 'public', rateLimit: { max: 1200, timeWindow: 60_000 } },
      schema: {
        tags: ['marketplace'],
        summary: "A listed product's photo (JPEG, PNG or WebP), cacheable by its etag",
        params: publicParams.extend({ productId: idString }),
        querystring: z.object({ v: z.string().max(64).optional() }),
        response: { 200: fileResponse('The photo', setup.PHOTO_TYPES) },
      },
    },
    async (req, reply) =>
      sendPhoto(
        reply,
        await storefront.publicPhoto(
          deps,
          visitorContext(req.params.cooperativeId, req.id, req.ip),
          BigInt(req.params.productId),
        ),
        `public, max-age=${PHOTO_MAX_AGE_SECONDS}`,
        req.headers['if-none-match'],
      ),
  );

  r.post(
    '/pasar/:cooperativeId/orders',
    {
      config: { access: 'public', rateLimit: ORDER_LIMIT },
      schema: {
        tags: ['marketplace'],
        summary:
          'Place an order as a visitor (name, phone, address; cash on delivery or QRIS): priced now at the public price, checked against the outlet’s stock; the Idempotency-Key header is required and the same key again answers 200 with the same order',
        params: publicParams,
        body: orderBody,
        response: { 200: orderSchema, 201: orderSchema },
      },
    },
    async (req, reply) => {
      const res = await orders.placePublicOrder(
        deps,
        visitorContext(req.params.cooperativeId, req.id, req.ip),
        orderInput(req.body),
        clientKey(req.headers),
      );
      return reply.status(res.status === 200 ? 200 : 201).send(res.body);
    },
  );

  r.get(
    '/pasar/:cooperativeId/orders/:token',
    {
      config: { access: 'public', rateLimit: READ_LIMIT },
      schema: {
        tags: ['marketplace'],
        summary:
          "An order's status by the unguessable token of the buyer's link (phone and address left out)",
        params: publicParams.extend({ token: z.string().regex(/^[0-9a-f]{32}$/) }),
        response: { 200: orderSchema },
      },
    },
    async (req, reply) => {
      void reply.header('cache-control', 'private, no-store');
      return orders.orderByToken(
        deps,
        visitorContext(req.params.cooperativeId, req.id, req.ip),
        req.params.token,
      );
    },
  );

  // ---- the signed-in member ----
  r.get(
    '/orgs/:orgId/marketplace/member-storefront',
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['portal'],
        summary: 'The storefront as a signed-in member sees it: with the member price',
        params: orgParams,
        querystring: storefrontQuery,
        response: { 200: storefrontSchema },
      },
    },
    async (req) =>
      storefront.storefront(
        deps,
        orgCtx(req),
        {
          q: req.query.q || null,
          category: req.query.category ?? null,
          producer: req.query.producer ?? null,
          page: req.query.page,
          pageSize: req.query.pageSize,
        },
        true,
      ),
  );

  r.post(
    '/orgs/:orgId/marketplace/my-orders',
    {
      config: { access: 'self.read', idempotent: true },
      schema: {
        tags: ['portal'],
        summary:
          'Place an order as the signed-in member: member price; cash on delivery, QRIS or from the own sukarela (checked at delivery); the same Idempotency-Key answers 200 with the same order',
        params: orgParams,
        body: orderBody,
        response: { 200: orderSchema, 201: orderSchema },
      },
    },
    async (req, reply) => {
      const res = await orders.placeMemberOrder(
        deps,
        orgCtx(req),
        orderInput(req.body),
        clientKey(req.headers),
      );
      return reply.status(res.status === 200 ? 200 : 201).send(res.body);
    },
  );

  r.get(
    '/orgs/:orgId/marketplace/my-orders',
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['portal'],
        summary: "The signed-in member's marketplace orders and their status (the latest 50)",
        params: orgParams,
        response: { 200: z.object({ items: z.array(orderSchema) }) },
      },
    },
    async (req) => ({ items: await orders.myOrders(deps, orgCtx(req)) }),
  );

  r.get(
    '/orgs/:orgId/marketplace/my-producer',
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['portal'],
        summary:
          "A member producer's own consignment goods: sold, owed (not yet settled) and settled into sukarela",
        params: orgParams,
        response: { 200: producerSummarySchema },
      },
    },
    async (req) => myProducerSummary(deps, orgCtx(req)),
  );

  // ---- the shop's back office ----
  r.get(
    '/orgs/:orgId/marketplace/settings',
    {
      config: { access: 'shop.read' },
      schema: {
        tags: ['marketplace'],
        summary: 'The marketplace settings (null before it is set up)',
        params: orgParams,
        response: { 200: z.object({ settings: settingsSchema.nullable() }) },
      },
    },
    async (req) => ({ settings: await setup.getSettings(deps, orgCtx(req)) }),
  );

  r.put(
    '/orgs/:orgId/marketplace/settings',
    {
      config: { access: 'shop.manage' },
      schema: {
        tags: ['marketplace'],
        summary:
          'Set up the marketplace: the outlet it sells from, the till of that outlet its deliveries are recorded on, open or closed, its title',
        params: orgParams,
        body: z
          .object({
            outletId: idString,
            tillId: idString,
            open: z.boolean(),
            title: z.string().trim().min(2).max(100),
            note: z.string().trim().max(500).nullable().default(null),
          })
          .strict(),
        response: { 200: settingsSchema },
      },
    },
    async (req) =>
      setup.putSettings(deps, orgCtx(req), {
        outletId: BigInt(req.body.outletId),
        tillId: BigInt(req.body.tillId),
        open: req.body.open,
        title: req.body.title,
        note: req.body.note || null,
      }),
  );

  r.get(
    '/orgs/:orgId/marketplace/listings',
    {
      config: { access: 'shop.read' },
      schema: {
        tags: ['marketplace'],
        summary: 'The active products with whether each is listed and its photo',
        params: orgParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                sku: z.string(),
                name: z.string(),
                category: z.string(),
                weighed: z.boolean(),
                consignment: z.boolean(),
                listed: z.boolean(),
                photoEtag: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await setup.listingOverview(deps, orgCtx(req)) }),
  );

  r.put(
    '/orgs/:orgId/marketplace/listings',
    {
      config: { access: 'shop.manage' },
      schema: {
        tags: ['marketplace'],
        summary: 'List products on the storefront or take them off (weighed goods are not listed)',
        params: orgParams,
        body: z
          .object({ productIds: z.array(idString).min(1).max(500), listed: z.boolean() })
          .strict(),
        response: { 200: z.object({ changed: z.number().int() }) },
      },
    },
    async (req) =>
      setup.setListed(deps, orgCtx(req), req.body.productIds.map(BigInt), req.body.listed),
  );

  r.put(
    '/orgs/:orgId/marketplace/products/:productId/photo',
    {
      config: { access: 'shop.manage' },
      bodyLimit: 1024 * 1024,
      schema: {
        tags: ['marketplace'],
        summary:
          "Upload a product's photo (JPEG, PNG or WebP, at most 512 KB) as the raw request body",
        params: orgParams.extend({ productId: idString }),
        response: {
          200: z.object({
            productId: z.string(),
            contentType: z.string(),
            bytes: z.number().int(),
            etag: z.string(),
          }),
        },
      },
    },
    async (req) => {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return setup.putPhoto(deps, orgCtx(req), BigInt(req.params.productId), type, body);
    },
  );

  r.get(
    '/orgs/:orgId/marketplace/products/:productId/photo',
    {
      config: { access: 'shop.read' },
      schema: {
        tags: ['marketplace'],
        summary: "A product's photo for the back office (listed or not)",
        params: orgParams.extend({ productId: idString }),
        response: { 200: fileResponse('The photo', setup.PHOTO_TYPES) },
      },
    },
    async (req, reply) =>
      sendPhoto(
        reply,
        await storefront.staffPhoto(deps, orgCtx(req), BigInt(req.params.productId)),
        'private, max-age=60',
        req.headers['if-none-match'],
      ),
  );

  r.get(
    '/orgs/:orgId/marketplace/orders',
    {
      config: { access: 'shop.read' },
      schema: {
        tags: ['marketplace'],
        summary:
          'The marketplace orders, newest first, in one status or all, with counts per status',
        params: orgParams,
        querystring: z
          .object({
            status: z.enum(ORDER_STATUSES).optional(),
            page: z.coerce.number().int().min(1).max(10_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(orders.ORDER_PAGE_SIZE_MAX).default(50),
          })
          .strict(),
        response: {
          200: z.object({
            counts: z.object({
              new: z.number().int(),
              confirmed: z.number().int(),
              packed: z.number().int(),
              delivered: z.number().int(),
              cancelled: z.number().int(),
            }),
            page: z.number().int(),
            pageSize: z.number().int(),
            items: z.array(orderSchema),
          }),
        },
      },
    },
    async (req) =>
      orders.listOrders(deps, orgCtx(req), {
        status: req.query.status ?? null,
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
  );

  r.get(
    '/orgs/:orgId/marketplace/orders/:marketOrderId',
    {
      config: { access: 'shop.read' },
      schema: {
        tags: ['marketplace'],
        summary: 'One order with its lines, its steps and its receipt once delivered',
        params: orgParams.extend({ marketOrderId: idString }),
        response: { 200: orderSchema },
      },
    },
    async (req) => orders.getOrder(deps, orgCtx(req), BigInt(req.params.marketOrderId)),
  );

  r.post(
    '/orgs/:orgId/marketplace/orders/:marketOrderId/steps',
    {
      config: { access: 'shop.sell' },
      schema: {
        tags: ['marketplace'],
        summary:
          'Move an order one step: confirm, pack, deliver (records the shop sale in the same transaction; a QRIS order needs its payment reference) or cancel with a reason; an Idempotency-Key, when sent, makes a retry answer the first result',
        params: orgParams.extend({ marketOrderId: idString }),
        body: z
          .object({
            action: z.enum(ORDER_ACTIONS),
            reason: z.string().trim().max(300).nullable().default(null),
            paymentReference: z.string().trim().min(1).max(64).nullable().default(null),
          })
          .strict(),
        response: { 200: orderSchema },
      },
    },
    async (req, reply) =>
      sendOutcome(
        reply,
        await orders.stepOrder(
          deps,
          orgCtx(req),
          BigInt(req.params.marketOrderId),
          req.body,
          idempotencyOf(req),
        ),
      ),
  );
}
