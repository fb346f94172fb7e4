// Fault suite, embedded database: its data directory read-only at start, and its disk full on a
// write. Both on a small tmpfs this test mounts, so it needs root (or CAP_SYS_ADMIN); elsewhere
// it is skipped with the reason.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { databaseFailureOf } from '../../src/db/errors.js';
import { migrate } from '../../src/db/migrate.js';
import { freePort, spawnServer } from '../support/spawn-server.js';

const mount = (...args: string[]) => execFileSync('mount', args, { stdio: 'pipe' });
const unmount = (dir: string) => execFileSync('umount', ['-l', dir], { stdio: 'ignore' });

function cannotMount(): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'sg-mount-probe-'));
  try {
    mount('-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir);
    unmount(dir);
    return undefined;
  } catch (err) {
    return `cannot mount a tmpfs here (${String(err).split('\n')[0]})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const skipped = cannotMount();
if (skipped) console.warn(`SKIPPING the embedded storage faults: ${skipped}`);

describe.skipIf(skipped !== undefined)('embedded database storage faults', () => {
  let disk: string;
  let dataDir: string;
  beforeAll(() => {
    disk = mkdtempSync(join(tmpdir(), 'sg-disk-'));
    // a fresh migrated data directory takes about 40 MB
    mount('-t', 'tmpfs', '-o', 'size=160m', 'tmpfs', disk);
    dataDir = join(disk, 'data');
  });
  afterAll(() => {
    if (!disk) return;
    try {
      unmount(disk);
    } finally {
      rmSync(disk, { recursive: true, force: true });
    }
  });

  it('a read-only data directory stops the start with a clear message; writable again, it starts', async () => {
    // a first start creates and migrates the data directory
    const first = await spawnServer({
      env: { SOKOGURU_DATA_DIR: dataDir, DATABASE_URL: '' },
      demo: false,
    });
    await first.stop();
    expect(first.process.exitCode, first.output()).toBe(0);

    mount('-o', 'remount,ro', disk);
    const refused = spawnSync(
      process.execPath,
      ['bin/sokoguru.mjs', 'serve', '--port', String(await freePort()), '--host', '127.0.0.1'],
      {
        env: { ...process.env, SOKOGURU_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    const said = `${refused.stdout}${refused.stderr}`;
    expect(refused.status, said).toBe(1);
    expect(said).toContain(`Direktori data ${dataDir} tidak dapat ditulisi (EROFS)`);
    expect(said).not.toMatch(/\n\s+at /); // a message, not a stack trace

    mount('-o', 'remount,rw', disk);
    const again = await spawnServer({
      env: { SOKOGURU_DATA_DIR: dataDir, DATABASE_URL: '' },
      demo: false,
    });
    expect((await fetch(`${again.url}/api/v1/health`)).status).toBe(200);
    await again.stop();
    expect(again.process.exitCode, again.output()).toBe(0);
  });

  it('a full disk fails the write as a storage failure, keeps nothing of it, and recovers once space is freed', async () => {
    const database = await openDatabase({ kind: 'pglite', dataDir });
    await migrate(database);
    await sql`create table if not exists fill_test (id serial primary key, x text)`.execute(
      database.db,
    );
    const count = async () =>
      (await sql<{ n: bigint }>`select count(*) as n from fill_test`.execute(database.db)).rows[0]!
        .n;
    const before = await count();
    // leave 2 MB free, then write 20 MB in one statement
    const filler = join(disk, 'filler');
    const free = Number(
      execFileSync('df', ['--output=avail', '-B1', disk]).toString().split('\n')[1],
    );
    execFileSync('fallocate', ['-l', String(free - 2_000_000), filler]);
    const err =
      await sql`insert into fill_test (x) select repeat('x', 1000) from generate_series(1, 20000)`
        .execute(database.db)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
    expect(databaseFailureOf(err), String(err)).toBe('storage');
    expect(await count()).toBe(before);

    rmSync(filler);
    await sql`insert into fill_test (x) values ('after the disk was freed')`.execute(database.db);
    expect(await count()).toBe(before + 1n);
    await database.close();

    // the next start finds the data whole
    const reopened = await openDatabase({ kind: 'pglite', dataDir });
    expect(
      (await sql<{ n: bigint }>`select count(*) as n from fill_test`.execute(reopened.db)).rows[0]!
        .n,
    ).toBe(before + 1n);
    await reopened.close();
  });
});
