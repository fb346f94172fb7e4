import { useState } from 'react';

/** A fresh Idempotency-Key: a double click or a retried request moves money once. */
export const newIdempotencyKey = (): string => `ui-${crypto.randomUUID()}`;

/**
 * An Idempotency-Key per distinct request: a retry or a double click of the same form sends the
 * same key (the money moves once); a changed form or the next payment gets a fresh one.
 */
export function useIdempotencyKey(...parts: (string | undefined)[]): [string, () => void] {
  const form = JSON.stringify(parts);
  const [issued, setIssued] = useState(() => ({ form, key: newIdempotencyKey() }));
  let current = issued;
  if (issued.form !== form) {
    // the form changed since the key was issued: a new request, a new key (set during render)
    current = { form, key: newIdempotencyKey() };
    setIssued(current);
  }
  return [current.key, () => setIssued({ form, key: newIdempotencyKey() })];
}
