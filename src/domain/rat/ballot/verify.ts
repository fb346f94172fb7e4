/**
 * The universal verifier of a RAT ballot board: anyone with the board file re-checks the manifest,
 * the hash chain, every ballot (proofs, signature, tracker), the counting rules (registered
 * pseudonyms, the last ballot per pseudonym and question, nothing after the close), the encrypted
 * totals, every trustee's decryption share and the announced result. It reports every problem with
 * where it is; it never stops at the first. `sokoguru rat verify --board FILE` prints this report.
 */
import { z } from 'zod';
import { ciphertextFromJson } from './elgamal.js';
import { EncodingError, pointFromHex, type Point } from './group.js';
import { electionKeys } from './keys.js';
import { Batch } from './batch.js';
import { addMembershipProof, addSignature } from './proofs.js';
import {
  allowedSums,
  ballotSigningText,
  ballotTracker,
  BOARD_FORMAT,
  CHOICES_MAX,
  entryHash,
  genesisHash,
  proofContext,
  QUESTIONS_MAX,
  WEIGHT_MAX,
  type BallotJson,
  type BoardEntry,
  type ManifestJson,
  type TallyJson,
} from './board.js';
import { TRUSTEES_MAX } from './keys.js';
import {
  checkDecryption,
  combineShares,
  countedBallots,
  discreteLog,
  tallyCiphertexts,
} from './tally.js';

/** Most entries one board file may hold (a large KSP's members voting on many items). */
export const ENTRIES_MAX = 2_000_000;

/**
 * Ballots per batch of the verifier (about 180 points, Straus): larger batches were no cheaper per
 * ballot in an A/B run (9-12 ms of CPU each either way), and a failing batch is re-checked ballot
 * by ballot, so small is better.
 */
const BATCH_BALLOTS = 8;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const id = z.string().min(1).max(200);
const proofSchema = z.strictObject({
  commitments: z.array(z.string()).max(2 * CHOICES_MAX + 2),
  challenges: z.array(z.string()).max(CHOICES_MAX + 1),
  responses: z.array(z.string()).max(CHOICES_MAX + 1),
});
const pairSchema = z.strictObject({ challenge: z.string(), response: z.string() });
const signatureSchema = z.strictObject({ commitment: z.string(), response: z.string() });

const manifestSchema = z.strictObject({
  electionId: id,
  title: z.string().max(500),
  threshold: z.number().int().min(1).max(TRUSTEES_MAX),
  trustees: z
    .array(
      z.strictObject({
        index: z.number().int().min(1).max(TRUSTEES_MAX),
        name: z.string().max(200),
        commitments: z.array(hex64).min(1).max(TRUSTEES_MAX),
      }),
    )
    .min(1)
    .max(TRUSTEES_MAX),
  publicKey: hex64,
  questions: z
    .array(
      z.strictObject({
        id,
        text: z.string().max(2000),
        choices: z.array(z.string().max(500)).min(1).max(CHOICES_MAX),
        minSelections: z.number().int().min(0).max(CHOICES_MAX),
        maxSelections: z.number().int().min(1).max(CHOICES_MAX),
      }),
    )
    .min(1)
    .max(QUESTIONS_MAX),
});

const ballotSchema = z.strictObject({
  electionId: z.string(),
  questionId: z.string(),
  pseudonym: z.string(),
  weight: z.number().int(),
  choices: z
    .array(z.strictObject({ alpha: z.string(), beta: z.string(), proof: proofSchema }))
    .max(CHOICES_MAX),
  sumProof: proofSchema,
  signature: signatureSchema,
});

const chain = { seq: z.number().int(), prevHash: z.string(), hash: z.string() };
const entrySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...chain,
    kind: z.literal('credentials'),
    credentials: z
      .array(z.strictObject({ pseudonym: z.string(), weight: z.number().int() }))
      .max(ENTRIES_MAX),
  }),
  z.strictObject({
    ...chain,
    kind: z.literal('ballot'),
    ballot: ballotSchema,
    tracker: z.string(),
  }),
  z.strictObject({ ...chain, kind: z.literal('close') }),
]);

const tallySchema = z.strictObject({
  headHash: z.string(),
  questions: z
    .array(
      z.strictObject({
        questionId: z.string(),
        ballots: z.number().int(),
        weight: z.number().int(),
        ciphertexts: z.array(z.strictObject({ alpha: z.string(), beta: z.string() })),
        counts: z.array(z.number().int()),
      }),
    )
    .max(QUESTIONS_MAX),
  decryptions: z
    .array(
      z.strictObject({
        trustee: z.number().int(),
        questions: z
          .array(
            z.strictObject({
              questionId: z.string(),
              decryptions: z
                .array(z.strictObject({ share: z.string(), proof: pairSchema }))
                .max(CHOICES_MAX),
            }),
          )
          .max(QUESTIONS_MAX),
      }),
    )
    .max(TRUSTEES_MAX),
});

const boardSchema = z.object({
  format: z.literal(BOARD_FORMAT),
  manifest: manifestSchema,
  entries: z.array(z.unknown()).max(ENTRIES_MAX),
  tally: z.unknown().optional(),
});

/** The file is not a ballot board at all (exit 2 in the CLI), with one line per issue. */
export class BoardFormatError extends Error {
  constructor(readonly issues: string[]) {
    super(issues.join('; '));
    this.name = 'BoardFormatError';
  }
}

export type ProblemCode =
  | 'manifest-public-key'
  | 'manifest-trustees'
  | 'manifest-questions'
  | 'entry-malformed'
  | 'entry-seq'
  | 'entry-prev-hash'
  | 'entry-hash'
  | 'entry-after-close'
  | 'credential-invalid'
  | 'credential-duplicate'
  | 'ballot-tracker'
  | 'ballot-election'
  | 'ballot-question'
  | 'ballot-unregistered'
  | 'ballot-weight'
  | 'ballot-choices'
  | 'ballot-encoding'
  | 'ballot-choice-proof'
  | 'ballot-sum-proof'
  | 'ballot-signature'
  | 'tally-malformed'
  | 'tally-head'
  | 'tally-not-closed'
  | 'tally-question'
  | 'tally-ciphertext'
  | 'tally-ballots'
  | 'tally-share'
  | 'tally-too-few-shares'
  | 'tally-decrypt'
  | 'tally-count';

/** One thing wrong: a code, where (a JSON path such as `entries[12]`) and what it concerns. */
export interface Problem {
  code: ProblemCode;
  at: string;
  params: Record<string, string | number>;
}

export interface QuestionReport {
  questionId: string;
  text: string;
  choices: string[];
  /** Ballots on the board for the question, those counted (last per pseudonym), their weight. */
  ballots: number;
  counted: number;
  superseded: number;
  weight: number;
  /** The totals the verifier decrypted from the trustees' shares (null without a tally). */
  counts: number[] | null;
}

export interface VerifyReport {
  ok: boolean;
  electionId: string;
  title: string;
  entries: number;
  credentials: number;
  ballots: number;
  closed: boolean;
  /** The hash of the last entry: what a tally and any later copy of the board must match. */
  headHash: string;
  questions: QuestionReport[];
  /** True when a tally is present and every check of it passed. */
  tallyVerified: boolean;
  problems: Problem[];
}

/** Parses the envelope; throws BoardFormatError if the document is not a board. */
function parseEnvelope(json: unknown) {
  const parsed = boardSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new BoardFormatError(
    parsed.error.issues
      .slice(0, 20)
      .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`),
  );
}

function checkManifest(manifest: ManifestJson, problems: Problem[]): Point[] | undefined {
  const n = manifest.trustees.length;
  if (
    manifest.trustees.some(
      (t, i) => t.index !== i + 1 || t.commitments.length !== manifest.threshold,
    ) ||
    manifest.threshold > n
  )
    problems.push({ code: 'manifest-trustees', at: 'manifest.trustees', params: {} });
  const ids = new Set<string>();
  manifest.questions.forEach((q, qi) => {
    if (ids.has(q.id) || q.minSelections > q.maxSelections || q.maxSelections > q.choices.length)
      problems.push({
        code: 'manifest-questions',
        at: `manifest.questions[${qi}]`,
        params: { question: q.id },
      });
    ids.add(q.id);
  });
  try {
    const keys = electionKeys(
      manifest.trustees.map((t) => t.commitments),
      n,
    );
    if (keys.publicKey !== manifest.publicKey || pointFromHex(keys.publicKey).is0()) {
      problems.push({ code: 'manifest-public-key', at: 'manifest.publicKey', params: {} });
      return undefined;
    }
    return keys.verificationKeys.map(pointFromHex);
  } catch {
    problems.push({ code: 'manifest-public-key', at: 'manifest.trustees', params: {} });
    return undefined;
  }
}

/**
 * A ballot's checks that need no group arithmetic of its own (shape, question, weight, hashes),
 * with its equations added to the batch `batchFor(label)` returns for each statement.
 */
function addBallot(
  manifest: ManifestJson,
  publicKey: Point,
  ballot: BallotJson,
  registeredWeight: number | undefined,
  at: string,
  batchFor: (label: string) => Batch,
): Problem[] {
  const problems: Problem[] = [];
  const say = (code: ProblemCode, params: Record<string, string | number> = {}) =>
    problems.push({ code, at, params });
  if (ballot.electionId !== manifest.electionId) say('ballot-election');
  const question = manifest.questions.find((q) => q.id === ballot.questionId);
  if (!question) {
    say('ballot-question', { question: ballot.questionId });
    return problems;
  }
  if (registeredWeight === undefined) say('ballot-unregistered');
  else if (ballot.weight !== registeredWeight)
    say('ballot-weight', { weight: ballot.weight, registered: registeredWeight });
  if (ballot.choices.length !== question.choices.length) {
    say('ballot-choices', { choices: ballot.choices.length, expected: question.choices.length });
    return problems;
  }
  if (!Number.isInteger(ballot.weight) || ballot.weight < 1 || ballot.weight > WEIGHT_MAX) {
    if (registeredWeight === undefined)
      say('ballot-weight', { weight: ballot.weight, registered: '-' });
    return problems;
  }
  try {
    const pseudonym = pointFromHex(ballot.pseudonym);
    const cts = ballot.choices.map(ciphertextFromJson);
    const w = BigInt(ballot.weight);
    cts.forEach((ct, j) => {
      const label = `choice:${j}`;
      const ctx = proofContext(manifest, question.id, ballot.pseudonym, label);
      const choice = ballot.choices[j];
      if (
        !choice ||
        !addMembershipProof(batchFor(label), ctx, publicKey, ct, [0n, w], choice.proof, choice)
      )
        say('ballot-choice-proof', { choice: j });
    });
    const sum = cts.reduce((a, c) => ({ alpha: a.alpha.add(c.alpha), beta: a.beta.add(c.beta) }));
    const sumCtx = proofContext(manifest, question.id, ballot.pseudonym, 'sum');
    if (
      !addMembershipProof(
        batchFor('sum'),
        sumCtx,
        publicKey,
        sum,
        allowedSums(question, ballot.weight),
        ballot.sumProof,
      )
    )
      say('ballot-sum-proof');
    addSignature(
      batchFor('signature'),
      pseudonym,
      ballot.pseudonym,
      ballotSigningText(ballot),
      ballot.signature,
    );
  } catch (err) {
    if (!(err instanceof EncodingError)) throw err;
    say('ballot-encoding', { what: err.what });
  }
  return problems;
}

const LABEL_PROBLEM = (label: string, at: string): Problem =>
  label === 'sum'
    ? { code: 'ballot-sum-proof', at, params: {} }
    : label === 'signature'
      ? { code: 'ballot-signature', at, params: {} }
      : { code: 'ballot-choice-proof', at, params: { choice: Number(label.split(':')[1]) } };

/**
 * Checks one ballot as the server does before appending it (and the verifier for each ballot):
 * the question and weight, every proof and the signature. No problems: the ballot is valid.
 * `registeredWeight` is the weight registered for its pseudonym (undefined: not registered).
 */
export function checkBallot(
  manifest: ManifestJson,
  publicKey: Point,
  ballot: BallotJson,
  registeredWeight: number | undefined,
  at: string,
  into?: Batch,
): Problem[] {
  const shared = into ?? new Batch();
  const problems = addBallot(manifest, publicKey, ballot, registeredWeight, at, () => shared);
  if (into || (problems.length === 0 && shared.holds())) return problems;
  // something is wrong: check each statement alone to report every one that fails
  return pinpoint(manifest, publicKey, ballot, registeredWeight, at);
}

/** Which of a ballot's statements fails: each in a batch of its own. */
function pinpoint(
  manifest: ManifestJson,
  publicKey: Point,
  ballot: BallotJson,
  registeredWeight: number | undefined,
  at: string,
): Problem[] {
  const batches = new Map<string, Batch>();
  const batchFor = (label: string) => {
    const b = batches.get(label) ?? new Batch();
    batches.set(label, b);
    return b;
  };
  const problems = addBallot(manifest, publicKey, ballot, registeredWeight, at, batchFor);
  for (const [label, b] of batches) if (!b.holds()) problems.push(LABEL_PROBLEM(label, at));
  return problems;
}

/** Verifies a board document (already JSON-parsed). Throws BoardFormatError if it is no board. */
export function verifyBoard(json: unknown): VerifyReport {
  const board = parseEnvelope(json);
  const manifest = board.manifest;
  const problems: Problem[] = [];
  const verificationKeys = checkManifest(manifest, problems);
  let publicKey: Point;
  try {
    publicKey = pointFromHex(manifest.publicKey);
  } catch {
    throw new BoardFormatError(['manifest.publicKey: not a ristretto255 point']);
  }

  let entries: BoardEntry[] = [];
  const invalid = new Set<BoardEntry>();
  // ballots are checked BATCH_BALLOTS at a time in one multi-scalar multiplication; a batch that
  // fails is checked again ballot by ballot to name the wrong one
  let batch = new Batch();
  let pending: { entry: BoardEntry; weight: number | undefined; at: string }[] = [];
  const flush = () => {
    if (!batch.holds())
      for (const p of pending) {
        if (p.entry.kind !== 'ballot') continue;
        const found = checkBallot(manifest, publicKey, p.entry.ballot, p.weight, p.at);
        problems.push(...found);
        if (found.length > 0) invalid.add(p.entry);
      }
    batch = new Batch();
    pending = [];
  };
  const registered = new Map<string, number>();
  let expectedPrev = genesisHash(manifest);
  let closedAt: number | undefined;
  let ballots = 0;
  let credentials = 0;
  board.entries.forEach((raw, i) => {
    const at = `entries[${i}]`;
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      problems.push({ code: 'entry-malformed', at, params: {} });
      const claimed = (raw as { hash?: unknown } | null)?.hash;
      expectedPrev = typeof claimed === 'string' ? claimed : '';
      return;
    }
    const e = parsed.data;
    if (e.seq !== i) problems.push({ code: 'entry-seq', at, params: { seq: e.seq, expected: i } });
    if (e.prevHash !== expectedPrev) problems.push({ code: 'entry-prev-hash', at, params: {} });
    const hash = entryHash(e.seq, e.prevHash, e);
    if (hash !== e.hash) problems.push({ code: 'entry-hash', at, params: {} });
    expectedPrev = hash;
    if (closedAt !== undefined)
      problems.push({ code: 'entry-after-close', at, params: { close: closedAt } });
    switch (e.kind) {
      case 'close':
        closedAt ??= i;
        break;
      case 'credentials':
        e.credentials.forEach((c, ci) => {
          credentials++;
          const cat = `${at}.credentials[${ci}]`;
          let ok = Number.isInteger(c.weight) && c.weight >= 1 && c.weight <= WEIGHT_MAX;
          try {
            // the identity's secret is 0: anyone could sign for it
            if (pointFromHex(c.pseudonym).is0()) ok = false;
          } catch {
            ok = false;
          }
          if (!ok) problems.push({ code: 'credential-invalid', at: cat, params: {} });
          else if (registered.has(c.pseudonym))
            problems.push({ code: 'credential-duplicate', at: cat, params: {} });
          else registered.set(c.pseudonym, c.weight);
        });
        break;
      case 'ballot': {
        ballots++;
        const weight = registered.get(e.ballot.pseudonym);
        const tracker: Problem[] =
          ballotTracker(e.ballot) === e.tracker ? [] : [{ code: 'ballot-tracker', at, params: {} }];
        const own = new Batch();
        const found = checkBallot(manifest, publicKey, e.ballot, weight, at, own);
        if (tracker.length > 0 || found.length > 0) {
          // an invalid ballot is reported with all its problems and not counted
          problems.push(...tracker, ...checkBallot(manifest, publicKey, e.ballot, weight, at));
          invalid.add(e);
          break;
        }
        batch.merge(own);
        pending.push({ entry: e, weight, at });
        if (pending.length >= BATCH_BALLOTS) flush();
        break;
      }
    }
    entries.push(e);
  });
  flush();
  entries = entries.filter((e) => !invalid.has(e));
  const head = board.entries.length === 0 ? genesisHash(manifest) : expectedPrev;

  const counted = countedBallots(manifest, entries);
  const onBoard = new Map<string, number>();
  for (const e of entries)
    if (e.kind === 'ballot')
      onBoard.set(e.ballot.questionId, (onBoard.get(e.ballot.questionId) ?? 0) + 1);
  const questions: QuestionReport[] = counted.map((cq, qi) => ({
    questionId: cq.questionId,
    text: manifest.questions[qi]?.text ?? '',
    choices: manifest.questions[qi]?.choices ?? [],
    ballots: onBoard.get(cq.questionId) ?? 0,
    counted: cq.ballots.length,
    superseded: cq.superseded.length,
    weight: cq.ballots.reduce((s, b) => s + b.ballot.weight, 0),
    counts: null,
  }));

  let tallyVerified = false;
  if (board.tally !== undefined) {
    const before = problems.length;
    checkTally(
      manifest,
      entries,
      verificationKeys,
      board.tally,
      head,
      closedAt,
      questions,
      problems,
    );
    tallyVerified = problems.length === before;
  }
  return {
    ok: problems.length === 0,
    electionId: manifest.electionId,
    title: manifest.title,
    entries: board.entries.length,
    credentials,
    ballots,
    closed: closedAt !== undefined,
    headHash: head,
    questions,
    tallyVerified,
    problems,
  };
}

function checkTally(
  manifest: ManifestJson,
  entries: readonly BoardEntry[],
  verificationKeys: Point[] | undefined,
  raw: unknown,
  head: string,
  closedAt: number | undefined,
  questions: QuestionReport[],
  problems: Problem[],
): void {
  const parsed = tallySchema.safeParse(raw);
  if (!parsed.success) {
    problems.push({ code: 'tally-malformed', at: 'tally', params: {} });
    return;
  }
  const tally: TallyJson = parsed.data;
  if (tally.headHash !== head)
    problems.push({ code: 'tally-head', at: 'tally.headHash', params: {} });
  if (closedAt === undefined || entries[entries.length - 1]?.kind !== 'close')
    problems.push({ code: 'tally-not-closed', at: 'tally', params: {} });
  if (!verificationKeys) return; // the manifest's keys are already reported
  const expected = tallyCiphertexts(manifest, entries);
  expected.forEach((q, qi) => {
    const at = `tally.questions[${qi}]`;
    const announced = tally.questions[qi];
    if (announced?.questionId !== q.questionId) {
      problems.push({ code: 'tally-question', at, params: { question: q.questionId } });
      return;
    }
    if (announced.ballots !== q.ballots || announced.weight !== q.weight)
      problems.push({
        code: 'tally-ballots',
        at,
        params: { ballots: q.ballots, weight: q.weight },
      });
    // a total that is not the sum of the counted ballots is reported once; its shares and count
    // are not checked (they would be of another ciphertext)
    const same = q.ciphertexts.map((ct, j) => {
      const a = announced.ciphertexts[j];
      const ok = a?.alpha === ct.alpha && a.beta === ct.beta;
      if (!ok)
        problems.push({ code: 'tally-ciphertext', at: `${at}.ciphertexts[${j}]`, params: {} });
      return ok;
    });
    // every published share must verify; k of the valid ones decrypt
    const valid: { trustee: number; share: Point }[][] = q.ciphertexts.map(() => []);
    tally.decryptions.forEach((d, di) => {
      const dq = d.questions[qi];
      q.ciphertexts.forEach((ct, j) => {
        if (!same[j]) return;
        const vk = verificationKeys[d.trustee - 1];
        const dec = dq?.questionId === q.questionId ? dq.decryptions[j] : undefined;
        if (vk && dec && checkDecryption(manifest, vk, q.questionId, j, d.trustee, ct, dec)) {
          const list = valid[j];
          if (list && !list.some((v) => v.trustee === d.trustee))
            list.push({ trustee: d.trustee, share: pointFromHex(dec.share) });
        } else
          problems.push({
            code: 'tally-share',
            at: `tally.decryptions[${di}].questions[${qi}].decryptions[${j}]`,
            params: { trustee: d.trustee, question: q.questionId, choice: j },
          });
      });
    });
    const counts: number[] = [];
    q.ciphertexts.forEach((ct, j) => {
      if (!same[j]) return;
      const shares = (valid[j] ?? []).slice(0, manifest.threshold);
      if (shares.length < manifest.threshold) {
        problems.push({
          code: 'tally-too-few-shares',
          at: `${at}.ciphertexts[${j}]`,
          params: { valid: shares.length, threshold: manifest.threshold },
        });
        return;
      }
      const m = discreteLog(combineShares(ciphertextFromJson(ct), shares), q.weight);
      if (m === undefined) {
        problems.push({ code: 'tally-decrypt', at: `${at}.ciphertexts[${j}]`, params: {} });
        return;
      }
      counts.push(m);
      if (announced.counts[j] !== m)
        problems.push({
          code: 'tally-count',
          at: `${at}.counts[${j}]`,
          params: { announced: announced.counts[j] ?? '-', decrypted: m, choice: j },
        });
    });
    if (announced.counts.length !== q.ciphertexts.length)
      problems.push({
        code: 'tally-count',
        at: `${at}.counts`,
        params: {
          announced: announced.counts.length,
          decrypted: q.ciphertexts.length,
          choice: '-',
        },
      });
    const report = questions[qi];
    if (report && counts.length === q.ciphertexts.length) report.counts = counts;
  });
  if (tally.questions.length !== expected.length)
    problems.push({ code: 'tally-question', at: 'tally.questions', params: { question: '-' } });
}
