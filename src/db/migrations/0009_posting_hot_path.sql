-- 0009 the posting hot path: what one teller deposit costs the database.

-- 1. The posting statement as a function. Posting used to send one CTE (counter, entry, lines)
-- that PostgreSQL parsed and planned for every entry, and planning it cost about as much as
-- running it: pgbench replaying Sokoguru's exact posting transaction managed 1,173 tps sent as
-- text and 1,455 tps through this function (PL/pgSQL keeps the statement's plan per connection),
-- against 1,951-2,114 tps for pgbench's TPC-B-like script on the same server. The rules are
-- unchanged: the triggers of 0002/0003 still check balance, open period, cash session and
-- immutability, and maintain the balances; the function runs with the caller's rights, so
-- row-level security applies to every row it writes.
CREATE FUNCTION ledger_post(
  p_cooperative_id uuid,
  p_entry_date date,
  p_series text,
  p_description text,
  p_source_type text,
  p_source_id text,
  p_branch_id bigint,
  p_reversal_of bigint,
  p_cash_session_id bigint,
  p_total_rupiah bigint,
  p_created_by uuid,
  -- the lines, position i of every array is line i
  p_account_ids bigint[],
  p_debits bigint[],
  p_credits bigint[],
  p_member_ids bigint[],
  p_branch_ids bigint[],
  p_memos text[]
) RETURNS TABLE (entry_id bigint, entry_number bigint, line_count bigint)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH n AS (
    -- the next gapless number of the series (the row lock queues only this series' posters)
    INSERT INTO journal_counters AS c (cooperative_id, fiscal_year, series, last_number)
    VALUES (p_cooperative_id, extract(year FROM p_entry_date)::integer, p_series, 1)
    ON CONFLICT (cooperative_id, fiscal_year, series) DO UPDATE SET last_number = c.last_number + 1
    RETURNING last_number
  ), e AS (
    INSERT INTO journal_entries (cooperative_id, entry_date, fiscal_year, series, number, description, source_type,
                                 source_id, branch_id, reversal_of, cash_session_id, total_rupiah, created_by)
    SELECT p_cooperative_id, p_entry_date, extract(year FROM p_entry_date)::integer, p_series, n.last_number,
           p_description, p_source_type, p_source_id, p_branch_id, p_reversal_of, p_cash_session_id,
           p_total_rupiah, p_created_by
      FROM n
    RETURNING id, number
  ), l AS (
    -- a line whose account is not postable and active is dropped here, and the balance trigger
    -- then refuses the entry
    INSERT INTO journal_lines (cooperative_id, entry_id, line_no, account_id, debit_rupiah, credit_rupiah,
                               member_id, branch_id, memo)
    SELECT p_cooperative_id, e.id, x.line_no::smallint, a.id, x.debit, x.credit, x.member_id, x.branch_id, x.memo
      FROM e
     CROSS JOIN unnest(p_account_ids, p_debits, p_credits, p_member_ids, p_branch_ids, p_memos) WITH ORDINALITY
           AS x(account_id, debit, credit, member_id, branch_id, memo, line_no)
      JOIN accounts a ON a.cooperative_id = p_cooperative_id AND a.id = x.account_id AND a.is_postable AND a.active
    RETURNING 1
  )
  SELECT e.id, e.number, (SELECT count(*) FROM l) FROM e;
END
$$;

-- 2. The audit chain sealed in blocks. Every posting writes one audit event, and the sealer used
-- to update each event once more with its place on the chain (a second row version and two index
-- entries per event, about 10-25 % of posting throughput in bench/ledger-posting.ts). Now an event
-- is never written again: it records the transaction that wrote it (xact_id), and the sealer
-- hashes every event of the transactions that have ended since its last round, in (xact_id, id)
-- order, and appends ONE block row: the range it covers, how many events, the hash before and
-- after. Transactions are used rather than ids because an id is taken before its transaction
-- commits, so a smaller id can appear after a larger one was sealed; a transaction id below the
-- oldest running transaction (pg_snapshot_xmin) can never gain another event. Verification
-- replays the events of each block: an edited, deleted, added or moved event changes its block's
-- hash or count.
--
-- Events sealed one by one before this migration keep their chain_seq/prev_hash/hash and are
-- verified as before; the first block continues from the hash of their last one. Events no round
-- had sealed yet join the first block.
ALTER TABLE audit_events ADD COLUMN xact_id xid8;
ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update;
UPDATE audit_events SET xact_id = '0' WHERE chain_seq IS NULL;
ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update;
ALTER TABLE audit_events ALTER COLUMN xact_id SET DEFAULT pg_current_xact_id();
ALTER TABLE audit_events ADD CONSTRAINT audit_events_sealed_one_way CHECK ((chain_seq IS NULL) <> (xact_id IS NULL));
DROP INDEX audit_events_unsealed_idx;
CREATE INDEX audit_events_xact_idx ON audit_events (organization_id, xact_id, id) WHERE xact_id IS NOT NULL;
-- only the events sealed one by one have a chain_seq: new events need not enter this index
ALTER TABLE audit_events DROP CONSTRAINT audit_events_organization_id_chain_seq_key;
CREATE UNIQUE INDEX audit_events_chain_key ON audit_events (organization_id, chain_seq) WHERE chain_seq IS NOT NULL;

-- Nothing updates an audit event any more, sealing included.
CREATE OR REPLACE FUNCTION audit_events_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TABLE audit_seal_blocks (
  organization_id uuid NOT NULL REFERENCES organizations (id),
  block_seq bigint NOT NULL CHECK (block_seq > 0),
  -- the events of the organisation written by transactions xact_from <= xact_id < xact_to
  xact_from xid8 NOT NULL,
  xact_to xid8 NOT NULL CHECK (xact_to > xact_from),
  event_count integer NOT NULL CHECK (event_count > 0),
  prev_hash bytea NOT NULL,
  hash bytea NOT NULL,
  sealed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organization_id, block_seq)
);
CREATE TRIGGER audit_seal_blocks_append_only BEFORE UPDATE OR DELETE ON audit_seal_blocks
  FOR EACH ROW EXECUTE FUNCTION audit_events_immutable();
CREATE TRIGGER audit_seal_blocks_no_truncate BEFORE TRUNCATE ON audit_seal_blocks
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_immutable();
ALTER TABLE audit_seal_blocks ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_seal_blocks USING (organization_id = sokoguru_current_org());
REVOKE ALL ON audit_seal_blocks FROM sokoguru_app;

-- The head: chain_seq and hash as before (hash is now the last block's), the last block and the
-- horizon (every event with a smaller xact_id is sealed). The application may read its own
-- organisation's head to show which events are sealed.
ALTER TABLE audit_chain_heads ADD COLUMN block_seq bigint NOT NULL DEFAULT 0;
ALTER TABLE audit_chain_heads ADD COLUMN horizon xid8 NOT NULL DEFAULT '0';
ALTER TABLE audit_chain_heads ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_chain_heads USING (organization_id = sokoguru_current_org());
GRANT SELECT ON audit_chain_heads TO sokoguru_app;

-- 3. A foreign key check locks the row it points at (FOR KEY SHARE), and when several postings of
-- a cooperative lock its one organizations row at once, PostgreSQL must record every locker in a
-- MultiXact and write the row's header: the busiest row of the cooperative becomes a cost every
-- posting pays. journal_entries' key to organizations says nothing its key to journal_counters
-- (whose row the posting has just updated itself) does not already say, as journal_counters
-- references organizations. Dropping it: 1.07-1.12 against 1.16-1.31 ms of busy CPU per posting
-- (pgbench replaying the posting transaction, 8 clients, three runs each, taking turns).
ALTER TABLE journal_entries DROP CONSTRAINT journal_entries_cooperative_id_fkey;
