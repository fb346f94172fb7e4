// Issue 17: SHU from the books for BENCH_SHU_MEMBERS members (default 1,000,000) of one KSP on
// PostgreSQL, target < 60 s for gather + compute + store. The books of 2025: every member has a
// pokok account (one movement, 2024), a wajib account (the 2024 balance and four deposits in
// 2025) and a sukarela account (one movement, not counted as capital); three in ten members have
// a loan with three repayments in 2025; the year's income and expense as three entries.
// Timed: the gathering statement alone, then a whole simulation (gather, computeShu, the run and
// its shares written), as `POST /shu/simulations` runs it.
// Run: npx tsx bench/shu-million.ts   (PostgreSQL at BENCH_DATABASE_URL or 127.0.0.1:5432)
//   BENCH_REUSE=1  time again over the books the last run generated (kept as a template database)
import { sql } from 'kysely';
import * as repo from '../src/db/shu.repo.js';
import { inOrg, systemContext, type OrgContext } from '../src/services/context.js';
import { postEntry } from '../src/services/ledger.js';
import { createOrganization } from '../src/services/organizations.js';
import { createProduct } from '../src/services/savings.js';
import { saveSettings, simulate } from '../src/services/shu.js';
import { benchDeps, copyDatabase, databaseExists, openBenchDeps, writeResult } from './support.js';

const MEMBERS = Number(process.env.BENCH_SHU_MEMBERS ?? 1_000_000);
const TEMPLATE = 'sokoguru_bench_shu_books';
const DATABASE = 'sokoguru_bench_shu';
const NAME = 'KSP Bench SHU';

async function generate(): Promise<number> {
  const deps = await benchDeps(TEMPLATE);
  const coop = await createOrganization(
    deps,
    { kind: 'cooperative', name: NAME, cooperativeType: 'KSP', cooperativeForm: 'primer' },
    'bench',
  );
  const ctx: OrgContext = { ...systemContext(coop.id, 'bench'), roles: ['pengurus'] };
  const t0 = performance.now();
  const pokok = await createProduct(deps, ctx, {
    code: 'SP',
    name: 'Simpanan Pokok',
    settings: { kind: 'pokok', amountRupiah: '100000' },
  });
  const wajib = await createProduct(deps, ctx, {
    code: 'SW',
    name: 'Simpanan Wajib',
    settings: { kind: 'wajib', monthlyAmountRupiah: '50000' },
  });
  const sukarela = await createProduct(deps, ctx, {
    code: 'SS',
    name: 'Simpanan Sukarela',
    settings: { kind: 'sukarela', annualRateBps: 300, interestMethod: 'daily-balance' },
  });
  const db = deps.database.db;
  const n = BigInt(MEMBERS);
  const entry = (date: string, lines: Parameters<typeof postEntry>[1]['lines']) =>
    inOrg(deps, ctx, (o) =>
      postEntry(o, { entryDate: date, description: 'bench', source: { type: 'bench' }, lines }),
    );
  // the savings in the ledger as totals (the sub-ledger rows below carry the members)
  const opening = await entry('2024-12-31', [
    { account: { role: 'cash' }, debitRupiah: n * (100_000n + 600_000n + 250_000n) },
    { account: { role: 'simpananPokok' }, creditRupiah: n * 100_000n },
    { account: { role: 'simpananWajib' }, creditRupiah: n * 600_000n },
    { account: { role: 'savingsSukarela' }, creditRupiah: n * 250_000n },
  ]);
  const deposits = await entry('2025-12-15', [
    { account: { role: 'cash' }, debitRupiah: n * 600_000n },
    { account: { role: 'simpananWajib' }, creditRupiah: n * 600_000n },
  ]);
  await sql`
    insert into members (cooperative_id, member_number, status, nik, full_name, birth_date, gender, joined_on)
    select ${coop.id}, lpad(i::text, 7, '0'), 'active', '3375' || lpad(i::text, 12, '0'), 'Anggota ' || i,
      '1980-01-01', 'P', '2024-01-01'
    from generate_series(1, ${MEMBERS}) i`.execute(db);
  await sql`
    insert into savings_accounts (cooperative_id, account_number, member_id, product_id, opened_on, balance_rupiah)
    select ${coop.id}, p.code || '-' || m.member_number, m.id, p.id, '2024-01-01',
      case p.kind when 'pokok' then 100000 when 'wajib' then 1200000 else 250000 end
    from members m cross join savings_products p
    where m.cooperative_id = ${coop.id} and p.cooperative_id = ${coop.id}
      and p.id in (${BigInt(pokok.id)}, ${BigInt(wajib.id)}, ${BigInt(sukarela.id)})
    order by m.id, p.id`.execute(db);
  // one opening movement per account at the end of 2024
  await sql`
    insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah, balance_after_rupiah, transaction_date, entry_id)
    select ${coop.id}, a.id, 'opening-balance', 1,
      case a.product_id when ${BigInt(pokok.id)} then 100000 when ${BigInt(wajib.id)} then 600000 else 250000 end,
      case a.product_id when ${BigInt(pokok.id)} then 100000 when ${BigInt(wajib.id)} then 600000 else 250000 end,
      '2024-12-31', ${opening.entryId}
    from savings_accounts a where a.cooperative_id = ${coop.id}`.execute(db);
  // four wajib deposits of 150,000 in 2025 (three months' worth each)
  await sql`
    insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah, balance_after_rupiah, transaction_date, entry_id)
    select ${coop.id}, a.id, 'deposit', 1, 150000, 600000 + 150000 * k.q, make_date(2025, k.q * 3, 10), ${deposits.entryId}
    from savings_accounts a cross join generate_series(1, 4) as k(q)
    where a.cooperative_id = ${coop.id} and a.product_id = ${BigInt(wajib.id)}
    order by a.id, k.q`.execute(db);
  // loans: three members in ten, 1,000,000 interest a year in three repayments
  const borrowers = BigInt(Math.floor((MEMBERS * 3) / 10));
  const interest = await entry('2025-12-20', [
    { account: { role: 'cash' }, debitRupiah: borrowers * 900_000n + 1_000_000_000n },
    { account: { role: 'loanInterestIncomeMember' }, creditRupiah: borrowers * 900_000n },
    { account: { role: 'loanInterestIncomeNonMember' }, creditRupiah: 1_000_000_000n },
  ]);
  await entry('2025-12-22', [
    { account: { code: '5201' }, debitRupiah: borrowers * 300_000n },
    { account: { role: 'cash' }, creditRupiah: borrowers * 300_000n },
  ]);
  const lp = await sql<{ id: bigint }>`
    insert into loan_products (cooperative_id, code, name, akad, method, rate_percent, rate_period,
      min_amount_rupiah, max_amount_rupiah, min_tenor, max_tenor)
    values (${coop.id}, 'PJ', 'Pinjaman', 'conventional', 'flat', 1.5, 'month', 1000, 100000000, 1, 36)
    returning id`.execute(db);
  await sql`
    insert into loans (cooperative_id, loan_number, member_id, product_id, akad, method, rate_percent,
      rate_period, frequency, tenor, principal_rupiah, disbursed_on, maturity_on, outstanding_principal_rupiah)
    select ${coop.id}, 'PJ/' || m.member_number, m.id, ${lp.rows[0]!.id}, 'conventional', 'flat', 1.5, 'month',
      'monthly', 24, 5000000, '2024-06-01', '2026-06-01', 2000000
    from members m where m.cooperative_id = ${coop.id} and m.id % 10 < 3`.execute(db);
  await sql`
    insert into loan_repayments (cooperative_id, loan_id, paid_on, kind, channel, amount_rupiah, interest_rupiah,
      principal_rupiah, entry_id)
    select ${coop.id}, l.id, make_date(2025, k.q * 4, 5), 'instalment', 'cash', 300000 + 200000, 300000, 200000,
      ${interest.entryId}
    from loans l cross join generate_series(1, 3) as k(q)
    where l.cooperative_id = ${coop.id}`.execute(db);
  await saveSettings(
    deps,
    { ...ctx, actor: { userId: null, label: 'bench' } },
    {
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
    },
  );
  await sql`analyze`.execute(db);
  await deps.close();
  return (performance.now() - t0) / 1000;
}

async function main() {
  const reuse = process.env.BENCH_REUSE === '1' && (await databaseExists(TEMPLATE));
  const generateSeconds = reuse ? 0 : await generate();
  await copyDatabase(TEMPLATE, DATABASE);
  const deps = await openBenchDeps(DATABASE);
  const db = deps.database.db;
  const coop = (
    await sql<{ id: string }>`select id from organizations where name = ${NAME}`.execute(db)
  ).rows[0]!;
  const ctx: OrgContext = { ...systemContext(coop.id, 'bench'), roles: ['pengurus'] };
  await sql`analyze`.execute(db);

  let t = performance.now();
  const gathered = await inOrg(deps, ctx, ({ tx }) =>
    repo.gatherMembers(tx, coop.id, 2025, ['pokok', 'wajib']),
  );
  const gatherSeconds = (performance.now() - t) / 1000;
  const gatheredMembers = gathered.length;
  gathered.length = 0;

  t = performance.now();
  const run = await simulate(deps, ctx, { year: 2025, payoutDate: '2026-04-20' });
  const simulateSeconds = (performance.now() - t) / 1000;
  const check = await sql<{ n: number; total: bigint }>`
    select count(*)::int as n, sum(total_rupiah)::bigint as total from shu_run_members
    where cooperative_id = ${coop.id} and run_id = ${BigInt(run.id)}`.execute(db);
  await deps.close();
  const c = check.rows[0]!;
  const pools = BigInt(run.pools.allocation.jasaModal) + BigInt(run.pools.allocation.jasaUsaha);
  if (c.total !== pools) throw new Error(`shares ${c.total} ≠ pools ${pools}`);
  return {
    members: c.n,
    gatheredMembers,
    reused: reuse,
    generateSeconds,
    gatherSeconds,
    simulateSeconds,
    shuRupiah: run.shuRupiah,
    sharesEqualPools: true,
    targetSeconds: 60,
    targetMet: simulateSeconds < 60,
  };
}

const r = await main();
console.log(JSON.stringify(r, null, 2));
writeResult('shu-million', r);
