// Issue 17: proof checking of RAT secret ballots, in ballots per second, for a motion of three
// choices (setuju / tidak setuju / abstain): what the server does before it appends a ballot and
// what `sokoguru rat verify` does per ballot (three 0-or-1 proofs, the sum proof, the pseudonym's
// signature, the tracker), each ballot alone. One process, one core. Target: >= 50 ballots/s on
// the 2-core machine. Also times verifyBoard over the whole board (chain, ballots in batches of
// 8, tally, decryption shares). Rates per wall-clock second and per CPU second of the process.
// Run: npx tsx bench/ballot-proofs.ts   (BENCH_BALLOTS, default 500; no database)
import {
  ballotBody,
  ballotTracker,
  BOARD_FORMAT,
  checkBallot,
  combineTally,
  credentialsBody,
  deriveCredential,
  encryptBallot,
  localCeremony,
  nextEntry,
  pointFromHex,
  tallyCiphertexts,
  trusteeDecrypt,
  verifyBoard,
  type BallotJson,
  type BoardEntry,
  type ManifestJson,
} from '../src/domain/rat/ballot/index.js';
import { writeResult } from './support.js';

const BALLOTS = Number(process.env.BENCH_BALLOTS ?? 500);
const TARGET_PER_SEC = 50;

const ceremony = localCeremony(2, 3);
const manifest: ManifestJson = {
  electionId: 'bench/rat-2025',
  title: 'RAT bench',
  threshold: 2,
  trustees: ceremony.commitments.map((commitments, i) => ({
    index: i + 1,
    name: `Pengawas ${i + 1}`,
    commitments,
  })),
  publicKey: ceremony.publicKey,
  questions: [
    {
      id: 'motion',
      text: 'Usul',
      choices: ['setuju', 'tidak setuju', 'abstain'],
      minSelections: 1,
      maxSelections: 1,
    },
  ],
};

const credentials = Array.from({ length: BALLOTS }, (_, i) =>
  deriveCredential(`bench-${i}`, manifest.electionId),
);
let t0 = performance.now();
const ballots: BallotJson[] = credentials.map((credential, i) =>
  encryptBallot({ manifest, questionId: 'motion', credential, weight: 1, selections: [i % 3] }),
);
const encryptSeconds = (performance.now() - t0) / 1000;

// proof checking as the server does it before appending (the JSON parsed back, as received)
const received = JSON.parse(JSON.stringify(ballots)) as BallotJson[];
const publicKey = pointFromHex(manifest.publicKey);
t0 = performance.now();
let cpu0 = process.cpuUsage();
let invalid = 0;
for (const b of received) {
  ballotTracker(b);
  if (checkBallot(manifest, publicKey, b, 1, 'bench').length > 0) invalid++;
}
const checkSeconds = (performance.now() - t0) / 1000;
const cpuSeconds = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1e6;
const checkCpuSeconds = cpuSeconds(process.cpuUsage(cpu0));
if (invalid > 0) throw new Error(`${invalid} valid ballots were refused`);

// the whole board through the verifier
const entries: BoardEntry[] = [];
const add = (body: Parameters<typeof nextEntry>[2]) =>
  entries.push(nextEntry(manifest, entries[entries.length - 1], body));
add(credentialsBody(credentials.map((c) => ({ pseudonym: c.pseudonym, weight: 1 }))));
for (const b of ballots) add(ballotBody(b));
add({ kind: 'close' });
const questions = tallyCiphertexts(manifest, entries);
const decryptions = [1, 2].map((t) =>
  trusteeDecrypt(manifest, questions, t, ceremony.secretShares[t - 1] ?? ''),
);
const tally = combineTally(manifest, entries, decryptions, ceremony.verificationKeys);
const board = JSON.parse(
  JSON.stringify({ format: BOARD_FORMAT, manifest, entries, tally }),
) as unknown;
t0 = performance.now();
cpu0 = process.cpuUsage();
const report = verifyBoard(board);
const verifySeconds = (performance.now() - t0) / 1000;
const verifyCpuSeconds = cpuSeconds(process.cpuUsage(cpu0));
if (!report.ok)
  throw new Error(`the verifier failed: ${JSON.stringify(report.problems.slice(0, 3))}`);

const ballotsPerSec = BALLOTS / checkSeconds;
writeResult('ballot-proofs', {
  ballots: BALLOTS,
  choices: 3,
  encryptSeconds: Math.round(encryptSeconds * 1000) / 1000,
  encryptPerSec: Math.round((BALLOTS / encryptSeconds) * 10) / 10,
  checkSeconds: Math.round(checkSeconds * 1000) / 1000,
  ballotsPerSec: Math.round(ballotsPerSec * 10) / 10,
  // per second of this process's CPU time: what one free core does (the host is shared)
  ballotsPerCpuSec: Math.round((BALLOTS / checkCpuSeconds) * 10) / 10,
  verifyBoardSeconds: Math.round(verifySeconds * 1000) / 1000,
  verifyBoardBallotsPerSec: Math.round((BALLOTS / verifySeconds) * 10) / 10,
  verifyBoardBallotsPerCpuSec: Math.round((BALLOTS / verifyCpuSeconds) * 10) / 10,
  counts: report.questions[0]?.counts,
  targetPerSec: TARGET_PER_SEC,
  met: ballotsPerSec >= TARGET_PER_SEC,
});
