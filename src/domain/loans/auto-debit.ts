/**
 * Auto-debit of a loan from the member's sukarela account under a mandate (surat kuasa debet).
 * Pure: what is due on a date, and how much of it the account can give.
 *
 * Worked example (test/integration/loans/auto-debit.test.ts): Bu Sri's sukarela holds Rp 200,000,
 * the product keeps a minimum balance of Rp 10,000; instalment 1 of Rp 118,000 (interest 18,000 +
 * principal 100,000) fell due on 2 July and carries a denda of Rp 3,068. On 1 August the due
 * amount is 3,068 + 118,000 = 121,068 and the account can give 200,000 − 10,000 = 190,000, so
 * 121,068 is debited; the repayment path allocates it denda 3,068 → interest 18,000 → principal
 * 100,000 (loans.md "Payment allocation order").
 */
import { strict as assert } from 'node:assert';

/** What is still owed on one unpaid instalment of the current schedule. */
export interface OpenInstalment {
  dueOn: string;
  penaltyRupiah: bigint;
  interestRupiah: bigint;
  principalRupiah: bigint;
}

/**
 * Due on `onDate`: every denda still owed (denda only exists on overdue instalments) plus interest
 * and principal of the instalments due on or before `onDate`. Instalments not yet due are never
 * taken: the mandate covers instalments, not prepayment.
 */
export function dueOn(onDate: string, open: readonly OpenInstalment[]): bigint {
  let due = 0n;
  for (const i of open) {
    due += i.penaltyRupiah;
    if (i.dueOn <= onDate) due += i.interestRupiah + i.principalRupiah;
  }
  return due;
}

export type AutoDebitSkipReason =
  | 'SAVINGS_ACCOUNT_NOT_FOUND'
  | 'SAVINGS_ACCOUNT_BLOCKED'
  | 'SAVINGS_ACCOUNT_DORMANT'
  | 'SAVINGS_BELOW_MINIMUM_BALANCE';

export interface DebitableAccount {
  state: 'active' | 'dormant' | 'blocked';
  balanceRupiah: bigint;
  minimumBalanceRupiah: bigint;
}

export type AutoDebitDecision =
  | { ok: true; amountRupiah: bigint; availableRupiah: bigint }
  | { ok: false; reason: AutoDebitSkipReason; availableRupiah: bigint };

/**
 * min(due, balance above the minimum). The account is debited as a withdrawal would be
 * (savings.md): a blocked or dormant account gives nothing, and the minimum balance stays.
 */
export function autoDebitAmount(
  dueRupiah: bigint,
  account: DebitableAccount | null,
): AutoDebitDecision {
  assert(dueRupiah > 0n, 'auto-debit of a loan with nothing due');
  if (!account) return { ok: false, reason: 'SAVINGS_ACCOUNT_NOT_FOUND', availableRupiah: 0n };
  const above = account.balanceRupiah - account.minimumBalanceRupiah;
  const available = above > 0n ? above : 0n;
  if (account.state === 'blocked')
    return { ok: false, reason: 'SAVINGS_ACCOUNT_BLOCKED', availableRupiah: available };
  if (account.state === 'dormant')
    return { ok: false, reason: 'SAVINGS_ACCOUNT_DORMANT', availableRupiah: available };
  if (available === 0n)
    return { ok: false, reason: 'SAVINGS_BELOW_MINIMUM_BALANCE', availableRupiah: 0n };
  return {
    ok: true,
    amountRupiah: dueRupiah < available ? dueRupiah : available,
    availableRupiah: available,
  };
}
