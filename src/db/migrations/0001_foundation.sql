-- 0001 foundation: organisations (tenants), users and roles, sessions, API tokens, audit trail,
-- idempotency keys, maker-checker approvals, and the row-level-security wall.
--
-- Tenancy: every organisation-owned table leads its primary key with the organisation column
-- (cooperative_id for cooperative data, organization_id for tables every kind of organisation
-- has) and repeats it in every foreign key, so each table can be distributed by it (Citus) and
-- filtered by it (row-level security).

-- The restricted role that tenant transactions switch to (SET LOCAL ROLE); row-level security
-- applies to it because it owns nothing. The connecting user must be able to SET ROLE to it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sokoguru_app') THEN
    CREATE ROLE sokoguru_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- another database on the same cluster created it concurrently
END
$$;

DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT sokoguru_app TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO sokoguru_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO sokoguru_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO sokoguru_app;

-- The organisation a tenant transaction is scoped to, or NULL outside one.
CREATE FUNCTION sokoguru_current_org() RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('sokoguru.org_id', true), '')::uuid
$$;

CREATE TABLE organizations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('platform', 'cooperative', 'dinas')),
  name text NOT NULL CHECK (length(name) BETWEEN 3 AND 200),
  -- cooperative identity (identity.md)
  cooperative_type text CHECK (cooperative_type IN ('KSP', 'KSPPS', 'KONSUMEN', 'PRODUSEN', 'PEMASARAN', 'JASA')),
  cooperative_form text CHECK (cooperative_form IN ('primer', 'sekunder')),
  nik_koperasi text CHECK (nik_koperasi ~ '^[0-9]{16}$'),
  badan_hukum_number text CHECK (length(badan_hukum_number) <= 100),
  badan_hukum_date date,
  npwp text CHECK (npwp ~ '^[0-9]{15,16}$'),
  nib text CHECK (nib ~ '^[0-9]{13}$'),
  membership_area text CHECK (membership_area IN ('regency', 'province', 'national')),
  supervising_dinas_id uuid REFERENCES organizations (id),
  -- dinas identity: the region it oversees (a regency/city code such as 3375, or a province code)
  dinas_region_code text CHECK (dinas_region_code ~ '^[0-9]{2}([0-9]{2})?$'),
  -- address with Kemendagri codes, digits only (3375 = Kota Pekalongan)
  address text CHECK (length(address) <= 500),
  province_code text CHECK (province_code ~ '^[0-9]{2}$'),
  regency_code text CHECK (regency_code ~ '^[0-9]{4}$'),
  district_code text CHECK (district_code ~ '^[0-9]{6}$'),
  village_code text CHECK (village_code ~ '^[0-9]{10}$'),
  postal_code text CHECK (postal_code ~ '^[0-9]{5}$'),
  phone text CHECK (phone ~ '^\+62[0-9]{6,13}$'),
  email text CHECK (length(email) <= 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'cooperative' OR (cooperative_type IS NOT NULL AND cooperative_form IS NOT NULL)),
  CHECK (kind <> 'dinas' OR dinas_region_code IS NOT NULL),
  CHECK (kind = 'cooperative' OR cooperative_type IS NULL)
);
CREATE UNIQUE INDEX organizations_nik_koperasi_key ON organizations (nik_koperasi) WHERE nik_koperasi IS NOT NULL;
CREATE INDEX organizations_supervising_dinas_idx ON organizations (supervising_dinas_id);

-- Platform-wide events (users created, passwords changed) chain under this organisation.
INSERT INTO organizations (id, kind, name) VALUES ('00000000-0000-0000-0000-000000000000', 'platform', 'Sokoguru');

CREATE TABLE branches (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  code text NOT NULL CHECK (code ~ '^[A-Z0-9-]{1,20}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  address text CHECK (length(address) <= 500),
  regency_code text CHECK (regency_code ~ '^[0-9]{4}$'),
  is_head_office boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, code)
);
CREATE UNIQUE INDEX branches_one_head_office ON branches (cooperative_id) WHERE is_head_office;

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
  password_hash text NOT NULL,
  locale text NOT NULL DEFAULT 'id' CHECK (locale IN ('id', 'en')),
  email text CHECK (length(email) <= 200),
  phone text CHECK (phone ~ '^\+62[0-9]{6,13}$'),
  failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
  locked_until timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organization_roles (
  organization_id uuid NOT NULL REFERENCES organizations (id),
  user_id uuid NOT NULL REFERENCES users (id),
  role text NOT NULL CHECK (role IN ('admin', 'pengurus', 'pengawas', 'kasir', 'petugas_kredit', 'anggota',
                                     'dinas_admin', 'dinas_pembina', 'dinas_pengawas')),
  granted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, user_id, role)
);
CREATE INDEX organization_roles_user_idx ON organization_roles (user_id);

CREATE TABLE sessions (
  id text PRIMARY KEY, -- SHA-256 (hex) of the cookie token; the token itself is never stored
  user_id uuid NOT NULL REFERENCES users (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  organization_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  user_id uuid NOT NULL REFERENCES users (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  PRIMARY KEY (organization_id, id)
);

-- Audit trail. Rows are written in the same transaction as the change they describe; a sealer
-- then chains them per organisation in commit order (chain_seq, prev_hash, hash), so no hot row
-- serialises every writer of an organisation. Only the seal columns may ever be set, once.
CREATE TABLE audit_events (
  organization_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  actor_label text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text,
  before jsonb,
  after jsonb,
  request_id text,
  ip text,
  chain_seq bigint,
  prev_hash bytea,
  hash bytea,
  PRIMARY KEY (organization_id, id),
  UNIQUE (organization_id, chain_seq),
  CHECK ((chain_seq IS NULL) = (hash IS NULL) AND (chain_seq IS NULL) = (prev_hash IS NULL))
);
CREATE INDEX audit_events_unsealed_idx ON audit_events (organization_id, id) WHERE chain_seq IS NULL;

CREATE FUNCTION audit_events_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.chain_seq IS NULL AND NEW.chain_seq IS NOT NULL
     AND (to_jsonb(OLD) - '{chain_seq,prev_hash,hash}'::text[]) = (to_jsonb(NEW) - '{chain_seq,prev_hash,hash}'::text[]) THEN
    RETURN NEW; -- sealing, once
  END IF;
  RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_immutable();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_immutable();

CREATE TABLE idempotency_keys (
  organization_id uuid NOT NULL REFERENCES organizations (id),
  key text NOT NULL CHECK (length(key) BETWEEN 8 AND 200),
  user_id uuid REFERENCES users (id),
  request_hash text NOT NULL,
  response_status integer,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, key)
);

-- Maker-checker: an action that needs approval waits here; a different user approves it and the
-- action runs in the approving transaction.
CREATE TABLE approvals (
  organization_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  action text NOT NULL,
  payload jsonb NOT NULL,
  summary text NOT NULL,
  requested_by uuid NOT NULL REFERENCES users (id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decision_note text CHECK (length(decision_note) <= 1000),
  result jsonb,
  PRIMARY KEY (organization_id, id),
  CHECK (decided_by IS NULL OR decided_by <> requested_by),
  CHECK ((status = 'pending') = (decided_by IS NULL))
);
CREATE INDEX approvals_pending_idx ON approvals (organization_id, requested_at) WHERE status = 'pending';

-- Row-level security: a second wall behind the application's own filters. Tenant transactions
-- run as sokoguru_app with sokoguru.org_id set; the owner (migrations, CLI, batch jobs) bypasses.
ALTER TABLE branches ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON branches USING (cooperative_id = sokoguru_current_org());
ALTER TABLE organization_roles ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organization_roles USING (organization_id = sokoguru_current_org());
ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_tokens USING (organization_id = sokoguru_current_org());
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events USING (organization_id = sokoguru_current_org());
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_keys USING (organization_id = sokoguru_current_org());
ALTER TABLE approvals ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON approvals USING (organization_id = sokoguru_current_org());

-- Global tables the restricted role may read but not change; sessions stay with the owner.
REVOKE ALL ON sessions FROM sokoguru_app;
REVOKE UPDATE, DELETE ON users FROM sokoguru_app;
REVOKE INSERT, DELETE ON organizations FROM sokoguru_app;
-- An organisation's own staff may update its profile, and only its own.
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
CREATE POLICY read_all ON organizations FOR SELECT USING (true);
CREATE POLICY update_own ON organizations FOR UPDATE USING (id = sokoguru_current_org());

-- Where each organisation's chain ended when last sealed: cutting events off the tail shows up.
CREATE TABLE audit_chain_heads (
  organization_id uuid PRIMARY KEY REFERENCES organizations (id),
  chain_seq bigint NOT NULL,
  hash bytea NOT NULL,
  sealed_at timestamptz NOT NULL
);
REVOKE ALL ON audit_chain_heads FROM sokoguru_app;
