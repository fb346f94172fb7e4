import { sql } from 'kysely';
import type { AccountDefinition, CashFlowClass } from '../domain/accounting/account.js';
import type { Queryable } from './database.js';

/**
 * The ledger's months and maintained balances (tables fiscal_periods and account_balances). Every
 * total here is read from the balances the posting function keeps, never summed from the journal.
 */

export async function periodStatuses(db: Queryable, cooperativeId: string) {
  return db
    .selectFrom('fiscal_periods')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('period')
    .execute();
}

export async function isPeriodClosed(
  db: Queryable,
  cooperativeId: string,
  entryDate: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('fiscal_periods')
    .select('status')
    .where('cooperative_id', '=', cooperativeId)
    .where('period', '=', entryDate.slice(0, 7))
    .executeTakeFirst();
  return row?.status === 'closed';
}

/** The first month with postings, or null for an empty ledger. */
export async function firstEntryPeriod(
  db: Queryable,
  cooperativeId: string,
): Promise<string | null> {
  const r = await sql<{
    p: string | null;
  }>`select min(period) as p from account_balances where cooperative_id = ${cooperativeId}`.execute(
    db,
  );
  return r.rows[0]?.p ?? null;
}

/** One closer at a time per cooperative: a lock held until the transaction ends. */
export async function lockPeriodClosing(db: Queryable, cooperativeId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${cooperativeId}, 7))`.execute(db);
}

export async function markPeriodClosed(
  db: Queryable,
  cooperativeId: string,
  period: string,
  closedAt: Date,
  closedBy: string | null,
): Promise<void> {
  await db
    .insertInto('fiscal_periods')
    .values({
      cooperative_id: cooperativeId,
      period,
      status: 'closed',
      closed_at: closedAt,
      closed_by: closedBy,
    })
    .onConflict((oc) =>
      oc
        .columns(['cooperative_id', 'period'])
        .doUpdateSet({ status: 'closed', closed_at: closedAt, closed_by: closedBy }),
    )
    .execute();
}

/** Debit and credit totals of every posting through the month `through`: the trial balance. */
export async function trialBalanceTotals(
  db: Queryable,
  cooperativeId: string,
  through: string,
): Promise<{ debit: bigint; credit: bigint }> {
  const r = await sql<{ d: bigint; c: bigint }>`
    select coalesce(sum(debit_rupiah), 0)::bigint as d, coalesce(sum(credit_rupiah), 0)::bigint as c
    from account_balances where cooperative_id = ${cooperativeId} and period <= ${through}`.execute(
    db,
  );
  return { debit: r.rows[0]?.d ?? 0n, credit: r.rows[0]?.c ?? 0n };
}

/** Income and expense accounts with a balance left in the year: what the year-end close closes. */
export async function incomeAndExpenseOfYear(db: Queryable, cooperativeId: string, year: number) {
  const r = await sql<{ account_id: bigint; d: bigint; c: bigint }>`
    select b.account_id, sum(b.debit_rupiah)::bigint as d, sum(b.credit_rupiah)::bigint as c
    from account_balances b join accounts a on a.cooperative_id = b.cooperative_id and a.id = b.account_id
    where b.cooperative_id = ${cooperativeId} and b.period between ${`${year}-01`} and ${`${year}-12`}
      and a.account_type in ('pendapatan', 'beban')
    group by b.account_id having sum(b.debit_rupiah) <> sum(b.credit_rupiah)
    order by b.account_id`.execute(db);
  return r.rows;
}

/** One account with its balances for a range of months, as every statement builder needs them. */
export interface AccountBalanceRecord extends AccountDefinition {
  id: bigint;
  role: string | null;
  cashFlowClass: CashFlowClass;
  /** Debit-positive balance before the range (everything dated before its first month). */
  openingDebitRupiah: bigint;
  debitRupiah: bigint;
  creditRupiah: bigint;
}

/** Every account of the chart with its opening balance and movements in [fromPeriod, toPeriod]. */
export async function accountBalancesInRange(
  db: Queryable,
  cooperativeId: string,
  fromPeriod: string,
  toPeriod: string,
): Promise<AccountBalanceRecord[]> {
  const r = await sql<{
    id: bigint;
    code: string;
    name: string;
    account_type: AccountBalanceRecord['type'];
    normal_balance: AccountBalanceRecord['normalBalance'];
    parent_code: string | null;
    is_postable: boolean;
    role: string | null;
    cash_flow_class: CashFlowClass;
    open_d: bigint;
    d: bigint;
    c: bigint;
  }>`
    with b as (
      select account_id,
             coalesce(sum(debit_rupiah - credit_rupiah) filter (where period < ${fromPeriod}), 0)::bigint as open_d,
             coalesce(sum(debit_rupiah) filter (where period >= ${fromPeriod}), 0)::bigint as d,
             coalesce(sum(credit_rupiah) filter (where period >= ${fromPeriod}), 0)::bigint as c
      from account_balances where cooperative_id = ${cooperativeId} and period <= ${toPeriod}
      group by account_id)
    select a.id, a.code, a.name, a.account_type, a.normal_balance, p.code as parent_code, a.is_postable, a.role, a.cash_flow_class,
           coalesce(b.open_d, 0)::bigint as open_d, coalesce(b.d, 0)::bigint as d, coalesce(b.c, 0)::bigint as c
    from accounts a
    left join accounts p on p.cooperative_id = a.cooperative_id and p.id = a.parent_id
    left join b on b.account_id = a.id
    where a.cooperative_id = ${cooperativeId}
    order by a.code`.execute(db);
  return r.rows.map((x) => ({
    id: x.id,
    code: x.code,
    name: x.name,
    type: x.account_type,
    normalBalance: x.normal_balance,
    parentCode: x.parent_code,
    isPostable: x.is_postable,
    role: x.role,
    cashFlowClass: x.cash_flow_class,
    openingDebitRupiah: x.open_d,
    debitRupiah: x.d,
    creditRupiah: x.c,
  }));
}
