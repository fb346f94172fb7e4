import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.js';
import type { DB } from './schema.js';

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: string; // '0001'
  name: string; // '0001_foundation.sql'
  script: string;
  checksum: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const script = readFileSync(join(dir, name), 'utf8');
      return {
        version: name.slice(0, 4),
        name,
        script,
        checksum: createHash('sha256').update(script).digest('hex'),
      };
    });
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

// Arbitrary constant: one migrator per database at a time (several servers may start together).
const MIGRATION_LOCK_KEY = 7_310_524_001;

/**
 * Applies pending migrations, each in its own transaction. Applied migrations are frozen: a
 * changed file is refused rather than silently diverging between databases.
 */
export async function migrate(
  database: Database,
  onApplied?: (name: string) => void,
): Promise<MigrateResult> {
  const { db } = database;
  await database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`);
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(conn);
    try {
      const rows = await sql<{ version: string; name: string; checksum: string }>`
        select version, name, checksum from schema_migrations order by version`.execute(conn);
      const done = new Map(rows.rows.map((r) => [r.version, r]));
      const applied: string[] = [];
      for (const m of loadMigrations()) {
        const prior = done.get(m.version);
        if (prior) {
          if (prior.checksum !== m.checksum) {
            throw new Error(
              `migration ${m.name} was changed after it was applied (checksum differs); add a new migration instead`,
            );
          }
          continue;
        }
        await sql.raw('begin').execute(conn);
        try {
          await runScript(database, conn, m.script);
          await sql`insert into schema_migrations (version, name, checksum) values (${m.version}, ${m.name}, ${m.checksum})`.execute(
            conn,
          );
          await sql.raw('commit').execute(conn);
        } catch (err) {
          await sql.raw('rollback').execute(conn);
          throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
        }
        applied.push(m.name);
        onApplied?.(m.name);
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(conn);
    }
  });
}

async function runScript(database: Database, conn: Kysely<DB>, script: string): Promise<void> {
  if (database.pglite) {
    // Already inside the driver's single connection: call PGlite directly (exec allows many statements).
    await database.pglite.exec(script);
  } else {
    // node-postgres sends a parameterless query with the simple protocol: several statements run
    // in the connection's open transaction.
    await sql.raw(script).execute(conn);
  }
}
