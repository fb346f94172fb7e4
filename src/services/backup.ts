import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import type { Database } from '../db/database.js';
import * as repo from '../db/backup.repo.js';
import { loadMigrations } from '../db/migrate.js';

export const BACKUP_FORMAT = 'sokoguru-backup';
export const BACKUP_VERSION = 1;
const BATCH_ROWS = 2000;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  organizationId: string | null;
  migrations: string[];
  tables: { name: string; rows: number }[];
}

export interface Progress {
  start(table: string, total: number): void;
  advance(rows: number): void;
  stop(): void;
}
const silent: Progress = { start() {}, advance() {}, stop() {} };

/**
 * Writes a consistent archive (one REPEATABLE READ snapshot) of one organisation or of the whole
 * database: gzip'd lines — a header, then per table a marker line and one JSON row per line.
 * Rows travel as PostgreSQL's own JSON text and are never parsed in JavaScript, so int8 values
 * keep every digit.
 */
export async function backup(
  database: Database,
  file: string,
  organizationId: string | null,
  progress: Progress = silent,
): Promise<BackupHeader> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  const header = await database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await repo.readOnly(tx);
      await repo.useUtc(tx);
      const tables = await repo.listTables(tx);
      const plan: { t: repo.TableInfo; where: string; rows: number }[] = [];
      for (const t of tables) {
        const where = repo.scopeFilter(t, tables, organizationId);
        if (where === null) continue;
        plan.push({ t, where, rows: Number(await repo.countRows(tx, t, where)) });
      }
      const h: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        organizationId,
        migrations: loadMigrations().map((m) => m.version),
        tables: plan.map((p) => ({ name: p.t.name, rows: p.rows })),
      };
      await write(JSON.stringify(h));
      for (const p of plan) {
        progress.start(p.t.name, p.rows);
        await write(JSON.stringify({ table: p.t.name, rows: p.rows }));
        await repo.openRowCursor(tx, 'backup_rows', p.t, p.where);
        for (;;) {
          const rows = await repo.fetchRows(tx, 'backup_rows', BATCH_ROWS);
          for (const r of rows) await write(r);
          progress.advance(rows.length);
          if (rows.length < BATCH_ROWS) break;
        }
        await repo.closeCursor(tx, 'backup_rows');
      }
      return h;
    });
  progress.stop();
  gzip.end();
  await once(out, 'close');
  return header;
}

export class RestoreError extends Error {}

/**
 * Restores an archive into a database that holds none of its organisations (normally a fresh,
 * migrated one), in one transaction: it all lands or none of it does.
 */
export async function restore(
  database: Database,
  file: string,
  progress: Progress = silent,
): Promise<BackupHeader> {
  const lines = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  const it = lines[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) throw new RestoreError('empty archive');
  const header = JSON.parse(first.value) as BackupHeader;
  if (header.format !== BACKUP_FORMAT || header.version !== BACKUP_VERSION)
    throw new RestoreError('not a Sokoguru backup (or an unknown version)');
  const known = new Set(loadMigrations().map((m) => m.version));
  const missing = header.migrations.filter((v) => !known.has(v));
  if (missing.length > 0)
    throw new RestoreError(
      `archive is from a newer schema (migrations ${missing.join(', ')}); upgrade first`,
    );

  await database.db.transaction().execute(async (tx) => {
    const tables = new Map((await repo.listTables(tx)).map((t) => [t.name, t]));
    const present = await repo.organizationIds(tx);
    if (
      header.organizationId === null ? present.length > 0 : present.includes(header.organizationId)
    ) {
      throw new RestoreError(
        'the target database already holds this data; restore into an empty database',
      );
    }
    await repo.skipTriggersIfAllowed(tx);
    await repo.useUtc(tx);
    let current: repo.TableInfo | undefined;
    let batch: string[] = [];
    const flush = async () => {
      if (current && batch.length > 0) await repo.insertJsonRows(tx, current, batch);
      progress.advance(batch.length);
      batch = [];
    };
    for (;;) {
      const next = await it.next();
      if (next.done) break;
      const line = next.value;
      if (line.startsWith('{"table":')) {
        await flush();
        const marker = JSON.parse(line) as { table: string; rows: number };
        current = tables.get(marker.table);
        if (!current) throw new RestoreError(`archive has unknown table ${marker.table}`);
        progress.start(marker.table, marker.rows);
        continue;
      }
      batch.push(line);
      if (batch.length >= BATCH_ROWS) await flush();
    }
    await flush();
    for (const t of tables.values()) await repo.resetIdentitySequences(tx, t);
  });
  progress.stop();
  return header;
}

export interface Checksum {
  organizationId: string | null;
  tables: { name: string; rows: string; sum: string }[];
  digest: string;
}

/** Per-table checksums of one organisation's data or the whole database, and one digest over all. */
export async function checksum(
  database: Database,
  organizationId: string | null,
): Promise<Checksum> {
  return database.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      await repo.useUtc(tx);
      const tables = await repo.listTables(tx);
      const scoped = tables.flatMap((table) => {
        const where = repo.scopeFilter(table, tables, organizationId);
        return where === null ? [] : [{ table, where }];
      });
      const sums = await repo.tableChecksums(tx, scoped);
      const out: Checksum['tables'] = scoped.map(({ table }, i) => ({
        name: table.name,
        rows: sums[i]!.rows.toString(),
        sum: sums[i]!.sum,
      }));
      const digest = createHash('sha256').update(JSON.stringify(out)).digest('hex');
      return { organizationId, tables: out, digest };
    });
}
