import { sql } from 'kysely';
import { inOrg, type Deps, type OrgContext } from './context.js';

/** One account with its balances for a period, as every statement builder needs them. */
export interface AccountBalanceRow {
  id: bigint;
  code: string;
  name: string;
  type: 'aset' | 'kewajiban' | 'ekuitas' | 'pendapatan' | 'beban';
  normalBalance: 'debit' | 'credit';
  parentCode: string | null;
  isPostable: boolean;
  role: string | null;
  cashFlowClass: 'cash' | 'operating' | 'investing' | 'financing';
  /** Debit-positive balance before the period (everything dated before `from`). */
  openingDebitRupiah: bigint;
  debitRupiah: bigint;
  creditRupiah: bigint;
}

export interface PeriodRange {
  from: string; // 'YYYY-MM'
  to: string; // 'YYYY-MM'
}

/** Balances of every account for a range of months, from the maintained balances only. */
export async function accountBalances(
  deps: Deps,
  ctx: OrgContext,
  range: PeriodRange,
  options: { excludeSourceTypes?: string[] } = {},
): Promise<AccountBalanceRow[]> {
  const excluded = options.excludeSourceTypes ?? [];
  return inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<{
      id: bigint;
      code: string;
      name: string;
      account_type: AccountBalanceRow['type'];
      normal_balance: AccountBalanceRow['normalBalance'];
      parent_code: string | null;
      is_postable: boolean;
      role: string | null;
      cash_flow_class: AccountBalanceRow['cashFlowClass'];
      open_d: bigint;
      d: bigint;
      c: bigint;
    }>`
      with b as (
        select account_id,
               coalesce(sum(debit_rupiah - credit_rupiah) filter (where period < ${range.from}), 0)::bigint as open_d,
               coalesce(sum(debit_rupiah) filter (where period >= ${range.from}), 0)::bigint as d,
               coalesce(sum(credit_rupiah) filter (where period >= ${range.from}), 0)::bigint as c
        from account_balances where cooperative_id = ${ctx.organizationId} and period <= ${range.to}
        group by account_id)
      select a.id, a.code, a.name, a.account_type, a.normal_balance, p.code as parent_code, a.is_postable, a.role, a.cash_flow_class,
             coalesce(b.open_d, 0)::bigint as open_d, coalesce(b.d, 0)::bigint as d, coalesce(b.c, 0)::bigint as c
      from accounts a
      left join accounts p on p.cooperative_id = a.cooperative_id and p.id = a.parent_id
      left join b on b.account_id = a.id
      where a.cooperative_id = ${ctx.organizationId}
      order by a.code`.execute(tx);
    // Entries left out of a movement statement (the year-end closing entries in the income
    // statement): subtract their lines within the range.
    const out = new Map<bigint, { d: bigint; c: bigint }>();
    if (excluded.length > 0) {
      const x = await sql<{ account_id: bigint; d: bigint; c: bigint }>`
        select l.account_id, sum(l.debit_rupiah)::bigint as d, sum(l.credit_rupiah)::bigint as c
        from journal_entries e join journal_lines l on l.cooperative_id = e.cooperative_id and l.entry_id = e.id
        where e.cooperative_id = ${ctx.organizationId} and e.source_type = any(${excluded}::text[])
          and e.entry_date >= ${`${range.from}-01`}::date and e.entry_date < (${`${range.to}-01`}::date + interval '1 month')
        group by l.account_id`.execute(tx);
      for (const row of x.rows) out.set(row.account_id, { d: row.d, c: row.c });
    }
    return r.rows.map((x) => ({
      id: x.id,
      code: x.code,
      name: x.name,
      type: x.account_type,
      normalBalance: x.normal_balance,
      parentCode: x.parent_code,
      isPostable: x.is_postable,
      role: x.role,
      cashFlowClass: x.cash_flow_class,
      openingDebitRupiah: x.open_d,
      debitRupiah: x.d - (out.get(x.id)?.d ?? 0n),
      creditRupiah: x.c - (out.get(x.id)?.c ?? 0n),
    }));
  });
}
