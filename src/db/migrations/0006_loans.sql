-- 0006 loans and sharia financing: products, applications, loans with versioned schedules,
-- repayments, collectibility snapshots, provisions, write-offs and recoveries, month-end runs
-- (idempotent and resumable per cooperative and month) and a message outbox for reminders.
-- Amounts are whole rupiah (bigint); rates are exact decimals (numeric), never floats.

CREATE TABLE loan_products (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  code text NOT NULL CHECK (code ~ '^[A-Z0-9-]{1,20}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  -- 'conventional' or the sharia contract (akad)
  akad text NOT NULL CHECK (akad IN ('conventional', 'murabahah', 'ijarah', 'qardh')),
  method text NOT NULL CHECK (method IN ('flat', 'effective', 'annuity', 'murabahah', 'ijarah', 'qardh')),
  -- percent per rate_period, exact (1.5 = 1.5 % per month); margin / ujrah rate for sharia
  rate_percent numeric(9, 6) NOT NULL CHECK (rate_percent >= 0 AND rate_percent <= 100),
  rate_period text NOT NULL CHECK (rate_period IN ('day', 'week', 'month', 'year')),
  frequency text NOT NULL DEFAULT 'monthly' CHECK (frequency IN ('monthly', 'weekly', 'daily')),
  min_amount_rupiah bigint NOT NULL CHECK (min_amount_rupiah > 0),
  max_amount_rupiah bigint NOT NULL CHECK (max_amount_rupiah <= 999999999999999),
  min_tenor integer NOT NULL CHECK (min_tenor >= 1),
  max_tenor integer NOT NULL CHECK (max_tenor <= 1000),
  provisi_bps integer NOT NULL DEFAULT 0 CHECK (provisi_bps BETWEEN 0 AND 1000),
  admin_fee_rupiah bigint NOT NULL DEFAULT 0 CHECK (admin_fee_rupiah >= 0),
  grace_principal_periods integer NOT NULL DEFAULT 0 CHECK (grace_principal_periods >= 0),
  down_payment_bps integer NOT NULL DEFAULT 0 CHECK (down_payment_bps BETWEEN 0 AND 10000),
  round_instalment_to integer NOT NULL DEFAULT 1 CHECK (round_instalment_to IN (1, 100, 500, 1000)),
  penalty_kind text NOT NULL DEFAULT 'none' CHECK (penalty_kind IN ('none', 'daily_percent', 'fixed')),
  -- percent of the overdue instalment per day, exact (0.1 = 0.1 % per day)
  penalty_daily_percent numeric(9, 6) NOT NULL DEFAULT 0 CHECK (penalty_daily_percent >= 0 AND penalty_daily_percent <= 10),
  penalty_fixed_rupiah bigint NOT NULL DEFAULT 0 CHECK (penalty_fixed_rupiah >= 0),
  penalty_grace_days integer NOT NULL DEFAULT 0 CHECK (penalty_grace_days BETWEEN 0 AND 90),
  -- no more penalty per instalment than the instalment itself
  penalty_capped_at_instalment boolean NOT NULL DEFAULT true,
  early_payoff_rule text NOT NULL DEFAULT 'interest_to_date'
    CHECK (early_payoff_rule IN ('interest_to_date', 'months_interest', 'percent_penalty', 'remaining_margin')),
  early_payoff_months integer NOT NULL DEFAULT 0 CHECK (early_payoff_months BETWEEN 0 AND 12),
  early_payoff_bps integer NOT NULL DEFAULT 0 CHECK (early_payoff_bps BETWEEN 0 AND 1000),
  deferral_interest_rule text NOT NULL DEFAULT 'accrue_spread'
    CHECK (deferral_interest_rule IN ('paused', 'accrue_spread', 'paid')),
  restructure_probation_instalments integer NOT NULL DEFAULT 3 CHECK (restructure_probation_instalments BETWEEN 0 AND 24),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, code),
  CHECK (min_amount_rupiah <= max_amount_rupiah AND min_tenor <= max_tenor),
  -- the method follows the contract: sharia contracts have their own method, no interest methods
  CHECK ((akad = 'conventional') = (method IN ('flat', 'effective', 'annuity'))),
  CHECK (akad = 'conventional' OR method = akad),
  CHECK (method <> 'qardh' OR rate_percent = 0)
);

CREATE TABLE loan_number_counters (
  cooperative_id uuid PRIMARY KEY REFERENCES organizations (id),
  last_number bigint NOT NULL CHECK (last_number > 0)
);

CREATE TABLE loan_applications (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  member_id bigint NOT NULL,
  product_id bigint NOT NULL,
  amount_rupiah bigint NOT NULL CHECK (amount_rupiah > 0 AND amount_rupiah <= 999999999999999),
  tenor integer NOT NULL CHECK (tenor BETWEEN 1 AND 1000),
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 3 AND 500),
  -- [{ "kind": "BPKB motor", "description": "…", "valueRupiah": "15000000" }, …]
  collateral jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(collateral) = 'array'),
  collateral_value_rupiah bigint NOT NULL DEFAULT 0 CHECK (collateral_value_rupiah >= 0),
  guarantor jsonb CHECK (guarantor IS NULL OR jsonb_typeof(guarantor) = 'object'),
  monthly_income_rupiah bigint NOT NULL DEFAULT 0 CHECK (monthly_income_rupiah >= 0),
  monthly_expenses_rupiah bigint NOT NULL DEFAULT 0 CHECK (monthly_expenses_rupiah >= 0),
  analysis_notes text CHECK (length(analysis_notes) <= 4000),
  recommendation text CHECK (recommendation IN ('approve', 'reject')),
  -- the loan this one tops up (its outstanding is settled from the new disbursement)
  top_up_of bigint,
  status text NOT NULL DEFAULT 'submitted'
    CHECK (status IN ('submitted', 'analysed', 'pending_approval', 'approved', 'rejected', 'disbursed', 'cancelled')),
  officer_user_id uuid REFERENCES users (id),
  approval_id bigint,
  decided_at timestamptz,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id),
  FOREIGN KEY (cooperative_id, product_id) REFERENCES loan_products (cooperative_id, id),
  FOREIGN KEY (cooperative_id, approval_id) REFERENCES approvals (organization_id, id)
);
CREATE INDEX loan_applications_status_idx ON loan_applications (cooperative_id, status);

CREATE TABLE loans (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  loan_number text NOT NULL CHECK (loan_number ~ '^[0-9A-Z./-]{1,30}$'),
  application_id bigint,
  member_id bigint NOT NULL,
  product_id bigint NOT NULL,
  branch_id bigint,
  officer_user_id uuid REFERENCES users (id),
  akad text NOT NULL CHECK (akad IN ('conventional', 'murabahah', 'ijarah', 'qardh')),
  method text NOT NULL,
  rate_percent numeric(9, 6) NOT NULL,
  rate_period text NOT NULL,
  frequency text NOT NULL CHECK (frequency IN ('monthly', 'weekly', 'daily')),
  tenor integer NOT NULL CHECK (tenor >= 1),
  principal_rupiah bigint NOT NULL CHECK (principal_rupiah > 0),
  -- murabahah margin / ijarah ujrah agreed at signing (never changes afterwards)
  margin_total_rupiah bigint NOT NULL DEFAULT 0 CHECK (margin_total_rupiah >= 0),
  provisi_rupiah bigint NOT NULL DEFAULT 0 CHECK (provisi_rupiah >= 0),
  admin_fee_rupiah bigint NOT NULL DEFAULT 0 CHECK (admin_fee_rupiah >= 0),
  disbursed_on date NOT NULL,
  maturity_on date NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paid_off', 'written_off')),
  schedule_version integer NOT NULL DEFAULT 1 CHECK (schedule_version >= 1),
  -- maintained sub-ledger figures (the journal is the truth; verify compares)
  outstanding_principal_rupiah bigint NOT NULL CHECK (outstanding_principal_rupiah >= 0),
  -- interest/margin of the current schedule not yet paid (contractual, due or not)
  outstanding_interest_rupiah bigint NOT NULL DEFAULT 0 CHECK (outstanding_interest_rupiah >= 0),
  -- interest accrued at month-ends into interestReceivable and not yet paid
  accrued_interest_rupiah bigint NOT NULL DEFAULT 0 CHECK (accrued_interest_rupiah >= 0),
  penalty_due_rupiah bigint NOT NULL DEFAULT 0 CHECK (penalty_due_rupiah >= 0),
  -- titipan: overpayment kept for the next instalment
  prepaid_rupiah bigint NOT NULL DEFAULT 0 CHECK (prepaid_rupiah >= 0),
  collateral_value_rupiah bigint NOT NULL DEFAULT 0 CHECK (collateral_value_rupiah >= 0),
  -- the oldest unpaid due date of the current schedule (NULL when nothing is unpaid): days past
  -- due are computed from it set-based, without reading schedules
  oldest_unpaid_due_on date,
  days_past_due integer NOT NULL DEFAULT 0 CHECK (days_past_due >= 0),
  collectibility text NOT NULL DEFAULT 'L' CHECK (collectibility IN ('L', 'KL', 'D', 'M')),
  -- an officer's manual downgrade (never an automatic upgrade past it)
  manual_collectibility text CHECK (manual_collectibility IN ('KL', 'D', 'M')),
  manual_collectibility_reason text CHECK (length(manual_collectibility_reason) <= 500),
  -- restructured: the class at restructuring holds until this many instalments were paid on time
  restructured_floor text CHECK (restructured_floor IN ('L', 'KL', 'D', 'M')),
  probation_remaining integer NOT NULL DEFAULT 0 CHECK (probation_remaining >= 0),
  restructure_count integer NOT NULL DEFAULT 0,
  top_up_of bigint,
  closed_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, loan_number),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id),
  FOREIGN KEY (cooperative_id, product_id) REFERENCES loan_products (cooperative_id, id),
  FOREIGN KEY (cooperative_id, application_id) REFERENCES loan_applications (cooperative_id, id),
  FOREIGN KEY (cooperative_id, branch_id) REFERENCES branches (cooperative_id, id),
  FOREIGN KEY (cooperative_id, top_up_of) REFERENCES loans (cooperative_id, id),
  CHECK (status <> 'paid_off' OR (outstanding_principal_rupiah = 0 AND closed_on IS NOT NULL))
);
CREATE INDEX loans_member_idx ON loans (cooperative_id, member_id);
CREATE INDEX loans_active_idx ON loans (cooperative_id, status, collectibility);
CREATE INDEX loans_officer_idx ON loans (cooperative_id, officer_user_id) WHERE status = 'active';
ALTER TABLE loan_applications ADD CONSTRAINT loan_applications_top_up_fk
  FOREIGN KEY (cooperative_id, top_up_of) REFERENCES loans (cooperative_id, id);

-- Schedule versions: restructuring adds a version; old versions (and what was paid on them) stay.
CREATE TABLE loan_schedule_versions (
  cooperative_id uuid NOT NULL,
  loan_id bigint NOT NULL,
  schedule_version integer NOT NULL CHECK (schedule_version >= 1),
  reason text NOT NULL CHECK (reason IN ('original', 'reschedule', 'recondition', 'restructure', 'deferral')),
  effective_on date NOT NULL,
  params jsonb NOT NULL DEFAULT '{}',
  approval_id bigint,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, loan_id, schedule_version),
  FOREIGN KEY (cooperative_id, loan_id) REFERENCES loans (cooperative_id, id),
  FOREIGN KEY (cooperative_id, approval_id) REFERENCES approvals (organization_id, id)
);

CREATE TABLE loan_schedules (
  cooperative_id uuid NOT NULL,
  loan_id bigint NOT NULL,
  schedule_version integer NOT NULL,
  instalment_no integer NOT NULL CHECK (instalment_no >= 1),
  due_on date NOT NULL,
  principal_rupiah bigint NOT NULL CHECK (principal_rupiah >= 0),
  interest_rupiah bigint NOT NULL CHECK (interest_rupiah >= 0),
  paid_principal_rupiah bigint NOT NULL DEFAULT 0 CHECK (paid_principal_rupiah >= 0),
  paid_interest_rupiah bigint NOT NULL DEFAULT 0 CHECK (paid_interest_rupiah >= 0),
  -- penalty charged on this instalment by month-ends (denda), and what of it was paid
  penalty_rupiah bigint NOT NULL DEFAULT 0 CHECK (penalty_rupiah >= 0),
  paid_penalty_rupiah bigint NOT NULL DEFAULT 0 CHECK (paid_penalty_rupiah >= 0),
  paid_on date,
  PRIMARY KEY (cooperative_id, loan_id, schedule_version, instalment_no),
  FOREIGN KEY (cooperative_id, loan_id, schedule_version) REFERENCES loan_schedule_versions (cooperative_id, loan_id, schedule_version),
  CHECK (paid_principal_rupiah <= principal_rupiah AND paid_interest_rupiah <= interest_rupiah AND paid_penalty_rupiah <= penalty_rupiah)
);
-- month-end reads instalments falling due or overdue; fully paid ones drop out of the index
CREATE INDEX loan_schedules_unpaid_idx ON loan_schedules (cooperative_id, due_on) WHERE paid_on IS NULL;

CREATE TABLE loan_repayments (
  cooperative_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  loan_id bigint NOT NULL,
  paid_on date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('instalment', 'early_payoff', 'top_up_settlement', 'recovery')),
  channel text NOT NULL CHECK (channel IN ('cash', 'savings', 'disbursement')),
  amount_rupiah bigint NOT NULL CHECK (amount_rupiah > 0),
  penalty_rupiah bigint NOT NULL DEFAULT 0 CHECK (penalty_rupiah >= 0),
  interest_rupiah bigint NOT NULL DEFAULT 0 CHECK (interest_rupiah >= 0),
  principal_rupiah bigint NOT NULL DEFAULT 0 CHECK (principal_rupiah >= 0),
  prepaid_rupiah bigint NOT NULL DEFAULT 0 CHECK (prepaid_rupiah >= 0),
  -- early payoff: interest forgone (discount, muqasah) or charged (penalty) by the product's rule
  discount_rupiah bigint NOT NULL DEFAULT 0 CHECK (discount_rupiah >= 0),
  cash_session_id bigint,
  entry_id bigint NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, loan_id) REFERENCES loans (cooperative_id, id),
  FOREIGN KEY (cooperative_id, cash_session_id) REFERENCES cash_sessions (cooperative_id, id),
  FOREIGN KEY (cooperative_id, entry_id) REFERENCES journal_entries (cooperative_id, id),
  CHECK (penalty_rupiah + interest_rupiah + principal_rupiah + prepaid_rupiah <= amount_rupiah)
);
CREATE INDEX loan_repayments_loan_idx ON loan_repayments (cooperative_id, loan_id, paid_on);
CREATE INDEX loan_repayments_date_idx ON loan_repayments (cooperative_id, paid_on);

CREATE TABLE loan_disbursements (
  cooperative_id uuid NOT NULL,
  loan_id bigint NOT NULL,
  disbursed_on date NOT NULL,
  channel text NOT NULL CHECK (channel IN ('cash', 'savings')),
  gross_rupiah bigint NOT NULL CHECK (gross_rupiah > 0),
  fees_rupiah bigint NOT NULL CHECK (fees_rupiah >= 0),
  settled_top_up_rupiah bigint NOT NULL DEFAULT 0 CHECK (settled_top_up_rupiah >= 0),
  net_rupiah bigint NOT NULL CHECK (net_rupiah >= 0),
  cash_session_id bigint,
  entry_id bigint NOT NULL,
  PRIMARY KEY (cooperative_id, loan_id),
  FOREIGN KEY (cooperative_id, loan_id) REFERENCES loans (cooperative_id, id),
  FOREIGN KEY (cooperative_id, cash_session_id) REFERENCES cash_sessions (cooperative_id, id),
  FOREIGN KEY (cooperative_id, entry_id) REFERENCES journal_entries (cooperative_id, id),
  CHECK (net_rupiah = gross_rupiah - fees_rupiah - settled_top_up_rupiah)
);
CREATE INDEX loan_disbursements_date_idx ON loan_disbursements (cooperative_id, disbursed_on);

-- Credit committee limits: the most a holder of a role may approve (no row: no limit for the role).
CREATE TABLE loan_approval_limits (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  role text NOT NULL CHECK (role ~ '^[a-z_]{2,40}$'),
  max_amount_rupiah bigint NOT NULL CHECK (max_amount_rupiah > 0),
  PRIMARY KEY (cooperative_id, role)
);

-- Dated collectibility day-bands and provision rates per cooperative (defaults when none).
CREATE TABLE loan_risk_settings (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  effective_from date NOT NULL,
  frequency text NOT NULL CHECK (frequency IN ('monthly', 'weekly', 'daily')),
  kl_from_days integer NOT NULL CHECK (kl_from_days > 0),
  d_from_days integer NOT NULL,
  m_from_days integer NOT NULL,
  lancar_bps integer NOT NULL CHECK (lancar_bps BETWEEN 0 AND 10000),
  kl_bps integer NOT NULL CHECK (kl_bps BETWEEN 0 AND 10000),
  d_bps integer NOT NULL CHECK (d_bps BETWEEN 0 AND 10000),
  m_bps integer NOT NULL CHECK (m_bps BETWEEN 0 AND 10000),
  PRIMARY KEY (cooperative_id, frequency, effective_from),
  CHECK (kl_from_days < d_from_days AND d_from_days < m_from_days)
);

-- Collectibility per loan and day (daily refresh and each month-end).
CREATE TABLE loan_collectibility (
  cooperative_id uuid NOT NULL,
  as_of date NOT NULL,
  loan_id bigint NOT NULL,
  days_past_due integer NOT NULL,
  collectibility text NOT NULL CHECK (collectibility IN ('L', 'KL', 'D', 'M')),
  outstanding_rupiah bigint NOT NULL,
  collateral_value_rupiah bigint NOT NULL,
  PRIMARY KEY (cooperative_id, as_of, loan_id),
  FOREIGN KEY (cooperative_id, loan_id) REFERENCES loans (cooperative_id, id)
);

-- Required provision (PPAPWD) per month and class, and what month-end posted to reach it.
CREATE TABLE loan_provisions (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  collectibility text NOT NULL CHECK (collectibility IN ('L', 'KL', 'D', 'M')),
  loans integer NOT NULL,
  outstanding_rupiah bigint NOT NULL,
  base_rupiah bigint NOT NULL,
  rate_bps integer NOT NULL,
  required_rupiah bigint NOT NULL,
  PRIMARY KEY (cooperative_id, period, collectibility)
);

-- Interest accrued and penalties charged per loan and month (the month-end's sub-ledger).
CREATE TABLE loan_accruals (
  cooperative_id uuid NOT NULL,
  period text NOT NULL,
  loan_id bigint NOT NULL,
  interest_rupiah bigint NOT NULL DEFAULT 0 CHECK (interest_rupiah >= 0),
  penalty_rupiah bigint NOT NULL DEFAULT 0 CHECK (penalty_rupiah >= 0),
  PRIMARY KEY (cooperative_id, period, loan_id),
  FOREIGN KEY (cooperative_id, loan_id) REFERENCES loans (cooperative_id, id)
);

CREATE TABLE loan_restructurings (
  cooperative_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  loan_id bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('reschedule', 'recondition', 'restructure', 'deferral', 'penalty_waiver')),
  from_version integer NOT NULL,
  to_version integer,
  params jsonb NOT NULL,
  effective_on date NOT NULL,
  approval_id bigint,
  entry_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, loan_id) REFERENCES loans (cooperative_id, id),
  FOREIGN KEY (cooperative_id, approval_id) REFERENCES approvals (organization_id, id),
  FOREIGN KEY (cooperative_id, entry_id) REFERENCES journal_entries (cooperative_id, id)
);

-- Hapus buku: the loan leaves the balance sheet against PPAP; the claim stays (memorandum).
CREATE TABLE loan_write_offs (
  cooperative_id uuid NOT NULL,
  loan_id bigint NOT NULL,
  written_off_on date NOT NULL,
  principal_rupiah bigint NOT NULL CHECK (principal_rupiah > 0),
  accrued_interest_rupiah bigint NOT NULL DEFAULT 0 CHECK (accrued_interest_rupiah >= 0),
  -- off-balance claim still owed by the member (principal + unpaid interest + penalties)
  claim_rupiah bigint NOT NULL CHECK (claim_rupiah >= 0),
  recovered_rupiah bigint NOT NULL DEFAULT 0 CHECK (recovered_rupiah >= 0),
  reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  approval_id bigint,
  entry_id bigint NOT NULL,
  PRIMARY KEY (cooperative_id, loan_id),
  FOREIGN KEY (cooperative_id, loan_id) REFERENCES loans (cooperative_id, id),
  FOREIGN KEY (cooperative_id, approval_id) REFERENCES approvals (organization_id, id),
  FOREIGN KEY (cooperative_id, entry_id) REFERENCES journal_entries (cooperative_id, id),
  CHECK (recovered_rupiah <= claim_rupiah)
);

-- Month-end close per cooperative and month: each step commits with its effects and is recorded,
-- so a second run changes nothing and a crashed run resumes at the first unrecorded step.
CREATE TABLE month_end_runs (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done')),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  PRIMARY KEY (cooperative_id, period)
);
CREATE TABLE month_end_steps (
  cooperative_id uuid NOT NULL,
  period text NOT NULL,
  step text NOT NULL CHECK (step ~ '^[a-z][a-z0-9-]{1,40}$'),
  done_at timestamptz NOT NULL DEFAULT now(),
  result jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (cooperative_id, period, step),
  FOREIGN KEY (cooperative_id, period) REFERENCES month_end_runs (cooperative_id, period)
);

-- Messages to members (reminders), sent by a pluggable transport; dedupe_key keeps one per cause.
CREATE TABLE message_outbox (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  member_id bigint,
  channel text NOT NULL CHECK (channel IN ('sms', 'whatsapp', 'console')),
  recipient text CHECK (length(recipient) <= 100),
  template text NOT NULL CHECK (template ~ '^[a-z][a-z0-9.-]{1,60}$'),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  dedupe_key text NOT NULL CHECK (length(dedupe_key) <= 200),
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts BETWEEN 0 AND 20),
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  last_error text CHECK (length(last_error) <= 500),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, dedupe_key),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id)
);
CREATE INDEX message_outbox_queued_idx ON message_outbox (cooperative_id, id) WHERE status = 'queued';

ALTER TABLE loan_products ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_products USING (cooperative_id = sokoguru_current_org());
ALTER TABLE loan_number_counters ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_number_counters USING (cooperative_id = sokoguru_current_org());
ALTER TABLE loan_applications ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_applications USING (cooperative_id = sokoguru_current_org());
ALTER TABLE loans ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loans USING (cooperative_id = sokoguru_current_org());
ALTER TABLE loan_schedule_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_schedule_versions USING (cooperative_id = sokoguru_current_org());
ALTER TABLE loan_schedules ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_schedules USING (cooperative_id = sokoguru_current_org());
ALTER TABLE loan_repayments ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_repayments USING (cooperative_id = sokoguru_current_org());
ALTER TABLE loan_disbursements ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_disbursements USING (cooperative_id = sokoguru_current_org());
ALTER TABLE loan_approval_limits ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_approval_limits USING (cooperative_id = sokoguru_current_org());
ALTER TABLE loan_risk_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_risk_settings USING (cooperative_id = sokoguru_current_org());
ALTER TABLE loan_collectibility ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_collectibility USING (cooperative_id = sokoguru_current_org());
ALTER TABLE loan_provisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_provisions USING (cooperative_id = sokoguru_current_org());
ALTER TABLE loan_accruals ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_accruals USING (cooperative_id = sokoguru_current_org());
ALTER TABLE loan_restructurings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_restructurings USING (cooperative_id = sokoguru_current_org());
ALTER TABLE loan_write_offs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_write_offs USING (cooperative_id = sokoguru_current_org());
ALTER TABLE month_end_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON month_end_runs USING (cooperative_id = sokoguru_current_org());
ALTER TABLE month_end_steps ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON month_end_steps USING (cooperative_id = sokoguru_current_org());
ALTER TABLE message_outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON message_outbox USING (cooperative_id = sokoguru_current_org());
