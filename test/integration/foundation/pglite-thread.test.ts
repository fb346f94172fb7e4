// The embedded database on a thread of its own (src/db/pglite-thread.ts), as the server opens it:
// the same answers, errors and notices as PGlite on the caller's thread.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/db/database.js';
import { PGliteThread } from '../../../src/db/pglite-thread.js';
import { migrate } from '../../../src/db/migrate.js';
import { pgliteSettings } from '../../../src/db/pglite-open.js';

let dir: string;
let database: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sokoguru-thread-'));
  // a new directory: initdb on one thread, then the database on a fresh one (openPGlite)
  database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data'), thread: 'own' });
}, 120_000);

afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the embedded database on a thread of its own', () => {
  it('is a PGliteThread, and answers with our types: int8 as bigint, dates as text', async () => {
    expect(database.pglite).toBeInstanceOf(PGliteThread);
    const { rows } = await sql<{ big: bigint; d: string; n: string; b: Uint8Array }>`
      select 9007199254740993::int8 as big, date '2026-12-06' as d, 1.50::numeric as n,
             ${new Uint8Array([1, 2, 255])}::bytea as b`.execute(database.db);
    expect(rows).toEqual([
      { big: 9007199254740993n, d: '2026-12-06', n: '1.50', b: new Uint8Array([1, 2, 255]) },
    ]);
  });

  it('keeps PostgreSQL error fields across the threads, and a failed transaction leaves nothing', async () => {
    await database.exec(`create table t_thread (id int primary key, v text check (v <> 'bad'))`);
    await sql`insert into t_thread values (1, 'a')`.execute(database.db);
    const err = await database.db
      .transaction()
      .execute(async (tx) => {
        await sql`insert into t_thread values (2, 'b')`.execute(tx);
        await sql`insert into t_thread values (1, 'again')`.execute(tx);
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({
      code: '23505',
      constraint: 't_thread_pkey',
      table: 't_thread',
      detail: 'Key (id)=(1) already exists.',
    });
    const { rows } = await sql<{ id: number }>`select id from t_thread order by id`.execute(
      database.db,
    );
    expect(rows).toEqual([{ id: 1 }]);
  });

  it('runs a script of many statements, each result returned in order', async () => {
    const results = await database.pglite!.exec(
      `begin; insert into t_thread values (3, 'c'); select count(*)::int as n from t_thread; commit`,
    );
    expect(results.map((r) => r.rows)).toEqual([[], [], [{ n: 2 }], []]);
  });

  it('ends a failed whole-transaction script itself, before the next message runs', async () => {
    const t = database.pglite!;
    // posted back to back, nothing awaited between them: the second runs after the first ended
    const failed = t.sendTransaction!(
      `begin; insert into t_thread values (10, 'x'); insert into t_thread values (11, 'bad'); commit`,
    );
    const next = t.sendTransaction!(
      `begin; insert into t_thread values (12, 'y'); select count(*)::int as n from t_thread; commit`,
    );
    await expect(failed).rejects.toMatchObject({ code: '23514', constraint: 't_thread_v_check' });
    const results = await next;
    expect(results[2]!.rows).toEqual([{ n: 3 }]);
    const { rows } = await sql<{ id: number }>`select id from t_thread order by id`.execute(
      database.db,
    );
    expect(rows).toEqual([{ id: 1 }, { id: 3 }, { id: 12 }]);
  });

  it('delivers a notice before the reply of the statement that committed it', async () => {
    const heard: string[] = [];
    const stop = await database.listen('thread_test', {
      notice: () => heard.push('notice'),
      listening: () => undefined,
    });
    await database.exec(`notify thread_test, 'x'`);
    heard.push('reply');
    await stop();
    await database.exec(`notify thread_test, 'y'`);
    expect(heard).toEqual(['notice', 'reply']);
  });

  it('migrates a data directory as the server does', async () => {
    const other = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'm'), thread: 'own' });
    try {
      const r = await migrate(other);
      expect(r.applied.length).toBeGreaterThan(40);
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_proc where proname = 'teller_deposit'`.execute(other.db);
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      await other.close();
    }
  }, 120_000);

  it('fails every call, clearly, once its thread has ended', async () => {
    const t = new PGliteThread({ dataDir: join(dir, 'data2'), settings: pgliteSettings({}) });
    await t.waitReady;
    expect((await t.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await t.close();
    await expect(t.query('select 1')).rejects.toThrow(/thread ended/);
  }, 120_000);
});
