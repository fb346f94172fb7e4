import { sql, type Insertable, type Selectable } from 'kysely';
import type { Queryable } from './database.js';
import type {
  HealthAssessmentAnswersTable,
  HealthAssessmentEvidenceTable,
  HealthAssessmentsTable,
  HealthRubricVersionsTable,
} from './schema.js';

/**
 * Health assessments and loaded rubric versions (migration 0014). Assessment statements are
 * scoped to the office's region prefix as the registry's are (registry.repo.ts); row-level
 * security holds the transaction to the same prefix.
 */

export type RubricVersionRow = Selectable<HealthRubricVersionsTable>;
export type AssessmentRow = Selectable<HealthAssessmentsTable>;
export type AnswerRow = Selectable<HealthAssessmentAnswersTable>;
export type EvidenceMeta = Omit<Selectable<HealthAssessmentEvidenceTable>, 'content'>;

const under = (region: string) => sql<boolean>`region_code like ${`${region}%`}`;

// Rubric versions -------------------------------------------------------------------------------

export async function rubricVersions(db: Queryable): Promise<RubricVersionRow[]> {
  return db
    .selectFrom('health_rubric_versions')
    .selectAll()
    .orderBy('rubric_id')
    .orderBy('loaded_at')
    .execute();
}

export async function findRubricVersion(
  db: Queryable,
  rubricId: string,
  version: string,
): Promise<RubricVersionRow | undefined> {
  return db
    .selectFrom('health_rubric_versions')
    .selectAll()
    .where('rubric_id', '=', rubricId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function insertRubricVersion(
  db: Queryable,
  row: Insertable<HealthRubricVersionsTable>,
): Promise<RubricVersionRow | undefined> {
  return db
    .insertInto('health_rubric_versions')
    .values(row)
    .onConflict((oc) => oc.columns(['rubric_id', 'version']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

// Assessments -----------------------------------------------------------------------------------

export interface AssessmentFilter {
  registryId?: bigint;
  status?: 'draft' | 'final';
  limit: number;
  beforeId?: bigint;
}

export async function listAssessments(
  db: Queryable,
  region: string,
  f: AssessmentFilter,
): Promise<(AssessmentRow & { registry_name: string; superseded_by: bigint | null })[]> {
  const r = await sql<AssessmentRow & { registry_name: string; superseded_by: bigint | null }>`
    select a.*, c.name as registry_name,
      (select s.id from health_assessments s where s.supersedes_id = a.id and s.registry_id = a.registry_id) as superseded_by
    from health_assessments a join registry_cooperatives c on c.id = a.registry_id
    where a.region_code like ${`${region}%`}
    ${f.registryId !== undefined ? sql`and a.registry_id = ${f.registryId}` : sql``}
    ${f.status ? sql`and a.status = ${f.status}` : sql``}
    ${f.beforeId !== undefined ? sql`and a.id < ${f.beforeId}` : sql``}
    order by a.id desc limit ${f.limit}`.execute(db);
  return r.rows;
}

export async function findAssessment(
  db: Queryable,
  region: string,
  id: bigint,
  forUpdate = false,
): Promise<AssessmentRow | undefined> {
  const r = await sql<AssessmentRow>`select * from health_assessments
    where ${under(region)} and id = ${id} ${forUpdate ? sql`for update` : sql``}`.execute(db);
  return r.rows[0];
}

export async function supersededBy(
  db: Queryable,
  a: { registry_id: bigint; id: bigint },
): Promise<bigint | null> {
  const r = await db
    .selectFrom('health_assessments')
    .select('id')
    .where('registry_id', '=', a.registry_id)
    .where('supersedes_id', '=', a.id)
    .executeTakeFirst();
  return r?.id ?? null;
}

export type NewAssessment = Insertable<HealthAssessmentsTable>;

export async function insertAssessment(db: Queryable, row: NewAssessment): Promise<AssessmentRow> {
  return db.insertInto('health_assessments').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateDraft(
  db: Queryable,
  a: AssessmentRow,
  patch: Partial<NewAssessment>,
): Promise<AssessmentRow> {
  return db
    .updateTable('health_assessments')
    .set({ ...patch, updated_at: sql<Date>`now()` })
    .where('registry_id', '=', a.registry_id)
    .where('id', '=', a.id)
    .where('status', '=', 'draft')
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Replaces a draft's figures and answers (the trigger refuses it for a final assessment). */
export async function replaceParts(
  db: Queryable,
  a: AssessmentRow,
  figures: Record<string, bigint>,
  answers: { checklist: string; itemNo: number; answer: boolean; note: string | null }[],
): Promise<void> {
  const key = { region_code: a.region_code, registry_id: a.registry_id, assessment_id: a.id };
  await db
    .deleteFrom('health_assessment_figures')
    .where('registry_id', '=', a.registry_id)
    .where('assessment_id', '=', a.id)
    .execute();
  await db
    .deleteFrom('health_assessment_answers')
    .where('registry_id', '=', a.registry_id)
    .where('assessment_id', '=', a.id)
    .execute();
  const figureRows = Object.entries(figures).map(([input_key, amount_rupiah]) => ({
    ...key,
    input_key,
    amount_rupiah,
  }));
  if (figureRows.length > 0)
    await db.insertInto('health_assessment_figures').values(figureRows).execute();
  if (answers.length > 0)
    await db
      .insertInto('health_assessment_answers')
      .values(
        answers.map((x) => ({
          ...key,
          checklist: x.checklist,
          item_no: x.itemNo,
          answer: x.answer,
          note: x.note,
        })),
      )
      .execute();
}

export async function figuresOf(
  db: Queryable,
  a: { registry_id: bigint; id: bigint },
): Promise<Record<string, bigint>> {
  const rows = await db
    .selectFrom('health_assessment_figures')
    .select(['input_key', 'amount_rupiah'])
    .where('registry_id', '=', a.registry_id)
    .where('assessment_id', '=', a.id)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.input_key, r.amount_rupiah]));
}

export async function answersOf(
  db: Queryable,
  a: { registry_id: bigint; id: bigint },
): Promise<AnswerRow[]> {
  return db
    .selectFrom('health_assessment_answers')
    .selectAll()
    .where('registry_id', '=', a.registry_id)
    .where('assessment_id', '=', a.id)
    .orderBy('checklist')
    .orderBy('item_no')
    .execute();
}

export async function evidenceOf(
  db: Queryable,
  a: { registry_id: bigint; id: bigint },
): Promise<EvidenceMeta[]> {
  return db
    .selectFrom('health_assessment_evidence')
    .select([
      'region_code',
      'registry_id',
      'assessment_id',
      'id',
      'checklist',
      'item_no',
      'file_name',
      'content_type',
      'uploaded_by',
      'uploaded_at',
    ])
    .where('registry_id', '=', a.registry_id)
    .where('assessment_id', '=', a.id)
    .orderBy('id')
    .execute();
}

export async function insertEvidence(
  db: Queryable,
  a: AssessmentRow,
  e: {
    checklist: string;
    itemNo: number;
    fileName: string;
    contentType: HealthAssessmentEvidenceTable['content_type'];
    content: Uint8Array;
    uploadedBy: string | null;
  },
): Promise<EvidenceMeta> {
  return db
    .insertInto('health_assessment_evidence')
    .values({
      region_code: a.region_code,
      registry_id: a.registry_id,
      assessment_id: a.id,
      checklist: e.checklist,
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
      'checklist',
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
  assessmentId: bigint,
  evidenceId: bigint,
): Promise<Selectable<HealthAssessmentEvidenceTable> | undefined> {
  const r = await sql<
    Selectable<HealthAssessmentEvidenceTable>
  >`select * from health_assessment_evidence
    where ${under(region)} and assessment_id = ${assessmentId} and id = ${evidenceId}`.execute(db);
  return r.rows[0];
}

export async function evidenceCount(
  db: Queryable,
  a: { registry_id: bigint; id: bigint },
): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from health_assessment_evidence
    where registry_id = ${a.registry_id} and assessment_id = ${a.id}`.execute(db);
  return r.rows[0]?.n ?? 0;
}
