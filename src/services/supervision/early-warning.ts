import { indicatorRows } from '../../db/early-warning.repo.js';
import { schedules } from '../../db/supervision-reports.repo.js';
import { businessDateWib } from '../../domain/calendar.js';
import {
  DEFAULT_THRESHOLDS,
  peerPercentiles,
  watchList,
  type CooperativeIndicators,
  type WarningThresholds,
} from '../../domain/supervision/early-warning.js';
import { dueDateOf, endedPeriods, rulesInForce } from '../../domain/supervision/report.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { regionOf } from '../registry/entries.js';
import { ruleOf } from './reports.js';

/**
 * The office's watch list: early-warning rules over every active cooperative of its region
 * (src/domain/supervision/early-warning.ts) with the thresholds it asks with, ranked worst first,
 * each with its ratios' percentiles among the region's peers. Missing reports are counted over the
 * last four ended quarters whose report is due under the office's reporting rules.
 */

export const MISSING_WINDOW_QUARTERS = 4;

export async function watchListOf(
  deps: Deps,
  ctx: OrgContext,
  thresholds: Partial<WarningThresholds>,
) {
  const today = businessDateWib(deps.clock());
  const t: WarningThresholds = { ...DEFAULT_THRESHOLDS, ...thresholds };
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const rules = rulesInForce((await schedules(o.tx)).map(ruleOf), region);
    const due = endedPeriods('quarterly', today, MISSING_WINDOW_QUARTERS).filter((p) => {
      const d = dueDateOf(rules, 'quarterly', p);
      return d !== null && d < today;
    });
    const rows = await indicatorRows(o.tx, region, due);
    const all: CooperativeIndicators[] = rows.map((r) => ({
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
    }));
    const peers = peerPercentiles(all);
    const latest = new Map(all.map((c) => [c.registryId, c.latestPeriod]));
    return {
      thresholds: t,
      duePeriods: due,
      cooperatives: all.length,
      items: watchList(all, t).map((e) => ({
        ...e,
        latestPeriod: latest.get(e.registryId) ?? null,
        percentiles: peers.get(e.registryId) ?? null,
      })),
    };
  });
}
