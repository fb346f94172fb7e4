/**
 * The case file of one cooperative (issue 16 item 1): a single timeline of everything the Dinas
 * knows and did about it. Each supervision area (reports, assessments, RATs, trainings,
 * certificates, inspections, letters and sanctions, koperasi modern, mediation, referrals) turns
 * its own rows into entries of this one shape; the case file merges and orders them. Pure: the
 * areas' repositories read the rows, nothing here reads a clock or a database.
 */

/** The areas an entry comes from; the case file filters on them. */
export const CASE_FILE_KINDS = [
  'registry',
  'report',
  'assessment',
  'rat',
  'training',
  'certificate',
  'inspection',
  'finding',
  'letter',
  'sanction',
  'modern',
  'mediation',
  'referral',
  'alert',
] as const;
export type CaseFileKind = (typeof CASE_FILE_KINDS)[number];

/** A document attached to an entry: its name and where the API serves it (relative to /api/v1). */
export interface CaseFileDocument {
  name: string;
  href: string;
}

export interface CaseFileEntry {
  /** The business date the entry is about (YYYY-MM-DD): the visit, the letter's date, the RAT. */
  on: string;
  kind: CaseFileKind;
  /** One line, in the office's language of record (Indonesian), e.g. "Teguran tertulis I". */
  title: string;
  /** A short second line: the finding, the deadline, the score; empty when there is none. */
  detail: string;
  /** Who recorded or did it (a user's name), or null for the system or the cooperative. */
  actor: string | null;
  documents: CaseFileDocument[];
  /** A stable key of the row it came from (`inspection:42`), so one row is one entry. */
  ref: string;
}

/** Newest first; on the same day, by kind then ref, so the order never depends on the reads. */
export function orderCaseFile(entries: readonly CaseFileEntry[]): CaseFileEntry[] {
  return [...entries].sort(
    (a, b) =>
      (a.on < b.on ? 1 : a.on > b.on ? -1 : 0) ||
      CASE_FILE_KINDS.indexOf(a.kind) - CASE_FILE_KINDS.indexOf(b.kind) ||
      (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0),
  );
}
