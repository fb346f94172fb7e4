-- 0032 RAT compliance (issue 16 item 2; docs/domain/supervision-rat.md): the documents a
-- cooperative's RAT produced, as the office received them, and the reminders the office sent before
-- and after the deadline. The RAT itself (book year, date held) is registry_rats (0018).

-- A document received for a book year's RAT: the minutes, the attendance list, the pengurus's
-- accountability report, the statements, or another paper. Kept in the database (one backup holds
-- everything, as the assessments' evidence in 0014); never changed or removed: a better scan is a
-- second document.
CREATE TABLE registry_rat_documents (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  book_year integer NOT NULL CHECK (book_year BETWEEN 1945 AND 2200),
  kind text NOT NULL CHECK (kind IN ('minutes', 'attendance', 'accountability', 'statements', 'other')),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  content_type text NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
  content bytea NOT NULL CHECK (octet_length(content) BETWEEN 1 AND 5242880),
  content_sha256 text NOT NULL CHECK (content_sha256 ~ '^[0-9a-f]{64}$'),
  received_on date NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES users (id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, id),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE
);
CREATE INDEX registry_rat_documents_year_idx ON registry_rat_documents (region_code, book_year, registry_id);

-- A reminder of a book year's RAT at one stage (60 and 14 days before the deadline, and once after
-- it): one per cooperative, year and stage, so a daily run never repeats itself.
CREATE TABLE registry_rat_reminders (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  book_year integer NOT NULL CHECK (book_year BETWEEN 1945 AND 2200),
  stage text NOT NULL CHECK (stage IN ('h60', 'h14', 'overdue')),
  sent_on date NOT NULL,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 1000),
  -- the pengurus phone it was queued to, when the registry has one
  recipient text CHECK (recipient ~ '^\+62[0-9]{6,13}$'),
  sent_by uuid REFERENCES users (id),
  PRIMARY KEY (registry_id, book_year, stage),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE
);

-- Jurisdiction as in 0012; a cooperative on Sokoguru reads the reminders sent to it.
ALTER TABLE registry_rat_documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON registry_rat_documents
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE registry_rat_reminders ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_reminders ON registry_rat_reminders FOR SELECT USING (
  starts_with(region_code, (SELECT sokoguru_current_region()))
  OR registry_id = (SELECT sokoguru_linked_registry_id()));
CREATE POLICY office_reminds ON registry_rat_reminders FOR INSERT
  WITH CHECK (starts_with(region_code, (SELECT sokoguru_current_region())));
REVOKE UPDATE, DELETE ON registry_rat_documents FROM sokoguru_app;
REVOKE UPDATE, DELETE ON registry_rat_reminders FROM sokoguru_app;
