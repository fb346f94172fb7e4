// Mediation (migration 0034): cases, their officers, parties, meetings, agreement and instalments;
// each row visible only to the case's officers (row-level security).
import type { Generated } from 'kysely';
import type { GeneratedId } from './columns.js';

export interface MediationCasesTable {
  region_code: string;
  registry_id: bigint;
  id: GeneratedId;
  kind: 'gagal_bayar' | 'sengketa';
  title: string;
  summary: string;
  opened_on: string;
  status: Generated<'open' | 'agreement' | 'resolved' | 'failed'>;
  closed_on: string | null;
  closing_note: string | null;
  created_by: string;
  created_at: Generated<Date>;
}

export interface MediationOfficersTable {
  region_code: string;
  registry_id: bigint;
  case_id: bigint;
  user_id: string;
  assigned_on: string;
  assigned_by: string;
}

export interface MediationPartiesTable {
  region_code: string;
  registry_id: bigint;
  case_id: bigint;
  id: GeneratedId;
  role: 'pengadu' | 'koperasi' | 'lainnya';
  name: string;
  contact: string | null;
  claim: string | null;
  claim_rupiah: bigint | null;
}

export interface MediationMeetingsTable {
  region_code: string;
  registry_id: bigint;
  case_id: bigint;
  id: GeneratedId;
  held_on: string;
  place: string | null;
  attendees: string;
  minutes: string;
  recorded_by: string;
  recorded_at: Generated<Date>;
}

export interface MediationAgreementsTable {
  region_code: string;
  registry_id: bigint;
  case_id: bigint;
  signed_on: string;
  terms: string;
  total_rupiah: bigint;
  recorded_by: string;
}

export interface MediationInstalmentsTable {
  region_code: string;
  registry_id: bigint;
  case_id: bigint;
  no: number;
  due_on: string;
  amount_rupiah: bigint;
  paid_on: string | null;
  paid_rupiah: Generated<bigint>;
}

export interface MediationTables {
  mediation_cases: MediationCasesTable;
  mediation_officers: MediationOfficersTable;
  mediation_parties: MediationPartiesTable;
  mediation_meetings: MediationMeetingsTable;
  mediation_agreements: MediationAgreementsTable;
  mediation_instalments: MediationInstalmentsTable;
}
