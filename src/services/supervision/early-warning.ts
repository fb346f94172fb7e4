import { createHash } from 'node:crypto';
import * as repo from '../../db/early-warning.repo.js';
import { schedules } from '../../db/supervision-reports.repo.js';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import {
  DEFAULT_THRESHOLDS,
  peerPercentiles,
  ratBookYearDue,
  ratDeadline,
  watchList,
  type CooperativeIndicators,
  type WarningThresholds,
} from '../../domain/supervision/early-warning.js';
import { alertDigest } from '../../domain/supervision/early-warning-messages.js';
import { dueDateOf, endedPeriods, rulesInForce } from '../../domain/supervision/report.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { regionOf } from '../registry/entries.js';
import { ruleOf } from './reports.js';

/**
 * Early warning for a supervising office (docs/domain/supervision-early-warning.md): the watch
 * list over every active cooperative of its region (rules in src/domain/supervision/early-warning.ts)
 * with the thresholds the office set, each ratio's percentile among the region's peers; the
 * alerts raised to the officer in charge of each cooperative when a rule starts firing or gets
 * worse; the RATs held and the officer in charge, both kept on the registry row. Missing reports
 * are counted over the last four ended quarters whose report is due under the office's rules.
 */

export const MISSING_WINDOW_QUARTERS = 4;
/** The latest report is the newest of the last twelve quarters (older ones give no ratios). */
export const REPORT_WINDOW_QUARTERS = 12;
/** The watch list answers its worst cooperatives (a province may flag thousands) and their count. */
export const WATCH_LIST_LIMIT = 100;

const thresholdsOfRow = (r: repo.ThresholdRow): WarningThresholds => ({
  liquidityMinBps: r.liquidity_min_bps,
  nplMaxBps: r.npl_max_bps,
  capitalMinBps: r.capital_min_bps,
  assetGrowthMinBps: r.asset_growth_min_bps,
  missingReportsMax: r.missing_reports_max,
  ratGraceDays: r.rat_grace_days,
});

/** The thresholds in force for the office: its own newest setting, else the defaults. */
async function thresholdsInForce(o: OrgTx) {
  const row = await repo.currentThresholds(o.tx, o.ctx.organizationId);
  return {
    thresholds: row ? thresholdsOfRow(row) : DEFAULT_THRESHOLDS,
    setBy: row?.set_by_name ?? null,
    setAt: row?.set_at.toISOString() ?? null,
  };
}

export async function warningThresholds(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async (o) => {
    await regionOf(o);
    return { ...(await thresholdsInForce(o)), defaults: DEFAULT_THRESHOLDS };
  });
}

/** Sets the office's thresholds (a new row: the old ones stay on record), audited. */
export async function setWarningThresholds(deps: Deps, ctx: OrgContext, t: WarningThresholds) {
  return inOrg(deps, ctx, async (o) => {
    await regionOf(o);
    const before = await thresholdsInForce(o);
    await repo.insertThresholds(
      o.tx,
      ctx.organizationId,
      {
        liquidity_min_bps: t.liquidityMinBps,
        npl_max_bps: t.nplMaxBps,
        capital_min_bps: t.capitalMinBps,
        asset_growth_min_bps: t.assetGrowthMinBps,
        missing_reports_max: t.missingReportsMax,
        rat_grace_days: t.ratGraceDays,
      },
      ctx.actor.userId,
    );
    await o.audit({
      action: 'early-warning.thresholds-set',
      entityType: 'early-warning-thresholds',
      entityId: ctx.organizationId,
      before: { ...before.thresholds },
      after: { ...t },
    });
    return { ...(await thresholdsInForce(o)), defaults: DEFAULT_THRESHOLDS };
  });
}

/** Every active cooperative's indicators on `today`, under the office's reporting rules. */
async function indicators(o: OrgTx, today: string, t: WarningThresholds) {
  const region = await regionOf(o);
  const rules = rulesInForce((await schedules(o.tx)).map(ruleOf), region);
  const due = endedPeriods('quarterly', today, MISSING_WINDOW_QUARTERS).filter((p) => {
    const d = dueDateOf(rules, 'quarterly', p);
    return d !== null && d < today;
  });
  const ratYear = ratBookYearDue(today, t.ratGraceDays);
  const window = endedPeriods('quarterly', today, REPORT_WINDOW_QUARTERS);
  const rows = await repo.indicatorRows(o.tx, region, window, due, ratYear);
  const all: (CooperativeIndicators & { officerUserId: string | null })[] = rows.map((r) => ({
    registryId: r.registry_id.toString(),
    name: r.name,
    latestPeriod: r.period,
    kasBankRupiah: r.kas_bank,
    kewajibanLancarRupiah: r.kewajiban_lancar,
    pinjamanRupiah: r.pinjaman,
    pinjamanBermasalahRupiah: r.pinjaman_bermasalah,
    ekuitasRupiah: r.ekuitas,
    asetRupiah: r.aset,
    asetYearAgoRupiah: r.aset_year_ago,
    shuRupiah: r.shu,
    missingReports: due.length - r.received,
    predikat: r.predikat,
    // a cooperative founded after the book year ended owes no RAT for it
    rat:
      r.badan_hukum_date !== null && r.badan_hukum_date > `${ratYear}-12-31`
        ? null
        : { bookYear: ratYear, heldOn: r.rat_held_on, previousHeld: r.rat_previous_held },
    officerUserId: r.officer_user_id,
  }));
  return { due, ratYear, all };
}

/**
 * The office's watch list with its thresholds in force, or with `trial` thresholds laid over them
 * (an officer trying values before the office sets them).
 */
export async function watchListOf(
  deps: Deps,
  ctx: OrgContext,
  trial: Partial<WarningThresholds> = {},
  limit = WATCH_LIST_LIMIT,
) {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const inForce = await thresholdsInForce(o);
    const t: WarningThresholds = { ...inForce.thresholds, ...trial };
    const { due, ratYear, all } = await indicators(o, today, t);
    const peers = peerPercentiles(all);
    const ranked = watchList(all, t);
    const byId = new Map(all.map((c) => [c.registryId, c]));
    const officers = new Map(
      (await repo.officersOf(o.tx, ctx.organizationId)).map((u) => [u.id, u.full_name]),
    );
    return {
      thresholds: t,
      duePeriods: due,
      ratBookYear: ratYear,
      ratDeadline: ratDeadline(ratYear),
      cooperatives: all.length,
      listed: ranked.length,
      items: ranked.slice(0, limit).map((e) => {
        const officer = byId.get(e.registryId)?.officerUserId ?? null;
        return {
          ...e,
          latestPeriod: byId.get(e.registryId)?.latestPeriod ?? null,
          percentiles: peers.get(e.registryId) ?? null,
          officer: officer ? { userId: officer, fullName: officers.get(officer) ?? '' } : null,
        };
      }),
    };
  });
}

/**
 * Checks the region with the thresholds in force and brings the alerts in line: a rule that starts
 * firing raises an alert to the officer in charge, one that gets worse escalates it, one that
 * stops clears it. Each officer with news gets one message through the outbox (WhatsApp to the
 * phone on file, else the log), in the same transaction as the alerts.
 */
export async function checkAlerts(deps: Deps, ctx: OrgContext) {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const { thresholds } = await thresholdsInForce(o);
    const { all } = await indicators(o, today, thresholds);
    const officerOf = new Map(all.map((c) => [c.registryId, c.officerUserId]));
    const firing: repo.FiringRow[] = watchList(all, thresholds).flatMap((e) =>
      e.warnings.map((w) => ({
        registry_id: BigInt(e.registryId),
        rule: w.rule,
        severity: w.severity,
        value: w.value,
        threshold: w.threshold,
        officer_user_id: officerOf.get(e.registryId) ?? null,
      })),
    );
    const r = await repo.reconcileAlerts(o.tx, ctx.organizationId, today, firing);
    const names = new Map(all.map((c) => [c.registryId, c.name]));
    const officers = new Map(
      (await repo.officersOf(o.tx, ctx.organizationId)).map((u) => [u.id, u]),
    );
    const byOfficer = new Map<string, repo.AlertChange[]>();
    for (const c of r.changes) {
      if (!c.officer_user_id || !officers.has(c.officer_user_id)) continue;
      byOfficer.set(c.officer_user_id, [...(byOfficer.get(c.officer_user_id) ?? []), c]);
    }
    for (const [userId, changes] of byOfficer) {
      const u = officers.get(userId)!;
      const key = createHash('sha256')
        .update(changes.map((c) => `${c.id}:${c.severity}`).join(','))
        .digest('hex')
        .slice(0, 32);
      await repo.queueOfficerMessage(o.tx, ctx.organizationId, {
        userId,
        channel: u.phone ? 'whatsapp' : 'console',
        recipient: u.phone,
        template: 'early-warning.digest',
        body: alertDigest(
          u.locale === 'en' ? 'en' : 'id',
          changes.map((c) => ({
            cooperative: names.get(c.registry_id.toString()) ?? c.registry_id.toString(),
            rule: c.rule,
            severity: c.severity,
            value: c.value,
            threshold: c.threshold,
            change: c.change,
          })),
        ),
        dedupeKey: `early-warning:${userId}:${key}`,
      });
    }
    const outcome = {
      raised: r.changes.filter((c) => c.change === 'raised').length,
      escalated: r.changes.filter((c) => c.change === 'escalated').length,
      cleared: r.cleared,
      open: r.open,
      officersNotified: byOfficer.size,
      unassigned: r.changes.filter((c) => !c.officer_user_id).length,
    };
    await o.audit({
      action: 'early-warning.checked',
      entityType: 'early-warning-alerts',
      entityId: ctx.organizationId,
      after: outcome,
    });
    return { checkedOn: today, ...outcome };
  });
}

/** The office's alerts: open ones (or all), for the asking officer or everyone's. */
export async function alertList(
  deps: Deps,
  ctx: OrgContext,
  q: { mine: boolean; open: boolean; limit: number },
) {
  return inOrg(deps, ctx, async (o) => {
    await regionOf(o);
    if (q.mine && !ctx.actor.userId) return { items: [] };
    const rows = await repo.alertsOf(o.tx, ctx.organizationId, {
      ...(q.mine && ctx.actor.userId ? { officerUserId: ctx.actor.userId } : {}),
      open: q.open,
      limit: q.limit,
    });
    return {
      items: rows.map((a) => ({
        id: a.id.toString(),
        registryId: a.registry_id.toString(),
        cooperative: a.name,
        rule: a.rule,
        severity: a.severity,
        value: a.value,
        threshold: a.threshold,
        officer: a.officer_user_id
          ? { userId: a.officer_user_id, fullName: a.officer_name ?? '' }
          : null,
        raisedOn: a.raised_on,
        checkedOn: a.checked_on,
        clearedOn: a.cleared_on,
        acknowledgedAt: a.acknowledged_at?.toISOString() ?? null,
      })),
    };
  });
}

export async function acknowledgeAlert(deps: Deps, ctx: OrgContext, id: bigint) {
  return inOrg(deps, ctx, async (o) => {
    if (!(await repo.acknowledgeAlert(o.tx, ctx.organizationId, id, ctx.actor.userId)))
      throw new AppError('NOT_FOUND');
    await o.audit({
      action: 'early-warning.alert-acknowledged',
      entityType: 'early-warning-alert',
      entityId: id,
    });
  });
}

/** The office's users who can be put in charge of a cooperative. */
export async function officerList(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async (o) => {
    await regionOf(o);
    return {
      items: (await repo.officersOf(o.tx, ctx.organizationId)).map((u) => ({
        userId: u.id,
        fullName: u.full_name,
      })),
    };
  });
}
