import { sql } from 'kysely';
import type { Allocation } from '../../domain/loans/payment-allocation.js';
import type { Queryable } from '../database.js';

/** Money moving on a loan: what a payment writes on the schedule and the loan, and its records. */

/** Adds an allocation's parts to the paid columns of the current schedule's rows (one statement). */
export async function addPaidParts(
  db: Queryable,
  coop: string,
  loanId: bigint,
  version: number,
  alloc: readonly Allocation[],
): Promise<void> {
  if (alloc.length === 0) return;
  await sql`
    update loan_schedules s set paid_penalty_rupiah = s.paid_penalty_rupiah + x.pen, paid_interest_rupiah = s.paid_interest_rupiah + x.int,
           paid_principal_rupiah = s.paid_principal_rupiah + x.pri
    from unnest(${alloc.map((a) => a.instalmentNo)}::int[], ${alloc.map((a) => a.penaltyRupiah.toString())}::bigint[],
                ${alloc.map((a) => a.interestRupiah.toString())}::bigint[], ${alloc.map((a) => a.principalRupiah.toString())}::bigint[])
      as x(no, pen, int, pri)
    where s.cooperative_id = ${coop} and s.loan_id = ${loanId} and s.schedule_version = ${version} and s.instalment_no = x.no`.execute(
    db,
  );
}

/**
 * Marks paid, on `paidOn`, the unpaid instalments of the current schedule that are now fully paid
 * (or all of them with `closeAll`); returns each with whether it was paid by its due date.
 */
export async function markInstalmentsPaid(
  db: Queryable,
  coop: string,
  loanId: bigint,
  version: number,
  paidOn: string,
  closeAll: boolean,
): Promise<{ instalment_no: number; on_time: boolean }[]> {
  const r = await sql<{ instalment_no: number; on_time: boolean }>`
    update loan_schedules s set paid_on = ${paidOn}::date
    where s.cooperative_id = ${coop} and s.loan_id = ${loanId} and s.schedule_version = ${version} and s.paid_on is null
      and (${closeAll} or (s.paid_principal_rupiah = s.principal_rupiah and s.paid_interest_rupiah = s.interest_rupiah
                           and s.paid_penalty_rupiah = s.penalty_rupiah))
    returning s.instalment_no, (s.due_on >= ${paidOn}::date) as on_time`.execute(db);
  return r.rows;
}

/** The loan's maintained figures after money came in (closeAll: nothing of the interest is owed any more). */
export async function reduceLoanFigures(
  db: Queryable,
  coop: string,
  loanId: bigint,
  paid: {
    principal: bigint;
    interest: bigint;
    penalty: bigint;
    accruedUsed: bigint;
    onTimeInstalments: number;
    closeAll: boolean;
  },
): Promise<void> {
  await sql`
    update loans set outstanding_principal_rupiah = outstanding_principal_rupiah - ${paid.principal},
      outstanding_interest_rupiah = ${paid.closeAll ? sql`0` : sql`outstanding_interest_rupiah - ${paid.interest}`},
      accrued_interest_rupiah = accrued_interest_rupiah - ${paid.accruedUsed},
      penalty_due_rupiah = penalty_due_rupiah - ${paid.penalty},
      probation_remaining = greatest(probation_remaining - ${paid.onTimeInstalments}, 0)
    where cooperative_id = ${coop} and id = ${loanId}`.execute(db);
}

/** Closes the loan as paid off on `paidOn` when no principal and no instalment is left. */
export async function closeIfSettled(
  db: Queryable,
  coop: string,
  loanId: bigint,
  paidOn: string,
): Promise<void> {
  await sql`
    update loans set status = 'paid_off', closed_on = ${paidOn}::date, days_past_due = 0
    where cooperative_id = ${coop} and id = ${loanId} and outstanding_principal_rupiah = 0 and oldest_unpaid_due_on is null
      -- a profit-sharing financing stays open until every period's report is approved
      and (akad not in ('mudharabah', 'musyarakah') or tenor <= (select count(*) from financing_reports r
        where r.cooperative_id = loans.cooperative_id and r.loan_id = loans.id))`.execute(db);
}

export interface NewRepayment {
  loanId: bigint;
  paidOn: string;
  kind: 'instalment' | 'early_payoff' | 'top_up_settlement' | 'recovery';
  channel: 'cash' | 'savings' | 'disbursement';
  amountRupiah: bigint;
  penaltyRupiah: bigint;
  interestRupiah: bigint;
  principalRupiah: bigint;
  discountRupiah: bigint;
  cashSessionId: bigint | null;
  entryId: bigint;
  userId: string | null;
}

export async function insertRepayment(
  db: Queryable,
  coop: string,
  r: NewRepayment,
): Promise<bigint> {
  const x = await sql<{ id: bigint }>`
    insert into loan_repayments (cooperative_id, loan_id, paid_on, kind, channel, amount_rupiah, penalty_rupiah, interest_rupiah,
      principal_rupiah, discount_rupiah, cash_session_id, entry_id, created_by)
    values (${coop}, ${r.loanId}, ${r.paidOn}::date, ${r.kind}, ${r.channel}, ${r.amountRupiah}, ${r.penaltyRupiah}, ${r.interestRupiah},
      ${r.principalRupiah}, ${r.discountRupiah}, ${r.cashSessionId}, ${r.entryId}, ${r.userId})
    returning id`.execute(db);
  const id = x.rows[0]?.id;
  if (id === undefined) throw new Error('repayment insert returned nothing');
  return id;
}

export async function insertDisbursement(
  db: Queryable,
  coop: string,
  d: {
    loanId: bigint;
    disbursedOn: string;
    channel: 'cash' | 'savings';
    grossRupiah: bigint;
    feesRupiah: bigint;
    settledTopUpRupiah: bigint;
    netRupiah: bigint;
    cashSessionId: bigint | null;
    entryId: bigint;
  },
): Promise<void> {
  await sql`insert into loan_disbursements (cooperative_id, loan_id, disbursed_on, channel, gross_rupiah, fees_rupiah, settled_top_up_rupiah,
              net_rupiah, cash_session_id, entry_id)
            values (${coop}, ${d.loanId}, ${d.disbursedOn}::date, ${d.channel}, ${d.grossRupiah}, ${d.feesRupiah}, ${d.settledTopUpRupiah},
              ${d.netRupiah}, ${d.cashSessionId}, ${d.entryId})`.execute(db);
}
