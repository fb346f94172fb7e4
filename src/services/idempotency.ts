import { createHash } from 'node:crypto';
import { auditEventsStatement } from '../db/audit.repo.js';
import {
  claimIdempotencyKey,
  findIdempotencyKey,
  storeIdempotentResponseStatement,
} from '../db/idempotency.repo.js';
import type { JsonValue } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from './context.js';

export interface Idempotency {
  key: string;
  /** Hash of what was asked (method, path, body): the same key with another request is refused. */
  requestHash: string;
}

export interface Outcome<T extends JsonValue> {
  status: number;
  body: T;
  replayed: boolean;
}

export function requestHash(method: string, path: string, body: unknown): string {
  const text = JSON.stringify(body ?? null, (_k, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : v,
  );
  return createHash('sha256').update(`${method} ${path}\n${text}`).digest('hex');
}

/**
 * Runs `fn` in a tenant transaction at most once per idempotency key: the key, the effect and the
 * stored response commit together, and a replay returns the first response and changes nothing.
 */
export async function inOrgOnce<T extends JsonValue>(
  deps: Deps,
  ctx: OrgContext,
  idem: Idempotency | undefined,
  fn: (o: OrgTx) => Promise<{ status: number; body: T }>,
): Promise<Outcome<T>> {
  if (!idem) return inOrg(deps, ctx, async (o) => ({ ...(await fn(o)), replayed: false }));
  return inOrg(
    deps,
    ctx,
    async (o): Promise<Outcome<T>> => {
      const claimed = await claimIdempotencyKey(o.tx, {
        organizationId: ctx.organizationId,
        key: idem.key,
        userId: ctx.actor.userId,
        requestHash: idem.requestHash,
      });
      if (!claimed) {
        const prior = await findIdempotencyKey(o.tx, ctx.organizationId, idem.key);
        if (!prior || prior.request_hash !== idem.requestHash || prior.response_status === null) {
          throw new AppError('IDEMPOTENCY_KEY_REUSED');
        }
        return { status: prior.response_status, body: prior.response_body as T, replayed: true };
      }
      return { ...(await fn(o)), replayed: false };
    },
    // the stored response and the audit events travel in one statement with the COMMIT
    (outcome, pendingAudit) =>
      auditEventsStatement(
        pendingAudit,
        outcome.replayed
          ? undefined
          : storeIdempotentResponseStatement(
              ctx.organizationId,
              idem.key,
              outcome.status,
              outcome.body,
            ),
      ),
  );
}

/**
 * For work that runs in several transactions of its own (a batch run, one transaction per item)
 * and is idempotent by itself: a key already answered replays its stored response without
 * running the work again; otherwise the work runs and its response is stored under the key at the
 * end. A retry after a crash (nothing stored yet) runs the work again, which resumes it.
 */
export async function onceAcrossTransactions<T extends JsonValue>(
  deps: Deps,
  ctx: OrgContext,
  idem: Idempotency | undefined,
  work: () => Promise<{ status: number; body: T }>,
): Promise<Outcome<T>> {
  if (!idem) return { ...(await work()), replayed: false };
  const prior = await inOrg(deps, ctx, (o) =>
    findIdempotencyKey(o.tx, ctx.organizationId, idem.key),
  );
  if (prior) {
    if (prior.request_hash !== idem.requestHash || prior.response_status === null)
      throw new AppError('IDEMPOTENCY_KEY_REUSED');
    return { status: prior.response_status, body: prior.response_body as T, replayed: true };
  }
  const done = await work();
  // a concurrent request with the same key may have finished first: then its response stands
  return inOrgOnce(deps, ctx, idem, () => Promise.resolve(done));
}
