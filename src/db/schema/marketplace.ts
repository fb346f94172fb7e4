// Marketplace (migration 0042): settings, listings, photos, orders with their lines and steps.
import type { Generated } from 'kysely';
import type { GeneratedId, Timestamp } from './columns.js';

export interface MarketplaceSettingsTable {
  cooperative_id: string;
  outlet_id: bigint;
  till_id: bigint;
  open: Generated<boolean>;
  title: string;
  note: string | null;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface MarketplaceListingsTable {
  cooperative_id: string;
  product_id: bigint;
  listed_by: string | null;
  listed_at: Generated<Date>;
}

export interface MarketplacePhotosTable {
  cooperative_id: string;
  product_id: bigint;
  content_type: 'image/jpeg' | 'image/png' | 'image/webp';
  bytes: Uint8Array;
  etag: string;
  uploaded_by: string | null;
  uploaded_at: Generated<Date>;
}

export type MarketplaceOrderStatus = 'new' | 'confirmed' | 'packed' | 'delivered' | 'cancelled';

export interface MarketplaceOrdersTable {
  cooperative_id: string;
  id: GeneratedId;
  number: string;
  client_key: string;
  request_hash: string;
  public_token: string;
  delivery_id: string;
  member_id: bigint | null;
  buyer_name: string;
  buyer_phone: string;
  buyer_address: string;
  note: string | null;
  status: Generated<'new' | 'confirmed' | 'packed' | 'delivered' | 'cancelled'>;
  payment_method: 'cash' | 'qris' | 'member_account';
  payment_reference: string | null;
  total_rupiah: bigint;
  placed_at: Timestamp;
  placed_by: string | null;
  sale_id: bigint | null;
  cancel_reason: string | null;
  updated_at: Timestamp;
}

export interface MarketplaceOrderLinesTable {
  cooperative_id: string;
  order_id: bigint;
  line_no: number;
  product_id: bigint;
  unit: string;
  qty: bigint;
  qty_base: bigint;
  unit_price_rupiah: bigint;
  price_base: bigint;
  amount_rupiah: bigint;
}

export interface MarketplaceOrderEventsTable {
  cooperative_id: string;
  order_id: bigint;
  seq: number;
  from_status: 'new' | 'confirmed' | 'packed' | null;
  to_status: 'new' | 'confirmed' | 'packed' | 'delivered' | 'cancelled';
  at: Timestamp;
  by_user: string | null;
  by_label: string;
  reason: string | null;
}

export interface MarketplaceTables {
  marketplace_settings: MarketplaceSettingsTable;
  marketplace_listings: MarketplaceListingsTable;
  marketplace_photos: MarketplacePhotosTable;
  marketplace_orders: MarketplaceOrdersTable;
  marketplace_order_lines: MarketplaceOrderLinesTable;
  marketplace_order_events: MarketplaceOrderEventsTable;
}
