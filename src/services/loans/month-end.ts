import * as monthEndRepo from '../../db/loans/month-end.repo.js';
import { DEFAULT_RISK_SETTINGS } from '../../domain/loans/collectibility.js';
import { signedTransferLines } from '../../domain/accounting/signed-transfer.js';
import type { OrgTx } from '../context.js';
import { postEntry } from '../ledger.js';
import { registerMonthEndStep, type MonthEnd } from '../month-end.js';
import { ppapBalance } from './restructure.js';

/**
 * The loans' month-end steps, each a few set-based statements over the whole book
 * (src/db/loans/month-end.repo.ts: no per-loan round trips) and at most one journal entry carrying
 * the month's totals; the per-loan detail lives in loan_accruals, loan_collectibility and
 * loan_provisions. The rules are src/domain/loans/penalty.ts and collectibility.ts; the SQL takes
 * the default bands and PPAP rates from DEFAULT_RISK_SETTINGS there.
 */

/**
 * Days past due and class of every active loan on `asOf` (also the daily refresh); returns the
 * number of loans whose figures changed.
 */
export async function classify(o: OrgTx, asOf: string): Promise<number> {
  return monthEndRepo.classifyLoans(o.tx, o.ctx.organizationId, asOf, DEFAULT_RISK_SETTINGS);
}

async function stepDaysPastDue(o: OrgTx, m: MonthEnd) {
  await monthEndRepo.settingsForWholeBook(o.tx);
  return { reclassified: await classify(o, m.lastDay) };
}

/**
 * Interest of conventional performing (Lancar) loans that fell due this month and is unpaid is
 * accrued: Dr interest receivable, Cr interest income. Problem loans accrue nothing (income on
 * them is recognised when paid). Sharia margin and ujrah are recognised when the instalment is paid.
 */
async function stepAccrual(o: OrgTx, m: MonthEnd) {
  await monthEndRepo.settingsForWholeBook(o.tx);
  const { totalRupiah: total, loans } = await monthEndRepo.accrueInterest(
    o.tx,
    o.ctx.organizationId,
    m,
  );
  let entryId: string | null = null;
  if (total > 0n) {
    const posted = await postEntry(o, {
      entryDate: m.lastDay,
      description: `Akrual bunga pinjaman ${m.period}`,
      source: { type: 'loan.accrual', id: m.period },
      series: 'PINJ',
      lines: [
        { account: { role: 'interestReceivable' }, debitRupiah: total },
        { account: { role: 'loanInterestIncomeMember' }, creditRupiah: total },
      ],
    });
    entryId = posted.entryId.toString();
  }
  return { loans, accruedRupiah: total.toString(), entryId };
}

/**
 * Denda on overdue instalments (src/domain/loans/penalty.ts): charged to the loan (and the
 * member's statement) and recognised as income — or, in a sharia contract, given to the social
 * fund — when collected, so the step posts nothing.
 */
async function stepPenalty(o: OrgTx, m: MonthEnd) {
  await monthEndRepo.settingsForWholeBook(o.tx);
  const r = await monthEndRepo.chargePenalties(o.tx, o.ctx.organizationId, m);
  return { loans: r.loans, chargedRupiah: r.totalRupiah.toString() };
}

/** The month's collectibility snapshot of every active loan. */
async function stepCollectibility(o: OrgTx, m: MonthEnd) {
  await monthEndRepo.settingsForWholeBook(o.tx);
  await classify(o, m.lastDay);
  return {
    loans: await monthEndRepo.snapshotCollectibility(o.tx, o.ctx.organizationId, m.lastDay),
  };
}

/**
 * PPAP: the required provision per class (Lancar on the outstanding, problem classes on the
 * outstanding less collateral), compared with the allowance formed; the difference is posted.
 */
async function stepProvision(o: OrgTx, m: MonthEnd) {
  const required = await monthEndRepo.writeProvisions(
    o.tx,
    o.ctx.organizationId,
    m,
    DEFAULT_RISK_SETTINGS,
  );
  const formed = await ppapBalance(o);
  const delta = required - formed;
  let entryId: string | null = null;
  if (delta !== 0n) {
    const posted = await postEntry(o, {
      entryDate: m.lastDay,
      description:
        delta > 0n ? `Pembentukan PPAP ${m.period}` : `Penyesuaian (pengurangan) PPAP ${m.period}`,
      source: { type: 'loan.provision', id: m.period },
      series: 'PINJ',
      // a top-up is an expense into the allowance; a release runs the other way
      lines: signedTransferLines(delta, 'provisionExpense', 'ppap'),
    });
    entryId = posted.entryId.toString();
  }
  return {
    requiredRupiah: required.toString(),
    formedBeforeRupiah: formed.toString(),
    postedRupiah: delta.toString(),
    entryId,
  };
}

/** Reminders for overdue loans and instalments due in the first week of next month. */
async function stepReminders(o: OrgTx, m: MonthEnd) {
  await monthEndRepo.settingsForWholeBook(o.tx);
  return { queued: await monthEndRepo.queueReminders(o.tx, o.ctx.organizationId, m) };
}

// the loans' lane: in this order, beside the savings lane on PostgreSQL (src/services/month-end.ts)
const LOAN_STEPS = [
  ['loans-days-past-due', 10, stepDaysPastDue],
  ['loans-accrual', 20, stepAccrual],
  ['loans-penalty', 30, stepPenalty],
  ['loans-collectibility', 40, stepCollectibility],
  ['loans-provision', 50, stepProvision],
  ['loans-reminders', 90, stepReminders],
] as const;
for (const [name, order, run] of LOAN_STEPS)
  registerMonthEndStep({ name, order, lane: 'loans', run });
// The savings area registers its month-end steps (dormancy, interest, final tax, statements) in
// src/services/savings-month-end.ts, ordered between provisions (50) and reminders (90).
