import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { openDeps, type OpenedDeps } from '../../src/services/deps.js';

export interface TestDatabase {
  database: Database;
  /** PostgreSQL URL of this database (PostgreSQL runs only), for CLI subprocesses. */
  url: string | undefined;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own: PGlite loaded from the template, or a PostgreSQL copy. */
export async function freshDatabase(): Promise<TestDatabase> {
  const tpl = inject('dbTemplate');
  if (tpl.kind === 'pglite') {
    const blob = new Blob([readFileSync(tpl.file)]);
    const database = await openDatabase({
      kind: 'pglite',
      dataDir: 'memory://',
      loadDataDir: blob,
    });
    return { database, url: undefined, drop: () => database.close() };
  }
  const name = `${tpl.template}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: tpl.adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${tpl.template}`);
  await admin.end();
  const url = new URL(tpl.adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      const a = new pg.Client({ connectionString: tpl.adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export interface TestDeps extends OpenedDeps {
  url: string | undefined;
}

/** Services' dependencies over a fresh database; close() drops it. */
export async function testDeps(options: { clock?: () => Date } = {}): Promise<TestDeps> {
  const t = await freshDatabase();
  const deps = await openDeps(t.database, {
    logger: pino({ level: 'silent' }),
    migrate: false,
    ...options,
  });
  return {
    ...deps,
    url: t.url,
    async close() {
      await deps.sealer.stop();
      await t.drop();
    },
  };
}

/**
 * One fresh database for the tests of a file: opened before them, dropped after them. `deps` is
 * there from the first test (and hook registered after this call) on.
 */
export function testDepsForFile(options: { clock?: () => Date } = {}): { deps: TestDeps } {
  const file = {} as { deps: TestDeps };
  beforeAll(async () => {
    file.deps = await testDeps(options);
  });
  afterAll(async () => file.deps?.close());
  return file;
}

export const isPostgresRun = () => inject('dbTemplate').kind === 'postgres';
