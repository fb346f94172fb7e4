// Ledger posting throughput on PostgreSQL next to pgbench's TPC-B-like script, into a ledger that
// already holds 10 million journal lines, and a balance sheet over them. Run: npx tsx bench/ledger-posting.ts  (PostgreSQL at
// BENCH_DATABASE_URL or 127.0.0.1:5432; pgbench on PATH).
import { sql } from 'kysely';
import { inOrg, systemContext, type OrgContext } from '../src/services/context.js';
import { postEntry } from '../src/services/ledger.js';
import { createOrganization } from '../src/services/organizations.js';
import { benchDeps, busyMeter, pgbenchInit, pgbenchRun, writeResult } from './support.js';

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const LINES = Number(process.env.BENCH_LINES ?? 10_000_000);

async function main() {
  const deps = await benchDeps('sokoguru_bench_ledger', CLIENTS + 2);
  const coop = await createOrganization(
    deps,
    { kind: 'cooperative', name: 'KSP Bench', cooperativeType: 'KSP', cooperativeForm: 'primer' },
    'bench',
  );
  const ctx: OrgContext = { ...systemContext(coop.id, 'bench'), roles: [] };
  // The cooperative starts with the real KSP chart of accounts (1101 Kas, 2101 Simpanan sukarela, …).

  // 1. A ledger with history: LINES journal lines, generated set-based (triggers off for the load;
  //    balances computed by one aggregate, as the trigger would have). Postings are measured
  //    against it, as a cooperative's database that has been running for a year: into nearly
  //    empty tables they ran at 700-800/s instead of 1,000-1,150/s (2026-11-29, 1M lines), the
  //    plans cached while the tables were tiny scanning them as they grew.
  const db = deps.database.db;
  const g0 = performance.now();
  await db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    const entries = LINES / 2;
    await sql`insert into journal_counters values (${coop.id}, 2025, 'GEN', ${entries})`.execute(
      tx,
    );
    await sql`insert into journal_entries (cooperative_id, entry_date, fiscal_year, series, number, description, source_type, total_rupiah)
      overriding system value
      select ${coop.id}::uuid, date '2025-01-01' + (g % 365)::int, 2025, 'GEN', g, 'generated', 'bench.gen', 1000 + g % 997
      from generate_series(1, ${entries}::bigint) g`.execute(tx);
    await sql`insert into journal_lines (cooperative_id, entry_id, line_no, account_id, debit_rupiah, credit_rupiah, member_id)
      select e.cooperative_id, e.id, n, a.id, case when n = 1 then e.total_rupiah else 0 end, case when n = 2 then e.total_rupiah else 0 end, e.id % 100000
      from journal_entries e cross join (values (1), (2)) v(n)
      join accounts a on a.cooperative_id = e.cooperative_id and a.code = case when n = 1 then (case when e.id % 3 = 0 then '5101' else '1101' end) else (case when e.id % 2 = 0 then '2101' else '4101' end) end
      where e.cooperative_id = ${coop.id} and e.series = 'GEN'`.execute(tx);
    await sql`insert into account_balances (cooperative_id, account_id, period, stripe, debit_rupiah, credit_rupiah)
      select l.cooperative_id, l.account_id, to_char(e.entry_date, 'YYYY-MM'), 0, sum(l.debit_rupiah), sum(l.credit_rupiah)
      from journal_lines l join journal_entries e on e.cooperative_id = l.cooperative_id and e.id = l.entry_id
      where e.series = 'GEN' and l.cooperative_id = ${coop.id}
      group by 1, 2, 3
      on conflict (cooperative_id, account_id, period, stripe) do update
        set debit_rupiah = account_balances.debit_rupiah + excluded.debit_rupiah, credit_rupiah = account_balances.credit_rupiah + excluded.credit_rupiah`.execute(
      tx,
    );
  });
  await sql`analyze`.execute(db);
  const generateSeconds = (performance.now() - g0) / 1000;
  // the load's dirty pages are written now, not by a checkpoint during the measured run
  await sql`checkpoint`.execute(db).catch(() => undefined); // needs superuser or pg_checkpoint

  // 2. Deposit-shaped entries, one per transaction (with its audit event), CLIENTS tellers at once,
  //    each on its own voucher series as a teller's desk is.
  const deposit = (entryDate: string, series: string, amount: bigint, source: string) =>
    inOrg(deps, ctx, (o) =>
      postEntry(o, {
        entryDate,
        description: 'Setoran simpanan sukarela',
        source: { type: source },
        series,
        lines: [
          { account: { code: '1101' }, debitRupiah: amount },
          { account: { code: '2101' }, creditRupiah: amount },
        ],
      }),
    );
  // Warm up (connections, cached plans) and analyze, as autovacuum would have.
  for (let i = 0; i < 200; i++) await deposit('2026-11-23', 'WARM', 1000n, 'bench.warmup');
  await sql`analyze`.execute(deps.database.db);

  // Posting and pgbench take turns (ROUNDS each, SECONDS in all each), so a drift in the shared
  // host's speed during the run touches both sides alike. A posting phase ends when its audit
  // events are sealed: sealing is part of what a posting costs.
  let series = 0;
  const postFor = async (seconds: number) => {
    let count = 0;
    const busy = busyMeter();
    const t0 = performance.now();
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const desk = `KAS-${series++}`;
        let i = 0;
        while (Date.now() < until) {
          await deposit('2026-11-24', desk, 50_000n + BigInt(i % 100), 'bench.deposit');
          i++;
          count++;
        }
      }),
    );
    await deps.sealer.flush();
    return { count, ms: performance.now() - t0, busyMs: busy() };
  };
  pgbenchInit();
  const posting = { count: 0, ms: 0, busyMs: 0 };
  const pgbench = { tpsSeconds: 0, seconds: 0, tx: 0, busyMs: 0 };
  for (let r = 0; r < ROUNDS; r++) {
    const p = await postFor(SECONDS / ROUNDS);
    posting.count += p.count;
    posting.ms += p.ms;
    posting.busyMs += p.busyMs;
    const b = pgbenchRun(CLIENTS, SECONDS / ROUNDS);
    pgbench.tpsSeconds += b.tps * (SECONDS / ROUNDS);
    pgbench.seconds += SECONDS / ROUNDS;
    pgbench.tx += b.transactions;
    pgbench.busyMs += b.busyMs;
  }
  const postingTps = posting.count / (posting.ms / 1000);
  const pgbenchTps = pgbench.tpsSeconds / pgbench.seconds;
  const cpuMsPerPosting = posting.busyMs / posting.count;
  const cpuMsPerPgbenchTx = pgbench.busyMs / pgbench.tx;

  // 3. The balance sheet over everything posted (generated history and the run's postings).
  const lineCount = (
    await sql<{
      n: bigint;
    }>`select count(*) as n from journal_lines where cooperative_id = ${coop.id}`.execute(db)
  ).rows[0]?.n;

  const timings: number[] = [];
  let balanced = false;
  for (let i = 0; i < 5; i++) {
    const s0 = performance.now();
    const r = await inOrg(deps, ctx, ({ tx }) =>
      sql<{ account_type: string; d: bigint; c: bigint }>`
        select a.account_type, sum(b.debit_rupiah)::bigint as d, sum(b.credit_rupiah)::bigint as c
        from account_balances b join accounts a on a.cooperative_id = b.cooperative_id and a.id = b.account_id
        where b.cooperative_id = ${coop.id} and b.period <= '2026-12'
        group by a.account_type`.execute(tx),
    );
    timings.push(performance.now() - s0);
    const net = (t: string) => {
      const row = r.rows.find((x) => x.account_type === t);
      return row ? row.d - row.c : 0n;
    };
    // aset = kewajiban + ekuitas + (pendapatan − beban), in debit-positive terms.
    balanced =
      net('aset') + net('kewajiban') + net('ekuitas') + net('pendapatan') + net('beban') === 0n;
  }
  timings.sort((a, b) => a - b);
  writeResult('ledger-posting', {
    clients: CLIENTS,
    seconds: SECONDS,
    postings: posting.count,
    rounds: ROUNDS,
    postingTps: Math.round(postingTps),
    pgbenchTpcbTps: Math.round(pgbenchTps),
    ratio: Number((postingTps / pgbenchTps).toFixed(2)),
    // busy CPU of the whole machine (both cores: server, client, PostgreSQL) per transaction
    cpuMsPerPosting: Number(cpuMsPerPosting.toFixed(3)),
    cpuMsPerPgbenchTx: Number(cpuMsPerPgbenchTx.toFixed(3)),
    cpuRatio: Number((cpuMsPerPgbenchTx / cpuMsPerPosting).toFixed(2)),
    target: '>= 0.7x pgbench',
    balanceSheet: {
      journalLines: lineCount,
      generateSeconds: Math.round(generateSeconds),
      medianMs: Number(timings[2]?.toFixed(1)),
      balanced,
      target: '< 200 ms',
    },
  });
  await deps.close();
}

await main();
