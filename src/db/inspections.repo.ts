import { sql, type Insertable, type Selectable } from 'kysely';
import type { Queryable } from './database.js';
import { under } from './dinas-dashboard.repo.js';
import type {
  InspectionEvidenceTable,
  InspectionFindingsTable,
  InspectionRecommendationsTable,
  InspectionVisitsTable,
  SanctionLettersTable,
} from './schema.js';

/**
 * Inspections and the sanctions ladder (migration 0030). Every statement is held to the office's
 * region prefix (the application wall) as well as by the tables' jurisdiction policy.
 */

export type VisitRow = Selectable<InspectionVisitsTable>;
export type FindingRow = Selectable<InspectionFindingsTable>;
export type RecommendationRow = Selectable<InspectionRecommendationsTable>;
export type EvidenceMeta = Omit<Selectable<InspectionEvidenceTable>, 'content'>;
export type LetterRow = Selectable<SanctionLettersTable>;

// Visits ----------------------------------------------------------------------------------------

export async function insertVisit(
  db: Queryable,
  row: Insertable<InspectionVisitsTable>,
  officers: string[],
): Promise<VisitRow> {
  const v = await db
    .insertInto('inspection_visits')
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('inspection_visit_officers')
    .values(
      officers.map((user_id) => ({
        region_code: v.region_code,
        registry_id: v.registry_id,
        visit_id: v.id,
        user_id,
      })),
    )
    .execute();
  return v;
}

export async function findVisit(
  db: Queryable,
  region: string,
  id: bigint,
  forUpdate = false,
): Promise<VisitRow | undefined> {
  const r = await sql<VisitRow>`
    select * from inspection_visits
    where ${under(region)} and id = ${id}
    ${forUpdate ? sql`for update` : sql``}`.execute(db);
  return r.rows[0];
}

export interface VisitListRow extends VisitRow {
  registry_name: string;
  findings: number;
  open_recommendations: number;
  overdue_recommendations: number;
}

export async function listVisits(
  db: Queryable,
  region: string,
  f: { registryId?: bigint; status?: string; limit: number },
  today: string,
): Promise<VisitListRow[]> {
  const r = await sql<VisitListRow>`
    select v.*, c.name as registry_name,
      (select count(*)::int from inspection_findings f
        where f.registry_id = v.registry_id and f.visit_id = v.id) as findings,
      (select count(*)::int from inspection_recommendations r
        join inspection_findings f on f.registry_id = r.registry_id and f.id = r.finding_id
        where f.registry_id = v.registry_id and f.visit_id = v.id and r.done_on is null) as open_recommendations,
      (select count(*)::int from inspection_recommendations r
        join inspection_findings f on f.registry_id = r.registry_id and f.id = r.finding_id
        where f.registry_id = v.registry_id and f.visit_id = v.id and r.done_on is null
          and r.due_on < ${today}) as overdue_recommendations
    from inspection_visits v join registry_cooperatives c on c.id = v.registry_id
    where ${under(region, sql`v.region_code`)}
    ${f.registryId !== undefined ? sql`and v.registry_id = ${f.registryId}` : sql``}
    ${f.status ? sql`and v.status = ${f.status}` : sql``}
    order by v.planned_on desc, v.id desc
    limit ${f.limit}`.execute(db);
  return r.rows;
}

/** Every visit of one cooperative, in the order they were planned. */
export async function visitsOf(db: Queryable, registryId: bigint): Promise<VisitRow[]> {
  return db
    .selectFrom('inspection_visits')
    .selectAll()
    .where('registry_id', '=', registryId)
    .orderBy('planned_on')
    .orderBy('id')
    .execute();
}

export async function visitOfficers(
  db: Queryable,
  registryId: bigint,
  visitIds: bigint[],
): Promise<{ visit_id: bigint; user_id: string; full_name: string }[]> {
  if (visitIds.length === 0) return [];
  const r = await sql<{ visit_id: bigint; user_id: string; full_name: string }>`
    select o.visit_id, o.user_id, u.full_name
    from inspection_visit_officers o join users u on u.id = o.user_id
    where o.registry_id = ${registryId} and o.visit_id = any(${visitIds.map(String)}::bigint[])
    order by u.full_name`.execute(db);
  return r.rows;
}

export async function closeVisit(
  db: Queryable,
  v: VisitRow,
  status: 'done' | 'cancelled',
  on: string,
  note: string | null,
): Promise<VisitRow> {
  return db
    .updateTable('inspection_visits')
    .set({ status, closed_on: on, closed_note: note })
    .where('registry_id', '=', v.registry_id)
    .where('id', '=', v.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

// Checklist answers -----------------------------------------------------------------------------

export interface AnswerInput {
  checklist: string;
  itemNo: number;
  answer: boolean;
  note: string | null;
}

export async function replaceAnswers(db: Queryable, v: VisitRow, answers: AnswerInput[]) {
  await db
    .deleteFrom('inspection_checklist_answers')
    .where('registry_id', '=', v.registry_id)
    .where('visit_id', '=', v.id)
    .execute();
  if (answers.length === 0) return;
  await db
    .insertInto('inspection_checklist_answers')
    .values(
      answers.map((a) => ({
        region_code: v.region_code,
        registry_id: v.registry_id,
        visit_id: v.id,
        checklist: a.checklist,
        item_no: a.itemNo,
        answer: a.answer,
        note: a.note,
      })),
    )
    .execute();
}

export async function answersOf(db: Queryable, v: VisitRow) {
  return db
    .selectFrom('inspection_checklist_answers')
    .select(['checklist', 'item_no', 'answer', 'note'])
    .where('registry_id', '=', v.registry_id)
    .where('visit_id', '=', v.id)
    .execute();
}

// Findings, recommendations, evidence -----------------------------------------------------------

export async function insertFinding(
  db: Queryable,
  row: Insertable<InspectionFindingsTable>,
): Promise<FindingRow> {
  return db.insertInto('inspection_findings').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findFinding(
  db: Queryable,
  region: string,
  id: bigint,
): Promise<FindingRow | undefined> {
  const r = await sql<FindingRow>`
    select * from inspection_findings where ${under(region)} and id = ${id}`.execute(db);
  return r.rows[0];
}

/** The findings of one cooperative (every visit), or of one visit. */
export async function findingsOf(
  db: Queryable,
  registryId: bigint,
  visitId?: bigint,
): Promise<(FindingRow & { recorded_by_name: string | null })[]> {
  const r = await sql<FindingRow & { recorded_by_name: string | null }>`
    select f.*, u.full_name as recorded_by_name
    from inspection_findings f left join users u on u.id = f.recorded_by
    where f.registry_id = ${registryId}
    ${visitId !== undefined ? sql`and f.visit_id = ${visitId}` : sql``}
    order by f.id`.execute(db);
  return r.rows;
}

export async function insertRecommendation(
  db: Queryable,
  row: Insertable<InspectionRecommendationsTable>,
): Promise<RecommendationRow> {
  return db
    .insertInto('inspection_recommendations')
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findRecommendation(
  db: Queryable,
  region: string,
  id: bigint,
  forUpdate = false,
): Promise<RecommendationRow | undefined> {
  const r = await sql<RecommendationRow>`
    select * from inspection_recommendations where ${under(region)} and id = ${id}
    ${forUpdate ? sql`for update` : sql``}`.execute(db);
  return r.rows[0];
}

export async function recommendationsOf(
  db: Queryable,
  registryId: bigint,
): Promise<RecommendationRow[]> {
  return db
    .selectFrom('inspection_recommendations')
    .selectAll()
    .where('registry_id', '=', registryId)
    .orderBy('id')
    .execute();
}

export async function markDone(
  db: Queryable,
  r: RecommendationRow,
  doneOn: string,
  note: string | null,
  by: string | null,
): Promise<RecommendationRow> {
  return db
    .updateTable('inspection_recommendations')
    .set({ done_on: doneOn, done_note: note, done_by: by })
    .where('registry_id', '=', r.registry_id)
    .where('id', '=', r.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertEvidence(
  db: Queryable,
  row: Insertable<InspectionEvidenceTable>,
): Promise<EvidenceMeta> {
  return db
    .insertInto('inspection_evidence')
    .values(row)
    .returning([
      'region_code',
      'registry_id',
      'finding_id',
      'id',
      'recommendation_id',
      'file_name',
      'content_type',
      'uploaded_by',
      'uploaded_at',
    ])
    .executeTakeFirstOrThrow();
}

export async function evidenceOf(db: Queryable, registryId: bigint): Promise<EvidenceMeta[]> {
  return db
    .selectFrom('inspection_evidence')
    .select([
      'region_code',
      'registry_id',
      'finding_id',
      'id',
      'recommendation_id',
      'file_name',
      'content_type',
      'uploaded_by',
      'uploaded_at',
    ])
    .where('registry_id', '=', registryId)
    .orderBy('id')
    .execute();
}

export async function evidenceCount(db: Queryable, registryId: bigint, findingId: bigint) {
  const r = await db
    .selectFrom('inspection_evidence')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('registry_id', '=', registryId)
    .where('finding_id', '=', findingId)
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function findEvidence(db: Queryable, region: string, findingId: bigint, id: bigint) {
  const r = await sql<{ file_name: string; content_type: string; content: Uint8Array }>`
    select file_name, content_type, content from inspection_evidence
    where ${under(region)} and finding_id = ${findingId} and id = ${id}`.execute(db);
  return r.rows[0];
}

// Letters ---------------------------------------------------------------------------------------

export interface LetterListRow extends LetterRow {
  delivered_on: string | null;
  delivery_method: string | null;
  received_by: string | null;
  revoked_on: string | null;
  revocation_reason: string | null;
  finding_ids: string[];
}

export async function lettersOf(
  db: Queryable,
  region: string,
  registryId: bigint,
): Promise<LetterListRow[]> {
  const r = await sql<LetterListRow>`
    select l.*, d.delivered_on, d.method as delivery_method, d.received_by,
      x.revoked_on, x.reason as revocation_reason,
      coalesce((select array_agg(lf.finding_id::text order by lf.finding_id) from sanction_letter_findings lf
                where lf.registry_id = l.registry_id and lf.letter_id = l.id), '{}') as finding_ids
    from sanction_letters l
    left join sanction_letter_deliveries d on d.registry_id = l.registry_id and d.letter_id = l.id
    left join sanction_letter_revocations x on x.registry_id = l.registry_id and x.letter_id = l.id
    where ${under(region, sql`l.region_code`)} and l.registry_id = ${registryId}
    order by l.issued_on, l.id`.execute(db);
  return r.rows;
}

export async function findLetter(
  db: Queryable,
  region: string,
  id: bigint,
): Promise<LetterListRow | undefined> {
  const r = await sql<LetterListRow>`
    select l.*, d.delivered_on, d.method as delivery_method, d.received_by,
      x.revoked_on, x.reason as revocation_reason,
      coalesce((select array_agg(lf.finding_id::text order by lf.finding_id) from sanction_letter_findings lf
                where lf.registry_id = l.registry_id and lf.letter_id = l.id), '{}') as finding_ids
    from sanction_letters l
    left join sanction_letter_deliveries d on d.registry_id = l.registry_id and d.letter_id = l.id
    left join sanction_letter_revocations x on x.registry_id = l.registry_id and x.letter_id = l.id
    where ${under(region, sql`l.region_code`)} and l.id = ${id}`.execute(db);
  return r.rows[0];
}

/**
 * The office's next letter number for the year: the counter row is taken with a row lock held to
 * the end of the transaction, so concurrent issues wait their turn, and a refused or rolled-back
 * issue gives its number back. Call it before reading the ladder, so the second of two issues for
 * the same cooperative sees the first's letter.
 */
export async function nextLetterSeq(
  db: Queryable,
  organizationId: string,
  year: number,
): Promise<number> {
  const r = await sql<{ last_seq: number }>`
    insert into sanction_letter_counters (organization_id, letter_year, last_seq)
    values (${organizationId}, ${year}, 1)
    on conflict (organization_id, letter_year)
      do update set last_seq = sanction_letter_counters.last_seq + 1
    returning last_seq`.execute(db);
  return r.rows[0]!.last_seq;
}

/**
 * Waits for any letter the office is issuing (its counter rows locked to the end of the
 * transaction), so a revocation and an issue never both judge the ladder as it was before the other.
 */
export async function lockLetterCounters(db: Queryable, organizationId: string): Promise<void> {
  await sql`select 1 from sanction_letter_counters where organization_id = ${organizationId}
    for update`.execute(db);
}

export async function insertLetter(
  db: Queryable,
  row: Insertable<SanctionLettersTable>,
  findingIds: bigint[],
): Promise<LetterRow> {
  const l = await db
    .insertInto('sanction_letters')
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (findingIds.length > 0)
    await db
      .insertInto('sanction_letter_findings')
      .values(
        findingIds.map((finding_id) => ({
          region_code: l.region_code,
          registry_id: l.registry_id,
          letter_id: l.id,
          finding_id,
        })),
      )
      .execute();
  return l;
}

export async function insertDelivery(
  db: Queryable,
  l: LetterRow,
  d: { deliveredOn: string; method: 'hand' | 'post' | 'courier' | 'email'; receivedBy: string },
  by: string | null,
) {
  await db
    .insertInto('sanction_letter_deliveries')
    .values({
      region_code: l.region_code,
      registry_id: l.registry_id,
      letter_id: l.id,
      delivered_on: d.deliveredOn,
      method: d.method,
      received_by: d.receivedBy,
      recorded_by: by,
    })
    .execute();
}

export async function insertRevocation(
  db: Queryable,
  l: LetterRow,
  r: { revokedOn: string; reason: string },
  by: string | null,
) {
  await db
    .insertInto('sanction_letter_revocations')
    .values({
      region_code: l.region_code,
      registry_id: l.registry_id,
      letter_id: l.id,
      revoked_on: r.revokedOn,
      reason: r.reason,
      revoked_by: by,
    })
    .execute();
}

export async function numberFormat(db: Queryable, organizationId: string) {
  const r = await sql<{ number_format: string; set_at: Date; set_by_name: string | null }>`
    select s.number_format, s.set_at, u.full_name as set_by_name
    from sanction_letter_settings s left join users u on u.id = s.set_by
    where s.organization_id = ${organizationId}
    order by s.id desc limit 1`.execute(db);
  return r.rows[0];
}

export async function insertNumberFormat(
  db: Queryable,
  organizationId: string,
  format: string,
  by: string | null,
) {
  await db
    .insertInto('sanction_letter_settings')
    .values({ organization_id: organizationId, number_format: format, set_by: by })
    .execute();
}
