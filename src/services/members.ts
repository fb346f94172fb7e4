import { sql } from 'kysely';
import { z } from 'zod';
import type { Tx } from '../db/database.js';
import type { JsonValue } from '../db/schema.js';
import { validateNik, type Gender } from '../domain/identity/nik.js';
import { normalisePhone } from '../domain/identity/phone.js';
import { validateRegionChain } from '../domain/identity/regions.js';
import { businessDateWib } from '../domain/savings/calendar.js';
import { wajibArrears } from '../domain/savings/wajib.js';
import { AppError } from '../domain/errors.js';
import { registerApprovableAction, requestApproval } from './approvals.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from './context.js';
import { createUser } from './organizations.js';
import { openDefaultAccounts } from './savings.js';

/**
 * The member registry (daftar anggota): application → approval by a second person (maker-checker)
 * → member number and the default savings accounts; status changes; exit with every refund posted.
 */

export type MemberStatus = 'applicant' | 'rejected' | 'active' | 'suspended' | 'leaving' | 'left' | 'deceased';

/** A cooperative's members must be adults (UU 25/1992 art. 18: "warga negara Indonesia yang
 * mampu melakukan tindakan hukum"); 17 is the KTP age. */
export const MEMBER_MINIMUM_AGE_YEARS = 17;

export interface HeirInput {
  fullName: string;
  relationship: string;
  nik?: string | null;
  phone?: string | null;
}

export interface MemberInput {
  nik: string;
  fullName: string;
  birthPlace?: string | null;
  birthDate: string;
  gender: 'L' | 'P';
  address?: string | null;
  provinceCode?: string | null;
  regencyCode?: string | null;
  districtCode?: string | null;
  villageCode?: string | null;
  phone?: string | null;
  occupation?: string | null;
  branchId?: bigint | null;
  heirs?: HeirInput[];
}

const genderOf = (g: 'L' | 'P'): Gender => (g === 'L' ? 'male' : 'female');

/** Validates and normalises a member's identity; throws the first problem as a field error. */
export function checkMemberInput(input: MemberInput, today: string): MemberInput {
  const nik = validateNik({
    nik: input.nik,
    applicationDate: today,
    minimumAgeYears: MEMBER_MINIMUM_AGE_YEARS,
    birthDate: input.birthDate,
    gender: genderOf(input.gender),
  });
  if (!nik.ok) {
    const e = nik.errors[0]!;
    throw new AppError('MEMBER_NIK_INVALID', { reason: e.code, field: e.field });
  }
  let phone: string | null = null;
  if (input.phone) {
    const p = normalisePhone(input.phone);
    if (!p.ok) throw new AppError('MEMBER_PHONE_INVALID', { field: 'phone' });
    phone = p.value;
  }
  const codes = {
    provinceCode: input.provinceCode ?? null,
    regencyCode: input.regencyCode ?? null,
    districtCode: input.districtCode ?? null,
    villageCode: input.villageCode ?? null,
  };
  if (codes.provinceCode) {
    const r = validateRegionChain({
      provinceCode: codes.provinceCode,
      ...(codes.regencyCode ? { regencyCode: codes.regencyCode } : {}),
      ...(codes.districtCode ? { districtCode: codes.districtCode } : {}),
      ...(codes.villageCode ? { villageCode: codes.villageCode } : {}),
    });
    if (!r.ok) throw new AppError('MEMBER_REGION_INVALID', { reason: r.errors[0]!.code, field: r.errors[0]!.field });
    Object.assign(codes, r.value);
  } else if (codes.regencyCode || codes.districtCode || codes.villageCode) {
    throw new AppError('MEMBER_REGION_INVALID', { reason: 'REGION_NOT_IN_PARENT', field: 'provinceCode' });
  }
  for (const h of input.heirs ?? []) {
    if (h.nik && !/^[0-9]{16}$/.test(h.nik)) throw new AppError('MEMBER_NIK_INVALID', { reason: 'NIK_MALFORMED', field: 'heirs.nik' });
    if (h.phone && !normalisePhone(h.phone).ok) throw new AppError('MEMBER_PHONE_INVALID', { field: 'heirs.phone' });
  }
  return { ...input, nik: input.nik.replace(/\s/g, ''), phone, ...codes };
}

async function insertMember(o: OrgTx, m: MemberInput): Promise<bigint> {
  const coop = o.ctx.organizationId;
  const dup = await sql<{ id: bigint }>`
    select id from members where cooperative_id = ${coop} and nik = ${m.nik} and status <> 'rejected'`.execute(o.tx);
  if (dup.rows[0]) throw new AppError('MEMBER_NIK_TAKEN', { nik: m.nik });
  if (m.branchId) {
    const b = await sql`select 1 from branches where cooperative_id = ${coop} and id = ${m.branchId}`.execute(o.tx);
    if (!b.rows[0]) throw new AppError('BRANCH_NOT_FOUND');
  }
  const r = await sql<{ id: bigint }>`
    insert into members (cooperative_id, nik, full_name, birth_place, birth_date, gender, address, province_code,
      regency_code, district_code, village_code, phone, occupation, branch_id)
    values (${coop}, ${m.nik}, ${m.fullName}, ${m.birthPlace ?? null}, ${m.birthDate}, ${m.gender}, ${m.address ?? null},
      ${m.provinceCode ?? null}, ${m.regencyCode ?? null}, ${m.districtCode ?? null}, ${m.villageCode ?? null},
      ${m.phone ?? null}, ${m.occupation ?? null}, ${m.branchId ?? null})
    returning id`.execute(o.tx);
  const id = r.rows[0]!.id;
  await writeHeirs(o.tx, coop, id, m.heirs ?? []);
  return id;
}

async function writeHeirs(tx: Tx, coop: string, memberId: bigint, heirs: HeirInput[]) {
  if (heirs.length === 0) return;
  await sql`insert into member_heirs (cooperative_id, member_id, seq, full_name, relationship, nik, phone)
    select ${coop}, ${memberId}, h.seq, h.full_name, h.relationship, h.nik, h.phone
    from jsonb_to_recordset(${JSON.stringify(
      heirs.map((h, i) => ({
        seq: i + 1,
        full_name: h.fullName,
        relationship: h.relationship,
        nik: h.nik ?? null,
        phone: h.phone ? (normalisePhone(h.phone) as { value: string }).value : null,
      })),
    )}::jsonb) as h(seq smallint, full_name text, relationship text, nik text, phone text)`.execute(tx);
}

/** Registers an applicant and asks for approval; returns the member id and the approval id. */
export async function registerMember(deps: Deps, ctx: OrgContext, input: MemberInput) {
  const today = businessDateWib(deps.clock());
  const m = checkMemberInput(input, today);
  return inOrg(deps, ctx, async (o) => {
    const id = await insertMember(o, m);
    await o.audit({ action: 'member.registered', entityType: 'member', entityId: id, after: { nik: m.nik, fullName: m.fullName } });
    const approvalId = await requestApproval(o, 'members.approve', { memberId: id.toString() });
    return { id: id.toString(), status: 'applicant' as const, approvalId: approvalId.toString() };
  });
}

/** Gives an applicant the next member number and opens the cooperative's default accounts. */
export async function activateMember(o: OrgTx, memberId: bigint, joinedOn: string): Promise<string> {
  const coop = o.ctx.organizationId;
  const m = await sql<{ status: string }>`select status from members where cooperative_id = ${coop} and id = ${memberId} for update`.execute(o.tx);
  if (!m.rows[0]) throw new AppError('MEMBER_NOT_FOUND');
  if (m.rows[0].status !== 'applicant') throw new AppError('MEMBER_STATUS_INVALID', { status: m.rows[0].status });
  const n = await sql<{ last_number: bigint }>`
    insert into member_number_counters (cooperative_id, last_number) values (${coop}, 1)
    on conflict (cooperative_id) do update set last_number = member_number_counters.last_number + 1
    returning last_number`.execute(o.tx);
  const number = n.rows[0]!.last_number.toString().padStart(6, '0');
  await sql`update members set status = 'active', member_number = ${number}, joined_on = ${joinedOn}
            where cooperative_id = ${coop} and id = ${memberId}`.execute(o.tx);
  await openDefaultAccounts(o, memberId, number, joinedOn);
  await o.audit({ action: 'member.approved', entityType: 'member', entityId: memberId, before: { status: 'applicant' }, after: { status: 'active', memberNumber: number } });
  return number;
}

registerApprovableAction({
  name: 'members.approve',
  permission: 'members.register',
  payload: z.object({ memberId: z.string().regex(/^[0-9]{1,18}$/) }),
  summarize: (p) => `Persetujuan anggota baru #${p.memberId}`,
  async execute(o, p, deps): Promise<JsonValue> {
    const number = await activateMember(o, BigInt(p.memberId), businessDateWib(deps.clock()));
    return { memberId: p.memberId, memberNumber: number };
  },
});

registerApprovableAction({
  name: 'members.exit',
  permission: 'members.register',
  payload: z.object({
    memberId: z.string().regex(/^[0-9]{1,18}$/),
    reason: z.enum(['voluntary', 'deceased', 'expelled']),
    note: z.string().max(500),
  }),
  summarize: (p) => `Keluar anggota #${p.memberId} (${p.reason})`,
  async execute(o, p): Promise<JsonValue> {
    const coop = o.ctx.organizationId;
    const r = await sql<{ status: string }>`select status from members where cooperative_id = ${coop} and id = ${BigInt(p.memberId)} for update`.execute(o.tx);
    const status = r.rows[0]?.status;
    if (!status) throw new AppError('MEMBER_NOT_FOUND');
    if (status !== 'active' && status !== 'suspended') throw new AppError('MEMBER_STATUS_INVALID', { status });
    await sql`update members set status = 'leaving', exit_reason = ${p.reason} where cooperative_id = ${coop} and id = ${BigInt(p.memberId)}`.execute(o.tx);
    await o.audit({ action: 'member.leaving', entityType: 'member', entityId: p.memberId, before: { status }, after: { status: 'leaving', reason: p.reason, note: p.note } });
    return { memberId: p.memberId, status: 'leaving' };
  },
});

/** Asks for a member's exit (keluar anggota); on approval the member is 'leaving' until settled. */
export async function requestExit(deps: Deps, ctx: OrgContext, memberId: bigint, reason: 'voluntary' | 'deceased' | 'expelled', note: string) {
  return inOrg(deps, ctx, async (o) => {
    const r = await sql<{ status: string }>`select status from members where cooperative_id = ${ctx.organizationId} and id = ${memberId}`.execute(o.tx);
    const status = r.rows[0]?.status;
    if (!status) throw new AppError('MEMBER_NOT_FOUND');
    if (status !== 'active' && status !== 'suspended') throw new AppError('MEMBER_STATUS_INVALID', { status });
    const approvalId = await requestApproval(o, 'members.exit', { memberId: memberId.toString(), reason, note });
    return { approvalId: approvalId.toString() };
  });
}

/** Suspends or reactivates a member (the registry keeps who and why in the audit trail). */
export async function setMemberSuspended(deps: Deps, ctx: OrgContext, memberId: bigint, suspended: boolean, reason: string) {
  return inOrg(deps, ctx, async (o) => {
    const from = suspended ? 'active' : 'suspended';
    const to = suspended ? 'suspended' : 'active';
    const r = await sql<{ status: string }>`select status from members where cooperative_id = ${ctx.organizationId} and id = ${memberId} for update`.execute(o.tx);
    const status = r.rows[0]?.status;
    if (!status) throw new AppError('MEMBER_NOT_FOUND');
    if (status !== from) throw new AppError('MEMBER_STATUS_INVALID', { status });
    await sql`update members set status = ${to} where cooperative_id = ${ctx.organizationId} and id = ${memberId}`.execute(o.tx);
    await o.audit({ action: suspended ? 'member.suspended' : 'member.reactivated', entityType: 'member', entityId: memberId, before: { status }, after: { status: to, reason } });
    return { id: memberId.toString(), status: to };
  });
}

/** Contact data a member may change over the years (identity stays as registered). */
export async function updateMemberContact(
  deps: Deps,
  ctx: OrgContext,
  memberId: bigint,
  input: { address?: string | null; phone?: string | null; occupation?: string | null; heirs?: HeirInput[] },
) {
  let phone: string | null | undefined = input.phone;
  if (input.phone) {
    const p = normalisePhone(input.phone);
    if (!p.ok) throw new AppError('MEMBER_PHONE_INVALID', { field: 'phone' });
    phone = p.value;
  }
  for (const h of input.heirs ?? []) {
    if (h.nik && !/^[0-9]{16}$/.test(h.nik)) throw new AppError('MEMBER_NIK_INVALID', { reason: 'NIK_MALFORMED', field: 'heirs.nik' });
    if (h.phone && !normalisePhone(h.phone).ok) throw new AppError('MEMBER_PHONE_INVALID', { field: 'heirs.phone' });
  }
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    const before = await sql<{ address: string | null; phone: string | null; occupation: string | null }>`
      select address, phone, occupation from members where cooperative_id = ${coop} and id = ${memberId} for update`.execute(o.tx);
    if (!before.rows[0]) throw new AppError('MEMBER_NOT_FOUND');
    const after = {
      address: input.address === undefined ? before.rows[0].address : input.address,
      phone: phone === undefined ? before.rows[0].phone : phone,
      occupation: input.occupation === undefined ? before.rows[0].occupation : input.occupation,
    };
    await sql`update members set address = ${after.address}, phone = ${after.phone}, occupation = ${after.occupation}
              where cooperative_id = ${coop} and id = ${memberId}`.execute(o.tx);
    if (input.heirs) {
      await sql`delete from member_heirs where cooperative_id = ${coop} and member_id = ${memberId}`.execute(o.tx);
      await writeHeirs(o.tx, coop, memberId, input.heirs);
    }
    await o.audit({ action: 'member.updated', entityType: 'member', entityId: memberId, before: before.rows[0], after: { ...after, heirs: input.heirs?.length ?? null } });
    return getMemberTx(o.tx, coop, memberId, businessDateWib(deps.clock()));
  });
}

// Reading -------------------------------------------------------------------------------------

interface MemberRow {
  id: bigint;
  member_number: string | null;
  status: MemberStatus;
  nik: string;
  full_name: string;
  birth_place: string | null;
  birth_date: string;
  gender: 'L' | 'P';
  address: string | null;
  province_code: string | null;
  regency_code: string | null;
  district_code: string | null;
  village_code: string | null;
  phone: string | null;
  occupation: string | null;
  branch_id: bigint | null;
  joined_on: string | null;
  left_on: string | null;
  exit_reason: string | null;
  user_id: string | null;
}

const d = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v : JSON.stringify(v));

function memberView(r: MemberRow) {
  return {
    id: r.id.toString(),
    memberNumber: r.member_number,
    status: r.status,
    nik: r.nik,
    fullName: r.full_name,
    birthPlace: r.birth_place,
    birthDate: d(r.birth_date)!,
    gender: r.gender,
    address: r.address,
    provinceCode: r.province_code,
    regencyCode: r.regency_code,
    districtCode: r.district_code,
    villageCode: r.village_code,
    phone: r.phone,
    occupation: r.occupation,
    branchId: r.branch_id?.toString() ?? null,
    joinedOn: d(r.joined_on),
    leftOn: d(r.left_on),
    exitReason: r.exit_reason,
    hasPortalLogin: r.user_id !== null,
  };
}

/**
 * Wajib arrears for many members at once, as of a date: months from joining (or the product's
 * start) to asOf times the amount in force, less what was paid. Equal to the month-by-month
 * domain computation (wajib.ts) while one amount is in force, which is every product today.
 */
async function arrearsByMember(tx: Tx, coop: string, memberIds: bigint[] | null, asOf: string) {
  const r = await sql<{ member_id: bigint; due: bigint; paid: bigint }>`
    select m.id as member_id,
      (((extract(year from ${asOf}::date) * 12 + extract(month from ${asOf}::date))
        - (extract(year from greatest(m.joined_on, a.opened_on)) * 12 + extract(month from greatest(m.joined_on, a.opened_on))) + 1)
        * (p.settings->>'monthlyAmountRupiah')::bigint)::bigint as due,
      (select coalesce(sum(t.amount_rupiah * t.sign), 0) from savings_transactions t
        where t.cooperative_id = a.cooperative_id and t.account_id = a.id and t.kind <> 'exit' and t.transaction_date <= ${asOf}::date)::bigint as paid
    from members m
    join savings_accounts a on a.cooperative_id = m.cooperative_id and a.member_id = m.id
    join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id and p.kind = 'wajib'
    where m.cooperative_id = ${coop} and m.status in ('active', 'suspended', 'leaving')
      ${memberIds ? sql`and m.id = any(${memberIds.map(String)}::bigint[])` : sql``}`.execute(tx);
  const out = new Map<string, bigint>();
  for (const row of r.rows) {
    const a = row.due - row.paid;
    out.set(row.member_id.toString(), (out.get(row.member_id.toString()) ?? 0n) + (a > 0n ? a : 0n));
  }
  return out;
}

export async function listMembers(
  deps: Deps,
  ctx: OrgContext,
  q: { search?: string; status?: MemberStatus; limit: number; offset: number },
) {
  const asOf = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async ({ tx }) => {
    const coop = ctx.organizationId;
    const like = q.search ? `%${q.search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
    const rows = await sql<MemberRow & { total: bigint }>`
      select m.*, count(*) over () as total from members m
      where m.cooperative_id = ${coop}
        ${q.status ? sql`and m.status = ${q.status}` : sql``}
        ${like ? sql`and (lower(m.full_name) like ${like} or m.member_number like ${like} or m.nik like ${like})` : sql``}
      order by m.member_number nulls first, m.id
      limit ${q.limit} offset ${q.offset}`.execute(tx);
    const arrears = await arrearsByMember(tx, coop, rows.rows.map((r) => r.id), asOf);
    return {
      total: Number(rows.rows[0]?.total ?? 0),
      items: rows.rows.map((r) => ({ ...memberView(r), wajibArrearsRupiah: (arrears.get(r.id.toString()) ?? 0n).toString() })),
    };
  });
}

async function getMemberTx(tx: Tx, coop: string, memberId: bigint, asOf: string) {
  const r = await sql<MemberRow>`select * from members where cooperative_id = ${coop} and id = ${memberId}`.execute(tx);
  const row = r.rows[0];
  if (!row) throw new AppError('MEMBER_NOT_FOUND');
  const heirs = await sql<{ seq: number; full_name: string; relationship: string; nik: string | null; phone: string | null }>`
    select seq, full_name, relationship, nik, phone from member_heirs where cooperative_id = ${coop} and member_id = ${memberId} order by seq`.execute(tx);
  const accounts = await sql<{ id: bigint; account_number: string; kind: string; product_name: string; status: string; balance_rupiah: bigint; opened_on: string; maturity_on: string | null; annual_rate_bps: number | null }>`
    select a.id, a.account_number, p.kind, p.name as product_name, a.status, a.balance_rupiah, a.opened_on,
      case when a.term_opened_on is not null then (a.term_opened_on + make_interval(months => a.tenor_months))::date end as maturity_on,
      a.annual_rate_bps
    from savings_accounts a join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id
    where a.cooperative_id = ${coop} and a.member_id = ${memberId} order by a.id`.execute(tx);
  const loans = await sql<{ id: bigint; loan_number: string; status: string; principal_rupiah: bigint; outstanding_principal_rupiah: bigint; collectibility: string | null }>`
    select id, loan_number, status, principal_rupiah, outstanding_principal_rupiah, collectibility::text as collectibility
    from loans where cooperative_id = ${coop} and member_id = ${memberId} order by id`.execute(tx);
  const docs = await sql<{ kind: string }>`select kind from member_documents where cooperative_id = ${coop} and member_id = ${memberId}`.execute(tx);
  const wajib = await wajibDetail(tx, coop, memberId, row, asOf);
  return {
    ...memberView(row),
    heirs: heirs.rows.map((h) => ({ fullName: h.full_name, relationship: h.relationship, nik: h.nik, phone: h.phone })),
    documents: docs.rows.map((x) => x.kind),
    accounts: accounts.rows.map((a) => ({
      id: a.id.toString(),
      accountNumber: a.account_number,
      kind: a.kind,
      productName: a.product_name,
      status: a.status,
      balanceRupiah: a.balance_rupiah.toString(),
      openedOn: d(a.opened_on)!,
      maturityOn: d(a.maturity_on),
      annualRateBps: a.annual_rate_bps,
    })),
    loans: loans.rows.map((l) => ({
      id: l.id.toString(),
      loanNumber: l.loan_number,
      status: l.status,
      principalRupiah: l.principal_rupiah.toString(),
      outstandingPrincipalRupiah: l.outstanding_principal_rupiah.toString(),
      collectibility: l.collectibility,
    })),
    wajib,
    totals: {
      savingsRupiah: accounts.rows.reduce((s, a) => s + a.balance_rupiah, 0n).toString(),
      loansOutstandingRupiah: loans.rows.filter((l) => l.status === 'active').reduce((s, l) => s + l.outstanding_principal_rupiah, 0n).toString(),
    },
  };
}

/** Month-by-month wajib arrears (the domain computation) for one member. */
async function wajibDetail(tx: Tx, coop: string, memberId: bigint, m: MemberRow, asOf: string) {
  const acct = await sql<{ id: bigint; opened_on: string; settings: { monthlyAmountRupiah: string } }>`
    select a.id, a.opened_on, p.settings from savings_accounts a
    join savings_products p on p.cooperative_id = a.cooperative_id and p.id = a.product_id and p.kind = 'wajib'
    where a.cooperative_id = ${coop} and a.member_id = ${memberId} order by a.id limit 1`.execute(tx);
  const a = acct.rows[0];
  if (!a || !m.joined_on || !['active', 'suspended', 'leaving'].includes(m.status)) return null;
  const pays = await sql<{ transaction_date: string; amount_rupiah: bigint }>`
    select transaction_date, amount_rupiah from savings_transactions
    where cooperative_id = ${coop} and account_id = ${a.id} and sign = 1 order by id`.execute(tx);
  const res = wajibArrears({
    memberStartDate: d(m.joined_on)!,
    productStartDate: d(a.opened_on)!,
    amountSchedule: [{ effectiveFrom: d(a.opened_on)!.slice(0, 7), amountRupiah: BigInt(a.settings.monthlyAmountRupiah) }],
    payments: pays.rows.map((p) => ({ date: d(p.transaction_date)!, amountRupiah: p.amount_rupiah })),
    asOf: asOf < d(a.opened_on)! ? d(a.opened_on)! : asOf,
  });
  return {
    asOf,
    monthlyAmountRupiah: a.settings.monthlyAmountRupiah,
    arrearsRupiah: res.arrearsRupiah.toString(),
    monthsOwed: res.monthsOwed,
    advanceRupiah: res.advanceRupiah.toString(),
    periods: res.periods.slice(-12).map((p) => ({ yearMonth: p.yearMonth, dueRupiah: p.dueRupiah.toString(), paidRupiah: p.paidRupiah.toString(), owedRupiah: p.owedRupiah.toString() })),
  };
}

export async function getMember(deps: Deps, ctx: OrgContext, memberId: bigint) {
  return inOrg(deps, ctx, ({ tx }) => getMemberTx(tx, ctx.organizationId, memberId, businessDateWib(deps.clock())));
}

/** The signed-in member's own record (portal). */
export async function myMember(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<{ id: bigint }>`select id from members where cooperative_id = ${ctx.organizationId} and user_id = ${ctx.actor.userId}`.execute(tx);
    if (!r.rows[0]) throw new AppError('MEMBER_NOT_FOUND');
    return getMemberTx(tx, ctx.organizationId, r.rows[0].id, businessDateWib(deps.clock()));
  });
}

/** The member id the signed-in portal user is, or an error. */
export async function ownMemberId(tx: Tx, ctx: OrgContext): Promise<bigint> {
  const r = await sql<{ id: bigint }>`select id from members where cooperative_id = ${ctx.organizationId} and user_id = ${ctx.actor.userId}`.execute(tx);
  if (!r.rows[0]) throw new AppError('MEMBER_NOT_FOUND');
  return r.rows[0].id;
}

// Documents and portal login -------------------------------------------------------------------

export const DOCUMENT_MAX_BYTES = 2 * 1024 * 1024;

export async function putDocument(deps: Deps, ctx: OrgContext, memberId: bigint, kind: 'ktp' | 'photo', contentType: string, content: Buffer | null) {
  const magic: Record<string, (b: Buffer) => boolean> = {
    'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8,
    'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  };
  return inOrg(deps, ctx, async (o) => {
    // the member first: another cooperative's member is 404 whatever was sent
    const m = await sql`select 1 from members where cooperative_id = ${ctx.organizationId} and id = ${memberId}`.execute(o.tx);
    if (!m.rows[0]) throw new AppError('MEMBER_NOT_FOUND');
    if (!content || !magic[contentType]?.(content))
      throw new AppError('VALIDATION_FAILED', {}, 'content-type must be image/jpeg, image/png or application/pdf and match the content');
    if (content.length > DOCUMENT_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
    await sql`insert into member_documents (cooperative_id, member_id, kind, content_type, content)
      values (${ctx.organizationId}, ${memberId}, ${kind}, ${contentType}, ${content})
      on conflict (cooperative_id, member_id, kind) do update set content_type = excluded.content_type, content = excluded.content, uploaded_at = now()`.execute(o.tx);
    await o.audit({ action: 'member.document', entityType: 'member', entityId: memberId, after: { kind, contentType, bytes: content.length } });
    return { kind, contentType, bytes: content.length };
  });
}

export async function getDocument(deps: Deps, ctx: OrgContext, memberId: bigint, kind: 'ktp' | 'photo') {
  return inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<{ content_type: string; content: Uint8Array }>`
      select content_type, content from member_documents where cooperative_id = ${ctx.organizationId} and member_id = ${memberId} and kind = ${kind}`.execute(tx);
    if (!r.rows[0]) throw new AppError('MEMBER_DOCUMENT_NOT_FOUND');
    return { contentType: r.rows[0].content_type, content: Buffer.from(r.rows[0].content) };
  });
}

/** Creates the member's own portal login (role anggota) and links it to the registry entry. */
export async function createPortalLogin(deps: Deps, ctx: OrgContext, memberId: bigint, input: { username: string; password: string }) {
  const m = await inOrg(deps, ctx, async ({ tx }) => {
    const r = await sql<MemberRow>`select * from members where cooperative_id = ${ctx.organizationId} and id = ${memberId}`.execute(tx);
    return r.rows[0];
  });
  if (!m) throw new AppError('MEMBER_NOT_FOUND');
  if (m.user_id) throw new AppError('MEMBER_STATUS_INVALID', { status: 'has-login' });
  if (!['active', 'suspended', 'leaving'].includes(m.status)) throw new AppError('MEMBER_STATUS_INVALID', { status: m.status });
  // createUser commits the user in its own transaction; the link follows. A crash between the two
  // leaves a user without a member link, which the admin sees in the user list and can reuse.
  const user = await createUser(deps, ctx, { username: input.username, fullName: m.full_name, password: input.password, roles: ['anggota'] });
  await inOrg(deps, ctx, async (o) => {
    await sql`update members set user_id = ${user.id} where cooperative_id = ${ctx.organizationId} and id = ${memberId}`.execute(o.tx);
    await o.audit({ action: 'member.portal-login', entityType: 'member', entityId: memberId, after: { userId: user.id, username: user.username } });
  });
  return { userId: user.id, username: user.username };
}
