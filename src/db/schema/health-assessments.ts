// Health-assessment rubric versions and assessments with their figures, answers and evidence
// (migration 0014).
import type { Generated } from 'kysely';
import type { GeneratedId, Json } from './columns.js';

export interface HealthRubricVersionsTable {
  rubric_id: string;
  version: string;
  definition: Json;
  digest: string;
  provisional: boolean;
  source_document: string;
  source_note: string | null;
  loaded_by: string | null;
  loaded_by_label: string;
  loaded_at: Generated<Date>;
}

export interface HealthAssessmentsTable {
  region_code: string;
  registry_id: bigint;
  id: GeneratedId;
  period: string;
  rubric_id: string;
  rubric_version: string;
  rubric_digest: string;
  figures_source: 'shared_report' | 'examiner' | 'live_books';
  report_version_id: bigint | null;
  status: Generated<'draft' | 'final'>;
  result: Json;
  /** numeric(5,2): exact decimal text */
  total_score: string;
  predikat: string;
  provisional: boolean;
  examiner_user_id: string | null;
  examiner_name: string;
  notes: string | null;
  supersedes_id: bigint | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  finalized_at: Date | null;
}

export interface HealthAssessmentFiguresTable {
  region_code: string;
  registry_id: bigint;
  assessment_id: bigint;
  input_key: string;
  amount_rupiah: bigint;
}

export interface HealthAssessmentAnswersTable {
  region_code: string;
  registry_id: bigint;
  assessment_id: bigint;
  checklist: string;
  item_no: number;
  answer: boolean;
  note: string | null;
}

export interface HealthAssessmentEvidenceTable {
  region_code: string;
  registry_id: bigint;
  assessment_id: bigint;
  id: GeneratedId;
  checklist: string;
  item_no: number;
  file_name: string;
  content_type: 'image/jpeg' | 'image/png' | 'application/pdf';
  content: Uint8Array;
  uploaded_by: string | null;
  uploaded_at: Generated<Date>;
}

export interface HealthAssessmentTables {
  health_rubric_versions: HealthRubricVersionsTable;
  health_assessments: HealthAssessmentsTable;
  health_assessment_figures: HealthAssessmentFiguresTable;
  health_assessment_answers: HealthAssessmentAnswersTable;
  health_assessment_evidence: HealthAssessmentEvidenceTable;
}
