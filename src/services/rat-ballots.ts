import * as repo from '../db/rat-ballots.repo.js';
import * as ratRepo from '../db/rat.repo.js';
import { AppError } from '../domain/errors.js';
import {
  ballotBody,
  ballotTracker,
  checkBallot,
  checkDecryption,
  combineTally,
  countedBallots,
  credentialsBody,
  electionKeys,
  isSealedShare,
  nextEntry,
  pointFromHex,
  problemMessage,
  tallyCiphertexts,
  TallyError,
  BOARD_FORMAT,
  type BallotJson,
  type BoardEntry,
  type BoardJson,
  type ManifestJson,
  type TallyJson,
  type TallyQuestionJson,
  type TrusteeDecryption,
} from '../domain/rat/ballot/index.js';
import { actingUserId, inOrg, type Deps, type OrgContext, type OrgTx } from './context.js';
import { decideIn, itemOf, loadMeeting, ownMember, quorumIn, rulesOf } from './rat.js';

/**
 * The server side of the RAT's verifiable secret ballots (issue 17 item 5; docs/domain/rat-ballots.md,
 * "Storage and service"): an election per secret agenda item, the keyholders' ceremony relayed,
 * checked-in members registering a pseudonym, ballots checked and appended to the hash-chained
 * board, the close, verified decryption shares, and the decrypted totals decided as the item's
 * result by the same path as an open vote (rat.decideIn).
 *
 * Privacy by construction: the member id is used only to write and read rat_ballot_voters (who
 * registered, to the minute) and to check attendance; it never enters a board entry, a pseudonym
 * row, an audit event or a log line of registering or casting. Registering and casting write no
 * audit event at all (an ordered audit trail would let the board's order be matched to members).
 */

/** The motion's choices, in the order the result is recorded (rat_agenda_items setuju/tidak/abstain). */
export const MOTION_CHOICES = ['setuju', 'tidak setuju', 'abstain'] as const;

type Params = { meetingId: bigint; seq: number };

async function electionOf(o: OrgTx, p: Params, lock = false): Promise<repo.ElectionRow> {
  const e = await repo.election(o.tx, o.ctx.organizationId, p.meetingId, p.seq, lock);
  if (!e) throw new AppError('RAT_ELECTION_NOT_FOUND');
  return e;
}

const stateError = (status: string, action: string) =>
  new AppError('RAT_ELECTION_STATE', { status, action });

/** The staff and keyholder view: status, manifest, keyholders, the ceremony and board progress. */
async function viewIn(o: OrgTx, p: Params) {
  const e = await electionOf(o, p);
  const dealt = await repo.dealings(o.tx, o.ctx.organizationId, p.meetingId, p.seq);
  const sealingKeys = await repo.keyholderKeys(o.tx, o.ctx.organizationId, p.meetingId, p.seq);
  const counts = await repo.boardCounts(o.tx, o.ctx.organizationId, p.meetingId, p.seq);
  const shares = (await repo.tallyShares(
    o.tx,
    o.ctx.organizationId,
    p.meetingId,
    p.seq,
  )) as TrusteeDecryption[];
  const manifest = e.manifest as ManifestJson;
  return {
    electionId: e.election_id,
    status: e.status,
    threshold: e.threshold,
    keyholders: e.keyholders.map((userId, i) => ({
      index: i + 1,
      userId,
      name: manifest.trustees[i]?.name ?? '',
      sealingKey: sealingKeys.find((k) => k.keyholder === i + 1)?.public_key ?? null,
      dealt: dealt.some((d) => d.dealer === i + 1),
      decrypted: shares.some((s) => s.trustee === i + 1),
    })),
    manifest,
    verificationKeys: (e.verification_keys as string[] | null) ?? null,
    registered: counts.pseudonyms,
    registeredWeight: counts.weight,
    ballots: counts.ballots,
    headSeq: e.head_seq,
    headHash: e.head_hash,
    tallyCiphertexts: (e.tally_ciphertexts as Omit<TallyQuestionJson, 'counts'>[] | null) ?? null,
    tally: (e.tally as TallyJson | null) ?? null,
  };
}

export type ElectionView = Awaited<ReturnType<typeof viewIn>>;

/**
 * Prepares the secret ballot of an agenda item (pengurus): k of the named pengawas keyholders. The
 * question is the item's motion with the choices setuju / tidak setuju / abstain.
 */
export async function createElection(
  deps: Deps,
  ctx: OrgContext,
  p: Params,
  input: { threshold: number; keyholderUserIds: string[] },
) {
  return inOrg(deps, ctx, async (o) => {
    const m = await loadMeeting(o, p.meetingId, true);
    if (!['planned', 'open'].includes(m.status))
      throw new AppError('RAT_STATE_INVALID', { status: m.status, action: 'siapkan surat suara' });
    const item = await itemOf(o, p.meetingId, p.seq);
    if (item.ballot !== 'secret' || item.majority === 'none' || !item.motion)
      throw new AppError('RAT_ELECTION_INVALID', {
        reason: 'acara ini tidak diputuskan dengan pemungutan suara rahasia',
      });
    if (item.status !== 'pending') throw stateError(item.status, 'siapkan surat suara');
    const ids = input.keyholderUserIds.map((id) => id.toLowerCase());
    if (new Set(ids).size !== ids.length)
      throw new AppError('RAT_ELECTION_INVALID', { reason: 'pemegang kunci tidak boleh ganda' });
    if (input.threshold < 1 || input.threshold > ids.length)
      throw new AppError('RAT_ELECTION_INVALID', {
        reason: 'jumlah kunci yang diperlukan harus antara 1 dan jumlah pemegang kunci',
      });
    const users = await repo.pengawasUsers(o.tx, ctx.organizationId, ids);
    const byId = new Map(users.map((u) => [u.id, u.name]));
    if (ids.some((id) => !byId.has(id)))
      throw new AppError('RAT_ELECTION_INVALID', {
        reason: 'setiap pemegang kunci harus pengguna berperan pengawas di koperasi ini',
      });
    const electionId = `${ctx.organizationId}/rat-${m.book_year}-${m.call}/agenda-${p.seq}`;
    const manifest: ManifestJson = {
      electionId,
      title: `${m.title}: ${item.title}`,
      threshold: input.threshold,
      trustees: ids.map((id, i) => ({ index: i + 1, name: byId.get(id)!, commitments: [] })),
      publicKey: '',
      questions: [
        {
          id: `agenda-${p.seq}`,
          text: item.motion,
          choices: [...MOTION_CHOICES],
          minSelections: 1,
          maxSelections: 1,
        },
      ],
    };
    const ok = await repo.insertElection(o.tx, ctx.organizationId, {
      meetingId: p.meetingId,
      seq: p.seq,
      electionId,
      threshold: input.threshold,
      keyholders: ids,
      manifest,
      createdBy: ctx.actor.userId,
    });
    if (!ok) throw stateError('sudah disiapkan', 'siapkan surat suara');
    await o.audit({
      action: 'rat.election-created',
      entityType: 'rat-meeting',
      entityId: p.meetingId,
      after: { seq: p.seq, threshold: input.threshold, keyholders: ids },
    });
    return viewIn(o, p);
  });
}

export async function electionView(deps: Deps, ctx: OrgContext, p: Params) {
  return inOrg(deps, ctx, (o) => viewIn(o, p));
}

function keyholderIndex(e: repo.ElectionRow, ctx: OrgContext): number {
  const i = e.keyholders.indexOf(actingUserId(ctx));
  if (i < 0) throw new AppError('RAT_NOT_KEYHOLDER');
  return i + 1;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * A keyholder registers the sealing key its browser derived from its keyholder code
 * (deriveKeyholderKey), once, while the election is in setup. Dealers seal the shares to these
 * keys, so the server never holds a share it can read (docs/domain/rat-ballots.md, "Sealed shares").
 */
export async function registerKeyholderKey(
  deps: Deps,
  ctx: OrgContext,
  p: Params,
  input: { publicKey: string },
) {
  const now = deps.clock();
  return inOrg(deps, ctx, async (o) => {
    const e = await electionOf(o, p, true);
    const me = keyholderIndex(e, ctx);
    if (e.status !== 'setup') throw stateError(e.status, 'daftarkan kunci penyegel');
    let identity = false;
    try {
      identity = pointFromHex(input.publicKey).is0();
    } catch {
      identity = true;
    }
    if (identity)
      throw new AppError('RAT_SHARE_REFUSED', {
        reason: 'kunci penyegel bukan titik ristretto255 yang sah',
      });
    const ok = await repo.insertKeyholderKey(
      o.tx,
      ctx.organizationId,
      p.meetingId,
      p.seq,
      me,
      input.publicKey,
      now,
    );
    if (!ok) throw new AppError('RAT_KEYHOLDER_KEY_REGISTERED');
    await o.audit({
      action: 'rat.election-key-registered',
      entityType: 'rat-meeting',
      entityId: p.meetingId,
      after: { seq: p.seq, keyholder: me, publicKey: input.publicKey },
    });
    return viewIn(o, p);
  });
}

/**
 * A keyholder deals: its k Feldman commitments and, per keyholder l, the share f(l) sealed in its
 * browser to l's registered key (sealShare; its own entry too). The server checks each is a sealed
 * envelope, not what is inside: it cannot open them. Dealing waits until all n keys are registered.
 * When all n have dealt, the election key and verification keys are computed and the election is
 * ready.
 */
export async function postDealing(
  deps: Deps,
  ctx: OrgContext,
  p: Params,
  input: { commitments: string[]; sealedShares: string[] },
) {
  return inOrg(deps, ctx, async (o) => {
    const e = await electionOf(o, p, true);
    const dealer = keyholderIndex(e, ctx);
    if (e.status !== 'setup') throw stateError(e.status, 'kirim bagian kunci');
    const keys = await repo.keyholderKeys(o.tx, ctx.organizationId, p.meetingId, p.seq);
    if (keys.length < e.trustees)
      throw new AppError('RAT_KEYHOLDER_KEYS_MISSING', {
        registered: keys.length,
        trustees: e.trustees,
      });
    if (input.commitments.length !== e.threshold || input.commitments.some((c) => !HEX64.test(c)))
      throw new AppError('RAT_SHARE_REFUSED', {
        reason: `diperlukan ${e.threshold} komitmen (titik ristretto255, 64 digit heksadesimal)`,
      });
    try {
      input.commitments.forEach((c) => pointFromHex(c));
    } catch {
      throw new AppError('RAT_SHARE_REFUSED', { reason: 'komitmen bukan titik ristretto255' });
    }
    if (input.sealedShares.length !== e.trustees)
      throw new AppError('RAT_SHARE_REFUSED', {
        reason: `diperlukan ${e.trustees} bagian tersegel, satu per pemegang kunci`,
      });
    const unsealed = input.sealedShares.findIndex((s) => !isSealedShare(s));
    if (unsealed >= 0)
      throw new AppError('RAT_SHARE_REFUSED', {
        reason: `bagian untuk pemegang kunci ${unsealed + 1} tidak tersegel (sokoguru-seal/1)`,
      });
    const ok = await repo.insertDealing(o.tx, ctx.organizationId, p.meetingId, p.seq, {
      dealer,
      ...input,
    });
    if (!ok)
      throw new AppError('RAT_SHARE_REFUSED', { reason: 'Anda sudah mengirim bagian kunci' });
    await o.audit({
      action: 'rat.election-dealt',
      entityType: 'rat-meeting',
      entityId: p.meetingId,
      after: { seq: p.seq, dealer },
    });
    const all = await repo.dealings(o.tx, ctx.organizationId, p.meetingId, p.seq);
    if (all.length === e.trustees) {
      const commitments = all.map((d) => d.commitments);
      const keys = electionKeys(commitments, e.trustees);
      const manifest = e.manifest as ManifestJson;
      const ready: ManifestJson = {
        ...manifest,
        trustees: manifest.trustees.map((t, i) => ({ ...t, commitments: commitments[i]! })),
        publicKey: keys.publicKey,
      };
      await repo.updateElection(o.tx, ctx.organizationId, p.meetingId, p.seq, {
        status: 'ready',
        manifest: ready,
        verificationKeys: keys.verificationKeys,
      });
      await o.audit({
        action: 'rat.election-ready',
        entityType: 'rat-meeting',
        entityId: p.meetingId,
        after: { seq: p.seq, publicKey: keys.publicKey },
      });
    }
    return viewIn(o, p);
  });
}

/**
 * The signed-in keyholder's ceremony: its index, every keyholder's registered sealing key (to seal
 * to, and to compare fingerprints), and per dealer so far its commitments and the share sealed for
 * this keyholder (opened in the browser with the keyholder code: openShare, verifyDealtShare).
 */
export async function myDealtShares(deps: Deps, ctx: OrgContext, p: Params) {
  return inOrg(deps, ctx, async (o) => {
    const e = await electionOf(o, p);
    const me = keyholderIndex(e, ctx);
    const all = await repo.dealings(o.tx, ctx.organizationId, p.meetingId, p.seq);
    const keys = await repo.keyholderKeys(o.tx, ctx.organizationId, p.meetingId, p.seq);
    const manifest = e.manifest as ManifestJson;
    return {
      electionId: e.election_id,
      index: me,
      threshold: e.threshold,
      trustees: e.trustees,
      status: e.status,
      keys: manifest.trustees.map((t, i) => ({
        index: i + 1,
        name: t.name,
        publicKey: keys.find((k) => k.keyholder === i + 1)?.public_key ?? null,
      })),
      dealt: all.map((d) => ({
        dealer: d.dealer,
        commitments: d.commitments,
        sealedShare: d.sealed_shares[me - 1] ?? '',
      })),
    };
  });
}

async function memberWeight(o: OrgTx, m: ratRepo.MeetingRow, memberId: bigint): Promise<number> {
  const rules = rulesOf(m);
  if (rules.proxiesPerHolderMax === 0) return 1;
  return 1 + (await ratRepo.proxiesHeldBy(o.tx, o.ctx.organizationId, m.id, memberId));
}

/** The member's view of a secret ballot: the manifest to encrypt for, and their own standing. */
export async function memberView(deps: Deps, ctx: OrgContext, p: Params) {
  return inOrg(deps, ctx, async (o) => {
    const member = await ownMember(o);
    const m = await loadMeeting(o, p.meetingId);
    const e = await electionOf(o, p);
    const attended = await ratRepo.attendanceOf(o.tx, ctx.organizationId, p.meetingId, member.id);
    const registered = await repo.isVoter(o.tx, ctx.organizationId, p.meetingId, p.seq, member.id);
    return {
      status: e.status,
      manifest: e.status === 'setup' ? null : (e.manifest as ManifestJson),
      checkedIn: attended !== undefined,
      registered,
      weight: await memberWeight(o, m, member.id),
      headHash: e.head_hash,
    };
  });
}

/** Who registers or casts: the member of the signed-in login, or a member named by id. */
type Voter = (o: OrgTx) => Promise<ratRepo.MemberForRat>;

async function memberNamed(o: OrgTx, memberId: bigint): Promise<ratRepo.MemberForRat> {
  const member = await ratRepo.memberById(o.tx, o.ctx.organizationId, memberId);
  if (!member) throw new AppError('MEMBER_NOT_FOUND');
  return member;
}

/**
 * A checked-in member registers the pseudonym their browser derived from their credential code,
 * once per election. The pseudonym goes on the board (a credentials entry); who registered goes to
 * rat_ballot_voters, apart, to the minute. No audit event: see the module comment.
 */
export async function registerCredential(
  deps: Deps,
  ctx: OrgContext,
  p: Params,
  input: { pseudonym: string },
) {
  return registerIn(deps, ctx, p, ownMember, input);
}

/**
 * registerCredential for a member named by id, with the same checks (active, checked in, once per
 * member). Not a route: members register only for themselves through their login; the demo seed
 * plays the phones of its members, who have no logins (src/services/demo/rat-ballots.ts).
 */
export async function registerCredentialOfMember(
  deps: Deps,
  ctx: OrgContext,
  p: Params,
  memberId: bigint,
  input: { pseudonym: string },
) {
  return registerIn(deps, ctx, p, (o) => memberNamed(o, memberId), input);
}

async function registerIn(
  deps: Deps,
  ctx: OrgContext,
  p: Params,
  voter: Voter,
  input: { pseudonym: string },
) {
  const now = deps.clock();
  return inOrg(deps, ctx, async (o) => {
    const member = await voter(o);
    const m = await loadMeeting(o, p.meetingId);
    const e = await electionOf(o, p, true);
    if (!['ready', 'voting'].includes(e.status)) throw stateError(e.status, 'daftar kode pemilih');
    if (member.status !== 'active')
      throw new AppError('RAT_MEMBER_NOT_ENTITLED', {
        member: member.member_number ?? member.full_name,
        status: member.status,
      });
    const attended = await ratRepo.attendanceOf(o.tx, ctx.organizationId, p.meetingId, member.id);
    if (!attended) throw new AppError('RAT_NOT_CHECKED_IN');
    let identity = false;
    try {
      identity = pointFromHex(input.pseudonym).is0();
    } catch {
      identity = true;
    }
    if (identity)
      throw new AppError('RAT_BALLOT_REFUSED', { reason: 'pseudonim bukan titik ristretto255' });
    const weight = await memberWeight(o, m, member.id);
    if (!(await repo.insertVoter(o.tx, ctx.organizationId, p.meetingId, p.seq, member.id, now)))
      throw new AppError('RAT_ALREADY_REGISTERED');
    if (
      !(await repo.insertPseudonym(
        o.tx,
        ctx.organizationId,
        p.meetingId,
        p.seq,
        input.pseudonym,
        weight,
      ))
    )
      throw new AppError('RAT_BALLOT_REFUSED', { reason: 'pseudonim ini sudah terdaftar' });
    if (e.status === 'voting') {
      // a late check-in votes too: the base of the majority is who is present now
      const q = await quorumIn(o, m);
      const item = await itemOf(o, p.meetingId, p.seq);
      if (q.counted > (item.voters_present ?? 0))
        await ratRepo.raiseVotersPresent(o.tx, ctx.organizationId, p.meetingId, p.seq, q.counted);
    }
    await appendIn(o, p, e, credentialsBody([{ pseudonym: input.pseudonym, weight }]));
    return { weight };
  });
}

/** Appends under the election row's lock (held by the caller): the seq is gapless. */
async function appendIn(
  o: OrgTx,
  p: Params,
  e: repo.ElectionRow,
  body: Parameters<typeof nextEntry>[2],
): Promise<BoardEntry> {
  const manifest = e.manifest as ManifestJson;
  const previous =
    e.head_hash === null ? undefined : ({ seq: e.head_seq, hash: e.head_hash } as BoardEntry);
  const entry = nextEntry(manifest, previous, body);
  await repo.insertEntry(
    o.tx,
    o.ctx.organizationId,
    p.meetingId,
    p.seq,
    {
      seq: entry.seq,
      prevHash: entry.prevHash,
      kind: entry.kind,
      hash: entry.hash,
      tracker: entry.kind === 'ballot' ? entry.tracker : null,
    },
    entry,
  );
  await repo.updateElection(o.tx, o.ctx.organizationId, p.meetingId, p.seq, {
    head: { seq: entry.seq, hash: entry.hash },
  });
  e.head_seq = entry.seq;
  e.head_hash = entry.hash;
  return entry;
}

/**
 * Casts a ballot: checked against the manifest and the registered pseudonym's weight (outside the
 * lock: the crypto is the slow part), then appended under the election row's lock. The member
 * must have registered; the ballot itself is tied only to its pseudonym. A member votes again with
 * the same credential; the last ballot counts. Returns the tracker. No audit event, no log.
 */
export async function castBallot(deps: Deps, ctx: OrgContext, p: Params, ballot: BallotJson) {
  return castIn(deps, ctx, p, ownMember, ballot);
}

/** castBallot for a member named by id (not a route; see registerCredentialOfMember). */
export async function castBallotOfMember(
  deps: Deps,
  ctx: OrgContext,
  p: Params,
  memberId: bigint,
  ballot: BallotJson,
) {
  return castIn(deps, ctx, p, (o) => memberNamed(o, memberId), ballot);
}

async function castIn(deps: Deps, ctx: OrgContext, p: Params, voter: Voter, ballot: BallotJson) {
  const check = await inOrg(deps, ctx, async (o) => {
    const member = await voter(o);
    const e = await electionOf(o, p);
    if (e.status !== 'voting') throw stateError(e.status, 'memilih');
    if (!(await repo.isVoter(o.tx, ctx.organizationId, p.meetingId, p.seq, member.id)))
      throw new AppError('RAT_NOT_CHECKED_IN');
    const weight = await repo.pseudonymWeight(
      o.tx,
      ctx.organizationId,
      p.meetingId,
      p.seq,
      ballot.pseudonym,
    );
    return { manifest: e.manifest as ManifestJson, weight };
  });
  let problems;
  try {
    problems = checkBallot(
      check.manifest,
      pointFromHex(check.manifest.publicKey),
      ballot,
      check.weight,
      'ballot',
    );
  } catch {
    throw new AppError('RAT_BALLOT_REFUSED', { reason: 'surat suara tidak terbaca' });
  }
  if (problems.length > 0)
    throw new AppError('RAT_BALLOT_REFUSED', {
      reason: problems.map((pr) => problemMessage(pr, 'id')).join('; '),
    });
  return inOrg(deps, ctx, async (o) => {
    const e = await electionOf(o, p, true);
    if (e.status !== 'voting') throw stateError(e.status, 'memilih');
    const entry = await appendIn(o, p, e, ballotBody(ballot));
    return { tracker: ballotTracker(ballot), seq: entry.seq, hash: entry.hash };
  });
}

/** Closes the board (pengurus): the close entry, and the encrypted totals for the keyholders. */
export async function closeElection(deps: Deps, ctx: OrgContext, p: Params) {
  return inOrg(deps, ctx, async (o) => {
    const e = await electionOf(o, p, true);
    if (e.status !== 'voting') throw stateError(e.status, 'tutup pemungutan suara');
    await appendIn(o, p, e, { kind: 'close' });
    const entries = (await repo.entries(
      o.tx,
      ctx.organizationId,
      p.meetingId,
      p.seq,
    )) as BoardEntry[];
    const totals = tallyCiphertexts(e.manifest as ManifestJson, entries);
    await repo.updateElection(o.tx, ctx.organizationId, p.meetingId, p.seq, {
      status: 'closed',
      tallyCiphertexts: totals,
    });
    await o.audit({
      action: 'rat.election-closed',
      entityType: 'rat-meeting',
      entityId: p.meetingId,
      after: { seq: p.seq, headHash: e.head_hash, ballots: totals[0]?.ballots ?? 0 },
    });
    return viewIn(o, p);
  });
}

/**
 * A keyholder's decryption shares of the totals, each proof verified (a bad one is refused). With k
 * valid shares the totals are decrypted and the item decided by its majority rule.
 */
export async function postDecryption(
  deps: Deps,
  ctx: OrgContext,
  p: Params,
  decryption: TrusteeDecryption,
) {
  return inOrg(deps, ctx, async (o) => {
    const e = await electionOf(o, p, true);
    const trustee = keyholderIndex(e, ctx);
    if (e.status !== 'closed') throw stateError(e.status, 'kirim bagian dekripsi');
    if (decryption.trustee !== trustee)
      throw new AppError('RAT_SHARE_REFUSED', { reason: `Anda pemegang kunci ${trustee}` });
    const manifest = e.manifest as ManifestJson;
    const totals = e.tally_ciphertexts as Omit<TallyQuestionJson, 'counts'>[];
    const vk = pointFromHex((e.verification_keys as string[])[trustee - 1]!);
    const valid = totals.every((q, qi) => {
      const d = decryption.questions[qi];
      return (
        d?.questionId === q.questionId &&
        d.decryptions.length === q.ciphertexts.length &&
        q.ciphertexts.every((ct, j) =>
          checkDecryption(manifest, vk, q.questionId, j, trustee, ct, d.decryptions[j]),
        )
      );
    });
    if (!valid)
      throw new AppError('RAT_SHARE_REFUSED', {
        reason: 'bukti bagian dekripsi tidak sah untuk total terenkripsi ini',
      });
    if (
      !(await repo.insertTallyShare(
        o.tx,
        ctx.organizationId,
        p.meetingId,
        p.seq,
        trustee,
        decryption,
      ))
    )
      throw new AppError('RAT_SHARE_REFUSED', { reason: 'Anda sudah mengirim bagian dekripsi' });
    await o.audit({
      action: 'rat.election-decrypted',
      entityType: 'rat-meeting',
      entityId: p.meetingId,
      after: { seq: p.seq, trustee },
    });
    const shares = (await repo.tallyShares(
      o.tx,
      ctx.organizationId,
      p.meetingId,
      p.seq,
    )) as TrusteeDecryption[];
    if (shares.length >= e.threshold) {
      const entries = (await repo.entries(
        o.tx,
        ctx.organizationId,
        p.meetingId,
        p.seq,
      )) as BoardEntry[];
      let tally: TallyJson;
      try {
        tally = combineTally(manifest, entries, shares, e.verification_keys as string[]);
      } catch (err) {
        if (err instanceof TallyError)
          throw new AppError('RAT_SHARE_REFUSED', { reason: err.message });
        throw err;
      }
      const counts = tally.questions[0]!.counts;
      await repo.updateElection(o.tx, ctx.organizationId, p.meetingId, p.seq, {
        status: 'tallied',
        tally,
      });
      // counted weight = setuju + tidak setuju + abstain (one selection of weight w per ballot)
      await decideIn(
        o,
        p.meetingId,
        p.seq,
        { setuju: counts[0]!, tidakSetuju: counts[1]!, abstain: counts[2]! },
        deps.clock(),
        'secret',
      );
    }
    return viewIn(o, p);
  });
}

/** The board in the format verifyBoard reads (docs/domain/rat-ballots.md). */
export async function board(deps: Deps, ctx: OrgContext, p: Params): Promise<BoardJson> {
  return inOrg(deps, ctx, async (o) => {
    const e = await electionOf(o, p);
    if (e.status === 'setup') throw stateError(e.status, 'unduh papan suara');
    const entries = (await repo.entries(
      o.tx,
      ctx.organizationId,
      p.meetingId,
      p.seq,
    )) as BoardEntry[];
    return {
      format: BOARD_FORMAT,
      manifest: e.manifest as ManifestJson,
      entries,
      ...(e.tally ? { tally: e.tally as TallyJson } : {}),
    };
  });
}

/** Where a tracker is on the board, and whether its ballot is (so far) the one that counts. */
export async function findTracker(deps: Deps, ctx: OrgContext, p: Params, tracker: string) {
  return inOrg(deps, ctx, async (o) => {
    const e = await electionOf(o, p);
    const at = await repo.entryByTracker(o.tx, ctx.organizationId, p.meetingId, p.seq, tracker);
    if (!at) return { found: false as const, seq: null, hash: null, counted: null };
    const entries = (await repo.entries(
      o.tx,
      ctx.organizationId,
      p.meetingId,
      p.seq,
    )) as BoardEntry[];
    const counted = countedBallots(e.manifest as ManifestJson, entries).some((q) =>
      q.ballots.some((b) => b.seq === at.seq),
    );
    return { found: true as const, seq: at.seq, hash: at.hash, counted };
  });
}
