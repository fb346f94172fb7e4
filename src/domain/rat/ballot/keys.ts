/**
 * Keys of a RAT election.
 *
 * Election key, k of n pengawas keyholders (trustees), without a trusted dealer: the joint-Feldman
 * distributed key generation of Pedersen (EUROCRYPT 1991). Each trustee i deals a random polynomial
 * f_i of degree k−1: it publishes Feldman commitments C_i,j = g^(a_i,j) and sends f_i(l) privately
 * to trustee l, who checks it against the commitments. Trustee l's secret share is x_l = Σ_i f_i(l);
 * the election key is h = Π_i C_i,0 and trustee l's public verification key vk_l = g^(x_l) is
 * computed by anyone from the commitments alone. No single party ever holds the whole secret.
 * (Joint-Feldman lets a dishonest trustee bias h's distribution; Gennaro, Jarecki, Krawczyk and
 * Rabin, CT-RSA 2003, show ElGamal encryption stays secure with such a key.) Sending the shares
 * privately is the caller's job (each trustee's own device); this module only computes.
 *
 * Voting credentials: a pseudonym key pair per voter and election (Belenios-style): the secret is
 * derived from a credential code that only the voter holds; the pseudonym g^secret is public and
 * registered on the board with its weight, without any member id.
 */
import {
  G,
  gPow,
  hashToScalar,
  mod,
  mul,
  ORDER,
  pointFromHex,
  pointToHex,
  randomScalar,
  scalarFromHex,
  scalarToHex,
  type Point,
} from './group.js';

/** Most trustees of one election (pengawas are typically 3–5). */
export const TRUSTEES_MAX = 32;

/** One trustee's dealing: the public commitments and the secret shares for trustees 1..n. */
export interface Dealing {
  /** C_j = g^(a_j), j = 0..k−1 (public, goes on the board's manifest). */
  commitments: string[];
  /** f(l) for l = 1..n, index l−1 (secret: each sent only to trustee l). */
  shares: string[];
}

function checkParams(threshold: number, trustees: number): void {
  if (!Number.isInteger(trustees) || trustees < 1 || trustees > TRUSTEES_MAX)
    throw new Error(`trustees must be 1..${TRUSTEES_MAX}`);
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > trustees)
    throw new Error('threshold must be 1..trustees');
}

/** Σ_j C_j · l^j: g^(f(l)) from the commitments. */
function committedValue(commitments: readonly Point[], l: number): Point {
  let acc = G.subtract(G);
  let power = 1n;
  for (const c of commitments) {
    acc = acc.add(mul(c, power));
    power = mod(power * BigInt(l));
  }
  return acc;
}

/** Trustee's first step of the key ceremony: a random polynomial of degree threshold−1. */
export function deal(threshold: number, trustees: number): Dealing {
  checkParams(threshold, trustees);
  const coefficients = Array.from({ length: threshold }, () => randomScalar());
  const shares: string[] = [];
  for (let l = 1; l <= trustees; l++) {
    let y = 0n;
    for (let j = coefficients.length - 1; j >= 0; j--)
      y = mod(y * BigInt(l) + (coefficients[j] ?? 0n));
    shares.push(scalarToHex(y));
  }
  return { commitments: coefficients.map((a) => pointToHex(gPow(a))), shares };
}

/** Trustee `to` checks a share it received against the dealer's published commitments. */
export function verifyDealtShare(
  commitments: readonly string[],
  to: number,
  share: string,
): boolean {
  try {
    const expected = committedValue(commitments.map(pointFromHex), to);
    return gPow(scalarFromHex(share)).equals(expected);
  } catch {
    return false;
  }
}

/** Trustee l's secret key share: the sum of the shares it received from every dealer (hex). */
export function combineDealtShares(received: readonly string[]): string {
  return scalarToHex(received.reduce((acc, s) => mod(acc + scalarFromHex(s)), 0n));
}

/**
 * The election public key and each trustee's verification key from all dealers' commitments
 * (dealer order does not matter). Throws EncodingError on a bad point.
 */
export function electionKeys(
  commitmentsByDealer: readonly (readonly string[])[],
  trustees: number,
): { publicKey: string; verificationKeys: string[] } {
  const dealers = commitmentsByDealer.map((cs) => cs.map(pointFromHex));
  const zero = G.subtract(G);
  const publicKey = dealers.reduce((acc, cs) => acc.add(cs[0] ?? zero), zero);
  const verificationKeys: string[] = [];
  for (let l = 1; l <= trustees; l++)
    verificationKeys.push(
      pointToHex(dealers.reduce((acc, cs) => acc.add(committedValue(cs, l)), zero)),
    );
  return { publicKey: pointToHex(publicKey), verificationKeys };
}

/** The result of a key ceremony run in one process: for tests, benchmarks and demo data. */
export interface LocalCeremony {
  threshold: number;
  /** Each dealer's commitments, in trustee order (the manifest's `trustees[i].commitments`). */
  commitments: string[][];
  /** Trustee l's secret share at index l−1 (hex). */
  secretShares: string[];
  publicKey: string;
  verificationKeys: string[];
}

/**
 * Every trustee's part of the ceremony in one process. A real election runs `deal` on each
 * trustee's own device; here one process sees every secret, so use it for tests and demos only.
 */
export function localCeremony(threshold: number, trustees: number): LocalCeremony {
  checkParams(threshold, trustees);
  const dealings = Array.from({ length: trustees }, () => deal(threshold, trustees));
  const secretShares: string[] = [];
  for (let l = 1; l <= trustees; l++) {
    const received = dealings.map((d) => d.shares[l - 1] ?? '');
    dealings.forEach((d, i) => {
      if (!verifyDealtShare(d.commitments, l, received[i] ?? ''))
        throw new Error(`dealer ${i + 1} gave trustee ${l} a bad share`);
    });
    secretShares.push(combineDealtShares(received));
  }
  const commitments = dealings.map((d) => d.commitments);
  return { threshold, commitments, secretShares, ...electionKeys(commitments, trustees) };
}

/** A voter's pseudonym key pair for one election. */
export interface Credential {
  /** The secret scalar (hex): stays with the voter (browser), never sent to the server. */
  secret: string;
  /** g^secret (hex): registered on the board with the voter's weight. */
  pseudonym: string;
}

/** Characters of a credential code: no 0/O/1/l/I, so it can be read aloud or typed from paper. */
const CODE_ALPHABET = '23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
export const CREDENTIAL_CODE_LENGTH = 22;

/** A fresh random credential code (about 127 bits), for the credential authority to hand out. */
export function newCredentialCode(): string {
  let out = '';
  while (out.length < CREDENTIAL_CODE_LENGTH) {
    // rejection sampling over a byte keeps every character equally likely
    const b = Number(randomScalar() & 0xffn);
    if (b < CODE_ALPHABET.length * Math.floor(256 / CODE_ALPHABET.length))
      out += CODE_ALPHABET[b % CODE_ALPHABET.length];
  }
  return out;
}

/** The credential of a code for one election: the same code gives the same pseudonym. */
export function deriveCredential(code: string, electionId: string): Credential {
  const secret = hashToScalar('sokoguru/rat-ballot/v1/credential', [electionId, code]);
  if (secret === 0n || secret >= ORDER) throw new Error('degenerate credential');
  return { secret: scalarToHex(secret), pseudonym: pointToHex(gPow(secret)) };
}
