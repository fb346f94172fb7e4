import { z } from 'zod';
import { ALL_ROLES, type Role } from '../../domain/auth/permissions.js';

export const orgParams = z.object({ orgId: z.uuid() });
/** Database ids travel as decimal strings (bigint); at most 18 digits so they always fit int8. */
export const idString = z.string().regex(/^[1-9][0-9]{0,17}$/);
/**
 * Whole rupiah above zero. Zod runs a refinement even when the regex before it failed, so the
 * positivity check must not call BigInt() on text that is not digits (that threw: a 500).
 */
export const positiveRupiah = z
  .string()
  .regex(/^[0-9]{1,15}$/)
  .refine((v) => !/^[0-9]+$/.test(v) || BigInt(v) > 0n, 'must be positive');
export const roleSchema = z.enum(ALL_ROLES as [Role, ...Role[]]);
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string(),
  instance: z.string(),
  requestId: z.string(),
  errors: z
    .array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
    .optional(),
});
/**
 * A calendar date (YYYY-MM-DD) PostgreSQL can store and the business can mean: years 1900-2999.
 * z.iso.date() alone lets year 0000 through, which PostgreSQL refuses (it was a 500).
 */
export const isoDate = z.iso
  .date()
  .refine((d) => d >= '1900-01-01' && d <= '2999-12-31', 'a date between 1900 and 2999');
/** A month (YYYY-MM) of years 1900-2999. */
export const monthPeriod = z
  .string()
  .regex(/^(19|2[0-9])[0-9]{2}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM between 1900 and 2999');
export const listLimit = z.coerce.number().int().min(1).max(200).default(50);
export const nullableText = (max: number) =>
  z.string().trim().min(1).max(max).nullable().optional();
