import type { Answer } from '../../api';

/** The registry list's answer, one row of it, and one cooperative with its history and organs. */
export type RegistryPageAnswer = Answer<'/api/v1/orgs/{orgId}/registry'>;
export type RegistryItem = RegistryPageAnswer['items'][number];
export type RegistryDetail = Answer<'/api/v1/orgs/{orgId}/registry/{registryId}'>;
export type SavedFilter = Answer<'/api/v1/orgs/{orgId}/registry-filters'>['items'][number];

export const STATUSES = ['active', 'inactive', 'in_liquidation', 'dissolved'] as const;
export const TYPES = ['KSP', 'KSPPS', 'KONSUMEN', 'PRODUSEN', 'PEMASARAN', 'JASA'] as const;
export const FORMS = ['primer', 'sekunder'] as const;
export const AREAS = ['regency', 'province', 'national'] as const;
export const SIZES = ['KUK1', 'KUK2', 'KUK3', 'KUK4'] as const;
export const ORGANS = ['pengurus', 'pengawas', 'pengawas_syariah'] as const;
export const SORTS = ['name', 'badanHukumDate', 'memberCount', 'statusSince', 'updatedAt'] as const;

/** The filter panel's state: every field a string, '' for "any" (the list route's query). */
export const EMPTY_FILTER = {
  q: '',
  status: '',
  cooperativeType: '',
  cooperativeForm: '',
  membershipArea: '',
  businessSize: '',
  sector: '',
  regionCode: '',
  linked: '',
  memberCountMin: '',
  memberCountMax: '',
  badanHukumFrom: '',
  badanHukumTo: '',
};
export type Filter = typeof EMPTY_FILTER;
export type FilterKey = keyof Filter;

/** The filter as query parameters: the empty ones left out. */
export function filterQuery(f: Filter): Record<string, string> {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v.trim() !== ''));
}

/** A saved filter (the list route's query as JSON) back into the panel's state. */
export function filterFromSaved(saved: Record<string, unknown>): Filter {
  const f = { ...EMPTY_FILTER };
  for (const k of Object.keys(f) as FilterKey[]) {
    const v = saved[k];
    if (typeof v === 'string' || typeof v === 'number') f[k] = String(v);
  }
  return f;
}

/** Which of the filter's fields are set (the "more filters" count). */
export const activeFilters = (f: Filter) =>
  (Object.keys(f) as FilterKey[]).filter((k) => k !== 'q' && f[k] !== '').length;

/** The region code one level up ('33' for '3375'; '' for a province). */
export const parentCode = (code: string) =>
  code.length === 10 ? code.slice(0, 6) : code.slice(0, Math.max(0, code.length - 2));

/** A term is over once its end date has passed. */
export const termExpired = (termEnd: string | null, today: string) =>
  termEnd !== null && termEnd < today;
