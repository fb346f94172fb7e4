import { verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import * as users from '../../db/users.repo.js';
import type { JsonValue } from '../../db/schema.js';
import { can } from '../../domain/auth/permissions.js';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError, type AppErrorCode } from '../../domain/errors.js';
import { consignmentSplit } from '../../domain/shop/consignment.js';
import { checkCredit } from '../../domain/shop/credit.js';
import { issue, type StockState } from '../../domain/shop/hpp.js';
import {
  receiptHash,
  receiptNumber,
  verifyChain,
  type ChainedSale,
} from '../../domain/shop/receipt-chain.js';
import { checkSale, type PaymentMethod } from '../../domain/shop/sale.js';
import { toBase } from '../../domain/shop/units.js';
import type { PostingLine } from '../../ledger/post.js';
import { seriesOfDesk } from '../cashdesk.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { inOrgOnce, type Idempotency } from '../idempotency.js';
import { postEntry, reverseEntry } from '../ledger.js';
import { lockAccount } from '../savings/accounts.js';
import { checkSukarelaWithdrawal, move } from '../savings/movements.js';
import { productsById, type CatalogueProduct } from './catalogue.js';
import { lockStock, postHppAdjustment, stockIn, stockUpdate, type StockMap } from './stock.js';

/**
 * The point of sale (docs/domain/shop.md). A till numbers its sales itself, gapless, and chains
 * them by hash, so it can keep selling while the network is down; the server records a sale only
 * as the next link of its till's chain, recomputes the hash, and records each sale once however
 * many times it is sent (its client_sale_id is unique and is the request's Idempotency-Key). The
 * sale, its stock moves at cost, the member's savings movement and the balanced journal entry
 * (cash, QRIS, sukarela or goods credit against sales, consignment payable, HPP and stock) are
 * one transaction.
 */

export interface SaleInput {
  clientSaleId: string;
  tillId: bigint;
  receiptNo: number;
  prevHash: string;
  hash: string;
  soldAt: string;
  memberId: bigint | null;
  lines: {
    productId: bigint;
    unit: string;
    qty: bigint;
    qtyBase: bigint;
    priceRupiah: bigint;
    priceBase: bigint;
    amountRupiah: bigint;
  }[];
  totalRupiah: bigint;
  paymentMethod: PaymentMethod;
  paymentReference: string | null;
  tenderedRupiah: bigint | null;
  offline: boolean;
}

/** A sale line as text, as the receipt hash covers it and the till's answer shows it. */
function lineText(l: SaleInput['lines'][number]) {
  return {
    productId: l.productId.toString(),
    unit: l.unit,
    qty: l.qty.toString(),
    qtyBase: l.qtyBase.toString(),
    priceRupiah: l.priceRupiah.toString(),
    priceBase: l.priceBase.toString(),
    amountRupiah: l.amountRupiah.toString(),
  };
}

function chained(input: SaleInput): ChainedSale {
  return {
    tillId: input.tillId.toString(),
    receiptNo: input.receiptNo,
    clientSaleId: input.clientSaleId,
    soldAt: input.soldAt,
    memberId: input.memberId?.toString() ?? null,
    lines: input.lines.map(lineText),
    totalRupiah: input.totalRupiah.toString(),
    paymentMethod: input.paymentMethod,
    paymentReference: input.paymentReference,
    tenderedRupiah: input.tenderedRupiah?.toString() ?? null,
  };
}

/**
 * The till, locked (its chain head moves only under this lock), with in the same round trip the
 * sale already recorded under the client's id (a retry) and the cashier's open session on the
 * till's desk (the shift the cash goes through).
 */
async function lockTill(o: OrgTx, tillId: bigint, clientSaleId: string) {
  const r = await sql<{
    id: bigint;
    code: string;
    outlet_id: bigint;
    desk_id: bigint;
    desk_code: string;
    branch_id: bigint;
    last_receipt_no: bigint;
    last_hash: string;
    prior_id: bigint | null;
    prior_hash: string | null;
    prior_till_id: bigint | null;
    session_id: bigint | null;
    session_date: string | null;
  }>`select t.id, t.code, t.outlet_id, t.desk_id, d.code as desk_code, d.branch_id,
      t.last_receipt_no, t.last_hash, p.id as prior_id, p.hash as prior_hash,
      p.till_id as prior_till_id, cs.id as session_id, cs.business_date::text as session_date
    from shop_tills t join cash_desks d on d.cooperative_id = t.cooperative_id and d.id = t.desk_id
    left join shop_sales p on p.cooperative_id = t.cooperative_id and p.client_sale_id = ${clientSaleId}
    left join cash_sessions cs on cs.cooperative_id = t.cooperative_id and cs.desk_id = t.desk_id
      and cs.teller_user_id = ${o.ctx.actor.userId} and cs.status = 'open'
    where t.cooperative_id = ${o.ctx.organizationId} and t.id = ${tillId} and t.active
    for update of t`.execute(o.tx);
  const till = r.rows[0];
  if (!till) throw new AppError('SHOP_TILL_NOT_FOUND');
  return till;
}

/** The member's sukarela account a purchase is paid from (the oldest open one). */
async function sukarelaAccountId(o: OrgTx, memberId: bigint): Promise<bigint | null> {
  const r = await sql<{ id: bigint }>`select a.id from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
    where a.cooperative_id = ${o.ctx.organizationId} and a.member_id = ${memberId}
      and p.kind = 'sukarela' and a.status in ('active', 'dormant')
    order by a.id limit 1`.execute(o.tx);
  return r.rows[0]?.id ?? null;
}

/** What a member owes on goods credit: the member's balance on the goods-credit receivable. */
export async function creditOutstanding(o: OrgTx, memberId: bigint): Promise<bigint> {
  const r = await sql<{
    owed: bigint;
  }>`select coalesce(sum(l.debit_rupiah - l.credit_rupiah), 0)::bigint as owed
    from journal_lines l join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
    where l.cooperative_id = ${o.ctx.organizationId} and a.role = 'goodsCreditReceivable'
      and l.member_id = ${memberId}`.execute(o.tx);
  return r.rows[0]?.owed ?? 0n;
}

async function creditLimit(o: OrgTx, memberId: bigint): Promise<bigint | null> {
  const r = await o.tx
    .selectFrom('shop_credit_limits')
    .select('limit_rupiah')
    .where('cooperative_id', '=', o.ctx.organizationId)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return r?.limit_rupiah ?? null;
}

function refuseWith(code: AppErrorCode, params: Record<string, unknown>): never {
  const p: Record<string, string | number | bigint> = {};
  for (const [k, v] of Object.entries(params))
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') p[k] = v;
  throw new AppError(code, p);
}

export interface SaleLineView {
  [key: string]: JsonValue;
  lineNo: number;
  productId: string;
  name: string;
  unit: string;
  qty: string;
  qtyBase: string;
  priceRupiah: string;
  priceBase: string;
  amountRupiah: string;
  returnedQtyBase: string;
}

export interface SaleView {
  [key: string]: JsonValue;
  id: string;
  tillId: string;
  receiptNo: number;
  receiptNumber: string;
  hash: string;
  status: 'posted' | 'voided';
  totalRupiah: string;
  changeRupiah: string;
  tenderedRupiah: string | null;
  entryNumber: string;
  businessDate: string;
  soldAt: string;
  paymentMethod: PaymentMethod;
  paymentReference: string | null;
  offline: boolean;
  member: {
    [key: string]: JsonValue;
    id: string;
    number: string | null;
    name: string | null;
  } | null;
  savingsBalanceAfterRupiah: string | null;
  creditAvailableAfterRupiah: string | null;
  voidReason: string | null;
  lines: SaleLineView[];
}

export async function saleView(o: OrgTx, saleId: bigint): Promise<SaleView> {
  // one round trip: the sale, its member, entry, the sukarela balance it left, and its lines
  const r = await sql<{
    id: bigint;
    till_id: bigint;
    till_code: string;
    receipt_no: bigint;
    hash: string;
    status: 'posted' | 'voided';
    total_rupiah: bigint;
    tendered_rupiah: bigint | null;
    business_date: string;
    sold_at: Date;
    payment_method: PaymentMethod;
    payment_reference: string | null;
    offline: boolean;
    member_id: bigint | null;
    member_number: string | null;
    member_name: string | null;
    entry_number: bigint;
    entry_series: string;
    entry_year: number;
    savings_balance: bigint | null;
    void_reason: string | null;
    lines: {
      line_no: number;
      product_id: string;
      name: string;
      unit: string;
      qty: string;
      qty_base: string;
      price: string;
      price_base: string;
      amount: string;
      returned: string;
    }[];
  }>`select s.id, s.till_id, t.code as till_code, s.receipt_no, s.hash, s.status, s.total_rupiah,
      s.tendered_rupiah, s.business_date, s.sold_at, s.payment_method, s.payment_reference,
      s.offline, s.member_id, m.member_number, m.full_name as member_name,
      e.number as entry_number, e.series as entry_series, e.fiscal_year as entry_year,
      a.balance_rupiah as savings_balance, s.void_reason,
      (select json_agg(json_build_object('line_no', l.line_no, 'product_id', l.product_id::text,
          'name', p.name, 'unit', l.unit, 'qty', l.qty::text, 'qty_base', l.qty_base::text,
          'price', l.unit_price_rupiah::text, 'price_base', l.price_base::text,
          'amount', l.amount_rupiah::text, 'returned', l.returned_qty_base::text) order by l.line_no)
        from shop_sale_lines l
        join shop_products p on p.cooperative_id = l.cooperative_id and p.id = l.product_id
        where l.cooperative_id = s.cooperative_id and l.sale_id = s.id) as lines
    from shop_sales s
    join shop_tills t on t.cooperative_id = s.cooperative_id and t.id = s.till_id
    join journal_entries e on e.cooperative_id = s.cooperative_id and e.id = s.journal_entry_id
    left join members m on m.cooperative_id = s.cooperative_id and m.id = s.member_id
    left join savings_accounts a on a.cooperative_id = s.cooperative_id and a.id = s.savings_account_id
    where s.cooperative_id = ${o.ctx.organizationId} and s.id = ${saleId}`.execute(o.tx);
  const s = r.rows[0];
  if (!s) throw new AppError('SHOP_SALE_NOT_FOUND');
  const credit =
    s.payment_method === 'member_credit' && s.member_id !== null
      ? await creditAvailable(o, s.member_id)
      : null;
  return {
    id: s.id.toString(),
    tillId: s.till_id.toString(),
    receiptNo: Number(s.receipt_no),
    receiptNumber: receiptNumber(s.till_code, Number(s.receipt_no)),
    hash: s.hash,
    status: s.status,
    totalRupiah: s.total_rupiah.toString(),
    changeRupiah:
      s.tendered_rupiah === null ? '0' : (s.tendered_rupiah - s.total_rupiah).toString(),
    tenderedRupiah: s.tendered_rupiah?.toString() ?? null,
    entryNumber: `${s.entry_series}/${s.entry_year}/${s.entry_number}`,
    businessDate: String(s.business_date).slice(0, 10),
    soldAt: new Date(s.sold_at).toISOString(),
    paymentMethod: s.payment_method,
    paymentReference: s.payment_reference,
    offline: s.offline,
    member:
      s.member_id === null
        ? null
        : { id: s.member_id.toString(), number: s.member_number, name: s.member_name },
    savingsBalanceAfterRupiah: s.savings_balance?.toString() ?? null,
    creditAvailableAfterRupiah: credit,
    voidReason: s.void_reason,
    lines: (s.lines ?? []).map((l) => ({
      lineNo: l.line_no,
      productId: l.product_id,
      name: l.name,
      unit: l.unit,
      qty: l.qty,
      qtyBase: l.qty_base,
      priceRupiah: l.price,
      priceBase: l.price_base,
      amountRupiah: l.amount,
      returnedQtyBase: l.returned,
    })),
  };
}

/** Records one sale (or answers with the one already recorded under its client_sale_id). */
export async function recordSaleIn(
  o: OrgTx,
  input: SaleInput,
): Promise<{ status: number; body: SaleView }> {
  const till = await lockTill(o, input.tillId, input.clientSaleId);
  // the same sale again (a retry after a dropped answer): the first answer, nothing posted
  if (till.prior_id !== null) {
    if (till.prior_hash !== input.hash || till.prior_till_id !== input.tillId)
      throw new AppError('SHOP_SALE_CONFLICT');
    return { status: 200, body: await saleView(o, till.prior_id) };
  }
  const { session, businessDate } = checkLink(till, input, {
    receiptNo: Number(till.last_receipt_no),
    hash: till.last_hash,
  });
  return postSale(o, till, input, {
    session,
    businessDate,
    cashDebit: null,
    description: null,
  });
}

/**
 * A till's sale as the next link of its chain: the canonical instant, the next receipt number
 * after `head`, chained to its hash, the hash the server recomputes; member payments only online
 * (the server checks a balance or a limit at the moment of sale); online, the cashier's open
 * shift on the till's desk, whose date is the sale's business date.
 */
function checkLink(
  till: LockedTill,
  input: SaleInput,
  head: { receiptNo: number; hash: string },
): { session: { id: bigint; business_date: string } | null; businessDate: string } {
  canonicalSoldAt(input.soldAt);
  const expected = head.receiptNo + 1;
  if (input.receiptNo !== expected || input.prevHash !== head.hash)
    throw new AppError('SHOP_RECEIPT_OUT_OF_SEQUENCE', {
      expectedReceiptNo: expected,
      lastHash: head.hash,
    });
  if (receiptHash(input.prevHash, chained(input)) !== input.hash)
    throw new AppError('SHOP_RECEIPT_HASH_MISMATCH');
  // offline the server cannot have checked a balance or a limit at the moment of sale
  if (
    input.offline &&
    (input.paymentMethod === 'member_account' || input.paymentMethod === 'member_credit')
  )
    throw new AppError('SHOP_SALE_OFFLINE_PAYMENT');
  // the cashier's shift: the own open session on the till's desk (read with the till)
  const session =
    till.session_id === null ? null : { id: till.session_id, business_date: till.session_date! };
  if (!session && !input.offline) throw new AppError('CASH_SESSION_NONE_OPEN');
  const businessDate = session
    ? session.business_date.slice(0, 10)
    : businessDateWib(new Date(input.soldAt));

  return { session, businessDate };
}

/**
 * A marketplace or mlijo order delivered (docs/domain/marketplace.md, docs/domain/mlijo.md): a
 * sale on the channel's own till, numbered and chained by the server (no cashier's device holds
 * that till), with no cash session; cash collected on delivery goes where the caller says (the
 * courier's or vendor's cash account). The same checks and postings as a till sale.
 */
export interface OrderSaleInput {
  tillId: bigint;
  /** the delivery's uuid: the same id again answers with the sale already recorded */
  clientSaleId: string;
  soldAt: string;
  businessDate: string;
  memberId: bigint | null;
  lines: SaleInput['lines'];
  totalRupiah: bigint;
  paymentMethod: PaymentMethod;
  paymentReference: string | null;
  cashDebit?: { account: PostingLine['account']; memberId?: bigint | null };
  description?: string;
}

export async function recordOrderSaleIn(o: OrgTx, order: OrderSaleInput): Promise<SaleView> {
  const till = await lockTill(o, order.tillId, order.clientSaleId);
  if (till.prior_id !== null) {
    if (till.prior_till_id !== order.tillId) throw new AppError('SHOP_SALE_CONFLICT');
    return saleView(o, till.prior_id);
  }
  canonicalSoldAt(order.soldAt);
  const receiptNo = Number(till.last_receipt_no) + 1;
  const unhashed: SaleInput = {
    clientSaleId: order.clientSaleId,
    tillId: order.tillId,
    receiptNo,
    prevHash: till.last_hash,
    hash: '',
    soldAt: order.soldAt,
    memberId: order.memberId,
    lines: order.lines,
    totalRupiah: order.totalRupiah,
    paymentMethod: order.paymentMethod,
    paymentReference: order.paymentReference,
    tenderedRupiah: order.paymentMethod === 'cash' ? order.totalRupiah : null,
    offline: false,
  };
  const input = { ...unhashed, hash: receiptHash(till.last_hash, chained(unhashed)) };
  const posted = await postSale(o, till, input, {
    session: null,
    businessDate: order.businessDate,
    cashDebit: order.cashDebit ?? null,
    description: order.description ?? null,
  });
  return posted.body;
}

/** the hash covers soldAt as sent; the chain is re-walked from the stored instant, so only the
 *  one canonical form (toISOString: UTC, milliseconds) round-trips */
function canonicalSoldAt(soldAt: string): void {
  const d = new Date(soldAt);
  if (Number.isNaN(d.getTime()) || d.toISOString() !== soldAt)
    throw new AppError(
      'VALIDATION_FAILED',
      {},
      'soldAt must be an instant in UTC as toISOString writes it',
    );
}

type LockedTill = Awaited<ReturnType<typeof lockTill>>;

/**
 * What the sales of one transaction on one till share, read once: the products, the members and
 * the stock rows (locked) of all of them; and the sales checked and posted so far, written
 * together by `writeSales`. A till's single sale and a queue of them synced at once take the
 * same path.
 */
interface SaleWork {
  till: LockedTill;
  products: Map<string, CatalogueProduct>;
  members: Map<string, SaleMember>;
  stock: StockMap;
  pending: PendingSale[];
}

interface SaleMember {
  id: bigint;
  status: string;
  member_number: string | null;
  full_name: string;
}

interface PendingSale {
  input: SaleInput;
  /** the entry's number, for the answer */
  entry: { series: string; fiscalYear: number; number: bigint };
  /** the sukarela balance the sale left (paid from the member's account) */
  savingsBalanceAfter: bigint | null;
  businessDate: string;
  sessionId: bigint | null;
  memberId: bigint | null;
  costTotal: bigint;
  savingsAccountId: bigint | null;
  entryId: bigint;
  lines: (SaleInput['lines'][number] & {
    lineNo: number;
    cost: bigint;
    consignorId: bigint | null;
    share: bigint | null;
  })[];
}

interface SaleAt {
  session: { id: bigint; business_date: string } | null;
  businessDate: string;
  cashDebit: OrderSaleInput['cashDebit'] | null;
  description: string | null;
}

async function loadSaleWork(
  o: OrgTx,
  till: LockedTill,
  inputs: readonly SaleInput[],
): Promise<SaleWork> {
  const productIds = inputs.flatMap((s) => s.lines.map((l) => l.productId));
  const memberIds = [
    ...new Set(inputs.flatMap((s) => (s.memberId === null ? [] : [s.memberId.toString()]))),
  ];
  const products = await productsById(o, productIds);
  const members = new Map<string, SaleMember>();
  if (memberIds.length > 0)
    for (const m of await o.tx
      .selectFrom('members')
      .select(['id', 'status', 'member_number', 'full_name'])
      .where('cooperative_id', '=', o.ctx.organizationId)
      .where('id', 'in', memberIds.map(BigInt))
      .execute())
      members.set(m.id.toString(), m);
  // stock out at moving-average cost: every row the sales touch, locked in product order
  const stock = await lockStock(o, till.outlet_id, productIds);
  return { till, products, members, stock, pending: [] };
}

/**
 * Checks one sale (lines, units, the member, the payer's balance or limit), takes its goods out
 * of stock and posts its entry; the rows wait in `work` for writeSales. A refusal throws before
 * anything of this sale is written or taken from stock.
 */
async function addSale(o: OrgTx, work: SaleWork, input: SaleInput, at: SaleAt): Promise<void> {
  const coop = o.ctx.organizationId;
  const { till, products } = work;
  const { session, businessDate } = at;
  const check = checkSale({
    lines: input.lines,
    totalRupiah: input.totalRupiah,
    paymentMethod: input.paymentMethod,
    tenderedRupiah: input.tenderedRupiah,
    memberId: input.memberId?.toString() ?? null,
  });
  if (!check.ok) refuseWith(check.error.code, check.error);
  if (input.paymentMethod !== 'cash' && input.tenderedRupiah !== null)
    throw new AppError('VALIDATION_FAILED', {}, 'tenderedRupiah is for cash only');
  for (const l of input.lines) {
    const p = products.get(l.productId.toString());
    if (!p) throw new AppError('SHOP_PRODUCT_NOT_FOUND');
    const base = toBase(p, l.unit, l.qty);
    if (typeof base !== 'bigint') refuseWith(base.code, base);
    if (base !== l.qtyBase && !p.weighed) throw new AppError('SHOP_QTY_INVALID');
  }
  let member: SaleMember | null = null;
  if (input.memberId !== null) {
    member = work.members.get(input.memberId.toString()) ?? null;
    if (!member) throw new AppError('SHOP_MEMBER_NOT_FOUND');
  }

  // stock out on a trial copy, kept only once the sale is posted
  const taken = new Map<string, StockState>();
  let costTotal = 0n;
  let ownSales = 0n;
  const consignorShares = new Map<string, { memberId: bigint | null; amount: bigint }>();
  const lines = input.lines.map((l, i) => {
    const p = products.get(l.productId.toString())!;
    const key = l.productId.toString();
    const out = issue(taken.get(key) ?? work.stock.get(key)!, l.qtyBase);
    taken.set(key, out.state);
    // consignment goods carry no cost (not the cooperative's)
    const cost = p.consignorId === null ? out.costRupiah : 0n;
    costTotal += cost;
    let share: bigint | null = null;
    if (p.consignorId !== null) {
      const split = consignmentSplit(l.amountRupiah, p.marginBps ?? 0);
      share = split.consignorShareRupiah;
      ownSales += split.marginRupiah;
      const c = consignorShares.get(p.consignorId.toString()) ?? {
        memberId: p.consignorMemberId,
        amount: 0n,
      };
      c.amount += share;
      consignorShares.set(p.consignorId.toString(), c);
    } else ownSales += l.amountRupiah;
    return { ...l, lineNo: i + 1, cost, consignorId: p.consignorId, share };
  });

  // the paying side
  let debit: PostingLine;
  let savingsAccount: Awaited<ReturnType<typeof lockAccount>> | null = null;
  switch (input.paymentMethod) {
    case 'cash':
      // cash collected on delivery is held by the courier or vendor until handed over
      debit = at.cashDebit
        ? {
            account: at.cashDebit.account,
            debitRupiah: input.totalRupiah,
            memberId: at.cashDebit.memberId ?? null,
            branchId: till.branch_id,
          }
        : { account: { role: 'cash' }, debitRupiah: input.totalRupiah, branchId: till.branch_id };
      break;
    case 'qris':
      debit = { account: { role: 'qrisClearing' }, debitRupiah: input.totalRupiah };
      break;
    case 'member_account': {
      if (!member || member.status !== 'active') throw new AppError('MEMBER_NOT_ACTIVE');
      const accountId = await sukarelaAccountId(o, member.id);
      if (accountId === null) throw new AppError('SHOP_NO_SUKARELA');
      savingsAccount = await lockAccount(o.tx, coop, accountId);
      checkSukarelaWithdrawal(savingsAccount, input.totalRupiah);
      debit = {
        account: { role: 'savingsSukarela' },
        debitRupiah: input.totalRupiah,
        memberId: member.id,
      };
      break;
    }
    case 'member_credit': {
      if (!member || member.status !== 'active') throw new AppError('MEMBER_NOT_ACTIVE');
      const c = checkCredit(
        await creditLimit(o, member.id),
        await creditOutstanding(o, member.id),
        input.totalRupiah,
      );
      if (!c.ok) refuseWith(c.code, c);
      debit = {
        account: { role: 'goodsCreditReceivable' },
        debitRupiah: input.totalRupiah,
        memberId: member.id,
      };
      break;
    }
  }

  const memberId = member?.id ?? null;
  const postingLines: PostingLine[] = [debit];
  if (ownSales > 0n)
    postingLines.push({
      account: { role: memberId ? 'salesMembers' : 'salesNonMembers' },
      creditRupiah: ownSales,
      memberId,
    });
  for (const c of consignorShares.values())
    if (c.amount > 0n)
      postingLines.push({
        account: { role: 'consignmentPayable' },
        creditRupiah: c.amount,
        memberId: c.memberId,
      });
  if (costTotal > 0n)
    postingLines.push(
      { account: { role: 'costOfGoodsSold' }, debitRupiah: costTotal, memberId },
      { account: { role: 'inventory' }, creditRupiah: costTotal },
    );
  const number = receiptNumber(till.code, input.receiptNo);
  const posted = await postEntry(o, {
    entryDate: businessDate,
    description: at.description ?? `Penjualan toko ${number}`,
    source: { type: 'shop.sale', id: number },
    series: seriesOfDesk(till.desk_code),
    branchId: till.branch_id,
    cashSessionId: input.paymentMethod === 'cash' ? (session?.id ?? null) : null,
    lines: postingLines,
  });

  for (const [key, state] of taken) work.stock.set(key, state);
  if (savingsAccount)
    await move(
      o,
      savingsAccount,
      'shop-purchase',
      -1,
      input.totalRupiah,
      businessDate,
      posted.entryId,
      true,
    );
  work.pending.push({
    input,
    entry: { series: posted.series, fiscalYear: posted.fiscalYear, number: posted.number },
    savingsBalanceAfter: savingsAccount?.balance_rupiah ?? null,
    businessDate,
    sessionId: session?.id ?? null,
    memberId,
    costTotal,
    savingsAccountId: savingsAccount?.id ?? null,
    entryId: posted.entryId,
    lines,
  });
}

/**
 * Writes the sales `addSale` posted, in receipt order, as ONE statement however many sales: the
 * sales, their lines, the stock rows, the stock moves and the till's new chain head are
 * data-modifying parts of one WITH (each sees the database as it was before the statement; none
 * reads what another writes, and the foreign keys are checked at its end). Measured under the
 * 8-till bench (docs/performance.md): five statements were five round trips with the sold goods'
 * stock rows locked, which other tills selling the same goods waited on. Returns the sales' ids
 * in the same order.
 */
async function writeSales(o: OrgTx, work: SaleWork): Promise<bigint[]> {
  const coop = o.ctx.organizationId;
  const { till, pending } = work;
  if (pending.length === 0) return [];
  const col = <T>(f: (p: PendingSale) => T) => pending.map(f);
  const str = (v: bigint | number | null) => (v === null ? null : v.toString());
  const lines = pending.flatMap((p) => p.lines.map((l) => ({ receiptNo: p.input.receiptNo, l })));
  const line = <T>(f: (l: PendingSale['lines'][number]) => T) => lines.map((x) => f(x.l));
  const last = pending[pending.length - 1]!.input;
  const rows = await sql<{ id: bigint; receipt_no: bigint }>`
    with sale as (
      insert into shop_sales (cooperative_id, till_id, receipt_no, client_sale_id, outlet_id,
        cash_session_id, cashier_user_id, member_id, sold_at, business_date, total_rupiah,
        cost_rupiah, payment_method, payment_reference, tendered_rupiah, savings_account_id,
        offline, prev_hash, hash, journal_entry_id)
      select ${coop}, ${till.id}, u.receipt_no, u.client_sale_id, ${till.outlet_id}, u.session_id,
        ${o.ctx.actor.userId!}, u.member_id, u.sold_at, u.business_date, u.total, u.cost, u.method,
        u.reference, u.tendered, u.savings_account_id, u.offline, u.prev_hash, u.hash, u.entry_id
      from unnest(${col((p) => str(p.input.receiptNo))}::bigint[],
        ${col((p) => p.input.clientSaleId)}::uuid[], ${col((p) => str(p.sessionId))}::bigint[],
        ${col((p) => str(p.memberId))}::bigint[], ${col((p) => p.input.soldAt)}::timestamptz[],
        ${col((p) => p.businessDate)}::date[], ${col((p) => str(p.input.totalRupiah))}::bigint[],
        ${col((p) => str(p.costTotal))}::bigint[], ${col((p) => p.input.paymentMethod)}::text[],
        ${col((p) => p.input.paymentReference)}::text[],
        ${col((p) => str(p.input.tenderedRupiah))}::bigint[],
        ${col((p) => str(p.savingsAccountId))}::bigint[], ${col((p) => p.input.offline)}::boolean[],
        ${col((p) => p.input.prevHash)}::text[], ${col((p) => p.input.hash)}::text[],
        ${col((p) => str(p.entryId))}::bigint[])
        with ordinality as u(receipt_no, client_sale_id, session_id, member_id, sold_at,
          business_date, total, cost, method, reference, tendered, savings_account_id, offline,
          prev_hash, hash, entry_id, n)
      order by u.n
      returning id, receipt_no, business_date, journal_entry_id
    ),
    line as (
      select * from unnest(${lines.map((x) => String(x.receiptNo))}::bigint[],
        ${line((l) => l.lineNo)}::integer[], ${line((l) => str(l.productId))}::bigint[],
        ${line((l) => l.unit)}::text[], ${line((l) => str(l.qty))}::bigint[],
        ${line((l) => str(l.qtyBase))}::bigint[], ${line((l) => str(l.priceRupiah))}::bigint[],
        ${line((l) => str(l.priceBase))}::bigint[], ${line((l) => str(l.amountRupiah))}::bigint[],
        ${line((l) => str(l.cost))}::bigint[], ${line((l) => str(l.consignorId))}::bigint[],
        ${line((l) => str(l.share))}::bigint[])
        with ordinality as l(receipt_no, line_no, product_id, unit, qty, qty_base, price, price_base,
          amount, cost, consignor_id, share, n)
    ),
    lines as (
      insert into shop_sale_lines (cooperative_id, sale_id, line_no, product_id, unit, qty,
        qty_base, unit_price_rupiah, price_base, amount_rupiah, cost_rupiah, consignor_id,
        consignor_share_rupiah)
      select ${coop}, sale.id, line.line_no, line.product_id, line.unit, line.qty, line.qty_base,
        line.price, line.price_base, line.amount, line.cost, line.consignor_id, line.share
      from line join sale using (receipt_no) order by line.n
    ),
    moves as (
      insert into shop_stock_moves (cooperative_id, outlet_id, product_id, kind, qty_base,
        cost_rupiah, ref_id, moved_on, journal_entry_id)
      select ${coop}, ${till.outlet_id}, line.product_id, 'sale', -line.qty_base, -line.cost,
        sale.id, sale.business_date, sale.journal_entry_id
      from line join sale using (receipt_no) order by line.n
    ),
    stock as (${stockUpdate(o, till.outlet_id, work.stock)}),
    head as (
      update shop_tills set last_receipt_no = ${last.receiptNo}, last_hash = ${last.hash}
      where cooperative_id = ${coop} and id = ${last.tillId}
    )
    select id, receipt_no from sale`.execute(o.tx);
  const idOf = new Map(rows.rows.map((r) => [Number(r.receipt_no), r.id]));
  const ids = pending.map((p) => idOf.get(p.input.receiptNo)!);
  // buffered: written with the commit (src/services/context.ts auditBuffer)
  for (const [i, p] of pending.entries())
    await o.audit({
      action: 'shop.sale',
      entityType: 'shop-sale',
      entityId: ids[i]!,
      after: {
        receipt: receiptNumber(till.code, p.input.receiptNo),
        totalRupiah: p.input.totalRupiah.toString(),
        paymentMethod: p.input.paymentMethod,
        memberId: p.memberId?.toString() ?? null,
        offline: p.input.offline,
      },
    });
  return ids;
}

/** One sale checked, posted and written; the answer the till prints from. */
async function postSale(
  o: OrgTx,
  till: LockedTill,
  input: SaleInput,
  at: SaleAt,
): Promise<{ status: number; body: SaleView }> {
  const work = await loadSaleWork(o, till, [input]);
  await addSale(o, work, input, at);
  const [id] = await writeSales(o, work);
  return { status: 201, body: await postedView(o, work, id!) };
}

/**
 * The answer for a sale just written, from what the transaction already holds: the same view
 * `saleView` reads back later (`sell` in test/integration/shop/setup.ts compares the two), one
 * statement fewer on the till's path.
 */
async function postedView(o: OrgTx, work: SaleWork, id: bigint): Promise<SaleView> {
  const p = work.pending[0]!;
  const { input } = p;
  const member = p.memberId === null ? null : work.members.get(p.memberId.toString())!;
  return {
    id: id.toString(),
    tillId: input.tillId.toString(),
    receiptNo: input.receiptNo,
    receiptNumber: receiptNumber(work.till.code, input.receiptNo),
    hash: input.hash,
    status: 'posted',
    totalRupiah: input.totalRupiah.toString(),
    changeRupiah:
      input.tenderedRupiah === null ? '0' : (input.tenderedRupiah - input.totalRupiah).toString(),
    tenderedRupiah: input.tenderedRupiah?.toString() ?? null,
    entryNumber: `${p.entry.series}/${p.entry.fiscalYear}/${p.entry.number}`,
    businessDate: p.businessDate,
    soldAt: new Date(input.soldAt).toISOString(),
    paymentMethod: input.paymentMethod,
    paymentReference: input.paymentReference,
    offline: input.offline,
    member: member
      ? { id: member.id.toString(), number: member.member_number, name: member.full_name }
      : null,
    savingsBalanceAfterRupiah: p.savingsBalanceAfter?.toString() ?? null,
    creditAvailableAfterRupiah:
      input.paymentMethod === 'member_credit' && member
        ? await creditAvailable(o, member.id)
        : null,
    voidReason: null,
    lines: p.lines.map((l) => ({
      ...lineText(l),
      lineNo: l.lineNo,
      name: work.products.get(l.productId.toString())!.name,
      returnedQtyBase: '0',
    })),
  };
}

/** What a member may still buy on credit (never below zero). */
async function creditAvailable(o: OrgTx, memberId: bigint): Promise<string> {
  const limit = (await creditLimit(o, memberId)) ?? 0n;
  const owed = await creditOutstanding(o, memberId);
  return (limit - owed > 0n ? limit - owed : 0n).toString();
}

export async function recordSale(
  deps: Deps,
  ctx: OrgContext,
  input: SaleInput,
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, (o) => recordSaleIn(o, input));
}

/** How many queued sales of one till one sync request may carry. */
export const SYNC_BATCH_MAX = 200;

export interface SyncedSale {
  [key: string]: JsonValue;
  clientSaleId: string;
  saleId: string;
  receiptNumber: string;
  /** recorded now, or already recorded by an earlier send whose answer was lost */
  status: 'recorded' | 'already';
}

export interface SyncRefusal {
  index: number;
  clientSaleId: string;
  error: AppError;
}

/** A sale of a batch refused: the batch's transaction rolls back and the sales before it go again. */
class RefusedInBatch extends Error {
  constructor(readonly refusal: SyncRefusal) {
    super(`sale ${refusal.index} of the batch refused: ${refusal.error.code}`);
  }
}

/**
 * A till's queue synced in one request (docs/domain/shop-pos.md "Sync"): the sales in receipt
 * order, each checked as the next link of the chain exactly as `recordSaleIn` checks one, posted
 * each in its own entry, and written together. A sale already recorded (same id and hash) is
 * answered as such; the first refused sale stops the batch: the sales before it are recorded
 * (the batch runs again without it and what follows), it and the rest stay in the till's queue.
 */
export async function recordSalesBatch(
  deps: Deps,
  ctx: OrgContext,
  tillId: bigint,
  inputs: readonly SaleInput[],
): Promise<{ results: SyncedSale[]; refused: SyncRefusal | null }> {
  if (inputs.length === 0 || inputs.length > SYNC_BATCH_MAX)
    throw new AppError('VALIDATION_FAILED', {}, `1 to ${SYNC_BATCH_MAX} sales a batch`);
  try {
    return { results: await inOrg(deps, ctx, (o) => syncIn(o, tillId, inputs)), refused: null };
  } catch (e) {
    if (!(e instanceof RefusedInBatch)) throw e;
    const before = inputs.slice(0, e.refusal.index);
    const results =
      before.length === 0 ? [] : await inOrg(deps, ctx, (o) => syncIn(o, tillId, before));
    return { results, refused: e.refusal };
  }
}

async function syncIn(
  o: OrgTx,
  tillId: bigint,
  inputs: readonly SaleInput[],
): Promise<SyncedSale[]> {
  const till = await lockTill(o, tillId, inputs[0]!.clientSaleId);
  const priors = new Map(
    (
      await o.tx
        .selectFrom('shop_sales')
        .select(['id', 'client_sale_id', 'till_id', 'receipt_no', 'hash'])
        .where('cooperative_id', '=', o.ctx.organizationId)
        .where(
          'client_sale_id',
          'in',
          inputs.map((i) => i.clientSaleId),
        )
        .execute()
    ).map((r) => [r.client_sale_id, r]),
  );
  const work = await loadSaleWork(o, till, inputs);
  let head = { receiptNo: Number(till.last_receipt_no), hash: till.last_hash };
  const out: ({ prior: SyncedSale } | { input: SaleInput })[] = [];
  for (const [index, input] of inputs.entries()) {
    try {
      if (input.tillId !== tillId)
        throw new AppError('VALIDATION_FAILED', {}, "every sale of a batch is of the batch's till");
      const prior = priors.get(input.clientSaleId);
      if (prior) {
        if (prior.hash !== input.hash || prior.till_id !== tillId)
          throw new AppError('SHOP_SALE_CONFLICT');
        out.push({
          prior: {
            clientSaleId: input.clientSaleId,
            saleId: prior.id.toString(),
            receiptNumber: receiptNumber(till.code, Number(prior.receipt_no)),
            status: 'already',
          },
        });
        continue;
      }
      const at = checkLink(till, input, head);
      await addSale(o, work, input, { ...at, cashDebit: null, description: null });
      head = { receiptNo: input.receiptNo, hash: input.hash };
      out.push({ input });
    } catch (error) {
      if (error instanceof AppError)
        throw new RefusedInBatch({ index, clientSaleId: input.clientSaleId, error });
      throw error;
    }
  }
  const ids = await writeSales(o, work);
  let next = 0;
  return out.map((r): SyncedSale => {
    if ('prior' in r) return r.prior;
    return {
      clientSaleId: r.input.clientSaleId,
      saleId: ids[next++]!.toString(),
      receiptNumber: receiptNumber(till.code, r.input.receiptNo),
      status: 'recorded',
    };
  });
}

/** A supervisor approves at the till with their own password; never the cashier themself. */
export async function verifySupervisor(
  o: OrgTx,
  username: string,
  password: string,
): Promise<string> {
  const user = await users.findUserByUsername(o.tx, username);
  const ok =
    !!user &&
    !user.disabledAt &&
    user.id !== o.ctx.actor.userId &&
    (await verify(user.passwordHash, password).catch(() => false));
  if (!ok || !user) throw new AppError('SHOP_SUPERVISOR_REQUIRED');
  const roles = await users.rolesIn(o.tx, user.id, o.ctx.organizationId);
  if (!can(roles, 'shop.supervise')) throw new AppError('SHOP_SUPERVISOR_REQUIRED');
  return user.id;
}

/**
 * A sale a supervisor acts on (a void or a return): locked, refused when voided, the supervisor's
 * password checked (never the cashier's own), with its lines in line order.
 */
export async function lockSaleForSupervisor(
  o: OrgTx,
  saleId: bigint,
  approval: { supervisorUsername: string; supervisorPassword: string },
) {
  const coop = o.ctx.organizationId;
  const sale = await o.tx
    .selectFrom('shop_sales')
    .selectAll()
    .where('cooperative_id', '=', coop)
    .where('id', '=', saleId)
    .forUpdate()
    .executeTakeFirst();
  if (!sale) throw new AppError('SHOP_SALE_NOT_FOUND');
  if (sale.status === 'voided') throw new AppError('SHOP_SALE_VOIDED');
  const supervisor = await verifySupervisor(
    o,
    approval.supervisorUsername,
    approval.supervisorPassword,
  );
  const lines = await o.tx
    .selectFrom('shop_sale_lines')
    .selectAll()
    .where('cooperative_id', '=', coop)
    .where('sale_id', '=', saleId)
    .orderBy('line_no')
    .execute();
  return { sale, lines, supervisor };
}

/**
 * A void: the sale stays (its number and hash are part of the chain) and is marked voided; its
 * entry is reversed, the goods go back to stock at the cost they left with, money paid from
 * sukarela goes back to it. A sale with returns or with settled consignment lines cannot be
 * voided (return the rest instead).
 */
export async function voidSale(
  deps: Deps,
  ctx: OrgContext,
  saleId: bigint,
  input: { reason: string; supervisorUsername: string; supervisorPassword: string },
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    const { sale: s, lines, supervisor } = await lockSaleForSupervisor(o, saleId, input);
    if (lines.some((l) => l.returned_qty_base > 0n || l.settlement_id !== null))
      throw new AppError('SHOP_SALE_SETTLED');
    const today = businessDateWib(deps.clock());
    const reversal = await reverseEntry(
      o,
      s.journal_entry_id,
      today,
      `Pembatalan penjualan: ${input.reason}`,
      { type: 'shop.void', id: s.id.toString() },
    );
    await stockIn(
      o,
      s.outlet_id,
      'void',
      lines.map((l) => ({
        productId: l.product_id,
        qtyBase: l.qty_base,
        costRupiah: l.cost_rupiah,
      })),
      { refId: s.id, movedOn: today },
      async (adjustment) => {
        if (adjustment !== 0n) await postHppAdjustment(o, adjustment, today, `void ${s.id}`);
        return reversal.entryId;
      },
    );
    if (s.savings_account_id !== null) {
      const a = await lockAccount(o.tx, coop, s.savings_account_id);
      await move(o, a, 'shop-refund', 1, s.total_rupiah, today, reversal.entryId, false);
    }
    await o.tx
      .updateTable('shop_sales')
      .set({
        status: 'voided',
        void_entry_id: reversal.entryId,
        voided_by: supervisor,
        void_reason: input.reason,
      })
      .where('cooperative_id', '=', coop)
      .where('id', '=', saleId)
      .execute();
    await o.audit({
      action: 'shop.sale-voided',
      entityType: 'shop-sale',
      entityId: saleId,
      after: { reason: input.reason, supervisor, reversalEntryId: reversal.entryId.toString() },
    });
    return { status: 200, body: await saleView(o, saleId) };
  });
}

export async function getSale(deps: Deps, ctx: OrgContext, saleId: bigint) {
  return inOrg(deps, ctx, (o) => saleView(o, saleId));
}

export async function listSales(
  deps: Deps,
  ctx: OrgContext,
  filter: { tillId: bigint | null; date: string | null; limit: number },
) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<{
      id: bigint;
      till_code: string;
      receipt_no: bigint;
      sold_at: Date;
      total_rupiah: bigint;
      payment_method: string;
      member_name: string | null;
      status: string;
      offline: boolean;
    }>`select s.id, t.code as till_code, s.receipt_no, s.sold_at, s.total_rupiah, s.payment_method,
        m.full_name as member_name, s.status, s.offline
      from shop_sales s join shop_tills t on t.cooperative_id = s.cooperative_id and t.id = s.till_id
      left join members m on m.cooperative_id = s.cooperative_id and m.id = s.member_id
      where s.cooperative_id = ${ctx.organizationId}
        and (${filter.tillId}::bigint is null or s.till_id = ${filter.tillId})
        and (${filter.date}::date is null or s.business_date = ${filter.date}::date)
      order by s.id desc limit ${filter.limit}`.execute(tx);
    return r.rows.map((s) => ({
      id: s.id.toString(),
      receiptNumber: receiptNumber(s.till_code, Number(s.receipt_no)),
      soldAt: new Date(s.sold_at).toISOString(),
      totalRupiah: s.total_rupiah.toString(),
      paymentMethod: s.payment_method,
      memberName: s.member_name,
      status: s.status,
      offline: s.offline,
    }));
  });
}

/** Re-walks a till's chain from its first sale: a deleted or altered sale shows as a break. */
export async function verifyTillChain(deps: Deps, ctx: OrgContext, tillId: bigint) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const till = await tx
      .selectFrom('shop_tills')
      .select('id')
      .where('cooperative_id', '=', ctx.organizationId)
      .where('id', '=', tillId)
      .executeTakeFirst();
    if (!till) throw new AppError('SHOP_TILL_NOT_FOUND');
    const r = await sql<{
      id: bigint;
      receipt_no: bigint;
      client_sale_id: string;
      sold_at: Date;
      member_id: bigint | null;
      total_rupiah: bigint;
      payment_method: string;
      payment_reference: string | null;
      tendered_rupiah: bigint | null;
      prev_hash: string;
      hash: string;
      lines: {
        product_id: string;
        unit: string;
        qty: string;
        qty_base: string;
        price: string;
        price_base: string;
        amount: string;
      }[];
    }>`select s.id, s.receipt_no, s.client_sale_id, s.sold_at, s.member_id, s.total_rupiah,
        s.payment_method, s.payment_reference, s.tendered_rupiah, s.prev_hash, s.hash,
        (select json_agg(json_build_object('product_id', l.product_id::text, 'unit', l.unit,
            'qty', l.qty::text, 'qty_base', l.qty_base::text, 'price', l.unit_price_rupiah::text,
            'price_base', l.price_base::text, 'amount', l.amount_rupiah::text) order by l.line_no)
          from shop_sale_lines l where l.cooperative_id = s.cooperative_id and l.sale_id = s.id) as lines
      from shop_sales s where s.cooperative_id = ${ctx.organizationId} and s.till_id = ${tillId}
      order by s.receipt_no`.execute(tx);
    const breaks = verifyChain(
      r.rows.map((s) => ({
        receiptNo: Number(s.receipt_no),
        prevHash: s.prev_hash,
        hash: s.hash,
        sale: {
          tillId: tillId.toString(),
          receiptNo: Number(s.receipt_no),
          clientSaleId: s.client_sale_id,
          soldAt: new Date(s.sold_at).toISOString(),
          memberId: s.member_id?.toString() ?? null,
          lines: (s.lines ?? []).map((l) => ({
            productId: l.product_id,
            unit: l.unit,
            qty: l.qty,
            qtyBase: l.qty_base,
            priceRupiah: l.price,
            priceBase: l.price_base,
            amountRupiah: l.amount,
          })),
          totalRupiah: s.total_rupiah.toString(),
          paymentMethod: s.payment_method,
          paymentReference: s.payment_reference,
          tenderedRupiah: s.tendered_rupiah?.toString() ?? null,
        },
      })),
    );
    return { tillId: tillId.toString(), checked: r.rows.length, breaks };
  });
}

/** A member at the till: by member number (the card's QR holds it). */
export async function lookupMember(deps: Deps, ctx: OrgContext, q: string) {
  return inOrg(deps, ctx, async (o) => {
    const text = q.trim();
    const m = await o.tx
      .selectFrom('members')
      .select(['id', 'member_number', 'full_name', 'status'])
      .where('cooperative_id', '=', ctx.organizationId)
      .where('member_number', '=', text.toUpperCase())
      .executeTakeFirst();
    if (!m || m.status !== 'active') throw new AppError('SHOP_MEMBER_NOT_FOUND');
    const accountId = await sukarelaAccountId(o, m.id);
    let sukarela: { accountId: string; accountNumber: string; availableRupiah: string } | null =
      null;
    if (accountId !== null) {
      const a = await o.tx
        .selectFrom('savings_accounts')
        .select(['id', 'account_number', 'balance_rupiah'])
        .where('cooperative_id', '=', ctx.organizationId)
        .where('id', '=', accountId)
        .executeTakeFirstOrThrow();
      sukarela = {
        accountId: a.id.toString(),
        accountNumber: a.account_number,
        availableRupiah: a.balance_rupiah.toString(),
      };
    }
    const limit = await creditLimit(o, m.id);
    let credit: { limitRupiah: string; outstandingRupiah: string; availableRupiah: string } | null =
      null;
    if (limit !== null) {
      const owed = await creditOutstanding(o, m.id);
      credit = {
        limitRupiah: limit.toString(),
        outstandingRupiah: owed.toString(),
        availableRupiah: (limit - owed > 0n ? limit - owed : 0n).toString(),
      };
    }
    return {
      memberId: m.id.toString(),
      memberNumber: m.member_number,
      name: m.full_name,
      sukarela,
      credit,
    };
  });
}

/** Every active member's number and name: a till keeps them to give member prices offline. */
export async function memberList(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const rows = await tx
      .selectFrom('members')
      .select(['id', 'member_number', 'full_name'])
      .where('cooperative_id', '=', ctx.organizationId)
      .where('status', '=', 'active')
      .where('member_number', 'is not', null)
      .orderBy('member_number')
      .limit(50_000)
      .execute();
    return rows.map((m) => ({
      memberId: m.id.toString(),
      memberNumber: m.member_number!,
      name: m.full_name,
    }));
  });
}

/** The pengurus sets a member's goods-credit limit (0 stops new credit; what is owed stays). */
export async function setCreditLimit(
  deps: Deps,
  ctx: OrgContext,
  memberId: bigint,
  limitRupiah: bigint,
) {
  return inOrg(deps, ctx, async (o) => {
    const m = await o.tx
      .selectFrom('members')
      .select(['id'])
      .where('cooperative_id', '=', ctx.organizationId)
      .where('id', '=', memberId)
      .executeTakeFirst();
    if (!m) throw new AppError('SHOP_MEMBER_NOT_FOUND');
    await sql`insert into shop_credit_limits (cooperative_id, member_id, limit_rupiah, set_by)
      values (${ctx.organizationId}, ${memberId}, ${limitRupiah}, ${ctx.actor.userId})
      on conflict (cooperative_id, member_id) do update set limit_rupiah = excluded.limit_rupiah,
        set_by = excluded.set_by, set_at = now()`.execute(o.tx);
    await o.audit({
      action: 'shop.credit-limit-set',
      entityType: 'member',
      entityId: memberId,
      after: { limitRupiah: limitRupiah.toString() },
    });
    const owed = await creditOutstanding(o, memberId);
    return {
      memberId: memberId.toString(),
      limitRupiah: limitRupiah.toString(),
      outstandingRupiah: owed.toString(),
      availableRupiah: (limitRupiah - owed > 0n ? limitRupiah - owed : 0n).toString(),
    };
  });
}
