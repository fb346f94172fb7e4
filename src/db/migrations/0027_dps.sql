-- 0027 Dewan Pengawas Syariah (issue 21 item 7; docs/domain/sharia-dps.md). A KSPPS/USPPS must
-- have a DPS, appointed and dismissed by the rapat anggota (Permenkop 11/2017): at least two
-- persons, at least one holding a DSN-MUI DPS training certificate or a competency certificate of
-- a licensed LSP; a member of the cooperative or an outsider (an outsider for two years, renewable
-- by the rapat anggota); no conviction for a financial crime in the five years before appointment;
-- no first-degree blood or marriage relation with the pengurus. Its duties (Permenkop 16/2015):
-- review the cooperative's products and akad, give a yearly opinion, report to DSN-MUI.

-- The DPS login: a user who decides the reviews routed to the DPS and records its yearly opinion.
ALTER TABLE organization_roles DROP CONSTRAINT organization_roles_role_check;
ALTER TABLE organization_roles ADD CONSTRAINT organization_roles_role_check
  CHECK (role IN ('admin', 'pengurus', 'pengawas', 'kasir', 'petugas_kredit', 'anggota', 'dps',
                  'dinas_admin', 'dinas_pembina', 'dinas_pengawas'));

-- A person on the DPS. The terms (appointment and renewals by the rapat anggota) are in
-- dps_member_terms; ended_on closes the membership (end of term not renewed, dismissal,
-- resignation, death).
CREATE TABLE dps_members (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 2 AND 200),
  -- a member of the cooperative (anggota) or an outsider (pihak luar: a two-year term)
  is_cooperative_member boolean NOT NULL,
  member_id bigint,
  -- the person's Sokoguru login (role dps), when they decide reviews in the system
  user_id uuid REFERENCES users (id),
  -- declarations (Permenkop 11/2017): no conviction for a financial crime in the 5 years before
  -- appointment; no first-degree blood or marriage relation with the pengurus. NULL: not recorded
  no_conviction_declared boolean,
  no_conviction_declared_on date,
  no_relation_declared boolean,
  no_relation_declared_on date,
  ended_on date,
  end_reason text CHECK (end_reason IN ('term_ended', 'dismissed', 'resigned', 'deceased')),
  end_reference text CHECK (length(end_reference) BETWEEN 2 AND 200),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id),
  CHECK (member_id IS NULL OR is_cooperative_member),
  CHECK ((no_conviction_declared IS NULL) = (no_conviction_declared_on IS NULL)),
  CHECK ((no_relation_declared IS NULL) = (no_relation_declared_on IS NULL)),
  CHECK ((ended_on IS NULL) = (end_reason IS NULL))
);
CREATE UNIQUE INDEX dps_members_user_idx ON dps_members (cooperative_id, user_id)
  WHERE user_id IS NOT NULL AND ended_on IS NULL;

-- Each appointment or renewal by a rapat anggota: the meeting's date and reference (berita acara),
-- the term. An outsider's term is at most two years (checked by the service, which knows the
-- calendar); a member's follows the AD/ART and may be open-ended.
CREATE TABLE dps_member_terms (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  dps_member_id bigint NOT NULL,
  term_no smallint NOT NULL CHECK (term_no >= 1),
  ra_date date NOT NULL,
  ra_reference text NOT NULL CHECK (length(ra_reference) BETWEEN 2 AND 200),
  term_start date NOT NULL,
  term_end date,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, dps_member_id, term_no),
  FOREIGN KEY (cooperative_id, dps_member_id) REFERENCES dps_members (cooperative_id, id),
  CHECK (term_end IS NULL OR term_end > term_start),
  CHECK (ra_date <= term_start)
);

-- DSN-MUI DPS training certificate or the competency certificate of a licensed LSP.
CREATE TABLE dps_certificates (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  dps_member_id bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('dsn_mui_training', 'lsp_competency')),
  issuer text NOT NULL CHECK (length(issuer) BETWEEN 2 AND 200),
  number text NOT NULL CHECK (length(number) BETWEEN 2 AND 100),
  issued_on date NOT NULL,
  -- NULL: valid without an end date
  valid_until date,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, kind, number),
  FOREIGN KEY (cooperative_id, dps_member_id) REFERENCES dps_members (cooperative_id, id),
  CHECK (valid_until IS NULL OR valid_until > issued_on)
);

-- What is routed to the DPS: a new savings or financing product, an akad template, a change of a
-- product's nisbah table, a denda (ta'zir) or ta'widh clause. 'waits': the change takes effect
-- only when the DPS approves (a new product is inactive until then); 'flagged': it took effect
-- (no DPS in office to route it to) and the review stands open until the DPS gives its opinion.
CREATE TABLE dps_reviews (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  subject text NOT NULL CHECK (subject IN ('savings_product', 'financing_product', 'akad_template',
                                           'nisbah_change', 'denda_clause', 'tawidh_clause')),
  savings_product_id bigint,
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  -- the clause or template text, or what changes (the proposed settings of a product)
  details jsonb NOT NULL,
  effect text NOT NULL CHECK (effect IN ('waits', 'flagged')),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_by uuid REFERENCES users (id),
  requested_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid REFERENCES users (id),
  decided_by_dps_member_id bigint,
  decided_at timestamptz,
  -- the DPS's opinion (pendapat/opini syariah) and the fatwa it rests on
  opinion text CHECK (length(opinion) BETWEEN 10 AND 4000),
  fatwa_reference text CHECK (length(fatwa_reference) BETWEEN 2 AND 200),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, savings_product_id) REFERENCES savings_products (cooperative_id, id),
  FOREIGN KEY (cooperative_id, decided_by_dps_member_id) REFERENCES dps_members (cooperative_id, id),
  CHECK (subject NOT IN ('savings_product', 'nisbah_change') OR savings_product_id IS NOT NULL),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (status = 'pending' OR (opinion IS NOT NULL AND decided_by_dps_member_id IS NOT NULL)),
  CHECK (decided_by IS NULL OR requested_by IS NULL OR decided_by <> requested_by)
);
CREATE INDEX dps_reviews_pending_idx ON dps_reviews (cooperative_id, requested_at) WHERE status = 'pending';

-- The DPS's yearly opinion on the cooperative's conformity with sharia (opini DPS) per book year,
-- attached to the RAT package, and when its supervision report went to DSN-MUI.
CREATE TABLE dps_opinions (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  book_year smallint NOT NULL CHECK (book_year BETWEEN 2000 AND 2100),
  opinion_date date NOT NULL,
  opinion text NOT NULL CHECK (length(opinion) BETWEEN 20 AND 20000),
  reported_to_dsn_on date,
  dsn_report_reference text CHECK (length(dsn_report_reference) BETWEEN 2 AND 200),
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, book_year),
  CHECK (reported_to_dsn_on IS NULL OR reported_to_dsn_on >= opinion_date),
  CHECK (dsn_report_reference IS NULL OR reported_to_dsn_on IS NOT NULL)
);

CREATE TABLE dps_opinion_signatories (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  book_year smallint NOT NULL,
  dps_member_id bigint NOT NULL,
  PRIMARY KEY (cooperative_id, book_year, dps_member_id),
  FOREIGN KEY (cooperative_id, book_year) REFERENCES dps_opinions (cooperative_id, book_year) ON DELETE CASCADE,
  FOREIGN KEY (cooperative_id, dps_member_id) REFERENCES dps_members (cooperative_id, id)
);

ALTER TABLE dps_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dps_members USING (cooperative_id = sokoguru_current_org());
ALTER TABLE dps_member_terms ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dps_member_terms USING (cooperative_id = sokoguru_current_org());
ALTER TABLE dps_certificates ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dps_certificates USING (cooperative_id = sokoguru_current_org());
ALTER TABLE dps_reviews ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dps_reviews USING (cooperative_id = sokoguru_current_org());
ALTER TABLE dps_opinions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dps_opinions USING (cooperative_id = sokoguru_current_org());
ALTER TABLE dps_opinion_signatories ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON dps_opinion_signatories USING (cooperative_id = sokoguru_current_org());
