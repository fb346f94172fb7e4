import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as approvals from '../../services/approvals.js';
import type { Deps } from '../../services/context.js';
import { orgCtx } from '../auth.js';
import { idString, listLimit, orgParams } from './schemas.js';

const approvalParams = orgParams.extend({ approvalId: idString });
const decisionSchema = z.object({
  id: z.string(),
  status: z.enum(['approved', 'rejected']),
  result: z.unknown(),
});

export async function approvalRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/approvals',
    {
      config: { access: 'approvals.read' },
      schema: {
        tags: ['approvals'],
        summary: 'Maker-checker requests',
        params: orgParams,
        querystring: z.object({
          status: z.enum(['pending', 'approved', 'rejected']).optional(),
          limit: listLimit,
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                action: z.string(),
                summary: z.string(),
                status: z.string(),
                requestedBy: z.string(),
                requestedAt: z.string(),
                decidedAt: z.string().nullable(),
                decisionNote: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const rows = await approvals.listApprovals(
        deps,
        orgCtx(req),
        req.query.status,
        req.query.limit,
      );
      return {
        items: rows.map((a) => ({
          id: a.id.toString(),
          action: a.action,
          summary: a.summary,
          status: a.status,
          requestedBy: a.requested_by_username,
          requestedAt: a.requested_at.toISOString(),
          decidedAt: a.decided_at?.toISOString() ?? null,
          decisionNote: a.decision_note,
        })),
      };
    },
  );

  r.get(
    '/orgs/:orgId/approvals/:approvalId',
    {
      config: { access: 'approvals.read' },
      schema: {
        tags: ['approvals'],
        summary: 'One maker-checker request with its payload',
        params: approvalParams,
        response: {
          200: z.object({
            id: z.string(),
            action: z.string(),
            summary: z.string(),
            /** what will run on approval, as the requester submitted it (shape depends on action) */
            payload: z.unknown(),
            status: z.enum(['pending', 'approved', 'rejected']),
            requestedAt: z.string(),
            decidedAt: z.string().nullable(),
            result: z.unknown(),
          }),
        },
      },
    },
    async (req) => {
      const a = await approvals.getApproval(deps, orgCtx(req), BigInt(req.params.approvalId));
      return {
        id: a.id.toString(),
        action: a.action,
        summary: a.summary,
        payload: a.payload,
        status: a.status,
        requestedAt: a.requested_at.toISOString(),
        decidedAt: a.decided_at?.toISOString() ?? null,
        result: a.result,
      };
    },
  );

  r.post(
    '/orgs/:orgId/approvals/:approvalId/approve',
    {
      config: { access: 'approvals.decide' },
      schema: {
        tags: ['approvals'],
        summary: 'Approve (by a user other than the requester); the action runs now',
        params: approvalParams,
        response: { 200: decisionSchema },
      },
    },
    async (req) => {
      const d = await approvals.decide(deps, orgCtx(req), BigInt(req.params.approvalId), {
        approve: true,
      });
      return { id: d.id.toString(), status: d.status, result: d.result };
    },
  );

  r.post(
    '/orgs/:orgId/approvals/:approvalId/reject',
    {
      config: { access: 'approvals.decide' },
      schema: {
        tags: ['approvals'],
        summary: 'Reject with a reason',
        params: approvalParams,
        body: z.object({ reason: z.string().trim().min(3).max(1000) }).strict(),
        response: { 200: decisionSchema },
      },
    },
    async (req) => {
      const d = await approvals.decide(deps, orgCtx(req), BigInt(req.params.approvalId), {
        approve: false,
        reason: req.body.reason,
      });
      return { id: d.id.toString(), status: d.status, result: d.result };
    },
  );
}
