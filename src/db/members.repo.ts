import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { Queryable } from './database.js';
import type { MembersTable } from './schema/members.js';
import type { Heir, MemberFields } from '../domain/members/validation.js';

/**
 * The member registry's queries: members, their heirs, documents and the member-number counter,
 * and what a member's summary reads from savings and loans. The bulk import's statements are in
 * members-import.repo.ts.
 */

export type MemberStatus = Selectable<MembersTable>['status'];

/** A members row as stored (dates may come back as Date or text, depending on the driver). */
export type MemberRow = Omit<
  Selectable<MembersTable>,
  'cooperative_id' | 'created_at' | 'exit_reason'
> & { exit_reason: string | null };

// Registering and changing -------------------------------------------------------------------

/** Whether the query returns at least one row. */
async function returnsARow(db: Queryable, query: RawBuilder<unknown>): Promise<boolean> {
  const r = await query.execute(db);
  return r.rows.length > 0;
}

/** Whether the NIK belongs to a member or applicant of the cooperative (a rejected one is free). */
export function nikRegistered(db: Queryable, coop: string, nik: string): Promise<boolean> {
  return returnsARow(
    db,
    sql`select 1 from members
      where cooperative_id = ${coop} and nik = ${nik} and status <> 'rejected'`,
  );
}

export function branchExists(db: Queryable, coop: string, branchId: bigint): Promise<boolean> {
  return returnsARow(
    db,
    sql`select 1 from branches where cooperative_id = ${coop} and id = ${branchId}`,
  );
}

export async function insertApplicant(
  db: Queryable,
  coop: string,
  m: MemberFields & { branchId: bigint | null },
): Promise<bigint> {
  const r = await sql<{ id: bigint }>`
    insert into members (cooperative_id, nik, full_name, birth_place, birth_date, gender, address,
      province_code, regency_code, district_code, village_code, phone, occupation, branch_id)
    values (${coop}, ${m.nik}, ${m.fullName}, ${m.birthPlace}, ${m.birthDate}, ${m.gender},
      ${m.address}, ${m.provinceCode}, ${m.regencyCode}, ${m.districtCode}, ${m.villageCode},
      ${m.phone}, ${m.occupation}, ${m.branchId})
    returning id`.execute(db);
  return r.rows[0]!.id;
}

/** Writes the heirs in their order (seq 1, 2, …) in one statement. */
export async function insertHeirs(
  db: Queryable,
  coop: string,
  memberId: bigint,
  heirs: Heir[],
): Promise<void> {
  if (heirs.length === 0) return;
  const rows = heirs.map((h, i) => ({
    seq: i + 1,
    full_name: h.fullName,
    relationship: h.relationship,
    nik: h.nik,
    phone: h.phone,
  }));
  await sql`insert into member_heirs (cooperative_id, member_id, seq, full_name, relationship, nik, phone)
    select ${coop}, ${memberId}, h.seq, h.full_name, h.relationship, h.nik, h.phone
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      as h(seq smallint, full_name text, relationship text, nik text, phone text)`.execute(db);
}

export async function deleteHeirs(db: Queryable, coop: string, memberId: bigint): Promise<void> {
  await sql`delete from member_heirs where cooperative_id = ${coop} and member_id = ${memberId}`.execute(
    db,
  );
}

/** The member's status, the row locked when `forUpdate`; undefined when there is no such member. */
export async function memberStatus(
  db: Queryable,
  coop: string,
  memberId: bigint,
  forUpdate: boolean,
): Promise<MemberStatus | undefined> {
  const r = await sql<{ status: MemberStatus }>`
    select status from members where cooperative_id = ${coop} and id = ${memberId}
    ${forUpdate ? sql`for update` : sql``}`.execute(db);
  return r.rows[0]?.status;
}

/**
 * Reserves `count` member numbers from the cooperative's counter; returns the first (the others
 * follow it). Taken under the counter row's lock, so two registrations never share a number.
 */
export async function reserveMemberNumbers(
  db: Queryable,
  coop: string,
  count: number,
): Promise<bigint> {
  const r = await sql<{ last_number: bigint }>`
    insert into member_number_counters (cooperative_id, last_number) values (${coop}, ${count})
    on conflict (cooperative_id)
      do update set last_number = member_number_counters.last_number + ${count}
    returning last_number`.execute(db);
  return r.rows[0]!.last_number - BigInt(count) + 1n;
}

/** A member number as printed: at least six digits, zero-padded. */
export const formatMemberNumber = (n: bigint): string => n.toString().padStart(6, '0');

export async function activate(
  db: Queryable,
  coop: string,
  memberId: bigint,
  memberNumber: string,
  joinedOn: string,
): Promise<void> {
  await sql`update members set status = 'active', member_number = ${memberNumber}, joined_on = ${joinedOn}
    where cooperative_id = ${coop} and id = ${memberId}`.execute(db);
}

export async function setStatus(
  db: Queryable,
  coop: string,
  memberId: bigint,
  status: MemberStatus,
  exitReason?: string,
): Promise<void> {
  await sql`update members set status = ${status}
      ${exitReason === undefined ? sql`` : sql`, exit_reason = ${exitReason}`}
    where cooperative_id = ${coop} and id = ${memberId}`.execute(db);
}

export interface MemberContact {
  address: string | null;
  phone: string | null;
  occupation: string | null;
}

/** The member's contact data, the row locked for the change that follows. */
export async function lockContact(
  db: Queryable,
  coop: string,
  memberId: bigint,
): Promise<MemberContact | undefined> {
  const r = await sql<MemberContact>`
    select address, phone, occupation from members
    where cooperative_id = ${coop} and id = ${memberId} for update`.execute(db);
  return r.rows[0];
}

export async function updateContact(
  db: Queryable,
  coop: string,
  memberId: bigint,
  c: MemberContact,
): Promise<void> {
  await sql`update members set address = ${c.address}, phone = ${c.phone}, occupation = ${c.occupation}
    where cooperative_id = ${coop} and id = ${memberId}`.execute(db);
}

export async function linkPortalUser(
  db: Queryable,
  coop: string,
  memberId: bigint,
  userId: string,
): Promise<void> {
  await sql`update members set user_id = ${userId} where cooperative_id = ${coop} and id = ${memberId}`.execute(
    db,
  );
}

// Reading ------------------------------------------------------------------------------------

export async function findMember(
  db: Queryable,
  coop: string,
  memberId: bigint,
): Promise<MemberRow | undefined> {
  const r =
    await sql<MemberRow>`select * from members where cooperative_id = ${coop} and id = ${memberId}`.execute(
      db,
    );
  return r.rows[0];
}

/** The registry entry linked to a portal login. */
export async function memberIdOfUser(
  db: Queryable,
  coop: string,
  userId: string,
): Promise<bigint | undefined> {
  const r = await sql<{ id: bigint }>`
    select id from members where cooperative_id = ${coop} and user_id = ${userId}`.execute(db);
  return r.rows[0]?.id;
}

/** A page of the registry, searched by name, member number or NIK; `total` counts every match. */
export async function listMembers(
  db: Queryable,
  coop: string,
  q: { search?: string; status?: MemberStatus; limit: number; offset: number },
): Promise<{ rows: MemberRow[]; total: number }> {
  const like = q.search ? `%${q.search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
  const r = await sql<MemberRow & { total: bigint }>`
    select m.*, count(*) over () as total from members m
    where m.cooperative_id = ${coop}
      ${q.status ? sql`and m.status = ${q.status}` : sql``}
      ${like ? sql`and (lower(m.full_name) like ${like} or m.member_number like ${like} or m.nik like ${like})` : sql``}
    order by m.member_number nulls first, m.id
    limit ${q.limit} offset ${q.offset}`.execute(db);
  return { rows: r.rows, total: Number(r.rows[0]?.total ?? 0) };
}

/**
 * Wajib due and paid per member and wajib account as of a date: months from joining (or the
 * account's opening) to asOf times the amount in force. Equal to the month-by-month domain
 * computation (domain/savings/wajib.ts) while one amount is in force, which is every product today.
 */
export async function wajibDueAndPaid(
  db: Queryable,
  coop: string,
  memberIds: bigint[],
  asOf: string,
): Promise<{ member_id: bigint; due: bigint; paid: bigint }[]> {
  const r = await sql<{ member_id: bigint; due: bigint; paid: bigint }>`
    select m.id as member_id,
      (((extract(year from ${asOf}::date) * 12 + extract(month from ${asOf}::date))
        - (extract(year from greatest(m.joined_on, a.opened_on)) * 12
           + extract(month from greatest(m.joined_on, a.opened_on))) + 1)
        * (p.settings->>'monthlyAmountRupiah')::bigint)::bigint as due,
      (select coalesce(sum(t.amount_rupiah * t.sign), 0) from savings_transactions t
        where t.cooperative_id = a.cooperative_id and t.account_id = a.id and t.kind <> 'exit'
          and t.transaction_date <= ${asOf}::date)::bigint as paid
    from members m
    join savings_accounts a on a.cooperative_id = m.cooperative_id and a.member_id = m.id
    join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      and p.kind = 'wajib'
    where m.cooperative_id = ${coop} and m.status in ('active', 'suspended', 'leaving')
      and m.id = any(${memberIds.map(String)}::bigint[])`.execute(db);
  return r.rows;
}

export async function memberHeirs(db: Queryable, coop: string, memberId: bigint) {
  const r = await sql<{
    seq: number;
    full_name: string;
    relationship: string;
    nik: string | null;
    phone: string | null;
  }>`
    select seq, full_name, relationship, nik, phone from member_heirs
    where cooperative_id = ${coop} and member_id = ${memberId} order by seq`.execute(db);
  return r.rows;
}

export async function memberSavingsAccounts(db: Queryable, coop: string, memberId: bigint) {
  const r = await sql<{
    id: bigint;
    account_number: string;
    kind: string;
    product_name: string;
    status: string;
    balance_rupiah: bigint;
    opened_on: string;
    maturity_on: string | null;
    annual_rate_bps: number | null;
  }>`
    select a.id, a.account_number, p.kind, p.name as product_name, a.status, a.balance_rupiah,
      a.opened_on,
      case when a.term_opened_on is not null
        then (a.term_opened_on + make_interval(months => a.tenor_months))::date end as maturity_on,
      a.annual_rate_bps
    from savings_accounts a
    join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
    where a.cooperative_id = ${coop} and a.member_id = ${memberId} order by a.id`.execute(db);
  return r.rows;
}

export async function memberLoans(db: Queryable, coop: string, memberId: bigint) {
  const r = await sql<{
    id: bigint;
    loan_number: string;
    status: string;
    principal_rupiah: bigint;
    outstanding_principal_rupiah: bigint;
    collectibility: string | null;
  }>`
    select id, loan_number, status, principal_rupiah, outstanding_principal_rupiah,
      collectibility::text as collectibility
    from loans where cooperative_id = ${coop} and member_id = ${memberId} order by id`.execute(db);
  return r.rows;
}

/** The member's first wajib account with its product settings. */
export async function wajibAccountOf(db: Queryable, coop: string, memberId: bigint) {
  const r = await sql<{ id: bigint; opened_on: string; settings: { monthlyAmountRupiah: string } }>`
    select a.id, a.opened_on, p.settings from savings_accounts a
    join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
      and p.kind = 'wajib'
    where a.cooperative_id = ${coop} and a.member_id = ${memberId} order by a.id limit 1`.execute(
    db,
  );
  return r.rows[0];
}

/** Every credit into a savings account, in the order posted. */
export async function accountCredits(db: Queryable, coop: string, accountId: bigint) {
  const r = await sql<{ transaction_date: string; amount_rupiah: bigint }>`
    select transaction_date, amount_rupiah from savings_transactions
    where cooperative_id = ${coop} and account_id = ${accountId} and sign = 1 order by id`.execute(
    db,
  );
  return r.rows;
}

// Documents ----------------------------------------------------------------------------------

export type DocumentKind = 'ktp' | 'photo';

export function memberExists(db: Queryable, coop: string, memberId: bigint): Promise<boolean> {
  return returnsARow(
    db,
    sql`select 1 from members where cooperative_id = ${coop} and id = ${memberId}`,
  );
}

export async function memberDocumentKinds(
  db: Queryable,
  coop: string,
  memberId: bigint,
): Promise<DocumentKind[]> {
  const r = await sql<{ kind: DocumentKind }>`
    select kind from member_documents where cooperative_id = ${coop} and member_id = ${memberId}`.execute(
    db,
  );
  return r.rows.map((x) => x.kind);
}

/** Stores the document, replacing an earlier one of the same kind. */
export async function upsertDocument(
  db: Queryable,
  coop: string,
  memberId: bigint,
  doc: { kind: DocumentKind; contentType: string; content: Buffer },
): Promise<void> {
  await sql`insert into member_documents (cooperative_id, member_id, kind, content_type, content)
    values (${coop}, ${memberId}, ${doc.kind}, ${doc.contentType}, ${doc.content})
    on conflict (cooperative_id, member_id, kind) do update
      set content_type = excluded.content_type, content = excluded.content, uploaded_at = now()`.execute(
    db,
  );
}

export async function findDocument(
  db: Queryable,
  coop: string,
  memberId: bigint,
  kind: DocumentKind,
): Promise<{ contentType: string; content: Uint8Array } | undefined> {
  const r = await sql<{ content_type: string; content: Uint8Array }>`
    select content_type, content from member_documents
    where cooperative_id = ${coop} and member_id = ${memberId} and kind = ${kind}`.execute(db);
  const row = r.rows[0];
  return row && { contentType: row.content_type, content: row.content };
}
