-- 0025 Late payment of a KSPPS financing (issue 21 item 4; docs/domain/sharia-late-payment.md).
-- Ta'zir (denda) only on a member able to pay who delays (fatwa 17/DSN-MUI/IX/2000): an officer
-- marks a financing "tidak mampu" from a date with a reason and lifts it later; the month-end's
-- denda statement (src/db/loans/month-end.repo.ts, chargePenalties) charges nothing for the days
-- inside a marked interval. Ta'widh (fatwa 43/DSN-MUI/VIII/2004) only as itemised real collection
-- costs with evidence, charged to the member after a second person approves (maker-checker), and
-- paid with a repayment at the counter. Both tables are history: never edited, never deleted.

-- Marked / lifted, in the order recorded; the intervals are [marked.effective_on, next
-- lifted.effective_on). The service keeps the order (marked, lifted, marked, …) and the dates
-- non-decreasing; the month-end reads the intervals set-based.
CREATE TABLE loan_inability_events (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  loan_id bigint NOT NULL,
  event text NOT NULL CHECK (event IN ('marked', 'lifted')),
  effective_on date NOT NULL,
  reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 5 AND 500),
  recorded_by uuid NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, loan_id) REFERENCES loans (cooperative_id, id)
);
CREATE INDEX loan_inability_events_loan_idx ON loan_inability_events (cooperative_id, loan_id, id);

-- One real collection cost (biaya riil penagihan): date, what, how much, the evidence. Recorded
-- pending with its approval; the approval posts the cost and the charge and sets the entries.
CREATE TABLE loan_tawidh_items (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  loan_id bigint NOT NULL,
  incurred_on date NOT NULL,
  description text NOT NULL CHECK (length(btrim(description)) BETWEEN 5 AND 300),
  amount_rupiah bigint NOT NULL CHECK (amount_rupiah > 0 AND amount_rupiah <= 999999999999999),
  -- receipt / kuitansi / nota number of the cost
  evidence_ref text NOT NULL CHECK (length(btrim(evidence_ref)) BETWEEN 2 AND 100),
  -- where the cost was paid from (Cr of the cost entry)
  paid_from text NOT NULL CHECK (paid_from IN ('cash', 'bank')),
  approval_id bigint,
  -- Dr beban penagihan / Cr kas|bank and Dr piutang ta'widh / Cr beban penagihan, on approval
  cost_entry_id bigint,
  charge_entry_id bigint,
  charged_at timestamptz,
  recorded_by uuid NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, loan_id) REFERENCES loans (cooperative_id, id),
  FOREIGN KEY (cooperative_id, approval_id) REFERENCES approvals (organization_id, id),
  FOREIGN KEY (cooperative_id, cost_entry_id) REFERENCES journal_entries (cooperative_id, id),
  FOREIGN KEY (cooperative_id, charge_entry_id) REFERENCES journal_entries (cooperative_id, id),
  CHECK ((cost_entry_id IS NULL) = (charge_entry_id IS NULL)),
  CHECK ((charged_at IS NULL) = (charge_entry_id IS NULL)),
  CHECK (charge_entry_id IS NULL OR approval_id IS NOT NULL)
);
CREATE INDEX loan_tawidh_items_loan_idx ON loan_tawidh_items (cooperative_id, loan_id, id);

-- What the member paid on a charged item, with the repayment that carried it.
CREATE TABLE loan_tawidh_payments (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  item_id bigint NOT NULL,
  loan_id bigint NOT NULL,
  paid_on date NOT NULL,
  amount_rupiah bigint NOT NULL CHECK (amount_rupiah > 0),
  repayment_id bigint NOT NULL,
  entry_id bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  FOREIGN KEY (cooperative_id, item_id) REFERENCES loan_tawidh_items (cooperative_id, id),
  FOREIGN KEY (cooperative_id, loan_id) REFERENCES loans (cooperative_id, id),
  FOREIGN KEY (cooperative_id, repayment_id) REFERENCES loan_repayments (cooperative_id, id),
  FOREIGN KEY (cooperative_id, entry_id) REFERENCES journal_entries (cooperative_id, id)
);
CREATE INDEX loan_tawidh_payments_item_idx ON loan_tawidh_payments (cooperative_id, item_id);

ALTER TABLE loan_inability_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_inability_events USING (cooperative_id = sokoguru_current_org());
ALTER TABLE loan_tawidh_items ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_tawidh_items USING (cooperative_id = sokoguru_current_org());
ALTER TABLE loan_tawidh_payments ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON loan_tawidh_payments USING (cooperative_id = sokoguru_current_org());

CREATE TRIGGER loan_inability_events_immutable BEFORE UPDATE OR DELETE ON loan_inability_events
  FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
CREATE TRIGGER loan_tawidh_payments_immutable BEFORE UPDATE OR DELETE ON loan_tawidh_payments
  FOR EACH ROW EXECUTE FUNCTION ledger_immutable();

-- An item is never deleted and what was recorded never changes; only its approval link and, once,
-- the charge (entries and time) are filled in.
CREATE FUNCTION loan_tawidh_items_guard() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'ta''widh item % is history and cannot be deleted', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.loan_id <> OLD.loan_id OR NEW.incurred_on <> OLD.incurred_on OR NEW.description <> OLD.description
     OR NEW.amount_rupiah <> OLD.amount_rupiah OR NEW.evidence_ref <> OLD.evidence_ref OR NEW.paid_from <> OLD.paid_from
     OR NEW.recorded_by <> OLD.recorded_by OR NEW.recorded_at <> OLD.recorded_at
     OR (OLD.approval_id IS NOT NULL AND NEW.approval_id IS DISTINCT FROM OLD.approval_id)
     OR (OLD.charge_entry_id IS NOT NULL AND (NEW.charge_entry_id IS DISTINCT FROM OLD.charge_entry_id
         OR NEW.cost_entry_id IS DISTINCT FROM OLD.cost_entry_id OR NEW.charged_at IS DISTINCT FROM OLD.charged_at)) THEN
    RAISE EXCEPTION 'ta''widh item % cannot be edited', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER loan_tawidh_items_guard BEFORE UPDATE OR DELETE ON loan_tawidh_items
  FOR EACH ROW EXECUTE FUNCTION loan_tawidh_items_guard();
