import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../services/context.js';
import * as orgs from '../../services/organizations.js';
import { orgCtx } from '../auth.js';
import { idempotencyOf, sendOutcome } from '../idempotency.js';
import { idString, listLimit, nullableText, orgParams, roleSchema, username } from './schemas.js';
import { noContent, orgCreateOptions, orgGetOptions, orgListOptions } from './responses.js';

const organizationSchema = z.object({
  id: z.string(),
  kind: z.enum(['platform', 'cooperative', 'dinas']),
  name: z.string(),
  cooperativeType: z.string().nullable(),
  cooperativeForm: z.string().nullable(),
  nikKoperasi: z.string().nullable(),
  badanHukumNumber: z.string().nullable(),
  badanHukumDate: z.string().nullable(),
  npwp: z.string().nullable(),
  nib: z.string().nullable(),
  membershipArea: z.string().nullable(),
  supervisingDinasId: z.string().nullable(),
  dinasRegionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  address: z.string().nullable(),
  provinceCode: z.string().nullable(),
  regencyCode: z.string().nullable(),
  districtCode: z.string().nullable(),
  villageCode: z.string().nullable(),
  postalCode: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});

const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  roles: z.array(roleSchema),
});
const branchSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  regencyCode: z.string().nullable(),
  isHeadOffice: z.boolean(),
  active: z.boolean(),
});

export async function organizationRoutes(api: FastifyInstance, deps: Deps): Promise<void> {
  const r = api.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/orgs/:orgId',
    {
      config: { access: 'org.read' },
      schema: {
        tags: ['organizations'],
        summary: 'Organisation profile and legal identity',
        params: orgParams,
        response: { 200: organizationSchema },
      },
    },
    async (req) => orgs.getOrganization(deps, orgCtx(req)),
  );

  r.patch(
    '/orgs/:orgId',
    {
      config: { access: 'org.manage' },
      schema: {
        tags: ['organizations'],
        summary: 'Update the profile; legal-identity fields go to maker-checker approval',
        params: orgParams,
        body: orgs.contactPatchSchema.extend(orgs.legalPatchSchema.shape).strict(),
        response: {
          200: z.object({
            organization: organizationSchema,
            pendingApprovalId: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => {
      const { name, address, phone, email, postalCode, ...legal } = req.body;
      const r2 = await orgs.updateOrganization(
        deps,
        orgCtx(req),
        { name, address, phone, email, postalCode },
        legal,
      );
      return {
        organization: r2.organization,
        pendingApprovalId: r2.pendingApprovalId?.toString() ?? null,
      };
    },
  );

  r.get(
    '/orgs/:orgId/branches',
    orgListOptions('org.read', 'organizations', 'Branch offices', branchSchema),
    async (req) => ({ items: await orgs.listBranches(deps, orgCtx(req)) }),
  );

  r.get(
    '/orgs/:orgId/branches/:branchId',
    orgGetOptions(
      'org.read',
      'organizations',
      'One branch office',
      orgParams.extend({ branchId: idString }),
      branchSchema,
    ),
    async (req) => orgs.getBranch(deps, orgCtx(req), BigInt(req.params.branchId)),
  );

  r.post(
    '/orgs/:orgId/branches',
    {
      config: { access: 'org.manage' },
      schema: {
        tags: ['organizations'],
        summary: 'Open a branch office (accepts Idempotency-Key)',
        params: orgParams,
        body: z
          .object({
            code: z.string().regex(/^[A-Z0-9-]{1,20}$/),
            name: z.string().trim().min(2).max(200),
            address: nullableText(500),
            regencyCode: z
              .string()
              .regex(/^[0-9]{4}$/)
              .nullable()
              .optional(),
            isHeadOffice: z.boolean().optional(),
          })
          .strict(),
        response: { 201: branchSchema },
      },
    },
    async (req, reply) =>
      sendOutcome(reply, await orgs.createBranch(deps, orgCtx(req), req.body, idempotencyOf(req))),
  );

  r.get(
    '/orgs/:orgId/users',
    orgListOptions('users.read', 'users', 'Users with roles in the organisation', userSchema),
    async (req) => ({ items: await orgs.listUsers(deps, orgCtx(req)) }),
  );

  r.post(
    '/orgs/:orgId/users',
    orgCreateOptions(
      'users.manage',
      'users',
      'Create a user with roles in the organisation',
      orgParams,
      z
        .object({
          username,
          fullName: z.string().trim().min(1).max(200),
          password: z.string().min(1).max(200),
          roles: z.array(roleSchema).min(1).max(6),
          locale: z.enum(['id', 'en']).optional(),
        })
        .strict(),
      userSchema,
    ),
    async (req, reply) =>
      reply.status(201).send(await orgs.createUser(deps, orgCtx(req), req.body)),
  );

  const tokenSchema = z.object({
    id: z.string(),
    name: z.string(),
    userId: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  });
  r.get(
    '/orgs/:orgId/api-tokens',
    orgListOptions('tokens.manage', 'users', 'API tokens for integrations', tokenSchema),
    async (req) => ({ items: await orgs.listApiTokens(deps, orgCtx(req)) }),
  );
  r.post(
    '/orgs/:orgId/api-tokens',
    orgCreateOptions(
      'tokens.manage',
      'users',
      'Issue an API token acting as the caller in this organisation; the token is shown once',
      orgParams,
      z.object({ name: z.string().trim().min(1).max(100) }).strict(),
      z.object({ id: z.string(), name: z.string(), token: z.string() }),
    ),
    async (req, reply) =>
      reply.status(201).send(await orgs.createApiToken(deps, orgCtx(req), req.body.name)),
  );
  r.delete(
    '/orgs/:orgId/api-tokens/:tokenId',
    {
      config: { access: 'tokens.manage' },
      schema: {
        tags: ['users'],
        summary: 'Revoke an API token',
        params: orgParams.extend({ tokenId: idString }),
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await orgs.revokeApiToken(deps, orgCtx(req), BigInt(req.params.tokenId));
      return reply.status(204).send();
    },
  );

  r.get(
    '/orgs/:orgId/audit-events',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Audit trail, newest first',
        params: orgParams,
        querystring: z.object({ limit: listLimit, before: idString.optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                occurredAt: z.string(),
                actorUsername: z.string(),
                action: z.string(),
                entityType: z.string(),
                entityId: z.string().nullable(),
                requestId: z.string().nullable(),
                ip: z.string().nullable(),
                sealed: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({
      items: await orgs.auditEvents(
        deps,
        orgCtx(req),
        req.query.limit,
        req.query.before ? BigInt(req.query.before) : undefined,
      ),
    }),
  );

  r.get(
    '/orgs/:orgId/supervised-cooperatives',
    {
      config: { access: 'dinas.registry' },
      schema: {
        tags: ['dinas'],
        summary: 'Dinas: cooperatives under this office’s supervision',
        params: orgParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                cooperativeType: z.string().nullable(),
                nikKoperasi: z.string().nullable(),
                badanHukumNumber: z.string().nullable(),
                regencyCode: z.string().nullable(),
                address: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await orgs.supervisedCooperatives(deps, orgCtx(req)) }),
  );
}
