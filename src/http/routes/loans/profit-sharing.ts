import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../services/context.js';
import * as loans from '../../../services/loans.js';
import { orgCtx } from '../../auth.js';
import { approvalRequested, orgGetOptions } from '../responses.js';
import { appParams, loanParams, rupiah, tags } from './common.js';

/**
 * Profit-sharing financing of a KSPPS (docs/domain/sharia-financing.md): the akad's terms on the
 * application, the financing's periods with their laporan usaha, and the maker-checker requests
 * for a period's report and for the member's negligence (approved at /approvals/{id}/approve).
 */

const signedRupiah = z.string().regex(/^-?[0-9]{1,15}$/);

const termsSchema = z.object({
  kind: z.enum(['mudharabah', 'musyarakah']),
  nisbahKsppsPercent: z.string(),
  basis: z.enum(['profit', 'revenue']),
  projectedResultRupiah: z.string(),
  projectedShareRupiah: z.string(),
  ksppsCapitalRupiah: z.string(),
  memberCapitalRupiah: z.string(),
  carriedLossRupiah: z.string(),
  ksppsLossRupiah: z.string(),
  unabsorbedLossRupiah: z.string(),
  negligence: z.object({ reason: z.string(), approvalId: z.string() }).nullable(),
});

const financingSchema = z.object({
  loanId: z.string(),
  akad: z.string(),
  status: z.string(),
  terms: termsSchema,
  nextPeriod: z.number().int().nullable(),
  negligencePendingApprovalId: z.string().nullable(),
  periods: z.array(
    z.object({
      periodNo: z.number().int(),
      dueOn: z.string(),
      principalRupiah: z.string(),
      profitShareRupiah: z.string().nullable(),
      totalDueRupiah: z.string(),
      paidRupiah: z.string(),
      status: z.enum(['pending', 'billed']),
      report: z
        .object({
          resultRupiah: z.string(),
          note: z.string().nullable(),
          carriedLossBeforeRupiah: z.string(),
          carriedLossAfterRupiah: z.string(),
          ksppsShareRupiah: z.string(),
          memberShareRupiah: z.string(),
          ksppsLossRupiah: z.string(),
          memberLossRupiah: z.string(),
          approvalId: z.string(),
          entryId: z.string().nullable(),
          lossEntryId: z.string().nullable(),
        })
        .nullable(),
      pendingReport: z
        .object({
          approvalId: z.string(),
          resultRupiah: z.string(),
          requestedBy: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
});

export async function loanProfitSharingRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.put(
    '/orgs/:orgId/loan-applications/:applicationId/profit-sharing',
    {
      config: { access: 'loans.manage' },
      schema: {
        tags,
        summary:
          'Set the mudharabah / musyarakah terms of an application (nisbah, basis, projected result per period, the member’s capital)',
        params: appParams,
        body: z
          .object({
            nisbahKsppsPercent: z.string().regex(/^[0-9]{1,3}(\.[0-9]{1,4})?$/),
            basis: z.enum(['profit', 'revenue']),
            projectedResultRupiah: rupiah,
            memberCapitalRupiah: rupiah.default('0'),
          })
          .strict(),
        response: { 200: termsSchema },
      },
    },
    async (req) =>
      loans.setTerms(deps, orgCtx(req), BigInt(req.params.applicationId), {
        nisbahKsppsPercent: req.body.nisbahKsppsPercent,
        basis: req.body.basis,
        projectedResultRupiah: BigInt(req.body.projectedResultRupiah),
        memberCapitalRupiah: BigInt(req.body.memberCapitalRupiah),
      }),
  );

  r.get(
    '/orgs/:orgId/loan-applications/:applicationId/profit-sharing',
    orgGetOptions(
      'loans.read',
      'loans',
      'Whether the application is for a mudharabah / musyarakah, and its terms once set',
      appParams,
      z.object({
        profitSharing: z.boolean(),
        akad: z.string(),
        editable: z.boolean(),
        terms: termsSchema.nullable(),
      }),
    ),
    async (req) => loans.applicationTerms(deps, orgCtx(req), BigInt(req.params.applicationId)),
  );

  r.get(
    '/orgs/:orgId/loans/:loanId/profit-sharing',
    orgGetOptions(
      'loans.read',
      'loans',
      'A profit-sharing financing: terms, and per period the report, the bagi hasil and what is due ("pending" without an approved report)',
      loanParams,
      financingSchema,
    ),
    async (req) => loans.financingView(deps, orgCtx(req), BigInt(req.params.loanId)),
  );

  r.post(
    '/orgs/:orgId/loans/:loanId/profit-sharing/reports',
    {
      config: { access: 'loans.manage' },
      schema: {
        tags,
        summary:
          'Enter the member’s laporan usaha of the next period (a maker-checker request; a loss is negative)',
        params: loanParams,
        body: z
          .object({
            periodNo: z.number().int().min(1).max(1000),
            resultRupiah: signedRupiah,
            note: z.string().trim().max(500).nullable().default(null),
          })
          .strict(),
        response: { 202: approvalRequested },
      },
    },
    async (req, reply) =>
      reply.status(202).send(
        await loans.submitReport(deps, orgCtx(req), BigInt(req.params.loanId), {
          periodNo: req.body.periodNo,
          resultRupiah: BigInt(req.body.resultRupiah),
          note: req.body.note,
        }),
      ),
  );

  r.post(
    '/orgs/:orgId/loans/:loanId/profit-sharing/negligence',
    {
      config: { access: 'loans.manage' },
      schema: {
        tags,
        summary:
          'Establish the member’s negligence or breach on a mudharabah (a maker-checker request): the member then bears a loss',
        params: loanParams,
        body: z.object({ reason: z.string().trim().min(5).max(500) }).strict(),
        response: { 202: approvalRequested },
      },
    },
    async (req, reply) =>
      reply
        .status(202)
        .send(
          await loans.requestNegligence(
            deps,
            orgCtx(req),
            BigInt(req.params.loanId),
            req.body.reason,
          ),
        ),
  );
}
