import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

const id = {
  app: { name: 'Sokoguru', tagline: 'Sistem koperasi modern' },
  login: {
    title: 'Masuk ke Sokoguru',
    username: 'Nama pengguna',
    password: 'Kata sandi',
    submit: 'Masuk',
    demo: 'Coba akun demo, misalnya ksp.admin, ksp.kasir atau ksp.anggota (kata sandi Sokoguru#2026).',
  },
  nav: {
    dashboard: 'Beranda',
    kasir: 'Kasir',
    anggota: 'Beranda Anggota',
    statements: 'Laporan keuangan',
    accounts: 'Bagan akun',
    journal: 'Jurnal',
    approvals: 'Persetujuan',
    audit: 'Jejak audit',
    users: 'Pengguna',
    registry: 'Koperasi binaan',
    password: 'Ganti kata sandi',
    logout: 'Keluar',
  },
  org: {
    switch: 'Organisasi',
    type: 'Jenis',
    nik: 'NIK koperasi',
    badanHukum: 'Badan hukum',
    address: 'Alamat',
    region: 'Wilayah',
    branches: 'Kantor',
  },
  kasir: {
    title: 'Kasir',
    welcome: 'Selamat bertugas, {{name}}.',
    can: 'Yang dapat Anda lakukan: membuka sesi kas di meja Anda dengan modal awal, mencatat kas masuk dan kas keluar, dan menutup sesi dengan hitungan fisik; selisih dicatat dengan alasannya.',
    session: 'Sesi kas Anda',
    noSession: 'Belum ada sesi kas terbuka.',
    expected: 'Kas seharusnya',
  },
  anggota: { title: 'Beranda Anggota', welcome: 'Halo, {{name}}.', member: 'Anggota {{org}}' },
  statements: {
    title: 'Laporan keuangan',
    kind: 'Laporan',
    period: 'Periode',
    show: 'Tampilkan',
    pdf: 'Unduh PDF',
    xlsx: 'Unduh Excel',
    kinds: {
      neraca: 'Neraca',
      phu: 'Perhitungan Hasil Usaha',
      'neraca-saldo': 'Neraca Saldo',
      'arus-kas': 'Arus Kas',
      'perubahan-ekuitas': 'Perubahan Ekuitas',
    },
  },
  accounts: {
    title: 'Bagan akun',
    code: 'Kode',
    name: 'Nama',
    type: 'Jenis',
    role: 'Peran',
    active: 'Aktif',
  },
  journal: {
    title: 'Jurnal',
    date: 'Tanggal',
    number: 'Nomor',
    description: 'Keterangan',
    total: 'Jumlah',
  },
  approvals: {
    title: 'Persetujuan (maker-checker)',
    empty: 'Tidak ada permintaan yang menunggu.',
    approve: 'Setujui',
    reject: 'Tolak',
    reason: 'Alasan penolakan',
    requestedBy: 'Diminta oleh',
  },
  audit: {
    title: 'Jejak audit',
    when: 'Waktu',
    who: 'Pengguna',
    action: 'Tindakan',
    entity: 'Objek',
  },
  users: {
    title: 'Pengguna',
    add: 'Tambah pengguna',
    fullName: 'Nama lengkap',
    roles: 'Peran',
    save: 'Simpan',
  },
  registry: { title: 'Koperasi binaan', name: 'Nama', type: 'Jenis', nik: 'NIK koperasi' },
  password: {
    title: 'Ganti kata sandi',
    current: 'Kata sandi sekarang',
    next: 'Kata sandi baru',
    save: 'Simpan',
    done: 'Kata sandi diganti.',
  },
  common: {
    loading: 'Memuat…',
    error: 'Terjadi kesalahan',
    saved: 'Tersimpan',
    language: 'Bahasa',
  },
};

const en: typeof id = {
  app: { name: 'Sokoguru', tagline: 'Modern cooperative system' },
  login: {
    title: 'Sign in to Sokoguru',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    demo: 'Try a demo account such as ksp.admin, ksp.kasir or ksp.anggota (password Sokoguru#2026).',
  },
  nav: {
    dashboard: 'Home',
    kasir: 'Teller',
    anggota: 'Member home',
    statements: 'Financial statements',
    accounts: 'Chart of accounts',
    journal: 'Journal',
    approvals: 'Approvals',
    audit: 'Audit trail',
    users: 'Users',
    registry: 'Supervised cooperatives',
    password: 'Change password',
    logout: 'Sign out',
  },
  org: {
    switch: 'Organisation',
    type: 'Type',
    nik: 'Cooperative NIK',
    badanHukum: 'Legal entity',
    address: 'Address',
    region: 'Region',
    branches: 'Offices',
  },
  kasir: {
    title: 'Teller',
    welcome: 'Have a good shift, {{name}}.',
    can: 'What you can do: open a cash session at your desk with a float, record cash in and cash out, and close the session with a physical count; any difference is posted with its reason.',
    session: 'Your cash session',
    noSession: 'No open cash session.',
    expected: 'Expected cash',
  },
  anggota: { title: 'Member home', welcome: 'Hello, {{name}}.', member: 'Member of {{org}}' },
  statements: {
    title: 'Financial statements',
    kind: 'Statement',
    period: 'Period',
    show: 'Show',
    pdf: 'Download PDF',
    xlsx: 'Download Excel',
    kinds: {
      neraca: 'Balance sheet',
      phu: 'Income statement (SHU)',
      'neraca-saldo': 'Trial balance',
      'arus-kas': 'Cash flow',
      'perubahan-ekuitas': 'Changes in equity',
    },
  },
  accounts: {
    title: 'Chart of accounts',
    code: 'Code',
    name: 'Name',
    type: 'Type',
    role: 'Role',
    active: 'Active',
  },
  journal: {
    title: 'Journal',
    date: 'Date',
    number: 'Number',
    description: 'Description',
    total: 'Amount',
  },
  approvals: {
    title: 'Approvals (maker-checker)',
    empty: 'Nothing is waiting.',
    approve: 'Approve',
    reject: 'Reject',
    reason: 'Reason',
    requestedBy: 'Requested by',
  },
  audit: { title: 'Audit trail', when: 'When', who: 'User', action: 'Action', entity: 'Entity' },
  users: { title: 'Users', add: 'Add user', fullName: 'Full name', roles: 'Roles', save: 'Save' },
  registry: {
    title: 'Supervised cooperatives',
    name: 'Name',
    type: 'Type',
    nik: 'Cooperative NIK',
  },
  password: {
    title: 'Change password',
    current: 'Current password',
    next: 'New password',
    save: 'Save',
    done: 'Password changed.',
  },
  common: {
    loading: 'Loading…',
    error: 'Something went wrong',
    saved: 'Saved',
    language: 'Language',
  },
};

export type Lang = 'id' | 'en';
export const savedLang = (): Lang => (localStorage.getItem('sokoguru.lang') === 'en' ? 'en' : 'id');

void i18n.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: savedLang(),
  fallbackLng: 'id',
  interpolation: { escapeValue: false },
});

export function setLang(lang: Lang): void {
  localStorage.setItem('sokoguru.lang', lang);
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

export default i18n;
