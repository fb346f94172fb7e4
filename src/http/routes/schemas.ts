import { z } from 'zod';
import { uuid } from '../../schemas/common.js';

// The input primitives live in src/schemas/common.ts, shared with the CLI; re-exported here so
// the routes import every schema from one place.
export {
  accountCode,
  idString,
  isoDate,
  listLimit,
  monthPeriod,
  nullableText,
  positiveRupiah,
  roleSchema,
  username,
} from '../../schemas/common.js';

export const orgParams = z.object({ orgId: uuid });
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
