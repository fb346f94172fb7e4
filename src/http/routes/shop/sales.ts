import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PAYMENT_METHODS } from '../../../domain/shop/sale.js';
import type { Deps } from '../../../services/context.js';
import * as returns from '../../../services/shop/returns.js';
import * as sales from '../../../services/shop/sales.js';
import { orgCtx } from '../../auth.js';
import { problemFor } from '../../errors.js';
import { answerOnce } from '../../idempotency.js';
import {
  itemsOf,
  orgGetOptions,
  orgListOptions,
  postedEntrySchema,
  rupiahOut,
} from '../responses.js';
import { idString, isoDate, orgParams, positiveRupiah } from '../schemas.js';
import {
  rupiahIn,
  qtyIn,
  saleDetail,
  memberLookup,
  creditLimitSchema,
  supervisorApproval,
  saleIn,
  saleInputOf,
} from './schemas.js';

/** The point of sale: member lookup, credit limits, sales (one or a queue at once), voids, returns, the till chain, goods-credit payments. */
export async function shopSalesRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

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
        body: supervisorApproval.strict(),
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
          })
          .extend(supervisorApproval.shape)
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
}
