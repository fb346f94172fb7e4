import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { classifyLoans, writeProvisions } from '../../../src/db/loans/month-end.repo.js';
import {
  collectibilityOf,
  daysPastDue,
  DEFAULT_RISK_SETTINGS,
  requiredProvision,
  riskSettingOn,
  type Collectibility,
  type CooperativeRiskSetting,
} from '../../../src/domain/loans/collectibility.js';
import type { Frequency } from '../../../src/domain/loans/schedule.js';
import { addDays } from '../../../src/domain/calendar.js';
import { monthOf } from '../../../src/services/month-end.js';
import { loanArb, loanWorldForFile, rolledBack, writeBook } from './book.js';

/**
 * The month-end's classification (classifyLoans: days past due and class of every active loan in
 * one statement) and PPAP (writeProvisions: the required provision per class) against
 * collectibilityOf and requiredProvision of src/domain/loans/collectibility.ts, over generated
 * books with monthly, weekly and daily instalments, manual classes, restructured floors on
 * probation, and the cooperative's own dated settings (some in force, some later). Each book lives
 * in a transaction rolled back after the run.
 */

const RUNS = 200;

const file = loanWorldForFile();

const settingArb: fc.Arbitrary<CooperativeRiskSetting> = fc
  .record({
    frequency: fc.constantFrom<Frequency>('monthly', 'weekly', 'daily'),
    offsetDays: fc.integer({ min: -500, max: 60 }),
    kl: fc.integer({ min: 1, max: 120 }),
    dGap: fc.integer({ min: 1, max: 120 }),
    mGap: fc.integer({ min: 1, max: 120 }),
    bps: fc.tuple(...[0, 1, 2, 3].map(() => fc.integer({ min: 0, max: 10_000 }))),
  })
  .map((x) => ({
    frequency: x.frequency,
    effectiveFrom: addDays('2026-06-30', x.offsetDays),
    bands: { klFromDays: x.kl, dFromDays: x.kl + x.dGap, mFromDays: x.kl + x.dGap + x.mGap },
    provisionBps: { L: x.bps[0] ?? 0, KL: x.bps[1] ?? 0, D: x.bps[2] ?? 0, M: x.bps[3] ?? 0 },
  }));

const seen: Record<Collectibility, number> = { L: 0, KL: 0, D: 0, M: 0 };

describe('collectibility and PPAP: the set-based SQL agrees with the domain rules', () => {
  it(`classifies every active loan and provisions every class as the domain does (${RUNS} generated books)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('2026-03', '2026-06', '2026-09'),
        fc.array(loanArb(1), { minLength: 1, maxLength: 10 }),
        fc.uniqueArray(settingArb, {
          maxLength: 4,
          selector: (s) => `${s.frequency} ${s.effectiveFrom}`,
        }),
        async (period, loans, own) => {
          const m = monthOf(period);
          await rolledBack(file.deps, async (tx) => {
            const coop = file.world.coop.id;
            if (own.length > 0)
              await sql`insert into loan_risk_settings (cooperative_id, effective_from, frequency, kl_from_days, d_from_days, m_from_days,
                          lancar_bps, kl_bps, d_bps, m_bps)
                        values ${sql.join(
                          own.map(
                            (
                              s,
                            ) => sql`(${coop}::uuid, ${s.effectiveFrom}::date, ${s.frequency}, ${s.bands.klFromDays}::int,
                              ${s.bands.dFromDays}::int, ${s.bands.mFromDays}::int, ${s.provisionBps.L}::int, ${s.provisionBps.KL}::int,
                              ${s.provisionBps.D}::int, ${s.provisionBps.M}::int)`,
                          ),
                        )}`.execute(tx);
            const written = await writeBook(
              tx,
              coop,
              file.world.memberId,
              [BigInt(file.world.product.id)],
              loans,
              m.lastDay,
            );

            const changed = await classifyLoans(tx, coop, m.lastDay, DEFAULT_RISK_SETTINGS);

            const rows = await sql<{
              id: bigint;
              days_past_due: number;
              collectibility: Collectibility;
            }>`
              select id, days_past_due, collectibility from loans where cooperative_id = ${coop}`.execute(
              tx,
            );
            let expectChanged = 0;
            const classed = [];
            for (const l of written) {
              const row = rows.rows.find((r) => r.id === l.id);
              const oldest =
                l.oldestUnpaidOffsetDays === null
                  ? null
                  : addDays(m.lastDay, l.oldestUnpaidOffsetDays);
              if (l.status !== 'active') {
                expect(row).toEqual({
                  id: l.id,
                  days_past_due: l.daysPastDue,
                  collectibility: l.collectibility,
                });
                continue;
              }
              const dpd = daysPastDue(m.lastDay, oldest);
              const c = collectibilityOf(
                {
                  daysPastDue: dpd,
                  manual: l.manual,
                  probationRemaining: l.probationRemaining,
                  restructuredFloor: l.restructuredFloor,
                },
                riskSettingOn(own, l.frequency, m.lastDay).bands,
              );
              expect(row).toEqual({ id: l.id, days_past_due: dpd, collectibility: c });
              if (dpd !== l.daysPastDue || c !== l.collectibility) expectChanged++;
              classed.push({
                collectibility: c,
                outstandingRupiah: l.outstandingRupiah,
                collateralRupiah: l.collateralRupiah,
              });
              seen[c]++;
            }
            expect(changed).toBe(expectChanged);

            const required = await writeProvisions(tx, coop, m, DEFAULT_RISK_SETTINGS);

            const expected = requiredProvision(
              classed,
              riskSettingOn(own, 'monthly', m.lastDay).provisionBps,
            );
            const lines = await sql<{
              collectibility: Collectibility;
              loans: number;
              outstanding_rupiah: bigint;
              base_rupiah: bigint;
              rate_bps: number;
              required_rupiah: bigint;
            }>`
              select collectibility, loans, outstanding_rupiah, base_rupiah, rate_bps, required_rupiah from loan_provisions
              where cooperative_id = ${coop} and period = ${period}
              order by array_position(array['L','KL','D','M'], collectibility)`.execute(tx);
            expect(
              lines.rows.map((x) => ({
                collectibility: x.collectibility,
                loans: x.loans,
                outstandingRupiah: x.outstanding_rupiah,
                baseRupiah: x.base_rupiah,
                rateBps: x.rate_bps,
                requiredRupiah: x.required_rupiah,
              })),
            ).toEqual(expected);
            expect(required).toBe(expected.reduce((s, x) => s + x.requiredRupiah, 0n));
          });
        },
      ),
      { numRuns: RUNS },
    );
    // the books reach every class
    for (const c of ['L', 'KL', 'D', 'M'] as const) expect(seen[c]).toBeGreaterThan(RUNS / 20);
  });
});
