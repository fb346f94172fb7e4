import { sql } from 'kysely';
import { allRegistry } from '../../db/registry.repo.js';
import { findUserByUsername } from '../../db/users.repo.js';
import { addDays, businessDateWib, type IsoDate } from '../../domain/calendar.js';
import { DEFAULT_THRESHOLDS, ratDeadline } from '../../domain/supervision/early-warning.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import type { OrganizationView } from '../organizations.js';
import { checkAlerts, setWarningThresholds } from '../supervision/early-warning.js';
import { rng } from './common.js';

/**
 * Early warning for the demo city office (issue 15 item 5): its pembina is in charge of the
 * cooperatives of Pekalongan Barat and Pekalongan Selatan, its pengawas of Timur and Utara; the registry's
 * cooperatives held their RATs for the last three book years mostly by March–June, some late
 * (July–October), a few not at all; the office set its thresholds (NPL up to 8 %, since many small
 * cooperatives of the city run at 5–8 %); and the morning check raised the alerts to both officers.
 */

export interface DemoRatPlan {
  registryId: bigint;
  regionCode: string;
  bookYear: number;
  heldOn: IsoDate;
}

/**
 * The RATs of the given cooperatives for the three book years before `today`'s year whose
 * deadline has passed or is this year: 82 % on time, 11 % late, 7 % not held (no row); a
 * cooperative founded after a year ended owes nothing for it.
 */
export function demoRatPlan(
  rows: { id: bigint; region_code: string; badan_hukum_date: string | null }[],
  today: IsoDate,
): DemoRatPlan[] {
  const next = rng(6_2026);
  const lastYear = Number(today.slice(0, 4)) - 1;
  const out: DemoRatPlan[] = [];
  for (const r of rows)
    for (let year = lastYear - 2; year <= lastYear; year++) {
      const u = next();
      const v = next();
      if (r.badan_hukum_date !== null && r.badan_hukum_date > `${year}-12-31`) continue;
      if (u < 0.07) continue; // not held
      const deadline = ratDeadline(year);
      const heldOn =
        u < 0.18
          ? addDays(deadline, 1 + Math.floor(v * 120)) // late, July to October
          : addDays(`${year + 1}-02-01`, Math.floor(v * 149)); // February to 29/30 June
      if (heldOn <= today)
        out.push({ registryId: r.id, regionCode: r.region_code, bookYear: year, heldOn });
    }
  return out;
}

export async function seedDemoEarlyWarning(
  deps: Deps,
  office: OrganizationView,
  options: { today?: IsoDate } = {},
): Promise<{ rats: number; alerts: number }> {
  const today = options.today ?? businessDateWib(deps.clock());
  const users = Object.fromEntries(
    await Promise.all(
      ['dinas.admin', 'dinas.pembina', 'dinas.pengawas'].map(async (u) => {
        const found = await findUserByUsername(deps.database.db, u);
        if (!found) throw new Error(`demo user ${u} is missing`);
        return [u, found.id] as const;
      }),
    ),
  );
  const ctx = (username: string, role: 'dinas_admin' | 'dinas_pembina'): OrgContext => ({
    organizationId: office.id,
    actor: { userId: users[username]!, label: username },
    roles: [role],
    requestId: null,
    ip: null,
  });
  const rats = await inOrg(deps, ctx('dinas.admin', 'dinas_admin'), async (o) => {
    const rows = await allRegistry(o.tx, office.dinasRegionCode ?? '');
    // officers by district: Pekalongan Barat and Selatan to the pembina, Timur and Utara to the pengawas
    await sql`
      update registry_cooperatives set officer_user_id =
        case when district_code in ('337501', '337504') then ${users['dinas.pembina']}::uuid
             else ${users['dinas.pengawas']}::uuid end
      where region_code = ${office.dinasRegionCode ?? ''}`.execute(o.tx);
    const plan = demoRatPlan(rows, today);
    await sql`
      insert into registry_rats (region_code, registry_id, book_year, held_on, recorded_by)
      select r.region_code, r.registry_id, r.book_year, r.held_on, ${users['dinas.pembina']}::uuid
      from unnest(${plan.map((p) => p.regionCode)}::text[], ${plan.map((p) => p.registryId.toString())}::int8[],
                  ${plan.map((p) => p.bookYear)}::int4[], ${plan.map((p) => p.heldOn)}::date[])
        as r(region_code, registry_id, book_year, held_on)
      on conflict do nothing`.execute(o.tx);
    return plan.length;
  });
  await setWarningThresholds(deps, ctx('dinas.admin', 'dinas_admin'), {
    ...DEFAULT_THRESHOLDS,
    nplMaxBps: 800,
  });
  const r = await checkAlerts(deps, ctx('dinas.pembina', 'dinas_pembina'));
  return { rats, alerts: r.open };
}
