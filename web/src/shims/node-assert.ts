/**
 * `node:assert` in the browser, for the pure domain modules the web app shares with the server
 * (src/domain/shop/units.ts rounds through src/domain/loans/schedule.ts, which asserts its
 * invariants). Vite aliases the import here (vite.config.ts): a broken invariant still throws.
 */
function ok(value: unknown, message?: string): asserts value {
  if (!value) throw new Error(message ?? 'assertion failed');
}
export const strict = Object.assign(ok, { ok, strict: ok });
export default strict;
