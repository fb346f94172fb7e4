import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/context.js';
import * as savings from '../../services/savings.js';
import { receiptPdf } from '../../services/receipts.js';
import { statementDocument } from '../../services/savings-reports.js';
import { renderPdf } from '../../reports/pdf.js';
import { renderExcel } from '../../reports/excel.js';
import { orgCtx } from '../auth.js';
import { answerOnce } from '../idempotency.js';
import {
  fileResponse,
  fileSchema,
  orgGetOptions,
  orgListOptions,
  PDF,
  postedEntrySchema,
  rupiahOut,
  XLSX,
} from './responses.js';
import { idString, isoDate, listLimit, orgParams, positiveRupiah } from './schemas.js';
import { SAVINGS_AKADS } from '../../domain/savings/akad.js';

const rupiah = positiveRupiah;
const accountParams = orgParams.extend({ accountId: idString });

const productSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(['pokok', 'wajib', 'sukarela', 'berjangka']),
  active: z.boolean(),
  /** a sharia cooperative's akad; null for a conventional cooperative */
  akad: z.enum(SAVINGS_AKADS).nullable(),
  /** the product's settings as created (the POST body's `settings`) */
  settings: z.unknown(),
});
const akadVersionSchema = z.object({
  version: z.number().int(),
  /** the member's share in basis points: 3000 = 30.00 % */
  nisbahAnggotaBps: z.number().int(),
  effectiveFrom: z.string(),
  status: z.enum(['proposed', 'accepted', 'withdrawn']),
  proposedAt: z.string(),
  acceptedAt: z.string().nullable(),
  channel: z.enum(['counter', 'portal']).nullable(),
});
const accountAkadSchema = z.object({
  accountId: z.string(),
  akad: z.enum(SAVINGS_AKADS),
  /** the nisbah in force today (a proposal not yet accepted does not count) */
  nisbahAnggotaBps: z.number().int().nullable(),
  versions: z.array(akadVersionSchema),
});
const accountSchema = z.object({
  id: z.string(),
  accountNumber: z.string(),
  memberId: z.string(),
  productId: z.string(),
  kind: z.enum(['pokok', 'wajib', 'sukarela', 'berjangka']),
  status: z.enum(['active', 'dormant', 'blocked', 'closed']),
  balanceRupiah: rupiahOut,
  openedOn: z.string(),
  maturityOn: z.string().nullable(),
  annualRateBps: z.number().nullable(),
});
const namedAccountSchema = accountSchema.extend({
  productName: z.string(),
  memberNumber: z.string().nullable(),
  memberName: z.string(),
});
const statementSchema = z.object({
  account: namedAccountSchema,
  from: z.string(),
  to: z.string(),
  openingBalanceRupiah: rupiahOut,
  closingBalanceRupiah: rupiahOut,
  lines: z.array(
    z.object({
      transactionId: z.string(),
      date: z.string(),
      kind: z.string(),
      debitRupiah: rupiahOut,
      creditRupiah: rupiahOut,
      balanceRupiah: rupiahOut,
      entryId: z.string(),
      nisbahAnggotaPercent: z
        .string()
        .nullable()
        .describe("a bagi hasil line: the members' nisbah in the akad, percent"),
      ratePerMonthPercent: z
        .string()
        .nullable()
        .describe(
          "a bagi hasil line: the account's equivalent rate that month (information only), percent",
        ),
    }),
  ),
});
const statementResponse = {
  description: 'Rekening koran as JSON, PDF or Excel by its `format`',
  content: {
    'application/json': { schema: statementSchema },
    [PDF]: { schema: fileSchema },
    [XLSX]: { schema: fileSchema },
  },
};
/** A counter movement's answer (services/savings/movements.ts's MovementResult). */
const movementSchema = z.object({
  transactionId: z.string(),
  accountId: z.string(),
  accountNumber: z.string(),
  kind: z.string(),
  amountRupiah: rupiahOut,
  balanceAfterRupiah: rupiahOut,
  entryId: z.string(),
  entryNumber: z.string(),
  date: z.string(),
});

export async function savingsRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/savings-products',
    orgListOptions('members.read', 'savings', 'Savings products', productSchema),
    async (req) => ({ items: await savings.listProducts(deps, orgCtx(req)) }),
  );

  r.post(
    '/orgs/:orgId/savings-products',
    {
      config: { access: 'savings.products' },
      schema: {
        tags: ['savings'],
        summary:
          'Add a savings product (pokok, wajib, sukarela or berjangka) with its settings; a KSPPS names its akad (wadiah, mudharabah, mudharabah_berjangka) and gives no rate, a mudharabah product its nisbah',
        params: orgParams,
        body: z
          .object({
            code: z.string().regex(/^[A-Z0-9-]{1,12}$/),
            name: z.string().trim().min(2).max(100),
            /** required by a KSPPS (and then no rate anywhere); refused by other cooperatives */
            akad: z.enum(SAVINGS_AKADS).nullable().optional(),
            settings: savings.productSettingsSchema,
          })
          .strict(),
        response: { 201: productSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await savings.createProduct(deps, orgCtx(req), req.body)),
  );

  r.get(
    '/orgs/:orgId/savings-accounts',
    {
      config: { access: 'members.read' },
      schema: {
        tags: ['savings'],
        summary:
          "Find accounts by member name, member number or account number (the teller's search)",
        params: orgParams,
        querystring: z.object({
          q: z.string().trim().max(100).optional(),
          memberId: idString.optional(),
          limit: listLimit,
        }),
        response: { 200: z.object({ items: z.array(namedAccountSchema) }) },
      },
    },
    async (req) => ({
      items: await savings.searchAccounts(deps, orgCtx(req), {
        ...(req.query.q ? { search: req.query.q } : {}),
        ...(req.query.memberId ? { memberId: BigInt(req.query.memberId) } : {}),
        limit: req.query.limit,
      }),
    }),
  );

  r.post(
    '/orgs/:orgId/savings-accounts',
    {
      config: { access: 'members.register' },
      schema: {
        tags: ['savings'],
        summary: 'Open a pokok, wajib or sukarela account for an active member',
        params: orgParams,
        body: z.object({ memberId: idString, productId: idString }).strict(),
        response: { 201: accountSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await savings.openAccount(deps, orgCtx(req), {
          memberId: BigInt(req.body.memberId),
          productId: BigInt(req.body.productId),
        }),
      ),
  );

  r.get(
    '/orgs/:orgId/savings-accounts/:accountId',
    orgGetOptions('members.read', 'savings', 'One account', accountParams, accountSchema),
    async (req) => savings.getAccount(deps, orgCtx(req), BigInt(req.params.accountId)),
  );

  const statementQuery = z.object({
    from: isoDate,
    to: isoDate,
    format: z.enum(['json', 'pdf', 'xlsx']).default('json'),
  });
  /** The account's rekening koran in the format asked for (ownOnly: a member's own account). */
  const sendStatement = async (
    req: import('fastify').FastifyRequest & {
      params: { accountId: string };
      query: z.infer<typeof statementQuery>;
    },
    reply: import('fastify').FastifyReply,
    ownOnly: boolean,
  ) => {
    const st = await savings.accountStatement(
      deps,
      orgCtx(req),
      BigInt(req.params.accountId),
      req.query,
      ownOnly,
    );
    const orgName = await savings.organizationName(deps, orgCtx(req));
    if (req.query.format === 'json') return st;
    const doc = statementDocument(st, orgName);
    const name = `rekening-koran-${st.account.accountNumber}-${st.from}_${st.to}`;
    if (req.query.format === 'pdf')
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${name}.pdf"`)
        .send(await renderPdf(doc));
    return reply
      .type(XLSX)
      .header('content-disposition', `attachment; filename="${name}.xlsx"`)
      .send(await renderExcel(doc));
  };

  r.get(
    '/orgs/:orgId/savings-accounts/:accountId/statement',
    {
      config: { access: 'members.read' },
      schema: {
        tags: ['savings'],
        summary: 'Rekening koran for a date range (JSON, PDF or Excel)',
        params: accountParams,
        querystring: statementQuery,
        response: { 200: statementResponse },
      },
    },
    async (req, reply) => sendStatement(req, reply, false),
  );

  r.get(
    '/orgs/:orgId/me/savings-accounts/:accountId/statement',
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['portal'],
        summary: "A member's own rekening koran (JSON, PDF or Excel)",
        params: accountParams,
        querystring: statementQuery,
        response: { 200: statementResponse },
      },
    },
    async (req, reply) => sendStatement(req, reply, true),
  );

  // The member's akad on a mudharabah account (services/savings/akad.ts): the cooperative may raise
  // the nisbah at once; a lower one waits for the member's consent at the counter or in the portal.
  const akadVersionParams = accountParams.extend({ version: z.coerce.number().int().min(1) });
  r.get(
    '/orgs/:orgId/savings-accounts/:accountId/akad',
    {
      config: { access: 'members.read' },
      schema: {
        tags: ['savings'],
        summary: "A mudharabah account's akad: the nisbah in force and every version",
        params: accountParams,
        response: { 200: accountAkadSchema },
      },
    },
    async (req) => savings.accountAkad(deps, orgCtx(req), BigInt(req.params.accountId)),
  );
  r.post(
    '/orgs/:orgId/savings-accounts/:accountId/akad',
    {
      config: { access: 'savings.products' },
      schema: {
        tags: ['savings'],
        summary:
          "Propose a new nisbah for the member's akad: a higher one takes effect at once, a lower one only once the member accepts it",
        params: accountParams,
        body: z
          .object({
            nisbahAnggotaBps: z.number().int().min(0).max(10_000),
            effectiveFrom: isoDate.optional(),
          })
          .strict(),
        response: { 201: akadVersionSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await savings.proposeNisbah(deps, orgCtx(req), BigInt(req.params.accountId), req.body),
        ),
  );
  r.post(
    '/orgs/:orgId/savings-accounts/:accountId/akad/:version/accept',
    {
      config: { access: 'savings.transact' },
      schema: {
        tags: ['savings'],
        summary:
          'The member accepts a proposed (lower) nisbah at the counter; the teller records it with the member present',
        params: akadVersionParams,
        response: { 200: akadVersionSchema },
      },
    },
    async (req) =>
      savings.acceptNisbah(
        deps,
        orgCtx(req),
        BigInt(req.params.accountId),
        req.params.version,
        'counter',
      ),
  );
  r.get(
    '/orgs/:orgId/me/savings-accounts/:accountId/akad',
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['portal'],
        summary: "The member's own akad on a mudharabah account, with any proposal waiting",
        params: accountParams,
        response: { 200: accountAkadSchema },
      },
    },
    async (req) => savings.accountAkad(deps, orgCtx(req), BigInt(req.params.accountId), true),
  );
  r.post(
    '/orgs/:orgId/me/savings-accounts/:accountId/akad/:version/accept',
    {
      config: { access: 'self.read' },
      schema: {
        tags: ['portal'],
        summary: 'The member accepts a proposed (lower) nisbah on their own account in the portal',
        params: akadVersionParams,
        response: { 200: akadVersionSchema },
      },
    },
    async (req) =>
      savings.acceptNisbah(
        deps,
        orgCtx(req),
        BigInt(req.params.accountId),
        req.params.version,
        'portal',
      ),
  );

  const movement = z
    .object({ sessionId: idString, accountId: idString, amountRupiah: rupiah })
    .strict();
  const movementInput = (b: z.infer<typeof movement>) => ({
    sessionId: BigInt(b.sessionId),
    accountId: BigInt(b.accountId),
    amountRupiah: BigInt(b.amountRupiah),
  });

  // The counter's two cash movements on one account take the same body; each has its own service
  // and answers.
  const counterMovements = [
    {
      path: '/orgs/:orgId/savings/deposits',
      summary: 'Cash deposit at the counter (Idempotency-Key required)',
      response: { 201: movementSchema },
      move: savings.deposit,
    },
    {
      path: '/orgs/:orgId/savings/withdrawals',
      summary:
        'Cash withdrawal (201 done; 202 waiting for approval above the product limit; Idempotency-Key required)',
      response: {
        201: movementSchema,
        202: z.object({ pendingApprovalId: z.string(), limitRupiah: rupiahOut.nullable() }),
      },
      move: savings.withdraw,
    },
  ];
  for (const { path, summary, response, move } of counterMovements)
    r.post(
      path,
      {
        config: { access: 'savings.transact', idempotent: true },
        schema: { tags: ['savings'], summary, params: orgParams, body: movement, response },
      },
      async (req, reply) => answerOnce(req, reply, deps, move, movementInput(req.body)),
    );

  r.post(
    '/orgs/:orgId/savings/transfers',
    {
      config: { access: 'savings.transact', idempotent: true },
      schema: {
        tags: ['savings'],
        summary: 'Transfer between two accounts (Idempotency-Key required)',
        params: orgParams,
        body: z
          .object({
            fromAccountId: idString,
            toAccountId: idString,
            amountRupiah: rupiah,
            description: z.string().trim().max(300).nullable().optional(),
          })
          .strict(),
        response: {
          201: postedEntrySchema.extend({
            from: z.object({ accountId: z.string(), balanceAfterRupiah: rupiahOut }),
            to: z.object({ accountId: z.string(), balanceAfterRupiah: rupiahOut }),
          }),
        },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, savings.transfer, {
        fromAccountId: BigInt(req.body.fromAccountId),
        toAccountId: BigInt(req.body.toAccountId),
        amountRupiah: BigInt(req.body.amountRupiah),
        description: req.body.description ?? null,
      }),
  );

  r.post(
    '/orgs/:orgId/savings/time-deposits',
    {
      config: { access: 'savings.transact', idempotent: true },
      schema: {
        tags: ['savings'],
        summary:
          'Place a time deposit (simpanan berjangka) from cash (sessionId) or a sukarela account (fromAccountId)',
        params: orgParams,
        body: z
          .object({
            memberId: idString,
            productId: idString,
            tenorMonths: z.number().int().min(1).max(24),
            principalRupiah: rupiah,
            payoutAccountId: idString,
            sessionId: idString.nullable().optional(),
            fromAccountId: idString.nullable().optional(),
          })
          .strict()
          .refine((b) => (b.sessionId ? 1 : 0) + (b.fromAccountId ? 1 : 0) === 1, {
            message: 'exactly one of sessionId and fromAccountId',
            path: ['sessionId'],
          }),
        response: { 201: z.object({ account: accountSchema, entryId: z.string() }) },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, savings.placeDeposit, {
        memberId: BigInt(req.body.memberId),
        productId: BigInt(req.body.productId),
        tenorMonths: req.body.tenorMonths,
        principalRupiah: BigInt(req.body.principalRupiah),
        payoutAccountId: BigInt(req.body.payoutAccountId),
        sessionId: req.body.sessionId ? BigInt(req.body.sessionId) : null,
        fromAccountId: req.body.fromAccountId ? BigInt(req.body.fromAccountId) : null,
      }),
  );

  r.post(
    '/orgs/:orgId/savings-accounts/:accountId/break',
    {
      config: { access: 'savings.transact', idempotent: true },
      schema: {
        tags: ['savings'],
        summary:
          'Break a time deposit before maturity (penalty per product; Idempotency-Key required)',
        params: accountParams,
        response: {
          201: z.object({
            entryId: z.string(),
            penaltyRupiah: rupiahOut,
            payoutRupiah: rupiahOut,
            forfeitedInterestRupiah: rupiahOut,
          }),
        },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, savings.breakDeposit, BigInt(req.params.accountId)),
  );

  r.post(
    '/orgs/:orgId/members/:memberId/exit-settlement',
    {
      config: { access: 'savings.transact', idempotent: true },
      schema: {
        tags: ['members'],
        summary:
          'Settle an approved exit at the counter: refund every balance in cash and close the accounts',
        params: orgParams.extend({ memberId: idString }),
        body: z.object({ sessionId: idString }).strict(),
        response: {
          201: z.object({
            memberId: z.string(),
            status: z.enum(['left', 'deceased']),
            refunds: z.array(movementSchema),
          }),
        },
      },
    },
    async (req, reply) =>
      answerOnce(req, reply, deps, savings.settleExit, {
        sessionId: BigInt(req.body.sessionId),
        memberId: BigInt(req.params.memberId),
      }),
  );

  r.get(
    '/orgs/:orgId/savings-transactions/:transactionId/receipt',
    {
      config: { access: 'members.read' },
      schema: {
        tags: ['savings'],
        summary: 'Receipt PDF for a thermal printer (58 or 80 mm) or A4',
        params: orgParams.extend({ transactionId: idString }),
        querystring: z.object({ format: z.enum(['58mm', '80mm', 'a4']).default('80mm') }),
        response: { 200: fileResponse('The receipt', [PDF]) },
      },
    },
    async (req, reply) =>
      reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="bukti-${req.params.transactionId}.pdf"`)
        .send(
          await receiptPdf(deps, orgCtx(req), BigInt(req.params.transactionId), req.query.format),
        ),
  );
}
