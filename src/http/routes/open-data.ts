import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/context.js';
import {
  OPEN_DATA_MAX_AGE_SECONDS,
  openData,
  openDataCsv,
  setReportsPublished,
  type OpenDataTable,
  type OpenDataView,
} from '../../services/supervision/open-data.js';
import { orgCtx } from '../auth.js';
import { fileSchema } from './responses.js';
import { idString, orgParams } from './schemas.js';

/**
 * Open data (docs/domain/supervision-dashboard.md): a region's cooperatives as aggregates for
 * anyone, JSON or CSV, with small groups withheld; and the office's switch that a cooperative
 * publishes its reports.
 */

const suppression = z
  .enum(['small_group', 'complementary'])
  .nullable()
  .describe(
    'why the figures are withheld: a group of fewer than minCooperatives cooperatives, or withheld with one so it cannot be read off the total',
  );
const table = z.object({
  cells: z.array(
    z.object({
      key: z
        .string()
        .describe('cooperative type, area code or predikat ("" for not on file / not assessed)'),
      name: z.string().nullable(),
      values: z
        .record(z.string(), z.string())
        .nullable()
        .describe('each measure as a decimal string; null when withheld'),
      suppressed: suppression,
    }),
  ),
  total: z.object({
    values: z.record(z.string(), z.string()).nullable(),
    suppressed: suppression,
  }),
});

export const openDataSchema = z.object({
  regionCode: z.string(),
  regionName: z.string().nullable(),
  areaLevel: z.enum(['district', 'regency', 'province']),
  generatedAt: z.string(),
  maxAgeSeconds: z.number().int(),
  updateFrequency: z.string(),
  minCooperatives: z.number().int(),
  counts: z
    .object({ byType: table, byArea: table })
    .describe('cooperatives not dissolved and their members on file'),
  figuresPeriod: z.string().nullable(),
  figures: z
    .object({ byType: table, byArea: table })
    .describe(
      'assets, savings and loans of the reports of figuresPeriod (each cooperative’s latest version); a cell counts its reports',
    ),
  health: table.describe('cooperatives by the predikat of their latest final health assessment'),
});

const stringValues = (v: Record<string, bigint> | null) =>
  v === null ? null : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x.toString()]));

const tableJson = <V extends string>(x: OpenDataTable<V>) => ({
  cells: x.cells.map((c) => ({
    key: c.key,
    name: c.name,
    values: stringValues(c.values),
    suppressed: c.suppressed,
  })),
  total: { values: stringValues(x.total.values), suppressed: x.total.suppressed },
});

function toJson(v: OpenDataView): z.input<typeof openDataSchema> {
  return {
    ...v,
    counts: { byType: tableJson(v.counts.byType), byArea: tableJson(v.counts.byArea) },
    figures: { byType: tableJson(v.figures.byType), byArea: tableJson(v.figures.byArea) },
    health: tableJson(v.health),
  };
}

export async function openDataRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/open-data/regions/:regionCode',
    {
      config: { access: 'public' },
      schema: {
        tags: ['open-data'],
        summary:
          'Open data of a region (a province "33" or a regency or city "3375"; add ".csv" for CSV): cooperatives and members by type and area, the latest quarter’s reported assets, savings and loans by type and area, the health distribution; a figure of fewer than minCooperatives cooperatives is withheld (with one more so it cannot be read off the total) unless all of them publish their reports. Computed on request; Cache-Control allows reuse for an hour',
        params: z.object({
          regionCode: z
            .string()
            .regex(/^[0-9]{2}([0-9]{2})?(\.csv)?$/)
            .describe('the region code, with ".csv" for the CSV download'),
        }),
        response: {
          200: {
            description: 'The open data (JSON) or the same figures as CSV',
            content: {
              'application/json': { schema: openDataSchema },
              'text/csv': { schema: fileSchema },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const csv = req.params.regionCode.endsWith('.csv');
      const code = req.params.regionCode.replace(/\.csv$/, '');
      const view = await openData(deps, code);
      void reply.header('cache-control', `public, max-age=${OPEN_DATA_MAX_AGE_SECONDS}`);
      if (csv)
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="data-terbuka-koperasi-${code}.csv"`)
          .send(Buffer.from(openDataCsv(view), 'utf8'));
      return toJson(view);
    },
  );

  r.put(
    '/orgs/:orgId/supervision/cooperatives/:registryId/reports-published',
    {
      config: { access: 'registry.write' },
      schema: {
        tags: ['supervision'],
        summary:
          'Record whether a cooperative publishes its reports (its small open-data groups are then shown)',
        params: orgParams.extend({ registryId: idString }),
        body: z.object({ reportsPublished: z.boolean() }),
        response: { 200: z.object({ id: z.string(), reportsPublished: z.boolean() }) },
      },
    },
    async (req) => {
      const res = await setReportsPublished(
        deps,
        orgCtx(req),
        BigInt(req.params.registryId),
        req.body.reportsPublished,
      );
      return { id: res.id.toString(), reportsPublished: res.reportsPublished };
    },
  );
}
