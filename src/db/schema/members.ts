// Members, their heirs and documents (migration 0004).
import type { Generated } from 'kysely';
import type { GeneratedId } from './columns.js';

export interface MembersTable {
  cooperative_id: string;
  id: GeneratedId;
  member_number: string | null;
  status: Generated<
    'applicant' | 'rejected' | 'active' | 'suspended' | 'leaving' | 'left' | 'deceased'
  >;
  nik: string;
  full_name: string;
  birth_place: string | null;
  birth_date: string;
  gender: 'L' | 'P';
  address: string | null;
  province_code: string | null;
  regency_code: string | null;
  district_code: string | null;
  village_code: string | null;
  phone: string | null;
  occupation: string | null;
  branch_id: bigint | null;
  joined_on: string | null;
  left_on: string | null;
  user_id: string | null;
  created_at: Generated<Date>;
  exit_reason: 'voluntary' | 'deceased' | 'expelled' | null;
}

export interface MemberNumberCountersTable {
  cooperative_id: string;
  last_number: bigint;
}

export interface MemberHeirsTable {
  cooperative_id: string;
  member_id: bigint;
  seq: number;
  full_name: string;
  relationship: string;
  nik: string | null;
  phone: string | null;
}

export interface MemberDocumentsTable {
  cooperative_id: string;
  member_id: bigint;
  kind: 'ktp' | 'photo';
  content_type: 'image/jpeg' | 'image/png' | 'application/pdf';
  content: Uint8Array;
  uploaded_at: Generated<Date>;
}

export interface MembersTables {
  members: MembersTable;
  member_number_counters: MemberNumberCountersTable;
  member_heirs: MemberHeirsTable;
  member_documents: MemberDocumentsTable;
}
