import { DOCUMENT_TYPES } from '../../domain/documents.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/context.js';
import * as km from '../../services/supervision/koperasi-modern.js';
import { orgCtx } from '../auth.js';
import { fileResponse, itemsOf } from './responses.js';
import { idString, isoDate, listLimit, nullableText, orgParams } from './schemas.js';

/**
 * The koperasi modern programme (docs/domain/supervision-koperasi-modern.md): the criteria
 * versions, each cooperative's checklists with evidence, the office's target and progress. Every
 * registry reader reads; examiners (dinas.supervise) record checklists and evidence; the office's
 * administrators (dinas.manage) set targets and add a version of the criteria for their region.
 */

const tags = ['koperasi-modern'];
const base = '/orgs/:orgId/koperasi-modern';
const cooperativeParams = orgParams.extend({ registryId: idString });
const checklistParams = cooperativeParams.extend({ checklistId: idString });

const versionView = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  validFrom: z.string(),
  sourceDocument: z.string(),
  sourceNote: z.string().nullable(),
  regionCode: z.string(),
  items: z.array(
    z.object({
      no: z.number().int(),
      text: z.string(),
      textEn: z.string(),
      suggest: z.enum(['sokoguru']).nullable(),
    }),
  ),
});
const targetView = z.object({
  id: z.string(),
  versionId: z.string(),
  targetYear: z.number().int(),
  targetCount: z.number().int(),
  note: z.string().nullable(),
  setBy: z.string().nullable(),
  setAt: z.string(),
});
const targetState = z.object({
  current: targetView.nullable(),
  inForce: z.array(targetView),
  history: z.array(targetView),
});
const standing = z.object({
  registryId: z.string(),
  name: z.string(),
  status: z.string(),
  runsOnSokoguru: z.boolean(),
  checklistId: z.string().nullable(),
  assessedOn: z.string().nullable(),
  met: z.number().int().nullable(),
  total: z.number().int().nullable(),
  qualifies: z.boolean(),
  missing: z.array(z.object({ no: z.number().int(), text: z.string(), textEn: z.string() })),
});
const evidenceItem = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  uploadedAt: z.string(),
  href: z.string(),
});
const answerIn = z
  .object({
    itemNo: z.number().int().min(1).max(30),
    met: z.boolean(),
    note: nullableText(1000),
  })
  .strict();
const cooperativeState = z.object({
  registryId: z.string(),
  name: z.string(),
  runsOnSokoguru: z.boolean(),
  versions: z.array(
    z.object({
      versionId: z.string(),
      suggestions: z.array(
        z.object({ itemNo: z.number().int(), met: z.boolean(), note: z.string().nullable() }),
      ),
    }),
  ),
  checklists: z.array(
    z.object({
      id: z.string(),
      versionId: z.string(),
      assessedOn: z.string(),
      note: z.string().nullable(),
      assessorName: z.string(),
      recordedAt: z.string(),
      qualifies: z.boolean(),
      met: z.number().int(),
      total: z.number().int(),
      answers: z.array(
        z.object({
          itemNo: z.number().int(),
          met: z.boolean(),
          note: z.string().nullable(),
          suggested: z.boolean(),
          evidence: z.array(evidenceItem),
        }),
      ),
    }),
  ),
});

export async function koperasiModernRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    `${base}/criteria`,
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'The koperasi modern criteria versions the office uses (national and its region’s own), each item with its text and whether Sokoguru suggests it',
        params: orgParams,
        response: { 200: itemsOf(versionView) },
      },
    },
    async (req) => km.criteriaVersions(deps, orgCtx(req)),
  );

  r.post(
    `${base}/criteria`,
    {
      config: { access: 'dinas.manage' },
      schema: {
        tags,
        summary:
          'Add a version of the criteria for the office’s region, with its source (the national versions stay)',
        params: orgParams,
        body: z
          .object({
            code: z.string().regex(/^[a-z0-9-]{3,60}$/),
            title: z.string().trim().min(3).max(200),
            validFrom: isoDate,
            sourceDocument: z.string().trim().min(3).max(500),
            sourceNote: nullableText(2000),
            items: z
              .array(
                z
                  .object({
                    text: z.string().trim().min(3).max(300),
                    textEn: z.string().trim().min(3).max(300),
                    suggest: z.enum(['sokoguru']).nullable().default(null),
                  })
                  .strict(),
              )
              .min(1)
              .max(30),
          })
          .strict(),
        response: { 201: versionView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await km.addCriteriaVersion(deps, orgCtx(req), {
          ...req.body,
          sourceNote: req.body.sourceNote ?? null,
        }),
      ),
  );

  r.get(
    `${base}/targets`,
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'The office’s koperasi modern targets: the one it works toward now, the newest setting for each year, and every setting',
        params: orgParams,
        response: { 200: targetState },
      },
    },
    async (req) => km.targets(deps, orgCtx(req)),
  );

  r.post(
    `${base}/targets`,
    {
      config: { access: 'dinas.manage' },
      schema: {
        tags,
        summary:
          'Set a target: N cooperatives meeting a version’s criteria by the end of a year (a new setting; earlier ones stay on record)',
        params: orgParams,
        body: z
          .object({
            versionId: idString,
            targetYear: z.number().int().min(2000).max(2100),
            targetCount: z.number().int().min(1).max(100_000),
            note: nullableText(500),
          })
          .strict(),
        response: { 201: targetState },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await km.setTarget(deps, orgCtx(req), {
          versionId: BigInt(req.body.versionId),
          targetYear: req.body.targetYear,
          targetCount: req.body.targetCount,
          note: req.body.note ?? null,
        }),
      ),
  );

  r.get(
    `${base}/progress`,
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'Progress under a version (default: the current target’s): the cooperatives meeting every criterion at the end of each month or quarter, the target, and the active cooperatives closest to qualifying with what they miss',
        params: orgParams,
        querystring: z.object({
          versionId: idString.optional(),
          by: z.enum(['month', 'quarter']).default('quarter'),
          from: isoDate.optional(),
        }),
        response: {
          200: z.object({
            version: versionView,
            target: targetView.extend({ percent: z.number().int() }).nullable(),
            qualifyingNow: z.number().int(),
            assessed: z.number().int(),
            series: z.array(
              z.object({ label: z.string(), endsOn: z.string(), qualifying: z.number().int() }),
            ),
            closest: z.array(standing),
          }),
        },
      },
    },
    async (req) =>
      km.progress(deps, orgCtx(req), {
        by: req.query.by,
        ...(req.query.versionId ? { versionId: BigInt(req.query.versionId) } : {}),
        ...(req.query.from ? { from: req.query.from } : {}),
      }),
  );

  r.get(
    `${base}/cooperatives`,
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'The region’s cooperatives with their latest checklist under a version (default: the current target’s), closest to qualifying first; `q` matches the name',
        params: orgParams,
        querystring: z.object({
          versionId: idString.optional(),
          q: z.string().trim().max(100).optional(),
          limit: listLimit,
        }),
        response: { 200: z.object({ versionId: z.string(), items: z.array(standing) }) },
      },
    },
    async (req) =>
      km.cooperativeStandings(deps, orgCtx(req), {
        limit: req.query.limit,
        ...(req.query.versionId ? { versionId: BigInt(req.query.versionId) } : {}),
        ...(req.query.q ? { q: req.query.q } : {}),
      }),
  );

  r.get(
    `${base}/cooperatives/:registryId`,
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'One cooperative’s koperasi modern checklists, newest first, with answers and evidence, and what Sokoguru suggests per version',
        params: cooperativeParams,
        response: { 200: cooperativeState },
      },
    },
    async (req) => km.cooperativeChecklists(deps, orgCtx(req), BigInt(req.params.registryId)),
  );

  r.post(
    `${base}/cooperatives/:registryId/checklists`,
    {
      config: { access: 'dinas.supervise' },
      schema: {
        tags,
        summary:
          'Record a checklist: every item of the version met or not with a note, assessed on a date (a re-assessment is a new checklist)',
        params: cooperativeParams,
        body: z
          .object({
            versionId: idString,
            assessedOn: isoDate,
            note: nullableText(2000),
            answers: z.array(answerIn).min(1).max(30),
          })
          .strict(),
        response: { 201: cooperativeState.extend({ id: z.string() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await km.recordChecklist(deps, orgCtx(req), BigInt(req.params.registryId), {
          versionId: BigInt(req.body.versionId),
          assessedOn: req.body.assessedOn,
          note: req.body.note ?? null,
          answers: req.body.answers.map((a) => ({ ...a, note: a.note ?? null })),
        }),
      ),
  );

  r.post(
    `${base}/cooperatives/:registryId/checklists/:checklistId/evidence`,
    {
      config: { access: 'dinas.supervise' },
      bodyLimit: 3 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Attach evidence to an item of a checklist: the raw body (JPEG, PNG or PDF, at most 2 MB; 20 files a checklist)',
        params: checklistParams,
        querystring: z.object({
          itemNo: z.coerce.number().int().min(1).max(30),
          fileName: z.string().trim().min(1).max(200),
        }),
        response: { 201: evidenceItem },
      },
    },
    async (req, reply) => {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
      const body = Buffer.isBuffer(req.body) ? req.body : null;
      return reply.status(201).send(
        await km.addEvidence(
          deps,
          orgCtx(req),
          BigInt(req.params.registryId),
          BigInt(req.params.checklistId),
          {
            itemNo: req.query.itemNo,
            fileName: req.query.fileName,
            contentType: type,
            content: body,
          },
        ),
      );
    },
  );

  r.get(
    `${base}/cooperatives/:registryId/checklists/:checklistId/evidence/:evidenceId`,
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'Download one piece of koperasi modern evidence as uploaded',
        params: checklistParams.extend({ evidenceId: idString }),
        response: { 200: fileResponse('The evidence', DOCUMENT_TYPES) },
      },
    },
    async (req, reply) => {
      const e = await km.getEvidence(
        deps,
        orgCtx(req),
        BigInt(req.params.registryId),
        BigInt(req.params.checklistId),
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
