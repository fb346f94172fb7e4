/**
 * Batch verification of the proofs' equations: instead of checking each `s·X = A + c·Y` alone,
 * the verifier multiplies each by a fresh random 128-bit weight of its own and checks that the
 * sum is the identity with one multi-scalar multiplication (Straus' interleaved wNAF for a ballot,
 * noble's Pippenger for many). A false equation slips through with probability about 2^-128
 * (Bellare, Garay and Rabin, EUROCRYPT 1998). Several times faster than the equations one by
 * one; a failing batch is re-checked ballot by ballot to say which ballot is wrong (verify.ts).
 */
import { pippenger } from '@noble/curves/abstract/curve.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { mod, Point } from './group.js';

export class Batch {
  private readonly terms = new Map<Point, bigint>();

  /** A random non-zero 128-bit weight for one equation. */
  weight(): bigint {
    let z = 0n;
    for (const b of randomBytes(16)) z = (z << 8n) | BigInt(b);
    return z === 0n ? 1n : z;
  }

  /** Adds s·p to the sum (the same Point object accumulates one coefficient). */
  add(p: Point, s: bigint): void {
    this.terms.set(p, mod((this.terms.get(p) ?? 0n) + s));
  }

  /** Adds z·(lhs − Σ terms) = 0 for an equation `lhs = Σ s_i·p_i` written as pairs. */
  equation(z: bigint, terms: readonly (readonly [Point, bigint])[]): void {
    for (const [p, s] of terms) this.add(p, z * s);
  }

  /** Takes over another batch's equations. */
  merge(other: Batch): void {
    for (const [p, s] of other.terms) this.add(p, s);
  }

  /** True if every equation added holds (up to 2^-128). */
  holds(): boolean {
    if (this.terms.size === 0) return true;
    const points = [...this.terms.keys()];
    const scalars = points.map((p) => this.terms.get(p) ?? 0n);
    return (
      points.length > STRAUS_POINTS_MAX
        ? pippenger(Point, points, scalars)
        : straus(points, scalars)
    ).is0();
  }
}

/**
 * Up to this many points Straus' interleaved wNAF; above, noble's Pippenger. Measured here: a
 * ballot's 24 points (many with 128-bit weights) 3.8 ms against 9.5 ms; at 1,400 points the two
 * are within 10 %.
 */
const STRAUS_POINTS_MAX = 256;
const WNAF_WIDTH = 5;

/** The width-w non-adjacent form of k ≥ 0, least significant digit first (odd digits < 2^(w−1)). */
function wnaf(k: bigint, w: number): Int8Array {
  const digits = new Int8Array(256);
  const full = 1 << w;
  const half = 1 << (w - 1);
  const mask = BigInt(full - 1);
  let i = 0;
  let x = k;
  while (x > 0n) {
    if (x & 1n) {
      let d = Number(x & mask);
      if (d >= half) d -= full;
      digits[i] = d;
      x -= BigInt(d);
    }
    x >>= 1n;
    i++;
  }
  return digits.subarray(0, i);
}

/** Σ s_i·P_i by interleaved wNAF (variable time: public data only). */
export function straus(points: readonly Point[], scalars: readonly bigint[]): Point {
  const tables = points.map((p) => {
    // odd multiples P, 3P, …, (2^(w−1) − 1)P
    const twice = p.double();
    const t = [p];
    for (let j = 1; j < 1 << (WNAF_WIDTH - 2); j++) t.push((t[j - 1] ?? p).add(twice));
    return t;
  });
  const digits = scalars.map((s) => wnaf(mod(s), WNAF_WIDTH));
  const length = digits.reduce((m, d) => Math.max(m, d.length), 0);
  let acc = Point.ZERO;
  for (let i = length - 1; i >= 0; i--) {
    acc = acc.double();
    for (let j = 0; j < digits.length; j++) {
      const d = digits[j]?.[i] ?? 0;
      if (d > 0) acc = acc.add(tables[j]?.[(d - 1) >> 1] ?? Point.ZERO);
      else if (d < 0) acc = acc.subtract(tables[j]?.[(-d - 1) >> 1] ?? Point.ZERO);
    }
  }
  return acc;
}
