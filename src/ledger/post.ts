import { sql } from 'kysely';
import type { Tx } from '../db/database.js';
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

/** Resolves account references to postable, active account ids in one query. */
async function resolveAccounts(
  tx: Tx,
  cooperativeId: string,
  lines: PostingLine[],
): Promise<Map<string, bigint>> {
  const ids = new Set<bigint>();
  const codes = new Set<string>();
  const roles = new Set<string>();
  for (const l of lines) {
    if ('id' in l.account) ids.add(l.account.id);
    else if ('code' in l.account) codes.add(l.account.code);
    else roles.add(l.account.role);
  }
  const rows = await tx
    .selectFrom('accounts')
    .select(['id', 'code', 'role', 'is_postable', 'active'])
    .where('cooperative_id', '=', cooperativeId)
    .where((eb) =>
      eb.or([
        ...(ids.size ? [eb('id', 'in', [...ids])] : []),
        ...(codes.size ? [eb('code', 'in', [...codes])] : []),
        ...(roles.size ? [eb('role', 'in', [...roles])] : []),
      ]),
    )
    .execute();
  const map = new Map<string, bigint>();
  for (const r of rows) {
    if (!r.is_postable) throw new AppError('LEDGER_ACCOUNT_NOT_POSTABLE', { code: r.code });
    if (!r.active) throw new AppError('LEDGER_ACCOUNT_INACTIVE', { code: r.code });
    map.set(`id:${r.id}`, r.id);
    map.set(`code:${r.code}`, r.id);
    if (r.role) map.set(`role:${r.role}`, r.id);
  }
  for (const l of lines) {
    if (!map.has(keyOf(l.account)))
      throw new AppError('LEDGER_ACCOUNT_NOT_FOUND', { account: keyOf(l.account) });
  }
  return map;
}

/** Takes the next gapless number of a series (the counter row stays locked until commit). */
async function nextNumber(
  tx: Tx,
  cooperativeId: string,
  fiscalYear: number,
  series: string,
  count = 1n,
): Promise<bigint> {
  const r = await sql<{ last_number: bigint }>`
    insert into journal_counters as c (cooperative_id, fiscal_year, series, last_number)
    values (${cooperativeId}, ${fiscalYear}, ${series}, ${count})
    on conflict (cooperative_id, fiscal_year, series) do update set last_number = c.last_number + ${count}
    returning last_number`.execute(tx);
  const last = r.rows[0]?.last_number;
  if (last === undefined) throw new Error('journal counter returned nothing');
  return last - count + 1n;
}

export async function isPeriodClosed(
  tx: Tx,
  cooperativeId: string,
  entryDate: string,
): Promise<boolean> {
  const row = await tx
    .selectFrom('fiscal_periods')
    .select('status')
    .where('cooperative_id', '=', cooperativeId)
    .where('period', '=', entryDate.slice(0, 7))
    .executeTakeFirst();
  return row?.status === 'closed';
}

export async function post(tx: Tx, actor: Actor, input: PostingInput): Promise<PostedEntry> {
  const total = validatePosting(input);
  const series = input.series ?? DEFAULT_SERIES;
  if (!/^[A-Z0-9-]{1,20}$/.test(series))
    throw new AppError('LEDGER_INVALID_ENTRY', { reason: 'series' });
  if (await isPeriodClosed(tx, actor.cooperativeId, input.entryDate)) {
    throw new AppError('LEDGER_PERIOD_CLOSED', { period: input.entryDate.slice(0, 7) });
  }
  const accounts = await resolveAccounts(tx, actor.cooperativeId, input.lines);
  const fiscalYear = Number(input.entryDate.slice(0, 4));
  const number = await nextNumber(tx, actor.cooperativeId, fiscalYear, series);
  const entry = await tx
    .insertInto('journal_entries')
    .values({
      cooperative_id: actor.cooperativeId,
      entry_date: input.entryDate,
      fiscal_year: fiscalYear,
      series,
      number,
      description: input.description.slice(0, 500),
      source_type: input.source.type,
      source_id: input.source.id ?? null,
      branch_id: input.branchId ?? null,
      reversal_of: input.reversalOf ?? null,
      cash_session_id: input.cashSessionId ?? null,
      total_rupiah: total,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('journal_lines')
    .values(
      input.lines.map((l, i) => ({
        cooperative_id: actor.cooperativeId,
        entry_id: entry.id,
        line_no: i + 1,
        account_id: accounts.get(keyOf(l.account)) ?? 0n,
        debit_rupiah: l.debitRupiah ?? 0n,
        credit_rupiah: l.creditRupiah ?? 0n,
        member_id: l.memberId ?? null,
        branch_id: l.branchId ?? input.branchId ?? null,
        memo: l.memo ?? null,
      })),
    )
    .execute();
  return { entryId: entry.id, series, number, fiscalYear, totalRupiah: total };
}

/**
 * Reverses a posted entry with a mirror entry that points to it; the original stays as it was.
 * The reversal is dated `entryDate` (an open month), not back-dated into a closed one.
 */
export async function reverse(
  tx: Tx,
  actor: Actor,
  entryId: bigint,
  options: { entryDate: string; description?: string; series?: string },
): Promise<PostedEntry> {
  const original = await tx
    .selectFrom('journal_entries')
    .selectAll()
    .where('cooperative_id', '=', actor.cooperativeId)
    .where('id', '=', entryId)
    .executeTakeFirst();
  if (!original) throw new AppError('LEDGER_ENTRY_NOT_FOUND');
  if (original.reversal_of !== null) throw new AppError('LEDGER_ALREADY_REVERSED');
  const already = await tx
    .selectFrom('journal_entries')
    .select('id')
    .where('cooperative_id', '=', actor.cooperativeId)
    .where('reversal_of', '=', entryId)
    .executeTakeFirst();
  if (already) throw new AppError('LEDGER_ALREADY_REVERSED');
  const lines = await tx
    .selectFrom('journal_lines')
    .selectAll()
    .where('cooperative_id', '=', actor.cooperativeId)
    .where('entry_id', '=', entryId)
    .orderBy('line_no')
    .execute();
  return post(tx, actor, {
    entryDate: options.entryDate,
    description:
      options.description ??
      `Pembalikan ${original.series}/${original.fiscal_year}/${original.number}: ${original.description}`.slice(
        0,
        500,
      ),
    source: { type: 'ledger.reversal', id: entryId.toString() },
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
