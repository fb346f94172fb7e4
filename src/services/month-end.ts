import * as repo from '../db/month-end.repo.js';
import type { JsonValue } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from './context.js';

/**
 * Month-end close per cooperative and month. Areas register their steps (loans: days past due,
 * accrual, penalties, collectibility, provisions, reminders; savings: interest and tax). Each step
 * runs in its own transaction and commits together with its record in month_end_steps, so a
 * second run changes nothing and a run that crashed resumes with the steps not recorded.
 *
 * Steps of one lane run in their order. On PostgreSQL the lanes between two barriers run side by
 * side, each on a connection of its own: the loans' and the savings' steps read and write
 * different tables and post in different journal series, and a close over 500,000 loans and
 * 1,000,000 savings accounts is otherwise one core's work while the other waits
 * (docs/performance.md, "The month-end's two lanes"). On the embedded database (one connection)
 * every step runs in turn, in the global order.
 */
export interface MonthEnd {
  period: string; // 'YYYY-MM'
  firstDay: string;
  lastDay: string; // the as-of date
}

export interface MonthEndStep {
  name: string;
  /** steps run in ascending order */
  order: number;
  /**
   * The steps of a lane run in their order, beside the other lanes' steps between the same two
   * barriers. A step without a lane is a barrier: it runs alone, after every step ordered before
   * it and before every step ordered after it (a step that reads what both lanes wrote).
   */
  lane?: string;
  run(o: OrgTx, m: MonthEnd, deps: Deps): Promise<JsonValue>;
}

const steps: MonthEndStep[] = [];

export function registerMonthEndStep(step: MonthEndStep): void {
  if (steps.some((s) => s.name === step.name))
    throw new Error(`month-end step ${step.name} registered twice`);
  steps.push(step);
  steps.sort((a, b) => a.order - b.order);
}

export function monthEndSteps(): readonly MonthEndStep[] {
  return steps;
}

export function monthOf(period: string): MonthEnd {
  const m = /^([0-9]{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!m) throw new AppError('MONTH_END_PERIOD_INVALID', { period });
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return {
    period,
    firstDay: `${period}-01`,
    lastDay: `${period}-${String(last).padStart(2, '0')}`,
  };
}

export interface MonthEndProgress {
  /** a step is about to start (steps of different lanes may be running at the same time) */
  begin?(name: string): void;
  /** a step has ended: `index` counts the steps ended so far */
  step(name: string, index: number, total: number, skipped: boolean): void;
}

export interface MonthEndResult {
  period: string;
  steps: { name: string; skipped: boolean; result: JsonValue }[];
}

/**
 * The steps in stages: each stage is one or more lanes (each a list of steps in order) that may run
 * side by side; a barrier step is a stage of its own. The stages keep the global order.
 */
export function monthEndStages(all: readonly MonthEndStep[] = steps): MonthEndStep[][][] {
  const stages: MonthEndStep[][][] = [];
  let lanes = new Map<string, MonthEndStep[]>();
  for (const step of all) {
    if (step.lane === undefined) {
      if (lanes.size > 0) stages.push([...lanes.values()]);
      stages.push([[step]]);
      lanes = new Map();
      continue;
    }
    const lane = lanes.get(step.lane);
    if (lane) lane.push(step);
    else lanes.set(step.lane, [step]);
  }
  if (lanes.size > 0) stages.push([...lanes.values()]);
  return stages;
}

export async function runMonthEnd(
  deps: Deps,
  ctx: OrgContext,
  period: string,
  progress?: MonthEndProgress,
): Promise<MonthEndResult> {
  const m = monthOf(period);
  await inOrg(deps, ctx, async (o) => {
    await repo.ensureRun(o.tx, ctx.organizationId, period);
  });
  const results = new Map<string, { skipped: boolean; result: JsonValue }>();
  let finished = 0;
  const runStep = async (step: MonthEndStep, alongside: boolean) => {
    progress?.begin?.(step.name);
    const done = await inOrg(deps, ctx, async (o) => {
      // two closes of the same month take turns: a step run alone locks the run row; a step run
      // beside another lane shares the run row and takes its lane's lock
      await repo.lockRun(o.tx, ctx.organizationId, period, alongside ? step.lane : undefined);
      const prior = await repo.stepResult(o.tx, ctx.organizationId, period, step.name);
      if (prior) return { skipped: true, result: prior.result };
      const result = await step.run(o, m, deps);
      await repo.recordStep(o.tx, ctx.organizationId, period, step.name, result);
      await o.audit({
        action: 'month-end.step',
        entityType: 'month-end',
        entityId: `${period}:${step.name}`,
        after: result,
      });
      return { skipped: false, result };
    });
    results.set(step.name, done);
    progress?.step(step.name, ++finished, steps.length, done.skipped);
  };
  const sideBySide = deps.database.kind === 'postgres';
  for (const stage of monthEndStages()) {
    if (sideBySide && stage.length > 1) {
      // every lane runs to its end or its first failure; the first failure is thrown once the
      // other lanes have stopped, so nothing of this close still runs when the caller hears of it
      const settled = await Promise.allSettled(
        stage.map(async (lane) => {
          for (const step of lane) await runStep(step, true);
        }),
      );
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    } else {
      for (const step of stage.flat().sort((x, y) => x.order - y.order)) await runStep(step, false);
    }
  }
  await inOrg(deps, ctx, async (o) => {
    await repo.markRunDone(o.tx, ctx.organizationId, period);
  });
  return { period, steps: steps.map((s) => ({ name: s.name, ...results.get(s.name)! })) };
}

export async function monthEndStatus(deps: Deps, ctx: OrgContext, period: string) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const status = await repo.runStatus(tx, ctx.organizationId, period);
    const done = await repo.stepResults(tx, ctx.organizationId, period);
    const byName = new Map(done.map((r) => [r.step, r.result]));
    return {
      period,
      status: status ?? 'not-started',
      steps: steps.map((s) => ({
        name: s.name,
        done: byName.has(s.name),
        result: byName.get(s.name) ?? null,
      })),
    };
  });
}
