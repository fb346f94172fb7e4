import * as repo from '../../db/savings.repo.js';
import type { JsonValue } from '../../db/schema.js';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import { breakEarly } from '../../domain/savings/berjangka.js';
import { savingsLedgerRole } from '../../domain/savings/ledger-role.js';
import type { BerjangkaProduct, BerjangkaTenorMonths } from '../../domain/savings/product.js';
import { requireOwnOpenSession } from '../cashdesk.js';
import type { Deps, OrgContext } from '../context.js';
import { inOrgOnce, type Idempotency } from '../idempotency.js';
import { postEntry } from '../ledger.js';
import {
  accountView,
  iso,
  lockAccount,
  lockAccounts,
  nextAccountNumber,
  requireActiveMember,
} from './accounts.js';
import { checkSukarelaWithdrawal, move, refuse, requireOpen } from './movements.js';
import { domainProduct, inactiveProductError, loadProduct } from './products.js';

/** Time deposits (simpanan berjangka): placement and early break; maturity is at month-end. */

/**
 * Places a time deposit: cash at the counter (sessionId) or from the member's sukarela account.
 * The rate is the product's rate for the tenor today and stays for the whole term.
 */
export async function placeDeposit(
  deps: Deps,
  ctx: OrgContext,
  input: {
    memberId: bigint;
    productId: bigint;
    tenorMonths: number;
    principalRupiah: bigint;
    payoutAccountId: bigint;
    sessionId?: bigint | null;
    fromAccountId?: bigint | null;
  },
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    await requireActiveMember(o.tx, coop, input.memberId);
    const product = await loadProduct(o.tx, coop, input.productId);
    if (product.kind !== 'berjangka') throw new AppError('SAVINGS_PRODUCT_NOT_FOUND');
    if (!product.active) throw await inactiveProductError(o.tx, coop, product);
    const p = domainProduct(product.settings) as BerjangkaProduct;
    const offer = p.tenors.find((t) => t.tenorMonths === input.tenorMonths);
    if (!offer) throw new AppError('SAVINGS_TENOR_NOT_OFFERED', { tenor: input.tenorMonths });
    // under a mudharabah akad the deposit has no rate: its akad (the tenor's nisbah) is written by
    // the database when the account row is inserted (migration 0021)
    const rateBps = product.akad === null ? Number(offer.annualRateBps) : null;
    if (input.principalRupiah <= 0n || input.principalRupiah < p.minimumPrincipalRupiah)
      throw new AppError('SAVINGS_DEPOSIT_NOT_ALLOWED', {
        reason: `minimum Rp${p.minimumPrincipalRupiah}`,
      });
    const noSession = input.sessionId === undefined || input.sessionId === null;
    const noFrom = input.fromAccountId === undefined || input.fromAccountId === null;
    if (noSession === noFrom)
      throw new AppError('VALIDATION_FAILED', {}, 'exactly one of sessionId, fromAccountId');
    const payoutLocked = await lockAccounts(o.tx, coop, [
      input.payoutAccountId,
      ...(input.fromAccountId ? [input.fromAccountId] : []),
    ]);
    const payout = payoutLocked.get(input.payoutAccountId.toString())!;
    if (payout.kind !== 'sukarela' || payout.member_id !== input.memberId)
      throw new AppError('SAVINGS_ACCOUNT_NOT_FOUND');
    requireOpen(payout);
    let date = businessDateWib(deps.clock());
    let session: Awaited<ReturnType<typeof requireOwnOpenSession>> | null = null;
    if (input.sessionId) {
      session = await requireOwnOpenSession(o, input.sessionId);
      date = iso(session.business_date)!;
    }
    const from = input.fromAccountId ? payoutLocked.get(input.fromAccountId.toString())! : null;
    if (from) {
      if (from.member_id !== input.memberId) throw new AppError('SAVINGS_ACCOUNT_NOT_FOUND');
      requireOpen(from);
      checkSukarelaWithdrawal(from, input.principalRupiah);
    }
    const number = await nextAccountNumber(o.tx, coop, product.code, input.memberId);
    const id = await repo.insertTimeDeposit(o.tx, coop, {
      number,
      memberId: input.memberId,
      productId: product.id,
      openedOn: date,
      principalRupiah: input.principalRupiah,
      tenorMonths: input.tenorMonths,
      annualRateBps: rateBps,
      interestPayout: p.interestPayout,
      automaticRollover: p.automaticRollover,
      payoutAccountId: payout.id,
    });
    const acct = await lockAccount(o.tx, coop, id);
    const posted = await postEntry(o, {
      entryDate: date,
      description: `Penempatan simpanan berjangka ${number} (${input.tenorMonths} bulan)`,
      source: { type: 'savings.placement', id: number },
      ...(session
        ? { series: session.series, branchId: session.branch_id, cashSessionId: session.id }
        : {}),
      lines: [
        from
          ? {
              account: { role: savingsLedgerRole(from.kind, from.akad) },
              debitRupiah: input.principalRupiah,
              memberId: input.memberId,
            }
          : {
              account: { role: 'cash' },
              debitRupiah: input.principalRupiah,
              branchId: session!.branch_id,
            },
        {
          account: { role: savingsLedgerRole(acct.kind, acct.akad) },
          creditRupiah: input.principalRupiah,
          memberId: input.memberId,
        },
      ],
    });
    if (from)
      await move(o, from, 'transfer-out', -1, input.principalRupiah, date, posted.entryId, true);
    const after = await move(
      o,
      acct,
      'placement',
      1,
      input.principalRupiah,
      date,
      posted.entryId,
      true,
    );
    await o.audit({
      action: 'savings.placement',
      entityType: 'savings_account',
      entityId: id,
      after: {
        number,
        principalRupiah: input.principalRupiah.toString(),
        tenorMonths: input.tenorMonths,
        annualRateBps: rateBps,
      },
    });
    return {
      status: 201,
      body: {
        account: accountView({ ...acct, balance_rupiah: after }),
        entryId: posted.entryId.toString(),
      } as JsonValue,
    };
  });
}

/** Early break (pencairan sebelum jatuh tempo): principal less the product's penalty to sukarela. */
export async function breakDeposit(
  deps: Deps,
  ctx: OrgContext,
  accountId: bigint,
  idem?: Idempotency,
) {
  return inOrgOnce(deps, ctx, idem, async (o) => {
    const coop = ctx.organizationId;
    const first = await lockAccount(o.tx, coop, accountId);
    if (first.kind !== 'berjangka' || !first.payout_account_id)
      throw new AppError('SAVINGS_ACCOUNT_NOT_FOUND');
    requireOpen(first);
    const locked = await lockAccounts(o.tx, coop, [accountId, first.payout_account_id]);
    const a = locked.get(accountId.toString())!;
    const payout = locked.get(first.payout_account_id.toString())!;
    const date = businessDateWib(deps.clock());
    const p = domainProduct(a.settings) as BerjangkaProduct;
    const termStart = iso(a.term_opened_on)!;
    const paid = await repo.interestPaidOutSince(o.tx, coop, a.id, termStart.slice(0, 7));
    const held = a.balance_rupiah - a.principal_rupiah!;
    const res = breakEarly({
      deposit: {
        principalRupiah: a.principal_rupiah!,
        annualRateBps: BigInt(a.annual_rate_bps ?? 0),
        tenorMonths: a.tenor_months as BerjangkaTenorMonths,
        openedOn: termStart,
        interestBasis: p.interestBasis,
        interestPayout: a.interest_payout!,
        automaticRollover: a.automatic_rollover!,
      },
      onDate: date,
      penaltyRule: p.earlyBreakPenalty,
      blocked: a.status === 'blocked',
      interestPaidRupiah: paid,
      interestHeldRupiah: held,
    });
    if (!res.ok) refuse(res.error);
    // Held (rolled-in) interest is forfeited: it goes back to the expense it came from.
    const memberId = a.member_id;
    const lines = [
      {
        account: { role: savingsLedgerRole(a.kind, a.akad) },
        debitRupiah: a.balance_rupiah,
        memberId,
      },
      ...(res.payoutRupiah > 0n
        ? [
            {
              account: { role: savingsLedgerRole(payout.kind, payout.akad) },
              creditRupiah: res.payoutRupiah,
              memberId,
            },
          ]
        : []),
      ...(res.penaltyRupiah > 0n
        ? [{ account: { role: 'adminIncome' }, creditRupiah: res.penaltyRupiah }]
        : []),
      ...(res.forfeitedInterestRupiah > 0n
        ? [
            {
              account: { role: 'depositInterestExpense' },
              creditRupiah: res.forfeitedInterestRupiah,
            },
          ]
        : []),
    ];
    const posted = await postEntry(o, {
      entryDate: date,
      description: `Pencairan sebelum jatuh tempo ${a.account_number}`,
      source: { type: 'savings.break', id: a.account_number },
      lines,
    });
    await move(o, a, 'break', -1, a.balance_rupiah, date, posted.entryId, true);
    if (res.payoutRupiah > 0n)
      await move(o, payout, 'transfer-in', 1, res.payoutRupiah, date, posted.entryId, true);
    await repo.closeAccount(o.tx, coop, a.id, date);
    const amounts = {
      penaltyRupiah: res.penaltyRupiah.toString(),
      payoutRupiah: res.payoutRupiah.toString(),
      forfeitedInterestRupiah: res.forfeitedInterestRupiah.toString(),
    };
    await o.audit({
      action: 'savings.break',
      entityType: 'savings_account',
      entityId: a.id,
      after: amounts,
    });
    return { status: 201, body: { entryId: posted.entryId.toString(), ...amounts } };
  });
}
