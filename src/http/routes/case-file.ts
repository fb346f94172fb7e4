import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_FILE_KINDS } from '../../domain/supervision/case-file.js';
import type { Deps } from '../../services/context.js';
import { caseFile, type CaseFileFilter } from '../../services/supervision/case-file.js';
import { caseFilePdf } from '../../services/supervision/case-file-pdf.js';
import { orgCtx } from '../auth.js';
import { fileResponse, PDF } from './responses.js';
import { idString, isoDate, orgParams } from './schemas.js';

/**
 * The case file of one cooperative (issue 16 item 1; docs/domain/supervision-case-file.md): the
 * office's single timeline of it, filtered by area and dates, on screen and as one PDF.
 */

const tags = ['case-file'];
const params = orgParams.extend({ registryId: idString });
const query = z.object({
  /** comma-separated areas, e.g. `rat,letter`; none: every area */
  kinds: z
    .string()
    .max(300)
    .transform((s) => s.split(',').filter((k) => k !== ''))
    .pipe(z.array(z.enum(CASE_FILE_KINDS)).max(CASE_FILE_KINDS.length))
    .optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
const entry = z.object({
  on: z.string(),
  kind: z.enum(CASE_FILE_KINDS),
  title: z.string(),
  detail: z.string(),
  actor: z.string().nullable(),
  documents: z.array(z.object({ name: z.string(), href: z.string() })),
  ref: z.string(),
});

const filterOf = (q: z.output<typeof query>): CaseFileFilter => ({
  ...(q.kinds ? { kinds: q.kinds } : {}),
  ...(q.from ? { from: q.from } : {}),
  ...(q.to ? { to: q.to } : {}),
});

export async function caseFileRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/supervision/cooperatives/:registryId/case-file',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'One cooperative’s case file: every entry the office has of it (registry, reports in and missing, assessments, RATs, trainings, certificates, visits, findings, letters, sanctions, koperasi modern, alerts), newest first',
        params,
        querystring: query,
        response: {
          200: z.object({
            cooperative: z.object({
              registryId: z.string(),
              name: z.string(),
              cooperativeType: z.string(),
              status: z.string(),
              nikKoperasi: z.string().nullable(),
              badanHukumNumber: z.string().nullable(),
              address: z.string().nullable(),
              onSokoguru: z.boolean(),
            }),
            asOf: z.string(),
            entries: z.array(entry),
          }),
        },
      },
    },
    async (req) => caseFile(deps, orgCtx(req), BigInt(req.params.registryId), filterOf(req.query)),
  );

  r.get(
    '/orgs/:orgId/supervision/cooperatives/:registryId/case-file.pdf',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'The case file as one PDF for a hearing, with the same filter',
        params,
        querystring: query,
        response: { 200: fileResponse('The case file', [PDF]) },
      },
    },
    async (req, reply) => {
      const { pdf, name } = await caseFilePdf(
        deps,
        orgCtx(req),
        BigInt(req.params.registryId),
        filterOf(req.query),
      );
      return reply
        .type(PDF)
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
