import { isDocumentType } from '../../domain/documents.js';
import * as ewRepo from '../../db/early-warning.repo.js';
import * as repo from '../../db/inspections.repo.js';
import { findRegistryRow } from '../../db/registry.repo.js';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError, invalidFields as invalid } from '../../domain/errors.js';
import { checkAnswers } from '../../domain/supervision/checklists.js';
import {
  checkClose,
  checkPlannedOn,
  findingResolved,
  followUp,
  inspectionChecklists,
  INSPECTION_RUBRIC,
} from '../../domain/supervision/inspections.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { regionOf } from '../registry/entries.js';

/**
 * Inspection visits of the cooperatives in the office's registry (docs/domain/supervision-inspections.md):
 * a visit is planned with its officers and purpose, then held or called off; on it the officers
 * answer the governance and risk checklist of the KKPKK rubric, record findings (with photos or
 * documents and where they were taken) and recommendations with due dates, whose follow-up is
 * done with evidence or becomes overdue. Each call is one tenant transaction: row-level security
 * holds the office to its region.
 */

/** Evidence limits: JPEG, PNG or PDF, 2 MB each, 20 files per finding. */
export const EVIDENCE_BYTES_MAX = 2 * 1024 * 1024;
export const EVIDENCE_FILES_MAX = 20;
export const VISITS_LIMIT_MAX = 200;

const today = (deps: Deps) => businessDateWib(deps.clock());

async function mustVisit(o: OrgTx, id: bigint, forUpdate = false) {
  const v = await repo.findVisit(o.tx, await regionOf(o), id, forUpdate);
  if (!v) throw new AppError('NOT_FOUND');
  return v;
}

async function mustFinding(o: OrgTx, id: bigint) {
  const f = await repo.findFinding(o.tx, await regionOf(o), id);
  if (!f) throw new AppError('NOT_FOUND');
  return f;
}

export const checklistView = () =>
  inspectionChecklists().map((c) => ({
    key: c.key,
    name: c.name,
    items: c.items.map((i) => ({ no: i.no, text: i.text })),
  }));

/** The visit checklist (the KKPKK governance and risk items) — the same for every visit. */
export async function inspectionChecklist(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async (o) => {
    await regionOf(o);
    return { rubricId: INSPECTION_RUBRIC, checklists: checklistView() };
  });
}

function visitView(
  v: repo.VisitRow,
  officers: { user_id: string; full_name: string }[],
  extra: Partial<repo.VisitListRow> = {},
) {
  return {
    id: v.id.toString(),
    registryId: v.registry_id.toString(),
    registryName: extra.registry_name ?? null,
    plannedOn: v.planned_on,
    purpose: v.purpose,
    status: v.status,
    closedOn: v.closed_on,
    closedNote: v.closed_note,
    officers: officers.map((u) => ({ userId: u.user_id, fullName: u.full_name })),
    findings: extra.findings ?? null,
    openRecommendations: extra.open_recommendations ?? null,
    overdueRecommendations: extra.overdue_recommendations ?? null,
  };
}

export async function listVisits(
  deps: Deps,
  ctx: OrgContext,
  f: { registryId?: bigint; status?: 'planned' | 'done' | 'cancelled'; limit: number },
) {
  const on = today(deps);
  return inOrg(deps, ctx, async (o) => {
    const rows = await repo.listVisits(o.tx, await regionOf(o), f, on);
    const byRegistry = new Map<bigint, bigint[]>();
    for (const v of rows)
      byRegistry.set(v.registry_id, [...(byRegistry.get(v.registry_id) ?? []), v.id]);
    const officers = (
      await Promise.all([...byRegistry].map(([reg, ids]) => repo.visitOfficers(o.tx, reg, ids)))
    ).flat();
    return rows.map((v) =>
      visitView(
        v,
        officers.filter((x) => x.visit_id === v.id),
        v,
      ),
    );
  });
}

/** Findings of a cooperative with their recommendations (follow-up as of today) and evidence. */
async function findingsDetail(o: OrgTx, registryId: bigint, on: string, visitId?: bigint) {
  const [findings, recs, evidence] = await Promise.all([
    repo.findingsOf(o.tx, registryId, visitId),
    repo.recommendationsOf(o.tx, registryId),
    repo.evidenceOf(o.tx, registryId),
  ]);
  return findings.map((f) => {
    const mine = recs.filter((r) => r.finding_id === f.id);
    return {
      id: f.id.toString(),
      visitId: f.visit_id.toString(),
      description: f.description,
      checklist: f.checklist,
      itemNo: f.item_no,
      latitude: f.latitude,
      longitude: f.longitude,
      recordedBy: f.recorded_by_name,
      recordedAt: f.recorded_at.toISOString(),
      resolved: findingResolved(mine.map((r) => ({ doneOn: r.done_on }))),
      evidence: evidence
        .filter((e) => e.finding_id === f.id && e.recommendation_id === null)
        .map(evidenceView),
      recommendations: mine.map((r) => ({
        id: r.id.toString(),
        text: r.text,
        dueOn: r.due_on,
        doneOn: r.done_on,
        doneNote: r.done_note,
        followUp: followUp({ dueOn: r.due_on, doneOn: r.done_on }, on),
        evidence: evidence.filter((e) => e.recommendation_id === r.id).map(evidenceView),
      })),
    };
  });
}
export type FindingDetail = Awaited<ReturnType<typeof findingsDetail>>[number];

const evidenceView = (e: repo.EvidenceMeta) => ({
  id: e.id.toString(),
  fileName: e.file_name,
  contentType: e.content_type,
  uploadedAt: e.uploaded_at.toISOString(),
});

async function visitDetail(o: OrgTx, v: repo.VisitRow, on: string) {
  const region = await regionOf(o);
  const [officers, answers, registry, findings] = await Promise.all([
    repo.visitOfficers(o.tx, v.registry_id, [v.id]),
    repo.answersOf(o.tx, v),
    findRegistryRow(o.tx, region, v.registry_id),
    findingsDetail(o, v.registry_id, on, v.id),
  ]);
  return {
    ...visitView(v, officers, { registry_name: registry?.name ?? '' }),
    checklists: inspectionChecklists().map((c) => ({
      key: c.key,
      name: c.name,
      items: c.items.map((i) => {
        const a = answers.find((x) => x.checklist === c.key && x.item_no === i.no);
        return { no: i.no, text: i.text, answer: a ? a.answer : null, note: a?.note ?? null };
      }),
    })),
    findings,
  };
}
export type VisitDetail = Awaited<ReturnType<typeof visitDetail>>;

export async function getVisit(deps: Deps, ctx: OrgContext, id: bigint) {
  const on = today(deps);
  return inOrg(deps, ctx, async (o) => visitDetail(o, await mustVisit(o, id), on));
}

export async function planVisit(
  deps: Deps,
  ctx: OrgContext,
  input: { registryId: bigint; plannedOn: string; purpose: string; officerUserIds: string[] },
) {
  const on = today(deps);
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const registry = await findRegistryRow(o.tx, region, input.registryId);
    if (!registry) throw invalid([{ field: 'registryId', code: 'NOT_IN_REGISTRY' }]);
    const problems: { field: string; code: string }[] = [];
    const p = checkPlannedOn(input.plannedOn, on);
    if (p) problems.push({ field: 'plannedOn', code: p });
    const officers = new Set((await ewRepo.officersOf(o.tx, ctx.organizationId)).map((u) => u.id));
    const ids = [...new Set(input.officerUserIds)];
    if (ids.length === 0) problems.push({ field: 'officerUserIds', code: 'REQUIRED' });
    ids.forEach((id, i) => {
      if (!officers.has(id))
        problems.push({ field: `officerUserIds.${i}`, code: 'NOT_AN_OFFICER' });
    });
    if (problems.length > 0) throw invalid(problems);
    const v = await repo.insertVisit(
      o.tx,
      {
        region_code: registry.region_code,
        registry_id: registry.id,
        planned_on: input.plannedOn,
        purpose: input.purpose,
        planned_by: ctx.actor.userId,
      },
      ids,
    );
    await o.audit({
      action: 'inspection.planned',
      entityType: 'inspection-visit',
      entityId: v.id,
      after: { registryId: v.registry_id.toString(), plannedOn: v.planned_on, officers: ids },
    });
    return visitDetail(o, v, on);
  });
}

/** Records a planned visit as held (done) or called off (cancelled), once. */
export async function closeVisit(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  input: { status: 'done' | 'cancelled'; on: string; note: string | null },
) {
  const on = today(deps);
  return inOrg(deps, ctx, async (o) => {
    const v = await mustVisit(o, id, true);
    const p = checkClose({ status: v.status }, input.on, on);
    if (p) throw invalid([{ field: p === 'VISIT_CLOSED' ? 'status' : 'on', code: p }]);
    if (input.status === 'cancelled' && !input.note)
      throw invalid([{ field: 'note', code: 'REASON_REQUIRED' }]);
    const after = await repo.closeVisit(o.tx, v, input.status, input.on, input.note);
    await o.audit({
      action: `inspection.${input.status}`,
      entityType: 'inspection-visit',
      entityId: id,
      before: { status: v.status },
      after: { status: after.status, on: input.on },
    });
    return visitDetail(o, after, on);
  });
}

/** Replaces the visit's checklist answers (not on a cancelled visit). */
export async function saveChecklist(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  answers: { checklist: string; itemNo: number; answer: boolean; note: string | null }[],
) {
  const on = today(deps);
  return inOrg(deps, ctx, async (o) => {
    const v = await mustVisit(o, id, true);
    if (v.status === 'cancelled') throw invalid([{ field: 'status', code: 'VISIT_CANCELLED' }]);
    const problems = checkAnswers(inspectionChecklists(), answers, false);
    if (problems.length > 0)
      throw invalid(
        problems.map((p) => ({
          field: `answers.${p.field}`,
          code: p.problem === 'duplicate' ? 'ANSWER_DUPLICATE' : 'UNKNOWN_ITEM',
        })),
      );
    await repo.replaceAnswers(o.tx, v, answers);
    await o.audit({
      action: 'inspection.checklist-saved',
      entityType: 'inspection-visit',
      entityId: id,
      after: { answers: answers.length, ya: answers.filter((a) => a.answer).length },
    });
    return visitDetail(o, v, on);
  });
}

export async function addFinding(
  deps: Deps,
  ctx: OrgContext,
  visitId: bigint,
  input: {
    description: string;
    checklist: string | null;
    itemNo: number | null;
    latitude: string | null;
    longitude: string | null;
  },
) {
  const on = today(deps);
  return inOrg(deps, ctx, async (o) => {
    const v = await mustVisit(o, visitId);
    const problems: { field: string; code: string }[] = [];
    if (v.status === 'cancelled') problems.push({ field: 'status', code: 'VISIT_CANCELLED' });
    if ((input.checklist === null) !== (input.itemNo === null))
      problems.push({ field: 'itemNo', code: 'ITEM_INCOMPLETE' });
    else if (
      input.checklist !== null &&
      !inspectionChecklists().some(
        (c) => c.key === input.checklist && c.items.some((i) => i.no === input.itemNo),
      )
    )
      problems.push({ field: 'itemNo', code: 'UNKNOWN_ITEM' });
    if ((input.latitude === null) !== (input.longitude === null))
      problems.push({ field: 'longitude', code: 'LOCATION_INCOMPLETE' });
    if (input.latitude !== null && (Number(input.latitude) < -11.5 || Number(input.latitude) > 6.5))
      problems.push({ field: 'latitude', code: 'OUTSIDE_INDONESIA' });
    if (
      input.longitude !== null &&
      (Number(input.longitude) < 94.5 || Number(input.longitude) > 141.5)
    )
      problems.push({ field: 'longitude', code: 'OUTSIDE_INDONESIA' });
    if (problems.length > 0) throw invalid(problems);
    const f = await repo.insertFinding(o.tx, {
      region_code: v.region_code,
      registry_id: v.registry_id,
      visit_id: v.id,
      description: input.description,
      checklist: input.checklist,
      item_no: input.itemNo,
      latitude: input.latitude,
      longitude: input.longitude,
      recorded_by: ctx.actor.userId,
    });
    await o.audit({
      action: 'inspection.finding-recorded',
      entityType: 'inspection-finding',
      entityId: f.id,
      after: { visitId: v.id.toString(), description: f.description.slice(0, 200) },
    });
    return (await findingsDetail(o, v.registry_id, on, v.id)).find(
      (x) => x.id === f.id.toString(),
    )!;
  });
}

export async function addRecommendation(
  deps: Deps,
  ctx: OrgContext,
  findingId: bigint,
  input: { text: string; dueOn: string },
) {
  const on = today(deps);
  return inOrg(deps, ctx, async (o) => {
    const f = await mustFinding(o, findingId);
    if (input.dueOn < on) throw invalid([{ field: 'dueOn', code: 'DUE_IN_PAST' }]);
    const r = await repo.insertRecommendation(o.tx, {
      region_code: f.region_code,
      registry_id: f.registry_id,
      finding_id: f.id,
      text: input.text,
      due_on: input.dueOn,
      created_by: ctx.actor.userId,
    });
    await o.audit({
      action: 'inspection.recommendation-added',
      entityType: 'inspection-recommendation',
      entityId: r.id,
      after: { findingId: f.id.toString(), dueOn: r.due_on },
    });
    return (await findingsDetail(o, f.registry_id, on)).find((x) => x.id === f.id.toString())!;
  });
}

/** Marks a recommendation done: on a day not after today, with evidence of the follow-up. */
export async function completeRecommendation(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  input: { doneOn: string; note: string | null },
) {
  const on = today(deps);
  return inOrg(deps, ctx, async (o) => {
    const r = await repo.findRecommendation(o.tx, await regionOf(o), id, true);
    if (!r) throw new AppError('NOT_FOUND');
    if (r.done_on !== null) throw invalid([{ field: 'doneOn', code: 'ALREADY_DONE' }]);
    if (input.doneOn > on) throw invalid([{ field: 'doneOn', code: 'IN_FUTURE' }]);
    const evidence = (await repo.evidenceOf(o.tx, r.registry_id)).filter(
      (e) => e.recommendation_id === r.id,
    );
    if (evidence.length === 0) throw new AppError('RECOMMENDATION_EVIDENCE_REQUIRED');
    const after = await repo.markDone(o.tx, r, input.doneOn, input.note, ctx.actor.userId);
    await o.audit({
      action: 'inspection.recommendation-done',
      entityType: 'inspection-recommendation',
      entityId: id,
      after: { doneOn: after.done_on, evidence: evidence.length },
    });
    return (await findingsDetail(o, r.registry_id, on)).find(
      (x) => x.id === r.finding_id.toString(),
    )!;
  });
}

export async function addEvidence(
  deps: Deps,
  ctx: OrgContext,
  findingId: bigint,
  e: {
    recommendationId: bigint | null;
    fileName: string;
    contentType: string;
    content: Buffer | null;
  },
) {
  return inOrg(deps, ctx, async (o) => {
    const f = await mustFinding(o, findingId);
    if (e.recommendationId !== null) {
      const r = await repo.findRecommendation(o.tx, await regionOf(o), e.recommendationId);
      if (!r || r.finding_id !== f.id)
        throw invalid([{ field: 'recommendationId', code: 'NOT_FOUND' }]);
    }
    if (!isDocumentType(e.contentType))
      throw invalid([{ field: 'contentType', code: 'TYPE_NOT_ALLOWED' }]);
    if (!e.content || e.content.length === 0) throw invalid([{ field: 'body', code: 'EMPTY' }]);
    if (e.content.length > EVIDENCE_BYTES_MAX)
      throw new AppError('PAYLOAD_TOO_LARGE', { limit: EVIDENCE_BYTES_MAX });
    if ((await repo.evidenceCount(o.tx, f.registry_id, f.id)) >= EVIDENCE_FILES_MAX)
      throw invalid([{ field: 'body', code: 'TOO_MANY_FILES' }]);
    const fileName = e.fileName.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 200) || 'bukti';
    const row = await repo.insertEvidence(o.tx, {
      region_code: f.region_code,
      registry_id: f.registry_id,
      finding_id: f.id,
      recommendation_id: e.recommendationId,
      file_name: fileName,
      content_type: e.contentType,
      content: e.content,
      uploaded_by: ctx.actor.userId,
    });
    await o.audit({
      action: 'inspection.evidence-added',
      entityType: 'inspection-finding',
      entityId: findingId,
      after: {
        recommendationId: e.recommendationId?.toString() ?? null,
        fileName,
        bytes: e.content.length,
      },
    });
    return evidenceView(row);
  });
}

export async function getEvidence(
  deps: Deps,
  ctx: OrgContext,
  findingId: bigint,
  evidenceId: bigint,
) {
  return inOrg(deps, ctx, async (o) => {
    const e = await repo.findEvidence(o.tx, await regionOf(o), findingId, evidenceId);
    if (!e) throw new AppError('NOT_FOUND');
    return { contentType: e.content_type, fileName: e.file_name, content: Buffer.from(e.content) };
  });
}

/** A cooperative's findings across its visits, with follow-up (the sanctions tab lists them). */
export async function findingsOfCooperative(o: OrgTx, registryId: bigint, on: string) {
  return findingsDetail(o, registryId, on);
}
