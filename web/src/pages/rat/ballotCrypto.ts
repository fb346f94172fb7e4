/**
 * The member's side of a secret ballot, in the browser (docs/domain/rat-ballots.md): the same pure
 * module the server checks with (src/domain/rat/ballot/, @noble/curves' ristretto255), so the
 * choice is encrypted here and never leaves the phone in the clear. Loaded on demand (a separate
 * chunk) by MyBallot.tsx when a ballot is shown.
 */
import {
  ballotTracker,
  CREDENTIAL_CODE_LENGTH,
  deriveCredential,
  encryptBallot,
  newCredentialCode,
  type BallotJson,
  type BoardJson,
  type ManifestJson,
} from '../../../../src/domain/rat/ballot/index.js';

export type { BallotJson, BoardJson, ManifestJson };
export { CREDENTIAL_CODE_LENGTH, deriveCredential, newCredentialCode };

/** A code as typed from paper: spaces and dashes dropped (the alphabet has neither). */
export const normaliseCode = (typed: string): string => typed.replace(/[\s-]/g, '');

/**
 * Encrypts the member's one choice (index into the question's choices) with their credential and
 * weight, and computes the tracker before anything is sent, so the member can check that the
 * server's answer names the same ballot.
 */
export function sealChoice(
  manifest: ManifestJson,
  code: string,
  weight: number,
  choice: number,
): { ballot: BallotJson; tracker: string } {
  const question = manifest.questions[0];
  if (!question) throw new Error('no question on this ballot');
  const ballot = encryptBallot({
    manifest,
    questionId: question.id,
    credential: deriveCredential(code, manifest.electionId),
    weight,
    selections: [choice],
  });
  return { ballot, tracker: ballotTracker(ballot) };
}
