import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inOrg, type OrgContext } from '../../../src/services/context.js';
import { dashboard, type DashboardView } from '../../../src/services/dashboard.js';
import { postEntry } from '../../../src/services/ledger.js';
import { classify, createProduct, disburse, repay } from '../../../src/services/loans.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { makeUser } from '../../support/fixtures.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import { openHeadOfficeSession } from '../../support/desk.js';
import { approvedApplication } from '../../support/loan-application.js';
import { staffContext } from '../../support/outcome.js';
import { FLAT_PRODUCT } from '../loans/setup.js';

/**
 * A small KSP built through the services on the real KSP chart of accounts: four people on the
 * register over the year, opening balances and a few entries in the ledger, two loans disbursed at
 * the counter on 10 January 2026 (one pays its first instalment the same day, the other never
 * pays), then classified on 15 May. Every expected figure below is worked out by hand.
 */
const TODAY = '2026-01-10';
let deps: TestDeps;
let view: DashboardView;
let firstPayment: { amount: bigint; principal: bigint };

beforeAll(async () => {
  deps = await testDeps({ clock: () => new Date(`${TODAY}T03:00:00Z`) });
  const coop = await createOrganization(
    deps,
    {
      kind: 'cooperative',
      name: `KSP Dasbor ${Date.now().toString(36)}`,
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      regencyCode: '3375',
      provinceCode: '33',
    },
    'test',
  );
  const ctxOf = async (role: 'pengurus' | 'petugas_kredit' | 'kasir'): Promise<OrgContext> =>
    staffContext(coop.id, await makeUser(deps, coop, [role]), [role]);
  const board = await ctxOf('pengurus');
  const officer = await ctxOf('petugas_kredit');
  const teller = await ctxOf('kasir');

  // the register: A joined long ago, C joined in March 2025 and left at the end of September,
  // B joined in June 2025, D is still an applicant
  await sql`
    insert into members (cooperative_id, member_number, status, nik, full_name, birth_date, gender, joined_on, left_on, exit_reason)
    values (${coop.id}, '000001', 'active', '3375014204850001', 'Siti Aminah', '1985-04-02', 'P', '2024-01-02', null, null),
           (${coop.id}, '000002', 'active', '3375010706900001', 'Budi Santoso', '1990-06-07', 'L', '2025-06-15', null, null),
           (${coop.id}, '000003', 'left', '3375015003880001', 'Dewi Lestari', '1988-03-10', 'P', '2025-03-01', '2025-09-30', 'voluntary'),
           (${coop.id}, null, 'applicant', '3375011212950001', 'Eko Prasetyo', '1995-12-12', 'L', null, null, null)`.execute(
    deps.database.db,
  );
  const ids = await sql<{ id: bigint }>`
    select id from members where cooperative_id = ${coop.id} and status = 'active' order by member_number`.execute(
    deps.database.db,
  );

  await inOrg(deps, board, async (o) => {
    const entry = (
      entryDate: string,
      lines: { role?: string; code?: string; d?: bigint; c?: bigint }[],
    ) =>
      postEntry(o, {
        entryDate,
        description: `Uji dasbor ${entryDate}`,
        source: { type: 'test.dashboard' },
        lines: lines.map((l) => ({
          account: l.role ? { role: l.role } : { code: l.code! },
          ...(l.d ? { debitRupiah: l.d } : {}),
          ...(l.c ? { creditRupiah: l.c } : {}),
        })),
      });
    type Account = { role: string } | { code: string };
    /** A balanced entry of two lines: `amount` debited to one account, credited to the other. */
    const twoLines = (entryDate: string, debit: Account, credit: Account, amount: bigint) =>
      entry(entryDate, [
        { ...debit, d: amount },
        { ...credit, c: amount },
      ]);
    await entry('2025-12-05', [
      { role: 'bank', d: 80_000_000n },
      { role: 'simpananPokok', c: 1_000_000n },
      { role: 'simpananWajib', c: 20_000_000n },
      { role: 'savingsSukarela', c: 30_000_000n },
      { role: 'savingsBerjangka', c: 9_000_000n },
      { role: 'reserveGeneral', c: 20_000_000n },
    ]);
    await twoLines('2025-12-20', { role: 'bank' }, { role: 'bankInterestIncome' }, 3_000_000n);
    await twoLines('2026-01-02', { role: 'cash' }, { role: 'bank' }, 20_000_000n);
    await twoLines('2026-01-05', { code: '5201' }, { role: 'bank' }, 2_000_000n);
    await twoLines('2026-01-06', { role: 'bank' }, { role: 'bankInterestIncome' }, 500_000n);
  });

  const { sessionId } = await openHeadOfficeSession(deps, board, teller, {
    businessDate: TODAY,
    openingFloatRupiah: 20_000_000n,
  });
  const product = await createProduct(deps, board, FLAT_PRODUCT);
  const lend = async (memberId: bigint, amountRupiah: bigint) => {
    const app = await approvedApplication(
      deps,
      { officer, checker: board },
      {
        memberId,
        productId: BigInt(product.id),
        amountRupiah,
        tenor: 12,
        purpose: 'Modal usaha',
        guarantor: { name: 'Ahmad', relationship: 'suami' },
        monthlyIncomeRupiah: 6_000_000n,
        monthlyExpensesRupiah: 3_000_000n,
      },
      'Layak',
    );
    const d = await disburse(deps, teller, BigInt(app.id), {
      channel: 'cash',
      cashSessionId: sessionId,
      disbursedOn: TODAY,
    });
    return BigInt(d.body.loanId);
  };
  await lend(ids.rows[0]!.id, 10_000_000n);
  const second = await lend(ids.rows[1]!.id, 5_000_000n);
  // the first instalment of the Rp 5 juta loan: 5,000,000 × (1/12 + 1.5 %) = 491,666.67, rounded
  // up to 491,667 (the schedule keeps principal 416,666 and puts the rupiah on the flat interest)
  const amount = 491_667n;
  const paid = await repay(deps, teller, second, {
    amountRupiah: amount,
    paidOn: TODAY,
    cashSessionId: sessionId,
  });
  firstPayment = { amount, principal: BigInt(paid.body.principalRupiah) };
  // on 15 May the unpaid loan is 94 days past its first due date (10 February): Kurang Lancar;
  // the other is 66 days past its second (10 March): still Lancar
  await inOrg(deps, board, (o) => classify(o, '2026-05-15'));

  view = await dashboard(deps, board);
}, 120_000);

afterAll(async () => {
  await deps?.close();
});

const at = <T extends { month: string }>(trend: T[], month: string): T => {
  const row = trend.find((t) => t.month === month);
  if (!row) throw new Error(`no ${month} in the trend`);
  return row;
};

describe('the manager dashboard over a constructed book', () => {
  it('covers the twelve months up to today, in order', () => {
    expect(view.asOf).toBe(TODAY);
    expect(view.months).toEqual([
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
    ]);
  });

  it('counts members on the register at each month end, with those who joined and left', () => {
    expect(view.members.trend.map((t) => [t.month, t.members, t.joined, t.left])).toEqual([
      ['2025-02', 1, 0, 0],
      ['2025-03', 2, 1, 0],
      ['2025-04', 2, 0, 0],
      ['2025-05', 2, 0, 0],
      ['2025-06', 3, 1, 0],
      ['2025-07', 3, 0, 0],
      ['2025-08', 3, 0, 0],
      ['2025-09', 2, 0, 1],
      ['2025-10', 2, 0, 0],
      ['2025-11', 2, 0, 0],
      ['2025-12', 2, 0, 0],
      ['2026-01', 2, 0, 0],
    ]);
    expect(view.members.members).toBe(2);
    expect(view.members.byStatus).toEqual([
      { status: 'active', members: 2 },
      { status: 'applicant', members: 1 },
      { status: 'left', members: 1 },
    ]);
  });

  it('reads savings by kind from the ledger, month by month', () => {
    expect(view.savings.byKind).toEqual([
      { kind: 'pokok', balanceRupiah: 1_000_000n },
      { kind: 'wajib', balanceRupiah: 20_000_000n },
      { kind: 'sukarela', balanceRupiah: 30_000_000n },
      { kind: 'berjangka', balanceRupiah: 9_000_000n },
    ]);
    expect(view.savings.totalRupiah).toBe(60_000_000n);
    expect(at(view.savings.trend, '2025-11')).toEqual({
      month: '2025-11',
      pokok: 0n,
      wajib: 0n,
      sukarela: 0n,
      berjangka: 0n,
    });
    expect(at(view.savings.trend, '2025-12').wajib).toBe(20_000_000n);
  });

  it('shows the loan book by class with its NPL, and no month-end figures before one has run', () => {
    const lancar = 5_000_000n - firstPayment.principal;
    expect(firstPayment.principal).toBe(416_666n);
    expect(view.loans.byClass).toEqual([
      { collectibility: 'L', loans: 1, outstandingRupiah: lancar },
      { collectibility: 'KL', loans: 1, outstandingRupiah: 10_000_000n },
      { collectibility: 'D', loans: 0, outstandingRupiah: 0n },
      { collectibility: 'M', loans: 0, outstandingRupiah: 0n },
    ]);
    expect(view.loans.activeLoans).toBe(2);
    expect(view.loans.outstandingRupiah).toBe(14_583_334n);
    expect(view.loans.nonPerformingRupiah).toBe(10_000_000n);
    // 10,000,000 / 14,583,334 = 68.571 % → 68.57
    expect(view.loans.nplPercent).toBe('68.57');
    expect(at(view.loans.trend, '2026-01')).toEqual({
      month: '2026-01',
      outstandingRupiah: 14_583_334n,
      nplPercent: '68.57',
    });
    expect(at(view.loans.trend, '2025-12')).toEqual({
      month: '2025-12',
      outstandingRupiah: null,
      nplPercent: null,
    });
  });

  it('follows cash, bank and the cash ratio over current liabilities at each month end', () => {
    // cash: 20,000,000 from the bank − 9,850,000 and 4,900,000 paid out net of fees + the instalment
    const cash = 20_000_000n - 9_850_000n - 4_900_000n + firstPayment.amount;
    expect(view.cash.cashRupiah).toBe(cash);
    expect(view.cash.bankRupiah).toBe(61_500_000n);
    expect(at(view.cash.trend, '2025-12')).toEqual({
      month: '2025-12',
      cashRupiah: 0n,
      bankRupiah: 83_000_000n,
    });
    // current liabilities: sukarela 30,000,000 + berjangka 9,000,000
    expect(view.liquidity.currentLiabilitiesRupiah).toBe(39_000_000n);
    expect(view.liquidity.cashAndBankRupiah).toBe(cash + 61_500_000n);
    // (5,741,667 + 61,500,000) / 39,000,000 = 172.414 %
    expect(view.liquidity.cashRatioPercent).toBe('172.41');
    // 83,000,000 / 39,000,000 = 212.82 %
    expect(at(view.liquidity.trend, '2025-12').cashRatioPercent).toBe('212.82');
    expect(at(view.liquidity.trend, '2025-11').cashRatioPercent).toBeNull();
  });

  it("adds up this year's SHU so far from income and expenses, restarting in January", () => {
    // 2026: bank interest 500,000 + provisi 100,000 and 50,000 + admin 50,000 twice + interest
    // 75,001 = 825,001 against salaries 2,000,000
    expect(view.shu.year).toBe(2026);
    expect(view.shu.incomeRupiah).toBe(825_001n);
    expect(view.shu.expenseRupiah).toBe(2_000_000n);
    expect(view.shu.shuRupiah).toBe(-1_174_999n);
    expect(at(view.shu.trend, '2025-12')).toEqual({
      month: '2025-12',
      incomeRupiah: 3_000_000n,
      expenseRupiah: 0n,
      shuYearToDateRupiah: 3_000_000n,
    });
    expect(at(view.shu.trend, '2026-01').shuYearToDateRupiah).toBe(-1_174_999n);
  });

  it("reports today's counter: the open session, two disbursements and an instalment", () => {
    expect(view.counter).toEqual({
      date: TODAY,
      sessionsOpen: 1,
      sessionsClosed: 0,
      transactions: 3,
      cashInRupiah: firstPayment.amount,
      cashOutRupiah: 14_750_000n,
      byKind: [
        {
          kind: 'loan.disbursement',
          transactions: 2,
          cashInRupiah: 0n,
          cashOutRupiah: 14_750_000n,
        },
        {
          kind: 'loan.repayment',
          transactions: 1,
          cashInRupiah: firstPayment.amount,
          cashOutRupiah: 0n,
        },
      ],
    });
  });
});
