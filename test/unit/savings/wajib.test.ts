import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wajibArrears, type WajibAmountChange } from '../../../src/domain/savings/wajib.js';

// Product since 2020 at Rp 50,000 a month; the RAT raised it to Rp 75,000 from July 2026.
const schedule: WajibAmountChange[] = [
  { effectiveFrom: '2020-01', amountRupiah: 50_000n },
  { effectiveFrom: '2026-07', amountRupiah: 75_000n },
];
const member = {
  memberStartDate: '2026-03-15',
  productStartDate: '2020-01-01',
  amountSchedule: schedule,
};

describe('simpanan wajib arrears (tunggakan)', () => {
  it('counts every month from the joining month through the as-of month at the amount then in force', () => {
    // Joined 15 Mar 2026, as of 10 Sep 2026: Mar, Apr, May, Jun at 50,000 = 200,000;
    // Jul, Aug, Sep at 75,000 = 225,000; due 425,000.
    // Paid: 15 Mar 50,000 + 20 Apr 50,000 + 1 Jun 100,000 = 200,000 (12 Sep is after the as-of date).
    // Arrears 425,000 − 200,000 = 225,000: Jul, Aug, Sep owed → 3 months.
    const r = wajibArrears({
      ...member,
      asOf: '2026-09-10',
      payments: [
        { date: '2026-03-15', amountRupiah: 50_000n },
        { date: '2026-04-20', amountRupiah: 50_000n },
        { date: '2026-06-01', amountRupiah: 100_000n },
        { date: '2026-09-12', amountRupiah: 75_000n },
      ],
    });
    expect(r).toMatchObject({
      totalDueRupiah: 425_000n,
      totalPaidRupiah: 200_000n,
      arrearsRupiah: 225_000n,
      monthsOwed: 3,
      advanceRupiah: 0n,
    });
    expect(r.periods.map((p) => [p.yearMonth, p.dueRupiah, p.owedRupiah])).toEqual([
      ['2026-03', 50_000n, 0n],
      ['2026-04', 50_000n, 0n],
      ['2026-05', 50_000n, 0n],
      ['2026-06', 50_000n, 0n],
      ['2026-07', 75_000n, 75_000n],
      ['2026-08', 75_000n, 75_000n],
      ['2026-09', 75_000n, 75_000n],
    ]);
  });
  it('a partly paid month still counts as owed', () => {
    // Paid 230,000: Mar–Jun covered (200,000), 30,000 towards Jul → Jul owes 45,000.
    // Arrears 425,000 − 230,000 = 195,000; months owed Jul, Aug, Sep = 3.
    const r = wajibArrears({
      ...member,
      asOf: '2026-09-10',
      payments: [{ date: '2026-03-15', amountRupiah: 230_000n }],
    });
    expect([r.arrearsRupiah, r.monthsOwed, r.periods[4]?.owedRupiah]).toEqual([
      195_000n,
      3,
      45_000n,
    ]);
  });
  it('paying ahead leaves no arrears and shows the advance', () => {
    const r = wajibArrears({
      ...member,
      asOf: '2026-09-10',
      payments: [{ date: '2026-03-15', amountRupiah: 500_000n }],
    });
    expect([r.arrearsRupiah, r.monthsOwed, r.advanceRupiah]).toEqual([0n, 0, 75_000n]);
  });
  it("the joining month is due in full, whatever the day; the as-of date's month is due too", () => {
    const r = wajibArrears({
      ...member,
      memberStartDate: '2026-03-31',
      asOf: '2026-04-01',
      payments: [],
    });
    expect([r.totalDueRupiah, r.monthsOwed]).toEqual([100_000n, 2]);
  });
  it('counts from the product start when the member joined before the product existed', () => {
    const r = wajibArrears({
      ...member,
      memberStartDate: '2019-05-01',
      productStartDate: '2026-08-20',
      asOf: '2026-09-10',
      payments: [],
    });
    expect(r.periods.map((p) => p.yearMonth)).toEqual(['2026-08', '2026-09']);
  });
  it('before the start nothing is due', () => {
    const r = wajibArrears({ ...member, asOf: '2026-02-28', payments: [] });
    expect([r.periods.length, r.arrearsRupiah]).toEqual([0, 0n]);
  });
  it('a month with no amount in force is a configuration error', () => {
    expect(() =>
      wajibArrears({
        ...member,
        amountSchedule: [{ effectiveFrom: '2026-05', amountRupiah: 1n }],
        asOf: '2026-09-10',
        payments: [],
      }),
    ).toThrow();
  });

  it('agrees with the set-based formula: arrears − advance = due − paid; months owed = #(running due > paid)', () => {
    const arb = fc.record({
      startOffset: fc.integer({ min: 0, max: 60 }),
      asOfOffset: fc.integer({ min: 0, max: 120 }),
      payments: fc.array(
        fc.record({
          offset: fc.integer({ min: 0, max: 130 }),
          amount: fc.bigInt({ min: 1n, max: 200_000n }),
        }),
        {
          maxLength: 30,
        },
      ),
    });
    const monthDate = (offset: number, day: string) => {
      const ord = 2020 * 12 + offset;
      return `${Math.floor(ord / 12)}-${String((ord % 12) + 1).padStart(2, '0')}-${day}`;
    };
    fc.assert(
      fc.property(arb, (x) => {
        const asOf = monthDate(x.asOfOffset, '15');
        const r = wajibArrears({
          memberStartDate: monthDate(x.startOffset, '10'),
          productStartDate: '2020-01-01',
          amountSchedule: schedule,
          asOf,
          payments: x.payments.map((p) => ({
            date: monthDate(p.offset, '15'),
            amountRupiah: p.amount,
          })),
        });
        const paid = x.payments
          .filter((p) => p.offset <= x.asOfOffset)
          .reduce((s, p) => s + p.amount, 0n);
        let running = 0n;
        let owed = 0;
        for (const p of r.periods) {
          running += p.dueRupiah;
          if (p.dueRupiah > 0n && running > paid) owed++;
        }
        return (
          r.totalPaidRupiah === paid &&
          r.arrearsRupiah - r.advanceRupiah === r.totalDueRupiah - paid &&
          r.monthsOwed === owed &&
          (r.monthsOwed === 0) === (r.arrearsRupiah === 0n) &&
          r.arrearsRupiah === r.periods.reduce((s, p) => s + p.owedRupiah, 0n)
        );
      }),
    );
  });
});
