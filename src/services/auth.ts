import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { inSystemTransaction } from '../db/database.js';
import * as users from '../db/users.repo.js';
import type { Membership } from '../db/users.repo.js';
import { AppError } from '../domain/errors.js';
import {
  afterFailedLogin,
  passwordAcceptable,
  PASSWORD_MIN_LENGTH,
} from '../domain/auth/password-policy.js';
import type { Role } from '../domain/auth/permissions.js';
import { inSystem, PLATFORM_ORG_ID, type Deps } from './context.js';

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane).
// algorithm 2 is Argon2id in @node-rs/argon2's (const) enum.
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** Sessions slide: each use extends them, up to this idle time. */
export const SESSION_IDLE_HOURS = 12;
const TOUCH_EVERY_MS = 60_000;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

let dummyHash: Promise<string> | undefined;
/** Verifying against a dummy hash for unknown users keeps response times alike (no user probing). */
function dummy(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-at-all');
  return dummyHash;
}

export const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');
const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

export interface SessionUser {
  id: string;
  username: string;
  fullName: string;
  locale: 'id' | 'en';
}

export interface SessionView {
  user: SessionUser;
  csrfToken: string;
  memberships: Membership[];
}

export interface LoginResult extends SessionView {
  /** The cookie value; only its hash is stored. */
  token: string;
}

export async function login(
  deps: Deps,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const now = deps.clock();
  const ctx = {
    organizationId: PLATFORM_ORG_ID,
    actor: { userId: null, label: input.username.slice(0, 64) },
    roles: [],
    requestId: null,
    ip: input.ip,
  };
  // The failure counter must commit even though the caller gets an error, so the outcome is
  // decided inside the transaction and thrown after it.
  const outcome = await inSystem<{ error: AppError } | { result: LoginResult }>(
    deps,
    ctx,
    async ({ tx, audit }) => {
      const user = await users.findUserByUsername(tx, input.username, true);
      if (!user || user.disabledAt) {
        await verify(await dummy(), input.password).catch(() => false);
        return { error: new AppError('AUTH_INVALID_CREDENTIALS') };
      }
      if (user.lockedUntil && user.lockedUntil > now) {
        const minutes = Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000);
        return { error: new AppError('AUTH_ACCOUNT_LOCKED', { minutes }) };
      }
      const ok = await verify(user.passwordHash, input.password).catch(() => false);
      if (!ok) {
        const next = afterFailedLogin(user.failedLoginCount, now);
        await users.recordFailedLogin(tx, user.id, next.failedCount, next.lockedUntil);
        if (next.lockedUntil) {
          await audit({
            action: 'auth.locked',
            entityType: 'user',
            entityId: user.id,
            after: { lockedUntil: next.lockedUntil.toISOString() },
          });
        }
        return { error: new AppError('AUTH_INVALID_CREDENTIALS') };
      }
      if (user.failedLoginCount > 0 || user.lockedUntil)
        await users.recordFailedLogin(tx, user.id, 0, null);
      const token = randomToken();
      const csrfToken = randomToken(24);
      await users.insertSession(tx, {
        id: sha256Hex(token),
        userId: user.id,
        csrfToken,
        expiresAt: new Date(now.getTime() + SESSION_IDLE_HOURS * 3_600_000),
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
      });
      const memberships = await users.membershipsOf(tx, user.id);
      return {
        result: {
          token,
          csrfToken,
          user: {
            id: user.id,
            username: user.username,
            fullName: user.fullName,
            locale: user.locale,
          },
          memberships,
        },
      };
    },
  );
  if ('error' in outcome) throw outcome.error;
  return outcome.result;
}

export interface ResolvedSession extends SessionView {
  sessionId: string;
}

/** The session behind a cookie token, or undefined when unknown, expired or the user disabled. */
export async function resolveSession(
  deps: Deps,
  token: string,
): Promise<ResolvedSession | undefined> {
  const id = sha256Hex(token);
  const { db } = deps.database;
  const cache = deps.sessions;
  let s = cache?.get(id);
  if (!s) {
    const ticket = cache?.ticket() ?? 0;
    s = await users.findSessionWithMemberships(db, id);
    if (s) cache?.set(id, s, ticket);
  }
  const now = deps.clock();
  if (!s || s.disabled_at || s.expires_at <= now) return undefined;
  if (now.getTime() - s.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    const expiresAt = new Date(now.getTime() + SESSION_IDLE_HOURS * 3_600_000);
    await users.touchSession(db, id, now, expiresAt);
    // the kept row too, so the next request does not touch again
    s.last_seen_at = now;
    s.expires_at = expiresAt;
  }
  return {
    sessionId: id,
    csrfToken: s.csrf_token,
    user: { id: s.user_id, username: s.username, fullName: s.full_name, locale: s.locale },
    memberships: s.memberships,
  };
}

export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function logout(deps: Deps, sessionId: string): Promise<void> {
  await users.deleteSession(deps.database.db, sessionId);
  // this process sees its own logout at once, before the database's notice comes back
  deps.sessions?.forgetAll();
}

export async function changePassword(
  deps: Deps,
  input: {
    userId: string;
    sessionId: string | null;
    currentPassword: string;
    newPassword: string;
    ip: string | null;
  },
): Promise<void> {
  const ctx = {
    organizationId: PLATFORM_ORG_ID,
    actor: { userId: input.userId, label: 'self' },
    roles: [],
    requestId: null,
    ip: input.ip,
  };
  await inSystem(deps, ctx, async ({ tx, audit }) => {
    const user = await users.findUserById(tx, input.userId, true);
    if (!user) throw new AppError('USER_NOT_FOUND');
    if (!(await verify(user.passwordHash, input.currentPassword).catch(() => false))) {
      throw new AppError('AUTH_INVALID_CREDENTIALS');
    }
    if (input.newPassword === input.currentPassword) throw new AppError('AUTH_PASSWORD_REUSED');
    if (!passwordAcceptable(input.newPassword, user.username)) {
      throw new AppError('AUTH_PASSWORD_TOO_WEAK', { min: PASSWORD_MIN_LENGTH });
    }
    await users.setPasswordHash(tx, user.id, await hashPassword(input.newPassword), deps.clock());
    // Other sessions end: a changed password should lock out whoever else had it.
    await users.deleteSessionsOfUser(tx, user.id, input.sessionId ?? undefined);
    await audit({ action: 'user.password-changed', entityType: 'user', entityId: user.id });
  });
  deps.sessions?.forgetAll();
}

export interface TokenPrincipal {
  tokenId: bigint;
  organizationId: string;
  user: SessionUser;
  roles: Role[];
}

export const API_TOKEN_PREFIX = 'sgk_';

export async function resolveApiToken(
  deps: Deps,
  token: string,
): Promise<TokenPrincipal | undefined> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
  const { db } = deps.database;
  const t = await users.findApiToken(db, sha256Hex(token));
  if (!t || t.revoked_at || t.disabled_at) return undefined;
  const now = deps.clock();
  if (!t.last_used_at || now.getTime() - t.last_used_at.getTime() > TOUCH_EVERY_MS) {
    await inSystemTransaction(db, (tx) => users.touchApiToken(tx, t.organization_id, t.id, now));
  }
  return {
    tokenId: t.id,
    organizationId: t.organization_id,
    user: { id: t.user_id, username: t.username, fullName: t.full_name, locale: t.locale },
    roles: await users.rolesIn(db, t.user_id, t.organization_id),
  };
}

export function newApiToken(): { token: string; tokenHash: string } {
  const token = API_TOKEN_PREFIX + randomToken();
  return { token, tokenHash: sha256Hex(token) };
}
