import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkCounterAccount,
  checkDistribution,
  checkFundJournal,
  checkReceipt,
  fundReport,
  type CounterAccount,
} from '../../../src/domain/sharia/baitul-maal.js';

const cash: CounterAccount = { type: 'aset', isCash: true, ownCashOf: null, fundOf: null };

describe('baitul maal: the funds never serve the business (PSAK 101 ¶71–75)', () => {
  it('a distribution pays out through cash or bank, or the fund’s own cash', () => {
    expect(checkCounterAccount('zakat', cash)).toEqual({ ok: true });
    expect(checkCounterAccount('zakat', { ...cash, ownCashOf: 'zakat' })).toEqual({ ok: true });
  });

  it('an expense, income or another fund’s account is refused as the other side', () => {
    const refused = { ok: false, code: 'BAITUL_MAAL_TAMWIL_USE_REFUSED' };
    expect(checkCounterAccount('zakat', { ...cash, type: 'beban', isCash: false })).toEqual(
      refused,
    );
    expect(checkCounterAccount('zakat', { ...cash, type: 'pendapatan', isCash: false })).toEqual(
      refused,
    );
    // a receivable is an asset but not cash: lending zakat to the business is refused too
    expect(checkCounterAccount('zakat', { ...cash, isCash: false })).toEqual(refused);
    expect(checkCounterAccount('zakat', { ...cash, ownCashOf: 'kebajikan' })).toEqual(refused);
    expect(
      checkCounterAccount('zakat', { ...cash, type: 'kewajiban', isCash: false, fundOf: 'infaq' }),
    ).toEqual(refused);
  });

  it('a journal taking money out of a fund may not touch an income or expense account', () => {
    // Dr Beban operasional / Cr Kas dana zakat: zakat paying a business expense
    expect(
      checkFundJournal([
        { type: 'beban', fundRole: null, debitRupiah: 500_000n, creditRupiah: 0n },
        { type: 'aset', fundRole: 'cash', debitRupiah: 0n, creditRupiah: 500_000n },
      ]),
    ).toEqual({ ok: false, code: 'BAITUL_MAAL_TAMWIL_USE_REFUSED' });
    // Dr Dana kebajikan / Cr Pendapatan lain: the social fund turned into income
    expect(
      checkFundJournal([
        { type: 'kewajiban', fundRole: 'fund', debitRupiah: 75_000n, creditRupiah: 0n },
        { type: 'pendapatan', fundRole: null, debitRupiah: 0n, creditRupiah: 75_000n },
      ]),
    ).toEqual({ ok: false, code: 'BAITUL_MAAL_TAMWIL_USE_REFUSED' });
  });

  it("ta'zir credited to dana kebajikan beside the margin of an instalment is allowed", () => {
    // Dr Kas 1,060,000 / Cr Piutang 900,000 + Cr Pendapatan margin 150,000 + Cr Dana kebajikan 10,000
    expect(
      checkFundJournal([
        { type: 'aset', fundRole: null, debitRupiah: 1_060_000n, creditRupiah: 0n },
        { type: 'aset', fundRole: null, debitRupiah: 0n, creditRupiah: 900_000n },
        { type: 'pendapatan', fundRole: null, debitRupiah: 0n, creditRupiah: 150_000n },
        { type: 'kewajiban', fundRole: 'fund', debitRupiah: 0n, creditRupiah: 10_000n },
      ]),
    ).toEqual({ ok: true });
  });
});

describe('baitul maal: receipts', () => {
  it('non-halal receipts, wakaf yield and repaid qardhul hasan go to dana kebajikan only', () => {
    for (const source of ['non_halal', 'wakaf_yield', 'qardh_repaid'] as const) {
      expect(checkReceipt('kebajikan', source, false)).toEqual({ ok: true });
      for (const fund of ['zakat', 'infaq', 'wakaf'] as const)
        expect(checkReceipt(fund, source, false)).toEqual({
          ok: false,
          code: 'BAITUL_MAAL_SOURCE_NOT_ALLOWED',
        });
    }
  });

  it("the cooperative's own zakat goes to the zakat fund; a member receipt names the member", () => {
    expect(checkReceipt('zakat', 'internal', false)).toEqual({ ok: true });
    expect(checkReceipt('infaq', 'internal', false).ok).toBe(false);
    expect(checkReceipt('zakat', 'member', true)).toEqual({ ok: true });
    expect(checkReceipt('zakat', 'member', false).ok).toBe(false);
  });
});

describe('baitul maal: distributions', () => {
  const zakat = { fund: 'zakat' as const, asnaf: 'fakir' as const, purpose: null };

  it('zakat needs an asnaf; infaq and kebajikan need a purpose', () => {
    expect(checkDistribution({ ...zakat, asnaf: null, amountRupiah: 1n }, 10n)).toEqual({
      ok: false,
      code: 'BAITUL_MAAL_ASNAF_REQUIRED',
    });
    expect(
      checkDistribution({ fund: 'kebajikan', asnaf: null, purpose: null, amountRupiah: 1n }, 10n),
    ).toEqual({ ok: false, code: 'BAITUL_MAAL_PURPOSE_REQUIRED' });
    expect(
      checkDistribution(
        { fund: 'infaq', asnaf: null, purpose: 'pendidikan', amountRupiah: 1n },
        10n,
      ),
    ).toEqual({ ok: true });
  });

  it('wakaf principal is never distributed, whatever its balance', () => {
    expect(
      checkDistribution(
        { fund: 'wakaf', asnaf: null, purpose: 'sumbangan_sosial', amountRupiah: 1n },
        10_000_000n,
      ),
    ).toEqual({ ok: false, code: 'BAITUL_MAAL_WAKAF_PRINCIPAL' });
  });

  it('a distribution up to the balance passes, one rupiah more is refused', () => {
    expect(checkDistribution({ ...zakat, amountRupiah: 2_500_000n }, 2_500_000n)).toEqual({
      ok: true,
    });
    expect(checkDistribution({ ...zakat, amountRupiah: 2_500_001n }, 2_500_000n)).toEqual({
      ok: false,
      code: 'BAITUL_MAAL_FUND_INSUFFICIENT',
    });
  });

  it('property: a passed distribution never leaves a negative balance', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        (a, b) => {
          const r = checkDistribution({ ...zakat, amountRupiah: a }, b);
          return !r.ok || b - a >= 0n;
        },
      ),
    );
  });
});

describe('baitul maal: the fund report', () => {
  it('laporan sumber dan penyaluran dana zakat: opening + receipts − distributions = closing', () => {
    // opening 1,200,000; zakat from members 3,000,000 (two rows) and the public 500,000;
    // fakir 1,000,000, miskin 1,500,000, gharimin 750,000 → closing 1,450,000
    const r = fundReport({
      openingRupiah: 1_200_000n,
      receipts: [
        { key: 'member', amountRupiah: 2_000_000n },
        { key: 'public', amountRupiah: 500_000n },
        { key: 'member', amountRupiah: 1_000_000n },
        { key: 'denda', amountRupiah: 0n },
      ],
      distributions: [
        { key: 'miskin', amountRupiah: 1_500_000n },
        { key: 'fakir', amountRupiah: 1_000_000n },
        { key: 'gharimin', amountRupiah: 750_000n },
      ],
    });
    expect(r).toEqual({
      openingRupiah: 1_200_000n,
      receipts: [
        { key: 'member', amountRupiah: 3_000_000n },
        { key: 'public', amountRupiah: 500_000n },
      ],
      receiptsTotalRupiah: 3_500_000n,
      distributions: [
        { key: 'fakir', amountRupiah: 1_000_000n },
        { key: 'gharimin', amountRupiah: 750_000n },
        { key: 'miskin', amountRupiah: 1_500_000n },
      ],
      distributionsTotalRupiah: 3_250_000n,
      closingRupiah: 1_450_000n,
    });
  });
});
