import { forgetAccounts } from '../../ledger/post.js';
import type { OrgTx } from '../context.js';
import { ensureRoleAccount } from '../role-accounts.js';
import type { AccountType, CashFlowClass } from '../../domain/accounting/account.js';

/**
 * The accounts the shop posts to, by role (docs/domain/shop.md). A consumer cooperative's chart
 * has the trade accounts from the start (src/domain/accounting/chart-templates.ts); the rest, and
 * all of them in a chart made before the shop existed, are opened when the first outlet is made.
 */
const SHOP_ACCOUNTS: {
  code: string;
  name: string;
  role: string;
  group: string;
  type: AccountType;
  flow: CashFlowClass;
}[] = [
  {
    code: '1105',
    name: 'Dana QRIS dalam penyelesaian',
    role: 'qrisClearing',
    group: '11',
    type: 'aset',
    flow: 'cash',
  },
  {
    code: '1131',
    name: 'Piutang kredit barang anggota',
    role: 'goodsCreditReceivable',
    group: '11',
    type: 'aset',
    flow: 'operating',
  },
  {
    code: '1140',
    name: 'Persediaan barang dagangan',
    role: 'inventory',
    group: '11',
    type: 'aset',
    flow: 'operating',
  },
  {
    code: '2110',
    name: 'Utang dagang',
    role: 'tradePayable',
    group: '21',
    type: 'kewajiban',
    flow: 'operating',
  },
  {
    code: '2111',
    name: 'Utang titip jual (konsinyasi) kepada anggota',
    role: 'consignmentPayable',
    group: '21',
    type: 'kewajiban',
    flow: 'operating',
  },
  {
    code: '4110',
    name: 'Penjualan kepada anggota',
    role: 'salesMembers',
    group: '41',
    type: 'pendapatan',
    flow: 'operating',
  },
  {
    code: '4210',
    name: 'Penjualan kepada non-anggota',
    role: 'salesNonMembers',
    group: '42',
    type: 'pendapatan',
    flow: 'operating',
  },
  {
    code: '5110',
    name: 'Harga pokok penjualan',
    role: 'costOfGoodsSold',
    group: '51',
    type: 'beban',
    flow: 'operating',
  },
  {
    code: '5112',
    name: 'Selisih persediaan (stock opname)',
    role: 'inventoryVariance',
    group: '51',
    type: 'beban',
    flow: 'operating',
  },
];

export async function ensureShopAccounts(o: OrgTx): Promise<void> {
  let added = false;
  for (const a of SHOP_ACCOUNTS) {
    const r = await ensureRoleAccount(
      o,
      { code: a.code, name: a.name, role: a.role },
      { groupCode: a.group, type: a.type, cashFlowClass: a.flow },
    );
    added ||= r.added;
  }
  if (added) forgetAccounts(o.ctx.organizationId);
}
