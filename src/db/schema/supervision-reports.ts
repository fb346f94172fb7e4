// Supervision reports (migration 0013): the offices' reporting rules, every version of every
// report, and the reminders for missing ones; the dashboard's sums of the latest versions and
// counts of arrivals (0019).
import type { ColumnType, Generated } from 'kysely';
import type { GeneratedId, Json, Timestamp } from './columns.js';

export interface SupervisionReportSchedulesTable {
  id: GeneratedId;
  region_code: string;
  report_kind: 'quarterly' | 'yearly';
  required: Generated<boolean>;
  due_days: number;
  effective_from: string;
  set_by: string | null;
  set_at: Generated<Date>;
}

export interface SupervisionReportsTable {
  region_code: string;
  registry_id: bigint;
  id: GeneratedId;
  report_kind: 'quarterly' | 'yearly';
  period: string;
  version: number;
  channel: 'ledger' | 'form' | 'excel';
  content: Json;
  content_sha256: string;
  submitted_at: Timestamp;
  submitted_on: string;
  submitted_by: string;
  submitted_by_org: string;
  approved_by: string | null;
  approval_id: bigint | null;
  total_aset_rupiah: bigint;
  total_kewajiban_rupiah: bigint;
  total_ekuitas_rupiah: bigint;
  pinjaman_rupiah: bigint;
  pinjaman_bermasalah_rupiah: bigint;
  simpanan_rupiah: bigint;
  shu_rupiah: bigint;
  member_count: number;
  /** computed from the content when stored (migration 0023) */
  kas_bank_rupiah: ColumnType<bigint, never, never>;
  kewajiban_lancar_rupiah: ColumnType<bigint, never, never>;
}

export interface SupervisionReportRemindersTable {
  region_code: string;
  registry_id: bigint;
  id: GeneratedId;
  report_kind: 'quarterly' | 'yearly';
  period: string;
  note: string | null;
  sent_at: Timestamp;
  sent_by: string;
}

/**
 * Each quarter's latest report versions summed by region and the registry fields the dashboard
 * groups by (migration 0019): written by triggers only; '' stands for an unknown regency or
 * district.
 */
export interface SupervisionReportSumsTable {
  period: string;
  region_code: string;
  province_code: string;
  regency_code: string;
  district_code: string;
  cooperative_type: string;
  dissolved: boolean;
  reports_published: boolean;
  reports: number;
  total_aset_rupiah: bigint;
  simpanan_rupiah: bigint;
  pinjaman_rupiah: bigint;
  pinjaman_bermasalah_rupiah: bigint;
}

/**
 * Active or not, how many cooperatives' quarterly reports first arrived (version 1) on a day, per
 * region and quarter (migration 0019): written by triggers only.
 */
export interface SupervisionReportArrivalsTable {
  period: string;
  region_code: string;
  active: boolean;
  submitted_on: string;
  reports: number;
}

export interface SupervisionReportTables {
  supervision_report_schedules: SupervisionReportSchedulesTable;
  supervision_reports: SupervisionReportsTable;
  supervision_report_reminders: SupervisionReportRemindersTable;
  supervision_report_sums: SupervisionReportSumsTable;
  supervision_report_arrivals: SupervisionReportArrivalsTable;
}
