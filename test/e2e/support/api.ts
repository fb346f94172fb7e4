import { expect } from 'vitest';
import { DEMO_PASSWORD } from './server.js';

/** A cooperative route called as a signed-in user: GET without a body, POST with one; 2xx expected. */
export type Api = <T>(path: string, body?: unknown) => Promise<T>;

export interface ApiSession {
  orgId: string;
  userId: string;
  /** Asserts a 2xx answer and returns its JSON. */
  call: Api;
  /** Any answer, for tests of refusals: the status and the JSON body (null when none). */
  request: <T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ) => Promise<{ status: number; body: T }>;
}

/**
 * Signs in through the JSON API as a demo user (the session cookie and the CSRF token from the
 * login) and answers callers of the organisation's routes (`/api/v1/orgs/:orgId…`): the user's
 * first membership unless `orgId` is given.
 */
export async function apiAs(
  baseUrl: string,
  username: string,
  opts: { password?: string; orgId?: string } = {},
): Promise<ApiSession> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: opts.password ?? DEMO_PASSWORD }),
  });
  expect(res.status, `login ${username}`).toBe(200);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const session = (await res.json()) as {
    csrfToken: string;
    user: { id: string };
    memberships: { organizationId: string }[];
  };
  const orgId = opts.orgId ?? session.memberships[0]?.organizationId ?? '';
  const send = (method: 'GET' | 'POST', path: string, body?: unknown) =>
    fetch(`${baseUrl}/api/v1/orgs/${orgId}${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': session.csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const call: Api = async <T>(path: string, body?: unknown): Promise<T> => {
    const r = await send(body === undefined ? 'GET' : 'POST', path, body);
    const text = await r.text();
    expect(r.status, `${path}: ${text}`).toBeLessThan(300);
    return JSON.parse(text) as T;
  };
  const request = async <T>(method: 'GET' | 'POST', path: string, body?: unknown) => {
    const r = await send(method, path, body);
    return { status: r.status, body: (await r.json().catch(() => null)) as T };
  };
  return { orgId, userId: session.user.id, call, request };
}
