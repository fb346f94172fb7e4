import { sql } from 'kysely';
import type { Queryable } from './database.js';

export interface AccountRow {
  id: bigint;
  code: string;
  name: string;
  accountType: 'aset' | 'kewajiban' | 'ekuitas' | 'pendapatan' | 'beban';
  normalBalance: 'debit' | 'credit';
  parentId: bigint | null;
  isPostable: boolean;
  role: string | null;
  cashFlowClass: 'cash' | 'operating' | 'investing' | 'financing';
  active: boolean;
  hasPostings: boolean;
}

export async function listAccounts(db: Queryable, cooperativeId: string): Promise<AccountRow[]> {
  const rows = await sql<{
    id: bigint;
    code: string;
    name: string;
    account_type: AccountRow['accountType'];
    normal_balance: AccountRow['normalBalance'];
    parent_id: bigint | null;
    is_postable: boolean;
    role: string | null;
    cash_flow_class: AccountRow['cashFlowClass'];
    active: boolean;
    has_postings: boolean;
  }>`
    select a.id, a.code, a.name, a.account_type, a.normal_balance, a.parent_id, a.is_postable, a.role, a.cash_flow_class, a.active,
           exists (select 1 from account_balances b where b.cooperative_id = a.cooperative_id and b.account_id = a.id) as has_postings
    from accounts a where a.cooperative_id = ${cooperativeId} order by a.code`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    accountType: r.account_type,
    normalBalance: r.normal_balance,
    parentId: r.parent_id,
    isPostable: r.is_postable,
    role: r.role,
    cashFlowClass: r.cash_flow_class,
    active: r.active,
    hasPostings: r.has_postings,
  }));
}

/**
 * Per-account debit and credit totals: movements within [fromPeriod, toPeriod] and everything
 * before fromPeriod (the opening), read from the maintained balances, never from the journal.
 */
export async function balancesFor(
  db: Queryable,
  cooperativeId: string,
  fromPeriod: string,
  toPeriod: string,
) {
  const r = await sql<{ account_id: bigint; open_d: bigint; open_c: bigint; d: bigint; c: bigint }>`
    select account_id,
           coalesce(sum(debit_rupiah) filter (where period < ${fromPeriod}), 0)::bigint as open_d,
           coalesce(sum(credit_rupiah) filter (where period < ${fromPeriod}), 0)::bigint as open_c,
           coalesce(sum(debit_rupiah) filter (where period >= ${fromPeriod}), 0)::bigint as d,
           coalesce(sum(credit_rupiah) filter (where period >= ${fromPeriod}), 0)::bigint as c
    from account_balances
    where cooperative_id = ${cooperativeId} and period <= ${toPeriod}
    group by account_id`.execute(db);
  return r.rows;
}

export interface EntryFilter {
  fromDate?: string;
  toDate?: string;
  accountId?: bigint;
  text?: string;
  sourceType?: string;
  beforeId?: bigint;
  limit: number;
}

export async function searchEntries(db: Queryable, cooperativeId: string, f: EntryFilter) {
  let q = db
    .selectFrom('journal_entries as e')
    .select([
      'e.id',
      'e.entry_date',
      'e.series',
      'e.number',
      'e.fiscal_year',
      'e.description',
      'e.source_type',
      'e.source_id',
      'e.total_rupiah',
      'e.reversal_of',
      'e.branch_id',
      'e.created_at',
    ])
    .where('e.cooperative_id', '=', cooperativeId)
    .orderBy('e.id', 'desc')
    .limit(f.limit);
  if (f.fromDate) q = q.where('e.entry_date', '>=', f.fromDate);
  if (f.toDate) q = q.where('e.entry_date', '<=', f.toDate);
  if (f.beforeId) q = q.where('e.id', '<', f.beforeId);
  if (f.sourceType) q = q.where('e.source_type', '=', f.sourceType);
  if (f.text)
    q = q.where('e.description', 'ilike', `%${f.text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
  if (f.accountId !== undefined) {
    const accountId = f.accountId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('journal_lines as l')
          .select('l.line_no')
          .whereRef('l.cooperative_id', '=', 'e.cooperative_id')
          .whereRef('l.entry_id', '=', 'e.id')
          .where('l.account_id', '=', accountId),
      ),
    );
  }
  return q.execute();
}

export async function entryWithLines(db: Queryable, cooperativeId: string, id: bigint) {
  const entry = await db
    .selectFrom('journal_entries')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!entry) return undefined;
  const lines = await db
    .selectFrom('journal_lines as l')
    .innerJoin('accounts as a', (j) =>
      j.onRef('a.cooperative_id', '=', 'l.cooperative_id').onRef('a.id', '=', 'l.account_id'),
    )
    .select([
      'l.line_no',
      'l.account_id',
      'a.code',
      'a.name',
      'l.debit_rupiah',
      'l.credit_rupiah',
      'l.member_id',
      'l.branch_id',
      'l.memo',
    ])
    .where('l.cooperative_id', '=', cooperativeId)
    .where('l.entry_id', '=', id)
    .orderBy('l.line_no')
    .execute();
  const reversedBy = await db
    .selectFrom('journal_entries')
    .select('id')
    .where('cooperative_id', '=', cooperativeId)
    .where('reversal_of', '=', id)
    .executeTakeFirst();
  return { entry, lines, reversedBy: reversedBy?.id ?? null };
}

/** General-ledger rows of one account in a date range, oldest first. */
export async function accountLines(
  db: Queryable,
  cooperativeId: string,
  accountId: bigint,
  fromDate: string,
  toDate: string,
  limit: number,
) {
  return db
    .selectFrom('journal_lines as l')
    .innerJoin('journal_entries as e', (j) =>
      j.onRef('e.cooperative_id', '=', 'l.cooperative_id').onRef('e.id', '=', 'l.entry_id'),
    )
    .select([
      'e.id as entry_id',
      'e.entry_date',
      'e.series',
      'e.number',
      'e.fiscal_year',
      'e.description',
      'l.debit_rupiah',
      'l.credit_rupiah',
      'l.memo',
    ])
    .where('l.cooperative_id', '=', cooperativeId)
    .where('l.account_id', '=', accountId)
    .where('e.entry_date', '>=', fromDate)
    .where('e.entry_date', '<=', toDate)
    .orderBy('e.entry_date')
    .orderBy('e.id')
    .limit(limit)
    .execute();
}

export async function periodStatuses(db: Queryable, cooperativeId: string) {
  return db
    .selectFrom('fiscal_periods')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('period')
    .execute();
}

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
