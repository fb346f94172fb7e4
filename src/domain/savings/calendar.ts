/**
 * Business-date arithmetic for savings rules. Dates are the cooperative's local calendar
 * (Asia/Jakarta) written as ISO strings 'YYYY-MM-DD', the same shape the database returns for DATE;
 * months are 'YYYY-MM'. Nothing here reads the clock: "today" is always passed in.
 */
import { strict as assert } from 'node:assert';

/** A business date, 'YYYY-MM-DD'. */
export type IsoDate = string;
/** A calendar month, 'YYYY-MM'. */
export type YearMonth = string;

export interface CalendarDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  assert(month >= 1 && month <= 12, `month out of range: ${month}`);
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Parses 'YYYY-MM-DD'; a malformed or impossible date is a programmer error (validated at the edge). */
export function parseIsoDate(date: IsoDate): CalendarDate {
  const m = ISO_DATE.exec(date);
  assert(m, `not an ISO date: ${date}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  assert(
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month),
    `impossible date: ${date}`,
  );
  return { year, month, day };
}

export function formatIsoDate(d: CalendarDate): IsoDate {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export function parseYearMonth(ym: YearMonth): { year: number; month: number } {
  const m = YEAR_MONTH.exec(ym);
  assert(m, `not a YYYY-MM month: ${ym}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  assert(month >= 1 && month <= 12, `impossible month: ${ym}`);
  return { year, month };
}

export function formatYearMonth(year: number, month: number): YearMonth {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function yearMonthOf(date: IsoDate): YearMonth {
  const d = parseIsoDate(date);
  return formatYearMonth(d.year, d.month);
}

/** Months since year 0, so that month differences are plain subtraction. */
export function monthOrdinal(ym: YearMonth): number {
  const { year, month } = parseYearMonth(ym);
  return year * 12 + (month - 1);
}

export function yearMonthFromOrdinal(ordinal: number): YearMonth {
  return formatYearMonth(Math.floor(ordinal / 12), (ordinal % 12) + 1);
}

export function daysInYearMonth(ym: YearMonth): number {
  const { year, month } = parseYearMonth(ym);
  return daysInMonth(year, month);
}

/**
 * Adds calendar months, clamping to the month's last day: 31 Jan + 1 month = 28 Feb (29 in a leap
 * year). The same as PostgreSQL `date + make_interval(months => n)`, so SQL and TS agree.
 */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  assert(Number.isInteger(months), 'months must be an integer');
  const d = parseIsoDate(date);
  const ordinal = d.year * 12 + (d.month - 1) + months;
  const year = Math.floor(ordinal / 12);
  const month = (ordinal % 12) + 1;
  return formatIsoDate({ year, month, day: Math.min(d.day, daysInMonth(year, month)) });
}

const MS_PER_DAY = 86_400_000;

function epochDay(date: IsoDate): number {
  const d = parseIsoDate(date);
  return Date.UTC(d.year, d.month - 1, d.day) / MS_PER_DAY;
}

/** Whole days from `from` to `to` (negative if `to` is earlier). Pure arithmetic, no clock. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return epochDay(to) - epochDay(from);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  assert(Number.isInteger(days), 'days must be an integer');
  const t = new Date((epochDay(date) + days) * MS_PER_DAY);
  return formatIsoDate({
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
  });
}

/** The business date in Indonesia's western time zone (WIB, UTC+7, no daylight saving). */
export function businessDateWib(instant: Date): IsoDate {
  return new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
