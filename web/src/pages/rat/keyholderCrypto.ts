/**
 * The pengawas keyholder's side of a secret ballot, in the browser (docs/domain/rat-ballots.md,
 * "Sealed shares" and "A keyholder's steps"): the keyholder code, the dealing sealed to the other
 * keyholders' keys, and at the count the shares opened, checked and combined into the decryption
 * shares. The code and the secrets never leave this page. Loaded on demand (its own chunk) by
 * SecretBallotPanel.tsx.
 */
import {
  deriveKeyholderKey,
  formatKeyholderCode,
  isKeyholderCode,
  keyholderKeysFingerprint,
  newKeyholderCode,
  openDealtShares,
  sealedDealing,
  trusteeDecrypt,
  type ManifestJson,
  type TallyQuestionJson,
  type TrusteeDecryption,
} from '../../../../src/domain/rat/ballot/index.js';

export type { TrusteeDecryption };
export {
  deriveKeyholderKey,
  formatKeyholderCode,
  isKeyholderCode,
  keyholderKeysFingerprint,
  sealedDealing,
};

/** A fresh keyholder code and the sealing key to register for this election. */
export function newKeyholder(electionId: string): { code: string; publicKey: string } {
  const code = newKeyholderCode();
  return { code, publicKey: deriveKeyholderKey(code, electionId).publicKey };
}

export type CountOutcome =
  | { ok: true; decryption: TrusteeDecryption }
  | { ok: false; reason: 'code' }
  | { ok: false; reason: 'shares'; badDealers: number[] };

/**
 * At the count: the code must give the registered key; each dealer's sealed share is opened and
 * checked against its commitments (the dealers whose share fails are named); the shares are
 * combined and the decryption shares of the encrypted totals computed with their proofs.
 */
export function decryptAsKeyholder(input: {
  code: string;
  electionId: string;
  me: number;
  registeredKey: string | null;
  dealt: readonly { dealer: number; commitments: string[]; sealedShare: string }[];
  manifest: ManifestJson;
  totals: Omit<TallyQuestionJson, 'counts'>[];
}): CountOutcome {
  if (!isKeyholderCode(input.code)) return { ok: false, reason: 'code' };
  const key = deriveKeyholderKey(input.code, input.electionId);
  if (key.publicKey !== input.registeredKey) return { ok: false, reason: 'code' };
  const opened = openDealtShares(
    key.secret,
    input.electionId,
    input.me,
    input.manifest.trustees.length,
    input.dealt,
  );
  if (!opened.ok) return { ok: false, reason: 'shares', badDealers: opened.badDealers };
  const secretShare = opened.secretShare;
  return {
    ok: true,
    decryption: trusteeDecrypt(input.manifest, input.totals, input.me, secretShare),
  };
}
