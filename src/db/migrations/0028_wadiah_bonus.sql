-- 0028 The wadiah bonus (issue 21 item 1; docs/domain/sharia-bagi-hasil.md "Wadiah bonus"):
-- wadiah savings promise no return (fatwa 02/DSN-MUI/IV/2000: "tidak ada imbalan yang
-- disyaratkan, kecuali dalam bentuk pemberian ('athaya) yang bersifat sukarela"). A bonus exists
-- only as a decision taken after the month — possibly zero — proposed by one person and approved
-- by another (the approval request carries it until then), shared pro rata to the daily-balance
-- sums of the wadiah accounts at or above the decision's minimum average balance.

CREATE TABLE wadiah_bonus_decisions (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  pool_rupiah bigint NOT NULL CHECK (pool_rupiah >= 0),
  minimum_average_rupiah bigint NOT NULL CHECK (minimum_average_rupiah >= 0),
  -- the approval request that carried the proposal (maker) to the decision (checker)
  approval_id bigint NOT NULL,
  accounts integer NOT NULL CHECK (accounts >= 0),
  paid_rupiah bigint NOT NULL CHECK (paid_rupiah >= 0 AND paid_rupiah <= pool_rupiah),
  entry_id bigint,
  decided_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, period),
  FOREIGN KEY (cooperative_id, entry_id) REFERENCES journal_entries (cooperative_id, id),
  CHECK ((paid_rupiah > 0) = (entry_id IS NOT NULL))
);

-- Per account: its daily-balance sum and its bonus. Like the bagi hasil lines: one INSERT …
-- SELECT, no per-row foreign keys, checked by `sokoguru verify`.
CREATE TABLE wadiah_bonus_lines (
  cooperative_id uuid NOT NULL,
  period text NOT NULL,
  account_id bigint NOT NULL,
  member_id bigint NOT NULL,
  daily_balance_sum_rupiah bigint NOT NULL CHECK (daily_balance_sum_rupiah >= 0),
  bonus_rupiah bigint NOT NULL CHECK (bonus_rupiah > 0),
  booked_on date NOT NULL,
  PRIMARY KEY (cooperative_id, period, account_id)
);
CREATE INDEX wadiah_bonus_lines_account_idx ON wadiah_bonus_lines (cooperative_id, account_id, booked_on);

CREATE TRIGGER wadiah_bonus_decisions_immutable BEFORE UPDATE OR DELETE ON wadiah_bonus_decisions
  FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
CREATE TRIGGER wadiah_bonus_lines_immutable BEFORE UPDATE OR DELETE ON wadiah_bonus_lines
  FOR EACH ROW EXECUTE FUNCTION ledger_immutable();

ALTER TABLE wadiah_bonus_decisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON wadiah_bonus_decisions USING (cooperative_id = sokoguru_current_org());
ALTER TABLE wadiah_bonus_lines ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON wadiah_bonus_lines USING (cooperative_id = sokoguru_current_org());
