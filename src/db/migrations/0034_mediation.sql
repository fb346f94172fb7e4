-- 0034 Mediation (issue 16 item 6; docs/domain/supervision-mediation.md): cases of a cooperative
-- failing to pay its members (gagal bayar) or of disputes between members and their cooperative,
-- with the parties and their claims, the meetings and their minutes, the agreement with its
-- instalment plan and its tracking. Confidential: a case and everything in it is visible only to
-- the officer who opened it and the officers assigned to it, enforced here by row-level security,
-- not only by the routes.

-- The user acting in the transaction, set by the mediation service at the start of each tenant
-- transaction (as sokoguru.org_id is set for the organisation); NULL sees no case.
CREATE FUNCTION sokoguru_current_user() RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT nullif(current_setting('sokoguru.user_id', true), '')::uuid
$$;

CREATE TABLE mediation_cases (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  kind text NOT NULL CHECK (kind IN ('gagal_bayar', 'sengketa')),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 4000),
  opened_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'agreement', 'resolved', 'failed')),
  closed_on date,
  closing_note text CHECK (length(closing_note) BETWEEN 1 AND 2000),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, id),
  UNIQUE (id),
  CHECK ((status IN ('resolved', 'failed')) = (closed_on IS NOT NULL)),
  CHECK (closed_on IS NULL OR closed_on >= opened_on),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE
);

-- The officers assigned to a case (the one who opened it is assigned at once).
CREATE TABLE mediation_officers (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  case_id bigint NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id),
  assigned_on date NOT NULL,
  assigned_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (registry_id, case_id, user_id),
  FOREIGN KEY (registry_id, case_id) REFERENCES mediation_cases (registry_id, id),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE
);

-- Whether the acting user opened the case or is assigned to it. SECURITY DEFINER: it reads the
-- officers without their own policy (a policy that reads its own table would recurse).
CREATE FUNCTION sokoguru_mediation_visible(p_registry_id bigint, p_case_id bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT FROM mediation_officers o
                 WHERE o.registry_id = p_registry_id AND o.case_id = p_case_id
                   AND o.user_id = sokoguru_current_user())
      OR EXISTS (SELECT FROM mediation_cases c
                 WHERE c.registry_id = p_registry_id AND c.id = p_case_id
                   AND c.created_by = sokoguru_current_user())
$$;

-- The parties: the members who claim (or the complainants of a dispute) and the cooperative.
CREATE TABLE mediation_parties (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  case_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  role text NOT NULL CHECK (role IN ('pengadu', 'koperasi', 'lainnya')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  contact text CHECK (length(contact) BETWEEN 1 AND 200),
  claim text CHECK (length(claim) BETWEEN 1 AND 1000),
  claim_rupiah bigint CHECK (claim_rupiah > 0),
  PRIMARY KEY (registry_id, id),
  FOREIGN KEY (registry_id, case_id) REFERENCES mediation_cases (registry_id, id),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE
);

CREATE TABLE mediation_meetings (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  case_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  held_on date NOT NULL,
  place text CHECK (length(place) BETWEEN 1 AND 200),
  attendees text NOT NULL CHECK (length(attendees) BETWEEN 1 AND 2000),
  minutes text NOT NULL CHECK (length(minutes) BETWEEN 1 AND 8000),
  recorded_by uuid NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, id),
  FOREIGN KEY (registry_id, case_id) REFERENCES mediation_cases (registry_id, id),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE
);

-- The agreement (kesepakatan) the parties signed, with its instalment plan; one per case.
CREATE TABLE mediation_agreements (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  case_id bigint NOT NULL,
  signed_on date NOT NULL,
  terms text NOT NULL CHECK (length(terms) BETWEEN 1 AND 8000),
  total_rupiah bigint NOT NULL CHECK (total_rupiah > 0),
  recorded_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (registry_id, case_id),
  FOREIGN KEY (registry_id, case_id) REFERENCES mediation_cases (registry_id, id),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE
);

CREATE TABLE mediation_instalments (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  case_id bigint NOT NULL,
  no integer NOT NULL CHECK (no BETWEEN 1 AND 120),
  due_on date NOT NULL,
  amount_rupiah bigint NOT NULL CHECK (amount_rupiah > 0),
  paid_on date,
  paid_rupiah bigint NOT NULL DEFAULT 0 CHECK (paid_rupiah >= 0 AND paid_rupiah <= amount_rupiah),
  PRIMARY KEY (registry_id, case_id, no),
  CHECK ((paid_on IS NULL) = (paid_rupiah = 0)),
  FOREIGN KEY (registry_id, case_id) REFERENCES mediation_agreements (registry_id, case_id),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE
);

ALTER TABLE mediation_cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY assigned ON mediation_cases USING (
  starts_with(region_code, (SELECT sokoguru_current_region()))
  AND (created_by = (SELECT sokoguru_current_user()) OR sokoguru_mediation_visible(registry_id, id)));
ALTER TABLE mediation_officers ENABLE ROW LEVEL SECURITY;
CREATE POLICY assigned ON mediation_officers USING (
  starts_with(region_code, (SELECT sokoguru_current_region()))
  AND sokoguru_mediation_visible(registry_id, case_id));
ALTER TABLE mediation_parties ENABLE ROW LEVEL SECURITY;
CREATE POLICY assigned ON mediation_parties USING (
  starts_with(region_code, (SELECT sokoguru_current_region()))
  AND sokoguru_mediation_visible(registry_id, case_id));
ALTER TABLE mediation_meetings ENABLE ROW LEVEL SECURITY;
CREATE POLICY assigned ON mediation_meetings USING (
  starts_with(region_code, (SELECT sokoguru_current_region()))
  AND sokoguru_mediation_visible(registry_id, case_id));
ALTER TABLE mediation_agreements ENABLE ROW LEVEL SECURITY;
CREATE POLICY assigned ON mediation_agreements USING (
  starts_with(region_code, (SELECT sokoguru_current_region()))
  AND sokoguru_mediation_visible(registry_id, case_id));
ALTER TABLE mediation_instalments ENABLE ROW LEVEL SECURITY;
CREATE POLICY assigned ON mediation_instalments USING (
  starts_with(region_code, (SELECT sokoguru_current_region()))
  AND sokoguru_mediation_visible(registry_id, case_id));

-- Meetings, agreements and parties are a record: never changed or removed by the application.
REVOKE UPDATE, DELETE ON mediation_meetings, mediation_agreements, mediation_parties FROM sokoguru_app;
REVOKE DELETE ON mediation_cases, mediation_officers, mediation_instalments FROM sokoguru_app;
