import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import {
  Kysely,
  PostgresDialect,
  sql,
  type PostgresCursor,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
  type Transaction,
} from 'kysely';
import type pg from 'pg';

type NodePostgres = typeof pg;
import { AppError } from '../domain/errors.js';
import {
  CallGroups,
  groupStatement,
  type CallGroupLimits,
  type CounterCall,
} from './grouped-calls.js';
import { isUuid } from './literals.js';
import { PGliteDialect } from './pglite-dialect.js';
import { DATE, INT8, NUMERIC, pgliteOptions, pgliteSettings } from './pglite-open.js';
import { PGliteThread, type EmbeddedPostgres } from './pglite-thread.js';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export type DatabaseConfig =
  | {
      kind: 'pglite';
      dataDir: string;
      loadDataDir?: Blob;
      /**
       * 'own': PostgreSQL on a thread of its own (src/db/pglite-thread.ts; the server, for a data
       * directory); 'shared' (default): on the caller's thread (the CLI's jobs, the tests)
       */
      thread?: 'own' | 'shared';
    }
  | ({ kind: 'postgres'; url: string; poolSize?: number } & Partial<ConnectionLimits>);

/**
 * Time limits on the server's PostgreSQL connections (README: Configuration; docs/operations.md).
 * A slow statement, a lock held too long, a transaction left open or a full pool ends in a clear
 * error the API answers 503, instead of a teller's request hanging. 0 turns a limit off.
 */
export interface ConnectionLimits {
  /** how long a request waits for a free pool connection */
  poolWaitMs: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  poolWaitMs: 5_000,
  statementTimeoutMs: 30_000,
  lockTimeoutMs: 10_000,
  idleInTransactionTimeoutMs: 60_000,
};

/** A query builder bound to one open transaction (a Kysely Transaction or a connection we began). */
export type Tx = Kysely<DB> | Transaction<DB>;
export type Queryable = Kysely<DB> | Tx;

export interface Database {
  readonly kind: DatabaseKind;
  readonly db: Kysely<DB>;
  /** Runs a multi-statement SQL script (migrations). */
  exec(script: string): Promise<void>;
  /** The embedded database (PGlite, or PGlite on its own thread); undefined on PostgreSQL. */
  readonly pglite: EmbeddedPostgres | undefined;
  /**
   * Listens on a NOTIFY channel: `notice` for each notification; `listening` says whether
   * notifications can be heard right now (false while a lost PostgreSQL connection is being
   * replaced: anything announced meanwhile is missed). Resolves to the function that stops it.
   */
  listen(channel: string, on: ChannelListener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface ChannelListener {
  notice(): void;
  listening(yes: boolean): void;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

/** A NOTIFY channel's name, checked: it is inlined into LISTEN. */
function checkedChannel(channel: string): string {
  if (!CHANNEL.test(channel)) throw new Error(`not a channel name: ${channel}`);
  return channel;
}

/** Kysely instances over PGlite (one backend: no multi-statement round trip to save). */
const pgliteDbs = new WeakMap<object, EmbeddedPostgres>();
const isPGlite = (db: Kysely<DB>) => pgliteDbs.has(db);

/**
 * node-postgres, loaded only when a PostgreSQL database is opened: the embedded server never
 * needs it, and it is 16 MiB of a process's memory (docs/operations.md).
 */
async function loadPg(): Promise<NodePostgres> {
  return (await import('pg')).default;
}

let pgTypesConfigured = false;
function configurePgTypes(pg: NodePostgres): void {
  if (pgTypesConfigured) return;
  pg.types.setTypeParser(INT8, (v) => BigInt(v));
  pg.types.setTypeParser(DATE, (v) => v);
  pg.types.setTypeParser(NUMERIC, (v) => v);
  pgTypesConfigured = true;
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'postgres') {
    const { url, poolSize, kind: _kind, ...limits } = config;
    return openPostgres(url, poolSize ?? 10, { ...DEFAULT_CONNECTION_LIMITS, ...limits });
  }
  return openPGlite(config.dataDir, config.loadDataDir, config.thread ?? 'shared');
}

/** The name the server's connections carry in pg_stat_activity (what an operator filters on). */
export const APPLICATION_NAME = 'sokoguru';

async function openPostgres(
  url: string,
  poolSize: number,
  limits: ConnectionLimits,
): Promise<Database> {
  const pg = await loadPg();
  configurePgTypes(pg);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    application_name: APPLICATION_NAME,
    // the wait for a free connection (pg-pool applies it to a full pool's queue as well)
    connectionTimeoutMillis: limits.poolWaitMs,
    statement_timeout: limits.statementTimeoutMs,
    lock_timeout: limits.lockTimeoutMs,
    idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
  });
  // A connection the server closes (restart, failover, pg_terminate_backend, a dropped network)
  // emits 'error' on its client. pg-pool listens only while the client is idle; a client checked
  // out by a request or held across a transaction has no listener, and an unhandled 'error' event
  // ends the process. Every client gets its own listener for its whole life: the query in flight
  // fails on its own (the request answers 503), and pg-pool discards the dead client on release.
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      process.emitWarning(`PostgreSQL connection lost: ${err.message}`);
    });
  });
  pool.on('error', (err) => {
    process.emitWarning(`PostgreSQL idle connection closed: ${err.message}`);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new DeferringPool(pool) }) });
  poolWaits.set(db, limits.poolWaitMs);
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
    listen: (channel, on) => listenOnPostgres(pg, url, channel, on),
    async close() {
      await db.destroy();
    },
  };
}

/**
 * LISTEN on a connection of its own (a pooled one would lose it when released). A lost connection
 * says `listening(false)` at once and is replaced after a pause, then says `listening(true)`.
 */
async function listenOnPostgres(
  pg: NodePostgres,
  url: string,
  channel: string,
  on: ChannelListener,
): Promise<() => Promise<void>> {
  const listen = `listen ${checkedChannel(channel)}`;
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({
      connectionString: url,
      application_name: `${APPLICATION_NAME}-listen`,
    });
    const lost = () => {
      if (client !== c) return;
      client = undefined;
      on.listening(false);
      c.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect().catch(lost), 1_000);
    };
    c.on('error', lost);
    c.on('end', lost);
    c.on('notification', () => on.notice());
    client = c;
    await c.connect();
    await c.query(listen);
    if (client === c) on.listening(true);
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    const c = client;
    client = undefined;
    on.listening(false);
    await c?.end();
  };
}

/**
 * Marks a statement as a transaction's opening (BEGIN and its settings) to be held back, not
 * sent: the connection sends it in front of the transaction's next statement.
 */
const DEFER_OPENING = '/* sokoguru:defer-opening */ ';

type AnyResult = PostgresQueryResult<unknown>;
const NOTHING_SENT: AnyResult = { command: 'SELECT', rowCount: 0, rows: [] };

/**
 * A pooled connection that saves a tenant transaction's first round trip. The opening (BEGIN and
 * the tenant settings) waits until the first statement; if that statement is plain text (no
 * parameters: the simple protocol, which allows several statements in one message) both travel
 * together, otherwise the opening goes first on its own, as before. A transaction that ends
 * before sending anything sends nothing. The opening is dropped when the connection goes back to
 * the pool, so it can never leak into another transaction.
 */
class DeferringClient implements PostgresPoolClient {
  private opening: string | undefined;

  constructor(private readonly client: pg.PoolClient) {}

  query<R>(sqlText: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    statement: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof statement !== 'string') return this.client.query(statement as never);
    return this.text(statement, parameters ?? []) as Promise<PostgresQueryResult<R>>;
  }

  private async text(statement: string, parameters: ReadonlyArray<unknown>): Promise<AnyResult> {
    if (statement.startsWith(DEFER_OPENING)) {
      this.opening = statement.slice(DEFER_OPENING.length);
      return NOTHING_SENT;
    }
    const opening = this.opening;
    this.opening = undefined;
    if (opening === undefined) return this.send(statement, parameters);
    // nothing was begun, so there is nothing to end
    if (statement === 'commit' || statement === 'rollback') return NOTHING_SENT;
    if (parameters.length > 0) {
      await this.send(opening, []);
      return this.send(statement, parameters);
    }
    return this.send(`${opening}; ${statement}`, []);
  }

  private async send(statement: string, parameters: ReadonlyArray<unknown>): Promise<AnyResult> {
    const name = parameters.length > 0 ? this.preparedName(statement) : undefined;
    const r = (await (name
      ? this.client.query({ name, text: statement, values: parameters as unknown[] })
      : this.client.query(statement, parameters as unknown[]))) as
      pg.QueryResult | pg.QueryResult[];
    // several statements in one message answer with one result each: the caller's is the last
    // before the COMMIT that may close the message
    const last = Array.isArray(r) ? r.findLast((x) => x.command !== 'COMMIT') : r;
    return (last ?? NOTHING_SENT) as AnyResult;
  }

  /** the statements this connection has prepared (by name) */
  private readonly prepared = new Set<string>();

  /**
   * A statement with parameters runs as a named prepared statement of this connection: parsed
   * and planned once, then only bound and executed (PostgreSQL keeps a generic plan once it is no
   * worse than the custom ones). Measured under the deposit bench (pg_stat_statements), planning
   * was 1.1 ms of PostgreSQL's 4.4 ms a deposit. A connection prepares at most
   * PREPARED_PER_CONNECTION texts (a statement with an IN list of another length is another text);
   * past that, statements run unnamed as before. SOKOGURU_DB_PREPARE=0 turns it off.
   */
  private preparedName(statement: string): string | undefined {
    if (!PREPARE) return undefined;
    const name = statementName(statement);
    if (this.prepared.has(name)) return name;
    if (this.prepared.size >= PREPARED_PER_CONNECTION) return undefined;
    this.prepared.add(name);
    return name;
  }

  release(destroy?: boolean): void {
    this.opening = undefined;
    this.client.release(destroy);
  }
}

const PREPARE = process.env.SOKOGURU_DB_PREPARE !== '0';
const PREPARED_PER_CONNECTION = 500;

/** A statement's name: a hash of its text (the same text, the same name, on every connection). */
const names = new Map<string, string>();
function statementName(statement: string): string {
  let name = names.get(statement);
  if (name === undefined) {
    // bounded: texts beyond the first few thousand are hashed again each time
    name = `sg_${createHash('sha1').update(statement).digest('hex').slice(0, 24)}`;
    if (names.size < 5_000) names.set(statement, name);
  }
  return name;
}

class DeferringPool implements PostgresPool {
  private readonly wrapped = new WeakMap<pg.PoolClient, DeferringClient>();

  constructor(private readonly pool: pg.Pool) {}

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.pool.connect();
    let w = this.wrapped.get(client);
    if (!w) {
      w = new DeferringClient(client);
      this.wrapped.set(client, w);
    }
    return w;
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * The embedded database must be able to write its directory; PGlite itself would fail later, on
 * the first write, with a less telling message. A probe file says it at start, clearly.
 */
function assertWritableDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    const probe = join(dataDir, '.sokoguru-write-check');
    writeFileSync(probe, 'ok');
    rmSync(probe);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new AppError('DATA_DIR_NOT_WRITABLE', { dir: dataDir, reason }, String(err));
  }
}

async function openPGlite(
  dataDir: string,
  loadDataDir: Blob | undefined,
  thread: 'own' | 'shared',
): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) assertWritableDataDir(dataDir);
  const ownThread = thread === 'own' && !inMemory && !loadDataDir;
  const open = async (): Promise<EmbeddedPostgres> => {
    const settings = pgliteSettings();
    const pglite = ownThread
      ? new PGliteThread({ dataDir, settings })
      : new PGlite(pgliteOptions(dataDir, settings, loadDataDir));
    try {
      await pglite.waitReady;
    } catch (err) {
      await pglite.close().catch(() => undefined);
      throw err;
    }
    return pglite;
  };
  // A new data directory is made by initdb, which leaves about 600 MiB of WebAssembly memory
  // behind in the instance that ran it (measured: 821 MiB resident after initdb, 458 MiB once
  // reopened); the server then runs on an instance that never held it.
  const fresh = !inMemory && !loadDataDir && !existsSync(join(dataDir, 'PG_VERSION'));
  if (!fresh) return wrapPGlite(await open());
  await (await open()).close();
  return wrapPGlite(await open());
}

export function wrapPGlite(pglite: EmbeddedPostgres): Database {
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  pgliteDbs.set(db, pglite);
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
    async listen(channel, on) {
      checkedChannel(channel);
      // one process, one backend: a notice is delivered with the result of the statement whose
      // transaction sent it, so nothing is ever missed
      // (LISTEN inside the driver's turn, so it can never land in another holder's transaction)
      const unlisten = await db
        .connection()
        .execute(() => pglite.listen(channel, () => on.notice()));
      on.listening(true);
      return async () => {
        on.listening(false);
        await unlisten();
      };
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
 * A tenant transaction's opening on PostgreSQL's simple protocol: BEGIN, the tenant setting and the
 * restricted role (the id is a validated uuid, so inlining it is safe; SET LOCAL rather than
 * SELECT set_config: nothing to plan, no row to send back and parse).
 */
function tenantOpening(organizationId: string): string {
  return `begin; set local sokoguru.org_id = '${organizationId}'; set local role ${APP_ROLE}`;
}

/**
 * A transaction scoped to one organisation: the tenant setting and the restricted role are set
 * for this transaction only, so row-level security is a second wall behind the application's
 * own `cooperative_id` filters.
 *
 * `lastStatement` (optional) yields one complete SQL statement, every value already inlined as a
 * literal, to run just before COMMIT (the buffered audit events). On PostgreSQL it travels with
 * the COMMIT in one simple-protocol round trip, as BEGIN and the settings travel with the first
 * statement when it is plain text: a tenant transaction costs one or two round trips more than
 * its own statements, not four.
 */
export async function inTenantTransaction<T>(
  db: Kysely<DB>,
  organizationId: string,
  fn: (tx: Tx) => Promise<T>,
  lastStatement?: (result: T) => string | undefined,
): Promise<T> {
  if (!isUuid(organizationId)) throw new Error(`organization id is not a uuid: ${organizationId}`);
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
  // On PostgreSQL, BEGIN and the two settings wait for the transaction's first statement and travel with it when it is plain text (see
  // DeferringClient), else in a round trip of their own just before it.
  return db.connection().execute(async (conn) => {
    await sql.raw(`${DEFER_OPENING}${tenantOpening(organizationId)}`).execute(conn);
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
 * One statement as a whole tenant transaction, in one message to the database: BEGIN, the
 * tenant settings, the statement and COMMIT (a call that does a request's whole work, such as
 * teller_deposit). `statement` is plain SQL text with its values inlined as checked literals.
 * Its rows are returned; if it fails, nothing of it stays.
 */
export async function inTenantStatement<R>(
  db: Kysely<DB>,
  organizationId: string,
  statement: string,
): Promise<R[]> {
  if (!isUuid(organizationId)) throw new Error(`organization id is not a uuid: ${organizationId}`);
  const message = `${tenantOpening(organizationId)}; ${statement}; commit`;
  const pglite = pgliteDbs.get(db);
  if (pglite?.sendTransaction) {
    // The database's own thread ends the transaction whatever happens (pglite-thread.ts): the
    // connection is let go once the message is posted, and the next holder's statements queue
    // behind it there, so that thread need not wait for ours between two deposits.
    const sent = await db
      .connection()
      .execute(async () => ({ results: pglite.sendTransaction!(message) }));
    const results = await sent.results;
    return (results[results.length - 2]?.rows ?? []) as R[];
  }
  return db.connection().execute(async (conn) => {
    try {
      if (!pglite) return (await sql.raw<R>(message).execute(conn)).rows;
      // PGlite's exec is its simple query: the whole message in one call into the backend (the
      // connection held above keeps any other query out until it ends)
      const results = await pglite.exec(message);
      return (results[results.length - 2]?.rows ?? []) as R[];
    } catch (err) {
      // after an error the rest of the message was skipped and the transaction is aborted
      await (pglite ? pglite.exec('rollback') : sql.raw('rollback').execute(conn)).catch(
        () => undefined,
      );
      throw err;
    }
  });
}

/**
 * A counter call that does a request's whole work (a function-call expression such as
 * `teller_deposit(...)`, its values inlined as checked literals) as a tenant transaction, grouped
 * with the calls of the same organisation that arrive while others run (src/db/grouped-calls.ts;
 * on PostgreSQL only). Resolves to the call's value; if it fails, nothing of it stays.
 */
export async function inTenantCall<R>(
  db: Kysely<DB>,
  organizationId: string,
  call: CounterCall,
): Promise<R> {
  if (!isUuid(organizationId)) throw new Error(`organization id is not a uuid: ${organizationId}`);
  if (isPGlite(db)) {
    const [row] = await inTenantStatement<{ outcome: R }>(
      db,
      organizationId,
      groupStatement(organizationId, [call]),
    );
    return row?.outcome as R;
  }
  let groups = callGroups.get(db);
  if (!groups) {
    groups = new CallGroups(
      (org, statement) => inTenantStatement<{ i: number; outcome: unknown }>(db, org, statement),
      callGroupLimits(process.env, poolWaits.get(db) ?? DEFAULT_CONNECTION_LIMITS.poolWaitMs),
    );
    callGroups.set(db, groups);
  }
  return groups.call<R>(organizationId, call);
}

const callGroups = new WeakMap<Kysely<DB>, CallGroups>();
/** each PostgreSQL database's pool wait (the longest a grouped call waits for its group, too) */
const poolWaits = new WeakMap<Kysely<DB>, number>();

/**
 * How many transactions of grouped calls an organisation runs at a time on PostgreSQL:
 * SOKOGURU_CALLS_IN_FLIGHT (default 2, measured on 2 cores in docs/performance.md; more cores, more
 * in flight). A group holds at most 16 calls; a call waits for its group as long as a request
 * waits for a pool connection (SOKOGURU_DB_POOL_WAIT_MS), then fails as a full pool does. PGlite
 * does not group (inTenantCall): its one thread runs the database and the server, and grouped
 * deposits ran slower there (docs/performance.md).
 */
export function callGroupLimits(
  env: NodeJS.ProcessEnv = process.env,
  maxWaitMs = DEFAULT_CONNECTION_LIMITS.poolWaitMs,
): CallGroupLimits {
  const raw = env.SOKOGURU_CALLS_IN_FLIGHT;
  let inFlight = 2;
  if (raw !== undefined && raw !== '') {
    if (!/^[1-9][0-9]{0,2}$/.test(raw))
      throw new Error(`SOKOGURU_CALLS_IN_FLIGHT is a whole number from 1 to 999, not "${raw}"`);
    inFlight = Number(raw);
  }
  return { inFlight, maxGroup: 16, maxWaitMs };
}

/** A transaction with the owner's rights, for cross-organisation work (login, CLI, batch jobs). */
export async function inSystemTransaction<T>(
  db: Kysely<DB>,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(fn);
}
