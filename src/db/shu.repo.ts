import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from './database.js';
import type { JsonValue } from './schema.js';

/**
 * SHU from the books (services/shu.ts; docs/domain/shu-books.md): the settings versions, the
 * year's SHU and its member / non-member income, each member's figures gathered in one statement
 * (twelve month-end balances of the counted simpanan, loan interest paid, arrears), the runs and
 * their shares written in chunks, and the payouts applied set-based.
 */

export type CapitalKind = 'pokok' | 'wajib' | 'sukarela';

// Settings ------------------------------------------------------------------------------------

export interface SettingsRow {
  version: number;
  valid_from_year: number;
  cadangan_ppm: bigint;
  jasa_modal_ppm: bigint;
  jasa_usaha_ppm: bigint;
  dana_pengurus_ppm: bigint;
  dana_karyawan_ppm: bigint;
  dana_pendidikan_ppm: bigint;
  dana_sosial_ppm: bigint;
  dana_pembangunan_ppm: bigint;
  non_member_allocation: JsonValue | null;
  capital_kinds: string;
  jasa_modal_basis: 'year-end' | 'average';
  business_lines: JsonValue;
  deduct_wajib_arrears: boolean;
  deduct_overdue_instalments: boolean;
  tax_rules: JsonValue | null;
  source: string | null;
  created_by: string | null;
  created_at: Date;
}

export async function settingsVersions(db: Queryable, coop: string): Promise<SettingsRow[]> {
  const r = await sql<SettingsRow>`
    select * from shu_settings where cooperative_id = ${coop} order by version desc`.execute(db);
  return r.rows;
}

export async function settingsVersion(
  db: Queryable,
  coop: string,
  version: number,
): Promise<SettingsRow | undefined> {
  const r = await sql<SettingsRow>`
    select * from shu_settings where cooperative_id = ${coop} and version = ${version}`.execute(db);
  return r.rows[0];
}

/** The newest version valid for `year` (valid_from_year on or before it). */
export async function settingsForYear(
  db: Queryable,
  coop: string,
  year: number,
): Promise<SettingsRow | undefined> {
  const r = await sql<SettingsRow>`
    select * from shu_settings where cooperative_id = ${coop} and valid_from_year <= ${year}
    order by valid_from_year desc, version desc limit 1`.execute(db);
  return r.rows[0];
}

export type NewSettings = Omit<SettingsRow, 'version' | 'created_at'>;

export async function insertSettings(db: Queryable, coop: string, s: NewSettings): Promise<number> {
  const json = (v: JsonValue | null) => (v === null ? null : JSON.stringify(v));
  const r = await sql<{ version: number }>`
    insert into shu_settings (cooperative_id, version, valid_from_year, cadangan_ppm, jasa_modal_ppm,
      jasa_usaha_ppm, dana_pengurus_ppm, dana_karyawan_ppm, dana_pendidikan_ppm, dana_sosial_ppm,
      dana_pembangunan_ppm, non_member_allocation, capital_kinds, jasa_modal_basis, business_lines,
      deduct_wajib_arrears, deduct_overdue_instalments, tax_rules, source, created_by)
    select ${coop}, coalesce(max(version), 0) + 1, ${s.valid_from_year}, ${s.cadangan_ppm},
      ${s.jasa_modal_ppm}, ${s.jasa_usaha_ppm}, ${s.dana_pengurus_ppm}, ${s.dana_karyawan_ppm},
      ${s.dana_pendidikan_ppm}, ${s.dana_sosial_ppm}, ${s.dana_pembangunan_ppm},
      ${json(s.non_member_allocation)}::jsonb, ${s.capital_kinds}, ${s.jasa_modal_basis},
      ${json(s.business_lines)}::jsonb, ${s.deduct_wajib_arrears}, ${s.deduct_overdue_instalments},
      ${json(s.tax_rules)}::jsonb, ${s.source}, ${s.created_by}
    from shu_settings where cooperative_id = ${coop}
    returning version`.execute(db);
  return r.rows[0]!.version;
}

// The year's SHU from the ledger ----------------------------------------------------------------

/** Whether December of `year` is closed (the year-end close closes it last). */
export async function yearClosed(db: Queryable, coop: string, year: number): Promise<boolean> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from fiscal_periods
    where cooperative_id = ${coop} and period = ${`${year}-12`} and status = 'closed'`.execute(db);
  return (r.rows[0]?.n ?? 0) > 0;
}

/**
 * What the year-end close of `year` credited to SHU belum dibagi (shuUndistributed), net of the
 * reversals of a re-opening (they keep the close's source).
 */
export async function shuOfClose(db: Queryable, coop: string, year: number): Promise<bigint> {
  const r = await sql<{ s: bigint }>`
    select coalesce(sum(l.credit_rupiah - l.debit_rupiah), 0)::bigint as s
    from journal_entries e
    join journal_lines l on l.cooperative_id = e.cooperative_id and l.entry_id = e.id
    join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
    where e.cooperative_id = ${coop} and e.source_type = 'ledger.year-end'
      and e.source_id = ${String(year)} and a.role = 'shuUndistributed'`.execute(db);
  return r.rows[0]!.s;
}

export interface YearIncome {
  /** income (credit balance) of the income accounts outside group 42 */
  income_member: bigint;
  /** income of group 42 (pendapatan dari non-anggota: 4201, 4202, 4210 …) */
  income_non_member: bigint;
  /** debit balance of the expense accounts */
  expense: bigint;
}

/** The year's income by member / non-member and its expense, the closing entries left out. */
export async function incomeOfYear(db: Queryable, coop: string, year: number): Promise<YearIncome> {
  const r = await sql<YearIncome>`
    select
      coalesce(sum(l.credit_rupiah - l.debit_rupiah) filter (where a.account_type = 'pendapatan'
        and a.code not like '42%'), 0)::bigint as income_member,
      coalesce(sum(l.credit_rupiah - l.debit_rupiah) filter (where a.account_type = 'pendapatan'
        and a.code like '42%'), 0)::bigint as income_non_member,
      coalesce(sum(l.debit_rupiah - l.credit_rupiah) filter (where a.account_type = 'beban'), 0)::bigint
        as expense
    from journal_entries e
    join journal_lines l on l.cooperative_id = e.cooperative_id and l.entry_id = e.id
    join accounts a on a.cooperative_id = l.cooperative_id and a.id = l.account_id
    where e.cooperative_id = ${coop} and e.fiscal_year = ${year}
      and e.source_type <> 'ledger.year-end'
      and a.account_type in ('pendapatan', 'beban')`.execute(db);
  return r.rows[0]!;
}

// Members' figures ------------------------------------------------------------------------------

export interface GatheredMember {
  member_id: bigint;
  /** month-end balances of the counted simpanan, January … December */
  m: bigint[];
  /** loan interest (conventional and qardh) paid in the year */
  pinjaman: bigint;
  /** murabahah margin and ijarah ujrah paid in the year */
  pembiayaan: bigint;
  /** purchases at the cooperative's shop in the year, net of voids and returns */
  belanja: bigint;
  arrears_wajib: bigint;
  arrears_instalments: bigint;
}

/** As the statement returns it: the twelve balances comma-separated. */
type GatheredRow = Omit<GatheredMember, 'm'> & { m: string };

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const monthEnd = (year: number, month: number) =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

/**
 * Every member of the year (joined on or before 31 December, not left before 1 January) with
 * their figures, in one statement:
 * - month-end balances: the signed sum of the counted accounts' movements dated on or before each
 *   month's last day — counter movements, month-end interest net of tax and fee, a KSPPS's bagi
 *   hasil and wadiah bonus (what the rekening koran reads; services/savings/statements.ts);
 * - participation: interest / margin / ujrah of the loan repayments paid in the year, by akad;
 *   and purchases at the shop (sales to the member not voided, less what was returned);
 * - arrears at 31 December: wajib owed (months since joining or opening × the product's monthly
 *   amount − balance, as the member export computes it) and overdue instalments (principal and
 *   interest of the current schedule due on or before 31 December, not paid).
 */
/** The gathering statement (gatherMembers runs it; the bench explains it). */
export function gatherMembersQuery(
  coop: string,
  year: number,
  kinds: readonly CapitalKind[],
): RawBuilder<GatheredRow> {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const sums = sql.join(
    MONTHS.map(
      (mo) =>
        sql`coalesce(sum(mv.amt) filter (where mv.d <= ${monthEnd(year, mo)}::date), 0)::bigint`,
    ),
  );
  return sql<GatheredRow>`
    with mem as (
      select m.id from members m
      where m.cooperative_id = ${coop} and m.member_number is not null
        and m.joined_on <= ${end}::date and (m.left_on is null or m.left_on >= ${start}::date)
    ), acc as (
      select a.id, a.member_id from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      where a.cooperative_id = ${coop} and p.kind = any(${`{${kinds.join(',')}}`}::text[])
    ), mv as (
      select t.account_id as acc_id, t.transaction_date as d, t.sign * t.amount_rupiah as amt
        from savings_transactions t where t.cooperative_id = ${coop} and t.transaction_date <= ${end}::date
      union all
      select l.credit_account_id, l.booked_on, l.gross_rupiah - l.tax_rupiah - l.fee_rupiah
        from savings_interest_lines l where l.cooperative_id = ${coop} and l.booked_on <= ${end}::date
      union all
      select b.credit_account_id, b.booked_on, b.share_rupiah
        from bagi_hasil_lines b where b.cooperative_id = ${coop} and b.booked_on <= ${end}::date
      union all
      select w.account_id, w.booked_on, w.bonus_rupiah
        from wadiah_bonus_lines w where w.cooperative_id = ${coop} and w.booked_on <= ${end}::date
    ), bal as (
      select acc.member_id, concat_ws(',', ${sums}) as m
      from mv join acc on acc.id = mv.acc_id group by acc.member_id
    ), paid as (
      select l.member_id,
        coalesce(sum(r.interest_rupiah) filter (where l.akad in ('conventional', 'qardh')), 0)::bigint as pinjaman,
        coalesce(sum(r.interest_rupiah) filter (where l.akad in ('murabahah', 'ijarah')), 0)::bigint as pembiayaan
      from loan_repayments r join loans l on l.cooperative_id = r.cooperative_id and l.id = r.loan_id
      where r.cooperative_id = ${coop} and r.paid_on between ${start}::date and ${end}::date
      group by l.member_id
    ), belanja as (
      select s.member_id, sum(s.total_rupiah - coalesce((select sum(r.amount_rupiah) from shop_returns r
          where r.cooperative_id = s.cooperative_id and r.sale_id = s.id), 0))::bigint as amt
      from shop_sales s
      where s.cooperative_id = ${coop} and s.member_id is not null and s.status = 'posted'
        and s.business_date between ${start}::date and ${end}::date
      group by s.member_id
    ), wajib as (
      select a.member_id, sum(greatest(0,
          ((extract(year from ${end}::date) * 12 + 12)
            - (extract(year from greatest(m.joined_on, a.opened_on)) * 12
               + extract(month from greatest(m.joined_on, a.opened_on))) + 1)
          * coalesce((p.settings->>'monthlyAmountRupiah')::bigint, 0) - a.balance_rupiah))::bigint as owed
      from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      join members m on m.cooperative_id = a.cooperative_id and m.id = a.member_id
      where a.cooperative_id = ${coop} and p.kind = 'wajib' and a.status <> 'closed'
        and m.status in ('active', 'suspended', 'leaving')
      group by a.member_id
    ), overdue as (
      select l.member_id, sum(s.principal_rupiah + s.interest_rupiah - s.paid_principal_rupiah
          - s.paid_interest_rupiah)::bigint as owed
      from loans l join loan_schedules s on s.cooperative_id = l.cooperative_id and s.loan_id = l.id
        and s.schedule_version = l.schedule_version
      where l.cooperative_id = ${coop} and l.status = 'active' and s.paid_on is null
        and s.due_on <= ${end}::date
      group by l.member_id
    )
    select mem.id as member_id,
      coalesce(bal.m, '0,0,0,0,0,0,0,0,0,0,0,0') as m,
      coalesce(paid.pinjaman, 0)::bigint as pinjaman, coalesce(paid.pembiayaan, 0)::bigint as pembiayaan,
      coalesce(belanja.amt, 0)::bigint as belanja,
      coalesce(wajib.owed, 0)::bigint as arrears_wajib, coalesce(overdue.owed, 0)::bigint as arrears_instalments
    from mem
    left join bal on bal.member_id = mem.id
    left join paid on paid.member_id = mem.id
    left join belanja on belanja.member_id = mem.id
    left join wajib on wajib.member_id = mem.id
    left join overdue on overdue.member_id = mem.id
    order by mem.id`;
}

export async function gatherMembers(
  db: Queryable,
  coop: string,
  year: number,
  kinds: readonly CapitalKind[],
): Promise<GatheredMember[]> {
  // one statement over every movement of the year, a batch rather than a teller's request: its
  // own statement limit, time to compute the shares before they are written, and no JIT
  // (compiling it costs more than it saves)
  await sql`set local statement_timeout = '30min'`.execute(db);
  await sql`set local idle_in_transaction_session_timeout = '30min'`.execute(db);
  await sql`set local jit = off`.execute(db);
  const r = await gatherMembersQuery(coop, year, kinds).execute(db);
  return r.rows.map((row) => ({ ...row, m: row.m.split(',').map((v) => BigInt(v)) }));
}

// Runs ------------------------------------------------------------------------------------------

export interface RunRow {
  id: bigint;
  year: number;
  kind: 'simulation' | 'final';
  settings_version: number;
  shu_source: 'year-end-close' | 'income-expense';
  shu_rupiah: bigint;
  shu_anggota_rupiah: bigint;
  shu_non_anggota_rupiah: bigint;
  income_member_rupiah: bigint;
  income_non_member_rupiah: bigint;
  payout_date: string;
  jasa_modal_basis: 'year-end' | 'average';
  pools: JsonValue;
  lines: JsonValue;
  unshared_to_cadangan_rupiah: bigint;
  capital_total: bigint;
  tax_rate_ppm: bigint | null;
  tax_rule_from: string | null;
  tax_rule_source: string | null;
  members: number;
  total_jasa_modal_rupiah: bigint;
  total_jasa_usaha_rupiah: bigint;
  total_rupiah: bigint;
  total_tax_rupiah: bigint;
  total_deductions_rupiah: bigint;
  total_net_rupiah: bigint;
  rat_reference: string | null;
  rat_date: string | null;
  approval_id: bigint | null;
  distribution_entry_id: bigint | null;
  distributed_on: string | null;
  created_by: string | null;
  created_at: Date;
}

export type NewRun = Omit<RunRow, 'id' | 'created_at' | 'distribution_entry_id' | 'distributed_on'>;

const RUN_COLUMNS = sql`id, year, kind, settings_version, shu_source, shu_rupiah, shu_anggota_rupiah,
  shu_non_anggota_rupiah, income_member_rupiah, income_non_member_rupiah,
  to_char(payout_date, 'YYYY-MM-DD') as payout_date, jasa_modal_basis, pools, lines,
  unshared_to_cadangan_rupiah, capital_total, tax_rate_ppm, to_char(tax_rule_from, 'YYYY-MM-DD') as tax_rule_from,
  tax_rule_source, members, total_jasa_modal_rupiah, total_jasa_usaha_rupiah, total_rupiah,
  total_tax_rupiah, total_deductions_rupiah, total_net_rupiah, rat_reference,
  to_char(rat_date, 'YYYY-MM-DD') as rat_date, approval_id, distribution_entry_id,
  to_char(distributed_on, 'YYYY-MM-DD') as distributed_on, created_by, created_at`;

export async function insertRun(db: Queryable, coop: string, r: NewRun): Promise<bigint> {
  const res = await sql<{ id: bigint }>`
    insert into shu_runs (cooperative_id, year, kind, settings_version, shu_source, shu_rupiah,
      shu_anggota_rupiah, shu_non_anggota_rupiah, income_member_rupiah, income_non_member_rupiah,
      payout_date, jasa_modal_basis, pools, lines, unshared_to_cadangan_rupiah, capital_total,
      tax_rate_ppm, tax_rule_from, tax_rule_source, members, total_jasa_modal_rupiah,
      total_jasa_usaha_rupiah, total_rupiah, total_tax_rupiah, total_deductions_rupiah,
      total_net_rupiah, rat_reference, rat_date, approval_id, created_by)
    values (${coop}, ${r.year}, ${r.kind}, ${r.settings_version}, ${r.shu_source}, ${r.shu_rupiah},
      ${r.shu_anggota_rupiah}, ${r.shu_non_anggota_rupiah}, ${r.income_member_rupiah},
      ${r.income_non_member_rupiah}, ${r.payout_date}::date, ${r.jasa_modal_basis},
      ${JSON.stringify(r.pools)}::jsonb, ${JSON.stringify(r.lines)}::jsonb,
      ${r.unshared_to_cadangan_rupiah}, ${r.capital_total}, ${r.tax_rate_ppm},
      ${r.tax_rule_from}::date, ${r.tax_rule_source}, ${r.members}, ${r.total_jasa_modal_rupiah},
      ${r.total_jasa_usaha_rupiah}, ${r.total_rupiah}, ${r.total_tax_rupiah},
      ${r.total_deductions_rupiah}, ${r.total_net_rupiah}, ${r.rat_reference}, ${r.rat_date}::date,
      ${r.approval_id}, ${r.created_by})
    returning id`.execute(db);
  return res.rows[0]!.id;
}

export interface NewShare {
  member_id: bigint;
  month_end_modal: readonly bigint[];
  capital_weight: bigint;
  jasa_modal_rupiah: bigint;
  jasa_usaha_lines: Record<string, { participation: string; amount: string }>;
  jasa_usaha_rupiah: bigint;
  total_rupiah: bigint;
  tax_rupiah: bigint;
  arrears_wajib_rupiah: bigint;
  arrears_instalments_rupiah: bigint;
  deduction_wajib_rupiah: bigint;
  deduction_instalments_rupiah: bigint;
  net_rupiah: bigint;
}

/** Rows per INSERT: one JSON parameter of a few megabytes, read by json_to_recordset. */
export const SHARES_PER_INSERT = 20_000;

/** The shares of a run, in chunks of SHARES_PER_INSERT rows, one statement each. */
export async function insertShares(
  db: Queryable,
  coop: string,
  runId: bigint,
  shares: readonly NewShare[],
): Promise<void> {
  // Pipelined: the next chunk's JSON is built while the server inserts the previous one (on
  // PostgreSQL the two run on different cores; on PGlite it is the same as one after the other).
  // 1,000,000 shares: see bench/shu-million.ts.
  let inserting: Promise<unknown> | undefined;
  for (let i = 0; i < shares.length; i += SHARES_PER_INSERT) {
    const chunk = shares.slice(i, i + SHARES_PER_INSERT);
    const json = JSON.stringify(
      chunk.map((s) => [
        s.member_id.toString(),
        s.month_end_modal.map(String),
        s.capital_weight.toString(),
        s.jasa_modal_rupiah.toString(),
        s.jasa_usaha_lines,
        s.jasa_usaha_rupiah.toString(),
        s.total_rupiah.toString(),
        s.tax_rupiah.toString(),
        s.arrears_wajib_rupiah.toString(),
        s.arrears_instalments_rupiah.toString(),
        s.deduction_wajib_rupiah.toString(),
        s.deduction_instalments_rupiah.toString(),
        s.net_rupiah.toString(),
      ]),
    );
    const insert = sql`
      insert into shu_run_members (cooperative_id, run_id, member_id, month_end_modal,
        capital_weight, jasa_modal_rupiah, jasa_usaha_lines, jasa_usaha_rupiah, total_rupiah,
        tax_rupiah, arrears_wajib_rupiah, arrears_instalments_rupiah, deduction_wajib_rupiah,
        deduction_instalments_rupiah, net_rupiah)
      select ${coop}, ${runId}, (x->>0)::bigint, x->1, (x->>2)::bigint, (x->>3)::bigint, x->4,
        (x->>5)::bigint, (x->>6)::bigint, (x->>7)::bigint, (x->>8)::bigint, (x->>9)::bigint,
        (x->>10)::bigint, (x->>11)::bigint, (x->>12)::bigint
      from jsonb_array_elements(${json}::jsonb) as x`;
    await inserting;
    inserting = insert.execute(db);
    // let the driver send it before the next chunk's synchronous building
    await new Promise((resolve) => setImmediate(resolve));
  }
  await inserting;
}

export async function runs(db: Queryable, coop: string, year: number | null, limit: number) {
  const r = await sql<RunRow>`
    select ${RUN_COLUMNS} from shu_runs
    where cooperative_id = ${coop} and (${year}::int is null or year = ${year}::int)
    order by id desc limit ${limit}`.execute(db);
  return r.rows;
}

export async function run(
  db: Queryable,
  coop: string,
  id: bigint,
  forUpdate = false,
): Promise<RunRow | undefined> {
  const r = await sql<RunRow>`
    select ${RUN_COLUMNS} from shu_runs where cooperative_id = ${coop} and id = ${id}
    ${forUpdate ? sql`for update` : sql``}`.execute(db);
  return r.rows[0];
}

export async function finalRunOf(db: Queryable, coop: string, year: number) {
  const r = await sql<RunRow>`
    select ${RUN_COLUMNS} from shu_runs where cooperative_id = ${coop} and year = ${year}
      and kind = 'final'`.execute(db);
  return r.rows[0];
}

export async function markDistributed(
  db: Queryable,
  coop: string,
  id: bigint,
  entryId: bigint,
  on: string,
): Promise<void> {
  await sql`update shu_runs set distribution_entry_id = ${entryId}, distributed_on = ${on}::date
    where cooperative_id = ${coop} and id = ${id}`.execute(db);
}

export interface ShareRow {
  member_id: bigint;
  member_number: string | null;
  full_name: string;
  month_end_modal: string[];
  capital_weight: bigint;
  jasa_modal_rupiah: bigint;
  jasa_usaha_lines: Record<string, { participation: string; amount: string }>;
  jasa_usaha_rupiah: bigint;
  total_rupiah: bigint;
  tax_rupiah: bigint;
  arrears_wajib_rupiah: bigint;
  arrears_instalments_rupiah: bigint;
  deduction_wajib_rupiah: bigint;
  deduction_instalments_rupiah: bigint;
  net_rupiah: bigint;
  paid_on: string | null;
  paid_channel: 'sukarela' | 'cash' | null;
  paid_account_id: bigint | null;
  paid_entry_id: bigint | null;
}

const SHARE_COLUMNS = sql`s.member_id, m.member_number, m.full_name, s.month_end_modal, s.capital_weight,
  s.jasa_modal_rupiah, s.jasa_usaha_lines, s.jasa_usaha_rupiah, s.total_rupiah, s.tax_rupiah,
  s.arrears_wajib_rupiah, s.arrears_instalments_rupiah, s.deduction_wajib_rupiah,
  s.deduction_instalments_rupiah, s.net_rupiah, to_char(s.paid_on, 'YYYY-MM-DD') as paid_on,
  s.paid_channel, s.paid_account_id, s.paid_entry_id`;

/** A run's shares by member number, filtered by name or number, a page at a time. */
export async function shares(
  db: Queryable,
  coop: string,
  runId: bigint,
  filter: { q: string | null; uncollected: boolean; offset: number; limit: number },
): Promise<{ rows: ShareRow[]; total: number }> {
  const where = sql`s.cooperative_id = ${coop} and s.run_id = ${runId}
    ${filter.q ? sql`and (lower(m.full_name) like ${`%${filter.q.toLowerCase()}%`} or m.member_number like ${`%${filter.q.toUpperCase()}%`})` : sql``}
    ${filter.uncollected ? sql`and s.paid_on is null and s.total_rupiah > 0` : sql``}`;
  const rows = await sql<ShareRow>`
    select ${SHARE_COLUMNS} from shu_run_members s
    join members m on m.cooperative_id = s.cooperative_id and m.id = s.member_id
    where ${where} order by m.member_number, s.member_id
    offset ${filter.offset} limit ${filter.limit}`.execute(db);
  const n = await sql<{ n: number }>`
    select count(*)::int as n from shu_run_members s
    join members m on m.cooperative_id = s.cooperative_id and m.id = s.member_id
    where ${where}`.execute(db);
  return { rows: rows.rows, total: n.rows[0]!.n };
}

export async function share(
  db: Queryable,
  coop: string,
  runId: bigint,
  memberId: bigint,
  forUpdate = false,
): Promise<ShareRow | undefined> {
  const r = await sql<ShareRow>`
    select ${SHARE_COLUMNS} from shu_run_members s
    join members m on m.cooperative_id = s.cooperative_id and m.id = s.member_id
    where s.cooperative_id = ${coop} and s.run_id = ${runId} and s.member_id = ${memberId}
    ${forUpdate ? sql`for update of s` : sql``}`.execute(db);
  return r.rows[0];
}

// Payouts ---------------------------------------------------------------------------------------

/**
 * The unpaid shares (total above zero) of a run payable into savings, with the member's sukarela
 * account (the oldest active or dormant one) and, when wajib arrears are offset, their wajib
 * account; limited to `memberIds` when given. Members without a sukarela account are left out
 * (they are paid in cash at the counter).
 */
function payableToSavings(coop: string, runId: bigint, memberIds: readonly bigint[] | null) {
  const only =
    memberIds === null
      ? sql``
      : sql`and s.member_id = any(${`{${memberIds.join(',')}}`}::bigint[])`;
  return sql`
    select s.member_id, s.net_rupiah, s.tax_rupiah, s.deduction_wajib_rupiah, s.total_rupiah,
      sk.id as sukarela_id, sk.akad as sukarela_akad, wj.id as wajib_id
    from shu_run_members s
    cross join lateral (
      select a.id, p.akad from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      where a.cooperative_id = s.cooperative_id and a.member_id = s.member_id
        and p.kind = 'sukarela' and a.status in ('active', 'dormant')
      order by a.id limit 1) sk
    left join lateral (
      select a.id from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      where a.cooperative_id = s.cooperative_id and a.member_id = s.member_id
        and p.kind = 'wajib' and a.status <> 'closed' and s.deduction_wajib_rupiah > 0
      order by a.id limit 1) wj on true
    where s.cooperative_id = ${coop} and s.run_id = ${runId} and s.paid_on is null
      and s.total_rupiah > 0 ${only}
      and (s.deduction_wajib_rupiah = 0 or wj.id is not null)`;
}

export interface PayableTotals {
  akad: string | null;
  members: number;
  net: bigint;
  tax: bigint;
  wajib: bigint;
  total: bigint;
}

/** What paying into savings would move, per akad of the sukarela accounts (the ledger role). */
export async function payableTotals(
  db: Queryable,
  coop: string,
  runId: bigint,
  memberIds: readonly bigint[] | null,
): Promise<PayableTotals[]> {
  const r = await sql<PayableTotals>`
    select x.sukarela_akad as akad, count(*)::int as members,
      sum(x.net_rupiah)::bigint as net, sum(x.tax_rupiah)::bigint as tax,
      sum(x.deduction_wajib_rupiah)::bigint as wajib, sum(x.total_rupiah)::bigint as total
    from (${payableToSavings(coop, runId, memberIds)}) x group by x.sukarela_akad`.execute(db);
  return r.rows;
}

/**
 * Pays the payable shares into savings in one statement: credits each member's sukarela account
 * with the net (and the wajib account with the wajib offset), one 'shu' movement each pointing at
 * the batch's entry, and marks the shares paid. Returns how many shares were paid.
 */
export async function payIntoSavings(
  db: Queryable,
  coop: string,
  runId: bigint,
  memberIds: readonly bigint[] | null,
  on: string,
  entryId: bigint,
): Promise<number> {
  const r = await sql<{ n: number }>`
    with b as (${payableToSavings(coop, runId, memberIds)}),
    ${creditCtes(coop, 'sk', sql`select sukarela_id as id, net_rupiah as amt from b where net_rupiah > 0`, on, entryId)},
    ${creditCtes(coop, 'wj', sql`select wajib_id as id, deduction_wajib_rupiah as amt from b where deduction_wajib_rupiah > 0`, on, entryId)},
    paid as (
      update shu_run_members s set paid_on = ${on}::date, paid_channel = 'sukarela',
        paid_account_id = b.sukarela_id, paid_entry_id = ${entryId}
      from b where s.cooperative_id = ${coop} and s.run_id = ${runId} and s.member_id = b.member_id
      returning 1)
    select (select count(*) from paid)::int as n, (select count(*) from sk_tx)::int as k,
      (select count(*) from wj_tx)::int as w`.execute(db);
  return r.rows[0]!.n;
}

/**
 * CTEs `<p>_src`, `<p>_upd`, `<p>_tx`: credit savings accounts (id, amt) and write one 'shu'
 * movement each with the balance after.
 */
function creditCtes(
  coop: string,
  p: 'sk' | 'wj' | 'one',
  source: RawBuilder<unknown>,
  on: string,
  entryId: bigint,
) {
  const src = sql.raw(`${p}_src`);
  const upd = sql.raw(`${p}_upd`);
  const tx = sql.raw(`${p}_tx`);
  return sql`${src} as (${source}), ${upd} as (
      update savings_accounts a set balance_rupiah = a.balance_rupiah + x.amt,
        last_activity_on = greatest(coalesce(a.last_activity_on, ${on}::date), ${on}::date),
        status = case when a.status = 'dormant' then 'active' else a.status end
      from ${src} x where a.cooperative_id = ${coop} and a.id = x.id
      returning a.id, a.balance_rupiah, x.amt),
    ${tx} as (
      insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah,
        balance_after_rupiah, transaction_date, entry_id)
      select ${coop}, u.id, 'shu', 1, u.amt, u.balance_rupiah, ${on}::date, ${entryId}
      from ${upd} u returning 1)`;
}

/** One member's wajib offset into their wajib account (cash payouts). */
export async function creditWajib(
  db: Queryable,
  coop: string,
  accountId: bigint,
  amount: bigint,
  on: string,
  entryId: bigint,
): Promise<void> {
  await sql`with ${creditCtes(coop, 'one', sql`select ${accountId}::bigint as id, ${amount}::bigint as amt`, on, entryId)}
    select (select count(*) from one_tx)::int as n`.execute(db);
}

export async function wajibAccountOf(db: Queryable, coop: string, memberId: bigint) {
  const r = await sql<{ id: bigint }>`
    select a.id from savings_accounts a
    join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
    where a.cooperative_id = ${coop} and a.member_id = ${memberId} and p.kind = 'wajib'
      and a.status <> 'closed' order by a.id limit 1`.execute(db);
  return r.rows[0]?.id;
}

export async function markPaidCash(
  db: Queryable,
  coop: string,
  runId: bigint,
  memberId: bigint,
  on: string,
  entryId: bigint,
): Promise<void> {
  await sql`update shu_run_members set paid_on = ${on}::date, paid_channel = 'cash',
      paid_entry_id = ${entryId}
    where cooperative_id = ${coop} and run_id = ${runId} and member_id = ${memberId}`.execute(db);
}

/** The final runs' shares of a member (the portal's slips), newest year first. */
export async function finalSharesOfMember(db: Queryable, coop: string, memberId: bigint) {
  const r = await sql<{ run_id: bigint; year: number }>`
    select r.id as run_id, r.year from shu_runs r
    join shu_run_members s on s.cooperative_id = r.cooperative_id and s.run_id = r.id
    where r.cooperative_id = ${coop} and r.kind = 'final' and s.member_id = ${memberId}
    order by r.year desc`.execute(db);
  return r.rows;
}
