import { sql } from 'kysely';
import type { Queryable } from './database.js';

/**
 * The demo shop's queries (src/services/demo/shop.ts): the members who shop and their sukarela
 * accounts, and the earlier months' sales written set-based (sales, lines, stock moves, the
 * members' savings movements and consignment settlements). The generator stays in the service.
 */

export interface ShopMemberRow {
  id: bigint;
  member_number: string;
  full_name: string;
  sukarela_id: bigint | null;
  sukarela_status: string | null;
}

/** Active members with a number, with their oldest open sukarela account (as the till pays from). */
export async function shopMembers(db: Queryable, coop: string): Promise<ShopMemberRow[]> {
  const r = await sql<ShopMemberRow>`select m.id, m.member_number, m.full_name,
      (select a.id from savings_accounts a join savings_products p on p.cooperative_id = a.cooperative_id
          and p.id = a.product_id
        where a.cooperative_id = m.cooperative_id and a.member_id = m.id and p.kind = 'sukarela'
          and a.status in ('active', 'dormant') order by a.id limit 1) as sukarela_id,
      (select a.status from savings_accounts a join savings_products p on p.cooperative_id = a.cooperative_id
          and p.id = a.product_id
        where a.cooperative_id = m.cooperative_id and a.member_id = m.id and p.kind = 'sukarela'
          and a.status in ('active', 'dormant') order by a.id limit 1) as sukarela_status
    from members m
    where m.cooperative_id = ${coop} and m.status = 'active' and m.member_number is not null
    order by m.id`.execute(db);
  return r.rows;
}

/** Balances of the given savings accounts, with their status. */
export async function accountBalances(
  db: Queryable,
  coop: string,
): Promise<{ id: bigint; balance_rupiah: bigint; status: string }[]> {
  const r = await sql<{ id: bigint; balance_rupiah: bigint; status: string }>`
    select id, balance_rupiah, status from savings_accounts where cooperative_id = ${coop}`.execute(
    db,
  );
  return r.rows;
}

/** The days' sales of both tills, hash-chained as the tills would have; their ids. */
export async function insertSales(
  db: Queryable,
  coop: string,
  rowsJson: string,
): Promise<
  { id: bigint; client_sale_id: string; journal_entry_id: bigint; business_date: string }[]
> {
  const r = await sql<{
    id: bigint;
    client_sale_id: string;
    journal_entry_id: bigint;
    business_date: string;
  }>`insert into shop_sales (cooperative_id, till_id, receipt_no, client_sale_id, outlet_id,
      cashier_user_id, member_id, sold_at, business_date, total_rupiah, cost_rupiah, payment_method,
      payment_reference, tendered_rupiah, savings_account_id, offline, prev_hash, hash, journal_entry_id)
    select ${coop}, till_id, receipt_no, client_sale_id, outlet_id, cashier_user_id, member_id,
      sold_at, business_date, total, cost, payment_method, payment_reference, tendered,
      savings_account_id, false, prev_hash, hash, entry
    from jsonb_to_recordset(${rowsJson}::jsonb) as x(till_id bigint, receipt_no bigint,
      client_sale_id uuid, outlet_id bigint, cashier_user_id uuid, member_id bigint,
      sold_at timestamptz, business_date date, total bigint, cost bigint, payment_method text,
      payment_reference text, tendered bigint, savings_account_id bigint, prev_hash text,
      hash text, entry bigint)
    returning id, client_sale_id, journal_entry_id, business_date::text`.execute(db);
  return r.rows;
}

/** Their lines and the stock moves out at the lines' cost. */
export async function insertSaleLinesAndMoves(
  db: Queryable,
  coop: string,
  outletId: bigint,
  rowsJson: string,
): Promise<void> {
  await sql`insert into shop_sale_lines (cooperative_id, sale_id, line_no, product_id, unit, qty,
      qty_base, unit_price_rupiah, price_base, amount_rupiah, cost_rupiah, consignor_id,
      consignor_share_rupiah)
    select ${coop}, sale_id, line_no, product_id, unit, qty, qty_base, price, price_base, amount,
      cost, consignor_id, share
    from jsonb_to_recordset(${rowsJson}::jsonb) as x(sale_id bigint, line_no int,
      product_id bigint, unit text, qty bigint, qty_base bigint, price bigint, price_base bigint,
      amount bigint, cost bigint, consignor_id bigint, share bigint)`.execute(db);
  await sql`insert into shop_stock_moves (cooperative_id, outlet_id, product_id, kind, qty_base,
      cost_rupiah, ref_id, moved_on, journal_entry_id)
    select ${coop}, ${outletId}, product_id, 'sale', -qty_base, -cost, sale_id, date, entry
    from jsonb_to_recordset(${rowsJson}::jsonb) as x(sale_id bigint, line_no int,
      product_id bigint, qty_base bigint, cost bigint, date date, entry bigint)
    order by sale_id, line_no`.execute(db);
}

/** The till's head after the sales written set-based: the next sale links to it. */
export async function setTillHead(
  db: Queryable,
  coop: string,
  tillId: bigint,
  receiptNo: number,
  hash: string,
): Promise<void> {
  await sql`update shop_tills set last_receipt_no = ${receiptNo}, last_hash = ${hash}
    where cooperative_id = ${coop} and id = ${tillId}`.execute(db);
}
