import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { AppError } from '../../domain/errors.js';
import type { OrgTx } from '../context.js';
import type { Frequency, Instalment, LoanMethod, RatePeriod } from './terms.js';

export type Akad = 'conventional' | 'murabahah' | 'ijarah' | 'qardh';

export interface ProductRow {
  id: bigint;
  code: string;
  name: string;
  akad: Akad;
  method: LoanMethod;
  rate_percent: string;
  rate_period: RatePeriod;
  frequency: Frequency;
  min_amount_rupiah: bigint;
  max_amount_rupiah: bigint;
  min_tenor: number;
  max_tenor: number;
  provisi_bps: number;
  admin_fee_rupiah: bigint;
  grace_principal_periods: number;
  down_payment_bps: number;
  round_instalment_to: number;
  penalty_kind: 'none' | 'daily_percent' | 'fixed';
  penalty_daily_percent: string;
  penalty_fixed_rupiah: bigint;
  penalty_grace_days: number;
  penalty_capped_at_instalment: boolean;
  early_payoff_rule: 'interest_to_date' | 'months_interest' | 'percent_penalty' | 'remaining_margin';
  early_payoff_months: number;
  early_payoff_bps: number;
  deferral_interest_rule: 'paused' | 'accrue_spread' | 'paid';
  restructure_probation_instalments: number;
  active: boolean;
}

export interface LoanRow {
  id: bigint;
  loan_number: string;
  member_id: bigint;
  product_id: bigint;
  branch_id: bigint | null;
  officer_user_id: string | null;
  akad: Akad;
  method: LoanMethod;
  rate_percent: string;
  rate_period: RatePeriod;
  frequency: Frequency;
  tenor: number;
  principal_rupiah: bigint;
  margin_total_rupiah: bigint;
  disbursed_on: string;
  maturity_on: string;
  status: 'active' | 'paid_off' | 'written_off';
  schedule_version: number;
  outstanding_principal_rupiah: bigint;
  outstanding_interest_rupiah: bigint;
  accrued_interest_rupiah: bigint;
  penalty_due_rupiah: bigint;
  collateral_value_rupiah: bigint;
  oldest_unpaid_due_on: string | null;
  days_past_due: number;
  collectibility: 'L' | 'KL' | 'D' | 'M';
  probation_remaining: number;
  restructure_count: number;
  /** surat kuasa debet: due instalments are debited from the member's sukarela account */
  auto_debit: boolean;
}

export async function loadProduct(tx: Tx, coop: string, productId: bigint): Promise<ProductRow> {
  const r = await sql<ProductRow>`select * from loan_products where cooperative_id = ${coop} and id = ${productId}`.execute(tx);
  const p = r.rows[0];
  if (!p) throw new AppError('LOAN_PRODUCT_NOT_FOUND');
  return p;
}

/** The loan row, locked for the rest of the transaction when `lock` (repayments, restructuring). */
export async function loadLoan(tx: Tx, coop: string, loanId: bigint, lock: boolean): Promise<LoanRow> {
  const r = await sql<LoanRow>`select * from loans where cooperative_id = ${coop} and id = ${loanId} ${lock ? sql`for update` : sql``}`.execute(tx);
  const l = r.rows[0];
  if (!l) throw new AppError('LOAN_NOT_FOUND');
  return l;
}

export function requireActive(l: LoanRow): void {
  if (l.status !== 'active') throw new AppError('LOAN_NOT_ACTIVE', { status: l.status });
}

/** The accounts a loan posts to, by role, per contract (coa templates carry these roles). */
export function rolesOf(akad: Akad) {
  switch (akad) {
    case 'conventional':
      return { principal: 'loansMembers', income: 'loanInterestIncomeMember', penalty: 'penaltyIncome' };
    case 'murabahah':
      // the receivable carries cost + margin; unearned margin sits in deferredMargin
      return { principal: 'murabahahReceivable', income: 'marginIncome', penalty: 'socialFund' };
    case 'ijarah':
      // pembiayaan haji: the lump sum is a qardh; the service fee (ujrah) is ijarah income
      return { principal: 'qardh', income: 'ujrahIncome', penalty: 'socialFund' };
    case 'qardh':
      return { principal: 'qardh', income: 'adminIncome', penalty: 'socialFund' };
  }
}

export async function insertSchedule(
  tx: Tx,
  coop: string,
  loanId: bigint,
  version: number,
  rows: readonly Instalment[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into loan_schedules (cooperative_id, loan_id, schedule_version, instalment_no, due_on, principal_rupiah, interest_rupiah)
    select ${coop}, ${loanId}, ${version}, x.no, x.due, x.p, x.i
    from unnest(${rows.map((r) => r.instalmentNo)}::int[], ${rows.map((r) => r.dueOn)}::date[],
                ${rows.map((r) => r.principalRupiah.toString())}::bigint[], ${rows.map((r) => r.interestRupiah.toString())}::bigint[])
      as x(no, due, p, i)`.execute(tx);
}

/** Re-derives the oldest unpaid due date of the current schedule after a payment or a change. */
export async function refreshOldestUnpaid(tx: Tx, coop: string, loanId: bigint): Promise<void> {
  await sql`
    update loans l set oldest_unpaid_due_on = (
      select min(s.due_on) from loan_schedules s
      where s.cooperative_id = l.cooperative_id and s.loan_id = l.id and s.schedule_version = l.schedule_version
        and s.paid_on is null)
    where l.cooperative_id = ${coop} and l.id = ${loanId}`.execute(tx);
}

export interface ScheduleRow {
  instalment_no: number;
  due_on: string;
  principal_rupiah: bigint;
  interest_rupiah: bigint;
  paid_principal_rupiah: bigint;
  paid_interest_rupiah: bigint;
  penalty_rupiah: bigint;
  paid_penalty_rupiah: bigint;
  paid_on: string | null;
}

export async function scheduleOf(tx: Tx, coop: string, loanId: bigint, version: number): Promise<ScheduleRow[]> {
  const r = await sql<ScheduleRow>`
    select instalment_no, due_on::text as due_on, principal_rupiah, interest_rupiah, paid_principal_rupiah, paid_interest_rupiah,
           penalty_rupiah, paid_penalty_rupiah, paid_on::text as paid_on
    from loan_schedules where cooperative_id = ${coop} and loan_id = ${loanId} and schedule_version = ${version}
    order by instalment_no`.execute(tx);
  return r.rows;
}

export async function auditLoan(o: OrgTx, action: string, loanId: bigint, after: Record<string, string | number | boolean | null>) {
  await o.audit({ action, entityType: 'loan', entityId: loanId, after });
}
