-- 0042 The cooperative's marketplace (pasar daring; issue 18 item 3; docs/domain/marketplace.md):
-- a public storefront of the shop's products that are listed, with their photos; orders by
-- members and by the public, each placed once per Idempotency-Key; the order workflow (new,
-- confirmed, packed, delivered, cancelled) with every step recorded; on delivery the order
-- becomes a shop sale on the marketplace's own till (src/services/shop/sales.ts recordOrderSaleIn).

-- One per cooperative: the marketplace is open only when set up, and sells from one outlet
-- (its stock is what the storefront shows) through one till kept for this channel (its receipts).
CREATE TABLE marketplace_settings (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  outlet_id bigint NOT NULL,
  till_id bigint NOT NULL,
  open boolean NOT NULL DEFAULT true,
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 100),
  note text CHECK (length(note) <= 500),
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id),
  FOREIGN KEY (cooperative_id, outlet_id) REFERENCES shop_outlets (cooperative_id, id),
  FOREIGN KEY (cooperative_id, till_id) REFERENCES shop_tills (cooperative_id, id)
);

-- The products shown on the storefront (the flag): a product not listed cannot be ordered.
CREATE TABLE marketplace_listings (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  product_id bigint NOT NULL,
  listed_by uuid REFERENCES users (id),
  listed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, product_id),
  FOREIGN KEY (cooperative_id, product_id) REFERENCES shop_products (cooperative_id, id)
);

-- A product's photo, kept in the database (no file store to back up apart): JPEG, PNG or WebP,
-- at most 512 KiB; etag is the sha-256 of the bytes (the storefront caches by it).
CREATE TABLE marketplace_photos (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  product_id bigint NOT NULL,
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes bytea NOT NULL CHECK (octet_length(bytes) BETWEEN 1 AND 524288),
  etag text NOT NULL CHECK (etag ~ '^[0-9a-f]{64}$'),
  uploaded_by uuid REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, product_id),
  FOREIGN KEY (cooperative_id, product_id) REFERENCES shop_products (cooperative_id, id)
);

-- An order. client_key is the buyer's Idempotency-Key (a double tap places one order);
-- public_token is the unguessable key of the buyer's status link; delivery_id is the
-- clientSaleId of the sale the delivery records (the same delivery again records nothing new).
CREATE TABLE marketplace_orders (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  number text NOT NULL CHECK (number ~ '^PD-[0-9]{6,}$'),
  client_key text NOT NULL CHECK (length(client_key) BETWEEN 8 AND 100),
  request_hash text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
  public_token text NOT NULL CHECK (public_token ~ '^[0-9a-f]{32}$'),
  delivery_id uuid NOT NULL,
  member_id bigint,
  buyer_name text NOT NULL CHECK (length(buyer_name) BETWEEN 2 AND 100),
  buyer_phone text NOT NULL CHECK (buyer_phone ~ '^\+?[0-9]{8,16}$'),
  buyer_address text NOT NULL CHECK (length(buyer_address) BETWEEN 5 AND 300),
  note text CHECK (length(note) <= 300),
  status text NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'confirmed', 'packed', 'delivered', 'cancelled')),
  payment_method text NOT NULL CHECK (payment_method IN ('cash', 'qris', 'member_account')),
  payment_reference text CHECK (length(payment_reference) BETWEEN 1 AND 64),
  total_rupiah bigint NOT NULL CHECK (total_rupiah > 0),
  placed_at timestamptz NOT NULL,
  placed_by uuid REFERENCES users (id),
  sale_id bigint,
  cancel_reason text CHECK (length(cancel_reason) BETWEEN 3 AND 300),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, number),
  UNIQUE (cooperative_id, client_key),
  UNIQUE (cooperative_id, public_token),
  CHECK (payment_method <> 'member_account' OR member_id IS NOT NULL),
  CHECK ((status = 'delivered') = (sale_id IS NOT NULL)),
  CHECK ((status = 'cancelled') = (cancel_reason IS NOT NULL)),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id),
  FOREIGN KEY (cooperative_id, sale_id) REFERENCES shop_sales (cooperative_id, id)
);
CREATE INDEX marketplace_orders_status ON marketplace_orders (cooperative_id, status, placed_at);
CREATE INDEX marketplace_orders_member ON marketplace_orders (cooperative_id, member_id, placed_at)
  WHERE member_id IS NOT NULL;

-- The lines as priced when the order was placed (the current member or public price).
CREATE TABLE marketplace_order_lines (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  order_id bigint NOT NULL,
  line_no integer NOT NULL CHECK (line_no BETWEEN 1 AND 50),
  product_id bigint NOT NULL,
  unit text NOT NULL,
  qty bigint NOT NULL CHECK (qty > 0),
  qty_base bigint NOT NULL CHECK (qty_base > 0),
  unit_price_rupiah bigint NOT NULL CHECK (unit_price_rupiah > 0),
  price_base bigint NOT NULL CHECK (price_base BETWEEN 1 AND 100000000),
  amount_rupiah bigint NOT NULL CHECK (amount_rupiah > 0),
  PRIMARY KEY (cooperative_id, order_id, line_no),
  FOREIGN KEY (cooperative_id, order_id) REFERENCES marketplace_orders (cooperative_id, id),
  FOREIGN KEY (cooperative_id, product_id) REFERENCES shop_products (cooperative_id, id)
);

-- Every step of an order: from which status to which, who, when, and why (a cancellation).
CREATE TABLE marketplace_order_events (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  order_id bigint NOT NULL,
  seq integer NOT NULL CHECK (seq >= 1),
  from_status text CHECK (from_status IN ('new', 'confirmed', 'packed')),
  to_status text NOT NULL
    CHECK (to_status IN ('new', 'confirmed', 'packed', 'delivered', 'cancelled')),
  at timestamptz NOT NULL,
  by_user uuid REFERENCES users (id),
  by_label text NOT NULL CHECK (length(by_label) BETWEEN 1 AND 100),
  reason text CHECK (length(reason) <= 300),
  PRIMARY KEY (cooperative_id, order_id, seq),
  FOREIGN KEY (cooperative_id, order_id) REFERENCES marketplace_orders (cooperative_id, id)
);

-- Steps are history.
CREATE FUNCTION marketplace_order_events_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'marketplace order events are never changed' USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER marketplace_order_events_guard BEFORE UPDATE OR DELETE ON marketplace_order_events
  FOR EACH ROW EXECUTE FUNCTION marketplace_order_events_guard();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['marketplace_settings', 'marketplace_listings', 'marketplace_photos',
    'marketplace_orders', 'marketplace_order_lines', 'marketplace_order_events']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (cooperative_id = sokoguru_current_org())', t);
  END LOOP;
END $$;
