import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  combineDealtShares,
  deal,
  deriveCredential,
  deriveKeyholderKey,
  encryptBallot,
  isSealedShare,
  newKeyholderCode,
  openShare,
  sealedDealing,
  trusteeDecrypt,
  verifyBoard,
  verifyDealtShare,
  type BallotJson,
  type BoardJson,
  type Credential,
  type ManifestJson,
  type TallyQuestionJson,
} from '../../../src/domain/rat/ballot/index.js';
import type { OpenedDeps } from '../../../src/services/deps.js';
import { buildApp } from '../../../src/http/app.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import { makeCooperative, makeUser, signIn, type Client } from '../../support/fixtures.js';
import { runCli } from '../cli/run-cli.js';
import { copy } from '../../unit/rat/election.js';
import * as ratBallots from '../../../src/services/rat-ballots.js';
import type { OrgContext } from '../../../src/services/context.js';

/**
 * The RAT's secret ballots over HTTP (issue 17 item 5): the pengawas keyholders' ceremony (their
 * browsers' work done here with the pure module: keyholder codes, sealing keys, sealed shares, and
 * no share ever readable by the server), voting refused without quorum and without
 * ready keys, registration only after check-in and only once, re-voting (the last counts), a late
 * check-in voting, tampered ballots and decryption shares refused, the tally equal to the known
 * votes and decided by the majority rule, the board verified by verifyBoard and by the CLI, and no
 * row or log line linking a ballot to a member.
 */
let now = new Date('2026-02-20T02:00:00Z');
let deps: TestDeps;
let app: FastifyInstance;
const logLines: string[] = [];
let coopId: string;
let pengurus: Client;
let pengurusUserId: string;
let outsiderPengurus: Client;
const keyholders: Client[] = [];
const keyholderIds: string[] = [];
const members: Client[] = [];
const memberIds: bigint[] = [];
const memberUserIds: string[] = [];
let meetingId: string;
const SEQ = 5; // the SHU item of the standard agenda: ballot 'secret'
const dir = mkdtempSync(join(tmpdir(), 'sg-rat-ballots-'));

beforeAll(async () => {
  deps = await testDeps({ clock: () => now });
  // the app logs as in production (request lines), into an array the last test reads
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  (deps as { logger: unknown }).logger = pino({ level: 'debug' }, sink);
  app = await buildApp(deps, {
    secureCookies: false,
    logger: true,
    loginRateLimitPerMinute: 10_000,
  });
  await app.ready();
  const coop = await makeCooperative(deps);
  coopId = coop.id;
  const pengurusUser = await makeUser(deps, coop, ['pengurus']);
  pengurusUserId = pengurusUser.id;
  const users = [];
  for (let i = 0; i < 3; i++) users.push(await makeUser(deps, coop, ['pengawas']));
  const memberUsers = [];
  for (let i = 0; i < 5; i++) memberUsers.push(await makeUser(deps, coop, ['anggota']));
  await sql`
    insert into members (cooperative_id, member_number, status, nik, full_name, birth_date, gender,
      joined_on, phone, user_id)
    select ${coop.id}, lpad(i::text, 5, '0'), 'active', '3375' || lpad(i::text, 12, '0'),
      'Anggota ' || i, '1960-01-01', 'L', '2020-01-01', '+62812340000' || i,
      (${JSON.stringify(memberUsers.map((u) => u.id))}::jsonb ->> (i - 1))::uuid
    from generate_series(1, 5) i`.execute(deps.database.db);
  const rows = await sql<{ id: bigint; user_id: string }>`
    select id, user_id from members where cooperative_id = ${coop.id} order by member_number`.execute(
    deps.database.db,
  );
  memberIds.push(...rows.rows.map((r) => r.id));
  memberUserIds.push(...rows.rows.map((r) => r.user_id));
  pengurus = await signIn(app, pengurusUser.username);
  const planned = await pengurus.request('POST', `/api/v1/orgs/${coopId}/rat/meetings`, {
    bookYear: 2025,
    mode: 'hybrid',
    scheduledOn: '2026-03-14',
    startsAt: '09:00',
    location: 'Aula Koperasi',
    onlineUrl: 'https://meet.example.id/rat',
  });
  expect(planned.statusCode, planned.body).toBe(201);
  meetingId = planned.json<{ id: string }>().id;
  now = new Date('2026-03-14T01:00:00Z'); // the day of the RAT; sign in now (sessions last days)
  pengurus = await signIn(app, pengurusUser.username);
  for (const u of users) {
    keyholders.push(await signIn(app, u.username));
    keyholderIds.push(u.id);
  }
  for (const u of memberUsers) members.push(await signIn(app, u.username));
  const other = await makeCooperative(deps);
  outsiderPengurus = await signIn(app, (await makeUser(deps, other, ['pengurus'])).username);
}, 60_000);

afterAll(async () => {
  await app?.close();
  await deps?.close();
  rmSync(dir, { recursive: true, force: true });
});

const staff = () => `/api/v1/orgs/${coopId}/rat/meetings/${meetingId}`;
const ballotUrl = () => `${staff()}/agenda/${SEQ}/ballot`;
const myUrl = () => `/api/v1/orgs/${coopId}/me/rat/${meetingId}/agenda/${SEQ}/ballot`;
const checkIn = (i: number) =>
  pengurus.request('POST', `${staff()}/check-ins`, { memberId: memberIds[i]!.toString() });

// the keyholders' secrets, as their own devices would keep them (the code on paper)
const keyholderCodes: string[] = [];
const plainShares: string[] = [];
const secretShares: string[] = [];
let manifest: ManifestJson;
const credentials: Credential[] = [];
const trackers: string[] = [];
const pseudonyms: string[] = [];

const ballot = (m: number, choice: number): BallotJson =>
  encryptBallot({
    manifest,
    questionId: manifest.questions[0]!.id,
    credential: credentials[m]!,
    weight: 1,
    selections: [choice],
  });

async function cast(m: number, choice: number) {
  const r = await members[m]!.request('POST', myUrl(), { ballot: ballot(m, choice) });
  expect(r.statusCode, r.body).toBe(201);
  const t = r.json<{ tracker: string }>().tracker;
  trackers.push(t);
  return t;
}

describe('RAT secret ballots over HTTP', () => {
  it('prepared with pengawas keyholders only; voting refused without quorum and without ready keys', async () => {
    const notPengawas = await pengurus.request('POST', ballotUrl(), {
      threshold: 2,
      keyholderUserIds: [keyholderIds[0], memberUserIds[0]],
    });
    expect(notPengawas.statusCode).toBe(400);
    expect(notPengawas.json<{ detail: string }>().detail).toContain('pengawas');
    const openItem = await pengurus.request('POST', `${staff()}/agenda/1/ballot`, {
      threshold: 2,
      keyholderUserIds: keyholderIds,
    });
    expect(openItem.statusCode).toBe(400); // item 1 is an open vote
    const created = await pengurus.request('POST', ballotUrl(), {
      threshold: 2,
      keyholderUserIds: keyholderIds,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ status: 'setup', threshold: 2, registered: 0 });
    // another cooperative's pengurus sees nothing
    const foreign = await outsiderPengurus.request('GET', ballotUrl());
    expect(foreign.statusCode).toBe(403);

    // no quorum: the meeting cannot open, so no vote opens
    expect((await checkIn(0)).statusCode).toBe(200);
    const noQuorum = await pengurus.request('POST', `${staff()}/open`);
    expect(noQuorum.statusCode).toBe(409);
    expect(noQuorum.json<{ detail: string }>().detail).toContain('Kuorum belum tercapai');
    const votingNoQuorum = await pengurus.request('POST', `${staff()}/agenda/${SEQ}/voting`);
    expect(votingNoQuorum.statusCode).toBe(409);
    await checkIn(1);
    await checkIn(2);
    expect((await pengurus.request('POST', `${staff()}/open`)).statusCode).toBe(200);
    // quorum, but the keys are not ready: refused
    const notReady = await pengurus.request('POST', `${staff()}/agenda/${SEQ}/voting`);
    expect(notReady.statusCode).toBe(409);
    expect(notReady.json<{ detail: string }>().detail).toContain('setup');
    // a secret item's result cannot be typed in
    const typed = await pengurus.request('POST', `${staff()}/agenda/${SEQ}/result`, {
      setuju: 3,
      tidakSetuju: 0,
      abstain: 0,
    });
    expect(typed.statusCode).toBe(409);
  });

  it('the key ceremony through the server: keys registered, shares sealed, each keyholder opens and checks what it got, and the key is ready', async () => {
    // each keyholder's browser makes a keyholder code and registers the key derived from it
    const electionId = (await pengurus.request('GET', ballotUrl())).json<{ electionId: string }>()
      .electionId;
    for (let i = 0; i < 3; i++) keyholderCodes.push(newKeyholderCode());
    const keys = keyholderCodes.map((c) => deriveKeyholderKey(c, electionId));
    // a dealing with its shares in the clear, for the posts the server must refuse
    const clear = deal(2, 3);
    plainShares.push(...clear.shares);
    // what each keyholder dealt (the commitments; its shares are sealed and forgotten)
    const dealtCommitments: string[][] = [];
    const notAKey = await keyholders[0]!.request('POST', `${ballotUrl()}/ceremony/key`, {
      publicKey: 'ff'.repeat(32),
    });
    expect(notAKey.statusCode).toBe(422);
    const memberKey = await members[0]!.request('POST', `${ballotUrl()}/ceremony/key`, {
      publicKey: keys[0]!.publicKey,
    });
    expect(memberKey.statusCode).toBe(403);
    for (let i = 0; i < 2; i++) {
      const r = await keyholders[i]!.request('POST', `${ballotUrl()}/ceremony/key`, {
        publicKey: keys[i]!.publicKey,
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const again = await keyholders[0]!.request('POST', `${ballotUrl()}/ceremony/key`, {
      publicKey: keys[1]!.publicKey,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('RAT_KEYHOLDER_KEY_REGISTERED');
    // dealing waits for all n keys (a share can only be sealed to a registered key)
    const early = await keyholders[0]!.request('POST', `${ballotUrl()}/ceremony`, {
      commitments: clear.commitments,
      sealedShares: clear.shares,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'RAT_KEYHOLDER_KEYS_MISSING',
    });
    expect(early.json<{ detail: string }>().detail).toContain('2 dari 3');
    const r3 = await keyholders[2]!.request('POST', `${ballotUrl()}/ceremony/key`, {
      publicKey: keys[2]!.publicKey,
    });
    expect(r3.statusCode, r3.body).toBe(201);
    const staffView = r3.json<{ keyholders: { sealingKey: string | null; dealt: boolean }[] }>();
    expect(staffView.keyholders.map((k) => k.sealingKey)).toEqual(keys.map((k) => k.publicKey));
    // each keyholder sees every registered key, in keyholder order
    const seen = (await keyholders[1]!.request('GET', `${ballotUrl()}/ceremony`)).json<{
      electionId: string;
      keys: { index: number; publicKey: string }[];
    }>();
    expect(seen.electionId).toBe(electionId);
    expect(seen.keys.map((k) => k.publicKey)).toEqual(keys.map((k) => k.publicKey));

    // shares in the clear are refused: the server takes only sealed envelopes
    const inClear = await keyholders[0]!.request('POST', `${ballotUrl()}/ceremony`, {
      commitments: clear.commitments,
      sealedShares: clear.shares,
    });
    expect(inClear.statusCode).toBe(422);
    expect(inClear.json<{ detail: string }>().detail).toContain('tidak tersegel');
    // a member is no keyholder
    const member = await members[0]!.request(
      'POST',
      `${ballotUrl()}/ceremony`,
      sealedDealing(
        electionId,
        1,
        2,
        seen.keys.map((k) => k.publicKey),
      ),
    );
    expect(member.statusCode).toBe(403);
    for (let i = 0; i < 3; i++) {
      const mine = (await keyholders[i]!.request('GET', `${ballotUrl()}/ceremony`)).json<{
        keys: { publicKey: string }[];
      }>();
      const dealing = sealedDealing(
        electionId,
        i + 1,
        2,
        mine.keys.map((k) => k.publicKey),
      );
      dealtCommitments.push(dealing.commitments);
      const r = await keyholders[i]!.request('POST', `${ballotUrl()}/ceremony`, dealing);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json<{ status: string }>().status).toBe(i < 2 ? 'setup' : 'ready');
    }
    const twice = await keyholders[0]!.request(
      'POST',
      `${ballotUrl()}/ceremony`,
      sealedDealing(
        electionId,
        1,
        2,
        keys.map((k) => k.publicKey),
      ),
    );
    expect(twice.statusCode).toBe(409); // the key is made: no more dealing
    const lateKey = await keyholders[0]!.request('POST', `${ballotUrl()}/ceremony/key`, {
      publicKey: keys[0]!.publicKey,
    });
    expect(lateKey.statusCode).toBe(409);
    // at the count a keyholder needs only its code: the browser opens and checks each share
    for (let i = 0; i < 3; i++) {
      const got = await keyholders[i]!.request('GET', `${ballotUrl()}/ceremony`);
      const body = got.json<{
        index: number;
        dealt: { dealer: number; commitments: string[]; sealedShare: string }[];
      }>();
      expect(body.index).toBe(i + 1);
      expect(body.dealt).toHaveLength(3);
      const key = deriveKeyholderKey(keyholderCodes[i]!, electionId);
      const opened = body.dealt.map((d) => {
        expect(d.commitments).toEqual(dealtCommitments[d.dealer - 1]);
        // another keyholder's key does not open it
        const other = deriveKeyholderKey(keyholderCodes[(i + 1) % 3]!, electionId);
        expect(() =>
          openShare(other.secret, d.sealedShare, {
            electionId,
            dealer: d.dealer,
            recipient: i + 1,
          }),
        ).toThrow();
        const share = openShare(key.secret, d.sealedShare, {
          electionId,
          dealer: d.dealer,
          recipient: i + 1,
        });
        expect(verifyDealtShare(d.commitments, i + 1, share)).toBe(true);
        expect(d.sealedShare).not.toBe(share);
        plainShares.push(share);
        return share;
      });
      secretShares.push(combineDealtShares(opened));
    }
    const view = await pengurus.request('GET', ballotUrl());
    manifest = view.json<{ manifest: ManifestJson }>().manifest;
    expect(manifest.publicKey).toMatch(/^[0-9a-f]{64}$/);
    const opened = await pengurus.request('POST', `${staff()}/agenda/${SEQ}/voting`);
    expect(opened.statusCode, opened.body).toBe(200);
  });

  it('the server never holds a dealt share in the clear: no row of any table contains one', async () => {
    expect(plainShares).toHaveLength(3 + 9); // the refused clear dealing's and the 9 opened
    const stored = await sql<{ sealed_shares: string[] }>`
      select sealed_shares from rat_election_dealings where cooperative_id = ${coopId}`.execute(
      deps.database.db,
    );
    expect(stored.rows).toHaveLength(3);
    for (const row of stored.rows)
      for (const sealed of row.sealed_shares) expect(isSealedShare(sealed)).toBe(true);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
      deps.database.db,
    );
    for (const { table_name } of tables.rows) {
      const rows = await sql<{ j: unknown }>`
        select to_jsonb(t) as j from ${sql.table(table_name)} t`.execute(deps.database.db);
      for (const { j } of rows.rows) {
        const text = JSON.stringify(j);
        for (const share of plainShares) expect(text.includes(share), table_name).toBe(false);
        for (const code of keyholderCodes) expect(text.includes(code), table_name).toBe(false);
      }
    }
    // nor any log line
    for (const line of logLines)
      for (const share of plainShares) expect(line.includes(share)).toBe(false);
  });

  it('registration: only after check-in, once per member; ballots checked, re-voting, a late check-in', async () => {
    for (let i = 0; i < 5; i++)
      credentials.push(deriveCredential(`kode-anggota-${i}-rahasia`, manifest.electionId));
    pseudonyms.push(...credentials.map((c) => c.pseudonym));
    const notIn = await members[3]!.request('POST', `${myUrl()}/credential`, {
      pseudonym: credentials[3]!.pseudonym,
    });
    expect(notIn.statusCode).toBe(409);
    expect(notIn.json<{ detail: string }>().detail).toContain('belum tercatat hadir');
    for (let i = 0; i < 3; i++) {
      const r = await members[i]!.request('POST', `${myUrl()}/credential`, {
        pseudonym: credentials[i]!.pseudonym,
      });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toEqual({ weight: 1 });
    }
    // a second credential for the same member is refused: no two ballots counted
    const second = deriveCredential('kode-kedua-anggota-0', manifest.electionId);
    const again = await members[0]!.request('POST', `${myUrl()}/credential`, {
      pseudonym: second.pseudonym,
    });
    expect(again.statusCode).toBe(409);
    const unregistered = encryptBallot({
      manifest,
      questionId: manifest.questions[0]!.id,
      credential: second,
      weight: 1,
      selections: [0],
    });
    const refused = await members[0]!.request('POST', myUrl(), { ballot: unregistered });
    expect(refused.statusCode).toBe(422);

    await cast(0, 0); // setuju
    await cast(1, 1); // tidak setuju
    await cast(2, 0); // setuju
    await cast(0, 2); // member 0 changes their mind: abstain

    // tampered: one choice's ciphertext swapped for another's
    const t = ballot(2, 1);
    const tampered = copy(t);
    tampered.choices[0]!.beta = t.choices[1]!.beta;
    const bad = await members[2]!.request('POST', myUrl(), { ballot: tampered });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ detail: string }>().detail).toContain('Surat suara ditolak');
    // a member who is not registered cannot cast even a valid ballot of another's credential
    const stranger = await members[4]!.request('POST', myUrl(), { ballot: ballot(2, 1) });
    expect(stranger.statusCode).toBe(409);

    // the same checks for a member named by id (the demo seed plays its members' phones): not
    // checked in, already registered, not registered, no such member
    const ctx: OrgContext = {
      organizationId: coopId,
      actor: { userId: pengurusUserId, label: 'demo' },
      roles: ['pengurus'],
      requestId: null,
      ip: null,
    };
    const p = { meetingId: BigInt(meetingId), seq: SEQ };
    const fresh = deriveCredential('kode-anggota-4-lain', manifest.electionId);
    await expect(
      ratBallots.registerCredentialOfMember(deps, ctx, p, memberIds[4]!, {
        pseudonym: fresh.pseudonym,
      }),
    ).rejects.toMatchObject({ code: 'RAT_NOT_CHECKED_IN' });
    await expect(
      ratBallots.registerCredentialOfMember(deps, ctx, p, memberIds[0]!, {
        pseudonym: fresh.pseudonym,
      }),
    ).rejects.toMatchObject({ code: 'RAT_ALREADY_REGISTERED' });
    await expect(
      ratBallots.castBallotOfMember(deps, ctx, p, memberIds[4]!, ballot(2, 1)),
    ).rejects.toMatchObject({ code: 'RAT_NOT_CHECKED_IN' });
    await expect(
      ratBallots.registerCredentialOfMember(deps, ctx, p, 999_999n, {
        pseudonym: fresh.pseudonym,
      }),
    ).rejects.toMatchObject({ code: 'MEMBER_NOT_FOUND' });

    // late check-in: member 3 comes in, registers and votes
    expect((await checkIn(3)).statusCode).toBe(200);
    const late = await members[3]!.request('POST', `${myUrl()}/credential`, {
      pseudonym: credentials[3]!.pseudonym,
    });
    expect(late.statusCode, late.body).toBe(201);
    await cast(3, 0); // setuju

    const mine = await members[0]!.request('GET', myUrl());
    expect(mine.json()).toMatchObject({ status: 'voting', checkedIn: true, registered: true });
    const first = await members[0]!.request('POST', `${myUrl()}/tracker`, { tracker: trackers[0] });
    expect(first.json()).toMatchObject({ found: true, counted: false });
    const last = await members[0]!.request('POST', `${myUrl()}/tracker`, { tracker: trackers[3] });
    expect(last.json()).toMatchObject({ found: true, counted: true });
  });

  it('closed, a tampered share refused, k shares decrypt the known count and decide the item', async () => {
    const closed = await pengurus.request('POST', `${ballotUrl()}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    const totals = closed.json<{ tallyCiphertexts: Omit<TallyQuestionJson, 'counts'>[] }>()
      .tallyCiphertexts;
    expect(totals[0]).toMatchObject({ ballots: 4, weight: 4 });
    const late = await members[4]!.request('POST', myUrl(), { ballot: ballot(2, 0) });
    expect(late.statusCode).toBe(409);

    const d1 = trusteeDecrypt(manifest, totals, 1, secretShares[0]!);
    const tampered = copy(d1);
    tampered.questions[0]!.decryptions[0]!.share = d1.questions[0]!.decryptions[1]!.share;
    const bad = await keyholders[0]!.request('POST', `${ballotUrl()}/decryption`, tampered);
    expect(bad.statusCode).toBe(422);
    // keyholder 2 cannot post keyholder 1's shares
    const other = await keyholders[1]!.request('POST', `${ballotUrl()}/decryption`, d1);
    expect(other.statusCode).toBe(422);
    const ok1 = await keyholders[0]!.request('POST', `${ballotUrl()}/decryption`, d1);
    expect(ok1.statusCode, ok1.body).toBe(200);
    expect(ok1.json<{ status: string }>().status).toBe('closed');
    const d3 = trusteeDecrypt(manifest, totals, 3, secretShares[2]!);
    const ok3 = await keyholders[2]!.request('POST', `${ballotUrl()}/decryption`, d3);
    expect(ok3.statusCode, ok3.body).toBe(200);
    const view = ok3.json<{ status: string; tally: { questions: { counts: number[] }[] } }>();
    expect(view.status).toBe('tallied');
    // setuju: members 2 and 3; tidak setuju: member 1; abstain: member 0 (their last ballot)
    expect(view.tally.questions[0]!.counts).toEqual([2, 1, 1]);
    const meeting = await pengurus.request('GET', staff());
    const item = meeting
      .json<{ agenda: { seq: number; status: string; setuju: number; passed: boolean }[] }>()
      .agenda.find((a) => a.seq === SEQ);
    expect(item).toMatchObject({
      status: 'decided',
      setuju: 2,
      tidakSetuju: 1,
      abstain: 1,
      passed: true,
      votersPresent: 4,
    });
  });

  it('the downloaded board passes verifyBoard and `sokoguru rat verify`', async () => {
    const r = await members[1]!.request('GET', `${myUrl()}/board`);
    expect(r.statusCode).toBe(200);
    const board = r.json<BoardJson>();
    const report = verifyBoard(board);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    const staffBoard = await keyholders[1]!.request('GET', `${ballotUrl()}/board`);
    expect(staffBoard.json()).toEqual(board);
    const path = join(dir, 'board.json');
    writeFileSync(path, r.body);
    const cli = await runCli({} as OpenedDeps, ['rat', 'verify', '--board', path]);
    expect(cli.code, cli.stderr).toBe(0);
    // and a board with one changed entry does not
    const changed = copy(board);
    changed.entries.splice(2, 1);
    writeFileSync(path, JSON.stringify(changed));
    expect((await runCli({} as OpenedDeps, ['rat', 'verify', '--board', path])).code).toBe(1);
  });

  it('no row links a ballot to a member, and no log line either', async () => {
    const secrets = [...pseudonyms, ...trackers];
    expect(secrets.length).toBeGreaterThan(8);
    const memberish = new Set([...memberIds.map(String), ...memberUserIds]);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(
      deps.database.db,
    );
    let rowsWithSecret = 0;
    for (const { table_name } of tables.rows) {
      const cols = await sql<{ column_name: string }>`
        select column_name from information_schema.columns
        where table_schema = current_schema() and table_name = ${table_name}`.execute(
        deps.database.db,
      );
      const memberCols = cols.rows
        .map((c) => c.column_name)
        .filter((c) => /member|user|actor|holder|recorded_by|created_by/.test(c));
      const rows = await sql<{ j: Record<string, unknown> }>`
        select to_jsonb(t) as j from ${sql.table(table_name)} t`.execute(deps.database.db);
      for (const { j } of rows.rows) {
        const text = JSON.stringify(j);
        if (!secrets.some((s) => text.includes(s))) continue;
        rowsWithSecret++;
        // a row holding a pseudonym or tracker holds no member or user id, in any column
        for (const c of memberCols)
          expect(memberish.has(String(j[c])), `${table_name}.${c}`).toBe(false);
        for (const id of memberUserIds) expect(text.includes(id), table_name).toBe(false);
      }
    }
    expect(rowsWithSecret).toBeGreaterThan(0); // the board and the pseudonyms are there
    // the who-registered record is there, apart
    const voters = await sql<{ n: number }>`
      select count(*)::integer as n from rat_ballot_voters where cooperative_id = ${coopId}`.execute(
      deps.database.db,
    );
    expect(voters.rows[0]!.n).toBe(4);
    // logs: the app logged requests, and no line carries a pseudonym or tracker
    expect(logLines.length).toBeGreaterThan(20);
    const names = members.map((m) => m.username);
    for (const line of logLines) {
      const hasSecret = secrets.some((s) => line.includes(s));
      expect(hasSecret, line).toBe(false);
      if (hasSecret) for (const n of names) expect(line.includes(n)).toBe(false);
    }
  });
});
