import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionRow } from '../../../src/db/users.repo.js';
import { SessionCache } from '../../../src/services/session-cache.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import { makeCooperative, makeUser, signIn, testApp } from '../../support/fixtures.js';

/**
 * The server keeps looked-up sessions for a while (src/services/session-cache.ts). Here it keeps
 * them for a minute, so only the database's notices (migration 0046) can make it forget: a change
 * made by anyone else, on PostgreSQL through a connection of its own as another server process
 * would, must count on the next requests all the same.
 */
let deps: TestDeps;
let app: FastifyInstance;
let sessions: SessionCache<SessionRow>;
let coop: Awaited<ReturnType<typeof makeCooperative>>;
let other: pg.Client | undefined;

beforeAll(async () => {
  deps = await testDeps();
  sessions = new SessionCache<SessionRow>(60_000);
  await sessions.listen(deps.database);
  deps.sessions = sessions;
  app = await testApp(deps);
  coop = await makeCooperative(deps);
  if (deps.url) {
    other = new pg.Client({ connectionString: deps.url });
    await other.connect();
  }
});
afterAll(async () => {
  await other?.end();
  await app.close();
  await sessions.close();
  await deps.close();
});

/** SQL from elsewhere: another connection on PostgreSQL, the one instance on PGlite. */
async function elsewhere(statement: string) {
  if (other) await other.query(statement);
  else await deps.database.exec(statement);
}

const rolesOf = (res: { json: <T>() => T }) =>
  res.json<{ memberships: { roles: string[] }[] }>().memberships.flatMap((m) => m.roles);

describe('sessions kept by the server', () => {
  it('are answered from memory until a change anywhere is announced', async () => {
    const u = await makeUser(deps, coop, ['kasir']);
    const client = await signIn(app, u.username);
    expect((await client.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    // the session's row deleted without a notice (triggers off for that transaction): the kept
    // session still answers, which shows it is kept
    await elsewhere(`begin; set local session_replication_role = replica;
      delete from sessions where user_id = '${u.id}'; commit`);
    expect((await client.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    // any announced change (a role granted to someone else) and it is forgotten
    const someone = await makeUser(deps, coop, ['kasir']);
    await elsewhere(
      `insert into organization_roles (organization_id, user_id, role) values ('${coop.id}', '${someone.id}', 'pengurus')`,
    );
    await vi.waitFor(
      async () =>
        expect((await client.request('GET', '/api/v1/auth/session')).statusCode).toBe(401),
      { timeout: 2_000, interval: 5 },
    );
  });

  it('a role granted, a user disabled or a session ended elsewhere counts on the next requests', async () => {
    const u = await makeUser(deps, coop, ['kasir']);
    const client = await signIn(app, u.username);
    expect(rolesOf(await client.request('GET', '/api/v1/auth/session'))).toEqual(['kasir']);
    await elsewhere(
      `insert into organization_roles (organization_id, user_id, role) values ('${coop.id}', '${u.id}', 'pengurus')`,
    );
    await vi.waitFor(
      async () =>
        expect(rolesOf(await client.request('GET', '/api/v1/auth/session')).sort()).toEqual([
          'kasir',
          'pengurus',
        ]),
      { timeout: 2_000, interval: 5 },
    );
    await elsewhere(`update users set disabled_at = now() where id = '${u.id}'`);
    await vi.waitFor(
      async () =>
        expect((await client.request('GET', '/api/v1/auth/session')).statusCode).toBe(401),
      { timeout: 2_000, interval: 5 },
    );

    const v = await makeUser(deps, coop, ['kasir']);
    const one = await signIn(app, v.username);
    expect((await one.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    await elsewhere(`delete from sessions where user_id = '${v.id}'`);
    await vi.waitFor(
      async () => expect((await one.request('GET', '/api/v1/auth/session')).statusCode).toBe(401),
      { timeout: 2_000, interval: 5 },
    );
  });

  it('a logout in this process counts at once, without waiting for the notice', async () => {
    const u = await makeUser(deps, coop, ['kasir']);
    const client = await signIn(app, u.username);
    expect((await client.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    expect((await client.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await client.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
    // the kept sessions and the rows agree afterwards
    const rows = await sql<{
      n: bigint;
    }>`select count(*) as n from sessions where user_id = ${u.id}`.execute(deps.database.db);
    expect(rows.rows[0]!.n).toBe(0n);
  });
});
