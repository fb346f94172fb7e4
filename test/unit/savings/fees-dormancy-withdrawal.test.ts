import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chargeMonthlyAdminFee } from '../../../src/domain/savings/admin-fee.js';
import { dormancyStatus } from '../../../src/domain/savings/dormancy.js';
import { checkWithdrawal } from '../../../src/domain/savings/withdrawal.js';

describe('monthly admin fee', () => {
  it('is charged in full when the balance covers it', () => {
    expect(chargeMonthlyAdminFee(100_000n, 5_000n)).toEqual({
      feeChargedRupiah: 5_000n,
      feeWaivedRupiah: 0n,
      balanceAfterRupiah: 95_000n,
    });
  });
  it('an account that would go negative is charged down to zero only', () => {
    // Balance 3,000 after interest, fee 5,000: charge 3,000, waive 2,000, balance 0.
    expect(chargeMonthlyAdminFee(3_000n, 5_000n)).toEqual({
      feeChargedRupiah: 3_000n,
      feeWaivedRupiah: 2_000n,
      balanceAfterRupiah: 0n,
    });
    expect(chargeMonthlyAdminFee(0n, 5_000n).feeChargedRupiah).toBe(0n);
  });
  it('never takes a balance below zero and never charges more than the fee', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 100_000n }),
        (balance, fee) => {
          const c = chargeMonthlyAdminFee(balance, fee);
          return (
            c.balanceAfterRupiah >= 0n &&
            c.feeChargedRupiah <= fee &&
            c.feeChargedRupiah + c.feeWaivedRupiah === fee
          );
        },
      ),
    );
  });
});

describe('dormancy', () => {
  const input = {
    currentStatus: 'active' as const,
    lastActivityDate: '2025-01-31',
    dormancyMonths: 12,
  };
  it('an account becomes dormant N months after the last member transaction, not a day before', () => {
    expect(dormancyStatus({ ...input, today: '2026-01-30' })).toBe('active');
    expect(dormancyStatus({ ...input, today: '2026-01-31' })).toBe('dormant');
  });
  it('month ends clamp like PostgreSQL: 29 Feb 2024 + 12 months is 28 Feb 2025', () => {
    expect(dormancyStatus({ ...input, lastActivityDate: '2024-02-29', today: '2025-02-27' })).toBe(
      'active',
    );
    expect(dormancyStatus({ ...input, lastActivityDate: '2024-02-29', today: '2025-02-28' })).toBe(
      'dormant',
    );
  });
  it('stays dormant until an officer reactivates, whatever the member does', () => {
    expect(
      dormancyStatus({
        ...input,
        currentStatus: 'dormant',
        lastActivityDate: '2026-01-30',
        today: '2026-01-31',
      }),
    ).toBe('dormant');
  });
  it('a product without dormancy never makes accounts dormant', () => {
    expect(dormancyStatus({ ...input, dormancyMonths: null, today: '2099-01-01' })).toBe('active');
  });
});

describe('withdrawal check', () => {
  const sukarela = {
    kind: 'sukarela' as const,
    state: 'active' as const,
    balanceRupiah: 100_000n,
    minimumBalanceRupiah: 10_000n,
    closing: false,
  };
  const code = (r: ReturnType<typeof checkWithdrawal>) => (r.ok ? 'OK' : r.error.code);

  it('a sukarela withdrawal down to the minimum balance is allowed', () => {
    expect(checkWithdrawal({ ...sukarela, amountRupiah: 90_000n })).toEqual({
      ok: true,
      balanceAfterRupiah: 10_000n,
    });
  });
  it('a withdrawal below minimum balance is refused, saying how much may be taken', () => {
    expect(checkWithdrawal({ ...sukarela, amountRupiah: 90_001n })).toEqual({
      ok: false,
      error: {
        code: 'SAVINGS_BELOW_MINIMUM_BALANCE',
        field: 'amountRupiah',
        params: {
          amount: 90_001n,
          balance: 100_000n,
          minimumBalance: 10_000n,
          maximumWithdrawal: 90_000n,
        },
      },
    });
  });
  it('more than the balance is refused as insufficient balance', () => {
    expect(code(checkWithdrawal({ ...sukarela, amountRupiah: 100_001n }))).toBe(
      'SAVINGS_INSUFFICIENT_BALANCE',
    );
  });
  it('closing the account may take everything, minimum or not', () => {
    expect(checkWithdrawal({ ...sukarela, amountRupiah: 100_000n, closing: true })).toEqual({
      ok: true,
      balanceAfterRupiah: 0n,
    });
  });
  it('zero or negative amounts are refused', () => {
    expect(code(checkWithdrawal({ ...sukarela, amountRupiah: 0n }))).toBe(
      'SAVINGS_AMOUNT_NOT_POSITIVE',
    );
  });
  it('pokok and wajib are withdrawable only when the member leaves; berjangka never', () => {
    expect(code(checkWithdrawal({ ...sukarela, kind: 'wajib', amountRupiah: 1n }))).toBe(
      'SAVINGS_NOT_WITHDRAWABLE',
    );
    expect(code(checkWithdrawal({ ...sukarela, kind: 'pokok', amountRupiah: 1n }))).toBe(
      'SAVINGS_NOT_WITHDRAWABLE',
    );
    expect(
      code(checkWithdrawal({ ...sukarela, kind: 'wajib', amountRupiah: 100_000n, closing: true })),
    ).toBe('OK');
    expect(
      code(checkWithdrawal({ ...sukarela, kind: 'berjangka', amountRupiah: 1n, closing: true })),
    ).toBe('SAVINGS_NOT_WITHDRAWABLE');
  });
  it('a blocked account is refused; a dormant one too unless an officer is closing it', () => {
    expect(code(checkWithdrawal({ ...sukarela, state: 'blocked', amountRupiah: 1n }))).toBe(
      'SAVINGS_ACCOUNT_BLOCKED',
    );
    expect(
      code(checkWithdrawal({ ...sukarela, state: 'blocked', amountRupiah: 1n, closing: true })),
    ).toBe('SAVINGS_ACCOUNT_BLOCKED');
    expect(code(checkWithdrawal({ ...sukarela, state: 'dormant', amountRupiah: 1n }))).toBe(
      'SAVINGS_ACCOUNT_DORMANT',
    );
    expect(
      code(
        checkWithdrawal({ ...sukarela, state: 'dormant', amountRupiah: 100_000n, closing: true }),
      ),
    ).toBe('OK');
  });
  it('an allowed withdrawal never leaves less than the minimum (unless closing) nor less than zero', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 10n }),
        fc.bigInt({ min: -10n, max: 10n ** 10n }),
        fc.bigInt({ min: 0n, max: 10n ** 6n }),
        fc.boolean(),
        (balance, amount, minimum, closing) => {
          const r = checkWithdrawal({
            ...sukarela,
            balanceRupiah: balance,
            amountRupiah: amount,
            minimumBalanceRupiah: minimum,
            closing,
          });
          if (!r.ok) return true;
          return (
            r.balanceAfterRupiah >= 0n &&
            (closing || r.balanceAfterRupiah >= minimum) &&
            r.balanceAfterRupiah === balance - amount
          );
        },
      ),
    );
  });
});
