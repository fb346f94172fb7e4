// Teller deposits through the HTTP API, the full path (cookie session and CSRF, validation,
// Idempotency-Key, cash-session lock, double entry, balance, audit event, stored response), against
// the real server (`sokoguru serve --demo`, a child process, after `sokoguru seed-demo` in a process of its own) on PostgreSQL (a fresh database) and on
// embedded PGlite (a temp dir). BENCH_CLIENTS tellers (default 8), each signed in with their own
// desk and cash session as at a real counter, deposit for BENCH_HTTP_SECONDS (default 20) after a
// warm-up; then the same clients on ONE teller's session (every deposit locks that session, so this
// is the one-desk ceiling). pgbench's TPC-B-like script runs on the same PostgreSQL server in the
// same run as the yardstick, before and after each run of the tellers. Targets: PostgreSQL >= 0.5x
// pgbench; PGlite >= 300 deposits/s.
// Run: npx tsx bench/http-deposits.ts   (PostgreSQL at BENCH_DATABASE_URL or 127.0.0.1:5432;
// pgbench on PATH; BENCH_HTTP_BACKENDS=postgres,pglite to choose)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { spawnServer } from '../test/support/spawn-server.js';
import { DEMO_PASSWORD, Teller, todayWib } from '../test/support/teller.js';
import {
  ADMIN_URL,
  cpuPerSale,
  cpuSnapshot,
  databaseExists,
  ensureServerBuilt,
  pgbenchTps,
  processPeakRssMiB,
  recreateDatabase,
  urlFor,
  writeResult,
} from './support.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? process.env.BENCH_SECONDS ?? 20);
const WARMUP_SECONDS = Number(process.env.BENCH_HTTP_WARMUP_SECONDS ?? 3);
/** the one-session run's length (0 skips it) */
const ONE_SESSION_SECONDS = Number(process.env.BENCH_HTTP_ONE_SESSION_SECONDS ?? 10);
const BACKENDS = (process.env.BENCH_HTTP_BACKENDS ?? 'postgres,pglite').split(',');
const DB_NAME = 'sokoguru_bench_http';
/**
 * BENCH_HTTP_KEEP_DATABASE=1: the PostgreSQL database is kept after the run and used again by the
 * next (the demo seeded when the database is new), for quick A/B runs of a change; the results
 * then say so (`databaseKept`).
 */
const KEEP_DATABASE = process.env.BENCH_HTTP_KEEP_DATABASE === '1';
/**
 * BENCH_HTTP_PGLITE_SEEDED=<dir>: the PGlite run starts from a copy of this data directory (one
 * `sokoguru seed-demo` made once) instead of seeding the demo, for quick A/B runs.
 */
const PGLITE_SEEDED = process.env.BENCH_HTTP_PGLITE_SEEDED;
/**
 * BENCH_HTTP_REPEATS (default 3): runs of the 8 tellers per database, the median reported (the
 * machine's figures move by ±20 % from one run to the next: pgbench's own TPC-B between 1,302 and
 * 2,029 tps in one afternoon). On PostgreSQL each run is held against the mean of the pgbench runs
 * right before and right after it (`pgbenchBeforeAfter`) and the median ratio reported; on PGlite
 * each run starts from a copy of the one seeded data directory, and the memory target is held to
 * the highest peak of the runs. Every run is in `postgresRuns` and `pgliteRuns`.
 */
const REPEATS = Math.max(1, Number(process.env.BENCH_HTTP_REPEATS ?? 3));
const PG_TARGET_RATIO = 0.5;
const PGLITE_TARGET = 300;
/** the embedded server's peak resident set under that load (issue 19: a laptop with 4 GiB) */
const PGLITE_RSS_TARGET_MIB = 400;

interface Server {
  baseUrl: string;
  startSeconds: number;
  pid: number | undefined;
  /** the server process's peak resident set so far (Linux /proc), MiB */
  peakRssMiB(): number | null;
  stop(): Promise<void>;
}

async function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  ensureServerBuilt();
  const server = await spawnServer({ env, startTimeoutMs: 300_000 });
  return {
    baseUrl: server.url,
    startSeconds: server.startMs / 1000,
    pid: server.process.pid,
    peakRssMiB: () => processPeakRssMiB(server.process.pid),
    stop: () => server.stop(),
  };
}

/** A teller at their own desk, with the cash session they deposit into. */
interface Desk {
  client: Teller;
  sessionId: string;
}

/** CLIENTS tellers, each with their own desk and open session (created through the API). */
async function setUpTellers(baseUrl: string, tag: string): Promise<Desk[]> {
  const admin = new Teller(baseUrl);
  await admin.login('ksp.admin');
  const desks = await admin.must<{ items: { branchId: string }[] }>('GET', '/cash-desks');
  const branchId = desks.items[0]!.branchId;
  const tellers: Desk[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const username = `bench.${tag}.kasir${i}`;
    await admin.must('POST', '/users', {
      username,
      fullName: `Kasir Bench ${i}`,
      password: DEMO_PASSWORD,
      roles: ['kasir'],
    });
    const desk = await admin.must<{ id: string }>('POST', '/cash-desks', {
      branchId,
      code: `B${tag.toUpperCase()}${i}`.slice(0, 16),
      name: `Bench ${i}`,
    });
    const client = new Teller(baseUrl);
    await client.login(username);
    const s = await client.must<{ id: string }>('POST', '/cash-sessions', {
      deskId: desk.id,
      businessDate: todayWib(),
      openingFloatRupiah: '5000000',
    });
    tellers.push({ client, sessionId: s.id });
  }
  return tellers;
}

/** The demo teller's one session, shared by every client. */
async function oneSession(baseUrl: string): Promise<Desk[]> {
  const client = new Teller(baseUrl);
  await client.login('ksp.kasir');
  const desks = await client.must<{ items: { id: string; code: string }[] }>('GET', '/cash-desks');
  const s = await client.must<{ id: string }>('POST', '/cash-sessions', {
    deskId: (desks.items.find((d) => d.code === 'T1') ?? desks.items[0]!).id,
    businessDate: todayWib(),
    openingFloatRupiah: '5000000',
  });
  return Array.from({ length: CLIENTS }, () => ({ client, sessionId: s.id }));
}

async function sukarelaAccounts(baseUrl: string): Promise<string[]> {
  const c = new Teller(baseUrl);
  await c.login('ksp.kasir');
  const r = await c.must<{ items: { id: string; kind: string; status: string }[] }>(
    'GET',
    '/savings-accounts?q=SS-000&limit=200',
  );
  const ids = r.items
    .filter((a) => a.kind === 'sukarela' && a.status === 'active')
    .map((a) => a.id);
  if (ids.length < CLIENTS) throw new Error(`only ${ids.length} sukarela accounts found`);
  return ids;
}

interface Load {
  deposits: number;
  /** every deposit answered 201, the warm-up's included (what the CPU figures divide by) */
  depositsWithWarmUp: number;
  depositsPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errors: number;
  firstError: string | null;
  /** the load generator's own CPU (it shares the machine with the server) */
  clientCpuPercent: number;
}

/** Every client deposits in a loop for `seconds`; the first `warmup` seconds are not counted. */
async function load(
  tellers: Desk[],
  accounts: string[],
  seconds: number,
  warmup: number,
  tag: string,
): Promise<Load> {
  let n = 0;
  const warmUntil = Date.now() + warmup * 1000;
  const until = warmUntil + seconds * 1000;
  let counted = 0;
  let succeeded = 0;
  let errors = 0;
  let firstError: string | null = null;
  const latencies: number[] = [];
  let measureStart = 0;
  let cpu0 = process.cpuUsage();
  await Promise.all(
    tellers.map(async (t) => {
      while (Date.now() < until) {
        const i = n++;
        const t0 = performance.now();
        const r = await t.client.call(
          'POST',
          '/savings/deposits',
          {
            sessionId: t.sessionId,
            accountId: accounts[Math.floor(Math.random() * accounts.length)]!,
            amountRupiah: String(10_000 + (i % 1000) * 100),
          },
          { 'idempotency-key': `${tag}-${i}` },
        );
        const ms = performance.now() - t0;
        if (r.status !== 201) {
          errors++;
          firstError ??= `${r.status} ${JSON.stringify(r.body)}`;
          continue;
        }
        succeeded++;
        if (Date.now() >= warmUntil) {
          if (!measureStart) {
            measureStart = performance.now();
            cpu0 = process.cpuUsage();
          }
          counted++;
          latencies.push(ms);
        }
      }
    }),
  );
  const elapsed = (performance.now() - measureStart) / 1000;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    Number(
      (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0).toFixed(1),
    );
  return {
    deposits: counted,
    depositsWithWarmUp: succeeded,
    depositsPerSec: Math.round(counted / elapsed),
    p50Ms: pct(0.5),
    p95Ms: pct(0.95),
    p99Ms: pct(0.99),
    errors,
    firstError,
    clientCpuPercent: Math.round(((cpu.user + cpu.system) / 1e6 / elapsed) * 100),
  };
}

/**
 * The demo seeded before the server starts, by `sokoguru seed-demo` in a process of its own (as an
 * operator would once): the server's peak resident set is then the serving's, and the seeding's
 * time and peak are recorded apart.
 */
function seedDemoApart(env: NodeJS.ProcessEnv) {
  const t0 = performance.now();
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%M', process.execPath, 'bin/sokoguru.mjs', 'seed-demo'],
    {
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      encoding: 'utf8',
    },
  );
  if (r.status !== 0) throw new Error(`seed-demo failed: ${r.stderr}`);
  const peakKiB = Number(/(\d+)\s*$/.exec(r.stderr.trim())?.[1] ?? NaN);
  return {
    seedSeconds: Math.round((performance.now() - t0) / 1000),
    seedPeakRssMiB: Number.isFinite(peakKiB) ? Math.round(peakKiB / 1024) : null,
  };
}

async function benchBackend(
  name: 'postgres' | 'pglite',
  env: NodeJS.ProcessEnv,
  oneSessionSeconds = ONE_SESSION_SECONDS,
) {
  const server = await startServer(env);
  try {
    const accounts = await sukarelaAccounts(server.baseUrl);
    const tag = Date.now().toString(36);
    const tellers = await setUpTellers(server.baseUrl, tag);
    // the server's and PostgreSQL's CPU per deposit (the load generator's is clientCpuPercent)
    const database = name === 'postgres' ? DB_NAME : null;
    const cpu0 = await cpuSnapshot(server.pid, database);
    const t0 = performance.now();
    const measured = await load(tellers, accounts, SECONDS, WARMUP_SECONDS, `bench-${tag}`);
    const perTeller = {
      ...measured,
      ...cpuPerSale(
        cpu0,
        await cpuSnapshot(server.pid, database),
        measured.depositsWithWarmUp,
        (performance.now() - t0) / 1000,
      ),
    };
    process.stderr.write(`${name}: ${perTeller.depositsPerSec} deposits/s (${CLIENTS} tellers)\n`);
    let shared: Load | null = null;
    if (oneSessionSeconds > 0) {
      shared = await load(
        await oneSession(server.baseUrl),
        accounts,
        oneSessionSeconds,
        1,
        `bench-one-${tag}`,
      );
      process.stderr.write(`${name}: ${shared.depositsPerSec} deposits/s (one session)\n`);
    }
    return {
      ...perTeller,
      serverStartSeconds: Math.round(server.startSeconds),
      serverPeakRssMiB: server.peakRssMiB(),
      oneSession: shared,
    };
  } finally {
    await server.stop();
  }
}

/** The run in the middle by `key` (the lower middle of an even count). */
function median<T>(runs: T[], key: (run: T) => number): T {
  return [...runs].sort((a, b) => key(a) - key(b))[Math.floor((runs.length - 1) / 2)]!;
}

async function main() {
  const result: Record<string, unknown> = {
    clients: CLIENTS,
    seconds: SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    setup: `${CLIENTS} tellers, each with their own desk and cash session, one deposit at a time each, random sukarela accounts; load generator on the same machine`,
  };
  const met: Record<string, boolean> = {};
  let peakServer = 0;
  if (BACKENDS.includes('postgres')) {
    const newDatabase = !KEEP_DATABASE || !(await databaseExists(DB_NAME));
    if (newDatabase) await recreateDatabase(DB_NAME);
    const env = {
      DATABASE_URL: urlFor(DB_NAME),
      SOKOGURU_DATA_DIR: '',
      SOKOGURU_DB_POOL_SIZE: process.env.SOKOGURU_DB_POOL_SIZE ?? String(Math.max(10, CLIENTS + 2)),
    };
    // the demo seeded once, before the first run; the one-session run only in the first
    const seeding = newDatabase ? seedDemoApart(env) : null;
    const runs = [];
    // the yardstick: pgbench on the same server with the same number of clients, nothing else
    // running, right before and right after each run (the after of one run is the before of the
    // next), their mean against the run: the machine's speed drifts by ±20 % within minutes, and
    // a yardstick taken on one side only would carry that drift into the ratio
    let before = pgbenchTps(CLIENTS, SECONDS);
    for (let i = 0; i < REPEATS; i++) {
      const run = await benchBackend('postgres', env, i === 0 ? undefined : 0);
      const after = pgbenchTps(CLIENTS, SECONDS);
      const tps = (before + after) / 2;
      runs.push({
        run,
        tps,
        tpsBefore: before,
        tpsAfter: after,
        ratio: Number((run.depositsPerSec / tps).toFixed(2)),
      });
      before = after;
    }
    const mid = median(runs, (r) => r.ratio);
    result.postgres = {
      ...mid.run,
      ...(seeding ?? { databaseKept: true }),
      oneSession: runs[0]!.run.oneSession,
    };
    result.pgbenchTpcbTps = Math.round(mid.tps);
    result.ratio = mid.ratio;
    result.postgresRuns = runs.map((r) => ({
      depositsPerSec: r.run.depositsPerSec,
      pgbenchTpcbTps: Math.round(r.tps),
      pgbenchBeforeAfter: [Math.round(r.tpsBefore), Math.round(r.tpsAfter)],
      ratio: r.ratio,
      serverCpuMsPerSale: r.run.serverCpuMsPerSale,
      postgresCpuMsPerSale: r.run.postgresCpuMsPerSale,
    }));
    met.postgres = mid.ratio >= PG_TARGET_RATIO;
    peakServer = Math.max(peakServer, ...runs.map((r) => r.run.serverPeakRssMiB ?? 0));
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    if (!KEEP_DATABASE) await c.query(`drop database if exists ${DB_NAME} with (force)`);
    await c.end();
  }
  if (BACKENDS.includes('pglite')) {
    const dir = mkdtempSync(join(tmpdir(), 'sg-bench-http-'));
    try {
      // the demo seeded once (or copied from BENCH_HTTP_PGLITE_SEEDED), every run on a copy of it
      const seededDir = join(dir, 'seeded');
      const seeding = PGLITE_SEEDED
        ? (cpSync(PGLITE_SEEDED, seededDir, { recursive: true }), null)
        : seedDemoApart({ ...process.env, SOKOGURU_DATA_DIR: seededDir, DATABASE_URL: '' });
      const runs = [];
      for (let i = 0; i < REPEATS; i++) {
        const data = join(dir, `run-${i}`);
        cpSync(seededDir, data, { recursive: true });
        const run = await benchBackend(
          'pglite',
          { SOKOGURU_DATA_DIR: data, DATABASE_URL: '' },
          i === 0 ? undefined : 0,
        );
        rmSync(data, { recursive: true, force: true });
        runs.push(run);
      }
      const mid = median(runs, (r) => r.depositsPerSec);
      const peak = Math.max(...runs.map((r) => r.serverPeakRssMiB ?? Infinity));
      result.pglite = {
        ...mid,
        ...(seeding ?? { databaseKept: true }),
        oneSession: runs[0]!.oneSession,
        serverPeakRssMiB: peak,
      };
      result.pgliteRuns = runs.map((r) => ({
        depositsPerSec: r.depositsPerSec,
        serverCpuMsPerSale: r.serverCpuMsPerSale,
        serverPeakRssMiB: r.serverPeakRssMiB,
      }));
      met.pglite = mid.depositsPerSec >= PGLITE_TARGET && peak <= PGLITE_RSS_TARGET_MIB;
      peakServer = Math.max(peakServer, peak);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  writeResult('http-deposits', {
    ...result,
    target: `PostgreSQL >= ${PG_TARGET_RATIO}x pgbench tpcb-like; PGlite >= ${PGLITE_TARGET} deposits/s with the server's peak RSS <= ${PGLITE_RSS_TARGET_MIB} MiB`,
    met,
    serverPeakRssMiB: peakServer,
  });
}

await main();
