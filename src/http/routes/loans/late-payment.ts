import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../services/context.js';
import * as latePayment from '../../../services/sharia/late-payment.js';
import { orgCtx } from '../../auth.js';
import { answerOnce } from '../../idempotency.js';
import { isoDate, positiveRupiah } from '../schemas.js';
import { loanParams, tags } from './common.js';

/**
 * Late payment of a KSPPS financing (docs/domain/sharia-late-payment.md): the officer's "unable to
 * pay" mark (no ta'zir while it stands) and ta'widh — itemised real collection costs, each charged
 * to the member only when a second person approves it (POST /approvals/:id/decision).
 */

const reason = z.string().trim().min(5).max(500);

const inabilityBody = z.object({ effectiveOn: isoDate, reason }).strict();

const inabilityAnswer = z.object({
  id: z.string(),
  loanId: z.string(),
  event: z.enum(['marked', 'lifted']),
  effectiveOn: z.string(),
});

const latePaymentSchema = z.object({
  loanId: z.string(),
  sharia: z.boolean(),
  akad: z.string(),
  unable: z.boolean(),
  unableSince: z.string().nullable(),
  events: z.array(
    z.object({
      id: z.string(),
      event: z.enum(['marked', 'lifted']),
      effectiveOn: z.string(),
      reason: z.string(),
      recordedBy: z.string(),
      recordedAt: z.string(),
    }),
  ),
  tawidh: z.object({
    chargedRupiah: z.string(),
    owedRupiah: z.string(),
    items: z.array(
      z.object({
        id: z.string(),
        incurredOn: z.string(),
        description: z.string(),
        amountRupiah: z.string(),
        evidenceRef: z.string(),
        paidFrom: z.enum(['cash', 'bank']),
        status: z.enum(['pending', 'approved', 'rejected', 'charged']),
        approvalId: z.string().nullable(),
        costEntryId: z.string().nullable(),
        chargeEntryId: z.string().nullable(),
        paidRupiah: z.string(),
        recordedBy: z.string(),
        recordedAt: z.string(),
      }),
    ),
  }),
});

export async function loanLatePaymentRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/loans/:loanId/late-payment',
    {
      config: { access: 'loans.read' },
      schema: {
        tags,
        summary:
          "Late payment of a KSPPS financing: the 'unable to pay' marks (history) and the ta'widh items with what is owed",
        params: loanParams,
        response: { 200: latePaymentSchema },
      },
    },
    async (req) => latePayment.latePayment(deps, orgCtx(req), BigInt(req.params.loanId)),
  );

  for (const [path, event, summary] of [
    [
      'unable-to-pay',
      'marked',
      "Mark the member of a KSPPS financing unable to pay (tidak mampu) from a date, with a reason: no ta'zir (denda) for the marked days (fatwa 17/DSN-MUI/IX/2000); kept in the history, audited",
    ],
    [
      'unable-to-pay/lift',
      'lifted',
      "Lift the 'unable to pay' mark from a date, with a reason: ta'zir applies again from that day",
    ],
  ] as const)
    r.post(
      `/orgs/:orgId/loans/:loanId/${path}`,
      {
        config: { access: 'loans.manage' },
        schema: {
          tags,
          summary,
          params: loanParams,
          body: inabilityBody,
          response: { 201: inabilityAnswer },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await latePayment.recordInability(
              deps,
              orgCtx(req),
              BigInt(req.params.loanId),
              event,
              req.body,
            ),
          ),
    );

  r.post(
    '/orgs/:orgId/loans/:loanId/tawidh-items',
    {
      config: { access: 'loans.manage', idempotent: true },
      schema: {
        tags,
        summary:
          "Record a real collection cost (ta'widh, fatwa 43/DSN-MUI/VIII/2004) — date, description, amount, evidence; no percentage or flat fee — and ask for its approval; the approval posts the cost and charges it to the member (Idempotency-Key required)",
        params: loanParams,
        body: z
          .object({
            incurredOn: isoDate,
            description: z.string().trim().min(5).max(300),
            amountRupiah: positiveRupiah,
            evidenceRef: z.string().trim().min(2).max(100),
            paidFrom: z.enum(['cash', 'bank']).default('cash'),
          })
          .strict(),
        response: { 202: z.object({ itemId: z.string(), approvalId: z.string() }) },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, latePayment.recordTawidhItem, BigInt(req.params.loanId), {
        ...req.body,
        amountRupiah: BigInt(req.body.amountRupiah),
      }),
  );
}
