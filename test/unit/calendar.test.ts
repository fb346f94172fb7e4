import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  daysBetween,
  daysInMonth,
  parseIsoDate,
} from '../../../src/domain/savings/calendar.js';

describe('business-date arithmetic', () => {
  it('adds months clamping to the month end, like PostgreSQL', () => {
    expect(addMonthsClamped('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsClamped('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsClamped('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonthsClamped('2026-03-31', -1)).toBe('2026-02-28');
  });
  it('knows leap years: 2000 yes, 1900 no', () => {
    expect([daysInMonth(2000, 2), daysInMonth(1900, 2), daysInMonth(2028, 2)]).toEqual([
      29, 28, 29,
    ]);
  });
  it('refuses impossible dates (programmer error)', () => {
    expect(() => parseIsoDate('2026-02-29')).toThrow();
    expect(() => parseIsoDate('26-02-01')).toThrow();
  });
  it('days between and add days are inverse', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2199-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -40_000, max: 40_000 }),
        (d, n) => {
          const iso = d.toISOString().slice(0, 10);
          return daysBetween(iso, addDays(iso, n)) === n;
        },
      ),
    );
  });
});
