// Early warning (migration 0018): the RATs cooperatives held, the thresholds an office tunes, and
// the alerts raised to the officer in charge.
import type { Generated } from 'kysely';
import type { GeneratedId } from './columns.js';

export interface RegistryRatsTable {
  region_code: string;
  registry_id: bigint;
  book_year: number;
  held_on: string;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface EarlyWarningThresholdsTable {
  organization_id: string;
  id: GeneratedId;
  liquidity_min_bps: number;
  npl_max_bps: number;
  capital_min_bps: number;
  asset_growth_min_bps: number;
  missing_reports_max: number;
  rat_grace_days: number;
  set_by: string | null;
  set_at: Generated<Date>;
}

export type AlertRule =
  'liquidity' | 'npl' | 'capital' | 'shrinking' | 'loss' | 'reports' | 'rat' | 'predikat';

export interface EarlyWarningAlertsTable {
  organization_id: string;
  id: GeneratedId;
  registry_id: bigint;
  rule: 'liquidity' | 'npl' | 'capital' | 'shrinking' | 'loss' | 'reports' | 'rat' | 'predikat';
  severity: number;
  value: string;
  threshold: string;
  officer_user_id: string | null;
  raised_on: string;
  checked_on: string;
  cleared_on: string | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
}

export interface EarlyWarningTables {
  registry_rats: RegistryRatsTable;
  early_warning_thresholds: EarlyWarningThresholdsTable;
  early_warning_alerts: EarlyWarningAlertsTable;
}
