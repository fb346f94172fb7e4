import { createHash } from 'node:crypto';
import { z } from 'zod';
import { findApproval } from '../../db/approvals.repo.js';
import * as repo from '../../db/supervision-reports.repo.js';
import type { JsonValue } from '../../db/schema.js';
import { businessDateWib, type IsoDate } from '../../domain/calendar.js';
import { AppError, type FieldError } from '../../domain/errors.js';
import { DEFAULT_RISK_SETTINGS } from '../../domain/loans/collectibility.js';
import {
  canonicalReportJson,
  checkReport,
  COLLECTIBILITY_CODE,
  COLLECTIBILITY_KEYS,
  dueDateOf,
  endedPeriods,
  parseReportPeriod,
  reportFromJson,
  reportFromLedger,
  rulesInForce,
  SAVINGS_KINDS,
  timeliness,
  type CooperativeReport,
  type ReportKind,
  type ReportProblem,
  type RegionRule,
  type Timeliness,
} from '../../domain/supervision/report.js';
import { registerApprovableAction, requestApproval } from '../approvals.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';

/**
 * Reports to the supervising office (issue 15 item 3), the cooperative's side: the report of a
 * period produced from its own ledger (never retyped; each figure with the accounts behind it),
 * shared with one approval of its pengurus (maker-checker, src/services/approvals.ts), its
 * versions, and the reminders its office sent. docs/domain/supervision-reports.md.
 */

export type { Lang } from '../../i18n/messages.js';
import type { Lang } from '../../i18n/messages.js';

/** Problem wording, both languages (the field errors of a refused report). */
const PROBLEM_TEXT: Record<
  | ReportProblem['code']
  | 'BOOKS_CHANGED'
  | 'NOT_LINKED'
  | 'PERIOD_NOT_ENDED'
  | 'ON_SOKOGURU'
  | 'ALREADY_SUBMITTED',
  Record<Lang, string>
> = {
  UNBALANCED: {
    id: 'neraca tidak seimbang: aset harus sama dengan kewajiban + ekuitas',
    en: 'the balance sheet does not balance: assets must equal liabilities + equity',
  },
  TOTAL_MISMATCH: {
    id: 'jumlah tidak sama dengan penjumlahan pos-posnya',
    en: 'the total is not the sum of its lines',
  },
  NEGATIVE: { id: 'tidak boleh negatif', en: 'must not be negative' },
  SAVINGS_MISMATCH: {
    id: 'simpanan tidak sama dengan posnya di neraca',
    en: 'savings differ from their balance-sheet line',
  },
  SOURCES_MISMATCH: {
    id: 'angka tidak sama dengan jumlah akun sumbernya',
    en: 'the figure is not the sum of its source accounts',
  },
  MEMBERS_SPLIT_MISMATCH: {
    id: 'anggota laki-laki + perempuan tidak sama dengan jumlah anggota',
    en: 'men + women is not the number of members',
  },
  LOANS_INCONSISTENT: {
    id: 'jumlah pinjaman, saldo dan PPAP wajib tidak cocok',
    en: 'loan count, outstanding and required provision do not agree',
  },
  PERIOD_INVALID: { id: 'periode tidak valid', en: 'invalid period' },
  BOOKS_CHANGED: {
    id: 'pembukuan berubah sejak laporan disiapkan; siapkan ulang dan ajukan lagi',
    en: 'the books changed since the report was prepared; prepare and submit it again',
  },
  NOT_LINKED: {
    id: 'koperasi belum tertaut ke registri Dinas; minta Dinas menautkannya',
    en: 'the cooperative is not linked to its Dinas registry row yet; ask the Dinas to link it',
  },
  PERIOD_NOT_ENDED: {
    id: 'periode belum berakhir',
    en: 'the period has not ended yet',
  },
  ON_SOKOGURU: {
    id: 'koperasi ini memakai Sokoguru: laporannya dibagikan dari pembukuannya, bukan diketik',
    en: 'this cooperative is on Sokoguru: its report is shared from its books, not typed',
  },
  ALREADY_SUBMITTED: {
    id: 'laporan periode ini sudah masuk',
    en: 'the report of this period has already arrived',
  },
};

export type RefusalCode = keyof typeof PROBLEM_TEXT;

/** A refusal with per-field problems in the reader's language; nothing was stored. */
export function refused(
  problems: readonly { field: string; code: RefusalCode }[],
  lang: Lang,
): AppError {
  const fieldErrors = problems.map((p): FieldError => ({
    field: p.field,
    code: p.code,
    message: `${p.field}: ${PROBLEM_TEXT[p.code][lang]}`,
  }));
  return new AppError(
    'VALIDATION_FAILED',
    { field: problems[0]?.field ?? '' },
    problems.map((p) => `${p.field}: ${p.code}`).join(', '),
    fieldErrors,
  );
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The report as stored JSON (rupiah as decimal strings). */
export function reportJson(r: CooperativeReport): JsonValue {
  return JSON.parse(canonicalReportJson(r)) as JsonValue;
}

/** What the office's aggregates read without opening the JSON. */
export function headlineOf(r: CooperativeReport): repo.NewReportVersion['headline'] {
  const b = r.loans.byClass;
  return {
    totalAset: r.totals.aset,
    totalKewajiban: r.totals.kewajiban,
    totalEkuitas: r.totals.ekuitas,
    pinjaman: r.balanceSheet.pinjamanAnggota.rupiah + r.balanceSheet.pinjamanNonAnggota.rupiah,
    pinjamanBermasalah:
      b.kurangLancar.outstandingRupiah + b.diragukan.outstandingRupiah + b.macet.outstandingRupiah,
    simpanan: SAVINGS_KINDS.reduce((s, k) => s + r.savings[k].rupiah, 0n),
    shu: r.incomeTotals.shuSetelahPajak,
    memberCount: r.members.count,
  };
}

/** Period id checked against its kind, or a refusal. */
export function periodOrRefuse(kind: ReportKind, period: string, lang: Lang) {
  const p = parseReportPeriod(kind, period);
  if (!p) throw refused([{ field: 'period', code: 'PERIOD_INVALID' }], lang);
  return p;
}

// ---------------------------------------------------------------------------------------------
// from the ledger

/** The cooperative's report for a period from its books, inside its transaction. */
export async function reportFromBooks(
  o: OrgTx,
  kind: ReportKind,
  period: string,
): Promise<CooperativeReport> {
  const p = parseReportPeriod(kind, period);
  if (!p) throw new AppError('VALIDATION_FAILED', { field: 'period' });
  const coop = o.ctx.organizationId;
  const endMonth = p.endsOn.slice(0, 7);
  const accounts = await repo.ledgerAccounts(o.tx, coop, `${p.year}-01`, endMonth);
  let loanRows = await repo.provisionedLoans(o.tx, coop, endMonth);
  const basis = loanRows.length > 0 ? 'month-end' : 'live-book';
  if (loanRows.length === 0)
    loanRows = await repo.liveLoans(
      o.tx,
      coop,
      p.endsOn,
      DEFAULT_RISK_SETTINGS.monthly.provisionBps,
    );
  const members = await repo.membersAt(o.tx, coop, p.endsOn);
  const byClass = Object.fromEntries(
    COLLECTIBILITY_KEYS.map((k) => {
      const row = loanRows.find((x) => x.collectibility === COLLECTIBILITY_CODE[k]);
      return [
        k,
        {
          loans: row?.loans ?? 0,
          outstandingRupiah: row?.outstandingRupiah ?? 0n,
          requiredProvisionRupiah: row?.requiredRupiah ?? 0n,
        },
      ];
    }),
  ) as CooperativeReport['loans']['byClass'];
  return reportFromLedger({
    kind,
    period,
    accounts,
    loans: { byClass, basis },
    members: { count: members.count, men: members.men, women: members.women },
  });
}

export interface PreparedReport {
  report: CooperativeReport;
  contentSha256: string;
  problems: ReportProblem[];
  /** false: the cooperative has no registry row linked yet and cannot share */
  linked: boolean;
}

/** Preview: the report from the books with each figure's accounts, its stamp and its problems. */
export async function prepareReport(
  deps: Deps,
  ctx: OrgContext,
  kind: ReportKind,
  period: string,
  lang: Lang,
): Promise<PreparedReport> {
  periodOrRefuse(kind, period, lang);
  return inOrg(deps, ctx, async (o) => {
    const report = await reportFromBooks(o, kind, period);
    return {
      report,
      contentSha256: sha256(canonicalReportJson(report)),
      problems: checkReport(report),
      linked: (await repo.linkedRegistry(o.tx)) !== undefined,
    };
  });
}

const SHARE_ACTION = 'supervision.report.share';
const sharePayload = z.object({
  kind: z.enum(['quarterly', 'yearly']),
  period: z.string(),
  contentSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
type SharePayload = z.infer<typeof sharePayload>;

/**
 * Asks for approval to share the period's report as prepared now (its stamp goes with the
 * request). The period must have ended, the cooperative be linked and the report pass its checks.
 */
export async function requestShare(
  deps: Deps,
  ctx: OrgContext,
  input: { kind: ReportKind; period: string },
  lang: Lang,
): Promise<{ approvalId: bigint; contentSha256: string }> {
  const p = periodOrRefuse(input.kind, input.period, lang);
  const today = businessDateWib(deps.clock());
  if (p.endsOn >= today) throw refused([{ field: 'period', code: 'PERIOD_NOT_ENDED' }], lang);
  return inOrg(deps, ctx, async (o) => {
    if (!(await repo.linkedRegistry(o.tx)))
      throw refused([{ field: 'registry', code: 'NOT_LINKED' }], lang);
    const report = await reportFromBooks(o, input.kind, input.period);
    const problems = checkReport(report);
    if (problems.length > 0) throw refused(problems, lang);
    const contentSha256 = sha256(canonicalReportJson(report));
    const payload: SharePayload = { ...input, contentSha256 };
    const approvalId = await requestApproval(o, SHARE_ACTION, payload);
    return { approvalId, contentSha256 };
  });
}

/**
 * On approval (by a pengurus other than the one who prepared it), the report is produced from the
 * books again; if it is not exactly what was prepared the approval fails and nothing is shared.
 * The version is stamped with both people, the time and the content's SHA-256.
 */
registerApprovableAction<SharePayload>({
  name: SHARE_ACTION,
  permission: 'supervision.reports.share',
  payload: sharePayload,
  summarize: (p) =>
    `Laporan ${p.kind === 'quarterly' ? 'triwulanan' : 'tahunan'} ${p.period} ke Dinas`,
  async execute(o, payload, deps, approval) {
    const lang: Lang = 'id';
    const linked = await repo.linkedRegistry(o.tx);
    if (!linked) throw refused([{ field: 'registry', code: 'NOT_LINKED' }], lang);
    const report = await reportFromBooks(o, payload.kind, payload.period);
    const text = canonicalReportJson(report);
    // a conflict, not bad input: the same request succeeds once the report is prepared again
    if (sha256(text) !== payload.contentSha256)
      throw new AppError('SUPERVISION_REPORT_BOOKS_CHANGED', {}, 'report: BOOKS_CHANGED', [
        {
          field: 'report',
          code: 'BOOKS_CHANGED',
          message: `report: ${PROBLEM_TEXT.BOOKS_CHANGED[lang]}`,
        },
      ]);
    const request = await findApproval(o.tx, o.ctx.organizationId, approval.id);
    if (!request || !o.ctx.actor.userId) throw new AppError('FORBIDDEN');
    const now = deps.clock();
    const v = await repo.insertVersion(o.tx, {
      regionCode: linked.regionCode,
      registryId: linked.registryId,
      kind: payload.kind,
      period: payload.period,
      channel: 'ledger',
      content: JSON.parse(text),
      contentSha256: payload.contentSha256,
      submittedAt: now,
      submittedOn: businessDateWib(now),
      submittedBy: request.requested_by,
      submittedByOrg: o.ctx.organizationId,
      approvedBy: o.ctx.actor.userId,
      approvalId: approval.id,
      headline: headlineOf(report),
    });
    await o.audit({
      action: 'supervision.report.shared',
      entityType: 'supervision_report',
      entityId: v.id,
      after: {
        kind: payload.kind,
        period: payload.period,
        version: v.version,
        sha256: payload.contentSha256,
      },
    });
    return { versionId: v.id.toString(), version: v.version, contentSha256: payload.contentSha256 };
  },
});

// ---------------------------------------------------------------------------------------------
// versions and timeliness, for both sides

export function versionView(v: repo.VersionRow) {
  return {
    id: v.id.toString(),
    registryId: v.registry_id.toString(),
    kind: v.report_kind,
    period: v.period,
    version: v.version,
    channel: v.channel,
    contentSha256: v.content_sha256,
    submittedAt: v.submitted_at.toISOString(),
    submittedOn: v.submitted_on,
    submittedBy: v.submitted_by_name,
    approvedBy: v.approved_by_name,
    totalAsetRupiah: v.total_aset_rupiah,
  };
}
export type VersionView = ReturnType<typeof versionView>;

export function reminderView(m: repo.ReminderRow) {
  return {
    id: m.id.toString(),
    registryId: m.registry_id.toString(),
    kind: m.report_kind,
    period: m.period,
    note: m.note,
    sentAt: m.sent_at.toISOString(),
  };
}

export const ruleOf = (s: repo.ScheduleRow): RegionRule => ({
  regionCode: s.region_code,
  kind: s.report_kind,
  dueDays: s.due_days,
  effectiveFrom: s.effective_from,
  required: s.required,
});

export interface PeriodStatus {
  kind: ReportKind;
  period: string;
  dueOn: IsoDate | null;
  status: Timeliness;
  firstSubmittedOn: IsoDate | null;
  versions: number;
}

/** The periods a cooperative's page shows: the recent ended ones of each kind, with their status. */
export function periodStatuses(
  rules: readonly RegionRule[],
  regionCode: string,
  submissions: readonly { kind: ReportKind; period: string; submittedOn: string }[],
  today: IsoDate,
  counts: { quarterly: number; yearly: number },
): PeriodStatus[] {
  const inForce = rulesInForce(rules, regionCode);
  const out: PeriodStatus[] = [];
  for (const kind of ['quarterly', 'yearly'] as const)
    for (const period of endedPeriods(kind, today, counts[kind])) {
      const mine = submissions.filter((s) => s.kind === kind && s.period === period);
      const first = mine.reduce<string | null>(
        (m, s) => (m === null || s.submittedOn < m ? s.submittedOn : m),
        null,
      );
      const dueOn = dueDateOf(inForce, kind, period);
      out.push({
        kind,
        period,
        dueOn,
        status: timeliness(dueOn, first, today),
        firstSubmittedOn: first,
        versions: mine.length,
      });
    }
  return out;
}

/** The cooperative's own page: what it shared, what is due, the reminders it received. */
export async function ownReports(deps: Deps, ctx: OrgContext) {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const linked = await repo.linkedRegistry(o.tx);
    if (!linked) return { linked: false, periods: [], versions: [], reminders: [] };
    const [versions, rules, reminders] = await Promise.all([
      repo.versionsOf(o.tx, linked.registryId, { limit: 200 }),
      repo.schedules(o.tx),
      repo.remindersOf(o.tx, [linked.registryId], 100),
    ]);
    return {
      linked: true,
      periods: periodStatuses(
        rules.map(ruleOf),
        linked.regionCode,
        versions.map((v) => ({
          kind: v.report_kind,
          period: v.period,
          submittedOn: v.submitted_on,
        })),
        today,
        { quarterly: 8, yearly: 3 },
      ),
      versions: versions.map(versionView),
      reminders: reminders.map(reminderView),
    };
  });
}

/** One shared version with its figures; the content is checked against its stamp. */
export async function versionDetail(o: OrgTx, registryId: bigint, id: bigint) {
  const row = await repo.versionContent(o.tx, registryId, id);
  if (!row) throw new AppError('NOT_FOUND');
  const report = reportFromJson(row.content);
  return {
    ...versionView(row),
    report,
    /** the stored figures still hash to the version's stamp */
    intact: sha256(canonicalReportJson(report)) === row.content_sha256,
  };
}

export async function ownVersion(deps: Deps, ctx: OrgContext, id: bigint) {
  return inOrg(deps, ctx, async (o) => {
    const linked = await repo.linkedRegistry(o.tx);
    if (!linked) throw new AppError('NOT_FOUND');
    return versionDetail(o, linked.registryId, id);
  });
}
