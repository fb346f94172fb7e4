// Organisations, users, sessions, tokens, audit trail, idempotency and approvals (migrations 0001, 0009).
import type { Generated } from 'kysely';
import type { GeneratedId, Json, Timestamp } from './columns.js';

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

export interface FoundationTables {
  organizations: OrganizationsTable;
  branches: BranchesTable;
  users: UsersTable;
  organization_roles: OrganizationRolesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_events: AuditEventsTable;
  audit_chain_heads: AuditChainHeadsTable;
  audit_seal_blocks: AuditSealBlocksTable;
  idempotency_keys: IdempotencyKeysTable;
  approvals: ApprovalsTable;
}
