/**
 * The closed set of operating-error codes, with the kind of failure each is. The HTTP layer maps
 * kinds to status codes, the CLI to exit codes, and src/i18n turns codes into id/en messages; the
 * compiler checks that every code has a kind and two messages.
 */
export const ERROR_KINDS = {
  // common
  VALIDATION_FAILED: 'invalid',
  NOT_FOUND: 'not-found',
  FORBIDDEN: 'forbidden',
  RATE_LIMITED: 'rate-limited',
  PAYLOAD_TOO_LARGE: 'too-large',
  INTERNAL: 'internal',
  /** the database cannot be reached or the pool has no free connection in time */
  DATABASE_UNAVAILABLE: 'unavailable',
  /** the database cancelled a statement at its time limit (a slow query, a lock held too long) */
  DATABASE_TIMEOUT: 'unavailable',
  /** the database's disk is full or its data directory cannot be written */
  DATABASE_STORAGE_FAILED: 'unavailable',
  /** at start: the embedded database's data directory is read-only, full or not ours */
  DATA_DIR_NOT_WRITABLE: 'unavailable',
  // auth
  AUTH_REQUIRED: 'unauthenticated',
  AUTH_INVALID_CREDENTIALS: 'unauthenticated',
  AUTH_ACCOUNT_LOCKED: 'locked',
  AUTH_CSRF_FAILED: 'forbidden',
  AUTH_PASSWORD_TOO_WEAK: 'invalid',
  AUTH_PASSWORD_REUSED: 'invalid',
  // organisations and users
  ORG_NOT_FOUND: 'not-found',
  ORG_NIK_KOPERASI_TAKEN: 'conflict',
  ORG_REGION_UNKNOWN: 'invalid',
  USER_NOT_FOUND: 'not-found',
  USER_USERNAME_TAKEN: 'conflict',
  USER_ROLE_NOT_ALLOWED: 'invalid',
  BRANCH_NOT_FOUND: 'not-found',
  BRANCH_CODE_TAKEN: 'conflict',
  API_TOKEN_NOT_FOUND: 'not-found',
  // idempotency
  IDEMPOTENCY_KEY_REQUIRED: 'invalid',
  IDEMPOTENCY_KEY_REUSED: 'unprocessable',
  // maker-checker
  APPROVAL_NOT_FOUND: 'not-found',
  APPROVAL_NOT_PENDING: 'conflict',
  APPROVAL_SELF_DECISION: 'forbidden',
  APPROVAL_ACTION_UNKNOWN: 'invalid',
  // ledger
  LEDGER_INVALID_ENTRY: 'invalid',
  LEDGER_UNBALANCED: 'invalid',
  LEDGER_PERIOD_CLOSED: 'conflict',
  LEDGER_ACCOUNT_NOT_FOUND: 'invalid',
  LEDGER_ACCOUNT_NOT_POSTABLE: 'invalid',
  LEDGER_ACCOUNT_INACTIVE: 'invalid',
  LEDGER_ENTRY_NOT_FOUND: 'not-found',
  ACCOUNT_NOT_FOUND: 'not-found',
  LEDGER_ALREADY_REVERSED: 'conflict',
  LEDGER_ACCOUNT_CODE_TAKEN: 'conflict',
  LEDGER_PERIOD_NOT_CLOSABLE: 'conflict',
  LEDGER_TRIAL_BALANCE_UNBALANCED: 'conflict',
  LEDGER_YEAR_NOT_ENDED: 'unprocessable',
  LEDGER_YEAR_ALREADY_CLOSED: 'conflict',
  LEDGER_YEAR_MONTH_OPEN: 'conflict',
  LEDGER_YEAR_NOT_CLOSED: 'conflict',
  LEDGER_YEAR_NOT_REOPENABLE: 'conflict',
  // members and savings
  MEMBER_NOT_FOUND: 'not-found',
  MEMBER_NIK_INVALID: 'invalid',
  MEMBER_NIK_TAKEN: 'conflict',
  MEMBER_NOT_ACTIVE: 'unprocessable',
  SAVINGS_PRODUCT_NOT_FOUND: 'not-found',
  SAVINGS_PRODUCT_CODE_TAKEN: 'conflict',
  SAVINGS_ACCOUNT_NOT_FOUND: 'not-found',
  SAVINGS_ACCOUNT_EXISTS: 'conflict',
  MEMBER_STATUS_INVALID: 'conflict',
  MEMBER_HAS_OBLIGATIONS: 'unprocessable',
  MEMBER_DOCUMENT_NOT_FOUND: 'not-found',
  MEMBER_REGION_INVALID: 'invalid',
  MEMBER_PHONE_INVALID: 'invalid',
  SAVINGS_PRODUCT_INVALID: 'invalid',
  SAVINGS_AMOUNT_NOT_POSITIVE: 'invalid',
  SAVINGS_NOT_WITHDRAWABLE: 'unprocessable',
  SAVINGS_ACCOUNT_DORMANT: 'unprocessable',
  SAVINGS_ACCOUNT_BLOCKED: 'unprocessable',
  SAVINGS_ACCOUNT_CLOSED: 'unprocessable',
  SAVINGS_INSUFFICIENT_BALANCE: 'unprocessable',
  SAVINGS_BELOW_MINIMUM_BALANCE: 'unprocessable',
  SAVINGS_DEPOSIT_NOT_ALLOWED: 'unprocessable',
  SAVINGS_TENOR_NOT_OFFERED: 'invalid',
  SAVINGS_TRANSFER_SAME_ACCOUNT: 'invalid',
  // the funding akad of a sharia cooperative (KSPPS)
  SAVINGS_PRODUCT_RATE_NOT_ALLOWED: 'invalid',
  SAVINGS_PRODUCT_RATE_REQUIRED: 'invalid',
  SAVINGS_PRODUCT_AKAD_REQUIRED: 'invalid',
  SAVINGS_PRODUCT_AKAD_NOT_ALLOWED: 'invalid',
  SAVINGS_PRODUCT_AKAD_KIND_MISMATCH: 'invalid',
  SAVINGS_PRODUCT_NISBAH_INVALID: 'invalid',
  SAVINGS_AKAD_NOT_MUDHARABAH: 'unprocessable',
  SAVINGS_AKAD_NISBAH_UNCHANGED: 'unprocessable',
  SAVINGS_AKAD_VERSION_NOT_FOUND: 'not-found',
  SAVINGS_AKAD_VERSION_NOT_PROPOSED: 'conflict',
  MONTH_END_ALREADY_RUN: 'conflict',
  IMPORT_FILE_INVALID: 'invalid',
  IMPORT_ROWS_INVALID: 'unprocessable',
  // cash desks
  CASH_DESK_NOT_FOUND: 'not-found',
  CASH_DESK_CODE_TAKEN: 'conflict',
  CASH_SESSION_NOT_FOUND: 'not-found',
  CASH_SESSION_NOT_OPEN: 'conflict',
  CASH_SESSION_NONE_OPEN: 'conflict',
  CASH_SESSION_ALREADY_OPEN: 'conflict',
  CASH_SESSION_NOT_YOURS: 'forbidden',
  CASH_INSUFFICIENT: 'unprocessable',
  CASH_VARIANCE_REASON_REQUIRED: 'invalid',
  // loans and financing
  LOAN_PRODUCT_NOT_FOUND: 'not-found',
  LOAN_PRODUCT_CODE_TAKEN: 'conflict',
  LOAN_AMOUNT_OUT_OF_RANGE: 'unprocessable',
  LOAN_TENOR_OUT_OF_RANGE: 'unprocessable',
  LOAN_MEMBER_NOT_ACTIVE: 'unprocessable',
  LOAN_APPLICATION_NOT_FOUND: 'not-found',
  LOAN_APPLICATION_WRONG_STATUS: 'conflict',
  LOAN_APPROVAL_LIMIT_EXCEEDED: 'forbidden',
  LOAN_NOT_FOUND: 'not-found',
  LOAN_NOT_ACTIVE: 'conflict',
  LOAN_OVERPAYMENT: 'unprocessable',
  LOAN_NOT_MACET: 'conflict',
  LOAN_NOT_WRITTEN_OFF: 'conflict',
  LOAN_RECOVERY_EXCEEDS_CLAIM: 'unprocessable',
  LOAN_DISBURSEMENT_CHANNEL_UNAVAILABLE: 'unprocessable',
  LOAN_RESTRUCTURE_INVALID: 'unprocessable',
  LOAN_AUTO_DEBIT_DATE_IN_FUTURE: 'unprocessable',
  MONTH_END_PERIOD_INVALID: 'invalid',
  // late payment of a KSPPS financing (ta'zir, ta'widh)
  LOAN_SHARIA_ONLY: 'unprocessable',
  LOAN_INABILITY_ALREADY_MARKED: 'conflict',
  LOAN_INABILITY_NOT_MARKED: 'conflict',
  LOAN_INABILITY_DATE_INVALID: 'unprocessable',
  LOAN_TAWIDH_NOT_ALLOWED: 'unprocessable',
  LOAN_TAWIDH_MEMBER_UNABLE: 'unprocessable',
  LOAN_TAWIDH_NOT_IN_ARREARS: 'unprocessable',
  LOAN_TAWIDH_DATE_INVALID: 'unprocessable',
  LOAN_TAWIDH_ITEM_INVALID: 'invalid',
  LOAN_TAWIDH_EXCEEDS_OWED: 'unprocessable',
  LOAN_TAWIDH_ITEM_NOT_FOUND: 'not-found',
  LOAN_TAWIDH_ALREADY_CHARGED: 'conflict',
  // profit-sharing financing of a KSPPS (mudharabah, musyarakah)
  FINANCING_NOT_PROFIT_SHARING: 'unprocessable',
  FINANCING_TERMS_INVALID: 'invalid',
  FINANCING_TERMS_MISSING: 'unprocessable',
  FINANCING_REPORT_EXISTS: 'conflict',
  FINANCING_REPORT_PERIOD_INVALID: 'unprocessable',
  FINANCING_REPORT_NEGATIVE_REVENUE: 'invalid',
  FINANCING_NEGLIGENCE_NOT_ALLOWED: 'conflict',
  // monthly profit distribution of a KSPPS
  BAGI_HASIL_NOT_DISTRIBUTED: 'not-found',
  BAGI_HASIL_NOT_SHARIA: 'unprocessable',
  /** the zakat, kebajikan and rekonsiliasi statements exist for a KSPPS only */
  STATEMENT_SHARIA_ONLY: 'unprocessable',
  WADIAH_BONUS_ALREADY_DECIDED: 'conflict',
  WADIAH_BONUS_PERIOD_NOT_ENDED: 'unprocessable',
  // SHU from the books (docs/domain/shu-books.md)
  SHU_SETTINGS_MISSING: 'unprocessable',
  SHU_RUN_NOT_FOUND: 'not-found',
  SHU_NOTHING_TO_SHARE: 'unprocessable',
  SHU_YEAR_NOT_CLOSED: 'conflict',
  SHU_FINAL_EXISTS: 'conflict',
  SHU_RUN_NOT_FINAL: 'conflict',
  SHU_ALREADY_DISTRIBUTED: 'conflict',
  SHU_NOT_DISTRIBUTED: 'conflict',
  SHU_STALE: 'conflict',
  SHU_ALREADY_PAID: 'conflict',
  SHU_MEMBER_NOT_IN_RUN: 'not-found',
  SHU_NO_SUKARELA_ACCOUNT: 'unprocessable',
  // the RAT (annual members' meeting)
  RAT_MEETING_NOT_FOUND: 'not-found',
  RAT_MEETING_EXISTS: 'conflict',
  /** the date is outside the legal window or too close to invite members in time */
  RAT_PLAN_INVALID: 'invalid',
  RAT_STATE_INVALID: 'conflict',
  RAT_QUORUM_NOT_MET: 'conflict',
  RAT_CHECKIN_INVALID: 'invalid',
  RAT_CHECKIN_NOT_YET: 'conflict',
  RAT_MEMBER_NOT_ENTITLED: 'unprocessable',
  RAT_PROXY_NOT_ALLOWED: 'unprocessable',
  RAT_AGENDA_ITEM_NOT_FOUND: 'not-found',
  RAT_VOTES_INVALID: 'invalid',
  /** the cooperative is not linked to a registry row of a Dinas: nowhere to send the package */
  RAT_PACKAGE_NOT_LINKED: 'unprocessable',
  // secret ballots (docs/domain/rat-ballots.md)
  RAT_ELECTION_NOT_FOUND: 'not-found',
  RAT_ELECTION_STATE: 'conflict',
  RAT_ELECTION_INVALID: 'invalid',
  RAT_NOT_KEYHOLDER: 'forbidden',
  RAT_NOT_CHECKED_IN: 'conflict',
  RAT_ALREADY_REGISTERED: 'conflict',
  RAT_BALLOT_REFUSED: 'unprocessable',
  RAT_SHARE_REFUSED: 'unprocessable',
  /** dealing waits until every keyholder has registered its sealing key */
  RAT_KEYHOLDER_KEYS_MISSING: 'conflict',
  /** a keyholder registers its sealing key once */
  RAT_KEYHOLDER_KEY_REGISTERED: 'conflict',
  // baitul maal (social funds of a KSPPS)
  /** a fund's money would pay a business expense or become business income (PSAK 101) */
  BAITUL_MAAL_TAMWIL_USE_REFUSED: 'invalid',
  BAITUL_MAAL_FUND_INSUFFICIENT: 'unprocessable',
  BAITUL_MAAL_ASNAF_REQUIRED: 'invalid',
  BAITUL_MAAL_PURPOSE_REQUIRED: 'invalid',
  BAITUL_MAAL_WAKAF_PRINCIPAL: 'unprocessable',
  BAITUL_MAAL_SOURCE_NOT_ALLOWED: 'invalid',
  // Dewan Pengawas Syariah (DPS) of a KSPPS
  /** the cooperative is not a sharia one (KSPPS): it has no DPS */
  DPS_NOT_SHARIA: 'unprocessable',
  DPS_MEMBER_NOT_FOUND: 'not-found',
  DPS_MEMBER_ENDED: 'conflict',
  /** an outsider's term is two years at most (Permenkop 11/2017) */
  DPS_TERM_TOO_LONG: 'invalid',
  DPS_TERM_REQUIRED: 'invalid',
  DPS_TERM_DATES: 'invalid',
  DPS_USER_NOT_ALLOWED: 'invalid',
  DPS_CERTIFICATE_TAKEN: 'conflict',
  DPS_REVIEW_NOT_FOUND: 'not-found',
  DPS_REVIEW_NOT_PENDING: 'conflict',
  /** the user deciding is not a DPS member in office */
  DPS_NOT_IN_OFFICE: 'forbidden',
  DPS_SELF_DECISION: 'forbidden',
  DPS_SIGNATORY_NOT_IN_OFFICE: 'invalid',
  DPS_OPINION_NOT_FOUND: 'not-found',
  /** a product waiting for the DPS's approval cannot be used yet */
  SAVINGS_PRODUCT_AWAITING_DPS: 'conflict',
  SAVINGS_PRODUCT_NISBAH_CHANGE_INVALID: 'invalid',
  // supervision
  /** the books changed between preparing a report to the Dinas and its approval */
  SUPERVISION_REPORT_BOOKS_CHANGED: 'conflict',
  // training and certification (issue 16 item 3)
  /** that person of that cooperative is already enrolled in the event */
  TRAINING_PARTICIPANT_EXISTS: 'conflict',
  /** the cooperative already has a certificate with that number */
  CERTIFICATE_NUMBER_TAKEN: 'conflict',
  // inspections and the sanctions ladder (issue 16 item 4)
  /** a step of the sanctions ladder asked for out of order (a skip, or no letter before it) */
  SANCTION_OUT_OF_ORDER: 'conflict',
  /** the previous letter's deadline for correction has not passed */
  SANCTION_DEADLINE_NOT_PASSED: 'conflict',
  /** the previous letter was never recorded as delivered */
  SANCTION_NOT_DELIVERED: 'conflict',
  /** the last step of the ladder has been issued */
  SANCTION_LADDER_END: 'conflict',
  /** a letter's delivery is recorded once */
  LETTER_ALREADY_DELIVERED: 'conflict',
  LETTER_ALREADY_REVOKED: 'conflict',
  /** a recommendation is marked done only with evidence of its follow-up */
  RECOMMENDATION_EVIDENCE_REQUIRED: 'unprocessable',
  // koperasi modern (issue 16 item 5)
  KOPERASI_MODERN_VERSION_NOT_FOUND: 'not-found',
  /** a checklist answers every item of its version once */
  KOPERASI_MODERN_CHECKLIST_INCOMPLETE: 'invalid',
  /** a checklist dated in the future, or a target year already past */
  KOPERASI_MODERN_DATE_INVALID: 'invalid',
  KOPERASI_MODERN_VERSION_CODE_TAKEN: 'conflict',
  // funding referrals (issue 16 item 7)
  /** a cooperative is referred only when every item its programme requires is met */
  FUNDING_NOT_READY: 'unprocessable',
  /** a referral's status moves only to its next step (referred → under review → approved/rejected → disbursed) */
  FUNDING_REFERRAL_OUT_OF_ORDER: 'conflict',
  // shop, point of sale and consignment (issue 18)
  SHOP_OUTLET_NOT_FOUND: 'not-found',
  SHOP_OUTLET_CODE_TAKEN: 'conflict',
  SHOP_TILL_NOT_FOUND: 'not-found',
  SHOP_TILL_CODE_TAKEN: 'conflict',
  SHOP_SUPPLIER_NOT_FOUND: 'not-found',
  SHOP_CONSIGNOR_NOT_MEMBER: 'unprocessable',
  SHOP_PRODUCT_NOT_FOUND: 'not-found',
  SHOP_SKU_TAKEN: 'conflict',
  SHOP_BARCODE_TAKEN: 'conflict',
  SHOP_UNIT_UNKNOWN: 'unprocessable',
  SHOP_QTY_INVALID: 'unprocessable',
  SHOP_SALE_EMPTY: 'unprocessable',
  SHOP_SALE_LINE_AMOUNT: 'unprocessable',
  SHOP_SALE_TOTAL: 'unprocessable',
  SHOP_SALE_TENDER_SHORT: 'unprocessable',
  SHOP_SALE_MEMBER_REQUIRED: 'unprocessable',
  SHOP_SALE_OFFLINE_PAYMENT: 'unprocessable',
  SHOP_RECEIPT_OUT_OF_SEQUENCE: 'conflict',
  SHOP_RECEIPT_HASH_MISMATCH: 'unprocessable',
  SHOP_SALE_CONFLICT: 'conflict',
  SHOP_SALE_NOT_FOUND: 'not-found',
  SHOP_SALE_VOIDED: 'conflict',
  SHOP_SALE_SETTLED: 'conflict',
  SHOP_SUPERVISOR_REQUIRED: 'forbidden',
  SHOP_MEMBER_NOT_FOUND: 'not-found',
  SHOP_NO_SUKARELA: 'unprocessable',
  SHOP_CREDIT_NO_LIMIT: 'unprocessable',
  SHOP_CREDIT_LIMIT_EXCEEDED: 'unprocessable',
  SHOP_CREDIT_PAYMENT_EXCEEDS: 'unprocessable',
  SHOP_RETURN_QTY: 'unprocessable',
  SHOP_NOTHING_TO_SETTLE: 'unprocessable',
  SHOP_INVOICE_PAYMENT_EXCEEDS: 'unprocessable',
  SHOP_GOODS_RECEIPT_NOT_FOUND: 'not-found',
  SHOP_PURCHASE_ORDER_NOT_OPEN: 'conflict',
  SHOP_CONSIGNMENT_BOUGHT: 'unprocessable',
  MLIJO_VENDOR_NOT_FOUND: 'not-found',
  MLIJO_VENDOR_EXISTS: 'conflict',
  MLIJO_NOT_VENDOR: 'forbidden',
  MLIJO_HOUSEHOLD_NOT_FOUND: 'not-found',
  MLIJO_ROUND_SCHEDULE_INVALID: 'invalid',
  MLIJO_ROUND_NOT_FOUND: 'not-found',
  MLIJO_ROUND_NOT_OPEN: 'conflict',
  MLIJO_ORDER_NOT_FOUND: 'not-found',
  MLIJO_ORDER_EXISTS: 'conflict',
  MLIJO_ORDER_STATE: 'conflict',
  MLIJO_PRODUCT_UNAVAILABLE: 'unprocessable',
  MLIJO_WEIGHT_INVALID: 'unprocessable',
  MLIJO_WEIGHT_NOT_ACCEPTED: 'unprocessable',
  MLIJO_ORDERS_PENDING: 'conflict',
  MLIJO_NOTHING_TO_SETTLE: 'unprocessable',
  MLIJO_HANDOVER_TOO_MUCH: 'unprocessable',
  MLIJO_ALREADY_SETTLED: 'conflict',
  SHOP_CHART_CODE_TAKEN: 'conflict',
  MARKETPLACE_NOT_FOUND: 'not-found',
  MARKETPLACE_ORDER_NOT_FOUND: 'not-found',
  MARKETPLACE_ORDER_TRANSITION: 'conflict',
  MARKETPLACE_CANCEL_REASON_REQUIRED: 'unprocessable',
  MARKETPLACE_ORDER_EMPTY: 'unprocessable',
  MARKETPLACE_PRODUCT_NOT_LISTED: 'unprocessable',
  MARKETPLACE_OUT_OF_STOCK: 'conflict',
  MARKETPLACE_PHOTO_INVALID: 'unprocessable',
  MARKETPLACE_QRIS_REFERENCE_REQUIRED: 'unprocessable',
} as const satisfies Record<string, ErrorKind>;

export type ErrorKind =
  | 'invalid'
  | 'unprocessable'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'locked'
  | 'rate-limited'
  | 'too-large'
  | 'internal'
  /** a passing condition (the database is down, a time limit was hit): try again shortly */
  | 'unavailable';

export type AppErrorCode = keyof typeof ERROR_KINDS;
export type ErrorParams = Record<string, string | number | bigint>;

/** An expected failure: a closed code, parameters for the message, and an internal message. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly params: ErrorParams = {},
    internalMessage?: string,
    /** Per-field problems (form fields, spreadsheet rows) shown with the message. */
    readonly fieldErrors?: FieldError[],
  ) {
    super(internalMessage ?? code);
    this.name = 'AppError';
  }
  get kind(): ErrorKind {
    return ERROR_KINDS[this.code];
  }
}

/** A field-level problem inside VALIDATION_FAILED. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * A refusal of the fields of a request, each with its code (the message is the code: the web app
 * and the problem's `detail` translate them): VALIDATION_FAILED, the first field named.
 */
export function invalidFields(problems: readonly { field: string; code: string }[]): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    { field: problems[0]?.field ?? '' },
    problems.map((p) => `${p.field}: ${p.code}`).join(', '),
    problems.map((p): FieldError => ({ field: p.field, code: p.code, message: p.code })),
  );
}
