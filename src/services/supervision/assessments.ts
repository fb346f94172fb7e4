import { isDocumentType } from '../../domain/documents.js';
import * as repo from '../../db/health-assessments.repo.js';
import type { AssessmentRow } from '../../db/health-assessments.repo.js';
import { findRegistryRow } from '../../db/registry.repo.js';
import { findUserById } from '../../db/users.repo.js';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError, invalidFields as invalid } from '../../domain/errors.js';
import { assess, type AssessmentResult, type Rubric } from '../../domain/supervision/index.js';
import {
  checkAnswers,
  checklistFigures,
  checklistsOf,
  rupiahInputs,
  type Answer,
} from '../../domain/supervision/checklists.js';
import { canonicalJson } from '../../domain/supervision/rubric-version.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { regionOf } from '../registry/entries.js';
import { currentRubricVersion, digestOf, rubricVersion } from './assessments-rubrics.js';

/**
 * Health assessments (pemeriksaan kesehatan) an examiner records for a cooperative of the
 * office's registry: the rupiah figures (from a shared report, the examiner's entry or the live
 * books), the checklist answers item by item with evidence, scored by the one engine under a named
 * rubric version. A draft changes freely; finalising fixes it (the database refuses any later
 * change); a correction is a new assessment superseding the final one. Every stored result can be
 * scored again under its rubric version and gives the same result (rescoreAssessment).
 */

export type FiguresSource = 'shared_report' | 'examiner' | 'live_books';

export interface AssessmentInput {
  period: string;
  /** the rupiah figures of the rubric, decimal strings (or safe integers) */
  figures: Record<string, string | number>;
  figuresSource: FiguresSource;
  reportVersionId?: string | null;
  answers: (Answer & { note?: string | null })[];
  notes?: string | null;
}

export interface NewAssessmentInput extends AssessmentInput {
  registryId: bigint;
  rubricId: string;
  rubricVersion?: string;
  supersedesId?: bigint | null;
}

/** Evidence limits: JPEG, PNG or PDF, 2 MB each, 60 files per assessment. */
export const EVIDENCE_BYTES_MAX = 2 * 1024 * 1024;
export const EVIDENCE_FILES_MAX = 60;

const rupiahText = /^-?[0-9]{1,18}$/;

/** The rupiah figures checked against the rubric's list: every one present, known, a whole rupiah. */
export function checkFigures(
  rubric: Rubric,
  figures: Record<string, string | number>,
): Record<string, bigint> {
  const problems: { field: string; code: string }[] = [];
  const out: Record<string, bigint> = {};
  const keys = rupiahInputs(rubric);
  for (const k of Object.keys(figures))
    if (!keys.includes(k)) problems.push({ field: `figures.${k}`, code: 'UNKNOWN_FIGURE' });
  for (const def of rubric.inputs) {
    if (def.kind !== 'rupiah') continue;
    const v = figures[def.key];
    if (v === undefined) {
      problems.push({ field: `figures.${def.key}`, code: 'MISSING_FIGURE' });
      continue;
    }
    const text = typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v;
    if (typeof text !== 'string' || !rupiahText.test(text)) {
      problems.push({ field: `figures.${def.key}`, code: 'NOT_WHOLE_RUPIAH' });
      continue;
    }
    const amount = BigInt(text);
    if (amount < 0n && def.mayBeNegative !== true)
      problems.push({ field: `figures.${def.key}`, code: 'NEGATIVE_FIGURE' });
    out[def.key] = amount;
  }
  if (problems.length > 0) throw invalid(problems);
  return out;
}

/** The engine's result for stored figures and answers (unanswered items count as "Tidak"). */
export function scoreParts(
  rubric: Rubric,
  figures: Record<string, bigint>,
  answers: Answer[],
): AssessmentResult {
  const checklists = checklistsOf(rubric);
  return assess(rubric, { ...figures, ...checklistFigures(rubric, checklists, answers) });
}

function checkPeriod(period: string, today: string) {
  if (!/^[0-9]{4}-(0[1-9]|1[0-2])$/.test(period))
    throw invalid([{ field: 'period', code: 'PERIOD_INVALID' }]);
  if (period > today.slice(0, 7)) throw invalid([{ field: 'period', code: 'PERIOD_IN_FUTURE' }]);
}

function checkSource(input: AssessmentInput): bigint | null {
  const id = input.reportVersionId ?? null;
  if (input.figuresSource === 'shared_report') {
    if (id === null || !/^[0-9]{1,18}$/.test(id))
      throw invalid([{ field: 'reportVersionId', code: 'REPORT_VERSION_REQUIRED' }]);
    return BigInt(id);
  }
  if (id !== null) throw invalid([{ field: 'reportVersionId', code: 'ONLY_FOR_SHARED_REPORT' }]);
  return null;
}

function checkedAnswers(rubric: Rubric, answers: Answer[], complete: boolean) {
  const problems = checkAnswers(checklistsOf(rubric), answers, complete);
  if (problems.length > 0)
    throw invalid(
      problems.map((p) => ({
        field: `answers.${p.field}`,
        code:
          p.problem === 'missing'
            ? 'ANSWER_MISSING'
            : p.problem === 'duplicate'
              ? 'ANSWER_DUPLICATE'
              : 'UNKNOWN_ITEM',
      })),
    );
}

const resultColumns = (r: AssessmentResult) => ({
  result: JSON.stringify(r),
  total_score: r.totalScore,
  predikat: r.predikat,
  provisional: r.provisional,
});

export type AssessmentView = ReturnType<typeof assessmentView>;

export function assessmentView(
  a: AssessmentRow,
  extra: { registryName?: string; supersededBy?: bigint | null } = {},
) {
  return {
    id: a.id.toString(),
    registryId: a.registry_id.toString(),
    registryName: extra.registryName ?? null,
    regionCode: a.region_code,
    period: a.period,
    rubricId: a.rubric_id,
    rubricVersion: a.rubric_version,
    figuresSource: a.figures_source,
    reportVersionId: a.report_version_id?.toString() ?? null,
    status: a.status,
    totalScore: a.total_score,
    predikat: a.predikat,
    provisional: a.provisional,
    examinerName: a.examiner_name,
    notes: a.notes,
    supersedesId: a.supersedes_id?.toString() ?? null,
    supersededBy: extra.supersededBy?.toString() ?? null,
    createdAt: a.created_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
    finalizedAt: a.finalized_at?.toISOString() ?? null,
  };
}

/** The examiner as the report names them: the user's full name, else the actor's label. */
async function examinerName(o: OrgTx): Promise<string> {
  const id = o.ctx.actor.userId;
  const user = id ? await findUserById(o.tx, id) : undefined;
  return user?.fullName ?? o.ctx.actor.label;
}

async function mustFind(o: OrgTx, region: string, id: bigint, forUpdate = false) {
  const a = await repo.findAssessment(o.tx, region, id, forUpdate);
  if (!a) throw new AppError('NOT_FOUND');
  return a;
}

async function detail(o: OrgTx, a: AssessmentRow) {
  const region = await regionOf(o);
  const [figures, answers, evidence, registry, supersededBy, version] = await Promise.all([
    repo.figuresOf(o.tx, a),
    repo.answersOf(o.tx, a),
    repo.evidenceOf(o.tx, a),
    findRegistryRow(o.tx, region, a.registry_id),
    repo.supersededBy(o.tx, a),
    rubricVersion(o.tx, a.rubric_id, a.rubric_version),
  ]);
  return {
    ...assessmentView(a, { registryName: registry?.name ?? '', supersededBy }),
    rubricTitle: version.rubric.title,
    rubricSource: version.sourceDocument,
    rubricDigest: a.rubric_digest,
    figures: Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v.toString()])),
    checklists: checklistsOf(version.rubric).map((c) => ({
      key: c.key,
      name: c.name,
      items: c.items.map((i) => {
        const answer = answers.find((x) => x.checklist === c.key && x.item_no === i.no);
        return {
          no: i.no,
          text: i.text,
          answer: answer ? answer.answer : null,
          note: answer?.note ?? null,
          evidence: evidence
            .filter((e) => e.checklist === c.key && e.item_no === i.no)
            .map((e) => ({
              id: e.id.toString(),
              fileName: e.file_name,
              contentType: e.content_type,
              uploadedAt: e.uploaded_at.toISOString(),
            })),
        };
      }),
    })),
    result: a.result as unknown as AssessmentResult,
  };
}
export type AssessmentDetail = Awaited<ReturnType<typeof detail>>;

export async function listAssessments(deps: Deps, ctx: OrgContext, filter: repo.AssessmentFilter) {
  return inOrg(deps, ctx, async (o) =>
    (await repo.listAssessments(o.tx, await regionOf(o), filter)).map((a) =>
      assessmentView(a, { registryName: a.registry_name, supersededBy: a.superseded_by }),
    ),
  );
}

export async function getAssessment(deps: Deps, ctx: OrgContext, id: bigint) {
  return inOrg(deps, ctx, async (o) => detail(o, await mustFind(o, await regionOf(o), id)));
}

/** Scores figures and answers under a rubric version without storing anything (the live score). */
export async function previewAssessment(
  deps: Deps,
  ctx: OrgContext,
  input: {
    rubricId: string;
    rubricVersion?: string;
    figures: Record<string, string | number>;
    answers: Answer[];
  },
): Promise<AssessmentResult> {
  return inOrg(deps, ctx, async (o) => {
    await regionOf(o);
    const v = input.rubricVersion
      ? await rubricVersion(o.tx, input.rubricId, input.rubricVersion)
      : await currentRubricVersion(o.tx, input.rubricId);
    const figures = checkFigures(v.rubric, input.figures);
    checkedAnswers(v.rubric, input.answers, false);
    return scoreParts(v.rubric, figures, input.answers);
  });
}

export async function createAssessment(deps: Deps, ctx: OrgContext, input: NewAssessmentInput) {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const registry = await findRegistryRow(o.tx, region, input.registryId);
    if (!registry) throw invalid([{ field: 'registryId', code: 'NOT_IN_REGISTRY' }]);
    checkPeriod(input.period, today);
    const v = input.rubricVersion
      ? await rubricVersion(o.tx, input.rubricId, input.rubricVersion)
      : await currentRubricVersion(o.tx, input.rubricId);
    const reportVersionId = checkSource(input);
    const figures = checkFigures(v.rubric, input.figures);
    checkedAnswers(v.rubric, input.answers, false);
    if (input.supersedesId !== undefined && input.supersedesId !== null) {
      const old = await repo.findAssessment(o.tx, region, input.supersedesId, true);
      if (!old || old.registry_id !== registry.id)
        throw invalid([{ field: 'supersedesId', code: 'NOT_FOUND' }]);
      if (old.status !== 'final') throw invalid([{ field: 'supersedesId', code: 'NOT_FINAL' }]);
      if ((await repo.supersededBy(o.tx, old)) !== null)
        throw invalid([{ field: 'supersedesId', code: 'ALREADY_SUPERSEDED' }]);
    }
    const result = scoreParts(v.rubric, figures, input.answers);
    const a = await repo.insertAssessment(o.tx, {
      region_code: registry.region_code,
      registry_id: registry.id,
      period: input.period,
      rubric_id: v.rubricId,
      rubric_version: v.version,
      rubric_digest: v.digest,
      figures_source: input.figuresSource,
      report_version_id: reportVersionId,
      ...resultColumns(result),
      examiner_user_id: ctx.actor.userId,
      examiner_name: await examinerName(o),
      notes: input.notes ?? null,
      supersedes_id: input.supersedesId ?? null,
    });
    await repo.replaceParts(o.tx, a, figures, answersOf(input.answers));
    await o.audit({
      action: 'health.assessment-created',
      entityType: 'health-assessment',
      entityId: a.id,
      after: { ...assessmentView(a) },
    });
    return detail(o, a);
  });
}

const answersOf = (answers: AssessmentInput['answers']) =>
  answers.map((x) => ({
    checklist: x.checklist,
    itemNo: x.itemNo,
    answer: x.answer,
    note: x.note ?? null,
  }));

async function mustBeDraft(o: OrgTx, id: bigint) {
  const a = await mustFind(o, await regionOf(o), id, true);
  if (a.status !== 'draft') throw invalid([{ field: 'status', code: 'ASSESSMENT_FINAL' }]);
  return a;
}

/** Replaces a draft's figures, answers and notes and scores it again. */
export async function updateAssessment(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  input: AssessmentInput,
) {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const before = await mustBeDraft(o, id);
    checkPeriod(input.period, today);
    const v = await rubricVersion(o.tx, before.rubric_id, before.rubric_version);
    const reportVersionId = checkSource(input);
    const figures = checkFigures(v.rubric, input.figures);
    checkedAnswers(v.rubric, input.answers, false);
    const result = scoreParts(v.rubric, figures, input.answers);
    const after = await repo.updateDraft(o.tx, before, {
      period: input.period,
      figures_source: input.figuresSource,
      report_version_id: reportVersionId,
      notes: input.notes ?? null,
      ...resultColumns(result),
    });
    await repo.replaceParts(o.tx, after, figures, answersOf(input.answers));
    await o.audit({
      action: 'health.assessment-updated',
      entityType: 'health-assessment',
      entityId: id,
      before: { totalScore: before.total_score, predikat: before.predikat },
      after: { totalScore: after.total_score, predikat: after.predikat },
    });
    return detail(o, after);
  });
}

/** Finalises a draft: every checklist item answered; scored once more; from now on fixed. */
export async function finalizeAssessment(deps: Deps, ctx: OrgContext, id: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const before = await mustBeDraft(o, id);
    const v = await rubricVersion(o.tx, before.rubric_id, before.rubric_version);
    if (v.digest !== before.rubric_digest)
      throw new Error(`rubric ${v.rubricId}@${v.version} changed since assessment ${id} began`);
    const answers = (await repo.answersOf(o.tx, before)).map((a) => ({
      checklist: a.checklist,
      itemNo: a.item_no,
      answer: a.answer,
    }));
    checkedAnswers(v.rubric, answers, true);
    const result = scoreParts(v.rubric, await repo.figuresOf(o.tx, before), answers);
    const after = await repo.updateDraft(o.tx, before, {
      status: 'final',
      finalized_at: deps.clock(),
      examiner_user_id: ctx.actor.userId,
      examiner_name: await examinerName(o),
      ...resultColumns(result),
    });
    await o.audit({
      action: 'health.assessment-finalized',
      entityType: 'health-assessment',
      entityId: id,
      after: {
        totalScore: after.total_score,
        predikat: after.predikat,
        provisional: after.provisional,
      },
    });
    return detail(o, after);
  });
}

/**
 * Scores a stored assessment again from its stored figures and answers under the rubric version it
 * names; `same` says whether the result equals the stored one (it must: past assessments are
 * reproducible).
 */
export async function rescoreAssessment(deps: Deps, ctx: OrgContext, id: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const a = await mustFind(o, await regionOf(o), id);
    const v = await rubricVersion(o.tx, a.rubric_id, a.rubric_version);
    const answers = (await repo.answersOf(o.tx, a)).map((x) => ({
      checklist: x.checklist,
      itemNo: x.item_no,
      answer: x.answer,
    }));
    const result = scoreParts(v.rubric, await repo.figuresOf(o.tx, a), answers);
    const digestMatches = digestOf(v.rubric) === a.rubric_digest;
    return {
      rubricDigestMatches: digestMatches,
      // jsonb keeps keys in its own order: compare the canonical texts
      same: digestMatches && canonicalJson(result) === canonicalJson(a.result),
      result,
    };
  });
}

export async function addEvidence(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  e: {
    checklist: string;
    itemNo: number;
    fileName: string;
    contentType: string;
    content: Buffer | null;
  },
) {
  return inOrg(deps, ctx, async (o) => {
    const a = await mustBeDraft(o, id);
    const v = await rubricVersion(o.tx, a.rubric_id, a.rubric_version);
    const c = checklistsOf(v.rubric).find((x) => x.key === e.checklist);
    if (!c || !c.items.some((i) => i.no === e.itemNo))
      throw invalid([{ field: 'item', code: 'UNKNOWN_ITEM' }]);
    if (!isDocumentType(e.contentType))
      throw invalid([{ field: 'contentType', code: 'TYPE_NOT_ALLOWED' }]);
    if (!e.content || e.content.length === 0) throw invalid([{ field: 'body', code: 'EMPTY' }]);
    if (e.content.length > EVIDENCE_BYTES_MAX)
      throw new AppError('PAYLOAD_TOO_LARGE', { limit: EVIDENCE_BYTES_MAX });
    if ((await repo.evidenceCount(o.tx, a)) >= EVIDENCE_FILES_MAX)
      throw invalid([{ field: 'body', code: 'TOO_MANY_FILES' }]);
    const fileName = e.fileName.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 200) || 'bukti';
    const row = await repo.insertEvidence(o.tx, a, {
      checklist: e.checklist,
      itemNo: e.itemNo,
      fileName,
      contentType: e.contentType,
      content: e.content,
      uploadedBy: ctx.actor.userId,
    });
    await o.audit({
      action: 'health.evidence-added',
      entityType: 'health-assessment',
      entityId: id,
      after: { checklist: e.checklist, itemNo: e.itemNo, fileName, bytes: e.content.length },
    });
    return {
      id: row.id.toString(),
      fileName: row.file_name,
      contentType: row.content_type,
      uploadedAt: row.uploaded_at.toISOString(),
    };
  });
}

export async function getEvidence(deps: Deps, ctx: OrgContext, id: bigint, evidenceId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const e = await repo.findEvidence(o.tx, await regionOf(o), id, evidenceId);
    if (!e) throw new AppError('NOT_FOUND');
    return { contentType: e.content_type, fileName: e.file_name, content: Buffer.from(e.content) };
  });
}
