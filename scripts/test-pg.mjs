#!/usr/bin/env node
// Runs the test suite on PostgreSQL: TEST_DATABASE_URL if set; else the server at 127.0.0.1:5432
// if one answers; else a throwaway cluster started from the installed PostgreSQL binaries.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';

async function answers(url) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

function pgBin(name) {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const p = `${base}/${v}/bin/${name}`;
    if (existsSync(p)) return p;
  }
  return undefined;
}

let url = process.env.TEST_DATABASE_URL;
let stop;
if (!url) {
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await answers(local)) {
    url = local;
  } else {
    const initdb = pgBin('initdb');
    const pgctl = pgBin('pg_ctl');
    if (!initdb || !pgctl) {
      console.error(
        'No PostgreSQL answers at 127.0.0.1:5432 and no PostgreSQL binaries are installed (apt-get install postgresql).',
      );
      process.exit(1);
    }
    const dir = resolve('.tmp/pg-cluster');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const asRoot = process.getuid?.() === 0;
    const run = (cmd, args) =>
      asRoot
        ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'inherit' })
        : execFileSync(cmd, args, { stdio: 'inherit' });
    if (asRoot) {
      chmodSync(resolve('.tmp'), 0o777);
      execFileSync('chown', ['postgres', dir]);
    }
    const port = 54329;
    run(initdb, ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    run(pgctl, [
      '-D',
      dir,
      '-o',
      `-p ${port} -k /tmp -c fsync=off`,
      '-l',
      `${dir}/log`,
      '-w',
      'start',
    ]);
    url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    stop = () => run(pgctl, ['-D', dir, '-m', 'fast', 'stop']);
  }
}
console.log(`test:pg on ${url.replace(/\/\/[^@]*@/, '//')}`);
// test/unit needs no database: the PGlite run (`npm test`) already ran it, so the whole suite on
// PostgreSQL is test/integration (about a third of the files, and the slowest pure ones: the CLI
// children, the ballot proofs). Files or a --config named on the command line choose instead.
const args = process.argv.slice(2);
const named = args.some(
  (a, i) =>
    !a.startsWith('-') && !(args[i - 1] ?? '').match(/^--(config|reporter|outputFile[.\w]*)$/),
);
const chosen = named || args.some((a) => a.startsWith('--config'));
const r = spawnSync('npx', ['vitest', 'run', ...args, ...(chosen ? [] : ['test/integration'])], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url },
});
stop?.();
process.exit(r.status ?? 1);
