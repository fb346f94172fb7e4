import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCiphertexts,
  ballotBody,
  ballotTracker,
  checkBallot,
  combineShares,
  combineTally,
  deal,
  deriveCredential,
  encrypt,
  encryptBallot,
  entryHash,
  localCeremony,
  pointFromHex,
  problemMessage,
  proveMembership,
  scalarFromHex,
  sign,
  ballotSigningText,
  tallyCiphertexts,
  trusteeDecrypt,
  verifyBoard,
  verifyDealtShare,
  verifyMembership,
  ciphertextFromJson,
  TallyError,
  type BoardJson,
  type Problem,
} from '../../../src/domain/rat/ballot/index.js';
import { decryptToPoint } from '../../../src/domain/rat/ballot/elgamal.js';
import { straus } from '../../../src/domain/rat/ballot/batch.js';
import {
  encodeMessage,
  gPow,
  mod,
  mul,
  randomScalar,
} from '../../../src/domain/rat/ballot/group.js';
import {
  append,
  boardOf,
  closeAndTally,
  copy,
  MOTION,
  newElection,
  PENGAWAS,
  register,
  vote,
} from './election.js';

const codes = (problems: Problem[]) => [...new Set(problems.map((p) => p.code))].sort();

/**
 * A known election: five voters, one of them weighted 3 (a weighted ballot); voter 1 changes
 * their mind (the last ballot counts) and voter 4 votes twice the same way.
 *   voter  weight  ballots (choice)          counted
 *   v0     1       setuju                    setuju
 *   v1     1       setuju, then tidak setuju tidak setuju
 *   v2     3       tidak setuju              tidak setuju ×3
 *   v3     1       abstain                   abstain
 *   v4     1       setuju, setuju            setuju
 *   → setuju 2, tidak setuju 4, abstain 1 (7 = total weight)
 */
function knownElection() {
  const e = newElection(2, 3);
  const [v0, v1, v2, v3, v4] = register(e, [1, 1, 3, 1, 1]);
  vote(e, v0!, 1, [0]);
  vote(e, v1!, 1, [0]);
  vote(e, v2!, 3, [1]);
  vote(e, v3!, 1, [2]);
  vote(e, v4!, 1, [0]);
  vote(e, v1!, 1, [1]);
  vote(e, v4!, 1, [0]);
  return e;
}

const tallied = (() => {
  let board: BoardJson | undefined;
  return () => (board ??= closeAndTally(knownElection()));
})();

describe('RAT ballots: encrypt, count, decrypt', () => {
  it('the tally equals the plaintext count: weights counted, only the last ballot per pseudonym', () => {
    const board = tallied();
    expect(board.tally?.questions[0]?.counts).toEqual([2, 4, 1]);
    expect(board.tally?.questions[0]?.ballots).toBe(5);
    expect(board.tally?.questions[0]?.weight).toBe(7);
    const report = verifyBoard(copy(board));
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.tallyVerified).toBe(true);
    expect(report.questions).toEqual([
      {
        questionId: MOTION.id,
        text: MOTION.text,
        choices: MOTION.choices,
        ballots: 7,
        counted: 5,
        superseded: 2,
        weight: 7,
        counts: [2, 4, 1],
      },
    ]);
    expect(report.closed).toBe(true);
    expect(report.headHash).toBe(board.entries[board.entries.length - 1]?.hash);
  });

  it('a question with one or two selections, and an open board verifies without a tally', () => {
    const e = newElection(1, 1, [MOTION, PENGAWAS]);
    const [a, b, c] = register(e, [1, 2, 1]);
    vote(e, a!, 1, [0, 2], PENGAWAS.id);
    vote(e, b!, 2, [2], PENGAWAS.id);
    vote(e, c!, 1, [3, 0], PENGAWAS.id);
    vote(e, a!, 1, [1], MOTION.id);
    const open = verifyBoard(copy(boardOf(e)));
    expect(open.ok).toBe(true);
    expect(open.closed).toBe(false);
    expect(open.questions.map((q) => q.counts)).toEqual([null, null]);
    const board = closeAndTally(e, [1]);
    expect(board.tally?.questions.map((q) => q.counts)).toEqual([
      [0, 1, 0],
      [2, 0, 3, 1],
    ]);
    expect(verifyBoard(copy(board)).ok).toBe(true);
  });

  it('the tracker is the hash of the ballot the browser made, and it is on the board', () => {
    const e = newElection(1, 1);
    const [v] = register(e, [1]);
    const ballot = encryptBallot({
      manifest: e.manifest,
      questionId: MOTION.id,
      credential: v!,
      weight: 1,
      selections: [2],
    });
    const tracker = ballotTracker(ballot);
    append(e, ballotBody(ballot));
    expect(e.entries.some((x) => x.kind === 'ballot' && x.tracker === tracker)).toBe(true);
    expect(tracker).toMatch(/^[0-9a-f]{64}$/);
  });

  it('no entry of the board names a member: only pseudonyms, weights and ciphertexts', () => {
    const text = JSON.stringify(tallied());
    expect(text).not.toMatch(/member|anggota|nama|memberId/i);
  });

  it('for any votes and re-votes the announced and verified tally is the plaintext count of the last ballots (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 2 })), { maxLength: 6 }),
        (weights, votes) => {
          const e = newElection(1, 1);
          const voters = register(e, weights);
          const last = new Map<number, number>();
          for (const [who, choice] of votes) {
            const v = who % voters.length;
            vote(e, voters[v]!, weights[v]!, [choice]);
            last.set(v, choice);
          }
          const expected = [0, 0, 0];
          for (const [v, choice] of last) expected[choice]! += weights[v]!;
          const board = closeAndTally(e, [1]);
          const report = verifyBoard(copy(board));
          return (
            report.ok &&
            JSON.stringify(board.tally?.questions[0]?.counts) === JSON.stringify(expected) &&
            JSON.stringify(report.questions[0]?.counts) === JSON.stringify(expected)
          );
        },
      ),
      { numRuns: 6 },
    );
  });

  it('the multi-scalar multiplication of the batch checks is Σ s_i·P_i (property, against noble)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.bigInt({ min: 1n, max: 2n ** 64n }), fc.bigInt({ min: 0n, max: 2n ** 260n })),
          {
            maxLength: 8,
          },
        ),
        (pairs) => {
          const points = pairs.map(([p]) => gPow(p));
          const scalars = pairs.map(([, s]) => mod(s));
          const expected = points.reduce((acc, p, i) => acc.add(mul(p, scalars[i]!)), gPow(0n));
          return straus(points, scalars).equals(expected);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('homomorphic sums: the product of encryptions decrypts to the sum (property)', () => {
    const { secretShares } = localCeremony(1, 1);
    const x = scalarFromHex(secretShares[0]!);
    const h = gPow(x);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 6 }), (ms) => {
        const sum = ms
          .map((m) => encrypt(h, BigInt(m), randomScalar()))
          .reduce(addCiphertexts, { alpha: gPow(0n), beta: gPow(0n) });
        const total = ms.reduce((a, m) => a + m, 0);
        return decryptToPoint(sum, x).equals(encodeMessage(BigInt(total)));
      }),
      { numRuns: 25 },
    );
  });
});

describe('RAT ballots: only allowed votes have proofs', () => {
  const e = newElection(1, 1);
  const [v, w] = register(e, [1, 3]);
  const h = pointFromHex(e.manifest.publicKey);
  const ctx = {
    electionId: e.manifest.electionId,
    questionId: MOTION.id,
    publicKey: e.manifest.publicKey,
    pseudonym: v!.pseudonym,
    label: 'choice:0',
  };

  it('a ciphertext of 2 or −1 gets no proof of 0-or-1', () => {
    for (const m of [2n, -1n, mod(-1n)]) {
      const r = randomScalar();
      expect(() => proveMembership(ctx, h, encrypt(h, m, r), m, r, [0n, 1n])).toThrow(
        /not one of the allowed values/,
      );
    }
  });

  it('a proof made for a 1 does not prove a ciphertext of 2 (the proof is bound to the ciphertext)', () => {
    const r = randomScalar();
    const proof = proveMembership(ctx, h, encrypt(h, 1n, r), 1n, r, [0n, 1n]);
    expect(verifyMembership(ctx, h, encrypt(h, 1n, r), [0n, 1n], proof)).toBe(true);
    expect(verifyMembership(ctx, h, encrypt(h, 2n, r), [0n, 1n], proof)).toBe(false);
    expect(verifyMembership(ctx, h, encrypt(h, mod(-1n), r), [0n, 1n], proof)).toBe(false);
  });

  it('strong Fiat-Shamir: the same proof fails for another election, question, key, pseudonym or choice', () => {
    const r = randomScalar();
    const ct = encrypt(h, 0n, r);
    const proof = proveMembership(ctx, h, ct, 0n, r, [0n, 1n]);
    expect(verifyMembership(ctx, h, ct, [0n, 1n], proof)).toBe(true);
    for (const other of [
      { ...ctx, electionId: 'lain' },
      { ...ctx, questionId: 'agenda-4' },
      { ...ctx, pseudonym: w!.pseudonym },
      { ...ctx, label: 'choice:1' },
      { ...ctx, publicKey: deriveCredential('x', 'y').pseudonym },
    ])
      expect(verifyMembership(other, h, ct, [0n, 1n], proof)).toBe(false);
  });

  it('the browser refuses two choices of a motion, none, an unknown or repeated choice', () => {
    const input = { manifest: e.manifest, questionId: MOTION.id, credential: v!, weight: 1 };
    expect(() => encryptBallot({ ...input, selections: [0, 1] })).toThrow(/select 1..1/);
    expect(() => encryptBallot({ ...input, selections: [] })).toThrow(/select 1..1/);
    expect(() => encryptBallot({ ...input, selections: [3] })).toThrow(/no choice 3/);
    expect(() => encryptBallot({ ...input, selections: [1, 1] })).toThrow(/twice/);
  });

  it('a forged ballot with two choices at once (each a valid 0-or-1) fails the sum proof', () => {
    const input = { manifest: e.manifest, questionId: MOTION.id, credential: v!, weight: 1 };
    const a = encryptBallot({ ...input, selections: [0] });
    const b = encryptBallot({ ...input, selections: [1] });
    const forged = copy(a);
    forged.choices[1] = b.choices[1]!; // now encrypts 1, 1, 0
    forged.signature = sign(scalarFromHex(v!.secret), ballotSigningText(forged));
    const problems = checkBallot(e.manifest, h, forged, 1, 'x');
    expect(codes(problems)).toEqual(['ballot-sum-proof']);
    expect(checkBallot(e.manifest, h, a, 1, 'x')).toEqual([]);
  });

  it('weights: a weight-3 ballot proves {0, 3} and a sum of 3; it is refused for a weight-1 pseudonym', () => {
    const ballot = encryptBallot({
      manifest: e.manifest,
      questionId: MOTION.id,
      credential: w!,
      weight: 3,
      selections: [1],
    });
    expect(checkBallot(e.manifest, h, ballot, 3, 'x')).toEqual([]);
    expect(codes(checkBallot(e.manifest, h, ballot, 1, 'x'))).toEqual(['ballot-weight']);
    // claiming weight 1 over ciphertexts of 3: the 0-or-1 proofs cannot hold
    const light = { ...copy(ballot), weight: 1 };
    light.signature = sign(scalarFromHex(w!.secret), ballotSigningText(light));
    expect(codes(checkBallot(e.manifest, h, light, 1, 'x'))).toEqual([
      'ballot-choice-proof',
      'ballot-sum-proof',
    ]);
  });

  it('a ballot copied under another pseudonym fails: proofs and signature are bound to the voter', () => {
    const ballot = encryptBallot({
      manifest: e.manifest,
      questionId: MOTION.id,
      credential: v!,
      weight: 1,
      selections: [0],
    });
    const copied = { ...copy(ballot), pseudonym: w!.pseudonym };
    expect(codes(checkBallot(e.manifest, h, copied, 1, 'x'))).toEqual([
      'ballot-choice-proof',
      'ballot-signature',
      'ballot-sum-proof',
    ]);
  });
});

describe('RAT ballots: the verifier detects tampering', () => {
  const verify = (mutate: (b: BoardJson) => void) => {
    const b = copy(tallied());
    mutate(b);
    const report = verifyBoard(b);
    expect(report.ok).toBe(false);
    return report;
  };
  const ballotAt = (b: BoardJson, i: number) => {
    const entry = b.entries[i];
    if (entry?.kind !== 'ballot') throw new Error(`entry ${i} is not a ballot`);
    return entry;
  };
  /** Recomputes every tracker and hash from `from` on, as a careful forger would. */
  const rechain = (b: BoardJson, from: number) => {
    for (let i = from; i < b.entries.length; i++) {
      const e = b.entries[i]!;
      if (e.kind === 'ballot') e.tracker = ballotTracker(e.ballot);
      e.prevHash = b.entries[i - 1]!.hash;
      e.hash = entryHash(e.seq, e.prevHash, e);
    }
    b.tally!.headHash = b.entries[b.entries.length - 1]!.hash;
  };

  it('a changed ciphertext: the entry hash, the tracker and the proof', () => {
    const r = verify((b) => {
      const other = ballotAt(b, 2).ballot.choices[0]!;
      ballotAt(b, 1).ballot.choices[0]!.alpha = other.alpha;
    });
    expect(codes(r.problems)).toEqual(
      expect.arrayContaining(['entry-hash', 'ballot-tracker', 'ballot-choice-proof']),
    );
    expect(r.problems.find((p) => p.code === 'ballot-choice-proof')?.at).toBe('entries[1]');
  });

  it('a changed ciphertext with the chain rebuilt over it: still the proof and the tally', () => {
    const r = verify((b) => {
      const ballot = ballotAt(b, 1).ballot;
      // add an encryption of 1 to "setuju": the forger does not know r, the proof breaks
      const ct = ciphertextFromJson(ballot.choices[0]!);
      const one = encrypt(pointFromHex(b.manifest.publicKey), 1n, randomScalar());
      ballot.choices[0] = { ...ballot.choices[0]!, ...toJson(addCiphertexts(ct, one)) };
      rechain(b, 1);
    });
    expect(codes(r.problems)).toEqual(
      expect.arrayContaining(['ballot-choice-proof', 'ballot-sum-proof', 'ballot-signature']),
    );
    expect(codes(r.problems)).toContain('tally-ciphertext');
    expect(r.problems.filter((p) => p.code.startsWith('entry-'))).toEqual([]);
  });

  it('a changed proof response', () => {
    const r = verify((b) => {
      const proof = ballotAt(b, 3).ballot.choices[2]!.proof;
      proof.responses[0] = ballotAt(b, 4).ballot.choices[2]!.proof.responses[0]!;
    });
    expect(r.problems).toContainEqual({
      code: 'ballot-choice-proof',
      at: 'entries[3]',
      params: { choice: 2 },
    });
  });

  it('a changed registration (a weight raised from 1 to 5)', () => {
    const r = verify((b) => {
      const reg = b.entries[0];
      if (reg?.kind !== 'credentials') throw new Error('no registration');
      reg.credentials[0]!.weight = 5;
    });
    expect(codes(r.problems)).toContain('entry-hash');
  });

  it('a removed ballot in the middle', () => {
    const r = verify((b) => void b.entries.splice(3, 1));
    expect(codes(r.problems)).toEqual(
      expect.arrayContaining(['entry-seq', 'entry-prev-hash', 'tally-ballots']),
    );
  });

  it('a removed last entry (the close): the tally is not of this board', () => {
    const r = verify((b) => void b.entries.pop());
    expect(codes(r.problems)).toEqual(expect.arrayContaining(['tally-head', 'tally-not-closed']));
  });

  it('two ballots swapped', () => {
    const r = verify((b) => {
      const [x, y] = [b.entries[5]!, b.entries[6]!];
      b.entries[5] = y;
      b.entries[6] = x;
    });
    expect(r.problems.filter((p) => p.code === 'entry-seq').map((p) => p.at)).toEqual([
      'entries[5]',
      'entries[6]',
    ]);
    expect(codes(r.problems)).toContain('entry-prev-hash');
  });

  it('a ballot appended after the close, even rechained, is reported and not counted', () => {
    const e = knownElection();
    const board = closeAndTally(e);
    const late = deriveCredential('terlambat', e.manifest.electionId);
    const ballot = encryptBallot({
      manifest: e.manifest,
      questionId: MOTION.id,
      credential: late,
      weight: 1,
      selections: [0],
    });
    append(e, ballotBody(ballot));
    const r = verifyBoard(copy(board));
    expect(codes(r.problems)).toEqual(
      expect.arrayContaining(['entry-after-close', 'ballot-unregistered', 'tally-head']),
    );
    expect(r.questions[0]?.counts).toEqual([2, 4, 1]);
  });

  it('a ballot of an unregistered pseudonym, a pseudonym registered twice, the identity as pseudonym', () => {
    const e = knownElection();
    const stranger = deriveCredential('tidak-terdaftar', e.manifest.electionId);
    vote(e, stranger, 1, [2]);
    const twice = e.entries[0]?.kind === 'credentials' ? e.entries[0].credentials[1]! : undefined;
    append(e, {
      kind: 'credentials',
      credentials: [twice!, { pseudonym: '00'.repeat(32), weight: 1 }],
    });
    const board = closeAndTally(e);
    const r = verifyBoard(copy(board));
    expect(r.problems.map((p) => [p.code, p.at])).toEqual([
      ['ballot-unregistered', 'entries[8]'],
      ['credential-duplicate', 'entries[9].credentials[0]'],
      ['credential-invalid', 'entries[9].credentials[1]'],
    ]);
    // the stranger's ballot is not counted: the announced and verified tally are the known one
    expect(board.tally?.questions[0]?.counts).toEqual([2, 4, 1]);
    expect(r.questions[0]?.counts).toEqual([2, 4, 1]);
  });

  it('a bad decryption share: wrong share, and a share moved to another trustee', () => {
    const r = verify((b) => {
      const d = b.tally!.decryptions[0]!.questions[0]!.decryptions;
      d[1]!.share = d[0]!.share;
    });
    expect(r.problems).toContainEqual({
      code: 'tally-share',
      at: 'tally.decryptions[0].questions[0].decryptions[1]',
      params: { trustee: 1, question: MOTION.id, choice: 1 },
    });
    expect(codes(r.problems)).toContain('tally-too-few-shares');
    const moved = verify((b) => void (b.tally!.decryptions[1]!.trustee = 3));
    expect(codes(moved.problems)).toEqual(['tally-share', 'tally-too-few-shares']);
  });

  it('a wrong announced result', () => {
    const r = verify((b) => void (b.tally!.questions[0]!.counts = [3, 3, 1]));
    expect(r.problems).toEqual([
      {
        code: 'tally-count',
        at: 'tally.questions[0].counts[0]',
        params: { announced: 3, decrypted: 2, choice: 0 },
      },
      {
        code: 'tally-count',
        at: 'tally.questions[0].counts[1]',
        params: { announced: 3, decrypted: 4, choice: 1 },
      },
    ]);
    expect(r.questions[0]?.counts).toEqual([2, 4, 1]);
  });

  it('a swapped election key (the manifest no longer matches the chain or the commitments)', () => {
    const r = verify((b) => void (b.manifest.publicKey = deriveCredential('k', 'e').pseudonym));
    expect(codes(r.problems)).toEqual(
      expect.arrayContaining(['manifest-public-key', 'entry-prev-hash']),
    );
  });

  it('a malformed entry and bad hex are problems, not crashes', () => {
    const r = verify((b) => {
      ballotAt(b, 2).ballot.choices[0]!.beta = 'zz';
      (b.entries as unknown[])[4] = { seq: 4, kind: 'vote' };
    });
    expect(codes(r.problems)).toEqual(
      expect.arrayContaining(['ballot-encoding', 'entry-malformed']),
    );
  });

  it('every problem has an Indonesian and an English sentence with its parameters', () => {
    const r = verify((b) => void (b.tally!.questions[0]!.counts = [3, 3, 1]));
    const p = r.problems[0]!;
    expect(problemMessage(p, 'id')).toBe(
      'hasil yang diumumkan 3 untuk pilihan 0, hasil dekripsi 2',
    );
    expect(problemMessage(p, 'en')).toBe('announced result 3 for choice 0, decrypted 2');
  });
});

describe('RAT ballots: k of n keyholders', () => {
  it('a dealt share that does not match the commitments is refused by its trustee', () => {
    const d = deal(2, 3);
    expect(verifyDealtShare(d.commitments, 2, d.shares[1]!)).toBe(true);
    expect(verifyDealtShare(d.commitments, 2, d.shares[0]!)).toBe(false);
  });

  it('3 of 5: every 3 trustees decrypt the same totals; 2 cannot', () => {
    const e = newElection(3, 5);
    const voters = register(e, [1, 1, 1, 2]);
    vote(e, voters[0]!, 1, [0]);
    vote(e, voters[1]!, 1, [2]);
    vote(e, voters[2]!, 1, [0]);
    vote(e, voters[3]!, 2, [1]);
    append(e, { kind: 'close' });
    const questions = tallyCiphertexts(e.manifest, e.entries);
    const all = [1, 2, 3, 4, 5].map((t) =>
      trusteeDecrypt(e.manifest, questions, t, e.ceremony.secretShares[t - 1]!),
    );
    const triples: number[][] = [];
    for (let a = 1; a <= 5; a++)
      for (let b = a + 1; b <= 5; b++) for (let c = b + 1; c <= 5; c++) triples.push([a, b, c]);
    expect(triples).toHaveLength(10);
    for (const t of triples) {
      const tally = combineTally(
        e.manifest,
        e.entries,
        t.map((i) => all[i - 1]!),
        e.ceremony.verificationKeys,
      );
      expect(tally.questions[0]?.counts, t.join(',')).toEqual([2, 2, 1]);
    }
    expect(() =>
      combineTally(e.manifest, e.entries, [all[0]!, all[3]!], e.ceremony.verificationKeys),
    ).toThrow(TallyError);
    // and the arithmetic itself: two shares give a point that is not g^2
    const ct = ciphertextFromJson(questions[0]!.ciphertexts[0]!);
    const two = combineShares(
      ct,
      [1, 4].map((t) => ({
        trustee: t,
        share: pointFromHex(all[t - 1]!.questions[0]!.decryptions[0]!.share),
      })),
    );
    const three = combineShares(
      ct,
      [1, 4, 5].map((t) => ({
        trustee: t,
        share: pointFromHex(all[t - 1]!.questions[0]!.decryptions[0]!.share),
      })),
    );
    expect(three.equals(encodeMessage(2n))).toBe(true);
    for (let m = 0n; m <= 5n; m++) expect(two.equals(encodeMessage(m))).toBe(false);
  });

  it('the secret shares interpolate to the key of the manifest (decryption with the whole key agrees)', () => {
    const c = localCeremony(2, 3);
    const x = [1, 2].reduce(
      (acc, i) => acc + scalarFromHex(c.secretShares[i - 1]!) * (i === 1 ? 2n : mod(-1n)),
      0n,
    );
    expect(gPow(mod(x)).toHex()).toBe(c.publicKey);
    const ct = encrypt(pointFromHex(c.publicKey), 9n, randomScalar());
    expect(decryptToPoint(ct, mod(x)).equals(encodeMessage(9n))).toBe(true);
  });
});

function toJson(c: { alpha: { toHex(): string }; beta: { toHex(): string } }) {
  return { alpha: c.alpha.toHex(), beta: c.beta.toHex() };
}
