-- 0040 Sealed shares of the RAT ballots' key ceremony (docs/domain/rat-ballots.md, "Sealed
-- shares"): before dealing, each pengawas keyholder registers the public key its browser derived
-- from its keyholder code; dealers seal each share to the recipient's key, so the server relays
-- only ciphertexts and cannot rebuild the election key. A public key is public: no secret here.

CREATE TABLE rat_election_keyholder_keys (
  cooperative_id uuid NOT NULL REFERENCES organizations (id),
  meeting_id bigint NOT NULL,
  item_seq smallint NOT NULL,
  -- keyholder i = position i of rat_elections.keyholders
  keyholder smallint NOT NULL CHECK (keyholder BETWEEN 1 AND 32),
  -- g^secret, secret = H(election id, keyholder code): a canonical ristretto255 point (hex)
  public_key text NOT NULL CHECK (public_key ~ '^[0-9a-f]{64}$'),
  registered_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cooperative_id, meeting_id, item_seq, keyholder),
  FOREIGN KEY (cooperative_id, meeting_id, item_seq)
    REFERENCES rat_elections (cooperative_id, meeting_id, item_seq)
);

ALTER TABLE rat_election_keyholder_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON rat_election_keyholder_keys
  USING (cooperative_id = sokoguru_current_org());
