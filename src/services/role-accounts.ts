import * as accountsRepo from '../db/accounts.repo.js';
import type { AccountType, CashFlowClass } from '../domain/accounting/account.js';
import { AppError } from '../domain/errors.js';
import type { OrgTx } from './context.js';

/** Where an account opened on first use goes: its group (a non-postable parent) and kind. */
export interface RoleAccountPlace {
  groupCode: string;
  type: AccountType;
  cashFlowClass: CashFlowClass;
}

/**
 * An account the software posts to by role, opened on first use in a chart made before the role
 * existed (the baitul maal funds, ta'widh): the account already holding the role is taken as it
 * is; otherwise one is added with its planned code under its group, its normal balance from its
 * type; a code taken by another account is refused rather than guessed. `added` tells the caller
 * to forget the ledger's account cache (forgetAccounts) once it has opened what it needs.
 */
export async function ensureRoleAccount(
  o: OrgTx,
  spec: { code: string; name: string; role: string },
  place: RoleAccountPlace,
): Promise<{ id: bigint; added: boolean }> {
  const coop = o.ctx.organizationId;
  const byRole = await accountsRepo.findAccountByRole(o.tx, coop, spec.role);
  if (byRole) return { id: byRole.id, added: false };
  const group = await accountsRepo.findAccountByCode(o.tx, coop, place.groupCode);
  const row = await accountsRepo.insertAccountUnlessCodeTaken(o.tx, {
    cooperative_id: coop,
    code: spec.code,
    name: spec.name,
    account_type: place.type,
    normal_balance: place.type === 'aset' || place.type === 'beban' ? 'debit' : 'credit',
    parent_id: group && !group.is_postable ? group.id : null,
    is_postable: true,
    role: spec.role,
    cash_flow_class: place.cashFlowClass,
  });
  if (!row) throw new AppError('LEDGER_ACCOUNT_CODE_TAKEN', { code: spec.code });
  return { id: row.id, added: true };
}
