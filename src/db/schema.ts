// Kysely table types, written to match src/db/migrations. int8 -> bigint, date -> 'YYYY-MM-DD'
// string, timestamptz -> Date, jsonb -> JsonValue, bytea -> Uint8Array.
import type { ColumnType, Generated } from 'kysely';

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type GeneratedId = ColumnType<bigint, never, never>;
type Json = ColumnType<JsonValue, string, string>;

export interface OrganizationsTable {
  id: Generated<string>;
  kind: 'platform' | 'cooperative' | 'dinas';
  name: string;
  cooperative_type: string | null;
  cooperative_form: string | null;
  nik_koperasi: string | null;
  badan_hukum_number: string | null;
  badan_hukum_date: string | null;
  npwp: string | null;
  nib: string | null;
  membership_area: string | null;
  supervising_dinas_id: string | null;
  dinas_region_code: string | null;
  address: string | null;
  province_code: string | null;
  regency_code: string | null;
  district_code: string | null;
  village_code: string | null;
  postal_code: string | null;
  phone: string | null;
  email: string | null;
  created_at: Generated<Date>;
}

export interface BranchesTable {
  cooperative_id: string;
  id: GeneratedId;
  code: string;
  name: string;
  address: string | null;
  regency_code: string | null;
  is_head_office: Generated<boolean>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  full_name: string;
  password_hash: string;
  locale: Generated<'id' | 'en'>;
  email: string | null;
  phone: string | null;
  failed_login_count: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Generated<Date>;
  disabled_at: Date | null;
  created_at: Generated<Date>;
}

export interface OrganizationRolesTable {
  organization_id: string;
  user_id: string;
  role: string;
  granted_at: Generated<Date>;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  last_seen_at: Generated<Date>;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  organization_id: string;
  id: GeneratedId;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditEventsTable {
  organization_id: string;
  id: GeneratedId;
  occurred_at: Generated<Date>;
  actor_user_id: string | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json | null;
  after: Json | null;
  request_id: string | null;
  ip: string | null;
  /** events sealed one by one (before migration 0009) */
  chain_seq: bigint | null;
  prev_hash: Uint8Array | null;
  hash: Uint8Array | null;
  /** the transaction that wrote the event (xid8, as text); sealed in blocks */
  xact_id: Generated<string | null>;
}

export interface IdempotencyKeysTable {
  organization_id: string;
  key: string;
  user_id: string | null;
  request_hash: string;
  response_status: number | null;
  response_body: Json | null;
  created_at: Generated<Date>;
}

export interface ApprovalsTable {
  organization_id: string;
  id: GeneratedId;
  action: string;
  payload: Json;
  summary: string;
  requested_by: string;
  requested_at: Generated<Date>;
  status: Generated<'pending' | 'approved' | 'rejected'>;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  result: Json | null;
}

export interface AuditChainHeadsTable {
  organization_id: string;
  chain_seq: bigint;
  hash: Uint8Array;
  sealed_at: Date;
  block_seq: Generated<bigint>;
  horizon: Generated<string>;
}

export interface AuditSealBlocksTable {
  organization_id: string;
  block_seq: bigint;
  xact_from: string;
  xact_to: string;
  event_count: number;
  prev_hash: Uint8Array;
  hash: Uint8Array;
  sealed_at: Generated<Date>;
}

export interface DB extends LedgerTables {
  audit_chain_heads: AuditChainHeadsTable;
  audit_seal_blocks: AuditSealBlocksTable;
  organizations: OrganizationsTable;
  branches: BranchesTable;
  users: UsersTable;
  organization_roles: OrganizationRolesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  approvals: ApprovalsTable;
}

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
  cash_desks: CashDesksTable;
  cash_sessions: CashSessionsTable;
  accounts: AccountsTable;
  fiscal_periods: FiscalPeriodsTable;
  journal_counters: JournalCountersTable;
  journal_entries: JournalEntriesTable;
  journal_lines: JournalLinesTable;
  account_balances: AccountBalancesTable;
}
