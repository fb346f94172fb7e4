import { describe, expect, it } from 'vitest';
import {
  checkOrganTerm,
  checkRegistryFields,
  checkStatusChange,
  normaliseNib,
  normaliseNikKoperasi,
  normaliseNpwp,
  supervisingRegionCode,
  withinJurisdiction,
  type RegistryFieldsInput,
} from '../../../src/domain/supervision/registry.js';

const TODAY = '2026-11-20';
const base: RegistryFieldsInput = {
  name: 'KSP Batik Makmur',
  cooperativeType: 'KSP',
  cooperativeForm: 'primer',
  membershipArea: 'regency',
  provinceCode: '33',
  regencyCode: '33.75',
  districtCode: '337501',
};
const problems = (input: Partial<RegistryFieldsInput>, office = '3375') => {
  const c = checkRegistryFields({ ...base, ...input }, office, TODAY);
  return c.ok ? [] : c.problems;
};

describe('who supervises a cooperative (Permenkop 9/2020: authority follows the membership area)', () => {
  it.each([
    ['regency', '3375'],
    ['province', '33'],
    ['national', ''],
  ] as const)('membership area %s → region %j', (area, region) => {
    expect(supervisingRegionCode(area, { provinceCode: '33', regencyCode: '3375' })).toBe(region);
  });

  it('a regency membership area needs a regency', () => {
    expect(
      supervisingRegionCode('regency', { provinceCode: '33', regencyCode: null }),
    ).toBeUndefined();
    expect(problems({ regencyCode: null, districtCode: null })).toContainEqual({
      field: 'regencyCode',
      code: 'REGENCY_REQUIRED',
    });
  });

  it('one prefix hierarchy: city ⊂ province ⊂ ministry', () => {
    expect(withinJurisdiction('3375', '3375')).toBe(true);
    expect(withinJurisdiction('3375', '3573')).toBe(false);
    expect(withinJurisdiction('3375', '33')).toBe(false);
    expect(withinJurisdiction('33', '3375')).toBe(true);
    expect(withinJurisdiction('33', '33')).toBe(true);
    expect(withinJurisdiction('33', '3573')).toBe(false);
    expect(withinJurisdiction('', '3573')).toBe(true);
    expect(withinJurisdiction('', '')).toBe(true);
    expect(withinJurisdiction('33', '')).toBe(false);
  });
});

describe('legal identifiers (identity.md)', () => {
  it('NIK koperasi: 16 digits, separators dropped, otherwise opaque', () => {
    expect(normaliseNikKoperasi('3375010020001234')).toBe('3375010020001234');
    expect(normaliseNikKoperasi('3375 0100 2000 1234')).toBe('3375010020001234');
    expect(normaliseNikKoperasi('0000000000000000')).toBe('0000000000000000');
    expect(normaliseNikKoperasi('337501002000123')).toBeUndefined();
    expect(normaliseNikKoperasi('33750100200012345')).toBeUndefined();
    expect(normaliseNikKoperasi('33750100200012A4')).toBeUndefined();
  });

  it('NPWP: 16 digits or the old 15, stored as digits', () => {
    expect(normaliseNpwp('01.234.567.8-901.000')).toBe('012345678901000');
    expect(normaliseNpwp('0123456789012345')).toBe('0123456789012345');
    expect(normaliseNpwp('01234567890123')).toBeUndefined();
    expect(normaliseNpwp('01234567890123456')).toBeUndefined();
  });

  it('NIB: 13 digits', () => {
    expect(normaliseNib('9120001234567')).toBe('9120001234567');
    expect(normaliseNib('912000123456')).toBeUndefined();
    expect(normaliseNib('91200012345678')).toBeUndefined();
  });
});

describe('checkRegistryFields', () => {
  it('normalises a valid entry and gives its region key', () => {
    const c = checkRegistryFields(
      {
        ...base,
        nikKoperasi: '3375-0100-2000-1234',
        npwp: '01.234.567.8-901.000',
        latitude: '-6.889',
        longitude: '109.675',
      },
      '33',
      TODAY,
    );
    expect(c).toMatchObject({
      ok: true,
      value: {
        regionCode: '3375',
        regencyCode: '3375',
        nikKoperasi: '3375010020001234',
        npwp: '012345678901000',
        latitude: '-6.889',
      },
    });
  });

  it('refuses a cooperative outside the office’s jurisdiction', () => {
    expect(problems({ provinceCode: '35', regencyCode: '3573', districtCode: null })).toEqual([
      { field: 'membershipArea', code: 'OUTSIDE_JURISDICTION' },
    ]);
    // a province-wide cooperative is the province's, not the city's
    expect(problems({ membershipArea: 'province' })).toEqual([
      { field: 'membershipArea', code: 'OUTSIDE_JURISDICTION' },
    ]);
    expect(problems({ membershipArea: 'province' }, '33')).toEqual([]);
    expect(problems({ membershipArea: 'national' }, '')).toEqual([]);
  });

  it('refuses unknown and inconsistent region codes', () => {
    expect(problems({ regencyCode: '3399', districtCode: null })).toContainEqual({
      field: 'regencyCode',
      code: 'REGION_INVALID',
    });
    expect(problems({ districtCode: '357301' })).toContainEqual({
      field: 'districtCode',
      code: 'REGION_INVALID',
    });
  });

  it('refuses malformed identifiers, choices, dates, coordinates and counts, all at once', () => {
    const p = problems({
      name: 'KS',
      nikKoperasi: '123',
      npwp: 'abc',
      nib: '1',
      cooperativeType: 'BANK',
      badanHukumDate: '2027-01-01',
      nikCertificateValidUntil: '2026-02-30',
      latitude: '48.85',
      longitude: '2.35',
      memberCount: -1,
      businessSize: 'KUK9',
    });
    expect(p.map((x) => `${x.field}:${x.code}`).sort()).toEqual(
      [
        'name:REQUIRED',
        'nikKoperasi:NIK_KOPERASI_INVALID',
        'npwp:NPWP_INVALID',
        'nib:NIB_INVALID',
        'cooperativeType:CHOICE_INVALID',
        'badanHukumDate:DATE_IN_FUTURE',
        'nikCertificateValidUntil:DATE_INVALID',
        'latitude:COORDINATES_INVALID',
        'longitude:COORDINATES_INVALID',
        'memberCount:COUNT_INVALID',
        'businessSize:CHOICE_INVALID',
      ].sort(),
    );
  });

  it('a certificate may be valid into the future; a badan hukum date may not be', () => {
    expect(problems({ nikCertificateValidUntil: '2028-12-31' })).toEqual([]);
    expect(problems({ badanHukumDate: TODAY })).toEqual([]);
  });
});

describe('status changes and organ terms', () => {
  const current = { status: 'active' as const, since: '2020-01-01' };
  it('needs another status, effective between the last change and today', () => {
    expect(checkStatusChange(current, { status: 'inactive', effectiveOn: TODAY }, TODAY)).toEqual({
      ok: true,
    });
    expect(checkStatusChange(current, { status: 'active', effectiveOn: TODAY }, TODAY)).toEqual({
      ok: false,
      code: 'STATUS_UNCHANGED',
    });
    expect(
      checkStatusChange(current, { status: 'dissolved', effectiveOn: '2019-12-31' }, TODAY),
    ).toMatchObject({
      code: 'DATE_INVALID',
    });
    expect(
      checkStatusChange(current, { status: 'dissolved', effectiveOn: '2026-11-21' }, TODAY),
    ).toMatchObject({
      code: 'DATE_INVALID',
    });
    expect(
      checkStatusChange(current, { status: 'bankrupt', effectiveOn: TODAY }, TODAY),
    ).toMatchObject({
      code: 'CHOICE_INVALID',
    });
  });

  it('an organ term has a known organ, a name, a start and an end not before it', () => {
    expect(
      checkOrganTerm({
        organ: 'pengurus',
        fullName: ' Budi ',
        phone: '0812-3456-7890',
        termStart: '2024-01-01',
        termEnd: '2028-12-31',
      }),
    ).toMatchObject({ ok: true, value: { fullName: 'Budi', phone: '+6281234567890' } });
    expect(
      checkOrganTerm({ organ: 'direksi', fullName: 'Budi', termStart: '2024-01-01' }),
    ).toMatchObject({ field: 'organ' });
    expect(
      checkOrganTerm({
        organ: 'pengawas',
        fullName: 'Budi',
        termStart: '2024-01-01',
        termEnd: '2023-12-31',
      }),
    ).toMatchObject({
      field: 'termEnd',
    });
  });
});
