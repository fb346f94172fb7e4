import { z } from 'zod';
import * as loansRepo from '../../db/loans/loans.repo.js';
import * as receiptsRepo from '../../db/loans/receipts.repo.js';
import * as restructureRepo from '../../db/loans/restructure.repo.js';
import type { JsonValue } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { worstOf } from '../../domain/loans/collectibility.js';
import {
  buildSchedule,
  dueDate,
  periodRate,
  roundHalfUp,
  type Instalment,
} from '../../domain/loans/schedule.js';
import type { PostingLine } from '../../ledger/post.js';
import { registerApprovableAction, requestApproval } from '../approvals.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { postEntry } from '../ledger.js';
import { auditLoan, loadLoan, loadProduct, requireActive, rolesOf, type LoanRow } from './core.js';
import { counterOperation } from './repayment.js';

/**
 * An approvable action on an active loan: registered for the approvals' registry, and the request
 * function that validates the payload, checks the loan (active, and `check`) and stores the request.
 */
function approvableLoanAction<P extends { loanId: string } & JsonValue>(
  name: string,
  payload: z.ZodType<P>,
  summarize: (p: P) => string,
  execute: (o: OrgTx, p: P, approvalId: bigint) => Promise<JsonValue>,
  check: (loan: LoanRow) => void = () => undefined,
) {
  registerApprovableAction({
    name,
    permission: 'loans.manage',
    payload,
    summarize,
    execute: (o, p, _deps, approval) => execute(o, p, approval.id),
  });
  return async (deps: Deps, ctx: OrgContext, p: P) => {
    payload.parse(p);
    return inOrg(deps, ctx, async (o) => {
      const loan = await loadLoan(o.tx, ctx.organizationId, BigInt(p.loanId), false);
      requireActive(loan);
      check(loan);
      return requestApproval(o, name, p);
    });
  };
}

const id = z.string().regex(/^[1-9][0-9]{0,17}$/);
export const restructureSchema = z.object({
  loanId: id,
  kind: z.enum(['reschedule', 'recondition', 'restructure', 'deferral', 'penalty_waiver']),
  effectiveOn: z.iso.date(),
  newTenor: z.number().int().min(1).max(1000).optional(),
  newRatePercent: z
    .string()
    .regex(/^[0-9]{1,3}(\.[0-9]{1,6})?$/)
    .optional(),
  deferralPeriods: z.number().int().min(1).max(24).optional(),
  capitalisePenalty: z.boolean().optional(),
  reason: z.string().trim().min(3).max(500),
});
export type RestructurePayload = z.infer<typeof restructureSchema>;

/** Restructuring needs a second pair of eyes: the request is stored and runs on approval. */
export const requestRestructure = approvableLoanAction(
  'loans.restructure',
  restructureSchema,
  (p) => `Restrukturisasi (${p.kind}) pinjaman #${p.loanId} per ${p.effectiveOn}: ${p.reason}`,
  (o, p, approvalId) => executeRestructure(o, p, approvalId),
);

async function executeRestructure(
  o: OrgTx,
  p: RestructurePayload,
  approvalId: bigint,
): Promise<JsonValue> {
  const coop = o.ctx.organizationId;
  const loanId = BigInt(p.loanId);
  const loan = await loadLoan(o.tx, coop, loanId, true);
  requireActive(loan);
  const product = await loadProduct(o.tx, coop, loan.product_id);
  const rows = await loansRepo.scheduleOf(o.tx, coop, loanId, loan.schedule_version);
  const unpaid = rows.filter((r) => r.paid_on === null);
  const arrearsInterest = unpaid
    .filter((r) => r.due_on <= p.effectiveOn)
    .reduce((s, r) => s + r.interest_rupiah - r.paid_interest_rupiah, 0n);
  const futureInterest = unpaid
    .filter((r) => r.due_on > p.effectiveOn)
    .reduce((s, r) => s + r.interest_rupiah - r.paid_interest_rupiah, 0n);
  const penaltyOpen = unpaid.reduce((s, r) => s + r.penalty_rupiah - r.paid_penalty_rupiah, 0n);
  const invalid = (reason: string) => new AppError('LOAN_RESTRUCTURE_INVALID', { reason });

  if (p.kind === 'penalty_waiver') {
    // penalties are recognised when collected, so waiving them posts nothing
    await restructureRepo.waivePenalties(o.tx, coop, loanId, loan.schedule_version, p.effectiveOn);
    await loansRepo.refreshOldestUnpaid(o.tx, coop, loanId);
    await recordRestructuring(o, loanId, p, loan.schedule_version, null, null, approvalId);
    return { loanId: p.loanId, kind: p.kind, waivedPenaltyRupiah: penaltyOpen.toString() };
  }

  const sharia = loan.akad !== 'conventional';
  if (sharia && (p.kind === 'recondition' || p.kind === 'restructure'))
    throw invalid('the agreed margin of a sharia contract never changes');
  const remainingCount = unpaid.filter((r) => r.due_on > p.effectiveOn).length;
  const tenor = p.newTenor ?? Math.max(remainingCount, 1);
  const ratePercent =
    p.kind === 'recondition' ? (p.newRatePercent ?? loan.rate_percent) : loan.rate_percent;
  if (p.kind === 'recondition' && p.newRatePercent === undefined)
    throw invalid('newRatePercent is required');
  if (p.kind === 'deferral' && p.deferralPeriods === undefined)
    throw invalid('deferralPeriods is required');

  let principal = loan.outstanding_principal_rupiah;
  let capitalised = 0n;
  if (p.kind === 'restructure') {
    capitalised = arrearsInterest + (p.capitalisePenalty ? penaltyOpen : 0n);
    principal += capitalised;
  }
  if (principal <= 0n) throw invalid('nothing outstanding');
  const deferral = p.kind === 'deferral' ? (p.deferralPeriods ?? 0) : 0;
  const start = deferral > 0 ? dueDate(p.effectiveOn, loan.frequency, deferral) : p.effectiveOn;
  let schedule: Instalment[] = buildSchedule({
    method: loan.method,
    principalRupiah: principal,
    ratePercent,
    ratePeriod: loan.rate_period,
    frequency: loan.frequency,
    tenor,
    gracePrincipalPeriods: 0,
    startDate: start,
  });
  if (sharia) {
    // same remaining margin spread over the new instalments (the margin total never changes)
    const total = arrearsInterest + futureInterest;
    const each = total / BigInt(schedule.length);
    schedule = schedule.map((r, i) => ({
      ...r,
      interestRupiah: i === schedule.length - 1 ? total - each * BigInt(schedule.length - 1) : each,
    }));
  }
  if (deferral > 0) {
    const r = periodRate(ratePercent, loan.rate_period, loan.frequency);
    const periodInterest = sharia ? 0n : roundHalfUp(principal * r.num, r.den);
    const holiday: Instalment[] = Array.from({ length: deferral }, (_, i) => ({
      instalmentNo: i + 1,
      dueOn: dueDate(p.effectiveOn, loan.frequency, i + 1),
      principalRupiah: 0n,
      interestRupiah: product.deferral_interest_rule === 'paid' ? periodInterest : 0n,
    }));
    const spread =
      product.deferral_interest_rule === 'accrue_spread' ? periodInterest * BigInt(deferral) : 0n;
    const each = spread / BigInt(schedule.length);
    schedule = [
      ...holiday,
      ...schedule.map((row, i) => ({
        ...row,
        instalmentNo: deferral + i + 1,
        interestRupiah:
          row.interestRupiah +
          (i === schedule.length - 1 ? spread - each * BigInt(schedule.length - 1) : each),
      })),
    ];
  }
  // arrears not capitalised stay owed: they fall due on the new schedule's first instalment
  const first = schedule[0];
  if (first && !sharia && p.kind !== 'restructure') first.interestRupiah += arrearsInterest;
  const newVersion = loan.schedule_version + 1;
  await loansRepo.insertScheduleVersion(o.tx, coop, {
    loanId,
    version: newVersion,
    reason: p.kind,
    effectiveOn: p.effectiveOn,
    params: p,
    userId: o.ctx.actor.userId,
  });
  await loansRepo.insertSchedule(o.tx, coop, loanId, newVersion, schedule);
  if (penaltyOpen > 0n && p.kind !== 'restructure' && first) {
    await restructureRepo.setFirstInstalmentPenalty(o.tx, coop, loanId, newVersion, penaltyOpen);
  }
  let entryId: bigint | null = null;
  if (capitalised > 0n) {
    // capitalised arrears: the receivable grows; accrued interest leaves interestReceivable and
    // the rest is recognised now (it is now principal the member owes)
    const accruedUsed =
      loan.accrued_interest_rupiah < arrearsInterest
        ? loan.accrued_interest_rupiah
        : arrearsInterest;
    const m = { memberId: loan.member_id, branchId: loan.branch_id };
    const lines: PostingLine[] = [
      { account: { role: 'loansMembers' }, debitRupiah: capitalised, ...m },
    ];
    if (accruedUsed > 0n)
      lines.push({ account: { role: 'interestReceivable' }, creditRupiah: accruedUsed, ...m });
    if (arrearsInterest - accruedUsed > 0n)
      lines.push({
        account: { role: rolesOf(loan.akad).income },
        creditRupiah: arrearsInterest - accruedUsed,
        ...m,
      });
    if (p.capitalisePenalty && penaltyOpen > 0n)
      lines.push({ account: { role: 'penaltyIncome' }, creditRupiah: penaltyOpen, ...m });
    const posted = await postEntry(o, {
      entryDate: p.effectiveOn,
      description: `Restrukturisasi pinjaman ${loan.loan_number}: kapitalisasi tunggakan`,
      source: { type: 'loan.restructure', id: loanId.toString() },
      series: 'PINJ',
      lines,
    });
    entryId = posted.entryId;
    await restructureRepo.setCapitalised(
      o.tx,
      coop,
      loanId,
      accruedUsed,
      p.capitalisePenalty ? 0n : penaltyOpen,
    );
  }
  const newInterest = schedule.reduce((s, r) => s + r.interestRupiah, 0n);
  await restructureRepo.switchSchedule(o.tx, coop, loanId, {
    version: newVersion,
    principalRupiah: principal,
    interestRupiah: newInterest,
    ratePercent,
    tenor: schedule.length,
    maturityOn: schedule[schedule.length - 1]?.dueOn ?? p.effectiveOn,
    probationInstalments: product.restructure_probation_instalments,
  });
  await loansRepo.refreshOldestUnpaid(o.tx, coop, loanId);
  await recordRestructuring(o, loanId, p, loan.schedule_version, newVersion, entryId, approvalId);
  return {
    loanId: p.loanId,
    kind: p.kind,
    scheduleVersion: newVersion,
    capitalisedRupiah: capitalised.toString(),
  };
}

async function recordRestructuring(
  o: OrgTx,
  loanId: bigint,
  p: RestructurePayload,
  from: number,
  to: number | null,
  entryId: bigint | null,
  approvalId: bigint,
) {
  await restructureRepo.insertRestructuring(o.tx, o.ctx.organizationId, {
    loanId,
    kind: p.kind,
    from,
    to,
    params: p,
    effectiveOn: p.effectiveOn,
    entryId,
    approvalId,
  });
  await auditLoan(o, `loan.${p.kind}`, loanId, {
    fromVersion: from,
    toVersion: to,
    reason: p.reason,
  });
}

// Write-off and recovery -----------------------------------------------------------------------

export const writeOffSchema = z.object({
  loanId: id,
  writtenOffOn: z.iso.date(),
  reason: z.string().trim().min(3).max(500),
});
export type WriteOffPayload = z.infer<typeof writeOffSchema>;

export const requestWriteOff = approvableLoanAction(
  'loans.write-off',
  writeOffSchema,
  (p) => `Hapus buku pinjaman #${p.loanId} per ${p.writtenOffOn}: ${p.reason}`,
  (o, p, approvalId) => executeWriteOff(o, p, approvalId),
  (loan) => {
    if (loan.collectibility !== 'M') throw new AppError('LOAN_NOT_MACET');
  },
);

/** PPAP formed so far: the credit balance of the allowance account. */
export async function ppapBalance(o: OrgTx): Promise<bigint> {
  return restructureRepo.ppapFormed(o.tx, o.ctx.organizationId);
}

/**
 * Hapus buku: the outstanding leaves the balance sheet against PPAP (any shortfall is expensed),
 * accrued interest is reversed, unearned margin cleared; the claim stays (hapus buku ≠ hapus tagih).
 */
async function executeWriteOff(o: OrgTx, p: WriteOffPayload, approvalId: bigint) {
  const coop = o.ctx.organizationId;
  const loanId = BigInt(p.loanId);
  const loan = await loadLoan(o.tx, coop, loanId, true);
  requireActive(loan);
  if (loan.collectibility !== 'M') throw new AppError('LOAN_NOT_MACET');
  const P = loan.outstanding_principal_rupiah;
  const ppap = await ppapBalance(o);
  const fromPpap = ppap <= 0n ? 0n : ppap < P ? ppap : P;
  const m = { memberId: loan.member_id, branchId: loan.branch_id };
  const roles = rolesOf(loan.akad);
  const lines: PostingLine[] = [];
  if (fromPpap > 0n) lines.push({ account: { role: 'ppap' }, debitRupiah: fromPpap, ...m });
  if (P - fromPpap > 0n)
    lines.push({ account: { role: 'provisionExpense' }, debitRupiah: P - fromPpap, ...m });
  if (loan.akad === 'murabahah') {
    if (loan.outstanding_interest_rupiah > 0n)
      lines.push({
        account: { role: 'deferredMargin' },
        debitRupiah: loan.outstanding_interest_rupiah,
        ...m,
      });
    lines.push({
      account: { role: 'murabahahReceivable' },
      creditRupiah: P + loan.outstanding_interest_rupiah,
      ...m,
    });
  } else {
    lines.push({ account: { role: roles.principal }, creditRupiah: P, ...m });
    if (loan.accrued_interest_rupiah > 0n) {
      lines.push({
        account: { role: roles.income },
        debitRupiah: loan.accrued_interest_rupiah,
        ...m,
      });
      lines.push({
        account: { role: 'interestReceivable' },
        creditRupiah: loan.accrued_interest_rupiah,
        ...m,
      });
    }
  }
  const posted = await postEntry(o, {
    entryDate: p.writtenOffOn,
    description: `Hapus buku pinjaman ${loan.loan_number}`,
    source: { type: 'loan.write-off', id: loanId.toString() },
    series: 'PINJ',
    lines,
  });
  const claim = P + loan.outstanding_interest_rupiah + loan.penalty_due_rupiah;
  await restructureRepo.writeOff(o.tx, coop, {
    loanId,
    on: p.writtenOffOn,
    principalRupiah: P,
    accruedInterestRupiah: loan.accrued_interest_rupiah,
    claimRupiah: claim,
    reason: p.reason,
    entryId: posted.entryId,
    approvalId,
  });
  await auditLoan(o, 'loan.written-off', loanId, {
    principal: P.toString(),
    claim: claim.toString(),
    reason: p.reason,
  });
  return {
    loanId: p.loanId,
    entryId: posted.entryId.toString(),
    principalRupiah: P.toString(),
    claimRupiah: claim.toString(),
  };
}

/** A recovery on a written-off loan, received at the counter, is income. */
export const recover = counterOperation(
  async (
    o,
    session,
    loanId,
    input: { amountRupiah: bigint; receivedOn: string; cashSessionId: bigint },
  ) => {
    const coop = o.ctx.organizationId;
    const loan = await loadLoan(o.tx, coop, loanId, true);
    const wo = await restructureRepo.lockWriteOff(o.tx, coop, loanId);
    if (!wo || loan.status !== 'written_off') throw new AppError('LOAN_NOT_WRITTEN_OFF');
    const remaining = wo.claim_rupiah - wo.recovered_rupiah;
    if (input.amountRupiah > remaining)
      throw new AppError('LOAN_RECOVERY_EXCEEDS_CLAIM', { remaining });
    const m = { memberId: loan.member_id, branchId: loan.branch_id };
    const posted = await postEntry(o, {
      entryDate: input.receivedOn,
      description: `Penerimaan pinjaman yang telah dihapusbukukan ${loan.loan_number}`,
      source: { type: 'loan.recovery', id: loanId.toString() },
      series: session.series,
      branchId: session.branch_id,
      cashSessionId: session.id,
      lines: [
        { account: { role: 'cash' }, debitRupiah: input.amountRupiah, ...m },
        { account: { role: 'recoveryIncome' }, creditRupiah: input.amountRupiah, ...m },
      ],
    });
    await restructureRepo.addRecovered(o.tx, coop, loanId, input.amountRupiah);
    await receiptsRepo.insertRepayment(o.tx, coop, {
      loanId,
      paidOn: input.receivedOn,
      kind: 'recovery',
      channel: 'cash',
      amountRupiah: input.amountRupiah,
      penaltyRupiah: 0n,
      interestRupiah: 0n,
      principalRupiah: 0n,
      discountRupiah: 0n,
      cashSessionId: session.id,
      entryId: posted.entryId,
      userId: o.ctx.actor.userId,
    });
    await auditLoan(o, 'loan.recovered', loanId, { amount: input.amountRupiah.toString() });
    return {
      entryId: posted.entryId.toString(),
      remainingClaimRupiah: (remaining - input.amountRupiah).toString(),
    };
  },
);

/** An officer's manual downgrade (never an automatic upgrade past it), audited with its reason. */
export async function setManualCollectibility(
  deps: Deps,
  ctx: OrgContext,
  loanId: bigint,
  cls: 'KL' | 'D' | 'M' | null,
  reason: string,
) {
  return inOrg(deps, ctx, async (o) => {
    const loan = await loadLoan(o.tx, ctx.organizationId, loanId, true);
    requireActive(loan);
    // a manual class only ever makes the loan worse now; the month-end keeps it as a floor
    const collectibility = worstOf(loan.collectibility, cls);
    await loansRepo.setManualCollectibility(
      o.tx,
      ctx.organizationId,
      loanId,
      cls,
      reason,
      collectibility,
    );
    await o.audit({
      action: 'loan.collectibility-set',
      entityType: 'loan',
      entityId: loanId,
      before: { class: loan.collectibility },
      after: { manual: cls, reason },
    });
  });
}
