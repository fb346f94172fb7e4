/**
 * A member's identity as entered, checked by one set of rules whether it comes from the
 * registration form or from a row of the import workbook (identity.md: NIK, phone, region codes).
 * Every problem is returned, in a fixed order; the form shows the first, the import lists them all
 * for the row.
 */
import { tryParseIsoDate } from '../calendar.js';
import { validateNik } from '../identity/nik.js';
import { normalisePhone } from '../identity/phone.js';
import { validateRegionChain, type RegionErrorCode } from '../identity/regions.js';
import type { NikErrorCode } from '../identity/nik.js';

/** A cooperative's members must be adults (UU 25/1992 art. 18: "warga negara Indonesia yang
 * mampu melakukan tindakan hukum"); 17 is the KTP age. */
export const MEMBER_MINIMUM_AGE_YEARS = 17;

/** The longest text each field takes (the members table's columns and the form's limits). */
export const MEMBER_TEXT_LENGTH_MAX = {
  fullName: 200,
  birthPlace: 100,
  address: 500,
  occupation: 100,
  phone: 30,
  regionCode: 13,
} as const;

/** A heir (ahli waris) has a KTP NIK of 16 digits when one is given. */
const HEIR_NIK = /^[0-9]{16}$/;

export type MemberProblemCode =
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'DATE_INVALID'
  | 'GENDER_INVALID'
  | 'PHONE_INVALID'
  | NikErrorCode
  | RegionErrorCode;

export type MemberField =
  | 'nik'
  | 'fullName'
  | 'birthPlace'
  | 'birthDate'
  | 'gender'
  | 'address'
  | 'provinceCode'
  | 'regencyCode'
  | 'districtCode'
  | 'villageCode'
  | 'phone'
  | 'occupation';

export interface MemberProblem {
  field: MemberField;
  code: MemberProblemCode;
}

/** As typed on the form or in a spreadsheet cell: any text, possibly empty. */
export interface MemberFieldsInput {
  nik: string;
  fullName: string;
  birthPlace?: string | null;
  birthDate: string;
  gender: string;
  address?: string | null;
  provinceCode?: string | null;
  regencyCode?: string | null;
  districtCode?: string | null;
  villageCode?: string | null;
  phone?: string | null;
  occupation?: string | null;
}

/** Checked and normalised: NIK digits only, phone in E.164, region codes without dots. */
export interface MemberFields {
  nik: string;
  fullName: string;
  birthPlace: string | null;
  birthDate: string;
  gender: 'L' | 'P';
  address: string | null;
  provinceCode: string | null;
  regencyCode: string | null;
  districtCode: string | null;
  villageCode: string | null;
  phone: string | null;
  occupation: string | null;
}

export type Checked<T, P> = { ok: true; value: T } | { ok: false; problems: P[] };

/** 'YYYY-MM-DD' naming a real day. */
export const isIsoDate = (s: string): boolean => tryParseIsoDate(s) !== undefined;

/**
 * Checks a member's identity fields against `today` (the application date). Problems come in this
 * order: name, birth date, gender, NIK (against the birth date and gender), phone, region codes,
 * then the lengths of birth place, address and occupation.
 */
export function checkMemberFields(
  input: MemberFieldsInput,
  today: string,
): Checked<MemberFields, MemberProblem> {
  const problems: MemberProblem[] = [];
  const problem = (field: MemberField, code: MemberProblemCode) => problems.push({ field, code });
  const text = (field: MemberField, value: string | null | undefined, max: number) => {
    const v = value?.trim() ?? '';
    if (v.length > max) problem(field, 'TOO_LONG');
    return v === '' ? null : v;
  };

  const fullName = text('fullName', input.fullName, MEMBER_TEXT_LENGTH_MAX.fullName);
  if (!fullName || fullName.length < 2) problem('fullName', 'REQUIRED');
  const birthDate = input.birthDate.trim();
  const birthDateOk = isIsoDate(birthDate);
  if (!birthDateOk) problem('birthDate', 'DATE_INVALID');
  const gender = input.gender.trim().toUpperCase();
  const genderOk = gender === 'L' || gender === 'P';
  if (!genderOk) problem('gender', 'GENDER_INVALID');

  const nik = input.nik.replace(/\s/g, '');
  if (!nik) problem('nik', 'REQUIRED');
  else if (birthDateOk && genderOk) {
    const v = validateNik({
      nik,
      applicationDate: today,
      minimumAgeYears: MEMBER_MINIMUM_AGE_YEARS,
      birthDate,
      gender: gender === 'L' ? 'male' : 'female',
    });
    if (!v.ok) for (const e of v.errors) problem(e.field, e.code);
  }

  let phone: string | null = null;
  const rawPhone = text('phone', input.phone, MEMBER_TEXT_LENGTH_MAX.phone);
  if (rawPhone) {
    const p = normalisePhone(rawPhone);
    if (p.ok) phone = p.value;
    else problem('phone', 'PHONE_INVALID');
  }

  const codes = {
    provinceCode: text('provinceCode', input.provinceCode, MEMBER_TEXT_LENGTH_MAX.regionCode),
    regencyCode: text('regencyCode', input.regencyCode, MEMBER_TEXT_LENGTH_MAX.regionCode),
    districtCode: text('districtCode', input.districtCode, MEMBER_TEXT_LENGTH_MAX.regionCode),
    villageCode: text('villageCode', input.villageCode, MEMBER_TEXT_LENGTH_MAX.regionCode),
  };
  if (codes.provinceCode) {
    const r = validateRegionChain({
      provinceCode: codes.provinceCode,
      ...(codes.regencyCode ? { regencyCode: codes.regencyCode } : {}),
      ...(codes.districtCode ? { districtCode: codes.districtCode } : {}),
      ...(codes.villageCode ? { villageCode: codes.villageCode } : {}),
    });
    if (!r.ok) for (const e of r.errors) problem(e.field, e.code);
    else Object.assign(codes, r.value);
  } else if (codes.regencyCode || codes.districtCode || codes.villageCode)
    problem('provinceCode', 'REQUIRED');

  const birthPlace = text('birthPlace', input.birthPlace, MEMBER_TEXT_LENGTH_MAX.birthPlace);
  const address = text('address', input.address, MEMBER_TEXT_LENGTH_MAX.address);
  const occupation = text('occupation', input.occupation, MEMBER_TEXT_LENGTH_MAX.occupation);

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      nik,
      fullName: fullName!,
      birthPlace,
      birthDate,
      gender: gender as 'L' | 'P',
      address,
      ...codes,
      phone,
      occupation,
    },
  };
}

export interface HeirInput {
  fullName: string;
  relationship: string;
  nik?: string | null;
  phone?: string | null;
}

export interface Heir {
  fullName: string;
  relationship: string;
  nik: string | null;
  /** E.164 */
  phone: string | null;
}

export interface HeirProblem {
  field: 'heirs.nik' | 'heirs.phone';
  code: 'NIK_MALFORMED' | 'PHONE_INVALID';
}

/** Heirs on the form: a NIK, when given, is 16 digits; a phone, when given, a mobile number. */
export function checkHeirs(heirs: HeirInput[]): Checked<Heir[], HeirProblem> {
  const problems: HeirProblem[] = [];
  const value = heirs.map((h): Heir => {
    if (h.nik && !HEIR_NIK.test(h.nik))
      problems.push({ field: 'heirs.nik', code: 'NIK_MALFORMED' });
    const p = h.phone ? normalisePhone(h.phone) : null;
    if (p && !p.ok) problems.push({ field: 'heirs.phone', code: 'PHONE_INVALID' });
    return {
      fullName: h.fullName,
      relationship: h.relationship,
      nik: h.nik || null,
      phone: p?.ok ? p.value : null,
    };
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}

/** A phone a member gives later (contact change): empty is none, otherwise a mobile number. */
export function checkPhone(
  phone: string | null | undefined,
): Checked<string | null, { field: 'phone'; code: 'PHONE_INVALID' }> {
  if (!phone) return { ok: true, value: null };
  const p = normalisePhone(phone);
  return p.ok
    ? { ok: true, value: p.value }
    : { ok: false, problems: [{ field: 'phone', code: 'PHONE_INVALID' }] };
}
