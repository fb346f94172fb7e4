import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  breakEarly,
  depositInterestSchedule,
  maturityDate,
  settleAtMaturity,
  type TimeDeposit,
} from '../../../src/domain/savings/berjangka.js';
import { BERJANGKA_TENORS_MONTHS } from '../../../src/domain/savings/product.js';
import {
  savingsInterestTaxRuleOn,
  withholdSavingsInterestTax,
} from '../../../src/domain/savings/tax.js';

const deposit: TimeDeposit = {
  principalRupiah: 10_000_000n,
  annualRateBps: 700n,
  tenorMonths: 3,
  openedOn: '2026-01-15',
  interestBasis: 'monthly/12',
  interestPayout: 'to-sukarela',
  automaticRollover: false,
};

describe('maturity date', () => {
  it('is the opening date plus the tenor', () => {
    expect(maturityDate(deposit)).toBe('2026-04-15');
    expect(maturityDate({ ...deposit, tenorMonths: 12 })).toBe('2027-01-15');
  });
  it("clamps to the month's last day: opened 31 January, 1 month matures 28 February", () => {
    expect(maturityDate({ openedOn: '2026-01-31', tenorMonths: 1 })).toBe('2026-02-28');
    expect(maturityDate({ openedOn: '2028-01-31', tenorMonths: 1 })).toBe('2028-02-29');
    expect(maturityDate({ openedOn: '2026-01-31', tenorMonths: 3 })).toBe('2026-04-30');
  });
});

describe('monthly interest on a time deposit', () => {
  it('monthly/12: Rp 10,000,000 at 7 % pays 58,333 a month', () => {
    // 10,000,000 × 700 / 120,000 = 58,333.33 → 58,333 (rounded down each month).
    expect(depositInterestSchedule(deposit).map((p) => p.interestRupiah)).toEqual([
      58_333n,
      58_333n,
      58_333n,
    ]);
  });
  it('actual/365 counts the days of each anniversary month', () => {
    // Opened 15 Jan 2026: 15 Jan–15 Feb 31 days, 15 Feb–15 Mar 28 days, 15 Mar–15 Apr 31 days.
    // 10,000,000 × 700 × 31 / 3,650,000 = 59,452.05 → 59,452; × 28 → 53,698.63 → 53,698.
    const s = depositInterestSchedule({ ...deposit, interestBasis: 'actual/365' });
    expect(s.map((p) => [p.startDate, p.endDate, p.days, p.interestRupiah])).toEqual([
      ['2026-01-15', '2026-02-15', 31, 59_452n],
      ['2026-02-15', '2026-03-15', 28, 53_698n],
      ['2026-03-15', '2026-04-15', 31, 59_452n],
    ]);
  });
  it('periods from a month-end opening are taken from the opening date, not chained', () => {
    const s = depositInterestSchedule({
      ...deposit,
      openedOn: '2026-01-31',
      interestBasis: 'actual/365',
    });
    expect(s.map((p) => p.endDate)).toEqual(['2026-02-28', '2026-03-31', '2026-04-30']);
    expect(s.reduce((n, p) => n + p.days, 0)).toBe(89);
  });
});

describe('at maturity', () => {
  it('without ARO, principal and held interest are paid out', () => {
    expect(settleAtMaturity(deposit, { rateInForceBps: 650n, heldInterestNetRupiah: 0n })).toEqual({
      kind: 'paid-out',
      principalRupiah: 10_000_000n,
      interestRupiah: 0n,
    });
  });
  it('ARO with interest to sukarela rolls the principal only, at the rate then in force', () => {
    const r = settleAtMaturity(
      { ...deposit, automaticRollover: true },
      { rateInForceBps: 650n, heldInterestNetRupiah: 0n },
    );
    expect(r).toEqual({
      kind: 'rolled-over',
      next: { ...deposit, automaticRollover: true, openedOn: '2026-04-15', annualRateBps: 650n },
    });
  });
  it('ARO with interest rolled over adds the net interest to the next principal', () => {
    // Rp 100,000,000 at 7 %, 3 months, monthly/12: 583,333.33 → 583,333 a month, held: 1,749,999.
    // Credited at maturity in one month: 1,749,999 > 240,000 → PPh 10 % = 174,999.9 → 174,999;
    // net 1,575,000. Next term: principal 101,575,000 at 6.5 % from 15 Apr, maturing 15 Jul 2026.
    const big: TimeDeposit = {
      ...deposit,
      principalRupiah: 100_000_000n,
      interestPayout: 'rollover',
      automaticRollover: true,
    };
    const held = depositInterestSchedule(big).reduce((s, p) => s + p.interestRupiah, 0n);
    expect(held).toBe(1_749_999n);
    const tax = withholdSavingsInterestTax(held, savingsInterestTaxRuleOn('2026-04-15')!);
    expect(tax).toEqual({ grossRupiah: 1_749_999n, taxRupiah: 174_999n, netRupiah: 1_575_000n });
    const r = settleAtMaturity(big, { rateInForceBps: 650n, heldInterestNetRupiah: tax.netRupiah });
    expect(r.kind === 'rolled-over' && r.next).toEqual({
      ...big,
      principalRupiah: 101_575_000n,
      annualRateBps: 650n,
      openedOn: '2026-04-15',
    });
    expect(r.kind === 'rolled-over' && maturityDate(r.next)).toBe('2026-07-15');
  });
  it("a 'to-sukarela' deposit holds no interest (programmer error otherwise)", () => {
    expect(() =>
      settleAtMaturity(deposit, { rateInForceBps: 650n, heldInterestNetRupiah: 1n }),
    ).toThrow();
  });
});

describe('early break', () => {
  const base = {
    deposit,
    onDate: '2026-03-01',
    blocked: false,
    interestPaidRupiah: 116_666n,
    interestHeldRupiah: 0n,
  };
  it('1 % of principal: Rp 10,000,000 pays out 9,900,000', () => {
    expect(
      breakEarly({ ...base, penaltyRule: { kind: 'percent-of-principal', rateBps: 100n } }),
    ).toEqual({
      ok: true,
      penaltyRupiah: 100_000n,
      forfeitedInterestRupiah: 0n,
      payoutRupiah: 9_900_000n,
    });
  });
  it('claw-back takes back the interest paid this term: 2 × 58,333 = 116,666 → payout 9,883,334', () => {
    const r = breakEarly({ ...base, penaltyRule: { kind: 'clawback-interest-paid' } });
    expect(r.ok && [r.penaltyRupiah, r.payoutRupiah]).toEqual([116_666n, 9_883_334n]);
  });
  it('the penalty never makes the principal smaller than zero', () => {
    const r = breakEarly({ ...base, penaltyRule: { kind: 'flat', amountRupiah: 20_000_000n } });
    expect(r.ok && [r.penaltyRupiah, r.payoutRupiah]).toEqual([10_000_000n, 0n]);
  });
  it('interest held in a rollover deposit is forfeited', () => {
    const r = breakEarly({
      ...base,
      interestPaidRupiah: 0n,
      interestHeldRupiah: 116_666n,
      penaltyRule: { kind: 'none' },
    });
    expect(r).toEqual({
      ok: true,
      penaltyRupiah: 0n,
      forfeitedInterestRupiah: 116_666n,
      payoutRupiah: 10_000_000n,
    });
  });
  it('a deposit securing a loan cannot be broken', () => {
    const r = breakEarly({ ...base, blocked: true, penaltyRule: { kind: 'none' } });
    expect(r.ok ? null : r.error.code).toBe('SAVINGS_DEPOSIT_BLOCKED');
  });
  it('on or after maturity it is not an early break; before opening it is not yet a deposit', () => {
    const atMaturity = breakEarly({ ...base, onDate: '2026-04-15', penaltyRule: { kind: 'none' } });
    expect(atMaturity.ok ? null : atMaturity.error).toEqual({
      code: 'SAVINGS_DEPOSIT_ALREADY_MATURED',
      field: 'onDate',
      params: { maturityDate: '2026-04-15' },
    });
    const early = breakEarly({ ...base, onDate: '2026-01-14', penaltyRule: { kind: 'none' } });
    expect(early.ok ? null : early.error.code).toBe('SAVINGS_DEPOSIT_NOT_STARTED');
  });
  it('payout + penalty = principal and neither is negative, for every rule', () => {
    const rule = fc.oneof(
      fc.constant({ kind: 'none' as const }),
      fc.constant({ kind: 'clawback-interest-paid' as const }),
      fc
        .bigInt({ min: 0n, max: 10_000n })
        .map((rateBps) => ({ kind: 'percent-of-principal' as const, rateBps })),
      fc
        .bigInt({ min: 0n, max: 10n ** 12n })
        .map((amountRupiah) => ({ kind: 'flat' as const, amountRupiah })),
    );
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 10n }),
        rule,
        (p, paid, penaltyRule) => {
          const r = breakEarly({
            ...base,
            deposit: { ...deposit, principalRupiah: p },
            interestPaidRupiah: paid,
            penaltyRule,
          });
          return (
            r.ok &&
            r.penaltyRupiah >= 0n &&
            r.payoutRupiah >= 0n &&
            r.penaltyRupiah + r.payoutRupiah === p
          );
        },
      ),
    );
  });
});

describe('time deposit properties', () => {
  it('monthly interest is never negative and a term has one period per month of its tenor', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10_000n }),
        fc.constantFrom(...BERJANGKA_TENORS_MONTHS),
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom('monthly/12' as const, 'actual/365' as const),
        (principalRupiah, annualRateBps, tenorMonths, d, interestBasis) => {
          const openedOn = d.toISOString().slice(0, 10);
          const s = depositInterestSchedule({
            ...deposit,
            principalRupiah,
            annualRateBps,
            tenorMonths,
            openedOn,
            interestBasis,
          });
          return (
            s.length === tenorMonths &&
            s.every((p) => p.interestRupiah >= 0n && p.days >= 28 && p.days <= 31) &&
            s.at(-1)?.endDate === maturityDate({ openedOn, tenorMonths })
          );
        },
      ),
    );
  });
});
