import * as repo from '../db/month-end.repo.js';
import type { JsonValue } from '../db/schema.js';
import { AppError } from '../domain/errors.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from './context.js';

/**
 * Month-end close per cooperative and month. Areas register their steps (loans: days past due,
 * accrual, penalties, collectibility, provisions, reminders; savings: interest and tax). Each step
 * runs in its own transaction and commits together with its record in month_end_steps, so a
 * second run changes nothing and a run that crashed resumes at the first step not recorded.
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
  step(name: string, index: number, total: number, skipped: boolean): void;
}

export interface MonthEndResult {
  period: string;
  steps: { name: string; skipped: boolean; result: JsonValue }[];
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
  const out: MonthEndResult = { period, steps: [] };
  for (const [i, step] of steps.entries()) {
    const done = await inOrg(deps, ctx, async (o) => {
      // the run row serialises two closes of the same month
      await repo.lockRun(o.tx, ctx.organizationId, period);
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
    progress?.step(step.name, i + 1, steps.length, done.skipped);
    out.steps.push({ name: step.name, ...done });
  }
  await inOrg(deps, ctx, async (o) => {
    await repo.markRunDone(o.tx, ctx.organizationId, period);
  });
  return out;
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
