import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeChanged } from '../../../src/db/maintenance.repo.js';
import { analyzeIfEmbedded, EmbeddedMaintenance } from '../../../src/services/maintenance.js';
import { isPostgresRun, testDeps, type TestDeps } from '../../support/db.js';
import { makeCooperative } from '../../support/fixtures.js';

let deps: TestDeps;
beforeAll(async () => {
  deps = await testDeps();
});
afterAll(async () => deps.close());

/** pg_class.reltuples is -1 until the table is first analyzed (or vacuumed). */
const reltuples = async (table: string) =>
  Number(
    (
      await sql<{
        n: number;
      }>`select reltuples::float8 as n from pg_class where relname = ${table}`.execute(
        deps.database.db,
      )
    ).rows[0]!.n,
  );

/** Rows `from`..`to` of a cooperative's outbox, their keys `tag` and the number. */
const outboxRows = (coopId: string, tag: string, from: number, to: number) =>
  sql`insert into message_outbox (cooperative_id, channel, recipient, template, body, dedupe_key)
      select ${coopId}::uuid, 'console', '0812', 'loan.test', 'b', ${tag} || g
        from generate_series(${from}::int, ${to}::int) g`.execute(deps.database.db);

describe('embedded database maintenance', () => {
  // PostgreSQL analyzes by itself (autovacuum); there the functions do nothing by design
  it.skipIf(isPostgresRun())(
    'gives the planner statistics on PGlite, which has no autovacuum',
    async () => {
      await makeCooperative(deps);
      await sql`insert into message_outbox (cooperative_id, channel, recipient, template, body, dedupe_key)
      select id, 'console', '0812', 'loan.test', 'b', 'maintenance-test' from organizations where kind = 'cooperative' limit 1`.execute(
        deps.database.db,
      );
      expect(await reltuples('message_outbox')).toBe(-1);
      await analyzeIfEmbedded(deps.database);
      expect(await reltuples('message_outbox')).toBe(1);
      // the server's job: an ANALYZE right after start, then nightly VACUUM ANALYZE
      await sql`insert into message_outbox (cooperative_id, channel, recipient, template, body, dedupe_key)
      select id, 'console', '0812', 'loan.test', 'b', 'maintenance-test-2' from organizations where kind = 'cooperative' limit 1`.execute(
        deps.database.db,
      );
      const m = new EmbeddedMaintenance(deps.database, pino({ level: 'silent' }));
      m.start();
      await m.stop();
      expect(await reltuples('message_outbox')).toBe(2);
    },
  );

  it.skipIf(isPostgresRun())(
    'analyzes a table grown past the autovacuum threshold, and the kept plans follow it',
    async () => {
      const coop = await makeCooperative(deps);
      const db = deps.database.db;
      const outbox = (from: number, to: number) => outboxRows(coop.id, 'grow-', from, to);
      await analyzeIfEmbedded(deps.database);
      const before = await reltuples('message_outbox');
      // a plan made now, while the table is small, and kept (as PL/pgSQL and the key checks keep theirs)
      await sql`set plan_cache_mode = force_generic_plan`.execute(db);
      await sql
        .raw(
          `prepare outbox_by_key(uuid, text) as
           select id from message_outbox where cooperative_id = $1 and dedupe_key = $2`,
        )
        .execute(db);
      const plan = async () =>
        // (a literal: EXPLAIN EXECUTE takes no bound parameters; the id is the fixture's uuid)
        (
          await sql
            .raw<{ 'QUERY PLAN': string }>(`explain execute outbox_by_key('${coop.id}', 'grow-7')`)
            .execute(db)
        ).rows
          .map((r) => r['QUERY PLAN'])
          .join('\n');
      try {
        expect(await plan()).toMatch(/Seq Scan on message_outbox/);

        const m = new EmbeddedMaintenance(deps.database, pino({ level: 'silent' }));
        // 40 rows: below the threshold (50 + 10 %), nothing analyzed
        await outbox(1, 40);
        await m.analyzeChangedNow();
        expect(await reltuples('message_outbox')).toBe(before);
        // 3,000 more: analyzed, and the kept plan is made again with an index
        await outbox(41, 3_040);
        await m.analyzeChangedNow();
        expect(await reltuples('message_outbox')).toBe(before + 3_040);
        expect(await plan()).toMatch(
          /Index Scan using message_outbox_cooperative_id_dedupe_key_key/,
        );
        await m.stop();
      } finally {
        await sql`deallocate outbox_by_key`.execute(db);
        await sql`reset plan_cache_mode`.execute(db);
      }
    },
  );

  it.skipIf(isPostgresRun())(
    'analyzes a table again once it has changed by as many rows as it held, not by a tenth',
    async () => {
      const coop = await makeCooperative(deps);
      const db = deps.database.db;
      const outbox = (tag: string, n: number) => outboxRows(coop.id, tag, 1, n);
      await outbox('base-', 2_000);
      await analyzeIfEmbedded(deps.database);
      const held = await reltuples('message_outbox');
      expect(held).toBeGreaterThanOrEqual(2_000);
      const m = new EmbeddedMaintenance(deps.database, pino({ level: 'silent' }));
      // half as many again: past autovacuum's tenth, short of the embedded threshold
      await outbox('half-', Math.round(held / 2));
      await m.analyzeChangedNow();
      expect(await reltuples('message_outbox')).toBe(held);
      // as many again as it held (and the 50): analyzed
      await outbox('full-', Math.round(held / 2) + 60);
      await m.analyzeChangedNow();
      expect(await reltuples('message_outbox')).toBe(held + 2 * Math.round(held / 2) + 60);
      await m.stop();
      await expect(analyzeChanged(db, Number.NaN)).rejects.toThrow(RangeError);
    },
  );
});
