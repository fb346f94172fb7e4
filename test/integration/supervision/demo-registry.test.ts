import { beforeAll, describe, expect, it } from 'vitest';
import { listDistricts } from '../../../src/domain/identity/regions.js';
import { sql } from 'kysely';
import { inOrg, systemContext } from '../../../src/services/context.js';
import { seedFoundation, type DemoOrganizations } from '../../../src/services/demo/foundation.js';
import { seedDemoEarlyWarning } from '../../../src/services/demo/supervision-early-warning.js';
import { seedDemoRatCompliance } from '../../../src/services/demo/supervision-rat.js';
import { seedDemoMediation } from '../../../src/services/demo/supervision-mediation.js';
import { inTenantTransaction } from '../../../src/db/database.js';
import {
  DEMO_REGISTRY_SIZE,
  demoRegistryRows,
  seedDemoRegistry,
} from '../../../src/services/demo/supervision-registry.js';
import { testDepsForFile } from '../../support/db.js';

/**
 * The demo registry of Dinas Kota Pekalongan: its spreadsheet goes in through the office's own
 * import, the three demo cooperatives are linked rows (never a second row), and the KSP whose
 * members live in two regencies is the province's.
 */

const file = testDepsForFile({ clock: () => new Date('2026-11-20T03:00:00Z') });
let orgs: DemoOrganizations;

beforeAll(async () => {
  ({ orgs } = await seedFoundation(file.deps));
  await seedDemoRegistry(
    file.deps,
    { city: orgs.dinas, province: orgs.province },
    { ksp: orgs.ksp, kspps: orgs.kspps, konsumen: orgs.konsumen },
  );
}, 120_000);

/** The rows an office's own tenant transaction sees (row-level security is the wall). */
const seenBy = (officeId: string) =>
  inOrg(file.deps, systemContext(officeId), async (o) => {
    const r = await sql<{ regionCode: string; linkedOrganizationId: string | null }>`
      SELECT region_code AS "regionCode", linked_organization_id AS "linkedOrganizationId"
      FROM registry_cooperatives`.execute(o.tx);
    return r.rows;
  });

describe('demo registry', () => {
  it('the city office sees its imported cooperatives and its two linked ones, not the KSP', async () => {
    const rows = await seenBy(orgs.dinas.id);
    expect(rows).toHaveLength(DEMO_REGISTRY_SIZE + 2);
    const linked = rows.filter((r) => r.linkedOrganizationId !== null);
    expect(linked.map((r) => r.linkedOrganizationId).sort()).toEqual(
      [orgs.kspps.id, orgs.konsumen.id].sort(),
    );
    expect(rows.some((r) => r.linkedOrganizationId === orgs.ksp.id)).toBe(false);
  });

  it('the province office sees the city’s rows and the KSP, filed once under region 33', async () => {
    const rows = await seenBy(orgs.province.id);
    expect(rows).toHaveLength(DEMO_REGISTRY_SIZE + 3);
    const ksp = rows.filter((r) => r.linkedOrganizationId === orgs.ksp.id);
    expect(ksp).toHaveLength(1);
    expect(ksp[0]!.regionCode).toBe('33');
  });

  it('the spreadsheet is a plausible city: every district, the type mix, points inside the city', () => {
    const rows = demoRegistryRows();
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
    const districts = new Set(rows.map((r) => r.districtCode));
    expect([...districts].sort()).toEqual(listDistricts('3375').map((d) => d.code));
    const byType = (t: string) => rows.filter((r) => r.cooperativeType === t).length;
    expect(byType('KONSUMEN')).toBeGreaterThan(byType('KSP'));
    for (const t of ['KSP', 'KSPPS', 'PRODUSEN', 'PEMASARAN', 'JASA'])
      expect(byType(t)).toBeGreaterThan(0);
    for (const r of rows) {
      expect(Number(r.latitude)).toBeGreaterThan(-6.94);
      expect(Number(r.latitude)).toBeLessThan(-6.85);
      expect(Number(r.longitude)).toBeGreaterThan(109.64);
      expect(Number(r.longitude)).toBeLessThan(109.71);
    }
    const active = rows.filter((r) => r.status === 'aktif').length;
    expect(active / rows.length).toBeGreaterThan(0.7);
    expect(active).toBeLessThan(rows.length);
  });
});

describe('demo early warning', () => {
  it('officers by district, three years of RATs mostly on time, and alerts to both officers', async () => {
    const r = await seedDemoEarlyWarning(file.deps, orgs.dinas);
    const rows = await inOrg(file.deps, systemContext(orgs.dinas.id), async (o) => {
      const q = await sql<{ district_code: string | null; officer: string | null }>`
        select c.district_code, u.username as officer
        from registry_cooperatives c left join users u on u.id = c.officer_user_id
        where c.region_code = '3375'`.execute(o.tx);
      return q.rows;
    });
    expect(rows.length).toBeGreaterThan(290);
    for (const x of rows)
      expect(x.officer).toBe(
        ['337501', '337504'].includes(x.district_code ?? '') ? 'dinas.pembina' : 'dinas.pengawas',
      );
    const rats = await inOrg(file.deps, systemContext(orgs.dinas.id), async (o) => {
      const q = await sql<{ book_year: number; late: boolean; n: number }>`
        select book_year, held_on > make_date(book_year + 1, 6, 30) as late, count(*)::int as n
        from registry_rats group by 1, 2 order by 1, 2`.execute(o.tx);
      return q.rows;
    });
    expect(rats.map((x) => x.book_year)).toEqual([2023, 2023, 2024, 2024, 2025, 2025]);
    const held = rats.reduce((s, x) => s + x.n, 0);
    const late = rats.filter((x) => x.late).reduce((s, x) => s + x.n, 0);
    expect(held).toBe(r.rats);
    // about 7 % not held and 11 % late of some 900 cooperative-years
    expect(held / (rows.length * 3)).toBeGreaterThan(0.88);
    expect(held / (rows.length * 3)).toBeLessThan(0.97);
    expect(late / held).toBeGreaterThan(0.07);
    expect(late / held).toBeLessThan(0.16);
    const alerts = await inOrg(file.deps, systemContext(orgs.dinas.id), async (o) => {
      const q = await sql<{ officer: string; rule: string; n: number }>`
        select u.username as officer, a.rule, count(*)::int as n
        from early_warning_alerts a join users u on u.id = a.officer_user_id
        where a.cleared_on is null group by 1, 2 order by 1, 2`.execute(o.tx);
      return q.rows;
    });
    // no reports in this file: the RAT rule alone fires, for both officers' cooperatives
    expect(new Set(alerts.map((a) => a.officer))).toEqual(
      new Set(['dinas.pembina', 'dinas.pengawas']),
    );
    expect(new Set(alerts.map((a) => a.rule))).toEqual(new Set(['rat']));
    expect(alerts.reduce((s, a) => s + a.n, 0)).toBe(r.alerts);
  });

  it('RAT documents as they arrived and the year’s reminders, the overdue one through the service', async () => {
    const r = await seedDemoRatCompliance(file.deps, orgs.dinas);
    const q = await inOrg(file.deps, systemContext(orgs.dinas.id), async (o) => {
      const docs = await sql<{ complete: number; held: number; early: number }>`
        select count(*) filter (where n = 4)::int as complete, count(*)::int as held,
               count(*) filter (where first_on < held_on)::int as early
        from (select r.registry_id, r.book_year, r.held_on, count(d.*) as n,
                     min(d.received_on) as first_on
              from registry_rats r left join registry_rat_documents d
                on d.registry_id = r.registry_id and d.book_year = r.book_year
              group by 1, 2, 3) x`.execute(o.tx);
      const reminders = await sql<{ stage: string; n: number; held_before: number }>`
        select m.stage, count(*)::int as n,
               count(*) filter (where exists (select from registry_rats r where r.registry_id = m.registry_id
                 and r.book_year = m.book_year and r.held_on <= m.sent_on))::int as held_before
        from registry_rat_reminders m group by 1 order by 1`.execute(o.tx);
      return { docs: docs.rows[0]!, reminders: reminders.rows };
    });
    // most RATs sent all four documents; none arrived before its meeting
    expect(q.docs.complete / q.docs.held).toBeGreaterThan(0.8);
    expect(q.docs.complete).toBeLessThan(q.docs.held);
    expect(q.docs.early).toBe(0);
    expect(r.documents).toBeGreaterThan(q.docs.held * 3);
    // every stage reached only cooperatives that had not held the 2025 RAT by that day
    expect(q.reminders.map((m) => m.stage)).toEqual(['h14', 'h60', 'overdue']);
    for (const m of q.reminders) expect(m.held_before).toBe(0);
    const byStage = Object.fromEntries(q.reminders.map((m) => [m.stage, m.n]));
    expect(byStage.h60!).toBeGreaterThanOrEqual(byStage.h14!);
    expect(byStage.h14!).toBeGreaterThanOrEqual(byStage.overdue!);
    expect(r.reminders).toBe(byStage.h60! + byStage.h14! + byStage.overdue!);
  });

  it('mediation: the pembina’s two cases, seen by her and the pengawas assigned, not by the administrator', async () => {
    const r = await seedDemoMediation(file.deps, orgs.dinas);
    expect(r.cases).toBe(2);
    const seenBy = async (username: string) => {
      const u = await sql<{
        id: string;
      }>`select id from users where username = ${username}`.execute(file.deps.database.db);
      return inTenantTransaction(file.deps.database.db, orgs.dinas.id, async (tx) => {
        await sql`select set_config('sokoguru.user_id', ${u.rows[0]!.id}, true)`.execute(tx);
        const q = await sql<{ status: string; paid: string; overdue: number }>`
          select c.status,
                 coalesce((select sum(paid_rupiah) from mediation_instalments i where i.case_id = c.id), 0)::text as paid,
                 (select count(*) from mediation_instalments i
                  where i.case_id = c.id and i.paid_rupiah < i.amount_rupiah and i.due_on < ${'2026-11-20'}::date)::int as overdue
          from mediation_cases c order by c.opened_on`.execute(tx);
        return q.rows;
      });
    };
    const pembina = await seenBy('dinas.pembina');
    expect(pembina.map((c) => c.status)).toEqual(['resolved', 'agreement']);
    // two instalments paid, the third overdue on the demo's day
    expect(pembina[1]).toEqual({ status: 'agreement', paid: '23333332', overdue: 1 });
    expect(await seenBy('dinas.pengawas')).toHaveLength(1);
    expect(await seenBy('dinas.admin')).toEqual([]);
  });
});
