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

/** A small chart for ledger tests (the real templates are tested on their own). */
export const TEST_CHART: ChartAccount[] = [
  testAccount('1', 'Aset'),
  testAccount('1101', 'Kas', { role: 'cash', cashFlowClass: 'cash' }),
  testAccount('1110', 'Pinjaman anggota'),
  testAccount('2', 'Kewajiban'),
  testAccount('2101', 'Simpanan sukarela'),
  testAccount('3', 'Ekuitas'),
  testAccount('3101', 'Simpanan pokok'),
  testAccount('3107', 'SHU tahun berjalan', { role: 'shuCurrentYear' }),
  testAccount('3108', 'SHU belum dibagi', { role: 'shuUndistributed' }),
  testAccount('4', 'Pendapatan'),
  testAccount('4101', 'Jasa pinjaman'),
  testAccount('5', 'Beban'),
  testAccount('5101', 'Beban bunga simpanan'),
  testAccount('5201', 'Gaji'),
  testAccount('1160', 'Rekening antar kantor', { role: 'interOffice' }),
  testAccount('5210', 'Selisih kas', { role: 'cashVariance' }),
];
