import { sql } from 'kysely';
import { AppError } from '../../domain/errors.js';
import { settle, type DeliveredOrder } from '../../domain/mlijo/settlement.js';
import type { PostingLine } from '../../ledger/post.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { inOrgOnce, type Idempotency } from '../idempotency.js';
import { postEntry, postedView } from '../ledger.js';
import { lockAccount } from '../savings/accounts.js';
import { move } from '../savings/movements.js';
import { ensureMlijoAccounts } from './accounts.js';
import { actingVendor, commissionRule, vendorById, type VendorRow } from './setup.js';

/**
 * The vendor's daily settlement (docs/domain/mlijo.md; computed by src/domain/mlijo/settlement.ts):
 * the orders delivered on the day's rounds, the cash to hand over, what QRIS and sukarela already
 * brought in, the commission into the vendor's sukarela and any shortfall left owed by the vendor,
 * in one balanced entry:
 *   Dr Kas (handed over)          Dr Piutang penjual mlijo (shortfall, the vendor)
 *   Cr Kas pada penjual mlijo (cash collected, the vendor)
 *   Dr Beban komisi mlijo         Cr Simpanan sukarela (commission, the vendor)
 * Once per vendor and day: a second settlement is refused, a retry with the same key replays.
 */

interface DayOrder {
  id: bigint;
  status: string;
  total_rupiah: bigint;
  payment_method: 'cash' | 'qris' | 'member_account' | null;
  settlement_id: bigint | null;
}

async function dayOrders(o: OrgTx, vendorId: bigint, date: string, lock: boolean) {
  const r = await sql<DayOrder>`select x.id, x.status, x.total_rupiah, x.payment_method,
      x.settlement_id
    from mlijo_orders x join mlijo_rounds r on r.cooperative_id = x.cooperative_id
      and r.id = x.round_id
    where x.cooperative_id = ${o.ctx.organizationId} and x.vendor_id = ${vendorId}
      and r.delivery_date = ${date}::date
    order by x.id ${lock ? sql`for update of x` : sql``}`.execute(o.tx);
  return r.rows;
}

function delivered(rows: readonly DayOrder[]): DeliveredOrder[] {
  return rows
    .filter((x) => x.status === 'delivered' && x.settlement_id === null)
    .map((x) => ({ totalRupiah: x.total_rupiah, paymentMethod: x.payment_method! }));
}

function cashToHandOver(rows: readonly DayOrder[]) {
  return delivered(rows)
    .filter((d) => d.paymentMethod === 'cash')
    .reduce((t, d) => t + d.totalRupiah, 0n);
}

async function existing(o: OrgTx, vendorId: bigint, date: string) {
  return o.tx
    .selectFrom('mlijo_settlements')
    .selectAll()
    .where('cooperative_id', '=', o.ctx.organizationId)
    .where('vendor_id', '=', vendorId)
    .where('delivery_date', '=', date)
    .executeTakeFirst();
}

/** What the day's settlement would be if the vendor handed over all the cash collected. */
export async function settlementPreview(
  deps: Deps,
  ctx: OrgContext,
  vendorId: bigint | null,
  date: string,
) {
  return inOrg(deps, ctx, async (o) => {
    const v = await actingVendor(o, vendorId);
    const rows = await dayOrders(o, v.id, date, false);
    const done = await existing(o, v.id, date);
    const pending = rows.filter((x) => x.status === 'ordered' || x.status === 'packed').length;
    const d = delivered(rows);
    const s = d.length === 0 ? null : settle(d, commissionRule(v), cashToHandOver(rows));
    return {
      vendorId: v.id.toString(),
      vendorName: v.member_name,
      routeName: v.route_name,
      deliveryDate: date,
      pending,
      notDelivered: rows.filter((x) => x.status === 'not_delivered').length,
      settled: done ? settlementView(v, done) : null,
      preview: s && !('code' in s) ? figures(s) : null,
    };
  });
}

function figures(s: {
  ordersDelivered: number;
  deliveredRupiah: bigint;
  cashCollectedRupiah: bigint;
  qrisRupiah: bigint;
  sukarelaRupiah: bigint;
  handedOverRupiah: bigint;
  shortfallRupiah: bigint;
  commissionRupiah: bigint;
}) {
  return {
    ordersDelivered: s.ordersDelivered,
    deliveredRupiah: s.deliveredRupiah.toString(),
    cashCollectedRupiah: s.cashCollectedRupiah.toString(),
    qrisRupiah: s.qrisRupiah.toString(),
    sukarelaRupiah: s.sukarelaRupiah.toString(),
    handedOverRupiah: s.handedOverRupiah.toString(),
    shortfallRupiah: s.shortfallRupiah.toString(),
    commissionRupiah: s.commissionRupiah.toString(),
  };
}

type SettlementRow = NonNullable<Awaited<ReturnType<typeof existing>>>;

function settlementView(v: Pick<VendorRow, 'member_name' | 'route_name'>, r: SettlementRow) {
  return {
    id: r.id.toString(),
    vendorId: r.vendor_id.toString(),
    vendorName: v.member_name,
    routeName: v.route_name,
    deliveryDate: String(r.delivery_date).slice(0, 10),
    settledAt: new Date(r.settled_at).toISOString(),
    ordersDelivered: r.orders_delivered,
    deliveredRupiah: r.delivered_rupiah.toString(),
    cashCollectedRupiah: r.cash_collected_rupiah.toString(),
    qrisRupiah: r.qris_rupiah.toString(),
    sukarelaRupiah: r.sukarela_rupiah.toString(),
    handedOverRupiah: r.handed_over_rupiah.toString(),
    shortfallRupiah: r.shortfall_rupiah.toString(),
    commissionRupiah: r.commission_rupiah.toString(),
  };
}

export interface SettleInput {
  deliveryDate: string;
  handedOverRupiah: bigint;
  settledOn: string;
}

export async function settleVendorIn(o: OrgTx, vendorId: bigint, input: SettleInput) {
  const coop = o.ctx.organizationId;
  const v = await vendorById(o, vendorId, true);
  if (await existing(o, v.id, input.deliveryDate)) throw new AppError('MLIJO_ALREADY_SETTLED');
  const rows = await dayOrders(o, v.id, input.deliveryDate, true);
  const pending = rows.filter((x) => x.status === 'ordered' || x.status === 'packed').length;
  if (pending > 0) throw new AppError('MLIJO_ORDERS_PENDING', { pending });
  const s = settle(delivered(rows), commissionRule(v), input.handedOverRupiah);
  if ('code' in s) {
    if (s.code === 'MLIJO_HANDOVER_TOO_MUCH')
      throw new AppError(s.code, { cashCollectedRupiah: s.cashCollectedRupiah });
    throw new AppError(s.code);
  }
  await ensureMlijoAccounts(o);
  let account: Awaited<ReturnType<typeof lockAccount>> | null = null;
  if (s.commissionRupiah > 0n) {
    const acc = await sql<{ id: bigint }>`select a.id from savings_accounts a
        join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      where a.cooperative_id = ${coop} and a.member_id = ${v.member_id} and p.kind = 'sukarela'
        and a.status in ('active', 'dormant') order by a.id limit 1`.execute(o.tx);
    const id = acc.rows[0]?.id;
    if (id === undefined) throw new AppError('SHOP_NO_SUKARELA');
    account = await lockAccount(o.tx, coop, id);
  }
  // the cash is received at the vendor's outlet's desk, in the receiver's open session if any
  const desk = await sql<{ branch_id: bigint; session_id: bigint | null }>`select d.branch_id,
      (select cs.id from cash_sessions cs where cs.cooperative_id = d.cooperative_id
        and cs.desk_id = d.id and cs.teller_user_id = ${o.ctx.actor.userId}
        and cs.status = 'open' limit 1) as session_id
    from shop_tills t join cash_desks d on d.cooperative_id = t.cooperative_id and d.id = t.desk_id
    where t.cooperative_id = ${coop} and t.id = ${v.till_id}`.execute(o.tx);
  const place = desk.rows[0];
  const lines: PostingLine[] = [];
  if (s.handedOverRupiah > 0n)
    lines.push({
      account: { role: 'cash' },
      debitRupiah: s.handedOverRupiah,
      branchId: place?.branch_id ?? null,
    });
  if (s.shortfallRupiah > 0n)
    lines.push({
      account: { role: 'mlijoVendorReceivable' },
      debitRupiah: s.shortfallRupiah,
      memberId: v.member_id,
    });
  if (s.cashCollectedRupiah > 0n)
    lines.push({
      account: { role: 'mlijoVendorCash' },
      creditRupiah: s.cashCollectedRupiah,
      memberId: v.member_id,
    });
  if (s.commissionRupiah > 0n)
    lines.push(
      { account: { role: 'mlijoCommissionExpense' }, debitRupiah: s.commissionRupiah },
      {
        account: { role: 'savingsSukarela' },
        creditRupiah: s.commissionRupiah,
        memberId: v.member_id,
      },
    );
  const posted =
    lines.length === 0
      ? null
      : await postEntry(o, {
          entryDate: input.settledOn,
          description: `Setoran penjual mlijo ${v.member_name} (${v.route_name}) ${input.deliveryDate}`,
          source: { type: 'mlijo.settlement', id: `${v.id}:${input.deliveryDate}` },
          branchId: place?.branch_id ?? null,
          cashSessionId: s.handedOverRupiah > 0n ? (place?.session_id ?? null) : null,
          lines,
        });
  const row = await o.tx
    .insertInto('mlijo_settlements')
    .values({
      cooperative_id: coop,
      vendor_id: v.id,
      delivery_date: input.deliveryDate,
      orders_delivered: s.ordersDelivered,
      delivered_rupiah: s.deliveredRupiah,
      cash_collected_rupiah: s.cashCollectedRupiah,
      qris_rupiah: s.qrisRupiah,
      sukarela_rupiah: s.sukarelaRupiah,
      handed_over_rupiah: s.handedOverRupiah,
      shortfall_rupiah: s.shortfallRupiah,
      commission_rupiah: s.commissionRupiah,
      savings_account_id: account?.id ?? null,
      journal_entry_id: posted?.entryId ?? null,
      settled_by: o.ctx.actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const settledIds = rows
    .filter((x) => x.status === 'delivered' && x.settlement_id === null)
    .map((x) => x.id.toString());
  await sql`update mlijo_orders set settlement_id = ${row.id}
    where cooperative_id = ${coop} and id = any(${settledIds}::bigint[])`.execute(o.tx);
  let balanceAfter: bigint | null = null;
  if (account && posted)
    balanceAfter = await move(
      o,
      account,
      'mlijo-commission',
      1,
      s.commissionRupiah,
      input.settledOn,
      posted.entryId,
      false,
    );
  await o.audit({
    action: 'mlijo.vendor-settled',
    entityType: 'mlijo-vendor',
    entityId: v.id,
    after: { deliveryDate: input.deliveryDate, ...figures(s) },
  });
  return {
    status: 201,
    body: {
      ...settlementView(v, row),
      commissionBalanceAfterRupiah: balanceAfter?.toString() ?? null,
      entry: posted ? postedView(posted) : null,
    },
  };
}

export async function settleVendor(
  deps: Deps,
  ctx: OrgContext,
  vendorId: bigint,
  input: SettleInput,
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, (o) => settleVendorIn(o, vendorId, input));
}

/** The vendors' settlements by day, for the report. */
export async function settlementsReport(deps: Deps, ctx: OrgContext, from: string, to: string) {
  return inOrg(deps, ctx, async (o) => {
    const r = await sql<SettlementRow & { member_name: string; route_name: string }>`select s.*,
        m.full_name as member_name, v.route_name
      from mlijo_settlements s
      join mlijo_vendors v on v.cooperative_id = s.cooperative_id and v.id = s.vendor_id
      join members m on m.cooperative_id = v.cooperative_id and m.id = v.member_id
      where s.cooperative_id = ${ctx.organizationId}
        and s.delivery_date between ${from}::date and ${to}::date
      order by s.delivery_date desc, v.route_name limit 500`.execute(o.tx);
    const rows = r.rows.map((x) => settlementView(x, x));
    const sum = (k: keyof (typeof rows)[number]) =>
      rows.reduce((t, x) => t + BigInt(x[k] as string), 0n).toString();
    return {
      from,
      to,
      settlements: rows,
      totals: {
        ordersDelivered: rows.reduce((t, x) => t + x.ordersDelivered, 0),
        deliveredRupiah: sum('deliveredRupiah'),
        cashCollectedRupiah: sum('cashCollectedRupiah'),
        qrisRupiah: sum('qrisRupiah'),
        sukarelaRupiah: sum('sukarelaRupiah'),
        handedOverRupiah: sum('handedOverRupiah'),
        shortfallRupiah: sum('shortfallRupiah'),
        commissionRupiah: sum('commissionRupiah'),
      },
    };
  });
}
