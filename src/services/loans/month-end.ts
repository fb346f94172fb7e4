import { sql } from 'kysely';
import type { OrgTx } from '../context.js';
import { postEntry } from '../ledger.js';
import { registerMonthEndStep, type MonthEnd } from '../month-end.js';
import { ppapBalance } from './restructure.js';

/**
 * The loans' month-end steps, each a few set-based statements over the whole book (no per-loan
 * round trips) and at most one journal entry carrying the month's totals; the per-loan detail
 * lives in loan_accruals, loan_collectibility and loan_provisions.
 */

const CLASS_RANK = sql`array['L','KL','D','M']`;

/**
 * For a step's transaction (both settings end with it): no JIT, because these statements over the
 * whole book cost more than jit_above_cost and compiling them took 0.1–2.2 s each on 500,000 loans
 * for statements that then ran in a second or two; and memory for their hash joins over every loan
 * (4 MB, the default, split the loans' hash table into 8 batches on disk).
 */
async function wholeBook(o: OrgTx): Promise<void> {
  await sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`.execute(o.tx);
}

/** Day-bands and provision rates in force on a date: the cooperative's dated setting or the default. */
function bands(coop: string, asOf: string) {
  return sql`(
    select f.frequency, coalesce(s.kl_from_days, f.kl) as kl, coalesce(s.d_from_days, f.d) as d, coalesce(s.m_from_days, f.m) as m,
           coalesce(s.lancar_bps, 50) as l_bps, coalesce(s.kl_bps, 1000) as kl_bps, coalesce(s.d_bps, 5000) as d_bps, coalesce(s.m_bps, 10000) as m_bps
    from (values ('monthly', 91, 181, 271), ('weekly', 29, 57, 85), ('daily', 15, 29, 43)) as f(frequency, kl, d, m)
    left join lateral (
      select * from loan_risk_settings r where r.cooperative_id = ${coop} and r.frequency = f.frequency and r.effective_from <= ${asOf}::date
      order by r.effective_from desc limit 1) s on true)`;
}

/**
 * Days past due and class of every active loan on `asOf` (also the daily refresh). One pass over
 * the loans: both are computed from the row itself and its frequency's bands, and only loans whose
 * figures change are written.
 */
export async function classify(o: OrgTx, asOf: string): Promise<number> {
  const coop = o.ctx.organizationId;
  const dpd = sql`greatest(coalesce(${asOf}::date - l.oldest_unpaid_due_on, 0), 0)`;
  const cls = sql`(${CLASS_RANK})[greatest(
      case when ${dpd} >= b.m then 4 when ${dpd} >= b.d then 3 when ${dpd} >= b.kl then 2 else 1 end,
      coalesce(array_position(${CLASS_RANK}, l.manual_collectibility), 1),
      case when l.probation_remaining > 0 then coalesce(array_position(${CLASS_RANK}, l.restructured_floor), 1) else 1 end)]`;
  const r = await sql`
    update loans l set days_past_due = ${dpd}, collectibility = ${cls}
    from ${bands(coop, asOf)} b
    where l.cooperative_id = ${coop} and l.status = 'active' and b.frequency = l.frequency
      and (l.days_past_due <> ${dpd} or l.collectibility <> ${cls})`.execute(o.tx);
  return Number(r.numAffectedRows ?? 0n);
}

async function stepDaysPastDue(o: OrgTx, m: MonthEnd) {
  await wholeBook(o);
  return { reclassified: await classify(o, m.lastDay) };
}

/**
 * Interest of conventional performing (Lancar) loans that fell due this month and is unpaid is
 * accrued: Dr interest receivable, Cr interest income. Problem loans accrue nothing (income on
 * them is recognised when paid). Sharia margin and ujrah are recognised when the instalment is paid.
 */
async function stepAccrual(o: OrgTx, m: MonthEnd) {
  const coop = o.ctx.organizationId;
  await wholeBook(o);
  await sql`
    insert into loan_accruals (cooperative_id, period, loan_id, interest_rupiah)
    select s.cooperative_id, ${m.period}, s.loan_id, sum(s.interest_rupiah - s.paid_interest_rupiah)
    from loan_schedules s
    join loans l on l.cooperative_id = s.cooperative_id and l.id = s.loan_id and l.schedule_version = s.schedule_version
    where s.cooperative_id = ${coop} and s.paid_on is null and s.due_on between ${m.firstDay}::date and ${m.lastDay}::date
      and l.status = 'active' and l.akad = 'conventional' and l.collectibility = 'L'
    group by s.cooperative_id, s.loan_id
    having sum(s.interest_rupiah - s.paid_interest_rupiah) > 0
    on conflict (cooperative_id, period, loan_id) do update set interest_rupiah = excluded.interest_rupiah`.execute(o.tx);
  await sql`
    update loans l set accrued_interest_rupiah = l.accrued_interest_rupiah + a.interest_rupiah
    from loan_accruals a
    where a.cooperative_id = ${coop} and a.period = ${m.period} and a.interest_rupiah > 0 and l.cooperative_id = a.cooperative_id and l.id = a.loan_id`.execute(o.tx);
  const t = await sql<{ total: bigint; loans: bigint }>`
    select coalesce(sum(interest_rupiah), 0)::bigint as total, count(*) filter (where interest_rupiah > 0) as loans
    from loan_accruals where cooperative_id = ${coop} and period = ${m.period}`.execute(o.tx);
  const total = t.rows[0]?.total ?? 0n;
  let entryId: string | null = null;
  if (total > 0n) {
    const posted = await postEntry(o, {
      entryDate: m.lastDay,
      description: `Akrual bunga pinjaman ${m.period}`,
      source: { type: 'loan.accrual', id: m.period },
      series: 'PINJ',
      lines: [
        { account: { role: 'interestReceivable' }, debitRupiah: total },
        { account: { role: 'loanInterestIncomeMember' }, creditRupiah: total },
      ],
    });
    entryId = posted.entryId.toString();
  }
  return { loans: Number(t.rows[0]?.loans ?? 0n), accruedRupiah: total.toString(), entryId };
}

/**
 * Denda on overdue instalments: a daily percentage of the overdue instalment amount for the days
 * of this month past the grace, or a fixed amount once per late instalment; capped at the
 * instalment when the product says so. Charged to the loan (and the member's statement) and
 * recognised as income — or, in a sharia contract, given to the social fund — when collected.
 */
async function stepPenalty(o: OrgTx, m: MonthEnd) {
  const coop = o.ctx.organizationId;
  await wholeBook(o);
  const r = await sql<{ loans: bigint; total: bigint }>`
    with c as (
      select s.loan_id, s.instalment_no, s.schedule_version,
        case p.penalty_kind
          when 'daily_percent' then round(
            (s.principal_rupiah + s.interest_rupiah - s.paid_principal_rupiah - s.paid_interest_rupiah)::numeric * p.penalty_daily_percent / 100
            * (${m.lastDay}::date - greatest(s.due_on + p.penalty_grace_days, ${m.firstDay}::date - 1)))::bigint
          when 'fixed' then case when s.penalty_rupiah = 0 then p.penalty_fixed_rupiah else 0 end
          else 0 end as raw,
        case when p.penalty_capped_at_instalment then s.principal_rupiah + s.interest_rupiah - s.penalty_rupiah else 999999999999999 end as room
      from loan_schedules s
      join loans l on l.cooperative_id = s.cooperative_id and l.id = s.loan_id and l.schedule_version = s.schedule_version
      join loan_products p on p.cooperative_id = l.cooperative_id and p.id = l.product_id
      -- due_on < lastDay follows from the grace (never negative), but unlike due_on + grace it is
      -- tested on the instalment alone: the scan (loan_schedules_unpaid_idx) keeps the overdue
      -- instalments only, instead of joining every unpaid one, future ones included, to its loan
      where s.cooperative_id = ${coop} and s.paid_on is null and s.due_on < ${m.lastDay}::date
        and s.due_on + p.penalty_grace_days < ${m.lastDay}::date
        and l.status = 'active' and p.penalty_kind <> 'none'
    ), u as (
      update loan_schedules s set penalty_rupiah = s.penalty_rupiah + least(c.raw, c.room)
      from c
      where s.cooperative_id = ${coop} and s.loan_id = c.loan_id and s.schedule_version = c.schedule_version and s.instalment_no = c.instalment_no
        and least(c.raw, c.room) > 0
      returning s.loan_id, least(c.raw, c.room) as amount
    ), per_loan as (
      select loan_id, sum(amount)::bigint as amount from u group by loan_id
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
    select (select count(*) from l) as loans, (select coalesce(sum(amount), 0) from per_loan)::bigint as total`.execute(o.tx);
  return { loans: Number(r.rows[0]?.loans ?? 0n), chargedRupiah: (r.rows[0]?.total ?? 0n).toString() };
}

/** The month's collectibility snapshot of every active loan. */
async function stepCollectibility(o: OrgTx, m: MonthEnd) {
  const coop = o.ctx.organizationId;
  await wholeBook(o);
  await classify(o, m.lastDay);
  // Normally nothing is there yet for the date: then a plain insert, which skips the conflict
  // check ON CONFLICT makes for every row (a third of the insert's buffer reads on 500,000 loans).
  // Only this step writes the table, and the month's run row serialises it.
  const existing = await sql`select 1 from loan_collectibility where cooperative_id = ${coop} and as_of = ${m.lastDay}::date limit 1`.execute(o.tx);
  const onConflict = existing.rows.length === 0 ? sql`` : sql`
    on conflict (cooperative_id, as_of, loan_id) do update set days_past_due = excluded.days_past_due,
      collectibility = excluded.collectibility, outstanding_rupiah = excluded.outstanding_rupiah`;
  const r = await sql`
    insert into loan_collectibility (cooperative_id, as_of, loan_id, days_past_due, collectibility, outstanding_rupiah, collateral_value_rupiah)
    select cooperative_id, ${m.lastDay}::date, id, days_past_due, collectibility, outstanding_principal_rupiah, collateral_value_rupiah
    from loans where cooperative_id = ${coop} and status = 'active'${onConflict}`.execute(o.tx);
  return { loans: Number(r.numAffectedRows ?? 0n) };
}

/**
 * PPAP: the required provision per class (Lancar on the outstanding, problem classes on the
 * outstanding less collateral), compared with the allowance formed; the difference is posted.
 */
async function stepProvision(o: OrgTx, m: MonthEnd) {
  const coop = o.ctx.organizationId;
  await sql`
    insert into loan_provisions (cooperative_id, period, collectibility, loans, outstanding_rupiah, base_rupiah, rate_bps, required_rupiah)
    select ${coop}, ${m.period}, k.cls, coalesce(x.loans, 0), coalesce(x.outstanding, 0), coalesce(x.base, 0), k.bps,
           round(coalesce(x.base, 0)::numeric * k.bps / 10000)::bigint
    from (select 'L' as cls, b.l_bps as bps from ${bands(coop, m.lastDay)} b where b.frequency = 'monthly'
          union all select 'KL', b.kl_bps from ${bands(coop, m.lastDay)} b where b.frequency = 'monthly'
          union all select 'D', b.d_bps from ${bands(coop, m.lastDay)} b where b.frequency = 'monthly'
          union all select 'M', b.m_bps from ${bands(coop, m.lastDay)} b where b.frequency = 'monthly') k
    left join (
      select collectibility as cls, count(*)::int as loans, sum(outstanding_principal_rupiah)::bigint as outstanding,
             sum(case when collectibility = 'L' then outstanding_principal_rupiah
                      else greatest(outstanding_principal_rupiah - collateral_value_rupiah, 0) end)::bigint as base
      from loans where cooperative_id = ${coop} and status = 'active' group by collectibility) x on x.cls = k.cls
    on conflict (cooperative_id, period, collectibility) do update set loans = excluded.loans, outstanding_rupiah = excluded.outstanding_rupiah,
      base_rupiah = excluded.base_rupiah, rate_bps = excluded.rate_bps, required_rupiah = excluded.required_rupiah`.execute(o.tx);
  const req = await sql<{ v: bigint }>`
    select coalesce(sum(required_rupiah), 0)::bigint as v from loan_provisions where cooperative_id = ${coop} and period = ${m.period}`.execute(o.tx);
  const required = req.rows[0]?.v ?? 0n;
  const formed = await ppapBalance(o);
  const delta = required - formed;
  let entryId: string | null = null;
  if (delta !== 0n) {
    const abs = delta < 0n ? -delta : delta;
    const posted = await postEntry(o, {
      entryDate: m.lastDay,
      description: delta > 0n ? `Pembentukan PPAP ${m.period}` : `Penyesuaian (pengurangan) PPAP ${m.period}`,
      source: { type: 'loan.provision', id: m.period },
      series: 'PINJ',
      lines:
        delta > 0n
          ? [
              { account: { role: 'provisionExpense' }, debitRupiah: abs },
              { account: { role: 'ppap' }, creditRupiah: abs },
            ]
          : [
              { account: { role: 'ppap' }, debitRupiah: abs },
              { account: { role: 'provisionExpense' }, creditRupiah: abs },
            ],
    });
    entryId = posted.entryId.toString();
  }
  return { requiredRupiah: required.toString(), formedBeforeRupiah: formed.toString(), postedRupiah: delta.toString(), entryId };
}

/** Reminders for overdue loans and instalments due in the first week of next month. */
async function stepReminders(o: OrgTx, m: MonthEnd) {
  const coop = o.ctx.organizationId;
  await wholeBook(o);
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
    on conflict (cooperative_id, dedupe_key) do nothing`.execute(o.tx);
  return { queued: Number(r.numAffectedRows ?? 0n) };
}

registerMonthEndStep({ name: 'loans-days-past-due', order: 10, run: stepDaysPastDue });
registerMonthEndStep({ name: 'loans-accrual', order: 20, run: stepAccrual });
registerMonthEndStep({ name: 'loans-penalty', order: 30, run: stepPenalty });
registerMonthEndStep({ name: 'loans-collectibility', order: 40, run: stepCollectibility });
registerMonthEndStep({ name: 'loans-provision', order: 50, run: stepProvision });
registerMonthEndStep({ name: 'loans-reminders', order: 90, run: stepReminders });
// SAVINGS HOOK: src/services/savings.ts does not exist yet. The savings area registers its
// month-end step (interest, final tax, statements) with registerMonthEndStep({ order: 60, … });
// `sokoguru close-month` then runs it between provisions and reminders.
