import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../../src/ledger/verify.js';
import { runMonthEnd } from '../../../src/services/loans.js';
import { monthEndStages } from '../../../src/services/month-end.js';
import { testDepsForFile } from '../../support/db.js';
import { loanWorld } from './setup.js';

const file = testDepsForFile();

describe('month-end lanes', () => {
  it('the loans and the savings steps are two lanes; bagi hasil and maturity are barriers', () => {
    const names = monthEndStages().map((stage) => stage.map((lane) => lane.map((s) => s.name)));
    expect(names).toEqual([
      [
        [
          'loans-days-past-due',
          'loans-accrual',
          'loans-penalty',
          'loans-collectibility',
          'loans-provision',
        ],
        ['savings-dormancy', 'savings-interest'],
      ],
      [['savings-bagi-hasil']],
      [['savings-maturity']],
      [['loans-reminders']],
    ]);
  });

  it('on PostgreSQL the lanes run side by side, on the embedded database one step after another; two closes of one month at once run each step once', async () => {
    const w = await loanWorld(file.deps);
    const events: string[] = [];
    const result = await runMonthEnd(file.deps, w.pengurus, '2026-01', {
      begin: (name) => events.push(`begin ${name}`),
      step: (name) => events.push(`end ${name}`),
    });
    expect(result.steps.map((s) => s.name)).toEqual(
      monthEndStages()
        .flat(2)
        .map((s) => s.name),
    );
    expect(result.steps.every((s) => !s.skipped)).toBe(true);
    const savingsBegins = events.indexOf('begin savings-dormancy');
    const firstLoanEnds = events.indexOf('end loans-days-past-due');
    if (file.deps.database.kind === 'postgres') {
      // the savings lane started while the loans lane's first step was still running
      expect(savingsBegins).toBeLessThan(firstLoanEnds);
    } else {
      // every step begins after the one before it has ended, in the global order
      expect(events).toEqual(result.steps.flatMap((s) => [`begin ${s.name}`, `end ${s.name}`]));
    }
    // the barriers waited for both lanes
    const bagiHasil = events.indexOf('begin savings-bagi-hasil');
    expect(bagiHasil).toBeGreaterThan(events.indexOf('end loans-provision'));
    expect(bagiHasil).toBeGreaterThan(events.indexOf('end savings-interest'));

    // two closes of the next month at the same time: every step is done by exactly one of them
    const [a, b] = await Promise.all([
      runMonthEnd(file.deps, w.pengurus, '2026-02'),
      runMonthEnd(file.deps, w.pengurus, '2026-02'),
    ]);
    for (const [i, step] of a.steps.entries())
      expect([step.skipped, b.steps[i]!.skipped].sort()).toEqual([false, true]);
    const recorded = await sql<{ n: bigint }>`
      select count(*) as n from month_end_steps where cooperative_id = ${w.coop.id} and period = '2026-02'`.execute(
      file.deps.database.db,
    );
    expect(Number(recorded.rows[0]!.n)).toBe(a.steps.length);
    expect(await verifyLedger(file.deps.database.db, w.coop.id)).toEqual([]);
  });
});
