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

/** A file the route sends as it is (PDF, Excel, an image): a 200 of these content types. */
export function fileResponse(description: string, contentTypes: readonly string[]) {
  const binary = z.string().meta({ format: 'binary' });
  return {
    description,
    content: Object.fromEntries(contentTypes.map((t) => [t, { schema: binary }])),
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
