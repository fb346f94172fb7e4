import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalReportJson, reportFromJson } from '../../../src/domain/supervision/report.js';
import { inOrg, systemContext } from '../../../src/services/context.js';
import { seedFoundation, type DemoOrganizations } from '../../../src/services/demo/foundation.js';
import { seedDemoRegistry } from '../../../src/services/demo/supervision-registry.js';
import {
  seedDemoSupervisionReports,
  type DemoReportsResult,
} from '../../../src/services/demo/supervision-reports.js';
import { postEntry } from '../../../src/services/ledger.js';
import { completeness } from '../../../src/services/supervision/reports-office.js';
import { sha256 } from '../../../src/services/supervision/reports.js';
import { testDepsForFile } from '../../support/db.js';

/**
 * The demo's reports: on 20 November 2026 the three demo cooperatives have shared 2026's first
 * three quarters from their books (through maker-checker), and the city's cooperatives not on
 * Sokoguru have typed quarterly reports since 2024 — on time, late, missing — that all pass the
 * office's checks.
 */

const file = testDepsForFile({ clock: () => new Date('2026-11-20T03:00:00Z') });
let orgs: DemoOrganizations;
let result: DemoReportsResult;

beforeAll(async () => {
  const deps = file.deps;
  ({ orgs } = await seedFoundation(deps));
  await seedDemoRegistry(
    deps,
    { city: orgs.dinas, province: orgs.province },
    { ksp: orgs.ksp, kspps: orgs.kspps, konsumen: orgs.konsumen },
  );
  // a little of each cooperative's books (the full demo posts a year of them)
  for (const org of [orgs.ksp, orgs.kspps, orgs.konsumen])
    await inOrg(deps, systemContext(org.id, 'test'), (o) =>
      postEntry(o, {
        entryDate: '2026-01-05',
        description: 'Saldo awal',
        source: { type: 'test.demo-reports' },
        lines: [
          { account: { code: '1103' }, debitRupiah: 150_000_000n },
          { account: { code: '3101' }, creditRupiah: 10_000_000n },
          { account: { code: '3102' }, creditRupiah: 40_000_000n },
          { account: { code: '2101' }, creditRupiah: 100_000_000n },
        ],
      }),
    );
  result = await seedDemoSupervisionReports(
    deps,
    { city: orgs.dinas, province: orgs.province },
    { ksp: orgs.ksp, kspps: orgs.kspps, konsumen: orgs.konsumen },
  );
}, 300_000);

describe('demo reports', () => {
  it('the three cooperatives shared 2026’s first three quarters from their books', async () => {
    expect(result.shared).toBe(9);
    const r = await sql<{ n: number; approved: number }>`
      select count(*)::int as n, count(approved_by)::int as approved from supervision_reports
      where channel = 'ledger'`.execute(file.deps.database.db);
    expect(r.rows[0]).toEqual({ n: 9, approved: 9 });
  });

  it('the city sees on time, late and missing reports, and its linked cooperatives’ shares', async () => {
    const grid = await completeness(file.deps, systemContext(orgs.dinas.id), {
      kind: 'quarterly',
      periods: 8,
      limit: 1000,
    });
    expect(grid.periods[0]).toBe('2026-Q3');
    const all = grid.summary.reduce(
      (s, p) => ({
        on_time: s.on_time + p.counts.on_time,
        late: s.late + p.counts.late,
        missing: s.missing + p.counts.missing,
      }),
      { on_time: 0, late: 0, missing: 0 },
    );
    expect(all.on_time).toBeGreaterThan(all.late);
    expect(all.late).toBeGreaterThan(0);
    expect(all.missing).toBeGreaterThan(0);
    const konsumen = grid.items.find((i) => i.name === orgs.konsumen.name)!;
    expect(konsumen.cells.find((c) => c.period === '2026-Q1')!.status).toBe('on_time');
    expect(konsumen.cells.find((c) => c.period === '2026-Q2')!.status).toBe('late');
    expect(result.typed).toBeGreaterThan(2000);
    expect(result.reminders).toBeGreaterThan(0);
  });

  it('every typed report is stored exactly: its content hashes to its stamp', async () => {
    const r = await sql<{ content: unknown; content_sha256: string }>`
      select content, content_sha256 from supervision_reports order by id limit 200`.execute(
      file.deps.database.db,
    );
    for (const row of r.rows)
      expect(sha256(canonicalReportJson(reportFromJson(row.content)))).toBe(row.content_sha256);
  });
});
