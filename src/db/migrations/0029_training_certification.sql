-- 0029 Training and certification (issue 16 item 3; docs/domain/supervision-training.md): the
-- training events an office runs for its cooperatives (sessions, participants, attendance,
-- results) and the competency certificates (sertifikasi kompetensi from a licensed certification
-- body, LSP) of the cooperatives' managers and staff.
--
-- Events and their sessions are the office's own (organization_id, tenant_isolation). A
-- participant is a person of a registry cooperative at one of the office's events: the office's row
-- (tenant_isolation) about a registry row, so it also carries region_code + registry_id with the
-- registry's jurisdiction policy (restrictive: both must hold). Certificates belong to the
-- cooperative's registry row (region_code + registry_id, jurisdiction), like registry_rats: a
-- certificate stays with the cooperative whichever office filed it.

CREATE TABLE training_events (
  organization_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  -- the office itself or a partner (a university, the province's training centre, an LSP)
  organiser text NOT NULL CHECK (length(organiser) BETWEEN 1 AND 200),
  topic text NOT NULL CHECK (length(topic) BETWEEN 1 AND 200),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  online boolean NOT NULL DEFAULT false,
  location text CHECK (length(location) BETWEEN 1 AND 300),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id),
  CHECK (ends_on >= starts_on),
  -- a meeting in person has a place; an online one may name its platform
  CHECK (online OR location IS NOT NULL)
);
ALTER TABLE training_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON training_events
  USING (organization_id = sokoguru_current_org());
REVOKE DELETE ON training_events FROM sokoguru_app;

CREATE TABLE training_sessions (
  organization_id uuid NOT NULL,
  event_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  held_on date NOT NULL,
  topic text NOT NULL CHECK (length(topic) BETWEEN 1 AND 200),
  trainer text NOT NULL CHECK (length(trainer) BETWEEN 1 AND 200),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, event_id, id),
  FOREIGN KEY (organization_id, event_id) REFERENCES training_events (organization_id, id)
);
ALTER TABLE training_sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON training_sessions
  USING (organization_id = sokoguru_current_org());
REVOKE DELETE ON training_sessions FROM sokoguru_app;

-- A session lies within its event's dates (the service checks it first: checkSession).
CREATE FUNCTION training_session_within_event() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM training_events e
                 WHERE e.organization_id = NEW.organization_id AND e.id = NEW.event_id
                   AND NEW.held_on BETWEEN e.starts_on AND e.ends_on) THEN
    RAISE EXCEPTION 'a training session lies within its event''s dates'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER training_session_within_event BEFORE INSERT OR UPDATE ON training_sessions
  FOR EACH ROW EXECUTE FUNCTION training_session_within_event();

CREATE TABLE training_participants (
  organization_id uuid NOT NULL,
  event_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
  position text NOT NULL CHECK (position IN ('pengurus', 'pengawas', 'manajer', 'karyawan')),
  -- the person's organ term in the registry, when the office picked one
  organ_member_id bigint,
  -- lulus / tidak lulus for a tested course, peserta for attendance only; NULL until recorded
  result text CHECK (result IN ('lulus', 'tidak_lulus', 'peserta')),
  score smallint CHECK (score BETWEEN 0 AND 100),
  result_recorded_by uuid REFERENCES users (id),
  added_by uuid REFERENCES users (id),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, event_id, id),
  CHECK (score IS NULL OR result IS NOT NULL),
  FOREIGN KEY (organization_id, event_id) REFERENCES training_events (organization_id, id),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE,
  FOREIGN KEY (registry_id, organ_member_id) REFERENCES registry_organ_members (registry_id, id)
);
-- one person of a cooperative is enrolled once per event
CREATE UNIQUE INDEX training_participants_person_key
  ON training_participants (organization_id, event_id, registry_id, lower(full_name));
CREATE INDEX training_participants_registry_idx ON training_participants (registry_id);
ALTER TABLE training_participants ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON training_participants
  USING (organization_id = sokoguru_current_org());
CREATE POLICY jurisdiction ON training_participants AS RESTRICTIVE
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
REVOKE DELETE ON training_participants FROM sokoguru_app;

-- Attendance per participant and session of the same event (both keys carry event_id).
CREATE TABLE training_attendance (
  organization_id uuid NOT NULL,
  event_id bigint NOT NULL,
  participant_id bigint NOT NULL,
  session_id bigint NOT NULL,
  present boolean NOT NULL,
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, participant_id, session_id),
  FOREIGN KEY (organization_id, event_id, participant_id)
    REFERENCES training_participants (organization_id, event_id, id),
  FOREIGN KEY (organization_id, event_id, session_id)
    REFERENCES training_sessions (organization_id, event_id, id)
);
ALTER TABLE training_attendance ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON training_attendance
  USING (organization_id = sokoguru_current_org());
REVOKE DELETE ON training_attendance FROM sokoguru_app;

-- A competency certificate of a cooperative's manager or staff member (supervision.md: managers of
-- savings-and-loan cooperatives must hold one, issued by a licensed certification body).
CREATE TABLE competency_certificates (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  holder_name text NOT NULL CHECK (length(holder_name) BETWEEN 1 AND 200),
  position text NOT NULL CHECK (position IN ('pengurus', 'pengawas', 'manajer', 'karyawan')),
  organ_member_id bigint,
  scheme text NOT NULL CHECK (length(scheme) BETWEEN 1 AND 200),
  certificate_number text NOT NULL CHECK (length(certificate_number) BETWEEN 1 AND 100),
  -- the LSP (Lembaga Sertifikasi Profesi) that issued it
  issuer text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 200),
  issued_on date NOT NULL,
  valid_until date NOT NULL,
  -- the holder no longer serves the cooperative from this day (the certificate stays on record)
  left_on date,
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, id),
  UNIQUE (registry_id, certificate_number),
  CHECK (valid_until > issued_on),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE,
  FOREIGN KEY (registry_id, organ_member_id) REFERENCES registry_organ_members (registry_id, id)
);
-- the region's certificates expiring in a window
CREATE INDEX competency_certificates_expiry_idx ON competency_certificates (region_code, valid_until);
ALTER TABLE competency_certificates ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON competency_certificates
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
REVOKE DELETE ON competency_certificates FROM sokoguru_app;
