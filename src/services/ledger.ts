import { z } from 'zod';
import * as accounts from '../db/accounts.repo.js';
import * as journal from '../db/journal.repo.js';
import * as repo from '../db/ledger.repo.js';
import type { AccountDefinition, CashFlowClass } from '../domain/accounting/account.js';
import { AppError } from '../domain/errors.js';
import {
  forgetAccounts,
  post,
  reverse,
  validatePosting,
  type PostedEntry,
  type PostingInput,
} from '../ledger/post.js';
import { registerApprovableAction, requestApproval } from './approvals.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from './context.js';

export interface ChartAccount extends AccountDefinition {
  role?: string | null;
  cashFlowClass?: CashFlowClass;
}

/** Writes a chart of accounts (parents before children) into an empty cooperative ledger. */
export async function seedChartOfAccounts(
  o: OrgTx,
  chart: readonly ChartAccount[],
): Promise<number> {
  const ids = new Map<string, bigint>();
  const pending = [...chart];
  // Parents first: a template lists groups before their accounts, but do not rely on it.
  for (let guard = 0; pending.length > 0 && guard < 10; guard++) {
    const ready = pending.filter((a) => a.parentCode === null || ids.has(a.parentCode));
    if (ready.length === 0)
      throw new Error(
        `chart of accounts has unknown parents: ${pending.map((a) => a.code).join(', ')}`,
      );
    const rows = await accounts.insertAccounts(
      o.tx,
      ready.map((a) => ({
        cooperative_id: o.ctx.organizationId,
        code: a.code,
        name: a.name,
        account_type: a.type,
        normal_balance: a.normalBalance,
        parent_id: a.parentCode === null ? null : (ids.get(a.parentCode) ?? null),
        is_postable: a.isPostable,
        role: a.role ?? null,
        cash_flow_class: a.cashFlowClass ?? 'operating',
      })),
    );
    for (const r of rows) ids.set(r.code, r.id);
    for (const a of ready) pending.splice(pending.indexOf(a), 1);
  }
  await o.audit({
    action: 'ledger.chart-seeded',
    entityType: 'chart-of-accounts',
    after: { accounts: chart.length },
  });
  return chart.length;
}

const actorOf = (o: OrgTx) => ({ cooperativeId: o.ctx.organizationId, userId: o.ctx.actor.userId });

/** Posts an entry inside a service's transaction and records it in the audit trail. */
export async function postEntry(o: OrgTx, input: PostingInput): Promise<PostedEntry> {
  const posted = await post(o.tx, actorOf(o), input);
  await o.audit({
    action: 'journal.posted',
    entityType: 'journal-entry',
    entityId: posted.entryId,
    after: {
      number: `${posted.series}/${posted.fiscalYear}/${posted.number}`,
      total: posted.totalRupiah.toString(),
      source: input.source.type,
    },
  });
  return posted;
}

export async function reverseEntry(
  o: OrgTx,
  entryId: bigint,
  entryDate: string,
  description?: string,
  source?: { type: string; id: string },
): Promise<PostedEntry> {
  const posted = await reverse(o.tx, actorOf(o), entryId, {
    entryDate,
    ...(description ? { description } : {}),
    ...(source ? { source } : {}),
  });
  await o.audit({
    action: 'journal.reversed',
    entityType: 'journal-entry',
    entityId: entryId,
    after: { reversalEntryId: posted.entryId.toString() },
  });
  return posted;
}

// Accounts ------------------------------------------------------------------------------------

export async function listAccounts(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, ({ tx }) => accounts.listAccounts(tx, ctx.organizationId));
}

export interface NewAccount {
  code: string;
  name: string;
  parentCode: string;
  role?: string | null;
  cashFlowClass?: CashFlowClass;
}

/** Adds a postable account under a group; type and normal balance follow the group. */
export async function createAccount(deps: Deps, ctx: OrgContext, input: NewAccount) {
  return inOrg(deps, ctx, async (o) => {
    const parent = await accounts.findAccountByCode(o.tx, ctx.organizationId, input.parentCode);
    if (!parent) throw new AppError('LEDGER_ACCOUNT_NOT_FOUND', { account: input.parentCode });
    const row = await accounts.insertAccountUnlessCodeTaken(o.tx, {
      cooperative_id: ctx.organizationId,
      code: input.code,
      name: input.name,
      account_type: parent.account_type,
      normal_balance: parent.normal_balance,
      parent_id: parent.id,
      is_postable: true,
      role: input.role ?? null,
      cash_flow_class: input.cashFlowClass ?? parent.cash_flow_class,
    });
    if (!row) throw new AppError('LEDGER_ACCOUNT_CODE_TAKEN', { code: input.code });
    forgetAccounts(ctx.organizationId);
    await o.audit({
      action: 'account.created',
      entityType: 'account',
      entityId: row.id,
      after: { code: row.code, name: row.name, parent: parent.code },
    });
    return row;
  });
}

/** Accounts are never deleted once they exist: they are deactivated (and can be reactivated). */
export async function setAccountActive(
  deps: Deps,
  ctx: OrgContext,
  accountId: bigint,
  active: boolean,
) {
  return inOrg(deps, ctx, async (o) => {
    const row = await accounts.setAccountActive(o.tx, ctx.organizationId, accountId, active);
    if (!row) throw new AppError('ACCOUNT_NOT_FOUND');
    forgetAccounts(ctx.organizationId);
    await o.audit({
      action: active ? 'account.activated' : 'account.deactivated',
      entityType: 'account',
      entityId: accountId,
    });
    return row;
  });
}

// Manual (memorial) entries and reversals: maker-checker ------------------------------------

const amount = z
  .string()
  .regex(/^[0-9]{1,15}$/)
  .transform((v) => BigInt(v));
export const manualEntrySchema = z.object({
  entryDate: z.iso.date(),
  description: z.string().trim().min(3).max(500),
  branchId: z
    .string()
    .regex(/^[1-9][0-9]{0,17}$/)
    .nullable()
    .optional(),
  lines: z
    .array(
      z.object({
        accountCode: z.string().regex(/^[0-9]{1,6}(\.[0-9]{1,4})?$/),
        debitRupiah: amount.optional(),
        creditRupiah: amount.optional(),
        memo: z.string().max(200).nullable().optional(),
      }),
    )
    .min(2)
    .max(100),
});
export type ManualEntryPayload = z.input<typeof manualEntrySchema>;

registerApprovableAction({
  name: 'ledger.manual-entry',
  permission: 'journal.manual',
  payload: manualEntrySchema,
  summarize: (p) => {
    const total = p.lines.reduce((s, l) => s + (l.debitRupiah ?? 0n), 0n);
    return `Jurnal memorial ${p.entryDate}: ${p.description} (Rp ${total.toString()})`;
  },
  execute: async (o, p) => {
    const posted = await postEntry(o, {
      entryDate: p.entryDate,
      description: p.description,
      source: { type: 'ledger.manual' },
      series: 'MEM',
      branchId: p.branchId ? BigInt(p.branchId) : null,
      lines: p.lines.map((l) => ({
        account: { code: l.accountCode },
        ...(l.debitRupiah !== undefined ? { debitRupiah: l.debitRupiah } : {}),
        ...(l.creditRupiah !== undefined ? { creditRupiah: l.creditRupiah } : {}),
        memo: l.memo ?? null,
      })),
    });
    return postedView(posted);
  },
});

export const reversalSchema = z.object({
  entryId: z.string().regex(/^[1-9][0-9]{0,17}$/),
  entryDate: z.iso.date(),
  reason: z.string().trim().min(3).max(300),
});

registerApprovableAction({
  name: 'ledger.reverse-entry',
  permission: 'journal.manual',
  payload: reversalSchema,
  summarize: (p) => `Pembalikan jurnal #${p.entryId} per ${p.entryDate}: ${p.reason}`,
  execute: async (o, p) =>
    postedView(await reverseEntry(o, BigInt(p.entryId), p.entryDate, `Pembalikan: ${p.reason}`)),
});

export function postedView(p: PostedEntry) {
  return {
    entryId: p.entryId.toString(),
    number: `${p.series}/${p.fiscalYear}/${p.number}`,
    totalRupiah: p.totalRupiah.toString(),
  };
}

/** Drafts a memorial entry; it is checked now (so the approver sees a valid entry) and posted on approval. */
export async function requestManualEntry(
  deps: Deps,
  ctx: OrgContext,
  payload: ManualEntryPayload,
): Promise<bigint> {
  const parsed = manualEntrySchema.parse(payload);
  return inOrg(deps, ctx, async (o) => {
    validatePosting({
      entryDate: parsed.entryDate,
      description: parsed.description,
      source: { type: 'ledger.manual' },
      lines: parsed.lines.map((l) => ({
        account: { code: l.accountCode },
        ...(l.debitRupiah !== undefined ? { debitRupiah: l.debitRupiah } : {}),
        ...(l.creditRupiah !== undefined ? { creditRupiah: l.creditRupiah } : {}),
      })),
    });
    if (await repo.isPeriodClosed(o.tx, ctx.organizationId, parsed.entryDate))
      throw new AppError('LEDGER_PERIOD_CLOSED', { period: parsed.entryDate.slice(0, 7) });
    return requestApproval(o, 'ledger.manual-entry', payload);
  });
}

export async function requestReversal(
  deps: Deps,
  ctx: OrgContext,
  payload: z.input<typeof reversalSchema>,
): Promise<bigint> {
  reversalSchema.parse(payload);
  return inOrg(deps, ctx, (o) => requestApproval(o, 'ledger.reverse-entry', payload));
}

// Periods -------------------------------------------------------------------------------------

export const periodOf = (date: string) => date.slice(0, 7);
export function nextPeriod(period: string): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Closes a month: every earlier month with postings must be closed and the trial balance through
 * it must balance. A closed month refuses postings (checked here and by a database trigger).
 */
export async function closeMonth(deps: Deps, ctx: OrgContext, period: string): Promise<void> {
  if (period.endsWith('-12')) {
    throw new AppError('LEDGER_PERIOD_NOT_CLOSABLE', {
      period,
      reason:
        'Desember ditutup dengan tutup buku tahunan / December closes with the year-end close',
    });
  }
  await inOrg(deps, ctx, (o) => closeMonthIn(o, deps, period));
}

/** closeMonth inside a caller's transaction (the year-end close closes December with it). */
export async function closeMonthIn(o: OrgTx, deps: Deps, period: string): Promise<void> {
  const coop = o.ctx.organizationId;
  await repo.lockPeriodClosing(o.tx, coop);
  const statuses = await repo.periodStatuses(o.tx, coop);
  if (statuses.some((s) => s.period === period && s.status === 'closed')) {
    throw new AppError('LEDGER_PERIOD_NOT_CLOSABLE', {
      period,
      reason: 'sudah ditutup / already closed',
    });
  }
  const first = await repo.firstEntryPeriod(o.tx, coop);
  if (first && first < period) {
    const closed = new Set(statuses.filter((s) => s.status === 'closed').map((s) => s.period));
    for (let p = first; p < period; p = nextPeriod(p)) {
      if (!closed.has(p))
        throw new AppError('LEDGER_PERIOD_NOT_CLOSABLE', {
          period,
          reason: `${p} masih terbuka / ${p} is still open`,
        });
    }
  }
  const tb = await repo.trialBalanceTotals(o.tx, coop, period);
  if (tb.debit !== tb.credit) throw new AppError('LEDGER_TRIAL_BALANCE_UNBALANCED');
  await repo.markPeriodClosed(o.tx, coop, period, deps.clock(), o.ctx.actor.userId);
  await o.audit({
    action: 'period.closed',
    entityType: 'period',
    entityId: period,
    after: { debit: tb.debit.toString(), credit: tb.credit.toString() },
  });
}

/**
 * The year-end closing entries, inside the year-end close's transaction (services/year-end.ts):
 * the year's income and expense accounts are closed into SHU tahun berjalan (3107) on
 * 31 December, which is then carried to SHU belum dibagi (3108) for the RAT to allocate. Both
 * entries have source 'ledger.year-end' / the year, which statements of movements leave out.
 */
export async function postClosingEntries(
  o: OrgTx,
  year: number,
): Promise<{ shuRupiah: bigint; entryIds: bigint[] }> {
  const coop = o.ctx.organizationId;
  const source = { type: 'ledger.year-end', id: String(year) };
  let shu = 0n; // credit-positive: income minus expense
  const lines: PostingInput['lines'] = [];
  for (const row of await repo.incomeAndExpenseOfYear(o.tx, coop, year)) {
    const net = row.c - row.d; // credit balance of the account
    shu += net;
    lines.push(
      net > 0n
        ? { account: { id: row.account_id }, debitRupiah: net }
        : { account: { id: row.account_id }, creditRupiah: -net },
    );
  }
  const entryIds: bigint[] = [];
  if (lines.length === 0) return { shuRupiah: 0n, entryIds };
  if (shu !== 0n)
    lines.push(
      shu > 0n
        ? { account: { role: 'shuCurrentYear' }, creditRupiah: shu }
        : { account: { role: 'shuCurrentYear' }, debitRupiah: -shu },
    );
  const closing = await postEntry(o, {
    entryDate: `${year}-12-31`,
    description: `Jurnal penutup tahun buku ${year}`,
    source,
    series: 'TUTUP',
    lines,
  });
  entryIds.push(closing.entryId);
  if (shu !== 0n) {
    const carried = await postEntry(o, {
      entryDate: `${year}-12-31`,
      description: `SHU tahun ${year} dipindahkan ke SHU belum dibagi`,
      source,
      series: 'TUTUP',
      lines:
        shu > 0n
          ? [
              { account: { role: 'shuCurrentYear' }, debitRupiah: shu },
              { account: { role: 'shuUndistributed' }, creditRupiah: shu },
            ]
          : [
              { account: { role: 'shuUndistributed' }, debitRupiah: -shu },
              { account: { role: 'shuCurrentYear' }, creditRupiah: -shu },
            ],
    });
    entryIds.push(carried.entryId);
  }
  return { shuRupiah: shu, entryIds };
}

export async function periods(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, ({ tx }) => repo.periodStatuses(tx, ctx.organizationId));
}

// Journal -------------------------------------------------------------------------------------

/** Journal entries, newest first, filtered by date, account, text and source. */
export async function searchEntries(deps: Deps, ctx: OrgContext, filter: journal.EntryFilter) {
  return inOrg(deps, ctx, ({ tx }) => journal.searchEntries(tx, ctx.organizationId, filter));
}

/** One entry with its lines and the entry that reversed it; LEDGER_ENTRY_NOT_FOUND otherwise. */
export async function journalEntry(deps: Deps, ctx: OrgContext, entryId: bigint) {
  const found = await inOrg(deps, ctx, ({ tx }) =>
    journal.entryWithLines(tx, ctx.organizationId, entryId),
  );
  if (!found) throw new AppError('LEDGER_ENTRY_NOT_FOUND');
  return found;
}
