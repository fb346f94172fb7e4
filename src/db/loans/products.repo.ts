import { sql } from 'kysely';
import type { PenaltyKind } from '../../domain/loans/penalty.js';
import type { Frequency, LoanMethod, RatePeriod } from '../../domain/loans/schedule.js';
import type { Queryable } from '../database.js';

export type Akad = 'conventional' | 'murabahah' | 'ijarah' | 'qardh' | 'mudharabah' | 'musyarakah';

export interface ProductRow {
  id: bigint;
  code: string;
  name: string;
  akad: Akad;
  method: LoanMethod;
  rate_percent: string;
  rate_period: RatePeriod;
  frequency: Frequency;
  min_amount_rupiah: bigint;
  max_amount_rupiah: bigint;
  min_tenor: number;
  max_tenor: number;
  provisi_bps: number;
  admin_fee_rupiah: bigint;
  grace_principal_periods: number;
  down_payment_bps: number;
  round_instalment_to: number;
  penalty_kind: PenaltyKind;
  penalty_daily_percent: string;
  penalty_fixed_rupiah: bigint;
  penalty_grace_days: number;
  penalty_capped_at_instalment: boolean;
  early_payoff_rule:
    'interest_to_date' | 'months_interest' | 'percent_penalty' | 'remaining_margin';
  early_payoff_months: number;
  early_payoff_bps: number;
  deferral_interest_rule: 'paused' | 'accrue_spread' | 'paid';
  restructure_probation_instalments: number;
  active: boolean;
}

export interface NewProduct {
  code: string;
  name: string;
  akad: Akad;
  method: LoanMethod;
  ratePercent: string;
  ratePeriod: RatePeriod;
  frequency: Frequency;
  minAmountRupiah: bigint;
  maxAmountRupiah: bigint;
  minTenor: number;
  maxTenor: number;
  provisiBps: number;
  adminFeeRupiah: bigint;
  gracePrincipalPeriods: number;
  downPaymentBps: number;
  penaltyKind: PenaltyKind;
  penaltyDailyPercent: string;
  penaltyFixedRupiah: bigint;
  penaltyGraceDays: number;
  penaltyCappedAtInstalment: boolean;
  earlyPayoffRule: ProductRow['early_payoff_rule'];
  earlyPayoffMonths: number;
  earlyPayoffBps: number;
  deferralInterestRule: ProductRow['deferral_interest_rule'];
  restructureProbationInstalments: number;
}

export async function findProduct(
  db: Queryable,
  coop: string,
  productId: bigint,
): Promise<ProductRow | undefined> {
  const r =
    await sql<ProductRow>`select * from loan_products where cooperative_id = ${coop} and id = ${productId}`.execute(
      db,
    );
  return r.rows[0];
}

/** The new product, or undefined when its code is taken. */
export async function insertProduct(
  db: Queryable,
  coop: string,
  p: NewProduct,
): Promise<ProductRow | undefined> {
  const r = await sql<ProductRow>`
    insert into loan_products (cooperative_id, code, name, akad, method, rate_percent, rate_period, frequency, min_amount_rupiah,
      max_amount_rupiah, min_tenor, max_tenor, provisi_bps, admin_fee_rupiah, grace_principal_periods, down_payment_bps,
      penalty_kind, penalty_daily_percent, penalty_fixed_rupiah, penalty_grace_days, penalty_capped_at_instalment,
      early_payoff_rule, early_payoff_months, early_payoff_bps, deferral_interest_rule, restructure_probation_instalments)
    values (${coop}, ${p.code}, ${p.name}, ${p.akad}, ${p.method}, ${p.ratePercent}::numeric, ${p.ratePeriod}, ${p.frequency},
      ${p.minAmountRupiah}, ${p.maxAmountRupiah}, ${p.minTenor}, ${p.maxTenor}, ${p.provisiBps}, ${p.adminFeeRupiah},
      ${p.gracePrincipalPeriods}, ${p.downPaymentBps}, ${p.penaltyKind}, ${p.penaltyDailyPercent}::numeric, ${p.penaltyFixedRupiah},
      ${p.penaltyGraceDays}, ${p.penaltyCappedAtInstalment}, ${p.earlyPayoffRule}, ${p.earlyPayoffMonths}, ${p.earlyPayoffBps},
      ${p.deferralInterestRule}, ${p.restructureProbationInstalments})
    on conflict (cooperative_id, code) do nothing
    returning *`.execute(db);
  return r.rows[0];
}

export async function setProductActive(
  db: Queryable,
  coop: string,
  productId: bigint,
  active: boolean,
): Promise<void> {
  await sql`update loan_products set active = ${active} where cooperative_id = ${coop} and id = ${productId}`.execute(
    db,
  );
}

export async function listProducts(db: Queryable, coop: string): Promise<ProductRow[]> {
  const r =
    await sql<ProductRow>`select * from loan_products where cooperative_id = ${coop} order by code`.execute(
      db,
    );
  return r.rows;
}
