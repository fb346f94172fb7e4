import { z } from 'zod';
import * as loansRepo from '../../db/loans/loans.repo.js';
import * as receiptsRepo from '../../db/loans/receipts.repo.js';
import * as repo from '../../db/loans/profit-sharing.repo.js';
import type { JsonValue } from '../../db/schema.js';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import {
  checkTerms,
  mudharabahMaturity,
  mudharabahPeriod,
  musyarakahPeriod,
  periodDue,
  projectedShare,
  reducePrincipalFromEnd,
  type ProfitBasis,
  type ProfitSharingKind,
} from '../../domain/sharia/profit-sharing-financing.js';
import { forgetAccounts } from '../../ledger/post.js';
import { registerApprovableAction, requestApproval } from '../approvals.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { postEntry } from '../ledger.js';
import { ensureRoleAccount } from '../role-accounts.js';
import { loadApplication } from './applications.js';
import { auditLoan, loadLoan, loadProduct, requireActive, rolesOf, type LoanRow } from './core.js';

/**
 * Profit-sharing financing of a KSPPS (docs/domain/sharia-financing.md): mudharabah and
 * musyarakah as akad of the loans engine. The terms (nisbah, basis, projection, the member's
 * capital) are agreed on the application; the schedule bills principal; each period's laporan
 * usaha is entered by an officer and approved by a second person (maker-checker), and only then is
 * the KSPPS's bagi hasil of that period added to the period's instalment and recognised:
 *   Dr 1118 Piutang pendapatan bagi hasil / Cr 4102 Pendapatan bagi hasil.
 * A musyarakah loss lowers the KSPPS's capital claim by its capital share at once; a mudharabah
 * loss is carried forward and, still open at the end of the akad, borne by the KSPPS unless the
 * member's negligence was established:
 *   Dr 5106 Kerugian investasi / Cr 1113 Pembiayaan mudharabah or 1114 Pembiayaan musyarakah.
 */

const PROFIT_SHARING: readonly string[] = ['mudharabah', 'musyarakah'];
export const isProfitSharing = (akad: string): akad is ProfitSharingKind =>
  PROFIT_SHARING.includes(akad);

const today = (deps: Deps) => businessDateWib(deps.clock());

/** The accounts only this module posts to, opened on first use (a chart made before them lacks
 *  them). The receivable is the loans engine's accrued-income role, which an instalment clears. */
const ACCOUNTS = [
  {
    spec: { code: '1118', name: 'Piutang pendapatan bagi hasil', role: 'interestReceivable' },
    place: { groupCode: '11', type: 'aset', cashFlowClass: 'operating' },
  },
  {
    spec: {
      code: '5106',
      name: 'Kerugian investasi mudharabah / musyarakah',
      role: 'investmentLoss',
    },
    place: { groupCode: '51', type: 'beban', cashFlowClass: 'operating' },
  },
] as const;

async function ensureAccounts(o: OrgTx): Promise<void> {
  let added = false;
  for (const a of ACCOUNTS) if ((await ensureRoleAccount(o, a.spec, a.place)).added) added = true;
  if (added) forgetAccounts(o.ctx.organizationId);
}

export interface TermsInput {
  nisbahKsppsPercent: string;
  basis: ProfitBasis;
  projectedResultRupiah: bigint;
  /** musyarakah only: the member's own capital in the business */
  memberCapitalRupiah: bigint;
}

/** The akad's terms on an application not yet approved (they are fixed from then on). */
export async function setTerms(
  deps: Deps,
  ctx: OrgContext,
  applicationId: bigint,
  input: TermsInput,
) {
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    const a = await loadApplication(o, applicationId, true);
    const p = await loadProduct(o.tx, coop, a.product_id);
    if (!isProfitSharing(p.akad))
      throw new AppError('FINANCING_NOT_PROFIT_SHARING', { akad: p.akad });
    if (a.status !== 'submitted' && a.status !== 'analysed')
      throw new AppError('LOAN_APPLICATION_WRONG_STATUS', { status: a.status });
    const terms = {
      kind: p.akad,
      nisbahKsppsPercent: input.nisbahKsppsPercent,
      basis: input.basis,
      projectedResultRupiah: input.projectedResultRupiah,
      ksppsCapitalRupiah: a.amount_rupiah,
      memberCapitalRupiah: input.memberCapitalRupiah,
    };
    const c = checkTerms(terms);
    if (!c.ok) throw new AppError(c.code, { field: c.field });
    await repo.upsertTerms(o.tx, coop, {
      applicationId,
      kind: p.akad,
      nisbahKsppsPercent: input.nisbahKsppsPercent,
      basis: input.basis,
      projectedResultRupiah: input.projectedResultRupiah,
      memberCapitalRupiah: input.memberCapitalRupiah,
      userId: ctx.actor.userId,
    });
    await o.audit({
      action: 'loan-application.profit-sharing-terms',
      entityType: 'loan-application',
      entityId: applicationId,
      after: {
        kind: p.akad,
        nisbah: input.nisbahKsppsPercent,
        basis: input.basis,
        projected: input.projectedResultRupiah.toString(),
        memberCapital: input.memberCapitalRupiah.toString(),
      },
    });
    return termsView((await repo.termsOfApplication(o.tx, coop, applicationId))!, a.amount_rupiah);
  });
}

/** An application's terms: whether its product is a profit-sharing akad, and the terms if set. */
export async function applicationTerms(deps: Deps, ctx: OrgContext, applicationId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    const a = await loadApplication(o, applicationId, false);
    const p = await loadProduct(o.tx, coop, a.product_id);
    const t = isProfitSharing(p.akad)
      ? await repo.termsOfApplication(o.tx, coop, applicationId)
      : undefined;
    return {
      profitSharing: isProfitSharing(p.akad),
      akad: p.akad,
      editable: a.status === 'submitted' || a.status === 'analysed',
      terms: t ? termsView(t, a.amount_rupiah) : null,
    };
  });
}

/** Disbursement of a profit-sharing application: its terms must exist; they follow the loan. */
export async function attachToLoan(
  o: OrgTx,
  akad: string,
  applicationId: bigint,
  loanId: bigint,
): Promise<void> {
  if (!isProfitSharing(akad)) return;
  const coop = o.ctx.organizationId;
  const t = await repo.termsOfApplication(o.tx, coop, applicationId, true);
  if (!t) throw new AppError('FINANCING_TERMS_MISSING');
  await repo.linkLoan(o.tx, coop, applicationId, loanId);
}

function termsView(t: repo.TermsRow, ksppsCapital: bigint) {
  return {
    kind: t.kind,
    nisbahKsppsPercent: t.nisbah_kspps_percent,
    basis: t.basis,
    projectedResultRupiah: t.projected_result_rupiah.toString(),
    projectedShareRupiah: projectedShare(
      t.nisbah_kspps_percent,
      t.projected_result_rupiah,
    ).toString(),
    ksppsCapitalRupiah: ksppsCapital.toString(),
    memberCapitalRupiah: t.member_capital_rupiah.toString(),
    carriedLossRupiah: t.carried_loss_rupiah.toString(),
    ksppsLossRupiah: t.kspps_loss_rupiah.toString(),
    unabsorbedLossRupiah: t.unabsorbed_loss_rupiah.toString(),
    negligence: t.negligence_reason
      ? { reason: t.negligence_reason, approvalId: t.negligence_approval_id!.toString() }
      : null,
  };
}

const REPORT_ACTION = 'financing.approve-report';
const NEGLIGENCE_ACTION = 'financing.mark-negligence';

async function loadFinancing(o: OrgTx, loanId: bigint, lock: boolean) {
  const coop = o.ctx.organizationId;
  const loan = await loadLoan(o.tx, coop, loanId, lock);
  if (!isProfitSharing(loan.akad))
    throw new AppError('FINANCING_NOT_PROFIT_SHARING', { akad: loan.akad });
  const terms = await repo.termsOfLoan(o.tx, coop, loanId, lock);
  if (!terms) throw new AppError('FINANCING_TERMS_MISSING');
  return { loan, terms };
}

/** The financing's profit-sharing side: terms, each period's report or its pending request, and
 *  what each period bills (principal + the approved bagi hasil; "pending" without a report). */
export async function financingView(deps: Deps, ctx: OrgContext, loanId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    const { loan, terms } = await loadFinancing(o, loanId, false);
    const rows = await loansRepo.scheduleOf(o.tx, coop, loanId, loan.schedule_version);
    const reports = new Map(
      (await repo.reportsOf(o.tx, coop, loanId)).map((r) => [r.period_no, r]),
    );
    const pending = new Map(
      (await repo.pendingRequests(o.tx, coop, REPORT_ACTION, loanId)).map((r) => [
        Number(r.payload['periodNo']),
        r,
      ]),
    );
    const negligencePending = await repo.pendingRequests(o.tx, coop, NEGLIGENCE_ACTION, loanId);
    return {
      loanId: loanId.toString(),
      akad: loan.akad,
      status: loan.status,
      terms: termsView(terms, loan.principal_rupiah),
      nextPeriod: reports.size < loan.tenor ? reports.size + 1 : null,
      negligencePendingApprovalId: negligencePending[0]?.id.toString() ?? null,
      periods: rows.map((s) => {
        const r = reports.get(s.instalment_no);
        const p = pending.get(s.instalment_no);
        const due = periodDue(s.principal_rupiah, r ? r.kspps_share_rupiah : null);
        return {
          periodNo: s.instalment_no,
          dueOn: s.due_on,
          principalRupiah: s.principal_rupiah.toString(),
          profitShareRupiah: due.profitShareRupiah?.toString() ?? null,
          totalDueRupiah: due.totalRupiah.toString(),
          paidRupiah: (s.paid_principal_rupiah + s.paid_interest_rupiah).toString(),
          status: due.status,
          report: r
            ? {
                resultRupiah: r.result_rupiah.toString(),
                note: r.note,
                carriedLossBeforeRupiah: r.carried_loss_before_rupiah.toString(),
                carriedLossAfterRupiah: r.carried_loss_after_rupiah.toString(),
                ksppsShareRupiah: r.kspps_share_rupiah.toString(),
                memberShareRupiah: r.member_share_rupiah.toString(),
                ksppsLossRupiah: r.kspps_loss_rupiah.toString(),
                memberLossRupiah: r.member_loss_rupiah.toString(),
                approvalId: r.approval_id.toString(),
                entryId: r.entry_id?.toString() ?? null,
                lossEntryId: r.loss_entry_id?.toString() ?? null,
              }
            : null,
          pendingReport: p
            ? {
                approvalId: p.id.toString(),
                resultRupiah: p.payload['resultRupiah'] ?? '0',
                requestedBy: p.requested_by,
              }
            : null,
        };
      }),
    };
  });
}
export type FinancingView = Awaited<ReturnType<typeof financingView>>;

export interface ReportInput {
  periodNo: number;
  /** realised profit (or revenue) of the period, negative for a loss */
  resultRupiah: bigint;
  note: string | null;
}

const reportPayload = z.object({
  loanId: z.string().regex(/^[1-9][0-9]{0,17}$/),
  periodNo: z.number().int().min(1).max(1000),
  resultRupiah: z.string().regex(/^-?[0-9]{1,15}$/),
  note: z.string().max(500).nullable(),
});
type ReportPayload = z.infer<typeof reportPayload>;

/** The period a report may be entered for: the next one, in order (a carried loss chains them). */
async function checkPeriod(o: OrgTx, loan: LoanRow, periodNo: number) {
  const coop = o.ctx.organizationId;
  const approved = (await repo.reportsOf(o.tx, coop, loan.id)).length;
  if (periodNo <= approved)
    throw new AppError('FINANCING_REPORT_EXISTS', { period: String(periodNo) });
  if (periodNo !== approved + 1 || periodNo > loan.tenor)
    throw new AppError('FINANCING_REPORT_PERIOD_INVALID', {
      period: String(periodNo),
      next: String(approved + 1),
    });
}

/** The officer enters the member's laporan usaha of a period: a request a second person approves. */
export async function submitReport(
  deps: Deps,
  ctx: OrgContext,
  loanId: bigint,
  input: ReportInput,
): Promise<{ approvalId: string }> {
  return inOrg(deps, ctx, async (o) => {
    const { loan, terms } = await loadFinancing(o, loanId, true);
    requireActive(loan);
    await checkPeriod(o, loan, input.periodNo);
    if (terms.basis === 'revenue' && input.resultRupiah < 0n)
      throw new AppError('FINANCING_REPORT_NEGATIVE_REVENUE');
    const pending = await repo.pendingRequests(o.tx, ctx.organizationId, REPORT_ACTION, loanId);
    if (pending.some((p) => Number(p.payload['periodNo']) === input.periodNo))
      throw new AppError('FINANCING_REPORT_EXISTS', { period: String(input.periodNo) });
    const payload: ReportPayload = {
      loanId: loanId.toString(),
      periodNo: input.periodNo,
      resultRupiah: input.resultRupiah.toString(),
      note: input.note?.trim() || null,
    };
    const approvalId = await requestApproval(o, REPORT_ACTION, payload);
    await auditLoan(o, 'loan.profit-report-entered', loanId, {
      period: input.periodNo,
      result: input.resultRupiah.toString(),
      approvalId: approvalId.toString(),
    });
    return { approvalId: approvalId.toString() };
  });
}

/**
 * The approved report, in the approving transaction: the period's split, the bagi hasil billed and
 * recognised, a musyarakah loss off the KSPPS's capital, and at the last period of a mudharabah
 * the remaining loss borne by the KSPPS (unless negligence was established).
 */
async function approveReport(
  o: OrgTx,
  p: ReportPayload,
  deps: Deps,
  approvalId: bigint,
): Promise<JsonValue> {
  const coop = o.ctx.organizationId;
  const loanId = BigInt(p.loanId);
  const { loan, terms } = await loadFinancing(o, loanId, true);
  requireActive(loan);
  await checkPeriod(o, loan, p.periodNo);
  await ensureAccounts(o);
  const on = today(deps);
  const result = BigInt(p.resultRupiah);
  const m = { memberId: loan.member_id, branchId: loan.branch_id };
  const roles = rolesOf(loan.akad);
  const carriedBefore = terms.carried_loss_rupiah;
  let share: bigint;
  let memberShare: bigint;
  let carriedAfter = 0n;
  let ksppsLoss = 0n;
  let memberLoss = 0n;
  if (terms.kind === 'mudharabah') {
    const r = mudharabahPeriod({
      nisbahKsppsPercent: terms.nisbah_kspps_percent,
      resultRupiah: result,
      carriedLossRupiah: carriedBefore,
    });
    share = r.ksppsShareRupiah;
    memberShare = r.memberShareRupiah;
    carriedAfter = r.carriedLossAfterRupiah;
  } else {
    const r = musyarakahPeriod({
      nisbahKsppsPercent: terms.nisbah_kspps_percent,
      ksppsCapitalRupiah: loan.principal_rupiah,
      memberCapitalRupiah: terms.member_capital_rupiah,
      resultRupiah: result,
    });
    share = r.ksppsShareRupiah;
    memberShare = r.memberShareRupiah;
    ksppsLoss = r.ksppsLossRupiah;
    memberLoss = r.memberLossRupiah;
  }

  let entryId: bigint | null = null;
  if (share > 0n) {
    await repo.billShare(o.tx, coop, loanId, loan.schedule_version, p.periodNo, share);
    const posted = await postEntry(o, {
      entryDate: on,
      description: `Bagi hasil ${loan.akad} ${loan.loan_number} periode ${p.periodNo}`,
      source: { type: 'loan.profit-share', id: `${loanId}:${p.periodNo}` },
      lines: [
        { account: { role: 'interestReceivable' }, debitRupiah: share, ...m },
        { account: { role: roles.income }, creditRupiah: share, ...m },
      ],
    });
    entryId = posted.entryId;
  }

  // the loss the KSPPS bears now: musyarakah by capital share; mudharabah at the last period
  let writeOff = ksppsLoss;
  let unabsorbed = 0n;
  let finalCarried = carriedAfter;
  if (terms.kind === 'mudharabah' && p.periodNo === loan.tenor && carriedAfter > 0n) {
    const rows = await loansRepo.scheduleOf(o.tx, coop, loanId, loan.schedule_version);
    const unpaid = rows.reduce((s, r) => s + r.principal_rupiah - r.paid_principal_rupiah, 0n);
    const mt = mudharabahMaturity({
      carriedLossRupiah: carriedAfter,
      unpaidPrincipalRupiah: unpaid,
      negligence: terms.negligence_reason !== null,
    });
    writeOff = mt.writeOffRupiah;
    unabsorbed = mt.unabsorbedRupiah;
    if (mt.memberBearsRupiah === 0n) finalCarried = 0n;
  }
  let lossEntryId: bigint | null = null;
  if (writeOff > 0n) {
    const rows = await loansRepo.scheduleOf(o.tx, coop, loanId, loan.schedule_version);
    const unpaid = rows.reduce((s, r) => s + r.principal_rupiah - r.paid_principal_rupiah, 0n);
    // musyarakah: no more than the capital still owed (the rest is recorded as unabsorbed)
    if (writeOff > unpaid) {
      unabsorbed += writeOff - unpaid;
      writeOff = unpaid;
    }
    const next = reducePrincipalFromEnd(
      rows.map((r) => ({
        principalRupiah: r.principal_rupiah,
        paidPrincipalRupiah: r.paid_principal_rupiah,
      })),
      writeOff,
    );
    const changed = rows
      .map((r, i) => ({ instalmentNo: r.instalment_no, principalRupiah: next[i]! }))
      .filter((x, i) => x.principalRupiah !== rows[i]!.principal_rupiah);
    if (writeOff > 0n) {
      await repo.reducePrincipal(o.tx, coop, loanId, loan.schedule_version, changed, writeOff, on);
      const posted = await postEntry(o, {
        entryDate: on,
        description: `Kerugian ${loan.akad} ${loan.loan_number} ditanggung koperasi (periode ${p.periodNo})`,
        source: { type: 'loan.profit-sharing-loss', id: `${loanId}:${p.periodNo}` },
        lines: [
          { account: { role: 'investmentLoss' }, debitRupiah: writeOff, ...m },
          { account: { role: roles.principal }, creditRupiah: writeOff, ...m },
        ],
      });
      lossEntryId = posted.entryId;
    }
  }
  await repo.updateLosses(o.tx, coop, loanId, {
    carriedLossRupiah: finalCarried,
    addKsppsLossRupiah: writeOff,
    addUnabsorbedRupiah: unabsorbed,
  });
  const approval = await o.tx
    .selectFrom('approvals')
    .select('requested_by')
    .where('organization_id', '=', coop)
    .where('id', '=', approvalId)
    .executeTakeFirst();
  await repo.insertReport(o.tx, coop, loanId, {
    periodNo: p.periodNo,
    resultRupiah: result,
    note: p.note,
    carriedLossBeforeRupiah: carriedBefore,
    carriedLossAfterRupiah: carriedAfter,
    ksppsShareRupiah: share,
    memberShareRupiah: memberShare,
    ksppsLossRupiah: terms.kind === 'musyarakah' ? ksppsLoss : writeOff,
    memberLossRupiah: memberLoss,
    approvalId,
    enteredBy: approval?.requested_by ?? null,
    approvedBy: o.ctx.actor.userId,
    entryId,
    lossEntryId,
  });
  await loansRepo.refreshOldestUnpaid(o.tx, coop, loanId);
  await receiptsRepo.closeIfSettled(o.tx, coop, loanId, on);
  await auditLoan(o, 'loan.profit-report-approved', loanId, {
    period: p.periodNo,
    result: result.toString(),
    ksppsShare: share.toString(),
    carriedLoss: finalCarried.toString(),
    ksppsLoss: writeOff.toString(),
  });
  return {
    loanId: p.loanId,
    periodNo: p.periodNo,
    ksppsShareRupiah: share.toString(),
    memberShareRupiah: memberShare.toString(),
    carriedLossRupiah: finalCarried.toString(),
    ksppsLossRupiah: writeOff.toString(),
    memberLossRupiah: memberLoss.toString(),
  };
}

registerApprovableAction({
  name: REPORT_ACTION,
  permission: 'loans.manage',
  payload: reportPayload,
  summarize: (p) =>
    `Laporan usaha pembiayaan #${p.loanId} periode ${p.periodNo}: hasil Rp ${p.resultRupiah}`,
  execute: (o, p, deps, approval) => approveReport(o, p, deps, approval.id),
});

const negligencePayload = z.object({
  loanId: z.string().regex(/^[1-9][0-9]{0,17}$/),
  reason: z.string().min(5).max(500),
});

/**
 * The officer establishes the member's negligence, breach or fraud (fatwa 07: "kesalahan yang
 * disengaja, lalai, atau menyalahi perjanjian") with a reason; once approved, a mudharabah loss
 * is the member's to bear.
 */
export async function requestNegligence(
  deps: Deps,
  ctx: OrgContext,
  loanId: bigint,
  reason: string,
): Promise<{ approvalId: string }> {
  return inOrg(deps, ctx, async (o) => {
    const { loan, terms } = await loadFinancing(o, loanId, true);
    requireActive(loan);
    if (terms.kind !== 'mudharabah' || terms.negligence_reason !== null)
      throw new AppError('FINANCING_NEGLIGENCE_NOT_ALLOWED');
    const pending = await repo.pendingRequests(o.tx, ctx.organizationId, NEGLIGENCE_ACTION, loanId);
    if (pending.length > 0) throw new AppError('FINANCING_NEGLIGENCE_NOT_ALLOWED');
    const approvalId = await requestApproval(o, NEGLIGENCE_ACTION, {
      loanId: loanId.toString(),
      reason: reason.trim(),
    });
    await auditLoan(o, 'loan.negligence-requested', loanId, {
      reason: reason.trim(),
      approvalId: approvalId.toString(),
    });
    return { approvalId: approvalId.toString() };
  });
}

registerApprovableAction({
  name: NEGLIGENCE_ACTION,
  permission: 'loans.manage',
  payload: negligencePayload,
  summarize: (p) => `Kelalaian mudharib, pembiayaan #${p.loanId}: ${p.reason}`,
  execute: async (o, p, _deps, approval) => {
    const loanId = BigInt(p.loanId);
    const { loan, terms } = await loadFinancing(o, loanId, true);
    requireActive(loan);
    if (terms.kind !== 'mudharabah' || terms.negligence_reason !== null)
      throw new AppError('FINANCING_NEGLIGENCE_NOT_ALLOWED');
    await repo.markNegligence(o.tx, o.ctx.organizationId, loanId, p.reason, approval.id);
    await auditLoan(o, 'loan.negligence-established', loanId, { reason: p.reason });
    return { loanId: p.loanId, negligence: true };
  },
});
