// Baitul maal (migration 0022): the social funds of a sharia cooperative, their accounts, the
// amil status, and the receipts and distributions posted to them. Column unions are written out
// in place: test/integration/foundation/schema.test.ts reads them as they stand.
import type { Generated } from 'kysely';
import type { GeneratedId } from './columns.js';

export type BaitulMaalFund = 'zakat' | 'infaq' | 'wakaf' | 'kebajikan';
export type BaitulMaalReceiptSource =
  'member' | 'public' | 'internal' | 'non_halal' | 'wakaf_yield' | 'qardh_repaid';
export type Asnaf =
  'fakir' | 'miskin' | 'amil' | 'mualaf' | 'riqab' | 'gharimin' | 'fisabilillah' | 'ibnu_sabil';
export type BaitulMaalPurpose =
  | 'sumbangan_sosial'
  | 'qardhul_hasan'
  | 'pendidikan'
  | 'kesehatan'
  | 'bencana'
  | 'ibadah'
  | 'lainnya';

export interface BaitulMaalSettingsTable {
  cooperative_id: string;
  amil_status: 'laz' | 'upz' | 'none';
  reference_number: string | null;
  reference_date: string | null;
  forwarded_to: string | null;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface BaitulMaalFundsTable {
  cooperative_id: string;
  fund: 'zakat' | 'infaq' | 'wakaf' | 'kebajikan';
  fund_account_id: bigint;
  cash_account_id: bigint;
  created_at: Generated<Date>;
}

export interface BaitulMaalReceiptsTable {
  cooperative_id: string;
  id: GeneratedId;
  fund: 'zakat' | 'infaq' | 'wakaf' | 'kebajikan';
  receipt_date: string;
  source: 'member' | 'public' | 'internal' | 'non_halal' | 'wakaf_yield' | 'qardh_repaid';
  member_id: bigint | null;
  giver_name: string;
  amount_rupiah: bigint;
  cash_account_id: bigint;
  description: string;
  entry_id: bigint;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface BaitulMaalDistributionsTable {
  cooperative_id: string;
  id: GeneratedId;
  fund: 'zakat' | 'infaq' | 'wakaf' | 'kebajikan';
  distribution_date: string;
  asnaf:
    | 'fakir'
    | 'miskin'
    | 'amil'
    | 'mualaf'
    | 'riqab'
    | 'gharimin'
    | 'fisabilillah'
    | 'ibnu_sabil'
    | null;
  purpose:
    | 'sumbangan_sosial'
    | 'qardhul_hasan'
    | 'pendidikan'
    | 'kesehatan'
    | 'bencana'
    | 'ibadah'
    | 'lainnya'
    | null;
  member_id: bigint | null;
  recipient_name: string;
  amount_rupiah: bigint;
  cash_account_id: bigint;
  description: string;
  entry_id: bigint;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface BaitulMaalTables {
  baitul_maal_settings: BaitulMaalSettingsTable;
  baitul_maal_funds: BaitulMaalFundsTable;
  baitul_maal_receipts: BaitulMaalReceiptsTable;
  baitul_maal_distributions: BaitulMaalDistributionsTable;
}
