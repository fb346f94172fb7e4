import type { Queryable } from '../../db/database.js';
import * as repo from '../../db/members.repo.js';
import type { MemberRow, MemberStatus } from '../../db/members.repo.js';
import { AppError } from '../../domain/errors.js';
import { businessDateWib, isoDateOf } from '../../domain/calendar.js';
import { wajibArrears } from '../../domain/savings/wajib.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';

/** Reading the registry: a page of members with wajib arrears, one member's summary. */

/** A date column as 'YYYY-MM-DD' whether the driver gave a Date or text. */
const day = isoDateOf;

function memberView(r: MemberRow) {
  return {
    id: r.id.toString(),
    memberNumber: r.member_number,
    status: r.status,
    nik: r.nik,
    fullName: r.full_name,
    birthPlace: r.birth_place,
    birthDate: day(r.birth_date)!,
    gender: r.gender,
    address: r.address,
    provinceCode: r.province_code,
    regencyCode: r.regency_code,
    districtCode: r.district_code,
    villageCode: r.village_code,
    phone: r.phone,
    occupation: r.occupation,
    branchId: r.branch_id?.toString() ?? null,
    joinedOn: day(r.joined_on),
    leftOn: day(r.left_on),
    exitReason: r.exit_reason,
    hasPortalLogin: r.user_id !== null,
  };
}

export async function listMembers(
  deps: Deps,
  ctx: OrgContext,
  q: { search?: string; status?: MemberStatus; limit: number; offset: number },
) {
  const asOf = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async ({ tx }) => {
    const coop = ctx.organizationId;
    const page = await repo.listMembers(tx, coop, q);
    const owed = await repo.wajibDueAndPaid(
      tx,
      coop,
      page.rows.map((r) => r.id),
      asOf,
    );
    const arrears = new Map<string, bigint>();
    for (const o of owed) {
      const a = o.due - o.paid;
      const id = o.member_id.toString();
      arrears.set(id, (arrears.get(id) ?? 0n) + (a > 0n ? a : 0n));
    }
    return {
      total: page.total,
      items: page.rows.map((r) => ({
        ...memberView(r),
        wajibArrearsRupiah: (arrears.get(r.id.toString()) ?? 0n).toString(),
      })),
    };
  });
}

/** A member's summary: identity, heirs, documents, accounts, loans, wajib arrears and totals. */
export async function memberSummary(tx: Queryable, coop: string, memberId: bigint, asOf: string) {
  const row = await repo.findMember(tx, coop, memberId);
  if (!row) throw new AppError('MEMBER_NOT_FOUND');
  const heirs = await repo.memberHeirs(tx, coop, memberId);
  const accounts = await repo.memberSavingsAccounts(tx, coop, memberId);
  const loans = await repo.memberLoans(tx, coop, memberId);
  const documents = await repo.memberDocumentKinds(tx, coop, memberId);
  const wajib = await wajibDetail(tx, coop, row, asOf);
  return {
    ...memberView(row),
    heirs: heirs.map((h) => ({
      fullName: h.full_name,
      relationship: h.relationship,
      nik: h.nik,
      phone: h.phone,
    })),
    documents,
    accounts: accounts.map((a) => ({
      id: a.id.toString(),
      accountNumber: a.account_number,
      kind: a.kind,
      productName: a.product_name,
      status: a.status,
      balanceRupiah: a.balance_rupiah.toString(),
      openedOn: day(a.opened_on)!,
      maturityOn: day(a.maturity_on),
      annualRateBps: a.annual_rate_bps,
    })),
    loans: loans.map((l) => ({
      id: l.id.toString(),
      loanNumber: l.loan_number,
      status: l.status,
      principalRupiah: l.principal_rupiah.toString(),
      outstandingPrincipalRupiah: l.outstanding_principal_rupiah.toString(),
      collectibility: l.collectibility,
    })),
    wajib,
    totals: {
      savingsRupiah: accounts.reduce((s, a) => s + a.balance_rupiah, 0n).toString(),
      loansOutstandingRupiah: loans
        .filter((l) => l.status === 'active')
        .reduce((s, l) => s + l.outstanding_principal_rupiah, 0n)
        .toString(),
    },
  };
}

/** Month-by-month wajib arrears (the domain computation) for one member. */
async function wajibDetail(tx: Queryable, coop: string, m: MemberRow, asOf: string) {
  const a = await repo.wajibAccountOf(tx, coop, m.id);
  if (!a || !m.joined_on || !['active', 'suspended', 'leaving'].includes(m.status)) return null;
  const pays = await repo.accountCredits(tx, coop, a.id);
  const openedOn = day(a.opened_on)!;
  const res = wajibArrears({
    memberStartDate: day(m.joined_on)!,
    productStartDate: openedOn,
    amountSchedule: [
      {
        effectiveFrom: openedOn.slice(0, 7),
        amountRupiah: BigInt(a.settings.monthlyAmountRupiah),
      },
    ],
    payments: pays.map((p) => ({ date: day(p.transaction_date)!, amountRupiah: p.amount_rupiah })),
    asOf: asOf < openedOn ? openedOn : asOf,
  });
  return {
    asOf,
    monthlyAmountRupiah: a.settings.monthlyAmountRupiah,
    arrearsRupiah: res.arrearsRupiah.toString(),
    monthsOwed: res.monthsOwed,
    advanceRupiah: res.advanceRupiah.toString(),
    periods: res.periods.slice(-12).map((p) => ({
      yearMonth: p.yearMonth,
      dueRupiah: p.dueRupiah.toString(),
      paidRupiah: p.paidRupiah.toString(),
      owedRupiah: p.owedRupiah.toString(),
    })),
  };
}

export async function getMember(deps: Deps, ctx: OrgContext, memberId: bigint) {
  return inOrg(deps, ctx, ({ tx }) =>
    memberSummary(tx, ctx.organizationId, memberId, businessDateWib(deps.clock())),
  );
}

/** The signed-in member's own record (portal). */
export async function myMember(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const userId = ctx.actor.userId;
    const id =
      userId === null ? undefined : await repo.memberIdOfUser(tx, ctx.organizationId, userId);
    if (id === undefined) throw new AppError('MEMBER_NOT_FOUND');
    return memberSummary(tx, ctx.organizationId, id, businessDateWib(deps.clock()));
  });
}
