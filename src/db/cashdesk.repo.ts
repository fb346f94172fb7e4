import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Queryable } from './database.js';
import type { CashDesksTable, CashSessionsTable } from './schema.js';

/** Cash desks (counters) and the teller sessions that open and close them. */
export type CashDeskRecord = Selectable<CashDesksTable>;
export type CashSessionRecord = Selectable<CashSessionsTable>;

export async function listDesks(db: Queryable, cooperativeId: string) {
  return db
    .selectFrom('cash_desks')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('code')
    .execute();
}

export async function findDesk(
  db: Queryable,
  cooperativeId: string,
  deskId: bigint,
): Promise<CashDeskRecord | undefined> {
  return db
    .selectFrom('cash_desks')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .where('id', '=', deskId)
    .executeTakeFirst();
}

export async function branchExists(
  db: Queryable,
  cooperativeId: string,
  branchId: bigint,
): Promise<boolean> {
  const row = await db
    .selectFrom('branches')
    .select('id')
    .where('cooperative_id', '=', cooperativeId)
    .where('id', '=', branchId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Adds a desk; undefined when the cooperative already has a desk with that code. */
export async function insertDeskUnlessCodeTaken(
  db: Queryable,
  desk: Insertable<CashDesksTable>,
): Promise<CashDeskRecord | undefined> {
  return db
    .insertInto('cash_desks')
    .values(desk)
    .onConflict((oc) => oc.columns(['cooperative_id', 'code']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** Opens a session; undefined when the desk or the teller already has one open. */
export async function insertSessionUnlessOpen(
  db: Queryable,
  session: Insertable<CashSessionsTable>,
): Promise<CashSessionRecord | undefined> {
  return db
    .insertInto('cash_sessions')
    .values(session)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
}

/**
 * A session with its desk's code and branch, its row locked until the transaction ends. This is
 * a statement of the teller's hot path (every counter deposit and repayment): keep it one query.
 */
export async function lockSession(db: Queryable, cooperativeId: string, sessionId: bigint) {
  return db
    .selectFrom('cash_sessions as s')
    .innerJoin('cash_desks as d', (j) =>
      j.onRef('d.cooperative_id', '=', 's.cooperative_id').onRef('d.id', '=', 's.desk_id'),
    )
    .select(['s.id', 's.desk_id', 's.teller_user_id', 's.status', 's.opening_float_rupiah'])
    .select(['s.business_date', 'd.code as desk_code', 'd.branch_id'])
    .where('s.cooperative_id', '=', cooperativeId)
    .where('s.id', '=', sessionId)
    .forUpdate('s')
    .executeTakeFirst();
}

/** The teller's open session, if any, with its desk's code. */
export async function openSessionOfTeller(db: Queryable, cooperativeId: string, userId: string) {
  return db
    .selectFrom('cash_sessions as s')
    .innerJoin('cash_desks as d', (j) =>
      j.onRef('d.cooperative_id', '=', 's.cooperative_id').onRef('d.id', '=', 's.desk_id'),
    )
    .selectAll('s')
    .select('d.code as desk_code')
    .where('s.cooperative_id', '=', cooperativeId)
    .where('s.teller_user_id', '=', userId)
    .where('s.status', '=', 'open')
    .executeTakeFirst();
}

/** Every session of a business day with its desk and teller, by desk code. */
export async function sessionsOfDay(db: Queryable, cooperativeId: string, businessDate: string) {
  return db
    .selectFrom('cash_sessions as s')
    .innerJoin('cash_desks as d', (j) =>
      j.onRef('d.cooperative_id', '=', 's.cooperative_id').onRef('d.id', '=', 's.desk_id'),
    )
    .innerJoin('users as u', 'u.id', 's.teller_user_id')
    .selectAll('s')
    .select(['d.code as desk_code', 'd.branch_id', 'u.username', 'u.full_name'])
    .where('s.cooperative_id', '=', cooperativeId)
    .where('s.business_date', '=', businessDate)
    .orderBy('d.code')
    .execute();
}

export async function updateSession(
  db: Queryable,
  cooperativeId: string,
  sessionId: bigint,
  change: Updateable<CashSessionsTable>,
): Promise<CashSessionRecord> {
  return db
    .updateTable('cash_sessions')
    .set(change)
    .where('cooperative_id', '=', cooperativeId)
    .where('id', '=', sessionId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Debit and credit of the lines on accounts with `role` posted through the session. */
export async function sessionMovements(
  db: Queryable,
  cooperativeId: string,
  sessionId: bigint,
  role: string,
): Promise<{ debit: bigint; credit: bigint }> {
  const r = await sql<{ d: bigint; c: bigint }>`
    select coalesce(sum(l.debit_rupiah), 0)::bigint as d, coalesce(sum(l.credit_rupiah), 0)::bigint as c
    from journal_entries e
    join journal_lines l on l.cooperative_id = e.cooperative_id and l.entry_id = e.id
    join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id and a.role = ${role}
    where e.cooperative_id = ${cooperativeId} and e.cash_session_id = ${sessionId}`.execute(db);
  return { debit: r.rows[0]?.d ?? 0n, credit: r.rows[0]?.c ?? 0n };
}
