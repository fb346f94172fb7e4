import type { Catalogue } from './catalogue';

/** The manager's dashboard (Beranda): figures, charts and their text alternatives. */
export const dashboard = {
  dashboard: {
    heading: { id: 'Ringkasan koperasi', en: 'The cooperative at a glance' },
    asOf: {
      id: 'Per {{date}}; tren 12 bulan terakhir',
      en: 'As of {{date}}; trend over the last 12 months',
    },
    showData: { id: 'Lihat data', en: 'Show data' },
    month: { id: 'Bulan', en: 'Month' },
    profile: { id: 'Profil koperasi', en: 'Cooperative profile' },
    members: {
      title: { id: 'Anggota', en: 'Members' },
      count: { id: 'Anggota', en: 'Members' },
      joined: { id: 'Masuk', en: 'Joined' },
      left: { id: 'Keluar', en: 'Left' },
      summary: {
        id: '{{members}} anggota pada akhir bulan ini; bulan ini {{joined}} masuk dan {{left}} keluar. Dua belas bulan lalu {{first}}.',
        en: '{{members}} members at the end of this month; {{joined}} joined and {{left}} left this month. Twelve months ago {{first}}.',
      },
    },
    savings: {
      title: { id: 'Simpanan per jenis', en: 'Savings by kind' },
      pokok: { id: 'Pokok', en: 'Principal (pokok)' },
      wajib: { id: 'Wajib', en: 'Mandatory (wajib)' },
      sukarela: { id: 'Sukarela', en: 'Voluntary (sukarela)' },
      berjangka: { id: 'Berjangka', en: 'Term (berjangka)' },
      total: { id: 'Jumlah', en: 'Total' },
      summary: {
        id: 'Simpanan anggota {{total}}: pokok {{pokok}}, wajib {{wajib}}, sukarela {{sukarela}}, berjangka {{berjangka}}; dua belas bulan lalu {{first}}.',
        en: "Members' savings {{total}}: pokok {{pokok}}, wajib {{wajib}}, sukarela {{sukarela}}, berjangka {{berjangka}}; twelve months ago {{first}}.",
      },
    },
    loans: {
      title: { id: 'Pinjaman beredar', en: 'Loans outstanding' },
      outstanding: { id: 'Sisa pokok', en: 'Outstanding' },
      summary: {
        id: '{{loans}} pinjaman aktif, sisa pokok {{outstanding}}; dua belas bulan lalu {{first}}.',
        en: '{{loans}} active loans, {{outstanding}} outstanding; twelve months ago {{first}}.',
      },
      none: { id: 'belum ada', en: 'none' },
    },
    npl: {
      title: { id: 'NPL (pinjaman bermasalah)', en: 'NPL (non-performing loans)' },
      percent: { id: 'NPL %', en: 'NPL %' },
      limit: { id: 'Batas sehat 5%', en: 'Healthy limit 5%' },
      summary: {
        id: 'NPL {{npl}}% ({{bad}} kurang lancar, diragukan dan macet); batas sehat 5%. Bulan tanpa tutup bulan tidak bernilai.',
        en: 'NPL {{npl}}% ({{bad}} substandard, doubtful and loss); healthy limit 5%. Months without a month-end have no value.',
      },
    },
    collectibility: {
      title: { id: 'Kolektibilitas', en: 'Collectibility' },
      class: { id: 'Golongan', en: 'Class' },
      loans: { id: 'Pinjaman', en: 'Loans' },
      L: { id: 'Lancar', en: 'Current (L)' },
      KL: { id: 'Kurang Lancar', en: 'Substandard (KL)' },
      D: { id: 'Diragukan', en: 'Doubtful (D)' },
      M: { id: 'Macet', en: 'Loss (M)' },
      summary: {
        id: 'Sisa pokok per golongan: Lancar {{L}}, Kurang Lancar {{KL}}, Diragukan {{D}}, Macet {{M}}.',
        en: 'Outstanding by class: current {{L}}, substandard {{KL}}, doubtful {{D}}, loss {{M}}.',
      },
    },
    cash: {
      title: { id: 'Kas dan bank', en: 'Cash and bank' },
      cash: { id: 'Kas', en: 'Cash' },
      bank: { id: 'Bank', en: 'Bank' },
      summary: {
        id: 'Kas {{cash}} dan bank {{bank}} pada akhir bulan ini; dua belas bulan lalu {{first}}.',
        en: 'Cash {{cash}} and bank {{bank}} at the end of this month; twelve months ago {{first}}.',
      },
    },
    liquidity: {
      title: { id: 'Likuiditas (rasio kas)', en: 'Liquidity (cash ratio)' },
      ratio: { id: 'Rasio kas %', en: 'Cash ratio %' },
      summary: {
        id: 'Kas dan bank {{cashBank}} terhadap kewajiban lancar {{liabilities}}: rasio kas {{ratio}}.',
        en: 'Cash and bank {{cashBank}} against current liabilities {{liabilities}}: cash ratio {{ratio}}.',
      },
      none: { id: 'tidak ada kewajiban lancar', en: 'no current liabilities' },
    },
    shu: {
      title: { id: 'SHU tahun berjalan {{year}}', en: 'SHU of the year so far {{year}}' },
      income: { id: 'Pendapatan', en: 'Income' },
      expense: { id: 'Beban', en: 'Expenses' },
      ytd: { id: 'SHU s.d. bulan ini', en: 'SHU year to date' },
      summary: {
        id: 'Tahun {{year}} sampai hari ini: pendapatan {{income}}, beban {{expense}}, SHU {{shu}}.',
        en: 'Year {{year}} to date: income {{income}}, expenses {{expense}}, SHU {{shu}}.',
      },
    },
    counter: {
      title: { id: 'Kasir hari ini', en: 'The counter today' },
      sessions: {
        id: '{{open}} sesi kas terbuka, {{closed}} ditutup; {{count}} transaksi.',
        en: '{{open}} cash sessions open, {{closed}} closed; {{count}} transactions.',
      },
      kind: { id: 'Jenis', en: 'Kind' },
      count: { id: 'Transaksi', en: 'Transactions' },
      cashIn: { id: 'Kas masuk', en: 'Cash in' },
      cashOut: { id: 'Kas keluar', en: 'Cash out' },
      total: { id: 'Jumlah', en: 'Total' },
      none: {
        id: 'Belum ada transaksi di kasir hari ini.',
        en: 'No counter transactions today yet.',
      },
      kinds: {
        savings_deposit: { id: 'Setoran simpanan', en: 'Savings deposits' },
        savings_withdrawal: { id: 'Penarikan simpanan', en: 'Savings withdrawals' },
        loan_disbursement: { id: 'Pencairan pinjaman', en: 'Loan disbursements' },
        loan_repayment: { id: 'Angsuran pinjaman', en: 'Loan instalments' },
        loan_payoff: { id: 'Pelunasan pinjaman', en: 'Loan payoffs' },
        loan_recovery: {
          id: 'Penerimaan pinjaman hapus buku',
          en: 'Recoveries on written-off loans',
        },
        cash_variance: { id: 'Selisih kas', en: 'Cash variance' },
      },
    },
  },
} satisfies Catalogue;
