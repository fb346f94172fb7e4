import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderExcel } from '../../../src/reports/excel.js';
import { renderPdf } from '../../../src/reports/pdf.js';
import { inOrg, systemContext, type OrgContext } from '../../../src/services/context.js';
import { closeMonth, postEntry, seedChartOfAccounts } from '../../../src/services/ledger.js';
import { closeYear } from '../../../src/services/year-end.js';
import { statement } from '../../../src/services/statements.js';
import { cellText, type ReportDocument } from '../../../src/reports/table.js';
import { TEST_CHART } from '../../support/chart.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import { makeCooperative } from '../../support/fixtures.js';

let deps: TestDeps;
let ctx: OrgContext;

const post = (date: string, lines: [string, bigint, 'D' | 'C'][]) =>
  inOrg(deps, ctx, (o) =>
    postEntry(o, {
      entryDate: date,
      description: 'uji laporan',
      source: { type: 'test' },
      lines: lines.map(([code, amount, side]) => ({
        account: { code },
        ...(side === 'D' ? { debitRupiah: amount } : { creditRupiah: amount }),
      })),
    }),
  );

/** A two-line entry: `amount` debited to one account and credited to another. */
const transfer = (date: string, debit: string, credit: string, amount: bigint) =>
  post(date, [
    [debit, amount, 'D'],
    [credit, amount, 'C'],
  ]);

/** The amount in a document row whose first cell starts with `label`. */
function amountOf(doc: ReportDocument, label: string, column = 1): string | undefined {
  for (const s of doc.sections)
    for (const r of s.rows)
      if (typeof r.cells[0] === 'string' && r.cells[0].startsWith(label))
        return cellText(r.cells[column] ?? null);
  return undefined;
}

beforeAll(async () => {
  deps = await testDeps();
  const coop = await makeCooperative(deps);
  ctx = { ...systemContext(coop.id, 'test'), roles: [] };
  await inOrg(deps, ctx, (o) => seedChartOfAccounts(o, TEST_CHART));
  // Worked example, by hand:
  //   2025-12  members pay simpanan pokok 5,000,000 in cash; a loan of 3,000,000 is paid out;
  //            interest income 400,000; salaries 150,000.        2025 SHU = 400,000 − 150,000 = 250,000
  //   (year-end close: 250,000 → SHU belum dibagi 3108)
  //   2026-01  deposits 2,000,000; interest income 300,000; savings interest expense 50,000; salaries 100,000
  //            January SHU = 300,000 − 50,000 − 100,000 = 150,000
  //   Cash end of January = 5,000,000 − 3,000,000 + 400,000 − 150,000 + 2,000,000 + 300,000 − 100,000 = 4,450,000
  //   (the 50,000 savings interest is credited to the savings accounts, not paid in cash)
  await transfer('2025-12-02', '1101', '3101', 5_000_000n);
  await transfer('2025-12-05', '1110', '1101', 3_000_000n);
  await transfer('2025-12-20', '1101', '4101', 400_000n);
  await transfer('2025-12-25', '5201', '1101', 150_000n);
  await closeYear(deps, ctx, 2025);
  await transfer('2026-01-03', '1101', '2101', 2_000_000n);
  await transfer('2026-01-20', '1101', '4101', 300_000n);
  await transfer('2026-01-31', '5101', '2101', 50_000n);
  await transfer('2026-01-25', '5201', '1101', 100_000n);
  await closeMonth(deps, ctx, '2026-01');
});
afterAll(async () => deps.close());

describe('financial statements', () => {
  it('neraca balances and shows the unclosed SHU inside equity, with the prior month beside it', async () => {
    const doc = await statement(deps, ctx, {
      kind: 'neraca',
      range: { from: '2026-01', to: '2026-01' },
      compare: true,
    });
    // 4,450,000 cash + 3,000,000 loan = 7,450,000 = 2,050,000 savings + 5,400,000 equity
    expect(amountOf(doc, 'JUMLAH ASET')).toBe('7.450.000');
    expect(amountOf(doc, 'JUMLAH KEWAJIBAN DAN EKUITAS')).toBe('7.450.000');
    expect(amountOf(doc, 'SHU tahun berjalan')).toBe('150.000');
    expect(amountOf(doc, '3108')).toBe('250.000');
    // December 2025 after its year-end close: everything is in 3108, nothing unclosed.
    expect(amountOf(doc, 'JUMLAH ASET', 2)).toBe('5.250.000');
    expect(doc.notes?.[0]).toMatch(/seimbang/);
  });

  it('the income statement of a closed year still shows the year’s result (closing entries left out)', async () => {
    const doc = await statement(deps, ctx, {
      kind: 'phu',
      range: { from: '2025-12', to: '2025-12' },
      compare: false,
    });
    expect(amountOf(doc, 'SISA HASIL USAHA')).toBe('250.000');
    const jan = await statement(deps, ctx, {
      kind: 'phu',
      range: { from: '2026-01', to: '2026-01' },
      compare: true,
    });
    expect(amountOf(jan, 'SISA HASIL USAHA')).toBe('150.000');
    expect(amountOf(jan, 'SISA HASIL USAHA', 2)).toBe('250.000');
  });

  it('the trial balance balances and the cash flow reconciles to the cash balance', async () => {
    const tb = await statement(deps, ctx, {
      kind: 'neraca-saldo',
      range: { from: '2026-01', to: '2026-01' },
      compare: false,
    });
    expect(tb.notes?.[0]).toBe('Neraca saldo seimbang.');
    const cf = await statement(deps, ctx, {
      kind: 'arus-kas',
      range: { from: '2026-01', to: '2026-01' },
      compare: false,
    });
    expect(amountOf(cf, 'Kas dan setara kas awal periode')).toBe('2.250.000');
    expect(amountOf(cf, 'Kas dan setara kas akhir periode')).toBe('4.450.000');
    expect(amountOf(cf, 'Kenaikan (penurunan) bersih kas')).toBe('2.200.000');
    expect(cf.notes?.[0]).toMatch(/cocok/);
  });

  it('the equity changes and the general ledger follow the postings', async () => {
    const eq = await statement(deps, ctx, {
      kind: 'perubahan-ekuitas',
      range: { from: '2026-01', to: '2026-01' },
      compare: false,
    });
    expect(amountOf(eq, 'JUMLAH EKUITAS', 4)).toBe('5.400.000'); // 5,000,000 pokok + 250,000 + 150,000
    const gl = await statement(deps, ctx, {
      kind: 'buku-besar',
      range: { from: '2026-01', to: '2026-01' },
      compare: false,
      accountCode: '1101',
    });
    const last = gl.sections[0]!.rows.at(-1)!;
    expect(cellText(last.cells[5] ?? null)).toBe('4.450.000');
  });

  it('renders to PDF and Excel', async () => {
    const doc = await statement(deps, ctx, {
      kind: 'neraca',
      range: { from: '2026-01', to: '2026-01' },
      compare: true,
    });
    const pdf = await renderPdf(doc);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1500);
    const xlsx = await renderExcel(doc);
    expect(xlsx.subarray(0, 2).toString()).toBe('PK');
  });
});
