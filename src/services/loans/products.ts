import * as productsRepo from '../../db/loans/products.repo.js';
import type { NewProduct } from '../../db/loans/products.repo.js';
import { AppError } from '../../domain/errors.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { loadProduct, type ProductRow } from './core.js';
import {
  buildSchedule,
  disbursementFees,
  type Frequency,
  type LoanMethod,
  type RatePeriod,
} from './terms.js';

export type ProductInput = NewProduct;

export function productView(p: ProductRow) {
  return {
    id: p.id.toString(),
    code: p.code,
    name: p.name,
    akad: p.akad,
    method: p.method,
    ratePercent: p.rate_percent,
    ratePeriod: p.rate_period,
    frequency: p.frequency,
    minAmountRupiah: p.min_amount_rupiah.toString(),
    maxAmountRupiah: p.max_amount_rupiah.toString(),
    minTenor: p.min_tenor,
    maxTenor: p.max_tenor,
    provisiBps: p.provisi_bps,
    adminFeeRupiah: p.admin_fee_rupiah.toString(),
    gracePrincipalPeriods: p.grace_principal_periods,
    downPaymentBps: p.down_payment_bps,
    penaltyKind: p.penalty_kind,
    penaltyDailyPercent: p.penalty_daily_percent,
    penaltyFixedRupiah: p.penalty_fixed_rupiah.toString(),
    penaltyGraceDays: p.penalty_grace_days,
    penaltyCappedAtInstalment: p.penalty_capped_at_instalment,
    earlyPayoffRule: p.early_payoff_rule,
    earlyPayoffMonths: p.early_payoff_months,
    earlyPayoffBps: p.early_payoff_bps,
    deferralInterestRule: p.deferral_interest_rule,
    restructureProbationInstalments: p.restructure_probation_instalments,
    active: p.active,
  };
}
export type ProductView = ReturnType<typeof productView>;

export async function createProduct(
  deps: Deps,
  ctx: OrgContext,
  p: ProductInput,
): Promise<ProductView> {
  return inOrg(deps, ctx, async (o) => {
    const row = await productsRepo.insertProduct(o.tx, ctx.organizationId, p);
    if (!row) throw new AppError('LOAN_PRODUCT_CODE_TAKEN', { code: p.code });
    await o.audit({
      action: 'loan-product.created',
      entityType: 'loan-product',
      entityId: row.id,
      after: productView(row),
    });
    return productView(row);
  });
}

export async function setProductActive(
  deps: Deps,
  ctx: OrgContext,
  productId: bigint,
  active: boolean,
) {
  return inOrg(deps, ctx, async (o) => {
    const before = await loadProduct(o.tx, ctx.organizationId, productId);
    await productsRepo.setProductActive(o.tx, ctx.organizationId, productId, active);
    await o.audit({
      action: active ? 'loan-product.activated' : 'loan-product.deactivated',
      entityType: 'loan-product',
      entityId: productId,
      before: { active: before.active },
      after: { active },
    });
    return productView({ ...before, active });
  });
}

export async function listProducts(deps: Deps, ctx: OrgContext): Promise<ProductView[]> {
  return inOrg(deps, ctx, async ({ tx }) => {
    const rows = await productsRepo.listProducts(tx, ctx.organizationId);
    return rows.map(productView);
  });
}

export interface SimulationInput {
  productId?: bigint;
  method?: LoanMethod;
  ratePercent?: string;
  ratePeriod?: RatePeriod;
  frequency?: Frequency;
  gracePrincipalPeriods?: number;
  principalRupiah: bigint;
  tenor: number;
  startDate: string;
}

/** Simulasi angsuran: the full schedule for a product (or explicit terms) and an amount. */
export function simulateSchedule(
  p: Pick<
    ProductRow,
    | 'method'
    | 'rate_percent'
    | 'rate_period'
    | 'frequency'
    | 'grace_principal_periods'
    | 'provisi_bps'
    | 'admin_fee_rupiah'
  >,
  input: SimulationInput,
) {
  const rows = buildSchedule({
    method: p.method,
    principalRupiah: input.principalRupiah,
    ratePercent: p.rate_percent,
    ratePeriod: p.rate_period,
    frequency: p.frequency,
    tenor: input.tenor,
    gracePrincipalPeriods: p.grace_principal_periods,
    startDate: input.startDate,
  });
  let remaining = input.principalRupiah;
  let totalInterest = 0n;
  const instalments = rows.map((r) => {
    remaining -= r.principalRupiah;
    totalInterest += r.interestRupiah;
    return {
      instalmentNo: r.instalmentNo,
      dueOn: r.dueOn,
      principalRupiah: r.principalRupiah.toString(),
      interestRupiah: r.interestRupiah.toString(),
      totalRupiah: (r.principalRupiah + r.interestRupiah).toString(),
      remainingRupiah: remaining.toString(),
    };
  });
  const fees = disbursementFees(input.principalRupiah, p.provisi_bps, p.admin_fee_rupiah);
  return {
    method: p.method,
    principalRupiah: input.principalRupiah.toString(),
    totalInterestRupiah: totalInterest.toString(),
    totalRupiah: (input.principalRupiah + totalInterest).toString(),
    provisiRupiah: fees.provisiRupiah.toString(),
    adminFeeRupiah: fees.adminFeeRupiah.toString(),
    netDisbursementRupiah: (input.principalRupiah - fees.totalRupiah).toString(),
    instalments,
  };
}

export async function simulate(deps: Deps, ctx: OrgContext, input: SimulationInput) {
  if (input.productId === undefined) {
    return simulateSchedule(
      {
        method: input.method ?? 'flat',
        rate_percent: input.ratePercent ?? '0',
        rate_period: input.ratePeriod ?? 'month',
        frequency: input.frequency ?? 'monthly',
        grace_principal_periods: input.gracePrincipalPeriods ?? 0,
        provisi_bps: 0,
        admin_fee_rupiah: 0n,
      },
      input,
    );
  }
  const productId = input.productId;
  const p = await inOrg(deps, ctx, ({ tx }) => loadProduct(tx, ctx.organizationId, productId));
  checkLimits(p, input.principalRupiah, input.tenor);
  return simulateSchedule(p, input);
}

export function checkLimits(p: ProductRow, amount: bigint, tenor: number): void {
  if (amount < p.min_amount_rupiah || amount > p.max_amount_rupiah)
    throw new AppError('LOAN_AMOUNT_OUT_OF_RANGE', {
      min: p.min_amount_rupiah,
      max: p.max_amount_rupiah,
    });
  if (tenor < p.min_tenor || tenor > p.max_tenor)
    throw new AppError('LOAN_TENOR_OUT_OF_RANGE', { min: p.min_tenor, max: p.max_tenor });
}
