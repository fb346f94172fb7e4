import { DOCUMENT_TYPES } from '../../domain/documents.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { uuid } from '../../schemas/common.js';
import type { Deps } from '../../services/context.js';
import * as inspections from '../../services/supervision/inspections.js';
import { orgCtx } from '../auth.js';
import { fileResponse, itemsOf } from './responses.js';
import { idString, isoDate, listLimit, nullableText, orgParams } from './schemas.js';

/**
 * Inspection visits of the office's registry cooperatives (docs/domain/supervision-inspections.md):
 * officers (dinas.supervise) plan and close visits, answer the checklist, record findings with
 * evidence and location, add recommendations and their follow-up; every registry reader
 * (registry.read) reads them.
 */

const tags = ['inspections'];
const visitParams = orgParams.extend({ inspectionId: idString });
const findingParams = orgParams.extend({ findingId: idString });

const evidenceItem = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  uploadedAt: z.string(),
});
const recommendationItem = z.object({
  id: z.string(),
  text: z.string(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
  doneNote: z.string().nullable(),
  followUp: z.enum(['open', 'done', 'overdue']),
  evidence: z.array(evidenceItem),
});
export const findingItem = z.object({
  id: z.string(),
  visitId: z.string(),
  description: z.string(),
  checklist: z.string().nullable(),
  itemNo: z.number().int().nullable(),
  latitude: z.string().nullable(),
  longitude: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
  resolved: z.boolean(),
  evidence: z.array(evidenceItem),
  recommendations: z.array(recommendationItem),
});
const visitStatus = z.enum(['planned', 'done', 'cancelled']);
const visitItem = z.object({
  id: z.string(),
  registryId: z.string(),
  registryName: z.string().nullable(),
  plannedOn: z.string(),
  purpose: z.string(),
  status: visitStatus,
  closedOn: z.string().nullable(),
  closedNote: z.string().nullable(),
  officers: z.array(z.object({ userId: z.string(), fullName: z.string() })),
  findings: z.number().int().nullable(),
  openRecommendations: z.number().int().nullable(),
  overdueRecommendations: z.number().int().nullable(),
});
const checklistSchema = z.object({
  key: z.string(),
  name: z.string(),
  items: z.array(z.object({ no: z.number().int(), text: z.string() })),
});
const visitDetail = visitItem.extend({
  checklists: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      items: z.array(
        z.object({
          no: z.number().int(),
          text: z.string(),
          answer: z.boolean().nullable(),
          note: z.string().nullable(),
        }),
      ),
    }),
  ),
  findings: z.array(findingItem),
});

const checklistKey = z.string().regex(/^[A-Za-z]+\.[A-Za-z]+$/);
const coordinate = z
  .string()
  .regex(/^-?[0-9]{1,3}(\.[0-9]{1,6})?$/)
  .nullable()
  .optional();

export async function inspectionRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/inspections/checklist',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'The visit checklist: the governance and risk items of the KKPKK rubric',
        params: orgParams,
        response: { 200: z.object({ rubricId: z.string(), checklists: z.array(checklistSchema) }) },
      },
    },
    async (req) => inspections.inspectionChecklist(deps, orgCtx(req)),
  );

  r.get(
    '/orgs/:orgId/inspections',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'Visits in the office’s region, latest planned first (filter by cooperative, status)',
        params: orgParams,
        querystring: z.object({
          registryId: idString.optional(),
          status: visitStatus.optional(),
          limit: listLimit,
        }),
        response: { 200: itemsOf(visitItem) },
      },
    },
    async (req) => ({
      items: await inspections.listVisits(deps, orgCtx(req), {
        limit: req.query.limit,
        ...(req.query.registryId ? { registryId: BigInt(req.query.registryId) } : {}),
        ...(req.query.status ? { status: req.query.status } : {}),
      }),
    }),
  );

  r.post(
    '/orgs/:orgId/inspections',
    {
      config: { access: 'dinas.supervise' },
      schema: {
        tags,
        summary: 'Plan a visit to a registry cooperative: date, officers, purpose',
        params: orgParams,
        body: z.object({
          registryId: idString,
          plannedOn: isoDate,
          purpose: z.string().trim().min(1).max(2000),
          officerUserIds: z.array(uuid).min(1).max(10),
        }),
        response: { 201: visitDetail },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await inspections.planVisit(deps, orgCtx(req), {
          registryId: BigInt(req.body.registryId),
          plannedOn: req.body.plannedOn,
          purpose: req.body.purpose,
          officerUserIds: req.body.officerUserIds,
        }),
      ),
  );

  r.get(
    '/orgs/:orgId/inspections/:inspectionId',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'One visit: officers, checklist answers, findings with recommendations and evidence',
        params: visitParams,
        response: { 200: visitDetail },
      },
    },
    async (req) => inspections.getVisit(deps, orgCtx(req), BigInt(req.params.inspectionId)),
  );

  r.post(
    '/orgs/:orgId/inspections/:inspectionId/close',
    {
      config: { access: 'dinas.supervise' },
      schema: {
        tags,
        summary: 'Record a planned visit as held (done) or called off (cancelled, with the reason)',
        params: visitParams,
        body: z.object({
          status: z.enum(['done', 'cancelled']),
          on: isoDate,
          note: nullableText(2000),
        }),
        response: { 200: visitDetail },
      },
    },
    async (req) =>
      inspections.closeVisit(deps, orgCtx(req), BigInt(req.params.inspectionId), {
        status: req.body.status,
        on: req.body.on,
        note: req.body.note ?? null,
      }),
  );

  r.put(
    '/orgs/:orgId/inspections/:inspectionId/checklist',
    {
      config: { access: 'dinas.supervise' },
      schema: {
        tags,
        summary: 'Replace the visit’s checklist answers',
        params: visitParams,
        body: z.object({
          answers: z
            .array(
              z.object({
                checklist: checklistKey,
                itemNo: z.number().int().min(1).max(200),
                answer: z.boolean(),
                note: nullableText(1000),
              }),
            )
            .max(200),
        }),
        response: { 200: visitDetail },
      },
    },
    async (req) =>
      inspections.saveChecklist(
        deps,
        orgCtx(req),
        BigInt(req.params.inspectionId),
        req.body.answers.map((a) => ({ ...a, note: a.note ?? null })),
      ),
  );

  r.post(
    '/orgs/:orgId/inspections/:inspectionId/findings',
    {
      config: { access: 'dinas.supervise' },
      schema: {
        tags,
        summary:
          'Record a finding of the visit (optionally against a checklist item, with the latitude and longitude where it was seen)',
        params: visitParams,
        body: z.object({
          description: z.string().trim().min(1).max(4000),
          checklist: checklistKey.nullable().optional(),
          itemNo: z.number().int().min(1).max(200).nullable().optional(),
          latitude: coordinate,
          longitude: coordinate,
        }),
        response: { 201: findingItem },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await inspections.addFinding(deps, orgCtx(req), BigInt(req.params.inspectionId), {
          description: req.body.description,
          checklist: req.body.checklist ?? null,
          itemNo: req.body.itemNo ?? null,
          latitude: req.body.latitude ?? null,
          longitude: req.body.longitude ?? null,
        }),
      ),
  );

  r.post(
    '/orgs/:orgId/inspections/findings/:findingId/recommendations',
    {
      config: { access: 'dinas.supervise' },
      schema: {
        tags,
        summary: 'Add a recommendation with its due date to a finding',
        params: findingParams,
        body: z.object({ text: z.string().trim().min(1).max(2000), dueOn: isoDate }),
        response: { 201: findingItem },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await inspections.addRecommendation(deps, orgCtx(req), BigInt(req.params.findingId), {
          text: req.body.text,
          dueOn: req.body.dueOn,
        }),
      ),
  );

  r.post(
    '/orgs/:orgId/inspections/recommendations/:recommendationId/done',
    {
      config: { access: 'dinas.supervise' },
      schema: {
        tags,
        summary: 'Mark a recommendation done (its follow-up evidence uploaded first)',
        params: orgParams.extend({ recommendationId: idString }),
        body: z.object({ doneOn: isoDate, note: nullableText(2000) }),
        response: { 200: findingItem },
      },
    },
    async (req) =>
      inspections.completeRecommendation(deps, orgCtx(req), BigInt(req.params.recommendationId), {
        doneOn: req.body.doneOn,
        note: req.body.note ?? null,
      }),
  );

  r.post(
    '/orgs/:orgId/inspections/findings/:findingId/evidence',
    {
      config: { access: 'dinas.supervise' },
      bodyLimit: 3 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Attach evidence to a finding, or to one of its recommendations as follow-up: the raw body (JPEG, PNG or PDF, at most 2 MB)',
        params: findingParams,
        querystring: z.object({
          fileName: z.string().trim().min(1).max(200),
          recommendationId: idString.optional(),
        }),
        response: { 201: evidenceItem },
      },
    },
    async (req, reply) => {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
      const body = Buffer.isBuffer(req.body) ? req.body : null;
      return reply.status(201).send(
        await inspections.addEvidence(deps, orgCtx(req), BigInt(req.params.findingId), {
          recommendationId: req.query.recommendationId ? BigInt(req.query.recommendationId) : null,
          fileName: req.query.fileName,
          contentType: type,
          content: body,
        }),
      );
    },
  );

  r.get(
    '/orgs/:orgId/inspections/findings/:findingId/evidence/:evidenceId',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'Download one piece of evidence as uploaded',
        params: findingParams.extend({ evidenceId: idString }),
        response: { 200: fileResponse('The evidence', DOCUMENT_TYPES) },
      },
    },
    async (req, reply) => {
      const e = await inspections.getEvidence(
        deps,
        orgCtx(req),
        BigInt(req.params.findingId),
        BigInt(req.params.evidenceId),
      );
      return reply
        .type(e.contentType)
        .header('content-disposition', `attachment; filename="${e.fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(e.content);
    },
  );
}
