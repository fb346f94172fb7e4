-- 0013 supervision reports: the periodic reports cooperatives give their supervising office, the
-- office's reporting schedule and its reminders (issue 15 item 3; docs/domain/supervision-reports.md).
--
-- Keyed like the registry (0012): by the supervising authority's region and the registry row, so
-- one jurisdiction policy covers cooperatives on Sokoguru and off it. A cooperative on Sokoguru
-- reaches its own rows through its linked registry row (sokoguru_linked_registry_id), which it
-- cannot read itself.

-- The registry row linked to the transaction's organisation (a cooperative on Sokoguru), else
-- NULL. SECURITY DEFINER: the cooperative cannot see registry rows, only learn its own key.
CREATE FUNCTION sokoguru_linked_registry_id() RETURNS bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT r.id FROM registry_cooperatives r WHERE r.linked_organization_id = sokoguru_current_org()
$$;

-- The region of that row (where the cooperative's reports are filed) and its ancestors' rules.
CREATE FUNCTION sokoguru_linked_registry_region() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT r.region_code FROM registry_cooperatives r WHERE r.linked_organization_id = sokoguru_current_org()
$$;

-- Which reports an office asks for and when: a report of a kind is due due_days after the end of
-- each period ending on or after effective_from, until a later row of the same region and kind.
-- A change is a new dated row (never an update), so past due dates stay reproducible. An office
-- without rows of its own follows the nearest office above it (city → province → ministry).
CREATE TABLE supervision_report_schedules (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code text COLLATE "C" NOT NULL CHECK (region_code ~ '^([0-9]{2}([0-9]{2})?)?$'),
  report_kind text NOT NULL CHECK (report_kind IN ('quarterly', 'yearly')),
  required boolean NOT NULL DEFAULT true,
  due_days integer NOT NULL CHECK (due_days BETWEEN 0 AND 366),
  effective_from date NOT NULL,
  set_by uuid REFERENCES users (id),
  set_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, report_kind, effective_from)
);

-- Every version of every report. A correction is a new version; rows are never changed.
CREATE TABLE supervision_reports (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  report_kind text NOT NULL CHECK (report_kind IN ('quarterly', 'yearly')),
  period text NOT NULL CHECK (
    (report_kind = 'quarterly' AND period ~ '^[0-9]{4}-Q[1-4]$') OR
    (report_kind = 'yearly' AND period ~ '^[0-9]{4}$')),
  version integer NOT NULL CHECK (version >= 1),
  channel text NOT NULL CHECK (channel IN ('ledger', 'form', 'excel')),
  -- the report (src/domain/supervision/report.ts) with every rupiah as a decimal string, exact
  content jsonb NOT NULL,
  -- SHA-256 of the canonical JSON text of content (canonicalReportJson)
  content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  submitted_at timestamptz NOT NULL,
  -- the business date (WIB) it arrived: what timeliness compares with the due date
  submitted_on date NOT NULL,
  submitted_by uuid NOT NULL REFERENCES users (id),
  -- who submitted: the cooperative itself (ledger) or the office that typed it (form, excel)
  submitted_by_org uuid NOT NULL REFERENCES organizations (id),
  -- the pengurus who approved sharing (maker-checker): required from the ledger, another person
  approved_by uuid REFERENCES users (id),
  -- the cooperative's maker-checker request (approvals.id, the cooperative's own table)
  approval_id bigint,
  -- headline figures copied from content for the office's aggregates (dashboards, early warning)
  total_aset_rupiah bigint NOT NULL,
  total_kewajiban_rupiah bigint NOT NULL,
  total_ekuitas_rupiah bigint NOT NULL,
  pinjaman_rupiah bigint NOT NULL,
  pinjaman_bermasalah_rupiah bigint NOT NULL,
  simpanan_rupiah bigint NOT NULL,
  shu_rupiah bigint NOT NULL,
  member_count integer NOT NULL CHECK (member_count >= 0),
  PRIMARY KEY (registry_id, id),
  UNIQUE (registry_id, report_kind, period, version),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE,
  CHECK (total_aset_rupiah = total_kewajiban_rupiah + total_ekuitas_rupiah),
  CHECK ((channel = 'ledger') = (approved_by IS NOT NULL)),
  CHECK (approved_by IS DISTINCT FROM submitted_by)
);
CREATE INDEX supervision_reports_region_period_idx
  ON supervision_reports (region_code, report_kind, period, registry_id);

-- Reminders an office sent for a missing report; the cooperative sees them on its page.
CREATE TABLE supervision_report_reminders (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  report_kind text NOT NULL CHECK (report_kind IN ('quarterly', 'yearly')),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}(-Q[1-4])?$'),
  note text CHECK (length(note) BETWEEN 1 AND 1000),
  sent_at timestamptz NOT NULL,
  sent_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (registry_id, id),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE
);

-- Jurisdiction as in 0012, plus the linked cooperative's own rows.
ALTER TABLE supervision_report_schedules ENABLE ROW LEVEL SECURITY;
-- an office reads its own rules, those of offices below it, and those above it that it follows
CREATE POLICY read_schedules ON supervision_report_schedules FOR SELECT USING (
  starts_with(region_code, (SELECT sokoguru_current_region()))
  OR starts_with((SELECT sokoguru_current_region()), region_code)
  OR starts_with((SELECT sokoguru_linked_registry_region()), region_code));
CREATE POLICY write_schedules ON supervision_report_schedules FOR INSERT
  WITH CHECK (region_code = (SELECT sokoguru_current_region()));

ALTER TABLE supervision_reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_reports ON supervision_reports FOR SELECT USING (
  starts_with(region_code, (SELECT sokoguru_current_region()))
  OR registry_id = (SELECT sokoguru_linked_registry_id()));
-- an office types reports of cooperatives that are not on Sokoguru; a cooperative on Sokoguru
-- shares its own from its ledger only
CREATE POLICY office_enters ON supervision_reports FOR INSERT WITH CHECK (
  starts_with(region_code, (SELECT sokoguru_current_region()))
  AND channel IN ('form', 'excel')
  AND submitted_by_org = sokoguru_current_org()
  AND (SELECT r.linked_organization_id FROM registry_cooperatives r WHERE r.id = registry_id) IS NULL);
CREATE POLICY cooperative_shares ON supervision_reports FOR INSERT WITH CHECK (
  registry_id = (SELECT sokoguru_linked_registry_id())
  AND channel = 'ledger'
  AND submitted_by_org = sokoguru_current_org());

ALTER TABLE supervision_report_reminders ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_reminders ON supervision_report_reminders FOR SELECT USING (
  starts_with(region_code, (SELECT sokoguru_current_region()))
  OR registry_id = (SELECT sokoguru_linked_registry_id()));
CREATE POLICY office_reminds ON supervision_report_reminders FOR INSERT
  WITH CHECK (starts_with(region_code, (SELECT sokoguru_current_region())));

-- Append-only: versions, rules and reminders are never changed or removed by the application.
REVOKE UPDATE, DELETE ON supervision_report_schedules FROM sokoguru_app;
REVOKE UPDATE, DELETE ON supervision_reports FROM sokoguru_app;
REVOKE UPDATE, DELETE ON supervision_report_reminders FROM sokoguru_app;
