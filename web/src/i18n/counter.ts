import type { Catalogue } from './catalogue';

/** The teller's counter: cash session, deposits and withdrawals, cash in and out. */
export const counter = {
  kasir: {
    title: { id: 'Kasir', en: 'Teller' },
    welcome: { id: 'Selamat bertugas, {{name}}.', en: 'Have a good shift, {{name}}.' },
    can: {
      id: 'Yang dapat Anda lakukan: membuka sesi kas di meja Anda dengan modal awal, mencatat kas masuk dan kas keluar, dan menutup sesi dengan hitungan fisik; selisih dicatat dengan alasannya.',
      en: 'What you can do: open a cash session at your desk with a float, record cash in and cash out, and close the session with a physical count; any difference is posted with its reason.',
    },
    session: { id: 'Sesi kas Anda', en: 'Your cash session' },
    noSession: { id: 'Belum ada sesi kas terbuka.', en: 'No open cash session.' },
    expected: { id: 'Kas seharusnya', en: 'Expected cash' },
  },
  teller: {
    openTitle: { id: 'Buka sesi kas', en: 'Open a cash session' },
    desk: { id: 'Meja kas', en: 'Cash desk' },
    float: { id: 'Modal awal (Rp)', en: 'Opening float (Rp)' },
    open: { id: 'Buka sesi', en: 'Open session' },
    findAccount: {
      id: 'Cari rekening (nama, no. anggota, no. rekening)',
      en: 'Find an account (name, member no., account no.)',
    },
    account: { id: 'Rekening', en: 'Account' },
    amount: { id: 'Jumlah (Rp)', en: 'Amount (Rp)' },
    deposit: { id: 'Setor', en: 'Deposit' },
    withdraw: { id: 'Tarik', en: 'Withdraw' },
    done: {
      id: '{{kind}} Rp {{amount}} berhasil. Saldo: {{balance}}',
      en: '{{kind}} Rp {{amount}} done. Balance: {{balance}}',
    },
    pending: {
      id: 'Penarikan di atas batas menunggu persetujuan pengurus.',
      en: 'A withdrawal above the limit waits for approval by the board.',
    },
    receipt58: { id: 'Struk 58 mm', en: 'Receipt 58 mm' },
    receipt80: { id: 'Struk 80 mm', en: 'Receipt 80 mm' },
    receiptA4: { id: 'Bukti A4', en: 'A4 slip' },
    closeTitle: { id: 'Tutup sesi', en: 'Close the session' },
    counted: { id: 'Hasil hitung fisik (Rp)', en: 'Physical count (Rp)' },
    reason: { id: 'Alasan selisih', en: 'Reason for a difference' },
    close: { id: 'Tutup sesi', en: 'Close session' },
  },
  cash: {
    title: {
      id: 'Kas masuk / kas keluar (bukan simpanan)',
      en: 'Cash in / cash out (not savings)',
    },
    in: { id: 'Kas masuk', en: 'Cash in' },
    out: { id: 'Kas keluar', en: 'Cash out' },
    account: { id: 'Kode akun lawan', en: 'Counter account code' },
    description: { id: 'Keterangan', en: 'Description' },
    amount: { id: 'Jumlah (Rp)', en: 'Amount (Rp)' },
    save: { id: 'Catat', en: 'Record' },
    done: { id: 'Tercatat, bukti no. {{number}}.', en: 'Recorded, voucher no. {{number}}.' },
  },
} satisfies Catalogue;
