// Late payment of a KSPPS financing (migration 0025): the officer's "unable to pay" marks (no
// ta'zir while marked) and the ta'widh items (real collection costs) with their payments.
import type { Generated } from 'kysely';
import type { GeneratedId } from './columns.js';

export interface LoanInabilityEventsTable {
  cooperative_id: string;
  id: GeneratedId;
  loan_id: bigint;
  event: 'marked' | 'lifted';
  effective_on: string;
  reason: string;
  recorded_by: string;
  recorded_at: Generated<Date>;
}

export interface LoanTawidhItemsTable {
  cooperative_id: string;
  id: GeneratedId;
  loan_id: bigint;
  incurred_on: string;
  description: string;
  amount_rupiah: bigint;
  evidence_ref: string;
  paid_from: 'cash' | 'bank';
  approval_id: bigint | null;
  cost_entry_id: bigint | null;
  charge_entry_id: bigint | null;
  charged_at: Date | null;
  recorded_by: string;
  recorded_at: Generated<Date>;
}

export interface LoanTawidhPaymentsTable {
  cooperative_id: string;
  id: GeneratedId;
  item_id: bigint;
  loan_id: bigint;
  paid_on: string;
  amount_rupiah: bigint;
  repayment_id: bigint;
  entry_id: bigint;
  created_at: Generated<Date>;
}

export interface LatePaymentTables {
  loan_inability_events: LoanInabilityEventsTable;
  loan_tawidh_items: LoanTawidhItemsTable;
  loan_tawidh_payments: LoanTawidhPaymentsTable;
}
