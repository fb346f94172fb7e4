-- 0018 Early warning (issue 15 item 5; docs/domain/supervision-early-warning.md): the thresholds an
-- office tunes, the RATs its cooperatives held, the officer in charge of each cooperative, and the
-- alerts raised to that officer.

-- Each cooperative of the registry has an officer in charge: a user of the office that supervises
-- it (the service checks the role). Alerts about the cooperative go to that officer.
ALTER TABLE registry_cooperatives
  ADD COLUMN officer_user_id uuid REFERENCES users (id);

-- The annual members' meeting (RAT) a cooperative held for a book year: the office records it from
-- the minutes it received (issue 16 adds the documents). The legal deadline is six months after the
-- book year ends (supervision.md: "RAT held within 6 months of year end"); a year with no row is a
-- RAT not held. One row per book year: a correction is a status of the cooperative's record, not a
-- second meeting, so the row may be corrected and the audit log keeps the before and after.
CREATE TABLE registry_rats (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  book_year integer NOT NULL CHECK (book_year BETWEEN 1945 AND 2200),
  held_on date NOT NULL,
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, book_year),
  -- a RAT reports on a book year that has ended
  CHECK (held_on > make_date(book_year, 12, 31)),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE
);
ALTER TABLE registry_rats ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON registry_rats
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
REVOKE DELETE ON registry_rats FROM sokoguru_app;

-- The thresholds an office tunes its early warning with. Every change is a new row, the newest
-- applies: who changed which threshold when stays on record. Basis points: 1 % = 100.
CREATE TABLE early_warning_thresholds (
  organization_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  liquidity_min_bps integer NOT NULL CHECK (liquidity_min_bps BETWEEN 0 AND 100000),
  npl_max_bps integer NOT NULL CHECK (npl_max_bps BETWEEN 0 AND 10000),
  capital_min_bps integer NOT NULL CHECK (capital_min_bps BETWEEN -10000 AND 10000),
  asset_growth_min_bps integer NOT NULL CHECK (asset_growth_min_bps BETWEEN -10000 AND 10000),
  missing_reports_max integer NOT NULL CHECK (missing_reports_max BETWEEN 1 AND 4),
  rat_grace_days integer NOT NULL CHECK (rat_grace_days BETWEEN 0 AND 365),
  set_by uuid REFERENCES users (id),
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id)
);
ALTER TABLE early_warning_thresholds ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON early_warning_thresholds
  USING (organization_id = sokoguru_current_org());
REVOKE UPDATE, DELETE ON early_warning_thresholds FROM sokoguru_app;

-- An alert: one rule firing for one cooperative, raised once when it starts and cleared when it
-- stops, so the officer hears of a change, not of the same warning every day. Its severity follows
-- the latest check; a rise notifies again.
CREATE TABLE early_warning_alerts (
  organization_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  registry_id bigint NOT NULL REFERENCES registry_cooperatives (id),
  rule text NOT NULL CHECK (rule IN ('liquidity', 'npl', 'capital', 'shrinking', 'loss', 'reports', 'rat', 'predikat')),
  severity smallint NOT NULL CHECK (severity BETWEEN 1 AND 3),
  value text NOT NULL CHECK (length(value) <= 100),
  threshold text NOT NULL CHECK (length(threshold) <= 100),
  officer_user_id uuid REFERENCES users (id),
  raised_on date NOT NULL,
  checked_on date NOT NULL,
  cleared_on date,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users (id),
  PRIMARY KEY (organization_id, id),
  CHECK (cleared_on IS NULL OR cleared_on >= raised_on)
);
CREATE UNIQUE INDEX early_warning_alerts_open_key ON early_warning_alerts (organization_id, registry_id, rule)
  WHERE cleared_on IS NULL;
CREATE INDEX early_warning_alerts_officer_idx ON early_warning_alerts (organization_id, officer_user_id)
  WHERE cleared_on IS NULL;
ALTER TABLE early_warning_alerts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON early_warning_alerts
  USING (organization_id = sokoguru_current_org());
REVOKE DELETE ON early_warning_alerts FROM sokoguru_app;

-- Messages to an office's officers go through the same outbox as reminders to members: the
-- recipient user, when the message is for a user rather than a member.
ALTER TABLE message_outbox ADD COLUMN user_id uuid REFERENCES users (id);
