import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../services/context.js';
import * as consignment from '../../../services/shop/consignment.js';
import * as reports from '../../../services/shop/reports.js';
import { renderExcel } from '../../../reports/excel.js';
import { renderPdf } from '../../../reports/pdf.js';
import { orgCtx } from '../../auth.js';
import { answerOnce } from '../../idempotency.js';
import { itemsOf, fileResponse, PDF, postedEntrySchema, XLSX, rupiahOut } from '../responses.js';
import { idString, isoDate, orgParams } from '../schemas.js';

/** Consignment owed and settled, and the sales report (JSON, PDF, Excel). */
export async function shopReportRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/shop/consignment',
    {
      config: { access: 'shop.read' },
      schema: {
        tags: ['shop'],
        summary: 'What each member producer is owed for consignment goods sold up to a date',
        params: orgParams,
        querystring: z.object({ through: isoDate }),
        response: {
          200: itemsOf(
            z.object({
              supplierId: z.string(),
              name: z.string(),
              memberId: z.string().nullable(),
              memberNumber: z.string().nullable(),
              memberName: z.string().nullable(),
              marginBps: z.number().int(),
              lines: z.number().int(),
              salesRupiah: rupiahOut,
              marginRupiah: rupiahOut,
              owedRupiah: rupiahOut,
              lastSettledOn: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (req) => ({
      items: await consignment.consignmentOwed(deps, orgCtx(req), req.query.through),
    }),
  );

  r.post(
    '/orgs/:orgId/shop/consignment/:supplierId/settlements',
    {
      config: { access: 'shop.manage', idempotent: true },
      schema: {
        tags: ['shop'],
        summary:
          "Pay a member producer what is owed up to a date into the producer's sukarela (Idempotency-Key required)",
        params: orgParams.extend({ supplierId: idString }),
        body: z.object({ throughDate: isoDate, settledOn: isoDate }).strict(),
        response: {
          201: z.object({
            id: z.string(),
            supplierId: z.string(),
            lines: z.number().int(),
            salesRupiah: rupiahOut,
            marginRupiah: rupiahOut,
            amountRupiah: rupiahOut,
            accountNumber: z.string(),
            balanceAfterRupiah: rupiahOut,
            entry: postedEntrySchema,
          }),
        },
      },
    },
    async (req, reply) =>
      answerOnce(
        req,
        reply,
        deps,
        consignment.settleConsignment,
        BigInt(req.params.supplierId),
        req.body,
      ),
  );

  const agg = {
    salesRupiah: rupiahOut,
    costRupiah: rupiahOut,
    marginRupiah: rupiahOut,
    count: z.number().int(),
  };

  const salesReportSchema = z.object({
    from: z.string(),
    to: z.string(),
    outletId: z.string().nullable(),
    totals: z.object({ ...agg, memberSalesRupiah: rupiahOut, nonMemberSalesRupiah: rupiahOut }),
    byDay: z.array(z.object({ date: z.string(), ...agg })),
    byHour: z.array(z.object({ hour: z.number().int(), ...agg })),
    byProduct: z.array(
      z.object({
        productId: z.string(),
        sku: z.string(),
        name: z.string(),
        qtyBase: z.string(),
        baseUnit: z.string(),
        ...agg,
      }),
    ),
    byMember: z.array(
      z.object({
        memberId: z.string(),
        memberNumber: z.string().nullable(),
        name: z.string(),
        ...agg,
      }),
    ),
    byOutlet: z.array(z.object({ outletId: z.string(), code: z.string(), ...agg })),
    byPayment: z.array(z.object({ method: z.string(), ...agg })),
    slowMovers: z.array(
      z.object({
        productId: z.string(),
        sku: z.string(),
        name: z.string(),
        qtyBase: z.string(),
        valueRupiah: rupiahOut,
        lastSoldOn: z.string().nullable(),
      }),
    ),
    consignmentOwed: z.array(
      z.object({ supplierId: z.string(), name: z.string(), owedRupiah: rupiahOut }),
    ),
  });

  r.get(
    '/orgs/:orgId/shop/reports/sales',
    {
      config: { access: 'shop.read' },
      schema: {
        tags: ['shop'],
        summary:
          'Sales, HPP and margin by day, hour, product, member, outlet and payment; slow movers; consignment owed (JSON, PDF or Excel by `format`)',
        params: orgParams,
        querystring: z
          .object({
            from: isoDate,
            to: isoDate,
            outletId: idString.optional(),
            format: z.enum(['json', 'pdf', 'xlsx']).default('json'),
          })
          .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['to'] })
          .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, {
            message: 'at most 400 days',
            path: ['to'],
          }),
        response: {
          200: {
            description: 'The report as JSON, PDF or Excel',
            content: {
              'application/json': { schema: salesReportSchema },
              ...fileResponse('', [PDF, XLSX]).content,
            },
          },
        },
      },
    },
    async (req, typedReply) => {
      const ctx = orgCtx(req);
      const f = {
        from: req.query.from,
        to: req.query.to,
        outletId: req.query.outletId ? BigInt(req.query.outletId) : null,
      };
      if (req.query.format === 'json') return reports.salesReport(deps, ctx, f);
      // a file: the JSON schema of the reply does not describe it
      const reply: FastifyReply = typedReply;
      const doc = await reports.salesReportFile(deps, ctx, f);
      const name = `penjualan-toko-${f.from}-${f.to}`;
      if (req.query.format === 'xlsx')
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
}
