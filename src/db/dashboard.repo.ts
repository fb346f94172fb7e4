import { sql } from 'kysely';
import type { Queryable } from './database.js';

/**
 * The manager's dashboard reads (src/services/dashboard.ts): a handful of set-based statements
 * over a window of months, each answering every month at once (no round trip per month). Money
 * comes from the ledger's maintained balances and the books' own tables, never from a copy.
 */

/** The months of the window as 'YYYY-MM', first to last (inclusive). */
export interface MonthWindow {
  fromPeriod: string;
  toPeriod: string;
}

const monthsOf = (w: MonthWindow) => sql`
  select to_char(g, 'YYYY-MM') as period, g::date as first_day,
         (g + interval '1 month' - interval '1 day')::date as last_day
  from generate_series(${`${w.fromPeriod}-01`}::date, ${`${w.toPeriod}-01`}::date, interval '1 month') g`;

/**
 * Month-end balances (debit minus credit, all history up to the month) of the accounts with the
 * given roles, and of all current liabilities together (kewajiban lancar: the chart's 21xx
 * accounts, savings included) as `currentLiabilities`. One row per month and key; a key without
 * postings up to a month is absent for it.
 */
export async function monthEndBalances(
  db: Queryable,
  cooperativeId: string,
  window: MonthWindow,
  roles: readonly string[],
): Promise<{ period: string; key: string; debitBalanceRupiah: bigint }[]> {
  const r = await sql<{ period: string; key: string; balance: bigint }>`
    with m as (${monthsOf(window)}),
    a as (
      select id, role as key from accounts
      where cooperative_id = ${cooperativeId} and role = any(${[...roles]}::text[])
      union all
      select id, 'currentLiabilities' from accounts
      where cooperative_id = ${cooperativeId} and account_type = 'kewajiban' and code like '21%'),
    b as (
      select ab.period, a.key, sum(ab.debit_rupiah - ab.credit_rupiah) as net
      from account_balances ab join a on a.id = ab.account_id
      where ab.cooperative_id = ${cooperativeId} and ab.period <= ${window.toPeriod}
      group by ab.period, a.key)
    select m.period, b.key, sum(b.net)::bigint as balance
    from m join b on b.period <= m.period
    group by m.period, b.key
    order by m.period, b.key`.execute(db);
  return r.rows.map((x) => ({ period: x.period, key: x.key, debitBalanceRupiah: x.balance }));
}

/**
 * Income and expenses booked in each month of the window, without the year-end closing entries
 * (they move the year's result into equity and would cancel December's income statement).
 */
export async function monthlyIncomeAndExpenses(
  db: Queryable,
  cooperativeId: string,
  window: MonthWindow,
): Promise<{ period: string; incomeRupiah: bigint; expenseRupiah: bigint }[]> {
  const r = await sql<{ period: string; income: bigint; expense: bigint }>`
    with m as (${monthsOf(window)}),
    moves as (
      select ab.period, a.account_type, sum(ab.credit_rupiah - ab.debit_rupiah) as credit_net
      from account_balances ab
      join accounts a on a.cooperative_id = ab.cooperative_id and a.id = ab.account_id
      where ab.cooperative_id = ${cooperativeId} and a.account_type in ('pendapatan', 'beban')
        and ab.period between ${window.fromPeriod} and ${window.toPeriod}
      group by ab.period, a.account_type
      union all
      select to_char(e.entry_date, 'YYYY-MM'), a.account_type, -sum(l.credit_rupiah - l.debit_rupiah)
      from journal_entries e
      join journal_lines l on l.cooperative_id = e.cooperative_id and l.entry_id = e.id
      join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
      where e.cooperative_id = ${cooperativeId} and e.source_type = 'ledger.year-end'
        and a.account_type in ('pendapatan', 'beban')
        and e.entry_date between ${`${window.fromPeriod}-01`}::date
          and (${`${window.toPeriod}-01`}::date + interval '1 month' - interval '1 day')::date
      group by 1, 2)
    select m.period,
           coalesce(sum(moves.credit_net) filter (where moves.account_type = 'pendapatan'), 0)::bigint as income,
           coalesce(-sum(moves.credit_net) filter (where moves.account_type = 'beban'), 0)::bigint as expense
    from m left join moves on moves.period = m.period
    group by m.period
    order by m.period`.execute(db);
  return r.rows.map((x) => ({
    period: x.period,
    incomeRupiah: x.income,
    expenseRupiah: x.expense,
  }));
}

/**
 * Members per month: on the register at the month's end (joined, not yet left or deceased),
 * joined during the month and left during it. Applicants and rejected applicants are not members.
 */
export async function monthlyMembers(
  db: Queryable,
  cooperativeId: string,
  window: MonthWindow,
): Promise<{ period: string; members: number; joined: number; left: number }[]> {
  const r = await sql<{ period: string; members: number; joined: number; left: number }>`
    with m as (${monthsOf(window)})
    select m.period,
           count(x.id) filter (where x.joined_on <= m.last_day and (x.left_on is null or x.left_on > m.last_day))::int as members,
           count(x.id) filter (where x.joined_on between m.first_day and m.last_day)::int as joined,
           count(x.id) filter (where x.left_on between m.first_day and m.last_day)::int as left
    from m
    left join members x on x.cooperative_id = ${cooperativeId} and x.joined_on is not null
      and x.status not in ('applicant', 'rejected') and x.joined_on <= m.last_day
    group by m.period
    order by m.period`.execute(db);
  return r.rows;
}

/** Members by status now (the register's own status column). */
export async function membersByStatus(
  db: Queryable,
  cooperativeId: string,
): Promise<{ status: string; members: number }[]> {
  const r = await sql<{ status: string; members: number }>`
    select status, count(*)::int as members from members
    where cooperative_id = ${cooperativeId} group by status order by status`.execute(db);
  return r.rows;
}

/** Active loans now by collectibility class: how many and their outstanding principal. */
export async function loansByClass(
  db: Queryable,
  cooperativeId: string,
): Promise<{ collectibility: string; loans: number; outstandingRupiah: bigint }[]> {
  const r = await sql<{ collectibility: string; loans: number; outstanding: bigint }>`
    select collectibility, count(*)::int as loans, sum(outstanding_principal_rupiah)::bigint as outstanding
    from loans where cooperative_id = ${cooperativeId} and status = 'active'
    group by collectibility`.execute(db);
  return r.rows.map((x) => ({
    collectibility: x.collectibility,
    loans: x.loans,
    outstandingRupiah: x.outstanding,
  }));
}

/**
 * The loan book at each closed month-end by class, as the month-end's provisioning recorded it
 * (loan_provisions): months whose month-end has not run are absent.
 */
export async function monthEndLoansByClass(
  db: Queryable,
  cooperativeId: string,
  window: MonthWindow,
): Promise<{ period: string; collectibility: string; loans: number; outstandingRupiah: bigint }[]> {
  const r = await sql<{
    period: string;
    collectibility: string;
    loans: number;
    outstanding: bigint;
  }>`
    select period, collectibility, loans, outstanding_rupiah as outstanding
    from loan_provisions
    where cooperative_id = ${cooperativeId} and period between ${window.fromPeriod} and ${window.toPeriod}
    order by period, collectibility`.execute(db);
  return r.rows.map((x) => ({
    period: x.period,
    collectibility: x.collectibility,
    loans: x.loans,
    outstandingRupiah: x.outstanding,
  }));
}

/**
 * The counter on one business day: its cash sessions, and per kind of transaction (the journal
 * entry's source type) how many were taken and the cash they brought in and paid out.
 */
export async function counterDay(
  db: Queryable,
  cooperativeId: string,
  businessDate: string,
): Promise<{
  sessionsOpen: number;
  sessionsClosed: number;
  kinds: {
    sourceType: string;
    transactions: number;
    cashInRupiah: bigint;
    cashOutRupiah: bigint;
  }[];
}> {
  const s = await sql<{ open: number; closed: number }>`
    select count(*) filter (where status = 'open')::int as open, count(*) filter (where status = 'closed')::int as closed
    from cash_sessions where cooperative_id = ${cooperativeId} and business_date = ${businessDate}::date`.execute(
    db,
  );
  const k = await sql<{ source_type: string; n: number; cash_in: bigint; cash_out: bigint }>`
    with e as (
      select e.id, e.source_type from journal_entries e
      join cash_sessions s on s.cooperative_id = e.cooperative_id and s.id = e.cash_session_id
      where e.cooperative_id = ${cooperativeId} and s.business_date = ${businessDate}::date)
    select e.source_type, count(distinct e.id)::int as n,
           coalesce(sum(l.debit_rupiah), 0)::bigint as cash_in, coalesce(sum(l.credit_rupiah), 0)::bigint as cash_out
    from e
    left join journal_lines l on l.cooperative_id = ${cooperativeId} and l.entry_id = e.id
      and l.account_id = (select id from accounts where cooperative_id = ${cooperativeId} and role = 'cash')
    group by e.source_type
    order by e.source_type`.execute(db);
  return {
    sessionsOpen: s.rows[0]?.open ?? 0,
    sessionsClosed: s.rows[0]?.closed ?? 0,
    kinds: k.rows.map((x) => ({
      sourceType: x.source_type,
      transactions: x.n,
      cashInRupiah: x.cash_in,
      cashOutRupiah: x.cash_out,
    })),
  };
}
