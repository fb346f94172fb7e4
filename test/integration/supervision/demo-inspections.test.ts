import { describe, expect, it } from 'vitest';
import { insertRegistryRows } from '../../../src/db/registry.repo.js';
import { inOrg, systemContext } from '../../../src/services/context.js';
import { seedDemoInspections } from '../../../src/services/demo/supervision-inspections.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { listVisits } from '../../../src/services/supervision/inspections.js';
import {
  caseFileEntries,
  cooperativeSanctions,
} from '../../../src/services/supervision/sanctions.js';
import { makeUser, testAppForFile } from '../../support/fixtures.js';

/**
 * The demo's inspections on 4 December 2026: five visits (three held with findings, one planned,
 * one called off), follow-up done, open and overdue, and one cooperative on teguran tertulis II
 * whose next step waits for its deadline; seeded in a few dozen statements.
 */

const file = testAppForFile({ clock: () => new Date('2026-12-04T03:00:00Z') });

describe('seedDemoInspections', () => {
  it('plans and holds visits and puts one cooperative on teguran tertulis II', async () => {
    const deps = file.deps;
    const office = await createOrganization(
      deps,
      { kind: 'dinas', name: 'Dinas Koperasi Kota Pekalongan (demo)', dinasRegionCode: '3375' },
      'test',
    );
    await makeUser(deps, office, ['dinas_pengawas'], 'dinas.pengawas');
    await makeUser(deps, office, ['dinas_pembina'], 'dinas.pembina');
    await inOrg(deps, systemContext(office.id, 'test'), (o) =>
      insertRegistryRows(
        o.tx,
        Array.from({ length: 12 }, (_, i) => ({
          region_code: '3375',
          name: `Koperasi Demo ${i + 1}`,
          cooperative_type: 'KSP' as const,
          cooperative_form: 'primer' as const,
          membership_area: 'regency' as const,
          province_code: '33',
          regency_code: '3375',
          status: 'active' as const,
          status_since: '2020-01-01',
        })),
        null,
        'demo',
      ),
    );
    const started = Date.now();
    expect(await seedDemoInspections(deps, office)).toEqual({ visits: 5, letters: 2 });
    expect(Date.now() - started).toBeLessThan(5_000);

    const ctx = { ...systemContext(office.id, 'test'), roles: ['dinas_pengawas' as const] };
    const visits = await listVisits(deps, ctx, { limit: 50 });
    expect(visits.map((v) => v.status).sort()).toEqual([
      'cancelled',
      'done',
      'done',
      'done',
      'planned',
    ]);
    expect(visits.reduce((n, v) => n + (v.overdueRecommendations ?? 0), 0)).toBe(2);
    const onLadder = visits.find((v) => v.purpose.includes('RAT'))!;
    const s = await cooperativeSanctions(deps, ctx, BigInt(onLadder.registryId));
    expect(s.letters.map((l) => [l.step, l.number])).toEqual([
      ['teguran_1', '500.12/001/DINKOP/2026'],
      ['teguran_2', '500.12/002/DINKOP/2026'],
    ]);
    expect(s.next).toMatchObject({
      allowed: null,
      step: 'pembatasan',
      blocked: 'DEADLINE_NOT_PASSED',
      allowedFrom: '2026-12-15',
    });
    const entries = await inOrg(deps, ctx, (o) => caseFileEntries(o, BigInt(onLadder.registryId)));
    expect(entries.filter((x) => x.kind === 'letter')).toHaveLength(2);
    expect(entries.find((x) => x.kind === 'finding')!.documents[0]!.name).toBe(
      'lemari-arsip-kosong.png',
    );
  });
});
