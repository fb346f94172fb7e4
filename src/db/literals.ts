/**
 * Values written into SQL text, for the few statements sent with the simple protocol so that they
 * can share a round trip with BEGIN or COMMIT (see inTenantTransaction). Every value goes through
 * one of these: strings dollar-quoted, numbers and dates checked against their shape, so nothing
 * a user typed can end a literal early.
 */

/**
 * A string as an SQL literal: dollar-quoted with a tag the text does not contain, so no quote,
 * backslash or setting (standard_conforming_strings) can end it early.
 */
export function sqlLiteral(text: string): string {
  let tag = 'sg';
  for (let i = 0; text.includes(`$${tag}`); i++) tag = `sg${i}`;
  return `$${tag}$${text}$${tag}$`;
}

const INTEGER = /^-?[0-9]{1,19}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

export const isUuid = (v: string): boolean => UUID.test(v);

function checked(value: string, shape: RegExp, what: string): string {
  if (!shape.test(value)) throw new Error(`not ${what} for an SQL literal: ${value.slice(0, 40)}`);
  return value;
}

export const sqlText = (v: string | null | undefined): string =>
  v === null || v === undefined ? 'null' : sqlLiteral(v);

export const sqlBigint = (v: bigint | number | null | undefined): string =>
  v === null || v === undefined ? 'null' : checked(String(v), INTEGER, 'an integer');

export const sqlUuid = (v: string | null | undefined): string =>
  v === null || v === undefined ? 'null::uuid' : `'${checked(v, UUID, 'a uuid')}'::uuid`;

export const sqlDate = (v: string): string => `'${checked(v, DATE, 'a date')}'::date`;

export const sqlBigintArray = (vs: readonly (bigint | number | null | undefined)[]): string =>
  `array[${vs.map(sqlBigint).join(',')}]::bigint[]`;

export const sqlTextArray = (vs: readonly (string | null | undefined)[]): string =>
  `array[${vs.map(sqlText).join(',')}]::text[]`;
