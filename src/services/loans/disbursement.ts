import * as applicationsRepo from '../../db/loans/applications.repo.js';
import * as loansRepo from '../../db/loans/loans.repo.js';
import * as receiptsRepo from '../../db/loans/receipts.repo.js';
import { AppError } from '../../domain/errors.js';
import { disbursementFees } from '../../domain/loans/fees.js';
import { buildSchedule } from '../../domain/loans/schedule.js';
import { savingsLedgerRole } from '../../domain/savings/ledger-role.js';
import type { PostingLine } from '../../ledger/post.js';
import { ensureCashAvailable, requireOwnOpenSession } from '../cashdesk.js';
import type { Deps, OrgContext, OrgTx } from '../context.js';
import { inOrgOnce, type Idempotency } from '../idempotency.js';
import { postEntry } from '../ledger.js';
import { memberSukarelaAccount, recordLoanMovement } from '../savings.js';
import { loadApplication } from './applications.js';
import { auditLoan, loadProduct, rolesOf } from './core.js';
import { attachToLoan } from './profit-sharing.js';
import { earlyPayoffIn } from './repayment.js';

async function nextLoanNumber(o: OrgTx, year: string): Promise<string> {
  const n = await loansRepo.nextLoanNumber(o.tx, o.ctx.organizationId);
  return `PJ/${year}/${String(n).padStart(6, '0')}`;
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
export async function disburse(
  deps: Deps,
  ctx: OrgContext,
  applicationId: bigint,
  input: DisbursementInput,
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    const a = await loadApplication(o, applicationId, true);
    if (a.status !== 'approved')
      throw new AppError('LOAN_APPLICATION_WRONG_STATUS', { status: a.status });
    // cash through the teller's own open session, or into the member's sukarela account
    if (input.channel === 'cash' && !input.cashSessionId)
      throw new AppError('LOAN_DISBURSEMENT_CHANNEL_UNAVAILABLE', { channel: input.channel });
    // a top-up settles the old loan at the counter; through savings it is not offered
    if (input.channel === 'savings' && a.top_up_of)
      throw new AppError('LOAN_DISBURSEMENT_CHANNEL_UNAVAILABLE', { channel: input.channel });
    const session =
      input.channel === 'cash' ? await requireOwnOpenSession(o, input.cashSessionId!) : null;
    const sukarela =
      input.channel === 'savings' ? await memberSukarelaAccount(o, a.member_id) : null;
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
    const member = await applicationsRepo.memberForLoan(o.tx, coop, a.member_id);
    const branchId = member?.branch_id ?? session?.branch_id ?? null;
    const loanNumber = await nextLoanNumber(o, input.disbursedOn.slice(0, 4));
    const maturity = schedule[schedule.length - 1]?.dueOn ?? input.disbursedOn;
    const loanId = await loansRepo.insertLoan(o.tx, coop, {
      loanNumber,
      applicationId: a.id,
      memberId: a.member_id,
      productId: p.id,
      branchId,
      officerUserId: a.officer_user_id,
      akad: p.akad,
      method: p.method,
      ratePercent: p.rate_percent,
      ratePeriod: p.rate_period,
      frequency: p.frequency,
      tenor: a.tenor,
      principalRupiah: principal,
      marginRupiah: margin,
      provisiRupiah: fees.provisiRupiah,
      adminFeeRupiah: fees.adminFeeRupiah,
      disbursedOn: input.disbursedOn,
      maturityOn: maturity,
      collateralValueRupiah: a.collateral_value_rupiah,
      firstDueOn: schedule[0]?.dueOn ?? null,
      topUpOf: a.top_up_of,
      autoDebit: a.auto_debit,
    });
    await loansRepo.insertScheduleVersion(o.tx, coop, {
      loanId,
      version: 1,
      reason: 'original',
      effectiveOn: input.disbursedOn,
      params: null,
      userId: ctx.actor.userId,
    });
    await loansRepo.insertSchedule(o.tx, coop, loanId, 1, schedule);
    // mudharabah / musyarakah: the akad's terms (nisbah, projection) follow the financing
    await attachToLoan(o, p.akad, a.id, loanId);

    // top-up: the old loan is paid off first, from the new principal
    let settled = 0n;
    if (a.top_up_of) {
      const payoff = await earlyPayoffIn(o, a.top_up_of, input.disbursedOn, {
        kind: 'top_up_settlement',
        session: session!,
        discountRupiah: 0n,
      });
      settled = payoff.amountRupiah;
    }
    const net = principal - fees.totalRupiah - settled;
    if (net < 0n)
      throw new AppError('LOAN_AMOUNT_OUT_OF_RANGE', {
        min: fees.totalRupiah + settled,
        max: principal,
      });
    if (net > 0n && session) await ensureCashAvailable(o, session, net);
    const roles = rolesOf(p.akad);
    const m = { memberId: a.member_id, branchId: branchId };
    const lines: PostingLine[] = [
      {
        account: { role: roles.principal },
        debitRupiah: p.akad === 'murabahah' ? principal + margin : principal,
        ...m,
      },
      ...(p.akad === 'murabahah' && margin > 0n
        ? [{ account: { role: 'deferredMargin' }, creditRupiah: margin, ...m }]
        : []),
      ...(net > 0n
        ? [
            {
              account: {
                role: sukarela ? savingsLedgerRole(sukarela.kind, sukarela.akad) : 'cash',
              },
              creditRupiah: net,
              ...m,
            },
          ]
        : []),
      ...(settled > 0n
        ? [
            {
              account: { role: 'cash' },
              creditRupiah: settled,
              ...m,
              memo: 'pelunasan pinjaman lama (top-up)',
            },
          ]
        : []),
      ...(fees.provisiRupiah > 0n
        ? [{ account: { role: 'provisiIncome' }, creditRupiah: fees.provisiRupiah, ...m }]
        : []),
      ...(fees.adminFeeRupiah > 0n
        ? [{ account: { role: 'adminIncome' }, creditRupiah: fees.adminFeeRupiah, ...m }]
        : []),
    ];
    const posted = await postEntry(o, {
      entryDate: input.disbursedOn,
      description: `Pencairan pinjaman ${loanNumber}`,
      source: { type: 'loan.disbursement', id: loanId.toString() },
      ...(session
        ? { series: session.series, branchId: session.branch_id, cashSessionId: session.id }
        : {}),
      lines,
    });
    if (sukarela && net > 0n)
      await recordLoanMovement(
        o,
        sukarela,
        'loan-disbursement',
        net,
        input.disbursedOn,
        posted.entryId,
      );
    await receiptsRepo.insertDisbursement(o.tx, coop, {
      loanId,
      disbursedOn: input.disbursedOn,
      channel: input.channel,
      grossRupiah: principal,
      feesRupiah: fees.totalRupiah,
      settledTopUpRupiah: settled,
      netRupiah: net,
      cashSessionId: session?.id ?? null,
      entryId: posted.entryId,
    });
    await applicationsRepo.markDisbursed(o.tx, coop, a.id);
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
