import * as autoDebitRepo from '../../db/loans/auto-debit.repo.js';
import * as loansRepo from '../../db/loans/loans.repo.js';
import { autoDebitAmount, dueOn, type AutoDebitSkipReason } from '../../domain/loans/auto-debit.js';
import { AppError } from '../../domain/errors.js';
import { businessDateWib } from '../../domain/calendar.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { onceAcrossTransactions, type Idempotency } from '../idempotency.js';
import { memberSukarelaAccount, sukarelaDebitTerms } from '../savings.js';
import { auditLoan, loadLoan, requireActive } from './core.js';
import { owedDues, repayIn } from './repayment.js';

/**
 * Auto-debit from sukarela under the loan's mandate (surat kuasa debet). A run for a cooperative
 * and a date walks the mandated active loans with something due, each in its own transaction:
 * the loan row is locked, what is due on the date is computed (every denda + the instalments due
 * on or before it), min(due, balance above the minimum) is taken through the same repayment path
 * as a debit at the counter (penalty → interest/margin → principal, ledger, savings history and
 * schedule in one transaction), and a loan_auto_debits row records the outcome. A 'debited' row
 * is final for (loan, date): running twice debits once, a crashed run resumes where it stopped,
 * and one loan's failure is listed without stopping the others.
 */

/** Loans read per page of the run (keyset by id); each loan is then its own transaction. */
const PAGE_SIZE = 500;

export async function setAutoDebit(deps: Deps, ctx: OrgContext, loanId: bigint, enabled: boolean) {
  return inOrg(deps, ctx, async (o) => {
    const loan = await loadLoan(o.tx, ctx.organizationId, loanId, true);
    requireActive(loan);
    if (loan.auto_debit !== enabled) {
      await loansRepo.setAutoDebit(o.tx, ctx.organizationId, loanId, enabled);
      await o.audit({
        action: 'loan.auto-debit.set',
        entityType: 'loan',
        entityId: loanId,
        before: { autoDebit: loan.auto_debit },
        after: { autoDebit: enabled },
      });
    }
    return { loanId: loanId.toString(), autoDebit: enabled };
  });
}

export type AutoDebited = {
  loanId: string;
  loanNumber: string;
  dueRupiah: string;
  availableRupiah: string;
  amountRupiah: string;
  penaltyRupiah: string;
  interestRupiah: string;
  principalRupiah: string;
  /** less than was due: the rest stays overdue */
  partial: boolean;
  repaymentId: string;
  entryId: string;
};
export type AutoDebitSkipped = {
  loanId: string;
  loanNumber: string;
  reason: AutoDebitSkipReason;
  dueRupiah: string;
  availableRupiah: string;
};
export type AutoDebitAlready = {
  loanId: string;
  loanNumber: string;
  amountRupiah: string;
  repaymentId: string;
};
export type AutoDebitFailed = { loanId: string; loanNumber: string; code: string; detail: string };

export type AutoDebitRun = {
  date: string;
  /** mandated loans looked at (something due, or debited earlier on this date) */
  loans: number;
  debited: AutoDebited[];
  /** debited by an earlier run on the same date: not debited again */
  alreadyDebited: AutoDebitAlready[];
  skipped: AutoDebitSkipped[];
  /** nothing due any more when the loan's turn came (paid at the counter, mandate withdrawn) */
  nothingDue: number;
  errors: AutoDebitFailed[];
  debitedRupiah: string;
};

export interface AutoDebitProgress {
  loan(done: number, total: number): void;
}

type LoanOutcome =
  | { kind: 'debited'; item: AutoDebited }
  | { kind: 'already'; item: AutoDebitAlready }
  | { kind: 'skipped'; item: AutoDebitSkipped }
  | { kind: 'nothing-due' };

/** One loan, in its own transaction. */
async function autoDebitLoan(
  deps: Deps,
  ctx: OrgContext,
  loanId: bigint,
  date: string,
): Promise<LoanOutcome> {
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    // the loan lock serialises two runs (and a teller) on this loan; the row below is read after it
    const loan = await loadLoan(o.tx, coop, loanId, true);
    const done = await autoDebitRepo.priorAutoDebit(o.tx, coop, loanId, date);
    if (done?.outcome === 'debited')
      return {
        kind: 'already',
        item: {
          loanId: loanId.toString(),
          loanNumber: loan.loan_number,
          amountRupiah: done.amount_rupiah.toString(),
          repaymentId: String(done.repayment_id),
        },
      };
    if (loan.status !== 'active' || !loan.auto_debit) return { kind: 'nothing-due' };
    const due = dueOn(
      date,
      owedDues(await loansRepo.scheduleOf(o.tx, coop, loanId, loan.schedule_version)),
    );
    if (due === 0n) return { kind: 'nothing-due' };
    // the same account and lock order as a debit at the counter: loan, then the sukarela account
    const account = await memberSukarelaAccount(o, loan.member_id).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'SAVINGS_ACCOUNT_NOT_FOUND') return null;
      throw e;
    });
    const decision = autoDebitAmount(due, account ? sukarelaDebitTerms(account) : null);
    const record = (
      outcome: 'debited' | 'skipped',
      amount: bigint,
      reason: string | null,
      repaymentId: string | null,
    ) =>
      autoDebitRepo.recordAutoDebit(o.tx, coop, {
        loanId,
        date,
        outcome,
        dueRupiah: due,
        availableRupiah: decision.availableRupiah,
        amountRupiah: amount,
        reason,
        savingsAccountId: account?.id ?? null,
        repaymentId: repaymentId === null ? null : BigInt(repaymentId),
      });
    if (!decision.ok) {
      await record('skipped', 0n, decision.reason, null);
      return {
        kind: 'skipped',
        item: {
          loanId: loanId.toString(),
          loanNumber: loan.loan_number,
          reason: decision.reason,
          dueRupiah: due.toString(),
          availableRupiah: decision.availableRupiah.toString(),
        },
      };
    }
    const paid = await repayIn(o, loanId, {
      amountRupiah: decision.amountRupiah,
      paidOn: date,
      cashSessionId: null,
    });
    const written = await record('debited', decision.amountRupiah, null, paid.repaymentId);
    // the unique key is the second wall: a debited row is never overwritten
    if (written !== 1n) throw new Error(`auto-debit of loan ${loanId} on ${date} recorded twice`);
    await auditLoan(o, 'loan.auto-debited', loanId, {
      date,
      due: due.toString(),
      available: decision.availableRupiah.toString(),
      amount: decision.amountRupiah.toString(),
      repayment: paid.repaymentId,
    });
    return {
      kind: 'debited',
      item: {
        loanId: loanId.toString(),
        loanNumber: loan.loan_number,
        dueRupiah: due.toString(),
        availableRupiah: decision.availableRupiah.toString(),
        amountRupiah: decision.amountRupiah.toString(),
        penaltyRupiah: paid.penaltyRupiah,
        interestRupiah: paid.interestRupiah,
        principalRupiah: paid.principalRupiah,
        partial: decision.amountRupiah < due,
        repaymentId: paid.repaymentId,
        entryId: paid.entryId,
      },
    };
  });
}

/**
 * Runs the auto-debit of a cooperative for `date` (not after today, the cooperative's business
 * day in WIB): every loan in its own transaction, outcomes listed, progress per loan.
 */
export async function runAutoDebit(
  deps: Deps,
  ctx: OrgContext,
  date: string,
  progress?: AutoDebitProgress,
): Promise<AutoDebitRun> {
  const today = businessDateWib(deps.clock());
  if (date > today) throw new AppError('LOAN_AUTO_DEBIT_DATE_IN_FUTURE', { date, today });
  const coop = ctx.organizationId;
  const out: AutoDebitRun = {
    date,
    loans: 0,
    debited: [],
    alreadyDebited: [],
    skipped: [],
    nothingDue: 0,
    errors: [],
    debitedRupiah: '0',
  };
  const total = await inOrg(deps, ctx, ({ tx }) =>
    autoDebitRepo.countAutoDebitCandidates(tx, coop, date),
  );
  let debited = 0n;
  let after = 0n;
  for (;;) {
    const page = await inOrg(deps, ctx, ({ tx }) =>
      autoDebitRepo.autoDebitCandidates(tx, coop, date, after, PAGE_SIZE),
    );
    for (const l of page) {
      try {
        const r = await autoDebitLoan(deps, ctx, l.id, date);
        switch (r.kind) {
          case 'debited':
            out.debited.push(r.item);
            debited += BigInt(r.item.amountRupiah);
            break;
          case 'already':
            out.alreadyDebited.push(r.item);
            break;
          case 'skipped':
            out.skipped.push(r.item);
            break;
          case 'nothing-due':
            out.nothingDue++;
            break;
        }
      } catch (e) {
        // one loan's failure is listed and the run goes on; its transaction rolled back whole
        if (!(e instanceof AppError))
          deps.logger.error(
            { err: e, loanId: l.id.toString(), date },
            'auto-debit of a loan failed',
          );
        out.errors.push({
          loanId: l.id.toString(),
          loanNumber: l.loan_number,
          code: e instanceof AppError ? e.code : 'INTERNAL',
          // an internal failure's text stays in the server log, not in the report
          detail: e instanceof AppError ? e.message : 'internal error, see the server log',
        });
      }
      out.loans++;
      progress?.loan(out.loans, Math.max(total, out.loans));
    }
    const last = page[page.length - 1];
    if (!last || page.length < PAGE_SIZE) break;
    after = last.id;
  }
  out.debitedRupiah = debited.toString();
  return out;
}

/**
 * The run behind an Idempotency-Key (HTTP): a replay returns the first run's report without
 * running again. The run itself is idempotent per loan and date, so a retry after a crash (no
 * stored report yet) simply resumes it.
 */
export async function runAutoDebitOnce(
  deps: Deps,
  ctx: OrgContext,
  date: string,
  idem: Idempotency | undefined,
) {
  return onceAcrossTransactions(deps, ctx, idem, async () => ({
    status: 200,
    body: await runAutoDebit(deps, ctx, date),
  }));
}
