import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  balanceSheet,
  cashFlow,
  equityChanges,
  incomeStatement,
  trialBalance,
  type AccountBalance,
} from '../../../src/domain/accounting/financial-statements.js';
import { testChart } from '../../support/chart.js';

/**
 * The accounts of the balance rows: class, normal balance and parent follow the code (testChart);
 * cash flows are operating unless an account (or the equity group) says otherwise.
 */
const CHART: Omit<AccountBalance, 'openingNet' | 'debit' | 'credit'>[] = testChart(
  [
    ['1101', 'Kas', { cashFlowClass: 'cash' }],
    ['1110', 'Pinjaman'],
    ['1304', 'Inventaris', { cashFlowClass: 'investing' }],
    ['1309', 'Akumulasi penyusutan', { normalBalance: 'credit' }],
    ['2101', 'Simpanan sukarela'],
    ['2201', 'Pinjaman bank', { cashFlowClass: 'financing' }],
    ['3101', 'Simpanan pokok', { cashFlowClass: 'financing' }],
    ['3108', 'SHU belum dibagi', { cashFlowClass: 'financing' }],
    ['4101', 'Jasa pinjaman anggota'],
    ['4201', 'Jasa pinjaman non-anggota'],
    ['5201', 'Gaji'],
    ['5205', 'Penyusutan'],
  ],
  (classDigit) => (classDigit === '3' ? { cashFlowClass: 'financing' } : {}),
).map((a) => ({ ...a, cashFlowClass: a.cashFlowClass ?? 'operating' }));
const POSTABLE = CHART.filter((a) => a.isPostable).map((a) => a.code);

/** Balances from a list of balanced two-line entries, split into "before" and "during" the range. */
function balancesFrom(
  entries: { debit: string; credit: string; amount: bigint; inRange: boolean }[],
): AccountBalance[] {
  return CHART.map((a) => {
    let openingNet = 0n;
    let debit = 0n;
    let credit = 0n;
    for (const e of entries) {
      if (e.debit === a.code) {
        if (e.inRange) debit += e.amount;
        else openingNet += e.amount;
      }
      if (e.credit === a.code) {
        if (e.inRange) credit += e.amount;
        else openingNet -= e.amount;
      }
    }
    return { ...a, openingNet, debit, credit };
  });
}

const entries = fc.array(
  fc.record({
    debit: fc.constantFrom(...POSTABLE),
    credit: fc.constantFrom(...POSTABLE),
    amount: fc.bigInt({ min: 1n, max: 10n ** 12n }),
    inRange: fc.boolean(),
  }),
  { maxLength: 60 },
);

describe('statements from balances', () => {
  it('for any balanced postings the trial balance and the balance sheet balance and the cash flow reconciles', () => {
    fc.assert(
      fc.property(entries, (es) => {
        const b = balancesFrom(es);
        expect(trialBalance(b).balanced).toBe(true);
        expect(balanceSheet(b, null).balanced).toBe(true);
        expect(cashFlow(b).reconciles).toBe(true);
        const eq = equityChanges(b);
        expect(eq.totals.opening + eq.totals.increase - eq.totals.decrease).toBe(eq.totals.closing);
      }),
    );
  });

  it('income statement: SHU is income minus expense of the range, member and non-member income apart', () => {
    // By hand: 4101 900,000 + 4201 100,000 income; 5201 600,000 + 5205 50,000 expense -> SHU 350,000.
    const b = balancesFrom([
      { debit: '1101', credit: '4101', amount: 900_000n, inRange: true },
      { debit: '1101', credit: '4201', amount: 100_000n, inRange: true },
      { debit: '5201', credit: '1101', amount: 600_000n, inRange: true },
      { debit: '5205', credit: '1309', amount: 50_000n, inRange: true },
      { debit: '1101', credit: '4101', amount: 777n, inRange: false },
    ]);
    const is = incomeStatement(b, null);
    expect(is.shu).toBe(350_000n);
    expect(is.memberIncome).toBe(900_000n);
    expect(is.nonMemberIncome).toBe(100_000n);
    // Indirect cash flow: SHU 350,000 + depreciation 50,000 (contra asset rose) = cash change 400,000.
    const cf = cashFlow(b);
    expect(cf.netChange).toBe(400_000n);
    expect(cf.cashClosing - cf.cashOpening).toBe(400_000n);
  });

  it('the balance sheet groups accounts under their parents with subtotals', () => {
    const b = balancesFrom([
      { debit: '1101', credit: '3101', amount: 1_000n, inRange: true },
      { debit: '1110', credit: '1101', amount: 400n, inRange: true },
    ]);
    const bs = balanceSheet(b, null);
    expect(bs.aset.lines.map((l) => [l.code, l.amount, l.isGroup])).toEqual([
      ['1', 1_000n, true],
      ['1101', 600n, false],
      ['1110', 400n, false],
    ]);
    expect(bs.aset.total).toBe(1_000n);
  });
});
