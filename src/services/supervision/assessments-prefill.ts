import { findRegistryRow } from '../../db/registry.repo.js';
import * as reports from '../../db/supervision-reports.repo.js';
import { AppError } from '../../domain/errors.js';
import { reportFromJson, type CooperativeReport } from '../../domain/supervision/report.js';
import { rubricFiguresFromReport } from '../../domain/supervision/report-to-rubric.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { regionOf } from '../registry/entries.js';
import { reportOfMonth } from './assessments-books.js';
import { isRubricId } from './assessments-rubrics.js';

/**
 * The figures a new assessment starts from: the latest version of the report the cooperative
 * shared (or the office entered) for the period the assessment closes on, read as the rubric's
 * inputs (report-to-rubric.ts), with last year's equity from the report at the end of the previous
 * year. No report for the period: nothing is prefilled and the examiner enters every figure.
 */

async function latestReport(
  o: OrgTx,
  registryId: bigint,
  kind: 'quarterly' | 'yearly',
  period: string,
): Promise<{ id: bigint; report: CooperativeReport } | undefined> {
  const [latest] = await reports.versionsOf(o.tx, registryId, { kind, period, limit: 1 });
  if (!latest) return undefined;
  const row = await reports.versionContent(o.tx, registryId, latest.id);
  return row ? { id: row.id, report: reportFromJson(row.content) } : undefined;
}

export async function prefillFigures(
  deps: Deps,
  ctx: OrgContext,
  q: { registryId: bigint; rubricId: string; period: string },
) {
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    if (!(await findRegistryRow(o.tx, region, q.registryId))) throw new AppError('NOT_FOUND');
    if (!isRubricId(q.rubricId))
      throw new AppError('VALIDATION_FAILED', { field: 'rubricId' }, 'unknown rubric', [
        { field: 'rubricId', code: 'UNKNOWN_RUBRIC', message: 'UNKNOWN_RUBRIC' },
      ]);
    const which = reportOfMonth(q.period);
    const now = which ? await latestReport(o, q.registryId, which.kind, which.period) : undefined;
    if (!which || !now)
      return { reportVersionId: null, report: null, figures: {}, readings: {}, missing: [] };
    const year = String(Number(q.period.slice(0, 4)) - 1);
    const lastYear =
      (await latestReport(o, q.registryId, 'yearly', year)) ??
      (await latestReport(o, q.registryId, 'quarterly', `${year}-Q4`));
    const read = rubricFiguresFromReport(q.rubricId, now.report, lastYear?.report);
    return {
      reportVersionId: now.id.toString(),
      report: which,
      figures: Object.fromEntries(Object.entries(read.figures).map(([k, v]) => [k, v.toString()])),
      readings: read.readings,
      missing: read.missing,
    };
  });
}
