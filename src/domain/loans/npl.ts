import { roundHalfUp } from './schedule.js';

/**
 * NPL (non-performing loans) ratio: the outstanding principal of loans classed kurang lancar,
 * diragukan or macet over all outstanding principal, as a percentage with two decimals rounded
 * half up ("2.35"); "0.00" when nothing is outstanding. Exact: computed in hundredths of a
 * percent on bigint rupiah, never through floating point.
 */
export function nplPercent(problemRupiah: bigint, totalRupiah: bigint): string {
  if (problemRupiah < 0n || totalRupiah < 0n || problemRupiah > totalRupiah)
    throw new RangeError(`NPL needs 0 <= problem <= total (${problemRupiah}, ${totalRupiah})`);
  if (totalRupiah === 0n) return '0.00';
  const hundredths = roundHalfUp(problemRupiah * 10_000n, totalRupiah);
  const cents = hundredths % 100n;
  return `${hundredths / 100n}.${cents.toString().padStart(2, '0')}`;
}
