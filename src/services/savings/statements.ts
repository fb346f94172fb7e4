import { findOrganization } from '../../db/organizations.repo.js';
import * as repo from '../../db/savings-statements.repo.js';
import { AppError } from '../../domain/errors.js';
import { percentText, rational } from '../../domain/sharia/bagi-hasil.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { findNamedAccount, iso, namedAccountView } from './accounts.js';

/** Reading savings: the rekening koran and what a receipt prints. */

export interface StatementLine {
  transactionId: string;
  date: string;
  kind: string;
  debitRupiah: string;
  creditRupiah: string;
  balanceRupiah: string;
  entryId: string;
  /**
   * A bagi hasil line: the members' nisbah in the akad ("30.00") and the account's equivalent
   * rate that month, share ÷ average balance in percent ("0.612"; information only, never
   * promised); null on other lines.
   */
  nisbahAnggotaPercent: string | null;
  ratePerMonthPercent: string | null;
}

function bagiHasilOf(r: repo.StatementRow) {
  if (r.nisbah_bps === null) return { nisbahAnggotaPercent: null, ratePerMonthPercent: null };
  return {
    nisbahAnggotaPercent: percentText(rational(BigInt(r.nisbah_bps), 10000n), 2),
    ratePerMonthPercent:
      r.daily_sum && r.days ? percentText(rational(r.amount * BigInt(r.days), r.daily_sum)) : null,
  };
}

/** A statement holds at most this many lines; a longer range is refused. */
const STATEMENT_LINES_MAX = 5000;

/** Rekening koran: the opening balance on `from`, every movement to `to`, the closing balance. */
export async function accountStatement(
  deps: Deps,
  ctx: OrgContext,
  accountId: bigint,
  range: { from: string; to: string },
  ownOnly = false,
) {
  if (range.from > range.to) throw new AppError('VALIDATION_FAILED', {}, 'from after to');
  return inOrg(deps, ctx, async ({ tx }) => {
    const coop = ctx.organizationId;
    const a = await findNamedAccount(tx, ctx, accountId, ownOnly);
    // The balance runs from the opening, which is backed out of today's balance.
    const openingBalance =
      a.balance_rupiah - (await repo.movedSince(tx, coop, accountId, range.from));
    const rows = await repo.statementRows(tx, coop, accountId, {
      from: range.from,
      to: range.to,
      openingBalance,
      limit: STATEMENT_LINES_MAX + 1,
    });
    if (rows.length > STATEMENT_LINES_MAX)
      throw new AppError(
        'VALIDATION_FAILED',
        {},
        `range too long; at most ${STATEMENT_LINES_MAX} lines`,
      );
    const lines: StatementLine[] = rows.map((r) => ({
      transactionId: r.ref,
      date: iso(r.d)!,
      kind: r.kind,
      debitRupiah: r.amount < 0n ? (-r.amount).toString() : '0',
      creditRupiah: r.amount > 0n ? r.amount.toString() : '0',
      balanceRupiah: r.bal.toString(),
      entryId: r.entry ?? '',
      ...bagiHasilOf(r),
    }));
    return {
      account: namedAccountView(a),
      from: range.from,
      to: range.to,
      openingBalanceRupiah: openingBalance.toString(),
      closingBalanceRupiah: lines.at(-1)?.balanceRupiah ?? openingBalance.toString(),
      lines,
    };
  });
}

export const KIND_LABEL_ID: Record<string, string> = {
  deposit: 'Setoran tunai',
  withdrawal: 'Penarikan tunai',
  'transfer-in': 'Pemindahbukuan masuk',
  'transfer-out': 'Pemindahbukuan keluar',
  interest: 'Jasa simpanan',
  'bagi-hasil': 'Bagi hasil',
  'wadiah-bonus': 'Bonus wadiah',
  tax: 'Pajak (PPh final)',
  'admin-fee': 'Biaya administrasi',
  placement: 'Penempatan',
  break: 'Pencairan',
  penalty: 'Denda pencairan',
  maturity: 'Jatuh tempo',
  'opening-balance': 'Saldo awal (migrasi)',
  exit: 'Pengembalian simpanan (keluar)',
  'loan-disbursement': 'Pencairan pinjaman',
  'loan-repayment': 'Angsuran pinjaman (debet simpanan)',
  shu: 'SHU (sisa hasil usaha)',
  'shop-purchase': 'Belanja di toko koperasi (debet simpanan)',
  'shop-refund': 'Retur belanja toko koperasi',
  consignment: 'Hasil titip jual di toko koperasi',
  'mlijo-commission': 'Komisi penjual mlijo',
};

/** One movement with what a receipt prints. */
export async function transactionForReceipt(deps: Deps, ctx: OrgContext, transactionId: bigint) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const t = await repo.receiptOf(tx, ctx.organizationId, transactionId);
    if (!t) throw new AppError('NOT_FOUND');
    const org = await findOrganization(tx, ctx.organizationId);
    return { ...t, transaction_date: iso(t.transaction_date)!, organization: org?.name ?? '' };
  });
}

/** The name a savings document (statement, receipt) is headed with. */
export async function organizationName(deps: Deps, ctx: OrgContext): Promise<string> {
  const org = await inOrg(deps, ctx, ({ tx }) => findOrganization(tx, ctx.organizationId));
  return org?.name ?? '';
}
