// The supervisors' registry of cooperatives, its status history and organs (migration 0012), and
// the filters officers save (0015).
import type { Generated } from 'kysely';
import type { GeneratedId, Json } from './columns.js';

export interface RegistryCooperativesTable {
  id: GeneratedId;
  region_code: string;
  linked_organization_id: string | null;
  name: string;
  nik_koperasi: string | null;
  nik_certificate_valid_until: string | null;
  badan_hukum_number: string | null;
  badan_hukum_date: string | null;
  nib: string | null;
  npwp: string | null;
  cooperative_type: 'KSP' | 'KSPPS' | 'KONSUMEN' | 'PRODUSEN' | 'PEMASARAN' | 'JASA';
  cooperative_form: 'primer' | 'sekunder';
  sector: string | null;
  membership_area: 'regency' | 'province' | 'national';
  address: string | null;
  province_code: string;
  regency_code: string | null;
  district_code: string | null;
  village_code: string | null;
  latitude: string | null;
  longitude: string | null;
  member_count: number | null;
  business_size: 'KUK1' | 'KUK2' | 'KUK3' | 'KUK4' | null;
  status: Generated<'active' | 'inactive' | 'dissolved' | 'in_liquidation'>;
  status_since: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** the cooperative publishes its reports: its small open-data groups are shown (migration 0016) */
  reports_published: Generated<boolean>;
  /** the office's officer in charge of the cooperative (migration 0018) */
  officer_user_id: Generated<string | null>;
  /** the predikat of its latest final health assessment, kept by triggers (migration 0019) */
  latest_predikat: Generated<string | null>;
}

export interface RegistryStatusHistoryTable {
  region_code: string;
  registry_id: bigint;
  id: GeneratedId;
  status: 'active' | 'inactive' | 'dissolved' | 'in_liquidation';
  effective_on: string;
  reason: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface RegistryOrganMembersTable {
  region_code: string;
  registry_id: bigint;
  id: GeneratedId;
  organ: 'pengurus' | 'pengawas' | 'pengawas_syariah';
  position: string | null;
  full_name: string;
  phone: string | null;
  term_start: string;
  term_end: string | null;
}

/** A filter an officer saved under a name (migration 0015): per user per office. */
export interface RegistrySavedFiltersTable {
  organization_id: string;
  id: GeneratedId;
  user_id: string;
  name: string;
  filter: Json;
  created_at: Generated<Date>;
}

/** The words a cooperative is found by (migration 0015), kept by triggers on the registry. */
export interface RegistrySearchWordsTable {
  region_code: string;
  registry_id: bigint;
  word: string;
}

export interface RegistryTables {
  registry_cooperatives: RegistryCooperativesTable;
  registry_status_history: RegistryStatusHistoryTable;
  registry_organ_members: RegistryOrganMembersTable;
  registry_saved_filters: RegistrySavedFiltersTable;
  registry_search_words: RegistrySearchWordsTable;
}
