import { COOPERATIVE_TYPES } from '../domain/supervision/registry.js';
import { z } from 'zod';
import * as orgs from '../db/organizations.repo.js';
import type { OrganizationRow } from '../db/organizations.repo.js';
import * as users from '../db/users.repo.js';
import { insertAuditEvents, listAuditEvents } from '../db/audit.repo.js';
import { rolesAllowedFor, type Role } from '../domain/auth/permissions.js';
import { passwordAcceptable, PASSWORD_MIN_LENGTH } from '../domain/auth/password-policy.js';
import { AppError } from '../domain/errors.js';
import { chartTemplateFor } from '../domain/accounting/chart-templates.js';
import { seedChartOfAccounts } from './ledger.js';
import { provinceName, regencyName, validateRegionChain } from '../domain/identity/regions.js';
import { registerApprovableAction, requestApproval } from './approvals.js';
import { hashPassword, newApiToken } from './auth.js';
import {
  auditBuffer,
  inOrg,
  inSystem,
  systemContext,
  type Deps,
  type OrgContext,
  type OrgTx,
} from './context.js';
import { inOrgOnce, type Idempotency } from './idempotency.js';

// one list of cooperative types, kept with the registry's rules
export { COOPERATIVE_TYPES };
export type CooperativeType = (typeof COOPERATIVE_TYPES)[number];

export interface NewCooperative {
  kind: 'cooperative';
  name: string;
  cooperativeType: CooperativeType;
  cooperativeForm: 'primer' | 'sekunder';
  nikKoperasi?: string | null;
  badanHukumNumber?: string | null;
  badanHukumDate?: string | null;
  npwp?: string | null;
  nib?: string | null;
  membershipArea?: 'regency' | 'province' | 'national';
  supervisingDinasId?: string | null;
  address?: string | null;
  provinceCode?: string | null;
  regencyCode?: string | null;
  districtCode?: string | null;
  villageCode?: string | null;
  postalCode?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface NewDinas {
  kind: 'dinas';
  name: string;
  dinasRegionCode: string;
  address?: string | null;
  provinceCode?: string | null;
  regencyCode?: string | null;
  phone?: string | null;
  email?: string | null;
}

export function organizationView(o: OrganizationRow) {
  return {
    id: o.id,
    kind: o.kind,
    name: o.name,
    cooperativeType: o.cooperative_type,
    cooperativeForm: o.cooperative_form,
    nikKoperasi: o.nik_koperasi,
    badanHukumNumber: o.badan_hukum_number,
    badanHukumDate: o.badan_hukum_date,
    npwp: o.npwp,
    nib: o.nib,
    membershipArea: o.membership_area,
    supervisingDinasId: o.supervising_dinas_id,
    dinasRegionCode: o.dinas_region_code,
    regionName: o.regency_code
      ? (regencyName(o.regency_code) ?? null)
      : o.province_code
        ? (provinceName(o.province_code) ?? null)
        : null,
    address: o.address,
    provinceCode: o.province_code,
    regencyCode: o.regency_code,
    districtCode: o.district_code,
    villageCode: o.village_code,
    postalCode: o.postal_code,
    phone: o.phone,
    email: o.email,
  };
}
export type OrganizationView = ReturnType<typeof organizationView>;

/** Refuses unknown Kemendagri codes (idn-area-data) before anything is written. */
function assertKnownRegion(input: NewCooperative | NewDinas): void {
  const regency =
    input.kind === 'dinas' && input.dinasRegionCode.length === 4
      ? input.dinasRegionCode
      : input.regencyCode;
  const province =
    input.provinceCode ??
    regency?.slice(0, 2) ??
    (input.kind === 'dinas' ? input.dinasRegionCode.slice(0, 2) : null);
  if (!province) return;
  const r = validateRegionChain({
    provinceCode: province,
    ...(regency ? { regencyCode: regency } : {}),
    ...(input.kind === 'cooperative' && input.districtCode
      ? { districtCode: input.districtCode }
      : {}),
    ...(input.kind === 'cooperative' && input.villageCode
      ? { villageCode: input.villageCode }
      : {}),
  });
  if (!r.ok)
    throw new AppError('ORG_REGION_UNKNOWN', { code: r.errors[0]?.params.value ?? province });
}

/**
 * Creates a cooperative or Dinas office (CLI and seeding; platform operators only). A cooperative
 * starts with the chart of accounts of its type unless `seedChart` is false (tests bring their own).
 */
export async function createOrganization(
  deps: Deps,
  input: NewCooperative | NewDinas,
  actorLabel = 'cli',
  options: { seedChart?: boolean } = {},
): Promise<OrganizationView> {
  return inSystem(
    deps,
    systemContext('00000000-0000-0000-0000-000000000000', actorLabel),
    async ({ tx }) => {
      assertKnownRegion(input);
      if (
        input.kind === 'cooperative' &&
        input.nikKoperasi &&
        (await orgs.nikKoperasiTaken(tx, input.nikKoperasi))
      ) {
        throw new AppError('ORG_NIK_KOPERASI_TAKEN', { nik: input.nikKoperasi });
      }
      const row = await orgs.insertOrganization(
        tx,
        input.kind === 'cooperative'
          ? {
              kind: 'cooperative',
              name: input.name,
              cooperative_type: input.cooperativeType,
              cooperative_form: input.cooperativeForm,
              nik_koperasi: input.nikKoperasi ?? null,
              badan_hukum_number: input.badanHukumNumber ?? null,
              badan_hukum_date: input.badanHukumDate ?? null,
              npwp: input.npwp ?? null,
              nib: input.nib ?? null,
              membership_area: input.membershipArea ?? 'regency',
              supervising_dinas_id: input.supervisingDinasId ?? null,
              address: input.address ?? null,
              province_code: input.provinceCode ?? null,
              regency_code: input.regencyCode ?? null,
              district_code: input.districtCode ?? null,
              village_code: input.villageCode ?? null,
              postal_code: input.postalCode ?? null,
              phone: input.phone ?? null,
              email: input.email ?? null,
            }
          : {
              kind: 'dinas',
              name: input.name,
              dinas_region_code: input.dinasRegionCode,
              address: input.address ?? null,
              province_code: input.provinceCode ?? null,
              regency_code: input.regencyCode ?? null,
              phone: input.phone ?? null,
              email: input.email ?? null,
            },
      );
      // The organisation's own chain starts with its creation; its events (creation and the
      // chart's accounts) are buffered and written together, as in any tenant transaction.
      const ctx = systemContext(row.id, actorLabel);
      const touched = new Set<string>();
      const { audit, pending } = auditBuffer(ctx, touched);
      await audit({
        action: 'organization.created',
        entityType: 'organization',
        entityId: row.id,
        after: organizationView(row),
      });
      if (input.kind === 'cooperative' && options.seedChart !== false)
        await seedChartOfAccounts({ tx, ctx, audit }, chartTemplateFor(input.cooperativeType));
      await insertAuditEvents(tx, pending);
      for (const org of touched) deps.sealer.markDirty(org);
      return organizationView(row);
    },
  );
}

export async function getOrganization(deps: Deps, ctx: OrgContext): Promise<OrganizationView> {
  const row = await inOrg(deps, ctx, ({ tx }) => orgs.findOrganization(tx, ctx.organizationId));
  if (!row) throw new AppError('ORG_NOT_FOUND');
  return organizationView(row);
}

// Profile changes. Contact details change at once; the legal identity (NIK koperasi, badan
// hukum, NPWP, NIB, type) changes only through maker-checker, because Dinas reports key on it.
export const contactPatchSchema = z.object({
  name: z.string().min(3).max(200).optional(),
  address: z.string().max(500).nullable().optional(),
  phone: z
    .string()
    .regex(/^\+62[0-9]{6,13}$/)
    .nullable()
    .optional(),
  email: z.string().email().max(200).nullable().optional(),
  postalCode: z
    .string()
    .regex(/^[0-9]{5}$/)
    .nullable()
    .optional(),
});
export const legalPatchSchema = z.object({
  nikKoperasi: z
    .string()
    .regex(/^[0-9]{16}$/)
    .nullable()
    .optional(),
  badanHukumNumber: z.string().min(1).max(100).nullable().optional(),
  badanHukumDate: z.iso.date().nullable().optional(),
  npwp: z
    .string()
    .regex(/^[0-9]{15,16}$/)
    .nullable()
    .optional(),
  nib: z
    .string()
    .regex(/^[0-9]{13}$/)
    .nullable()
    .optional(),
});
export type ContactPatch = z.infer<typeof contactPatchSchema>;
export type LegalPatch = z.infer<typeof legalPatchSchema>;

const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

async function applyPatch(o: OrgTx, patch: ContactPatch & LegalPatch): Promise<OrganizationView> {
  const before = await orgs.findOrganization(o.tx, o.ctx.organizationId, true);
  if (!before) throw new AppError('ORG_NOT_FOUND');
  if (patch.nikKoperasi && (await orgs.nikKoperasiTaken(o.tx, patch.nikKoperasi, before.id))) {
    throw new AppError('ORG_NIK_KOPERASI_TAKEN', { nik: patch.nikKoperasi });
  }
  const changes = defined({
    name: patch.name,
    address: patch.address,
    phone: patch.phone,
    email: patch.email,
    postal_code: patch.postalCode,
    nik_koperasi: patch.nikKoperasi,
    badan_hukum_number: patch.badanHukumNumber,
    badan_hukum_date: patch.badanHukumDate,
    npwp: patch.npwp,
    nib: patch.nib,
  });
  if (Object.keys(changes).length === 0) return organizationView(before);
  const after = await orgs.updateOrganization(o.tx, before.id, changes);
  await o.audit({
    action: 'organization.updated',
    entityType: 'organization',
    entityId: before.id,
    before: organizationView(before),
    after: organizationView(after),
  });
  return organizationView(after);
}

registerApprovableAction<LegalPatch>({
  name: 'organization.update-legal-identity',
  permission: 'org.manage',
  payload: legalPatchSchema,
  summarize: (p) => `Ubah identitas hukum: ${Object.keys(defined(p)).join(', ')}`,
  execute: async (o, p) => await applyPatch(o, p),
});

export async function updateOrganization(
  deps: Deps,
  ctx: OrgContext,
  contact: ContactPatch,
  legal: LegalPatch,
): Promise<{ organization: OrganizationView; pendingApprovalId: bigint | null }> {
  return inOrg(deps, ctx, async (o) => {
    const organization = await applyPatch(o, contact);
    const legalFields = defined(legal);
    const pendingApprovalId =
      Object.keys(legalFields).length > 0
        ? await requestApproval(o, 'organization.update-legal-identity', legalFields)
        : null;
    return { organization, pendingApprovalId };
  });
}

// Branches ------------------------------------------------------------------------------------

export function branchView(b: Awaited<ReturnType<typeof orgs.listBranches>>[number]) {
  return {
    id: b.id.toString(),
    code: b.code,
    name: b.name,
    address: b.address,
    regencyCode: b.regency_code,
    isHeadOffice: b.is_head_office,
    active: b.active,
  };
}

export async function listBranches(deps: Deps, ctx: OrgContext) {
  return (await inOrg(deps, ctx, ({ tx }) => orgs.listBranches(tx, ctx.organizationId))).map(
    branchView,
  );
}

export async function getBranch(deps: Deps, ctx: OrgContext, id: bigint) {
  const b = await inOrg(deps, ctx, ({ tx }) => orgs.findBranch(tx, ctx.organizationId, id));
  if (!b) throw new AppError('BRANCH_NOT_FOUND');
  return branchView(b);
}

export interface NewBranch {
  code: string;
  name: string;
  address?: string | null;
  regencyCode?: string | null;
  isHeadOffice?: boolean;
}

export async function createBranch(
  deps: Deps,
  ctx: OrgContext,
  input: NewBranch,
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const b = await orgs.insertBranch(o.tx, {
      cooperativeId: ctx.organizationId,
      code: input.code,
      name: input.name,
      address: input.address ?? null,
      regencyCode: input.regencyCode ?? null,
      isHeadOffice: input.isHeadOffice ?? false,
    });
    if (!b) throw new AppError('BRANCH_CODE_TAKEN', { code: input.code });
    const view = branchView(b);
    await o.audit({ action: 'branch.created', entityType: 'branch', entityId: b.id, after: view });
    return { status: 201, body: view };
  });
}

// Users of an organisation --------------------------------------------------------------------

export async function listUsers(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, ({ tx }) => users.usersOfOrganization(tx, ctx.organizationId));
}

export interface NewUser {
  username: string;
  fullName: string;
  password: string;
  roles: Role[];
  locale?: 'id' | 'en';
}

export async function createUser(deps: Deps, ctx: OrgContext, input: NewUser) {
  return inOrg(deps, ctx, async (o) => {
    const org = await orgs.findOrganization(o.tx, ctx.organizationId);
    if (!org || org.kind === 'platform') throw new AppError('ORG_NOT_FOUND');
    const allowed = rolesAllowedFor(org.kind);
    for (const role of input.roles)
      if (!allowed.includes(role)) throw new AppError('USER_ROLE_NOT_ALLOWED', { role });
    if (!passwordAcceptable(input.password, input.username))
      throw new AppError('AUTH_PASSWORD_TOO_WEAK', { min: PASSWORD_MIN_LENGTH });
    const id = await users.insertUser(o.tx, {
      username: input.username,
      fullName: input.fullName,
      passwordHash: await hashPassword(input.password),
      locale: input.locale ?? 'id',
    });
    if (!id) throw new AppError('USER_USERNAME_TAKEN', { username: input.username });
    await users.grantRoles(o.tx, ctx.organizationId, id, input.roles);
    const view = {
      id,
      username: input.username.toLowerCase(),
      fullName: input.fullName,
      roles: input.roles,
    };
    await o.audit({ action: 'user.created', entityType: 'user', entityId: id, after: view });
    return view;
  });
}

// API tokens ----------------------------------------------------------------------------------

export async function createApiToken(deps: Deps, ctx: OrgContext, name: string) {
  return inOrg(deps, ctx, async (o) => {
    if (!ctx.actor.userId) throw new AppError('FORBIDDEN');
    const { token, tokenHash } = newApiToken();
    const id = await users.insertApiToken(o.tx, {
      organizationId: ctx.organizationId,
      userId: ctx.actor.userId,
      name,
      tokenHash,
    });
    await o.audit({
      action: 'api-token.created',
      entityType: 'api-token',
      entityId: id,
      after: { name },
    });
    return { id: id.toString(), name, token };
  });
}

export async function listApiTokens(deps: Deps, ctx: OrgContext) {
  const rows = await inOrg(deps, ctx, ({ tx }) => users.listApiTokens(tx, ctx.organizationId));
  return rows.map((r) => ({
    id: r.id.toString(),
    name: r.name,
    userId: r.user_id,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}

export async function revokeApiToken(deps: Deps, ctx: OrgContext, id: bigint): Promise<void> {
  await inOrg(deps, ctx, async (o) => {
    if (!(await users.revokeApiToken(o.tx, ctx.organizationId, id, deps.clock())))
      throw new AppError('API_TOKEN_NOT_FOUND');
    await o.audit({ action: 'api-token.revoked', entityType: 'api-token', entityId: id });
  });
}

// Audit and supervision -----------------------------------------------------------------------

export async function auditEvents(deps: Deps, ctx: OrgContext, limit: number, beforeId?: bigint) {
  const rows = await inOrg(deps, ctx, ({ tx }) =>
    listAuditEvents(tx, ctx.organizationId, limit, beforeId),
  );
  return rows.map((r) => ({ ...r, id: r.id.toString(), occurredAt: r.occurredAt.toISOString() }));
}

/** A Dinas sees the registry of cooperatives it supervises (organisation metadata, not books). */
export async function supervisedCooperatives(deps: Deps, ctx: OrgContext) {
  const rows = await inOrg(deps, ctx, ({ tx }) =>
    orgs.cooperativesSupervisedBy(tx, ctx.organizationId),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    cooperativeType: r.cooperative_type,
    nikKoperasi: r.nik_koperasi,
    badanHukumNumber: r.badan_hukum_number,
    regencyCode: r.regency_code,
    address: r.address,
  }));
}
