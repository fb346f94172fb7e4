import * as repo from '../db/cashdesk.repo.js';
import type { Tx } from '../db/database.js';
import { AppError } from '../domain/errors.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from './context.js';
import { inOrgOnce, type Idempotency } from './idempotency.js';
import { postEntry, postedView } from './ledger.js';

const CASH_ROLE = 'cash';

export function seriesOfDesk(deskCode: string): string {
  return `KAS-${deskCode}`.slice(0, 20);
}

export async function listDesks(deps: Deps, ctx: OrgContext) {
  const rows = await inOrg(deps, ctx, ({ tx }) => repo.listDesks(tx, ctx.organizationId));
  return rows.map(deskView);
}

function deskView(d: repo.CashDeskRecord) {
  return {
    id: d.id.toString(),
    branchId: d.branch_id.toString(),
    code: d.code,
    name: d.name,
    active: d.active,
  };
}

export async function createDesk(
  deps: Deps,
  ctx: OrgContext,
  input: { branchId: bigint; code: string; name: string },
) {
  return inOrg(deps, ctx, async (o) => {
    if (!(await repo.branchExists(o.tx, ctx.organizationId, input.branchId)))
      throw new AppError('BRANCH_NOT_FOUND');
    const row = await repo.insertDeskUnlessCodeTaken(o.tx, {
      cooperative_id: ctx.organizationId,
      branch_id: input.branchId,
      code: input.code,
      name: input.name,
    });
    if (!row) throw new AppError('CASH_DESK_CODE_TAKEN', { code: input.code });
    await o.audit({
      action: 'cash-desk.created',
      entityType: 'cash-desk',
      entityId: row.id,
      after: { code: row.code, branchId: input.branchId.toString() },
    });
    return deskView(row);
  });
}

async function lockSession(tx: Tx, cooperativeId: string, sessionId: bigint) {
  const s = await repo.lockSession(tx, cooperativeId, sessionId);
  if (!s) throw new AppError('CASH_SESSION_NOT_FOUND');
  return s;
}

/** Cash the desk should hold: the opening float plus every cash line posted through the session. */
export async function expectedCash(
  tx: Tx,
  cooperativeId: string,
  sessionId: bigint,
  openingFloat: bigint,
): Promise<{ receipts: bigint; payments: bigint; expected: bigint }> {
  const cash = await repo.sessionMovements(tx, cooperativeId, sessionId, CASH_ROLE);
  const receipts = cash.debit;
  const payments = cash.credit;
  return { receipts, payments, expected: openingFloat + receipts - payments };
}

export async function openSession(
  deps: Deps,
  ctx: OrgContext,
  input: { deskId: bigint; businessDate: string; openingFloatRupiah: bigint },
) {
  return inOrg(deps, ctx, async (o) => {
    const desk = await repo.findDesk(o.tx, ctx.organizationId, input.deskId);
    if (!desk || !desk.active) throw new AppError('CASH_DESK_NOT_FOUND');
    if (!ctx.actor.userId) throw new AppError('FORBIDDEN');
    const row = await repo.insertSessionUnlessOpen(o.tx, {
      cooperative_id: ctx.organizationId,
      desk_id: input.deskId,
      teller_user_id: ctx.actor.userId,
      business_date: input.businessDate,
      opening_float_rupiah: input.openingFloatRupiah,
    });
    if (!row) throw new AppError('CASH_SESSION_ALREADY_OPEN');
    await o.audit({
      action: 'cash-session.opened',
      entityType: 'cash-session',
      entityId: row.id,
      after: { desk: desk.code, float: input.openingFloatRupiah.toString() },
    });
    return sessionView(row, desk.code, {
      receipts: 0n,
      payments: 0n,
      expected: input.openingFloatRupiah,
    });
  });
}

function sessionView(
  s: repo.CashSessionRecord,
  deskCode: string,
  cash: { receipts: bigint; payments: bigint; expected: bigint },
) {
  return {
    id: s.id.toString(),
    deskId: s.desk_id.toString(),
    deskCode,
    tellerUserId: s.teller_user_id,
    businessDate: s.business_date,
    status: s.status,
    openingFloatRupiah: s.opening_float_rupiah.toString(),
    receiptsRupiah: cash.receipts.toString(),
    paymentsRupiah: cash.payments.toString(),
    expectedRupiah: cash.expected.toString(),
    countedRupiah: s.counted_rupiah?.toString() ?? null,
    varianceRupiah: s.variance_rupiah?.toString() ?? null,
    varianceReason: s.variance_reason,
  };
}

/** The acting teller's open session, if any. */
export async function mySession(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async ({ tx }) => {
    if (!ctx.actor.userId) return null;
    const s = await repo.openSessionOfTeller(tx, ctx.organizationId, ctx.actor.userId);
    if (!s) return null;
    return sessionView(
      s,
      s.desk_code,
      await expectedCash(tx, ctx.organizationId, s.id, s.opening_float_rupiah),
    );
  });
}

/**
 * The session a teller's cash transaction goes through: it must be open and the teller's own.
 * Other areas (savings deposits, loan repayments) call this inside their own transaction.
 */
export async function requireOwnOpenSession(o: OrgTx, sessionId: bigint) {
  const s = await lockSession(o.tx, o.ctx.organizationId, sessionId);
  if (s.status !== 'open') throw new AppError('CASH_SESSION_NOT_OPEN');
  if (s.teller_user_id !== o.ctx.actor.userId) throw new AppError('CASH_SESSION_NOT_YOURS');
  return { ...s, series: seriesOfDesk(s.desk_code) };
}

/** Refuses a payment the desk's cash cannot cover. */
export async function ensureCashAvailable(
  o: OrgTx,
  session: { id: bigint; opening_float_rupiah: bigint },
  amountRupiah: bigint,
): Promise<void> {
  const { expected } = await expectedCash(
    o.tx,
    o.ctx.organizationId,
    session.id,
    session.opening_float_rupiah,
  );
  if (expected < amountRupiah) throw new AppError('CASH_INSUFFICIENT', { available: expected });
}

export interface CashTransactionInput {
  direction: 'in' | 'out';
  /** The other side of the cash: an income, expense, payable or receivable account. */
  accountCode: string;
  amountRupiah: bigint;
  description: string;
  entryDate: string;
}

/** Kas masuk / kas keluar at the counter (not member savings, which have their own routes). */
export async function cashTransaction(
  deps: Deps,
  ctx: OrgContext,
  sessionId: bigint,
  input: CashTransactionInput,
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const s = await requireOwnOpenSession(o, sessionId);
    if (input.direction === 'out') await ensureCashAvailable(o, s, input.amountRupiah);
    const cash = { account: { role: CASH_ROLE }, branchId: s.branch_id };
    const other = { account: { code: input.accountCode }, branchId: s.branch_id };
    const posted = await postEntry(o, {
      entryDate: input.entryDate,
      description: input.description,
      source: { type: input.direction === 'in' ? 'cash.receipt' : 'cash.payment' },
      series: s.series,
      branchId: s.branch_id,
      cashSessionId: s.id,
      lines:
        input.direction === 'in'
          ? [
              { ...cash, debitRupiah: input.amountRupiah },
              { ...other, creditRupiah: input.amountRupiah },
            ]
          : [
              { ...other, debitRupiah: input.amountRupiah },
              { ...cash, creditRupiah: input.amountRupiah },
            ],
    });
    return { status: 201, body: postedView(posted) };
  });
}

/**
 * Closes a session with the physical count. A difference posts to the cash-variance account
 * (shortage: expense; overage: the same account on the credit side) with its reason.
 */
export async function closeSession(
  deps: Deps,
  ctx: OrgContext,
  sessionId: bigint,
  input: { countedRupiah: bigint; varianceReason?: string | null; entryDate: string },
) {
  return inOrg(deps, ctx, async (o) => {
    const s = await lockSession(o.tx, ctx.organizationId, sessionId);
    if (s.status !== 'open') throw new AppError('CASH_SESSION_NOT_OPEN');
    const supervisor = ctx.roles.includes('pengurus') || ctx.roles.includes('pengawas');
    if (s.teller_user_id !== ctx.actor.userId && !supervisor)
      throw new AppError('CASH_SESSION_NOT_YOURS');
    const cash = await expectedCash(o.tx, ctx.organizationId, s.id, s.opening_float_rupiah);
    const variance = input.countedRupiah - cash.expected;
    const reason = input.varianceReason?.trim() || null;
    if (variance !== 0n && !reason)
      throw new AppError('CASH_VARIANCE_REASON_REQUIRED', { variance: variance.toString() });
    let varianceEntryId: bigint | null = null;
    if (variance !== 0n) {
      const abs = variance < 0n ? -variance : variance;
      const posted = await postEntry(o, {
        entryDate: input.entryDate,
        description: `Selisih kas ${s.desk_code} ${s.business_date}: ${reason ?? ''}`,
        source: { type: 'cash.variance', id: s.id.toString() },
        series: seriesOfDesk(s.desk_code),
        branchId: s.branch_id,
        cashSessionId: s.id,
        lines:
          variance < 0n
            ? [
                { account: { role: 'cashVariance' }, debitRupiah: abs },
                { account: { role: CASH_ROLE }, creditRupiah: abs },
              ]
            : [
                { account: { role: CASH_ROLE }, debitRupiah: abs },
                { account: { role: 'cashVariance' }, creditRupiah: abs },
              ],
      });
      varianceEntryId = posted.entryId;
    }
    const row = await repo.updateSession(o.tx, ctx.organizationId, sessionId, {
      status: 'closed',
      closed_at: deps.clock(),
      counted_rupiah: input.countedRupiah,
      expected_rupiah: cash.expected,
      variance_rupiah: variance,
      variance_reason: reason,
      variance_entry_id: varianceEntryId,
    });
    await o.audit({
      action: 'cash-session.closed',
      entityType: 'cash-session',
      entityId: sessionId,
      after: {
        expected: cash.expected.toString(),
        counted: input.countedRupiah.toString(),
        variance: variance.toString(),
        reason,
      },
    });
    return sessionView(row, s.desk_code, cash);
  });
}

/** Daily cash report (laporan kas harian): every session of the day with its movements. */
export async function dailyCashReport(deps: Deps, ctx: OrgContext, businessDate: string) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const sessions = await repo.sessionsOfDay(tx, ctx.organizationId, businessDate);
    const rows: (ReturnType<typeof sessionView> & { branchId: string; teller: string })[] = [];
    for (const s of sessions) {
      const cash = await expectedCash(tx, ctx.organizationId, s.id, s.opening_float_rupiah);
      rows.push({
        ...sessionView(s, s.desk_code, cash),
        branchId: s.branch_id.toString(),
        teller: s.full_name,
      });
    }
    const sum = (k: 'receiptsRupiah' | 'paymentsRupiah') =>
      rows.reduce((a, r) => a + BigInt(r[k]), 0n).toString();
    return {
      businessDate,
      sessions: rows,
      totals: { receiptsRupiah: sum('receiptsRupiah'), paymentsRupiah: sum('paymentsRupiah') },
    };
  });
}

/**
 * Cash sent from one branch to another settles through the inter-office account (rekening antar
 * kantor): each branch's side balances on its own and the account nets to zero across branches.
 */
export async function interBranchTransfer(
  deps: Deps,
  ctx: OrgContext,
  input: {
    fromBranchId: bigint;
    toBranchId: bigint;
    amountRupiah: bigint;
    entryDate: string;
    description: string;
  },
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const posted = await postEntry(o, {
      entryDate: input.entryDate,
      description: input.description,
      source: { type: 'cash.inter-branch' },
      series: 'RAK',
      lines: [
        {
          account: { role: 'interOffice' },
          debitRupiah: input.amountRupiah,
          branchId: input.fromBranchId,
        },
        {
          account: { role: CASH_ROLE },
          creditRupiah: input.amountRupiah,
          branchId: input.fromBranchId,
        },
        {
          account: { role: CASH_ROLE },
          debitRupiah: input.amountRupiah,
          branchId: input.toBranchId,
        },
        {
          account: { role: 'interOffice' },
          creditRupiah: input.amountRupiah,
          branchId: input.toBranchId,
        },
      ],
    });
    return { status: 201, body: postedView(posted) };
  });
}
