-- 0031 Koperasi modern (issue 16 item 5; docs/domain/supervision-koperasi-modern.md): the criteria
-- as versioned checklists, each cooperative's checklist per version with evidence, and the office's
-- targets. No ministerial regulation fixes the criteria (supervision.md "Koperasi modern"): they
-- are data with their source, and meeting them is never a legal status.

-- A version of the criteria: national ('' region, seeded below), or a province's or a city's own
-- (an office adds one for its region). An office sees the versions of its region and above it.
CREATE TABLE koperasi_modern_criteria_versions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code text COLLATE "C" NOT NULL CHECK (region_code ~ '^([0-9]{2}([0-9]{2})?)?$'),
  code text NOT NULL CHECK (code ~ '^[a-z0-9-]{3,60}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  -- the day the view was announced or taken up
  valid_from date NOT NULL,
  source_document text NOT NULL CHECK (length(source_document) BETWEEN 3 AND 500),
  source_note text CHECK (length(source_note) <= 2000),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, code),
  UNIQUE (region_code, id)
);

-- The items of a version, fixed once written. `suggest = 'sokoguru'`: the item is suggested as met
-- when the cooperative runs on Sokoguru (supervision.md: Sokoguru itself is evidence for "inside a
-- digital ecosystem").
CREATE TABLE koperasi_modern_criteria (
  region_code text COLLATE "C" NOT NULL,
  version_id bigint NOT NULL,
  item_no smallint NOT NULL CHECK (item_no BETWEEN 1 AND 30),
  text_id text NOT NULL CHECK (length(text_id) BETWEEN 3 AND 300),
  text_en text NOT NULL CHECK (length(text_en) BETWEEN 3 AND 300),
  suggest text CHECK (suggest IN ('sokoguru')),
  PRIMARY KEY (version_id, item_no),
  FOREIGN KEY (region_code, version_id) REFERENCES koperasi_modern_criteria_versions (region_code, id)
);

ALTER TABLE koperasi_modern_criteria_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON koperasi_modern_criteria_versions FOR SELECT
  USING (starts_with((SELECT sokoguru_current_region()), region_code));
CREATE POLICY own_region ON koperasi_modern_criteria_versions FOR INSERT
  WITH CHECK (region_code = (SELECT sokoguru_current_region()));
ALTER TABLE koperasi_modern_criteria ENABLE ROW LEVEL SECURITY;
CREATE POLICY visible ON koperasi_modern_criteria FOR SELECT
  USING (starts_with((SELECT sokoguru_current_region()), region_code));
CREATE POLICY own_region ON koperasi_modern_criteria FOR INSERT
  WITH CHECK (region_code = (SELECT sokoguru_current_region()));
REVOKE UPDATE, DELETE ON koperasi_modern_criteria_versions FROM sokoguru_app;
REVOKE UPDATE, DELETE ON koperasi_modern_criteria FROM sokoguru_app;

-- The two national views (supervision.md "Koperasi modern").
WITH v AS (
  INSERT INTO koperasi_modern_criteria_versions (region_code, code, title, valid_from, source_document, source_note)
  VALUES ('', 'tujuh-indikator-2020', 'Koperasi modern: tujuh indikator (program modernisasi 2020–2024)',
    '2020-01-01',
    'Kementerian Koperasi dan UKM, program modernisasi koperasi 2020–2024 (target 500 koperasi modern pada akhir 2024), sebagaimana dipakai pemerintah kota (mis. Mojokerto: 50 koperasi)',
    'Tidak ditetapkan dengan peraturan menteri; daftar sebelas kriteria juga pernah beredar. Bukan status hukum.')
  RETURNING id
)
INSERT INTO koperasi_modern_criteria (region_code, version_id, item_no, text_id, text_en, suggest)
SELECT '', v.id, c.no, c.text_id, c.text_en, NULL FROM v, (VALUES
  (1, 'Terhubung dengan offtaker (pembeli hasil)', 'Linked to an offtaker'),
  (2, 'Mengadopsi teknologi dan inovasi', 'Adopts technology and innovation'),
  (3, 'Memiliki akses pembiayaan', 'Has access to financing'),
  (4, 'Kapasitas produksi besar', 'Large production capacity'),
  (5, 'Bersinergi dengan banyak pihak', 'Synergy with many parties'),
  (6, 'Tata kelola dan manajemen profesional', 'Professional governance and management'),
  (7, 'Berbasis anggota dengan nilai tambah tinggi', 'Member-based with high value added')
) AS c(no, text_id, text_en);

WITH v AS (
  INSERT INTO koperasi_modern_criteria_versions (region_code, code, title, valid_from, source_document, source_note)
  VALUES ('', 'dua-kriteria-2024-10', 'Koperasi modern: dua kriteria (Oktober 2024)',
    '2024-10-01',
    'Kementerian Koperasi dan UKM, penyederhanaan kriteria koperasi modern, Oktober 2024',
    'Tidak ditetapkan dengan peraturan menteri. Bukan status hukum. Koperasi yang berjalan di Sokoguru disarankan memenuhi kriteria ekosistem digital.')
  RETURNING id
)
INSERT INTO koperasi_modern_criteria (region_code, version_id, item_no, text_id, text_en, suggest)
SELECT '', v.id, c.no, c.text_id, c.text_en, c.suggest FROM v, (VALUES
  (1, 'Berada dalam ekosistem digital', 'Inside a digital ecosystem', 'sokoguru'),
  (2, 'Memiliki akses pembiayaan dari lembaga keuangan modern', 'Has access to financing from modern financial institutions', NULL)
) AS c(no, text_id, text_en, suggest);

-- One checklist of one cooperative under one version, by an officer on a date. A re-assessment is a
-- new row: the history stays, nothing is changed or deleted.
CREATE TABLE koperasi_modern_assessments (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  version_id bigint NOT NULL REFERENCES koperasi_modern_criteria_versions (id),
  assessed_on date NOT NULL,
  note text CHECK (length(note) <= 2000),
  assessor_user_id uuid REFERENCES users (id),
  assessor_name text NOT NULL CHECK (length(assessor_name) BETWEEN 1 AND 200),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, id),
  UNIQUE (region_code, registry_id, id),
  UNIQUE (region_code, registry_id, id, version_id),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE
);
CREATE INDEX koperasi_modern_assessments_region_idx
  ON koperasi_modern_assessments (region_code, version_id, registry_id, assessed_on);

-- Each item of the version met or not, with the officer's note; `suggested`: Sokoguru proposed it.
CREATE TABLE koperasi_modern_answers (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  assessment_id bigint NOT NULL,
  version_id bigint NOT NULL,
  item_no smallint NOT NULL,
  met boolean NOT NULL,
  note text CHECK (length(note) <= 1000),
  suggested boolean NOT NULL DEFAULT false,
  PRIMARY KEY (registry_id, assessment_id, item_no),
  FOREIGN KEY (region_code, registry_id, assessment_id, version_id)
    REFERENCES koperasi_modern_assessments (region_code, registry_id, id, version_id) ON UPDATE CASCADE,
  FOREIGN KEY (version_id, item_no) REFERENCES koperasi_modern_criteria (version_id, item_no)
);

-- A checklist answers every item of its version (checked at commit, with its answers in place).
CREATE FUNCTION koperasi_modern_checklist_complete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(*) FROM koperasi_modern_answers a
      WHERE a.registry_id = NEW.registry_id AND a.assessment_id = NEW.id)
     <> (SELECT count(*) FROM koperasi_modern_criteria c WHERE c.version_id = NEW.version_id) THEN
    RAISE EXCEPTION 'koperasi modern checklist % does not answer every item of its version', NEW.id
      USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER koperasi_modern_checklist_complete
  AFTER INSERT ON koperasi_modern_assessments DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION koperasi_modern_checklist_complete();

-- Evidence for an item (a letter from the offtaker, a loan agreement, a photo): in the database so
-- one backup holds everything; JPEG, PNG or PDF of at most 2 MB each. Added later is fine, never
-- changed or removed.
CREATE TABLE koperasi_modern_evidence (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  assessment_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  item_no smallint NOT NULL CHECK (item_no BETWEEN 1 AND 30),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  content bytea NOT NULL CHECK (octet_length(content) BETWEEN 1 AND 2097152),
  uploaded_by uuid REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, assessment_id, id),
  FOREIGN KEY (region_code, registry_id, assessment_id)
    REFERENCES koperasi_modern_assessments (region_code, registry_id, id) ON UPDATE CASCADE
);

ALTER TABLE koperasi_modern_assessments ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON koperasi_modern_assessments
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE koperasi_modern_answers ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON koperasi_modern_answers
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE koperasi_modern_evidence ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON koperasi_modern_evidence
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
REVOKE UPDATE, DELETE ON koperasi_modern_assessments FROM sokoguru_app;
REVOKE UPDATE, DELETE ON koperasi_modern_answers FROM sokoguru_app;
REVOKE UPDATE, DELETE ON koperasi_modern_evidence FROM sokoguru_app;

-- The office's target: N cooperatives meeting a version's criteria by the end of a year (Mojokerto:
-- 50 by 2024). Every setting is a new row; the newest for a year applies.
CREATE TABLE koperasi_modern_targets (
  organization_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  version_id bigint NOT NULL REFERENCES koperasi_modern_criteria_versions (id),
  target_year integer NOT NULL CHECK (target_year BETWEEN 2000 AND 2100),
  target_count integer NOT NULL CHECK (target_count BETWEEN 1 AND 100000),
  note text CHECK (length(note) <= 500),
  set_by uuid REFERENCES users (id),
  set_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id)
);
ALTER TABLE koperasi_modern_targets ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON koperasi_modern_targets
  USING (organization_id = sokoguru_current_org());
REVOKE UPDATE, DELETE ON koperasi_modern_targets FROM sokoguru_app;
