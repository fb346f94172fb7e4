import { createHash } from 'node:crypto';
import * as repo from '../../db/health-assessments.repo.js';
import type { Queryable } from '../../db/database.js';
import { AppError, type FieldError } from '../../domain/errors.js';
import { checklistsOf } from '../../domain/supervision/checklists.js';
import { RUBRICS, type Rubric, type RubricId } from '../../domain/supervision/index.js';
import {
  BUILTIN_VERSION,
  canonicalJson,
  checkRubricVersion,
  placeholderCount,
} from '../../domain/supervision/rubric-version.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { regionOf } from '../registry/entries.js';

/**
 * Rubric versions: the built-in ones in code (version 'builtin') and the ones a ministry
 * administrator loads (health_rubric_versions), each checked by the engine first. Who may load:
 * a user with dinas.manage (dinas_admin) of the ministry-level office (region ''), because a rubric
 * version applies to every region; a city or province office reads them only.
 */

export interface RubricVersion {
  rubric: Rubric;
  rubricId: RubricId;
  version: string;
  digest: string;
  provisional: boolean;
  sourceDocument: string;
  sourceNote: string | null;
  loadedBy: string | null;
  loadedAt: string | null;
}

export const digestOf = (rubric: Rubric): string =>
  createHash('sha256').update(canonicalJson(rubric)).digest('hex');

export const isRubricId = (id: string): id is RubricId => Object.hasOwn(RUBRICS, id);

function builtin(id: RubricId): RubricVersion {
  const rubric = RUBRICS[id];
  return {
    rubric,
    rubricId: id,
    version: BUILTIN_VERSION,
    digest: digestOf(rubric),
    provisional: placeholderCount(rubric) > 0,
    sourceDocument: rubric.source.document,
    sourceNote: null,
    loadedBy: null,
    loadedAt: null,
  };
}

function loaded(row: repo.RubricVersionRow): RubricVersion {
  return {
    rubric: row.definition as unknown as Rubric,
    rubricId: row.rubric_id as RubricId,
    version: row.version,
    digest: row.digest,
    provisional: row.provisional,
    sourceDocument: row.source_document,
    sourceNote: row.source_note,
    loadedBy: row.loaded_by_label,
    loadedAt: row.loaded_at.toISOString(),
  };
}

const invalid = (field: string, code: string, problems: FieldError[] = []) =>
  new AppError('VALIDATION_FAILED', { field }, `${field}: ${code}`, [
    { field, code, message: code },
    ...problems,
  ]);

/** A rubric version by id and version; refused when unknown. */
export async function rubricVersion(
  db: Queryable,
  rubricId: string,
  version: string,
): Promise<RubricVersion> {
  if (!isRubricId(rubricId)) throw invalid('rubricId', 'UNKNOWN_RUBRIC');
  if (version === BUILTIN_VERSION) return builtin(rubricId);
  const row = await repo.findRubricVersion(db, rubricId, version);
  if (!row) throw invalid('rubricVersion', 'UNKNOWN_RUBRIC_VERSION');
  return loaded(row);
}

/**
 * The version a new assessment uses when none is named: the newest loaded version of the rubric
 * (the official values, once loaded), else the built-in one.
 */
export async function currentRubricVersion(
  db: Queryable,
  rubricId: string,
): Promise<RubricVersion> {
  if (!isRubricId(rubricId)) throw invalid('rubricId', 'UNKNOWN_RUBRIC');
  const rows = (await repo.rubricVersions(db)).filter((r) => r.rubric_id === rubricId);
  const newest = rows[rows.length - 1];
  return newest ? loaded(newest) : builtin(rubricId);
}

export type RubricVersionView = ReturnType<typeof rubricVersionView>;
export function rubricVersionView(v: RubricVersion) {
  return {
    rubricId: v.rubricId,
    version: v.version,
    title: v.rubric.title,
    validFrom: v.rubric.validFrom,
    digest: v.digest,
    provisional: v.provisional,
    sourceDocument: v.sourceDocument,
    sourceNote: v.sourceNote,
    loadedBy: v.loadedBy,
    loadedAt: v.loadedAt,
  };
}

export async function listRubricVersions(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async (o) => {
    const rows = await repo.rubricVersions(o.tx);
    return [...(Object.keys(RUBRICS) as RubricId[]).map(builtin), ...rows.map(loaded)].map(
      rubricVersionView,
    );
  });
}

/** What an examiner fills for one version: its rupiah inputs and its checklists, item by item. */
export async function rubricForm(deps: Deps, ctx: OrgContext, rubricId: string, version: string) {
  return inOrg(deps, ctx, async (o) => {
    const v = await rubricVersion(o.tx, rubricId, version);
    return {
      ...rubricVersionView(v),
      inputs: v.rubric.inputs.flatMap((d) =>
        d.kind === 'rupiah'
          ? [{ key: d.key, name: d.name, mayBeNegative: d.mayBeNegative === true }]
          : [],
      ),
      checklists: checklistsOf(v.rubric),
    };
  });
}

/** The full data of one version (for an administrator preparing the next). */
export async function getRubricDefinition(
  deps: Deps,
  ctx: OrgContext,
  rubricId: string,
  version: string,
): Promise<Rubric> {
  return inOrg(deps, ctx, async (o) => (await rubricVersion(o.tx, rubricId, version)).rubric);
}

export interface LoadRubricVersion {
  rubricId: string;
  version: string;
  definition: unknown;
  sourceDocument: string;
  sourceNote?: string | null;
}

/** Loads a rubric version after the engine has checked it; the ministry's administrators only. */
export async function loadRubricVersion(deps: Deps, ctx: OrgContext, input: LoadRubricVersion) {
  return inOrg(deps, ctx, async (o) => {
    if ((await regionOf(o)) !== '') throw new AppError('FORBIDDEN');
    if (!isRubricId(input.rubricId)) throw invalid('rubricId', 'UNKNOWN_RUBRIC');
    if (input.version === BUILTIN_VERSION) throw invalid('version', 'RESERVED');
    const checked = checkRubricVersion(RUBRICS[input.rubricId], input.definition);
    if (!checked.ok)
      throw invalid(
        'definition',
        'RUBRIC_INVALID',
        checked.problems.map((p) => ({
          field: `definition.${p.path}`,
          code: 'RUBRIC_INVALID',
          message: p.problem,
        })),
      );
    const row = await repo.insertRubricVersion(o.tx, {
      rubric_id: input.rubricId,
      version: input.version,
      definition: canonicalJson(checked.rubric),
      digest: digestOf(checked.rubric),
      provisional: checked.provisional,
      source_document: input.sourceDocument,
      source_note: input.sourceNote ?? null,
      loaded_by: ctx.actor.userId,
      loaded_by_label: ctx.actor.label,
    });
    if (!row) throw invalid('version', 'VERSION_TAKEN');
    const view = rubricVersionView(loaded(row));
    await o.audit({
      action: 'health.rubric-version-loaded',
      entityType: 'health-rubric-version',
      entityId: `${input.rubricId}@${input.version}`,
      after: { ...view },
    });
    return view;
  });
}
