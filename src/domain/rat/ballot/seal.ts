/**
 * Sealed shares of the key ceremony (docs/domain/rat-ballots.md, "Sealed shares").
 *
 * In the joint-Feldman ceremony (keys.ts) each dealer sends f_i(l) privately to keyholder l. The
 * server relays those shares, so they are sealed in the dealer's browser to keyholder l's public
 * key and the server only ever holds ciphertexts: it cannot rebuild the election key.
 *
 * Keyholder key: from a **keyholder code** (the only secret a keyholder keeps, written on paper):
 * secret = H("sokoguru/rat-ballot/v1/keyholder-key", election id, code) mod ℓ, public key g^secret.
 * The tag differs from the voting credential's, so the same code never gives the same key twice.
 *
 * Sealing (ECIES, ephemeral-static Diffie-Hellman on ristretto255, as in HPKE's base mode):
 *   e random, E = g^e, Z = e·P (P the recipient's key; the recipient computes secret·E);
 *   key ‖ nonce = HKDF-SHA256(ikm = Z, salt = tag, info = (E, P)), 32 + 12 bytes;
 *   ciphertext = ChaCha20-Poly1305(key, nonce, share, aad = (tag, election id, dealer, recipient)).
 * The associated data binds the share to its place: a share sealed for keyholder 2 does not open
 * as keyholder 3's, nor as another dealer's, nor in another election. A fresh ephemeral key per
 * share makes every (key, nonce) pair used once.
 *
 * Not authenticated to the dealer (ECIES is anonymous): anyone knowing P can seal something to it.
 * A forged share fails verifyDealtShare against the dealer's public commitments, so the recipient
 * notices; what it cannot notice is a server that swaps the registered keys of the others for its
 * own (a man in the middle). Keyholders compare the fingerprint of the registered keys
 * (`keyholderKeysFingerprint`) with each other before dealing.
 */
import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  framed,
  gPow,
  hashHex,
  hashToScalar,
  mulSecret,
  ORDER,
  pointFromHex,
  pointToHex,
  randomScalar,
  scalarFromHex,
  scalarToHex,
} from './group.js';
import {
  combineDealtShares,
  CREDENTIAL_CODE_LENGTH,
  deal,
  newCredentialCode,
  verifyDealtShare,
} from './keys.js';

/** Where a sealed share belongs: the election, who dealt it and for whom (keyholder indexes). */
export interface SealContext {
  electionId: string;
  dealer: number;
  recipient: number;
}

/** A keyholder's key pair for one election (hex). The secret never leaves the browser. */
export interface KeyholderKey {
  secret: string;
  publicKey: string;
}

const KEY_TAG = 'sokoguru/rat-ballot/v1/keyholder-key';
const SEAL_TAG = 'sokoguru/rat-ballot/v1/seal';
/** The envelope's prefix: format and version, so a later format can be told apart. */
export const SEALED_SHARE_PREFIX = 'sokoguru-seal/1';
/** prefix : ephemeral point (32 bytes) : ciphertext of a 32-byte scalar + 16-byte tag. */
const SEALED_RE = /^sokoguru-seal\/1:([0-9a-f]{64}):([0-9a-f]{96})$/;
/** The envelope's exact length (a share is always one 32-byte scalar). */
export const SEALED_SHARE_LENGTH = SEALED_SHARE_PREFIX.length + 1 + 64 + 1 + 96;

export const KEYHOLDER_CODE_LENGTH = CREDENTIAL_CODE_LENGTH;
const CODE_RE = /^[23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ]{22}$/;

/** A fresh keyholder code (22 characters, about 127 bits), made in the keyholder's browser. */
export const newKeyholderCode = (): string => newCredentialCode();

/** The code as typed back from paper: spaces and dashes between the groups are ignored. */
export const normalizeKeyholderCode = (input: string): string => input.replace(/[\s-]+/g, '');

export const isKeyholderCode = (input: string): boolean =>
  CODE_RE.test(normalizeKeyholderCode(input));

/** The code in groups of four (abcd-efgh-…), easier to copy onto paper and to read back. */
export function formatKeyholderCode(code: string): string {
  return (normalizeKeyholderCode(code).match(/.{1,4}/g) ?? []).join('-');
}

/** The keyholder's key for one election from their code; throws on something that is not a code. */
export function deriveKeyholderKey(code: string, electionId: string): KeyholderKey {
  const normalized = normalizeKeyholderCode(code);
  if (!CODE_RE.test(normalized)) throw new Error('not a keyholder code');
  const secret = hashToScalar(KEY_TAG, [electionId, normalized]);
  if (secret === 0n || secret >= ORDER) throw new Error('degenerate keyholder key');
  return { secret: scalarToHex(secret), publicKey: pointToHex(gPow(secret)) };
}

function contextParts(c: SealContext): string[] {
  if (
    !Number.isInteger(c.dealer) ||
    c.dealer < 1 ||
    !Number.isInteger(c.recipient) ||
    c.recipient < 1
  )
    throw new Error('dealer and recipient are keyholder indexes 1..n');
  return [SEAL_TAG, c.electionId, String(c.dealer), String(c.recipient)];
}

function keyAndNonce(
  dh: string,
  ephemeral: string,
  recipient: string,
): { key: Uint8Array; nonce: Uint8Array } {
  const okm = hkdf(
    sha256,
    hexToBytes(dh),
    utf8ToBytes(SEAL_TAG),
    framed(['key-and-nonce', ephemeral, recipient]),
    44,
  );
  return { key: okm.subarray(0, 32), nonce: okm.subarray(32, 44) };
}

/** Seals a dealt share (a scalar, hex) to the recipient keyholder's public key, for `context`. */
export function sealShare(recipientPublicKey: string, share: string, context: SealContext): string {
  const p = pointFromHex(recipientPublicKey);
  if (p.is0()) throw new Error('the recipient key is the identity');
  const plain = hexToBytes(scalarToHex(scalarFromHex(share)));
  const e = randomScalar();
  const ephemeral = pointToHex(gPow(e));
  const dh = pointToHex(mulSecret(p, e));
  const { key, nonce } = keyAndNonce(dh, ephemeral, recipientPublicKey);
  const aad = framed(contextParts(context));
  const ct = chacha20poly1305(key, nonce, aad).encrypt(plain);
  return `${SEALED_SHARE_PREFIX}:${ephemeral}:${bytesToHex(ct)}`;
}

/**
 * Whether a string is a sealed-share envelope (format, lengths, a valid non-identity ephemeral
 * point). The server checks this much; it cannot check what is inside.
 */
export function isSealedShare(sealed: unknown): boolean {
  if (typeof sealed !== 'string') return false;
  const m = SEALED_RE.exec(sealed);
  if (!m) return false;
  try {
    return !pointFromHex(m[1]!).is0();
  } catch {
    return false;
  }
}

/** Thrown when a sealed share does not open: wrong key or code, wrong place, or altered. */
export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealError';
  }
}

/**
 * Opens a sealed share with the keyholder's secret (hex) for `context`: the share (scalar, hex).
 * Throws SealError if it is not an envelope, was sealed to another key or for another place, or
 * was altered. A share that opens must still be checked with verifyDealtShare.
 */
export function openShare(secret: string, sealed: string, context: SealContext): string {
  const m = typeof sealed === 'string' ? SEALED_RE.exec(sealed) : null;
  if (!m) throw new SealError('not a sealed share');
  const x = scalarFromHex(secret);
  let ephemeralPoint;
  try {
    ephemeralPoint = pointFromHex(m[1]!);
  } catch {
    throw new SealError('not a sealed share');
  }
  if (ephemeralPoint.is0()) throw new SealError('not a sealed share');
  const dh = pointToHex(mulSecret(ephemeralPoint, x));
  const { key, nonce } = keyAndNonce(dh, m[1]!, pointToHex(gPow(x)));
  const aad = framed(contextParts(context));
  let plain: Uint8Array;
  try {
    plain = chacha20poly1305(key, nonce, aad).decrypt(hexToBytes(m[2]!));
  } catch {
    throw new SealError('the sealed share does not open with this key for this place');
  }
  try {
    return scalarToHex(scalarFromHex(bytesToHex(plain)));
  } catch {
    throw new SealError('the sealed share holds no scalar');
  }
}

/**
 * The dealing of keyholder `me`: a random polynomial of degree k−1, its commitments, and share l
 * sealed to keyholder l's registered key (its own included). The polynomial is forgotten at once.
 * The body a keyholder posts to the ceremony; `openDealtShares` is the recipients' side of it.
 */
export function sealedDealing(
  electionId: string,
  me: number,
  threshold: number,
  keys: readonly string[],
): { commitments: string[]; sealedShares: string[] } {
  const d = deal(threshold, keys.length);
  return {
    commitments: d.commitments,
    sealedShares: d.shares.map((share, l) =>
      sealShare(keys[l]!, share, { electionId, dealer: me, recipient: l + 1 }),
    ),
  };
}

/** What was dealt to one keyholder: per dealer, its commitments and the share sealed for it. */
export interface DealtToMe {
  dealer: number;
  commitments: readonly string[];
  sealedShare: string;
}

/**
 * A keyholder's secret share from what was dealt to it: each dealer's sealed share opened with the
 * keyholder's secret and checked against that dealer's commitments, then combined. Every one of
 * the n dealers must be there and pass; otherwise the dealers whose share does not open or does
 * not match are named (`missing` also counts a dealer with no dealing), and nothing is combined.
 */
export function openDealtShares(
  secret: string,
  electionId: string,
  me: number,
  trustees: number,
  dealt: readonly DealtToMe[],
): { ok: true; secretShare: string } | { ok: false; badDealers: number[] } {
  const shares: string[] = [];
  const badDealers: number[] = [];
  for (let dealer = 1; dealer <= trustees; dealer++) {
    const d = dealt.find((x) => x.dealer === dealer);
    let share: string | undefined;
    if (d)
      try {
        share = openShare(secret, d.sealedShare, { electionId, dealer, recipient: me });
      } catch (e) {
        if (!(e instanceof SealError)) throw e;
      }
    if (d && share !== undefined && verifyDealtShare(d.commitments, me, share)) shares.push(share);
    else badDealers.push(dealer);
  }
  return badDealers.length > 0
    ? { ok: false, badDealers }
    : { ok: true, secretShare: combineDealtShares(shares) };
}

/**
 * A short fingerprint of the registered keyholder keys in keyholder order (16 hex digits in groups
 * of four): keyholders read it to each other before dealing, so a server that swapped a key for
 * its own would show them different fingerprints.
 */
export function keyholderKeysFingerprint(publicKeys: readonly string[]): string {
  const h = hashHex('sokoguru/rat-ballot/v1/keyholder-keys', [...publicKeys]);
  return (h.slice(0, 16).match(/.{4}/g) ?? []).join(' ');
}
