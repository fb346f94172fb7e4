import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
