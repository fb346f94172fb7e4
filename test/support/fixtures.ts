import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../../src/domain/auth/permissions.js';
import { buildApp } from '../../src/http/app.js';
import type { Deps } from '../../src/services/context.js';
import { testDeps, type TestDeps } from './db.js';
import { systemContext } from '../../src/services/context.js';
import {
  createOrganization,
  createUser,
  type OrganizationView,
} from '../../src/services/organizations.js';

export const TEST_PASSWORD = 'Rahasia-Koperasi-2026';

let counter = 0;
const unique = () =>
  `${Date.now().toString(36)}${(counter++).toString(36)}${randomUUID().slice(0, 4)}`;

export async function makeCooperative(
  deps: Deps,
  name = 'Koperasi Uji',
): Promise<OrganizationView> {
  return createOrganization(
    deps,
    {
      kind: 'cooperative',
      name: `${name} ${unique()}`,
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      regencyCode: '3375',
      provinceCode: '33',
    },
    'test',
    // Tests seed the chart they need (test/support/chart.ts); the templates are tested on their own.
    { seedChart: false },
  );
}

export async function makeDinas(deps: Deps): Promise<OrganizationView> {
  return createOrganization(
    deps,
    { kind: 'dinas', name: `Dinas Uji ${unique()}`, dinasRegionCode: '3375' },
    'test',
  );
}

export async function makeUser(
  deps: Deps,
  org: OrganizationView,
  roles: Role[],
  username = `u${unique()}`.toLowerCase(),
) {
  return createUser(deps, systemContext(org.id, 'test'), {
    username,
    fullName: `Pengguna ${username}`,
    password: TEST_PASSWORD,
    roles,
  });
}

export interface Client {
  username: string;
  cookie: string;
  csrf: string;
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>;
}

export async function testApp(deps: Deps): Promise<FastifyInstance> {
  const app = await buildApp(deps, {
    secureCookies: false,
    logger: false,
    loginRateLimitPerMinute: 10_000,
  });
  await app.ready();
  return app;
}

/** Signs in through the API and returns a client that sends the cookie and CSRF token. */
export async function signIn(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200)
    throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'sg_session');
  if (!setCookie) throw new Error('no session cookie');
  const cookie = `sg_session=${setCookie.value}`;
  const csrf = res.json<{ csrfToken: string }>().csrfToken;
  return {
    username,
    cookie,
    csrf,
    request: (method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrf, ...headers },
        ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
      }),
  };
}

export interface CooperativeAdmin {
  deps: TestDeps;
  app: FastifyInstance;
  coop: OrganizationView;
  admin: Client;
}

/**
 * A fresh database and the app over it for the tests of a file: opened before them, closed after
 * them (the app first). Read `deps` and `app` from the first test on.
 */
export function testAppForFile(options: { clock?: () => Date } = {}): {
  deps: TestDeps;
  app: FastifyInstance;
} {
  const file = {} as { deps: TestDeps; app: FastifyInstance };
  beforeAll(async () => {
    file.deps = await testDeps(options);
    file.app = await testApp(file.deps);
  });
  // either may be missing when the set-up failed half way
  afterAll(async () => {
    await file.app?.close();
    await file.deps?.close();
  });
  return file;
}

/**
 * For the tests of a file: a fresh database, the app over it, one cooperative and a signed-in
 * admin of that cooperative (read from the first test on).
 */
export function cooperativeAdminForFile(): CooperativeAdmin {
  const file = testAppForFile() as CooperativeAdmin;
  beforeAll(async () => {
    file.coop = await makeCooperative(file.deps);
    file.admin = await signIn(file.app, (await makeUser(file.deps, file.coop, ['admin'])).username);
  });
  return file;
}
