import { analyzeIfEmbedded } from '../../services/maintenance.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/context.js';
import * as loans from '../../services/loans.js';
import { renderExcel } from '../../reports/excel.js';
import { renderPdf } from '../../reports/pdf.js';
import type { ReportDocument } from '../../reports/table.js';
import { orgCtx } from '../auth.js';
import { idempotencyOf, sendOutcome } from '../idempotency.js';
import { idString, isoDate, listLimit, monthPeriod, orgParams, positiveRupiah } from './schemas.js';
import {
  autoDebitRunSchema,
  collectionItemSchema,
  disbursementSchema,
  loanApplicationSchema,
  loanDetailSchema,
  loanProductSchema,
  loanSchema,
  loanSimulationSchema,
  monthEndRunSchema,
  monthEndStatusSchema,
  nplSchema,
  payoffQuoteSchema,
  payoffSchema,
  recoverySchema,
  repaymentSchema,
} from './loan-responses.js';
import {
  approvalRequested,
  itemsOf,
  noContent,
  orgListOptions,
  reportResponse,
} from './responses.js';

const rupiah = z.string().regex(/^[0-9]{1,15}$/);
const positive = positiveRupiah;
const percent = z.string().regex(/^[0-9]{1,3}(\.[0-9]{1,6})?$/);
const loanParams = orgParams.extend({ loanId: idString });
const appParams = orgParams.extend({ applicationId: idString });
const methodEnum = z.enum(['flat', 'effective', 'annuity', 'murabahah', 'ijarah', 'qardh']);

const productBody = z
  .object({
    code: z.string().regex(/^[A-Z0-9-]{1,20}$/),
    name: z.string().trim().min(2).max(200),
    akad: z.enum(['conventional', 'murabahah', 'ijarah', 'qardh']),
    method: methodEnum,
    ratePercent: percent,
    ratePeriod: z.enum(['day', 'week', 'month', 'year']),
    frequency: z.enum(['monthly', 'weekly', 'daily']).default('monthly'),
    minAmountRupiah: positive,
    maxAmountRupiah: positive,
    minTenor: z.number().int().min(1).max(1000),
    maxTenor: z.number().int().min(1).max(1000),
    provisiBps: z.number().int().min(0).max(1000).default(0),
    adminFeeRupiah: rupiah.default('0'),
    gracePrincipalPeriods: z.number().int().min(0).max(60).default(0),
    downPaymentBps: z.number().int().min(0).max(10000).default(0),
    penaltyKind: z.enum(['none', 'daily_percent', 'fixed']).default('none'),
    penaltyDailyPercent: percent.default('0'),
    penaltyFixedRupiah: rupiah.default('0'),
    penaltyGraceDays: z.number().int().min(0).max(90).default(0),
    penaltyCappedAtInstalment: z.boolean().default(true),
    earlyPayoffRule: z
      .enum(['interest_to_date', 'months_interest', 'percent_penalty', 'remaining_margin'])
      .default('interest_to_date'),
    earlyPayoffMonths: z.number().int().min(0).max(12).default(0),
    earlyPayoffBps: z.number().int().min(0).max(1000).default(0),
    deferralInterestRule: z.enum(['paused', 'accrue_spread', 'paid']).default('accrue_spread'),
    restructureProbationInstalments: z.number().int().min(0).max(24).default(3),
  })
  .strict();

const simulationBody = z
  .object({
    productId: idString.optional(),
    method: methodEnum.optional(),
    ratePercent: percent.optional(),
    ratePeriod: z.enum(['day', 'week', 'month', 'year']).optional(),
    frequency: z.enum(['monthly', 'weekly', 'daily']).optional(),
    gracePrincipalPeriods: z.number().int().min(0).max(60).optional(),
    principalRupiah: positive,
    tenor: z.number().int().min(1).max(1000),
    startDate: isoDate,
  })
  .strict();
const toSimulation = (b: z.infer<typeof simulationBody>): loans.SimulationInput => ({
  ...(b.productId ? { productId: BigInt(b.productId) } : {}),
  ...(b.method ? { method: b.method } : {}),
  ...(b.ratePercent ? { ratePercent: b.ratePercent } : {}),
  ...(b.ratePeriod ? { ratePeriod: b.ratePeriod } : {}),
  ...(b.frequency ? { frequency: b.frequency } : {}),
  ...(b.gracePrincipalPeriods !== undefined
    ? { gracePrincipalPeriods: b.gracePrincipalPeriods }
    : {}),
  principalRupiah: BigInt(b.principalRupiah),
  tenor: b.tenor,
  startDate: b.startDate,
});

const formatQuery = z.object({ format: z.enum(['json', 'pdf', 'xlsx']).default('json') });

async function sendDocument(
  reply: FastifyReply,
  doc: ReportDocument,
  format: 'json' | 'pdf' | 'xlsx',
  name: string,
) {
  if (format === 'pdf')
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${name}.pdf"`)
      .send(await renderPdf(doc));
  if (format === 'xlsx')
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${name}.xlsx"`)
      .send(await renderExcel(doc));
  return reply
    .type('application/json')
    .send(JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}

export async function loanRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const tags = ['loans'];

  r.get(
    '/orgs/:orgId/loan-products',
    orgListOptions('loans.read', 'loans', 'Loan and financing products', loanProductSchema),
    async (req) => ({ items: await loans.listProducts(deps, orgCtx(req)) }),
  );

  r.post(
    '/orgs/:orgId/loan-products',
    {
      config: { access: 'loans.manage' },
      schema: {
        tags,
        summary: 'Add a loan or financing product',
        params: orgParams,
        body: productBody,
        response: { 201: loanProductSchema },
      },
    },
    async (req, reply) => {
      const b = req.body;
      return reply.status(201).send(
        await loans.createProduct(deps, orgCtx(req), {
          ...b,
          minAmountRupiah: BigInt(b.minAmountRupiah),
          maxAmountRupiah: BigInt(b.maxAmountRupiah),
          adminFeeRupiah: BigInt(b.adminFeeRupiah),
          penaltyFixedRupiah: BigInt(b.penaltyFixedRupiah),
        }),
      );
    },
  );

  r.post(
    '/orgs/:orgId/loan-products/:productId/active',
    {
      config: { access: 'loans.manage' },
      schema: {
        tags,
        summary: 'Activate or deactivate a product',
        params: orgParams.extend({ productId: idString }),
        body: z.object({ active: z.boolean() }).strict(),
        response: { 200: loanProductSchema },
      },
    },
    async (req) =>
      loans.setProductActive(deps, orgCtx(req), BigInt(req.params.productId), req.body.active),
  );

  r.post(
    '/orgs/:orgId/loan-simulations',
    {
      config: { access: 'loans.read' },
      schema: {
        tags,
        summary: 'Simulasi angsuran: the full schedule',
        params: orgParams,
        body: simulationBody,
        response: { 200: loanSimulationSchema },
      },
    },
    async (req) => loans.simulate(deps, orgCtx(req), toSimulation(req.body)),
  );

  r.post(
    '/orgs/:orgId/me/loan-simulations',
    {
      config: { access: 'self.read' },
      schema: {
        tags,
        summary: 'Simulasi angsuran for a member (portal)',
        params: orgParams,
        body: simulationBody,
        response: { 200: loanSimulationSchema },
      },
    },
    async (req) => loans.simulate(deps, orgCtx(req), toSimulation(req.body)),
  );

  r.get(
    '/orgs/:orgId/me/loans',
    {
      config: { access: 'self.read' },
      schema: {
        tags,
        summary: "The signed-in member's own loans",
        params: orgParams,
        response: { 200: itemsOf(loanSchema) },
      },
    },
    async (req) => ({ items: await loans.myLoans(deps, orgCtx(req)) }),
  );

  r.put(
    '/orgs/:orgId/loan-approval-limits/:role',
    {
      config: { access: 'loans.manage' },
      schema: {
        tags,
        summary: 'Credit committee limit of a role (null removes it)',
        params: orgParams.extend({ role: z.string().regex(/^[a-z_]{2,40}$/) }),
        body: z.object({ maxAmountRupiah: positive.nullable() }).strict(),
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await loans.setApprovalLimit(
        deps,
        orgCtx(req),
        req.params.role,
        req.body.maxAmountRupiah === null ? null : BigInt(req.body.maxAmountRupiah),
      );
      return reply.status(204).send();
    },
  );

  // Applications ---------------------------------------------------------------------------
  r.get(
    '/orgs/:orgId/loan-applications',
    {
      config: { access: 'loans.read' },
      schema: {
        tags,
        summary: 'Loan applications',
        params: orgParams,
        querystring: z.object({ status: z.string().max(30).optional(), limit: listLimit }),
        response: { 200: itemsOf(loanApplicationSchema) },
      },
    },
    async (req) => ({
      items: await loans.listApplications(deps, orgCtx(req), req.query.status, req.query.limit),
    }),
  );

  r.post(
    '/orgs/:orgId/loan-applications',
    {
      config: { access: 'loans.manage' },
      schema: {
        tags,
        summary:
          'Apply for a loan (amount, tenor, purpose, collateral, guarantor, income and expenses)',
        params: orgParams,
        body: z
          .object({
            memberId: idString,
            productId: idString,
            amountRupiah: positive,
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
          .strict(),
        response: { 201: loanApplicationSchema },
      },
    },
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
    {
      config: { access: 'loans.read' },
      schema: {
        tags,
        summary: 'One application',
        params: appParams,
        response: { 200: loanApplicationSchema },
      },
    },
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
      sendOutcome(
        reply,
        await loans.disburse(
          deps,
          orgCtx(req),
          BigInt(req.params.applicationId),
          {
            channel: req.body.channel,
            cashSessionId: req.body.cashSessionId ? BigInt(req.body.cashSessionId) : null,
            disbursedOn: req.body.disbursedOn,
          },
          idempotencyOf(req),
        ),
      ),
  );

  // Loans ----------------------------------------------------------------------------------
  r.get(
    '/orgs/:orgId/loans',
    {
      config: { access: 'loans.read' },
      schema: {
        tags,
        summary: 'Loans (keyset pages by id)',
        params: orgParams,
        querystring: z.object({
          memberId: idString.optional(),
          status: z.enum(['active', 'paid_off', 'written_off']).optional(),
          collectibility: z.enum(['L', 'KL', 'D', 'M']).optional(),
          afterId: idString.optional(),
          limit: listLimit,
        }),
        response: { 200: itemsOf(loanSchema) },
      },
    },
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
    {
      config: { access: 'loans.read' },
      schema: {
        tags,
        summary: 'A loan with its current and earlier schedules',
        params: loanParams,
        response: { 200: loanDetailSchema },
      },
    },
    async (req) => loans.getLoan(deps, orgCtx(req), BigInt(req.params.loanId)),
  );

  r.post(
    '/orgs/:orgId/loans/:loanId/repayments',
    {
      config: { access: 'cashdesk.operate', idempotent: true },
      schema: {
        tags,
        summary:
          "Angsuran: cash at the counter (cashSessionId) or debited from the member's sukarela account (channel savings); penalty → interest/margin → principal (Idempotency-Key required)",
        params: loanParams,
        body: z
          .object({
            amountRupiah: positive,
            paidOn: isoDate,
            channel: z.enum(['cash', 'savings']).default('cash'),
            cashSessionId: idString.optional(),
          })
          .strict()
          .refine((b) => (b.channel === 'cash') === (b.cashSessionId !== undefined), {
            message: 'cashSessionId with cash, not with savings',
            path: ['cashSessionId'],
          }),
        response: { 201: repaymentSchema },
      },
    },
    async (req, reply) =>
      sendOutcome(
        reply,
        await loans.repay(
          deps,
          orgCtx(req),
          BigInt(req.params.loanId),
          {
            amountRupiah: BigInt(req.body.amountRupiah),
            paidOn: req.body.paidOn,
            cashSessionId: req.body.cashSessionId ? BigInt(req.body.cashSessionId) : null,
          },
          idempotencyOf(req),
        ),
      ),
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
    async (req, reply) =>
      sendOutcome(
        reply,
        await loans.runAutoDebitOnce(deps, orgCtx(req), req.body.date, idempotencyOf(req)),
      ),
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
      sendOutcome(
        reply,
        await loans.earlyPayoff(
          deps,
          orgCtx(req),
          BigInt(req.params.loanId),
          {
            paidOn: req.body.paidOn,
            cashSessionId: BigInt(req.body.cashSessionId),
            discountRupiah: BigInt(req.body.discountRupiah),
          },
          idempotencyOf(req),
        ),
      ),
  );

  r.post(
    '/orgs/:orgId/loans/:loanId/restructurings',
    {
      config: { access: 'loans.manage' },
      schema: {
        tags,
        summary:
          'Request a reschedule, recondition, restructure, deferral or penalty waiver (maker-checker)',
        params: loanParams,
        body: loans.restructureSchema.omit({ loanId: true }).strict(),
        response: { 202: approvalRequested },
      },
    },
    async (req, reply) =>
      reply.status(202).send({
        approvalId: (
          await loans.requestRestructure(deps, orgCtx(req), {
            ...req.body,
            loanId: req.params.loanId,
          })
        ).toString(),
      }),
  );

  r.post(
    '/orgs/:orgId/loans/:loanId/write-off',
    {
      config: { access: 'loans.manage' },
      schema: {
        tags,
        summary: 'Request hapus buku of a Macet loan (maker-checker)',
        params: loanParams,
        body: loans.writeOffSchema.omit({ loanId: true }).strict(),
        response: { 202: approvalRequested },
      },
    },
    async (req, reply) =>
      reply.status(202).send({
        approvalId: (
          await loans.requestWriteOff(deps, orgCtx(req), {
            ...req.body,
            loanId: req.params.loanId,
          })
        ).toString(),
      }),
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
          .object({ amountRupiah: positive, receivedOn: isoDate, cashSessionId: idString })
          .strict(),
        response: { 201: recoverySchema },
      },
    },
    async (req, reply) =>
      sendOutcome(
        reply,
        await loans.recover(
          deps,
          orgCtx(req),
          BigInt(req.params.loanId),
          {
            amountRupiah: BigInt(req.body.amountRupiah),
            receivedOn: req.body.receivedOn,
            cashSessionId: BigInt(req.body.cashSessionId),
          },
          idempotencyOf(req),
        ),
      ),
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

  // Collection, month-end, reports ------------------------------------------------------------
  r.get(
    '/orgs/:orgId/loan-collection',
    {
      config: { access: 'loans.read' },
      schema: {
        tags,
        summary: 'Collection work list: overdue loans by officer',
        params: orgParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(2000).default(500) }),
        response: { 200: itemsOf(collectionItemSchema) },
      },
    },
    async (req) => ({ items: await loans.collectionList(deps, orgCtx(req), req.query.limit) }),
  );

  r.post(
    '/orgs/:orgId/month-end/:period',
    {
      config: { access: 'monthend.run' },
      schema: {
        tags,
        summary: 'Run (or resume) the month-end close; a second run changes nothing',
        params: orgParams.extend({ period: monthPeriod }),
        response: { 200: monthEndRunSchema },
      },
    },
    async (req) => {
      await analyzeIfEmbedded(deps.database);
      return loans.runMonthEnd(deps, orgCtx(req), req.params.period);
    },
  );

  r.get(
    '/orgs/:orgId/month-end/:period',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary: 'Month-end steps done',
        params: orgParams.extend({ period: monthPeriod }),
        response: { 200: monthEndStatusSchema },
      },
    },
    async (req) => loans.monthEndStatus(deps, orgCtx(req), req.params.period),
  );

  r.get(
    '/orgs/:orgId/loan-reports/npl',
    {
      config: { access: 'reports.read' },
      schema: { tags, summary: 'NPL ratio', params: orgParams, response: { 200: nplSchema } },
    },
    async (req) => loans.nplRatio(deps, orgCtx(req)),
  );

  r.get(
    '/orgs/:orgId/loan-reports/:kind',
    {
      config: { access: 'reports.read' },
      schema: {
        tags,
        summary:
          'Portfolio, aging, collectibility, disbursements, repayments, NPL as JSON, PDF or Excel',
        params: orgParams.extend({
          kind: z.enum([
            'portfolio',
            'aging',
            'collectibility',
            'disbursements',
            'repayments',
            'npl',
          ]),
        }),
        querystring: formatQuery.extend({
          from: isoDate.default('2000-01-01'),
          to: isoDate.default('2100-12-31'),
          asOf: isoDate.default('2100-12-31'),
        }),
        response: { 200: reportResponse('The report in the asked format') },
      },
    },
    async (req, reply) =>
      sendDocument(
        reply,
        await loans.loanReport(
          deps,
          orgCtx(req),
          req.params.kind,
          req.query.from,
          req.query.to,
          req.query.asOf,
        ),
        req.query.format,
        `pinjaman-${req.params.kind}`,
      ),
  );
}
