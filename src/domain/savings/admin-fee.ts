/**
 * Monthly admin fee (biaya administrasi) on sukarela. savings.md: charged after interest; "an
 * account that would go negative is charged down to zero only".
 */
import { strict as assert } from 'node:assert';

export interface AdminFeeCharge {
  feeChargedRupiah: bigint;
  /** The part of the fee not charged because the balance ran out; it is not carried forward. */
  feeWaivedRupiah: bigint;
  balanceAfterRupiah: bigint;
}

/**
 * fee_charged = least(fee, greatest(balance_after_interest, 0)); balance_after = balance − fee_charged.
 * `balanceAfterInterestRupiah` is the balance once the month's net interest is credited.
 */
export function chargeMonthlyAdminFee(
  balanceAfterInterestRupiah: bigint,
  monthlyAdminFeeRupiah: bigint,
): AdminFeeCharge {
  assert(monthlyAdminFeeRupiah >= 0n, 'fee must be non-negative');
  const available = balanceAfterInterestRupiah > 0n ? balanceAfterInterestRupiah : 0n;
  const feeChargedRupiah = monthlyAdminFeeRupiah < available ? monthlyAdminFeeRupiah : available;
  return {
    feeChargedRupiah,
    feeWaivedRupiah: monthlyAdminFeeRupiah - feeChargedRupiah,
    balanceAfterRupiah: balanceAfterInterestRupiah - feeChargedRupiah,
  };
}
