import * as repo from '../../db/training.repo.js';
import { findRegistryRow } from '../../db/registry.repo.js';
import { addDays, businessDateWib } from '../../domain/calendar.js';
import { AppError, invalidFields as invalid } from '../../domain/errors.js';
import type { CaseFileEntry } from '../../domain/supervision/case-file.js';
import {
  attendanceRate,
  certificationRequirement,
  checkCertificate,
  checkEvent,
  checkResult,
  DEFAULT_REQUIREMENT,
  EXPIRY_WINDOW_DAYS,
  expiryStatus,
  type CertificateInput,
  type CooperativePosition,
  type EventInput,
  type TrainingResult,
} from '../../domain/supervision/training.js';
import { inOrg, type Deps, type OrgContext, type OrgTx } from '../context.js';
import { regionOf } from '../registry/entries.js';

/**
 * Training and certification for a supervising office (docs/domain/supervision-training.md): the
 * office's training events with their sessions, participants from the cooperatives of its registry,
 * attendance per session and results; the competency certificates of the cooperatives' managers
 * and staff with their expiry; whether each savings-and-loan cooperative meets the certification
 * requirement (rules in src/domain/supervision/training.ts).
 */

const eventView = (e: repo.EventRow) => ({
  id: e.id.toString(),
  title: e.title,
  organiser: e.organiser,
  topic: e.topic,
  startsOn: e.starts_on,
  endsOn: e.ends_on,
  online: e.online,
  location: e.location,
  createdBy: e.created_by_name,
  sessions: e.sessions,
  participants: e.participants,
  passed: e.passed,
});

export async function trainingList(
  deps: Deps,
  ctx: OrgContext,
  page: { limit: number; offset: number },
) {
  return inOrg(deps, ctx, async (o) => {
    await regionOf(o);
    const r = await repo.eventsOf(o.tx, ctx.organizationId, page);
    return { items: r.items.map(eventView), total: r.total };
  });
}

async function detail(o: OrgTx, region: string, id: bigint) {
  const e = await repo.eventById(o.tx, o.ctx.organizationId, id);
  if (!e) throw new AppError('NOT_FOUND');
  const [sessions, participants] = await Promise.all([
    repo.sessionsOf(o.tx, o.ctx.organizationId, id),
    repo.participantsOf(o.tx, o.ctx.organizationId, region, id),
  ]);
  return {
    ...eventView(e),
    sessionList: sessions.map((s) => ({
      id: s.id.toString(),
      heldOn: s.held_on,
      topic: s.topic,
      trainer: s.trainer,
    })),
    participantList: participants.map((p) => {
      const present = p.present.map((x) => String(x));
      return {
        id: p.id.toString(),
        registryId: p.registry_id.toString(),
        cooperative: p.cooperative,
        fullName: p.full_name,
        position: p.position,
        organMemberId: p.organ_member_id?.toString() ?? null,
        result: p.result,
        score: p.score,
        presentSessionIds: present,
        attendanceRecorded: p.recorded > 0,
        ...attendanceRate(sessions.length, present.length),
      };
    }),
  };
}

export async function trainingDetail(deps: Deps, ctx: OrgContext, id: bigint) {
  return inOrg(deps, ctx, async (o) => detail(o, await regionOf(o), id));
}

/** Creates an event with its sessions, audited; refuses with every problem of the input. */
export async function createTraining(deps: Deps, ctx: OrgContext, input: EventInput) {
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const problems = checkEvent(input);
    if (problems.length > 0) throw invalid(problems);
    const id = await repo.insertEvent(
      o.tx,
      ctx.organizationId,
      {
        title: input.title,
        organiser: input.organiser,
        topic: input.topic,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        online: input.online,
        location: input.location?.trim() ? input.location.trim() : null,
      },
      ctx.actor.userId,
    );
    await repo.insertSessions(
      o.tx,
      ctx.organizationId,
      id,
      input.sessions.map((s) => ({ held_on: s.heldOn, topic: s.topic, trainer: s.trainer })),
    );
    await o.audit({
      action: 'training.event-created',
      entityType: 'training-event',
      entityId: id,
      after: { ...input, sessions: input.sessions.map((s) => ({ ...s })) },
    });
    return detail(o, region, id);
  });
}

/** Adds sessions to an event (each within its dates). */
export async function addSessions(
  deps: Deps,
  ctx: OrgContext,
  eventId: bigint,
  sessions: EventInput['sessions'],
) {
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const e = await repo.eventById(o.tx, ctx.organizationId, eventId, true);
    if (!e) throw new AppError('NOT_FOUND');
    const problems = checkEvent({
      title: e.title,
      organiser: e.organiser,
      topic: e.topic,
      startsOn: e.starts_on,
      endsOn: e.ends_on,
      online: e.online,
      location: e.location,
      sessions,
    });
    if (problems.length > 0) throw invalid(problems);
    await repo.insertSessions(
      o.tx,
      ctx.organizationId,
      eventId,
      sessions.map((s) => ({ held_on: s.heldOn, topic: s.topic, trainer: s.trainer })),
    );
    await o.audit({
      action: 'training.sessions-added',
      entityType: 'training-event',
      entityId: eventId,
      after: { sessions: sessions.map((s) => ({ ...s })) },
    });
    return detail(o, region, eventId);
  });
}

/** Enrols a person of a registry cooperative of the office's region in one of its events. */
export async function addParticipant(
  deps: Deps,
  ctx: OrgContext,
  eventId: bigint,
  input: {
    registryId: bigint;
    fullName: string;
    position: CooperativePosition;
    organMemberId: bigint | null;
  },
) {
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const e = await repo.eventById(o.tx, ctx.organizationId, eventId, true);
    if (!e) throw new AppError('NOT_FOUND');
    const coop = await findRegistryRow(o.tx, region, input.registryId);
    if (!coop) throw invalid([{ field: 'registryId', code: 'NOT_IN_REGISTRY' }]);
    if (
      input.organMemberId !== null &&
      !(await repo.organMemberOf(o.tx, region, coop.id, input.organMemberId))
    )
      throw invalid([{ field: 'organMemberId', code: 'NOT_OF_COOPERATIVE' }]);
    const id = await repo.insertParticipant(o.tx, {
      organization_id: ctx.organizationId,
      event_id: eventId,
      region_code: coop.region_code,
      registry_id: coop.id,
      full_name: input.fullName,
      position: input.position,
      organ_member_id: input.organMemberId,
      added_by: ctx.actor.userId,
    });
    if (id === undefined)
      throw new AppError('TRAINING_PARTICIPANT_EXISTS', { name: input.fullName });
    await o.audit({
      action: 'training.participant-added',
      entityType: 'training-event',
      entityId: eventId,
      after: {
        participantId: id.toString(),
        registryId: coop.id.toString(),
        fullName: input.fullName,
        position: input.position,
      },
    });
    return detail(o, region, eventId);
  });
}

async function mustFindParticipant(o: OrgTx, eventId: bigint, participantId: bigint) {
  if (!(await repo.participantExists(o.tx, o.ctx.organizationId, eventId, participantId)))
    throw new AppError('NOT_FOUND');
}

/** Marks a participant present or absent at sessions of the event. */
export async function recordAttendance(
  deps: Deps,
  ctx: OrgContext,
  eventId: bigint,
  participantId: bigint,
  marks: { sessionId: bigint; present: boolean }[],
) {
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    await mustFindParticipant(o, eventId, participantId);
    const sessions = new Set(
      (await repo.sessionsOf(o.tx, ctx.organizationId, eventId)).map((s) => s.id.toString()),
    );
    const problems = marks.flatMap((m, i) =>
      sessions.has(m.sessionId.toString())
        ? []
        : [{ field: `sessions.${i}.sessionId`, code: 'NOT_OF_EVENT' }],
    );
    const seen = new Set<string>();
    marks.forEach((m, i) => {
      if (seen.has(m.sessionId.toString()))
        problems.push({ field: `sessions.${i}.sessionId`, code: 'DUPLICATE' });
      seen.add(m.sessionId.toString());
    });
    if (problems.length > 0) throw invalid(problems);
    await repo.upsertAttendance(
      o.tx,
      ctx.organizationId,
      eventId,
      participantId,
      marks,
      ctx.actor.userId,
    );
    await o.audit({
      action: 'training.attendance-recorded',
      entityType: 'training-participant',
      entityId: participantId,
      after: {
        sessions: marks.map((m) => ({ sessionId: m.sessionId.toString(), present: m.present })),
      },
    });
    return detail(o, region, eventId);
  });
}

/** Records (or corrects) a participant's result and score. */
export async function recordResult(
  deps: Deps,
  ctx: OrgContext,
  eventId: bigint,
  participantId: bigint,
  r: { result: TrainingResult | null; score: number | null },
) {
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    await mustFindParticipant(o, eventId, participantId);
    const problem = checkResult(r);
    if (problem) throw invalid([problem]);
    const before = await repo.setResult(
      o.tx,
      ctx.organizationId,
      participantId,
      r,
      ctx.actor.userId,
    );
    await o.audit({
      action: 'training.result-recorded',
      entityType: 'training-participant',
      entityId: participantId,
      ...(before ? { before: { ...before } } : {}),
      after: { ...r },
    });
    return detail(o, region, eventId);
  });
}

// Certificates -------------------------------------------------------------------------------

export type CertificateFilter = 'all' | 'alert' | 'expired' | 'expiring' | 'valid';

const certificateView = (k: repo.CertificateRow, today: string, windowDays: number) => ({
  id: k.id.toString(),
  registryId: k.registry_id.toString(),
  cooperative: k.cooperative,
  holderName: k.holder_name,
  position: k.position,
  organMemberId: k.organ_member_id?.toString() ?? null,
  scheme: k.scheme,
  certificateNumber: k.certificate_number,
  issuer: k.issuer,
  issuedOn: k.issued_on,
  validUntil: k.valid_until,
  leftOn: k.left_on,
  recordedBy: k.recorded_by_name,
  ...expiryStatus(k.valid_until, today, windowDays),
});

/**
 * The region's certificates (or one cooperative's), soonest to end first: all of them, or the
 * alert (expired or expiring within `withinDays`, holders still serving), or one status.
 */
export async function certificateList(
  deps: Deps,
  ctx: OrgContext,
  q: {
    registryId?: bigint;
    status: CertificateFilter;
    withinDays: number;
    limit: number;
    offset: number;
  },
) {
  const today = businessDateWib(deps.clock());
  const windowEnd = addDays(today, q.withinDays);
  const yesterday = addDays(today, -1);
  const range: { validUntilMin?: string; validUntilMax?: string; serving?: string } =
    q.status === 'alert'
      ? { validUntilMax: windowEnd, serving: today }
      : q.status === 'expired'
        ? { validUntilMax: yesterday }
        : q.status === 'expiring'
          ? { validUntilMin: today, validUntilMax: windowEnd }
          : q.status === 'valid'
            ? { validUntilMin: addDays(windowEnd, 1) }
            : {};
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const r = await repo.certificatesOf(o.tx, region, {
      ...(q.registryId !== undefined ? { registryId: q.registryId } : {}),
      ...range,
      limit: q.limit,
      offset: q.offset,
    });
    return {
      today,
      withinDays: q.withinDays,
      total: r.total,
      items: r.items.map((k) => certificateView(k, today, q.withinDays)),
    };
  });
}

/** Files a competency certificate for a person of a registry cooperative, audited. */
export async function addCertificate(
  deps: Deps,
  ctx: OrgContext,
  input: CertificateInput & { registryId: bigint; organMemberId: bigint | null },
) {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const coop = await findRegistryRow(o.tx, region, input.registryId);
    if (!coop) throw invalid([{ field: 'registryId', code: 'NOT_IN_REGISTRY' }]);
    const problems = checkCertificate(input, today);
    if (problems.length > 0) throw invalid(problems);
    if (
      input.organMemberId !== null &&
      !(await repo.organMemberOf(o.tx, region, coop.id, input.organMemberId))
    )
      throw invalid([{ field: 'organMemberId', code: 'NOT_OF_COOPERATIVE' }]);
    const id = await repo.insertCertificate(o.tx, {
      region_code: coop.region_code,
      registry_id: coop.id,
      holder_name: input.holderName,
      position: input.position,
      organ_member_id: input.organMemberId,
      scheme: input.scheme,
      certificate_number: input.certificateNumber,
      issuer: input.issuer,
      issued_on: input.issuedOn,
      valid_until: input.validUntil,
      left_on: input.leftOn,
      recorded_by: ctx.actor.userId,
    });
    if (id === undefined)
      throw new AppError('CERTIFICATE_NUMBER_TAKEN', { number: input.certificateNumber });
    await o.audit({
      action: 'certificate.recorded',
      entityType: 'registry-cooperative',
      entityId: coop.id,
      after: {
        certificateId: id.toString(),
        holderName: input.holderName,
        position: input.position,
        scheme: input.scheme,
        certificateNumber: input.certificateNumber,
        issuer: input.issuer,
        issuedOn: input.issuedOn,
        validUntil: input.validUntil,
        leftOn: input.leftOn,
      },
    });
    const r = await repo.certificatesOf(o.tx, region, {
      registryId: coop.id,
      limit: 1000,
      offset: 0,
    });
    const k = r.items.find((x) => x.id === id);
    if (!k) throw new AppError('NOT_FOUND');
    return certificateView(k, today, EXPIRY_WINDOW_DAYS);
  });
}

/**
 * Records that a certificate's holder stopped serving the cooperative on `leftOn` (no later than
 * today), or clears it (null): a manager who left no longer counts for the requirement.
 */
export async function setCertificateLeftOn(
  deps: Deps,
  ctx: OrgContext,
  id: bigint,
  leftOn: string | null,
) {
  const today = businessDateWib(deps.clock());
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    if (leftOn !== null && leftOn > today)
      throw invalid([{ field: 'leftOn', code: 'DATE_IN_FUTURE' }]);
    const r = await repo.setLeftOn(o.tx, region, id, leftOn);
    if (!r) throw new AppError('NOT_FOUND');
    await o.audit({
      action: 'certificate.left-on-set',
      entityType: 'registry-cooperative',
      entityId: r.registry_id,
      before: { certificateId: id.toString(), leftOn: r.before },
      after: { certificateId: id.toString(), leftOn },
    });
    const list = await repo.certificatesOf(o.tx, region, {
      registryId: r.registry_id,
      limit: 1000,
      offset: 0,
    });
    const k = list.items.find((x) => x.id === id);
    if (!k) throw new AppError('NOT_FOUND');
    return certificateView(k, today, EXPIRY_WINDOW_DAYS);
  });
}

/**
 * Whether each active savings-and-loan cooperative of the region (or one cooperative) meets the
 * certification requirement today: unmet first, then by name.
 */
export async function requirementList(
  deps: Deps,
  ctx: OrgContext,
  q: { registryId?: bigint; limit: number; offset: number },
) {
  const today = businessDateWib(deps.clock());
  const rule = DEFAULT_REQUIREMENT;
  return inOrg(deps, ctx, async (o) => {
    const region = await regionOf(o);
    const [coops, held] = await Promise.all([
      repo.cooperativesOfTypes(o.tx, region, rule.cooperativeTypes),
      repo.heldCertificates(o.tx, region, rule.managerPositions, q.registryId),
    ]);
    const byCoop = new Map<string, typeof held>();
    for (const h of held) {
      const k = h.registry_id.toString();
      byCoop.set(k, [...(byCoop.get(k) ?? []), h]);
    }
    const rows = coops
      .filter((c) => q.registryId === undefined || c.id === q.registryId)
      .map((c) => {
        const certs = byCoop.get(c.id.toString()) ?? [];
        return {
          registryId: c.id.toString(),
          name: c.name,
          cooperativeType: c.cooperative_type,
          ...certificationRequirement(
            c.cooperative_type,
            certs.map((h) => ({
              holderName: h.holder_name,
              position: h.position,
              issuedOn: h.issued_on,
              validUntil: h.valid_until,
              leftOn: h.left_on,
            })),
            today,
            rule,
          ),
        };
      })
      .sort((a, b) => (a.status === b.status ? 0 : a.status === 'not_met' ? -1 : 1));
    return {
      on: today,
      rule: {
        cooperativeTypes: [...rule.cooperativeTypes],
        managerPositions: [...rule.managerPositions],
        minimumCertifiedManagers: rule.minimumCertifiedManagers,
      },
      cooperatives: rows.length,
      met: rows.filter((r) => r.status === 'met').length,
      notMet: rows.filter((r) => r.status === 'not_met').length,
      items: rows.slice(q.offset, q.offset + q.limit),
    };
  });
}

// The case file --------------------------------------------------------------------------------

const POSITION_LABEL: Record<CooperativePosition, string> = {
  pengurus: 'pengurus',
  pengawas: 'pengawas',
  manajer: 'manajer',
  karyawan: 'karyawan',
};
const RESULT_LABEL: Record<TrainingResult, string> = {
  lulus: 'lulus',
  tidak_lulus: 'tidak lulus',
  peserta: 'peserta',
};

/**
 * The cooperative's trainings and certificates as case-file entries (src/domain/supervision/
 * case-file.ts), in the office's transaction: each training a person of the cooperative took part
 * in (dated on its last day: what they attended and the result), each certificate when it was
 * issued, and its expiry when that day has passed (dated the first day it is no longer valid) or
 * falls within the alert window (dated today), for holders still serving. `today`: the business
 * date (businessDateWib(deps.clock())), passed in like every date.
 */
export async function caseFileEntries(
  o: OrgTx,
  registryId: bigint,
  today: string,
): Promise<CaseFileEntry[]> {
  const region = await regionOf(o);
  const [attended, certs] = await Promise.all([
    repo.attendedBy(o.tx, o.ctx.organizationId, region, registryId),
    repo.certificatesOf(o.tx, region, { registryId, limit: 10_000, offset: 0 }),
  ]);
  const entries: CaseFileEntry[] = attended.map((a) => {
    const rate = attendanceRate(a.sessions, a.attended);
    const parts = [
      `${a.full_name} (${POSITION_LABEL[a.position]})`,
      rate.sessions > 0 ? `hadir ${a.attended}/${a.sessions} sesi` : '',
      a.result ? RESULT_LABEL[a.result] + (a.score !== null ? ` (nilai ${a.score})` : '') : '',
    ].filter((s) => s !== '');
    return {
      on: a.ends_on,
      kind: 'training',
      title: `Pelatihan: ${a.title}`,
      detail: `${parts.join(' · ')} · ${a.organiser}`,
      actor: a.added_by_name,
      documents: [],
      ref: `training-participant:${a.participant_id}`,
    };
  });
  for (const k of certs.items) {
    entries.push({
      on: k.issued_on,
      kind: 'certificate',
      title: `Sertifikat kompetensi: ${k.scheme}`,
      detail: `${k.holder_name} (${POSITION_LABEL[k.position]}) · ${k.issuer} · No. ${k.certificate_number} · berlaku s.d. ${k.valid_until}`,
      actor: k.recorded_by_name,
      documents: [],
      ref: `certificate:${k.id}`,
    });
    const { status } = expiryStatus(k.valid_until, today);
    if (status !== 'valid' && (k.left_on === null || k.left_on > today))
      entries.push({
        on: status === 'expired' ? addDays(k.valid_until, 1) : today,
        kind: 'certificate',
        title:
          status === 'expired'
            ? `Sertifikat kompetensi berakhir: ${k.scheme}`
            : `Sertifikat kompetensi segera berakhir: ${k.scheme}`,
        detail: `${k.holder_name} (${POSITION_LABEL[k.position]}) · berlaku s.d. ${k.valid_until}`,
        actor: null,
        documents: [],
        ref: `certificate-expiry:${k.id}`,
      });
  }
  return entries;
}
