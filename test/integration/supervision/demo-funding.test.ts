import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { insertRegistryRows } from '../../../src/db/registry.repo.js';
import { inOrg, systemContext } from '../../../src/services/context.js';
import { seedDemoFunding } from '../../../src/services/demo/supervision-funding.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { listReferrals } from '../../../src/services/supervision/funding-referrals.js';
import { makeUser, testAppForFile } from '../../support/fixtures.js';

/**
 * The demo's funding referrals on 4 December 2026: of a registry whose first cooperatives are
 * ready for LPDB-KUMKM (identity, Sehat, 2025 RAT; no reporting rule, so no report is missing),
 * three are referred — one approved and disbursed, one under review, one rejected with a reason.
 */

const file = testAppForFile({ clock: () => new Date('2026-12-04T03:00:00Z') });

describe('seedDemoFunding', () => {
  it('refers three ready cooperatives: disbursed, under review, rejected', async () => {
    const deps = file.deps;
    const office = await createOrganization(
      deps,
      { kind: 'dinas', name: 'Dinas Koperasi Kota Pekalongan (demo)', dinasRegionCode: '3375' },
      'test',
    );
    await makeUser(deps, office, ['dinas_pembina'], 'dinas.pembina');
    await inOrg(deps, systemContext(office.id, 'test'), (o) =>
      insertRegistryRows(
        o.tx,
        Array.from({ length: 8 }, (_, i) => ({
          region_code: '3375',
          name: `Koperasi Demo ${i + 1}`,
          cooperative_type: 'KSP' as const,
          cooperative_form: 'primer' as const,
          membership_area: 'regency' as const,
          province_code: '33',
          regency_code: '3375',
          status: 'active' as const,
          status_since: '2015-01-01',
          badan_hukum_number: `518/BH/XIV.14/${2010 + i}`,
          nib: `91200012345${String(i).padStart(2, '0')}`,
          npwp: `0123456785010${String(i).padStart(2, '0')}`,
        })),
        null,
        'demo',
      ),
    );
    const db = deps.database.db;
    await sql`insert into registry_rats (region_code, registry_id, book_year, held_on)
              select region_code, id, 2025, '2026-04-20' from registry_cooperatives`.execute(db);
    await sql`
      insert into health_assessments (region_code, registry_id, period, rubric_id, rubric_version,
        rubric_digest, figures_source, status, result, total_score, predikat, provisional,
        examiner_name, finalized_at)
      select region_code, id, '2025-12', 'perdep-06-2016', 'builtin', ${'b'.repeat(64)}, 'examiner',
        'final', '{}'::jsonb, 82, 'Sehat', false, 'Pemeriksa Demo', now()
      from registry_cooperatives`.execute(db);
    const started = Date.now();
    const seeded = await seedDemoFunding(deps, office);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(seeded.referrals).toBe(3);
    const ctx = { ...systemContext(office.id, 'test'), roles: ['dinas_pengawas' as const] };
    const { items } = await listReferrals(deps, ctx, {});
    const byStatus = Object.fromEntries(items.map((r) => [r.status, r]));
    expect(Object.keys(byStatus).sort()).toEqual(['disbursed', 'rejected', 'under_review']);
    expect(byStatus.disbursed).toMatchObject({
      amountApprovedRupiah: '1200000000',
      amountDisbursedRupiah: '1200000000',
    });
    expect(byStatus.rejected!.history.at(-1)!.reason).toContain('bukan penyaluran');
    for (const r of items) {
      expect(r.readiness.ready).toBe(true);
      for (const h of r.history) expect(h.on <= '2026-12-04').toBe(true);
    }
    expect(items.map((r) => r.letterNumber).sort()).toEqual([
      '001/RUJ-DANA/2026',
      '002/RUJ-DANA/2026',
      '003/RUJ-DANA/2026',
    ]);
  });
});
