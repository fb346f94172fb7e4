import { databaseAnswers } from '../db/health.repo.js';
import { AppError } from '../domain/errors.js';
import type { Deps } from './context.js';

/** Longest a readiness check waits for the database before it says "not ready". */
export const READINESS_TIMEOUT_MS = 3_000;

/**
 * Readiness: the database answers within READINESS_TIMEOUT_MS. A load balancer or systemd acts on
 * this (docs/operations.md); liveness, the process itself, needs no check beyond answering.
 */
export async function checkReadiness(deps: Deps): Promise<{ database: 'pglite' | 'postgres' }> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('DATABASE_UNAVAILABLE')), READINESS_TIMEOUT_MS);
  });
  try {
    await Promise.race([databaseAnswers(deps.database.db), timedOut]);
  } finally {
    clearTimeout(timer);
  }
  return { database: deps.database.kind };
}
