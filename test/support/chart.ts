import type { AccountType, NormalBalance } from '../../src/domain/accounting/account.js';
import type { ChartAccount } from '../../src/services/ledger.js';

const CLASS_OF_DIGIT: Record<string, AccountType> = {
  '1': 'aset',
  '2': 'kewajiban',
  '3': 'ekuitas',
  '4': 'pendapatan',
  '5': 'beban',
};
const NORMAL_BALANCE: Record<AccountType, NormalBalance> = {
  aset: 'debit',
  beban: 'debit',
  kewajiban: 'credit',
  ekuitas: 'credit',
  pendapatan: 'credit',
};

/**
 * An account of a test chart: a one-digit code is a class (a group), any longer code a postable
 * account under its first digit; its type and normal balance follow the class unless `extra` says.
 */
export function testAccount(
  code: string,
  name: string,
  extra: Partial<ChartAccount> = {},
): ChartAccount {
  const type = CLASS_OF_DIGIT[code.charAt(0)];
  if (!type) throw new Error(`test account ${code} has no class`);
  const group = code.length === 1;
  return {
    code,
    name,
    type,
    normalBalance: NORMAL_BALANCE[type],
    parentCode: group ? null : code.charAt(0),
    isPostable: !group,
    ...extra,
  };
}

const CLASS_NAME: Record<string, string> = {
  '1': 'Aset',
  '2': 'Kewajiban',
  '3': 'Ekuitas',
  '4': 'Pendapatan',
  '5': 'Beban',
};

/**
 * A test chart of these accounts (testAccount) with the class groups they hang under: each group
 * ('1' Aset … '5' Beban) stands before the first account of its class, so parents come first.
 * `extra` adds fields to a group as to an account.
 */
export function testChart(
  accounts: [code: string, name: string, extra?: Partial<ChartAccount>][],
  groupExtra: (classDigit: string) => Partial<ChartAccount> = () => ({}),
): ChartAccount[] {
  const chart: ChartAccount[] = [];
  for (const [code, name, extra] of accounts) {
    const digit = code.charAt(0);
    if (!chart.some((a) => a.code === digit))
      chart.push(testAccount(digit, CLASS_NAME[digit] ?? digit, groupExtra(digit)));
    chart.push(testAccount(code, name, extra));
  }
  return chart;
}

/** A small chart for ledger tests (the real templates are tested on their own). */
export const TEST_CHART: ChartAccount[] = testChart([
  ['1101', 'Kas', { role: 'cash', cashFlowClass: 'cash' }],
  ['1110', 'Pinjaman anggota'],
  ['2101', 'Simpanan sukarela'],
  ['3101', 'Simpanan pokok'],
  ['3107', 'SHU tahun berjalan', { role: 'shuCurrentYear' }],
  ['3108', 'SHU belum dibagi', { role: 'shuUndistributed' }],
  ['4101', 'Jasa pinjaman'],
  ['5101', 'Beban bunga simpanan'],
  ['5201', 'Gaji'],
  ['1160', 'Rekening antar kantor', { role: 'interOffice' }],
  ['5210', 'Selisih kas', { role: 'cashVariance' }],
]);
