import { postingAccounts } from '../db/accounts.repo.js';
import type { Tx } from '../db/database.js';
import * as journal from '../db/journal.repo.js';
import { AppError } from '../domain/errors.js';

/**
 * The one posting path: every movement of money in Sokoguru is a balanced journal entry written
 * here, inside the caller's transaction, next to the business change it records. The database
 * re-checks every rule (balance, immutability, open period, gapless numbers).
 */
export interface PostingLine {
  /** One of: the account id, its code ('1101'), or its role ('cash', 'savingsSukarela'). */
  account: { id: bigint } | { code: string } | { role: string };
  debitRupiah?: bigint;
  creditRupiah?: bigint;
  memberId?: bigint | null;
  branchId?: bigint | null;
  memo?: string | null;
}

export interface PostingInput {
  entryDate: string; // 'YYYY-MM-DD', the cooperative's business date
  description: string;
  source: { type: string; id?: string | null };
  /** Voucher series (journal type or cash desk); numbers are gapless per cooperative, year and series. */
  series?: string;
  branchId?: bigint | null;
  reversalOf?: bigint | null;
  /** The teller session the cash moved through (cash entries at a desk). */
  cashSessionId?: bigint | null;
  lines: PostingLine[];
}

export interface PostedEntry {
  entryId: bigint;
  series: string;
  number: bigint;
  fiscalYear: number;
  totalRupiah: bigint;
}

/** Rupiah bounds per line: below 10^15 (a thousand trillion) so sums never approach int8's limit. */
export const MAX_LINE_RUPIAH = 999_999_999_999_999n;
export const MAX_LINES_PER_ENTRY = 1000;
export const DEFAULT_SERIES = 'JU';

interface Actor {
  cooperativeId: string;
  userId: string | null;
}

/** Pure checks (the database repeats them); returns the entry total. */
export function validatePosting(input: PostingInput): bigint {
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(input.entryDate) ||
    Number.isNaN(Date.parse(`${input.entryDate}T00:00:00Z`))
  ) {
    throw new AppError('LEDGER_INVALID_ENTRY', { reason: 'date' });
  }
  if (input.lines.length < 2 || input.lines.length > MAX_LINES_PER_ENTRY)
    throw new AppError('LEDGER_INVALID_ENTRY', { reason: 'lines' });
  let debit = 0n;
  let credit = 0n;
  for (const l of input.lines) {
    const d = l.debitRupiah ?? 0n;
    const c = l.creditRupiah ?? 0n;
    if (
      d < 0n ||
      c < 0n ||
      d > MAX_LINE_RUPIAH ||
      c > MAX_LINE_RUPIAH ||
      (d === 0n) === (c === 0n)
    ) {
      throw new AppError('LEDGER_INVALID_ENTRY', { reason: 'amount' });
    }
    debit += d;
    credit += c;
  }
  if (debit !== credit) throw new AppError('LEDGER_UNBALANCED', { debit, credit });
  return debit;
}

const keyOf = (a: PostingLine['account']) =>
  'id' in a ? `id:${a.id}` : 'code' in a ? `code:${a.code}` : `role:${a.role}`;

interface CachedAccount {
  id: bigint;
  isPostable: boolean;
  active: boolean;
}
/**
 * Account references resolved per cooperative, kept for a short while: posting is the hot path
 * and codes and roles almost never change. The posting statement still joins on the live row
 * (postable and active), so a stale entry can only make a posting fail, never post wrongly.
 */
const accountCache = new Map<string, { at: number; byKey: Map<string, CachedAccount> }>();
const ACCOUNT_CACHE_MS = 30_000;

async function cachedAccounts(tx: Tx, cooperativeId: string): Promise<Map<string, CachedAccount>> {
  const hit = accountCache.get(cooperativeId);
  if (hit && Date.now() - hit.at < ACCOUNT_CACHE_MS) return hit.byKey;
  const rows = await postingAccounts(tx, cooperativeId);
  const byKey = new Map<string, CachedAccount>();
  for (const r of rows) {
    const a = { id: r.id, isPostable: r.is_postable, active: r.active };
    byKey.set(`id:${r.id}`, a);
    byKey.set(`code:${r.code}`, a);
    if (r.role) byKey.set(`role:${r.role}`, a);
  }
  if (accountCache.size > 10_000) accountCache.clear();
  accountCache.set(cooperativeId, { at: Date.now(), byKey });
  return byKey;
}

/** Forget cached accounts of a cooperative (after adding or deactivating an account). */
export function forgetAccounts(cooperativeId: string): void {
  accountCache.delete(cooperativeId);
}

/** Each line with the id of its account, which must exist, take postings and be active. */
async function withAccountIds(
  tx: Tx,
  cooperativeId: string,
  lines: PostingLine[],
): Promise<{ line: PostingLine; accountId: bigint }[]> {
  let byKey = await cachedAccounts(tx, cooperativeId);
  if (lines.some((l) => !byKey.has(keyOf(l.account)))) {
    forgetAccounts(cooperativeId);
    byKey = await cachedAccounts(tx, cooperativeId);
  }
  return lines.map((l) => {
    const a = byKey.get(keyOf(l.account));
    if (!a) throw new AppError('LEDGER_ACCOUNT_NOT_FOUND', { account: keyOf(l.account) });
    if (!a.isPostable)
      throw new AppError('LEDGER_ACCOUNT_NOT_POSTABLE', { code: keyOf(l.account) });
    if (!a.active) throw new AppError('LEDGER_ACCOUNT_INACTIVE', { code: keyOf(l.account) });
    return { line: l, accountId: a.id };
  });
}

/**
 * Posts one entry in ONE statement: `ledger_post` (migrations 0009, 0011) checks the balance of
 * the lines, takes the next gapless number of the series, writes the entry and all its lines and
 * adds them into the maintained balances; the database's triggers check the open period and the
 * cash session. The call (journal.callLedgerPost) is plain SQL text, so when it is the first
 * statement of a transaction it travels in the same round trip as BEGIN.
 */
export async function post(tx: Tx, actor: Actor, input: PostingInput): Promise<PostedEntry> {
  const total = validatePosting(input);
  const series = input.series ?? DEFAULT_SERIES;
  if (!/^[A-Z0-9-]{1,20}$/.test(series))
    throw new AppError('LEDGER_INVALID_ENTRY', { reason: 'series' });
  const resolved = await withAccountIds(tx, actor.cooperativeId, input.lines);
  const fiscalYear = Number(input.entryDate.slice(0, 4));
  try {
    const row = await journal.callLedgerPost(tx, {
      cooperativeId: actor.cooperativeId,
      entryDate: input.entryDate,
      series,
      description: input.description.slice(0, 500),
      sourceType: input.source.type,
      sourceId: input.source.id,
      branchId: input.branchId,
      reversalOf: input.reversalOf,
      cashSessionId: input.cashSessionId,
      totalRupiah: total,
      createdBy: actor.userId,
      lines: resolved.map(({ line: l, accountId }) => ({
        accountId,
        debitRupiah: l.debitRupiah ?? 0n,
        creditRupiah: l.creditRupiah ?? 0n,
        memberId: l.memberId,
        branchId: l.branchId ?? input.branchId,
        memo: l.memo,
      })),
    });
    if (!row) throw new Error('posting statement returned no entry');
    return {
      entryId: row.entry_id,
      series,
      number: row.entry_number,
      fiscalYear,
      totalRupiah: total,
    };
  } catch (err) {
    throw ledgerRefusalOf(err, actor.cooperativeId);
  }
}

/**
 * The database's own refusals of a posting (its triggers and ledger_post), as the closed error
 * codes callers expect; any other error is returned as it is.
 */
export function ledgerRefusalOf(err: unknown, cooperativeId: string): unknown {
  const message = err instanceof Error ? err.message : '';
  const closed = /period (\d{4}-\d{2}) is closed/.exec(message);
  if (closed) return new AppError('LEDGER_PERIOD_CLOSED', { period: closed[1] ?? '' });
  if (/cash session \d+ is not open/.test(message)) return new AppError('CASH_SESSION_NOT_OPEN');
  // migration 0022: money out of a baitul maal fund may not touch a business account
  const maal = /baitul maal fund (\w+) may not move to business account ([0-9.]+)/.exec(message);
  if (maal)
    return new AppError('BAITUL_MAAL_TAMWIL_USE_REFUSED', {
      fund: maal[1] ?? '',
      account: maal[2] ?? '',
    });
  if (/does not balance/.test(message)) {
    // An account changed since it was cached (deactivated): the join dropped its line.
    forgetAccounts(cooperativeId);
    return new AppError('LEDGER_INVALID_ENTRY', { reason: 'account' });
  }
  return err;
}

/**
 * Reverses a posted entry with a mirror entry that points to it; the original stays as it was.
 * The reversal is dated `entryDate` (an open month), not back-dated into a closed one.
 */
export async function reverse(
  tx: Tx,
  actor: Actor,
  entryId: bigint,
  options: {
    entryDate: string;
    description?: string;
    series?: string;
    /** the reversal's source; 'ledger.reversal' of the original by default (the year-end
     * re-opening keeps 'ledger.year-end' so statements leave both entries out alike) */
    source?: { type: string; id: string };
  },
): Promise<PostedEntry> {
  const original = await journal.findEntry(tx, actor.cooperativeId, entryId);
  if (!original) throw new AppError('LEDGER_ENTRY_NOT_FOUND');
  if (original.reversal_of !== null) throw new AppError('LEDGER_ALREADY_REVERSED');
  if (await journal.findReversalOf(tx, actor.cooperativeId, entryId))
    throw new AppError('LEDGER_ALREADY_REVERSED');
  const lines = await journal.entryLines(tx, actor.cooperativeId, entryId);
  return post(tx, actor, {
    entryDate: options.entryDate,
    description:
      options.description ??
      `Pembalikan ${original.series}/${original.fiscal_year}/${original.number}: ${original.description}`.slice(
        0,
        500,
      ),
    source: options.source ?? { type: 'ledger.reversal', id: entryId.toString() },
    series: options.series ?? original.series,
    branchId: original.branch_id,
    reversalOf: entryId,
    lines: lines.map((l) => ({
      account: { id: l.account_id },
      debitRupiah: l.credit_rupiah,
      creditRupiah: l.debit_rupiah,
      memberId: l.member_id,
      branchId: l.branch_id,
      memo: l.memo,
    })),
  });
}
