import { sqlLiteral, type Queryable } from './database.js';
import type { JsonValue } from './schema.js';

/**
 * Claims a key for this transaction. A concurrent request with the same key blocks on the unique
 * index until the first commits, then finds the key taken: so only one ever runs.
 */
export async function claimIdempotencyKey(
  db: Queryable,
  k: { organizationId: string; key: string; userId: string | null; requestHash: string },
): Promise<boolean> {
  const r = await db
    .insertInto('idempotency_keys')
    .values({
      organization_id: k.organizationId,
      key: k.key,
      user_id: k.userId,
      request_hash: k.requestHash,
    })
    .onConflict((oc) => oc.columns(['organization_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return r !== undefined;
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
    where organization_id = ${sqlLiteral(organizationId)}::uuid and key = ${sqlLiteral(key)}`;
}
