/**
 * Chart-of-accounts templates per cooperative type, following docs/domain/accounting.md (the
 * ministry's savings-and-loan accounting guideline, SAK EP): 4-digit codes whose first digit is the
 * class, groups of two digits, Indonesian names. `role` marks the accounts the software posts to.
 * A cooperative adds its own accounts under any group; these are only the starting point.
 */
import type { AccountDefinition, AccountType, CashFlowClass } from './account.js';

export type CooperativeType = 'KSP' | 'KSPPS' | 'KONSUMEN' | 'PRODUSEN' | 'PEMASARAN' | 'JASA';

export interface TemplateAccount extends AccountDefinition {
  role?: string;
  cashFlowClass?: CashFlowClass;
}

const CLASS: Record<string, { name: string; type: AccountType }> = {
  '1': { name: 'Aset', type: 'aset' },
  '2': { name: 'Kewajiban', type: 'kewajiban' },
  '3': { name: 'Ekuitas', type: 'ekuitas' },
  '4': { name: 'Pendapatan', type: 'pendapatan' },
  '5': { name: 'Beban', type: 'beban' },
};
const NORMAL: Record<AccountType, 'debit' | 'credit'> = {
  aset: 'debit',
  beban: 'debit',
  kewajiban: 'credit',
  ekuitas: 'credit',
  pendapatan: 'credit',
};

type Row = [
  code: string,
  name: string,
  options?: { role?: string; cash?: CashFlowClass; contra?: boolean },
];

const GROUPS: Record<string, string> = {
  '11': 'Aset lancar',
  '12': 'Investasi jangka panjang',
  '13': 'Aset tetap',
  '14': 'Aset lain-lain',
  '21': 'Kewajiban jangka pendek',
  '22': 'Kewajiban jangka panjang',
  '31': 'Ekuitas',
  '41': 'Pendapatan dari partisipasi anggota',
  '42': 'Pendapatan dari non-anggota',
  '43': 'Pendapatan lain-lain',
  '51': 'Beban usaha',
  '52': 'Beban organisasi dan umum',
  '53': 'Beban pajak',
};

const COMMON_ASSETS: Row[] = [
  ['1101', 'Kas', { role: 'cash', cash: 'cash' }],
  ['1102', 'Kas kecil', { cash: 'cash' }],
  ['1103', 'Bank', { role: 'bank', cash: 'cash' }],
  ['1104', 'Penempatan pada bank / koperasi lain (deposito)', { cash: 'investing' }],
  ['1130', 'Piutang lain-lain'],
  ['1150', 'Beban dibayar di muka'],
  ['1160', 'Rekening antar kantor', { role: 'interOffice' }],
  ['1201', 'Penyertaan pada koperasi sekunder / lainnya', { cash: 'investing' }],
  ['1301', 'Tanah', { cash: 'investing' }],
  ['1302', 'Bangunan', { cash: 'investing' }],
  ['1303', 'Kendaraan', { cash: 'investing' }],
  ['1304', 'Inventaris kantor', { cash: 'investing' }],
  ['1309', 'Akumulasi penyusutan', { contra: true }],
  ['1401', 'Aset tak berwujud (perangkat lunak)', { cash: 'investing' }],
  ['1402', 'Aset lain-lain', { cash: 'investing' }],
  // Migration: imported opening balances of members' savings land against this account until the
  // accountant's opening entry of the other balances clears it to zero.
  ['1199', 'Rekening perantara saldo awal (migrasi)', { role: 'openingBalanceClearing' }],
];

const COMMON_LIABILITIES_EQUITY: Row[] = [
  ['2104', 'Utang pajak', { role: 'taxPayable' }],
  [
    '2105',
    'Dana-dana SHU (pengurus, karyawan, pendidikan, sosial, pembangunan daerah kerja)',
    { role: 'shuFunds' },
  ],
  ['2106', 'SHU bagian anggota yang belum dibayar', { role: 'shuMembersPayable' }],
  ['2107', 'Titipan (angsuran dibayar di muka, titipan lain)', { role: 'deposits' }],
  ['2108', 'Utang bank / LPDB jangka pendek', { cash: 'financing' }],
  ['2109', 'Utang lain-lain'],
  ['2201', 'Pinjaman bank', { cash: 'financing' }],
  ['2202', 'Pinjaman LPDB-KUMKM / dana bergulir', { cash: 'financing' }],
  ['2203', 'Pinjaman koperasi lain', { cash: 'financing' }],
  ['3101', 'Simpanan pokok', { role: 'simpananPokok', cash: 'financing' }],
  ['3102', 'Simpanan wajib', { role: 'simpananWajib', cash: 'financing' }],
  ['3103', 'Modal penyertaan', { cash: 'financing' }],
  ['3104', 'Hibah / donasi', { cash: 'financing' }],
  ['3105', 'Cadangan umum', { role: 'reserveGeneral', cash: 'financing' }],
  ['3106', 'Cadangan risiko', { cash: 'financing' }],
  ['3107', 'SHU tahun berjalan', { role: 'shuCurrentYear', cash: 'financing' }],
  ['3108', 'SHU belum dibagi', { role: 'shuUndistributed', cash: 'financing' }],
];

const COMMON_EXPENSES: Row[] = [
  ['5201', 'Gaji dan tunjangan karyawan'],
  ['5202', 'Honor pengurus dan pengawas'],
  ['5203', 'Beban RAT'],
  ['5204', 'Pendidikan dan pelatihan'],
  ['5205', 'Penyusutan'],
  ['5206', 'Listrik, air, telepon, internet'],
  ['5207', 'Alat tulis dan cetak'],
  ['5208', 'Sewa'],
  ['5209', 'Beban umum lain'],
  ['5210', 'Selisih kas', { role: 'cashVariance' }],
  ['5301', 'Pajak penghasilan badan'],
  ['4301', 'Jasa / bunga bank', { role: 'bankInterestIncome' }],
  ['4302', 'Penerimaan pinjaman yang telah dihapusbukukan', { role: 'recoveryIncome' }],
  ['4303', 'Pendapatan lain-lain'],
];

const KSP: Row[] = [
  ...COMMON_ASSETS,
  ['1110', 'Pinjaman yang diberikan kepada anggota', { role: 'loansMembers' }],
  [
    '1111',
    'Pinjaman yang diberikan kepada calon anggota / koperasi lain',
    { role: 'loansNonMembers' },
  ],
  ['1119', 'Penyisihan penghapusan pinjaman (PPAP)', { role: 'ppap', contra: true }],
  ['1120', 'Pendapatan jasa pinjaman yang akan diterima', { role: 'interestReceivable' }],
  ['1140', 'Persediaan'],
  ['2101', 'Simpanan sukarela', { role: 'savingsSukarela' }],
  ['2102', 'Simpanan berjangka', { role: 'savingsBerjangka' }],
  ['2103', 'Beban bunga simpanan yang masih harus dibayar', { role: 'interestPayable' }],
  ...COMMON_LIABILITIES_EQUITY,
  ['4101', 'Jasa pinjaman anggota', { role: 'loanInterestIncomeMember' }],
  ['4102', 'Provisi', { role: 'provisiIncome' }],
  ['4103', 'Administrasi', { role: 'adminIncome' }],
  ['4104', 'Denda', { role: 'penaltyIncome' }],
  ['4201', 'Jasa pinjaman non-anggota / calon anggota', { role: 'loanInterestIncomeNonMember' }],
  ['4202', 'Provisi dan administrasi non-anggota'],
  ['5101', 'Beban bunga simpanan sukarela', { role: 'savingsInterestExpense' }],
  ['5102', 'Beban bunga simpanan berjangka', { role: 'depositInterestExpense' }],
  ['5103', 'Beban bunga pinjaman bank / LPDB'],
  ['5104', 'Beban penyisihan penghapusan pinjaman', { role: 'provisionExpense' }],
  ...COMMON_EXPENSES,
];

// KSPPS: the sharia replacements of accounting.md. Late charges (ta'zir) go to the social fund
// (dana kebajikan), never to income.
const KSPPS: Row[] = [
  ...COMMON_ASSETS,
  ['1110', 'Piutang murabahah', { role: 'murabahahReceivable' }],
  ['1112', 'Margin murabahah ditangguhkan', { role: 'deferredMargin', contra: true }],
  ['1113', 'Pembiayaan mudharabah', { role: 'mudharabahFinancing' }],
  ['1114', 'Pembiayaan musyarakah', { role: 'musyarakahFinancing' }],
  ['1115', 'Piutang ijarah / ujrah', { role: 'ijarahReceivable' }],
  ['1116', 'Pinjaman qardh', { role: 'qardh' }],
  // ta'widh: the real collection costs charged to a member (docs/domain/sharia-late-payment.md)
  ['1117', "Piutang ta'widh (biaya penagihan)", { role: 'tawidhReceivable' }],
  // bagi hasil of an approved laporan usaha, not yet paid (docs/domain/sharia-financing.md)
  ['1118', 'Piutang pendapatan bagi hasil', { role: 'interestReceivable' }],
  ['1119', 'Penyisihan penghapusan pembiayaan (PPAP)', { role: 'ppap', contra: true }],
  ['1140', 'Persediaan'],
  ['2101', 'Simpanan wadiah', { role: 'savingsSukarela' }],
  ['2102', 'Simpanan mudharabah', { role: 'savingsMudharabah' }],
  ['2103', 'Simpanan mudharabah berjangka', { role: 'savingsBerjangka' }],
  ['2110', 'Bagi hasil simpanan yang masih harus dibayar', { role: 'interestPayable' }],
  ['2120', 'Dana kebajikan (qardhul hasan)', { role: 'socialFund' }],
  ...COMMON_LIABILITIES_EQUITY,
  ['4101', 'Pendapatan margin murabahah', { role: 'marginIncome' }],
  ['4102', 'Pendapatan bagi hasil', { role: 'profitShareIncome' }],
  ['4103', 'Pendapatan ujrah', { role: 'ujrahIncome' }],
  ['4104', 'Pendapatan administrasi pembiayaan', { role: 'adminIncome' }],
  ['4201', 'Pendapatan dari non-anggota'],
  ['5101', 'Bagi hasil simpanan mudharabah', { role: 'savingsInterestExpense' }],
  ['5102', 'Bagi hasil simpanan mudharabah berjangka', { role: 'depositInterestExpense' }],
  ['5104', 'Beban penyisihan penghapusan pembiayaan', { role: 'provisionExpense' }],
  ['5105', 'Beban penagihan pembiayaan', { role: 'collectionExpense' }],
  ['5106', 'Kerugian investasi mudharabah / musyarakah', { role: 'investmentLoss' }],
  // A KSPPS places its funds with sharia banks, which pay bagi hasil or a bonus: halal income.
  // Interest of a conventional bank is not income at all: it goes to the dana kebajikan as a
  // non-halal receipt (docs/domain/baitul-maal.md).
  ...COMMON_EXPENSES.filter(([code]) => code !== '4301'),
  ['4301', 'Bagi hasil / bonus penempatan pada bank syariah', { role: 'bankInterestIncome' }],
];

// Consumer / retail cooperatives keep the general savings accounts (many run a savings unit) and
// add trade accounts.
const KONSUMEN: Row[] = [
  ...COMMON_ASSETS,
  ['1110', 'Piutang usaha anggota', { role: 'loansMembers' }],
  ['1105', 'Dana QRIS dalam penyelesaian', { role: 'qrisClearing', cash: 'cash' }],
  ['1131', 'Piutang kredit barang anggota', { role: 'goodsCreditReceivable' }],
  ['1140', 'Persediaan barang dagangan', { role: 'inventory' }],
  ['2101', 'Simpanan sukarela', { role: 'savingsSukarela' }],
  ['2103', 'Beban bunga simpanan yang masih harus dibayar', { role: 'interestPayable' }],
  ['2110', 'Utang dagang', { role: 'tradePayable' }],
  ['2111', 'Utang titip jual (konsinyasi) kepada anggota', { role: 'consignmentPayable' }],
  ...COMMON_LIABILITIES_EQUITY,
  ['4110', 'Penjualan kepada anggota', { role: 'salesMembers' }],
  ['4210', 'Penjualan kepada non-anggota', { role: 'salesNonMembers' }],
  ['5101', 'Beban bunga simpanan sukarela', { role: 'savingsInterestExpense' }],
  ['5110', 'Harga pokok penjualan', { role: 'costOfGoodsSold' }],
  ['5112', 'Selisih persediaan (stock opname)', { role: 'inventoryVariance' }],
  ...COMMON_EXPENSES,
];

function build(rows: Row[]): TemplateAccount[] {
  const out: TemplateAccount[] = [];
  for (const [c, v] of Object.entries(CLASS))
    out.push({
      code: c,
      name: v.name,
      type: v.type,
      normalBalance: NORMAL[v.type],
      parentCode: null,
      isPostable: false,
    });
  const groups = new Set(rows.map(([code]) => code.slice(0, 2)));
  for (const g of [...groups].sort()) {
    const cls = CLASS[g.slice(0, 1)];
    if (!cls) throw new Error(`unknown class for group ${g}`);
    out.push({
      code: g,
      name: GROUPS[g] ?? `Kelompok ${g}`,
      type: cls.type,
      normalBalance: NORMAL[cls.type],
      parentCode: g.slice(0, 1),
      isPostable: false,
    });
  }
  for (const [code, name, o] of [...rows].sort((a, b) => a[0].localeCompare(b[0]))) {
    const cls = CLASS[code.slice(0, 1)];
    if (!cls) throw new Error(`unknown class for account ${code}`);
    const normal = o?.contra
      ? NORMAL[cls.type] === 'debit'
        ? 'credit'
        : 'debit'
      : NORMAL[cls.type];
    out.push({
      code,
      name,
      type: cls.type,
      normalBalance: normal,
      parentCode: code.slice(0, 2),
      isPostable: true,
      ...(o?.role ? { role: o.role } : {}),
      cashFlowClass: o?.cash ?? 'operating',
    });
  }
  return out;
}

/** The starting chart for a cooperative of this type (produsen, pemasaran and jasa use the consumer chart). */
export function chartTemplateFor(type: CooperativeType): TemplateAccount[] {
  switch (type) {
    case 'KSP':
      return build(KSP);
    case 'KSPPS':
      return build(KSPPS);
    case 'KONSUMEN':
    case 'PRODUSEN':
    case 'PEMASARAN':
    case 'JASA':
      return build(KONSUMEN);
  }
}
