import { expect } from 'vitest';
import {
  combineDealtShares,
  deriveKeyholderKey,
  newKeyholderCode,
  openShare,
  sealedDealing,
  trusteeDecrypt,
  verifyDealtShare,
  type ManifestJson,
} from '../../../src/domain/rat/ballot/index.js';
import { apiAs, type Api } from './api.js';
import { DEMO_PASSWORD } from './server.js';

/**
 * Browser-test setup of a secret ballot that is open for voting (docs/domain/rat-ballots.md), all
 * through the API as the real clients would: the demo KSP's pengurus plans a hybrid RAT held today,
 * its admin adds two pengawas users so there are three keyholders (k = 2), the keyholders run the
 * key ceremony (the domain functions, in Node, as their own devices would), one other member is
 * checked in at the desk (the quorum of this test meeting is one member), the meeting opens and
 * the vote on the secret item opens. Kept in this one function because the ceremony's API changes
 * (keyholders' sealing keys): update it here.
 */

export { apiAs, type Api } from './api.js';

const DAY = 86_400_000;
/** The Jakarta date `days` from now (the server's business calendar, UTC+7). */
export const jakarta = (days = 0) =>
  new Date(Date.now() + 7 * 3_600_000 + days * DAY).toISOString().slice(0, 10);

export interface SecretBallot {
  orgId: string;
  meetingId: string;
  /** The secret agenda item. */
  seq: number;
  manifest: ManifestJson;
  /** The pengurus, through the API. */
  pengurus: Api;
  /** The keyholders (index i + 1), through the API, and their secret shares (their devices'). */
  keyholders: Api[];
  secretShares: string[];
  threshold: number;
  /** Staff path of the item's ballot. */
  ballotPath: string;
}

interface MeetingView {
  id: string;
  agenda: { seq: number; ballot: 'open' | 'secret'; status: string }[];
}

/**
 * A hybrid RAT of `bookYear` held today in the demo KSP with its secret item's vote open.
 * `ksp.anggota` is not checked in: the browser test checks them in.
 */
export async function setUpSecretBallot(baseUrl: string, bookYear = 2022): Promise<SecretBallot> {
  const admin = await apiAs(baseUrl, 'ksp.admin');
  const pengurus = await apiAs(baseUrl, 'ksp.pengurus');
  // three pengawas keyholders: the demo's one and two more
  const users = await admin.call<{ items: { id: string; username: string }[] }>('/users');
  const pengawasId = users.items.find((u) => u.username === 'ksp.pengawas')?.id;
  expect(pengawasId).toBeTruthy();
  const usernames = ['ksp.pengawas'];
  const keyholderIds = [pengawasId!];
  for (const [i, fullName] of ['Drs. Bambang Wibowo', 'Hj. Sulastri'].entries()) {
    const username = `ksp.pengawas${i + 2}`;
    const made = await admin.call<{ id: string }>('/users', {
      username,
      fullName,
      password: DEMO_PASSWORD,
      roles: ['pengawas'],
    });
    usernames.push(username);
    keyholderIds.push(made.id);
  }

  const meeting = await pengurus.call<MeetingView>('/rat/meetings', {
    bookYear,
    mode: 'hybrid',
    scheduledOn: jakarta(),
    startsAt: '08:00',
    location: 'Aula Koperasi',
    onlineUrl: 'https://meet.example.org/rat-ksp',
    lateReason: `RAT tahun buku ${bookYear} belum pernah diadakan`,
    // a test meeting: one member present is a quorum, so the vote can open with few check-ins
    rules: { invitationLeadDays: 0, quorum: { numerator: 0, denominator: 1, plusOne: true } },
  });
  const seq = meeting.agenda.find((a) => a.ballot === 'secret')?.seq;
  expect(seq).toBeTruthy();
  const staff = `/rat/meetings/${meeting.id}`;
  const ballotPath = `${staff}/agenda/${seq}/ballot`;

  // the election, then the keyholders' ceremony: each registers the sealing key of its keyholder
  // code, deals with every share sealed to its recipient's key, then opens, checks and combines
  // what was dealt to it
  const threshold = 2;
  await pengurus.call(ballotPath, { threshold, keyholderUserIds: keyholderIds });
  const keyholders: Api[] = [];
  for (const u of usernames) keyholders.push((await apiAs(baseUrl, u)).call);
  const n = keyholders.length;
  interface Ceremony {
    electionId: string;
    keys: { index: number; publicKey: string | null }[];
    dealt: { dealer: number; commitments: string[]; sealedShare: string }[];
  }
  const ceremony = `${ballotPath}/ceremony`;
  const { electionId } = await keyholders[0]!<Ceremony>(ceremony);
  const keys = keyholders.map(() => deriveKeyholderKey(newKeyholderCode(), electionId));
  for (const [i, k] of keyholders.entries())
    await k(`${ceremony}/key`, { publicKey: keys[i]!.publicKey });
  for (const [i, k] of keyholders.entries()) {
    const registered = (await k<Ceremony>(ceremony)).keys.map((x) => x.publicKey!);
    await k(ceremony, sealedDealing(electionId, i + 1, threshold, registered));
  }
  const secretShares: string[] = [];
  for (const [i, k] of keyholders.entries()) {
    const got = await k<Ceremony>(ceremony);
    expect(got.dealt).toHaveLength(n);
    const opened = got.dealt.map((d) =>
      openShare(keys[i]!.secret, d.sealedShare, { electionId, dealer: d.dealer, recipient: i + 1 }),
    );
    got.dealt.forEach((d, j) =>
      expect(verifyDealtShare(d.commitments, i + 1, opened[j]!)).toBe(true),
    );
    secretShares.push(combineDealtShares(opened));
  }
  const view = await pengurus.call<{ status: string; manifest: ManifestJson }>(ballotPath);
  expect(view.status).toBe('ready');

  // another member at the desk makes the quorum; the meeting and the vote open
  const members = await pengurus.call<{ items: { id: string; fullName: string }[] }>(
    '/members?status=active&limit=5',
  );
  const other = members.items.find((m) => m.fullName !== 'Siti Aminah');
  expect(other).toBeTruthy();
  await pengurus.call(`${staff}/check-ins`, { memberId: other!.id });
  await pengurus.call(`${staff}/open`, {});
  await pengurus.call(`${staff}/agenda/${seq}/voting`, {});
  return {
    orgId: pengurus.orgId,
    meetingId: meeting.id,
    seq: seq!,
    manifest: view.manifest,
    pengurus: pengurus.call,
    keyholders,
    secretShares,
    threshold,
    ballotPath,
  };
}

/**
 * Closes the vote and has the first k keyholders decrypt the totals (trusteeDecrypt on their own
 * device); answers the election view after the tally.
 */
export async function closeAndTally(b: SecretBallot) {
  const closed = await b.pengurus<{
    tallyCiphertexts: Parameters<typeof trusteeDecrypt>[1];
  }>(`${b.ballotPath}/close`, {});
  let view: unknown;
  for (let i = 0; i < b.threshold; i++) {
    const d = trusteeDecrypt(b.manifest, closed.tallyCiphertexts, i + 1, b.secretShares[i]!);
    view = await b.keyholders[i]!(`${b.ballotPath}/decryption`, d);
  }
  return view as { status: string; tally: { questions: { counts: number[] }[] } | null };
}
