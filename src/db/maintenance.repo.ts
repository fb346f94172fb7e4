import { sql } from 'kysely';
import type { Queryable } from './database.js';

/** Planner statistics for every table (what autovacuum does by itself on PostgreSQL). */
export async function analyze(db: Queryable): Promise<void> {
  await sql`analyze`.execute(db);
}

/** Reclaims dead row versions and refreshes statistics for every table. */
export async function vacuumAnalyze(db: Queryable): Promise<void> {
  await sql`vacuum analyze`.execute(db);
}
