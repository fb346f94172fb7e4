import { sql } from 'kysely';
import type { Collectibility } from '../../domain/loans/collectibility.js';
import type { Frequency, Instalment, LoanMethod, RatePeriod } from '../../domain/loans/schedule.js';
import type { Queryable } from '../database.js';
import type { JsonValue } from '../schema.js';
import type { Akad } from './products.repo.js';

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
  collectibility: Collectibility;
  probation_remaining: number;
  restructure_count: number;
  /** surat kuasa debet: due instalments are debited from the member's sukarela account */
  auto_debit: boolean;
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

/** The loan row, locked for the rest of the transaction when `lock` (repayments, restructuring). */
export async function findLoan(
  db: Queryable,
  coop: string,
  loanId: bigint,
  lock: boolean,
): Promise<LoanRow | undefined> {
  const r =
    await sql<LoanRow>`select * from loans where cooperative_id = ${coop} and id = ${loanId} ${lock ? sql`for update` : sql``}`.execute(
      db,
    );
  return r.rows[0];
}

/** The columns of a loan as the API shows it (dates and the rate as text). */
const LOAN_COLUMNS = sql`id, loan_number, member_id, product_id, branch_id, officer_user_id, akad, method, rate_percent::text as rate_percent,
  rate_period, frequency, tenor, principal_rupiah, margin_total_rupiah, disbursed_on::text as disbursed_on, maturity_on::text as maturity_on,
  status, schedule_version, outstanding_principal_rupiah, outstanding_interest_rupiah, accrued_interest_rupiah, penalty_due_rupiah,
  collateral_value_rupiah, oldest_unpaid_due_on::text as oldest_unpaid_due_on, days_past_due, collectibility, probation_remaining, restructure_count,
  auto_debit`;

export interface LoanFilter {
  memberId?: bigint;
  status?: string;
  collectibility?: string;
  limit: number;
  afterId?: bigint;
}

export async function listLoans(
  db: Queryable,
  coop: string,
  filter: LoanFilter,
): Promise<LoanRow[]> {
  const r = await sql<LoanRow>`select ${LOAN_COLUMNS} from loans where cooperative_id = ${coop}
    ${filter.memberId !== undefined ? sql`and member_id = ${filter.memberId}` : sql``}
    ${filter.status ? sql`and status = ${filter.status}` : sql``}
    ${filter.collectibility ? sql`and collectibility = ${filter.collectibility}` : sql``}
    ${filter.afterId !== undefined ? sql`and id > ${filter.afterId}` : sql``}
    order by id limit ${filter.limit}`.execute(db);
  return r.rows;
}

export async function findLoanView(
  db: Queryable,
  coop: string,
  loanId: bigint,
): Promise<LoanRow | undefined> {
  const r =
    await sql<LoanRow>`select ${LOAN_COLUMNS} from loans where cooperative_id = ${coop} and id = ${loanId}`.execute(
      db,
    );
  return r.rows[0];
}

/** The loans of the member the user is (the member portal). */
export async function loansOfUser(db: Queryable, coop: string, userId: string): Promise<LoanRow[]> {
  const r = await sql<LoanRow>`select ${LOAN_COLUMNS} from loans l where cooperative_id = ${coop}
    and member_id in (select id from members m where m.cooperative_id = ${coop} and m.user_id = ${userId})
    order by id`.execute(db);
  return r.rows;
}

export async function scheduleVersions(db: Queryable, coop: string, loanId: bigint) {
  const r = await sql<{
    schedule_version: number;
    reason: string;
    effective_on: string;
    params: JsonValue;
  }>`
    select schedule_version, reason, effective_on::text as effective_on, params from loan_schedule_versions
    where cooperative_id = ${coop} and loan_id = ${loanId} order by schedule_version`.execute(db);
  return r.rows;
}

export async function scheduleOf(
  db: Queryable,
  coop: string,
  loanId: bigint,
  version: number,
): Promise<ScheduleRow[]> {
  const r = await sql<ScheduleRow>`
    select instalment_no, due_on::text as due_on, principal_rupiah, interest_rupiah, paid_principal_rupiah, paid_interest_rupiah,
           penalty_rupiah, paid_penalty_rupiah, paid_on::text as paid_on
    from loan_schedules where cooperative_id = ${coop} and loan_id = ${loanId} and schedule_version = ${version}
    order by instalment_no`.execute(db);
  return r.rows;
}

export async function insertScheduleVersion(
  db: Queryable,
  coop: string,
  v: {
    loanId: bigint;
    version: number;
    reason: string;
    effectiveOn: string;
    params: JsonValue | null;
    userId: string | null;
  },
): Promise<void> {
  await sql`insert into loan_schedule_versions (cooperative_id, loan_id, schedule_version, reason, effective_on, params, created_by)
            values (${coop}, ${v.loanId}, ${v.version}, ${v.reason}, ${v.effectiveOn}::date,
              coalesce(${v.params === null ? null : JSON.stringify(v.params)}::jsonb, '{}'::jsonb), ${v.userId})`.execute(
    db,
  );
}

/** One statement for the whole schedule (unnest of the columns). */
export async function insertSchedule(
  db: Queryable,
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
      as x(no, due, p, i)`.execute(db);
}

/** Re-derives the oldest unpaid due date of the current schedule after a payment or a change. */
export async function refreshOldestUnpaid(
  db: Queryable,
  coop: string,
  loanId: bigint,
): Promise<void> {
  await sql`
    update loans l set oldest_unpaid_due_on = (
      select min(s.due_on) from loan_schedules s
      where s.cooperative_id = l.cooperative_id and s.loan_id = l.id and s.schedule_version = l.schedule_version
        and s.paid_on is null)
    where l.cooperative_id = ${coop} and l.id = ${loanId}`.execute(db);
}

/** The cooperative's next loan number (a counter row, incremented in the caller's transaction). */
export async function nextLoanNumber(db: Queryable, coop: string): Promise<bigint> {
  const r = await sql<{ last_number: bigint }>`
    insert into loan_number_counters as c (cooperative_id, last_number) values (${coop}, 1)
    on conflict (cooperative_id) do update set last_number = c.last_number + 1 returning last_number`.execute(
    db,
  );
  return r.rows[0]?.last_number ?? 0n;
}

export interface NewLoan {
  loanNumber: string;
  applicationId: bigint;
  memberId: bigint;
  productId: bigint;
  branchId: bigint | null;
  officerUserId: string | null;
  akad: Akad;
  method: LoanMethod;
  ratePercent: string;
  ratePeriod: RatePeriod;
  frequency: Frequency;
  tenor: number;
  principalRupiah: bigint;
  marginRupiah: bigint;
  provisiRupiah: bigint;
  adminFeeRupiah: bigint;
  disbursedOn: string;
  maturityOn: string;
  collateralValueRupiah: bigint;
  firstDueOn: string | null;
  topUpOf: bigint | null;
  autoDebit: boolean;
}

export async function insertLoan(db: Queryable, coop: string, l: NewLoan): Promise<bigint> {
  const r = await sql<{ id: bigint }>`
    insert into loans (cooperative_id, loan_number, application_id, member_id, product_id, branch_id, officer_user_id, akad, method,
      rate_percent, rate_period, frequency, tenor, principal_rupiah, margin_total_rupiah, provisi_rupiah, admin_fee_rupiah,
      disbursed_on, maturity_on, outstanding_principal_rupiah, outstanding_interest_rupiah, collateral_value_rupiah,
      oldest_unpaid_due_on, top_up_of, auto_debit)
    values (${coop}, ${l.loanNumber}, ${l.applicationId}, ${l.memberId}, ${l.productId}, ${l.branchId}, ${l.officerUserId}, ${l.akad}, ${l.method},
      ${l.ratePercent}::numeric, ${l.ratePeriod}, ${l.frequency}, ${l.tenor}, ${l.principalRupiah}, ${l.marginRupiah}, ${l.provisiRupiah},
      ${l.adminFeeRupiah}, ${l.disbursedOn}::date, ${l.maturityOn}::date, ${l.principalRupiah}, ${l.marginRupiah}, ${l.collateralValueRupiah},
      ${l.firstDueOn}::date, ${l.topUpOf}, ${l.autoDebit})
    returning id`.execute(db);
  const id = r.rows[0]?.id;
  if (id === undefined) throw new Error('loan insert returned nothing');
  return id;
}

export async function setAutoDebit(
  db: Queryable,
  coop: string,
  loanId: bigint,
  enabled: boolean,
): Promise<void> {
  await sql`update loans set auto_debit = ${enabled} where cooperative_id = ${coop} and id = ${loanId}`.execute(
    db,
  );
}

/** An officer's manual class with its reason, and the loan's class as the rule gives it. */
export async function setManualCollectibility(
  db: Queryable,
  coop: string,
  loanId: bigint,
  manual: Collectibility | null,
  reason: string,
  collectibility: Collectibility,
): Promise<void> {
  await sql`update loans set manual_collectibility = ${manual}, manual_collectibility_reason = ${reason}, collectibility = ${collectibility}
            where cooperative_id = ${coop} and id = ${loanId}`.execute(db);
}
