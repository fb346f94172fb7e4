import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  businessDateWib,
  daysBetween,
  daysInMonth,
  daysInYear,
  formatIsoDate,
  parseIsoDate,
  tryParseIsoDate,
  wholeYearsBetween,
} from '../../src/domain/calendar.js';

/** Any real day from 1900 to 2199, as 'YYYY-MM-DD'. */
const isoDay = fc
  .date({
    min: new Date('1900-01-01T00:00:00Z'),
    max: new Date('2199-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

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
    expect([daysInYear(2000), daysInYear(1900), daysInYear(2026)]).toEqual([366, 365, 365]);
  });
  it('refuses impossible dates (programmer error)', () => {
    expect(() => parseIsoDate('2026-02-29')).toThrow();
    expect(() => parseIsoDate('26-02-01')).toThrow();
    expect(tryParseIsoDate('2026-02-29')).toBeUndefined();
    expect(tryParseIsoDate('2026-13-01')).toBeUndefined();
    expect(tryParseIsoDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
  });
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
    expect(daysBetween('1970-01-01', '2000-03-01')).toBe(11_017);
  });
  it('counts whole years as an age: a 29 February birthday comes on 1 March in common years', () => {
    const d = (s: string) => parseIsoDate(s);
    expect(wholeYearsBetween(d('2000-02-29'), d('2027-02-28'))).toBe(26);
    expect(wholeYearsBetween(d('2000-02-29'), d('2027-03-01'))).toBe(27);
    expect(wholeYearsBetween(d('2000-02-29'), d('2028-02-29'))).toBe(28);
    expect(wholeYearsBetween(d('1990-06-15'), d('2026-06-14'))).toBe(35);
    expect(wholeYearsBetween(d('1990-06-15'), d('2026-06-15'))).toBe(36);
  });
  it('takes the business date in WIB (UTC+7)', () => {
    expect(businessDateWib(new Date('2026-11-30T16:59:59Z'))).toBe('2026-11-30');
    expect(businessDateWib(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
  });
  it('days between and add days are inverse', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: -40_000, max: 40_000 }), (iso, n) => {
        return daysBetween(iso, addDays(iso, n)) === n;
      }),
    );
  });
  it('adding days agrees with the UTC clock of JavaScript (an independent count)', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: -40_000, max: 40_000 }), (iso, n) => {
        const viaDate = new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000);
        const expected = viaDate.toISOString().slice(0, 10);
        return viaDate.getUTCFullYear() < 1000 || addDays(iso, n) === expected;
      }),
    );
  });
  it('adding months keeps the day or clamps it to the month end, and moves exactly n months', () => {
    fc.assert(
      fc.property(isoDay, fc.integer({ min: -1200, max: 1200 }), (iso, n) => {
        const from = parseIsoDate(iso);
        const to = parseIsoDate(addMonthsClamped(iso, n));
        expect(to.year * 12 + to.month - (from.year * 12 + from.month)).toBe(n);
        expect(to.day).toBe(Math.min(from.day, daysInMonth(to.year, to.month)));
      }),
    );
  });
  it('a year has as many days as its months, and parsing undoes formatting', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), (year) => {
        const months = Array.from({ length: 12 }, (_, i) => daysInMonth(year, i + 1));
        expect(months.reduce((a, b) => a + b, 0)).toBe(daysInYear(year));
        const last = { year, month: 12, day: 31 };
        expect(tryParseIsoDate(formatIsoDate(last))).toEqual(last);
        expect(daysBetween(formatIsoDate({ year, month: 1, day: 1 }), formatIsoDate(last))).toBe(
          daysInYear(year) - 1,
        );
      }),
    );
  });
});

describe('tanggalId', () => {
  it('writes a date as an Indonesian letter does', async () => {
    const { tanggalId } = await import('../../src/domain/calendar.js');
    expect(tanggalId('2026-06-30')).toBe('30 Juni 2026');
    expect(tanggalId('2027-01-01')).toBe('1 Januari 2027');
    expect(tanggalId('2025-12-09')).toBe('9 Desember 2025');
  });
});
