// Shapes of the loans API (src/http/routes/loans.ts).

export interface Product {
  id: string;
  code: string;
  name: string;
  method: string;
  ratePercent: string;
  ratePeriod: string;
  frequency: string;
  minAmountRupiah: string;
  maxAmountRupiah: string;
  minTenor: number;
  maxTenor: number;
  penaltyKind: 'none' | 'daily_percent' | 'fixed';
  penaltyDailyPercent: string;
  penaltyFixedRupiah: string;
  penaltyGraceDays: number;
  active: boolean;
}

export interface Simulation {
  principalRupiah: string;
  totalInterestRupiah: string;
  totalRupiah: string;
  provisiRupiah: string;
  adminFeeRupiah: string;
  netDisbursementRupiah: string;
  instalments: {
    instalmentNo: number;
    dueOn: string;
    principalRupiah: string;
    interestRupiah: string;
    totalRupiah: string;
    remainingRupiah: string;
  }[];
}

export interface Application {
  id: string;
  memberId: string;
  productId: string;
  amountRupiah: string;
  tenor: number;
  purpose: string;
  collateralValueRupiah: string;
  monthlyIncomeRupiah: string;
  monthlyExpensesRupiah: string;
  repaymentCapacityRupiah: string;
  analysisNotes: string | null;
  recommendation: 'approve' | 'reject' | null;
  status: string;
  approvalId: string | null;
  createdAt: string;
}

export interface Loan {
  id: string;
  loanNumber: string;
  memberId: string;
  productId: string;
  tenor: number;
  principalRupiah: string;
  disbursedOn: string;
  maturityOn: string;
  status: 'active' | 'paid_off' | 'written_off';
  outstandingPrincipalRupiah: string;
  outstandingInterestRupiah: string;
  penaltyDueRupiah: string;
  daysPastDue: number;
  collectibility: 'L' | 'KL' | 'D' | 'M';
  autoDebit: boolean;
}

export interface Instalment {
  instalmentNo: number;
  dueOn: string;
  principalRupiah: string;
  interestRupiah: string;
  penaltyRupiah: string;
  paidPrincipalRupiah: string;
  paidInterestRupiah: string;
  paidPenaltyRupiah: string;
  paidOn: string | null;
}

export interface LoanDetail {
  loan: Loan;
  schedules: { version: number; reason: string; current: boolean; instalments: Instalment[] }[];
}

export interface CollectionItem {
  loanId: string;
  loanNumber: string;
  member: string;
  daysPastDue: number;
  collectibility: string;
  outstandingRupiah: string;
  penaltyDueRupiah: string;
}

export interface CashSession {
  id: string;
  deskCode: string;
  businessDate: string;
}

export interface Disbursed {
  loanId: string;
  loanNumber: string;
  netRupiah: string;
  feesRupiah: string;
}
