import { sql } from 'kysely';
import type { Queryable } from './database.js';
import type { JsonValue } from './schema.js';

/** The month-end close's bookkeeping: one run per cooperative and month, one row per step done. */

export async function ensureRun(db: Queryable, cooperativeId: string, period: string) {
  await sql`insert into month_end_runs (cooperative_id, period) values (${cooperativeId}, ${period}) on conflict do nothing`.execute(
    db,
  );
}

/** Locks the run's row until the transaction ends: two closes of the same month take turns. */
/**
 * A step of the close is a batch over every account of the cooperative (tens of seconds at a
 * million accounts), not a teller's request: it gets its own, longer statement limit for its
 * transaction only, instead of the connection's (src/db/database.ts, ConnectionLimits).
 */
export const BATCH_STATEMENT_TIMEOUT = '30min';

/**
 * Alone (`lane` undefined) a step locks the run's row for the transaction. Beside other lanes it
 * shares the row (a step run alone, of this close or another, waits for it) and takes a
 * transaction lock for its lane, so a second close of the same month runs each lane's steps after
 * the first's (and finds them done).
 */
export async function lockRun(db: Queryable, cooperativeId: string, period: string, lane?: string) {
  await sql`set local statement_timeout = '${sql.raw(BATCH_STATEMENT_TIMEOUT)}'`.execute(db);
  const mode = sql.raw(lane === undefined ? 'update' : 'share');
  await sql`select 1 from month_end_runs where cooperative_id = ${cooperativeId} and period = ${period} for ${mode}`.execute(
    db,
  );
  if (lane === undefined) return;
  // 1962: the month-end's class of advisory locks (teller_deposit's keys are 1952)
  await sql`select pg_advisory_xact_lock(1962, hashtext(${`${cooperativeId}:${period}:${lane}`}))`.execute(
    db,
  );
}

export async function markRunDone(db: Queryable, cooperativeId: string, period: string) {
  await sql`update month_end_runs set status = 'done', finished_at = now()
            where cooperative_id = ${cooperativeId} and period = ${period} and status <> 'done'`.execute(
    db,
  );
}

export async function runStatus(
  db: Queryable,
  cooperativeId: string,
  period: string,
): Promise<string | undefined> {
  const run = await sql<{
    status: string;
  }>`select status from month_end_runs where cooperative_id = ${cooperativeId} and period = ${period}`.execute(
    db,
  );
  return run.rows[0]?.status;
}

/** The recorded result of one step, if it has run. */
export async function stepResult(
  db: Queryable,
  cooperativeId: string,
  period: string,
  step: string,
): Promise<{ result: JsonValue } | undefined> {
  const prior = await sql<{ result: JsonValue }>`
    select result from month_end_steps where cooperative_id = ${cooperativeId} and period = ${period} and step = ${step}`.execute(
    db,
  );
  return prior.rows[0];
}

export async function recordStep(
  db: Queryable,
  cooperativeId: string,
  period: string,
  step: string,
  result: JsonValue,
) {
  await sql`insert into month_end_steps (cooperative_id, period, step, result) values (${cooperativeId}, ${period}, ${step}, ${JSON.stringify(result)}::jsonb)`.execute(
    db,
  );
}

export async function stepResults(db: Queryable, cooperativeId: string, period: string) {
  const done = await sql<{ step: string; result: JsonValue }>`
    select step, result from month_end_steps where cooperative_id = ${cooperativeId} and period = ${period}`.execute(
    db,
  );
  return done.rows;
}
