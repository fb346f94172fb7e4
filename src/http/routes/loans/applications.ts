import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../services/context.js';
import * as loans from '../../../services/loans.js';
import { orgCtx } from '../../auth.js';
import { answerOnce } from '../../idempotency.js';
import { disbursementSchema, loanApplicationSchema } from '../loan-responses.js';
import {
  approvalRequested,
  orgCreateOptions,
  orgGetOptions,
  orgQueryListOptions,
  reportResponse,
} from '../responses.js';
import { idString, isoDate, listLimit, orgParams, positiveRupiah } from '../schemas.js';
import { appParams, formatQuery, rupiah, sendDocument, tags } from './common.js';

/** A loan application from its filing through analysis and the committee to its disbursement. */

const applicationBody = z
  .object({
    memberId: idString,
    productId: idString,
    amountRupiah: positiveRupiah,
    tenor: z.number().int().min(1).max(1000),
    purpose: z.string().trim().min(3).max(500),
    collateral: z
      .array(
        z.object({
          kind: z.string().trim().min(2).max(100),
          description: z.string().trim().max(300),
          valueRupiah: rupiah,
        }),
      )
      .max(20)
      .default([]),
    guarantor: z
      .object({
        name: z.string().trim().min(2).max(200),
        nik: z
          .string()
          .regex(/^[0-9]{16}$/)
          .nullable()
          .optional(),
        relationship: z.string().trim().min(2).max(50),
        phone: z.string().max(20).nullable().optional(),
      })
      .nullable()
      .default(null),
    monthlyIncomeRupiah: rupiah.default('0'),
    monthlyExpensesRupiah: rupiah.default('0'),
    topUpOf: idString.nullable().optional(),
    autoDebit: z
      .boolean()
      .default(false)
      .describe(
        "surat kuasa debet: due instalments are debited from the member's sukarela account",
      ),
  })
  .strict();

export async function loanApplicationRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/loan-applications',
    orgQueryListOptions(
      'loans.read',
      'loans',
      'Loan applications',
      z.object({ status: z.string().max(30).optional(), limit: listLimit }),
      loanApplicationSchema,
    ),
    async (req) => ({
      items: await loans.listApplications(deps, orgCtx(req), req.query.status, req.query.limit),
    }),
  );

  r.post(
    '/orgs/:orgId/loan-applications',
    orgCreateOptions(
      'loans.manage',
      'loans',
      'Apply for a loan (amount, tenor, purpose, collateral, guarantor, income and expenses)',
      orgParams,
      applicationBody,
      loanApplicationSchema,
    ),
    async (req, reply) => {
      const b = req.body;
      return reply.status(201).send(
        await loans.createApplication(deps, orgCtx(req), {
          memberId: BigInt(b.memberId),
          productId: BigInt(b.productId),
          amountRupiah: BigInt(b.amountRupiah),
          tenor: b.tenor,
          purpose: b.purpose,
          collateral: b.collateral.map((c) => ({ ...c, valueRupiah: BigInt(c.valueRupiah) })),
          guarantor: b.guarantor,
          monthlyIncomeRupiah: BigInt(b.monthlyIncomeRupiah),
          monthlyExpensesRupiah: BigInt(b.monthlyExpensesRupiah),
          topUpOf: b.topUpOf ? BigInt(b.topUpOf) : null,
          autoDebit: b.autoDebit,
        }),
      );
    },
  );

  r.get(
    '/orgs/:orgId/loan-applications/:applicationId',
    orgGetOptions('loans.read', 'loans', 'One application', appParams, loanApplicationSchema),
    async (req) => loans.getApplication(deps, orgCtx(req), BigInt(req.params.applicationId)),
  );

  r.post(
    '/orgs/:orgId/loan-applications/:applicationId/analysis',
    {
      config: { access: 'loans.manage' },
      schema: {
        tags,
        summary: 'Record the credit analysis',
        params: appParams,
        body: z
          .object({
            notes: z.string().trim().min(3).max(4000),
            recommendation: z.enum(['approve', 'reject']),
          })
          .strict(),
        response: { 200: loanApplicationSchema },
      },
    },
    async (req) =>
      loans.analyseApplication(deps, orgCtx(req), BigInt(req.params.applicationId), req.body),
  );

  r.post(
    '/orgs/:orgId/loan-applications/:applicationId/submit',
    {
      config: { access: 'loans.manage' },
      schema: {
        tags,
        summary: 'Send to the credit committee (maker-checker request)',
        params: appParams,
        response: { 202: approvalRequested },
      },
    },
    async (req, reply) =>
      reply
        .status(202)
        .send(await loans.submitForApproval(deps, orgCtx(req), BigInt(req.params.applicationId))),
  );

  r.get(
    '/orgs/:orgId/loan-applications/:applicationId/contract',
    {
      config: { access: 'loans.read' },
      schema: {
        tags,
        summary: 'Surat perjanjian (contract) as PDF, Excel or JSON',
        params: appParams,
        querystring: formatQuery.extend({ startDate: isoDate.optional() }),
        response: { 200: reportResponse('The contract in the asked format') },
      },
    },
    async (req, reply) =>
      sendDocument(
        reply,
        await loans.contractDocument(
          deps,
          orgCtx(req),
          BigInt(req.params.applicationId),
          req.query.startDate ?? deps.clock().toISOString().slice(0, 10),
        ),
        req.query.format,
        `perjanjian-${req.params.applicationId}`,
      ),
  );

  r.post(
    '/orgs/:orgId/loan-applications/:applicationId/disbursement',
    {
      config: { access: 'loans.disburse', idempotent: true },
      schema: {
        tags,
        summary:
          "Disburse an approved loan (fees deducted) through the teller's open session (Idempotency-Key required)",
        params: appParams,
        body: z
          .object({
            channel: z.enum(['cash', 'savings']),
            cashSessionId: idString.optional(),
            disbursedOn: isoDate,
          })
          .strict(),
        response: { 201: disbursementSchema },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, loans.disburse, BigInt(req.params.applicationId), {
        channel: req.body.channel,
        cashSessionId: req.body.cashSessionId ? BigInt(req.body.cashSessionId) : null,
        disbursedOn: req.body.disbursedOn,
      }),
  );
}
