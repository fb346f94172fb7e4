-- 0008 month-end at scale: free space on the pages the month-end rewrites, so that its updates are
-- HOT (heap-only: the new row version goes on the same page and no index gets a new entry), which
-- they can be because the columns they write are not indexed. Counts from bench/loans-month-end.ts
-- (one close of 500,000 loans and 1,000,000 sukarela accounts) on PostgreSQL 15.

-- loans: a close rewrites the overdue loans' rows up to three times (days past due, accrued
-- interest, penalty due) and every repayment rewrites its loan. With full pages only 108,716 of
-- the 293,135 updates of one close were HOT, the others adding an entry to every index of the
-- table; with 30 % free a page (~25 loans) holds the new versions of its overdue loans for one
-- step, and the next step prunes the old ones: 282,013 HOT. (Collectibility is indexed: a loan
-- changing class is never HOT, but few do.)
ALTER TABLE loans SET (fillfactor = 70);

-- loan_schedules: the penalty step rewrites every overdue unpaid instalment (penalty_rupiah). A
-- loan's instalments sit together, so 10 % free per page holds a late loan's overdue rows: 249,308
-- of 288,678 HOT instead of none (each adding entries to the primary key and the unpaid index).
ALTER TABLE loan_schedules SET (fillfactor = 90);

-- savings_accounts (0005 set 80): the interest step rewrites every account's balance in one
-- statement, so a page needs room for a new version of each of its rows; with 20 % free only
-- 250,007 of 1,000,000 updates were HOT and the rest wrote three index entries each (the balance
-- update took longer than computing the interest). Half the page free: all 1,000,000 HOT.
ALTER TABLE savings_accounts SET (fillfactor = 50);

-- Existing rows keep their pages; a table gets the free space as its rows are rewritten, or at
-- once with VACUUM FULL (or pg_repack) in a maintenance window.
