import { z } from 'zod';
import * as ledgerRepo from '../db/ledger.repo.js';
import * as repo from '../db/year-end.repo.js';
import { businessDateWib } from '../domain/calendar.js';
import { AppError } from '../domain/errors.js';
import type { ReportDocument } from '../reports/table.js';
import { registerApprovableAction, requestApproval } from './approvals.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from './context.js';
import { closeMonthIn, nextPeriod, postClosingEntries, reverseEntry } from './ledger.js';
// the areas' month-end steps (loans; savings interest, dormancy, maturity, bagi hasil) register
// themselves when their services load: December's month-end must see all of them
import './loans.js';
import './savings.js';
import { runMonthEnd, type MonthEndProgress, type MonthEndResult } from './month-end.js';
import { statement, type StatementKind } from './statements.js';

/**
 * Year-end close (tutup buku tahunan), docs/domain/year-end.md: December's month-end steps,
 * then the closing entries dated 31 December, then December closes, so the whole year is locked.
 * Re-opening is a maker-checker action that reverses the closing entries and opens December.
 */

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2099;

const monthsOf = (year: number) =>
  Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX)
    throw new AppError('VALIDATION_FAILED', {}, `year ${year} out of range`);
}

/**
 * Why the year cannot close now, or nothing: it has not ended, it is closed already, or a month
 * before December (from the first month with postings on) is still open.
 */
async function refuseClose(o: OrgTx, deps: Deps, year: number): Promise<void> {
  const coop = o.ctx.organizationId;
  const dec = `${year}-12`;
  if (businessDateWib(deps.clock()) <= `${year}-12-31`)
    throw new AppError('LEDGER_YEAR_NOT_ENDED', { year });
  const statuses = await ledgerRepo.periodStatuses(o.tx, coop);
  const closed = new Set(statuses.filter((s) => s.status === 'closed').map((s) => s.period));
  if (closed.has(dec)) throw new AppError('LEDGER_YEAR_ALREADY_CLOSED', { year });
  const first = await ledgerRepo.firstEntryPeriod(o.tx, coop);
  if (first === null) return;
  for (let p = first; p < dec; p = nextPeriod(p))
    if (!closed.has(p)) throw new AppError('LEDGER_YEAR_MONTH_OPEN', { year, period: p });
}

/** The close's refusals alone, for a caller with work to do before the close (the CLI's auto-debit). */
export async function refuseYearClose(deps: Deps, ctx: OrgContext, year: number): Promise<void> {
  checkYear(year);
  await inOrg(deps, ctx, (o) => refuseClose(o, deps, year));
}

export interface YearCloseResult {
  year: number;
  shuRupiah: bigint;
  closingEntryIds: bigint[];
  monthEnd: MonthEndResult;
}

/**
 * Closes a book year. Refusals come before anything runs, so a refused close changes nothing.
 * December's month-end (idempotent: steps already done are skipped) posts its accruals and
 * interest into December first; then, in one transaction, the closing entries and December's
 * close. The months of the year before the first posting close with it (there is nothing in them
 * to check), so every month of the year refuses postings afterwards.
 */
export async function closeYear(
  deps: Deps,
  ctx: OrgContext,
  year: number,
  progress?: MonthEndProgress,
): Promise<YearCloseResult> {
  await refuseYearClose(deps, ctx, year);
  const monthEnd = await runMonthEnd(deps, ctx, `${year}-12`, progress);
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    await ledgerRepo.lockPeriodClosing(o.tx, coop);
    await refuseClose(o, deps, year); // again, under the lock: a concurrent close may have won
    const closing = await postClosingEntries(o, year);
    const first = await ledgerRepo.firstEntryPeriod(o.tx, coop);
    await repo.markPeriodsClosedIfAbsent(
      o.tx,
      coop,
      monthsOf(year).filter((p) => p < `${year}-12` && (first === null || p < first)),
      deps.clock(),
      ctx.actor.userId,
    );
    await closeMonthIn(o, deps, `${year}-12`);
    await o.audit({
      action: 'year.closed',
      entityType: 'fiscal-year',
      entityId: String(year),
      after: {
        shu: closing.shuRupiah.toString(),
        closingEntryIds: closing.entryIds.map(String),
      },
    });
    return { year, shuRupiah: closing.shuRupiah, closingEntryIds: closing.entryIds, monthEnd };
  });
}

// Re-opening: maker-checker -------------------------------------------------------------------

export const reopenSchema = z.object({
  year: z.number().int().min(YEAR_MIN).max(YEAR_MAX),
  reason: z.string().trim().min(10).max(500),
});
export type ReopenPayload = z.infer<typeof reopenSchema>;

/**
 * Why a closed year cannot re-open, or nothing: it is not closed; a later month is closed (its
 * figures were built on the year's closing balances); or its SHU has been distributed (the SHU
 * helper posts the distribution with source 'shu.distribution' and source id = the year).
 */
async function refuseReopen(o: OrgTx, year: number): Promise<void> {
  const coop = o.ctx.organizationId;
  const dec = `${year}-12`;
  const statuses = await ledgerRepo.periodStatuses(o.tx, coop);
  if (!statuses.some((s) => s.period === dec && s.status === 'closed'))
    throw new AppError('LEDGER_YEAR_NOT_CLOSED', { year });
  const later = statuses.find((s) => s.period > dec && s.status === 'closed');
  if (later)
    throw new AppError('LEDGER_YEAR_NOT_REOPENABLE', {
      year,
      reason: `${later.period} sudah ditutup / ${later.period} is closed`,
    });
  if ((await repo.shuDistributionCount(o.tx, coop, year)) > 0)
    throw new AppError('LEDGER_YEAR_NOT_REOPENABLE', {
      year,
      reason: 'SHU tahun ini sudah dibagikan / the SHU of this year has been distributed',
    });
}

registerApprovableAction({
  name: 'ledger.year-reopen',
  permission: 'periods.reopen',
  payload: reopenSchema,
  summarize: (p) => `Buka kembali tahun buku ${p.year}: ${p.reason}`,
  execute: async (o, p, _deps, approval) => {
    const coop = o.ctx.organizationId;
    await ledgerRepo.lockPeriodClosing(o.tx, coop);
    await refuseReopen(o, p.year);
    await repo.markPeriodOpen(o.tx, coop, `${p.year}-12`);
    // newest first: the carry to SHU belum dibagi, then the closing entry itself
    const open = (await repo.yearEndEntries(o.tx, coop, p.year))
      .filter((e) => e.reversal_of === null && e.reversed_by === null)
      .reverse();
    const reversalIds: string[] = [];
    for (const e of open) {
      const r = await reverseEntry(
        o,
        e.id,
        `${p.year}-12-31`,
        `Pembalikan ${e.series}/${e.fiscal_year}/${e.number}: tahun buku ${p.year} dibuka kembali (${p.reason})`.slice(
          0,
          500,
        ),
        // kept as a year-end entry, so statements leave it out as they leave out the closing
        { type: repo.YEAR_END_SOURCE, id: String(p.year) },
      );
      reversalIds.push(r.entryId.toString());
    }
    await o.audit({
      action: 'year.reopened',
      entityType: 'fiscal-year',
      entityId: String(p.year),
      before: { status: 'closed' },
      after: {
        status: 'open',
        reason: p.reason,
        approvalId: approval.id.toString(),
        reversalEntryIds: reversalIds,
      },
    });
    return { year: p.year, reopened: true, reversalEntryIds: reversalIds };
  },
});

/** Asks for a year's re-opening; checked now so the approver sees a request that can run. */
export async function requestYearReopen(
  deps: Deps,
  ctx: OrgContext,
  payload: z.input<typeof reopenSchema>,
): Promise<bigint> {
  const parsed = reopenSchema.parse(payload);
  return inOrg(deps, ctx, async (o) => {
    await refuseReopen(o, parsed.year);
    const requests = await repo.reopenRequests(o.tx, ctx.organizationId, parsed.year);
    if (requests.some((r) => r.status === 'pending'))
      throw new AppError('LEDGER_YEAR_NOT_REOPENABLE', {
        year: parsed.year,
        reason:
          'permintaan buka kembali sebelumnya masih menunggu persetujuan / an earlier request awaits approval',
      });
    return requestApproval(o, 'ledger.year-reopen', parsed);
  });
}

// Status and the year's statements -------------------------------------------------------------

export async function yearStatus(deps: Deps, ctx: OrgContext, year: number) {
  checkYear(year);
  return inOrg(deps, ctx, async ({ tx }) => {
    const coop = ctx.organizationId;
    const statuses = await ledgerRepo.periodStatuses(tx, coop);
    const closed = new Set(statuses.filter((s) => s.status === 'closed').map((s) => s.period));
    const dec = await repo.periodRow(tx, coop, `${year}-12`);
    const entries = await repo.yearEndEntries(tx, coop, year);
    return {
      year,
      status: dec?.status === 'closed' ? ('closed' as const) : ('open' as const),
      closedAt: dec?.status === 'closed' ? (dec.closed_at ?? null) : null,
      closedBy: dec?.status === 'closed' ? (dec.closed_by_username ?? null) : null,
      openMonths: monthsOf(year).filter((p) => !closed.has(p)),
      entries: entries.map((e) => ({
        id: e.id,
        number: `${e.series}/${e.fiscal_year}/${e.number}`,
        entryDate: e.entry_date,
        description: e.description,
        totalRupiah: e.total_rupiah,
        kind:
          e.reversal_of !== null
            ? ('reversal' as const)
            : e.reversed_by !== null
              ? ('reversed' as const)
              : ('closing' as const),
        reversalOf: e.reversal_of,
        reversedBy: e.reversed_by,
        createdAt: e.created_at,
        createdBy: e.created_by_username,
      })),
      reopenings: await repo.reopenRequests(tx, coop, year),
    };
  });
}

/** The statements a year's book shows, each with the prior year beside it. */
export const YEAR_STATEMENT_KINDS = [
  'neraca',
  'phu',
  'perubahan-ekuitas',
  'arus-kas',
] as const satisfies readonly StatementKind[];
export type YearStatementKind = (typeof YEAR_STATEMENT_KINDS)[number];

export async function yearStatement(
  deps: Deps,
  ctx: OrgContext,
  year: number,
  kind: YearStatementKind,
): Promise<ReportDocument> {
  checkYear(year);
  return statement(deps, ctx, {
    kind,
    range: { from: `${year}-01`, to: `${year}-12` },
    compare: true,
  });
}
