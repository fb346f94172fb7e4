// Column types shared by the table interfaces. int8 -> bigint, int2/int4 -> number, date and
// numeric -> string ('YYYY-MM-DD', exact decimals), timestamptz -> Date, jsonb -> JsonValue,
// bytea -> Uint8Array (src/db/database.ts sets the parsers).
import type { ColumnType } from 'kysely';

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
/** A timestamptz the caller always supplies, as a Date or an ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** An identity column: the database numbers it, nobody writes it. */
export type GeneratedId = ColumnType<bigint, never, never>;
/** jsonb: read as a value, written as JSON text. */
export type Json = ColumnType<JsonValue, string, string>;
