import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { analyze, vacuumAnalyze } from '../db/maintenance.repo.js';

/**
 * Housekeeping the embedded database needs and PostgreSQL does itself: PGlite runs no autovacuum,
 * so without this its planner never gets statistics (a month-end over a grown book was planned
 * as nested loops, several times slower) and updated rows (every deposit rewrites its account row)
 * are never reclaimed. On PostgreSQL every method here does nothing.
 */

/** Fresh planner statistics before a batch job (month-end) on the embedded database. */
export async function analyzeIfEmbedded(database: Database): Promise<void> {
  if (database.kind !== 'pglite') return;
  await analyze(database.db);
}

const CHECK_EVERY_MS = 10 * 60_000;
const VACUUM_EVERY_MS = 20 * 3_600_000;

/**
 * A nightly VACUUM ANALYZE of the embedded database between 01:00 and 05:00 WIB (the counters are
 * closed), and an ANALYZE shortly after start. PGlite has one connection, so while it runs other
 * requests wait: hence the quiet hours.
 */
export class EmbeddedMaintenance {
  private timer: NodeJS.Timeout | undefined;
  private lastVacuum = 0;
  private running: Promise<void> | undefined;

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  start(): void {
    if (this.database.kind !== 'pglite' || this.timer) return;
    this.run('analyze');
    this.timer = setInterval(() => {
      const now = this.clock();
      const hourWib = (now.getUTCHours() + 7) % 24;
      if (hourWib >= 1 && hourWib < 5 && now.getTime() - this.lastVacuum > VACUUM_EVERY_MS) {
        this.lastVacuum = now.getTime();
        this.run('vacuum analyze');
      }
    }, CHECK_EVERY_MS);
    this.timer.unref();
  }

  private run(what: 'analyze' | 'vacuum analyze'): void {
    if (this.running) return;
    const t0 = performance.now();
    this.running = (what === 'analyze' ? analyze : vacuumAnalyze)(this.database.db)
      .then(
        () =>
          this.logger.info(
            { what, ms: Math.round(performance.now() - t0) },
            'embedded database maintenance done',
          ),
        (err: unknown) => this.logger.warn({ err, what }, 'embedded database maintenance failed'),
      )
      .finally(() => (this.running = undefined));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
