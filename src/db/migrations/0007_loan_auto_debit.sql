-- 0007 loan auto-debit from sukarela (surat kuasa debet): a per-loan mandate, set on the application
-- or later by staff, and one row per loan and run date so a run debits a loan at most once a day
-- (running twice debits once; a crashed run resumes with the loans it had not reached).

ALTER TABLE loan_applications ADD COLUMN auto_debit boolean NOT NULL DEFAULT false;
ALTER TABLE loans ADD COLUMN auto_debit boolean NOT NULL DEFAULT false;
-- the run walks only mandated active loans, by id (keyset pages)
CREATE INDEX loans_auto_debit_idx ON loans (cooperative_id, id) WHERE auto_debit AND status = 'active';

CREATE TABLE loan_auto_debits (
  cooperative_id uuid NOT NULL,
  loan_id bigint NOT NULL,
  run_on date NOT NULL,
  -- 'skipped': nothing could be taken (no account, blocked, dormant, nothing above the minimum);
  -- a later run on the same date tries again. 'debited' is final for the date.
  outcome text NOT NULL CHECK (outcome IN ('debited', 'skipped')),
  -- denda of every unpaid instalment + interest and principal of those due on or before run_on
  due_rupiah bigint NOT NULL CHECK (due_rupiah > 0),
  -- the account's balance above the product's minimum balance when the run looked
  available_rupiah bigint NOT NULL CHECK (available_rupiah >= 0),
  amount_rupiah bigint NOT NULL DEFAULT 0 CHECK (amount_rupiah >= 0 AND amount_rupiah <= due_rupiah),
  reason text CHECK (reason ~ '^[A-Z_]{3,60}$'),
  savings_account_id bigint,
  repayment_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, loan_id, run_on),
  FOREIGN KEY (cooperative_id, loan_id) REFERENCES loans (cooperative_id, id),
  FOREIGN KEY (cooperative_id, savings_account_id) REFERENCES savings_accounts (cooperative_id, id),
  FOREIGN KEY (cooperative_id, repayment_id) REFERENCES loan_repayments (cooperative_id, id),
  CHECK (CASE outcome
    WHEN 'debited' THEN repayment_id IS NOT NULL AND amount_rupiah > 0 AND reason IS NULL
    ELSE repayment_id IS NULL AND amount_rupiah = 0 AND reason IS NOT NULL END)
);
CREATE INDEX loan_auto_debits_run_idx ON loan_auto_debits (cooperative_id, run_on);

ALTER TABLE loan_auto_debits ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_auto_debits USING (cooperative_id = sokoguru_current_org());
