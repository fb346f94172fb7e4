import { sql } from 'kysely';
import type { Queryable } from '../db/database.js';

export interface LedgerViolation {
  cooperativeId: string;
  check:
    | 'unbalanced-entry'
    | 'orphan-line'
    | 'balance-mismatch'
    | 'numbering-gap'
    | 'closed-period-touched'
    | 'reversal-mismatch'
    | 'savings-subledger-mismatch'
    | 'savings-account-history-mismatch';
  detail: string;
}

/**
 * Recomputes every ledger invariant from the journal lines themselves — what an auditor would do
 * by hand — and lists every violation (empty when the books are sound). Set-based: each check is
 * one query over the whole journal.
 */
export async function verifyLedger(
  db: Queryable,
  cooperativeId?: string,
): Promise<LedgerViolation[]> {
  const scope = cooperativeId ? sql`and x.cooperative_id = ${cooperativeId}` : sql``;
  const out: LedgerViolation[] = [];

  const unbalanced = await sql<{
    cooperative_id: string;
    id: bigint;
    d: bigint;
    c: bigint;
    t: bigint;
    n: bigint;
  }>`
    select x.cooperative_id, x.id, coalesce(sum(l.debit_rupiah), 0)::bigint as d, coalesce(sum(l.credit_rupiah), 0)::bigint as c,
           x.total_rupiah as t, count(l.line_no) as n
    from journal_entries x left join journal_lines l on l.cooperative_id = x.cooperative_id and l.entry_id = x.id
    where true ${scope}
    group by x.cooperative_id, x.id, x.total_rupiah
    having coalesce(sum(l.debit_rupiah), 0) <> x.total_rupiah or coalesce(sum(l.credit_rupiah), 0) <> x.total_rupiah or count(l.line_no) < 2`.execute(
    db,
  );
  for (const r of unbalanced.rows) {
    out.push({
      cooperativeId: r.cooperative_id,
      check: 'unbalanced-entry',
      detail: `entry ${r.id}: debit ${r.d}, credit ${r.c}, total ${r.t}, ${r.n} lines`,
    });
  }

  // journal_lines has no foreign keys to its entry and account (migration 0011: the posting
  // function and the balance trigger check both); a line without either is a broken book.
  const orphans = await sql<{
    cooperative_id: string;
    entry_id: bigint;
    line_no: number;
    what: string;
  }>`
    select x.cooperative_id, x.entry_id, x.line_no, case when e.id is null then 'entry' else 'account' end as what
    from journal_lines x
    left join journal_entries e on e.cooperative_id = x.cooperative_id and e.id = x.entry_id
    left join accounts a on a.cooperative_id = x.cooperative_id and a.id = x.account_id
    where (e.id is null or a.id is null) ${scope}`.execute(db);
  for (const r of orphans.rows) {
    out.push({
      cooperativeId: r.cooperative_id,
      check: 'orphan-line',
      detail: `line ${r.entry_id}/${r.line_no}: its ${r.what} does not exist`,
    });
  }

  const balances = await sql<{
    cooperative_id: string;
    account_id: bigint;
    period: string;
    kept_d: bigint | null;
    kept_c: bigint | null;
    real_d: bigint | null;
    real_c: bigint | null;
  }>`
    with real as (
      select l.cooperative_id, l.account_id, to_char(e.entry_date, 'YYYY-MM') as period,
             sum(l.debit_rupiah)::bigint as d, sum(l.credit_rupiah)::bigint as c
      from journal_lines l join journal_entries e on e.cooperative_id = l.cooperative_id and e.id = l.entry_id
      group by 1, 2, 3),
    kept as (
      select cooperative_id, account_id, period, sum(debit_rupiah)::bigint as d, sum(credit_rupiah)::bigint as c
      from account_balances group by 1, 2, 3)
    select coalesce(real.cooperative_id, kept.cooperative_id) as cooperative_id, coalesce(real.account_id, kept.account_id) as account_id,
           coalesce(real.period, kept.period) as period, kept.d as kept_d, kept.c as kept_c, real.d as real_d, real.c as real_c
    from real full outer join kept using (cooperative_id, account_id, period)
    where (real.d is distinct from kept.d or real.c is distinct from kept.c)
      and not (coalesce(real.d, 0) = 0 and coalesce(real.c, 0) = 0 and coalesce(kept.d, 0) = 0 and coalesce(kept.c, 0) = 0)
      ${cooperativeId ? sql`and coalesce(real.cooperative_id, kept.cooperative_id) = ${cooperativeId}` : sql``}`.execute(
    db,
  );
  for (const r of balances.rows) {
    out.push({
      cooperativeId: r.cooperative_id,
      check: 'balance-mismatch',
      detail: `account ${r.account_id} ${r.period}: kept ${r.kept_d ?? 0}/${r.kept_c ?? 0}, lines ${r.real_d ?? 0}/${r.real_c ?? 0}`,
    });
  }

  const gaps = await sql<{
    cooperative_id: string;
    fiscal_year: number;
    series: string;
    n: bigint;
    max: bigint;
    counter: bigint | null;
  }>`
    select x.cooperative_id, x.fiscal_year, x.series, count(*) as n, max(x.number) as max,
           (select last_number from journal_counters c where c.cooperative_id = x.cooperative_id and c.fiscal_year = x.fiscal_year and c.series = x.series) as counter
    from journal_entries x where true ${scope}
    group by x.cooperative_id, x.fiscal_year, x.series
    having count(*) <> max(x.number) or min(x.number) <> 1 or count(distinct x.number) <> count(*)
        or max(x.number) <> (select last_number from journal_counters c where c.cooperative_id = x.cooperative_id and c.fiscal_year = x.fiscal_year and c.series = x.series)`.execute(
    db,
  );
  for (const r of gaps.rows) {
    out.push({
      cooperativeId: r.cooperative_id,
      check: 'numbering-gap',
      detail: `${r.series}/${r.fiscal_year}: ${r.n} entries, highest number ${r.max}, counter ${r.counter ?? '-'}`,
    });
  }

  const touched = await sql<{ cooperative_id: string; id: bigint; period: string }>`
    select x.cooperative_id, x.id, p.period from journal_entries x
    join fiscal_periods p on p.cooperative_id = x.cooperative_id and p.period = to_char(x.entry_date, 'YYYY-MM')
    where p.status = 'closed' and x.created_at > p.closed_at ${scope}`.execute(db);
  for (const r of touched.rows) {
    out.push({
      cooperativeId: r.cooperative_id,
      check: 'closed-period-touched',
      detail: `entry ${r.id} posted into ${r.period} after it closed`,
    });
  }

  const reversals = await sql<{ cooperative_id: string; id: bigint }>`
    select x.cooperative_id, x.id from journal_entries x
    join journal_entries o on o.cooperative_id = x.cooperative_id and o.id = x.reversal_of
    where (x.total_rupiah <> o.total_rupiah or o.reversal_of is not null) ${scope}`.execute(db);
  for (const r of reversals.rows) {
    out.push({
      cooperativeId: r.cooperative_id,
      check: 'reversal-mismatch',
      detail: `reversal ${r.id} does not mirror its original`,
    });
  }

  // Members' savings: each kind's balances add up to its ledger account (the sub-ledger agrees
  // with the general ledger) …
  const sub = await sql<{ cooperative_id: string; kind: string; accounts: bigint; ledger: bigint }>`
    with s as (
      select x.cooperative_id, p.kind, sum(x.balance_rupiah)::bigint as accounts
      from savings_accounts x join savings_products p on p.cooperative_id = x.cooperative_id and p.id = x.product_id
      where true ${scope} group by x.cooperative_id, p.kind
    ),
    g as (
      select x.cooperative_id, a.role, sum(x.credit_rupiah - x.debit_rupiah)::bigint as ledger
      from account_balances x join accounts a on a.cooperative_id = x.cooperative_id and a.id = x.account_id
      where a.role in ('simpananPokok', 'simpananWajib', 'savingsSukarela', 'savingsBerjangka') ${scope}
      group by x.cooperative_id, a.role
    )
    select s.cooperative_id, s.kind, s.accounts, coalesce(g.ledger, 0)::bigint as ledger from s
    left join g on g.cooperative_id = s.cooperative_id and g.role = case s.kind when 'pokok' then 'simpananPokok'
      when 'wajib' then 'simpananWajib' when 'sukarela' then 'savingsSukarela' else 'savingsBerjangka' end
    where s.accounts <> coalesce(g.ledger, 0)`.execute(db);
  for (const r of sub.rows) {
    out.push({
      cooperativeId: r.cooperative_id,
      check: 'savings-subledger-mismatch',
      detail: `simpanan ${r.kind}: accounts ${r.accounts} <> ledger ${r.ledger}`,
    });
  }
  // … and each account's balance is its movements plus its month-end lines.
  const history = await sql<{
    cooperative_id: string;
    id: bigint;
    balance_rupiah: bigint;
    moved: bigint;
  }>`
    select x.cooperative_id, x.id, x.balance_rupiah,
      (coalesce((select sum(t.sign * t.amount_rupiah) from savings_transactions t where t.cooperative_id = x.cooperative_id and t.account_id = x.id), 0)
       + coalesce((select sum(l.gross_rupiah - l.tax_rupiah - l.fee_rupiah) from savings_interest_lines l
                   where l.cooperative_id = x.cooperative_id and l.credit_account_id = x.id), 0))::bigint as moved
    from savings_accounts x where true ${scope}`.execute(db);
  for (const r of history.rows) {
    if (r.balance_rupiah !== r.moved)
      out.push({
        cooperativeId: r.cooperative_id,
        check: 'savings-account-history-mismatch',
        detail: `savings account ${r.id}: balance ${r.balance_rupiah} <> movements ${r.moved}`,
      });
  }
  return out;
}
