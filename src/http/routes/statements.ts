import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { renderExcel } from '../../reports/excel.js';
import { renderPdf } from '../../reports/pdf.js';
import type { Deps } from '../../services/context.js';
import { documentJson, statement, STATEMENT_KINDS } from '../../services/statements.js';
import { orgCtx } from '../auth.js';
import { reportResponse, type ReportDocumentJson } from './responses.js';
import { accountCode, monthPeriod, orgParams } from './schemas.js';

const period = monthPeriod;

export async function statementRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/orgs/:orgId/statements/:kind',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: ['ledger'],
        summary:
          'Financial statements (neraca-saldo, neraca, phu, perubahan-ekuitas, arus-kas, buku-besar; for a KSPPS also dana-zakat, dana-kebajikan, rekonsiliasi-bagi-hasil) as JSON, PDF or Excel',
        description:
          'A KSPPS gets the PSAK 101 presentation: its mudharabah funds as dana syirkah temporer between liabilities and equity in the neraca, and bagi hasil untuk pemilik dana before the expenses in the phu. The three sharia kinds answer 422 STATEMENT_SHARIA_ONLY for any other cooperative.',
        params: orgParams.extend({ kind: z.enum(STATEMENT_KINDS) }),
        querystring: z.object({
          period: period.optional(),
          from: period.optional(),
          to: period.optional(),
          compare: z.enum(['true', 'false']).default('true'),
          account: accountCode.optional(),
          format: z.enum(['json', 'pdf', 'xlsx']).default('json'),
        }),
        response: { 200: reportResponse('The statement in the asked format') },
      },
    },
    async (req, reply) => {
      const q = req.query;
      const to = q.to ?? q.period ?? new Date().toISOString().slice(0, 7);
      const from = q.from ?? q.period ?? to;
      const doc = await statement(deps, orgCtx(req), {
        kind: req.params.kind,
        range: { from, to },
        compare: q.compare === 'true',
        ...(q.account ? { accountCode: q.account } : {}),
      });
      const name = `${req.params.kind}-${from === to ? to : `${from}_${to}`}`;
      if (q.format === 'pdf') {
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${name}.pdf"`)
          .send(await renderPdf(doc));
      }
      if (q.format === 'xlsx') {
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await renderExcel(doc));
      }
      // the schema checks it on the way out (a bigint became a decimal string)
      return documentJson(doc) as ReportDocumentJson;
    },
  );
}
