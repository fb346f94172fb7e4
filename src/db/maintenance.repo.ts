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
 * ANALYZE of the tables whose rows changed since their last ANALYZE by more than 50 rows plus
 * `scale` times the rows the table held then. Returns the tables analyzed. The embedded database
 * writes its table statistics only when told to (pg_stat_force_next_flush), so it is told first.
 *
 * Autovacuum's own scale is 0.1 (autovacuum_analyze_scale_factor), and it analyzes on a core of
 * its own. The embedded maintenance passes 1 (EMBEDDED_ANALYZE_SCALE): there every ANALYZE holds
 * the one thread that also serves the tellers (docs/performance.md, twelfth session).
 */
export async function analyzeChanged(db: Queryable, scale = 0.1): Promise<string[]> {
  if (!(scale >= 0 && Number.isFinite(scale))) throw new RangeError(`analyze scale ${scale}`);
  await sql`select pg_stat_force_next_flush()`.execute(db);
  const { rows } = await sql<{ name: string }>`
    select format('%I.%I', s.schemaname, s.relname) as name
      from pg_stat_user_tables s
      join pg_class c on c.oid = s.relid
     where s.n_mod_since_analyze > 50 + ${scale}::float8 * greatest(c.reltuples, 0)
     order by s.n_mod_since_analyze desc`.execute(db);
  const tables = rows.map((r) => r.name);
  if (tables.length > 0) await sql.raw(`analyze ${tables.join(', ')}`).execute(db);
  return tables;
}
