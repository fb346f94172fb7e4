import {
  ballotBody,
  combineTally,
  credentialsBody,
  deriveCredential,
  encryptBallot,
  localCeremony,
  nextEntry,
  tallyCiphertexts,
  trusteeDecrypt,
  BOARD_FORMAT,
  type BoardEntry,
  type BoardJson,
  type Credential,
  type LocalCeremony,
  type ManifestJson,
  type QuestionJson,
} from '../../../src/domain/rat/ballot/index.js';

/** A motion (setuju / tidak setuju / abstain) and a pick-two election of four candidates. */
export const MOTION: QuestionJson = {
  id: 'agenda-3-shu',
  text: 'Pembagian SHU 2025 sesuai usulan pengurus',
  choices: ['setuju', 'tidak setuju', 'abstain'],
  minSelections: 1,
  maxSelections: 1,
};
export const PENGAWAS: QuestionJson = {
  id: 'agenda-5-pengawas',
  text: 'Pemilihan pengawas (pilih satu atau dua)',
  choices: ['Sari', 'Budi', 'Wayan', 'Tono'],
  minSelections: 1,
  maxSelections: 2,
};

export interface Election {
  manifest: ManifestJson;
  ceremony: LocalCeremony;
  entries: BoardEntry[];
}

export function newElection(
  threshold = 2,
  trustees = 3,
  questions: QuestionJson[] = [MOTION],
): Election {
  const ceremony = localCeremony(threshold, trustees);
  const manifest: ManifestJson = {
    electionId: 'ksp-demo/rat-2025',
    title: 'RAT Tahun Buku 2025',
    threshold,
    trustees: ceremony.commitments.map((commitments, i) => ({
      index: i + 1,
      name: `Pengawas ${i + 1}`,
      commitments,
    })),
    publicKey: ceremony.publicKey,
    questions,
  };
  return { manifest, ceremony, entries: [] };
}

export function append(e: Election, body: Parameters<typeof nextEntry>[2]): BoardEntry {
  const entry = nextEntry(e.manifest, e.entries[e.entries.length - 1], body);
  e.entries.push(entry);
  return entry;
}

/** Registers voters (credential code i → weight) and returns their credentials. */
export function register(e: Election, weights: number[]): Credential[] {
  const creds = weights.map((_, i) =>
    deriveCredential(`kode-${e.entries.length}-${i}`, e.manifest.electionId),
  );
  append(
    e,
    credentialsBody(creds.map((c, i) => ({ pseudonym: c.pseudonym, weight: weights[i] ?? 1 }))),
  );
  return creds;
}

export function vote(
  e: Election,
  credential: Credential,
  weight: number,
  selections: number[],
  questionId = e.manifest.questions[0]!.id,
): BoardEntry {
  const ballot = encryptBallot({
    manifest: e.manifest,
    questionId,
    credential,
    weight,
    selections,
  });
  return append(e, ballotBody(ballot));
}

/** Closes the board and tallies with the given trustees (1-based). */
export function closeAndTally(e: Election, trustees: number[] = [1, 2]): BoardJson {
  append(e, { kind: 'close' });
  const questions = tallyCiphertexts(e.manifest, e.entries);
  const decryptions = trusteeDecrypt.length
    ? trustees.map((t) => trusteeDecrypt(e.manifest, questions, t, e.ceremony.secretShares[t - 1]!))
    : [];
  const tally = combineTally(e.manifest, e.entries, decryptions, e.ceremony.verificationKeys);
  return { format: BOARD_FORMAT, manifest: e.manifest, entries: e.entries, tally };
}

export const boardOf = (e: Election): BoardJson => ({
  format: BOARD_FORMAT,
  manifest: e.manifest,
  entries: e.entries,
});

/** A deep copy to tamper with. */
export const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
