import type { Deps } from '../context.js';
import { demoSeeded, seedFoundation, DEMO_PASSWORD, type DemoLogin } from './foundation.js';

export { DEMO_PASSWORD };

/**
 * Seeds the demo organisations once. Each area adds its own step after the foundation's
 * (members, savings, ledger history, loans) using the organisations returned here.
 */
export async function seedDemo(deps: Deps): Promise<{ seeded: boolean; logins: DemoLogin[] }> {
  if (await demoSeeded(deps)) return { seeded: false, logins: [] };
  const { logins } = await seedFoundation(deps);
  await deps.sealer.flush();
  return { seeded: true, logins };
}

export function formatDemoLogins(logins: DemoLogin[]): string {
  const lines = logins.map(
    (l) => `  ${l.username.padEnd(18)} ${l.roles.join(',').padEnd(16)} ${l.organization}`,
  );
  return [`Demo logins (password for all: ${DEMO_PASSWORD}):`, ...lines].join('\n');
}

/** The demo logins as they stand in the database (printed at every demo start). */
export async function currentDemoLogins(deps: Deps): Promise<DemoLogin[]> {
  const { db } = deps.database;
  const rows = await db
    .selectFrom('organization_roles')
    .innerJoin('users', 'users.id', 'organization_roles.user_id')
    .innerJoin('organizations', 'organizations.id', 'organization_roles.organization_id')
    .select(['users.username', 'users.full_name', 'organizations.name', 'organization_roles.role'])
    .where('users.username', 'like', '%.%')
    .where('users.username', 'in', DEMO_USERNAMES)
    .orderBy('organizations.name')
    .orderBy('users.username')
    .execute();
  return rows.map((r) => ({
    username: r.username,
    fullName: r.full_name,
    organization: r.name,
    roles: [r.role as DemoLogin['roles'][number]],
  }));
}

const DEMO_USERNAMES = [
  ...['ksp', 'kspps', 'konsumen'].flatMap((p) =>
    ['admin', 'pengurus', 'pengawas', 'kasir', 'kredit', 'anggota'].map((k) => `${p}.${k}`),
  ),
  'dinas.admin',
  'dinas.pembina',
  'dinas.pengawas',
  'demo.pengurus',
];
