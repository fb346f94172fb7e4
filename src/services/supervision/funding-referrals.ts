import { sql } from 'kysely';
import * as repo from '../../db/funding-referrals.repo.js';
import * as registryRepo from '../../db/registry.repo.js';
import * as reportsRepo from '../../db/supervision-reports.repo.js';
import { findUserById } from '../../db/users.repo.js';
import { businessDateWib } from '../../domain/calendar.js';
import { AppError } from '../../domain/errors.js';
import type { CaseFileEntry } from '../../domain/supervision/case-file.js';
import { ratBookYearDue } from '../../domain/supervision/early-warning.js';
import {
  checkTransition,
  compareReadiness,
  FUNDING_PROGRAMMES,
  PROGRAMMES,
  readiness,
  referralLetterNumber,
  type FundingProgramme,
  type Readiness,
  type ReadinessFacts,
  type ReferralStatus,
} from '../../domain/supervision/funding-referral.js';
import {
  dueDateOf,
  endedPeriods,
  rulesInForce,
  timeliness,
} from '../../domain/supervision/report.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { regionOf } from '../registry/entries.js';
import { ruleOf } from './reports.js';

/**
 * Funding referrals of a supervising office (issue 16 item 7; docs/domain/supervision-funding.md):
 * each cooperative's readiness for a lender's programme computed from what the office holds, the
 * referrals with their numbered cover letters, and the outcome as a status history. Rules in
 * src/domain/supervision/funding-referral.ts; every call runs in the office's tenant transaction.
 */

/** The readiness list answers at most this many cooperatives (a city has a few hundred). */
export const READINESS_LIST_MAX = 2000;
/** Quarters read for the reports item: enough for four due ones when the newest is not yet due. */
const QUARTERS_READ = 6;
export const REFERRALS_LIST_MAX = 500;

const invalid = (field: string, code: string) =>
  new AppError('VALIDATION_FAILED', { field }, `${field}: ${code}`, [
    { field, code, message: code },
  ]);

async function factsOf(
  o: OrgTx,
  region: string,
  today: string,
  q: { registryId?: bigint; limit: number },
): Promise<{ row: repo.FactsRow; facts: Omit<ReadinessFacts, 'auditConfirmed'> }[]> {
  const ratBookYear = ratBookYearDue(today, 0);
  const rows = await repo.factsRows(o.tx, region, ratBookYear, q);
  const periods = endedPeriods('quarterly', today, QUARTERS_READ);
  const [subs, schedules] = await Promise.all([
    reportsRepo.submissionsFor(
      o.tx,
      region,
      rows.map((r) => r.registry_id),
      'quarterly',
      periods,
    ),
    reportsRepo.schedules(o.tx),
  ]);
  const rules = schedules.map(ruleOf);
  const first = new Map(subs.map((s) => [`${s.registry_id}|${s.period}`, s.first_submitted_on]));
  return rows.map((row) => {
    const inForce = rulesInForce(rules, row.region_code);
    return {
      row,
      facts: {
        cooperativeType: row.cooperative_type,
        status: row.status,
        badanHukumNumber: row.badan_hukum_number,
        nib: row.nib,
        npwp: row.npwp,
        predikat: row.predikat,
        assessedPeriod: row.assessed_period,
        quarters: periods.map((period) => ({
          period,
          status: timeliness(
            dueDateOf(inForce, 'quarterly', period),
            first.get(`${row.registry_id}|${period}`) ?? null,
            today,
          ),
        })),
        ratBookYear,
        ratHeldOn: row.rat_held_on,
        loansRupiah: row.loans_rupiah,
        loansPeriod: row.loans_period,
      },
    };
  });
}

const readinessView = (r: Readiness) => ({
  programme: r.programme,
  ready: r.ready,
  metRequired: r.metRequired,
  required: r.required,
  items: r.items,
});

/** The region's cooperatives ranked by readiness for a programme, most ready first. */
export async function readinessList(
  deps: Deps,
  ctx: OrgContext,
  q: { programme: FundingProgramme; readyOnly?: boolean },
) {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const all = await factsOf(o, region, today, { limit: READINESS_LIST_MAX + 1 });
    const items = all
      .slice(0, READINESS_LIST_MAX)
      .map(({ row, facts }) => ({
        registryId: row.registry_id.toString(),
        name: row.name,
        cooperativeType: row.cooperative_type,
        status: row.status,
        readiness: readiness(q.programme, { ...facts, auditConfirmed: false }),
      }))
      .sort(
        (a, b) => compareReadiness(a.readiness, b.readiness) || a.name.localeCompare(b.name, 'id'),
      )
      .filter((i) => !q.readyOnly || i.readiness.ready)
      .map((i) => ({ ...i, readiness: readinessView(i.readiness) }));
    return {
      programme: q.programme,
      asOf: today,
      truncated: all.length > READINESS_LIST_MAX,
      items,
    };
  });
}

async function mustFacts(o: OrgTx, region: string, today: string, registryId: bigint) {
  const f = (await factsOf(o, region, today, { registryId, limit: 1 }))[0];
  if (!f) throw new AppError('NOT_FOUND');
  return f;
}

export const programmesView = () =>
  FUNDING_PROGRAMMES.map((c) => ({
    code: c,
    name: PROGRAMMES[c].name,
    lender: PROGRAMMES[c].lender,
    types: [...PROGRAMMES[c].types],
    requires: [...PROGRAMMES[c].requires],
    source: PROGRAMMES[c].source,
    ourReading: PROGRAMMES[c].ourReading,
  }));

/** One cooperative's checklist for every programme, with its referrals. */
export async function cooperativeReadiness(deps: Deps, ctx: OrgContext, registryId: bigint) {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const { row, facts } = await mustFacts(o, region, today, registryId);
    return {
      registryId: row.registry_id.toString(),
      name: row.name,
      cooperativeType: row.cooperative_type,
      asOf: today,
      programmes: FUNDING_PROGRAMMES.map((p) =>
        readinessView(readiness(p, { ...facts, auditConfirmed: false })),
      ),
      referrals: await referralViews(o, region, { registryId }),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Referrals.

const STATUS_TITLES: Record<ReferralStatus, string> = {
  referred: 'Dirujuk',
  under_review: 'Sedang ditelaah',
  approved: 'Disetujui',
  rejected: 'Ditolak',
  disbursed: 'Dicairkan',
};

const packageHref = (orgId: string, id: bigint | string, ext: 'pdf' | 'xlsx') =>
  `/orgs/${orgId}/funding/referrals/${id}/package.${ext}`;

async function referralViews(
  o: OrgTx,
  region: string,
  q: { registryId?: bigint; referralId?: bigint },
) {
  const rows = await repo.referrals(o.tx, region, { ...q, limit: REFERRALS_LIST_MAX });
  const events = await repo.eventsOf(
    o.tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const history = events
      .filter((e) => e.referral_id === r.id)
      .map((e) => ({
        status: e.status,
        on: e.status_on,
        amountRupiah: e.amount_rupiah?.toString() ?? null,
        reason: e.reason,
        note: e.note,
        recordedBy: e.recorded_by_name,
      }));
    const last = history.at(-1)!;
    const approved = history.find((h) => h.status === 'approved');
    const disbursed = history.find((h) => h.status === 'disbursed');
    return {
      id: r.id.toString(),
      registryId: r.registry_id.toString(),
      cooperativeName: r.cooperative_name,
      programme: r.programme,
      amountRequestedRupiah: r.amount_requested_rupiah.toString(),
      amountApprovedRupiah: approved?.amountRupiah ?? null,
      amountDisbursedRupiah: disbursed?.amountRupiah ?? null,
      purpose: r.purpose,
      referredOn: r.referred_on,
      letterNumber: r.letter_number,
      officerName: r.officer_name,
      auditConfirmed: r.audit_confirmed,
      status: last.status,
      statusOn: last.on,
      history,
      readiness: r.readiness as ReturnType<typeof readinessView>,
      pdfHref: packageHref(o.ctx.organizationId, r.id, 'pdf'),
      xlsxHref: packageHref(o.ctx.organizationId, r.id, 'xlsx'),
    };
  });
}
export type ReferralView = Awaited<ReturnType<typeof referralViews>>[number];

export async function listReferrals(
  deps: Deps,
  ctx: OrgContext,
  q: { registryId?: bigint; status?: ReferralStatus },
) {
  return inOrg(deps, ctx, async (o) => {
    const items = await referralViews(o, await regionOf(o), q);
    return { items: q.status ? items.filter((i) => i.status === q.status) : items };
  });
}

async function mustReferral(o: OrgTx, region: string, referralId: bigint) {
  const r = (await referralViews(o, region, { referralId }))[0];
  if (!r) throw new AppError('NOT_FOUND');
  return r;
}

export async function getReferral(deps: Deps, ctx: OrgContext, referralId: bigint) {
  return inOrg(deps, ctx, async (o) => mustReferral(o, await regionOf(o), referralId));
}

export interface NewReferral {
  registryId: bigint;
  programme: FundingProgramme;
  amountRequestedRupiah: bigint;
  purpose: string;
  referredOn?: string;
  /** the officer confirms the public accountant's audit (asked when loans exceed Rp 2.5 billion) */
  auditConfirmed: boolean;
}

/**
 * Refers a ready cooperative: every item the programme requires met on the day (the audit
 * confirmed by the officer where it is asked). The readiness is kept with the referral; the cover
 * letter takes the office's next number of the year; the history starts with 'referred'.
 */
export async function createReferral(deps: Deps, ctx: OrgContext, input: NewReferral) {
  const today = businessDateWib(deps.clock());
  const referredOn = input.referredOn ?? today;
  if (referredOn > today) throw invalid('referredOn', 'DATE_IN_FUTURE');
  if (input.amountRequestedRupiah <= 0n)
    throw invalid('amountRequestedRupiah', 'REQUIRED_POSITIVE');
  const purpose = input.purpose.trim();
  if (purpose === '') throw invalid('purpose', 'REQUIRED');
  const userId = ctx.actor.userId;
  if (!userId) throw new AppError('FORBIDDEN');
  const id = await inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    // one change of a cooperative's referrals at a time
    if (!(await registryRepo.findRegistryRow(o.tx, region, input.registryId, true)))
      throw new AppError('NOT_FOUND');
    const { row, facts } = await mustFacts(o, region, today, input.registryId);
    const r = readiness(input.programme, { ...facts, auditConfirmed: input.auditConfirmed });
    if (!r.ready) {
      const open = r.items.filter((x) => x.required && x.state !== 'met').map((x) => x.item);
      throw new AppError(
        'FUNDING_NOT_READY',
        { items: open.join(', ') },
        `not ready: ${open.join(', ')}`,
        open.map((x) => ({ field: `readiness.${x}`, code: 'NOT_MET', message: 'NOT_MET' })),
      );
    }
    const year = Number(referredOn.slice(0, 4));
    await sql`select pg_advisory_xact_lock(hashtext(${`funding-letter:${ctx.organizationId}:${year}`}))`.execute(
      o.tx,
    );
    const seq = await repo.nextLetterSeq(o.tx, ctx.organizationId, year);
    const user = await findUserById(o.tx, userId);
    const referralId = await repo.insertReferral(
      o.tx,
      {
        region_code: row.region_code,
        registry_id: input.registryId,
        office_id: ctx.organizationId,
        programme: input.programme,
        amount_requested_rupiah: input.amountRequestedRupiah,
        purpose,
        referred_on: referredOn,
        letter_year: year,
        letter_seq: seq,
        letter_number: referralLetterNumber(seq, year),
        officer_user_id: userId,
        officer_name: user?.fullName ?? ctx.actor.label,
        readiness: JSON.stringify(readinessView(r)),
        audit_confirmed: input.auditConfirmed,
      },
      userId,
    );
    await o.audit({
      action: 'funding.referred',
      entityType: 'registry-cooperative',
      entityId: input.registryId,
      after: {
        referralId: referralId.toString(),
        programme: input.programme,
        amountRequestedRupiah: input.amountRequestedRupiah.toString(),
        referredOn,
        letterNumber: referralLetterNumber(seq, year),
        auditConfirmed: input.auditConfirmed,
      },
    });
    return referralId;
  });
  return getReferral(deps, ctx, id);
}

export interface StatusChange {
  status: ReferralStatus;
  on?: string;
  amountRupiah: bigint | null;
  reason: string | null;
  note: string | null;
}

/** Moves a referral to its next status (a new row of its history), as the lender decided. */
export async function moveReferral(
  deps: Deps,
  ctx: OrgContext,
  referralId: bigint,
  change: StatusChange,
) {
  const today = businessDateWib(deps.clock());
  const on = change.on ?? today;
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const pre = await mustReferral(o, region, referralId);
    await registryRepo.findRegistryRow(o.tx, region, BigInt(pre.registryId), true);
    // read again under the cooperative's lock: another change may have landed meanwhile
    const r = await mustReferral(o, region, referralId);
    const problem = checkTransition(
      {
        status: r.status,
        on: r.statusOn,
        amountRequestedRupiah: BigInt(r.amountRequestedRupiah),
        amountApprovedRupiah:
          r.amountApprovedRupiah === null ? null : BigInt(r.amountApprovedRupiah),
      },
      {
        to: change.status,
        on,
        amountRupiah: change.amountRupiah,
        reason: change.reason?.trim() || null,
      },
      today,
    );
    if (problem?.kind === 'out_of_order')
      throw new AppError('FUNDING_REFERRAL_OUT_OF_ORDER', {
        from: problem.from,
        to: problem.to,
      });
    if (problem) throw invalid(problem.field, problem.code);
    const row = (await repo.referrals(o.tx, region, { referralId, limit: 1 }))[0]!;
    await repo.insertEvent(o.tx, {
      region_code: row.region_code,
      registry_id: row.registry_id,
      referral_id: referralId,
      seq: r.history.length + 1,
      status: change.status,
      status_on: on,
      amount_rupiah: change.amountRupiah,
      reason: change.reason?.trim() || null,
      note: change.note?.trim() || null,
      recorded_by: ctx.actor.userId,
    });
    await o.audit({
      action: 'funding.status-changed',
      entityType: 'registry-cooperative',
      entityId: row.registry_id,
      before: { referralId: referralId.toString(), status: r.status },
      after: {
        referralId: referralId.toString(),
        status: change.status,
        on,
        amountRupiah: change.amountRupiah?.toString() ?? null,
        reason: change.reason ?? null,
      },
    });
    return mustReferral(o, region, referralId);
  });
}

// ---------------------------------------------------------------------------------------------
// The document package's data.

export async function packageData(deps: Deps, ctx: OrgContext, referralId: bigint) {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const referral = await mustReferral(o, region, referralId);
    const registryId = BigInt(referral.registryId);
    const cooperative = (await registryRepo.findRegistryRow(o.tx, region, registryId))!;
    const [quarters, assessment, officeName] = await Promise.all([
      repo.lastQuarters(o.tx, registryId, 4),
      repo.latestAssessment(o.tx, registryId),
      registryRepo.officeName(o.tx, ctx.organizationId),
    ]);
    return {
      today,
      officeName: officeName ?? 'Dinas Koperasi',
      referral,
      programme: PROGRAMMES[referral.programme],
      cooperative,
      quarters,
      assessment,
    };
  });
}
export type PackageData = Awaited<ReturnType<typeof packageData>>;

// ---------------------------------------------------------------------------------------------
// The case file (src/domain/supervision/case-file.ts).

const rupiah = (v: string) => `Rp ${v.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;

/**
 * The cooperative's referrals as case-file entries: one per status change, dated the day of the
 * status, by the officer who recorded it, with the referral's package (PDF and Excel).
 */
export async function caseFileEntries(o: OrgTx, registryId: bigint): Promise<CaseFileEntry[]> {
  const region = await regionOf(o);
  const referrals = await referralViews(o, region, { registryId });
  return referrals.flatMap((r) =>
    r.history.map((h, i) => ({
      on: h.on,
      kind: 'referral' as const,
      title: `Rujukan pendanaan ${PROGRAMMES[r.programme].name}: ${STATUS_TITLES[h.status]}`,
      detail: [
        i === 0
          ? `Surat ${r.letterNumber}; diajukan ${rupiah(r.amountRequestedRupiah)} untuk ${r.purpose}`
          : '',
        h.amountRupiah !== null ? rupiah(h.amountRupiah) : '',
        h.reason ?? '',
        h.note ?? '',
      ]
        .filter((s) => s !== '')
        .join('; '),
      actor: h.recordedBy,
      documents: [
        {
          name: `Paket rujukan ${r.letterNumber} (PDF)`,
          href: packageHref(o.ctx.organizationId, r.id, 'pdf'),
        },
        {
          name: `Paket rujukan ${r.letterNumber} (Excel)`,
          href: packageHref(o.ctx.organizationId, r.id, 'xlsx'),
        },
      ],
      ref: `referral:${r.id}:${h.status}`,
    })),
  );
}
