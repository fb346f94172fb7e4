/**
 * Denda: the late penalty a month-end charges on an overdue instalment (docs/domain/loans.md
 * "Denda"). Pure: the month-end's set-based SQL (src/db/loans/month-end.repo.ts,
 * chargePenalties) computes the same figure per instalment, and
 * test/integration/loans/penalty-property.test.ts compares the two over generated books.
 *
 * Per product, one of:
 * - `daily_percent`: a percentage a day of the overdue instalment amount (principal and interest
 *   still unpaid on it, never the whole outstanding), for the days of the month past the grace,
 *   rounded half up to whole rupiah;
 * - `fixed`: a fixed amount once per late instalment (charged by the first month-end after the
 *   grace, when nothing has been charged on the instalment yet);
 * - `none`.
 * The grace counts from the due date: an instalment due on 2 July with 3 grace days is charged
 * from 6 July. With the cap, an instalment's denda never exceeds the instalment itself.
 *
 * A sharia financing whose member an officer marked unable to pay (tidak mampu, fatwa
 * 17/DSN-MUI/IX/2000: ta'zir only on a member able to pay who delays) carries no denda for the
 * days inside a marked interval: the daily figure counts only the days the member was able, and a
 * fixed denda is charged only when at least one such day is left (docs/domain/sharia-late-payment.md).
 *
 * Worked example (test/unit/loans/penalty.test.ts): instalment of Rp 118,000 due 2 July, 0.1 % a
 * day after 3 days' grace: the July close charges 118,000 × 0.1 % × 26 days (6–31 July) = 3,068;
 * the August close 118,000 × 0.1 % × 31 = 3,658.
 */
import { addDays, daysBetween, type IsoDate } from '../calendar.js';
import { parseDecimal, roundHalfUp } from './schedule.js';

export type PenaltyKind = 'none' | 'daily_percent' | 'fixed';

export interface PenaltyTerms {
  kind: PenaltyKind;
  /** percent of the overdue instalment amount per day, exact decimal text ('0.1') */
  dailyPercent: string;
  fixedRupiah: bigint;
  graceDays: number;
  /** no more denda on an instalment than the instalment (principal + interest) itself */
  cappedAtInstalment: boolean;
}

/** An unpaid instalment of the loan's current schedule, with what was paid and charged on it. */
export interface PenaltyInstalment {
  dueOn: IsoDate;
  principalRupiah: bigint;
  interestRupiah: bigint;
  paidPrincipalRupiah: bigint;
  paidInterestRupiah: bigint;
  /** denda charged on it by earlier month-ends */
  penaltyRupiah: bigint;
}

export interface PenaltyMonth {
  firstDay: IsoDate;
  lastDay: IsoDate;
}

/**
 * A period the member was marked unable to pay: from `fromOn` (included) to `toOn` (excluded; null
 * while the mark stands).
 */
export interface UnablePeriod {
  fromOn: IsoDate;
  toOn: IsoDate | null;
}

/**
 * The days of the month that carry denda: from the later of the first day past the grace and the
 * month's first day, up to and including its last day; 0 while the grace lasts to the last day.
 */
export function penaltyDays(dueOn: IsoDate, graceDays: number, month: PenaltyMonth): number {
  const graceEnds = addDays(dueOn, graceDays);
  if (graceEnds >= month.lastDay) return 0;
  const dayBeforeMonth = addDays(month.firstDay, -1);
  return daysBetween(graceEnds > dayBeforeMonth ? graceEnds : dayBeforeMonth, month.lastDay);
}

/**
 * The days of the month that carry denda and on which the member was not marked unable to pay:
 * penaltyDays less the days of `unable` inside the same window (the periods do not overlap).
 */
export function ableDays(
  dueOn: IsoDate,
  graceDays: number,
  month: PenaltyMonth,
  unable: readonly UnablePeriod[],
): number {
  const days = penaltyDays(dueOn, graceDays, month);
  if (days === 0) return 0;
  const start = addDays(month.lastDay, 1 - days);
  const end = addDays(month.lastDay, 1);
  let off = 0;
  for (const u of unable) {
    const from = u.fromOn > start ? u.fromOn : start;
    const to = u.toOn !== null && u.toOn < end ? u.toOn : end;
    if (to > from) off += daysBetween(from, to);
  }
  return days - off;
}

/**
 * The denda a month-end charges on one unpaid instalment of an active loan (0 when none); none for
 * the days the member was marked unable to pay.
 */
export function penaltyForMonth(
  i: PenaltyInstalment,
  terms: PenaltyTerms,
  month: PenaltyMonth,
  unable: readonly UnablePeriod[] = [],
): bigint {
  const days = ableDays(i.dueOn, terms.graceDays, month, unable);
  if (days === 0 || terms.kind === 'none') return 0n;
  let raw: bigint;
  switch (terms.kind) {
    case 'daily_percent': {
      const owed =
        i.principalRupiah + i.interestRupiah - i.paidPrincipalRupiah - i.paidInterestRupiah;
      const p = parseDecimal(terms.dailyPercent);
      raw = owed > 0n ? roundHalfUp(owed * p.num * BigInt(days), p.den * 100n) : 0n;
      break;
    }
    case 'fixed':
      raw = i.penaltyRupiah === 0n ? terms.fixedRupiah : 0n;
      break;
  }
  const room = i.principalRupiah + i.interestRupiah - i.penaltyRupiah;
  const charge = terms.cappedAtInstalment && room < raw ? room : raw;
  return charge > 0n ? charge : 0n;
}
