import * as repo from '../../db/dps.repo.js';
import type {
  CertificateRow,
  MemberRow,
  OpinionRow,
  ReviewRow,
  TermRow,
} from '../../db/dps.repo.js';
import { isShariaCooperative } from '../../db/savings.repo.js';
import type { JsonValue } from '../../db/schema.js';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import {
  addYears,
  certificateValid,
  checkTerm,
  complianceChecklist,
  compositionStatus,
  inOffice,
  OUTSIDER_TERM_YEARS,
  reviewEffect,
  type CertificateKind,
  type DpsMemberFacts,
  type EndReason,
  type ReviewSubject,
} from '../../domain/sharia/dps.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';

/**
 * The Dewan Pengawas Syariah of a KSPPS (docs/domain/sharia-dps.md): its members as the rapat
 * anggota appointed them, their certificates and declarations, the composition status of
 * Permenkop 11/2017, the reviews routed to it (a new product, a nisbah change, clauses) with the
 * DPS's opinion and decision, and its yearly opinion per book year for the RAT package. Rules in
 * domain/sharia/dps.ts.
 */

async function requireSharia(o: OrgTx): Promise<void> {
  if (!(await isShariaCooperative(o.tx, o.ctx.organizationId)))
    throw new AppError('DPS_NOT_SHARIA');
}

const today = (deps: Deps) => businessDateWib(deps.clock());

interface Loaded {
  rows: MemberRow[];
  terms: Map<bigint, TermRow[]>;
  certs: Map<bigint, CertificateRow[]>;
  facts: DpsMemberFacts[];
}

function group<T>(rows: T[], key: (r: T) => bigint): Map<bigint, T[]> {
  const m = new Map<bigint, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
}

function factsOf(m: MemberRow, terms: TermRow[], certs: CertificateRow[]): DpsMemberFacts {
  return {
    id: m.id.toString(),
    name: m.full_name,
    terms: terms.map((t) => ({ start: t.term_start, end: t.term_end })),
    endedOn: m.ended_on,
    noConvictionDeclared: m.no_conviction_declared,
    noRelationDeclared: m.no_relation_declared,
    certificates: certs.map((c) => ({
      kind: c.kind,
      issuedOn: c.issued_on,
      validUntil: c.valid_until,
    })),
  };
}

async function load(o: OrgTx): Promise<Loaded> {
  const coop = o.ctx.organizationId;
  const rows = await repo.members(o.tx, coop);
  const terms = group(await repo.terms(o.tx, coop), (t) => t.dps_member_id);
  const certs = group(await repo.certificates(o.tx, coop), (c) => c.dps_member_id);
  const facts = rows.map((m) => factsOf(m, terms.get(m.id) ?? [], certs.get(m.id) ?? []));
  return { rows, terms, certs, facts };
}

function memberView(l: Loaded, m: MemberRow, on: string) {
  const terms = l.terms.get(m.id) ?? [];
  const facts = l.facts.find((f) => f.id === m.id.toString());
  const current = terms.at(-1);
  return {
    id: m.id.toString(),
    fullName: m.full_name,
    isCooperativeMember: m.is_cooperative_member,
    memberId: m.member_id?.toString() ?? null,
    linkedUser: m.user_id !== null,
    inOffice: facts ? inOffice(facts, on) : false,
    appointedByRa: current ? { date: current.ra_date, reference: current.ra_reference } : null,
    termStart: current?.term_start ?? null,
    termEnd: current?.term_end ?? null,
    terms: terms.map((t) => ({
      termNo: t.term_no,
      raDate: t.ra_date,
      raReference: t.ra_reference,
      termStart: t.term_start,
      termEnd: t.term_end,
    })),
    declarations: {
      noConviction: m.no_conviction_declared,
      noConvictionOn: m.no_conviction_declared_on,
      noRelation: m.no_relation_declared,
      noRelationOn: m.no_relation_declared_on,
    },
    endedOn: m.ended_on,
    endReason: m.end_reason,
    endReference: m.end_reference,
    certificates: (l.certs.get(m.id) ?? []).map((c) => ({
      id: c.id.toString(),
      kind: c.kind,
      issuer: c.issuer,
      number: c.number,
      issuedOn: c.issued_on,
      validUntil: c.valid_until,
      valid: certificateValid(
        { kind: c.kind, issuedOn: c.issued_on, validUntil: c.valid_until },
        on,
      ),
    })),
  };
}

/**
 * The DPS: every person ever recorded (in office first), the composition status on `on` (today
 * by default) with its reasons, and the number of reviews waiting.
 */
export async function overview(deps: Deps, ctx: OrgContext, on?: string) {
  return inOrg(deps, ctx, async (o) => {
    await requireSharia(o);
    const date = on ?? today(deps);
    const l = await load(o);
    const members = l.rows.map((m) => memberView(l, m, date));
    members.sort((a, b) => Number(b.inOffice) - Number(a.inOffice));
    const pending = await repo.reviews(o.tx, ctx.organizationId, 'pending', 500);
    return {
      composition: compositionStatus(l.facts, date),
      members,
      pendingReviews: pending.length,
    };
  });
}

/** The composition status on a date, for the KSPPS health rubric's checklist item 1. */
export async function composition(deps: Deps, ctx: OrgContext, on: string) {
  return inOrg(deps, ctx, async (o) => {
    await requireSharia(o);
    return compositionStatus((await load(o)).facts, on);
  });
}

function termError(isMember: boolean, raDate: string, start: string, end: string | null): void {
  const p = checkTerm(isMember, raDate, { start, end });
  if (p === 'DPS_TERM_TOO_LONG')
    throw new AppError('DPS_TERM_TOO_LONG', { latest: addYears(start, OUTSIDER_TERM_YEARS) });
  if (p !== null) throw new AppError(p);
}

async function linkedUser(o: OrgTx, username: string | null): Promise<string | null> {
  if (username === null) return null;
  const id = await repo.userIdByUsername(o.tx, username);
  if (!id || !(await repo.userHasRole(o.tx, o.ctx.organizationId, id, 'dps')))
    throw new AppError('DPS_USER_NOT_ALLOWED', { username });
  // one login is one person: not already linked to a DPS member still on the board
  if (await repo.memberOfUser(o.tx, o.ctx.organizationId, id))
    throw new AppError('DPS_USER_NOT_ALLOWED', { username });
  return id;
}

export interface Declarations {
  noConviction: { value: boolean; on: string } | null;
  noRelation: { value: boolean; on: string } | null;
}

export interface AppointInput {
  fullName: string;
  isCooperativeMember: boolean;
  memberId: bigint | null;
  username: string | null;
  raDate: string;
  raReference: string;
  termStart: string;
  termEnd: string | null;
  declarations: Declarations;
}

/** A person appointed to the DPS by a rapat anggota (its date and reference), with the term. */
export async function appointMember(deps: Deps, ctx: OrgContext, input: AppointInput) {
  return inOrg(deps, ctx, async (o) => {
    await requireSharia(o);
    const coop = ctx.organizationId;
    termError(input.isCooperativeMember, input.raDate, input.termStart, input.termEnd);
    if (input.memberId !== null) {
      if (!input.isCooperativeMember)
        throw new AppError('VALIDATION_FAILED', { field: 'memberId' }, 'outsider with member', [
          { field: 'memberId', code: 'NOT_ALLOWED', message: 'memberId' },
        ]);
      if (!(await repo.memberExists(o.tx, coop, input.memberId)))
        throw new AppError('MEMBER_NOT_FOUND');
    }
    const userId = await linkedUser(o, input.username);
    const row = await repo.insertMember(o.tx, {
      cooperative_id: coop,
      full_name: input.fullName,
      is_cooperative_member: input.isCooperativeMember,
      member_id: input.memberId,
      user_id: userId,
      no_conviction_declared: input.declarations.noConviction?.value ?? null,
      no_conviction_declared_on: input.declarations.noConviction?.on ?? null,
      no_relation_declared: input.declarations.noRelation?.value ?? null,
      no_relation_declared_on: input.declarations.noRelation?.on ?? null,
      created_by: ctx.actor.userId,
    });
    await repo.insertTerm(o.tx, {
      cooperative_id: coop,
      dps_member_id: row.id,
      term_no: 1,
      ra_date: input.raDate,
      ra_reference: input.raReference,
      term_start: input.termStart,
      term_end: input.termEnd,
      created_by: ctx.actor.userId,
    });
    await o.audit({
      action: 'dps.member-appointed',
      entityType: 'dps-member',
      entityId: row.id,
      after: {
        fullName: row.full_name,
        isCooperativeMember: row.is_cooperative_member,
        raReference: input.raReference,
        termStart: input.termStart,
        termEnd: input.termEnd,
      },
    });
    const l = await load(o);
    return memberView(l, row, today(deps));
  });
}

async function openMember(o: OrgTx, id: bigint): Promise<MemberRow> {
  const m = await repo.lockMember(o.tx, o.ctx.organizationId, id);
  if (!m) throw new AppError('DPS_MEMBER_NOT_FOUND');
  if (m.ended_on !== null) throw new AppError('DPS_MEMBER_ENDED', { endedOn: m.ended_on });
  return m;
}

/** A renewal by a rapat anggota: a new term (an outsider's again at most two years). */
export async function renewTerm(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  input: { raDate: string; raReference: string; termStart: string; termEnd: string | null },
) {
  return inOrg(deps, ctx, async (o) => {
    // a DPS member exists only in a KSPPS: the lookup answers for others (404)
    const m = await openMember(o, id);
    termError(m.is_cooperative_member, input.raDate, input.termStart, input.termEnd);
    const n = await repo.lastTermNo(o.tx, ctx.organizationId, id);
    await repo.insertTerm(o.tx, {
      cooperative_id: ctx.organizationId,
      dps_member_id: id,
      term_no: n + 1,
      ra_date: input.raDate,
      ra_reference: input.raReference,
      term_start: input.termStart,
      term_end: input.termEnd,
      created_by: ctx.actor.userId,
    });
    await o.audit({
      action: 'dps.term-renewed',
      entityType: 'dps-member',
      entityId: id,
      after: { termNo: n + 1, ...input },
    });
    return memberView(await load(o), m, today(deps));
  });
}

/** The end of a membership: term not renewed, dismissal by the rapat anggota, resignation, death. */
export async function endMember(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  input: { endedOn: string; reason: EndReason; reference: string | null },
) {
  return inOrg(deps, ctx, async (o) => {
    // a DPS member exists only in a KSPPS: the lookup answers for others (404)
    await openMember(o, id);
    const row = await repo.updateMember(o.tx, ctx.organizationId, id, {
      ended_on: input.endedOn,
      end_reason: input.reason,
      end_reference: input.reference,
    });
    await o.audit({
      action: 'dps.member-ended',
      entityType: 'dps-member',
      entityId: id,
      before: { endedOn: null },
      after: { endedOn: input.endedOn, reason: input.reason, reference: input.reference },
    });
    return memberView(await load(o), row, today(deps));
  });
}

/** The two declarations of Permenkop 11/2017, each yes or no with the date it was made. */
export async function recordDeclarations(deps: Deps, ctx: OrgContext, id: bigint, d: Declarations) {
  return inOrg(deps, ctx, async (o) => {
    // a DPS member exists only in a KSPPS: the lookup answers for others (404)
    const before = await openMember(o, id);
    const row = await repo.updateMember(o.tx, ctx.organizationId, id, {
      no_conviction_declared: d.noConviction?.value ?? null,
      no_conviction_declared_on: d.noConviction?.on ?? null,
      no_relation_declared: d.noRelation?.value ?? null,
      no_relation_declared_on: d.noRelation?.on ?? null,
    });
    await o.audit({
      action: 'dps.declarations-recorded',
      entityType: 'dps-member',
      entityId: id,
      before: {
        noConviction: before.no_conviction_declared,
        noRelation: before.no_relation_declared,
      },
      after: { noConviction: row.no_conviction_declared, noRelation: row.no_relation_declared },
    });
    return memberView(await load(o), row, today(deps));
  });
}

export interface CertificateInput {
  kind: CertificateKind;
  issuer: string;
  number: string;
  issuedOn: string;
  validUntil: string | null;
}

/** A DSN-MUI DPS training certificate or an LSP competency certificate of a member. */
export async function addCertificate(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  input: CertificateInput,
) {
  return inOrg(deps, ctx, async (o) => {
    // a DPS member exists only in a KSPPS: the lookup answers for others (404)
    const m = await openMember(o, id);
    const row = await repo.insertCertificate(o.tx, {
      cooperative_id: ctx.organizationId,
      dps_member_id: id,
      kind: input.kind,
      issuer: input.issuer,
      number: input.number,
      issued_on: input.issuedOn,
      valid_until: input.validUntil,
      created_by: ctx.actor.userId,
    });
    if (!row) throw new AppError('DPS_CERTIFICATE_TAKEN', { number: input.number });
    await o.audit({
      action: 'dps.certificate-added',
      entityType: 'dps-member',
      entityId: id,
      after: { ...input },
    });
    return memberView(await load(o), m, today(deps));
  });
}

// Reviews ----------------------------------------------------------------------------------------

const reviewView = (r: ReviewRow) => ({
  id: r.id.toString(),
  subject: r.subject,
  savingsProductId: r.savings_product_id?.toString() ?? null,
  title: r.title,
  details: r.details,
  effect: r.effect,
  status: r.status,
  requestedAt: r.requested_at.toISOString(),
  decidedAt: r.decided_at?.toISOString() ?? null,
  decidedByDpsMemberId: r.decided_by_dps_member_id?.toString() ?? null,
  opinion: r.opinion,
  fatwaReference: r.fatwa_reference,
});
export type ReviewView = ReturnType<typeof reviewView>;

/** How many DPS persons are in office today: decides whether a change waits or is flagged. */
async function inOfficeToday(o: OrgTx, deps: Deps): Promise<number> {
  const on = today(deps);
  return (await load(o)).facts.filter((f) => inOffice(f, on)).length;
}

/**
 * Routes a change of a savings product to the DPS, inside the caller's transaction (called by
 * services/savings/products.ts): with a DPS in office the change waits for its approval, else it
 * takes effect and the review stays open (flagged).
 */
export async function routeProductChange(
  o: OrgTx,
  deps: Deps,
  r: {
    subject: 'savings_product' | 'nisbah_change';
    productId: bigint;
    title: string;
    details: JsonValue;
  },
): Promise<ReviewView> {
  const effect = reviewEffect(await inOfficeToday(o, deps));
  const row = await repo.insertReview(o.tx, {
    cooperative_id: o.ctx.organizationId,
    subject: r.subject,
    savings_product_id: r.productId,
    title: r.title.slice(0, 200),
    details: JSON.stringify(r.details),
    effect,
    requested_by: o.ctx.actor.userId,
  });
  await o.audit({
    action: 'dps.review-requested',
    entityType: 'dps-review',
    entityId: row.id,
    after: { subject: r.subject, productId: r.productId.toString(), effect },
  });
  return reviewView(row);
}

/** A pending review of the product that holds it back (the product or its nisbah waits). */
export async function pendingProductReview(
  o: OrgTx,
  productId: bigint,
  subject: 'savings_product' | 'nisbah_change',
) {
  return repo.pendingReviewOf(o.tx, o.ctx.organizationId, productId, subject);
}

/** A clause or template submitted for the DPS's review (financing product, akad, denda, ta'widh). */
export async function submitReview(
  deps: Deps,
  ctx: OrgContext,
  input: {
    subject: Exclude<ReviewSubject, 'savings_product' | 'nisbah_change'>;
    title: string;
    text: string;
  },
) {
  return inOrg(deps, ctx, async (o) => {
    await requireSharia(o);
    const row = await repo.insertReview(o.tx, {
      cooperative_id: ctx.organizationId,
      subject: input.subject,
      savings_product_id: null,
      title: input.title,
      details: JSON.stringify({ text: input.text }),
      effect: reviewEffect(await inOfficeToday(o, deps)),
      requested_by: ctx.actor.userId,
    });
    await o.audit({
      action: 'dps.review-requested',
      entityType: 'dps-review',
      entityId: row.id,
      after: { subject: input.subject, title: input.title },
    });
    return reviewView(row);
  });
}

export async function listReviews(
  deps: Deps,
  ctx: OrgContext,
  status: ReviewRow['status'] | undefined,
  limit: number,
) {
  return inOrg(deps, ctx, async (o) => {
    await requireSharia(o);
    return (await repo.reviews(o.tx, ctx.organizationId, status, limit)).map(reviewView);
  });
}

/** The DPS person deciding or signing: the caller's linked login, in office on `on`. */
async function dpsMemberOfCaller(o: OrgTx, on: string): Promise<MemberRow> {
  const userId = o.ctx.actor.userId;
  if (!userId) throw new AppError('DPS_NOT_IN_OFFICE');
  const m = await repo.memberOfUser(o.tx, o.ctx.organizationId, userId);
  const l = await load(o);
  const f = m && l.facts.find((x) => x.id === m.id.toString());
  if (!m || !f || !inOffice(f, on)) throw new AppError('DPS_NOT_IN_OFFICE');
  return m;
}

/**
 * The DPS's decision with its opinion. Approving a product that waited activates it; approving a
 * nisbah change that waited applies it. Rejecting a product that took effect unreviewed (flagged)
 * deactivates it for new accounts; rejecting a flagged nisbah change restores the previous table
 * (accounts opened meanwhile keep their own akad).
 */
export async function decideReview(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  input: { decision: 'approved' | 'rejected'; opinion: string; fatwaReference: string | null },
) {
  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    const r = await repo.lockReview(o.tx, coop, id);
    // a review exists only in a KSPPS: the lookup answers for others (404)
    if (!r) throw new AppError('DPS_REVIEW_NOT_FOUND');
    if (r.status !== 'pending') throw new AppError('DPS_REVIEW_NOT_PENDING');
    if (r.requested_by !== null && r.requested_by === ctx.actor.userId)
      throw new AppError('DPS_SELF_DECISION');
    const member = await dpsMemberOfCaller(o, today(deps));
    const approve = input.decision === 'approved';
    const details = (r.details ?? {}) as { proposed?: JsonValue; previous?: JsonValue };
    if (r.savings_product_id !== null) {
      const pid = r.savings_product_id;
      if (r.subject === 'savings_product') {
        if (approve && r.effect === 'waits') await repo.setProductActive(o.tx, coop, pid, true);
        if (!approve && r.effect === 'flagged') await repo.setProductActive(o.tx, coop, pid, false);
      } else if (r.subject === 'nisbah_change') {
        if (approve && r.effect === 'waits')
          await repo.setProductSettings(o.tx, coop, pid, details.proposed);
        if (!approve && r.effect === 'flagged')
          await repo.setProductSettings(o.tx, coop, pid, details.previous);
      }
    }
    const row = await repo.decideReview(o.tx, coop, id, {
      status: input.decision,
      decidedBy: ctx.actor.userId,
      dpsMemberId: member.id,
      decidedAt: deps.clock(),
      opinion: input.opinion,
      fatwaReference: input.fatwaReference,
    });
    await o.audit({
      action: `dps.review-${input.decision}`,
      entityType: 'dps-review',
      entityId: id,
      before: { status: 'pending' },
      after: { status: input.decision, dpsMember: member.full_name, effect: r.effect },
    });
    return reviewView(row);
  });
}

// Yearly opinion ---------------------------------------------------------------------------------

function opinionView(o: OpinionRow, signers: { dps_member_id: bigint; full_name: string }[]) {
  return {
    bookYear: o.book_year,
    opinionDate: o.opinion_date,
    opinion: o.opinion,
    signedBy: signers.map((s) => ({ dpsMemberId: s.dps_member_id.toString(), name: s.full_name })),
    reportedToDsnOn: o.reported_to_dsn_on,
    dsnReportReference: o.dsn_report_reference,
  };
}
export type OpinionView = ReturnType<typeof opinionView>;

async function opinionsOf(o: OrgTx, year?: number): Promise<OpinionView[]> {
  const coop = o.ctx.organizationId;
  const rows = await repo.opinions(o.tx, coop, year);
  const signers = await repo.signatories(o.tx, coop);
  return rows.map((r) =>
    opinionView(
      r,
      signers.filter((s) => s.book_year === r.book_year),
    ),
  );
}

/** Every yearly opinion, newest book year first. */
export async function listOpinions(deps: Deps, ctx: OrgContext) {
  return inOrg(deps, ctx, async (o) => {
    await requireSharia(o);
    return opinionsOf(o);
  });
}

/**
 * The DPS's opinion on a book year, for the RAT package (issue 17) to attach; DPS_OPINION_NOT_FOUND
 * when none is recorded.
 */
export async function opinionForYear(deps: Deps, ctx: OrgContext, year: number) {
  return inOrg(deps, ctx, async (o) => {
    await requireSharia(o);
    const [v] = await opinionsOf(o, year);
    if (!v) throw new AppError('DPS_OPINION_NOT_FOUND', { year: String(year) });
    return v;
  });
}

export interface OpinionInput {
  opinionDate: string;
  opinion: string;
  signedBy: bigint[];
  reportedToDsnOn: string | null;
  dsnReportReference: string | null;
}

/**
 * Records (or corrects) the opinion of a book year: recorded by a DPS member in office, signed by
 * DPS members in office on its date; the date of the report to DSN-MUI when it was sent.
 */
export async function recordOpinion(
  deps: Deps,
  ctx: OrgContext,
  year: number,
  input: OpinionInput,
) {
  return inOrg(deps, ctx, async (o) => {
    await requireSharia(o);
    await dpsMemberOfCaller(o, today(deps));
    return saveOpinion(o, year, input);
  });
}

/** Shared with the demo (which records the opinion without a DPS login in its context). */
export async function saveOpinion(o: OrgTx, year: number, input: OpinionInput) {
  const l = await load(o);
  const signers = [...new Set(input.signedBy.map(String))];
  for (const s of signers) {
    const f = l.facts.find((x) => x.id === s);
    if (!f || !inOffice(f, input.opinionDate))
      throw new AppError('DPS_SIGNATORY_NOT_IN_OFFICE', { date: input.opinionDate });
  }
  const before = await repo.opinions(o.tx, o.ctx.organizationId, year);
  await repo.saveOpinion(
    o.tx,
    {
      cooperative_id: o.ctx.organizationId,
      book_year: year,
      opinion_date: input.opinionDate,
      opinion: input.opinion,
      reported_to_dsn_on: input.reportedToDsnOn,
      dsn_report_reference: input.dsnReportReference,
      recorded_by: o.ctx.actor.userId,
    },
    signers.map(BigInt),
  );
  await o.audit({
    action: 'dps.opinion-recorded',
    entityType: 'dps-opinion',
    entityId: String(year),
    before: before[0] ? { opinionDate: before[0].opinion_date } : null,
    after: {
      opinionDate: input.opinionDate,
      signedBy: signers,
      reportedToDsnOn: input.reportedToDsnOn,
    },
  });
  const [v] = await opinionsOf(o, year);
  if (!v) throw new Error('opinion not saved');
  return v;
}

/**
 * Items 1–3 of the KSPPS sharia-compliance checklist for a book year (the sharia rubric's
 * kepatuhan prinsip syariah): the composition on 31 December, the report to DSN-MUI of that year's
 * opinion, and the DPS's approval of every savings product with its fatwa basis.
 */
export async function checklist(deps: Deps, ctx: OrgContext, year: number) {
  return inOrg(deps, ctx, async (o) => {
    await requireSharia(o);
    const coop = ctx.organizationId;
    const composition = compositionStatus((await load(o)).facts, `${year}-12-31`);
    const [opinion] = await opinionsOf(o, year);
    const products = (await repo.productApprovals(o.tx, coop)).map((p) => ({
      code: p.code,
      status: p.status,
      fatwaReference: p.fatwa_reference,
    }));
    return { year, items: complianceChecklist(composition, opinion ?? null, products) };
  });
}
