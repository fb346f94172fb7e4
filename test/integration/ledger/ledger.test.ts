import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenantTransaction, type Tx } from '../../../src/db/database.js';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { inOrg, systemContext, type OrgContext } from '../../../src/services/context.js';
import {
  closeMonth,
  postEntry,
  reverseEntry,
  seedChartOfAccounts,
} from '../../../src/services/ledger.js';
import { closeYear } from '../../../src/services/year-end.js';
import { TEST_CHART } from '../../support/chart.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import { codeOf } from '../../support/outcome.js';
import { makeCooperative } from '../../support/fixtures.js';

let deps: TestDeps;
beforeAll(async () => {
  deps = await testDeps();
});
afterAll(async () => deps.close());

async function newLedger(): Promise<OrgContext> {
  const coop = await makeCooperative(deps);
  const ctx: OrgContext = { ...systemContext(coop.id, 'test'), roles: [] };
  await inOrg(deps, ctx, (o) => seedChartOfAccounts(o, TEST_CHART));
  return ctx;
}

const postIn = (
  ctx: OrgContext,
  entryDate: string,
  lines: { code: string; d?: bigint; c?: bigint }[],
  series?: string,
) =>
  inOrg(deps, ctx, (o) =>
    postEntry(o, {
      entryDate,
      description: 'uji',
      source: { type: 'test' },
      ...(series ? { series } : {}),
      lines: lines.map((l) => ({
        account: { code: l.code },
        ...(l.d ? { debitRupiah: l.d } : {}),
        ...(l.c ? { creditRupiah: l.c } : {}),
      })),
    }),
  );

/** A two-line entry: `amount` debited to one account and credited to another. */
const postPair = (
  ctx: OrgContext,
  entryDate: string,
  debit: string,
  credit: string,
  amount: bigint,
  options: { creditAmount?: bigint; series?: string } = {},
) =>
  postIn(
    ctx,
    entryDate,
    [
      { code: debit, d: amount },
      { code: credit, c: options.creditAmount ?? amount },
    ],
    options.series,
  );

/**
 * An entry written straight into the tables (its series' counter first), bypassing ledger_post,
 * for the tests that show what the database itself refuses; returns its id.
 */
async function insertEntryDirectly(
  tx: Tx,
  coop: string,
  series: string,
  entryDate: string,
  description: string,
  total: number,
): Promise<bigint> {
  const year = Number(entryDate.slice(0, 4));
  await sql`insert into journal_counters values (${coop}, ${year}, ${series}, 1)`.execute(tx);
  const e = await sql<{
    id: bigint;
  }>`insert into journal_entries (cooperative_id, entry_date, fiscal_year, series, number, description, source_type, total_rupiah)
    values (${coop}, ${entryDate}, ${year}, ${series}, 1, ${description}, 'test', ${total}) returning id`.execute(
    tx,
  );
  return e.rows[0]!.id;
}

const counts = async (coop: string) => {
  const r = await sql<{ e: bigint; l: bigint; b: bigint }>`
    select (select count(*) from journal_entries where cooperative_id = ${coop}) as e,
           (select count(*) from journal_lines where cooperative_id = ${coop}) as l,
           (select coalesce(sum(debit_rupiah + credit_rupiah), 0)::bigint from account_balances where cooperative_id = ${coop}) as b`.execute(
    deps.database.db,
  );
  return r.rows[0];
};

describe('posting', () => {
  it('a balanced entry updates the maintained balances and keeps every invariant', async () => {
    const ctx = await newLedger();
    const p = await postPair(ctx, '2026-03-05', '1101', '2101', 250_000n);
    expect(p.number).toBe(1n);
    const bal = await sql<{ d: bigint; c: bigint }>`
      select sum(b.debit_rupiah)::bigint as d, sum(b.credit_rupiah)::bigint as c from account_balances b join accounts a on a.id = b.account_id and a.cooperative_id = b.cooperative_id
      where b.cooperative_id = ${ctx.organizationId} and a.code = '1101' and b.period = '2026-03'`.execute(
      deps.database.db,
    );
    expect(bal.rows[0]).toEqual({ d: 250_000n, c: 0n });
    expect(await verifyLedger(deps.database.db, ctx.organizationId)).toEqual([]);
  });

  it('an unbalanced entry is refused with a clear error and changes nothing', async () => {
    const ctx = await newLedger();
    const before = await counts(ctx.organizationId);
    const refusals: [() => Promise<unknown>, string][] = [
      [
        () => postPair(ctx, '2026-03-05', '1101', '2101', 250_000n, { creditAmount: 249_999n }),
        'LEDGER_UNBALANCED',
      ],
      [() => postIn(ctx, '2026-03-05', [{ code: '1101', d: 250_000n }]), 'LEDGER_INVALID_ENTRY'],
      [() => postPair(ctx, '2026-03-05', '1101', '2101', -5n), 'LEDGER_INVALID_ENTRY'],
      [() => postPair(ctx, '2026-03-05', '1', '2101', 5n), 'LEDGER_ACCOUNT_NOT_POSTABLE'],
    ];
    for (const [attempt, code] of refusals) expect(await codeOf(attempt())).toBe(code);
    expect(await counts(ctx.organizationId)).toEqual(before);
  });

  it('journal lines and entries cannot be updated or deleted in SQL', async () => {
    const ctx = await newLedger();
    const p = await postPair(ctx, '2026-03-05', '1101', '2101', 1000n);
    const db = deps.database.db;
    const coop = ctx.organizationId;
    const edits = [
      sql`update journal_lines set debit_rupiah = 2000 where cooperative_id = ${coop} and entry_id = ${p.entryId} and line_no = 1`,
      sql`delete from journal_lines where cooperative_id = ${coop}`,
      sql`update journal_entries set description = 'x' where cooperative_id = ${coop}`,
      sql`delete from journal_entries where cooperative_id = ${coop}`,
    ];
    for (const edit of edits) await expect(edit.execute(db)).rejects.toThrow(/immutable/);
    // Also as the tenant role, and a line slipped into an existing entry is refused too.
    await expect(
      inTenantTransaction(db, ctx.organizationId, (tx) =>
        sql`insert into journal_lines (cooperative_id, entry_id, line_no, account_id, debit_rupiah) select ${ctx.organizationId}, ${p.entryId}, 9, account_id, 1 from journal_lines where cooperative_id = ${ctx.organizationId} and entry_id = ${p.entryId} and line_no = 1`.execute(
          tx,
        ),
      ),
    ).rejects.toThrow(/does not balance/);
    expect(await verifyLedger(db, ctx.organizationId)).toEqual([]);
  });

  it('an entry whose lines do not balance is refused by the database itself', async () => {
    const ctx = await newLedger();
    const db = deps.database.db;
    await expect(
      db.transaction().execute(async (tx) => {
        const id = await insertEntryDirectly(
          tx,
          ctx.organizationId,
          'X',
          '2026-03-01',
          'langsung',
          100,
        );
        await sql`insert into journal_lines (cooperative_id, entry_id, line_no, account_id, debit_rupiah, credit_rupiah)
          select ${ctx.organizationId}, ${id}, n, a.id, case when n = 1 then 100 else 0 end, case when n = 2 then 90 else 0 end
          from (values (1), (2)) v(n) join accounts a on a.cooperative_id = ${ctx.organizationId} and a.code = '1101'`.execute(
          tx,
        );
      }),
    ).rejects.toThrow(/does not balance/);
    await expect(
      db.transaction().execute(async (tx) => {
        await insertEntryDirectly(tx, ctx.organizationId, 'Y', '2026-03-01', 'tanpa baris', 100);
      }),
    ).rejects.toThrow(/has no lines/);
  });

  it('ledger_post checks what the balance trigger checks for other writers, and only for its own cooperative', async () => {
    const ctx = await newLedger();
    const other = await newLedger();
    const db = deps.database.db;
    const ids = async (coop: string, ...codes: string[]) => {
      const r = await sql<{ id: bigint; code: string }>`
        select id, code from accounts where cooperative_id = ${coop} and code in (${sql.join(codes)})`.execute(
        db,
      );
      return codes.map((c) => r.rows.find((x) => x.code === c)!.id);
    };
    const [cash, equity] = await ids(ctx.organizationId, '1101', '3101');
    const call = (
      coop: string,
      debits: bigint[],
      credits: bigint[],
      total: bigint,
      accounts = [cash!, equity!],
    ) =>
      sql<{ entry_id: bigint }>`select entry_id from ledger_post(
        ${coop}::uuid, '2026-03-05'::date, 'SQL', 'langsung', 'test', null, null, null, null, ${total}, null::uuid,
        ${accounts}::bigint[], ${debits}::bigint[], ${credits}::bigint[],
        array[null, null]::bigint[], array[null, null]::bigint[], array[null, null]::text[])`;
    const before = await counts(ctx.organizationId);
    // in the cooperative's own transaction, as the application calls it
    await expect(
      inTenantTransaction(db, ctx.organizationId, (tx) =>
        call(ctx.organizationId, [100n, 0n], [0n, 90n], 100n).execute(tx),
      ),
    ).rejects.toThrow(/does not balance/);
    await expect(
      inTenantTransaction(db, ctx.organizationId, (tx) =>
        call(ctx.organizationId, [100n], [0n], 100n, [cash!]).execute(tx),
      ),
    ).rejects.toThrow(/does not balance/);
    await sql`update accounts set active = false where cooperative_id = ${ctx.organizationId} and code = '3101'`.execute(
      db,
    );
    await expect(
      inTenantTransaction(db, ctx.organizationId, (tx) =>
        call(ctx.organizationId, [100n, 0n], [0n, 100n], 100n).execute(tx),
      ),
    ).rejects.toThrow(/not postable or not active/);
    await sql`update accounts set active = true where cooperative_id = ${ctx.organizationId} and code = '3101'`.execute(
      db,
    );
    // another cooperative's transaction cannot post here
    await expect(
      inTenantTransaction(db, other.organizationId, (tx) =>
        call(ctx.organizationId, [100n, 0n], [0n, 100n], 100n).execute(tx),
      ),
    ).rejects.toThrow(/outside its own transaction/);
    expect(await counts(ctx.organizationId)).toEqual(before);

    // A system transaction (owner rights) posts for the cooperative it names; the scope it took
    // for the call is gone afterwards.
    const after = await db.transaction().execute(async (tx) => {
      await call(ctx.organizationId, [100n, 0n], [0n, 100n], 100n).execute(tx);
      return (
        await sql<{
          org: string | null;
        }>`select current_setting('sokoguru.org_id', true) as org`.execute(tx)
      ).rows[0]!.org;
    });
    expect(after ?? '').toBe('');
    // the posting's lines are in the balances once (the trigger skipped what ledger_post did itself)
    expect(await counts(ctx.organizationId)).toEqual({
      e: before!.e + 1n,
      l: before!.l + 2n,
      b: before!.b + 200n,
    });
    expect(await verifyLedger(db, ctx.organizationId)).toEqual([]);
  });

  it('a line for an entry or account that does not exist is refused, and verify finds one slipped past the triggers', async () => {
    const ctx = await newLedger();
    const p = await postPair(ctx, '2026-03-05', '1101', '2101', 1000n);
    const db = deps.database.db;
    await expect(
      inTenantTransaction(db, ctx.organizationId, (tx) =>
        sql`insert into journal_lines (cooperative_id, entry_id, line_no, account_id, debit_rupiah, credit_rupiah)
          select ${ctx.organizationId}, ${p.entryId + 1000n}, n, account_id, debit_rupiah, credit_rupiah
          from journal_lines cross join (values (1), (2)) v(n)
          where cooperative_id = ${ctx.organizationId} and entry_id = ${p.entryId} and line_no = n`.execute(
          tx,
        ),
      ),
    ).rejects.toThrow(/entry \d+, which does not exist/);
    await expect(
      db.transaction().execute(async (tx) => {
        const id = await insertEntryDirectly(
          tx,
          ctx.organizationId,
          'Q',
          '2026-03-01',
          'akun hilang',
          100,
        );
        await sql`insert into journal_lines (cooperative_id, entry_id, line_no, account_id, debit_rupiah, credit_rupiah)
          values (${ctx.organizationId}, ${id}, 1, 999999999, 100, 0), (${ctx.organizationId}, ${id}, 2, 999999998, 0, 100)`.execute(
          tx,
        );
      }),
    ).rejects.toThrow(/account 99999999\d, which does not exist/);
    expect(await verifyLedger(db, ctx.organizationId)).toEqual([]);
    // past every trigger (replica mode, owner only): verify reports the orphan
    await db.transaction().execute(async (tx) => {
      await sql`set local session_replication_role = replica`.execute(tx);
      await sql`insert into journal_lines (cooperative_id, entry_id, line_no, account_id, debit_rupiah, credit_rupiah)
        values (${ctx.organizationId}, ${p.entryId + 5000n}, 1, 999999999, 7, 0)`.execute(tx);
    });
    const problems = await verifyLedger(db, ctx.organizationId);
    expect(problems.filter((x) => x.check === 'orphan-line').map((x) => x.detail)).toEqual([
      `line ${p.entryId + 5000n}/1: its entry does not exist`,
    ]);
  });

  it('voucher numbers are gapless per series even when postings run concurrently', async () => {
    const ctx = await newLedger();
    const posted = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        postPair(ctx, '2026-04-01', '1101', '3101', BigInt(1000 + i), { series: 'KAS-1' }),
      ),
    );
    expect(posted.map((p) => p.number).sort((a, b) => Number(a - b))).toEqual(
      Array.from({ length: 20 }, (_, i) => BigInt(i + 1)),
    );
    expect(await verifyLedger(deps.database.db, ctx.organizationId)).toEqual([]);
  });
});

describe('periods', () => {
  it('a closed month refuses postings dated in it, in code and in the database', async () => {
    const ctx = await newLedger();
    await postPair(ctx, '2026-01-10', '1101', '3101', 500n);
    await closeMonth(deps, ctx, '2026-01');
    const before = await counts(ctx.organizationId);
    expect(await codeOf(postPair(ctx, '2026-01-31', '1101', '3101', 1n))).toBe(
      'LEDGER_PERIOD_CLOSED',
    );
    await expect(
      deps.database.db.transaction().execute(async (tx) => {
        await insertEntryDirectly(tx, ctx.organizationId, 'Z', '2026-01-15', 'mundur', 1);
      }),
    ).rejects.toThrow(/period 2026-01 is closed/);
    expect(await counts(ctx.organizationId)).toEqual(before);
    expect((await postPair(ctx, '2026-02-01', '1101', '3101', 1n)).number).toBe(2n);
  });

  it('a month cannot close while an earlier month with postings is open', async () => {
    const ctx = await newLedger();
    await postPair(ctx, '2026-01-10', '1101', '3101', 500n);
    expect(await codeOf(closeMonth(deps, ctx, '2026-02'))).toBe('LEDGER_PERIOD_NOT_CLOSABLE');
  });

  it('year-end close moves the year’s result to SHU belum dibagi and zeroes income and expense', async () => {
    const ctx = await newLedger();
    await postPair(ctx, '2025-02-10', '1101', '3101', 10_000_000n);
    await postPair(ctx, '2025-06-10', '1101', '4101', 900_000n);
    await postPair(ctx, '2025-11-10', '5201', '1101', 350_000n);
    for (let m = 2; m <= 11; m++) await closeMonth(deps, ctx, `2025-${String(m).padStart(2, '0')}`);
    const r = await closeYear(deps, ctx, 2025);
    expect(r.shuRupiah).toBe(550_000n);
    const bal = await sql<{ code: string; net: bigint }>`
      select a.code, sum(b.credit_rupiah - b.debit_rupiah)::bigint as net from account_balances b
      join accounts a on a.cooperative_id = b.cooperative_id and a.id = b.account_id
      where b.cooperative_id = ${ctx.organizationId} group by a.code order by a.code`.execute(
      deps.database.db,
    );
    const net = Object.fromEntries(bal.rows.map((x) => [x.code, x.net]));
    expect(net).toMatchObject({
      '4101': 0n,
      '5201': 0n,
      '3107': 0n,
      '3108': 550_000n,
      '1101': -10_550_000n,
    });
    expect(await codeOf(postPair(ctx, '2025-12-31', '1101', '3101', 1n))).toBe(
      'LEDGER_PERIOD_CLOSED',
    );
    expect((await postPair(ctx, '2026-01-02', '1101', '3101', 1n)).number).toBe(1n);
    expect(await verifyLedger(deps.database.db, ctx.organizationId)).toEqual([]);
  });
});

describe('ledger properties', () => {
  const postable = ['1101', '1110', '2101', '3101', '4101', '5101', '5201'];
  type Op =
    | {
        kind: 'post';
        month: number;
        day: number;
        lines: { code: string; amount: bigint; debit: boolean }[];
      }
    | { kind: 'reverse'; pick: number }
    | { kind: 'close' }
    | { kind: 'backdate'; amount: bigint };

  const entryArb = fc
    .array(
      fc.record({
        code: fc.constantFrom(...postable),
        amount: fc.bigInt({ min: 1n, max: 5_000_000_000n }),
      }),
      { minLength: 1, maxLength: 4 },
    )
    .chain((debits) =>
      fc.constantFrom(...postable).map((creditCode) => {
        const total = debits.reduce((s, d) => s + d.amount, 0n);
        return [
          ...debits.map((d) => ({ ...d, debit: true })),
          { code: creditCode, amount: total, debit: false },
        ];
      }),
    );
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('post' as const),
        month: fc.integer({ min: 1, max: 6 }),
        day: fc.integer({ min: 1, max: 28 }),
        lines: entryArb,
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('reverse' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('backdate' as const),
        amount: fc.bigInt({ min: 1n, max: 1000n }),
      }),
    },
  );

  it('random postings, reversals and closes keep every invariant; refused operations change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 5, maxLength: 25 }), async (ops) => {
        const ctx = await newLedger();
        const coop = ctx.organizationId;
        let closedThrough = 0; // months 1..closedThrough of 2026 are closed
        const posted: bigint[] = [];
        for (const op of ops) {
          if (op.kind === 'post') {
            const month = Math.max(op.month, closedThrough + 1);
            if (month > 11) continue;
            const date = `2026-${String(month).padStart(2, '0')}-${String(op.day).padStart(2, '0')}`;
            const p = await postIn(
              ctx,
              date,
              op.lines.map((l) =>
                l.debit ? { code: l.code, d: l.amount } : { code: l.code, c: l.amount },
              ),
            );
            posted.push(p.entryId);
          } else if (op.kind === 'reverse' && posted.length > 0) {
            const target = posted[op.pick % posted.length]!;
            const date = `2026-${String(Math.min(closedThrough + 1, 11)).padStart(2, '0')}-28`;
            const outcome = await codeOf(inOrg(deps, ctx, (o) => reverseEntry(o, target, date)));
            expect(['ok', 'LEDGER_ALREADY_REVERSED']).toContain(outcome);
          } else if (op.kind === 'close' && closedThrough < 10) {
            await closeMonth(deps, ctx, `2026-${String(closedThrough + 1).padStart(2, '0')}`);
            closedThrough++;
          } else if (op.kind === 'backdate' && closedThrough > 0) {
            const before = await counts(coop);
            const outcome = await codeOf(
              postPair(
                ctx,
                `2026-${String(closedThrough).padStart(2, '0')}-15`,
                '1101',
                '3101',
                op.amount,
              ),
            );
            expect(outcome).toBe('LEDGER_PERIOD_CLOSED');
            expect(await counts(coop)).toEqual(before);
          }
        }
        expect(await verifyLedger(deps.database.db, coop)).toEqual([]);
        const tb = await sql<{
          d: bigint;
          c: bigint;
        }>`select coalesce(sum(debit_rupiah), 0)::bigint as d, coalesce(sum(credit_rupiah), 0)::bigint as c from account_balances where cooperative_id = ${coop}`.execute(
          deps.database.db,
        );
        expect(tb.rows[0]!.d).toBe(tb.rows[0]!.c);
      }),
      { numRuns: 15 },
    );
  });
});
