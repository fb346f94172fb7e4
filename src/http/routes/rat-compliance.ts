import type { FastifyInstance } from 'fastify';
import { DOCUMENT_TYPES } from '../../domain/documents.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/context.js';
import {
  RAT_DOCUMENT_KINDS,
  RAT_REMINDER_STAGES,
  RAT_STATUSES,
} from '../../domain/supervision/rat-compliance.js';
import * as rat from '../../services/supervision/rat-compliance.js';
import { orgCtx } from '../auth.js';
import { fileResponse } from './responses.js';
import { idString, isoDate, orgParams } from './schemas.js';

/**
 * RAT compliance for a supervising office (issue 16 item 2; docs/domain/supervision-rat.md): the
 * region's cooperatives against the legal deadline of a book year, the compliance year over year,
 * reminders, and the documents each RAT produced. The RAT date itself is recorded on the registry
 * entry (`POST /orgs/:orgId/registry/:registryId/rats`).
 */

const tags = ['rat-compliance'];
const bookYear = z.coerce.number().int().min(1945).max(2200);
const registryParams = orgParams.extend({ registryId: idString });

const counts = {
  onTime: z.number().int(),
  late: z.number().int(),
  notHeld: z.number().int(),
  pending: z.number().int(),
};
const complianceItem = z.object({
  registryId: z.string(),
  name: z.string(),
  cooperativeType: z.string(),
  districtCode: z.string().nullable(),
  registryStatus: z.string(),
  onSokoguru: z.boolean(),
  status: z.enum(RAT_STATUSES),
  heldOn: z.string().nullable(),
  daysLate: z.number().int().nullable(),
  documents: z.array(z.string()),
  missingDocuments: z.array(z.enum(RAT_DOCUMENT_KINDS)),
  reminders: z.array(z.string()),
  officerName: z.string().nullable(),
});
const documentItem = z.object({
  id: z.string(),
  bookYear: z.number().int(),
  kind: z.enum(RAT_DOCUMENT_KINDS),
  fileName: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  receivedOn: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
  href: z.string(),
});
const ratRecord = z.object({
  documents: z.array(documentItem),
  reminders: z.array(
    z.object({
      bookYear: z.number().int(),
      stage: z.enum(RAT_REMINDER_STAGES),
      sentOn: z.string(),
      body: z.string(),
      recipient: z.string().nullable(),
      sentBy: z.string().nullable(),
    }),
  ),
});

export async function ratComplianceRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/rat-compliance',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'Every cooperative of the region owing a book year’s RAT (default: the year just ended): held on time, late, not held, or pending, with its documents and reminders',
        params: orgParams,
        querystring: z.object({
          bookYear: bookYear.optional(),
          status: z.enum(RAT_STATUSES).optional(),
        }),
        response: {
          200: z.object({
            bookYear: z.number().int(),
            deadline: z.string(),
            today: z.string(),
            counts: z.object(counts),
            truncated: z.boolean(),
            items: z.array(complianceItem),
          }),
        },
      },
    },
    async (req) =>
      rat.complianceList(deps, orgCtx(req), {
        ...(req.query.bookYear !== undefined ? { bookYear: req.query.bookYear } : {}),
        ...(req.query.status ? { status: req.query.status } : {}),
      }),
  );

  r.get(
    '/orgs/:orgId/rat-compliance/years',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'The region’s RAT compliance per book year, the latest years (the chart)',
        params: orgParams,
        querystring: z.object({
          years: z.coerce.number().int().min(1).max(20).default(rat.COMPLIANCE_YEARS_DEFAULT),
        }),
        response: {
          200: z.object({
            today: z.string(),
            years: z.array(
              z.object({
                bookYear: z.number().int(),
                deadline: z.string(),
                ...counts,
                onTimeShareBps: z.number().int().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => rat.complianceByYear(deps, orgCtx(req), req.query.years),
  );

  r.post(
    '/orgs/:orgId/rat-compliance/reminders',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary:
          'Send the RAT reminders due today (60 and 14 days before the deadline, once after it) to every cooperative that has not held it; each stage once',
        params: orgParams,
        body: z.object({ bookYear: z.number().int().min(1945).max(2200).optional() }),
        response: {
          200: z.object({
            bookYear: z.number().int(),
            stage: z.enum(RAT_REMINDER_STAGES).nullable(),
            reminded: z.number().int(),
            queued: z.number().int(),
            nextOn: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => rat.sendRatReminders(deps, orgCtx(req), req.body.bookYear),
  );

  r.get(
    '/orgs/:orgId/registry/:registryId/rat-documents',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'A cooperative’s RAT documents (without content) and the RAT reminders it was sent',
        params: registryParams,
        response: { 200: ratRecord },
      },
    },
    async (req) => rat.ratRecord(deps, orgCtx(req), BigInt(req.params.registryId)),
  );

  r.post(
    '/orgs/:orgId/registry/:registryId/rat-documents',
    {
      config: { access: 'registry.write' },
      bodyLimit: 6 * 1024 * 1024,
      schema: {
        tags,
        summary:
          'Receive a document of a book year’s RAT (minutes, attendance, accountability report, statements, other): the raw body, PDF, JPEG or PNG, at most 5 MB',
        params: registryParams,
        querystring: z.object({
          bookYear,
          kind: z.enum(RAT_DOCUMENT_KINDS),
          fileName: z.string().trim().min(1).max(200),
          receivedOn: isoDate.optional(),
        }),
        response: { 201: ratRecord },
      },
    },
    async (req, reply) => {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
      return reply.status(201).send(
        await rat.addRatDocument(deps, orgCtx(req), BigInt(req.params.registryId), {
          bookYear: req.query.bookYear,
          kind: req.query.kind,
          fileName: req.query.fileName,
          ...(req.query.receivedOn ? { receivedOn: req.query.receivedOn } : {}),
          contentType: type,
          content: Buffer.isBuffer(req.body) ? req.body : null,
        }),
      );
    },
  );

  r.get(
    '/orgs/:orgId/registry/:registryId/rat-documents/:documentId',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'One RAT document as it was received',
        params: registryParams.extend({ documentId: idString }),
        response: { 200: fileResponse('The document', DOCUMENT_TYPES) },
      },
    },
    async (req, reply) => {
      const d = await rat.ratDocument(
        deps,
        orgCtx(req),
        BigInt(req.params.registryId),
        BigInt(req.params.documentId),
      );
      return reply
        .type(d.contentType)
        .header('content-disposition', `attachment; filename="${d.fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(d.content);
    },
  );
}
