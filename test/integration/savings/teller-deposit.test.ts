import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SAVINGS_LEDGER_ROLES } from '../../../src/domain/savings/ledger-role.js';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { closeSession } from '../../../src/services/cashdesk.js';
import { closeMonth } from '../../../src/services/ledger.js';
import { deposit } from '../../../src/services/savings.js';
import { testDepsForFile } from '../../support/db.js';
import { codeOf } from '../../support/outcome.js';
import { savingsWorld } from './setup.js';

/**
 * The counter deposit runs as one call into the database (teller_deposit, migration 0045). These
 * tests hold it to what the TypeScript deposit did: every refusal with its code and parameters and
 * nothing written, the posting, the movement, both audit events, the stored answer and its replay.
 */
let now = new Date('2026-11-02T03:00:00Z');
const file = testDepsForFile({ clock: () => now });
const db = () => file.deps.database.db;

/** Everything a deposit writes, counted, with the account's balance and status. */
async function footprint(coop: string, accountId: bigint) {
  const r = await sql<{
    entries: bigint;
    movements: bigint;
    audits: bigint;
    keys: bigint;
    balance: bigint;
    status: string;
  }>`
    select (select count(*) from journal_entries where cooperative_id = ${coop}) as entries,
      (select count(*) from savings_transactions where cooperative_id = ${coop}) as movements,
      (select count(*) from audit_events where organization_id = ${coop}) as audits,
      (select count(*) from idempotency_keys where organization_id = ${coop}) as keys,
      a.balance_rupiah as balance, a.status
    from savings_accounts a where a.cooperative_id = ${coop} and a.id = ${accountId}`.execute(db());
  return r.rows[0]!;
}

async function accountOf(coop: string, memberId: bigint, kind: string) {
  const r = await sql<{ id: bigint }>`
    select a.id from savings_accounts a
    join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
    where a.cooperative_id = ${coop} and a.member_id = ${memberId} and p.kind = ${kind}
    order by a.id limit 1`.execute(db());
  return r.rows[0]!.id;
}

describe('a counter deposit in one call', () => {
  it('refuses with the same codes and parameters as before, and writes nothing', async () => {
    now = new Date('2026-11-02T03:00:00Z');
    const w = await savingsWorld(file.deps);
    const ani = await w.addMember({ fullName: 'Ani Suryani' });
    const sukarela = await accountOf(w.coop.id, ani, 'sukarela');
    const pokok = await accountOf(w.coop.id, ani, 'pokok');
    const dep = (accountId: bigint, amount: bigint, ctx = w.teller, sessionId = w.sessionId) =>
      deposit(file.deps, ctx, { sessionId, accountId, amountRupiah: amount });
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => ({ code: 'ok', params: {} }),
        (e: { code?: string; params?: object }) => ({ code: e.code, params: e.params }),
      );
    const before = await footprint(w.coop.id, sukarela);

    expect(await refusal(dep(sukarela, 0n))).toEqual({
      code: 'SAVINGS_AMOUNT_NOT_POSITIVE',
      params: {},
    });
    expect(await refusal(dep(sukarela, -5n))).toMatchObject({
      code: 'SAVINGS_AMOUNT_NOT_POSITIVE',
    });
    expect(await refusal(dep(sukarela, 1_000_000_000_000_000n))).toEqual({
      code: 'LEDGER_INVALID_ENTRY',
      params: { reason: 'amount' },
    });
    expect(await codeOf(dep(sukarela, 1000n, w.teller, 999_999n))).toBe('CASH_SESSION_NOT_FOUND');
    expect(await codeOf(dep(sukarela, 1000n, w.pengurus))).toBe('CASH_SESSION_NOT_YOURS');
    expect(await codeOf(dep(999_999n, 1000n))).toBe('SAVINGS_ACCOUNT_NOT_FOUND');
    expect(await refusal(dep(pokok, 150_000n))).toEqual({
      code: 'SAVINGS_DEPOSIT_NOT_ALLOWED',
      params: { reason: 'simpanan pokok Rp100000' },
    });
    // the accounts' states, set behind the services' back to reach each check
    const setStatus = (status: string) =>
      sql`update savings_accounts set status = ${status} where cooperative_id = ${w.coop.id} and id = ${sukarela}`.execute(
        db(),
      );
    await setStatus('blocked');
    expect(await codeOf(dep(sukarela, 1000n))).toBe('SAVINGS_ACCOUNT_BLOCKED');
    await setStatus('active');
    await sql`update members set status = 'suspended' where cooperative_id = ${w.coop.id} and id = ${ani}`.execute(
      db(),
    );
    expect(await codeOf(dep(sukarela, 1000n))).toBe('MEMBER_NOT_ACTIVE');
    await sql`update members set status = 'active' where cooperative_id = ${w.coop.id} and id = ${ani}`.execute(
      db(),
    );
    // the cash account deactivated: the posting's account check, as src/ledger/post.ts words it
    await sql`update accounts set active = false where cooperative_id = ${w.coop.id} and role = 'cash'`.execute(
      db(),
    );
    expect(await refusal(dep(sukarela, 1000n))).toEqual({
      code: 'LEDGER_ACCOUNT_INACTIVE',
      params: { code: 'role:cash' },
    });
    await sql`update accounts set active = true where cooperative_id = ${w.coop.id} and role = 'cash'`.execute(
      db(),
    );
    expect(await footprint(w.coop.id, sukarela)).toEqual(before);

    // a closed session is refused, whoever asks
    await closeSession(file.deps, w.teller, w.sessionId, {
      countedRupiah: 100_000_000n,
      entryDate: '2026-11-02',
    });
    const afterClose = await footprint(w.coop.id, sukarela);
    expect(await codeOf(dep(sukarela, 1000n))).toBe('CASH_SESSION_NOT_OPEN');
    expect(await footprint(w.coop.id, sukarela)).toEqual(afterClose);
  });

  it('posts, moves, audits and stores the answer; a replay answers the same and a reused key is refused', async () => {
    now = new Date('2026-11-02T03:00:00Z');
    const w = await savingsWorld(file.deps);
    const budi = await w.addMember({
      fullName: 'Budi Santoso',
      gender: 'L',
      birthDate: '1979-08-17',
    });
    const sukarela = await accountOf(w.coop.id, budi, 'sukarela');
    // a dormant account wakes on a deposit
    await sql`update savings_accounts set status = 'dormant' where cooperative_id = ${w.coop.id} and id = ${sukarela}`.execute(
      db(),
    );
    const before = await footprint(w.coop.id, sukarela);
    const idem = { key: 'setor-budi-0001', requestHash: 'hash-a' };
    const input = { sessionId: w.sessionId, accountId: sukarela, amountRupiah: 250_000n };
    const first = await deposit(file.deps, w.teller, input, idem);
    expect(first.replayed).toBe(false);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      accountId: sukarela.toString(),
      kind: 'deposit',
      amountRupiah: '250000',
      balanceAfterRupiah: '250000',
      date: '2026-11-02',
    });
    const after = await footprint(w.coop.id, sukarela);
    expect(after).toEqual({
      entries: before.entries + 1n,
      movements: before.movements + 1n,
      audits: before.audits + 2n,
      keys: before.keys + 1n,
      balance: 250_000n,
      status: 'active',
    });

    const entry = (
      await sql<{
        series: string;
        number: bigint;
        description: string;
        source_type: string;
        cash_session_id: bigint;
        total_rupiah: bigint;
      }>`
        select series, number, description, source_type, cash_session_id, total_rupiah from journal_entries
        where cooperative_id = ${w.coop.id} and id = ${BigInt(first.body.entryId)}`.execute(db())
    ).rows[0]!;
    expect(entry).toMatchObject({
      number: BigInt(first.body.entryNumber),
      source_type: 'savings.deposit',
      cash_session_id: w.sessionId,
      total_rupiah: 250_000n,
    });
    expect(entry.series).toMatch(/^KAS-/);
    expect(entry.description).toBe(`Setoran sukarela ${first.body.accountNumber}`);
    const lines = await sql<{
      role: string;
      debit_rupiah: bigint;
      credit_rupiah: bigint;
      member_id: bigint | null;
    }>`
      select a.role, l.debit_rupiah, l.credit_rupiah, l.member_id from journal_lines l
      join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
      where l.cooperative_id = ${w.coop.id} and l.entry_id = ${BigInt(first.body.entryId)} order by l.line_no`.execute(
      db(),
    );
    expect(lines.rows).toEqual([
      { role: 'cash', debit_rupiah: 250_000n, credit_rupiah: 0n, member_id: null },
      { role: 'savingsSukarela', debit_rupiah: 0n, credit_rupiah: 250_000n, member_id: budi },
    ]);
    const movement = await sql<{
      id: bigint;
      kind: string;
      sign: number;
      balance_after_rupiah: bigint;
    }>`
      select id, kind, sign, balance_after_rupiah from savings_transactions
      where cooperative_id = ${w.coop.id} and account_id = ${sukarela}`.execute(db());
    expect(movement.rows).toEqual([
      {
        id: BigInt(first.body.transactionId),
        kind: 'deposit',
        sign: 1,
        balance_after_rupiah: 250_000n,
      },
    ]);
    const audits = await sql<{
      action: string;
      entity_type: string;
      entity_id: string;
      actor_user_id: string;
      actor_label: string;
      after: unknown;
    }>`
      select action, entity_type, entity_id, actor_user_id, actor_label, after from audit_events
      where organization_id = ${w.coop.id} order by id desc limit 2`.execute(db());
    expect(audits.rows.reverse()).toEqual([
      {
        action: 'journal.posted',
        entity_type: 'journal-entry',
        entity_id: first.body.entryId,
        actor_user_id: w.teller.actor.userId,
        actor_label: w.teller.actor.label,
        after: {
          number: `${entry.series}/2026/${first.body.entryNumber}`,
          total: '250000',
          source: 'savings.deposit',
        },
      },
      {
        action: 'savings.deposit',
        entity_type: 'savings_account',
        entity_id: sukarela.toString(),
        actor_user_id: w.teller.actor.userId,
        actor_label: w.teller.actor.label,
        after: {
          amountRupiah: '250000',
          balanceAfterRupiah: '250000',
          entryId: first.body.entryId,
        },
      },
    ]);
    const stored = await sql<{ response_status: number; response_body: unknown }>`
      select response_status, response_body from idempotency_keys
      where organization_id = ${w.coop.id} and key = ${idem.key}`.execute(db());
    expect(stored.rows).toEqual([{ response_status: 201, response_body: first.body }]);

    // the same request again: the first answer, nothing moved
    const replay = await deposit(file.deps, w.teller, input, idem);
    expect(replay).toEqual({ ...first, replayed: true });
    expect(await footprint(w.coop.id, sukarela)).toEqual(after);
    // the key with another request: refused
    expect(
      await codeOf(
        deposit(
          file.deps,
          w.teller,
          { ...input, amountRupiah: 1n },
          { ...idem, requestHash: 'hash-b' },
        ),
      ),
    ).toBe('IDEMPOTENCY_KEY_REUSED');
    // the same key sent twice at once: one deposit, two equal answers
    const idem2 = { key: 'setor-budi-0002', requestHash: 'hash-c' };
    const both = await Promise.all([
      deposit(file.deps, w.teller, input, idem2),
      deposit(file.deps, w.teller, input, idem2),
    ]);
    expect(both.map((o) => o.replayed).sort()).toEqual([false, true]);
    expect(both[0].body).toEqual(both[1].body);
    expect((await footprint(w.coop.id, sukarela)).balance).toBe(500_000n);
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });

  it('deposits that arrive together commit together (PostgreSQL); a refused one fails alone', async () => {
    now = new Date('2026-11-02T03:00:00Z');
    const w = await savingsWorld(file.deps);
    const accounts: bigint[] = [];
    for (const fullName of ['Dewi Lestari', 'Eko Prasetyo', 'Fitri Handayani'])
      accounts.push(await accountOf(w.coop.id, await w.addMember({ fullName }), 'sukarela'));
    const dep = (accountId: bigint, amount: bigint) =>
      deposit(file.deps, w.teller, { sessionId: w.sessionId, accountId, amountRupiah: amount });
    /** the transactions that wrote the deposits' audit events, and how many each */
    const transactions = async () =>
      (
        await sql<{ xact: string; n: bigint }>`
          select xact_id::text as xact, count(*) as n from audit_events
          where organization_id = ${w.coop.id} and action = 'savings.deposit'
          group by xact_id`.execute(db())
      ).rows;

    // six at once, two on each account: the first go alone, the ones that wait go as one group
    const amounts = [100_000n, 20_000n, 3_000n, 400n, 50n, 6n];
    const answers = await Promise.all(amounts.map((a, i) => dep(accounts[i % 3]!, a)));
    expect(answers.every((a) => a.status === 201 && !a.replayed)).toBe(true);
    const grouped = await transactions();
    expect(grouped.reduce((n, t) => n + Number(t.n), 0)).toBe(6);
    // PostgreSQL groups them (two in flight, the other four together); PGlite runs each alone
    if (file.deps.database.kind === 'postgres') expect(grouped.length).toBeLessThanOrEqual(3);
    else expect(grouped.length).toBe(6);
    // each answer is its own deposit's: the movement it names, with the balance after it
    for (const [i, a] of answers.entries()) {
      const m = await sql<{
        account_id: bigint;
        amount_rupiah: bigint;
        balance_after_rupiah: bigint;
      }>`
        select account_id, amount_rupiah, balance_after_rupiah from savings_transactions
        where cooperative_id = ${w.coop.id} and id = ${BigInt(a.body.transactionId)}`.execute(db());
      expect(m.rows).toEqual([
        {
          account_id: accounts[i % 3],
          amount_rupiah: amounts[i],
          balance_after_rupiah: BigInt(a.body.balanceAfterRupiah),
        },
      ]);
    }
    expect((await footprint(w.coop.id, accounts[0]!)).balance).toBe(100_400n);
    expect((await footprint(w.coop.id, accounts[1]!)).balance).toBe(20_050n);
    expect((await footprint(w.coop.id, accounts[2]!)).balance).toBe(3_006n);

    // six at once again, one of them refused: its refusal alone, the other five done
    const before = await footprint(w.coop.id, accounts[0]!);
    const outcomes = await Promise.all(
      [1_000n, 2_000n, 0n, 4_000n, 5_000n, 6_000n].map((a, i) =>
        dep(accounts[i % 3]!, a).then(
          (o) => o.status,
          (e: { code?: string }) => e.code,
        ),
      ),
    );
    expect(outcomes).toEqual([201, 201, 'SAVINGS_AMOUNT_NOT_POSITIVE', 201, 201, 201]);
    const after = await footprint(w.coop.id, accounts[0]!);
    expect(after.entries - before.entries).toBe(5n);
    expect(after.movements - before.movements).toBe(5n);
    expect(after.audits - before.audits).toBe(10n);
    expect(after.balance - before.balance).toBe(5_000n);
    expect((await footprint(w.coop.id, accounts[2]!)).balance).toBe(3_006n + 6_000n);
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });

  it('refuses a deposit dated in a closed month', async () => {
    now = new Date('2026-11-02T03:00:00Z');
    const w = await savingsWorld(file.deps, { businessDate: '2026-10-30' });
    const citra = await w.addMember({ fullName: 'Citra Maharani' });
    const sukarela = await accountOf(w.coop.id, citra, 'sukarela');
    await closeMonth(file.deps, w.pengurus, '2026-10');
    const before = await footprint(w.coop.id, sukarela);
    const outcome = await deposit(file.deps, w.teller, {
      sessionId: w.sessionId,
      accountId: sukarela,
      amountRupiah: 1000n,
    }).then(
      () => ({}),
      (e: { code?: string; params?: object }) => ({ code: e.code, params: e.params }),
    );
    expect(outcome).toEqual({ code: 'LEDGER_PERIOD_CLOSED', params: { period: '2026-10' } });
    expect(await footprint(w.coop.id, sukarela)).toEqual(before);
  });

  it("the database's ledger role of a savings account is src/domain/savings/ledger-role.ts's", async () => {
    for (const { kind, akad, role } of SAVINGS_LEDGER_ROLES) {
      const r = await sql<{
        role: string;
      }>`select savings_ledger_role(${kind}, ${akad}) as role`.execute(db());
      expect([kind, akad, r.rows[0]!.role]).toEqual([kind, akad, role]);
    }
  });
});
