/** Business dates on the cooperative's calendar (Asia/Jakarta, UTC+7, no daylight saving). */
const JAKARTA_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The Jakarta date (YYYY-MM-DD) of an instant. */
export const jakartaDate = (instant: Date): string =>
  new Date(instant.getTime() + JAKARTA_OFFSET_MS).toISOString().slice(0, 10);

/** Today's business date, as the teller's cash session and the forms default to. */
export const businessToday = (): string => jakartaDate(new Date());

/** The Jakarta date `days` days before today. */
export const daysAgo = (days: number): string => jakartaDate(new Date(Date.now() - days * DAY_MS));

/** Whole days from one date to another (YYYY-MM-DD), negative when `to` is earlier. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
