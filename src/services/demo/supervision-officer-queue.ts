import { findUserByUsername } from '../../db/users.repo.js';
import type { Deps, OrgContext } from '../context.js';
import type { OrganizationView } from '../organizations.js';
import { notifyOfficers } from '../supervision/officer-queue.js';

/**
 * The demo city office's morning digests (docs/domain/supervision-officer-queue.md): after every
 * area's demo is in, the administrator queues each officer's digest of their queue, Tugas saya —
 * the pembina's about Pekalongan Barat and Selatan, the pengawas's about Timur and Utara — so the
 * outbox holds today's messages, as the daily job would have left them.
 */
export async function seedDemoOfficerQueue(deps: Deps, office: OrganizationView) {
  const admin = await findUserByUsername(deps.database.db, 'dinas.admin');
  if (!admin) throw new Error('demo user dinas.admin is missing');
  const ctx: OrgContext = {
    organizationId: office.id,
    actor: { userId: admin.id, label: 'dinas.admin' },
    roles: ['dinas_admin'],
    requestId: null,
    ip: null,
  };
  return notifyOfficers(deps, ctx);
}
