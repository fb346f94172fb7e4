import { sql } from 'kysely';
import type { Client } from './fixtures.js';
import { createDesk, openSession } from '../../src/services/cashdesk.js';
import { inOrg, systemContext, type Deps, type OrgContext } from '../../src/services/context.js';
import { seedChartOfAccounts } from '../../src/services/ledger.js';
import { TEST_CHART } from './chart.js';
import { capitalDeposit } from './entries.js';

/** Ids (as strings) of one of each resource a route under /orgs/:orgId can name. */
export interface TenantBook {
  desk: string;
  session: string;
  entry: string;
  product: string;
  member: string;
  application: string;
  loan: string;
  /** the cash account 1101 */
  account: string;
}

/**
 * Fills a cooperative whose chart is seeded and which has a branch: a desk with an open session,
 * one journal entry, and a loan product, member, application and loan (rows written directly,
 * since only their existence matters to the tests that ask other tenants to reach them).
 */
export async function seedTenantBook(
  deps: Deps,
  ctx: OrgContext,
  branchId: bigint,
): Promise<TenantBook> {
  const coopId = ctx.organizationId;
  const desk = await createDesk(deps, ctx, { branchId, code: 'K1', name: 'Meja 1' });
  const session = await openSession(deps, ctx, {
    deskId: BigInt(desk.id),
    businessDate: '2026-03-02',
    openingFloatRupiah: 500_000n,
  });
  const entry = await inOrg(deps, ctx, (o) =>
    capitalDeposit(o, {
      entryDate: '2026-03-02',
      description: 'Setoran modal',
      amountRupiah: 1000n,
    }),
  );
  const rows = await sql<{
    product: bigint;
    member: bigint;
    app: bigint;
    loan: bigint;
    account: bigint;
  }>`
    with p as (insert into loan_products (cooperative_id, code, name, akad, method, rate_percent, rate_period, min_amount_rupiah, max_amount_rupiah, min_tenor, max_tenor)
               values (${coopId}, 'PJ', 'Pinjaman', 'conventional', 'flat', 1.5, 'month', 1000, 100000000, 1, 36) returning id),
         m as (insert into members (cooperative_id, member_number, status, nik, full_name, birth_date, gender, joined_on)
               values (${coopId}, 'A1', 'active', '3375010101900001', 'Anggota', '1980-01-01', 'L', '2024-01-01') returning id),
         a as (insert into loan_applications (cooperative_id, member_id, product_id, amount_rupiah, tenor, purpose, status)
               select ${coopId}, m.id, p.id, 1000000, 12, 'uji', 'approved' from m, p returning id, member_id, product_id),
         l as (insert into loans (cooperative_id, loan_number, application_id, member_id, product_id, akad, method, rate_percent, rate_period, frequency,
                 tenor, principal_rupiah, disbursed_on, maturity_on, outstanding_principal_rupiah)
               select ${coopId}, 'PJ/2026/000001', a.id, a.member_id, a.product_id, 'conventional', 'flat', 1.5, 'month', 'monthly', 12, 1000000,
                 '2026-03-02', '2027-03-02', 1000000 from a returning id)
    select (select id from p) as product, (select id from m) as member, (select id from a) as app, (select id from l) as loan,
           (select id from accounts where cooperative_id = ${coopId} and code = '1101') as account`.execute(
    deps.database.db,
  );
  const r = rows.rows[0];
  if (!r) throw new Error('tenant book rows not written');
  return {
    desk: String(desk.id),
    session: String(session.id),
    entry: String(entry.entryId),
    product: String(r.product),
    member: String(r.member),
    application: String(r.app),
    loan: String(r.loan),
    account: String(r.account),
  };
}

/**
 * The test chart (TEST_CHART) and the tenant book of a cooperative that has the branch, written as
 * `user`, one of its users.
 */
export async function seedChartAndTenantBook(
  deps: Deps,
  coopId: string,
  user: { id: string; username: string },
  branchId: bigint,
): Promise<TenantBook> {
  const ctx: OrgContext = {
    ...systemContext(coopId, 'test'),
    actor: { userId: user.id, label: user.username },
    roles: [],
  };
  await inOrg(deps, ctx, (o) => seedChartOfAccounts(o, TEST_CHART));
  return seedTenantBook(deps, ctx, branchId);
}

/**
 * A pending approval (a change of the cooperative's NIB, asked by `maker`) and an API token (made
 * by `tokenOwner`) of one cooperative, through the API.
 */
export async function approvalAndToken(
  orgId: string,
  maker: Client,
  tokenOwner: Client = maker,
): Promise<{ approval: string; token: string }> {
  const patch = await maker.request('PATCH', `/api/v1/orgs/${orgId}`, { nib: '9120009999999' });
  if (patch.statusCode !== 200) throw new Error(`NIB change: ${patch.statusCode} ${patch.body}`);
  const approval = patch.json<{ pendingApprovalId?: string }>().pendingApprovalId;
  if (!approval) throw new Error('the NIB change did not wait for approval');
  const token = await tokenOwner.request('POST', `/api/v1/orgs/${orgId}/api-tokens`, {
    name: 'integrasi',
  });
  if (token.statusCode !== 201) throw new Error(`API token: ${token.statusCode} ${token.body}`);
  return { approval, token: token.json<{ id: string }>().id };
}
