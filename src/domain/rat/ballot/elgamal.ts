/**
 * Exponential ElGamal over ristretto255: Enc(m; r) = (g^r, g^m · h^r) for the election key h.
 * Multiplying ciphertexts adds plaintexts, so the board's ballots are summed without opening any;
 * only the sum is decrypted (tally.ts), and a small m is found from g^m by search.
 */
import {
  encodeMessage,
  gPow,
  IDENTITY,
  mulSecret,
  pointFromHex,
  pointToHex,
  type Point,
} from './group.js';

/** A ciphertext as points. */
export interface Ciphertext {
  alpha: Point;
  beta: Point;
}

/** A ciphertext as it travels and sits on the board: two point encodings (hex). */
export interface CiphertextJson {
  alpha: string;
  beta: string;
}

export function encrypt(publicKey: Point, m: bigint, r: bigint): Ciphertext {
  return { alpha: gPow(r), beta: encodeMessage(m).add(mulSecret(publicKey, r)) };
}

/** Enc(0; 0): the neutral element of the homomorphic sum. */
export const ZERO_CIPHERTEXT: Ciphertext = { alpha: IDENTITY, beta: IDENTITY };

/** Enc(m1; r1) · Enc(m2; r2) = Enc(m1 + m2; r1 + r2). */
export function addCiphertexts(a: Ciphertext, b: Ciphertext): Ciphertext {
  return { alpha: a.alpha.add(b.alpha), beta: a.beta.add(b.beta) };
}

/** The sum of many ciphertexts (ZERO_CIPHERTEXT for none). */
export const sumCiphertexts = (cts: readonly Ciphertext[]): Ciphertext =>
  cts.reduce(addCiphertexts, ZERO_CIPHERTEXT);

export const ciphertextToJson = (c: Ciphertext): CiphertextJson => ({
  alpha: pointToHex(c.alpha),
  beta: pointToHex(c.beta),
});

/** Throws EncodingError on a bad point. */
export const ciphertextFromJson = (c: CiphertextJson): Ciphertext => ({
  alpha: pointFromHex(c.alpha),
  beta: pointFromHex(c.beta),
});

/** g^m = beta / alpha^x for the whole secret key x (tests and a single-trustee election). */
export function decryptToPoint(c: Ciphertext, secretKey: bigint): Point {
  return c.beta.subtract(mulSecret(c.alpha, secretKey));
}
