import { sql } from 'kysely';
import { z } from 'zod';
import type { JsonValue } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import type { PostingLine } from '../../ledger/post.js';
import { registerApprovableAction, requestApproval } from '../approvals.js';
import { ensureCashAvailable, requireOwnOpenSession } from '../cashdesk.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { inOrgOnce, type Idempotency } from '../idempotency.js';
import { postEntry } from '../ledger.js';
import { checkSukarelaDebit, memberSukarelaAccount, recordLoanMovement } from '../savings.js';
import {
  auditLoan,
  insertSchedule,
  loadLoan,
  loadProduct,
  refreshOldestUnpaid,
  requireActive,
  rolesOf,
  scheduleOf,
  type LoanRow,
  type ScheduleRow,
} from './core.js';
import { checkLimits } from './products.js';
import { allocatePayment, buildSchedule, disbursementFees, roundHalfUp, type Due } from './terms.js';

// Applications ---------------------------------------------------------------------------------

export interface CollateralItem {
  kind: string;
  description: string;
  valueRupiah: bigint;
}
export interface ApplicationInput {
  memberId: bigint;
  productId: bigint;
  amountRupiah: bigint;
  tenor: number;
  purpose: string;
  collateral: CollateralItem[];
  guarantor: { name: string; nik?: string | null; relationship: string; phone?: string | null } | null;
  monthlyIncomeRupiah: bigint;
  monthlyExpensesRupiah: bigint;
  topUpOf?: bigint | null;
  /** surat kuasa debet: instalments are debited from the member's sukarela account when due */
  autoDebit?: boolean;
}

interface ApplicationRow {
  id: bigint;
  member_id: bigint;
  product_id: bigint;
  amount_rupiah: bigint;
  tenor: number;
  purpose: string;
  collateral: JsonValue;
  collateral_value_rupiah: bigint;
  guarantor: JsonValue;
  monthly_income_rupiah: bigint;
  monthly_expenses_rupiah: bigint;
  analysis_notes: string | null;
  recommendation: 'approve' | 'reject' | null;
  top_up_of: bigint | null;
  auto_debit: boolean;
  status: string;
  officer_user_id: string | null;
  approval_id: bigint | null;
  approval_status: string | null;
  created_at: Date;
}

function applicationView(a: ApplicationRow) {
  const status = a.status === 'pending_approval' && a.approval_status === 'rejected' ? 'rejected' : a.status;
  return {
    id: a.id.toString(),
    memberId: a.member_id.toString(),
    productId: a.product_id.toString(),
    amountRupiah: a.amount_rupiah.toString(),
    tenor: a.tenor,
    purpose: a.purpose,
    collateral: a.collateral,
    collateralValueRupiah: a.collateral_value_rupiah.toString(),
    guarantor: a.guarantor,
    monthlyIncomeRupiah: a.monthly_income_rupiah.toString(),
    monthlyExpensesRupiah: a.monthly_expenses_rupiah.toString(),
    // repayment capacity: what is left of income after expenses
    repaymentCapacityRupiah: (a.monthly_income_rupiah - a.monthly_expenses_rupiah).toString(),
    analysisNotes: a.analysis_notes,
    recommendation: a.recommendation,
    topUpOf: a.top_up_of?.toString() ?? null,
    autoDebit: a.auto_debit,
    status,
    approvalId: a.approval_id?.toString() ?? null,
    createdAt: a.created_at.toISOString(),
  };
}
export type ApplicationView = ReturnType<typeof applicationView>;

async function loadApplication(o: OrgTx, id: bigint, lock: boolean): Promise<ApplicationRow> {
  const r = await sql<ApplicationRow>`
    select a.*, p.status as approval_status from loan_applications a
    left join approvals p on p.organization_id = a.cooperative_id and p.id = a.approval_id
    where a.cooperative_id = ${o.ctx.organizationId} and a.id = ${id} ${lock ? sql`for update of a` : sql``}`.execute(o.tx);
  const a = r.rows[0];
  if (!a) throw new AppError('LOAN_APPLICATION_NOT_FOUND');
  return a;
}

export async function createApplication(deps: Deps, ctx: OrgContext, input: ApplicationInput): Promise<ApplicationView> {
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    const m = await sql<{ status: string }>`select status from members where cooperative_id = ${coop} and id = ${input.memberId}`.execute(o.tx);
    if (m.rows[0]?.status !== 'active') throw new AppError('LOAN_MEMBER_NOT_ACTIVE');
    const p = await loadProduct(o.tx, coop, input.productId);
    if (!p.active) throw new AppError('LOAN_PRODUCT_NOT_FOUND');
    checkLimits(p, input.amountRupiah, input.tenor);
    if (input.topUpOf) {
      const old = await loadLoan(o.tx, coop, input.topUpOf, false);
      requireActive(old);
      if (old.member_id !== input.memberId) throw new AppError('LOAN_NOT_FOUND');
    }
    const collateral = input.collateral.map((c) => ({ kind: c.kind, description: c.description, valueRupiah: c.valueRupiah.toString() }));
    const collateralValue = input.collateral.reduce((s, c) => s + c.valueRupiah, 0n);
    const r = await sql<{ id: bigint }>`
      insert into loan_applications (cooperative_id, member_id, product_id, amount_rupiah, tenor, purpose, collateral, collateral_value_rupiah,
        guarantor, monthly_income_rupiah, monthly_expenses_rupiah, top_up_of, auto_debit, officer_user_id, created_by)
      values (${coop}, ${input.memberId}, ${input.productId}, ${input.amountRupiah}, ${input.tenor}, ${input.purpose},
        ${JSON.stringify(collateral)}::jsonb, ${collateralValue}, ${input.guarantor ? JSON.stringify(input.guarantor) : null}::jsonb,
        ${input.monthlyIncomeRupiah}, ${input.monthlyExpensesRupiah}, ${input.topUpOf ?? null}, ${input.autoDebit ?? false}, ${ctx.actor.userId}, ${ctx.actor.userId})
      returning id`.execute(o.tx);
    const id = r.rows[0]?.id;
    if (id === undefined) throw new Error('application insert returned nothing');
    await o.audit({
      action: 'loan-application.created',
      entityType: 'loan-application',
      entityId: id,
      after: { member: input.memberId.toString(), amount: input.amountRupiah.toString(), tenor: input.tenor, autoDebit: input.autoDebit ?? false },
    });
    return applicationView(await loadApplication(o, id, false));
  });
}

export async function analyseApplication(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  input: { notes: string; recommendation: 'approve' | 'reject' },
): Promise<ApplicationView> {
  return inOrg(deps, ctx, async (o) => {
    const a = await loadApplication(o, id, true);
    if (a.status !== 'submitted' && a.status !== 'analysed')
      throw new AppError('LOAN_APPLICATION_WRONG_STATUS', { status: a.status });
    await sql`update loan_applications set analysis_notes = ${input.notes}, recommendation = ${input.recommendation}, status = 'analysed'
              where cooperative_id = ${ctx.organizationId} and id = ${id}`.execute(o.tx);
    await o.audit({
      action: 'loan-application.analysed',
      entityType: 'loan-application',
      entityId: id,
      before: { status: a.status },
      after: { status: 'analysed', recommendation: input.recommendation },
    });
    return applicationView(await loadApplication(o, id, false));
  });
}

const approvePayload = z.object({ applicationId: z.string().regex(/^[1-9][0-9]{0,17}$/), amountRupiah: z.string() });

/** The credit committee decides through maker-checker; the approver's role limit applies. */
registerApprovableAction({
  name: 'loans.approve-application',
  permission: 'loans.manage',
  payload: approvePayload,
  summarize: (p) => `Persetujuan pinjaman: pengajuan #${p.applicationId}, Rp ${p.amountRupiah}`,
  execute: async (o, p) => {
    const a = await loadApplication(o, BigInt(p.applicationId), true);
    if (a.status !== 'pending_approval') throw new AppError('LOAN_APPLICATION_WRONG_STATUS', { status: a.status });
    await checkApprovalLimit(o, a.amount_rupiah);
    await sql`update loan_applications set status = 'approved', decided_at = now()
              where cooperative_id = ${o.ctx.organizationId} and id = ${a.id}`.execute(o.tx);
    await o.audit({
      action: 'loan-application.approved',
      entityType: 'loan-application',
      entityId: a.id,
      before: { status: a.status },
      after: { status: 'approved' },
    });
    return { applicationId: a.id.toString(), status: 'approved' };
  },
});

/** The highest limit among the approver's roles; a role without a configured limit has none. */
async function checkApprovalLimit(o: OrgTx, amount: bigint): Promise<void> {
  const r = await sql<{ role: string; max_amount_rupiah: bigint }>`
    select role, max_amount_rupiah from loan_approval_limits where cooperative_id = ${o.ctx.organizationId}`.execute(o.tx);
  const limits = new Map(r.rows.map((x) => [x.role, x.max_amount_rupiah]));
  let best = 0n;
  for (const role of o.ctx.roles) {
    const l = limits.get(role);
    if (l === undefined) return;
    if (l > best) best = l;
  }
  if (amount > best) throw new AppError('LOAN_APPROVAL_LIMIT_EXCEEDED', { amount, limit: best });
}

export async function setApprovalLimit(deps: Deps, ctx: OrgContext, role: string, maxAmountRupiah: bigint | null) {
  return inOrg(deps, ctx, async (o) => {
    if (maxAmountRupiah === null)
      await sql`delete from loan_approval_limits where cooperative_id = ${ctx.organizationId} and role = ${role}`.execute(o.tx);
    else
      await sql`insert into loan_approval_limits (cooperative_id, role, max_amount_rupiah) values (${ctx.organizationId}, ${role}, ${maxAmountRupiah})
                on conflict (cooperative_id, role) do update set max_amount_rupiah = excluded.max_amount_rupiah`.execute(o.tx);
    await o.audit({
      action: 'loan-approval-limit.set',
      entityType: 'loan-approval-limit',
      entityId: role,
      after: { max: maxAmountRupiah?.toString() ?? null },
    });
  });
}

/** Sends an analysed application to the credit committee (a maker-checker request). */
export async function submitForApproval(deps: Deps, ctx: OrgContext, id: bigint): Promise<{ approvalId: string }> {
  return inOrg(deps, ctx, async (o) => {
    const a = await loadApplication(o, id, true);
    const resubmit = a.status === 'pending_approval' && a.approval_status === 'rejected';
    if (a.status !== 'analysed' && !resubmit) throw new AppError('LOAN_APPLICATION_WRONG_STATUS', { status: a.status });
    const approvalId = await requestApproval(o, 'loans.approve-application', {
      applicationId: id.toString(),
      amountRupiah: a.amount_rupiah.toString(),
    });
    await sql`update loan_applications set status = 'pending_approval', approval_id = ${approvalId}
              where cooperative_id = ${ctx.organizationId} and id = ${id}`.execute(o.tx);
    return { approvalId: approvalId.toString() };
  });
}

export async function getApplication(deps: Deps, ctx: OrgContext, id: bigint) {
  return inOrg(deps, ctx, async (o) => applicationView(await loadApplication(o, id, false)));
}

export async function listApplications(deps: Deps, ctx: OrgContext, status: string | undefined, limit: number) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<ApplicationRow>`
      select a.*, p.status as approval_status from loan_applications a
      left join approvals p on p.organization_id = a.cooperative_id and p.id = a.approval_id
      where a.cooperative_id = ${ctx.organizationId} ${status ? sql`and a.status = ${status}` : sql``}
      order by a.id desc limit ${limit}`.execute(tx);
    return r.rows.map(applicationView);
  });
}

// Disbursement ---------------------------------------------------------------------------------

async function nextLoanNumber(o: OrgTx, year: string): Promise<string> {
  const r = await sql<{ last_number: bigint }>`
    insert into loan_number_counters as c (cooperative_id, last_number) values (${o.ctx.organizationId}, 1)
    on conflict (cooperative_id) do update set last_number = c.last_number + 1 returning last_number`.execute(o.tx);
  return `PJ/${year}/${String(r.rows[0]?.last_number ?? 0n).padStart(6, '0')}`;
}

export interface DisbursementInput {
  channel: 'cash' | 'savings';
  cashSessionId?: bigint | null;
  disbursedOn: string;
}

/**
 * Pencairan: creates the loan with its schedule and posts the disbursement with fees deducted —
 * cash through the teller's own open session. A top-up first settles the old loan (early payoff)
 * from the new principal.
 */
export async function disburse(deps: Deps, ctx: OrgContext, applicationId: bigint, input: DisbursementInput, idem?: Idempotency) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    const a = await loadApplication(o, applicationId, true);
    if (a.status !== 'approved') throw new AppError('LOAN_APPLICATION_WRONG_STATUS', { status: a.status });
    // cash through the teller's own open session, or into the member's sukarela account
    if (input.channel === 'cash' && !input.cashSessionId)
      throw new AppError('LOAN_DISBURSEMENT_CHANNEL_UNAVAILABLE', { channel: input.channel });
    // a top-up settles the old loan at the counter; through savings it is not offered
    if (input.channel === 'savings' && a.top_up_of)
      throw new AppError('LOAN_DISBURSEMENT_CHANNEL_UNAVAILABLE', { channel: input.channel });
    const session = input.channel === 'cash' ? await requireOwnOpenSession(o, input.cashSessionId!) : null;
    const sukarela = input.channel === 'savings' ? await memberSukarelaAccount(o, a.member_id) : null;
    const p = await loadProduct(o.tx, coop, a.product_id);
    const principal = a.amount_rupiah;
    const schedule = buildSchedule({
      method: p.method,
      principalRupiah: principal,
      ratePercent: p.rate_percent,
      ratePeriod: p.rate_period,
      frequency: p.frequency,
      tenor: a.tenor,
      gracePrincipalPeriods: p.grace_principal_periods,
      startDate: input.disbursedOn,
    });
    const margin = schedule.reduce((s, r) => s + r.interestRupiah, 0n);
    const fees = disbursementFees(principal, p.provisi_bps, p.admin_fee_rupiah);
    const member = await sql<{ branch_id: bigint | null }>`select branch_id from members where cooperative_id = ${coop} and id = ${a.member_id}`.execute(o.tx);
    const branchId = member.rows[0]?.branch_id ?? session?.branch_id ?? null;
    const loanNumber = await nextLoanNumber(o, input.disbursedOn.slice(0, 4));
    const maturity = schedule[schedule.length - 1]?.dueOn ?? input.disbursedOn;
    const ins = await sql<{ id: bigint }>`
      insert into loans (cooperative_id, loan_number, application_id, member_id, product_id, branch_id, officer_user_id, akad, method,
        rate_percent, rate_period, frequency, tenor, principal_rupiah, margin_total_rupiah, provisi_rupiah, admin_fee_rupiah,
        disbursed_on, maturity_on, outstanding_principal_rupiah, outstanding_interest_rupiah, collateral_value_rupiah,
        oldest_unpaid_due_on, top_up_of, auto_debit)
      values (${coop}, ${loanNumber}, ${a.id}, ${a.member_id}, ${p.id}, ${branchId}, ${a.officer_user_id}, ${p.akad}, ${p.method},
        ${p.rate_percent}::numeric, ${p.rate_period}, ${p.frequency}, ${a.tenor}, ${principal}, ${margin}, ${fees.provisiRupiah},
        ${fees.adminFeeRupiah}, ${input.disbursedOn}::date, ${maturity}::date, ${principal}, ${margin}, ${a.collateral_value_rupiah},
        ${schedule[0]?.dueOn ?? null}::date, ${a.top_up_of}, ${a.auto_debit})
      returning id`.execute(o.tx);
    const loanId = ins.rows[0]?.id;
    if (loanId === undefined) throw new Error('loan insert returned nothing');
    await sql`insert into loan_schedule_versions (cooperative_id, loan_id, schedule_version, reason, effective_on, created_by)
              values (${coop}, ${loanId}, 1, 'original', ${input.disbursedOn}::date, ${ctx.actor.userId})`.execute(o.tx);
    await insertSchedule(o.tx, coop, loanId, 1, schedule);

    // top-up: the old loan is paid off first, from the new principal
    let settled = 0n;
    if (a.top_up_of) {
      const payoff = await earlyPayoffIn(o, a.top_up_of, input.disbursedOn, { kind: 'top_up_settlement', session: session!, discountRupiah: 0n });
      settled = payoff.amountRupiah;
    }
    const net = principal - fees.totalRupiah - settled;
    if (net < 0n) throw new AppError('LOAN_AMOUNT_OUT_OF_RANGE', { min: fees.totalRupiah + settled, max: principal });
    if (net > 0n && session) await ensureCashAvailable(o, session, net);
    const roles = rolesOf(p.akad);
    const m = { memberId: a.member_id, branchId: branchId };
    const lines: PostingLine[] = [
      { account: { role: roles.principal }, debitRupiah: p.akad === 'murabahah' ? principal + margin : principal, ...m },
      ...(p.akad === 'murabahah' && margin > 0n ? [{ account: { role: 'deferredMargin' }, creditRupiah: margin, ...m }] : []),
      ...(net > 0n ? [{ account: { role: sukarela ? 'savingsSukarela' : 'cash' }, creditRupiah: net, ...m }] : []),
      ...(settled > 0n ? [{ account: { role: 'cash' }, creditRupiah: settled, ...m, memo: 'pelunasan pinjaman lama (top-up)' }] : []),
      ...(fees.provisiRupiah > 0n ? [{ account: { role: 'provisiIncome' }, creditRupiah: fees.provisiRupiah, ...m }] : []),
      ...(fees.adminFeeRupiah > 0n ? [{ account: { role: 'adminIncome' }, creditRupiah: fees.adminFeeRupiah, ...m }] : []),
    ];
    const posted = await postEntry(o, {
      entryDate: input.disbursedOn,
      description: `Pencairan pinjaman ${loanNumber}`,
      source: { type: 'loan.disbursement', id: loanId.toString() },
      ...(session ? { series: session.series, branchId: session.branch_id, cashSessionId: session.id } : {}),
      lines,
    });
    if (sukarela && net > 0n) await recordLoanMovement(o, sukarela, 'loan-disbursement', net, input.disbursedOn, posted.entryId);
    await sql`insert into loan_disbursements (cooperative_id, loan_id, disbursed_on, channel, gross_rupiah, fees_rupiah, settled_top_up_rupiah,
                net_rupiah, cash_session_id, entry_id)
              values (${coop}, ${loanId}, ${input.disbursedOn}::date, ${input.channel}, ${principal}, ${fees.totalRupiah}, ${settled}, ${net},
                ${session?.id ?? null}, ${posted.entryId})`.execute(o.tx);
    await sql`update loan_applications set status = 'disbursed' where cooperative_id = ${coop} and id = ${a.id}`.execute(o.tx);
    await auditLoan(o, 'loan.disbursed', loanId, {
      number: loanNumber,
      principal: principal.toString(),
      fees: fees.totalRupiah.toString(),
      net: net.toString(),
      autoDebit: a.auto_debit,
    });
    return {
      status: 201,
      body: {
        loanId: loanId.toString(),
        loanNumber,
        entryId: posted.entryId.toString(),
        netRupiah: net.toString(),
        feesRupiah: fees.totalRupiah.toString(),
        settledTopUpRupiah: settled.toString(),
      },
    };
  });
}

// Repayment ------------------------------------------------------------------------------------

interface Parts {
  penalty: bigint;
  interest: bigint;
  principal: bigint;
  /** interest charged beyond the schedule (early-payoff penalty) */
  extraIncome: bigint;
  /** remaining margin forgone (murabahah muqasah) to clear from deferred margin */
  discount: bigint;
}

/** The journal lines of money received on a loan: cash (or another debit) against its parts. */
function receiptLines(loan: LoanRow, parts: Parts, accruedUsed: bigint, debit: PostingLine['account']): PostingLine[] {
  const roles = rolesOf(loan.akad);
  const m = { memberId: loan.member_id, branchId: loan.branch_id };
  const total = parts.penalty + parts.interest + parts.principal + parts.extraIncome;
  const lines: PostingLine[] = [{ account: debit, debitRupiah: total, ...m }];
  const add = (role: string, side: 'd' | 'c', v: bigint) => {
    if (v > 0n) lines.push(side === 'd' ? { account: { role }, debitRupiah: v, ...m } : { account: { role }, creditRupiah: v, ...m });
  };
  add(roles.penalty, 'c', parts.penalty);
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
  alloc: { instalmentNo: number; penaltyRupiah: bigint; interestRupiah: bigint; principalRupiah: bigint }[],
  paidOn: string,
  closeAll: boolean,
): Promise<{ accruedUsed: bigint; onTimeInstalments: number }> {
  const coop = o.ctx.organizationId;
  if (alloc.length > 0) {
    await sql`
      update loan_schedules s set paid_penalty_rupiah = s.paid_penalty_rupiah + x.pen, paid_interest_rupiah = s.paid_interest_rupiah + x.int,
             paid_principal_rupiah = s.paid_principal_rupiah + x.pri
      from unnest(${alloc.map((a) => a.instalmentNo)}::int[], ${alloc.map((a) => a.penaltyRupiah.toString())}::bigint[],
                  ${alloc.map((a) => a.interestRupiah.toString())}::bigint[], ${alloc.map((a) => a.principalRupiah.toString())}::bigint[])
        as x(no, pen, int, pri)
      where s.cooperative_id = ${coop} and s.loan_id = ${loan.id} and s.schedule_version = ${loan.schedule_version} and s.instalment_no = x.no`.execute(o.tx);
  }
  const done = await sql<{ instalment_no: number; on_time: boolean }>`
    update loan_schedules s set paid_on = ${paidOn}::date
    where s.cooperative_id = ${coop} and s.loan_id = ${loan.id} and s.schedule_version = ${loan.schedule_version} and s.paid_on is null
      and (${closeAll} or (s.paid_principal_rupiah = s.principal_rupiah and s.paid_interest_rupiah = s.interest_rupiah
                           and s.paid_penalty_rupiah = s.penalty_rupiah))
    returning s.instalment_no, (s.due_on >= ${paidOn}::date) as on_time`.execute(o.tx);
  const interest = alloc.reduce((s, a) => s + a.interestRupiah, 0n);
  const accruedUsed = interest < loan.accrued_interest_rupiah ? interest : loan.accrued_interest_rupiah;
  return { accruedUsed, onTimeInstalments: done.rows.filter((r) => r.on_time).length };
}

export interface RepaymentInput {
  amountRupiah: bigint;
  paidOn: string;
  /** cash at the counter through this session, or (null) debited from the member's sukarela account */
  cashSessionId: bigint | null;
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
export async function repay(deps: Deps, ctx: OrgContext, loanId: bigint, input: RepaymentInput, idem?: Idempotency) {
  return inOrgOnce(deps, ctx, idem, async (o) => ({ status: 201, body: await repayIn(o, loanId, input) }));
}

/** The repayment inside the caller's transaction (the counter, and the auto-debit run per loan). */
export async function repayIn(o: OrgTx, loanId: bigint, input: RepaymentInput) {
  const ctx = o.ctx;
  const session = input.cashSessionId !== null ? await requireOwnOpenSession(o, input.cashSessionId) : null;
  const loan = await loadLoan(o.tx, ctx.organizationId, loanId, true);
  requireActive(loan);
  const sukarela = session ? null : await memberSukarelaAccount(o, loan.member_id);
  if (sukarela) checkSukarelaDebit(sukarela, input.amountRupiah);
  const rows = await scheduleOf(o.tx, ctx.organizationId, loanId, loan.schedule_version);
  const dues = owedDues(rows);
  const { parts, leftRupiah } = allocatePayment(input.amountRupiah, dues);
  if (leftRupiah > 0n) {
    const owed = dues.reduce((s, d) => s + d.penaltyRupiah + d.interestRupiah + d.principalRupiah, 0n);
    throw new AppError('LOAN_OVERPAYMENT', { owed });
  }
  const sum = (k: 'penaltyRupiah' | 'interestRupiah' | 'principalRupiah') => parts.reduce((s, p) => s + p[k], 0n);
  const p: Parts = { penalty: sum('penaltyRupiah'), interest: sum('interestRupiah'), principal: sum('principalRupiah'), extraIncome: 0n, discount: 0n };
  const { accruedUsed, onTimeInstalments } = await applyAllocation(o, loan, parts, input.paidOn, false);
  const posted = await postEntry(o, {
    entryDate: input.paidOn,
    description: `Angsuran pinjaman ${loan.loan_number}`,
    source: { type: 'loan.repayment', id: loanId.toString() },
    ...(session ? { series: session.series, branchId: session.branch_id, cashSessionId: session.id } : {}),
    lines: receiptLines(loan, p, accruedUsed, { role: session ? 'cash' : 'savingsSukarela' }),
  });
  if (sukarela) await recordLoanMovement(o, sukarela, 'loan-repayment', input.amountRupiah, input.paidOn, posted.entryId);
  await finishReceipt(o, loan, p, accruedUsed, onTimeInstalments, input.paidOn, false);
  const rep = await sql<{ id: bigint }>`
    insert into loan_repayments (cooperative_id, loan_id, paid_on, kind, channel, amount_rupiah, penalty_rupiah, interest_rupiah,
      principal_rupiah, cash_session_id, entry_id, created_by)
    values (${ctx.organizationId}, ${loanId}, ${input.paidOn}::date, 'instalment', ${session ? 'cash' : 'savings'}, ${input.amountRupiah}, ${p.penalty}, ${p.interest},
      ${p.principal}, ${session?.id ?? null}, ${posted.entryId}, ${ctx.actor.userId})
    returning id`.execute(o.tx);
  await auditLoan(o, 'loan.repaid', loanId, {
    amount: input.amountRupiah.toString(),
    penalty: p.penalty.toString(),
    interest: p.interest.toString(),
    principal: p.principal.toString(),
  });
  return {
    repaymentId: (rep.rows[0]?.id ?? 0n).toString(),
    entryId: posted.entryId.toString(),
    penaltyRupiah: p.penalty.toString(),
    interestRupiah: p.interest.toString(),
    principalRupiah: p.principal.toString(),
  };
}

/** Updates the loan's maintained figures after money came in; closes it when nothing is owed. */
async function finishReceipt(o: OrgTx, loan: LoanRow, p: Parts, accruedUsed: bigint, onTime: number, paidOn: string, closeAll: boolean) {
  const coop = o.ctx.organizationId;
  await sql`
    update loans set outstanding_principal_rupiah = outstanding_principal_rupiah - ${p.principal},
      outstanding_interest_rupiah = ${closeAll ? sql`0` : sql`outstanding_interest_rupiah - ${p.interest}`},
      accrued_interest_rupiah = accrued_interest_rupiah - ${accruedUsed},
      penalty_due_rupiah = penalty_due_rupiah - ${p.penalty},
      probation_remaining = greatest(probation_remaining - ${onTime}, 0)
    where cooperative_id = ${coop} and id = ${loan.id}`.execute(o.tx);
  await refreshOldestUnpaid(o.tx, coop, loan.id);
  await sql`
    update loans set status = 'paid_off', closed_on = ${paidOn}::date, days_past_due = 0
    where cooperative_id = ${coop} and id = ${loan.id} and outstanding_principal_rupiah = 0 and oldest_unpaid_due_on is null`.execute(o.tx);
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
    if (!due && rule.early_payoff_rule === 'months_interest' && notDueCharged < rule.early_payoff_months) {
      notDueCharged++;
      chargeInterest = true;
    }
    if (rule.early_payoff_rule === 'remaining_margin' || loan.akad === 'murabahah') chargeInterest = true;
    return { ...d, interestRupiah: chargeInterest ? d.interestRupiah : 0n };
  });
  const remainingInterest = dues.reduce((s, d) => s + d.interestRupiah, 0n);
  let interest = charged.reduce((s, d) => s + d.interestRupiah, 0n);
  const penalty = dues.reduce((s, d) => s + d.penaltyRupiah, 0n);
  const principal = dues.reduce((s, d) => s + d.principalRupiah, 0n);
  // muqasah: a discount on the remaining margin, recorded as such, never by editing the contract
  const discount = discountRupiah > interest ? interest : discountRupiah;
  interest -= discount;
  const extra = rule.early_payoff_rule === 'percent_penalty' ? roundHalfUp(principal * BigInt(rule.early_payoff_bps), 10_000n) : 0n;
  return {
    charged,
    parts: { penalty, interest, principal, extraIncome: extra, discount: loan.akad === 'murabahah' ? remainingInterest - interest : 0n },
    forgoneRupiah: remainingInterest - interest,
    amountRupiah: penalty + interest + principal + extra,
  };
}

async function earlyPayoffIn(
  o: OrgTx,
  loanId: bigint,
  on: string,
  opts: { kind: 'early_payoff' | 'top_up_settlement'; session: { id: bigint; series: string; branch_id: bigint }; discountRupiah: bigint },
) {
  const coop = o.ctx.organizationId;
  const loan = await loadLoan(o.tx, coop, loanId, true);
  requireActive(loan);
  const product = await loadProduct(o.tx, coop, loan.product_id);
  const rows = await scheduleOf(o.tx, coop, loanId, loan.schedule_version);
  const q = payoffQuote(loan, product, rows, on, opts.discountRupiah);
  // allocate the charged interest to the rows it belongs to; the discount is never "paid"
  const { parts } = allocatePayment(q.parts.penalty + q.charged.reduce((s, d) => s + d.interestRupiah, 0n) + q.parts.principal, q.charged);
  const { accruedUsed } = await applyAllocation(o, loan, parts, on, true);
  const p: Parts = q.parts;
  const posted = await postEntry(o, {
    entryDate: on,
    description: `Pelunasan dipercepat pinjaman ${loan.loan_number}`,
    source: { type: 'loan.payoff', id: loanId.toString() },
    series: opts.session.series,
    branchId: opts.session.branch_id,
    cashSessionId: opts.session.id,
    lines: receiptLines(loan, p, accruedUsed < p.interest ? accruedUsed : p.interest, { role: 'cash' }),
  });
  // accrued interest forgone by the payoff rule is reversed against income
  const accruedLeft = loan.accrued_interest_rupiah - (accruedUsed < p.interest ? accruedUsed : p.interest);
  if (accruedLeft > 0n) {
    await postEntry(o, {
      entryDate: on,
      description: `Pembalikan bunga akrual ${loan.loan_number} (pelunasan dipercepat)`,
      source: { type: 'loan.payoff', id: loanId.toString() },
      series: 'PINJ',
      lines: [
        { account: { role: rolesOf(loan.akad).income }, debitRupiah: accruedLeft, memberId: loan.member_id },
        { account: { role: 'interestReceivable' }, creditRupiah: accruedLeft, memberId: loan.member_id },
      ],
    });
  }
  await finishReceipt(o, { ...loan, accrued_interest_rupiah: loan.accrued_interest_rupiah }, p, loan.accrued_interest_rupiah, 0, on, true);
  await sql`
    insert into loan_repayments (cooperative_id, loan_id, paid_on, kind, channel, amount_rupiah, penalty_rupiah, interest_rupiah,
      principal_rupiah, discount_rupiah, cash_session_id, entry_id, created_by)
    values (${coop}, ${loanId}, ${on}::date, ${opts.kind}, ${opts.kind === 'early_payoff' ? 'cash' : 'disbursement'}, ${q.amountRupiah}, ${p.penalty},
      ${p.interest + p.extraIncome}, ${p.principal}, ${q.forgoneRupiah}, ${opts.session.id}, ${posted.entryId}, ${o.ctx.actor.userId})`.execute(o.tx);
  await auditLoan(o, 'loan.paid-off', loanId, { amount: q.amountRupiah.toString(), forgone: q.forgoneRupiah.toString(), kind: opts.kind });
  return { amountRupiah: q.amountRupiah, entryId: posted.entryId, forgoneRupiah: q.forgoneRupiah };
}

export async function quotePayoff(deps: Deps, ctx: OrgContext, loanId: bigint, on: string, discountRupiah = 0n) {
  return inOrg(deps, ctx, async (o) => {
    const loan = await loadLoan(o.tx, ctx.organizationId, loanId, false);
    requireActive(loan);
    const product = await loadProduct(o.tx, ctx.organizationId, loan.product_id);
    const q = payoffQuote(loan, product, await scheduleOf(o.tx, ctx.organizationId, loanId, loan.schedule_version), on, discountRupiah);
    return {
      amountRupiah: q.amountRupiah.toString(),
      penaltyRupiah: q.parts.penalty.toString(),
      interestRupiah: (q.parts.interest + q.parts.extraIncome).toString(),
      principalRupiah: q.parts.principal.toString(),
      forgoneRupiah: q.forgoneRupiah.toString(),
    };
  });
}

export async function earlyPayoff(
  deps: Deps,
  ctx: OrgContext,
  loanId: bigint,
  input: { paidOn: string; cashSessionId: bigint; discountRupiah: bigint },
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const session = await requireOwnOpenSession(o, input.cashSessionId);
    const r = await earlyPayoffIn(o, loanId, input.paidOn, { kind: 'early_payoff', session, discountRupiah: input.discountRupiah });
    return {
      status: 201,
      body: { amountRupiah: r.amountRupiah.toString(), entryId: r.entryId.toString(), forgoneRupiah: r.forgoneRupiah.toString() },
    };
  });
}

// Reading ----------------------------------------------------------------------------------------

export function loanView(l: LoanRow) {
  return {
    id: l.id.toString(),
    loanNumber: l.loan_number,
    memberId: l.member_id.toString(),
    productId: l.product_id.toString(),
    akad: l.akad,
    method: l.method,
    ratePercent: l.rate_percent,
    ratePeriod: l.rate_period,
    frequency: l.frequency,
    tenor: l.tenor,
    principalRupiah: l.principal_rupiah.toString(),
    marginTotalRupiah: l.margin_total_rupiah.toString(),
    disbursedOn: l.disbursed_on,
    maturityOn: l.maturity_on,
    status: l.status,
    scheduleVersion: l.schedule_version,
    outstandingPrincipalRupiah: l.outstanding_principal_rupiah.toString(),
    outstandingInterestRupiah: l.outstanding_interest_rupiah.toString(),
    accruedInterestRupiah: l.accrued_interest_rupiah.toString(),
    penaltyDueRupiah: l.penalty_due_rupiah.toString(),
    daysPastDue: l.days_past_due,
    collectibility: l.collectibility,
    restructureCount: l.restructure_count,
    autoDebit: l.auto_debit,
  };
}
export type LoanView = ReturnType<typeof loanView>;

const LOAN_COLUMNS = sql`id, loan_number, member_id, product_id, branch_id, officer_user_id, akad, method, rate_percent::text as rate_percent,
  rate_period, frequency, tenor, principal_rupiah, margin_total_rupiah, disbursed_on::text as disbursed_on, maturity_on::text as maturity_on,
  status, schedule_version, outstanding_principal_rupiah, outstanding_interest_rupiah, accrued_interest_rupiah, penalty_due_rupiah,
  collateral_value_rupiah, oldest_unpaid_due_on::text as oldest_unpaid_due_on, days_past_due, collectibility, probation_remaining, restructure_count,
  auto_debit`;

export async function listLoans(
  deps: Deps,
  ctx: OrgContext,
  filter: { memberId?: bigint; status?: string; collectibility?: string; limit: number; afterId?: bigint },
) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<LoanRow>`select ${LOAN_COLUMNS} from loans where cooperative_id = ${ctx.organizationId}
      ${filter.memberId !== undefined ? sql`and member_id = ${filter.memberId}` : sql``}
      ${filter.status ? sql`and status = ${filter.status}` : sql``}
      ${filter.collectibility ? sql`and collectibility = ${filter.collectibility}` : sql``}
      ${filter.afterId !== undefined ? sql`and id > ${filter.afterId}` : sql``}
      order by id limit ${filter.limit}`.execute(tx);
    return r.rows.map(loanView);
  });
}

/** A loan with its current schedule and every earlier version (restructuring keeps them). */
export async function getLoan(deps: Deps, ctx: OrgContext, loanId: bigint) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<LoanRow>`select ${LOAN_COLUMNS} from loans where cooperative_id = ${ctx.organizationId} and id = ${loanId}`.execute(tx);
    const l = r.rows[0];
    if (!l) throw new AppError('LOAN_NOT_FOUND');
    const versions = await sql<{ schedule_version: number; reason: string; effective_on: string; params: JsonValue }>`
      select schedule_version, reason, effective_on::text as effective_on, params from loan_schedule_versions
      where cooperative_id = ${ctx.organizationId} and loan_id = ${loanId} order by schedule_version`.execute(tx);
    const schedules = [];
    for (const v of versions.rows) {
      const rows = await scheduleOf(tx, ctx.organizationId, loanId, v.schedule_version);
      schedules.push({
        version: v.schedule_version,
        reason: v.reason,
        effectiveOn: v.effective_on,
        params: v.params,
        current: v.schedule_version === l.schedule_version,
        instalments: rows.map((s) => ({
          instalmentNo: s.instalment_no,
          dueOn: s.due_on,
          principalRupiah: s.principal_rupiah.toString(),
          interestRupiah: s.interest_rupiah.toString(),
          penaltyRupiah: s.penalty_rupiah.toString(),
          paidPrincipalRupiah: s.paid_principal_rupiah.toString(),
          paidInterestRupiah: s.paid_interest_rupiah.toString(),
          paidPenaltyRupiah: s.paid_penalty_rupiah.toString(),
          paidOn: s.paid_on,
        })),
      });
    }
    return { loan: loanView(l), schedules };
  });
}

/** The member's own loans (portal, self.read). */
export async function myLoans(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async ({ tx }) => {
    if (!ctx.actor.userId) return [];
    const r = await sql<LoanRow>`select ${LOAN_COLUMNS} from loans l where cooperative_id = ${ctx.organizationId}
      and member_id in (select id from members m where m.cooperative_id = ${ctx.organizationId} and m.user_id = ${ctx.actor.userId})
      order by id`.execute(tx);
    return r.rows.map(loanView);
  });
}
