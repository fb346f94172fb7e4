import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FUNDING_PROGRAMMES,
  ITEM_STATES,
  READINESS_ITEMS,
  REFERRAL_STATUSES,
} from '../../domain/supervision/funding-referral.js';
import type { Deps } from '../../services/context.js';
import { packagePdf, packageXlsx } from '../../services/supervision/funding-package.js';
import * as funding from '../../services/supervision/funding-referrals.js';
import { orgCtx } from '../auth.js';
import { fileResponse, PDF, XLSX } from './responses.js';
import { idString, isoDate, nullableText, orgParams, positiveRupiah } from './schemas.js';

/**
 * Funding referrals (issue 16 item 7; docs/domain/supervision-funding.md): readiness of the
 * region's cooperatives for a lender's programme (LPDB-KUMKM conventional or sharia, UMi),
 * referrals with their cover letter, the outcome as a status history, and the document package.
 */

const tags = ['funding'];
const referralParams = orgParams.extend({ referralId: idString });

const readinessSchema = z.object({
  programme: z.enum(FUNDING_PROGRAMMES),
  ready: z.boolean(),
  metRequired: z.number().int(),
  required: z.number().int(),
  items: z.array(
    z.object({
      item: z.enum(READINESS_ITEMS),
      required: z.boolean(),
      state: z.enum(ITEM_STATES),
      figure: z.string(),
    }),
  ),
});
const referralSchema = z.object({
  id: z.string(),
  registryId: z.string(),
  cooperativeName: z.string(),
  programme: z.enum(FUNDING_PROGRAMMES),
  amountRequestedRupiah: z.string(),
  amountApprovedRupiah: z.string().nullable(),
  amountDisbursedRupiah: z.string().nullable(),
  purpose: z.string(),
  referredOn: z.string(),
  letterNumber: z.string(),
  officerName: z.string(),
  auditConfirmed: z.boolean(),
  status: z.enum(REFERRAL_STATUSES),
  statusOn: z.string(),
  history: z.array(
    z.object({
      status: z.enum(REFERRAL_STATUSES),
      on: z.string(),
      amountRupiah: z.string().nullable(),
      reason: z.string().nullable(),
      note: z.string().nullable(),
      recordedBy: z.string().nullable(),
    }),
  ),
  readiness: readinessSchema,
  pdfHref: z.string(),
  xlsxHref: z.string(),
});

export async function fundingReferralRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/funding/programmes',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'The lenders’ programmes (LPDB-KUMKM conventional and sharia, UMi): the cooperative types each serves and the readiness items each requires, with sources',
        params: orgParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                code: z.enum(FUNDING_PROGRAMMES),
                name: z.string(),
                lender: z.string(),
                types: z.array(z.string()),
                requires: z.array(z.enum(READINESS_ITEMS)),
                source: z.string(),
                ourReading: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ items: funding.programmesView() }),
  );

  r.get(
    '/orgs/:orgId/funding/readiness',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'The region’s cooperatives ranked by readiness for a programme (most ready first), each with its checklist',
        params: orgParams,
        querystring: z.object({
          programme: z.enum(FUNDING_PROGRAMMES),
          readyOnly: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true'),
        }),
        response: {
          200: z.object({
            programme: z.enum(FUNDING_PROGRAMMES),
            asOf: z.string(),
            truncated: z.boolean(),
            items: z.array(
              z.object({
                registryId: z.string(),
                name: z.string(),
                cooperativeType: z.string(),
                status: z.string(),
                readiness: readinessSchema,
              }),
            ),
          }),
        },
      },
    },
    async (req) =>
      funding.readinessList(deps, orgCtx(req), {
        programme: req.query.programme,
        readyOnly: req.query.readyOnly,
      }),
  );

  r.get(
    '/orgs/:orgId/funding/cooperatives/:registryId',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'One cooperative’s readiness checklist for every programme, and its referrals',
        params: orgParams.extend({ registryId: idString }),
        response: {
          200: z.object({
            registryId: z.string(),
            name: z.string(),
            cooperativeType: z.string(),
            asOf: z.string(),
            programmes: z.array(readinessSchema),
            referrals: z.array(referralSchema),
          }),
        },
      },
    },
    async (req) => funding.cooperativeReadiness(deps, orgCtx(req), BigInt(req.params.registryId)),
  );

  r.get(
    '/orgs/:orgId/funding/referrals',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'The region’s referrals, newest first, with their status history',
        params: orgParams,
        querystring: z.object({
          registryId: idString.optional(),
          status: z.enum(REFERRAL_STATUSES).optional(),
        }),
        response: { 200: z.object({ items: z.array(referralSchema) }) },
      },
    },
    async (req) =>
      funding.listReferrals(deps, orgCtx(req), {
        ...(req.query.registryId ? { registryId: BigInt(req.query.registryId) } : {}),
        ...(req.query.status ? { status: req.query.status } : {}),
      }),
  );

  r.post(
    '/orgs/:orgId/funding/referrals',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary:
          'Refer a ready cooperative to a programme: every required item met on the day (the public accountant’s audit confirmed by the officer where asked); numbers the cover letter',
        params: orgParams,
        body: z.object({
          registryId: idString,
          programme: z.enum(FUNDING_PROGRAMMES),
          amountRequestedRupiah: positiveRupiah,
          purpose: z.string().trim().min(1).max(2000),
          referredOn: isoDate.optional(),
          auditConfirmed: z.boolean().default(false),
        }),
        response: { 201: referralSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await funding.createReferral(deps, orgCtx(req), {
          registryId: BigInt(req.body.registryId),
          programme: req.body.programme,
          amountRequestedRupiah: BigInt(req.body.amountRequestedRupiah),
          purpose: req.body.purpose,
          ...(req.body.referredOn ? { referredOn: req.body.referredOn } : {}),
          auditConfirmed: req.body.auditConfirmed,
        }),
      ),
  );

  r.get(
    '/orgs/:orgId/funding/referrals/:referralId',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'One referral with its status history',
        params: referralParams,
        response: { 200: referralSchema },
      },
    },
    async (req) => funding.getReferral(deps, orgCtx(req), BigInt(req.params.referralId)),
  );

  r.post(
    '/orgs/:orgId/funding/referrals/:referralId/status',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary:
          'Record the referral’s next status as the lender decided: under review, approved (amount approved), rejected (reason), disbursed (amount); only in order',
        params: referralParams,
        body: z.object({
          status: z.enum(REFERRAL_STATUSES),
          on: isoDate.optional(),
          amountRupiah: positiveRupiah.nullable().optional(),
          reason: nullableText(2000),
          note: nullableText(2000),
        }),
        response: { 200: referralSchema },
      },
    },
    async (req) =>
      funding.moveReferral(deps, orgCtx(req), BigInt(req.params.referralId), {
        status: req.body.status,
        ...(req.body.on ? { on: req.body.on } : {}),
        amountRupiah: req.body.amountRupiah ? BigInt(req.body.amountRupiah) : null,
        reason: req.body.reason ?? null,
        note: req.body.note ?? null,
      }),
  );

  r.get(
    '/orgs/:orgId/funding/referrals/:referralId/package.pdf',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'The referral’s document package: cover letter, readiness checklist, identity, latest report figures and assessment',
        params: referralParams,
        response: { 200: fileResponse('The package as PDF', [PDF]) },
      },
    },
    async (req, reply) => {
      const p = await packagePdf(deps, orgCtx(req), BigInt(req.params.referralId));
      return reply
        .type(PDF)
        .header(
          'content-disposition',
          `attachment; filename="rujukan-${p.letterNumber.replace(/[^A-Za-z0-9-]/g, '-')}.pdf"`,
        )
        .header('cache-control', 'private, no-store')
        .send(p.content);
    },
  );

  r.get(
    '/orgs/:orgId/funding/referrals/:referralId/package.xlsx',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'The referral’s document package as an Excel workbook, with the last quarterly reports’ figures',
        params: referralParams,
        response: { 200: fileResponse('The package as Excel', [XLSX]) },
      },
    },
    async (req, reply) => {
      const p = await packageXlsx(deps, orgCtx(req), BigInt(req.params.referralId));
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="rujukan-${p.letterNumber.replace(/[^A-Za-z0-9-]/g, '-')}.xlsx"`,
        )
        .header('cache-control', 'private, no-store')
        .send(p.content);
    },
  );
}
