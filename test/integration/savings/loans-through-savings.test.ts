import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { disburse, getLoan, repay } from '../../../src/services/loans.js';
import { testDepsForFile } from '../../support/db.js';
import { approvedFlatApplication } from './loan-application.js';
import { savingsWorld, sukarelaOf } from './setup.js';

const file = testDepsForFile({ clock: () => new Date('2026-11-02T03:00:00Z') });

const sukarela = (coop: string, memberId: bigint) =>
  sukarelaOf(file.deps.database.db, coop, memberId);

describe('loans paid out to and collected from savings', () => {
  it('disburses into the sukarela account (fees deducted) and debits an instalment from it, refusing below the minimum balance', async () => {
    const w = await savingsWorld(file.deps);
    const memberId = await w.addMember({ fullName: 'Bu Warsini' });
    const app = await approvedFlatApplication(
      file.deps,
      w,
      {
        memberId,
        amountRupiah: 10_000_000n,
        tenor: 12,
        purpose: 'Modal usaha batik tulis',
        monthlyIncomeRupiah: 6_000_000n,
        monthlyExpensesRupiah: 3_000_000n,
      },
      'Usaha berjalan',
    );
    const before = (await sukarela(w.coop.id, memberId)).balance_rupiah;
    const d = await disburse(file.deps, w.teller, BigInt(app.id), {
      channel: 'savings',
      disbursedOn: '2026-11-02',
    });
    // provisi 1 % (100,000) and admin 50,000 deducted: 9,850,000 into sukarela
    expect(d.body.netRupiah).toBe('9850000');
    expect((await sukarela(w.coop.id, memberId)).balance_rupiah).toBe(before + 9_850_000n);
    const loanId = BigInt(d.body.loanId);
    // first instalment 833,333 + 150,000 debited from savings
    const r = await repay(file.deps, w.teller, loanId, {
      amountRupiah: 983_333n,
      paidOn: '2026-12-02',
      cashSessionId: null,
    });
    expect(r.body).toMatchObject({ principalRupiah: '833333', interestRupiah: '150000' });
    expect((await sukarela(w.coop.id, memberId)).balance_rupiah).toBe(
      before + 9_850_000n - 983_333n,
    );
    const loan = await getLoan(file.deps, w.pengurus, loanId);
    expect(loan.loan.outstandingPrincipalRupiah).toBe('9166667');
    // more than the balance allows (minimum 10,000 stays): refused, nothing moved
    const left = (await sukarela(w.coop.id, memberId)).balance_rupiah;
    const refused = await repay(file.deps, w.teller, loanId, {
      amountRupiah: left,
      paidOn: '2027-01-02',
      cashSessionId: null,
    }).then(
      () => 'ok',
      (e: unknown) => (e instanceof AppError ? e.code : String(e)),
    );
    expect(refused).toBe('SAVINGS_BELOW_MINIMUM_BALANCE');
    expect((await sukarela(w.coop.id, memberId)).balance_rupiah).toBe(left);
    // the savings ledger still equals the accounts, and every invariant holds
    const gl = await sql<{ v: bigint }>`
      select coalesce(sum(l.credit_rupiah - l.debit_rupiah), 0)::bigint as v from journal_lines l
      join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id and a.role = 'savingsSukarela'
      where l.cooperative_id = ${w.coop.id}`.execute(file.deps.database.db);
    const sub = await sql<{
      v: bigint;
    }>`select coalesce(sum(balance_rupiah), 0)::bigint as v from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id and p.kind = 'sukarela' where a.cooperative_id = ${w.coop.id}`.execute(
      file.deps.database.db,
    );
    expect(gl.rows[0]!.v).toBe(sub.rows[0]!.v);
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
  });
});
