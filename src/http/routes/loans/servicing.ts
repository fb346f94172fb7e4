import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps, OrgContext } from '../../../services/context.js';
import * as loans from '../../../services/loans.js';
import { orgCtx } from '../../auth.js';
import { answerOnce } from '../../idempotency.js';
import {
  autoDebitRunSchema,
  loanDetailSchema,
  loanSchema,
  payoffQuoteSchema,
  payoffSchema,
  recoverySchema,
  repaymentSchema,
} from '../loan-responses.js';
import { approvalRequested, noContent, orgGetOptions, orgQueryListOptions } from '../responses.js';
import { idString, isoDate, listLimit, orgParams, positiveRupiah } from '../schemas.js';
import { loanParams, rupiah, tags } from './common.js';

const isDigits = (v: unknown): v is string => typeof v === 'string' && /^[0-9]{1,18}$/.test(v);

/**
 * Servicing a disbursed loan: repayments (at the counter or by auto-debit), early payoff,
 * restructuring, write-off and recovery, and the officer's collectibility.
 */

export async function loanServicingRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/loans',
    orgQueryListOptions(
      'loans.read',
      'loans',
      'Loans (keyset pages by id)',
      z.object({
        memberId: idString.optional(),
        status: z.enum(['active', 'paid_off', 'written_off']).optional(),
        collectibility: z.enum(['L', 'KL', 'D', 'M']).optional(),
        afterId: idString.optional(),
        limit: listLimit,
      }),
      loanSchema,
    ),
    async (req) => ({
      items: await loans.listLoans(deps, orgCtx(req), {
        limit: req.query.limit,
        ...(req.query.memberId ? { memberId: BigInt(req.query.memberId) } : {}),
        ...(req.query.status ? { status: req.query.status } : {}),
        ...(req.query.collectibility ? { collectibility: req.query.collectibility } : {}),
        ...(req.query.afterId ? { afterId: BigInt(req.query.afterId) } : {}),
      }),
    }),
  );

  r.get(
    '/orgs/:orgId/loans/:loanId',
    orgGetOptions(
      'loans.read',
      'loans',
      'A loan with its current and earlier schedules',
      loanParams,
      loanDetailSchema,
    ),
    async (req) => loans.getLoan(deps, orgCtx(req), BigInt(req.params.loanId)),
  );

  r.post(
    '/orgs/:orgId/loans/:loanId/repayments',
    {
      config: { access: 'cashdesk.operate', idempotent: true },
      schema: {
        tags,
        summary:
          "Angsuran: cash at the counter (cashSessionId) or debited from the member's sukarela account (channel savings); penalty → interest/margin → principal; a KSPPS's ta'widh part (tawidhRupiah) first (Idempotency-Key required)",
        params: loanParams,
        body: z
          .object({
            amountRupiah: positiveRupiah,
            paidOn: isoDate,
            channel: z.enum(['cash', 'savings']).default('cash'),
            cashSessionId: idString.optional(),
            /** KSPPS: the part paid on ta'widh (charged collection costs), taken first */
            tawidhRupiah: rupiah.optional(),
          })
          .strict()
          .refine((b) => (b.channel === 'cash') === (b.cashSessionId !== undefined), {
            message: 'cashSessionId with cash, not with savings',
            path: ['cashSessionId'],
          })
          // zod runs this refinement even when a field above failed: a malformed amount is
          // reported there, not thrown here as a 500
          .refine(
            (b) =>
              !isDigits(b.amountRupiah) ||
              !isDigits(b.tawidhRupiah ?? '0') ||
              BigInt(b.tawidhRupiah ?? '0') <= BigInt(b.amountRupiah),
            {
              message: 'tawidhRupiah is part of amountRupiah',
              path: ['tawidhRupiah'],
            },
          ),
        response: { 201: repaymentSchema },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, loans.repay, BigInt(req.params.loanId), {
        amountRupiah: BigInt(req.body.amountRupiah),
        paidOn: req.body.paidOn,
        cashSessionId: req.body.cashSessionId ? BigInt(req.body.cashSessionId) : null,
        tawidhRupiah: BigInt(req.body.tawidhRupiah ?? '0'),
      }),
  );

  r.put(
    '/orgs/:orgId/loans/:loanId/auto-debit',
    {
      config: { access: 'loans.manage' },
      schema: {
        tags,
        summary:
          "Surat kuasa debet: turn the loan's auto-debit from the member's sukarela account on or off (audited)",
        params: loanParams,
        body: z.object({ enabled: z.boolean() }).strict(),
        response: { 200: z.object({ loanId: z.string(), autoDebit: z.boolean() }) },
      },
    },
    async (req) =>
      loans.setAutoDebit(deps, orgCtx(req), BigInt(req.params.loanId), req.body.enabled),
  );

  r.post(
    '/orgs/:orgId/loan-auto-debits',
    {
      config: { access: 'monthend.run', idempotent: true },
      schema: {
        tags,
        summary:
          'Auto-debit run for a date (not after today): every mandated loan with an instalment or denda due is debited from sukarela for ' +
          'min(due, balance above the minimum), penalty → interest/margin → principal, each loan in its own transaction; once per loan and date ' +
          '(Idempotency-Key required; a replay returns the first report)',
        params: orgParams,
        // year 0 passes the ISO pattern but not PostgreSQL's date type
        body: z
          .object({ date: isoDate.refine((d) => d >= '2000-01-01', 'a date from 2000 on') })
          .strict(),
        response: { 200: autoDebitRunSchema },
      },
    },
    async (req, reply) => answerOnce(req, reply, deps, loans.runAutoDebitOnce, req.body.date),
  );

  r.get(
    '/orgs/:orgId/loans/:loanId/payoff-quote',
    {
      config: { access: 'loans.read' },
      schema: {
        tags,
        summary: "Early payoff amount under the product's rule",
        params: loanParams,
        querystring: z.object({ on: isoDate.optional(), discountRupiah: rupiah.default('0') }),
        response: { 200: payoffQuoteSchema },
      },
    },
    async (req) =>
      loans.quotePayoff(
        deps,
        orgCtx(req),
        BigInt(req.params.loanId),
        req.query.on ?? deps.clock().toISOString().slice(0, 10),
        BigInt(req.query.discountRupiah),
      ),
  );

  r.post(
    '/orgs/:orgId/loans/:loanId/payoff',
    {
      config: { access: 'cashdesk.operate', idempotent: true },
      schema: {
        tags,
        summary: 'Pelunasan dipercepat at the counter (Idempotency-Key required)',
        params: loanParams,
        body: z
          .object({ paidOn: isoDate, cashSessionId: idString, discountRupiah: rupiah.default('0') })
          .strict(),
        response: { 201: payoffSchema },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, loans.earlyPayoff, BigInt(req.params.loanId), {
        paidOn: req.body.paidOn,
        cashSessionId: BigInt(req.body.cashSessionId),
        discountRupiah: BigInt(req.body.discountRupiah),
      }),
  );

  /**
   * A change to a loan that a second person approves (maker-checker): the body is the request
   * less the loan, which the path names; the answer is the pending approval.
   */
  function approvalRequestRoute<B extends z.ZodObject>(
    path: string,
    summary: string,
    body: B,
    request: (deps: Deps, ctx: OrgContext, p: z.output<B> & { loanId: string }) => Promise<bigint>,
  ) {
    r.post(
      path,
      {
        config: { access: 'loans.manage' },
        schema: { tags, summary, params: loanParams, body, response: { 202: approvalRequested } },
      },
      async (req, reply) => {
        const p = Object.assign({}, req.body as z.output<B>, { loanId: req.params.loanId });
        const approvalId = await request(deps, orgCtx(req), p);
        return reply.status(202).send({ approvalId: approvalId.toString() });
      },
    );
  }
  approvalRequestRoute(
    '/orgs/:orgId/loans/:loanId/restructurings',
    'Request a reschedule, recondition, restructure, deferral or penalty waiver (maker-checker)',
    loans.restructureSchema.omit({ loanId: true }).strict(),
    loans.requestRestructure,
  );
  approvalRequestRoute(
    '/orgs/:orgId/loans/:loanId/write-off',
    'Request hapus buku of a Macet loan (maker-checker)',
    loans.writeOffSchema.omit({ loanId: true }).strict(),
    loans.requestWriteOff,
  );

  r.post(
    '/orgs/:orgId/loans/:loanId/recoveries',
    {
      config: { access: 'cashdesk.operate', idempotent: true },
      schema: {
        tags,
        summary: 'Recovery on a written-off loan, as income (Idempotency-Key required)',
        params: loanParams,
        body: z
          .object({ amountRupiah: positiveRupiah, receivedOn: isoDate, cashSessionId: idString })
          .strict(),
        response: { 201: recoverySchema },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, loans.recover, BigInt(req.params.loanId), {
        amountRupiah: BigInt(req.body.amountRupiah),
        receivedOn: req.body.receivedOn,
        cashSessionId: BigInt(req.body.cashSessionId),
      }),
  );

  r.post(
    '/orgs/:orgId/loans/:loanId/collectibility',
    {
      config: { access: 'loans.manage' },
      schema: {
        tags,
        summary: "An officer's manual downgrade with its reason",
        params: loanParams,
        body: z
          .object({
            collectibility: z.enum(['KL', 'D', 'M']).nullable(),
            reason: z.string().trim().min(3).max(500),
          })
          .strict(),
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await loans.setManualCollectibility(
        deps,
        orgCtx(req),
        BigInt(req.params.loanId),
        req.body.collectibility,
        req.body.reason,
      );
      return reply.status(204).send();
    },
  );
}
