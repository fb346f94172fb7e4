import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { chargeMonthlyAdminFee } from '../../../src/domain/savings/admin-fee.js';
import { addDays, daysInYearMonth, yearMonthOf } from '../../../src/domain/calendar.js';
import { depositInterestSchedule } from '../../../src/domain/savings/berjangka.js';
import { endOfDayBalances, sukarelaMonthInterest } from '../../../src/domain/savings/interest.js';
import {
  savingsInterestTaxRuleOn,
  withholdIndividualMemberMonth,
} from '../../../src/domain/savings/tax.js';
import type { SukarelaProduct } from '../../../src/domain/savings/product.js';
import { inOrg } from '../../../src/services/context.js';
import { monthEndSteps, monthOf } from '../../../src/services/month-end.js';
import { deposit, domainProduct, productSettingsSchema } from '../../../src/services/savings.js';
import '../../../src/services/savings-month-end.js';
import { testDepsForFile } from '../../support/db.js';
import { savingsWorld } from './setup.js';

/**
 * The oracle of month-end.test.ts as a property over generated books, straight against the
 * month-end's interest step: each run writes random sukarela products, accounts (active, dormant,
 * blocked), movements before, in and after the month, and time deposits, into one transaction;
 * runs the step for a random month; compares every line and every balance with the domain; and
 * rolls back.
 */

const PERIODS = ['2026-11', '2026-12', '2027-01', '2028-02'] as const;
const rupiah = fc
  .tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom(1_000n, 100_000n, 10_000_000n))
  .map(([n, scale]) => BigInt(n) * scale);
const sukarelaSettings = fc.record({
  annualRateBps: fc.constantFrom(0, 250, 450, 600, 1_200),
  interestMethod: fc.constantFrom('daily-balance' as const, 'lowest-balance' as const),
  dayCount: fc.constantFrom('actual/365' as const, 'actual/actual' as const),
  minimumBalanceForInterestRupiah: fc.constantFrom('0', '1000000', '50000000'),
  monthlyAdminFeeRupiah: fc.constantFrom('0', '3500', '25000'),
  dormantStopsInterest: fc.boolean(),
});
const book = fc.record({
  period: fc.constantFrom(...PERIODS),
  products: fc.array(sukarelaSettings, { minLength: 1, maxLength: 3 }),
  accounts: fc.array(
    fc.record({
      member: fc.nat(3),
      product: fc.nat(2),
      status: fc.constantFrom(
        'active' as const,
        'active' as const,
        'dormant' as const,
        'blocked' as const,
      ),
      openedOffset: fc.integer({ min: -60, max: 20 }), // days from the month's first day
      moves: fc.array(
        fc.record({
          offset: fc.integer({ min: 0, max: 80 }),
          amount: rupiah,
          way: fc.constantFrom('in' as const, 'in' as const, 'out' as const, 'all-out' as const),
        }),
        { maxLength: 6 },
      ),
    }),
    { minLength: 1, maxLength: 8 },
  ),
  deposits: fc.array(
    fc.record({
      member: fc.nat(3),
      principal: rupiah,
      rateBps: fc.constantFrom(0, 500, 650),
      tenor: fc.constantFrom(1, 3, 6, 12, 24),
      basis: fc.constantFrom('actual/365' as const, 'monthly/12' as const),
      toSukarela: fc.boolean(),
      openedOffset: fc.integer({ min: -800, max: 10 }),
      status: fc.constantFrom('active' as const, 'dormant' as const, 'blocked' as const),
    }),
    { maxLength: 3 },
  ),
});

const file = testDepsForFile({ clock: () => new Date('2026-11-01T03:00:00Z') });

class Rollback extends Error {}

describe('month-end interest SQL agrees with the domain over generated books', () => {
  it('every line (interest, tax, fee) and every balance, 200 books', async () => {
    const w = await savingsWorld(file.deps, { businessDate: '2026-11-01' });
    const members: bigint[] = [];
    for (let i = 0; i < 4; i++)
      members.push(
        await w.addMember({
          fullName: `Anggota Sifat ${i}`,
          birthDate: `19${70 + i}-03-0${i + 1}`,
        }),
      );
    const pokok = (
      await sql<{
        id: bigint;
      }>`select a.id from savings_accounts a join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      where a.cooperative_id = ${w.coop.id} and a.member_id = ${members[0]!} and p.kind = 'pokok'`.execute(
        file.deps.database.db,
      )
    ).rows[0]!.id;
    await deposit(file.deps, w.teller, {
      sessionId: w.sessionId,
      accountId: pokok,
      amountRupiah: 100_000n,
    });
    const entryId = (
      await sql<{
        id: bigint;
      }>`select id from journal_entries where cooperative_id = ${w.coop.id} order by id limit 1`.execute(
        file.deps.database.db,
      )
    ).rows[0]!.id;
    const interestStep = monthEndSteps().find((s) => s.name === 'savings-interest')!;
    const coop = w.coop.id;
    // the time deposits' two products (one per interest basis), committed once
    const depositProduct = new Map<string, bigint>();
    for (const basis of ['actual/365', 'monthly/12'] as const) {
      const settings = productSettingsSchema.parse({
        kind: 'berjangka',
        tenors: [{ tenorMonths: 1, annualRateBps: 500 }],
        interestBasis: basis,
      });
      const r = await sql<{
        id: bigint;
      }>`insert into savings_products (cooperative_id, code, name, kind, settings)
          values (${coop}, ${basis === 'monthly/12' ? 'BXM' : 'BXA'}, 'Berjangka sifat', 'berjangka', ${JSON.stringify(settings)}::jsonb) returning id`.execute(
        file.deps.database.db,
      );
      depositProduct.set(basis, r.rows[0]!.id);
    }
    let runs = 0;
    let taxed = 0;
    let feed = 0;
    let berjangka = 0;

    await fc.assert(
      fc.asyncProperty(book, async (b) => {
        const m = monthOf(b.period);
        const rule = savingsInterestTaxRuleOn(m.lastDay)!;
        const outcome = inOrg(file.deps, w.pengurus, async (o) => {
          // products
          const products: { id: bigint; product: SukarelaProduct }[] = [];
          for (const [i, p] of b.products.entries()) {
            const settings = productSettingsSchema.parse({
              kind: 'sukarela',
              ...p,
              autoOpen: false,
            });
            const r = await sql<{
              id: bigint;
            }>`insert into savings_products (cooperative_id, code, name, kind, settings)
              values (${coop}, ${`PX${i}`}, ${`Sukarela sifat ${i}`}, 'sukarela', ${JSON.stringify(settings)}::jsonb) returning id`.execute(
              o.tx,
            );
            products.push({
              id: r.rows[0]!.id,
              product: domainProduct(settings) as SukarelaProduct,
            });
          }
          // sukarela accounts and their movements (a withdrawal never takes more than is there)
          type Sukarela = {
            id: bigint;
            memberId: bigint;
            product: SukarelaProduct;
            status: string;
            openedOn: string;
            movements: { date: string; amountRupiah: bigint }[];
            balance: bigint;
          };
          const accounts: Sukarela[] = [];
          for (const [i, a] of b.accounts.entries()) {
            const openedOn = addDays(m.firstDay, a.openedOffset);
            const movements: { date: string; amountRupiah: bigint }[] = [];
            let balance = 0n;
            for (const mv of [...a.moves].sort((x, y) => x.offset - y.offset)) {
              const signed = mv.way === 'in' ? mv.amount : mv.way === 'out' ? -mv.amount : -balance;
              if (signed === 0n || balance + signed < 0n) continue;
              balance += signed;
              movements.push({ date: addDays(openedOn, mv.offset), amountRupiah: signed });
            }
            const p = products[a.product % products.length]!;
            const memberId = members[a.member]!;
            const r = await sql<{
              id: bigint;
            }>`insert into savings_accounts (cooperative_id, account_number, member_id, product_id, status, balance_rupiah, opened_on)
              values (${coop}, ${`PX-${i}`}, ${memberId}, ${p.id}, ${a.status}, ${balance}, ${openedOn}) returning id`.execute(
              o.tx,
            );
            accounts.push({
              id: r.rows[0]!.id,
              memberId,
              product: p.product,
              status: a.status,
              openedOn,
              movements,
              balance,
            });
          }
          const rows = accounts.flatMap((a) => {
            let after = 0n;
            return a.movements.map((mv) => {
              after += mv.amountRupiah;
              return sql`(${coop}, ${a.id}, ${mv.amountRupiah > 0n ? 'deposit' : 'withdrawal'}, ${mv.amountRupiah > 0n ? 1 : -1}, ${mv.amountRupiah > 0n ? mv.amountRupiah : -mv.amountRupiah}, ${after}, ${mv.date}::date, ${entryId})`;
            });
          });
          if (rows.length > 0)
            await sql`insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah, balance_after_rupiah, transaction_date, entry_id)
              values ${sql.join(rows)}`.execute(o.tx);
          // time deposits: interest to one of the member's sukarela accounts, or rolled into the deposit
          type Deposit = {
            id: bigint;
            memberId: bigint;
            creditId: bigint | null;
            gross: bigint;
            balance: bigint;
          };
          const timeDeposits: Deposit[] = [];
          for (const [i, d] of b.deposits.entries()) {
            const memberId = members[d.member]!;
            const payout = accounts.find((a) => a.memberId === memberId);
            const toSukarela = d.toSukarela && payout !== undefined;
            const openedOn = addDays(m.firstDay, d.openedOffset);
            const productId = depositProduct.get(d.basis)!;
            const r = await sql<{
              id: bigint;
            }>`insert into savings_accounts (cooperative_id, account_number, member_id, product_id, status, balance_rupiah, opened_on,
                principal_rupiah, term_opened_on, tenor_months, annual_rate_bps, interest_payout, automatic_rollover, payout_account_id)
              values (${coop}, ${`BX-${i}`}, ${memberId}, ${productId}, ${d.status}, ${d.principal}, ${openedOn}, ${d.principal}, ${openedOn},
                ${d.tenor}, ${d.rateBps}, ${toSukarela ? 'to-sukarela' : 'rollover'}, true, ${payout?.id ?? null}) returning id`.execute(
              o.tx,
            );
            const id = r.rows[0]!.id;
            const period = depositInterestSchedule({
              principalRupiah: d.principal,
              annualRateBps: BigInt(d.rateBps),
              tenorMonths: d.tenor,
              openedOn,
              interestBasis: d.basis,
              interestPayout: toSukarela ? 'to-sukarela' : 'rollover',
              automaticRollover: true,
            }).find((x) => yearMonthOf(x.endDate) === b.period);
            timeDeposits.push({
              id,
              memberId,
              creditId: toSukarela ? payout.id : id,
              gross: period?.interestRupiah ?? 0n,
              balance: d.principal,
            });
          }

          await interestStep.run(o, m, file.deps);

          // the domain's answer
          const grossOf = new Map<bigint, bigint>();
          const eomOf = new Map<bigint, bigint>();
          for (const a of accounts) {
            if (a.openedOn > m.lastDay) continue;
            const opening = a.movements
              .filter((mv) => mv.date < m.firstDay)
              .reduce((s, mv) => s + mv.amountRupiah, 0n);
            const inMonth = a.movements.filter(
              (mv) => mv.date >= m.firstDay && mv.date <= m.lastDay,
            );
            const eod = endOfDayBalances({
              yearMonth: b.period,
              openingBalanceRupiah: opening,
              movements: inMonth,
            });
            expect(eod).toHaveLength(daysInYearMonth(b.period));
            grossOf.set(
              a.id,
              sukarelaMonthInterest(a.product, {
                yearMonth: b.period,
                openingBalanceRupiah: opening,
                endOfDayBalancesRupiah: eod,
                dormant: a.status === 'dormant',
              }),
            );
            eomOf.set(a.id, eod.at(-1)!);
          }
          for (const d of timeDeposits) if (d.gross > 0n) grossOf.set(d.id, d.gross);
          const expected = new Map<
            string,
            { gross: bigint; tax: bigint; fee: bigint; credit: bigint }
          >();
          for (const memberId of members) {
            const mine = [...grossOf.entries()].filter(
              ([id, g]) =>
                g > 0n &&
                [...accounts, ...timeDeposits].some((x) => x.id === id && x.memberId === memberId),
            );
            const shares = withholdIndividualMemberMonth(
              mine.map(([id, g]) => ({ accountId: id.toString(), interestRupiah: g })),
              rule,
            );
            for (const x of [...accounts, ...timeDeposits].filter((y) => y.memberId === memberId)) {
              const gross = grossOf.get(x.id) ?? 0n;
              if (!eomOf.has(x.id) && gross === 0n) continue;
              const tax =
                shares.accounts.find((s) => s.accountId === x.id.toString())?.taxRupiah ?? 0n;
              const sukarela = accounts.find((a) => a.id === x.id);
              // the fee comes out of the balance after interest, never more than is there now
              const eom = eomOf.get(x.id) ?? 0n;
              const fee = sukarela
                ? chargeMonthlyAdminFee(
                    (eom < sukarela.balance ? eom : sukarela.balance) + gross - tax,
                    sukarela.product.monthlyAdminFeeRupiah,
                  ).feeChargedRupiah
                : 0n;
              const credit = sukarela ? x.id : (x as Deposit).creditId!;
              if (gross > 0n || fee > 0n)
                expected.set(x.id.toString(), { gross, tax, fee, credit });
            }
          }
          const lines = await sql<{
            account_id: bigint;
            gross_rupiah: bigint;
            tax_rupiah: bigint;
            fee_rupiah: bigint;
            credit_account_id: bigint;
          }>`
            select account_id, gross_rupiah, tax_rupiah, fee_rupiah, credit_account_id from savings_interest_lines where cooperative_id = ${coop} and period = ${b.period}`.execute(
            o.tx,
          );
          const actual = new Map(
            lines.rows.map((l) => [
              l.account_id.toString(),
              {
                gross: l.gross_rupiah,
                tax: l.tax_rupiah,
                fee: l.fee_rupiah,
                credit: l.credit_account_id,
              },
            ]),
          );
          expect(actual).toEqual(expected);

          // balances: each account gains what its lines credited to it
          const credited = new Map<bigint, bigint>();
          for (const e of expected.values())
            credited.set(e.credit, (credited.get(e.credit) ?? 0n) + e.gross - e.tax - e.fee);
          const ids = [...accounts, ...timeDeposits].map((x) => x.id);
          const balances = await sql<{ id: bigint; balance_rupiah: bigint }>`
            select id, balance_rupiah from savings_accounts where cooperative_id = ${coop} and id in (${sql.join(ids)})`.execute(
            o.tx,
          );
          for (const r of balances.rows) {
            const before = [...accounts, ...timeDeposits].find((x) => x.id === r.id)!.balance;
            expect(r.balance_rupiah).toBe(before + (credited.get(r.id) ?? 0n));
          }
          runs++;
          if ([...expected.values()].some((e) => e.tax > 0n)) taxed++;
          if ([...expected.values()].some((e) => e.fee > 0n)) feed++;
          if (timeDeposits.some((d) => d.gross > 0n)) berjangka++;
          throw new Rollback();
        });
        await expect(outcome).rejects.toBeInstanceOf(Rollback);
      }),
      { numRuns: 200, seed: 20261130 },
    );
    expect(runs).toBe(200);
    // the generated books exercised every part: the tax threshold, the fee, time deposits
    expect(taxed).toBeGreaterThan(10);
    expect(feed).toBeGreaterThan(10);
    expect(berjangka).toBeGreaterThan(10);
    // nothing of the 200 books stayed behind
    const left = await sql<{
      n: bigint;
    }>`select count(*) as n from savings_interest_lines where cooperative_id = ${coop}`.execute(
      file.deps.database.db,
    );
    expect(left.rows[0]!.n).toBe(0n);
  }, 300_000);
});
