// The ledger and the cash desks (migrations 0002, 0003, 0009, 0011).
import type { ColumnType, Generated } from 'kysely';
import type { GeneratedId } from './columns.js';

export interface AccountsTable {
  cooperative_id: string;
  id: GeneratedId;
  code: string;
  name: string;
  account_type: 'aset' | 'kewajiban' | 'ekuitas' | 'pendapatan' | 'beban';
  normal_balance: 'debit' | 'credit';
  parent_id: bigint | null;
  is_postable: boolean;
  role: string | null;
  cash_flow_class: Generated<'cash' | 'operating' | 'investing' | 'financing'>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface FiscalPeriodsTable {
  cooperative_id: string;
  period: string;
  status: 'open' | 'closed';
  closed_at: Date | null;
  closed_by: string | null;
}

export interface JournalCountersTable {
  cooperative_id: string;
  fiscal_year: number;
  series: string;
  last_number: bigint;
}

export interface JournalEntriesTable {
  cooperative_id: string;
  id: GeneratedId;
  entry_date: string;
  fiscal_year: number;
  series: string;
  number: bigint;
  description: string;
  source_type: string;
  source_id: string | null;
  branch_id: bigint | null;
  reversal_of: bigint | null;
  total_rupiah: bigint;
  created_by: string | null;
  created_at: Generated<Date>;
  cash_session_id: ColumnType<bigint | null, bigint | null | undefined, never>;
}

export interface JournalLinesTable {
  cooperative_id: string;
  entry_id: bigint;
  line_no: number;
  account_id: bigint;
  debit_rupiah: bigint;
  credit_rupiah: bigint;
  member_id: bigint | null;
  branch_id: bigint | null;
  memo: string | null;
}

export interface AccountBalancesTable {
  cooperative_id: string;
  account_id: bigint;
  period: string;
  stripe: number;
  debit_rupiah: bigint;
  credit_rupiah: bigint;
}

export interface CashDesksTable {
  cooperative_id: string;
  id: GeneratedId;
  branch_id: bigint;
  code: string;
  name: string;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface CashSessionsTable {
  cooperative_id: string;
  id: GeneratedId;
  desk_id: bigint;
  teller_user_id: string;
  business_date: string;
  opening_float_rupiah: bigint;
  opened_at: Generated<Date>;
  status: Generated<'open' | 'closed'>;
  closed_at: Date | null;
  counted_rupiah: bigint | null;
  expected_rupiah: bigint | null;
  variance_rupiah: bigint | null;
  variance_reason: string | null;
  variance_entry_id: bigint | null;
}

export interface LedgerTables {
  accounts: AccountsTable;
  fiscal_periods: FiscalPeriodsTable;
  journal_counters: JournalCountersTable;
  journal_entries: JournalEntriesTable;
  journal_lines: JournalLinesTable;
  account_balances: AccountBalancesTable;
  cash_desks: CashDesksTable;
  cash_sessions: CashSessionsTable;
}
