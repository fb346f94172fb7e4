import type { Queryable } from './database.js';
import type { JsonValue } from './schema.js';

const json = (v: JsonValue) => JSON.stringify(v);

export async function insertApproval(
  db: Queryable,
  a: {
    organizationId: string;
    action: string;
    payload: JsonValue;
    summary: string;
    requestedBy: string;
  },
) {
  return db
    .insertInto('approvals')
    .values({
      organization_id: a.organizationId,
      action: a.action,
      payload: json(a.payload),
      summary: a.summary,
      requested_by: a.requestedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findApproval(
  db: Queryable,
  organizationId: string,
  id: bigint,
  forUpdate = false,
) {
  let q = db
    .selectFrom('approvals')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function decideApproval(
  db: Queryable,
  organizationId: string,
  id: bigint,
  d: {
    status: 'approved' | 'rejected';
    decidedBy: string;
    decidedAt: Date;
    note: string | null;
    result: JsonValue | null;
  },
) {
  return db
    .updateTable('approvals')
    .set({
      status: d.status,
      decided_by: d.decidedBy,
      decided_at: d.decidedAt,
      decision_note: d.note,
      result: d.result === null ? null : json(d.result),
    })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listApprovals(
  db: Queryable,
  organizationId: string,
  status: 'pending' | 'approved' | 'rejected' | undefined,
  limit: number,
) {
  let q = db
    .selectFrom('approvals')
    .innerJoin('users', 'users.id', 'approvals.requested_by')
    .select([
      'approvals.id',
      'approvals.action',
      'approvals.summary',
      'approvals.status',
      'approvals.requested_at',
      'approvals.decided_at',
      'approvals.decision_note',
      'users.username as requested_by_username',
    ])
    .where('approvals.organization_id', '=', organizationId)
    .orderBy('approvals.id', 'desc')
    .limit(limit);
  if (status) q = q.where('approvals.status', '=', status);
  return q.execute();
}
