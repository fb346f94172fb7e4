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
  REGISTRY_SORTS,
  REGISTRY_STATUSES,
  type RegistryFilter,
} from '../../domain/supervision/registry.js';
import type { Deps } from '../../services/context.js';
import * as registry from '../../services/registry/entries.js';
import {
  deleteSavedFilter,
  listSavedFilters,
  saveFilter,
} from '../../services/registry/saved-filters.js';
import {
  exportRegistry,
  importRegistry,
  registryImportTemplate,
} from '../../services/registry/workbook.js';
import { orgCtx } from '../auth.js';
import { orgWorkbookRoute, withStreamedXlsx } from './imports.js';
import { fileResponse, noContent, orgCreateOptions, orgGetOptions } from './responses.js';
import { idString, isoDate, listLimit, nullableText, orgParams } from './schemas.js';

/**
 * The supervising office's registry of cooperatives (docs/domain/supervision-registry.md). Every
 * route is the office's own (`/orgs/:orgId` is the Dinas); what it sees is its region's rows, held
 * there by the database as well (row-level security, migration 0012).
 */

const tags = ['registry'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
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
  officerUserId: z.string().nullable(),
  updatedAt: z.string(),
});

const registryDetail = registryItem.extend({
  officer: z.object({ userId: z.string(), fullName: z.string().nullable() }).nullable(),
  rats: z.array(
    z.object({
      bookYear: z.number().int(),
      heldOn: z.string(),
      deadline: z.string(),
      timeliness: z.enum(['on_time', 'late']),
      recordedBy: z.string().nullable(),
      recordedAt: z.string(),
    }),
  ),
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

const regionCode = z
  .string()
  .regex(/^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{10})$/)
  .describe('address inside this region: a province, regency, district or village code');

/**
 * The search: every field a filter, all optional and combined (AND). A saved filter is this
 * object, so it is checked the same way when it is saved.
 */
const registryFilter = z
  .object({
    q: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe(
        'words that each begin a word of the name, NIK koperasi, badan hukum number, NIB or NPWP',
      ),
    status: z.enum(REGISTRY_STATUSES).optional(),
    cooperativeType: z.enum(COOPERATIVE_TYPES).optional(),
    cooperativeForm: z.enum(COOPERATIVE_FORMS).optional(),
    membershipArea: z.enum(MEMBERSHIP_AREAS).optional(),
    businessSize: z.enum(BUSINESS_SIZES).optional(),
    sector: z.string().trim().min(1).max(100).optional(),
    regionCode: regionCode.optional(),
    linked: z.enum(['true', 'false']).optional().describe('on Sokoguru (true) or not (false)'),
    memberCountMin: z.coerce.number().int().min(0).max(100_000_000).optional(),
    memberCountMax: z.coerce.number().int().min(0).max(100_000_000).optional(),
    badanHukumFrom: isoDate.optional(),
    badanHukumTo: isoDate.optional(),
  })
  .strict();

const registryOrder = z.object({
  sort: z.enum(REGISTRY_SORTS).default('name'),
  direction: z.enum(['asc', 'desc']).default('asc'),
});

const listQuery = registryFilter.extend(registryOrder.shape).extend({
  limit: listLimit,
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** The query's filter as the repository's (empty values left out). */
function filterOf(q: z.infer<typeof registryFilter>): RegistryFilter {
  const f: RegistryFilter = {};
  if (q.q) f.q = q.q;
  if (q.status) f.status = q.status;
  if (q.cooperativeType) f.cooperativeType = q.cooperativeType;
  if (q.cooperativeForm) f.cooperativeForm = q.cooperativeForm;
  if (q.membershipArea) f.membershipArea = q.membershipArea;
  if (q.businessSize) f.businessSize = q.businessSize;
  if (q.sector) f.sector = q.sector;
  if (q.regionCode) f.regionCode = q.regionCode;
  if (q.linked) f.linked = q.linked === 'true';
  if (q.memberCountMin !== undefined) f.memberCountMin = q.memberCountMin;
  if (q.memberCountMax !== undefined) f.memberCountMax = q.memberCountMax;
  if (q.badanHukumFrom) f.badanHukumFrom = q.badanHukumFrom;
  if (q.badanHukumTo) f.badanHukumTo = q.badanHukumTo;
  return f;
}

const savedFilterItem = z.object({
  id: z.string(),
  name: z.string(),
  filter: registryFilter,
  createdAt: z.string(),
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
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'Cooperatives in the office’s region: search (q: name and legal identifiers) and filters on every field, sorted, a page with the total',
        params: orgParams,
        querystring: listQuery,
        response: {
          200: z.object({ items: z.array(registryItem), total: z.number().int() }),
        },
      },
    },
    async (req) => {
      const { sort, direction, limit, offset, ...filter } = req.query;
      return registry.searchRegistry(
        deps,
        orgCtx(req),
        filterOf(filter),
        { sort, direction },
        { limit, offset },
      );
    },
  );

  r.get(
    '/orgs/:orgId/registry-filters',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'The registry filters the signed-in user saved in this office',
        params: orgParams,
        response: { 200: z.object({ items: z.array(savedFilterItem) }) },
      },
    },
    async (req) => ({ items: await listSavedFilters(deps, orgCtx(req)) }),
  );

  r.post(
    '/orgs/:orgId/registry-filters',
    orgCreateOptions(
      'registry.read',
      'registry',
      'Save a registry filter under a name (the same name replaces it)',
      orgParams,
      z.object({ name: z.string().trim().min(1).max(100), filter: registryFilter }),
      savedFilterItem,
    ),
    async (req, reply) =>
      reply.status(201).send(
        await saveFilter(deps, orgCtx(req), {
          name: req.body.name,
          filter: Object.fromEntries(
            Object.entries(req.body.filter).filter(([, v]) => v !== undefined && v !== ''),
          ),
        }),
      ),
  );

  r.delete(
    '/orgs/:orgId/registry-filters/:filterId',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary: 'Delete one of the signed-in user’s saved registry filters',
        params: orgParams.extend({ filterId: idString }),
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await deleteSavedFilter(deps, orgCtx(req), BigInt(req.params.filterId));
      return reply.status(204).send();
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

  r.post(
    '/orgs/:orgId/registry/:registryId/rats',
    entryChangeOptions(
      'Record the RAT a cooperative held for a book year (or correct its date); due within six months of the year’s end',
      z.object({
        bookYear: z.number().int().min(1945).max(2200),
        heldOn: isoDate,
      }),
    ),
    async (req) => registry.recordRat(deps, orgCtx(req), BigInt(req.params.registryId), req.body),
  );

  r.put(
    '/orgs/:orgId/registry/:registryId/officer',
    {
      ...entryChangeOptions(
        'Put an officer of the office in charge of the cooperative (null: nobody); early-warning alerts go to that officer',
        z.object({ officerUserId: z.string().uuid().nullable() }),
      ),
      config: { access: 'dinas.manage' as const },
    },
    async (req) =>
      registry.assignOfficer(
        deps,
        orgCtx(req),
        BigInt(req.params.registryId),
        req.body.officerUserId,
      ),
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

  r.get(
    '/orgs/:orgId/exports/registry',
    {
      config: { access: 'registry.read' },
      schema: {
        tags,
        summary:
          'The office’s registry as Excel (the import template’s columns): the rows the list’s filter matches, in its order',
        params: orgParams,
        querystring: registryFilter.extend(registryOrder.shape),
        response: { 200: fileResponse('The workbook', [XLSX]) },
      },
    },
    async (req, reply) => {
      const { sort, direction, ...filter } = req.query;
      return reply
        .type(XLSX)
        .header('content-disposition', 'attachment; filename="registri-koperasi.xlsx"')
        .send(await exportRegistry(deps, orgCtx(req), filterOf(filter), { sort, direction }));
    },
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
            'Import the office’s list of cooperatives from the template (.xlsx as the raw body; an optional Pengurus sheet with the organs’ members and terms): every row is checked, then all or nothing; 422 lists every problem by row and column',
          params: orgParams,
          querystring: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
          response: {
            200: z.object({
              imported: z.number().int(),
              organMembers: z.number().int().describe('organ members read from the Pengurus sheet'),
            }),
          },
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
