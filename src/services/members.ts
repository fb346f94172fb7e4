import { z } from 'zod';
import type { JsonValue } from '../db/schema.js';
import * as repo from '../db/members.repo.js';
import { AppError } from '../domain/errors.js';
import {
  checkHeirs,
  checkMemberFields,
  checkPhone,
  type Heir,
  type HeirInput,
  type HeirProblem,
  type MemberFields,
  type MemberFieldsInput,
  type MemberProblem,
} from '../domain/members/validation.js';
import { businessDateWib } from '../domain/calendar.js';
import { registerApprovableAction, requestApproval } from './approvals.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from './context.js';
import { memberSummary } from './members/read.js';
import { openDefaultAccounts } from './savings.js';

export type { MemberStatus } from '../db/members.repo.js';
export type { HeirInput } from '../domain/members/validation.js';
export { getMember, listMembers, myMember } from './members/read.js';
export {
  DOCUMENT_MAX_BYTES,
  createPortalLogin,
  getDocument,
  putDocument,
} from './members/documents.js';

/**
 * The member registry (daftar anggota): application → approval by a second person (maker-checker)
 * → member number and the default savings accounts; status changes; exit with every refund posted.
 * Reading is in members/read.ts, documents and the portal login in members/documents.ts.
 */

/** A member as the form sends it: the registry's fields with gender already L or P. */
export type MemberInput = Omit<MemberFieldsInput, 'gender'> & {
  gender: 'L' | 'P';
  branchId?: bigint | null;
  heirs?: HeirInput[];
};

/**
 * The form's answer to the first problem the registry's rules find: the NIK, birth date and gender
 * (checked together against the NIK) as MEMBER_NIK_INVALID, the phone as MEMBER_PHONE_INVALID,
 * region codes as MEMBER_REGION_INVALID (a lower level without its province is REGION_NOT_IN_PARENT).
 */
function problemError(p: MemberProblem | HeirProblem): AppError {
  switch (p.field) {
    case 'nik':
    case 'birthDate':
    case 'gender':
    case 'heirs.nik':
      return new AppError('MEMBER_NIK_INVALID', { reason: p.code, field: p.field });
    case 'phone':
    case 'heirs.phone':
      return new AppError('MEMBER_PHONE_INVALID', { field: p.field });
    case 'provinceCode':
    case 'regencyCode':
    case 'districtCode':
    case 'villageCode':
      return new AppError('MEMBER_REGION_INVALID', {
        reason: p.code === 'REQUIRED' ? 'REGION_NOT_IN_PARENT' : p.code,
        field: p.field,
      });
    case 'fullName':
    case 'birthPlace':
    case 'address':
    case 'occupation':
      return new AppError('VALIDATION_FAILED', { field: p.field }, `${p.field}: ${p.code}`);
  }
}

/** Validates and normalises an applicant by the registry's rules; throws the first problem. */
export function checkMemberInput(
  input: MemberInput,
  today: string,
): MemberFields & { branchId: bigint | null; heirs: Heir[] } {
  const fields = checkMemberFields(input, today);
  if (!fields.ok) throw problemError(fields.problems[0]!);
  const heirs = checkHeirs(input.heirs ?? []);
  if (!heirs.ok) throw problemError(heirs.problems[0]!);
  return { ...fields.value, branchId: input.branchId ?? null, heirs: heirs.value };
}

/** Registers an applicant and asks for approval; returns the member id and the approval id. */
export async function registerMember(deps: Deps, ctx: OrgContext, input: MemberInput) {
  const today = businessDateWib(deps.clock());
  const m = checkMemberInput(input, today);
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    if (await repo.nikRegistered(o.tx, coop, m.nik))
      throw new AppError('MEMBER_NIK_TAKEN', { nik: m.nik });
    if (m.branchId && !(await repo.branchExists(o.tx, coop, m.branchId)))
      throw new AppError('BRANCH_NOT_FOUND');
    const id = await repo.insertApplicant(o.tx, coop, m);
    await repo.insertHeirs(o.tx, coop, id, m.heirs);
    await o.audit({
      action: 'member.registered',
      entityType: 'member',
      entityId: id,
      after: { nik: m.nik, fullName: m.fullName },
    });
    const approvalId = await requestApproval(o, 'members.approve', { memberId: id.toString() });
    return { id: id.toString(), status: 'applicant' as const, approvalId: approvalId.toString() };
  });
}

/** Gives an applicant the next member number and opens the cooperative's default accounts. */
export async function activateMember(
  o: OrgTx,
  memberId: bigint,
  joinedOn: string,
): Promise<string> {
  const coop = o.ctx.organizationId;
  const status = await repo.memberStatus(o.tx, coop, memberId, true);
  if (!status) throw new AppError('MEMBER_NOT_FOUND');
  if (status !== 'applicant') throw new AppError('MEMBER_STATUS_INVALID', { status });
  const number = repo.formatMemberNumber(await repo.reserveMemberNumbers(o.tx, coop, 1));
  await repo.activate(o.tx, coop, memberId, number, joinedOn);
  await openDefaultAccounts(o, memberId, number, joinedOn);
  await o.audit({
    action: 'member.approved',
    entityType: 'member',
    entityId: memberId,
    before: { status: 'applicant' },
    after: { status: 'active', memberNumber: number },
  });
  return number;
}

registerApprovableAction({
  name: 'members.approve',
  permission: 'members.register',
  payload: z.object({ memberId: z.string().regex(/^[0-9]{1,18}$/) }),
  summarize: (p) => `Persetujuan anggota baru #${p.memberId}`,
  async execute(o, p, deps): Promise<JsonValue> {
    const number = await activateMember(o, BigInt(p.memberId), businessDateWib(deps.clock()));
    return { memberId: p.memberId, memberNumber: number };
  },
});

/** Only an active or suspended member can be asked to leave. */
async function leavableStatus(o: OrgTx, memberId: bigint, forUpdate: boolean) {
  const status = await repo.memberStatus(o.tx, o.ctx.organizationId, memberId, forUpdate);
  if (!status) throw new AppError('MEMBER_NOT_FOUND');
  if (status !== 'active' && status !== 'suspended')
    throw new AppError('MEMBER_STATUS_INVALID', { status });
  return status;
}

registerApprovableAction({
  name: 'members.exit',
  permission: 'members.register',
  payload: z.object({
    memberId: z.string().regex(/^[0-9]{1,18}$/),
    reason: z.enum(['voluntary', 'deceased', 'expelled']),
    note: z.string().max(500),
  }),
  summarize: (p) => `Keluar anggota #${p.memberId} (${p.reason})`,
  async execute(o, p): Promise<JsonValue> {
    const memberId = BigInt(p.memberId);
    const status = await leavableStatus(o, memberId, true);
    await repo.setStatus(o.tx, o.ctx.organizationId, memberId, 'leaving', p.reason);
    await o.audit({
      action: 'member.leaving',
      entityType: 'member',
      entityId: p.memberId,
      before: { status },
      after: { status: 'leaving', reason: p.reason, note: p.note },
    });
    return { memberId: p.memberId, status: 'leaving' };
  },
});

/** Asks for a member's exit (keluar anggota); on approval the member is 'leaving' until settled. */
export async function requestExit(
  deps: Deps,
  ctx: OrgContext,
  memberId: bigint,
  reason: 'voluntary' | 'deceased' | 'expelled',
  note: string,
) {
  return inOrg(deps, ctx, async (o) => {
    await leavableStatus(o, memberId, false);
    const approvalId = await requestApproval(o, 'members.exit', {
      memberId: memberId.toString(),
      reason,
      note,
    });
    return { approvalId: approvalId.toString() };
  });
}

/** Suspends or reactivates a member (the registry keeps who and why in the audit trail). */
export async function setMemberSuspended(
  deps: Deps,
  ctx: OrgContext,
  memberId: bigint,
  suspended: boolean,
  reason: string,
) {
  return inOrg(deps, ctx, async (o) => {
    const from = suspended ? 'active' : 'suspended';
    const to = suspended ? 'suspended' : 'active';
    const status = await repo.memberStatus(o.tx, ctx.organizationId, memberId, true);
    if (!status) throw new AppError('MEMBER_NOT_FOUND');
    if (status !== from) throw new AppError('MEMBER_STATUS_INVALID', { status });
    await repo.setStatus(o.tx, ctx.organizationId, memberId, to);
    await o.audit({
      action: suspended ? 'member.suspended' : 'member.reactivated',
      entityType: 'member',
      entityId: memberId,
      before: { status },
      after: { status: to, reason },
    });
    return { id: memberId.toString(), status: to };
  });
}

/** Contact data a member may change over the years (identity stays as registered). */
export async function updateMemberContact(
  deps: Deps,
  ctx: OrgContext,
  memberId: bigint,
  input: {
    address?: string | null;
    phone?: string | null;
    occupation?: string | null;
    heirs?: HeirInput[];
  },
) {
  let phone: string | null | undefined;
  if (input.phone !== undefined) {
    const p = checkPhone(input.phone);
    if (!p.ok) throw problemError(p.problems[0]!);
    phone = p.value;
  }
  let heirs: Heir[] | undefined;
  if (input.heirs) {
    const h = checkHeirs(input.heirs);
    if (!h.ok) throw problemError(h.problems[0]!);
    heirs = h.value;
  }
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    const before = await repo.lockContact(o.tx, coop, memberId);
    if (!before) throw new AppError('MEMBER_NOT_FOUND');
    const after = {
      address: input.address === undefined ? before.address : input.address,
      phone: phone === undefined ? before.phone : phone,
      occupation: input.occupation === undefined ? before.occupation : input.occupation,
    };
    await repo.updateContact(o.tx, coop, memberId, after);
    if (heirs) {
      await repo.deleteHeirs(o.tx, coop, memberId);
      await repo.insertHeirs(o.tx, coop, memberId, heirs);
    }
    await o.audit({
      action: 'member.updated',
      entityType: 'member',
      entityId: memberId,
      before: { ...before },
      after: { ...after, heirs: input.heirs?.length ?? null },
    });
    return memberSummary(o.tx, coop, memberId, businessDateWib(deps.clock()));
  });
}
