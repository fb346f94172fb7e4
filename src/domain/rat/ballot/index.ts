/**
 * Verifiable secret ballots of the RAT (issue 17 item 5): the pure cryptographic core.
 * docs/domain/rat-ballots.md explains the scheme, the trust assumptions and the board format.
 *
 * Browser (member): deriveCredential → encryptBallot → ballotTracker.
 * Server: nextEntry(credentialsBody | ballotBody | close) after checkBallot; countedBallots.
 * Keyholders: deriveKeyholderKey → deal → sealShare / openShare → verifyDealtShare →
 *   combineDealtShares → electionKeys; trusteeDecrypt.
 * Anyone: combineTally (announce), verifyBoard (check), problemMessage (explain).
 */
export * from './board.js';
export {
  addCiphertexts,
  ciphertextFromJson,
  ciphertextToJson,
  encrypt,
  sumCiphertexts,
  type Ciphertext,
  type CiphertextJson,
} from './elgamal.js';
export { EncodingError, pointFromHex, pointToHex, scalarFromHex, scalarToHex } from './group.js';
export * from './keys.js';
export * from './messages.js';
export * from './proofs.js';
export * from './seal.js';
export * from './tally.js';
export * from './verify.js';
