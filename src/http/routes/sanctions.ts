import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SANCTION_STEPS } from '../../domain/supervision/sanctions.js';
import type { Deps } from '../../services/context.js';
import * as sanctions from '../../services/supervision/sanctions.js';
import { letterPdf } from '../../services/supervision/sanctions-pdf.js';
import { orgCtx } from '../auth.js';
import { findingItem } from './inspections.js';
import { fileResponse, PDF } from './responses.js';
import { idString, isoDate, orgParams } from './schemas.js';

/**
 * The sanctions ladder (docs/domain/supervision-inspections.md): the ladder with its legal basis,
 * a cooperative's letters and next allowed step (registry.read); issuing the next letter, recording
 * its delivery and revoking one issued in error (dinas.supervise); the letter as PDF; the office's
 * letter-number format (read: registry.read, set: dinas.manage).
 */

const tags = ['sanctions'];
const step = z.enum(SANCTION_STEPS);
const letterParams = orgParams.extend({ letterId: idString });
const deliveryMethod = z.enum(['hand', 'post', 'courier', 'email']);

const ladderItem = z.object({
  step,
  order: z.number().int(),
  title: z.string(),
  titleEn: z.string(),
  defaultCorrectionDays: z.number().int(),
  legalBasis: z.array(z.object({ citation: z.string(), note: z.string(), confirmed: z.boolean() })),
});
const letterItem = z.object({
  id: z.string(),
  registryId: z.string(),
  step,
  title: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  deadlineOn: z.string(),
  findingsText: z.string(),
  correction: z.string(),
  legalBasis: z.string(),
  officerName: z.string(),
  officeName: z.string(),
  cooperativeName: z.string(),
  previousLetterId: z.string().nullable(),
  findingIds: z.array(z.string()),
  delivery: z
    .object({ deliveredOn: z.string(), method: deliveryMethod, receivedBy: z.string() })
    .nullable(),
  revocation: z.object({ revokedOn: z.string(), reason: z.string() }).nullable(),
});
const settings = z.object({
  numberFormat: z.string(),
  example: z.string(),
  default: z.string(),
  setBy: z.string().nullable(),
  setAt: z.string().nullable(),
});

export async function sanctionRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/sanctions/ladder',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'The sanctions ladder, lowest first, each step with its legal basis',
        params: orgParams,
        response: { 200: z.object({ items: z.array(ladderItem) }) },
      },
    },
    () => ({ items: sanctions.ladderView() }),
  );

  r.get(
    '/orgs/:orgId/sanctions/cooperatives/:registryId',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'A cooperative on the ladder: its letters, its findings, the next step and whether (or from when) it may be issued',
        params: orgParams.extend({ registryId: idString }),
        response: {
          200: z.object({
            registryId: z.string(),
            registryName: z.string(),
            today: z.string(),
            ladder: z.array(ladderItem),
            letters: z.array(letterItem),
            findings: z.array(findingItem),
            next: z.object({
              allowed: step.nullable(),
              step: step.nullable(),
              blocked: z.enum(['DEADLINE_NOT_PASSED', 'NOT_DELIVERED', 'LADDER_END']).nullable(),
              allowedFrom: z.string().nullable(),
              currentLetterId: z.string().nullable(),
              defaultDeadline: z.string().nullable(),
              findingIds: z.array(z.string()),
            }),
          }),
        },
      },
    },
    async (req) => sanctions.cooperativeSanctions(deps, orgCtx(req), BigInt(req.params.registryId)),
  );

  r.post(
    '/orgs/:orgId/sanctions/letters',
    {
      config: { access: 'dinas.supervise' },
      schema: {
        tags,
        summary:
          'Issue the letter of the next ladder step (only in order, after the previous deadline, findings unresolved); numbered per office and year',
        params: orgParams,
        body: z.object({
          registryId: idString,
          step,
          findingIds: z.array(idString).min(1).max(50),
          correction: z.string().trim().min(1).max(4000),
          deadlineOn: isoDate.nullable().optional(),
        }),
        response: { 201: letterItem },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await sanctions.issueLetter(deps, orgCtx(req), {
          registryId: BigInt(req.body.registryId),
          step: req.body.step,
          findingIds: req.body.findingIds.map((x) => BigInt(x)),
          correction: req.body.correction,
          deadlineOn: req.body.deadlineOn ?? null,
        }),
      ),
  );

  r.get(
    '/orgs/:orgId/sanctions/letters/:letterId',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'One letter as issued',
        params: letterParams,
        response: { 200: letterItem },
      },
    },
    async (req) => sanctions.getLetter(deps, orgCtx(req), BigInt(req.params.letterId)),
  );

  r.get(
    '/orgs/:orgId/sanctions/letters/:letterId/letter.pdf',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'The letter (PDF), from the stored letter: the same every time',
        params: letterParams,
        response: { 200: fileResponse('The letter', [PDF]) },
      },
    },
    async (req, reply) =>
      reply
        .type(PDF)
        .header(
          'content-disposition',
          `attachment; filename="surat-sanksi-${req.params.letterId}.pdf"`,
        )
        .header('cache-control', 'private, no-store')
        .send(await letterPdf(deps, orgCtx(req), BigInt(req.params.letterId))),
  );

  r.post(
    '/orgs/:orgId/sanctions/letters/:letterId/delivery',
    {
      config: { access: 'dinas.supervise' },
      schema: {
        tags,
        summary: 'Record how and when the letter reached the cooperative (once)',
        params: letterParams,
        body: z.object({
          deliveredOn: isoDate,
          method: deliveryMethod,
          receivedBy: z.string().trim().min(1).max(200),
        }),
        response: { 200: letterItem },
      },
    },
    async (req) =>
      sanctions.recordDelivery(deps, orgCtx(req), BigInt(req.params.letterId), req.body),
  );

  r.post(
    '/orgs/:orgId/sanctions/letters/:letterId/revoke',
    {
      config: { access: 'dinas.supervise' },
      schema: {
        tags,
        summary:
          'Revoke the latest letter (issued in error): it stays on record and no longer counts on the ladder',
        params: letterParams,
        body: z.object({ reason: z.string().trim().min(1).max(2000) }),
        response: { 200: letterItem },
      },
    },
    async (req) => sanctions.revokeLetter(deps, orgCtx(req), BigInt(req.params.letterId), req.body),
  );

  r.get(
    '/orgs/:orgId/sanctions/settings',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'The office’s letter-number format ({seq} and {year} placeholders)',
        params: orgParams,
        response: { 200: settings },
      },
    },
    async (req) => sanctions.letterSettings(deps, orgCtx(req)),
  );

  r.put(
    '/orgs/:orgId/sanctions/settings',
    {
      config: { access: 'dinas.manage' },
      schema: {
        tags,
        summary: 'Set the office’s letter-number format, e.g. 500.12/{seq}/DINKOP/{year}',
        params: orgParams,
        body: z.object({ numberFormat: z.string().trim().min(5).max(100) }),
        response: { 200: settings },
      },
    },
    async (req) => sanctions.setLetterSettings(deps, orgCtx(req), req.body),
  );
}
