// Shop (migration 0041): outlets, tills, catalogue, suppliers, stock and its moves, purchases,
// opname, credit limits, consignment settlements, sales with their lines, returns.
import type { Generated } from 'kysely';
import type { GeneratedId, Json, Timestamp } from './columns.js';

export interface ShopOutletsTable {
  cooperative_id: string;
  id: GeneratedId;
  code: string;
  name: string;
  address: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface ShopTillsTable {
  cooperative_id: string;
  id: GeneratedId;
  outlet_id: bigint;
  code: string;
  name: string;
  desk_id: bigint;
  last_receipt_no: Generated<bigint>;
  last_hash: Generated<string>;
  active: Generated<boolean>;
}

export interface ShopSuppliersTable {
  cooperative_id: string;
  id: GeneratedId;
  name: string;
  member_id: bigint | null;
  phone: string | null;
  consignment: Generated<boolean>;
  margin_bps: number | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface ShopProductsTable {
  cooperative_id: string;
  id: GeneratedId;
  sku: string;
  name: string;
  category: string;
  base_unit: string;
  price_unit: string;
  price_unit_base: number;
  weighed: Generated<boolean>;
  member_price_rupiah: bigint;
  public_price_rupiah: bigint;
  consignor_id: bigint | null;
  reorder_level_base: Generated<bigint>;
  description: string | null;
  photo_url: string | null;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface ShopProductUnitsTable {
  cooperative_id: string;
  product_id: bigint;
  unit: string;
  factor_base: bigint;
  barcode: string | null;
  member_price_rupiah: bigint | null;
  public_price_rupiah: bigint | null;
}

export interface ShopPriceHistoryTable {
  cooperative_id: string;
  product_id: bigint;
  id: GeneratedId;
  effective_at: Generated<Date>;
  member_price_rupiah: bigint;
  public_price_rupiah: bigint;
  changed_by: string | null;
}

export interface ShopStockTable {
  cooperative_id: string;
  outlet_id: bigint;
  product_id: bigint;
  qty_base: Generated<bigint>;
  value_rupiah: Generated<bigint>;
  last_cost_rupiah: Generated<bigint>;
  last_cost_qty_base: Generated<bigint>;
}

export interface ShopStockMovesTable {
  cooperative_id: string;
  id: GeneratedId;
  outlet_id: bigint;
  product_id: bigint;
  kind: 'receipt' | 'sale' | 'void' | 'return' | 'opname';
  qty_base: bigint;
  cost_rupiah: bigint;
  ref_id: bigint;
  moved_on: string;
  journal_entry_id: bigint | null;
  created_at: Generated<Date>;
}

export interface ShopPurchaseOrdersTable {
  cooperative_id: string;
  id: GeneratedId;
  supplier_id: bigint;
  outlet_id: bigint;
  ordered_on: string;
  status: Generated<'open' | 'received' | 'cancelled'>;
  lines: Json;
  note: string | null;
  created_by: string | null;
}

export interface ShopGoodsReceiptsTable {
  cooperative_id: string;
  id: GeneratedId;
  supplier_id: bigint;
  outlet_id: bigint;
  purchase_order_id: bigint | null;
  received_on: string;
  invoice_no: string | null;
  due_on: string | null;
  total_rupiah: bigint;
  paid_rupiah: Generated<bigint>;
  journal_entry_id: bigint | null;
  created_by: string | null;
}

export interface ShopGoodsReceiptLinesTable {
  cooperative_id: string;
  receipt_id: bigint;
  line_no: number;
  product_id: bigint;
  unit: string;
  qty: bigint;
  qty_base: bigint;
  cost_rupiah: bigint;
}

export interface ShopSupplierPaymentsTable {
  cooperative_id: string;
  id: GeneratedId;
  receipt_id: bigint;
  paid_on: string;
  amount_rupiah: bigint;
  method: 'bank' | 'cash';
  journal_entry_id: bigint;
  created_by: string | null;
}

export interface ShopOpnamesTable {
  cooperative_id: string;
  id: GeneratedId;
  outlet_id: bigint;
  counted_on: string;
  note: string | null;
  variance_rupiah: bigint;
  journal_entry_id: bigint | null;
  created_by: string | null;
}

export interface ShopOpnameLinesTable {
  cooperative_id: string;
  opname_id: bigint;
  product_id: bigint;
  system_qty_base: bigint;
  counted_qty_base: bigint;
  variance_cost_rupiah: bigint;
}

export interface ShopCreditLimitsTable {
  cooperative_id: string;
  member_id: bigint;
  limit_rupiah: bigint;
  set_by: string | null;
  set_at: Generated<Date>;
}

export interface ShopConsignmentSettlementsTable {
  cooperative_id: string;
  id: GeneratedId;
  supplier_id: bigint;
  settled_on: string;
  through_date: string;
  sales_rupiah: bigint;
  margin_rupiah: bigint;
  amount_rupiah: bigint;
  savings_account_id: bigint | null;
  journal_entry_id: bigint;
  created_by: string | null;
}

export interface ShopSalesTable {
  cooperative_id: string;
  id: GeneratedId;
  till_id: bigint;
  receipt_no: bigint;
  client_sale_id: string;
  outlet_id: bigint;
  cash_session_id: bigint | null;
  cashier_user_id: string;
  member_id: bigint | null;
  sold_at: Timestamp;
  business_date: string;
  total_rupiah: bigint;
  cost_rupiah: bigint;
  payment_method: 'cash' | 'qris' | 'member_account' | 'member_credit';
  payment_reference: string | null;
  tendered_rupiah: bigint | null;
  savings_account_id: bigint | null;
  offline: Generated<boolean>;
  prev_hash: string;
  hash: string;
  status: Generated<'posted' | 'voided'>;
  journal_entry_id: bigint;
  void_entry_id: bigint | null;
  voided_by: string | null;
  void_reason: string | null;
  received_at: Generated<Date>;
}

export interface ShopSaleLinesTable {
  cooperative_id: string;
  sale_id: bigint;
  line_no: number;
  product_id: bigint;
  unit: string;
  qty: bigint;
  qty_base: bigint;
  unit_price_rupiah: bigint;
  price_base: bigint;
  amount_rupiah: bigint;
  cost_rupiah: bigint;
  returned_qty_base: Generated<bigint>;
  consignor_id: bigint | null;
  consignor_share_rupiah: bigint | null;
  settlement_id: bigint | null;
}

export interface ShopReturnsTable {
  cooperative_id: string;
  id: GeneratedId;
  sale_id: bigint;
  returned_on: string;
  lines: Json;
  amount_rupiah: bigint;
  reason: string;
  approved_by: string;
  journal_entry_id: bigint;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ShopTables {
  shop_outlets: ShopOutletsTable;
  shop_tills: ShopTillsTable;
  shop_suppliers: ShopSuppliersTable;
  shop_products: ShopProductsTable;
  shop_product_units: ShopProductUnitsTable;
  shop_price_history: ShopPriceHistoryTable;
  shop_stock: ShopStockTable;
  shop_stock_moves: ShopStockMovesTable;
  shop_purchase_orders: ShopPurchaseOrdersTable;
  shop_goods_receipts: ShopGoodsReceiptsTable;
  shop_goods_receipt_lines: ShopGoodsReceiptLinesTable;
  shop_supplier_payments: ShopSupplierPaymentsTable;
  shop_opnames: ShopOpnamesTable;
  shop_opname_lines: ShopOpnameLinesTable;
  shop_credit_limits: ShopCreditLimitsTable;
  shop_consignment_settlements: ShopConsignmentSettlementsTable;
  shop_sales: ShopSalesTable;
  shop_sale_lines: ShopSaleLinesTable;
  shop_returns: ShopReturnsTable;
}
