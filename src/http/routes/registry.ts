import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import {
  BUSINESS_SIZES,
  COOPERATIVE_FORMS,
  COOPERATIVE_TYPES,
  MEMBERSHIP_AREAS,
  ORGANS,
  REGISTRY_STATUSES,
} from '../../domain/supervision/registry.js';
import type { Deps } from '../../services/context.js';
import * as registry from '../../services/registry/entries.js';
import {
  exportRegistry,
  importRegistry,
  registryImportTemplate,
} from '../../services/registry/workbook.js';
import { orgCtx } from '../auth.js';
import { orgWorkbookRoute, withStreamedXlsx } from './imports.js';
import { orgCreateOptions, orgGetOptions, orgQueryListOptions } from './responses.js';
import { idString, isoDate, listLimit, nullableText, orgParams } from './schemas.js';

/**
 * The supervising office's registry of cooperatives (docs/domain/supervision-registry.md). Every
 * route is the office's own (`/orgs/:orgId` is the Dinas); what it sees is its region's rows, held
 * there by the database as well (row-level security, migration 0012).
 */

const tags = ['registry'];
const registryParams = orgParams.extend({ registryId: idString });

const registryItem = z.object({
  id: z.string(),
  regionCode: z.string(),
  linkedOrganizationId: z.string().nullable(),
  name: z.string(),
  nikKoperasi: z.string().nullable(),
  nikCertificateValidUntil: z.string().nullable(),
  badanHukumNumber: z.string().nullable(),
  badanHukumDate: z.string().nullable(),
  nib: z.string().nullable(),
  npwp: z.string().nullable(),
  cooperativeType: z.enum(COOPERATIVE_TYPES),
  cooperativeForm: z.enum(COOPERATIVE_FORMS),
  sector: z.string().nullable(),
  membershipArea: z.enum(MEMBERSHIP_AREAS),
  address: z.string().nullable(),
  provinceCode: z.string(),
  regencyCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  villageCode: z.string().nullable(),
  latitude: z.string().nullable(),
  longitude: z.string().nullable(),
  memberCount: z.number().int().nullable(),
  businessSize: z.enum(BUSINESS_SIZES).nullable(),
  status: z.enum(REGISTRY_STATUSES),
  statusSince: z.string(),
  updatedAt: z.string(),
});

const registryDetail = registryItem.extend({
  statusHistory: z.array(
    z.object({
      id: z.string(),
      status: z.enum(REGISTRY_STATUSES),
      effectiveOn: z.string(),
      reason: z.string().nullable(),
      recordedAt: z.string(),
    }),
  ),
  organs: z.array(
    z.object({
      id: z.string(),
      organ: z.enum(ORGANS),
      position: z.string().nullable(),
      fullName: z.string(),
      phone: z.string().nullable(),
      termStart: z.string(),
      termEnd: z.string().nullable(),
    }),
  ),
});

/** The fields an office files; formats, region codes and jurisdiction are the domain's checks. */
const registryFields = z.object({
  name: z.string().trim().min(3).max(200),
  nikKoperasi: nullableText(30),
  nikCertificateValidUntil: isoDate.nullable().optional(),
  badanHukumNumber: nullableText(100),
  badanHukumDate: isoDate.nullable().optional(),
  nib: nullableText(30),
  npwp: nullableText(30),
  cooperativeType: z.enum(COOPERATIVE_TYPES),
  cooperativeForm: z.enum(COOPERATIVE_FORMS),
  sector: nullableText(100),
  membershipArea: z.enum(MEMBERSHIP_AREAS),
  address: nullableText(500),
  provinceCode: z.string().trim().min(2).max(5),
  regencyCode: nullableText(8),
  districtCode: nullableText(12),
  villageCode: nullableText(16),
  latitude: z
    .string()
    .regex(/^-?[0-9]{1,3}(\.[0-9]{1,6})?$/)
    .nullable()
    .optional(),
  longitude: z
    .string()
    .regex(/^-?[0-9]{1,3}(\.[0-9]{1,6})?$/)
    .nullable()
    .optional(),
  memberCount: z.number().int().min(0).max(100_000_000).nullable().optional(),
  businessSize: z.enum(BUSINESS_SIZES).nullable().optional(),
  linkedOrganizationId: z.uuid().nullable().optional(),
});

const listQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(REGISTRY_STATUSES).optional(),
  cooperativeType: z.enum(COOPERATIVE_TYPES).optional(),
  cooperativeForm: z.enum(COOPERATIVE_FORMS).optional(),
  membershipArea: z.enum(MEMBERSHIP_AREAS).optional(),
  businessSize: z.enum(BUSINESS_SIZES).optional(),
  sector: z.string().trim().min(1).max(100).optional(),
  regionCode: z
    .string()
    .regex(/^[0-9]{2,10}$/)
    .optional()
    .describe('address inside this region: a province, regency, district or village code'),
  linked: z.enum(['true', 'false']).optional().describe('on Sokoguru (true) or not (false)'),
  afterId: idString.optional(),
  limit: listLimit,
});

/** A change to one registry entry under registry.write, answered with the entry as it now is. */
function entryChangeOptions<B extends z.ZodType>(summary: string, body: B) {
  return {
    config: { access: 'registry.write' as const },
    schema: { tags, summary, params: registryParams, body, response: { 200: registryDetail } },
  };
}

export async function registryRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId/registry',
    orgQueryListOptions(
      'registry.read',
      'registry',
      'Cooperatives in the office’s region: search (q: name, identifiers, address) and filters on every field (keyset pages by id)',
      listQuery,
      registryItem,
    ),
    async (req) => {
      const q = req.query;
      return {
        items: await registry.listRegistry(deps, orgCtx(req), {
          limit: q.limit,
          ...(q.q ? { q: q.q } : {}),
          ...(q.status ? { status: q.status } : {}),
          ...(q.cooperativeType ? { cooperativeType: q.cooperativeType } : {}),
          ...(q.cooperativeForm ? { cooperativeForm: q.cooperativeForm } : {}),
          ...(q.membershipArea ? { membershipArea: q.membershipArea } : {}),
          ...(q.businessSize ? { businessSize: q.businessSize } : {}),
          ...(q.sector ? { sector: q.sector } : {}),
          ...(q.regionCode ? { regionPrefix: q.regionCode } : {}),
          ...(q.linked ? { linked: q.linked === 'true' } : {}),
          ...(q.afterId ? { afterId: BigInt(q.afterId) } : {}),
        }),
      };
    },
  );

  r.get(
    '/orgs/:orgId/registry/:registryId',
    orgGetOptions(
      'registry.read',
      'registry',
      'One cooperative of the registry with its status history and organs',
      registryParams,
      registryDetail,
    ),
    async (req) => registry.getRegistryEntry(deps, orgCtx(req), BigInt(req.params.registryId)),
  );

  r.post(
    '/orgs/:orgId/registry',
    orgCreateOptions(
      'registry.write',
      'registry',
      'File a cooperative in the registry (its supervising region follows its membership area and address)',
      orgParams,
      registryFields.extend({
        status: z.enum(REGISTRY_STATUSES).default('active'),
        statusSince: isoDate.optional(),
      }),
      registryDetail,
    ),
    async (req, reply) =>
      reply.status(201).send(await registry.createRegistryEntry(deps, orgCtx(req), req.body)),
  );

  r.put(
    '/orgs/:orgId/registry/:registryId',
    entryChangeOptions(
      'Correct a cooperative’s registry data (its status changes through /status)',
      registryFields,
    ),
    async (req) =>
      registry.updateRegistryEntry(deps, orgCtx(req), BigInt(req.params.registryId), req.body),
  );

  r.post(
    '/orgs/:orgId/registry/:registryId/status',
    entryChangeOptions(
      'Change a cooperative’s status (active, inactive, in liquidation, dissolved); written to its history',
      z.object({
        status: z.enum(REGISTRY_STATUSES),
        effectiveOn: isoDate,
        reason: z.string().trim().min(1).max(1000),
      }),
    ),
    async (req) =>
      registry.changeRegistryStatus(deps, orgCtx(req), BigInt(req.params.registryId), req.body),
  );

  r.post(
    '/orgs/:orgId/registry/:registryId/organs',
    entryChangeOptions(
      'Record a member of an organ (pengurus, pengawas, pengawas syariah) with the term',
      z.object({
        organ: z.enum(ORGANS),
        position: nullableText(100),
        fullName: z.string().trim().min(1).max(200),
        phone: nullableText(20),
        termStart: isoDate,
        termEnd: isoDate.nullable().optional(),
      }),
    ),
    async (req) =>
      registry.addOrganMember(deps, orgCtx(req), BigInt(req.params.registryId), req.body),
  );

  orgWorkbookRoute(
    r,
    '/orgs/:orgId/imports/registry/template',
    {
      access: 'registry.write',
      tag: 'registry',
      summary: 'Excel template for importing the office’s list of cooperatives',
      description: 'The template',
      filename: 'template-impor-registri.xlsx',
    },
    () => registryImportTemplate(),
  );

  orgWorkbookRoute(
    r,
    '/orgs/:orgId/exports/registry',
    {
      access: 'registry.read',
      tag: 'registry',
      summary: 'The office’s registry as Excel (the import template’s columns)',
      description: 'The workbook',
      filename: 'registri-koperasi.xlsx',
    },
    (req) => exportRegistry(deps, orgCtx(req)),
  );

  // as the member import: the .xlsx body reaches the route as the request stream
  await withStreamedXlsx(api, (scope) =>
    scope.post(
      '/orgs/:orgId/imports/registry',
      {
        config: { access: 'registry.write' },
        schema: {
          tags,
          summary:
            'Import the office’s list of cooperatives from the template (.xlsx as the raw body): every row is checked, then all or nothing; 422 lists every problem by row and column',
          params: orgParams,
          querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
          response: { 200: z.object({ imported: z.number().int() }) },
        },
      },
      async (req) => {
        if (!(req.body instanceof Readable))
          throw new AppError('IMPORT_FILE_INVALID', {
            reason: 'kirim berkas .xlsx sebagai isi permintaan',
          });
        return importRegistry(deps, orgCtx(req), {
          source: req.body,
          lang: req.lang,
          dryRun: req.query.dryRun === 'true',
        });
      },
    ),
  );
}
