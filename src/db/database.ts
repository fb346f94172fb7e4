import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export type DatabaseConfig =
  | { kind: 'pglite'; dataDir: string; loadDataDir?: Blob }
  | { kind: 'postgres'; url: string; poolSize?: number };

/** A query builder bound to one open transaction (a Kysely Transaction or a connection we began). */
export type Tx = Kysely<DB> | Transaction<DB>;
export type Queryable = Kysely<DB> | Tx;

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Kysely<DB>;
  /** Runs a multi-statement SQL script (migrations). */
  exec(script: string): Promise<void>;
  /** The PGlite instance, for dump/clone; undefined on PostgreSQL. */
  readonly pglite: PGlite | undefined;
  close(): Promise<void>;
}

// OIDs: int8 -> BigInt (money is exact); date and numeric stay strings so no float or time-zone
// conversion ever touches a business date or a rate.
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Kysely instances over PGlite (one backend: no multi-statement round trip to save). */
const pgliteDbs = new WeakSet<object>();
const isPGlite = (db: Kysely<DB>) => pgliteDbs.has(db);

let pgTypesConfigured = false;
function configurePgTypes(): void {
  if (pgTypesConfigured) return;
  pg.types.setTypeParser(INT8, (v) => BigInt(v));
  pg.types.setTypeParser(DATE, (v) => v);
  pg.types.setTypeParser(NUMERIC, (v) => v);
  pgTypesConfigured = true;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'postgres') return openPostgres(config.url, config.poolSize ?? 10);
  return openPGlite(config.dataDir, config.loadDataDir);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  configurePgTypes();
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server closes (restart, failover, admin) must not crash the process;
  // the pool drops it and opens a new one on next use.
  pool.on('error', (err) => {
    process.emitWarning(`PostgreSQL idle connection closed: ${err.message}`);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    pglite: undefined,
    async exec(script) {
      const client = await pool.connect();
      try {
        await client.query(script);
      } finally {
        client.release();
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

async function openPGlite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir, {
    parsers: {
      [INT8]: (v: string) => BigInt(v),
      [DATE]: (v: string) => v,
      [NUMERIC]: (v: string) => v,
    },
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  await pglite.waitReady;
  return wrapPGlite(pglite);
}

export function wrapPGlite(pglite: PGlite): Database {
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  pgliteDbs.add(db);
  return {
    kind: 'pglite',
    db,
    pglite,
    async exec(script) {
      // Take the driver's single connection so the script cannot interleave with a transaction.
      await db.connection().execute(async () => {
        await pglite.exec(script);
      });
    },
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

/** The database role whose rights row-level security restricts (see migration 0001). */
export const APP_ROLE = 'sokoguru_app';

/**
 * A transaction scoped to one organisation: the tenant setting and the restricted role are set
 * for this transaction only, so row-level security is a second wall behind the application's
 * own `cooperative_id` filters.
 *
 * `lastStatement` (optional) yields one complete SQL statement, every value already inlined as a
 * literal, to run just before COMMIT (the buffered audit events). On PostgreSQL it travels with
 * the COMMIT in one simple-protocol round trip, as BEGIN travels with the settings: a tenant
 * transaction costs two round trips more than its own statements, not four.
 */
export async function inTenantTransaction<T>(
  db: Kysely<DB>,
  organizationId: string,
  fn: (tx: Tx) => Promise<T>,
  lastStatement?: (result: T) => string | undefined,
): Promise<T> {
  if (!UUID.test(organizationId))
    throw new Error(`organization id is not a uuid: ${organizationId}`);
  if (isPGlite(db)) {
    return db.transaction().execute(async (tx) => {
      await sql`select set_config('sokoguru.org_id', ${organizationId}, true), set_config('role', ${APP_ROLE}, true)`.execute(
        tx,
      );
      const result = await fn(tx);
      const last = lastStatement?.(result);
      if (last) await sql.raw(last).execute(tx);
      return result;
    });
  }
  // On PostgreSQL, BEGIN and the two settings travel in one simple-protocol round trip (the id is
  // a validated uuid, so inlining it is safe): one round trip fewer for every tenant transaction.
  return db.connection().execute(async (conn) => {
    await sql
      .raw(
        `begin; select set_config('sokoguru.org_id', '${organizationId}', true), set_config('role', '${APP_ROLE}', true)`,
      )
      .execute(conn);
    let result: T;
    try {
      result = await fn(conn);
      const last = lastStatement?.(result);
      // if the last statement fails, the COMMIT after it in the same message never runs
      await sql.raw(last ? `${last}; commit` : 'commit').execute(conn);
    } catch (err) {
      await sql
        .raw('rollback')
        .execute(conn)
        .catch(() => undefined);
      throw err;
    }
    return result;
  });
}

/**
 * A string as an SQL literal for statements sent with inlined values: dollar-quoted with a tag
 * the text does not contain, so no quote, backslash or setting (standard_conforming_strings) can
 * end it early.
 */
export function sqlLiteral(text: string): string {
  let tag = 'sg';
  for (let i = 0; text.includes(`$${tag}`); i++) tag = `sg${i}`;
  return `$${tag}$${text}$${tag}$`;
}

/** A transaction with the owner's rights, for cross-organisation work (login, CLI, batch jobs). */
export async function inSystemTransaction<T>(
  db: Kysely<DB>,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(fn);
}
