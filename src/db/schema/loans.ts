// Loans from application to write-off, and the reminders they send (migrations 0006, 0007, 0010).
import type { Generated } from 'kysely';
import type { GeneratedId, Json } from './columns.js';

export interface LoanProductsTable {
  cooperative_id: string;
  id: GeneratedId;
  code: string;
  name: string;
  akad: 'conventional' | 'murabahah' | 'ijarah' | 'qardh' | 'mudharabah' | 'musyarakah';
  method:
    | 'flat'
    | 'effective'
    | 'annuity'
    | 'murabahah'
    | 'ijarah'
    | 'qardh'
    | 'mudharabah'
    | 'musyarakah';
  rate_percent: string;
  rate_period: 'day' | 'week' | 'month' | 'year';
  frequency: Generated<'monthly' | 'weekly' | 'daily'>;
  min_amount_rupiah: bigint;
  max_amount_rupiah: bigint;
  min_tenor: number;
  max_tenor: number;
  provisi_bps: Generated<number>;
  admin_fee_rupiah: Generated<bigint>;
  grace_principal_periods: Generated<number>;
  down_payment_bps: Generated<number>;
  round_instalment_to: Generated<number>;
  penalty_kind: Generated<'none' | 'daily_percent' | 'fixed'>;
  penalty_daily_percent: Generated<string>;
  penalty_fixed_rupiah: Generated<bigint>;
  penalty_grace_days: Generated<number>;
  penalty_capped_at_instalment: Generated<boolean>;
  early_payoff_rule: Generated<
    'interest_to_date' | 'months_interest' | 'percent_penalty' | 'remaining_margin'
  >;
  early_payoff_months: Generated<number>;
  early_payoff_bps: Generated<number>;
  deferral_interest_rule: Generated<'paused' | 'accrue_spread' | 'paid'>;
  restructure_probation_instalments: Generated<number>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface LoanRiskSettingsTable {
  cooperative_id: string;
  effective_from: string;
  frequency: 'monthly' | 'weekly' | 'daily';
  kl_from_days: number;
  d_from_days: number;
  m_from_days: number;
  lancar_bps: number;
  kl_bps: number;
  d_bps: number;
  m_bps: number;
}

export interface LoanApprovalLimitsTable {
  cooperative_id: string;
  role: string;
  max_amount_rupiah: bigint;
}

export interface LoanApplicationsTable {
  cooperative_id: string;
  id: GeneratedId;
  member_id: bigint;
  product_id: bigint;
  amount_rupiah: bigint;
  tenor: number;
  purpose: string;
  collateral: Generated<Json>;
  collateral_value_rupiah: Generated<bigint>;
  guarantor: Json | null;
  monthly_income_rupiah: Generated<bigint>;
  monthly_expenses_rupiah: Generated<bigint>;
  analysis_notes: string | null;
  recommendation: 'approve' | 'reject' | null;
  top_up_of: bigint | null;
  status: Generated<
    | 'submitted'
    | 'analysed'
    | 'pending_approval'
    | 'approved'
    | 'rejected'
    | 'disbursed'
    | 'cancelled'
  >;
  officer_user_id: string | null;
  approval_id: bigint | null;
  decided_at: Date | null;
  created_by: string | null;
  created_at: Generated<Date>;
  auto_debit: Generated<boolean>;
}

export interface LoanNumberCountersTable {
  cooperative_id: string;
  last_number: bigint;
}

export interface LoansTable {
  cooperative_id: string;
  id: GeneratedId;
  loan_number: string;
  application_id: bigint | null;
  member_id: bigint;
  product_id: bigint;
  branch_id: bigint | null;
  officer_user_id: string | null;
  akad: 'conventional' | 'murabahah' | 'ijarah' | 'qardh' | 'mudharabah' | 'musyarakah';
  method: string;
  rate_percent: string;
  rate_period: string;
  frequency: 'monthly' | 'weekly' | 'daily';
  tenor: number;
  principal_rupiah: bigint;
  margin_total_rupiah: Generated<bigint>;
  provisi_rupiah: Generated<bigint>;
  admin_fee_rupiah: Generated<bigint>;
  disbursed_on: string;
  maturity_on: string;
  status: Generated<'active' | 'paid_off' | 'written_off'>;
  schedule_version: Generated<number>;
  outstanding_principal_rupiah: bigint;
  outstanding_interest_rupiah: Generated<bigint>;
  accrued_interest_rupiah: Generated<bigint>;
  penalty_due_rupiah: Generated<bigint>;
  prepaid_rupiah: Generated<bigint>;
  collateral_value_rupiah: Generated<bigint>;
  oldest_unpaid_due_on: string | null;
  days_past_due: Generated<number>;
  collectibility: Generated<'L' | 'KL' | 'D' | 'M'>;
  manual_collectibility: 'KL' | 'D' | 'M' | null;
  manual_collectibility_reason: string | null;
  restructured_floor: 'L' | 'KL' | 'D' | 'M' | null;
  probation_remaining: Generated<number>;
  restructure_count: Generated<number>;
  top_up_of: bigint | null;
  closed_on: string | null;
  created_at: Generated<Date>;
  auto_debit: Generated<boolean>;
}

export interface LoanScheduleVersionsTable {
  cooperative_id: string;
  loan_id: bigint;
  schedule_version: number;
  reason: 'original' | 'reschedule' | 'recondition' | 'restructure' | 'deferral';
  effective_on: string;
  params: Generated<Json>;
  approval_id: bigint | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface LoanSchedulesTable {
  cooperative_id: string;
  loan_id: bigint;
  schedule_version: number;
  instalment_no: number;
  due_on: string;
  principal_rupiah: bigint;
  interest_rupiah: bigint;
  paid_principal_rupiah: Generated<bigint>;
  paid_interest_rupiah: Generated<bigint>;
  penalty_rupiah: Generated<bigint>;
  paid_penalty_rupiah: Generated<bigint>;
  paid_on: string | null;
}

export interface LoanDisbursementsTable {
  cooperative_id: string;
  loan_id: bigint;
  disbursed_on: string;
  channel: 'cash' | 'savings';
  gross_rupiah: bigint;
  fees_rupiah: bigint;
  settled_top_up_rupiah: Generated<bigint>;
  net_rupiah: bigint;
  cash_session_id: bigint | null;
  entry_id: bigint;
}

export interface LoanRepaymentsTable {
  cooperative_id: string;
  id: GeneratedId;
  loan_id: bigint;
  paid_on: string;
  kind: 'instalment' | 'early_payoff' | 'top_up_settlement' | 'recovery';
  channel: 'cash' | 'savings' | 'disbursement';
  amount_rupiah: bigint;
  penalty_rupiah: Generated<bigint>;
  interest_rupiah: Generated<bigint>;
  principal_rupiah: Generated<bigint>;
  prepaid_rupiah: Generated<bigint>;
  discount_rupiah: Generated<bigint>;
  cash_session_id: bigint | null;
  entry_id: bigint;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface LoanAccrualsTable {
  cooperative_id: string;
  period: string;
  loan_id: bigint;
  interest_rupiah: Generated<bigint>;
  penalty_rupiah: Generated<bigint>;
}

export interface LoanCollectibilityTable {
  cooperative_id: string;
  as_of: string;
  loan_id: bigint;
  days_past_due: number;
  collectibility: 'L' | 'KL' | 'D' | 'M';
  outstanding_rupiah: bigint;
  collateral_value_rupiah: bigint;
}

export interface LoanProvisionsTable {
  cooperative_id: string;
  period: string;
  collectibility: 'L' | 'KL' | 'D' | 'M';
  loans: number;
  outstanding_rupiah: bigint;
  base_rupiah: bigint;
  rate_bps: number;
  required_rupiah: bigint;
}

export interface LoanRestructuringsTable {
  cooperative_id: string;
  id: GeneratedId;
  loan_id: bigint;
  kind: 'reschedule' | 'recondition' | 'restructure' | 'deferral' | 'penalty_waiver';
  from_version: number;
  to_version: number | null;
  params: Json;
  effective_on: string;
  approval_id: bigint | null;
  entry_id: bigint | null;
  created_at: Generated<Date>;
}

export interface LoanWriteOffsTable {
  cooperative_id: string;
  loan_id: bigint;
  written_off_on: string;
  principal_rupiah: bigint;
  accrued_interest_rupiah: Generated<bigint>;
  claim_rupiah: bigint;
  recovered_rupiah: Generated<bigint>;
  reason: string;
  approval_id: bigint | null;
  entry_id: bigint;
}

export interface LoanAutoDebitsTable {
  cooperative_id: string;
  loan_id: bigint;
  run_on: string;
  outcome: 'debited' | 'skipped';
  due_rupiah: bigint;
  available_rupiah: bigint;
  amount_rupiah: Generated<bigint>;
  reason: string | null;
  savings_account_id: bigint | null;
  repayment_id: bigint | null;
  created_at: Generated<Date>;
}

export interface MessageOutboxTable {
  cooperative_id: string;
  id: GeneratedId;
  member_id: bigint | null;
  channel: 'sms' | 'whatsapp' | 'console';
  recipient: string | null;
  template: string;
  body: string;
  dedupe_key: string;
  status: Generated<'queued' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  created_at: Generated<Date>;
  sent_at: Date | null;
  last_error: string | null;
  /** the user a message is for (an office's officer, migration 0018), when not a member */
  user_id: Generated<string | null>;
}

export interface LoansTables {
  loan_products: LoanProductsTable;
  loan_risk_settings: LoanRiskSettingsTable;
  loan_approval_limits: LoanApprovalLimitsTable;
  loan_applications: LoanApplicationsTable;
  loan_number_counters: LoanNumberCountersTable;
  loans: LoansTable;
  loan_schedule_versions: LoanScheduleVersionsTable;
  loan_schedules: LoanSchedulesTable;
  loan_disbursements: LoanDisbursementsTable;
  loan_repayments: LoanRepaymentsTable;
  loan_accruals: LoanAccrualsTable;
  loan_collectibility: LoanCollectibilityTable;
  loan_provisions: LoanProvisionsTable;
  loan_restructurings: LoanRestructuringsTable;
  loan_write_offs: LoanWriteOffsTable;
  loan_auto_debits: LoanAutoDebitsTable;
  message_outbox: MessageOutboxTable;
}
