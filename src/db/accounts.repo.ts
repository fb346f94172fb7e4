import { sql, type Insertable, type Selectable } from 'kysely';
import type { AccountType, CashFlowClass, NormalBalance } from '../domain/accounting/account.js';
import type { Queryable } from './database.js';
import type { AccountsTable } from './schema.js';

/** The chart of accounts of a cooperative (table accounts). */
export type AccountRecord = Selectable<AccountsTable>;
export type NewAccountRecord = Insertable<AccountsTable>;

/** An account as the chart screen shows it, with whether anything was ever posted to it. */
export interface AccountRow {
  id: bigint;
  code: string;
  name: string;
  accountType: AccountType;
  normalBalance: NormalBalance;
  parentId: bigint | null;
  isPostable: boolean;
  role: string | null;
  cashFlowClass: CashFlowClass;
  active: boolean;
  hasPostings: boolean;
}

export async function listAccounts(db: Queryable, cooperativeId: string): Promise<AccountRow[]> {
  const rows = await sql<
    Omit<AccountRecord, 'cooperative_id' | 'created_at'> & { has_postings: boolean }
  >`
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

/** Writes accounts in one statement; returns the id given to each code. */
export async function insertAccounts(
  db: Queryable,
  accounts: readonly NewAccountRecord[],
): Promise<{ id: bigint; code: string }[]> {
  return db.insertInto('accounts').values(accounts).returning(['id', 'code']).execute();
}

/** Adds one account; undefined when the cooperative already has an account with that code. */
export async function insertAccountUnlessCodeTaken(
  db: Queryable,
  account: NewAccountRecord,
): Promise<AccountRecord | undefined> {
  return db
    .insertInto('accounts')
    .values(account)
    .onConflict((oc) => oc.columns(['cooperative_id', 'code']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findAccountByCode(
  db: Queryable,
  cooperativeId: string,
  code: string,
): Promise<AccountRecord | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The account holding a role (the chart templates give each role to one account). */
export async function findAccountByRole(
  db: Queryable,
  cooperativeId: string,
  role: string,
): Promise<AccountRecord | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .where('role', '=', role)
    .executeTakeFirst();
}

export async function setAccountActive(
  db: Queryable,
  cooperativeId: string,
  accountId: bigint,
  active: boolean,
): Promise<AccountRecord | undefined> {
  return db
    .updateTable('accounts')
    .set({ active })
    .where('cooperative_id', '=', cooperativeId)
    .where('id', '=', accountId)
    .returningAll()
    .executeTakeFirst();
}

/** What the posting path resolves a line's account by (id, code or role) and checks. */
export async function postingAccounts(db: Queryable, cooperativeId: string) {
  return db
    .selectFrom('accounts')
    .select(['id', 'code', 'role', 'is_postable', 'active'])
    .where('cooperative_id', '=', cooperativeId)
    .execute();
}

/**
 * Gives `role` to an account that has none, is postable and was never posted to (its balance is
 * nothing but what the role will put there); false when the account is not such.
 */
export async function adoptAccountForRole(
  db: Queryable,
  cooperativeId: string,
  accountId: bigint,
  role: string,
): Promise<boolean> {
  const r = await db
    .updateTable('accounts')
    .set({ role })
    .where('cooperative_id', '=', cooperativeId)
    .where('id', '=', accountId)
    .where('role', 'is', null)
    .where('is_postable', '=', true)
    .where(
      sql<boolean>`not exists (select 1 from journal_lines l
        where l.cooperative_id = ${cooperativeId} and l.account_id = ${accountId})`,
    )
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

/** The codes of a cooperative's chart among `codes`. */
export async function codesTaken(
  db: Queryable,
  cooperativeId: string,
  codes: readonly string[],
): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .selectFrom('accounts')
    .select('code')
    .where('cooperative_id', '=', cooperativeId)
    .where('code', 'in', codes)
    .execute();
  return new Set(rows.map((r) => r.code));
}
