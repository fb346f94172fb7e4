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

/**
 * ANALYZE of the tables whose rows changed since their last ANALYZE by more than autovacuum's own
 * threshold (autovacuum_analyze_threshold 50 rows + autovacuum_analyze_scale_factor 10 % of the
 * table). Returns the tables analyzed. The embedded database writes its table statistics only
 * when told to (pg_stat_force_next_flush), so it is told first.
 */
export async function analyzeChanged(db: Queryable): Promise<string[]> {
  await sql`select pg_stat_force_next_flush()`.execute(db);
  const { rows } = await sql<{ name: string }>`
    select format('%I.%I', s.schemaname, s.relname) as name
      from pg_stat_user_tables s
      join pg_class c on c.oid = s.relid
     where s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
     order by s.n_mod_since_analyze desc`.execute(db);
  const tables = rows.map((r) => r.name);
  if (tables.length > 0) await sql.raw(`analyze ${tables.join(', ')}`).execute(db);
  return tables;
}
