import { resolve } from 'node:path';
import { DEFAULT_CONNECTION_LIMITS, type DatabaseConfig } from './db/database.js';

/** Everything configurable comes from the environment (README: Configuration). */
export interface Config {
  database: DatabaseConfig;
  port: number;
  host: string;
  secureCookies: boolean;
  logLevel: string;
  webDir: string;
  /** the longest the HTTP server waits to receive a whole request (0: no limit) */
  requestTimeoutMs: number;
  /** how long the server keeps a looked-up session (0: not at all; src/services/session-cache.ts) */
  sessionCacheMs: number;
}

/** A duration setting in milliseconds: a whole number, 0 or more (0 turns the limit off). */
function milliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[0-9]{1,9}$/.test(raw.trim()))
    throw new Error(`${name} must be a whole number of milliseconds (0 or more), not "${raw}"`);
  return Number(raw.trim());
}

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (env.DATABASE_URL) {
    return {
      kind: 'postgres',
      url: env.DATABASE_URL,
      poolSize: Number(env.SOKOGURU_DB_POOL_SIZE ?? 10),
      poolWaitMs: milliseconds(
        env,
        'SOKOGURU_DB_POOL_WAIT_MS',
        DEFAULT_CONNECTION_LIMITS.poolWaitMs,
      ),
      statementTimeoutMs: milliseconds(
        env,
        'SOKOGURU_DB_STATEMENT_TIMEOUT_MS',
        DEFAULT_CONNECTION_LIMITS.statementTimeoutMs,
      ),
      lockTimeoutMs: milliseconds(
        env,
        'SOKOGURU_DB_LOCK_TIMEOUT_MS',
        DEFAULT_CONNECTION_LIMITS.lockTimeoutMs,
      ),
      idleInTransactionTimeoutMs: milliseconds(
        env,
        'SOKOGURU_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS',
        DEFAULT_CONNECTION_LIMITS.idleInTransactionTimeoutMs,
      ),
    };
  }
  return { kind: 'pglite', dataDir: resolve(env.SOKOGURU_DATA_DIR ?? './data') };
}

/**
 * The server's database: as databaseConfigFromEnv, and the embedded one on a thread of its own
 * (src/db/pglite-thread.ts) unless SOKOGURU_PGLITE_THREAD=shared keeps it on the server's.
 */
export function serverDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const database = databaseConfigFromEnv(env);
  if (database.kind !== 'pglite') return database;
  const raw = env.SOKOGURU_PGLITE_THREAD;
  if (raw !== undefined && raw !== '' && raw !== 'own' && raw !== 'shared')
    throw new Error(`SOKOGURU_PGLITE_THREAD is "own" or "shared", not "${raw}"`);
  return { ...database, thread: raw === 'shared' ? 'shared' : 'own' };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  return {
    database: serverDatabaseConfig(env),
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    secureCookies: env.SOKOGURU_SECURE_COOKIES ? env.SOKOGURU_SECURE_COOKIES === '1' : production,
    logLevel: env.LOG_LEVEL ?? 'info',
    webDir: resolve(env.SOKOGURU_WEB_DIR ?? 'web/dist'),
    requestTimeoutMs: milliseconds(env, 'SOKOGURU_REQUEST_TIMEOUT_MS', 60_000),
    sessionCacheMs: milliseconds(env, 'SOKOGURU_SESSION_CACHE_MS', 5_000),
  };
}
