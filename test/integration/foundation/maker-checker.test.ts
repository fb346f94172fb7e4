import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDeps, type TestDeps } from '../../support/db.js';
import { makeCooperative, makeUser, signIn, testApp, type Client } from '../../support/fixtures.js';

let deps: TestDeps;
let app: FastifyInstance;
let coop: Awaited<ReturnType<typeof makeCooperative>>;
let admin: Client;
let pengurus: Client;
let both: Client;

beforeAll(async () => {
  deps = await testDeps();
  app = await testApp(deps);
  coop = await makeCooperative(deps);
  admin = await signIn(app, (await makeUser(deps, coop, ['admin'])).username);
  pengurus = await signIn(app, (await makeUser(deps, coop, ['pengurus'])).username);
  both = await signIn(app, (await makeUser(deps, coop, ['admin', 'pengurus'])).username);
});
afterAll(async () => {
  await app.close();
  await deps.close();
});

const org = async () =>
  (await pengurus.request('GET', `/api/v1/orgs/${coop.id}`)).json<{
    nikKoperasi: string | null;
    phone: string | null;
  }>();

describe('maker-checker', () => {
  it('a legal-identity change waits for approval while a contact change applies at once', async () => {
    const res = await admin.request('PATCH', `/api/v1/orgs/${coop.id}`, {
      phone: '+6285211112222',
      nikKoperasi: '3375019900000001',
    });
    expect(res.statusCode).toBe(200);
    const { pendingApprovalId } = res.json<{ pendingApprovalId: string }>();
    expect(pendingApprovalId).toMatch(/^\d+$/);
    expect(await org()).toMatchObject({ phone: '+6285211112222', nikKoperasi: null });

    const approved = await pengurus.request(
      'POST',
      `/api/v1/orgs/${coop.id}/approvals/${pendingApprovalId}/approve`,
    );
    expect(approved.statusCode).toBe(200);
    expect((await org()).nikKoperasi).toBe('3375019900000001');
    const again = await pengurus.request(
      'POST',
      `/api/v1/orgs/${coop.id}/approvals/${pendingApprovalId}/approve`,
    );
    expect(again.json<{ code: string }>().code).toBe('APPROVAL_NOT_PENDING');
  });

  it('the requester cannot approve their own request, even holding the approving role', async () => {
    const res = await both.request('PATCH', `/api/v1/orgs/${coop.id}`, { nib: '9120005555555' });
    const id = res.json<{ pendingApprovalId: string }>().pendingApprovalId;
    const self = await both.request('POST', `/api/v1/orgs/${coop.id}/approvals/${id}/approve`);
    expect(self.statusCode).toBe(403);
    expect(self.json<{ code: string }>().code).toBe('APPROVAL_SELF_DECISION');
    const row = await deps.database.db
      .selectFrom('organizations')
      .select('nib')
      .where('id', '=', coop.id)
      .executeTakeFirstOrThrow();
    expect(row.nib).toBeNull();
  });

  it('a user without approvals.decide cannot approve', async () => {
    const res = await both.request('PATCH', `/api/v1/orgs/${coop.id}`, {
      npwp: '0123456789012345',
    });
    const id = res.json<{ pendingApprovalId: string }>().pendingApprovalId;
    expect(
      (await admin.request('POST', `/api/v1/orgs/${coop.id}/approvals/${id}/approve`)).statusCode,
    ).toBe(403);
  });

  it('a rejection records the reason and applies nothing', async () => {
    const res = await admin.request('PATCH', `/api/v1/orgs/${coop.id}`, {
      badanHukumNumber: 'AHU-SALAH',
    });
    const id = res.json<{ pendingApprovalId: string }>().pendingApprovalId;
    const rejected = await pengurus.request(
      'POST',
      `/api/v1/orgs/${coop.id}/approvals/${id}/reject`,
      { reason: 'Nomor tidak sesuai akta' },
    );
    expect(rejected.json<{ status: string }>().status).toBe('rejected');
    const row = await deps.database.db
      .selectFrom('organizations')
      .select('badan_hukum_number')
      .where('id', '=', coop.id)
      .executeTakeFirstOrThrow();
    expect(row.badan_hukum_number).toBeNull();
    const list = await pengurus.request('GET', `/api/v1/orgs/${coop.id}/approvals?status=rejected`);
    expect(list.json<{ items: { decisionNote: string }[] }>().items[0]?.decisionNote).toBe(
      'Nomor tidak sesuai akta',
    );
  });
});
