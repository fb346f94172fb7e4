import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openDatabase, wrapPGlite } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate:
      { kind: 'pglite'; file: string } | { kind: 'postgres'; adminUrl: string; template: string };
  }
}

/**
 * Builds one migrated database for the whole run — initdb and migrations happen once — and hands
 * its location to the workers: a PGlite data-dir tarball each test file loads into memory, or a
 * PostgreSQL template database each test file copies (CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const template = `sokoguru_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const url = new URL(adminUrl);
    url.pathname = `/${template}`;
    const db = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 1 });
    await migrate(db);
    await db.close();
    project.provide('dbTemplate', { kind: 'postgres', adminUrl, template });
    return async () => {
      // Test databases copied from the template are dropped by their files; drop leftovers too.
      const leftovers = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like '${template}%'`,
      );
      for (const r of leftovers.rows.reverse())
        await admin.query(`drop database if exists ${r.datname} with (force)`);
      await admin.end();
    };
  }
  const dir = resolve('.tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `test-template-${process.pid}.tar.gz`);
  const pglite = new PGlite('memory://');
  const db = wrapPGlite(pglite);
  await migrate(db);
  const dump = await pglite.dumpDataDir('gzip');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide('dbTemplate', { kind: 'pglite', file });
  return async () => undefined;
}
