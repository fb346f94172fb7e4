import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { decide } from '../../../src/services/approvals.js';
import {
  analyseApplication,
  createApplication,
  createProduct,
  disburse,
  financingView,
  getLoan,
  repay,
  requestNegligence,
  runMonthEnd,
  setTerms,
  submitForApproval,
  submitReport,
  type ProductInput,
} from '../../../src/services/loans.js';
import { LOAN_PRODUCT_DEFAULTS } from '../../../src/services/loans/product-defaults.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { openHeadOfficeSession } from '../../support/desk.js';
import { makeUser, signIn, testAppForFile } from '../../support/fixtures.js';
import { codeOf, staffContext } from '../../support/outcome.js';
import { addMember } from '../loans/setup.js';

/**
 * Profit-sharing financing of a KSPPS (issue 21 item 3; docs/domain/sharia-financing.md) through
 * the services and the routes: the worked examples of mudharabah (fatwa 07) and musyarakah (fatwa
 * 08) with their journals, maker-checker on each period's laporan usaha, "pending" never billed,
 * the loss borne by the KSPPS at maturity or by the member after established negligence, and the
 * month-end's collectibility and PPAP over these financings.
 */

const file = testAppForFile({ clock: () => new Date('2026-06-20T03:00:00Z') });
let serial = 0;

const BASE: ProductInput = {
  ...LOAN_PRODUCT_DEFAULTS,
  code: 'MDH',
  name: 'Pembiayaan mudharabah',
  akad: 'mudharabah',
  method: 'mudharabah',
  ratePercent: '0',
  ratePeriod: 'month',
  frequency: 'monthly',
  minAmountRupiah: 1_000_000n,
  maxAmountRupiah: 100_000_000n,
  minTenor: 1,
  maxTenor: 36,
  provisiBps: 0,
  adminFeeRupiah: 0n,
  gracePrincipalPeriods: 0,
  downPaymentBps: 0,
  penaltyKind: 'none',
  penaltyDailyPercent: '0',
  penaltyFixedRupiah: 0n,
  penaltyGraceDays: 0,
};

async function kspps() {
  const coop = await createOrganization(
    file.deps,
    {
      kind: 'cooperative',
      name: `KSPPS Uji Bagi Hasil ${Date.now().toString(36)}${serial++}`,
      cooperativeType: 'KSPPS',
      cooperativeForm: 'primer',
      regencyCode: '3375',
      provinceCode: '33',
    },
    'test',
  );
  const users = {
    officer: await makeUser(file.deps, coop, ['petugas_kredit']),
    pengurus: await makeUser(file.deps, coop, ['pengurus']),
    teller: await makeUser(file.deps, coop, ['kasir']),
  };
  const officer = staffContext(coop.id, users.officer, ['petugas_kredit']);
  const pengurus = staffContext(coop.id, users.pengurus, ['pengurus']);
  const teller = staffContext(coop.id, users.teller, ['kasir']);
  const { sessionId } = await openHeadOfficeSession(file.deps, pengurus, teller, {
    businessDate: '2026-01-10',
    openingFloatRupiah: 500_000_000n,
  });
  const mdh = await createProduct(file.deps, pengurus, BASE);
  const msy = await createProduct(file.deps, pengurus, {
    ...BASE,
    code: 'MSY',
    name: 'Pembiayaan musyarakah',
    akad: 'musyarakah',
    method: 'musyarakah',
  });
  const memberId = await addMember(file.deps, coop.id);
  /** applied for, terms set, analysed, approved by another person, disbursed on 10 January */
  const financing = async (
    productId: string,
    amountRupiah: bigint,
    tenor: number,
    terms: { nisbah: string; projected: bigint; memberCapital?: bigint },
  ) => {
    const app = await createApplication(file.deps, officer, {
      memberId,
      productId: BigInt(productId),
      amountRupiah,
      tenor,
      purpose: 'Modal usaha konveksi',
      collateral: [],
      guarantor: null,
      monthlyIncomeRupiah: 6_000_000n,
      monthlyExpensesRupiah: 2_000_000n,
    });
    await setTerms(file.deps, officer, BigInt(app.id), {
      nisbahKsppsPercent: terms.nisbah,
      basis: 'profit',
      projectedResultRupiah: terms.projected,
      memberCapitalRupiah: terms.memberCapital ?? 0n,
    });
    await analyseApplication(file.deps, officer, BigInt(app.id), {
      notes: 'usaha layak',
      recommendation: 'approve',
    });
    const { approvalId } = await submitForApproval(file.deps, officer, BigInt(app.id));
    await decide(file.deps, pengurus, BigInt(approvalId), { approve: true });
    const d = await disburse(file.deps, teller, BigInt(app.id), {
      channel: 'cash',
      cashSessionId: sessionId,
      disbursedOn: '2026-01-10',
    });
    return { loanId: BigInt(d.body.loanId), entryId: d.body.entryId, applicationId: app.id };
  };
  /** the officer enters the period's result, the pengurus approves it */
  const report = async (loanId: bigint, periodNo: number, resultRupiah: bigint) => {
    const { approvalId } = await submitReport(file.deps, officer, loanId, {
      periodNo,
      resultRupiah,
      note: null,
    });
    return decide(file.deps, pengurus, BigInt(approvalId), { approve: true });
  };
  return {
    coop,
    officer,
    pengurus,
    teller,
    sessionId,
    mdh,
    msy,
    financing,
    report,
    users,
    base: `/api/v1/orgs/${coop.id}/loans`,
  };
}

const db = () => file.deps.database.db;

async function entryLines(coop: string, entryId: string | bigint) {
  const r = await sql<{ code: string; debit: bigint; credit: bigint }>`
    select a.code, l.debit_rupiah as debit, l.credit_rupiah as credit
      from journal_lines l join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
     where l.cooperative_id = ${coop} and l.entry_id = ${BigInt(entryId)} order by l.line_no`.execute(
    db(),
  );
  return r.rows.map((l) => [l.code, l.debit, l.credit]);
}

const entries = async (coop: string) =>
  (
    await sql<{
      n: bigint;
    }>`select count(*)::bigint as n from journal_entries where cooperative_id = ${coop}`.execute(
      db(),
    )
  ).rows[0]!.n;

describe('mudharabah financing (fatwa 07/DSN-MUI/IV/2000, PSAK 105)', () => {
  it('the worked example: disbursed, each period billed only after its report is approved, a loss carried and at maturity borne by the KSPPS', async () => {
    const w = await kspps();
    // plafon 10.000.000, 5 months, nisbah anggota 75 : KSPPS 25, projection 800.000 a month
    const f = await w.financing(w.mdh.id, 10_000_000n, 5, { nisbah: '25', projected: 800_000n });
    expect(await entryLines(w.coop.id, f.entryId)).toEqual([
      ['1113', 10_000_000n, 0n],
      ['1101', 0n, 10_000_000n],
    ]);

    // before any report: every period is pending and bills its principal only, never the projection
    let v = await financingView(file.deps, w.officer, f.loanId);
    expect(v.terms.projectedShareRupiah).toBe('200000');
    expect(v.periods.map((p) => [p.status, p.totalDueRupiah])).toEqual(
      Array.from({ length: 5 }, () => ['pending', '2000000']),
    );

    // month 1 reported 760.000: the officer cannot approve his own entry; the pengurus can
    const { approvalId } = await submitReport(file.deps, w.officer, f.loanId, {
      periodNo: 1,
      resultRupiah: 760_000n,
      note: 'laporan usaha Januari',
    });
    expect(await codeOf(decide(file.deps, w.officer, BigInt(approvalId), { approve: true }))).toBe(
      'APPROVAL_SELF_DECISION',
    );
    v = await financingView(file.deps, w.officer, f.loanId);
    expect(v.periods[0]).toMatchObject({ status: 'pending', totalDueRupiah: '2000000' });
    expect(v.periods[0]!.pendingReport?.resultRupiah).toBe('760000');
    // a second entry for the same period while one waits is refused
    expect(
      await codeOf(
        submitReport(file.deps, w.officer, f.loanId, { periodNo: 1, resultRupiah: 1n, note: null }),
      ),
    ).toBe('FINANCING_REPORT_EXISTS');
    const approved = await decide(file.deps, w.pengurus, BigInt(approvalId), { approve: true });
    expect(approved.result).toMatchObject({
      ksppsShareRupiah: '190000',
      memberShareRupiah: '570000',
    });
    v = await financingView(file.deps, w.officer, f.loanId);
    expect(v.periods[0]).toMatchObject({
      status: 'billed',
      profitShareRupiah: '190000',
      totalDueRupiah: '2190000',
    });
    expect(await entryLines(w.coop.id, v.periods[0]!.report!.entryId!)).toEqual([
      ['1118', 190_000n, 0n],
      ['4102', 0n, 190_000n],
    ]);

    // out of order: period 3 before period 2 is refused and changes nothing
    const before = await entries(w.coop.id);
    expect(
      await codeOf(
        submitReport(file.deps, w.officer, f.loanId, { periodNo: 3, resultRupiah: 1n, note: null }),
      ),
    ).toBe('FINANCING_REPORT_PERIOD_INVALID');
    expect(await entries(w.coop.id)).toBe(before);

    // the instalment 2.190.000: Dr kas / Cr piutang bagi hasil + Cr pembiayaan mudharabah
    const paid = await repay(file.deps, w.teller, f.loanId, {
      amountRupiah: 2_190_000n,
      paidOn: '2026-02-10',
      cashSessionId: w.sessionId,
    });
    expect(await entryLines(w.coop.id, paid.body.entryId)).toEqual([
      ['1101', 2_190_000n, 0n],
      ['1118', 0n, 190_000n],
      ['1113', 0n, 2_000_000n],
    ]);

    // month 2 reported 912.000 → 228.000, instalment 2.228.000
    await w.report(f.loanId, 2, 912_000n);
    // a month with −150.000 (no negligence) → 0, carried
    await w.report(f.loanId, 3, -150_000n);
    v = await financingView(file.deps, w.officer, f.loanId);
    expect(v.periods.slice(0, 3).map((p) => p.totalDueRupiah)).toEqual([
      '2190000',
      '2228000',
      '2000000',
    ]);
    expect(v.periods[2]!.report).toMatchObject({ ksppsShareRupiah: '0', entryId: null });
    expect(v.terms.carriedLossRupiah).toBe('150000');
    // 100.000 does not cover the carried 150.000: nothing billed, 50.000 carried on
    await w.report(f.loanId, 4, 100_000n);
    // the last month loses 200.000: 250.000 remains, borne by the KSPPS (no negligence)
    const last = await w.report(f.loanId, 5, -200_000n);
    expect(last.result).toMatchObject({ ksppsLossRupiah: '250000', carriedLossRupiah: '0' });
    v = await financingView(file.deps, w.officer, f.loanId);
    expect(v.periods[4]!.principalRupiah).toBe('1750000');
    expect(await entryLines(w.coop.id, v.periods[4]!.report!.lossEntryId!)).toEqual([
      ['5106', 250_000n, 0n],
      ['1113', 0n, 250_000n],
    ]);
    const loan = (await getLoan(file.deps, w.officer, f.loanId)).loan;
    // 10.000.000 − 2.000.000 paid − 250.000 borne by the KSPPS
    expect(loan.outstandingPrincipalRupiah).toBe('7750000');
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });

  it('with negligence established (officer, then a second person) the member bears the loss: principal stays owed', async () => {
    const w = await kspps();
    const f = await w.financing(w.mdh.id, 3_000_000n, 2, { nisbah: '30', projected: 500_000n });
    const { approvalId } = await requestNegligence(
      file.deps,
      w.officer,
      f.loanId,
      'Modal dipakai untuk keperluan pribadi, menyalahi akad',
    );
    await decide(file.deps, w.pengurus, BigInt(approvalId), { approve: true });
    await w.report(f.loanId, 1, -400_000n);
    const last = await w.report(f.loanId, 2, 100_000n);
    expect(last.result).toMatchObject({ ksppsLossRupiah: '0', carriedLossRupiah: '300000' });
    const loan = (await getLoan(file.deps, w.officer, f.loanId)).loan;
    expect(loan.outstandingPrincipalRupiah).toBe('3000000');
    const v = await financingView(file.deps, w.officer, f.loanId);
    expect(v.terms.negligence?.reason).toMatch(/pribadi/);
    expect(
      await codeOf(requestNegligence(file.deps, w.officer, f.loanId, 'sekali lagi, lalai')),
    ).toBe('FINANCING_NEGLIGENCE_NOT_ALLOWED');
  });
});

describe('closing', () => {
  it('a financing repaid early stays open until its last report; a bagi hasil billed after the payment is owed again', async () => {
    const w = await kspps();
    const f = await w.financing(w.mdh.id, 2_000_000n, 2, { nisbah: '25', projected: 400_000n });
    await repay(file.deps, w.teller, f.loanId, {
      amountRupiah: 2_000_000n,
      paidOn: '2026-01-20',
      cashSessionId: w.sessionId,
    });
    let loan = (await getLoan(file.deps, w.officer, f.loanId)).loan;
    expect([loan.status, loan.outstandingPrincipalRupiah]).toEqual(['active', '0']);
    await w.report(f.loanId, 1, 400_000n);
    loan = (await getLoan(file.deps, w.officer, f.loanId)).loan;
    expect(loan.outstandingInterestRupiah).toBe('100000');
    await repay(file.deps, w.teller, f.loanId, {
      amountRupiah: 100_000n,
      paidOn: '2026-02-10',
      cashSessionId: w.sessionId,
    });
    await w.report(f.loanId, 2, 0n);
    loan = (await getLoan(file.deps, w.officer, f.loanId)).loan;
    expect(loan.status).toBe('paid_off');
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });
});

describe('disbursement', () => {
  it('a profit-sharing application without its terms is not disbursed, and nothing is posted', async () => {
    const w = await kspps();
    const app = await createApplication(file.deps, w.officer, {
      memberId: await addMember(file.deps, w.coop.id),
      productId: BigInt(w.mdh.id),
      amountRupiah: 2_000_000n,
      tenor: 2,
      purpose: 'Modal usaha tanpa akad',
      collateral: [],
      guarantor: null,
      monthlyIncomeRupiah: 6_000_000n,
      monthlyExpensesRupiah: 2_000_000n,
    });
    await analyseApplication(file.deps, w.officer, BigInt(app.id), {
      notes: 'layak',
      recommendation: 'approve',
    });
    const { approvalId } = await submitForApproval(file.deps, w.officer, BigInt(app.id));
    await decide(file.deps, w.pengurus, BigInt(approvalId), { approve: true });
    const before = await entries(w.coop.id);
    expect(
      await codeOf(
        disburse(file.deps, w.teller, BigInt(app.id), {
          channel: 'cash',
          cashSessionId: w.sessionId,
          disbursedOn: '2026-01-10',
        }),
      ),
    ).toBe('FINANCING_TERMS_MISSING');
    expect(await entries(w.coop.id)).toBe(before);
    // and once approved the terms can no longer be set
    expect(
      await codeOf(
        setTerms(file.deps, w.officer, BigInt(app.id), {
          nisbahKsppsPercent: '25',
          basis: 'profit',
          projectedResultRupiah: 1n,
          memberCapitalRupiah: 0n,
        }),
      ),
    ).toBe('LOAN_APPLICATION_WRONG_STATUS');
  });
});

describe('musyarakah (fatwa 08/DSN-MUI/IV/2000, PSAK 106)', () => {
  it('profit by nisbah, loss by capital share off the KSPPS’s claim; collectibility and PPAP at the month-end', async () => {
    const w = await kspps();
    // KSPPS 30.000.000 + member 20.000.000, nisbah anggota 65 : KSPPS 35
    const f = await w.financing(w.msy.id, 30_000_000n, 6, {
      nisbah: '35',
      projected: 4_000_000n,
      memberCapital: 20_000_000n,
    });
    expect(await entryLines(w.coop.id, f.entryId)).toEqual([
      ['1114', 30_000_000n, 0n],
      ['1101', 0n, 30_000_000n],
    ]);
    const p1 = await w.report(f.loanId, 1, 4_000_000n);
    expect(p1.result).toMatchObject({ ksppsShareRupiah: '1400000', memberShareRupiah: '2600000' });
    const p2 = await w.report(f.loanId, 2, -2_500_000n);
    expect(p2.result).toMatchObject({ ksppsLossRupiah: '1500000', memberLossRupiah: '1000000' });
    const v = await financingView(file.deps, w.officer, f.loanId);
    expect(await entryLines(w.coop.id, v.periods[1]!.report!.lossEntryId!)).toEqual([
      ['5106', 1_500_000n, 0n],
      ['1114', 0n, 1_500_000n],
    ]);
    // the KSPPS's capital claim falls to 28.500.000; the last instalment carries the cut
    let loan = (await getLoan(file.deps, w.officer, f.loanId)).loan;
    expect(loan.outstandingPrincipalRupiah).toBe('28500000');
    expect(v.periods.map((p) => p.principalRupiah)).toEqual([
      '5000000',
      '5000000',
      '5000000',
      '5000000',
      '5000000',
      '3500000',
    ]);
    expect(v.terms.ksppsLossRupiah).toBe('1500000');

    // nothing paid: at the close of May the financing is overdue since 10 February → classified
    // and provisioned like any other
    await runMonthEnd(file.deps, w.pengurus, '2026-05');
    loan = (await getLoan(file.deps, w.officer, f.loanId)).loan;
    expect(loan.collectibility).not.toBe('L');
    const ppap = await sql<{ n: bigint }>`
      select coalesce(sum(l.credit_rupiah - l.debit_rupiah), 0)::bigint as n
        from journal_lines l join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
       where l.cooperative_id = ${w.coop.id} and a.code = '1119'`.execute(db());
    expect(ppap.rows[0]!.n).toBeGreaterThan(0n);
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });
});

describe('routes and bad input', () => {
  it('terms, report and view over HTTP; bad input answered as problem+json changing nothing', async () => {
    const w = await kspps();
    const officer = await signIn(file.app, w.users.officer.username);
    const pengurus = await signIn(file.app, w.users.pengurus.username);
    const app = await createApplication(file.deps, w.officer, {
      memberId: await addMember(file.deps, w.coop.id),
      productId: BigInt(w.msy.id),
      amountRupiah: 5_000_000n,
      tenor: 3,
      purpose: 'Modal usaha bersama',
      collateral: [],
      guarantor: null,
      monthlyIncomeRupiah: 6_000_000n,
      monthlyExpensesRupiah: 2_000_000n,
    });
    const termsUrl = `/api/v1/orgs/${w.coop.id}/loan-applications/${app.id}/profit-sharing`;
    // musyarakah without the member's capital; a nisbah of 100 %
    const noCapital = await officer.request('PUT', termsUrl, {
      nisbahKsppsPercent: '35',
      basis: 'profit',
      projectedResultRupiah: '1000000',
    });
    expect(noCapital.statusCode).toBe(400);
    expect(noCapital.headers['content-type']).toMatch(/problem\+json/);
    expect(noCapital.json()).toMatchObject({ code: 'FINANCING_TERMS_INVALID' });
    const all = await officer.request('PUT', termsUrl, {
      nisbahKsppsPercent: '100',
      basis: 'profit',
      projectedResultRupiah: '1000000',
      memberCapitalRupiah: '5000000',
    });
    expect(all.json()).toMatchObject({ code: 'FINANCING_TERMS_INVALID' });
    const ok = await officer.request('PUT', termsUrl, {
      nisbahKsppsPercent: '40',
      basis: 'profit',
      projectedResultRupiah: '1000000',
      memberCapitalRupiah: '5000000',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      projectedShareRupiah: '400000',
      ksppsCapitalRupiah: '5000000',
    });
    const read = await officer.request('GET', termsUrl);
    expect(read.json()).toMatchObject({
      profitSharing: true,
      akad: 'musyarakah',
      editable: true,
      terms: { nisbahKsppsPercent: '40', memberCapitalRupiah: '5000000' },
    });

    // a mudharabah financing: a malformed result is refused; a loss is entered, approved by another
    const f = await w.financing(w.mdh.id, 2_000_000n, 2, { nisbah: '20', projected: 100_000n });
    const url = `${w.base}/${f.loanId}/profit-sharing`;
    const bad = await officer.request('POST', `${url}/reports`, {
      periodNo: 1,
      resultRupiah: '12.5',
    });
    expect(bad.statusCode).toBe(400);
    const entered = await officer.request('POST', `${url}/reports`, {
      periodNo: 1,
      resultRupiah: '-50000',
      note: 'sepi pembeli',
    });
    expect(entered.statusCode).toBe(202);
    const { approvalId } = entered.json<{ approvalId: string }>();
    const self = await officer.request(
      'POST',
      `/api/v1/orgs/${w.coop.id}/approvals/${approvalId}/approve`,
      {},
    );
    expect(self.statusCode).toBe(403);
    const yes = await pengurus.request(
      'POST',
      `/api/v1/orgs/${w.coop.id}/approvals/${approvalId}/approve`,
      {},
    );
    expect(yes.statusCode).toBe(200);
    const view = await officer.request('GET', url);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      nextPeriod: 2,
      terms: { carriedLossRupiah: '50000', nisbahKsppsPercent: '20' },
      periods: [{ status: 'billed', totalDueRupiah: '1000000' }, { status: 'pending' }],
    });
  });
});
