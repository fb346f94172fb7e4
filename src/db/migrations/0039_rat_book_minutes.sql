-- 0039 The RAT's papers (issue 17 item 4; docs/domain/rat.md): the RAT book's written parts (the
-- pengurus' accountability report, the pengawas' report, next year's plan and budget), the signed
-- minutes, and the RAT package the cooperative sends to its Dinas (issue 16's RAT compliance):
-- the cooperative may record its own RAT and file its documents in the registry row linked to it.

CREATE TABLE rat_book_sections (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  meeting_id bigint NOT NULL,
  section text NOT NULL CHECK (section IN ('accountability', 'supervision', 'plan')),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, meeting_id, section),
  FOREIGN KEY (cooperative_id, meeting_id) REFERENCES rat_meetings (cooperative_id, id)
);
ALTER TABLE rat_book_sections ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rat_book_sections USING (cooperative_id = sokoguru_current_org());

-- The minutes (berita acara) are signed once the meeting closed: the chair, the secretary and two
-- members the meeting appointed, electronically confirmed by the pengurus user who signs.
ALTER TABLE rat_meetings
  ADD COLUMN minutes_chair text CHECK (length(minutes_chair) BETWEEN 3 AND 200),
  ADD COLUMN minutes_secretary text CHECK (length(minutes_secretary) BETWEEN 3 AND 200),
  ADD COLUMN minutes_witnesses text CHECK (length(minutes_witnesses) BETWEEN 3 AND 500),
  ADD COLUMN minutes_signed_at timestamptz,
  ADD COLUMN minutes_signed_by uuid REFERENCES users (id),
  ADD COLUMN package_sent_at timestamptz,
  ADD COLUMN package_sent_by uuid REFERENCES users (id),
  ADD CONSTRAINT rat_minutes_signed_complete CHECK (
    (minutes_signed_at IS NULL) = (minutes_chair IS NULL)
    AND (minutes_signed_at IS NULL) = (minutes_signed_by IS NULL)),
  ADD CONSTRAINT rat_package_after_minutes CHECK (package_sent_at IS NULL OR minutes_signed_at IS NOT NULL);

-- A cooperative on Sokoguru reports its own RAT to the registry row linked to it (and reads it
-- back); the office's jurisdiction policies stay as they are.
CREATE POLICY cooperative_reports ON registry_rats FOR INSERT
  WITH CHECK (registry_id = (SELECT sokoguru_linked_registry_id()));
CREATE POLICY cooperative_reads ON registry_rats FOR SELECT
  USING (registry_id = (SELECT sokoguru_linked_registry_id()));
CREATE POLICY cooperative_files ON registry_rat_documents FOR INSERT
  WITH CHECK (registry_id = (SELECT sokoguru_linked_registry_id()));
CREATE POLICY cooperative_reads ON registry_rat_documents FOR SELECT
  USING (registry_id = (SELECT sokoguru_linked_registry_id()));
