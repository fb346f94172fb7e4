import { sql } from 'kysely';
import type { Queryable } from '../database.js';

/** The auto-debit run's reads and its per-loan record (loan_auto_debits). */

export async function priorAutoDebit(db: Queryable, coop: string, loanId: bigint, date: string) {
  const r = await sql<{ outcome: string; amount_rupiah: bigint; repayment_id: bigint | null }>`
    select outcome, amount_rupiah, repayment_id from loan_auto_debits
    where cooperative_id = ${coop} and loan_id = ${loanId} and run_on = ${date}::date`.execute(db);
  return r.rows[0];
}

export interface AutoDebitRecord {
  loanId: bigint;
  date: string;
  outcome: 'debited' | 'skipped';
  dueRupiah: bigint;
  availableRupiah: bigint;
  amountRupiah: bigint;
  reason: string | null;
  savingsAccountId: bigint | null;
  repaymentId: bigint | null;
}

/**
 * Records the outcome for (loan, date); a skipped row may be overwritten by a later run, a debited
 * one never (the update's WHERE). Returns the rows written (0 when a debited row was there).
 */
export async function recordAutoDebit(
  db: Queryable,
  coop: string,
  x: AutoDebitRecord,
): Promise<bigint> {
  const r = await sql`
    insert into loan_auto_debits (cooperative_id, loan_id, run_on, outcome, due_rupiah, available_rupiah, amount_rupiah, reason,
      savings_account_id, repayment_id)
    values (${coop}, ${x.loanId}, ${x.date}::date, ${x.outcome}, ${x.dueRupiah}, ${x.availableRupiah}, ${x.amountRupiah}, ${x.reason},
      ${x.savingsAccountId}, ${x.repaymentId})
    on conflict (cooperative_id, loan_id, run_on) do update set outcome = excluded.outcome, due_rupiah = excluded.due_rupiah,
      available_rupiah = excluded.available_rupiah, amount_rupiah = excluded.amount_rupiah, reason = excluded.reason,
      savings_account_id = excluded.savings_account_id, repayment_id = excluded.repayment_id, created_at = now()
    where loan_auto_debits.outcome = 'skipped'`.execute(db);
  return r.numAffectedRows ?? 0n;
}

/** Mandated active loans with something due on `date`, and loans already debited on it. */
function candidates(coop: string, date: string) {
  return sql`(
    select l.id, l.loan_number from loans l
    where l.cooperative_id = ${coop} and l.auto_debit and l.status = 'active'
      and (l.oldest_unpaid_due_on <= ${date}::date or l.penalty_due_rupiah > 0)
    union
    select l.id, l.loan_number from loan_auto_debits d join loans l on l.cooperative_id = d.cooperative_id and l.id = d.loan_id
    where d.cooperative_id = ${coop} and d.run_on = ${date}::date and d.outcome = 'debited')`;
}

export async function countAutoDebitCandidates(
  db: Queryable,
  coop: string,
  date: string,
): Promise<number> {
  const r = await sql<{ n: bigint }>`select count(*) as n from ${candidates(coop, date)} c`.execute(
    db,
  );
  return Number(r.rows[0]?.n ?? 0n);
}

/** One keyset page of the candidates, by id after `afterId`. */
export async function autoDebitCandidates(
  db: Queryable,
  coop: string,
  date: string,
  afterId: bigint,
  limit: number,
) {
  const r = await sql<{ id: bigint; loan_number: string }>`
    select c.id, c.loan_number from ${candidates(coop, date)} c where c.id > ${afterId} order by c.id limit ${limit}`.execute(
    db,
  );
  return r.rows;
}
