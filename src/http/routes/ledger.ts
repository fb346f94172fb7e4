import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/context.js';
import * as ledger from '../../services/ledger.js';
import { orgCtx } from '../auth.js';
import { itemsOf, rupiahOut } from './responses.js';
import { idString, isoDate, listLimit, monthPeriod, orgParams } from './schemas.js';

const accountSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  accountType: z.string(),
  normalBalance: z.string(),
  parentId: z.string().nullable(),
  isPostable: z.boolean(),
  role: z.string().nullable(),
  cashFlowClass: z.string(),
  active: z.boolean(),
  hasPostings: z.boolean(),
});
const accountCode = z.string().regex(/^[0-9]{1,6}(\.[0-9]{1,4})?$/);
const period = monthPeriod;

/** What the journal list and one entry both show of an entry. */
const entryHeaderSchema = z.object({
  id: z.string(),
  entryDate: z.string(),
  number: z.string(),
  description: z.string(),
  sourceType: z.string(),
  sourceId: z.string().nullable(),
  totalRupiah: rupiahOut,
  reversalOf: z.string().nullable(),
});
function entryHeader(e: {
  id: bigint;
  entry_date: string;
  series: string;
  fiscal_year: number;
  number: bigint;
  description: string;
  source_type: string;
  source_id: string | null;
  total_rupiah: bigint;
  reversal_of: bigint | null;
}): z.infer<typeof entryHeaderSchema> {
  return {
    id: e.id.toString(),
    entryDate: e.entry_date,
    number: `${e.series}/${e.fiscal_year}/${e.number}`,
    description: e.description,
    sourceType: e.source_type,
    sourceId: e.source_id,
    totalRupiah: e.total_rupiah.toString(),
    reversalOf: e.reversal_of?.toString() ?? null,
  };
}

export async function ledgerRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/accounts',
    {
      config: { access: 'accounts.read' },
      schema: {
        tags: ['ledger'],
        summary: 'Chart of accounts',
        params: orgParams,
        response: { 200: z.object({ items: z.array(accountSchema) }) },
      },
    },
    async (req) => {
      const rows = await ledger.listAccounts(deps, orgCtx(req));
      return {
        items: rows.map((a) => ({
          ...a,
          id: a.id.toString(),
          parentId: a.parentId?.toString() ?? null,
        })),
      };
    },
  );

  r.post(
    '/orgs/:orgId/accounts',
    {
      config: { access: 'accounts.manage' },
      schema: {
        tags: ['ledger'],
        summary: 'Add a postable account under a group (type and normal balance follow the group)',
        params: orgParams,
        body: z
          .object({
            code: accountCode,
            name: z.string().trim().min(2).max(200),
            parentCode: accountCode,
          })
          .strict(),
        response: { 201: z.object({ id: z.string(), code: z.string(), name: z.string() }) },
      },
    },
    async (req, reply) => {
      const a = await ledger.createAccount(deps, orgCtx(req), req.body);
      return reply.status(201).send({ id: a.id.toString(), code: a.code, name: a.name });
    },
  );

  r.post(
    '/orgs/:orgId/accounts/:accountId/active',
    {
      config: { access: 'accounts.manage' },
      schema: {
        tags: ['ledger'],
        summary: 'Deactivate or reactivate an account (accounts are never deleted)',
        params: orgParams.extend({ accountId: idString }),
        body: z.object({ active: z.boolean() }).strict(),
        response: { 200: z.object({ id: z.string(), active: z.boolean() }) },
      },
    },
    async (req) => {
      const a = await ledger.setAccountActive(
        deps,
        orgCtx(req),
        BigInt(req.params.accountId),
        req.body.active,
      );
      return { id: a.id.toString(), active: a.active };
    },
  );

  r.get(
    '/orgs/:orgId/journal',
    {
      config: { access: 'accounts.read' },
      schema: {
        tags: ['ledger'],
        summary: 'Browse and search journal entries, newest first',
        params: orgParams,
        querystring: z.object({
          from: isoDate.optional(),
          to: isoDate.optional(),
          accountId: idString.optional(),
          q: z.string().max(100).optional(),
          source: z.string().max(40).optional(),
          before: idString.optional(),
          limit: listLimit,
        }),
        response: { 200: itemsOf(entryHeaderSchema.extend({ branchId: z.string().nullable() })) },
      },
    },
    async (req) => {
      const q = req.query;
      const rows = await ledger.searchEntries(deps, orgCtx(req), {
        limit: q.limit,
        ...(q.from ? { fromDate: q.from } : {}),
        ...(q.to ? { toDate: q.to } : {}),
        ...(q.accountId ? { accountId: BigInt(q.accountId) } : {}),
        ...(q.q ? { text: q.q } : {}),
        ...(q.source ? { sourceType: q.source } : {}),
        ...(q.before ? { beforeId: BigInt(q.before) } : {}),
      });
      return {
        items: rows.map((e) => ({
          ...entryHeader(e),
          branchId: e.branch_id?.toString() ?? null,
        })),
      };
    },
  );

  r.get(
    '/orgs/:orgId/journal/:entryId',
    {
      config: { access: 'accounts.read' },
      schema: {
        tags: ['ledger'],
        summary: 'One journal entry with its lines',
        params: orgParams.extend({ entryId: idString }),
        response: {
          200: entryHeaderSchema.extend({
            reversedBy: z.string().nullable(),
            createdAt: z.string(),
            lines: z.array(
              z.object({
                lineNo: z.number().int(),
                accountId: z.string(),
                accountCode: z.string(),
                accountName: z.string(),
                debitRupiah: rupiahOut,
                creditRupiah: rupiahOut,
                memberId: z.string().nullable(),
                branchId: z.string().nullable(),
                memo: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const {
        entry: e,
        lines,
        reversedBy,
      } = await ledger.journalEntry(deps, orgCtx(req), BigInt(req.params.entryId));
      return {
        ...entryHeader(e),
        reversedBy: reversedBy?.toString() ?? null,
        createdAt: e.created_at.toISOString(),
        lines: lines.map((l) => ({
          lineNo: l.line_no,
          accountId: l.account_id.toString(),
          accountCode: l.code,
          accountName: l.name,
          debitRupiah: l.debit_rupiah.toString(),
          creditRupiah: l.credit_rupiah.toString(),
          memberId: l.member_id?.toString() ?? null,
          branchId: l.branch_id?.toString() ?? null,
          memo: l.memo,
        })),
      };
    },
  );

  r.post(
    '/orgs/:orgId/journal/manual',
    {
      config: { access: 'journal.manual' },
      schema: {
        tags: ['ledger'],
        summary: 'Draft a manual (memorial) entry; it posts when another user approves it',
        params: orgParams,
        body: z
          .object({
            entryDate: isoDate,
            description: z.string().trim().min(3).max(500),
            branchId: idString.nullable().optional(),
            lines: z
              .array(
                z
                  .object({
                    accountCode,
                    debitRupiah: z
                      .string()
                      .regex(/^[0-9]{1,15}$/)
                      .optional(),
                    creditRupiah: z
                      .string()
                      .regex(/^[0-9]{1,15}$/)
                      .optional(),
                    memo: z.string().max(200).nullable().optional(),
                  })
                  .strict(),
              )
              .min(2)
              .max(100),
          })
          .strict(),
        response: { 202: z.object({ approvalId: z.string() }) },
      },
    },
    async (req, reply) => {
      const id = await ledger.requestManualEntry(deps, orgCtx(req), req.body);
      return reply.status(202).send({ approvalId: id.toString() });
    },
  );

  r.post(
    '/orgs/:orgId/journal/:entryId/reversal',
    {
      config: { access: 'journal.manual' },
      schema: {
        tags: ['ledger'],
        summary: 'Request the reversal of a posted entry (maker-checker)',
        params: orgParams.extend({ entryId: idString }),
        body: z.object({ entryDate: isoDate, reason: z.string().trim().min(3).max(300) }).strict(),
        response: { 202: z.object({ approvalId: z.string() }) },
      },
    },
    async (req, reply) => {
      const ctx = orgCtx(req);
      await ledger.journalEntry(deps, ctx, BigInt(req.params.entryId)); // LEDGER_ENTRY_NOT_FOUND
      const id = await ledger.requestReversal(deps, ctx, {
        entryId: req.params.entryId,
        ...req.body,
      });
      return reply.status(202).send({ approvalId: id.toString() });
    },
  );

  r.get(
    '/orgs/:orgId/periods',
    {
      config: { access: 'accounts.read' },
      schema: {
        tags: ['ledger'],
        summary: 'Closed and open months',
        params: orgParams,
        response: {
          200: itemsOf(
            z.object({
              period: z.string(),
              status: z.enum(['open', 'closed']),
              closedAt: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (req) => ({
      items: (await ledger.periods(deps, orgCtx(req))).map((p) => ({
        period: p.period,
        status: p.status,
        closedAt: p.closed_at?.toISOString() ?? null,
      })),
    }),
  );

  r.post(
    '/orgs/:orgId/periods/:period/close',
    {
      config: { access: 'periods.close' },
      schema: {
        tags: ['ledger'],
        summary: 'Close a month (earlier months closed, trial balance balanced)',
        params: orgParams.extend({ period }),
        response: { 200: z.object({ period: z.string(), status: z.literal('closed') }) },
      },
    },
    async (req) => {
      await ledger.closeMonth(deps, orgCtx(req), req.params.period);
      return { period: req.params.period, status: 'closed' as const };
    },
  );
}
