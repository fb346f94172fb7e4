import type { Catalogue } from './catalogue';

/** Oversight: approvals, audit trail, users and the Dinas registry. */
export const admin = {
  approvals: {
    title: { id: 'Persetujuan (maker-checker)', en: 'Approvals (maker-checker)' },
    empty: { id: 'Tidak ada permintaan yang menunggu.', en: 'Nothing is waiting.' },
    approve: { id: 'Setujui', en: 'Approve' },
    reject: { id: 'Tolak', en: 'Reject' },
    reason: { id: 'Alasan penolakan', en: 'Reason' },
    requestedBy: { id: 'Diminta oleh', en: 'Requested by' },
  },
  audit: {
    title: { id: 'Jejak audit', en: 'Audit trail' },
    when: { id: 'Waktu', en: 'When' },
    who: { id: 'Pengguna', en: 'User' },
    action: { id: 'Tindakan', en: 'Action' },
    entity: { id: 'Objek', en: 'Entity' },
  },
  users: {
    title: { id: 'Pengguna', en: 'Users' },
    add: { id: 'Tambah pengguna', en: 'Add user' },
    fullName: { id: 'Nama lengkap', en: 'Full name' },
    roles: { id: 'Peran', en: 'Roles' },
    save: { id: 'Simpan', en: 'Save' },
  },
  registry: {
    title: { id: 'Koperasi binaan', en: 'Supervised cooperatives' },
    name: { id: 'Nama', en: 'Name' },
    type: { id: 'Jenis', en: 'Type' },
    nik: { id: 'NIK koperasi', en: 'Cooperative NIK' },
  },
} satisfies Catalogue;
