/**
 * The prime-order group of the RAT ballots: ristretto255 (RFC 9496) from @noble/curves, with
 * sha256/sha512 from @noble/hashes, so the same code runs in the member's browser and in Node.
 *
 * Encodings (docs/domain/rat-ballots.md §format): a point is its canonical 32-byte ristretto255
 * encoding as 64 lowercase hex digits; a scalar is an integer mod the group order ℓ as 32 bytes
 * little-endian, 64 lowercase hex digits, and must be < ℓ (a non-canonical scalar is refused, so
 * a proof has one encoding only).
 */
import { ristretto255 } from '@noble/curves/ed25519.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import {
  bytesToHex,
  concatBytes,
  hexToBytes,
  randomBytes,
  utf8ToBytes,
} from '@noble/hashes/utils.js';

export const Point = ristretto255.Point;
export type Point = InstanceType<typeof ristretto255.Point>;

/** ℓ = 2^252 + 27742317777372353535851937790883648493, the order of the group. */
export const ORDER: bigint = Point.Fn.ORDER;

/** The generator g. */
export const G: Point = Point.BASE;
export const IDENTITY: Point = Point.ZERO;

/** x mod ℓ in [0, ℓ). */
export const mod = (x: bigint): bigint => {
  const r = x % ORDER;
  return r < 0n ? r + ORDER : r;
};

/** s·P for any scalar, 0 included (noble's constant-time multiply refuses 0). Public data only. */
export function mul(p: Point, s: bigint): Point {
  const k = mod(s);
  return k === 0n ? IDENTITY : p.multiplyUnsafe(k);
}

/** g^s in constant time (secrets: keys, nonces, randomness); 0 gives the identity. */
export function gPow(s: bigint): Point {
  const k = mod(s);
  return k === 0n ? IDENTITY : G.multiply(k);
}

/** s·P in constant time for a secret scalar (decryption shares); 0 gives the identity. */
export function mulSecret(p: Point, s: bigint): Point {
  const k = mod(s);
  return k === 0n ? IDENTITY : p.multiply(k);
}

/** A uniformly random non-zero scalar from the platform's CSPRNG (crypto.getRandomValues). */
export function randomScalar(): bigint {
  for (;;) {
    // 64 bytes reduced mod ℓ: bias below 2^-250
    const k = mod(bytesToBigLE(randomBytes(64)));
    if (k !== 0n) return k;
  }
}

function bytesToBigLE(b: Uint8Array): bigint {
  let x = 0n;
  for (let i = b.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(b[i] ?? 0);
  return x;
}

const HEX64 = /^[0-9a-f]{64}$/;

export class EncodingError extends Error {
  constructor(
    readonly what: 'point' | 'scalar',
    readonly value: string,
  ) {
    super(`not a ${what} encoding: ${value.slice(0, 80)}`);
    this.name = 'EncodingError';
  }
}

export const pointToHex = (p: Point): string => p.toHex();

/** A canonical ristretto255 encoding to its point; anything else throws EncodingError. */
export function pointFromHex(hex: string): Point {
  if (typeof hex !== 'string' || !HEX64.test(hex)) throw new EncodingError('point', String(hex));
  try {
    return Point.fromHex(hex);
  } catch {
    throw new EncodingError('point', hex);
  }
}

export function scalarToHex(s: bigint): string {
  let k = mod(s);
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    out[i] = Number(k & 0xffn);
    k >>= 8n;
  }
  return bytesToHex(out);
}

/** A canonical scalar (< ℓ) from 64 hex digits; anything else throws EncodingError. */
export function scalarFromHex(hex: string): bigint {
  if (typeof hex !== 'string' || !HEX64.test(hex)) throw new EncodingError('scalar', String(hex));
  const k = bytesToBigLE(hexToBytes(hex));
  if (k >= ORDER) throw new EncodingError('scalar', hex);
  return k;
}

/** Length-prefixed concatenation of UTF-8 parts, so ("ab","c") and ("a","bc") hash apart. */
export function framed(parts: readonly string[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    const bytes = utf8ToBytes(part);
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, bytes.length, false);
    chunks.push(len, bytes);
  }
  return concatBytes(...chunks);
}

/**
 * The Fiat-Shamir challenge: sha512 over a domain tag and every part (length-prefixed), reduced
 * mod ℓ. Callers pass the whole statement (election, question, key, ciphertext, commitments).
 */
export function hashToScalar(domain: string, parts: readonly string[]): bigint {
  return mod(bytesToBigLE(sha512(framed([domain, ...parts]))));
}

/** sha256 of a domain tag and parts, as 64 hex digits (board hashes, trackers). */
export function hashHex(domain: string, parts: readonly string[]): string {
  return bytesToHex(sha256(framed([domain, ...parts])));
}

/** g^m for a small integer m (a plaintext vote count or weight), public. */
export const encodeMessage = (m: bigint): Point => mul(G, m);
