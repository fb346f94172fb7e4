// SHU from the books (migration 0036): the AD/ART's settings as versions, the runs (simulations
// and the year's final run) and each member's share with its payout. Column unions are written
// out in place: test/integration/foundation/schema.test.ts reads them as they stand.
import type { Generated } from 'kysely';
import type { GeneratedId, Json } from './columns.js';

export interface ShuSettingsTable {
  cooperative_id: string;
  version: number;
  valid_from_year: number;
  cadangan_ppm: bigint;
  jasa_modal_ppm: bigint;
  jasa_usaha_ppm: bigint;
  dana_pengurus_ppm: bigint;
  dana_karyawan_ppm: bigint;
  dana_pendidikan_ppm: bigint;
  dana_sosial_ppm: bigint;
  dana_pembangunan_ppm: bigint;
  non_member_allocation: Json | null;
  capital_kinds: string;
  jasa_modal_basis: 'year-end' | 'average';
  business_lines: Json;
  deduct_wajib_arrears: Generated<boolean>;
  deduct_overdue_instalments: Generated<boolean>;
  tax_rules: Json | null;
  source: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ShuRunsTable {
  cooperative_id: string;
  id: GeneratedId;
  year: number;
  kind: 'simulation' | 'final';
  settings_version: number;
  shu_source: 'year-end-close' | 'income-expense';
  shu_rupiah: bigint;
  shu_anggota_rupiah: bigint;
  shu_non_anggota_rupiah: bigint;
  income_member_rupiah: bigint;
  income_non_member_rupiah: bigint;
  payout_date: string;
  jasa_modal_basis: 'year-end' | 'average';
  pools: Json;
  lines: Json;
  unshared_to_cadangan_rupiah: bigint;
  capital_total: bigint;
  tax_rate_ppm: bigint | null;
  tax_rule_from: string | null;
  tax_rule_source: string | null;
  members: number;
  total_jasa_modal_rupiah: bigint;
  total_jasa_usaha_rupiah: bigint;
  total_rupiah: bigint;
  total_tax_rupiah: bigint;
  total_deductions_rupiah: bigint;
  total_net_rupiah: bigint;
  rat_reference: string | null;
  rat_date: string | null;
  approval_id: bigint | null;
  distribution_entry_id: bigint | null;
  distributed_on: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface ShuRunMembersTable {
  cooperative_id: string;
  run_id: bigint;
  member_id: bigint;
  month_end_modal: Json;
  capital_weight: bigint;
  jasa_modal_rupiah: bigint;
  jasa_usaha_lines: Json;
  jasa_usaha_rupiah: bigint;
  total_rupiah: bigint;
  tax_rupiah: bigint;
  arrears_wajib_rupiah: Generated<bigint>;
  arrears_instalments_rupiah: Generated<bigint>;
  deduction_wajib_rupiah: bigint;
  deduction_instalments_rupiah: bigint;
  net_rupiah: bigint;
  paid_on: string | null;
  paid_channel: 'sukarela' | 'cash' | null;
  paid_account_id: bigint | null;
  paid_entry_id: bigint | null;
}

export interface ShuTables {
  shu_settings: ShuSettingsTable;
  shu_runs: ShuRunsTable;
  shu_run_members: ShuRunMembersTable;
}
