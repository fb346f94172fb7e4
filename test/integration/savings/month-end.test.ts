import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { chargeMonthlyAdminFee } from '../../../src/domain/savings/admin-fee.js';
import { endOfDayBalances, sukarelaMonthInterest } from '../../../src/domain/savings/interest.js';
import {
  savingsInterestTaxRuleOn,
  withholdIndividualMemberMonth,
} from '../../../src/domain/savings/tax.js';
import type { SukarelaProduct } from '../../../src/domain/savings/product.js';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { runMonthEnd } from '../../../src/services/month-end.js';
import {
  createProduct,
  deposit,
  domainProduct,
  openAccount,
  transfer,
  type ProductSettings,
} from '../../../src/services/savings.js';
import '../../../src/services/savings-month-end.js';
import { testDepsForFile } from '../../support/db.js';
import { savingsWorld, sukarelaOf } from './setup.js';

/**
 * The set-based month-end (SQL) against the pure domain rules, account by account: random
 * members with one or two sukarela accounts under three products (daily balance with a minimum
 * for interest and a fee; lowest balance; daily actual/actual), random movements on random days of
 * November 2026, then every line's interest, tax and fee must equal what the domain computes.
 */

let now = new Date('2026-11-01T03:00:00Z');
const file = testDepsForFile({ clock: () => now });

describe('month-end SQL agrees with the domain rules', () => {
  it('interest (daily and lowest balance), PPh final shared per member, admin fee: every account', async () => {
    const plan = fc.sample(
      fc.record({
        members: fc.array(
          fc.record({
            opening: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 2 }), // × Rp 1,000,000
            moves: fc.array(
              fc.record({
                day: fc.integer({ min: 2, max: 30 }),
                account: fc.integer({ min: 0, max: 1 }),
                amount: fc.integer({ min: -30, max: 60 }),
              }),
              { maxLength: 4 },
            ),
          }),
          { minLength: 6, maxLength: 10 },
        ),
      }),
      { numRuns: 1, seed: 20261130 },
    )[0]!;

    const w = await savingsWorld(file.deps, { businessDate: '2026-11-01' });
    const settings: ProductSettings[] = [
      {
        kind: 'sukarela',
        annualRateBps: 450,
        interestMethod: 'daily-balance',
        dayCount: 'actual/365',
        minimumBalanceRupiah: '0',
        minimumBalanceForInterestRupiah: '5000000',
        monthlyAdminFeeRupiah: '3500',
        dormancyMonths: null,
        dormantStopsInterest: false,
        approvalAboveRupiah: null,
        autoOpen: false,
      },
      {
        kind: 'sukarela',
        annualRateBps: 700,
        interestMethod: 'lowest-balance',
        dayCount: 'actual/365',
        minimumBalanceRupiah: '0',
        minimumBalanceForInterestRupiah: '0',
        monthlyAdminFeeRupiah: '0',
        dormancyMonths: null,
        dormantStopsInterest: false,
        approvalAboveRupiah: null,
        autoOpen: false,
      },
    ];
    const extra = await Promise.all(
      settings.map((s, i) =>
        createProduct(file.deps, w.pengurus, {
          code: `SX${i}`,
          name: `Sukarela uji ${i}`,
          settings: s,
        }),
      ),
    );
    const products = new Map<string, SukarelaProduct>();
    for (const p of [w.products.sukarela, ...extra])
      products.set(p.id, domainProduct(p.settings) as SukarelaProduct);

    // a funding member moves money in and out with transfers dated on the chosen days
    const bank = await w.addMember({ fullName: 'Rekening Penampung' });
    const bankAccount = (await sukarelaOf(file.deps.database.db, w.coop.id, bank)).id;
    await deposit(file.deps, w.teller, {
      sessionId: w.sessionId,
      accountId: bankAccount,
      amountRupiah: 2_000_000_000n,
    });

    const accounts: { id: bigint; memberId: bigint; productId: string }[] = [];
    for (const [i, m] of plan.members.entries()) {
      const memberId = await w.addMember({
        fullName: `Anggota Uji ${i}`,
        birthDate: `19${60 + i}-05-1${i % 9}`,
      });
      for (const [j, millions] of m.opening.entries()) {
        const productId =
          j === 0
            ? i % 3 === 0
              ? w.products.sukarela.id
              : extra[i % 2]!.id
            : extra[(i + j) % 2]!.id;
        let id: bigint;
        if (j === 0 && productId === w.products.sukarela.id) {
          id = (
            await sql<{
              id: bigint;
            }>`select a.id from savings_accounts a where a.cooperative_id = ${w.coop.id} and a.member_id = ${memberId} and a.product_id = ${BigInt(productId)}`.execute(
              file.deps.database.db,
            )
          ).rows[0]!.id;
        } else
          id = BigInt(
            (await openAccount(file.deps, w.pengurus, { memberId, productId: BigInt(productId) }))
              .id,
          );
        if (millions > 0)
          await deposit(file.deps, w.teller, {
            sessionId: w.sessionId,
            accountId: id,
            amountRupiah: BigInt(millions) * 1_000_000n,
          });
        accounts.push({ id, memberId, productId });
      }
    }
    // movements on later days (a withdrawal never takes more than is there)
    const moves = plan.members
      .flatMap((m, i) => m.moves.map((mv) => ({ ...mv, member: i })))
      .sort((a, b) => a.day - b.day);
    const memberIds = [...new Set(accounts.map((x) => x.memberId))];
    for (const mv of moves) {
      const candidates = accounts.filter((a) => a.memberId === memberIds[mv.member]);
      const acct = candidates[mv.account % candidates.length]!;
      now = new Date(`2026-11-${String(mv.day).padStart(2, '0')}T03:00:00Z`);
      const bal = (
        await sql<{
          b: bigint;
        }>`select balance_rupiah as b from savings_accounts where cooperative_id = ${w.coop.id} and id = ${acct.id}`.execute(
          file.deps.database.db,
        )
      ).rows[0]!.b;
      const amount = BigInt(Math.abs(mv.amount)) * 250_000n;
      if (amount === 0n) continue;
      if (mv.amount > 0)
        await transfer(file.deps, w.teller, {
          fromAccountId: bankAccount,
          toAccountId: acct.id,
          amountRupiah: amount,
        });
      else if (amount <= bal)
        await transfer(file.deps, w.teller, {
          fromAccountId: acct.id,
          toAccountId: bankAccount,
          amountRupiah: amount,
        });
    }
    accounts.push({ id: bankAccount, memberId: bank, productId: w.products.sukarela.id });

    // the close runs on 2 December after the first movements of December: money in on three
    // accounts and out of one, which November's interest must leave out and the balances keep
    now = new Date('2026-12-02T02:00:00Z');
    for (const a of accounts.slice(0, 3))
      await transfer(file.deps, w.teller, {
        fromAccountId: bankAccount,
        toAccountId: a.id,
        amountRupiah: 1_500_000n,
      });
    await transfer(file.deps, w.teller, {
      fromAccountId: accounts[1]!.id,
      toAccountId: bankAccount,
      amountRupiah: 1_750_000n,
    });
    const balanceAtClose = new Map(
      (
        await sql<{
          id: bigint;
          b: bigint;
        }>`select id, balance_rupiah as b from savings_accounts where cooperative_id = ${w.coop.id}`.execute(
          file.deps.database.db,
        )
      ).rows.map((r) => [r.id.toString(), r.b]),
    );

    now = new Date('2026-12-02T03:00:00Z');
    await runMonthEnd(file.deps, w.pengurus, '2026-11');

    // the domain's answer, account by account
    const rule = savingsInterestTaxRuleOn('2026-11-30')!;
    const grossOf = new Map<string, bigint>();
    const eomOf = new Map<string, bigint>();
    for (const a of accounts) {
      const tx = await sql<{ transaction_date: string; sign: number; amount_rupiah: bigint }>`
        select transaction_date::text as transaction_date, sign, amount_rupiah from savings_transactions where cooperative_id = ${w.coop.id} and account_id = ${a.id} and transaction_date <= '2026-11-30' order by id`.execute(
        file.deps.database.db,
      );
      const movements = tx.rows.map((t) => ({
        date: t.transaction_date,
        amountRupiah: BigInt(t.sign) * t.amount_rupiah,
      }));
      const eod = endOfDayBalances({ yearMonth: '2026-11', openingBalanceRupiah: 0n, movements });
      const gross = sukarelaMonthInterest(products.get(a.productId)!, {
        yearMonth: '2026-11',
        openingBalanceRupiah: 0n,
        endOfDayBalancesRupiah: eod,
        dormant: false,
      });
      grossOf.set(a.id.toString(), gross);
      eomOf.set(a.id.toString(), eod.at(-1)!);
    }
    const expected = new Map<string, { gross: bigint; tax: bigint; fee: bigint }>();
    for (const memberId of new Set(accounts.map((a) => a.memberId))) {
      const mine = accounts.filter(
        (a) => a.memberId === memberId && grossOf.get(a.id.toString())! > 0n,
      );
      const w2 = withholdIndividualMemberMonth(
        mine.map((a) => ({
          accountId: a.id.toString(),
          interestRupiah: grossOf.get(a.id.toString())!,
        })),
        rule,
      );
      for (const a of accounts.filter((x) => x.memberId === memberId)) {
        const share = w2.accounts.find((x) => x.accountId === a.id.toString());
        const gross = grossOf.get(a.id.toString())!;
        const tax = share?.taxRupiah ?? 0n;
        // the fee never takes more than is there at the close (December's withdrawal included)
        const eom = eomOf.get(a.id.toString())!;
        const atClose = balanceAtClose.get(a.id.toString())!;
        const fee = chargeMonthlyAdminFee(
          (atClose < eom ? atClose : eom) + gross - tax,
          products.get(a.productId)!.monthlyAdminFeeRupiah,
        ).feeChargedRupiah;
        if (gross > 0n || fee > 0n) expected.set(a.id.toString(), { gross, tax, fee });
      }
    }
    const lines = await sql<{
      account_id: bigint;
      gross_rupiah: bigint;
      tax_rupiah: bigint;
      fee_rupiah: bigint;
    }>`
      select account_id, gross_rupiah, tax_rupiah, fee_rupiah from savings_interest_lines where cooperative_id = ${w.coop.id} and period = '2026-11'`.execute(
      file.deps.database.db,
    );
    const actual = new Map(
      lines.rows.map((l) => [
        l.account_id.toString(),
        { gross: l.gross_rupiah, tax: l.tax_rupiah, fee: l.fee_rupiah },
      ]),
    );
    expect(actual).toEqual(expected);
    // something was actually exercised: interest, a member over the tax threshold, a fee
    expect([...expected.values()].some((e) => e.tax > 0n)).toBe(true);
    // and a member whose tax is shared between two accounts (the windows over a taxed member)
    const taxedLinesOf = new Map<bigint, number>();
    for (const a of accounts)
      if ((expected.get(a.id.toString())?.tax ?? 0n) > 0n)
        taxedLinesOf.set(a.memberId, (taxedLinesOf.get(a.memberId) ?? 0) + 1);
    expect(Math.max(...taxedLinesOf.values())).toBeGreaterThan(1);
    expect([...expected.values()].some((e) => e.fee > 0n)).toBe(true);
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
  });
});
