import { setFlagsFromString } from 'node:v8';
import pino from 'pino';
import { loadConfig, type Config } from './config.js';
import { buildApp } from './http/app.js';
import { openDeps } from './services/deps.js';
import { currentDemoLogins, formatDemoLogins, seedDemo } from './services/demo/seed.js';
import { EmbeddedMaintenance } from './services/maintenance.js';
import { SessionCache } from './services/session-cache.js';
import type { SessionRow } from './db/users.repo.js';

export interface ServeOptions {
  demo: boolean;
  port?: number;
  host?: string;
  /** the CLI's logger (readable lines on a terminal); default JSON lines on stdout */
  logger?: pino.Logger;
}

/**
 * How far V8 lets the heap grow past what its last full collection kept, in per cent, when the
 * server holds the embedded database (a laptop's memory; issue 19's 400 MiB under 8 tellers).
 * V8's own factor, up to 4x on a small heap, let the server's thread carry 104 MiB of old objects
 * at the peak of a 20 s run, most of them garbage; with 20 % it carried 53 MiB and the process's
 * peak was 334 MiB against 382, at 8 % more CPU a deposit (docs/performance.md, twelfth session).
 * V8 reads the factor at each full collection, so it takes effect when set here, after start.
 */
export const EMBEDDED_HEAP_GROWING_PERCENT = 20;

/** Starts the server: database (PGlite or PostgreSQL), migrations, optional demo data, HTTP. */
export async function serve(
  options: ServeOptions,
  config: Config = loadConfig(),
): Promise<() => Promise<void>> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  if (config.database.kind === 'pglite')
    setFlagsFromString(`--heap-growing-percent=${EMBEDDED_HEAP_GROWING_PERCENT}`);
  let deps = await openDeps(config.database, { logger });
  const sealedAfterCrash = await deps.sealer.sealAll();
  if (sealedAfterCrash > 0) logger.info({ sealedAfterCrash }, 'audit events sealed after restart');
  if (options.demo) {
    const r = await seedDemo(deps);
    if (r.seeded) logger.info('demo data seeded');
    // the embedded database's memory only grows: seeding leaves hundreds of MiB behind, which a
    // fresh instance on the same data never takes (docs/operations.md)
    if (r.seeded && config.database.kind === 'pglite') {
      await deps.close();
      deps = await openDeps(config.database, { logger });
    }
  }
  const sessions = new SessionCache<SessionRow>(config.sessionCacheMs);
  await sessions.listen(deps.database);
  deps.sessions = sessions;
  const app = await buildApp(deps, {
    secureCookies: config.secureCookies,
    webDir: config.webDir,
    requestTimeoutMs: config.requestTimeoutMs,
  });
  const port = options.port ?? config.port;
  await app.listen({ port, host: options.host ?? config.host });
  const where =
    config.database.kind === 'pglite'
      ? `embedded PGlite at ${config.database.dataDir}`
      : 'PostgreSQL (DATABASE_URL)';
  process.stdout.write(`\nSokoguru listening on http://localhost:${port} (database: ${where})\n`);
  if (options.demo) process.stdout.write(`${formatDemoLogins(await currentDemoLogins(deps))}\n\n`);

  const maintenance = new EmbeddedMaintenance(deps.database, logger);
  maintenance.start();

  let closing: Promise<void> | undefined;
  const shutdown = () => {
    closing ??= (async () => {
      await app.close();
      await maintenance.stop();
      await sessions.close();
      await deps.close();
    })();
    return closing;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      shutdown().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return shutdown;
}
