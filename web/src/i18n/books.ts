import type { Catalogue } from './catalogue';

/** The books: statements, chart of accounts, journal, manual entries and month close. */
export const books = {
  statements: {
    title: { id: 'Laporan keuangan', en: 'Financial statements' },
    kind: { id: 'Laporan', en: 'Statement' },
    period: { id: 'Periode', en: 'Period' },
    show: { id: 'Tampilkan', en: 'Show' },
    pdf: { id: 'Unduh PDF', en: 'Download PDF' },
    xlsx: { id: 'Unduh Excel', en: 'Download Excel' },
    kinds: {
      neraca: { id: 'Neraca', en: 'Balance sheet' },
      phu: { id: 'Perhitungan Hasil Usaha', en: 'Income statement (SHU)' },
      'neraca-saldo': { id: 'Neraca Saldo', en: 'Trial balance' },
      'arus-kas': { id: 'Arus Kas', en: 'Cash flow' },
      'perubahan-ekuitas': { id: 'Perubahan Ekuitas', en: 'Changes in equity' },
    },
  },
  accounts: {
    title: { id: 'Bagan akun', en: 'Chart of accounts' },
    code: { id: 'Kode', en: 'Code' },
    name: { id: 'Nama', en: 'Name' },
    type: { id: 'Jenis', en: 'Type' },
    role: { id: 'Peran', en: 'Role' },
    active: { id: 'Aktif', en: 'Active' },
    add: { id: 'Tambah akun', en: 'Add an account' },
    parent: { id: 'Kode induk (kelompok)', en: 'Parent (group) code' },
    newCode: { id: 'Kode baru', en: 'New code' },
    accountName: { id: 'Nama akun', en: 'Account name' },
    save: { id: 'Simpan', en: 'Save' },
  },
  journal: {
    title: { id: 'Jurnal', en: 'Journal' },
    date: { id: 'Tanggal', en: 'Date' },
    number: { id: 'Nomor', en: 'Number' },
    description: { id: 'Keterangan', en: 'Description' },
    total: { id: 'Jumlah', en: 'Amount' },
  },
  books: {
    manual: {
      id: 'Jurnal memorial (perlu persetujuan)',
      en: 'Manual (memorial) entry (needs approval)',
    },
    date: { id: 'Tanggal', en: 'Date' },
    description: { id: 'Keterangan', en: 'Description' },
    account: { id: 'Kode akun', en: 'Account code' },
    debit: { id: 'Debet', en: 'Debit' },
    credit: { id: 'Kredit', en: 'Credit' },
    addLine: { id: 'Tambah baris', en: 'Add line' },
    submit: { id: 'Ajukan jurnal', en: 'Submit entry' },
    submitted: {
      id: 'Jurnal diajukan; akan diposting setelah disetujui pengguna lain.',
      en: 'Entry submitted; it posts when another user approves it.',
    },
    unbalanced: {
      id: 'Debet dan kredit belum seimbang.',
      en: 'Debits and credits do not balance yet.',
    },
    periods: { id: 'Periode', en: 'Periods' },
    period: { id: 'Bulan', en: 'Month' },
    status: { id: 'Status', en: 'Status' },
    open: { id: 'Terbuka', en: 'Open' },
    closed: { id: 'Ditutup', en: 'Closed' },
    close: { id: 'Tutup bulan', en: 'Close month' },
    closedOk: { id: 'Bulan {{period}} ditutup.', en: 'Month {{period}} closed.' },
  },
} satisfies Catalogue;
