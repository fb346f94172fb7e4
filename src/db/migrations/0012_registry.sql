-- 0012 registry: every cooperative a supervising authority oversees, on Sokoguru or not, and the
-- jurisdiction wall (docs/domain/supervision-registry.md).
--
-- A registry row belongs to the region of the authority that supervises the cooperative, not to
-- an organisation: region_code is the regency code (city/regency Dinas), the province code
-- (province office) or '' (the ministry), by the cooperative's membership area (supervision.md).
-- Region codes form one prefix hierarchy, so an office sees the rows whose region_code starts
-- with its own dinas_region_code: 3375 sees 3375, 33 sees 33 and 33xx, '' sees everything.

-- The ministry is the root of that hierarchy: an office whose region is '' (all regions).
ALTER TABLE organizations DROP CONSTRAINT organizations_dinas_region_code_check;
ALTER TABLE organizations ADD CONSTRAINT organizations_dinas_region_code_check
  CHECK (dinas_region_code ~ '^([0-9]{2}([0-9]{2})?)?$');

-- Jurisdiction follows the organisation row; a tenant transaction must not be able to move its
-- own office (or turn a cooperative into an office) and so widen what it sees.
CREATE FUNCTION organizations_jurisdiction_fixed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF current_user = 'sokoguru_app'
     AND (NEW.dinas_region_code IS DISTINCT FROM OLD.dinas_region_code OR NEW.kind <> OLD.kind) THEN
    RAISE EXCEPTION 'an organisation''s kind and region are not changed in a tenant transaction'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER organizations_jurisdiction_fixed BEFORE UPDATE OF dinas_region_code, kind ON organizations
  FOR EACH ROW EXECUTE FUNCTION organizations_jurisdiction_fixed();

-- The region of the transaction's organisation when it is a supervising office, else NULL (a
-- cooperative, the platform, or no tenant transaction): NULL matches no registry row.
CREATE FUNCTION sokoguru_current_region() RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT o.dinas_region_code FROM organizations o
  WHERE o.id = sokoguru_current_org() AND o.kind = 'dinas'
$$;

CREATE TABLE registry_cooperatives (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- the supervising authority's region (see above); "C" collation: prefix searches use the index
  region_code text COLLATE "C" NOT NULL CHECK (region_code ~ '^([0-9]{2}([0-9]{2})?)?$'),
  -- the cooperative's own organisation when it runs on Sokoguru: linked, never a second row
  linked_organization_id uuid UNIQUE REFERENCES organizations (id),
  name text NOT NULL CHECK (length(name) BETWEEN 3 AND 200),
  -- legal identity (identity.md); the NIK koperasi is opaque (supervision.md)
  nik_koperasi text CHECK (nik_koperasi ~ '^[0-9]{16}$'),
  nik_certificate_valid_until date,
  badan_hukum_number text CHECK (length(badan_hukum_number) BETWEEN 1 AND 100),
  badan_hukum_date date,
  nib text CHECK (nib ~ '^[0-9]{13}$'),
  npwp text CHECK (npwp ~ '^[0-9]{15,16}$'),
  cooperative_type text NOT NULL CHECK (cooperative_type IN ('KSP', 'KSPPS', 'KONSUMEN', 'PRODUSEN', 'PEMASARAN', 'JASA')),
  cooperative_form text NOT NULL CHECK (cooperative_form IN ('primer', 'sekunder')),
  sector text CHECK (length(sector) BETWEEN 1 AND 100),
  membership_area text NOT NULL CHECK (membership_area IN ('regency', 'province', 'national')),
  address text CHECK (length(address) <= 500),
  province_code text NOT NULL CHECK (province_code ~ '^[0-9]{2}$'),
  regency_code text CHECK (regency_code ~ '^[0-9]{4}$'),
  district_code text CHECK (district_code ~ '^[0-9]{6}$'),
  village_code text CHECK (village_code ~ '^[0-9]{10}$'),
  latitude numeric(8, 6) CHECK (latitude BETWEEN -90 AND 90),
  longitude numeric(9, 6) CHECK (longitude BETWEEN -180 AND 180),
  member_count integer CHECK (member_count >= 0),
  business_size text CHECK (business_size IN ('KUK1', 'KUK2', 'KUK3', 'KUK4')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'dissolved', 'in_liquidation')),
  status_since date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (region_code, id),
  CHECK ((latitude IS NULL) = (longitude IS NULL)),
  CHECK (regency_code IS NULL OR left(regency_code, 2) = province_code),
  CHECK (district_code IS NULL OR left(district_code, 4) = regency_code),
  CHECK (village_code IS NULL OR left(village_code, 6) = district_code),
  -- authority follows the membership area (Permenkop 9/2020, supervision.md)
  CHECK (CASE membership_area
           WHEN 'regency' THEN region_code = regency_code
           WHEN 'province' THEN region_code = province_code
           ELSE region_code = '' END)
);
CREATE UNIQUE INDEX registry_cooperatives_nik_koperasi_key ON registry_cooperatives (nik_koperasi)
  WHERE nik_koperasi IS NOT NULL;
CREATE INDEX registry_cooperatives_region_idx ON registry_cooperatives (region_code, id);
CREATE INDEX registry_cooperatives_name_idx ON registry_cooperatives (lower(name) text_pattern_ops);

-- Every status a cooperative has had, from the day it entered the registry; rows are never changed.
CREATE TABLE registry_status_history (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  status text NOT NULL CHECK (status IN ('active', 'inactive', 'dissolved', 'in_liquidation')),
  effective_on date NOT NULL,
  reason text CHECK (length(reason) BETWEEN 1 AND 1000),
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, id),
  -- the region travels with the cooperative when its supervising authority changes
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE
);

-- The organs' members with their terms of office (identity.md: organs and terms with dates).
CREATE TABLE registry_organ_members (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  organ text NOT NULL CHECK (organ IN ('pengurus', 'pengawas', 'pengawas_syariah')),
  position text CHECK (length(position) BETWEEN 1 AND 100),
  full_name text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
  phone text CHECK (phone ~ '^\+62[0-9]{6,13}$'),
  term_start date NOT NULL,
  term_end date,
  PRIMARY KEY (registry_id, id),
  CHECK (term_end IS NULL OR term_end >= term_start),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE
);

-- Jurisdiction: an office sees and writes only the rows under its region. The sub-select is
-- evaluated once per statement (an InitPlan), not once per row.
ALTER TABLE registry_cooperatives ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON registry_cooperatives
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE registry_status_history ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON registry_status_history
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE registry_organ_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON registry_organ_members
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));

-- Which of these NIK koperasi and linked organisations are already filed, under any office: both
-- are unique nationally, and an office must hear so without seeing the other office's row.
CREATE FUNCTION registry_identity_taken(numbers text[], organizations uuid[], except_id bigint)
RETURNS TABLE (nik_koperasi text, linked_organization_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT r.nik_koperasi, r.linked_organization_id FROM registry_cooperatives r
  WHERE (r.nik_koperasi = ANY (numbers) OR r.linked_organization_id = ANY (organizations))
    AND r.id IS DISTINCT FROM except_id
$$;

-- A cooperative leaves the registry by its status (dissolved), never by deletion; history is
-- append-only.
REVOKE DELETE ON registry_cooperatives FROM sokoguru_app;
REVOKE UPDATE, DELETE ON registry_status_history FROM sokoguru_app;
