import * as repo from '../../db/members.repo.js';
import type { DocumentKind } from '../../db/members.repo.js';
import { AppError } from '../../domain/errors.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { createUser } from '../organizations.js';

/** A member's KTP scan and photo, and the member's own portal login. */

export const DOCUMENT_MAX_BYTES = 2 * 1024 * 1024;

/** The first bytes each accepted content type starts with. */
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8,
  'image/png': (b) =>
    b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
};

export async function putDocument(
  deps: Deps,
  ctx: OrgContext,
  memberId: bigint,
  kind: DocumentKind,
  contentType: string,
  content: Buffer | null,
) {
  return inOrg(deps, ctx, async (o) => {
    // the member first: another cooperative's member is 404 whatever was sent
    if (!(await repo.memberExists(o.tx, ctx.organizationId, memberId)))
      throw new AppError('MEMBER_NOT_FOUND');
    if (!content || !MAGIC[contentType]?.(content))
      throw new AppError(
        'VALIDATION_FAILED',
        {},
        'content-type must be image/jpeg, image/png or application/pdf and match the content',
      );
    if (content.length > DOCUMENT_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
    await repo.upsertDocument(o.tx, ctx.organizationId, memberId, { kind, contentType, content });
    await o.audit({
      action: 'member.document',
      entityType: 'member',
      entityId: memberId,
      after: { kind, contentType, bytes: content.length },
    });
    return { kind, contentType, bytes: content.length };
  });
}

export async function getDocument(
  deps: Deps,
  ctx: OrgContext,
  memberId: bigint,
  kind: DocumentKind,
) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const doc = await repo.findDocument(tx, ctx.organizationId, memberId, kind);
    if (!doc) throw new AppError('MEMBER_DOCUMENT_NOT_FOUND');
    return { contentType: doc.contentType, content: Buffer.from(doc.content) };
  });
}

/** Creates the member's own portal login (role anggota) and links it to the registry entry. */
export async function createPortalLogin(
  deps: Deps,
  ctx: OrgContext,
  memberId: bigint,
  input: { username: string; password: string },
) {
  const m = await inOrg(deps, ctx, ({ tx }) => repo.findMember(tx, ctx.organizationId, memberId));
  if (!m) throw new AppError('MEMBER_NOT_FOUND');
  if (m.user_id) throw new AppError('MEMBER_STATUS_INVALID', { status: 'has-login' });
  if (!['active', 'suspended', 'leaving'].includes(m.status))
    throw new AppError('MEMBER_STATUS_INVALID', { status: m.status });
  // createUser commits the user in its own transaction; the link follows. A crash between the two
  // leaves a user without a member link, which the admin sees in the user list and can reuse.
  const user = await createUser(deps, ctx, {
    username: input.username,
    fullName: m.full_name,
    password: input.password,
    roles: ['anggota'],
  });
  await inOrg(deps, ctx, async (o) => {
    await repo.linkPortalUser(o.tx, ctx.organizationId, memberId, user.id);
    await o.audit({
      action: 'member.portal-login',
      entityType: 'member',
      entityId: memberId,
      after: { userId: user.id, username: user.username },
    });
  });
  return { userId: user.id, username: user.username };
}
