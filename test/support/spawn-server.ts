// The real server (`node bin/sokoguru.mjs serve`) as a child process on a free local port: used by
// the browser tests, the crash test (which kills it with SIGKILL and restarts it on the same data)
// and the HTTP deposit benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface SpawnOptions {
  /** over process.env (LOG_LEVEL defaults to warn): the database (DATABASE_URL or SOKOGURU_DATA_DIR) */
  env: NodeJS.ProcessEnv;
  /** seed the demo data on first start (`serve --demo`); default true */
  demo?: boolean;
  /** default: a free one; the crash test restarts on the port it had */
  port?: number;
  startTimeoutMs?: number;
}

export interface SpawnedServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** from spawn until /api/v1/health answered */
  startMs: number;
  /** what the server wrote to stdout and stderr so far */
  output(): string;
  /** SIGTERM (a graceful shutdown), SIGKILL after graceMs; resolves when it has exited */
  stop(graceMs?: number): Promise<void>;
  /** kill -9: no shutdown hook, no flush, no connection drained; resolves when it has exited */
  kill9(): Promise<void>;
}

const HEALTH_POLL_MS = 200;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

const exited = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;

async function signal(c: ChildProcess, sig: NodeJS.Signals, graceMs: number): Promise<void> {
  if (exited(c)) return;
  const done = new Promise<void>((r) => c.once('exit', () => r()));
  c.kill(sig);
  const t = sig === 'SIGKILL' ? undefined : setTimeout(() => c.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(t);
}

/** Starts the server and resolves once /api/v1/health answers 200; throws with its output if not. */
export async function spawnServer(options: SpawnOptions): Promise<SpawnedServer> {
  const port = options.port ?? (await freePort());
  const timeoutMs = options.startTimeoutMs ?? 150_000;
  // SPAWN_SERVER_NODE_ARGS: flags for the server's node (e.g. --cpu-prof, which NODE_OPTIONS refuses)
  const nodeArgs = (process.env.SPAWN_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const args = [
    ...nodeArgs,
    'bin/sokoguru.mjs',
    'serve',
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
  ];
  if (options.demo ?? true) args.push('--demo');
  const t0 = Date.now();
  // process.execPath itself, no npm or shell in between: the pid signalled is the server's
  const child = spawn(process.execPath, args, {
    env: { ...process.env, LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited(child))
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() - t0 > timeoutMs) {
      await signal(child, 'SIGKILL', 0);
      throw new Error(`server did not start in ${timeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, HEALTH_POLL_MS));
  }
  return {
    url,
    port,
    process: child,
    startMs: Date.now() - t0,
    output: () => output,
    stop: (graceMs = 30_000) => signal(child, 'SIGTERM', graceMs),
    kill9: () => signal(child, 'SIGKILL', 0),
  };
}
