import { sql } from 'kysely';
import { keptPart, settlementOf } from '../../domain/shop/consignment.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { memberOfActor } from './orders.js';

/**
 * What a member producer sees in the member portal (docs/domain/marketplace.md): the own goods on
 * consignment sold (at the shop's tills and through the marketplace), the share owed and not yet
 * settled, and the settlements paid into sukarela. Read-only; the same rules as the shop's
 * settlement (src/domain/shop/consignment.ts: returned parts are left out, voided sales are not
 * owed).
 */
export async function myProducerSummary(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    const memberId = await memberOfActor(o);
    const lines = await sql<{
      product_id: bigint;
      name: string;
      qty_base: bigint;
      returned_qty_base: bigint;
      amount_rupiah: bigint;
      consignor_share_rupiah: bigint;
      settled: boolean;
      marketplace: boolean;
    }>`select l.product_id, p.name, l.qty_base, l.returned_qty_base, l.amount_rupiah,
        l.consignor_share_rupiah, l.settlement_id is not null as settled,
        coalesce(s.till_id = ms.till_id, false) as marketplace
      from shop_sale_lines l
      join shop_sales s on s.cooperative_id = l.cooperative_id and s.id = l.sale_id
      join shop_suppliers sup on sup.cooperative_id = l.cooperative_id and sup.id = l.consignor_id
      join shop_products p on p.cooperative_id = l.cooperative_id and p.id = l.product_id
      left join marketplace_settings ms on ms.cooperative_id = l.cooperative_id
      where l.cooperative_id = ${coop} and sup.member_id = ${memberId} and s.status = 'posted'`.execute(
      o.tx,
    );
    const byProduct = new Map<
      string,
      {
        name: string;
        qty: bigint;
        marketplaceQty: bigint;
        sales: bigint;
        share: bigint;
        owed: bigint;
        settled: bigint;
      }
    >();
    for (const l of lines.rows) {
      const k = keptPart(
        { amountRupiah: l.amount_rupiah, consignorShareRupiah: l.consignor_share_rupiah },
        l.qty_base,
        l.returned_qty_base,
      );
      const kept = l.qty_base - l.returned_qty_base;
      const p = byProduct.get(l.product_id.toString()) ?? {
        name: l.name,
        qty: 0n,
        marketplaceQty: 0n,
        sales: 0n,
        share: 0n,
        owed: 0n,
        settled: 0n,
      };
      p.qty += kept;
      if (l.marketplace) p.marketplaceQty += kept;
      p.sales += k.amountRupiah;
      p.share += k.consignorShareRupiah;
      if (l.settled) p.settled += k.consignorShareRupiah;
      else p.owed += k.consignorShareRupiah;
      byProduct.set(l.product_id.toString(), p);
    }
    const settlements = await sql<{
      id: bigint;
      settled_on: string;
      through_date: string;
      sales_rupiah: bigint;
      margin_rupiah: bigint;
      amount_rupiah: bigint;
    }>`select c.id, c.settled_on::text, c.through_date::text, c.sales_rupiah, c.margin_rupiah,
        c.amount_rupiah
      from shop_consignment_settlements c
      join shop_suppliers sup on sup.cooperative_id = c.cooperative_id and sup.id = c.supplier_id
      where c.cooperative_id = ${coop} and sup.member_id = ${memberId}
      order by c.settled_on desc, c.id desc limit 50`.execute(o.tx);
    const products = [...byProduct.entries()]
      .map(([id, p]) => ({
        productId: id,
        name: p.name,
        qtySold: p.qty.toString(),
        marketplaceQtySold: p.marketplaceQty.toString(),
        salesRupiah: p.sales.toString(),
        shareRupiah: p.share.toString(),
        owedRupiah: p.owed.toString(),
        settledRupiah: p.settled.toString(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const owed = settlementOf(
      [...byProduct.values()].map((p) => ({ amountRupiah: p.owed, consignorShareRupiah: p.owed })),
    ).amountRupiah;
    let settled = 0n;
    let sales = 0n;
    for (const p of byProduct.values()) {
      settled += p.settled;
      sales += p.sales;
    }
    const supplier = await o.tx
      .selectFrom('shop_suppliers')
      .select('id')
      .where('cooperative_id', '=', coop)
      .where('member_id', '=', memberId)
      .where('consignment', '=', true)
      .executeTakeFirst();
    return {
      producer: supplier !== undefined,
      salesRupiah: sales.toString(),
      owedRupiah: owed.toString(),
      settledRupiah: settled.toString(),
      products,
      settlements: settlements.rows.map((s) => ({
        id: s.id.toString(),
        settledOn: String(s.settled_on).slice(0, 10),
        throughDate: String(s.through_date).slice(0, 10),
        salesRupiah: s.sales_rupiah.toString(),
        marginRupiah: s.margin_rupiah.toString(),
        amountRupiah: s.amount_rupiah.toString(),
      })),
    };
  });
}
