import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CERTIFICATE_KINDS, END_REASONS, REVIEW_SUBJECTS } from '../../domain/sharia/dps.js';
import type { Deps } from '../../services/context.js';
import * as dps from '../../services/sharia/dps.js';
import { changeProductNisbah } from '../../services/savings/products.js';
import { orgCtx } from '../auth.js';
import { itemsOf } from './responses.js';
import { idString, isoDate, orgParams, username } from './schemas.js';

const TAG = 'dps';
const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const bps = z.number().int().min(0).max(10_000);
const memberParams = orgParams.extend({ dpsMemberId: idString });
const declaration = z.object({ value: z.boolean(), on: isoDate }).strict().nullable();
const declarationsBody = z
  .object({ noConviction: declaration.default(null), noRelation: declaration.default(null) })
  .strict();

const memberSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  isCooperativeMember: z.boolean(),
  memberId: z.string().nullable(),
  linkedUser: z.boolean(),
  inOffice: z.boolean(),
  appointedByRa: z.object({ date: z.string(), reference: z.string() }).nullable(),
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  terms: z.array(
    z.object({
      termNo: z.number(),
      raDate: z.string(),
      raReference: z.string(),
      termStart: z.string(),
      termEnd: z.string().nullable(),
    }),
  ),
  declarations: z.object({
    noConviction: z.boolean().nullable(),
    noConvictionOn: z.string().nullable(),
    noRelation: z.boolean().nullable(),
    noRelationOn: z.string().nullable(),
  }),
  endedOn: z.string().nullable(),
  endReason: z.enum(END_REASONS).nullable(),
  endReference: z.string().nullable(),
  certificates: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(CERTIFICATE_KINDS),
      issuer: z.string(),
      number: z.string(),
      issuedOn: z.string(),
      validUntil: z.string().nullable(),
      valid: z.boolean(),
    }),
  ),
});
const compositionSchema = z.object({
  on: z.string(),
  compliant: z.boolean(),
  inOffice: z.number(),
  eligible: z.number(),
  certified: z.number(),
  reasons: z.array(
    z.object({
      code: z.enum([
        'DPS_NONE',
        'DPS_TOO_FEW',
        'DPS_NO_CERTIFIED',
        'DPS_DECLARATION_MISSING',
        'DPS_DECLARATION_NEGATIVE',
      ]),
      memberId: z.string().optional(),
      name: z.string().optional(),
    }),
  ),
});
const reviewSchema = z.object({
  id: z.string(),
  subject: z.enum(REVIEW_SUBJECTS),
  savingsProductId: z.string().nullable(),
  title: z.string(),
  details: z.unknown(),
  effect: z.enum(['waits', 'flagged']),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedByDpsMemberId: z.string().nullable(),
  opinion: z.string().nullable(),
  fatwaReference: z.string().nullable(),
});
const opinionSchema = z.object({
  bookYear: z.number(),
  opinionDate: z.string(),
  opinion: z.string(),
  signedBy: z.array(z.object({ dpsMemberId: z.string(), name: z.string() })),
  reportedToDsnOn: z.string().nullable(),
  dsnReportReference: z.string().nullable(),
});
const yearParams = orgParams.extend({ year: z.coerce.number().int().min(2000).max(2100) });

export async function dpsRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/dps',
    {
      config: { access: 'dps.read' },
      schema: {
        tags: [TAG],
        summary:
          'The Dewan Pengawas Syariah of a KSPPS: its members with terms, declarations and certificates, the Permenkop 11/2017 composition status on a date (today by default) with its reasons, reviews waiting',
        params: orgParams,
        querystring: z.object({ on: isoDate.optional() }),
        response: {
          200: z.object({
            composition: compositionSchema,
            members: z.array(memberSchema),
            pendingReviews: z.number(),
          }),
        },
      },
    },
    async (req) => dps.overview(deps, orgCtx(req), req.query.on),
  );

  r.post(
    '/orgs/:orgId/dps/members',
    {
      config: { access: 'dps.manage' },
      schema: {
        tags: [TAG],
        summary:
          'Record a DPS member as the rapat anggota appointed them (date, reference, term: an outsider at most 2 years), optionally linked to a member and to a login with the dps role',
        params: orgParams,
        body: z
          .object({
            fullName: text(2, 200),
            isCooperativeMember: z.boolean(),
            memberId: idString.nullable().default(null),
            username: username.nullable().default(null),
            raDate: isoDate,
            raReference: text(2, 200),
            termStart: isoDate,
            termEnd: isoDate.nullable().default(null),
            declarations: declarationsBody.default({ noConviction: null, noRelation: null }),
          })
          .strict(),
        response: { 201: memberSchema },
      },
    },
    async (req, reply) => {
      const b = req.body;
      reply.status(201);
      return dps.appointMember(deps, orgCtx(req), {
        ...b,
        memberId: b.memberId === null ? null : BigInt(b.memberId),
      });
    },
  );

  r.post(
    '/orgs/:orgId/dps/members/:dpsMemberId/terms',
    {
      config: { access: 'dps.manage' },
      schema: {
        tags: [TAG],
        summary: 'Renewal by a rapat anggota: a new term (an outsider at most 2 years)',
        params: memberParams,
        body: z
          .object({
            raDate: isoDate,
            raReference: text(2, 200),
            termStart: isoDate,
            termEnd: isoDate.nullable().default(null),
          })
          .strict(),
        response: { 201: memberSchema },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return dps.renewTerm(deps, orgCtx(req), BigInt(req.params.dpsMemberId), req.body);
    },
  );

  r.post(
    '/orgs/:orgId/dps/members/:dpsMemberId/end',
    {
      config: { access: 'dps.manage' },
      schema: {
        tags: [TAG],
        summary: 'End a membership: term not renewed, dismissal by the rapat anggota, resignation',
        params: memberParams,
        body: z
          .object({
            endedOn: isoDate,
            reason: z.enum(END_REASONS),
            reference: text(2, 200).nullable().default(null),
          })
          .strict(),
        response: { 200: memberSchema },
      },
    },
    async (req) => dps.endMember(deps, orgCtx(req), BigInt(req.params.dpsMemberId), req.body),
  );

  r.put(
    '/orgs/:orgId/dps/members/:dpsMemberId/declarations',
    {
      config: { access: 'dps.manage' },
      schema: {
        tags: [TAG],
        summary:
          'The declarations of Permenkop 11/2017, yes or no with their date: no financial-crime conviction in the 5 years before appointment; no first-degree blood or marriage relation with the pengurus',
        params: memberParams,
        body: declarationsBody,
        response: { 200: memberSchema },
      },
    },
    async (req) =>
      dps.recordDeclarations(deps, orgCtx(req), BigInt(req.params.dpsMemberId), req.body),
  );

  r.post(
    '/orgs/:orgId/dps/members/:dpsMemberId/certificates',
    {
      config: { access: 'dps.manage' },
      schema: {
        tags: [TAG],
        summary:
          'Add a DSN-MUI DPS training certificate or a licensed-LSP competency certificate (issuer, number, issued and valid-until dates)',
        params: memberParams,
        body: z
          .object({
            kind: z.enum(CERTIFICATE_KINDS),
            issuer: text(2, 200),
            number: text(2, 100),
            issuedOn: isoDate,
            validUntil: isoDate.nullable().default(null),
          })
          .strict()
          .refine((b) => b.validUntil === null || b.validUntil > b.issuedOn, {
            message: 'valid until after issued',
            path: ['validUntil'],
          }),
        response: { 201: memberSchema },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return dps.addCertificate(deps, orgCtx(req), BigInt(req.params.dpsMemberId), req.body);
    },
  );

  r.get(
    '/orgs/:orgId/dps/reviews',
    {
      config: { access: 'dps.read' },
      schema: {
        tags: [TAG],
        summary: 'Reviews routed to the DPS, newest first',
        params: orgParams,
        querystring: z.object({
          status: z.enum(['pending', 'approved', 'rejected']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: itemsOf(reviewSchema) },
      },
    },
    async (req) => ({
      items: await dps.listReviews(deps, orgCtx(req), req.query.status, req.query.limit),
    }),
  );

  r.post(
    '/orgs/:orgId/dps/reviews',
    {
      config: { access: 'dps.manage' },
      schema: {
        tags: [TAG],
        summary:
          "Submit to the DPS a financing product, an akad template, a denda (ta'zir) or a ta'widh clause (savings products and nisbah changes are routed automatically)",
        params: orgParams,
        body: z
          .object({
            subject: z.enum([
              'financing_product',
              'akad_template',
              'denda_clause',
              'tawidh_clause',
            ]),
            title: text(3, 200),
            text: text(10, 10_000),
          })
          .strict(),
        response: { 201: reviewSchema },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return dps.submitReview(deps, orgCtx(req), req.body);
    },
  );

  r.post(
    '/orgs/:orgId/dps/reviews/:reviewId/decide',
    {
      config: { access: 'dps.review' },
      schema: {
        tags: [TAG],
        summary:
          'A DPS member in office decides a review with its opinion (and the fatwa it rests on): approving a product that waited activates it, a nisbah change that waited applies',
        params: orgParams.extend({ reviewId: idString }),
        body: z
          .object({
            decision: z.enum(['approved', 'rejected']),
            opinion: text(10, 4000),
            fatwaReference: text(2, 200).nullable().default(null),
          })
          .strict(),
        response: { 200: reviewSchema },
      },
    },
    async (req) => dps.decideReview(deps, orgCtx(req), BigInt(req.params.reviewId), req.body),
  );

  r.get(
    '/orgs/:orgId/dps/opinions',
    {
      config: { access: 'dps.read' },
      schema: {
        tags: [TAG],
        summary: "The DPS's yearly opinions, newest book year first",
        params: orgParams,
        response: { 200: itemsOf(opinionSchema) },
      },
    },
    async (req) => ({ items: await dps.listOpinions(deps, orgCtx(req)) }),
  );

  r.get(
    '/orgs/:orgId/dps/opinions/:year',
    {
      config: { access: 'dps.read' },
      schema: {
        tags: [TAG],
        summary:
          "The DPS's opinion on a book year (text, date, signatories, report to DSN-MUI) — what the RAT package attaches",
        params: yearParams,
        response: { 200: opinionSchema },
      },
    },
    async (req) => dps.opinionForYear(deps, orgCtx(req), req.params.year),
  );

  r.put(
    '/orgs/:orgId/dps/opinions/:year',
    {
      config: { access: 'dps.review' },
      schema: {
        tags: [TAG],
        summary:
          "Record the DPS's yearly opinion (a DPS member in office), signed by members in office on its date, with the date it was reported to DSN-MUI",
        params: yearParams,
        body: z
          .object({
            opinionDate: isoDate,
            opinion: text(20, 20_000),
            signedBy: z.array(idString).min(1).max(10),
            reportedToDsnOn: isoDate.nullable().default(null),
            dsnReportReference: text(2, 200).nullable().default(null),
          })
          .strict()
          .refine((b) => b.reportedToDsnOn === null || b.reportedToDsnOn >= b.opinionDate, {
            message: 'reported after the opinion',
            path: ['reportedToDsnOn'],
          })
          .refine((b) => b.dsnReportReference === null || b.reportedToDsnOn !== null, {
            message: 'a reference needs the date it was sent',
            path: ['reportedToDsnOn'],
          }),
        response: { 200: opinionSchema },
      },
    },
    async (req) =>
      dps.recordOpinion(deps, orgCtx(req), req.params.year, {
        ...req.body,
        signedBy: req.body.signedBy.map((s) => BigInt(s)),
      }),
  );

  r.get(
    '/orgs/:orgId/dps/checklist/:year',
    {
      config: { access: 'dps.read' },
      schema: {
        tags: [TAG],
        summary:
          'Items 1–3 of the sharia-compliance checklist for a book year: DPS composition on 31 December, the report to DSN-MUI, DPS approval of every savings product with its fatwa basis',
        params: yearParams,
        response: {
          200: z.object({
            year: z.number(),
            items: z.array(
              z.object({
                item: z.union([z.literal(1), z.literal(2), z.literal(3)]),
                met: z.boolean(),
                evidence: z.array(z.string()),
              }),
            ),
          }),
        },
      },
    },
    async (req) => dps.checklist(deps, orgCtx(req), req.params.year),
  );

  r.put(
    '/orgs/:orgId/savings-products/:productId/nisbah',
    {
      config: { access: 'savings.products' },
      schema: {
        tags: ['savings'],
        summary:
          "Change a KSPPS mudharabah product's nisbah table (one nisbah, or one per tenor): routed to the DPS — with a DPS in office it waits for its approval, otherwise it applies and stays flagged. Existing accounts keep their own akad",
        params: orgParams.extend({ productId: idString }),
        body: z.union([
          z.object({ nisbahAnggotaBps: bps }).strict(),
          z
            .object({
              tenors: z
                .array(z.object({ tenorMonths: z.number().int(), nisbahAnggotaBps: bps }).strict())
                .min(1)
                .max(5),
            })
            .strict(),
        ]),
        response: {
          200: z.object({
            product: z.object({
              id: z.string(),
              code: z.string(),
              name: z.string(),
              kind: z.enum(['pokok', 'wajib', 'sukarela', 'berjangka']),
              active: z.boolean(),
              akad: z.string().nullable(),
              settings: z.unknown(),
            }),
            dpsReview: reviewSchema,
          }),
        },
      },
    },
    async (req) => changeProductNisbah(deps, orgCtx(req), BigInt(req.params.productId), req.body),
  );
}
