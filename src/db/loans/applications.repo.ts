import { sql } from 'kysely';
import type { Queryable } from '../database.js';
import type { JsonValue } from '../schema.js';

export interface ApplicationRow {
  id: bigint;
  member_id: bigint;
  product_id: bigint;
  amount_rupiah: bigint;
  tenor: number;
  purpose: string;
  collateral: JsonValue;
  collateral_value_rupiah: bigint;
  guarantor: JsonValue;
  monthly_income_rupiah: bigint;
  monthly_expenses_rupiah: bigint;
  analysis_notes: string | null;
  recommendation: 'approve' | 'reject' | null;
  top_up_of: bigint | null;
  auto_debit: boolean;
  status: string;
  officer_user_id: string | null;
  approval_id: bigint | null;
  /** the status of the committee's approval request, when there is one */
  approval_status: string | null;
  created_at: Date;
}

const WITH_APPROVAL = sql`select a.*, p.status as approval_status from loan_applications a
  left join approvals p on p.organization_id = a.cooperative_id and p.id = a.approval_id`;

/** The application, locked for the rest of the transaction when `lock`. */
export async function findApplication(
  db: Queryable,
  coop: string,
  id: bigint,
  lock: boolean,
): Promise<ApplicationRow | undefined> {
  const r = await sql<ApplicationRow>`${WITH_APPROVAL}
    where a.cooperative_id = ${coop} and a.id = ${id} ${lock ? sql`for update of a` : sql``}`.execute(
    db,
  );
  return r.rows[0];
}

export async function listApplications(
  db: Queryable,
  coop: string,
  status: string | undefined,
  limit: number,
): Promise<ApplicationRow[]> {
  const r = await sql<ApplicationRow>`${WITH_APPROVAL}
    where a.cooperative_id = ${coop} ${status ? sql`and a.status = ${status}` : sql``}
    order by a.id desc limit ${limit}`.execute(db);
  return r.rows;
}

export interface NewApplication {
  memberId: bigint;
  productId: bigint;
  amountRupiah: bigint;
  tenor: number;
  purpose: string;
  /** the collateral list, stored as JSON (amounts as strings) */
  collateral: unknown;
  collateralValueRupiah: bigint;
  /** stored as JSON */
  guarantor: unknown;
  monthlyIncomeRupiah: bigint;
  monthlyExpensesRupiah: bigint;
  topUpOf: bigint | null;
  autoDebit: boolean;
  userId: string | null;
}

export async function insertApplication(
  db: Queryable,
  coop: string,
  a: NewApplication,
): Promise<bigint> {
  const r = await sql<{ id: bigint }>`
    insert into loan_applications (cooperative_id, member_id, product_id, amount_rupiah, tenor, purpose, collateral, collateral_value_rupiah,
      guarantor, monthly_income_rupiah, monthly_expenses_rupiah, top_up_of, auto_debit, officer_user_id, created_by)
    values (${coop}, ${a.memberId}, ${a.productId}, ${a.amountRupiah}, ${a.tenor}, ${a.purpose},
      ${JSON.stringify(a.collateral)}::jsonb, ${a.collateralValueRupiah}, ${a.guarantor ? JSON.stringify(a.guarantor) : null}::jsonb,
      ${a.monthlyIncomeRupiah}, ${a.monthlyExpensesRupiah}, ${a.topUpOf}, ${a.autoDebit}, ${a.userId}, ${a.userId})
    returning id`.execute(db);
  const id = r.rows[0]?.id;
  if (id === undefined) throw new Error('application insert returned nothing');
  return id;
}

export async function recordAnalysis(
  db: Queryable,
  coop: string,
  id: bigint,
  notes: string,
  recommendation: 'approve' | 'reject',
): Promise<void> {
  await sql`update loan_applications set analysis_notes = ${notes}, recommendation = ${recommendation}, status = 'analysed'
            where cooperative_id = ${coop} and id = ${id}`.execute(db);
}

export async function markApproved(db: Queryable, coop: string, id: bigint): Promise<void> {
  await sql`update loan_applications set status = 'approved', decided_at = now()
            where cooperative_id = ${coop} and id = ${id}`.execute(db);
}

export async function markPendingApproval(
  db: Queryable,
  coop: string,
  id: bigint,
  approvalId: bigint,
): Promise<void> {
  await sql`update loan_applications set status = 'pending_approval', approval_id = ${approvalId}
            where cooperative_id = ${coop} and id = ${id}`.execute(db);
}

export async function markDisbursed(db: Queryable, coop: string, id: bigint): Promise<void> {
  await sql`update loan_applications set status = 'disbursed' where cooperative_id = ${coop} and id = ${id}`.execute(
    db,
  );
}

/** The credit committee's limits per role. */
export async function approvalLimits(db: Queryable, coop: string): Promise<Map<string, bigint>> {
  const r = await sql<{ role: string; max_amount_rupiah: bigint }>`
    select role, max_amount_rupiah from loan_approval_limits where cooperative_id = ${coop}`.execute(
    db,
  );
  return new Map(r.rows.map((x) => [x.role, x.max_amount_rupiah]));
}

/** Sets a role's limit; null removes it (the role then has none). */
export async function setApprovalLimit(
  db: Queryable,
  coop: string,
  role: string,
  maxAmountRupiah: bigint | null,
): Promise<void> {
  if (maxAmountRupiah === null)
    await sql`delete from loan_approval_limits where cooperative_id = ${coop} and role = ${role}`.execute(
      db,
    );
  else
    await sql`insert into loan_approval_limits (cooperative_id, role, max_amount_rupiah) values (${coop}, ${role}, ${maxAmountRupiah})
              on conflict (cooperative_id, role) do update set max_amount_rupiah = excluded.max_amount_rupiah`.execute(
      db,
    );
}

/** What a loan needs to know of its member: whether active, and the branch. */
export async function memberForLoan(
  db: Queryable,
  coop: string,
  memberId: bigint,
): Promise<{ status: string; branch_id: bigint | null } | undefined> {
  const r = await sql<{ status: string; branch_id: bigint | null }>`
    select status, branch_id from members where cooperative_id = ${coop} and id = ${memberId}`.execute(
    db,
  );
  return r.rows[0];
}
