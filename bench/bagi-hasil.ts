// Issue 21: the monthly profit distribution (distribusi bagi hasil) of a KSPPS over
// BENCH_BAGI_HASIL_ACCOUNTS mudharabah savings accounts (default 1,000,000) with a month of daily
// balances: a third of them move twice in the month (a deposit, a withdrawal ten days later), a
// tenth opened during the month, and a tenth agreed another nisbah. Timed: the month-end's
// 'savings-bagi-hasil' step on PostgreSQL (target < 30 s), and the whole close.
// Run: npx tsx bench/bagi-hasil.ts   (PostgreSQL at BENCH_DATABASE_URL or 127.0.0.1:5432)
//   BENCH_REUSE=1  time again over the books the last run generated (kept as a template database;
//                  generating takes about 3 minutes, the copy a few seconds)
import { sql } from 'kysely';
import { inOrg, systemContext, type OrgContext } from '../src/services/context.js';
import { postEntry } from '../src/services/ledger.js';
import { createOrganization } from '../src/services/organizations.js';
import { createProduct } from '../src/services/savings.js';
import '../src/services/loans.js';
import {
  benchDeps,
  copyDatabase,
  databaseExists,
  openBenchDeps,
  timeMonthEnd,
  writeResult,
} from './support.js';

const ACCOUNTS = Number(process.env.BENCH_BAGI_HASIL_ACCOUNTS ?? 1_000_000);
const TEMPLATE = 'sokoguru_bench_bagi_hasil_books';
const DATABASE = 'sokoguru_bench_bagi_hasil';

/** The books before November's close, generated into the template database. */
async function generate(): Promise<number> {
  const deps = await benchDeps(TEMPLATE);
  const coop = await createOrganization(
    deps,
    {
      kind: 'cooperative',
      name: 'KSPPS Bench Bagi Hasil',
      cooperativeType: 'KSPPS',
      cooperativeForm: 'primer',
    },
    'bench',
  );
  const ctx: OrgContext = { ...systemContext(coop.id, 'bench'), roles: ['pengurus'] };
  const product = await createProduct(deps, ctx, {
    code: 'SM',
    name: 'Tabungan Mudharabah',
    akad: 'mudharabah',
    settings: { kind: 'sukarela', nisbahAnggotaBps: 3000, interestMethod: 'daily-balance' },
  });
  const t0 = performance.now();
  const db = deps.database.db;
  const balances = BigInt(ACCOUNTS) * 1_000_000n;
  // opening balances, and financing twice the funds (so the divisor is the financing)
  const opening = await inOrg(deps, ctx, (o) =>
    postEntry(o, {
      entryDate: '2026-10-31',
      description: 'Saldo awal (bench)',
      source: { type: 'bench' },
      lines: [
        { account: { role: 'bank' }, debitRupiah: balances },
        { account: { role: 'savingsMudharabah' }, creditRupiah: balances },
      ],
    }),
  );
  await inOrg(deps, ctx, (o) =>
    postEntry(o, {
      entryDate: '2026-10-31',
      description: 'Pembiayaan (bench)',
      source: { type: 'bench' },
      lines: [
        { account: { role: 'murabahahReceivable' }, debitRupiah: balances * 2n },
        { account: { role: 'bank' }, creditRupiah: balances * 2n },
      ],
    }),
  );
  // November's margin received in cash: 1.8 % of the financing
  await inOrg(deps, ctx, (o) =>
    postEntry(o, {
      entryDate: '2026-11-25',
      description: 'Margin diterima (bench)',
      source: { type: 'bench' },
      lines: [
        { account: { role: 'cash' }, debitRupiah: (balances * 2n * 18n) / 1000n },
        { account: { role: 'marginIncome' }, creditRupiah: (balances * 2n * 18n) / 1000n },
      ],
    }),
  );
  await sql`
    insert into members (cooperative_id, member_number, status, nik, full_name, birth_date, gender, joined_on)
    select ${coop.id}, lpad(i::text, 7, '0'), 'active', '3375' || lpad(i::text, 12, '0'), 'Anggota ' || i, '1980-01-01', 'P', '2020-01-01'
    from generate_series(1, ${ACCOUNTS}) i`.execute(db);
  // one statement: the opening akad of every account is written by the statement trigger
  await sql`
    insert into savings_accounts (cooperative_id, account_number, member_id, product_id, opened_on, last_activity_on, balance_rupiah)
    select ${coop.id}, 'SM-' || m.member_number, m.id, ${BigInt(product.id)},
      case when m.id % 10 = 0 then '2026-11-12'::date else '2020-01-01'::date end, '2026-10-31', 1000000
    from members m where m.cooperative_id = ${coop.id}`.execute(db);
  await sql`
    insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah, balance_after_rupiah, transaction_date, entry_id)
    select ${coop.id}, a.id, 'opening-balance', 1, 1000000, 1000000,
      case when a.id % 10 = 0 then '2026-11-12'::date else '2026-10-31'::date end, ${opening.entryId}
    from savings_accounts a where a.cooperative_id = ${coop.id}`.execute(db);
  // a tenth agreed a higher nisbah from October (no consent needed for a raise)
  await sql`
    insert into savings_account_akad_versions (cooperative_id, account_id, version, nisbah_anggota_bps, effective_from, status, accepted_at)
    select ${coop.id}, a.id, 2, 3500, '2026-10-01', 'accepted', now()
    from savings_accounts a where a.cooperative_id = ${coop.id} and a.id % 10 = 3`.execute(db);
  const moved = await inOrg(deps, ctx, (o) =>
    postEntry(o, {
      entryDate: '2026-11-30',
      description: 'Rekap mutasi (bench)',
      source: { type: 'bench' },
      lines: [
        { account: { role: 'cash' }, debitRupiah: BigInt(Math.floor(ACCOUNTS / 3)) * 200_000n },
        {
          account: { role: 'savingsMudharabah' },
          creditRupiah: BigInt(Math.floor(ACCOUNTS / 3)) * 200_000n,
        },
      ],
    }),
  );
  await sql`
    insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah, balance_after_rupiah, transaction_date, entry_id)
    select ${coop.id}, a.id, k.kind, k.sign, k.amount, k.after, ('2026-11-13'::date + (a.id % 7)::int + k.shift), ${moved.entryId}
    from savings_accounts a
    cross join (values ('deposit', 1, 500000, 1500000, 0), ('withdrawal', -1, 300000, 1200000, 10)) as k(kind, sign, amount, after, shift)
    where a.cooperative_id = ${coop.id} and a.id % 3 = 0
    order by a.id, k.shift`.execute(db);
  await sql`update savings_accounts set balance_rupiah = 1200000 where cooperative_id = ${coop.id} and id % 3 = 0`.execute(
    db,
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
    await sql<{
      id: string;
    }>`select id from organizations where name = 'KSPPS Bench Bagi Hasil'`.execute(db)
  ).rows[0]!;
  const ctx: OrgContext = { ...systemContext(coop.id, 'bench'), roles: ['pengurus'] };
  await sql`analyze`.execute(db);

  const { result, stepSeconds: steps, monthEndSeconds } = await timeMonthEnd(deps, ctx, '2026-11');
  const distribution = result.steps.find((s) => s.name === 'savings-bagi-hasil')?.result;
  const check = await sql<{ lines: bigint; paid: bigint; pool: bigint }>`
    select (select count(*) from bagi_hasil_lines where cooperative_id = ${coop.id}) as lines,
      (select sum(share_rupiah) from bagi_hasil_lines where cooperative_id = ${coop.id})::bigint as paid,
      (select sum(pool_rupiah) from bagi_hasil_products where cooperative_id = ${coop.id})::bigint as pool`.execute(
    db,
  );
  await deps.close();
  const c = check.rows[0]!;
  if (c.paid !== c.pool) throw new Error(`shares ${c.paid} ≠ pools ${c.pool}`);
  return {
    accounts: Number(c.lines),
    reused: reuse,
    generateSeconds,
    stepSeconds: steps['savings-bagi-hasil'],
    monthEndSeconds,
    stepsSeconds: steps,
    distribution,
    lines: Number(c.lines),
    sharesEqualPools: true,
    targetSeconds: 30,
  };
}

const r = await main();
console.log(JSON.stringify(r, null, 2));
writeResult('bagi-hasil', r);
