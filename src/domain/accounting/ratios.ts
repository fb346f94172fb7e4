import { roundHalfUp } from '../money.js';

/**
 * A ratio of two non-negative rupiah amounts as a percentage with two decimals, rounded half up
 * ("12.35"); null when the whole is zero (no ratio to show). Exact: hundredths of a percent on
 * bigint, never through floating point. Used for the cash ratio (rasio kas = (kas + bank) /
 * kewajiban lancar, Permenkop 06/2016 health aspect "likuiditas"), which may exceed 100 %.
 */
export function percentOf(partRupiah: bigint, wholeRupiah: bigint): string | null {
  if (partRupiah < 0n || wholeRupiah < 0n)
    throw new RangeError(`a ratio needs non-negative amounts (${partRupiah}, ${wholeRupiah})`);
  if (wholeRupiah === 0n) return null;
  const hundredths = roundHalfUp(partRupiah * 10_000n, wholeRupiah);
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
}
