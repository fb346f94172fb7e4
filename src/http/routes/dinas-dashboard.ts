import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COOPERATIVE_TYPES, REGISTRY_STATUSES } from '../../domain/supervision/registry.js';
import type { Deps } from '../../services/context.js';
import { dinasCooperative, dinasDashboard } from '../../services/supervision/dashboard.js';
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
  byType: z.array(
    z.object({ cooperativeType: z.enum(COOPERATIVE_TYPES), cooperatives: count, active: count }),
  ),
  byStatus: z.array(z.object({ status: z.enum(REGISTRY_STATUSES), cooperatives: count })),
  areas: z.array(
    z.object({
      code: z.string().nullable().describe('null: cooperatives without the area on file'),
      name: z.string().nullable(),
      cooperatives: count,
      active: count,
      members: rupiahOut,
    }),
  ),
  points: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      latitude: z.string(),
      longitude: z.string(),
      cooperativeType: z.enum(COOPERATIVE_TYPES),
      status: z.enum(REGISTRY_STATUSES),
      areaCode: z.string().nullable(),
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
        areas: d.areas.map((a) => ({ ...a, members: a.members.toString() })),
        points: d.points.map((p) => ({ ...p, id: p.id.toString() })),
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
      return { ...c, id: c.id.toString() };
    },
  );
}
