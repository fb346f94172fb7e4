import type { OrgContext } from '../context.js';

/**
 * The context of a visitor of a cooperative's storefront (no login): the cooperative's tenant
 * transaction (row-level security keeps every query to it), no user, no roles.
 */
export function visitorContext(
  organizationId: string,
  requestId: string | null,
  ip: string | null,
): OrgContext {
  return {
    organizationId: organizationId.toLowerCase(),
    actor: { userId: null, label: 'pasar-daring' },
    roles: [],
    requestId,
    ip,
  };
}
