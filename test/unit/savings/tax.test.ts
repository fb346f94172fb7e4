import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SAVINGS_INTEREST_TAX_RULES,
  savingsInterestTaxRuleOn,
  withholdIndividualMemberMonth,
  withholdSavingsInterestTax,
  type SavingsInterestTaxRule,
} from '../../../src/domain/savings/tax.js';

const rule = savingsInterestTaxRuleOn('2026-06-30')!;

describe('PPh final on savings interest (PP 15/2009)', () => {
  it('defaults to Rp 240,000 and 10 %', () => {
    expect(rule).toMatchObject({ thresholdRupiah: 240_000n, rateBps: 1_000n });
  });
  it.each([
    ['at the threshold nothing is withheld: 240,000 → tax 0, net 240,000', 240_000n, 0n],
    ['just below the threshold nothing is withheld: 239,999 → tax 0', 239_999n, 0n],
    [
      'just above, 10 % of the whole month is withheld, rounded down: 240,001 → 24,000.1 → 24,000, net 216,001',
      240_001n,
      24_000n,
    ],
    ['no interest, no tax', 0n, 0n],
  ])('%s', (_name, grossRupiah, taxRupiah) => {
    expect(withholdSavingsInterestTax(grossRupiah, rule)).toEqual({
      grossRupiah,
      taxRupiah,
      netRupiah: grossRupiah - taxRupiah,
    });
  });
  it('the rule is a dated setting: none before PMK 112/2010 took effect, a later change applies from its date', () => {
    expect(savingsInterestTaxRuleOn('2010-06-13')).toBeUndefined();
    expect(savingsInterestTaxRuleOn('2010-06-14')).toBe(SAVINGS_INTEREST_TAX_RULES[0]);
    const change: SavingsInterestTaxRule = {
      effectiveFrom: '2027-01-01',
      thresholdRupiah: 500_000n,
      rateBps: 1_000n,
      source: 'hypothetical',
    };
    const rules = [...SAVINGS_INTEREST_TAX_RULES, change];
    expect(savingsInterestTaxRuleOn('2026-12-31', rules)).toBe(SAVINGS_INTEREST_TAX_RULES[0]);
    expect(savingsInterestTaxRuleOn('2027-01-01', rules)).toBe(change);
  });
});

describe('threshold per member per month across accounts', () => {
  it('two accounts each under the threshold are taxed when their sum is over it', () => {
    // 150,000 + 100,000 = 250,000 > 240,000 → tax 25,000.
    // Spread: the smaller account floor(25,000 × 100,000 / 250,000) = 10,000; the largest takes the
    // rest, 15,000.
    const r = withholdIndividualMemberMonth(
      [
        { accountId: 'S-1', interestRupiah: 150_000n },
        { accountId: 'B-7', interestRupiah: 100_000n },
      ],
      rule,
    );
    expect(r).toMatchObject({ grossRupiah: 250_000n, taxRupiah: 25_000n, netRupiah: 225_000n });
    expect(r.accounts).toEqual([
      { accountId: 'S-1', interestRupiah: 150_000n, taxRupiah: 15_000n, netRupiah: 135_000n },
      { accountId: 'B-7', interestRupiah: 100_000n, taxRupiah: 10_000n, netRupiah: 90_000n },
    ]);
  });
  it('the rounding remainder lands on the account with the most interest, so the parts add up', () => {
    // 200,001 + 40,001 + 33 = 240,035 → tax floor(24,003.5) = 24,003.
    // 40,001 → floor(24,003 × 40,001 / 240,035) = 4,000; 33 → floor(3.3) = 3; 200,001 → 24,003 − 4,003 = 20,000.
    const r = withholdIndividualMemberMonth(
      [
        { accountId: 'a', interestRupiah: 40_001n },
        { accountId: 'b', interestRupiah: 200_001n },
        { accountId: 'c', interestRupiah: 33n },
      ],
      rule,
    );
    expect(r.taxRupiah).toBe(24_003n);
    expect(r.accounts.map((a) => a.taxRupiah)).toEqual([4_000n, 20_000n, 3n]);
  });
  it('a member with no accounts owes nothing', () => {
    expect(withholdIndividualMemberMonth([], rule)).toEqual({
      grossRupiah: 0n,
      taxRupiah: 0n,
      netRupiah: 0n,
      accounts: [],
    });
  });
});

describe('tax properties', () => {
  const interest = fc.bigInt({ min: 0n, max: 100_000_000_000n });
  it('tax never exceeds interest (nor 10 % of it), and gross = tax + net', () => {
    fc.assert(
      fc.property(interest, (g) => {
        const w = withholdSavingsInterestTax(g, rule);
        return (
          w.taxRupiah >= 0n &&
          w.taxRupiah * 10n <= g &&
          w.taxRupiah <= g &&
          w.taxRupiah + w.netRupiah === g
        );
      }),
    );
  });
  it('over the threshold, more interest always nets more', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 240_001n, max: 10_000_000_000n }), (g) => {
        return (
          withholdSavingsInterestTax(g + 1n, rule).netRupiah >=
          withholdSavingsInterestTax(g, rule).netRupiah
        );
      }),
    );
  });
  it('spread over accounts, the parts add up exactly and no account is taxed more than its interest', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 5_000_000n }), { maxLength: 8 }), (gs) => {
        const r = withholdIndividualMemberMonth(
          gs.map((g, i) => ({ accountId: `acc-${i}`, interestRupiah: g })),
          rule,
        );
        const sum = r.accounts.reduce((s, a) => s + a.taxRupiah, 0n);
        return (
          sum === r.taxRupiah && r.accounts.every((a) => a.taxRupiah >= 0n && a.netRupiah >= 0n)
        );
      }),
    );
  });
});
