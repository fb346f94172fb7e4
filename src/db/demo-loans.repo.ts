import { sql } from 'kysely';
import type { SavingsAkad } from '../domain/savings/akad.js';
import type { Queryable } from './database.js';

/**
 * The demo loan seeder's queries (src/services/demo/loans/): the reads that feed its generator
 * and the set-based writes of the month's loans, instalments and savings movements. The generator
 * (random figures, schedules, allocation, journal lines) stays in the service; the JSON parameters
 * are the rows it built.
 */

/** The demo users by username. */
export async function usersByUsername(
  db: Queryable,
  usernames: [string, string, string],
): Promise<{ id: string; username: string }[]> {
  const r = await sql<{ id: string; username: string }>`
    select id, username from users where username in (${usernames[0]}, ${usernames[1]}, ${usernames[2]})`.execute(
    db,
  );
  return r.rows;
}

/** Every sukarela account's akad, balance, status and latest movement on or after `first`. */
export async function sukarelaAccounts(
  db: Queryable,
  cooperativeId: string,
  first: string,
): Promise<
  {
    id: bigint;
    akad: SavingsAkad | null;
    balance_rupiah: bigint;
    status: string;
    last: string | null;
  }[]
> {
  const r = await sql<{
    id: bigint;
    akad: SavingsAkad | null;
    balance_rupiah: bigint;
    status: string;
    last: string | null;
  }>`
      select a.id, p.akad, a.balance_rupiah, a.status, t.last from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id and p.kind = 'sukarela'
      left join (select account_id, max(transaction_date)::text as last from savings_transactions
                 where cooperative_id = ${cooperativeId} and transaction_date >= ${first}::date group by account_id) t on t.account_id = a.id
      where a.cooperative_id = ${cooperativeId}`.execute(db);
  return r.rows;
}

export interface DemoOpenInstalment {
  loan_id: bigint;
  v: number;
  no: number;
  due: string;
  p: bigint;
  i: bigint;
  pp: bigint;
  pi: bigint;
  pen: bigint;
  ppen: bigint;
}

/** Active loans (all, or those of `loanIds`): accrued interest, schedule version, maturity by `through`. */
export async function activeLoansThrough(
  db: Queryable,
  cooperativeId: string,
  loanIds: bigint[] | null,
  through: string,
): Promise<{ id: bigint; accrued: bigint; v: number; complete: boolean }[]> {
  const r = await sql<{ id: bigint; accrued: bigint; v: number; complete: boolean }>`
      select id, accrued_interest_rupiah as accrued, schedule_version as v, maturity_on <= ${through}::date as complete from loans
      where cooperative_id = ${cooperativeId} and status = 'active' ${loanIds ? sql`and id = any(${loanIds.map(String)}::bigint[])` : sql``}
      order by id`.execute(db);
  return r.rows;
}

/** Unpaid instalments due up to `through` (of all loans, or those of `loanIds`), any schedule version. */
export async function openInstalmentsThrough(
  db: Queryable,
  cooperativeId: string,
  loanIds: bigint[] | null,
  through: string,
): Promise<DemoOpenInstalment[]> {
  const only = loanIds ? sql`and loan_id = any(${loanIds.map(String)}::bigint[])` : sql``;
  const r = await sql<DemoOpenInstalment>`
      select loan_id, schedule_version as v, instalment_no as no, due_on::text as due, principal_rupiah as p, interest_rupiah as i,
        paid_principal_rupiah as pp, paid_interest_rupiah as pi, penalty_rupiah as pen, paid_penalty_rupiah as ppen
      from loan_schedules where cooperative_id = ${cooperativeId} and paid_on is null and due_on <= ${through}::date ${only}
      order by loan_id, instalment_no`.execute(db);
  return r.rows;
}

/** Active members with their (first) sukarela account. */
export async function membersWithSukarela(
  db: Queryable,
  cooperativeId: string,
): Promise<{ id: bigint; sukarela: bigint }[]> {
  const r = await sql<{ id: bigint; sukarela: bigint }>`
        select m.id, min(a.id) as sukarela from members m
        join savings_accounts a on a.cooperative_id = m.cooperative_id and a.member_id = m.id
        join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id and p.kind = 'sukarela'
        where m.cooperative_id = ${cooperativeId} and m.status = 'active' group by m.id order by m.id`.execute(
    db,
  );
  return r.rows;
}

/** Planner statistics for the loan tables (embedded PGlite runs no autovacuum). */
export async function analyzeLoanTables(db: Queryable): Promise<void> {
  await sql`analyze loans, loan_schedules, loan_repayments, loan_applications, loan_disbursements, loan_schedule_versions`.execute(
    db,
  );
}

/** Reserves `n` loan numbers; the last one reserved. */
export async function reserveLoanNumbers(
  tx: Queryable,
  cooperativeId: string,
  n: number,
): Promise<bigint> {
  const r = await sql<{ last_number: bigint }>`
        insert into loan_number_counters as c (cooperative_id, last_number) values (${cooperativeId}, ${n}::bigint)
        on conflict (cooperative_id) do update set last_number = c.last_number + ${n}::bigint returning last_number`.execute(
    tx,
  );
  return r.rows[0]!.last_number;
}

/**
 * A month's loans in one statement: applications (decided), loans, schedule versions and
 * disbursements booked on `entryId`. `freshJson` holds the rows the seeder built.
 */
export async function insertMonthLoans(
  tx: Queryable,
  cooperativeId: string,
  officerUserId: string | null,
  freshJson: string,
  entryId: bigint,
): Promise<{ id: bigint; loan_number: string; member_id: bigint }[]> {
  const r = await sql<{ id: bigint; loan_number: string; member_id: bigint }>`
          with x as (
            select * from jsonb_to_recordset(${freshJson}::jsonb) as x(k int, loan_number text, member_id bigint, product_id bigint,
              akad text, method text, rate numeric, rate_period text, frequency text, tenor int, principal bigint, margin bigint, provisi bigint,
              admin bigint, net bigint, channel text, disbursed_on date, maturity_on date, first_due date, collateral jsonb, collateral_value bigint,
              guarantor jsonb, income bigint, expenses bigint, purpose text, applied_at timestamptz, decided_at timestamptz, auto_debit boolean)),
          app as (
            insert into loan_applications (cooperative_id, member_id, product_id, amount_rupiah, tenor, purpose, collateral, collateral_value_rupiah,
              guarantor, monthly_income_rupiah, monthly_expenses_rupiah, auto_debit, analysis_notes, recommendation, status, officer_user_id,
              decided_at, created_by, created_at)
            select ${cooperativeId}, member_id, product_id, principal, tenor, purpose, collateral, collateral_value, guarantor, income, expenses, auto_debit,
              'Analisa 5C: layak dibiayai.', 'approve', 'disbursed', ${officerUserId}::uuid, decided_at, ${officerUserId}::uuid, applied_at
            from x order by k
            returning id, created_at),
          ln as (
            insert into loans (cooperative_id, loan_number, application_id, member_id, product_id, officer_user_id, akad, method, rate_percent,
              rate_period, frequency, tenor, principal_rupiah, margin_total_rupiah, provisi_rupiah, admin_fee_rupiah, disbursed_on, maturity_on,
              outstanding_principal_rupiah, outstanding_interest_rupiah, collateral_value_rupiah, oldest_unpaid_due_on, auto_debit)
            select ${cooperativeId}, x.loan_number, app.id, x.member_id, x.product_id, ${officerUserId}::uuid, x.akad, x.method, x.rate, x.rate_period,
              x.frequency, x.tenor, x.principal, x.margin, x.provisi, x.admin, x.disbursed_on, x.maturity_on, x.principal, x.margin,
              x.collateral_value, x.first_due, x.auto_debit
            from x join app on app.created_at = x.applied_at order by x.k
            returning id, loan_number, member_id, disbursed_on),
          v as (
            insert into loan_schedule_versions (cooperative_id, loan_id, schedule_version, reason, effective_on, created_by)
            select ${cooperativeId}, ln.id, 1, 'original', ln.disbursed_on, ${officerUserId}::uuid from ln),
          d as (
            insert into loan_disbursements (cooperative_id, loan_id, disbursed_on, channel, gross_rupiah, fees_rupiah, net_rupiah, entry_id)
            select ${cooperativeId}, ln.id, x.disbursed_on, x.channel, x.principal, x.provisi + x.admin, x.net, ${entryId}
            from ln join x on x.loan_number = ln.loan_number)
          select id, loan_number, member_id from ln`.execute(tx);
  return r.rows;
}

/** The original schedules of the month's loans (`schedulesJson`: [{ loan_number, no, due, p, i }]). */
export async function insertOriginalSchedules(
  tx: Queryable,
  cooperativeId: string,
  schedulesJson: string,
): Promise<void> {
  await sql`
          insert into loan_schedules (cooperative_id, loan_id, schedule_version, instalment_no, due_on, principal_rupiah, interest_rupiah)
          select ${cooperativeId}, l.id, 1, x.no, x.due, x.p, x.i
          from jsonb_to_recordset(${schedulesJson}::jsonb) as x(loan_number text, no int, due date, p bigint, i bigint)
          join loans l on l.cooperative_id = ${cooperativeId} and l.loan_number = x.loan_number`.execute(
    tx,
  );
}

/** What the month's payments paid on each instalment (`rowsJson`: [{ loan_id, v, no, pen, int, pri, paid_on }]). */
export async function applyInstalmentPayments(
  tx: Queryable,
  cooperativeId: string,
  rowsJson: string,
): Promise<void> {
  await sql`
          update loan_schedules s set paid_penalty_rupiah = s.paid_penalty_rupiah + x.pen, paid_interest_rupiah = s.paid_interest_rupiah + x.int,
            paid_principal_rupiah = s.paid_principal_rupiah + x.pri, paid_on = coalesce(x.paid_on, s.paid_on)
          from jsonb_to_recordset(${rowsJson}::jsonb)
            as x(loan_id bigint, v int, no int, pen bigint, int bigint, pri bigint, paid_on date)
          where s.cooperative_id = ${cooperativeId} and s.loan_id = x.loan_id and s.schedule_version = x.v and s.instalment_no = x.no`.execute(
    tx,
  );
}

/** The loans' balances after the month's payments (`loansJson`: [{ id, pri, int, acc, pen, on_time, oldest, closed, paid_on }]). */
export async function applyLoanPayments(
  tx: Queryable,
  cooperativeId: string,
  loansJson: string,
): Promise<void> {
  await sql`
          update loans l set outstanding_principal_rupiah = l.outstanding_principal_rupiah - x.pri,
            outstanding_interest_rupiah = l.outstanding_interest_rupiah - x.int, accrued_interest_rupiah = l.accrued_interest_rupiah - x.acc,
            penalty_due_rupiah = l.penalty_due_rupiah - x.pen, probation_remaining = greatest(l.probation_remaining - x.on_time, 0),
            oldest_unpaid_due_on = x.oldest,
            status = case when x.closed then 'paid_off' else l.status end,
            closed_on = case when x.closed then x.paid_on else l.closed_on end,
            days_past_due = case when x.closed then 0 else l.days_past_due end
          from jsonb_to_recordset(${loansJson}::jsonb)
            as x(id bigint, pri bigint, int bigint, acc bigint, pen bigint, on_time int, oldest date, closed boolean, paid_on date)
          where l.cooperative_id = ${cooperativeId} and l.id = x.id`.execute(tx);
}

/** The month's instalment repayments, booked on `entryId` (`repaymentsJson`: [{ loan_id, paid_on, channel, amount, pen, int, pri }]). */
export async function insertInstalmentRepayments(
  tx: Queryable,
  cooperativeId: string,
  repaymentsJson: string,
  entryId: bigint,
  tellerUserId: string | null,
): Promise<void> {
  await sql`
          insert into loan_repayments (cooperative_id, loan_id, paid_on, kind, channel, amount_rupiah, penalty_rupiah, interest_rupiah,
            principal_rupiah, entry_id, created_by)
          select ${cooperativeId}, x.loan_id, x.paid_on, 'instalment', x.channel, x.amount, x.pen, x.int, x.pri, ${entryId}, ${tellerUserId}::uuid
          from jsonb_to_recordset(${repaymentsJson}::jsonb)
            as x(loan_id bigint, paid_on date, channel text, amount bigint, pen bigint, int bigint, pri bigint)
          order by x.paid_on, x.loan_id`.execute(tx);
}

/**
 * The loan to restructure: active, 61 to 200 days past due, nothing paid since `first`; KL first,
 * then the largest outstanding principal. With its open instalments of the current schedule.
 */
export async function restructureCandidate(
  db: Queryable,
  cooperativeId: string,
  first: string,
): Promise<{ id: bigint; open: number } | undefined> {
  const r = await sql<{ id: bigint; open: number }>`
        select l.id, (select count(*) from loan_schedules s where s.cooperative_id = l.cooperative_id and s.loan_id = l.id
          and s.schedule_version = l.schedule_version and s.paid_on is null)::int as open
        from loans l where l.cooperative_id = ${cooperativeId} and l.status = 'active' and l.days_past_due between 61 and 200
          and not exists (select 1 from loan_repayments r where r.cooperative_id = l.cooperative_id and r.loan_id = l.id and r.paid_on >= ${first}::date)
        order by (l.collectibility = 'KL') desc, l.outstanding_principal_rupiah desc, l.id limit 1`.execute(
    db,
  );
  return r.rows[0];
}

/** The active Macet loan with the largest outstanding principal. */
export async function writeOffCandidate(
  db: Queryable,
  cooperativeId: string,
): Promise<{ id: bigint } | undefined> {
  const r = await sql<{ id: bigint }>`
        select id from loans where cooperative_id = ${cooperativeId} and status = 'active' and collectibility = 'M'
        order by outstanding_principal_rupiah desc, id limit 1`.execute(db);
  return r.rows[0];
}

/** The first active cash desk by code. */
export async function firstActiveDesk(
  db: Queryable,
  cooperativeId: string,
): Promise<{ id: bigint } | undefined> {
  const r = await sql<{
    id: bigint;
  }>`select id from cash_desks where cooperative_id = ${cooperativeId} and active order by code limit 1`.execute(
    db,
  );
  return r.rows[0];
}

/**
 * Loan money into or out of sukarela accounts, in the order given (`movesJson`: [{ account, kind,
 * sign, amount, after, date, entry }]): the accounts' balances, then their transactions.
 */
export async function writeSavingsMoves(
  tx: Queryable,
  cooperativeId: string,
  movesJson: string,
): Promise<void> {
  await sql`
      with x as (select account, sum(sign * amount) as amount, max(date) as date
                 from jsonb_to_recordset(${movesJson}::jsonb) as x(account bigint, sign int, amount bigint, date date) group by account)
      update savings_accounts a set balance_rupiah = a.balance_rupiah + x.amount, last_activity_on = greatest(a.last_activity_on, x.date)
      from x where a.cooperative_id = ${cooperativeId} and a.id = x.account`.execute(tx);
  await sql`
      insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah, balance_after_rupiah, transaction_date, entry_id)
      select ${cooperativeId}, x.account, x.kind, x.sign, x.amount, x.after, x.date, x.entry
      from rows from (jsonb_to_recordset(${movesJson}::jsonb) as (account bigint, kind text, sign smallint, amount bigint, after bigint, date date, entry bigint))
        with ordinality as x(account, kind, sign, amount, after, date, entry, ord)
      order by x.ord`.execute(tx);
}

/**
 * Active murabahah financings of the demo KSPPS in arrears since before `before`, the oldest
 * arrears first (src/services/demo/late-payment.ts marks one unable and charges ta'widh on others).
 */
export async function murabahahInArrears(
  db: Queryable,
  cooperativeId: string,
  before: string,
  limit: number,
): Promise<{ id: bigint; oldest_unpaid_due_on: string }[]> {
  const r = await sql<{ id: bigint; oldest_unpaid_due_on: string }>`
    select id, oldest_unpaid_due_on::text as oldest_unpaid_due_on from loans
    where cooperative_id = ${cooperativeId} and status = 'active' and akad = 'murabahah'
      and oldest_unpaid_due_on < ${before}::date
    order by oldest_unpaid_due_on, id limit ${limit}`.execute(db);
  return r.rows;
}

/**
 * The loans the demo KSP repaid in full during 2025 in its old books, migrated as history in one
 * statement: paid-off loans (product `productId`), their original schedules paid in full and one
 * instalment repayment per schedule row, all booked on the migration entry `entryId`.
 * `loansJson`: [{ loan_number, member_id, principal, tenor, provisi, admin, disbursed_on,
 * maturity_on, closed_on, collateral_value }]; `instalmentsJson`: [{ loan_number, no, due, p, i,
 * paid_on }]. The number of loans written.
 */
export async function insertMigratedPaidOffLoans(
  tx: Queryable,
  cooperativeId: string,
  productId: bigint,
  entryId: bigint,
  loansJson: string,
  instalmentsJson: string,
): Promise<number> {
  const r = await sql<{ n: number }>`
    with x as (
      select * from jsonb_to_recordset(${loansJson}::jsonb) as x(loan_number text, member_id bigint, principal bigint, tenor int,
        provisi bigint, admin bigint, disbursed_on date, maturity_on date, closed_on date, collateral_value bigint)),
    ln as (
      insert into loans (cooperative_id, loan_number, member_id, product_id, akad, method, rate_percent, rate_period, frequency, tenor,
        principal_rupiah, provisi_rupiah, admin_fee_rupiah, disbursed_on, maturity_on, status, outstanding_principal_rupiah,
        outstanding_interest_rupiah, collateral_value_rupiah, closed_on)
      select ${cooperativeId}, x.loan_number, x.member_id, ${productId}, 'conventional', 'flat', 1.5, 'month', 'monthly', x.tenor,
        x.principal, x.provisi, x.admin, x.disbursed_on, x.maturity_on, 'paid_off', 0, 0, x.collateral_value, x.closed_on
      from x order by x.disbursed_on, x.loan_number
      returning id, loan_number, disbursed_on),
    v as (
      insert into loan_schedule_versions (cooperative_id, loan_id, schedule_version, reason, effective_on)
      select ${cooperativeId}, ln.id, 1, 'original', ln.disbursed_on from ln),
    i as (
      select ln.id as loan_id, s.* from jsonb_to_recordset(${instalmentsJson}::jsonb)
        as s(loan_number text, no int, due date, p bigint, i bigint, paid_on date)
      join ln on ln.loan_number = s.loan_number),
    sch as (
      insert into loan_schedules (cooperative_id, loan_id, schedule_version, instalment_no, due_on, principal_rupiah, interest_rupiah,
        paid_principal_rupiah, paid_interest_rupiah, paid_on)
      select ${cooperativeId}, i.loan_id, 1, i.no, i.due, i.p, i.i, i.p, i.i, i.paid_on from i),
    rep as (
      insert into loan_repayments (cooperative_id, loan_id, paid_on, kind, channel, amount_rupiah, interest_rupiah, principal_rupiah, entry_id)
      select ${cooperativeId}, i.loan_id, i.paid_on, 'instalment', 'cash', i.p + i.i, i.i, i.p, ${entryId} from i order by i.paid_on, i.loan_id)
    select count(*)::int as n from ln`.execute(tx);
  return r.rows[0]!.n;
}

/** The cooperative's members with their join date, the one who signs in to the portal first. */
export async function membersForHistory(
  db: Queryable,
  cooperativeId: string,
): Promise<{ id: bigint; joined_on: string; login: boolean }[]> {
  const r = await sql<{ id: bigint; joined_on: string; login: boolean }>`
    select id, joined_on::text as joined_on, user_id is not null as login from members
    where cooperative_id = ${cooperativeId} and status = 'active'
    order by (user_id is not null) desc, id`.execute(db);
  return r.rows;
}

/** The id of the cooperative's loan product with `code`. */
export async function loanProductId(
  db: Queryable,
  cooperativeId: string,
  code: string,
): Promise<bigint | undefined> {
  const r = await sql<{ id: bigint }>`
    select id from loan_products where cooperative_id = ${cooperativeId} and code = ${code}`.execute(
    db,
  );
  return r.rows[0]?.id;
}
