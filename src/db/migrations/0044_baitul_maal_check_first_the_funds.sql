-- 0044 The baitul maal check of 0022 looks at an entry's other lines only when it takes money out
-- of a fund.
--
-- 0022's check joined the statement's new lines with the funds, the entries, ALL the lines of
-- those entries and their accounts in one query, planned without statistics for the transition
-- table. Measured with pg_stat_statements under the shop bench on PostgreSQL 15 (bench/shop-pos.ts,
-- 8 tills), it took 7.4 ms of ledger_post's 9.7 ms a posting (the whole posting 1.7 ms after
-- this change, in the same bench). Now the funds touched come first (the new
-- lines and at most four funds of the cooperative: nothing for every cooperative without a baitul
-- maal and for nearly every posting of one that has it), and the entry's other lines are read
-- only for those entries: the rule is the same and is still checked for every writer.
CREATE OR REPLACE FUNCTION baitul_maal_funds_not_for_tamwil() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  bad record;
  v_cooperatives uuid[];
  v_entries bigint[];
  v_funds text[];
BEGIN
  -- the entries of this statement that take money out of a fund (a debit to the fund's account
  -- or a credit to its own cash), each with the fund it takes from
  SELECT array_agg(t.cooperative_id), array_agg(t.entry_id), array_agg(t.fund)
    INTO v_cooperatives, v_entries, v_funds
    FROM (SELECT DISTINCT n.cooperative_id, n.entry_id, f.fund
            FROM new_lines n
            JOIN baitul_maal_funds f
              ON f.cooperative_id = n.cooperative_id
             AND ((f.fund_account_id = n.account_id AND n.debit_rupiah > 0)
               OR (f.cash_account_id = n.account_id AND n.credit_rupiah > 0))) t;
  IF v_entries IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT e.id AS entry_id, x.fund, a.code
    INTO bad
    FROM unnest(v_cooperatives, v_entries, v_funds) AS x(cooperative_id, entry_id, fund)
    JOIN journal_entries e ON e.cooperative_id = x.cooperative_id AND e.id = x.entry_id AND e.reversal_of IS NULL
    JOIN journal_lines l ON l.cooperative_id = x.cooperative_id AND l.entry_id = x.entry_id
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
