import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BALANCE_SHEET_LINES,
  canonicalReportJson,
  checkReport,
  dueDateOf,
  endedPeriods,
  INCOME_STATEMENT_LINES,
  lineOfAccount,
  parseReportPeriod,
  reportFromEntry,
  reportFromJson,
  reportFromLedger,
  rulesInForce,
  timeliness,
  type BalanceSheetLine,
  type EnteredReport,
  type IncomeStatementLine,
  type LedgerAccount,
  type ReportingRule,
} from '../../../src/domain/supervision/report.js';

const zeroLines = <K extends string>(keys: readonly { key: K }[]) =>
  Object.fromEntries(keys.map((l) => [l.key, 0n])) as Record<K, bigint>;

const noLoans = {
  lancar: { loans: 0, outstandingRupiah: 0n, requiredProvisionRupiah: 0n },
  kurangLancar: { loans: 0, outstandingRupiah: 0n, requiredProvisionRupiah: 0n },
  diragukan: { loans: 0, outstandingRupiah: 0n, requiredProvisionRupiah: 0n },
  macet: { loans: 0, outstandingRupiah: 0n, requiredProvisionRupiah: 0n },
};

/** A small KSP at the end of Q1 2026: Rp 1 000 jt of assets. */
function entry(patch: Partial<Record<BalanceSheetLine, bigint>> = {}): EnteredReport {
  return {
    kind: 'quarterly',
    period: '2026-Q1',
    balanceSheet: {
      ...zeroLines<BalanceSheetLine>(BALANCE_SHEET_LINES),
      kasBank: 150_000_000n,
      pinjamanAnggota: 800_000_000n,
      ppap: 20_000_000n,
      asetTetap: 80_000_000n,
      akumulasiPenyusutan: 10_000_000n,
      // aset = 150 + 800 − 20 + 80 − 10 = 1 000 jt
      simpananSukarela: 500_000_000n,
      simpananBerjangka: 200_000_000n,
      // kewajiban = 700 jt
      simpananPokok: 50_000_000n,
      simpananWajib: 200_000_000n,
      cadanganUmum: 30_000_000n,
      shuTahunBerjalan: 20_000_000n,
      // ekuitas = 300 jt
      ...patch,
    },
    incomeStatement: {
      ...zeroLines<IncomeStatementLine>(INCOME_STATEMENT_LINES),
      pendapatanPartisipasiAnggota: 60_000_000n,
      bebanJasaSimpanan: 25_000_000n,
      bebanKaryawan: 12_000_000n,
      bebanPajak: 3_000_000n,
    },
    loans: {
      ...noLoans,
      lancar: { loans: 180, outstandingRupiah: 760_000_000n, requiredProvisionRupiah: 3_800_000n },
      macet: { loans: 4, outstandingRupiah: 40_000_000n, requiredProvisionRupiah: 40_000_000n },
    },
    members: { count: 320, men: 140, women: 180 },
  };
}

describe('checks on a report', () => {
  it('a balanced report has no problems, and its totals and SHU follow from the lines', () => {
    const r = reportFromEntry(entry());
    expect(checkReport(r)).toEqual([]);
    expect(r.totals).toEqual({
      aset: 1_000_000_000n,
      kewajiban: 700_000_000n,
      ekuitas: 300_000_000n,
    });
    // 60 − (40 − 3) = 23 jt before tax, 20 jt after
    expect(r.incomeTotals.shuSebelumPajak).toBe(23_000_000n);
    expect(r.incomeTotals.shuSetelahPajak).toBe(20_000_000n);
    expect(r.savings.wajib.rupiah).toBe(200_000_000n);
  });

  it('one rupiah more cash is UNBALANCED on the totals', () => {
    const r = reportFromEntry(entry({ kasBank: 150_000_001n }));
    expect(checkReport(r)).toEqual([{ field: 'totals', code: 'UNBALANCED' }]);
  });

  it('a stated total that is not the sum of its lines is TOTAL_MISMATCH on that total', () => {
    const r = reportFromEntry({ ...entry(), totals: { aset: 1_000_000_010n } });
    expect(checkReport(r)).toContainEqual({ field: 'totals.aset', code: 'TOTAL_MISMATCH' });
  });

  it('a negative line is refused unless it is a result or other equity', () => {
    const neg = reportFromEntry(
      entry({ kasBank: -10_000_000n, shuTahunBerjalan: -140_000_000n, simpananWajib: 20_000_000n }),
    );
    const codes = checkReport(neg);
    expect(codes).toContainEqual({ field: 'balanceSheet.kasBank', code: 'NEGATIVE' });
    expect(codes.some((p) => p.field === 'balanceSheet.shuTahunBerjalan')).toBe(false);
  });

  it('members split, loans and provisions are checked', () => {
    const e = entry();
    e.members = { count: 320, men: 140, women: 181 };
    e.loans = {
      ...e.loans,
      diragukan: { loans: 0, outstandingRupiah: 5n, requiredProvisionRupiah: 0n },
      kurangLancar: { loans: 1, outstandingRupiah: 10n, requiredProvisionRupiah: 11n },
    };
    expect(checkReport(reportFromEntry(e))).toEqual([
      { field: 'loans.byClass.kurangLancar', code: 'LOANS_INCONSISTENT' },
      { field: 'loans.byClass.diragukan', code: 'LOANS_INCONSISTENT' },
      { field: 'members', code: 'MEMBERS_SPLIT_MISMATCH' },
    ]);
  });

  it('property: a report balances exactly when aset = kewajiban + ekuitas', () => {
    const amount = fc.bigInt({ min: 0n, max: 10n ** 15n });
    fc.assert(
      fc.property(
        fc.array(amount, {
          minLength: BALANCE_SHEET_LINES.length,
          maxLength: BALANCE_SHEET_LINES.length,
        }),
        (amounts) => {
          const lines = Object.fromEntries(
            BALANCE_SHEET_LINES.map((l, i) => [l.key, amounts[i]!]),
          ) as Record<BalanceSheetLine, bigint>;
          const r = reportFromEntry({ ...entry(), balanceSheet: lines });
          const balanced = r.totals.aset === r.totals.kewajiban + r.totals.ekuitas;
          const unbalanced = checkReport(r).some((p) => p.code === 'UNBALANCED');
          expect(unbalanced).toBe(!balanced);
        },
      ),
    );
  });

  it('property: moving any amount between an asset line and a liability keeps the report unbalanced by it', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), (d) => {
        const base = entry();
        const r = reportFromEntry(entry({ kasBank: base.balanceSheet.kasBank + d }));
        expect(r.totals.aset - (r.totals.kewajiban + r.totals.ekuitas)).toBe(d);
        expect(checkReport(r)).toEqual([{ field: 'totals', code: 'UNBALANCED' }]);
        const fixed = reportFromEntry(
          entry({
            kasBank: base.balanceSheet.kasBank + d,
            simpananSukarela: base.balanceSheet.simpananSukarela + d,
          }),
        );
        expect(checkReport(fixed)).toEqual([]);
      }),
    );
  });
});

describe('a report from a ledger', () => {
  const acc = (
    code: string,
    type: LedgerAccount['type'],
    role: string | null,
    closing: bigint,
    ytd = 0n,
  ): LedgerAccount => ({
    code,
    name: `akun ${code}`,
    type,
    role,
    closingDebitNet: closing,
    yearToDateDebitNet: ytd,
  });

  it('every account lands on its line with its amount as the source; PPAP as a positive contra', () => {
    // a balanced trial balance: debits 1 100, credits 1 100 (income 40, expense 15: SHU 25)
    const accounts = [
      acc('1101', 'aset', 'cash', 100n),
      acc('1103', 'aset', 'bank', 200n),
      acc('1110', 'aset', 'loansMembers', 800n),
      acc('1119', 'aset', 'ppap', -15n),
      acc('2101', 'kewajiban', 'savingsSukarela', -600n),
      acc('3101', 'ekuitas', 'simpananPokok', -100n),
      acc('3102', 'ekuitas', 'simpananWajib', -360n),
      acc('4101', 'pendapatan', 'loanInterestIncomeMember', -40n, -40n),
      acc('5201', 'beban', null, 15n, 15n),
    ];
    const r = reportFromLedger({
      kind: 'quarterly',
      period: '2026-Q2',
      accounts,
      loans: { byClass: noLoans, basis: 'live-book' },
      members: { count: 3, men: 1, women: 2 },
    });
    expect(r.asOf).toBe('2026-06-30');
    expect(r.balanceSheet.kasBank).toEqual({
      rupiah: 300n,
      sources: [
        { accountCode: '1101', accountName: 'akun 1101', rupiah: 100n },
        { accountCode: '1103', accountName: 'akun 1103', rupiah: 200n },
      ],
    });
    expect(r.balanceSheet.ppap.rupiah).toBe(15n);
    expect(r.balanceSheet.shuTahunBerjalan.rupiah).toBe(25n);
    expect(r.incomeStatement.bebanKaryawan.rupiah).toBe(15n);
    expect(r.totals).toEqual({ aset: 1085n, kewajiban: 600n, ekuitas: 485n });
    expect(checkReport(r)).toEqual([]);
  });

  it('accounts a cooperative added land in their group line', () => {
    expect(lineOfAccount({ code: '1135', type: 'aset', role: null })).toBe('asetLancarLain');
    expect(lineOfAccount({ code: '2205', type: 'kewajiban', role: null })).toBe(
      'kewajibanJangkaPanjang',
    );
    expect(lineOfAccount({ code: '4215', type: 'pendapatan', role: null })).toBe(
      'pendapatanNonAnggota',
    );
    expect(lineOfAccount({ code: '5301', type: 'beban', role: null })).toBe('bebanPajak');
  });
});

describe('periods and timeliness', () => {
  it('quarters end on their last day; years on 31 December', () => {
    expect(parseReportPeriod('quarterly', '2024-Q1')?.endsOn).toBe('2024-03-31');
    expect(parseReportPeriod('quarterly', '2026-Q3')?.endsOn).toBe('2026-09-30');
    expect(parseReportPeriod('yearly', '2025')?.endsOn).toBe('2025-12-31');
    expect(parseReportPeriod('quarterly', '2026-Q5')).toBeUndefined();
    expect(parseReportPeriod('yearly', '2026-Q1')).toBeUndefined();
  });

  it('ended periods newest first', () => {
    expect(endedPeriods('quarterly', '2026-07-01', 3)).toEqual(['2026-Q2', '2026-Q1', '2025-Q4']);
    expect(endedPeriods('yearly', '2026-07-01', 2)).toEqual(['2025', '2024']);
  });

  const rules: ReportingRule[] = [
    { kind: 'quarterly', dueDays: 30, effectiveFrom: '2024-01-01', required: true },
    { kind: 'quarterly', dueDays: 15, effectiveFrom: '2026-01-01', required: true },
    { kind: 'yearly', dueDays: 120, effectiveFrom: '2024-01-01', required: true },
    { kind: 'yearly', dueDays: 120, effectiveFrom: '2026-01-01', required: false },
  ];

  it('the due date is the period end plus the days of the rule in force at that end', () => {
    expect(dueDateOf(rules, 'quarterly', '2025-Q4')).toBe('2026-01-30');
    expect(dueDateOf(rules, 'quarterly', '2026-Q1')).toBe('2026-04-15');
    expect(dueDateOf(rules, 'yearly', '2025')).toBe('2026-04-30');
    expect(dueDateOf(rules, 'yearly', '2026')).toBeNull();
    expect(dueDateOf(rules, 'quarterly', '2023-Q4')).toBeNull();
  });

  it.each([
    ['2026-04-15', '2026-05-01', 'on_time'], // on the due date
    ['2026-04-16', '2026-05-01', 'late'],
    [null, '2026-04-15', 'not_yet_due'],
    [null, '2026-04-16', 'missing'],
  ] as const)('submitted %s, today %s: %s', (submitted, today, expected) => {
    expect(timeliness('2026-04-15', submitted, today)).toBe(expected);
  });

  it('a report nobody asked for is not required, or on time if it came', () => {
    expect(timeliness(null, null, '2026-01-01')).toBe('not_required');
    expect(timeliness(null, '2026-01-01', '2026-01-01')).toBe('on_time');
  });
});

describe('canonical form', () => {
  it('round-trips and does not depend on key order', () => {
    const r = reportFromEntry(entry());
    const text = canonicalReportJson(r);
    expect(canonicalReportJson(reportFromJson(JSON.parse(text)))).toBe(text);
    const shuffled = { ...r, members: { women: 180, men: 140, count: 320 } };
    expect(canonicalReportJson(shuffled)).toBe(text);
    expect(text).toContain('"kasBank":{"rupiah":"150000000","sources":[]}');
  });
});

describe('whose rules a cooperative follows', () => {
  it('its city office’s rules of a kind, else its province’s, else the ministry’s', () => {
    const rule = (regionCode: string, kind: 'quarterly' | 'yearly', dueDays: number) => ({
      regionCode,
      kind,
      dueDays,
      effectiveFrom: '2024-01-01',
      required: true,
    });
    const rules = [
      rule('', 'yearly', 150),
      rule('33', 'quarterly', 30),
      rule('3375', 'quarterly', 20),
    ];
    expect(rulesInForce(rules, '3375').map((r) => [r.kind, r.dueDays])).toEqual([
      ['quarterly', 20],
      ['yearly', 150],
    ]);
    expect(rulesInForce(rules, '3326').map((r) => [r.kind, r.dueDays])).toEqual([
      ['quarterly', 30],
      ['yearly', 150],
    ]);
    expect(rulesInForce(rules, '35').map((r) => r.dueDays)).toEqual([150]);
  });
});
