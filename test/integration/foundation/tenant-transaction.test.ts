// The tenant transaction's plumbing: values written into SQL text, and on PostgreSQL the opening
// (BEGIN and the tenant settings) held back until the first statement (DeferringClient).
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { inTenantTransaction, openDatabase, type Database } from '../../../src/db/database.js';
import {
  sqlBigint,
  sqlBigintArray,
  sqlDate,
  sqlText,
  sqlTextArray,
  sqlUuid,
} from '../../../src/db/literals.js';
import { inOrg, systemContext } from '../../../src/services/context.js';
import { postEntry, seedChartOfAccounts } from '../../../src/services/ledger.js';
import { TEST_CHART } from '../../support/chart.js';
import { isPostgresRun, testDeps, type TestDeps } from '../../support/db.js';
import { makeCooperative } from '../../support/fixtures.js';

let deps: TestDeps;
let coop: Awaited<ReturnType<typeof makeCooperative>>;
beforeAll(async () => {
  deps = await testDeps();
  coop = await makeCooperative(deps);
  await inOrg(deps, { ...systemContext(coop.id, 'test'), roles: [] }, (o) =>
    seedChartOfAccounts(o, TEST_CHART),
  );
});
afterAll(async () => deps.close());

const orgSetting = sql<{
  org: string | null;
}>`select current_setting('sokoguru.org_id', true) as org`;

describe('values written into SQL text', () => {
  it('come back exactly as they went in', async () => {
    const texts = [
      "it's",
      'back\\slash',
      '$sg$ ends $sg$ here',
      '$sg0$$sg$$sg1$',
      '$$',
      "'; drop table journal_lines; --",
      'Koperasi Simpan Pinjam "Sejahtera" — Rp 1.000',
      '',
    ];
    const r = await sql
      .raw<{ t: string[]; n: string[] }>(
        `select ${sqlTextArray(texts)} as t,
                ${sqlBigintArray([0n, -5n, 999_999_999_999_999n, null])}::text[] as n`,
      )
      .execute(deps.database.db);
    expect(r.rows[0]?.t).toEqual(texts);
    expect(r.rows[0]?.n).toEqual(['0', '-5', '999999999999999', null]);
  });

  it('refuse anything not of their shape', () => {
    expect(() => sqlBigint('1; drop table x' as unknown as bigint)).toThrow(/integer/);
    expect(() => sqlBigint(1.5)).toThrow(/integer/);
    expect(() => sqlUuid("00000000-0000-0000-0000-000000000000'; --")).toThrow(/uuid/);
    expect(() => sqlDate('2026-11-29; --')).toThrow(/date/);
    expect(sqlText(null)).toBe('null');
    expect(sqlUuid(null)).toBe('null::uuid');
  });
});

describe('a tenant transaction', () => {
  it('runs its first statement under the tenant, whether text or with parameters', async () => {
    const asText = await inTenantTransaction(deps.database.db, coop.id, (tx) =>
      orgSetting.execute(tx),
    );
    expect(asText.rows[0]?.org).toBe(coop.id);
    const withParameter = await inTenantTransaction(deps.database.db, coop.id, (tx) =>
      sql<{
        org: string;
        one: number;
      }>`select current_setting('sokoguru.org_id') as org, ${1}::int as one`.execute(tx),
    );
    expect(withParameter.rows[0]).toEqual({ org: coop.id, one: 1 });
  });

  it('a failing first statement rolls back everything, and the next transaction is clean', async () => {
    const before = await countEntries();
    await expect(
      inTenantTransaction(deps.database.db, coop.id, async (tx) => {
        await sql.raw('select 1 / 0').execute(tx);
      }),
    ).rejects.toThrow(/division by zero/);
    await expect(
      inOrg(deps, { ...systemContext(coop.id, 'test'), roles: [] }, async (o) => {
        await postEntry(o, deposit(1000n));
        await sql.raw('select 1 / 0').execute(o.tx);
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await countEntries()).toBe(before);
    await inOrg(deps, { ...systemContext(coop.id, 'test'), roles: [] }, (o) =>
      postEntry(o, deposit(1000n)),
    );
    expect(await countEntries()).toBe(before + 1);
  });

  it('one that fails before sending anything, or sends only its audit, still ends cleanly', async () => {
    await expect(
      inTenantTransaction(deps.database.db, coop.id, () => Promise.reject(new Error('early'))),
    ).rejects.toThrow('early');
    const ctx = { ...systemContext(coop.id, 'test'), roles: [] };
    await inOrg(deps, ctx, (o) =>
      o.audit({ action: 'test.audit-only', entityType: 'test', entityId: 'x' }),
    );
    const r = await deps.database.db
      .selectFrom('audit_events')
      .select('organization_id')
      .where('action', '=', 'test.audit-only')
      .execute();
    expect(r.map((x) => x.organization_id)).toEqual([coop.id]);
  });
});

describe.runIf(isPostgresRun())('on PostgreSQL', () => {
  it('a posting costs two round trips: BEGIN with the posting, the audit event with COMMIT', async () => {
    await inOrg(deps, { ...systemContext(coop.id, 'test'), roles: [] }, (o) =>
      postEntry(o, deposit(500n)),
    ); // accounts cached, as on a running server
    await deps.sealer.flush(); // and no sealing under way beside the posting
    const spy = vi.spyOn(pg.Client.prototype, 'query');
    let sent: string[];
    try {
      await inOrg(deps, { ...systemContext(coop.id, 'test'), roles: [] }, (o) =>
        postEntry(o, deposit(500n)),
      );
      sent = spy.mock.calls.map((c) => (typeof c[0] === 'string' ? c[0] : 'config'));
    } finally {
      spy.mockRestore();
    }
    expect(sent, sent.join('\n---\n')).toHaveLength(2);
    expect(sent[0]).toMatch(
      /^begin; set local sokoguru.org_id = '[0-9a-f-]{36}'; set local role sokoguru_app; .*ledger_post\(/s,
    );
    expect(sent[1]).toMatch(/insert into audit_events.*; commit$/s);
  });

  it('a statement with parameters is prepared once per connection and answers right each time', async () => {
    const one: Database = await openDatabase({
      kind: 'postgres',
      url: deps.url ?? '',
      poolSize: 1,
    });
    try {
      const twice = sql<{ n: number }>`select ${1}::int + ${41}::int as n`;
      const other = sql<{ n: number }>`select ${2}::int * ${21}::int as n`;
      expect((await twice.execute(one.db)).rows).toEqual([{ n: 42 }]);
      expect((await twice.execute(one.db)).rows).toEqual([{ n: 42 }]);
      expect((await other.execute(one.db)).rows).toEqual([{ n: 42 }]);
      // a statement refused at parse leaves the connection usable, and the next one answers
      await expect(sql`select ${1}::int from no_such_table`.execute(one.db)).rejects.toThrow(
        /no_such_table/,
      );
      const prepared = await sql<{ statement: string }>`
        select statement from pg_prepared_statements
        where name like 'sg\_%' order by statement`.execute(one.db);
      expect(prepared.rows.map((r) => r.statement)).toEqual([
        'select $1::int * $2::int as n',
        'select $1::int + $2::int as n',
      ]);
    } finally {
      await one.close();
    }
  });

  it('nothing held back ever reaches another transaction on the same connection', async () => {
    // one connection, so every transaction below runs on it
    const one: Database = await openDatabase({
      kind: 'postgres',
      url: deps.url ?? '',
      poolSize: 1,
    });
    try {
      await expect(
        inTenantTransaction(one.db, coop.id, () => Promise.reject(new Error('early'))),
      ).rejects.toThrow('early');
      const outside = await orgSetting.execute(one.db);
      expect(outside.rows[0]?.org ?? '').toBe('');
      const role = await sql<{ r: string }>`select current_user as r`.execute(one.db);
      expect(role.rows[0]?.r).not.toBe('sokoguru_app');
      const inside = await inTenantTransaction(one.db, coop.id, (tx) => orgSetting.execute(tx));
      expect(inside.rows[0]?.org).toBe(coop.id);
      const after = await orgSetting.execute(one.db);
      expect(after.rows[0]?.org ?? '').toBe('');
    } finally {
      await one.close();
    }
  });
});

function deposit(amount: bigint) {
  return {
    entryDate: '2026-11-24',
    description: 'Setoran uji',
    source: { type: 'test.deposit' },
    lines: [
      { account: { code: '1101' }, debitRupiah: amount },
      { account: { code: '2101' }, creditRupiah: amount },
    ],
  };
}

async function countEntries(): Promise<number> {
  const r = await deps.database.db
    .selectFrom('journal_entries')
    .select((eb) => eb.fn.countAll<bigint>().as('n'))
    .where('cooperative_id', '=', coop.id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
