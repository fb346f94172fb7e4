-- 0003 cash desks: every cash transaction belongs to a teller's session at a desk of a branch;
-- a session opens with a float and closes with a physical count; the difference is posted.

CREATE TABLE cash_desks (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  branch_id bigint NOT NULL,
  code text NOT NULL CHECK (code ~ '^[A-Z0-9-]{1,16}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, code),
  FOREIGN KEY (cooperative_id, branch_id) REFERENCES branches (cooperative_id, id)
);

CREATE TABLE cash_sessions (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  desk_id bigint NOT NULL,
  teller_user_id uuid NOT NULL REFERENCES users (id),
  business_date date NOT NULL,
  opening_float_rupiah bigint NOT NULL CHECK (opening_float_rupiah >= 0),
  opened_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at timestamptz,
  counted_rupiah bigint CHECK (counted_rupiah >= 0),
  expected_rupiah bigint,
  variance_rupiah bigint,
  variance_reason text CHECK (length(variance_reason) <= 500),
  variance_entry_id bigint,
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, desk_id) REFERENCES cash_desks (cooperative_id, id),
  FOREIGN KEY (cooperative_id, variance_entry_id) REFERENCES journal_entries (cooperative_id, id),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL AND counted_rupiah IS NOT NULL AND expected_rupiah IS NOT NULL)),
  CHECK (variance_rupiah IS NULL OR variance_rupiah = 0 OR variance_reason IS NOT NULL)
);
-- One open session per desk, and per teller.
CREATE UNIQUE INDEX cash_sessions_open_desk ON cash_sessions (cooperative_id, desk_id) WHERE status = 'open';
CREATE UNIQUE INDEX cash_sessions_open_teller ON cash_sessions (cooperative_id, teller_user_id) WHERE status = 'open';
CREATE INDEX cash_sessions_date_idx ON cash_sessions (cooperative_id, business_date);

-- Which session a journal entry's cash moved through (NULL for entries without cash).
ALTER TABLE journal_entries ADD COLUMN cash_session_id bigint;
ALTER TABLE journal_entries ADD CONSTRAINT journal_entries_cash_session_fk
  FOREIGN KEY (cooperative_id, cash_session_id) REFERENCES cash_sessions (cooperative_id, id);
CREATE INDEX journal_entries_cash_session_idx ON journal_entries (cooperative_id, cash_session_id) WHERE cash_session_id IS NOT NULL;

-- A closed session takes no more cash entries.
CREATE FUNCTION journal_entry_session_open() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.cash_session_id IS NOT NULL AND NOT EXISTS (
       SELECT 1 FROM cash_sessions s WHERE s.cooperative_id = NEW.cooperative_id AND s.id = NEW.cash_session_id AND s.status = 'open') THEN
    RAISE EXCEPTION 'cash session % is not open', NEW.cash_session_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER journal_entries_session_open BEFORE INSERT ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION journal_entry_session_open();

ALTER TABLE cash_desks ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cash_desks USING (cooperative_id = sokoguru_current_org());
ALTER TABLE cash_sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON cash_sessions USING (cooperative_id = sokoguru_current_org());
