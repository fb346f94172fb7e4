import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { insertRegistryRows } from '../../../src/db/registry.repo.js';
import { inOrg, systemContext } from '../../../src/services/context.js';
import { seedDemoAssessments } from '../../../src/services/demo/supervision-assessments.js';
import { createOrganization } from '../../../src/services/organizations.js';
import {
  listAssessments,
  rescoreAssessment,
} from '../../../src/services/supervision/assessments.js';
import { makeUser, testAppForFile } from '../../support/fixtures.js';

/**
 * The demo's assessments: every active cooperative of the office's registry gets a final Perdep
 * 06/2016 assessment (2020-12) and a final KKPKK one (last year-end), with a spread of predikat;
 * each scores the same again under its stored rubric version.
 */

const file = testAppForFile({ clock: () => new Date('2026-11-20T03:00:00Z') });

describe('seedDemoAssessments', () => {
  it('assesses every active cooperative under both rubrics, final, with a spread of predikat', async () => {
    const deps = file.deps;
    const office = await createOrganization(
      deps,
      { kind: 'dinas', name: 'Dinas Koperasi Kota Pekalongan (demo)', dinasRegionCode: '3375' },
      'test',
    );
    await makeUser(deps, office, ['dinas_pengawas'], 'dinas.pengawas');
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
          status: i === 59 ? ('dissolved' as const) : ('active' as const),
          status_since: '2020-01-01',
        })),
        null,
        'demo',
      ),
    );
    const seeded = await seedDemoAssessments(deps, office);
    expect(seeded.assessments).toBe(118);

    const ctx = { ...systemContext(office.id, 'test'), roles: ['dinas_pengawas' as const] };
    const all = await listAssessments(deps, ctx, { limit: 200 });
    expect(all).toHaveLength(118);
    expect(all.every((a) => a.status === 'final')).toBe(true);
    for (const rubric of ['perdep-06-2016', 'permenkop-09-2020']) {
      const mine = all.filter((a) => a.rubricId === rubric);
      expect(mine).toHaveLength(59);
      expect(new Set(mine.map((a) => a.predikat)).size, rubric).toBeGreaterThanOrEqual(3);
    }
    expect(all.filter((a) => a.rubricId === 'permenkop-09-2020').every((a) => a.provisional)).toBe(
      true,
    );
    expect(all.filter((a) => a.rubricId === 'perdep-06-2016').some((a) => a.provisional)).toBe(
      false,
    );
    expect(
      new Set(all.filter((a) => a.rubricId === 'permenkop-09-2020').map((a) => a.period)),
    ).toEqual(new Set(['2025-12']));
    for (const a of all.slice(0, 6))
      expect((await rescoreAssessment(deps, ctx, BigInt(a.id))).same).toBe(true);
    const answers = await sql<{
      n: string;
    }>`select count(*) as n from health_assessment_answers`.execute(deps.database.db);
    expect(Number(answers.rows[0]!.n)).toBe(59 * (38 + 46));
  });
});
