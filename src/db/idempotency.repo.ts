import { sql } from 'kysely';
import type { Queryable } from './database.js';
import { sqlLiteral, sqlText, sqlUuid } from './literals.js';
import type { JsonValue } from './schema.js';

/**
 * Claims a key for this transaction. A concurrent request with the same key blocks on the unique
 * index until the first commits, then finds the key taken: so only one ever runs. Plain SQL text
 * (checked literals): it is a money-moving request's first statement and travels with BEGIN.
 */
export async function claimIdempotencyKey(
  db: Queryable,
  k: { organizationId: string; key: string; userId: string | null; requestHash: string },
): Promise<boolean> {
  const r = await sql
    .raw<{ key: string }>(
      `insert into idempotency_keys (organization_id, key, user_id, request_hash)
       values (${sqlUuid(k.organizationId)}, ${sqlText(k.key)}, ${sqlUuid(k.userId)}, ${sqlText(k.requestHash)})
       on conflict (organization_id, key) do nothing
       returning key`,
    )
    .execute(db);
  return r.rows.length === 1;
}

export async function findIdempotencyKey(db: Queryable, organizationId: string, key: string) {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'response_status', 'response_body'])
    .where('organization_id', '=', organizationId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/**
 * Stores the first response under its key, as a statement with inlined values to run alongside
 * the audit events just before COMMIT (see auditEventsStatement).
 */
export function storeIdempotentResponseStatement(
  organizationId: string,
  key: string,
  status: number,
  body: JsonValue,
): string {
  if (!Number.isInteger(status)) throw new Error(`response status is not an integer: ${status}`);
  return `update idempotency_keys set response_status = ${status}, response_body = ${sqlLiteral(JSON.stringify(body))}::jsonb
    where organization_id = ${sqlUuid(organizationId)} and key = ${sqlLiteral(key)}`;
}
