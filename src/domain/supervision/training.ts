/**
 * Training and certification (issue 16 item 3; docs/domain/supervision-training.md): the checks of
 * a training event, its sessions, a participant's result and a competency certificate; the
 * certificate's expiry status; the certification requirement of a savings-and-loan cooperative;
 * a participant's attendance rate. Pure: "today" is passed in.
 */
import { daysBetween, tryParseIsoDate } from '../calendar.js';

export const COOPERATIVE_POSITIONS = ['pengurus', 'pengawas', 'manajer', 'karyawan'] as const;
export type CooperativePosition = (typeof COOPERATIVE_POSITIONS)[number];

/** lulus / tidak lulus for a course with a test; peserta when only attendance is certified. */
export const TRAINING_RESULTS = ['lulus', 'tidak_lulus', 'peserta'] as const;
export type TrainingResult = (typeof TRAINING_RESULTS)[number];

/** The window of the expiry alert unless the office asks for another: 90 days. */
export const EXPIRY_WINDOW_DAYS = 90;
export const EXPIRY_WINDOW_DAYS_MAX = 730;
/** Sessions of one event, at most (a week-long course has a handful; a programme a few dozen). */
export const SESSIONS_MAX = 60;

export interface Problem {
  field: string;
  code: string;
}

const isDate = (s: string) => tryParseIsoDate(s) !== undefined;

// Events and sessions ------------------------------------------------------------------------

export interface EventInput {
  title: string;
  organiser: string;
  topic: string;
  startsOn: string;
  endsOn: string;
  online: boolean;
  location: string | null;
  sessions: SessionInput[];
}

export interface SessionInput {
  heldOn: string;
  topic: string;
  trainer: string;
}

/** A session lies within its event's dates (the database holds the same: migration 0029). */
export function checkSession(
  s: SessionInput,
  event: { startsOn: string; endsOn: string },
  field = 'heldOn',
): Problem | null {
  if (!isDate(s.heldOn)) return { field, code: 'DATE_INVALID' };
  if (s.heldOn < event.startsOn || s.heldOn > event.endsOn)
    return { field, code: 'SESSION_OUTSIDE_EVENT' };
  return null;
}

/**
 * An event: ends no earlier than it starts, has a place unless it is online, and each session lies
 * within its dates. Every problem is reported, not only the first.
 */
export function checkEvent(e: EventInput): Problem[] {
  const problems: Problem[] = [];
  if (!isDate(e.startsOn)) problems.push({ field: 'startsOn', code: 'DATE_INVALID' });
  if (!isDate(e.endsOn)) problems.push({ field: 'endsOn', code: 'DATE_INVALID' });
  if (problems.length > 0) return problems;
  if (e.endsOn < e.startsOn) problems.push({ field: 'endsOn', code: 'ENDS_BEFORE_START' });
  if (!e.online && !e.location?.trim()) problems.push({ field: 'location', code: 'REQUIRED' });
  if (e.sessions.length > SESSIONS_MAX) problems.push({ field: 'sessions', code: 'TOO_MANY' });
  e.sessions.forEach((s, i) => {
    const p = checkSession(s, e, `sessions.${i}.heldOn`);
    if (p && !problems.some((q) => q.field === 'endsOn')) problems.push(p);
  });
  return problems;
}

/** A score (0–100) only comes with a result; a failed course may have one, attendance only not. */
export function checkResult(r: {
  result: TrainingResult | null;
  score: number | null;
}): Problem | null {
  if (r.score === null) return null;
  if (r.result === null) return { field: 'score', code: 'RESULT_REQUIRED' };
  if (r.result === 'peserta') return { field: 'score', code: 'SCORE_NOT_ALLOWED' };
  return null;
}

/**
 * A participant's attendance: the sessions attended of the event's sessions, and the rate in basis
 * points rounded half up (2 of 3 sessions = 6,667 bps = 66.67 %); null when the event has none.
 */
export function attendanceRate(
  sessions: number,
  attended: number,
): { sessions: number; attended: number; rateBps: number | null } {
  if (
    !Number.isInteger(sessions) ||
    !Number.isInteger(attended) ||
    attended < 0 ||
    attended > sessions
  )
    throw new RangeError(`attended ${attended} of ${sessions} sessions`);
  return {
    sessions,
    attended,
    rateBps: sessions === 0 ? null : Math.floor((attended * 20_000 + sessions) / (2 * sessions)),
  };
}

// Certificates -------------------------------------------------------------------------------

export interface CertificateInput {
  holderName: string;
  position: CooperativePosition;
  scheme: string;
  certificateNumber: string;
  issuer: string;
  issuedOn: string;
  validUntil: string;
  leftOn: string | null;
}

/** Issued no later than today, valid for some time after it; a holder leaves after being issued. */
export function checkCertificate(c: CertificateInput, today: string): Problem[] {
  const problems: Problem[] = [];
  for (const f of ['issuedOn', 'validUntil'] as const)
    if (!isDate(c[f])) problems.push({ field: f, code: 'DATE_INVALID' });
  if (c.leftOn !== null && !isDate(c.leftOn))
    problems.push({ field: 'leftOn', code: 'DATE_INVALID' });
  if (problems.length > 0) return problems;
  if (c.issuedOn > today) problems.push({ field: 'issuedOn', code: 'DATE_IN_FUTURE' });
  if (c.validUntil <= c.issuedOn) problems.push({ field: 'validUntil', code: 'NOT_AFTER_ISSUE' });
  if (c.leftOn !== null && c.leftOn > today)
    problems.push({ field: 'leftOn', code: 'DATE_IN_FUTURE' });
  return problems;
}

export type ExpiryStatus = 'valid' | 'expiring' | 'expired';

/**
 * A certificate is valid through its valid_until day: on that day it is still valid (expiring,
 * 0 days left), the day after it is expired. Expiring: valid_until within `windowDays` of today
 * (today + 90 is still expiring, today + 91 valid).
 */
export function expiryStatus(
  validUntil: string,
  today: string,
  windowDays = EXPIRY_WINDOW_DAYS,
): { status: ExpiryStatus; daysLeft: number } {
  const daysLeft = daysBetween(today, validUntil);
  const status: ExpiryStatus =
    daysLeft < 0 ? 'expired' : daysLeft <= windowDays ? 'expiring' : 'valid';
  return { status, daysLeft };
}

/** Valid on a day: issued on or before it and not yet past its valid_until. */
export const validOn = (c: { issuedOn: string; validUntil: string }, on: string) =>
  c.issuedOn <= on && on <= c.validUntil;

// The certification requirement --------------------------------------------------------------

/**
 * Our reading of the requirement (supervision.md, "Classification of cooperatives (KUK 1–4) and
 * obligations": managers of savings-and-loan cooperatives hold competency certificates from a
 * licensed certification body): it applies to savings-and-loan cooperatives, conventional (KSP)
 * and sharia (KSPPS); it is met on a day when at least `minimumCertifiedManagers` distinct persons
 * in the `managerPositions` still serving the cooperative hold a certificate valid on that day. No
 * source found fixes the count or the positions; both are parameters so an office can hold a
 * stricter reading.
 */
export interface RequirementRule {
  cooperativeTypes: readonly string[];
  managerPositions: readonly CooperativePosition[];
  minimumCertifiedManagers: number;
}

export const DEFAULT_REQUIREMENT: RequirementRule = {
  cooperativeTypes: ['KSP', 'KSPPS'],
  // the manager (pengelola) employed by the cooperative; a pengurus running it himself is counted
  // in the 'pengurus' position only when the office widens the rule
  managerPositions: ['manajer'],
  minimumCertifiedManagers: 1,
};

export interface HeldCertificate {
  holderName: string;
  position: CooperativePosition;
  issuedOn: string;
  validUntil: string;
  leftOn: string | null;
}

export type RequirementStatus = 'met' | 'not_met' | 'not_applicable';

export function certificationRequirement(
  cooperativeType: string,
  certificates: readonly HeldCertificate[],
  on: string,
  rule: RequirementRule = DEFAULT_REQUIREMENT,
): { status: RequirementStatus; certifiedManagers: number; required: number } {
  const holders = new Set(
    certificates
      .filter(
        (c) =>
          rule.managerPositions.includes(c.position) &&
          (c.leftOn === null || c.leftOn > on) &&
          validOn(c, on),
      )
      .map((c) => c.holderName.trim().toLowerCase().replace(/\s+/g, ' ')),
  );
  const required = rule.minimumCertifiedManagers;
  if (!rule.cooperativeTypes.includes(cooperativeType))
    return { status: 'not_applicable', certifiedManagers: holders.size, required: 0 };
  return {
    status: holders.size >= required ? 'met' : 'not_met',
    certifiedManagers: holders.size,
    required,
  };
}
