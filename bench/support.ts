import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import pino from 'pino';
import { openDatabase } from '../src/db/database.js';
import { openDeps, type OpenedDeps } from '../src/services/deps.js';

export const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

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
  const database = await openDatabase({ kind: 'postgres', url: urlFor(name), poolSize });
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

/** pgbench's built-in TPC-B-like script on the same server, as the yardstick. */
export function pgbenchTps(clients: number, seconds: number, scale = 1): number {
  const db = 'sokoguru_pgbench';
  execFileSync('psql', [ADMIN_URL, '-qc', `drop database if exists ${db} with (force)`]);
  execFileSync('psql', [ADMIN_URL, '-qc', `create database ${db}`]);
  execFileSync('pgbench', ['-i', '-q', '-s', String(scale), urlFor(db)], { stdio: 'ignore' });
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
      urlFor(db),
    ],
    { encoding: 'utf8' },
  );
  const m = /tps = ([0-9.]+)/.exec(out);
  if (!m?.[1]) throw new Error(`pgbench output not understood:\n${out}`);
  return Number(m[1]);
}
