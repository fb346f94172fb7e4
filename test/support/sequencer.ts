import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files far longer than the rest, longest first. They start before everything else, so no worker
 * is left alone with one of them at the end of the run. Vitest would sort by the durations of an
 * earlier run, but a fresh clone (CI) has none and falls back to file size, which put the fuzz
 * sweep (about 110 s, a 9 KB file) near the end. Measured in CI (.tmp/ci/pglite.json).
 */
export const SLOW_FIRST = [
  'test/integration/foundation/fuzz-1.test.ts',
  'test/integration/foundation/fuzz-2.test.ts',
  'test/unit/loans/calc-cli.test.ts',
  'test/integration/foundation/backup.test.ts',
  'test/integration/foundation/audit.test.ts',
  'test/integration/loans/auto-debit-entry-points.test.ts',
  'test/integration/savings/concurrency.test.ts',
];

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.findIndex((p) => f.moduleId.endsWith(`/${p}`));
      return i === -1 ? SLOW_FIRST.length : i;
    };
    // a stable sort: the rest keep the order the base sequencer gave them
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map((x) => x.f);
  }
}
