import { AppError } from '../../domain/errors.js';
import { tazirRole } from '../../domain/sharia/late-payment.js';
import * as loansRepo from '../../db/loans/loans.repo.js';
import type { LoanRow } from '../../db/loans/loans.repo.js';
import * as productsRepo from '../../db/loans/products.repo.js';
import type { Akad, ProductRow } from '../../db/loans/products.repo.js';
import type { Tx } from '../../db/database.js';
import type { OrgTx } from '../context.js';

export type { Akad, ProductRow } from '../../db/loans/products.repo.js';
export type { LoanRow, ScheduleRow } from '../../db/loans/loans.repo.js';

export async function loadProduct(tx: Tx, coop: string, productId: bigint): Promise<ProductRow> {
  const p = await productsRepo.findProduct(tx, coop, productId);
  if (!p) throw new AppError('LOAN_PRODUCT_NOT_FOUND');
  return p;
}

/** The loan row, locked for the rest of the transaction when `lock` (repayments, restructuring). */
export async function loadLoan(
  tx: Tx,
  coop: string,
  loanId: bigint,
  lock: boolean,
): Promise<LoanRow> {
  const l = await loansRepo.findLoan(tx, coop, loanId, lock);
  if (!l) throw new AppError('LOAN_NOT_FOUND');
  return l;
}

export function requireActive(l: LoanRow): void {
  if (l.status !== 'active') throw new AppError('LOAN_NOT_ACTIVE', { status: l.status });
}

/**
 * The accounts a loan posts to, by role, per contract (coa templates carry these roles). The
 * penalty (ta'zir) role comes from tazirRole of src/domain/sharia/late-payment.ts: a sharia
 * cooperative's (`sharia`) denda is dana kebajikan whatever the akad, never income.
 */
export function rolesOf(akad: Akad, sharia = false) {
  const penalty = tazirRole(akad, sharia);
  switch (akad) {
    case 'conventional':
      return { principal: 'loansMembers', income: 'loanInterestIncomeMember', penalty };
    case 'murabahah':
      // the receivable carries cost + margin; unearned margin sits in deferredMargin
      return { principal: 'murabahahReceivable', income: 'marginIncome', penalty };
    case 'ijarah':
      // pembiayaan haji: the lump sum is a qardh; the service fee (ujrah) is ijarah income
      return { principal: 'qardh', income: 'ujrahIncome', penalty };
    case 'qardh':
      return { principal: 'qardh', income: 'adminIncome', penalty };
    // profit sharing (docs/domain/sharia-financing.md): an approved report's bagi hasil is
    // recognised into the accrued-income receivable (interestReceivable; a KSPPS names it 1118
    // Piutang pendapatan bagi hasil) and an instalment clears it
    case 'mudharabah':
      return { principal: 'mudharabahFinancing', income: 'profitShareIncome', penalty };
    case 'musyarakah':
      return { principal: 'musyarakahFinancing', income: 'profitShareIncome', penalty };
  }
}

export async function auditLoan(
  o: OrgTx,
  action: string,
  loanId: bigint,
  after: Record<string, string | number | boolean | null>,
) {
  await o.audit({ action, entityType: 'loan', entityId: loanId, after });
}
