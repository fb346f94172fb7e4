import { resolve } from 'node:path';
import type { DatabaseConfig } from './db/database.js';

/** Everything configurable comes from the environment (README: Configuration). */
export interface Config {
  database: DatabaseConfig;
  port: number;
  host: string;
  secureCookies: boolean;
  logLevel: string;
  webDir: string;
}

export function databaseConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  if (env.DATABASE_URL) {
    return {
      kind: 'postgres',
      url: env.DATABASE_URL,
      poolSize: Number(env.SOKOGURU_DB_POOL_SIZE ?? 10),
    };
  }
  return { kind: 'pglite', dataDir: resolve(env.SOKOGURU_DATA_DIR ?? './data') };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  return {
    database: databaseConfigFromEnv(env),
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    secureCookies: env.SOKOGURU_SECURE_COOKIES ? env.SOKOGURU_SECURE_COOKIES === '1' : production,
    logLevel: env.LOG_LEVEL ?? 'info',
    webDir: resolve(env.SOKOGURU_WEB_DIR ?? 'web/dist'),
  };
}
