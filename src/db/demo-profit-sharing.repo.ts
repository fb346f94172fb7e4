import { sql } from 'kysely';
import type { Queryable } from './database.js';

/** Look-ups of the demo's profit-sharing financings (src/services/demo/profit-sharing.ts). */

/** A demo login's user id and role in the cooperative. */
export async function demoUser(
  db: Queryable,
  coop: string,
  username: string,
): Promise<{ id: string; role: string } | undefined> {
  const r = await sql<{ id: string; role: string }>`
    select u.id, r.role from users u join organization_roles r on r.user_id = u.id and r.organization_id = ${coop}
    where u.username = ${username} limit 1`.execute(db);
  return r.rows[0];
}

/** Active members holding an open sukarela (wadiah) account, oldest first. */
export async function membersWithSukarela(
  db: Queryable,
  coop: string,
  limit: number,
): Promise<bigint[]> {
  const r = await sql<{ id: bigint }>`
    select m.id from members m
    where m.cooperative_id = ${coop} and m.status = 'active' and exists (
      select 1 from savings_accounts a join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      where a.cooperative_id = m.cooperative_id and a.member_id = m.id and p.kind = 'sukarela' and a.status = 'active')
    order by m.id limit ${limit}`.execute(db);
  return r.rows.map((x) => x.id);
}
