/**
 * Operating-error codes of the savings domain: a closed set. The HTTP, CLI and i18n layers map
 * every code (exhaustive switch); parameters feed the user message.
 */
import type { ErrorParams } from '../errors.js';

export type SavingsProductErrorCode =
  | 'SAVINGS_PRODUCT_AMOUNT_NOT_POSITIVE'
  | 'SAVINGS_PRODUCT_AMOUNT_NEGATIVE'
  | 'SAVINGS_PRODUCT_AMOUNT_TOO_LARGE'
  | 'SAVINGS_PRODUCT_RATE_OUT_OF_RANGE'
  | 'SAVINGS_PRODUCT_DORMANCY_OUT_OF_RANGE'
  | 'SAVINGS_PRODUCT_NO_TENORS'
  | 'SAVINGS_PRODUCT_TENOR_NOT_ALLOWED'
  | 'SAVINGS_PRODUCT_TENOR_DUPLICATE'
  | 'SAVINGS_PRODUCT_PENALTY_OUT_OF_RANGE'
  // the akad of a sharia cooperative's products (akad.ts)
  | 'SAVINGS_PRODUCT_RATE_REQUIRED'
  | 'SAVINGS_PRODUCT_RATE_NOT_ALLOWED'
  | 'SAVINGS_PRODUCT_AKAD_REQUIRED'
  | 'SAVINGS_PRODUCT_AKAD_NOT_ALLOWED'
  | 'SAVINGS_PRODUCT_AKAD_KIND_MISMATCH'
  | 'SAVINGS_PRODUCT_NISBAH_REQUIRED'
  | 'SAVINGS_PRODUCT_NISBAH_OUT_OF_RANGE'
  | 'SAVINGS_PRODUCT_NISBAH_NOT_ALLOWED';

/** Why an amount may not leave an account (withdrawal.ts). */
export type WithdrawalErrorCode =
  | 'SAVINGS_AMOUNT_NOT_POSITIVE'
  | 'SAVINGS_NOT_WITHDRAWABLE'
  | 'SAVINGS_ACCOUNT_DORMANT'
  | 'SAVINGS_ACCOUNT_BLOCKED'
  | 'SAVINGS_INSUFFICIENT_BALANCE'
  | 'SAVINGS_BELOW_MINIMUM_BALANCE';

export type SavingsErrorCode =
  | SavingsProductErrorCode
  | WithdrawalErrorCode
  | 'SAVINGS_DEPOSIT_BLOCKED'
  | 'SAVINGS_DEPOSIT_ALREADY_MATURED'
  | 'SAVINGS_DEPOSIT_NOT_STARTED'
  | 'SAVINGS_TAX_RULE_MISSING';

export interface SavingsError<C extends SavingsErrorCode = SavingsErrorCode> {
  code: C;
  /** The input field at fault, for form errors (e.g. 'annualRateBps', 'tenors[1].tenorMonths'). */
  field?: string;
  params: ErrorParams;
}
