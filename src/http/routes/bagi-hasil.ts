import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as bh from '../../services/bagi-hasil.js';
import type { Deps } from '../../services/context.js';
import { renderExcel } from '../../reports/excel.js';
import { renderPdf } from '../../reports/pdf.js';
import { orgCtx } from '../auth.js';
import { fileResponse, PDF, rupiahOut, XLSX } from './responses.js';
import { orgParams } from './schemas.js';

/**
 * A KSPPS's monthly profit distribution to mudharabah funds (services/bagi-hasil.ts; the
 * month-end computes it): the report per month, the settings, the member's own lines.
 */
const TAG = 'bagi-hasil';
const period = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const percent = z.string().nullable();
const akad = z.enum(['wadiah', 'mudharabah', 'mudharabah_berjangka']);
const distributionSchema = z.object({
  period: z.string(),
  days: z.number().int(),
  basis: z.enum(['revenue', 'profit']),
  rekonsiliasi: z.object({
    accrualIncomeRupiah: rupiahOut,
    unreceivedCurrentRupiah: rupiahOut,
    receivedPreviousRupiah: rupiahOut,
    operatingCostsRupiah: rupiahOut,
    incomeRupiah: rupiahOut,
  }),
  averageFinancingRupiah: rupiahOut,
  divisorIs: z.enum(['funds', 'financing']),
  distributedRupiah: rupiahOut,
  retainedRupiah: rupiahOut,
  accounts: z.number().int(),
  entryId: z.string().nullable(),
  products: z.array(
    z.object({
      productId: z.string(),
      code: z.string(),
      name: z.string(),
      akad,
      weightPercent: z.string(),
      nisbahAnggotaPercent: z.string(),
      accounts: z.number().int(),
      averageBalanceRupiah: rupiahOut,
      incomeShareRupiah: rupiahOut,
      poolRupiah: rupiahOut,
      ratePerMonthPercent: percent,
      rateAnnualPercent: percent,
    }),
  ),
});
const settingsSchema = z.object({
  basis: z.enum(['revenue', 'profit']),
  weightWadiahBps: z.number().int(),
  weightMudharabahBps: z.number().int(),
  weightBerjangkaBps: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
const weight = z.number().int().min(0).max(10000);
/** whole rupiah as a decimal string, 0 allowed (a bonus may be nothing) */
const rupiahAmount = z.string().regex(/^(0|[1-9][0-9]{0,14})$/, 'whole rupiah, digits only');

export async function bagiHasilRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/bagi-hasil/distributions',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: [TAG],
        summary: 'The months distributed, newest first, with the income shared and paid',
        params: orgParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                period: z.string(),
                incomeRupiah: rupiahOut,
                distributedRupiah: rupiahOut,
                accounts: z.number().int(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await bh.distributionList(deps, orgCtx(req)) }),
  );

  r.get(
    '/orgs/:orgId/bagi-hasil/distributions/:period',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: [TAG],
        summary:
          "A month's distribution: the rekonsiliasi pendapatan dan bagi hasil and each product's pool, nisbah and equivalent rate (JSON, PDF or Excel by `format`)",
        params: orgParams.extend({ period }),
        querystring: z.object({ format: z.enum(['json', 'pdf', 'xlsx']).default('json') }),
        response: {
          200: {
            description: 'The distribution as JSON, PDF or Excel',
            content: {
              'application/json': { schema: distributionSchema },
              ...fileResponse('', [PDF, XLSX]).content,
            },
          },
        },
      },
    },
    async (req, typedReply) => {
      const ctx = orgCtx(req);
      const { format } = req.query;
      if (format === 'json') return bh.distributionReport(deps, ctx, req.params.period);
      // a file: the JSON schema of the reply does not describe it
      const reply: FastifyReply = typedReply;
      const doc = await bh.distributionDocument(deps, ctx, req.params.period);
      const name = `bagi-hasil-${req.params.period}`;
      if (format === 'xlsx')
        return reply
          .type(XLSX)
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await renderExcel(doc));
      return reply
        .type(PDF)
        .header('content-disposition', `inline; filename="${name}.pdf"`)
        .send(await renderPdf(doc));
    },
  );

  r.get(
    '/orgs/:orgId/bagi-hasil/settings',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: [TAG],
        summary: 'Revenue or profit sharing, and the weight (bobot) of each fund type',
        params: orgParams,
        response: { 200: settingsSchema },
      },
    },
    async (req) => bh.getSettings(deps, orgCtx(req)),
  );

  r.put(
    '/orgs/:orgId/bagi-hasil/settings',
    {
      config: { access: 'savings.products' },
      schema: {
        tags: [TAG],
        summary:
          'Set revenue or profit sharing and the weights in basis points (8500 = 85 %); the next month-end uses them',
        params: orgParams,
        body: z
          .object({
            basis: z.enum(['revenue', 'profit']),
            weightWadiahBps: weight,
            weightMudharabahBps: weight,
            weightBerjangkaBps: weight,
          })
          .strict(),
        response: { 200: settingsSchema },
      },
    },
    async (req) => bh.putSettings(deps, orgCtx(req), req.body),
  );

  const bonusSchema = z.object({
    period: z.string(),
    poolRupiah: rupiahOut,
    minimumAverageRupiah: rupiahOut,
    accounts: z.number().int(),
    paidRupiah: rupiahOut,
    entryId: z.string().nullable(),
    approvalId: z.string(),
    decidedAt: z.string(),
  });
  r.get(
    '/orgs/:orgId/bagi-hasil/wadiah-bonus',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: [TAG],
        summary: 'The wadiah bonus decisions, newest first (pool, minimum average, paid, accounts)',
        params: orgParams,
        response: { 200: z.object({ items: z.array(bonusSchema) }) },
      },
    },
    async (req) => ({ items: await bh.wadiahBonusDecisions(deps, orgCtx(req)) }),
  );
  r.post(
    '/orgs/:orgId/bagi-hasil/wadiah-bonus',
    {
      config: { access: 'savings.products' },
      schema: {
        tags: [TAG],
        summary:
          "Propose a month's wadiah bonus after the month (possibly 0): shared by daily-balance sums over the wadiah accounts at or above the minimum average once another person approves it",
        params: orgParams,
        body: z
          .object({
            period,
            poolRupiah: rupiahAmount,
            minimumAverageRupiah: rupiahAmount.default('0'),
          })
          .strict(),
        response: { 202: z.object({ approvalId: z.string(), period: z.string() }) },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const r2 = await bh.proposeWadiahBonus(deps, orgCtx(req), {
        period: b.period,
        poolRupiah: BigInt(b.poolRupiah),
        minimumAverageRupiah: BigInt(b.minimumAverageRupiah),
      });
      return reply.code(202).send(r2);
    },
  );

  r.get(
    '/orgs/:orgId/me/bagi-hasil',
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['portal'],
        summary:
          "The member's own bagi hasil lines, newest first, with the nisbah of the akad and the equivalent rate",
        params: orgParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                period: z.string(),
                accountId: z.string(),
                accountNumber: z.string(),
                productName: z.string(),
                nisbahAnggotaPercent: z.string(),
                shareRupiah: rupiahOut,
                bookedOn: z.string(),
                ratePerMonthPercent: percent,
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await bh.myBagiHasil(deps, orgCtx(req)) }),
  );
}
