// Savings products, accounts, their history and interest (migration 0005).
import type { Generated } from 'kysely';
import type { GeneratedId, Json } from './columns.js';

export interface SavingsProductsTable {
  cooperative_id: string;
  id: GeneratedId;
  code: string;
  name: string;
  kind: 'pokok' | 'wajib' | 'sukarela' | 'berjangka';
  minimum_balance_rupiah: Generated<bigint>;
  settings: Generated<Json>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
  /** migration 0021: the sharia akad (KSPPS only) */
  akad: 'wadiah' | 'mudharabah' | 'mudharabah_berjangka' | null;
}

export interface SavingsAccountsTable {
  cooperative_id: string;
  id: GeneratedId;
  account_number: string;
  member_id: bigint;
  product_id: bigint;
  status: Generated<'active' | 'dormant' | 'blocked' | 'closed'>;
  balance_rupiah: Generated<bigint>;
  opened_on: string;
  closed_on: string | null;
  last_activity_on: string | null;
  principal_rupiah: bigint | null;
  term_opened_on: string | null;
  tenor_months: number | null;
  annual_rate_bps: number | null;
  interest_payout: 'to-sukarela' | 'rollover' | null;
  automatic_rollover: boolean | null;
  payout_account_id: bigint | null;
  created_at: Generated<Date>;
}

export interface SavingsTransactionsTable {
  cooperative_id: string;
  id: GeneratedId;
  account_id: bigint;
  kind:
    | 'deposit'
    | 'withdrawal'
    | 'transfer-in'
    | 'transfer-out'
    | 'interest'
    | 'tax'
    | 'admin-fee'
    | 'placement'
    | 'break'
    | 'penalty'
    | 'maturity'
    | 'opening-balance'
    | 'exit'
    | 'loan-disbursement'
    | 'loan-repayment'
    | 'shu'
    | 'shop-purchase'
    | 'shop-refund'
    | 'consignment'
    | 'mlijo-commission';
  sign: number;
  amount_rupiah: bigint;
  balance_after_rupiah: bigint;
  transaction_date: string;
  entry_id: bigint;
  created_at: Generated<Date>;
}

export interface SavingsInterestLinesTable {
  cooperative_id: string;
  period: string;
  account_id: bigint;
  member_id: bigint;
  kind: 'sukarela' | 'berjangka';
  basis_rupiah: bigint;
  gross_rupiah: bigint;
  tax_rupiah: Generated<bigint>;
  fee_rupiah: Generated<bigint>;
  booked_on: string;
  credit_account_id: bigint;
}

/** Migration 0021: the member's akad on a mudharabah account, versioned. */
export interface SavingsAccountAkadVersionsTable {
  cooperative_id: string;
  account_id: bigint;
  version: number;
  nisbah_anggota_bps: number;
  effective_from: string;
  status: 'proposed' | 'accepted' | 'withdrawn';
  proposed_by: string | null;
  proposed_at: Generated<Date>;
  accepted_by: string | null;
  accepted_at: Date | null;
  channel: 'counter' | 'portal' | null;
}

export interface SavingsTables {
  savings_products: SavingsProductsTable;
  savings_accounts: SavingsAccountsTable;
  savings_transactions: SavingsTransactionsTable;
  savings_interest_lines: SavingsInterestLinesTable;
  savings_account_akad_versions: SavingsAccountAkadVersionsTable;
}
