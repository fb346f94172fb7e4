import type { ChartAccount } from '../../src/services/ledger.js';
import { TEST_CHART } from './chart.js';

const acc = (
  code: string,
  name: string,
  type: ChartAccount['type'],
  role: string,
): ChartAccount => ({
  code,
  name,
  type,
  normalBalance: type === 'aset' || type === 'beban' ? 'debit' : 'credit',
  parentCode: { aset: '1', kewajiban: '2', ekuitas: '3', pendapatan: '4', beban: '5' }[type],
  isPostable: true,
  role,
});

/** The test chart plus the accounts loans post to, by the roles of the chart templates. */
export const LOANS_TEST_CHART: ChartAccount[] = [
  ...TEST_CHART,
  acc('1120', 'Piutang pinjaman anggota', 'aset', 'loansMembers'),
  acc('1121', 'Piutang bunga pinjaman', 'aset', 'interestReceivable'),
  { ...acc('1122', 'PPAP', 'aset', 'ppap'), normalBalance: 'credit' },
  acc('1130', 'Piutang murabahah', 'aset', 'murabahahReceivable'),
  {
    ...acc('1131', 'Margin murabahah ditangguhkan', 'aset', 'deferredMargin'),
    normalBalance: 'credit',
  },
  acc('1140', 'Pinjaman qardh', 'aset', 'qardh'),
  acc('2150', 'Dana kebajikan', 'kewajiban', 'socialFund'),
  acc('4110', 'Jasa pinjaman anggota', 'pendapatan', 'loanInterestIncomeMember'),
  acc('4111', 'Pendapatan provisi', 'pendapatan', 'provisiIncome'),
  acc('4112', 'Pendapatan administrasi', 'pendapatan', 'adminIncome'),
  acc('4113', 'Pendapatan denda', 'pendapatan', 'penaltyIncome'),
  acc('4114', 'Pendapatan margin murabahah', 'pendapatan', 'marginIncome'),
  acc('4115', 'Pendapatan ujrah', 'pendapatan', 'ujrahIncome'),
  acc('4116', 'Penerimaan pinjaman yang telah dihapusbukukan', 'pendapatan', 'recoveryIncome'),
  acc('5120', 'Beban penyisihan piutang', 'beban', 'provisionExpense'),
];
