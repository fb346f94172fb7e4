import { sql } from 'kysely';
import type { Queryable, Tx } from './database.js';
import * as literal from './literals.js';

/** The values of one posting, as `ledger_post` (migrations 0009, 0011) takes them. */
export interface LedgerPostCall {
  cooperativeId: string;
  entryDate: string;
  series: string;
  description: string;
  sourceType: string;
  sourceId: string | null | undefined;
  branchId: bigint | null | undefined;
  reversalOf: bigint | null | undefined;
  cashSessionId: bigint | null | undefined;
  totalRupiah: bigint;
  createdBy: string | null;
  lines: {
    accountId: bigint;
    debitRupiah: bigint;
    creditRupiah: bigint;
    memberId: bigint | null | undefined;
    branchId: bigint | null | undefined;
    memo: string | null | undefined;
  }[];
}

/**
 * Posts one entry in ONE statement. It is plain SQL text with its values as checked literals
 * (src/db/literals.ts), so when it is the first statement of a transaction it travels in the same
 * round trip as BEGIN, and the function keeps the posting statement's plan.
 */
export async function callLedgerPost(
  tx: Tx,
  p: LedgerPostCall,
): Promise<{ entry_id: bigint; entry_number: bigint; line_count: bigint } | undefined> {
  const lines = p.lines;
  const statement = `select entry_id, entry_number, line_count from ledger_post(
    ${literal.sqlUuid(p.cooperativeId)}, ${literal.sqlDate(p.entryDate)}, ${literal.sqlText(p.series)},
    ${literal.sqlText(p.description)}, ${literal.sqlText(p.sourceType)}, ${literal.sqlText(p.sourceId)},
    ${literal.sqlBigint(p.branchId)}, ${literal.sqlBigint(p.reversalOf)}, ${literal.sqlBigint(p.cashSessionId)},
    ${literal.sqlBigint(p.totalRupiah)}, ${literal.sqlUuid(p.createdBy)},
    ${literal.sqlBigintArray(lines.map((l) => l.accountId))}, ${literal.sqlBigintArray(lines.map((l) => l.debitRupiah))},
    ${literal.sqlBigintArray(lines.map((l) => l.creditRupiah))}, ${literal.sqlBigintArray(lines.map((l) => l.memberId))},
    ${literal.sqlBigintArray(lines.map((l) => l.branchId))}, ${literal.sqlTextArray(lines.map((l) => l.memo))})`;
  const r = await sql
    .raw<{ entry_id: bigint; entry_number: bigint; line_count: bigint }>(statement)
    .execute(tx);
  return r.rows[0];
}

export async function findEntry(db: Queryable, cooperativeId: string, id: bigint) {
  return db
    .selectFrom('journal_entries')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The entry that reverses `id`, if one was posted. */
export async function findReversalOf(db: Queryable, cooperativeId: string, id: bigint) {
  return db
    .selectFrom('journal_entries')
    .select('id')
    .where('cooperative_id', '=', cooperativeId)
    .where('reversal_of', '=', id)
    .executeTakeFirst();
}

export async function entryLines(db: Queryable, cooperativeId: string, entryId: bigint) {
  return db
    .selectFrom('journal_lines')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .where('entry_id', '=', entryId)
    .orderBy('line_no')
    .execute();
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
    .select(['e.id', 'e.entry_date', 'e.series', 'e.number', 'e.fiscal_year', 'e.description'])
    .select(['e.source_type', 'e.source_id', 'e.total_rupiah', 'e.reversal_of', 'e.branch_id'])
    .select('e.created_at')
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

/** One entry with its lines (and each line's account) and the entry that reversed it, if any. */
export async function entryWithLines(db: Queryable, cooperativeId: string, id: bigint) {
  const entry = await findEntry(db, cooperativeId, id);
  if (!entry) return undefined;
  const lines = await db
    .selectFrom('journal_lines as l')
    .innerJoin('accounts as a', (j) =>
      j.onRef('a.cooperative_id', '=', 'l.cooperative_id').onRef('a.id', '=', 'l.account_id'),
    )
    .select(['l.line_no', 'l.account_id', 'a.code', 'a.name', 'l.debit_rupiah', 'l.credit_rupiah'])
    .select(['l.member_id', 'l.branch_id', 'l.memo'])
    .where('l.cooperative_id', '=', cooperativeId)
    .where('l.entry_id', '=', id)
    .orderBy('l.line_no')
    .execute();
  const reversedBy = await findReversalOf(db, cooperativeId, id);
  return { entry, lines, reversedBy: reversedBy?.id ?? null };
}

/** General-ledger rows of one account in a date range, oldest first. */
export async function accountLines(
  db: Queryable,
  cooperativeId: string,
  accountId: bigint,
  range: { fromDate: string; toDate: string },
  limit: number,
) {
  return db
    .selectFrom('journal_lines as l')
    .innerJoin('journal_entries as e', (j) =>
      j.onRef('e.cooperative_id', '=', 'l.cooperative_id').onRef('e.id', '=', 'l.entry_id'),
    )
    .select(['e.id as entry_id', 'e.entry_date', 'e.series', 'e.number', 'e.fiscal_year'])
    .select(['e.description', 'l.debit_rupiah', 'l.credit_rupiah', 'l.memo'])
    .where('l.cooperative_id', '=', cooperativeId)
    .where('l.account_id', '=', accountId)
    .where('e.entry_date', '>=', range.fromDate)
    .where('e.entry_date', '<=', range.toDate)
    .orderBy('e.entry_date')
    .orderBy('e.id')
    .limit(limit)
    .execute();
}

/**
 * Debit and credit per account of the entries from the given sources dated within the months
 * [fromPeriod, toPeriod] (statements leave the year-end closing entries out this way).
 */
export async function movementsOfSources(
  db: Queryable,
  cooperativeId: string,
  sourceTypes: readonly string[],
  fromPeriod: string,
  toPeriod: string,
) {
  const r = await sql<{ account_id: bigint; d: bigint; c: bigint }>`
    select l.account_id, sum(l.debit_rupiah)::bigint as d, sum(l.credit_rupiah)::bigint as c
    from journal_entries e join journal_lines l on l.cooperative_id = e.cooperative_id and l.entry_id = e.id
    where e.cooperative_id = ${cooperativeId} and e.source_type = any(${sourceTypes}::text[])
      and e.entry_date >= ${`${fromPeriod}-01`}::date and e.entry_date < (${`${toPeriod}-01`}::date + interval '1 month')
    group by l.account_id`.execute(db);
  return r.rows;
}
