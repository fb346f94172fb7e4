import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Permission } from '../../domain/auth/permissions.js';
import { AppError } from '../../domain/errors.js';
import type { Deps } from '../../services/context.js';
import {
  exportMembers,
  importMembers,
  importTemplate,
  readImportWorkbook,
} from '../../services/member-import.js';
import { orgCtx } from '../auth.js';
import { importResultSchema } from './member-responses.js';
import { fileResponse } from './responses.js';
import { orgParams } from './schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const zodScope = (scope: FastifyInstance) => scope.withTypeProvider<ZodTypeProvider>();
type ZodScope = ReturnType<typeof zodScope>;

/**
 * Registers upload routes in a scope where an .xlsx body reaches the route as the request stream,
 * not as the Buffer other uploads get: the workbook is read as it arrives (ExcelJS' streaming
 * reader), never held whole; the reader enforces IMPORT_FILE_BYTES_MAX.
 */
export async function withStreamedXlsx(
  api: FastifyInstance,
  register: (scope: ZodScope) => void,
): Promise<void> {
  await api.register(async (scope) => {
    scope.removeContentTypeParser([XLSX, 'application/octet-stream']);
    scope.addContentTypeParser([XLSX, 'application/octet-stream'], (_req, payload, done) =>
      done(null, payload),
    );
    register(zodScope(scope));
  });
}

/** A GET of an organisation's workbook (a template or an export), sent as an .xlsx attachment. */
export function orgWorkbookRoute(
  r: ZodScope,
  url: string,
  route: {
    access: Permission;
    tag: string;
    summary: string;
    description: string;
    filename: string;
  },
  workbook: (req: FastifyRequest) => Promise<Buffer>,
): void {
  r.get(
    url,
    {
      config: { access: route.access },
      schema: {
        tags: [route.tag],
        summary: route.summary,
        params: orgParams,
        response: { 200: fileResponse(route.description, [XLSX]) },
      },
    },
    async (req, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${route.filename}"`)
        .send(await workbook(req)),
  );
}

export async function importRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  orgWorkbookRoute(
    r,
    '/orgs/:orgId/imports/members/template',
    {
      access: 'members.import',
      tag: 'members',
      summary: 'Excel template for members and opening balances',
      description: 'The template',
      filename: 'template-impor-anggota.xlsx',
    },
    () => importTemplate(),
  );

  await withStreamedXlsx(api, (scope) =>
    scope.post(
      '/orgs/:orgId/imports/members',
      {
        config: { access: 'members.import' },
        schema: {
          tags: ['members'],
          summary:
            'Import members and opening balances from the template (.xlsx as the raw body): every row is checked, then all or nothing; 422 lists every problem by row and column',
          params: orgParams,
          querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
          response: { 200: importResultSchema },
        },
      },
      async (req) => {
        if (!(req.body instanceof Readable))
          throw new AppError('IMPORT_FILE_INVALID', {
            reason: 'kirim berkas .xlsx sebagai isi permintaan',
          });
        return importMembers(deps, orgCtx(req), {
          rows: readImportWorkbook(req.body),
          lang: req.lang,
          dryRun: req.query.dryRun === 'true',
        });
      },
    ),
  );

  orgWorkbookRoute(
    r,
    '/orgs/:orgId/exports/members',
    {
      access: 'members.import',
      tag: 'members',
      summary: 'Members and balances (with wajib arrears) as Excel',
      description: 'The workbook',
      filename: 'anggota-dan-saldo.xlsx',
    },
    (req) => exportMembers(deps, orgCtx(req)),
  );
}
