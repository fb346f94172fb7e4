import { checklistsOf, type Checklist } from './checklists.js';
import { RUBRICS } from './rubrics/index.js';

/**
 * Inspection visits (docs/domain/supervision-inspections.md): the checklist an officer answers on
 * a visit is the governance and risk items of the current KKPKK rubric (Permenkop 9/2020 with
 * Juknis 15/2021: kelembagaan, risiko kepatuhan, risiko operasional), the same items the health
 * assessment scores, so an answer means the same on both. Follow-up of recommendations is computed
 * from today. Pure.
 */

export const INSPECTION_RUBRIC = 'permenkop-09-2020' as const;

export const inspectionChecklists = (): Checklist[] => checklistsOf(RUBRICS[INSPECTION_RUBRIC]);

export type VisitStatus = 'planned' | 'done' | 'cancelled';
export type FollowUp = 'open' | 'done' | 'overdue';

/** Open until done; overdue when not done and today is past its due date. */
export function followUp(r: { dueOn: string; doneOn: string | null }, today: string): FollowUp {
  if (r.doneOn !== null) return 'done';
  return today > r.dueOn ? 'overdue' : 'open';
}

/** A finding is resolved when it has recommendations and every one of them is done. */
export const findingResolved = (recs: readonly { doneOn: string | null }[]): boolean =>
  recs.length > 0 && recs.every((r) => r.doneOn !== null);

export type VisitProblem =
  'PLANNED_TOO_FAR' | 'PLANNED_TOO_EARLY' | 'CLOSED_IN_FUTURE' | 'VISIT_CLOSED';

/** A visit is planned within two years either side of today (typing errors, not law). */
export function checkPlannedOn(plannedOn: string, today: string): VisitProblem | null {
  const y = Number(today.slice(0, 4));
  if (plannedOn > `${y + 2}${today.slice(4)}`) return 'PLANNED_TOO_FAR';
  if (plannedOn < `${y - 2}${today.slice(4)}`) return 'PLANNED_TOO_EARLY';
  return null;
}

/** Closing a planned visit (held or called off): once, on a day not after today. */
export function checkClose(
  v: { status: VisitStatus },
  on: string,
  today: string,
): VisitProblem | null {
  if (v.status !== 'planned') return 'VISIT_CLOSED';
  if (on > today) return 'CLOSED_IN_FUTURE';
  return null;
}
