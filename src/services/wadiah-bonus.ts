import { z } from 'zod';
import * as repo from '../db/bagi-hasil.repo.js';
import { planForWholeSet } from '../db/savings-month-end.repo.js';
import { isShariaCooperative } from '../db/savings.repo.js';
import type { JsonValue } from '../db/schema.js';
import { businessDateWib } from '../domain/calendar.js';
import { AppError } from '../domain/errors.js';
import { savingsLedgerRole } from '../domain/savings/ledger-role.js';
import { forgetAccounts } from '../ledger/post.js';
import { registerApprovableAction, requestApproval } from './approvals.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from './context.js';
import { postEntry } from './ledger.js';
import { monthOf } from './month-end.js';
import { ensureRoleAccount } from './role-accounts.js';

/**
 * The wadiah bonus of a KSPPS (issue 21 item 1; docs/domain/sharia-bagi-hasil.md "Wadiah
 * bonus"). Wadiah promises nothing (fatwa 02/DSN-MUI/IV/2000): a bonus is a voluntary gift
 * decided after the month, possibly zero. One person proposes the month's pool and the minimum
 * average balance that earns it; the approval request carries the proposal, and only when another
 * person approves it is the pool shared over the month's wadiah accounts by daily-balance sums
 * (floor and largest remainder), posted Dr beban bonus wadiah / Cr simpanan wadiah, and recorded.
 */

const ACTION = 'savings.wadiah-bonus';
const rupiahText = z.string().regex(/^(0|[1-9][0-9]{0,14})$/);
const payloadSchema = z.object({
  period: z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/),
  poolRupiah: rupiahText,
  minimumAverageRupiah: rupiahText,
});
type Payload = z.infer<typeof payloadSchema>;

const EXPENSE = {
  spec: { code: '5103', name: 'Beban bonus simpanan wadiah', role: 'wadiahBonusExpense' },
  place: { groupCode: '51', type: 'beban', cashFlowClass: 'operating' },
} as const;

const rp = (v: string) => v.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

async function decideBonus(o: OrgTx, p: Payload, approvalId: bigint): Promise<JsonValue> {
  const coop = o.ctx.organizationId;
  if (await repo.bonusDecision(o.tx, coop, p.period))
    throw new AppError('WADIAH_BONUS_ALREADY_DECIDED', { period: p.period });
  const m = monthOf(p.period);
  const days = Number(m.lastDay.slice(8, 10));
  const pool = BigInt(p.poolRupiah);
  let accounts = 0;
  let paid = 0n;
  let entryId: bigint | null = null;
  if (pool > 0n) {
    await planForWholeSet(o.tx);
    await repo.stageAccounts(o.tx, coop, { ...m, days });
    ({ accounts, paid } = await repo.insertBonusLines(
      o.tx,
      coop,
      { ...m, days },
      pool,
      BigInt(p.minimumAverageRupiah),
    ));
  }
  if (paid > 0n) {
    const opened = await ensureRoleAccount(o, EXPENSE.spec, EXPENSE.place);
    if (opened.added) forgetAccounts(coop);
    const posted = await postEntry(o, {
      entryDate: m.lastDay,
      description: `Bonus simpanan wadiah ${p.period} (keputusan setelah bulan berakhir)`,
      source: { type: 'savings.wadiah-bonus', id: p.period },
      lines: [
        { account: { role: 'wadiahBonusExpense' }, debitRupiah: paid },
        // only wadiah sukarela accounts take a bonus (insertBonusLines): 2101
        { account: { role: savingsLedgerRole('sukarela', 'wadiah') }, creditRupiah: paid },
      ],
    });
    entryId = posted.entryId;
    await repo.creditBonusLines(o.tx, coop, p.period);
  }
  await repo.insertBonusDecision(o.tx, coop, {
    period: p.period,
    pool_rupiah: pool,
    minimum_average_rupiah: BigInt(p.minimumAverageRupiah),
    approval_id: approvalId,
    accounts,
    paid_rupiah: paid,
    entry_id: entryId,
  });
  await o.audit({
    action: 'savings.wadiah-bonus',
    entityType: 'wadiah-bonus',
    entityId: p.period,
    after: { pool: p.poolRupiah, paid: paid.toString(), accounts },
  });
  return { period: p.period, paidRupiah: paid.toString(), accounts };
}

registerApprovableAction<Payload>({
  name: ACTION,
  permission: 'savings.products',
  payload: payloadSchema,
  summarize: (p) =>
    `Bonus simpanan wadiah ${p.period}: Rp ${rp(p.poolRupiah)} dibagi menurut saldo harian (saldo rata-rata minimal Rp ${rp(p.minimumAverageRupiah)})`,
  execute: (o, p, _deps, approval) => decideBonus(o, p, approval.id),
});

/**
 * Proposes the month's bonus (possibly 0): only for a month that has ended and has no decision;
 * waits for another person's approval. Returns the approval request.
 */
export async function proposeWadiahBonus(
  deps: Deps,
  ctx: OrgContext,
  input: { period: string; poolRupiah: bigint; minimumAverageRupiah: bigint },
) {
  const m = monthOf(input.period);
  return inOrg(deps, ctx, async (o) => {
    if (!(await isShariaCooperative(o.tx, ctx.organizationId)))
      throw new AppError('BAGI_HASIL_NOT_SHARIA');
    const today = businessDateWib(deps.clock());
    if (m.lastDay >= today)
      throw new AppError('WADIAH_BONUS_PERIOD_NOT_ENDED', { period: input.period, today });
    if (await repo.bonusDecision(o.tx, ctx.organizationId, input.period))
      throw new AppError('WADIAH_BONUS_ALREADY_DECIDED', { period: input.period });
    const approvalId = await requestApproval(o, ACTION, {
      period: input.period,
      poolRupiah: input.poolRupiah.toString(),
      minimumAverageRupiah: input.minimumAverageRupiah.toString(),
    });
    return { approvalId: approvalId.toString(), period: input.period };
  });
}

/** The decisions, newest first. */
export async function wadiahBonusDecisions(deps: Deps, ctx: OrgContext, limit = 24) {
  return inOrg(deps, ctx, async ({ tx }) =>
    (await repo.bonusDecisions(tx, ctx.organizationId, limit)).map((d) => ({
      period: d.period,
      poolRupiah: d.pool_rupiah.toString(),
      minimumAverageRupiah: d.minimum_average_rupiah.toString(),
      accounts: d.accounts,
      paidRupiah: d.paid_rupiah.toString(),
      entryId: d.entry_id?.toString() ?? null,
      approvalId: d.approval_id.toString(),
      decidedAt: d.decided_at.toISOString(),
    })),
  );
}
