import { sql } from 'kysely';
import { SAVINGS_LEDGER_ROLES } from '../domain/savings/ledger-role.js';
import type { Queryable } from './database.js';

/**
 * The ledger's invariants recomputed from the journal lines themselves, what an auditor would do
 * by hand (src/ledger/verify.ts turns the rows into violations). Set-based: each check is one
 * query over the whole journal, or over one cooperative's (the alias `x` carries the scope).
 */
const scopeOf = (cooperativeId: string | undefined) =>
  cooperativeId ? sql`and x.cooperative_id = ${cooperativeId}` : sql``;

/** Entries whose lines do not add up to their total, or with fewer than two lines. */
export async function unbalancedEntries(db: Queryable, cooperativeId: string | undefined) {
  const scope = scopeOf(cooperativeId);
  const r = await sql<{
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
  return r.rows;
}

/** Lines whose entry or account does not exist (journal_lines has no foreign keys since migration 0011). */
export async function orphanLines(db: Queryable, cooperativeId: string | undefined) {
  const scope = scopeOf(cooperativeId);
  const r = await sql<{
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
  return r.rows;
}

/** Account-months whose kept balance differs from the sum of their lines. */
export async function balanceMismatches(db: Queryable, cooperativeId: string | undefined) {
  const r = await sql<{
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
  return r.rows;
}

/** Series whose numbers are not 1..n without gaps or repeats, or disagree with their counter. */
export async function numberingGaps(db: Queryable, cooperativeId: string | undefined) {
  const scope = scopeOf(cooperativeId);
  const r = await sql<{
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
  return r.rows;
}

/** Entries created in a month after it was closed. */
export async function entriesInClosedPeriods(db: Queryable, cooperativeId: string | undefined) {
  const scope = scopeOf(cooperativeId);
  const r = await sql<{ cooperative_id: string; id: bigint; period: string }>`
    select x.cooperative_id, x.id, p.period from journal_entries x
    join fiscal_periods p on p.cooperative_id = x.cooperative_id and p.period = to_char(x.entry_date, 'YYYY-MM')
    where p.status = 'closed' and x.created_at > p.closed_at ${scope}`.execute(db);
  return r.rows;
}

/** Reversals that do not mirror their original (total, or an original that is itself a reversal). */
export async function mismatchedReversals(db: Queryable, cooperativeId: string | undefined) {
  const scope = scopeOf(cooperativeId);
  const r = await sql<{ cooperative_id: string; id: bigint }>`
    select x.cooperative_id, x.id from journal_entries x
    join journal_entries o on o.cooperative_id = x.cooperative_id and o.id = x.reversal_of
    where (x.total_rupiah <> o.total_rupiah or o.reversal_of is not null) ${scope}`.execute(db);
  return r.rows;
}

/**
 * Savings ledger roles whose accounts' balances differ from the ledger account holding the role.
 * Each account counts under the role its product's kind and akad post to (savingsLedgerRole, joined
 * as a table): in a KSPPS 2101 holds the wadiah sukarela balances and 2102 the mudharabah ones.
 */
export async function savingsSubledgerMismatches(db: Queryable, cooperativeId: string | undefined) {
  const scope = scopeOf(cooperativeId);
  const roles = sql.join(
    SAVINGS_LEDGER_ROLES.map((r) => sql`(${r.kind}, ${r.akad}::text, ${r.role})`),
  );
  const r = await sql<{ cooperative_id: string; role: string; accounts: bigint; ledger: bigint }>`
    with rule(kind, akad, role) as (values ${roles}),
    s as (
      select x.cooperative_id, rule.role, sum(x.balance_rupiah)::bigint as accounts
      from savings_accounts x join savings_products p on p.cooperative_id = x.cooperative_id and p.id = x.product_id
      join rule on rule.kind = p.kind and rule.akad is not distinct from p.akad
      where true ${scope} group by x.cooperative_id, rule.role
    ),
    g as (
      select x.cooperative_id, a.role, sum(x.credit_rupiah - x.debit_rupiah)::bigint as ledger
      from account_balances x join accounts a on a.cooperative_id = x.cooperative_id and a.id = x.account_id
      where a.role in (select role from rule) ${scope}
      group by x.cooperative_id, a.role
    )
    select s.cooperative_id, s.role, s.accounts, coalesce(g.ledger, 0)::bigint as ledger from s
    left join g on g.cooperative_id = s.cooperative_id and g.role = s.role
    where s.accounts <> coalesce(g.ledger, 0)`.execute(db);
  return r.rows;
}

/** Every savings account with its balance and the sum of its movements and month-end lines. */
export async function savingsAccountMovements(db: Queryable, cooperativeId: string | undefined) {
  const scope = scopeOf(cooperativeId);
  const r = await sql<{
    cooperative_id: string;
    id: bigint;
    balance_rupiah: bigint;
    moved: bigint;
  }>`
    select x.cooperative_id, x.id, x.balance_rupiah,
      (coalesce((select sum(t.sign * t.amount_rupiah) from savings_transactions t where t.cooperative_id = x.cooperative_id and t.account_id = x.id), 0)
       + coalesce((select sum(l.gross_rupiah - l.tax_rupiah - l.fee_rupiah) from savings_interest_lines l
                   where l.cooperative_id = x.cooperative_id and l.credit_account_id = x.id), 0)
       + coalesce((select sum(b.share_rupiah) from bagi_hasil_lines b
                   where b.cooperative_id = x.cooperative_id and b.credit_account_id = x.id), 0)
       + coalesce((select sum(w.bonus_rupiah) from wadiah_bonus_lines w
                   where w.cooperative_id = x.cooperative_id and w.account_id = x.id), 0))::bigint as moved
    from savings_accounts x where true ${scope}`.execute(db);
  return r.rows;
}
