import type { RubricId } from '../../domain/supervision/index.js';
import type { ReportKind } from '../../domain/supervision/report.js';
import {
  rubricFiguresFromReport,
  type RubricFigures,
} from '../../domain/supervision/report-to-rubric.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { reportFromBooks } from './reports.js';

/**
 * A cooperative's own self-check: a rubric's rupiah inputs from its live books for a period that
 * closes a quarter or a year (YYYY-03/06/09 → that quarter's report, YYYY-12 → the year's), through
 * the same ledger-to-report path as the reports it shares (reports.ts), and last year's equity from
 * the books at the end of the previous year.
 */

/** The report a month closes: YYYY-12 the year, YYYY-03/06/09 a quarter; undefined otherwise. */
export function reportOfMonth(period: string): { kind: ReportKind; period: string } | undefined {
  const m = /^([0-9]{4})-(03|06|09|12)$/.exec(period);
  if (!m) return undefined;
  const year = m[1]!;
  if (m[2] === '12') return { kind: 'yearly', period: year };
  return { kind: 'quarterly', period: `${year}-Q${Number(m[2]) / 3}` };
}

export async function liveRubricFigures(
  deps: Deps,
  ctx: OrgContext,
  rubricId: RubricId,
  period: string,
): Promise<(RubricFigures & { report: { kind: ReportKind; period: string } }) | undefined> {
  const report = reportOfMonth(period);
  if (!report) return undefined;
  return inOrg(deps, ctx, async (o) => {
    const now = await reportFromBooks(o, report.kind, report.period);
    const lastYear = await reportFromBooks(o, 'yearly', String(Number(period.slice(0, 4)) - 1));
    return { ...rubricFiguresFromReport(rubricId, now, lastYear), report };
  });
}
