/**
 * Income tax withheld on SHU paid to individual members, by payout date (a dated setting: the rule
 * in force on the day the share is paid decides, not the year it was earned).
 *
 * Default, from the domain reference (restated in docs/domain/shu.md): SHU paid to members was
 * taxed like a dividend, 10 % final (UU 36/2008 art. 17(2c)); since the Job Creation law (UU
 * 11/2020) it is treated as an exempt dividend, and the reference's default is no withholding from
 * 1 January 2021. A cooperative or a later regulation can set other rules; the newest rule whose
 * `from` is on or before the payout date applies.
 *
 * Rounding: tax is rounded down to whole rupiah (the member is never charged a fraction).
 */
export interface ShuTaxRule {
  /** first payout date (YYYY-MM-DD) the rule applies to */
  from: string;
  /** parts per million of the gross share (10 % = 100,000) */
  ratePpm: bigint;
  source: string;
}

export const DEFAULT_SHU_TAX_RULES: readonly ShuTaxRule[] = [
  {
    from: '1900-01-01',
    ratePpm: 100_000n,
    source:
      'UU 36/2008 Pasal 17 ayat (2c): SHU dibayarkan kepada anggota orang pribadi, PPh final 10 %',
  },
  {
    from: '2021-01-01',
    ratePpm: 0n,
    source: 'UU 11/2020 (Cipta Kerja): SHU diperlakukan sebagai dividen yang dikecualikan dari PPh',
  },
];

/** The rule in force on a payout date; null when no rule starts on or before it. */
export function taxRuleOn(
  payoutDate: string,
  rules: readonly ShuTaxRule[] = DEFAULT_SHU_TAX_RULES,
): ShuTaxRule | null {
  let found: ShuTaxRule | null = null;
  for (const r of rules) if (r.from <= payoutDate && (!found || r.from >= found.from)) found = r;
  return found;
}

/** Tax on a gross share: floor(gross × rate). */
export function shuTaxRupiah(grossRupiah: bigint, rule: ShuTaxRule | null): bigint {
  if (!rule || grossRupiah <= 0n) return 0n;
  return (grossRupiah * rule.ratePpm) / 1_000_000n;
}
