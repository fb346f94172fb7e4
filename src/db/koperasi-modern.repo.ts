import { sql, type Selectable } from 'kysely';
import type { Queryable } from './database.js';
import { under } from './dinas-dashboard.repo.js';
import type {
  KoperasiModernCriteriaTable,
  KoperasiModernCriteriaVersionsTable,
  KoperasiModernEvidenceTable,
  KoperasiModernTargetsTable,
} from './schema.js';

/**
 * Koperasi modern (migration 0031): criteria versions visible to an office (its region's and those
 * above it: the national ones are ''), its cooperatives' checklists keyed by the registry row (the
 * region wall of 0012), and its own targets. Every statement names the region as row-level
 * security does, so a statement that forgot it still sees only the office's jurisdiction.
 */

export type VersionRow = Selectable<KoperasiModernCriteriaVersionsTable>;
export type ItemRow = Selectable<KoperasiModernCriteriaTable>;
export type TargetRow = Selectable<KoperasiModernTargetsTable> & { set_by_name: string | null };
export type EvidenceMeta = Omit<Selectable<KoperasiModernEvidenceTable>, 'content'>;

/** Versions an office of `region` uses: its own region's and every region above it. */
const visibleTo = (region: string) => sql<boolean>`starts_with(${region}, region_code)`;

export async function versionsFor(db: Queryable, region: string): Promise<VersionRow[]> {
  const r = await sql<VersionRow>`select * from koperasi_modern_criteria_versions
    where ${visibleTo(region)} order by valid_from, id`.execute(db);
  return r.rows;
}

export async function itemsOf(db: Queryable, versionIds: bigint[]): Promise<ItemRow[]> {
  if (versionIds.length === 0) return [];
  return db
    .selectFrom('koperasi_modern_criteria')
    .selectAll()
    .where('version_id', 'in', versionIds)
    .orderBy('version_id')
    .orderBy('item_no')
    .execute();
}

export async function findVersion(
  db: Queryable,
  region: string,
  id: bigint,
): Promise<VersionRow | undefined> {
  const r = await sql<VersionRow>`select * from koperasi_modern_criteria_versions
    where ${visibleTo(region)} and id = ${id}`.execute(db);
  return r.rows[0];
}

export async function insertVersion(
  db: Queryable,
  v: {
    regionCode: string;
    code: string;
    title: string;
    validFrom: string;
    sourceDocument: string;
    sourceNote: string | null;
    createdBy: string | null;
  },
  items: { no: number; textId: string; textEn: string; suggest: 'sokoguru' | null }[],
): Promise<VersionRow> {
  const row = await db
    .insertInto('koperasi_modern_criteria_versions')
    .values({
      region_code: v.regionCode,
      code: v.code,
      title: v.title,
      valid_from: v.validFrom,
      source_document: v.sourceDocument,
      source_note: v.sourceNote,
      created_by: v.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('koperasi_modern_criteria')
    .values(
      items.map((i) => ({
        region_code: v.regionCode,
        version_id: row.id,
        item_no: i.no,
        text_id: i.textId,
        text_en: i.textEn,
        suggest: i.suggest,
      })),
    )
    .execute();
  return row;
}

export async function versionCodeTaken(db: Queryable, region: string, code: string) {
  const r = await sql<{
    n: number;
  }>`select count(*)::int as n from koperasi_modern_criteria_versions
    where region_code = ${region} and code = ${code}`.execute(db);
  return (r.rows[0]?.n ?? 0) > 0;
}

// ---------------------------------------------------------------------------------------------
// Targets (the office's own rows).

export async function targetsOf(db: Queryable, organizationId: string): Promise<TargetRow[]> {
  const r = await sql<TargetRow>`select t.*, u.full_name as set_by_name
    from koperasi_modern_targets t left join users u on u.id = t.set_by
    where t.organization_id = ${organizationId} order by t.id`.execute(db);
  return r.rows;
}

export async function insertTarget(
  db: Queryable,
  organizationId: string,
  t: { versionId: bigint; targetYear: number; targetCount: number; note: string | null },
  setBy: string | null,
): Promise<void> {
  await db
    .insertInto('koperasi_modern_targets')
    .values({
      organization_id: organizationId,
      version_id: t.versionId,
      target_year: t.targetYear,
      target_count: t.targetCount,
      note: t.note,
      set_by: setBy,
    })
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Checklists.

export interface OutcomeRow {
  registry_id: bigint;
  id: bigint;
  assessed_on: string;
  met: number;
  total: number;
}

/** Every checklist under a version in the region, with how many items it met (the progress). */
export async function outcomesOf(
  db: Queryable,
  region: string,
  versionId: bigint,
): Promise<OutcomeRow[]> {
  const r = await sql<OutcomeRow>`
    select a.registry_id, a.id, a.assessed_on,
      count(*) filter (where x.met)::int as met, count(*)::int as total
    from koperasi_modern_assessments a
    join koperasi_modern_answers x on x.registry_id = a.registry_id and x.assessment_id = a.id
    where ${under(region, sql`a.region_code`)} and a.version_id = ${versionId}
    group by a.registry_id, a.id, a.assessed_on`.execute(db);
  return r.rows;
}

export interface StandingRow {
  registry_id: bigint;
  name: string;
  status: string;
  linked_organization_id: string | null;
  assessment_id: bigint | null;
  assessed_on: string | null;
  met: number | null;
  total: number | null;
  /** the items not met, by number */
  missing: number[] | null;
}

/**
 * The region's cooperatives (by name, `q` matching the name; `onlyAssessed`: those with a checklist
 * under the version) with their latest checklist under the version, if any, on `today`.
 */
export async function standingsOf(
  db: Queryable,
  region: string,
  versionId: bigint,
  o: { q?: string; onlyAssessed?: boolean; activeOnly?: boolean; limit: number },
): Promise<StandingRow[]> {
  const r = await sql<StandingRow>`
    with latest as (
      select distinct on (a.registry_id) a.registry_id, a.id, a.assessed_on
      from koperasi_modern_assessments a
      where ${under(region, sql`a.region_code`)} and a.version_id = ${versionId}
      order by a.registry_id, a.assessed_on desc, a.id desc
    ), scored as (
      select l.registry_id, l.id, l.assessed_on,
        count(*) filter (where x.met)::int as met, count(*)::int as total,
        coalesce(array_agg(x.item_no order by x.item_no) filter (where not x.met), '{}') as missing
      from latest l
      join koperasi_modern_answers x on x.registry_id = l.registry_id and x.assessment_id = l.id
      group by l.registry_id, l.id, l.assessed_on
    )
    select c.id as registry_id, c.name, c.status, c.linked_organization_id,
      s.id as assessment_id, s.assessed_on, s.met, s.total, s.missing
    from registry_cooperatives c
    ${o.onlyAssessed ? sql`join` : sql`left join`} scored s on s.registry_id = c.id
    where ${under(region, sql`c.region_code`)}
      ${o.activeOnly ? sql`and c.status = 'active'` : sql``}
      ${o.q ? sql`and lower(c.name) like ${`%${o.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`}` : sql``}
    order by s.total - s.met nulls last, s.met desc nulls last, lower(c.name), c.id
    limit ${o.limit}`.execute(db);
  return r.rows;
}

export interface AssessmentRow {
  registry_id: bigint;
  id: bigint;
  version_id: bigint;
  assessed_on: string;
  note: string | null;
  assessor_name: string;
  recorded_at: Date;
}

export interface AnswerRow {
  assessment_id: bigint;
  item_no: number;
  met: boolean;
  note: string | null;
  suggested: boolean;
}

/** A cooperative's checklists (newest first), their answers and evidence. */
export async function checklistsOf(
  db: Queryable,
  region: string,
  registryId: bigint,
): Promise<{ assessments: AssessmentRow[]; answers: AnswerRow[]; evidence: EvidenceMeta[] }> {
  const a = await sql<AssessmentRow>`
    select registry_id, id, version_id, assessed_on, note, assessor_name, recorded_at
    from koperasi_modern_assessments
    where ${under(region)} and registry_id = ${registryId}
    order by assessed_on desc, id desc`.execute(db);
  if (a.rows.length === 0) return { assessments: [], answers: [], evidence: [] };
  const answers = await sql<AnswerRow>`
    select assessment_id, item_no, met, note, suggested from koperasi_modern_answers
    where ${under(region)} and registry_id = ${registryId}
    order by assessment_id, item_no`.execute(db);
  const evidence = await sql<EvidenceMeta>`
    select region_code, registry_id, assessment_id, id, item_no, file_name, content_type,
      uploaded_by, uploaded_at
    from koperasi_modern_evidence
    where ${under(region)} and registry_id = ${registryId}
    order by assessment_id, item_no, id`.execute(db);
  return { assessments: a.rows, answers: answers.rows, evidence: evidence.rows };
}

export async function insertChecklist(
  db: Queryable,
  c: {
    regionCode: string;
    registryId: bigint;
    versionId: bigint;
    assessedOn: string;
    note: string | null;
    assessorUserId: string | null;
    assessorName: string;
  },
  answers: { itemNo: number; met: boolean; note: string | null; suggested: boolean }[],
): Promise<bigint> {
  const row = await db
    .insertInto('koperasi_modern_assessments')
    .values({
      region_code: c.regionCode,
      registry_id: c.registryId,
      version_id: c.versionId,
      assessed_on: c.assessedOn,
      note: c.note,
      assessor_user_id: c.assessorUserId,
      assessor_name: c.assessorName,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('koperasi_modern_answers')
    .values(
      answers.map((x) => ({
        region_code: c.regionCode,
        registry_id: c.registryId,
        assessment_id: row.id,
        version_id: c.versionId,
        item_no: x.itemNo,
        met: x.met,
        note: x.note,
        suggested: x.suggested,
      })),
    )
    .execute();
  return row.id;
}

export async function findChecklist(
  db: Queryable,
  region: string,
  registryId: bigint,
  id: bigint,
): Promise<(AssessmentRow & { region_code: string }) | undefined> {
  const r = await sql<AssessmentRow & { region_code: string }>`
    select region_code, registry_id, id, version_id, assessed_on, note, assessor_name, recorded_at
    from koperasi_modern_assessments
    where ${under(region)} and registry_id = ${registryId} and id = ${id}`.execute(db);
  return r.rows[0];
}

export async function evidenceCount(db: Queryable, registryId: bigint, assessmentId: bigint) {
  const r = await sql<{ n: number }>`select count(*)::int as n from koperasi_modern_evidence
    where registry_id = ${registryId} and assessment_id = ${assessmentId}`.execute(db);
  return r.rows[0]?.n ?? 0;
}

export async function insertEvidence(
  db: Queryable,
  a: { region_code: string; registry_id: bigint; id: bigint },
  e: {
    itemNo: number;
    fileName: string;
    contentType: KoperasiModernEvidenceTable['content_type'];
    content: Uint8Array;
    uploadedBy: string | null;
  },
): Promise<EvidenceMeta> {
  return db
    .insertInto('koperasi_modern_evidence')
    .values({
      region_code: a.region_code,
      registry_id: a.registry_id,
      assessment_id: a.id,
      item_no: e.itemNo,
      file_name: e.fileName,
      content_type: e.contentType,
      content: e.content,
      uploaded_by: e.uploadedBy,
    })
    .returning([
      'region_code',
      'registry_id',
      'assessment_id',
      'id',
      'item_no',
      'file_name',
      'content_type',
      'uploaded_by',
      'uploaded_at',
    ])
    .executeTakeFirstOrThrow();
}

export async function findEvidence(
  db: Queryable,
  region: string,
  registryId: bigint,
  assessmentId: bigint,
  evidenceId: bigint,
): Promise<Selectable<KoperasiModernEvidenceTable> | undefined> {
  const r = await sql<Selectable<KoperasiModernEvidenceTable>>`
    select * from koperasi_modern_evidence
    where ${under(region)} and registry_id = ${registryId} and assessment_id = ${assessmentId}
      and id = ${evidenceId}`.execute(db);
  return r.rows[0];
}
