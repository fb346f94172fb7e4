import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { openDatabase } from '../../../src/db/database.js';
import { verifyAuditTrail } from '../../../src/services/audit.js';
import { openDeps } from '../../../src/services/deps.js';
import { createBranch } from '../../../src/services/organizations.js';
import { inOrg, systemContext } from '../../../src/services/context.js';
import {
  chainHash,
  eventsInBlockOrder,
  GENESIS_HASH,
  insertAuditEvents,
  organizationsWithUnsealedEvents,
} from '../../../src/db/audit.repo.js';
import { isPostgresRun, testDeps, type TestDeps } from '../../support/db.js';
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
  await deps.sealer.settle({ organizationId: coop.id }); // not flush(): another test file's transaction can hold the horizon
  return coop;
}

/** The organisation's events in id order, for picking one to tamper with. */
async function eventIds(coopId: string): Promise<bigint[]> {
  const r = await deps.database.db
    .selectFrom('audit_events')
    .select('id')
    .where('organization_id', '=', coopId)
    .orderBy('id')
    .execute();
  return r.map((x) => x.id);
}

describe('audit trail hash chain', () => {
  it('every change writes an event in its transaction and the sealed chain verifies', async () => {
    const coop = await coopWithEvents(3);
    const events = await deps.database.db
      .selectFrom('audit_events')
      .select(['action', 'xact_id'])
      .where('organization_id', '=', coop.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'organization.created',
      'branch.created',
      'branch.created',
      'branch.created',
    ]);
    // each change in its own transaction, all of them now behind the seal
    expect(new Set(events.map((e) => e.xact_id)).size).toBe(4);
    const head = await deps.database.db
      .selectFrom('audit_chain_heads')
      .select(['block_seq', 'horizon'])
      .where('organization_id', '=', coop.id)
      .executeTakeFirstOrThrow();
    for (const e of events) expect(BigInt(e.xact_id ?? 'x')).toBeLessThan(BigInt(head.horizon));
    const blocks = await deps.database.db
      .selectFrom('audit_seal_blocks')
      .select((eb) => eb.fn.sum<string>('event_count').as('n'))
      .where('organization_id', '=', coop.id)
      .executeTakeFirstOrThrow();
    expect(Number(blocks.n)).toBe(4);
    const verified = await verifyAuditTrail(deps.database, coop.id);
    expect(verified).toEqual({ ok: true, events: 4, problems: [] });
  });

  it('a direct UPDATE or DELETE of an audit row, a block or the head is refused', async () => {
    const coop = await coopWithEvents(1);
    await expect(
      sql`update audit_events set action = 'x' where organization_id = ${coop.id}`.execute(
        deps.database.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from audit_events where organization_id = ${coop.id}`.execute(deps.database.db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`update audit_seal_blocks set event_count = 1 where organization_id = ${coop.id}`.execute(
        deps.database.db,
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from audit_seal_blocks where organization_id = ${coop.id}`.execute(
        deps.database.db,
      ),
    ).rejects.toThrow(/append-only/);
  });

  it('sealing writes no event again: an event row keeps its only version', async () => {
    const coop = await makeCooperative(deps);
    const before = await sql<{ ctid: string }>`
      select ctid::text from audit_events where organization_id = ${coop.id}`.execute(
      deps.database.db,
    );
    await deps.sealer.flush();
    const after = await sql<{ ctid: string }>`
      select ctid::text from audit_events where organization_id = ${coop.id}`.execute(
      deps.database.db,
    );
    expect(after.rows).toEqual(before.rows);
    expect((await verifyAuditTrail(deps.database, coop.id)).events).toBe(1);
  });

  // PGlite has one connection: no transaction can be running while the sealer runs
  it.runIf(isPostgresRun())(
    'an event of a transaction still running waits for the next round',
    async () => {
      const coop = await coopWithEvents(0);
      const ctx = { ...systemContext(coop.id, 'test'), roles: [] };
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let written!: () => void;
      const wrote = new Promise<void>((r) => (written = r));
      // a transaction that writes its event and stays open while the sealer runs
      const open = inOrg(deps, ctx, async (o) => {
        await insertAuditEvents(o.tx, [
          {
            organizationId: coop.id,
            actorUserId: null,
            actorLabel: 'test',
            action: 'test.long',
            entityType: 'test',
            entityId: null,
            before: undefined,
            after: undefined,
            requestId: null,
            ip: null,
          },
        ]);
        written();
        await held;
      });
      await wrote;
      await createBranch(deps, ctx, { code: 'L1', name: 'Cabang L' }); // commits after it
      await deps.sealer.flush();
      // only organization.created: the open transaction's event, and the branch's after it, wait
      expect(await verifyAuditTrail(deps.database, coop.id)).toEqual({
        ok: true,
        events: 1,
        problems: [],
      });
      release();
      await open; // wrote its event without marking the organisation for sealing
      // the round that left the branch's event waiting looks again by itself
      await vi.waitFor(
        async () =>
          expect(await verifyAuditTrail(deps.database, coop.id)).toEqual({
            ok: true,
            events: 3,
            problems: [],
          }),
        { timeout: 10_000, interval: 200 },
      );
    },
    30_000,
  );

  it.runIf(isPostgresRun())(
    'settle() waits for a transaction still running and then seals everything',
    async () => {
      const coop = await coopWithEvents(0);
      const ctx = { ...systemContext(coop.id, 'test'), roles: [] };
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let started!: () => void;
      const began = new Promise<void>((r) => (started = r));
      // holds a transaction id, as another database's long job on the same cluster would
      const open = inOrg(deps, ctx, async (o) => {
        await sql`select pg_current_xact_id()`.execute(o.tx);
        started();
        await held;
      });
      await began;
      await createBranch(deps, ctx, { code: 'S1', name: 'Cabang S' }); // commits after it
      let settled = false;
      const settling = deps.sealer
        .settle({ organizationId: coop.id, timeoutMs: 20_000 })
        .then(() => (settled = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(settled).toBe(false); // the branch's event waits behind the open transaction
      release();
      await open;
      await settling;
      expect(await organizationsWithUnsealedEvents(deps.database.db)).not.toContain(coop.id);
      expect((await verifyAuditTrail(deps.database, coop.id)).events).toBe(2);
    },
    30_000,
  );

  it('events are chained in the numeric order of their transactions (99, 100, 1000)', async () => {
    const coop = await makeCooperative(deps);
    for (const x of ['1000', '99', '100'])
      await tamper(
        `insert into audit_events (organization_id, actor_label, action, entity_type, xact_id)
         values ('${coop.id}', 'test', 'test.order', 'test', '${x}')`,
      );
    const order: string[] = [];
    for await (const e of eventsInBlockOrder(deps.database.db, coop.id, '0', '2000'))
      order.push(e.xact);
    expect(order.filter((x) => ['99', '100', '1000'].includes(x))).toEqual(['99', '100', '1000']);
    expect(order).toEqual([...order].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)));
  });

  it('an edited event is detected', async () => {
    const coop = await coopWithEvents(3);
    const ids = await eventIds(coop.id);
    await tamper(
      `update audit_events set after = '{"code":"X"}' where organization_id = '${coop.id}' and id = ${ids[1]}`,
    );
    const r = await verifyAuditTrail(deps.database, coop.id);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.problem)).toEqual(['hash-mismatch']);
  });

  it('a deleted event in the middle is detected', async () => {
    const coop = await coopWithEvents(3);
    const ids = await eventIds(coop.id);
    await tamper(
      `delete from audit_events where organization_id = '${coop.id}' and id = ${ids[1]}`,
    );
    const r = await verifyAuditTrail(deps.database, coop.id);
    expect(r.problems.map((p) => p.problem)).toContain('count-mismatch');
  });

  it('a deleted last event, or a cut last block, is detected', async () => {
    const coop = await coopWithEvents(2);
    const ids = await eventIds(coop.id);
    await tamper(
      `delete from audit_events where organization_id = '${coop.id}' and id = ${ids[2]}`,
    );
    expect(
      (await verifyAuditTrail(deps.database, coop.id)).problems.map((p) => p.problem),
    ).toContain('count-mismatch');
    const other = await coopWithEvents(2);
    await tamper(
      `delete from audit_seal_blocks where organization_id = '${other.id}'
         and block_seq = (select max(block_seq) from audit_seal_blocks where organization_id = '${other.id}')`,
    );
    expect(
      (await verifyAuditTrail(deps.database, other.id)).problems.map((p) => p.problem),
    ).toContain('head-mismatch');
  });

  it('an event slipped into a sealed range is detected', async () => {
    const coop = await coopWithEvents(1);
    const ids = await eventIds(coop.id);
    await tamper(
      `insert into audit_events (organization_id, actor_label, action, entity_type, xact_id)
       select organization_id, 'admin', 'branch.deleted', 'branch', xact_id from audit_events
       where organization_id = '${coop.id}' and id = ${ids[0]}`,
    );
    expect(
      (await verifyAuditTrail(deps.database, coop.id)).problems.map((p) => p.problem),
    ).toContain('count-mismatch');
  });

  it('two reordered events are detected', async () => {
    const coop = await coopWithEvents(3);
    const [, second, third] = await eventIds(coop.id);
    // swap the transactions of events 2 and 3, which decides their order in the chain
    await tamper(
      `update audit_events a set xact_id = b.xact_id from audit_events b
       where a.organization_id = '${coop.id}' and b.organization_id = a.organization_id
         and ((a.id = ${second} and b.id = ${third}) or (a.id = ${third} and b.id = ${second}))`,
    );
    const r = await verifyAuditTrail(deps.database, coop.id);
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => p.problem)).toContain('hash-mismatch');
  });

  it('events sealed one by one before blocks still verify, and the blocks continue their chain', async () => {
    const coop = await makeCooperative(deps);
    await deps.sealer.settle({ organizationId: coop.id }); // not flush(): as coopWithEvents
    // turn the organisation's sealed history into what the earlier sealer left: every event with
    // its own chain_seq/prev_hash/hash, no blocks, the head at the last event
    const rows = await sql<{ id: bigint; canonical: string }>`
      select id, jsonb_build_object(
        'org', organization_id, 'id', id,
        'at', to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'actor', actor_user_id, 'label', actor_label, 'action', action,
        'entity', entity_type, 'entity_id', entity_id, 'before', before, 'after', after,
        'request', request_id, 'ip', ip)::text as canonical
      from audit_events where organization_id = ${coop.id} order by id`.execute(deps.database.db);
    let prev: Buffer = GENESIS_HASH;
    const updates: string[] = [];
    rows.rows.forEach((r, i) => {
      const h = chainHash(prev, r.canonical);
      updates.push(
        `update audit_events set chain_seq = ${i + 1}, prev_hash = '\\x${prev.toString('hex')}', hash = '\\x${h.toString('hex')}', xact_id = null
         where organization_id = '${coop.id}' and id = ${r.id}`,
      );
      prev = h;
    });
    for (const statement of [
      `delete from audit_seal_blocks where organization_id = '${coop.id}'`,
      ...updates,
      `update audit_chain_heads set chain_seq = ${rows.rows.length}, hash = '\\x${prev.toString('hex')}', block_seq = 0, horizon = '0'
       where organization_id = '${coop.id}'`,
    ])
      await tamper(statement);
    expect(await verifyAuditTrail(deps.database, coop.id)).toEqual({
      ok: true,
      events: rows.rows.length,
      problems: [],
    });
    const ctx = { ...systemContext(coop.id, 'test'), roles: [] };
    await createBranch(deps, ctx, { code: 'N1', name: 'Cabang N' });
    // not flush(): on PostgreSQL another test file's running transaction can hold the horizon
    await deps.sealer.settle({ organizationId: coop.id });
    const block = await deps.database.db
      .selectFrom('audit_seal_blocks')
      .select(['block_seq', 'prev_hash'])
      .where('organization_id', '=', coop.id)
      .executeTakeFirstOrThrow();
    expect(block.block_seq).toBe(1n);
    expect(Buffer.from(block.prev_hash).equals(prev)).toBe(true);
    expect(await verifyAuditTrail(deps.database, coop.id)).toEqual({
      ok: true,
      events: rows.rows.length + 1,
      problems: [],
    });
    // and a cut tail of the one-by-one chain still shows
    await tamper(
      `delete from audit_events where organization_id = '${coop.id}' and chain_seq = ${rows.rows.length}`,
    );
    expect((await verifyAuditTrail(deps.database, coop.id)).problems.map((p) => p.problem)).toEqual(
      expect.arrayContaining(['head-mismatch', 'broken-link']),
    );
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
