import { sql } from 'kysely';
import * as ewRepo from '../../db/early-warning.repo.js';
import * as assessmentsRepo from '../../db/health-assessments.repo.js';
import * as registryRepo from '../../db/registry.repo.js';
import * as reportsRepo from '../../db/supervision-reports.repo.js';
import { addDays, businessDateWib } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import {
  CASE_FILE_KINDS,
  orderCaseFile,
  type CaseFileEntry,
  type CaseFileKind,
} from '../../domain/supervision/case-file.js';
import {
  dueDateOf,
  endedPeriods,
  rulesInForce,
  timeliness,
} from '../../domain/supervision/report.js';
import { alertDetail } from '../../domain/supervision/early-warning-messages.js';
import type { AlertRule } from '../../db/schema.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { regionOf } from '../registry/entries.js';
import * as referrals from './funding-referrals.js';
import * as koperasiModern from './koperasi-modern.js';
import * as mediation from './mediation.js';
import * as rat from './rat-compliance.js';
import { ruleOf } from './reports.js';
import * as sanctions from './sanctions.js';
import * as training from './training.js';

/**
 * The case file of one cooperative (issue 16 item 1; docs/domain/supervision-case-file.md): one
 * timeline of everything the office knows and did — its registry history, reports in and
 * missing, assessments, RATs, trainings and certificates, visits, findings, letters and sanctions,
 * koperasi modern checklists, early-warning alerts — each entry dated, attributed, with its
 * documents. Every area gives its own rows as entries (`caseFileEntries`); this merges them in
 * the office's tenant transaction, so row-level security holds every read to its region.
 */

/** Quarters looked back for reports that never arrived. */
export const MISSING_REPORT_QUARTERS = 12;

const STATUS_NAMES: Record<string, string> = {
  active: 'aktif',
  inactive: 'tidak aktif',
  dissolved: 'bubar',
  in_liquidation: 'dalam likuidasi',
};
const RULE_NAMES: Record<string, string> = {
  liquidity: 'Likuiditas',
  npl: 'Pinjaman bermasalah (NPL)',
  capital: 'Permodalan',
  shrinking: 'Aset menyusut',
  loss: 'Rugi',
  reports: 'Laporan tidak masuk',
  rat: 'RAT',
  predikat: 'Predikat kesehatan',
};
const QUARTER = (p: string) => p.replace(/^(\d{4})-Q(\d)$/, 'triwulan $2/$1');

async function registryEntries(
  o: OrgTx,
  region: string,
  row: registryRepo.RegistryRow,
): Promise<CaseFileEntry[]> {
  const history = await registryRepo.statusHistory(o.tx, region, row.id);
  const names = await userNames(
    o,
    history.map((h) => h.recorded_by),
  );
  return history.map((h, i) => ({
    on: h.effective_on,
    kind: 'registry',
    title:
      i === 0
        ? `Tercatat di registri (${STATUS_NAMES[h.status]})`
        : `Status: ${STATUS_NAMES[h.status]}`,
    detail: h.reason ?? '',
    actor: h.recorded_by ? (names.get(h.recorded_by) ?? null) : null,
    documents: [],
    ref: `status:${h.id}`,
  }));
}

async function userNames(o: OrgTx, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const r = await sql<{ id: string; full_name: string }>`
    select id, full_name from users where id = any(${wanted}::uuid[])`.execute(o.tx);
  return new Map(r.rows.map((u) => [u.id, u.full_name]));
}

/** Reports in (each version, on time or late) and the quarters whose report never came. */
async function reportEntries(
  o: OrgTx,
  row: registryRepo.RegistryRow,
  today: string,
): Promise<CaseFileEntry[]> {
  const [versions, reminders, schedules] = await Promise.all([
    reportsRepo.versionsOf(o.tx, row.id, { limit: 500 }),
    reportsRepo.remindersOf(o.tx, [row.id], 200),
    reportsRepo.schedules(o.tx),
  ]);
  const rules = rulesInForce(schedules.map(ruleOf), row.region_code);
  const out: CaseFileEntry[] = versions.map((v) => {
    const due = dueDateOf(rules, v.report_kind, v.period);
    const when = v.version === 1 ? timeliness(due, v.submitted_on, today) : null;
    return {
      on: v.submitted_on,
      kind: 'report',
      title:
        `Laporan ${v.report_kind === 'quarterly' ? QUARTER(v.period) : `tahunan ${v.period}`}` +
        (v.version > 1 ? ` (koreksi, versi ${v.version})` : ''),
      detail:
        (v.channel === 'ledger'
          ? 'Dari pembukuan Sokoguru'
          : v.channel === 'excel'
            ? 'Dari Excel'
            : 'Diketik dari formulir') +
        (when === 'late' && due
          ? `; terlambat (batas ${due})`
          : when === 'on_time'
            ? '; tepat waktu'
            : ''),
      actor: v.approved_by_name ?? v.submitted_by_name,
      documents: [],
      ref: `report:${v.id}`,
    };
  });
  const arrived = new Set(versions.map((v) => `${v.report_kind}|${v.period}`));
  for (const period of endedPeriods('quarterly', today, MISSING_REPORT_QUARTERS)) {
    if (arrived.has(`quarterly|${period}`)) continue;
    const due = dueDateOf(rules, 'quarterly', period);
    if (timeliness(due, null, today) !== 'missing' || due === null) continue;
    // a quarter before the cooperative had its legal entity owes nothing
    if (row.badan_hukum_date !== null && row.badan_hukum_date > due) continue;
    out.push({
      on: addDays(due, 1),
      kind: 'report',
      title: `Laporan ${QUARTER(period)} tidak masuk`,
      detail: `Batas ${due}`,
      actor: null,
      documents: [],
      ref: `report-missing:${period}`,
    });
  }
  for (const m of reminders)
    out.push({
      on: businessDateWib(m.sent_at),
      kind: 'report',
      title: `Pengingat laporan ${m.report_kind === 'quarterly' ? QUARTER(m.period) : `tahunan ${m.period}`}`,
      detail: m.note ?? '',
      actor: null,
      documents: [],
      ref: `report-reminder:${m.id}`,
    });
  return out;
}

async function assessmentEntries(o: OrgTx, region: string, registryId: bigint) {
  const rows = await assessmentsRepo.listAssessments(o.tx, region, {
    registryId,
    status: 'final',
    limit: 200,
  });
  return rows.map((a): CaseFileEntry => ({
    on: businessDateWib(a.finalized_at ?? a.updated_at),
    kind: 'assessment',
    title: `Penilaian kesehatan ${a.period}: ${a.predikat}`,
    detail:
      `Skor ${a.total_score} (${a.rubric_id}, versi ${a.rubric_version})` +
      (a.provisional ? '; sementara' : '') +
      (a.superseded_by !== null ? `; dikoreksi oleh penilaian #${a.superseded_by}` : ''),
    actor: a.examiner_name,
    documents: [
      {
        name: `Laporan penilaian #${a.id}`,
        href: `/orgs/${o.ctx.organizationId}/health/assessments/${a.id}/report.pdf`,
      },
    ],
    ref: `assessment:${a.id}`,
  }));
}

async function alertEntries(o: OrgTx, registryId: bigint): Promise<CaseFileEntry[]> {
  const r = await sql<{
    id: bigint;
    rule: string;
    severity: number;
    value: string;
    threshold: string;
    raised_on: string;
    cleared_on: string | null;
    officer_name: string | null;
  }>`
    select a.id, a.rule, a.severity, a.value, a.threshold, a.raised_on, a.cleared_on,
           u.full_name as officer_name
    from early_warning_alerts a left join users u on u.id = a.officer_user_id
    where a.organization_id = ${o.ctx.organizationId} and a.registry_id = ${registryId}
    order by a.raised_on, a.id`.execute(o.tx);
  return r.rows.flatMap((a) => {
    const raised: CaseFileEntry = {
      on: a.raised_on,
      kind: 'alert',
      title: `Peringatan dini: ${RULE_NAMES[a.rule] ?? a.rule}`,
      detail: `${alertDetail({ rule: a.rule as AlertRule, value: a.value, threshold: a.threshold }, 'id')}; tingkat ${a.severity}${
        a.officer_name ? `; kepada ${a.officer_name}` : ''
      }`,
      actor: null,
      documents: [],
      ref: `alert:${a.id}`,
    };
    return a.cleared_on
      ? [
          raised,
          {
            on: a.cleared_on,
            kind: 'alert',
            title: `Peringatan dini selesai: ${RULE_NAMES[a.rule] ?? a.rule}`,
            detail: '',
            actor: null,
            documents: [],
            ref: `alert-cleared:${a.id}`,
          },
        ]
      : [raised];
  });
}

export interface CaseFileFilter {
  kinds?: readonly CaseFileKind[];
  from?: string;
  to?: string;
}

/** Everything on one cooperative's case file, newest first, within the filter. */
export async function caseFileIn(o: OrgTx, registryId: bigint, today: string, f: CaseFileFilter) {
  const region = await regionOf(o);
  const row = await registryRepo.findRegistryRow(o.tx, region, registryId);
  if (!row) throw new AppError('NOT_FOUND');
  const want = new Set(f.kinds && f.kinds.length > 0 ? f.kinds : CASE_FILE_KINDS);
  const wants = (...k: CaseFileKind[]) => k.some((x) => want.has(x));
  const rats = wants('rat') ? await ewRepo.ratsOf(o.tx, region, registryId) : [];
  // one transaction: the reads follow one another on its connection
  const parts: CaseFileEntry[][] = [];
  if (wants('registry')) parts.push(await registryEntries(o, region, row));
  if (wants('report')) parts.push(await reportEntries(o, row, today));
  if (wants('assessment')) parts.push(await assessmentEntries(o, region, registryId));
  if (wants('rat'))
    parts.push(await rat.caseFileEntries(o, registryId, today, rats, row.badan_hukum_date));
  if (wants('training', 'certificate'))
    parts.push(await training.caseFileEntries(o, registryId, today));
  if (wants('inspection', 'finding', 'letter', 'sanction'))
    parts.push(await sanctions.caseFileEntries(o, registryId));
  if (wants('modern')) parts.push(await koperasiModern.caseFileEntries(o, registryId));
  if (wants('referral')) parts.push(await referrals.caseFileEntries(o, registryId));
  if (wants('mediation')) parts.push(await mediation.caseFileEntries(o, registryId));
  if (wants('alert')) parts.push(await alertEntries(o, registryId));
  const entries = orderCaseFile(
    parts
      .flat()
      .filter(
        (e) =>
          want.has(e.kind) &&
          (f.from === undefined || e.on >= f.from) &&
          (f.to === undefined || e.on <= f.to),
      ),
  );
  return {
    cooperative: {
      registryId: row.id.toString(),
      name: row.name,
      cooperativeType: row.cooperative_type,
      status: row.status,
      nikKoperasi: row.nik_koperasi,
      badanHukumNumber: row.badan_hukum_number,
      address: row.address,
      onSokoguru: row.linked_organization_id !== null,
    },
    asOf: today,
    entries,
  };
}

export async function caseFile(deps: Deps, ctx: OrgContext, registryId: bigint, f: CaseFileFilter) {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, (o) => caseFileIn(o, registryId, today, f));
}
