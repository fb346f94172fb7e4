import { sql } from 'kysely';
import type { Tx } from './database.js';
import type {
  BaitulMaalDistributionsTable,
  BaitulMaalFund,
  BaitulMaalReceiptsTable,
  BaitulMaalSettingsTable,
} from './schema.js';
import type { Insertable, Selectable } from 'kysely';

/** Baitul maal (migration 0022): funds, amil status, receipts and distributions. */

export type SettingsRow = Selectable<BaitulMaalSettingsTable>;
export type ReceiptRow = Selectable<BaitulMaalReceiptsTable>;
export type DistributionRow = Selectable<BaitulMaalDistributionsTable>;

export async function settings(tx: Tx, cooperativeId: string): Promise<SettingsRow | undefined> {
  return tx
    .selectFrom('baitul_maal_settings')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .executeTakeFirst();
}

export async function saveSettings(
  tx: Tx,
  row: Insertable<BaitulMaalSettingsTable>,
): Promise<SettingsRow> {
  return tx
    .insertInto('baitul_maal_settings')
    .values(row)
    .onConflict((oc) =>
      oc.column('cooperative_id').doUpdateSet({
        amil_status: row.amil_status,
        reference_number: row.reference_number ?? null,
        reference_date: row.reference_date ?? null,
        forwarded_to: row.forwarded_to ?? null,
        updated_by: row.updated_by ?? null,
        updated_at: sql`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface FundRow {
  fund: BaitulMaalFund;
  fund_account_id: bigint;
  fund_account_code: string;
  cash_account_id: bigint;
  cash_account_code: string;
  /** credit − debit of the fund account over all posted history */
  balance_rupiah: bigint;
  /** debit − credit of the fund's own cash */
  cash_rupiah: bigint;
}

/** The funds with their accounts and balances (from the maintained balances, not the journal). */
export async function funds(tx: Tx, cooperativeId: string): Promise<FundRow[]> {
  const r = await sql<FundRow>`
    select f.fund, f.fund_account_id, fa.code as fund_account_code, f.cash_account_id, ca.code as cash_account_code,
           coalesce((select sum(b.credit_rupiah - b.debit_rupiah) from account_balances b
                      where b.cooperative_id = f.cooperative_id and b.account_id = f.fund_account_id), 0)::bigint as balance_rupiah,
           coalesce((select sum(b.debit_rupiah - b.credit_rupiah) from account_balances b
                      where b.cooperative_id = f.cooperative_id and b.account_id = f.cash_account_id), 0)::bigint as cash_rupiah
      from baitul_maal_funds f
      join accounts fa on fa.cooperative_id = f.cooperative_id and fa.id = f.fund_account_id
      join accounts ca on ca.cooperative_id = f.cooperative_id and ca.id = f.cash_account_id
     where f.cooperative_id = ${cooperativeId}
     order by array_position(array['zakat','infaq','wakaf','kebajikan'], f.fund)`.execute(tx);
  return r.rows;
}

/** Locks the fund's row so two distributions cannot both spend the last of its balance. */
export async function lockFund(tx: Tx, cooperativeId: string, fund: BaitulMaalFund) {
  return tx
    .selectFrom('baitul_maal_funds')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .where('fund', '=', fund)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertFund(
  tx: Tx,
  row: {
    cooperative_id: string;
    fund: BaitulMaalFund;
    fund_account_id: bigint;
    cash_account_id: bigint;
  },
): Promise<void> {
  await tx
    .insertInto('baitul_maal_funds')
    .values(row)
    .onConflict((oc) => oc.columns(['cooperative_id', 'fund']).doNothing())
    .execute();
}

/** The account's balance in the fund's sense (credit − debit) from posted history. */
export async function fundBalance(tx: Tx, cooperativeId: string, accountId: bigint) {
  const r = await sql<{ balance: bigint }>`
    select coalesce(sum(credit_rupiah - debit_rupiah), 0)::bigint as balance
      from account_balances where cooperative_id = ${cooperativeId} and account_id = ${accountId}`.execute(
    tx,
  );
  return r.rows[0]?.balance ?? 0n;
}

export async function insertReceipt(tx: Tx, row: Insertable<BaitulMaalReceiptsTable>) {
  return tx.insertInto('baitul_maal_receipts').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function insertDistribution(tx: Tx, row: Insertable<BaitulMaalDistributionsTable>) {
  return tx
    .insertInto('baitul_maal_distributions')
    .values(row)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface PeriodFilter {
  fund?: BaitulMaalFund | undefined;
  from: string;
  to: string;
  limit: number;
}

export async function receipts(tx: Tx, cooperativeId: string, f: PeriodFilter) {
  let q = tx
    .selectFrom('baitul_maal_receipts')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .where('receipt_date', '>=', f.from)
    .where('receipt_date', '<=', f.to);
  if (f.fund) q = q.where('fund', '=', f.fund);
  return q.orderBy('receipt_date', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

export async function distributions(tx: Tx, cooperativeId: string, f: PeriodFilter) {
  let q = tx
    .selectFrom('baitul_maal_distributions')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .where('distribution_date', '>=', f.from)
    .where('distribution_date', '<=', f.to);
  if (f.fund) q = q.where('fund', '=', f.fund);
  return q.orderBy('distribution_date', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

export interface FundPeriodRows {
  opening_rupiah: bigint;
  /** receipts recorded here, by source */
  receipts: { key: string; amount_rupiah: bigint }[];
  /** distributions recorded here, by asnaf (zakat) or purpose */
  distributions: { key: string; amount_rupiah: bigint }[];
  /** other postings to the fund account (ta'zir of instalments, reversals), by journal source */
  other: { source_type: string; credit_rupiah: bigint; debit_rupiah: bigint }[];
}

/**
 * A fund's period from the journal of its account: the opening balance before `from`, and the
 * postings in [from, to] — those of a recorded receipt or distribution by its source or asnaf,
 * the rest (ta'zir credited by a loan payment, reversals) by the journal's source type.
 */
export async function fundPeriod(
  tx: Tx,
  cooperativeId: string,
  fundAccountId: bigint,
  from: string,
  to: string,
): Promise<FundPeriodRows> {
  const opening = await sql<{ v: bigint }>`
    select coalesce(sum(l.credit_rupiah - l.debit_rupiah), 0)::bigint as v
      from journal_lines l join journal_entries e on e.cooperative_id = l.cooperative_id and e.id = l.entry_id
     where l.cooperative_id = ${cooperativeId} and l.account_id = ${fundAccountId} and e.entry_date < ${from}`.execute(
    tx,
  );
  const lines = await sql<{
    kind: 'receipt' | 'distribution' | 'other';
    key: string;
    credit_rupiah: bigint;
    debit_rupiah: bigint;
  }>`
    select case when r.id is not null then 'receipt' when d.id is not null then 'distribution' else 'other' end as kind,
           coalesce(r.source, d.asnaf, d.purpose, e.source_type) as key,
           sum(l.credit_rupiah)::bigint as credit_rupiah, sum(l.debit_rupiah)::bigint as debit_rupiah
      from journal_lines l
      join journal_entries e on e.cooperative_id = l.cooperative_id and e.id = l.entry_id
      left join baitul_maal_receipts r on r.cooperative_id = l.cooperative_id and r.entry_id = l.entry_id
      left join baitul_maal_distributions d on d.cooperative_id = l.cooperative_id and d.entry_id = l.entry_id
     where l.cooperative_id = ${cooperativeId} and l.account_id = ${fundAccountId}
       and e.entry_date between ${from} and ${to}
     group by 1, 2
     order by 1, 2`.execute(tx);
  return {
    opening_rupiah: opening.rows[0]?.v ?? 0n,
    receipts: lines.rows
      .filter((l) => l.kind === 'receipt')
      .map((l) => ({ key: l.key, amount_rupiah: l.credit_rupiah - l.debit_rupiah })),
    distributions: lines.rows
      .filter((l) => l.kind === 'distribution')
      .map((l) => ({ key: l.key, amount_rupiah: l.debit_rupiah - l.credit_rupiah })),
    other: lines.rows
      .filter((l) => l.kind === 'other')
      .map((l) => ({
        source_type: l.key,
        credit_rupiah: l.credit_rupiah,
        debit_rupiah: l.debit_rupiah,
      })),
  };
}

/** The member's name, or undefined when the cooperative has no such member. */
export async function memberName(tx: Tx, cooperativeId: string, memberId: bigint) {
  const row = await tx
    .selectFrom('members')
    .select('full_name')
    .where('cooperative_id', '=', cooperativeId)
    .where('id', '=', memberId)
    .executeTakeFirst();
  return row?.full_name;
}

/** Active members of a cooperative, oldest first (the demo picks its zakat payers from them). */
export async function activeMembers(tx: Tx, cooperativeId: string, limit: number) {
  return tx
    .selectFrom('members')
    .select(['id', 'full_name'])
    .where('cooperative_id', '=', cooperativeId)
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(limit)
    .execute();
}
