import { AppError, ERROR_KINDS, type AppErrorCode, type ErrorParams } from '../domain/errors.js';

/**
 * Which driver errors mean "the database is not there right now" rather than "this request is
 * wrong". The HTTP layer answers both kinds 503 with Retry-After: nothing the request asked for
 * was committed (or, if the COMMIT itself was cut off, the same Idempotency-Key replays it), so
 * the client's right move is to send it again.
 */
export type DatabaseFailure =
  /** the connection is gone or cannot be had: restart, failover, network, a full pool */
  | 'unavailable'
  /** the database cancelled a statement at a time limit (statement_timeout, lock_timeout) */
  | 'timeout'
  /** its disk is full or cannot be written: nothing of the statement was kept */
  | 'storage';

// SQLSTATE (PostgreSQL, Appendix A): class 08 connection exception; 57P01 admin_shutdown
// (pg_terminate_backend, a fast shutdown), 57P02 crash_shutdown, 57P03 cannot_connect_now
// (starting up or in recovery), 53300 too_many_connections, 25P03 idle in transaction too long.
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300', '25P03']);
// 53100 disk_full, 58030 io_error, 53000 insufficient_resources (the data directory is full or
// cannot be written; PGlite reports it so and stays usable once space is freed)
const STORAGE_STATES = new Set(['53100', '58030', '53000']);
// 57014 query_canceled (statement_timeout), 55P03 lock_not_available (lock_timeout)
const TIMEOUT_STATES = new Set(['57014', '55P03']);
// node's socket errors and node-postgres's own messages for a lost or unobtainable connection
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const DRIVER_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'is not queryable',
  'Cannot use a pool after calling end',
  'Connection ended unexpectedly',
];

export function databaseFailureOf(err: unknown): DatabaseFailure | undefined {
  if (!(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (TIMEOUT_STATES.has(code)) return 'timeout';
    if (STORAGE_STATES.has(code)) return 'storage';
    if (UNAVAILABLE_STATES.has(code) || code.startsWith('08') || SOCKET_CODES.has(code))
      return 'unavailable';
  }
  if (DRIVER_MESSAGES.some((m) => err.message.includes(m))) return 'unavailable';
  // several addresses tried at once (localhost as ::1 and 127.0.0.1) fail as one AggregateError
  if (err instanceof AggregateError) {
    const inner = err.errors.map(databaseFailureOf);
    if (inner.length > 0 && inner.every((f) => f === 'unavailable')) return 'unavailable';
  }
  return undefined;
}

/** SQLSTATE of a refusal raised by a database function (sokoguru_refuse, migration 0045). */
export const REFUSAL_STATE = 'SG001';

/**
 * A refusal raised in the database (the error code as the message, its parameters as a JSON
 * object in DETAIL) as the AppError the same check raises in TypeScript; undefined for any other
 * error, which stays what it is.
 */
export function refusalOf(err: unknown): AppError | undefined {
  if (!(err instanceof Error) || (err as { code?: unknown }).code !== REFUSAL_STATE)
    return undefined;
  if (!Object.hasOwn(ERROR_KINDS, err.message)) return undefined;
  const detail = (err as { detail?: unknown }).detail;
  const params =
    typeof detail === 'string' && detail !== '' ? (JSON.parse(detail) as ErrorParams) : {};
  return new AppError(err.message as AppErrorCode, params);
}
