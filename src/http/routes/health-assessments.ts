import { DOCUMENT_TYPES } from '../../domain/documents.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/context.js';
import * as assessments from '../../services/supervision/assessments.js';
import { assessmentPdf } from '../../services/supervision/assessments-pdf.js';
import { prefillFigures } from '../../services/supervision/assessments-prefill.js';
import * as rubrics from '../../services/supervision/assessments-rubrics.js';
import { orgCtx } from '../auth.js';
import { fileResponse, itemsOf, PDF } from './responses.js';
import { idString, listLimit, monthPeriod, nullableText, orgParams } from './schemas.js';

/**
 * Health assessments of the cooperatives in the office's registry (docs/domain/supervision-health.md):
 * examiners (dinas.supervise) record, score and finalise them with evidence; every registry reader
 * (registry.read) reads them and their PDF report. Rubric versions: read by every registry reader,
 * loaded by the ministry's administrators (dinas.manage, and the service requires the ministry
 * office, region '').
 */

const tags = ['health-assessments'];
const assessmentParams = orgParams.extend({ assessmentId: idString });

const componentResult = z.object({
  aspect: z.string(),
  key: z.string(),
  name: z.string(),
  formula: z.string(),
  inputs: z.record(z.string(), z.string()),
  ratioPercent: z.string().nullable(),
  band: z.string(),
  nilai: z.string(),
  skor: z.string(),
  weight: z.string(),
  points: z.string(),
  sourceStatus: z.enum(['confirmed', 'public-code', 'unconfirmed', 'placeholder']),
  note: z.string().optional(),
});
const assessmentResult = z.object({
  rubric: z.object({ id: z.string(), title: z.string(), validFrom: z.string() }),
  totalScore: z.string(),
  predikat: z.string(),
  provisional: z.boolean(),
  provisionalReasons: z.array(z.string()),
  aspects: z.array(
    z.object({ key: z.string(), name: z.string(), weight: z.string(), score: z.string() }),
  ),
  components: z.array(componentResult),
});

const figuresSource = z.enum(['shared_report', 'examiner', 'live_books']);
const assessmentItem = z.object({
  id: z.string(),
  registryId: z.string(),
  registryName: z.string().nullable(),
  regionCode: z.string(),
  period: z.string(),
  rubricId: z.string(),
  rubricVersion: z.string(),
  figuresSource,
  reportVersionId: z.string().nullable(),
  status: z.enum(['draft', 'final']),
  totalScore: z.string(),
  predikat: z.string(),
  provisional: z.boolean(),
  examinerName: z.string(),
  notes: z.string().nullable(),
  supersedesId: z.string().nullable(),
  supersededBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finalizedAt: z.string().nullable(),
});
const evidenceItem = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  uploadedAt: z.string(),
});
const assessmentDetail = assessmentItem.extend({
  rubricTitle: z.string(),
  rubricSource: z.string(),
  rubricDigest: z.string(),
  figures: z.record(z.string(), z.string()),
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
          evidence: z.array(evidenceItem),
        }),
      ),
    }),
  ),
  result: assessmentResult,
});

const rubricVersionItem = z.object({
  rubricId: z.string(),
  version: z.string(),
  title: z.string(),
  validFrom: z.string(),
  digest: z.string(),
  provisional: z.boolean(),
  sourceDocument: z.string(),
  sourceNote: z.string().nullable(),
  loadedBy: z.string().nullable(),
  loadedAt: z.string().nullable(),
});

const rupiahFigure = z.union([
  z.string().regex(/^-?[0-9]{1,18}$/),
  z.number().int().refine(Number.isSafeInteger),
]);
const answer = z.object({
  checklist: z.string().regex(/^[A-Za-z]+\.[A-Za-z]+$/),
  itemNo: z.number().int().min(1).max(200),
  answer: z.boolean(),
  note: nullableText(1000),
});
const assessmentBody = z.object({
  period: monthPeriod,
  figures: z.record(z.string().max(60), rupiahFigure),
  figuresSource: figuresSource.default('examiner'),
  reportVersionId: idString.nullable().optional(),
  answers: z.array(answer).max(500).default([]),
  notes: nullableText(4000),
});
const newAssessmentBody = assessmentBody.extend({
  registryId: idString,
  rubricId: z.string().min(3).max(60),
  rubricVersion: z.string().min(1).max(60).optional(),
  supersedesId: idString.nullable().optional(),
});
const previewBody = z.object({
  rubricId: z.string().min(3).max(60),
  rubricVersion: z.string().min(1).max(60).optional(),
  figures: z.record(z.string().max(60), rupiahFigure),
  answers: z
    .array(answer.omit({ note: true }))
    .max(500)
    .default([]),
});

const listQuery = z.object({
  registryId: idString.optional(),
  status: z.enum(['draft', 'final']).optional(),
  beforeId: idString.optional().describe('keyset page: assessments with a smaller id'),
  limit: listLimit,
});

export async function healthAssessmentRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/health/rubric-versions',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'Rubric versions: the built-in ones and those loaded by the ministry',
        params: orgParams,
        response: { 200: itemsOf(rubricVersionItem) },
      },
    },
    async (req) => ({ items: await rubrics.listRubricVersions(deps, orgCtx(req)) }),
  );

  r.get(
    '/orgs/:orgId/health/rubric-versions/:rubricId/:version',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'The full data of one rubric version (every band table, weight and cut-off with its source)',
        params: orgParams.extend({
          rubricId: z.string().min(3).max(60),
          version: z.string().min(1).max(60),
        }),
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (req) =>
      (await rubrics.getRubricDefinition(
        deps,
        orgCtx(req),
        req.params.rubricId,
        req.params.version,
      )) as unknown as Record<string, unknown>,
  );

  r.get(
    '/orgs/:orgId/health/rubric-versions/:rubricId/:version/form',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'What an examiner fills under one rubric version: its rupiah inputs and its checklists item by item',
        params: orgParams.extend({
          rubricId: z.string().min(3).max(60),
          version: z.string().min(1).max(60),
        }),
        response: {
          200: rubricVersionItem.extend({
            inputs: z.array(
              z.object({ key: z.string(), name: z.string(), mayBeNegative: z.boolean() }),
            ),
            checklists: z.array(
              z.object({
                key: z.string(),
                name: z.string(),
                items: z.array(z.object({ no: z.number().int(), text: z.string() })),
              }),
            ),
          }),
        },
      },
    },
    async (req) => rubrics.rubricForm(deps, orgCtx(req), req.params.rubricId, req.params.version),
  );

  r.post(
    '/orgs/:orgId/health/rubric-versions',
    {
      config: { access: 'dinas.manage' },
      bodyLimit: 1024 * 1024,
      schema: {
        tags,
        summary:
          'Load a rubric version (e.g. the official KKPKK appendix values); checked by the engine first. Ministry office only',
        params: orgParams,
        body: z.object({
          rubricId: z.string().min(3).max(60),
          version: z.string().regex(/^[A-Za-z0-9._-]{1,60}$/),
          definition: z.record(z.string(), z.unknown()),
          sourceDocument: z.string().trim().min(1).max(500),
          sourceNote: nullableText(2000),
        }),
        response: { 201: rubricVersionItem },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await rubrics.loadRubricVersion(deps, orgCtx(req), req.body)),
  );

  r.get(
    '/orgs/:orgId/health/assessments',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'Assessments in the office’s region, newest first (filter by cooperative, status)',
        params: orgParams,
        querystring: listQuery,
        response: { 200: itemsOf(assessmentItem) },
      },
    },
    async (req) => {
      const q = req.query;
      return {
        items: await assessments.listAssessments(deps, orgCtx(req), {
          limit: q.limit,
          ...(q.registryId ? { registryId: BigInt(q.registryId) } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.beforeId ? { beforeId: BigInt(q.beforeId) } : {}),
        }),
      };
    },
  );

  r.get(
    '/orgs/:orgId/health/prefill',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'The figures a new assessment starts from: the latest report version for the period (YYYY-03/06/09/12) read as the rubric’s inputs',
        params: orgParams,
        querystring: z.object({
          registryId: idString,
          rubricId: z.string().min(3).max(60),
          period: monthPeriod,
        }),
        response: {
          200: z.object({
            reportVersionId: z.string().nullable(),
            report: z
              .object({ kind: z.enum(['quarterly', 'yearly']), period: z.string() })
              .nullable(),
            figures: z.record(z.string(), z.string()),
            readings: z.record(z.string(), z.string()),
            missing: z.array(z.string()),
          }),
        },
      },
    },
    async (req) =>
      prefillFigures(deps, orgCtx(req), {
        registryId: BigInt(req.query.registryId),
        rubricId: req.query.rubricId,
        period: req.query.period,
      }),
  );

  r.post(
    '/orgs/:orgId/health/assessments/preview',
    {
      config: { access: 'dinas.supervise' },
      schema: {
        tags,
        summary: 'Score figures and answers under a rubric version without storing anything',
        params: orgParams,
        body: previewBody,
        response: { 200: assessmentResult },
      },
    },
    async (req) =>
      assessments.previewAssessment(deps, orgCtx(req), {
        rubricId: req.body.rubricId,
        figures: req.body.figures,
        answers: req.body.answers,
        ...(req.body.rubricVersion ? { rubricVersion: req.body.rubricVersion } : {}),
      }),
  );

  r.post(
    '/orgs/:orgId/health/assessments',
    {
      config: { access: 'dinas.supervise' },
      schema: {
        tags,
        summary:
          'Start an assessment (a draft) of a registry cooperative; a correction names the final one it supersedes',
        params: orgParams,
        body: newAssessmentBody,
        response: { 201: assessmentDetail },
      },
    },
    async (req, reply) => {
      const b = req.body;
      return reply.status(201).send(
        await assessments.createAssessment(deps, orgCtx(req), {
          registryId: BigInt(b.registryId),
          rubricId: b.rubricId,
          period: b.period,
          figures: b.figures,
          figuresSource: b.figuresSource,
          reportVersionId: b.reportVersionId ?? null,
          answers: b.answers.map((a) => ({ ...a, note: a.note ?? null })),
          notes: b.notes ?? null,
          supersedesId: b.supersedesId ? BigInt(b.supersedesId) : null,
          ...(b.rubricVersion ? { rubricVersion: b.rubricVersion } : {}),
        }),
      );
    },
  );

  r.get(
    '/orgs/:orgId/health/assessments/:assessmentId',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'One assessment: figures, checklist answers with evidence, and the scored result',
        params: assessmentParams,
        response: { 200: assessmentDetail },
      },
    },
    async (req) => assessments.getAssessment(deps, orgCtx(req), BigInt(req.params.assessmentId)),
  );

  r.put(
    '/orgs/:orgId/health/assessments/:assessmentId',
    {
      config: { access: 'dinas.supervise' },
      schema: {
        tags,
        summary: 'Replace a draft’s figures, answers and notes (a final assessment is refused)',
        params: assessmentParams,
        body: assessmentBody,
        response: { 200: assessmentDetail },
      },
    },
    async (req) => {
      const b = req.body;
      return assessments.updateAssessment(deps, orgCtx(req), BigInt(req.params.assessmentId), {
        period: b.period,
        figures: b.figures,
        figuresSource: b.figuresSource,
        reportVersionId: b.reportVersionId ?? null,
        answers: b.answers.map((a) => ({ ...a, note: a.note ?? null })),
        notes: b.notes ?? null,
      });
    },
  );

  r.post(
    '/orgs/:orgId/health/assessments/:assessmentId/finalize',
    {
      config: { access: 'dinas.supervise' },
      schema: {
        tags,
        summary: 'Finalise a draft (every checklist item answered); from then on it never changes',
        params: assessmentParams,
        response: { 200: assessmentDetail },
      },
    },
    async (req) =>
      assessments.finalizeAssessment(deps, orgCtx(req), BigInt(req.params.assessmentId)),
  );

  r.get(
    '/orgs/:orgId/health/assessments/:assessmentId/rescore',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'Score the stored figures and answers again under the stored rubric version; `same` must be true',
        params: assessmentParams,
        response: {
          200: z.object({
            same: z.boolean(),
            rubricDigestMatches: z.boolean(),
            result: assessmentResult,
          }),
        },
      },
    },
    async (req) =>
      assessments.rescoreAssessment(deps, orgCtx(req), BigInt(req.params.assessmentId)),
  );

  r.get(
    '/orgs/:orgId/health/assessments/:assessmentId/report.pdf',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'The assessment report (PDF): every ratio with inputs, formula, band, nilai, skor',
        params: assessmentParams,
        response: { 200: fileResponse('The report', [PDF]) },
      },
    },
    async (req, reply) =>
      reply
        .type(PDF)
        .header(
          'content-disposition',
          `attachment; filename="penilaian-kesehatan-${req.params.assessmentId}.pdf"`,
        )
        .header('cache-control', 'private, no-store')
        .send(await assessmentPdf(deps, orgCtx(req), BigInt(req.params.assessmentId))),
  );

  r.post(
    '/orgs/:orgId/health/assessments/:assessmentId/evidence',
    {
      config: { access: 'dinas.supervise' },
      bodyLimit: 3 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Attach evidence to a checklist item of a draft: the raw body (JPEG, PNG or PDF, at most 2 MB)',
        params: assessmentParams,
        querystring: z.object({
          checklist: z.string().regex(/^[A-Za-z]+\.[A-Za-z]+$/),
          itemNo: z.coerce.number().int().min(1).max(200),
          fileName: z.string().trim().min(1).max(200),
        }),
        response: { 201: evidenceItem },
      },
    },
    async (req, reply) => {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
      const body = Buffer.isBuffer(req.body) ? req.body : null;
      return reply.status(201).send(
        await assessments.addEvidence(deps, orgCtx(req), BigInt(req.params.assessmentId), {
          checklist: req.query.checklist,
          itemNo: req.query.itemNo,
          fileName: req.query.fileName,
          contentType: type,
          content: body,
        }),
      );
    },
  );

  r.get(
    '/orgs/:orgId/health/assessments/:assessmentId/evidence/:evidenceId',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'Download one piece of evidence as uploaded',
        params: assessmentParams.extend({ evidenceId: idString }),
        response: { 200: fileResponse('The evidence', DOCUMENT_TYPES) },
      },
    },
    async (req, reply) => {
      const e = await assessments.getEvidence(
        deps,
        orgCtx(req),
        BigInt(req.params.assessmentId),
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
