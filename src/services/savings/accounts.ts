import * as repo from '../../db/savings.repo.js';
import type { AccountRow, ProductRow } from '../../db/savings.repo.js';
import type { Queryable } from '../../db/database.js';
import { businessDateWib, isoDateOf } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import { maturityDate } from '../../domain/savings/berjangka.js';
import type { BerjangkaTenorMonths } from '../../domain/savings/product.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { inactiveProductError, loadProduct } from './products.js';

/** A DATE as 'YYYY-MM-DD' whether the driver gave a string or a Date. */
export const iso = isoDateOf;

/** Locks accounts in id order (so two transfers in opposite directions cannot deadlock). */
export async function lockAccounts(
  tx: Queryable,
  coop: string,
  ids: bigint[],
): Promise<Map<string, AccountRow>> {
  const sorted = [...new Set(ids.map(String))].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
  const out = new Map<string, AccountRow>();
  for (const id of sorted) {
    const row = await repo.lockAccount(tx, coop, BigInt(id));
    if (!row) throw new AppError('SAVINGS_ACCOUNT_NOT_FOUND');
    out.set(id, row);
  }
  return out;
}

/** One account, locked. */
export async function lockAccount(tx: Queryable, coop: string, id: bigint): Promise<AccountRow> {
  return (await lockAccounts(tx, coop, [id])).get(id.toString())!;
}

export const accountView = (a: AccountRow) => ({
  id: a.id.toString(),
  accountNumber: a.account_number,
  memberId: a.member_id.toString(),
  productId: a.product_id.toString(),
  kind: a.kind,
  status: a.status,
  balanceRupiah: a.balance_rupiah.toString(),
  openedOn: iso(a.opened_on)!,
  maturityOn: a.term_opened_on
    ? maturityDate({
        openedOn: iso(a.term_opened_on)!,
        tenorMonths: a.tenor_months as BerjangkaTenorMonths,
      })
    : null,
  annualRateBps: a.annual_rate_bps,
});

/** The account as lists and statements show it: with its product and member names. */
export const namedAccountView = (a: repo.NamedAccountRow) => ({
  ...accountView(a),
  productName: a.product_name,
  memberNumber: a.member_number,
  memberName: a.full_name,
});

/** PRODUCT-MEMBERNUMBER-NN, NN counting the member's accounts. */
export async function nextAccountNumber(
  tx: Queryable,
  coop: string,
  productCode: string,
  memberId: bigint,
): Promise<string> {
  const row = await repo.memberAccountCount(tx, coop, memberId);
  if (!row) throw new AppError('MEMBER_NOT_FOUND');
  if (!row.member_number) throw new AppError('MEMBER_NOT_ACTIVE');
  return `${productCode}-${row.member_number}-${(row.n + 1n).toString().padStart(2, '0')}`;
}

export async function insertAccount(
  o: OrgTx,
  input: { memberId: bigint; product: ProductRow; openedOn: string; number?: string },
): Promise<bigint> {
  const coop = o.ctx.organizationId;
  if (input.product.kind === 'pokok' || input.product.kind === 'wajib') {
    if (await repo.memberHasAccountOf(o.tx, coop, input.memberId, input.product.id))
      throw new AppError('SAVINGS_ACCOUNT_EXISTS');
  }
  const number =
    input.number ?? (await nextAccountNumber(o.tx, coop, input.product.code, input.memberId));
  const id = await repo.insertAccount(o.tx, coop, {
    number,
    memberId: input.memberId,
    productId: input.product.id,
    openedOn: input.openedOn,
  });
  await o.audit({
    action: 'savings.account.opened',
    entityType: 'savings_account',
    entityId: id,
    after: { number, memberId: input.memberId.toString(), product: input.product.code },
  });
  return id;
}

/** A new member's accounts: every active pokok and wajib product, and the sukarela ones marked autoOpen. */
export async function openDefaultAccounts(
  o: OrgTx,
  memberId: bigint,
  memberNumber: string,
  openedOn: string,
): Promise<void> {
  for (const p of await repo.defaultProducts(o.tx, o.ctx.organizationId))
    await insertAccount(o, { memberId, product: p, openedOn, number: `${p.code}-${memberNumber}` });
}

export async function requireActiveMember(tx: Queryable, coop: string, memberId: bigint) {
  const status = await repo.memberStatus(tx, coop, memberId);
  if (status === undefined) throw new AppError('MEMBER_NOT_FOUND');
  if (status !== 'active') throw new AppError('MEMBER_NOT_ACTIVE');
}

/** Opens a pokok, wajib or sukarela account (time deposits open with a placement, berjangka.ts). */
export async function openAccount(
  deps: Deps,
  ctx: OrgContext,
  input: { memberId: bigint; productId: bigint },
) {
  return inOrg(deps, ctx, async (o) => {
    await requireActiveMember(o.tx, ctx.organizationId, input.memberId);
    const product = await loadProduct(o.tx, ctx.organizationId, input.productId);
    if (!product.active) throw await inactiveProductError(o.tx, ctx.organizationId, product);
    if (product.kind === 'berjangka')
      throw new AppError('SAVINGS_DEPOSIT_NOT_ALLOWED', {
        reason: 'berjangka opens with a placement',
      });
    const id = await insertAccount(o, {
      memberId: input.memberId,
      product,
      openedOn: businessDateWib(deps.clock()),
    });
    return accountView(await lockAccount(o.tx, ctx.organizationId, id));
  });
}

/** Whose accounts the caller may read: a member reading their own (ownOnly) sees only theirs. */
const ownerOf = (ctx: OrgContext, ownOnly: boolean): repo.OwnerFilter =>
  ownOnly ? { userId: ctx.actor.userId } : null;

export async function getAccount(deps: Deps, ctx: OrgContext, id: bigint, ownOnly = false) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const a = await repo.findAccount(tx, ctx.organizationId, id, ownerOf(ctx, ownOnly));
    if (!a) throw new AppError('SAVINGS_ACCOUNT_NOT_FOUND');
    return accountView(a);
  });
}

/** The account with its names, for statements; not found unless the caller may read it. */
export async function findNamedAccount(
  tx: Queryable,
  ctx: OrgContext,
  id: bigint,
  ownOnly: boolean,
): Promise<repo.NamedAccountRow> {
  const a = await repo.findNamedAccount(tx, ctx.organizationId, id, ownerOf(ctx, ownOnly));
  if (!a) throw new AppError('SAVINGS_ACCOUNT_NOT_FOUND');
  return a;
}

/** Accounts of a cooperative for the teller's search box and exports. */
export async function searchAccounts(
  deps: Deps,
  ctx: OrgContext,
  q: { search?: string; memberId?: bigint; limit: number },
) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const like = q.search
      ? `%${q.search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`
      : null;
    const rows = await repo.searchAccounts(tx, ctx.organizationId, {
      like,
      ...(q.memberId ? { memberId: q.memberId } : {}),
      limit: q.limit,
    });
    return rows.map(namedAccountView);
  });
}
