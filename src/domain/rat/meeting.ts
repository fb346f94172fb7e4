import { ratDeadline } from '../supervision/early-warning.js';

/**
 * The RAT (rapat anggota tahunan) as the AD/ART runs it (issue 17; docs/domain/rat.md restates the
 * domain reference): one member, one vote; a quorum set by the AD/ART as a fraction of the members
 * with an optional "+1", a lower quorum at a second call if the AD/ART has one; decisions by simple
 * majority, two thirds for amending the AD/ART; proxies only if and as far as the AD/ART allows.
 */

export interface QuorumRule {
  /** the fraction of all members that must be present: 1/2 */
  numerator: number;
  denominator: number;
  /** "half of the members + 1": floor(members × fraction) + 1 instead of the ceiling */
  plusOne: boolean;
}

export interface RatRules {
  quorum: QuorumRule;
  /** the lower quorum of a second call (the meeting postponed and called again), if any */
  secondCallQuorum: QuorumRule | null;
  /** how many members one member may represent by proxy (0: no proxies) */
  proxiesPerHolderMax: number;
  /** whether represented members count toward the quorum */
  proxiesCountForQuorum: boolean;
  /** days between the invitation and the meeting at least (a common AD rule: 14) */
  invitationLeadDays: number;
}

export const DEFAULT_RAT_RULES: RatRules = {
  quorum: { numerator: 1, denominator: 2, plusOne: true },
  secondCallQuorum: { numerator: 1, denominator: 5, plusOne: false },
  proxiesPerHolderMax: 0,
  proxiesCountForQuorum: true,
  invitationLeadDays: 14,
};

/** Members who must be present: ceil(n × a/b), or floor(n × a/b) + 1 with "+1"; at least 1. */
export function quorumRequired(members: number, rule: QuorumRule): number {
  if (!Number.isInteger(members) || members < 0) throw new RangeError('members');
  if (rule.denominator <= 0 || rule.numerator < 0 || rule.numerator > rule.denominator)
    throw new RangeError('quorum fraction');
  // integers only: n × a fits easily (members < 10^7, a ≤ b ≤ 100)
  const product = members * rule.numerator;
  const required = rule.plusOne
    ? Math.floor(product / rule.denominator) + 1
    : Math.ceil(product / rule.denominator);
  return Math.max(1, Math.min(required, Math.max(members, 1)));
}

export interface Attendance {
  /** members entitled to attend (active members on the day) */
  members: number;
  /** members checked in (in person or online) */
  present: number;
  /** members represented by a proxy holder who is present */
  represented: number;
}

export interface QuorumStatus {
  required: number;
  counted: number;
  met: boolean;
  call: 1 | 2;
}

export function quorumStatus(a: Attendance, rules: RatRules, call: 1 | 2): QuorumStatus {
  const rule = call === 2 && rules.secondCallQuorum ? rules.secondCallQuorum : rules.quorum;
  const required = quorumRequired(a.members, rule);
  const counted = a.present + (rules.proxiesCountForQuorum ? a.represented : 0);
  return { required, counted, met: counted >= required, call };
}

export type MajorityRule = 'simple' | 'two-thirds';

export interface MotionTally {
  setuju: number;
  tidakSetuju: number;
  abstain: number;
}

/**
 * Whether a motion passes. Simple majority: more "setuju" than "tidak setuju" among the votes cast
 * (abstentions are not votes for either side). Two thirds (amending the AD/ART): "setuju" at least
 * two thirds of the votes of those present (present + represented when voting opened), so an
 * abstention or a member who did not vote counts against, as AD/ARTs word it ("disetujui
 * sekurang-kurangnya 2/3 dari anggota yang hadir").
 */
export function motionPasses(rule: MajorityRule, t: MotionTally, votersPresent: number): boolean {
  if (rule === 'simple') return t.setuju > t.tidakSetuju;
  return t.setuju > 0 && 3 * t.setuju >= 2 * votersPresent;
}

export type RatMode = 'in-person' | 'online' | 'hybrid';

export interface RatPlanProblem {
  field: 'scheduledOn' | 'invitationLead';
  code: 'after-deadline' | 'before-year-end' | 'invitation-late';
  deadline?: string;
  latestInvitation?: string;
}

/** The date the invitation must go out by: `leadDays` before the meeting. */
export function latestInvitationDate(scheduledOn: string, leadDays: number): string {
  const d = new Date(`${scheduledOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - leadDays);
  return d.toISOString().slice(0, 10);
}

/**
 * A RAT date within the legal window: after the book year ends, by the deadline (30 June of the
 * next year, docs/domain/supervision-rat.md); and far enough away to invite members in time.
 */
export function planProblems(
  bookYear: number,
  scheduledOn: string,
  today: string,
  rules: RatRules,
): RatPlanProblem[] {
  const out: RatPlanProblem[] = [];
  const deadline = ratDeadline(bookYear);
  if (scheduledOn <= `${bookYear}-12-31`)
    out.push({ field: 'scheduledOn', code: 'before-year-end' });
  if (scheduledOn > deadline) out.push({ field: 'scheduledOn', code: 'after-deadline', deadline });
  const latestInvitation = latestInvitationDate(scheduledOn, rules.invitationLeadDays);
  if (today > latestInvitation)
    out.push({ field: 'invitationLead', code: 'invitation-late', latestInvitation });
  return out;
}
