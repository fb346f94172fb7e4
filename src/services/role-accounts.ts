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
 * existed (the baitul maal funds, ta'widh, the shop's stock): the account already holding the role
 * is taken as it is. Otherwise the planned code: opened there when free; when the chart already
 * has an account of the same kind under that code with no role that was never posted to (a KSP
 * chart's 1140 Persediaan), that account takes the role; when the code holds anything else, the
 * account opens at the next free code after it (1141 … 1149), never mixing its balance into an
 * account that means something else. `added` tells the caller to forget the ledger's account
 * cache (forgetAccounts) once it has opened what it needs.
 */
export async function ensureRoleAccount(
  o: OrgTx,
  spec: { code: string; name: string; role: string },
  place: RoleAccountPlace,
): Promise<{ id: bigint; added: boolean }> {
  const coop = o.ctx.organizationId;
  const byRole = await accountsRepo.findAccountByRole(o.tx, coop, spec.role);
  if (byRole) return { id: byRole.id, added: false };
  let code = spec.code;
  const taken = await accountsRepo.findAccountByCode(o.tx, coop, spec.code);
  if (taken) {
    if (
      taken.account_type === place.type &&
      (await accountsRepo.adoptAccountForRole(o.tx, coop, taken.id, spec.role))
    )
      return { id: taken.id, added: true };
    const next = nextCodes(spec.code);
    const used = await accountsRepo.codesTaken(o.tx, coop, next);
    const free = next.find((c) => !used.has(c));
    if (!free) throw new AppError('LEDGER_ACCOUNT_CODE_TAKEN', { code: spec.code });
    code = free;
  }
  const group = await accountsRepo.findAccountByCode(o.tx, coop, place.groupCode);
  const row = await accountsRepo.insertAccountUnlessCodeTaken(o.tx, {
    cooperative_id: coop,
    code,
    name: spec.name,
    account_type: place.type,
    normal_balance: place.type === 'aset' || place.type === 'beban' ? 'debit' : 'credit',
    parent_id: group && !group.is_postable ? group.id : null,
    is_postable: true,
    role: spec.role,
    cash_flow_class: place.cashFlowClass,
  });
  if (!row) throw new AppError('LEDGER_ACCOUNT_CODE_TAKEN', { code });
  return { id: row.id, added: true };
}

/** The nine codes after a numeric code in its own tens (1140 → 1141 … 1149). */
function nextCodes(code: string): string[] {
  if (!/^[0-9]+$/.test(code)) return [];
  const n = Number(code);
  const out: string[] = [];
  for (let k = n + 1; k % 10 !== 0 && out.length < 9; k++)
    out.push(String(k).padStart(code.length, '0'));
  return out;
}
