/**
 * Open data: which figures of a region's public tables are withheld so that no single cooperative
 * can be made out (issue 15, item 7; docs/domain/supervision-dashboard.md).
 *
 * A published table splits the region's cooperatives into cells (by type, by district, by
 * predikat) and shows each cell's figures and the table's total. The rule, applied to each measure
 * separately (a cell's count covers its cooperatives; its rupiah totals cover only those that
 * reported):
 *
 * 1. Small groups (primary suppression): a cell whose figures come from fewer than
 *    `minContributors` cooperatives is withheld, unless every one of them published its report
 *    (then nothing in it is confidential). An empty cell is shown (zero says nothing about anyone).
 * 2. The total is withheld when it is itself a small group by the same test.
 * 3. Complementary suppression: with the total shown, total − the shown cells = the withheld
 *    cells' sum. So the withheld cells together must again pass the test of rule 1 and be at least
 *    two cells; until they do, the smallest shown non-empty cell is withheld too.
 *
 * Worked example (minimum 3): districts A 1, B 7, C 4 cooperatives, none published. A is a small
 * group; alone it could be read off as total 12 − 7 − 4, so C (the smallest other) is withheld as
 * well: A and C together are 5 ≥ 3 cooperatives in 2 cells. Shown: B 7, total 12.
 */

/** The smallest number of cooperatives a shown figure may cover (unless all published). */
export const OPEN_DATA_MIN_COOPERATIVES = 3;

export type Suppression = 'small_group' | 'complementary';

export interface CellInput<V extends string> {
  key: string;
  /** how many cooperatives the cell's figures come from */
  contributors: number;
  /** every one of them published its report */
  allPublished: boolean;
  values: Record<V, bigint>;
}

export interface PublishedCell<V extends string> {
  key: string;
  /** null when withheld */
  contributors: number | null;
  values: Record<V, bigint> | null;
  suppressed: Suppression | null;
}

export interface PublishedTable<V extends string> {
  cells: PublishedCell<V>[];
  total: {
    contributors: number | null;
    values: Record<V, bigint> | null;
    suppressed: Suppression | null;
  };
}

/** Rule 1's test for a group of cooperatives. */
export const isSafeGroup = (contributors: number, allPublished: boolean, min: number): boolean =>
  contributors === 0 || contributors >= min || allPublished;

function sumValues<V extends string>(cells: readonly CellInput<V>[], names: readonly V[]) {
  const out = Object.fromEntries(names.map((n) => [n, 0n])) as Record<V, bigint>;
  for (const c of cells) for (const n of names) out[n] += c.values[n];
  return out;
}

/**
 * The table as it may be published: each cell's figures or null with the reason, and the total
 * (the sum of all cells, withheld ones included). `names` lists the measures in `values`.
 */
export function publishTable<V extends string>(
  cells: readonly CellInput<V>[],
  names: readonly V[],
  minContributors: number = OPEN_DATA_MIN_COOPERATIVES,
): PublishedTable<V> {
  if (!Number.isInteger(minContributors) || minContributors < 1)
    throw new Error(`minContributors must be a positive integer, got ${minContributors}`);
  const reason: (Suppression | null)[] = cells.map((c) =>
    isSafeGroup(c.contributors, c.allPublished, minContributors) ? null : 'small_group',
  );
  const contributors = cells.reduce((s, c) => s + c.contributors, 0);
  const totalSafe = isSafeGroup(
    contributors,
    cells.every((c) => c.allPublished),
    minContributors,
  );

  if (totalSafe) {
    const withheld = () => cells.filter((_, i) => reason[i] !== null);
    const derivedIsSafe = () => {
      const w = withheld();
      return (
        w.length === 0 ||
        (w.length >= 2 &&
          isSafeGroup(
            w.reduce((s, c) => s + c.contributors, 0),
            w.every((c) => c.allPublished),
            minContributors,
          ))
      );
    };
    while (!derivedIsSafe()) {
      // the smallest shown cell that has cooperatives in it; ties by position, so it is stable
      let pick = -1;
      cells.forEach((c, i) => {
        if (reason[i] !== null || c.contributors === 0) return;
        if (pick < 0 || c.contributors < cells[pick]!.contributors) pick = i;
      });
      if (pick < 0) break; // cannot happen while the total is safe (see the unit tests)
      reason[pick] = 'complementary';
    }
  }

  return {
    cells: cells.map((c, i) => ({
      key: c.key,
      contributors: reason[i] === null ? c.contributors : null,
      values: reason[i] === null ? { ...c.values } : null,
      suppressed: reason[i] ?? null,
    })),
    total: totalSafe
      ? { contributors, values: sumValues(cells, names), suppressed: null }
      : { contributors: null, values: null, suppressed: 'small_group' },
  };
}
