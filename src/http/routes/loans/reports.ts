import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { analyzeIfEmbedded } from '../../../services/maintenance.js';
import type { Deps } from '../../../services/context.js';
import * as loans from '../../../services/loans.js';
import { orgCtx } from '../../auth.js';
import {
  collectionItemSchema,
  monthEndRunSchema,
  monthEndStatusSchema,
  nplSchema,
} from '../loan-responses.js';
import { orgGetOptions, orgQueryListOptions, reportResponse } from '../responses.js';
import { isoDate, monthPeriod, orgParams } from '../schemas.js';
import { formatQuery, sendDocument, tags } from './common.js';

/** The collection work list, the month-end close, and the loan portfolio's reports. */

const monthParams = orgParams.extend({ period: monthPeriod });

export async function loanReportRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/loan-collection',
    orgQueryListOptions(
      'loans.read',
      'loans',
      'Collection work list: overdue loans by officer',
      z.object({ limit: z.coerce.number().int().min(1).max(2000).default(500) }),
      collectionItemSchema,
    ),
    async (req) => ({ items: await loans.collectionList(deps, orgCtx(req), req.query.limit) }),
  );

  r.post(
    '/orgs/:orgId/month-end/:period',
    {
      config: { access: 'monthend.run' },
      schema: {
        tags,
        summary: 'Run (or resume) the month-end close; a second run changes nothing',
        params: monthParams,
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
    orgGetOptions(
      'reports.read',
      'loans',
      'Month-end steps done',
      monthParams,
      monthEndStatusSchema,
    ),
    async (req) => loans.monthEndStatus(deps, orgCtx(req), req.params.period),
  );

  r.get(
    '/orgs/:orgId/loan-reports/npl',
    orgGetOptions('reports.read', 'loans', 'NPL ratio', orgParams, nplSchema),
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
