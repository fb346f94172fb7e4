/**
 * Phone numbers and NPWP (identity.md "Other identifiers").
 * Phones are stored in E.164 (`+62…`); input may be `08…`, `628…` or `+628…` (Indonesian mobile
 * numbers), with spaces, dashes, dots or parentheses between digits.
 * NPWP: 16 digits (individuals use their NIK since 2024; organisations a 16-digit NPWP), the old
 * 15-digit format still appears: both accepted, stored as digits.
 */

export type PhoneErrorCode =
  'PHONE_MALFORMED' | 'PHONE_NOT_INDONESIAN_MOBILE' | 'PHONE_INVALID_LENGTH';
export type NpwpErrorCode = 'NPWP_MALFORMED' | 'NPWP_INVALID_LENGTH';

export type IdentifierResult<C extends string> =
  | { ok: true; value: string }
  | { ok: false; error: { code: C; params: Record<string, string | number> } };

/**
 * Digits after +62 for a mobile number: 8 then 8–11 more (0812-345-678 … 0812-3456-78901).
 * E.164 allows at most 15 digits in all; +62 and 12 leaves room.
 */
export const MOBILE_NSN_LENGTH_MIN = 9;
export const MOBILE_NSN_LENGTH_MAX = 12;
const INPUT_LENGTH_MAX = 32;

export function normalisePhone(input: string): IdentifierResult<PhoneErrorCode> {
  const trimmed = input.trim();
  if (trimmed.length > INPUT_LENGTH_MAX || !/^\+?[\d\s\-.()]+$/.test(trimmed))
    return { ok: false, error: { code: 'PHONE_MALFORMED', params: {} } };
  const plus = trimmed.startsWith('+');
  const digits = trimmed.replace(/\D/g, '');
  let nsn: string;
  if (digits.startsWith('62')) nsn = digits.slice(2);
  else if (!plus && digits.startsWith('0')) nsn = digits.slice(1);
  else return { ok: false, error: { code: 'PHONE_NOT_INDONESIAN_MOBILE', params: {} } };
  if (!nsn.startsWith('8'))
    return { ok: false, error: { code: 'PHONE_NOT_INDONESIAN_MOBILE', params: {} } };
  if (nsn.length < MOBILE_NSN_LENGTH_MIN || nsn.length > MOBILE_NSN_LENGTH_MAX)
    return {
      ok: false,
      error: {
        code: 'PHONE_INVALID_LENGTH',
        params: { min: MOBILE_NSN_LENGTH_MIN + 1, max: MOBILE_NSN_LENGTH_MAX + 1 },
      },
    };
  return { ok: true, value: `+62${nsn}` };
}

/** '01.234.567.8-901.000' → '012345678901000'; 15 or 16 digits. */
export function normaliseNpwp(input: string): IdentifierResult<NpwpErrorCode> {
  const trimmed = input.trim();
  if (trimmed.length > INPUT_LENGTH_MAX || !/^[\d\s\-.]+$/.test(trimmed))
    return { ok: false, error: { code: 'NPWP_MALFORMED', params: {} } };
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length !== 15 && digits.length !== 16)
    return { ok: false, error: { code: 'NPWP_INVALID_LENGTH', params: { length: digits.length } } };
  return { ok: true, value: digits };
}
