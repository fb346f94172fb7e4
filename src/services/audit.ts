import type { Logger } from 'pino';
import type { Database } from '../db/database.js';
import { inSystemTransaction } from '../db/database.js';
import {
  organizationsWithUnsealedEvents,
  sealOrganizationChain,
  verifyChains,
  type ChainProblem,
} from '../db/audit.repo.js';

/**
 * How soon after a write its organisation is sealed: 50 ms on PostgreSQL, where a round runs in a
 * backend of its own beside the requests; 500 ms on the embedded database, where each round (eight
 * statements, about 2 ms before the first event is hashed) holds the one thread that also serves
 * the tellers. Under 8 tellers the 50 ms made 16 rounds a second there, 3 % of the thread
 * (docs/performance.md, twelfth session). An event is in its table from its commit either way;
 * only its place on the chain comes later, and `settle` and `sealAll` seal at once.
 */
export const SEAL_DELAY_MS = { postgres: 50, pglite: 500 } as const;

/** The longest wait between two sealing attempts while the database stays away. */
export const SEALING_BACKOFF_CAP_MS = 30_000;

/** Wait before sealing attempt n+1 after n consecutive failures: base, 2×base, 4×base, … capped. */
export function sealingBackoffMs(failures: number, baseMs: number): number {
  return Math.min(SEALING_BACKOFF_CAP_MS, baseMs * 2 ** Math.max(0, failures - 1));
}

/**
 * Seals audit events onto each organisation's hash chain shortly after they commit. Writers only
 * mark their organisation dirty; one timer seals, so the chain never becomes a lock every
 * transaction of a cooperative queues behind.
 */
export class AuditSealer {
  private readonly dirty = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
    private readonly delayMs = 50,
    /** how soon to look again at events a still-running transaction held back */
    private readonly retryMs = 1000,
  ) {}

  markDirty(organizationId: string): void {
    this.dirty.add(organizationId);
    if (this.stopped || this.timer) return;
    this.schedule(this.delayMs);
  }

  /** Consecutive failed rounds: the wait before the next one doubles with each, up to a cap. */
  private failures = 0;

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().then(
        () => (this.failures = 0),
        (err: unknown) => {
          // The database is down or restarting: the events are safe in their tables, unsealed;
          // try again later, less often the longer it lasts, and without anyone writing.
          this.failures += 1;
          const retryInMs = sealingBackoffMs(this.failures, this.retryMs);
          this.logger.error({ err, retryInMs }, 'audit sealing failed; will retry');
          if (!this.stopped && !this.timer) this.schedule(retryInMs);
        },
      );
    }, delayMs);
    this.timer.unref();
  }

  /**
   * Events of ended transactions can wait behind an older transaction still running (a long
   * month-end close, say); nothing may write to their organisation again soon, so look later.
   */
  private retryLater(organizationId: string): void {
    if (this.stopped) return;
    this.retryTimer ??= setTimeout(() => {
      this.retryTimer = undefined;
      for (const org of this.waiting) this.markDirty(org);
      this.waiting.clear();
    }, this.retryMs);
    this.retryTimer.unref();
    this.waiting.add(organizationId);
  }

  private readonly waiting = new Set<string>();

  /** One sealing round for one organisation; events left waiting get another look later. */
  private async seal(organizationId: string): Promise<number> {
    const r = await inSystemTransaction(this.database.db, (tx) =>
      sealOrganizationChain(tx, organizationId),
    );
    if (r.waiting) this.retryLater(organizationId);
    return r.sealed;
  }

  /** Seals every dirty organisation now (and waits for a sealing already under way). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    const orgs = [...this.dirty];
    this.dirty.clear();
    if (orgs.length === 0) return;
    this.running = (async () => {
      for (const org of orgs) {
        try {
          await this.seal(org);
        } catch (err) {
          this.dirty.add(org);
          throw err;
        }
      }
    })();
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  /** Seals whatever a crash left unsealed. */
  async sealAll(): Promise<number> {
    let total = 0;
    for (const org of await organizationsWithUnsealedEvents(this.database.db))
      total += await this.seal(org);
    return total;
  }

  /**
   * Seals until no event is left unsealed. On PostgreSQL the horizon is the oldest transaction
   * still running anywhere in the cluster, so a round can leave events waiting behind another
   * database's work; whoever compares or copies the whole trail (a checksum before and after, a
   * backup in a test) waits here until they are sealed too, instead of racing the retry timer.
   */
  async settle(options: { organizationId?: string; timeoutMs?: number } = {}): Promise<void> {
    const until = Date.now() + (options.timeoutMs ?? 30_000);
    await this.flush();
    for (;;) {
      const orgs = (await organizationsWithUnsealedEvents(this.database.db)).filter(
        (o) => options.organizationId === undefined || o === options.organizationId,
      );
      if (orgs.length === 0) return;
      for (const org of orgs) await this.seal(org);
      if (Date.now() > until)
        throw new Error(`audit events of ${orgs.length} organisation(s) still unsealed`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.flush();
  }
}

export async function verifyAuditTrail(
  database: Database,
  organizationId?: string,
): Promise<{ ok: boolean; events: number; problems: ChainProblem[] }> {
  const r = await verifyChains(database.db, organizationId);
  return { ok: r.problems.length === 0, ...r };
}
