import { z } from 'zod';
import { ALL_ROLES, type Role } from '../domain/auth/permissions.js';

/**
 * Input primitives shared by every edge: the HTTP routes (src/http/routes/*) and the `sokoguru`
 * commands (src/cli/*) parse the same values with the same schemas, so a date, a month, an id or
 * an amount the server refuses the command line refuses too. Nothing here knows about HTTP.
 *
 * Each primitive is registered in `inputFormats` with the name of the format it expects; an edge
 * that explains a refusal to a person (the CLI) looks the format up and words it from
 * src/i18n/messages.ts (INPUT_FORMAT_MESSAGES), in Indonesian or English.
 */
export type InputFormat =
  | 'uuid'
  | 'id'
  | 'rupiah'
  | 'role'
  | 'date'
  | 'month'
  | 'year'
  | 'account-code'
  | 'username'
  | 'text'
  // formats only the CLI has: a TCP port, a file that must exist
  | 'port'
  | 'file';

export const inputFormats = z.registry<{ format: InputFormat }>();

/** An organisation (cooperative, Dinas) or other uuid key. */
export const uuid = z.uuid().register(inputFormats, { format: 'uuid' });

/** Database ids travel as decimal strings (bigint); at most 18 digits so they always fit int8. */
export const idString = z
  .string()
  .regex(/^[1-9][0-9]{0,17}$/)
  .register(inputFormats, { format: 'id' });

/**
 * Whole rupiah above zero. Zod runs a refinement even when the regex before it failed, so the
 * positivity check must not call BigInt() on text that is not digits (that threw: a 500).
 */
export const positiveRupiah = z
  .string()
  .regex(/^[0-9]{1,15}$/)
  .refine((v) => !/^[0-9]+$/.test(v) || BigInt(v) > 0n, 'must be positive')
  .register(inputFormats, { format: 'rupiah' });

export const roleSchema = z
  .enum(ALL_ROLES as [Role, ...Role[]])
  .register(inputFormats, { format: 'role' });

/**
 * A calendar date (YYYY-MM-DD) PostgreSQL can store and the business can mean: years 1900-2999.
 * z.iso.date() alone lets year 0000 through, which PostgreSQL refuses (it was a 500).
 */
export const isoDate = z.iso
  .date()
  .refine((d) => d >= '1900-01-01' && d <= '2999-12-31', 'a date between 1900 and 2999')
  .register(inputFormats, { format: 'date' });

/** A month (YYYY-MM) of years 1900-2999. */
export const monthPeriod = z
  .string()
  .regex(/^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM between 1900 and 2999')
  .register(inputFormats, { format: 'month' });

/** A book year (YYYY) of 2000-2099, as the year-end close takes it. */
export const bookYear = z
  .string()
  .regex(/^20[0-9]{2}$/, 'a year YYYY between 2000 and 2099')
  .register(inputFormats, { format: 'year' });

/** A chart-of-accounts code: 1-6 digits, optionally a dot and 1-4 digits (e.g. 1101, 2101.01). */
export const accountCode = z
  .string()
  .regex(/^[0-9]{1,6}(\.[0-9]{1,4})?$/)
  .register(inputFormats, { format: 'account-code' });

/** A sign-in name: lower case letters, digits, '.', '_' and '-', 3-64 characters. */
export const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/)
  .register(inputFormats, { format: 'username' });

export const listLimit = z.coerce.number().int().min(1).max(200).default(50);

/** Optional free text of at most `max` characters; blank is refused, null clears it. */
export const nullableText = (max: number) =>
  z.string().trim().min(1).max(max).nullable().optional();
