// What the server does when its database is not there, and the headers that defend its pages.
// On PostgreSQL runs it also cuts a connection in the middle of a transaction, hits the statement
// limit and fills the pool (the fault suite, test/fault/, does the same under load).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPLICATION_NAME,
  inSystemTransaction,
  openDatabase,
  type Database,
} from '../../../src/db/database.js';
import { databaseFailureOf } from '../../../src/db/errors.js';
import { buildApp } from '../../../src/http/app.js';
import { openDeps } from '../../../src/services/deps.js';
import { isPostgresRun, testDeps, type TestDeps } from '../../support/db.js';

const PROBLEM = 'application/problem+json; charset=utf-8';

/** The headers every answer carries, page, API or error alike (issue: the browser's defences). */
function expectSecurityHeaders(headers: Record<string, unknown>) {
  const csp = String(headers['content-security-policy']);
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
}

describe('security headers', () => {
  let deps: TestDeps;
  let plain: FastifyInstance;
  let secure: FastifyInstance;
  beforeAll(async () => {
    deps = await testDeps();
    const webDir = mkdtempSync(join(tmpdir(), 'sokoguru-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Sokoguru</title>');
    plain = await buildApp(deps, { secureCookies: false, logger: false, webDir });
    secure = await buildApp(deps, { secureCookies: true, logger: false, webDir });
  });
  afterAll(async () => {
    await plain?.close();
    await secure?.close();
    await deps?.close();
  });

  it('are on the web page, a deep link, the API, an error and the API docs', async () => {
    const answers = await Promise.all(
      ['/', '/kasir/setor', '/api/v1/health', '/api/v1/orgs/x/members', '/api/docs/'].map((url) =>
        plain.inject({ method: 'GET', url }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 401, 200]);
    expect(answers[3]!.headers['content-type']).toBe(PROBLEM);
    for (const a of answers) expectSecurityHeaders(a.headers);
  });

  it('include HSTS only when the server is reached over HTTPS (secure cookies)', async () => {
    const overHttp = await plain.inject({ method: 'GET', url: '/api/v1/health' });
    const overHttps = await secure.inject({ method: 'GET', url: '/api/v1/health' });
    expect(overHttp.headers['strict-transport-security']).toBeUndefined();
    expect(overHttps.headers['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
  });
});

describe('a database that does not answer', () => {
  let database: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    // nothing listens on port 1: every connection attempt is refused at once
    database = await openDatabase({
      kind: 'postgres',
      url: 'postgres://nobody@127.0.0.1:1/none',
      poolSize: 2,
      poolWaitMs: 1_000,
    });
    const deps = await openDeps(database, { logger: pino({ level: 'silent' }), migrate: false });
    app = await buildApp(deps, { secureCookies: false, logger: false });
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('makes readiness 503 with Retry-After while liveness stays 200', async () => {
    const ready = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBe('2');
    expect(ready.headers['content-type']).toBe(PROBLEM);
    expect(ready.json()).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    const live = await app.inject({ method: 'GET', url: '/api/v1/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
  });

  it('answers a request that needs it 503 DATABASE_UNAVAILABLE in the asked language', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'accept-language': 'en' },
      payload: { username: 'ksp.kasir', password: 'whatever-it-is' },
    });
    expect(r.statusCode).toBe(503);
    expect(r.headers['retry-after']).toBe('2');
    const body = r.json<{ code: string; detail: string }>();
    expect(body.code).toBe('DATABASE_UNAVAILABLE');
    expect(body.detail).toMatch(/cannot be reached/);
  });
});

describe.runIf(isPostgresRun())('PostgreSQL connection faults', () => {
  let deps: TestDeps;
  let admin: pg.Client;
  const opened: Database[] = [];
  /** a second pool on the test's database, with the limits under test */
  const open = async (limits: Parameters<typeof openDatabase>[0] & { kind: 'postgres' }) => {
    const d = await openDatabase(limits);
    opened.push(d);
    return d;
  };
  beforeAll(async () => {
    deps = await testDeps();
    admin = new pg.Client({ connectionString: deps.url });
    await admin.connect();
  });
  afterAll(async () => {
    for (const d of opened) await d.close();
    await admin?.end();
    await deps?.close();
  });

  it('a connection terminated inside a transaction fails that transaction only; the pool goes on', async () => {
    const d = await open({ kind: 'postgres', url: deps.url!, poolSize: 1 });
    const failure = inSystemTransaction(d.db, async (tx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
      await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
      await sql`select 1`.execute(tx);
    });
    const err = await failure.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(databaseFailureOf(err)).toBe('unavailable');
    // the one pooled connection was dead; the pool replaced it
    const { rows } = await sql<{
      app: string;
    }>`select current_setting('application_name') as app`.execute(d.db);
    expect(rows[0]!.app).toBe(APPLICATION_NAME);
  });

  it('a statement past statement_timeout is cancelled and classified a timeout', async () => {
    const d = await open({
      kind: 'postgres',
      url: deps.url!,
      poolSize: 1,
      statementTimeoutMs: 200,
    });
    const t0 = Date.now();
    const err = await sql`select pg_sleep(5)`.execute(d.db).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(databaseFailureOf(err)).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(3_000);
  });

  it('a full pool refuses the next request after the bounded wait', async () => {
    const d = await open({ kind: 'postgres', url: deps.url!, poolSize: 1, poolWaitMs: 300 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const holder = inSystemTransaction(d.db, async (tx) => {
      await sql`select 1`.execute(tx);
      await held;
    });
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    const err = await sql`select 1`.execute(d.db).then(
      () => undefined,
      (e: unknown) => e,
    );
    const waited = Date.now() - t0;
    release();
    await holder;
    expect(databaseFailureOf(err)).toBe('unavailable');
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(3_000);
  });
});
