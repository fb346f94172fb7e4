// A teller's HTTP client against the real server (test/support/spawn-server.ts), as the crash
// and fault suites drive it: sign in, open a cash session, find sukarela accounts, deposit with
// an Idempotency-Key.
import { Pool } from 'undici';
import { expect } from 'vitest';

export const TELLER = 'ksp.kasir';
export const DEMO_PASSWORD = 'Sokoguru#2026';

export interface Response {
  status: number;
  headers: { get(name: string): string | null };
  body: unknown;
}

/**
 * One keep-alive connection pool per server, shared by its tellers: undici's own request API
 * rather than `fetch`, whose WHATWG streams and Headers cost the load generator (it shares the
 * machine's two cores with the server and the database): under the 8-till shop bench 0.69 ms of
 * CPU a sale against 1.85 ms with `fetch` (docs/performance.md).
 */
const pools = new Map<string, Pool>();
function poolFor(baseUrl: string): Pool {
  let pool = pools.get(baseUrl);
  if (!pool) {
    pool = new Pool(baseUrl, { keepAliveTimeout: 10_000 });
    pools.set(baseUrl, pool);
  }
  return pool;
}

type RawHeaders = Record<string, string | string[] | undefined>;
const headerGetter = (h: RawHeaders) => ({
  get(name: string): string | null {
    const v = h[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  },
});

async function send(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ status: number; headers: RawHeaders; text: string }> {
  const r = await poolFor(baseUrl).request({ method, path, headers, body });
  return { status: r.statusCode, headers: r.headers, text: await r.body.text() };
}

/** One deposit as the client sends it. */
export interface Sent {
  key: string;
  accountId: string;
  /** unique per request within the run, so a movement identifies its request */
  amount: bigint;
}
export interface Ack extends Sent {
  transactionId: string;
  body: unknown;
}

export const todayWib = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
export const sumFor = (ds: Sent[], accountId: string) =>
  ds.filter((d) => d.accountId === accountId).reduce((s, d) => s + d.amount, 0n);

export class Teller {
  private cookie = '';
  private csrf = '';
  orgId = '';

  constructor(readonly baseUrl: string) {}

  async login(username = TELLER): Promise<void> {
    const r = await send(
      this.baseUrl,
      'POST',
      '/api/v1/auth/login',
      { 'content-type': 'application/json' },
      JSON.stringify({ username, password: DEMO_PASSWORD }),
    );
    const body = JSON.parse(r.text) as {
      csrfToken: string;
      memberships: { organizationId: string }[];
    };
    if (r.status !== 200) throw new Error(`login ${r.status}: ${r.text}`);
    const setCookie = r.headers['set-cookie'];
    const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    const cookie = cookies.find((c) => c.startsWith('sg_session='));
    if (!cookie) throw new Error('login set no sg_session cookie');
    this.cookie = cookie.split(';')[0]!;
    this.csrf = body.csrfToken;
    this.orgId = body.memberships[0]!.organizationId;
  }

  async call(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const r = await send(
      this.baseUrl,
      method,
      `/api/v1/orgs/${this.orgId}${path}`,
      {
        cookie: this.cookie,
        ...(method === 'POST' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body === undefined ? undefined : JSON.stringify(body),
    );
    return {
      status: r.status,
      headers: headerGetter(r.headers),
      body: r.text ? (JSON.parse(r.text) as unknown) : null,
    };
  }

  /** The body of a call that must succeed (a 2xx); throws with the status and problem if not. */
  async must<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const r = await this.call(method, path, body);
    if (r.status >= 300)
      throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as T;
  }

  deposit(sessionId: string, d: Sent): Promise<Response> {
    return this.call(
      'POST',
      '/savings/deposits',
      { sessionId, accountId: d.accountId, amountRupiah: d.amount.toString() },
      { 'idempotency-key': d.key },
    );
  }

  /** Opens a cash session at the first desk for today; its id. */
  async openSession(): Promise<string> {
    const desks = (await this.call('GET', '/cash-desks')).body as { items: { id: string }[] };
    const opened = await this.call('POST', '/cash-sessions', {
      deskId: desks.items[0]!.id,
      businessDate: todayWib(),
      openingFloatRupiah: '5000000',
    });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    return (opened.body as { id: string }).id;
  }

  /** Up to `count` active sukarela accounts (SS-…) of the KSP signed in to (at least 4). */
  async sukarelaAccounts(count: number): Promise<{ id: string; balanceRupiah: string }[]> {
    const found = (await this.call('GET', '/savings-accounts?q=SS-0000&limit=50')).body as {
      items: { id: string; kind: string; status: string; balanceRupiah: string }[];
    };
    const accounts = found.items
      .filter((a) => a.kind === 'sukarela' && a.status === 'active')
      .slice(0, count);
    expect(accounts.length).toBeGreaterThanOrEqual(4);
    return accounts;
  }

  async balanceOf(accountId: string): Promise<bigint> {
    const r = await this.call('GET', `/savings-accounts/${accountId}`);
    if (r.status !== 200) throw new Error(`balance ${r.status}: ${JSON.stringify(r.body)}`);
    return BigInt((r.body as { balanceRupiah: string }).balanceRupiah);
  }
}
