import { isDocumentType } from '../../domain/documents.js';
import * as repo from '../../db/koperasi-modern.repo.js';
import { findRegistryRow } from '../../db/registry.repo.js';
import { findUserById } from '../../db/users.repo.js';
import { addDays, businessDateWib, type IsoDate } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import type { CaseFileEntry } from '../../domain/supervision/case-file.js';
import {
  checklistProblems,
  closestToQualifying,
  currentTarget,
  missingItems,
  periodsBetween,
  progressSeries,
  qualifies,
  suggestedAnswers,
  targetPercent,
  targetsInForce,
  type CriteriaItem,
  type Granularity,
} from '../../domain/supervision/koperasi-modern.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { regionOf } from '../registry/entries.js';

/**
 * The koperasi modern programme of a supervising office (docs/domain/supervision-koperasi-modern.md):
 * the criteria versions (national, or the office's own), each cooperative's checklists with
 * evidence (a re-assessment is a new checklist), the office's targets, and progress: how many
 * cooperatives meet a version's criteria month by month or quarter by quarter, and which are
 * closest. Rules in src/domain/supervision/koperasi-modern.ts.
 */

/** Evidence limits: JPEG, PNG or PDF, 2 MB each, 20 files per checklist. */
export const EVIDENCE_BYTES_MAX = 2 * 1024 * 1024;
export const EVIDENCE_FILES_MAX = 20;
/** The closest-to-qualifying list and the cooperatives list answer at most this many. */
export const CLOSEST_LIMIT = 10;

const invalid = (field: string, code: string) =>
  new AppError('VALIDATION_FAILED', { field }, `${field}: ${code}`, [
    { field, code, message: code },
  ]);

export interface VersionView {
  id: string;
  code: string;
  title: string;
  validFrom: string;
  sourceDocument: string;
  sourceNote: string | null;
  regionCode: string;
  items: { no: number; text: string; textEn: string; suggest: 'sokoguru' | null }[];
}

async function versions(o: OrgTx, region: string): Promise<VersionView[]> {
  const rows = await repo.versionsFor(o.tx, region);
  const items = await repo.itemsOf(
    o.tx,
    rows.map((r) => r.id),
  );
  return rows.map((v) => ({
    id: v.id.toString(),
    code: v.code,
    title: v.title,
    validFrom: v.valid_from,
    sourceDocument: v.source_document,
    sourceNote: v.source_note,
    regionCode: v.region_code,
    items: items
      .filter((i) => i.version_id === v.id)
      .map((i) => ({ no: i.item_no, text: i.text_id, textEn: i.text_en, suggest: i.suggest })),
  }));
}

const criteriaOf = (v: VersionView): CriteriaItem[] =>
  v.items.map((i) => ({ no: i.no, text: i.text, suggest: i.suggest }));

async function mustVersion(o: OrgTx, region: string, id: bigint): Promise<VersionView> {
  const v = (await versions(o, region)).find((x) => x.id === id.toString());
  if (!v) throw new AppError('KOPERASI_MODERN_VERSION_NOT_FOUND');
  return v;
}

export async function criteriaVersions(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async (o) => ({ items: await versions(o, await regionOf(o)) }));
}

export interface NewVersionInput {
  code: string;
  title: string;
  validFrom: IsoDate;
  sourceDocument: string;
  sourceNote: string | null;
  items: { text: string; textEn: string; suggest: 'sokoguru' | null }[];
}

/** Adds a version of the criteria for the office's own region (the national ones stay). */
export async function addCriteriaVersion(deps: Deps, ctx: OrgContext, v: NewVersionInput) {
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    if (await repo.versionCodeTaken(o.tx, region, v.code))
      throw new AppError('KOPERASI_MODERN_VERSION_CODE_TAKEN', { code: v.code });
    const row = await repo.insertVersion(
      o.tx,
      {
        regionCode: region,
        code: v.code,
        title: v.title,
        validFrom: v.validFrom,
        sourceDocument: v.sourceDocument,
        sourceNote: v.sourceNote,
        createdBy: ctx.actor.userId,
      },
      v.items.map((i, n) => ({ no: n + 1, textId: i.text, textEn: i.textEn, suggest: i.suggest })),
    );
    await o.audit({
      action: 'koperasi-modern.version-added',
      entityType: 'koperasi-modern-version',
      entityId: row.id,
      after: { code: v.code, title: v.title, items: v.items.length },
    });
    return mustVersion(o, region, row.id);
  });
}

// ---------------------------------------------------------------------------------------------
// Targets.

async function targetState(o: OrgTx, today: IsoDate) {
  const rows = await repo.targetsOf(o.tx, o.ctx.organizationId);
  const settings = rows.map((r) => ({
    id: r.id,
    versionId: r.version_id.toString(),
    targetYear: r.target_year,
    targetCount: r.target_count,
    note: r.note,
    setBy: r.set_by_name,
    setAt: r.set_at.toISOString(),
  }));
  const view = ({ id, ...t }: (typeof settings)[number]) => ({ id: id.toString(), ...t });
  const current = currentTarget(settings, today);
  return {
    current: current ? view(current) : null,
    inForce: targetsInForce(settings).map(view),
    history: [...settings].reverse().map(view),
  };
}

export async function targets(deps: Deps, ctx: OrgContext) {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    await regionOf(o);
    return targetState(o, today);
  });
}

/** Sets N cooperatives by a year under a version (a new row; earlier settings stay on record). */
export async function setTarget(
  deps: Deps,
  ctx: OrgContext,
  t: { versionId: bigint; targetYear: number; targetCount: number; note: string | null },
) {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    await mustVersion(o, region, t.versionId);
    if (t.targetYear < Number(today.slice(0, 4)))
      throw new AppError('KOPERASI_MODERN_DATE_INVALID', { field: 'targetYear' }, 'year past', [
        { field: 'targetYear', code: 'PAST', message: 'PAST' },
      ]);
    await repo.insertTarget(o.tx, ctx.organizationId, t, ctx.actor.userId);
    await o.audit({
      action: 'koperasi-modern.target-set',
      entityType: 'koperasi-modern-target',
      entityId: ctx.organizationId,
      after: {
        versionId: t.versionId.toString(),
        targetYear: t.targetYear,
        targetCount: t.targetCount,
      },
    });
    return targetState(o, today);
  });
}

// ---------------------------------------------------------------------------------------------
// Progress.

/** The version progress is counted under: the one asked, else the current target's, else the newest. */
async function chosenVersion(o: OrgTx, region: string, today: IsoDate, asked?: bigint) {
  if (asked !== undefined) return mustVersion(o, region, asked);
  const t = (await targetState(o, today)).current;
  const all = await versions(o, region);
  const v = all.find((x) => x.id === t?.versionId) ?? all.at(-1);
  if (!v) throw new AppError('KOPERASI_MODERN_VERSION_NOT_FOUND');
  return v;
}

const standingView = (v: VersionView, r: repo.StandingRow) => ({
  registryId: r.registry_id.toString(),
  name: r.name,
  status: r.status,
  runsOnSokoguru: r.linked_organization_id !== null,
  checklistId: r.assessment_id?.toString() ?? null,
  assessedOn: r.assessed_on,
  met: r.met,
  total: r.total,
  qualifies: r.met !== null && r.total !== null && r.total > 0 && r.met === r.total,
  missing: v.items
    .filter((i) => (r.missing ?? []).includes(i.no))
    .map((i) => ({ no: i.no, text: i.text, textEn: i.textEn })),
});

export async function progress(
  deps: Deps,
  ctx: OrgContext,
  q: { versionId?: bigint; by: Granularity; from?: IsoDate },
) {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const v = await chosenVersion(o, region, today, q.versionId);
    const target = (await targetState(o, today)).current;
    const outcomes = (await repo.outcomesOf(o.tx, region, BigInt(v.id))).map((r) => ({
      registryId: r.registry_id.toString(),
      assessedOn: r.assessed_on,
      seq: r.id,
      met: r.met,
      total: r.total,
    }));
    const first = outcomes.reduce<IsoDate>(
      (m, c) => (c.assessedOn < m ? c.assessedOn : m),
      addDays(today, -365),
    );
    const series = progressSeries(outcomes, periodsBetween(q.from ?? first, today, q.by));
    const standings = await repo.standingsOf(o.tx, region, BigInt(v.id), {
      onlyAssessed: true,
      activeOnly: true,
      limit: 100_000,
    });
    const views = standings.map((r) => standingView(v, r));
    const qualifyingNow = series.at(-1)?.qualifying ?? 0;
    const closest = closestToQualifying(
      views.map((s) => ({
        registryId: s.registryId,
        name: s.name,
        assessedOn: s.assessedOn ?? '',
        met: s.met ?? 0,
        total: s.total ?? 0,
        missing: s.missing.map((m) => ({ no: m.no, text: m.text, suggest: null })),
      })),
      CLOSEST_LIMIT,
    ).map((c) => views.find((s) => s.registryId === c.registryId)!);
    const targetForVersion = target && target.versionId === v.id ? target : null;
    return {
      version: v,
      target: targetForVersion
        ? {
            ...targetForVersion,
            percent: targetPercent(qualifyingNow, targetForVersion.targetCount),
          }
        : null,
      qualifyingNow,
      assessed: views.length,
      series,
      closest,
    };
  });
}

export async function cooperativeStandings(
  deps: Deps,
  ctx: OrgContext,
  q: { versionId?: bigint; q?: string; limit: number },
) {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const v = await chosenVersion(o, region, today, q.versionId);
    const rows = await repo.standingsOf(o.tx, region, BigInt(v.id), {
      ...(q.q ? { q: q.q } : {}),
      limit: q.limit,
    });
    return { versionId: v.id, items: rows.map((r) => standingView(v, r)) };
  });
}

// ---------------------------------------------------------------------------------------------
// A cooperative's checklists.

async function mustRegistry(o: OrgTx, region: string, registryId: bigint) {
  const r = await findRegistryRow(o.tx, region, registryId);
  if (!r) throw new AppError('NOT_FOUND');
  return r;
}

const hrefOf = (orgId: string, registryId: bigint, checklistId: bigint, evidenceId: bigint) =>
  `/orgs/${orgId}/koperasi-modern/cooperatives/${registryId}/checklists/${checklistId}/evidence/${evidenceId}`;

export async function cooperativeChecklists(deps: Deps, ctx: OrgContext, registryId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const reg = await mustRegistry(o, region, registryId);
    const all = await versions(o, region);
    const c = await repo.checklistsOf(o.tx, region, registryId);
    const runsOnSokoguru = reg.linked_organization_id !== null;
    const checklists = c.assessments.map((a) => {
      const v = all.find((x) => x.id === a.version_id.toString());
      const answers = c.answers
        .filter((x) => x.assessment_id === a.id)
        .map((x) => ({ itemNo: x.item_no, met: x.met, note: x.note, suggested: x.suggested }));
      const items = v ? criteriaOf(v) : [];
      return {
        id: a.id.toString(),
        versionId: a.version_id.toString(),
        assessedOn: a.assessed_on,
        note: a.note,
        assessorName: a.assessor_name,
        recordedAt: a.recorded_at.toISOString(),
        qualifies: qualifies(items, answers),
        met: answers.filter((x) => x.met).length,
        total: items.length,
        answers: answers.map((x) => ({
          ...x,
          evidence: c.evidence
            .filter((e) => e.assessment_id === a.id && e.item_no === x.itemNo)
            .map((e) => ({
              id: e.id.toString(),
              fileName: e.file_name,
              contentType: e.content_type,
              uploadedAt: e.uploaded_at.toISOString(),
              href: hrefOf(ctx.organizationId, registryId, a.id, e.id),
            })),
        })),
      };
    });
    return {
      registryId: registryId.toString(),
      name: reg.name,
      runsOnSokoguru,
      versions: all.map((v) => ({
        versionId: v.id,
        suggestions: suggestedAnswers(criteriaOf(v), runsOnSokoguru),
      })),
      checklists,
    };
  });
}

export interface ChecklistInput {
  versionId: bigint;
  assessedOn: IsoDate;
  note: string | null;
  answers: { itemNo: number; met: boolean; note: string | null }[];
}

/** Records a checklist (a new row: the earlier ones stay), audited; answers the cooperative's state. */
export async function recordChecklist(
  deps: Deps,
  ctx: OrgContext,
  registryId: bigint,
  input: ChecklistInput,
) {
  const today = businessDateWib(deps.clock());
  const id = await inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const reg = await mustRegistry(o, region, registryId);
    const v = await mustVersion(o, region, input.versionId);
    const problems = checklistProblems(criteriaOf(v), input.answers);
    if (problems.length > 0) {
      const field = problems.map((p) => `answers.${p.itemNo}: ${p.code}`).join(', ');
      throw new AppError(
        'KOPERASI_MODERN_CHECKLIST_INCOMPLETE',
        { field },
        field,
        problems.map((p) => ({ field: `answers.${p.itemNo}`, code: p.code, message: p.code })),
      );
    }
    if (input.assessedOn > today)
      throw new AppError('KOPERASI_MODERN_DATE_INVALID', { field: 'assessedOn' }, 'future', [
        { field: 'assessedOn', code: 'FUTURE', message: 'FUTURE' },
      ]);
    const suggested = new Map(
      suggestedAnswers(criteriaOf(v), reg.linked_organization_id !== null).map((s) => [
        s.itemNo,
        s,
      ]),
    );
    const user = ctx.actor.userId ? await findUserById(o.tx, ctx.actor.userId) : undefined;
    const checklistId = await repo.insertChecklist(
      o.tx,
      {
        regionCode: reg.region_code,
        registryId,
        versionId: input.versionId,
        assessedOn: input.assessedOn,
        note: input.note,
        assessorUserId: ctx.actor.userId,
        assessorName: user?.fullName ?? ctx.actor.label,
      },
      input.answers.map((a) => {
        const s = suggested.get(a.itemNo);
        // an item Sokoguru suggests, kept as met: its note says why unless the officer wrote one
        const kept = s !== undefined && a.met;
        return { ...a, note: a.note ?? (kept ? s.note : null), suggested: kept };
      }),
    );
    await o.audit({
      action: 'koperasi-modern.checklist-recorded',
      entityType: 'registry-cooperative',
      entityId: registryId,
      after: {
        checklistId: checklistId.toString(),
        versionId: v.id,
        assessedOn: input.assessedOn,
        met: input.answers.filter((a) => a.met).length,
        total: v.items.length,
      },
    });
    return checklistId;
  });
  return { id: id.toString(), ...(await cooperativeChecklists(deps, ctx, registryId)) };
}

export async function addEvidence(
  deps: Deps,
  ctx: OrgContext,
  registryId: bigint,
  checklistId: bigint,
  e: { itemNo: number; fileName: string; contentType: string; content: Buffer | null },
) {
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const a = await repo.findChecklist(o.tx, region, registryId, checklistId);
    if (!a) throw new AppError('NOT_FOUND');
    const v = await mustVersion(o, region, a.version_id);
    if (!v.items.some((i) => i.no === e.itemNo)) throw invalid('itemNo', 'UNKNOWN_ITEM');
    if (!isDocumentType(e.contentType)) throw invalid('contentType', 'TYPE_NOT_ALLOWED');
    if (!e.content || e.content.length === 0) throw invalid('body', 'EMPTY');
    if (e.content.length > EVIDENCE_BYTES_MAX)
      throw new AppError('PAYLOAD_TOO_LARGE', { limit: EVIDENCE_BYTES_MAX });
    if ((await repo.evidenceCount(o.tx, registryId, checklistId)) >= EVIDENCE_FILES_MAX)
      throw invalid('body', 'TOO_MANY_FILES');
    const fileName = e.fileName.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 200) || 'bukti';
    const row = await repo.insertEvidence(o.tx, a, {
      itemNo: e.itemNo,
      fileName,
      contentType: e.contentType,
      content: e.content,
      uploadedBy: ctx.actor.userId,
    });
    await o.audit({
      action: 'koperasi-modern.evidence-added',
      entityType: 'registry-cooperative',
      entityId: registryId,
      after: {
        checklistId: checklistId.toString(),
        itemNo: e.itemNo,
        fileName,
        bytes: e.content.length,
      },
    });
    return {
      id: row.id.toString(),
      fileName: row.file_name,
      contentType: row.content_type,
      uploadedAt: row.uploaded_at.toISOString(),
      href: hrefOf(ctx.organizationId, registryId, checklistId, row.id),
    };
  });
}

export async function getEvidence(
  deps: Deps,
  ctx: OrgContext,
  registryId: bigint,
  checklistId: bigint,
  evidenceId: bigint,
) {
  return inOrg(deps, ctx, async (o) => {
    const e = await repo.findEvidence(o.tx, await regionOf(o), registryId, checklistId, evidenceId);
    if (!e) throw new AppError('NOT_FOUND');
    return { contentType: e.content_type, fileName: e.file_name, content: Buffer.from(e.content) };
  });
}

// ---------------------------------------------------------------------------------------------
// The case file (src/domain/supervision/case-file.ts).

/**
 * The cooperative's checklists as case-file entries: one per checklist, dated the day it was
 * assessed, by the officer, with its evidence as documents; the title says whether it met the
 * version's criteria, the detail what is missing.
 */
export async function caseFileEntries(o: OrgTx, registryId: bigint): Promise<CaseFileEntry[]> {
  const region = await regionOf(o);
  const all = await versions(o, region);
  const c = await repo.checklistsOf(o.tx, region, registryId);
  return c.assessments.map((a) => {
    const v = all.find((x) => x.id === a.version_id.toString());
    const items = v ? criteriaOf(v) : [];
    const answers = c.answers
      .filter((x) => x.assessment_id === a.id)
      .map((x) => ({ itemNo: x.item_no, met: x.met, note: x.note }));
    const missing = missingItems(items, answers);
    const met = items.length - missing.length;
    return {
      on: a.assessed_on,
      kind: 'modern' as const,
      title:
        missing.length === 0
          ? `Koperasi modern: memenuhi ${items.length} dari ${items.length} kriteria`
          : `Koperasi modern: ${met} dari ${items.length} kriteria terpenuhi`,
      detail: [
        v?.title ?? '',
        missing.length > 0 ? `belum: ${missing.map((m) => m.text).join('; ')}` : '',
      ]
        .filter((s) => s !== '')
        .join(' — '),
      actor: a.assessor_name,
      documents: c.evidence
        .filter((e) => e.assessment_id === a.id)
        .map((e) => ({
          name: e.file_name,
          href: hrefOf(o.ctx.organizationId, registryId, a.id, e.id),
        })),
      ref: `modern:${a.id}`,
    };
  });
}
