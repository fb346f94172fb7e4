import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  COOPERATIVE_POSITIONS,
  EXPIRY_WINDOW_DAYS,
  EXPIRY_WINDOW_DAYS_MAX,
  SESSIONS_MAX,
  TRAINING_RESULTS,
} from '../../domain/supervision/training.js';
import type { Deps } from '../../services/context.js';
import * as tr from '../../services/supervision/training.js';
import { orgCtx } from '../auth.js';
import { idString, isoDate, listLimit, orgParams } from './schemas.js';

/**
 * Training and certification for a supervising office (docs/domain/supervision-training.md):
 * training events with sessions, participants from the registry's cooperatives, attendance and
 * results; competency certificates of the cooperatives' managers and staff with their expiry; the
 * certification requirement per savings-and-loan cooperative. Registry readers read;
 * `dinas.training` writes.
 */

const tags = ['training'];
const text = (max: number) => z.string().trim().min(1).max(max);
const session = z.object({ heldOn: isoDate, topic: text(200), trainer: text(200) }).strict();
const eventBody = z
  .object({
    title: z.string().trim().min(3).max(200),
    organiser: text(200),
    topic: text(200),
    startsOn: isoDate,
    endsOn: isoDate,
    online: z.boolean().default(false),
    location: text(300).nullable().default(null),
    sessions: z.array(session).max(SESSIONS_MAX).default([]),
  })
  .strict();

const eventSummary = z.object({
  id: z.string(),
  title: z.string(),
  organiser: z.string(),
  topic: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  online: z.boolean(),
  location: z.string().nullable(),
  createdBy: z.string().nullable(),
  sessions: z.number().int(),
  participants: z.number().int(),
  passed: z.number().int(),
});
const eventDetail = eventSummary.extend({
  sessionList: z.array(
    z.object({ id: z.string(), heldOn: z.string(), topic: z.string(), trainer: z.string() }),
  ),
  participantList: z.array(
    z.object({
      id: z.string(),
      registryId: z.string(),
      cooperative: z.string(),
      fullName: z.string(),
      position: z.enum(COOPERATIVE_POSITIONS),
      organMemberId: z.string().nullable(),
      result: z.enum(TRAINING_RESULTS).nullable(),
      score: z.number().int().nullable(),
      presentSessionIds: z.array(z.string()),
      attendanceRecorded: z.boolean(),
      sessions: z.number().int(),
      attended: z.number().int(),
      rateBps: z.number().int().nullable(),
    }),
  ),
});
const eventParams = orgParams.extend({ eventId: idString });
const participantParams = eventParams.extend({ participantId: idString });

const certificate = z.object({
  id: z.string(),
  registryId: z.string(),
  cooperative: z.string(),
  holderName: z.string(),
  position: z.enum(COOPERATIVE_POSITIONS),
  organMemberId: z.string().nullable(),
  scheme: z.string(),
  certificateNumber: z.string(),
  issuer: z.string(),
  issuedOn: z.string(),
  validUntil: z.string(),
  leftOn: z.string().nullable(),
  recordedBy: z.string().nullable(),
  status: z.enum(['valid', 'expiring', 'expired']),
  daysLeft: z.number().int(),
});

export async function trainingRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/trainings',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'The office’s training events, newest first, with their counts of sessions, participants and passes',
        params: orgParams,
        querystring: z.object({
          limit: listLimit,
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(eventSummary), total: z.number().int() }) },
      },
    },
    async (req) => tr.trainingList(deps, orgCtx(req), req.query),
  );

  r.post(
    '/orgs/:orgId/trainings',
    {
      config: { access: 'dinas.training' },
      schema: {
        tags,
        summary:
          'Create a training event (run by the office or a partner) with its sessions; each session within the event’s dates, a place unless online',
        params: orgParams,
        body: eventBody,
        response: { 201: eventDetail },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await tr.createTraining(deps, orgCtx(req), req.body)),
  );

  r.get(
    '/orgs/:orgId/trainings/:eventId',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'A training event with its sessions and participants (attendance per session, rate in basis points, result)',
        params: eventParams,
        response: { 200: eventDetail },
      },
    },
    async (req) => tr.trainingDetail(deps, orgCtx(req), BigInt(req.params.eventId)),
  );

  r.post(
    '/orgs/:orgId/trainings/:eventId/sessions',
    {
      config: { access: 'dinas.training' },
      schema: {
        tags,
        summary: 'Add sessions to a training event (within its dates)',
        params: eventParams,
        body: z.object({ sessions: z.array(session).min(1).max(SESSIONS_MAX) }).strict(),
        response: { 200: eventDetail },
      },
    },
    async (req) => tr.addSessions(deps, orgCtx(req), BigInt(req.params.eventId), req.body.sessions),
  );

  r.post(
    '/orgs/:orgId/trainings/:eventId/participants',
    {
      config: { access: 'dinas.training' },
      schema: {
        tags,
        summary:
          'Enrol a person of a cooperative of the office’s registry (name, position, optionally their organ term in the registry)',
        params: eventParams,
        body: z
          .object({
            registryId: idString,
            fullName: text(200),
            position: z.enum(COOPERATIVE_POSITIONS),
            organMemberId: idString.nullable().default(null),
          })
          .strict(),
        response: { 200: eventDetail },
      },
    },
    async (req) =>
      tr.addParticipant(deps, orgCtx(req), BigInt(req.params.eventId), {
        registryId: BigInt(req.body.registryId),
        fullName: req.body.fullName,
        position: req.body.position,
        organMemberId: req.body.organMemberId === null ? null : BigInt(req.body.organMemberId),
      }),
  );

  r.put(
    '/orgs/:orgId/trainings/:eventId/participants/:participantId/attendance',
    {
      config: { access: 'dinas.training' },
      schema: {
        tags,
        summary: 'Mark a participant present or absent at sessions of the event',
        params: participantParams,
        body: z
          .object({
            sessions: z
              .array(z.object({ sessionId: idString, present: z.boolean() }).strict())
              .min(1)
              .max(SESSIONS_MAX),
          })
          .strict(),
        response: { 200: eventDetail },
      },
    },
    async (req) =>
      tr.recordAttendance(
        deps,
        orgCtx(req),
        BigInt(req.params.eventId),
        BigInt(req.params.participantId),
        req.body.sessions.map((s) => ({ sessionId: BigInt(s.sessionId), present: s.present })),
      ),
  );

  r.put(
    '/orgs/:orgId/trainings/:eventId/participants/:participantId/result',
    {
      config: { access: 'dinas.training' },
      schema: {
        tags,
        summary:
          'Record a participant’s result (lulus, tidak_lulus, peserta; null clears it) and optional score 0–100',
        params: participantParams,
        body: z
          .object({
            result: z.enum(TRAINING_RESULTS).nullable(),
            score: z.number().int().min(0).max(100).nullable().default(null),
          })
          .strict(),
        response: { 200: eventDetail },
      },
    },
    async (req) =>
      tr.recordResult(
        deps,
        orgCtx(req),
        BigInt(req.params.eventId),
        BigInt(req.params.participantId),
        req.body,
      ),
  );

  r.get(
    '/orgs/:orgId/certificates',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'Competency certificates of the region’s cooperatives (or one: registryId), soonest to end first; status=alert lists those expired or expiring within withinDays (default 90) of holders still serving',
        params: orgParams,
        querystring: z.object({
          registryId: idString.optional(),
          status: z.enum(['all', 'alert', 'expired', 'expiring', 'valid']).default('all'),
          withinDays: z.coerce
            .number()
            .int()
            .min(0)
            .max(EXPIRY_WINDOW_DAYS_MAX)
            .default(EXPIRY_WINDOW_DAYS),
          limit: listLimit,
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: {
          200: z.object({
            today: z.string(),
            withinDays: z.number().int(),
            total: z.number().int(),
            items: z.array(certificate),
          }),
        },
      },
    },
    async (req) =>
      tr.certificateList(deps, orgCtx(req), {
        ...(req.query.registryId ? { registryId: BigInt(req.query.registryId) } : {}),
        status: req.query.status,
        withinDays: req.query.withinDays,
        limit: req.query.limit,
        offset: req.query.offset,
      }),
  );

  r.post(
    '/orgs/:orgId/certificates',
    {
      config: { access: 'dinas.training' },
      schema: {
        tags,
        summary:
          'Record a competency certificate (sertifikasi kompetensi from an LSP) of a manager or staff member of a registry cooperative',
        params: orgParams,
        body: z
          .object({
            registryId: idString,
            holderName: text(200),
            position: z.enum(COOPERATIVE_POSITIONS),
            organMemberId: idString.nullable().default(null),
            scheme: text(200),
            certificateNumber: text(100),
            issuer: text(200),
            issuedOn: isoDate,
            validUntil: isoDate,
            leftOn: isoDate.nullable().default(null),
          })
          .strict(),
        response: { 201: certificate },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await tr.addCertificate(deps, orgCtx(req), {
          ...req.body,
          registryId: BigInt(req.body.registryId),
          organMemberId: req.body.organMemberId === null ? null : BigInt(req.body.organMemberId),
        }),
      ),
  );

  r.put(
    '/orgs/:orgId/certificates/:certificateId/left-on',
    {
      config: { access: 'dinas.training' },
      schema: {
        tags,
        summary:
          'Record the day the holder stopped serving the cooperative (no later than today; null clears it): a manager who left no longer counts for the requirement',
        params: orgParams.extend({ certificateId: idString }),
        body: z.object({ leftOn: isoDate.nullable() }).strict(),
        response: { 200: certificate },
      },
    },
    async (req) =>
      tr.setCertificateLeftOn(deps, orgCtx(req), BigInt(req.params.certificateId), req.body.leftOn),
  );

  r.get(
    '/orgs/:orgId/certificates/requirement',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'Whether each active savings-and-loan cooperative (KSP, KSPPS) of the region meets the certification requirement today (at least one manager still serving with a valid certificate), unmet first',
        params: orgParams,
        querystring: z.object({
          registryId: idString.optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(200),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: {
          200: z.object({
            on: z.string(),
            rule: z.object({
              cooperativeTypes: z.array(z.string()),
              managerPositions: z.array(z.enum(COOPERATIVE_POSITIONS)),
              minimumCertifiedManagers: z.number().int(),
            }),
            cooperatives: z.number().int(),
            met: z.number().int(),
            notMet: z.number().int(),
            items: z.array(
              z.object({
                registryId: z.string(),
                name: z.string(),
                cooperativeType: z.string(),
                status: z.enum(['met', 'not_met', 'not_applicable']),
                certifiedManagers: z.number().int(),
                required: z.number().int(),
              }),
            ),
          }),
        },
      },
    },
    async (req) =>
      tr.requirementList(deps, orgCtx(req), {
        ...(req.query.registryId ? { registryId: BigInt(req.query.registryId) } : {}),
        limit: req.query.limit,
        offset: req.query.offset,
      }),
  );
}
