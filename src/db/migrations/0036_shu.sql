-- 0036 SHU from the books (issue 17 items 2 and 3; docs/domain/shu-books.md): the AD/ART's SHU
-- settings as dated versions, the runs (simulations any time, one final run per year after the
-- RAT), each member's share with the figures that explain it, and the payouts.

-- The AD/ART's rules, one row per version (never edited: a change is a new version). A year uses
-- the newest version whose valid_from_year is on or before it. Percentages are parts per million
-- of the whole (100 % = 1,000,000; 2.5 % = 25,000), exact, and must total 100 %.
CREATE TABLE shu_settings (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  version integer NOT NULL CHECK (version >= 1),
  valid_from_year integer NOT NULL CHECK (valid_from_year BETWEEN 2000 AND 2099),
  cadangan_ppm bigint NOT NULL CHECK (cadangan_ppm >= 0),
  jasa_modal_ppm bigint NOT NULL CHECK (jasa_modal_ppm >= 0),
  jasa_usaha_ppm bigint NOT NULL CHECK (jasa_usaha_ppm >= 0),
  dana_pengurus_ppm bigint NOT NULL CHECK (dana_pengurus_ppm >= 0),
  dana_karyawan_ppm bigint NOT NULL CHECK (dana_karyawan_ppm >= 0),
  dana_pendidikan_ppm bigint NOT NULL CHECK (dana_pendidikan_ppm >= 0),
  dana_sosial_ppm bigint NOT NULL CHECK (dana_sosial_ppm >= 0),
  dana_pembangunan_ppm bigint NOT NULL CHECK (dana_pembangunan_ppm >= 0),
  -- non-member SHU's own allocation (all posts in ppm, jasa modal and usaha 0), or null: then it
  -- goes to cadangan and the funds in their proportions (the engine's default)
  non_member_allocation jsonb,
  -- the simpanan kinds counted as capital for jasa modal, comma-separated ('pokok,wajib')
  capital_kinds text NOT NULL CHECK (capital_kinds ~ '^(pokok|wajib|sukarela)(,(pokok|wajib|sukarela)){0,2}$'),
  jasa_modal_basis text NOT NULL CHECK (jasa_modal_basis IN ('year-end', 'average')),
  -- business line -> weight (integer), e.g. {"pinjaman": 1}
  business_lines jsonb NOT NULL,
  deduct_wajib_arrears boolean NOT NULL DEFAULT false,
  deduct_overdue_instalments boolean NOT NULL DEFAULT false,
  -- [{from, ratePpm, source}], null: the default rules (src/domain/shu/tax.ts)
  tax_rules jsonb,
  -- the AD/ART article or RAT decision the version comes from
  source text CHECK (length(source) <= 300),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, version),
  CHECK (cadangan_ppm + jasa_modal_ppm + jasa_usaha_ppm + dana_pengurus_ppm + dana_karyawan_ppm
    + dana_pendidikan_ppm + dana_sosial_ppm + dana_pembangunan_ppm = 1000000)
);

-- A run: the year's SHU, its split between members and non-members, the pools per post and the
-- totals, with the settings version and the tax rule used. A simulation may be run any number of
-- times; the final run (after the RAT decision, approved by a second person) once per year.
CREATE TABLE shu_runs (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2099),
  kind text NOT NULL CHECK (kind IN ('simulation', 'final')),
  settings_version integer NOT NULL,
  -- 'year-end-close': SHU belum dibagi credited by the year's close; 'income-expense': the
  -- year's income less expense before the close (simulations only)
  shu_source text NOT NULL CHECK (shu_source IN ('year-end-close', 'income-expense')),
  shu_rupiah bigint NOT NULL CHECK (shu_rupiah >= 0),
  shu_anggota_rupiah bigint NOT NULL CHECK (shu_anggota_rupiah >= 0),
  shu_non_anggota_rupiah bigint NOT NULL CHECK (shu_non_anggota_rupiah >= 0),
  income_member_rupiah bigint NOT NULL,
  income_non_member_rupiah bigint NOT NULL,
  payout_date date NOT NULL,
  jasa_modal_basis text NOT NULL CHECK (jasa_modal_basis IN ('year-end', 'average')),
  -- rupiah per post (decimal strings): allocation (member + non-member, unshared to cadangan),
  -- allocationAnggota, allocationNonAnggota; the jasa usaha lines' summaries
  pools jsonb NOT NULL,
  lines jsonb NOT NULL,
  unshared_to_cadangan_rupiah bigint NOT NULL CHECK (unshared_to_cadangan_rupiah >= 0),
  capital_total bigint NOT NULL CHECK (capital_total >= 0),
  tax_rate_ppm bigint,
  tax_rule_from date,
  tax_rule_source text,
  members integer NOT NULL CHECK (members >= 0),
  total_jasa_modal_rupiah bigint NOT NULL,
  total_jasa_usaha_rupiah bigint NOT NULL,
  total_rupiah bigint NOT NULL,
  total_tax_rupiah bigint NOT NULL,
  total_deductions_rupiah bigint NOT NULL,
  total_net_rupiah bigint NOT NULL,
  -- final runs: the RAT decision it carries out and the approval that made it
  rat_reference text CHECK (length(rat_reference) BETWEEN 3 AND 200),
  rat_date date,
  approval_id bigint,
  -- the distribution entry (source 'shu.distribution', id = year), once posted
  distribution_entry_id bigint,
  distributed_on date,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, settings_version) REFERENCES shu_settings (cooperative_id, version),
  FOREIGN KEY (cooperative_id, distribution_entry_id) REFERENCES journal_entries (cooperative_id, id),
  CHECK (shu_anggota_rupiah + shu_non_anggota_rupiah = shu_rupiah),
  CHECK (total_jasa_modal_rupiah + total_jasa_usaha_rupiah = total_rupiah),
  CHECK (total_rupiah = total_tax_rupiah + total_deductions_rupiah + total_net_rupiah),
  CHECK (kind = 'final' OR (rat_reference IS NULL AND distribution_entry_id IS NULL)),
  CHECK (kind = 'simulation' OR (rat_reference IS NOT NULL AND rat_date IS NOT NULL AND shu_source = 'year-end-close')),
  CHECK ((distribution_entry_id IS NULL) = (distributed_on IS NULL))
);
-- one final run per cooperative and year
CREATE UNIQUE INDEX shu_runs_final_key ON shu_runs (cooperative_id, year) WHERE kind = 'final';
CREATE INDEX shu_runs_year_idx ON shu_runs (cooperative_id, year, id);

-- Each member's share with the figures it came from: the twelve month-end balances of the
-- counted simpanan, the capital weight (December's balance, or the sum of the twelve), the
-- participation and amount per business line, tax, deductions, net; and the payout. Written by
-- one INSERT … SELECT from unnest arrays per chunk; like the bagi hasil lines, no foreign key per
-- row (a million reference probes), the run's own key ties them.
CREATE TABLE shu_run_members (
  cooperative_id uuid NOT NULL,
  run_id bigint NOT NULL,
  member_id bigint NOT NULL,
  -- January … December, decimal strings
  month_end_modal jsonb NOT NULL CHECK (jsonb_array_length(month_end_modal) = 12),
  capital_weight bigint NOT NULL CHECK (capital_weight >= 0),
  jasa_modal_rupiah bigint NOT NULL CHECK (jasa_modal_rupiah >= 0),
  -- line -> {participation, amount} (decimal strings)
  jasa_usaha_lines jsonb NOT NULL,
  jasa_usaha_rupiah bigint NOT NULL CHECK (jasa_usaha_rupiah >= 0),
  total_rupiah bigint NOT NULL CHECK (total_rupiah = jasa_modal_rupiah + jasa_usaha_rupiah),
  tax_rupiah bigint NOT NULL CHECK (tax_rupiah >= 0),
  -- what the member owed at year end, and what of it the policy offsets
  arrears_wajib_rupiah bigint NOT NULL DEFAULT 0 CHECK (arrears_wajib_rupiah >= 0),
  arrears_instalments_rupiah bigint NOT NULL DEFAULT 0 CHECK (arrears_instalments_rupiah >= 0),
  deduction_wajib_rupiah bigint NOT NULL CHECK (deduction_wajib_rupiah >= 0),
  deduction_instalments_rupiah bigint NOT NULL CHECK (deduction_instalments_rupiah >= 0),
  net_rupiah bigint NOT NULL CHECK (net_rupiah >= 0),
  -- the payout (final runs, after the distribution): to a sukarela account or cash at a desk
  paid_on date,
  paid_channel text CHECK (paid_channel IN ('sukarela', 'cash')),
  paid_account_id bigint,
  paid_entry_id bigint,
  PRIMARY KEY (cooperative_id, run_id, member_id),
  CHECK (total_rupiah = tax_rupiah + deduction_wajib_rupiah + deduction_instalments_rupiah + net_rupiah),
  CHECK ((paid_on IS NULL) = (paid_channel IS NULL) AND (paid_on IS NULL) = (paid_entry_id IS NULL)),
  CHECK (paid_channel IS DISTINCT FROM 'sukarela' OR paid_account_id IS NOT NULL)
);

-- A paid share stays paid, and a run's figures never change (only the payout columns are set,
-- once).
CREATE FUNCTION shu_run_members_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'SHU shares are history: DELETE refused' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.paid_on IS NOT NULL THEN
    RAISE EXCEPTION 'SHU share of member % already paid', OLD.member_id USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW.month_end_modal, NEW.capital_weight, NEW.jasa_modal_rupiah, NEW.jasa_usaha_lines, NEW.total_rupiah,
      NEW.tax_rupiah, NEW.deduction_wajib_rupiah, NEW.deduction_instalments_rupiah, NEW.net_rupiah)
     IS DISTINCT FROM
     (OLD.month_end_modal, OLD.capital_weight, OLD.jasa_modal_rupiah, OLD.jasa_usaha_lines, OLD.total_rupiah,
      OLD.tax_rupiah, OLD.deduction_wajib_rupiah, OLD.deduction_instalments_rupiah, OLD.net_rupiah) THEN
    RAISE EXCEPTION 'SHU share figures are immutable' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER shu_run_members_guard BEFORE UPDATE OR DELETE ON shu_run_members
  FOR EACH ROW EXECUTE FUNCTION shu_run_members_guard();
CREATE TRIGGER shu_settings_immutable BEFORE UPDATE OR DELETE ON shu_settings
  FOR EACH ROW EXECUTE FUNCTION ledger_immutable();

-- SHU paid into a member's savings is a movement of its own kind on the rekening koran.
ALTER TABLE savings_transactions DROP CONSTRAINT savings_transactions_kind_check;
ALTER TABLE savings_transactions ADD CONSTRAINT savings_transactions_kind_check CHECK (kind IN ('deposit',
  'withdrawal', 'transfer-in', 'transfer-out', 'interest', 'tax', 'admin-fee', 'placement', 'break',
  'penalty', 'maturity', 'opening-balance', 'exit', 'loan-disbursement', 'loan-repayment', 'shu'));

ALTER TABLE shu_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shu_settings USING (cooperative_id = sokoguru_current_org());
ALTER TABLE shu_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shu_runs USING (cooperative_id = sokoguru_current_org());
ALTER TABLE shu_run_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shu_run_members USING (cooperative_id = sokoguru_current_org());
