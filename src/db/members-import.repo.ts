import { sql } from 'kysely';
import type { Queryable } from './database.js';
import type { ImportRow } from '../domain/members/import-rows.js';
import type { SavingsAkad } from '../domain/savings/akad.js';

/**
 * The member import's and export's set-based statements: each takes a batch of rows as one jsonb
 * parameter (jsonb_to_recordset), so a batch is one round trip whatever its size.
 */

/** Rows whose NIK or member number the cooperative already has, found in one query. */
export async function registeredClashes(
  db: Queryable,
  coop: string,
  rows: Pick<ImportRow, 'row' | 'nik' | 'memberNumber'>[],
): Promise<{ row: number; nik_taken: boolean; number_taken: boolean }[]> {
  const payload = JSON.stringify(
    rows.map((r) => ({ row: r.row, nik: r.nik, memberNumber: r.memberNumber })),
  );
  const r = await sql<{ row: number; nik_taken: boolean; number_taken: boolean }>`
    select * from (
      select x.row,
        exists (select 1 from members m
                where m.cooperative_id = ${coop} and m.nik = x.nik and m.status <> 'rejected')
          as nik_taken,
        (x."memberNumber" is not null and exists (select 1 from members m
          where m.cooperative_id = ${coop} and m.member_number = x."memberNumber")) as number_taken
      from jsonb_to_recordset(${payload}::jsonb) as x(row int, nik text, "memberNumber" text)
    ) c
    where c.nik_taken or c.number_taken
    order by c.row`.execute(db);
  return r.rows;
}

export type OpeningKind = 'pokok' | 'wajib' | 'sukarela';

/**
 * The products an imported member's accounts open in: the first active product of each kind,
 * sukarela only when it opens automatically.
 */
export async function defaultProducts(
  db: Queryable,
  coop: string,
): Promise<{ id: bigint; code: string; kind: OpeningKind; akad: SavingsAkad | null }[]> {
  const r = await sql<{ id: bigint; code: string; kind: OpeningKind; akad: SavingsAkad | null }>`
    select distinct on (kind) id, code, kind, akad from savings_products
    where cooperative_id = ${coop} and active and kind in ('pokok', 'wajib', 'sukarela')
      and (kind <> 'sukarela' or coalesce((settings->>'autoOpen')::boolean, true))
    order by kind, id`.execute(db);
  return r.rows;
}

/** Inserts a batch of active members with their numbers; returns their ids in row order. */
export async function insertImportedMembers(
  db: Queryable,
  coop: string,
  rows: (ImportRow & { memberNumber: string })[],
): Promise<bigint[]> {
  const payload = JSON.stringify(
    rows.map((r) => ({
      row: r.row,
      memberNumber: r.memberNumber,
      nik: r.nik,
      fullName: r.fullName,
      birthPlace: r.birthPlace,
      birthDate: r.birthDate,
      gender: r.gender,
      address: r.address,
      provinceCode: r.provinceCode,
      regencyCode: r.regencyCode,
      districtCode: r.districtCode,
      villageCode: r.villageCode,
      phone: r.phone,
      occupation: r.occupation,
      joinedOn: r.joinedOn,
    })),
  );
  const r = await sql<{ id: bigint; member_number: string }>`
    insert into members (cooperative_id, member_number, status, nik, full_name, birth_place,
      birth_date, gender, address, province_code, regency_code, district_code, village_code, phone,
      occupation, joined_on)
    select ${coop}, x."memberNumber", 'active', x.nik, x."fullName", x."birthPlace", x."birthDate",
      x.gender, x.address, x."provinceCode", x."regencyCode", x."districtCode", x."villageCode",
      x.phone, x.occupation, x."joinedOn"
    from jsonb_to_recordset(${payload}::jsonb) as x(row int, "memberNumber" text, nik text,
      "fullName" text, "birthPlace" text, "birthDate" date, gender text, address text,
      "provinceCode" text, "regencyCode" text, "districtCode" text, "villageCode" text, phone text,
      occupation text, "joinedOn" date)
    order by x.row
    returning id, member_number`.execute(db);
  // RETURNING gives no order guarantee: match by the member number, unique in the cooperative
  const idOf = new Map(r.rows.map((m) => [m.member_number, m.id]));
  return rows.map((x) => idOf.get(x.memberNumber)!);
}

/**
 * Opens one account per member in a product, with its opening balance as the account's first
 * transaction (entry `entryId`) when above zero. Accounts are numbered `<product code>-<member
 * number>` and opened on the member's joining date.
 */
export async function openImportedAccounts(
  db: Queryable,
  coop: string,
  product: { id: bigint; code: string },
  today: string,
  entryId: bigint | null,
  accounts: { memberId: bigint; memberNumber: string; joinedOn: string; balanceRupiah: bigint }[],
): Promise<void> {
  const payload = JSON.stringify(
    accounts.map((a) => ({
      member_id: a.memberId.toString(),
      number: `${product.code}-${a.memberNumber}`,
      opened_on: a.joinedOn,
      balance: a.balanceRupiah.toString(),
    })),
  );
  await sql`
    with a as (
      insert into savings_accounts (cooperative_id, account_number, member_id, product_id, opened_on,
        last_activity_on, balance_rupiah)
      select ${coop}, x.number, x.member_id, ${product.id}, x.opened_on, ${today}::date, x.balance
      from jsonb_to_recordset(${payload}::jsonb)
        as x(member_id bigint, number text, opened_on date, balance bigint)
      returning id, balance_rupiah
    )
    insert into savings_transactions (cooperative_id, account_id, kind, sign, amount_rupiah,
      balance_after_rupiah, transaction_date, entry_id)
    select ${coop}, a.id, 'opening-balance', 1, a.balance_rupiah, a.balance_rupiah, ${today}::date,
      ${entryId}
    from a where a.balance_rupiah > 0`.execute(db);
}

export interface MemberBalancesRow {
  member_number: string | null;
  full_name: string;
  nik: string;
  status: string;
  joined_on: string | null;
  phone: string | null;
  pokok: bigint;
  wajib: bigint;
  sukarela: bigint;
  berjangka: bigint;
  arrears: bigint;
}

/** Every member with balances per kind and wajib arrears as of a date (the export). */
export async function membersWithBalances(
  db: Queryable,
  coop: string,
  asOf: string,
): Promise<MemberBalancesRow[]> {
  const r = await sql<MemberBalancesRow>`
    select m.member_number, m.full_name, m.nik, m.status, m.joined_on::text as joined_on, m.phone,
      coalesce(sum(a.balance_rupiah) filter (where p.kind = 'pokok'), 0)::bigint as pokok,
      coalesce(sum(a.balance_rupiah) filter (where p.kind = 'wajib'), 0)::bigint as wajib,
      coalesce(sum(a.balance_rupiah) filter (where p.kind = 'sukarela'), 0)::bigint as sukarela,
      coalesce(sum(a.balance_rupiah) filter (where p.kind = 'berjangka'), 0)::bigint as berjangka,
      coalesce(max(case when p.kind = 'wajib' and m.status in ('active', 'suspended', 'leaving')
        then greatest(0,
          ((extract(year from ${asOf}::date) * 12 + extract(month from ${asOf}::date))
            - (extract(year from greatest(m.joined_on, a.opened_on)) * 12
               + extract(month from greatest(m.joined_on, a.opened_on))) + 1)
          * (p.settings->>'monthlyAmountRupiah')::bigint - a.balance_rupiah) end), 0)::bigint
        as arrears
    from members m
    left join savings_accounts a on a.cooperative_id = m.cooperative_id and a.member_id = m.id
    left join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
    where m.cooperative_id = ${coop}
    group by m.cooperative_id, m.id order by m.member_number nulls last, m.id`.execute(db);
  return r.rows;
}
