// Kysely's view of the database: one interface per table, written by hand to match
// src/db/migrations and kept true to them by test/integration/foundation/schema.test.ts (same
// tables, columns, SQL types, nullability, and inserts may omit only what the database fills in).
// The tables are grouped by area under src/db/schema/.
import type { BagiHasilTables } from './schema/bagi-hasil.js';
import type { BaitulMaalTables } from './schema/baitul-maal.js';
import type { DpsTables } from './schema/dps.js';
import type { EarlyWarningTables } from './schema/early-warning.js';
import type { FoundationTables } from './schema/foundation.js';
import type { FundingReferralTables } from './schema/funding-referrals.js';
import type { HealthAssessmentTables } from './schema/health-assessments.js';
import type { InspectionTables } from './schema/inspections.js';
import type { KoperasiModernTables } from './schema/koperasi-modern.js';
import type { LatePaymentTables } from './schema/late-payment.js';
import type { LedgerTables } from './schema/ledger.js';
import type { MarketplaceTables } from './schema/marketplace.js';
import type { LoansTables } from './schema/loans.js';
import type { MlijoTables } from './schema/mlijo.js';
import type { MediationTables } from './schema/mediation.js';
import type { MembersTables } from './schema/members.js';
import type { MonthEndTables } from './schema/month-end.js';
import type { ProfitSharingTables } from './schema/profit-sharing.js';
import type { RatBallotTables } from './schema/rat-ballots.js';
import type { RatComplianceTables } from './schema/rat-compliance.js';
import type { RatTables } from './schema/rat.js';
import type { RegistryTables } from './schema/registry.js';
import type { SavingsTables } from './schema/savings.js';
import type { ShopTables } from './schema/shop.js';
import type { ShuTables } from './schema/shu.js';
import type { SupervisionReportTables } from './schema/supervision-reports.js';
import type { TrainingTables } from './schema/training.js';

export type { JsonValue } from './schema/columns.js';
export type * from './schema/bagi-hasil.js';
export type * from './schema/baitul-maal.js';
export type * from './schema/dps.js';
export type * from './schema/early-warning.js';
export type * from './schema/foundation.js';
export type * from './schema/funding-referrals.js';
export type * from './schema/health-assessments.js';
export type * from './schema/inspections.js';
export type * from './schema/koperasi-modern.js';
export type * from './schema/late-payment.js';
export type * from './schema/ledger.js';
export type * from './schema/loans.js';
export type * from './schema/marketplace.js';
export type * from './schema/mediation.js';
export type * from './schema/mlijo.js';
export type * from './schema/members.js';
export type * from './schema/month-end.js';
export type * from './schema/profit-sharing.js';
export type * from './schema/rat-ballots.js';
export type * from './schema/rat-compliance.js';
export type * from './schema/rat.js';
export type * from './schema/registry.js';
export type * from './schema/savings.js';
export type * from './schema/shop.js';
export type * from './schema/shu.js';
export type * from './schema/supervision-reports.js';
export type * from './schema/training.js';

export interface DB
  extends
    FoundationTables,
    LedgerTables,
    MembersTables,
    SavingsTables,
    LoansTables,
    MonthEndTables,
    RegistryTables,
    HealthAssessmentTables,
    SupervisionReportTables,
    EarlyWarningTables,
    BaitulMaalTables,
    BagiHasilTables,
    DpsTables,
    LatePaymentTables,
    ProfitSharingTables,
    RatComplianceTables,
    RatTables,
    RatBallotTables,
    MediationTables,
    InspectionTables,
    KoperasiModernTables,
    MlijoTables,
    TrainingTables,
    FundingReferralTables,
    ShopTables,
    MarketplaceTables,
    ShuTables {}
