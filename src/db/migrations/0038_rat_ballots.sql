-- 0038 Verifiable secret ballots of the RAT (issue 17 item 5; docs/domain/rat-ballots.md, "Storage
-- and service"): per secret agenda item an election (its manifest, keyholders and keys), the key
-- ceremony relayed between the pengawas keyholders, the public hash-chained ballot board, the
-- registered pseudonyms, the keyholders' decryption shares. NO table here holds a member id beside a
-- pseudonym, a ballot or a tracker: who registered is kept apart (rat_ballot_voters), with a coarse
-- time, and the board's rows carry no time at all.

CREATE TABLE rat_elections (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  meeting_id bigint NOT NULL,
  item_seq smallint NOT NULL,
  -- the election id on the board (e.g. '<org>/rat-2025-1/agenda-5')
  election_id text NOT NULL CHECK (length(election_id) BETWEEN 3 AND 200),
  threshold smallint NOT NULL CHECK (threshold >= 1),
  trustees smallint NOT NULL CHECK (trustees BETWEEN 1 AND 32),
  -- the keyholders' user ids, keyholder i = position i of this JSON array (users with the pengawas role)
  keyholders jsonb NOT NULL CHECK (jsonb_typeof(keyholders) = 'array'),
  -- the manifest (board format): commitments and public key filled in once the ceremony is done
  manifest jsonb NOT NULL,
  verification_keys jsonb,
  status text NOT NULL DEFAULT 'setup'
    CHECK (status IN ('setup', 'ready', 'voting', 'closed', 'tallied')),
  -- the board's head: the next entry is head_seq + 1 after head_hash (locked with this row)
  head_seq integer NOT NULL DEFAULT -1 CHECK (head_seq >= -1),
  head_hash text,
  -- after the close: the encrypted totals the keyholders decrypt; after the tally: the tally JSON
  tally_ciphertexts jsonb,
  tally jsonb,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, meeting_id, item_seq),
  UNIQUE (cooperative_id, election_id),
  CHECK (threshold <= trustees),
  CHECK (jsonb_array_length(keyholders) = trustees),
  CHECK ((head_seq = -1) = (head_hash IS NULL)),
  CHECK ((status = 'tallied') = (tally IS NOT NULL)),
  FOREIGN KEY (cooperative_id, meeting_id, item_seq)
    REFERENCES rat_agenda_items (cooperative_id, meeting_id, seq)
);

-- The key ceremony relay: each keyholder (dealer) posts its Feldman commitments and, per other
-- keyholder, the share dealt to it as an opaque sealed string (see the docs: sealed in the
-- keyholder's browser; the server only relays it).
CREATE TABLE rat_election_dealings (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  meeting_id bigint NOT NULL,
  item_seq smallint NOT NULL,
  dealer smallint NOT NULL CHECK (dealer BETWEEN 1 AND 32),
  commitments jsonb NOT NULL,
  -- sealed_shares[l-1]: the share for keyholder l
  sealed_shares jsonb NOT NULL,
  PRIMARY KEY (cooperative_id, meeting_id, item_seq, dealer),
  FOREIGN KEY (cooperative_id, meeting_id, item_seq)
    REFERENCES rat_elections (cooperative_id, meeting_id, item_seq)
);

-- The public ballot board: one row per entry, as nextEntry made it. No member id, no time.
CREATE TABLE rat_board_entries (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  meeting_id bigint NOT NULL,
  item_seq smallint NOT NULL,
  seq integer NOT NULL CHECK (seq >= 0),
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  kind text NOT NULL CHECK (kind IN ('credentials', 'ballot', 'close')),
  -- the entry as it stands on the board (BoardEntry JSON)
  content jsonb NOT NULL,
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  -- the ballot's tracker (sha256 of its canonical JSON), for the member's lookup
  tracker text CHECK (tracker ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (cooperative_id, meeting_id, item_seq, seq),
  CHECK ((kind = 'ballot') = (tracker IS NOT NULL)),
  FOREIGN KEY (cooperative_id, meeting_id, item_seq)
    REFERENCES rat_elections (cooperative_id, meeting_id, item_seq)
);
CREATE INDEX rat_board_entries_tracker_idx
  ON rat_board_entries (cooperative_id, meeting_id, item_seq, tracker) WHERE tracker IS NOT NULL;

-- The registered pseudonyms and their weights (also on the board as credentials entries).
CREATE TABLE rat_ballot_pseudonyms (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  meeting_id bigint NOT NULL,
  item_seq smallint NOT NULL,
  pseudonym text NOT NULL CHECK (pseudonym ~ '^[0-9a-f]{64}$'),
  weight integer NOT NULL CHECK (weight BETWEEN 1 AND 1000),
  PRIMARY KEY (cooperative_id, meeting_id, item_seq, pseudonym),
  FOREIGN KEY (cooperative_id, meeting_id, item_seq)
    REFERENCES rat_elections (cooperative_id, meeting_id, item_seq)
);

-- Who registered a credential (and so may have voted): once per member and election, with the time
-- truncated to the minute. Nothing here says which pseudonym, ballot or tracker is theirs.
CREATE TABLE rat_ballot_voters (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  meeting_id bigint NOT NULL,
  item_seq smallint NOT NULL,
  member_id bigint NOT NULL,
  registered_at timestamptz NOT NULL CHECK (date_trunc('minute', registered_at) = registered_at),
  PRIMARY KEY (cooperative_id, meeting_id, item_seq, member_id),
  FOREIGN KEY (cooperative_id, meeting_id, item_seq)
    REFERENCES rat_elections (cooperative_id, meeting_id, item_seq),
  FOREIGN KEY (cooperative_id, member_id) REFERENCES members (cooperative_id, id)
);

-- The keyholders' decryption shares of the encrypted totals, each verified before it is stored.
CREATE TABLE rat_tally_shares (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  meeting_id bigint NOT NULL,
  item_seq smallint NOT NULL,
  trustee smallint NOT NULL CHECK (trustee BETWEEN 1 AND 32),
  decryption jsonb NOT NULL,
  PRIMARY KEY (cooperative_id, meeting_id, item_seq, trustee),
  FOREIGN KEY (cooperative_id, meeting_id, item_seq)
    REFERENCES rat_elections (cooperative_id, meeting_id, item_seq)
);

ALTER TABLE rat_elections ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rat_elections USING (cooperative_id = sokoguru_current_org());
ALTER TABLE rat_election_dealings ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rat_election_dealings USING (cooperative_id = sokoguru_current_org());
ALTER TABLE rat_board_entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rat_board_entries USING (cooperative_id = sokoguru_current_org());
ALTER TABLE rat_ballot_pseudonyms ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rat_ballot_pseudonyms USING (cooperative_id = sokoguru_current_org());
ALTER TABLE rat_ballot_voters ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rat_ballot_voters USING (cooperative_id = sokoguru_current_org());
ALTER TABLE rat_tally_shares ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rat_tally_shares USING (cooperative_id = sokoguru_current_org());
