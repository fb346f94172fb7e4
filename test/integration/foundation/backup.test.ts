import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backup, checksum, restore, RestoreError } from '../../../src/services/backup.js';
import { systemContext } from '../../../src/services/context.js';
import { createBranch, updateOrganization } from '../../../src/services/organizations.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import { makeCooperative, makeDinas, makeUser } from '../../support/fixtures.js';

let source: TestDeps;
let dir: string;
let coopA: Awaited<ReturnType<typeof makeCooperative>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sg-backup-'));
  source = await testDeps();
  const dinas = await makeDinas(source);
  coopA = await makeCooperative(source, 'Koperasi A');
  await source.database.db
    .updateTable('organizations')
    .set({ supervising_dinas_id: dinas.id })
    .where('id', '=', coopA.id)
    .execute();
  const coopB = await makeCooperative(source, 'Koperasi B');
  for (const coop of [coopA, coopB]) {
    const ctx = { ...systemContext(coop.id, 'test'), roles: [] };
    for (let i = 0; i < 25; i++)
      await createBranch(source, ctx, {
        code: `C${i}`,
        name: `Cabang ${i}`,
        address: `Jl. Uji No. ${i}`,
      });
    const admin = await makeUser(source, coop, ['admin']);
    await updateOrganization(
      source,
      { ...ctx, actor: { userId: admin.id, label: admin.username }, roles: ['admin'] },
      { phone: '+62285400000' },
      { nib: '9120001111111' },
    );
  }
  await source.sealer.settle();
});
afterAll(async () => {
  await source.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('one organisation restored into an empty database has an identical checksum', async () => {
    const before = await checksum(source.database, coopA.id);
    expect(before.tables.find((t) => t.name === 'branches')?.rows).toBe('25');
    const file = join(dir, 'a.sgb.gz');
    await backup(source.database, file, coopA.id);
    const target = await testDeps();
    try {
      await restore(target.database, file);
      const after = await checksum(target.database, coopA.id);
      expect(after.tables).toEqual(before.tables);
      expect(after.digest).toBe(before.digest);
      // Nothing of cooperative B came along.
      const others = await target.database.db
        .selectFrom('branches')
        .select('id')
        .where('cooperative_id', '<>', coopA.id)
        .execute();
      expect(others).toHaveLength(0);
      // Identity sequences continue after the restored rows.
      const ctx = { ...systemContext(coopA.id, 'test'), roles: [] };
      const next = await createBranch(target, ctx, { code: 'NEW', name: 'Cabang Baru' });
      expect(next.status).toBe(201);
    } finally {
      await target.close();
    }
  });

  it('the whole database restored into an empty one has an identical checksum', async () => {
    const before = await checksum(source.database, null);
    const file = join(dir, 'all.sgb.gz');
    await backup(source.database, file, null);
    const target = await testDeps();
    try {
      await restore(target.database, file);
      expect((await checksum(target.database, null)).digest).toBe(before.digest);
    } finally {
      await target.close();
    }
  });

  it('a restore into a database that already holds the organisation is refused and changes nothing', async () => {
    const file = join(dir, 'again.sgb.gz');
    await backup(source.database, file, coopA.id);
    const before = await checksum(source.database, null);
    await expect(restore(source.database, file)).rejects.toBeInstanceOf(RestoreError);
    expect((await checksum(source.database, null)).digest).toBe(before.digest);
  });

  it('a change after the backup shows up as a different checksum', async () => {
    const before = await checksum(source.database, coopA.id);
    await createBranch(
      source,
      { ...systemContext(coopA.id, 'test'), roles: [] },
      { code: 'LATE', name: 'Cabang Susulan' },
    );
    expect((await checksum(source.database, coopA.id)).digest).not.toBe(before.digest);
  });
});
