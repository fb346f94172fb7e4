import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseNpwp, normalisePhone } from '../../../src/domain/identity/phone.js';

describe('phone numbers to E.164', () => {
  it.each([
    ['081234567890', '+6281234567890'],
    ['6281234567890', '+6281234567890'],
    ['+6281234567890', '+6281234567890'],
    ['+62 812-3456-7890', '+6281234567890'],
    ['0812.345.678', '+62812345678'],
    ['(0812) 3456 7890', '+6281234567890'],
  ])('%s becomes %s', (input, e164) => {
    expect(normalisePhone(input)).toEqual({ ok: true, value: e164 });
  });
  it.each([
    ['0215551234', 'PHONE_NOT_INDONESIAN_MOBILE'], // Jakarta landline
    ['+6221555123', 'PHONE_NOT_INDONESIAN_MOBILE'],
    ['+6581234567', 'PHONE_NOT_INDONESIAN_MOBILE'], // Singapore
    ['81234567890', 'PHONE_NOT_INDONESIAN_MOBILE'], // no prefix
    ['+081234567890', 'PHONE_NOT_INDONESIAN_MOBILE'],
    ['0812345', 'PHONE_INVALID_LENGTH'],
    ['08123456789012', 'PHONE_INVALID_LENGTH'],
    ['0812-abc-7890', 'PHONE_MALFORMED'],
    ['', 'PHONE_MALFORMED'],
  ])('%j is refused with %s', (input, code) => {
    const r = normalisePhone(input);
    expect(r.ok ? null : r.error.code).toBe(code);
  });
  it('normalising is idempotent and the three input forms agree', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^8\d{8,11}$/), (nsn) => {
        const e164 = `+62${nsn}`;
        for (const input of [`0${nsn}`, `62${nsn}`, e164])
          expect(normalisePhone(input)).toEqual({ ok: true, value: e164 });
      }),
    );
  });
});

describe('NPWP', () => {
  it('accepts the old 15-digit format with its punctuation, stored as digits', () => {
    expect(normaliseNpwp('01.234.567.8-901.000')).toEqual({ ok: true, value: '012345678901000' });
  });
  it('accepts 16 digits (an NIK used as NPWP)', () => {
    expect(normaliseNpwp('3375014505900001')).toEqual({ ok: true, value: '3375014505900001' });
  });
  it('refuses other lengths and letters', () => {
    expect(normaliseNpwp('12345678901234')).toEqual({
      ok: false,
      error: { code: 'NPWP_INVALID_LENGTH', params: { length: 14 } },
    });
    expect(normaliseNpwp('01.234.567.8-901.00X')).toEqual({
      ok: false,
      error: { code: 'NPWP_MALFORMED', params: {} },
    });
  });
});
