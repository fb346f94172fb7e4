import { sql } from 'kysely';
import type { Queryable } from '../database.js';
import type { JsonValue } from '../schema.js';

/** Restructuring, write-off and recovery: the writes behind the approved actions. */

/**
 * Penghapusan denda: what is charged on the unpaid instalments becomes what was paid of it, the
 * loan owes no denda, and instalments whose principal and interest were paid are closed on `on`.
 */
export async function waivePenalties(
  db: Queryable,
  coop: string,
  loanId: bigint,
  version: number,
  on: string,
): Promise<void> {
  await sql`update loan_schedules set penalty_rupiah = paid_penalty_rupiah
            where cooperative_id = ${coop} and loan_id = ${loanId} and schedule_version = ${version} and paid_on is null`.execute(
    db,
  );
  await sql`update loans set penalty_due_rupiah = 0 where cooperative_id = ${coop} and id = ${loanId}`.execute(
    db,
  );
  await sql`update loan_schedules set paid_on = ${on}::date
            where cooperative_id = ${coop} and loan_id = ${loanId} and schedule_version = ${version} and paid_on is null
              and paid_principal_rupiah = principal_rupiah and paid_interest_rupiah = interest_rupiah`.execute(
    db,
  );
}

/** Denda still open moves onto the first instalment of the new schedule. */
export async function setFirstInstalmentPenalty(
  db: Queryable,
  coop: string,
  loanId: bigint,
  version: number,
  penaltyRupiah: bigint,
): Promise<void> {
  await sql`update loan_schedules set penalty_rupiah = ${penaltyRupiah}
            where cooperative_id = ${coop} and loan_id = ${loanId} and schedule_version = ${version} and instalment_no = 1`.execute(
    db,
  );
}

/** After arrears were capitalised: accrued interest used up, and the denda still owed. */
export async function setCapitalised(
  db: Queryable,
  coop: string,
  loanId: bigint,
  accruedUsedRupiah: bigint,
  penaltyDueRupiah: bigint,
): Promise<void> {
  await sql`update loans set accrued_interest_rupiah = accrued_interest_rupiah - ${accruedUsedRupiah}, penalty_due_rupiah = ${penaltyDueRupiah}
            where cooperative_id = ${coop} and id = ${loanId}`.execute(db);
}

/** The loan moves to its new schedule; its class at this moment is the floor of its probation. */
export async function switchSchedule(
  db: Queryable,
  coop: string,
  loanId: bigint,
  s: {
    version: number;
    principalRupiah: bigint;
    interestRupiah: bigint;
    ratePercent: string;
    tenor: number;
    maturityOn: string;
    probationInstalments: number;
  },
): Promise<void> {
  await sql`
    update loans set schedule_version = ${s.version}, outstanding_principal_rupiah = ${s.principalRupiah}, outstanding_interest_rupiah = ${s.interestRupiah},
      rate_percent = ${s.ratePercent}::numeric, tenor = ${s.tenor}, maturity_on = ${s.maturityOn}::date,
      restructured_floor = collectibility, probation_remaining = ${s.probationInstalments},
      restructure_count = restructure_count + 1
    where cooperative_id = ${coop} and id = ${loanId}`.execute(db);
}

export async function insertRestructuring(
  db: Queryable,
  coop: string,
  r: {
    loanId: bigint;
    kind: string;
    from: number;
    to: number | null;
    params: JsonValue;
    effectiveOn: string;
    entryId: bigint | null;
    approvalId: bigint;
  },
): Promise<void> {
  await sql`insert into loan_restructurings (cooperative_id, loan_id, kind, from_version, to_version, params, effective_on, entry_id, approval_id)
            values (${coop}, ${r.loanId}, ${r.kind}, ${r.from}, ${r.to}, ${JSON.stringify(r.params)}::jsonb, ${r.effectiveOn}::date, ${r.entryId}, ${r.approvalId})`.execute(
    db,
  );
}

/** PPAP formed so far: the credit balance of the allowance account (role ppap). */
export async function ppapFormed(db: Queryable, coop: string): Promise<bigint> {
  const r = await sql<{ v: bigint }>`
    select coalesce(sum(b.credit_rupiah - b.debit_rupiah), 0)::bigint as v from account_balances b
    join accounts a on a.cooperative_id = b.cooperative_id and a.id = b.account_id and a.role = 'ppap'
    where b.cooperative_id = ${coop}`.execute(db);
  return r.rows[0]?.v ?? 0n;
}

/** Hapus buku: the write-off record (the claim stays) and the loan closed as written off. */
export async function writeOff(
  db: Queryable,
  coop: string,
  w: {
    loanId: bigint;
    on: string;
    principalRupiah: bigint;
    accruedInterestRupiah: bigint;
    claimRupiah: bigint;
    reason: string;
    entryId: bigint;
    approvalId: bigint;
  },
): Promise<void> {
  await sql`insert into loan_write_offs (cooperative_id, loan_id, written_off_on, principal_rupiah, accrued_interest_rupiah, claim_rupiah, reason, entry_id, approval_id)
            values (${coop}, ${w.loanId}, ${w.on}::date, ${w.principalRupiah}, ${w.accruedInterestRupiah}, ${w.claimRupiah}, ${w.reason}, ${w.entryId}, ${w.approvalId})`.execute(
    db,
  );
  // penalties stop on write-off; the schedule stays as it was (memorandum of the claim)
  await sql`update loans set status = 'written_off', outstanding_principal_rupiah = 0, accrued_interest_rupiah = 0, closed_on = ${w.on}::date
            where cooperative_id = ${coop} and id = ${w.loanId}`.execute(db);
}

/** The write-off's claim and what was recovered of it, locked. */
export async function lockWriteOff(db: Queryable, coop: string, loanId: bigint) {
  const r = await sql<{ claim_rupiah: bigint; recovered_rupiah: bigint }>`
    select claim_rupiah, recovered_rupiah from loan_write_offs where cooperative_id = ${coop} and loan_id = ${loanId} for update`.execute(
    db,
  );
  return r.rows[0];
}

export async function addRecovered(
  db: Queryable,
  coop: string,
  loanId: bigint,
  amountRupiah: bigint,
): Promise<void> {
  await sql`update loan_write_offs set recovered_rupiah = recovered_rupiah + ${amountRupiah} where cooperative_id = ${coop} and loan_id = ${loanId}`.execute(
    db,
  );
}
