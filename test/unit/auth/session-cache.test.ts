import { describe, expect, it } from 'vitest';
import type { ChannelListener, Database } from '../../../src/db/database.js';
import { SessionCache } from '../../../src/services/session-cache.js';

/** A database whose only part is a channel the test speaks on. */
function fakeDatabase() {
  let on: ChannelListener | undefined;
  let stopped = false;
  const database = {
    listen: (channel: string, listener: ChannelListener) => {
      expect(channel).toBe('sokoguru_auth');
      on = listener;
      listener.listening(true);
      return Promise.resolve(async () => {
        stopped = true;
        listener.listening(false);
        await Promise.resolve();
      });
    },
  } as unknown as Database;
  return {
    database,
    notice: () => on!.notice(),
    listening: (yes: boolean) => on!.listening(yes),
    stopped: () => stopped,
  };
}

describe('the session cache', () => {
  it('keeps nothing before it listens, then keeps for its time-to-live', async () => {
    let now = 1_000;
    const cache = new SessionCache<string>(5_000, () => now);
    cache.set('a', 'ani', cache.ticket());
    expect(cache.get('a')).toBeUndefined();
    const db = fakeDatabase();
    await cache.listen(db.database);
    cache.set('a', 'ani', cache.ticket());
    expect(cache.get('a')).toBe('ani');
    now += 4_999;
    expect(cache.get('a')).toBe('ani');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
  });

  it('forgets everything on a notice, and keeps no lookup that was under way when one came', async () => {
    const cache = new SessionCache<string>(60_000);
    const db = fakeDatabase();
    await cache.listen(db.database);
    cache.set('a', 'ani', cache.ticket());
    cache.set('b', 'budi', cache.ticket());
    db.notice();
    expect([cache.get('a'), cache.get('b')]).toEqual([undefined, undefined]);
    // a lookup starts, a notice comes while it waits for the database, its result arrives
    const ticket = cache.ticket();
    db.notice();
    cache.set('a', 'ani (read before the change)', ticket);
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 'ani', cache.ticket());
    expect(cache.get('a')).toBe('ani');
    cache.forgetAll();
    expect(cache.get('a')).toBeUndefined();
  });

  it('keeps nothing while it cannot hear the database, and again once it can', async () => {
    const cache = new SessionCache<string>(60_000);
    const db = fakeDatabase();
    await cache.listen(db.database);
    cache.set('a', 'ani', cache.ticket());
    db.listening(false);
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 'ani', cache.ticket());
    expect(cache.get('a')).toBeUndefined();
    db.listening(true);
    cache.set('a', 'ani', cache.ticket());
    expect(cache.get('a')).toBe('ani');
    await cache.close();
    expect(db.stopped()).toBe(true);
    expect(cache.get('a')).toBeUndefined();
  });

  it('turned off (0) keeps nothing and does not listen; bounded in size', async () => {
    const off = new SessionCache<string>(0);
    const db = fakeDatabase();
    await off.listen(db.database);
    off.set('a', 'ani', off.ticket());
    expect(off.get('a')).toBeUndefined();
    const small = new SessionCache<string>(60_000, () => 0, 2);
    await small.listen(fakeDatabase().database);
    small.set('a', 'ani', small.ticket());
    small.set('b', 'budi', small.ticket());
    small.set('c', 'citra', small.ticket());
    expect([small.get('a'), small.get('b'), small.get('c')]).toEqual([
      undefined,
      undefined,
      'citra',
    ]);
  });
});
