import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MEDIATION_KINDS,
  MEDIATION_STATUSES,
  PARTY_ROLES,
} from '../../domain/supervision/mediation.js';
import type { Deps } from '../../services/context.js';
import * as mediation from '../../services/supervision/mediation.js';
import { orgCtx } from '../auth.js';
import { itemsOf, rupiahOut } from './responses.js';
import { idString, isoDate, nullableText, orgParams, positiveRupiah } from './schemas.js';

/**
 * Mediation for a supervising office (issue 16 item 6; docs/domain/supervision-mediation.md):
 * cases of a cooperative failing to pay its members or of a dispute, visible only to the officers
 * assigned (row-level security; anyone else, of this office or another, gets 404).
 */

const tags = ['mediation'];
const caseParams = orgParams.extend({ caseId: idString });
const caseItem = z.object({
  id: z.string(),
  registryId: z.string(),
  cooperative: z.string(),
  kind: z.enum(MEDIATION_KINDS),
  title: z.string(),
  summary: z.string(),
  openedOn: z.string(),
  status: z.enum(MEDIATION_STATUSES),
  closedOn: z.string().nullable(),
  closingNote: z.string().nullable(),
  openedBy: z.string(),
  claimsRupiah: rupiahOut,
  parties: z.number().int(),
});
const caseDetail = caseItem.extend({
  today: z.string(),
  officers: z.array(z.object({ userId: z.string(), fullName: z.string(), assignedOn: z.string() })),
  partyList: z.array(
    z.object({
      id: z.string(),
      role: z.enum(PARTY_ROLES),
      name: z.string(),
      contact: z.string().nullable(),
      claim: z.string().nullable(),
      claimRupiah: rupiahOut.nullable(),
    }),
  ),
  meetings: z.array(
    z.object({
      id: z.string(),
      heldOn: z.string(),
      place: z.string().nullable(),
      attendees: z.string(),
      minutes: z.string(),
      recordedBy: z.string(),
    }),
  ),
  agreement: z
    .object({
      signedOn: z.string(),
      terms: z.string(),
      totalRupiah: rupiahOut,
      recordedBy: z.string(),
      paidRupiah: rupiahOut,
      owedRupiah: rupiahOut,
      overdueRupiah: rupiahOut,
      overdueCount: z.number().int(),
      fulfilled: z.boolean(),
      instalments: z.array(
        z.object({
          no: z.number().int(),
          dueOn: z.string(),
          amountRupiah: rupiahOut,
          paidOn: z.string().nullable(),
          paidRupiah: rupiahOut,
          state: z.enum(['paid', 'partial', 'overdue', 'due']),
        }),
      ),
    })
    .nullable(),
});
const text = (max: number) => z.string().trim().min(1).max(max);
/** Work inside a case: any officer assigned (row-level security decides which cases). */
function write<B extends z.ZodType>(summary: string, body: B) {
  return {
    config: { access: 'dinas.mediation' as const },
    schema: { tags, summary, params: caseParams, body, response: { 200: caseDetail } },
  };
}

export async function mediationRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/mediation/cases',
    {
      config: { access: 'dinas.mediation' },
      schema: {
        tags,
        summary: 'The mediation cases the signed-in officer opened or is assigned to',
        params: orgParams,
        querystring: z.object({ registryId: idString.optional() }),
        response: { 200: itemsOf(caseItem) },
      },
    },
    async (req) => ({
      items: await mediation.listCases(deps, orgCtx(req), {
        ...(req.query.registryId ? { registryId: BigInt(req.query.registryId) } : {}),
      }),
    }),
  );

  r.post(
    '/orgs/:orgId/mediation/cases',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary:
          'Open a case (gagal bayar or sengketa) of a cooperative of the region; the opener and the officers named are assigned',
        params: orgParams,
        body: z.object({
          registryId: idString,
          kind: z.enum(MEDIATION_KINDS),
          title: z.string().trim().min(3).max(200),
          summary: text(4000),
          openedOn: isoDate.optional(),
          officerUserIds: z.array(z.string().uuid()).max(10).optional(),
        }),
        response: { 201: caseDetail },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await mediation.openCase(deps, orgCtx(req), {
          ...req.body,
          registryId: BigInt(req.body.registryId),
        }),
      ),
  );

  r.get(
    '/orgs/:orgId/mediation/cases/:caseId',
    {
      config: { access: 'dinas.mediation' },
      schema: {
        tags,
        summary: 'One case with its officers, parties, meetings and agreement',
        params: caseParams,
        response: { 200: caseDetail },
      },
    },
    async (req) => mediation.caseDetail(deps, orgCtx(req), BigInt(req.params.caseId)),
  );

  r.post(
    '/orgs/:orgId/mediation/cases/:caseId/officers',
    write(
      'Assign more officers of the office',
      z.object({ userIds: z.array(z.string().uuid()).min(1).max(10) }),
    ),
    async (req) =>
      mediation.assignOfficers(deps, orgCtx(req), BigInt(req.params.caseId), req.body.userIds),
  );

  const party = z.object({
    role: z.enum(PARTY_ROLES),
    name: text(200),
    contact: nullableText(200),
    claim: nullableText(1000),
    claimRupiah: positiveRupiah.nullable().optional(),
  });
  r.post(
    '/orgs/:orgId/mediation/cases/:caseId/parties',
    write('Add a party with its claim', party),
    async (req) =>
      mediation.addParty(deps, orgCtx(req), BigInt(req.params.caseId), {
        ...req.body,
        claimRupiah: req.body.claimRupiah ? BigInt(req.body.claimRupiah) : null,
      }),
  );

  const meeting = z.object({
    heldOn: isoDate,
    place: nullableText(200),
    attendees: text(2000),
    minutes: text(8000),
  });
  r.post(
    '/orgs/:orgId/mediation/cases/:caseId/meetings',
    write('Record a meeting with its minutes', meeting),
    async (req) => mediation.addMeeting(deps, orgCtx(req), BigInt(req.params.caseId), req.body),
  );

  const agreement = z.object({
    signedOn: isoDate,
    terms: text(8000),
    totalRupiah: positiveRupiah,
    instalments: z.number().int().min(1).max(120),
    firstDueOn: isoDate,
  });
  r.post(
    '/orgs/:orgId/mediation/cases/:caseId/agreement',
    write(
      'Record the agreement and its monthly instalment plan (equal instalments, the remainder on the last)',
      agreement,
    ),
    async (req) =>
      mediation.recordAgreement(deps, orgCtx(req), BigInt(req.params.caseId), {
        ...req.body,
        totalRupiah: BigInt(req.body.totalRupiah),
      }),
  );

  const payment = z.object({
    no: z.number().int().min(1).max(120),
    paidOn: isoDate,
    amountRupiah: positiveRupiah,
  });
  r.post(
    '/orgs/:orgId/mediation/cases/:caseId/payments',
    write('Record a payment on an instalment (never more than what remains of it)', payment),
    async (req) =>
      mediation.recordPayment(deps, orgCtx(req), BigInt(req.params.caseId), {
        ...req.body,
        amountRupiah: BigInt(req.body.amountRupiah),
      }),
  );

  const closing = z.object({ status: z.enum(['resolved', 'failed']), note: text(2000) });
  r.post(
    '/orgs/:orgId/mediation/cases/:caseId/close',
    write('Close the case: resolved (an agreement must be fulfilled) or failed', closing),
    async (req) => mediation.closeCase(deps, orgCtx(req), BigInt(req.params.caseId), req.body),
  );
}
