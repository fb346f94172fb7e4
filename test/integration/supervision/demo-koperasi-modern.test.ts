import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { insertRegistryRows } from '../../../src/db/registry.repo.js';
import { inOrg, systemContext } from '../../../src/services/context.js';
import { seedDemoKoperasiModern } from '../../../src/services/demo/supervision-koperasi-modern.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { criteriaVersions, progress } from '../../../src/services/supervision/koperasi-modern.js';
import { makeCooperative, makeUser, testAppForFile } from '../../support/fixtures.js';

/**
 * The demo's koperasi modern programme on 4 December 2026: a target of 30 by 2026 under the two
 * criteria, 40 cooperatives assessed since November 2024 with a count that climbs quarter by
 * quarter short of the target, a dozen or so closest to qualifying, and the 2024 seven-indicator
 * checklists of fifteen cooperatives; seeded in well under a second's worth of statements.
 */

const file = testAppForFile({ clock: () => new Date('2026-12-04T03:00:00Z') });

describe('seedDemoKoperasiModern', () => {
  it('sets the target and assesses 40 cooperatives with a climbing count and a spread', async () => {
    const deps = file.deps;
    const office = await createOrganization(
      deps,
      { kind: 'dinas', name: 'Dinas Koperasi Kota Pekalongan (demo)', dinasRegionCode: '3375' },
      'test',
    );
    await makeUser(deps, office, ['dinas_admin'], 'dinas.admin');
    await makeUser(deps, office, ['dinas_pengawas'], 'dinas.pengawas');
    const onSokoguru = [await makeCooperative(deps, 'KSP Daring'), await makeCooperative(deps)];
    await inOrg(deps, systemContext(office.id, 'test'), (o) =>
      insertRegistryRows(
        o.tx,
        Array.from({ length: 60 }, (_, i) => ({
          region_code: '3375',
          name: `Koperasi Demo ${i + 1}`,
          cooperative_type: 'KSP' as const,
          cooperative_form: 'primer' as const,
          membership_area: 'regency' as const,
          province_code: '33',
          regency_code: '3375',
          status: 'active' as const,
          status_since: '2020-01-01',
          // the last two run on Sokoguru
          linked_organization_id: i >= 58 ? onSokoguru[i - 58]!.id : null,
        })),
        null,
        'demo',
      ),
    );
    const started = Date.now();
    const seeded = await seedDemoKoperasiModern(deps, office);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(seeded.checklists).toBeGreaterThan(100);

    const ctx = { ...systemContext(office.id, 'test'), roles: ['dinas_pengawas' as const] };
    const p = await progress(deps, ctx, { by: 'quarter', from: '2024-01-01' });
    expect(p.version.code).toBe('dua-kriteria-2024-10');
    expect(p.target).toMatchObject({ targetYear: 2026, targetCount: 30 });
    expect(p.assessed).toBe(40);
    const counts = p.series.map((s) => s.qualifying);
    // never down by much, up overall, short of the target at the end
    expect(counts[0]).toBe(0);
    expect(p.series.find((s) => s.label === '2024-Q4')!.qualifying).toBeLessThan(8);
    expect(p.qualifyingNow).toBeGreaterThanOrEqual(15);
    expect(p.qualifyingNow).toBeLessThan(30);
    for (let i = 1; i < counts.length; i++)
      expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1]!);
    expect(p.closest.length).toBeGreaterThanOrEqual(5);
    expect(p.closest[0]!.missing).toHaveLength(1);

    // those on Sokoguru are assessed first, inside a digital ecosystem as Sokoguru suggests
    const answers = await sql<{
      linked: boolean;
      suggested: boolean;
      met: boolean;
      note: string | null;
    }>`
      select c.linked_organization_id is not null as linked, x.suggested, x.met, x.note
      from koperasi_modern_answers x join registry_cooperatives c on c.id = x.registry_id
      join koperasi_modern_criteria_versions v on v.id = x.version_id
      where v.code = 'dua-kriteria-2024-10' and x.item_no = 1`.execute(deps.database.db);
    const linked = answers.rows.filter((r) => r.linked);
    expect(linked.length).toBeGreaterThanOrEqual(4);
    expect(linked.every((r) => r.met && r.suggested && r.note === 'Berjalan di Sokoguru')).toBe(
      true,
    );
    expect(answers.rows.filter((r) => !r.linked).some((r) => r.suggested)).toBe(false);

    const versions = await criteriaVersions(deps, ctx);
    const sevenId = versions.items.find((v) => v.code === 'tujuh-indikator-2020')!.id;
    const seven = await progress(deps, ctx, { by: 'quarter', versionId: BigInt(sevenId) });
    expect(seven.version.code).toBe('tujuh-indikator-2020');
    expect(seven.assessed).toBe(15);
    expect(seven.qualifyingNow).toBeGreaterThanOrEqual(3);
  });
});
