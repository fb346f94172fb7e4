import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import { getLoan, runAutoDebit, runMonthEnd, setAutoDebit } from '../../../src/services/loans.js';
import { deposit } from '../../../src/services/savings.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import {
  autoDebitWorld,
  borrower,
  expectBooksSound,
  repaymentCount,
  sukarelaOf as sukarelaIn,
} from './auto-debit-setup.js';

/**
 * Auto-debit from sukarela under the loan's mandate (surat kuasa debet).
 *
 * Worked example. Product: flat 1.5 % a month, denda 0.1 % a day of the overdue instalment after
 * 3 grace days. A loan of Rp 1,200,000 over 12 months disbursed on 2 June 2026 pays Rp 118,000 a
 * month: interest 18,000 + principal 100,000, the first due on 2 July. Nobody pays it; the July
 * close charges denda 118,000 × 0.1 % × 26 days (6–31 July) = Rp 3,068. The sukarela product keeps
 * a minimum balance of Rp 10,000. The run on 1 August (instalment 2, due 2 August, is not due yet):
 *
 *   member   sukarela   due (3,068 + 118,000)   available (− 10,000)   debited   denda / interest / principal   balance after
 *   Bu Sri    200,000         121,068                 190,000            121,068   3,068 / 18,000 / 100,000          78,932
 *   Pak Budi   60,000         121,068                  50,000             50,000   3,068 / 18,000 /  28,932          10,000  (partial; 71,068 principal still overdue)
 *   Bu Tini    10,000         121,068                       0                  —   skipped, listed: SAVINGS_BELOW_MINIMUM_BALANCE
 *   Bu Wati   500,000   no mandate: not touched
 */

let deps: TestDeps;
beforeAll(async () => {
  // today (WIB) is 1 August 2026: the run date may not be later
  deps = await testDeps({ clock: () => new Date('2026-08-01T03:00:00Z') });
});
afterAll(async () => deps.close());

const world = () => autoDebitWorld(deps);
const sukarelaOf = (coop: string, memberId: bigint) => sukarelaIn(deps.database.db, coop, memberId);

describe('auto-debit from sukarela', () => {
  it('worked example: full cover, partial cover, no cover (skipped and listed), no mandate untouched; a second run debits nothing; the books stay sound', async () => {
    const w = await world();
    const sri = await borrower(w, 'Sri Rahayu', 200_000n, true);
    // Pak Budi signs the mandate after disbursement: staff with the loans permission turn it on
    const budi = await borrower(w, 'Budi Santoso', 60_000n, false);
    await setAutoDebit(deps, w.pengurus, budi.loanId, true);
    const tini = await borrower(w, 'Tini Suharti', 10_000n, true);
    const wati = await borrower(w, 'Wati Lestari', 500_000n, false);

    await runMonthEnd(deps, w.pengurus, '2026-07');
    const before = await getLoan(deps, w.pengurus, sri.loanId);
    expect(before.loan.penaltyDueRupiah).toBe('3068');
    expect(before.loan.autoDebit).toBe(true);
    expect((await sukarelaOf(w.coop.id, sri.memberId)).balance_rupiah).toBe(200_000n);

    const run = await runAutoDebit(deps, w.pengurus, '2026-08-01');
    expect(run.loans).toBe(3);
    expect(run.debited).toEqual([
      expect.objectContaining({
        loanNumber: sri.loanNumber,
        dueRupiah: '121068',
        availableRupiah: '190000',
        amountRupiah: '121068',
        penaltyRupiah: '3068',
        interestRupiah: '18000',
        principalRupiah: '100000',
        partial: false,
      }),
      expect.objectContaining({
        loanNumber: budi.loanNumber,
        dueRupiah: '121068',
        availableRupiah: '50000',
        amountRupiah: '50000',
        penaltyRupiah: '3068',
        interestRupiah: '18000',
        principalRupiah: '28932',
        partial: true,
      }),
    ]);
    expect(run.skipped).toEqual([
      {
        loanId: tini.loanId.toString(),
        loanNumber: tini.loanNumber,
        reason: 'SAVINGS_BELOW_MINIMUM_BALANCE',
        dueRupiah: '121068',
        availableRupiah: '0',
      },
    ]);
    expect(run.errors).toEqual([]);
    expect(run.debitedRupiah).toBe('171068');

    // balances: the minimum stays; the untouched ones unchanged
    expect((await sukarelaOf(w.coop.id, sri.memberId)).balance_rupiah).toBe(78_932n);
    expect((await sukarelaOf(w.coop.id, budi.memberId)).balance_rupiah).toBe(10_000n);
    expect((await sukarelaOf(w.coop.id, tini.memberId)).balance_rupiah).toBe(10_000n);
    expect((await sukarelaOf(w.coop.id, wati.memberId)).balance_rupiah).toBe(500_000n);

    // the schedule: Sri's instalment 1 paid on the run date, Budi's partly paid and still open
    const sriLoan = await getLoan(deps, w.pengurus, sri.loanId);
    expect(sriLoan.loan).toMatchObject({
      penaltyDueRupiah: '0',
      outstandingPrincipalRupiah: '1100000',
    });
    expect(sriLoan.schedules[0]!.instalments[0]).toMatchObject({
      paidOn: '2026-08-01',
      paidPenaltyRupiah: '3068',
      paidInterestRupiah: '18000',
      paidPrincipalRupiah: '100000',
    });
    const budiLoan = await getLoan(deps, w.pengurus, budi.loanId);
    expect(budiLoan.loan).toMatchObject({
      penaltyDueRupiah: '0',
      outstandingPrincipalRupiah: '1171068',
    });
    expect(budiLoan.schedules[0]!.instalments[0]).toMatchObject({
      paidOn: null,
      paidPrincipalRupiah: '28932',
    });
    expect((await getLoan(deps, w.pengurus, wati.loanId)).loan.penaltyDueRupiah).toBe('3068');

    // the savings history shows the debit as a loan repayment, tied to the repayment's entry
    const history = await sql<{
      kind: string;
      sign: number;
      amount_rupiah: bigint;
      transaction_date: string;
      same_entry: boolean;
    }>`
      select t.kind, t.sign, t.amount_rupiah, t.transaction_date::text as transaction_date,
             t.entry_id = (select r.entry_id from loan_repayments r where r.cooperative_id = t.cooperative_id and r.loan_id = ${sri.loanId}) as same_entry
      from savings_transactions t where t.cooperative_id = ${w.coop.id} and t.account_id = ${(await sukarelaOf(w.coop.id, sri.memberId)).id}
      order by t.id`.execute(deps.database.db);
    expect(history.rows.at(-1)).toEqual({
      kind: 'loan-repayment',
      sign: -1,
      amount_rupiah: 121_068n,
      transaction_date: '2026-08-01',
      same_entry: true,
    });
    await expectBooksSound(deps.database.db, w.coop.id);

    // running again on the same date debits nothing: the two debited loans are reported as done
    const repayments = await repaymentCount(deps.database.db, w.coop.id);
    const again = await runAutoDebit(deps, w.pengurus, '2026-08-01');
    expect(again.debited).toEqual([]);
    expect(again.alreadyDebited.map((a) => [a.loanNumber, a.amountRupiah])).toEqual([
      [sri.loanNumber, '121068'],
      [budi.loanNumber, '50000'],
    ]);
    expect(again.skipped.map((s) => s.loanNumber)).toEqual([tini.loanNumber]);
    expect(await repaymentCount(deps.database.db, w.coop.id)).toBe(repayments);
    expect((await sukarelaOf(w.coop.id, budi.memberId)).balance_rupiah).toBe(10_000n);

    // a skipped loan is tried again on a later run of the same date: Bu Tini deposited meanwhile
    await deposit(deps, w.teller, {
      sessionId: w.sessionId,
      accountId: (await sukarelaOf(w.coop.id, tini.memberId)).id,
      amountRupiah: 150_000n,
    });
    const third = await runAutoDebit(deps, w.pengurus, '2026-08-01');
    expect(third.debited).toEqual([
      expect.objectContaining({
        loanNumber: tini.loanNumber,
        amountRupiah: '121068',
        availableRupiah: '150000',
        partial: false,
      }),
    ]);
    expect(third.skipped).toEqual([]);
    expect((await sukarelaOf(w.coop.id, tini.memberId)).balance_rupiah).toBe(38_932n);
    await expectBooksSound(deps.database.db, w.coop.id);

    // the mandate change and every debit are audited
    const audit = await sql<{ action: string; entity_id: string; after: unknown }>`
      select action, entity_id, after from audit_events where organization_id = ${w.coop.id} and action like 'loan.auto-debit%' order by id`.execute(
      deps.database.db,
    );
    expect(audit.rows.map((a) => [a.action, a.entity_id])).toEqual([
      ['loan.auto-debit.set', budi.loanId.toString()],
      ['loan.auto-debited', sri.loanId.toString()],
      ['loan.auto-debited', budi.loanId.toString()],
      ['loan.auto-debited', tini.loanId.toString()],
    ]);
    expect(audit.rows[0]!.after).toEqual({ autoDebit: true });
    expect(audit.rows[2]!.after).toMatchObject({
      date: '2026-08-01',
      due: '121068',
      available: '50000',
      amount: '50000',
    });
  });

  it('one loan failing is listed and does not stop the others; the next run resumes it', async () => {
    const w = await world();
    const a = await borrower(w, 'Ani Wulandari', 300_000n, true);
    const b = await borrower(w, 'Bagus Prasetyo', 300_000n, true);
    const c = await borrower(w, 'Citra Kirana', 300_000n, true);
    await runMonthEnd(deps, w.pengurus, '2026-07');
    // a fault injected into the middle loan's transaction, after its repayment was written
    await deps.database.exec(`
      create function test_fail_auto_debit() returns trigger language plpgsql as $$
      begin if new.loan_id = ${b.loanId} then raise exception 'injected failure'; end if; return new; end $$;
      create trigger test_fail_auto_debit before insert on loan_auto_debits for each row execute function test_fail_auto_debit();`);
    const run = await runAutoDebit(deps, w.pengurus, '2026-08-01');
    expect(run.debited.map((d) => d.loanNumber)).toEqual([a.loanNumber, c.loanNumber]);
    expect(run.errors).toEqual([
      {
        loanId: b.loanId.toString(),
        loanNumber: b.loanNumber,
        code: 'INTERNAL',
        detail: 'internal error, see the server log',
      },
    ]);
    // the failed loan's transaction rolled back whole: no repayment, the account untouched
    expect((await sukarelaOf(w.coop.id, b.memberId)).balance_rupiah).toBe(300_000n);
    expect((await getLoan(deps, w.pengurus, b.loanId)).loan.penaltyDueRupiah).toBe('3068');
    await expectBooksSound(deps.database.db, w.coop.id);

    await deps.database.exec(
      'drop trigger test_fail_auto_debit on loan_auto_debits; drop function test_fail_auto_debit();',
    );
    const resumed = await runAutoDebit(deps, w.pengurus, '2026-08-01');
    expect(resumed.debited.map((d) => d.loanNumber)).toEqual([b.loanNumber]);
    expect(resumed.alreadyDebited.map((d) => d.loanNumber)).toEqual([a.loanNumber, c.loanNumber]);
    expect((await sukarelaOf(w.coop.id, b.memberId)).balance_rupiah).toBe(300_000n - 121_068n);
    await expectBooksSound(deps.database.db, w.coop.id);
  });

  it('two runs at the same time debit each loan once', async () => {
    const w = await world();
    const loans = [];
    for (const name of ['Dewi Sartika', 'Eko Saputro', 'Fajar Nugroho'])
      loans.push(await borrower(w, name, 1_000_000n, true));
    await runMonthEnd(deps, w.pengurus, '2026-07');
    const [x, y] = await Promise.all([
      runAutoDebit(deps, w.pengurus, '2026-08-01'),
      runAutoDebit(deps, w.teller, '2026-08-01'),
    ]);
    expect(x.debited.length + y.debited.length).toBe(3);
    expect(x.errors.concat(y.errors)).toEqual([]);
    for (const l of loans)
      expect((await sukarelaOf(w.coop.id, l.memberId)).balance_rupiah).toBe(1_000_000n - 121_068n);
    const n = await sql<{
      n: bigint;
    }>`select count(*) as n from loan_repayments where cooperative_id = ${w.coop.id}`.execute(
      deps.database.db,
    );
    expect(n.rows[0]!.n).toBe(3n);
    await expectBooksSound(deps.database.db, w.coop.id);
  });

  it('an instalment not yet due is not taken; a date after today is refused; the mandate can be withdrawn', async () => {
    const w = await world();
    const g = await borrower(w, 'Gita Permata', 1_000_000n, true);
    // 1 July: instalment 1 falls due on 2 July, so nothing is due and the loan is not even looked at
    const early = await runAutoDebit(deps, w.pengurus, '2026-07-01');
    expect(early).toMatchObject({ loans: 0, debited: [], skipped: [] });
    // 2 July, the due date itself, no denda yet: exactly the instalment
    const onDue = await runAutoDebit(deps, w.pengurus, '2026-07-02');
    expect(onDue.debited).toEqual([
      expect.objectContaining({
        amountRupiah: '118000',
        penaltyRupiah: '0',
        interestRupiah: '18000',
        principalRupiah: '100000',
      }),
    ]);
    const refused = await runAutoDebit(deps, w.pengurus, '2026-08-02').then(
      () => 'ok',
      (e: unknown) => (e instanceof AppError ? e.code : String(e)),
    );
    expect(refused).toBe('LOAN_AUTO_DEBIT_DATE_IN_FUTURE');
    // Pak Hadi withdraws his mandate: his overdue instalment stays for the counter
    const h = await borrower(w, 'Hadi Wijaya', 1_000_000n, true);
    await setAutoDebit(deps, w.pengurus, h.loanId, false);
    expect((await getLoan(deps, w.pengurus, h.loanId)).loan.autoDebit).toBe(false);
    expect((await runAutoDebit(deps, w.pengurus, '2026-08-01')).debited).toEqual([]);
    expect((await sukarelaOf(w.coop.id, h.memberId)).balance_rupiah).toBe(1_000_000n);
    expect((await sukarelaOf(w.coop.id, g.memberId)).balance_rupiah).toBe(1_000_000n - 118_000n);
  });
});
