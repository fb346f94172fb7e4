-- 0043 Mlijo order rounds (issue 18 item 4; docs/domain/mlijo.md): a koperasi mlijo online takes
-- households' orders from a phone in rounds that open and close on a schedule (after Open Food
-- Network's order cycles); each member street vendor (mlijo) delivers the orders of the
-- households on the vendor's route, weighed goods priced at the weight packed, collects the
-- money, and hands the cash over in a daily settlement that pays the vendor's commission.

-- A vendor and the route the vendor serves (one route each): the member, the kampung/RT areas,
-- the outlet whose stock the vendor loads from and the till its deliveries are numbered on, and
-- the commission: basis points of the value delivered or a fixed fee per order delivered.
CREATE TABLE mlijo_vendors (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  member_id bigint NOT NULL,
  route_name text NOT NULL CHECK (length(route_name) BETWEEN 2 AND 100),
  areas text NOT NULL CHECK (length(areas) BETWEEN 2 AND 300),
  outlet_id bigint NOT NULL,
  till_id bigint NOT NULL,
  commission_bps integer CHECK (commission_bps BETWEEN 0 AND 5000),
  commission_per_order_rupiah bigint CHECK (commission_per_order_rupiah BETWEEN 0 AND 1000000),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, member_id),
  CHECK ((commission_bps IS NULL) <> (commission_per_order_rupiah IS NULL)),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id),
  FOREIGN KEY (cooperative_id, outlet_id) REFERENCES shop_outlets (cooperative_id, id),
  FOREIGN KEY (cooperative_id, till_id) REFERENCES shop_tills (cooperative_id, id)
);

-- The households on a route, in the order the vendor passes them. A household orders by its own
-- link (token_hash is the sha-256 of the secret in the link; the secret itself is not kept), by
-- the member signing in, or through the vendor.
CREATE TABLE mlijo_households (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  vendor_id bigint NOT NULL,
  stop_no integer NOT NULL CHECK (stop_no BETWEEN 1 AND 10000),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  address text NOT NULL CHECK (length(address) BETWEEN 2 AND 300),
  phone text CHECK (phone ~ '^\+?[0-9]{6,16}$'),
  member_id bigint,
  token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, token_hash),
  FOREIGN KEY (cooperative_id, vendor_id) REFERENCES mlijo_vendors (cooperative_id, id),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id)
);
CREATE INDEX mlijo_households_vendor ON mlijo_households (cooperative_id, vendor_id, stop_no);
CREATE INDEX mlijo_households_member ON mlijo_households (cooperative_id, member_id) WHERE member_id IS NOT NULL;

-- A round: orders are taken from opens_at until closes_at (server time) for delivery on
-- delivery_date.
CREATE TABLE mlijo_rounds (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  delivery_date date NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, delivery_date, opens_at),
  CHECK (closes_at > opens_at)
);

-- A household's order in a round (one per household and round), carried by the household's
-- vendor. Its lines are priced when ordered; at packing a weighed line gets its actual weight and
-- amount. Delivered, it is a shop sale (sale_id); its money lands in the vendor's settlement.
CREATE TABLE mlijo_orders (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  round_id bigint NOT NULL,
  vendor_id bigint NOT NULL,
  household_id bigint NOT NULL,
  member_id bigint,
  status text NOT NULL DEFAULT 'ordered'
    CHECK (status IN ('ordered', 'packed', 'delivered', 'not_delivered')),
  ordered_total_rupiah bigint NOT NULL CHECK (ordered_total_rupiah > 0),
  total_rupiah bigint NOT NULL CHECK (total_rupiah > 0),
  note text CHECK (length(note) <= 300),
  ordered_via text NOT NULL CHECK (ordered_via IN ('link', 'member', 'vendor')),
  ordered_at timestamptz NOT NULL,
  packed_at timestamptz,
  delivered_at timestamptz,
  payment_method text CHECK (payment_method IN ('cash', 'qris', 'member_account')),
  payment_reference text CHECK (length(payment_reference) BETWEEN 1 AND 64),
  -- a weight beyond the tolerance, accepted by the household at the door
  accepted_over_tolerance boolean NOT NULL DEFAULT false,
  not_delivered_reason text CHECK (length(not_delivered_reason) BETWEEN 3 AND 300),
  sale_id bigint,
  settlement_id bigint,
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, round_id, household_id),
  CHECK ((status = 'delivered') = (sale_id IS NOT NULL AND payment_method IS NOT NULL)),
  CHECK ((status = 'not_delivered') = (not_delivered_reason IS NOT NULL)),
  FOREIGN KEY (cooperative_id, round_id) REFERENCES mlijo_rounds (cooperative_id, id),
  FOREIGN KEY (cooperative_id, vendor_id) REFERENCES mlijo_vendors (cooperative_id, id),
  FOREIGN KEY (cooperative_id, household_id) REFERENCES mlijo_households (cooperative_id, id),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id),
  FOREIGN KEY (cooperative_id, sale_id) REFERENCES shop_sales (cooperative_id, id)
);
CREATE INDEX mlijo_orders_vendor ON mlijo_orders (cooperative_id, vendor_id, round_id);

CREATE TABLE mlijo_order_lines (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  order_id bigint NOT NULL,
  line_no integer NOT NULL CHECK (line_no BETWEEN 1 AND 50),
  product_id bigint NOT NULL,
  unit text NOT NULL,
  qty bigint NOT NULL CHECK (qty > 0),
  qty_base bigint NOT NULL CHECK (qty_base > 0),
  price_rupiah bigint NOT NULL CHECK (price_rupiah > 0),
  price_base bigint NOT NULL CHECK (price_base >= 1),
  amount_rupiah bigint NOT NULL CHECK (amount_rupiah > 0),
  -- set at packing (weighed goods: the weight on the scale)
  packed_qty_base bigint CHECK (packed_qty_base > 0),
  packed_amount_rupiah bigint CHECK (packed_amount_rupiah > 0),
  PRIMARY KEY (cooperative_id, order_id, line_no),
  CHECK ((packed_qty_base IS NULL) = (packed_amount_rupiah IS NULL)),
  FOREIGN KEY (cooperative_id, order_id) REFERENCES mlijo_orders (cooperative_id, id),
  FOREIGN KEY (cooperative_id, product_id) REFERENCES shop_products (cooperative_id, id)
);

-- The vendor's daily settlement: once per vendor and delivery day.
CREATE TABLE mlijo_settlements (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  vendor_id bigint NOT NULL,
  delivery_date date NOT NULL,
  orders_delivered integer NOT NULL CHECK (orders_delivered >= 0),
  delivered_rupiah bigint NOT NULL CHECK (delivered_rupiah >= 0),
  cash_collected_rupiah bigint NOT NULL CHECK (cash_collected_rupiah >= 0),
  qris_rupiah bigint NOT NULL CHECK (qris_rupiah >= 0),
  sukarela_rupiah bigint NOT NULL CHECK (sukarela_rupiah >= 0),
  handed_over_rupiah bigint NOT NULL CHECK (handed_over_rupiah >= 0),
  shortfall_rupiah bigint NOT NULL CHECK (shortfall_rupiah >= 0),
  commission_rupiah bigint NOT NULL CHECK (commission_rupiah >= 0),
  savings_account_id bigint,
  journal_entry_id bigint,
  settled_by uuid REFERENCES users (id),
  settled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, vendor_id, delivery_date),
  CHECK (handed_over_rupiah + shortfall_rupiah = cash_collected_rupiah),
  CHECK (cash_collected_rupiah + qris_rupiah + sukarela_rupiah = delivered_rupiah),
  FOREIGN KEY (cooperative_id, vendor_id) REFERENCES mlijo_vendors (cooperative_id, id)
);

ALTER TABLE mlijo_orders ADD FOREIGN KEY (cooperative_id, settlement_id)
  REFERENCES mlijo_settlements (cooperative_id, id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['mlijo_vendors', 'mlijo_households', 'mlijo_rounds', 'mlijo_orders',
    'mlijo_order_lines', 'mlijo_settlements']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (cooperative_id = sokoguru_current_org())', t);
  END LOOP;
END $$;

-- A vendor's commission paid into the vendor's sukarela is a movement of its own kind.
ALTER TABLE savings_transactions DROP CONSTRAINT savings_transactions_kind_check;
ALTER TABLE savings_transactions ADD CONSTRAINT savings_transactions_kind_check CHECK (kind IN ('deposit',
  'withdrawal', 'transfer-in', 'transfer-out', 'interest', 'tax', 'admin-fee', 'placement', 'break',
  'penalty', 'maturity', 'opening-balance', 'exit', 'loan-disbursement', 'loan-repayment', 'shu',
  'shop-purchase', 'shop-refund', 'consignment', 'mlijo-commission'));
