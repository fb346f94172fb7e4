import { splitByLargestRemainder } from './largest-remainder.js';

/**
 * The AD/ART's SHU allocation (issue 17; the domain reference's SHU section, restated in
 * docs/domain/shu.md): percentages of the year's SHU per post, which must total exactly 100 %.
 * Percentages are kept exact as parts per million of the whole (100 % = 1,000,000; 2.5 % =
 * 25,000), so up to four decimals of a percent are exact and nothing is a float.
 */
export const ALLOCATION_POSTS = [
  'cadangan',
  'jasaModal',
  'jasaUsaha',
  'danaPengurus',
  'danaKaryawan',
  'danaPendidikan',
  'danaSosial',
  'danaPembangunanDaerahKerja',
] as const;
export type AllocationPost = (typeof ALLOCATION_POSTS)[number];

/** Parts per million of the whole per post. */
export type AllocationPpm = Record<AllocationPost, bigint>;
export type AllocationRupiah = Record<AllocationPost, bigint>;

export const PPM_WHOLE = 1_000_000n;

/** The posts members share (the rest stays with the cooperative or goes to its funds). */
export const MEMBER_POSTS: readonly AllocationPost[] = ['jasaModal', 'jasaUsaha'];

/** Indonesian names of the posts, for slips, journals and messages. */
export const POST_NAMES_ID: Record<AllocationPost, string> = {
  cadangan: 'Cadangan',
  jasaModal: 'Jasa modal',
  jasaUsaha: 'Jasa usaha',
  danaPengurus: 'Dana pengurus',
  danaKaryawan: 'Dana karyawan',
  danaPendidikan: 'Dana pendidikan',
  danaSosial: 'Dana sosial',
  danaPembangunanDaerahKerja: 'Dana pembangunan daerah kerja',
};

/**
 * A percent written as a decimal (`40`, `2.5`, `"12,75"`) to parts per million; null when it is
 * not a number from 0 to 100 with at most four decimals.
 */
export function percentToPpm(value: string | number): bigint | null {
  const text = (typeof value === 'number' ? String(value) : value).trim().replace(',', '.');
  const m = /^([0-9]{1,3})(?:\.([0-9]{1,4}))?$/.exec(text);
  if (!m) return null;
  const ppm = BigInt(m[1]!) * 10_000n + BigInt((m[2] ?? '').padEnd(4, '0'));
  return ppm <= PPM_WHOLE ? ppm : null;
}

/** `25000n` → `"2.5"`: parts per million back to a percent without trailing zeros. */
export function ppmToPercent(ppm: bigint): string {
  const whole = ppm / 10_000n;
  const frac = (ppm % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole.toString();
}

export function allocationTotalPpm(a: AllocationPpm): bigint {
  return ALLOCATION_POSTS.reduce((s, p) => s + a[p], 0n);
}

/**
 * The posts of an allocation that does not total 100 %, or of a negative share; empty when it is
 * a valid allocation.
 */
export function allocationProblems(a: AllocationPpm): string[] {
  const out: string[] = [];
  for (const p of ALLOCATION_POSTS) if (a[p] < 0n) out.push(`${p} negatif`);
  const total = allocationTotalPpm(a);
  if (total !== PPM_WHOLE) out.push(`jumlah ${ppmToPercent(total)} %, harus 100 %`);
  return out;
}

/**
 * SHU earned from non-members is not members' participation: by default it goes to the posts the
 * members do not share (cadangan and the funds), in proportion to their percentages in the
 * allocation, shared directly in rupiah (no rounding of renormalised percentages first). An AD/ART
 * may say otherwise: then it is an allocation of its own, which must total 100 % and give the
 * members' posts nothing.
 */
export function allocateNonMemberShu(
  shuRupiah: bigint,
  allocation: AllocationPpm,
  own?: AllocationPpm,
): AllocationRupiah {
  if (own) {
    for (const p of MEMBER_POSTS)
      if (own[p] !== 0n) throw new RangeError(`non-member SHU may not go to ${p}`);
    return allocateToPosts(shuRupiah, own);
  }
  const weights = emptyAllocation();
  for (const p of ALLOCATION_POSTS) if (!MEMBER_POSTS.includes(p)) weights[p] = allocation[p];
  if (allocationTotalPpm(weights) === 0n) weights.cadangan = PPM_WHOLE;
  return splitOverPosts(shuRupiah, weights);
}

/**
 * An SHU amount shared over the posts: floors of SHU × percentage, the leftover rupiah by the
 * largest remainder (ties to the larger percentage, then in the order of ALLOCATION_POSTS), so the
 * posts add up to the SHU exactly.
 */
export function allocateToPosts(shuRupiah: bigint, a: AllocationPpm): AllocationRupiah {
  const problems = allocationProblems(a);
  if (problems.length > 0) throw new RangeError(`allocation invalid: ${problems.join('; ')}`);
  return splitOverPosts(shuRupiah, a);
}

function splitOverPosts(shuRupiah: bigint, weights: AllocationPpm): AllocationRupiah {
  const split = splitByLargestRemainder(
    shuRupiah,
    ALLOCATION_POSTS.map((p, i) => ({ key: String(i).padStart(2, '0'), weight: weights[p] })),
  );
  const out = emptyAllocation();
  ALLOCATION_POSTS.forEach((p, i) => (out[p] = split.shares[i]!.amountRupiah));
  return out;
}

export function emptyAllocation(): AllocationRupiah {
  return Object.fromEntries(ALLOCATION_POSTS.map((p) => [p, 0n])) as AllocationRupiah;
}
