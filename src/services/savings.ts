import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../db/database.js';
import type { JsonValue } from '../db/schema.js';
import { AppError, type AppErrorCode } from '../domain/errors.js';
import { breakEarly, maturityDate } from '../domain/savings/berjangka.js';
import { businessDateWib } from '../domain/savings/calendar.js';
import {
  BERJANGKA_TENORS_MONTHS,
  validateSavingsProduct,
  type BerjangkaProduct,
  type BerjangkaTenorMonths,
  type SavingsKind,
  type SavingsProduct,
  type SukarelaProduct,
} from '../domain/savings/product.js';
import { checkWithdrawal } from '../domain/savings/withdrawal.js';
import type { SavingsError } from '../domain/savings/errors.js';
import { registerApprovableAction, requestApproval } from './approvals.js';
import { ensureCashAvailable, requireOwnOpenSession, seriesOfDesk } from './cashdesk.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from './context.js';
import { inOrgOnce, type Idempotency } from './idempotency.js';
import { postEntry, postedView } from './ledger.js';

/**
 * Members' savings: products, accounts and every movement at the counter. The balance lives on
 * the account row and every movement locks that row (SELECT … FOR UPDATE) before checking it, so
 * concurrent withdrawals serialise and can never overdraw; the database's CHECK (balance >= 0) is
 * the second wall. Each movement writes a savings_transactions row and its journal entry in the
 * same transaction.
 */

/** The chart-of-accounts role that holds each kind (equity for pokok/wajib, liability otherwise). */
export const LEDGER_ROLE: Record<SavingsKind, string> = {
  pokok: 'simpananPokok',
  wajib: 'simpananWajib',
  sukarela: 'savingsSukarela',
  berjangka: 'savingsBerjangka',
};

// Products -------------------------------------------------------------------------------------

const rupiahText = z.string().regex(/^[0-9]{1,15}$/);
const bps = z.number().int().min(0).max(10_000);

export const productSettingsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pokok'), amountRupiah: rupiahText }).strict(),
  z.object({ kind: z.literal('wajib'), monthlyAmountRupiah: rupiahText }).strict(),
  z
    .object({
      kind: z.literal('sukarela'),
      annualRateBps: bps,
      interestMethod: z.enum(['daily-balance', 'lowest-balance']),
      dayCount: z.enum(['actual/365', 'actual/actual']).default('actual/365'),
      minimumBalanceRupiah: rupiahText.default('0'),
      minimumBalanceForInterestRupiah: rupiahText.default('0'),
      monthlyAdminFeeRupiah: rupiahText.default('0'),
      dormancyMonths: z.number().int().min(1).max(120).nullable().default(null),
      dormantStopsInterest: z.boolean().default(false),
      /** withdrawals above this need a second person's approval; null: never */
      approvalAboveRupiah: rupiahText.nullable().default(null),
      /** opened for every new member */
      autoOpen: z.boolean().default(true),
    })
    .strict(),
  z
    .object({
      kind: z.literal('berjangka'),
      tenors: z
        .array(z.object({ tenorMonths: z.number().int(), annualRateBps: bps }).strict())
        .min(1)
        .max(5),
      interestBasis: z.enum(['actual/365', 'monthly/12']).default('actual/365'),
      interestPayout: z.enum(['to-sukarela', 'rollover']).default('to-sukarela'),
      automaticRollover: z.boolean().default(true),
      earlyBreakPenalty: z
        .discriminatedUnion('kind', [
          z.object({ kind: z.literal('none') }),
          z.object({ kind: z.literal('percent-of-principal'), rateBps: bps }),
          z.object({ kind: z.literal('flat'), amountRupiah: rupiahText }),
          z.object({ kind: z.literal('clawback-interest-paid') }),
        ])
        .default({ kind: 'none' }),
      minimumPrincipalRupiah: rupiahText.default('100000'),
    })
    .strict(),
]);
export type ProductSettings = z.output<typeof productSettingsSchema>;

/** The stored settings as the domain's product (bigint rupiah). */
export function domainProduct(s: ProductSettings): SavingsProduct {
  switch (s.kind) {
    case 'pokok':
      return { kind: 'pokok', amountRupiah: BigInt(s.amountRupiah) };
    case 'wajib':
      return { kind: 'wajib', monthlyAmountRupiah: BigInt(s.monthlyAmountRupiah) };
    case 'sukarela':
      return {
        kind: 'sukarela',
        annualRateBps: BigInt(s.annualRateBps),
        interestMethod: s.interestMethod,
        dayCount: s.dayCount,
        minimumBalanceRupiah: BigInt(s.minimumBalanceRupiah),
        minimumBalanceForInterestRupiah: BigInt(s.minimumBalanceForInterestRupiah),
        monthlyAdminFeeRupiah: BigInt(s.monthlyAdminFeeRupiah),
        dormancyMonths: s.dormancyMonths,
        dormantStopsInterest: s.dormantStopsInterest,
      };
    case 'berjangka':
      return {
        kind: 'berjangka',
        tenors: s.tenors.map((t) => ({ tenorMonths: t.tenorMonths as BerjangkaTenorMonths, annualRateBps: BigInt(t.annualRateBps) })),
        interestBasis: s.interestBasis,
        interestPayout: s.interestPayout,
        automaticRollover: s.automaticRollover,
        earlyBreakPenalty:
          s.earlyBreakPenalty.kind === 'percent-of-principal'
            ? { kind: 'percent-of-principal', rateBps: BigInt(s.earlyBreakPenalty.rateBps) }
            : s.earlyBreakPenalty.kind === 'flat'
              ? { kind: 'flat', amountRupiah: BigInt(s.earlyBreakPenalty.amountRupiah) }
              : s.earlyBreakPenalty,
        minimumPrincipalRupiah: BigInt(s.minimumPrincipalRupiah),
      };
  }
}

interface ProductRow {
  id: bigint;
  code: string;
  name: string;
  kind: SavingsKind;
  settings: ProductSettings;
  active: boolean;
}

const productView = (p: ProductRow) => ({ id: p.id.toString(), code: p.code, name: p.name, kind: p.kind, active: p.active, settings: p.settings });

export async function createProduct(deps: Deps, ctx: OrgContext, input: { code: string; name: string; settings: z.input<typeof productSettingsSchema> }) {
  const settings = productSettingsSchema.parse(input.settings);
  if (settings.kind === 'berjangka')
    for (const t of settings.tenors)
      if (!(BERJANGKA_TENORS_MONTHS as readonly number[]).includes(t.tenorMonths))
        throw new AppError('SAVINGS_TENOR_NOT_OFFERED', { tenor: t.tenorMonths });
  const v = validateSavingsProduct(domainProduct(settings));
  if (!v.ok) throw new AppError('SAVINGS_PRODUCT_INVALID', { reason: `${v.errors[0]!.field ?? ''} ${v.errors[0]!.code}`.trim() });
  return inOrg(deps, ctx, async (o) => {
    const r = await sql<ProductRow>`
      insert into savings_products (cooperative_id, code, name, kind, minimum_balance_rupiah, settings)
      values (${ctx.organizationId}, ${input.code}, ${input.name}, ${settings.kind},
        ${settings.kind === 'sukarela' ? BigInt(settings.minimumBalanceRupiah) : 0n}, ${JSON.stringify(settings)}::jsonb)
      on conflict (cooperative_id, code) do nothing
      returning id, code, name, kind, settings, active`.execute(o.tx);
    if (!r.rows[0]) throw new AppError('SAVINGS_PRODUCT_CODE_TAKEN', { code: input.code });
    await o.audit({ action: 'savings.product.created', entityType: 'savings_product', entityId: r.rows[0].id, after: { code: input.code, name: input.name, settings } });
    return productView(r.rows[0]);
  });
}

export async function listProducts(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<ProductRow>`select id, code, name, kind, settings, active from savings_products where cooperative_id = ${ctx.organizationId} order by kind, code`.execute(tx);
    return r.rows.map(productView);
  });
}

async function loadProduct(tx: Tx, coop: string, id: bigint): Promise<ProductRow> {
  const r = await sql<ProductRow>`select id, code, name, kind, settings, active from savings_products where cooperative_id = ${coop} and id = ${id}`.execute(tx);
  if (!r.rows[0]) throw new AppError('SAVINGS_PRODUCT_NOT_FOUND');
  return r.rows[0];
}

// Accounts -------------------------------------------------------------------------------------

interface AccountRow {
  id: bigint;
  account_number: string;
  member_id: bigint;
  product_id: bigint;
  status: 'active' | 'dormant' | 'blocked' | 'closed';
  balance_rupiah: bigint;
  /** set by move(): the history row of the latest movement in this transaction */
  last_transaction_id?: bigint;
  opened_on: string;
  principal_rupiah: bigint | null;
  term_opened_on: string | null;
  tenor_months: number | null;
  annual_rate_bps: number | null;
  interest_payout: 'to-sukarela' | 'rollover' | null;
  automatic_rollover: boolean | null;
  payout_account_id: bigint | null;
  kind: SavingsKind;
  settings: ProductSettings;
  member_status: string;
}

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v : JSON.stringify(v));

/** Locks accounts in id order (so two transfers in opposite directions cannot deadlock). */
async function lockAccounts(tx: Tx, coop: string, ids: bigint[]): Promise<Map<string, AccountRow>> {
  const sorted = [...new Set(ids.map(String))].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  const out = new Map<string, AccountRow>();
  for (const id of sorted) {
    const r = await sql<AccountRow>`
      select a.*, p.kind, p.settings, m.status as member_status from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      join members m on m.cooperative_id = a.cooperative_id and m.id = a.member_id
      where a.cooperative_id = ${coop} and a.id = ${BigInt(id)}
      for update of a`.execute(tx);
    if (!r.rows[0]) throw new AppError('SAVINGS_ACCOUNT_NOT_FOUND');
    out.set(id, r.rows[0]);
  }
  return out;
}

const accountView = (a: AccountRow) => ({
  id: a.id.toString(),
  accountNumber: a.account_number,
  memberId: a.member_id.toString(),
  productId: a.product_id.toString(),
  kind: a.kind,
  status: a.status,
  balanceRupiah: a.balance_rupiah.toString(),
  openedOn: iso(a.opened_on)!,
  maturityOn: a.term_opened_on ? maturityDate({ openedOn: iso(a.term_opened_on)!, tenorMonths: a.tenor_months as BerjangkaTenorMonths }) : null,
  annualRateBps: a.annual_rate_bps,
});

async function nextAccountNumber(tx: Tx, coop: string, productCode: string, memberId: bigint): Promise<string> {
  const m = await sql<{ member_number: string | null; n: bigint }>`
    select m.member_number, (select count(*) from savings_accounts a where a.cooperative_id = m.cooperative_id and a.member_id = m.id) as n
    from members m where m.cooperative_id = ${coop} and m.id = ${memberId}`.execute(tx);
  const row = m.rows[0];
  if (!row) throw new AppError('MEMBER_NOT_FOUND');
  if (!row.member_number) throw new AppError('MEMBER_NOT_ACTIVE');
  return `${productCode}-${row.member_number}-${(row.n + 1n).toString().padStart(2, '0')}`;
}

async function insertAccount(
  o: OrgTx,
  input: { memberId: bigint; product: ProductRow; openedOn: string; number?: string },
): Promise<bigint> {
  const coop = o.ctx.organizationId;
  if (input.product.kind === 'pokok' || input.product.kind === 'wajib') {
    const dup = await sql`select 1 from savings_accounts where cooperative_id = ${coop} and member_id = ${input.memberId} and product_id = ${input.product.id}`.execute(o.tx);
    if (dup.rows[0]) throw new AppError('SAVINGS_ACCOUNT_EXISTS');
  }
  const number = input.number ?? (await nextAccountNumber(o.tx, coop, input.product.code, input.memberId));
  const r = await sql<{ id: bigint }>`
    insert into savings_accounts (cooperative_id, account_number, member_id, product_id, opened_on, last_activity_on)
    values (${coop}, ${number}, ${input.memberId}, ${input.product.id}, ${input.openedOn}, ${input.openedOn}) returning id`.execute(o.tx);
  const id = r.rows[0]!.id;
  await o.audit({ action: 'savings.account.opened', entityType: 'savings_account', entityId: id, after: { number, memberId: input.memberId.toString(), product: input.product.code } });
  return id;
}

/** A new member's accounts: every active pokok and wajib product, and the sukarela ones marked autoOpen. */
export async function openDefaultAccounts(o: OrgTx, memberId: bigint, memberNumber: string, openedOn: string): Promise<void> {
  const products = await sql<ProductRow>`
    select id, code, name, kind, settings, active from savings_products
    where cooperative_id = ${o.ctx.organizationId} and active and (kind in ('pokok', 'wajib') or (kind = 'sukarela' and coalesce((settings->>'autoOpen')::boolean, true)))
    order by id`.execute(o.tx);
  for (const p of products.rows) await insertAccount(o, { memberId, product: p, openedOn, number: `${p.code}-${memberNumber}` });
}

async function requireActiveMember(tx: Tx, coop: string, memberId: bigint) {
  const r = await sql<{ status: string }>`select status from members where cooperative_id = ${coop} and id = ${memberId}`.execute(tx);
  if (!r.rows[0]) throw new AppError('MEMBER_NOT_FOUND');
  if (r.rows[0].status !== 'active') throw new AppError('MEMBER_NOT_ACTIVE');
}

/** Opens a pokok, wajib or sukarela account (time deposits open with a placement, below). */
export async function openAccount(deps: Deps, ctx: OrgContext, input: { memberId: bigint; productId: bigint }) {
  return inOrg(deps, ctx, async (o) => {
    await requireActiveMember(o.tx, ctx.organizationId, input.memberId);
    const product = await loadProduct(o.tx, ctx.organizationId, input.productId);
    if (!product.active) throw new AppError('SAVINGS_PRODUCT_NOT_FOUND');
    if (product.kind === 'berjangka') throw new AppError('SAVINGS_DEPOSIT_NOT_ALLOWED', { reason: 'berjangka opens with a placement' });
    const id = await insertAccount(o, { memberId: input.memberId, product, openedOn: businessDateWib(deps.clock()) });
    return accountView((await lockAccounts(o.tx, ctx.organizationId, [id])).get(id.toString())!);
  });
}

export async function getAccount(deps: Deps, ctx: OrgContext, id: bigint, ownOnly = false) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<AccountRow>`
      select a.*, p.kind, p.settings, m.status as member_status from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      join members m on m.cooperative_id = a.cooperative_id and m.id = a.member_id
      where a.cooperative_id = ${ctx.organizationId} and a.id = ${id}
        ${ownOnly ? sql`and m.user_id = ${ctx.actor.userId}` : sql``}`.execute(tx);
    if (!r.rows[0]) throw new AppError('SAVINGS_ACCOUNT_NOT_FOUND');
    return accountView(r.rows[0]);
  });
}

// Movements ------------------------------------------------------------------------------------

type MovementKind = 'deposit' | 'withdrawal' | 'transfer-in' | 'transfer-out' | 'interest' | 'tax' | 'admin-fee' | 'placement' | 'break' | 'penalty' | 'maturity' | 'opening-balance' | 'exit' | 'loan-disbursement' | 'loan-repayment';

/** Moves an account's balance (already locked) and records the movement; returns the new balance. */
async function move(o: OrgTx, a: AccountRow, kind: MovementKind, sign: 1 | -1, amount: bigint, date: string, entryId: bigint, memberInitiated: boolean): Promise<bigint> {
  const after = a.balance_rupiah + BigInt(sign) * amount;
  if (after < 0n) throw new AppError('SAVINGS_INSUFFICIENT_BALANCE', { balance: a.balance_rupiah, amount });
  // the balance and its history row in one statement (one round trip on the teller's hot path);
  // a deposit by the member wakes a dormant account: the member is evidently there
  const r = await sql<{ id: bigint }>`
    with u as (
      update savings_accounts set balance_rupiah = ${after}
        ${memberInitiated ? sql`, last_activity_on = greatest(last_activity_on, ${date}::date)` : sql``}
        ${kind === 'deposit' ? sql`, status = case when status = 'dormant' then 'active' else status end` : sql``}
      where cooperative_id = ${o.ctx.organizationId} and id = ${a.id}
      returning id
    )
    insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah, balance_after_rupiah, transaction_date, entry_id)
    select ${o.ctx.organizationId}, u.id, ${kind}, ${sign}, ${amount}, ${after}, ${date}, ${entryId} from u
    returning id`.execute(o.tx);
  const row = r.rows[0];
  if (!row) throw new Error(`savings account ${a.id} vanished under its lock`);
  a.balance_rupiah = after;
  if (kind === 'deposit' && a.status === 'dormant') a.status = 'active';
  a.last_transaction_id = row.id;
  return after;
}

function refuse(e: SavingsError): never {
  const params: Record<string, string | number | bigint> = {};
  for (const [k, v] of Object.entries(e.params)) params[k] = v;
  throw new AppError(e.code as AppErrorCode, params);
}

function requireOpen(a: AccountRow) {
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

/** Setoran tunai at the counter. */
export async function deposit(deps: Deps, ctx: OrgContext, input: { sessionId: bigint; accountId: bigint; amountRupiah: bigint }, idem?: Idempotency) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    if (input.amountRupiah <= 0n) throw new AppError('SAVINGS_AMOUNT_NOT_POSITIVE');
    const s = await requireOwnOpenSession(o, input.sessionId);
    const a = (await lockAccounts(o.tx, ctx.organizationId, [input.accountId])).get(input.accountId.toString())!;
    requireOpen(a);
    if (a.member_status !== 'active') throw new AppError('MEMBER_NOT_ACTIVE');
    if (a.status === 'blocked') throw new AppError('SAVINGS_ACCOUNT_BLOCKED');
    if (a.kind === 'berjangka') throw new AppError('SAVINGS_DEPOSIT_NOT_ALLOWED', { reason: 'simpanan berjangka' });
    if (a.kind === 'pokok') {
      const amount = BigInt((a.settings as { amountRupiah: string }).amountRupiah);
      if (a.balance_rupiah + input.amountRupiah > amount)
        throw new AppError('SAVINGS_DEPOSIT_NOT_ALLOWED', { reason: `simpanan pokok Rp${amount}` });
    }
    const date = iso(s.business_date)!;
    const posted = await postEntry(o, {
      entryDate: date,
      description: `Setoran ${a.kind} ${a.account_number}`,
      source: { type: 'savings.deposit', id: a.account_number },
      series: s.series,
      branchId: s.branch_id,
      cashSessionId: s.id,
      lines: [
        { account: { role: 'cash' }, debitRupiah: input.amountRupiah, branchId: s.branch_id },
        { account: { role: LEDGER_ROLE[a.kind] }, creditRupiah: input.amountRupiah, memberId: a.member_id, branchId: s.branch_id },
      ],
    });
    const after = await move(o, a, 'deposit', 1, input.amountRupiah, date, posted.entryId, true);
    await o.audit({ action: 'savings.deposit', entityType: 'savings_account', entityId: a.id, after: { amountRupiah: input.amountRupiah.toString(), balanceAfterRupiah: after.toString(), entryId: posted.entryId.toString() } });
    return { status: 201, body: movementResult(a, 'deposit', input.amountRupiah, after, posted, date) };
  });
}

/** The answer to a counter movement, after move() recorded it on `a`. */
function movementResult(a: AccountRow, kind: string, amount: bigint, after: bigint, posted: { entryId: bigint; number: bigint }, date: string): MovementResult {
  if (a.last_transaction_id === undefined) throw new Error(`no movement recorded on savings account ${a.id}`);
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

function checkSukarelaWithdrawal(a: AccountRow, amount: bigint) {
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

/** The posting and bookkeeping of a cash withdrawal, after every check passed. */
async function payOut(o: OrgTx, a: AccountRow, session: { id: bigint; series: string; branch_id: bigint | null; business_date: unknown; opening_float_rupiah: bigint }, amount: bigint, kind: 'withdrawal' | 'exit') {
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
      { account: { role: LEDGER_ROLE[a.kind] }, debitRupiah: amount, memberId: a.member_id, branchId: session.branch_id },
      { account: { role: 'cash' }, creditRupiah: amount, branchId: session.branch_id },
    ],
  });
  const after = await move(o, a, kind, -1, amount, date, posted.entryId, kind === 'withdrawal');
  await o.audit({ action: `savings.${kind}`, entityType: 'savings_account', entityId: a.id, after: { amountRupiah: amount.toString(), balanceAfterRupiah: after.toString(), entryId: posted.entryId.toString() } });
  return movementResult(a, kind, amount, after, posted, date);
}

const withdrawalPayload = z.object({ sessionId: z.string(), accountId: z.string(), amountRupiah: z.string() });

registerApprovableAction({
  name: 'savings.withdrawal',
  permission: 'savings.transact',
  payload: withdrawalPayload,
  summarize: (p) => `Penarikan besar Rp${p.amountRupiah} dari rekening #${p.accountId}`,
  async execute(o, p): Promise<JsonValue> {
    // The cash leaves the requesting teller's desk, which must still be open.
    const coop = o.ctx.organizationId;
    const sr = await sql<{ id: bigint; status: string; branch_id: bigint | null; business_date: unknown; opening_float_rupiah: bigint; desk_code: string }>`
      select s.id, s.status, d.branch_id, s.business_date, s.opening_float_rupiah, d.code as desk_code
      from cash_sessions s join cash_desks d on d.cooperative_id = s.cooperative_id and d.id = s.desk_id
      where s.cooperative_id = ${coop} and s.id = ${BigInt(p.sessionId)} for update of s`.execute(o.tx);
    const s = sr.rows[0];
    if (!s || s.status !== 'open') throw new AppError('CASH_SESSION_NOT_OPEN');
    const amount = BigInt(p.amountRupiah);
    const a = (await lockAccounts(o.tx, coop, [BigInt(p.accountId)])).get(p.accountId)!;
    checkSukarelaWithdrawal(a, amount);
    return payOut(o, a, { ...s, series: seriesOfDesk(s.desk_code) }, amount, 'withdrawal');
  },
});

/**
 * Penarikan tunai. Above the product's approval limit the request waits for a second person; the
 * response then says so (202) and nothing has moved yet.
 */
export async function withdraw(deps: Deps, ctx: OrgContext, input: { sessionId: bigint; accountId: bigint; amountRupiah: bigint }, idem?: Idempotency) {
  return inOrgOnce<JsonValue>(deps, ctx, idem, async (o) => {
    if (input.amountRupiah <= 0n) throw new AppError('SAVINGS_AMOUNT_NOT_POSITIVE');
    const s = await requireOwnOpenSession(o, input.sessionId);
    const a = (await lockAccounts(o.tx, ctx.organizationId, [input.accountId])).get(input.accountId.toString())!;
    requireOpen(a);
    checkSukarelaWithdrawal(a, input.amountRupiah);
    const limit = a.settings.kind === 'sukarela' ? a.settings.approvalAboveRupiah : null;
    if (limit !== null && input.amountRupiah > BigInt(limit)) {
      const approvalId = await requestApproval(o, 'savings.withdrawal', {
        sessionId: input.sessionId.toString(),
        accountId: input.accountId.toString(),
        amountRupiah: input.amountRupiah.toString(),
      });
      return { status: 202, body: { pendingApprovalId: approvalId.toString(), limitRupiah: limit } };
    }
    return { status: 201, body: await payOut(o, a, s, input.amountRupiah, 'withdrawal') };
  });
}

/** Pemindahbukuan between two accounts (a member's own, or to another member): no cash moves. */
export async function transfer(deps: Deps, ctx: OrgContext, input: { fromAccountId: bigint; toAccountId: bigint; amountRupiah: bigint; description?: string | null }, idem?: Idempotency) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    if (input.amountRupiah <= 0n) throw new AppError('SAVINGS_AMOUNT_NOT_POSITIVE');
    if (input.fromAccountId === input.toAccountId) throw new AppError('SAVINGS_TRANSFER_SAME_ACCOUNT');
    const locked = await lockAccounts(o.tx, ctx.organizationId, [input.fromAccountId, input.toAccountId]);
    const from = locked.get(input.fromAccountId.toString())!;
    const to = locked.get(input.toAccountId.toString())!;
    requireOpen(from);
    requireOpen(to);
    checkSukarelaWithdrawal(from, input.amountRupiah);
    if (to.kind === 'berjangka') throw new AppError('SAVINGS_DEPOSIT_NOT_ALLOWED', { reason: 'simpanan berjangka' });
    if (to.status === 'blocked') throw new AppError('SAVINGS_ACCOUNT_BLOCKED');
    if (to.member_status !== 'active') throw new AppError('MEMBER_NOT_ACTIVE');
    if (to.kind === 'pokok' && to.balance_rupiah + input.amountRupiah > BigInt((to.settings as { amountRupiah: string }).amountRupiah))
      throw new AppError('SAVINGS_DEPOSIT_NOT_ALLOWED', { reason: 'simpanan pokok' });
    const date = businessDateWib(deps.clock());
    const posted = await postEntry(o, {
      entryDate: date,
      description: input.description?.trim() || `Pemindahbukuan ${from.account_number} ke ${to.account_number}`,
      source: { type: 'savings.transfer', id: `${from.account_number}>${to.account_number}` },
      lines: [
        { account: { role: LEDGER_ROLE[from.kind] }, debitRupiah: input.amountRupiah, memberId: from.member_id },
        { account: { role: LEDGER_ROLE[to.kind] }, creditRupiah: input.amountRupiah, memberId: to.member_id },
      ],
    });
    const fromAfter = await move(o, from, 'transfer-out', -1, input.amountRupiah, date, posted.entryId, true);
    const toAfter = await move(o, to, 'transfer-in', 1, input.amountRupiah, date, posted.entryId, true);
    await o.audit({ action: 'savings.transfer', entityType: 'savings_account', entityId: from.id, after: { to: to.id.toString(), amountRupiah: input.amountRupiah.toString(), entryId: posted.entryId.toString() } });
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

// Time deposits (simpanan berjangka) ----------------------------------------------------------

/**
 * Places a time deposit: cash at the counter (sessionId) or from the member's sukarela account.
 * The rate is the product's rate for the tenor today and stays for the whole term.
 */
export async function placeDeposit(
  deps: Deps,
  ctx: OrgContext,
  input: { memberId: bigint; productId: bigint; tenorMonths: number; principalRupiah: bigint; payoutAccountId: bigint; sessionId?: bigint | null; fromAccountId?: bigint | null },
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    await requireActiveMember(o.tx, coop, input.memberId);
    const product = await loadProduct(o.tx, coop, input.productId);
    if (product.kind !== 'berjangka' || !product.active) throw new AppError('SAVINGS_PRODUCT_NOT_FOUND');
    const p = domainProduct(product.settings) as BerjangkaProduct;
    const offer = p.tenors.find((t) => t.tenorMonths === input.tenorMonths);
    if (!offer) throw new AppError('SAVINGS_TENOR_NOT_OFFERED', { tenor: input.tenorMonths });
    if (input.principalRupiah <= 0n || input.principalRupiah < p.minimumPrincipalRupiah)
      throw new AppError('SAVINGS_DEPOSIT_NOT_ALLOWED', { reason: `minimum Rp${p.minimumPrincipalRupiah}` });
    if ((input.sessionId === undefined || input.sessionId === null) === (input.fromAccountId === undefined || input.fromAccountId === null)) throw new AppError('VALIDATION_FAILED', {}, 'exactly one of sessionId, fromAccountId');
    const payoutLocked = await lockAccounts(o.tx, coop, [input.payoutAccountId, ...(input.fromAccountId ? [input.fromAccountId] : [])]);
    const payout = payoutLocked.get(input.payoutAccountId.toString())!;
    if (payout.kind !== 'sukarela' || payout.member_id !== input.memberId) throw new AppError('SAVINGS_ACCOUNT_NOT_FOUND');
    requireOpen(payout);
    let date = businessDateWib(deps.clock());
    let session: Awaited<ReturnType<typeof requireOwnOpenSession>> | null = null;
    if (input.sessionId) {
      session = await requireOwnOpenSession(o, input.sessionId);
      date = iso(session.business_date)!;
    }
    const from = input.fromAccountId ? payoutLocked.get(input.fromAccountId.toString())! : null;
    if (from) {
      if (from.member_id !== input.memberId) throw new AppError('SAVINGS_ACCOUNT_NOT_FOUND');
      requireOpen(from);
      checkSukarelaWithdrawal(from, input.principalRupiah);
    }
    const number = await nextAccountNumber(o.tx, coop, product.code, input.memberId);
    const r = await sql<{ id: bigint }>`
      insert into savings_accounts (cooperative_id, account_number, member_id, product_id, opened_on, last_activity_on,
        principal_rupiah, term_opened_on, tenor_months, annual_rate_bps, interest_payout, automatic_rollover, payout_account_id)
      values (${coop}, ${number}, ${input.memberId}, ${product.id}, ${date}, ${date}, ${input.principalRupiah}, ${date},
        ${input.tenorMonths}, ${Number(offer.annualRateBps)}, ${p.interestPayout}, ${p.automaticRollover}, ${payout.id})
      returning id`.execute(o.tx);
    const id = r.rows[0]!.id;
    const acct = (await lockAccounts(o.tx, coop, [id])).get(id.toString())!;
    const posted = await postEntry(o, {
      entryDate: date,
      description: `Penempatan simpanan berjangka ${number} (${input.tenorMonths} bulan)`,
      source: { type: 'savings.placement', id: number },
      ...(session ? { series: session.series, branchId: session.branch_id, cashSessionId: session.id } : {}),
      lines: [
        from
          ? { account: { role: LEDGER_ROLE.sukarela }, debitRupiah: input.principalRupiah, memberId: input.memberId }
          : { account: { role: 'cash' }, debitRupiah: input.principalRupiah, branchId: session!.branch_id },
        { account: { role: LEDGER_ROLE.berjangka }, creditRupiah: input.principalRupiah, memberId: input.memberId },
      ],
    });
    if (from) await move(o, from, 'transfer-out', -1, input.principalRupiah, date, posted.entryId, true);
    const after = await move(o, acct, 'placement', 1, input.principalRupiah, date, posted.entryId, true);
    await o.audit({ action: 'savings.placement', entityType: 'savings_account', entityId: id, after: { number, principalRupiah: input.principalRupiah.toString(), tenorMonths: input.tenorMonths, annualRateBps: Number(offer.annualRateBps) } });
    return { status: 201, body: { account: accountView({ ...acct, balance_rupiah: after }), entryId: posted.entryId.toString() } as JsonValue };
  });
}

/** Early break (pencairan sebelum jatuh tempo): principal less the product's penalty to sukarela. */
export async function breakDeposit(deps: Deps, ctx: OrgContext, accountId: bigint, idem?: Idempotency) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    const first = (await lockAccounts(o.tx, coop, [accountId])).get(accountId.toString())!;
    if (first.kind !== 'berjangka' || !first.payout_account_id) throw new AppError('SAVINGS_ACCOUNT_NOT_FOUND');
    requireOpen(first);
    const locked = await lockAccounts(o.tx, coop, [accountId, first.payout_account_id]);
    const a = locked.get(accountId.toString())!;
    const payout = locked.get(first.payout_account_id.toString())!;
    const date = businessDateWib(deps.clock());
    const p = domainProduct(a.settings) as BerjangkaProduct;
    const termStart = iso(a.term_opened_on)!;
    const paid = await sql<{ net: bigint }>`
      select coalesce(sum(gross_rupiah - tax_rupiah), 0)::bigint as net from savings_interest_lines
      where cooperative_id = ${coop} and account_id = ${a.id} and credit_account_id <> ${a.id} and period >= ${termStart.slice(0, 7)}`.execute(o.tx);
    const held = a.balance_rupiah - a.principal_rupiah!;
    const res = breakEarly({
      deposit: {
        principalRupiah: a.principal_rupiah!,
        annualRateBps: BigInt(a.annual_rate_bps!),
        tenorMonths: a.tenor_months as BerjangkaTenorMonths,
        openedOn: termStart,
        interestBasis: p.interestBasis,
        interestPayout: a.interest_payout!,
        automaticRollover: a.automatic_rollover!,
      },
      onDate: date,
      penaltyRule: p.earlyBreakPenalty,
      blocked: a.status === 'blocked',
      interestPaidRupiah: paid.rows[0]!.net,
      interestHeldRupiah: held,
    });
    if (!res.ok) refuse(res.error);
    // Held (rolled-in) interest is forfeited: it goes back to the expense it came from.
    const lines = [
      { account: { role: LEDGER_ROLE.berjangka }, debitRupiah: a.balance_rupiah, memberId: a.member_id },
      ...(res.payoutRupiah > 0n ? [{ account: { role: LEDGER_ROLE.sukarela }, creditRupiah: res.payoutRupiah, memberId: a.member_id }] : []),
      ...(res.penaltyRupiah > 0n ? [{ account: { role: 'adminIncome' }, creditRupiah: res.penaltyRupiah }] : []),
      ...(res.forfeitedInterestRupiah > 0n ? [{ account: { role: 'depositInterestExpense' }, creditRupiah: res.forfeitedInterestRupiah }] : []),
    ];
    const posted = await postEntry(o, {
      entryDate: date,
      description: `Pencairan sebelum jatuh tempo ${a.account_number}`,
      source: { type: 'savings.break', id: a.account_number },
      lines,
    });
    const total = a.balance_rupiah;
    await move(o, a, 'break', -1, total, date, posted.entryId, true);
    if (res.payoutRupiah > 0n) await move(o, payout, 'transfer-in', 1, res.payoutRupiah, date, posted.entryId, true);
    await sql`update savings_accounts set status = 'closed', closed_on = ${date} where cooperative_id = ${coop} and id = ${a.id}`.execute(o.tx);
    await o.audit({ action: 'savings.break', entityType: 'savings_account', entityId: a.id, after: { penaltyRupiah: res.penaltyRupiah.toString(), payoutRupiah: res.payoutRupiah.toString(), forfeitedInterestRupiah: res.forfeitedInterestRupiah.toString() } });
    return { status: 201, body: { entryId: posted.entryId.toString(), penaltyRupiah: res.penaltyRupiah.toString(), payoutRupiah: res.payoutRupiah.toString(), forfeitedInterestRupiah: res.forfeitedInterestRupiah.toString() } };
  });
}

// Exit (keluar anggota) -----------------------------------------------------------------------

/**
 * Settles a leaving member at the counter: refuses while a loan is outstanding or a time deposit
 * runs; pays out every pokok, wajib and sukarela balance in cash, closes the accounts, and ends the
 * membership (left, or deceased when the refund goes to the heirs).
 */
export async function settleExit(deps: Deps, ctx: OrgContext, input: { sessionId: bigint; memberId: bigint }, idem?: Idempotency) {
  return inOrgOnce<JsonValue>(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    const s = await requireOwnOpenSession(o, input.sessionId);
    const m = await sql<{ status: string; exit_reason: string | null }>`select status, exit_reason from members where cooperative_id = ${coop} and id = ${input.memberId} for update`.execute(o.tx);
    if (!m.rows[0]) throw new AppError('MEMBER_NOT_FOUND');
    if (m.rows[0].status !== 'leaving') throw new AppError('MEMBER_STATUS_INVALID', { status: m.rows[0].status });
    const loans = await sql<{ n: bigint }>`select count(*) as n from loans where cooperative_id = ${coop} and member_id = ${input.memberId} and status = 'active'`.execute(o.tx);
    if (loans.rows[0]!.n > 0n) throw new AppError('MEMBER_HAS_OBLIGATIONS', { reason: 'pinjaman aktif' });
    const ids = await sql<{ id: bigint }>`select id from savings_accounts where cooperative_id = ${coop} and member_id = ${input.memberId} and status <> 'closed'`.execute(o.tx);
    const locked = await lockAccounts(o.tx, coop, ids.rows.map((r) => r.id));
    if ([...locked.values()].some((a) => a.kind === 'berjangka')) throw new AppError('MEMBER_HAS_OBLIGATIONS', { reason: 'simpanan berjangka masih berjalan' });
    const date = iso(s.business_date)!;
    const refunds: JsonValue[] = [];
    for (const a of locked.values()) {
      if (a.balance_rupiah > 0n) refunds.push(await payOut(o, a, s, a.balance_rupiah, 'exit'));
      await sql`update savings_accounts set status = 'closed', closed_on = ${date} where cooperative_id = ${coop} and id = ${a.id}`.execute(o.tx);
    }
    const status = m.rows[0].exit_reason === 'deceased' ? 'deceased' : 'left';
    await sql`update members set status = ${status}, left_on = ${date} where cooperative_id = ${coop} and id = ${input.memberId}`.execute(o.tx);
    await o.audit({ action: 'member.exit-settled', entityType: 'member', entityId: input.memberId, before: { status: 'leaving' }, after: { status, refunds: refunds.length } });
    return { status: 201, body: { memberId: input.memberId.toString(), status, refunds } };
  });
}

// Reading: statements and receipts ------------------------------------------------------------

export interface StatementLine {
  transactionId: string;
  date: string;
  kind: string;
  debitRupiah: string;
  creditRupiah: string;
  balanceRupiah: string;
  entryId: string;
}

/** Rekening koran: the opening balance on `from`, every movement to `to`, the closing balance. */
export async function accountStatement(deps: Deps, ctx: OrgContext, accountId: bigint, range: { from: string; to: string }, ownOnly = false) {
  if (range.from > range.to) throw new AppError('VALIDATION_FAILED', {}, 'from after to');
  return inOrg(deps, ctx, async ({ tx }) => {
    const coop = ctx.organizationId;
    const acct = await sql<AccountRow & { member_number: string; full_name: string; product_name: string }>`
      select a.*, p.kind, p.settings, p.name as product_name, m.status as member_status, m.member_number, m.full_name
      from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      join members m on m.cooperative_id = a.cooperative_id and m.id = a.member_id
      where a.cooperative_id = ${coop} and a.id = ${accountId}
        ${ownOnly ? sql`and m.user_id = ${ctx.actor.userId}` : sql``}`.execute(tx);
    const a = acct.rows[0];
    if (!a) throw new AppError('SAVINGS_ACCOUNT_NOT_FOUND');
    // Counter movements and the month-end lines (interest, tax, admin fee on the month's last day),
    // in date order; the balance runs from the opening, which is backed out of today's balance.
    const moves = sql`
      select t.transaction_date as d, 0 as ord, t.id as seq, t.id::text as ref, t.kind, (t.sign * t.amount_rupiah)::bigint as amount, t.entry_id::text as entry
      from savings_transactions t where t.cooperative_id = ${coop} and t.account_id = ${accountId}
      union all
      select l.booked_on, x.ord, l.account_id, l.period || ':' || l.account_id || ':' || x.kind, x.kind, x.amount,
        (select e.id::text from journal_entries e where e.cooperative_id = l.cooperative_id and e.source_type = 'savings.interest' and e.source_id = l.period limit 1)
      from savings_interest_lines l
      cross join lateral (values (1, 'interest', l.gross_rupiah), (2, 'tax', -l.tax_rupiah), (3, 'admin-fee', -l.fee_rupiah)) as x(ord, kind, amount)
      where l.cooperative_id = ${coop} and l.credit_account_id = ${accountId} and x.amount <> 0`;
    const since = await sql<{ s: bigint }>`select coalesce(sum(amount), 0)::bigint as s from (${moves}) m where m.d >= ${range.from}::date`.execute(tx);
    const openingBalance = a.balance_rupiah - since.rows[0]!.s;
    const rows = await sql<{ d: string; ord: number; seq: bigint; ref: string; kind: string; amount: bigint; entry: string | null; bal: bigint }>`
      select m.*, (${openingBalance}::bigint + sum(m.amount) over (order by m.d, m.ord, m.seq))::bigint as bal
      from (${moves}) m where m.d between ${range.from}::date and ${range.to}::date
      order by m.d, m.ord, m.seq limit 5001`.execute(tx);
    if (rows.rows.length > 5000) throw new AppError('VALIDATION_FAILED', {}, 'range too long; at most 5000 lines');
    const lines: StatementLine[] = rows.rows.map((r) => ({
      transactionId: r.ref,
      date: iso(r.d)!,
      kind: r.kind,
      debitRupiah: r.amount < 0n ? (-r.amount).toString() : '0',
      creditRupiah: r.amount > 0n ? r.amount.toString() : '0',
      balanceRupiah: r.bal.toString(),
      entryId: r.entry ?? '',
    }));
    return {
      account: { ...accountView(a), productName: a.product_name, memberNumber: a.member_number, memberName: a.full_name },
      from: range.from,
      to: range.to,
      openingBalanceRupiah: openingBalance.toString(),
      closingBalanceRupiah: (lines.at(-1)?.balanceRupiah ?? openingBalance.toString()),
      lines,
    };
  });
}

export const KIND_LABEL_ID: Record<string, string> = {
  deposit: 'Setoran tunai',
  withdrawal: 'Penarikan tunai',
  'transfer-in': 'Pemindahbukuan masuk',
  'transfer-out': 'Pemindahbukuan keluar',
  interest: 'Jasa simpanan',
  tax: 'Pajak (PPh final)',
  'admin-fee': 'Biaya administrasi',
  placement: 'Penempatan',
  break: 'Pencairan',
  penalty: 'Denda pencairan',
  maturity: 'Jatuh tempo',
  'opening-balance': 'Saldo awal (migrasi)',
  exit: 'Pengembalian simpanan (keluar)',
  'loan-disbursement': 'Pencairan pinjaman',
  'loan-repayment': 'Angsuran pinjaman (debet simpanan)',
};

// Loans through savings ---------------------------------------------------------------------------

/** The member's sukarela account that loans pay into and collect from (the oldest open one), locked. */
export async function memberSukarelaAccount(o: OrgTx, memberId: bigint): Promise<AccountRow> {
  const r = await sql<{ id: bigint }>`
    select a.id from savings_accounts a join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id and p.kind = 'sukarela'
    where a.cooperative_id = ${o.ctx.organizationId} and a.member_id = ${memberId} and a.status <> 'closed' order by a.id limit 1`.execute(o.tx);
  if (!r.rows[0]) throw new AppError('SAVINGS_ACCOUNT_NOT_FOUND');
  return (await lockAccounts(o.tx, o.ctx.organizationId, [r.rows[0].id])).get(r.rows[0].id.toString())!;
}

/** Checks a debit from sukarela as a withdrawal would be checked (minimum balance, state). */
export function checkSukarelaDebit(a: AccountRow, amount: bigint): void {
  requireOpen(a);
  checkSukarelaWithdrawal(a, amount);
}

/** A sukarela account as a debit sees it (for the loans' auto-debit): state, balance, minimum balance. */
export function sukarelaDebitTerms(a: AccountRow): { state: 'active' | 'dormant' | 'blocked'; balanceRupiah: bigint; minimumBalanceRupiah: bigint } {
  const product = domainProduct(a.settings);
  return {
    state: a.status === 'closed' ? 'blocked' : a.status,
    balanceRupiah: a.balance_rupiah,
    minimumBalanceRupiah: product.kind === 'sukarela' ? product.minimumBalanceRupiah : 0n,
  };
}

/** Records a loan's movement on a sukarela account whose journal lines the caller posted. */
export async function recordLoanMovement(o: OrgTx, a: AccountRow, kind: 'loan-disbursement' | 'loan-repayment', amount: bigint, date: string, entryId: bigint): Promise<bigint> {
  return move(o, a, kind, kind === 'loan-disbursement' ? 1 : -1, amount, date, entryId, true);
}

/** One movement with what a receipt prints. */
export async function transactionForReceipt(deps: Deps, ctx: OrgContext, transactionId: bigint) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<{ id: bigint; transaction_date: string; kind: string; amount_rupiah: bigint; balance_after_rupiah: bigint; account_number: string; product_name: string; member_number: string; full_name: string; entry_number: bigint; series: string; created_by: string | null; created_at: Date }>`
      select t.id, t.transaction_date, t.kind, t.amount_rupiah, t.balance_after_rupiah, a.account_number, p.name as product_name,
        m.member_number, m.full_name, e.number as entry_number, e.series, u.full_name as created_by, t.created_at
      from savings_transactions t
      join savings_accounts a on a.cooperative_id = t.cooperative_id and a.id = t.account_id
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      join members m on m.cooperative_id = a.cooperative_id and m.id = a.member_id
      join journal_entries e on e.cooperative_id = t.cooperative_id and e.id = t.entry_id
      left join users u on u.id = e.created_by
      where t.cooperative_id = ${ctx.organizationId} and t.id = ${transactionId}`.execute(tx);
    if (!r.rows[0]) throw new AppError('NOT_FOUND');
    const org = await sql<{ name: string }>`select name from organizations where id = ${ctx.organizationId}`.execute(tx);
    return { ...r.rows[0], transaction_date: iso(r.rows[0].transaction_date)!, organization: org.rows[0]?.name ?? '' };
  });
}

/** Accounts of a cooperative for the teller's search box and exports. */
export async function searchAccounts(deps: Deps, ctx: OrgContext, q: { search?: string; memberId?: bigint; limit: number }) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const like = q.search ? `%${q.search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
    const r = await sql<AccountRow & { member_number: string; full_name: string; product_name: string }>`
      select a.*, p.kind, p.settings, p.name as product_name, m.status as member_status, m.member_number, m.full_name
      from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      join members m on m.cooperative_id = a.cooperative_id and m.id = a.member_id
      where a.cooperative_id = ${ctx.organizationId}
        ${q.memberId ? sql`and a.member_id = ${q.memberId}` : sql``}
        ${like ? sql`and (lower(m.full_name) like ${like} or lower(a.account_number) like ${like} or m.member_number like ${like})` : sql``}
      order by a.account_number limit ${q.limit}`.execute(tx);
    return r.rows.map((a) => ({ ...accountView(a), productName: a.product_name, memberNumber: a.member_number, memberName: a.full_name }));
  });
}

export { lockAccounts, move, insertAccount, loadProduct };
export type { AccountRow, ProductRow };
import './savings-month-end.js';
