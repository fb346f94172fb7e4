import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  listDistricts,
  listProvinces,
  listRegencies,
  listVillages,
} from '../../domain/identity/regions.js';

const regionList = z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) });
const view = (rows: { code: string; name: string }[]) => ({
  items: rows.map((r) => ({ code: r.code, name: r.name })),
});

/** Kemendagri region codes (from idn-area-data) for address pickers; any signed-in user. */
export async function regionRoutes(api: FastifyInstance): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const opts = (summary: string, params?: z.ZodObject) => ({
    config: { access: 'session' as const },
    schema: {
      tags: ['regions'],
      summary,
      ...(params ? { params } : {}),
      response: { 200: regionList },
    },
  });
  r.get('/regions/provinces', opts('Provinces'), async () => view(listProvinces()));
  r.get(
    '/regions/provinces/:code/regencies',
    opts('Regencies and cities of a province', z.object({ code: z.string().regex(/^[0-9]{2}$/) })),
    async (req) => view(listRegencies((req.params as { code: string }).code)),
  );
  r.get(
    '/regions/regencies/:code/districts',
    opts('Districts (kecamatan) of a regency', z.object({ code: z.string().regex(/^[0-9]{4}$/) })),
    async (req) => view(listDistricts((req.params as { code: string }).code)),
  );
  r.get(
    '/regions/districts/:code/villages',
    opts(
      'Villages (kelurahan/desa) of a district',
      z.object({ code: z.string().regex(/^[0-9]{6}$/) }),
    ),
    async (req) => view(listVillages((req.params as { code: string }).code)),
  );
}
