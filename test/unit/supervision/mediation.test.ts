import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agreementProgress,
  canMove,
  instalmentPlan,
  instalmentState,
} from '../../../src/domain/supervision/mediation.js';

describe('mediation: the instalment plan of an agreement', () => {
  it('splits the total in equal monthly instalments, the remainder on the last', () => {
    expect(instalmentPlan(10_000_000n, 3, '2026-01-31')).toEqual([
      { no: 1, dueOn: '2026-01-31', amountRupiah: 3_333_333n },
      { no: 2, dueOn: '2026-02-28', amountRupiah: 3_333_333n },
      { no: 3, dueOn: '2026-03-31', amountRupiah: 3_333_334n },
    ]);
    expect(instalmentPlan(5n, 5, '2026-05-10').map((i) => i.amountRupiah)).toEqual([
      1n,
      1n,
      1n,
      1n,
      1n,
    ]);
  });

  it('always adds up to the total, no instalment below the others', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 13n }),
        fc.integer({ min: 1, max: 120 }),
        (total, count) => {
          fc.pre(BigInt(count) <= total);
          const plan = instalmentPlan(total, count, '2026-01-15');
          expect(plan.reduce((s, i) => s + i.amountRupiah, 0n)).toBe(total);
          expect(plan).toHaveLength(count);
          const first = plan[0]!.amountRupiah;
          for (const i of plan)
            expect(i.amountRupiah >= first && i.amountRupiah - first < BigInt(count)).toBe(true);
        },
      ),
    );
  });

  it('refuses a plan that cannot be paid in whole rupiah or runs past ten years', () => {
    expect(() => instalmentPlan(0n, 3, '2026-01-01')).toThrow();
    expect(() => instalmentPlan(2n, 3, '2026-01-01')).toThrow();
    expect(() => instalmentPlan(1_000n, 121, '2026-01-01')).toThrow();
  });
});

describe('mediation: tracking the agreement', () => {
  const i = { dueOn: '2026-03-31', amountRupiah: 1_000n };
  it('an instalment is due up to its day, overdue the day after unless paid in full', () => {
    expect(instalmentState({ ...i, paidRupiah: 0n }, '2026-03-31')).toBe('due');
    expect(instalmentState({ ...i, paidRupiah: 400n }, '2026-03-31')).toBe('partial');
    expect(instalmentState({ ...i, paidRupiah: 400n }, '2026-04-01')).toBe('overdue');
    expect(instalmentState({ ...i, paidRupiah: 1_000n }, '2026-09-01')).toBe('paid');
  });

  it('sums paid, owed and overdue; fulfilled when nothing is owed', () => {
    const plan = [
      { dueOn: '2026-01-31', amountRupiah: 3_333_333n, paidRupiah: 3_333_333n },
      { dueOn: '2026-02-28', amountRupiah: 3_333_333n, paidRupiah: 1_000_000n },
      { dueOn: '2026-03-31', amountRupiah: 3_333_334n, paidRupiah: 0n },
    ];
    expect(agreementProgress(plan, '2026-03-15')).toEqual({
      paidRupiah: 4_333_333n,
      owedRupiah: 5_666_667n,
      overdueRupiah: 2_333_333n,
      overdueCount: 1,
      fulfilled: false,
    });
    expect(
      agreementProgress(
        plan.map((p) => ({ ...p, paidRupiah: p.amountRupiah })),
        '2026-05-01',
      ).fulfilled,
    ).toBe(true);
  });

  it('moves a case forward only: open, agreement, then resolved or failed; closed stays closed', () => {
    expect(canMove('open', 'agreement')).toBe(true);
    expect(canMove('open', 'failed')).toBe(true);
    expect(canMove('agreement', 'resolved')).toBe(true);
    expect(canMove('agreement', 'open')).toBe(false);
    expect(canMove('resolved', 'open')).toBe(false);
    expect(canMove('failed', 'agreement')).toBe(false);
  });
});
