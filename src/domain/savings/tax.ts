/**
 * PPh final on savings interest paid by a cooperative to an individual member (PP 15/2009,
 * implemented by PMK 112/PMK.03/2010; savings.md "Tax on savings interest"):
 * 0 % when the member's interest in the month is at most the threshold (Rp 240,000); 10 % of the
 * WHOLE month's interest when it is more. Applied per member per month to the sum of interest on
 * all the member's savings at the cooperative. Threshold and rate are dated settings.
 */
import { strict as assert } from 'node:assert';
import type { IsoDate } from '../calendar.js';
import { roundDownToRupiah } from './rounding.js';

export interface SavingsInterestTaxRule {
  /** The first business date (interest credited on or after it) the rule applies to. */
  effectiveFrom: IsoDate;
  thresholdRupiah: bigint;
  rateBps: bigint;
  source: string;
}

/**
 * Default settings. effectiveFrom is the PMK 112/PMK.03/2010 effective date cited in
 * rules-sources.md §3.1 (14 June 2010); earlier months have no rule here and are refused.
 */
export const SAVINGS_INTEREST_TAX_RULES: readonly SavingsInterestTaxRule[] = [
  {
    effectiveFrom: '2010-06-14',
    thresholdRupiah: 240_000n,
    rateBps: 1_000n,
    source: 'PP 15/2009; PMK 112/PMK.03/2010',
  },
];

/** The rule in force on `date`: the latest with effectiveFrom ≤ date; undefined if none. */
export function savingsInterestTaxRuleOn(
  date: IsoDate,
  rules: readonly SavingsInterestTaxRule[] = SAVINGS_INTEREST_TAX_RULES,
): SavingsInterestTaxRule | undefined {
  let found: SavingsInterestTaxRule | undefined;
  for (const r of rules) {
    if (r.effectiveFrom <= date && (found === undefined || r.effectiveFrom > found.effectiveFrom))
      found = r;
  }
  return found;
}

export interface Withholding {
  grossRupiah: bigint;
  taxRupiah: bigint;
  netRupiah: bigint;
}

/**
 * Tax on one member's interest for one month.
 *
 *   tax = gross > threshold ? floor(gross × rateBps / 10000) : 0;  net = gross − tax
 *
 * SQL: case when g > threshold_rupiah then (g * rate_bps) / 10000 else 0 end (int8, g ≥ 0).
 * Worked examples (savings.md): 240,000 → tax 0, net 240,000; 240,001 → 24,000.1 → tax 24,000,
 * net 216,001.
 */
export function withholdSavingsInterestTax(
  grossRupiah: bigint,
  rule: SavingsInterestTaxRule,
): Withholding {
  assert(grossRupiah >= 0n, 'interest is never negative');
  assert(rule.rateBps >= 0n && rule.rateBps <= 10_000n, 'tax rate out of range');
  const taxRupiah =
    grossRupiah > rule.thresholdRupiah
      ? roundDownToRupiah(grossRupiah * rule.rateBps, 10_000n)
      : 0n;
  return { grossRupiah, taxRupiah, netRupiah: grossRupiah - taxRupiah };
}

export interface AccountInterest {
  accountId: string;
  interestRupiah: bigint;
}

export interface MemberMonthWithholding extends Withholding {
  accounts: (AccountInterest & { taxRupiah: bigint; netRupiah: bigint })[];
}

/**
 * The month for one individual member: the threshold applies to the sum over all their accounts
 * (sukarela interest and berjangka interest credited in the month), then the tax is spread over
 * the accounts so each account's posting (gross, tax, net) is exact:
 *
 *   tax_i = floor(T × g_i / G) for every account but the one with the largest g_i
 *           (ties: smallest accountId), which takes T − Σ others.
 *
 * SQL: window functions over (partition by member): sum(g), and row_number() over
 * (order by g desc, account_id) = 1 for the remainder account.
 */
export function withholdIndividualMemberMonth(
  accounts: readonly AccountInterest[],
  rule: SavingsInterestTaxRule,
): MemberMonthWithholding {
  const gross = accounts.reduce((s, a) => s + a.interestRupiah, 0n);
  const total = withholdSavingsInterestTax(gross, rule);
  let remainderIndex = -1;
  accounts.forEach((a, i) => {
    const best = accounts[remainderIndex];
    if (
      best === undefined ||
      a.interestRupiah > best.interestRupiah ||
      (a.interestRupiah === best.interestRupiah && a.accountId < best.accountId)
    )
      remainderIndex = i;
  });
  const shares = accounts.map((a) =>
    gross === 0n ? 0n : roundDownToRupiah(total.taxRupiah * a.interestRupiah, gross),
  );
  const others = shares.reduce((s, t, i) => (i === remainderIndex ? s : s + t), 0n);
  return {
    ...total,
    accounts: accounts.map((a, i) => {
      const taxRupiah = i === remainderIndex ? total.taxRupiah - others : (shares[i] ?? 0n);
      return { ...a, taxRupiah, netRupiah: a.interestRupiah - taxRupiah };
    }),
  };
}
