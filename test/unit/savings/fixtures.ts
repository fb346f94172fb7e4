import type { SukarelaProduct } from '../../../src/domain/savings/product.js';

/** A typical sukarela product: 6 % on the daily balance, Rp 10,000 minimum, Rp 2,500 monthly fee. */
export const SUKARELA_6_PERCENT: SukarelaProduct = {
  kind: 'sukarela',
  annualRateBps: 600n,
  interestMethod: 'daily-balance',
  dayCount: 'actual/365',
  minimumBalanceRupiah: 10_000n,
  minimumBalanceForInterestRupiah: 0n,
  monthlyAdminFeeRupiah: 2_500n,
  dormancyMonths: 12,
  dormantStopsInterest: true,
};
