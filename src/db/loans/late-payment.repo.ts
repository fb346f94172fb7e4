import { sql } from 'kysely';
import type { Queryable } from '../database.js';

/**
 * Late payment of a KSPPS financing (migration 0025): the inability marks and the ta'widh items
 * with their payments. Both tables are history (the database refuses edits); what an item still
 * owes is its amount less its payments.
 */

export interface InabilityEventRow {
  id: bigint;
  event: 'marked' | 'lifted';
  effective_on: string;
  reason: string;
  recorded_by: string;
  recorded_by_name: string | null;
  recorded_at: Date;
}

export async function inabilityEvents(
  db: Queryable,
  coop: string,
  loanId: bigint,
): Promise<InabilityEventRow[]> {
  const r = await sql<InabilityEventRow>`
    select e.id, e.event, e.effective_on::text as effective_on, e.reason, e.recorded_by, u.username as recorded_by_name, e.recorded_at
    from loan_inability_events e left join users u on u.id = e.recorded_by
    where e.cooperative_id = ${coop} and e.loan_id = ${loanId} order by e.id`.execute(db);
  return r.rows;
}

export async function insertInabilityEvent(
  db: Queryable,
  coop: string,
  e: {
    loanId: bigint;
    event: 'marked' | 'lifted';
    effectiveOn: string;
    reason: string;
    userId: string;
  },
): Promise<bigint> {
  const r = await sql<{ id: bigint }>`
    insert into loan_inability_events (cooperative_id, loan_id, event, effective_on, reason, recorded_by)
    values (${coop}, ${e.loanId}, ${e.event}, ${e.effectiveOn}::date, ${e.reason}, ${e.userId})
    returning id`.execute(db);
  const id = r.rows[0]?.id;
  if (id === undefined) throw new Error('inability insert returned nothing');
  return id;
}

export interface TawidhItemRow {
  id: bigint;
  loan_id: bigint;
  incurred_on: string;
  description: string;
  amount_rupiah: bigint;
  evidence_ref: string;
  paid_from: 'cash' | 'bank';
  approval_id: bigint | null;
  approval_status: 'pending' | 'approved' | 'rejected' | null;
  cost_entry_id: bigint | null;
  charge_entry_id: bigint | null;
  charged_at: Date | null;
  paid_rupiah: bigint;
  recorded_by: string;
  recorded_by_name: string | null;
  recorded_at: Date;
}

const ITEM_COLUMNS = sql`t.id, t.loan_id, t.incurred_on::text as incurred_on, t.description, t.amount_rupiah, t.evidence_ref, t.paid_from,
  t.approval_id, a.status as approval_status, t.cost_entry_id, t.charge_entry_id, t.charged_at,
  coalesce((select sum(p.amount_rupiah) from loan_tawidh_payments p where p.cooperative_id = t.cooperative_id and p.item_id = t.id), 0)::bigint as paid_rupiah,
  t.recorded_by, u.username as recorded_by_name, t.recorded_at`;
const ITEM_FROM = sql`loan_tawidh_items t
  left join approvals a on a.organization_id = t.cooperative_id and a.id = t.approval_id
  left join users u on u.id = t.recorded_by`;

export async function tawidhItems(
  db: Queryable,
  coop: string,
  loanId: bigint,
): Promise<TawidhItemRow[]> {
  const r = await sql<TawidhItemRow>`
    select ${ITEM_COLUMNS} from ${ITEM_FROM}
    where t.cooperative_id = ${coop} and t.loan_id = ${loanId} order by t.id`.execute(db);
  return r.rows;
}

/** One item, locked for the rest of the transaction when `lock` (the approval charging it). */
export async function findTawidhItem(
  db: Queryable,
  coop: string,
  itemId: bigint,
  lock: boolean,
): Promise<TawidhItemRow | undefined> {
  if (lock)
    await sql`select 1 from loan_tawidh_items where cooperative_id = ${coop} and id = ${itemId} for update`.execute(
      db,
    );
  const r = await sql<TawidhItemRow>`
    select ${ITEM_COLUMNS} from ${ITEM_FROM} where t.cooperative_id = ${coop} and t.id = ${itemId}`.execute(
    db,
  );
  return r.rows[0];
}

export async function insertTawidhItem(
  db: Queryable,
  coop: string,
  i: {
    loanId: bigint;
    incurredOn: string;
    description: string;
    amountRupiah: bigint;
    evidenceRef: string;
    paidFrom: 'cash' | 'bank';
    userId: string;
  },
): Promise<bigint> {
  const r = await sql<{ id: bigint }>`
    insert into loan_tawidh_items (cooperative_id, loan_id, incurred_on, description, amount_rupiah, evidence_ref, paid_from, recorded_by)
    values (${coop}, ${i.loanId}, ${i.incurredOn}::date, ${i.description}, ${i.amountRupiah}, ${i.evidenceRef}, ${i.paidFrom}, ${i.userId})
    returning id`.execute(db);
  const id = r.rows[0]?.id;
  if (id === undefined) throw new Error('ta’widh insert returned nothing');
  return id;
}

export async function linkTawidhApproval(
  db: Queryable,
  coop: string,
  itemId: bigint,
  approvalId: bigint,
): Promise<void> {
  await sql`update loan_tawidh_items set approval_id = ${approvalId}
    where cooperative_id = ${coop} and id = ${itemId} and approval_id is null`.execute(db);
}

export async function markTawidhCharged(
  db: Queryable,
  coop: string,
  itemId: bigint,
  c: { costEntryId: bigint; chargeEntryId: bigint; at: Date },
): Promise<void> {
  await sql`update loan_tawidh_items set cost_entry_id = ${c.costEntryId}, charge_entry_id = ${c.chargeEntryId}, charged_at = ${c.at}
    where cooperative_id = ${coop} and id = ${itemId} and charge_entry_id is null`.execute(db);
}

/** The charged items of a loan with something still owed, oldest first. */
export async function tawidhOwed(
  db: Queryable,
  coop: string,
  loanId: bigint,
): Promise<{ item_id: bigint; owed_rupiah: bigint }[]> {
  const r = await sql<{ item_id: bigint; owed_rupiah: bigint }>`
    select t.id as item_id, (t.amount_rupiah - coalesce(sum(p.amount_rupiah), 0))::bigint as owed_rupiah
    from loan_tawidh_items t
    left join loan_tawidh_payments p on p.cooperative_id = t.cooperative_id and p.item_id = t.id
    where t.cooperative_id = ${coop} and t.loan_id = ${loanId} and t.charge_entry_id is not null
    group by t.id, t.amount_rupiah
    having t.amount_rupiah - coalesce(sum(p.amount_rupiah), 0) > 0
    order by t.id`.execute(db);
  return r.rows;
}

export async function insertTawidhPayments(
  db: Queryable,
  coop: string,
  rows: readonly { itemId: bigint; amountRupiah: bigint }[],
  p: { loanId: bigint; paidOn: string; repaymentId: bigint; entryId: bigint },
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into loan_tawidh_payments (cooperative_id, item_id, loan_id, paid_on, amount_rupiah, repayment_id, entry_id)
    values ${sql.join(
      rows.map(
        (x) =>
          sql`(${coop}::uuid, ${x.itemId}::bigint, ${p.loanId}::bigint, ${p.paidOn}::date, ${x.amountRupiah}::bigint, ${p.repaymentId}::bigint, ${p.entryId}::bigint)`,
      ),
    )}`.execute(db);
}
