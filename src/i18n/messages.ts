import type { AppErrorCode, ErrorParams } from '../domain/errors.js';
import type { InputFormat } from '../schemas/common.js';

export type Lang = 'id' | 'en';
export const LANGS: readonly Lang[] = ['id', 'en'];

/** User-facing messages for every error code, Bahasa Indonesia first. `{name}` is a parameter. */
export const ERROR_MESSAGES: Record<AppErrorCode, Record<Lang, string>> = {
  VALIDATION_FAILED: { id: 'Data yang dikirim tidak valid.', en: 'The submitted data is invalid.' },
  NOT_FOUND: { id: 'Data tidak ditemukan.', en: 'Not found.' },
  FORBIDDEN: {
    id: 'Anda tidak berwenang melakukan tindakan ini.',
    en: 'You are not allowed to do this.',
  },
  RATE_LIMITED: {
    id: 'Terlalu banyak permintaan. Coba lagi sebentar lagi.',
    en: 'Too many requests. Try again shortly.',
  },
  PAYLOAD_TOO_LARGE: { id: 'Data yang dikirim terlalu besar.', en: 'The request is too large.' },
  INTERNAL: {
    id: 'Terjadi kesalahan pada server. Tidak ada perubahan yang disimpan.',
    en: 'A server error occurred. Nothing was changed.',
  },
  DATABASE_UNAVAILABLE: {
    id: 'Basis data sedang tidak dapat dihubungi. Coba lagi sebentar lagi; permintaan yang diulang tidak tercatat dua kali.',
    en: 'The database cannot be reached right now. Try again shortly; a repeated request is not recorded twice.',
  },
  DATABASE_TIMEOUT: {
    id: 'Basis data terlalu lama menjawab dan permintaan dihentikan. Tidak ada perubahan yang disimpan; coba lagi sebentar lagi.',
    en: 'The database took too long and the request was stopped. Nothing was changed; try again shortly.',
  },
  DATABASE_STORAGE_FAILED: {
    id: 'Penyimpanan basis data penuh atau tidak dapat ditulisi. Tidak ada perubahan yang disimpan; hubungi pengelola server.',
    en: 'The database storage is full or cannot be written. Nothing was changed; contact the server administrator.',
  },
  DATA_DIR_NOT_WRITABLE: {
    id: 'Direktori data {dir} tidak dapat ditulisi ({reason}). Periksa izin dan ruang disk, atau atur SOKOGURU_DATA_DIR.',
    en: 'The data directory {dir} cannot be written ({reason}). Check its permissions and disk space, or set SOKOGURU_DATA_DIR.',
  },
  AUTH_REQUIRED: { id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' },
  AUTH_INVALID_CREDENTIALS: {
    id: 'Nama pengguna atau kata sandi salah.',
    en: 'Wrong username or password.',
  },
  AUTH_ACCOUNT_LOCKED: {
    id: 'Akun dikunci sementara karena terlalu banyak percobaan gagal. Coba lagi setelah {minutes} menit.',
    en: 'The account is locked after too many failed attempts. Try again in {minutes} minutes.',
  },
  AUTH_CSRF_FAILED: {
    id: 'Permintaan ditolak (token CSRF tidak cocok).',
    en: 'Request refused (CSRF token mismatch).',
  },
  AUTH_PASSWORD_TOO_WEAK: {
    id: 'Kata sandi minimal {min} karakter dan tidak boleh sama dengan nama pengguna.',
    en: 'The password needs at least {min} characters and must differ from the username.',
  },
  AUTH_PASSWORD_REUSED: {
    id: 'Kata sandi baru harus berbeda dari yang lama.',
    en: 'The new password must differ from the old one.',
  },
  ORG_NOT_FOUND: { id: 'Organisasi tidak ditemukan.', en: 'Organisation not found.' },
  ORG_NIK_KOPERASI_TAKEN: {
    id: 'NIK koperasi {nik} sudah terdaftar.',
    en: 'Cooperative NIK {nik} is already registered.',
  },
  ORG_REGION_UNKNOWN: {
    id: 'Kode wilayah {code} tidak dikenal.',
    en: 'Unknown region code {code}.',
  },
  USER_NOT_FOUND: { id: 'Pengguna tidak ditemukan.', en: 'User not found.' },
  USER_USERNAME_TAKEN: {
    id: 'Nama pengguna {username} sudah dipakai.',
    en: 'Username {username} is taken.',
  },
  USER_ROLE_NOT_ALLOWED: {
    id: 'Peran {role} tidak berlaku untuk organisasi jenis ini.',
    en: 'Role {role} does not apply to this kind of organisation.',
  },
  BRANCH_NOT_FOUND: { id: 'Kantor cabang tidak ditemukan.', en: 'Branch not found.' },
  BRANCH_CODE_TAKEN: {
    id: 'Kode cabang {code} sudah dipakai.',
    en: 'Branch code {code} is taken.',
  },
  API_TOKEN_NOT_FOUND: { id: 'Token API tidak ditemukan.', en: 'API token not found.' },
  IDEMPOTENCY_KEY_REQUIRED: {
    id: 'Header Idempotency-Key wajib untuk transaksi keuangan.',
    en: 'The Idempotency-Key header is required for money-moving requests.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    id: 'Idempotency-Key ini sudah dipakai untuk permintaan yang berbeda.',
    en: 'This Idempotency-Key was already used for a different request.',
  },
  APPROVAL_NOT_FOUND: {
    id: 'Permintaan persetujuan tidak ditemukan.',
    en: 'Approval request not found.',
  },
  APPROVAL_NOT_PENDING: {
    id: 'Permintaan ini sudah diputuskan.',
    en: 'This request has already been decided.',
  },
  APPROVAL_SELF_DECISION: {
    id: 'Persetujuan harus diberikan oleh pengguna lain (maker-checker).',
    en: 'Approval must come from a different user (maker-checker).',
  },
  APPROVAL_ACTION_UNKNOWN: {
    id: 'Jenis tindakan {action} tidak dikenal.',
    en: 'Unknown action {action}.',
  },
  LEDGER_INVALID_ENTRY: {
    id: 'Jurnal tidak valid ({reason}).',
    en: 'Invalid journal entry ({reason}).',
  },
  LEDGER_UNBALANCED: {
    id: 'Jurnal tidak seimbang: debit {debit} ≠ kredit {credit}.',
    en: 'The entry does not balance: debit {debit} ≠ credit {credit}.',
  },
  LEDGER_PERIOD_CLOSED: {
    id: 'Periode {period} sudah ditutup; jurnal tidak dapat dibukukan pada tanggal itu.',
    en: 'Period {period} is closed; nothing can be posted on that date.',
  },
  LEDGER_ACCOUNT_NOT_FOUND: {
    id: 'Akun {account} tidak ditemukan.',
    en: 'Account {account} not found.',
  },
  LEDGER_ACCOUNT_NOT_POSTABLE: {
    id: 'Akun {code} adalah akun kelompok dan tidak dapat dibukukan.',
    en: 'Account {code} is a group account and cannot be posted to.',
  },
  LEDGER_ACCOUNT_INACTIVE: {
    id: 'Akun {code} sudah dinonaktifkan.',
    en: 'Account {code} is inactive.',
  },
  ACCOUNT_NOT_FOUND: { id: 'Akun tidak ditemukan.', en: 'Account not found.' },
  LEDGER_ENTRY_NOT_FOUND: { id: 'Jurnal tidak ditemukan.', en: 'Journal entry not found.' },
  LEDGER_ALREADY_REVERSED: {
    id: 'Jurnal ini sudah dibalik atau merupakan jurnal pembalik.',
    en: 'This entry is already reversed or is itself a reversal.',
  },
  LEDGER_ACCOUNT_CODE_TAKEN: {
    id: 'Kode akun {code} sudah dipakai.',
    en: 'Account code {code} is taken.',
  },
  LEDGER_PERIOD_NOT_CLOSABLE: {
    id: 'Periode {period} tidak dapat ditutup: {reason}.',
    en: 'Period {period} cannot be closed: {reason}.',
  },
  LEDGER_TRIAL_BALANCE_UNBALANCED: {
    id: 'Neraca saldo tidak seimbang; periode tidak dapat ditutup.',
    en: 'The trial balance does not balance; the period cannot be closed.',
  },
  LEDGER_YEAR_NOT_ENDED: {
    id: 'Tahun buku {year} belum berakhir; tutup buku tahunan baru dapat dilakukan setelah 31 Desember {year}.',
    en: 'Book year {year} has not ended; it can be closed after 31 December {year}.',
  },
  LEDGER_YEAR_ALREADY_CLOSED: {
    id: 'Tahun buku {year} sudah ditutup.',
    en: 'Book year {year} is already closed.',
  },
  LEDGER_YEAR_MONTH_OPEN: {
    id: 'Tahun buku {year} tidak dapat ditutup: bulan {period} masih terbuka. Tutup bulan itu lebih dahulu.',
    en: 'Book year {year} cannot be closed: month {period} is still open. Close it first.',
  },
  LEDGER_YEAR_NOT_CLOSED: {
    id: 'Tahun buku {year} belum ditutup.',
    en: 'Book year {year} is not closed.',
  },
  LEDGER_YEAR_NOT_REOPENABLE: {
    id: 'Tahun buku {year} tidak dapat dibuka kembali: {reason}.',
    en: 'Book year {year} cannot be re-opened: {reason}.',
  },
  MEMBER_NOT_FOUND: { id: 'Anggota tidak ditemukan.', en: 'Member not found.' },
  MEMBER_NIK_INVALID: { id: 'NIK tidak valid: {reason}.', en: 'Invalid NIK: {reason}.' },
  MEMBER_NIK_TAKEN: {
    id: 'NIK {nik} sudah terdaftar di koperasi ini.',
    en: 'NIK {nik} is already registered in this cooperative.',
  },
  MEMBER_NOT_ACTIVE: {
    id: 'Anggota belum aktif atau sudah keluar.',
    en: 'The member is not active.',
  },
  SAVINGS_PRODUCT_NOT_FOUND: {
    id: 'Produk simpanan tidak ditemukan.',
    en: 'Savings product not found.',
  },
  SAVINGS_PRODUCT_CODE_TAKEN: {
    id: 'Kode produk {code} sudah dipakai.',
    en: 'Product code {code} is taken.',
  },
  SAVINGS_ACCOUNT_NOT_FOUND: {
    id: 'Rekening simpanan tidak ditemukan.',
    en: 'Savings account not found.',
  },
  SAVINGS_ACCOUNT_EXISTS: {
    id: 'Anggota sudah memiliki rekening produk ini.',
    en: 'The member already has an account of this product.',
  },
  MEMBER_STATUS_INVALID: {
    id: 'Tindakan tidak dapat dilakukan pada anggota berstatus {status}.',
    en: 'This cannot be done for a member whose status is {status}.',
  },
  MEMBER_HAS_OBLIGATIONS: {
    id: 'Anggota masih memiliki kewajiban: {reason}.',
    en: 'The member still has obligations: {reason}.',
  },
  MEMBER_DOCUMENT_NOT_FOUND: {
    id: 'Dokumen anggota tidak ditemukan.',
    en: 'Member document not found.',
  },
  MEMBER_REGION_INVALID: {
    id: 'Kode wilayah tidak valid: {reason}.',
    en: 'Invalid region code: {reason}.',
  },
  MEMBER_PHONE_INVALID: { id: 'Nomor telepon tidak valid.', en: 'Invalid phone number.' },
  SAVINGS_PRODUCT_INVALID: {
    id: 'Pengaturan produk tidak valid: {reason}.',
    en: 'Invalid product settings: {reason}.',
  },
  SAVINGS_AMOUNT_NOT_POSITIVE: {
    id: 'Jumlah harus lebih dari nol.',
    en: 'The amount must be positive.',
  },
  SAVINGS_NOT_WITHDRAWABLE: {
    id: 'Simpanan {kind} tidak dapat ditarik.',
    en: 'Simpanan {kind} cannot be withdrawn.',
  },
  SAVINGS_ACCOUNT_DORMANT: {
    id: 'Rekening pasif (dormant); aktifkan kembali melalui petugas.',
    en: 'The account is dormant; an officer must reactivate it.',
  },
  SAVINGS_ACCOUNT_BLOCKED: { id: 'Rekening diblokir.', en: 'The account is blocked.' },
  SAVINGS_ACCOUNT_CLOSED: { id: 'Rekening sudah ditutup.', en: 'The account is closed.' },
  SAVINGS_INSUFFICIENT_BALANCE: {
    id: 'Saldo tidak cukup: saldo Rp{balance}, diminta Rp{amount}.',
    en: 'Insufficient balance: balance Rp{balance}, requested Rp{amount}.',
  },
  SAVINGS_BELOW_MINIMUM_BALANCE: {
    id: 'Saldo minimum Rp{minimumBalance} harus tetap tersisa; penarikan maksimal Rp{maximumWithdrawal}.',
    en: 'A minimum balance of Rp{minimumBalance} must remain; at most Rp{maximumWithdrawal} can be withdrawn.',
  },
  SAVINGS_DEPOSIT_NOT_ALLOWED: {
    id: 'Setoran ditolak: {reason}.',
    en: 'Deposit refused: {reason}.',
  },
  SAVINGS_TENOR_NOT_OFFERED: {
    id: 'Jangka waktu {tenor} bulan tidak ditawarkan produk ini.',
    en: 'A {tenor}-month term is not offered by this product.',
  },
  SAVINGS_TRANSFER_SAME_ACCOUNT: {
    id: 'Rekening asal dan tujuan tidak boleh sama.',
    en: 'The source and destination accounts must differ.',
  },
  SAVINGS_PRODUCT_RATE_NOT_ALLOWED: {
    id: 'Produk simpanan koperasi syariah tidak boleh memakai suku bunga ({field}): imbal hasil tidak boleh dijanjikan. Gunakan akad wadiah tanpa imbalan, atau mudharabah dengan nisbah bagi hasil (Fatwa DSN-MUI No. 02 dan 03/DSN-MUI/IV/2000).',
    en: 'A sharia cooperative’s savings product may not carry an interest rate ({field}): no return may be promised. Use a wadiah akad without a return, or mudharabah with a profit-sharing nisbah (fatwa 02 and 03/DSN-MUI/IV/2000).',
  },
  SAVINGS_PRODUCT_RATE_REQUIRED: {
    id: 'Suku bunga produk belum diisi ({field}).',
    en: 'The product’s rate is missing ({field}).',
  },
  SAVINGS_PRODUCT_AKAD_REQUIRED: {
    id: 'Produk simpanan koperasi syariah harus menyebutkan akadnya: wadiah, mudharabah atau mudharabah berjangka.',
    en: 'A sharia cooperative’s savings product must name its akad: wadiah, mudharabah or mudharabah berjangka.',
  },
  SAVINGS_PRODUCT_AKAD_NOT_ALLOWED: {
    id: 'Akad {akad} hanya untuk koperasi syariah (KSPPS); produk koperasi konvensional tidak memakai akad atau nisbah.',
    en: 'The {akad} akad is for sharia cooperatives (KSPPS) only; a conventional cooperative’s product has no akad or nisbah.',
  },
  SAVINGS_PRODUCT_AKAD_KIND_MISMATCH: {
    id: 'Akad {akad} tidak dapat dipakai untuk simpanan {kind} (wadiah: pokok, wajib, sukarela; mudharabah: sukarela; mudharabah berjangka: berjangka).',
    en: 'The {akad} akad cannot word a {kind} product (wadiah: pokok, wajib, sukarela; mudharabah: sukarela; mudharabah berjangka: berjangka).',
  },
  SAVINGS_PRODUCT_NISBAH_INVALID: {
    id: 'Nisbah bagi hasil tidak valid ({field}): akad mudharabah memerlukan nisbah anggota 0–100 % (0–10000 basis poin); akad lain tidak memakai nisbah.',
    en: 'Invalid profit-sharing nisbah ({field}): a mudharabah akad needs the member’s nisbah of 0–100 % (0–10000 basis points); other akad have none.',
  },
  SAVINGS_AKAD_NOT_MUDHARABAH: {
    id: 'Rekening ini tidak berakad mudharabah; nisbah tidak dapat diubah.',
    en: 'This account is not under a mudharabah akad; it has no nisbah to change.',
  },
  SAVINGS_AKAD_NISBAH_UNCHANGED: {
    id: 'Nisbah anggota sudah {nisbahAnggotaBps} basis poin; tidak ada yang diubah.',
    en: 'The member’s nisbah is already {nisbahAnggotaBps} basis points; nothing to change.',
  },
  SAVINGS_AKAD_VERSION_NOT_FOUND: {
    id: 'Versi akad tidak ditemukan.',
    en: 'Akad version not found.',
  },
  SAVINGS_AKAD_VERSION_NOT_PROPOSED: {
    id: 'Versi akad ini tidak sedang menunggu persetujuan anggota.',
    en: 'This akad version is not waiting for the member’s consent.',
  },
  MONTH_END_ALREADY_RUN: {
    id: 'Proses akhir bulan {month} sudah dijalankan.',
    en: 'Month-end {month} has already run.',
  },
  IMPORT_ROWS_INVALID: {
    id: '{count} masalah ditemukan pada berkas; tidak ada data yang diimpor.',
    en: '{count} problems found in the file; nothing was imported.',
  },
  IMPORT_FILE_INVALID: {
    id: 'Berkas impor tidak valid: {reason}.',
    en: 'Invalid import file: {reason}.',
  },
  CASH_DESK_NOT_FOUND: { id: 'Meja kas tidak ditemukan.', en: 'Cash desk not found.' },
  CASH_DESK_CODE_TAKEN: {
    id: 'Kode meja kas {code} sudah dipakai.',
    en: 'Cash desk code {code} is taken.',
  },
  CASH_SESSION_NOT_FOUND: { id: 'Sesi kas tidak ditemukan.', en: 'Cash session not found.' },
  CASH_SESSION_NOT_OPEN: { id: 'Sesi kas sudah ditutup.', en: 'The cash session is closed.' },
  CASH_SESSION_NONE_OPEN: {
    id: 'Anda belum membuka sesi kas. Buka sesi kas di meja Anda lebih dulu.',
    en: 'You have no open cash session. Open one at your desk first.',
  },
  CASH_SESSION_ALREADY_OPEN: {
    id: 'Sudah ada sesi kas terbuka untuk meja atau kasir ini.',
    en: 'A cash session is already open for this desk or teller.',
  },
  CASH_SESSION_NOT_YOURS: {
    id: 'Sesi kas ini milik kasir lain.',
    en: 'This cash session belongs to another teller.',
  },
  CASH_INSUFFICIENT: {
    id: 'Uang tunai di meja kas tidak cukup (tersedia Rp {available}).',
    en: 'Not enough cash at the desk (Rp {available} available).',
  },
  CASH_VARIANCE_REASON_REQUIRED: {
    id: 'Ada selisih kas Rp {variance}; alasan wajib diisi.',
    en: 'There is a cash difference of Rp {variance}; a reason is required.',
  },
  LOAN_PRODUCT_NOT_FOUND: { id: 'Produk pinjaman tidak ditemukan.', en: 'Loan product not found.' },
  LOAN_PRODUCT_CODE_TAKEN: {
    id: 'Kode produk pinjaman {code} sudah dipakai.',
    en: 'Loan product code {code} is taken.',
  },
  LOAN_AMOUNT_OUT_OF_RANGE: {
    id: 'Jumlah pinjaman harus antara Rp {min} dan Rp {max}.',
    en: 'The loan amount must be between Rp {min} and Rp {max}.',
  },
  LOAN_TENOR_OUT_OF_RANGE: {
    id: 'Jangka waktu harus antara {min} dan {max} angsuran.',
    en: 'The tenor must be between {min} and {max} instalments.',
  },
  LOAN_MEMBER_NOT_ACTIVE: {
    id: 'Hanya anggota aktif yang dapat mengajukan pinjaman.',
    en: 'Only active members can apply for a loan.',
  },
  LOAN_APPLICATION_NOT_FOUND: {
    id: 'Pengajuan pinjaman tidak ditemukan.',
    en: 'Loan application not found.',
  },
  LOAN_APPLICATION_WRONG_STATUS: {
    id: 'Pengajuan berstatus {status}; tindakan ini tidak dapat dilakukan.',
    en: 'The application is {status}; this action is not possible.',
  },
  LOAN_APPROVAL_LIMIT_EXCEEDED: {
    id: 'Jumlah Rp {amount} melebihi batas wewenang persetujuan Anda (Rp {limit}).',
    en: 'Rp {amount} exceeds your approval limit (Rp {limit}).',
  },
  LOAN_NOT_FOUND: { id: 'Pinjaman tidak ditemukan.', en: 'Loan not found.' },
  LOAN_NOT_ACTIVE: {
    id: 'Pinjaman berstatus {status}; tindakan ini tidak dapat dilakukan.',
    en: 'The loan is {status}; this action is not possible.',
  },
  LOAN_OVERPAYMENT: {
    id: 'Pembayaran melebihi sisa kewajiban (Rp {owed}); gunakan pelunasan dipercepat.',
    en: 'The payment exceeds what is owed (Rp {owed}); use early payoff.',
  },
  LOAN_NOT_MACET: {
    id: 'Hanya pinjaman berkolektibilitas Macet yang dapat dihapusbukukan.',
    en: 'Only a loan classed Macet (loss) can be written off.',
  },
  LOAN_NOT_WRITTEN_OFF: {
    id: 'Pinjaman ini belum dihapusbukukan.',
    en: 'This loan has not been written off.',
  },
  LOAN_RECOVERY_EXCEEDS_CLAIM: {
    id: 'Penerimaan melebihi sisa tagihan yang dihapusbukukan (Rp {remaining}).',
    en: 'The recovery exceeds the remaining written-off claim (Rp {remaining}).',
  },
  LOAN_DISBURSEMENT_CHANNEL_UNAVAILABLE: {
    id: 'Pencairan ke {channel} belum tersedia.',
    en: 'Disbursement to {channel} is not available yet.',
  },
  LOAN_RESTRUCTURE_INVALID: {
    id: 'Restrukturisasi tidak valid: {reason}.',
    en: 'Invalid restructuring: {reason}.',
  },
  LOAN_AUTO_DEBIT_DATE_IN_FUTURE: {
    id: 'Debet otomatis untuk tanggal {date} belum dapat dijalankan; hari ini {today}.',
    en: 'The auto-debit for {date} cannot run yet; today is {today}.',
  },
  MONTH_END_PERIOD_INVALID: {
    id: 'Periode {period} tidak valid untuk tutup bulan.',
    en: 'Period {period} is not valid for the month-end close.',
  },
  LOAN_SHARIA_ONLY: {
    id: 'Hanya untuk pembiayaan koperasi syariah (KSPPS).',
    en: 'Only for a financing of a sharia cooperative (KSPPS).',
  },
  LOAN_INABILITY_ALREADY_MARKED: {
    id: 'Anggota sudah ditandai tidak mampu membayar; cabut tanda itu dahulu.',
    en: 'The member is already marked unable to pay; lift that mark first.',
  },
  LOAN_INABILITY_NOT_MARKED: {
    id: 'Anggota tidak sedang ditandai tidak mampu membayar.',
    en: 'The member is not marked unable to pay.',
  },
  LOAN_INABILITY_DATE_INVALID: {
    id: 'Tanggal berlaku {date} tidak valid: paling awal {earliest}, paling lambat hari ini ({today}).',
    en: 'Effective date {date} is not valid: from {earliest} at the earliest, today ({today}) at the latest.',
  },
  LOAN_TAWIDH_NOT_ALLOWED: {
    id: "Ta'widh tidak dapat dibebankan pada akad {akad}: hanya pada akad yang menimbulkan utang (murabahah, ijarah) — fatwa 43/DSN-MUI/VIII/2004.",
    en: 'Ta’widh cannot be charged on a {akad} contract: only on a debt-creating akad (murabahah, ijarah) — fatwa 43/DSN-MUI/VIII/2004.',
  },
  LOAN_TAWIDH_MEMBER_UNABLE: {
    id: "Pada {date} anggota ditandai tidak mampu membayar: ta'widh hanya untuk anggota yang lalai atau sengaja menunda.",
    en: 'On {date} the member was marked unable to pay: ta’widh is only for a member who delays deliberately or negligently.',
  },
  LOAN_TAWIDH_NOT_IN_ARREARS: {
    id: "Pada {date} tidak ada angsuran yang menunggak: ta'widh hanya biaya riil penagihan atas tunggakan.",
    en: 'On {date} no instalment was overdue: ta’widh is only the real cost of collecting arrears.',
  },
  LOAN_TAWIDH_DATE_INVALID: {
    id: 'Tanggal biaya {date} tidak valid: tidak sebelum pencairan dan tidak setelah hari ini ({today}).',
    en: 'Cost date {date} is not valid: not before the disbursement and not after today ({today}).',
  },
  LOAN_TAWIDH_ITEM_INVALID: {
    id: "Rincian ta'widh tidak lengkap ({field}): setiap biaya riil perlu tanggal, uraian, jumlah rupiah lebih dari 0 dan nomor bukti; persentase atau biaya tetap tidak diperbolehkan.",
    en: 'Incomplete ta’widh item ({field}): every real cost needs a date, a description, an amount above Rp 0 and an evidence number; no percentage or flat fee.',
  },
  LOAN_TAWIDH_EXCEEDS_OWED: {
    id: "Pembayaran ta'widh melebihi ta'widh yang terutang (Rp {owed}).",
    en: 'The ta’widh payment exceeds the ta’widh owed (Rp {owed}).',
  },
  LOAN_TAWIDH_ITEM_NOT_FOUND: {
    id: "Rincian ta'widh tidak ditemukan.",
    en: 'Ta’widh item not found.',
  },
  LOAN_TAWIDH_ALREADY_CHARGED: {
    id: "Rincian ta'widh ini sudah dibebankan.",
    en: 'This ta’widh item was already charged.',
  },
  BAGI_HASIL_NOT_DISTRIBUTED: {
    id: 'Bagi hasil bulan {period} belum didistribusikan: jalankan tutup bulan terlebih dahulu.',
    en: 'The profit distribution of {period} has not been made: run the month-end first.',
  },
  BAGI_HASIL_NOT_SHARIA: {
    id: 'Distribusi bagi hasil hanya untuk koperasi syariah (KSPPS).',
    en: 'Profit distribution is for sharia cooperatives (KSPPS) only.',
  },
  SHU_SETTINGS_MISSING: {
    id: 'Belum ada pengaturan SHU (AD/ART) yang berlaku untuk tahun {year}.',
    en: 'No SHU settings (AD/ART) apply to {year} yet.',
  },
  SHU_RUN_NOT_FOUND: { id: 'Perhitungan SHU tidak ditemukan.', en: 'SHU run not found.' },
  SHU_NOTHING_TO_SHARE: {
    id: 'SHU tahun {year} adalah Rp {shu}: tidak ada yang dibagi.',
    en: 'The SHU of {year} is Rp {shu}: there is nothing to share.',
  },
  SHU_YEAR_NOT_CLOSED: {
    id: 'Tahun buku {year} belum ditutup: SHU final dihitung dari SHU belum dibagi setelah tutup buku.',
    en: 'Book year {year} is not closed: the final SHU comes from SHU belum dibagi after the close.',
  },
  SHU_FINAL_EXISTS: {
    id: 'SHU final tahun {year} sudah ditetapkan.',
    en: 'The final SHU of {year} has already been made.',
  },
  SHU_RUN_NOT_FINAL: {
    id: 'Hanya perhitungan SHU final yang dapat dibagikan.',
    en: 'Only the final SHU run can be distributed.',
  },
  SHU_ALREADY_DISTRIBUTED: {
    id: 'SHU tahun {year} sudah dibukukan pembagiannya.',
    en: 'The SHU of {year} has already been distributed.',
  },
  SHU_NOT_DISTRIBUTED: {
    id: 'Pembagian SHU belum dibukukan: bukukan pembagian sebelum membayar anggota.',
    en: 'The SHU distribution is not posted yet: post it before paying members.',
  },
  SHU_STALE: {
    id: 'SHU belum dibagi tahun {year} (Rp {books}) tidak sama dengan perhitungan final (Rp {run}).',
    en: 'SHU belum dibagi of {year} (Rp {books}) differs from the final run (Rp {run}).',
  },
  SHU_ALREADY_PAID: {
    id: 'SHU anggota {member} sudah dibayarkan.',
    en: 'The SHU of member {member} has already been paid.',
  },
  SHU_MEMBER_NOT_IN_RUN: {
    id: 'Anggota tidak ada dalam perhitungan SHU ini.',
    en: 'The member is not in this SHU run.',
  },
  SHU_NO_SUKARELA_ACCOUNT: {
    id: 'Anggota {member} tidak punya rekening simpanan sukarela aktif: bayar tunai di kasir.',
    en: 'Member {member} has no active sukarela account: pay in cash at the counter.',
  },
  RAT_MEETING_NOT_FOUND: { id: 'RAT tidak ditemukan.', en: 'RAT meeting not found.' },
  RAT_MEETING_EXISTS: {
    id: 'RAT tahun buku {bookYear} (panggilan ke-{call}) sudah direncanakan.',
    en: 'The RAT of book year {bookYear} (call {call}) is already planned.',
  },
  RAT_PLAN_INVALID: {
    id: 'Rencana RAT tidak dapat diterima: {reason}.',
    en: 'The RAT plan cannot be accepted: {reason}.',
  },
  RAT_STATE_INVALID: {
    id: 'RAT berstatus {status}: {action} tidak dapat dilakukan sekarang.',
    en: 'The RAT is {status}: {action} cannot be done now.',
  },
  RAT_QUORUM_NOT_MET: {
    id: 'Kuorum belum tercapai: hadir {counted} dari {required} anggota yang diperlukan.',
    en: 'No quorum yet: {counted} present of the {required} members required.',
  },
  RAT_CHECKIN_INVALID: {
    id: 'Kode QR tidak dikenal untuk RAT ini.',
    en: 'This QR code is not one of this RAT.',
  },
  RAT_CHECKIN_NOT_YET: {
    id: 'Daftar hadir dibuka pada hari RAT ({date}).',
    en: 'Check-in opens on the day of the RAT ({date}).',
  },
  RAT_MEMBER_NOT_ENTITLED: {
    id: 'Anggota {member} tidak berhak hadir dan memilih (status: {status}).',
    en: 'Member {member} is not entitled to attend and vote (status: {status}).',
  },
  RAT_PROXY_NOT_ALLOWED: {
    id: 'Kuasa tidak dapat dicatat: {reason}.',
    en: 'The proxy cannot be recorded: {reason}.',
  },
  RAT_AGENDA_ITEM_NOT_FOUND: {
    id: 'Acara RAT tidak ditemukan.',
    en: 'Agenda item not found.',
  },
  RAT_PACKAGE_NOT_LINKED: {
    id: 'Koperasi belum terhubung dengan daftar koperasi Dinas: paket RAT tidak dapat dikirim.',
    en: 'The cooperative is not linked to a Dinas registry entry: the RAT package cannot be sent.',
  },
  RAT_VOTES_INVALID: {
    id: 'Jumlah suara ({votes}) melebihi anggota yang hadir saat pemungutan suara dibuka ({present}).',
    en: 'The votes ({votes}) exceed the members present when the voting opened ({present}).',
  },
  RAT_ELECTION_NOT_FOUND: {
    id: 'Pemungutan suara rahasia untuk acara ini belum disiapkan.',
    en: 'No secret ballot has been prepared for this agenda item.',
  },
  RAT_ELECTION_STATE: {
    id: 'Pemungutan suara rahasia berstatus {status}: {action} tidak dapat dilakukan sekarang.',
    en: 'The secret ballot is {status}: {action} cannot be done now.',
  },
  RAT_ELECTION_INVALID: {
    id: 'Pemungutan suara rahasia tidak dapat disiapkan: {reason}.',
    en: 'The secret ballot cannot be prepared: {reason}.',
  },
  RAT_NOT_KEYHOLDER: {
    id: 'Anda bukan pemegang kunci pemungutan suara ini.',
    en: 'You are not a keyholder of this ballot.',
  },
  RAT_NOT_CHECKED_IN: {
    id: 'Anda belum tercatat hadir di RAT ini: daftar hadir dahulu.',
    en: 'You have not checked in to this RAT: check in first.',
  },
  RAT_ALREADY_REGISTERED: {
    id: 'Anda sudah mendaftarkan kode pemilih untuk pemungutan suara ini; gunakan kode yang sama untuk memilih ulang.',
    en: 'You have already registered a voting credential for this ballot; use the same code to vote again.',
  },
  RAT_BALLOT_REFUSED: {
    id: 'Surat suara ditolak: {reason}.',
    en: 'The ballot is refused: {reason}.',
  },
  RAT_SHARE_REFUSED: {
    id: 'Bagian kunci ditolak: {reason}.',
    en: 'The key share is refused: {reason}.',
  },
  RAT_KEYHOLDER_KEYS_MISSING: {
    id: 'Baru {registered} dari {trustees} pemegang kunci mendaftarkan kunci penyegel. Bagian kunci baru dapat dikirim setelah semua pemegang kunci mendaftar, agar setiap bagian tersegel untuk penerimanya.',
    en: 'Only {registered} of {trustees} keyholders have registered a sealing key. Key shares can be sent once every keyholder has registered, so that each share is sealed for its recipient.',
  },
  RAT_KEYHOLDER_KEY_REGISTERED: {
    id: 'Anda sudah mendaftarkan kunci penyegel untuk pemungutan suara ini. Simpan kode pemegang kunci Anda; kode itu diperlukan lagi saat penghitungan.',
    en: 'You have already registered a sealing key for this ballot. Keep your keyholder code; it is needed again at the count.',
  },
  STATEMENT_SHARIA_ONLY: {
    id: 'Laporan {kind} hanya disusun oleh koperasi syariah (KSPPS).',
    en: 'The {kind} statement is kept by sharia cooperatives (KSPPS) only.',
  },
  WADIAH_BONUS_ALREADY_DECIDED: {
    id: 'Bonus wadiah bulan {period} sudah diputuskan; keputusan tidak diubah.',
    en: 'The wadiah bonus of {period} has been decided; a decision is not changed.',
  },
  WADIAH_BONUS_PERIOD_NOT_ENDED: {
    id: 'Bonus wadiah hanya diputuskan setelah bulan {period} berakhir (hari ini {today}).',
    en: 'A wadiah bonus is decided only after {period} has ended (today is {today}).',
  },
  FINANCING_NOT_PROFIT_SHARING: {
    id: 'Akad {akad} bukan pembiayaan bagi hasil (mudharabah atau musyarakah).',
    en: 'A {akad} contract is not a profit-sharing financing (mudharabah or musyarakah).',
  },
  FINANCING_TERMS_INVALID: {
    id: 'Ketentuan akad bagi hasil tidak valid: {field}. Nisbah koperasi di antara 0 dan 100 %; musyarakah memerlukan modal anggota dan basis laba.',
    en: 'The profit-sharing terms are not valid: {field}. The cooperative’s nisbah lies between 0 and 100 %; musyarakah needs the member’s capital and a profit basis.',
  },
  FINANCING_TERMS_MISSING: {
    id: 'Ketentuan akad bagi hasil (nisbah, basis, proyeksi) belum diisi untuk pembiayaan ini.',
    en: 'The profit-sharing terms (nisbah, basis, projection) of this financing have not been set.',
  },
  FINANCING_REPORT_EXISTS: {
    id: 'Laporan usaha periode {period} sudah ada (disetujui atau menunggu persetujuan).',
    en: 'The business report of period {period} already exists (approved or awaiting approval).',
  },
  FINANCING_REPORT_PERIOD_INVALID: {
    id: 'Laporan usaha periode {period} belum dapat dicatat: laporan berikutnya adalah periode {next}.',
    en: 'The business report of period {period} cannot be entered yet: the next report is period {next}.',
  },
  FINANCING_REPORT_NEGATIVE_REVENUE: {
    id: 'Dengan basis pendapatan (revenue sharing), hasil periode tidak boleh negatif.',
    en: 'On a revenue basis the period’s result cannot be negative.',
  },
  FINANCING_NEGLIGENCE_NOT_ALLOWED: {
    id: 'Kelalaian mudharib hanya dapat ditetapkan sekali, pada pembiayaan mudharabah yang masih berjalan.',
    en: 'The member’s negligence can be established once, on a running mudharabah financing.',
  },
  BAITUL_MAAL_TAMWIL_USE_REFUSED: {
    id: 'Dana {fund} tidak boleh dipakai untuk beban atau pendapatan usaha (tamwil) (akun {account}): dana baitul maal hanya berpindah antara rekening dana itu dan kas/bank.',
    en: 'The {fund} fund may not pay a business (tamwil) expense or become business income (account {account}): baitul maal money only moves between the fund and cash/bank.',
  },
  BAITUL_MAAL_FUND_INSUFFICIENT: {
    id: 'Saldo dana {fund} tidak cukup: saldo Rp{balance}, diminta Rp{amount}.',
    en: 'The {fund} fund holds too little: balance Rp{balance}, requested Rp{amount}.',
  },
  BAITUL_MAAL_ASNAF_REQUIRED: {
    id: 'Penyaluran zakat harus menyebut asnaf penerimanya (delapan asnaf).',
    en: 'A zakat distribution must name the recipient’s asnaf (one of the eight).',
  },
  BAITUL_MAAL_PURPOSE_REQUIRED: {
    id: 'Penyaluran dana {fund} harus menyebut tujuan penggunaannya.',
    en: 'A distribution from the {fund} fund must state its purpose.',
  },
  BAITUL_MAAL_WAKAF_PRINCIPAL: {
    id: 'Pokok wakaf tidak boleh disalurkan; hanya hasil pengelolaannya (diterima sebagai dana kebajikan).',
    en: 'Wakaf principal is never distributed; only its yield (received into the dana kebajikan).',
  },
  BAITUL_MAAL_SOURCE_NOT_ALLOWED: {
    id: 'Sumber penerimaan {source} tidak boleh masuk ke dana {fund}: penerimaan non-halal dan hasil wakaf masuk dana kebajikan.',
    en: 'A receipt from {source} may not go to the {fund} fund: non-halal receipts and wakaf yield go to the dana kebajikan.',
  },
  DPS_NOT_SHARIA: {
    id: 'Dewan Pengawas Syariah hanya ada pada koperasi syariah (KSPPS/USPPS).',
    en: 'Only a sharia cooperative (KSPPS/USPPS) has a Dewan Pengawas Syariah.',
  },
  DPS_MEMBER_NOT_FOUND: {
    id: 'Anggota DPS tidak ditemukan.',
    en: 'DPS member not found.',
  },
  DPS_MEMBER_ENDED: {
    id: 'Keanggotaan DPS ini sudah berakhir pada {endedOn}.',
    en: 'This DPS membership already ended on {endedOn}.',
  },
  DPS_TERM_TOO_LONG: {
    id: 'Masa jabatan DPS dari luar anggota paling lama 2 tahun (dapat diperpanjang oleh rapat anggota): berakhir paling lambat {latest}.',
    en: 'An outside DPS member serves at most 2 years (renewable by the rapat anggota): the term ends {latest} at the latest.',
  },
  DPS_TERM_REQUIRED: {
    id: 'DPS dari luar anggota harus mempunyai tanggal akhir masa jabatan (paling lama 2 tahun).',
    en: 'An outside DPS member needs a term end date (2 years at most).',
  },
  DPS_TERM_DATES: {
    id: 'Tanggal tidak runtut: rapat anggota sebelum awal masa jabatan, akhir masa jabatan sesudah awalnya.',
    en: 'Dates out of order: the rapat anggota precedes the term start, the term end follows it.',
  },
  DPS_USER_NOT_ALLOWED: {
    id: 'Pengguna {username} tidak dapat dikaitkan: harus pengguna koperasi ini dengan peran DPS.',
    en: 'User {username} cannot be linked: it must be a user of this cooperative with the DPS role.',
  },
  DPS_CERTIFICATE_TAKEN: {
    id: 'Sertifikat nomor {number} sudah tercatat.',
    en: 'Certificate number {number} is already recorded.',
  },
  DPS_REVIEW_NOT_FOUND: {
    id: 'Permintaan telaah DPS tidak ditemukan.',
    en: 'DPS review not found.',
  },
  DPS_REVIEW_NOT_PENDING: {
    id: 'Permintaan telaah DPS ini sudah diputus.',
    en: 'This DPS review has already been decided.',
  },
  DPS_NOT_IN_OFFICE: {
    id: 'Hanya anggota DPS yang sedang menjabat (dengan akun yang terkait) yang dapat memutus telaah atau menandatangani opini.',
    en: 'Only a DPS member in office (with a linked login) can decide a review or sign an opinion.',
  },
  DPS_SELF_DECISION: {
    id: 'Pengaju tidak dapat memutus telaahnya sendiri.',
    en: 'The requester cannot decide their own review.',
  },
  DPS_SIGNATORY_NOT_IN_OFFICE: {
    id: 'Penandatangan opini harus anggota DPS yang menjabat pada tanggal opini ({date}).',
    en: 'The opinion’s signatories must be DPS members in office on its date ({date}).',
  },
  DPS_OPINION_NOT_FOUND: {
    id: 'Opini DPS tahun buku {year} belum dicatat.',
    en: 'No DPS opinion recorded for book year {year}.',
  },
  SAVINGS_PRODUCT_AWAITING_DPS: {
    id: 'Produk {code} masih menunggu persetujuan Dewan Pengawas Syariah.',
    en: 'Product {code} is still awaiting the Dewan Pengawas Syariah’s approval.',
  },
  SAVINGS_PRODUCT_NISBAH_CHANGE_INVALID: {
    id: 'Perubahan nisbah tidak sesuai dengan akad produk: {reason}.',
    en: 'The nisbah change does not fit the product’s akad: {reason}.',
  },
  SUPERVISION_REPORT_BOOKS_CHANGED: {
    id: 'Pembukuan berubah sejak laporan disiapkan; siapkan laporan lagi lalu minta persetujuan baru.',
    en: 'The books changed since the report was prepared; prepare it again and ask for a new approval.',
  },
  TRAINING_PARTICIPANT_EXISTS: {
    id: '{name} dari koperasi ini sudah terdaftar sebagai peserta pelatihan ini.',
    en: '{name} of this cooperative is already a participant of this training.',
  },
  CERTIFICATE_NUMBER_TAKEN: {
    id: 'Sertifikat nomor {number} sudah dicatat untuk koperasi ini.',
    en: 'Certificate number {number} is already recorded for this cooperative.',
  },
  SANCTION_OUT_OF_ORDER: {
    id: 'Sanksi harus berurutan: langkah berikutnya untuk koperasi ini adalah {next}.',
    en: 'Sanctions go in order: the next step for this cooperative is {next}.',
  },
  SANCTION_DEADLINE_NOT_PASSED: {
    id: 'Batas waktu perbaikan surat {number} belum lewat ({deadline}); langkah berikutnya baru dapat diterbitkan mulai {allowedFrom}.',
    en: 'The correction deadline of letter {number} has not passed ({deadline}); the next step can be issued from {allowedFrom}.',
  },
  SANCTION_NOT_DELIVERED: {
    id: 'Surat {number} belum dicatat sampai ke koperasi; catat penyampaiannya lebih dahulu.',
    en: 'Letter {number} has not been recorded as delivered; record its delivery first.',
  },
  SANCTION_LADDER_END: {
    id: 'Langkah terakhir tangga sanksi sudah diterbitkan.',
    en: 'The last step of the sanctions ladder has been issued.',
  },
  LETTER_ALREADY_DELIVERED: {
    id: 'Penyampaian surat ini sudah dicatat.',
    en: 'This letter’s delivery is already recorded.',
  },
  LETTER_ALREADY_REVOKED: {
    id: 'Surat ini sudah dicabut.',
    en: 'This letter has already been revoked.',
  },
  RECOMMENDATION_EVIDENCE_REQUIRED: {
    id: 'Unggah bukti tindak lanjut rekomendasi ini sebelum menandainya selesai.',
    en: 'Upload evidence of this recommendation’s follow-up before marking it done.',
  },
  KOPERASI_MODERN_VERSION_NOT_FOUND: {
    id: 'Versi kriteria koperasi modern tidak ditemukan.',
    en: 'Koperasi modern criteria version not found.',
  },
  KOPERASI_MODERN_CHECKLIST_INCOMPLETE: {
    id: 'Daftar periksa koperasi modern harus menjawab setiap kriteria versinya tepat satu kali ({field}).',
    en: 'A koperasi modern checklist must answer every criterion of its version exactly once ({field}).',
  },
  KOPERASI_MODERN_DATE_INVALID: {
    id: 'Tanggal tidak valid ({field}): penilaian tidak boleh bertanggal sesudah hari ini, dan tahun target tidak boleh sudah lewat.',
    en: 'Invalid date ({field}): a checklist cannot be dated after today, and a target year cannot be past.',
  },
  KOPERASI_MODERN_VERSION_CODE_TAKEN: {
    id: 'Kode versi {code} sudah dipakai di wilayah ini.',
    en: 'Version code {code} is already used in this region.',
  },
  FUNDING_NOT_READY: {
    id: 'Koperasi belum siap dirujuk ke program ini; syarat yang belum terpenuhi: {items}.',
    en: 'The cooperative is not ready to be referred to this programme; requirements not met: {items}.',
  },
  FUNDING_REFERRAL_OUT_OF_ORDER: {
    id: 'Status rujukan tidak dapat berpindah dari {from} ke {to}: urutannya dirujuk → ditelaah → disetujui/ditolak → dicairkan.',
    en: 'A referral cannot move from {from} to {to}: the order is referred → under review → approved/rejected → disbursed.',
  },
  SHOP_OUTLET_NOT_FOUND: {
    id: 'Outlet toko tidak ditemukan.',
    en: 'Shop outlet not found.',
  },
  SHOP_OUTLET_CODE_TAKEN: {
    id: 'Kode outlet {code} sudah dipakai.',
    en: 'Outlet code {code} is already used.',
  },
  SHOP_TILL_NOT_FOUND: {
    id: 'Kasir toko (till) tidak ditemukan.',
    en: 'Till not found.',
  },
  SHOP_TILL_CODE_TAKEN: {
    id: 'Kode kasir toko {code} sudah dipakai.',
    en: 'Till code {code} is already used.',
  },
  SHOP_SUPPLIER_NOT_FOUND: {
    id: 'Pemasok tidak ditemukan.',
    en: 'Supplier not found.',
  },
  SHOP_CONSIGNOR_NOT_MEMBER: {
    id: 'Titip jual hanya untuk pemasok yang anggota: hasilnya dibayar ke simpanan sukarelanya.',
    en: 'Consignment is for suppliers who are members: their share is paid into their sukarela account.',
  },
  SHOP_PRODUCT_NOT_FOUND: {
    id: 'Barang tidak ditemukan.',
    en: 'Product not found.',
  },
  SHOP_SKU_TAKEN: {
    id: 'Kode barang (SKU) {sku} sudah dipakai.',
    en: 'SKU {sku} is already used.',
  },
  SHOP_BARCODE_TAKEN: {
    id: 'Barcode {barcode} sudah dipakai barang lain.',
    en: 'Barcode {barcode} belongs to another product.',
  },
  SHOP_UNIT_UNKNOWN: {
    id: 'Satuan {unit} tidak dikenal untuk barang ini.',
    en: "Unit {unit} is not one of this product's units.",
  },
  SHOP_QTY_INVALID: {
    id: 'Jumlah barang tidak sah (harus lebih dari nol dan sesuai satuannya).',
    en: 'Invalid quantity (must be above zero and match its unit).',
  },
  SHOP_SALE_EMPTY: {
    id: 'Penjualan harus berisi 1 sampai 200 baris barang.',
    en: 'A sale needs 1 to 200 lines.',
  },
  SHOP_SALE_LINE_AMOUNT: {
    id: 'Jumlah baris {line} tidak sesuai harga dan kuantitasnya (seharusnya Rp {expected}).',
    en: "Line {line}'s amount does not follow from its price and quantity (expected Rp {expected}).",
  },
  SHOP_SALE_TOTAL: {
    id: 'Total penjualan tidak sama dengan jumlah barisnya (Rp {expected}).',
    en: 'The sale total does not equal the sum of its lines (Rp {expected}).',
  },
  SHOP_SALE_TENDER_SHORT: {
    id: 'Uang yang dibayarkan kurang dari total Rp {totalRupiah}.',
    en: 'The cash tendered is less than the total Rp {totalRupiah}.',
  },
  SHOP_SALE_MEMBER_REQUIRED: {
    id: 'Bayar dari simpanan atau kredit barang hanya untuk anggota: pilih anggotanya dulu.',
    en: 'Paying from savings or on credit is for members: pick the member first.',
  },
  SHOP_SALE_OFFLINE_PAYMENT: {
    id: 'Saat offline hanya tunai dan QRIS yang bisa diterima.',
    en: 'Offline, only cash and QRIS can be taken.',
  },
  SHOP_RECEIPT_OUT_OF_SEQUENCE: {
    id: 'Nomor struk tidak berurutan: kasir ini menunggu struk nomor {expectedReceiptNo}.',
    en: 'Receipt number out of sequence: this till expects receipt {expectedReceiptNo}.',
  },
  SHOP_RECEIPT_HASH_MISMATCH: {
    id: 'Kode pengaman struk tidak cocok dengan isinya: struk ditolak.',
    en: "The receipt's security hash does not match its content: refused.",
  },
  SHOP_SALE_CONFLICT: {
    id: 'Penjualan dengan kode yang sama sudah tercatat dengan isi lain.',
    en: 'A sale with the same id was recorded with different content.',
  },
  SHOP_SALE_NOT_FOUND: {
    id: 'Penjualan tidak ditemukan.',
    en: 'Sale not found.',
  },
  SHOP_SALE_VOIDED: {
    id: 'Penjualan ini sudah dibatalkan.',
    en: 'This sale has already been voided.',
  },
  SHOP_SALE_SETTLED: {
    id: 'Penjualan ini sudah ada returnya atau hasil titip jualnya sudah dibayar: tidak bisa dibatalkan, gunakan retur.',
    en: 'This sale has returns or settled consignment lines: it cannot be voided; use a return.',
  },
  SHOP_SUPERVISOR_REQUIRED: {
    id: 'Perlu persetujuan supervisor (pengurus) lain dengan kata sandinya.',
    en: "Needs another supervisor's approval with their password.",
  },
  SHOP_MEMBER_NOT_FOUND: {
    id: 'Anggota tidak ditemukan atau tidak aktif.',
    en: 'Member not found or not active.',
  },
  SHOP_NO_SUKARELA: {
    id: 'Anggota ini tidak punya simpanan sukarela aktif.',
    en: 'This member has no active sukarela account.',
  },
  SHOP_CREDIT_NO_LIMIT: {
    id: 'Anggota ini belum punya batas kredit barang.',
    en: 'This member has no goods-credit limit.',
  },
  SHOP_CREDIT_LIMIT_EXCEEDED: {
    id: 'Melebihi batas kredit barang: tersisa Rp {availableRupiah}.',
    en: 'Over the goods-credit limit: Rp {availableRupiah} left.',
  },
  SHOP_CREDIT_PAYMENT_EXCEEDS: {
    id: 'Pembayaran melebihi utang kredit barang (Rp {outstandingRupiah}).',
    en: 'The payment is more than the goods credit owed (Rp {outstandingRupiah}).',
  },
  SHOP_RETURN_QTY: {
    id: 'Jumlah retur baris {lineNo} melebihi yang terjual dan belum diretur.',
    en: 'Returned quantity of line {lineNo} exceeds what was sold and not yet returned.',
  },
  SHOP_NOTHING_TO_SETTLE: {
    id: 'Tidak ada penjualan titip jual yang belum dibayar sampai tanggal itu.',
    en: 'No unsettled consignment sales up to that date.',
  },
  SHOP_INVOICE_PAYMENT_EXCEEDS: {
    id: 'Pembayaran melebihi sisa tagihan (Rp {remainingRupiah}).',
    en: 'The payment exceeds what is left on the invoice (Rp {remainingRupiah}).',
  },
  SHOP_GOODS_RECEIPT_NOT_FOUND: {
    id: 'Penerimaan barang tidak ditemukan.',
    en: 'Goods receipt not found.',
  },
  SHOP_PURCHASE_ORDER_NOT_OPEN: {
    id: 'Pesanan pembelian tidak ditemukan atau sudah tidak terbuka.',
    en: 'Purchase order not found or no longer open.',
  },
  SHOP_CONSIGNMENT_BOUGHT: {
    id: 'Barang titip jual tidak dibeli: catat penerimaannya tanpa harga beli (0).',
    en: 'Consignment goods are not bought: receive them at cost 0.',
  },
  MLIJO_VENDOR_NOT_FOUND: {
    id: 'Penjual mlijo tidak ditemukan.',
    en: 'Mlijo vendor not found.',
  },
  MLIJO_VENDOR_EXISTS: {
    id: 'Anggota ini sudah menjadi penjual mlijo.',
    en: 'This member is already a mlijo vendor.',
  },
  MLIJO_NOT_VENDOR: {
    id: 'Hanya penjual mlijo rute ini (atau pengurus toko) yang boleh.',
    en: 'Only the mlijo vendor of this route (or the shop manager) may do this.',
  },
  MLIJO_HOUSEHOLD_NOT_FOUND: {
    id: 'Rumah tangga tidak ditemukan di rute mlijo.',
    en: 'Household not found on a mlijo route.',
  },
  MLIJO_ROUND_SCHEDULE_INVALID: {
    id: 'Jadwal putaran pesanan tidak sah: {reason}.',
    en: 'Invalid order round schedule: {reason}.',
  },
  MLIJO_ROUND_NOT_FOUND: {
    id: 'Putaran pesanan tidak ditemukan.',
    en: 'Order round not found.',
  },
  MLIJO_ROUND_NOT_OPEN: {
    id: 'Putaran pesanan tidak sedang buka (buka {opensAt} s.d. {closesAt}).',
    en: 'The order round is not open (open {opensAt} to {closesAt}).',
  },
  MLIJO_ORDER_NOT_FOUND: {
    id: 'Pesanan mlijo tidak ditemukan.',
    en: 'Mlijo order not found.',
  },
  MLIJO_ORDER_EXISTS: {
    id: 'Rumah tangga ini sudah memesan di putaran ini.',
    en: 'This household has already ordered in this round.',
  },
  MLIJO_ORDER_STATE: {
    id: 'Pesanan berstatus {status}; langkah ini tidak bisa dilakukan.',
    en: 'The order is {status}; this step cannot be taken.',
  },
  MLIJO_PRODUCT_UNAVAILABLE: {
    id: 'Produk tidak tersedia untuk dipesan.',
    en: 'The product cannot be ordered.',
  },
  MLIJO_WEIGHT_INVALID: {
    id: 'Berat timbangan baris {lineNo} tidak sah.',
    en: 'The packed weight of line {lineNo} is not valid.',
  },
  MLIJO_WEIGHT_NOT_ACCEPTED: {
    id: 'Berat timbangan melebihi toleransi; rumah tangga harus menyetujui dulu.',
    en: 'A packed weight is beyond the tolerance; the household must accept it first.',
  },
  MLIJO_ORDERS_PENDING: {
    id: 'Masih ada {pending} pesanan yang belum diantar atau dicatat tidak terantar.',
    en: '{pending} orders are neither delivered nor recorded as not delivered.',
  },
  MLIJO_NOTHING_TO_SETTLE: {
    id: 'Tidak ada pesanan terantar untuk disetor pada hari itu.',
    en: 'No delivered orders to settle on that day.',
  },
  MLIJO_HANDOVER_TOO_MUCH: {
    id: 'Setoran melebihi uang tunai yang ditagih (Rp {cashCollectedRupiah}).',
    en: 'The handover exceeds the cash collected (Rp {cashCollectedRupiah}).',
  },
  MLIJO_ALREADY_SETTLED: {
    id: 'Setoran penjual untuk hari itu sudah dicatat.',
    en: 'The settlement of the vendor for that day is already recorded.',
  },
  SHOP_CHART_CODE_TAKEN: {
    id: 'Akun {code} untuk toko sudah dipakai untuk keperluan lain dalam bagan akun.',
    en: 'Account {code} needed by the shop is used for something else in the chart.',
  },
  MARKETPLACE_NOT_FOUND: {
    id: 'Pasar daring koperasi ini tidak ditemukan atau sedang tutup.',
    en: 'This cooperative’s marketplace was not found or is closed.',
  },
  MARKETPLACE_ORDER_NOT_FOUND: {
    id: 'Pesanan tidak ditemukan.',
    en: 'Order not found.',
  },
  MARKETPLACE_ORDER_TRANSITION: {
    id: 'Pesanan berstatus {from} tidak bisa di-{action}.',
    en: 'An order that is {from} cannot be {action}ed.',
  },
  MARKETPLACE_CANCEL_REASON_REQUIRED: {
    id: 'Tuliskan alasan pembatalan (3–300 huruf).',
    en: 'Give a reason for the cancellation (3–300 characters).',
  },
  MARKETPLACE_ORDER_EMPTY: {
    id: 'Pesanan belum berisi barang.',
    en: 'The order has no items.',
  },
  MARKETPLACE_PRODUCT_NOT_LISTED: {
    id: 'Barang itu tidak dijual di pasar daring.',
    en: 'That product is not sold on the marketplace.',
  },
  MARKETPLACE_OUT_OF_STOCK: {
    id: 'Stok {name} tinggal {availableBase}.',
    en: 'Only {availableBase} of {name} left in stock.',
  },
  MARKETPLACE_PHOTO_INVALID: {
    id: 'Foto harus JPEG, PNG atau WebP, paling besar 512 KB, dan isinya sesuai jenisnya.',
    en: 'The photo must be JPEG, PNG or WebP, at most 512 KB, and match its type.',
  },
  MARKETPLACE_QRIS_REFERENCE_REQUIRED: {
    id: 'Isi nomor referensi QRIS pembayaran.',
    en: 'Enter the QRIS payment reference.',
  },
};

export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'id';
  // First language tag we support wins; quality values are rarely sent by our own client.
  for (const part of acceptLanguage.split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'id' || tag === 'en') return tag;
  }
  return 'id';
}

export function formatMessage(template: string, params: ErrorParams): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    return v === undefined ? m : String(v);
  });
}

export function errorMessage(code: AppErrorCode, lang: Lang, params: ErrorParams = {}): string {
  return formatMessage(ERROR_MESSAGES[code][lang], params);
}

/**
 * What each shared input schema expects (src/schemas/common.ts), worded for a person: the CLI
 * explains a refused option with it ("--from "2026-01-01" tidak valid: harus bulan TTTT-BB …").
 */
export const INPUT_FORMAT_MESSAGES: Record<InputFormat, Record<Lang, string>> = {
  uuid: {
    id: 'harus id berbentuk uuid, misalnya 3f2b8c1e-4a5d-4e6f-8a9b-0c1d2e3f4a5b',
    en: 'expected an id in uuid form, e.g. 3f2b8c1e-4a5d-4e6f-8a9b-0c1d2e3f4a5b',
  },
  id: {
    id: 'harus nomor id: bilangan bulat positif, paling banyak 18 angka',
    en: 'expected a numeric id: a positive whole number of at most 18 digits',
  },
  rupiah: {
    id: 'harus rupiah bulat lebih dari 0, tanpa titik, misalnya 150000',
    en: 'expected whole rupiah above 0 without separators, e.g. 150000',
  },
  role: { id: 'harus nama peran yang dikenal', en: 'expected a known role' },
  date: {
    id: 'harus tanggal yang ada, format TTTT-BB-HH, tahun 1900–2999, misalnya 2026-01-31',
    en: 'expected a real date YYYY-MM-DD of years 1900–2999, e.g. 2026-01-31',
  },
  month: {
    id: 'harus bulan, format TTTT-BB, tahun 1900–2999, misalnya 2026-01',
    en: 'expected a month YYYY-MM of years 1900–2999, e.g. 2026-01',
  },
  year: {
    id: 'harus tahun buku, format TTTT, tahun 2000–2099, misalnya 2025',
    en: 'expected a book year YYYY of 2000–2099, e.g. 2025',
  },
  'account-code': {
    id: 'harus kode akun, misalnya 1101 atau 2101.01',
    en: 'expected an account code, e.g. 1101 or 2101.01',
  },
  username: {
    id: 'harus 3–64 huruf kecil, angka, titik, garis bawah atau tanda hubung',
    en: 'expected 3–64 lower-case letters, digits, dots, underscores or hyphens',
  },
  text: {
    id: 'bentuk atau panjangnya tidak diterima',
    en: 'its form or length is not accepted',
  },
  port: { id: 'harus nomor port 1–65535', en: 'expected a port number 1–65535' },
  file: { id: 'berkas tidak ada', en: 'no such file' },
};

/** The CLI's refusals of its command line (commander's and the option schemas'), id and en. */
export const INPUT_MESSAGES = {
  prefix: { id: 'Kesalahan', en: 'Error' },
  invalid: {
    id: '{option} "{value}" tidak valid: {expected}',
    en: '{option} "{value}" is invalid: {expected}',
  },
  required: { id: '{option} wajib diisi', en: '{option} is required' },
  choice: {
    id: '{option} "{value}" tidak dikenal; pilih salah satu: {choices}',
    en: '{option} "{value}" is not known; choose one of: {choices}',
  },
  unknownOption: { id: 'opsi tidak dikenal: {option}', en: 'unknown option: {option}' },
  unknownCommand: { id: 'perintah tidak dikenal: {command}', en: 'unknown command: {command}' },
  missingArgument: { id: 'argumen kurang: {argument}', en: 'missing argument: {argument}' },
  excessArguments: {
    id: 'argumen berlebih untuk perintah {command}',
    en: 'too many arguments for the command {command}',
  },
  optionMissingValue: { id: 'opsi {option} perlu nilai', en: 'option {option} needs a value' },
  conflictingOptions: {
    id: '{option} tidak boleh dipakai bersama {other}',
    en: '{option} cannot be used with {other}',
  },
  fileUnusable: {
    id: 'berkas {path} tidak dapat dibuka ({reason})',
    en: 'cannot open the file {path} ({reason})',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export function inputMessage(
  key: keyof typeof INPUT_MESSAGES,
  lang: Lang,
  params: ErrorParams = {},
): string {
  return formatMessage(INPUT_MESSAGES[key][lang], params);
}
