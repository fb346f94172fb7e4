import { useCallback, useEffect, useRef, useState } from 'react';
import { sendSale, sendSales } from './api';
import { queuedSales, removeQueued, updateQueued, type QueuedSale } from './store';

/** Every so often the queue is tried even without an `online` event (a network that came back quietly). */
export const SYNC_INTERVAL_MS = 10_000;
/** After a network failure the next try waits twice as long each time, up to this. */
export const SYNC_BACKOFF_MAX_MS = 60_000;

/** How many queued sales of a till go in one request (the server takes up to 200). */
export const SYNC_BATCH_SIZE = 100;

export type SendResult =
  | { kind: 'recorded'; receiptNumber: string }
  | { kind: 'refused'; message: string; code: string }
  | { kind: 'network' };

/**
 * Sends the queued sales of an organisation, each till's in receipt order (the server takes a
 * till's receipts only in sequence): one waiting sale alone, more at once in batches of
 * SYNC_BATCH_SIZE. A recorded sale (or one recorded by an earlier send whose answer was lost)
 * leaves the queue; a network failure keeps it for the next try; a refusal keeps it, marked failed
 * for the cashier, and holds the till's later sales back.
 */
export async function syncOnce(
  orgId: string,
  onResult?: (q: QueuedSale, r: SendResult) => void,
): Promise<'done' | 'network'> {
  const queue = await queuedSales(orgId);
  // each till's sales up to its first failed one, in receipt order
  const byTill = new Map<string, QueuedSale[]>();
  const blocked = new Set<string>();
  for (const q of queue) {
    const till = q.body.tillId;
    if (blocked.has(till)) continue;
    if (q.status === 'failed') {
      blocked.add(till);
      continue;
    }
    byTill.set(till, [...(byTill.get(till) ?? []), q]);
  }
  let network = false;
  const refuse = async (q: QueuedSale, code: string, message: string) => {
    await updateQueued(q.body.clientSaleId, {
      status: 'failed',
      attempts: q.attempts + 1,
      error: message,
      errorCode: code,
    });
    onResult?.(q, { kind: 'refused', message, code });
  };
  const keep = async (q: QueuedSale) => {
    network = true;
    await updateQueued(q.body.clientSaleId, { attempts: q.attempts + 1 });
    onResult?.(q, { kind: 'network' });
  };
  for (const [tillId, waiting] of byTill) {
    for (let from = 0; from < waiting.length; from += SYNC_BATCH_SIZE) {
      const chunk = waiting.slice(from, from + SYNC_BATCH_SIZE);
      const first = chunk[0]!;
      if (chunk.length === 1) {
        const outcome = await sendSale(orgId, first.body);
        if (outcome.kind === 'recorded') {
          await removeQueued(first.body.clientSaleId);
          onResult?.(first, { kind: 'recorded', receiptNumber: outcome.sale.receiptNumber });
          continue;
        }
        if (outcome.kind === 'network') await keep(first);
        else await refuse(first, outcome.error.code, outcome.error.detail);
        break;
      }
      const outcome = await sendSales(
        orgId,
        tillId,
        chunk.map((q) => q.body),
      );
      if (outcome.kind === 'network') {
        await keep(first);
        break;
      }
      if (outcome.kind === 'refused') {
        await refuse(first, outcome.error.code, outcome.error.detail);
        break;
      }
      const { results, refused } = outcome.answer;
      for (const [i, r] of results.entries()) {
        await removeQueued(r.clientSaleId);
        onResult?.(chunk[i]!, { kind: 'recorded', receiptNumber: r.receiptNumber });
      }
      if (refused) {
        const q = chunk[refused.index]!;
        await refuse(q, refused.problem.code, refused.problem.detail);
        break;
      }
    }
  }
  return network ? 'network' : 'done';
}

/** Whether the browser says it is online, kept up to date by its online/offline events. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * The sync loop of the till page: runs on `online` events, on a timer (backing off while the
 * network fails) and when `kick` is called after a sale is queued. One pass at a time.
 */
export function useSaleSync(orgId: string, onResult?: (q: QueuedSale, r: SendResult) => void) {
  const [queue, setQueue] = useState<QueuedSale[]>([]);
  const running = useRef(false);
  const again = useRef(false);
  const delay = useRef(SYNC_INTERVAL_MS);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const alive = useRef(true);
  const resultRef = useRef(onResult);
  useEffect(() => {
    resultRef.current = onResult;
  });

  const refresh = useCallback(async () => setQueue(await queuedSales(orgId)), [orgId]);

  const pass = useCallback(async () => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    clearTimeout(timer.current);
    try {
      do {
        again.current = false;
        const outcome = navigator.onLine
          ? await syncOnce(orgId, (q, r) => resultRef.current?.(q, r))
          : 'network';
        delay.current =
          outcome === 'network'
            ? Math.min(SYNC_BACKOFF_MAX_MS, delay.current * 2)
            : SYNC_INTERVAL_MS;
        await refresh();
      } while (again.current);
    } finally {
      running.current = false;
      if (alive.current) timer.current = setTimeout(() => void pass(), delay.current);
    }
  }, [orgId, refresh]);

  useEffect(() => {
    const onOnline = () => {
      delay.current = SYNC_INTERVAL_MS;
      void pass();
    };
    alive.current = true;
    window.addEventListener('online', onOnline);
    void pass();
    return () => {
      alive.current = false;
      window.removeEventListener('online', onOnline);
      clearTimeout(timer.current);
    };
  }, [pass]);

  /** Tries a failed sale again (after the cause was fixed, e.g. the shift reopened). */
  const retry = useCallback(
    async (clientSaleId: string) => {
      await updateQueued(clientSaleId, { status: 'queued', error: null, errorCode: null });
      await pass();
    },
    [pass],
  );

  return { queue, kick: pass, retry, refresh };
}
