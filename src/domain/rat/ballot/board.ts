/**
 * The RAT ballot board: the election's manifest and a hash chain of entries (credential
 * registrations, ballots, the close), then the tally. Everything is JSON with points and scalars
 * as hex, so the board can be published as one file and re-checked by anyone
 * (`sokoguru rat verify --board FILE`, verify.ts). No entry names a member: a ballot carries the
 * voter's pseudonym (keys.ts), a registration carries pseudonyms and weights only.
 * Format and trust assumptions: docs/domain/rat-ballots.md.
 */
import { encrypt, ciphertextToJson, sumCiphertexts, type CiphertextJson } from './elgamal.js';
import { hashHex, pointFromHex, randomScalar, scalarFromHex, mod } from './group.js';
import {
  proveMembership,
  sign,
  type MembershipProofJson,
  type ProofContext,
  type SignatureJson,
} from './proofs.js';

export const BOARD_FORMAT = 'sokoguru-rat-board/1';

/** Limits: choices per question, questions per election, a voter's weight, a question's total. */
export const CHOICES_MAX = 64;
export const QUESTIONS_MAX = 100;
export const WEIGHT_MAX = 1000;
/** The most a choice can total (the decryption searches 0..this); see tally.ts. */
export const TOTAL_WEIGHT_MAX = 1_000_000;

export interface QuestionJson {
  id: string;
  text: string;
  /** e.g. ["setuju", "tidak setuju", "abstain"] or candidates. */
  choices: string[];
  /** How many choices a ballot selects: min..max (1..1 for a motion with an abstain choice). */
  minSelections: number;
  maxSelections: number;
}

export interface TrusteeJson {
  /** 1..n, the x-coordinate of the trustee's share. */
  index: number;
  /** Display name of the keyholder's role (e.g. "Pengawas 1"), no personal data required. */
  name: string;
  /** The trustee's Feldman commitments from the key ceremony (keys.ts). */
  commitments: string[];
}

export interface ManifestJson {
  electionId: string;
  title: string;
  /** k: how many trustees must take part in the decryption. */
  threshold: number;
  trustees: TrusteeJson[];
  /** h = Π C_i,0; the verifier recomputes it from the commitments. */
  publicKey: string;
  questions: QuestionJson[];
}

export interface CredentialRegistration {
  pseudonym: string;
  /** The votes this pseudonym carries: 1, or more for a weighted vote (WEIGHT_MAX at most). */
  weight: number;
}

export interface ChoiceJson extends CiphertextJson {
  /** This ciphertext encrypts 0 or the ballot's weight. */
  proof: MembershipProofJson;
}

export interface BallotJson {
  electionId: string;
  questionId: string;
  pseudonym: string;
  weight: number;
  choices: ChoiceJson[];
  /** The sum of the choices encrypts weight × (minSelections..maxSelections). */
  sumProof: MembershipProofJson;
  /** By the pseudonym's secret over the ballot without this field (canonicalJson). */
  signature: SignatureJson;
}

export type EntryBody =
  | { kind: 'credentials'; credentials: CredentialRegistration[] }
  | { kind: 'ballot'; ballot: BallotJson; tracker: string }
  | { kind: 'close' };

export type BoardEntry = EntryBody & { seq: number; prevHash: string; hash: string };

export interface DecryptionJson {
  /** alpha^(x_i) for the tallied ciphertext of the choice. */
  share: string;
  proof: { challenge: string; response: string };
}

export interface TrusteeDecryption {
  trustee: number;
  /** Per question (manifest order), per choice. */
  questions: { questionId: string; decryptions: DecryptionJson[] }[];
}

export interface TallyQuestionJson {
  questionId: string;
  /** Ballots counted (the last per pseudonym) and their total weight. */
  ballots: number;
  weight: number;
  ciphertexts: CiphertextJson[];
  /** The announced result per choice. */
  counts: number[];
}

export interface TallyJson {
  /** The hash of the board's last entry (a close): the tally is of exactly these entries. */
  headHash: string;
  questions: TallyQuestionJson[];
  decryptions: TrusteeDecryption[];
}

export interface BoardJson {
  format: typeof BOARD_FORMAT;
  manifest: ManifestJson;
  entries: BoardEntry[];
  tally?: TallyJson;
}

/**
 * JSON with object keys sorted at every level and no whitespace: the bytes that are hashed and
 * signed. Only strings, safe integers, booleans, null, arrays and plain objects occur here.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string')
    return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error('only safe integers are hashed');
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`cannot hash a ${typeof value}`);
}

/** The prevHash of entry 0: binds the manifest (keys, trustees, questions) into the chain. */
export const genesisHash = (manifest: ManifestJson): string =>
  hashHex('sokoguru/rat-board/v1/manifest', [canonicalJson(manifest)]);

/** The tracker of a ballot: sha256 of its canonical JSON. The voter's browser computes it too. */
export const ballotTracker = (ballot: BallotJson): string =>
  hashHex('sokoguru/rat-board/v1/ballot', [canonicalJson(ballot)]);

/** What a ballot's signature covers: the ballot without the signature. */
export function ballotSigningText(ballot: Omit<BallotJson, 'signature'>): string {
  const { electionId, questionId, pseudonym, weight, choices, sumProof } = ballot;
  return canonicalJson({ electionId, questionId, pseudonym, weight, choices, sumProof });
}

function bodyHash(body: EntryBody): string {
  switch (body.kind) {
    case 'credentials':
      return hashHex('sokoguru/rat-board/v1/credentials', [canonicalJson(body.credentials)]);
    case 'ballot':
      return ballotTracker(body.ballot);
    case 'close':
      return '';
  }
}

/** An entry's hash: its seq, the previous hash, its kind and its content. */
export const entryHash = (seq: number, prevHash: string, body: EntryBody): string =>
  hashHex('sokoguru/rat-board/v1/entry', [String(seq), prevHash, body.kind, bodyHash(body)]);

/** The entry after `previous` (or the first, after the manifest). */
export function nextEntry(
  manifest: ManifestJson,
  previous: BoardEntry | undefined,
  body: EntryBody,
): BoardEntry {
  const seq = previous ? previous.seq + 1 : 0;
  const prevHash = previous ? previous.hash : genesisHash(manifest);
  return { seq, prevHash, ...body, hash: entryHash(seq, prevHash, body) };
}

/** A credentials entry body, pseudonyms sorted so the order says nothing about who is who. */
export function credentialsBody(credentials: readonly CredentialRegistration[]): EntryBody {
  const sorted = [...credentials].sort((a, b) =>
    a.pseudonym < b.pseudonym ? -1 : a.pseudonym > b.pseudonym ? 1 : 0,
  );
  return { kind: 'credentials', credentials: sorted };
}

export function ballotBody(ballot: BallotJson): EntryBody {
  return { kind: 'ballot', ballot, tracker: ballotTracker(ballot) };
}

/** The allowed totals of a ballot: weight × (min..max). */
export function allowedSums(question: QuestionJson, weight: number): bigint[] {
  const out: bigint[] = [];
  for (let k = question.minSelections; k <= question.maxSelections; k++)
    out.push(BigInt(weight) * BigInt(k));
  return out;
}

export function proofContext(
  manifest: ManifestJson,
  questionId: string,
  pseudonym: string,
  label: string,
): ProofContext {
  return {
    electionId: manifest.electionId,
    questionId,
    publicKey: manifest.publicKey,
    pseudonym,
    label,
  };
}

export interface BallotInput {
  manifest: ManifestJson;
  questionId: string;
  /** The voter's credential (keys.ts): secret and pseudonym, hex. */
  credential: { secret: string; pseudonym: string };
  /** The weight registered for this pseudonym. */
  weight: number;
  /** Indices of the chosen choices (between minSelections and maxSelections of them). */
  selections: number[];
}

/**
 * Encrypts a vote in the voter's browser: one ciphertext per choice (weight if chosen, else 0),
 * each with its 0-or-weight proof, the sum's proof and the pseudonym's signature. Throws on a
 * selection the question does not allow: such a ballot has no valid proof.
 */
export function encryptBallot(input: BallotInput): BallotJson {
  const { manifest, questionId, credential, weight, selections } = input;
  const question = manifest.questions.find((q) => q.id === questionId);
  if (!question) throw new Error(`unknown question ${questionId}`);
  if (!Number.isInteger(weight) || weight < 1 || weight > WEIGHT_MAX)
    throw new Error(`weight must be 1..${WEIGHT_MAX}`);
  const chosen = new Set(selections);
  if (chosen.size !== selections.length) throw new Error('a choice is selected twice');
  for (const s of chosen)
    if (!Number.isInteger(s) || s < 0 || s >= question.choices.length)
      throw new Error(`no choice ${s}`);
  if (chosen.size < question.minSelections || chosen.size > question.maxSelections)
    throw new Error(
      `select ${question.minSelections}..${question.maxSelections} choices, not ${chosen.size}`,
    );
  const h = pointFromHex(manifest.publicKey);
  const w = BigInt(weight);
  const allowed = [0n, w];
  let rSum = 0n;
  const cts = question.choices.map((_, j) => {
    const m = chosen.has(j) ? w : 0n;
    const r = randomScalar();
    rSum = mod(rSum + r);
    return { ct: encrypt(h, m, r), m, r };
  });
  const choices: ChoiceJson[] = cts.map(({ ct, m, r }, j) => ({
    ...ciphertextToJson(ct),
    proof: proveMembership(
      proofContext(manifest, questionId, credential.pseudonym, `choice:${j}`),
      h,
      ct,
      m,
      r,
      allowed,
    ),
  }));
  const sum = sumCiphertexts(cts.map((c) => c.ct));
  const sumProof = proveMembership(
    proofContext(manifest, questionId, credential.pseudonym, 'sum'),
    h,
    sum,
    w * BigInt(chosen.size),
    rSum,
    allowedSums(question, weight),
  );
  const unsigned = {
    electionId: manifest.electionId,
    questionId,
    pseudonym: credential.pseudonym,
    weight,
    choices,
    sumProof,
  };
  return {
    ...unsigned,
    signature: sign(scalarFromHex(credential.secret), ballotSigningText(unsigned)),
  };
}
