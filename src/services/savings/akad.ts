import * as repo from '../../db/savings.repo.js';
import * as akadRepo from '../../db/savings-akad.repo.js';
import type { AkadVersionRow } from '../../db/savings-akad.repo.js';
import type { Queryable } from '../../db/database.js';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import {
  classifyNisbahChange,
  nisbahInForce,
  type AkadVersion,
  type SavingsAkad,
} from '../../domain/savings/akad.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { iso } from './accounts.js';
import { loadProduct } from './products.js';

/**
 * The member's akad on a mudharabah account (fatwa 02/DSN-MUI/IV/2000 part Kedua: the profit is
 * stated as a nisbah in the akad, and the cooperative may not lower the member's nisbah without
 * consent). A raise takes effect at once; a lowering is a proposal that takes effect only when the
 * member accepts it — at the counter (a teller records it, the member present) or in the portal.
 */

const versionView = (v: AkadVersionRow) => ({
  version: v.version,
  nisbahAnggotaBps: v.nisbah_anggota_bps,
  effectiveFrom: iso(v.effective_from)!,
  status: v.status,
  proposedAt: v.proposed_at.toISOString(),
  acceptedAt: v.accepted_at ? v.accepted_at.toISOString() : null,
  channel: v.channel,
});

const asDomain = (v: AkadVersionRow): AkadVersion => ({
  version: v.version,
  nisbahAnggotaBps: v.nisbah_anggota_bps,
  effectiveFrom: iso(v.effective_from)!,
  status: v.status,
});

/** The account (only the member's own when ownOnly) under a mudharabah akad, locked. */
async function mudharabahAccount(
  tx: Queryable,
  ctx: OrgContext,
  accountId: bigint,
  ownOnly: boolean,
): Promise<{ akad: SavingsAkad }> {
  const coop = ctx.organizationId;
  const owner = ownOnly ? { userId: ctx.actor.userId } : null;
  const a = await repo.findAccount(tx, coop, accountId, owner);
  if (!a) throw new AppError('SAVINGS_ACCOUNT_NOT_FOUND');
  // one change at a time per account: versions are numbered from what is read here
  await repo.lockAccount(tx, coop, accountId);
  const p = await loadProduct(tx, coop, a.product_id);
  if (p.akad !== 'mudharabah' && p.akad !== 'mudharabah_berjangka')
    throw new AppError('SAVINGS_AKAD_NOT_MUDHARABAH');
  return { akad: p.akad };
}

/** The account's akad: the nisbah in force today and every version (proposals included). */
export async function accountAkad(deps: Deps, ctx: OrgContext, accountId: bigint, ownOnly = false) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const { akad } = await mudharabahAccount(tx, ctx, accountId, ownOnly);
    const rows = await akadRepo.listVersions(tx, ctx.organizationId, accountId);
    const today = businessDateWib(deps.clock());
    const inForce = nisbahInForce(rows.map(asDomain), today);
    return {
      accountId: accountId.toString(),
      akad,
      nisbahAnggotaBps: inForce?.nisbahAnggotaBps ?? null,
      versions: rows.map(versionView),
    };
  });
}

/**
 * The cooperative proposes a new nisbah for the member's akad. Higher: a new accepted version at
 * once. Lower: a proposed version that changes nothing until the member accepts it. Either
 * replaces a proposal still waiting.
 */
export async function proposeNisbah(
  deps: Deps,
  ctx: OrgContext,
  accountId: bigint,
  input: { nisbahAnggotaBps: number; effectiveFrom?: string | undefined },
) {
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    await mudharabahAccount(o.tx, ctx, accountId, false);
    const today = businessDateWib(deps.clock());
    const effectiveFrom = input.effectiveFrom ?? today;
    if (effectiveFrom < today)
      throw new AppError('VALIDATION_FAILED', {}, 'effectiveFrom before today');
    const rows = await akadRepo.listVersions(o.tx, coop, accountId);
    const c = classifyNisbahChange(rows.map(asDomain), input.nisbahAnggotaBps);
    if (!c.ok) throw new AppError(c.code, c.params);
    if (c.change.withdraws !== null)
      await akadRepo.withdrawVersion(o.tx, coop, accountId, c.change.withdraws);
    const row = await akadRepo.insertVersion(o.tx, coop, {
      accountId,
      version: c.change.version,
      nisbahAnggotaBps: input.nisbahAnggotaBps,
      effectiveFrom,
      status: c.change.kind === 'raise' ? 'accepted' : 'proposed',
      proposedBy: ctx.actor.userId,
    });
    await o.audit({
      action: c.change.kind === 'raise' ? 'savings.akad.raised' : 'savings.akad.proposed',
      entityType: 'savings_account',
      entityId: accountId,
      after: {
        version: row.version,
        nisbahAnggotaBps: row.nisbah_anggota_bps,
        effectiveFrom,
        withdrew: c.change.withdraws,
      },
    });
    return versionView(row);
  });
}

/**
 * The member's consent to a proposed (lower) nisbah: at the counter (ownOnly false, a teller
 * records it with the member present) or in the portal (ownOnly true, the member's own account).
 * It takes effect on the proposed date, or today if that has passed.
 */
export async function acceptNisbah(
  deps: Deps,
  ctx: OrgContext,
  accountId: bigint,
  version: number,
  channel: 'counter' | 'portal',
) {
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    // consent is a person's act: the database refuses a lowering that names nobody
    if (ctx.actor.userId === null) throw new AppError('FORBIDDEN');
    await mudharabahAccount(o.tx, ctx, accountId, channel === 'portal');
    const rows = await akadRepo.listVersions(o.tx, coop, accountId);
    const v = rows.find((r) => r.version === version);
    if (!v) throw new AppError('SAVINGS_AKAD_VERSION_NOT_FOUND');
    if (v.status !== 'proposed') throw new AppError('SAVINGS_AKAD_VERSION_NOT_PROPOSED');
    const today = businessDateWib(deps.clock());
    const proposedFrom = iso(v.effective_from)!;
    const row = await akadRepo.acceptVersion(o.tx, coop, {
      accountId,
      version,
      effectiveFrom: proposedFrom < today ? today : proposedFrom,
      acceptedBy: ctx.actor.userId,
      channel,
    });
    if (!row) throw new AppError('SAVINGS_AKAD_VERSION_NOT_PROPOSED');
    await o.audit({
      action: 'savings.akad.accepted',
      entityType: 'savings_account',
      entityId: accountId,
      before: { version, status: 'proposed' },
      after: {
        version,
        nisbahAnggotaBps: row.nisbah_anggota_bps,
        effectiveFrom: iso(row.effective_from)!,
        channel,
      },
    });
    return versionView(row);
  });
}
