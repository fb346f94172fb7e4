import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { renderPdf } from '../../reports/pdf.js';
import type { Deps } from '../../services/context.js';
import * as shu from '../../services/shu.js';
import { orgCtx } from '../auth.js';
import { answerOnce } from '../idempotency.js';
import { fileResponse, PDF, rupiahOut } from './responses.js';
import { idString, isoDate, orgParams } from './schemas.js';

/**
 * SHU from the books (services/shu.ts; docs/domain/shu-books.md): the AD/ART settings as
 * versions, simulations, the final run after the RAT (maker-checker), the distribution entry, the
 * payouts into savings or in cash, who has not collected, and slips (the member's own in the
 * portal).
 */
const TAG = 'shu';
const post = z.enum([
  'cadangan',
  'jasaModal',
  'jasaUsaha',
  'danaPengurus',
  'danaKaryawan',
  'danaPendidikan',
  'danaSosial',
  'danaPembangunanDaerahKerja',
]);
const percentByPost = z.record(post, z.string());
const rupiahByPost = z.record(post, rupiahOut);
const settingsSchema = z.object({
  version: z.number().int(),
  validFromYear: z.number().int(),
  allocationPercent: percentByPost,
  nonMemberAllocationPercent: percentByPost.nullable(),
  capitalKinds: z.array(z.enum(['pokok', 'wajib', 'sukarela'])),
  jasaModalBasis: z.enum(['year-end', 'average']),
  businessLines: z.record(z.string(), z.number().int()),
  deductWajibArrears: z.boolean(),
  deductOverdueInstalments: z.boolean(),
  taxRules: z.array(z.object({ from: z.string(), ratePercent: z.string(), source: z.string() })),
  taxRulesAreDefault: z.boolean(),
  source: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
const runSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  kind: z.enum(['simulation', 'final']),
  settingsVersion: z.number().int(),
  shuSource: z.enum(['year-end-close', 'income-expense']),
  shuRupiah: rupiahOut,
  shuAnggotaRupiah: rupiahOut,
  shuNonAnggotaRupiah: rupiahOut,
  incomeMemberRupiah: rupiahOut,
  incomeNonMemberRupiah: rupiahOut,
  payoutDate: z.string(),
  jasaModalBasis: z.enum(['year-end', 'average']),
  pools: z.object({
    allocation: rupiahByPost,
    allocationAnggota: rupiahByPost,
    allocationNonAnggota: rupiahByPost,
    jasaModal: z.object({
      poolRupiah: rupiahOut,
      capitalTotal: rupiahOut,
      leftoverRupiah: rupiahOut,
    }),
  }),
  lines: z.array(
    z.object({
      line: z.string(),
      weight: z.string(),
      poolRupiah: rupiahOut,
      participationTotal: rupiahOut,
      leftoverRupiah: rupiahOut,
    }),
  ),
  unsharedToCadanganRupiah: rupiahOut,
  capitalTotal: rupiahOut,
  taxRule: z.object({ from: z.string(), ratePercent: z.string(), source: z.string() }).nullable(),
  members: z.number().int(),
  totals: z.object({
    jasaModalRupiah: rupiahOut,
    jasaUsahaRupiah: rupiahOut,
    totalRupiah: rupiahOut,
    taxRupiah: rupiahOut,
    deductionsRupiah: rupiahOut,
    netRupiah: rupiahOut,
  }),
  ratReference: z.string().nullable(),
  ratDate: z.string().nullable(),
  approvalId: z.string().nullable(),
  distributionEntryId: z.string().nullable(),
  distributedOn: z.string().nullable(),
  createdAt: z.string(),
});
const shareSchema = z.object({
  memberId: z.string(),
  memberNumber: z.string().nullable(),
  fullName: z.string(),
  monthEndModalRupiah: z.array(rupiahOut),
  capitalWeight: rupiahOut,
  jasaModalRupiah: rupiahOut,
  jasaUsahaLines: z.record(z.string(), z.object({ participation: rupiahOut, amount: rupiahOut })),
  jasaUsahaRupiah: rupiahOut,
  totalRupiah: rupiahOut,
  taxRupiah: rupiahOut,
  arrearsWajibRupiah: rupiahOut,
  arrearsInstalmentsRupiah: rupiahOut,
  deductionWajibRupiah: rupiahOut,
  deductionInstalmentsRupiah: rupiahOut,
  netRupiah: rupiahOut,
  paidOn: z.string().nullable(),
  paidChannel: z.enum(['sukarela', 'cash']).nullable(),
  paidEntryId: z.string().nullable(),
});
const slipSchema = z.object({ organization: z.string(), run: runSchema, share: shareSchema });
const runParams = orgParams.extend({ runId: idString });
const memberParams = runParams.extend({ memberId: idString });
const year = z.coerce.number().int().min(shu.YEAR_MIN).max(shu.YEAR_MAX);
function sendSlipPdf(reply: FastifyReply, slip: shu.Slip, now: Date, name: string) {
  return renderPdf(shu.slipDocument(slip, now)).then((pdf) =>
    reply.type(PDF).header('content-disposition', `inline; filename="${name}.pdf"`).send(pdf),
  );
}

export async function shuRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/shu/settings',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: [TAG],
        summary: 'The SHU settings versions (AD/ART allocation, capital, lines, tax), newest first',
        params: orgParams,
        response: { 200: z.object({ items: z.array(settingsSchema) }) },
      },
    },
    async (req) => ({ items: await shu.listSettings(deps, orgCtx(req)) }),
  );

  r.post(
    '/orgs/:orgId/shu/settings',
    {
      config: { access: 'shu.manage' },
      schema: {
        tags: [TAG],
        summary:
          'A new settings version valid from a year: percentages per post must total 100 % (refused with the sum otherwise)',
        params: orgParams,
        body: shu.settingsInput,
        response: { 201: settingsSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await shu.saveSettings(deps, orgCtx(req), req.body)),
  );

  r.get(
    '/orgs/:orgId/shu/settings/:version',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: [TAG],
        summary: 'One settings version',
        params: orgParams.extend({ version: z.coerce.number().int().min(1).max(1_000_000) }),
        response: { 200: settingsSchema },
      },
    },
    async (req) => shu.getSettings(deps, orgCtx(req), req.params.version),
  );

  r.post(
    '/orgs/:orgId/shu/simulations',
    {
      config: { access: 'shu.manage' },
      schema: {
        tags: [TAG],
        summary:
          "Simulate a year's SHU from the books (before the close: income less expense), stored as a run of kind simulation",
        params: orgParams,
        body: z.object({ year: z.number().int(), payoutDate: isoDate.optional() }).strict(),
        response: { 201: runSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await shu.simulate(deps, orgCtx(req), req.body)),
  );

  r.get(
    '/orgs/:orgId/shu/runs',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: [TAG],
        summary: 'SHU runs (simulations and final), newest first',
        params: orgParams,
        querystring: z.object({ year: year.optional() }),
        response: { 200: z.object({ items: z.array(runSchema) }) },
      },
    },
    async (req) => ({ items: await shu.listRuns(deps, orgCtx(req), req.query.year ?? null) }),
  );

  r.get(
    '/orgs/:orgId/shu/runs/:runId',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: [TAG],
        summary: 'A run: the SHU, its split, the pools per post and line, the totals',
        params: runParams,
        response: { 200: runSchema },
      },
    },
    async (req) => shu.getRun(deps, orgCtx(req), BigInt(req.params.runId)),
  );

  const page = z.object({
    q: z.string().max(100).optional(),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  });
  const sharePage = z.object({ items: z.array(shareSchema), total: z.number().int() });
  r.get(
    '/orgs/:orgId/shu/runs/:runId/members',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: [TAG],
        summary: "A run's member shares by member number, searchable by name or number, paged",
        params: runParams,
        querystring: page,
        response: { 200: sharePage },
      },
    },
    async (req) => shu.runShares(deps, orgCtx(req), BigInt(req.params.runId), req.query),
  );

  r.get(
    '/orgs/:orgId/shu/runs/:runId/uncollected',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: [TAG],
        summary: 'Members whose share (above zero) has not been paid or collected yet',
        params: runParams,
        querystring: page,
        response: { 200: sharePage },
      },
    },
    async (req) =>
      shu.runShares(deps, orgCtx(req), BigInt(req.params.runId), {
        ...req.query,
        uncollected: true,
      }),
  );

  r.post(
    '/orgs/:orgId/shu/finalize',
    {
      config: { access: 'shu.manage' },
      schema: {
        tags: [TAG],
        summary:
          "Ask for the year's final SHU run as the RAT decided (after the year-end close); another user approves (approvals.decide)",
        params: orgParams,
        body: z
          .object({
            year: z.number().int(),
            payoutDate: isoDate,
            ratReference: z.string(),
            ratDate: isoDate,
          })
          .strict(),
        response: { 202: z.object({ approvalId: z.string(), year: z.number().int() }) },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await shu.requestFinalize(deps, orgCtx(req), req.body)),
  );

  r.post(
    '/orgs/:orgId/shu/runs/:runId/distribution',
    {
      config: { access: 'shu.manage', idempotent: true },
      schema: {
        tags: [TAG],
        summary:
          "Post the final run's allocation: one entry debiting SHU belum dibagi, crediting cadangan, the funds and SHU bagian anggota (Idempotency-Key required)",
        params: runParams,
        body: z.object({ date: isoDate.optional() }).strict(),
        response: {
          201: z.object({
            runId: z.string(),
            year: z.number().int(),
            entryId: z.string(),
            number: z.string(),
            shuRupiah: rupiahOut,
            membersPayableRupiah: rupiahOut,
          }),
        },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, shu.distribute, BigInt(req.params.runId), req.body),
  );

  const payBody = z.object({
    runId: z.string(),
    paid: z.number().int(),
    entryId: z.string().nullable(),
    paidRupiah: rupiahOut,
  });
  r.post(
    '/orgs/:orgId/shu/runs/:runId/payments/savings',
    {
      config: { access: 'shu.manage', idempotent: true },
      schema: {
        tags: [TAG],
        summary:
          "Pay shares into the members' sukarela accounts: all unpaid, or the members named; one entry per batch (Idempotency-Key required)",
        params: runParams,
        body: z
          .object({
            date: isoDate.optional(),
            memberIds: z.array(idString).min(1).max(500).optional(),
          })
          .strict(),
        response: { 200: payBody, 201: payBody },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, shu.payToSavings, BigInt(req.params.runId), {
        ...(req.body.date ? { date: req.body.date } : {}),
        ...(req.body.memberIds ? { memberIds: req.body.memberIds.map((m) => BigInt(m)) } : {}),
      }),
  );

  r.post(
    '/orgs/:orgId/shu/runs/:runId/members/:memberId/cash-payment',
    {
      config: { access: 'shu.pay', idempotent: true },
      schema: {
        tags: [TAG],
        summary:
          "Pay one member's share in cash through the teller's open session, tax withheld as the run says; the slip is the receipt (Idempotency-Key required)",
        params: memberParams,
        body: z.object({ sessionId: idString }).strict(),
        response: {
          201: z.object({
            runId: z.string(),
            memberId: z.string(),
            entryId: z.string(),
            number: z.string(),
            paidRupiah: rupiahOut,
            taxRupiah: rupiahOut,
          }),
        },
      },
    },
    async (req, reply) =>
      answerOnce(
        req,
        reply,
        deps,
        shu.payCash,
        BigInt(req.params.runId),
        BigInt(req.params.memberId),
        { sessionId: BigInt(req.body.sessionId) },
      ),
  );

  r.get(
    '/orgs/:orgId/shu/runs/:runId/members/:memberId/slip',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: [TAG],
        summary:
          "A member's slip: their own figures, the totals and pools, the share, tax, deductions, net and payout (JSON or PDF)",
        params: memberParams,
        querystring: z.object({ format: z.enum(['json', 'pdf']).default('json') }),
        response: {
          200: {
            description: 'The slip as JSON or PDF',
            content: {
              'application/json': { schema: slipSchema },
              ...fileResponse('', [PDF]).content,
            },
          },
        },
      },
    },
    async (req, typedReply) => {
      const s = await shu.slip(
        deps,
        orgCtx(req),
        BigInt(req.params.runId),
        BigInt(req.params.memberId),
      );
      if (req.query.format === 'json') return s;
      const reply: FastifyReply = typedReply;
      return sendSlipPdf(
        reply,
        s,
        deps.clock(),
        `slip-shu-${s.run.year}-${s.share.memberNumber ?? s.share.memberId}`,
      );
    },
  );

  r.get(
    '/orgs/:orgId/me/shu',
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['portal'],
        summary: "The member's own SHU slips (final runs), newest year first",
        params: orgParams,
        response: { 200: z.object({ items: z.array(slipSchema) }) },
      },
    },
    async (req) => ({ items: await shu.mySlips(deps, orgCtx(req)) }),
  );

  r.get(
    '/orgs/:orgId/me/shu/:year/slip',
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['portal'],
        summary: "The member's own SHU slip of a year as PDF",
        params: orgParams.extend({ year }),
        response: { 200: fileResponse('The slip', [PDF]) },
      },
    },
    async (req, reply) => {
      const s = await shu.mySlip(deps, orgCtx(req), req.params.year);
      return sendSlipPdf(reply, s, deps.clock(), `slip-shu-${s.run.year}`);
    },
  );
}
