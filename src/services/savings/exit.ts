import * as repo from '../../db/savings.repo.js';
import type { JsonValue } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { requireOwnOpenSession } from '../cashdesk.js';
import type { Deps, OrgContext } from '../context.js';
import { inOrgOnce, type Idempotency } from '../idempotency.js';
import { iso, lockAccounts } from './accounts.js';
import { payOut } from './movements.js';

/**
 * Settles a leaving member at the counter (keluar anggota): refuses while a loan is outstanding or
 * a time deposit runs; pays out every pokok, wajib and sukarela balance in cash, closes the
 * accounts, and ends the membership (left, or deceased when the refund goes to the heirs).
 */
export async function settleExit(
  deps: Deps,
  ctx: OrgContext,
  input: { sessionId: bigint; memberId: bigint },
  idem?: Idempotency,
) {
  return inOrgOnce<JsonValue>(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    const s = await requireOwnOpenSession(o, input.sessionId);
    const member = await repo.lockMemberForExit(o.tx, coop, input.memberId);
    if (!member) throw new AppError('MEMBER_NOT_FOUND');
    if (member.status !== 'leaving')
      throw new AppError('MEMBER_STATUS_INVALID', { status: member.status });
    if ((await repo.activeLoanCount(o.tx, coop, input.memberId)) > 0n)
      throw new AppError('MEMBER_HAS_OBLIGATIONS', { reason: 'pinjaman aktif' });
    const ids = await repo.openAccountIdsOfMember(o.tx, coop, input.memberId);
    const locked = await lockAccounts(o.tx, coop, ids);
    if ([...locked.values()].some((a) => a.kind === 'berjangka'))
      throw new AppError('MEMBER_HAS_OBLIGATIONS', { reason: 'simpanan berjangka masih berjalan' });
    const date = iso(s.business_date)!;
    const refunds: JsonValue[] = [];
    for (const a of locked.values()) {
      if (a.balance_rupiah > 0n) refunds.push(await payOut(o, a, s, a.balance_rupiah, 'exit'));
      await repo.closeAccount(o.tx, coop, a.id, date);
    }
    const status = member.exit_reason === 'deceased' ? 'deceased' : 'left';
    await repo.endMembership(o.tx, coop, input.memberId, status, date);
    await o.audit({
      action: 'member.exit-settled',
      entityType: 'member',
      entityId: input.memberId,
      before: { status: 'leaving' },
      after: { status, refunds: refunds.length },
    });
    return { status: 201, body: { memberId: input.memberId.toString(), status, refunds } };
  });
}
