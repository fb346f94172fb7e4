import { sql } from 'kysely';
import type { SavingsAkad } from '../domain/savings/akad.js';
import type { SavingsKind } from '../domain/savings/product.js';
import type { Queryable } from './database.js';

/**
 * The demo savings seeder's queries (src/services/demo/savings/): the registry of members, their
 * accounts and opening balances, and a year of counter movements written set-based. The generator
 * (random figures, months, recaps) stays in the service; these statements only write and read rows.
 */

/** The cooperative's head office (or else its first branch). */
export async function headOfficeBranch(
  db: Queryable,
  cooperativeId: string,
): Promise<{ id: bigint } | undefined> {
  const r = await sql<{
    id: bigint;
  }>`select id from branches where cooperative_id = ${cooperativeId} order by is_head_office desc, id limit 1`.execute(
    db,
  );
  return r.rows[0];
}

/** The demo member login's full name and user id. */
export async function userByUsername(
  db: Queryable,
  username: string,
): Promise<{ full_name: string; id: string } | undefined> {
  const r = await sql<{
    full_name: string;
    id: string;
  }>`select u.full_name, u.id from users u where u.username = ${username}`.execute(db);
  return r.rows[0];
}

/** The generated registry, as one set (rows as built by the seeder, JSON-encoded). */
export async function insertMembers(
  tx: Queryable,
  cooperativeId: string,
  peopleJson: string,
): Promise<void> {
  await sql`
      insert into members (cooperative_id, member_number, status, nik, full_name, birth_place, birth_date, gender, address, province_code,
        regency_code, district_code, village_code, phone, occupation, joined_on, user_id)
      select ${cooperativeId}, member_number, 'active', nik, full_name, birth_place, birth_date, gender, address, '33', '3375', district_code,
        village_code, phone, occupation, joined_on, user_id
      from jsonb_to_recordset(${peopleJson}::jsonb) as x(member_number text, nik text, full_name text, birth_place text,
        birth_date date, gender text, address text, district_code text, village_code text, phone text, occupation text, joined_on date, user_id uuid)`.execute(
    tx,
  );
}

/** The member number counter, starting after the generated members. */
export async function insertMemberNumberCounter(
  tx: Queryable,
  cooperativeId: string,
  lastNumber: number,
): Promise<void> {
  await sql`insert into member_number_counters (cooperative_id, last_number) values (${cooperativeId}, ${lastNumber})`.execute(
    tx,
  );
}

/** One account of a product for every member, numbered `CODE-member number`. */
export async function openAccountsForAllMembers(
  tx: Queryable,
  cooperativeId: string,
  productCode: string,
  productId: bigint,
): Promise<void> {
  await sql`
        insert into savings_accounts (cooperative_id, account_number, member_id, product_id, opened_on, last_activity_on)
        select ${cooperativeId}, ${productCode} || '-' || m.member_number, m.id, ${productId}, m.joined_on, '2025-12-01'::date
        from members m where m.cooperative_id = ${cooperativeId} order by m.id`.execute(tx);
}

/** Every account with its product kind and its member's joining date. */
export async function accountsWithKindAndJoinDate(
  tx: Queryable,
  cooperativeId: string,
): Promise<
  {
    id: bigint;
    kind: SavingsKind;
    akad: SavingsAkad | null;
    joined_on: string;
    is_login: boolean;
  }[]
> {
  const r = await sql<{
    id: bigint;
    kind: SavingsKind;
    akad: SavingsAkad | null;
    joined_on: string;
    is_login: boolean;
  }>`
      select a.id, p.kind, p.akad, m.joined_on::text as joined_on, m.user_id is not null as is_login
      from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      join members m on m.cooperative_id = a.cooperative_id and m.id = a.member_id
      where a.cooperative_id = ${cooperativeId} order by a.id`.execute(tx);
  return r.rows;
}

/** Opening balances of 1 December 2025 (`rowsJson`: [{ id, amount }]) and their transactions. */
export async function writeOpeningBalances(
  tx: Queryable,
  cooperativeId: string,
  rowsJson: string,
  entryId: bigint,
): Promise<void> {
  await sql`
      with x as (select * from jsonb_to_recordset(${rowsJson}::jsonb) as x(id bigint, amount bigint)),
      u as (update savings_accounts a set balance_rupiah = x.amount from x where a.cooperative_id = ${cooperativeId} and a.id = x.id returning a.id)
      insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah, balance_after_rupiah, transaction_date, entry_id)
      select ${cooperativeId}, x.id, 'opening-balance', 1, x.amount, x.amount, '2025-12-01', ${entryId} from x order by x.id`.execute(
    tx,
  );
}

/** Every account's member, product kind and id, by member. */
export async function memberAccountKinds(
  db: Queryable,
  cooperativeId: string,
): Promise<{ member_id: bigint; kind: SavingsKind; akad: SavingsAkad | null; id: bigint }[]> {
  const r = await sql<{
    member_id: bigint;
    kind: SavingsKind;
    akad: SavingsAkad | null;
    id: bigint;
  }>`
    select a.member_id, p.kind, p.akad, a.id from savings_accounts a join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
    where a.cooperative_id = ${cooperativeId} order by a.member_id`.execute(db);
  return r.rows;
}

/** Balances of the accounts not closed. */
export async function openAccountBalances(
  db: Queryable,
  cooperativeId: string,
): Promise<{ id: bigint; balance_rupiah: bigint }[]> {
  const r = await sql<{
    id: bigint;
    balance_rupiah: bigint;
  }>`select id, balance_rupiah from savings_accounts where cooperative_id = ${cooperativeId} and status <> 'closed'`.execute(
    db,
  );
  return r.rows;
}

/** A month's counter movements (`rowsJson`: [{ account_id, kind, sign, amount, after, date, entry }]). */
export async function insertMonthMovements(
  tx: Queryable,
  cooperativeId: string,
  rowsJson: string,
): Promise<void> {
  await sql`
          insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah, balance_after_rupiah, transaction_date, entry_id)
          select ${cooperativeId}, account_id, kind, sign, amount, after, date, entry
          from jsonb_to_recordset(${rowsJson}::jsonb) as x(account_id bigint, kind text, sign smallint, amount bigint, after bigint, date date, entry bigint)`.execute(
    tx,
  );
}

/** Each account's balance and last activity after its latest movement of `rowsJson`. */
export async function applyMonthMovements(
  tx: Queryable,
  cooperativeId: string,
  rowsJson: string,
): Promise<void> {
  await sql`
          update savings_accounts a set balance_rupiah = x.after, last_activity_on = greatest(a.last_activity_on, x.date)
          from (select distinct on (account_id) account_id, after, date from jsonb_to_recordset(${rowsJson}::jsonb)
                  as x(account_id bigint, after bigint, date date) order by account_id, date desc, after) x
          where a.cooperative_id = ${cooperativeId} and a.id = x.account_id`.execute(tx);
}

/** One account's balance. */
export async function accountBalance(
  tx: Queryable,
  cooperativeId: string,
  accountId: bigint,
): Promise<bigint> {
  const r = await sql<{
    balance_rupiah: bigint;
  }>`select balance_rupiah from savings_accounts where cooperative_id = ${cooperativeId} and id = ${accountId}`.execute(
    tx,
  );
  return r.rows[0]!.balance_rupiah;
}

/** How many accounts a member has, and the member's number. */
export async function memberAccountCountAndNumber(
  tx: Queryable,
  cooperativeId: string,
  memberId: bigint,
): Promise<{ n: bigint; member_number: string }> {
  const r = await sql<{
    n: bigint;
    member_number: string;
  }>`select (select count(*) from savings_accounts where cooperative_id = ${cooperativeId} and member_id = ${memberId}) as n, member_number from members where cooperative_id = ${cooperativeId} and id = ${memberId}`.execute(
    tx,
  );
  return r.rows[0]!;
}

export interface DemoPlacement {
  accountNumber: string;
  memberId: bigint;
  productId: bigint;
  date: string;
  amount: bigint;
  tenor: number;
  /** null under a mudharabah akad: its nisbah is the account's akad (migration 0021) */
  rate: number | null;
  from: bigint;
}

/** A time deposit placed from a sukarela account; its id. */
export async function insertTimeDeposit(
  tx: Queryable,
  cooperativeId: string,
  p: DemoPlacement,
): Promise<bigint> {
  const r = await sql<{ id: bigint }>`
            insert into savings_accounts (cooperative_id, account_number, member_id, product_id, opened_on, last_activity_on, balance_rupiah,
              principal_rupiah, term_opened_on, tenor_months, annual_rate_bps, interest_payout, automatic_rollover, payout_account_id)
            values (${cooperativeId}, ${p.accountNumber}, ${p.memberId}, ${p.productId}, ${p.date}, ${p.date}, ${p.amount},
              ${p.amount}, ${p.date}, ${p.tenor}, ${p.rate}, 'to-sukarela', true, ${p.from}) returning id`.execute(
    tx,
  );
  return r.rows[0]!.id;
}

/** Takes the placed amount off the sukarela account. */
export async function debitAccount(
  tx: Queryable,
  cooperativeId: string,
  accountId: bigint,
  amount: bigint,
): Promise<void> {
  await sql`update savings_accounts set balance_rupiah = balance_rupiah - ${amount} where cooperative_id = ${cooperativeId} and id = ${accountId}`.execute(
    tx,
  );
}

/** The placement's two transactions: out of sukarela, into the new time deposit. */
export async function insertPlacementTransactions(
  tx: Queryable,
  cooperativeId: string,
  p: {
    from: bigint;
    depositId: bigint;
    amount: bigint;
    fromAfter: bigint;
    date: string;
    entryId: bigint;
  },
): Promise<void> {
  await sql`insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah, balance_after_rupiah, transaction_date, entry_id) values
            (${cooperativeId}, ${p.from}, 'transfer-out', -1, ${p.amount}, ${p.fromAfter}, ${p.date}, ${p.entryId}),
            (${cooperativeId}, ${p.depositId}, 'placement', 1, ${p.amount}, ${p.amount}, ${p.date}, ${p.entryId})`.execute(
    tx,
  );
}
