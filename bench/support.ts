import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import pino from 'pino';
import { openDatabase } from '../src/db/database.js';
import type { Deps, OrgContext } from '../src/services/context.js';
import { openDeps, type OpenedDeps } from '../src/services/deps.js';
import { runMonthEnd } from '../src/services/month-end.js';

export const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * The server a benchmark spawns is the one `npm start` runs: compiled into .build/server
 * (scripts/build-server.mjs; a no-op when that build is current), not the sources through tsx.
 */
export function ensureServerBuilt(): void {
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
}

export function urlFor(database: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function recreateDatabase(name: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.query(`create database ${name}`);
  await c.end();
}

export async function benchDeps(name: string, poolSize = 10): Promise<OpenedDeps> {
  await recreateDatabase(name);
  return openBenchDeps(name, poolSize);
}

/** Opens an existing bench database (pending migrations are applied). */
export async function openBenchDeps(name: string, poolSize = 10): Promise<OpenedDeps> {
  // generating a million rows is a batch: no statement or lock limit (the server's defaults are
  // for tellers' requests); the month-end steps set their own limit as they do in the server
  const database = await openDatabase({
    kind: 'postgres',
    url: urlFor(name),
    poolSize,
    statementTimeoutMs: 0,
    lockTimeoutMs: 0,
  });
  return openDeps(database, { logger: pino({ level: 'warn' }) });
}

/**
 * `to` becomes a file copy of `from` (no connections to either may be open): keeps generated
 * data so a benchmark can re-run its measured part over the same rows.
 */
export async function copyDatabase(from: string, to: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(`drop database if exists ${to} with (force)`);
    await c.query(`create database ${to} template ${from} strategy file_copy`);
  } finally {
    await c.end();
  }
}

export async function databaseExists(name: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    const r = await c.query('select 1 from pg_database where datname = $1', [name]);
    return r.rowCount === 1;
  } finally {
    await c.end();
  }
}

export function machine() {
  let postgres = 'unknown';
  try {
    postgres = execFileSync('psql', [ADMIN_URL, '-Atc', 'show server_version'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    /* psql missing */
  }
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    // 1, 5 and 15 minute load averages when the result was written (the machine is shared)
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    postgres,
  };
}

export function writeResult(name: string, result: object): void {
  mkdirSync('bench/results', { recursive: true });
  const body = {
    name,
    at: new Date().toISOString(),
    machine: machine(),
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    ...result,
  };
  writeFileSync(
    `bench/results/${name}.json`,
    `${JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`,
  );
  process.stdout.write(
    `${JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}\n`,
  );
}

/**
 * The machine's busy CPU time so far in milliseconds (all cores, from /proc/stat), to state a
 * phase's cost per transaction: steadier than its throughput when the host's speed drifts.
 * Undefined where /proc/stat does not exist.
 */
export function machineBusyMs(): number | undefined {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/) ?? [];
    // user nice system idle iowait irq softirq steal: busy = all but idle and iowait
    const [user, nice, system, , , irq, softirq, steal] = cpu.slice(1).map(Number);
    const ticks = [user, nice, system, irq, softirq, steal].reduce<number>(
      (t, v) => t + (v ?? 0),
      0,
    );
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** Creates (again) the pgbench database at `scale`. */
export function pgbenchInit(scale = 1): void {
  const db = 'sokoguru_pgbench';
  execFileSync('psql', [ADMIN_URL, '-qc', `drop database if exists ${db} with (force)`]);
  execFileSync('psql', [ADMIN_URL, '-qc', `create database ${db}`]);
  execFileSync('pgbench', ['-i', '-q', '-s', String(scale), urlFor(db)], { stdio: 'ignore' });
}

/** Starts measuring the machine's busy CPU time; the returned function reads it (NaN without /proc). */
export function busyMeter(): () => number {
  const start = machineBusyMs();
  return () => {
    const now = machineBusyMs();
    return start === undefined || now === undefined ? Number.NaN : now - start;
  };
}

/**
 * pgbench's built-in TPC-B-like script on the same server, as the yardstick: transactions per
 * second, transactions run, and the machine's busy CPU milliseconds over the run (pgbench's own
 * included).
 */
export function pgbenchRun(
  clients: number,
  seconds: number,
): { tps: number; transactions: number; busyMs: number } {
  const busy = busyMeter();
  const out = execFileSync(
    'pgbench',
    [
      '-b',
      'tpcb-like',
      '-c',
      String(clients),
      '-j',
      String(Math.min(clients, 2)),
      '-T',
      String(seconds),
      urlFor('sokoguru_pgbench'),
    ],
    { encoding: 'utf8' },
  );
  const busyMs = busy();
  const m = /tps = ([0-9.]+)/.exec(out);
  const n = /number of transactions actually processed: ([0-9]+)/.exec(out);
  if (!m?.[1] || !n?.[1]) throw new Error(`pgbench output not understood:\n${out}`);
  return { tps: Number(m[1]), transactions: Number(n[1]), busyMs };
}

/** pgbench's built-in TPC-B-like script on a freshly initialised database: its tps. */
export function pgbenchTps(clients: number, seconds: number, scale = 1): number {
  pgbenchInit(scale);
  return pgbenchRun(clients, seconds).tps;
}

/**
 * Runs a month-end and times it: the whole run and each step (seconds to the millisecond, in the
 * order the steps ran), with the month-end's own result for the caller to read its steps from.
 */
export async function timeMonthEnd(deps: Deps, ctx: OrgContext, period: string) {
  const stepSeconds: Record<string, number> = {};
  // each step from its own start: on PostgreSQL the loans' and the savings' lanes run side by side
  const began = new Map<string, number>();
  const t1 = performance.now();
  const result = await runMonthEnd(deps, ctx, period, {
    begin(name) {
      began.set(name, performance.now());
    },
    step(name) {
      stepSeconds[name] = Math.round(performance.now() - began.get(name)!) / 1000;
    },
  });
  return { result, stepSeconds, monthEndSeconds: (performance.now() - t1) / 1000 };
}

/** A process's peak resident set so far in MiB (Linux /proc VmHWM; null where it cannot be read). */
export function processPeakRssMiB(pid: number | undefined): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** A process's CPU time so far in milliseconds (Linux /proc; 0 where it cannot be read). */
export function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

/** The CPU milliseconds of the server process and of its PostgreSQL backends so far. */
export async function cpuSnapshot(serverPid: number | undefined, database: string | null) {
  const backends = new Map<number, number>();
  if (database) {
    const c = new pg.Client({ connectionString: urlFor(database) });
    await c.connect();
    const r = await c.query<{ pid: number }>(
      `select pid from pg_stat_activity where datname = $1 and application_name = 'sokoguru'`,
      [database],
    );
    await c.end();
    for (const { pid } of r.rows) backends.set(pid, processCpuMs(pid));
  }
  return { server: processCpuMs(serverPid), backends };
}

/**
 * CPU milliseconds per sale (or deposit, or whatever `sales` counts) between two snapshots: the
 * server's, and PostgreSQL's backends'.
 */
export function cpuPerSale(
  a: Awaited<ReturnType<typeof cpuSnapshot>>,
  b: Awaited<ReturnType<typeof cpuSnapshot>>,
  sales: number,
  seconds: number,
) {
  let pgMs = 0;
  for (const [pid, ms] of b.backends) pgMs += ms - (a.backends.get(pid) ?? 0);
  const serverMs = b.server - a.server;
  return {
    serverCpuMsPerSale: Number((serverMs / sales).toFixed(2)),
    serverCpuPercent: Math.round(serverMs / 10 / seconds),
    ...(b.backends.size > 0
      ? {
          postgresCpuMsPerSale: Number((pgMs / sales).toFixed(2)),
          postgresCpuPercent: Math.round(pgMs / 10 / seconds),
        }
      : {}),
  };
}
