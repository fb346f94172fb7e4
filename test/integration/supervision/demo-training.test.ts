import { beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../../src/services/context.js';
import { seedFoundation, type DemoOrganizations } from '../../../src/services/demo/foundation.js';
import { seedDemoRegistry } from '../../../src/services/demo/supervision-registry.js';
import { seedDemoTraining } from '../../../src/services/demo/supervision-training.js';
import {
  certificateList,
  requirementList,
  trainingDetail,
  trainingList,
} from '../../../src/services/supervision/training.js';
import { testDepsForFile } from '../../support/db.js';

/**
 * The demo city office's trainings and certificates (issue 16 item 3): four events 2024–2026 with
 * participants from its registry, attendance and results of the ended ones; certificates of its
 * savings-and-loan cooperatives' managers, some expired, a few expiring within 90 days.
 */

const TODAY = '2026-12-04';
const file = testDepsForFile({ clock: () => new Date(`${TODAY}T03:00:00Z`) });
let orgs: DemoOrganizations;
let seeded: { events: number; participants: number; certificates: number };
let ms = 0;

beforeAll(async () => {
  ({ orgs } = await seedFoundation(file.deps));
  await seedDemoRegistry(
    file.deps,
    { city: orgs.dinas, province: orgs.province },
    { ksp: orgs.ksp, kspps: orgs.kspps, konsumen: orgs.konsumen },
  );
  const t0 = performance.now();
  seeded = await seedDemoTraining(file.deps, orgs.dinas);
  ms = performance.now() - t0;
}, 180_000);

describe('demo trainings and certificates', () => {
  it('four events with participants, attendance and results, seeded in well under a few seconds', async () => {
    expect(seeded.events).toBe(4);
    expect(seeded.participants).toBeGreaterThanOrEqual(60);
    expect(ms).toBeLessThan(5_000);
    const ctx = systemContext(orgs.dinas.id);
    const list = await trainingList(file.deps, ctx, { limit: 10, offset: 0 });
    expect(list.items.map((e) => e.startsOn)).toEqual([
      '2026-10-21',
      '2025-09-09',
      '2025-02-18',
      '2024-05-14',
    ]);
    const certification = await trainingDetail(file.deps, ctx, BigInt(list.items[1]!.id));
    expect(certification.participantList.every((p) => p.result !== null)).toBe(true);
    expect(certification.passed).toBeGreaterThan(0);
    expect(certification.participantList.some((p) => p.rateBps === 10_000)).toBe(true);
  });

  it('certificates: some expired, a few expiring within 90 days, and cooperatives on both sides of the requirement', async () => {
    const ctx = systemContext(orgs.dinas.id);
    const count = async (status: 'expired' | 'expiring' | 'all') =>
      (await certificateList(file.deps, ctx, { status, withinDays: 90, limit: 1, offset: 0 }))
        .total;
    expect(await count('all')).toBe(seeded.certificates);
    expect(await count('expired')).toBeGreaterThan(5);
    expect(await count('expiring')).toBeGreaterThanOrEqual(2);
    const r = await requirementList(file.deps, ctx, { limit: 1, offset: 0 });
    expect(r.met).toBeGreaterThan(5);
    expect(r.notMet).toBeGreaterThan(5);
    // the province sees the certificates of the city's cooperatives too (the registry's wall)
    const province = await certificateList(file.deps, systemContext(orgs.province.id), {
      status: 'all',
      withinDays: 90,
      limit: 1,
      offset: 0,
    });
    expect(province.total).toBe(seeded.certificates);
  });
});
