import { sql } from 'kysely';
import type { RiskSetting } from '../../domain/loans/collectibility.js';
import type { Frequency } from '../../domain/loans/schedule.js';
import type { Queryable } from '../database.js';

/**
 * The loans' month-end, set-based: each function is one statement (or a few) over the whole book
 * of a cooperative, never a loop of round trips per loan; the plans were measured with EXPLAIN
 * (ANALYZE, BUFFERS) on 500,000 loans and 11.25 million instalments (docs/loans.md "Month-end at
 * scale"). The rules they apply are the pure functions in src/domain/loans/ (penalty.ts,
 * collectibility.ts); test/integration/loans/*-property.test.ts compare the two over generated
 * books.
 */

export interface MonthBounds {
  period: string;
  firstDay: string;
  lastDay: string;
}

/**
 * For a step's transaction (both settings end with it): no JIT, because these statements over the
 * whole book cost more than jit_above_cost and compiling them took 0.1–2.2 s each on 500,000 loans
 * for statements that then ran in a second or two; and memory for their hash joins over every loan
 * (4 MB, the default, split the loans' hash table into 8 batches on disk).
 */
export async function settingsForWholeBook(db: Queryable): Promise<void> {
  await sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`.execute(
    db,
  );
}

const CLASS_RANK = sql`array['L','KL','D','M']`;
const FREQUENCIES: readonly Frequency[] = ['monthly', 'weekly', 'daily'];

/**
 * Day-bands and provision rates in force on a date, one row per frequency: the cooperative's latest
 * dated setting (loan_risk_settings) or the default passed in (DEFAULT_RISK_SETTINGS of
 * src/domain/loans/collectibility.ts, the rule's one source). Three rows; the lateral lookup is a
 * primary-key probe per frequency.
 */
function bands(coop: string, asOf: string, defaults: Readonly<Record<Frequency, RiskSetting>>) {
  const rows = FREQUENCIES.map((f) => {
    const d = defaults[f];
    return sql`(${f}::text, ${d.bands.klFromDays}::int, ${d.bands.dFromDays}::int, ${d.bands.mFromDays}::int,
      ${d.provisionBps.L}::int, ${d.provisionBps.KL}::int, ${d.provisionBps.D}::int, ${d.provisionBps.M}::int)`;
  });
  return sql`(
    select f.frequency, coalesce(s.kl_from_days, f.kl) as kl, coalesce(s.d_from_days, f.d) as d, coalesce(s.m_from_days, f.m) as m,
           coalesce(s.lancar_bps, f.l_bps) as l_bps, coalesce(s.kl_bps, f.kl_bps) as kl_bps, coalesce(s.d_bps, f.d_bps) as d_bps,
           coalesce(s.m_bps, f.m_bps) as m_bps
    from (values ${sql.join(rows)}) as f(frequency, kl, d, m, l_bps, kl_bps, d_bps, m_bps)
    left join lateral (
      select * from loan_risk_settings r where r.cooperative_id = ${coop} and r.frequency = f.frequency and r.effective_from <= ${asOf}::date
      order by r.effective_from desc limit 1) s on true)`;
}

/**
 * Days past due and class of every active loan on `asOf` (collectibilityOf and daysPastDue of
 * src/domain/loans/collectibility.ts). Plan: one pass over the active loans hash-joined to the
 * three band rows; both figures are computed from the row itself, and only loans whose figures
 * change are written (an earlier form joined the loans to themselves: two scans and a hash join
 * spilling to disk). Returns the number of loans rewritten.
 */
export async function classifyLoans(
  db: Queryable,
  coop: string,
  asOf: string,
  defaults: Readonly<Record<Frequency, RiskSetting>>,
): Promise<number> {
  const dpd = sql`greatest(coalesce(${asOf}::date - l.oldest_unpaid_due_on, 0), 0)`;
  const cls = sql`(${CLASS_RANK})[greatest(
      case when ${dpd} >= b.m then 4 when ${dpd} >= b.d then 3 when ${dpd} >= b.kl then 2 else 1 end,
      coalesce(array_position(${CLASS_RANK}, l.manual_collectibility), 1),
      case when l.probation_remaining > 0 then coalesce(array_position(${CLASS_RANK}, l.restructured_floor), 1) else 1 end)]`;
  const r = await sql`
    update loans l set days_past_due = ${dpd}, collectibility = ${cls}
    from ${bands(coop, asOf, defaults)} b
    where l.cooperative_id = ${coop} and l.status = 'active' and b.frequency = l.frequency
      and (l.days_past_due <> ${dpd} or l.collectibility <> ${cls})`.execute(db);
  return Number(r.numAffectedRows ?? 0n);
}

/**
 * Interest of conventional Lancar loans that fell due this month and is unpaid goes into
 * loan_accruals and the loans' accrued figure. Plan: the unpaid-instalments index
 * (loan_schedules_unpaid_idx) over the month's due dates, joined to the loans; one insert, one
 * update from it, one sum.
 */
export async function accrueInterest(
  db: Queryable,
  coop: string,
  m: MonthBounds,
): Promise<{ totalRupiah: bigint; loans: number }> {
  await sql`
    insert into loan_accruals (cooperative_id, period, loan_id, interest_rupiah)
    select s.cooperative_id, ${m.period}, s.loan_id, sum(s.interest_rupiah - s.paid_interest_rupiah)
    from loan_schedules s
    join loans l on l.cooperative_id = s.cooperative_id and l.id = s.loan_id and l.schedule_version = s.schedule_version
    where s.cooperative_id = ${coop} and s.paid_on is null and s.due_on between ${m.firstDay}::date and ${m.lastDay}::date
      and l.status = 'active' and l.akad = 'conventional' and l.collectibility = 'L'
    group by s.cooperative_id, s.loan_id
    having sum(s.interest_rupiah - s.paid_interest_rupiah) > 0
    on conflict (cooperative_id, period, loan_id) do update set interest_rupiah = excluded.interest_rupiah`.execute(
    db,
  );
  await sql`
    update loans l set accrued_interest_rupiah = l.accrued_interest_rupiah + a.interest_rupiah
    from loan_accruals a
    where a.cooperative_id = ${coop} and a.period = ${m.period} and a.interest_rupiah > 0 and l.cooperative_id = a.cooperative_id and l.id = a.loan_id`.execute(
    db,
  );
  const t = await sql<{ total: bigint; loans: bigint }>`
    select coalesce(sum(interest_rupiah), 0)::bigint as total, count(*) filter (where interest_rupiah > 0) as loans
    from loan_accruals where cooperative_id = ${coop} and period = ${m.period}`.execute(db);
  return { totalRupiah: t.rows[0]?.total ?? 0n, loans: Number(t.rows[0]?.loans ?? 0n) };
}

/**
 * Denda for the month on every overdue instalment of an active loan: penaltyForMonth of
 * src/domain/loans/penalty.ts, per instalment, in one statement that also adds it to the
 * instalments, loan_accruals and the loans' penalty due. The daily-percent figure is exact here
 * as in the domain function (numeric: owed × percent is exact, the division by 100 keeps every
 * digit below 10^12 and round() is half up on these non-negative amounts).
 *
 * A loan marked unable to pay (loan_inability_events, fatwa 17/DSN-MUI/IX/2000) is charged only for
 * the days outside its marked intervals (ableDays of penalty.ts): the intervals are read once
 * (a window over the few marked loans) and hash-joined to the overdue instalments.
 *
 * Plan: `due_on < lastDay` follows from the grace (never negative), but unlike `due_on + grace`
 * it is tested on the instalment alone: the scan of loan_schedules_unpaid_idx keeps the overdue
 * instalments only (299,000 of 7.1 million unpaid on the 500,000-loan bench) instead of joining
 * every unpaid one, future ones included, to its loan and product.
 */
export async function chargePenalties(
  db: Queryable,
  coop: string,
  m: MonthBounds,
): Promise<{ loans: number; totalRupiah: bigint }> {
  const r = await sql<{ loans: bigint; total: bigint }>`
    with iv as (
      select x.loan_id, x.from_on, x.to_on from (
        select e.loan_id, e.event, e.effective_on as from_on,
          lead(e.effective_on) over (partition by e.loan_id order by e.id) as to_on
        from loan_inability_events e
        where e.cooperative_id = ${coop} and e.effective_on <= ${m.lastDay}::date) x
      where x.event = 'marked' and (x.to_on is null or x.to_on > ${m.firstDay}::date)
    ), o as (
      select s.loan_id, s.instalment_no, s.schedule_version, s.penalty_rupiah,
        s.principal_rupiah + s.interest_rupiah - s.paid_principal_rupiah - s.paid_interest_rupiah as owed,
        p.penalty_kind, p.penalty_daily_percent, p.penalty_fixed_rupiah, p.penalty_capped_at_instalment,
        greatest(s.due_on + p.penalty_grace_days, ${m.firstDay}::date - 1) + 1 as start_on,
        case when p.penalty_capped_at_instalment then s.principal_rupiah + s.interest_rupiah - s.penalty_rupiah else 999999999999999 end as room
      from loan_schedules s
      join loans l on l.cooperative_id = s.cooperative_id and l.id = s.loan_id and l.schedule_version = s.schedule_version
      join loan_products p on p.cooperative_id = l.cooperative_id and p.id = l.product_id
      where s.cooperative_id = ${coop} and s.paid_on is null and s.due_on < ${m.lastDay}::date
        and s.due_on + p.penalty_grace_days < ${m.lastDay}::date
        and l.status = 'active' and p.penalty_kind <> 'none'
    ), unable as (
      select o.loan_id, o.instalment_no,
        sum(greatest(least(coalesce(iv.to_on, ${m.lastDay}::date + 1), ${m.lastDay}::date + 1) - greatest(o.start_on, iv.from_on), 0)) as days
      from o join iv on iv.loan_id = o.loan_id
      group by o.loan_id, o.instalment_no
    ), d as (
      select o.*, greatest(${m.lastDay}::date + 1 - o.start_on - coalesce(un.days, 0), 0) as days
      from o left join unable un on un.loan_id = o.loan_id and un.instalment_no = o.instalment_no
    ), c as (
      select d.loan_id, d.instalment_no, d.schedule_version, d.room,
        case d.penalty_kind
          when 'daily_percent' then round(d.owed::numeric * d.penalty_daily_percent / 100 * d.days)::bigint
          when 'fixed' then case when d.penalty_rupiah = 0 and d.days > 0 then d.penalty_fixed_rupiah else 0 end
          else 0 end as raw
      from d
    ), u as (
      update loan_schedules s set penalty_rupiah = s.penalty_rupiah + least(c.raw, c.room)
      from c
      where s.cooperative_id = ${coop} and s.loan_id = c.loan_id and s.schedule_version = c.schedule_version and s.instalment_no = c.instalment_no
        and least(c.raw, c.room) > 0
      returning s.loan_id, least(c.raw, c.room) as amount
    ), per_loan as (
      -- in the loans' order: the accruals' index and the loans' pages are then written in order,
      -- each page once (in the order of a hash, the 100,000 loans' pages were dirtied, written out
      -- and read back again and again through 128 MB of shared buffers)
      select loan_id, sum(amount)::bigint as amount from u group by loan_id order by loan_id
    ), a as (
      insert into loan_accruals (cooperative_id, period, loan_id, penalty_rupiah)
      select ${coop}, ${m.period}, loan_id, amount from per_loan
      on conflict (cooperative_id, period, loan_id) do update set penalty_rupiah = excluded.penalty_rupiah
      returning loan_id
    ), l as (
      update loans l set penalty_due_rupiah = l.penalty_due_rupiah + per_loan.amount
      from per_loan where l.cooperative_id = ${coop} and l.id = per_loan.loan_id
      returning l.id
    )
    select (select count(*) from l) as loans, (select coalesce(sum(amount), 0) from per_loan)::bigint as total`.execute(
    db,
  );
  return { loans: Number(r.rows[0]?.loans ?? 0n), totalRupiah: r.rows[0]?.total ?? 0n };
}

/**
 * The collectibility snapshot of every active loan on `asOf`. Normally nothing is there yet for
 * the date: then a plain insert, which skips the conflict check ON CONFLICT makes for every row (a
 * third of the insert's buffer reads on 500,000 loans). Only the collectibility step writes the
 * table, and the month's run row serialises it.
 */
export async function snapshotCollectibility(
  db: Queryable,
  coop: string,
  asOf: string,
): Promise<number> {
  const existing =
    await sql`select 1 from loan_collectibility where cooperative_id = ${coop} and as_of = ${asOf}::date limit 1`.execute(
      db,
    );
  const onConflict =
    existing.rows.length === 0
      ? sql``
      : sql`
    on conflict (cooperative_id, as_of, loan_id) do update set days_past_due = excluded.days_past_due,
      collectibility = excluded.collectibility, outstanding_rupiah = excluded.outstanding_rupiah`;
  const r = await sql`
    insert into loan_collectibility (cooperative_id, as_of, loan_id, days_past_due, collectibility, outstanding_rupiah, collateral_value_rupiah)
    select cooperative_id, ${asOf}::date, id, days_past_due, collectibility, outstanding_principal_rupiah, collateral_value_rupiah
    from loans where cooperative_id = ${coop} and status = 'active'${onConflict}`.execute(db);
  return Number(r.numAffectedRows ?? 0n);
}

/**
 * PPAP required per class (requiredProvision of src/domain/loans/collectibility.ts) into
 * loan_provisions, at the monthly frequency's rates in force on the month's last day; returns the
 * total required. Plan: one aggregate over the active loans (loans_active_idx) right-joined to the
 * four classes, so an empty class still has its row.
 */
export async function writeProvisions(
  db: Queryable,
  coop: string,
  m: MonthBounds,
  defaults: Readonly<Record<Frequency, RiskSetting>>,
): Promise<bigint> {
  const b = bands(coop, m.lastDay, defaults);
  await sql`
    insert into loan_provisions (cooperative_id, period, collectibility, loans, outstanding_rupiah, base_rupiah, rate_bps, required_rupiah)
    select ${coop}, ${m.period}, k.cls, coalesce(x.loans, 0), coalesce(x.outstanding, 0), coalesce(x.base, 0), k.bps,
           round(coalesce(x.base, 0)::numeric * k.bps / 10000)::bigint
    from (select 'L' as cls, b.l_bps as bps from ${b} b where b.frequency = 'monthly'
          union all select 'KL', b.kl_bps from ${b} b where b.frequency = 'monthly'
          union all select 'D', b.d_bps from ${b} b where b.frequency = 'monthly'
          union all select 'M', b.m_bps from ${b} b where b.frequency = 'monthly') k
    left join (
      select collectibility as cls, count(*)::int as loans, sum(outstanding_principal_rupiah)::bigint as outstanding,
             sum(case when collectibility = 'L' then outstanding_principal_rupiah
                      else greatest(outstanding_principal_rupiah - collateral_value_rupiah, 0) end)::bigint as base
      from loans where cooperative_id = ${coop} and status = 'active' group by collectibility) x on x.cls = k.cls
    on conflict (cooperative_id, period, collectibility) do update set loans = excluded.loans, outstanding_rupiah = excluded.outstanding_rupiah,
      base_rupiah = excluded.base_rupiah, rate_bps = excluded.rate_bps, required_rupiah = excluded.required_rupiah`.execute(
    db,
  );
  const req = await sql<{ v: bigint }>`
    select coalesce(sum(required_rupiah), 0)::bigint as v from loan_provisions where cooperative_id = ${coop} and period = ${m.period}`.execute(
    db,
  );
  return req.rows[0]?.v ?? 0n;
}

/**
 * Reminders for overdue loans and instalments due in the first week of next month, queued in
 * message_outbox once per loan and month (dedupe key). One insert … select over the active loans.
 */
export async function queueReminders(db: Queryable, coop: string, m: MonthBounds): Promise<number> {
  const r = await sql`
    insert into message_outbox (cooperative_id, member_id, channel, recipient, template, body, dedupe_key)
    select l.cooperative_id, l.member_id, 'console', mb.phone,
      case when l.days_past_due > 0 then 'loan.overdue' else 'loan.due-soon' end,
      case when l.days_past_due > 0
        then format('Yth. %s, angsuran pinjaman %s terlambat %s hari. Mohon segera dibayar di kantor koperasi.', mb.full_name, l.loan_number, l.days_past_due)
        else format('Yth. %s, angsuran pinjaman %s jatuh tempo %s.', mb.full_name, l.loan_number, to_char(l.oldest_unpaid_due_on, 'DD-MM-YYYY')) end,
      format('loan-reminder:%s:%s', l.id, ${m.period}::text)
    from loans l join members mb on mb.cooperative_id = l.cooperative_id and mb.id = l.member_id
    where l.cooperative_id = ${coop} and l.status = 'active'
      and (l.days_past_due > 0 or l.oldest_unpaid_due_on <= ${m.lastDay}::date + 7)
    on conflict (cooperative_id, dedupe_key) do nothing`.execute(db);
  return Number(r.numAffectedRows ?? 0n);
}
