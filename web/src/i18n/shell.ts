import type { Catalogue } from './catalogue';

/** The shell: sign-in, navigation, organisation, password and words every page uses. */
export const shell = {
  app: {
    name: { id: 'Sokoguru', en: 'Sokoguru' },
    tagline: { id: 'Sistem koperasi modern', en: 'Modern cooperative system' },
  },
  login: {
    title: { id: 'Masuk ke Sokoguru', en: 'Sign in to Sokoguru' },
    username: { id: 'Nama pengguna', en: 'Username' },
    password: { id: 'Kata sandi', en: 'Password' },
    submit: { id: 'Masuk', en: 'Sign in' },
    demo: {
      id: 'Coba akun demo, misalnya ksp.admin, ksp.kasir atau ksp.anggota (kata sandi Sokoguru#2026).',
      en: 'Try a demo account such as ksp.admin, ksp.kasir or ksp.anggota (password Sokoguru#2026).',
    },
  },
  nav: {
    dashboard: { id: 'Beranda', en: 'Home' },
    kasir: { id: 'Kasir', en: 'Teller' },
    anggota: { id: 'Beranda Anggota', en: 'Member home' },
    members: { id: 'Anggota', en: 'Members' },
    loans: { id: 'Pinjaman', en: 'Loans' },
    statements: { id: 'Laporan keuangan', en: 'Financial statements' },
    accounts: { id: 'Bagan akun', en: 'Chart of accounts' },
    journal: { id: 'Jurnal', en: 'Journal' },
    books: { id: 'Pembukuan', en: 'Books' },
    approvals: { id: 'Persetujuan', en: 'Approvals' },
    audit: { id: 'Jejak audit', en: 'Audit trail' },
    users: { id: 'Pengguna', en: 'Users' },
    registry: { id: 'Koperasi binaan', en: 'Supervised cooperatives' },
    password: { id: 'Ganti kata sandi', en: 'Change password' },
    logout: { id: 'Keluar', en: 'Sign out' },
  },
  org: {
    switch: { id: 'Organisasi', en: 'Organisation' },
    type: { id: 'Jenis', en: 'Type' },
    nik: { id: 'NIK koperasi', en: 'Cooperative NIK' },
    badanHukum: { id: 'Badan hukum', en: 'Legal entity' },
    address: { id: 'Alamat', en: 'Address' },
    region: { id: 'Wilayah', en: 'Region' },
    branches: { id: 'Kantor', en: 'Offices' },
  },
  password: {
    title: { id: 'Ganti kata sandi', en: 'Change password' },
    current: { id: 'Kata sandi sekarang', en: 'Current password' },
    next: { id: 'Kata sandi baru', en: 'New password' },
    save: { id: 'Simpan', en: 'Save' },
    done: { id: 'Kata sandi diganti.', en: 'Password changed.' },
  },
  common: {
    loading: { id: 'Memuat…', en: 'Loading…' },
    error: { id: 'Terjadi kesalahan', en: 'Something went wrong' },
    saved: { id: 'Tersimpan', en: 'Saved' },
    language: { id: 'Bahasa', en: 'Language' },
  },
} satisfies Catalogue;
