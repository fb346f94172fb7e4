import { sql } from 'kysely';
import * as cashRepo from '../../db/cashdesk.repo.js';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import { keptPart } from '../../domain/shop/consignment.js';
import { roundRupiah } from '../../domain/shop/money.js';
import type { PostingLine } from '../../ledger/post.js';
import { ensureCashAvailable, seriesOfDesk } from '../cashdesk.js';
import { inOrgOnce, type Idempotency } from '../idempotency.js';
import { postEntry, postedView } from '../ledger.js';
import type { Deps, OrgContext, OrgTx } from '../context.js';
import { lockAccount } from '../savings/accounts.js';
import { move } from '../savings/movements.js';
import { creditOutstanding, lockSaleForSupervisor, saleView } from './sales.js';
import { postHppAdjustment, stockIn } from './stock.js';

/**
 * A return (retur penjualan), approved by a supervisor at the till: part or all of some lines
 * come back. Each returned part takes back its share of the line's amount, of its consignment
 * share and of its cost, computed from the whole line each time (what is kept after all returns,
 * src/domain/shop/consignment.ts keptPart, so several returns of one line add up to the line
 * exactly). The money goes back the way it was paid: cash from the cashier's open session, QRIS
 * from the QRIS clearing account, into the member's sukarela, or off the member's goods credit.
 * Consignment lines already settled to their producer cannot be returned here.
 */
export async function returnSale(
  deps: Deps,
  ctx: OrgContext,
  saleId: bigint,
  input: {
    lines: { lineNo: number; qtyBase: bigint }[];
    reason: string;
    supervisorUsername: string;
    supervisorPassword: string;
  },
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    const { sale: s, lines: all, supervisor } = await lockSaleForSupervisor(o, saleId, input);
    const byNo = new Map(all.map((l) => [l.line_no, l]));
    const seen = new Set<number>();
    const parts = input.lines.map((r) => {
      const l = byNo.get(r.lineNo);
      if (!l || seen.has(r.lineNo) || r.qtyBase <= 0n)
        throw new AppError('SHOP_RETURN_QTY', { lineNo: r.lineNo });
      seen.add(r.lineNo);
      if (l.returned_qty_base + r.qtyBase > l.qty_base)
        throw new AppError('SHOP_RETURN_QTY', { lineNo: r.lineNo });
      if (l.settlement_id !== null) throw new AppError('SHOP_SALE_SETTLED');
      const line = {
        amountRupiah: l.amount_rupiah,
        consignorShareRupiah: l.consignor_share_rupiah ?? 0n,
      };
      const before = keptPart(line, l.qty_base, l.returned_qty_base);
      const after = keptPart(line, l.qty_base, l.returned_qty_base + r.qtyBase);
      const keptCost = (returned: bigint) =>
        roundRupiah(l.cost_rupiah * (l.qty_base - returned), l.qty_base);
      return {
        line: l,
        qtyBase: r.qtyBase,
        amount: before.amountRupiah - after.amountRupiah,
        share: before.consignorShareRupiah - after.consignorShareRupiah,
        cost: keptCost(l.returned_qty_base) - keptCost(l.returned_qty_base + r.qtyBase),
      };
    });
    if (parts.length === 0) throw new AppError('SHOP_RETURN_QTY', { lineNo: 0 });
    const amount = parts.reduce((t, p) => t + p.amount, 0n);
    const share = parts.reduce((t, p) => t + p.share, 0n);
    const cost = parts.reduce((t, p) => t + p.cost, 0n);
    const today = businessDateWib(deps.clock());

    // the paying side, backwards
    let credit: PostingLine;
    let cashSessionId: bigint | null = null;
    let series: string | undefined;
    switch (s.payment_method) {
      case 'cash': {
        if (!ctx.actor.userId) throw new AppError('FORBIDDEN');
        const session = await cashRepo.openSessionOfTeller(o.tx, coop, ctx.actor.userId);
        if (!session) throw new AppError('CASH_SESSION_NONE_OPEN');
        await ensureCashAvailable(o, session, amount);
        cashSessionId = session.id;
        series = seriesOfDesk(session.desk_code);
        credit = { account: { role: 'cash' }, creditRupiah: amount };
        break;
      }
      case 'qris':
        credit = { account: { role: 'qrisClearing' }, creditRupiah: amount };
        break;
      case 'member_account':
        credit = {
          account: { role: 'savingsSukarela' },
          creditRupiah: amount,
          memberId: s.member_id,
        };
        break;
      case 'member_credit':
        credit = {
          account: { role: 'goodsCreditReceivable' },
          creditRupiah: amount,
          memberId: s.member_id,
        };
        break;
    }
    const lines: PostingLine[] = [];
    if (amount - share > 0n)
      lines.push({
        account: { role: s.member_id ? 'salesMembers' : 'salesNonMembers' },
        debitRupiah: amount - share,
        memberId: s.member_id,
      });
    const consignors = new Map<string, bigint>();
    for (const p of parts)
      if (p.share > 0n && p.line.consignor_id !== null) {
        const k = p.line.consignor_id.toString();
        consignors.set(k, (consignors.get(k) ?? 0n) + p.share);
      }
    if (consignors.size > 0) {
      const members = await o.tx
        .selectFrom('shop_suppliers')
        .select(['id', 'member_id'])
        .where('cooperative_id', '=', coop)
        .where('id', 'in', [...consignors.keys()].map(BigInt))
        .execute();
      for (const m of members)
        lines.push({
          account: { role: 'consignmentPayable' },
          debitRupiah: consignors.get(m.id.toString())!,
          memberId: m.member_id,
        });
    }
    lines.push(credit);
    if (cost > 0n)
      lines.push(
        { account: { role: 'inventory' }, debitRupiah: cost },
        { account: { role: 'costOfGoodsSold' }, creditRupiah: cost, memberId: s.member_id },
      );
    const posted = await postEntry(o, {
      entryDate: today,
      description: `Retur penjualan: ${input.reason}`,
      source: { type: 'shop.return', id: s.id.toString() },
      ...(series ? { series } : {}),
      cashSessionId,
      lines,
    });

    await stockIn(
      o,
      s.outlet_id,
      'return',
      parts.map((p) => ({ productId: p.line.product_id, qtyBase: p.qtyBase, costRupiah: p.cost })),
      { refId: s.id, movedOn: today },
      async (adjustment) => {
        if (adjustment !== 0n) await postHppAdjustment(o, adjustment, today, `retur ${s.id}`);
        return posted.entryId;
      },
    );
    await sql`update shop_sale_lines l set returned_qty_base = l.returned_qty_base + v.qty
      from unnest(${parts.map((p) => p.line.line_no)}::int[], ${parts.map((p) => p.qtyBase.toString())}::bigint[])
        as v(line_no, qty)
      where l.cooperative_id = ${coop} and l.sale_id = ${saleId} and l.line_no = v.line_no`.execute(
      o.tx,
    );
    if (s.payment_method === 'member_account' && s.savings_account_id !== null) {
      const a = await lockAccount(o.tx, coop, s.savings_account_id);
      await move(o, a, 'shop-refund', 1, amount, today, posted.entryId, false);
    }
    const ret = await o.tx
      .insertInto('shop_returns')
      .values({
        cooperative_id: coop,
        sale_id: saleId,
        returned_on: today,
        lines: JSON.stringify(
          parts.map((p) => ({
            lineNo: p.line.line_no,
            qtyBase: p.qtyBase.toString(),
            amountRupiah: p.amount.toString(),
            costRupiah: p.cost.toString(),
          })),
        ),
        amount_rupiah: amount,
        reason: input.reason,
        approved_by: supervisor,
        journal_entry_id: posted.entryId,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await o.audit({
      action: 'shop.sale-returned',
      entityType: 'shop-sale',
      entityId: saleId,
      after: {
        returnId: ret.id.toString(),
        amountRupiah: amount.toString(),
        reason: input.reason,
        supervisor,
      },
    });
    return {
      status: 201,
      body: {
        returnId: ret.id.toString(),
        refundRupiah: amount.toString(),
        refundMethod: s.payment_method,
        sale: await saleView(o, saleId),
      },
    };
  });
}

/** A member pays goods credit (kredit barang) back in cash at the till. */
export async function payGoodsCredit(
  deps: Deps,
  ctx: OrgContext,
  memberId: bigint,
  input: { amountRupiah: bigint },
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o: OrgTx) => {
    const coop = ctx.organizationId;
    if (!ctx.actor.userId) throw new AppError('FORBIDDEN');
    // serialise payments of one member: lock the member's limit row (or the member)
    const member =
      await sql`select 1 from members where cooperative_id = ${coop} and id = ${memberId} for update`.execute(
        o.tx,
      );
    if (member.rows.length === 0) throw new AppError('SHOP_MEMBER_NOT_FOUND');
    const session = await cashRepo.openSessionOfTeller(o.tx, coop, ctx.actor.userId);
    if (!session) throw new AppError('CASH_SESSION_NONE_OPEN');
    const owed = await creditOutstanding(o, memberId);
    if (input.amountRupiah <= 0n || input.amountRupiah > owed)
      throw new AppError('SHOP_CREDIT_PAYMENT_EXCEEDS', { outstandingRupiah: owed });
    const posted = await postEntry(o, {
      entryDate: String(session.business_date).slice(0, 10),
      description: 'Pembayaran kredit barang',
      source: { type: 'shop.credit-payment', id: memberId.toString() },
      series: seriesOfDesk(session.desk_code),
      cashSessionId: session.id,
      lines: [
        { account: { role: 'cash' }, debitRupiah: input.amountRupiah },
        {
          account: { role: 'goodsCreditReceivable' },
          creditRupiah: input.amountRupiah,
          memberId,
        },
      ],
    });
    await o.audit({
      action: 'shop.credit-paid',
      entityType: 'member',
      entityId: memberId,
      after: { amountRupiah: input.amountRupiah.toString() },
    });
    return {
      status: 201,
      body: {
        ...postedView(posted),
        outstandingRupiah: (owed - input.amountRupiah).toString(),
      },
    };
  });
}
