// A throwaway PostgreSQL cluster from the installed binaries, which a test may stop and start
// (the fault suite takes the database away under load). Runs the binaries as `postgres` when the
// tests run as root, as initdb refuses root.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { freePort } from './spawn-server.js';

function pgBin(name: string): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => `${base}/${v}/bin/${name}`).find((p) => existsSync(p));
}

/** Why a cluster cannot be made here, or undefined when it can. */
export function clusterUnavailable(): string | undefined {
  return pgBin('initdb') && pgBin('pg_ctl')
    ? undefined
    : 'no PostgreSQL binaries under /usr/lib/postgresql (apt-get install postgresql)';
}

export class ThrowawayCluster {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** initdb into .tmp/<name> on a free port, started. */
  static async create(name: string): Promise<ThrowawayCluster> {
    const dir = resolve('.tmp', name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    if (process.getuid?.() === 0) {
      chmodSync(resolve('.tmp'), 0o777);
      execFileSync('chown', ['postgres', dir]);
    }
    const cluster = new ThrowawayCluster(dir, await freePort());
    cluster.run('initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']);
    cluster.start();
    return cluster;
  }

  private run(bin: string, args: string[]): void {
    const path = pgBin(bin);
    if (!path) throw new Error(`${bin} is not installed`);
    const asRoot = process.getuid?.() === 0;
    execFileSync(
      asRoot ? 'runuser' : path,
      asRoot ? ['-u', 'postgres', '--', path, ...args] : args,
      {
        stdio: 'ignore',
      },
    );
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  start(): void {
    this.run('pg_ctl', [
      '-D',
      this.dir,
      '-o',
      `-p ${this.port} -k /tmp -c fsync=off`,
      '-l',
      `${this.dir}/log`,
      '-w',
      'start',
    ]);
  }

  /** A fast shutdown: every connection is terminated, as in a restart or failover. */
  stop(): void {
    this.run('pg_ctl', ['-D', this.dir, '-m', 'fast', '-w', 'stop']);
  }

  async createDatabase(name: string): Promise<string> {
    const c = new pg.Client({ connectionString: this.url() });
    await c.connect();
    await c.query(`create database ${name}`);
    await c.end();
    return this.url(name);
  }

  destroy(): void {
    try {
      this.run('pg_ctl', ['-D', this.dir, '-m', 'immediate', '-w', 'stop']);
    } catch {
      /* already stopped */
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
