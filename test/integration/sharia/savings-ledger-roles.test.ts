import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { inOrg } from '../../../src/services/context.js';
import { postEntry } from '../../../src/services/ledger.js';
import {
  createProduct as createLoanProduct,
  disburse,
  repay,
  type ProductInput,
} from '../../../src/services/loans.js';
import { LOAN_PRODUCT_DEFAULTS } from '../../../src/services/loans/product-defaults.js';
import { importMembers } from '../../../src/services/member-import.js';
import { runMonthEnd } from '../../../src/services/month-end.js';
import {
  breakDeposit,
  deposit,
  placeDeposit,
  transfer,
  withdraw,
} from '../../../src/services/savings.js';
import { makeUser, testAppForFile } from '../../support/fixtures.js';
import { approvedApplication } from '../../support/loan-application.js';
import { staffContext } from '../../support/outcome.js';
import { nikFor, savingsWorld } from '../savings/setup.js';
import { ksppsWorld } from './world.js';

/**
 * Where a KSPPS's sukarela savings post (issue 21; docs/domain/sharia-savings-akad.md): a
 * mudharabah account's money is dana syirkah temporer on 2102 "Simpanan mudharabah", a wadiah
 * account's a liability on 2101 "Simpanan wadiah", a mudharabah deposit on 2103 — at the counter,
 * in transfers between the two, placing and breaking a deposit, a financing paid into and collected
 * from a mudharabah account, and the month-end's bagi hasil. After each, every ledger account
 * equals the balances of the accounts posting to it, and the sub-ledger check agrees; a KSP posts
 * as before.
 */

let now = new Date('2025-05-05T03:00:00Z');
const file = testAppForFile({ clock: () => now });
const db = () => file.deps.database.db;

const MURABAHAH: ProductInput = {
  ...LOAN_PRODUCT_DEFAULTS,
  code: 'MRB',
  name: 'Pembiayaan murabahah',
  akad: 'murabahah',
  method: 'murabahah',
  ratePercent: '1.5',
  ratePeriod: 'month',
  frequency: 'monthly',
  minAmountRupiah: 1_000_000n,
  maxAmountRupiah: 100_000_000n,
  minTenor: 3,
  maxTenor: 36,
  provisiBps: 0,
  adminFeeRupiah: 0n,
  gracePrincipalPeriods: 0,
  downPaymentBps: 0,
  penaltyKind: 'daily_percent',
  penaltyDailyPercent: '0.1',
  penaltyFixedRupiah: 0n,
  penaltyGraceDays: 3,
};

/**
 * The shared KSPPS (./world.ts) with a monthly admin fee on mudharabah savings, deposits that do
 * not roll over, tellers with a 50.000.000 float, a credit officer and a murabahah product.
 */
async function kspps() {
  const w = await ksppsWorld(file, (d) => (now = d), {
    name: 'KSPPS Uji Akun Simpanan',
    start: '2025-05-05',
    berjangkaTenors: [{ tenorMonths: 3, nisbahAnggotaBps: 4500 }],
    mudharabahMonthlyAdminFeeRupiah: '1000',
    mudharabahFirst: true,
    berjangkaAutomaticRollover: false,
  });
  const officer = staffContext(w.coop.id, await makeUser(file.deps, w.coop, ['petugas_kredit']), [
    'petugas_kredit',
  ]);
  const loanProduct = await createLoanProduct(file.deps, w.pengurus, MURABAHAH);
  return {
    ...w,
    officer,
    sessionOn: (day: string) => w.sessionOn(day, 50_000_000n),
    loanProductId: BigInt(loanProduct.id),
  };
}

/** Each savings ledger account's balance (credit − debit) by code. */
async function ledger(coop: string): Promise<Record<string, bigint>> {
  const r = await sql<{ code: string; b: bigint }>`
    select a.code, coalesce(sum(x.credit_rupiah - x.debit_rupiah), 0)::bigint as b
    from accounts a left join account_balances x on x.cooperative_id = a.cooperative_id
      and x.account_id = a.id
    where a.cooperative_id = ${coop} and a.code in ('2101', '2102', '2103')
    group by a.code`.execute(db());
  return Object.fromEntries(r.rows.map((x) => [x.code, x.b]));
}

/** The accounts' balances summed per product code. */
async function books(coop: string): Promise<Record<string, bigint>> {
  const r = await sql<{ code: string; b: bigint }>`
    select p.code, coalesce(sum(a.balance_rupiah), 0)::bigint as b from savings_products p
    left join savings_accounts a on a.cooperative_id = p.cooperative_id and a.product_id = p.id
    where p.cooperative_id = ${coop} group by p.code`.execute(db());
  return Object.fromEntries(r.rows.map((x) => [x.code, x.b]));
}

/** 2101 holds the wadiah sukarela balances, 2102 the mudharabah ones, 2103 the deposits. */
async function expectLedgerMatchesBooks(coop: string) {
  const [l, b] = [await ledger(coop), await books(coop)];
  expect(l).toEqual({ '2101': b.SS, '2102': b.SM, '2103': b.SB });
  expect(await verifyLedger(db(), coop)).toEqual([]);
}

/** The savings lines of an entry as [code, debit, credit]. */
async function savingsLines(coop: string, sourceType: string, sourceId?: string) {
  const r = await sql<{ code: string; d: bigint; c: bigint }>`
    select a.code, l.debit_rupiah as d, l.credit_rupiah as c from journal_entries e
    join journal_lines l on l.cooperative_id = e.cooperative_id and l.entry_id = e.id
    join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
    where e.cooperative_id = ${coop} and e.source_type = ${sourceType}
      and (${sourceId ?? null}::text is null or e.source_id = ${sourceId ?? null})
      and a.code in ('2101', '2102', '2103')
    order by e.id, l.line_no`.execute(db());
  return r.rows.map((x) => [x.code, x.d, x.c]);
}

describe('a KSPPS posts mudharabah sukarela on 2102 and wadiah on 2101', () => {
  it('at the counter, in transfers, deposits, a financing and the bagi hasil, and the check agrees', async () => {
    const w = await kspps();
    const may = await w.sessionOn('2025-05-05');
    const m1 = await w.addMember(may.teller);
    const m2 = await w.addMember(may.teller);
    const [a1, s1, a2, s2] = [
      await w.accountOf(m1, 'SM'),
      await w.accountOf(m1, 'SS'),
      await w.accountOf(m2, 'SM'),
      await w.accountOf(m2, 'SS'),
    ];
    const cash = (accountId: bigint, amountRupiah: bigint) =>
      deposit(file.deps, may.teller, { sessionId: may.sessionId, accountId, amountRupiah });
    await cash(a1, 5_000_000n);
    await cash(s1, 3_000_000n);
    await cash(a2, 2_000_000n);
    await cash(s2, 1_000_000n);
    expect(await savingsLines(w.coop.id, 'savings.deposit')).toEqual([
      ['2102', 0n, 5_000_000n],
      ['2101', 0n, 3_000_000n],
      ['2102', 0n, 2_000_000n],
      ['2101', 0n, 1_000_000n],
    ]);
    await withdraw(file.deps, may.teller, {
      sessionId: may.sessionId,
      accountId: a1,
      amountRupiah: 500_000n,
    });
    // from mudharabah to wadiah, and back: each side on its own account
    await transfer(file.deps, may.teller, {
      fromAccountId: a1,
      toAccountId: s2,
      amountRupiah: 700_000n,
    });
    await transfer(file.deps, may.teller, {
      fromAccountId: s1,
      toAccountId: a2,
      amountRupiah: 400_000n,
    });
    expect(await savingsLines(w.coop.id, 'savings.withdrawal')).toEqual([['2102', 500_000n, 0n]]);
    expect(await savingsLines(w.coop.id, 'savings.transfer')).toEqual([
      ['2102', 700_000n, 0n],
      ['2101', 0n, 700_000n],
      ['2101', 400_000n, 0n],
      ['2102', 0n, 400_000n],
    ]);
    await expectLedgerMatchesBooks(w.coop.id);

    // a deposit placed from the mudharabah account, paying out to the wadiah one; another placed
    // from wadiah, paying out to mudharabah, broken early into it
    const placed = await placeDeposit(file.deps, may.teller, {
      memberId: m1,
      productId: w.berjangkaId,
      tenorMonths: 3,
      principalRupiah: 2_000_000n,
      payoutAccountId: s1,
      fromAccountId: a1,
    });
    const broken = await placeDeposit(file.deps, may.teller, {
      memberId: m2,
      productId: w.berjangkaId,
      tenorMonths: 3,
      principalRupiah: 1_000_000n,
      payoutAccountId: a2,
      fromAccountId: s2,
    });
    expect(await savingsLines(w.coop.id, 'savings.placement')).toEqual([
      ['2102', 2_000_000n, 0n],
      ['2103', 0n, 2_000_000n],
      ['2101', 1_000_000n, 0n],
      ['2103', 0n, 1_000_000n],
    ]);
    await breakDeposit(
      file.deps,
      may.teller,
      BigInt((broken.body as { account: { id: string } }).account.id),
    );
    // the principal (the product sets no penalty) into the mudharabah account
    expect(await savingsLines(w.coop.id, 'savings.break')).toEqual([
      ['2103', 1_000_000n, 0n],
      ['2102', 0n, 1_000_000n],
    ]);
    await expectLedgerMatchesBooks(w.coop.id);
    expect(placed.status).toBe(201);

    // a murabahah financing paid into m2's mudharabah account (the oldest sukarela one) and an
    // instalment collected from it
    const app = await approvedApplication(
      file.deps,
      { officer: w.officer, checker: w.pengurus },
      {
        memberId: m2,
        productId: w.loanProductId,
        amountRupiah: 6_000_000n,
        tenor: 6,
        purpose: 'Modal usaha warung',
        monthlyIncomeRupiah: 6_000_000n,
        monthlyExpensesRupiah: 2_000_000n,
      },
    );
    const d = await disburse(file.deps, may.teller, BigInt(app.id), {
      channel: 'savings',
      cashSessionId: null,
      disbursedOn: '2025-05-05',
    });
    expect(await savingsLines(w.coop.id, 'loan.disbursement')).toEqual([['2102', 0n, 6_000_000n]]);
    const june = await w.sessionOn('2025-06-05');
    await repay(file.deps, june.teller, BigInt(d.body.loanId), {
      amountRupiah: 1_090_000n,
      paidOn: '2025-06-05',
      cashSessionId: null,
    });
    expect(await savingsLines(w.coop.id, 'loan.repayment')).toEqual([['2102', 1_090_000n, 0n]]);
    await expectLedgerMatchesBooks(w.coop.id);

    // June's bagi hasil on the margin earned: the mudharabah accounts' shares on 2102, the
    // deposit's on the wadiah account it pays out to (2101)
    await inOrg(file.deps, w.pengurus, (o) =>
      postEntry(o, {
        entryDate: '2025-06-20',
        description: 'Margin tunai',
        source: { type: 'test', id: 'margin' },
        lines: [
          { account: { role: 'cash' }, debitRupiah: 960_000n },
          { account: { role: 'marginIncome' }, creditRupiah: 960_000n },
        ],
      }),
    );
    now = new Date('2025-07-01T03:00:00Z');
    await runMonthEnd(file.deps, w.pengurus, '2025-05');
    await runMonthEnd(file.deps, w.pengurus, '2025-06');
    const shares = await sql<{ code: string; s: bigint }>`
      select p.code, sum(l.share_rupiah)::bigint as s from bagi_hasil_lines l
      join savings_accounts c on c.cooperative_id = l.cooperative_id and c.id = l.credit_account_id
      join savings_products p on p.cooperative_id = c.cooperative_id and p.id = c.product_id
      where l.cooperative_id = ${w.coop.id} and l.period = '2025-06' group by p.code`.execute(db());
    const to = Object.fromEntries(shares.rows.map((x) => [x.code, x.s]));
    expect(to.SM).toBeGreaterThan(0n);
    expect(to.SS).toBeGreaterThan(0n);
    const bh = await savingsLines(w.coop.id, 'savings.bagi-hasil', '2025-06');
    expect(bh.filter((l) => l[0] === '2102').reduce((s, l) => s + (l[2] as bigint), 0n)).toBe(
      to.SM,
    );
    expect(bh.filter((l) => l[0] === '2101').reduce((s, l) => s + (l[2] as bigint), 0n)).toBe(
      to.SS,
    );
    await expectLedgerMatchesBooks(w.coop.id);

    // the monthly admin fee of the mudharabah accounts comes off 2102 (1.000 each, two accounts)
    expect(await savingsLines(w.coop.id, 'savings.interest')).toEqual([
      ['2102', 2_000n, 0n],
      ['2102', 2_000n, 0n],
    ]);
    // at maturity (5 August) the deposit pays out into the wadiah account it names: 2103 to 2101
    now = new Date('2025-09-01T03:00:00Z');
    await runMonthEnd(file.deps, w.pengurus, '2025-07');
    await runMonthEnd(file.deps, w.pengurus, '2025-08');
    expect(await savingsLines(w.coop.id, 'savings.maturity')).toEqual([
      ['2103', 2_000_000n, 0n],
      ['2101', 0n, 2_000_000n],
    ]);
    await expectLedgerMatchesBooks(w.coop.id);
  });

  it("a member import's opening sukarela balances go to the account of the product they open in", async () => {
    const w = await kspps();
    // the cooperative's first sukarela product that opens automatically is the mudharabah one
    const rows = [0, 1].map((i) => ({
      row: i + 2,
      raw: {
        nik: nikFor('1980-03-1' + i, 'P'),
        fullName: `Anggota Impor ${i}`,
        birthDate: '1980-03-1' + i,
        gender: 'P',
        provinceCode: '33',
        regencyCode: '33.75',
        phone: `0812345610${i}0`,
        joinedOn: '2020-01-15',
        pokok: '0',
        wajib: '0',
        sukarela: String(150_000 * (i + 1)),
      },
    }));
    await importMembers(file.deps, w.pengurus, { rows });
    expect(await savingsLines(w.coop.id, 'members.import')).toEqual([['2102', 0n, 450_000n]]);
    await expectLedgerMatchesBooks(w.coop.id);
  });

  it('the sub-ledger check names both accounts when mudharabah money sits on 2101', async () => {
    const w = await kspps();
    const may = await w.sessionOn('2025-05-05');
    const m1 = await w.addMember(may.teller);
    await deposit(file.deps, may.teller, {
      sessionId: may.sessionId,
      accountId: await w.accountOf(m1, 'SM'),
      amountRupiah: 250_000n,
    });
    await expectLedgerMatchesBooks(w.coop.id);
    // the posting as it was before: the mudharabah money moved to the wadiah account
    await inOrg(file.deps, w.pengurus, (o) =>
      postEntry(o, {
        entryDate: '2025-05-05',
        description: 'Salah akun',
        source: { type: 'test', id: 'wrong' },
        lines: [
          { account: { role: 'savingsMudharabah' }, debitRupiah: 250_000n },
          { account: { role: 'savingsSukarela' }, creditRupiah: 250_000n },
        ],
      }),
    );
    const found = (await verifyLedger(db(), w.coop.id)).map((v) => [v.check, v.detail]).sort();
    expect(found).toEqual([
      ['savings-subledger-mismatch', 'savings role savingsMudharabah: accounts 250000 <> ledger 0'],
      ['savings-subledger-mismatch', 'savings role savingsSukarela: accounts 0 <> ledger 250000'],
    ]);
  });
});

describe('a KSP (no akad) is unchanged', () => {
  it('posts sukarela on 2101 and berjangka on 2102, and the check agrees', async () => {
    now = new Date('2026-11-02T03:00:00Z');
    const w = await savingsWorld(file.deps);
    const member = await w.addMember();
    const account = await sql<{ id: bigint }>`
      select a.id from savings_accounts a join savings_products p on p.cooperative_id = a.cooperative_id
        and p.id = a.product_id
      where a.cooperative_id = ${w.coop.id} and a.member_id = ${member} and p.kind = 'sukarela'`.execute(
      db(),
    );
    await deposit(file.deps, w.teller, {
      sessionId: w.sessionId,
      accountId: account.rows[0]!.id,
      amountRupiah: 300_000n,
    });
    expect(await savingsLines(w.coop.id, 'savings.deposit')).toEqual([['2101', 0n, 300_000n]]);
    expect(await verifyLedger(db(), w.coop.id)).toEqual([]);
  });
});
