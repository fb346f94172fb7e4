import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JsonValue } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import type { Deps, OrgContext } from '../services/context.js';
import { requestHash, type Idempotency, type Outcome } from '../services/idempotency.js';
import { orgCtx } from './auth.js';

const KEY = /^[A-Za-z0-9_.:-]{8,200}$/;

/** The request's Idempotency-Key (required on routes marked idempotent). */
export function idempotencyOf(req: FastifyRequest): Idempotency | undefined {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) {
    if (req.routeOptions.config.idempotent) throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
    return undefined;
  }
  if (typeof raw !== 'string' || !KEY.test(raw))
    throw new AppError('VALIDATION_FAILED', {}, 'bad Idempotency-Key');
  return {
    key: raw,
    requestHash: requestHash(req.method, req.routeOptions.url ?? req.url, {
      params: req.params,
      body: req.body,
    }),
  };
}

export function sendOutcome<T extends JsonValue>(
  reply: FastifyReply,
  outcome: Outcome<T>,
): FastifyReply {
  if (outcome.replayed) void reply.header('idempotent-replayed', 'true');
  return reply.status(outcome.status).send(outcome.body);
}

/**
 * The answer of an idempotent route: `service` runs for the request's organisation under its
 * Idempotency-Key (services take `(deps, ctx, ...args, idem)`), and its outcome — the first
 * run's, or that run's stored answer on a replay — is sent with its status.
 */
export async function answerOnce<A extends unknown[], T extends JsonValue>(
  req: FastifyRequest,
  reply: FastifyReply,
  deps: Deps,
  service: (deps: Deps, ctx: OrgContext, ...rest: [...A, Idempotency?]) => Promise<Outcome<T>>,
  ...args: A
): Promise<FastifyReply> {
  return sendOutcome(reply, await service(deps, orgCtx(req), ...args, idempotencyOf(req)));
}
