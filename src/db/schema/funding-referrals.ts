// Funding referrals (migration 0033): a cooperative referred to a lender's programme and the
// history of its outcome.
import type { Generated } from 'kysely';
import type { GeneratedId, Json } from './columns.js';

export interface FundingReferralsTable {
  region_code: string;
  registry_id: bigint;
  id: GeneratedId;
  office_id: string;
  programme: 'lpdb_konvensional' | 'lpdb_syariah' | 'umi';
  amount_requested_rupiah: bigint;
  purpose: string;
  referred_on: string;
  letter_year: number;
  letter_seq: number;
  letter_number: string;
  officer_user_id: string | null;
  officer_name: string;
  readiness: Json;
  audit_confirmed: boolean;
  created_at: Generated<Date>;
}

export interface FundingReferralEventsTable {
  region_code: string;
  registry_id: bigint;
  referral_id: bigint;
  seq: number;
  status: 'referred' | 'under_review' | 'approved' | 'rejected' | 'disbursed';
  status_on: string;
  amount_rupiah: bigint | null;
  reason: string | null;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface FundingReferralTables {
  funding_referrals: FundingReferralsTable;
  funding_referral_events: FundingReferralEventsTable;
}
