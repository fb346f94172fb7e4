import { describe, expect, it } from 'vitest';
import { importRowChecker } from '../../../src/domain/members/import-rows.js';
import { checkHeirs, checkMemberFields } from '../../../src/domain/members/validation.js';

// 3375015204850001: Kota Pekalongan (3375), district 01, born 12 April 1985 (52 = 12 + 40: a
// woman), serial 0001.
const siti = {
  nik: '3375015204850001',
  fullName: 'Siti Aminah',
  birthDate: '1985-04-12',
  gender: 'P',
};
const today = '2026-11-20';

describe('member fields (the form and the import alike)', () => {
  it('a clean applicant is normalised: NIK digits, phone in E.164, region codes without dots', () => {
    const r = checkMemberFields(
      {
        ...siti,
        nik: '3375 0152 0485 0001',
        phone: '0812-3456-7890',
        provinceCode: '33',
        regencyCode: '33.75',
        birthPlace: '  ',
      },
      today,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        nik: '3375015204850001',
        fullName: 'Siti Aminah',
        birthPlace: null,
        birthDate: '1985-04-12',
        gender: 'P',
        address: null,
        provinceCode: '33',
        regencyCode: '3375',
        districtCode: null,
        villageCode: null,
        phone: '+6281234567890',
        occupation: null,
      },
    });
  });

  it('every problem is returned in order: NIK against the birth date, then phone, then region', () => {
    const r = checkMemberFields(
      { ...siti, birthDate: '1985-04-13', phone: '12345', regencyCode: '3375' },
      today,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { field: 'birthDate', code: 'NIK_BIRTH_DATE_MISMATCH' },
      { field: 'phone', code: 'PHONE_INVALID' },
      { field: 'provinceCode', code: 'REQUIRED' },
    ]);
  });

  it('an applicant below 17 on the application date is refused', () => {
    // born 12 April 2010: 16 on 2026-11-20
    const r = checkMemberFields(
      { ...siti, nik: '3375015204100001', birthDate: '2010-04-12' },
      today,
    );
    expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual(['NIK_AGE_BELOW_MINIMUM']);
  });

  it('the NIK is not checked against a birth date or gender that is not one', () => {
    const r = checkMemberFields({ ...siti, birthDate: '1985-02-30', gender: 'X' }, today);
    expect(r.ok ? [] : r.problems).toEqual([
      { field: 'birthDate', code: 'DATE_INVALID' },
      { field: 'gender', code: 'GENDER_INVALID' },
    ]);
  });

  it('heirs: a NIK of other than 16 digits and a phone that is not a mobile number are named', () => {
    expect(checkHeirs([{ fullName: 'Budi', relationship: 'anak', nik: '1234' }])).toEqual({
      ok: false,
      problems: [{ field: 'heirs.nik', code: 'NIK_MALFORMED' }],
    });
    expect(
      checkHeirs([{ fullName: 'Budi', relationship: 'anak', phone: '0812 3456 7890' }]),
    ).toEqual({
      ok: true,
      value: [{ fullName: 'Budi', relationship: 'anak', nik: null, phone: '+6281234567890' }],
    });
  });
});

describe('import rows', () => {
  it('a row gets the registry rules plus the import columns; the second of two equal NIKs is named', () => {
    const check = importRowChecker(today);
    const first = check({ row: 2, raw: { ...siti, pokok: '100.000', joinedOn: '2019-03-01' } });
    expect(first).toMatchObject({
      ok: true,
      value: { row: 2, nik: siti.nik, pokok: 100_000n, wajib: 0n, joinedOn: '2019-03-01' },
    });
    expect(check({ row: 3, raw: { ...siti, wajib: '-5', joinedOn: '1980-01-01' } })).toEqual({
      ok: false,
      problems: [
        { row: 3, field: 'nik', code: 'NIK_DUPLICATE_IN_FILE' },
        { row: 3, field: 'joinedOn', code: 'JOINED_BEFORE_BIRTH' },
        { row: 3, field: 'wajib', code: 'AMOUNT_INVALID' },
      ],
    });
  });

  it('an empty joining date is today; a member number is digits, capitals and . / - only', () => {
    const check = importRowChecker(today);
    expect(check({ row: 2, raw: { ...siti, memberNumber: 'A-01' } })).toMatchObject({
      ok: true,
      value: { joinedOn: today, memberNumber: 'A-01' },
    });
    const other = { ...siti, nik: '3375011204850001', gender: 'L' };
    expect(check({ row: 3, raw: { ...other, memberNumber: 'a 01' } })).toEqual({
      ok: false,
      problems: [{ row: 3, field: 'memberNumber', code: 'MEMBER_NUMBER_INVALID' }],
    });
  });
});
