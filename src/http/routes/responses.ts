import { z } from 'zod';
import type { Permission } from '../../domain/auth/permissions.js';
import { orgParams } from './schemas.js';

/**
 * Pieces of response schemas that many routes share. Every route declares a response schema for
 * each success status it sends (test/integration/foundation/openapi.test.ts checks), and the web
 * app's types are generated from them (web/src/api/schema.d.ts, `npm run gen:api`).
 */

/** Whole rupiah as a decimal string (money is bigint on the server, never a JSON number). */
export const rupiahOut = z.string().regex(/^-?[0-9]+$/);

/** `{ items: [...] }`, the shape of every list. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/**
 * A 204: no body (`reply.status(204).send()`). JSON Schema has no `undefined`; app.ts's transform
 * shows it in the OpenAPI document as a response without content.
 */
export const noContent = z.undefined().describe('No content');

/** A request that now waits for a second person's approval (maker-checker). */
export const approvalRequested = z.object({ approvalId: z.string() });

/**
 * The bytes of a file, sent as they are (Fastify never serializes a Buffer). JSON Schema cannot
 * say "Buffer"; app.ts's transform renders unrepresentable types as {} and this metadata makes
 * it `{ type: string, format: binary }`.
 */
export const fileSchema = z
  .custom<Buffer>((v) => Buffer.isBuffer(v))
  .meta({ type: 'string', format: 'binary' });

/** A file the route sends as it is (PDF, Excel, an image): a 200 of these content types. */
export function fileResponse(description: string, contentTypes: readonly string[]) {
  return {
    description,
    content: Object.fromEntries(contentTypes.map((t) => [t, { schema: fileSchema }])),
  };
}

export const PDF = 'application/pdf';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Options of a GET that lists one kind of thing in an organisation: `{ items: [...] }` under
 * the given permission.
 */
export function orgListOptions<T extends z.ZodType>(
  access: Permission,
  tag: string,
  summary: string,
  item: T,
) {
  return {
    config: { access },
    schema: { tags: [tag], summary, params: orgParams, response: { 200: itemsOf(item) } },
  };
}

/** orgListOptions for a list the client filters or pages with a query string. */
export function orgQueryListOptions<Q extends z.ZodType, T extends z.ZodType>(
  access: Permission,
  tag: string,
  summary: string,
  querystring: Q,
  item: T,
) {
  return {
    config: { access },
    schema: {
      tags: [tag],
      summary,
      params: orgParams,
      querystring,
      response: { 200: itemsOf(item) },
    },
  };
}

/** A report (src/reports/table.ts's ReportDocument) as JSON: rupiah cells carry decimal strings. */
export const reportDocumentSchema = z.object({
  title: z.string(),
  subtitle: z.string().optional(),
  organization: z.string(),
  period: z.string(),
  generatedAt: z.string(),
  sections: z.array(
    z.object({
      title: z.string().optional(),
      columns: z.array(
        z.object({
          header: z.string(),
          kind: z.enum(['text', 'rupiah', 'number', 'date']),
          width: z.number().optional(),
        }),
      ),
      rows: z.array(
        z.object({
          cells: z.array(
            z.union([
              z.string(),
              z.object({ rupiah: rupiahOut }),
              z.object({ number: z.number() }),
              z.object({ date: z.string() }),
              z.null(),
            ]),
          ),
          level: z.number().int().optional(),
          style: z.enum(['normal', 'header', 'total', 'grand-total']).optional(),
        }),
      ),
    }),
  ),
  notes: z.array(z.string()).optional(),
  orientation: z.enum(['portrait', 'landscape']).optional(),
});

/** A report answered as JSON, PDF or Excel by its `format`. */
export function reportResponse(description: string) {
  return {
    description,
    content: {
      'application/json': { schema: reportDocumentSchema },
      [PDF]: { schema: fileSchema },
      [XLSX]: { schema: fileSchema },
    },
  };
}
export type ReportDocumentJson = z.output<typeof reportDocumentSchema>;

/** A posted journal entry (services/ledger.ts's postedView). */
export const postedEntrySchema = z.object({
  entryId: z.string(),
  number: z.string(),
  totalRupiah: rupiahOut,
});

/** Options of a GET of one thing in an organisation: the path's params and a 200 of `item`. */
export function orgGetOptions<P extends z.ZodType, T extends z.ZodType>(
  access: Permission,
  tag: string,
  summary: string,
  params: P,
  item: T,
) {
  return { config: { access }, schema: { tags: [tag], summary, params, response: { 200: item } } };
}

/** Options of a POST that creates something in an organisation: a body and a 201 of `created`. */
export function orgCreateOptions<P extends z.ZodType, B extends z.ZodType, T extends z.ZodType>(
  access: Permission,
  tag: string,
  summary: string,
  params: P,
  body: B,
  created: T,
) {
  return {
    config: { access },
    schema: { tags: [tag], summary, params, body, response: { 201: created } },
  };
}
