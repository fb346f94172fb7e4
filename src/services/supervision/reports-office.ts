import * as repo from '../../db/supervision-reports.repo.js';
import { businessDateWib, type IsoDate } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import {
  canonicalReportJson,
  checkReport,
  dueDateOf,
  endedPeriods,
  reportFromEntry,
  rulesInForce,
  timeliness,
  TIMELINESS,
  type EnteredReport,
  type ReportKind,
  type Timeliness,
} from '../../domain/supervision/report.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { regionOf } from '../registry/entries.js';
import {
  headlineOf,
  periodOrRefuse,
  refused,
  reminderView,
  ruleOf,
  sha256,
  versionDetail,
  versionView,
  type Lang,
} from './reports.js';

/**
 * Reports to the supervising office (issue 15 item 3), the office's side: typing the report of a
 * cooperative that is not on Sokoguru (form or Excel; checked on entry, refused whole), the
 * completeness and timeliness of every cooperative's reports per period, reminders, the
 * reporting rules, and a cooperative's versions. Every call runs in the office's tenant
 * transaction: row-level security holds it to its region. No member-level data is read here.
 */

async function target(o: OrgTx, region: string, registryId: bigint) {
  const t = await repo.registryTarget(o.tx, region, registryId);
  if (!t) throw new AppError('NOT_FOUND');
  return t;
}

/** Refuses a report with problems; the version otherwise, stored as the next one. */
export async function storeEntered(
  o: OrgTx,
  deps: Deps,
  region: string,
  registryId: bigint,
  entered: EnteredReport,
  channel: 'form' | 'excel',
  lang: Lang,
): Promise<{ id: bigint; version: number; contentSha256: string }> {
  const p = periodOrRefuse(entered.kind, entered.period, lang);
  const today = businessDateWib(deps.clock());
  if (p.endsOn >= today) throw refused([{ field: 'period', code: 'PERIOD_NOT_ENDED' }], lang);
  const t = await target(o, region, registryId);
  if (t.linked) throw refused([{ field: 'registryId', code: 'ON_SOKOGURU' }], lang);
  const report = reportFromEntry(entered);
  const problems = checkReport(report);
  if (problems.length > 0) throw refused(problems, lang);
  if (!o.ctx.actor.userId) throw new AppError('FORBIDDEN');
  const text = canonicalReportJson(report);
  const contentSha256 = sha256(text);
  const now = deps.clock();
  const v = await repo.insertVersion(o.tx, {
    regionCode: t.region_code,
    registryId,
    kind: entered.kind,
    period: entered.period,
    channel,
    content: JSON.parse(text),
    contentSha256,
    submittedAt: now,
    submittedOn: businessDateWib(now),
    submittedBy: o.ctx.actor.userId,
    submittedByOrg: o.ctx.organizationId,
    approvedBy: null,
    approvalId: null,
    headline: headlineOf(report),
  });
  await o.audit({
    action: 'supervision.report.entered',
    entityType: 'supervision_report',
    entityId: v.id,
    after: {
      registryId: registryId.toString(),
      kind: entered.kind,
      period: entered.period,
      version: v.version,
      channel,
      sha256: contentSha256,
    },
  });
  return { ...v, contentSha256 };
}

/** The office types a cooperative's report from its paper report (form channel). */
export async function enterReport(
  deps: Deps,
  ctx: OrgContext,
  registryId: bigint,
  entered: EnteredReport,
  lang: Lang,
) {
  return inOrg(deps, ctx, async (o) =>
    storeEntered(o, deps, await regionOf(o), registryId, entered, 'form', lang),
  );
}

/** A cooperative's versions and the reminders it was sent, for the office. */
export async function cooperativeReports(deps: Deps, ctx: OrgContext, registryId: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const t = await target(o, region, registryId);
    const [versions, reminders] = await Promise.all([
      repo.versionsOf(o.tx, registryId, { limit: 500 }),
      repo.remindersOf(o.tx, [registryId], 200),
    ]);
    return {
      registryId: t.id.toString(),
      name: t.name,
      linked: t.linked,
      versions: versions.map(versionView),
      reminders: reminders.map(reminderView),
    };
  });
}

export async function officeVersion(deps: Deps, ctx: OrgContext, registryId: bigint, id: bigint) {
  return inOrg(deps, ctx, async (o) => {
    await target(o, await regionOf(o), registryId);
    return versionDetail(o, registryId, id);
  });
}

export const COMPLETENESS_PERIODS_MAX = 12;
export const COMPLETENESS_ROWS_MAX = 1000;

export interface CompletenessCell {
  period: string;
  dueOn: IsoDate | null;
  status: Timeliness;
  firstSubmittedOn: IsoDate | null;
  versions: number;
  latestVersionId: string | null;
  channel: string | null;
}

/**
 * Completeness and timeliness: for each cooperative under the office (active ones unless asked)
 * and each of the last `periods` ended periods of a kind, whether its report came on time, late,
 * is missing or not yet due, with the counts per period. Two statements: the registry page and
 * one aggregate over the versions.
 */
export async function completeness(
  deps: Deps,
  ctx: OrgContext,
  q: {
    kind: ReportKind;
    periods: number;
    regionCode?: string;
    afterId?: bigint;
    limit: number;
  },
) {
  const today = businessDateWib(deps.clock());
  const periods = endedPeriods(q.kind, today, Math.min(q.periods, COMPLETENESS_PERIODS_MAX));
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const rows = await repo.registryTargets(o.tx, region, {
      status: 'active',
      ...(q.regionCode ? { regionCode: q.regionCode } : {}),
      ...(q.afterId !== undefined ? { afterId: q.afterId } : {}),
      limit: Math.min(q.limit, COMPLETENESS_ROWS_MAX),
    });
    const [subs, schedules] = await Promise.all([
      repo.submissionsFor(
        o.tx,
        region,
        rows.map((r) => r.id),
        q.kind,
        periods,
      ),
      repo.schedules(o.tx),
    ]);
    const rules = schedules.map(ruleOf);
    const byKey = new Map(subs.map((s) => [`${s.registry_id}|${s.period}`, s]));
    const inForce = new Map<string, ReturnType<typeof rulesInForce>>();
    const summary = periods.map((period) => ({
      period,
      counts: Object.fromEntries(TIMELINESS.map((t) => [t, 0])) as Record<Timeliness, number>,
    }));
    const items = rows.map((r) => {
      let ruleSet = inForce.get(r.region_code);
      if (!ruleSet) {
        ruleSet = rulesInForce(rules, r.region_code);
        inForce.set(r.region_code, ruleSet);
      }
      const cells = periods.map((period, i): CompletenessCell => {
        const s = byKey.get(`${r.id}|${period}`);
        const dueOn = dueDateOf(ruleSet, q.kind, period);
        const status = timeliness(dueOn, s?.first_submitted_on ?? null, today);
        summary[i]!.counts[status] += 1;
        return {
          period,
          dueOn,
          status,
          firstSubmittedOn: s?.first_submitted_on ?? null,
          versions: s?.versions ?? 0,
          latestVersionId: s ? s.latest_version_id.toString() : null,
          channel: s?.latest_channel ?? null,
        };
      });
      return {
        registryId: r.id.toString(),
        name: r.name,
        regionCode: r.region_code,
        districtCode: r.district_code,
        cooperativeType: r.cooperative_type,
        linked: r.linked,
        cells,
      };
    });
    return {
      kind: q.kind,
      asOf: today,
      periods,
      summary,
      items,
      nextAfterId: rows.length === q.limit ? rows.at(-1)!.id.toString() : null,
    };
  });
}

/** Records a reminder for a report that has not arrived; the cooperative sees it on its page. */
export async function sendReminder(
  deps: Deps,
  ctx: OrgContext,
  registryId: bigint,
  input: { kind: ReportKind; period: string; note: string | null },
  lang: Lang,
) {
  periodOrRefuse(input.kind, input.period, lang);
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const t = await target(o, region, registryId);
    const subs = await repo.submissionsFor(o.tx, region, [registryId], input.kind, [input.period]);
    if (subs.length > 0) throw refused([{ field: 'period', code: 'ALREADY_SUBMITTED' }], lang);
    if (!ctx.actor.userId) throw new AppError('FORBIDDEN');
    const now = deps.clock();
    const id = await repo.insertReminder(o.tx, {
      regionCode: t.region_code,
      registryId,
      kind: input.kind,
      period: input.period,
      note: input.note,
      sentAt: now,
      sentBy: ctx.actor.userId,
    });
    await o.audit({
      action: 'supervision.report.reminded',
      entityType: 'registry_cooperative',
      entityId: registryId,
      after: { kind: input.kind, period: input.period },
    });
    return { id: id.toString(), sentAt: now.toISOString() };
  });
}

/** The rules the office sees: its own, the offices' above it that it follows, those below it. */
export async function listSchedules(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const rows = await repo.schedules(o.tx);
    return {
      regionCode: region,
      inForce: rulesInForce(rows.map(ruleOf), region),
      rules: rows.map((s) => ({
        id: s.id.toString(),
        regionCode: s.region_code,
        kind: s.report_kind,
        required: s.required,
        dueDays: s.due_days,
        effectiveFrom: s.effective_from,
      })),
    };
  });
}

/**
 * The office sets (from a date) which report kind is due how many days after each period ends.
 * A rule for a date already set is refused (rules are dated rows, never edited).
 */
export async function setSchedule(
  deps: Deps,
  ctx: OrgContext,
  input: { kind: ReportKind; dueDays: number; required: boolean; effectiveFrom: IsoDate },
) {
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const id = await repo.insertSchedule(o.tx, {
      regionCode: region,
      ...input,
      setBy: ctx.actor.userId,
    });
    if (id === undefined)
      throw new AppError('VALIDATION_FAILED', { field: 'effectiveFrom' }, 'rule exists for date');
    await o.audit({
      action: 'supervision.schedule.set',
      entityType: 'supervision_report_schedule',
      entityId: id,
      after: { ...input, regionCode: region },
    });
    return { id: id.toString() };
  });
}
