/**
 * The one calendar of Sokoguru: every date rule (savings interest days, time-deposit terms, loan
 * due dates, ages from a NIK) counts days and months here. Business dates are the cooperative's
 * local calendar (Asia/Jakarta) written as ISO strings 'YYYY-MM-DD', the shape the database
 * returns for DATE; months are 'YYYY-MM'. Proleptic Gregorian, plain integer arithmetic (no Date
 * object, so no time zone and no two-digit-year quirk); nothing here reads the clock: "today" is
 * always passed in. Two ISO dates compare as strings ('2026-01-31' < '2026-02-01').
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

/** 'YYYY-MM-DD' naming a real day, or undefined (for input checked by a rule, e.g. a NIK's date). */
export function tryParseIsoDate(date: string): CalendarDate | undefined {
  const m = ISO_DATE.exec(date);
  if (!m) return undefined;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= daysInMonth(d.year, d.month)
    ? d
    : undefined;
}

/** Parses 'YYYY-MM-DD'; a malformed or impossible date is a programmer error (validated at the edge). */
export function parseIsoDate(date: IsoDate): CalendarDate {
  const d = tryParseIsoDate(date);
  assert(d, `not a real ISO date: ${date}`);
  return d;
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

/**
 * Days since 1970-01-01 of a (proleptic Gregorian) date: Howard Hinnant's days_from_civil, in
 * whole numbers. Years run from March so the leap day is the last day of its year.
 */
function epochDay(d: CalendarDate): number {
  const y = d.month <= 2 ? d.year - 1 : d.year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // 0–399
  const doy = Math.floor((153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5) + d.day - 1; // 0–365
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // 0–146096
  return era * 146_097 + doe - 719_468;
}

/** The inverse of epochDay (civil_from_days). */
function fromEpochDay(n: number): CalendarDate {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Whole days from `from` to `to` (negative if `to` is earlier). Pure arithmetic, no clock. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return epochDay(parseIsoDate(to)) - epochDay(parseIsoDate(from));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  assert(Number.isInteger(days), 'days must be an integer');
  return formatIsoDate(fromEpochDay(epochDay(parseIsoDate(date)) + days));
}

/**
 * Whole years from `birth` to `on` (an age). Birthdays are compared as (month, day), so someone
 * born on 29 February becomes a year older on 1 March in common years.
 */
export function wholeYearsBetween(birth: CalendarDate, on: CalendarDate): number {
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

/** The business date in Indonesia's western time zone (WIB, UTC+7, no daylight saving). */
export function businessDateWib(instant: Date): IsoDate {
  return new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * A DATE column's value as 'YYYY-MM-DD', whether the database driver gave a Date or text (null
 * stays null).
 */
export const isoDateOf = (v: unknown): IsoDate | null =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v.toISOString().slice(0, 10)
      : typeof v === 'string'
        ? v
        : JSON.stringify(v);

/** The months in Indonesian, as letters, reports and reminders write them. */
export const MONTH_NAMES_ID = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** 2026-06-30 → '30 Juni 2026', the way an Indonesian letter writes a date. */
export function tanggalId(iso: IsoDate): string {
  return `${Number(iso.slice(8, 10))} ${MONTH_NAMES_ID[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
}
