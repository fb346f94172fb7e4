import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { AppError, type AppErrorCode, type ErrorKind, type FieldError } from '../domain/errors.js';
import { databaseFailureOf, type DatabaseFailure } from '../db/errors.js';
import { errorMessage, type Lang } from '../i18n/messages.js';

const DATABASE_FAILURE_CODES = {
  unavailable: 'DATABASE_UNAVAILABLE',
  timeout: 'DATABASE_TIMEOUT',
  storage: 'DATABASE_STORAGE_FAILED',
} as const satisfies Record<DatabaseFailure, AppErrorCode>;

/** Seconds a client is told to wait before retrying a 503 (the pool replaces dead connections). */
export const RETRY_AFTER_SECONDS = 2;

/** Every kind of operating error has one HTTP status; the compiler checks none is missing. */
export function statusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'invalid':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'too-large':
      return 413;
    case 'unprocessable':
      return 422;
    case 'locked':
      return 423;
    case 'rate-limited':
      return 429;
    case 'internal':
      return 500;
    case 'unavailable':
      return 503;
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: AppErrorCode;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
}

export function problemFor(req: FastifyRequest, err: AppError, errors?: FieldError[]): Problem {
  const lang: Lang = req.lang;
  const status = statusOf(err.kind);
  const detail = errorMessage(err.code, lang, err.params);
  return {
    type: `https://sokoguru.id/problems/${err.code.toLowerCase().replace(/_/g, '-')}`,
    title: err.code,
    status,
    code: err.code,
    detail,
    instance: req.url.split('?')[0] ?? req.url,
    requestId: req.id,
    ...(errors ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  if (problem.status === 503) void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return reply.status(problem.status).type('application/problem+json').send(problem);
}

const FIELD_MESSAGES: Record<Lang, Record<string, string>> = {
  id: {
    required: 'wajib diisi',
    invalid: 'tidak valid',
    too_big: 'terlalu besar/panjang',
    too_small: 'terlalu kecil/pendek',
  },
  en: {
    required: 'is required',
    invalid: 'is invalid',
    too_big: 'is too large/long',
    too_small: 'is too small/short',
  },
};

function fieldErrors(
  req: FastifyRequest,
  err: {
    validation: { instancePath: string; keyword: string; message?: string }[];
    validationContext?: string;
  },
): FieldError[] {
  const where = err.validationContext ?? 'body';
  return err.validation.slice(0, 50).map((v) => {
    const code =
      v.keyword === 'too_big' || v.keyword === 'too_small'
        ? v.keyword
        : v.message?.includes('received undefined')
          ? 'required'
          : 'invalid';
    const field = `${where}${v.instancePath.replace(/\//g, '.')}`;
    return { field, code, message: `${field} ${FIELD_MESSAGES[req.lang][code] ?? code}` };
  });
}

/**
 * One error handler for the whole API: operating errors become problem+json in the request's
 * language; malformed input is a 4xx; anything else is logged and answered 500 without details.
 */
export function handleError(
  err: FastifyError | AppError | Error,
  req: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (err instanceof AppError) return sendProblem(reply, problemFor(req, err, err.fieldErrors));
  if (hasZodFastifySchemaValidationErrors(err)) {
    return sendProblem(
      reply,
      problemFor(req, new AppError('VALIDATION_FAILED'), fieldErrors(req, err)),
    );
  }
  if (err.name === 'ZodError') {
    return sendProblem(reply, problemFor(req, new AppError('VALIDATION_FAILED')));
  }
  const fe = err as FastifyError;
  if (
    !isResponseSerializationError(err) &&
    typeof fe.statusCode === 'number' &&
    fe.statusCode >= 400 &&
    fe.statusCode < 500
  ) {
    const code: AppErrorCode =
      fe.statusCode === 413
        ? 'PAYLOAD_TOO_LARGE'
        : fe.statusCode === 429
          ? 'RATE_LIMITED'
          : fe.statusCode === 404
            ? 'NOT_FOUND'
            : 'VALIDATION_FAILED';
    return sendProblem(reply, problemFor(req, new AppError(code, {}, fe.message)));
  }
  // The database went away or cut a statement off at a time limit: a passing condition, not a
  // bug; the transaction did not commit (or, cut off at COMMIT, replays under the same key).
  const failure = databaseFailureOf(err);
  if (failure) {
    req.log.warn(
      { err: { message: err.message, code: (err as { code?: unknown }).code } },
      'database unavailable',
    );
    return sendProblem(reply, problemFor(req, new AppError(DATABASE_FAILURE_CODES[failure])));
  }
  // Database constraint violations that slipped past validation are still the client's input.
  const pgCode = (err as { code?: unknown }).code;
  if (typeof pgCode === 'string' && /^(22|23)/.test(pgCode)) {
    req.log.warn({ err }, 'constraint violation reached the database');
    return sendProblem(reply, problemFor(req, new AppError('VALIDATION_FAILED', {}, err.message)));
  }
  req.log.error({ err }, 'unhandled error');
  return sendProblem(reply, problemFor(req, new AppError('INTERNAL')));
}
