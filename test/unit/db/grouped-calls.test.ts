import { describe, expect, it } from 'vitest';
import { databaseFailureOf } from '../../../src/db/errors.js';
import {
  CallGroups,
  groupStatement,
  oneCallsError,
  rolledBackByServer,
} from '../../../src/db/grouped-calls.js';

/**
 * A stand-in database: each statement waits until the test lets it finish, so the test decides
 * what arrives while what runs. A call `f(n)` answers n * 10; `refuse(n)` fails as PostgreSQL
 * refuses a statement (an SQLSTATE of the call's own); `slow(n)` as a statement cancelled at its
 * time limit (57014, the group's); `lost(n)` as a dropped connection does (none).
 */
function fakeDatabase() {
  const statements: { org: string; sql: string; finish: () => void }[] = [];
  const run = (org: string, sql: string) =>
    new Promise<{ i: number; outcome: unknown }[]>((resolve, reject) => {
      statements.push({
        org,
        sql,
        finish: () => {
          const calls = [...sql.matchAll(/select (\d+) as i, (\w+)\((\d+)\) as outcome/g)];
          const failing = calls.find((c) => c[2] !== 'f');
          if (failing?.[2] === 'refuse')
            return reject(Object.assign(new Error('SAVINGS_ACCOUNT_CLOSED'), { code: 'SG001' }));
          if (failing?.[2] === 'slow')
            return reject(Object.assign(new Error('canceling statement'), { code: '57014' }));
          if (failing) return reject(new Error('Connection terminated unexpectedly'));
          resolve(calls.map((c) => ({ i: Number(c[1]), outcome: Number(c[3]) * 10 })));
        },
      });
    });
  return { run, statements };
}

/** a call `name(n)` on account n, at the session of teller n % 3 */
const c = (name: string, n: number) => ({
  expression: `${name}(${n})`,
  sessionId: BigInt(n % 3),
  accountId: BigInt(n),
});

/** the lock of a group's sessions and accounts, its first branch */
const lock = (org: string, sessions: number[], accounts: number[]) =>
  `select -1 as i, counter_group_lock('${org}'::uuid, array[${sessions.join(', ')}]::bigint[], array[${accounts.join(', ')}]::bigint[]) as outcome union all `;

/** lets the promises settled so far run their continuations */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('calls grouped into one transaction', () => {
  it('runs a call at once while there is room, and groups what arrives while all are busy', async () => {
    const db = fakeDatabase();
    const groups = new CallGroups(db.run, { inFlight: 1, maxGroup: 16, maxWaitMs: 0 });
    const first = groups.call('coop-a', c('f', 1));
    expect(db.statements.map((s) => s.sql)).toEqual(['select 0 as i, f(1) as outcome']);
    // three arrive while the first runs: they wait, then go together in the order of their keys
    const later = [groups.call('coop-a', c('f', 7)), groups.call('coop-a', c('f', 3))];
    const last = groups.call('coop-a', c('f', 5));
    // another organisation has a lane of its own
    const other = groups.call('coop-b', c('f', 2));
    expect(db.statements.map((s) => [s.org, s.sql])).toEqual([
      ['coop-a', 'select 0 as i, f(1) as outcome'],
      ['coop-b', 'select 0 as i, f(2) as outcome'],
    ]);
    db.statements[0]!.finish();
    expect(await first).toBe(10);
    await settle();
    expect(db.statements[2]).toMatchObject({
      org: 'coop-a',
      sql:
        lock('coop-a', [0, 2, 1], [3, 5, 7]) +
        'select 0 as i, f(3) as outcome union all select 1 as i, f(5) as outcome union all select 2 as i, f(7) as outcome',
    });
    db.statements[2]!.finish();
    expect(await Promise.all([...later, last])).toEqual([70, 30, 50]);
    db.statements[1]!.finish();
    expect(await other).toBe(20);
  });

  it('runs each call of a refused group alone: the refusal reaches only its own caller', async () => {
    const db = fakeDatabase();
    const groups = new CallGroups(db.run, { inFlight: 1, maxGroup: 16, maxWaitMs: 0 });
    const first = groups.call('coop-a', c('f', 1));
    const grouped = [
      groups.call('coop-a', c('f', 2)),
      groups.call('coop-a', c('refuse', 3)),
      groups.call('coop-a', c('f', 4)),
    ].map((p) =>
      p.then(
        (v) => ({ ok: v }),
        (e: Error) => ({ refused: e.message }),
      ),
    );
    db.statements[0]!.finish();
    await first;
    await settle();
    db.statements[1]!.finish(); // the group of three fails
    for (let k = 2; k <= 4; k++) {
      await settle();
      db.statements[k]!.finish();
    }
    expect(await Promise.all(grouped)).toEqual([
      { ok: 20 },
      { refused: 'SAVINGS_ACCOUNT_CLOSED' },
      { ok: 40 },
    ]);
    expect(db.statements.slice(2).map((s) => s.sql)).toEqual([
      'select 0 as i, f(2) as outcome',
      'select 0 as i, refuse(3) as outcome',
      'select 0 as i, f(4) as outcome',
    ]);
  });

  it.each([
    { why: 'the connection is lost', call: 'lost', message: 'Connection terminated unexpectedly' },
    { why: 'it ran past its time', call: 'slow', message: 'canceling statement' },
  ])('fails the whole group, running nothing again, when $why', async ({ call, message }) => {
    const db = fakeDatabase();
    const groups = new CallGroups(db.run, { inFlight: 1, maxGroup: 16, maxWaitMs: 0 });
    const first = groups.call('coop-a', c('f', 1));
    const grouped = [groups.call('coop-a', c('f', 2)), groups.call('coop-a', c(call, 3))].map((p) =>
      p.then(
        (v) => ({ ok: v }),
        (e: Error) => ({ failed: e.message }),
      ),
    );
    db.statements[0]!.finish();
    await first;
    await settle();
    db.statements[1]!.finish();
    expect(await Promise.all(grouped)).toEqual([{ failed: message }, { failed: message }]);
    expect(db.statements).toHaveLength(2);
  });

  it('fails a call that waited for its group longer than a request waits for the pool', async () => {
    const db = fakeDatabase();
    const groups = new CallGroups(db.run, { inFlight: 1, maxGroup: 16, maxWaitMs: 20 });
    const first = groups.call('coop-a', c('f', 1));
    const waited = groups.call('coop-a', c('f', 2)).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 40));
    const err = await waited;
    // answered as a full pool is: 503, try again
    expect(databaseFailureOf(err)).toBe('unavailable');
    db.statements[0]!.finish();
    expect(await first).toBe(10);
    await settle();
    // it did not run afterwards either
    expect(db.statements).toHaveLength(1);
  });

  it('keeps groups to their largest size and runs as many at a time as allowed', async () => {
    const db = fakeDatabase();
    const groups = new CallGroups(db.run, { inFlight: 2, maxGroup: 2, maxWaitMs: 0 });
    const all = [1, 2, 3, 4, 5, 6].map((n) => groups.call('coop-a', c('f', n)));
    // two at once alone; the other four wait in groups of two
    expect(db.statements).toHaveLength(2);
    db.statements[0]!.finish();
    db.statements[1]!.finish();
    await settle();
    expect(db.statements.slice(2).map((s) => s.sql)).toEqual([
      lock('coop-a', [0, 1], [3, 4]) +
        'select 0 as i, f(3) as outcome union all select 1 as i, f(4) as outcome',
      lock('coop-a', [2, 0], [5, 6]) +
        'select 0 as i, f(5) as outcome union all select 1 as i, f(6) as outcome',
    ]);
    db.statements[2]!.finish();
    db.statements[3]!.finish();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50, 60]);
  });

  it('says which failures PostgreSQL rolled back', () => {
    expect(groupStatement('coop-a', [c('f', 1)])).toBe('select 0 as i, f(1) as outcome');
    // a session or account twice is locked once
    expect(groupStatement('coop-a', [c('f', 1), c('f', 4), c('f', 4)])).toBe(
      lock('coop-a', [1], [1, 4]) +
        'select 0 as i, f(1) as outcome union all select 1 as i, f(4) as outcome union all select 2 as i, f(4) as outcome',
    );
    const withCode = (code: unknown) => Object.assign(new Error('x'), { code });
    expect(rolledBackByServer(withCode('SG001'))).toBe(true); // a refusal
    expect(rolledBackByServer(withCode('23505'))).toBe(true); // a unique key
    expect(rolledBackByServer(withCode('40P01'))).toBe(true); // a deadlock
    expect(rolledBackByServer(withCode('57014'))).toBe(true); // the statement timeout
    expect(rolledBackByServer(withCode('08006'))).toBe(false); // the connection failed
    expect(rolledBackByServer(withCode('57P01'))).toBe(false); // the server shut down
    expect(rolledBackByServer(withCode('ECONNRESET'))).toBe(false);
    expect(rolledBackByServer(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(rolledBackByServer(null)).toBe(false);
    // of those, what one call may have caused alone (each runs again alone)
    expect(oneCallsError(withCode('SG001'))).toBe(true);
    expect(oneCallsError(withCode('23505'))).toBe(true);
    expect(oneCallsError(withCode('22003'))).toBe(true);
    expect(oneCallsError(withCode('40P01'))).toBe(true);
    expect(oneCallsError(withCode('57014'))).toBe(false); // the whole group's time
    expect(oneCallsError(withCode('55P03'))).toBe(false);
    expect(oneCallsError(withCode('08006'))).toBe(false);
  });
});
