import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCKOUT_THRESHOLD } from '../../../src/domain/auth/password-policy.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import {
  makeCooperative,
  makeUser,
  signIn,
  testApp,
  TEST_PASSWORD,
} from '../../support/fixtures.js';

let deps: TestDeps;
let app: FastifyInstance;
let coop: Awaited<ReturnType<typeof makeCooperative>>;
let now = new Date('2026-11-24T03:00:00Z');

beforeAll(async () => {
  deps = await testDeps({ clock: () => now });
  app = await testApp(deps);
  coop = await makeCooperative(deps);
});
afterAll(async () => {
  await app.close();
  await deps.close();
});

const login = (username: string, password: string, lang = 'id') =>
  app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    headers: { 'accept-language': lang },
  });

describe('sign-in, sessions and tokens', () => {
  it('a wrong password is refused with a message in the requested language', async () => {
    const u = await makeUser(deps, coop, ['kasir']);
    const id = await login(u.username, 'salah-sekali-123');
    expect(id.statusCode).toBe(401);
    expect(id.headers['content-type']).toContain('application/problem+json');
    expect(id.json<{ detail: string }>().detail).toBe('Nama pengguna atau kata sandi salah.');
    const en = await login(u.username, 'salah-sekali-123', 'en');
    expect(en.json<{ detail: string }>().detail).toBe('Wrong username or password.');
    const unknown = await login('tidak.ada', 'salah-sekali-123');
    expect(unknown.json<{ code: string }>().code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it(`the account locks after ${LOCKOUT_THRESHOLD} failures, even for the right password, until the lock expires`, async () => {
    const u = await makeUser(deps, coop, ['kasir']);
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++)
      expect((await login(u.username, 'salah-sekali-123')).statusCode).toBe(401);
    const locked = await login(u.username, TEST_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json<{ code: string }>().code).toBe('AUTH_ACCOUNT_LOCKED');
    now = new Date(now.getTime() + 16 * 60_000);
    expect((await login(u.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('the session cookie is httpOnly and SameSite, and a planted cookie is never adopted', async () => {
    const u = await makeUser(deps, coop, ['kasir']);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: u.username, password: TEST_PASSWORD },
      headers: { cookie: 'sg_session=planted-by-attacker' },
    });
    const c = res.cookies.find((x) => x.name === 'sg_session');
    expect(c?.httpOnly).toBe(true);
    expect(c?.sameSite).toBe('Lax');
    expect(c?.value).not.toBe('planted-by-attacker');
    const planted = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { cookie: 'sg_session=planted-by-attacker' },
    });
    expect(planted.statusCode).toBe(401);
  });

  it('a cookie-authenticated write without the CSRF token is refused and changes nothing', async () => {
    const u = await makeUser(deps, coop, ['admin']);
    const client = await signIn(app, u.username);
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${coop.id}/branches`,
      payload: { code: 'CSRF', name: 'Cabang CSRF' },
      headers: { cookie: client.cookie },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json<{ code: string }>().code).toBe('AUTH_CSRF_FAILED');
    const rows = await deps.database.db
      .selectFrom('branches')
      .select('id')
      .where('code', '=', 'CSRF')
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('logout ends the session', async () => {
    const u = await makeUser(deps, coop, ['kasir']);
    const client = await signIn(app, u.username);
    expect((await client.request('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    expect((await client.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
  });

  it('changing the password ends other sessions and the old password stops working', async () => {
    const u = await makeUser(deps, coop, ['kasir']);
    const one = await signIn(app, u.username);
    const two = await signIn(app, u.username);
    const weak = await one.request('POST', '/api/v1/auth/change-password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'pendek',
    });
    expect(weak.json<{ code: string }>().code).toBe('AUTH_PASSWORD_TOO_WEAK');
    const ok = await one.request('POST', '/api/v1/auth/change-password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Kata-Sandi-Baru-2026',
    });
    expect(ok.statusCode).toBe(204);
    expect((await one.request('GET', '/api/v1/auth/session')).statusCode).toBe(200);
    expect((await two.request('GET', '/api/v1/auth/session')).statusCode).toBe(401);
    expect((await login(u.username, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(u.username, 'Kata-Sandi-Baru-2026')).statusCode).toBe(200);
  });

  it('an API token acts only in its organisation and stops working once revoked', async () => {
    const admin = await signIn(app, (await makeUser(deps, coop, ['admin'])).username);
    const other = await makeCooperative(deps);
    const created = await admin.request('POST', `/api/v1/orgs/${coop.id}/api-tokens`, {
      name: 'Integrasi SMS',
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json<{ id: string; token: string }>();
    const bearer = { authorization: `Bearer ${token}` };
    const branchesStatus = async (orgId: string) =>
      (await app.inject({ method: 'GET', url: `/api/v1/orgs/${orgId}/branches`, headers: bearer }))
        .statusCode;
    expect(await branchesStatus(coop.id)).toBe(200);
    expect(await branchesStatus(other.id)).toBe(403);
    expect(
      (await admin.request('DELETE', `/api/v1/orgs/${coop.id}/api-tokens/${id}`)).statusCode,
    ).toBe(204);
    expect(await branchesStatus(coop.id)).toBe(401);
  });

  it('a member cannot reach staff routes', async () => {
    const member = await signIn(app, (await makeUser(deps, coop, ['anggota'])).username);
    for (const url of [
      `/api/v1/orgs/${coop.id}/users`,
      `/api/v1/orgs/${coop.id}/audit-events`,
      `/api/v1/orgs/${coop.id}/branches`,
    ]) {
      expect((await member.request('GET', url)).statusCode, url).toBe(403);
    }
  });
});
