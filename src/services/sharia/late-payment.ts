import { z } from 'zod';
import * as repo from '../../db/loans/late-payment.repo.js';
import { isShariaCooperative } from '../../db/savings.repo.js';
import type { JsonValue } from '../../db/schema.js';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import {
  checkInabilityEvent,
  checkTawidhItem,
  type InabilityEvent,
  type RuleResult,
} from '../../domain/sharia/late-payment.js';
import { forgetAccounts } from '../../ledger/post.js';
import { registerApprovableAction, requestApproval } from '../approvals.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { inOrgOnce, type Idempotency } from '../idempotency.js';
import { postEntry } from '../ledger.js';
import { ensureRoleAccount } from '../role-accounts.js';
import { auditLoan, loadLoan, requireActive } from '../loans/core.js';

/**
 * Late payment of a KSPPS financing (docs/domain/sharia-late-payment.md; rules in
 * src/domain/sharia/late-payment.ts): the officer's "unable to pay" marks, which the month-end's
 * denda statement honours, and ta'widh — itemised real collection costs, charged to the member
 * only when a second person approves, paid with a repayment (src/services/loans/repayment.ts).
 */

const SERIES = 'PINJ';

function ensure(r: RuleResult): void {
  if (!r.ok) throw new AppError(r.code, r.params);
}

const today = (deps: Deps) => businessDateWib(deps.clock());

const eventsOf = (rows: repo.InabilityEventRow[]): InabilityEvent[] =>
  rows.map((r) => ({ event: r.event, effectiveOn: r.effective_on }));

/** The loan's marks, its ta'widh items and what they still owe. */
export async function latePayment(deps: Deps, ctx: OrgContext, loanId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    const loan = await loadLoan(o.tx, coop, loanId, false);
    const sharia = await isShariaCooperative(o.tx, coop);
    const events = await repo.inabilityEvents(o.tx, coop, loanId);
    const items = await repo.tawidhItems(o.tx, coop, loanId);
    const last = events[events.length - 1];
    const charged = items.filter((i) => i.charge_entry_id !== null);
    return {
      loanId: loanId.toString(),
      sharia,
      akad: loan.akad,
      unable: last?.event === 'marked',
      unableSince: last?.event === 'marked' ? last.effective_on : null,
      events: events.map((e) => ({
        id: e.id.toString(),
        event: e.event,
        effectiveOn: e.effective_on,
        reason: e.reason,
        recordedBy: e.recorded_by_name ?? e.recorded_by,
        recordedAt: e.recorded_at.toISOString(),
      })),
      tawidh: {
        chargedRupiah: charged.reduce((s, i) => s + i.amount_rupiah, 0n).toString(),
        owedRupiah: charged.reduce((s, i) => s + i.amount_rupiah - i.paid_rupiah, 0n).toString(),
        items: items.map(itemView),
      },
    };
  });
}

/** An item's state: recorded and waiting, refused, or charged to the member by its approval. */
type TawidhStatus = 'pending' | 'approved' | 'rejected' | 'charged';

function itemView(i: repo.TawidhItemRow) {
  const status: TawidhStatus =
    i.charge_entry_id !== null ? 'charged' : (i.approval_status ?? 'pending');
  return {
    id: i.id.toString(),
    incurredOn: i.incurred_on,
    description: i.description,
    amountRupiah: i.amount_rupiah.toString(),
    evidenceRef: i.evidence_ref,
    paidFrom: i.paid_from,
    status,
    approvalId: i.approval_id?.toString() ?? null,
    costEntryId: i.cost_entry_id?.toString() ?? null,
    chargeEntryId: i.charge_entry_id?.toString() ?? null,
    paidRupiah: i.paid_rupiah.toString(),
    recordedBy: i.recorded_by_name ?? i.recorded_by,
    recordedAt: i.recorded_at.toISOString(),
  };
}

export interface InabilityInput {
  effectiveOn: string;
  reason: string;
}

/**
 * Marks the member of a KSPPS financing unable to pay (tidak mampu) from a date, or lifts the mark;
 * appended to the loan's history with who and why, and audited. While marked, the month-end
 * charges no ta'zir for the marked days.
 */
export async function recordInability(
  deps: Deps,
  ctx: OrgContext,
  loanId: bigint,
  event: 'marked' | 'lifted',
  input: InabilityInput,
) {
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    if (!ctx.actor.userId) throw new AppError('FORBIDDEN');
    const loan = await loadLoan(o.tx, coop, loanId, true);
    requireActive(loan);
    if (!(await isShariaCooperative(o.tx, coop))) throw new AppError('LOAN_SHARIA_ONLY');
    const events = eventsOf(await repo.inabilityEvents(o.tx, coop, loanId));
    const next = { event, effectiveOn: input.effectiveOn };
    ensure(
      checkInabilityEvent(events, next, { disbursedOn: loan.disbursed_on, today: today(deps) }),
    );
    const id = await repo.insertInabilityEvent(o.tx, coop, {
      loanId,
      event,
      effectiveOn: input.effectiveOn,
      reason: input.reason.trim(),
      userId: ctx.actor.userId,
    });
    await auditLoan(o, event === 'marked' ? 'loan.unable-marked' : 'loan.unable-lifted', loanId, {
      effectiveOn: input.effectiveOn,
      reason: input.reason.trim(),
    });
    return {
      id: id.toString(),
      loanId: loanId.toString(),
      event,
      effectiveOn: input.effectiveOn,
    };
  });
}

export interface TawidhItemInput {
  incurredOn: string;
  description: string;
  amountRupiah: bigint;
  evidenceRef: string;
  paidFrom: 'cash' | 'bank';
}

const ACTION = 'loan.tawidh-charge';

const payloadSchema = z.object({
  loanId: z.string().regex(/^[1-9][0-9]{0,17}$/),
  itemId: z.string().regex(/^[1-9][0-9]{0,17}$/),
  amountRupiah: z.string().regex(/^[1-9][0-9]{0,14}$/),
  description: z.string(),
});
type Payload = z.infer<typeof payloadSchema>;

/**
 * Records a real collection cost on a KSPPS financing (pending) and asks for its approval; the
 * approval — by another user holding approvals.decide — posts it and charges it to the member.
 * Once per Idempotency-Key: a retried request does not record the cost twice.
 */
export async function recordTawidhItem(
  deps: Deps,
  ctx: OrgContext,
  loanId: bigint,
  input: TawidhItemInput,
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    if (!ctx.actor.userId) throw new AppError('FORBIDDEN');
    const loan = await loadLoan(o.tx, coop, loanId, true);
    requireActive(loan);
    ensure(
      checkTawidhItem(
        input,
        {
          akad: loan.akad,
          shariaCooperative: await isShariaCooperative(o.tx, coop),
          disbursedOn: loan.disbursed_on,
          oldestUnpaidDueOn: loan.oldest_unpaid_due_on,
          events: eventsOf(await repo.inabilityEvents(o.tx, coop, loanId)),
        },
        today(deps),
      ),
    );
    const itemId = await repo.insertTawidhItem(o.tx, coop, {
      loanId,
      incurredOn: input.incurredOn,
      description: input.description.trim(),
      amountRupiah: input.amountRupiah,
      evidenceRef: input.evidenceRef.trim(),
      paidFrom: input.paidFrom,
      userId: ctx.actor.userId,
    });
    const payload: Payload = {
      loanId: loanId.toString(),
      itemId: itemId.toString(),
      amountRupiah: input.amountRupiah.toString(),
      description: input.description.trim(),
    };
    const approvalId = await requestApproval(o, ACTION, payload);
    await repo.linkTawidhApproval(o.tx, coop, itemId, approvalId);
    await auditLoan(o, 'loan.tawidh-recorded', loanId, {
      itemId: itemId.toString(),
      amount: input.amountRupiah.toString(),
      evidenceRef: input.evidenceRef.trim(),
      approvalId: approvalId.toString(),
    });
    return {
      status: 202,
      body: { itemId: itemId.toString(), approvalId: approvalId.toString() },
    };
  });
}

/** The accounts ta'widh posts to, opened on first use (a chart made before them lacks them). */
const TAWIDH_ACCOUNTS = [
  {
    spec: { code: '1117', name: "Piutang ta'widh (biaya penagihan)", role: 'tawidhReceivable' },
    place: { groupCode: '11', type: 'aset', cashFlowClass: 'operating' },
  },
  {
    spec: { code: '5105', name: 'Beban penagihan pembiayaan', role: 'collectionExpense' },
    place: { groupCode: '51', type: 'beban', cashFlowClass: 'operating' },
  },
] as const;

async function ensureTawidhAccounts(o: OrgTx): Promise<void> {
  let added = false;
  for (const a of TAWIDH_ACCOUNTS)
    added = (await ensureRoleAccount(o, a.spec, a.place)).added || added;
  if (added) forgetAccounts(o.ctx.organizationId);
}

/**
 * The approval charging a ta'widh item. Two balanced entries in the approving transaction:
 * - the cost paid: Dr beban penagihan (5105) / Cr kas or bank;
 * - the charge to the member: Dr piutang ta'widh (1117) / Cr beban penagihan (5105) — the member
 *   reimburses the cost, so the expense nets to zero and nothing reaches an income account: the
 *   cooperative never earns on a default beyond its real cost (fatwa 43/DSN-MUI/VIII/2004).
 */
async function chargeTawidh(o: OrgTx, p: Payload, deps: Deps): Promise<JsonValue> {
  const coop = o.ctx.organizationId;
  const item = await repo.findTawidhItem(o.tx, coop, BigInt(p.itemId), true);
  if (!item || item.loan_id.toString() !== p.loanId)
    throw new AppError('LOAN_TAWIDH_ITEM_NOT_FOUND');
  if (item.charge_entry_id !== null) throw new AppError('LOAN_TAWIDH_ALREADY_CHARGED');
  const loan = await loadLoan(o.tx, coop, item.loan_id, true);
  requireActive(loan);
  await ensureTawidhAccounts(o);
  const m = { memberId: loan.member_id, branchId: loan.branch_id };
  const what = `${item.description} (bukti ${item.evidence_ref})`;
  const cost = await postEntry(o, {
    entryDate: item.incurred_on,
    description: `Biaya penagihan ${loan.loan_number}: ${what}`.slice(0, 300),
    source: { type: 'loan.tawidh-cost', id: item.id.toString() },
    series: SERIES,
    lines: [
      { account: { role: 'collectionExpense' }, debitRupiah: item.amount_rupiah, ...m },
      { account: { role: item.paid_from }, creditRupiah: item.amount_rupiah, ...m },
    ],
  });
  const charge = await postEntry(o, {
    entryDate: item.incurred_on,
    description: `Ta'widh dibebankan ${loan.loan_number}: ${what}`.slice(0, 300),
    source: { type: 'loan.tawidh-charge', id: item.id.toString() },
    series: SERIES,
    lines: [
      { account: { role: 'tawidhReceivable' }, debitRupiah: item.amount_rupiah, ...m },
      { account: { role: 'collectionExpense' }, creditRupiah: item.amount_rupiah, ...m },
    ],
  });
  await repo.markTawidhCharged(o.tx, coop, item.id, {
    costEntryId: cost.entryId,
    chargeEntryId: charge.entryId,
    at: deps.clock(),
  });
  await auditLoan(o, 'loan.tawidh-charged', loan.id, {
    itemId: item.id.toString(),
    amount: item.amount_rupiah.toString(),
    costEntryId: cost.entryId.toString(),
    chargeEntryId: charge.entryId.toString(),
  });
  return {
    itemId: item.id.toString(),
    costEntryId: cost.entryId.toString(),
    chargeEntryId: charge.entryId.toString(),
  };
}

registerApprovableAction<Payload>({
  name: ACTION,
  permission: 'loans.manage',
  payload: payloadSchema,
  summarize: (p) =>
    `Ta'widh pembiayaan #${p.loanId}: Rp ${BigInt(p.amountRupiah).toLocaleString('id-ID')} — ${p.description}`,
  execute: (o, p, deps) => chargeTawidh(o, p, deps),
});
