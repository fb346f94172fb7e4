import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as auth from '../../services/auth.js';
import type { Deps } from '../../services/context.js';
import type { AppOptions } from '../app.js';
import { can, PERMISSIONS, type Permission, type Role } from '../../domain/auth/permissions.js';
import { principal, SESSION_COOKIE } from '../auth.js';
import { noContent } from './responses.js';
import { roleSchema } from './schemas.js';

const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];
const permissionSchema = z.enum(ALL_PERMISSIONS as [Permission, ...Permission[]]);

/**
 * Each membership with what its roles allow, from the one matrix (src/domain/auth/permissions.ts),
 * so the web app shows and hides by permission instead of keeping its own role lists.
 */
function withPermissions<M extends { roles: readonly Role[] }>(memberships: readonly M[]) {
  return memberships.map((m) => ({
    ...m,
    permissions: ALL_PERMISSIONS.filter((p) => can(m.roles, p)),
  }));
}

const sessionSchema = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    fullName: z.string(),
    locale: z.enum(['id', 'en']),
  }),
  csrfToken: z.string(),
  memberships: z.array(
    z.object({
      organizationId: z.string(),
      organizationName: z.string(),
      organizationKind: z.enum(['cooperative', 'dinas']),
      cooperativeType: z.string().nullable(),
      roles: z.array(roleSchema),
      /** What the roles allow in this organisation (docs/permissions.md). */
      permissions: z.array(permissionSchema),
    }),
  ),
});

export async function authRoutes(
  api: FastifyInstance,
  deps: Deps,
  options: AppOptions,
): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: options.secureCookies,
    maxAge: auth.SESSION_IDLE_HOURS * 3600,
  };

  r.post(
    '/auth/login',
    {
      config: {
        access: 'public',
        rateLimit: { max: options.loginRateLimitPerMinute ?? 20, timeWindow: 60_000 },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password; sets the session cookie',
        body: z.object({
          username: z.string().trim().min(1).max(64),
          password: z.string().min(1).max(200),
        }),
        response: { 200: sessionSchema },
      },
    },
    async (req, reply) => {
      const s = await auth.login(deps, {
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      // A fresh random token at every login: a cookie planted before login is never adopted.
      void reply.setCookie(SESSION_COOKIE, s.token, cookieOptions);
      return {
        user: s.user,
        csrfToken: s.csrfToken,
        memberships: withPermissions(s.memberships),
      };
    },
  );

  r.get(
    '/auth/session',
    {
      config: { access: 'session' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and memberships, with each membership’s permissions',
        response: { 200: sessionSchema },
      },
    },
    async (req) => {
      const p = principal(req);
      if (p.kind === 'token') {
        return { user: p.user, csrfToken: '', memberships: [] };
      }
      return {
        user: p.user,
        csrfToken: p.csrfToken,
        memberships: withPermissions(p.memberships),
      };
    },
  );

  r.post(
    '/auth/logout',
    {
      config: { access: 'session' },
      schema: { tags: ['auth'], summary: 'End the session', response: { 204: noContent } },
    },
    async (req, reply) => {
      const p = principal(req);
      if (p.kind === 'session') await auth.logout(deps, p.sessionId);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  r.post(
    '/auth/change-password',
    {
      config: { access: 'session' },
      schema: {
        tags: ['auth'],
        summary: 'Change own password (ends other sessions)',
        body: z.object({
          currentPassword: z.string().min(1).max(200),
          newPassword: z.string().min(1).max(200),
        }),
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      const p = principal(req);
      await auth.changePassword(deps, {
        userId: p.user.id,
        sessionId: p.kind === 'session' ? p.sessionId : null,
        currentPassword: req.body.currentPassword,
        newPassword: req.body.newPassword,
        ip: req.ip,
      });
      return reply.status(204).send();
    },
  );
}
