import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { analyze, analyzeChanged, vacuumAnalyze } from '../db/maintenance.repo.js';

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
/** how often the changed tables are looked for (autovacuum's naptime is 60 s; a look takes about 7 ms) */
const ANALYZE_CHANGED_EVERY_MS = 5_000;
/**
 * A table is analyzed again once it has changed by 50 rows plus as many rows as it held at its
 * last ANALYZE (autovacuum: plus a tenth). What the kept plans need is a table's size to the
 * nearest order of magnitude (an empty table read whole, a large one by its index); the planner
 * scales its row counts by the pages a table has now in any case. An ANALYZE of a large table
 * reads a sample of 30,000 rows and sorts it per column, about 0.2 s on the thread that serves
 * every request: under 8 tellers the tenth made one every few seconds, 3 % of the thread, with
 * each teller's deposit waiting behind it (docs/performance.md, twelfth session).
 */
export const EMBEDDED_ANALYZE_SCALE = 1;

/**
 * A nightly VACUUM ANALYZE of the embedded database between 01:00 and 05:00 WIB (the counters are
 * closed), an ANALYZE shortly after start, and every 5 s an ANALYZE of the tables that changed
 * since their last one by more than the rows they held then (EMBEDDED_ANALYZE_SCALE). PGlite has one connection, so while
 * any of these runs other requests wait: hence the quiet hours for the whole VACUUM.
 *
 * Why the tables that changed: a statement's plan is kept by the connection (PL/pgSQL, the key
 * checks) until the table's statistics change. A table analyzed while nearly empty keeps a
 * sequential scan in its plans however large it grows: the idempotency keys, analyzed empty at
 * start, were read whole by every deposit's statement that stores its answer (a seq scan over
 * every key written since the start; 187 and 303 deposits a second with 8 tellers against 411
 * and 430 with index scans, bench/http-deposits.ts, 2026-12-05). On PostgreSQL autovacuum
 * analyzes them and the plans follow.
 */
export class EmbeddedMaintenance {
  private timer: NodeJS.Timeout | undefined;
  private analyzeTimer: NodeJS.Timeout | undefined;
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
    this.analyzeTimer = setInterval(() => this.run('analyze changed'), ANALYZE_CHANGED_EVERY_MS);
    this.analyzeTimer.unref();
  }

  private run(what: 'analyze' | 'vacuum analyze' | 'analyze changed'): void {
    if (this.running) return;
    const t0 = performance.now();
    const db = this.database.db;
    const job =
      what === 'analyze'
        ? analyze(db).then(() => undefined)
        : what === 'vacuum analyze'
          ? vacuumAnalyze(db).then(() => undefined)
          : analyzeChanged(db, EMBEDDED_ANALYZE_SCALE);
    this.running = job
      .then(
        (tables) => {
          // the look every 5 s that finds nothing to do is not worth a log line
          if (what === 'analyze changed' && tables?.length === 0) return;
          this.logger.info(
            { what, tables, ms: Math.round(performance.now() - t0) },
            'embedded database maintenance done',
          );
        },
        (err: unknown) => this.logger.warn({ err, what }, 'embedded database maintenance failed'),
      )
      .finally(() => (this.running = undefined));
  }

  /** The look for changed tables, now (the timer's job; for tests). */
  async analyzeChangedNow(): Promise<void> {
    if (this.database.kind !== 'pglite') return;
    await this.running;
    this.run('analyze changed');
    await this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.analyzeTimer) clearInterval(this.analyzeTimer);
    this.timer = undefined;
    this.analyzeTimer = undefined;
    await this.running;
  }
}
