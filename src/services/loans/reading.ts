import * as loansRepo from '../../db/loans/loans.repo.js';
import type { LoanFilter } from '../../db/loans/loans.repo.js';
import { AppError } from '../../domain/errors.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import type { LoanRow } from './core.js';

/** Reading loans: the list, one loan with every schedule version, the member's own. */

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

export async function listLoans(deps: Deps, ctx: OrgContext, filter: LoanFilter) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const rows = await loansRepo.listLoans(tx, ctx.organizationId, filter);
    return rows.map(loanView);
  });
}

/** A loan with its current schedule and every earlier version (restructuring keeps them). */
export async function getLoan(deps: Deps, ctx: OrgContext, loanId: bigint) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const l = await loansRepo.findLoanView(tx, ctx.organizationId, loanId);
    if (!l) throw new AppError('LOAN_NOT_FOUND');
    const versions = await loansRepo.scheduleVersions(tx, ctx.organizationId, loanId);
    const schedules = [];
    for (const v of versions) {
      const rows = await loansRepo.scheduleOf(tx, ctx.organizationId, loanId, v.schedule_version);
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
    const rows = await loansRepo.loansOfUser(tx, ctx.organizationId, ctx.actor.userId);
    return rows.map(loanView);
  });
}
