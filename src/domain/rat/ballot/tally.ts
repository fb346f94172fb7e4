/**
 * The tally: per question and choice, the product of the counted ballots' ciphertexts (the last
 * ballot per pseudonym before the close), decrypted only as a total, jointly by k of the n
 * trustees. Each trustee publishes alpha^(x_i) with a Chaum-Pedersen proof against its
 * verification key; k valid shares are combined with Lagrange coefficients at 0, and the small
 * total m is found from g^m by baby-step giant-step over 0..(counted weight).
 */
import {
  addCiphertexts,
  ciphertextFromJson,
  ciphertextToJson,
  ZERO_CIPHERTEXT,
  type Ciphertext,
  type CiphertextJson,
} from './elgamal.js';
import {
  G,
  IDENTITY,
  mod,
  mul,
  mulSecret,
  ORDER,
  pointFromHex,
  pointToHex,
  scalarFromHex,
  type Point,
} from './group.js';
import { proveDleq, verifyDleq, type ShareContext } from './proofs.js';
import {
  TOTAL_WEIGHT_MAX,
  type BallotJson,
  type BoardEntry,
  type DecryptionJson,
  type ManifestJson,
  type TallyJson,
  type TallyQuestionJson,
  type TrusteeDecryption,
} from './board.js';

/** The ballots that count: per question, the last ballot of each pseudonym, in board order. */
export interface CountedQuestion {
  questionId: string;
  ballots: { seq: number; ballot: BallotJson }[];
  /** Ballots on the board for this question that a later ballot of the same pseudonym replaced. */
  superseded: number[];
}

/**
 * Applies the counting rules to the entries: ballots before the first close, for a question of
 * the manifest, by a pseudonym registered earlier; the last one per pseudonym and question counts.
 */
export function countedBallots(manifest: ManifestJson, entries: readonly BoardEntry[]) {
  const registered = new Set<string>();
  const last = new Map<string, Map<string, { seq: number; ballot: BallotJson }>>();
  const superseded = new Map<string, number[]>();
  for (const q of manifest.questions) {
    last.set(q.id, new Map());
    superseded.set(q.id, []);
  }
  for (const e of entries) {
    if (e.kind === 'close') break;
    if (e.kind === 'credentials') {
      for (const c of e.credentials) registered.add(c.pseudonym);
      continue;
    }
    const byPseudonym = last.get(e.ballot.questionId);
    if (!byPseudonym || !registered.has(e.ballot.pseudonym)) continue;
    const before = byPseudonym.get(e.ballot.pseudonym);
    if (before) superseded.get(e.ballot.questionId)?.push(before.seq);
    byPseudonym.set(e.ballot.pseudonym, { seq: e.seq, ballot: e.ballot });
  }
  return manifest.questions.map((q): CountedQuestion => ({
    questionId: q.id,
    ballots: [...(last.get(q.id)?.values() ?? [])].sort((a, b) => a.seq - b.seq),
    superseded: superseded.get(q.id) ?? [],
  }));
}

/** The encrypted totals per question and choice (nothing is decrypted). Throws on a bad point. */
export function tallyCiphertexts(
  manifest: ManifestJson,
  entries: readonly BoardEntry[],
): Omit<TallyQuestionJson, 'counts'>[] {
  return countedBallots(manifest, entries).map((cq, qi) => {
    const question = manifest.questions[qi];
    const sums: Ciphertext[] = (question?.choices ?? []).map(() => ZERO_CIPHERTEXT);
    let weight = 0;
    for (const { ballot } of cq.ballots) {
      weight += ballot.weight;
      ballot.choices.forEach((c, j) => {
        const s = sums[j];
        if (s) sums[j] = addCiphertexts(s, ciphertextFromJson(c));
      });
    }
    return {
      questionId: cq.questionId,
      ballots: cq.ballots.length,
      weight,
      ciphertexts: sums.map(ciphertextToJson),
    };
  });
}

export const shareContext = (
  manifest: ManifestJson,
  questionId: string,
  choice: number,
  trustee: number,
): ShareContext => ({ electionId: manifest.electionId, questionId, choice, trustee });

/** A trustee's decryption shares of every tallied ciphertext, each with its proof. */
export function trusteeDecrypt(
  manifest: ManifestJson,
  questions: readonly Pick<TallyQuestionJson, 'questionId' | 'ciphertexts'>[],
  trustee: number,
  secretShare: string,
): TrusteeDecryption {
  const x = scalarFromHex(secretShare);
  return {
    trustee,
    questions: questions.map((q) => ({
      questionId: q.questionId,
      decryptions: q.ciphertexts.map((ct, j): DecryptionJson => {
        const alpha = pointFromHex(ct.alpha);
        const proof = proveDleq(shareContext(manifest, q.questionId, j, trustee), x, alpha);
        return { share: pointToHex(mulSecret(alpha, x)), proof };
      }),
    })),
  };
}

/** True if the share verifies against the trustee's key; false if not or malformed. */
export function checkDecryption(
  manifest: ManifestJson,
  verificationKey: Point,
  questionId: string,
  choice: number,
  trustee: number,
  ciphertext: CiphertextJson,
  decryption: DecryptionJson | undefined,
): boolean {
  if (!decryption) return false;
  try {
    return verifyDleq(
      shareContext(manifest, questionId, choice, trustee),
      verificationKey,
      pointFromHex(ciphertext.alpha),
      pointFromHex(decryption.share),
      decryption.proof,
    );
  } catch {
    return false;
  }
}

/** λ_i at 0 for the trustees `indices` (distinct, 1..n). */
export function lagrangeAtZero(i: number, indices: readonly number[]): bigint {
  let num = 1n;
  let den = 1n;
  for (const j of indices) {
    if (j === i) continue;
    num = mod(num * BigInt(j));
    den = mod(den * BigInt(j - i));
  }
  return mod(num * modPow(den, ORDER - 2n));
}

function modPow(b: bigint, e: bigint): bigint {
  let result = 1n;
  let base = mod(b);
  let exp = e;
  while (exp > 0n) {
    if (exp & 1n) result = mod(result * base);
    base = mod(base * base);
    exp >>= 1n;
  }
  return result;
}

/** g^m from a ciphertext and k shares { trustee index, alpha^(x_i) }. */
export function combineShares(
  ciphertext: Ciphertext,
  shares: readonly { trustee: number; share: Point }[],
): Point {
  const indices = shares.map((s) => s.trustee);
  const blind = shares.reduce(
    (acc, s) => acc.add(mul(s.share, lagrangeAtZero(s.trustee, indices))),
    IDENTITY,
  );
  return ciphertext.beta.subtract(blind);
}

/** m with g^m = target and 0 ≤ m ≤ bound, by baby-step giant-step; undefined if none. */
export function discreteLog(target: Point, bound: number): number | undefined {
  if (!Number.isSafeInteger(bound) || bound < 0 || bound > TOTAL_WEIGHT_MAX) return undefined;
  const step = Math.ceil(Math.sqrt(bound + 1));
  const baby = new Map<string, number>();
  let p = IDENTITY;
  for (let j = 0; j < step; j++) {
    baby.set(pointToHex(p), j);
    p = p.add(G);
  }
  const giant = mul(G, BigInt(step));
  let t = target;
  for (let i = 0; i * step <= bound; i++) {
    const j = baby.get(pointToHex(t));
    if (j !== undefined) {
      const m = i * step + j;
      return m <= bound ? m : undefined;
    }
    t = t.subtract(giant);
  }
  return undefined;
}

export class TallyError extends Error {
  constructor(
    readonly code: 'too-few-shares' | 'not-found',
    message: string,
  ) {
    super(message);
    this.name = 'TallyError';
  }
}

/**
 * The tally of a closed board whose ballots were each checked (checkBallot) before they were
 * appended (verifyBoard checks them all again): encrypted totals, the trustees' decryptions whose proofs verify
 * (the first `threshold` of them are combined; a bad one is left out), and the counts. Throws
 * TallyError if fewer than `threshold` trustees gave valid shares for every ciphertext.
 */
export function combineTally(
  manifest: ManifestJson,
  entries: readonly BoardEntry[],
  decryptions: readonly TrusteeDecryption[],
  verificationKeys: readonly string[],
): TallyJson {
  const questions = tallyCiphertexts(manifest, entries);
  const vks = verificationKeys.map(pointFromHex);
  const valid = decryptions.filter((d) => {
    const vk = vks[d.trustee - 1];
    return (
      vk !== undefined &&
      questions.every((q, qi) =>
        q.ciphertexts.every((ct, j) =>
          checkDecryption(
            manifest,
            vk,
            q.questionId,
            j,
            d.trustee,
            ct,
            d.questions[qi]?.questionId === q.questionId
              ? d.questions[qi]?.decryptions[j]
              : undefined,
          ),
        ),
      )
    );
  });
  const chosen = [...new Map(valid.map((d) => [d.trustee, d])).values()].slice(
    0,
    manifest.threshold,
  );
  if (chosen.length < manifest.threshold)
    throw new TallyError(
      'too-few-shares',
      `${chosen.length} valid trustee decryptions, ${manifest.threshold} needed`,
    );
  const withCounts = questions.map((q, qi): TallyQuestionJson => {
    const counts = q.ciphertexts.map((ct, j) => {
      const gm = combineShares(
        ciphertextFromJson(ct),
        chosen.map((d) => ({
          trustee: d.trustee,
          share: pointFromHex(d.questions[qi]?.decryptions[j]?.share ?? ''),
        })),
      );
      const m = discreteLog(gm, q.weight);
      if (m === undefined)
        throw new TallyError('not-found', `no total ≤ ${q.weight} for ${q.questionId}[${j}]`);
      return m;
    });
    return { ...q, counts };
  });
  const head = entries[entries.length - 1];
  return { headHash: head?.hash ?? '', questions: withCounts, decryptions: chosen };
}
