import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as auth from '../../services/auth.js';
import type { Deps } from '../../services/context.js';
import type { AppOptions } from '../app.js';
import { principal, SESSION_COOKIE } from '../auth.js';
import { roleSchema } from './schemas.js';

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
      return { user: s.user, csrfToken: s.csrfToken, memberships: s.memberships };
    },
  );

  r.get(
    '/auth/session',
    {
      config: { access: 'session' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and memberships',
        response: { 200: sessionSchema },
      },
    },
    async (req) => {
      const p = principal(req);
      if (p.kind === 'token') {
        return { user: p.user, csrfToken: '', memberships: [] };
      }
      return { user: p.user, csrfToken: p.csrfToken, memberships: p.memberships };
    },
  );

  r.post(
    '/auth/logout',
    { config: { access: 'session' }, schema: { tags: ['auth'], summary: 'End the session' } },
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
