import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/context.js';
import * as ew from '../../services/supervision/early-warning.js';
import { orgCtx } from '../auth.js';
import { noContent } from './responses.js';
import { idString, listLimit, orgParams } from './schemas.js';

/**
 * Early warning for a supervising office (docs/domain/supervision-early-warning.md): the watch list
 * with peer percentiles, the thresholds the office tunes (its administrators set them; every
 * registry reader may try values on the watch list without saving), the alerts raised to the
 * officer in charge of each cooperative, and the check that raises them.
 */

const tags = ['early-warning'];
const RULES = [
  'liquidity',
  'npl',
  'capital',
  'shrinking',
  'loss',
  'reports',
  'rat',
  'predikat',
] as const;

const thresholdFields = {
  liquidityMinBps: z.number().int().min(0).max(100_000),
  nplMaxBps: z.number().int().min(0).max(10_000),
  capitalMinBps: z.number().int().min(-10_000).max(10_000),
  assetGrowthMinBps: z.number().int().min(-10_000).max(10_000),
  missingReportsMax: z.number().int().min(1).max(4),
  ratGraceDays: z.number().int().min(0).max(365),
};
const thresholds = z.object(thresholdFields);
const thresholdsState = z.object({
  thresholds,
  defaults: thresholds,
  setBy: z.string().nullable(),
  setAt: z.string().nullable(),
});
const officerRef = z.object({ userId: z.string(), fullName: z.string() }).nullable();
const ratioPercentiles = z
  .object({
    liquidity: z.number().int().nullable(),
    npl: z.number().int().nullable(),
    capital: z.number().int().nullable(),
    assetGrowth: z.number().int().nullable(),
  })
  .nullable();
const alertItem = z.object({
  id: z.string(),
  registryId: z.string(),
  cooperative: z.string(),
  rule: z.enum(RULES),
  severity: z.number().int(),
  value: z.string(),
  threshold: z.string(),
  officer: officerRef,
  raisedOn: z.string(),
  checkedOn: z.string(),
  clearedOn: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
});

/** Trial thresholds in the query string: the same bounds as the stored ones, each optional. */
const bpsQuery = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();
const trial = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  liquidityMinBps: bpsQuery(0, 100_000),
  nplMaxBps: bpsQuery(0, 10_000),
  capitalMinBps: bpsQuery(-10_000, 10_000),
  assetGrowthMinBps: bpsQuery(-10_000, 10_000),
  missingReportsMax: bpsQuery(1, 4),
  ratGraceDays: bpsQuery(0, 365),
});

export async function earlyWarningRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/health/watch-list',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'Early warning: the region’s cooperatives that cross a threshold (liquidity, NPL, capital, shrinking, loss, missing reports, RAT, predikat), worst first, with peer percentiles and the officer in charge; the office’s thresholds, or trial values given in the query (basis points); the worst `limit` (default 100) with the count of all listed',
        params: orgParams,
        querystring: trial,
        response: {
          200: z.object({
            thresholds,
            duePeriods: z.array(z.string()),
            ratBookYear: z.number().int(),
            ratDeadline: z.string(),
            cooperatives: z.number().int(),
            listed: z.number().int(),
            items: z.array(
              z.object({
                registryId: z.string(),
                name: z.string(),
                latestPeriod: z.string().nullable(),
                score: z.number().int(),
                warnings: z.array(
                  z.object({
                    rule: z.enum(RULES),
                    severity: z.number().int(),
                    value: z.string(),
                    threshold: z.string(),
                  }),
                ),
                percentiles: ratioPercentiles,
                officer: officerRef,
              }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const { limit, ...given } = req.query;
      const trialValues = Object.fromEntries(
        Object.entries(given).filter(([, v]) => v !== undefined),
      ) as Partial<z.output<typeof thresholds>>;
      return ew.watchListOf(deps, orgCtx(req), trialValues, limit);
    },
  );

  r.get(
    '/orgs/:orgId/health/warning-thresholds',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'The office’s early-warning thresholds in force, who set them, and the defaults',
        params: orgParams,
        response: { 200: thresholdsState },
      },
    },
    async (req) => ew.warningThresholds(deps, orgCtx(req)),
  );

  r.put(
    '/orgs/:orgId/health/warning-thresholds',
    {
      config: { access: 'dinas.manage' },
      schema: {
        tags,
        summary:
          'Set the office’s early-warning thresholds (kept as a new setting; the earlier ones stay on record)',
        params: orgParams,
        body: thresholds.strict(),
        response: { 200: thresholdsState },
      },
    },
    async (req) => ew.setWarningThresholds(deps, orgCtx(req), req.body),
  );

  r.post(
    '/orgs/:orgId/health/alerts/check',
    {
      config: { access: 'registry.write' },
      schema: {
        tags,
        summary:
          'Check the region now: raise alerts for rules that start firing, escalate those that got worse, clear those that stopped, and message each officer in charge once',
        params: orgParams,
        response: {
          200: z.object({
            checkedOn: z.string(),
            raised: z.number().int(),
            escalated: z.number().int(),
            cleared: z.number().int(),
            open: z.number().int(),
            officersNotified: z.number().int(),
            unassigned: z.number().int(),
          }),
        },
      },
    },
    async (req) => ew.checkAlerts(deps, orgCtx(req)),
  );

  r.get(
    '/orgs/:orgId/health/alerts',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'The office’s early-warning alerts, open first and worst first: the asking officer’s (mine=true) or all; open only unless open=false',
        params: orgParams,
        querystring: z.object({
          mine: z.enum(['true', 'false']).default('false'),
          open: z.enum(['true', 'false']).default('true'),
          limit: listLimit,
        }),
        response: { 200: z.object({ items: z.array(alertItem) }) },
      },
    },
    async (req) =>
      ew.alertList(deps, orgCtx(req), {
        mine: req.query.mine === 'true',
        open: req.query.open === 'true',
        limit: req.query.limit,
      }),
  );

  r.post(
    '/orgs/:orgId/health/alerts/:alertId/acknowledge',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'Mark an alert as seen (it stays open until the rule stops firing)',
        params: orgParams.extend({ alertId: idString }),
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await ew.acknowledgeAlert(deps, orgCtx(req), BigInt(req.params.alertId));
      return reply.status(204).send();
    },
  );

  r.get(
    '/orgs/:orgId/officers',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'The office’s users who can be put in charge of a cooperative',
        params: orgParams,
        response: {
          200: z.object({ items: z.array(z.object({ userId: z.string(), fullName: z.string() })) }),
        },
      },
    },
    async (req) => ew.officerList(deps, orgCtx(req)),
  );
}
