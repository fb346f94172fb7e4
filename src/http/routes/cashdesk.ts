import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as cash from '../../services/cashdesk.js';
import type { Deps } from '../../services/context.js';
import { orgCtx } from '../auth.js';
import { answerOnce } from '../idempotency.js';
import { orgCreateOptions, orgListOptions, rupiahOut } from './responses.js';
import { idString, isoDate, orgParams, positiveRupiah } from './schemas.js';

const rupiah = z.string().regex(/^[0-9]{1,15}$/);
const sessionSchema = z.object({
  id: z.string(),
  deskId: z.string(),
  deskCode: z.string(),
  tellerUserId: z.string(),
  businessDate: z.string(),
  status: z.enum(['open', 'closed']),
  openingFloatRupiah: z.string(),
  receiptsRupiah: z.string(),
  paymentsRupiah: z.string(),
  expectedRupiah: z.string(),
  countedRupiah: z.string().nullable(),
  varianceRupiah: z.string().nullable(),
  varianceReason: z.string().nullable(),
});
const postedSchema = z.object({ entryId: z.string(), number: z.string(), totalRupiah: z.string() });
const deskSchema = z.object({
  id: z.string(),
  branchId: z.string(),
  code: z.string(),
  name: z.string(),
  active: z.boolean(),
});

export async function cashDeskRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/cash-desks',
    orgListOptions('org.read', 'cash', 'Cash desks of every branch', deskSchema),
    async (req) => ({ items: await cash.listDesks(deps, orgCtx(req)) }),
  );

  r.post(
    '/orgs/:orgId/cash-desks',
    orgCreateOptions(
      'org.manage',
      'cash',
      'Add a cash desk to a branch',
      orgParams,
      z
        .object({
          branchId: idString,
          code: z.string().regex(/^[A-Z0-9-]{1,16}$/),
          name: z.string().trim().min(2).max(100),
        })
        .strict(),
      deskSchema,
    ),
    async (req, reply) =>
      reply.status(201).send(
        await cash.createDesk(deps, orgCtx(req), {
          ...req.body,
          branchId: BigInt(req.body.branchId),
        }),
      ),
  );

  r.get(
    '/orgs/:orgId/cash-sessions/mine',
    {
      config: { access: 'cashdesk.operate' },
      schema: {
        tags: ['cash'],
        summary: "The signed-in teller's open session",
        params: orgParams,
        response: { 200: z.object({ session: sessionSchema.nullable() }) },
      },
    },
    async (req) => ({ session: await cash.mySession(deps, orgCtx(req)) }),
  );

  r.post(
    '/orgs/:orgId/cash-sessions',
    orgCreateOptions(
      'cashdesk.operate',
      'cash',
      'Open a session at a desk with a float',
      orgParams,
      z.object({ deskId: idString, businessDate: isoDate, openingFloatRupiah: rupiah }).strict(),
      sessionSchema,
    ),
    async (req, reply) =>
      reply.status(201).send(
        await cash.openSession(deps, orgCtx(req), {
          deskId: BigInt(req.body.deskId),
          businessDate: req.body.businessDate,
          openingFloatRupiah: BigInt(req.body.openingFloatRupiah),
        }),
      ),
  );

  r.post(
    '/orgs/:orgId/cash-sessions/:sessionId/transactions',
    {
      config: { access: 'cashdesk.operate', idempotent: true },
      schema: {
        tags: ['cash'],
        summary: 'Kas masuk / kas keluar at the counter (Idempotency-Key required)',
        params: orgParams.extend({ sessionId: idString }),
        body: z
          .object({
            direction: z.enum(['in', 'out']),
            accountCode: z.string().regex(/^[0-9]{1,6}(\.[0-9]{1,4})?$/),
            amountRupiah: positiveRupiah,
            description: z.string().trim().min(3).max(300),
            entryDate: isoDate,
          })
          .strict(),
        response: { 201: postedSchema },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, cash.cashTransaction, BigInt(req.params.sessionId), {
        ...req.body,
        amountRupiah: BigInt(req.body.amountRupiah),
      }),
  );

  r.post(
    '/orgs/:orgId/cash-sessions/:sessionId/close',
    {
      config: { access: 'cashdesk.operate' },
      schema: {
        tags: ['cash'],
        summary:
          'Close with the physical count; a difference posts to cash variance with its reason',
        params: orgParams.extend({ sessionId: idString }),
        body: z
          .object({
            countedRupiah: rupiah,
            varianceReason: z.string().max(500).nullable().optional(),
            entryDate: isoDate,
          })
          .strict(),
        response: { 200: sessionSchema },
      },
    },
    async (req) =>
      cash.closeSession(deps, orgCtx(req), BigInt(req.params.sessionId), {
        countedRupiah: BigInt(req.body.countedRupiah),
        varianceReason: req.body.varianceReason ?? null,
        entryDate: req.body.entryDate,
      }),
  );

  r.get(
    '/orgs/:orgId/cash-reports/daily',
    {
      config: { access: 'cashdesk.supervise' },
      schema: {
        tags: ['cash'],
        summary: 'Daily cash report (laporan kas harian)',
        params: orgParams,
        querystring: z.object({ date: isoDate }),
        response: {
          200: z.object({
            businessDate: z.string(),
            sessions: z.array(sessionSchema.extend({ branchId: z.string(), teller: z.string() })),
            totals: z.object({ receiptsRupiah: rupiahOut, paymentsRupiah: rupiahOut }),
          }),
        },
      },
    },
    async (req) => cash.dailyCashReport(deps, orgCtx(req), req.query.date),
  );

  r.post(
    '/orgs/:orgId/inter-branch-transfers',
    {
      config: { access: 'cashdesk.supervise', idempotent: true },
      schema: {
        tags: ['cash'],
        summary:
          'Send cash between branches through the inter-office account (Idempotency-Key required)',
        params: orgParams,
        body: z
          .object({
            fromBranchId: idString,
            toBranchId: idString,
            amountRupiah: positiveRupiah,
            entryDate: isoDate,
            description: z.string().trim().min(3).max(300),
          })
          .strict()
          .refine((b) => b.fromBranchId !== b.toBranchId, {
            message: 'branches must differ',
            path: ['toBranchId'],
          }),
        response: { 201: postedSchema },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, cash.interBranchTransfer, {
        ...req.body,
        fromBranchId: BigInt(req.body.fromBranchId),
        toBranchId: BigInt(req.body.toBranchId),
        amountRupiah: BigInt(req.body.amountRupiah),
      }),
  );
}
