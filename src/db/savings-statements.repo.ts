import { sql } from 'kysely';
import type { Queryable } from './database.js';

/**
 * The reading side of savings: an account's movements for the rekening koran and one movement for
 * its receipt. The month-end writes one line per account and month (savings_interest_lines), not
 * three movements, so a statement reads both tables.
 */

/**
 * Counter movements and the month-end lines (interest, tax, admin fee, a KSPPS's bagi hasil on
 * the month's last day) of one account, as signed amounts in date order (d, ord, seq).
 */
function movementsOf(coop: string, accountId: bigint) {
  return sql`
    select t.transaction_date as d, 0 as ord, t.id as seq, t.id::text as ref, t.kind,
      (t.sign * t.amount_rupiah)::bigint as amount, t.entry_id::text as entry,
      null::integer as nisbah_bps, null::bigint as daily_sum, null::integer as days
    from savings_transactions t where t.cooperative_id = ${coop} and t.account_id = ${accountId}
    union all
    select l.booked_on, x.ord, l.account_id, l.period || ':' || l.account_id || ':' || x.kind,
      x.kind, x.amount,
      (select e.id::text from journal_entries e where e.cooperative_id = l.cooperative_id
        and e.source_type = 'savings.interest' and e.source_id = l.period limit 1),
      null::integer, null::bigint, null::integer
    from savings_interest_lines l
    cross join lateral (values (1, 'interest', l.gross_rupiah), (2, 'tax', -l.tax_rupiah), (3,
      'admin-fee', -l.fee_rupiah)) as x(ord, kind, amount)
    where l.cooperative_id = ${coop} and l.credit_account_id = ${accountId} and x.amount <> 0
    union all
    select b.booked_on, 4, b.account_id, b.period || ':' || b.account_id || ':bagi-hasil',
      'bagi-hasil', b.share_rupiah,
      d.entry_id::text, b.nisbah_anggota_bps, b.daily_balance_sum_rupiah, d.days
    from bagi_hasil_lines b
    join bagi_hasil_distributions d on d.cooperative_id = b.cooperative_id and d.period = b.period
    where b.cooperative_id = ${coop} and b.credit_account_id = ${accountId} and b.share_rupiah > 0
    union all
    select w.booked_on, 5, w.account_id, w.period || ':' || w.account_id || ':wadiah-bonus',
      'wadiah-bonus', w.bonus_rupiah, d.entry_id::text, null::integer, null::bigint, null::integer
    from wadiah_bonus_lines w
    join wadiah_bonus_decisions d on d.cooperative_id = w.cooperative_id and d.period = w.period
    where w.cooperative_id = ${coop} and w.account_id = ${accountId}`;
}

/** What moved the account from `from` on (to back the opening balance out of today's balance). */
export async function movedSince(
  tx: Queryable,
  coop: string,
  accountId: bigint,
  from: string,
): Promise<bigint> {
  const r = await sql<{ s: bigint }>`
    select coalesce(sum(amount), 0)::bigint as s from (${movementsOf(coop, accountId)}) m
      where m.d >= ${from}::date`.execute(tx);
  return r.rows[0]!.s;
}

export interface StatementRow {
  d: string;
  ord: number;
  seq: bigint;
  ref: string;
  kind: string;
  amount: bigint;
  entry: string | null;
  /** a bagi hasil line: the nisbah of the member's akad, the account's daily-balance sum, the month's days */
  nisbah_bps: number | null;
  daily_sum: bigint | null;
  days: number | null;
  /** the running balance after this line */
  bal: bigint;
}

/** The movements between two dates with the balance running from `openingBalance`; at most `limit`. */
export async function statementRows(
  tx: Queryable,
  coop: string,
  accountId: bigint,
  range: { from: string; to: string; openingBalance: bigint; limit: number },
): Promise<StatementRow[]> {
  const r = await sql<StatementRow>`
    select m.*, (${range.openingBalance}::bigint + sum(m.amount) over (order by m.d, m.ord,
      m.seq))::bigint as bal
    from (${movementsOf(coop, accountId)}) m where m.d between ${range.from}::date
      and ${range.to}::date
    order by m.d, m.ord, m.seq limit ${range.limit}`.execute(tx);
  return r.rows;
}

export interface ReceiptRow {
  id: bigint;
  transaction_date: string;
  kind: string;
  amount_rupiah: bigint;
  balance_after_rupiah: bigint;
  account_number: string;
  product_name: string;
  member_number: string;
  full_name: string;
  entry_number: bigint;
  series: string;
  created_by: string | null;
  created_at: Date;
}

/** One movement with what its receipt prints: account, member, journal number, teller. */
export async function receiptOf(
  tx: Queryable,
  coop: string,
  transactionId: bigint,
): Promise<ReceiptRow | undefined> {
  const r = await sql<ReceiptRow>`
    select t.id, t.transaction_date, t.kind, t.amount_rupiah, t.balance_after_rupiah,
      a.account_number, p.name as product_name,
      m.member_number, m.full_name, e.number as entry_number, e.series, u.full_name as created_by,
        t.created_at
    from savings_transactions t
    join savings_accounts a on a.cooperative_id = t.cooperative_id and a.id = t.account_id
    join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
    join members m on m.cooperative_id = a.cooperative_id and m.id = a.member_id
    join journal_entries e on e.cooperative_id = t.cooperative_id and e.id = t.entry_id
    left join users u on u.id = e.created_by
    where t.cooperative_id = ${coop} and t.id = ${transactionId}`.execute(tx);
  return r.rows[0];
}
