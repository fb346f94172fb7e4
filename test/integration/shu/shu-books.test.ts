import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { percentToPpm } from '../../../src/domain/shu/allocation.js';
import { computeShu, type ShuInput } from '../../../src/domain/shu/compute.js';
import { inOrg } from '../../../src/services/context.js';
import { postEntry } from '../../../src/services/ledger.js';
import { createPortalLogin } from '../../../src/services/members/documents.js';
import type { RunView, ShareView } from '../../../src/services/shu.js';
import {
  makeUser,
  signIn,
  TEST_PASSWORD,
  testAppForFile,
  type Client,
} from '../../support/fixtures.js';
import { savingsWorld } from '../savings/setup.js';

/**
 * SHU from the books of a small KSP built here for 2025 (docs/domain/shu-books.md), by hand:
 *
 * members (pokok 100,000; wajib 50,000 a month; capital = pokok + wajib, average basis):
 *   A joined 2025-01-01: pokok 10 Jan, wajib 50,000 on the 15th of every month
 *      month-ends 150,000 … 700,000, sum 5,100,000; interest paid 100,000 (Mar) + 200,000 (Sep)
 *      (+ 50,000 in Dec 2024, not this year); a sukarela deposit (not counted)
 *   B joined 2025-01-01: pokok + wajib 590,000 on 5 June: 690,000 × 7 = 4,830,000;
 *      wajib arrears at 31 Dec: 12 × 50,000 − 590,000 = 10,000
 *   C joined 2024-12-01: pokok 100,000 on 20 Dec 2024: 100,000 × 12 = 1,200,000; interest
 *      paid 100,000 (Jun); wajib arrears 13 × 50,000 = 650,000; an instalment due 1 Nov unpaid
 *      (150,000 + 10,000)
 *   D joined 2025-01-01, pokok 5 Jan, left 30 April (pokok returned): 3 × 100,000 = 300,000
 * income 2025: jasa pinjaman anggota 400,000 (4101), non-anggota 600,000 (4201); expense 100,000
 *   SHU 900,000; from non-members 900,000 × 600,000 / 1,000,000 = 540,000; from members 360,000
 */
const file = testAppForFile();
let w: Awaited<ReturnType<typeof savingsWorld>>;
let maker: Client;
let checker: Client;
let teller: Client;
let coop: string;
const m: Record<'A' | 'B' | 'C' | 'D', bigint> = { A: 0n, B: 0n, C: 0n, D: 0n };

const ROLE_OF = { pokok: 'simpananPokok', wajib: 'simpananWajib', sukarela: 'savingsSukarela' };

async function accountOf(member: bigint, kind: 'pokok' | 'wajib' | 'sukarela') {
  const r = await sql<{ id: bigint; balance_rupiah: bigint }>`
    select a.id, a.balance_rupiah from savings_accounts a
    join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
    where a.cooperative_id = ${coop} and a.member_id = ${member} and p.kind = ${kind}
    order by a.id limit 1`.execute(file.deps.database.db);
  return r.rows[0]!;
}

/** A savings movement on `date`: its entry (cash against the kind's role) and its row. */
async function move(
  member: bigint,
  kind: 'pokok' | 'wajib' | 'sukarela',
  date: string,
  amount: bigint,
  sign: 1 | -1 = 1,
) {
  const a = await accountOf(member, kind);
  await inOrg(file.deps, w.pengurus, async (o) => {
    const e = await postEntry(o, {
      entryDate: date,
      description: 'uji',
      source: { type: 'test' },
      lines:
        sign === 1
          ? [
              { account: { role: 'cash' }, debitRupiah: amount },
              { account: { role: ROLE_OF[kind] }, creditRupiah: amount, memberId: member },
            ]
          : [
              { account: { role: ROLE_OF[kind] }, debitRupiah: amount, memberId: member },
              { account: { role: 'cash' }, creditRupiah: amount },
            ],
    });
    const after = a.balance_rupiah + BigInt(sign) * amount;
    await sql`insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah,
        balance_after_rupiah, transaction_date, entry_id)
      values (${coop}, ${a.id}, ${sign === 1 ? 'deposit' : 'exit'}, ${sign}, ${amount}, ${after}, ${date}, ${e.entryId})`.execute(
      o.tx,
    );
    await sql`update savings_accounts set balance_rupiah = ${after} where cooperative_id = ${coop} and id = ${a.id}`.execute(
      o.tx,
    );
  });
}

async function income(date: string, code: string, amount: bigint, member?: bigint) {
  await inOrg(file.deps, w.pengurus, (o) =>
    postEntry(o, {
      entryDate: date,
      description: 'uji',
      source: { type: 'test' },
      lines: code.startsWith('5')
        ? [
            { account: { code }, debitRupiah: amount },
            { account: { role: 'cash' }, creditRupiah: amount },
          ]
        : [
            { account: { role: 'cash' }, debitRupiah: amount },
            { account: { code }, creditRupiah: amount, memberId: member ?? null },
          ],
    }),
  );
}

let loanId: bigint;
async function interestPaid(date: string, amount: bigint) {
  await inOrg(file.deps, w.pengurus, async (o) => {
    const e = await postEntry(o, {
      entryDate: date,
      description: 'angsuran uji',
      source: { type: 'test' },
      lines: [
        { account: { role: 'cash' }, debitRupiah: amount },
        { account: { role: 'loanInterestIncomeMember' }, creditRupiah: amount },
      ],
    });
    await sql`insert into loan_repayments (cooperative_id, loan_id, paid_on, kind, channel, amount_rupiah,
        interest_rupiah, entry_id)
      values (${coop}, ${loanId}, ${date}, 'instalment', 'cash', ${amount}, ${amount}, ${e.entryId})`.execute(
      o.tx,
    );
  });
}

async function loanFor(member: bigint, n: number): Promise<bigint> {
  const r = await sql<{ id: bigint }>`
    with p as (insert into loan_products (cooperative_id, code, name, akad, method, rate_percent, rate_period,
                 min_amount_rupiah, max_amount_rupiah, min_tenor, max_tenor)
               values (${coop}, ${`PJ${n}`}, 'Pinjaman', 'conventional', 'flat', 1.5, 'month', 1000, 100000000, 1, 36)
               returning id)
    insert into loans (cooperative_id, loan_number, member_id, product_id, akad, method, rate_percent,
      rate_period, frequency, tenor, principal_rupiah, disbursed_on, maturity_on, outstanding_principal_rupiah)
    select ${coop}, ${`PJ/2024/00000${n}`}, ${member}, p.id, 'conventional', 'flat', 1.5, 'month',
      'monthly', 12, 1800000, '2024-11-01', '2025-11-01', 150000 from p returning id`.execute(
    file.deps.database.db,
  );
  return r.rows[0]!.id;
}

/** The close of 2025 as the year-end close posts it: income and expense to SHU belum dibagi. */
async function closeYear2025() {
  await inOrg(file.deps, w.pengurus, (o) =>
    postEntry(o, {
      entryDate: '2025-12-31',
      description: 'Jurnal penutup 2025 (uji)',
      source: { type: 'ledger.year-end', id: '2025' },
      series: 'TUTUP',
      lines: [
        { account: { code: '4101' }, debitRupiah: 400_000n },
        { account: { code: '4201' }, debitRupiah: 600_000n },
        { account: { code: '5201' }, creditRupiah: 100_000n },
        { account: { role: 'shuUndistributed' }, creditRupiah: 900_000n },
      ],
    }),
  );
  for (let i = 1; i <= 12; i++)
    await sql`insert into fiscal_periods (cooperative_id, period, status, closed_at)
      values (${coop}, ${`2025-${String(i).padStart(2, '0')}`}, 'closed', now())
      on conflict (cooperative_id, period) do update set status = 'closed'`.execute(
      file.deps.database.db,
    );
}

/** Balance (credit − debit) of an account by role through all dates. */
async function creditBalance(role: string) {
  const r = await sql<{ s: bigint }>`
    select coalesce(sum(l.credit_rupiah - l.debit_rupiah), 0)::bigint as s from journal_lines l
    join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
    where l.cooperative_id = ${coop} and a.role = ${role}`.execute(file.deps.database.db);
  return r.rows[0]!.s;
}

const SETTINGS = {
  validFromYear: 2025,
  allocation: {
    cadangan: '40',
    jasaModal: '20',
    jasaUsaha: '25',
    danaPengurus: '5',
    danaKaryawan: '5',
    danaPendidikan: '2.5',
    danaSosial: '2.5',
    danaPembangunanDaerahKerja: '0',
  },
  capitalKinds: ['pokok', 'wajib'],
  jasaModalBasis: 'average',
  businessLines: { pinjaman: 1 },
  deductWajibArrears: true,
  taxRules: [{ from: '2026-01-01', ratePercent: '10', source: 'aturan uji: PPh 10 % dari 2026' }],
  source: 'AD/ART pasal 40 (uji)',
};

beforeAll(async () => {
  w = await savingsWorld(file.deps, { businessDate: '2026-04-20' });
  coop = w.coop.id;
  for (const k of ['A', 'B', 'C', 'D'] as const)
    m[k] = await w.addMember({ fullName: `Anggota ${k}` });
  await sql`update members set joined_on = case when id = ${m.C} then '2024-12-01'::date else '2025-01-01'::date end
    where cooperative_id = ${coop}`.execute(file.deps.database.db);
  await sql`update savings_accounts set opened_on = '2024-12-01' where cooperative_id = ${coop}`.execute(
    file.deps.database.db,
  );
  // A
  await move(m.A, 'pokok', '2025-01-10', 100_000n);
  for (let i = 1; i <= 12; i++)
    await move(m.A, 'wajib', `2025-${String(i).padStart(2, '0')}-15`, 50_000n);
  await move(m.A, 'sukarela', '2025-03-03', 1_000_000n);
  // B
  await move(m.B, 'pokok', '2025-06-05', 100_000n);
  await move(m.B, 'wajib', '2025-06-05', 590_000n);
  // C
  await move(m.C, 'pokok', '2024-12-20', 100_000n);
  // D leaves on 30 April: pokok back, accounts closed
  await move(m.D, 'pokok', '2025-01-05', 100_000n);
  await move(m.D, 'pokok', '2025-04-30', 100_000n, -1);
  await sql`update savings_accounts set status = 'closed', closed_on = '2025-04-30'
    where cooperative_id = ${coop} and member_id = ${m.D}`.execute(file.deps.database.db);
  await sql`update members set status = 'left', left_on = '2025-04-30', exit_reason = 'voluntary'
    where cooperative_id = ${coop} and id = ${m.D}`.execute(file.deps.database.db);
  // loans: A pays 50,000 in 2024 and 300,000 in 2025, C 100,000 and owes an instalment
  loanId = await loanFor(m.A, 1);
  await interestPaid('2024-12-10', 50_000n);
  await interestPaid('2025-03-10', 100_000n);
  await interestPaid('2025-09-10', 200_000n);
  loanId = await loanFor(m.C, 2);
  await interestPaid('2025-06-10', 100_000n);
  await sql`insert into loan_schedule_versions (cooperative_id, loan_id, schedule_version, reason, effective_on)
    values (${coop}, ${loanId}, 1, 'original', '2024-11-01')`.execute(file.deps.database.db);
  await sql`insert into loan_schedules (cooperative_id, loan_id, schedule_version, instalment_no, due_on,
      principal_rupiah, interest_rupiah)
    values (${coop}, ${loanId}, 1, 12, '2025-11-01', 150000, 10000)`.execute(file.deps.database.db);
  // the rest of the year's income and expense (the 2024 interest is 2024's)
  await income('2025-07-01', '4201', 600_000n);
  await income('2025-12-20', '5201', 100_000n);

  maker = await signIn(file.app, w.pengurusUser.username);
  checker = await signIn(file.app, (await makeUser(file.deps, w.coop, ['pengurus'])).username);
  teller = await signIn(file.app, w.tellerUser.username);
});

const base = () => `/api/v1/orgs/${coop}/shu`;
const idem = () => ({ 'idempotency-key': `shu-${Math.random().toString(36).slice(2)}` });

/** The figures gathered by hand (the comment at the top), in member order A, B, C, D. */
function handFigures() {
  const months = (f: (i: number) => bigint) => Array.from({ length: 12 }, (_, i) => f(i + 1));
  return [
    {
      id: m.A,
      modal: months((i) => 100_000n + 50_000n * BigInt(i)),
      pinjaman: 300_000n,
      wajib: 0n,
      inst: 0n,
    },
    {
      id: m.B,
      modal: months((i) => (i >= 6 ? 690_000n : 0n)),
      pinjaman: 0n,
      wajib: 10_000n,
      inst: 0n,
    },
    { id: m.C, modal: months(() => 100_000n), pinjaman: 100_000n, wajib: 650_000n, inst: 160_000n },
    { id: m.D, modal: months((i) => (i <= 3 ? 100_000n : 0n)), pinjaman: 0n, wajib: 0n, inst: 0n },
  ];
}

function engineInput(payoutDate: string): ShuInput {
  const ppm = (p: string) => percentToPpm(p)!;
  const a = SETTINGS.allocation;
  return {
    shuAnggota: 360_000n,
    shuNonAnggota: 540_000n,
    payoutDate,
    allocation: {
      cadangan: ppm(a.cadangan),
      jasaModal: ppm(a.jasaModal),
      jasaUsaha: ppm(a.jasaUsaha),
      danaPengurus: ppm(a.danaPengurus),
      danaKaryawan: ppm(a.danaKaryawan),
      danaPendidikan: ppm(a.danaPendidikan),
      danaSosial: ppm(a.danaSosial),
      danaPembangunanDaerahKerja: ppm(a.danaPembangunanDaerahKerja),
    },
    jasaModalBasis: 'average',
    jasaUsahaWeights: { pinjaman: 1n },
    taxRules: [{ from: '2026-01-01', ratePpm: 100_000n, source: 'aturan uji: PPh 10 % dari 2026' }],
    deductionPolicy: { wajibArrears: true, overdueInstalments: false },
    members: handFigures().map((f) => ({
      id: f.id.toString(),
      monthEndModal: f.modal,
      jasaUsaha: { pinjaman: f.pinjaman },
      arrears: { wajibRupiah: f.wajib, instalmentsRupiah: f.inst },
    })),
  };
}

async function sharesOf(runId: string): Promise<ShareView[]> {
  const res = await maker.request('GET', `${base()}/runs/${runId}/members?limit=500`);
  expect(res.statusCode).toBe(200);
  return res.json<{ items: ShareView[] }>().items;
}

describe('SHU settings', () => {
  it('an allocation that does not total 100 % is refused with the sum, field by field', async () => {
    const res = await maker.request('POST', `${base()}/settings`, {
      ...SETTINGS,
      allocation: { ...SETTINGS.allocation, cadangan: '35' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const p = res.json<{
      code: string;
      errors: { field: string; code: string; message: string }[];
    }>();
    expect(p.code).toBe('VALIDATION_FAILED');
    expect(p.errors).toEqual([
      expect.objectContaining({ field: 'allocation', code: 'total-not-100' }),
    ]);
    expect(p.errors[0]!.message).toContain('95 %');
    expect(
      (await maker.request('GET', `${base()}/settings`)).json<{ items: unknown[] }>().items,
    ).toEqual([]);
  });

  it('deducting overdue instalments is refused (not posted yet), non-member SHU may not go to members', async () => {
    const res = await maker.request('POST', `${base()}/settings`, {
      ...SETTINGS,
      deductOverdueInstalments: true,
      nonMemberAllocation: { ...SETTINGS.allocation },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'deductOverdueInstalments',
        'nonMemberAllocation.jasaModal',
        'nonMemberAllocation.jasaUsaha',
      ]),
    );
  });

  it('a valid version is stored exactly and a teller may not write settings', async () => {
    expect((await teller.request('POST', `${base()}/settings`, SETTINGS)).statusCode).toBe(403);
    const res = await maker.request('POST', `${base()}/settings`, SETTINGS);
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json<{ version: number; allocationPercent: Record<string, string> }>();
    expect(s.version).toBe(1);
    expect(s.allocationPercent.danaPendidikan).toBe('2.5');
    const row = await sql<{ p: bigint }>`select dana_pendidikan_ppm as p from shu_settings
      where cooperative_id = ${coop} and version = 1`.execute(file.deps.database.db);
    expect(row.rows[0]!.p).toBe(25_000n);
  });
});

describe('SHU from the books', () => {
  let simulation: RunView;
  it('a simulation before the close takes income less expense and gathers every figure by hand', async () => {
    const res = await maker.request('POST', `${base()}/simulations`, {
      year: 2025,
      payoutDate: '2026-04-20',
    });
    expect(res.statusCode, res.body).toBe(201);
    simulation = res.json<RunView>();
    expect(simulation).toMatchObject({
      kind: 'simulation',
      shuSource: 'income-expense',
      shuRupiah: '900000',
      shuAnggotaRupiah: '360000',
      shuNonAnggotaRupiah: '540000',
      incomeMemberRupiah: '400000',
      incomeNonMemberRupiah: '600000',
      members: 4,
      capitalTotal: String(5_100_000 + 4_830_000 + 1_200_000 + 300_000),
    });
    const shares = await sharesOf(simulation.id);
    const byId = new Map(shares.map((s) => [s.memberId, s]));
    for (const f of handFigures()) {
      const s = byId.get(f.id.toString())!;
      expect(s.monthEndModalRupiah).toEqual(f.modal.map(String));
      expect(s.jasaUsahaLines.pinjaman?.participation ?? '0').toBe(f.pinjaman.toString());
      expect(s.arrearsWajibRupiah).toBe(f.wajib.toString());
      expect(s.arrearsInstalmentsRupiah).toBe(f.inst.toString());
    }
  });

  it('the simulation is computeShu on the same figures, rupiah for rupiah', async () => {
    const expected = computeShu(engineInput('2026-04-20'));
    const shares = await sharesOf(simulation.id);
    const byId = new Map(shares.map((s) => [s.memberId, s]));
    for (const e of expected.members) {
      const s = byId.get(e.id)!;
      expect([
        s.jasaModalRupiah,
        s.jasaUsahaRupiah,
        s.totalRupiah,
        s.taxRupiah,
        s.deductionWajibRupiah,
        s.netRupiah,
      ]).toEqual([e.jasaModal, e.jasaUsaha, e.total, e.tax, e.deductions.wajib, e.net].map(String));
    }
    for (const [post, v] of Object.entries(expected.allocation))
      expect(simulation.pools.allocation[post as keyof typeof expected.allocation]).toBe(
        v.toString(),
      );
    expect(simulation.totals.totalRupiah).toBe(expected.totals.total.toString());
    // by hand: jasa modal 20 % and jasa usaha 25 % of 360,000; A has 3/4 of the interest paid
    expect(simulation.totals.totalRupiah).toBe('162000');
    expect(byId.get(m.A.toString())!.jasaUsahaRupiah).toBe('67500');
    expect(byId.get(m.C.toString())!.jasaUsahaRupiah).toBe('22500');
    // D left in April: three months of capital, a share of them
    expect(Number(byId.get(m.D.toString())!.jasaModalRupiah)).toBeGreaterThan(0);
  });

  it('searching a run by name finds the member; another simulation is another run', async () => {
    const found = await maker.request(
      'GET',
      `${base()}/runs/${simulation.id}/members?q=anggota%20b`,
    );
    expect(found.json<{ items: ShareView[] }>().items.map((s) => s.memberId)).toEqual([
      m.B.toString(),
    ]);
    const again = await maker.request('POST', `${base()}/simulations`, {
      year: 2025,
      payoutDate: '2026-04-20',
    });
    expect(again.statusCode).toBe(201);
    const list = await maker.request('GET', `${base()}/runs?year=2025`);
    expect(list.json<{ items: RunView[] }>().items.map((r) => r.kind)).toEqual([
      'simulation',
      'simulation',
    ]);
  });
});

describe('final run, distribution and payouts', () => {
  let run: RunView;
  const finalBody = {
    year: 2025,
    payoutDate: '2026-04-20',
    ratReference: 'BA-RAT/2026/01',
    ratDate: '2026-04-15',
  };

  it('the final run waits for the year-end close, then needs a second person', async () => {
    const early = await maker.request('POST', `${base()}/finalize`, finalBody);
    expect(early.json<{ code: string }>().code).toBe('SHU_YEAR_NOT_CLOSED');
    await closeYear2025();
    const req = await maker.request('POST', `${base()}/finalize`, finalBody);
    expect(req.statusCode, req.body).toBe(202);
    const approvalId = req.json<{ approvalId: string }>().approvalId;
    const self = await maker.request(
      'POST',
      `/api/v1/orgs/${coop}/approvals/${approvalId}/approve`,
      {},
    );
    expect(self.json<{ code: string }>().code).toBe('APPROVAL_SELF_DECISION');
    const ok = await checker.request(
      'POST',
      `/api/v1/orgs/${coop}/approvals/${approvalId}/approve`,
      {},
    );
    expect(ok.statusCode, ok.body).toBe(200);
    const runs = (await maker.request('GET', `${base()}/runs?year=2025`)).json<{
      items: RunView[];
    }>().items;
    run = runs.find((r) => r.kind === 'final')!;
    expect(run).toMatchObject({
      shuSource: 'year-end-close',
      shuRupiah: '900000',
      ratReference: 'BA-RAT/2026/01',
      totals: expect.objectContaining({ totalRupiah: '162000' }),
    });
    const again = await maker.request('POST', `${base()}/finalize`, finalBody);
    expect(again.json<{ code: string }>().code).toBe('SHU_FINAL_EXISTS');
  });

  it('payouts wait for the distribution', async () => {
    const res = await maker.request(
      'POST',
      `${base()}/runs/${run.id}/payments/savings`,
      {},
      idem(),
    );
    expect(res.json<{ code: string }>().code).toBe('SHU_NOT_DISTRIBUTED');
  });

  it('the distribution is one balanced entry that empties the year’s SHU belum dibagi', async () => {
    const key = idem();
    const res = await maker.request(
      'POST',
      `${base()}/runs/${run.id}/distribution`,
      { date: '2026-04-20' },
      key,
    );
    expect(res.statusCode, res.body).toBe(201);
    const replay = await maker.request(
      'POST',
      `${base()}/runs/${run.id}/distribution`,
      { date: '2026-04-20' },
      key,
    );
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const twice = await maker.request(
      'POST',
      `${base()}/runs/${run.id}/distribution`,
      { date: '2026-04-20' },
      idem(),
    );
    expect(twice.json<{ code: string }>().code).toBe('SHU_ALREADY_DISTRIBUTED');
    const entries = await sql<{ id: bigint; total_rupiah: bigint }>`
      select id, total_rupiah from journal_entries where cooperative_id = ${coop}
        and source_type = 'shu.distribution' and source_id = '2025'`.execute(file.deps.database.db);
    expect(entries.rows).toHaveLength(1);
    expect(await creditBalance('shuUndistributed')).toBe(0n);
    const a = run.pools.allocation;
    expect(await creditBalance('shuMembersPayable')).toBe(162_000n);
    expect(await creditBalance('reserveGeneral')).toBe(BigInt(a.cadangan));
    expect(await creditBalance('shuFunds')).toBe(
      BigInt(a.danaPengurus) +
        BigInt(a.danaKaryawan) +
        BigInt(a.danaPendidikan) +
        BigInt(a.danaSosial),
    );
    expect(
      BigInt(a.cadangan) +
        BigInt(a.jasaModal) +
        BigInt(a.jasaUsaha) +
        BigInt(a.danaPengurus) +
        BigInt(a.danaKaryawan) +
        BigInt(a.danaPendidikan) +
        BigInt(a.danaSosial),
    ).toBe(900_000n);
  });

  it('paying into sukarela raises the balances, offsets wajib arrears, withholds tax; D (no account) is left', async () => {
    const before = {
      A: await accountOf(m.A, 'sukarela'),
      B: await accountOf(m.B, 'sukarela'),
      Bw: await accountOf(m.B, 'wajib'),
    };
    const shares = new Map((await sharesOf(run.id)).map((s) => [s.memberId, s]));
    const res = await maker.request(
      'POST',
      `${base()}/runs/${run.id}/payments/savings`,
      { date: '2026-04-20' },
      idem(),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<{ paid: number }>().paid).toBe(3);
    const sA = shares.get(m.A.toString())!;
    const sB = shares.get(m.B.toString())!;
    expect((await accountOf(m.A, 'sukarela')).balance_rupiah).toBe(
      before.A.balance_rupiah + BigInt(sA.netRupiah),
    );
    expect((await accountOf(m.B, 'sukarela')).balance_rupiah).toBe(
      before.B.balance_rupiah + BigInt(sB.netRupiah),
    );
    expect(BigInt(sB.deductionWajibRupiah)).toBe(10_000n);
    expect((await accountOf(m.B, 'wajib')).balance_rupiah).toBe(before.Bw.balance_rupiah + 10_000n);
    expect(BigInt(sA.taxRupiah)).toBe(BigInt(sA.totalRupiah) / 10n);
    const movements = await sql<{ n: number }>`select count(*)::int as n from savings_transactions
      where cooperative_id = ${coop} and kind = 'shu'`.execute(file.deps.database.db);
    expect(movements.rows[0]!.n).toBeGreaterThanOrEqual(3);
    const sD = shares.get(m.D.toString())!;
    expect(await creditBalance('shuMembersPayable')).toBe(BigInt(sD.totalRupiah));
    const unc = await maker.request('GET', `${base()}/runs/${run.id}/uncollected`);
    expect(unc.json<{ items: ShareView[] }>().items.map((s) => s.memberId)).toEqual([
      m.D.toString(),
    ]);
  });

  it('a member paid twice is refused', async () => {
    const res = await maker.request(
      'POST',
      `${base()}/runs/${run.id}/payments/savings`,
      { memberIds: [m.A.toString()] },
      idem(),
    );
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe('SHU_ALREADY_PAID');
  });

  it('cash at the counter pays the one left, 2106 is empty, the ledger verifies', async () => {
    const path = `${base()}/runs/${run.id}/members/${m.D}/cash-payment`;
    const res = await teller.request('POST', path, { sessionId: w.sessionId.toString() }, idem());
    expect(res.statusCode, res.body).toBe(201);
    const again = await teller.request('POST', path, { sessionId: w.sessionId.toString() }, idem());
    expect(again.json<{ code: string }>().code).toBe('SHU_ALREADY_PAID');
    expect(await creditBalance('shuMembersPayable')).toBe(0n);
    expect(await creditBalance('taxPayable')).toBe(BigInt(run.totals.taxRupiah));
    const unc = await maker.request('GET', `${base()}/runs/${run.id}/uncollected`);
    expect(unc.json<{ total: number }>().total).toBe(0);
    expect(await verifyLedger(file.deps.database.db, coop)).toEqual([]);
  });

  it("the slip explains the share from the member's own figures, as JSON and PDF", async () => {
    const res = await maker.request('GET', `${base()}/runs/${run.id}/members/${m.A}/slip`);
    const slip = res.json<{ run: RunView; share: ShareView }>();
    expect(slip.share.capitalWeight).toBe('5100000');
    expect(slip.share.paidChannel).toBe('sukarela');
    // jasa modal is the floor (or floor + 1) of pool × own weight / total weight
    const exact =
      (BigInt(slip.run.pools.jasaModal.poolRupiah) * 5_100_000n) / BigInt(slip.run.capitalTotal);
    expect(BigInt(slip.share.jasaModalRupiah) - exact).toBeGreaterThanOrEqual(0n);
    expect(BigInt(slip.share.jasaModalRupiah) - exact).toBeLessThanOrEqual(1n);
    const pdf = await maker.request(
      'GET',
      `${base()}/runs/${run.id}/members/${m.A}/slip?format=pdf`,
    );
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
  });
});

describe('the member portal', () => {
  it('a member sees only their own final slip, as JSON and PDF', async () => {
    const login = await createPortalLogin(file.deps, w.pengurus, m.B, {
      username: 'anggota-b-shu',
      password: TEST_PASSWORD,
    });
    const member = await signIn(file.app, login.username);
    const res = await member.request('GET', `/api/v1/orgs/${coop}/me/shu`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: { run: RunView; share: ShareView }[] }>().items;
    expect(items.map((i) => [i.run.kind, i.run.year, i.share.memberId])).toEqual([
      ['final', 2025, m.B.toString()],
    ]);
    const pdf = await member.request('GET', `/api/v1/orgs/${coop}/me/shu/2025/slip`);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const runId = items[0]!.run.id;
    const other = await member.request('GET', `${base()}/runs/${runId}/members/${m.A}/slip`);
    expect(other.statusCode).toBe(403);
  });
});

describe('SHU across cooperatives', () => {
  it("another cooperative's user cannot see the runs", async () => {
    const other = await savingsWorld(file.deps, { businessDate: '2026-04-20' });
    const client = await signIn(file.app, other.pengurusUser.username);
    const runs = await sql<{
      id: bigint;
    }>`select id from shu_runs where cooperative_id = ${coop}`.execute(file.deps.database.db);
    const id = runs.rows[0]!.id;
    const own = `/api/v1/orgs/${other.coop.id}/shu/runs/${id}`;
    expect((await client.request('GET', own)).statusCode).toBe(404);
    expect((await client.request('GET', `${own}/members`)).statusCode).toBe(404);
    expect((await client.request('GET', `/api/v1/orgs/${coop}/shu/runs`)).statusCode).toBe(403);
    const list = await client.request('GET', `/api/v1/orgs/${other.coop.id}/shu/runs`);
    expect(list.json<{ items: unknown[] }>().items).toEqual([]);
  });
});
