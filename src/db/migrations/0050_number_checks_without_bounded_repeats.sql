-- The account number and loan number checks say the same thing without a bounded repetition
-- (issue 19; docs/performance.md, "A check that every update paid for").
--
-- PostgreSQL evaluates every CHECK of a table on every row an UPDATE writes, whatever columns the
-- UPDATE sets: the month-end's 1,000,000 balance updates of savings_accounts ran the account
-- number's regular expression 1,000,000 times, and its accrual over loans the loan number's. A
-- character class under a bounded repetition such as {3,40} compiles to as many states as its upper
-- bound, and matching it cost about 1.4 µs a row here (1,000,000 strings: 1.44 s), against 0.19 µs
-- for the same class under `+` with the length compared apart. One repeated class of single
-- characters matches exactly the strings of those characters, and length() counts them, so the
-- rule is the one it was: test/integration/foundation/check-constraints.test.ts compares the two
-- over generated strings.
ALTER TABLE savings_accounts
  DROP CONSTRAINT savings_accounts_account_number_check,
  ADD CONSTRAINT savings_accounts_account_number_check
    CHECK (account_number ~ '^[A-Z0-9.-]+$' AND length(account_number) BETWEEN 3 AND 40);

ALTER TABLE loans
  DROP CONSTRAINT loans_loan_number_check,
  ADD CONSTRAINT loans_loan_number_check
    CHECK (loan_number ~ '^[0-9A-Z./-]+$' AND length(loan_number) BETWEEN 1 AND 30);
