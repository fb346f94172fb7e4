import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { inTenantTransaction } from '../../../src/db/database.js';
import { COOPERATIVE_ROLES } from '../../../src/domain/auth/permissions.js';
import { approvalAndToken, seedChartAndTenantBook } from '../../support/tenant-book.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import {
  makeCooperative,
  makeDinas,
  makeUser,
  signIn,
  testApp,
  type Client,
} from '../../support/fixtures.js';

interface OpenApi {
  paths: Record<string, Record<string, unknown>>;
}

/** Sample values for path parameters naming cooperative B's resources; every parameter must have one. */
type Fixtures = Record<string, string>;

let deps: TestDeps;
let app: FastifyInstance;
let a: Awaited<ReturnType<typeof makeCooperative>>;
let b: Awaited<ReturnType<typeof makeCooperative>>;
let clientA: Client;
let clientB: Client;
let dinasClient: Client;
const fixturesB: Fixtures = {};

beforeAll(async () => {
  deps = await testDeps();
  app = await testApp(deps);
  a = await makeCooperative(deps, 'Koperasi A');
  b = await makeCooperative(deps, 'Koperasi B');
  const dinas = await makeDinas(deps);
  // A user holding every cooperative role in A: the widest rights anyone in A can have.
  const userA = await makeUser(deps, a, [...COOPERATIVE_ROLES]);
  const userB = await makeUser(deps, b, ['admin', 'pengurus', 'kasir']);
  const makerB = await makeUser(deps, b, ['admin']);
  const dinasUser = await makeUser(deps, dinas, ['dinas_admin', 'dinas_pembina', 'dinas_pengawas']);
  clientA = await signIn(app, userA.username);
  clientB = await signIn(app, userB.username);
  dinasClient = await signIn(app, dinasUser.username);
  const makerClient = await signIn(app, makerB.username);

  // Resources in B that A will try to reach.
  const branch = await clientB.request('POST', `/api/v1/orgs/${b.id}/branches`, {
    code: 'B1',
    name: 'Cabang B',
  });
  expect(branch.statusCode).toBe(201);
  fixturesB.branchId = branch.json<{ id: string }>().id;
  const pendingAndToken = await approvalAndToken(b.id, makerClient, clientB);
  fixturesB.approvalId = pendingAndToken.approval;
  fixturesB.tokenId = pendingAndToken.token;

  const book = await seedChartAndTenantBook(deps, b.id, userB, BigInt(fixturesB.branchId));
  fixturesB.entryId = book.entry;
  fixturesB.accountId = book.account;
  fixturesB.sessionId = book.session;
  fixturesB.productId = book.product;
  fixturesB.applicationId = book.application;
  fixturesB.loanId = book.loan;
  fixturesB.memberId = book.member;
  // savings: a product, an account and one movement of B (rows written directly)
  const sv = await sql<{ acct: bigint; tx: bigint }>`
    with p as (insert into savings_products (cooperative_id, code, name, kind, settings)
               values (${b.id}, 'SS', 'Sukarela', 'sukarela', '{"kind":"sukarela","annualRateBps":0,"interestMethod":"daily-balance"}') returning id),
         a as (insert into savings_accounts (cooperative_id, account_number, member_id, product_id, opened_on, balance_rupiah)
               select ${b.id}, 'SS-A1', ${book.member}, p.id, '2026-03-02', 1000 from p returning id),
         t as (insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah, balance_after_rupiah, transaction_date, entry_id)
               select ${b.id}, a.id, 'deposit', 1, 1000, 1000, '2026-03-02', ${book.entry} from a returning id)
    select (select id from a) as acct, (select id from t) as tx`.execute(deps.database.db);
  fixturesB.savingsAccountId = String(sv.rows[0]?.acct);
  fixturesB.transactionId = String(sv.rows[0]?.tx);
  // B's row in the supervisors' registry (owned by its region, not by B: no cooperative opens it)
  const reg = await sql<{ id: bigint }>`
    insert into registry_cooperatives (region_code, linked_organization_id, name, cooperative_type, cooperative_form,
      membership_area, province_code, regency_code, status_since)
    values ('3375', ${b.id}, 'Koperasi B', 'KSP', 'primer', 'regency', '33', '3375', '2026-01-01') returning id`.execute(
    deps.database.db,
  );
  fixturesB.registryId = String(reg.rows[0]?.id);
  // a report B shared with its office (a version row keyed by that registry row)
  const version = await sql<{ id: bigint }>`
    insert into supervision_reports (region_code, registry_id, report_kind, period, version, channel, content,
      content_sha256, submitted_at, submitted_on, submitted_by, submitted_by_org, approved_by,
      total_aset_rupiah, total_kewajiban_rupiah, total_ekuitas_rupiah, pinjaman_rupiah,
      pinjaman_bermasalah_rupiah, simpanan_rupiah, shu_rupiah, member_count)
    values ('3375', ${reg.rows[0]!.id}, 'quarterly', '2026-Q1', 1, 'ledger', '{}', ${'0'.repeat(64)}, now(),
      '2026-04-10', ${makerB.id}, ${b.id}, ${userB.id}, 0, 0, 0, 0, 0, 0, 0, 0) returning id`.execute(
    deps.database.db,
  );
  fixturesB.versionId = String(version.rows[0]?.id);
  // a registry filter saved under B (filters are kept per user per organisation)
  const saved = await sql<{ id: bigint }>`
    insert into registry_saved_filters (organization_id, user_id, name, filter)
    values (${b.id}, ${userB.id}, 'Filter B', '{}') returning id`.execute(deps.database.db);
  fixturesB.filterId = String(saved.rows[0]?.id);
  // a DPS member of B and a review routed to B's DPS (rows written directly)
  const dps = await sql<{ m: bigint; r: bigint }>`
    with m as (insert into dps_members (cooperative_id, full_name, is_cooperative_member)
               values (${b.id}, 'Ustadz B', false) returning id),
         r as (insert into dps_reviews (cooperative_id, subject, title, details, effect)
               values (${b.id}, 'denda_clause', 'Klausul denda B', '{}', 'waits') returning id)
    select (select id from m) as m, (select id from r) as r`.execute(deps.database.db);
  fixturesB.dpsMemberId = String(dps.rows[0]?.m);
  fixturesB.reviewId = String(dps.rows[0]?.r);
  // an SHU settings version and a simulation run of B (rows written directly)
  const shuRun = await sql<{ id: bigint }>`
    with s as (insert into shu_settings (cooperative_id, version, valid_from_year, cadangan_ppm, jasa_modal_ppm,
                 jasa_usaha_ppm, dana_pengurus_ppm, dana_karyawan_ppm, dana_pendidikan_ppm, dana_sosial_ppm,
                 dana_pembangunan_ppm, capital_kinds, jasa_modal_basis, business_lines)
               values (${b.id}, 1, 2025, 400000, 200000, 250000, 50000, 50000, 25000, 25000, 0, 'pokok,wajib',
                 'average', '{"pinjaman":"1"}') returning version)
    insert into shu_runs (cooperative_id, year, kind, settings_version, shu_source, shu_rupiah, shu_anggota_rupiah,
      shu_non_anggota_rupiah, income_member_rupiah, income_non_member_rupiah, payout_date, jasa_modal_basis, pools,
      lines, unshared_to_cadangan_rupiah, capital_total, members, total_jasa_modal_rupiah, total_jasa_usaha_rupiah,
      total_rupiah, total_tax_rupiah, total_deductions_rupiah, total_net_rupiah)
    select ${b.id}, 2025, 'simulation', s.version, 'income-expense', 0, 0, 0, 0, 0, '2026-04-20', 'average', '{}',
      '[]', 0, 0, 0, 0, 0, 0, 0, 0, 0 from s returning id`.execute(deps.database.db);
  fixturesB.runId = String(shuRun.rows[0]?.id);
  // a RAT of B with its first agenda item (rows written directly)
  const meeting = await sql<{ id: bigint }>`
    with m as (insert into rat_meetings (cooperative_id, book_year, title, mode, scheduled_on, starts_at,
                 location, rules, checkin_key)
               values (${b.id}, 2025, 'RAT B', 'in-person', '2026-03-14', '09:00', 'Aula B', '{}',
                 decode(repeat('ab', 32), 'hex')) returning id)
    insert into rat_agenda_items (cooperative_id, meeting_id, seq, title, kind, majority)
    select ${b.id}, m.id, 1, 'Pembukaan', 'opening', 'simple' from m returning meeting_id as id`.execute(
    deps.database.db,
  );
  fixturesB.meetingId = String(meeting.rows[0]?.id);
  // the shop of B (migration 0041): an outlet with a till on B's desk, a member producer on
  // consignment, a product, a purchase order, a goods receipt and one sale on the till (rows
  // written directly)
  const shop = await sql<{
    till: bigint;
    supplier: bigint;
    product: bigint;
    purchase_order: bigint;
    receipt: bigint;
    sale: bigint;
  }>`
    with o as (insert into shop_outlets (cooperative_id, code, name) values (${b.id}, 'TB', 'Toko B') returning id),
         t as (insert into shop_tills (cooperative_id, outlet_id, code, name, desk_id)
               select ${b.id}, o.id, 'TB1', 'Kasir B', ${book.desk} from o returning id, outlet_id),
         s as (insert into shop_suppliers (cooperative_id, name, member_id, consignment, margin_bps)
               values (${b.id}, 'Penitip B', ${book.member}, true, 1500) returning id),
         p as (insert into shop_products (cooperative_id, sku, name, category, base_unit, price_unit,
                 price_unit_base, member_price_rupiah, public_price_rupiah)
               values (${b.id}, 'B-1', 'Barang B', 'Umum', 'pcs', 'pcs', 1, 1000, 1100) returning id),
         po as (insert into shop_purchase_orders (cooperative_id, supplier_id, outlet_id, ordered_on, lines)
               select ${b.id}, s.id, o.id, '2026-03-02', '[]' from s, o returning id),
         r as (insert into shop_goods_receipts (cooperative_id, supplier_id, outlet_id, received_on, total_rupiah)
               select ${b.id}, s.id, o.id, '2026-03-02', 0 from s, o returning id),
         x as (insert into shop_sales (cooperative_id, till_id, receipt_no, client_sale_id, outlet_id,
                 cashier_user_id, sold_at, business_date, total_rupiah, cost_rupiah, payment_method,
                 payment_reference, prev_hash, hash, journal_entry_id)
               select ${b.id}, t.id, 1, '00000000-0000-4000-8000-00000000000b', t.outlet_id, ${userB.id},
                 now(), '2026-03-02', 1000, 0, 'qris', 'QR-B', '', ${'ab'.repeat(32)}, ${book.entry} from t returning id)
    select (select id from t) as till, (select id from s) as supplier, (select id from p) as product,
           (select id from po) as purchase_order, (select id from r) as receipt, (select id from x) as sale`.execute(
    deps.database.db,
  );
  fixturesB.tillId = String(shop.rows[0]?.till);
  fixturesB.supplierId = String(shop.rows[0]?.supplier);
  fixturesB.shopProductId = String(shop.rows[0]?.product);
  fixturesB.orderId = String(shop.rows[0]?.purchase_order);
  fixturesB.receiptId = String(shop.rows[0]?.receipt);
  fixturesB.saleId = String(shop.rows[0]?.sale);
  // a marketplace order of B (migration 0042), written directly
  const market = await sql<{ id: bigint }>`
    insert into marketplace_orders (cooperative_id, number, client_key, request_hash, public_token,
      delivery_id, buyer_name, buyer_phone, buyer_address, payment_method, total_rupiah, placed_at,
      updated_at)
    values (${b.id}, 'PD-000001', 'pesanan-b-1', ${'ab'.repeat(32)}, ${'cd'.repeat(16)},
      '00000000-0000-4000-8000-0000000000bb', 'Pembeli B', '081200000000', 'Jalan B nomor 1',
      'cash', 1000, now(), now()) returning id`.execute(deps.database.db);
  fixturesB.marketOrderId = String(market.rows[0]?.id);
  // a mlijo vendor of B with a household, a round and an order (migration 0043), written directly
  const mlijo = await sql<{
    vendor: bigint;
    household: bigint;
    round: bigint;
    mlijo_order: bigint;
  }>`
    with v as (insert into mlijo_vendors (cooperative_id, member_id, route_name, areas, outlet_id,
                 till_id, commission_bps)
               select ${b.id}, ${book.member}, 'Rute B', 'RT B', t.outlet_id, t.id, 500
               from shop_tills t where t.cooperative_id = ${b.id} and t.id = ${fixturesB.tillId}
               returning id),
         h as (insert into mlijo_households (cooperative_id, vendor_id, stop_no, name, address, token_hash)
               select ${b.id}, v.id, 1, 'Rumah B', 'Jalan B', ${'ce'.repeat(32)} from v
               returning id, vendor_id),
         r as (insert into mlijo_rounds (cooperative_id, opens_at, closes_at, delivery_date)
               values (${b.id}, '2026-03-01T09:00Z', '2026-03-01T14:00Z', '2026-03-02') returning id),
         x as (insert into mlijo_orders (cooperative_id, round_id, vendor_id, household_id,
                 ordered_total_rupiah, total_rupiah, ordered_via, ordered_at)
               select ${b.id}, r.id, h.vendor_id, h.id, 1000, 1000, 'link', now() from r, h returning id)
    select (select id from v) as vendor, (select id from h) as household, (select id from r) as round,
           (select id from x) as mlijo_order`.execute(deps.database.db);
  fixturesB.vendorId = String(mlijo.rows[0]?.vendor);
  fixturesB.householdId = String(mlijo.rows[0]?.household);
  fixturesB.roundId = String(mlijo.rows[0]?.round);
  fixturesB.mlijoOrderId = String(mlijo.rows[0]?.mlijo_order);
});

/** Path parameters that name no resource: any valid value will do, and the second sweep skips them. */
const NON_RESOURCE: Record<string, string> = {
  // an agenda item's number and a RAT book part within a meeting (the meeting is the resource)
  seq: '1',
  section: 'plan',
  period: '2026-01',
  year: '2026',
  role: 'pengurus',
  kind: 'portfolio',
  // the rubric versions are the nation's, not an organisation's
  rubricId: 'perdep-06-2016',
  version: '1',
  // assessments and their evidence are an office's (keyed by region), never a cooperative's: no
  // cooperative has one to address; test/integration/supervision/assessments.test.ts sweeps them
  // office against office
  assessmentId: '1',
  evidenceId: '1',
  // early-warning alerts are an office's too: test/integration/supervision/early-warning.test.ts
  // checks another office gets 404
  alertId: '1',
  // RAT documents are an office's (keyed by region): test/integration/supervision/
  // rat-compliance.test.ts checks another office gets 404
  documentId: '1',
  // mediation cases are an office's, seen only by the officers assigned:
  // test/integration/supervision/mediation.test.ts checks others get 404
  caseId: '1',
  // inspections, findings and letters are an office's (keyed by region), never a cooperative's:
  // test/integration/supervision/inspections.test.ts checks another office gets 404
  inspectionId: '1',
  findingId: '1',
  recommendationId: '1',
  letterId: '1',
  // training events and their participants are an office's: test/integration/supervision/
  // training.test.ts checks another office gets 404
  eventId: '1',
  participantId: '1',
  // a certificate belongs to a registry row (keyed by region): no cooperative has one
  certificateId: '1',
  // koperasi modern checklists are an office's (keyed by region) like assessments:
  // test/integration/supervision/koperasi-modern.test.ts checks another office gets 404
  checklistId: '1',
  // funding referrals are an office's (keyed by region): test/integration/supervision/
  // funding-referrals.test.ts checks another office gets 404
  referralId: '1',
  // a baitul maal fund is a fixed name (zakat, infaq, wakaf, kebajikan), not a resource
  fund: 'zakat',
};

afterAll(async () => {
  await app.close();
  await deps.close();
});

async function orgRoutes(): Promise<{ method: string; path: string }[]> {
  const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApi>();
  const routes: { method: string; path: string }[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.includes('{orgId}')) continue;
    for (const method of Object.keys(ops)) routes.push({ method: method.toUpperCase(), path });
  }
  return routes;
}

function fill(path: string, orgId: string): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (name === 'orgId') return orgId;
    if (name === 'kind' && path.includes('/documents/')) return 'ktp';
    if (name === 'accountId' && path.includes('savings-accounts'))
      return fixturesB.savingsAccountId!;
    if (name === 'productId' && (path.includes('/shop/') || path.includes('/marketplace/')))
      return fixturesB.shopProductId!;
    const v = fixturesB[name] ?? NON_RESOURCE[name];
    if (!v) throw new Error(`no fixture for path parameter {${name}}: add one to this test`);
    return v;
  });
}

const HEX64 = 'ab'.repeat(32);

/** Valid bodies for routes whose body is checked before the resource is looked up. */
const SAMPLE_BODIES: Record<string, unknown> = {
  'POST /api/v1/orgs/{orgId}/rat/meetings/{meetingId}/second-call': {
    scheduledOn: '2026-03-21',
    startsAt: '09:00',
  },
  'POST /api/v1/orgs/{orgId}/rat/meetings/{meetingId}/check-ins': { memberId: '1' },
  'POST /api/v1/orgs/{orgId}/rat/meetings/{meetingId}/proxies': {
    memberId: '1',
    holderMemberId: '2',
    reference: 'Surat kuasa',
  },
  'POST /api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/result': {
    setuju: 1,
    tidakSetuju: 0,
    abstain: 0,
  },
  'POST /api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/heard': { note: null },
  'PUT /api/v1/orgs/{orgId}/rat/meetings/{meetingId}/book/{section}': { body: 'Rencana kerja' },
  'POST /api/v1/orgs/{orgId}/rat/meetings/{meetingId}/minutes/sign': {
    chair: 'Ketua',
    secretary: 'Sekretaris',
    witnesses: 'Dua anggota',
  },
  // the RAT's secret ballots (src/http/routes/rat-ballots.ts)
  'POST /api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/ballot': {
    threshold: 1,
    keyholderUserIds: ['00000000-0000-4000-8000-000000000001'],
  },
  'POST /api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/ballot/ceremony/key': {
    publicKey: HEX64,
  },
  'POST /api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/ballot/ceremony': {
    commitments: [HEX64],
    sealedShares: ['tersegel'],
  },
  'POST /api/v1/orgs/{orgId}/rat/meetings/{meetingId}/agenda/{seq}/ballot/decryption': {
    trustee: 1,
    questions: [],
  },
  'POST /api/v1/orgs/{orgId}/me/rat/{meetingId}/agenda/{seq}/ballot/credential': {
    pseudonym: HEX64,
  },
  'POST /api/v1/orgs/{orgId}/me/rat/{meetingId}/agenda/{seq}/ballot/tracker': { tracker: HEX64 },
  'POST /api/v1/orgs/{orgId}/me/rat/{meetingId}/agenda/{seq}/ballot': {
    ballot: {
      electionId: 'x/rat',
      questionId: 'agenda-1',
      pseudonym: HEX64,
      weight: 1,
      choices: [
        { alpha: HEX64, beta: HEX64, proof: { commitments: [], challenges: [], responses: [] } },
      ],
      sumProof: { commitments: [], challenges: [], responses: [] },
      signature: { commitment: HEX64, response: HEX64 },
    },
  },
  'POST /api/v1/orgs/{orgId}/loan-products/{productId}/active': { active: false },
  'POST /api/v1/orgs/{orgId}/loan-applications/{applicationId}/analysis': {
    notes: 'uji isolasi',
    recommendation: 'approve',
  },
  'POST /api/v1/orgs/{orgId}/loan-applications/{applicationId}/disbursement': {
    channel: 'cash',
    cashSessionId: '1',
    disbursedOn: '2026-03-02',
  },
  'POST /api/v1/orgs/{orgId}/loans/{loanId}/repayments': {
    amountRupiah: '1',
    paidOn: '2026-03-02',
    cashSessionId: '1',
  },
  'POST /api/v1/orgs/{orgId}/loans/{loanId}/payoff': { paidOn: '2026-03-02', cashSessionId: '1' },
  'POST /api/v1/orgs/{orgId}/loans/{loanId}/restructurings': {
    kind: 'reschedule',
    effectiveOn: '2026-03-02',
    reason: 'uji isolasi',
  },
  'POST /api/v1/orgs/{orgId}/loans/{loanId}/write-off': {
    writtenOffOn: '2026-03-02',
    reason: 'uji isolasi',
  },
  'POST /api/v1/orgs/{orgId}/loans/{loanId}/recoveries': {
    amountRupiah: '1',
    receivedOn: '2026-03-02',
    cashSessionId: '1',
  },
  'POST /api/v1/orgs/{orgId}/loans/{loanId}/collectibility': {
    collectibility: 'KL',
    reason: 'uji isolasi',
  },
  'PUT /api/v1/orgs/{orgId}/loans/{loanId}/auto-debit': { enabled: true },
  'POST /api/v1/orgs/{orgId}/loans/{loanId}/unable-to-pay': {
    effectiveOn: '2026-03-02',
    reason: 'uji isolasi',
  },
  'POST /api/v1/orgs/{orgId}/loans/{loanId}/unable-to-pay/lift': {
    effectiveOn: '2026-03-02',
    reason: 'uji isolasi',
  },
  'POST /api/v1/orgs/{orgId}/loans/{loanId}/tawidh-items': {
    incurredOn: '2026-03-02',
    description: 'uji isolasi',
    amountRupiah: '1',
    evidenceRef: 'UJI-1',
  },
  'PUT /api/v1/orgs/{orgId}/loan-applications/{applicationId}/profit-sharing': {
    nisbahKsppsPercent: '25',
    basis: 'profit',
    projectedResultRupiah: '1000000',
  },
  'POST /api/v1/orgs/{orgId}/loans/{loanId}/profit-sharing/reports': {
    periodNo: 1,
    resultRupiah: '1000000',
  },
  'POST /api/v1/orgs/{orgId}/loans/{loanId}/profit-sharing/negligence': { reason: 'uji isolasi' },
  'POST /api/v1/orgs/{orgId}/members/{memberId}/status': {
    status: 'suspended',
    reason: 'uji isolasi',
  },
  'POST /api/v1/orgs/{orgId}/members/{memberId}/exit-requests': {
    reason: 'voluntary',
    note: 'uji isolasi',
  },
  'POST /api/v1/orgs/{orgId}/members/{memberId}/portal-login': {
    username: 'sweep-member',
    password: 'Rahasia-Koperasi-2026',
  },
  'POST /api/v1/orgs/{orgId}/members/{memberId}/exit-settlement': { sessionId: '1' },
  'POST /api/v1/orgs/{orgId}/approvals/{approvalId}/reject': { reason: 'uji isolasi' },
  'POST /api/v1/orgs/{orgId}/shu/runs/{runId}/members/{memberId}/cash-payment': { sessionId: '1' },
  'POST /api/v1/orgs/{orgId}/savings-accounts/{accountId}/akad': { nisbahAnggotaBps: 2500 },
  'POST /api/v1/orgs/{orgId}/dps/members/{dpsMemberId}/terms': {
    raDate: '2026-03-01',
    raReference: 'uji isolasi',
    termStart: '2026-03-02',
    termEnd: '2027-03-01',
  },
  'POST /api/v1/orgs/{orgId}/dps/members/{dpsMemberId}/end': {
    endedOn: '2026-03-02',
    reason: 'resigned',
  },
  'POST /api/v1/orgs/{orgId}/dps/members/{dpsMemberId}/certificates': {
    kind: 'lsp_competency',
    issuer: 'uji isolasi',
    number: 'UJI-1',
    issuedOn: '2026-03-02',
  },
  'POST /api/v1/orgs/{orgId}/dps/reviews/{reviewId}/decide': {
    decision: 'approved',
    opinion: 'uji isolasi DPS',
  },
  'PUT /api/v1/orgs/{orgId}/savings-products/{productId}/nisbah': { nisbahAnggotaBps: 2500 },
  'POST /api/v1/orgs/{orgId}/accounts/{accountId}/active': { active: false },
  'POST /api/v1/orgs/{orgId}/journal/{entryId}/reversal': {
    entryDate: '2026-03-03',
    reason: 'uji isolasi',
  },
  'POST /api/v1/orgs/{orgId}/cash-sessions/{sessionId}/close': {
    countedRupiah: '0',
    varianceReason: 'uji',
    entryDate: '2026-03-02',
  },
  'PUT /api/v1/orgs/{orgId}/shop/products/{productId}/prices': {
    memberPriceRupiah: '1000',
    publicPriceRupiah: '1100',
  },
  'POST /api/v1/orgs/{orgId}/shop/goods-receipts/{receiptId}/payments': {
    amountRupiah: '1',
    method: 'bank',
    paidOn: '2026-03-02',
  },
  'PUT /api/v1/orgs/{orgId}/shop/credit-limits/{memberId}': { limitRupiah: '1' },
  'POST /api/v1/orgs/{orgId}/shop/tills/{tillId}/sales/batch': {
    sales: [
      {
        clientSaleId: '00000000-0000-4000-8000-000000000001',
        tillId: '1',
        receiptNo: 1,
        prevHash: '',
        hash: 'a'.repeat(64),
        soldAt: '2026-11-02T03:00:00.000Z',
        memberId: null,
        lines: [
          {
            productId: '1',
            unit: 'pcs',
            qty: '1',
            qtyBase: '1',
            priceRupiah: '1000',
            priceBase: '1',
            amountRupiah: '1000',
          },
        ],
        totalRupiah: '1000',
        paymentMethod: 'cash',
        paymentReference: null,
        tenderedRupiah: '1000',
        offline: true,
      },
    ],
  },
  'POST /api/v1/orgs/{orgId}/shop/sales/{saleId}/void': {
    reason: 'uji isolasi',
    supervisorUsername: 'pengawas-b',
    supervisorPassword: 'Rahasia-Koperasi-2026',
  },
  'POST /api/v1/orgs/{orgId}/shop/sales/{saleId}/returns': {
    lines: [{ lineNo: 1, qtyBase: '1' }],
    reason: 'uji isolasi',
    supervisorUsername: 'pengawas-b',
    supervisorPassword: 'Rahasia-Koperasi-2026',
  },
  'POST /api/v1/orgs/{orgId}/shop/credit/{memberId}/payments': { amountRupiah: '1' },
  'POST /api/v1/orgs/{orgId}/marketplace/orders/{marketOrderId}/steps': { action: 'confirm' },
  'POST /api/v1/orgs/{orgId}/mlijo/vendor/households/{householdId}/orders': {
    roundId: '1',
    lines: [{ productId: '1', unit: 'pcs', qty: '1' }],
  },
  'POST /api/v1/orgs/{orgId}/mlijo/orders/{mlijoOrderId}/pack': { weights: [] },
  'POST /api/v1/orgs/{orgId}/mlijo/orders/{mlijoOrderId}/deliver': { paymentMethod: 'cash' },
  'POST /api/v1/orgs/{orgId}/mlijo/orders/{mlijoOrderId}/not-delivered': { reason: 'uji isolasi' },
  'POST /api/v1/orgs/{orgId}/mlijo/vendors/{vendorId}/households': {
    households: [{ name: 'Rumah A', address: 'Jalan A' }],
  },
  'POST /api/v1/orgs/{orgId}/mlijo/vendors/{vendorId}/settlements': {
    deliveryDate: '2026-03-02',
    handedOverRupiah: '0',
    settledOn: '2026-03-02',
  },
  'POST /api/v1/orgs/{orgId}/shop/consignment/{supplierId}/settlements': {
    throughDate: '2026-03-02',
    settledOn: '2026-03-02',
  },
  'POST /api/v1/orgs/{orgId}/cash-sessions/{sessionId}/transactions': {
    direction: 'in',
    accountCode: '3101',
    amountRupiah: '1',
    description: 'uji isolasi',
    entryDate: '2026-03-02',
  },
};

describe('tenant isolation across every route in the OpenAPI document', () => {
  it('covers the organisation routes (the sweep is not empty)', async () => {
    expect((await orgRoutes()).length).toBeGreaterThanOrEqual(12);
  });

  it("a user of cooperative A gets 403/404 on every route under cooperative B's id", async () => {
    const failures: string[] = [];
    for (const r of await orgRoutes()) {
      const res = await clientA.request(
        r.method as 'GET',
        fill(r.path, b.id),
        r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      );
      if (![403, 404].includes(res.statusCode))
        failures.push(`${r.method} ${r.path} -> ${res.statusCode}`);
      else expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(failures).toEqual([]);
  });

  it("a user of cooperative A gets 403/404 for B's resources addressed through A's own id", async () => {
    const failures: string[] = [];
    for (const r of await orgRoutes()) {
      const params = [...r.path.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1]!)
        .filter((p) => p !== 'orgId');
      if (!params.some((p) => !(p in NON_RESOURCE))) continue;
      const body =
        SAMPLE_BODIES[`${r.method} ${r.path}`] ??
        (r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      const query = r.path.endsWith('/statement') ? '?from=2026-01-01&to=2026-12-31' : '';
      const res = await clientA.request(r.method as 'GET', fill(r.path, a.id) + query, body, {
        'idempotency-key': `sweep-${Math.random().toString(36).slice(2)}`,
      });
      if (![403, 404].includes(res.statusCode))
        failures.push(`${r.method} ${r.path} -> ${res.statusCode} ${res.body}`);
    }
    expect(failures).toEqual([]);
    // B's pending approval is untouched, its token still listed as active.
    const approval = await clientB.request(
      'GET',
      `/api/v1/orgs/${b.id}/approvals/${fixturesB.approvalId}`,
    );
    expect(approval.json<{ status: string }>().status).toBe('pending');
    const tokens = await clientB.request('GET', `/api/v1/orgs/${b.id}/api-tokens`);
    expect(tokens.json<{ items: { revokedAt: string | null }[] }>().items[0]?.revokedAt).toBeNull();
  });

  it("a Dinas officer cannot open a cooperative's routes", async () => {
    for (const r of await orgRoutes()) {
      const res = await dinasClient.request(
        r.method as 'GET',
        fill(r.path, b.id),
        r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      );
      expect([403, 404], `${r.method} ${r.path}`).toContain(res.statusCode);
    }
  });

  it('row-level security hides other organisations’ rows even from a query with no filter', async () => {
    const rows = await inTenantTransaction(deps.database.db, a.id, (tx) =>
      sql<{ cooperative_id: string }>`select cooperative_id from branches`.execute(tx),
    );
    expect(rows.rows.every((r) => r.cooperative_id === a.id)).toBe(true);
    const fromB = await inTenantTransaction(deps.database.db, b.id, (tx) =>
      sql<{ n: bigint }>`select count(*) as n from branches`.execute(tx),
    );
    expect(fromB.rows[0]?.n).toBe(1n);
    await expect(
      inTenantTransaction(deps.database.db, a.id, (tx) =>
        sql`insert into branches (cooperative_id, code, name) values (${b.id}, 'SUSUP', 'Cabang Susupan')`.execute(
          tx,
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
