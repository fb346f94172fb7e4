-- 0022 Baitul maal (issue 21 item 5; docs/domain/baitul-maal.md): the social funds a sharia
-- cooperative (KSPPS/BMT) keeps apart from its business (tamwil) books — zakat, infaq/sedekah,
-- wakaf uang and dana kebajikan. Each fund has its own ledger accounts (the fund, a liability, and
-- its own cash/bank sub-account); receipts and distributions are rows here, each posted as a
-- balanced journal in the same transaction. PSAK 101 ¶71–75: zakat funds never cover a loss of the
-- business; non-halal receipts (bank interest, jasa giro) and ta'zir are dana kebajikan, not income.

-- The cooperative's amil status: acting as amil zakat needs a permit (UU 23/2011 Pasal 38 and 41):
-- its own LAZ permit, a UPZ of BAZNAS, or none (zakat received is passed on to BAZNAS/LAZ).
CREATE TABLE baitul_maal_settings (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  amil_status text NOT NULL CHECK (amil_status IN ('laz', 'upz', 'none')),
  reference_number text CHECK (length(reference_number) BETWEEN 1 AND 100),
  reference_date date,
  -- who zakat is passed on to when the cooperative is not an amil itself (BAZNAS Kota Pekalongan …)
  forwarded_to text CHECK (length(forwarded_to) BETWEEN 2 AND 200),
  updated_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id),
  -- a permit or a UPZ decree has a number and a date; "none" names where zakat goes
  CHECK (amil_status = 'none' OR (reference_number IS NOT NULL AND reference_date IS NOT NULL)),
  CHECK (amil_status <> 'none' OR forwarded_to IS NOT NULL)
);

-- The funds and their accounts: the fund balance (kewajiban) and the fund's own cash/bank.
CREATE TABLE baitul_maal_funds (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  fund text NOT NULL CHECK (fund IN ('zakat', 'infaq', 'wakaf', 'kebajikan')),
  fund_account_id bigint NOT NULL,
  cash_account_id bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, fund),
  UNIQUE (cooperative_id, fund_account_id),
  UNIQUE (cooperative_id, cash_account_id),
  CHECK (fund_account_id <> cash_account_id),
  FOREIGN KEY (cooperative_id, fund_account_id) REFERENCES accounts (cooperative_id, id),
  FOREIGN KEY (cooperative_id, cash_account_id) REFERENCES accounts (cooperative_id, id)
);

CREATE TABLE baitul_maal_receipts (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  fund text NOT NULL,
  receipt_date date NOT NULL,
  -- member / public: zakat, infaq or wakaf given; internal: the cooperative's own zakat;
  -- non_halal: bank interest, jasa giro; wakaf_yield: the yield of wakaf; qardh_repaid: a
  -- qardhul hasan paid back
  source text NOT NULL CHECK (source IN ('member', 'public', 'internal', 'non_halal', 'wakaf_yield', 'qardh_repaid')),
  member_id bigint,
  giver_name text NOT NULL CHECK (length(giver_name) BETWEEN 2 AND 200),
  amount_rupiah bigint NOT NULL CHECK (amount_rupiah > 0),
  cash_account_id bigint NOT NULL,
  description text NOT NULL CHECK (length(description) BETWEEN 3 AND 300),
  entry_id bigint NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, entry_id),
  FOREIGN KEY (cooperative_id, fund) REFERENCES baitul_maal_funds (cooperative_id, fund),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id),
  FOREIGN KEY (cooperative_id, cash_account_id) REFERENCES accounts (cooperative_id, id),
  FOREIGN KEY (cooperative_id, entry_id) REFERENCES journal_entries (cooperative_id, id),
  CHECK (source <> 'member' OR member_id IS NOT NULL),
  -- non-halal money and the yield of wakaf are dana kebajikan, never income (PSAK 101, PAPSI)
  CHECK (source NOT IN ('non_halal', 'wakaf_yield', 'qardh_repaid') OR fund = 'kebajikan'),
  CHECK (source <> 'internal' OR fund = 'zakat')
);
CREATE INDEX baitul_maal_receipts_date_idx ON baitul_maal_receipts (cooperative_id, fund, receipt_date);

CREATE TABLE baitul_maal_distributions (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  fund text NOT NULL,
  distribution_date date NOT NULL,
  -- QS At-Taubah 60: the eight asnaf, for zakat only
  asnaf text CHECK (asnaf IN ('fakir', 'miskin', 'amil', 'mualaf', 'riqab', 'gharimin', 'fisabilillah', 'ibnu_sabil')),
  -- infaq and kebajikan: what it was for (sumbangan, qardhul hasan, pendidikan …)
  purpose text CHECK (purpose IN ('sumbangan_sosial', 'qardhul_hasan', 'pendidikan', 'kesehatan', 'bencana', 'ibadah', 'lainnya')),
  member_id bigint,
  recipient_name text NOT NULL CHECK (length(recipient_name) BETWEEN 2 AND 200),
  amount_rupiah bigint NOT NULL CHECK (amount_rupiah > 0),
  cash_account_id bigint NOT NULL,
  description text NOT NULL CHECK (length(description) BETWEEN 3 AND 300),
  entry_id bigint NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, id),
  UNIQUE (cooperative_id, entry_id),
  FOREIGN KEY (cooperative_id, fund) REFERENCES baitul_maal_funds (cooperative_id, fund),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id),
  FOREIGN KEY (cooperative_id, cash_account_id) REFERENCES accounts (cooperative_id, id),
  FOREIGN KEY (cooperative_id, entry_id) REFERENCES journal_entries (cooperative_id, id),
  -- wakaf principal is never distributed: only its yield, received into dana kebajikan
  CHECK (fund <> 'wakaf'),
  CHECK ((fund = 'zakat') = (asnaf IS NOT NULL)),
  CHECK (fund = 'zakat' OR purpose IS NOT NULL)
);
CREATE INDEX baitul_maal_distributions_date_idx ON baitul_maal_distributions (cooperative_id, fund, distribution_date);

ALTER TABLE baitul_maal_settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON baitul_maal_settings USING (cooperative_id = sokoguru_current_org());
ALTER TABLE baitul_maal_funds ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON baitul_maal_funds USING (cooperative_id = sokoguru_current_org());
ALTER TABLE baitul_maal_receipts ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON baitul_maal_receipts USING (cooperative_id = sokoguru_current_org());
ALTER TABLE baitul_maal_distributions ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON baitul_maal_distributions USING (cooperative_id = sokoguru_current_org());

-- Receipts and distributions are history: a mistake is reversed in the books, not edited here.
CREATE TRIGGER baitul_maal_receipts_immutable BEFORE UPDATE OR DELETE ON baitul_maal_receipts
  FOR EACH ROW EXECUTE FUNCTION ledger_immutable();
CREATE TRIGGER baitul_maal_distributions_immutable BEFORE UPDATE OR DELETE ON baitul_maal_distributions
  FOR EACH ROW EXECUTE FUNCTION ledger_immutable();

-- The funds' money never pays a business expense or becomes business income. An entry that takes
-- money out of a fund (debits the fund account or credits the fund's own cash) may not touch an
-- income (pendapatan) or expense (beban) account. Money INTO a fund is not limited here: ta'zir is
-- credited to dana kebajikan in the same entry as the margin of an instalment. A reversal only
-- undoes an entry that passed this check, so it is let through. Runs for every insert, including
-- those of ledger_post (current_user sokoguru_ledger), and costs one join with a table of at most
-- four rows per cooperative.
CREATE FUNCTION baitul_maal_funds_not_for_tamwil() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT n.entry_id, f.fund, a.code
    INTO bad
    FROM new_lines n
    JOIN baitul_maal_funds f
      ON f.cooperative_id = n.cooperative_id
     AND ((f.fund_account_id = n.account_id AND n.debit_rupiah > 0)
       OR (f.cash_account_id = n.account_id AND n.credit_rupiah > 0))
    JOIN journal_entries e ON e.cooperative_id = n.cooperative_id AND e.id = n.entry_id AND e.reversal_of IS NULL
    JOIN journal_lines l ON l.cooperative_id = n.cooperative_id AND l.entry_id = n.entry_id
    JOIN accounts a ON a.cooperative_id = l.cooperative_id AND a.id = l.account_id
   WHERE a.account_type IN ('pendapatan', 'beban')
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'baitul maal fund % may not move to business account % (journal entry %)',
      bad.fund, bad.code, bad.entry_id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER journal_lines_baitul_maal AFTER INSERT ON journal_lines
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT
  EXECUTE FUNCTION baitul_maal_funds_not_for_tamwil();

-- ledger_post inserts lines as sokoguru_ledger: the trigger reads the funds under that role (row
-- level security still scopes it to the cooperative in the transaction).
GRANT SELECT ON baitul_maal_funds TO sokoguru_ledger;
