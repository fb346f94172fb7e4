import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AMIL_STATUSES,
  ASNAF,
  FUNDS,
  PURPOSES,
  RECEIPT_SOURCES,
} from '../../domain/sharia/baitul-maal.js';
import * as bm from '../../services/sharia/baitul-maal.js';
import type { Deps } from '../../services/context.js';
import { orgCtx } from '../auth.js';
import { answerOnce } from '../idempotency.js';
import { renderExcel } from '../../reports/excel.js';
import { renderPdf } from '../../reports/pdf.js';
import { fileResponse, itemsOf, PDF, postedEntrySchema, rupiahOut, XLSX } from './responses.js';
import { accountCode, idString, isoDate, orgParams, positiveRupiah } from './schemas.js';

const TAG = 'baitul-maal';
const fund = z.enum(FUNDS);
const asnaf = z.enum(ASNAF);
const purpose = z.enum(PURPOSES);
const amilSchema = z.object({
  amilStatus: z.enum(AMIL_STATUSES),
  referenceNumber: z.string().nullable(),
  referenceDate: z.string().nullable(),
  forwardedTo: z.string().nullable(),
  updatedAt: z.string(),
});
const receiptSchema = z.object({
  id: z.string(),
  fund,
  receiptDate: z.string(),
  source: z.enum(RECEIPT_SOURCES),
  memberId: z.string().nullable(),
  giverName: z.string(),
  amountRupiah: rupiahOut,
  description: z.string(),
  entryId: z.string(),
});
const distributionSchema = z.object({
  id: z.string(),
  fund,
  distributionDate: z.string(),
  asnaf: asnaf.nullable(),
  purpose: purpose.nullable(),
  memberId: z.string().nullable(),
  recipientName: z.string(),
  amountRupiah: rupiahOut,
  description: z.string(),
  entryId: z.string(),
});
const periodQuery = z
  .object({
    fund: fund.optional(),
    from: isoDate,
    to: isoDate,
    limit: z.coerce.number().int().min(1).max(bm.LIST_LIMIT_MAX).default(100),
  })
  .refine((q) => q.from <= q.to, { message: 'from after to', path: ['to'] });
const reportRow = z.object({ key: z.string(), amountRupiah: rupiahOut });
const reportSchema = z.object({
  fund,
  from: z.string(),
  to: z.string(),
  openingRupiah: rupiahOut,
  receipts: z.array(reportRow),
  receiptsTotalRupiah: rupiahOut,
  distributions: z.array(reportRow),
  distributionsTotalRupiah: rupiahOut,
  closingRupiah: rupiahOut,
});
const text = (max: number) => z.string().trim().min(2).max(max);

export async function baitulMaalRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/baitul-maal',
    {
      config: { access: 'baitulmaal.read' },
      schema: {
        tags: [TAG],
        summary:
          'The funds (zakat, infaq, wakaf, kebajikan) with their balances and the amil status',
        params: orgParams,
        response: {
          200: z.object({
            amil: amilSchema.nullable(),
            funds: z.array(
              z.object({
                fund,
                fundAccountCode: z.string(),
                cashAccountCode: z.string(),
                balanceRupiah: rupiahOut,
                cashRupiah: rupiahOut,
              }),
            ),
          }),
        },
      },
    },
    async (req) => bm.overview(deps, orgCtx(req)),
  );

  r.put(
    '/orgs/:orgId/baitul-maal/amil-status',
    {
      config: { access: 'baitulmaal.write' },
      schema: {
        tags: [TAG],
        summary:
          'Record the amil status: LAZ permit or UPZ of BAZNAS (number and date), or none (zakat passed on to BAZNAS/LAZ)',
        params: orgParams,
        body: z
          .object({
            amilStatus: z.enum(AMIL_STATUSES),
            referenceNumber: text(100).nullable().default(null),
            referenceDate: isoDate.nullable().default(null),
            forwardedTo: text(200).nullable().default(null),
          })
          .strict()
          .refine(
            (b) =>
              b.amilStatus === 'none' || (b.referenceNumber !== null && b.referenceDate !== null),
            { message: 'a permit or decree number and date', path: ['referenceNumber'] },
          )
          .refine((b) => b.amilStatus !== 'none' || b.forwardedTo !== null, {
            message: 'where zakat is passed on to',
            path: ['forwardedTo'],
          }),
        response: { 200: amilSchema },
      },
    },
    async (req) => {
      const out = await bm.setAmilStatus(deps, orgCtx(req), req.body);
      if (!out) throw new Error('amil status not saved');
      return out;
    },
  );

  r.get(
    '/orgs/:orgId/baitul-maal/receipts',
    {
      config: { access: 'baitulmaal.read' },
      schema: {
        tags: [TAG],
        summary: 'Receipts into the funds in a period, newest first',
        params: orgParams,
        querystring: periodQuery,
        response: { 200: itemsOf(receiptSchema) },
      },
    },
    async (req) => ({ items: await bm.listReceipts(deps, orgCtx(req), req.query) }),
  );

  r.post(
    '/orgs/:orgId/baitul-maal/receipts',
    {
      config: { access: 'baitulmaal.receive', idempotent: true },
      schema: {
        tags: [TAG],
        summary:
          'Receive into a fund (Dr cash/bank, Cr the fund); non-halal receipts (bank interest, jasa giro) go to kebajikan (Idempotency-Key required)',
        params: orgParams,
        body: z
          .object({
            fund,
            receiptDate: isoDate,
            source: z.enum(RECEIPT_SOURCES),
            memberId: idString.nullable().default(null),
            giverName: text(200).nullable().default(null),
            amountRupiah: positiveRupiah,
            cashAccountCode: accountCode.nullable().default(null),
            description: z.string().trim().min(3).max(300),
          })
          .strict(),
        response: { 201: receiptSchema.extend({ posted: postedEntrySchema }) },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, bm.recordReceipt, {
        ...req.body,
        memberId: req.body.memberId === null ? null : BigInt(req.body.memberId),
        amountRupiah: BigInt(req.body.amountRupiah),
      }),
  );

  r.post(
    '/orgs/:orgId/baitul-maal/non-halal-receipts',
    {
      config: { access: 'baitulmaal.receive', idempotent: true },
      schema: {
        tags: [TAG],
        summary:
          'Non-halal receipt (bank interest, jasa giro): Dr the bank, Cr dana kebajikan — never income (Idempotency-Key required)',
        params: orgParams,
        body: z
          .object({
            receiptDate: isoDate,
            giverName: text(200),
            amountRupiah: positiveRupiah,
            cashAccountCode: accountCode.nullable().default(null),
            description: z.string().trim().min(3).max(300),
          })
          .strict(),
        response: { 201: receiptSchema.extend({ posted: postedEntrySchema }) },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, bm.recordReceipt, {
        ...req.body,
        fund: 'kebajikan' as const,
        source: 'non_halal' as const,
        memberId: null,
        amountRupiah: BigInt(req.body.amountRupiah),
      }),
  );

  r.get(
    '/orgs/:orgId/baitul-maal/distributions',
    {
      config: { access: 'baitulmaal.read' },
      schema: {
        tags: [TAG],
        summary: 'Distributions from the funds in a period, newest first',
        params: orgParams,
        querystring: periodQuery,
        response: { 200: itemsOf(distributionSchema) },
      },
    },
    async (req) => ({ items: await bm.listDistributions(deps, orgCtx(req), req.query) }),
  );

  r.post(
    '/orgs/:orgId/baitul-maal/distributions',
    {
      config: { access: 'baitulmaal.write', idempotent: true },
      schema: {
        tags: [TAG],
        summary:
          'Distribute from a fund (Dr the fund, Cr cash/bank): zakat to an asnaf, infaq and kebajikan for a purpose, wakaf principal never, never beyond the balance (Idempotency-Key required)',
        params: orgParams,
        body: z
          .object({
            fund,
            distributionDate: isoDate,
            asnaf: asnaf.nullable().default(null),
            purpose: purpose.nullable().default(null),
            memberId: idString.nullable().default(null),
            recipientName: text(200).nullable().default(null),
            amountRupiah: positiveRupiah,
            cashAccountCode: accountCode.nullable().default(null),
            description: z.string().trim().min(3).max(300),
          })
          .strict(),
        response: { 201: distributionSchema.extend({ posted: postedEntrySchema }) },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, bm.recordDistribution, {
        ...req.body,
        memberId: req.body.memberId === null ? null : BigInt(req.body.memberId),
        amountRupiah: BigInt(req.body.amountRupiah),
      }),
  );

  r.get(
    '/orgs/:orgId/baitul-maal/reports/:fund',
    {
      config: { access: 'baitulmaal.read' },
      schema: {
        tags: [TAG],
        summary:
          'Laporan sumber dan penyaluran dana zakat (zakat) or sumber dan penggunaan dana kebajikan (kebajikan) for a period',
        params: orgParams.extend({ fund: z.enum(['zakat', 'kebajikan', 'infaq', 'wakaf']) }),
        querystring: z
          .object({ from: isoDate, to: isoDate })
          .refine((q) => q.from <= q.to, { message: 'from after to', path: ['to'] }),
        response: { 200: reportSchema },
      },
    },
    async (req) =>
      bm.fundStatement(deps, orgCtx(req), req.params.fund, req.query.from, req.query.to),
  );
  r.get(
    '/orgs/:orgId/baitul-maal/reports/:fund/file',
    {
      config: { access: 'baitulmaal.read' },
      schema: {
        tags: [TAG],
        summary: 'The same fund report as PDF or Excel (the renderers every statement uses)',
        params: orgParams.extend({ fund: z.enum(['zakat', 'kebajikan', 'infaq', 'wakaf']) }),
        querystring: z
          .object({ from: isoDate, to: isoDate, format: z.enum(['pdf', 'xlsx']).default('pdf') })
          .refine((q) => q.from <= q.to, { message: 'from after to', path: ['to'] }),
        response: { 200: fileResponse('The report', [PDF, XLSX]) },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const doc = await bm.fundStatementDocument(deps, orgCtx(req), req.params.fund, q.from, q.to);
      const name = `dana-${req.params.fund}-${q.from}_${q.to}`;
      if (q.format === 'xlsx')
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
