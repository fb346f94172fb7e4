import { DOCUMENT_TYPES } from '../../domain/documents.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import type { Deps } from '../../services/context.js';
import * as members from '../../services/members.js';
import { memberCardPdf } from '../../services/receipts.js';
import { orgCtx } from '../auth.js';
import { idString, isoDate, listLimit, nullableText, orgParams } from './schemas.js';
import {
  documentStoredSchema,
  memberPageSchema,
  memberStatusSchema,
  memberSummarySchema,
  portalLoginSchema,
  registeredSchema,
} from './member-responses.js';
import {
  approvalRequested,
  fileResponse,
  orgCreateOptions,
  orgGetOptions,
  PDF,
} from './responses.js';

const nik = z
  .string()
  .trim()
  .regex(/^[0-9]{16}$/);
const phone = z.string().trim().min(6).max(20);
const heir = z
  .object({
    fullName: z.string().trim().min(2).max(200),
    relationship: z.string().trim().min(2).max(50),
    nik: nik.nullable().optional(),
    phone: phone.nullable().optional(),
  })
  .strict();

export const memberBody = z
  .object({
    nik,
    fullName: z.string().trim().min(2).max(200),
    birthPlace: nullableText(100),
    birthDate: isoDate,
    gender: z.enum(['L', 'P']),
    address: nullableText(500),
    provinceCode: z
      .string()
      .regex(/^[0-9.]{2,13}$/)
      .nullable()
      .optional(),
    regencyCode: z
      .string()
      .regex(/^[0-9.]{2,13}$/)
      .nullable()
      .optional(),
    districtCode: z
      .string()
      .regex(/^[0-9.]{2,13}$/)
      .nullable()
      .optional(),
    villageCode: z
      .string()
      .regex(/^[0-9.]{2,13}$/)
      .nullable()
      .optional(),
    phone: phone.nullable().optional(),
    occupation: nullableText(100),
    branchId: idString.nullable().optional(),
    heirs: z.array(heir).max(20).optional(),
  })
  .strict();

const memberParams = orgParams.extend({ memberId: idString });

export async function memberRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/members',
    {
      config: { access: 'members.read' },
      schema: {
        tags: ['members'],
        summary: 'Member registry with wajib arrears (search by name, number or NIK)',
        params: orgParams,
        querystring: z.object({
          q: z.string().trim().max(100).optional(),
          status: z
            .enum(['applicant', 'rejected', 'active', 'suspended', 'leaving', 'left', 'deceased'])
            .optional(),
          limit: listLimit,
          offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
        }),
        response: { 200: memberPageSchema },
      },
    },
    async (req) =>
      members.listMembers(deps, orgCtx(req), {
        ...(req.query.q ? { search: req.query.q } : {}),
        ...(req.query.status ? { status: req.query.status } : {}),
        limit: req.query.limit,
        offset: req.query.offset,
      }),
  );

  r.post(
    '/orgs/:orgId/members',
    orgCreateOptions(
      'members.register',
      'members',
      'Register an applicant; approval by another person gives the member number',
      orgParams,
      memberBody,
      registeredSchema,
    ),
    async (req, reply) =>
      reply.status(201).send(
        await members.registerMember(deps, orgCtx(req), {
          ...req.body,
          branchId: req.body.branchId ? BigInt(req.body.branchId) : null,
        }),
      ),
  );

  r.get(
    '/orgs/:orgId/members/:memberId',
    orgGetOptions(
      'members.read',
      'members',
      'Member summary: identity, heirs, balances, wajib arrears, loans',
      memberParams,
      memberSummarySchema,
    ),
    async (req) => members.getMember(deps, orgCtx(req), BigInt(req.params.memberId)),
  );

  r.patch(
    '/orgs/:orgId/members/:memberId',
    {
      config: { access: 'members.register' },
      schema: {
        tags: ['members'],
        summary: 'Update contact data and heirs',
        params: memberParams,
        body: z
          .object({
            address: nullableText(500),
            phone: phone.nullable().optional(),
            occupation: nullableText(100),
            heirs: z.array(heir).max(20).optional(),
          })
          .strict(),
        response: { 200: memberSummarySchema },
      },
    },
    async (req) =>
      members.updateMemberContact(deps, orgCtx(req), BigInt(req.params.memberId), req.body),
  );

  r.post(
    '/orgs/:orgId/members/:memberId/status',
    {
      config: { access: 'members.register' },
      schema: {
        tags: ['members'],
        summary: 'Suspend or reactivate a member',
        params: memberParams,
        body: z
          .object({
            status: z.enum(['suspended', 'active']),
            reason: z.string().trim().min(3).max(500),
          })
          .strict(),
        response: { 200: memberStatusSchema },
      },
    },
    async (req) =>
      members.setMemberSuspended(
        deps,
        orgCtx(req),
        BigInt(req.params.memberId),
        req.body.status === 'suspended',
        req.body.reason,
      ),
  );

  r.post(
    '/orgs/:orgId/members/:memberId/exit-requests',
    {
      config: { access: 'members.register' },
      schema: {
        tags: ['members'],
        summary:
          'Ask for a member to leave (keluar anggota); needs approval, then settlement at the counter',
        params: memberParams,
        body: z
          .object({
            reason: z.enum(['voluntary', 'deceased', 'expelled']),
            note: z.string().trim().min(3).max(500),
          })
          .strict(),
        response: { 202: approvalRequested },
      },
    },
    async (req, reply) =>
      reply
        .status(202)
        .send(
          await members.requestExit(
            deps,
            orgCtx(req),
            BigInt(req.params.memberId),
            req.body.reason,
            req.body.note,
          ),
        ),
  );

  r.post(
    '/orgs/:orgId/members/:memberId/portal-login',
    {
      config: { access: 'users.manage' },
      schema: {
        tags: ['members'],
        summary: "Create the member's own portal login (role anggota)",
        params: memberParams,
        body: z
          .object({
            username: z
              .string()
              .trim()
              .toLowerCase()
              .regex(/^[a-z0-9._-]{3,40}$/),
            password: z.string().min(1).max(200),
          })
          .strict(),
        response: { 201: portalLoginSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await members.createPortalLogin(deps, orgCtx(req), BigInt(req.params.memberId), req.body),
        ),
  );

  r.put(
    '/orgs/:orgId/members/:memberId/documents/:kind',
    {
      config: { access: 'members.register' },
      bodyLimit: 3 * 1024 * 1024,
      schema: {
        tags: ['members'],
        summary:
          'Upload the KTP scan or photo (JPEG, PNG or PDF, at most 2 MB) as the raw request body',
        params: memberParams.extend({ kind: z.enum(['ktp', 'photo']) }),
        response: { 200: documentStoredSchema },
      },
    },
    async (req) => {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
      const body = Buffer.isBuffer(req.body) ? req.body : null;
      return members.putDocument(
        deps,
        orgCtx(req),
        BigInt(req.params.memberId),
        req.params.kind,
        type,
        body,
      );
    },
  );

  r.get(
    '/orgs/:orgId/members/:memberId/documents/:kind',
    {
      config: { access: 'members.read' },
      schema: {
        tags: ['members'],
        summary: 'Download the KTP scan or photo',
        params: memberParams.extend({ kind: z.enum(['ktp', 'photo']) }),
        response: { 200: fileResponse('The document as uploaded', DOCUMENT_TYPES) },
      },
    },
    async (req, reply) => {
      const doc = await members.getDocument(
        deps,
        orgCtx(req),
        BigInt(req.params.memberId),
        req.params.kind,
      );
      return reply
        .type(doc.contentType)
        .header('cache-control', 'private, no-store')
        .send(doc.content);
    },
  );

  r.get(
    '/orgs/:orgId/members/:memberId/card.pdf',
    {
      config: { access: 'members.read' },
      schema: {
        tags: ['members'],
        summary: 'Member card (kartu anggota) PDF with a QR code of the member number',
        params: memberParams,
        response: { 200: fileResponse('The card', [PDF]) },
      },
    },
    async (req, reply) => {
      const m = await members.getMember(deps, orgCtx(req), BigInt(req.params.memberId));
      if (!m.memberNumber) throw new AppError('MEMBER_NOT_ACTIVE');
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="kartu-${m.memberNumber}.pdf"`)
        .send(await memberCardPdf(deps, orgCtx(req), m));
    },
  );

  // The member's own view (portal) -----------------------------------------------------------
  r.get(
    '/orgs/:orgId/me/member',
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['portal'],
        summary: 'The signed-in member: balances, wajib arrears, loans',
        params: orgParams,
        response: { 200: memberSummarySchema },
      },
    },
    async (req) => members.myMember(deps, orgCtx(req)),
  );
}

/** Raw bodies for uploads (documents): handed to the route as a Buffer. The member import takes
 * its spreadsheet as a stream in its own scope instead (imports.ts). */
export function registerBinaryBodies(api: FastifyInstance): void {
  api.addContentTypeParser(
    [
      ...DOCUMENT_TYPES,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/octet-stream',
    ],
    { parseAs: 'buffer', bodyLimit: 32 * 1024 * 1024 },
    (_req, body, done) => done(null, body),
  );
}
