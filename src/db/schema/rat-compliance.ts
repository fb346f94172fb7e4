// RAT compliance (migration 0032): the documents a RAT produced, as the office received them, and
// the reminders it sent. The RATs themselves are registry_rats (schema/early-warning.ts).
import type { Generated } from 'kysely';
import type { GeneratedId } from './columns.js';

export interface RegistryRatDocumentsTable {
  region_code: string;
  registry_id: bigint;
  id: GeneratedId;
  book_year: number;
  kind: 'minutes' | 'attendance' | 'accountability' | 'statements' | 'other';
  file_name: string;
  content_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  content: Uint8Array;
  content_sha256: string;
  received_on: string;
  uploaded_by: string;
  uploaded_at: Generated<Date>;
}

export interface RegistryRatRemindersTable {
  region_code: string;
  registry_id: bigint;
  book_year: number;
  stage: 'h60' | 'h14' | 'overdue';
  sent_on: string;
  body: string;
  recipient: string | null;
  sent_by: string | null;
}

export interface RatComplianceTables {
  registry_rat_documents: RegistryRatDocumentsTable;
  registry_rat_reminders: RegistryRatRemindersTable;
}
