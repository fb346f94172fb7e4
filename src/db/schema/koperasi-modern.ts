// Koperasi modern (migration 0031): the criteria versions and their items, each cooperative's
// checklists with answers and evidence, and the office's targets.
import type { Generated } from 'kysely';
import type { GeneratedId } from './columns.js';

export interface KoperasiModernCriteriaVersionsTable {
  id: GeneratedId;
  region_code: string;
  code: string;
  title: string;
  valid_from: string;
  source_document: string;
  source_note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface KoperasiModernCriteriaTable {
  region_code: string;
  version_id: bigint;
  item_no: number;
  text_id: string;
  text_en: string;
  suggest: 'sokoguru' | null;
}

export interface KoperasiModernAssessmentsTable {
  region_code: string;
  registry_id: bigint;
  id: GeneratedId;
  version_id: bigint;
  assessed_on: string;
  note: string | null;
  assessor_user_id: string | null;
  assessor_name: string;
  recorded_at: Generated<Date>;
}

export interface KoperasiModernAnswersTable {
  region_code: string;
  registry_id: bigint;
  assessment_id: bigint;
  version_id: bigint;
  item_no: number;
  met: boolean;
  note: string | null;
  suggested: Generated<boolean>;
}

export interface KoperasiModernEvidenceTable {
  region_code: string;
  registry_id: bigint;
  assessment_id: bigint;
  id: GeneratedId;
  item_no: number;
  file_name: string;
  content_type: 'image/jpeg' | 'image/png' | 'application/pdf';
  content: Uint8Array;
  uploaded_by: string | null;
  uploaded_at: Generated<Date>;
}

export interface KoperasiModernTargetsTable {
  organization_id: string;
  id: GeneratedId;
  version_id: bigint;
  target_year: number;
  target_count: number;
  note: string | null;
  set_by: string | null;
  set_at: Generated<Date>;
}

export interface KoperasiModernTables {
  koperasi_modern_criteria_versions: KoperasiModernCriteriaVersionsTable;
  koperasi_modern_criteria: KoperasiModernCriteriaTable;
  koperasi_modern_assessments: KoperasiModernAssessmentsTable;
  koperasi_modern_answers: KoperasiModernAnswersTable;
  koperasi_modern_evidence: KoperasiModernEvidenceTable;
  koperasi_modern_targets: KoperasiModernTargetsTable;
}
