import { sql } from 'kysely';
import {
  deriveCredential,
  deriveKeyholderKey,
  encryptBallot,
  newCredentialCode,
  newKeyholderCode,
  openDealtShares,
  sealedDealing,
  trusteeDecrypt,
} from '../../domain/rat/ballot/index.js';
import type { Deps, OrgContext } from '../context.js';
import * as ballots from '../rat-ballots.js';
import * as rat from '../rat.js';
import { rng } from './common.js';

/**
 * The demo RAT's secret ballot (issue 17 item 7; docs/domain/rat-ballots.md, "Demo"): one agenda
 * item decided on the verifiable board, with the same steps and checks as the real clients, the
 * devices played here in Node as test/e2e/support/secret-ballot.ts plays them over HTTP. The
 * keyholders' codes and the members' credential codes are fresh random secrets that are not kept
 * (as on a real phone after the vote), so the board verifies but nobody can match a ballot to a
 * member; what each member chooses is drawn from the demo's deterministic generator, and the
 * item's result is the decrypted tally (rat.decideIn through postDecryption), never typed in.
 */

type Params = { meetingId: bigint; seq: number };
type Keyholder = { ctx: OrgContext; secretShare: string };
const at = (deps: Deps, iso: string): Deps => ({ ...deps, clock: () => new Date(iso) });

/**
 * Before the meeting opens: the pengurus prepares the item's election (k of the keyholders, all
 * pengawas) and the keyholders run the ceremony on their devices: each registers the sealing key
 * of a new keyholder code, deals with every share sealed to its recipient, then opens and checks
 * what was dealt to it. Answers each keyholder's combined secret share (kept on "their device").
 */
export async function prepareDemoSecretBallot(
  deps: Deps,
  pengurus: OrgContext,
  keyholders: OrgContext[],
  p: Params,
  threshold: number,
): Promise<Keyholder[]> {
  await ballots.createElection(deps, pengurus, p, {
    threshold,
    keyholderUserIds: keyholders.map((k) => k.actor.userId!),
  });
  const n = keyholders.length;
  const { electionId } = await ballots.myDealtShares(deps, keyholders[0]!, p);
  const keys = keyholders.map(() => deriveKeyholderKey(newKeyholderCode(), electionId));
  for (const [i, k] of keyholders.entries())
    await ballots.registerKeyholderKey(deps, k, p, { publicKey: keys[i]!.publicKey });
  for (const [i, k] of keyholders.entries()) {
    const registered = (await ballots.myDealtShares(deps, k, p)).keys.map((x) => x.publicKey!);
    await ballots.postDealing(deps, k, p, sealedDealing(electionId, i + 1, threshold, registered));
  }
  const out: Keyholder[] = [];
  for (const [i, k] of keyholders.entries()) {
    const got = await ballots.myDealtShares(deps, k, p);
    const opened = openDealtShares(keys[i]!.secret, electionId, i + 1, n, got.dealt);
    if (!opened.ok) throw new Error(`demo: keyholder ${i + 1} got bad shares`);
    out.push({ ctx: k, secretShare: opened.secretShare });
  }
  return out;
}

/** How the members vote: a large majority setuju, some against, some abstain. */
const SETUJU = 0.86;
const TIDAK_SETUJU = 0.06;
/** About this many members change their mind and vote again with the same code. */
const REVOTES = 15;

/**
 * The vote, at the clocks given: the chair opens it; every checked-in member registers the
 * pseudonym of a fresh credential code and casts one ballot (the demo plays their phones:
 * registerCredentialOfMember, castBallotOfMember); about fifteen vote again with the same code (the
 * last ballot counts); the pengurus closes the board and the first k keyholders decrypt the totals,
 * which decides the item. Answers the tally's counts (setuju, tidak setuju, abstain) and the
 * number of ballots cast.
 */
export async function voteDemoSecretBallot(
  deps: Deps,
  pengurus: OrgContext,
  keyholders: Keyholder[],
  p: Params,
  times: { open: string; vote: string; revote: string; close: string; decrypt: string },
) {
  await rat.openVoting(at(deps, times.open), pengurus, p.meetingId, p.seq);
  const { manifest } = await ballots.electionView(deps, pengurus, p);
  const questionId = manifest.questions[0]!.id;
  const present = await sql<{ memberId: string }>`
    select a.member_id::text as "memberId"
    from rat_attendance a join members m on m.cooperative_id = a.cooperative_id and m.id = a.member_id
    where a.cooperative_id = ${pengurus.organizationId} and a.meeting_id = ${p.meetingId}
    order by m.member_number, m.id`.execute(deps.database.db);
  const draw = rng(20260314);
  const choose = () => {
    const r = draw();
    return r < SETUJU ? 0 : r < SETUJU + TIDAK_SETUJU ? 1 : 2;
  };
  const every = Math.max(1, Math.floor(present.rows.length / REVOTES));
  const revoters: { memberId: bigint; code: string; weight: number }[] = [];
  const voting = at(deps, times.vote);
  let cast = 0;
  for (const [i, row] of present.rows.entries()) {
    const memberId = BigInt(row.memberId);
    const code = newCredentialCode();
    const credential = deriveCredential(code, manifest.electionId);
    const { weight } = await ballots.registerCredentialOfMember(voting, pengurus, p, memberId, {
      pseudonym: credential.pseudonym,
    });
    const ballot = encryptBallot({
      manifest,
      questionId,
      credential,
      weight,
      selections: [choose()],
    });
    await ballots.castBallotOfMember(voting, pengurus, p, memberId, ballot);
    cast++;
    if (i % every === every - 1 && revoters.length < REVOTES)
      revoters.push({ memberId, code, weight });
  }
  const revoting = at(deps, times.revote);
  for (const r of revoters) {
    const credential = deriveCredential(r.code, manifest.electionId);
    const ballot = encryptBallot({
      manifest,
      questionId,
      credential,
      weight: r.weight,
      selections: [choose()],
    });
    await ballots.castBallotOfMember(revoting, pengurus, p, r.memberId, ballot);
    cast++;
  }
  const closed = await ballots.closeElection(at(deps, times.close), pengurus, p);
  let view = closed;
  for (const [i, k] of keyholders.slice(0, manifest.threshold).entries()) {
    const d = trusteeDecrypt(manifest, closed.tallyCiphertexts!, i + 1, k.secretShare);
    view = await ballots.postDecryption(at(deps, times.decrypt), k.ctx, p, d);
  }
  const counts = view.tally?.questions[0]?.counts;
  if (!counts) throw new Error('demo: the secret ballot was not tallied');
  return {
    voters: present.rows.length,
    ballots: cast,
    revotes: revoters.length,
    setuju: counts[0]!,
    tidakSetuju: counts[1]!,
    abstain: counts[2]!,
  };
}
