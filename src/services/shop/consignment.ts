import { sql } from 'kysely';
import { AppError } from '../../domain/errors.js';
import { keptPart, settlementOf } from '../../domain/shop/consignment.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { inOrgOnce, type Idempotency } from '../idempotency.js';
import { postEntry, postedView } from '../ledger.js';
import { lockAccount } from '../savings/accounts.js';
import { move } from '../savings/movements.js';

/**
 * Titip jual settlements (docs/domain/shop.md): what a member producer's goods sold for, less the
 * cooperative's margin, is owed to the producer from the moment of sale (Utang titip jual, with
 * the producer's member id); a settlement pays every unsettled line up to a date into the
 * producer's sukarela account in one entry (Dr 2111 / Cr Simpanan sukarela) and marks the lines,
 * so a line is paid once. Lines of voided sales are not owed (the void reversed them); returned
 * parts are left out (src/domain/shop/consignment.ts keptPart).
 */

interface UnsettledLine {
  sale_id: bigint;
  line_no: number;
  qty_base: bigint;
  returned_qty_base: bigint;
  amount_rupiah: bigint;
  consignor_share_rupiah: bigint;
}

async function unsettledLines(
  o: OrgTx,
  supplierId: bigint,
  throughDate: string,
  lock: boolean,
): Promise<UnsettledLine[]> {
  const r = await sql<UnsettledLine>`select l.sale_id, l.line_no, l.qty_base, l.returned_qty_base,
      l.amount_rupiah, l.consignor_share_rupiah
    from shop_sale_lines l join shop_sales s on s.cooperative_id = l.cooperative_id and s.id = l.sale_id
    where l.cooperative_id = ${o.ctx.organizationId} and l.consignor_id = ${supplierId}
      and l.settlement_id is null and s.status = 'posted' and s.business_date <= ${throughDate}::date
    order by l.sale_id, l.line_no
    ${lock ? sql`for update of l` : sql``}`.execute(o.tx);
  return r.rows;
}

function kept(lines: readonly UnsettledLine[]) {
  return lines.map((l) =>
    keptPart(
      { amountRupiah: l.amount_rupiah, consignorShareRupiah: l.consignor_share_rupiah },
      l.qty_base,
      l.returned_qty_base,
    ),
  );
}

/** Every consignment supplier with what is owed (unsettled, up to the date) and last settlement. */
export async function consignmentOwed(deps: Deps, ctx: OrgContext, throughDate: string) {
  return inOrg(deps, ctx, async (o) => {
    const suppliers = await sql<{
      id: bigint;
      name: string;
      member_id: bigint | null;
      member_number: string | null;
      member_name: string | null;
      margin_bps: number | null;
      last_settled_on: string | null;
    }>`select s.id, s.name, s.member_id, m.member_number, m.full_name as member_name, s.margin_bps,
        (select max(c.settled_on) from shop_consignment_settlements c
          where c.cooperative_id = s.cooperative_id and c.supplier_id = s.id)::text as last_settled_on
      from shop_suppliers s
      left join members m on m.cooperative_id = s.cooperative_id and m.id = s.member_id
      where s.cooperative_id = ${ctx.organizationId} and s.consignment
      order by s.name`.execute(o.tx);
    const out = [];
    for (const s of suppliers.rows) {
      const lines = await unsettledLines(o, s.id, throughDate, false);
      const t = settlementOf(kept(lines));
      out.push({
        supplierId: s.id.toString(),
        name: s.name,
        memberId: s.member_id?.toString() ?? null,
        memberNumber: s.member_number,
        memberName: s.member_name,
        marginBps: s.margin_bps ?? 0,
        lines: lines.length,
        salesRupiah: t.salesRupiah.toString(),
        marginRupiah: t.marginRupiah.toString(),
        owedRupiah: t.amountRupiah.toString(),
        lastSettledOn: s.last_settled_on,
      });
    }
    return out;
  });
}

/** Pays a producer everything owed up to `throughDate` into the producer's sukarela account. */
export async function settleConsignment(
  deps: Deps,
  ctx: OrgContext,
  supplierId: bigint,
  input: { throughDate: string; settledOn: string },
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => ({
    status: 201,
    body: await settleConsignmentIn(o, supplierId, input),
  }));
}

/** One producer's settlement inside the caller's transaction (the route's, or the demo's month). */
export async function settleConsignmentIn(
  o: OrgTx,
  supplierId: bigint,
  input: { throughDate: string; settledOn: string },
) {
  const ctx = o.ctx;
  const coop = ctx.organizationId;
  const s = await o.tx
    .selectFrom('shop_suppliers')
    .select(['id', 'name', 'member_id', 'consignment'])
    .where('cooperative_id', '=', coop)
    .where('id', '=', supplierId)
    .forUpdate()
    .executeTakeFirst();
  if (!s) throw new AppError('SHOP_SUPPLIER_NOT_FOUND');
  if (!s.consignment || s.member_id === null) throw new AppError('SHOP_CONSIGNOR_NOT_MEMBER');
  const lines = await unsettledLines(o, supplierId, input.throughDate, true);
  const t = settlementOf(kept(lines));
  if (t.amountRupiah <= 0n) throw new AppError('SHOP_NOTHING_TO_SETTLE');
  const acc = await sql<{ id: bigint }>`select a.id from savings_accounts a
        join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      where a.cooperative_id = ${coop} and a.member_id = ${s.member_id} and p.kind = 'sukarela'
        and a.status in ('active', 'dormant') order by a.id limit 1`.execute(o.tx);
  const accountId = acc.rows[0]?.id;
  if (accountId === undefined) throw new AppError('SHOP_NO_SUKARELA');
  const account = await lockAccount(o.tx, coop, accountId);
  const posted = await postEntry(o, {
    entryDate: input.settledOn,
    description: `Pembayaran titip jual ${s.name} s.d. ${input.throughDate}`,
    source: { type: 'shop.consignment-settlement', id: `${supplierId}:${input.throughDate}` },
    lines: [
      {
        account: { role: 'consignmentPayable' },
        debitRupiah: t.amountRupiah,
        memberId: s.member_id,
      },
      {
        account: { role: 'savingsSukarela' },
        creditRupiah: t.amountRupiah,
        memberId: s.member_id,
      },
    ],
  });
  const settlement = await o.tx
    .insertInto('shop_consignment_settlements')
    .values({
      cooperative_id: coop,
      supplier_id: supplierId,
      settled_on: input.settledOn,
      through_date: input.throughDate,
      sales_rupiah: t.salesRupiah,
      margin_rupiah: t.marginRupiah,
      amount_rupiah: t.amountRupiah,
      savings_account_id: accountId,
      journal_entry_id: posted.entryId,
      created_by: ctx.actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`update shop_sale_lines l set settlement_id = ${settlement.id}
      from unnest(${lines.map((l) => l.sale_id.toString())}::bigint[], ${lines.map((l) => l.line_no)}::int[])
        as v(sale_id, line_no)
      where l.cooperative_id = ${coop} and l.sale_id = v.sale_id and l.line_no = v.line_no`.execute(
    o.tx,
  );
  const balanceAfter = await move(
    o,
    account,
    'consignment',
    1,
    t.amountRupiah,
    input.settledOn,
    posted.entryId,
    false,
  );
  await o.audit({
    action: 'shop.consignment-settled',
    entityType: 'shop-supplier',
    entityId: supplierId,
    after: {
      settlementId: settlement.id.toString(),
      lines: lines.length,
      salesRupiah: t.salesRupiah.toString(),
      marginRupiah: t.marginRupiah.toString(),
      amountRupiah: t.amountRupiah.toString(),
    },
  });
  return {
    id: settlement.id.toString(),
    supplierId: supplierId.toString(),
    lines: lines.length,
    salesRupiah: t.salesRupiah.toString(),
    marginRupiah: t.marginRupiah.toString(),
    amountRupiah: t.amountRupiah.toString(),
    accountNumber: account.account_number,
    balanceAfterRupiah: balanceAfter.toString(),
    entry: postedView(posted),
  };
}
