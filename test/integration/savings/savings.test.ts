import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/domain/errors.js';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { decide } from '../../../src/services/approvals.js';
import { openSession, closeSession, createDesk } from '../../../src/services/cashdesk.js';
import {
  getMember,
  listMembers,
  registerMember,
  requestExit,
} from '../../../src/services/members.js';
import { runMonthEnd } from '../../../src/services/month-end.js';
import {
  accountStatement,
  breakDeposit,
  deposit,
  placeDeposit,
  settleExit,
  transfer,
  withdraw,
} from '../../../src/services/savings.js';
import { testDepsForFile } from '../../support/db.js';
import { memberInput, savingsWorld } from './setup.js';

let now = new Date('2026-11-01T03:00:00Z');
const file = testDepsForFile({ clock: () => now });

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

async function accountsOf(coop: string, memberId: bigint) {
  const r = await sql<{ id: bigint; kind: string; balance_rupiah: bigint }>`
    select a.id, p.kind, a.balance_rupiah from savings_accounts a join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
    where a.cooperative_id = ${coop} and a.member_id = ${memberId} order by a.id`.execute(
    file.deps.database.db,
  );
  const by = (k: string) => r.rows.find((x) => x.kind === k)!;
  return { pokok: by('pokok'), wajib: by('wajib'), sukarela: by('sukarela'), all: r.rows };
}

/** Ledger balance (credit-positive) of a role, per member when given. */
async function ledgerOf(coop: string, role: string, memberId?: bigint): Promise<bigint> {
  const r = await sql<{ v: bigint }>`
    select coalesce(sum(l.credit_rupiah - l.debit_rupiah), 0)::bigint as v from journal_lines l
    join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
    where l.cooperative_id = ${coop} and a.role = ${role} ${memberId ? sql`and l.member_id = ${memberId}` : sql``}`.execute(
    file.deps.database.db,
  );
  return r.rows[0]!.v;
}

async function sumBalances(coop: string, kind: string): Promise<bigint> {
  const r = await sql<{ v: bigint }>`
    select coalesce(sum(a.balance_rupiah), 0)::bigint as v from savings_accounts a join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
    where a.cooperative_id = ${coop} and p.kind = ${kind}`.execute(file.deps.database.db);
  return r.rows[0]!.v;
}

describe('members and savings at the counter', () => {
  it('registers an applicant, approves by a second person, opens the default accounts and numbers the member', async () => {
    now = new Date('2026-11-01T03:00:00Z');
    const w = await savingsWorld(file.deps, { businessDate: '2026-11-01' });
    // a NIK whose date does not match the form is refused and nothing is written
    const bad = memberInput();
    expect(
      await codeOf(registerMember(file.deps, w.teller, { ...bad, birthDate: '1985-04-13' })),
    ).toBe('MEMBER_NIK_INVALID');
    expect(
      await codeOf(
        registerMember(file.deps, w.teller, { ...bad, provinceCode: '33', regencyCode: '3174' }),
      ),
    ).toBe('MEMBER_REGION_INVALID');
    expect((await listMembers(file.deps, w.pengurus, { limit: 10, offset: 0 })).total).toBe(0);

    const r = await registerMember(file.deps, w.teller, memberInput({ fullName: 'Dewi Lestari' }));
    expect(r.status).toBe('applicant');
    // the same NIK twice is refused
    const again = await getMember(file.deps, w.pengurus, BigInt(r.id));
    expect(await codeOf(registerMember(file.deps, w.teller, memberInput({ nik: again.nik })))).toBe(
      'MEMBER_NIK_TAKEN',
    );
    // the teller who registered cannot approve
    expect(await codeOf(decide(file.deps, w.teller, BigInt(r.approvalId), { approve: true }))).toBe(
      'APPROVAL_SELF_DECISION',
    );
    await decide(file.deps, w.pengurus, BigInt(r.approvalId), { approve: true });
    const m = await getMember(file.deps, w.pengurus, BigInt(r.id));
    expect(m).toMatchObject({
      status: 'active',
      memberNumber: '000001',
      joinedOn: '2026-11-01',
      phone: '+6281234567890',
    });
    expect(m.accounts.map((a) => a.kind).sort()).toEqual(['pokok', 'sukarela', 'wajib']);
    expect(m.heirs).toEqual([
      { fullName: 'Ahmad Fauzi', relationship: 'suami', nik: null, phone: null },
    ]);
    // November's wajib is due and unpaid
    expect(m.wajib).toMatchObject({ arrearsRupiah: '50000', monthsOwed: 1 });
  });

  it('deposits, withdraws with balance and minimum checks, transfers, and keeps every balance equal to its journal lines', async () => {
    now = new Date('2026-11-02T03:00:00Z');
    const w = await savingsWorld(file.deps);
    const ani = await w.addMember({ fullName: 'Ani Suryani' });
    const budi = await w.addMember({
      fullName: 'Budi Santoso',
      gender: 'L',
      birthDate: '1979-08-17',
    });
    const a = await accountsOf(w.coop.id, ani);
    const b = await accountsOf(w.coop.id, budi);
    const dep = (accountId: bigint, amount: bigint, key?: string) =>
      deposit(
        file.deps,
        w.teller,
        { sessionId: w.sessionId, accountId, amountRupiah: amount },
        key ? { key, requestHash: `h-${key}` } : undefined,
      );

    // simpanan pokok: the fixed amount once
    expect(await codeOf(dep(a.pokok.id, 150_000n))).toBe('SAVINGS_DEPOSIT_NOT_ALLOWED');
    await dep(a.pokok.id, 100_000n);
    expect(await codeOf(dep(a.pokok.id, 1n))).toBe('SAVINGS_DEPOSIT_NOT_ALLOWED');
    await dep(a.wajib.id, 50_000n);
    const first = await dep(a.sukarela.id, 1_000_000n, 'dep-ani-1');
    // a replay returns the first result and moves nothing
    const replay = await dep(a.sukarela.id, 1_000_000n, 'dep-ani-1');
    expect(replay.replayed).toBe(true);
    expect(replay.body).toEqual(first.body);
    expect(first.body.balanceAfterRupiah).toBe('1000000');

    // wajib arrears cleared for November
    expect((await getMember(file.deps, w.pengurus, ani)).wajib).toMatchObject({
      arrearsRupiah: '0',
      monthsOwed: 0,
    });

    const wd = (accountId: bigint, amount: bigint) =>
      withdraw(file.deps, w.teller, { sessionId: w.sessionId, accountId, amountRupiah: amount });
    expect(await codeOf(wd(a.sukarela.id, 1_000_001n))).toBe('SAVINGS_INSUFFICIENT_BALANCE');
    expect(await codeOf(wd(a.sukarela.id, 995_000n))).toBe('SAVINGS_BELOW_MINIMUM_BALANCE');
    expect(await codeOf(wd(a.wajib.id, 10_000n))).toBe('SAVINGS_NOT_WITHDRAWABLE');
    expect(await codeOf(wd(a.pokok.id, 10_000n))).toBe('SAVINGS_NOT_WITHDRAWABLE');
    const w1 = await wd(a.sukarela.id, 250_000n);
    expect(w1.status).toBe(201);
    expect((w1.body as { balanceAfterRupiah: string }).balanceAfterRupiah).toBe('750000');

    // transfer Ani → Budi's sukarela; the same account twice is refused
    expect(
      await codeOf(
        transfer(file.deps, w.teller, {
          fromAccountId: a.sukarela.id,
          toAccountId: a.sukarela.id,
          amountRupiah: 1n,
        }),
      ),
    ).toBe('SAVINGS_TRANSFER_SAME_ACCOUNT');
    await transfer(file.deps, w.teller, {
      fromAccountId: a.sukarela.id,
      toAccountId: b.sukarela.id,
      amountRupiah: 200_000n,
    });
    expect((await accountsOf(w.coop.id, ani)).sukarela.balance_rupiah).toBe(550_000n);
    expect((await accountsOf(w.coop.id, budi)).sukarela.balance_rupiah).toBe(200_000n);

    // every kind's balances equal its ledger account, per member too
    expect(await ledgerOf(w.coop.id, 'savingsSukarela')).toBe(
      await sumBalances(w.coop.id, 'sukarela'),
    );
    expect(await ledgerOf(w.coop.id, 'simpananPokok')).toBe(100_000n);
    expect(await ledgerOf(w.coop.id, 'savingsSukarela', ani)).toBe(550_000n);
    expect(await ledgerOf(w.coop.id, 'savingsSukarela', budi)).toBe(200_000n);

    // rekening koran: opening, movements, closing
    const st = await accountStatement(file.deps, w.pengurus, a.sukarela.id, {
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(st.openingBalanceRupiah).toBe('0');
    expect(st.lines.map((l) => [l.kind, l.debitRupiah, l.creditRupiah, l.balanceRupiah])).toEqual([
      ['deposit', '0', '1000000', '1000000'],
      ['withdrawal', '250000', '0', '750000'],
      ['transfer-out', '200000', '0', '550000'],
    ]);
    expect(st.closingBalanceRupiah).toBe('550000');
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
  });

  it('a withdrawal above the product limit waits for approval and then pays from the teller desk', async () => {
    now = new Date('2026-11-02T03:00:00Z');
    const w = await savingsWorld(file.deps);
    const id = await w.addMember();
    const a = await accountsOf(w.coop.id, id);
    await deposit(file.deps, w.teller, {
      sessionId: w.sessionId,
      accountId: a.sukarela.id,
      amountRupiah: 80_000_000n,
    });
    const big = await withdraw(file.deps, w.teller, {
      sessionId: w.sessionId,
      accountId: a.sukarela.id,
      amountRupiah: 60_000_000n,
    });
    expect(big.status).toBe(202);
    expect((await accountsOf(w.coop.id, id)).sukarela.balance_rupiah).toBe(80_000_000n);
    const approvalId = BigInt((big.body as { pendingApprovalId: string }).pendingApprovalId);
    await decide(file.deps, w.pengurus, approvalId, { approve: true });
    expect((await accountsOf(w.coop.id, id)).sukarela.balance_rupiah).toBe(20_000_000n);
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
  });

  it('month-end interest: daily balance worked example, PPh final above Rp 240,000, idempotent; berjangka interest and early break', async () => {
    now = new Date('2026-11-01T03:00:00Z');
    const w = await savingsWorld(file.deps, { businessDate: '2026-11-01' });
    const small = await w.addMember({ fullName: 'Sri Wahyuni' });
    const rich = await w.addMember({
      fullName: 'Haji Slamet',
      gender: 'L',
      birthDate: '1960-02-03',
    });
    const s = await accountsOf(w.coop.id, small);
    const r = await accountsOf(w.coop.id, rich);
    // Sri: Rp 2,000,000 from 1 Nov, +3,000,000 on 11 Nov → 2,000,000 × 10 days + 5,000,000 × 20 days
    //      = 120,000,000 rupiah-days; × 600 bps / (10,000 × 365) = 19,726.03 → Rp 19,726 (no tax: ≤ 240,000)
    await deposit(file.deps, w.teller, {
      sessionId: w.sessionId,
      accountId: s.sukarela.id,
      amountRupiah: 2_000_000n,
    });
    // Haji Slamet: Rp 63,000,000 all month, then 3,000,000 moved to Sri on 11 Nov
    //      = 63,000,000 × 10 + 60,000,000 × 20 = 1,830,000,000 rupiah-days × 600 / 3,650,000 = 300,821.91 → 300,821
    //      PPh final 10 % (above 240,000): 30,082.1 → 30,082; net 270,739
    await deposit(file.deps, w.teller, {
      sessionId: w.sessionId,
      accountId: r.sukarela.id,
      amountRupiah: 63_000_000n,
    });
    now = new Date('2026-11-11T03:00:00Z');
    await transfer(file.deps, w.teller, {
      fromAccountId: r.sukarela.id,
      toAccountId: s.sukarela.id,
      amountRupiah: 3_000_000n,
    });

    const first = await runMonthEnd(file.deps, w.pengurus, '2026-11');
    const interest = first.steps.find((x) => x.name === 'savings-interest')!;
    expect(interest.result).toMatchObject({
      accounts: 2,
      grossRupiah: String(19_726 + 300_821),
      taxRupiah: '30082',
    });
    const lines = await sql<{ account_id: bigint; gross_rupiah: bigint; tax_rupiah: bigint }>`
      select account_id, gross_rupiah, tax_rupiah from savings_interest_lines where cooperative_id = ${w.coop.id} order by gross_rupiah`.execute(
      file.deps.database.db,
    );
    expect(lines.rows.map((l) => [l.account_id, l.gross_rupiah, l.tax_rupiah])).toEqual([
      [s.sukarela.id, 19_726n, 0n],
      [r.sukarela.id, 300_821n, 30_082n],
    ]);
    expect((await accountsOf(w.coop.id, small)).sukarela.balance_rupiah).toBe(5_000_000n + 19_726n);
    expect((await accountsOf(w.coop.id, rich)).sukarela.balance_rupiah).toBe(
      60_000_000n + 270_739n,
    );
    expect(await ledgerOf(w.coop.id, 'taxPayable')).toBe(30_082n);
    // the rekening koran shows the month-end lines on 30 November after the month's movements
    const st = await accountStatement(file.deps, w.pengurus, r.sukarela.id, {
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(
      st.lines.map((l) => [l.date, l.kind, l.debitRupiah, l.creditRupiah, l.balanceRupiah]),
    ).toEqual([
      ['2026-11-01', 'deposit', '0', '63000000', '63000000'],
      ['2026-11-11', 'transfer-out', '3000000', '0', '60000000'],
      ['2026-11-30', 'interest', '0', '300821', '60300821'],
      ['2026-11-30', 'tax', '30082', '0', '60270739'],
    ]);
    const december = await accountStatement(file.deps, w.pengurus, r.sukarela.id, {
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(december.openingBalanceRupiah).toBe('60270739');
    // a second run changes nothing
    const again = await runMonthEnd(file.deps, w.pengurus, '2026-11');
    expect(again.steps.every((x) => x.skipped)).toBe(true);
    expect((await accountsOf(w.coop.id, rich)).sukarela.balance_rupiah).toBe(
      60_000_000n + 270_739n,
    );
    expect(await ledgerOf(w.coop.id, 'savingsSukarela')).toBe(
      await sumBalances(w.coop.id, 'sukarela'),
    );

    // berjangka: Rp 12,000,000 for 3 months at 5.5 % (monthly/12): 12,000,000 × 550 / 120,000 = 55,000 a month
    now = new Date('2026-12-01T03:00:00Z');
    const placed = await placeDeposit(file.deps, w.teller, {
      memberId: small,
      productId: BigInt(w.products.berjangka.id),
      tenorMonths: 3,
      principalRupiah: 4_000_000n,
      payoutAccountId: s.sukarela.id,
      fromAccountId: s.sukarela.id,
    });
    const depId = BigInt((placed.body as { account: { id: string } }).account.id);
    expect(
      await codeOf(
        placeDeposit(file.deps, w.teller, {
          memberId: small,
          productId: BigInt(w.products.berjangka.id),
          tenorMonths: 6,
          principalRupiah: 1_000_000n,
          payoutAccountId: s.sukarela.id,
          fromAccountId: s.sukarela.id,
        }),
      ),
    ).toBe('SAVINGS_TENOR_NOT_OFFERED');
    await runMonthEnd(file.deps, w.pengurus, '2026-12'); // opened 1 Dec: no anniversary in December
    now = new Date('2027-01-05T03:00:00Z');
    const jan = await runMonthEnd(file.deps, w.pengurus, '2027-01');
    // anniversary 1 Jan: 4,000,000 × 550 / 120,000 = 18,333.3 → 18,333 credited to sukarela
    const depLine = await sql<{ gross_rupiah: bigint; credit_account_id: bigint }>`
      select gross_rupiah, credit_account_id from savings_interest_lines where cooperative_id = ${w.coop.id} and period = '2027-01' and account_id = ${depId}`.execute(
      file.deps.database.db,
    );
    expect(depLine.rows[0]).toEqual({ gross_rupiah: 18_333n, credit_account_id: s.sukarela.id });
    expect(jan.steps.find((x) => x.name === 'savings-interest')!.result).toMatchObject({
      accounts: 3,
    });
    // early break on 5 Jan: 1 % of principal = 40,000 penalty; 3,960,000 back to sukarela
    const before = (await accountsOf(w.coop.id, small)).sukarela.balance_rupiah;
    const br = await breakDeposit(file.deps, w.teller, depId);
    expect(br.body).toMatchObject({ penaltyRupiah: '40000', payoutRupiah: '3960000' });
    expect((await accountsOf(w.coop.id, small)).sukarela.balance_rupiah).toBe(before + 3_960_000n);
    expect(await ledgerOf(w.coop.id, 'savingsBerjangka')).toBe(0n);
    expect(await ledgerOf(w.coop.id, 'savingsSukarela')).toBe(
      await sumBalances(w.coop.id, 'sukarela'),
    );
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
  });

  it('exit: approval sets leaving, settlement refunds pokok, wajib and sukarela in cash and closes everything', async () => {
    now = new Date('2026-11-02T03:00:00Z');
    const w = await savingsWorld(file.deps);
    const id = await w.addMember();
    const a = await accountsOf(w.coop.id, id);
    for (const [acc, amt] of [
      [a.pokok.id, 100_000n],
      [a.wajib.id, 50_000n],
      [a.sukarela.id, 300_000n],
    ] as const)
      await deposit(file.deps, w.teller, {
        sessionId: w.sessionId,
        accountId: acc,
        amountRupiah: amt,
      });
    expect(
      await codeOf(settleExit(file.deps, w.teller, { sessionId: w.sessionId, memberId: id })),
    ).toBe('MEMBER_STATUS_INVALID');
    const { approvalId } = await requestExit(
      file.deps,
      w.teller,
      id,
      'voluntary',
      'Pindah ke luar kota',
    );
    await decide(file.deps, w.pengurus, BigInt(approvalId), { approve: true });
    expect((await getMember(file.deps, w.pengurus, id)).status).toBe('leaving');
    const res = await settleExit(file.deps, w.teller, { sessionId: w.sessionId, memberId: id });
    expect((res.body as { refunds: unknown[] }).refunds).toHaveLength(3);
    const m = await getMember(file.deps, w.pengurus, id);
    expect(m.status).toBe('left');
    expect(m.accounts.every((x) => x.status === 'closed' && x.balanceRupiah === '0')).toBe(true);
    expect(await ledgerOf(w.coop.id, 'simpananPokok', id)).toBe(0n);
    expect(await ledgerOf(w.coop.id, 'simpananWajib', id)).toBe(0n);
    // the cash left the desk: counted cash equals float exactly
    const closed = await closeSession(file.deps, w.teller, w.sessionId, {
      countedRupiah: 100_000_000n,
      entryDate: '2026-11-02',
    });
    expect(closed.varianceRupiah).toBe('0');
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
    void createDesk;
    void openSession;
  });
});
