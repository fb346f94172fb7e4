import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/context.js';
import {
  COLLECTIBILITY_CLASSES,
  dashboard,
  SAVINGS_KINDS,
  type DashboardView,
} from '../../services/dashboard.js';
import { orgCtx } from '../auth.js';
import { isoDate, orgParams } from './schemas.js';

/** Rupiah as a decimal string (may be negative: a balance can be). */
const money = z.string().regex(/^-?[0-9]+$/);
/** A percentage with two decimals, e.g. "4.31". */
const percent = z.string().regex(/^[0-9]+\.[0-9]{2}$/);
const month = z.string().regex(/^[0-9]{4}-[0-9]{2}$/);

export const dashboardSchema = z.object({
  asOf: z.string(),
  months: z.array(month),
  members: z.object({
    members: z.number().int(),
    joinedThisMonth: z.number().int(),
    leftThisMonth: z.number().int(),
    byStatus: z.array(z.object({ status: z.string(), members: z.number().int() })),
    trend: z.array(
      z.object({
        month,
        members: z.number().int(),
        joined: z.number().int(),
        left: z.number().int(),
      }),
    ),
  }),
  savings: z.object({
    totalRupiah: money,
    byKind: z.array(z.object({ kind: z.enum(SAVINGS_KINDS), balanceRupiah: money })),
    trend: z.array(
      z.object({ month, pokok: money, wajib: money, sukarela: money, berjangka: money }),
    ),
  }),
  loans: z.object({
    activeLoans: z.number().int(),
    outstandingRupiah: money,
    nonPerformingRupiah: money,
    nplPercent: percent,
    byClass: z.array(
      z.object({
        collectibility: z.enum(COLLECTIBILITY_CLASSES),
        loans: z.number().int(),
        outstandingRupiah: money,
      }),
    ),
    trend: z.array(
      z.object({ month, outstandingRupiah: money.nullable(), nplPercent: percent.nullable() }),
    ),
  }),
  cash: z.object({
    cashRupiah: money,
    bankRupiah: money,
    trend: z.array(z.object({ month, cashRupiah: money, bankRupiah: money })),
  }),
  liquidity: z.object({
    cashAndBankRupiah: money,
    currentLiabilitiesRupiah: money,
    cashRatioPercent: percent.nullable(),
    trend: z.array(z.object({ month, cashRatioPercent: percent.nullable() })),
  }),
  shu: z.object({
    year: z.number().int(),
    incomeRupiah: money,
    expenseRupiah: money,
    shuRupiah: money,
    trend: z.array(
      z.object({
        month,
        incomeRupiah: money,
        expenseRupiah: money,
        shuYearToDateRupiah: money,
      }),
    ),
  }),
  counter: z.object({
    date: z.string(),
    sessionsOpen: z.number().int(),
    sessionsClosed: z.number().int(),
    transactions: z.number().int(),
    cashInRupiah: money,
    cashOutRupiah: money,
    byKind: z.array(
      z.object({
        kind: z.string(),
        transactions: z.number().int(),
        cashInRupiah: money,
        cashOutRupiah: money,
      }),
    ),
  }),
});

/** The view with every bigint as its decimal string, the shape JSON carries money in. */
type Json<T> = T extends bigint
  ? string
  : T extends readonly (infer U)[]
    ? Json<U>[]
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

function toJson<T>(value: T): Json<T> {
  if (typeof value === 'bigint') return value.toString() as Json<T>;
  if (Array.isArray(value)) return value.map((v: unknown) => toJson(v)) as Json<T>;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, toJson(v as unknown)]),
    ) as Json<T>;
  return value as Json<T>;
}

export async function dashboardRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/orgs/:orgId/dashboard',
    {
      config: { access: 'reports.read' },
      schema: {
        tags: ['reports'],
        summary:
          "The manager's dashboard: members, savings, loans and NPL, cash and bank, liquidity, the year's SHU so far (each with 12 months' trend) and the counter today",
        params: orgParams,
        querystring: z.object({ asOf: isoDate.optional() }),
        response: { 200: dashboardSchema },
      },
    },
    async (req) => {
      const view: DashboardView = await dashboard(
        deps,
        orgCtx(req),
        req.query.asOf ? { asOf: req.query.asOf } : {},
      );
      return toJson(view);
    },
  );
}
