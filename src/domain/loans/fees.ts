/**
 * Fees deducted at disbursement (docs/domain/loans.md "Fees"): provisi, in basis points of the
 * principal rounded half up, and the product's fixed administration fee. The member receives the
 * principal less both.
 */
import { roundHalfUp } from './schedule.js';

export function disbursementFees(
  principalRupiah: bigint,
  provisiBps: number,
  adminFeeRupiah: bigint,
) {
  const provisi = roundHalfUp(principalRupiah * BigInt(provisiBps), 10_000n);
  return { provisiRupiah: provisi, adminFeeRupiah, totalRupiah: provisi + adminFeeRupiah };
}
