// Bagi hasil (migration 0024) and the wadiah bonus (0028): a KSPPS's monthly profit distribution to its mudharabah funds —
// the settings, each month's distribution with its rekonsiliasi, the products and every account's
// line. Column unions are written out in place: test/integration/foundation/schema.test.ts reads
// them as they stand.
import type { Generated } from 'kysely';

export interface BagiHasilSettingsTable {
  cooperative_id: string;
  basis: Generated<'revenue' | 'profit'>;
  weight_wadiah_bps: Generated<number>;
  weight_mudharabah_bps: Generated<number>;
  weight_berjangka_bps: Generated<number>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface BagiHasilDistributionsTable {
  cooperative_id: string;
  period: string;
  days: number;
  basis: 'revenue' | 'profit';
  accrual_income_rupiah: bigint;
  unreceived_current_rupiah: bigint;
  received_previous_rupiah: bigint;
  operating_costs_rupiah: Generated<bigint>;
  income_rupiah: bigint;
  financing_daily_sum_rupiah: bigint;
  divisor_is: 'funds' | 'financing';
  distributed_rupiah: bigint;
  accounts: number;
  entry_id: bigint | null;
  created_at: Generated<Date>;
}

export interface BagiHasilProductsTable {
  cooperative_id: string;
  period: string;
  product_id: bigint;
  akad: 'wadiah' | 'mudharabah' | 'mudharabah_berjangka';
  weight_bps: number;
  nisbah_min_bps: number;
  nisbah_max_bps: number;
  accounts: number;
  daily_balance_sum_rupiah: bigint;
  income_share_rupiah: bigint;
  pool_rupiah: bigint;
  rate_per_month_percent: string | null;
}

export interface BagiHasilLinesTable {
  cooperative_id: string;
  period: string;
  account_id: bigint;
  member_id: bigint;
  product_id: bigint;
  nisbah_anggota_bps: number;
  daily_balance_sum_rupiah: bigint;
  share_rupiah: bigint;
  booked_on: string;
  credit_account_id: bigint;
}

export interface WadiahBonusDecisionsTable {
  cooperative_id: string;
  period: string;
  pool_rupiah: bigint;
  minimum_average_rupiah: bigint;
  approval_id: bigint;
  accounts: number;
  paid_rupiah: bigint;
  entry_id: bigint | null;
  decided_at: Generated<Date>;
}

export interface WadiahBonusLinesTable {
  cooperative_id: string;
  period: string;
  account_id: bigint;
  member_id: bigint;
  daily_balance_sum_rupiah: bigint;
  bonus_rupiah: bigint;
  booked_on: string;
}

export interface BagiHasilTables {
  bagi_hasil_settings: BagiHasilSettingsTable;
  bagi_hasil_distributions: BagiHasilDistributionsTable;
  bagi_hasil_products: BagiHasilProductsTable;
  bagi_hasil_lines: BagiHasilLinesTable;
  wadiah_bonus_decisions: WadiahBonusDecisionsTable;
  wadiah_bonus_lines: WadiahBonusLinesTable;
}
