import { sql } from 'kysely';
import type { SavingsAkad } from '../domain/savings/akad.js';
import type { SavingsKind } from '../domain/savings/product.js';
import type { Queryable } from './database.js';

/**
 * Savings at month-end as set-based SQL: a handful of statements per cooperative whatever its
 * size (services/savings-month-end.ts runs them, one step per transaction, and posts the journal).
 *
 * The SQL mirrors the pure domain rules and their worked examples (src/domain/savings,
 * docs/domain/savings.md); test/integration/savings/month-end.test.ts checks that the two agree
 * account by account over generated books (a fast-check property).
 *   daily balance:  Σ_days eod_balance (days under the minimum earn nothing) × rate / (10000 × year days)
 *                   with eod balances as segments: opening until the first movement day, then each
 *                   movement day's closing balance until the next one;
 *   lowest balance: least(opening, every eod balance) × rate / 120000 (one twelfth, any month);
 *   berjangka:      the period ending on this month's anniversary of the term;
 *   tax (PPh final): per member per month over all interest; above the threshold the rate applies to
 *                   the whole amount, shared across accounts pro rata (floor), remainder on the largest.
 *
 * The plan, and why: the movements since the first of the month are read once, by date, and
 * folded per movement day and then per account (each day's balance backed out of today's), never
 * per account; every join is set against set by hash joins (planForWholeSet), the tax per member
 * is two windows over one sort of the lines, and the lines are written by one INSERT … SELECT and
 * the balances by one UPDATE … FROM. One million accounts: a few statements, no round trip per
 * account (bench/savings.ts and bench/loans-month-end.ts measure it).
 */

export interface MonthBounds {
  period: string; // 'YYYY-MM'
  firstDay: string;
  lastDay: string;
}

/** Sukarela accounts idle for the product's dormancy months become dormant; how many. */
export async function markDormant(tx: Queryable, coop: string, lastDay: string): Promise<number> {
  const r = await sql`
    update savings_accounts a set status = 'dormant'
    from savings_products p
    where a.cooperative_id = ${coop} and p.cooperative_id = a.cooperative_id and p.id = a.product_id
      and p.kind = 'sukarela' and a.status = 'active' and p.settings->>'dormancyMonths' is not null
      and coalesce(a.last_activity_on,
        a.opened_on) <= (${lastDay}::date - make_interval(months => (p.settings->>'dormancyMonths')::int))::date`.execute(
    tx,
  );
  return Number(r.numAffectedRows ?? 0n);
}

/**
 * These statements are planned for millions of rows with estimates that are far off (window
 * functions over CTEs): PostgreSQL's JIT then spends longer compiling than the query runs, and a
 * join of two CTEs estimated small can become a nested loop that is quadratic in the accounts
 * (seen: 100k accounts in 77 s instead of 2.4 s). Every join here is set against set, so the step
 * asks for hash and merge joins only, and gives their hash tables and sorts of every account room
 * in memory (with the default 4 MB, 1,000,000 accounts wrote ~800 MB of temporary files: hashes in
 * 16–53 batches, sorts merged on disk). `SET LOCAL` ends with the step's transaction.
 */
export async function planForWholeSet(tx: Queryable): Promise<void> {
  await sql`set local jit = off`.execute(tx);
  await sql`set local enable_nestloop = off`.execute(tx);
  await sql`set local work_mem = '128MB'`.execute(tx);
}

/**
 * Sukarela interest per account, and the admin-fee inputs (end-of-month and current balance).
 *
 * Shaped for a million accounts (bench/loans-month-end.ts; docs/performance.md, "The month-end's
 * savings interest"): the products' settings are read once (`prod`, materialized: inlined, its
 * JSON look-ups would run once an account); the movements since the first of the month are folded
 * per account in `moved` from the movement days alone, each day's end-of-day balance backed out of
 * the current one (cur − everything since the first + the running sum to that day), so no
 * intermediate set of every account is written out and read again; and the arithmetic stays in
 * bigint (a month's balance-days fit: 10^15 rupiah × 31 days < 2^63) until the one multiplication
 * by the rate, which is numeric.
 */
function sukarelaLines(coop: string, m: MonthBounds, yearDays: number) {
  return sql`
    with prod as materialized (
      select p.id,
        -- a product under a sharia akad earns no interest (fatwa 02 and 03/DSN-MUI/IV/2000; its
        -- return is bagi hasil by nisbah or a wadiah bonus, decided apart)
        case when p.akad is null then coalesce((p.settings->>'annualRateBps')::bigint, 0)
          else 0 end as rate,
        p.settings->>'interestMethod' as method,
        case when p.settings->>'dayCount' = 'actual/actual' then ${yearDays}::bigint
          else 365 end as year_days,
        coalesce((p.settings->>'minimumBalanceForInterestRupiah')::bigint, 0) as min_b,
        coalesce((p.settings->>'dormantStopsInterest')::boolean, false) as dormant_stops,
        coalesce((p.settings->>'monthlyAdminFeeRupiah')::bigint, 0) as fee_setting
      from savings_products p
      where p.cooperative_id = ${coop} and p.kind = 'sukarela'
        and ((p.akad is null and coalesce((p.settings->>'annualRateBps')::bigint, 0) > 0)
          or coalesce((p.settings->>'monthlyAdminFeeRupiah')::bigint, 0) > 0)
    ),
    days as (  -- each movement day's net change, from the first of the month on (later days too)
      select t.account_id, t.transaction_date as d, sum(t.sign * t.amount_rupiah)::bigint as net
      from savings_transactions t
      where t.cooperative_id = ${coop} and t.transaction_date >= ${m.firstDay}::date
      group by t.account_id, t.transaction_date
    ),
    run as (  -- the running sum to each day, the sum of every day, and the next movement day
      select days.account_id, days.d, days.net,
        sum(days.net) over (partition by days.account_id order by days.d)::bigint as to_d,
        sum(days.net) over (partition by days.account_id)::bigint as s,
        lead(days.d) over (partition by days.account_id order by days.d) as next_d
      from days
    ),
    seg as (  -- in the month: the eod balance from a movement day until the next one (or the end)
      select run.account_id, run.d, run.net, run.s, a.balance_rupiah - run.s + run.to_d as b,
        least(coalesce(run.next_d, ${m.lastDay}::date + 1), ${m.lastDay}::date + 1) - run.d as len,
        prod.min_b
      from run
      join savings_accounts a on a.cooperative_id = ${coop} and a.id = run.account_id
      join prod on prod.id = a.product_id
    ),
    moved as (  -- per account that moved since the first: what its balance-days need
      select seg.account_id, min(seg.s) as s,
        coalesce(sum(seg.net) filter (where seg.d > ${m.lastDay}::date), 0)::bigint as s_after,
        min(seg.d) filter (where seg.d <= ${m.lastDay}::date) as first_d,
        min(seg.b) filter (where seg.d <= ${m.lastDay}::date) as low_b,
        coalesce(sum(case when seg.b >= seg.min_b then seg.b * seg.len else 0 end)
          filter (where seg.d <= ${m.lastDay}::date), 0)::bigint as seg_days
      from seg
      group by seg.account_id
    ),
    opening as (
      select a.id, a.member_id, a.status, a.balance_rupiah as cur, prod.rate, prod.method,
        prod.year_days, prod.min_b, prod.dormant_stops, prod.fee_setting,
        a.balance_rupiah - coalesce(mv.s, 0) as opening,
        a.balance_rupiah - coalesce(mv.s_after, 0) as eom,
        coalesce(mv.first_d, ${m.lastDay}::date + 1) - ${m.firstDay}::date as opening_len,
        coalesce(mv.seg_days, 0) as seg_days, mv.low_b
      from savings_accounts a
      join prod on prod.id = a.product_id
      left join moved mv on mv.account_id = a.id
      where a.cooperative_id = ${coop} and a.status <> 'closed'
        and a.opened_on <= ${m.lastDay}::date
    ),
    agg as (
      select o.*, least(o.opening, coalesce(o.low_b, o.opening)) as lowest,
        (case when o.opening >= o.min_b then o.opening * o.opening_len else 0 end)
          + o.seg_days as daily_basis
      from opening o
    ),
    interest as (
      select id, member_id, fee_setting, eom, cur,
        case when method = 'lowest-balance' then lowest else daily_basis end as basis,
        case
          when status = 'dormant' and dormant_stops then 0
          when method = 'lowest-balance' then
            case when lowest >= min_b and lowest > 0 then floor(lowest::numeric * rate / 120000)
              else 0 end
          else floor(daily_basis::numeric * rate / (10000 * year_days))
        end::bigint as gross
      from agg
    )
    select id as account_id, member_id, 'sukarela' as kind, basis, gross, id as credit, fee_setting,
      eom, cur
    from interest where gross > 0 or (fee_setting > 0 and least(eom, cur) > 0)`;
}

/** Berjangka: the period of the term that ends on this month's anniversary. */
function berjangkaLines(coop: string, m: MonthBounds) {
  return sql`
    with dep as (
      select a.id, a.member_id, a.principal_rupiah as p, a.annual_rate_bps as rate,
        a.term_opened_on as t0, a.tenor_months,
        a.interest_payout, a.payout_account_id, p.settings->>'interestBasis' as basis,
        ((extract(year from ${m.lastDay}::date) - extract(year from a.term_opened_on)) * 12
          + extract(month from ${m.lastDay}::date) - extract(month from a.term_opened_on))::int as k
      from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
        and p.kind = 'berjangka' and p.akad is null  -- mudharabah deposits earn no interest
      where a.cooperative_id = ${coop} and a.status in ('active', 'dormant', 'blocked')
        and a.term_opened_on is not null
    )
    select id as account_id, member_id, 'berjangka' as kind, p as basis, gross, credit,
      0::bigint as fee_setting, 0::bigint as eom, 0::bigint as cur from (
      select id, member_id, p,
        case when basis = 'monthly/12' then floor(p::numeric * rate / 120000)
             else floor(p::numeric * rate * ((t0 + make_interval(months => k))::date - (t0 + make_interval(months => k - 1))::date) / 3650000)
        end::bigint as gross,
        case when interest_payout = 'to-sukarela' then payout_account_id else id end as credit
      from dep where k between 1 and tenor_months and rate > 0) x
    where gross > 0`;
}

export interface InterestTotals {
  /** gross interest on sukarela, on berjangka */
  gs: bigint;
  gb: bigint;
  tax: bigint;
  fee: bigint;
  /** lines with interest, lines with a fee */
  n: bigint;
  nf: bigint;
}

/** An amount moved on the accounts of one kind and akad (the caller posts it by ledger role). */
export interface CreditedAmount {
  kind: SavingsKind;
  akad: SavingsAkad | null;
  rupiah: bigint;
}

/** The rules the month's lines follow: the days of the year, and PPh final's threshold and rate. */
export interface InterestRules {
  yearDays: number;
  taxThresholdRupiah: bigint;
  taxRateBps: bigint;
}

/** What writing the month's lines did: their sums, and what they move, by kind and akad. */
export interface InterestWritten {
  totals: InterestTotals;
  credited: CreditedAmount[];
  /** time deposits' interest paid into another (sukarela) account, summed per that account */
  payouts: { accountId: string; rupiah: bigint }[];
}

/**
 * The month's interest lines in one INSERT … SELECT: every account's line (interest on sukarela and
 * berjangka, PPh final per member shared across the member's accounts, then the admin fee on the
 * balance after interest, never more than is there), with the sums for the month's one journal
 * entry and what the lines credit by kind and akad taken from the rows as they are inserted
 * (`RETURNING`), not read back from the table: three more passes over 1,000,000 lines took about
 * 2 s, the sums here about 1 s (docs/performance.md, "The savings interest step: the lines' sums
 * from the INSERT itself").
 *
 * The balances move after it: the lines crediting their own account (creditOwnLines), then the
 * time deposits paying their interest into a sukarela account (creditPayouts: few, summed per
 * account here, since one member may have several and the sukarela account its own line too).
 * Moving them in this statement was slower: the update then ran row by row beside the insert.
 */
export async function writeInterestLines(
  tx: Queryable,
  coop: string,
  m: MonthBounds,
  rules: InterestRules,
): Promise<InterestWritten> {
  const r = await sql<{
    gs: string;
    gb: string;
    tax: string;
    fee: string;
    n: string;
    nf: string;
    own_s: string;
    own_b: string;
    own_akad: CreditedRow[];
    paid_by: CreditedRow[];
    payouts: { accountId: string; rupiah: string }[];
  }>`
    with ins as (
      insert into savings_interest_lines (cooperative_id, period, account_id, member_id, kind,
        basis_rupiah, gross_rupiah, tax_rupiah, fee_rupiah, booked_on, credit_account_id)
      ${interestLines(coop, m, rules)}
      returning kind, account_id, credit_account_id, gross_rupiah, tax_rupiah, fee_rupiah,
        gross_rupiah - tax_rupiah - fee_rupiah as net
    ),
    -- accounts under an akad (only a KSPPS has them: none in a KSP, where this is empty)
    ak as (
      select a.id, p.akad from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      where a.cooperative_id = ${coop} and p.akad is not null
        and p.kind in ('sukarela', 'berjangka')
    ),
    -- a time deposit paying out to savings (few) moves the payout account by that one's product
    paid as (
      select ins.credit_account_id as id, sum(ins.net)::bigint as net from ins
      where ins.credit_account_id <> ins.account_id group by ins.credit_account_id
    ),
    paid_by as (
      select p.kind, p.akad, sum(paid.net)::bigint as rupiah from paid
      join savings_accounts c on c.cooperative_id = ${coop} and c.id = paid.id
      join savings_products p on p.cooperative_id = ${coop} and p.id = c.product_id
      group by p.kind, p.akad
    ),
    -- a line crediting its own account moves it by the line's kind and the akad of its product:
    -- the lines of accounts under an akad by kind and akad here, the others by kind in the sums
    -- below (a group by kind and akad over every line sorted the 1,000,000 lines: 0.6-0.9 s)
    own_akad as (
      select ins.kind, ak.akad, sum(ins.net)::bigint as rupiah from ak
      join ins on ins.account_id = ak.id and ins.credit_account_id = ins.account_id
      group by ins.kind, ak.akad
    )
    select
      coalesce(sum(gross_rupiah) filter (where kind = 'sukarela'), 0)::text as gs,
      coalesce(sum(gross_rupiah) filter (where kind = 'berjangka'), 0)::text as gb,
      coalesce(sum(tax_rupiah), 0)::text as tax, coalesce(sum(fee_rupiah), 0)::text as fee,
      count(*) filter (where gross_rupiah > 0)::text as n,
      count(*) filter (where fee_rupiah > 0)::text as nf,
      coalesce(sum(net) filter (where kind = 'sukarela' and credit_account_id = account_id),
        0)::text as own_s,
      coalesce(sum(net) filter (where kind = 'berjangka' and credit_account_id = account_id),
        0)::text as own_b,
      (select coalesce(jsonb_agg(jsonb_build_object('kind', kind, 'akad', akad,
        'rupiah', rupiah::text)), '[]') from own_akad) as own_akad,
      (select coalesce(jsonb_agg(jsonb_build_object('kind', kind, 'akad', akad,
        'rupiah', rupiah::text)), '[]') from paid_by) as paid_by,
      (select coalesce(jsonb_agg(jsonb_build_object('accountId', id::text, 'rupiah', net::text)),
        '[]') from paid) as payouts
    from ins`.execute(tx);
  const row = r.rows[0]!;
  return {
    totals: {
      gs: BigInt(row.gs),
      gb: BigInt(row.gb),
      tax: BigInt(row.tax),
      fee: BigInt(row.fee),
      n: BigInt(row.n),
      nf: BigInt(row.nf),
    },
    credited: creditedByKindAndAkad(
      { sukarela: BigInt(row.own_s), berjangka: BigInt(row.own_b) },
      row.own_akad,
      row.paid_by,
    ),
    payouts: row.payouts.map((p) => ({ accountId: p.accountId, rupiah: BigInt(p.rupiah) })),
  };
}

type CreditedRow = { kind: SavingsKind; akad: SavingsAkad | null; rupiah: string };

/**
 * What the lines credit by kind and akad: a kind's lines crediting their own account, less those
 * of accounts under an akad (which come by akad), are that kind's without an akad; the payouts
 * come by the receiving account's kind and akad.
 */
function creditedByKindAndAkad(
  own: { sukarela: bigint; berjangka: bigint },
  ownAkad: readonly CreditedRow[],
  paidBy: readonly CreditedRow[],
): CreditedAmount[] {
  const parsed = (rows: readonly CreditedRow[]) =>
    rows.map((c) => ({ kind: c.kind, akad: c.akad, rupiah: BigInt(c.rupiah) }));
  const underAkad = parsed(ownAkad);
  const plain = (['sukarela', 'berjangka'] as const).map((kind) => ({
    kind,
    akad: null,
    rupiah: underAkad.reduce((t, c) => (c.kind === kind ? t - c.rupiah : t), own[kind]),
  }));
  return [...plain, ...underAkad, ...parsed(paidBy)];
}

/**
 * Balances after the month's lines: one update per account its own line credits (all but a time
 * deposit paying out to savings). The month-end's movements are the lines themselves (statements
 * show them on the month's last day).
 */
export async function creditOwnLines(tx: Queryable, coop: string, period: string): Promise<void> {
  await sql`
    update savings_accounts a set balance_rupiah = a.balance_rupiah + l.gross_rupiah - l.tax_rupiah - l.fee_rupiah
    from savings_interest_lines l
    where l.cooperative_id = ${coop} and l.period = ${period} and l.credit_account_id = l.account_id
      and a.cooperative_id = ${coop} and a.id = l.account_id`.execute(tx);
}

/** Time deposits' interest paid into the sukarela accounts they name, summed per account. */
export async function creditPayouts(
  tx: Queryable,
  coop: string,
  payouts: readonly { accountId: string; rupiah: bigint }[],
): Promise<void> {
  if (payouts.length === 0) return;
  await sql`
    update savings_accounts a set balance_rupiah = a.balance_rupiah + x.net
    from unnest(${payouts.map((p) => p.accountId)}::bigint[],
      ${payouts.map((p) => p.rupiah.toString())}::bigint[]) as x(id, net)
    where a.cooperative_id = ${coop} and a.id = x.id`.execute(tx);
}

/**
 * What one line counts for when asking whether its member is over the tax threshold (interestLines):
 * the threshold + 1, which the query sums as int4. A threshold that does not leave room for it
 * (Rp 2,147,483,646 a month or more) is refused rather than summed wrongly.
 */
export function taxLineCap(thresholdRupiah: bigint): bigint {
  if (thresholdRupiah < 0n || thresholdRupiah + 1n > 2_147_483_647n)
    throw new RangeError(
      `tax threshold ${thresholdRupiah} does not fit the int4 sums of the month-end`,
    );
  return thresholdRupiah + 1n;
}

/** Every account's line for the month: the SELECT that feeds the INSERT of writeInterestLines. */
function interestLines(coop: string, m: MonthBounds, rules: InterestRules) {
  return sql`
    with l as materialized (
      select * from (${sukarelaLines(coop, m, rules.yearDays)}) s
      union all
      select * from (${berjangkaLines(coop, m)}) b
    ),
    -- the tax per member over all the member's lines. Most members are below the threshold: their
    -- sums come from one hash aggregate over the lines, and only the lines of members above it are
    -- sorted for the windows that share the member's tax out (a sort of every line by member and
    -- three windows over it were a third of the INSERT on 1,000,000 accounts)
    -- (which members are over it is asked of int4 sums, each line counted up to the threshold + 1:
    -- a line over the threshold puts its member over it whatever the others, and below it the sum
    -- is exact. The member's own sum, for the tax, is taken for the taxed members' lines alone. A
    -- hash aggregate of 1,000,000 members summing numerics took 1.4-1.6 s, of int4s 1.0-1.2 s.)
    taxed_member as (
      select l.member_id from l group by l.member_id
      having sum(least(l.gross, ${taxLineCap(rules.taxThresholdRupiah)})::int) > ${rules.taxThresholdRupiah}
    ),
    t3m as (
      select l.account_id, l.member_id, l.gross,
        sum(l.gross) over (partition by l.member_id) as mg,
        row_number() over (partition by l.member_id order by l.gross desc, l.account_id::text) as rn
      from l join taxed_member tm on tm.member_id = l.member_id
    ),
    t3 as (
      select t3m.*, floor(t3m.mg * ${rules.taxRateBps} / 10000)::bigint as mt from t3m
    ),
    t3s as (
      select t3.*, floor(t3.mt::numeric * t3.gross / t3.mg)::bigint as share from t3
    ),
    t4 as (
      -- the remainder of the shares' flooring on the largest line (rn 1)
      select t3s.account_id, case
        when t3s.rn = 1 then t3s.mt - (sum(t3s.share) over (partition by t3s.member_id) - t3s.share)
        else t3s.share end as tax
      from t3s
    ),
    -- the taxed lines' tax by account, looked up only for a taxed member's lines: the lines then
    -- go into the table in the order they were made (the accounts'), which an outer join with t4
    -- did not keep (the INSERT's index entries in hash order: 9.5-10 s against 5.8 s in order)
    taxes as (select jsonb_object_agg(t4.account_id::text, t4.tax) as by_account from t4),
    t5 as (
      select l.*, x.tax, case when l.kind = 'sukarela' then
        least(l.fee_setting, greatest(0, least(l.eom, l.cur) + l.gross - x.tax)) else 0 end as fee
      from l cross join lateral (select case when l.member_id in (select member_id from taxed_member)
        then ((select by_account from taxes) ->> l.account_id::text)::bigint else 0 end as tax) x
    )
    select ${coop}, ${m.period}, account_id, member_id, kind, basis, gross, tax, fee,
      ${m.lastDay}::date, credit
    from t5 where gross > 0 or fee > 0`;
}

/** Time deposits whose term ends on or before `lastDay`. */
function maturedDeposits(coop: string, lastDay: string) {
  return sql`
    select a.id, a.member_id, a.balance_rupiah as bal, a.payout_account_id, a.automatic_rollover,
      a.tenor_months,
      (a.term_opened_on + make_interval(months => a.tenor_months))::date as maturity, p.settings
    from savings_accounts a join savings_products p on p.cooperative_id = a.cooperative_id
      and p.id = a.product_id and p.kind = 'berjangka'
    where a.cooperative_id = ${coop} and a.status in ('active', 'dormant')
      and a.term_opened_on is not null
      and (a.term_opened_on + make_interval(months => a.tenor_months))::date <= ${lastDay}::date`;
}

/**
 * ARO deposits start a new term of the same tenor at the rate the product offers now (principal
 * + held interest); how many rolled over.
 */
export async function rollOverMatured(
  tx: Queryable,
  coop: string,
  lastDay: string,
): Promise<number> {
  const r = await sql`
    update savings_accounts a set term_opened_on = x.maturity, principal_rupiah = x.bal,
      annual_rate_bps = coalesce((select (t->>'annualRateBps')::int
        from jsonb_array_elements(x.settings->'tenors') t
                                  where (t->>'tenorMonths')::int = x.tenor_months),
                                    a.annual_rate_bps)
    from (${maturedDeposits(coop, lastDay)}) x where a.cooperative_id = ${coop} and a.id = x.id
      and x.automatic_rollover`.execute(tx);
  return Number(r.numAffectedRows ?? 0n);
}

/**
 * The matured deposits that pay out (not ARO): their total and count, and the total per kind and
 * akad of the accounts they pay into (a KSPPS's deposit may pay into wadiah or mudharabah).
 */
export async function maturedPayouts(
  tx: Queryable,
  coop: string,
  lastDay: string,
): Promise<{ s: bigint; n: bigint; credited: CreditedAmount[] }> {
  const r = await sql<{ kind: SavingsKind | null; akad: SavingsAkad | null; s: bigint; n: bigint }>`
    select p.kind, p.akad, coalesce(sum(x.bal), 0)::bigint as s, count(*) as n
      from (${maturedDeposits(coop, lastDay)}) x
      left join savings_accounts c on c.cooperative_id = ${coop} and c.id = x.payout_account_id
      left join savings_products p on p.cooperative_id = c.cooperative_id and p.id = c.product_id
      where not x.automatic_rollover group by p.kind, p.akad`.execute(tx);
  return {
    s: r.rows.reduce((t, x) => t + x.s, 0n),
    n: r.rows.reduce((t, x) => t + x.n, 0n),
    credited: r.rows.map((x) => ({ kind: x.kind ?? 'sukarela', akad: x.akad, rupiah: x.s })),
  };
}

/**
 * Pays the matured non-ARO deposits into their sukarela accounts under `entryId`: a maturity
 * movement out, a transfer-in with the running balance per receiving account, the balances, and
 * the deposits closed.
 */
export async function payOutMatured(
  tx: Queryable,
  coop: string,
  lastDay: string,
  entryId: bigint,
): Promise<void> {
  const matured = maturedDeposits(coop, lastDay);
  await sql`
    with x as (${matured}),
    out_tx as (
      insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah,
        balance_after_rupiah, transaction_date, entry_id)
      select ${coop}, id, 'maturity', -1, bal, 0, ${lastDay}::date, ${entryId} from x
        where not automatic_rollover and bal > 0
    ),
    inn as (
      select x.payout_account_id as acc, x.id, x.bal, a.balance_rupiah + sum(x.bal)
        over (partition by x.payout_account_id order by x.id) as after
      from x join savings_accounts a on a.cooperative_id = ${coop} and a.id = x.payout_account_id
        where not x.automatic_rollover and x.bal > 0
    )
    insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah,
      balance_after_rupiah, transaction_date, entry_id)
    select ${coop}, acc, 'transfer-in', 1, bal, after, ${lastDay}::date, ${entryId} from inn
      order by acc, id`.execute(tx);
  await sql`
    update savings_accounts a set balance_rupiah = a.balance_rupiah + x.s
    from (select payout_account_id, sum(bal) as s from (${matured}) y where not y.automatic_rollover
      group by payout_account_id) x
    where a.cooperative_id = ${coop} and a.id = x.payout_account_id`.execute(tx);
  await sql`
    update savings_accounts a set balance_rupiah = 0, status = 'closed',
      closed_on = ${lastDay}::date
    from (${matured}) x where a.cooperative_id = ${coop} and a.id = x.id
      and not x.automatic_rollover`.execute(tx);
}
