import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uuid } from '../../schemas/common.js';
import { QUEUE_KINDS } from '../../domain/supervision/officer-queue.js';
import type { Deps } from '../../services/context.js';
import * as queue from '../../services/supervision/officer-queue.js';
import { orgCtx } from '../auth.js';
import { orgParams } from './schemas.js';

/**
 * An officer's queue, "Tugas saya" (docs/domain/supervision-officer-queue.md): what is due about
 * the cooperatives in the officer's charge, overdue first; and the daily digest queued to each
 * officer through the office's outbox.
 */

const tags = ['officer-queue'];

const item = z.object({
  kind: z.enum(QUEUE_KINDS),
  ref: z.string(),
  registryId: z.string(),
  cooperative: z.string(),
  dueOn: z.string().nullable(),
  since: z.string(),
  overdue: z.boolean(),
  daysOverdue: z.number().int(),
  severity: z.number().int(),
  subject: z.string(),
});

export async function officerQueueRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/officer-queue',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'An officer’s queue (Tugas saya): overdue inspection recommendations, letters whose delivery is not recorded, a next sanction step now allowed, certificates expiring within 90 days or expired, quarterly reports missing, the RAT not held, open early-warning alerts, and overdue instalments of the mediation cases the officer is assigned to; overdue first. The signed-in officer’s own, or (dinas.manage) any officer’s',
        params: orgParams,
        querystring: z.object({ officerUserId: uuid.optional() }),
        response: {
          200: z.object({
            today: z.string(),
            officer: z.object({ userId: z.string(), fullName: z.string() }),
            counts: z.object({
              total: z.number().int(),
              overdue: z.number().int(),
              byKind: z.record(z.enum(QUEUE_KINDS), z.number().int()),
            }),
            items: z.array(item),
          }),
        },
      },
    },
    async (req) => queue.officerQueue(deps, orgCtx(req), req.query.officerUserId),
  );

  r.post(
    '/orgs/:orgId/officer-queue/notify',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary:
          'Queue each officer’s daily digest of the items new or changed since their last one (WhatsApp to the phone on file, else the log), at most one per officer and day',
        params: orgParams,
        response: {
          200: z.object({
            notifiedOn: z.string(),
            officers: z.number().int(),
            digestsQueued: z.number().int(),
            itemsReported: z.number().int(),
          }),
        },
      },
    },
    async (req) => queue.notifyOfficers(deps, orgCtx(req)),
  );
}
