import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Membership } from '../db/users.repo.js';
import { can, type Permission, type Role } from '../domain/auth/permissions.js';
import { AppError } from '../domain/errors.js';
import { pickLang, type Lang } from '../i18n/messages.js';
import {
  csrfMatches,
  resolveApiToken,
  resolveSession,
  type SessionUser,
} from '../services/auth.js';
import type { Deps, OrgContext } from '../services/context.js';

export const SESSION_COOKIE = 'sg_session';

export type Principal =
  | {
      kind: 'session';
      sessionId: string;
      csrfToken: string;
      user: SessionUser;
      memberships: Membership[];
    }
  | { kind: 'token'; tokenId: bigint; organizationId: string; user: SessionUser; roles: Role[] };

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    principal: Principal | null;
    orgCtx: OrgContext | null;
  }
  interface FastifyContextConfig {
    /** 'public': no login; 'session': any signed-in user; otherwise the permission required in :orgId. */
    access?: 'public' | 'session' | Permission;
    /** Money-moving: the Idempotency-Key header is required. */
    idempotent?: boolean;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The roles a principal holds in one organisation (none when it is not a member). */
export function rolesOf(principal: Principal, organizationId: string): Role[] {
  if (principal.kind === 'token')
    return principal.organizationId === organizationId ? principal.roles : [];
  return principal.memberships.find((m) => m.organizationId === organizationId)?.roles ?? [];
}

/**
 * Authentication and authorisation for every route, in one place: who is calling (session cookie
 * or bearer API token), CSRF for cookie-authenticated writes, and the route's declared permission
 * in the organisation named by :orgId. Routes without a declared access level are refused.
 */
/** Every API route with the access it declared (method + URL pattern), for tests and docs. */
export const ROUTE_ACCESS = new Map<
  string,
  { method: string; url: string; access: string | undefined }
>();

export function registerAccessControl(app: FastifyInstance, deps: Deps): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods)
      if (method !== 'HEAD')
        ROUTE_ACCESS.set(`${method} ${route.url}`, {
          method,
          url: route.url,
          access: (route.config as { access?: string } | undefined)?.access,
        });
  });
  app.decorateRequest('lang', 'id');
  app.decorateRequest('principal', null);
  app.decorateRequest('orgCtx', null);

  app.addHook('onRequest', async (req) => {
    req.lang = pickLang(req.headers['accept-language']);
  });

  app.addHook('preValidation', async (req) => {
    const access = req.routeOptions.config.access;
    if (!req.url.startsWith('/api/v1/')) return;
    if (access === undefined) {
      if (req.routeOptions.url === undefined) return; // 404 handler
      throw new AppError('FORBIDDEN', {}, `route ${req.routeOptions.url} declares no access level`);
    }
    if (access === 'public') return;
    req.principal = await authenticate(deps, req);
    if (!req.principal) throw new AppError('AUTH_REQUIRED');
    if (req.principal.kind === 'session' && !SAFE_METHODS.has(req.method)) {
      const given = req.headers['x-csrf-token'];
      if (!csrfMatches(req.principal.csrfToken, typeof given === 'string' ? given : undefined)) {
        throw new AppError('AUTH_CSRF_FAILED');
      }
    }
    if (access === 'session') return;
    const orgId = (req.params as { orgId?: unknown }).orgId;
    if (typeof orgId !== 'string' || !UUID.test(orgId)) throw new AppError('ORG_NOT_FOUND');
    const roles = rolesOf(req.principal, orgId);
    if (!can(roles, access)) throw new AppError('FORBIDDEN');
    req.orgCtx = {
      organizationId: orgId.toLowerCase(),
      actor: { userId: req.principal.user.id, label: req.principal.user.username },
      roles,
      requestId: req.id,
      ip: req.ip,
    };
  });
}

async function authenticate(deps: Deps, req: FastifyRequest): Promise<Principal | null> {
  const authz = req.headers.authorization;
  if (authz?.startsWith('Bearer ')) {
    const t = await resolveApiToken(deps, authz.slice(7).trim());
    return t
      ? {
          kind: 'token',
          tokenId: t.tokenId,
          organizationId: t.organizationId,
          user: t.user,
          roles: t.roles,
        }
      : null;
  }
  const token = req.cookies[SESSION_COOKIE];
  if (!token || token.length > 100) return null;
  const s = await resolveSession(deps, token);
  return s
    ? {
        kind: 'session',
        sessionId: s.sessionId,
        csrfToken: s.csrfToken,
        user: s.user,
        memberships: s.memberships,
      }
    : null;
}

/** The organisation context of a route that declared a permission (set by the access hook). */
export function orgCtx(req: FastifyRequest): OrgContext {
  if (!req.orgCtx) throw new Error('orgCtx used on a route without an organisation permission');
  return req.orgCtx;
}

export function principal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('AUTH_REQUIRED');
  return req.principal;
}
