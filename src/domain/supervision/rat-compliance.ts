import { addDays, tanggalId } from '../calendar.js';
import { ratDeadline } from './early-warning.js';

/**
 * RAT compliance (issue 16 item 2; docs/domain/supervision-rat.md). The annual members' meeting
 * (RAT) on a book year is held within six months after the year ends: sources disagree between
 * three months (31 March, a common target) and six (30 June); the domain reference takes 30 June
 * as the hard limit for primary cooperatives and the obligation the supervisor tracks ("RAT held
 * within 6 months of year end"). So the deadline of book year Y is 30 June of Y + 1
 * (`ratDeadline`, shared with early warning). Pure: today is passed in.
 */

/** Where a cooperative stands with its RAT for a book year, on a given day. */
export const RAT_STATUSES = ['on_time', 'late', 'not_held', 'pending'] as const;
export type RatStatus = (typeof RAT_STATUSES)[number];

/**
 * `on_time`: held on or before the deadline; `late`: held after it; `not_held`: the deadline has
 * passed and no RAT is on record; `pending`: not held yet, the deadline still ahead (or today).
 */
export function ratStatus(bookYear: number, heldOn: string | null, today: string): RatStatus {
  const deadline = ratDeadline(bookYear);
  if (heldOn !== null) return heldOn <= deadline ? 'on_time' : 'late';
  return today > deadline ? 'not_held' : 'pending';
}

/** Days between the deadline and the meeting (positive: late), or null when it was not held. */
export function daysLate(bookYear: number, heldOn: string | null): number | null {
  if (heldOn === null) return null;
  const ms = Date.parse(`${heldOn}T00:00:00Z`) - Date.parse(`${ratDeadline(bookYear)}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/**
 * The documents an office expects from a RAT (supervision.md, shu-rat.md: the minutes, the
 * attendance list that shows the quorum, the pengurus's accountability report, and the year's
 * financial statements); anything else the cooperative sends is `other`.
 */
export const RAT_DOCUMENT_KINDS = [
  'minutes',
  'attendance',
  'accountability',
  'statements',
  'other',
] as const;
export type RatDocumentKind = (typeof RAT_DOCUMENT_KINDS)[number];
export const RAT_DOCUMENTS_REQUIRED: readonly RatDocumentKind[] = [
  'minutes',
  'attendance',
  'accountability',
  'statements',
];

/** The required documents not yet received, in the order of the list above. */
export function missingRatDocuments(received: readonly string[]): RatDocumentKind[] {
  return RAT_DOCUMENTS_REQUIRED.filter((k) => !received.includes(k));
}

/**
 * Reminders before the deadline: 60 days ahead (time to plan and invite), 14 days ahead (time to
 * hold it), and once after it passed. Each stage is sent once per cooperative and book year.
 */
export const RAT_REMINDER_STAGES = ['h60', 'h14', 'overdue'] as const;
export type RatReminderStage = (typeof RAT_REMINDER_STAGES)[number];

/**
 * The reminder stage a cooperative that has not held its RAT is in on `today`, or null when no
 * reminder is due yet (more than 60 days ahead). Held RATs get no reminder.
 */
export function ratReminderStage(
  bookYear: number,
  heldOn: string | null,
  today: string,
): RatReminderStage | null {
  if (heldOn !== null) return null;
  const deadline = ratDeadline(bookYear);
  if (today > deadline) return 'overdue';
  if (today >= addDays(deadline, -14)) return 'h14';
  if (today >= addDays(deadline, -60)) return 'h60';
  return null;
}

/**
 * The book year whose RAT is the current concern on `today`: the year just ended until its
 * deadline has passed and half a year more (so January–December of Y + 1 looks at Y).
 */
export function currentRatBookYear(today: string): number {
  return Number(today.slice(0, 4)) - 1;
}

/** One book year of a region: how many cooperatives stand where (the chart's bars). */
export interface RatYearCounts {
  bookYear: number;
  onTime: number;
  late: number;
  notHeld: number;
  pending: number;
}

/** Share held on time of those whose deadline has passed, in basis points (null: none due). */
export function onTimeShareBps(c: RatYearCounts): number | null {
  const due = c.onTime + c.late + c.notHeld;
  return due === 0 ? null : Math.floor((c.onTime * 10_000) / due);
}

/** The reminder's text (Indonesian, the office's language of record) for a stage. */
export function ratReminderText(
  stage: RatReminderStage,
  cooperative: string,
  bookYear: number,
  office: string,
): string {
  const on = tanggalId(ratDeadline(bookYear));
  switch (stage) {
    case 'h60':
      return `${office}: RAT ${cooperative} tahun buku ${bookYear} wajib diselenggarakan paling lambat ${on}. Mohon rencanakan tanggal dan undang anggota.`;
    case 'h14':
      return `${office}: batas waktu RAT ${cooperative} tahun buku ${bookYear} tinggal 14 hari (${on}). Kirimkan notulen, daftar hadir, laporan pertanggungjawaban dan laporan keuangan setelah RAT.`;
    case 'overdue':
      return `${office}: RAT ${cooperative} tahun buku ${bookYear} belum tercatat, padahal batas waktunya ${on}. Segera selenggarakan RAT dan laporkan kepada kami.`;
  }
}
