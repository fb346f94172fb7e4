import * as repo from '../../db/registry.repo.js';
import type { SavedFilterRow } from '../../db/registry.repo.js';
import { AppError } from '../../domain/errors.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';

/**
 * The registry filters an officer saves under a name, to apply again later: the user's own, in
 * the office they were saved in (row-level security by organisation, migration 0015). A filter
 * is only a list route query: applying it searches the office's region like any other search.
 */

export function savedFilterView(r: SavedFilterRow) {
  return {
    id: r.id.toString(),
    name: r.name,
    // an object of the list's query fields: checked by the list's schema when it was saved
    filter: r.filter as Record<string, unknown>,
    createdAt: r.created_at.toISOString(),
  };
}
export type SavedFilterView = ReturnType<typeof savedFilterView>;

/** Saved filters per user per office: a limit, as on everything. */
export const SAVED_FILTERS_MAX = 50;

function userOf(ctx: OrgContext): string {
  if (!ctx.actor.userId) throw new AppError('FORBIDDEN');
  return ctx.actor.userId;
}

export async function listSavedFilters(deps: Deps, ctx: OrgContext): Promise<SavedFilterView[]> {
  const user = userOf(ctx);
  return inOrg(deps, ctx, async (o) =>
    (await repo.savedFilters(o.tx, ctx.organizationId, user)).map(savedFilterView),
  );
}

/** Saves the filter under the name; a filter of the same name is replaced. */
export async function saveFilter(
  deps: Deps,
  ctx: OrgContext,
  input: { name: string; filter: Record<string, unknown> },
): Promise<SavedFilterView> {
  const user = userOf(ctx);
  return inOrg(deps, ctx, async (o) => {
    const mine = await repo.savedFilters(o.tx, ctx.organizationId, user);
    if (mine.length >= SAVED_FILTERS_MAX && !mine.some((f) => f.name === input.name))
      throw new AppError(
        'VALIDATION_FAILED',
        { field: 'name' },
        `at most ${SAVED_FILTERS_MAX} saved filters`,
        [{ field: 'name', code: 'TOO_MANY', message: `${SAVED_FILTERS_MAX}` }],
      );
    return savedFilterView(
      await repo.saveFilter(o.tx, ctx.organizationId, user, input.name, input.filter),
    );
  });
}

export async function deleteSavedFilter(deps: Deps, ctx: OrgContext, id: bigint): Promise<void> {
  const user = userOf(ctx);
  await inOrg(deps, ctx, async (o) => {
    if (!(await repo.deleteSavedFilter(o.tx, ctx.organizationId, user, id)))
      throw new AppError('NOT_FOUND');
  });
}
