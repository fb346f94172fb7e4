-- 0021 Funding akad on savings (issue 21 item 1; docs/domain/sharia-savings-akad.md): in a sharia
-- cooperative (KSPPS/BMT) every savings product carries its akad and none carries a rate. Fatwa
-- 02/DSN-MUI/IV/2000 (tabungan) and 03/DSN-MUI/IV/2000 (deposito): wadiah promises no return (a
-- bonus is a voluntary gift decided after the fact); mudharabah shares realised income by a nisbah
-- stated in the member's akad, which the cooperative may not lower without the member's consent.
--
-- Where the terms live: the akad is a column (a CHECK ties it to the kind); the nisbah, like the
-- rates it replaces, is in the product's settings as whole basis points (3000 = 30.00 %, exact):
-- `nisbahAnggotaBps` for a mudharabah sukarela product, per tenor for mudharabah berjangka. The
-- trigger below checks them against the organisation's cooperative_type.

ALTER TABLE savings_products
  ADD COLUMN akad text CHECK (akad IN ('wadiah', 'mudharabah', 'mudharabah_berjangka')),
  -- wadiah wording for pokok, wajib and sukarela; mudharabah for sukarela; mudharabah berjangka
  -- for time deposits
  ADD CONSTRAINT savings_products_akad_kind CHECK (
    akad IS NULL
    OR (akad = 'wadiah' AND kind IN ('pokok', 'wajib', 'sukarela'))
    OR (akad = 'mudharabah' AND kind = 'sukarela')
    OR (akad = 'mudharabah_berjangka' AND kind = 'berjangka'));

-- A product of a KSPPS has an akad and no rate anywhere; a conventional cooperative's product has
-- neither akad nor nisbah. Runs only when the terms change, so toggling `active` on a product kept
-- from before this migration is not refused.
CREATE FUNCTION savings_product_akad_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  sharia boolean;
  has_rate boolean;
  nisbah_ok boolean;
  has_nisbah boolean;
BEGIN
  SELECT cooperative_type = 'KSPPS' INTO sharia FROM organizations WHERE id = NEW.cooperative_id;
  has_rate := NEW.settings ? 'annualRateBps'
    OR EXISTS (SELECT 1 FROM jsonb_array_elements(
                 CASE WHEN jsonb_typeof(NEW.settings->'tenors') = 'array' THEN NEW.settings->'tenors'
                      ELSE '[]'::jsonb END) t
               WHERE t ? 'annualRateBps');
  has_nisbah := NEW.settings ? 'nisbahAnggotaBps'
    OR EXISTS (SELECT 1 FROM jsonb_array_elements(
                 CASE WHEN jsonb_typeof(NEW.settings->'tenors') = 'array' THEN NEW.settings->'tenors'
                      ELSE '[]'::jsonb END) t
               WHERE t ? 'nisbahAnggotaBps');
  IF coalesce(sharia, false) THEN
    IF NEW.akad IS NULL THEN
      RAISE EXCEPTION 'savings product % of a KSPPS needs its akad', NEW.code
        USING ERRCODE = 'check_violation';
    END IF;
    IF has_rate THEN
      RAISE EXCEPTION 'savings product % of a KSPPS may not carry a rate (fatwa 02 and 03/DSN-MUI/IV/2000)', NEW.code
        USING ERRCODE = 'check_violation';
    END IF;
  ELSIF NEW.akad IS NOT NULL OR has_nisbah THEN
    RAISE EXCEPTION 'savings product % of a conventional cooperative has no akad or nisbah', NEW.code
      USING ERRCODE = 'check_violation';
  END IF;
  -- mudharabah: a nisbah in whole basis points 0..10000; wadiah: none
  IF NEW.akad = 'mudharabah' THEN
    nisbah_ok := jsonb_typeof(NEW.settings->'nisbahAnggotaBps') = 'number'
      AND (NEW.settings->>'nisbahAnggotaBps') ~ '^[0-9]+$'
      AND (NEW.settings->>'nisbahAnggotaBps')::numeric BETWEEN 0 AND 10000;
  ELSIF NEW.akad = 'mudharabah_berjangka' THEN
    nisbah_ok := NOT NEW.settings ? 'nisbahAnggotaBps'
      AND jsonb_typeof(NEW.settings->'tenors') = 'array'
      AND jsonb_array_length(NEW.settings->'tenors') > 0
      AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(NEW.settings->'tenors') t
        WHERE NOT (jsonb_typeof(t->'nisbahAnggotaBps') = 'number'
          AND (t->>'nisbahAnggotaBps') ~ '^[0-9]+$'
          AND (t->>'nisbahAnggotaBps')::numeric BETWEEN 0 AND 10000));
  ELSE
    nisbah_ok := NOT has_nisbah;
  END IF;
  -- a missing key makes the comparisons above NULL: that is a missing nisbah too
  IF NOT coalesce(nisbah_ok, false) THEN
    RAISE EXCEPTION 'savings product %: a mudharabah akad needs a nisbah of 0..10000 basis points, no other akad has one', NEW.code
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER savings_products_akad_guard
  BEFORE INSERT OR UPDATE OF cooperative_id, kind, settings, akad ON savings_products
  FOR EACH ROW EXECUTE FUNCTION savings_product_akad_guard();

-- An account of an akad product never carries a fixed rate (a time deposit's rate is copied onto
-- its row at placement). The WHEN keeps the check off the hot path: only rows given a rate pay it.
CREATE FUNCTION savings_account_akad_rate_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM savings_products p
             WHERE p.cooperative_id = NEW.cooperative_id AND p.id = NEW.product_id
               AND p.akad IS NOT NULL) THEN
    RAISE EXCEPTION 'savings account % is under a sharia akad and may not carry a rate', NEW.account_number
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER savings_accounts_akad_rate_guard
  BEFORE INSERT OR UPDATE OF annual_rate_bps, product_id ON savings_accounts
  FOR EACH ROW WHEN (NEW.annual_rate_bps IS NOT NULL)
  EXECUTE FUNCTION savings_account_akad_rate_guard();

-- The member's akad on a mudharabah account, versioned. Version 1 is the akad signed when the
-- account opened (nisbah of the product, or of the tenor for a time deposit). A later version
-- with a higher nisbah takes effect without consent; a lower one is 'proposed' and takes effect
-- only once the member accepts it, at the counter (a teller, the member present) or in the
-- member portal (fatwa 02/2000 part Kedua: the nisbah may not be reduced without consent).
CREATE TABLE savings_account_akad_versions (
  cooperative_id uuid NOT NULL,
  account_id bigint NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  nisbah_anggota_bps integer NOT NULL CHECK (nisbah_anggota_bps BETWEEN 0 AND 10000),
  effective_from date NOT NULL,
  status text NOT NULL CHECK (status IN ('proposed', 'accepted', 'withdrawn')),
  proposed_by uuid REFERENCES users (id),
  proposed_at timestamptz NOT NULL DEFAULT now(),
  -- who recorded the consent (the teller at the counter, the member in the portal) and where;
  -- null on a version that needed none (the opening akad, a raise)
  accepted_by uuid REFERENCES users (id),
  accepted_at timestamptz,
  channel text CHECK (channel IN ('counter', 'portal')),
  PRIMARY KEY (cooperative_id, account_id, version),
  FOREIGN KEY (cooperative_id, account_id) REFERENCES savings_accounts (cooperative_id, id),
  CHECK ((status = 'accepted') = (accepted_at IS NOT NULL)),
  CHECK (accepted_by IS NULL OR channel IS NOT NULL),
  CHECK (status = 'accepted' OR (accepted_by IS NULL AND channel IS NULL))
);
-- at most one proposal waits for the member's answer
CREATE UNIQUE INDEX savings_account_akad_one_proposal
  ON savings_account_akad_versions (cooperative_id, account_id) WHERE status = 'proposed';

-- Consent in the database: a version accepted with a nisbah below the one in force before it
-- must name who recorded the member's consent and where. An accepted or withdrawn version is
-- history: never changed, never removed.
CREATE FUNCTION savings_account_akad_consent_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  previous integer;
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.status <> 'proposed') THEN
    RAISE EXCEPTION 'an accepted or withdrawn akad version is history: % refused', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.nisbah_anggota_bps <> OLD.nisbah_anggota_bps
      OR NEW.version <> OLD.version OR NEW.account_id <> OLD.account_id) THEN
    RAISE EXCEPTION 'a proposed nisbah is answered, not edited: propose a new version'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.status = 'accepted' THEN
    SELECT v.nisbah_anggota_bps INTO previous FROM savings_account_akad_versions v
      WHERE v.cooperative_id = NEW.cooperative_id AND v.account_id = NEW.account_id
        AND v.version < NEW.version AND v.status = 'accepted'
      ORDER BY v.version DESC LIMIT 1;
    IF previous IS NOT NULL AND NEW.nisbah_anggota_bps < previous
        AND (NEW.accepted_by IS NULL OR NEW.channel IS NULL) THEN
      RAISE EXCEPTION 'the nisbah of account % may not be lowered (% to % bps) without the member''s consent',
        NEW.account_id, previous, NEW.nisbah_anggota_bps
        USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER savings_account_akad_consent_guard
  BEFORE INSERT OR UPDATE OR DELETE ON savings_account_akad_versions
  FOR EACH ROW EXECUTE FUNCTION savings_account_akad_consent_guard();

-- Every mudharabah account gets its opening akad whichever path opened it (the counter, a new
-- member's default accounts, a placement, the import, the demo): one INSERT … SELECT per
-- statement over the rows it inserted, so a bulk import pays one join, not a trigger per row.
CREATE FUNCTION savings_accounts_opening_akad() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO savings_account_akad_versions (cooperative_id, account_id, version,
    nisbah_anggota_bps, effective_from, status, accepted_at)
  SELECT n.cooperative_id, n.id, 1,
    CASE WHEN p.akad = 'mudharabah' THEN (p.settings->>'nisbahAnggotaBps')::integer
      ELSE (SELECT (t->>'nisbahAnggotaBps')::integer FROM jsonb_array_elements(p.settings->'tenors') t
            WHERE (t->>'tenorMonths')::integer = n.tenor_months) END,
    n.opened_on, 'accepted', now()
  FROM new_accounts n
  JOIN savings_products p ON p.cooperative_id = n.cooperative_id AND p.id = n.product_id
  WHERE p.akad IN ('mudharabah', 'mudharabah_berjangka');
  RETURN NULL;
END
$$;
CREATE TRIGGER savings_accounts_opening_akad
  AFTER INSERT ON savings_accounts REFERENCING NEW TABLE AS new_accounts
  FOR EACH STATEMENT EXECUTE FUNCTION savings_accounts_opening_akad();

ALTER TABLE savings_account_akad_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON savings_account_akad_versions
  USING (cooperative_id = sokoguru_current_org());
