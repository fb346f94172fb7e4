-- 0005 savings: products per cooperative, members' savings accounts with their balance kept on the
-- row (locked FOR UPDATE by every movement, so concurrent withdrawals cannot overdraw), and one
-- transaction row per movement pointing at the journal entry that posted it.

-- Why a member left: refunds go to the member, or to the heirs when the member died.
ALTER TABLE members ADD COLUMN exit_reason text CHECK (exit_reason IN ('voluntary', 'deceased', 'expelled'));

CREATE TABLE savings_products (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  code text NOT NULL CHECK (code ~ '^[A-Z0-9-]{1,12}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  kind text NOT NULL CHECK (kind IN ('pokok', 'wajib', 'sukarela', 'berjangka')),
  minimum_balance_rupiah bigint NOT NULL DEFAULT 0 CHECK (minimum_balance_rupiah >= 0),
  -- the kind's own settings (rates in basis points, fees, tenors), checked by the savings domain
  settings jsonb NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, code)
);

CREATE TABLE savings_accounts (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  account_number text NOT NULL CHECK (account_number ~ '^[A-Z0-9.-]{3,40}$'),
  member_id bigint NOT NULL,
  product_id bigint NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dormant', 'blocked', 'closed')),
  balance_rupiah bigint NOT NULL DEFAULT 0 CHECK (balance_rupiah >= 0),
  opened_on date NOT NULL,
  closed_on date,
  last_activity_on date,
  -- berjangka only: the current term (a rollover starts a new one), its rate fixed at opening
  principal_rupiah bigint CHECK (principal_rupiah > 0),
  term_opened_on date,
  tenor_months smallint CHECK (tenor_months IN (1, 3, 6, 12, 24)),
  annual_rate_bps integer CHECK (annual_rate_bps BETWEEN 0 AND 10000),
  interest_payout text CHECK (interest_payout IN ('to-sukarela', 'rollover')),
  automatic_rollover boolean,
  -- the sukarela account that receives interest and the principal at maturity
  payout_account_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, account_number),
  FOREIGN KEY (cooperative_id, payout_account_id) REFERENCES savings_accounts (cooperative_id, id),
  CHECK ((principal_rupiah IS NULL) = (term_opened_on IS NULL)),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id),
  FOREIGN KEY (cooperative_id, product_id) REFERENCES savings_products (cooperative_id, id),
  CHECK ((status = 'closed') = (closed_on IS NOT NULL)),
  CHECK (status <> 'closed' OR balance_rupiah = 0)
);
CREATE INDEX savings_accounts_member_idx ON savings_accounts (cooperative_id, member_id);
-- Every movement and every month-end rewrites balance_rupiah (no indexed column): free space on
-- each page lets those be HOT updates that touch no index.
ALTER TABLE savings_accounts SET (fillfactor = 80);

CREATE TABLE savings_transactions (
  cooperative_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  account_id bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('deposit', 'withdrawal', 'transfer-in', 'transfer-out', 'interest',
    'tax', 'admin-fee', 'placement', 'break', 'penalty', 'maturity', 'opening-balance', 'exit',
    'loan-disbursement', 'loan-repayment')),
  -- +1 adds to the balance, -1 takes from it (kept so set-based month-end sums need no CASE)
  sign smallint NOT NULL CHECK (sign IN (-1, 1)),
  amount_rupiah bigint NOT NULL CHECK (amount_rupiah > 0),
  balance_after_rupiah bigint NOT NULL CHECK (balance_after_rupiah >= 0),
  transaction_date date NOT NULL,
  entry_id bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, account_id) REFERENCES savings_accounts (cooperative_id, id),
  FOREIGN KEY (cooperative_id, entry_id) REFERENCES journal_entries (cooperative_id, id)
);
CREATE INDEX savings_transactions_account_idx ON savings_transactions (cooperative_id, account_id, id);
CREATE INDEX savings_transactions_date_idx ON savings_transactions (cooperative_id, transaction_date, account_id);

-- Month-end per account and month: interest credited, PPh final withheld, admin fee charged. The
-- member's tax slip and the month-end lines of the rekening koran come from here (one row per
-- account instead of three movements keeps a million-account month-end to two writes per account).
CREATE TABLE savings_interest_lines (
  cooperative_id uuid NOT NULL,
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  account_id bigint NOT NULL,
  member_id bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('sukarela', 'berjangka')),
  basis_rupiah bigint NOT NULL,
  gross_rupiah bigint NOT NULL CHECK (gross_rupiah >= 0),
  tax_rupiah bigint NOT NULL DEFAULT 0 CHECK (tax_rupiah >= 0 AND tax_rupiah <= gross_rupiah),
  fee_rupiah bigint NOT NULL DEFAULT 0 CHECK (fee_rupiah >= 0),
  -- the date the line was booked (the month's last day): statements place it there; the journal
  -- entry is the month's one entry with source ('savings.interest', period)
  booked_on date NOT NULL,
  -- where the net interest went (the account itself, or a berjangka's payout sukarela account)
  credit_account_id bigint NOT NULL,
  PRIMARY KEY (cooperative_id, period, account_id),
  -- No foreign keys: every row is written by the month-end's one INSERT … SELECT from the accounts
  -- themselves (accounts are never deleted), and a million reference probes are a third of the
  -- month-end's time. `sokoguru verify` and the month-end test check the lines against the accounts.
  CHECK (fee_rupiah = 0 OR credit_account_id = account_id)
);
-- statements read an account's month-end lines by the account they credited
CREATE INDEX savings_interest_lines_credit_idx ON savings_interest_lines (cooperative_id, credit_account_id, booked_on);

-- Movements are history: never changed, never removed.
CREATE TRIGGER savings_transactions_immutable BEFORE UPDATE OR DELETE ON savings_transactions
  FOR EACH ROW EXECUTE FUNCTION ledger_immutable();

ALTER TABLE savings_products ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON savings_products USING (cooperative_id = sokoguru_current_org());
ALTER TABLE savings_accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON savings_accounts USING (cooperative_id = sokoguru_current_org());
ALTER TABLE savings_interest_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON savings_interest_lines USING (cooperative_id = sokoguru_current_org());
ALTER TABLE savings_transactions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON savings_transactions USING (cooperative_id = sokoguru_current_org());
