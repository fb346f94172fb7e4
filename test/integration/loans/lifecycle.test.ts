import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { decide } from '../../../src/services/approvals.js';
import {
  analyseApplication,
  createApplication,
  disburse,
  getLoan,
  recover,
  repay,
  requestRestructure,
  requestWriteOff,
  runMonthEnd,
  submitForApproval,
} from '../../../src/services/loans.js';
import { testDepsForFile } from '../../support/db.js';
import { codeOf } from '../../support/outcome.js';
import { loanWorld } from './setup.js';

const file = testDepsForFile();

/** Role balance (debit-positive) from the maintained balances. */
async function balanceOf(coop: string, role: string): Promise<bigint> {
  const r = await sql<{ v: bigint }>`
    select coalesce(sum(b.debit_rupiah - b.credit_rupiah), 0)::bigint as v from account_balances b
    join accounts a on a.cooperative_id = b.cooperative_id and a.id = b.account_id
    where b.cooperative_id = ${coop} and a.role = ${role}`.execute(file.deps.database.db);
  return r.rows[0]?.v ?? 0n;
}

describe('loan life cycle', () => {
  it('apply, approve (maker-checker), disburse, repay late with penalty, reclassify, restructure, write off, recover: the ledger stays balanced', async () => {
    const w = await loanWorld(file.deps);
    const coop = w.coop.id;
    const app = await createApplication(file.deps, w.officer, {
      memberId: w.memberId,
      productId: BigInt(w.product.id),
      amountRupiah: 10_000_000n,
      tenor: 12,
      purpose: 'Modal warung kelontong',
      collateral: [{ kind: 'BPKB', description: 'Motor Honda 2019', valueRupiah: 2_000_000n }],
      guarantor: { name: 'Ahmad', relationship: 'suami' },
      monthlyIncomeRupiah: 5_000_000n,
      monthlyExpensesRupiah: 3_000_000n,
    });
    expect(app.repaymentCapacityRupiah).toBe('2000000');
    await analyseApplication(file.deps, w.officer, BigInt(app.id), {
      notes: 'Usaha berjalan 5 tahun',
      recommendation: 'approve',
    });
    // not approved yet: cannot disburse
    expect(
      await codeOf(
        disburse(file.deps, w.teller, BigInt(app.id), {
          channel: 'cash',
          cashSessionId: w.sessionId,
          disbursedOn: '2026-01-10',
        }),
      ),
    ).toBe('LOAN_APPLICATION_WRONG_STATUS');
    const { approvalId } = await submitForApproval(file.deps, w.officer, BigInt(app.id));
    // maker cannot check their own request
    expect(await codeOf(decide(file.deps, w.officer, BigInt(approvalId), { approve: true }))).toBe(
      'APPROVAL_SELF_DECISION',
    );
    await decide(file.deps, w.pengurus, BigInt(approvalId), { approve: true });

    const d = await disburse(file.deps, w.teller, BigInt(app.id), {
      channel: 'cash',
      cashSessionId: w.sessionId,
      disbursedOn: '2026-01-10',
    });
    // provisi 1 % = 100,000 and admin 50,000 deducted
    expect(d.body.netRupiah).toBe('9850000');
    const loanId = BigInt(d.body.loanId);
    expect(await balanceOf(coop, 'loansMembers')).toBe(10_000_000n);
    const payCash = (amountRupiah: bigint, paidOn: string) =>
      repay(file.deps, w.teller, loanId, { amountRupiah, paidOn, cashSessionId: w.sessionId });

    // instalment 1 (10 Feb) on time: 833,333 principal + 150,000 interest
    const r1 = await payCash(983_333n, '2026-02-10');
    expect(r1.body).toMatchObject({
      principalRupiah: '833333',
      interestRupiah: '150000',
      penaltyRupiah: '0',
    });

    // March close: instalment 2 (due 10 March) unpaid → accrued interest and penalty 0.1 %/day after 3 days
    const first = await runMonthEnd(file.deps, w.pengurus, '2026-03');
    expect(first.steps.every((s) => !s.skipped)).toBe(true);
    let l = (await getLoan(file.deps, w.pengurus, loanId)).loan;
    expect(l.accruedInterestRupiah).toBe('150000');
    // 983,333 × 0.1 % × (31 − 13) days = 17,699.994 → 17,700
    expect(l.penaltyDueRupiah).toBe('17700');
    expect(l.daysPastDue).toBe(21);
    // a second run changes nothing
    const entriesBefore = await sql<{
      n: bigint;
    }>`select count(*) as n from journal_entries where cooperative_id = ${coop}`.execute(
      file.deps.database.db,
    );
    const again = await runMonthEnd(file.deps, w.pengurus, '2026-03');
    expect(again.steps.every((s) => s.skipped)).toBe(true);
    const entriesAfter = await sql<{
      n: bigint;
    }>`select count(*) as n from journal_entries where cooperative_id = ${coop}`.execute(
      file.deps.database.db,
    );
    expect(entriesAfter.rows[0]?.n).toBe(entriesBefore.rows[0]?.n);
    expect((await getLoan(file.deps, w.pengurus, loanId)).loan.penaltyDueRupiah).toBe('17700');

    // late repayment: penalty first, then interest (from the receivable), then principal
    const r2 = await payCash(1_001_033n, '2026-04-02');
    expect(r2.body).toMatchObject({
      penaltyRupiah: '17700',
      interestRupiah: '150000',
      principalRupiah: '833333',
    });
    expect(await balanceOf(coop, 'interestReceivable')).toBe(0n);
    expect(await balanceOf(coop, 'penaltyIncome')).toBe(-17_700n);

    // nothing paid since: by the end of July instalment 3 (10 April) is 112 days late → Kurang Lancar
    await runMonthEnd(file.deps, w.pengurus, '2026-07');
    l = (await getLoan(file.deps, w.pengurus, loanId)).loan;
    expect(l.collectibility).toBe('KL');
    expect(await balanceOf(coop, 'ppap')).toBeLessThan(0n);

    // restructuring needs approval; the old schedule stays visible
    const reqId = await requestRestructure(file.deps, w.officer, {
      loanId: loanId.toString(),
      kind: 'reschedule',
      effectiveOn: '2026-08-01',
      newTenor: 18,
      reason: 'Usaha terdampak banjir',
    });
    expect(await codeOf(decide(file.deps, w.officer, reqId, { approve: true }))).toBe(
      'APPROVAL_SELF_DECISION',
    );
    await decide(file.deps, w.pengurus, reqId, { approve: true });
    const after = await getLoan(file.deps, w.pengurus, loanId);
    expect(after.loan.scheduleVersion).toBe(2);
    expect(after.schedules.map((s) => [s.version, s.reason, s.current])).toEqual([
      [1, 'original', false],
      [2, 'reschedule', true],
    ]);
    expect(after.schedules[1]?.instalments.length).toBe(18);
    // the restructuring names the approval that authorised it
    const restructured = await sql<{ approval_id: bigint | null; kind: string }>`
      select approval_id, kind from loan_restructurings where cooperative_id = ${coop} and loan_id = ${loanId}`.execute(
      file.deps.database.db,
    );
    expect(restructured.rows).toEqual([{ approval_id: reqId, kind: 'reschedule' }]);

    // never paid again: by June 2027 it is Macet; write-off against PPAP, then a recovery
    await runMonthEnd(file.deps, w.pengurus, '2027-06');
    l = (await getLoan(file.deps, w.pengurus, loanId)).loan;
    expect(l.collectibility).toBe('M');
    const wo = await requestWriteOff(file.deps, w.officer, {
      loanId: loanId.toString(),
      writtenOffOn: '2027-07-05',
      reason: 'Macet, agunan tidak cukup',
    });
    await decide(file.deps, w.pengurus, wo, { approve: true });
    l = (await getLoan(file.deps, w.pengurus, loanId)).loan;
    expect(l.status).toBe('written_off');
    const writeOff = await sql<{ approval_id: bigint | null }>`
      select approval_id from loan_write_offs where cooperative_id = ${coop} and loan_id = ${loanId}`.execute(
      file.deps.database.db,
    );
    expect(writeOff.rows).toEqual([{ approval_id: wo }]);
    expect(await balanceOf(coop, 'loansMembers')).toBe(0n);
    expect(await balanceOf(coop, 'interestReceivable')).toBe(0n);
    const rec = await recover(file.deps, w.teller, loanId, {
      amountRupiah: 1_000_000n,
      receivedOn: '2027-08-01',
      cashSessionId: w.sessionId,
    });
    expect(rec.status).toBe(201);
    expect(await balanceOf(coop, 'recoveryIncome')).toBe(-1_000_000n);

    expect(await verifyLedger(file.deps.database.db, coop)).toEqual([]);
  });
});
