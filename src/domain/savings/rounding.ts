/**
 * Rounding for savings. savings.md: "Round the month's interest down to whole rupiah (the member
 * never gets a fraction the cooperative cannot pay)"; the PP 15/2009 worked example rounds the tax
 * down too (10 % of 240,001 = 24,000.1 → 24,000). One rule, named, used for both.
 */
import { strict as assert } from 'node:assert';

/**
 * floor(numerator / denominator) for a non-negative numerator and positive denominator.
 * BigInt division truncates toward zero, which is floor for non-negative operands; SQL mirrors it
 * as `floor(numerator::numeric / denominator)` or integer `/` on non-negative int8.
 */
export function roundDownToRupiah(numerator: bigint, denominator: bigint): bigint {
  assert(denominator > 0n, 'denominator must be positive');
  assert(numerator >= 0n, 'numerator must be non-negative');
  return numerator / denominator;
}
