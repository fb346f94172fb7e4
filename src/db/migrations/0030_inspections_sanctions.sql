-- 0030 Inspections and the sanctions ladder (issue 16 item 4; docs/domain/supervision-inspections.md):
-- visits an office plans to a cooperative of its registry, the checklist answered on the visit,
-- findings with evidence and location, recommendations with due dates and their follow-up; and the
-- letters of the sanctions ladder (teguran tertulis I, II, …), numbered per office and year, never
-- changed once issued, with their delivery. Every row is keyed by the registry row like 0018's
-- registry_rats: region_code + registry_id with the jurisdiction policy.

CREATE TABLE inspection_visits (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  planned_on date NOT NULL,
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 2000),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'cancelled')),
  -- the day it was held (done) or called off (cancelled), and why when called off
  closed_on date,
  closed_note text CHECK (length(closed_note) <= 2000),
  planned_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, id),
  UNIQUE (region_code, registry_id, id),
  CHECK ((status = 'planned') = (closed_on IS NULL)),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE
);
CREATE INDEX inspection_visits_region_idx ON inspection_visits (region_code, planned_on);

-- The officers who go on a visit: users holding a role of the office (the service checks it).
CREATE TABLE inspection_visit_officers (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  visit_id bigint NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (registry_id, visit_id, user_id),
  FOREIGN KEY (region_code, registry_id, visit_id)
    REFERENCES inspection_visits (region_code, registry_id, id) ON UPDATE CASCADE
);

-- The visit's checklist: the governance and risk items of the KKPKK rubric
-- (src/domain/supervision/checklists.ts), one answer per item.
CREATE TABLE inspection_checklist_answers (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  visit_id bigint NOT NULL,
  checklist text NOT NULL CHECK (checklist ~ '^[A-Za-z]+\.[A-Za-z]+$'),
  item_no smallint NOT NULL CHECK (item_no BETWEEN 1 AND 200),
  answer boolean NOT NULL,
  note text CHECK (length(note) <= 1000),
  PRIMARY KEY (registry_id, visit_id, checklist, item_no),
  FOREIGN KEY (region_code, registry_id, visit_id)
    REFERENCES inspection_visits (region_code, registry_id, id) ON UPDATE CASCADE
);

-- A finding of a visit: what was found, optionally against a checklist item, where (the photo's
-- place), by whom. It is resolved when every recommendation on it is done (computed, not stored).
CREATE TABLE inspection_findings (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  visit_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 4000),
  checklist text CHECK (checklist ~ '^[A-Za-z]+\.[A-Za-z]+$'),
  item_no smallint CHECK (item_no BETWEEN 1 AND 200),
  -- Indonesia's extent with a margin, as the registry's coordinates (0012)
  latitude numeric(9, 6) CHECK (latitude BETWEEN -11.5 AND 6.5),
  longitude numeric(9, 6) CHECK (longitude BETWEEN 94.5 AND 141.5),
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, id),
  UNIQUE (region_code, registry_id, id),
  CHECK ((checklist IS NULL) = (item_no IS NULL)),
  CHECK ((latitude IS NULL) = (longitude IS NULL)),
  FOREIGN KEY (region_code, registry_id, visit_id)
    REFERENCES inspection_visits (region_code, registry_id, id) ON UPDATE CASCADE
);

-- What the cooperative must do about a finding, by when; done (with evidence) or not. Overdue is
-- computed from today: not done and past its due date.
CREATE TABLE inspection_recommendations (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  finding_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  due_on date NOT NULL,
  done_on date,
  done_note text CHECK (length(done_note) <= 2000),
  done_by uuid REFERENCES users (id),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, id),
  UNIQUE (region_code, registry_id, id),
  CHECK (done_on IS NOT NULL OR done_note IS NULL),
  FOREIGN KEY (region_code, registry_id, finding_id)
    REFERENCES inspection_findings (region_code, registry_id, id) ON UPDATE CASCADE
);

-- Evidence of a finding (a photo on the spot) or of a recommendation's follow-up: stored in the
-- database like health_assessment_evidence (0014), JPEG, PNG or PDF, 2 MB each.
CREATE TABLE inspection_evidence (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  finding_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  recommendation_id bigint,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  content bytea NOT NULL CHECK (octet_length(content) BETWEEN 1 AND 2097152),
  uploaded_by uuid REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, id),
  FOREIGN KEY (region_code, registry_id, finding_id)
    REFERENCES inspection_findings (region_code, registry_id, id) ON UPDATE CASCADE,
  -- by the primary key: one cascade path for the region (through the finding)
  FOREIGN KEY (registry_id, recommendation_id) REFERENCES inspection_recommendations (registry_id, id)
);

-- A letter of the sanctions ladder (src/domain/supervision/sanctions.ts), issued by an office and
-- numbered gaplessly per office and year (sanction_letter_counters). The findings, the required
-- correction, the deadline and the officer's name are written into the letter when issued and
-- never change: a correction is a revocation (sanction_letter_revocations) and a new letter.
CREATE TABLE sanction_letters (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  office_id uuid NOT NULL REFERENCES organizations (id),
  step text NOT NULL CHECK (step IN ('teguran_1', 'teguran_2', 'pembatasan', 'pencabutan_izin', 'pembubaran')),
  letter_year integer NOT NULL CHECK (letter_year BETWEEN 2000 AND 2200),
  letter_seq integer NOT NULL CHECK (letter_seq >= 1),
  letter_number text NOT NULL CHECK (length(letter_number) BETWEEN 1 AND 100),
  issued_on date NOT NULL,
  deadline_on date NOT NULL,
  -- the findings as the letter states them (the linked findings are in sanction_letter_findings)
  findings_text text NOT NULL CHECK (length(findings_text) BETWEEN 1 AND 20000),
  correction text NOT NULL CHECK (length(correction) BETWEEN 1 AND 4000),
  legal_basis text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 4000),
  officer_user_id uuid REFERENCES users (id),
  officer_name text NOT NULL CHECK (length(officer_name) BETWEEN 1 AND 200),
  office_name text NOT NULL CHECK (length(office_name) BETWEEN 1 AND 300),
  cooperative_name text NOT NULL CHECK (length(cooperative_name) BETWEEN 1 AND 300),
  -- the letter before it on the ladder (null for a first warning)
  previous_letter_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, id),
  UNIQUE (region_code, registry_id, id),
  UNIQUE (office_id, letter_year, letter_seq),
  CHECK (deadline_on > issued_on),
  CHECK (letter_year = extract(year FROM issued_on)),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE,
  FOREIGN KEY (registry_id, previous_letter_id) REFERENCES sanction_letters (registry_id, id)
);
CREATE INDEX sanction_letters_region_idx ON sanction_letters (region_code, issued_on);

CREATE TABLE sanction_letter_findings (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  letter_id bigint NOT NULL,
  finding_id bigint NOT NULL,
  PRIMARY KEY (registry_id, letter_id, finding_id),
  FOREIGN KEY (region_code, registry_id, letter_id)
    REFERENCES sanction_letters (region_code, registry_id, id) ON UPDATE CASCADE,
  FOREIGN KEY (registry_id, finding_id) REFERENCES inspection_findings (registry_id, id)
);

-- How a letter reached the cooperative: once per letter.
CREATE TABLE sanction_letter_deliveries (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  letter_id bigint NOT NULL,
  delivered_on date NOT NULL,
  method text NOT NULL CHECK (method IN ('hand', 'post', 'courier', 'email')),
  received_by text NOT NULL CHECK (length(received_by) BETWEEN 1 AND 200),
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, letter_id),
  FOREIGN KEY (region_code, registry_id, letter_id)
    REFERENCES sanction_letters (region_code, registry_id, id) ON UPDATE CASCADE
);

-- A letter withdrawn (issued in error): it stays on record, numbered, and no longer counts on the
-- ladder.
CREATE TABLE sanction_letter_revocations (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  letter_id bigint NOT NULL,
  revoked_on date NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  revoked_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, letter_id),
  FOREIGN KEY (region_code, registry_id, letter_id)
    REFERENCES sanction_letters (region_code, registry_id, id) ON UPDATE CASCADE
);

-- The office's letter numbers: one row per office and year, taken with UPDATE … RETURNING in the
-- issuing transaction, so two letters issued at once wait for each other and a rolled-back issue
-- gives its number back (gapless). The number's format is the office's setting (newest row).
CREATE TABLE sanction_letter_counters (
  organization_id uuid NOT NULL REFERENCES organizations (id),
  letter_year integer NOT NULL CHECK (letter_year BETWEEN 2000 AND 2200),
  last_seq integer NOT NULL CHECK (last_seq >= 0),
  PRIMARY KEY (organization_id, letter_year)
);
CREATE TABLE sanction_letter_settings (
  organization_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  -- placeholders {seq} (three digits at least) and {year}, e.g. 500.12/{seq}/DINKOP/{year}
  number_format text NOT NULL CHECK (length(number_format) BETWEEN 5 AND 100
    AND strpos(number_format, '{seq}') > 0 AND strpos(number_format, '{year}') > 0),
  set_by uuid REFERENCES users (id),
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id)
);

-- An issued letter, its findings, its delivery and its revocation never change, except the region
-- they travel with when the cooperative's supervising authority changes (the cascades above).
CREATE FUNCTION sanction_letter_fixed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '% rows of an issued letter cannot be deleted', TG_TABLE_NAME
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF (to_jsonb(NEW) - 'region_code') IS DISTINCT FROM (to_jsonb(OLD) - 'region_code') THEN
    RAISE EXCEPTION '% rows of an issued letter cannot be changed', TG_TABLE_NAME
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER sanction_letters_fixed BEFORE UPDATE OR DELETE ON sanction_letters
  FOR EACH ROW EXECUTE FUNCTION sanction_letter_fixed();
CREATE TRIGGER sanction_letter_findings_fixed BEFORE UPDATE OR DELETE ON sanction_letter_findings
  FOR EACH ROW EXECUTE FUNCTION sanction_letter_fixed();
CREATE TRIGGER sanction_letter_deliveries_fixed BEFORE UPDATE OR DELETE ON sanction_letter_deliveries
  FOR EACH ROW EXECUTE FUNCTION sanction_letter_fixed();
CREATE TRIGGER sanction_letter_revocations_fixed BEFORE UPDATE OR DELETE ON sanction_letter_revocations
  FOR EACH ROW EXECUTE FUNCTION sanction_letter_fixed();

-- Jurisdiction as in 0012 and 0018: an office sees and writes only the rows under its region.
ALTER TABLE inspection_visits ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON inspection_visits
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE inspection_visit_officers ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON inspection_visit_officers
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE inspection_checklist_answers ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON inspection_checklist_answers
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE inspection_findings ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON inspection_findings
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE inspection_recommendations ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON inspection_recommendations
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE inspection_evidence ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON inspection_evidence
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE sanction_letters ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON sanction_letters
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE sanction_letter_findings ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON sanction_letter_findings
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE sanction_letter_deliveries ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON sanction_letter_deliveries
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE sanction_letter_revocations ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON sanction_letter_revocations
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE sanction_letter_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sanction_letter_counters
  USING (organization_id = sokoguru_current_org());
ALTER TABLE sanction_letter_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sanction_letter_settings
  USING (organization_id = sokoguru_current_org());

-- Nothing here is deleted; letters and their records are never updated either.
REVOKE DELETE ON inspection_visits, inspection_visit_officers, inspection_findings, inspection_recommendations,
  inspection_evidence, sanction_letter_counters FROM sokoguru_app;
REVOKE UPDATE, DELETE ON sanction_letters, sanction_letter_findings, sanction_letter_deliveries,
  sanction_letter_revocations, sanction_letter_settings FROM sokoguru_app;
