import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { createDesk, openSession } from '../../../src/services/cashdesk.js';
import { deposit, transfer, withdraw } from '../../../src/services/savings.js';
import { disburse, getLoan, repay } from '../../../src/services/loans.js';
import { makeUser } from '../../support/fixtures.js';
import { testDepsForFile } from '../../support/db.js';
import { approvedFlatApplication } from './loan-application.js';
import { savingsWorld, sukarelaOf as sukarelaIn } from './setup.js';

const file = testDepsForFile({ clock: () => new Date('2026-11-02T03:00:00Z') });

const sukarelaOf = (coop: string, memberId: bigint) =>
  sukarelaIn(file.deps.database.db, coop, memberId);

/** The member's sukarela sub-ledger: Σ credits − Σ debits of their journal lines. */
async function subLedger(coop: string, memberId: bigint): Promise<bigint> {
  const r = await sql<{ v: bigint }>`
    select coalesce(sum(l.credit_rupiah - l.debit_rupiah), 0)::bigint as v from journal_lines l
    join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id and a.role = 'savingsSukarela'
    where l.cooperative_id = ${coop} and l.member_id = ${memberId}`.execute(file.deps.database.db);
  return r.rows[0]!.v;
}

describe('concurrent movements on the same accounts', () => {
  it('200 concurrent withdrawals from four tellers never overdraw, and the balance equals its journal lines', async () => {
    const w = await savingsWorld(file.deps);
    const member = await w.addMember();
    const acct = await sukarelaOf(w.coop.id, member);
    await deposit(file.deps, w.teller, {
      sessionId: w.sessionId,
      accountId: acct.id,
      amountRupiah: 1_000_000n,
    });
    // three more tellers, each with a desk and an open session
    const tellers = [{ ctx: w.teller, sessionId: w.sessionId }];
    for (let i = 2; i <= 4; i++) {
      const u = await makeUser(file.deps, w.coop, ['kasir']);
      const ctx = { ...w.teller, actor: { userId: u.id, label: u.username } };
      const desk = await createDesk(file.deps, w.pengurus, {
        branchId: w.branchId,
        code: `KP${i}`,
        name: `Teller ${i}`,
      });
      const s = await openSession(file.deps, ctx, {
        deskId: BigInt(desk.id),
        businessDate: '2026-11-02',
        openingFloatRupiah: 10_000_000n,
      });
      tellers.push({ ctx, sessionId: BigInt(s.id) });
    }
    // 200 × Rp 7,000 = 1,400,000 asked of 1,000,000 with a 10,000 minimum balance:
    // exactly floor(990,000 / 7,000) = 141 can succeed, leaving 13,000.
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const t = tellers[i % tellers.length]!;
        return withdraw(
          file.deps,
          t.ctx,
          { sessionId: t.sessionId, accountId: acct.id, amountRupiah: 7_000n },
          { key: `wd-${i}-concurrency`, requestHash: `h${i}` },
        ).then(
          () => 'ok',
          (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`),
        );
      }),
    );
    const counts = outcomes.reduce<Record<string, number>>(
      (m, o) => ({ ...m, [o]: (m[o] ?? 0) + 1 }),
      {},
    );
    expect(counts).toEqual({ ok: 141, SAVINGS_BELOW_MINIMUM_BALANCE: 59 });
    const after = await sukarelaOf(w.coop.id, member);
    expect(after.balance_rupiah).toBe(13_000n);
    expect(await subLedger(w.coop.id, member)).toBe(13_000n);
    const movements = await sql<{ n: bigint; last: bigint }>`
      select count(*) as n, (select balance_after_rupiah from savings_transactions where cooperative_id = ${w.coop.id} and account_id = ${acct.id} order by id desc limit 1) as last
      from savings_transactions where cooperative_id = ${w.coop.id} and account_id = ${acct.id}`.execute(
      file.deps.database.db,
    );
    expect(movements.rows[0]).toEqual({ n: 142n, last: 13_000n });
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
  });

  it('transfers in both directions at once: no deadlock left unhandled, no lost update, money conserved', async () => {
    const w = await savingsWorld(file.deps);
    const a = await w.addMember({ fullName: 'Pak Darto', gender: 'L', birthDate: '1970-05-05' });
    const b = await w.addMember({ fullName: 'Bu Darti' });
    const accA = await sukarelaOf(w.coop.id, a);
    const accB = await sukarelaOf(w.coop.id, b);
    await deposit(file.deps, w.teller, {
      sessionId: w.sessionId,
      accountId: accA.id,
      amountRupiah: 500_000n,
    });
    await deposit(file.deps, w.teller, {
      sessionId: w.sessionId,
      accountId: accB.id,
      amountRupiah: 500_000n,
    });
    const jobs = Array.from({ length: 120 }, (_, i) => {
      const forward = i % 2 === 0;
      return transfer(file.deps, w.teller, {
        fromAccountId: forward ? accA.id : accB.id,
        toAccountId: forward ? accB.id : accA.id,
        amountRupiah: BigInt(1_000 + (i % 7) * 1_500),
      }).then(
        () => 'ok',
        (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`),
      );
    });
    const outcomes = await Promise.all(jobs);
    expect(outcomes.filter((o) => o.startsWith('unexpected'))).toEqual([]);
    const [x, y] = [await sukarelaOf(w.coop.id, a), await sukarelaOf(w.coop.id, b)];
    expect(x.balance_rupiah + y.balance_rupiah).toBe(1_000_000n);
    expect(await subLedger(w.coop.id, a)).toBe(x.balance_rupiah);
    expect(await subLedger(w.coop.id, b)).toBe(y.balance_rupiah);
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
  });

  it('concurrent repayments of one loan from four tellers and from savings: never more than is owed, nothing lost', async () => {
    const w = await savingsWorld(file.deps);
    const memberId = await w.addMember({
      fullName: 'Pak Karyo',
      gender: 'L',
      birthDate: '1968-03-03',
    });
    const app = await approvedFlatApplication(file.deps, w, {
      memberId,
      amountRupiah: 3_000_000n,
      tenor: 3,
      purpose: 'Modal dagang',
      monthlyIncomeRupiah: 5_000_000n,
      monthlyExpensesRupiah: 2_000_000n,
    });
    const d = await disburse(file.deps, w.teller, BigInt(app.id), {
      channel: 'savings',
      disbursedOn: '2026-11-02',
    });
    const loanId = BigInt(d.body.loanId);
    // owed in all: 3,000,000 + 3 × 45,000 interest = 3,135,000; 30 payments of 150,000 (4,500,000) race for it
    const tellers = [{ ctx: w.teller, sessionId: w.sessionId as bigint | null }];
    for (let i = 2; i <= 4; i++) {
      const u = await makeUser(file.deps, w.coop, ['kasir']);
      const ctx = { ...w.teller, actor: { userId: u.id, label: u.username } };
      const desk = await createDesk(file.deps, w.pengurus, {
        branchId: w.branchId,
        code: `R${i}`,
        name: `Teller ${i}`,
      });
      const s = await openSession(file.deps, ctx, {
        deskId: BigInt(desk.id),
        businessDate: '2026-11-02',
        openingFloatRupiah: 0n,
      });
      tellers.push({ ctx, sessionId: BigInt(s.id) });
    }
    tellers.push({ ctx: w.teller, sessionId: null }); // debit from the member's sukarela
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => {
        const t = tellers[i % tellers.length]!;
        return repay(file.deps, t.ctx, loanId, {
          amountRupiah: 150_000n,
          paidOn: '2026-11-02',
          cashSessionId: t.sessionId,
        }).then(
          () => 'ok',
          (e: unknown) => (e instanceof AppError ? e.code : `unexpected: ${String(e)}`),
        );
      }),
    );
    expect(outcomes.filter((o) => o.startsWith('unexpected'))).toEqual([]);
    const ok = outcomes.filter((o) => o === 'ok').length;
    const loan = (await getLoan(file.deps, w.pengurus, loanId)).loan;
    const paid = await sql<{
      s: bigint;
      n: bigint;
      p: bigint;
    }>`select coalesce(sum(amount_rupiah), 0)::bigint as s, count(*) as n, coalesce(sum(principal_rupiah), 0)::bigint as p
      from loan_repayments where cooperative_id = ${w.coop.id} and loan_id = ${loanId}`.execute(
      file.deps.database.db,
    );
    expect(paid.rows[0]).toMatchObject({ s: BigInt(ok) * 150_000n, n: BigInt(ok) });
    expect(ok).toBeGreaterThan(0);
    // no lost update: what was paid towards principal is exactly what the loan no longer owes
    expect(BigInt(loan.outstandingPrincipalRupiah) + paid.rows[0]!.p).toBe(3_000_000n);
    // 20 payments fit (3,000,000); the 21st would pass what is owed in principal and interest
    expect(BigInt(ok) * 150_000n).toBeLessThanOrEqual(3_135_000n);
    expect(BigInt(loan.outstandingPrincipalRupiah)).toBeGreaterThanOrEqual(0n);
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
  });
});
