import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps, OrgContext } from '../../services/context.js';
import * as orders from '../../services/mlijo/orders.js';
import * as settlement from '../../services/mlijo/settlement.js';
import * as setup from '../../services/mlijo/setup.js';
import { orgCtx } from '../auth.js';
import { answerOnce, idempotencyOf, sendOutcome } from '../idempotency.js';
import { itemsOf, postedEntrySchema, rupiahOut } from './responses.js';
import { idString, isoDate, orgParams } from './schemas.js';

// Mlijo order rounds (issue 18 item 4; docs/domain/mlijo.md): the manager's set-up and rounds,
// the household's phone (by its link or signed in), the vendor's phone, the daily settlement.

const READ_LIMIT = { max: 300, timeWindow: 60_000 };
const ORDER_LIMIT = { max: 30, timeWindow: 60_000 };
const unit = z.string().regex(/^[a-z]{1,10}$/);
const qtyIn = z.string().regex(/^[1-9][0-9]{0,9}$/);
const rupiahIn = z.string().regex(/^[0-9]{1,15}$/);
const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/);
const token = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
const publicParams = z.object({ cooperativeId: orgParams.shape.orgId, token });

const roundSchema = z.object({
  id: z.string(),
  opensAt: z.string(),
  closesAt: z.string(),
  deliveryDate: z.string(),
  state: z.enum(['upcoming', 'open', 'closed']),
});
const lineSchema = z.object({
  lineNo: z.number().int(),
  productId: z.string(),
  name: z.string(),
  weighed: z.boolean(),
  baseUnit: z.string(),
  unit: z.string(),
  qty: z.string(),
  qtyBase: z.string(),
  priceRupiah: rupiahOut,
  priceBase: z.string(),
  amountRupiah: rupiahOut,
  packedQtyBase: z.string().nullable(),
  packedAmountRupiah: rupiahOut.nullable(),
  overTolerance: z.boolean(),
});
const orderSchema = z.object({
  id: z.string(),
  roundId: z.string(),
  householdId: z.string(),
  status: z.enum(['ordered', 'packed', 'delivered', 'not_delivered']),
  orderedTotalRupiah: rupiahOut,
  totalRupiah: rupiahOut,
  note: z.string().nullable(),
  paymentMethod: z.enum(['cash', 'qris', 'member_account']).nullable(),
  paymentReference: z.string().nullable(),
  notDeliveredReason: z.string().nullable(),
  saleId: z.string().nullable(),
  settled: z.boolean(),
  acceptedOverTolerance: z.boolean(),
  lines: z.array(lineSchema),
});
const homeSchema = z.object({
  household: z.object({
    id: z.string(),
    name: z.string(),
    address: z.string(),
    member: z.boolean(),
    routeName: z.string(),
    vendorName: z.string(),
  }),
  round: roundSchema.nullable(),
  order: orderSchema.nullable(),
  products: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      category: z.string(),
      baseUnit: z.string(),
      priceUnit: z.string(),
      priceUnitBase: z.number().int(),
      weighed: z.boolean(),
      priceRupiah: rupiahOut,
      stockBase: z.string(),
    }),
  ),
});
const orderBody = z
  .object({
    roundId: idString,
    lines: z
      .array(z.object({ productId: idString, unit, qty: qtyIn }).strict())
      .min(1)
      .max(orders.MAX_ORDER_LINES),
    note: z.string().trim().max(300).nullable().default(null),
  })
  .strict();
type OrderBody = z.output<typeof orderBody>;
const orderInput = (b: OrderBody): orders.OrderInput => ({
  roundId: BigInt(b.roundId),
  lines: b.lines.map((l) => ({ productId: BigInt(l.productId), unit: l.unit, qty: BigInt(l.qty) })),
  note: b.note === '' ? null : b.note,
});
const vendorSummary = z.object({
  id: z.string(),
  memberName: z.string(),
  routeName: z.string(),
  areas: z.string(),
});
const vendorSchema = z.object({
  id: z.string(),
  memberId: z.string(),
  memberNumber: z.string(),
  memberName: z.string(),
  routeName: z.string(),
  areas: z.string(),
  outletId: z.string(),
  tillId: z.string(),
  commissionBps: z.number().int().nullable(),
  commissionPerOrderRupiah: rupiahOut.nullable(),
  households: z.number().int(),
});
const figuresSchema = z.object({
  ordersDelivered: z.number().int(),
  deliveredRupiah: rupiahOut,
  cashCollectedRupiah: rupiahOut,
  qrisRupiah: rupiahOut,
  sukarelaRupiah: rupiahOut,
  handedOverRupiah: rupiahOut,
  shortfallRupiah: rupiahOut,
  commissionRupiah: rupiahOut,
});
const settlementSchema = figuresSchema.extend({
  id: z.string(),
  vendorId: z.string(),
  vendorName: z.string(),
  routeName: z.string(),
  deliveryDate: z.string(),
  settledAt: z.string(),
});
const vendorQuery = z.object({ vendorId: idString.optional() }).strict();
const vendorIdOf = (q: { vendorId?: string | undefined }) =>
  q.vendorId === undefined ? null : BigInt(q.vendorId);

/** A household ordering by its link: no login; the link's secret names the household. */
function householdCtx(cooperativeId: string, requestId: string, ip: string): OrgContext {
  return {
    organizationId: cooperativeId.toLowerCase(),
    actor: { userId: null, label: 'mlijo-link' },
    roles: [],
    requestId,
    ip,
  };
}

export async function mlijoRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  // ---- the household's phone, by its link ----
  r.get(
    '/mlijo/pesan/:cooperativeId/:token',
    {
      config: { access: 'public', rateLimit: READ_LIMIT },
      schema: {
        tags: ['mlijo'],
        summary:
          "A household's ordering page by its link: the household and its vendor, the round now open (or next), what can be ordered at its price, and its order in that round",
        params: publicParams,
        response: { 200: homeSchema },
      },
    },
    async (req) =>
      orders.householdHome(deps, householdCtx(req.params.cooperativeId, req.id, req.ip), {
        kind: 'link',
        token: req.params.token,
      }),
  );
  r.post(
    '/mlijo/pesan/:cooperativeId/:token/orders',
    {
      config: { access: 'public', idempotent: true, rateLimit: ORDER_LIMIT },
      schema: {
        tags: ['mlijo'],
        summary:
          'A household orders by its link in the open round (refused when the round is not open by the server clock; Idempotency-Key required)',
        params: publicParams,
        body: orderBody,
        response: { 201: orderSchema },
      },
    },
    async (req, reply) =>
      sendOutcome(
        reply,
        await orders.placeOrder(
          deps,
          householdCtx(req.params.cooperativeId, req.id, req.ip),
          { kind: 'link', token: req.params.token },
          orderInput(req.body),
          idempotencyOf(req),
        ),
      ),
  );

  // ---- a member orders for the own household ----
  r.get(
    '/orgs/:orgId/mlijo/me',
    {
      config: { access: 'mlijo.order' },
      schema: {
        tags: ['mlijo'],
        summary:
          "The signed-in member's household ordering page (the household on a vendor's route)",
        params: orgParams,
        response: { 200: homeSchema },
      },
    },
    async (req) => orders.householdHome(deps, orgCtx(req), { kind: 'member' }),
  );
  r.post(
    '/orgs/:orgId/mlijo/me/orders',
    {
      config: { access: 'mlijo.order', idempotent: true },
      schema: {
        tags: ['mlijo'],
        summary: 'The signed-in member orders for the own household (Idempotency-Key required)',
        params: orgParams,
        body: orderBody,
        response: { 201: orderSchema },
      },
    },
    async (req, reply) =>
      answerOnce(
        req,
        reply,
        deps,
        orders.placeOrder,
        { kind: 'member' } as const,
        orderInput(req.body),
      ),
  );

  // ---- the vendor's phone ----
  r.get(
    '/orgs/:orgId/mlijo/vendor/rounds',
    {
      config: { access: 'mlijo.vendor' },
      schema: {
        tags: ['mlijo'],
        summary:
          "The vendor's rounds of the week before and after today with the route's order counts (a manager names the vendor)",
        params: orgParams,
        querystring: vendorQuery,
        response: {
          200: z.object({
            vendor: vendorSummary,
            today: z.string(),
            rounds: z.array(
              roundSchema.extend({ orders: z.number().int(), openOrders: z.number().int() }),
            ),
          }),
        },
      },
    },
    async (req) => orders.vendorRounds(deps, orgCtx(req), vendorIdOf(req.query)),
  );
  r.get(
    '/orgs/:orgId/mlijo/vendor/rounds/:roundId',
    {
      config: { access: 'mlijo.vendor' },
      schema: {
        tags: ['mlijo'],
        summary:
          "The vendor's pick list (totals per product) and delivery list (households in route order with lines and amount) of a round",
        params: orgParams.extend({ roundId: idString }),
        querystring: vendorQuery,
        response: {
          200: z.object({
            vendor: vendorSummary,
            round: roundSchema,
            pickList: z.array(
              z.object({
                productId: z.string(),
                name: z.string(),
                weighed: z.boolean(),
                baseUnit: z.string(),
                qtyBase: z.string(),
                orders: z.number().int(),
              }),
            ),
            deliveries: z.array(
              orderSchema.extend({
                stopNo: z.number().int(),
                householdName: z.string(),
                address: z.string(),
                phone: z.string().nullable(),
                member: z.boolean(),
              }),
            ),
            toCollectRupiah: rupiahOut,
          }),
        },
      },
    },
    async (req) =>
      orders.vendorRound(deps, orgCtx(req), BigInt(req.params.roundId), vendorIdOf(req.query)),
  );
  r.get(
    '/orgs/:orgId/mlijo/vendor/households',
    {
      config: { access: 'mlijo.vendor' },
      schema: {
        tags: ['mlijo'],
        summary: "The households on the vendor's route, in route order",
        params: orgParams,
        querystring: z.object({ vendorId: idString }).strict(),
        response: {
          200: itemsOf(
            z.object({
              id: z.string(),
              stopNo: z.number().int(),
              name: z.string(),
              address: z.string(),
              phone: z.string().nullable(),
              memberId: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (req) => ({
      items: await setup.listHouseholds(deps, orgCtx(req), BigInt(req.query.vendorId)),
    }),
  );
  r.get(
    '/orgs/:orgId/mlijo/vendor/households/:householdId',
    {
      config: { access: 'mlijo.vendor' },
      schema: {
        tags: ['mlijo'],
        summary:
          "A household on the vendor's own route as its ordering page shows it (the vendor enters an order for it)",
        params: orgParams.extend({ householdId: idString }),
        response: { 200: homeSchema },
      },
    },
    async (req) =>
      orders.householdHome(deps, orgCtx(req), {
        kind: 'vendor',
        householdId: BigInt(req.params.householdId),
      }),
  );
  r.post(
    '/orgs/:orgId/mlijo/vendor/households/:householdId/orders',
    {
      config: { access: 'mlijo.vendor', idempotent: true },
      schema: {
        tags: ['mlijo'],
        summary:
          'The vendor enters an order for a household on the own route in the open round (Idempotency-Key required)',
        params: orgParams.extend({ householdId: idString }),
        body: orderBody,
        response: { 201: orderSchema },
      },
    },
    async (req, reply) =>
      answerOnce(
        req,
        reply,
        deps,
        orders.placeOrder,
        { kind: 'vendor' as const, householdId: BigInt(req.params.householdId) },
        orderInput(req.body),
      ),
  );
  r.post(
    '/orgs/:orgId/mlijo/orders/:mlijoOrderId/pack',
    {
      config: { access: 'mlijo.vendor' },
      schema: {
        tags: ['mlijo'],
        summary:
          'Pack an order: the weight on the scale (base units, grams) of each weighed line; its amount becomes that weight times the price',
        params: orgParams.extend({ mlijoOrderId: idString }),
        body: z
          .object({
            weights: z
              .array(
                z
                  .object({ lineNo: z.number().int().min(1).max(50), packedQtyBase: qtyIn })
                  .strict(),
              )
              .max(orders.MAX_ORDER_LINES),
          })
          .strict(),
        response: { 200: orderSchema },
      },
    },
    async (req) =>
      orders.packOrder(
        deps,
        orgCtx(req),
        BigInt(req.params.mlijoOrderId),
        req.body.weights.map((w) => ({ lineNo: w.lineNo, packedQtyBase: BigInt(w.packedQtyBase) })),
      ),
  );
  r.post(
    '/orgs/:orgId/mlijo/orders/:mlijoOrderId/deliver',
    {
      config: { access: 'mlijo.vendor', idempotent: true },
      schema: {
        tags: ['mlijo'],
        summary:
          "Delivered: paid in cash (held by the vendor until settlement), by QRIS (its reference) or from the member's sukarela (checked now); the order becomes a shop sale in the same transaction (Idempotency-Key required)",
        params: orgParams.extend({ mlijoOrderId: idString }),
        body: z
          .object({
            paymentMethod: z.enum(['cash', 'qris', 'member_account']),
            paymentReference: z.string().trim().min(1).max(64).nullable().default(null),
            acceptedOverTolerance: z.boolean().default(false),
          })
          .strict(),
        response: {
          201: z.object({
            order: orderSchema,
            sale: z.object({
              id: z.string(),
              receiptNumber: z.string(),
              entryNumber: z.string(),
              totalRupiah: rupiahOut,
              savingsBalanceAfterRupiah: rupiahOut.nullable(),
            }),
          }),
        },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, orders.deliverOrder, BigInt(req.params.mlijoOrderId), req.body),
  );
  r.post(
    '/orgs/:orgId/mlijo/orders/:mlijoOrderId/not-delivered',
    {
      config: { access: 'mlijo.vendor' },
      schema: {
        tags: ['mlijo'],
        summary: 'Not delivered, with the reason (nobody home, refused): no sale, nothing posted',
        params: orgParams.extend({ mlijoOrderId: idString }),
        body: z.object({ reason: z.string().trim().min(3).max(300) }).strict(),
        response: { 200: orderSchema },
      },
    },
    async (req) =>
      orders.notDelivered(deps, orgCtx(req), BigInt(req.params.mlijoOrderId), req.body.reason),
  );
  r.get(
    '/orgs/:orgId/mlijo/vendor/settlement',
    {
      config: { access: 'mlijo.vendor' },
      schema: {
        tags: ['mlijo'],
        summary:
          "The vendor's settlement of a delivery day: done, or what it would be with all the cash handed over",
        params: orgParams,
        querystring: z.object({ date: isoDate, vendorId: idString.optional() }).strict(),
        response: {
          200: z.object({
            vendorId: z.string(),
            vendorName: z.string(),
            routeName: z.string(),
            deliveryDate: z.string(),
            pending: z.number().int(),
            notDelivered: z.number().int(),
            settled: settlementSchema.nullable(),
            preview: figuresSchema.nullable(),
          }),
        },
      },
    },
    async (req) =>
      settlement.settlementPreview(deps, orgCtx(req), vendorIdOf(req.query), req.query.date),
  );

  // ---- the manager ----
  r.get(
    '/orgs/:orgId/mlijo/vendors',
    {
      config: { access: 'shop.read' },
      schema: {
        tags: ['mlijo'],
        summary: 'The mlijo vendors with their routes and commission rules',
        params: orgParams,
        response: { 200: itemsOf(vendorSchema) },
      },
    },
    async (req) => ({ items: await setup.listVendors(deps, orgCtx(req)) }),
  );
  r.post(
    '/orgs/:orgId/mlijo/vendors',
    {
      config: { access: 'shop.manage' },
      schema: {
        tags: ['mlijo'],
        summary:
          'Make a member a mlijo vendor: the route, its areas, the outlet and till it loads from and its commission (bps of value delivered or a fee per order)',
        params: orgParams,
        body: z
          .object({
            memberId: idString,
            routeName: z.string().trim().min(2).max(100),
            areas: z.string().trim().min(2).max(300),
            outletId: idString,
            tillId: idString,
            commissionBps: z.number().int().min(0).max(5000).nullable().default(null),
            commissionPerOrderRupiah: rupiahIn.nullable().default(null),
          })
          .strict()
          .refine((b) => (b.commissionBps === null) !== (b.commissionPerOrderRupiah === null), {
            message: 'either commissionBps or commissionPerOrderRupiah',
          }),
        response: { 201: vendorSchema },
      },
    },
    async (req, reply) => {
      const b = req.body;
      return reply.status(201).send(
        await setup.createVendor(deps, orgCtx(req), {
          memberId: BigInt(b.memberId),
          routeName: b.routeName,
          areas: b.areas,
          outletId: BigInt(b.outletId),
          tillId: BigInt(b.tillId),
          commission:
            b.commissionBps !== null
              ? { bps: b.commissionBps }
              : { perOrderRupiah: BigInt(b.commissionPerOrderRupiah ?? '0') },
        }),
      );
    },
  );
  r.post(
    '/orgs/:orgId/mlijo/vendors/:vendorId/households',
    {
      config: { access: 'shop.manage' },
      schema: {
        tags: ['mlijo'],
        summary:
          "Add households to a vendor's route; each answers with its ordering link's secret, shown once",
        params: orgParams.extend({ vendorId: idString }),
        body: z
          .object({
            households: z
              .array(
                z
                  .object({
                    name: z.string().trim().min(2).max(100),
                    address: z.string().trim().min(2).max(300),
                    phone: z
                      .string()
                      .regex(/^\+?[0-9]{6,16}$/)
                      .nullable()
                      .default(null),
                    memberId: idString.nullable().default(null),
                  })
                  .strict(),
              )
              .min(1)
              .max(200),
          })
          .strict(),
        response: {
          201: itemsOf(
            z.object({
              id: z.string(),
              name: z.string(),
              stopNo: z.number().int(),
              token: z.string(),
            }),
          ),
        },
      },
    },
    async (req, reply) =>
      reply.status(201).send({
        items: await setup.addHouseholds(
          deps,
          orgCtx(req),
          BigInt(req.params.vendorId),
          req.body.households.map((h) => ({
            ...h,
            memberId: h.memberId === null ? null : BigInt(h.memberId),
          })),
        ),
      }),
  );
  r.post(
    '/orgs/:orgId/mlijo/households/:householdId/link',
    {
      config: { access: 'shop.manage' },
      schema: {
        tags: ['mlijo'],
        summary: "A household's new ordering link (the old one stops working)",
        params: orgParams.extend({ householdId: idString }),
        response: { 200: z.object({ id: z.string(), token: z.string() }) },
      },
    },
    async (req) => setup.renewHouseholdLink(deps, orgCtx(req), BigInt(req.params.householdId)),
  );
  r.get(
    '/orgs/:orgId/mlijo/rounds',
    {
      config: { access: 'shop.read' },
      schema: {
        tags: ['mlijo'],
        summary: 'Order rounds delivering from a date on, with their orders',
        params: orgParams,
        querystring: z.object({ from: isoDate }).strict(),
        response: {
          200: itemsOf(
            roundSchema.extend({
              orders: z.number().int(),
              delivered: z.number().int(),
              totalRupiah: rupiahOut,
            }),
          ),
        },
      },
    },
    async (req) => ({ items: await setup.listRounds(deps, orgCtx(req), req.query.from) }),
  );
  r.post(
    '/orgs/:orgId/mlijo/rounds',
    {
      config: { access: 'shop.manage' },
      schema: {
        tags: ['mlijo'],
        summary:
          'Create order rounds: one-off (days 1) or the same round on several delivery days in a row; times are WIB',
        params: orgParams,
        body: z
          .object({
            deliveryDate: isoDate,
            opensTime: hhmm,
            opensDaysBefore: z.number().int().min(0).max(7),
            closesTime: hhmm,
            closesDaysBefore: z.number().int().min(0).max(7),
            days: z.number().int().min(1).max(31),
          })
          .strict(),
        response: { 201: z.object({ created: z.number().int(), ids: z.array(z.string()) }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await setup.createRounds(deps, orgCtx(req), req.body)),
  );
  r.post(
    '/orgs/:orgId/mlijo/vendors/:vendorId/settlements',
    {
      config: { access: 'shop.manage', idempotent: true },
      schema: {
        tags: ['mlijo'],
        summary:
          "Record a vendor's daily settlement: the cash handed over, the commission into the vendor's sukarela, any shortfall owed by the vendor; once per vendor and day (Idempotency-Key required)",
        params: orgParams.extend({ vendorId: idString }),
        body: z
          .object({ deliveryDate: isoDate, handedOverRupiah: rupiahIn, settledOn: isoDate })
          .strict(),
        response: {
          201: settlementSchema.extend({
            commissionBalanceAfterRupiah: rupiahOut.nullable(),
            entry: postedEntrySchema.nullable(),
          }),
        },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, settlement.settleVendor, BigInt(req.params.vendorId), {
        deliveryDate: req.body.deliveryDate,
        handedOverRupiah: BigInt(req.body.handedOverRupiah),
        settledOn: req.body.settledOn,
      }),
  );
  r.get(
    '/orgs/:orgId/mlijo/settlements',
    {
      config: { access: 'shop.read' },
      schema: {
        tags: ['mlijo'],
        summary: "The vendors' settlements by day, with totals",
        params: orgParams,
        querystring: z.object({ from: isoDate, to: isoDate }).strict(),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            settlements: z.array(settlementSchema),
            totals: figuresSchema,
          }),
        },
      },
    },
    async (req) => settlement.settlementsReport(deps, orgCtx(req), req.query.from, req.query.to),
  );
}
