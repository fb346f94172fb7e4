// Dewan Pengawas Syariah (migration 0027): the DPS of a KSPPS, its terms and certificates, the
// reviews routed to it and its yearly opinion. Column unions are written out in place:
// test/integration/foundation/schema.test.ts reads them as they stand.
import type { Generated } from 'kysely';
import type { GeneratedId, Json } from './columns.js';

export interface DpsMembersTable {
  cooperative_id: string;
  id: GeneratedId;
  full_name: string;
  is_cooperative_member: boolean;
  member_id: bigint | null;
  user_id: string | null;
  no_conviction_declared: boolean | null;
  no_conviction_declared_on: string | null;
  no_relation_declared: boolean | null;
  no_relation_declared_on: string | null;
  ended_on: string | null;
  end_reason: 'term_ended' | 'dismissed' | 'resigned' | 'deceased' | null;
  end_reference: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface DpsMemberTermsTable {
  cooperative_id: string;
  dps_member_id: bigint;
  term_no: number;
  ra_date: string;
  ra_reference: string;
  term_start: string;
  term_end: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface DpsCertificatesTable {
  cooperative_id: string;
  id: GeneratedId;
  dps_member_id: bigint;
  kind: 'dsn_mui_training' | 'lsp_competency';
  issuer: string;
  number: string;
  issued_on: string;
  valid_until: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface DpsReviewsTable {
  cooperative_id: string;
  id: GeneratedId;
  subject:
    | 'savings_product'
    | 'financing_product'
    | 'akad_template'
    | 'nisbah_change'
    | 'denda_clause'
    | 'tawidh_clause';
  savings_product_id: bigint | null;
  title: string;
  details: Json;
  effect: 'waits' | 'flagged';
  status: Generated<'pending' | 'approved' | 'rejected'>;
  requested_by: string | null;
  requested_at: Generated<Date>;
  decided_by: string | null;
  decided_by_dps_member_id: bigint | null;
  decided_at: Date | null;
  opinion: string | null;
  fatwa_reference: string | null;
}

export interface DpsOpinionsTable {
  cooperative_id: string;
  book_year: number;
  opinion_date: string;
  opinion: string;
  reported_to_dsn_on: string | null;
  dsn_report_reference: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface DpsOpinionSignatoriesTable {
  cooperative_id: string;
  book_year: number;
  dps_member_id: bigint;
}

export interface DpsTables {
  dps_members: DpsMembersTable;
  dps_member_terms: DpsMemberTermsTable;
  dps_certificates: DpsCertificatesTable;
  dps_reviews: DpsReviewsTable;
  dps_opinions: DpsOpinionsTable;
  dps_opinion_signatories: DpsOpinionSignatoriesTable;
}
