// The RAT's secret ballots over HTTP (issue 17: "5,000 ballots from 200 concurrent clients with none
// lost and the verifier passing"). 200 checked-in members each register a pseudonym, then cast
// their share of the ballots (re-votes: the last counts) concurrently through the app (Fastify
// inject, the full HTTP stack: auth, CSRF, zod, checkBallot, the locked append). Then the board is
// downloaded, its ballot count compared with the accepted casts, and verifyBoard run on it.
//   BENCH_BALLOTS (5000), BENCH_BALLOT_CLIENTS (200), BENCH_DB=pglite|postgres (pglite)
// Ballots are encrypted before the clock starts (encryption is the browser's work).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { openDatabase } from '../src/db/database.js';
import {
  deriveCredential,
  deriveKeyholderKey,
  encryptBallot,
  newKeyholderCode,
  sealedDealing,
  verifyBoard,
  type BallotJson,
  type BoardJson,
} from '../src/domain/rat/ballot/index.js';
import { buildApp } from '../src/http/app.js';
import { systemContext } from '../src/services/context.js';
import { openDeps } from '../src/services/deps.js';
import { createOrganization, createUser } from '../src/services/organizations.js';
import * as rat from '../src/services/rat.js';
import * as ballots from '../src/services/rat-ballots.js';
import { urlFor, recreateDatabase, writeResult } from './support.js';

const BALLOTS = Number(process.env.BENCH_BALLOTS ?? 5000);
const CLIENTS = Number(process.env.BENCH_BALLOT_CLIENTS ?? 200);
const KIND = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'pglite';
const PASSWORD = 'Rahasia-Koperasi-2026';

let now = new Date('2026-02-20T02:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'sg-bench-ballots-'));
if (KIND === 'postgres') await recreateDatabase('bench_rat_ballots');
const database = await openDatabase(
  KIND === 'postgres'
    ? { kind: 'postgres', url: urlFor('bench_rat_ballots'), poolSize: 10 }
    : { kind: 'pglite', dataDir: join(dir, 'db') },
);
const deps = await openDeps(database, { logger: pino({ level: 'warn' }), clock: () => now });
const app = await buildApp(deps, {
  secureCookies: false,
  logger: false,
  loginRateLimitPerMinute: 1_000_000,
});
await app.ready();

const t0 = performance.now();
const coop = await createOrganization(
  deps,
  {
    kind: 'cooperative',
    name: `Koperasi Bench Suara ${Date.now()}`,
    cooperativeType: 'KSP',
    cooperativeForm: 'primer',
    regencyCode: '3375',
    provinceCode: '33',
  },
  'bench',
  { seedChart: false },
);
const sys = systemContext(coop.id, 'bench');
const mk = (username: string, roles: ('pengurus' | 'pengawas' | 'anggota')[]) =>
  createUser(deps, sys, { username, fullName: `Pengguna ${username}`, password: PASSWORD, roles });
const pengurus = await mk(`bp${Date.now()}`, ['pengurus']);
const keyholders = [
  await mk(`bk1${Date.now()}`, ['pengawas']),
  await mk(`bk2${Date.now()}`, ['pengawas']),
];
const memberUsers = [];
for (let i = 0; i < CLIENTS; i++) memberUsers.push(await mk(`bm${i}x${Date.now()}`, ['anggota']));
await sql`
  insert into members (cooperative_id, member_number, status, nik, full_name, birth_date, gender,
    joined_on, phone, user_id)
  select ${coop.id}, lpad(i::text, 5, '0'), 'active', '3375' || lpad(i::text, 12, '0'),
    'Anggota ' || i, '1960-01-01', 'L', '2020-01-01', null,
    (${JSON.stringify(memberUsers.map((u) => u.id))}::jsonb ->> (i - 1))::uuid
  from generate_series(1, ${CLIENTS}) i`.execute(database.db);
const memberIds = (
  await sql<{
    id: bigint;
  }>`select id from members where cooperative_id = ${coop.id} order by member_number`.execute(
    database.db,
  )
).rows.map((r) => r.id);
const ctx = {
  ...sys,
  roles: ['pengurus' as const],
  actor: { userId: pengurus.id, label: 'bench' },
};
const meeting = await rat.planMeeting(deps, ctx, {
  bookYear: 2025,
  mode: 'online',
  scheduledOn: '2026-03-14',
  startsAt: '09:00',
  onlineUrl: 'https://meet.example.id/rat',
});
const meetingId = BigInt(meeting.id);
const SEQ = 5;
now = new Date('2026-03-14T01:00:00Z');
for (const id of memberIds) await rat.checkIn(deps, ctx, meetingId, { memberId: id });
await rat.openMeeting(deps, ctx, meetingId);
await ballots.createElection(
  deps,
  ctx,
  { meetingId, seq: SEQ },
  {
    threshold: 2,
    keyholderUserIds: keyholders.map((k) => k.id),
  },
);
// the keyholders' browsers: a code each, its sealing key registered, then shares sealed to the keys
const keyholderCtx = (i: number) => ({
  ...ctx,
  roles: ['pengawas' as const],
  actor: { userId: keyholders[i]!.id, label: 'k' },
});
const { electionId } = await ballots.electionView(deps, ctx, { meetingId, seq: SEQ });
const sealingKeys = [0, 1].map(() => deriveKeyholderKey(newKeyholderCode(), electionId).publicKey);
for (let i = 0; i < 2; i++)
  await ballots.registerKeyholderKey(
    deps,
    keyholderCtx(i),
    { meetingId, seq: SEQ },
    { publicKey: sealingKeys[i]! },
  );
for (let i = 0; i < 2; i++)
  await ballots.postDealing(
    deps,
    keyholderCtx(i),
    { meetingId, seq: SEQ },
    sealedDealing(electionId, i + 1, 2, sealingKeys),
  );
await rat.openVoting(deps, ctx, meetingId, SEQ);
const view = await ballots.electionView(deps, ctx, { meetingId, seq: SEQ });
const manifest = view.manifest;

// sign in and register every member over HTTP
const clients: { cookie: string; csrf: string }[] = [];
for (const u of memberUsers) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: u.username, password: PASSWORD },
  });
  const c = res.cookies.find((x) => x.name === 'sg_session')!;
  clients.push({
    cookie: `sg_session=${c.value}`,
    csrf: res.json<{ csrfToken: string }>().csrfToken,
  });
}
const base = `/api/v1/orgs/${coop.id}/me/rat/${meetingId}/agenda/${SEQ}/ballot`;
const creds = memberUsers.map((_, i) =>
  deriveCredential(`bench-kode-${i}-rahasia`, manifest.electionId),
);
for (let i = 0; i < CLIENTS; i++) {
  const r = await app.inject({
    method: 'POST',
    url: `${base}/credential`,
    headers: { cookie: clients[i]!.cookie, 'x-csrf-token': clients[i]!.csrf },
    payload: { pseudonym: creds[i]!.pseudonym },
  });
  if (r.statusCode !== 201) throw new Error(`register ${i}: ${r.statusCode} ${r.body}`);
}
const setupSeconds = (performance.now() - t0) / 1000;

// the ballots, encrypted before the clock starts (the browsers' work)
const tEnc = performance.now();
const perClient: BallotJson[][] = clients.map(() => []);
for (let b = 0; b < BALLOTS; b++) {
  const i = b % CLIENTS;
  const choice = (b * 7 + i) % 3;
  perClient[i]!.push(
    encryptBallot({
      manifest,
      questionId: manifest.questions[0]!.id,
      credential: creds[i]!,
      weight: 1,
      selections: [choice],
    }),
  );
}
const encryptSeconds = (performance.now() - tEnc) / 1000;

// cast: every client sends its ballots one after another, all clients at once
let accepted = 0;
let refused = 0;
const t1 = performance.now();
await Promise.all(
  perClient.map(async (list, i) => {
    for (const ballot of list) {
      const r = await app.inject({
        method: 'POST',
        url: base,
        headers: { cookie: clients[i]!.cookie, 'x-csrf-token': clients[i]!.csrf },
        payload: { ballot },
      });
      if (r.statusCode === 201) accepted++;
      else {
        refused++;
        if (refused < 5) process.stderr.write(`refused: ${r.statusCode} ${r.body}\n`);
      }
    }
  }),
);
const castSeconds = (performance.now() - t1) / 1000;

const boardRes = await app.inject({
  method: 'GET',
  url: `${base}/board`,
  headers: { cookie: clients[0]!.cookie },
});
const board = boardRes.json<BoardJson>();
const onBoard = board.entries.filter((e) => e.kind === 'ballot').length;
const t2 = performance.now();
const report = verifyBoard(board);
const verifySeconds = (performance.now() - t2) / 1000;

await app.close();
await deps.close();
rmSync(dir, { recursive: true, force: true });

writeResult(`rat-ballots-${KIND}`, {
  database: KIND,
  clients: CLIENTS,
  ballots: BALLOTS,
  accepted,
  refused,
  onBoard,
  lost: accepted - onBoard,
  verifierOk: report.ok,
  verifierProblems: report.problems.length,
  setupSeconds: Math.round(setupSeconds * 10) / 10,
  encryptSeconds: Math.round(encryptSeconds * 10) / 10,
  castSeconds: Math.round(castSeconds * 10) / 10,
  ballotsPerSec: Math.round((accepted / castSeconds) * 10) / 10,
  verifySeconds: Math.round(verifySeconds * 10) / 10,
});
