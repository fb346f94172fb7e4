/**
 * Zero-knowledge proofs of the ballots and the tally, all made non-interactive by the STRONG
 * Fiat-Shamir transform: every challenge hashes the whole statement (election id, question id,
 * election public key, the voter's pseudonym, which ciphertext, the allowed plaintexts, the
 * ciphertext itself) together with the commitments. Helios 2.0/3.x hashed only the commitments
 * (the "weak Fiat-Shamir" of Bernhard, Pereira and Warinschi, ASIACRYPT 2012), which let a forged
 * ballot or a malicious trustee choose the statement after the challenge; that is the pitfall.
 *
 * Proofs carry their commitments, challenges and responses; the verifier checks the challenges
 * hash back and the equations in a batch (batch.ts; docs/domain/rat-ballots.md §proofs).
 */
import { Batch } from './batch.js';
import type { Ciphertext } from './elgamal.js';
import {
  encodeMessage,
  G,
  gPow,
  hashToScalar,
  mod,
  mul,
  mulSecret,
  pointFromHex,
  pointToHex,
  randomScalar,
  scalarFromHex,
  scalarToHex,
  type Point,
} from './group.js';

/** What every ballot proof's challenge binds besides the ciphertext and commitments. */
export interface ProofContext {
  electionId: string;
  questionId: string;
  /** The election public key h (hex). */
  publicKey: string;
  /** The voter's pseudonym (hex): a proof cannot be lifted into another voter's ballot. */
  pseudonym: string;
  /** Which statement: `choice:<index>` or `sum`. */
  label: string;
}

/**
 * A disjunctive Chaum-Pedersen (CDS) proof, one branch per allowed value m_j: the commitments
 * (A_j, B_j) in order A_0, B_0, A_1, B_1, …, and per branch a challenge and a response. Branch j
 * holds when A_j = g^s_j / α^c_j and B_j = h^s_j / (β/g^m_j)^c_j; the challenges
 * must add up to the hash of the statement and all commitments, so only one branch can be real.
 * The commitments travel with the proof (as in Helios) so that a verifier can check many
 * proofs in one multi-scalar multiplication (batch.ts).
 */
export interface MembershipProofJson {
  commitments: string[];
  challenges: string[];
  responses: string[];
}

const MEMBERSHIP = 'sokoguru/rat-ballot/v1/membership';
const DLEQ = 'sokoguru/rat-ballot/v1/decryption-share';
const SCHNORR = 'sokoguru/rat-ballot/v1/signature';

function membershipChallenge(
  ctx: ProofContext,
  allowed: readonly bigint[],
  ctHex: { alpha: string; beta: string },
  commitments: readonly string[],
): bigint {
  return hashToScalar(MEMBERSHIP, [
    ctx.electionId,
    ctx.questionId,
    ctx.publicKey,
    ctx.pseudonym,
    ctx.label,
    allowed.join(','),
    ctHex.alpha,
    ctHex.beta,
    ...commitments,
  ]);
}

/**
 * Proves that `ct` = Enc(m; r) under `publicKey` with m one of `allowed`, without saying which.
 * Throws if m is not allowed: a ballot for 2, −1 or a value outside the set has no proof.
 */
export function proveMembership(
  ctx: ProofContext,
  publicKey: Point,
  ct: Ciphertext,
  m: bigint,
  r: bigint,
  allowed: readonly bigint[],
): MembershipProofJson {
  const real = allowed.indexOf(m);
  if (real < 0) throw new Error(`plaintext ${m} is not one of the allowed values`);
  const n = allowed.length;
  const challenges: bigint[] = new Array<bigint>(n).fill(0n);
  const responses: bigint[] = new Array<bigint>(n).fill(0n);
  const commitments: string[] = [];
  const w = randomScalar();
  for (let j = 0; j < n; j++) {
    if (j === real) {
      commitments.push(pointToHex(gPow(w)), pointToHex(mulSecret(publicKey, w)));
      continue;
    }
    // simulated branch: pick the challenge and response, solve for the commitments
    const c = randomScalar();
    const s = randomScalar();
    challenges[j] = c;
    responses[j] = s;
    const shifted = ct.beta.subtract(encodeMessage(allowed[j] ?? 0n));
    // constant-time like the real branch, so timing does not tell which branch is simulated
    commitments.push(
      pointToHex(gPow(s).subtract(mulSecret(ct.alpha, c))),
      pointToHex(mulSecret(publicKey, s).subtract(mulSecret(shifted, c))),
    );
  }
  const ctHex = { alpha: pointToHex(ct.alpha), beta: pointToHex(ct.beta) };
  const total = membershipChallenge(ctx, allowed, ctHex, commitments);
  const others = challenges.reduce((a, c) => a + c, 0n);
  challenges[real] = mod(total - others);
  responses[real] = mod(w + (challenges[real] ?? 0n) * r);
  return {
    commitments,
    challenges: challenges.map(scalarToHex),
    responses: responses.map(scalarToHex),
  };
}

/**
 * Checks the proof's challenges against the hash and adds its equations to `batch`; false if the
 * shape or the hash is wrong (then nothing is added). `ctHex` is the ciphertext's encoding when
 * it is at hand (as received), to save encoding it again. Throws EncodingError on bad hex.
 */
export function addMembershipProof(
  batch: Batch,
  ctx: ProofContext,
  publicKey: Point,
  ct: Ciphertext,
  allowed: readonly bigint[],
  proof: MembershipProofJson,
  ctHex?: { alpha: string; beta: string },
): boolean {
  const n = allowed.length;
  if (
    proof.challenges.length !== n ||
    proof.responses.length !== n ||
    proof.commitments.length !== 2 * n
  )
    return false;
  const challenges = proof.challenges.map(scalarFromHex);
  const responses = proof.responses.map(scalarFromHex);
  const commitments = proof.commitments.map(pointFromHex);
  const hex = ctHex ?? { alpha: pointToHex(ct.alpha), beta: pointToHex(ct.beta) };
  const sum = challenges.reduce((a, c) => a + c, 0n);
  if (mod(sum) !== membershipChallenge(ctx, allowed, hex, proof.commitments)) return false;
  for (let j = 0; j < n; j++) {
    const c = challenges[j] ?? 0n;
    const s = responses[j] ?? 0n;
    const a = commitments[2 * j];
    const b = commitments[2 * j + 1];
    if (!a || !b) return false;
    // A_j + c·α − s·g = 0 and B_j + c·β − c·m_j·g − s·h = 0
    batch.equation(batch.weight(), [
      [a, 1n],
      [ct.alpha, c],
      [G, -s],
    ]);
    batch.equation(batch.weight(), [
      [b, 1n],
      [ct.beta, c],
      [G, -c * (allowed[j] ?? 0n)],
      [publicKey, -s],
    ]);
  }
  return true;
}

/**
 * True if the proof shows `ct` encrypts one of `allowed`. Throws EncodingError on a malformed
 * scalar or point; false for a well-formed proof that does not verify.
 */
export function verifyMembership(
  ctx: ProofContext,
  publicKey: Point,
  ct: Ciphertext,
  allowed: readonly bigint[],
  proof: MembershipProofJson,
): boolean {
  const batch = new Batch();
  return addMembershipProof(batch, ctx, publicKey, ct, allowed, proof) && batch.holds();
}

/** A Chaum-Pedersen proof of equal discrete logarithms (one challenge, one response). */
export interface DleqProofJson {
  challenge: string;
  response: string;
}

/** What a decryption share's challenge binds. */
export interface ShareContext {
  electionId: string;
  questionId: string;
  choice: number;
  trustee: number;
}

function dleqChallenge(
  ctx: ShareContext,
  key: Point,
  base: Point,
  share: Point,
  a: Point,
  b: Point,
): bigint {
  return hashToScalar(DLEQ, [
    ctx.electionId,
    ctx.questionId,
    String(ctx.choice),
    String(ctx.trustee),
    pointToHex(key),
    pointToHex(base),
    pointToHex(share),
    pointToHex(a),
    pointToHex(b),
  ]);
}

/** Proves log_g(key) = log_base(share) = x: the trustee's share is base^x for its own key. */
export function proveDleq(ctx: ShareContext, x: bigint, base: Point): DleqProofJson {
  const w = randomScalar();
  const key = gPow(x);
  const share = mulSecret(base, x);
  const c = dleqChallenge(ctx, key, base, share, gPow(w), mulSecret(base, w));
  return { challenge: scalarToHex(c), response: scalarToHex(mod(w + c * x)) };
}

export function verifyDleq(
  ctx: ShareContext,
  key: Point,
  base: Point,
  share: Point,
  proof: DleqProofJson,
): boolean {
  const c = scalarFromHex(proof.challenge);
  const s = scalarFromHex(proof.response);
  const a = mul(G, s).subtract(mul(key, c));
  const b = mul(base, s).subtract(mul(share, c));
  return c === dleqChallenge(ctx, key, base, share, a, b);
}

/** A Schnorr signature by a pseudonym key: the commitment R and the response s. */
export interface SignatureJson {
  commitment: string;
  response: string;
}

function schnorrChallenge(publicKey: string, r: string, message: string): bigint {
  return hashToScalar(SCHNORR, [publicKey, r, message]);
}

export function sign(secretKey: bigint, message: string): SignatureJson {
  const k = randomScalar();
  const r = pointToHex(gPow(k));
  const e = schnorrChallenge(pointToHex(gPow(secretKey)), r, message);
  return { commitment: r, response: scalarToHex(mod(k + e * secretKey)) };
}

/** Adds the signature's equation R + e·P − s·g = 0 to `batch`. Throws EncodingError on bad hex. */
export function addSignature(
  batch: Batch,
  publicKey: Point,
  publicKeyHex: string,
  message: string,
  sig: SignatureJson,
): void {
  const r = pointFromHex(sig.commitment);
  const s = scalarFromHex(sig.response);
  const e = schnorrChallenge(publicKeyHex, sig.commitment, message);
  batch.equation(batch.weight(), [
    [r, 1n],
    [publicKey, e],
    [G, -s],
  ]);
}

export function verifySignature(publicKey: Point, message: string, sig: SignatureJson): boolean {
  const batch = new Batch();
  addSignature(batch, publicKey, pointToHex(publicKey), message, sig);
  return batch.holds();
}
