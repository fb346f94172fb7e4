import type { Queryable } from '../db/database.js';
import * as checks from '../db/ledger-checks.repo.js';

export interface LedgerViolation {
  cooperativeId: string;
  check:
    | 'unbalanced-entry'
    | 'orphan-line'
    | 'balance-mismatch'
    | 'numbering-gap'
    | 'closed-period-touched'
    | 'reversal-mismatch'
    | 'savings-subledger-mismatch'
    | 'savings-account-history-mismatch';
  detail: string;
}

/**
 * Recomputes every ledger invariant from the journal lines themselves — what an auditor would do
 * by hand — and lists every violation (empty when the books are sound). Set-based: each check is
 * one query over the whole journal.
 */
export async function verifyLedger(
  db: Queryable,
  cooperativeId?: string,
): Promise<LedgerViolation[]> {
  const out: LedgerViolation[] = [];

  for (const r of await checks.unbalancedEntries(db, cooperativeId)) {
    out.push({
      cooperativeId: r.cooperative_id,
      check: 'unbalanced-entry',
      detail: `entry ${r.id}: debit ${r.d}, credit ${r.c}, total ${r.t}, ${r.n} lines`,
    });
  }

  // journal_lines has no foreign keys to its entry and account (migration 0011: the posting
  // function and the balance trigger check both); a line without either is a broken book.
  for (const r of await checks.orphanLines(db, cooperativeId)) {
    out.push({
      cooperativeId: r.cooperative_id,
      check: 'orphan-line',
      detail: `line ${r.entry_id}/${r.line_no}: its ${r.what} does not exist`,
    });
  }

  for (const r of await checks.balanceMismatches(db, cooperativeId)) {
    out.push({
      cooperativeId: r.cooperative_id,
      check: 'balance-mismatch',
      detail: `account ${r.account_id} ${r.period}: kept ${r.kept_d ?? 0}/${r.kept_c ?? 0}, lines ${r.real_d ?? 0}/${r.real_c ?? 0}`,
    });
  }

  for (const r of await checks.numberingGaps(db, cooperativeId)) {
    out.push({
      cooperativeId: r.cooperative_id,
      check: 'numbering-gap',
      detail: `${r.series}/${r.fiscal_year}: ${r.n} entries, highest number ${r.max}, counter ${r.counter ?? '-'}`,
    });
  }

  for (const r of await checks.entriesInClosedPeriods(db, cooperativeId)) {
    out.push({
      cooperativeId: r.cooperative_id,
      check: 'closed-period-touched',
      detail: `entry ${r.id} posted into ${r.period} after it closed`,
    });
  }

  for (const r of await checks.mismatchedReversals(db, cooperativeId)) {
    out.push({
      cooperativeId: r.cooperative_id,
      check: 'reversal-mismatch',
      detail: `reversal ${r.id} does not mirror its original`,
    });
  }

  // Members' savings: the balances of the accounts posting to each role (by kind and akad) add up
  // to the ledger account holding it (the sub-ledger agrees with the general ledger) …
  for (const r of await checks.savingsSubledgerMismatches(db, cooperativeId)) {
    out.push({
      cooperativeId: r.cooperative_id,
      check: 'savings-subledger-mismatch',
      detail: `savings role ${r.role}: accounts ${r.accounts} <> ledger ${r.ledger}`,
    });
  }
  // … and each account's balance is its movements plus its month-end lines.
  for (const r of await checks.savingsAccountMovements(db, cooperativeId)) {
    if (r.balance_rupiah !== r.moved)
      out.push({
        cooperativeId: r.cooperative_id,
        check: 'savings-account-history-mismatch',
        detail: `savings account ${r.id}: balance ${r.balance_rupiah} <> movements ${r.moved}`,
      });
  }
  return out;
}
