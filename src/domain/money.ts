/**
 * Rounding of rupiah, written once (docs/domain/loans.md "Rounding", docs/domain/shop.md): every
 * amount that comes out of a division (interest, fees, shares, a weighed line, a cost) is rounded
 * to whole rupiah half away from zero, at the one point where it is computed. Pure and free of
 * Node imports: the browser (the shop's till) rounds with the same code as the server.
 */

/** num/den rounded half up, for num ≥ 0 and den > 0. */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  if (den <= 0n || num < 0n) throw new Error('roundHalfUp: num ≥ 0 and den > 0');
  return (num * 2n + den) / (den * 2n);
}

/** num/den in whole rupiah, half away from zero (a negative amount rounds as its mirror). */
export function roundRupiah(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new Error('roundRupiah: denominator must be positive');
  return num < 0n ? -roundHalfUp(-num, den) : roundHalfUp(num, den);
}
