-- 0033 Funding referrals (issue 16 item 7; docs/domain/supervision-funding.md): an office refers a
-- cooperative of its registry to a lender's programme (LPDB-KUMKM conventional or sharia, UMi) with
-- a numbered cover letter, and follows the outcome as a history of statuses. Keyed by the registry
-- row like 0018's registry_rats: region_code + registry_id with the jurisdiction policy. Nothing
-- here is changed or removed once written: a status is a new row.

-- A referral: the programme, the amount requested, the purpose, the day, the officer, the cover
-- letter's number (per office and year), and the readiness checklist as it stood that day.
CREATE TABLE funding_referrals (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  office_id uuid NOT NULL REFERENCES organizations (id),
  programme text NOT NULL CHECK (programme IN ('lpdb_konvensional', 'lpdb_syariah', 'umi')),
  amount_requested_rupiah bigint NOT NULL CHECK (amount_requested_rupiah BETWEEN 1 AND 1000000000000000),
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 2000),
  referred_on date NOT NULL,
  letter_year integer NOT NULL CHECK (letter_year BETWEEN 2000 AND 2200),
  letter_seq integer NOT NULL CHECK (letter_seq >= 1),
  letter_number text NOT NULL CHECK (length(letter_number) BETWEEN 1 AND 100),
  officer_user_id uuid REFERENCES users (id),
  officer_name text NOT NULL CHECK (length(officer_name) BETWEEN 1 AND 200),
  -- src/domain/supervision/funding-referral.ts `readiness` on the day referred
  readiness jsonb NOT NULL,
  audit_confirmed boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, id),
  UNIQUE (region_code, registry_id, id),
  -- two referrals at once cannot take one number: the second fails and is retried by the caller
  UNIQUE (office_id, letter_year, letter_seq),
  CHECK (letter_year = extract(year FROM referred_on)),
  FOREIGN KEY (region_code, registry_id) REFERENCES registry_cooperatives (region_code, id) ON UPDATE CASCADE
);
CREATE INDEX funding_referrals_region_idx ON funding_referrals (region_code, referred_on);

-- The outcome: one row per status, in order (seq 1 is 'referred', written with the referral).
-- Each status at most once per referral, so two changes racing for the same step cannot both land.
CREATE TABLE funding_referral_events (
  region_code text COLLATE "C" NOT NULL,
  registry_id bigint NOT NULL,
  referral_id bigint NOT NULL,
  seq smallint NOT NULL CHECK (seq BETWEEN 1 AND 10),
  status text NOT NULL CHECK (status IN ('referred', 'under_review', 'approved', 'rejected', 'disbursed')),
  status_on date NOT NULL,
  -- approved: the amount approved; disbursed: the amount disbursed
  amount_rupiah bigint CHECK (amount_rupiah BETWEEN 1 AND 1000000000000000),
  -- rejected: the lender's reason
  reason text CHECK (length(reason) BETWEEN 1 AND 2000),
  note text CHECK (length(note) BETWEEN 1 AND 2000),
  recorded_by uuid REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (registry_id, referral_id, seq),
  UNIQUE (registry_id, referral_id, status),
  CHECK ((status = 'referred') = (seq = 1)),
  CHECK ((status IN ('approved', 'disbursed')) = (amount_rupiah IS NOT NULL)),
  CHECK ((status = 'rejected') = (reason IS NOT NULL)),
  FOREIGN KEY (region_code, registry_id, referral_id)
    REFERENCES funding_referrals (region_code, registry_id, id) ON UPDATE CASCADE
);

-- Jurisdiction as in 0012 and 0018.
ALTER TABLE funding_referrals ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON funding_referrals
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
ALTER TABLE funding_referral_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY jurisdiction ON funding_referral_events
  USING (starts_with(region_code, (SELECT sokoguru_current_region())));
REVOKE UPDATE, DELETE ON funding_referrals FROM sokoguru_app;
REVOKE UPDATE, DELETE ON funding_referral_events FROM sokoguru_app;
