import { sql } from 'kysely';
import type { Queryable } from '../database.js';

/** The loans' reports, the collection list, the contract's data and the reminders' outbox. */

export async function organizationName(db: Queryable, coop: string): Promise<string> {
  const r = await sql<{ name: string }>`select name from organizations where id = ${coop}`.execute(
    db,
  );
  return r.rows[0]?.name ?? '';
}

/** Outstanding principal of the active loans, all and of the problem classes (KL, D, M). */
export async function outstandingTotals(
  db: Queryable,
  coop: string,
): Promise<{ total: bigint; problem: bigint }> {
  const r = await sql<{ total: bigint; problem: bigint }>`
    select coalesce(sum(outstanding_principal_rupiah), 0)::bigint as total,
           coalesce(sum(outstanding_principal_rupiah) filter (where collectibility <> 'L'), 0)::bigint as problem
    from loans where cooperative_id = ${coop} and status = 'active'`.execute(db);
  return { total: r.rows[0]?.total ?? 0n, problem: r.rows[0]?.problem ?? 0n };
}

export async function portfolioByProduct(db: Queryable, coop: string) {
  const r = await sql<{
    code: string;
    name: string;
    n: bigint;
    principal: bigint;
    outstanding: bigint;
  }>`
    select p.code, p.name, count(l.id) as n, coalesce(sum(l.principal_rupiah), 0)::bigint as principal,
           coalesce(sum(l.outstanding_principal_rupiah), 0)::bigint as outstanding
    from loan_products p left join loans l on l.cooperative_id = p.cooperative_id and l.product_id = p.id and l.status = 'active'
    where p.cooperative_id = ${coop} group by p.code, p.name order by p.code`.execute(db);
  return r.rows;
}

export async function agingBuckets(db: Queryable, coop: string) {
  const r = await sql<{ bucket: string; n: bigint; outstanding: bigint }>`
    select case when days_past_due = 0 then '0' when days_past_due <= 30 then '1-30' when days_past_due <= 60 then '31-60'
                when days_past_due <= 90 then '61-90' when days_past_due <= 180 then '91-180' when days_past_due <= 270 then '181-270'
                else '>270' end as bucket,
           count(*) as n, sum(outstanding_principal_rupiah)::bigint as outstanding
    from loans where cooperative_id = ${coop} and status = 'active' group by 1 order by min(days_past_due)`.execute(
    db,
  );
  return r.rows;
}

export async function byCollectibility(db: Queryable, coop: string) {
  const r = await sql<{ cls: string; n: bigint; outstanding: bigint }>`
    select collectibility as cls, count(*) as n, sum(outstanding_principal_rupiah)::bigint as outstanding
    from loans where cooperative_id = ${coop} and status = 'active' group by 1
    order by array_position(array['L','KL','D','M'], collectibility)`.execute(db);
  return r.rows;
}

export async function disbursementsBetween(db: Queryable, coop: string, from: string, to: string) {
  const r = await sql<{
    loan_number: string;
    full_name: string;
    disbursed_on: string;
    gross: bigint;
    fees: bigint;
    net: bigint;
  }>`
    select l.loan_number, m.full_name, d.disbursed_on::text as disbursed_on, d.gross_rupiah as gross, d.fees_rupiah as fees, d.net_rupiah as net
    from loan_disbursements d join loans l on l.cooperative_id = d.cooperative_id and l.id = d.loan_id
    join members m on m.cooperative_id = l.cooperative_id and m.id = l.member_id
    where d.cooperative_id = ${coop} and d.disbursed_on between ${from}::date and ${to}::date order by d.disbursed_on, l.loan_number limit 5000`.execute(
    db,
  );
  return r.rows;
}

export async function repaymentsBetween(db: Queryable, coop: string, from: string, to: string) {
  const r = await sql<{
    paid_on: string;
    loan_number: string;
    kind: string;
    amount: bigint;
    penalty: bigint;
    interest: bigint;
    principal: bigint;
  }>`
    select r.paid_on::text as paid_on, l.loan_number, r.kind, r.amount_rupiah as amount, r.penalty_rupiah as penalty,
           r.interest_rupiah as interest, r.principal_rupiah as principal
    from loan_repayments r join loans l on l.cooperative_id = r.cooperative_id and l.id = r.loan_id
    where r.cooperative_id = ${coop} and r.paid_on between ${from}::date and ${to}::date order by r.paid_on, r.id limit 5000`.execute(
    db,
  );
  return r.rows;
}

/** Overdue active loans with their member and officer, by officer, worst first. */
export async function overdueLoans(db: Queryable, coop: string, limit: number) {
  const r = await sql<{
    officer: string | null;
    loan_id: bigint;
    loan_number: string;
    member: string;
    phone: string | null;
    dpd: number;
    cls: string;
    outstanding: bigint;
    penalty: bigint;
  }>`
    select u.full_name as officer, l.id as loan_id, l.loan_number, m.full_name as member, m.phone, l.days_past_due as dpd, l.collectibility as cls,
           l.outstanding_principal_rupiah as outstanding, l.penalty_due_rupiah as penalty
    from loans l join members m on m.cooperative_id = l.cooperative_id and m.id = l.member_id
    left join users u on u.id = l.officer_user_id
    where l.cooperative_id = ${coop} and l.status = 'active' and l.days_past_due > 0
    order by u.full_name nulls last, l.days_past_due desc limit ${limit}`.execute(db);
  return r.rows;
}

/** The application and its member, for the contract document. */
export async function contractParty(db: Queryable, coop: string, applicationId: bigint) {
  const r = await sql<{
    status: string;
    amount_rupiah: bigint;
    tenor: number;
    product_id: bigint;
    purpose: string;
    full_name: string;
    nik: string;
    address: string | null;
    member_number: string | null;
  }>`
    select a.status, a.amount_rupiah, a.tenor, a.product_id, a.purpose, m.full_name, m.nik, m.address, m.member_number
    from loan_applications a join members m on m.cooperative_id = a.cooperative_id and m.id = a.member_id
    where a.cooperative_id = ${coop} and a.id = ${applicationId}`.execute(db);
  return r.rows[0];
}

/** Queued messages, oldest first, locked (others running at once skip them). */
export async function lockQueuedMessages(db: Queryable, coop: string, limit: number) {
  const r = await sql<{ id: bigint; recipient: string | null; body: string; template: string }>`
    select id, recipient, body, template from message_outbox where cooperative_id = ${coop} and status = 'queued'
    order by id limit ${limit} for update skip locked`.execute(db);
  return r.rows;
}

export async function markMessageSent(db: Queryable, coop: string, id: bigint): Promise<void> {
  await sql`update message_outbox set status = 'sent', sent_at = now(), attempts = attempts + 1 where cooperative_id = ${coop} and id = ${id}`.execute(
    db,
  );
}

/** A failed attempt; the fifth fails the message for good. */
export async function markMessageFailed(
  db: Queryable,
  coop: string,
  id: bigint,
  error: string,
): Promise<void> {
  await sql`update message_outbox set attempts = attempts + 1, last_error = ${error},
              status = case when attempts + 1 >= 5 then 'failed' else 'queued' end
            where cooperative_id = ${coop} and id = ${id}`.execute(db);
}
