import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase } from '../../../src/db/database.js';
import { verifyAuditTrail } from '../../../src/services/audit.js';
import { openDeps } from '../../../src/services/deps.js';
import { createBranch } from '../../../src/services/organizations.js';
import { systemContext } from '../../../src/services/context.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import { makeCooperative } from '../../support/fixtures.js';

const run = promisify(execFile);

let deps: TestDeps;
beforeAll(async () => {
  deps = await testDeps();
});
afterAll(async () => deps.close());

/** Writes as the database owner with triggers off: what a tampering DBA would do. */
async function tamper(statement: string) {
  await deps.database.db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    await sql.raw(statement).execute(tx);
  });
}

async function coopWithEvents(n: number) {
  const coop = await makeCooperative(deps);
  const ctx = { ...systemContext(coop.id, 'test'), roles: [] };
  for (let i = 0; i < n; i++) await createBranch(deps, ctx, { code: `C${i}`, name: `Cabang ${i}` });
  await deps.sealer.flush();
  return coop;
}

describe('audit trail hash chain', () => {
  it('every change writes an event in its transaction and the sealed chain verifies', async () => {
    const coop = await coopWithEvents(3);
    const events = await deps.database.db
      .selectFrom('audit_events')
      .select(['action', 'chain_seq'])
      .where('organization_id', '=', coop.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'organization.created',
      'branch.created',
      'branch.created',
      'branch.created',
    ]);
    expect(events.map((e) => e.chain_seq)).toEqual([1n, 2n, 3n, 4n]);
    expect((await verifyAuditTrail(deps.database, coop.id)).ok).toBe(true);
  });

  it('a direct UPDATE or DELETE of an audit row is refused by the database', async () => {
    const coop = await coopWithEvents(1);
    await expect(
      sql`update audit_events set action = 'x' where organization_id = ${coop.id}`.execute(
        deps.database.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from audit_events where organization_id = ${coop.id}`.execute(deps.database.db),
    ).rejects.toThrow(/append-only/);
  });


  it('sealing may set only the chain columns, once, and only on an unsealed event', async () => {
    const coop = await makeCooperative(deps); // organization.created, not sealed yet
    const seal = (extra: string, where = 'chain_seq is null') =>
      sql
        .raw(
          `update audit_events set chain_seq = 99, prev_hash = '\\x00', hash = '\\x01'${extra}
           where organization_id = '${coop.id}' and ${where}`,
        )
        .execute(deps.database.db);
    await expect(seal(", action = 'x'")).rejects.toThrow(/append-only/);
    await expect(seal(", after = '{}'")).rejects.toThrow(/append-only/);
    await expect(seal(", occurred_at = occurred_at - interval '1 second'")).rejects.toThrow(/append-only/);
    await deps.sealer.flush();
    // sealed once: a second sealing (a rewrite of the chain) is refused
    await expect(seal('', 'chain_seq = 1')).rejects.toThrow(/append-only/);
    expect((await verifyAuditTrail(deps.database, coop.id)).ok).toBe(true);
  });

  it("the append-only trigger's WHEN clause compares every column but the chain's", async () => {
    // the trigger lists the columns by name (migration 0009): a new column must be added there
    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = 'audit_events'
        and column_name not in ('chain_seq', 'prev_hash', 'hash')`.execute(deps.database.db);
    const def = await sql<{ def: string }>`
      select pg_get_triggerdef(oid) as def from pg_trigger
      where tgrelid = 'audit_events'::regclass and tgname = 'audit_events_no_update'`.execute(
      deps.database.db,
    );
    const when = def.rows[0]?.def ?? '';
    expect(columns.rows.length).toBeGreaterThan(10);
    for (const { column_name } of columns.rows) {
      expect(when).toContain(`old.${column_name}`);
      expect(when).toContain(`new.${column_name}`);
    }
  });
  it('an edited event is detected', async () => {
    const coop = await coopWithEvents(3);
    await tamper(
      `update audit_events set after = '{"code":"X"}' where organization_id = '${coop.id}' and chain_seq = 2`,
    );
    const r = await verifyAuditTrail(deps.database, coop.id);
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(
      expect.objectContaining({ chainSeq: 2n, problem: 'hash-mismatch' }),
    );
  });

  it('a deleted event in the middle is detected', async () => {
    const coop = await coopWithEvents(3);
    await tamper(`delete from audit_events where organization_id = '${coop.id}' and chain_seq = 2`);
    const r = await verifyAuditTrail(deps.database, coop.id);
    expect(r.problems.map((p) => p.problem)).toContain('sequence-gap');
  });

  it('a deleted last event is detected through the chain head', async () => {
    const coop = await coopWithEvents(2);
    await tamper(`delete from audit_events where organization_id = '${coop.id}' and chain_seq = 3`);
    const r = await verifyAuditTrail(deps.database, coop.id);
    expect(r.problems.map((p) => p.problem)).toContain('head-mismatch');
  });

  it('two reordered events are detected', async () => {
    const coop = await coopWithEvents(3);
    // Swap positions 2 and 3 (through -2: the unique key refuses a transient duplicate).
    await tamper(
      `update audit_events set chain_seq = -2 where organization_id = '${coop.id}' and chain_seq = 2`,
    );
    await tamper(
      `update audit_events set chain_seq = 2 where organization_id = '${coop.id}' and chain_seq = 3`,
    );
    await tamper(
      `update audit_events set chain_seq = 3 where organization_id = '${coop.id}' and chain_seq = -2`,
    );
    const r = await verifyAuditTrail(deps.database, coop.id);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.problem)).toContain('broken-link');
  });

  it('`sokoguru audit verify` exits non-zero after one audit row is edited in SQL', async () => {
    const tpl = inject('dbTemplate');
    const dir = mkdtempSync(join(tmpdir(), 'sg-audit-'));
    let env: NodeJS.ProcessEnv;
    let t: TestDeps | undefined;
    try {
      if (tpl.kind === 'pglite') {
        // A database on disk the CLI process can open, loaded from the migrated template.
        const database = await openDatabase({
          kind: 'pglite',
          dataDir: join(dir, 'data'),
          loadDataDir: new Blob([readFileSync(tpl.file)]),
        });
        const d = await openDeps(database, { logger: pino({ level: 'silent' }), migrate: false });
        const coop = await (await import('../../support/fixtures.js')).makeCooperative(d);
        await createBranch(
          d,
          { ...systemContext(coop.id, 'test'), roles: [] },
          { code: 'C1', name: 'Cabang 1' },
        );
        await d.close();
        env = { ...process.env, SOKOGURU_DATA_DIR: join(dir, 'data'), DATABASE_URL: '' };
      } else {
        t = await testDeps();
        const coop = await (await import('../../support/fixtures.js')).makeCooperative(t);
        await createBranch(
          t,
          { ...systemContext(coop.id, 'test'), roles: [] },
          { code: 'C1', name: 'Cabang 1' },
        );
        await t.sealer.flush();
        env = { ...process.env, DATABASE_URL: t.url };
      }
      const ok = await run('node', ['bin/sokoguru.mjs', 'audit', 'verify'], { env });
      expect(ok.stdout).toMatch(/audit trail intact: \d+ events verified/);

      const statement = `set session_replication_role = replica; update audit_events set action = 'branch.deleted' where action = 'branch.created';`;
      if (tpl.kind === 'pglite') {
        const database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') });
        await database.exec(statement);
        await database.close();
      } else {
        await t!.database.exec(statement);
      }
      const broken = await run('node', ['bin/sokoguru.mjs', 'audit', 'verify'], { env }).then(
        () => ({ code: 0, stdout: '' }),
        (e: { code: number; stdout: string }) => e,
      );
      expect(broken.code).toBe(1);
      expect(broken.stdout).toMatch(/hash-mismatch/);
      expect(broken.stdout).toMatch(/audit trail BROKEN/);
    } finally {
      await t?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
