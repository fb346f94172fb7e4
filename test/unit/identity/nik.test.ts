import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  maskNik,
  validateNik,
  type NikInput,
  type NikRegionLookup,
} from '../../../src/domain/identity/nik.js';

const TODAY = '2026-11-24';
const base = { applicationDate: TODAY, minimumAgeYears: 17 } satisfies Partial<NikInput>;

function codes(r: ReturnType<typeof validateNik>): string[] {
  return r.ok ? [] : r.errors.map((e) => e.code);
}

describe('NIK: the worked examples of identity.md', () => {
  it('3375014505900001 is a woman born 5 May 1990 in Kota Pekalongan, district 01, serial 1', () => {
    const r = validateNik({ ...base, nik: '3375014505900001' });
    expect(r).toEqual({
      ok: true,
      value: {
        provinceCode: '33',
        regencyCode: '3375',
        districtCode: '337501',
        birthDate: '1990-05-05',
        gender: 'female',
        serial: '0001',
      },
      warnings: [],
    });
  });
  it('3573010101000002 is a man born 1 January 2000 in Kota Malang, serial 2', () => {
    const r = validateNik({
      ...base,
      nik: '3573010101000002',
      birthDate: '2000-01-01',
      gender: 'male',
    });
    expect(r.ok && r.value).toMatchObject({
      regencyCode: '3573',
      birthDate: '2000-01-01',
      gender: 'male',
      serial: '0002',
    });
  });
  it('3375013102900001 is refused: 31 February', () => {
    expect(codes(validateNik({ ...base, nik: '3375013102900001' }))).toEqual([
      'NIK_INVALID_BIRTH_DATE',
    ]);
  });
  it('9975010101900001 is refused: province 99 is unknown', () => {
    expect(codes(validateNik({ ...base, nik: '9975010101900001' }))).toContain(
      'NIK_UNKNOWN_PROVINCE',
    );
  });
  it('3375017205900001 is refused: day 72 would be a woman born on the 32nd', () => {
    expect(codes(validateNik({ ...base, nik: '3375017205900001' }))).toEqual([
      'NIK_INVALID_BIRTH_DATE',
    ]);
  });
});

describe('NIK: hard errors', () => {
  it.each(['337501450590000', '33750145059000011', '33750145O5900001', ''])(
    '%j is not 16 digits',
    (nik) => {
      const r = validateNik({ ...base, nik });
      expect(r.ok ? null : r.errors).toEqual([
        expect.objectContaining({ code: 'NIK_MALFORMED', field: 'nik' }),
      ]);
    },
  );
  it('spaces inside the number are ignored', () => {
    expect(validateNik({ ...base, nik: '3375 0145 0590 0001' }).ok).toBe(true);
  });
  it.each([
    ['day 00', '3375010005900001'],
    ['day 32', '3375013205900001'],
    ['day 40', '3375014005900001'],
    ['month 00', '3375010100900001'],
    ['month 13', '3375010113900001'],
    ['a woman on 31 April (71 04)', '3375017104900001'],
  ])('%s is an impossible date', (_label, nik) => {
    expect(codes(validateNik({ ...base, nik }))).toEqual(['NIK_INVALID_BIRTH_DATE']);
  });
  it('day 71 is a woman born on the 31st', () => {
    const r = validateNik({ ...base, nik: '3375017101900001' });
    expect(r.ok && r.value).toMatchObject({ birthDate: '1990-01-31', gender: 'female' });
  });
  it('serial 0000 is refused', () => {
    expect(codes(validateNik({ ...base, nik: '3375014505900000' }))).toEqual([
      'NIK_INVALID_SERIAL',
    ]);
  });
  it('regency or district 00 is refused (never a Kemendagri code)', () => {
    expect(codes(validateNik({ ...base, nik: '3300014505900001' }))).toEqual([
      'NIK_INVALID_REGENCY_CODE',
    ]);
    expect(codes(validateNik({ ...base, nik: '3375004505900001' }))).toEqual([
      'NIK_INVALID_DISTRICT_CODE',
    ]);
  });
  it('every problem is reported at once', () => {
    expect(codes(validateNik({ ...base, nik: '9975017205900000' }))).toEqual([
      'NIK_UNKNOWN_PROVINCE',
      'NIK_INVALID_SERIAL',
      'NIK_INVALID_BIRTH_DATE',
    ]);
  });
  it('29 February exists only in the century that makes it a leap year', () => {
    // yy = 00: 2000 is a leap year, 1900 is not (and is more than 120 years ago anyway).
    expect(validateNik({ ...base, nik: '3375012902000001', minimumAgeYears: 0 }).ok).toBe(true);
    // yy = 01: neither 1901 nor 2001 is a leap year.
    expect(codes(validateNik({ ...base, nik: '3375012902010001' }))).toEqual([
      'NIK_INVALID_BIRTH_DATE',
    ]);
  });
});

describe('NIK: comparison with the form', () => {
  it('a different entered birth date is an error on the birthDate field', () => {
    const r = validateNik({
      ...base,
      nik: '3375014505900001',
      birthDate: '1990-05-06',
      gender: 'female',
    });
    expect(r.ok ? null : r.errors).toEqual([
      {
        code: 'NIK_BIRTH_DATE_MISMATCH',
        field: 'birthDate',
        params: { entered: '1990-05-06', fromNik: '1990-05-05' },
      },
    ]);
  });
  it('a man entered for a NIK with day + 40 is an error on the gender field', () => {
    const r = validateNik({
      ...base,
      nik: '3375014505900001',
      birthDate: '1990-05-05',
      gender: 'male',
    });
    expect(r.ok ? null : r.errors).toEqual([
      {
        code: 'NIK_GENDER_MISMATCH',
        field: 'gender',
        params: { entered: 'male', fromNik: 'female' },
      },
    ]);
  });
  it('an entered birth date in the future is refused on the birthDate field', () => {
    const r = validateNik({ ...base, nik: '3375014505900001', birthDate: '2027-01-01' });
    expect(r.ok ? null : r.errors).toEqual([
      expect.objectContaining({ code: 'NIK_BIRTH_DATE_IN_FUTURE', field: 'birthDate' }),
    ]);
  });
});

describe('NIK: century and age', () => {
  it('yy = 10 with an entered 1910 birth date takes 1910, not 2010', () => {
    const r = validateNik({ ...base, nik: '3375010101100001', birthDate: '1910-01-01' });
    expect(r.ok && r.value.birthDate).toBe('1910-01-01');
  });
  it('yy = 10 without an entered date takes 2010, warns, and refuses a 16-year-old under a minimum of 17', () => {
    const r = validateNik({ ...base, nik: '3375010101100001' });
    expect(r.ok ? null : r.errors).toEqual([
      { code: 'NIK_AGE_BELOW_MINIMUM', field: 'nik', params: { age: 16, minimumAge: 17 } },
    ]);
    const young = validateNik({ ...base, nik: '3375010101100001', minimumAgeYears: 16 });
    expect(young.ok && young.warnings).toEqual([
      {
        code: 'NIK_CENTURY_ASSUMED',
        field: 'nik',
        params: { assumed: '2010-01-01', alternatives: '1910-01-01' },
      },
    ]);
  });
  it('yy = 30 (in 2026) can only be 1930: 2030 is in the future', () => {
    const r = validateNik({ ...base, nik: '3375010101300001' });
    expect(r.ok && r.value.birthDate).toBe('1930-01-01');
    expect(r.ok && r.warnings).toEqual([]);
  });
  it('the minimum age is reached on the birthday itself, not the day before', () => {
    // Born 25 November 2009: 17 on 25 November 2026.
    const nik = '3375012511090001';
    expect(
      codes(validateNik({ ...base, nik, applicationDate: '2026-11-24', birthDate: '2009-11-25' })),
    ).toEqual(['NIK_AGE_BELOW_MINIMUM']);
    expect(
      validateNik({ ...base, nik, applicationDate: '2026-11-25', birthDate: '2009-11-25' }).ok,
    ).toBe(true);
  });
  it('the minimum age is a parameter', () => {
    expect(validateNik({ ...base, nik: '3573010101000002', minimumAgeYears: 30 }).ok).toBe(false);
    expect(validateNik({ ...base, nik: '3573010101000002', minimumAgeYears: 26 }).ok).toBe(true);
  });
});

describe('NIK: warnings', () => {
  it('a regency code no longer in the list is accepted with a warning (splits keep old NIKs)', () => {
    // 33.30 is not a regency of Jawa Tengah today.
    const r = validateNik({ ...base, nik: '3330014505900001' });
    expect(r.ok && r.warnings.map((w) => w.code)).toEqual([
      'NIK_REGENCY_NOT_IN_CURRENT_LIST',
      'NIK_DISTRICT_NOT_IN_CURRENT_LIST',
    ]);
  });
  it('an unknown district of a known regency is only a warning', () => {
    const r = validateNik({ ...base, nik: '3375994505900001' });
    expect(r.ok && r.warnings).toEqual([
      {
        code: 'NIK_DISTRICT_NOT_IN_CURRENT_LIST',
        field: 'nik',
        params: { districtCode: '337599' },
      },
    ]);
  });
  it('region checks can be given another lookup', () => {
    const none: NikRegionLookup = {
      isKnownProvince: () => true,
      isKnownRegency: () => false,
      isKnownDistrict: () => false,
    };
    const r = validateNik({ ...base, nik: '3375014505900001' }, none);
    expect(r.ok && r.warnings).toHaveLength(2);
  });
});

describe('NIK: properties', () => {
  const known = ['3375', '3573', '3576', '3326', '1101', '3171'];
  const arbitraryPerson = fc.record({
    regency: fc.constantFrom(...known),
    district: fc.constantFrom('01', '02', '03'),
    birth: fc.date({
      min: new Date('1907-01-01T00:00:00Z'),
      max: new Date('2026-11-24T00:00:00Z'),
      noInvalidDate: true,
    }),
    female: fc.boolean(),
    serial: fc.integer({ min: 1, max: 9999 }),
  });
  it('any real person encoded as a NIK decodes back to their birth date, gender and serial', () => {
    fc.assert(
      fc.property(arbitraryPerson, (p) => {
        const y = p.birth.getUTCFullYear();
        const m = p.birth.getUTCMonth() + 1;
        const d = p.birth.getUTCDate();
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        const nik =
          p.regency +
          p.district +
          String(d + (p.female ? 40 : 0)).padStart(2, '0') +
          String(m).padStart(2, '0') +
          String(y % 100).padStart(2, '0') +
          String(p.serial).padStart(4, '0');
        const r = validateNik({
          nik,
          applicationDate: TODAY,
          minimumAgeYears: 0,
          birthDate: iso,
          gender: p.female ? 'female' : 'male',
        });
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(r.value.birthDate).toBe(iso);
          expect(r.value.gender).toBe(p.female ? 'female' : 'male');
          expect(Number(r.value.serial)).toBe(p.serial);
        }
      }),
    );
  });
  it('any 16-digit string gives a result without throwing, and an accepted one is fully decoded', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{16}$/), (nik) => {
        const r = validateNik({ nik, applicationDate: TODAY, minimumAgeYears: 0 });
        if (r.ok) expect(r.value.birthDate <= TODAY).toBe(true);
        else expect(r.errors.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('NIK masking', () => {
  it('shows the regency and the serial only', () => {
    expect(maskNik('3375014505900001')).toBe('3375••••••••0001');
  });
  it('never reveals a short value', () => {
    expect(maskNik('1234567')).toBe('•••••••');
  });
});
