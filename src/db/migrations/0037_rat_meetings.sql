-- 0037 The RAT (rapat anggota tahunan) of a cooperative (issue 17 item 4; docs/domain/rat.md): the
-- meeting planned within the legal window with its agenda, invitations through the message outbox,
-- members checked in at the door (QR) or online (login), proxies as far as the AD/ART allows, the
-- quorum computed from the AD/ART rule, agenda items voted on and decided. Secret ballots are
-- stored apart (no row links a ballot to a member); this file keeps only who took part.

CREATE TABLE rat_meetings (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  book_year integer NOT NULL CHECK (book_year BETWEEN 1945 AND 2200),
  -- 1: the first call; 2: the meeting called again after the first lacked its quorum
  call smallint NOT NULL DEFAULT 1 CHECK (call IN (1, 2)),
  first_call_id bigint,
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  mode text NOT NULL CHECK (mode IN ('in-person', 'online', 'hybrid')),
  scheduled_on date NOT NULL,
  -- local time (WIB/WITA/WIT as the cooperative states it), HH:MM
  starts_at text NOT NULL CHECK (starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  location text CHECK (length(location) BETWEEN 1 AND 300),
  online_url text CHECK (online_url ~ '^https://[^[:space:]]{3,250}$'),
  -- the AD/ART's rules as they stood when the meeting was planned (quorum, proxies, invitation)
  rules jsonb NOT NULL,
  late_reason text CHECK (length(late_reason) BETWEEN 3 AND 500),
  status text NOT NULL DEFAULT 'planned'
    CHECK (status IN ('planned', 'open', 'closed', 'postponed')),
  -- members entitled to attend, counted when the meeting opened
  members_entitled integer CHECK (members_entitled >= 0),
  opened_at timestamptz,
  closed_at timestamptz,
  -- the key of the members' check-in QR codes (HMAC of meeting and member); never leaves the server
  checkin_key bytea NOT NULL CHECK (octet_length(checkin_key) = 32),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, book_year, call),
  CHECK ((call = 2) = (first_call_id IS NOT NULL)),
  CHECK ((status IN ('open', 'closed')) = (opened_at IS NOT NULL) OR status = 'postponed'),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CHECK (mode = 'in-person' OR online_url IS NOT NULL),
  CHECK (mode = 'online' OR location IS NOT NULL),
  FOREIGN KEY (cooperative_id, first_call_id) REFERENCES rat_meetings (cooperative_id, id)
);

-- The agenda: reports, statements, the SHU proposal, the plan and budget, AD/ART changes, elections.
CREATE TABLE rat_agenda_items (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  meeting_id bigint NOT NULL,
  seq smallint NOT NULL CHECK (seq BETWEEN 1 AND 50),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
  kind text NOT NULL
    CHECK (kind IN ('opening', 'accountability', 'supervision', 'statements', 'shu', 'plan', 'adart', 'election', 'other')),
  -- how a motion of this item is decided; 'none' for an item without a vote (opening, a report heard)
  majority text NOT NULL CHECK (majority IN ('none', 'simple', 'two-thirds')),
  ballot text NOT NULL DEFAULT 'open' CHECK (ballot IN ('open', 'secret')),
  motion text CHECK (length(motion) BETWEEN 3 AND 1000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'voting', 'decided')),
  voting_opened_at timestamptz,
  -- members present and represented when the voting opened: the base of a two-thirds majority
  voters_present integer CHECK (voters_present >= 0),
  setuju integer CHECK (setuju >= 0),
  tidak_setuju integer CHECK (tidak_setuju >= 0),
  abstain integer CHECK (abstain >= 0),
  passed boolean,
  decided_at timestamptz,
  note text CHECK (length(note) BETWEEN 1 AND 2000),
  PRIMARY KEY (cooperative_id, meeting_id, seq),
  CHECK (majority <> 'none' OR (status <> 'voting' AND passed IS NULL)),
  CHECK ((status = 'decided' AND majority <> 'none') = (passed IS NOT NULL)),
  CHECK ((status IN ('voting', 'decided') AND majority <> 'none') = (voting_opened_at IS NOT NULL)),
  FOREIGN KEY (cooperative_id, meeting_id) REFERENCES rat_meetings (cooperative_id, id)
);

-- Who came: once per member and meeting, at the door by QR, online by login, or at the desk.
CREATE TABLE rat_attendance (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  meeting_id bigint NOT NULL,
  member_id bigint NOT NULL,
  checked_in_at timestamptz NOT NULL DEFAULT now(),
  method text NOT NULL CHECK (method IN ('qr', 'login', 'desk')),
  recorded_by uuid REFERENCES users (id),
  PRIMARY KEY (cooperative_id, meeting_id, member_id),
  FOREIGN KEY (cooperative_id, meeting_id) REFERENCES rat_meetings (cooperative_id, id),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id)
);

-- A member represented by another member (only if the AD/ART allows, and up to its limit).
CREATE TABLE rat_proxies (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  meeting_id bigint NOT NULL,
  member_id bigint NOT NULL,
  holder_member_id bigint NOT NULL,
  reference text NOT NULL CHECK (length(reference) BETWEEN 3 AND 200),
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, meeting_id, member_id),
  CHECK (member_id <> holder_member_id),
  FOREIGN KEY (cooperative_id, meeting_id) REFERENCES rat_meetings (cooperative_id, id),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id),
  FOREIGN KEY (cooperative_id, holder_member_id) REFERENCES members (cooperative_id, id)
);
CREATE INDEX rat_proxies_holder_idx ON rat_proxies (cooperative_id, meeting_id, holder_member_id);

ALTER TABLE rat_meetings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rat_meetings USING (cooperative_id = sokoguru_current_org());
ALTER TABLE rat_agenda_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rat_agenda_items USING (cooperative_id = sokoguru_current_org());
ALTER TABLE rat_attendance ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rat_attendance USING (cooperative_id = sokoguru_current_org());
ALTER TABLE rat_proxies ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rat_proxies USING (cooperative_id = sokoguru_current_org());
