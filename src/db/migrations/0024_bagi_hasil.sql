-- 0024 Monthly profit distribution to mudharabah funds (distribusi bagi hasil; issue 21 item 2;
-- docs/domain/sharia-bagi-hasil.md). At month-end a KSPPS shares the month's cash-basis income
-- with its members' mudharabah savings and deposits by the nisbah in each member's akad (fatwa
-- 02, 03, 14 and 15/DSN-MUI/2000). One distribution per cooperative and month, its products and
-- its account lines; the month's one journal entry carries the totals.

-- The cooperative's choices (defaults until it sets them): revenue sharing (fatwa 15 recommends
-- it) or profit sharing, and the weight (bobot = 1 − reserve) of each fund type in basis points:
-- 85 % mudharabah savings, 95 % mudharabah deposits, 100 % wadiah (the BMT guideline; a bank
-- table uses 95 %).
CREATE TABLE bagi_hasil_settings (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  basis text NOT NULL DEFAULT 'revenue' CHECK (basis IN ('revenue', 'profit')),
  weight_wadiah_bps integer NOT NULL DEFAULT 10000 CHECK (weight_wadiah_bps BETWEEN 0 AND 10000),
  weight_mudharabah_bps integer NOT NULL DEFAULT 8500 CHECK (weight_mudharabah_bps BETWEEN 0 AND 10000),
  weight_berjangka_bps integer NOT NULL DEFAULT 9500 CHECK (weight_berjangka_bps BETWEEN 0 AND 10000),
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id)
);

-- The month's distribution with the rekonsiliasi pendapatan dan bagi hasil that derives the
-- income shared from the accrual books:
--   income_rupiah (P) = accrual_income − unreceived_current + received_previous − operating_costs
-- (operating costs only under profit sharing). Financing enters as its daily-balance sum: the
-- average F is financing_daily_sum / days, kept exact.
CREATE TABLE bagi_hasil_distributions (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  days integer NOT NULL CHECK (days BETWEEN 28 AND 31),
  basis text NOT NULL CHECK (basis IN ('revenue', 'profit')),
  accrual_income_rupiah bigint NOT NULL,
  unreceived_current_rupiah bigint NOT NULL CHECK (unreceived_current_rupiah >= 0),
  received_previous_rupiah bigint NOT NULL CHECK (received_previous_rupiah >= 0),
  operating_costs_rupiah bigint NOT NULL DEFAULT 0 CHECK (operating_costs_rupiah >= 0),
  income_rupiah bigint NOT NULL CHECK (income_rupiah >= 0),
  financing_daily_sum_rupiah bigint NOT NULL CHECK (financing_daily_sum_rupiah >= 0),
  divisor_is text NOT NULL CHECK (divisor_is IN ('funds', 'financing')),
  distributed_rupiah bigint NOT NULL CHECK (distributed_rupiah >= 0 AND distributed_rupiah <= income_rupiah),
  accounts integer NOT NULL CHECK (accounts >= 0),
  entry_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, period),
  FOREIGN KEY (cooperative_id, entry_id) REFERENCES journal_entries (cooperative_id, id),
  CHECK ((distributed_rupiah > 0) = (entry_id IS NOT NULL))
);

-- Per product: its weight, its daily-balance sum, its income share (floor, for the report; the
-- computation is exact), the members' pool paid and the equivalent monthly rate (information
-- only, never an input).
CREATE TABLE bagi_hasil_products (
  cooperative_id uuid NOT NULL,
  period text NOT NULL,
  product_id bigint NOT NULL,
  akad text NOT NULL CHECK (akad IN ('wadiah', 'mudharabah', 'mudharabah_berjangka')),
  weight_bps integer NOT NULL CHECK (weight_bps BETWEEN 0 AND 10000),
  -- the nisbah of the product's accounts this month (they differ when a member agreed another)
  nisbah_min_bps integer NOT NULL CHECK (nisbah_min_bps BETWEEN 0 AND 10000),
  nisbah_max_bps integer NOT NULL CHECK (nisbah_max_bps BETWEEN nisbah_min_bps AND 10000),
  accounts integer NOT NULL CHECK (accounts >= 0),
  daily_balance_sum_rupiah bigint NOT NULL CHECK (daily_balance_sum_rupiah >= 0),
  income_share_rupiah bigint NOT NULL CHECK (income_share_rupiah >= 0),
  pool_rupiah bigint NOT NULL CHECK (pool_rupiah >= 0 AND pool_rupiah <= income_share_rupiah),
  -- r_p = pool / average balance, in percent per month to 3 decimals ("0.612"); null without balance
  rate_per_month_percent text CHECK (rate_per_month_percent ~ '^[0-9]+\.[0-9]{3}$'),
  PRIMARY KEY (cooperative_id, period, product_id),
  FOREIGN KEY (cooperative_id, period) REFERENCES bagi_hasil_distributions (cooperative_id, period),
  FOREIGN KEY (cooperative_id, product_id) REFERENCES savings_products (cooperative_id, id)
);

-- Per account: what it earned and where it went (the account itself, or a deposit's payout
-- savings account). Like savings_interest_lines: written by one INSERT … SELECT from the accounts
-- themselves, no foreign keys per row (a million reference probes), checked by `sokoguru verify`.
CREATE TABLE bagi_hasil_lines (
  cooperative_id uuid NOT NULL,
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  account_id bigint NOT NULL,
  member_id bigint NOT NULL,
  product_id bigint NOT NULL,
  nisbah_anggota_bps integer NOT NULL CHECK (nisbah_anggota_bps BETWEEN 0 AND 10000),
  daily_balance_sum_rupiah bigint NOT NULL CHECK (daily_balance_sum_rupiah >= 0),
  share_rupiah bigint NOT NULL CHECK (share_rupiah >= 0),
  booked_on date NOT NULL,
  credit_account_id bigint NOT NULL,
  PRIMARY KEY (cooperative_id, period, account_id)
);
-- statements and the member portal read an account's lines by the account they credited (one
-- index: each index on a million lines a month costs the month-end seconds)
CREATE INDEX bagi_hasil_lines_credit_idx ON bagi_hasil_lines (cooperative_id, credit_account_id, booked_on);

-- A distribution is history: never changed, never removed (a wrong month is corrected by a
-- reversal in the books, not here).
CREATE TRIGGER bagi_hasil_distributions_immutable BEFORE UPDATE OR DELETE ON bagi_hasil_distributions
  FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
CREATE TRIGGER bagi_hasil_products_immutable BEFORE UPDATE OR DELETE ON bagi_hasil_products
  FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
CREATE TRIGGER bagi_hasil_lines_immutable BEFORE UPDATE OR DELETE ON bagi_hasil_lines
  FOR EACH ROW EXECUTE FUNCTION ledger_immutable();

ALTER TABLE bagi_hasil_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bagi_hasil_settings USING (cooperative_id = sokoguru_current_org());
ALTER TABLE bagi_hasil_distributions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bagi_hasil_distributions USING (cooperative_id = sokoguru_current_org());
ALTER TABLE bagi_hasil_products ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bagi_hasil_products USING (cooperative_id = sokoguru_current_org());
ALTER TABLE bagi_hasil_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bagi_hasil_lines USING (cooperative_id = sokoguru_current_org());
