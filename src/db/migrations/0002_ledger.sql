-- 0002 ledger: chart of accounts, periods, the immutable double-entry journal, maintained
-- balances, branches' cash desks come later. Every invariant the books rely on is enforced here,
-- in the database, not only in code.

CREATE TABLE accounts (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  code text NOT NULL CHECK (code ~ '^[0-9]{1,6}(\.[0-9]{1,4})?$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  account_type text NOT NULL CHECK (account_type IN ('aset', 'kewajiban', 'ekuitas', 'pendapatan', 'beban')),
  normal_balance text NOT NULL CHECK (normal_balance IN ('debit', 'credit')),
  parent_id bigint,
  is_postable boolean NOT NULL,
  -- what the software posts to automatically (cash, savingsSukarela, ppap, …); one account per role
  role text CHECK (role ~ '^[a-zA-Z]{2,40}$'),
  cash_flow_class text NOT NULL DEFAULT 'operating' CHECK (cash_flow_class IN ('cash', 'operating', 'investing', 'financing')),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, code),
  FOREIGN KEY (cooperative_id, parent_id) REFERENCES accounts (cooperative_id, id)
);
CREATE UNIQUE INDEX accounts_role_key ON accounts (cooperative_id, role) WHERE role IS NOT NULL;

-- Months, 'YYYY-MM'. A month without a row is open; closing writes 'closed'.
CREATE TABLE fiscal_periods (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status text NOT NULL CHECK (status IN ('open', 'closed')),
  closed_at timestamptz,
  closed_by uuid REFERENCES users (id),
  PRIMARY KEY (cooperative_id, period)
);

-- Gapless voucher numbers per cooperative, year and series. A series is a journal type or a cash
-- desk, so tellers never queue behind one counter row of the whole cooperative.
CREATE TABLE journal_counters (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  fiscal_year integer NOT NULL,
  series text NOT NULL CHECK (series ~ '^[A-Z0-9-]{1,20}$'),
  last_number bigint NOT NULL CHECK (last_number > 0),
  PRIMARY KEY (cooperative_id, fiscal_year, series)
);

CREATE TABLE journal_entries (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  entry_date date NOT NULL,
  fiscal_year integer NOT NULL CHECK (fiscal_year = extract(year FROM entry_date)),
  series text NOT NULL,
  number bigint NOT NULL CHECK (number > 0),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  source_type text NOT NULL CHECK (source_type ~ '^[a-z][a-z0-9_.-]{1,40}$'),
  source_id text CHECK (length(source_id) <= 100),
  branch_id bigint,
  reversal_of bigint,
  total_rupiah bigint NOT NULL CHECK (total_rupiah > 0),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, fiscal_year, series, number),
  FOREIGN KEY (cooperative_id, branch_id) REFERENCES branches (cooperative_id, id),
  FOREIGN KEY (cooperative_id, reversal_of) REFERENCES journal_entries (cooperative_id, id),
  FOREIGN KEY (cooperative_id, fiscal_year, series) REFERENCES journal_counters (cooperative_id, fiscal_year, series)
);
-- An entry is reversed at most once.
CREATE UNIQUE INDEX journal_entries_reversal_key ON journal_entries (cooperative_id, reversal_of) WHERE reversal_of IS NOT NULL;
CREATE INDEX journal_entries_date_idx ON journal_entries (cooperative_id, entry_date, id);
CREATE INDEX journal_entries_source_idx ON journal_entries (cooperative_id, source_type, source_id);

CREATE TABLE journal_lines (
  cooperative_id uuid NOT NULL,
  entry_id bigint NOT NULL,
  line_no smallint NOT NULL CHECK (line_no > 0),
  account_id bigint NOT NULL,
  debit_rupiah bigint NOT NULL DEFAULT 0,
  credit_rupiah bigint NOT NULL DEFAULT 0,
  -- sub-ledger reference (the member whose savings or loan this is); members arrive in a later migration
  member_id bigint,
  branch_id bigint,
  memo text CHECK (length(memo) <= 200),
  PRIMARY KEY (cooperative_id, entry_id, line_no),
  FOREIGN KEY (cooperative_id, entry_id) REFERENCES journal_entries (cooperative_id, id),
  FOREIGN KEY (cooperative_id, account_id) REFERENCES accounts (cooperative_id, id),
  FOREIGN KEY (cooperative_id, branch_id) REFERENCES branches (cooperative_id, id),
  CHECK (debit_rupiah >= 0 AND credit_rupiah >= 0 AND (debit_rupiah = 0) <> (credit_rupiah = 0))
);
CREATE INDEX journal_lines_account_idx ON journal_lines (cooperative_id, account_id, entry_id);
CREATE INDEX journal_lines_member_idx ON journal_lines (cooperative_id, member_id) WHERE member_id IS NOT NULL;

-- Balances per account and month, kept so statements never scan the journal. Each posting
-- connection adds into its own stripe (backend pid mod 8): no single balance row becomes a lock
-- every teller of a cooperative waits on. A balance is the sum over stripes.
CREATE TABLE account_balances (
  cooperative_id uuid NOT NULL,
  account_id bigint NOT NULL,
  period text NOT NULL,
  stripe smallint NOT NULL CHECK (stripe BETWEEN 0 AND 7),
  debit_rupiah bigint NOT NULL CHECK (debit_rupiah >= 0),
  credit_rupiah bigint NOT NULL CHECK (credit_rupiah >= 0),
  PRIMARY KEY (cooperative_id, account_id, period, stripe),
  FOREIGN KEY (cooperative_id, account_id) REFERENCES accounts (cooperative_id, id)
);

-- Posted history is never edited: corrections are reversal entries.
CREATE FUNCTION ledger_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'posted journal is immutable: % on % refused (post a reversal instead)', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER journal_lines_immutable BEFORE UPDATE OR DELETE ON journal_lines
  FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
CREATE TRIGGER journal_lines_no_truncate BEFORE TRUNCATE ON journal_lines
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_immutable();
CREATE TRIGGER journal_entries_immutable BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_immutable();

-- A closed month accepts nothing.
CREATE FUNCTION journal_entry_period_open() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM fiscal_periods p
             WHERE p.cooperative_id = NEW.cooperative_id AND p.period = to_char(NEW.entry_date, 'YYYY-MM')
               AND p.status = 'closed') THEN
    RAISE EXCEPTION 'period % is closed', to_char(NEW.entry_date, 'YYYY-MM') USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER journal_entries_period_open BEFORE INSERT ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION journal_entry_period_open();

-- Every entry balances: all its lines arrive in one INSERT statement whose debits and credits
-- both equal the entry's total, with at least two lines, and no line is ever added to an entry
-- posted earlier. The same statement adds the lines into the maintained balances.
CREATE FUNCTION journal_lines_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT n.cooperative_id, n.entry_id, sum(n.debit_rupiah) AS d, sum(n.credit_rupiah) AS c, count(*) AS k, e.total_rupiah AS t,
         (SELECT count(*) FROM journal_lines l WHERE l.cooperative_id = n.cooperative_id AND l.entry_id = n.entry_id) AS all_k
    INTO bad
    FROM new_lines n JOIN journal_entries e ON e.cooperative_id = n.cooperative_id AND e.id = n.entry_id
   GROUP BY n.cooperative_id, n.entry_id, e.total_rupiah
  HAVING sum(n.debit_rupiah) <> e.total_rupiah OR sum(n.credit_rupiah) <> e.total_rupiah OR count(*) < 2
      OR count(*) <> (SELECT count(*) FROM journal_lines l WHERE l.cooperative_id = n.cooperative_id AND l.entry_id = n.entry_id)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal entry % does not balance (debit %, credit %, total %, lines % of %)',
      bad.entry_id, bad.d, bad.c, bad.t, bad.k, bad.all_k USING ERRCODE = 'check_violation';
  END IF;
  INSERT INTO account_balances AS b (cooperative_id, account_id, period, stripe, debit_rupiah, credit_rupiah)
  SELECT n.cooperative_id, n.account_id, to_char(e.entry_date, 'YYYY-MM'), (pg_backend_pid() % 8)::smallint,
         sum(n.debit_rupiah), sum(n.credit_rupiah)
    FROM new_lines n JOIN journal_entries e ON e.cooperative_id = n.cooperative_id AND e.id = n.entry_id
   GROUP BY n.cooperative_id, n.account_id, to_char(e.entry_date, 'YYYY-MM')
   ORDER BY n.cooperative_id, n.account_id, 3
  ON CONFLICT (cooperative_id, account_id, period, stripe) DO UPDATE
    SET debit_rupiah = b.debit_rupiah + excluded.debit_rupiah,
        credit_rupiah = b.credit_rupiah + excluded.credit_rupiah;
  RETURN NULL;
END
$$;
CREATE TRIGGER journal_lines_balance AFTER INSERT ON journal_lines
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION journal_lines_after_insert();

-- An entry without lines cannot commit.
CREATE FUNCTION journal_entry_has_lines() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM journal_lines l WHERE l.cooperative_id = NEW.cooperative_id AND l.entry_id = NEW.id) THEN
    RAISE EXCEPTION 'journal entry % has no lines', NEW.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER journal_entries_have_lines AFTER INSERT ON journal_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_has_lines();

-- Balances change only through postings (the trigger above runs with the poster's rights).
CREATE FUNCTION account_balances_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'maintained balances are never deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER account_balances_no_delete BEFORE DELETE ON account_balances
  FOR EACH ROW EXECUTE FUNCTION account_balances_guard();

ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON accounts USING (cooperative_id = sokoguru_current_org());
ALTER TABLE fiscal_periods ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fiscal_periods USING (cooperative_id = sokoguru_current_org());
ALTER TABLE journal_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON journal_counters USING (cooperative_id = sokoguru_current_org());
ALTER TABLE journal_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON journal_entries USING (cooperative_id = sokoguru_current_org());
ALTER TABLE journal_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON journal_lines USING (cooperative_id = sokoguru_current_org());
ALTER TABLE account_balances ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON account_balances USING (cooperative_id = sokoguru_current_org());
