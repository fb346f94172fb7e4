/**
 * KTP NIK (Nomor Induk Kependudukan) validation, per identity.md. 16 digits, no check digit:
 * PP KK CC DD MM YY SSSS = province, regency, district, day of birth (+40 for women), month,
 * two-digit year, serial. Hard errors refuse the member; warnings are shown to the officer.
 */
import {
  daysInMonth,
  formatIsoDate,
  tryParseIsoDate,
  wholeYearsBetween,
  type CalendarDate,
} from '../calendar.js';
import { isKnownDistrict, isKnownProvince, isKnownRegency } from './regions.js';

/** The KTP's jenis kelamin: laki-laki / perempuan. */
export type Gender = 'male' | 'female';

export type NikErrorCode =
  | 'NIK_MALFORMED' // not exactly 16 digits
  | 'NIK_UNKNOWN_PROVINCE'
  | 'NIK_INVALID_REGENCY_CODE' // '00'
  | 'NIK_INVALID_DISTRICT_CODE' // '00'
  | 'NIK_INVALID_BIRTH_DATE' // day 00, 32–40, > 71; month outside 01–12; no real date
  | 'NIK_INVALID_SERIAL' // 0000
  | 'NIK_BIRTH_DATE_IN_FUTURE' // the entered birth date is after the application date
  | 'NIK_AGE_BELOW_MINIMUM'
  | 'NIK_BIRTH_DATE_MISMATCH' // NIK date ≠ entered birth date
  | 'NIK_GENDER_MISMATCH'; // NIK gender ≠ entered gender

export type NikWarningCode =
  | 'NIK_REGENCY_NOT_IN_CURRENT_LIST'
  | 'NIK_DISTRICT_NOT_IN_CURRENT_LIST'
  /** Two centuries give an age of 0–120 and no birth date was entered: the younger was taken. */
  | 'NIK_CENTURY_ASSUMED';

/** The form field a problem belongs to, so the officer sees it in the right place. */
export type NikField = 'nik' | 'birthDate' | 'gender';

export interface NikProblem<C extends string> {
  code: C;
  field: NikField;
  params: Record<string, string | number>;
}

export interface NikData {
  provinceCode: string; // '33'
  regencyCode: string; // '3375'
  districtCode: string; // '337501'
  birthDate: string; // 'YYYY-MM-DD'
  gender: Gender;
  serial: string; // '0001'
}

export type NikValidation =
  | { ok: true; value: NikData; warnings: NikProblem<NikWarningCode>[] }
  | { ok: false; errors: NikProblem<NikErrorCode>[] };

export interface NikInput {
  nik: string;
  /** The application date (today, passed in): ages and the century are taken on it. */
  applicationDate: string;
  /** The cooperative's minimum age for members, in whole years. */
  minimumAgeYears: number;
  /** As entered on the form; when given, the NIK must agree with it. */
  birthDate?: string;
  gender?: Gender;
}

/** The region checks NIK validation needs; the default is idn-area-data (regions.ts). */
export interface NikRegionLookup {
  isKnownProvince(code: string): boolean;
  isKnownRegency(code: string): boolean;
  isKnownDistrict(code: string): boolean;
}

const defaultRegions: NikRegionLookup = { isKnownProvince, isKnownRegency, isKnownDistrict };

/** Ages outside 0–120 are not a person applying today (identity.md, century rule). */
export const AGE_YEARS_MAX = 120;

export function validateNik(
  input: NikInput,
  regions: NikRegionLookup = defaultRegions,
): NikValidation {
  const nik = input.nik.replace(/\s/g, '');
  const today = tryParseIsoDate(input.applicationDate);
  if (today === undefined)
    throw new Error(`applicationDate is not a real YYYY-MM-DD date: ${input.applicationDate}`);
  if (!/^\d{16}$/.test(nik))
    return {
      ok: false,
      errors: [{ code: 'NIK_MALFORMED', field: 'nik', params: { length: nik.length } }],
    };

  const errors: NikProblem<NikErrorCode>[] = [];
  const warnings: NikProblem<NikWarningCode>[] = [];
  const provinceCode = nik.slice(0, 2);
  const regencyCode = nik.slice(0, 4);
  const districtCode = nik.slice(0, 6);
  const dd = Number(nik.slice(6, 8));
  const mm = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const serial = nik.slice(12, 16);

  if (!regions.isKnownProvince(provinceCode))
    errors.push({ code: 'NIK_UNKNOWN_PROVINCE', field: 'nik', params: { provinceCode } });
  if (nik.slice(2, 4) === '00')
    errors.push({ code: 'NIK_INVALID_REGENCY_CODE', field: 'nik', params: { regencyCode } });
  else if (!regions.isKnownRegency(regencyCode))
    warnings.push({
      code: 'NIK_REGENCY_NOT_IN_CURRENT_LIST',
      field: 'nik',
      params: { regencyCode },
    });
  if (nik.slice(4, 6) === '00')
    errors.push({ code: 'NIK_INVALID_DISTRICT_CODE', field: 'nik', params: { districtCode } });
  else if (!regions.isKnownDistrict(districtCode))
    warnings.push({
      code: 'NIK_DISTRICT_NOT_IN_CURRENT_LIST',
      field: 'nik',
      params: { districtCode },
    });
  if (serial === '0000')
    errors.push({ code: 'NIK_INVALID_SERIAL', field: 'nik', params: { serial } });

  const entered = input.birthDate === undefined ? undefined : tryParseIsoDate(input.birthDate);
  if (input.birthDate !== undefined && entered === undefined)
    throw new Error(`birthDate is not a real YYYY-MM-DD date: ${input.birthDate}`); // zod's job at the edge
  const enteredInFuture = entered !== undefined && formatIsoDate(entered) > formatIsoDate(today);
  if (enteredInFuture)
    errors.push({
      code: 'NIK_BIRTH_DATE_IN_FUTURE',
      field: 'birthDate',
      params: { entered: formatIsoDate(entered) },
    });

  // Day: 01–31 for men, 41–71 for women (identity.md).
  const gender: Gender | undefined =
    dd >= 1 && dd <= 31 ? 'male' : dd >= 41 && dd <= 71 ? 'female' : undefined;
  const day = gender === 'female' ? dd - 40 : dd;
  // The century is not encoded: every year ending in yy giving a real date and an age of 0–120.
  const candidates: CalendarDate[] = [];
  if (gender !== undefined && mm >= 1 && mm <= 12) {
    for (let year = today.year - AGE_YEARS_MAX - 1; year <= today.year; year++) {
      if (year % 100 !== yy || day > daysInMonth(year, mm)) continue;
      const birth = { year, month: mm, day };
      const age = wholeYearsBetween(birth, today);
      if (formatIsoDate(birth) <= formatIsoDate(today) && age >= 0 && age <= AGE_YEARS_MAX)
        candidates.push(birth);
    }
  }
  const nikDate = nik.slice(6, 12);
  let birth: CalendarDate | undefined;
  if (candidates.length === 0) {
    errors.push({ code: 'NIK_INVALID_BIRTH_DATE', field: 'nik', params: { ddmmyy: nikDate } });
  } else if (entered !== undefined) {
    // Prefer the century consistent with the entered birth date; otherwise they disagree.
    birth = candidates.find((c) => formatIsoDate(c) === formatIsoDate(entered));
    if (birth === undefined && !enteredInFuture)
      errors.push({
        code: 'NIK_BIRTH_DATE_MISMATCH',
        field: 'birthDate',
        params: {
          entered: formatIsoDate(entered),
          fromNik: candidates.map(formatIsoDate).join(' / '),
        },
      });
  } else {
    // Without an entered date, the most recent (youngest) reading is the plausible one.
    const youngest = candidates[candidates.length - 1];
    birth = youngest;
    if (youngest !== undefined && candidates.length > 1)
      warnings.push({
        code: 'NIK_CENTURY_ASSUMED',
        field: 'nik',
        params: {
          assumed: formatIsoDate(youngest),
          alternatives: candidates.slice(0, -1).map(formatIsoDate).join(' / '),
        },
      });
  }

  if (gender !== undefined && input.gender !== undefined && input.gender !== gender)
    errors.push({
      code: 'NIK_GENDER_MISMATCH',
      field: 'gender',
      params: { entered: input.gender, fromNik: gender },
    });

  if (birth !== undefined) {
    const age = wholeYearsBetween(birth, today);
    if (age < input.minimumAgeYears)
      errors.push({
        code: 'NIK_AGE_BELOW_MINIMUM',
        field: entered === undefined ? 'nik' : 'birthDate',
        params: { age, minimumAge: input.minimumAgeYears },
      });
  }

  if (errors.length > 0 || birth === undefined || gender === undefined)
    return { ok: false, errors };
  return {
    ok: true,
    value: {
      provinceCode,
      regencyCode,
      districtCode,
      birthDate: formatIsoDate(birth),
      gender,
      serial,
    },
    warnings,
  };
}

/**
 * Shows the region and the serial only: `3375••••••••0001` (identity.md). The birth date and
 * gender in the middle are what must not leak to roles that do not need them.
 */
export function maskNik(nik: string): string {
  const digits = nik.replace(/\s/g, '');
  if (digits.length < 8) return '•'.repeat(digits.length);
  return digits.slice(0, 4) + '•'.repeat(digits.length - 8) + digits.slice(-4);
}
