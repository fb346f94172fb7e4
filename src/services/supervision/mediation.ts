import * as registryRepo from '../../db/registry.repo.js';
import * as repo from '../../db/mediation.repo.js';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError, invalidFields as invalid } from '../../domain/errors.js';
import type { CaseFileEntry } from '../../domain/supervision/case-file.js';
import {
  agreementProgress,
  canMove,
  instalmentPlan,
  instalmentState,
  INSTALMENTS_MAX,
  type MediationKind,
} from '../../domain/supervision/mediation.js';
import { actingUserId, inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { regionOf } from '../registry/entries.js';

/**
 * Mediation (issue 16 item 6; docs/domain/supervision-mediation.md): the office's cases of a
 * cooperative failing to pay its members or of a dispute — parties and claims, meetings with
 * minutes, the agreement with its instalment plan and its tracking. Every transaction names its
 * user first (`repo.actAs`), and row-level security shows a case only to the officer who opened it
 * and those assigned: an unassigned officer of the same office gets 404, as another office does.
 */

export const CASES_LIST_MAX = 200;

/** A tenant transaction in which the acting user's mediation cases are visible. */
function asOfficer<T>(deps: Deps, ctx: OrgContext, fn: (o: OrgTx) => Promise<T>) {
  return inOrg(deps, ctx, async (o) => {
    await repo.actAs(o.tx, actingUserId(ctx));
    return fn(o);
  });
}

async function mustSee(o: OrgTx, caseId: bigint, forUpdate = false) {
  const c = await repo.findCase(o.tx, caseId, forUpdate);
  if (!c) throw new AppError('NOT_FOUND');
  return c;
}

const caseView = (c: repo.CaseRow) => ({
  id: c.id.toString(),
  registryId: c.registry_id.toString(),
  cooperative: c.registry_name,
  kind: c.kind,
  title: c.title,
  summary: c.summary,
  openedOn: c.opened_on,
  status: c.status,
  closedOn: c.closed_on,
  closingNote: c.closing_note,
  openedBy: c.created_by_name,
  claimsRupiah: c.claims_rupiah.toString(),
  parties: c.parties,
});

export async function listCases(deps: Deps, ctx: OrgContext, q: { registryId?: bigint }) {
  return asOfficer(deps, ctx, async (o) => {
    await regionOf(o);
    const rows = await repo.listCases(o.tx, { ...q, limit: CASES_LIST_MAX });
    return rows.map(caseView);
  });
}

/** One case with its officers, parties, meetings and agreement (with the instalments' states). */
export async function caseDetail(deps: Deps, ctx: OrgContext, caseId: bigint) {
  const today = businessDateWib(deps.clock());
  return asOfficer(deps, ctx, (o) => detailIn(o, caseId, today));
}

async function detailIn(o: OrgTx, caseId: bigint, today: string) {
  const c = await mustSee(o, caseId);
  const [officers, parties, meetings, agreement] = await Promise.all([
    repo.officersOf(o.tx, caseId),
    repo.partiesOf(o.tx, caseId),
    repo.meetingsOf(o.tx, caseId),
    repo.agreementOf(o.tx, caseId),
  ]);
  const instalments = (agreement?.instalments ?? []).map((i) => ({
    dueOn: i.due_on,
    amountRupiah: i.amount_rupiah,
    paidRupiah: i.paid_rupiah,
  }));
  const progress = agreement ? agreementProgress(instalments, today) : null;
  return {
    ...caseView(c),
    today,
    officers: officers.map((x) => ({
      userId: x.user_id,
      fullName: x.full_name,
      assignedOn: x.assigned_on,
    })),
    partyList: parties.map((p) => ({
      id: p.id.toString(),
      role: p.role,
      name: p.name,
      contact: p.contact,
      claim: p.claim,
      claimRupiah: p.claim_rupiah?.toString() ?? null,
    })),
    meetings: meetings.map((m) => ({
      id: m.id.toString(),
      heldOn: m.held_on,
      place: m.place,
      attendees: m.attendees,
      minutes: m.minutes,
      recordedBy: m.recorded_by_name,
    })),
    agreement: agreement
      ? {
          signedOn: agreement.signed_on,
          terms: agreement.terms,
          totalRupiah: agreement.total_rupiah.toString(),
          recordedBy: agreement.recorded_by_name,
          paidRupiah: progress!.paidRupiah.toString(),
          owedRupiah: progress!.owedRupiah.toString(),
          overdueRupiah: progress!.overdueRupiah.toString(),
          overdueCount: progress!.overdueCount,
          fulfilled: progress!.fulfilled,
          instalments: agreement.instalments.map((i) => ({
            no: i.no,
            dueOn: i.due_on,
            amountRupiah: i.amount_rupiah.toString(),
            paidOn: i.paid_on,
            paidRupiah: i.paid_rupiah.toString(),
            state: instalmentState(
              { dueOn: i.due_on, amountRupiah: i.amount_rupiah, paidRupiah: i.paid_rupiah },
              today,
            ),
          })),
        }
      : null,
  };
}

export interface OpenCaseInput {
  registryId: bigint;
  kind: MediationKind;
  title: string;
  summary: string;
  openedOn?: string;
  officerUserIds?: string[];
}

/** Opens a case of a cooperative of the region; its opener and the officers named are assigned. */
export async function openCase(deps: Deps, ctx: OrgContext, input: OpenCaseInput) {
  const today = businessDateWib(deps.clock());
  const openedOn = input.openedOn ?? today;
  if (openedOn > today) throw invalid([{ field: 'openedOn', code: 'IN_FUTURE' }]);
  return asOfficer(deps, ctx, async (o) => {
    const me = actingUserId(ctx);
    const region = await regionOf(o);
    const row = await registryRepo.findRegistryRow(o.tx, region, input.registryId);
    if (!row) throw new AppError('NOT_FOUND');
    const wanted = [...new Set([me, ...(input.officerUserIds ?? [])])];
    const known = await repo.officeUsers(o.tx, ctx.organizationId, wanted);
    if (known.length !== wanted.length)
      throw invalid([{ field: 'officerUserIds', code: 'NOT_AN_OFFICER' }]);
    const id = await repo.insertCase(o.tx, {
      region_code: row.region_code,
      registry_id: row.id,
      kind: input.kind,
      title: input.title,
      summary: input.summary,
      opened_on: openedOn,
      created_by: me,
    });
    const c = { region_code: row.region_code, registry_id: row.id, id };
    await repo.assignOfficers(o.tx, c, wanted, today, me);
    await o.audit({
      action: 'mediation.case-opened',
      entityType: 'mediation-case',
      entityId: id,
      after: {
        registryId: row.id.toString(),
        kind: input.kind,
        title: input.title,
        officers: wanted,
      },
    });
    return detailIn(o, id, today);
  });
}

/** Assigns more officers of the office to a case (only someone who sees the case can). */
export async function assignOfficers(
  deps: Deps,
  ctx: OrgContext,
  caseId: bigint,
  userIds: string[],
) {
  const today = businessDateWib(deps.clock());
  return asOfficer(deps, ctx, async (o) => {
    const c = await mustSee(o, caseId);
    const known = await repo.officeUsers(o.tx, ctx.organizationId, userIds);
    if (known.length !== new Set(userIds).size)
      throw invalid([{ field: 'userIds', code: 'NOT_AN_OFFICER' }]);
    await repo.assignOfficers(o.tx, c, known, today, actingUserId(ctx));
    await o.audit({
      action: 'mediation.officers-assigned',
      entityType: 'mediation-case',
      entityId: caseId,
      after: { userIds: known },
    });
    return detailIn(o, caseId, today);
  });
}

async function mustBeOpen(o: OrgTx, caseId: bigint) {
  const c = await mustSee(o, caseId, true);
  if (c.status === 'resolved' || c.status === 'failed')
    throw invalid([{ field: 'status', code: 'CASE_CLOSED' }]);
  return c;
}

export async function addParty(
  deps: Deps,
  ctx: OrgContext,
  caseId: bigint,
  p: {
    role: 'pengadu' | 'koperasi' | 'lainnya';
    name: string;
    contact?: string | null;
    claim?: string | null;
    claimRupiah?: bigint | null;
  },
) {
  const today = businessDateWib(deps.clock());
  return asOfficer(deps, ctx, async (o) => {
    const c = await mustBeOpen(o, caseId);
    await repo.insertParty(o.tx, c, {
      role: p.role,
      name: p.name,
      contact: p.contact ?? null,
      claim: p.claim ?? null,
      claimRupiah: p.claimRupiah ?? null,
    });
    await o.audit({
      action: 'mediation.party-added',
      entityType: 'mediation-case',
      entityId: caseId,
      after: { role: p.role, name: p.name, claimRupiah: p.claimRupiah?.toString() ?? null },
    });
    return detailIn(o, caseId, today);
  });
}

export async function addMeeting(
  deps: Deps,
  ctx: OrgContext,
  caseId: bigint,
  m: { heldOn: string; place?: string | null; attendees: string; minutes: string },
) {
  const today = businessDateWib(deps.clock());
  if (m.heldOn > today) throw invalid([{ field: 'heldOn', code: 'IN_FUTURE' }]);
  return asOfficer(deps, ctx, async (o) => {
    const c = await mustBeOpen(o, caseId);
    if (m.heldOn < c.opened_on) throw invalid([{ field: 'heldOn', code: 'BEFORE_CASE' }]);
    await repo.insertMeeting(o.tx, c, { ...m, place: m.place ?? null, by: actingUserId(ctx) });
    await o.audit({
      action: 'mediation.meeting-recorded',
      entityType: 'mediation-case',
      entityId: caseId,
      after: { heldOn: m.heldOn },
    });
    return detailIn(o, caseId, today);
  });
}

/** The agreement the parties signed, with its instalment plan; the case is then monitored. */
export async function recordAgreement(
  deps: Deps,
  ctx: OrgContext,
  caseId: bigint,
  a: {
    signedOn: string;
    terms: string;
    totalRupiah: bigint;
    instalments: number;
    firstDueOn: string;
  },
) {
  const today = businessDateWib(deps.clock());
  const problems: { field: string; code: string }[] = [];
  if (a.signedOn > today) problems.push({ field: 'signedOn', code: 'IN_FUTURE' });
  if (a.firstDueOn < a.signedOn) problems.push({ field: 'firstDueOn', code: 'BEFORE_SIGNING' });
  if (a.instalments < 1 || a.instalments > INSTALMENTS_MAX)
    problems.push({ field: 'instalments', code: 'OUT_OF_RANGE' });
  if (a.totalRupiah < BigInt(Math.max(1, a.instalments)))
    problems.push({ field: 'totalRupiah', code: 'TOO_SMALL' });
  if (problems.length > 0) throw invalid(problems);
  return asOfficer(deps, ctx, async (o) => {
    const c = await mustBeOpen(o, caseId);
    if (!canMove(c.status, 'agreement'))
      throw invalid([{ field: 'status', code: 'AGREEMENT_EXISTS' }]);
    if (a.signedOn < c.opened_on) throw invalid([{ field: 'signedOn', code: 'BEFORE_CASE' }]);
    const plan = instalmentPlan(a.totalRupiah, a.instalments, a.firstDueOn);
    await repo.insertAgreement(o.tx, c, { ...a, by: actingUserId(ctx), plan });
    await repo.closeCase(o.tx, caseId, 'agreement', null, null);
    await o.audit({
      action: 'mediation.agreement-recorded',
      entityType: 'mediation-case',
      entityId: caseId,
      after: {
        signedOn: a.signedOn,
        totalRupiah: a.totalRupiah.toString(),
        instalments: a.instalments,
      },
    });
    return detailIn(o, caseId, today);
  });
}

/** A payment on an instalment, as the office learns of it; never more than what is due on it. */
export async function recordPayment(
  deps: Deps,
  ctx: OrgContext,
  caseId: bigint,
  p: { no: number; paidOn: string; amountRupiah: bigint },
) {
  const today = businessDateWib(deps.clock());
  if (p.paidOn > today) throw invalid([{ field: 'paidOn', code: 'IN_FUTURE' }]);
  return asOfficer(deps, ctx, async (o) => {
    const c = await mustSee(o, caseId, true);
    if (c.status !== 'agreement') throw invalid([{ field: 'status', code: 'NO_AGREEMENT' }]);
    const paid = await repo.payInstalment(o.tx, caseId, p.no, p.paidOn, p.amountRupiah);
    if (!paid) throw invalid([{ field: 'amountRupiah', code: 'MORE_THAN_DUE' }]);
    await o.audit({
      action: 'mediation.payment-recorded',
      entityType: 'mediation-case',
      entityId: caseId,
      after: { no: p.no, paidOn: p.paidOn, amountRupiah: p.amountRupiah.toString() },
    });
    return detailIn(o, caseId, today);
  });
}

/** Closes a case: resolved (an agreement must be fulfilled first) or failed, with a note. */
export async function closeCase(
  deps: Deps,
  ctx: OrgContext,
  caseId: bigint,
  x: { status: 'resolved' | 'failed'; note: string },
) {
  const today = businessDateWib(deps.clock());
  return asOfficer(deps, ctx, async (o) => {
    const c = await mustSee(o, caseId, true);
    if (!canMove(c.status, x.status)) throw invalid([{ field: 'status', code: 'NOT_ALLOWED' }]);
    if (x.status === 'resolved' && c.status === 'agreement') {
      const a = await repo.agreementOf(o.tx, caseId);
      const progress = agreementProgress(
        (a?.instalments ?? []).map((i) => ({
          dueOn: i.due_on,
          amountRupiah: i.amount_rupiah,
          paidRupiah: i.paid_rupiah,
        })),
        today,
      );
      if (!progress.fulfilled)
        throw invalid([{ field: 'status', code: 'AGREEMENT_NOT_FULFILLED' }]);
    }
    await repo.closeCase(o.tx, caseId, x.status, today, x.note);
    await o.audit({
      action: 'mediation.case-closed',
      entityType: 'mediation-case',
      entityId: caseId,
      before: { status: c.status },
      after: { status: x.status, note: x.note },
    });
    return detailIn(o, caseId, today);
  });
}

const KIND_TITLE: Record<MediationKind, string> = {
  gagal_bayar: 'Mediasi gagal bayar',
  sengketa: 'Mediasi sengketa',
};

/**
 * The case file's mediation entries, for the acting user only (the cases they may see): each
 * case opened, its meetings, its agreement and its closing.
 */
export async function caseFileEntries(o: OrgTx, registryId: bigint): Promise<CaseFileEntry[]> {
  await repo.actAs(o.tx, o.ctx.actor.userId);
  const cases = await repo.listCases(o.tx, { registryId, limit: CASES_LIST_MAX });
  const out: CaseFileEntry[] = [];
  for (const c of cases) {
    out.push({
      on: c.opened_on,
      kind: 'mediation',
      title: `${KIND_TITLE[c.kind]}: ${c.title}`,
      detail: `${c.parties} pihak; tuntutan Rp ${c.claims_rupiah.toLocaleString('id-ID')}`,
      actor: c.created_by_name,
      documents: [],
      ref: `mediation:${c.id}`,
    });
    for (const m of await repo.meetingsOf(o.tx, c.id))
      out.push({
        on: m.held_on,
        kind: 'mediation',
        title: `Pertemuan mediasi: ${c.title}`,
        detail: m.minutes.length > 300 ? `${m.minutes.slice(0, 297)}...` : m.minutes,
        actor: m.recorded_by_name,
        documents: [],
        ref: `mediation-meeting:${m.id}`,
      });
    const a = await repo.agreementOf(o.tx, c.id);
    if (a)
      out.push({
        on: a.signed_on,
        kind: 'mediation',
        title: `Kesepakatan mediasi: ${c.title}`,
        detail: `Rp ${a.total_rupiah.toLocaleString('id-ID')} dalam ${a.instalments.length} angsuran`,
        actor: a.recorded_by_name,
        documents: [],
        ref: `mediation-agreement:${c.id}`,
      });
    if (c.closed_on)
      out.push({
        on: c.closed_on,
        kind: 'mediation',
        title: `Mediasi ${c.status === 'resolved' ? 'selesai' : 'gagal'}: ${c.title}`,
        detail: c.closing_note ?? '',
        actor: null,
        documents: [],
        ref: `mediation-closed:${c.id}`,
      });
  }
  return out;
}
