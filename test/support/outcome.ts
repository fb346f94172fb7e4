import type { Role } from '../../src/domain/auth/permissions.js';
import { AppError } from '../../src/domain/errors.js';
import type { OrgContext } from '../../src/services/context.js';

/** What a call came to: 'ok' when it resolves, else the AppError's code (or the error as text). */
export const codeOf = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

/** The context a signed-in staff member acts in for a cooperative (no request id, no IP). */
export const staffContext = (
  organizationId: string,
  user: { id: string; username: string },
  roles: Role[],
): OrgContext => ({
  organizationId,
  actor: { userId: user.id, label: user.username },
  roles,
  requestId: null,
  ip: null,
});
