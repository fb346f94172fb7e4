/**
 * Kemendagri region codes and names (provinsi, kabupaten/kota, kecamatan, desa/kelurahan) from the
 * `idn-area-data` package (identity.md: use it, not a hand-typed list). Reference data, read once
 * per level on first use, synchronously so lookups stay plain functions.
 *
 * Codes are stored as digits without dots: province '33', regency '3375', district '337501',
 * village '3375011001'. Input may be dotted ('33.75', '33.75.01.1001').
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type RegionLevel = 'province' | 'regency' | 'district' | 'village';

export interface Region {
  code: string;
  name: string;
  /** The code of the level above; '' for provinces. */
  parentCode: string;
}

const CODE_LENGTH: Record<RegionLevel, number> = {
  province: 2,
  regency: 4,
  district: 6,
  village: 10,
};
const FILE: Record<RegionLevel, string> = {
  province: 'provinces.csv',
  regency: 'regencies.csv',
  district: 'districts.csv',
  village: 'villages.csv',
};

interface LevelIndex {
  byCode: Map<string, Region>;
  byParent: Map<string, Region[]>;
}

const loaded = new Map<RegionLevel, LevelIndex>();

function dataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('idn-area-data')), '..', 'data');
}

/** Parses the package CSV: `code,name` (provinces) or `code,parent_code,name`; names hold no commas. */
function load(level: RegionLevel): LevelIndex {
  const cached = loaded.get(level);
  if (cached) return cached;
  const text = readFileSync(join(dataDir(), FILE[level]), 'utf8');
  const index: LevelIndex = { byCode: new Map(), byParent: new Map() };
  const lines = text.split(/\r?\n/);
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    const cells = line.split(',');
    const code = stripDots(cells[0] ?? '');
    const parentCode = level === 'province' ? '' : stripDots(cells[1] ?? '');
    const name = cells
      .slice(level === 'province' ? 1 : 2)
      .join(',')
      .trim();
    const region: Region = { code, name, parentCode };
    index.byCode.set(code, region);
    const siblings = index.byParent.get(parentCode);
    if (siblings) siblings.push(region);
    else index.byParent.set(parentCode, [region]);
  }
  loaded.set(level, index);
  return index;
}

function stripDots(code: string): string {
  return code.replace(/[.\s]/g, '');
}

/**
 * '33.75' → '3375'. Returns undefined unless the result is all digits of the level's length
 * (2, 4, 6 or 10).
 */
export function normaliseRegionCode(input: string, level: RegionLevel): string | undefined {
  const code = stripDots(input);
  return /^\d+$/.test(code) && code.length === CODE_LENGTH[level] ? code : undefined;
}

function lookup(level: RegionLevel, input: string): Region | undefined {
  const code = normaliseRegionCode(input, level);
  return code === undefined ? undefined : load(level).byCode.get(code);
}

function children(level: RegionLevel, parentLevel: RegionLevel, parentInput: string): Region[] {
  const parent = normaliseRegionCode(parentInput, parentLevel);
  return parent === undefined ? [] : [...(load(level).byParent.get(parent) ?? [])];
}

export const provinceName = (code: string): string | undefined => lookup('province', code)?.name;
export const regencyName = (code: string): string | undefined => lookup('regency', code)?.name;
export const districtName = (code: string): string | undefined => lookup('district', code)?.name;
export const villageName = (code: string): string | undefined => lookup('village', code)?.name;

export const isKnownProvince = (code: string): boolean => lookup('province', code) !== undefined;
export const isKnownRegency = (code: string): boolean => lookup('regency', code) !== undefined;
export const isKnownDistrict = (code: string): boolean => lookup('district', code) !== undefined;
export const isKnownVillage = (code: string): boolean => lookup('village', code) !== undefined;

export const listProvinces = (): Region[] => [...load('province').byCode.values()];
export const listRegencies = (provinceCode: string): Region[] =>
  children('regency', 'province', provinceCode);
export const listDistricts = (regencyCode: string): Region[] =>
  children('district', 'regency', regencyCode);
export const listVillages = (districtCode: string): Region[] =>
  children('village', 'district', districtCode);

export type RegionErrorCode = 'REGION_CODE_MALFORMED' | 'REGION_UNKNOWN' | 'REGION_NOT_IN_PARENT';

export interface RegionError {
  code: RegionErrorCode;
  field: 'provinceCode' | 'regencyCode' | 'districtCode' | 'villageCode';
  params: Record<string, string>;
}

export interface RegionChain {
  provinceCode: string;
  regencyCode?: string;
  districtCode?: string;
  villageCode?: string;
}

/**
 * Validates an address's code chain: each given code is well-formed, known today, and lies inside
 * the level above (a regency '3375' in province '33'). A lower level without the one above it is
 * checked against the next given level up. Returns normalised (undotted) codes.
 */
export function validateRegionChain(
  chain: RegionChain,
): { ok: true; value: RegionChain } | { ok: false; errors: RegionError[] } {
  const levels: { level: RegionLevel; field: RegionError['field']; input: string | undefined }[] = [
    { level: 'province', field: 'provinceCode', input: chain.provinceCode },
    { level: 'regency', field: 'regencyCode', input: chain.regencyCode },
    { level: 'district', field: 'districtCode', input: chain.districtCode },
    { level: 'village', field: 'villageCode', input: chain.villageCode },
  ];
  const errors: RegionError[] = [];
  const value: Partial<Record<RegionError['field'], string>> = {};
  let above: string | undefined;
  for (const { level, field, input } of levels) {
    if (input === undefined) continue;
    const code = normaliseRegionCode(input, level);
    if (code === undefined) {
      errors.push({ code: 'REGION_CODE_MALFORMED', field, params: { value: input } });
      continue;
    }
    value[field] = code;
    if (!load(level).byCode.has(code))
      errors.push({ code: 'REGION_UNKNOWN', field, params: { value: code } });
    else if (above !== undefined && !code.startsWith(above))
      errors.push({ code: 'REGION_NOT_IN_PARENT', field, params: { value: code, parent: above } });
    above = code;
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { ...value, provinceCode: value.provinceCode ?? '' } };
}
