import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from './database.js';
import type { Role } from '../domain/auth/permissions.js';

export interface UserRecord {
  id: string;
  username: string;
  fullName: string;
  passwordHash: string;
  locale: 'id' | 'en';
  failedLoginCount: number;
  lockedUntil: Date | null;
  disabledAt: Date | null;
}

export interface Membership {
  organizationId: string;
  organizationName: string;
  organizationKind: 'cooperative' | 'dinas';
  cooperativeType: string | null;
  roles: Role[];
}

export async function findUserByUsername(
  db: Queryable,
  username: string,
  forUpdate = false,
): Promise<UserRecord | undefined> {
  return findUser(db, 'username', username.toLowerCase(), forUpdate);
}

export async function findUserById(
  db: Queryable,
  id: string,
  forUpdate = false,
): Promise<UserRecord | undefined> {
  return findUser(db, 'id', id, forUpdate);
}

async function findUser(
  db: Queryable,
  by: 'id' | 'username',
  value: string,
  forUpdate: boolean,
): Promise<UserRecord | undefined> {
  let q = db
    .selectFrom('users')
    .select([
      'id',
      'username',
      'full_name',
      'password_hash',
      'locale',
      'failed_login_count',
      'locked_until',
      'disabled_at',
    ])
    .where(by, '=', value);
  if (forUpdate) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && toUser(r);
}

function toUser(r: {
  id: string;
  username: string;
  full_name: string;
  password_hash: string;
  locale: 'id' | 'en';
  failed_login_count: number;
  locked_until: Date | null;
  disabled_at: Date | null;
}): UserRecord {
  return {
    id: r.id,
    username: r.username,
    fullName: r.full_name,
    passwordHash: r.password_hash,
    locale: r.locale,
    failedLoginCount: r.failed_login_count,
    lockedUntil: r.locked_until,
    disabledAt: r.disabled_at,
  };
}

export async function recordFailedLogin(
  db: Queryable,
  userId: string,
  count: number,
  lockedUntil: Date | null,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_login_count: count, locked_until: lockedUntil })
    .where('id', '=', userId)
    .execute();
}

export async function setPasswordHash(
  db: Queryable,
  userId: string,
  hash: string,
  at: Date,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: hash,
      password_changed_at: at,
      failed_login_count: 0,
      locked_until: null,
    })
    .where('id', '=', userId)
    .execute();
}

export async function insertUser(
  db: Queryable,
  u: {
    username: string;
    fullName: string;
    passwordHash: string;
    locale?: 'id' | 'en';
    phone?: string | null;
    email?: string | null;
  },
): Promise<string | undefined> {
  const r = await db
    .insertInto('users')
    .values({
      username: u.username.toLowerCase(),
      full_name: u.fullName,
      password_hash: u.passwordHash,
      locale: u.locale ?? 'id',
      phone: u.phone ?? null,
      email: u.email ?? null,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

export async function grantRoles(
  db: Queryable,
  organizationId: string,
  userId: string,
  roles: readonly Role[],
): Promise<void> {
  if (roles.length === 0) return;
  await db
    .insertInto('organization_roles')
    .values(roles.map((role) => ({ organization_id: organizationId, user_id: userId, role })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

interface MembershipRow {
  organization_id: string;
  name: string;
  kind: 'cooperative' | 'dinas';
  cooperative_type: string | null;
  roles: Role[];
}

/** A user's organisations with their roles there, one row per organisation. */
const membershipRows = (userId: RawBuilder<unknown>) => sql<MembershipRow>`
  select o.id as organization_id, o.name, o.kind, o.cooperative_type, array_agg(r.role order by r.role) as roles
  from organization_roles r join organizations o on o.id = r.organization_id
  where r.user_id = ${userId}
  group by o.id, o.name, o.kind, o.cooperative_type`;

const toMembership = (r: MembershipRow): Membership => ({
  organizationId: r.organization_id,
  organizationName: r.name,
  organizationKind: r.kind,
  cooperativeType: r.cooperative_type,
  roles: r.roles,
});

export async function membershipsOf(db: Queryable, userId: string): Promise<Membership[]> {
  const rows = await sql<MembershipRow>`${membershipRows(sql`${userId}`)} order by o.name`.execute(
    db,
  );
  return rows.rows.map(toMembership);
}

export async function rolesIn(
  db: Queryable,
  userId: string,
  organizationId: string,
): Promise<Role[]> {
  const rows = await db
    .selectFrom('organization_roles')
    .select('role')
    .where('user_id', '=', userId)
    .where('organization_id', '=', organizationId)
    .execute();
  return rows.map((r) => r.role as Role);
}

export async function usersOfOrganization(db: Queryable, organizationId: string) {
  const rows = await sql<{ id: string; username: string; full_name: string; roles: Role[] }>`
    select u.id, u.username, u.full_name, array_agg(r.role order by r.role) as roles
    from organization_roles r join users u on u.id = r.user_id
    where r.organization_id = ${organizationId}
    group by u.id, u.username, u.full_name order by u.username`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    username: r.username,
    fullName: r.full_name,
    roles: r.roles,
  }));
}

// Sessions ------------------------------------------------------------------------------------

export async function insertSession(
  db: Queryable,
  s: {
    id: string;
    userId: string;
    csrfToken: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.id,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

/**
 * A session, its user and the user's memberships in one round trip: every authenticated request
 * starts here, so it must not cost two.
 */
export type SessionRow = NonNullable<Awaited<ReturnType<typeof findSessionWithMemberships>>>;

export async function findSessionWithMemberships(db: Queryable, id: string) {
  const r = await sql<{
    id: string;
    csrf_token: string;
    expires_at: Date;
    last_seen_at: Date;
    user_id: string;
    username: string;
    full_name: string;
    locale: 'id' | 'en';
    disabled_at: Date | null;
    memberships: MembershipRow[];
  }>`
    select s.id, s.csrf_token, s.expires_at, s.last_seen_at, u.id as user_id, u.username, u.full_name, u.locale, u.disabled_at,
           coalesce((
             select json_agg(m order by m.name, m.organization_id) from (${membershipRows(sql.ref('u.id'))}) m), '[]'::json) as memberships
    from sessions s join users u on u.id = s.user_id
    where s.id = ${id}`.execute(db);
  const row = r.rows[0];
  if (!row) return undefined;
  return { ...row, memberships: row.memberships.map(toMembership) };
}

export async function touchSession(
  db: Queryable,
  id: string,
  lastSeen: Date,
  expiresAt: Date,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: lastSeen, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Queryable, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfUser(
  db: Queryable,
  userId: string,
  exceptId?: string,
): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '<>', exceptId);
  await q.execute();
}

// API tokens ----------------------------------------------------------------------------------

export async function insertApiToken(
  db: Queryable,
  t: { organizationId: string; userId: string; name: string; tokenHash: string },
): Promise<bigint> {
  const r = await db
    .insertInto('api_tokens')
    .values({
      organization_id: t.organizationId,
      user_id: t.userId,
      name: t.name,
      token_hash: t.tokenHash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findApiToken(db: Queryable, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.organization_id',
      'api_tokens.id',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.id as user_id',
      'users.username',
      'users.full_name',
      'users.locale',
      'users.disabled_at',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Records when a token was last used (the caller touches it at most every few minutes). */
export async function touchApiToken(
  db: Queryable,
  organizationId: string,
  id: bigint,
  at: Date,
): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: at })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}

export async function listApiTokens(db: Queryable, organizationId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'user_id', 'created_at', 'last_used_at', 'revoked_at'])
    .where('organization_id', '=', organizationId)
    .orderBy('id')
    .execute();
}

export async function revokeApiToken(
  db: Queryable,
  organizationId: string,
  id: bigint,
  at: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
