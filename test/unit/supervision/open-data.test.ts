import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isSafeGroup,
  OPEN_DATA_MIN_COOPERATIVES,
  publishTable,
  type CellInput,
} from '../../../src/domain/supervision/open-data.js';

type V = 'cooperatives' | 'assetsRupiah';
const NAMES: V[] = ['cooperatives', 'assetsRupiah'];
const cell = (key: string, n: number, assets = BigInt(n) * 1_000_000n, published = false) =>
  ({
    key,
    contributors: n,
    allPublished: published,
    values: { cooperatives: BigInt(n), assetsRupiah: assets },
  }) satisfies CellInput<V>;
const shown = (t: ReturnType<typeof publishTable<V>>) =>
  t.cells.filter((c) => c.suppressed === null).map((c) => c.key);

describe('open data suppression: worked examples (minimum 3 cooperatives)', () => {
  it('the minimum is 3', () => expect(OPEN_DATA_MIN_COOPERATIVES).toBe(3));

  it('districts of 1, 7 and 4: the 1 is a small group, the 4 is withheld with it, total 12 shown', () => {
    const t = publishTable([cell('A', 1), cell('B', 7), cell('C', 4)], NAMES);
    expect(t.cells.map((c) => c.suppressed)).toEqual(['small_group', null, 'complementary']);
    expect(t.cells[0]).toEqual({
      key: 'A',
      contributors: null,
      values: null,
      suppressed: 'small_group',
    });
    expect(t.cells[1]!.values).toEqual({ cooperatives: 7n, assetsRupiah: 7_000_000n });
    expect(t.total).toEqual({
      contributors: 12,
      values: { cooperatives: 12n, assetsRupiah: 12_000_000n },
      suppressed: null,
    });
  });

  it('two small groups of 1 and 1 make 2 < 3 together: a third cell is withheld too', () => {
    const t = publishTable([cell('A', 1), cell('B', 1), cell('C', 9), cell('D', 5)], NAMES);
    expect(t.cells.map((c) => c.suppressed)).toEqual([
      'small_group',
      'small_group',
      null,
      'complementary',
    ]);
  });

  it('two small groups of 2 and 2 (4 together) need nothing more', () => {
    const t = publishTable([cell('A', 2), cell('B', 2), cell('C', 9)], NAMES);
    expect(shown(t)).toEqual(['C']);
  });

  it('a cell of 2 whose cooperatives all published their reports is shown', () => {
    const t = publishTable([cell('A', 2, 5n, true), cell('B', 9)], NAMES);
    expect(shown(t)).toEqual(['A', 'B']);
    expect(t.cells[0]!.values).toEqual({ cooperatives: 2n, assetsRupiah: 5n });
  });

  it('a region of 2 cooperatives shows neither the total nor the cells', () => {
    const t = publishTable([cell('A', 1), cell('B', 1)], NAMES);
    expect(t.total.suppressed).toBe('small_group');
    expect(t.total.values).toBeNull();
    expect(shown(t)).toEqual([]);
  });

  it('empty cells are shown as zero and never picked as the complement', () => {
    const t = publishTable([cell('A', 0), cell('B', 1), cell('C', 3), cell('D', 8)], NAMES);
    expect(t.cells.map((c) => c.suppressed)).toEqual([null, 'small_group', 'complementary', null]);
    expect(t.cells[0]!.values).toEqual({ cooperatives: 0n, assetsRupiah: 0n });
  });

  it('the minimum must be a positive integer', () => {
    expect(() => publishTable([cell('A', 4)], NAMES, 0)).toThrow(/positive integer/);
  });
});

const cellsArb = fc.array(
  fc.record({
    n: fc.nat({ max: 12 }),
    published: fc.boolean(),
    assets: fc.bigInt({ min: 0n, max: 10n ** 15n }),
  }),
  { maxLength: 12 },
);
const build = (xs: { n: number; published: boolean; assets: bigint }[]) =>
  xs.map((x, i) => cell(`c${i}`, x.n, x.n === 0 ? 0n : x.assets, x.published));

describe('open data suppression: properties', () => {
  it('no shown cell covers fewer than the minimum unless all its cooperatives published', () => {
    fc.assert(
      fc.property(cellsArb, fc.integer({ min: 1, max: 6 }), (xs, min) => {
        const cells = build(xs);
        const t = publishTable(cells, NAMES, min);
        t.cells.forEach((c, i) => {
          if (c.suppressed === null)
            expect(isSafeGroup(cells[i]!.contributors, cells[i]!.allPublished, min)).toBe(true);
        });
      }),
    );
  });

  it('the shown total is the exact sum of every cell, withheld ones included', () => {
    fc.assert(
      fc.property(cellsArb, (xs) => {
        const cells = build(xs);
        const t = publishTable(cells, NAMES);
        if (t.total.values === null) return;
        expect(t.total.values.assetsRupiah).toBe(
          cells.reduce((s, c) => s + c.values.assetsRupiah, 0n),
        );
        expect(t.total.contributors).toBe(cells.reduce((s, c) => s + c.contributors, 0));
        // shown cells keep their exact figures
        t.cells.forEach((c, i) => {
          if (c.values) expect(c.values).toEqual(cells[i]!.values);
        });
      }),
    );
  });

  it('total minus the shown cells never isolates a small group: the withheld cells are none, or at least two forming a safe group', () => {
    fc.assert(
      fc.property(cellsArb, fc.integer({ min: 1, max: 6 }), (xs, min) => {
        const cells = build(xs);
        const t = publishTable(cells, NAMES, min);
        if (t.total.values === null) return;
        const withheld = cells.filter((_, i) => t.cells[i]!.suppressed !== null);
        if (withheld.length === 0) return;
        expect(withheld.length).toBeGreaterThanOrEqual(2);
        expect(
          isSafeGroup(
            withheld.reduce((s, c) => s + c.contributors, 0),
            withheld.every((c) => c.allPublished),
            min,
          ),
        ).toBe(true);
        // and the derivation gives back only their sum
        const shownSum = cells
          .filter((_, i) => t.cells[i]!.suppressed === null)
          .reduce((s, c) => s + c.values.assetsRupiah, 0n);
        expect(t.total.values.assetsRupiah - shownSum).toBe(
          withheld.reduce((s, c) => s + c.values.assetsRupiah, 0n),
        );
      }),
    );
  });

  it('a withheld total means the whole table is a small group', () => {
    fc.assert(
      fc.property(cellsArb, (xs) => {
        const cells = build(xs);
        const t = publishTable(cells, NAMES);
        const n = cells.reduce((s, c) => s + c.contributors, 0);
        expect(t.total.suppressed === null).toBe(
          isSafeGroup(
            n,
            cells.every((c) => c.allPublished),
            OPEN_DATA_MIN_COOPERATIVES,
          ),
        );
      }),
    );
  });
});
