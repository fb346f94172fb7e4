import { AppError } from '../domain/errors.js';
import type { Logger } from 'pino';
import type { Database, Tx } from '../db/database.js';
import { inSystemTransaction, inTenantCall, inTenantTransaction } from '../db/database.js';
import type { CounterCall } from '../db/grouped-calls.js';
import { refusalOf } from '../db/errors.js';
import { auditEventsStatement, insertAuditEvents, type AuditEventInput } from '../db/audit.repo.js';
import type { JsonValue } from '../db/schema.js';
import type { Role } from '../domain/auth/permissions.js';
import type { AuditSealer } from './audit.js';
import type { SessionCache } from './session-cache.js';
import type { SessionRow } from '../db/users.repo.js';

/** What every service needs from the outside world; "now" comes from here, never from Date. */
export interface Deps {
  database: Database;
  clock: () => Date;
  sealer: AuditSealer;
  logger: Logger;
  /** the sessions this process keeps for a few seconds (the server's; none elsewhere) */
  sessions?: SessionCache<SessionRow>;
}

export interface Actor {
  userId: string | null;
  /** username, or 'system' / 'cli' for work nobody clicked */
  label: string;
}

/** Who is acting, for which organisation, and where the request came from. */
export interface OrgContext {
  organizationId: string;
  actor: Actor;
  roles: readonly Role[];
  requestId: string | null;
  ip: string | null;
}

export const PLATFORM_ORG_ID = '00000000-0000-0000-0000-000000000000';

export interface AuditChange {
  action: string;
  entityType: string;
  entityId?: string | bigint | null;
  before?: JsonValue;
  after?: JsonValue;
}

/** A tenant transaction that knows who acts, so audit events land in the same transaction. */
export interface OrgTx {
  tx: Tx;
  ctx: OrgContext;
  audit: (change: AuditChange) => Promise<void>;
}

/**
 * The transaction's audit events wait here and are written together just before COMMIT (same
 * transaction, so they still commit or roll back with the change): one round trip, not one each.
 * `touched` collects the organisations whose chains then need sealing.
 */
export function auditBuffer(ctx: OrgContext, touched: Set<string>) {
  const pending: AuditEventInput[] = [];
  const audit = (change: AuditChange): Promise<void> => {
    touched.add(ctx.organizationId);
    pending.push({
      organizationId: ctx.organizationId,
      actorUserId: ctx.actor.userId,
      actorLabel: ctx.actor.label,
      action: change.action,
      entityType: change.entityType,
      entityId:
        change.entityId === undefined || change.entityId === null ? null : String(change.entityId),
      before: change.before,
      after: change.after,
      requestId: ctx.requestId,
      ip: ctx.ip,
    });
    return Promise.resolve();
  };
  return { audit, pending };
}

/**
 * What a tenant transaction writes last, with the COMMIT: the buffered audit events, with one more
 * statement alongside if the caller has one (the idempotency record of a money-moving request).
 */
export type LastStatement<T> = (
  result: T,
  pendingAudit: readonly AuditEventInput[],
) => string | undefined;

/**
 * Runs `fn` in one tenant transaction (row-level security on) and seals the audit events it wrote
 * after commit. Everything `fn` writes, including its audit events, commits or rolls back together.
 */
export async function inOrg<T>(
  deps: Deps,
  ctx: OrgContext,
  fn: (o: OrgTx) => Promise<T>,
  lastStatement?: LastStatement<T>,
): Promise<T> {
  const touched = new Set<string>();
  const { audit, pending } = auditBuffer(ctx, touched);
  const result = await inTenantTransaction(
    deps.database.db,
    ctx.organizationId,
    (tx) => fn({ tx, ctx, audit }),
    (r) => (lastStatement ? lastStatement(r, pending) : auditEventsStatement(pending)),
  );
  for (const org of touched) deps.sealer.markDirty(org);
  return result;
}

/**
 * A request's whole work as one call into the database (a function such as teller_deposit, which
 * writes its own audit events): a tenant transaction of its own, or of a group with the calls
 * that arrive with it (inTenantCall, src/db/grouped-calls.ts): the function-call expression and
 * the cash session and account it locks. A refusal the function raises becomes its AppError;
 * `refusal` may translate other errors.
 */
export async function inOrgCall<R>(
  deps: Deps,
  ctx: OrgContext,
  call: CounterCall,
  refusal: (err: unknown) => unknown = (err) => err,
): Promise<R> {
  let outcome: R;
  try {
    outcome = await inTenantCall<R>(deps.database.db, ctx.organizationId, call);
  } catch (err) {
    throw refusalOf(err) ?? refusal(err);
  }
  deps.sealer.markDirty(ctx.organizationId);
  return outcome;
}

/** A transaction with owner rights (cross-organisation work), auditing into `ctx`'s organisation. */
export async function inSystem<T>(
  deps: Deps,
  ctx: OrgContext,
  fn: (o: OrgTx) => Promise<T>,
): Promise<T> {
  const touched = new Set<string>();
  const result = await inSystemTransaction(deps.database.db, async (tx) => {
    const { audit, pending } = auditBuffer(ctx, touched);
    const r = await fn({ tx, ctx, audit });
    await insertAuditEvents(tx, pending);
    return r;
  });
  for (const org of touched) deps.sealer.markDirty(org);
  return result;
}

export function systemContext(organizationId: string, label = 'system'): OrgContext {
  return { organizationId, actor: { userId: null, label }, roles: [], requestId: null, ip: null };
}

/** The user acting, for work only a person may do (refused for the system and the CLI). */
export function actingUserId(ctx: OrgContext): string {
  if (!ctx.actor.userId) throw new AppError('FORBIDDEN');
  return ctx.actor.userId;
}
