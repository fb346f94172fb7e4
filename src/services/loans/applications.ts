import { z } from 'zod';
import * as applicationsRepo from '../../db/loans/applications.repo.js';
import type { ApplicationRow } from '../../db/loans/applications.repo.js';
import { AppError } from '../../domain/errors.js';
import { registerApprovableAction, requestApproval } from '../approvals.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { loadLoan, loadProduct, requireActive } from './core.js';
import { checkLimits } from './products.js';

/** Applications, the officer's analysis and the credit committee (maker-checker). */

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
  guarantor: {
    name: string;
    nik?: string | null;
    relationship: string;
    phone?: string | null;
  } | null;
  monthlyIncomeRupiah: bigint;
  monthlyExpensesRupiah: bigint;
  topUpOf?: bigint | null;
  /** surat kuasa debet: instalments are debited from the member's sukarela account when due */
  autoDebit?: boolean;
}

function applicationView(a: ApplicationRow) {
  const status =
    a.status === 'pending_approval' && a.approval_status === 'rejected' ? 'rejected' : a.status;
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

export async function loadApplication(
  o: OrgTx,
  id: bigint,
  lock: boolean,
): Promise<ApplicationRow> {
  const a = await applicationsRepo.findApplication(o.tx, o.ctx.organizationId, id, lock);
  if (!a) throw new AppError('LOAN_APPLICATION_NOT_FOUND');
  return a;
}

export async function createApplication(
  deps: Deps,
  ctx: OrgContext,
  input: ApplicationInput,
): Promise<ApplicationView> {
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    const member = await applicationsRepo.memberForLoan(o.tx, coop, input.memberId);
    if (member?.status !== 'active') throw new AppError('LOAN_MEMBER_NOT_ACTIVE');
    const p = await loadProduct(o.tx, coop, input.productId);
    if (!p.active) throw new AppError('LOAN_PRODUCT_NOT_FOUND');
    checkLimits(p, input.amountRupiah, input.tenor);
    if (input.topUpOf) {
      const old = await loadLoan(o.tx, coop, input.topUpOf, false);
      requireActive(old);
      if (old.member_id !== input.memberId) throw new AppError('LOAN_NOT_FOUND');
    }
    const collateral = input.collateral.map((c) => ({
      kind: c.kind,
      description: c.description,
      valueRupiah: c.valueRupiah.toString(),
    }));
    const id = await applicationsRepo.insertApplication(o.tx, coop, {
      memberId: input.memberId,
      productId: input.productId,
      amountRupiah: input.amountRupiah,
      tenor: input.tenor,
      purpose: input.purpose,
      collateral,
      collateralValueRupiah: input.collateral.reduce((s, c) => s + c.valueRupiah, 0n),
      guarantor: input.guarantor,
      monthlyIncomeRupiah: input.monthlyIncomeRupiah,
      monthlyExpensesRupiah: input.monthlyExpensesRupiah,
      topUpOf: input.topUpOf ?? null,
      autoDebit: input.autoDebit ?? false,
      userId: ctx.actor.userId,
    });
    await o.audit({
      action: 'loan-application.created',
      entityType: 'loan-application',
      entityId: id,
      after: {
        member: input.memberId.toString(),
        amount: input.amountRupiah.toString(),
        tenor: input.tenor,
        autoDebit: input.autoDebit ?? false,
      },
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
    await applicationsRepo.recordAnalysis(
      o.tx,
      ctx.organizationId,
      id,
      input.notes,
      input.recommendation,
    );
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

const approvePayload = z.object({
  applicationId: z.string().regex(/^[1-9][0-9]{0,17}$/),
  amountRupiah: z.string(),
});

/** The credit committee decides through maker-checker; the approver's role limit applies. */
registerApprovableAction({
  name: 'loans.approve-application',
  permission: 'loans.manage',
  payload: approvePayload,
  summarize: (p) => `Persetujuan pinjaman: pengajuan #${p.applicationId}, Rp ${p.amountRupiah}`,
  execute: async (o, p) => {
    const a = await loadApplication(o, BigInt(p.applicationId), true);
    if (a.status !== 'pending_approval')
      throw new AppError('LOAN_APPLICATION_WRONG_STATUS', { status: a.status });
    await checkApprovalLimit(o, a.amount_rupiah);
    await applicationsRepo.markApproved(o.tx, o.ctx.organizationId, a.id);
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
  const limits = await applicationsRepo.approvalLimits(o.tx, o.ctx.organizationId);
  let best = 0n;
  for (const role of o.ctx.roles) {
    const l = limits.get(role);
    if (l === undefined) return;
    if (l > best) best = l;
  }
  if (amount > best) throw new AppError('LOAN_APPROVAL_LIMIT_EXCEEDED', { amount, limit: best });
}

export async function setApprovalLimit(
  deps: Deps,
  ctx: OrgContext,
  role: string,
  maxAmountRupiah: bigint | null,
) {
  return inOrg(deps, ctx, async (o) => {
    await applicationsRepo.setApprovalLimit(o.tx, ctx.organizationId, role, maxAmountRupiah);
    await o.audit({
      action: 'loan-approval-limit.set',
      entityType: 'loan-approval-limit',
      entityId: role,
      after: { max: maxAmountRupiah?.toString() ?? null },
    });
  });
}

/** Sends an analysed application to the credit committee (a maker-checker request). */
export async function submitForApproval(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
): Promise<{ approvalId: string }> {
  return inOrg(deps, ctx, async (o) => {
    const a = await loadApplication(o, id, true);
    const resubmit = a.status === 'pending_approval' && a.approval_status === 'rejected';
    if (a.status !== 'analysed' && !resubmit)
      throw new AppError('LOAN_APPLICATION_WRONG_STATUS', { status: a.status });
    const approvalId = await requestApproval(o, 'loans.approve-application', {
      applicationId: id.toString(),
      amountRupiah: a.amount_rupiah.toString(),
    });
    await applicationsRepo.markPendingApproval(o.tx, ctx.organizationId, id, approvalId);
    return { approvalId: approvalId.toString() };
  });
}

export async function getApplication(deps: Deps, ctx: OrgContext, id: bigint) {
  return inOrg(deps, ctx, async (o) => applicationView(await loadApplication(o, id, false)));
}

export async function listApplications(
  deps: Deps,
  ctx: OrgContext,
  status: string | undefined,
  limit: number,
) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const rows = await applicationsRepo.listApplications(tx, ctx.organizationId, status, limit);
    return rows.map(applicationView);
  });
}
