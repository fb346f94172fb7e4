import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { chargePenalties } from '../../../src/db/loans/month-end.repo.js';
import type { ScheduleRow } from '../../../src/db/loans/loans.repo.js';
import { insertProduct } from '../../../src/db/loans/products.repo.js';
import {
  penaltyForMonth,
  type PenaltyKind,
  type UnablePeriod,
} from '../../../src/domain/loans/penalty.js';
import { addDays } from '../../../src/domain/calendar.js';
import { monthOf } from '../../../src/services/month-end.js';
import { loanArb, loanWorldForFile, rolledBack, writeBook } from './book.js';
import { FLAT_PRODUCT } from './setup.js';

/**
 * The month-end's denda statement (chargePenalties, set-based SQL) against penaltyForMonth of
 * src/domain/loans/penalty.ts over generated books: every kind, grace and cap, partly paid and
 * already charged instalments, paid ones, written-off loans and old schedule versions, and loans
 * marked unable to pay (tidak mampu) over some days of the month or all of it (marked / lifted
 * events, migration 0025). Each book lives in a transaction rolled back after the run.
 */

const RUNS = 200;

const file = loanWorldForFile();

const termsArb = fc.record({
  kind: fc.constantFrom<PenaltyKind>('none', 'daily_percent', 'daily_percent', 'fixed'),
  // up to six decimals, at most 10 % a day (the column's check)
  dailyMillionths: fc.oneof(
    fc.constantFrom(100_000, 50_000, 1_000_000),
    fc.integer({ min: 0, max: 10_000_000 }),
  ),
  fixedRupiah: fc.bigInt(0n, 200_000n),
  graceDays: fc.integer({ min: 0, max: 40 }),
  capped: fc.boolean(),
});

const percentText = (millionths: number) =>
  `${Math.floor(millionths / 1_000_000)}.${String(millionths % 1_000_000).padStart(6, '0')}`;

/**
 * Days (relative to the month's last day) an officer marked the loan unable, lifted, marked again…:
 * sorted, so the events alternate and their dates never go back.
 */
const inabilityArb = fc
  .uniqueArray(fc.integer({ min: -70, max: 5 }), { maxLength: 3 })
  .map((xs) => [...xs].sort((a, b) => a - b));

/** The unable periods of the event days: [marked, next lifted) pairs. */
function periodsOf(days: readonly number[], lastDay: string): UnablePeriod[] {
  const out: UnablePeriod[] = [];
  for (let k = 0; k < days.length; k += 2)
    out.push({
      fromOn: addDays(lastDay, days[k]!),
      toOn: days[k + 1] === undefined ? null : addDays(lastDay, days[k + 1]!),
    });
  return out;
}

let code = 0;
/** how many instalments of each kind were charged over all runs: the books must exercise both */
const chargedOf = { daily_percent: 0, fixed: 0, none: 0 };
/** instalments whose denda the inability marks lowered (the marks must take effect somewhere) */
let lowered = 0;

describe('denda: the set-based SQL agrees with the domain rule', () => {
  it(`charges every overdue instalment what penaltyForMonth says (${RUNS} generated books)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(termsArb, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('2026-01', '2026-02', '2026-07', '2026-12'),
        fc.array(loanArb(3), { minLength: 1, maxLength: 6 }),
        fc.array(inabilityArb, { minLength: 6, maxLength: 6 }),
        async (products, period, gen, inability) => {
          const loans = gen.map((l) => ({ ...l, productIndex: l.productIndex % products.length }));
          const m = monthOf(period);
          await rolledBack(file.deps, async (tx) => {
            const coop = file.world.coop.id;
            const terms = products.map((t) => ({
              kind: t.kind,
              dailyPercent: percentText(t.dailyMillionths),
              fixedRupiah: t.fixedRupiah,
              graceDays: t.graceDays,
              cappedAtInstalment: t.capped,
            }));
            const productIds = [];
            for (const t of terms) {
              const p = await insertProduct(tx, coop, {
                ...FLAT_PRODUCT,
                code: `DP${++code}`,
                penaltyKind: t.kind,
                penaltyDailyPercent: t.dailyPercent,
                penaltyFixedRupiah: t.fixedRupiah,
                penaltyGraceDays: t.graceDays,
                penaltyCappedAtInstalment: t.cappedAtInstalment,
              });
              if (!p) throw new Error('product insert failed');
              productIds.push(p.id);
            }
            const written = await writeBook(
              tx,
              coop,
              file.world.memberId,
              productIds,
              loans,
              m.lastDay,
            );
            const unableOf = new Map<bigint, UnablePeriod[]>();
            for (const [k, l] of written.entries()) {
              const days = inability[k] ?? [];
              unableOf.set(l.id, periodsOf(days, m.lastDay));
              for (const [n, d] of days.entries())
                await sql`insert into loan_inability_events (cooperative_id, loan_id, event, effective_on, reason, recorded_by)
                  values (${coop}, ${l.id}, ${n % 2 === 0 ? 'marked' : 'lifted'}, ${addDays(m.lastDay, d)}::date,
                    'anggota sakit', ${file.world.officer.actor.userId})`.execute(tx);
            }
            const before = await schedules(tx, coop);

            const result = await chargePenalties(tx, coop, m);

            const after = await schedules(tx, coop);
            let total = 0n;
            const perLoan = new Map<bigint, bigint>();
            for (const row of before) {
              const loan = written.find((l) => l.id === row.loan_id);
              const t = loan ? terms[loan.productIndex] : undefined;
              if (!loan || !t) throw new Error('row of an unknown loan');
              const applies =
                loan.status === 'active' &&
                row.schedule_version === loan.version &&
                row.paid_on === null;
              const instalment = {
                dueOn: row.due_on,
                principalRupiah: row.principal_rupiah,
                interestRupiah: row.interest_rupiah,
                paidPrincipalRupiah: row.paid_principal_rupiah,
                paidInterestRupiah: row.paid_interest_rupiah,
                penaltyRupiah: row.penalty_rupiah,
              };
              const charged = applies
                ? penaltyForMonth(instalment, t, m, unableOf.get(loan.id) ?? [])
                : 0n;
              if (applies && charged < penaltyForMonth(instalment, t, m)) lowered++;
              const now = after.find(
                (x) =>
                  x.loan_id === row.loan_id &&
                  x.schedule_version === row.schedule_version &&
                  x.instalment_no === row.instalment_no,
              );
              expect(now?.penalty_rupiah).toBe(row.penalty_rupiah + charged);
              total += charged;
              if (charged > 0n) chargedOf[t.kind]++;
              if (charged > 0n)
                perLoan.set(row.loan_id, (perLoan.get(row.loan_id) ?? 0n) + charged);
            }
            expect(result.totalRupiah).toBe(total);
            expect(result.loans).toBe(perLoan.size);
            const due = await sql<{ id: bigint; penalty_due_rupiah: bigint }>`
              select id, penalty_due_rupiah from loans where cooperative_id = ${coop}`.execute(tx);
            for (const l of due.rows) expect(l.penalty_due_rupiah).toBe(perLoan.get(l.id) ?? 0n);
            const accrued = await sql<{ loan_id: bigint; penalty_rupiah: bigint }>`
              select loan_id, penalty_rupiah from loan_accruals where cooperative_id = ${coop} and period = ${period}`.execute(
              tx,
            );
            expect(new Map(accrued.rows.map((a) => [a.loan_id, a.penalty_rupiah]))).toEqual(
              perLoan,
            );
          });
        },
      ),
      { numRuns: RUNS },
    );
    expect(chargedOf.daily_percent).toBeGreaterThan(RUNS / 10);
    expect(chargedOf.fixed).toBeGreaterThan(RUNS / 20);
    expect(chargedOf.none).toBe(0);
    expect(lowered).toBeGreaterThan(RUNS / 20);
  });
});

async function schedules(tx: Parameters<Parameters<typeof rolledBack>[1]>[0], coop: string) {
  const r = await sql<ScheduleRow & { loan_id: bigint; schedule_version: number }>`
    select loan_id, schedule_version, instalment_no, due_on::text as due_on, principal_rupiah, interest_rupiah, paid_principal_rupiah,
           paid_interest_rupiah, penalty_rupiah, paid_penalty_rupiah, paid_on::text as paid_on
    from loan_schedules where cooperative_id = ${coop}`.execute(tx);
  return r.rows;
}
