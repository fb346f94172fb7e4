import { sql } from 'kysely';
import type { Queryable } from './database.js';

/**
 * The demo seeder's own reads (src/services/demo/): who the demo logins are and how far the demo
 * books have been closed. The set-based savings and loan writes of src/services/demo/savings/
 * and loans/ are in src/db/demo-savings.repo.ts and src/db/demo-loans.repo.ts.
 */

/** The given users' roles per organisation, by organisation name and username. */
export async function loginsOf(
  db: Queryable,
  usernames: readonly string[],
): Promise<{ username: string; fullName: string; organization: string; role: string }[]> {
  const r = await sql<{ username: string; full_name: string; name: string; role: string }>`
    select u.username, u.full_name, o.name, r.role
    from organization_roles r
    join users u on u.id = r.user_id
    join organizations o on o.id = r.organization_id
    where u.username = any(${[...usernames]}::text[])
    order by o.name, u.username`.execute(db);
  return r.rows.map((x) => ({
    username: x.username,
    fullName: x.full_name,
    organization: x.name,
    role: x.role,
  }));
}

/** How many of a cooperative's fiscal periods are closed. */
export async function closedPeriodCount(db: Queryable, cooperativeId: string): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from fiscal_periods
    where cooperative_id = ${cooperativeId} and status = 'closed'`.execute(db);
  return r.rows[0]?.n ?? 0;
}
