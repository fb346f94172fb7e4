import fc from 'fast-check';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../src/db/schema.js';
import type { Collectibility } from '../../../src/domain/loans/collectibility.js';
import type { Frequency } from '../../../src/domain/loans/schedule.js';
import { addDays } from '../../../src/domain/calendar.js';
import { afterAll, beforeAll } from 'vitest';
import type { Deps } from '../../../src/services/context.js';
import { testDeps, type TestDeps } from '../../support/db.js';
import { loanWorld } from './setup.js';

/**
 * Small generated loan books for the property tests that compare the month-end's SQL with the
 * domain rules. Each book is written inside a transaction that is rolled back after the run, so
 * one database serves every run of a file.
 */

class Rollback extends Error {}

/** One database and one loan world for a test file (its runs roll their books back). */
export function loanWorldForFile() {
  const it: { deps: TestDeps; world: Awaited<ReturnType<typeof loanWorld>> } = {} as never;
  beforeAll(async () => {
    it.deps = await testDeps();
    it.world = await loanWorld(it.deps);
  });
  afterAll(async () => it.deps.close());
  return it;
}

/** Runs `fn` in a transaction and rolls it back (an assertion failing inside is rethrown). */
export async function rolledBack(
  deps: Deps,
  fn: (tx: Transaction<DB>) => Promise<void>,
): Promise<void> {
  await deps.database.db
    .transaction()
    .execute(async (tx) => {
      await fn(tx);
      throw new Rollback();
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
}

export interface GenInstalment {
  dueOffsetDays: number;
  principalRupiah: bigint;
  interestRupiah: bigint;
  /** shares of principal/interest/penalty already paid, in percent */
  paidPct: number;
  penaltyRupiah: bigint;
  paid: boolean;
}

export interface GenLoan {
  productIndex: number;
  status: 'active' | 'written_off';
  frequency: Frequency;
  /** the current schedule is version 2 and version 1 stays (restructured) */
  restructured: boolean;
  instalments: GenInstalment[];
  oldestUnpaidOffsetDays: number | null;
  daysPastDue: number;
  collectibility: Collectibility;
  manual: Exclude<Collectibility, 'L'> | null;
  probationRemaining: number;
  restructuredFloor: Collectibility | null;
  outstandingRupiah: bigint;
  collateralRupiah: bigint;
}

const cls = fc.constantFrom<Collectibility>('L', 'KL', 'D', 'M');

export const instalmentArb: fc.Arbitrary<GenInstalment> = fc.record({
  dueOffsetDays: fc.integer({ min: -120, max: 20 }),
  principalRupiah: fc.bigInt(0n, 5_000_000n),
  interestRupiah: fc.bigInt(0n, 1_000_000n),
  paidPct: fc.constantFrom(0, 0, 30, 100),
  penaltyRupiah: fc.oneof(fc.constant(0n), fc.bigInt(1n, 3_000_000n)),
  paid: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
});

export const loanArb = (products: number): fc.Arbitrary<GenLoan> =>
  fc.record({
    productIndex: fc.integer({ min: 0, max: products - 1 }),
    status: fc.constantFrom<'active' | 'written_off'>('active', 'active', 'active', 'written_off'),
    frequency: fc.constantFrom<Frequency>('monthly', 'weekly', 'daily'),
    restructured: fc.integer({ min: 0, max: 3 }).map((x) => x === 0),
    instalments: fc.array(instalmentArb, { minLength: 1, maxLength: 4 }),
    oldestUnpaidOffsetDays: fc.option(fc.integer({ min: -400, max: 30 }), { freq: 6 }),
    daysPastDue: fc.integer({ min: 0, max: 400 }),
    collectibility: cls,
    manual: fc.option(fc.constantFrom<'KL' | 'D' | 'M'>('KL', 'D', 'M'), { freq: 4 }),
    probationRemaining: fc.constantFrom(0, 0, 2),
    restructuredFloor: fc.option(cls, { freq: 3 }),
    outstandingRupiah: fc.bigInt(0n, 50_000_000n),
    collateralRupiah: fc.oneof(fc.constant(0n), fc.bigInt(0n, 60_000_000n)),
  });

let loanNo = 0;

export interface WrittenLoan extends GenLoan {
  id: bigint;
  version: number;
}

/**
 * Writes the loans (with their schedule versions and instalments) relative to `on`; returns each
 * loan with its id and current schedule version.
 */
export async function writeBook(
  tx: Transaction<DB>,
  coop: string,
  memberId: bigint,
  productIds: readonly bigint[],
  loans: readonly GenLoan[],
  on: string,
): Promise<WrittenLoan[]> {
  const out: WrittenLoan[] = [];
  if (loans.length === 0) return out;
  const rows = loans.map((l) => {
    loanNo++;
    const productId = productIds[l.productIndex];
    if (productId === undefined) throw new Error('no such product');
    return sql`(${coop}::uuid, ${`T/${loanNo}`}, ${memberId}::bigint, ${productId}::bigint, 'conventional', 'flat', 1.5, 'month',
      ${l.frequency}, 12, 1000000::bigint, '2025-01-01'::date, '2027-01-01'::date, ${l.status}, ${l.restructured ? 2 : 1}::int,
      ${l.outstandingRupiah}::bigint, ${l.collateralRupiah}::bigint,
      ${l.oldestUnpaidOffsetDays === null ? null : addDays(on, l.oldestUnpaidOffsetDays)}::date, ${l.daysPastDue}::int,
      ${l.collectibility}, ${l.manual}, ${l.restructuredFloor}, ${l.probationRemaining}::int)`;
  });
  const ids = await sql<{ id: bigint }>`
    insert into loans (cooperative_id, loan_number, member_id, product_id, akad, method, rate_percent, rate_period, frequency, tenor,
      principal_rupiah, disbursed_on, maturity_on, status, schedule_version, outstanding_principal_rupiah, collateral_value_rupiah,
      oldest_unpaid_due_on, days_past_due, collectibility, manual_collectibility, restructured_floor, probation_remaining)
    values ${sql.join(rows)} returning id`.execute(tx);
  const versions = [];
  const instalments = [];
  for (const [k, l] of loans.entries()) {
    const id = ids.rows[k]?.id;
    if (id === undefined) throw new Error('loan insert returned too few rows');
    const version = l.restructured ? 2 : 1;
    out.push({ ...l, id, version });
    for (let v = 1; v <= version; v++) {
      versions.push(
        sql`(${coop}::uuid, ${id}::bigint, ${v}::int, ${v === 1 ? 'original' : 'reschedule'}, '2025-01-01'::date)`,
      );
      // the old version carries the same instalments: they must be left alone
      for (const [n, i] of l.instalments.entries()) {
        const paidOf = (x: bigint) => (x * BigInt(i.paidPct)) / 100n;
        instalments.push(sql`(${coop}::uuid, ${id}::bigint, ${v}::int, ${n + 1}::int, ${addDays(on, i.dueOffsetDays)}::date,
          ${i.principalRupiah}::bigint, ${i.interestRupiah}::bigint, ${paidOf(i.principalRupiah)}::bigint, ${paidOf(i.interestRupiah)}::bigint,
          ${i.penaltyRupiah}::bigint, ${paidOf(i.penaltyRupiah)}::bigint, ${i.paid ? addDays(on, i.dueOffsetDays) : null}::date)`);
      }
    }
  }
  await sql`insert into loan_schedule_versions (cooperative_id, loan_id, schedule_version, reason, effective_on)
            values ${sql.join(versions)}`.execute(tx);
  await sql`insert into loan_schedules (cooperative_id, loan_id, schedule_version, instalment_no, due_on, principal_rupiah,
              interest_rupiah, paid_principal_rupiah, paid_interest_rupiah, penalty_rupiah, paid_penalty_rupiah, paid_on)
            values ${sql.join(instalments)}`.execute(tx);
  return out;
}
