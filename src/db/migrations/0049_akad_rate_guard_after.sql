-- The guard that keeps a rate off an account under a sharia akad (0021) fires after the row is
-- written instead of before (issue 19; docs/performance.md, "A trigger that locked every row").
--
-- PostgreSQL locks every row an UPDATE changes on a table that has a BEFORE UPDATE row trigger,
-- before it looks at the trigger's columns or its WHEN: it reads the row back for the trigger,
-- locked. So every balance update of savings_accounts (each deposit and withdrawal, and the
-- month-end's million) locked its row a second time and wrote a LOCK record to the WAL beside the
-- update: on 2,000 accounts 2,000 HOT_UPDATE and 2,000 LOCK records (pg_walinspect), and on the
-- month-end's 1,000,000 accounts 2,000,000 WAL records. An AFTER row trigger with the same columns
-- and WHEN is queued only when a rate is written, reads nothing back, and refuses the same rows
-- with the same error before the statement ends.

DROP TRIGGER savings_accounts_akad_rate_guard ON savings_accounts;
CREATE TRIGGER savings_accounts_akad_rate_guard
  AFTER INSERT OR UPDATE OF annual_rate_bps, product_id ON savings_accounts
  FOR EACH ROW WHEN (NEW.annual_rate_bps IS NOT NULL)
  EXECUTE FUNCTION savings_account_akad_rate_guard();
