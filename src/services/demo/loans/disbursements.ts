import * as repo from '../../../db/demo-loans.repo.js';
import { inOrg } from '../../context.js';
import { postEntry } from '../../ledger.js';
import { buildSchedule, disbursementFees } from '../../loans/terms.js';
import { addDays, lastDayOf, pad } from '../common.js';
import { WRITE_OFF_MONTH, type DemoLoanBook, type LoanMonth, type Tracked } from './book.js';
import { Lines, type SavingsMove } from './payments.js';

/**
 * The month's other loans, written set-based with the rules the real services apply (schedule,
 * fees, the murabahah margin deferred): applications, loans, original schedules, one recap entry
 * for the month's disbursements and the net amounts paid into sukarela accounts.
 */
export async function monthLoans(book: DemoLoanBook, lm: LoanMonth): Promise<void> {
  const { deps, board, officer, scale, rand, coop, tracked } = book;
  const { month, mi, cut, cutDay, cash, sukarela } = lm;
  const fresh: (Record<string, unknown> & {
    loan_number: string;
    channel: string;
    net: string;
    disbursed_on: string;
  })[] = [];
  const schedules: { loan_number: string; no: number; due: string; p: string; i: string }[] = [];
  const newTracked: (Omit<Tracked, 'id'> & { loanNumber: string })[] = [];
  const dis = new Lines();
  const n = book.perMonth[mi]!;
  const lastNumber = await inOrg(deps, board, async (o) => repo.reserveLoanNumbers(o.tx, coop, n));
  const firstNumber = Number(lastNumber) - n + 1;
  const days = Array.from({ length: n }, (_, k) =>
    mi === 0 && k < scale.macet
      ? 1 + k
      : 1 +
        Math.floor(
          rand() * (month === WRITE_OFF_MONTH ? cutDay : Number(lastDayOf(month).slice(8))),
        ),
  ).sort((a, b) => a - b);
  let cashNet = 0n;
  const savingsNet = new Map<string, bigint>();
  const credits: SavingsMove[] = [];
  let drawnCash = 0n;
  // the money drawn in cash from the members' sukarela accounts, per ledger role of the accounts
  const drawnByRole = new Map<string, bigint>();
  for (let k = 0; k < n; k++) {
    const macet = mi === 0 && k < scale.macet;
    const p = macet ? book.products[0]! : book.pickProduct();
    const m = book.borrower(scale.book === 'ksp' ? 1 : 2);
    const { amount, tenor } = book.terms(p);
    const on = `${month}-${pad(days[k]!)}`;
    const rows = buildSchedule({
      method: p.input.method,
      principalRupiah: amount,
      ratePercent: p.input.ratePercent,
      ratePeriod: p.input.ratePeriod,
      frequency: p.input.frequency,
      tenor,
      gracePrincipalPeriods: p.input.gracePrincipalPeriods,
      startDate: on,
    });
    const margin = rows.reduce((s, r) => s + r.interestRupiah, 0n);
    const fees = disbursementFees(amount, p.input.provisiBps, p.input.adminFeeRupiah);
    const net = amount - fees.totalRupiah;
    const collateral = p.collateral(amount, rand);
    const hh = book.household(amount);
    const loanNumber = `PJ/${on.slice(0, 4)}/${String(firstNumber + k).padStart(6, '0')}`;
    const prof = macet
      ? { profile: 'macet' as const, behind: 0, stopFrom: 0, autodebet: false }
      : book.newProfile(mi);
    const wantsSavings = p.input.akad !== 'ijarah' && rand() < (scale.book === 'ksp' ? 0.35 : 0.15);
    const after = wantsSavings ? sukarela(m.sukarela, net, on) : null;
    const channel = after !== null ? 'savings' : 'cash';
    if (after !== null) {
      credits.push({
        account: m.sukarela.toString(),
        kind: 'loan-disbursement',
        sign: 1,
        amount: net.toString(),
        after: after.toString(),
        date: on,
        entry: 'loan',
      });
      // most members draw the money in cash the same day and leave a little in the account
      const drawn = net - ((net * BigInt(Math.floor(rand() * 25))) / 100n / 10_000n) * 10_000n;
      const left = drawn > 0n ? sukarela(m.sukarela, -drawn, on) : null;
      if (left !== null) {
        credits.push({
          account: m.sukarela.toString(),
          kind: 'withdrawal',
          sign: -1,
          amount: drawn.toString(),
          after: left.toString(),
          date: on,
          entry: 'cash',
        });
        drawnCash += drawn;
        const role = book.sukarelaRole(m.sukarela);
        drawnByRole.set(role, (drawnByRole.get(role) ?? 0n) + drawn);
      }
    }
    const applied = addDays(on, -(3 + Math.floor(rand() * 8)));
    book.nextApplied++;
    fresh.push({
      k,
      loan_number: loanNumber,
      member_id: m.id.toString(),
      product_id: p.id.toString(),
      akad: p.input.akad,
      method: p.input.method,
      rate: p.input.ratePercent,
      rate_period: p.input.ratePeriod,
      frequency: p.input.frequency,
      tenor,
      principal: amount.toString(),
      margin: margin.toString(),
      provisi: fees.provisiRupiah.toString(),
      admin: fees.adminFeeRupiah.toString(),
      net: net.toString(),
      channel,
      disbursed_on: on,
      maturity_on: rows[rows.length - 1]!.dueOn,
      first_due: rows[0]!.dueOn,
      collateral: collateral.map((c) => ({
        kind: c.kind,
        description: c.description,
        valueRupiah: c.valueRupiah.toString(),
      })),
      collateral_value: collateral.reduce((s, c) => s + c.valueRupiah, 0n).toString(),
      guarantor: book.guarantor(),
      income: hh.income.toString(),
      expenses: hh.expenses.toString(),
      purpose: book.pick(p.purposes),
      // microseconds keep each application's timestamp distinct: the insert is matched back on it
      applied_at: `${applied}T09:${pad(Math.floor(rand() * 60))}:00.${String(book.nextApplied % 1_000_000).padStart(6, '0')}+07:00`,
      decided_at: `${addDays(on, -1)}T14:00:00+07:00`,
      auto_debit: prof.autodebet,
    });
    for (const r of rows)
      schedules.push({
        loan_number: loanNumber,
        no: r.instalmentNo,
        due: r.dueOn,
        p: r.principalRupiah.toString(),
        i: r.interestRupiah.toString(),
      });
    newTracked.push({
      loanNumber,
      memberId: m.id,
      sukarelaId: m.sukarela,
      akad: p.input.akad,
      real: false,
      ...prof,
    });
    book.lentTo(m);
    if (p.input.akad === 'murabahah') {
      dis.add('d', 'murabahahReceivable', amount + margin);
      dis.add('c', 'deferredMargin', margin);
    } else dis.add('d', p.input.akad === 'conventional' ? 'loansMembers' : 'qardh', amount);
    dis.add('c', 'provisiIncome', fees.provisiRupiah);
    dis.add('c', 'adminIncome', fees.adminFeeRupiah);
    if (channel === 'cash') cashNet += net;
    else {
      // into the account's own role: wadiah 2101, a KSPPS's mudharabah 2102
      const role = book.sukarelaRole(m.sukarela);
      savingsNet.set(role, (savingsNet.get(role) ?? 0n) + net);
    }
  }
  dis.add('c', 'cash', cashNet);
  for (const [role, v] of savingsNet) dis.add('c', role, v);
  cash.out += cashNet + drawnCash;
  if (n > 0) {
    const ids = await inOrg(deps, board, async (o) => {
      const posted = await postEntry(o, {
        entryDate: cut,
        description: `Rekap pencairan pinjaman ${month} (${n} pinjaman)`,
        source: { type: 'demo.loans-recap', id: month },
        lines: dis.get(),
      });
      const created = await repo.insertMonthLoans(
        o.tx,
        coop,
        officer.actor.userId,
        JSON.stringify(fresh),
        posted.entryId,
      );
      if (created.length !== n)
        throw new Error(`demo loans ${month}: ${created.length} of ${n} inserted`);
      await repo.insertOriginalSchedules(o.tx, coop, JSON.stringify(schedules));
      // net disbursements into the members' sukarela accounts
      if (credits.length > 0) {
        const drawnLines = [...drawnByRole].map(([role, amount]) => ({
          account: { role },
          debitRupiah: amount,
        }));
        const drawn =
          drawnCash > 0n
            ? (
                await postEntry(o, {
                  entryDate: cut,
                  description: `Rekap penarikan tunai dana pencairan pinjaman dari simpanan ${month}`,
                  source: { type: 'demo.savings-recap', id: month },
                  lines: [...drawnLines, { account: { role: 'cash' }, creditRupiah: drawnCash }],
                })
              ).entryId
            : posted.entryId;
        await book.savingsMoves(o, credits, { loan: posted.entryId, cash: drawn });
      }
      return created;
    });
    for (const r of ids) {
      const t = newTracked.find((x) => x.loanNumber === r.loan_number)!;
      tracked.set(r.id.toString(), { ...t, id: r.id });
    }
  }
}
