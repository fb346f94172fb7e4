import type { PostingLine } from '../../ledger/post.js';
import * as latePaymentRepo from '../../db/loans/late-payment.repo.js';
import * as loansRepo from '../../db/loans/loans.repo.js';
import * as receiptsRepo from '../../db/loans/receipts.repo.js';
import { isShariaCooperative } from '../../db/savings.repo.js';
import { AppError } from '../../domain/errors.js';
import {
  allocatePayment,
  type Allocation,
  type Due,
} from '../../domain/loans/payment-allocation.js';
import { roundHalfUp } from '../../domain/loans/schedule.js';
import { savingsLedgerRole } from '../../domain/savings/ledger-role.js';
import { allocateTawidh, type TawidhOwed } from '../../domain/sharia/late-payment.js';
import { requireOwnOpenSession } from '../cashdesk.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import type { JsonValue } from '../../db/schema.js';
import { inOrgOnce, type Idempotency } from '../idempotency.js';
import { postEntry } from '../ledger.js';
import { checkSukarelaDebit, memberSukarelaAccount, recordLoanMovement } from '../savings.js';
import {
  auditLoan,
  loadLoan,
  loadProduct,
  requireActive,
  rolesOf,
  type LoanRow,
  type ScheduleRow,
} from './core.js';

/**
 * Money coming in on a loan: an instalment at the counter or from sukarela, and early payoff
 * (also the settlement of a topped-up loan). The order a payment pays is
 * src/domain/loans/payment-allocation.ts; this file posts it and writes it down.
 */

interface Parts {
  penalty: bigint;
  interest: bigint;
  principal: bigint;
  /** interest charged beyond the schedule (early-payoff penalty) */
  extraIncome: bigint;
  /** remaining margin forgone (murabahah muqasah) to clear from deferred margin */
  discount: bigint;
  /** ta'widh (real collection costs charged to the member) paid: clears piutang ta'widh */
  tawidh?: bigint;
}

/**
 * The journal lines of money received on a loan: cash (or another debit) against its parts. A
 * sharia cooperative's (`sharia`) denda is credited to the dana kebajikan whatever the akad
 * (rolesOf); ta'widh paid clears the piutang ta'widh.
 */
function receiptLines(
  loan: LoanRow,
  parts: Parts,
  accruedUsed: bigint,
  debit: PostingLine['account'],
  sharia: boolean,
): PostingLine[] {
  const roles = rolesOf(loan.akad, sharia);
  const m = { memberId: loan.member_id, branchId: loan.branch_id };
  const tawidh = parts.tawidh ?? 0n;
  const total = parts.penalty + parts.interest + parts.principal + parts.extraIncome + tawidh;
  const lines: PostingLine[] = [{ account: debit, debitRupiah: total, ...m }];
  const add = (role: string, side: 'd' | 'c', v: bigint) => {
    if (v > 0n)
      lines.push(
        side === 'd'
          ? { account: { role }, debitRupiah: v, ...m }
          : { account: { role }, creditRupiah: v, ...m },
      );
  };
  add(roles.penalty, 'c', parts.penalty);
  add('tawidhReceivable', 'c', tawidh);
  if (loan.akad === 'murabahah') {
    add('murabahahReceivable', 'c', parts.principal + parts.interest + parts.discount);
    add('deferredMargin', 'd', parts.interest + parts.discount);
    add('marginIncome', 'c', parts.interest + parts.extraIncome);
  } else {
    add('interestReceivable', 'c', accruedUsed);
    add(roles.income, 'c', parts.interest - accruedUsed + parts.extraIncome);
    add(roles.principal, 'c', parts.principal);
  }
  return lines;
}

/** Writes an allocation onto the current schedule rows and the loan's maintained figures. */
async function applyAllocation(
  o: OrgTx,
  loan: LoanRow,
  alloc: Allocation[],
  paidOn: string,
  closeAll: boolean,
): Promise<{ accruedUsed: bigint; onTimeInstalments: number }> {
  const coop = o.ctx.organizationId;
  await receiptsRepo.addPaidParts(o.tx, coop, loan.id, loan.schedule_version, alloc);
  const done = await receiptsRepo.markInstalmentsPaid(
    o.tx,
    coop,
    loan.id,
    loan.schedule_version,
    paidOn,
    closeAll,
  );
  const interest = alloc.reduce((s, a) => s + a.interestRupiah, 0n);
  const accruedUsed =
    interest < loan.accrued_interest_rupiah ? interest : loan.accrued_interest_rupiah;
  return { accruedUsed, onTimeInstalments: done.filter((r) => r.on_time).length };
}

export interface RepaymentInput {
  amountRupiah: bigint;
  paidOn: string;
  /** cash at the counter through this session, or (null) debited from the member's sukarela account */
  cashSessionId: bigint | null;
  /**
   * the part of the amount paid on ta'widh (KSPPS; the charged items oldest first), taken before
   * the rest is allocated; 0 or absent: none (the auto-debit never takes ta'widh)
   */
  tawidhRupiah?: bigint;
}

/** What is still owed on each unpaid instalment (the counter, and the auto-debit's due amount). */
export function owedDues(rows: ScheduleRow[]): (Due & { dueOn: string })[] {
  return rows
    .filter((r) => r.paid_on === null)
    .map((r) => ({
      instalmentNo: r.instalment_no,
      dueOn: r.due_on,
      penaltyRupiah: r.penalty_rupiah - r.paid_penalty_rupiah,
      interestRupiah: r.interest_rupiah - r.paid_interest_rupiah,
      principalRupiah: r.principal_rupiah - r.paid_principal_rupiah,
    }));
}

/**
 * Angsuran at the counter: the loan row is locked, the payment allocated penalty → interest/margin
 * → principal, oldest instalment first (a payment ahead of the due date pays the next
 * instalments), and posted through the teller's open session. More than is owed is refused.
 */
export async function repay(
  deps: Deps,
  ctx: OrgContext,
  loanId: bigint,
  input: RepaymentInput,
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => ({
    status: 201,
    body: await repayIn(o, loanId, input),
  }));
}

/** The repayment inside the caller's transaction (the counter, and the auto-debit run per loan). */
export async function repayIn(o: OrgTx, loanId: bigint, input: RepaymentInput) {
  const ctx = o.ctx;
  const session =
    input.cashSessionId !== null ? await requireOwnOpenSession(o, input.cashSessionId) : null;
  const loan = await loadLoan(o.tx, ctx.organizationId, loanId, true);
  requireActive(loan);
  const sukarela = session ? null : await memberSukarelaAccount(o, loan.member_id);
  if (sukarela) checkSukarelaDebit(sukarela, input.amountRupiah);
  const sharia = await isShariaCooperative(o.tx, ctx.organizationId);
  if ((input.tawidhRupiah ?? 0n) > input.amountRupiah)
    throw new AppError('VALIDATION_FAILED', { field: 'tawidhRupiah' }, 'more than the amount');
  const tawidh = await tawidhParts(o, loan, sharia, input.tawidhRupiah ?? 0n);
  const rows = await loansRepo.scheduleOf(o.tx, ctx.organizationId, loanId, loan.schedule_version);
  const dues = owedDues(rows);
  const { parts, leftRupiah } = allocatePayment(input.amountRupiah - tawidh.total, dues);
  if (leftRupiah > 0n) {
    const owed = dues.reduce(
      (s, d) => s + d.penaltyRupiah + d.interestRupiah + d.principalRupiah,
      0n,
    );
    throw new AppError('LOAN_OVERPAYMENT', { owed });
  }
  const sum = (k: 'penaltyRupiah' | 'interestRupiah' | 'principalRupiah') =>
    parts.reduce((s, p) => s + p[k], 0n);
  const p: Parts = {
    penalty: sum('penaltyRupiah'),
    interest: sum('interestRupiah'),
    principal: sum('principalRupiah'),
    extraIncome: 0n,
    discount: 0n,
    tawidh: tawidh.total,
  };
  const { accruedUsed, onTimeInstalments } = await applyAllocation(
    o,
    loan,
    parts,
    input.paidOn,
    false,
  );
  const posted = await postEntry(o, {
    entryDate: input.paidOn,
    description: `Angsuran pinjaman ${loan.loan_number}`,
    source: { type: 'loan.repayment', id: loanId.toString() },
    ...(session
      ? { series: session.series, branchId: session.branch_id, cashSessionId: session.id }
      : {}),
    lines: receiptLines(
      loan,
      p,
      accruedUsed,
      { role: sukarela ? savingsLedgerRole(sukarela.kind, sukarela.akad) : 'cash' },
      sharia,
    ),
  });
  if (sukarela)
    await recordLoanMovement(
      o,
      sukarela,
      'loan-repayment',
      input.amountRupiah,
      input.paidOn,
      posted.entryId,
    );
  await finishReceipt(o, loan, p, accruedUsed, onTimeInstalments, input.paidOn, false);
  const repaymentId = await receiptsRepo.insertRepayment(o.tx, ctx.organizationId, {
    loanId,
    paidOn: input.paidOn,
    kind: 'instalment',
    channel: session ? 'cash' : 'savings',
    amountRupiah: input.amountRupiah,
    penaltyRupiah: p.penalty,
    interestRupiah: p.interest,
    principalRupiah: p.principal,
    discountRupiah: 0n,
    cashSessionId: session?.id ?? null,
    entryId: posted.entryId,
    userId: ctx.actor.userId,
  });
  await latePaymentRepo.insertTawidhPayments(
    o.tx,
    ctx.organizationId,
    tawidh.parts.map((x) => ({ itemId: x.itemId, amountRupiah: x.owedRupiah })),
    { loanId, paidOn: input.paidOn, repaymentId, entryId: posted.entryId },
  );
  await auditLoan(o, 'loan.repaid', loanId, {
    amount: input.amountRupiah.toString(),
    penalty: p.penalty.toString(),
    interest: p.interest.toString(),
    principal: p.principal.toString(),
    ...(tawidh.total > 0n ? { tawidh: tawidh.total.toString() } : {}),
  });
  return {
    repaymentId: repaymentId.toString(),
    entryId: posted.entryId.toString(),
    penaltyRupiah: p.penalty.toString(),
    interestRupiah: p.interest.toString(),
    principalRupiah: p.principal.toString(),
    tawidhRupiah: tawidh.total.toString(),
  };
}

/**
 * The ta'widh part of a repayment over the loan's charged items (src/domain/sharia/late-payment.ts,
 * allocateTawidh): only a KSPPS's, never more than is owed.
 */
async function tawidhParts(
  o: OrgTx,
  loan: LoanRow,
  sharia: boolean,
  amountRupiah: bigint,
): Promise<{ total: bigint; parts: TawidhOwed[] }> {
  if (amountRupiah === 0n) return { total: 0n, parts: [] };
  if (!sharia) throw new AppError('LOAN_SHARIA_ONLY');
  const owed = await latePaymentRepo.tawidhOwed(o.tx, o.ctx.organizationId, loan.id);
  const a = allocateTawidh(
    amountRupiah,
    owed.map((x) => ({ itemId: x.item_id, owedRupiah: x.owed_rupiah })),
  );
  if (!a.ok) throw new AppError('LOAN_TAWIDH_EXCEEDS_OWED', { owed: a.owedRupiah });
  return { total: amountRupiah, parts: a.parts };
}

/** Updates the loan's maintained figures after money came in; closes it when nothing is owed. */
async function finishReceipt(
  o: OrgTx,
  loan: LoanRow,
  p: Parts,
  accruedUsed: bigint,
  onTime: number,
  paidOn: string,
  closeAll: boolean,
) {
  const coop = o.ctx.organizationId;
  await receiptsRepo.reduceLoanFigures(o.tx, coop, loan.id, {
    principal: p.principal,
    interest: p.interest,
    penalty: p.penalty,
    accruedUsed,
    onTimeInstalments: onTime,
    closeAll,
  });
  await loansRepo.refreshOldestUnpaid(o.tx, coop, loan.id);
  await receiptsRepo.closeIfSettled(o.tx, coop, loan.id, paidOn);
}

/** What early payoff costs today under the product's rule. */
export function payoffQuote(
  loan: LoanRow,
  rule: { early_payoff_rule: string; early_payoff_months: number; early_payoff_bps: number },
  rows: ScheduleRow[],
  on: string,
  discountRupiah: bigint,
) {
  const dues = owedDues(rows);
  let notDueCharged = 0;
  const charged: Due[] = dues.map((d) => {
    const due = d.dueOn <= on;
    let chargeInterest = due;
    if (
      !due &&
      rule.early_payoff_rule === 'months_interest' &&
      notDueCharged < rule.early_payoff_months
    ) {
      notDueCharged++;
      chargeInterest = true;
    }
    if (rule.early_payoff_rule === 'remaining_margin' || loan.akad === 'murabahah')
      chargeInterest = true;
    return { ...d, interestRupiah: chargeInterest ? d.interestRupiah : 0n };
  });
  const remainingInterest = dues.reduce((s, d) => s + d.interestRupiah, 0n);
  let interest = charged.reduce((s, d) => s + d.interestRupiah, 0n);
  const penalty = dues.reduce((s, d) => s + d.penaltyRupiah, 0n);
  const principal = dues.reduce((s, d) => s + d.principalRupiah, 0n);
  // muqasah: a discount on the remaining margin, recorded as such, never by editing the contract
  const discount = discountRupiah > interest ? interest : discountRupiah;
  interest -= discount;
  const extra =
    rule.early_payoff_rule === 'percent_penalty'
      ? roundHalfUp(principal * BigInt(rule.early_payoff_bps), 10_000n)
      : 0n;
  return {
    charged,
    parts: {
      penalty,
      interest,
      principal,
      extraIncome: extra,
      discount: loan.akad === 'murabahah' ? remainingInterest - interest : 0n,
    },
    forgoneRupiah: remainingInterest - interest,
    amountRupiah: penalty + interest + principal + extra,
  };
}

export async function earlyPayoffIn(
  o: OrgTx,
  loanId: bigint,
  on: string,
  opts: {
    kind: 'early_payoff' | 'top_up_settlement';
    session: { id: bigint; series: string; branch_id: bigint };
    discountRupiah: bigint;
  },
) {
  const coop = o.ctx.organizationId;
  const loan = await loadLoan(o.tx, coop, loanId, true);
  requireActive(loan);
  const product = await loadProduct(o.tx, coop, loan.product_id);
  const rows = await loansRepo.scheduleOf(o.tx, coop, loanId, loan.schedule_version);
  const q = payoffQuote(loan, product, rows, on, opts.discountRupiah);
  // allocate the charged interest to the rows it belongs to; the discount is never "paid"
  const { parts } = allocatePayment(
    q.parts.penalty + q.charged.reduce((s, d) => s + d.interestRupiah, 0n) + q.parts.principal,
    q.charged,
  );
  const { accruedUsed } = await applyAllocation(o, loan, parts, on, true);
  const { sharia, owed: tawidhOwed, total: tawidh } = await payoffTawidh(o, loanId);
  const p: Parts = { ...q.parts, tawidh };
  const posted = await postEntry(o, {
    entryDate: on,
    description: `Pelunasan dipercepat pinjaman ${loan.loan_number}`,
    source: { type: 'loan.payoff', id: loanId.toString() },
    series: opts.session.series,
    branchId: opts.session.branch_id,
    cashSessionId: opts.session.id,
    lines: receiptLines(
      loan,
      p,
      accruedUsed < p.interest ? accruedUsed : p.interest,
      { role: 'cash' },
      sharia,
    ),
  });
  // accrued interest forgone by the payoff rule is reversed against income
  const accruedLeft =
    loan.accrued_interest_rupiah - (accruedUsed < p.interest ? accruedUsed : p.interest);
  if (accruedLeft > 0n) {
    await postEntry(o, {
      entryDate: on,
      description: `Pembalikan bunga akrual ${loan.loan_number} (pelunasan dipercepat)`,
      source: { type: 'loan.payoff', id: loanId.toString() },
      series: 'PINJ',
      lines: [
        {
          account: { role: rolesOf(loan.akad).income },
          debitRupiah: accruedLeft,
          memberId: loan.member_id,
        },
        {
          account: { role: 'interestReceivable' },
          creditRupiah: accruedLeft,
          memberId: loan.member_id,
        },
      ],
    });
  }
  await finishReceipt(
    o,
    { ...loan, accrued_interest_rupiah: loan.accrued_interest_rupiah },
    p,
    loan.accrued_interest_rupiah,
    0,
    on,
    true,
  );
  const repaymentId = await receiptsRepo.insertRepayment(o.tx, coop, {
    loanId,
    paidOn: on,
    kind: opts.kind,
    channel: opts.kind === 'early_payoff' ? 'cash' : 'disbursement',
    amountRupiah: q.amountRupiah + tawidh,
    penaltyRupiah: p.penalty,
    interestRupiah: p.interest + p.extraIncome,
    principalRupiah: p.principal,
    discountRupiah: q.forgoneRupiah,
    cashSessionId: opts.session.id,
    entryId: posted.entryId,
    userId: o.ctx.actor.userId,
  });
  await latePaymentRepo.insertTawidhPayments(
    o.tx,
    coop,
    tawidhOwed.map((x) => ({ itemId: x.item_id, amountRupiah: x.owed_rupiah })),
    { loanId, paidOn: on, repaymentId, entryId: posted.entryId },
  );
  await auditLoan(o, 'loan.paid-off', loanId, {
    amount: (q.amountRupiah + tawidh).toString(),
    forgone: q.forgoneRupiah.toString(),
    kind: opts.kind,
    ...(tawidh > 0n ? { tawidh: tawidh.toString() } : {}),
  });
  return {
    amountRupiah: q.amountRupiah + tawidh,
    entryId: posted.entryId,
    forgoneRupiah: q.forgoneRupiah,
  };
}

/**
 * A KSPPS's charged ta'widh still owed on the loan: settled with the early payoff (the loan closes
 * with it), so the quote includes it.
 */
async function payoffTawidh(o: OrgTx, loanId: bigint) {
  const sharia = await isShariaCooperative(o.tx, o.ctx.organizationId);
  const owed = sharia ? await latePaymentRepo.tawidhOwed(o.tx, o.ctx.organizationId, loanId) : [];
  return { sharia, owed, total: owed.reduce((s, x) => s + x.owed_rupiah, 0n) };
}

export async function quotePayoff(
  deps: Deps,
  ctx: OrgContext,
  loanId: bigint,
  on: string,
  discountRupiah = 0n,
) {
  return inOrg(deps, ctx, async (o) => {
    const loan = await loadLoan(o.tx, ctx.organizationId, loanId, false);
    requireActive(loan);
    const product = await loadProduct(o.tx, ctx.organizationId, loan.product_id);
    const q = payoffQuote(
      loan,
      product,
      await loansRepo.scheduleOf(o.tx, ctx.organizationId, loanId, loan.schedule_version),
      on,
      discountRupiah,
    );
    const tawidh = (await payoffTawidh(o, loanId)).total;
    return {
      amountRupiah: (q.amountRupiah + tawidh).toString(),
      penaltyRupiah: q.parts.penalty.toString(),
      interestRupiah: (q.parts.interest + q.parts.extraIncome).toString(),
      principalRupiah: q.parts.principal.toString(),
      forgoneRupiah: q.forgoneRupiah.toString(),
      tawidhRupiah: tawidh.toString(),
    };
  });
}

/**
 * An operation on a loan with cash at the counter: one transaction (idempotent with a key)
 * through the teller's own open session, answered 201.
 */
export function counterOperation<I extends { cashSessionId: bigint }, T extends JsonValue>(
  fn: (o: OrgTx, session: CounterSession, loanId: bigint, input: I) => Promise<T>,
) {
  return (deps: Deps, ctx: OrgContext, loanId: bigint, input: I, idem?: Idempotency) =>
    inOrgOnce(deps, ctx, idem, async (o) => ({
      status: 201,
      body: await fn(o, await requireOwnOpenSession(o, input.cashSessionId), loanId, input),
    }));
}
type CounterSession = Awaited<ReturnType<typeof requireOwnOpenSession>>;

export const earlyPayoff = counterOperation(
  async (
    o,
    session,
    loanId,
    input: { paidOn: string; cashSessionId: bigint; discountRupiah: bigint },
  ) => {
    const r = await earlyPayoffIn(o, loanId, input.paidOn, {
      kind: 'early_payoff',
      session,
      discountRupiah: input.discountRupiah,
    });
    return {
      amountRupiah: r.amountRupiah.toString(),
      entryId: r.entryId.toString(),
      forgoneRupiah: r.forgoneRupiah.toString(),
    };
  },
);
