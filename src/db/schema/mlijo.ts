// Mlijo order rounds (migration 0043): vendors with their routes, households, rounds, orders and
// their lines, the vendors' daily settlements.
import type { Generated } from 'kysely';
import type { GeneratedId, Timestamp } from './columns.js';

export interface MlijoVendorsTable {
  cooperative_id: string;
  id: GeneratedId;
  member_id: bigint;
  route_name: string;
  areas: string;
  outlet_id: bigint;
  till_id: bigint;
  commission_bps: number | null;
  commission_per_order_rupiah: bigint | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface MlijoHouseholdsTable {
  cooperative_id: string;
  id: GeneratedId;
  vendor_id: bigint;
  stop_no: number;
  name: string;
  address: string;
  phone: string | null;
  member_id: bigint | null;
  token_hash: string;
  active: Generated<boolean>;
}

export interface MlijoRoundsTable {
  cooperative_id: string;
  id: GeneratedId;
  opens_at: Timestamp;
  closes_at: Timestamp;
  delivery_date: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export type MlijoOrderStatus = 'ordered' | 'packed' | 'delivered' | 'not_delivered';

export interface MlijoOrdersTable {
  cooperative_id: string;
  id: GeneratedId;
  round_id: bigint;
  vendor_id: bigint;
  household_id: bigint;
  member_id: bigint | null;
  status: Generated<'ordered' | 'packed' | 'delivered' | 'not_delivered'>;
  ordered_total_rupiah: bigint;
  total_rupiah: bigint;
  note: string | null;
  ordered_via: 'link' | 'member' | 'vendor';
  ordered_at: Timestamp;
  packed_at: Timestamp | null;
  delivered_at: Timestamp | null;
  payment_method: 'cash' | 'qris' | 'member_account' | null;
  payment_reference: string | null;
  accepted_over_tolerance: Generated<boolean>;
  not_delivered_reason: string | null;
  sale_id: bigint | null;
  settlement_id: bigint | null;
}

export interface MlijoOrderLinesTable {
  cooperative_id: string;
  order_id: bigint;
  line_no: number;
  product_id: bigint;
  unit: string;
  qty: bigint;
  qty_base: bigint;
  price_rupiah: bigint;
  price_base: bigint;
  amount_rupiah: bigint;
  packed_qty_base: bigint | null;
  packed_amount_rupiah: bigint | null;
}

export interface MlijoSettlementsTable {
  cooperative_id: string;
  id: GeneratedId;
  vendor_id: bigint;
  delivery_date: string;
  orders_delivered: number;
  delivered_rupiah: bigint;
  cash_collected_rupiah: bigint;
  qris_rupiah: bigint;
  sukarela_rupiah: bigint;
  handed_over_rupiah: bigint;
  shortfall_rupiah: bigint;
  commission_rupiah: bigint;
  savings_account_id: bigint | null;
  journal_entry_id: bigint | null;
  settled_by: string | null;
  settled_at: Generated<Date>;
}

export interface MlijoTables {
  mlijo_vendors: MlijoVendorsTable;
  mlijo_households: MlijoHouseholdsTable;
  mlijo_rounds: MlijoRoundsTable;
  mlijo_orders: MlijoOrdersTable;
  mlijo_order_lines: MlijoOrderLinesTable;
  mlijo_settlements: MlijoSettlementsTable;
}
