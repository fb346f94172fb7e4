import type { ZodType } from 'zod';
import * as repo from '../db/approvals.repo.js';
import type { JsonValue } from '../db/schema.js';
import { can, type Permission } from '../domain/auth/permissions.js';
import { AppError } from '../domain/errors.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from './context.js';

/**
 * Maker-checker. An area declares an action that needs a second pair of eyes; the request is
 * stored pending (the requester needs the action's own permission), and the action runs — in the
 * approving transaction — only when a different user holding `approvals.decide` approves it.
 */
export interface ApprovableAction<P> {
  name: string;
  permission: Permission;
  payload: ZodType<P>;
  summarize(payload: P): string;
  /** runs in the approving transaction; `approval` is the request it carries out */
  execute(o: OrgTx, payload: P, deps: Deps, approval: { id: bigint }): Promise<JsonValue>;
}

const registry = new Map<string, ApprovableAction<unknown>>();

export function registerApprovableAction<P>(action: ApprovableAction<P>): void {
  if (registry.has(action.name))
    throw new Error(`approvable action ${action.name} registered twice`);
  registry.set(action.name, action);
}

function actionNamed(name: string): ApprovableAction<unknown> {
  const a = registry.get(name);
  if (!a) throw new AppError('APPROVAL_ACTION_UNKNOWN', { action: name });
  return a;
}

/** Stores a pending request inside the caller's transaction; returns its id. */
export async function requestApproval(
  o: OrgTx,
  actionName: string,
  payload: JsonValue,
): Promise<bigint> {
  const action = actionNamed(actionName);
  if (!can(o.ctx.roles, action.permission)) throw new AppError('FORBIDDEN');
  if (!o.ctx.actor.userId) throw new AppError('FORBIDDEN');
  const parsed = action.payload.parse(payload);
  const row = await repo.insertApproval(o.tx, {
    organizationId: o.ctx.organizationId,
    action: action.name,
    payload,
    summary: action.summarize(parsed).slice(0, 500),
    requestedBy: o.ctx.actor.userId,
  });
  await o.audit({
    action: 'approval.requested',
    entityType: 'approval',
    entityId: row.id,
    after: { action: action.name, payload },
  });
  return row.id;
}

export async function decide(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  decision: { approve: true } | { approve: false; reason: string },
): Promise<{ id: bigint; status: 'approved' | 'rejected'; result: JsonValue | null }> {
  return inOrg(deps, ctx, async (o) => {
    const row = await repo.findApproval(o.tx, ctx.organizationId, id, true);
    if (!row) throw new AppError('APPROVAL_NOT_FOUND');
    if (row.status !== 'pending') throw new AppError('APPROVAL_NOT_PENDING');
    if (!ctx.actor.userId || row.requested_by === ctx.actor.userId)
      throw new AppError('APPROVAL_SELF_DECISION');
    const action = actionNamed(row.action);
    if (!can(ctx.roles, 'approvals.decide')) throw new AppError('FORBIDDEN');
    let result: JsonValue | null = null;
    if (decision.approve) {
      result = await action.execute(o, action.payload.parse(row.payload), deps, { id });
    }
    const status = decision.approve ? 'approved' : 'rejected';
    await repo.decideApproval(o.tx, ctx.organizationId, id, {
      status,
      decidedBy: ctx.actor.userId,
      decidedAt: deps.clock(),
      note: decision.approve ? null : decision.reason,
      result,
    });
    await o.audit({
      action: `approval.${status}`,
      entityType: 'approval',
      entityId: id,
      before: { status: 'pending' },
      after: { status, result },
    });
    return { id, status, result };
  });
}

export async function listApprovals(
  deps: Deps,
  ctx: OrgContext,
  status: 'pending' | 'approved' | 'rejected' | undefined,
  limit: number,
) {
  return inOrg(deps, ctx, ({ tx }) => repo.listApprovals(tx, ctx.organizationId, status, limit));
}

export async function getApproval(deps: Deps, ctx: OrgContext, id: bigint) {
  const row = await inOrg(deps, ctx, ({ tx }) => repo.findApproval(tx, ctx.organizationId, id));
  if (!row) throw new AppError('APPROVAL_NOT_FOUND');
  return row;
}
