import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  combineDealtShares,
  deal,
  deriveCredential,
  deriveKeyholderKey,
  formatKeyholderCode,
  isKeyholderCode,
  isSealedShare,
  keyholderKeysFingerprint,
  electionKeys,
  newKeyholderCode,
  openDealtShares,
  openShare,
  pointToHex,
  scalarFromHex,
  sealedDealing,
  sealShare,
  SealError,
  SEALED_SHARE_LENGTH,
  verifyDealtShare,
} from '../../../src/domain/rat/ballot/index.js';
import { gPow } from '../../../src/domain/rat/ballot/group.js';

/**
 * Sealed shares of the key ceremony (docs/domain/rat-ballots.md, "Sealed shares"): a share sealed
 * by a dealer to a keyholder's key opens only with that keyholder's code, only for its election,
 * dealer and recipient, and not after any change.
 */
const ELECTION = 'coop-a/rat-2025-1/agenda-5';
const codes = [newKeyholderCode(), newKeyholderCode(), newKeyholderCode()];
const keys = codes.map((c) => deriveKeyholderKey(c, ELECTION));
const ctx = (dealer: number, recipient: number, electionId = ELECTION) => ({
  electionId,
  dealer,
  recipient,
});

function flipHexDigit(s: string, at: number): string {
  const c = s[at]!;
  return s.slice(0, at) + (c === '0' ? '1' : '0') + s.slice(at + 1);
}

describe('keyholder keys', () => {
  it('the same code and election give the same key; another election or code another one', () => {
    expect(isKeyholderCode(codes[0]!)).toBe(true);
    expect(deriveKeyholderKey(codes[0]!, ELECTION)).toEqual(keys[0]);
    expect(deriveKeyholderKey(codes[0]!, 'coop-a/rat-2025-1/agenda-6').publicKey).not.toBe(
      keys[0]!.publicKey,
    );
    expect(keys[1]!.publicKey).not.toBe(keys[0]!.publicKey);
    // domain separation: the code as a voting credential gives another key
    expect(deriveCredential(codes[0]!, ELECTION).pseudonym).not.toBe(keys[0]!.publicKey);
  });

  it('the code typed back in groups with spaces or dashes gives the same key; a typo is refused or differs', () => {
    const grouped = formatKeyholderCode(codes[0]!);
    expect(grouped).toMatch(/^(\w{4}-){5}\w{2}$/);
    expect(deriveKeyholderKey(grouped, ELECTION)).toEqual(keys[0]);
    expect(deriveKeyholderKey(grouped.replaceAll('-', ' '), ELECTION)).toEqual(keys[0]);
    expect(() => deriveKeyholderKey(codes[0]!.slice(1), ELECTION)).toThrow(/keyholder code/);
    expect(() => deriveKeyholderKey(`${codes[0]!.slice(1)}0`, ELECTION)).toThrow(); // 0 is not in the alphabet
    expect(isKeyholderCode('')).toBe(false);
  });

  it('the fingerprint changes when any key changes or the order does', () => {
    const pks = keys.map((k) => k.publicKey);
    const f = keyholderKeysFingerprint(pks);
    expect(f).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
    expect(keyholderKeysFingerprint([...pks])).toBe(f);
    expect(keyholderKeysFingerprint([pks[1]!, pks[0]!, pks[2]!])).not.toBe(f);
    expect(keyholderKeysFingerprint([pks[0]!, pks[1]!, keys[0]!.publicKey])).not.toBe(f);
  });
});

describe('sealed shares', () => {
  const dealing = deal(2, 3);

  it('roundtrip: every share of a dealing sealed to its keyholder opens to itself and verifies', () => {
    dealing.shares.forEach((share, i) => {
      const sealed = sealShare(keys[i]!.publicKey, share, ctx(1, i + 1));
      expect(sealed).toHaveLength(SEALED_SHARE_LENGTH);
      expect(isSealedShare(sealed)).toBe(true);
      expect(sealed).not.toContain(share);
      const opened = openShare(keys[i]!.secret, sealed, ctx(1, i + 1));
      expect(opened).toBe(share);
      expect(verifyDealtShare(dealing.commitments, i + 1, opened)).toBe(true);
    });
  });

  it('sealing twice gives different envelopes (a fresh ephemeral key each time)', () => {
    const a = sealShare(keys[0]!.publicKey, dealing.shares[0]!, ctx(1, 1));
    const b = sealShare(keys[0]!.publicKey, dealing.shares[0]!, ctx(1, 1));
    expect(a).not.toBe(b);
    expect(openShare(keys[0]!.secret, b, ctx(1, 1))).toBe(dealing.shares[0]);
  });

  it('the wrong key does not open it, nor the right code for another election', () => {
    const sealed = sealShare(keys[1]!.publicKey, dealing.shares[1]!, ctx(1, 2));
    expect(() => openShare(keys[2]!.secret, sealed, ctx(1, 2))).toThrow(SealError);
    const other = deriveKeyholderKey(codes[1]!, 'coop-b/rat-2025-1/agenda-5');
    expect(() => openShare(other.secret, sealed, ctx(1, 2))).toThrow(SealError);
  });

  it('context swap: a share for keyholder 2 does not open as keyholder 3’s, another dealer’s, or in another election', () => {
    // keyholder 3 holding keyholder 2's code would still be refused by the recipient index
    const sealed = sealShare(keys[1]!.publicKey, dealing.shares[1]!, ctx(1, 2));
    expect(() => openShare(keys[1]!.secret, sealed, ctx(1, 3))).toThrow(SealError);
    expect(() => openShare(keys[1]!.secret, sealed, ctx(2, 2))).toThrow(SealError);
    expect(() =>
      openShare(keys[1]!.secret, sealed, ctx(1, 2, 'coop-a/rat-2025-1/agenda-6')),
    ).toThrow(SealError);
    expect(openShare(keys[1]!.secret, sealed, ctx(1, 2))).toBe(dealing.shares[1]);
  });

  it('tampered: any changed hex digit of the ephemeral key or the ciphertext makes it fail', () => {
    const sealed = sealShare(keys[0]!.publicKey, dealing.shares[0]!, ctx(2, 1));
    const start = 'sokoguru-seal/1:'.length;
    fc.assert(
      fc.property(fc.integer({ min: start, max: sealed.length - 1 }), (at) => {
        if (sealed[at] === ':') return;
        const t = flipHexDigit(sealed, at);
        expect(() => openShare(keys[0]!.secret, t, ctx(2, 1))).toThrow(SealError);
      }),
      { numRuns: 60 },
    );
    // truncated, padded, another prefix, not a string
    for (const bad of [sealed.slice(0, -2), `${sealed}00`, sealed.replace('seal/1', 'seal/2')]) {
      expect(isSealedShare(bad)).toBe(false);
      expect(() => openShare(keys[0]!.secret, bad, ctx(2, 1))).toThrow(SealError);
    }
    expect(isSealedShare(dealing.shares[0])).toBe(false);
    expect(isSealedShare(42)).toBe(false);
  });

  it('an identity ephemeral point or recipient key is refused', () => {
    const zero = '0'.repeat(64);
    const sealed = sealShare(keys[0]!.publicKey, dealing.shares[0]!, ctx(1, 1));
    const withZero = sealed.replace(/:([0-9a-f]{64}):/, `:${zero}:`);
    expect(isSealedShare(withZero)).toBe(false);
    expect(() => openShare(keys[0]!.secret, withZero, ctx(1, 1))).toThrow(SealError);
    expect(() => sealShare(zero, dealing.shares[0]!, ctx(1, 1))).toThrow();
  });
});

describe('opening what was dealt to a keyholder', () => {
  // three dealers, 2 of 3; each share sealed to its recipient's key
  const dealings = [deal(2, 3), deal(2, 3), deal(2, 3)];
  const dealtTo = (me: number) =>
    dealings.map((d, i) => ({
      dealer: i + 1,
      commitments: d.commitments,
      sealedShare: sealShare(keys[me - 1]!.publicKey, d.shares[me - 1]!, ctx(i + 1, me)),
    }));

  it('opens, checks and combines the n shares into the keyholder’s secret share', () => {
    for (let me = 1; me <= 3; me++) {
      const got = openDealtShares(keys[me - 1]!.secret, ELECTION, me, 3, dealtTo(me));
      expect(got).toEqual({
        ok: true,
        secretShare: combineDealtShares(dealings.map((d) => d.shares[me - 1]!)),
      });
    }
  });

  it('names the dealer whose share does not open, does not match its commitments, or is missing', () => {
    const dealt = dealtTo(2);
    // dealer 1 sealed keyholder 3's share to keyholder 2: it opens only as keyholder 3's place
    dealt[0] = {
      ...dealt[0]!,
      sealedShare: sealShare(keys[1]!.publicKey, dealings[0]!.shares[1]!, ctx(1, 3)),
    };
    // dealer 3 sealed a share that is not f_3(2): it opens but fails the commitments
    dealt[2] = {
      ...dealt[2]!,
      sealedShare: sealShare(keys[1]!.publicKey, dealings[2]!.shares[0]!, ctx(3, 2)),
    };
    expect(openDealtShares(keys[1]!.secret, ELECTION, 2, 3, dealt)).toEqual({
      ok: false,
      badDealers: [1, 3],
    });
    expect(openDealtShares(keys[1]!.secret, ELECTION, 2, 3, dealtTo(2).slice(0, 2))).toEqual({
      ok: false,
      badDealers: [3],
    });
    // another keyholder's key opens none of them
    expect(openDealtShares(keys[0]!.secret, ELECTION, 2, 3, dealtTo(2))).toEqual({
      ok: false,
      badDealers: [1, 2, 3],
    });
  });

  it('the combined share is the one the public verification key commits to', () => {
    const { verificationKeys } = electionKeys(
      dealings.map((d) => d.commitments),
      3,
    );
    for (let me = 1; me <= 3; me++) {
      const got = openDealtShares(keys[me - 1]!.secret, ELECTION, me, 3, dealtTo(me));
      if (!got.ok) throw new Error('expected to open');
      expect(pointToHex(gPow(scalarFromHex(got.secretShare)))).toBe(verificationKeys[me - 1]);
    }
  });
});

describe('a keyholder’s sealed dealing', () => {
  // three keyholders, 2 of 3: each deals with share l sealed to keyholder l's key
  const publicKeys = keys.map((k) => k.publicKey);
  const dealings = [1, 2, 3].map((me) => sealedDealing(ELECTION, me, 2, publicKeys));
  const dealtTo = (me: number) =>
    dealings.map((d, i) => ({
      dealer: i + 1,
      commitments: d.commitments,
      sealedShare: d.sealedShares[me - 1]!,
    }));

  it('is k commitments and n sealed envelopes, nothing in the clear', () => {
    for (const d of dealings) {
      expect(d.commitments).toHaveLength(2);
      expect(d.sealedShares).toHaveLength(3);
      for (const sealed of d.sealedShares) {
        expect(isSealedShare(sealed)).toBe(true);
        expect(sealed).toHaveLength(SEALED_SHARE_LENGTH);
      }
    }
  });

  it('each recipient opens its share of every dealer, it matches the dealer’s commitments, and openDealtShares combines them', () => {
    const { verificationKeys } = electionKeys(
      dealings.map((d) => d.commitments),
      3,
    );
    for (let me = 1; me <= 3; me++) {
      dealings.forEach((d, i) => {
        const share = openShare(keys[me - 1]!.secret, d.sealedShares[me - 1]!, ctx(i + 1, me));
        expect(verifyDealtShare(d.commitments, me, share)).toBe(true);
      });
      const got = openDealtShares(keys[me - 1]!.secret, ELECTION, me, 3, dealtTo(me));
      if (!got.ok) throw new Error(`keyholder ${me}: bad dealers ${got.badDealers.join(', ')}`);
      expect(pointToHex(gPow(scalarFromHex(got.secretShare)))).toBe(verificationKeys[me - 1]);
    }
  });

  it('a share sealed for recipient 1 does not open as recipient 2', () => {
    const forOne = dealings[0]!.sealedShares[0]!;
    // not with recipient 2's key, nor with recipient 1's key in recipient 2's place
    expect(() => openShare(keys[1]!.secret, forOne, ctx(1, 2))).toThrow(SealError);
    expect(() => openShare(keys[0]!.secret, forOne, ctx(1, 2))).toThrow(SealError);
    expect(openDealtShares(keys[1]!.secret, ELECTION, 2, 3, dealtTo(1))).toEqual({
      ok: false,
      badDealers: [1, 2, 3],
    });
    expect(openDealtShares(keys[0]!.secret, ELECTION, 2, 3, dealtTo(1))).toEqual({
      ok: false,
      badDealers: [1, 2, 3],
    });
  });
});
