import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../services/context.js';
import * as loans from '../../../services/loans.js';
import { orgCtx } from '../../auth.js';
import { loanProductSchema, loanSchema, loanSimulationSchema } from '../loan-responses.js';
import { noContent, orgCreateOptions, orgListOptions } from '../responses.js';
import { idString, isoDate, orgParams, positiveRupiah } from '../schemas.js';
import { methodEnum, percent, rupiah, tags } from './common.js';

/**
 * The loan and financing products, the instalment simulator built on them, a member's own loans
 * in the portal, and the credit committee's limits.
 */

const productBody = z
  .object({
    code: z.string().regex(/^[A-Z0-9-]{1,20}$/),
    name: z.string().trim().min(2).max(200),
    akad: z.enum(['conventional', 'murabahah', 'ijarah', 'qardh', 'mudharabah', 'musyarakah']),
    method: methodEnum,
    ratePercent: percent,
    ratePeriod: z.enum(['day', 'week', 'month', 'year']),
    frequency: z.enum(['monthly', 'weekly', 'daily']).default('monthly'),
    minAmountRupiah: positiveRupiah,
    maxAmountRupiah: positiveRupiah,
    minTenor: z.number().int().min(1).max(1000),
    maxTenor: z.number().int().min(1).max(1000),
    provisiBps: z.number().int().min(0).max(1000).default(0),
    adminFeeRupiah: rupiah.default('0'),
    gracePrincipalPeriods: z.number().int().min(0).max(60).default(0),
    downPaymentBps: z.number().int().min(0).max(10000).default(0),
    penaltyKind: z.enum(['none', 'daily_percent', 'fixed']).default('none'),
    penaltyDailyPercent: percent.default('0'),
    penaltyFixedRupiah: rupiah.default('0'),
    penaltyGraceDays: z.number().int().min(0).max(90).default(0),
    penaltyCappedAtInstalment: z.boolean().default(true),
    earlyPayoffRule: z
      .enum(['interest_to_date', 'months_interest', 'percent_penalty', 'remaining_margin'])
      .default('interest_to_date'),
    earlyPayoffMonths: z.number().int().min(0).max(12).default(0),
    earlyPayoffBps: z.number().int().min(0).max(1000).default(0),
    deferralInterestRule: z.enum(['paused', 'accrue_spread', 'paid']).default('accrue_spread'),
    restructureProbationInstalments: z.number().int().min(0).max(24).default(3),
  })
  .strict();

const simulationBody = z
  .object({
    productId: idString.optional(),
    method: methodEnum.optional(),
    ratePercent: percent.optional(),
    ratePeriod: z.enum(['day', 'week', 'month', 'year']).optional(),
    frequency: z.enum(['monthly', 'weekly', 'daily']).optional(),
    gracePrincipalPeriods: z.number().int().min(0).max(60).optional(),
    principalRupiah: positiveRupiah,
    tenor: z.number().int().min(1).max(1000),
    startDate: isoDate,
  })
  .strict();
const toSimulation = (b: z.infer<typeof simulationBody>): loans.SimulationInput => ({
  ...(b.productId ? { productId: BigInt(b.productId) } : {}),
  ...(b.method ? { method: b.method } : {}),
  ...(b.ratePercent ? { ratePercent: b.ratePercent } : {}),
  ...(b.ratePeriod ? { ratePeriod: b.ratePeriod } : {}),
  ...(b.frequency ? { frequency: b.frequency } : {}),
  ...(b.gracePrincipalPeriods !== undefined
    ? { gracePrincipalPeriods: b.gracePrincipalPeriods }
    : {}),
  principalRupiah: BigInt(b.principalRupiah),
  tenor: b.tenor,
  startDate: b.startDate,
});

/** One simulator, for the staff and for a member in the portal: only the permission differs. */
const SIMULATORS = [
  ['/orgs/:orgId/loan-simulations', 'loans.read', 'Simulasi angsuran: the full schedule'],
  ['/orgs/:orgId/me/loan-simulations', 'self.read', 'Simulasi angsuran for a member (portal)'],
] as const;

export async function loanProductRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/loan-products',
    orgListOptions('loans.read', 'loans', 'Loan and financing products', loanProductSchema),
    async (req) => ({ items: await loans.listProducts(deps, orgCtx(req)) }),
  );

  r.post(
    '/orgs/:orgId/loan-products',
    orgCreateOptions(
      'loans.manage',
      'loans',
      'Add a loan or financing product',
      orgParams,
      productBody,
      loanProductSchema,
    ),
    async (req, reply) => {
      const b = req.body;
      return reply.status(201).send(
        await loans.createProduct(deps, orgCtx(req), {
          ...b,
          minAmountRupiah: BigInt(b.minAmountRupiah),
          maxAmountRupiah: BigInt(b.maxAmountRupiah),
          adminFeeRupiah: BigInt(b.adminFeeRupiah),
          penaltyFixedRupiah: BigInt(b.penaltyFixedRupiah),
        }),
      );
    },
  );

  r.post(
    '/orgs/:orgId/loan-products/:productId/active',
    {
      config: { access: 'loans.manage' },
      schema: {
        tags,
        summary: 'Activate or deactivate a product',
        params: orgParams.extend({ productId: idString }),
        body: z.object({ active: z.boolean() }).strict(),
        response: { 200: loanProductSchema },
      },
    },
    async (req) =>
      loans.setProductActive(deps, orgCtx(req), BigInt(req.params.productId), req.body.active),
  );

  for (const [path, access, summary] of SIMULATORS)
    r.post(
      path,
      {
        config: { access },
        schema: {
          tags,
          summary,
          params: orgParams,
          body: simulationBody,
          response: { 200: loanSimulationSchema },
        },
      },
      async (req) => loans.simulate(deps, orgCtx(req), toSimulation(req.body)),
    );

  r.get(
    '/orgs/:orgId/me/loans',
    orgListOptions('self.read', 'loans', "The signed-in member's own loans", loanSchema),
    async (req) => ({ items: await loans.myLoans(deps, orgCtx(req)) }),
  );

  r.put(
    '/orgs/:orgId/loan-approval-limits/:role',
    {
      config: { access: 'loans.manage' },
      schema: {
        tags,
        summary: 'Credit committee limit of a role (null removes it)',
        params: orgParams.extend({ role: z.string().regex(/^[a-z_]{2,40}$/) }),
        body: z.object({ maxAmountRupiah: positiveRupiah.nullable() }).strict(),
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await loans.setApprovalLimit(
        deps,
        orgCtx(req),
        req.params.role,
        req.body.maxAmountRupiah === null ? null : BigInt(req.body.maxAmountRupiah),
      );
      return reply.status(204).send();
    },
  );
}
