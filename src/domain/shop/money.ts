import { roundHalfUp } from '../loans/schedule.js';

/**
 * The shop's one rounding rule: whole rupiah, half away from zero, applied once per line (a line's
 * amount, a line's cost, a consignment share). Totals are sums of rounded lines, so a receipt
 * always adds up.
 */
export function roundRupiah(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new Error('roundRupiah: denominator must be positive');
  return num < 0n ? -roundHalfUp(-num, den) : roundHalfUp(num, den);
}
