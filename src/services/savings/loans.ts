import * as repo from '../../db/savings.repo.js';
import type { AccountRow } from '../../db/savings.repo.js';
import { AppError } from '../../domain/errors.js';
import type { OrgTx } from '../context.js';
import { lockAccount } from './accounts.js';
import { checkSukarelaWithdrawal, move, requireOpen } from './movements.js';
import { domainProduct } from './products.js';

/** Loans through savings: disbursement into, and instalments collected from, sukarela. */

/** The member's sukarela account that loans pay into and collect from (the oldest open one), locked. */
export async function memberSukarelaAccount(o: OrgTx, memberId: bigint): Promise<AccountRow> {
  const id = await repo.oldestOpenSukarelaId(o.tx, o.ctx.organizationId, memberId);
  if (id === undefined) throw new AppError('SAVINGS_ACCOUNT_NOT_FOUND');
  return lockAccount(o.tx, o.ctx.organizationId, id);
}

/** Checks a debit from sukarela as a withdrawal would be checked (minimum balance, state). */
export function checkSukarelaDebit(a: AccountRow, amount: bigint): void {
  requireOpen(a);
  checkSukarelaWithdrawal(a, amount);
}

/** A sukarela account as a debit sees it (for the loans' auto-debit): state, balance, minimum balance. */
export function sukarelaDebitTerms(a: AccountRow): {
  state: 'active' | 'dormant' | 'blocked';
  balanceRupiah: bigint;
  minimumBalanceRupiah: bigint;
} {
  const product = domainProduct(a.settings);
  return {
    state: a.status === 'closed' ? 'blocked' : a.status,
    balanceRupiah: a.balance_rupiah,
    minimumBalanceRupiah: product.kind === 'sukarela' ? product.minimumBalanceRupiah : 0n,
  };
}

/** Records a loan's movement on a sukarela account whose journal lines the caller posted. */
export async function recordLoanMovement(
  o: OrgTx,
  a: AccountRow,
  kind: 'loan-disbursement' | 'loan-repayment',
  amount: bigint,
  date: string,
  entryId: bigint,
): Promise<bigint> {
  return move(o, a, kind, kind === 'loan-disbursement' ? 1 : -1, amount, date, entryId, true);
}
