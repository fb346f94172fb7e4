import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/db/database.js';
import { pgliteSettings } from '../../../src/db/pglite-open.js';

describe('the embedded database memory settings (docs/operations.md)', () => {
  it('bounds the buffer pool, sorts and maintenance by default, and takes overrides', () => {
    expect(pgliteSettings({})).toEqual([
      "shared_buffers = '16MB'",
      "work_mem = '4MB'",
      "maintenance_work_mem = '16MB'",
    ]);
    expect(
      pgliteSettings({ SOKOGURU_PGLITE_SHARED_BUFFERS: '64MB', SOKOGURU_PGLITE_WORK_MEM: '512kB' }),
    ).toEqual(["shared_buffers = '64MB'", "work_mem = '512kB'", "maintenance_work_mem = '16MB'"]);
  });

  it('refuses a value that is not a size, so no text reaches postgresql.conf', () => {
    expect(() => pgliteSettings({ SOKOGURU_PGLITE_SHARED_BUFFERS: "32MB'\nfsync = off" })).toThrow(
      /a size such as 32MB/,
    );
    expect(() => pgliteSettings({ SOKOGURU_PGLITE_WORK_MEM: 'lots' })).toThrow(/a size/);
  });

  it('a new data directory opens with the settings, and opens again with its data', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-pglite-settings-'));
    try {
      const first = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') });
      const shown = await sql<{
        shared_buffers: string;
        maintenance_work_mem: string;
      }>`select current_setting('shared_buffers') as shared_buffers,
                current_setting('maintenance_work_mem') as maintenance_work_mem`.execute(first.db);
      expect(shown.rows[0]).toEqual({ shared_buffers: '16MB', maintenance_work_mem: '16MB' });
      await sql`create table kept (n int)`.execute(first.db);
      await sql`insert into kept values (42)`.execute(first.db);
      await first.close();
      const again = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') });
      const kept = await sql<{ n: number }>`select n from kept`.execute(again.db);
      expect(kept.rows).toEqual([{ n: 42 }]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
