-- 0026 Profit-sharing financing of a KSPPS (issue 21 item 3; docs/domain/sharia-financing.md):
-- mudharabah (fatwa 07/DSN-MUI/IV/2000, PSAK 105) and musyarakah (fatwa 08/DSN-MUI/IV/2000,
-- PSAK 106) as two more akad of the loans engine — applied for, approved, disbursed, repaid and
-- classified (collectibility, PPAP) like the others. Their schedule carries principal only; the
-- KSPPS's bagi hasil of a period is added to that period's instalment only when the member's
-- laporan usaha of the period has been approved (maker-checker), never at the projection.

ALTER TABLE loan_products DROP CONSTRAINT loan_products_akad_check;
ALTER TABLE loan_products ADD CONSTRAINT loan_products_akad_check
  CHECK (akad IN ('conventional', 'murabahah', 'ijarah', 'qardh', 'mudharabah', 'musyarakah'));
ALTER TABLE loan_products DROP CONSTRAINT loan_products_method_check;
ALTER TABLE loan_products ADD CONSTRAINT loan_products_method_check
  CHECK (method IN ('flat', 'effective', 'annuity', 'murabahah', 'ijarah', 'qardh', 'mudharabah', 'musyarakah'));
-- no rate on a profit-sharing akad: the return is the realised result by nisbah (fatwa 07/08)
ALTER TABLE loan_products ADD CONSTRAINT loan_products_profit_sharing_no_rate
  CHECK (method NOT IN ('mudharabah', 'musyarakah') OR rate_percent = 0);
ALTER TABLE loans DROP CONSTRAINT loans_akad_check;
ALTER TABLE loans ADD CONSTRAINT loans_akad_check
  CHECK (akad IN ('conventional', 'murabahah', 'ijarah', 'qardh', 'mudharabah', 'musyarakah'));

-- The akad's terms, agreed on the application and fixed at disbursement (the nisbah changes only
-- by a new agreement). Musyarakah: the KSPPS's capital is the financing's amount, the member's
-- own capital is stated here; losses are shared by these capitals.
CREATE TABLE financing_profit_sharing (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  application_id bigint NOT NULL,
  loan_id bigint,
  kind text NOT NULL CHECK (kind IN ('mudharabah', 'musyarakah')),
  nisbah_kspps_percent numeric(7, 4) NOT NULL CHECK (nisbah_kspps_percent > 0 AND nisbah_kspps_percent < 100),
  basis text NOT NULL CHECK (basis IN ('profit', 'revenue')),
  -- projected result per period: appraisal and display only, never billed
  projected_result_rupiah bigint NOT NULL CHECK (projected_result_rupiah >= 0),
  member_capital_rupiah bigint NOT NULL DEFAULT 0 CHECK (member_capital_rupiah >= 0),
  -- mudharabah: the cumulative loss carried into the next period (a magnitude)
  carried_loss_rupiah bigint NOT NULL DEFAULT 0 CHECK (carried_loss_rupiah >= 0),
  -- the losses the KSPPS bore (musyarakah share of each loss; mudharabah at maturity)
  kspps_loss_rupiah bigint NOT NULL DEFAULT 0 CHECK (kspps_loss_rupiah >= 0),
  -- mudharabah: a loss beyond the principal still owed at maturity (already repaid), not claimed
  unabsorbed_loss_rupiah bigint NOT NULL DEFAULT 0 CHECK (unabsorbed_loss_rupiah >= 0),
  -- the member's negligence, established by an officer and approved: the member bears the loss
  negligence_reason text CHECK (length(negligence_reason) BETWEEN 5 AND 500),
  negligence_approval_id bigint,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, application_id),
  UNIQUE (cooperative_id, loan_id),
  FOREIGN KEY (cooperative_id, application_id) REFERENCES loan_applications (cooperative_id, id),
  FOREIGN KEY (cooperative_id, loan_id) REFERENCES loans (cooperative_id, id),
  FOREIGN KEY (cooperative_id, negligence_approval_id) REFERENCES approvals (organization_id, id),
  CHECK (kind = 'mudharabah' OR (member_capital_rupiah > 0 AND basis = 'profit')),
  CHECK (kind = 'musyarakah' OR member_capital_rupiah = 0),
  CHECK ((negligence_reason IS NULL) = (negligence_approval_id IS NULL))
);

-- The member's approved laporan usaha, one per period (the entry waits as a maker-checker request
-- until a second person approves it). Posted once; never edited.
CREATE TABLE financing_reports (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  loan_id bigint NOT NULL,
  period_no integer NOT NULL CHECK (period_no >= 1),
  -- realised profit (or revenue) of the period; negative = loss
  result_rupiah bigint NOT NULL CHECK (result_rupiah BETWEEN -999999999999999 AND 999999999999999),
  note text CHECK (length(note) <= 500),
  carried_loss_before_rupiah bigint NOT NULL CHECK (carried_loss_before_rupiah >= 0),
  carried_loss_after_rupiah bigint NOT NULL CHECK (carried_loss_after_rupiah >= 0),
  kspps_share_rupiah bigint NOT NULL CHECK (kspps_share_rupiah >= 0),
  member_share_rupiah bigint NOT NULL CHECK (member_share_rupiah >= 0),
  kspps_loss_rupiah bigint NOT NULL DEFAULT 0 CHECK (kspps_loss_rupiah >= 0),
  member_loss_rupiah bigint NOT NULL DEFAULT 0 CHECK (member_loss_rupiah >= 0),
  approval_id bigint NOT NULL,
  entered_by uuid REFERENCES users (id),
  approved_by uuid REFERENCES users (id),
  -- the bagi hasil journal (none when the share is 0) and the loss journal, if any
  entry_id bigint,
  loss_entry_id bigint,
  approved_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, loan_id, period_no),
  FOREIGN KEY (cooperative_id, loan_id) REFERENCES loans (cooperative_id, id),
  FOREIGN KEY (cooperative_id, approval_id) REFERENCES approvals (organization_id, id),
  FOREIGN KEY (cooperative_id, entry_id) REFERENCES journal_entries (cooperative_id, id),
  FOREIGN KEY (cooperative_id, loss_entry_id) REFERENCES journal_entries (cooperative_id, id),
  CHECK (entered_by IS DISTINCT FROM approved_by)
);

ALTER TABLE financing_profit_sharing ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON financing_profit_sharing USING (cooperative_id = sokoguru_current_org());
ALTER TABLE financing_reports ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON financing_reports USING (cooperative_id = sokoguru_current_org());
