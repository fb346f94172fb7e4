import * as repo from '../../../db/demo-loans.repo.js';
import { inOrg } from '../../context.js';
import { postEntry } from '../../ledger.js';
import { addDays, pad } from '../common.js';
import type { DemoLoanBook, LoanMonth, Tracked } from './book.js';
import { allocate, Lines, receipt, type Payment, type SavingsMove } from './payments.js';

/**
 * Instalments of the set-based book (the desk's loans are paid at the counter): good payers pay
 * what is due around its due date, late payers run some instalments behind, stoppers stop; those
 * with a mandate are debited from sukarela when it bears it. One recap entry for the month.
 */
export async function bookInstalments(book: DemoLoanBook, lm: LoanMonth): Promise<void> {
  const { deps, board, teller, rand, coop, tracked } = book;
  const { month, mi, first, cut, cutDay, cash, sukarela } = lm;
  const open = await book.openRows(null, addDays(cut, 45));
  const pays: { t: Tracked; pay: Payment; channel: 'cash' | 'savings'; after: bigint | null }[] =
    [];
  for (const [id, e] of open) {
    const t = tracked.get(id);
    if (!t || t.real) continue;
    const due = e.rows.filter((r) => r.due <= cut);
    if (due.length === 0) continue;
    let j = 0;
    let date: string | null = null;
    const randomDay = (from: number) =>
      `${month}-${pad(Math.min(cutDay, from + Math.floor(rand() * Math.max(1, cutDay - from + 1))))}`;
    const good = t.profile === 'good' || (t.profile === 'stop' && mi < t.stopFrom);
    if (good) {
      j = due.length;
      if (due[0]!.due < first) date = randomDay(1);
      else if (rand() < 0.06) {
        const late = addDays(due[0]!.due, 1 + Math.floor(rand() * 6));
        date = late <= cut ? late : null; // paid a few days late, or next month
      } else {
        const early = addDays(due[0]!.due, -Math.floor(rand() * 5));
        date = early < first ? first : early;
      }
    } else if (t.profile === 'late') {
      const r = rand();
      j = r < 0.12 ? 0 : r < 0.2 ? due.length : Math.max(0, due.length - t.behind);
      date = randomDay(1);
    }
    if (!date || j === 0) continue;
    const pay = allocate(t.id, e.accrued, e.rows, e.complete, j, date);
    if (!pay) continue;
    const after = t.autodebet ? sukarela(t.sukarelaId, -pay.amount, date) : null;
    pays.push({ t, pay, channel: after !== null ? 'savings' : 'cash', after });
  }
  if (pays.length > 0) {
    const rec = new Lines();
    let cashIn = 0n;
    const savingsIn = new Map<string, bigint>();
    for (const { t, pay, channel } of pays) {
      receipt(rec, t.akad, pay);
      if (channel === 'cash') cashIn += pay.amount;
      else {
        // debited from the account's own role: wadiah 2101, a KSPPS's mudharabah 2102
        const role = book.sukarelaRole(t.sukarelaId);
        savingsIn.set(role, (savingsIn.get(role) ?? 0n) + pay.amount);
      }
    }
    rec.add('d', 'cash', cashIn);
    for (const [role, v] of savingsIn) rec.add('d', role, v);
    cash.in += cashIn;
    await inOrg(deps, board, async (o) => {
      const posted = await postEntry(o, {
        entryDate: cut,
        description: `Rekap angsuran pinjaman ${month} (${pays.length} pembayaran)`,
        source: { type: 'demo.loans-recap', id: month },
        lines: rec.get(),
      });
      await repo.applyInstalmentPayments(
        o.tx,
        coop,
        JSON.stringify(pays.flatMap((p) => p.pay.rows)),
      );
      await repo.applyLoanPayments(o.tx, coop, JSON.stringify(pays.map((p) => p.pay.loan)));
      await repo.insertInstalmentRepayments(
        o.tx,
        coop,
        JSON.stringify(
          pays.map((p) => ({
            loan_id: p.pay.loan.id,
            paid_on: p.pay.loan.paid_on,
            channel: p.channel,
            amount: p.pay.amount.toString(),
            pen: p.pay.penalty.toString(),
            int: p.pay.interest.toString(),
            pri: p.pay.principal.toString(),
          })),
        ),
        posted.entryId,
        teller.actor.userId,
      );
      const debits = pays
        .filter((p) => p.after !== null)
        .map((p): SavingsMove => ({
          account: p.t.sukarelaId.toString(),
          kind: 'loan-repayment',
          sign: -1,
          amount: p.pay.amount.toString(),
          after: p.after!.toString(),
          date: p.pay.loan.paid_on,
          entry: 'loan',
        }));
      if (debits.length > 0)
        await book.savingsMoves(o, debits, { loan: posted.entryId, cash: posted.entryId });
    });
  }
}
