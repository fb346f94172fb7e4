import { sql } from 'kysely';
import type { SavingsAkad } from '../domain/savings/akad.js';
import type { SavingsKind } from '../domain/savings/product.js';
import type { Queryable } from './database.js';
import type { MonthBounds } from './savings-month-end.repo.js';

/**
 * The month's profit distribution to mudharabah funds as set-based SQL (migration 0024;
 * services/bagi-hasil.ts runs it, docs/domain/sharia-bagi-hasil.md has the rules). The exact
 * product figures come from the pure src/domain/sharia/bagi-hasil.ts; the per-account shares are
 * one INSERT … SELECT over every account with the same rule as the domain's `distribute`.
 *
 * Daily-balance sums without a row per day: the end-of-day balance on day d is the opening
 * balance plus the movements dated up to d, so over a month of D days
 *   N_a = D × opening_a + Σ_movements amount × (last day − movement date + 1)
 * and the same for a ledger account from its journal lines. One pass over the month's movements.
 */

export interface Settings {
  basis: 'revenue' | 'profit';
  weight_wadiah_bps: number;
  weight_mudharabah_bps: number;
  weight_berjangka_bps: number;
  updated_by_name: string | null;
  updated_at: Date | null;
}

/** The cooperative's settings, or the defaults of migration 0024 when it has set none. */
export async function settingsOf(tx: Queryable, coop: string): Promise<Settings> {
  const r = await sql<Settings>`
    select s.basis, s.weight_wadiah_bps, s.weight_mudharabah_bps, s.weight_berjangka_bps,
      u.full_name as updated_by_name, s.updated_at
    from bagi_hasil_settings s left join users u on u.id = s.updated_by
    where s.cooperative_id = ${coop}`.execute(tx);
  return (
    r.rows[0] ?? {
      basis: 'revenue',
      weight_wadiah_bps: 10000,
      weight_mudharabah_bps: 8500,
      weight_berjangka_bps: 9500,
      updated_by_name: null,
      updated_at: null,
    }
  );
}

export async function saveSettings(
  tx: Queryable,
  coop: string,
  s: Omit<Settings, 'updated_by_name' | 'updated_at'>,
  userId: string | null,
): Promise<void> {
  await sql`
    insert into bagi_hasil_settings (cooperative_id, basis, weight_wadiah_bps,
      weight_mudharabah_bps, weight_berjangka_bps, updated_by)
    values (${coop}, ${s.basis}, ${s.weight_wadiah_bps}, ${s.weight_mudharabah_bps},
      ${s.weight_berjangka_bps}, ${userId})
    on conflict (cooperative_id) do update set basis = excluded.basis,
      weight_wadiah_bps = excluded.weight_wadiah_bps,
      weight_mudharabah_bps = excluded.weight_mudharabah_bps,
      weight_berjangka_bps = excluded.weight_berjangka_bps,
      updated_by = excluded.updated_by, updated_at = now()`.execute(tx);
}

/** Roles the rekonsiliasi and the financing average read from the ledger. */
export interface LedgerRoleFigures {
  role: string;
  /** Σ debit − credit before the month */
  opening: bigint;
  /** Σ debit − credit in the month */
  month: bigint;
  /** Σ (debit − credit) × (last day − entry date + 1) in the month */
  weighted: bigint;
}

/**
 * Opening, month and day-weighted movement of the accounts with the given roles, plus the
 * operating expenses (beban usaha, codes 52xx) under the role 'operatingExpenses'.
 */
export async function ledgerFigures(
  tx: Queryable,
  coop: string,
  m: MonthBounds,
  roles: readonly string[],
): Promise<LedgerRoleFigures[]> {
  const r = await sql<LedgerRoleFigures>`
    with acc as (
      select a.id, coalesce(a.role, 'operatingExpenses') as role from accounts a
      where a.cooperative_id = ${coop}
        and (a.role in (${sql.join(roles)})
          or (a.account_type = 'beban' and a.code like '52%' and a.is_postable))
    ),
    opening as (
      select b.account_id, sum(b.debit_rupiah - b.credit_rupiah) as dr
      from account_balances b join acc on acc.id = b.account_id
      where b.cooperative_id = ${coop} and b.period < ${m.period}
      group by b.account_id
    ),
    month as (
      select l.account_id, sum(l.debit_rupiah - l.credit_rupiah) as dr,
        sum((l.debit_rupiah - l.credit_rupiah) * (${m.lastDay}::date - e.entry_date + 1)) as w
      from journal_entries e
      join journal_lines l on l.cooperative_id = e.cooperative_id and l.entry_id = e.id
      join acc on acc.id = l.account_id
      where e.cooperative_id = ${coop} and e.entry_date between ${m.firstDay}::date
        and ${m.lastDay}::date
      group by l.account_id
    )
    select acc.role, coalesce(sum(opening.dr), 0)::bigint as opening,
      coalesce(sum(month.dr), 0)::bigint as month, coalesce(sum(month.w), 0)::bigint as weighted
    from acc left join opening on opening.account_id = acc.id
      left join month on month.account_id = acc.id
    group by acc.role`.execute(tx);
  return r.rows;
}

/**
 * Stages every account that takes part this month in a temporary table: the sharia sukarela
 * (wadiah, mudharabah) and mudharabah berjangka accounts not closed and opened by the month's
 * last day, with N_a, the nisbah of the member's akad and the account its share goes to.
 *
 * The nisbah: the latest accepted akad version in force on the month's first day; an account
 * opened during the month has only its opening akad. A change agreed during the month counts from
 * the next month (the month is shared under the akad it began with). Wadiah takes part with 0.
 *
 * The opening balance is backed out of today's: the movements from the first day on and the
 * month-end lines booked since.
 */
export async function stageAccounts(
  tx: Queryable,
  coop: string,
  m: MonthBounds & { days: number },
): Promise<void> {
  await sql`
    create temporary table bh_accounts (
      id bigint not null, member_id bigint not null, product_id bigint not null,
      akad text not null, nisbah_bps integer not null, n bigint not null,
      credit_id bigint not null
    ) on commit drop`.execute(tx);
  await sql`
    insert into bh_accounts
    with acct as (
      select a.id, a.member_id, a.product_id, a.balance_rupiah, p.akad, p.kind,
        case when p.kind = 'berjangka' and a.interest_payout = 'to-sukarela'
          and a.payout_account_id is not null then a.payout_account_id else a.id end as credit_id

      from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      where a.cooperative_id = ${coop} and a.status <> 'closed'
        and a.opened_on <= ${m.lastDay}::date
        and ((p.akad in ('wadiah', 'mudharabah') and p.kind = 'sukarela')
          or p.akad = 'mudharabah_berjangka')
    ),
    mv as (
      select t.account_id, sum(t.sign * t.amount_rupiah) as s,
        coalesce(sum(t.sign * t.amount_rupiah * (${m.lastDay}::date - t.transaction_date + 1))
          filter (where t.transaction_date <= ${m.lastDay}::date), 0) as w
      from savings_transactions t
      where t.cooperative_id = ${coop} and t.transaction_date >= ${m.firstDay}::date
      group by t.account_id
    ),
    -- month-end lines booked since the first day (interest lines: fees; a later month's bagi
    -- hasil or wadiah bonus when an earlier month's bonus is decided late)
    il as (
      select x.account_id, sum(x.s) as s from (
        select l.credit_account_id as account_id, l.gross_rupiah - l.tax_rupiah - l.fee_rupiah as s
        from savings_interest_lines l
        where l.cooperative_id = ${coop} and l.booked_on >= ${m.firstDay}::date
        union all
        select b.credit_account_id, b.share_rupiah from bagi_hasil_lines b
        where b.cooperative_id = ${coop} and b.booked_on >= ${m.firstDay}::date
        union all
        select w.account_id, w.bonus_rupiah from wadiah_bonus_lines w
        where w.cooperative_id = ${coop} and w.booked_on >= ${m.firstDay}::date
      ) x group by x.account_id
    ),
    -- the version in force on the first day, else the opening one: hashed per account, no sort
    in_force as (
      select v.account_id,
        coalesce(max(v.version) filter (where v.effective_from <= ${m.firstDay}::date),
          min(v.version)) as version
      from savings_account_akad_versions v
      where v.cooperative_id = ${coop} and v.status = 'accepted'
      group by v.account_id
    ),
    nisbah as (
      select f.account_id, v.nisbah_anggota_bps as bps from in_force f
      join savings_account_akad_versions v on v.cooperative_id = ${coop}
        and v.account_id = f.account_id and v.version = f.version
    )
    select acct.id, acct.member_id, acct.product_id, acct.akad,
      case when acct.akad = 'wadiah' then 0 else coalesce(nisbah.bps, 0) end,
      (${m.days}::bigint * (acct.balance_rupiah - coalesce(mv.s, 0) - coalesce(il.s, 0))
        + coalesce(mv.w, 0))::bigint,
      acct.credit_id
    from acct left join mv on mv.account_id = acct.id left join il on il.account_id = acct.id
      left join nisbah on nisbah.account_id = acct.id`.execute(tx);
  await sql`analyze bh_accounts`.execute(tx);
}

export interface StagedProduct {
  product_id: bigint;
  code: string;
  name: string;
  kind: SavingsKind;
  akad: 'wadiah' | 'mudharabah' | 'mudharabah_berjangka';
  accounts: number;
  /** N_p */
  n: bigint;
  /** Σ N_a × nisbah bps */
  nw: bigint;
  min_bps: number;
  max_bps: number;
}

export async function stagedProducts(tx: Queryable, coop: string): Promise<StagedProduct[]> {
  const r = await sql<StagedProduct>`
    select b.product_id, p.code, p.name, p.kind, b.akad, count(*)::int as accounts,
      sum(b.n)::bigint as n, sum(b.n::numeric * b.nisbah_bps)::text as nw,
      min(b.nisbah_bps) as min_bps, max(b.nisbah_bps) as max_bps
    from bh_accounts b join savings_products p on p.cooperative_id = ${coop}
      and p.id = b.product_id
    group by b.product_id, p.code, p.name, p.kind, b.akad order by p.code`.execute(tx);
  return r.rows.map((x) => ({ ...x, nw: BigInt(x.nw as unknown as string) }));
}

export interface ProductShare {
  productId: bigint;
  /** the product's kind and akad: where the shares its accounts keep are posted */
  kind: SavingsKind;
  akad: SavingsAkad;
  /** R_p = n / d exactly */
  incomeShareN: bigint;
  incomeShareD: bigint;
  /** N_p */
  n: bigint;
  /** floor(D_p): what the product's lines add up to (the domain's pool) */
  poolRupiah: bigint;
}

/**
 * Every account's share in one INSERT … SELECT, the rule of the domain's `distribute` in
 * numeric (exact integer arithmetic): d_a = R_p × N_a × bps_a / (10000 × N_p) over the common
 * denominator q = R.d × 10000 × N_p; floor, then the leftover rupiah of the product's
 * floor(Σ d_a) (the pool the domain computed) one each to the largest remainders, ties to the
 * lower account id. One sort of the sharing accounts serves both windows (the leftover per
 * product and the rank). Returns the lines written.
 */
export async function insertLines(
  tx: Queryable,
  coop: string,
  m: MonthBounds,
  shares: readonly ProductShare[],
  depositProductIds: readonly bigint[],
): Promise<LineTotals & { written: number }> {
  if (shares.length === 0)
    return {
      from_sukarela: 0n,
      from_berjangka: 0n,
      credited: [],
      paid_accounts: 0,
      written: 0,
    };
  // the totals of the month's one entry come back from the insert itself (no second pass)
  const deposits = sql.join([...depositProductIds, -1n]);
  const values = sql.join(
    shares.map(
      (s) =>
        sql`(${s.productId}::bigint, ${s.incomeShareN.toString()}::numeric, ${(
          s.incomeShareD *
          10000n *
          (s.n === 0n ? 1n : s.n)
        ).toString()}::numeric, ${s.poolRupiah}::bigint)`,
    ),
  );
  // the sort of a million remainders fits in memory (spilled to disk it took twice as long)
  await sql`set local work_mem = '512MB'`.execute(tx);
  const kept = sql.join(
    shares.map(
      (s) => sql`coalesce(sum(share_rupiah) filter (where product_id = ${s.productId}
        and credit_account_id = account_id), 0)::text`,
    ),
  );
  type Row = Omit<LineTotals, 'credited'> & {
    kept: string[];
    written: number;
    credited: { kind: SavingsKind; akad: SavingsAkad | null; rupiah: string }[];
  };
  const r = await sql<Row>`
    with ins as (
    insert into bagi_hasil_lines (cooperative_id, period, account_id, member_id, product_id,
      nisbah_anggota_bps, daily_balance_sum_rupiah, share_rupiah, booked_on, credit_account_id)
    with r(product_id, rn, q, pool) as (values ${values}),
    x as (
      select b.id, b.member_id, b.product_id, b.nisbah_bps, b.n, b.credit_id, r.q, r.pool,
        r.rn * b.n * b.nisbah_bps as num
      from bh_accounts b join r on r.product_id = b.product_id
      -- wadiah counts in the funds (nisbah 0) but has no line: it shares nothing
      where b.nisbah_bps > 0
    ),
    f as (select x.*, div(x.num, x.q) as fl from x),
    g as (select f.*, f.num - f.fl * f.q as rem from f),
    ranked as (
      select g.id, g.member_id, g.product_id, g.nisbah_bps, g.n, g.credit_id, g.fl, g.rem,
        row_number() over w as rk,
        g.pool - sum(g.fl) over (partition by g.product_id) as leftover
      from g
      window w as (partition by g.product_id order by g.rem desc, g.id)
    )
    select ${coop}, ${m.period}, id, member_id, product_id, nisbah_bps, n,
      (fl + case when rk <= leftover and rem > 0 then 1 else 0 end)::bigint,
      ${m.lastDay}::date, credit_id
    from ranked
    returning account_id, credit_account_id, product_id, share_rupiah
    ),
    -- a deposit paying out to savings (few): the payout account's product, looked up only for
    -- those lines
    elsewhere as (
      select x.product_id, sum(x.s) as s from (
        select (select c.product_id from savings_accounts c where c.cooperative_id = ${coop}
            and c.id = ins.credit_account_id) as product_id, ins.share_rupiah as s
        from ins where ins.share_rupiah > 0 and ins.credit_account_id <> ins.account_id
      ) x group by x.product_id
    ),
    credited as (
      select p.kind, p.akad, sum(e.s)::text as rupiah
      from elsewhere e join savings_products p on p.cooperative_id = ${coop} and p.id = e.product_id
      group by p.kind, p.akad
    )
    select count(*)::int as written,
      (count(*) filter (where share_rupiah > 0))::int as paid_accounts,
      coalesce(sum(share_rupiah) filter (where product_id not in (${deposits})), 0)::bigint
        as from_sukarela,
      coalesce(sum(share_rupiah) filter (where product_id in (${deposits})), 0)::bigint
        as from_berjangka,
      -- the shares kept on their own account, per product in the order given (one pass, no
      -- grouping of a million lines)
      array[${kept}]::text[] as kept,
      coalesce((select json_agg(credited) from credited), '[]'::json) as credited
    from ins`.execute(tx);
  const { kept: keptRupiah, credited, ...row } = r.rows[0]!;
  return {
    ...row,
    credited: [
      ...shares.map((s, i) => ({ kind: s.kind, akad: s.akad, rupiah: BigInt(keptRupiah[i]!) })),
      ...credited.map((c) => ({ kind: c.kind, akad: c.akad, rupiah: BigInt(c.rupiah) })),
    ],
  };
}

export interface LineTotals {
  /** shares of sukarela accounts (expense 5101) and of deposits (expense 5102) */
  from_sukarela: bigint;
  from_berjangka: bigint;
  /** where they went, by the kind and akad of the account credited (its ledger role) */
  credited: { kind: SavingsKind; akad: SavingsAkad | null; rupiah: bigint }[];
  paid_accounts: number;
}

/**
 * Balances after the month's lines: the lines crediting their own account by one update joined
 * one to one (no aggregate over a million groups), then the few that pay into another account (a
 * deposit paying out to savings; one account may receive several) summed per account.
 */
export async function creditLines(tx: Queryable, coop: string, period: string): Promise<void> {
  await sql`
    update savings_accounts a set balance_rupiah = a.balance_rupiah + l.share_rupiah
    from bagi_hasil_lines l
    where l.cooperative_id = ${coop} and l.period = ${period} and l.share_rupiah > 0
      and l.credit_account_id = l.account_id
      and a.cooperative_id = ${coop} and a.id = l.account_id`.execute(tx);
  await sql`
    update savings_accounts a set balance_rupiah = a.balance_rupiah + x.s
    from (select credit_account_id, sum(share_rupiah) as s from bagi_hasil_lines
      where cooperative_id = ${coop} and period = ${period} and share_rupiah > 0
        and credit_account_id <> account_id
      group by credit_account_id) x
    where a.cooperative_id = ${coop} and a.id = x.credit_account_id`.execute(tx);
}

export interface DistributionRow {
  period: string;
  days: number;
  basis: 'revenue' | 'profit';
  accrual_income_rupiah: bigint;
  unreceived_current_rupiah: bigint;
  received_previous_rupiah: bigint;
  operating_costs_rupiah: bigint;
  income_rupiah: bigint;
  financing_daily_sum_rupiah: bigint;
  divisor_is: 'funds' | 'financing';
  distributed_rupiah: bigint;
  accounts: number;
  entry_id: bigint | null;
  created_at: Date;
}

export async function insertDistribution(
  tx: Queryable,
  coop: string,
  d: Omit<DistributionRow, 'created_at'>,
): Promise<void> {
  await sql`
    insert into bagi_hasil_distributions (cooperative_id, period, days, basis,
      accrual_income_rupiah, unreceived_current_rupiah, received_previous_rupiah,
      operating_costs_rupiah, income_rupiah, financing_daily_sum_rupiah, divisor_is,
      distributed_rupiah, accounts, entry_id)
    values (${coop}, ${d.period}, ${d.days}, ${d.basis}, ${d.accrual_income_rupiah},
      ${d.unreceived_current_rupiah}, ${d.received_previous_rupiah}, ${d.operating_costs_rupiah},
      ${d.income_rupiah}, ${d.financing_daily_sum_rupiah}, ${d.divisor_is},
      ${d.distributed_rupiah}, ${d.accounts}, ${d.entry_id})`.execute(tx);
}

export interface ProductRow {
  product_id: bigint;
  code: string;
  name: string;
  akad: 'wadiah' | 'mudharabah' | 'mudharabah_berjangka';
  weight_bps: number;
  nisbah_min_bps: number;
  nisbah_max_bps: number;
  accounts: number;
  daily_balance_sum_rupiah: bigint;
  income_share_rupiah: bigint;
  pool_rupiah: bigint;
  rate_per_month_percent: string | null;
}

export async function insertProducts(
  tx: Queryable,
  coop: string,
  period: string,
  rows: readonly Omit<ProductRow, 'code' | 'name'>[],
): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into bagi_hasil_products (cooperative_id, period, product_id, akad, weight_bps,
      nisbah_min_bps, nisbah_max_bps, accounts, daily_balance_sum_rupiah, income_share_rupiah,
      pool_rupiah, rate_per_month_percent)
    values ${sql.join(
      rows.map(
        (p) =>
          sql`(${coop}, ${period}, ${p.product_id}, ${p.akad}, ${p.weight_bps},
            ${p.nisbah_min_bps}, ${p.nisbah_max_bps}, ${p.accounts},
            ${p.daily_balance_sum_rupiah}, ${p.income_share_rupiah}, ${p.pool_rupiah},
            ${p.rate_per_month_percent})`,
      ),
    )}`.execute(tx);
}

/** A DistributionRow per stored month: the reports' one select list. */
const selectDistributions = sql`
    select period, days, basis, accrual_income_rupiah, unreceived_current_rupiah,
      received_previous_rupiah, operating_costs_rupiah, income_rupiah,
      financing_daily_sum_rupiah, divisor_is, distributed_rupiah, accounts, entry_id, created_at
    from bagi_hasil_distributions`;

export async function distributionOf(
  tx: Queryable,
  coop: string,
  period: string,
): Promise<DistributionRow | undefined> {
  const r = await sql<DistributionRow>`
    ${selectDistributions} where cooperative_id = ${coop} and period = ${period}`.execute(tx);
  return r.rows[0];
}

/** The months distributed, newest first, with their totals (for the list and the chart). */
export async function distributions(tx: Queryable, coop: string, limit: number) {
  const r = await sql<DistributionRow>`
    ${selectDistributions} where cooperative_id = ${coop}
    order by period desc limit ${limit}`.execute(tx);
  return r.rows;
}

/** The months distributed in [from, to] ('YYYY-MM'), oldest first: the rekonsiliasi's rows. */
export async function distributionsInRange(
  tx: Queryable,
  coop: string,
  from: string,
  to: string,
): Promise<DistributionRow[]> {
  const r = await sql<DistributionRow>`
    ${selectDistributions}
    where cooperative_id = ${coop} and period between ${from} and ${to}
    order by period`.execute(tx);
  return r.rows;
}

export async function productsOf(
  tx: Queryable,
  coop: string,
  period: string,
): Promise<ProductRow[]> {
  const r = await sql<ProductRow>`
    select d.product_id, p.code, p.name, d.akad, d.weight_bps, d.nisbah_min_bps, d.nisbah_max_bps,
      d.accounts, d.daily_balance_sum_rupiah, d.income_share_rupiah, d.pool_rupiah,
      d.rate_per_month_percent
    from bagi_hasil_products d join savings_products p on p.cooperative_id = d.cooperative_id
      and p.id = d.product_id
    where d.cooperative_id = ${coop} and d.period = ${period} order by p.code`.execute(tx);
  return r.rows;
}

export interface MemberLineRow {
  period: string;
  account_id: bigint;
  account_number: string;
  product_name: string;
  nisbah_anggota_bps: number;
  share_rupiah: bigint;
  booked_on: string;
  daily_balance_sum_rupiah: bigint;
  days: number;
}

/** A member's lines, newest first (the portal's "bagi hasil bulan ini"). */
export async function memberLines(
  tx: Queryable,
  coop: string,
  memberId: bigint,
  limit: number,
): Promise<MemberLineRow[]> {
  const r = await sql<MemberLineRow>`
    select l.period, l.account_id, a.account_number, p.name as product_name,
      l.nisbah_anggota_bps, l.share_rupiah, to_char(l.booked_on, 'YYYY-MM-DD') as booked_on,
      l.daily_balance_sum_rupiah, d.days
    from bagi_hasil_lines l
    join savings_accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
    join savings_products p on p.cooperative_id = l.cooperative_id and p.id = l.product_id
    join bagi_hasil_distributions d on d.cooperative_id = l.cooperative_id
      and d.period = l.period
    where l.cooperative_id = ${coop} and l.share_rupiah > 0
      -- by the account credited (its index): a member's lines all credit the member's accounts
      and l.credit_account_id in (select x.id from savings_accounts x
        where x.cooperative_id = ${coop} and x.member_id = ${memberId})
    order by l.period desc, a.account_number limit ${limit}`.execute(tx);
  return r.rows;
}

// ---- the wadiah bonus (migration 0028) ----

export interface BonusDecisionRow {
  period: string;
  pool_rupiah: bigint;
  minimum_average_rupiah: bigint;
  approval_id: bigint;
  accounts: number;
  paid_rupiah: bigint;
  entry_id: bigint | null;
  decided_at: Date;
}

export async function bonusDecision(
  tx: Queryable,
  coop: string,
  period: string,
): Promise<BonusDecisionRow | undefined> {
  const r = await sql<BonusDecisionRow>`
    select period, pool_rupiah, minimum_average_rupiah, approval_id, accounts, paid_rupiah,
      entry_id, decided_at
    from wadiah_bonus_decisions where cooperative_id = ${coop} and period = ${period}`.execute(tx);
  return r.rows[0];
}

export async function bonusDecisions(tx: Queryable, coop: string, limit: number) {
  const r = await sql<BonusDecisionRow>`
    select period, pool_rupiah, minimum_average_rupiah, approval_id, accounts, paid_rupiah,
      entry_id, decided_at
    from wadiah_bonus_decisions where cooperative_id = ${coop}
    order by period desc limit ${limit}`.execute(tx);
  return r.rows;
}

/**
 * The bonus pool shared over the staged wadiah accounts whose average balance (N_a / D) is at
 * least the minimum, pro rata to N_a: floor, then the pool's leftover rupiah one each to the
 * largest remainders (ties: lower account id) — the rule of the bagi hasil lines. Accounts whose
 * share is 0 get no line. Returns the lines written and the rupiah they carry.
 */
export async function insertBonusLines(
  tx: Queryable,
  coop: string,
  m: MonthBounds & { days: number },
  poolRupiah: bigint,
  minimumAverageRupiah: bigint,
): Promise<{ accounts: number; paid: bigint }> {
  await sql`
    insert into wadiah_bonus_lines (cooperative_id, period, account_id, member_id,
      daily_balance_sum_rupiah, bonus_rupiah, booked_on)
    with e as (
      select b.id, b.member_id, b.n from bh_accounts b
      where b.akad = 'wadiah' and b.n > 0 and b.n >= ${minimumAverageRupiah}::bigint * ${m.days}
    ),
    g as (
      select e.*, div(${poolRupiah}::numeric * e.n, t.total) as fl,
        mod(${poolRupiah}::numeric * e.n, t.total) as rem
      from e cross join (select sum(n)::numeric as total from e) t
    ),
    ranked as (
      select g.*, row_number() over (order by g.rem desc, g.id) as rk,
        ${poolRupiah}::numeric - sum(g.fl) over () as leftover
      from g
    )
    select ${coop}, ${m.period}, id, member_id, n,
      (fl + case when rk <= leftover and rem > 0 then 1 else 0 end)::bigint, ${m.lastDay}::date
    from ranked where fl + case when rk <= leftover and rem > 0 then 1 else 0 end > 0`.execute(tx);
  const r = await sql<{ accounts: number; paid: bigint }>`
    select count(*)::int as accounts, coalesce(sum(bonus_rupiah), 0)::bigint as paid
    from wadiah_bonus_lines where cooperative_id = ${coop} and period = ${m.period}`.execute(tx);
  return r.rows[0]!;
}

export async function creditBonusLines(tx: Queryable, coop: string, period: string) {
  await sql`
    update savings_accounts a set balance_rupiah = a.balance_rupiah + l.bonus_rupiah
    from wadiah_bonus_lines l
    where l.cooperative_id = ${coop} and l.period = ${period}
      and a.cooperative_id = ${coop} and a.id = l.account_id`.execute(tx);
}

export async function insertBonusDecision(
  tx: Queryable,
  coop: string,
  d: Omit<BonusDecisionRow, 'decided_at'>,
): Promise<void> {
  await sql`
    insert into wadiah_bonus_decisions (cooperative_id, period, pool_rupiah,
      minimum_average_rupiah, approval_id, accounts, paid_rupiah, entry_id)
    values (${coop}, ${d.period}, ${d.pool_rupiah}, ${d.minimum_average_rupiah},
      ${d.approval_id}, ${d.accounts}, ${d.paid_rupiah}, ${d.entry_id})`.execute(tx);
}
