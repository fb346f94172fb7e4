import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { renderExcel } from '../../reports/excel.js';
import { renderPdf } from '../../reports/pdf.js';
import type { Deps } from '../../services/context.js';
import { documentJson } from '../../services/statements.js';
import * as yearEnd from '../../services/year-end.js';
import { orgCtx } from '../auth.js';
import {
  approvalRequested,
  reportResponse,
  rupiahOut,
  type ReportDocumentJson,
} from './responses.js';
import { orgParams } from './schemas.js';

const yearParams = orgParams.extend({ year: z.string().regex(/^20[0-9]{2}$/) });

const yearStatusSchema = z.object({
  year: z.number().int(),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  openMonths: z.array(z.string()),
  entries: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      entryDate: z.string(),
      description: z.string(),
      totalRupiah: rupiahOut,
      kind: z.enum(['closing', 'reversed', 'reversal']),
      reversalOf: z.string().nullable(),
      reversedBy: z.string().nullable(),
      createdAt: z.string(),
      createdBy: z.string().nullable(),
    }),
  ),
  reopenings: z.array(
    z.object({
      approvalId: z.string(),
      status: z.enum(['pending', 'approved', 'rejected']),
      reason: z.string(),
      requestedAt: z.string(),
      requestedBy: z.string(),
      decidedAt: z.string().nullable(),
      decidedBy: z.string().nullable(),
      decisionNote: z.string().nullable(),
    }),
  ),
});

/** Year-end close (services/year-end.ts): close, status, re-opening request, the year's statements. */
export async function yearEndRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/orgs/:orgId/years/:year/close',
    {
      config: { access: 'periods.close' },
      schema: {
        tags: ['ledger'],
        summary:
          "Year-end close: December's month-end steps, income and expense into SHU tahun berjalan carried to SHU belum dibagi (dated 31 December), then December closes and the year is locked",
        description:
          'Refused (problem+json) with 422 LEDGER_YEAR_NOT_ENDED before the year has ended, 409 LEDGER_YEAR_MONTH_OPEN naming the first open month, 409 LEDGER_YEAR_ALREADY_CLOSED on a second close; a refused close changes nothing.',
        params: yearParams,
        response: {
          200: z.object({
            year: z.number().int(),
            shuRupiah: rupiahOut,
            closingEntryIds: z.array(z.string()),
            monthEndSteps: z.array(z.object({ name: z.string(), skipped: z.boolean() })),
          }),
        },
      },
    },
    async (req) => {
      const out = await yearEnd.closeYear(deps, orgCtx(req), Number(req.params.year));
      return {
        year: out.year,
        shuRupiah: out.shuRupiah.toString(),
        closingEntryIds: out.closingEntryIds.map(String),
        monthEndSteps: out.monthEnd.steps.map((s) => ({ name: s.name, skipped: s.skipped })),
      };
    },
  );

  r.get(
    '/orgs/:orgId/years/:year',
    {
      config: { access: 'accounts.read' },
      schema: {
        tags: ['ledger'],
        summary:
          "A book year's close: open or closed, by whom and when, its closing entries and their reversals, the re-opening requests",
        params: yearParams,
        response: { 200: yearStatusSchema },
      },
    },
    async (req) => {
      const s = await yearEnd.yearStatus(deps, orgCtx(req), Number(req.params.year));
      return {
        ...s,
        closedAt: s.closedAt?.toISOString() ?? null,
        entries: s.entries.map((e) => ({
          ...e,
          id: e.id.toString(),
          totalRupiah: e.totalRupiah.toString(),
          reversalOf: e.reversalOf?.toString() ?? null,
          reversedBy: e.reversedBy?.toString() ?? null,
          createdAt: e.createdAt.toISOString(),
        })),
        reopenings: s.reopenings.map((x) => ({
          approvalId: x.id.toString(),
          status: x.status,
          reason: x.reason,
          requestedAt: x.requested_at.toISOString(),
          requestedBy: x.requested_by_username,
          decidedAt: x.decided_at?.toISOString() ?? null,
          decidedBy: x.decided_by_username,
          decisionNote: x.decision_note,
        })),
      };
    },
  );

  r.post(
    '/orgs/:orgId/years/:year/reopen',
    {
      config: { access: 'periods.reopen' },
      schema: {
        tags: ['ledger'],
        summary:
          'Request the re-opening of a closed book year (maker-checker): on approval by another user its closing entries are reversed and December opens',
        description:
          'Refused with 409 LEDGER_YEAR_NOT_CLOSED, or 409 LEDGER_YEAR_NOT_REOPENABLE when a later month is closed or the SHU of the year has been distributed.',
        params: yearParams,
        body: z.object({ reason: z.string().trim().min(10).max(500) }).strict(),
        response: { 202: approvalRequested },
      },
    },
    async (req, reply) => {
      const id = await yearEnd.requestYearReopen(deps, orgCtx(req), {
        year: Number(req.params.year),
        reason: req.body.reason,
      });
      return reply.status(202).send({ approvalId: id.toString() });
    },
  );

  r.get(
    '/orgs/:orgId/years/:year/statements/:kind',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: ['ledger'],
        summary:
          "A book year's statement (neraca, phu, perubahan-ekuitas, arus-kas) with the prior year beside it, as JSON, PDF or Excel",
        description:
          "The phu of a closed year leaves the closing entries out, so it still shows the year's income, expenses and SHU.",
        params: yearParams.extend({ kind: z.enum(yearEnd.YEAR_STATEMENT_KINDS) }),
        querystring: z.object({ format: z.enum(['json', 'pdf', 'xlsx']).default('json') }),
        response: { 200: reportResponse('The statement in the asked format') },
      },
    },
    async (req, reply) => {
      const { year, kind } = req.params;
      const doc = await yearEnd.yearStatement(deps, orgCtx(req), Number(year), kind);
      const name = `${kind}-${year}`;
      if (req.query.format === 'pdf')
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${name}.pdf"`)
          .send(await renderPdf(doc));
      if (req.query.format === 'xlsx')
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await renderExcel(doc));
      return documentJson(doc) as ReportDocumentJson;
    },
  );
}
