/**
 * One row of the member import workbook: the member's identity by the registry's own rules
 * (validation.ts), plus what only an import carries (joining date, an existing member number,
 * opening balances) and what only a whole file can break (a NIK or member number twice).
 */
import { checkMemberFields, isIsoDate, type MemberFields } from './validation.js';

export const IMPORT_FIELDS = [
  'nik',
  'fullName',
  'birthPlace',
  'birthDate',
  'gender',
  'address',
  'provinceCode',
  'regencyCode',
  'districtCode',
  'villageCode',
  'phone',
  'occupation',
  'joinedOn',
  'memberNumber',
  'pokok',
  'wajib',
  'sukarela',
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number];
export type RawRow = Partial<Record<ImportField, string>>;

/** A row as read from the sheet; `row` is the spreadsheet's row number (the header is row 1). */
export interface SheetRow {
  row: number;
  raw: RawRow;
}

export interface ImportRow extends MemberFields {
  row: number;
  joinedOn: string;
  memberNumber: string | null;
  pokok: bigint;
  wajib: bigint;
  sukarela: bigint;
}

export interface RowProblem {
  row: number;
  field: ImportField;
  code: string;
}

/** A member number the cooperative already uses on its cards: digits, capitals and . / - */
const MEMBER_NUMBER = /^[0-9A-Z./-]{1,30}$/;
const MEMBER_NUMBER_LENGTH_MAX = 30;
/** Whole rupiah below 10^15; thousands separators (. or ,) are dropped. */
const AMOUNT = /^[0-9]{1,15}$/;

export type ImportRowCheck = { ok: true; value: ImportRow } | { ok: false; problems: RowProblem[] };

/**
 * A checker for the rows of one file, taken in order: it remembers the NIKs and member numbers
 * seen so far, so the second of two equal ones is the row reported.
 */
export function importRowChecker(today: string): (row: SheetRow) => ImportRowCheck {
  const seenNik = new Set<string>();
  const seenNumber = new Set<string>();
  return ({ row, raw }) => {
    const problems: RowProblem[] = [];
    const problem = (field: ImportField, code: string) => problems.push({ row, field, code });
    const member = checkMemberFields(
      {
        nik: raw.nik ?? '',
        fullName: raw.fullName ?? '',
        birthPlace: raw.birthPlace ?? null,
        birthDate: raw.birthDate ?? '',
        gender: raw.gender ?? '',
        address: raw.address ?? null,
        provinceCode: raw.provinceCode ?? null,
        regencyCode: raw.regencyCode ?? null,
        districtCode: raw.districtCode ?? null,
        villageCode: raw.villageCode ?? null,
        phone: raw.phone ?? null,
        occupation: raw.occupation ?? null,
      },
      today,
    );
    if (!member.ok) for (const p of member.problems) problem(p.field, p.code);

    const nik = (raw.nik ?? '').replace(/\s/g, '');
    if (nik) {
      if (seenNik.has(nik)) problem('nik', 'NIK_DUPLICATE_IN_FILE');
      else seenNik.add(nik);
    }
    const birthDate = (raw.birthDate ?? '').trim();
    const joinedOn = (raw.joinedOn ?? '').trim() || today;
    if (!isIsoDate(joinedOn) || joinedOn > today) problem('joinedOn', 'DATE_INVALID');
    else if (isIsoDate(birthDate) && joinedOn < birthDate)
      problem('joinedOn', 'JOINED_BEFORE_BIRTH');

    const memberNumber = raw.memberNumber?.trim() || null;
    if (memberNumber) {
      if (memberNumber.length > MEMBER_NUMBER_LENGTH_MAX) problem('memberNumber', 'TOO_LONG');
      if (!MEMBER_NUMBER.test(memberNumber)) problem('memberNumber', 'MEMBER_NUMBER_INVALID');
      else if (seenNumber.has(memberNumber)) problem('memberNumber', 'MEMBER_NUMBER_TAKEN');
      else seenNumber.add(memberNumber);
    }
    const money = (k: 'pokok' | 'wajib' | 'sukarela'): bigint => {
      const v = (raw[k] ?? '').trim().replace(/[.,](?=\d{3}(\D|$))/g, '');
      if (v === '') return 0n;
      if (!AMOUNT.test(v)) {
        problem(k, 'AMOUNT_INVALID');
        return 0n;
      }
      return BigInt(v);
    };
    const amounts = { pokok: money('pokok'), wajib: money('wajib'), sukarela: money('sukarela') };

    if (!member.ok || problems.length > 0) return { ok: false, problems };
    return { ok: true, value: { row, ...member.value, joinedOn, memberNumber, ...amounts } };
  };
}
