-- 0004 members: the cooperative's registry of members (anggota). Savings (0005) and loans (0006)
-- hang off it. A member starts as an applicant; approval (maker-checker) gives a member number.

CREATE TABLE members (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  -- the cooperative's own sequential number, printed on the card, never reused; NULL until approved
  member_number text CHECK (member_number ~ '^[0-9A-Z./-]{1,30}$'),
  status text NOT NULL DEFAULT 'applicant'
    CHECK (status IN ('applicant', 'rejected', 'active', 'suspended', 'leaving', 'left', 'deceased')),
  nik text NOT NULL CHECK (nik ~ '^[0-9]{16}$'),
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 2 AND 200),
  birth_place text CHECK (length(birth_place) <= 100),
  birth_date date NOT NULL,
  gender text NOT NULL CHECK (gender IN ('L', 'P')),
  address text CHECK (length(address) <= 500),
  province_code text CHECK (province_code ~ '^[0-9]{2}$'),
  regency_code text CHECK (regency_code ~ '^[0-9]{4}$'),
  district_code text CHECK (district_code ~ '^[0-9]{6}$'),
  village_code text CHECK (village_code ~ '^[0-9]{10}$'),
  phone text CHECK (phone ~ '^\+62[0-9]{6,13}$'),
  occupation text CHECK (length(occupation) <= 100),
  branch_id bigint,
  joined_on date,
  left_on date,
  -- the member's own login for the self-service portal
  user_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, branch_id) REFERENCES branches (cooperative_id, id),
  CHECK ((status IN ('applicant', 'rejected')) = (member_number IS NULL)),
  CHECK (status NOT IN ('active', 'suspended', 'leaving', 'left', 'deceased') OR joined_on IS NOT NULL),
  CHECK (status NOT IN ('left', 'deceased') OR left_on IS NOT NULL)
);
CREATE UNIQUE INDEX members_number_key ON members (cooperative_id, member_number) WHERE member_number IS NOT NULL;
-- A person is a member of a cooperative once (they may be a member of several cooperatives).
CREATE UNIQUE INDEX members_nik_key ON members (cooperative_id, nik) WHERE status <> 'rejected';
CREATE UNIQUE INDEX members_user_key ON members (cooperative_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX members_name_idx ON members (cooperative_id, lower(full_name));

CREATE TABLE member_number_counters (
  cooperative_id uuid PRIMARY KEY REFERENCES organizations (id),
  last_number bigint NOT NULL CHECK (last_number > 0)
);

-- Heirs (ahli waris) named by the member.
CREATE TABLE member_heirs (
  cooperative_id uuid NOT NULL,
  member_id bigint NOT NULL,
  seq smallint NOT NULL CHECK (seq BETWEEN 1 AND 20),
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 2 AND 200),
  relationship text NOT NULL CHECK (length(relationship) BETWEEN 2 AND 50),
  nik text CHECK (nik ~ '^[0-9]{16}$'),
  phone text CHECK (phone ~ '^\+62[0-9]{6,13}$'),
  PRIMARY KEY (cooperative_id, member_id, seq),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id)
);

-- Uploaded KTP scans and photos, kept in the database so one backup holds everything.
CREATE TABLE member_documents (
  cooperative_id uuid NOT NULL,
  member_id bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('ktp', 'photo')),
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  content bytea NOT NULL CHECK (octet_length(content) <= 2097152),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, member_id, kind),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id)
);

-- Journal lines may now name the member whose sub-ledger they belong to.
ALTER TABLE journal_lines ADD CONSTRAINT journal_lines_member_fk
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id) NOT VALID;

ALTER TABLE members ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON members USING (cooperative_id = sokoguru_current_org());
ALTER TABLE member_number_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_number_counters USING (cooperative_id = sokoguru_current_org());
ALTER TABLE member_heirs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_heirs USING (cooperative_id = sokoguru_current_org());
ALTER TABLE member_documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_documents USING (cooperative_id = sokoguru_current_org());
