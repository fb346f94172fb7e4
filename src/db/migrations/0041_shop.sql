-- 0041 The cooperative's shop (issue 18 items 1, 2 and 5; docs/domain/shop.md): outlets and their
-- tills, the catalogue with units and prices (and their history), suppliers (member producers on
-- consignment among them), stock per outlet with every move and its cost (HPP by moving
-- average), goods received with the supplier's invoice and its payments, stock opname, and the
-- point of sale: sales numbered gapless per till and hash-chained, their lines, voids and returns,
-- members' credit limits (kredit barang) and consignment settlements.

CREATE TABLE shop_outlets (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  code text NOT NULL CHECK (code ~ '^[A-Z0-9-]{1,16}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  address text CHECK (length(address) <= 300),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, code)
);

-- A till is one checkout: its own receipt series (numbers gapless per till, so a till that works
-- offline never collides with another) and the head of its hash chain. Its cash goes through a
-- cash desk's session (the shift: opened with a float, closed with a count).
CREATE TABLE shop_tills (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  outlet_id bigint NOT NULL,
  code text NOT NULL CHECK (code ~ '^[A-Z0-9-]{1,16}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  desk_id bigint NOT NULL,
  last_receipt_no bigint NOT NULL DEFAULT 0 CHECK (last_receipt_no >= 0),
  -- sha-256 (hex) of the last sale, '' before the first
  last_hash text NOT NULL DEFAULT '' CHECK (last_hash = '' OR last_hash ~ '^[0-9a-f]{64}$'),
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, code),
  FOREIGN KEY (cooperative_id, outlet_id) REFERENCES shop_outlets (cooperative_id, id),
  FOREIGN KEY (cooperative_id, desk_id) REFERENCES cash_desks (cooperative_id, id)
);

-- Suppliers: traders, and members who make goods. A consignment supplier (titip jual) keeps
-- ownership of its goods until they sell; the cooperative keeps margin_bps of each sale.
CREATE TABLE shop_suppliers (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  member_id bigint,
  phone text CHECK (phone ~ '^\+?[0-9]{6,16}$'),
  consignment boolean NOT NULL DEFAULT false,
  margin_bps integer CHECK (margin_bps BETWEEN 0 AND 10000),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id),
  CHECK (consignment = (margin_bps IS NOT NULL))
);

-- A product. Quantities are whole base units (pcs, or grams for weighed goods); prices are per
-- price unit of price_unit_base base units (1, or 1000 for a price per kg of a good kept in grams).
CREATE TABLE shop_products (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  sku text NOT NULL CHECK (sku ~ '^[A-Za-z0-9._-]{1,40}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  category text NOT NULL CHECK (length(category) BETWEEN 2 AND 60),
  base_unit text NOT NULL CHECK (base_unit ~ '^[a-z]{1,10}$'),
  price_unit text NOT NULL CHECK (price_unit ~ '^[a-z]{1,10}$'),
  price_unit_base integer NOT NULL CHECK (price_unit_base BETWEEN 1 AND 1000000),
  weighed boolean NOT NULL DEFAULT false,
  member_price_rupiah bigint NOT NULL CHECK (member_price_rupiah > 0),
  public_price_rupiah bigint NOT NULL CHECK (public_price_rupiah > 0),
  -- the consignment supplier who owns the goods, or null for the cooperative's own stock
  consignor_id bigint,
  reorder_level_base bigint NOT NULL DEFAULT 0 CHECK (reorder_level_base >= 0),
  description text CHECK (length(description) <= 2000),
  photo_url text CHECK (length(photo_url) <= 500),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, sku),
  FOREIGN KEY (cooperative_id, consignor_id) REFERENCES shop_suppliers (cooperative_id, id)
);

-- The units a product is sold or bought in, each with its barcode: the base unit (factor 1) and
-- packs (dus = 24 pcs). A pack's price is the base price times its factor unless set.
CREATE TABLE shop_product_units (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  product_id bigint NOT NULL,
  unit text NOT NULL CHECK (unit ~ '^[a-z]{1,10}$'),
  factor_base bigint NOT NULL CHECK (factor_base BETWEEN 1 AND 100000000),
  barcode text CHECK (barcode ~ '^[0-9A-Za-z-]{4,32}$'),
  member_price_rupiah bigint CHECK (member_price_rupiah > 0),
  public_price_rupiah bigint CHECK (public_price_rupiah > 0),
  PRIMARY KEY (cooperative_id, product_id, unit),
  UNIQUE (cooperative_id, barcode),
  FOREIGN KEY (cooperative_id, product_id) REFERENCES shop_products (cooperative_id, id)
);

-- Every price a product has had, from when.
CREATE TABLE shop_price_history (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  product_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  effective_at timestamptz NOT NULL DEFAULT now(),
  member_price_rupiah bigint NOT NULL CHECK (member_price_rupiah > 0),
  public_price_rupiah bigint NOT NULL CHECK (public_price_rupiah > 0),
  changed_by uuid REFERENCES users (id),
  PRIMARY KEY (cooperative_id, product_id, id),
  FOREIGN KEY (cooperative_id, product_id) REFERENCES shop_products (cooperative_id, id)
);

-- Stock on hand per outlet at cost: value_rupiah is what the stock account holds for it (0 for
-- consignment goods, which are not the cooperative's). Quantity may go below zero when a sale is
-- rung up before the goods were received in the books; the value follows at the last cost.
CREATE TABLE shop_stock (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  outlet_id bigint NOT NULL,
  product_id bigint NOT NULL,
  qty_base bigint NOT NULL DEFAULT 0,
  value_rupiah bigint NOT NULL DEFAULT 0,
  -- the last receipt's cost and quantity: the rate for stock issued beyond what is on hand
  last_cost_rupiah bigint NOT NULL DEFAULT 0 CHECK (last_cost_rupiah >= 0),
  last_cost_qty_base bigint NOT NULL DEFAULT 0 CHECK (last_cost_qty_base >= 0),
  PRIMARY KEY (cooperative_id, outlet_id, product_id),
  CHECK (qty_base <> 0 OR value_rupiah = 0),
  FOREIGN KEY (cooperative_id, outlet_id) REFERENCES shop_outlets (cooperative_id, id),
  FOREIGN KEY (cooperative_id, product_id) REFERENCES shop_products (cooperative_id, id)
);

-- Every change of stock, with the cost it moved into or out of the stock account.
CREATE TABLE shop_stock_moves (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  outlet_id bigint NOT NULL,
  product_id bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('receipt', 'sale', 'void', 'return', 'opname')),
  qty_base bigint NOT NULL CHECK (qty_base <> 0),
  cost_rupiah bigint NOT NULL,
  ref_id bigint NOT NULL,
  moved_on date NOT NULL,
  journal_entry_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, outlet_id) REFERENCES shop_outlets (cooperative_id, id),
  FOREIGN KEY (cooperative_id, product_id) REFERENCES shop_products (cooperative_id, id)
);
CREATE INDEX shop_stock_moves_product ON shop_stock_moves (cooperative_id, product_id, moved_on);

-- Purchase orders (what was asked of a supplier) and goods received (what came, with the
-- supplier's invoice: it becomes a trade payable, paid later).
CREATE TABLE shop_purchase_orders (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  supplier_id bigint NOT NULL,
  outlet_id bigint NOT NULL,
  ordered_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'received', 'cancelled')),
  -- [{productId, unit, qty, unitCostRupiah}]
  lines jsonb NOT NULL,
  note text CHECK (length(note) <= 500),
  created_by uuid REFERENCES users (id),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, supplier_id) REFERENCES shop_suppliers (cooperative_id, id),
  FOREIGN KEY (cooperative_id, outlet_id) REFERENCES shop_outlets (cooperative_id, id)
);

CREATE TABLE shop_goods_receipts (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  supplier_id bigint NOT NULL,
  outlet_id bigint NOT NULL,
  purchase_order_id bigint,
  received_on date NOT NULL,
  invoice_no text CHECK (length(invoice_no) BETWEEN 1 AND 60),
  due_on date,
  total_rupiah bigint NOT NULL CHECK (total_rupiah >= 0),
  paid_rupiah bigint NOT NULL DEFAULT 0 CHECK (paid_rupiah >= 0),
  journal_entry_id bigint,
  created_by uuid REFERENCES users (id),
  PRIMARY KEY (cooperative_id, id),
  CHECK (paid_rupiah <= total_rupiah),
  FOREIGN KEY (cooperative_id, supplier_id) REFERENCES shop_suppliers (cooperative_id, id),
  FOREIGN KEY (cooperative_id, outlet_id) REFERENCES shop_outlets (cooperative_id, id),
  FOREIGN KEY (cooperative_id, purchase_order_id) REFERENCES shop_purchase_orders (cooperative_id, id)
);

CREATE TABLE shop_goods_receipt_lines (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  receipt_id bigint NOT NULL,
  line_no integer NOT NULL CHECK (line_no >= 1),
  product_id bigint NOT NULL,
  unit text NOT NULL,
  qty bigint NOT NULL CHECK (qty > 0),
  qty_base bigint NOT NULL CHECK (qty_base > 0),
  cost_rupiah bigint NOT NULL CHECK (cost_rupiah >= 0),
  PRIMARY KEY (cooperative_id, receipt_id, line_no),
  FOREIGN KEY (cooperative_id, receipt_id) REFERENCES shop_goods_receipts (cooperative_id, id),
  FOREIGN KEY (cooperative_id, product_id) REFERENCES shop_products (cooperative_id, id)
);

CREATE TABLE shop_supplier_payments (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  receipt_id bigint NOT NULL,
  paid_on date NOT NULL,
  amount_rupiah bigint NOT NULL CHECK (amount_rupiah > 0),
  method text NOT NULL CHECK (method IN ('bank', 'cash')),
  journal_entry_id bigint NOT NULL,
  created_by uuid REFERENCES users (id),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, receipt_id) REFERENCES shop_goods_receipts (cooperative_id, id)
);

-- Stock opname: the count of an outlet, line by line against the books; posting moves each
-- difference into stock at the average cost and the stock variance account.
CREATE TABLE shop_opnames (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  outlet_id bigint NOT NULL,
  counted_on date NOT NULL,
  note text CHECK (length(note) <= 500),
  variance_rupiah bigint NOT NULL,
  journal_entry_id bigint,
  created_by uuid REFERENCES users (id),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, outlet_id) REFERENCES shop_outlets (cooperative_id, id)
);

CREATE TABLE shop_opname_lines (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  opname_id bigint NOT NULL,
  product_id bigint NOT NULL,
  system_qty_base bigint NOT NULL,
  counted_qty_base bigint NOT NULL CHECK (counted_qty_base >= 0),
  variance_cost_rupiah bigint NOT NULL,
  PRIMARY KEY (cooperative_id, opname_id, product_id),
  FOREIGN KEY (cooperative_id, opname_id) REFERENCES shop_opnames (cooperative_id, id),
  FOREIGN KEY (cooperative_id, product_id) REFERENCES shop_products (cooperative_id, id)
);

-- A member's limit for buying on credit (kredit barang); what is owed is the member's balance on
-- the goods-credit receivable account.
CREATE TABLE shop_credit_limits (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  member_id bigint NOT NULL,
  limit_rupiah bigint NOT NULL CHECK (limit_rupiah >= 0),
  set_by uuid REFERENCES users (id),
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, member_id),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id)
);

-- Consignment settlements: what a producer's goods sold for in a period, less the cooperative's
-- margin, paid into the producer's sukarela account (or in cash).
CREATE TABLE shop_consignment_settlements (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  supplier_id bigint NOT NULL,
  settled_on date NOT NULL,
  through_date date NOT NULL,
  sales_rupiah bigint NOT NULL CHECK (sales_rupiah >= 0),
  margin_rupiah bigint NOT NULL CHECK (margin_rupiah >= 0),
  amount_rupiah bigint NOT NULL CHECK (amount_rupiah > 0),
  savings_account_id bigint,
  journal_entry_id bigint NOT NULL,
  created_by uuid REFERENCES users (id),
  PRIMARY KEY (cooperative_id, id),
  CHECK (amount_rupiah = sales_rupiah - margin_rupiah),
  FOREIGN KEY (cooperative_id, supplier_id) REFERENCES shop_suppliers (cooperative_id, id)
);

-- A sale. receipt_no is gapless per till and prev_hash/hash chain the till's sales: a sale
-- deleted or altered breaks the chain. client_sale_id is the till's own id of the sale (its
-- Idempotency-Key): sent any number of times, the sale is recorded and posted once.
CREATE TABLE shop_sales (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  till_id bigint NOT NULL,
  receipt_no bigint NOT NULL CHECK (receipt_no >= 1),
  client_sale_id uuid NOT NULL,
  outlet_id bigint NOT NULL,
  cash_session_id bigint,
  cashier_user_id uuid NOT NULL REFERENCES users (id),
  member_id bigint,
  sold_at timestamptz NOT NULL,
  business_date date NOT NULL,
  total_rupiah bigint NOT NULL CHECK (total_rupiah > 0),
  cost_rupiah bigint NOT NULL,
  payment_method text NOT NULL CHECK (payment_method IN ('cash', 'qris', 'member_account', 'member_credit')),
  payment_reference text CHECK (length(payment_reference) BETWEEN 1 AND 64),
  tendered_rupiah bigint CHECK (tendered_rupiah >= 0),
  savings_account_id bigint,
  offline boolean NOT NULL DEFAULT false,
  prev_hash text NOT NULL CHECK (prev_hash = '' OR prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  status text NOT NULL DEFAULT 'posted' CHECK (status IN ('posted', 'voided')),
  journal_entry_id bigint NOT NULL,
  void_entry_id bigint,
  voided_by uuid REFERENCES users (id),
  void_reason text CHECK (length(void_reason) BETWEEN 3 AND 300),
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, till_id, receipt_no),
  UNIQUE (cooperative_id, client_sale_id),
  CHECK ((status = 'voided') = (void_entry_id IS NOT NULL)),
  CHECK ((payment_method = 'cash') = (tendered_rupiah IS NOT NULL)),
  CHECK (payment_method NOT IN ('member_account', 'member_credit') OR member_id IS NOT NULL),
  FOREIGN KEY (cooperative_id, till_id) REFERENCES shop_tills (cooperative_id, id),
  FOREIGN KEY (cooperative_id, outlet_id) REFERENCES shop_outlets (cooperative_id, id),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id)
);
CREATE INDEX shop_sales_member ON shop_sales (cooperative_id, member_id, business_date) WHERE member_id IS NOT NULL;
CREATE INDEX shop_sales_date ON shop_sales (cooperative_id, business_date);

CREATE TABLE shop_sale_lines (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  sale_id bigint NOT NULL,
  line_no integer NOT NULL CHECK (line_no BETWEEN 1 AND 500),
  product_id bigint NOT NULL,
  unit text NOT NULL,
  qty bigint NOT NULL CHECK (qty > 0),
  qty_base bigint NOT NULL CHECK (qty_base > 0),
  -- the price for price_base base units (src/domain/shop/units.ts): amount = qty_base x price / base
  unit_price_rupiah bigint NOT NULL CHECK (unit_price_rupiah > 0),
  price_base bigint NOT NULL CHECK (price_base BETWEEN 1 AND 100000000),
  amount_rupiah bigint NOT NULL CHECK (amount_rupiah > 0),
  cost_rupiah bigint NOT NULL,
  returned_qty_base bigint NOT NULL DEFAULT 0 CHECK (returned_qty_base >= 0 AND returned_qty_base <= qty_base),
  -- consignment goods: the producer and what the producer is owed of this line
  consignor_id bigint,
  consignor_share_rupiah bigint CHECK (consignor_share_rupiah >= 0),
  settlement_id bigint,
  PRIMARY KEY (cooperative_id, sale_id, line_no),
  CHECK ((consignor_id IS NULL) = (consignor_share_rupiah IS NULL)),
  FOREIGN KEY (cooperative_id, sale_id) REFERENCES shop_sales (cooperative_id, id),
  FOREIGN KEY (cooperative_id, product_id) REFERENCES shop_products (cooperative_id, id),
  FOREIGN KEY (cooperative_id, consignor_id) REFERENCES shop_suppliers (cooperative_id, id),
  FOREIGN KEY (cooperative_id, settlement_id) REFERENCES shop_consignment_settlements (cooperative_id, id)
);
CREATE INDEX shop_sale_lines_unsettled ON shop_sale_lines (cooperative_id, consignor_id) WHERE consignor_id IS NOT NULL AND settlement_id IS NULL;

-- A return of goods from a sale (approved by a supervisor): stock back at the sale's cost, the
-- money back the way it was paid.
CREATE TABLE shop_returns (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  sale_id bigint NOT NULL,
  returned_on date NOT NULL,
  -- [{lineNo, qtyBase, amountRupiah, costRupiah}]
  lines jsonb NOT NULL,
  amount_rupiah bigint NOT NULL CHECK (amount_rupiah > 0),
  reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 300),
  approved_by uuid NOT NULL REFERENCES users (id),
  journal_entry_id bigint NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, sale_id) REFERENCES shop_sales (cooperative_id, id)
);

-- A sale, once recorded, is history: only its void may be written onto it, once.
CREATE FUNCTION shop_sales_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'shop sales are never deleted' USING ERRCODE = 'P0001';
  END IF;
  IF OLD.status = 'voided' OR NEW.status <> 'voided'
     OR (NEW.id, NEW.till_id, NEW.receipt_no, NEW.client_sale_id, NEW.total_rupiah, NEW.hash,
         NEW.prev_hash, NEW.journal_entry_id, NEW.member_id, NEW.payment_method, NEW.sold_at)
        IS DISTINCT FROM
        (OLD.id, OLD.till_id, OLD.receipt_no, OLD.client_sale_id, OLD.total_rupiah, OLD.hash,
         OLD.prev_hash, OLD.journal_entry_id, OLD.member_id, OLD.payment_method, OLD.sold_at) THEN
    RAISE EXCEPTION 'a shop sale can only be voided, once' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER shop_sales_guard BEFORE UPDATE OR DELETE ON shop_sales
  FOR EACH ROW EXECUTE FUNCTION shop_sales_guard();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['shop_outlets', 'shop_tills', 'shop_suppliers', 'shop_products',
    'shop_product_units', 'shop_price_history', 'shop_stock', 'shop_stock_moves',
    'shop_purchase_orders', 'shop_goods_receipts', 'shop_goods_receipt_lines',
    'shop_supplier_payments', 'shop_opnames', 'shop_opname_lines', 'shop_credit_limits',
    'shop_consignment_settlements', 'shop_sales', 'shop_sale_lines', 'shop_returns']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (cooperative_id = sokoguru_current_org())', t);
  END LOOP;
END $$;

-- Paying at the shop from a member's sukarela, a refund into it, and a consignment settlement
-- are movements of their own kinds on the member's rekening koran.
ALTER TABLE savings_transactions DROP CONSTRAINT savings_transactions_kind_check;
ALTER TABLE savings_transactions ADD CONSTRAINT savings_transactions_kind_check CHECK (kind IN ('deposit',
  'withdrawal', 'transfer-in', 'transfer-out', 'interest', 'tax', 'admin-fee', 'placement', 'break',
  'penalty', 'maturity', 'opening-balance', 'exit', 'loan-disbursement', 'loan-repayment', 'shu',
  'shop-purchase', 'shop-refund', 'consignment'));
