import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, type Permission, type Role } from '../../../src/domain/auth/permissions.js';
import { ROUTE_ACCESS } from '../../../src/http/auth.js';
import { decide } from '../../../src/services/approvals.js';
import { createPortalLogin, registerMember } from '../../../src/services/members.js';
import { deposit } from '../../../src/services/savings.js';
import { sql } from 'kysely';
import { signIn, testApp, makeUser, type Client } from '../../support/fixtures.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import { memberInput, savingsWorld } from '../savings/setup.js';

/**
 * Every organisation route against every cooperative role: a role without the route's permission
 * is refused (403 problem+json) before anything is read or validated; and a member's own routes
 * show that member's accounts only.
 */

let deps: TestDeps;
let app: FastifyInstance;
beforeAll(async () => {
  deps = await testDeps({ clock: () => new Date('2026-11-02T03:00:00Z') });
  app = await testApp(deps);
});
afterAll(async () => {
  await app.close();
  await deps.close();
});

const COOP_ROLES: Role[] = [
  'admin',
  'pengurus',
  'pengawas',
  'kasir',
  'petugas_kredit',
  'anggota',
  'dps',
];
const NOT_PERMISSIONS = new Set(['public', 'session']);

describe('every route, every role', () => {
  it('a role without the permission a route declares gets 403 on it, for every organisation route', async () => {
    const w = await savingsWorld(deps);
    const routes = [...ROUTE_ACCESS.values()].filter(
      (r) => r.url.includes('/orgs/:orgId') && r.access && !NOT_PERMISSIONS.has(r.access),
    );
    expect(routes.length).toBeGreaterThan(60);
    const failures: string[] = [];
    let refusals = 0;
    for (const role of COOP_ROLES) {
      const user = await makeUser(deps, w.coop, [role]);
      const client = await signIn(app, user.username);
      for (const r of routes) {
        if (can([role], r.access as Permission)) continue;
        const url = r.url.replace(/:(\w+)/g, (_m, name: string) =>
          name === 'orgId'
            ? w.coop.id
            : name === 'period'
              ? '2026-11'
              : name === 'year'
                ? '2026'
                : name === 'kind'
                  ? 'ktp'
                  : name === 'role'
                    ? 'pengurus'
                    : '1',
        );
        const res = await client.request(
          r.method as 'GET',
          url,
          r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
          { 'idempotency-key': `sweep-${role}-${refusals}` },
        );
        refusals++;
        if (
          res.statusCode !== 403 ||
          !String(res.headers['content-type']).includes('application/problem+json')
        )
          failures.push(`${role} ${r.method} ${r.url} -> ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    expect(refusals).toBeGreaterThan(150);
  });

  it("a member sees only their own savings: another member's account is not found through the portal", async () => {
    const w = await savingsWorld(deps);
    const a = await registerMember(deps, w.teller, memberInput({ fullName: 'Anggota Satu' }));
    const b = await registerMember(
      deps,
      w.teller,
      memberInput({ fullName: 'Anggota Dua', gender: 'L', birthDate: '1977-07-07' }),
    );
    for (const r of [a, b]) await decide(deps, w.pengurus, BigInt(r.approvalId), { approve: true });
    const admin = { ...w.pengurus, roles: ['admin'] as Role[] };
    const loginA = await createPortalLogin(deps, admin, BigInt(a.id), {
      username: 'anggota-satu',
      password: 'Rahasia-Koperasi-2026',
    });
    const accounts = await sql<{ member_id: bigint; id: bigint }>`
      select a.member_id, a.id from savings_accounts a join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      where a.cooperative_id = ${w.coop.id} and p.kind = 'sukarela'`.execute(deps.database.db);
    const own = accounts.rows.find((x) => x.member_id === BigInt(a.id))!.id;
    const other = accounts.rows.find((x) => x.member_id === BigInt(b.id))!.id;
    await deposit(deps, w.teller, {
      sessionId: w.sessionId,
      accountId: other,
      amountRupiah: 750_000n,
    });
    const client: Client = await signIn(app, loginA.username);
    const me = await client.request('GET', `/api/v1/orgs/${w.coop.id}/me/member`);
    expect(me.statusCode).toBe(200);
    expect(me.json<{ fullName: string; accounts: { id: string }[] }>()).toMatchObject({
      fullName: 'Anggota Satu',
    });
    expect(me.json<{ accounts: { id: string }[] }>().accounts.map((x) => x.id)).not.toContain(
      other.toString(),
    );
    const mine = await client.request(
      'GET',
      `/api/v1/orgs/${w.coop.id}/me/savings-accounts/${own}/statement?from=2026-11-01&to=2026-11-30`,
    );
    expect(mine.statusCode).toBe(200);
    const theirs = await client.request(
      'GET',
      `/api/v1/orgs/${w.coop.id}/me/savings-accounts/${other}/statement?from=2026-11-01&to=2026-11-30`,
    );
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).not.toContain('750000');
    // and the staff route for the same account is not theirs to call
    const staff = await client.request(
      'GET',
      `/api/v1/orgs/${w.coop.id}/savings-accounts/${other}/statement?from=2026-11-01&to=2026-11-30`,
    );
    expect(staff.statusCode).toBe(403);
  });
});
