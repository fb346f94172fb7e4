-- 0014 health assessments: the rubric versions an administrator loads, and the assessments an
-- examiner records for a registry row under one rubric version (docs/domain/supervision-health.md).
--
-- The built-in rubric versions stay in code (src/domain/supervision/rubrics/); this table holds the
-- versions loaded later (the official KKPKK appendix values), each checked by the scoring engine
-- before it is accepted. A version is never changed once loaded: an assessment scored under it
-- must give the same result when scored again.
CREATE TABLE health_rubric_versions (
  rubric_id text NOT NULL CHECK (rubric_id ~ '^[a-z0-9-]{3,60}$'),
  version text NOT NULL CHECK (version ~ '^[A-Za-z0-9._-]{1,60}$' AND version <> 'builtin'),
  -- the rubric as data (src/domain/supervision/rubric.ts), as the engine accepted it
  definition jsonb NOT NULL,
  -- sha256 of the canonical definition; stored with every assessment scored under it
  digest text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
  -- whether any row of the definition is still a placeholder (results under it are provisional)
  provisional boolean NOT NULL,
  source_document text NOT NULL CHECK (length(source_document) BETWEEN 1 AND 500),
  source_note text CHECK (length(source_note) <= 2000),
  loaded_by uuid REFERENCES users (id),
  loaded_by_label text NOT NULL CHECK (length(loaded_by_label) BETWEEN 1 AND 200),
  loaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (rubric_id, version)
);
REVOKE UPDATE, DELETE ON health_rubric_versions FROM sokoguru_app;

-- One assessment of one registry row for one period under one rubric version. The figures are kept
-- exactly as scored (health_assessment_figures), with where they came from; the result as the
-- engine returned it. A draft may change; a final assessment never does (trigger below): a
-- correction is a new assessment that supersedes it.
CREATE TABLE health_assessments (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  -- the month the figures close on, YYYY-MM (a year-end assessment: YYYY-12)
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  rubric_id text NOT NULL CHECK (rubric_id ~ '^[a-z0-9-]{3,60}$'),
  -- 'builtin' for the version shipped in code, else a row of health_rubric_versions
  rubric_version text NOT NULL CHECK (rubric_version ~ '^[A-Za-z0-9._-]{1,60}$'),
  rubric_digest text NOT NULL CHECK (rubric_digest ~ '^[0-9a-f]{64}$'),
  -- where the figures came from: a shared report version (the reports' migration 0013 is another
  -- area's; its id is kept without a key), the examiner's own entry, or the cooperative's live books
  figures_source text NOT NULL CHECK (figures_source IN ('shared_report', 'examiner', 'live_books')),
  report_version_id bigint,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'final')),
  -- the engine's result (src/domain/supervision/assess.ts) for the figures and answers stored
  result jsonb NOT NULL,
  total_score numeric(5, 2) NOT NULL CHECK (total_score BETWEEN 0 AND 100),
  predikat text NOT NULL CHECK (length(predikat) BETWEEN 1 AND 100),
  provisional boolean NOT NULL,
  examiner_user_id uuid REFERENCES users (id),
  examiner_name text NOT NULL CHECK (length(examiner_name) BETWEEN 1 AND 200),
  notes text CHECK (length(notes) <= 4000),
  supersedes_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finalized_at timestamptz,
  PRIMARY KEY (registry_id, id),
  UNIQUE (region_code, registry_id, id),
  CHECK ((figures_source = 'shared_report') = (report_version_id IS NOT NULL)),
  CHECK ((status = 'final') = (finalized_at IS NOT NULL)),
  CHECK (supersedes_id IS NULL OR supersedes_id <> id),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE,
  FOREIGN KEY (registry_id, supersedes_id) REFERENCES health_assessments (registry_id, id)
);
-- one correction per assessment: the chain of corrections is a line, never a fork
CREATE UNIQUE INDEX health_assessments_supersedes_key ON health_assessments (supersedes_id)
  WHERE supersedes_id IS NOT NULL;
CREATE INDEX health_assessments_region_idx ON health_assessments (region_code, registry_id, period);

-- The rupiah figures the rubric read, one row per input key, exact (BIGINT).
CREATE TABLE health_assessment_figures (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  assessment_id bigint NOT NULL,
  input_key text NOT NULL CHECK (input_key ~ '^[A-Za-z][A-Za-z0-9]{0,59}$'),
  amount_rupiah bigint NOT NULL,
  PRIMARY KEY (registry_id, assessment_id, input_key),
  FOREIGN KEY (region_code, registry_id, assessment_id)
    REFERENCES health_assessments (region_code, registry_id, id) ON UPDATE CASCADE
);

-- The examiner's answer to each item of a management or governance checklist (Ya / Tidak).
CREATE TABLE health_assessment_answers (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  assessment_id bigint NOT NULL,
  -- the rubric input the checklist feeds: 'manajemen.umum', 'checklists.kelembagaan', …
  checklist text NOT NULL CHECK (checklist ~ '^[A-Za-z]+\.[A-Za-z]+$'),
  item_no smallint NOT NULL CHECK (item_no BETWEEN 1 AND 200),
  answer boolean NOT NULL,
  note text CHECK (length(note) <= 1000),
  PRIMARY KEY (registry_id, assessment_id, checklist, item_no),
  FOREIGN KEY (region_code, registry_id, assessment_id)
    REFERENCES health_assessments (region_code, registry_id, id) ON UPDATE CASCADE
);

-- Evidence for an answer (a scanned document, a photo): kept in the database so one backup holds
-- everything, JPEG, PNG or PDF of at most 2 MB each.
CREATE TABLE health_assessment_evidence (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  assessment_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  checklist text NOT NULL CHECK (checklist ~ '^[A-Za-z]+\.[A-Za-z]+$'),
  item_no smallint NOT NULL CHECK (item_no BETWEEN 1 AND 200),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  content bytea NOT NULL CHECK (octet_length(content) BETWEEN 1 AND 2097152),
  uploaded_by uuid REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, assessment_id, id),
  FOREIGN KEY (region_code, registry_id, assessment_id)
    REFERENCES health_assessments (region_code, registry_id, id) ON UPDATE CASCADE
);

-- A final assessment is a record: nothing of it changes, except the region it travels with when
-- the cooperative's supervising authority changes (the cascades above).
CREATE FUNCTION health_assessment_final_fixed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'final'
     AND (to_jsonb(NEW) - 'region_code') IS DISTINCT FROM (to_jsonb(OLD) - 'region_code') THEN
    RAISE EXCEPTION 'health assessment % is final and cannot be changed', OLD.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER health_assessment_final_fixed BEFORE UPDATE ON health_assessments
  FOR EACH ROW EXECUTE FUNCTION health_assessment_final_fixed();

-- Figures, answers and evidence of a final assessment are fixed too.
CREATE FUNCTION health_assessment_part_fixed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  r := CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  IF TG_OP = 'UPDATE'
     AND (to_jsonb(NEW) - 'region_code') IS NOT DISTINCT FROM (to_jsonb(OLD) - 'region_code') THEN
    RETURN NEW;
  END IF;
  IF EXISTS (SELECT 1 FROM health_assessments a
             WHERE a.registry_id = r.registry_id AND a.id = r.assessment_id AND a.status = 'final') THEN
    RAISE EXCEPTION 'health assessment % is final and cannot be changed', r.assessment_id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN r;
END
$$;
CREATE TRIGGER health_assessment_figures_fixed BEFORE INSERT OR UPDATE OR DELETE ON health_assessment_figures
  FOR EACH ROW EXECUTE FUNCTION health_assessment_part_fixed();
CREATE TRIGGER health_assessment_answers_fixed BEFORE INSERT OR UPDATE OR DELETE ON health_assessment_answers
  FOR EACH ROW EXECUTE FUNCTION health_assessment_part_fixed();
CREATE TRIGGER health_assessment_evidence_fixed BEFORE INSERT OR UPDATE OR DELETE ON health_assessment_evidence
  FOR EACH ROW EXECUTE FUNCTION health_assessment_part_fixed();

-- Jurisdiction as in 0012: an office sees and writes only the assessments under its region.
ALTER TABLE health_assessments ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON health_assessments
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE health_assessment_figures ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON health_assessment_figures
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE health_assessment_answers ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON health_assessment_answers
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE health_assessment_evidence ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON health_assessment_evidence
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));

-- An assessment is corrected by a new one, never deleted; a draft's parts are replaced while it is
-- a draft.
REVOKE DELETE ON health_assessments FROM sokoguru_app;
