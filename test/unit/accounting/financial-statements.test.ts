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

describe('the sharia presentation (PSAK 101)', () => {
  const KSPPS_CHART: Omit<AccountBalance, 'openingNet' | 'debit' | 'credit'>[] = testChart([
    ['1101', 'Kas', { cashFlowClass: 'cash' }],
    ['1110', 'Piutang murabahah'],
    ['2101', 'Simpanan wadiah', { role: 'savingsSukarela' }],
    ['2102', 'Simpanan mudharabah', { role: 'savingsMudharabah' }],
    ['2103', 'Simpanan mudharabah berjangka', { role: 'savingsBerjangka' }],
    ['2110', 'Bagi hasil yang masih harus dibayar', { role: 'interestPayable' }],
    ['3101', 'Simpanan pokok'],
    ['4101', 'Pendapatan margin murabahah'],
    ['4301', 'Jasa giro bank'],
    ['5101', 'Bagi hasil simpanan mudharabah', { role: 'savingsInterestExpense' }],
    ['5102', 'Bagi hasil simpanan mudharabah berjangka', { role: 'depositInterestExpense' }],
    ['5103', 'Bonus wadiah'],
    ['5201', 'Gaji'],
  ]).map((a) => ({ ...a, cashFlowClass: a.cashFlowClass ?? 'operating' }));
  const codes = KSPPS_CHART.filter((a) => a.isPostable).map((a) => a.code);
  const books = (es: { debit: string; credit: string; amount: bigint; inRange?: boolean }[]) =>
    KSPPS_CHART.map((a) => {
      let openingNet = 0n;
      let debit = 0n;
      let credit = 0n;
      for (const e of es) {
        const inRange = e.inRange ?? true;
        const signed = (d: bigint) => (inRange ? d : 0n);
        if (e.debit === a.code) {
          debit += signed(e.amount);
          if (!inRange) openingNet += e.amount;
        }
        if (e.credit === a.code) {
          credit += signed(e.amount);
          if (!inRange) openingNet -= e.amount;
        }
      }
      return { ...a, openingNet, debit, credit };
    });
  // By hand: members put 5,000,000 in wadiah, 20,000,000 in mudharabah savings and 10,000,000 in
  // mudharabah deposits; pokok 1,000,000; 30,000,000 goes out as murabahah. The month earns
  // 600,000 margin and 40,000 jasa giro; the funds get 150,000 (savings) + 90,000 (deposits) bagi
  // hasil, 10,000 of it still payable; a wadiah bonus of 5,000 and salaries of 200,000.
  const month = books([
    { debit: '1101', credit: '2101', amount: 5_000_000n },
    { debit: '1101', credit: '2102', amount: 20_000_000n },
    { debit: '1101', credit: '2103', amount: 10_000_000n },
    { debit: '1101', credit: '3101', amount: 1_000_000n },
    { debit: '1110', credit: '1101', amount: 30_000_000n },
    { debit: '1101', credit: '4101', amount: 600_000n },
    { debit: '1101', credit: '4301', amount: 40_000n },
    { debit: '5101', credit: '2102', amount: 150_000n },
    { debit: '5102', credit: '2103', amount: 80_000n },
    { debit: '5102', credit: '2110', amount: 10_000n },
    { debit: '5103', credit: '2101', amount: 5_000n },
    { debit: '5201', credit: '1101', amount: 200_000n },
  ]);

  it('puts the mudharabah funds between liabilities and equity and still balances', () => {
    const bs = balanceSheet(month, null, { sharia: true });
    expect(bs.kewajiban.title).toBe('LIABILITAS');
    // wadiah 5,005,000 and the payable 10,000 stay liabilities
    expect(bs.kewajiban.total).toBe(5_015_000n);
    expect(bs.danaSyirkahTemporer?.lines.map((l) => [l.code, l.amount])).toEqual([
      ['2102', 20_150_000n],
      ['2103', 10_080_000n],
    ]);
    expect(bs.danaSyirkahTemporer?.total).toBe(30_230_000n);
    // equity: pokok 1,000,000 + the month's SHU 195,000
    expect(bs.ekuitas.total).toBe(1_195_000n);
    expect(bs.aset.total).toBe(36_440_000n);
    expect(bs.balanced).toBe(true);
    // the conventional presentation of the same books keeps them all in KEWAJIBAN
    const plain = balanceSheet(month, null);
    expect(plain.danaSyirkahTemporer).toBeNull();
    expect(plain.kewajiban.total).toBe(35_245_000n);
  });

  it('takes the bagi hasil untuk pemilik dana from operating income before the expenses', () => {
    const is = incomeStatement(month, null, { sharia: true });
    expect(is.pendapatan.title).toBe('PENDAPATAN USAHA');
    expect(is.pendapatan.total).toBe(600_000n);
    expect(is.bagiHasilPemilikDana?.total).toBe(240_000n);
    expect(is.pendapatanSetelahBagiHasil).toBe(360_000n);
    // the wadiah bonus is an expense of the KSPPS, not a share of a fund's income
    expect(is.beban.lines.filter((l) => !l.isGroup).map((l) => l.code)).toEqual(['5103', '5201']);
    expect(is.beban.total).toBe(205_000n);
    expect(is.pendapatanNonUsaha?.total).toBe(40_000n);
    expect(is.shu).toBe(195_000n);
    expect(incomeStatement(month, null).shu).toBe(195_000n);
  });

  it('for any balanced postings both presentations balance and agree on the SHU and the totals', () => {
    const anyEntries = fc.array(
      fc.record({
        debit: fc.constantFrom(...codes),
        credit: fc.constantFrom(...codes),
        amount: fc.bigInt({ min: 1n, max: 10n ** 12n }),
        inRange: fc.boolean(),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(anyEntries, fc.boolean(), (es, compare) => {
        const b = books(es);
        const prior = compare ? books(es.filter((e) => !e.inRange)) : null;
        const sharia = balanceSheet(b, prior, { sharia: true });
        const plain = balanceSheet(b, prior);
        expect(sharia.balanced).toBe(true);
        expect(sharia.kewajiban.total + (sharia.danaSyirkahTemporer?.total ?? 0n)).toBe(
          plain.kewajiban.total,
        );
        const s = incomeStatement(b, prior, { sharia: true });
        const p = incomeStatement(b, prior);
        expect(s.shu).toBe(p.shu);
        expect(s.priorShu).toBe(p.priorShu);
        expect(s.pendapatan.total + (s.pendapatanNonUsaha?.total ?? 0n)).toBe(p.pendapatan.total);
        expect(s.beban.total + (s.bagiHasilPemilikDana?.total ?? 0n)).toBe(p.beban.total);
        expect(s.pendapatanSetelahBagiHasil).toBe(
          s.pendapatan.total - (s.bagiHasilPemilikDana?.total ?? 0n),
        );
      }),
    );
  });
});
