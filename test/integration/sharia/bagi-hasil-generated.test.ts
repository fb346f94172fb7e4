import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../src/domain/calendar.js';
import {
  computeBagiHasil,
  rational,
  type BagiHasilProduct,
  type BalanceSegment,
} from '../../../src/domain/sharia/bagi-hasil.js';
import { distributeMonth } from '../../../src/services/bagi-hasil.js';
import { inOrg, systemContext, type OrgContext } from '../../../src/services/context.js';
import { postEntry } from '../../../src/services/ledger.js';
import { monthOf } from '../../../src/services/month-end.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { testDepsForFile } from '../../support/db.js';
import { makeUser } from '../../support/fixtures.js';

/**
 * The month-end's distribution SQL (src/db/bagi-hasil.repo.ts) against the pure domain
 * (`computeBagiHasil`) over generated books: mudharabah savings and deposits and wadiah with
 * movements before, in and after the month, accounts opened during it, members on another nisbah
 * (a raise before the month, one agreed during it that counts from the next), random income and
 * financing. Every account's share must be the domain's, rupiah for rupiah; each run rolls back.
 */

const PERIODS = ['2026-02', '2026-04', '2026-07', '2028-02'] as const;
const rupiah = fc
  .tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom(1_000n, 100_000n, 10_000_000n))
  .map(([n, scale]) => BigInt(n) * scale);
const book = fc.record({
  period: fc.constantFrom(...PERIODS),
  income: fc.bigInt({ min: 0n, max: 5_000_000_000n }),
  financingAverage: fc.bigInt({ min: 0n, max: 50_000_000_000n }),
  weights: fc.tuple(
    fc.integer({ min: 0, max: 10_000 }),
    fc.integer({ min: 0, max: 10_000 }),
    fc.integer({ min: 0, max: 10_000 }),
  ),
  products: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 2 }),
  accounts: fc.array(
    fc.record({
      product: fc.nat(3), // 0..n-1 mudharabah products, then wadiah, then the deposit
      openedOffset: fc.integer({ min: -60, max: 25 }),
      nisbah: fc.option(
        fc.record({
          bps: fc.integer({ min: 0, max: 10_000 }),
          from: fc.integer({ min: -40, max: 20 }),
        }),
        { freq: 3 },
      ),
      moves: fc.array(
        fc.record({
          offset: fc.integer({ min: 0, max: 80 }),
          amount: rupiah,
          way: fc.constantFrom('in' as const, 'in' as const, 'out' as const, 'all-out' as const),
        }),
        { maxLength: 6 },
      ),
    }),
    { minLength: 1, maxLength: 10 },
  ),
});

const file = testDepsForFile({ clock: () => new Date('2026-11-01T03:00:00Z') });
class Rollback extends Error {}

describe('month-end bagi hasil SQL agrees with the domain over generated books', () => {
  it('every account share, 150 books', async () => {
    const { deps } = file;
    const org = await createOrganization(
      deps,
      {
        kind: 'cooperative',
        name: 'KSPPS Uji Sifat Bagi Hasil',
        cooperativeType: 'KSPPS',
        cooperativeForm: 'primer',
        regencyCode: '3375',
        provinceCode: '33',
      },
      'test',
    );
    const coop = org.id;
    const ctx: OrgContext = { ...systemContext(coop, 'test'), roles: ['pengurus'] };
    const db = deps.database.db;
    await sql`
      insert into members (cooperative_id, member_number, status, nik, full_name, birth_date, gender, joined_on)
      select ${coop}, lpad(i::text, 7, '0'), 'active', '3375' || lpad(i::text, 12, '0'),
        'Anggota ' || i, '1980-01-01', 'P', '2020-01-01'
      from generate_series(1, 10) i`.execute(db);
    const teller = await makeUser(deps, org, ['kasir']);
    const members = (
      await sql<{
        id: bigint;
      }>`select id from members where cooperative_id = ${coop} order by id`.execute(db)
    ).rows.map((r) => r.id);
    const entry = await inOrg(deps, ctx, (o) =>
      postEntry(o, {
        entryDate: '2025-12-31',
        description: 'Saldo (uji)',
        source: { type: 'test' },
        lines: [
          { account: { role: 'bank' }, debitRupiah: 1n },
          { account: { role: 'savingsSukarela' }, creditRupiah: 1n },
        ],
      }),
    );
    let runs = 0;
    let paid = 0;
    let mixedNisbah = 0;
    let fundsCovered = 0;

    await fc.assert(
      fc.asyncProperty(book, async (b) => {
        const m = monthOf(b.period);
        const days = Number(m.lastDay.slice(8));
        const outcome = inOrg(deps, ctx, async (o) => {
          // products: mudharabah (one nisbah each), wadiah, a mudharabah deposit (nisbah 4500)
          const productIds: bigint[] = [];
          const insertProduct = async (
            code: string,
            kind: string,
            akad: string,
            settings: object,
          ) =>
            (
              await sql<{
                id: bigint;
              }>`insert into savings_products (cooperative_id, code, name, kind, settings, akad)
                values (${coop}, ${code}, ${code}, ${kind}, ${JSON.stringify(settings)}::jsonb, ${akad})
                returning id`.execute(o.tx)
            ).rows[0]!.id;
          for (const [i, bps] of b.products.entries())
            productIds.push(
              await insertProduct(`GM${i}`, 'sukarela', 'mudharabah', {
                kind: 'sukarela',
                nisbahAnggotaBps: bps,
                interestMethod: 'daily-balance',
                minimumBalanceRupiah: '0',
                minimumBalanceForInterestRupiah: '0',
                monthlyAdminFeeRupiah: '0',
                dayCount: 'actual/365',
                dormantStopsInterest: false,
              }),
            );
          const wadiah = await insertProduct('GW', 'sukarela', 'wadiah', {
            kind: 'sukarela',
            interestMethod: 'daily-balance',
          });
          const deposit = await insertProduct('GB', 'berjangka', 'mudharabah_berjangka', {
            kind: 'berjangka',
            tenors: [{ tenorMonths: 12, nisbahAnggotaBps: 4500 }],
          });
          const kinds = [
            ...productIds.map((id, i) => ({ id, akad: 'mudharabah', nisbah: b.products[i]! })),
            { id: wadiah, akad: 'wadiah', nisbah: 0 },
            { id: deposit, akad: 'mudharabah_berjangka', nisbah: 4500 },
          ];
          const domainProducts = new Map<bigint, BagiHasilProduct & { accounts: never[] }>();
          const accountsOf = new Map<
            bigint,
            {
              id: string;
              balances: BalanceSegment[];
              nisbahAnggota?: ReturnType<typeof rational>;
            }[]
          >();
          for (const [i, a] of b.accounts.entries()) {
            const k = kinds[a.product % kinds.length]!;
            const openedOn = addDays(m.firstDay, a.openedOffset);
            const movements: { date: string; amount: bigint }[] = [];
            let balance = 0n;
            // a deposit is placed once, for its whole principal, on the day it opens
            const moves =
              k.akad === 'mudharabah_berjangka'
                ? [{ offset: 0, amount: a.moves[0]?.amount ?? 1_000_000n, way: 'in' as const }]
                : a.moves;
            for (const mv of [...moves].sort((x, y) => x.offset - y.offset)) {
              const signed = mv.way === 'in' ? mv.amount : mv.way === 'out' ? -mv.amount : -balance;
              if (signed === 0n || balance + signed < 0n) continue;
              balance += signed;
              movements.push({ date: addDays(openedOn, mv.offset), amount: signed });
            }
            const r = await sql<{ id: bigint }>`
              insert into savings_accounts (cooperative_id, account_number, member_id, product_id,
                balance_rupiah, opened_on, tenor_months, term_opened_on, principal_rupiah)
              values (${coop}, ${`G-${i}`}, ${members[i % members.length]!}, ${k.id}, ${balance},
                ${openedOn}, ${k.akad === 'mudharabah_berjangka' ? 12 : null},
                ${k.akad === 'mudharabah_berjangka' ? openedOn : null},
                ${k.akad === 'mudharabah_berjangka' ? balance : null})
              returning id`.execute(o.tx);
            const id = r.rows[0]!.id;
            let after = 0n;
            if (movements.length > 0)
              await sql`insert into savings_transactions (cooperative_id, account_id, kind, sign,
                  amount_rupiah, balance_after_rupiah, transaction_date, entry_id)
                values ${sql.join(
                  movements.map((mv) => {
                    after += mv.amount;
                    return sql`(${coop}, ${id}, ${mv.amount > 0n ? 'deposit' : 'withdrawal'},
                      ${mv.amount > 0n ? 1 : -1}, ${mv.amount > 0n ? mv.amount : -mv.amount},
                      ${after}, ${mv.date}::date, ${entry.entryId})`;
                  }),
                )}`.execute(o.tx);
            // another nisbah: accepted (a raise needs no consent; a lower one names the consent)
            let nisbahBps = k.nisbah;
            if (a.nisbah && k.akad !== 'wadiah') {
              const from = addDays(m.firstDay, a.nisbah.from);
              await sql`insert into savings_account_akad_versions (cooperative_id, account_id,
                  version, nisbah_anggota_bps, effective_from, status, accepted_at, accepted_by, channel)
                values (${coop}, ${id}, 2, ${a.nisbah.bps}, ${from}::date, 'accepted', now(),
                  ${teller.id}, 'counter')`.execute(o.tx);
              // the month's nisbah: in force on its first day, else the opening akad
              if (from <= m.firstDay) nisbahBps = a.nisbah.bps;
            }
            if (openedOn > m.lastDay) continue;
            // end-of-day balances of the month from the movements
            const opening = movements
              .filter((x) => x.date < m.firstDay)
              .reduce((s, x) => s + x.amount, 0n);
            const segments: BalanceSegment[] = [];
            let bal = opening;
            let day = 1;
            for (const mv of movements.filter((x) => x.date >= m.firstDay && x.date <= m.lastDay)) {
              const d = Number(mv.date.slice(8));
              if (d > day) segments.push({ fromDay: day, toDay: d - 1, balanceRupiah: bal });
              bal += mv.amount;
              day = Math.max(day, d);
            }
            segments.push({ fromDay: day, toDay: days, balanceRupiah: bal });
            const list = accountsOf.get(k.id) ?? [];
            list.push({
              id: id.toString(),
              balances: segments.filter((s) => s.balanceRupiah > 0n && s.toDay >= s.fromDay),
              nisbahAnggota: rational(BigInt(k.akad === 'wadiah' ? 0 : nisbahBps), 10000n),
            });
            accountsOf.set(k.id, list);
          }
          const [ww, wm, wb] = b.weights;
          const weightOf = (akad: string) =>
            akad === 'wadiah' ? ww : akad === 'mudharabah' ? wm : wb;
          // the products in the order the SQL reads them (by code); those without accounts drop out
          const ordered = kinds
            .map((k, i) => ({
              ...k,
              code: i < productIds.length ? `GM${i}` : k.akad === 'wadiah' ? 'GW' : 'GB',
            }))
            .filter((k) => accountsOf.has(k.id))
            .sort((x, y) => (x.code < y.code ? -1 : 1));
          for (const k of ordered)
            domainProducts.set(k.id, {
              code: k.code,
              nisbahAnggota: rational(BigInt(k.nisbah), 10000n),
              weight: rational(BigInt(weightOf(k.akad)), 10000n),
              accounts: accountsOf.get(k.id)! as never[],
            });
          const expected = computeBagiHasil({
            days,
            incomeRupiah: b.income,
            averageFinancingRupiah: 0n,
            financingDailySumRupiah: b.financingAverage * BigInt(days),
            products: [...domainProducts.values()],
          });

          const result = await distributeMonth(
            o,
            m,
            { weight_wadiah_bps: ww, weight_mudharabah_bps: wm, weight_berjangka_bps: wb },
            b.income,
            b.financingAverage * BigInt(days),
          );

          const lines = await sql<{ account_id: bigint; share_rupiah: bigint; n: bigint }>`
            select account_id, share_rupiah, daily_balance_sum_rupiah as n from bagi_hasil_lines
            where cooperative_id = ${coop} and period = ${b.period}`.execute(o.tx);
          const actual = new Map(
            lines.rows.map((l) => [l.account_id.toString(), [l.n, l.share_rupiah]]),
          );
          // wadiah and a nisbah of 0 share nothing and get no line
          const noLine = new Set(
            [...accountsOf.values()]
              .flat()
              .filter((a) => a.nisbahAnggota?.n === 0n)
              .map((a) => a.id),
          );
          const want = new Map(
            expected.accounts
              .filter((a) => !noLine.has(a.id))
              .map((a) => [a.id, [a.dailyBalanceSumRupiah, a.shareRupiah]]),
          );
          expect(actual).toEqual(want);
          expect(result.distributed).toBe(expected.distributedRupiah);
          expect(result.divisorIs).toBe(expected.divisorIs);
          runs++;
          if (expected.distributedRupiah > 0n) paid++;
          if (expected.divisorIs === 'funds') fundsCovered++;
          if (b.accounts.some((a) => a.nisbah)) mixedNisbah++;
          throw new Rollback();
        });
        await expect(outcome).rejects.toBeInstanceOf(Rollback);
      }),
      { numRuns: 150, seed: 20261204 },
    );
    expect(runs).toBe(150);
    expect(paid).toBeGreaterThan(40);
    expect(fundsCovered).toBeGreaterThan(10);
    expect(mixedNisbah).toBeGreaterThan(20);
  }, 300_000);
});
