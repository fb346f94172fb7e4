import { sql } from 'kysely';
import { allRegistry } from '../../db/registry.repo.js';
import { findUserByUsername } from '../../db/users.repo.js';
import { addDays, businessDateWib, type IsoDate } from '../../domain/calendar.js';
import { RUNS_ON_SOKOGURU } from '../../domain/supervision/koperasi-modern.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import type { OrganizationView } from '../organizations.js';
import { rng } from './common.js';

/**
 * The demo city office's koperasi modern programme (issue 16 item 5): a target of 30 cooperatives
 * meeting the October 2024 two criteria by the end of 2026; about 40 cooperatives assessed under
 * it from November 2024, re-assessed every five to eight months, most gaining a criterion over
 * time (the two on Sokoguru inside a digital ecosystem from the start), so the count climbs from a
 * handful at the end of 2024 to the low twenties by December 2026 and a dozen stay one or two
 * criteria short; and fifteen cooperatives checked in 2024 under the earlier seven indicators
 * (three met all seven). Set-based: a few statements whatever the count.
 */

export interface DemoChecklist {
  registryId: bigint;
  regionCode: string;
  versionCode: 'dua-kriteria-2024-10' | 'tujuh-indikator-2020';
  assessedOn: IsoDate;
  met: boolean[];
  suggested: boolean[];
}

const OFFTAKER_PDF = (name: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${name}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );

/**
 * The checklists of the demo: `rows` are the city's active cooperatives (those on Sokoguru first);
 * nothing is dated after `today`.
 */
export function demoChecklistPlan(
  rows: { id: bigint; region_code: string; linked_organization_id: string | null }[],
  today: IsoDate,
): DemoChecklist[] {
  const next = rng(5_2026);
  const out: DemoChecklist[] = [];
  const day = (from: IsoDate, spanDays: number) => addDays(from, Math.floor(next() * spanDays));
  rows.slice(0, 40).forEach((r, n) => {
    const linked = r.linked_organization_id !== null;
    // when each criterion is met: inside a digital ecosystem, financing from a modern institution
    const u = next();
    const digitalOn = linked ? '2024-01-01' : u < 0.8 ? day('2024-09-01', 720) : null;
    const financeOn = n % 7 === 6 ? null : day('2024-06-01', 840);
    let on = day('2024-11-01', 200);
    while (on <= today) {
      const met = [digitalOn !== null && digitalOn <= on, financeOn !== null && financeOn <= on];
      out.push({
        registryId: r.id,
        regionCode: r.region_code,
        versionCode: 'dua-kriteria-2024-10',
        assessedOn: on,
        met,
        suggested: [linked, false],
      });
      on = day(addDays(on, 150), 90);
    }
    if (n < 15) {
      const seven = Array.from({ length: 7 }, (_, i) => n < 3 || next() < 0.35 + i * 0.05);
      const assessedOn = day('2024-02-01', 200);
      if (assessedOn <= today)
        out.push({
          registryId: r.id,
          regionCode: r.region_code,
          versionCode: 'tujuh-indikator-2020',
          assessedOn,
          met: seven,
          suggested: seven.map(() => false),
        });
    }
  });
  return out;
}

export async function seedDemoKoperasiModern(
  deps: Deps,
  office: OrganizationView,
  options: { today?: IsoDate } = {},
): Promise<{ checklists: number }> {
  const today = options.today ?? businessDateWib(deps.clock());
  const [admin, examiner] = await Promise.all(
    ['dinas.admin', 'dinas.pengawas'].map(async (u) => {
      const found = await findUserByUsername(deps.database.db, u);
      if (!found) throw new Error(`demo user ${u} is missing`);
      return found;
    }),
  );
  const ctx: OrgContext = {
    organizationId: office.id,
    actor: { userId: admin!.id, label: 'dinas.admin' },
    roles: ['dinas_admin'],
    requestId: null,
    ip: null,
  };
  return inOrg(deps, ctx, async (o) => {
    const region = office.dinasRegionCode ?? '';
    const rows = (await allRegistry(o.tx, region))
      .filter((r) => r.status === 'active')
      .sort(
        (a, b) =>
          Number(b.linked_organization_id !== null) - Number(a.linked_organization_id !== null) ||
          Number(a.id - b.id),
      );
    const plan = demoChecklistPlan(rows, today);
    const versions = await sql<{ id: bigint; code: string }>`
      select id, code from koperasi_modern_criteria_versions where region_code = ''`.execute(o.tx);
    const versionOf = new Map(versions.rows.map((v) => [v.code, v.id.toString()]));
    const inserted = await sql<{
      id: bigint;
      registry_id: bigint;
      version_id: bigint;
      assessed_on: string;
    }>`
      insert into koperasi_modern_assessments
        (region_code, registry_id, version_id, assessed_on, assessor_user_id, assessor_name)
      select p.region_code, p.registry_id, p.version_id, p.assessed_on, ${examiner!.id}::uuid,
        ${examiner!.fullName}
      from unnest(${plan.map((p) => p.regionCode)}::text[],
                  ${plan.map((p) => p.registryId.toString())}::int8[],
                  ${plan.map((p) => versionOf.get(p.versionCode)!)}::int8[],
                  ${plan.map((p) => p.assessedOn)}::date[])
        as p(region_code, registry_id, version_id, assessed_on)
      returning id, registry_id, version_id, assessed_on::text as assessed_on`.execute(o.tx);
    // a cooperative has one checklist per version and day in the plan
    const key = (registryId: bigint, versionId: string, on: string) =>
      `${registryId}|${versionId}|${on}`;
    const idOf = new Map(
      inserted.rows.map((r) => [key(r.registry_id, r.version_id.toString(), r.assessed_on), r.id]),
    );
    const ids = {
      rows: plan.map((p) => ({
        id: idOf.get(key(p.registryId, versionOf.get(p.versionCode)!, p.assessedOn))!,
      })),
    };
    const answers = plan.flatMap((p, k) =>
      p.met.map((met, i) => ({
        k,
        itemNo: i + 1,
        met,
        note: p.suggested[i] && met ? RUNS_ON_SOKOGURU : met ? null : 'belum ada bukti',
        suggested: p.suggested[i] === true && met,
      })),
    );
    await sql`
      insert into koperasi_modern_answers
        (region_code, registry_id, assessment_id, version_id, item_no, met, note, suggested)
      select a.region_code, a.registry_id, a.id, a.version_id, x.item_no, x.met, x.note, x.suggested
      from unnest(${answers.map((x) => ids.rows[x.k]!.id.toString())}::int8[],
                  ${answers.map((x) => x.itemNo)}::int2[], ${answers.map((x) => x.met)}::bool[],
                  ${answers.map((x) => x.note)}::text[], ${answers.map((x) => x.suggested)}::bool[])
        as x(assessment_id, item_no, met, note, suggested)
      join koperasi_modern_assessments a on a.id = x.assessment_id`.execute(o.tx);
    // the loan agreement behind "access to financing" of the latest qualifying checklists
    const withEvidence = plan
      .map((p, k) => ({ p, id: ids.rows[k]!.id }))
      .filter(({ p }) => p.versionCode === 'dua-kriteria-2024-10' && p.met.every(Boolean))
      .slice(-12);
    const pdf = OFFTAKER_PDF('Perjanjian pembiayaan');
    await sql`
      insert into koperasi_modern_evidence
        (region_code, registry_id, assessment_id, item_no, file_name, content_type, content, uploaded_by)
      select a.region_code, a.registry_id, a.id, 2, 'perjanjian-pembiayaan.pdf', 'application/pdf',
        ${pdf}, ${examiner!.id}::uuid
      from koperasi_modern_assessments a
      where a.id = any(${withEvidence.map((e) => e.id.toString())}::int8[])`.execute(o.tx);
    await sql`
      insert into koperasi_modern_targets (organization_id, version_id, target_year, target_count, note, set_by)
      values (${office.id}, ${versionOf.get('dua-kriteria-2024-10')}::int8, 2026, 30,
        'RPJMD Kota Pekalongan 2021–2026 (demo)', ${admin!.id}::uuid)`.execute(o.tx);
    return { checklists: plan.length };
  });
}
