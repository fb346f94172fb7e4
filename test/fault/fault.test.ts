// Fault suite: the real server (`sokoguru serve`) on a throwaway PostgreSQL cluster with a small
// KSP's counter (test/support/teller-book.ts), eight tellers depositing, and the database taken
// away from under them:
// (a) every server connection terminated every 500 ms for 6 s (pg_terminate_backend, from this
//     process, so requests are in flight);
// (b) PostgreSQL stopped for 5 s and started again;
// (e) readiness (/api/v1/health) polled through (b): 503 while the database is away, 200 after;
// (c) the pool filled with requests stuck behind a lock: other requests get 503 after the bounded
//     wait, not a hang;
// (d) those stuck statements cancelled at statement_timeout: a clean 503, nothing changed.
// Throughout: the server stays up; every failed request is a 503 or a reset; a retry with the same
// Idempotency-Key lands exactly once; each balance is what it was plus the acknowledged deposits;
// `sokoguru verify` passes at the end. Run: npm run test:fault. Figures: docs/testing.md.
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_NAME } from '../../src/db/database.js';
import { clusterUnavailable, ThrowawayCluster } from '../support/pg-cluster.js';
import { spawnServer, type SpawnedServer } from '../support/spawn-server.js';
import { sumFor, Teller, type Response, type Sent } from '../support/teller.js';
import { seedTellerBook, TELLER_BOOK_MEMBERS } from '../support/teller-book.js';

const TELLERS = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What a request that did not succeed came back as: a status and code, or a reset. */
type Failure = { status: number; code: string } | { reset: string };
const isRetryable = (f: Failure) =>
  'reset' in f ||
  (f.status === 503 && (f.code === 'DATABASE_UNAVAILABLE' || f.code === 'DATABASE_TIMEOUT'));

/**
 * Eight tellers, each sending its next deposit as soon as the last one landed; a deposit that
 * failed is sent again with the same key until it lands, as the counter's web client does.
 */
class DepositLoad {
  readonly landed: (Sent & { at: number })[] = [];
  readonly failures: (Failure & { at: number })[] = [];
  private seq = 0;
  private stopping = false;
  private readonly running: Promise<void>[];

  constructor(
    private readonly teller: Teller,
    private readonly sessionId: string,
    private readonly accounts: { id: string }[],
    private readonly tag: string,
  ) {
    this.running = Array.from({ length: TELLERS }, () => this.oneTeller());
  }

  private async oneTeller(): Promise<void> {
    while (!this.stopping) {
      const n = this.seq++;
      const d: Sent = {
        key: `${this.tag}-${n}`,
        accountId: this.accounts[n % this.accounts.length]!.id,
        amount: 10_000n + BigInt(n),
      };
      // once sent, a deposit is retried until it lands, even after stop() was asked
      for (;;) {
        let r: Response;
        try {
          r = await this.teller.deposit(this.sessionId, d);
        } catch (err) {
          this.failures.push({ reset: String((err as Error).cause ?? err), at: Date.now() });
          await sleep(100);
          continue;
        }
        if (r.status === 201) {
          this.landed.push({ ...d, at: Date.now() });
          break;
        }
        this.failures.push({
          status: r.status,
          code: (r.body as { code?: string } | null)?.code ?? '',
          at: Date.now(),
        });
        await sleep(100);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running);
  }

  landedAfter(t: number): number {
    return this.landed.filter((l) => l.at > t).length;
  }
}

const skipped = clusterUnavailable();
if (skipped) console.warn(`SKIPPING the fault suite: ${skipped}`);

describe.skipIf(skipped !== undefined)('faults the server survives (PostgreSQL)', () => {
  let cluster: ThrowawayCluster;
  let url: string;
  let server: SpawnedServer;
  let teller: Teller;
  let sessionId: string;
  let accounts: { id: string; balanceRupiah: string }[];
  const initial = new Map<string, bigint>();
  const allLanded: Sent[] = [];
  const figures: string[] = [];
  /** the server's limits for (a), (b) and (e): the defaults, with a pool as large as the tellers */
  const baseEnv = () => ({ DATABASE_URL: url, SOKOGURU_DATA_DIR: '', SOKOGURU_DB_POOL_SIZE: '8' });

  beforeAll(async () => {
    cluster = await ThrowawayCluster.create(`pg-fault-${process.pid}`);
    url = await cluster.createDatabase('sokoguru_fault');
    await seedTellerBook({ kind: 'postgres', url, poolSize: 2 });
    server = await spawnServer({ env: baseEnv(), demo: false, startTimeoutMs: 120_000 });
    teller = new Teller(server.url);
    await teller.login();
    sessionId = await teller.openSession();
    accounts = await teller.sukarelaAccounts(TELLER_BOOK_MEMBERS);
    for (const a of accounts) initial.set(a.id, BigInt(a.balanceRupiah));
  });

  afterAll(async () => {
    await server?.kill9();
    cluster?.destroy();
    if (figures.length > 0) console.log(`[fault] ${figures.join('\n[fault] ')}`);
  });

  /** the suite's own connection; one the faults cut is reported, never a crash of the suite */
  const suiteClient = (role: string) => {
    const c = new pg.Client({ connectionString: url, application_name: `fault-suite-${role}` });
    c.on('error', (err) => console.warn(`[fault] the suite's ${role} connection: ${err.message}`));
    return c;
  };

  const expectServerUp = () =>
    expect(server.process.exitCode, `server exited:\n${server.output()}`).toBeNull();

  it('(a) survives every connection terminated every 500 ms for 6 s under 8-way load', async () => {
    const load = new DepositLoad(teller, sessionId, accounts, `a-${Date.now().toString(36)}`);
    await sleep(1_000);
    const admin = suiteClient('terminator');
    await admin.connect();
    let terminated = 0;
    const cutsFrom = Date.now();
    while (Date.now() - cutsFrom < 6_000) {
      const r = await admin.query<{ n: number }>(
        `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
         where application_name = $1`,
        [APPLICATION_NAME],
      );
      terminated += r.rows[0]!.n;
      await sleep(500);
    }
    const lastCut = Date.now();
    await admin.end();
    await sleep(1_500);
    await load.stop();
    allLanded.push(...load.landed);

    expectServerUp();
    const unexpected = load.failures.filter((f) => !isRetryable(f));
    expect(unexpected, JSON.stringify(unexpected.slice(0, 5))).toEqual([]);
    expect(terminated, 'connections terminated').toBeGreaterThan(0);
    expect(load.failures.length, 'requests the cuts failed').toBeGreaterThan(0);
    expect(load.landedAfter(lastCut), 'deposits after the last cut').toBeGreaterThan(0);
    figures.push(
      `(a) ${terminated} connections terminated in 6 s: ${load.failures.length} failed requests ` +
        `(${load.failures.filter((f) => 'reset' in f).length} resets, the rest 503), ` +
        `${load.landed.length} deposits landed, each once after its retries`,
    );
  });

  it('(b, e) recovers by itself from PostgreSQL stopped for 5 s; readiness says so', async () => {
    const load = new DepositLoad(teller, sessionId, accounts, `b-${Date.now().toString(36)}`);
    const health: { at: number; status: number }[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const r = await fetch(`${server.url}/api/v1/health`).then(
          (x) => x.status,
          () => 0,
        );
        health.push({ at: Date.now(), status: r });
        await sleep(200);
      }
    })();
    await sleep(1_000);
    const stoppedAt = Date.now();
    cluster.stop();
    await sleep(5_000);
    cluster.start();
    const startedAt = Date.now();
    const deadline = startedAt + 60_000;
    while (load.landedAfter(startedAt) === 0 && Date.now() < deadline) await sleep(50);
    const firstDeposit = (load.landed.find((l) => l.at > startedAt)?.at ?? NaN) - startedAt;
    await sleep(1_000);
    polling = false;
    await poller;
    await load.stop();
    allLanded.push(...load.landed);

    expectServerUp();
    const unexpected = load.failures.filter((f) => !isRetryable(f));
    expect(unexpected, JSON.stringify(unexpected.slice(0, 5))).toEqual([]);
    expect(firstDeposit, 'ms from the database back to the first deposit').toBeLessThan(30_000);
    // (e) readiness flips to 503 while the database is away and back to 200 after
    const during = health.filter((h) => h.at > stoppedAt + 500 && h.at < startedAt);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((h) => h.status === 503)).toBe(true);
    expect(health.at(-1)!.status).toBe(200);
    const healthyAgain =
      (health.find((h) => h.at > startedAt && h.status === 200)?.at ?? NaN) - startedAt;
    figures.push(
      `(b) PostgreSQL down ${startedAt - stoppedAt} ms: ${load.failures.length} failed requests ` +
        `(${load.failures.filter((f) => 'reset' in f).length} resets), first deposit ` +
        `${firstDeposit} ms after the database was back, readiness 200 again after ` +
        `${healthyAgain} ms; ${load.landed.length} deposits landed, each once`,
    );
  });

  it('(c, d) a full pool answers 503 within its bounded wait; a statement past its limit is cancelled cleanly', async () => {
    // a small pool, a short wait and a statement limit; no lock limit, so the statement limit
    // is what ends a wait on a lock
    await server.stop();
    expect(server.process.exitCode, server.output()).toBe(0);
    server = await spawnServer({
      env: {
        ...baseEnv(),
        SOKOGURU_DB_POOL_SIZE: '4',
        // four deposits in flight at once (not grouped), so the four stuck ones fill the pool
        SOKOGURU_CALLS_IN_FLIGHT: '4',
        SOKOGURU_DB_POOL_WAIT_MS: '500',
        SOKOGURU_DB_STATEMENT_TIMEOUT_MS: '3000',
        SOKOGURU_DB_LOCK_TIMEOUT_MS: '0',
      },
      port: server.port,
      demo: false,
    });
    await teller.login();
    const target = accounts[0]!;
    const before = await teller.balanceOf(target.id);

    // another session holds the account's row: deposits to it wait, each holding a connection
    const locker = suiteClient('locker');
    await locker.connect();
    await locker.query('begin');
    await locker.query('select 1 from savings_accounts where id = $1 for update', [target.id]);
    const tag = `c-${Date.now().toString(36)}`;
    const stuck: Sent[] = Array.from({ length: 4 }, (_, i) => ({
      key: `${tag}-${i}`,
      accountId: target.id,
      amount: 20_000n + BigInt(i),
    }));
    const t0 = Date.now();
    const stuckAnswers = stuck.map((d) =>
      teller.deposit(sessionId, d).then((r) => ({ r, ms: Date.now() - t0 })),
    );
    await sleep(700);
    // (c) the pool is full: a request that needs the database waits its 500 ms, then 503
    const t1 = Date.now();
    const other = await teller.call('GET', `/savings-accounts/${accounts[1]!.id}`);
    const waited = Date.now() - t1;
    expect(other.status, JSON.stringify(other.body)).toBe(503);
    expect((other.body as { code: string }).code).toBe('DATABASE_UNAVAILABLE');
    expect(other.headers.get('retry-after')).toBe('2');
    expect(waited).toBeGreaterThanOrEqual(450);
    expect(waited).toBeLessThan(2_500);

    // (d) each stuck deposit is cancelled at 3 s: 503 DATABASE_TIMEOUT, and it changed nothing
    const answers = await Promise.all(stuckAnswers);
    for (const { r, ms } of answers) {
      expect(r.status, JSON.stringify(r.body)).toBe(503);
      expect((r.body as { code: string }).code).toBe('DATABASE_TIMEOUT');
      // a deposit may wait on two rows in turn (the cash session's, then the account's), each
      // wait a statement of its own with its own 3 s
      expect(ms).toBeLessThan(10_000);
    }
    await locker.query('rollback');
    await locker.end();
    expect(await teller.balanceOf(target.id)).toBe(before);
    // sent again with the same keys, they land once
    for (const d of stuck) {
      const r = await teller.deposit(sessionId, d);
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.headers.get('idempotent-replayed')).toBeNull();
    }
    allLanded.push(...stuck);
    expect(await teller.balanceOf(target.id)).toBe(before + sumFor(stuck, target.id));
    figures.push(
      `(c) full pool: another request answered 503 after ${waited} ms (wait 500 ms); ` +
        `(d) stuck deposits cancelled at statement_timeout 3 s, answered 503 after ` +
        `${answers.map((a) => a.ms).join(', ')} ms, balance unchanged, then landed once`,
    );
  });

  it('lost nothing: each balance is the acknowledged deposits, and verify passes', async () => {
    for (const a of accounts)
      expect(await teller.balanceOf(a.id), `account ${a.id}`).toBe(
        initial.get(a.id)! + sumFor(allLanded, a.id),
      );
    // every key landed once: replaying one answers the stored response
    const sample = allLanded[0]!;
    const replay = await teller.deposit(sessionId, sample);
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');

    await server.stop(); // seals what the faults left unsealed
    expect(server.process.exitCode, server.output()).toBe(0);
    const verify = spawnSync(process.execPath, ['bin/sokoguru.mjs', 'verify'], {
      env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: url },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(verify.status, `${verify.stdout}\n${verify.stderr}`).toBe(0);
    figures.push(
      `${allLanded.length} deposits acknowledged in all, each balance exact, verify passed`,
    );
  });
});
