/**
 * Sharing a whole-rupiah pool in proportion to weights, paid out in full (issue 17): every claim
 * gets the floor of its exact share, and the rupiah the floors leave over go one each to the claims
 * with the largest remainders. Ties go to the larger weight, then to the smaller key, so the same
 * input always gives the same split.
 *
 * Why this order: for weights a > b the floor of a is at least the floor of b, and when the floors
 * are equal the remainder of a is larger; so a claim with more weight never gets less (tested as a
 * property). A claim of weight 0 gets 0: the leftover is always smaller than the number of claims
 * with a remainder, so the extra rupiah never reach a zero claim.
 */
export interface Claim {
  key: string;
  /** non-negative; any unit, only proportions matter */
  weight: bigint;
}

export interface ClaimShare {
  key: string;
  weight: bigint;
  /** the floor of pool × weight / total plus the extra rupiah, if any */
  amountRupiah: bigint;
  /** 1 when this claim got one of the leftover rupiah */
  extraRupiah: bigint;
}

export interface PoolSplit {
  poolRupiah: bigint;
  totalWeight: bigint;
  shares: ClaimShare[];
  /** the rupiah the floors left over (handed out one each by the largest remainder) */
  leftoverRupiah: bigint;
  /** the whole pool when no claim has weight (nobody to share it with), else 0 */
  unsharedRupiah: bigint;
}

export function splitByLargestRemainder(poolRupiah: bigint, claims: readonly Claim[]): PoolSplit {
  if (poolRupiah < 0n) throw new RangeError(`pool ${poolRupiah} is negative`);
  let totalWeight = 0n;
  for (const c of claims) {
    if (c.weight < 0n) throw new RangeError(`weight of ${c.key} is negative`);
    totalWeight += c.weight;
  }
  if (totalWeight === 0n)
    return {
      poolRupiah,
      totalWeight,
      shares: claims.map((c) => ({
        key: c.key,
        weight: c.weight,
        amountRupiah: 0n,
        extraRupiah: 0n,
      })),
      leftoverRupiah: 0n,
      unsharedRupiah: poolRupiah,
    };
  const shares: ClaimShare[] = [];
  const remainders: bigint[] = [];
  let paid = 0n;
  for (let i = 0; i < claims.length; i++) {
    const c = claims[i]!;
    const exact = poolRupiah * c.weight;
    const floor = exact / totalWeight;
    remainders.push(exact % totalWeight);
    shares.push({ key: c.key, weight: c.weight, amountRupiah: floor, extraRupiah: 0n });
    paid += floor;
  }
  const leftover = poolRupiah - paid;
  if (leftover > 0n) {
    const order = largestRemaindersFirst(shares, remainders, totalWeight);
    for (let n = 0; n < Number(leftover); n++) {
      const s = shares[order[n]!]!;
      s.amountRupiah += 1n;
      s.extraRupiah = 1n;
    }
  }
  return { poolRupiah, totalWeight, shares, leftoverRupiah: leftover, unsharedRupiah: 0n };
}

/**
 * The claims with a remainder, largest remainder first (ties: larger weight, then smaller key).
 * Remainders are below the total weight; when that fits a double exactly (below 2^53, as any
 * cooperative's capital or participation does) they are compared as numbers, which sorts a
 * million claims several times faster than comparing bigints. The order is the same either way.
 */
function largestRemaindersFirst(
  shares: readonly ClaimShare[],
  remainders: readonly bigint[],
  totalWeight: bigint,
): Int32Array {
  let count = 0;
  for (const r of remainders) if (r > 0n) count++;
  const order = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < remainders.length; i++) if (remainders[i]! > 0n) order[k++] = i;
  const tie = (a: number, b: number) => {
    const wa = shares[a]!.weight;
    const wb = shares[b]!.weight;
    if (wa !== wb) return wa > wb ? -1 : 1;
    const ka = shares[a]!.key;
    const kb = shares[b]!.key;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  if (totalWeight <= BigInt(Number.MAX_SAFE_INTEGER)) {
    const r = new Float64Array(remainders.length);
    for (let i = 0; i < remainders.length; i++) r[i] = Number(remainders[i]!);
    order.sort((a, b) => r[b]! - r[a]! || tie(a, b));
  } else {
    order.sort((a, b) => {
      const ra = remainders[a]!;
      const rb = remainders[b]!;
      return ra !== rb ? (ra > rb ? -1 : 1) : tie(a, b);
    });
  }
  return order;
}
