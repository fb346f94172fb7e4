import type { Database } from '../db/database.js';

/**
 * The sessions this process has looked up, kept for a few seconds: every request of a signed-in
 * user starts with its session, its user and the user's roles, and a teller sends hundreds of
 * requests a minute. A change to any of those is announced by the database on the channel
 * `sokoguru_auth` (migration 0046) whoever makes it, and every process forgets all it kept when it
 * hears one; while it cannot hear (its listening connection lost and not yet replaced) it keeps
 * nothing. A lookup that was under way when a notice came is not kept either: it may have read
 * what the notice replaced.
 *
 * SOKOGURU_SESSION_CACHE_MS sets how long (default 5000; 0 turns the cache off).
 */
export class SessionCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  /** bumped by every notice: a lookup started before one is not kept */
  private generation = 0;
  private listening = false;
  private stop: (() => Promise<void>) | undefined;

  constructor(
    readonly ttlMs: number,
    private readonly now: () => number = () => Date.now(),
    private readonly maxEntries = 10_000,
  ) {}

  /** Starts hearing the database's notices; until then nothing is kept. */
  async listen(database: Database): Promise<void> {
    if (this.ttlMs <= 0) return;
    this.stop = await database.listen('sokoguru_auth', {
      notice: () => this.forgetAll(),
      listening: (yes) => {
        this.forgetAll();
        this.listening = yes;
      },
    });
  }

  async close(): Promise<void> {
    await this.stop?.();
    this.stop = undefined;
  }

  /** The kept value, if it is younger than the time-to-live. */
  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (this.now() - hit.at >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.value;
  }

  /** A token to take before a lookup and hand to `set` with its result. */
  ticket(): number {
    return this.generation;
  }

  set(key: string, value: V, ticket: number): void {
    if (!this.listening || ticket !== this.generation || this.ttlMs <= 0) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, at: this.now() });
  }

  /** Forgets everything kept (a notice, or a change this process made and must see at once). */
  forgetAll(): void {
    this.generation++;
    this.entries.clear();
  }
}
