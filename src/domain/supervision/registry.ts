/**
 * The supervisors' registry of cooperatives: who supervises a cooperative (its region key), which
 * office may see it, and the rules a registry entry must meet. Pure; the sources of each rule are
 * in docs/domain/supervision-registry.md.
 */
import { checkPhone, isIsoDate } from '../members/validation.js';
import { validateRegionChain } from '../identity/regions.js';

export const REGISTRY_STATUSES = ['active', 'inactive', 'dissolved', 'in_liquidation'] as const;
export const COOPERATIVE_TYPES = [
  'KSP',
  'KSPPS',
  'KONSUMEN',
  'PRODUSEN',
  'PEMASARAN',
  'JASA',
] as const;
export const COOPERATIVE_FORMS = ['primer', 'sekunder'] as const;
export const MEMBERSHIP_AREAS = ['regency', 'province', 'national'] as const;
export const BUSINESS_SIZES = ['KUK1', 'KUK2', 'KUK3', 'KUK4'] as const;
export const ORGANS = ['pengurus', 'pengawas', 'pengawas_syariah'] as const;

export type RegistryStatus = (typeof REGISTRY_STATUSES)[number];
export type CooperativeType = (typeof COOPERATIVE_TYPES)[number];
export type CooperativeForm = (typeof COOPERATIVE_FORMS)[number];
export type MembershipArea = (typeof MEMBERSHIP_AREAS)[number];
export type BusinessSize = (typeof BUSINESS_SIZES)[number];
export type Organ = (typeof ORGANS)[number];

/** The search, every condition optional; each one narrows (AND). */
export interface RegistryFilter {
  /** words that must each begin a word of the name, NIK koperasi, badan hukum number, NIB or NPWP */
  q?: string;
  status?: RegistryStatus;
  cooperativeType?: CooperativeType;
  cooperativeForm?: CooperativeForm;
  membershipArea?: MembershipArea;
  businessSize?: BusinessSize;
  /** the sector, case aside */
  sector?: string;
  /** the address lies in this region: a province (2 digits), regency (4), district (6) or village (10) */
  regionCode?: string;
  /** on Sokoguru (linked to its organisation) or not */
  linked?: boolean;
  memberCountMin?: number;
  memberCountMax?: number;
  /** badan hukum date from / to (inclusive, YYYY-MM-DD) */
  badanHukumFrom?: string;
  badanHukumTo?: string;
}

export const REGISTRY_SORTS = [
  'name',
  'badanHukumDate',
  'memberCount',
  'statusSince',
  'updatedAt',
] as const;
export type RegistrySort = (typeof REGISTRY_SORTS)[number];

/**
 * The region of the authority that supervises a cooperative (Permenkop 9/2020: authority follows
 * the membership area): its regency for members in one regency, its province for members across
 * regencies of one province, '' (the ministry, root of every region) across provinces.
 */
export function supervisingRegionCode(
  area: MembershipArea,
  address: { provinceCode: string; regencyCode: string | null },
): string | undefined {
  if (area === 'national') return '';
  if (area === 'province') return address.provinceCode;
  return address.regencyCode ?? undefined;
}

/**
 * Whether an office of region `officeRegion` (a regency code, a province code, or '' for the
 * ministry) has jurisdiction over a registry row keyed `rowRegion`: one prefix hierarchy. The
 * database's policy (migration 0012) applies the same test.
 */
export function withinJurisdiction(officeRegion: string, rowRegion: string): boolean {
  return rowRegion.startsWith(officeRegion);
}

const digitsOnly = (s: string) => s.replace(/[\s.\-/]/g, '');

/** NIK koperasi: 16 digits (identity.md), otherwise opaque (supervision.md: no structure read). */
export function normaliseNikKoperasi(input: string): string | undefined {
  const d = digitsOnly(input);
  return /^[0-9]{16}$/.test(d) ? d : undefined;
}

/** NPWP of an organisation: 16 digits, or the old 15 (accept both, store digits: identity.md). */
export function normaliseNpwp(input: string): string | undefined {
  const d = digitsOnly(input);
  return /^[0-9]{15,16}$/.test(d) ? d : undefined;
}

/** NIB (Nomor Induk Berusaha from OSS): 13 digits. */
export function normaliseNib(input: string): string | undefined {
  const d = digitsOnly(input);
  return /^[0-9]{13}$/.test(d) ? d : undefined;
}

/** Indonesia's extent (Sabang–Merauke, Miangas–Rote) with a margin: a point outside is a typo. */
const LATITUDE = { min: -11.5, max: 6.5 };
const LONGITUDE = { min: 94.5, max: 141.5 };
const COORDINATE = /^-?[0-9]{1,3}(\.[0-9]{1,6})?$/;

export interface RegistryFieldsInput {
  name: string;
  nikKoperasi?: string | null;
  nikCertificateValidUntil?: string | null;
  badanHukumNumber?: string | null;
  badanHukumDate?: string | null;
  nib?: string | null;
  npwp?: string | null;
  cooperativeType: string;
  cooperativeForm: string;
  sector?: string | null;
  membershipArea: string;
  address?: string | null;
  provinceCode: string;
  regencyCode?: string | null;
  districtCode?: string | null;
  villageCode?: string | null;
  latitude?: string | null;
  longitude?: string | null;
  memberCount?: number | null;
  businessSize?: string | null;
}

export interface RegistryFields {
  regionCode: string;
  name: string;
  nikKoperasi: string | null;
  nikCertificateValidUntil: string | null;
  badanHukumNumber: string | null;
  badanHukumDate: string | null;
  nib: string | null;
  npwp: string | null;
  cooperativeType: CooperativeType;
  cooperativeForm: CooperativeForm;
  sector: string | null;
  membershipArea: MembershipArea;
  address: string | null;
  provinceCode: string;
  regencyCode: string | null;
  districtCode: string | null;
  villageCode: string | null;
  latitude: string | null;
  longitude: string | null;
  memberCount: number | null;
  businessSize: BusinessSize | null;
}

export type RegistryField = keyof RegistryFieldsInput;
export type RegistryProblemCode =
  | 'REQUIRED'
  | 'TOO_LONG'
  | 'NIK_KOPERASI_INVALID'
  | 'NPWP_INVALID'
  | 'NIB_INVALID'
  | 'DATE_INVALID'
  | 'DATE_IN_FUTURE'
  | 'CHOICE_INVALID'
  | 'REGION_INVALID'
  | 'REGENCY_REQUIRED'
  | 'COORDINATES_INVALID'
  | 'COUNT_INVALID'
  | 'OUTSIDE_JURISDICTION';

export interface RegistryProblem {
  field: RegistryField;
  code: RegistryProblemCode;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: RegistryProblem[] };

const blank = (v: string | null | undefined): v is null | undefined | '' =>
  v === null || v === undefined || v.trim() === '';
const oneOf = <T extends string>(list: readonly T[], v: string): v is T =>
  (list as readonly string[]).includes(v);

/**
 * Checks a registry entry for an office of region `officeRegion` on `today`: formats of the legal
 * identifiers, dates, choices, the address's region chain (known codes, each inside the one above),
 * coordinates inside Indonesia, and that the cooperative falls under this office's jurisdiction.
 * Returns the normalised fields with the region key they are filed under.
 */
export function checkRegistryFields(
  input: RegistryFieldsInput,
  officeRegion: string,
  today: string,
): Checked<RegistryFields> {
  const problems: RegistryProblem[] = [];
  const bad = (field: RegistryField, code: RegistryProblemCode) => problems.push({ field, code });
  const text = (field: RegistryField, v: string | null | undefined, max: number) => {
    if (blank(v)) return null;
    const t = v.trim();
    if (t.length > max) bad(field, 'TOO_LONG');
    return t;
  };
  const identifier = (
    field: RegistryField,
    v: string | null | undefined,
    normalise: (s: string) => string | undefined,
    code: RegistryProblemCode,
  ) => {
    if (blank(v)) return null;
    const n = normalise(v);
    if (n === undefined) bad(field, code);
    return n ?? null;
  };
  const pastDate = (field: RegistryField, v: string | null | undefined, future = false) => {
    if (blank(v)) return null;
    const d = v.trim();
    if (!isIsoDate(d)) bad(field, 'DATE_INVALID');
    else if (!future && d > today) bad(field, 'DATE_IN_FUTURE');
    return d;
  };
  const choice = <T extends string>(field: RegistryField, list: readonly T[], v: string) => {
    if (blank(v)) {
      bad(field, 'REQUIRED');
      return undefined;
    }
    if (!oneOf(list, v.trim())) bad(field, 'CHOICE_INVALID');
    return v.trim() as T;
  };

  const name = text('name', input.name, 200);
  if (name === null) bad('name', 'REQUIRED');
  else if (name.length < 3) bad('name', 'REQUIRED');
  const nikKoperasi = identifier(
    'nikKoperasi',
    input.nikKoperasi,
    normaliseNikKoperasi,
    'NIK_KOPERASI_INVALID',
  );
  const npwp = identifier('npwp', input.npwp, normaliseNpwp, 'NPWP_INVALID');
  const nib = identifier('nib', input.nib, normaliseNib, 'NIB_INVALID');
  const nikCertificateValidUntil = pastDate(
    'nikCertificateValidUntil',
    input.nikCertificateValidUntil,
    true,
  );
  const badanHukumDate = pastDate('badanHukumDate', input.badanHukumDate);
  const badanHukumNumber = text('badanHukumNumber', input.badanHukumNumber, 100);
  const cooperativeType = choice('cooperativeType', COOPERATIVE_TYPES, input.cooperativeType);
  const cooperativeForm = choice('cooperativeForm', COOPERATIVE_FORMS, input.cooperativeForm);
  const membershipArea = choice('membershipArea', MEMBERSHIP_AREAS, input.membershipArea);
  const businessSize = blank(input.businessSize)
    ? null
    : (choice('businessSize', BUSINESS_SIZES, input.businessSize) ?? null);
  const sector = text('sector', input.sector, 100);
  const address = text('address', input.address, 500);

  let region: { provinceCode: string; regencyCode: string | null } | undefined;
  const codes = {
    districtCode: blank(input.districtCode) ? null : input.districtCode.trim(),
    villageCode: blank(input.villageCode) ? null : input.villageCode.trim(),
  };
  if (blank(input.provinceCode)) bad('provinceCode', 'REQUIRED');
  else {
    const chain = validateRegionChain({
      provinceCode: input.provinceCode.trim(),
      ...(blank(input.regencyCode) ? {} : { regencyCode: input.regencyCode.trim() }),
      ...(codes.districtCode ? { districtCode: codes.districtCode } : {}),
      ...(codes.villageCode ? { villageCode: codes.villageCode } : {}),
    });
    if (!chain.ok) for (const e of chain.errors) bad(e.field, 'REGION_INVALID');
    else {
      region = {
        provinceCode: chain.value.provinceCode,
        regencyCode: chain.value.regencyCode ?? null,
      };
      codes.districtCode = chain.value.districtCode ?? null;
      codes.villageCode = chain.value.villageCode ?? null;
      if (codes.districtCode && !region.regencyCode) bad('regencyCode', 'REQUIRED');
      if (codes.villageCode && !codes.districtCode) bad('districtCode', 'REQUIRED');
    }
  }

  let latitude: string | null = null;
  let longitude: string | null = null;
  if (!blank(input.latitude) || !blank(input.longitude)) {
    const lat = (input.latitude ?? '').trim();
    const lon = (input.longitude ?? '').trim();
    const inside = (v: string, r: { min: number; max: number }) =>
      COORDINATE.test(v) && Number(v) >= r.min && Number(v) <= r.max;
    if (!inside(lat, LATITUDE)) bad('latitude', 'COORDINATES_INVALID');
    if (!inside(lon, LONGITUDE)) bad('longitude', 'COORDINATES_INVALID');
    latitude = lat;
    longitude = lon;
  }
  const memberCount = input.memberCount ?? null;
  if (memberCount !== null && (!Number.isInteger(memberCount) || memberCount < 0))
    bad('memberCount', 'COUNT_INVALID');

  let regionCode: string | undefined;
  if (region && membershipArea && oneOf(MEMBERSHIP_AREAS, membershipArea)) {
    regionCode = supervisingRegionCode(membershipArea, region);
    if (regionCode === undefined) bad('regencyCode', 'REGENCY_REQUIRED');
    else if (!withinJurisdiction(officeRegion, regionCode))
      bad('membershipArea', 'OUTSIDE_JURISDICTION');
  }

  if (problems.length > 0 || regionCode === undefined || !region || name === null)
    return { ok: false, problems };
  return {
    ok: true,
    value: {
      regionCode,
      name,
      nikKoperasi,
      nikCertificateValidUntil,
      badanHukumNumber,
      badanHukumDate,
      nib,
      npwp,
      cooperativeType: cooperativeType!,
      cooperativeForm: cooperativeForm!,
      sector,
      membershipArea: membershipArea!,
      address,
      provinceCode: region.provinceCode,
      regencyCode: region.regencyCode,
      districtCode: codes.districtCode,
      villageCode: codes.villageCode,
      latitude,
      longitude,
      memberCount,
      businessSize,
    },
  };
}

/**
 * A status change: to a status other than the current one, effective no earlier than the last
 * change (history is a sequence) and not in the future.
 */
export function checkStatusChange(
  current: { status: RegistryStatus; since: string },
  next: { status: string; effectiveOn: string },
  today: string,
): { ok: true } | { ok: false; code: 'STATUS_UNCHANGED' | 'CHOICE_INVALID' | 'DATE_INVALID' } {
  if (!oneOf(REGISTRY_STATUSES, next.status)) return { ok: false, code: 'CHOICE_INVALID' };
  if (next.status === current.status) return { ok: false, code: 'STATUS_UNCHANGED' };
  if (!isIsoDate(next.effectiveOn) || next.effectiveOn < current.since || next.effectiveOn > today)
    return { ok: false, code: 'DATE_INVALID' };
  return { ok: true };
}

export interface OrganTermInput {
  organ: string;
  position?: string | null;
  fullName: string;
  phone?: string | null;
  termStart: string;
  termEnd?: string | null;
}

export interface OrganTerm {
  organ: Organ;
  position: string | null;
  fullName: string;
  phone: string | null;
  termStart: string;
  termEnd: string | null;
}

/** An organ member's term: a known organ, a name, a mobile phone, a start and an end not before it. */
export function checkOrganTerm(
  t: OrganTermInput,
):
  | { ok: true; value: OrganTerm }
  | { ok: false; field: keyof OrganTermInput; code: RegistryProblemCode | 'PHONE_INVALID' } {
  if (!oneOf(ORGANS, t.organ)) return { ok: false, field: 'organ', code: 'CHOICE_INVALID' };
  if (blank(t.fullName)) return { ok: false, field: 'fullName', code: 'REQUIRED' };
  if (t.fullName.trim().length > 200) return { ok: false, field: 'fullName', code: 'TOO_LONG' };
  if (!blank(t.position) && t.position.trim().length > 100)
    return { ok: false, field: 'position', code: 'TOO_LONG' };
  if (!isIsoDate(t.termStart)) return { ok: false, field: 'termStart', code: 'DATE_INVALID' };
  if (!blank(t.termEnd) && (!isIsoDate(t.termEnd) || t.termEnd < t.termStart))
    return { ok: false, field: 'termEnd', code: 'DATE_INVALID' };
  const phone = checkPhone(t.phone);
  if (!phone.ok) return { ok: false, field: 'phone', code: 'PHONE_INVALID' };
  return {
    ok: true,
    value: {
      organ: t.organ,
      position: blank(t.position) ? null : t.position.trim(),
      fullName: t.fullName.trim(),
      phone: phone.value,
      termStart: t.termStart,
      termEnd: blank(t.termEnd) ? null : t.termEnd,
    },
  };
}
