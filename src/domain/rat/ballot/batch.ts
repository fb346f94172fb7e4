/**
 * Batch verification of the proofs' equations: instead of checking each `s·X = A + c·Y` alone,
 * the verifier multiplies each by a fresh random 128-bit weight of its own and checks that the
 * sum is the identity with one multi-scalar multiplication (Pippenger). A false equation slips
 * through with probability about 2^-128 (Bellare, Garay and Rabin, EUROCRYPT 1998). About three
 * times faster than the equations one by one; a failing batch is re-checked ballot by ballot to
 * say which ballot is wrong (verify.ts).
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
    return pippenger(Point, points, scalars).is0();
  }
}
