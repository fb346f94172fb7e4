// Profit-sharing financing of a KSPPS (migration 0026): the mudharabah / musyarakah terms of an
// application and its financing, and the approved laporan usaha of each period.
import type { Generated } from 'kysely';

export interface FinancingProfitSharingTable {
  cooperative_id: string;
  application_id: bigint;
  loan_id: bigint | null;
  kind: 'mudharabah' | 'musyarakah';
  nisbah_kspps_percent: string;
  basis: 'profit' | 'revenue';
  projected_result_rupiah: bigint;
  member_capital_rupiah: Generated<bigint>;
  carried_loss_rupiah: Generated<bigint>;
  kspps_loss_rupiah: Generated<bigint>;
  unabsorbed_loss_rupiah: Generated<bigint>;
  negligence_reason: string | null;
  negligence_approval_id: bigint | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface FinancingReportsTable {
  cooperative_id: string;
  loan_id: bigint;
  period_no: number;
  result_rupiah: bigint;
  note: string | null;
  carried_loss_before_rupiah: bigint;
  carried_loss_after_rupiah: bigint;
  kspps_share_rupiah: bigint;
  member_share_rupiah: bigint;
  kspps_loss_rupiah: Generated<bigint>;
  member_loss_rupiah: Generated<bigint>;
  approval_id: bigint;
  entered_by: string | null;
  approved_by: string | null;
  entry_id: bigint | null;
  loss_entry_id: bigint | null;
  approved_at: Generated<Date>;
}

export interface ProfitSharingTables {
  financing_profit_sharing: FinancingProfitSharingTable;
  financing_reports: FinancingReportsTable;
}
