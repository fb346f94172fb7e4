// The embedded database on a thread of its own (docs/performance.md, "The embedded database on a
// thread of its own").
//
// PGlite is PostgreSQL compiled to WebAssembly: it runs on the thread that calls it. In the server
// that is the thread that also parses every request, checks its session and writes its answer, so
// a deposit costs the sum of the two (about 1.7 ms in the database and 0.8 ms around it, measured
// with 8 tellers) on one core while the machine's other core waits. Here PGlite runs in a worker
// thread of the same process and the server's thread sends it each statement as a message: the
// database's work and the server's overlap, on two cores. The data directory, its files and what a
// commit means are the same; only one thread ever opens the directory.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * What the server uses of an embedded PostgreSQL: PGlite itself (in the tests and the CLI) or
 * PGlite on a thread of its own (PGliteThread, the server).
 */
export interface EmbeddedPostgres {
  readonly waitReady: Promise<void>;
  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
  /** a script of one or more statements (the simple query protocol); each statement's result */
  exec(sql: string): Promise<{ rows: unknown[]; affectedRows?: number }[]>;
  /**
   * A script that is a whole transaction (BEGIN … COMMIT), rolled back by the database's thread
   * itself if any statement fails, before it takes the next message. The message is posted when
   * the call returns, so the caller may let the next holder of the connection go on at once:
   * whatever it sends runs after the script has ended one way or the other (PGliteThread only).
   */
  sendTransaction?(sql: string): Promise<{ rows: unknown[]; affectedRows?: number }[]>;
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** What the database's thread is started with. */
export interface ThreadStart {
  dataDir: string;
  /** pgliteSettings(), read from the server's environment */
  settings: string[];
}

/** What the server's thread asks of the database's. */
export type ThreadCall =
  | { op: 'query'; sql: string; params?: unknown[] }
  | { op: 'exec'; sql: string }
  | { op: 'transaction'; sql: string }
  | { op: 'listen'; channel: string; listenId: number }
  | { op: 'unlisten'; listenId: number }
  | { op: 'close' };

export type ThreadRequest = ThreadCall & { id: number };

export type ThreadReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: Record<string, unknown> }
  | { notice: number; payload: string }
  | { ready: true }
  | { ready: false; error: Record<string, unknown> };

/** An error from the other thread, with PostgreSQL's fields (code, detail, constraint…) as they were. */
function rebuiltError(fields: Record<string, unknown>): Error {
  const err = new Error(
    typeof fields.message === 'string' ? fields.message : 'embedded database error',
  );
  Object.assign(err, fields);
  return err;
}

/**
 * The worker: the built server's .js beside this file; from the sources (tsx, the tests) a small
 * script that registers tsx's loader in the worker first (a worker takes no --import of its own).
 */
function workerSource(): { source: string | URL; eval: boolean } {
  const here = import.meta.url;
  if (!here.endsWith('.ts'))
    return { source: new URL('./pglite-thread-worker.js', here), eval: false };
  // tsx's ESM entry ("import" in its exports; the CommonJS one cannot register from here)
  const tsxPackage = createRequire(here).resolve('tsx/package.json');
  const tsx = pathToFileURL(join(dirname(tsxPackage), 'dist/esm/api/index.mjs')).href;
  const worker = new URL('./pglite-thread-worker.ts', here).href;
  return {
    source: `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(worker)}); })`,
    eval: true,
  };
}

/**
 * The database thread's young generation (V8's space for new objects), MiB. Its JavaScript is
 * PGlite's protocol code, whose objects live for one statement; V8's default young generation
 * was 20-30 MiB of the server's peak under 8 tellers (peaks 375-378 MiB by default, 350-360 with
 * 2 MiB, at the same deposits a second; docs/performance.md, twelfth session).
 */
const WORKER_YOUNG_GENERATION_MB = 2;

export class PGliteThread implements EmbeddedPostgres {
  readonly waitReady: Promise<void>;
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: unknown) => void }
  >();
  private readonly listeners = new Map<number, (payload: string) => void>();
  /** why the thread is gone, once it is: every call after that fails with it */
  private gone: Error | undefined;

  constructor(start: ThreadStart) {
    const { source, eval: isScript } = workerSource();
    if (source instanceof URL && !existsSync(source))
      throw new Error(`the embedded database's thread module is missing: ${source.pathname}`);
    this.worker = new Worker(source, {
      workerData: start,
      eval: isScript,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    });
    let ready!: () => void;
    let failed!: (e: unknown) => void;
    this.waitReady = new Promise<void>((resolve, reject) => {
      ready = resolve;
      failed = reject;
    });
    this.worker.on('message', (m: ThreadReply) => {
      if ('notice' in m) {
        this.listeners.get(m.notice)?.(m.payload);
      } else if ('ready' in m) {
        if (m.ready) ready();
        else failed(rebuiltError(m.error));
      } else {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        if (m.ok) p?.resolve(m.value);
        else p?.reject(rebuiltError(m.error));
      }
    });
    const stop = (why: Error) => {
      this.gone ??= why;
      failed(why);
      for (const p of this.pending.values()) p.reject(why);
      this.pending.clear();
    };
    this.worker.on('error', (err) =>
      stop(new Error(`the embedded database stopped: ${err.message}`, { cause: err })),
    );
    this.worker.on('exit', (code) =>
      stop(new Error(`the embedded database's thread ended (exit code ${code})`)),
    );
  }

  private request<T>(message: ThreadCall): Promise<T> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  query<R>(sql: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }> {
    return this.request({ op: 'query', sql, ...(params ? { params } : {}) });
  }

  exec(sql: string): Promise<{ rows: unknown[]; affectedRows?: number }[]> {
    return this.request({ op: 'exec', sql });
  }

  sendTransaction(sql: string): Promise<{ rows: unknown[]; affectedRows?: number }[]> {
    return this.request({ op: 'transaction', sql });
  }

  async listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>> {
    const listenId = this.nextId++;
    this.listeners.set(listenId, callback);
    try {
      await this.request({ op: 'listen', channel, listenId });
    } catch (err) {
      this.listeners.delete(listenId);
      throw err;
    }
    return async () => {
      this.listeners.delete(listenId);
      await this.request({ op: 'unlisten', listenId });
    };
  }

  async close(): Promise<void> {
    if (!this.gone) await this.request({ op: 'close' });
    await this.worker.terminate();
  }
}
