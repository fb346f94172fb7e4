import * as repo from '../../../db/demo-loans.repo.js';
import type { Deps } from '../../context.js';
import { inOrg } from '../../context.js';
import { classify } from '../../loans.js';
import type { OrganizationView } from '../../organizations.js';
import { cashWithBank, DEMO_MONTHS, lastDayOf, pad } from '../common.js';
import {
  DEMO_TODAY,
  DESK_DAY,
  DemoLoanBook,
  WRITE_OFF_MONTH,
  type DemoLoansScale,
  type LoanMonth,
} from './book.js';
import { officeCases, tellerLoanDay } from './desk.js';
import { monthLoans } from './disbursements.js';
import { bookInstalments } from './instalments.js';

export type { DemoLoansScale };

/**
 * The demo loan book, month by month inside the demo year: each month some members borrow, the
 * book pays its instalments (most on time, some a month or three behind, a few stop paying), and
 * the real month-end that follows (the savings seeding runs it) accrues interest, charges penalties,
 * classifies and provisions. Loans go through the real services once a month at the teller's desk
 * (application, analysis, committee approval by maker-checker, disbursement, instalments), as do
 * the one restructuring and the one write-off (with a first recovery) of each book and the
 * applications still in the pipeline (./desk.ts). The rest of the book is written set-based with
 * the same rules (schedule, fees, allocation penalty → interest/margin → principal oldest first,
 * accrued interest, probation) and one recap journal entry per month and kind, as the savings demo
 * books the counter's movements (./disbursements.ts, ./instalments.ts).
 */

/** The loans' part of a demo month: runs after the month's savings activity, before its month-end. */
export type DemoMonthHook = (month: string) => Promise<void>;

export async function seedDemoLoans(
  deps: Deps,
  org: OrganizationView,
  scale: DemoLoansScale,
): Promise<DemoMonthHook> {
  const book = await DemoLoanBook.open(deps, org, scale);
  return async (month: string) => {
    const mi = DEMO_MONTHS.indexOf(month);
    if (mi < 0) throw new Error(`not a demo month: ${month}`);
    const first = `${month}-01`;
    const cut = month === WRITE_OFF_MONTH ? DEMO_TODAY : lastDayOf(month);
    if (book.members.length === 0) {
      book.members = await repo.membersWithSukarela(book.db, book.coop);
    }
    // Planner statistics for the growing book every three months (the last in October, so a fresh
    // demo has them too): embedded PGlite runs no autovacuum, and without them the set-based
    // writes and the month-end's joins fall back to row-by-row plans.
    if (mi % 3 === 1) await repo.analyzeLoanTables(book.db);
    const lm: LoanMonth = {
      month,
      mi,
      first,
      cut,
      cutDay: Number(cut.slice(8)),
      deskDate: `${month}-${pad(DESK_DAY)}`,
      cash: { out: 0n, in: 0n },
      sukarela: await book.sukarelaState(first),
    };
    await tellerLoanDay(book, lm);
    await monthLoans(book, lm);
    await bookInstalments(book, lm);
    await officeCases(book, lm);
    await squareCashWithBank(book, lm);
  };
}

/** Cash for disbursements comes from the bank; instalments taken in cash go to the bank. */
async function squareCashWithBank(book: DemoLoanBook, lm: LoanMonth): Promise<void> {
  const { month, first, cut, cash } = lm;
  await inOrg(book.deps, book.board, async (o) => {
    await cashWithBank(o, 'loan-disbursements', month, first, cash.out);
    await cashWithBank(o, 'loan-instalments', month, cut, cash.in);
    // the open month: today's days past due and classes, as the daily refresh keeps them
    if (month === WRITE_OFF_MONTH) await classify(o, DEMO_TODAY);
  });
}
