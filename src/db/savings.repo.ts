import { sql, type Selectable } from 'kysely';
import type { ProductSettings } from '../schemas/savings.js';
import type { SavingsAkad } from '../domain/savings/akad.js';
import type { SavingsKind } from '../domain/savings/product.js';
import type { Queryable } from './database.js';
import { sqlBigint, sqlText, sqlUuid } from './literals.js';
import type { SavingsAccountsTable, SavingsTransactionsTable } from './schema/savings.js';

/**
 * Savings products, accounts and their movements at the counter (services/savings/*). Every
 * function takes the open transaction and the cooperative; the services hold the transaction,
 * the rules and the journal. Month-end's set-based statements are in savings-month-end.repo.ts,
 * the reading side (statements, receipts, search) in savings-statements.repo.ts.
 */

export interface ProductRow {
  id: bigint;
  code: string;
  name: string;
  kind: SavingsKind;
  settings: ProductSettings;
  active: boolean;
  /** a sharia cooperative's akad (migration 0021); null for a conventional cooperative */
  akad: SavingsAkad | null;
}

/** An account row (a.*, less the columns no caller reads) with its product and member status. */
export type AccountRow = Pick<
  Selectable<SavingsAccountsTable>,
  | 'id'
  | 'account_number'
  | 'member_id'
  | 'product_id'
  | 'status'
  | 'balance_rupiah'
  | 'opened_on'
  | 'principal_rupiah'
  | 'term_opened_on'
  | 'tenor_months'
  | 'annual_rate_bps'
  | 'interest_payout'
  | 'automatic_rollover'
  | 'payout_account_id'
> & {
  /** set by the movements service: the history row of the latest movement in this transaction */
  last_transaction_id?: bigint;
  kind: SavingsKind;
  settings: ProductSettings;
  /** the product's akad (a KSPPS's), null in a conventional cooperative: with kind, the ledger role */
  akad: SavingsAkad | null;
  member_status: string;
};

/** An account with its member and product names, as statements and the search list show it. */
export type NamedAccountRow = AccountRow & {
  member_number: string;
  full_name: string;
  product_name: string;
};

/** The kinds of movement in an account's history (savings_transactions.kind). */
export type MovementKind = SavingsTransactionsTable['kind'];

// Products ---------------------------------------------------------------------------------------

/** The new product, or undefined when the code is taken. */
export async function insertProduct(
  tx: Queryable,
  coop: string,
  p: {
    code: string;
    name: string;
    settings: ProductSettings;
    minimumBalanceRupiah: bigint;
    akad: SavingsAkad | null;
  },
): Promise<ProductRow | undefined> {
  const r = await sql<ProductRow>`
    insert into savings_products (cooperative_id, code, name, kind, minimum_balance_rupiah,
      settings, akad)
    values (${coop}, ${p.code}, ${p.name}, ${p.settings.kind},
      ${p.minimumBalanceRupiah}, ${JSON.stringify(p.settings)}::jsonb, ${p.akad})
    on conflict (cooperative_id, code) do nothing
    returning id, code, name, kind, settings, active, akad`.execute(tx);
  return r.rows[0];
}

/** Whether the cooperative is a sharia one (KSPPS): its products then carry an akad, no rate. */
export async function isShariaCooperative(tx: Queryable, coop: string): Promise<boolean> {
  const r = await sql<{ sharia: boolean }>`
    select coalesce(cooperative_type = 'KSPPS', false) as sharia from organizations
    where id = ${coop}`.execute(tx);
  return r.rows[0]?.sharia ?? false;
}

export async function listProducts(tx: Queryable, coop: string): Promise<ProductRow[]> {
  const r = await sql<ProductRow>`
    select id, code, name, kind, settings, active, akad from savings_products
    where cooperative_id = ${coop} order by kind, code`.execute(tx);
  return r.rows;
}

export async function findProduct(
  tx: Queryable,
  coop: string,
  id: bigint,
): Promise<ProductRow | undefined> {
  const r = await sql<ProductRow>`
    select id, code, name, kind, settings, active, akad from savings_products
    where cooperative_id = ${coop} and id = ${id}`.execute(tx);
  return r.rows[0];
}

/** Active pokok and wajib products, and the sukarela ones marked autoOpen (a new member's). */
export async function defaultProducts(tx: Queryable, coop: string): Promise<ProductRow[]> {
  const r = await sql<ProductRow>`
    select id, code, name, kind, settings, active, akad from savings_products
    where cooperative_id = ${coop} and active and (kind in ('pokok', 'wajib')
      or (kind = 'sukarela' and coalesce((settings->>'autoOpen')::boolean, true)))
    order by id`.execute(tx);
  return r.rows;
}

// Accounts ---------------------------------------------------------------------------------------

/** Accounts (a) with their product's kind, settings and akad (p) and their member's status (m). */
const selectAccounts = sql`
    select a.*, p.kind, p.settings, p.akad, m.status as member_status from savings_accounts a
    join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
    join members m on m.cooperative_id = a.cooperative_id and m.id = a.member_id`;

/** The same with the member's number and name and the product's name (a NamedAccountRow). */
const selectNamedAccounts = sql`
    select a.*, p.kind, p.settings, p.akad, p.name as product_name, m.status as member_status,
      m.member_number, m.full_name
    from savings_accounts a
    join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
    join members m on m.cooperative_id = a.cooperative_id and m.id = a.member_id`;

/** One account with its product and member status, locked (FOR UPDATE of the account row). */
export async function lockAccount(
  tx: Queryable,
  coop: string,
  id: bigint,
): Promise<AccountRow | undefined> {
  const r = await sql<AccountRow>`
    ${selectAccounts}
    where a.cooperative_id = ${coop} and a.id = ${id}
    for update of a`.execute(tx);
  return r.rows[0];
}

/** Whose accounts a reader may see: anyone's (null), or only those of the member with this login. */
export type OwnerFilter = { userId: string | null } | null;

const ownedBy = (owner: OwnerFilter) => (owner ? sql`and m.user_id = ${owner.userId}` : sql``);

export async function findAccount(
  tx: Queryable,
  coop: string,
  id: bigint,
  owner: OwnerFilter,
): Promise<AccountRow | undefined> {
  const r = await sql<AccountRow>`
    ${selectAccounts}
    where a.cooperative_id = ${coop} and a.id = ${id}
      ${ownedBy(owner)}`.execute(tx);
  return r.rows[0];
}

/** The same, with the member's number and name and the product's name. */
export async function findNamedAccount(
  tx: Queryable,
  coop: string,
  id: bigint,
  owner: OwnerFilter,
): Promise<NamedAccountRow | undefined> {
  const r = await sql<NamedAccountRow>`
    ${selectNamedAccounts}
    where a.cooperative_id = ${coop} and a.id = ${id}
      ${ownedBy(owner)}`.execute(tx);
  return r.rows[0];
}

/** Accounts by member name, account number or member number (a LIKE pattern), for the teller. */
export async function searchAccounts(
  tx: Queryable,
  coop: string,
  q: { like: string | null; memberId?: bigint; limit: number },
): Promise<NamedAccountRow[]> {
  const r = await sql<NamedAccountRow>`
    ${selectNamedAccounts}
    where a.cooperative_id = ${coop}
      ${q.memberId ? sql`and a.member_id = ${q.memberId}` : sql``}
      ${q.like ? sql`and (lower(m.full_name) like ${q.like} or lower(a.account_number) like ${q.like} or m.member_number like ${q.like})` : sql``}
    order by a.account_number limit ${q.limit}`.execute(tx);
  return r.rows;
}

/** The member's number and how many accounts they hold (for the next account number). */
export async function memberAccountCount(
  tx: Queryable,
  coop: string,
  memberId: bigint,
): Promise<{ member_number: string | null; n: bigint } | undefined> {
  const r = await sql<{ member_number: string | null; n: bigint }>`
    select m.member_number, (select count(*) from savings_accounts a
      where a.cooperative_id = m.cooperative_id and a.member_id = m.id) as n
    from members m where m.cooperative_id = ${coop} and m.id = ${memberId}`.execute(tx);
  return r.rows[0];
}

export async function memberHasAccountOf(
  tx: Queryable,
  coop: string,
  memberId: bigint,
  productId: bigint,
): Promise<boolean> {
  const r = await sql`
    select 1 from savings_accounts
    where cooperative_id = ${coop} and member_id = ${memberId}
      and product_id = ${productId}`.execute(tx);
  return r.rows.length > 0;
}

export async function insertAccount(
  tx: Queryable,
  coop: string,
  a: { number: string; memberId: bigint; productId: bigint; openedOn: string },
): Promise<bigint> {
  const r = await sql<{ id: bigint }>`
    insert into savings_accounts (cooperative_id, account_number, member_id, product_id, opened_on,
      last_activity_on)
    values (${coop}, ${a.number}, ${a.memberId}, ${a.productId}, ${a.openedOn},
      ${a.openedOn}) returning id`.execute(tx);
  return r.rows[0]!.id;
}

/** A time deposit's account with its first term (the rate fixed for the term). */
export async function insertTimeDeposit(
  tx: Queryable,
  coop: string,
  d: {
    number: string;
    memberId: bigint;
    productId: bigint;
    openedOn: string;
    principalRupiah: bigint;
    tenorMonths: number;
    /** null under a mudharabah akad: the return is shared by nisbah, never a rate */
    annualRateBps: number | null;
    interestPayout: 'to-sukarela' | 'rollover';
    automaticRollover: boolean;
    payoutAccountId: bigint;
  },
): Promise<bigint> {
  const r = await sql<{ id: bigint }>`
    insert into savings_accounts (cooperative_id, account_number, member_id, product_id, opened_on,
      last_activity_on,
      principal_rupiah, term_opened_on, tenor_months, annual_rate_bps, interest_payout,
        automatic_rollover, payout_account_id)
    values (${coop}, ${d.number}, ${d.memberId}, ${d.productId}, ${d.openedOn}, ${d.openedOn},
      ${d.principalRupiah}, ${d.openedOn},
      ${d.tenorMonths}, ${d.annualRateBps}, ${d.interestPayout}, ${d.automaticRollover},
        ${d.payoutAccountId})
    returning id`.execute(tx);
  return r.rows[0]!.id;
}

export async function closeAccount(
  tx: Queryable,
  coop: string,
  id: bigint,
  on: string,
): Promise<void> {
  await sql`update savings_accounts set status = 'closed', closed_on = ${on} where cooperative_id = ${coop} and id = ${id}`.execute(
    tx,
  );
}

export async function openAccountIdsOfMember(
  tx: Queryable,
  coop: string,
  memberId: bigint,
): Promise<bigint[]> {
  const r = await sql<{ id: bigint }>`
    select id from savings_accounts
    where cooperative_id = ${coop} and member_id = ${memberId} and status <> 'closed'`.execute(tx);
  return r.rows.map((x) => x.id);
}

/** The member's oldest open sukarela account (the one loans pay into and collect from). */
export async function oldestOpenSukarelaId(
  tx: Queryable,
  coop: string,
  memberId: bigint,
): Promise<bigint | undefined> {
  const r = await sql<{ id: bigint }>`
    select a.id from savings_accounts a
      join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      and p.kind = 'sukarela'
    where a.cooperative_id = ${coop} and a.member_id = ${memberId} and a.status <> 'closed'
      order by a.id limit 1`.execute(tx);
  return r.rows[0]?.id;
}

// Movements --------------------------------------------------------------------------------------

/**
 * Sets a locked account's new balance and writes its history row in one statement (one round trip
 * on the teller's hot path). A movement the member made counts as activity (a counter deposit,
 * which also wakes a dormant account, is teller_deposit's, migration 0045). Undefined if the
 * account row is gone.
 */
export async function recordMovement(
  tx: Queryable,
  coop: string,
  m: {
    accountId: bigint;
    kind: MovementKind;
    sign: 1 | -1;
    amountRupiah: bigint;
    balanceAfterRupiah: bigint;
    date: string;
    entryId: bigint;
    memberInitiated: boolean;
  },
): Promise<bigint | undefined> {
  const r = await sql<{ id: bigint }>`
    with u as (
      update savings_accounts set balance_rupiah = ${m.balanceAfterRupiah}
        ${m.memberInitiated ? sql`, last_activity_on = greatest(last_activity_on, ${m.date}::date)` : sql``}
      where cooperative_id = ${coop} and id = ${m.accountId}
      returning id
    )
    insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah,
      balance_after_rupiah, transaction_date, entry_id)
    select ${coop}, u.id, ${m.kind}, ${m.sign}, ${m.amountRupiah}, ${m.balanceAfterRupiah},
      ${m.date}, ${m.entryId} from u
    returning id`.execute(tx);
  return r.rows[0]?.id;
}

/** Net interest a time deposit has paid out to sukarela since `fromPeriod` ('YYYY-MM'). */
export async function interestPaidOutSince(
  tx: Queryable,
  coop: string,
  accountId: bigint,
  fromPeriod: string,
): Promise<bigint> {
  const r = await sql<{ net: bigint }>`
    select coalesce(sum(gross_rupiah - tax_rupiah), 0)::bigint as net from savings_interest_lines
    where cooperative_id = ${coop} and account_id = ${accountId}
      and credit_account_id <> ${accountId} and period >= ${fromPeriod}`.execute(tx);
  return r.rows[0]!.net;
}

// Members and the cash desk, as savings movements need them --------------------------------------

export async function memberStatus(
  tx: Queryable,
  coop: string,
  memberId: bigint,
): Promise<string | undefined> {
  const r = await sql<{ status: string }>`
    select status from members where cooperative_id = ${coop} and id = ${memberId}`.execute(tx);
  return r.rows[0]?.status;
}

/** A leaving member's row, locked while their exit is settled. */
export async function lockMemberForExit(
  tx: Queryable,
  coop: string,
  memberId: bigint,
): Promise<{ status: string; exit_reason: string | null } | undefined> {
  const r = await sql<{ status: string; exit_reason: string | null }>`
    select status, exit_reason from members where cooperative_id = ${coop}
      and id = ${memberId} for update`.execute(tx);
  return r.rows[0];
}

export async function activeLoanCount(
  tx: Queryable,
  coop: string,
  memberId: bigint,
): Promise<bigint> {
  const r = await sql<{ n: bigint }>`
    select count(*) as n from loans where cooperative_id = ${coop} and member_id = ${memberId}
      and status = 'active'`.execute(tx);
  return r.rows[0]!.n;
}

export async function endMembership(
  tx: Queryable,
  coop: string,
  memberId: bigint,
  status: 'left' | 'deceased',
  on: string,
): Promise<void> {
  await sql`update members set status = ${status}, left_on = ${on} where cooperative_id = ${coop} and id = ${memberId}`.execute(
    tx,
  );
}

export interface PayoutSession {
  id: bigint;
  status: string;
  branch_id: bigint | null;
  business_date: unknown;
  opening_float_rupiah: bigint;
  desk_code: string;
}

/** A cash session and its desk, locked: an approved withdrawal leaves the requesting desk. */
export async function lockCashSession(
  tx: Queryable,
  coop: string,
  sessionId: bigint,
): Promise<PayoutSession | undefined> {
  const r = await sql<PayoutSession>`
    select s.id, s.status, d.branch_id, s.business_date, s.opening_float_rupiah, d.code as desk_code
    from cash_sessions s join cash_desks d on d.cooperative_id = s.cooperative_id
      and d.id = s.desk_id
    where s.cooperative_id = ${coop} and s.id = ${sessionId} for update of s`.execute(tx);
  return r.rows[0];
}

/**
 * The call that makes a whole counter deposit (teller_deposit, migration 0045): the key claimed,
 * the session and the account locked and checked, the posting, the balance, the movement, the
 * audit events and the stored answer: the function-call expression, plain text with checked
 * literals, so it travels with BEGIN and COMMIT in one message (and with other calls in a group).
 */
export function tellerDepositCall(d: {
  cooperativeId: string;
  userId: string | null;
  actorLabel: string;
  requestId: string | null;
  ip: string | null;
  idempotencyKey: string | null;
  requestHash: string | null;
  sessionId: bigint;
  accountId: bigint;
  amountRupiah: bigint;
}): string {
  return `teller_deposit(${sqlUuid(d.cooperativeId)}, ${sqlUuid(d.userId)}, ${sqlText(d.actorLabel)},
    ${sqlText(d.requestId)}, ${sqlText(d.ip)}, ${sqlText(d.idempotencyKey)}, ${sqlText(d.requestHash)},
    ${sqlBigint(d.sessionId)}, ${sqlBigint(d.accountId)}, ${sqlBigint(d.amountRupiah)})`;
}
