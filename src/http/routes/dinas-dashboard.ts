import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COOPERATIVE_TYPES, REGISTRY_STATUSES } from '../../domain/supervision/registry.js';
import type { Deps } from '../../services/context.js';
import {
  dinasCooperative,
  dinasDashboard,
  type ReportFigures,
} from '../../services/supervision/dashboard.js';
import { orgCtx } from '../auth.js';
import { orgGetOptions, rupiahOut } from './responses.js';
import { idString, orgParams } from './schemas.js';

/**
 * The supervising office's dashboard (docs/domain/supervision-dashboard.md): one answer with every
 * figure of its region, and one cooperative's drill-down. Row-level security holds both to the
 * office's region (migration 0012).
 */

const areaLevel = z.enum(['district', 'regency', 'province']);
const count = z.number().int();
const percent = z.string().regex(/^[0-9]+\.[0-9]{2}$/);
const figures = z
  .object({
    reports: count.describe('how many cooperatives’ reports the sums cover'),
    assetsRupiah: rupiahOut,
    savingsRupiah: rupiahOut,
    loansRupiah: rupiahOut,
    nplPercent: percent.nullable(),
  })
  .describe('totals of a quarter’s reports, each cooperative’s latest version (migration 0013)');

export const dinasDashboardSchema = z.object({
  regionCode: z.string(),
  regionName: z.string().nullable(),
  areaLevel: areaLevel.describe('what `areas` are: a city’s districts, a province’s regencies'),
  asOf: z.string(),
  cooperatives: z.object({
    total: count,
    active: count,
    members: rupiahOut.describe('members on file, summed (a decimal string)'),
    onMap: count,
  }),
  figuresPeriod: z
    .string()
    .nullable()
    .describe('the latest quarter with reports; `figures` and the areas’ figures are of it'),
  figures,
  byType: z.array(
    z.object({ cooperativeType: z.enum(COOPERATIVE_TYPES), cooperatives: count, active: count }),
  ),
  byStatus: z.array(z.object({ status: z.enum(REGISTRY_STATUSES), cooperatives: count })),
  byPredikat: z.array(
    z.object({
      predikat: z.string().nullable().describe('latest final assessment; null: not assessed'),
      cooperatives: count,
    }),
  ),
  reporting: z.array(
    z.object({
      period: z.string(),
      onTime: count,
      late: count,
      missing: count,
      notYetDue: count,
      notRequired: count,
    }),
  ),
  trend: z.array(figures.extend({ period: z.string() })),
  areas: z.array(
    z.object({
      code: z.string().nullable().describe('null: cooperatives without the area on file'),
      name: z.string().nullable(),
      cooperatives: count,
      active: count,
      members: rupiahOut,
      figures,
    }),
  ),
  points: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      latitude: z.string(),
      longitude: z.string(),
      areaCode: z.string().nullable(),
      predikat: z.string().nullable(),
    }),
  ),
  pointsTruncated: z.boolean(),
});

const cooperativeSchema = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  cooperativeType: z.enum(COOPERATIVE_TYPES),
  status: z.enum(REGISTRY_STATUSES),
  districtCode: z.string().nullable(),
  districtName: z.string().nullable(),
  memberCount: count.nullable(),
  onSokoguru: z.boolean(),
  reports: z.array(
    figures.extend({
      period: z.string(),
      version: count,
      submittedOn: z.string(),
      channel: z.string(),
    }),
  ),
  assessments: z.array(
    z.object({
      id: z.string(),
      period: z.string(),
      rubricId: z.string(),
      status: z.string(),
      totalScore: z.string(),
      predikat: z.string(),
      provisional: z.boolean(),
      superseded: z.boolean(),
    }),
  ),
});

const figuresJson = (f: ReportFigures) => ({
  reports: f.reports,
  assetsRupiah: f.assetsRupiah.toString(),
  savingsRupiah: f.savingsRupiah.toString(),
  loansRupiah: f.loansRupiah.toString(),
  nplPercent: f.nplPercent,
});

export async function dinasDashboardRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/supervision/dashboard',
    orgGetOptions(
      'registry.read',
      'supervision',
      'The supervising office’s dashboard: its cooperatives by type, status and area (a city’s districts, a province’s regencies) and the points of the map',
      orgParams,
      dinasDashboardSchema,
    ),
    async (req) => {
      const d = await dinasDashboard(deps, orgCtx(req));
      return {
        ...d,
        cooperatives: { ...d.cooperatives, members: d.cooperatives.members.toString() },
        figures: figuresJson(d.figures),
        trend: d.trend.map((x) => ({ period: x.period, ...figuresJson(x) })),
        areas: d.areas.map((a) => ({
          ...a,
          members: a.members.toString(),
          figures: figuresJson(a.figures),
        })),
      };
    },
  );

  r.get(
    '/orgs/:orgId/supervision/cooperatives/:registryId',
    orgGetOptions(
      'registry.read',
      'supervision',
      'One cooperative of the office’s region for the dashboard’s drill-down',
      orgParams.extend({ registryId: idString }),
      cooperativeSchema,
    ),
    async (req) => {
      const c = await dinasCooperative(deps, orgCtx(req), BigInt(req.params.registryId));
      return {
        ...c,
        id: c.id.toString(),
        reports: c.reports.map((r) => ({ ...r, ...figuresJson(r) })),
        assessments: c.assessments.map((a) => ({ ...a, id: a.id.toString() })),
      };
    },
  );
}
