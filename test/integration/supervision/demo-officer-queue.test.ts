import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { systemContext } from '../../../src/services/context.js';
import { seedDemoOfficerQueue } from '../../../src/services/demo/supervision-officer-queue.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { assignOfficer, createRegistryEntry } from '../../../src/services/registry/entries.js';
import { makeUser, testAppForFile } from '../../support/fixtures.js';

/**
 * The demo's morning digests on 4 December 2026: the pembina, in charge of a cooperative with no
 * RAT recorded, gets one digest of her queue; the pengawas, in charge of none, gets nothing.
 */

const file = testAppForFile({ clock: () => new Date('2026-12-04T03:00:00Z') });

describe('seedDemoOfficerQueue', () => {
  it('queues the digest of each officer with something due', async () => {
    const deps = file.deps;
    const office = await createOrganization(
      deps,
      { kind: 'dinas', name: 'Dinas Koperasi Kota Pekalongan (demo)', dinasRegionCode: '3375' },
      'test',
    );
    await makeUser(deps, office, ['dinas_admin'], 'dinas.admin');
    const pembina = await makeUser(deps, office, ['dinas_pembina'], 'dinas.pembina');
    await makeUser(deps, office, ['dinas_pengawas'], 'dinas.pengawas');
    const ctx = systemContext(office.id, 'test');
    const entry = await createRegistryEntry(deps, ctx, {
      name: 'KSP Demo Tanpa RAT',
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      membershipArea: 'regency',
      provinceCode: '33',
      regencyCode: '3375',
    });
    await assignOfficer(deps, ctx, BigInt(entry.id), pembina.id);
    expect(await seedDemoOfficerQueue(deps, office)).toMatchObject({
      officers: 3,
      digestsQueued: 1,
    });
    const r = await sql<{ user_id: string; body: string }>`
      select user_id, body from message_outbox
      where cooperative_id = ${office.id} and template = 'officer-queue.digest'`.execute(
      deps.database.db,
    );
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ user_id: pembina.id });
    expect(r.rows[0]!.body).toContain('KSP Demo Tanpa RAT: RAT belum diadakan');
  });
});
