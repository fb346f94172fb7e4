import { addDays, daysBetween } from '../calendar.js';
import { ladderStep, SANCTION_STEPS, type SanctionStep } from './sanctions.js';

/**
 * An officer's queue, "Tugas saya" (issue 16 item 8; docs/domain/supervision-officer-queue.md):
 * what is due about the cooperatives in the officer's charge, from every supervision area, one item
 * per thing to do, each with its cooperative, what is due, since when or by when, and a severity;
 * overdue first. Severity is 1 (watch: coming up), 2 (serious: overdue), 3 (critical: long overdue
 * or grave by its nature), as in early warning. Pure: today is passed in.
 */

export const QUEUE_KINDS = [
  'recommendation_overdue',
  'letter_undelivered',
  'sanction_step_allowed',
  'certificate_expiring',
  'report_missing',
  'rat_not_held',
  'alert_open',
  'instalment_overdue',
] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];

/** Long overdue: past its date by more than this many days (a quarter). */
export const LONG_OVERDUE_DAYS = 90;
/**
 * A letter is handed over within a week of its date: the office's practice (no regulation fixes
 * it); its correction deadline only runs once delivery is recorded (sanctions.ts).
 */
export const LETTER_DELIVERY_DAYS = 7;
/** A certificate ending within this many days shows (the training alert's window). */
export const CERTIFICATE_WINDOW_DAYS = 90;

/** What the repositories read, one shape per kind. */
export type QueueFact =
  | { kind: 'recommendation_overdue'; ref: string; dueOn: string; text: string }
  | { kind: 'letter_undelivered'; ref: string; issuedOn: string; number: string; step: string }
  | {
      kind: 'sanction_step_allowed';
      ref: string;
      /** the latest letter's correction deadline (passed) */
      deadlineOn: string;
      number: string;
      nextStep: string;
    }
  | {
      kind: 'certificate_expiring';
      ref: string;
      validUntil: string;
      holderName: string;
      scheme: string;
    }
  | { kind: 'report_missing'; ref: string; period: string; dueOn: string }
  | {
      kind: 'rat_not_held';
      ref: string;
      bookYear: number;
      deadlineOn: string;
      previousHeld: boolean;
    }
  | {
      kind: 'alert_open';
      ref: string;
      raisedOn: string;
      rule: string;
      severity: number;
      detail: string;
    }
  | {
      kind: 'instalment_overdue';
      ref: string;
      dueOn: string;
      caseTitle: string;
      no: number;
      owedRupiah: bigint;
    };

export interface QueueFactOf {
  registryId: string;
  cooperative: string;
  fact: QueueFact;
}

export interface QueueItem {
  kind: QueueKind;
  /** a stable key of the row it comes from (`recommendation:42`) */
  ref: string;
  registryId: string;
  cooperative: string;
  /** by when it is or was due (null when nothing fixes a date: an open alert) */
  dueOn: string | null;
  /** since when it is in its present state (the day after the date it missed, or the day raised) */
  since: string;
  overdue: boolean;
  /** days past `dueOn` (0 when not overdue) */
  daysOverdue: number;
  severity: 1 | 2 | 3;
  /** the words of the item: the recommendation, the letter's number, the quarter, … */
  subject: string;
}

/** A ladder step's title as printed on its letter (the key itself if it is not one). */
const stepTitle = (step: string) =>
  (SANCTION_STEPS as readonly string[]).includes(step)
    ? ladderStep(step as SanctionStep).title
    : step;

const sev = (n: number): 1 | 2 | 3 => (n >= 3 ? 3 : n <= 1 ? 1 : 2);

/** An overdue item: serious, critical once past its date by more than LONG_OVERDUE_DAYS. */
const overdueItem = (dueOn: string, today: string) => {
  const days = daysBetween(dueOn, today);
  return {
    dueOn,
    since: addDays(dueOn, 1),
    overdue: days > 0,
    daysOverdue: Math.max(0, days),
    severity: sev(days > LONG_OVERDUE_DAYS ? 3 : 2),
  };
};

/**
 * One fact as an item on `today`. Worked example (today 2026-12-04): a recommendation due
 * 2026-11-30 is overdue by 4 days since 2026-12-01, serious; one due 2026-08-01 (125 days) critical;
 * a certificate valid until 2027-01-15 is expiring (not overdue, watch), one valid until 2026-11-01
 * expired since 2026-11-02 (overdue, serious).
 */
export function queueItem(f: QueueFactOf, today: string): QueueItem {
  const base = { ref: f.fact.ref, registryId: f.registryId, cooperative: f.cooperative };
  const x = f.fact;
  switch (x.kind) {
    case 'recommendation_overdue':
      return { ...base, kind: x.kind, ...overdueItem(x.dueOn, today), subject: x.text };
    case 'report_missing':
      return { ...base, kind: x.kind, ...overdueItem(x.dueOn, today), subject: x.period };
    case 'instalment_overdue':
      return {
        ...base,
        kind: x.kind,
        ...overdueItem(x.dueOn, today),
        subject: `${x.caseTitle} #${x.no}`,
      };
    case 'letter_undelivered': {
      const dueOn = addDays(x.issuedOn, LETTER_DELIVERY_DAYS);
      const late = today > dueOn;
      return {
        ...base,
        kind: x.kind,
        dueOn,
        since: late ? addDays(dueOn, 1) : x.issuedOn,
        overdue: late,
        daysOverdue: late ? daysBetween(dueOn, today) : 0,
        severity: late ? 2 : 1,
        subject: `${stepTitle(x.step)} ${x.number}`,
      };
    }
    case 'sanction_step_allowed': {
      const o = overdueItem(x.deadlineOn, today);
      // a heavier sanction than a second warning is grave whatever the days
      return {
        ...base,
        kind: x.kind,
        ...o,
        severity: x.nextStep === 'teguran_2' ? o.severity : 3,
        subject: `${x.number} → ${stepTitle(x.nextStep)}`,
      };
    }
    case 'certificate_expiring': {
      const expired = today > x.validUntil;
      return {
        ...base,
        kind: x.kind,
        dueOn: x.validUntil,
        since: expired ? addDays(x.validUntil, 1) : addDays(x.validUntil, -CERTIFICATE_WINDOW_DAYS),
        overdue: expired,
        daysOverdue: expired ? daysBetween(x.validUntil, today) : 0,
        severity: expired ? 2 : 1,
        subject: `${x.holderName} (${x.scheme})`,
      };
    }
    case 'rat_not_held': {
      const o = overdueItem(x.deadlineOn, today);
      // two book years in a row without a RAT is critical, as in early warning
      return {
        ...base,
        kind: x.kind,
        ...o,
        severity: x.previousHeld ? o.severity : 3,
        subject: String(x.bookYear),
      };
    }
    case 'alert_open':
      return {
        ...base,
        kind: x.kind,
        dueOn: null,
        since: x.raisedOn,
        overdue: false,
        daysOverdue: 0,
        severity: sev(x.severity),
        subject: x.detail,
      };
  }
}

/** Overdue first, then the worst, then the oldest date, then by cooperative and ref. */
export function orderQueue(items: readonly QueueItem[]): QueueItem[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...items].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      b.severity - a.severity ||
      cmp(a.dueOn ?? a.since, b.dueOn ?? b.since) ||
      cmp(a.cooperative, b.cooperative) ||
      cmp(a.ref, b.ref),
  );
}

export function buildQueue(facts: readonly QueueFactOf[], today: string): QueueItem[] {
  return orderQueue(facts.map((f) => queueItem(f, today)));
}

/** The count per kind (every kind, zero included) and how many are overdue. */
export function queueCounts(items: readonly QueueItem[]) {
  const byKind = Object.fromEntries(QUEUE_KINDS.map((k) => [k, 0])) as Record<QueueKind, number>;
  for (const i of items) byKind[i.kind] += 1;
  return { total: items.length, overdue: items.filter((i) => i.overdue).length, byKind };
}

/**
 * New or changed since the last digest (sent on `lastDigestOn`, or never): items that entered
 * their present state on that day or after — a letter issued, a date missed, a certificate
 * entering its window or expiring, an alert raised. The last digest's own day counts again (what
 * happened after it was sent that day is not lost; what it already said may be said once more).
 * Every item when no digest was sent yet.
 */
export function changedSince(items: readonly QueueItem[], lastDigestOn: string | null) {
  return lastDigestOn === null ? [...items] : items.filter((i) => i.since >= lastDigestOn);
}

const KIND_WORDS: Record<QueueKind, { id: string; en: string }> = {
  recommendation_overdue: {
    id: 'rekomendasi pemeriksaan lewat batas',
    en: 'inspection recommendation past due',
  },
  letter_undelivered: { id: 'surat belum dicatat diterima', en: 'letter delivery not recorded' },
  sanction_step_allowed: {
    id: 'tahap sanksi berikutnya dapat diterbitkan',
    en: 'next sanction step may be issued',
  },
  certificate_expiring: {
    id: 'sertifikat kompetensi habis/akan habis',
    en: 'competency certificate expiring/expired',
  },
  report_missing: { id: 'laporan triwulan belum masuk', en: 'quarterly report missing' },
  rat_not_held: { id: 'RAT belum diadakan', en: 'RAT not held' },
  alert_open: { id: 'peringatan dini terbuka', en: 'open early-warning alert' },
  instalment_overdue: { id: 'angsuran mediasi tertunggak', en: 'mediation instalment overdue' },
};
export const queueKindWords = (k: QueueKind, locale: 'id' | 'en') => KIND_WORDS[k][locale];

/** The digest lists at most this many items; the rest are counted (WhatsApp-sized). */
export const DIGEST_ITEMS_MAX = 10;

/**
 * The daily digest an officer gets: the queue's size and overdue count, then the new or changed
 * items (overdue first), at most DIGEST_ITEMS_MAX, within the outbox's 2,000 characters.
 */
export function queueDigest(
  locale: 'id' | 'en',
  all: readonly QueueItem[],
  changed: readonly QueueItem[],
): string {
  const overdue = all.filter((i) => i.overdue).length;
  const head =
    locale === 'id'
      ? `Sokoguru tugas saya: ${all.length} butir (${overdue} terlambat); ${changed.length} baru atau berubah sejak ringkasan terakhir.`
      : `Sokoguru my work: ${all.length} item(s) (${overdue} overdue); ${changed.length} new or changed since the last digest.`;
  const shown = orderQueue(changed).slice(0, DIGEST_ITEMS_MAX);
  const lines = shown.map((i) => {
    const when = i.overdue
      ? locale === 'id'
        ? `terlambat ${i.daysOverdue} hari`
        : `${i.daysOverdue} day(s) overdue`
      : i.dueOn
        ? locale === 'id'
          ? `batas ${i.dueOn}`
          : `due ${i.dueOn}`
        : locale === 'id'
          ? `sejak ${i.since}`
          : `since ${i.since}`;
    return `- ${i.cooperative}: ${KIND_WORDS[i.kind][locale]} — ${i.subject} (${when})`;
  });
  const more =
    changed.length > shown.length
      ? [
          locale === 'id'
            ? `… dan ${changed.length - shown.length} lainnya.`
            : `… and ${changed.length - shown.length} more.`,
        ]
      : [];
  const tail = locale === 'id' ? 'Buka Sokoguru > Tugas saya.' : 'Open Sokoguru > My work.';
  return [head, ...lines, ...more, tail].join('\n').slice(0, 2000);
}
