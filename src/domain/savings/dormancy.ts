/**
 * Dormancy of sukarela accounts. savings.md: no member-initiated transaction for N months makes an
 * account dormant; it needs an officer to reactivate (so dormancy is sticky: a later member
 * transaction alone does not lift it).
 */
import { addMonthsClamped, type IsoDate } from '../calendar.js';

export type SukarelaStatus = 'active' | 'dormant';

/**
 * status = 'dormant' if already dormant, or if today ≥ lastActivity + N months (clamped to the
 * month's end, as PostgreSQL `date + make_interval(months => n)`), else 'active'.
 * lastActivityDate is the latest of: the member's last own transaction (deposits, withdrawals;
 * not interest, fees or tax), the opening date, the last officer reactivation.
 * SQL: case when status = 'dormant' or :today >= last_activity + make_interval(months => n)
 *      then 'dormant' else 'active' end.
 */
export function dormancyStatus(input: {
  currentStatus: SukarelaStatus;
  lastActivityDate: IsoDate;
  today: IsoDate;
  dormancyMonths: number | null;
}): SukarelaStatus {
  if (input.currentStatus === 'dormant') return 'dormant';
  if (input.dormancyMonths === null) return 'active';
  return input.today >= addMonthsClamped(input.lastActivityDate, input.dormancyMonths)
    ? 'dormant'
    : 'active';
}
