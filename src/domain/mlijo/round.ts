/**
 * Order rounds (docs/domain/mlijo.md; after Open Food Network's order cycles, which take orders
 * between an opening and a closing time): a round takes orders from `opensAt` (inclusive) until
 * `closesAt` (exclusive), by the server's clock, for delivery on `deliveryDate`.
 */

export type RoundState = 'upcoming' | 'open' | 'closed';

/** Limits on a round's schedule: open at most 7 days; created at most 31 days at a time. */
export const MAX_ROUND_HOURS = 24 * 7;
export const MAX_REPEAT_DAYS = 31;

export function roundState(round: { opensAt: Date; closesAt: Date }, now: Date): RoundState {
  if (now.getTime() < round.opensAt.getTime()) return 'upcoming';
  if (now.getTime() < round.closesAt.getTime()) return 'open';
  return 'closed';
}

export type ScheduleError = { code: 'MLIJO_ROUND_SCHEDULE_INVALID'; reason: string };

export interface RoundSchedule {
  /** the first delivery day, YYYY-MM-DD (Asia/Jakarta) */
  deliveryDate: string;
  /** local times HH:MM (WIB, UTC+7) and how many days before the delivery day each is */
  opensTime: string;
  opensDaysBefore: number;
  closesTime: string;
  closesDaysBefore: number;
  /** 1 for a one-off round; n for the same round on n delivery days in a row */
  days: number;
}

export interface PlannedRound {
  deliveryDate: string;
  opensAt: Date;
  closesAt: Date;
}

const WIB_OFFSET_MS = 7 * 3600 * 1000;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The instant of a WIB wall-clock time on a date (Indonesia keeps no daylight saving). */
export function wibInstant(date: string, time: string): Date {
  return new Date(new Date(`${date}T${time}:00Z`).getTime() - WIB_OFFSET_MS);
}

/**
 * The rounds of a schedule: e.g. orders 16:00-21:00 the day before, delivery the next morning,
 * every day for 7 days. Example: deliveryDate 2026-12-06, opens 16:00 1 day before, closes 21:00
 * 1 day before, 1 day -> opens 2026-12-05T09:00Z, closes 2026-12-05T14:00Z.
 */
export function planRounds(s: RoundSchedule): PlannedRound[] | ScheduleError {
  const bad = (reason: string): ScheduleError => ({ code: 'MLIJO_ROUND_SCHEDULE_INVALID', reason });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s.deliveryDate)) return bad('deliveryDate');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s.opensTime)) return bad('opensTime');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s.closesTime)) return bad('closesTime');
  if (!Number.isInteger(s.days) || s.days < 1 || s.days > MAX_REPEAT_DAYS) return bad('days');
  const out: PlannedRound[] = [];
  for (let i = 0; i < s.days; i++) {
    const deliveryDate = addDays(s.deliveryDate, i);
    const opensAt = wibInstant(addDays(deliveryDate, -s.opensDaysBefore), s.opensTime);
    const closesAt = wibInstant(addDays(deliveryDate, -s.closesDaysBefore), s.closesTime);
    if (closesAt.getTime() <= opensAt.getTime()) return bad('closesAt must be after opensAt');
    if (closesAt.getTime() - opensAt.getTime() > MAX_ROUND_HOURS * 3600 * 1000)
      return bad('a round is open at most 7 days');
    // orders close before the delivery day ends (WIB)
    if (closesAt.getTime() > wibInstant(addDays(deliveryDate, 1), '00:00').getTime())
      return bad('closesAt after the delivery day');
    out.push({ deliveryDate, opensAt, closesAt });
  }
  return out;
}
