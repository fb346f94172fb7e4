import { sql } from 'kysely';
import { z } from 'zod';
import type { JsonValue } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { PostingLine } from '../../ledger/post.js';
import { registerApprovableAction, requestApproval } from '../approvals.js';
import { requireOwnOpenSession } from '../cashdesk.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { inOrgOnce, type Idempotency } from '../idempotency.js';
import { postEntry } from '../ledger.js';
import { auditLoan, insertSchedule, loadLoan, loadProduct, refreshOldestUnpaid, requireActive, rolesOf, scheduleOf } from './core.js';
import { buildSchedule, dueDate, periodRate, roundHalfUp, type Instalment } from './terms.js';

const id = z.string().regex(/^[1-9][0-9]{0,17}$/);
export const restructureSchema = z.object({
  loanId: id,
  kind: z.enum(['reschedule', 'recondition', 'restructure', 'deferral', 'penalty_waiver']),
  effectiveOn: z.iso.date(),
  newTenor: z.number().int().min(1).max(1000).optional(),
  newRatePercent: z.string().regex(/^[0-9]{1,3}(\.[0-9]{1,6})?$/).optional(),
  deferralPeriods: z.number().int().min(1).max(24).optional(),
  capitalisePenalty: z.boolean().optional(),
  reason: z.string().trim().min(3).max(500),
});
export type RestructurePayload = z.infer<typeof restructureSchema>;

registerApprovableAction({
  name: 'loans.restructure',
  permission: 'loans.manage',
  payload: restructureSchema,
  summarize: (p) => `Restrukturisasi (${p.kind}) pinjaman #${p.loanId} per ${p.effectiveOn}: ${p.reason}`,
  execute: async (o, p, _deps, approval) => executeRestructure(o, p, approval.id),
});

/** Restructuring needs a second pair of eyes: the request is stored and runs on approval. */
export async function requestRestructure(deps: Deps, ctx: OrgContext, payload: RestructurePayload) {
  restructureSchema.parse(payload);
  return inOrg(deps, ctx, async (o) => {
    const loan = await loadLoan(o.tx, ctx.organizationId, BigInt(payload.loanId), false);
    requireActive(loan);
    return requestApproval(o, 'loans.restructure', payload);
  });
}

async function executeRestructure(o: OrgTx, p: RestructurePayload, approvalId: bigint): Promise<JsonValue> {
  const coop = o.ctx.organizationId;
  const loanId = BigInt(p.loanId);
  const loan = await loadLoan(o.tx, coop, loanId, true);
  requireActive(loan);
  const product = await loadProduct(o.tx, coop, loan.product_id);
  const rows = await scheduleOf(o.tx, coop, loanId, loan.schedule_version);
  const unpaid = rows.filter((r) => r.paid_on === null);
  const arrearsInterest = unpaid.filter((r) => r.due_on <= p.effectiveOn).reduce((s, r) => s + r.interest_rupiah - r.paid_interest_rupiah, 0n);
  const futureInterest = unpaid.filter((r) => r.due_on > p.effectiveOn).reduce((s, r) => s + r.interest_rupiah - r.paid_interest_rupiah, 0n);
  const penaltyOpen = unpaid.reduce((s, r) => s + r.penalty_rupiah - r.paid_penalty_rupiah, 0n);
  const invalid = (reason: string) => new AppError('LOAN_RESTRUCTURE_INVALID', { reason });

  if (p.kind === 'penalty_waiver') {
    // penalties are recognised when collected, so waiving them posts nothing
    await sql`update loan_schedules set penalty_rupiah = paid_penalty_rupiah
              where cooperative_id = ${coop} and loan_id = ${loanId} and schedule_version = ${loan.schedule_version} and paid_on is null`.execute(o.tx);
    await sql`update loans set penalty_due_rupiah = 0 where cooperative_id = ${coop} and id = ${loanId}`.execute(o.tx);
    await sql`update loan_schedules set paid_on = ${p.effectiveOn}::date
              where cooperative_id = ${coop} and loan_id = ${loanId} and schedule_version = ${loan.schedule_version} and paid_on is null
                and paid_principal_rupiah = principal_rupiah and paid_interest_rupiah = interest_rupiah`.execute(o.tx);
    await refreshOldestUnpaid(o.tx, coop, loanId);
    await recordRestructuring(o, loanId, p, loan.schedule_version, null, null, approvalId);
    return { loanId: p.loanId, kind: p.kind, waivedPenaltyRupiah: penaltyOpen.toString() };
  }

  const sharia = loan.akad !== 'conventional';
  if (sharia && (p.kind === 'recondition' || p.kind === 'restructure'))
    throw invalid('the agreed margin of a sharia contract never changes');
  const remainingCount = unpaid.filter((r) => r.due_on > p.effectiveOn).length;
  const tenor = p.newTenor ?? Math.max(remainingCount, 1);
  const ratePercent = p.kind === 'recondition' ? (p.newRatePercent ?? loan.rate_percent) : loan.rate_percent;
  if (p.kind === 'recondition' && p.newRatePercent === undefined) throw invalid('newRatePercent is required');
  if (p.kind === 'deferral' && p.deferralPeriods === undefined) throw invalid('deferralPeriods is required');

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
    schedule = schedule.map((r, i) => ({ ...r, interestRupiah: i === schedule.length - 1 ? total - each * BigInt(schedule.length - 1) : each }));
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
    const spread = product.deferral_interest_rule === 'accrue_spread' ? periodInterest * BigInt(deferral) : 0n;
    const each = spread / BigInt(schedule.length);
    schedule = [
      ...holiday,
      ...schedule.map((row, i) => ({
        ...row,
        instalmentNo: deferral + i + 1,
        interestRupiah: row.interestRupiah + (i === schedule.length - 1 ? spread - each * BigInt(schedule.length - 1) : each),
      })),
    ];
  }
  // arrears not capitalised stay owed: they fall due on the new schedule's first instalment
  const first = schedule[0];
  if (first && !sharia && p.kind !== 'restructure') first.interestRupiah += arrearsInterest;
  const newVersion = loan.schedule_version + 1;
  await sql`insert into loan_schedule_versions (cooperative_id, loan_id, schedule_version, reason, effective_on, params, created_by)
            values (${coop}, ${loanId}, ${newVersion}, ${p.kind}, ${p.effectiveOn}::date, ${JSON.stringify(p)}::jsonb, ${o.ctx.actor.userId})`.execute(o.tx);
  await insertSchedule(o.tx, coop, loanId, newVersion, schedule);
  if (penaltyOpen > 0n && p.kind !== 'restructure' && first) {
    await sql`update loan_schedules set penalty_rupiah = ${penaltyOpen}
              where cooperative_id = ${coop} and loan_id = ${loanId} and schedule_version = ${newVersion} and instalment_no = 1`.execute(o.tx);
  }
  let entryId: bigint | null = null;
  if (capitalised > 0n) {
    // capitalised arrears: the receivable grows; accrued interest leaves interestReceivable and
    // the rest is recognised now (it is now principal the member owes)
    const accruedUsed = loan.accrued_interest_rupiah < arrearsInterest ? loan.accrued_interest_rupiah : arrearsInterest;
    const m = { memberId: loan.member_id, branchId: loan.branch_id };
    const lines: PostingLine[] = [{ account: { role: 'loansMembers' }, debitRupiah: capitalised, ...m }];
    if (accruedUsed > 0n) lines.push({ account: { role: 'interestReceivable' }, creditRupiah: accruedUsed, ...m });
    if (arrearsInterest - accruedUsed > 0n) lines.push({ account: { role: rolesOf(loan.akad).income }, creditRupiah: arrearsInterest - accruedUsed, ...m });
    if (p.capitalisePenalty && penaltyOpen > 0n) lines.push({ account: { role: 'penaltyIncome' }, creditRupiah: penaltyOpen, ...m });
    const posted = await postEntry(o, {
      entryDate: p.effectiveOn,
      description: `Restrukturisasi pinjaman ${loan.loan_number}: kapitalisasi tunggakan`,
      source: { type: 'loan.restructure', id: loanId.toString() },
      series: 'PINJ',
      lines,
    });
    entryId = posted.entryId;
    await sql`update loans set accrued_interest_rupiah = accrued_interest_rupiah - ${accruedUsed}, penalty_due_rupiah = ${p.capitalisePenalty ? 0n : penaltyOpen}
              where cooperative_id = ${coop} and id = ${loanId}`.execute(o.tx);
  }
  const newInterest = schedule.reduce((s, r) => s + r.interestRupiah, 0n);
  await sql`
    update loans set schedule_version = ${newVersion}, outstanding_principal_rupiah = ${principal}, outstanding_interest_rupiah = ${newInterest},
      rate_percent = ${ratePercent}::numeric, tenor = ${schedule.length}, maturity_on = ${schedule[schedule.length - 1]?.dueOn ?? p.effectiveOn}::date,
      restructured_floor = collectibility, probation_remaining = ${product.restructure_probation_instalments},
      restructure_count = restructure_count + 1
    where cooperative_id = ${coop} and id = ${loanId}`.execute(o.tx);
  await refreshOldestUnpaid(o.tx, coop, loanId);
  await recordRestructuring(o, loanId, p, loan.schedule_version, newVersion, entryId, approvalId);
  return { loanId: p.loanId, kind: p.kind, scheduleVersion: newVersion, capitalisedRupiah: capitalised.toString() };
}

async function recordRestructuring(o: OrgTx, loanId: bigint, p: RestructurePayload, from: number, to: number | null, entryId: bigint | null, approvalId: bigint) {
  await sql`insert into loan_restructurings (cooperative_id, loan_id, kind, from_version, to_version, params, effective_on, entry_id, approval_id)
            values (${o.ctx.organizationId}, ${loanId}, ${p.kind}, ${from}, ${to}, ${JSON.stringify(p)}::jsonb, ${p.effectiveOn}::date, ${entryId}, ${approvalId})`.execute(o.tx);
  await auditLoan(o, `loan.${p.kind}`, loanId, { fromVersion: from, toVersion: to, reason: p.reason });
}

// Write-off and recovery -----------------------------------------------------------------------

export const writeOffSchema = z.object({ loanId: id, writtenOffOn: z.iso.date(), reason: z.string().trim().min(3).max(500) });
export type WriteOffPayload = z.infer<typeof writeOffSchema>;

registerApprovableAction({
  name: 'loans.write-off',
  permission: 'loans.manage',
  payload: writeOffSchema,
  summarize: (p) => `Hapus buku pinjaman #${p.loanId} per ${p.writtenOffOn}: ${p.reason}`,
  execute: async (o, p, _deps, approval) => executeWriteOff(o, p, approval.id),
});

export async function requestWriteOff(deps: Deps, ctx: OrgContext, payload: WriteOffPayload) {
  writeOffSchema.parse(payload);
  return inOrg(deps, ctx, async (o) => {
    const loan = await loadLoan(o.tx, ctx.organizationId, BigInt(payload.loanId), false);
    requireActive(loan);
    if (loan.collectibility !== 'M') throw new AppError('LOAN_NOT_MACET');
    return requestApproval(o, 'loans.write-off', payload);
  });
}

/** PPAP formed so far: the credit balance of the allowance account. */
export async function ppapBalance(o: OrgTx): Promise<bigint> {
  const r = await sql<{ v: bigint }>`
    select coalesce(sum(b.credit_rupiah - b.debit_rupiah), 0)::bigint as v from account_balances b
    join accounts a on a.cooperative_id = b.cooperative_id and a.id = b.account_id and a.role = 'ppap'
    where b.cooperative_id = ${o.ctx.organizationId}`.execute(o.tx);
  return r.rows[0]?.v ?? 0n;
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
  if (P - fromPpap > 0n) lines.push({ account: { role: 'provisionExpense' }, debitRupiah: P - fromPpap, ...m });
  if (loan.akad === 'murabahah') {
    if (loan.outstanding_interest_rupiah > 0n) lines.push({ account: { role: 'deferredMargin' }, debitRupiah: loan.outstanding_interest_rupiah, ...m });
    lines.push({ account: { role: 'murabahahReceivable' }, creditRupiah: P + loan.outstanding_interest_rupiah, ...m });
  } else {
    lines.push({ account: { role: roles.principal }, creditRupiah: P, ...m });
    if (loan.accrued_interest_rupiah > 0n) {
      lines.push({ account: { role: roles.income }, debitRupiah: loan.accrued_interest_rupiah, ...m });
      lines.push({ account: { role: 'interestReceivable' }, creditRupiah: loan.accrued_interest_rupiah, ...m });
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
  await sql`insert into loan_write_offs (cooperative_id, loan_id, written_off_on, principal_rupiah, accrued_interest_rupiah, claim_rupiah, reason, entry_id, approval_id)
            values (${coop}, ${loanId}, ${p.writtenOffOn}::date, ${P}, ${loan.accrued_interest_rupiah}, ${claim}, ${p.reason}, ${posted.entryId}, ${approvalId})`.execute(o.tx);
  // penalties stop on write-off; the schedule stays as it was (memorandum of the claim)
  await sql`update loans set status = 'written_off', outstanding_principal_rupiah = 0, accrued_interest_rupiah = 0, closed_on = ${p.writtenOffOn}::date
            where cooperative_id = ${coop} and id = ${loanId}`.execute(o.tx);
  await auditLoan(o, 'loan.written-off', loanId, { principal: P.toString(), claim: claim.toString(), reason: p.reason });
  return { loanId: p.loanId, entryId: posted.entryId.toString(), principalRupiah: P.toString(), claimRupiah: claim.toString() };
}

/** A recovery on a written-off loan, received at the counter, is income. */
export async function recover(
  deps: Deps,
  ctx: OrgContext,
  loanId: bigint,
  input: { amountRupiah: bigint; receivedOn: string; cashSessionId: bigint },
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    const session = await requireOwnOpenSession(o, input.cashSessionId);
    const loan = await loadLoan(o.tx, coop, loanId, true);
    const w = await sql<{ claim_rupiah: bigint; recovered_rupiah: bigint }>`
      select claim_rupiah, recovered_rupiah from loan_write_offs where cooperative_id = ${coop} and loan_id = ${loanId} for update`.execute(o.tx);
    const wo = w.rows[0];
    if (!wo || loan.status !== 'written_off') throw new AppError('LOAN_NOT_WRITTEN_OFF');
    const remaining = wo.claim_rupiah - wo.recovered_rupiah;
    if (input.amountRupiah > remaining) throw new AppError('LOAN_RECOVERY_EXCEEDS_CLAIM', { remaining });
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
    await sql`update loan_write_offs set recovered_rupiah = recovered_rupiah + ${input.amountRupiah} where cooperative_id = ${coop} and loan_id = ${loanId}`.execute(o.tx);
    await sql`insert into loan_repayments (cooperative_id, loan_id, paid_on, kind, channel, amount_rupiah, cash_session_id, entry_id, created_by)
              values (${coop}, ${loanId}, ${input.receivedOn}::date, 'recovery', 'cash', ${input.amountRupiah}, ${session.id}, ${posted.entryId}, ${ctx.actor.userId})`.execute(o.tx);
    await auditLoan(o, 'loan.recovered', loanId, { amount: input.amountRupiah.toString() });
    return { status: 201, body: { entryId: posted.entryId.toString(), remainingClaimRupiah: (remaining - input.amountRupiah).toString() } };
  });
}

/** An officer's manual downgrade (never an automatic upgrade past it), audited with its reason. */
export async function setManualCollectibility(deps: Deps, ctx: OrgContext, loanId: bigint, cls: 'KL' | 'D' | 'M' | null, reason: string) {
  return inOrg(deps, ctx, async (o) => {
    const loan = await loadLoan(o.tx, ctx.organizationId, loanId, true);
    requireActive(loan);
    await sql`update loans set manual_collectibility = ${cls}, manual_collectibility_reason = ${reason},
                collectibility = case when ${cls}::text is not null and array_position(array['L','KL','D','M'], ${cls}::text) > array_position(array['L','KL','D','M'], collectibility)
                                      then ${cls}::text else collectibility end
              where cooperative_id = ${ctx.organizationId} and id = ${loanId}`.execute(o.tx);
    await o.audit({ action: 'loan.collectibility-set', entityType: 'loan', entityId: loanId, before: { class: loan.collectibility }, after: { manual: cls, reason } });
  });
}
