import { z } from 'zod';
import * as repo from '../../db/savings.repo.js';
import type { AccountRow, MovementKind } from '../../db/savings.repo.js';
import type { JsonValue } from '../../db/schema.js';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError, type AppErrorCode } from '../../domain/errors.js';
import type { SavingsError } from '../../domain/savings/errors.js';
import type { SavingsKind, SukarelaProduct } from '../../domain/savings/product.js';
import { checkWithdrawal } from '../../domain/savings/withdrawal.js';
import { registerApprovableAction, requestApproval } from '../approvals.js';
import { ensureCashAvailable, requireOwnOpenSession, seriesOfDesk } from '../cashdesk.js';
import { inOrgCall, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { inOrgOnce, type Idempotency, type Outcome } from '../idempotency.js';
import { postEntry, postedView } from '../ledger.js';
import { ledgerRefusalOf } from '../../ledger/post.js';
import { iso, lockAccount, lockAccounts } from './accounts.js';
import { savingsLedgerRole } from '../../domain/savings/ledger-role.js';
import { domainProduct } from './products.js';

/**
 * Every movement at the counter. The balance lives on the account row and every movement locks
 * that row (SELECT … FOR UPDATE) before checking it, so concurrent withdrawals serialise and can
 * never overdraw; the database's CHECK (balance >= 0) is the second wall. Each movement writes a
 * savings_transactions row and its journal entry in the same transaction.
 */

/** Moves an account's balance (already locked) and records the movement; returns the new balance. */
export async function move(
  o: OrgTx,
  a: AccountRow,
  kind: MovementKind,
  sign: 1 | -1,
  amount: bigint,
  date: string,
  entryId: bigint,
  memberInitiated: boolean,
): Promise<bigint> {
  const after = a.balance_rupiah + BigInt(sign) * amount;
  if (after < 0n)
    throw new AppError('SAVINGS_INSUFFICIENT_BALANCE', { balance: a.balance_rupiah, amount });
  const id = await repo.recordMovement(o.tx, o.ctx.organizationId, {
    accountId: a.id,
    kind,
    sign,
    amountRupiah: amount,
    balanceAfterRupiah: after,
    date,
    entryId,
    memberInitiated,
  });
  if (id === undefined) throw new Error(`savings account ${a.id} vanished under its lock`);
  a.balance_rupiah = after;
  a.last_transaction_id = id;
  return after;
}

export function refuse(e: SavingsError): never {
  const params: Record<string, string | number | bigint> = {};
  for (const [k, v] of Object.entries(e.params)) params[k] = v;
  throw new AppError(e.code as AppErrorCode, params);
}

export function requireOpen(a: AccountRow) {
  if (a.status === 'closed') throw new AppError('SAVINGS_ACCOUNT_CLOSED');
}

export interface MovementResult {
  [key: string]: JsonValue;
  transactionId: string;
  accountId: string;
  accountNumber: string;
  kind: string;
  amountRupiah: string;
  balanceAfterRupiah: string;
  entryId: string;
  entryNumber: string;
  date: string;
}

/** Simpanan pokok is paid once: a credit may fill it up to the product's amount, never beyond. */
function checkPokokRoom(to: AccountRow, amount: bigint, pokokReason: (max: bigint) => string) {
  if (to.kind === 'pokok') {
    const max = BigInt((to.settings as { amountRupiah: string }).amountRupiah);
    if (to.balance_rupiah + amount > max)
      throw new AppError('SAVINGS_DEPOSIT_NOT_ALLOWED', { reason: pokokReason(max) });
  }
}

/**
 * Setoran tunai at the counter: the busiest request a cooperative has, so the whole of it runs as
 * one call into the database (teller_deposit, src/db/migrations/0045_teller_deposit_in_one_call.sql),
 * sent with BEGIN and COMMIT in one message: the key claimed, the teller's own open session and
 * the account locked, the checks (the amount is positive, the account open and not blocked, the
 * member active, no simpanan berjangka, simpanan pokok not beyond its amount), the posting (cash
 * debited, the account's ledger role credited), the balance and the movement, both audit events
 * and the stored answer. The same checks, refusals and answer as every other counter movement
 * here; docs/performance.md has what the one call saved.
 */
export async function deposit(
  deps: Deps,
  ctx: OrgContext,
  input: { sessionId: bigint; accountId: bigint; amountRupiah: bigint },
  idem?: Idempotency,
): Promise<Outcome<MovementResult>> {
  const outcome = await inOrgCall<Outcome<MovementResult> | null>(
    deps,
    ctx,
    {
      expression: repo.tellerDepositCall({
        cooperativeId: ctx.organizationId,
        userId: ctx.actor.userId,
        actorLabel: ctx.actor.label,
        requestId: ctx.requestId,
        ip: ctx.ip,
        idempotencyKey: idem?.key ?? null,
        requestHash: idem?.requestHash ?? null,
        sessionId: input.sessionId,
        accountId: input.accountId,
        amountRupiah: input.amountRupiah,
      }),
      sessionId: input.sessionId,
      accountId: input.accountId,
    },
    (err) => ledgerRefusalOf(err, ctx.organizationId),
  );
  if (!outcome) throw new Error('teller_deposit returned no outcome');
  return outcome;
}

/** The answer to a counter movement, after move() recorded it on `a`. */
function movementResult(
  a: AccountRow,
  kind: string,
  amount: bigint,
  after: bigint,
  posted: { entryId: bigint; number: bigint },
  date: string,
): MovementResult {
  if (a.last_transaction_id === undefined)
    throw new Error(`no movement recorded on savings account ${a.id}`);
  return {
    transactionId: a.last_transaction_id.toString(),
    accountId: a.id.toString(),
    accountNumber: a.account_number,
    kind,
    amountRupiah: amount.toString(),
    balanceAfterRupiah: after.toString(),
    entryId: posted.entryId.toString(),
    entryNumber: posted.number.toString(),
    date,
  };
}

export function checkSukarelaWithdrawal(a: AccountRow, amount: bigint) {
  const product = domainProduct(a.settings) as SukarelaProduct | { kind: SavingsKind };
  const check = checkWithdrawal({
    kind: a.kind,
    state: a.status === 'closed' ? 'blocked' : a.status,
    balanceRupiah: a.balance_rupiah,
    amountRupiah: amount,
    minimumBalanceRupiah: 'minimumBalanceRupiah' in product ? product.minimumBalanceRupiah : 0n,
    closing: false,
  });
  if (!check.ok) refuse(check.error);
}

export interface CashSession {
  id: bigint;
  series: string;
  branch_id: bigint | null;
  business_date: unknown;
  opening_float_rupiah: bigint;
}

/** The posting and bookkeeping of a cash withdrawal, after every check passed. */
export async function payOut(
  o: OrgTx,
  a: AccountRow,
  session: CashSession,
  amount: bigint,
  kind: 'withdrawal' | 'exit',
) {
  await ensureCashAvailable(o, session, amount);
  const date = iso(session.business_date)!;
  const posted = await postEntry(o, {
    entryDate: date,
    description: `${kind === 'exit' ? 'Pengembalian' : 'Penarikan'} ${a.kind} ${a.account_number}`,
    source: { type: `savings.${kind}`, id: a.account_number },
    series: session.series,
    branchId: session.branch_id,
    cashSessionId: session.id,
    lines: [
      {
        account: { role: savingsLedgerRole(a.kind, a.akad) },
        debitRupiah: amount,
        memberId: a.member_id,
        branchId: session.branch_id,
      },
      { account: { role: 'cash' }, creditRupiah: amount, branchId: session.branch_id },
    ],
  });
  const after = await move(o, a, kind, -1, amount, date, posted.entryId, kind === 'withdrawal');
  await o.audit({
    action: `savings.${kind}`,
    entityType: 'savings_account',
    entityId: a.id,
    after: {
      amountRupiah: amount.toString(),
      balanceAfterRupiah: after.toString(),
      entryId: posted.entryId.toString(),
    },
  });
  return movementResult(a, kind, amount, after, posted, date);
}

const withdrawalPayload = z.object({
  sessionId: z.string(),
  accountId: z.string(),
  amountRupiah: z.string(),
});

registerApprovableAction({
  name: 'savings.withdrawal',
  permission: 'savings.transact',
  payload: withdrawalPayload,
  summarize: (p) => `Penarikan besar Rp${p.amountRupiah} dari rekening #${p.accountId}`,
  async execute(o, p): Promise<JsonValue> {
    // The cash leaves the requesting teller's desk, which must still be open.
    const coop = o.ctx.organizationId;
    const s = await repo.lockCashSession(o.tx, coop, BigInt(p.sessionId));
    if (!s || s.status !== 'open') throw new AppError('CASH_SESSION_NOT_OPEN');
    const amount = BigInt(p.amountRupiah);
    const a = await lockAccount(o.tx, coop, BigInt(p.accountId));
    checkSukarelaWithdrawal(a, amount);
    return payOut(o, a, { ...s, series: seriesOfDesk(s.desk_code) }, amount, 'withdrawal');
  },
});

/**
 * Penarikan tunai. Above the product's approval limit the request waits for a second person; the
 * response then says so (202) and nothing has moved yet.
 */
export async function withdraw(
  deps: Deps,
  ctx: OrgContext,
  input: { sessionId: bigint; accountId: bigint; amountRupiah: bigint },
  idem?: Idempotency,
) {
  return inOrgOnce<JsonValue>(deps, ctx, idem, async (o) => {
    if (input.amountRupiah <= 0n) throw new AppError('SAVINGS_AMOUNT_NOT_POSITIVE');
    const s = await requireOwnOpenSession(o, input.sessionId);
    const a = await lockAccount(o.tx, ctx.organizationId, input.accountId);
    requireOpen(a);
    checkSukarelaWithdrawal(a, input.amountRupiah);
    const limit = a.settings.kind === 'sukarela' ? a.settings.approvalAboveRupiah : null;
    if (limit !== null && input.amountRupiah > BigInt(limit)) {
      const approvalId = await requestApproval(o, 'savings.withdrawal', {
        sessionId: input.sessionId.toString(),
        accountId: input.accountId.toString(),
        amountRupiah: input.amountRupiah.toString(),
      });
      return {
        status: 202,
        body: { pendingApprovalId: approvalId.toString(), limitRupiah: limit },
      };
    }
    return { status: 201, body: await payOut(o, a, s, input.amountRupiah, 'withdrawal') };
  });
}

/** Pemindahbukuan between two accounts (a member's own, or to another member): no cash moves. */
export async function transfer(
  deps: Deps,
  ctx: OrgContext,
  input: {
    fromAccountId: bigint;
    toAccountId: bigint;
    amountRupiah: bigint;
    description?: string | null;
  },
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    if (input.amountRupiah <= 0n) throw new AppError('SAVINGS_AMOUNT_NOT_POSITIVE');
    if (input.fromAccountId === input.toAccountId)
      throw new AppError('SAVINGS_TRANSFER_SAME_ACCOUNT');
    const locked = await lockAccounts(o.tx, ctx.organizationId, [
      input.fromAccountId,
      input.toAccountId,
    ]);
    const from = locked.get(input.fromAccountId.toString())!;
    const to = locked.get(input.toAccountId.toString())!;
    requireOpen(from);
    requireOpen(to);
    checkSukarelaWithdrawal(from, input.amountRupiah);
    if (to.kind === 'berjangka')
      throw new AppError('SAVINGS_DEPOSIT_NOT_ALLOWED', { reason: 'simpanan berjangka' });
    if (to.status === 'blocked') throw new AppError('SAVINGS_ACCOUNT_BLOCKED');
    if (to.member_status !== 'active') throw new AppError('MEMBER_NOT_ACTIVE');
    checkPokokRoom(to, input.amountRupiah, () => 'simpanan pokok');
    const date = businessDateWib(deps.clock());
    const posted = await postEntry(o, {
      entryDate: date,
      description:
        input.description?.trim() ||
        `Pemindahbukuan ${from.account_number} ke ${to.account_number}`,
      source: { type: 'savings.transfer', id: `${from.account_number}>${to.account_number}` },
      lines: [
        {
          account: { role: savingsLedgerRole(from.kind, from.akad) },
          debitRupiah: input.amountRupiah,
          memberId: from.member_id,
        },
        {
          account: { role: savingsLedgerRole(to.kind, to.akad) },
          creditRupiah: input.amountRupiah,
          memberId: to.member_id,
        },
      ],
    });
    const fromAfter = await move(
      o,
      from,
      'transfer-out',
      -1,
      input.amountRupiah,
      date,
      posted.entryId,
      true,
    );
    const toAfter = await move(
      o,
      to,
      'transfer-in',
      1,
      input.amountRupiah,
      date,
      posted.entryId,
      true,
    );
    await o.audit({
      action: 'savings.transfer',
      entityType: 'savings_account',
      entityId: from.id,
      after: {
        to: to.id.toString(),
        amountRupiah: input.amountRupiah.toString(),
        entryId: posted.entryId.toString(),
      },
    });
    return {
      status: 201,
      body: {
        ...postedView(posted),
        from: { accountId: from.id.toString(), balanceAfterRupiah: fromAfter.toString() },
        to: { accountId: to.id.toString(), balanceAfterRupiah: toAfter.toString() },
      },
    };
  });
}
