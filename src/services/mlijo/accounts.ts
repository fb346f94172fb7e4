import type { AccountType, CashFlowClass } from '../../domain/accounting/account.js';
import { forgetAccounts } from '../../ledger/post.js';
import type { OrgTx } from '../context.js';
import { ensureRoleAccount } from '../role-accounts.js';

/**
 * The accounts mlijo deliveries and settlements post to, by role (docs/domain/mlijo.md), opened on
 * first use like the shop's (src/services/shop/accounts.ts): the cash a vendor collected and has
 * not yet handed over (tagged with the vendor's member id), what a vendor owes for cash not handed
 * over, and the vendors' commission.
 */
const MLIJO_ACCOUNTS: {
  code: string;
  name: string;
  role: string;
  group: string;
  type: AccountType;
  flow: CashFlowClass;
}[] = [
  {
    code: '1106',
    name: 'Kas pada penjual mlijo',
    role: 'mlijoVendorCash',
    group: '11',
    type: 'aset',
    flow: 'cash',
  },
  {
    code: '1132',
    name: 'Piutang penjual mlijo (kekurangan setoran)',
    role: 'mlijoVendorReceivable',
    group: '11',
    type: 'aset',
    flow: 'operating',
  },
  {
    code: '5120',
    name: 'Beban komisi penjual mlijo',
    role: 'mlijoCommissionExpense',
    group: '51',
    type: 'beban',
    flow: 'operating',
  },
];

export async function ensureMlijoAccounts(o: OrgTx): Promise<void> {
  let added = false;
  for (const a of MLIJO_ACCOUNTS) {
    const r = await ensureRoleAccount(
      o,
      { code: a.code, name: a.name, role: a.role },
      { groupCode: a.group, type: a.type, cashFlowClass: a.flow },
    );
    added ||= r.added;
  }
  if (added) forgetAccounts(o.ctx.organizationId);
}
