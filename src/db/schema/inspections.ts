// Inspections and the sanctions ladder (migration 0030): visits, their checklist answers,
// findings with evidence, recommendations; the ladder's letters, their findings, delivery and
// revocation; the office's letter counters and number format.
import type { Generated } from 'kysely';
import type { GeneratedId } from './columns.js';

export interface InspectionVisitsTable {
  region_code: string;
  registry_id: bigint;
  id: GeneratedId;
  planned_on: string;
  purpose: string;
  status: Generated<'planned' | 'done' | 'cancelled'>;
  closed_on: string | null;
  closed_note: string | null;
  planned_by: string | null;
  created_at: Generated<Date>;
}

export interface InspectionVisitOfficersTable {
  region_code: string;
  registry_id: bigint;
  visit_id: bigint;
  user_id: string;
}

export interface InspectionChecklistAnswersTable {
  region_code: string;
  registry_id: bigint;
  visit_id: bigint;
  checklist: string;
  item_no: number;
  answer: boolean;
  note: string | null;
}

export interface InspectionFindingsTable {
  region_code: string;
  registry_id: bigint;
  visit_id: bigint;
  id: GeneratedId;
  description: string;
  checklist: string | null;
  item_no: number | null;
  latitude: string | null;
  longitude: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface InspectionRecommendationsTable {
  region_code: string;
  registry_id: bigint;
  finding_id: bigint;
  id: GeneratedId;
  text: string;
  due_on: string;
  done_on: string | null;
  done_note: string | null;
  done_by: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface InspectionEvidenceTable {
  region_code: string;
  registry_id: bigint;
  finding_id: bigint;
  id: GeneratedId;
  recommendation_id: bigint | null;
  file_name: string;
  content_type: 'image/jpeg' | 'image/png' | 'application/pdf';
  content: Uint8Array;
  uploaded_by: string | null;
  uploaded_at: Generated<Date>;
}

export interface SanctionLettersTable {
  region_code: string;
  registry_id: bigint;
  id: GeneratedId;
  office_id: string;
  step: 'teguran_1' | 'teguran_2' | 'pembatasan' | 'pencabutan_izin' | 'pembubaran';
  letter_year: number;
  letter_seq: number;
  letter_number: string;
  issued_on: string;
  deadline_on: string;
  findings_text: string;
  correction: string;
  legal_basis: string;
  officer_user_id: string | null;
  officer_name: string;
  office_name: string;
  cooperative_name: string;
  previous_letter_id: bigint | null;
  created_at: Generated<Date>;
}

export interface SanctionLetterFindingsTable {
  region_code: string;
  registry_id: bigint;
  letter_id: bigint;
  finding_id: bigint;
}

export interface SanctionLetterDeliveriesTable {
  region_code: string;
  registry_id: bigint;
  letter_id: bigint;
  delivered_on: string;
  method: 'hand' | 'post' | 'courier' | 'email';
  received_by: string;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface SanctionLetterRevocationsTable {
  region_code: string;
  registry_id: bigint;
  letter_id: bigint;
  revoked_on: string;
  reason: string;
  revoked_by: string | null;
  recorded_at: Generated<Date>;
}

export interface SanctionLetterCountersTable {
  organization_id: string;
  letter_year: number;
  last_seq: number;
}

export interface SanctionLetterSettingsTable {
  organization_id: string;
  id: GeneratedId;
  number_format: string;
  set_by: string | null;
  set_at: Generated<Date>;
}

export interface InspectionTables {
  inspection_visits: InspectionVisitsTable;
  inspection_visit_officers: InspectionVisitOfficersTable;
  inspection_checklist_answers: InspectionChecklistAnswersTable;
  inspection_findings: InspectionFindingsTable;
  inspection_recommendations: InspectionRecommendationsTable;
  inspection_evidence: InspectionEvidenceTable;
  sanction_letters: SanctionLettersTable;
  sanction_letter_findings: SanctionLetterFindingsTable;
  sanction_letter_deliveries: SanctionLetterDeliveriesTable;
  sanction_letter_revocations: SanctionLetterRevocationsTable;
  sanction_letter_counters: SanctionLetterCountersTable;
  sanction_letter_settings: SanctionLetterSettingsTable;
}
