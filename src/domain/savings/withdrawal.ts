/**
 * May this amount leave this savings account? savings.md: pokok and wajib only on leaving the
 * cooperative; sukarela any time down to the product's minimum balance; berjangka only at maturity
 * or by early break (berjangka.ts), never by withdrawal.
 */
import type { SavingsError, WithdrawalErrorCode } from './errors.js';
import type { SavingsKind } from './product.js';

export type AccountState = 'active' | 'dormant' | 'blocked';

export type WithdrawalCheck =
  | { ok: true; balanceAfterRupiah: bigint }
  | { ok: false; error: SavingsError<WithdrawalErrorCode> };

/**
 * Checks, in order: amount > 0; kind withdrawable (pokok/wajib only when the member is leaving;
 * berjangka never); account not blocked (e.g. securing a loan) nor dormant (an officer must
 * reactivate first; closing is allowed); amount ≤ balance; balance − amount ≥ minimum balance, unless the account is
 * being closed or the member is leaving.
 */
export function checkWithdrawal(input: {
  kind: SavingsKind;
  state: AccountState;
  balanceRupiah: bigint;
  amountRupiah: bigint;
  minimumBalanceRupiah: bigint;
  /** Settling a leaving member (keluar anggota) or closing the account: no minimum applies. */
  closing: boolean;
}): WithdrawalCheck {
  const fail = (code: WithdrawalErrorCode, params: SavingsError['params']): WithdrawalCheck => ({
    ok: false,
    error: { code, field: 'amountRupiah', params },
  });
  const { amountRupiah: amount, balanceRupiah: balance } = input;
  if (amount <= 0n) return fail('SAVINGS_AMOUNT_NOT_POSITIVE', { amount });
  switch (input.kind) {
    case 'pokok':
    case 'wajib':
      if (!input.closing) return fail('SAVINGS_NOT_WITHDRAWABLE', { kind: input.kind });
      break;
    case 'berjangka':
      return fail('SAVINGS_NOT_WITHDRAWABLE', { kind: input.kind });
    case 'sukarela':
      break;
  }
  switch (input.state) {
    case 'blocked':
      return fail('SAVINGS_ACCOUNT_BLOCKED', {});
    case 'dormant':
      // Closing is an officer's act, which is what dormancy asks for.
      if (!input.closing) return fail('SAVINGS_ACCOUNT_DORMANT', {});
      break;
    case 'active':
      break;
  }
  if (amount > balance) return fail('SAVINGS_INSUFFICIENT_BALANCE', { amount, balance });
  const after = balance - amount;
  if (!input.closing && after < input.minimumBalanceRupiah)
    return fail('SAVINGS_BELOW_MINIMUM_BALANCE', {
      amount,
      balance,
      minimumBalance: input.minimumBalanceRupiah,
      maximumWithdrawal:
        balance > input.minimumBalanceRupiah ? balance - input.minimumBalanceRupiah : 0n,
    });
  return { ok: true, balanceAfterRupiah: after };
}
