import { sql } from 'kysely';
import type { Queryable } from './database.js';

/**
 * The year-end close's reads and the re-opening's one write (services/year-end.ts): the closing
 * entries of a year, its December, the SHU distribution that forbids re-opening, and the history
 * of re-opening requests kept in approvals.
 */

/** Source type of the closing entries and of their reversals when a year is re-opened. */
export const YEAR_END_SOURCE = 'ledger.year-end';
/** Source type the SHU distribution posts with (source id = the book year it distributes). */
export const SHU_DISTRIBUTION_SOURCE = 'shu.distribution';

/** Every entry of a year's close (closings and their reversals), oldest first, with its user. */
export async function yearEndEntries(db: Queryable, cooperativeId: string, year: number) {
  const r = await sql<{
    id: bigint;
    entry_date: string;
    series: string;
    fiscal_year: number;
    number: bigint;
    description: string;
    total_rupiah: bigint;
    reversal_of: bigint | null;
    reversed_by: bigint | null;
    created_at: Date;
    created_by_username: string | null;
  }>`
    select e.id, to_char(e.entry_date, 'YYYY-MM-DD') as entry_date, e.series, e.fiscal_year, e.number,
           e.description, e.total_rupiah, e.reversal_of, r.id as reversed_by, e.created_at,
           u.username as created_by_username
    from journal_entries e
    left join journal_entries r on r.cooperative_id = e.cooperative_id and r.reversal_of = e.id
    left join users u on u.id = e.created_by
    where e.cooperative_id = ${cooperativeId} and e.source_type = ${YEAR_END_SOURCE}
      and e.source_id = ${String(year)}
    order by e.id`.execute(db);
  return r.rows;
}

/** Entries of the SHU distribution of `year` that are not reversed (any date). */
export async function shuDistributionCount(
  db: Queryable,
  cooperativeId: string,
  year: number,
): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from journal_entries e
    where e.cooperative_id = ${cooperativeId} and e.source_type = ${SHU_DISTRIBUTION_SOURCE}
      and e.source_id = ${String(year)} and e.reversal_of is null
      and not exists (select 1 from journal_entries r
                      where r.cooperative_id = e.cooperative_id and r.reversal_of = e.id)`.execute(
    db,
  );
  return r.rows[0]?.n ?? 0;
}

/** A month's row with the username of who closed it (undefined: never closed, so open). */
export async function periodRow(db: Queryable, cooperativeId: string, period: string) {
  return db
    .selectFrom('fiscal_periods')
    .leftJoin('users', 'users.id', 'fiscal_periods.closed_by')
    .select([
      'fiscal_periods.status',
      'fiscal_periods.closed_at',
      'fiscal_periods.closed_by',
      'users.username as closed_by_username',
    ])
    .where('fiscal_periods.cooperative_id', '=', cooperativeId)
    .where('fiscal_periods.period', '=', period)
    .executeTakeFirst();
}

/**
 * Opens a closed month again (December, by an approved re-opening of its year): the row stays,
 * so the table still says the month was once closed only through the audit trail.
 */
export async function markPeriodOpen(
  db: Queryable,
  cooperativeId: string,
  period: string,
): Promise<boolean> {
  const r = await db
    .updateTable('fiscal_periods')
    .set({ status: 'open', closed_at: null, closed_by: null })
    .where('cooperative_id', '=', cooperativeId)
    .where('period', '=', period)
    .where('status', '=', 'closed')
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Closes months that have no row yet (the year's months before the first posting). */
export async function markPeriodsClosedIfAbsent(
  db: Queryable,
  cooperativeId: string,
  periods: readonly string[],
  closedAt: Date,
  closedBy: string | null,
): Promise<void> {
  if (periods.length === 0) return;
  await db
    .insertInto('fiscal_periods')
    .values(
      periods.map((period) => ({
        cooperative_id: cooperativeId,
        period,
        status: 'closed' as const,
        closed_at: closedAt,
        closed_by: closedBy,
      })),
    )
    .onConflict((oc) => oc.columns(['cooperative_id', 'period']).doNothing())
    .execute();
}

/** The re-opening requests of a year (any status), newest first. */
export async function reopenRequests(db: Queryable, cooperativeId: string, year: number) {
  const r = await sql<{
    id: bigint;
    status: 'pending' | 'approved' | 'rejected';
    reason: string;
    requested_at: Date;
    requested_by_username: string;
    decided_at: Date | null;
    decided_by_username: string | null;
    decision_note: string | null;
  }>`
    select a.id, a.status, a.payload->>'reason' as reason, a.requested_at, q.username as requested_by_username,
           a.decided_at, d.username as decided_by_username, a.decision_note
    from approvals a
    join users q on q.id = a.requested_by
    left join users d on d.id = a.decided_by
    where a.organization_id = ${cooperativeId} and a.action = 'ledger.year-reopen'
      and a.payload->>'year' = ${String(year)}
    order by a.id desc`.execute(db);
  return r.rows;
}
