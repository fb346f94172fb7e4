import { useMemo, useState } from 'react';

/** A fresh Idempotency-Key: a double click or a retried request moves money once. */
export const newIdempotencyKey = (): string => `ui-${crypto.randomUUID()}`;

/**
 * An Idempotency-Key per distinct request: a retry or a double click of the same form sends the
 * same key (the money moves once); a changed form or the next payment gets a fresh one.
 */
export function useIdempotencyKey(...parts: unknown[]): [string, () => void] {
  const [round, setRound] = useState(0);
  // the key changes exactly when the form or the round changes
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const key = useMemo(newIdempotencyKey, [round, ...parts]);
  return [key, () => setRound((r) => r + 1)];
}
