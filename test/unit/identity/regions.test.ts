import { describe, expect, it } from 'vitest';
import {
  districtName,
  isKnownDistrict,
  isKnownProvince,
  isKnownRegency,
  isKnownVillage,
  listDistricts,
  listProvinces,
  listRegencies,
  listVillages,
  normaliseRegionCode,
  provinceName,
  regencyName,
  validateRegionChain,
  villageName,
} from '../../../src/domain/identity/regions.js';

describe('regions from idn-area-data', () => {
  it('the province list is the 38 codes of identity.md', () => {
    const documented =
      '11 12 13 14 15 16 17 18 19 21 31 32 33 34 35 36 51 52 53 61 62 63 64 65 71 72 73 74 75 76 81 82 91 92 93 94 95 96';
    expect(
      listProvinces()
        .map((p) => p.code)
        .sort()
        .join(' '),
    ).toBe(documented);
  });
  it('names the cities of our story by undotted or dotted code', () => {
    expect(provinceName('33')).toBe('JAWA TENGAH');
    expect(regencyName('3375')).toBe('KOTA PEKALONGAN');
    expect(regencyName('33.75')).toBe('KOTA PEKALONGAN');
    expect(regencyName('33.26')).toBe('KABUPATEN PEKALONGAN');
    expect(regencyName('33.25')).toBe('KABUPATEN BATANG');
    expect(regencyName('33.27')).toBe('KABUPATEN PEMALANG');
    expect(regencyName('35.73')).toBe('KOTA MALANG');
    expect(regencyName('35.76')).toBe('KOTA MOJOKERTO');
  });
  it('knows districts and villages, and their parents', () => {
    expect(districtName('33.75.01')).toBe('Pekalongan Barat');
    expect(isKnownDistrict('337501')).toBe(true);
    const villages = listVillages('33.75.01');
    expect(villages.length).toBeGreaterThan(0);
    const first = villages[0]!;
    expect(first.parentCode).toBe('337501');
    expect(first.code).toMatch(/^337501\d{4}$/);
    expect(villageName(first.code)).toBe(first.name);
    expect(isKnownVillage(first.code)).toBe(true);
  });
  it('unknown or malformed codes are simply unknown', () => {
    expect(isKnownProvince('99')).toBe(false);
    expect(provinceName('3')).toBeUndefined();
    expect(isKnownRegency('33.99')).toBe(false);
    expect(isKnownRegency('33')).toBe(false);
    expect(regencyName('abcd')).toBeUndefined();
    expect(listRegencies('99')).toEqual([]);
  });
  it('lists the regencies of a province and the districts of a regency', () => {
    const jateng = listRegencies('33');
    expect(jateng.map((r) => r.code)).toContain('3375');
    expect(jateng.every((r) => r.parentCode === '33' && r.code.startsWith('33'))).toBe(true);
    expect(listDistricts('33.75').map((d) => d.code)).toEqual([
      '337501',
      '337502',
      '337503',
      '337504',
    ]);
  });
  it('normalises codes by level', () => {
    expect(normaliseRegionCode(' 33.75 ', 'regency')).toBe('3375');
    expect(normaliseRegionCode('33.75', 'district')).toBeUndefined();
  });
});

describe('region chain validation', () => {
  it('accepts a consistent chain and returns undotted codes', () => {
    expect(
      validateRegionChain({ provinceCode: '33', regencyCode: '33.75', districtCode: '33.75.01' }),
    ).toEqual({
      ok: true,
      value: { provinceCode: '33', regencyCode: '3375', districtCode: '337501' },
    });
  });
  it('refuses a regency outside its province, naming the field', () => {
    expect(validateRegionChain({ provinceCode: '35', regencyCode: '3375' })).toEqual({
      ok: false,
      errors: [
        {
          code: 'REGION_NOT_IN_PARENT',
          field: 'regencyCode',
          params: { value: '3375', parent: '35' },
        },
      ],
    });
  });
  it('refuses unknown and malformed codes', () => {
    const r = validateRegionChain({ provinceCode: '99', regencyCode: '33.7' });
    expect(r.ok ? [] : r.errors.map((e) => [e.code, e.field])).toEqual([
      ['REGION_UNKNOWN', 'provinceCode'],
      ['REGION_CODE_MALFORMED', 'regencyCode'],
    ]);
  });
});
